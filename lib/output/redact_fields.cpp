#include "output/redact_fields.hpp"

#include <algorithm>
#include <array>

namespace casectl::redact {

namespace {

struct Listed {
  std::string_view key;
  FieldClass field_class;
};

// The one list. Free text first (in the order docs/reports.md lists it), then
// personal data, then what is safe. Keep each group sorted by the record it first appears in.
constexpr std::array k_fields = {
    // Free text: typed by people, may name anyone.
    Listed{"problems", FieldClass::free_text},          // case: presenting problems
    Listed{"note", FieldClass::free_text},              // case, assessment, review, journal
    Listed{"role", FieldClass::free_text},              // household member's role ("бабушка")
    Listed{"living_conditions", FieldClass::free_text}, // assessment
    Listed{"risk_reasons", FieldClass::free_text},
    Listed{"override_reason", FieldClass::free_text},
    Listed{"strengths", FieldClass::free_text},
    Listed{"circle_strengths", FieldClass::free_text},
    Listed{"expectations", FieldClass::free_text},
    Listed{"missing_documents", FieldClass::free_text},
    Listed{"revision_reason", FieldClass::free_text}, // plan
    Listed{"decision", FieldClass::free_text},
    Listed{"expectation", FieldClass::free_text},       // plan goal
    Listed{"description", FieldClass::free_text},       // plan goal
    Listed{"goal_description", FieldClass::free_text},  // plan tasks
    Listed{"what", FieldClass::free_text},              // plan task, service, due item
    Listed{"what_label", FieldClass::derived},          // due item: a task's `what` (redacted as it), or the review's label
    Listed{"reason", FieldClass::free_text},            // closing, reopening, plan revision (journal)
    Listed{"expectations_note", FieldClass::free_text}, // closing
    Listed{"forced_reason", FieldClass::free_text},
    Listed{"open_tasks_left", FieldClass::free_text}, // closing: "1 (the task's what)"
    Listed{"task_note", FieldClass::free_text},       // review
    Listed{"event_note", FieldClass::free_text},      // review
    // Personal data of the people helped.
    Listed{"name", FieldClass::person_name},
    Listed{"case_name", FieldClass::person_name},
    Listed{"family_member", FieldClass::person_name},
    Listed{"referrer", FieldClass::person_name},
    Listed{"participants", FieldClass::person_name},
    Listed{"address", FieldClass::address},
    Listed{"phone", FieldClass::phone},
    Listed{"external_id", FieldClass::external_id},
    Listed{"birth_date", FieldClass::birth_date},
    Listed{"national_id", FieldClass::external_id}, // household member: ИИН or СНИЛС
    Listed{"lives_elsewhere", FieldClass::address}, // household member: where one lives away from the household
    Listed{"responsible", FieldClass::derived},
    Listed{"responsible_label", FieldClass::derived},
    Listed{"summary", FieldClass::derived},
    Listed{"command", FieldClass::command},
    // Safe: codes, dates, numbers, labels from the config, staff logins and staff names.
    // case card
    Listed{"case_id", FieldClass::safe},
    Listed{"kind", FieldClass::safe},
    Listed{"consultation", FieldClass::safe},
    Listed{"status", FieldClass::safe},
    Listed{"district", FieldClass::safe},
    Listed{"source", FieldClass::safe},
    Listed{"urgency", FieldClass::safe},
    Listed{"response_due", FieldClass::safe},
    Listed{"consent", FieldClass::safe},
    Listed{"groups", FieldClass::safe},
    Listed{"members", FieldClass::safe},
    Listed{"opened", FieldClass::safe},
    Listed{"closed", FieldClass::safe},
    Listed{"case_manager", FieldClass::safe},
    Listed{"created_at", FieldClass::safe},
    Listed{"created_by", FieldClass::safe},
    Listed{"updated_at", FieldClass::safe},
    Listed{"risk", FieldClass::safe},
    Listed{"assessments", FieldClass::safe},
    Listed{"supervisor", FieldClass::safe},
    Listed{"team", FieldClass::safe},
    Listed{"login", FieldClass::safe},
    Listed{"db_role", FieldClass::safe}, // a database role: the office's login on the server, as `login` is the OS's
    Listed{"added_on", FieldClass::safe},
    Listed{"next_review_on", FieldClass::safe},
    Listed{"services", FieldClass::safe},
    Listed{"task", FieldClass::safe},
    Listed{"frequency", FieldClass::safe},
    Listed{"from", FieldClass::safe},
    Listed{"to", FieldClass::safe},
    Listed{"due", FieldClass::safe},
    Listed{"delivered", FieldClass::safe},
    Listed{"percent", FieldClass::safe},
    Listed{"members_count", FieldClass::safe},
    Listed{"relationship", FieldClass::safe},
    Listed{"relationship_label", FieldClass::safe},
    Listed{"national_id_kind", FieldClass::safe},
    Listed{"national_id_kind_label", FieldClass::safe},
    Listed{"age", FieldClass::safe}, // household member: whole years; the birth date shows the year too
    Listed{"minor", FieldClass::safe},
    Listed{"removed_members", FieldClass::safe}, // its names, birth dates and reasons are redacted by their keys
    Listed{"removed_on", FieldClass::safe},
    // assessment
    Listed{"number", FieldClass::safe},
    Listed{"baseline", FieldClass::safe},
    Listed{"assessed_on", FieldClass::safe},
    Listed{"assessor", FieldClass::safe},
    Listed{"method", FieldClass::safe},
    Listed{"visit_on", FieldClass::safe},
    Listed{"scores", FieldClass::safe},
    Listed{"domain", FieldClass::safe},
    Listed{"label", FieldClass::safe},
    Listed{"score", FieldClass::safe},
    Listed{"score_label", FieldClass::safe},
    Listed{"derived_risk", FieldClass::safe},
    Listed{"immediate_danger", FieldClass::safe},
    Listed{"latest", FieldClass::safe},
    Listed{"change", FieldClass::safe},
    Listed{"trend", FieldClass::safe},
    Listed{"series", FieldClass::safe},
    // plan
    Listed{"revision", FieldClass::safe},
    Listed{"status_label", FieldClass::safe},
    Listed{"start_on", FieldClass::safe},
    Listed{"template", FieldClass::safe},
    Listed{"meeting_on", FieldClass::safe},
    Listed{"approved_at", FieldClass::safe},
    Listed{"approved_by", FieldClass::safe},
    Listed{"goals", FieldClass::safe},
    Listed{"tasks", FieldClass::safe},
    Listed{"domain_label", FieldClass::safe},
    Listed{"target", FieldClass::safe},
    Listed{"goal", FieldClass::safe},
    Listed{"priority", FieldClass::safe},
    Listed{"priority_label", FieldClass::safe},
    Listed{"agency", FieldClass::safe},
    Listed{"worker", FieldClass::safe},
    Listed{"due_on", FieldClass::safe},
    Listed{"offset_days", FieldClass::safe},
    Listed{"frequency_count", FieldClass::safe},
    Listed{"frequency_period", FieldClass::safe},
    Listed{"frequency_label", FieldClass::safe},
    Listed{"plan", FieldClass::safe},
    Listed{"assessment", FieldClass::safe}, // the passport's latest assessment; its fields are redacted by their keys
    Listed{"edit", FieldClass::safe},
    // review, closing, journal
    Listed{"id", FieldClass::safe},
    Listed{"at", FieldClass::safe},
    Listed{"actor", FieldClass::safe},
    Listed{"effective_on", FieldClass::safe}, // the journal's business date
    Listed{"hash", FieldClass::safe},         // the journal's chain hash (of the row as stored)
    Listed{"action", FieldClass::safe},
    Listed{"changes", FieldClass::safe},
    Listed{"reviewed_on", FieldClass::safe},
    Listed{"on", FieldClass::safe},
    Listed{"count", FieldClass::safe},
    Listed{"events", FieldClass::safe},
    Listed{"event_type", FieldClass::safe},
    Listed{"happened_on", FieldClass::safe},
    Listed{"closed_on", FieldClass::safe},
    Listed{"outcome", FieldClass::safe},
    Listed{"outcome_label", FieldClass::safe},
    Listed{"event", FieldClass::safe}, // an event's type code (show's events)
    Listed{"event_label", FieldClass::safe},
    Listed{"expectations_met", FieldClass::safe},
    Listed{"final_assessment", FieldClass::safe},
    Listed{"domain_changes", FieldClass::safe},
    Listed{"final", FieldClass::safe},
    Listed{"reopened_on", FieldClass::safe},
    Listed{"schema_version", FieldClass::safe},
    Listed{"team_member", FieldClass::safe},
    // the other columns of the monitoring tables (schema.cpp), for the records that show them
    Listed{"updated_on", FieldClass::safe},
    Listed{"updated_by", FieldClass::safe},
    Listed{"recorded_by", FieldClass::safe},
    Listed{"recorded_at", FieldClass::safe},
    Listed{"reviewer", FieldClass::safe},
    Listed{"delivered_on", FieldClass::safe},
    Listed{"closed_by", FieldClass::safe},
    // assignment, staff, caseload, reassign
    Listed{"case_manager_name", FieldClass::safe},
    Listed{"supervisor_name", FieldClass::safe},
    Listed{"districts", FieldClass::safe},
    Listed{"capacity", FieldClass::safe},
    Listed{"active", FieldClass::safe},
    Listed{"open_cases", FieldClass::safe},
    Listed{"free", FieldClass::safe},
    Listed{"load_percent", FieldClass::safe},
    Listed{"over_capacity", FieldClass::safe},
    Listed{"team_cases", FieldClass::safe},
    Listed{"by_district", FieldClass::safe},
    Listed{"known", FieldClass::safe},
    // reports and their heading; config show; report cases
    Listed{"figure", FieldClass::safe},
    Listed{"value", FieldClass::safe},
    Listed{"previous", FieldClass::safe},
    Listed{"change_percent", FieldClass::safe},
    Listed{"period", FieldClass::safe},
    Listed{"today", FieldClass::safe},
    Listed{"by", FieldClass::safe},
    Listed{"district_label", FieldClass::safe},
    // the labels and names people read in place of codes and logins (views::add_case_labels)
    Listed{"kind_label", FieldClass::safe},
    Listed{"urgency_label", FieldClass::safe},
    Listed{"source_label", FieldClass::safe},
    Listed{"groups_label", FieldClass::safe},
    Listed{"risk_label", FieldClass::safe},
    Listed{"agency_label", FieldClass::safe},
    Listed{"expectations_met_label", FieldClass::safe},
    Listed{"case_manager_name", FieldClass::safe}, // staff names are safe
    Listed{"supervisor_name", FieldClass::safe},
    Listed{"worker_name", FieldClass::safe},
    Listed{"assessor_name", FieldClass::safe},
    Listed{"participant_names", FieldClass::safe}, // the team who came on a visit: staff
    Listed{"method_label", FieldClass::safe},
    Listed{"derived_risk_label", FieldClass::safe},
    Listed{"filters", FieldClass::safe},
    Listed{"flag", FieldClass::safe},
    Listed{"open_at_end", FieldClass::safe},
    Listed{"in_intake", FieldClass::safe},
    Listed{"in_assessment", FieldClass::safe},
    Listed{"families", FieldClass::safe},
    Listed{"people", FieldClass::safe},
    Listed{"consultations", FieldClass::safe},
    Listed{"people_consulted", FieldClass::safe},
    Listed{"group", FieldClass::safe},
    Listed{"group_label", FieldClass::safe},
    Listed{"first_in_group", FieldClass::safe},
    Listed{"measured", FieldClass::safe},
    // the store's own columns, as `export` writes them (its search keys stay unknown: hidden)
    Listed{"position", FieldClass::safe},
    Listed{"spell", FieldClass::safe},
    Listed{"opened_on", FieldClass::safe},
    Listed{"changed_on", FieldClass::safe},
    Listed{"grp", FieldClass::safe},
    Listed{"since", FieldClass::safe},
    Listed{"until_on", FieldClass::safe},
    Listed{"attribute", FieldClass::safe},
    Listed{"year", FieldClass::safe},
    Listed{"last_seq", FieldClass::safe},
    Listed{"origin_store", FieldClass::safe},
    Listed{"origin_case_id", FieldClass::safe},
    Listed{"relation", FieldClass::safe},
    Listed{"added_by", FieldClass::safe},
    Listed{"previous_hash", FieldClass::safe},
    Listed{"cases", FieldClass::safe},
    Listed{"overdue_tasks", FieldClass::safe},
    Listed{"overdue_reviews", FieldClass::safe},
    Listed{"late_responses", FieldClass::safe},
    Listed{"under_delivered", FieldClass::safe},
    Listed{"total", FieldClass::safe},
    Listed{"delivered_percent", FieldClass::safe},
    Listed{"shortfall", FieldClass::safe},
    Listed{"key", FieldClass::safe},
    Listed{"origin", FieldClass::safe},
    Listed{"file", FieldClass::safe},
    Listed{"bytes", FieldClass::safe},
};

bool contains(std::string_view key, std::string_view part) { return key.find(part) != std::string_view::npos; }

} // namespace

FieldClass classify(std::string_view key, const FieldContext& context) {
  if (context.staff && (key == "name" || key == "role")) return FieldClass::safe;
  if (context.parent == "filters" && key == "name") return FieldClass::safe;
  for (const Listed& field : k_fields)
    if (field.key == key) return field.field_class;
  if (contains(key, "note") || contains(key, "reason") || contains(key, "description")) return FieldClass::free_text;
  return FieldClass::unknown;
}

const std::vector<std::string>& free_text_fields() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Listed& field : k_fields)
      if (field.field_class == FieldClass::free_text) out.emplace_back(field.key);
    return out;
  }();
  return names;
}

bool keepable(std::string_view name) { return classify(name) == FieldClass::free_text; }

} // namespace casectl::redact
