// What monitoring records and reads back: events, task notes, closures, spells of work, and what
// is due. Plain structs, no behaviour.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// A significant event as recorded.
struct EventRow {
  std::string type;            // the config's event code as it was then
  std::string happened_on;     // YYYY-MM-DD
  bool before_opening = false; // history: it happened before the case was opened
  std::string note;
  std::string recorded_by, recorded_at;
  std::vector<int> members = {}; // the household members it concerns, by number, ascending; none: the family as a whole
};

// One change of a plan task's status, with its note.
struct TaskUpdateRow {
  int revision = 0, task = 0;
  std::string status, note, updated_on, updated_by;
};

// One closing of the case, kept when it is reopened.
struct ClosureRow {
  std::string closed_on, reason, outcome, expectations_met, expectations_note, domain_changes_json, forced_reason;
  std::string reopened_on, reopen_reason; // "" while the case stays closed
  std::string closed_by, created_at;
  std::optional<int> final_assessment;
};

// A closing of a case, as `review --close` records it.
struct Closure {
  std::string closed_on, reason, outcome, expectations_met, expectations_note, domain_changes_json, forced_reason, closed_by, at;
  std::optional<int> final_assessment;
};

// The case's latest spell of work (case_periods): from the opening or the last reopening, to its
// closing ("" while open).
struct CasePeriod {
  std::string opened_on, closed_on;
};

// Something overdue or due soon, as `casectl due` lists it.
struct DueItem {
  std::string kind; // overdue-task | task-due | overdue-review | review-due | late-response | response-due |
                    // under-delivered | agency-not-informed | agency-to-inform
  std::string case_id, case_name, district, case_manager, agency;
  std::string what; // the task, "review", "first response", the service
  std::string due;  // the date or moment it was due
  int task = 0;
  int due_count = 0, delivered = 0; // under-delivered services over the last period
};

struct DueFilter {
  std::string today;           // YYYY-MM-DD
  std::string now;             // YYYY-MM-DDTHH:MM:SSZ
  std::string until;           // include what falls due up to this date (today for overdue only)
  std::string responses_until; // first responses due before this moment (YYYY-MM-DDTHH:MM:SSZ): now, or
                               // the end of `until` in local time when that is later
  std::vector<std::string> managers, districts, agencies;
  // Agencies of an approved plan not yet told of its tasks fall due this many days after the plan
  // began (its meeting, else its start); 0: not followed (plan.inform_within = "off").
  int inform_within_days = 0;
};

} // namespace casectl
