// The SQL for plans. Writing functions expect to run inside SqliteStore::write().
#pragma once

#include "model/plan.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace casectl::store::sqlite {

// Every revision of the plan of the case at `row`, oldest first, with goals and tasks.
Result<std::vector<Plan>> load_plans(SqliteStore& store, long long row, const std::string& case_id);

// Writes revision `plan.revision` of the plan of the case at `row`: inserts it or replaces its
// fields, goals and tasks.
Status save_plan(SqliteStore& store, long long row, const Plan& plan);
Status add_agency_notice(SqliteStore& store, long long row, const AgencyNotice& notice);
Result<std::vector<AgencyNotice>> agency_notices_of(SqliteStore& store, long long row);

// How many assessments the case at `row` has.
Result<int> assessment_count(SqliteStore& store, long long row);

// Calls `each` for every task of every case's latest approved plan matching `filter`, by due date
// (undated last), then case id and task number. Closed cases are left out.
Status each_agency_task(SqliteStore& store, const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each);

} // namespace casectl::store::sqlite
