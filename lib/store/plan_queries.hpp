// The SQL for plans. Writing functions expect to run inside Store::write().
#pragma once

#include "cases/plan.hpp"
#include "store/store.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace casectl::store {

// Every revision of the plan of the case at `row`, oldest first, with goals and tasks.
Result<std::vector<Plan>> load_plans(Store& store, long long row, const std::string& case_id);

// Writes revision `plan.revision` of the plan of the case at `row`: inserts it or replaces its
// fields, goals and tasks.
Status save_plan(Store& store, long long row, const Plan& plan);

// How many assessments the case at `row` has.
Result<int> assessment_count(Store& store, long long row);

// One task of an approved plan, with its case, as `plan tasks` lists them.
struct AgencyTask {
  std::string case_id, case_name, district, case_manager;
  int revision = 0;
  PlanTask task;
  std::string goal_description;
};

struct AgencyTaskFilter {
  std::vector<std::string> agencies, workers, districts, priorities, statuses;
  std::string due_until; // YYYY-MM-DD, inclusive; empty = any
};

// Calls `each` for every task of every case's latest approved plan matching `filter`, by due date
// (undated last), then case id and task number. Closed cases are left out.
Status each_agency_task(Store& store, const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each);

} // namespace casectl::store
