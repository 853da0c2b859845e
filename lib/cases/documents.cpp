#include "cases/documents.hpp"

#include "cases/as_of.hpp"
#include "cases/assign.hpp"
#include "util/messages.hpp"

#include "cases/review.hpp"
#include "cases/views.hpp"
#include "output/redact.hpp"
#include "store/case_store.hpp"
#include "util/files.hpp"
#include "util/text.hpp"
#include "cases/lookups.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <set>
#include <vector>

namespace casectl {

templates::RenderLimits render_limits(const config::Config& config) {
  return {config.templates_max_output_bytes, config.templates_max_depth};
}

const char* document_kind_name(DocumentKind kind) {
  switch (kind) {
  case DocumentKind::case_card: return "case";
  case DocumentKind::plan: return "plan";
  case DocumentKind::assessment: return "assessment";
  case DocumentKind::passport: return "passport";
  }
  return "case";
}

Result<DocumentKind> parse_document_kind(const std::string& name) {
  for (DocumentKind kind : {DocumentKind::case_card, DocumentKind::plan, DocumentKind::assessment, DocumentKind::passport})
    if (name == document_kind_name(kind)) return kind;
  return Status::usage(trf("--document: '{}' is not a kind of document{}; use case, plan, assessment or passport", name,
                           text::did_you_mean(name, {"case", "plan", "assessment", "passport"})));
}

DocumentKind document_kind_of_template(const std::string& template_name) {
  std::size_t slash = template_name.find_last_of('/');
  std::string file = slash == std::string::npos ? template_name : template_name.substr(slash + 1);
  Result<DocumentKind> kind = parse_document_kind(file.substr(0, file.find('.')));
  return kind ? *kind : DocumentKind::case_card;
}

namespace {

// Who delivers each recurring service of a card, as people read it: agency_label (the task's
// agency, else its worker's; null when neither is known) and worker_name.
void add_service_labels(Record& card, const config::Config& config, const Roster& roster) {
  auto services = card.find("services");
  if (services == card.end() || !services->is_array()) return;
  for (Record& service : *services) {
    const Record agency = service.value("agency", Record()), worker = service.value("worker", Record());
    const StaffEntry* staff = worker.is_string() ? roster.find(worker.get<std::string>()) : nullptr;
    std::string code = agency.is_string() ? agency.get<std::string>() : staff ? staff->member.agency : std::string();
    service["agency_label"] = code.empty() ? Record() : Record(views::label_of(config, config.agencies, code));
    service["worker_name"] = !worker.is_string()                    ? Record()
                             : staff && !staff->member.name.empty() ? Record(staff->member.name)
                                                                    : worker;
  }
}

} // namespace

Result<Record> case_card_record(store::CaseStore& store, const Case& c, const config::Config& config, date::Date today) {
  Result<std::vector<Assessment>> assessments = assessments_of(store, c.case_id);
  if (!assessments) return assessments.status();
  Record record = views::case_record(c, *assessments);
  Result<std::optional<CaseAssignment>> people = store.load_assignment(c.case_id);
  if (!people) return people.status();
  if (*people) views::add_people(record, (*people)->supervisor, (*people)->team);
  CASECTL_TRY(add_monitoring(store, c.case_id, today, record));
  Result<CaseState> state = find_case_state(store, c.case_id);
  if (!state) return state.status();
  Result<std::vector<EventRow>> events = store.events_of(state->row);
  if (!events) return events.status();
  Result<std::vector<TaskUpdateRow>> notes = store.task_notes_of(state->row, 0);
  if (!notes) return notes.status();
  Result<std::vector<ClosureRow>> closures = store.closures_of(state->row);
  if (!closures) return closures.status();
  views::add_monitoring_record(record, *events, *notes, *closures, config);
  // Last: the card's fields keep their places for scripts that cut them by position.
  Result<std::vector<RemovedMember>> removed = store.removed_members(state->row);
  if (!removed) return removed.status();
  views::add_removed_members(record, *removed);
  views::name_event_members(record);
  CASECTL_TRY(add_readable_fields(store, config, record, date::format_date(today)));
  // After the labels: the fields before keep their places.
  Result<Record> informed = agencies_informed_record(store, c.case_id, config, std::nullopt, "");
  if (!informed) return informed.status();
  record["agencies_informed"] = std::move(*informed);
  return record;
}

Result<Record> agencies_informed_record(store::CaseStore& store, const std::string& case_id, const config::Config& config,
                                        std::optional<int> revision, const std::string& up_to) {
  Result<CaseState> state = find_case_state(store, case_id);
  if (!state) return state.status();
  Result<std::vector<Plan>> plans = store.load_plans(state->row, state->case_id);
  if (!plans) return plans.status();
  const Plan* plan = latest_approved_plan(*plans);
  if (revision) {
    auto in_force = std::find_if(plans->begin(), plans->end(), [&](const Plan& p) { return p.revision == *revision; });
    plan = in_force == plans->end() ? nullptr : &*in_force;
  }
  Result<std::vector<AgencyInformed>> informed = agencies_informed(store, state->row, plan, config, up_to);
  if (!informed) return informed.status();
  Record list = Record::array();
  for (const AgencyInformed& a : *informed) {
    bool told = !a.informed_on.empty();
    list.push_back({{"agency", a.agency},
                    {"revision", a.revision},
                    {"informed_on", told ? Record(a.informed_on) : Record()},
                    {"how", told ? Record(a.how) : Record()},
                    {"notices", a.notices},
                    {"agency_label", views::label_of(config, config.agencies, a.agency)},
                    {"how_label", told ? Record(views::label_of(config, notice_ways(), a.how)) : Record()}});
  }
  return list;
}

Status add_readable_fields(store::CaseStore& store, const config::Config& config, Record& card, const std::string& on) {
  views::add_case_labels(card, config);
  views::add_member_fields(card, config, on);
  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  add_service_labels(card, config, *roster);
  views::add_staff_names(card, [&](const std::string& login) { return roster->name_of(login); });
  return Status::ok();
}

namespace {

// Item `number` (1-based) of `all`, or the last when 0; nullopt when there are none;
// Status::not_found(out_of_range) for a number past the end.
template <class Item> Result<std::optional<Item>> chosen(std::vector<Item>& all, int number, const std::string& out_of_range) {
  if (all.empty()) return std::optional<Item>();
  std::size_t wanted = number > 0 ? static_cast<std::size_t>(number) : all.size();
  if (wanted > all.size()) return Status::not_found(out_of_range);
  return std::optional<Item>(std::move(all[wanted - 1]));
}

} // namespace

Result<std::optional<Plan>> plan_revision_of(store::CaseStore& store, const std::string& case_id, int revision) {
  Result<std::vector<Plan>> plans = plan_revisions(store, case_id);
  if (!plans) return plans.status();
  return chosen(*plans, revision,
                fmt::format("the plan of {} has {} revision(s); there is no revision {}", case_id, plans->size(), revision));
}

Result<std::optional<Assessment>> assessment_of(store::CaseStore& store, const std::string& case_id, int number) {
  Result<std::vector<Assessment>> all = assessments_of(store, case_id);
  if (!all) return all.status();
  return chosen(*all, number, fmt::format("case {} has {} assessment(s); there is no number {}", case_id, all->size(), number));
}

Result<std::optional<Record>> document_record(store::CaseStore& store, const config::Config& config, DocumentKind kind,
                                              const std::string& case_id, date::Date today) {
  switch (kind) {
  case DocumentKind::case_card: {
    Result<Case> found = find_case(store, case_id);
    if (!found) return found.status();
    Result<Record> card = case_card_record(store, *found, config, today);
    if (!card) return card.status();
    return std::optional<Record>(std::move(*card));
  }
  case DocumentKind::plan: {
    Result<std::optional<Plan>> plan = plan_revision_of(store, case_id);
    if (!plan) return plan.status();
    if (!*plan) return std::optional<Record>();
    Result<Record> document = plan_document_record(store, config, **plan);
    if (!document) return document.status();
    return std::optional<Record>(std::move(*document));
  }
  case DocumentKind::passport: {
    Result<Case> found = find_case(store, case_id);
    if (!found) return found.status();
    Result<Record> passport = passport_record(store, *found, config, today);
    if (!passport) return passport.status();
    return std::optional<Record>(std::move(*passport));
  }
  case DocumentKind::assessment: {
    Result<std::optional<Assessment>> assessment = assessment_of(store, case_id);
    if (!assessment) return assessment.status();
    if (!*assessment) return std::optional<Record>();
    Result<Record> document = assessment_document_record(store, config, **assessment);
    if (!document) return document.status();
    return std::optional<Record>(std::move(*document));
  }
  }
  return Status::internal(tr("unknown kind of document"));
}

namespace {

// The case a plan document is for: case_name, district, district_label, case_manager and its name.
void add_plan_case(Record& record, const Case& c, const config::Config& config, const views::NameOf& name_of) {
  record["case_name"] = c.name;
  record["district"] = views::text_or_null(c.district);
  record["case_manager"] = views::text_or_null(c.case_manager);
  record["district_label"] = c.district.empty() ? Record() : Record(views::label_of(config, config.districts, c.district));
  views::add_staff_names(record, name_of);
  record.erase("supervisor_name"); // a plan names the case manager only
}

std::string nobody(const std::string&) { return {}; }

// A case, an assessment and a plan with one of every list and every optional part, for the shape
// of the documents' records (sample_document).
Case sample_case() {
  Case c;
  c.status = "closed"; // so that the card has its closure
  c.groups = {"group"};
  c.problems = {"problem"};
  c.members = {Member{}};
  return c;
}

Assessment sample_assessment() {
  Assessment a;
  a.scores = {DomainScore{"domain", 1}};
  a.strengths = a.circle_strengths = a.expectations = a.missing_documents = {"text"};
  return a;
}

Plan sample_plan() {
  Plan p;
  p.participants = {"participant"};
  PlanGoal goal;
  goal.number = 1;
  p.goals = {goal};
  PlanTask task;
  task.goal = 1;
  task.notes = {TaskNote{}};
  p.tasks = {task};
  return p;
}

Record sample_card(const config::Config& config) {
  Record card = views::case_record(sample_case(), {sample_assessment()});
  views::add_people(card, "", {TeamMember{}});
  card["next_review_on"] = Record();
  card["services"] = Record::array({service_record(PlanTask{}, date::Date{}, date::Date{}, 0)});
  ClosureRow closure;
  closure.domain_changes_json = R"([{"domain": "domain", "baseline": 1, "final": 2, "change": 1}])";
  EventRow event;
  event.members = {1};
  views::add_monitoring_record(card, {event}, {TaskUpdateRow{}}, {closure}, config);
  views::add_removed_members(card, {RemovedMember{}});
  views::name_event_members(card);
  views::add_case_labels(card, config);
  views::add_member_fields(card, config, "");
  add_service_labels(card, config, Roster({}));
  views::add_staff_names(card, nobody);
  card["agencies_informed"] = Record::array({{{"agency", ""},
                                              {"revision", 0},
                                              {"informed_on", ""},
                                              {"how", ""},
                                              {"notices", 0},
                                              {"agency_label", ""},
                                              {"how_label", ""}}});
  return card;
}

Record sample_assessment_document(const config::Config& config) {
  Record record = views::assessment_record(sample_assessment(), config);
  record["assessor_name"] = "";
  record["participant_names"] = "";
  return record;
}

Record sample_plan_document(const config::Config& config) {
  Record record = views::plan_record(sample_plan(), config, nobody);
  add_plan_case(record, sample_case(), config, nobody);
  return record;
}

} // namespace

Record sample_document(DocumentKind kind, const config::Config& config) {
  switch (kind) {
  case DocumentKind::case_card: return sample_card(config);
  case DocumentKind::plan: return sample_plan_document(config);
  case DocumentKind::assessment: return sample_assessment_document(config);
  case DocumentKind::passport: {
    Record passport = sample_card(config);
    passport["assessment"] = sample_assessment_document(config);
    passport["plan"] = sample_plan_document(config);
    return passport;
  }
  }
  return sample_card(config);
}

Result<Record> plan_document_record(store::CaseStore& store, const config::Config& config, const Plan& plan) {
  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  auto name_of = [&](const std::string& login) { return roster->name_of(login); };
  Record record = views::plan_record(plan, config, name_of);
  Result<Case> found = find_case(store, plan.case_id);
  if (!found) return found.status();
  add_plan_case(record, *found, config, name_of);
  return record;
}

Result<Record> passport_record(store::CaseStore& store, const Case& c, const config::Config& config, date::Date today) {
  Result<Record> card = case_card_record(store, c, config, today);
  if (!card) return card.status();
  Result<std::optional<Assessment>> assessment = assessment_of(store, c.case_id);
  if (!assessment) return assessment.status();
  Record assessed;
  if (*assessment) {
    Result<Record> document = assessment_document_record(store, config, **assessment);
    if (!document) return document.status();
    assessed = std::move(*document);
  }
  Result<std::optional<Plan>> plan = plan_revision_of(store, c.case_id);
  if (!plan) return plan.status();
  Record planned;
  if (*plan) {
    Result<Record> document = plan_document_record(store, config, **plan);
    if (!document) return document.status();
    planned = std::move(*document);
  }
  (*card)["assessment"] = std::move(assessed);
  (*card)["plan"] = std::move(planned);
  return card;
}

Result<Record> assessment_document_record(store::CaseStore& store, const config::Config& config, const Assessment& a) {
  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  Record record = views::assessment_record(a, config);
  std::string name = roster->name_of(a.assessor);
  record["assessor_name"] = name.empty() ? a.assessor : name;
  std::vector<std::string> names;
  for (const std::string& login : a.participants) {
    std::string known = roster->name_of(login);
    names.push_back(known.empty() ? login : known);
  }
  record["participant_names"] = text::join(names, ", ");
  return record;
}

redact::Policy redaction_policy(const config::Config& config) { return redact::Policy{config.language, config.redact_keep}; }

Result<redact::People> case_people(store::CaseStore& store, const std::string& case_id) {
  Result<Case> found = find_case(store, case_id);
  if (!found) return found.status();
  Record record = views::case_record(*found);
  // A member taken out of the household may still be named in the case's notes.
  Result<CaseState> state = find_case_state(store, found->case_id);
  if (!state) return state.status();
  Result<std::vector<RemovedMember>> removed = store.removed_members(state->row);
  if (!removed) return removed.status();
  views::add_removed_members(record, *removed);
  return redact::people_in(record);
}

namespace {

bool safe_in_file_name(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// FNV-1a, 32 bits: stable across runs, platforms and versions, unlike std::hash.
std::uint32_t stable_hash(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

} // namespace

std::string document_file_name(const std::string& case_id, bool html) {
  std::string name;
  for (char c : case_id) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 && byte < 0xC0) continue; // the rest of a character whose first byte became '_'
    name += safe_in_file_name(c) ? c : '_';
  }
  if (name.empty()) name.push_back('_');
  if (name[0] == '.') name[0] = '_'; // a hidden file, or "." and ".."
  if (name != case_id) name += fmt::format("-{:08x}", stable_hash(case_id));
  return name + (html ? ".html" : ".txt");
}

namespace {

std::string joined_path(const std::string& dir, const std::string& file) {
  std::string d = dir;
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d == "/" ? d + file : d + "/" + file;
}

Result<std::vector<std::string>> matching_case_ids(store::CaseStore& store, const CaseFilter& filter) {
  std::vector<std::string> ids;
  CASECTL_TRY(store.each_case(filter, [&](const CaseSummary& s) {
    ids.push_back(s.case_id);
    return Status::ok();
  }));
  return ids;
}

// The case card of `case_id` as of `day`; nullopt when the case was opened after it.
Result<std::optional<Record>> card_as_of(store::CaseStore& store, const config::Config& config, const std::string& case_id,
                                         date::Date day, date::Date today) {
  Result<Case> found = find_case(store, case_id);
  if (!found) return found.status();
  if (found->opened > date::format_date(day)) return std::optional<Record>();
  Result<Record> card = case_card_as_of(store, *found, config, day, today);
  if (!card) return card.status();
  return std::optional<Record>(std::move(*card));
}

// Step 2 of write_documents: every target checked before anything is written.
Status check_targets(const DocumentsRequest& request, const std::vector<std::string>& ids) {
  files::Entry dir = files::entry_at(request.out_dir);
  // A symbolic link to a directory is a directory here ("DIR/." exists).
  if (dir == files::Entry::other && !files::exists(request.out_dir + "/."))
    return Status::cannot_write(trf("cannot write documents to {}: it exists and is not a directory", request.out_dir));
  std::set<std::string> names;
  for (const std::string& id : ids) {
    std::string name = document_file_name(id, request.document.html);
    if (!names.insert(name).second)
      return Status::conflict(trf("two cases would both be written to {} (case {} is one); narrow the filter",
                                  joined_path(request.out_dir, name), id));
    if (dir == files::Entry::none) continue;
    std::string path = joined_path(request.out_dir, name);
    files::Entry target = files::entry_at(path);
    if (target == files::Entry::directory) return Status::cannot_write(trf("cannot write {}: it is a directory", path));
    if (target == files::Entry::other && !request.force)
      return Status::conflict(trf("{} exists (case {}); nothing was written; give --force to replace the "
                                  "documents already there",
                                  path, id));
  }
  return Status::ok();
}

} // namespace

std::string skipped_reason(const DocumentsRequest& request) {
  if (request.as_of) return "opened after " + date::format_date(*request.as_of);
  return request.kind == DocumentKind::plan ? "no plan" : "no assessment";
}

Result<DocumentsSummary> write_documents(store::CaseStore& store, const config::Config& config, const DocumentsRequest& request,
                                         date::Date today, const DocumentsProgress& progress) {
  if (request.out_dir.empty()) return Status::usage(tr("--out: give the directory to write the documents into"));
  if (request.as_of && request.kind != DocumentKind::case_card)
    return Status::usage(tr("--as-of: only the case card can be shown as of a day; use --document case"));
  if (request.as_of && *request.as_of > today)
    return Status::invalid(trf("--as-of: {} is in the future (today is {}); give a day up to today",
                               date::format_date(*request.as_of), date::format_date(today)));
  DocumentsSummary summary;
  Result<std::vector<std::string>> ids = matching_case_ids(store, request.filter);
  if (!ids) return ids.status();
  summary.matched = ids->size();
  if (ids->empty()) return summary;
  CASECTL_TRY(check_targets(request, *ids));
  const Record shape = sample_document(request.kind, config);
  for (const std::string& id : *ids) {
    Result<std::optional<Record>> record = request.as_of ? card_as_of(store, config, id, *request.as_of, today)
                                                         : document_record(store, config, request.kind, id, today);
    if (!record) return record.status();
    if (!*record) {
      ++summary.skipped;
      if (progress.skipped) progress.skipped(id, skipped_reason(request));
      continue;
    }
    if (request.redact) {
      redact::People known;
      // The case card holds its people itself, but a card as of a past day may lack people named
      // since whom its free text may name.
      if (request.kind != DocumentKind::case_card || request.as_of) {
        Result<redact::People> people = case_people(store, id);
        if (!people) return people.status();
        known = std::move(*people);
      }
      redact::redact(**record, redaction_policy(config), known);
    }
    Result<std::string> text = templates::render(request.document, **record, render_limits(config), &shape);
    if (!text) return text.status();
    // Created only now, so that a run that writes nothing (a template error on the first case,
    // every case skipped) leaves no empty directory behind.
    if (summary.written == 0) CASECTL_TRY(files::make_private_dirs(request.out_dir));
    WrittenDocument written{id, joined_path(request.out_dir, document_file_name(id, request.document.html)), text->size()};
    CASECTL_TRY(files::write_file_atomically(written.file, *text));
    ++summary.written;
    if (progress.written) CASECTL_TRY(progress.written(written));
  }
  return summary;
}

} // namespace casectl
