#include "cases/intake.hpp"
#include "cases/problems.hpp"
#include "util/messages.hpp"

#include "cases/journal.hpp"

#include "cases/views.hpp"
#include "store/case_store.hpp"
#include "util/national_id.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace casectl {

const std::vector<config::RefItem>& kinds() {
  static const std::vector<config::RefItem> items = {{"family", "Семья", "Family", "Отбасы"},
                                                     {"person", "Человек", "Person", "Жеке тұлға"}};
  return items;
}

const std::vector<config::RefItem>& urgencies() {
  static const std::vector<config::RefItem> items = {{"emergency", "Экстренно", "Emergency", "Шұғыл"},
                                                     {"urgent", "Срочно", "Urgent", "Жедел"},
                                                     {"routine", "Планово", "Routine", "Жоспарлы"}};
  return items;
}

const std::vector<config::RefItem>& statuses() {
  static const std::vector<config::RefItem> items = {{status_code::intake, "Приём", "Intake", "Қабылдау"},
                                                     {status_code::assessment, "Оценка", "Assessment", "Бағалау"},
                                                     {status_code::active, "В работе", "Active", "Жұмыста"},
                                                     {status_code::closed, "Закрыт", "Closed", "Жабылды"},
                                                     {status_code::consultation, "Консультация", "Consultation", "Кеңес"}};
  return items;
}

std::string format_case_id(const std::string& format, int year, long long seq) {
  return fmt::format(fmt::runtime(format), fmt::arg("year", year), fmt::arg("seq", seq));
}

namespace {

// The problems of one intake, with the checks its fields need.
struct IntakeProblems : Problems {
  std::string checked_text(const std::string& field, const std::string& value, TextShape shape = TextShape::line) {
    return casectl::checked_text(*this, field, value, shape);
  }

  std::string resolved(const std::vector<config::RefItem>& items, const std::string& value, const std::string& field) {
    Result<std::string> code = config::resolve(items, value, field);
    if (!code) {
      add(field, code.status().message());
      return {};
    }
    return *code;
  }

  // A date that happened: not after `today`. `forms` says whether "yesterday" and "-3d" (counted
  // from `today`) are taken: for the day a signal came in, not for a birth date.
  std::optional<date::Date> checked_date(const std::string& field, const std::string& value, date::Date today,
                                         date::DateForms forms) {
    Result<date::Date> d = date::parse_typed_date(value, today, forms);
    if (!d) {
      add(field, d.status().message());
      return std::nullopt;
    }
    if (*d > today) {
      add(field, fmt::format("{} is in the future (today is {})", date::format_date(*d), date::format_date(today)));
      return std::nullopt;
    }
    return *d;
  }
};

bool looks_like_phone(const std::string& phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') ++digits;
    else if (!std::strchr(" +-().,;", c)) return false;
  }
  return digits >= 5;
}

// A member's national id, checked; an ИИН's birth date must agree with the member's.
void check_national_id(const std::string& field, const std::string& typed, IntakeProblems& problems, Member& m) {
  std::string given = problems.checked_text(field + " national id", typed);
  if (given.empty()) return;
  national_id::Parsed parsed = national_id::parse(given);
  if (!parsed.id) {
    problems.add(field + " national id", parsed.problem);
    return;
  }
  std::string born = national_id::iin_birth_date(parsed.id->digits);
  if (!born.empty() && !m.birth_date.empty() && born != m.birth_date)
    problems.add(field + " national id",
                 trf("the ИИН {} is of someone born {}, but the birth date given is {}; check both", given, born, m.birth_date));
  m.national_id = parsed.id->digits;
}

// Members are written NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE, every part after the name
// optional. The role is free text; when it (or its part before ':', ',' or '(') is a code or label
// of the config's relationships, the member has that relationship too.
void check_members(const IntakeRequest& request, const config::Config& config, const date::Date today, IntakeProblems& problems,
                   Case& c) {
  for (std::size_t i = 0; i < request.members.size(); ++i) {
    const int number = i < request.member_numbers.size() ? request.member_numbers[i] : static_cast<int>(i + 1);
    std::string field = fmt::format("member {}", number);
    std::vector<std::string> parts = text::split(request.members[i], ';');
    if (parts.size() > 5) {
      problems.add(field, trf("'{}' has {} parts; write NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE (all but the "
                              "name may be empty)",
                              request.members[i], parts.size()));
      continue;
    }
    Member m;
    m.name = problems.checked_text(field + " name", parts[0]);
    if (text::trim(parts[0]).empty()) problems.add(field, tr("the name is empty; write NAME;ROLE;BIRTHDATE"));
    if (parts.size() > 1) m.role = problems.checked_text(field + " role", parts[1]);
    m.relationship = config::find_code(config.relationships, m.role);
    if (m.relationship.empty()) {
      std::size_t cut = m.role.find_first_of(":,(");
      if (cut != std::string::npos) m.relationship = config::find_code(config.relationships, m.role.substr(0, cut));
    }
    if (parts.size() > 2 && !text::trim(parts[2]).empty()) {
      std::optional<date::Date> born = problems.checked_date(field + " birth date", parts[2], today, date::DateForms::absolute);
      if (born) m.birth_date = date::format_date(*born);
    }
    if (parts.size() > 3) check_national_id(field, parts[3], problems, m);
    if (parts.size() > 4) m.lives_elsewhere = problems.checked_text(field + " lives elsewhere", parts[4]);
    m.number = number;
    c.members.push_back(std::move(m));
  }
}

} // namespace

std::string member_spec(const Member& m) {
  std::string spec = m.name + ";" + m.role + ";" + m.birth_date + ";" + m.national_id + ";" + m.lives_elsewhere;
  while (spec.back() == ';') spec.pop_back();
  return spec;
}

Case check_case(const IntakeRequest& request, const config::Config& config, const date::Clock& clock,
                std::vector<std::string>& lines) {
  IntakeProblems problems;
  Case c;
  c.name = problems.checked_text("name", request.name);
  if (text::trim(request.name).empty()) problems.add("name", tr("is empty; give the family's or the person's name (--name)"));
  c.kind = problems.resolved(kinds(), request.kind.value_or(config.default_kind), "kind");
  c.consultation = request.consultation;
  c.status = request.consultation ? status_code::consultation : status_code::intake;
  if (request.district) {
    std::string district = problems.checked_text("district", *request.district);
    if (!district.empty()) c.district = problems.resolved(config.districts, district, "district");
  }
  c.address = problems.checked_text("address", request.address.value_or(""));
  c.phone = problems.checked_text("phone", request.phone.value_or(""));
  if (!c.phone.empty() && !looks_like_phone(c.phone))
    problems.add("phone", trf("'{}' is not a phone number; use digits, spaces, + - ( )", c.phone));
  c.source = problems.resolved(config.sources, request.source.value_or(config.default_source), "source");
  c.referrer = problems.checked_text("referrer", request.referrer.value_or(""));
  c.urgency = problems.resolved(urgencies(), request.urgency.value_or(config.default_urgency), "urgency");
  if (request.consent) {
    std::optional<bool> consent = parse_yes_no(*request.consent);
    if (!consent) problems.add("consent", trf("'{}' is neither yes nor no", *request.consent));
    c.consent = consent.value_or(false);
  }
  c.external_id = problems.checked_text("external_id", request.external_id.value_or(""));
  c.note = problems.checked_text("note", request.note.value_or(""), TextShape::verbatim);
  for (const std::string& group : request.groups) {
    std::string g = problems.checked_text("group", group);
    if (g.empty()) continue;
    std::string code = problems.resolved(config.groups, g, "group");
    if (!code.empty() && std::find(c.groups.begin(), c.groups.end(), code) == c.groups.end()) c.groups.push_back(code);
  }
  std::sort(c.groups.begin(), c.groups.end()); // stored and shown in one order, however given
  for (const std::string& problem : request.problems) {
    std::string p = problems.checked_text("problem", problem);
    if (!p.empty()) c.problems.push_back(p);
  }
  check_members(request, config, clock.today, problems, c);

  date::Date opened = clock.today;
  if (request.opened) {
    std::optional<date::Date> d = problems.checked_date("opened", *request.opened, clock.today, date::DateForms::relative_too);
    if (d) opened = *d;
  }
  c.opened = date::format_date(opened);
  if (!problems.empty()) {
    lines.insert(lines.end(), problems.lines.begin(), problems.lines.end());
    return c;
  }

  // The deadline counts from the moment of registration, or from the start of a past day given.
  date::Timestamp from = opened == clock.today ? clock.now : date::local_start_of(opened);
  auto deadline = config.response_deadline.find(c.urgency);
  c.response_due =
      date::format_timestamp(from + (deadline == config.response_deadline.end() ? std::chrono::seconds{0} : deadline->second));
  return c;
}

Result<std::string> next_free_case_id(store::CaseStore& store, const config::Config& config, const std::string& opened_on) {
  bool per_year = config.case_id_format.find("{year") != std::string::npos;
  Result<date::Date> opened = date::parse_date(opened_on);
  if (!opened) return opened.status();
  int year = date::year_of(*opened);
  // Skip numbers whose id is taken (possible after the id format changed).
  for (;;) {
    Result<long long> seq = store.next_case_number(per_year ? year : 0);
    if (!seq) return seq.status();
    std::string id = format_case_id(config.case_id_format, year, *seq);
    Result<bool> taken = store.case_id_exists(id);
    if (!taken) return taken.status();
    if (!*taken) return id;
  }
}

namespace {

// Gives `c` the next free case id of its year (or of the store, when the format has no year).
Status assign_case_id(store::CaseStore& store, const config::Config& config, Case& c) {
  Result<std::string> id = next_free_case_id(store, config, c.opened);
  if (!id) return id.status();
  c.case_id = *id;
  return Status::ok();
}

} // namespace

Result<IntakeResult> intake_case(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                 const IntakeRequest& request, const IntakeOptions& options, bool dry_run) {
  IntakeResult result;
  Status status = store.write(
      [&]() -> Status {
        IntakeSession session(store, config, context, options);
        Result<IntakeResult> added = session.add(request);
        if (!added) return added.status();
        result = std::move(*added);
        if (result.fate != IntakeFate::rejected) return Status::ok();
        if (!result.problems.empty())
          return Status::invalid(trf("the case was not registered:\n  {}", text::join(result.problems, "\n  ")));
        return result.status;
      },
      dry_run);
  if (!status) return status;
  return result;
}

IntakeSession::IntakeSession(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                             IntakeOptions options)
    : m_store(store), m_config(config), m_context(context), m_options(options) {}

IntakeSession::~IntakeSession() = default;

Status IntakeSession::defer_search_index() { return m_store.defer_search_rows(); }

Status IntakeSession::finish() { return m_store.write_deferred_search_rows(); }

namespace {

IntakeResult rejected(Status status, std::vector<std::string> problems = {}) {
  IntakeResult r;
  r.fate = IntakeFate::rejected;
  r.status = std::move(status);
  r.problems = std::move(problems);
  return r;
}

IntakeResult rejected_as_invalid(std::vector<std::string> problems) {
  Status status = Status::invalid(text::join(problems, "; "));
  return rejected(std::move(status), std::move(problems));
}

} // namespace

Result<OnDuplicate> parse_on_duplicate(const std::string& name, const char* option) {
  const std::vector<std::string> policies = {"fail", "skip", "link", "allow"};
  auto it = std::find(policies.begin(), policies.end(), name);
  if (it == policies.end())
    return Status::usage(
        trf("{}: '{}' is not one of fail, skip, link, allow{}", option, name, text::did_you_mean(name, policies)));
  return static_cast<OnDuplicate>(it - policies.begin());
}

namespace {

std::string reasons(const std::vector<DuplicateMatch>& matches) {
  std::vector<std::string> parts;
  for (const DuplicateMatch& m : matches) parts.push_back(m.case_id + " (" + m.reason + ")");
  return text::join(parts, ", ");
}

// The record's fields laid over the stored case: what an update by external id checks.
IntakeRequest merged(const Case& existing, const IntakeRequest& given) {
  IntakeRequest r;
  r.name = text::trim(given.name).empty() ? existing.name : given.name;
  auto pick = [](const std::optional<std::string>& g, const std::string& stored) { return g ? *g : stored; };
  r.kind = pick(given.kind, existing.kind);
  if (given.district || !existing.district.empty()) r.district = pick(given.district, existing.district);
  r.address = pick(given.address, existing.address);
  r.phone = pick(given.phone, existing.phone);
  r.source = pick(given.source, existing.source);
  r.referrer = pick(given.referrer, existing.referrer);
  r.urgency = pick(given.urgency, existing.urgency);
  r.consent = pick(given.consent, existing.consent ? "yes" : "no");
  r.external_id = existing.external_id;
  r.note = pick(given.note, existing.note);
  r.opened = pick(given.opened, existing.opened);
  r.groups = given.groups.empty() ? existing.groups : given.groups;
  r.problems = given.problems.empty() ? existing.problems : given.problems;
  r.members = given.members; // empty: the stored members are kept (see update())
  return r;
}

} // namespace

Result<IntakeResult> IntakeSession::add(const IntakeRequest& request) {
  if (request.external_id && !text::trim(*request.external_id).empty()) {
    auto found = m_store.find_by_external_id(text::trim(*request.external_id));
    if (!found) return found.status();
    if (*found) {
      const auto& [row, existing] = **found;
      if (m_options.on_existing == OnExisting::skip) {
        IntakeResult r;
        r.fate = IntakeFate::skipped;
        r.case_id = existing.case_id;
        return r;
      }
      if (m_options.on_existing == OnExisting::fail)
        return rejected(Status::conflict(trf("external id '{}' already belongs to case {}; "
                                             "use --on-existing update or skip",
                                             existing.external_id, existing.case_id)));
      return update(row, existing, request);
    }
  }
  std::vector<std::string> problems;
  Case c = check_case(request, m_config, m_context.clock, problems);
  if (!problems.empty()) return rejected_as_invalid(std::move(problems));
  return create(std::move(c));
}

Result<IntakeResult> IntakeSession::create(Case c) {
  IntakeResult r;
  if (m_options.on_duplicate != OnDuplicate::allow) {
    auto duplicates = m_store.duplicates_of(c, "");
    if (!duplicates) return duplicates.status();
    r.duplicates = std::move(*duplicates);
  }
  if (!r.duplicates.empty() && m_options.on_duplicate == OnDuplicate::fail) {
    IntakeResult refused = rejected(Status::conflict(
        trf("likely a duplicate of {}; check with 'casectl show {}', then use --on-duplicate link (or allow) to register "
            "it anyway, or skip",
            reasons(r.duplicates), r.duplicates.front().case_id)));
    refused.duplicates = r.duplicates;
    return refused;
  }
  if (!r.duplicates.empty() && m_options.on_duplicate == OnDuplicate::skip) {
    r.fate = IntakeFate::skipped;
    r.case_id = r.duplicates.front().case_id;
    return r;
  }
  const ChangeTime when = change_time(m_context);
  c.created_at = c.updated_at = when.at;
  c.updated_on = when.on;
  c.created_by = m_context.actor;
  CASECTL_TRY(assign_case_id(m_store, m_config, c));
  Result<long long> row = m_store.insert_case(c);
  // An external id another record took is this record's fault; anything else is the store's.
  if (!row && row.status().kind() == ErrorKind::conflict) return rejected(row.status());
  if (!row) return row.status();
  const char* action = c.consultation ? "consultation" : "intake";
  if (m_options.on_duplicate == OnDuplicate::link && !r.duplicates.empty()) {
    Record changes = views::case_record(c);
    Record links = Record::array();
    for (const DuplicateMatch& m : r.duplicates) {
      CASECTL_TRY(m_store.link_cases(*row, m.case_id, m.reason));
      links.push_back({{"case_id", m.case_id}, {"reason", m.reason}});
    }
    changes["possible_duplicates"] = links;
    CASECTL_TRY(journal(m_store, m_context, c.case_id, action, changes));
  } else {
    // The common case, written straight to text: building the Record cost a bulk intake ~13%.
    CASECTL_TRY(journal_json(m_store, m_context, c.case_id, action, views::case_json(c)));
  }
  r.fate = IntakeFate::created;
  r.case_id = c.case_id;
  return r;
}

void keep_stored_fields(Case& c, const Case& existing) {
  c.case_id = existing.case_id;
  c.status = existing.status;
  c.consultation = existing.consultation;
  c.closed = existing.closed;
  c.case_manager = existing.case_manager;
  c.created_at = existing.created_at;
  c.created_by = existing.created_by;
  c.updated_at = existing.updated_at;
  c.updated_on = existing.updated_on;
}

std::vector<Member> keep_member_numbers(const std::vector<Member>& before, std::vector<Member>& after) {
  std::vector<bool> taken(before.size(), false);
  for (Member& m : after) {
    const std::string key = text::search_key(m.name);
    m.number = 0;
    for (std::size_t b = 0; b < before.size() && !m.number; ++b)
      if (!taken[b] && before[b].birth_date == m.birth_date && text::search_key(before[b].name) == key) {
        taken[b] = true;
        m.number = before[b].number;
        // A record from a system that has no such columns says nothing of them: what staff
        // recorded stays (the birth date matched, so a kept ИИН still agrees with it).
        if (m.national_id.empty()) m.national_id = before[b].national_id;
        if (m.lives_elsewhere.empty()) m.lives_elsewhere = before[b].lives_elsewhere;
      }
  }
  std::vector<Member> left_out;
  for (std::size_t b = 0; b < before.size(); ++b)
    if (!taken[b]) left_out.push_back(before[b]);
  return left_out;
}

Result<int> next_member_number(store::CaseStore& store, long long row, const std::vector<Member>& members) {
  Result<std::vector<RemovedMember>> removed = store.removed_members(row);
  if (!removed) return removed.status();
  int highest = 0;
  for (const Member& m : members) highest = std::max(highest, m.number);
  for (const RemovedMember& r : *removed) highest = std::max(highest, r.member.number);
  return highest + 1;
}

int urgency_rank(const std::string& u) { return u == "emergency" ? 0 : u == "urgent" ? 1 : 2; }

Result<IntakeResult> IntakeSession::update(long long row, const Case& existing, const IntakeRequest& request) {
  std::vector<std::string> problems;
  Case c = check_case(merged(existing, request), m_config, m_context.clock, problems);
  if (!problems.empty()) return rejected_as_invalid(std::move(problems));
  std::vector<Member> left_out; // members the record no longer has: kept as removed, their numbers not given again
  if (request.members.empty()) {
    c.members = existing.members;
  } else {
    left_out = keep_member_numbers(existing.members, c.members);
    // Only a household with someone new asks the store (a re-import of the same file does not).
    if (std::any_of(c.members.begin(), c.members.end(), [](const Member& m) { return m.number == 0; })) {
      Result<int> next = next_member_number(m_store, row, existing.members);
      if (!next) return next.status();
      for (Member& m : c.members)
        if (m.number == 0) m.number = (*next)++;
    }
  }
  keep_stored_fields(c, existing);
  // An import never lowers the urgency (an assessment may have raised it since).
  if (urgency_rank(c.urgency) > urgency_rank(existing.urgency)) c.urgency = existing.urgency;
  if (c.urgency == existing.urgency && c.opened == existing.opened) c.response_due = existing.response_due;

  IntakeResult r;
  r.case_id = existing.case_id;
  // A re-import of the same file changes nothing: the two cases' JSON texts (case_json, no Record
  // built) tell that at a fraction of case_changes' cost; only a difference is worked out field by field.
  if (views::case_json(existing) == views::case_json(c)) {
    r.fate = IntakeFate::unchanged;
    return r;
  }
  Record changes = views::case_changes(existing, c);
  if (changes.empty()) {
    r.fate = IntakeFate::unchanged;
    return r;
  }
  const ChangeTime when = change_time(m_context);
  c.updated_at = when.at;
  c.updated_on = when.on;
  CASECTL_TRY(m_store.update_case(row, c));
  for (const Member& m : left_out) CASECTL_TRY(m_store.insert_removed_member(row, {m, when.on, k_left_out_by_update}));
  CASECTL_TRY(journal(m_store, m_context, c.case_id, "update", changes));
  r.fate = IntakeFate::updated;
  return r;
}

} // namespace casectl
