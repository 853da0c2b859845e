// The SQL for monitoring: reviews, task updates, services delivered, events, closures, and what
// is due. Writing functions expect to run inside SqliteStore::write().
#pragma once

#include "store/sqlite/sqlite_store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store::sqlite {

Status add_review(SqliteStore& store, long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                  const std::string& next_on, const std::string& at);

// Sets the status of task `task` of revision `revision` of the case's plan and logs the update.
Status update_task(SqliteStore& store, long long row, int revision, int task, const std::string& status, const std::string& note,
                   const std::string& on, const std::string& by);

Status add_delivery(SqliteStore& store, long long row, int task, const std::string& on, int count, const std::string& by,
                    const std::string& at);

// `event.before_opening`: the event is the family's history, dated before the case was opened.
Status add_event(SqliteStore& store, long long row, const EventRow& event);

// The date of the case's latest review (by its effective date), or "" when it has none.
Result<std::string> latest_review_on(SqliteStore& store, long long row);

Status set_next_review(SqliteStore& store, long long row, const std::string& next_on);

Status close_case(SqliteStore& store, long long row, const Closure& c);

// Reopens the case at `row` into `status` on `on`, marking its last closure reopened and starting
// a new spell of case_periods from `on`.
Status reopen_case(SqliteStore& store, long long row, const std::string& status, const std::string& on, const std::string& reason,
                   const std::string& at);

Result<CasePeriod> current_period(SqliteStore& store, long long row);

// The date of the case's next review, or "" when none is set.
Result<std::string> next_review_of(SqliteStore& store, long long row);

// Services delivered for `task` of the case between two dates, inclusive.
Result<int> delivered_between(SqliteStore& store, long long row, int task, const std::string& from, const std::string& to);

// Everything overdue or due by `until`, across open cases: tasks of approved plans not done,
// reviews past their date, first responses past the urgency deadline (cases still in intake),
// recurring services delivered less than due over the last period (7 days for a weekly frequency,
// 30 for monthly, 1 for daily). Ordered by due date.
Result<std::vector<DueItem>> due_items(SqliteStore& store, const DueFilter& filter);

} // namespace casectl::store::sqlite
