#include "cases/views.hpp"

#include "cases/intake.hpp"
#include "cases/review.hpp"
#include "util/date.hpp"
#include "util/national_id.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace casectl::views {

Record text_or_null(const std::string& value) { return value.empty() ? Record() : Record(value); }

namespace {

Record string_list(const std::vector<std::string>& values) {
  Record list = Record::array();
  for (const std::string& v : values) list.push_back(v);
  return list;
}

// The fields of a case's view, in their documented order, for both case_record (a Record) and
// case_json (its JSON text): one list, so the two cannot drift apart.
template <class Out> void case_fields(const Case& c, Out& out) {
  out.text("case_id", c.case_id);
  out.text("kind", c.kind);
  out.boolean("consultation", c.consultation);
  out.text("status", c.status);
  out.text("name", c.name);
  out.text_or_null("district", c.district);
  out.text_or_null("address", c.address);
  out.text_or_null("phone", c.phone);
  out.text("source", c.source);
  out.text_or_null("referrer", c.referrer);
  out.text("urgency", c.urgency);
  out.text("response_due", c.response_due);
  out.boolean("consent", c.consent);
  out.text_or_null("external_id", c.external_id);
  out.list("groups", c.groups);
  out.list("problems", c.problems);
  out.members("members", c.members);
  out.text_or_null("note", c.note);
  out.text("opened", c.opened);
  out.text_or_null("closed", c.closed);
  out.text_or_null("case_manager", c.case_manager);
  out.text("created_at", c.created_at);
  out.text("created_by", c.created_by);
  out.text("updated_at", c.updated_at);
}

struct RecordFields {
  Record record = Record::object();
  void text(const char* key, const std::string& value) { record[key] = value; }
  void text_or_null(const char* key, const std::string& value) { record[key] = views::text_or_null(value); }
  void boolean(const char* key, bool value) { record[key] = value; }
  void list(const char* key, const std::vector<std::string>& values) { record[key] = string_list(values); }
  void members(const char* key, const std::vector<Member>& members) {
    Record list = Record::array();
    for (const Member& m : members)
      list.push_back({{"number", m.number},
                      {"name", m.name},
                      {"role", views::text_or_null(m.role)},
                      {"birth_date", views::text_or_null(m.birth_date)},
                      {"relationship", views::text_or_null(m.relationship)},
                      {"national_id", views::text_or_null(m.national_id)},
                      {"lives_elsewhere", views::text_or_null(m.lives_elsewhere)}});
    record[key] = list;
  }
};

// Writes JSON text as Record::dump(-1, ' ', false, replace) does. Text that is not valid UTF-8
// (which dump would mend with U+FFFD) clears `exact`: the caller then dumps the Record instead.
struct JsonFields {
  std::string json = "{";
  bool exact = true;

  void key(const char* name) {
    if (json.size() > 1) json += ',';
    json += '"';
    json += name;
    json += "\":";
  }
  void string(const std::string& value) {
    if (!text::is_valid_utf8(value)) exact = false;
    json += '"';
    for (char ch : value) {
      switch (ch) {
      case '"': json += "\\\""; break;
      case '\\': json += "\\\\"; break;
      case '\b': json += "\\b"; break;
      case '\t': json += "\\t"; break;
      case '\n': json += "\\n"; break;
      case '\f': json += "\\f"; break;
      case '\r': json += "\\r"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) json += fmt::format("\\u{:04x}", static_cast<unsigned char>(ch));
        else json += ch;
      }
    }
    json += '"';
  }
  void string_or_null(const std::string& value) {
    if (value.empty()) json += "null";
    else string(value);
  }
  void text(const char* name, const std::string& value) { key(name), string(value); }
  void text_or_null(const char* name, const std::string& value) { key(name), string_or_null(value); }
  void boolean(const char* name, bool value) { key(name), json += value ? "true" : "false"; }
  void list(const char* name, const std::vector<std::string>& values) {
    key(name);
    json += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) json += ',';
      string(values[i]);
    }
    json += ']';
  }
  void members(const char* name, const std::vector<Member>& members) {
    key(name);
    json += '[';
    for (std::size_t i = 0; i < members.size(); ++i) {
      json += i ? ",{\"number\":" : "{\"number\":";
      json += std::to_string(members[i].number);
      json += ",\"name\":";
      string(members[i].name);
      const Member& m = members[i];
      for (const auto& [field, value] :
           {std::pair{",\"role\":", &m.role}, std::pair{",\"birth_date\":", &m.birth_date},
            std::pair{",\"relationship\":", &m.relationship}, std::pair{",\"national_id\":", &m.national_id},
            std::pair{",\"lives_elsewhere\":", &m.lives_elsewhere}}) {
        json += field;
        string_or_null(*value);
      }
      json += '}';
    }
    json += ']';
  }
};

} // namespace

Record case_record(const Case& c) {
  RecordFields out;
  case_fields(c, out);
  return std::move(out.record);
}

std::string case_json(const Case& c) {
  JsonFields out;
  case_fields(c, out);
  if (!out.exact) return case_record(c).dump(-1, ' ', false, Record::error_handler_t::replace);
  return out.json + '}';
}

Record summary_record(const CaseSummary& s) {
  return {
      {"case_id", s.case_id},
      {"status", s.status},
      {"urgency", s.urgency},
      {"kind", s.kind},
      {"consultation", s.consultation},
      {"name", s.name},
      {"district", text_or_null(s.district)},
      {"opened", s.opened},
      {"response_due", s.response_due},
      {"case_manager", text_or_null(s.case_manager)},
      {"groups", string_list(s.groups)},
      {"members_count", s.members_count},
      {"address", text_or_null(s.address)},
      {"phone", text_or_null(s.phone)},
      {"external_id", text_or_null(s.external_id)},
  };
}

Record summary_record(const CaseSummary& s, const config::Config& config) {
  Record record = summary_record(s);
  add_case_labels(record, config);
  return record;
}

const std::vector<Column>& summary_columns() {
  static const std::vector<Column> columns = {
      {"case_id", "CASE"},  {"status", "STATUS"},         {"urgency", "URGENCY"}, {"kind", "KIND"},
      {"name", "NAME"},     {"district", "DISTRICT"},     {"opened", "OPENED"},   {"case_manager", "MANAGER"},
      {"groups", "GROUPS"}, {"members_count", "MEMBERS"},
  };
  return columns;
}

namespace {

std::string shown_text(const Record& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// One line a person can read: "registered" for a new record, "field: old → new; ..." for edits.
// "member 3 added; member 2 removed; member 1 changed" from a change of the household, by the
// members' numbers (no names: a summary is shown where names are not); "members: 2 → 3" for rows
// journaled before members had numbers.
std::string members_summary(const Record& before, const Record& after) {
  auto numbered = [](const Record& list) {
    if (!list.is_array()) return false;
    for (const Record& m : list)
      if (!m.is_object() || !m.contains("number") || !m["number"].is_number_integer()) return false;
    return true;
  };
  if (!numbered(before) || !numbered(after))
    return "members: " + std::to_string(before.size()) + " → " + std::to_string(after.size());
  auto find = [](const Record& list, const Record& number) -> const Record* {
    for (const Record& m : list)
      if (m["number"] == number) return &m;
    return nullptr;
  };
  std::vector<std::string> parts;
  for (const Record& m : after) {
    const Record* was = find(before, m["number"]);
    if (!was) parts.push_back("member " + m["number"].dump() + " added");
    else if (*was != m) parts.push_back("member " + m["number"].dump() + " changed");
  }
  for (const Record& m : before)
    if (!find(after, m["number"])) parts.push_back("member " + m["number"].dump() + " removed");
  return parts.empty() ? "members" : text::join(parts, "; ");
}

std::string summary_of(const std::string& action, const Record& changes) {
  if (action == "intake" || action == "consultation") return "registered";
  if (action == "plan" && changes.is_object()) {
    std::string what = changes.value("edit", std::string("edit"));
    if (changes.contains("task")) what += " " + changes["task"].dump();
    else if (changes.contains("goal")) what += " " + changes["goal"].dump();
    return "plan revision " + changes.value("revision", Record(0)).dump() + ": " + what;
  }
  if (action == "plan-approve" && changes.is_object())
    return "plan revision " + changes.value("revision", Record(0)).dump() + " approved at the meeting of " +
           changes.value("meeting_on", std::string("?"));
  if (action == "plan-inform" && changes.is_object())
    return changes.value("agency", std::string("?")) + " told of plan revision " + changes.value("revision", Record(0)).dump() +
           " (" + changes.value("how", std::string("?")) + ")";
  if (action == "plan-revise" && changes.is_object())
    return "plan revision " + changes.value("revision", Record(0)).dump() + " started: " + changes.value("reason", std::string());
  if (action == "close" && changes.is_object())
    return "closed: " + changes.value("outcome", std::string("?")) + " (" + changes.value("reason", std::string()) + ")";
  if (action == "reopen" && changes.is_object()) return "reopened: " + changes.value("reason", std::string());
  if (action == "review" && changes.is_object()) {
    std::vector<std::string> parts;
    for (const Record& t : changes.value("tasks", Record::array()))
      parts.push_back("task " + t.value("task", Record(0)).dump() + " " + t["status"][1].get<std::string>());
    for (const Record& d : changes.value("delivered", Record::array()))
      parts.push_back("task " + d.value("task", Record(0)).dump() + " delivered " + d.value("count", Record(0)).dump());
    for (const Record& e : changes.value("events", Record::array())) parts.push_back("event " + e.get<std::string>());
    if (changes.contains("event_members")) {
      std::vector<std::string> numbers;
      for (const Record& m : changes["event_members"]) numbers.push_back(m.dump());
      parts.push_back("members " + text::join(numbers, ", "));
    }
    if (changes.contains("note")) parts.push_back("note");
    if (changes.value("before_opening", false))
      parts.push_back("before the case was opened, on " + changes.value("happened_on", std::string("?")));
    else if (changes.contains("next_review_kept"))
      parts.push_back("back-dated; next review stays " + shown_text(changes["next_review_kept"]));
    else parts.push_back("next review " + changes.value("next_review_on", std::string("?")));
    std::string joined;
    for (const std::string& part : parts) joined += (joined.empty() ? "" : "; ") + part;
    return "review: " + joined;
  }
  if (action == "assess" && changes.is_object()) {
    const Record& risk = changes.value("risk", Record());
    return "assessment " + std::to_string(changes.value("number", 0)) +
           (risk.is_string() ? ", risk " + risk.get<std::string>() : "");
  }
  if (!changes.is_object()) return action;
  std::vector<std::string> parts;
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    const Record& change = it.value();
    if (it.key() == "members" && change.is_array() && change.size() == 2) {
      parts.push_back(members_summary(change[0], change[1]));
    } else if (change.is_array() && change.size() == 2) {
      auto shown = [](const Record& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
      parts.push_back(it.key() + ": " + shown(change[0]) + " → " + shown(change[1]));
    } else if (change.is_string()) {
      parts.push_back(it.key() + ": " + change.get<std::string>());
    } else {
      parts.push_back(it.key());
    }
  }
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : "; ") + part;
  return joined.empty() ? action : joined;
}

} // namespace

std::string change_summary(const std::string& action, const Record& changes) { return summary_of(action, changes); }

Record case_changes(const Case& existing, const Case& c) {
  Record before = case_record(existing);
  Record after = case_record(c);
  Record changes = Record::object();
  for (auto it = after.begin(); it != after.end(); ++it)
    if (before[it.key()] != it.value()) changes[it.key()] = Record::array({before[it.key()], it.value()});
  return changes;
}

Record history_record(const HistoryEntry& e) {
  Record changes = Record::parse(e.changes, nullptr, false);
  if (changes.is_discarded()) changes = e.changes; // keep what is there rather than lose it
  return {
      {"id", e.id},
      {"at", e.at},
      {"actor", e.actor},
      {"command", e.command},
      {"case_id", e.case_id},
      {"action", e.action},
      {"summary", summary_of(e.action, changes)},
      {"changes", changes},
      {"effective_on", e.effective_on.empty() ? Record() : Record(e.effective_on)},
      {"login", e.login.empty() ? Record() : Record(e.login)},
      {"hash", e.hash.empty() ? Record() : Record(e.hash)},
      {"db_role", e.db_role.empty() ? Record() : Record(e.db_role)},
  };
}

const std::vector<Column>& history_columns() {
  static const std::vector<Column> columns = {
      // Existing columns keep their positions (scripts cut them); the new ones come last.
      {"at", "AT"},           {"actor", "ACTOR"},
      {"action", "ACTION"},   {"summary", "WHAT CHANGED"},
      {"command", "COMMAND"}, {"effective_on", "EFFECTIVE"},
      {"login", "LOGIN"},
  };
  return columns;
}

namespace {

const config::RefItem* find_item(const std::vector<config::RefItem>& items, const std::string& code) {
  for (const config::RefItem& item : items)
    if (item.code == code) return &item;
  return nullptr;
}

// Position of a domain in the config, for ordering; unknown domains (renamed since) go last.
std::size_t domain_order(const config::Config& config, const std::string& domain) {
  for (std::size_t i = 0; i < config.domains.size(); ++i)
    if (config.domains[i].code == domain) return i;
  return config.domains.size();
}

} // namespace

std::string label_of(const config::Config& config, const std::vector<config::RefItem>& items, const std::string& code) {
  const config::RefItem* item = find_item(items, code);
  return item ? config.label(*item) : code;
}

Record case_record(const Case& c, const std::vector<Assessment>& assessments) {
  Record record = case_record(c);
  Record list = Record::array();
  for (const Assessment& a : assessments)
    list.push_back({{"number", a.number}, {"assessed_on", a.assessed_on}, {"method", a.method}, {"risk", text_or_null(a.risk)}});
  record["risk"] = assessments.empty() ? Record() : text_or_null(assessments.back().risk);
  record["assessments"] = list;
  return record;
}

void add_people(Record& record, const std::string& supervisor, const std::vector<TeamMember>& team) {
  Record members = Record::array();
  for (const TeamMember& m : team)
    members.push_back({{"login", m.login}, {"role", text_or_null(m.role)}, {"added_on", m.added_on}});
  record["supervisor"] = text_or_null(supervisor);
  record["team"] = members;
}

namespace {

// Sets `key`_label beside `key` when the record has `key`: the label of a code, a list of labels
// for a list of codes, null for null.
void add_label(Record& record, const std::string& key, const config::Config& config, const std::vector<config::RefItem>& items) {
  auto found = record.find(key);
  if (found == record.end()) return;
  Record label;
  if (found->is_string()) {
    label = label_of(config, items, found->get<std::string>());
  } else if (found->is_array()) {
    label = Record::array();
    for (const Record& code : *found)
      label.push_back(code.is_string() ? Record(label_of(config, items, code.get<std::string>())) : code);
  }
  // Erased first: set again after other fields were added (`show --as-of`), the labels stay last.
  record.erase(key + "_label");
  record[key + "_label"] = std::move(label);
}

} // namespace

void add_case_labels(Record& record, const config::Config& config) {
  add_label(record, "kind", config, kinds());
  add_label(record, "status", config, statuses());
  add_label(record, "urgency", config, urgencies());
  add_label(record, "district", config, config.districts);
  add_label(record, "source", config, config.sources);
  add_label(record, "groups", config, config.groups);
  add_label(record, "risk", config, risk_levels());
}

void add_member_fields(Record& record, const config::Config& config, const std::string& on) {
  for (const char* list : {"members", "removed_members"}) {
    auto found = record.find(list);
    if (found == record.end() || !found->is_array()) continue;
    for (Record& m : *found) {
      if (!m.is_object()) continue;
      // A member as a journal row from before schema 21 gives it (`show --as-of`) has none of them.
      for (const char* stored : {"relationship", "national_id", "lives_elsewhere"})
        if (!m.contains(stored)) m[stored] = Record();
      const Record& relationship = m.value("relationship", Record());
      m["relationship_label"] =
          relationship.is_string() ? Record(label_of(config, config.relationships, relationship.get<std::string>())) : Record();
      const Record& id = m.value("national_id", Record());
      std::optional<national_id::Kind> kind;
      if (id.is_string()) kind = national_id::kind_of(id.get<std::string>());
      m["national_id_kind"] = kind ? Record(national_id::code_of(*kind)) : Record();
      // The names both countries' documents use; English readers know them by their transliteration.
      m["national_id_kind_label"] = !kind ? Record()
                                          : Record(config::in_language(config, national_id::name_of(*kind),
                                                                       *kind == national_id::Kind::iin ? "IIN" : "SNILS",
                                                                       *kind == national_id::Kind::iin ? "ЖСН" : "СНИЛС"));
      const Record& born = m.value("birth_date", Record());
      std::optional<int> age = born.is_string() ? date::age_on(born.get<std::string>(), on) : std::nullopt;
      m["age"] = age ? Record(*age) : Record();
      m["minor"] = age ? Record(*age < 18) : Record();
    }
  }
}

void add_staff_names(Record& record, const std::function<std::string(const std::string&)>& name_of) {
  for (const char* key : {"case_manager", "supervisor"}) {
    auto found = record.find(key);
    Record name;
    if (found != record.end() && found->is_string()) {
      std::string login = found->get<std::string>();
      std::string known = name_of(login);
      name = known.empty() ? login : known;
    }
    record.erase(std::string(key) + "_name");
    record[std::string(key) + "_name"] = std::move(name);
  }
}

void name_event_members(Record& card) {
  if (!card.contains("events") || !card["events"].is_array()) return;
  auto name_of = [&](const Record& number) {
    for (const char* list : {"members", "removed_members"})
      if (card.contains(list) && card[list].is_array())
        for (const Record& m : card[list])
          if (m.is_object() && m.value("number", Record()) == number) return m.value("name", Record(""));
    return Record("");
  };
  for (Record& event : card["events"]) {
    if (!event.contains("members") || !event["members"].is_array()) continue;
    Record named = Record::array();
    const Record& numbers = event["members"];
    for (std::size_t i = 0; i < numbers.size(); ++i)
      named.push_back(
          {{"number", numbers[i]}, {"name", name_of(numbers[i])}, {"first", i == 0}, {"last", i + 1 == numbers.size()}});
    event["members"] = named;
  }
}

void add_removed_members(Record& record, const std::vector<RemovedMember>& removed) {
  Record list = Record::array();
  for (const RemovedMember& r : removed)
    list.push_back({{"number", r.member.number},
                    {"name", r.member.name},
                    {"role", text_or_null(r.member.role)},
                    {"birth_date", text_or_null(r.member.birth_date)},
                    {"removed_on", r.removed_on},
                    {"reason", r.reason},
                    {"relationship", text_or_null(r.member.relationship)},
                    {"national_id", text_or_null(r.member.national_id)},
                    {"lives_elsewhere", text_or_null(r.member.lives_elsewhere)}});
  record["removed_members"] = list;
}

Record assessment_record(const Assessment& a, const config::Config& config) {
  std::vector<DomainScore> ordered = a.scores;
  std::stable_sort(ordered.begin(), ordered.end(), [&](const DomainScore& x, const DomainScore& y) {
    return domain_order(config, x.domain) < domain_order(config, y.domain);
  });
  Record scores = Record::array();
  for (const DomainScore& d : ordered)
    scores.push_back({{"domain", d.domain},
                      {"label", label_of(config, config.domains, d.domain)},
                      {"score", d.score ? Record(*d.score) : Record()},
                      {"score_label", d.score ? Record(label_of(config, config.scale, std::to_string(*d.score)))
                                              : Record(config::in_language(config, "не применимо", "not applicable", "қолданылмайды"))}});
  return {
      {"case_id", a.case_id},
      {"number", a.number},
      {"baseline", a.number == 1},
      {"assessed_on", a.assessed_on},
      {"assessor", a.assessor},
      {"method", a.method},
      {"visit_on", text_or_null(a.visit_on)},
      {"living_conditions", text_or_null(a.living_conditions)},
      {"scores", scores},
      {"risk", text_or_null(a.risk)},
      {"derived_risk", text_or_null(a.derived_risk)},
      {"risk_reasons", text_or_null(a.risk_reasons)},
      {"override_reason", text_or_null(a.risk_override_reason)},
      {"immediate_danger", a.immediate_danger},
      {"strengths", string_list(a.strengths)},
      {"circle_strengths", string_list(a.circle_strengths)},
      {"expectations", string_list(a.expectations)},
      {"missing_documents", string_list(a.missing_documents)},
      {"note", text_or_null(a.note)},
      {"created_at", a.created_at},
      {"created_by", a.created_by},
      {"method_label", label_of(config, assessment_methods(), a.method)},
      {"risk_label", a.risk.empty() ? Record() : Record(label_of(config, risk_levels(), a.risk))},
      {"derived_risk_label", a.derived_risk.empty() ? Record() : Record(label_of(config, risk_levels(), a.derived_risk))},
      {"participants", string_list(a.participants)},
  };
}

std::vector<Record> domain_history_records(const std::vector<Assessment>& all, const config::Config& config) {
  std::vector<std::string> domains;
  for (const Assessment& a : all)
    for (const DomainScore& d : a.scores)
      if (std::find(domains.begin(), domains.end(), d.domain) == domains.end()) domains.push_back(d.domain);
  std::stable_sort(domains.begin(), domains.end(),
                   [&](const std::string& x, const std::string& y) { return domain_order(config, x) < domain_order(config, y); });
  std::vector<Record> rows;
  for (const std::string& domain : domains) {
    Record series = Record::array();
    std::optional<int> baseline, latest;
    std::string shown;
    for (const Assessment& a : all)
      for (const DomainScore& d : a.scores) {
        if (d.domain != domain) continue;
        series.push_back(
            {{"number", a.number}, {"assessed_on", a.assessed_on}, {"score", d.score ? Record(*d.score) : Record()}});
        if (!shown.empty()) shown += " → ";
        shown += d.score ? std::to_string(*d.score) : "na";
        if (d.score) {
          if (!baseline) baseline = d.score;
          latest = d.score;
        }
      }
    rows.push_back({{"domain", domain},
                    {"label", label_of(config, config.domains, domain)},
                    {"baseline", baseline ? Record(*baseline) : Record()},
                    {"latest", latest ? Record(*latest) : Record()},
                    {"change", baseline && latest ? Record(*latest - *baseline) : Record()},
                    {"trend", shown},
                    {"series", series}});
  }
  return rows;
}

const std::vector<Column>& domain_history_columns() {
  static const std::vector<Column> columns = {{"domain", "DOMAIN"}, {"label", "LABEL"},   {"baseline", "BASELINE"},
                                              {"latest", "LATEST"}, {"change", "CHANGE"}, {"trend", "TREND"}};
  return columns;
}

namespace {

std::string worker_name(const PlanTask& t, const NameOf& name_of) {
  std::string name = name_of && !t.worker.empty() ? name_of(t.worker) : std::string();
  return name.empty() ? t.worker : name;
}

std::string responsible_of(const PlanTask& t, const config::Config& config, const NameOf& name_of) {
  std::vector<std::string> who;
  if (!t.agency.empty()) who.push_back(label_of(config, config.agencies, t.agency));
  if (!t.worker.empty()) who.push_back(worker_name(t, name_of));
  if (!t.family_member.empty()) who.push_back(config::in_language(config, "семья: ", "family: ", "отбасы: ") + t.family_member);
  return text::join(who, ", ");
}

Record frequency_of(const PlanTask& t) {
  if (t.continuous) return "continuous";
  return t.frequency_count > 0 ? Record(std::to_string(t.frequency_count) + "/" + t.frequency_period) : Record();
}

// "5 раз в неделю", "2 раза в день" / "5 times a week", "once a month"; null for a one-off task.
Record frequency_label_of(const PlanTask& t, const config::Config& config) {
  if (t.frequency_count <= 0) return nullptr;
  if (t.continuous) return config::in_language(config, "круглосуточно", "around the clock", "тәулік бойы");
  int n = t.frequency_count;
  const std::string& period = t.frequency_period;
  if (config.language == "en") {
    std::string times = n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times";
    return times + " a " + period;
  }
  // Kazakh counts with the bare noun: "күніне 2 рет", "аптасына 5 рет".
  if (config.language == "kk")
    return fmt::format("{} {} рет", period == "day" ? "күніне" : period == "week" ? "аптасына" : "айына", n);
  bool few = n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14);
  const char* per = period == "day" ? "в день" : period == "week" ? "в неделю" : "в месяц";
  return fmt::format("{} {} {}", n, few ? "раза" : "раз", per);
}

const std::vector<config::RefItem>& plan_statuses() {
  static const std::vector<config::RefItem> items = {{"draft", "черновик", "draft", "жоба"},
                                                     {"approved", "утверждён", "approved", "бекітілді"},
                                                     {"superseded", "заменён новой редакцией", "superseded", "жаңа редакциямен ауыстырылды"}};
  return items;
}

Record task_notes(const std::vector<TaskNote>& notes, const config::Config& config) {
  Record list = Record::array();
  for (const TaskNote& n : notes)
    list.push_back({{"updated_on", n.updated_on},
                    {"status", n.status},
                    {"status_label", label_of(config, task_statuses(), n.status)},
                    {"note", n.note},
                    {"updated_by", n.updated_by},
                    {"revision", n.revision}});
  return list;
}

} // namespace

Record task_record(const PlanTask& t, const config::Config& config, const NameOf& name_of) {
  return {
      {"number", t.number},
      {"goal", t.goal},
      {"what", t.what},
      {"priority", t.priority},
      {"priority_label", label_of(config, task_priorities(), t.priority)},
      {"responsible", responsible_of(t, config, {})},
      {"agency", text_or_null(t.agency)},
      {"worker", text_or_null(t.worker)},
      {"family_member", text_or_null(t.family_member)},
      {"due_on", text_or_null(t.due_on)},
      {"offset_days", t.offset_days ? Record(*t.offset_days) : Record()},
      {"frequency", frequency_of(t)},
      {"frequency_count", t.frequency_count > 0 ? Record(t.frequency_count) : Record()},
      {"frequency_period", text_or_null(t.frequency_period)},
      {"frequency_label", frequency_label_of(t, config)},
      {"status", t.status},
      {"status_label", label_of(config, task_statuses(), t.status)},
      {"notes", task_notes(t.notes, config)},
      {"agency_label", t.agency.empty() ? Record() : Record(label_of(config, config.agencies, t.agency))},
      {"worker_name", text_or_null(worker_name(t, name_of))},
      {"responsible_label", responsible_of(t, config, name_of)},
  };
}

const std::vector<Column>& task_columns() {
  static const std::vector<Column> columns = {{"number", "TASK"},         {"goal", "GOAL"},       {"priority", "PRIORITY"},
                                              {"what", "WHAT"},           {"responsible", "WHO"}, {"due_on", "DUE"},
                                              {"frequency", "FREQUENCY"}, {"status", "STATUS"}};
  return columns;
}

Record plan_record(const Plan& p, const config::Config& config, const NameOf& name_of) {
  Record goals = Record::array();
  Record tasks = Record::array();
  for (const PlanTask& t : p.tasks) tasks.push_back(task_record(t, config, name_of));
  for (const PlanGoal& g : p.goals) {
    Record own = Record::array();
    for (const PlanTask& t : p.tasks)
      if (t.goal == g.number) own.push_back(task_record(t, config, name_of));
    goals.push_back({{"number", g.number},
                     {"domain", text_or_null(g.domain)},
                     {"domain_label", g.domain.empty() ? Record() : Record(label_of(config, config.domains, g.domain))},
                     {"target", g.target ? Record(*g.target) : Record()},
                     {"expectation", text_or_null(g.expectation)},
                     {"description", g.description},
                     {"tasks", own}});
  }
  return {
      {"case_id", p.case_id},
      {"revision", p.revision},
      {"status", p.status},
      {"status_label", label_of(config, plan_statuses(), p.status)},
      {"start_on", p.start_on},
      {"template", text_or_null(p.template_name)},
      {"revision_reason", text_or_null(p.revision_reason)},
      {"meeting_on", text_or_null(p.meeting_on)},
      {"participants", string_list(p.participants)},
      {"decision", text_or_null(p.decision)},
      {"approved_at", text_or_null(p.approved_at)},
      {"approved_by", text_or_null(p.approved_by)},
      {"created_at", p.created_at},
      {"created_by", p.created_by},
      {"goals", goals},
      {"tasks", tasks},
  };
}

Record agency_task_record(const AgencyTask& a, const config::Config& config, const NameOf& name_of) {
  Record r = {{"case_id", a.case_id},
              {"case_name", a.case_name},
              {"district", text_or_null(a.district)},
              {"case_manager", text_or_null(a.case_manager)},
              {"revision", a.revision},
              {"goal_description", text_or_null(a.goal_description)}};
  Record task = task_record(a.task, config, name_of);
  task.erase("notes"); // the listing across cases does not read the notes; `plan CASE` shows them
  for (auto it = task.begin(); it != task.end(); ++it) r[it.key() == "number" ? "task" : it.key()] = it.value();
  r["district_label"] = a.district.empty() ? Record() : Record(label_of(config, config.districts, a.district));
  return r;
}

const std::vector<Column>& agency_task_columns() {
  static const std::vector<Column> columns = {{"case_id", "CASE"},        {"task", "TASK"},       {"priority", "PRIORITY"},
                                              {"what", "WHAT"},           {"responsible", "WHO"}, {"due_on", "DUE"},
                                              {"frequency", "FREQUENCY"}, {"status", "STATUS"},   {"case_name", "FAMILY"},
                                              {"district", "DISTRICT"}};
  return columns;
}

} // namespace casectl::views

namespace casectl::views {

namespace {

Record closure_record(const ClosureRow& c, const config::Config& config) {
  Record changes = Record::parse(c.domain_changes_json, nullptr, false);
  if (!changes.is_array()) changes = Record::array();
  for (Record& d : changes)
    if (d.is_object() && d.contains("domain") && d["domain"].is_string())
      d["label"] = label_of(config, config.domains, d["domain"].get<std::string>());
  return {
      {"closed_on", c.closed_on},
      {"reason", c.reason},
      {"outcome", c.outcome},
      {"outcome_label", label_of(config, outcomes(), c.outcome)},
      {"expectations_met", c.expectations_met},
      {"expectations_note", text_or_null(c.expectations_note)},
      {"final_assessment", c.final_assessment ? Record(*c.final_assessment) : Record()},
      {"domain_changes", changes},
      {"forced_reason", text_or_null(c.forced_reason)},
      {"reopened_on", text_or_null(c.reopened_on)},
      {"reopen_reason", text_or_null(c.reopen_reason)},
      {"closed_by", c.closed_by},
      {"expectations_met_label", label_of(config, expectation_answers(), c.expectations_met)},
  };
}

} // namespace

void add_monitoring_record(Record& record, const std::vector<EventRow>& events, const std::vector<TaskUpdateRow>& task_notes,
                           const std::vector<ClosureRow>& closures, const config::Config& config) {
  Record event_list = Record::array();
  for (const EventRow& e : events)
    event_list.push_back({{"happened_on", e.happened_on},
                          {"event", e.type},
                          {"event_label", label_of(config, config.events, e.type)},
                          {"before_opening", e.before_opening},
                          {"members", e.members},
                          {"note", text_or_null(e.note)},
                          {"recorded_by", e.recorded_by}});
  Record note_list = Record::array();
  for (const TaskUpdateRow& n : task_notes)
    note_list.push_back({{"updated_on", n.updated_on},
                         {"task", n.task},
                         {"revision", n.revision},
                         {"status", n.status},
                         {"status_label", label_of(config, task_statuses(), n.status)},
                         {"note", n.note},
                         {"updated_by", n.updated_by}});
  Record closure_list = Record::array();
  for (const ClosureRow& c : closures) closure_list.push_back(closure_record(c, config));
  bool closed = record.value("status", std::string()) == "closed";
  record["events"] = event_list;
  record["task_notes"] = note_list;
  record["closure"] = closed && !closure_list.empty() ? closure_list.back() : Record();
  record["closures"] = closure_list;
}

} // namespace casectl::views
