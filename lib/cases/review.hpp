// Review: monitoring the plan. Task progress, services actually delivered against what the plan's
// frequency says is due, significant events, notes, the next review date; closing a case with a
// measured outcome, and reopening it.
#pragma once

#include "model/change.hpp"
#include "cases/plan.hpp"
#include "config/config.hpp"
#include "output/records.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl {
namespace store {
class CaseStore;
}

// Task statuses a review sets. Stored as these codes.
const std::vector<config::RefItem>& task_statuses();
// Closing outcomes. Stored as these codes.
const std::vector<config::RefItem>& outcomes();
// Whether the person's expectations were met, as a closing records it: yes, partly, no.
const std::vector<config::RefItem>& expectation_answers();

struct ReviewRequest {
  std::optional<std::string> on;          // the review's date (default today); deliveries and events are dated by it
  std::vector<std::string> tasks;         // task numbers whose status changes to `task_status`
  std::optional<std::string> task_status; // in-progress | done | partly | not-done | cancelled | open
  std::optional<std::string> task_note;
  std::vector<std::string> delivered; // "TASK=COUNT": a recurring service delivered COUNT times
  std::vector<std::string> events;    // event type codes (config `events`)
  std::vector<std::string> members;   // the household members the events concern, by number (show lists them)
  std::optional<std::string> event_note;
  std::optional<std::string> note;
  std::optional<std::string> next; // the next review date (default: the date + review.cadence)
  bool before_opening = false;     // the events are the family's history: `on` (required) is their
                                   // date, before the case was opened; only events are recorded
};

// Reads a review from a TOML or JSON document with the same fields as the flags:
//   on = "2026-11-20", note = "...", next = "2026-12-20", task_status = "done", task_note = "...",
//   tasks = [3, 4], delivered = { "1" = 2 } (task = count), events = ["police-called"], members = [2, 3],
//   event_note = "...", before_opening = true
// Fails with Status::invalid naming the key.
Result<ReviewRequest> review_request_from(const std::string& text, const std::string& format, const std::string& source);

struct CloseRequest {
  std::optional<std::string> on; // default today
  std::string reason;
  std::string outcome;           // goals-achieved | partly | disengaged | transferred | moved | deceased | lost-contact
  std::string expectations_met;  // yes | partly | no
  std::string expectations_note; // in the person's words
  std::string force_reason;      // required to close with tasks still open
};

struct ReviewChange {
  std::string case_id;
  std::string next_review_on;
  std::vector<std::string> notes;
  Record closure; // close: the outcome record (domain changes from baseline to final)
};

// Records a review in one transaction. Refused for a closed case (exit 4, with how to reopen) or a
// consultation; unknown task: Status::not_found; bad values (a delivered count that is negative or
// not a number, a date the rule of cases/effective_dates.hpp refuses, a task that is not a
// recurring service, an unknown event type or status, a member number the case never had, members
// without an event): Status::invalid, a line per field. Nothing is written on any failure. Each
// event names every one of `members` (a member removed from the household since may be named:
// the event may be older than the removal).
// The review sets the case's next review unless a review with a later date is already recorded
// (then `notes` says so and `next_review_on` is the date that stays). With `before_opening`, only
// the events are recorded, marked as history; no review, and the next review stays.
Result<ReviewChange> record_review(store::CaseStore& store, const std::string& case_id, const ReviewRequest& request,
                                   const config::Config& config, const ChangeContext& context);

// Closes a case with an outcome and a final measurement: each domain's change from the baseline
// assessment to the latest. Open tasks of the approved plan must be resolved first, or
// `force_reason` given (Status::conflict otherwise, listing them).
Result<ReviewChange> close_case(store::CaseStore& store, const std::string& case_id, const CloseRequest& request,
                                const config::Config& config, const ChangeContext& context);

struct ReopenRequest {
  std::optional<std::string> on; // the first day back in work (default today)
  std::string reason;
};

// Returns a closed case to work (active with an approved plan, else assessment or intake) from
// `on`, keeping all history: a new spell of work starts that day (reports count the case from
// it). Needs a reason; `on` may be neither in the future nor before the last closing
// (Status::invalid). The next review falls due a review cadence after `on`.
Result<ReviewChange> reopen_case(store::CaseStore& store, const std::string& case_id, const ReopenRequest& request,
                                 const config::Config& config, const ChangeContext& context);

// Services of the case's approved plan: each recurring task's due against delivered over the last
// period (7 days for weekly, 30 for monthly, 1 for daily) up to `today`, as records
// {task, what, frequency, from, to, due, delivered, percent}.
Result<std::vector<Record>> service_compliance(store::CaseStore& store, const std::string& case_id, date::Date today);

// One recurring service of a case, due against delivered from `from` to `to` (both included):
// task, what, frequency ("5/week"), from, to, due, delivered, percent, agency (the code, or null),
// worker (a login, or null),
// shortfall (due - delivered, at least 0), under_delivered (delivered < due).
Record service_record(const PlanTask& t, date::Date from, date::Date to, int delivered);

// The same for the recurring tasks of `plan` (a revision of the plan of the case at `row`), to be
// called inside store::guarded: what `show --as-of` shows for the plan in force on that day.
Result<std::vector<Record>> plan_services(store::CaseStore& store, long long row, const Plan& plan, date::Date today);

// What monitoring adds to a case's record for `show`: "next_review_on" (null when none) and
// "services" (service_compliance up to `today`).
Status add_monitoring(store::CaseStore& store, const std::string& case_id, date::Date today, Record& case_record);

} // namespace casectl
