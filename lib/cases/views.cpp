#include "cases/views.hpp"

namespace casectl::views {

namespace {

Record text_or_null(const std::string& value) { return value.empty() ? Record() : Record(value); }

Record string_list(const std::vector<std::string>& values) {
  Record list = Record::array();
  for (const std::string& v : values) list.push_back(v);
  return list;
}

} // namespace

Record case_record(const Case& c) {
  Record members = Record::array();
  for (const Member& m : c.members)
    members.push_back({{"name", m.name}, {"role", text_or_null(m.role)}, {"birth_date", text_or_null(m.birth_date)}});
  return {
      {"case_id", c.case_id},
      {"kind", c.kind},
      {"consultation", c.consultation},
      {"status", c.status},
      {"name", c.name},
      {"district", text_or_null(c.district)},
      {"address", text_or_null(c.address)},
      {"phone", text_or_null(c.phone)},
      {"source", c.source},
      {"referrer", text_or_null(c.referrer)},
      {"urgency", c.urgency},
      {"response_due", c.response_due},
      {"consent", c.consent},
      {"external_id", text_or_null(c.external_id)},
      {"groups", string_list(c.groups)},
      {"problems", string_list(c.problems)},
      {"members", members},
      {"note", text_or_null(c.note)},
      {"opened", c.opened},
      {"closed", text_or_null(c.closed)},
      {"case_manager", text_or_null(c.case_manager)},
      {"created_at", c.created_at},
      {"created_by", c.created_by},
      {"updated_at", c.updated_at},
  };
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
  };
}

const std::vector<Column>& summary_columns() {
  static const std::vector<Column> columns = {
      {"case_id", "CASE"},     {"status", "STATUS"},     {"urgency", "URGENCY"},        {"kind", "KIND"},
      {"name", "NAME"},        {"district", "DISTRICT"}, {"opened", "OPENED"},          {"case_manager", "MANAGER"},
      {"groups", "GROUPS"},    {"members_count", "MEMBERS"},
  };
  return columns;
}

namespace {

// One line a person can read: "registered" for a new record, "field: old → new; ..." for edits.
std::string summary_of(const std::string& action, const Record& changes) {
  if (action == "intake" || action == "consultation") return "registered";
  if (!changes.is_object()) return action;
  std::vector<std::string> parts;
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    const Record& change = it.value();
    if (change.is_array() && change.size() == 2) {
      auto shown = [](const Record& v) { return v.is_string() ? v.get<std::string>() : v.dump(); };
      parts.push_back(it.key() + ": " + shown(change[0]) + " → " + shown(change[1]));
    } else {
      parts.push_back(it.key());
    }
  }
  std::string joined;
  for (const std::string& part : parts) joined += (joined.empty() ? "" : "; ") + part;
  return joined.empty() ? action : joined;
}

} // namespace

Record history_record(const HistoryEntry& e) {
  Record changes = Record::parse(e.changes, nullptr, false);
  if (changes.is_discarded()) changes = e.changes; // keep what is there rather than lose it
  return {
      {"id", e.id},           {"at", e.at},         {"actor", e.actor},                       {"command", e.command},
      {"case_id", e.case_id}, {"action", e.action}, {"summary", summary_of(e.action, changes)}, {"changes", changes},
  };
}

const std::vector<Column>& history_columns() {
  static const std::vector<Column> columns = {
      {"at", "AT"}, {"actor", "ACTOR"}, {"action", "ACTION"}, {"summary", "WHAT CHANGED"}, {"command", "COMMAND"},
  };
  return columns;
}

} // namespace casectl::views
