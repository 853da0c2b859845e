// The individual help plan: goals tied to assessment domains and to what the person expects,
// tasks for each agency and for the family itself, approved by the team at a meeting.
//
// A case's plan has revisions. The latest revision is a draft while the team edits it; approving
// it locks it (and supersedes the revision approved before). A change to an approved plan starts
// a new draft revision with a reason (`revise`), a copy of the approved one; every revision stays
// readable. Agencies are told their tasks from each case's latest approved revision.
#pragma once

#include "model/change.hpp"
#include "model/plan.hpp"
#include "config/config.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casectl {
namespace store {
class CaseStore;
}

// Task priorities, most pressing first: what is done first to relieve the worst tension.
const std::vector<config::RefItem>& task_priorities();

// A goal or task as the user gives it, as text, before checking.
struct GoalRequest {
  std::optional<std::string> domain, target, expectation, description;
};
struct TaskRequest {
  std::optional<std::string> goal, what, priority, agency, worker, family_member, due, offset, frequency;
};
// A whole plan from a file or a plan template.
struct PlanRequest {
  std::optional<std::string> start; // default today
  struct Goal {
    GoalRequest goal;
    std::vector<TaskRequest> tasks;
  };
  std::vector<Goal> goals;
};

// Reads a plan document (TOML or JSON): optional `start`, then `[[goals]]` each with domain,
// target, expectation, description and `[[goals.tasks]]` with what, priority, agency, worker,
// family_member, due (a date) or offset_days, frequency ("5/week"). Fails with Status::invalid.
Result<PlanRequest> plan_request_from(const std::string& document, const std::string& format, const std::string& source);

// Parses a frequency: "5/week", "2/month", "1/day" (also "5 per week"), and "daily", "weekly",
// "monthly" (also "ежедневно", "еженедельно", "ежемесячно") for once a period. Fails with
// Status::invalid.
Result<std::pair<int, std::string>> parse_frequency(const std::string& text);

// True for the frequency of 24-hour care: "continuous" (also "24/7", "круглосуточно", "тәулік
// бойы"). Such a task is stored as 30/month with PlanTask::continuous: due and delivered in days
// covered, over 30 days as every monthly service.
bool is_continuous_frequency(const std::string& text);

// What a change did, for the caller to print.
struct PlanChange {
  Plan plan;
  int goal_number = 0;            // add-goal: the new goal's number
  int task_number = 0;            // add-task: the new task's number
  std::vector<std::string> notes; // e.g. "the case is now active"
};

// The edits a draft can take. Each checks its input against the config, the case and the plan.
enum class PlanEdit { add_goal, add_task, edit_task, remove_task, remove_goal, replace };

struct PlanEditRequest {
  PlanEdit edit = PlanEdit::add_goal;
  int number = 0;                   // edit_task, remove_task, remove_goal: which one
  GoalRequest goal;                 // add_goal
  TaskRequest task;                 // add_task, edit_task (only the given fields change)
  PlanRequest whole;                // replace (from a file or a template)
  std::string template_name;        // replace from a template: recorded on the plan
  std::optional<std::string> start; // the plan's start when a draft is created
};

// Applies one edit to the case's draft plan in one transaction, creating revision 1 when the case
// has no plan. Refused (Status::conflict, exit 4) for a closed case, a consultation, or a plan
// whose latest revision is approved ("start a revision with 'casectl plan CASE revise --reason'").
// Bad input: Status::invalid with a line per field (a task without anyone responsible, a due date
// before the plan's start, an unknown domain, agency, priority, goal number or staff login); an
// unknown task number to edit or remove: Status::not_found. Task numbers are never reused within
// a case, across revisions.
Result<PlanChange> edit_plan(store::CaseStore& store, const std::string& case_id, const PlanEditRequest& request,
                             const config::Config& config, const ChangeContext& context);

struct ApprovalRequest {
  std::string meeting_on; // the team meeting's date (default today)
  std::vector<std::string> participants;
  std::string decision;
};

// Approves the draft at the team meeting: needs a case manager, at least one assessment and at
// least one task (Status::conflict saying what is missing). Locks it, supersedes the previous
// approved revision, and moves the case to active.
Result<PlanChange> approve_plan(store::CaseStore& store, const std::string& case_id, const ApprovalRequest& request,
                                const config::Config& config, const ChangeContext& context);

// How an agency was told of a plan's tasks: letter, meeting, phone (stored as these codes).
const std::vector<config::RefItem>& notice_ways();

struct InformRequest {
  std::string agency; // the config's agency, by code or label
  std::string on;     // the day it was told (default today)
  std::string how;    // letter | meeting | phone (default letter)
};

// `plan CASE inform --agency X`: records that the agency was told of the tasks the latest
// approved plan gives it (step 6 of the Sarmanovo mechanism), journaled as plan-inform. Refused:
// a case with no approved plan (Status::conflict); an unknown agency, one the plan gives no task
// (the message lists those it does), a day before the plan's meeting or in the future, an unknown
// way (Status::invalid). An agency may be told again (a second letter): each notice is kept.
Result<PlanChange> inform_agency(store::CaseStore& store, const std::string& case_id, const InformRequest& request,
                                 const config::Config& config, const ChangeContext& context);

// An agency the latest approved plan gives tasks to, and what it was told of that revision.
struct AgencyInformed {
  std::string agency;
  int revision = 0;
  std::string informed_on, how; // the latest notice's; "" when it was told nothing
  int notices = 0;              // how many notices of the revision name it
};

// The approved revision of `plans` with the highest number, or nullptr.
const Plan* latest_approved_plan(const std::vector<Plan>& plans);

// The agencies `plan` gives tasks to, in the config's order, each with the notices of its revision
// told by `up_to` (YYYY-MM-DD; "" for all): what `show` lists as agencies_informed. Empty for no
// plan (nullptr).
Result<std::vector<AgencyInformed>> agencies_informed(store::CaseStore& store, long long row, const Plan* plan,
                                                      const config::Config& config, const std::string& up_to = "");

// Starts a new draft revision from the approved plan, with a reason (required).
Result<PlanChange> revise_plan(store::CaseStore& store, const std::string& case_id, const std::string& reason,
                               const config::Config& config, const ChangeContext& context);

// Every revision of the case's plan, oldest first (empty when there is none), each task with its
// notes (a task keeps its number across revisions: the notes of earlier revisions too). Unknown
// case: Status::not_found.
Result<std::vector<Plan>> plan_revisions(store::CaseStore& store, const std::string& case_id);

// `plan tasks`: what the user asked for, as given (codes or labels, several comma-separated in
// one value); empty lists mean any.
struct AgencyTasksRequest {
  std::vector<std::string> agencies, workers, districts, priorities, statuses;
  std::string within; // due within this window from today ("7d", "2w"); "" = any date
};

// Calls `each` for every task of every open case's latest approved plan that `request` selects, by
// due date (undated last), then case id and task number. Bad input: Status::invalid for an unknown
// agency, district or priority (did you mean), Status::usage for a window it cannot read.
Status agency_tasks(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                    const AgencyTasksRequest& request, const std::function<Status(const AgencyTask&)>& each);

} // namespace casectl
