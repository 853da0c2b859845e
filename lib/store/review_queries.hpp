// The SQL for monitoring: reviews, task updates, services delivered, events, closures, and what
// is due. Writing functions expect to run inside Store::write().
#pragma once

#include "store/store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store {

Status add_review(Store& store, long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                  const std::string& next_on, const std::string& at);

// Sets the status of task `task` of revision `revision` of the case's plan and logs the update.
Status update_task(Store& store, long long row, int revision, int task, const std::string& status, const std::string& note,
                   const std::string& on, const std::string& by);

Status add_delivery(Store& store, long long row, int task, const std::string& on, int count, const std::string& by,
                    const std::string& at);

// `before_opening`: the event is the family's history, dated before the case was opened.
Status add_event(Store& store, long long row, const std::string& type, const std::string& on, bool before_opening,
                 const std::string& note, const std::string& by, const std::string& at);

// The date of the case's latest review (by its effective date), or "" when it has none.
Result<std::string> latest_review_on(Store& store, long long row);

Status set_next_review(Store& store, long long row, const std::string& next_on);

// Closes the case at `row` (status closed, closed date) and records the closure; its open spell
// in case_periods ends on the closing day.
struct Closure {
  std::string closed_on, reason, outcome, expectations_met, expectations_note, domain_changes_json, forced_reason, closed_by, at;
  std::optional<int> final_assessment;
};
Status close_case(Store& store, long long row, const Closure& c);

// Reopens the case at `row` into `status` on `on`, marking its last closure reopened and starting
// a new spell of case_periods from `on`.
Status reopen_case(Store& store, long long row, const std::string& status, const std::string& on, const std::string& reason,
                   const std::string& at);

// The case's latest spell of work (case_periods): from the opening or the last reopening, to its
// closing ("" while open). Both "" for a case with none (not an error).
struct CasePeriod {
  std::string opened_on, closed_on;
};
Result<CasePeriod> current_period(Store& store, long long row);

// The date of the case's next review, or "" when none is set.
Result<std::string> next_review_of(Store& store, long long row);

// Services delivered for `task` of the case between two dates, inclusive.
Result<int> delivered_between(Store& store, long long row, int task, const std::string& from, const std::string& to);

// Something overdue or due soon, as `casectl due` lists it.
struct DueItem {
  std::string kind; // overdue-task | review-due | late-response | under-delivered
  std::string case_id, case_name, district, case_manager, agency;
  std::string what; // the task, "review", "first response", the service
  std::string due;  // the date or moment it was due
  int task = 0;
  int due_count = 0, delivered = 0; // under-delivered services over the last period
};

struct DueFilter {
  std::string today; // YYYY-MM-DD
  std::string now;   // YYYY-MM-DDTHH:MM:SSZ
  std::string until; // include what falls due up to this date (today for overdue only)
  std::vector<std::string> managers, districts, agencies;
};

// Everything overdue or due by `until`, across open cases: tasks of approved plans not done,
// reviews past their date, first responses past the urgency deadline (cases still in intake),
// recurring services delivered less than due over the last period (7 days for a weekly frequency,
// 30 for monthly, 1 for daily). Ordered by due date.
Result<std::vector<DueItem>> due_items(Store& store, const DueFilter& filter);

} // namespace casectl::store
