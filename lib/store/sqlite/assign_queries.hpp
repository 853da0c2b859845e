// The SQL for who works on a case: staff added by commands, case managers, teams, supervisors, and
// the open-case counts behind caseloads. Domain code (lib/cases/assign.*) asks for these by name.
// Every function expects an open Store; those that write expect to run inside SqliteStore::write().
// SQLite errors are thrown as exceptions: the contract's methods (contract.cpp) turn them into a Status.
#pragma once

#include "model/change.hpp"
#include "model/staff.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store::sqlite {

// Every staff member of the store, by login.
Result<std::vector<StoredStaff>> load_staff(SqliteStore& store);

// Inserts a new staff member; the login must be free in the `staff` table (Status::conflict
// otherwise). `at` stamps created_at and updated_at; `by` is the acting user.
Status insert_staff(SqliteStore& store, const StoredStaff& staff, const std::string& at, const std::string& by);

// Replaces every field of the staff member with this login. Not finding the login is
// Status::not_found.
Status update_staff(SqliteStore& store, const StoredStaff& staff, const std::string& at);

// The assignment of the case with this case id, or, failing that, this external id. Not found is
// not an error: the result holds std::nullopt.
Result<std::optional<CaseAssignment>> load_assignment(SqliteStore& store, const std::string& case_id_or_external_id);

// Changes the people of cases, with statements prepared once (a bulk reassignment runs thousands).
// Every method also stamps cases.updated_at and updated_on (`when`). Call inside SqliteStore::write().
class AssignmentWriter {
 public:
  explicit AssignmentWriter(SqliteStore& store);
  ~AssignmentWriter();
  AssignmentWriter(const AssignmentWriter&) = delete;
  AssignmentWriter& operator=(const AssignmentWriter&) = delete;

  // An empty login clears the field.
  void set_case_manager(long long row, const std::string& login, const ChangeTime& when);
  void set_supervisor(long long row, const std::string& login, const ChangeTime& when);
  // Adds the member, or changes the role of one already on the team.
  void put_team_member(long long row, const TeamMember& member, const ChangeTime& when);
  // It is not an error if the login was not on the team.
  void remove_team_member(long long row, const std::string& login, const ChangeTime& when);

 private:
  struct Statements;
  std::unique_ptr<Statements> m_statements;
};

Result<OpenCaseCounts> count_open_cases(SqliteStore& store);

// Calls `each` for every open case matching `filter`, most urgent first, then by case id. Stops at
// the first failed Status `each` returns.
Status each_case_to_move(SqliteStore& store, const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each);

} // namespace casectl::store::sqlite
