// The SQL for plans on PostgreSQL: the contract's methods (store/case_store.hpp) with the store
// first, giving what the SQLite engine gives (lib/store/sqlite/plan_queries.hpp). Writing
// functions expect to run inside PgStore::write(). Nothing throws.
#pragma once

#include "model/plan.hpp"
#include "store/postgres/pg_store.hpp"

#include <functional>
#include <vector>

namespace casectl::store::postgres {

// Every revision of the plan of the case at `row`, by revision, with goals and tasks by number.
Result<std::vector<Plan>> load_plans(PgStore& store, long long row, const std::string& case_id);

// Writes revision `plan.revision` of the plan of the case at `row`: inserts it or replaces its
// fields (not created_at and created_by), goals and tasks.
Status save_plan(PgStore& store, long long row, const Plan& plan);
Status add_agency_notice(PgStore& store, long long row, const AgencyNotice& notice);
Result<std::vector<AgencyNotice>> agency_notices_of(PgStore& store, long long row);

// Calls `each` for every task of every open case's latest approved plan matching `filter`, by due
// date (undated last), then case id (byte order) and task number. Stops at the first failed
// Status `each` returns.
Status each_agency_task(PgStore& store, const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each);

} // namespace casectl::store::postgres
