// The SQL for who works on a case on PostgreSQL: staff added by commands, case managers, teams,
// supervisors, and the open-case counts behind caseloads. The contract's methods
// (store/case_store.hpp) with the store first, giving what the SQLite engine gives
// (lib/store/sqlite/assign_queries.hpp). Writing functions expect to run inside
// PgStore::write(). Nothing throws.
#pragma once

#include "model/change.hpp"
#include "model/staff.hpp"
#include "store/postgres/pg_store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store::postgres {

// Every staff member of the store, by login (byte order).
Result<std::vector<StoredStaff>> load_staff(PgStore& store);

// Inserts a new staff member; the login must be free (Status::conflict otherwise, also when
// another process adds the same login at the same moment). `at` stamps created_at and
// updated_at; `by` is the acting user.
Status insert_staff(PgStore& store, const StoredStaff& staff, const std::string& at, const std::string& by);

// Replaces every field of the staff member with this login; Status::not_found when none.
Status update_staff(PgStore& store, const StoredStaff& staff, const std::string& at);

// The assignment of the case with this case id, or, failing that, this external id, with its team
// by the day each joined, then login; nullopt when there is none.
Result<std::optional<CaseAssignment>> load_assignment(PgStore& store, const std::string& case_id_or_external_id);

// Each also stamps the case's updated_at and updated_on (`when`). An empty login clears the field. The case
// manager's sort key (text::sort_key of the login; NULL for none) is stored beside it.
Status set_case_manager(PgStore& store, long long row, const std::string& login, const ChangeTime& when);
Status set_supervisor(PgStore& store, long long row, const std::string& login, const ChangeTime& when);
// Adds the member, or changes the role of one already on the team.
Status put_team_member(PgStore& store, long long row, const TeamMember& member, const ChangeTime& when);
// It is not an error if the login was not on the team.
Status remove_team_member(PgStore& store, long long row, const std::string& login, const ChangeTime& when);

Result<OpenCaseCounts> count_open_cases(PgStore& store);

// Calls `each` for every open case matching `filter`, most urgent first, then by case id (byte
// order). Stops at the first failed Status `each` returns.
Status each_case_to_move(PgStore& store, const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each);

} // namespace casectl::store::postgres
