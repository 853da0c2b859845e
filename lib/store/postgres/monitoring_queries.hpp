// The SQL for monitoring on PostgreSQL: reviews, task updates, services delivered, events,
// closures and reopenings, what is due, and reading them back for the case record. The contract's
// methods (store/case_store.hpp) with the store first, giving what the SQLite engine gives
// (lib/store/sqlite/review_queries.hpp, monitoring_queries.hpp). Writing functions expect to run
// inside PgStore::write(). Nothing throws.
#pragma once

#include "model/monitoring.hpp"
#include "store/postgres/pg_store.hpp"

#include <string>
#include <vector>

namespace casectl::store::postgres {

Status add_review(PgStore& store, long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                  const std::string& next_on, const std::string& at);

// Sets the status of task `task` of revision `revision` of the case's plan and logs the update.
Status update_task(PgStore& store, long long row, int revision, int task, const std::string& status, const std::string& note,
                   const std::string& on, const std::string& by);

Status add_delivery(PgStore& store, long long row, int task, const std::string& on, int count, const std::string& by,
                    const std::string& at);

// `event.before_opening`: the event is the family's history, dated before the case was opened.
Status add_event(PgStore& store, long long row, const EventRow& event);

// The date of the case's latest review (the greatest reviewed_on), or "" when it has none.
Result<std::string> latest_review_on(PgStore& store, long long row);

Status set_next_review(PgStore& store, long long row, const std::string& next_on);

// The date of the case's next review, or "" when none is set.
Result<std::string> next_review_of(PgStore& store, long long row);

// Closes the case at `row` (status closed, closed date, no next review) and records the closure;
// its open spell of work ends on the closing day.
Status close_case(PgStore& store, long long row, const Closure& c);

// Reopens the case at `row` into `status` on `on`, marking its last closure reopened and starting
// a new spell of work from `on`.
Status reopen_case(PgStore& store, long long row, const std::string& status, const std::string& on, const std::string& reason,
                   const std::string& at);

// The case's latest spell of work; both dates "" for a case with none.
Result<CasePeriod> current_period(PgStore& store, long long row);

// Services delivered for `task` of the case between two dates, inclusive.
Result<int> delivered_between(PgStore& store, long long row, int task, const std::string& from, const std::string& to);

// Everything overdue or due by `filter.until`, across open cases, as the contract says; ordered by
// due date (services count as due today), then case id, then as found: tasks by number, reviews,
// late first responses, under-delivered services by task number.
Result<std::vector<DueItem>> due_items(PgStore& store, const DueFilter& filter);

// The case's events, by date, then in the order recorded.
Result<std::vector<EventRow>> events_of(PgStore& store, long long row);

// The case's task updates that carry a note, by date, then in the order recorded; only those of
// plan revisions up to `up_to_revision` when it is above 0.
Result<std::vector<TaskUpdateRow>> task_notes_of(PgStore& store, long long row, int up_to_revision);

// The case's closures, oldest first.
Result<std::vector<ClosureRow>> closures_of(PgStore& store, long long row);

} // namespace casectl::store::postgres
