// The SQL for who works on a case: staff added by commands, case managers, teams, supervisors, and
// the open-case counts behind caseloads. Domain code (lib/cases/assign.*) asks for these by name.
// Every function expects an open Store; those that write expect to run inside Store::write().
// SQLite errors are thrown as exceptions: call inside store::guarded() (or write()).
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store {

// A staff member kept in the store (`casectl staff add`), not in the config.
struct StoredStaff {
  config::StaffMember member; // districts as codes; empty = every district
  bool active = true;         // false: has left; kept because cases and the journal name them
};

// Every staff member of the store, by login.
Result<std::vector<StoredStaff>> load_staff(Store& store);

// Inserts a new staff member; the login must be free in the `staff` table (Status::conflict
// otherwise). `at` stamps created_at and updated_at; `by` is the acting user.
Status insert_staff(Store& store, const StoredStaff& staff, const std::string& at, const std::string& by);

// Replaces every field of the staff member with this login. Not finding the login is
// Status::not_found.
Status update_staff(Store& store, const StoredStaff& staff, const std::string& at);

// One member of a case's interagency team (the case manager is not one of them).
struct TeamMember {
  std::string login;
  std::string role;     // in the users' words: "psychologist", "juvenile-inspector"; may be empty
  std::string added_on; // YYYY-MM-DD
  std::string added_by; // acting user
};

// Who works on one case, and what assign needs to know about the case.
struct CaseAssignment {
  long long row = 0;
  std::string case_id;
  std::string status;
  bool consultation = false;
  std::string name;
  std::string district;
  std::string case_manager;     // empty: none
  std::string supervisor;       // empty: none
  std::vector<TeamMember> team; // by the day they joined, then login
};

// The assignment of the case with this case id, or, failing that, this external id. Not found is
// not an error: the result holds std::nullopt.
Result<std::optional<CaseAssignment>> load_assignment(Store& store, const std::string& case_id_or_external_id);

// Changes the people of cases, with statements prepared once (a bulk reassignment runs thousands).
// Every method also stamps cases.updated_at = `at`. Call inside Store::write().
class AssignmentWriter {
 public:
  explicit AssignmentWriter(Store& store);
  ~AssignmentWriter();
  AssignmentWriter(const AssignmentWriter&) = delete;
  AssignmentWriter& operator=(const AssignmentWriter&) = delete;

  // An empty login clears the field.
  void set_case_manager(long long row, const std::string& login, const std::string& at);
  void set_supervisor(long long row, const std::string& login, const std::string& at);
  // Adds the member, or changes the role of one already on the team.
  void put_team_member(long long row, const TeamMember& member, const std::string& at);
  // It is not an error if the login was not on the team.
  void remove_team_member(long long row, const std::string& login, const std::string& at);

 private:
  struct Statements;
  std::unique_ptr<Statements> m_statements;
};

// Open cases (not closed, not consultations), counted in SQL.
struct OpenCaseCounts {
  std::map<std::string, std::map<std::string, long long>> managed; // manager login -> district -> cases
  std::map<std::string, long long> on_team;                        // login -> cases on whose team they are
  std::map<std::string, long long> unassigned;                     // district -> open cases with no manager
  // Open cases this login manages, in all districts.
  long long managed_by(const std::string& login) const;
};
Result<OpenCaseCounts> count_open_cases(Store& store);

// Which open cases a bulk reassignment takes. Empty lists mean "any"; at least one of `managers`
// and `unassigned` (or the other filters) is expected to be set by the caller.
struct MoveFilter {
  std::vector<std::string> managers; // cases managed by these logins
  bool unassigned = false;           // also (or only, with no managers) cases with no manager
  std::vector<std::string> districts;
  std::vector<std::string> statuses;
  std::vector<std::string> urgencies;
  std::vector<std::string> groups; // a case matches when it has any of these groups
};

struct CaseToMove {
  long long row = 0;
  std::string case_id;
  std::string name;
  std::string district;
  std::string urgency;
  std::string case_manager; // empty: none
};

// Calls `each` for every open case matching `filter`, most urgent first, then by case id. Stops at
// the first failed Status `each` returns.
Status each_case_to_move(Store& store, const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each);

} // namespace casectl::store
