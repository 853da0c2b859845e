// Assign: who works on a case. The staff (from the config and the store), the case manager, the
// interagency team, the supervisor, caseloads and bulk reassignment.
//
// Staff come from two places and merge by login: the config's [staff] tables, and staff added
// with `casectl staff add` (kept in the store). A login in the config wins: a store entry with
// the same login is ignored, and `staff add/set/remove` refuse config logins (change the config).
//
// The functions that change things each run in one transaction of their own and journal every
// change in it ("assign", "reassign", "team-add", "team-remove", "supervisor", "staff-add",
// "staff-set", "staff-remove"; changes as {"field": [old, new]}). They never print: warnings and
// explanations come back in the result for the front end to show.
#pragma once

#include "model/change.hpp"
#include "config/config.hpp"
#include "output/records.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// A staff member as assign sees them.
struct StaffEntry {
  StaffMember member; // districts as codes; empty = every district
  std::string source; // "config" or "store"
  bool active = true; // false: has left (staff remove, or active = false / left_on in the config); no new work
};

// Every staff member, config first (in config order), then the store's (by login).
class Roster {
 public:
  explicit Roster(std::vector<StaffEntry> staff) : m_staff(std::move(staff)) {}
  const std::vector<StaffEntry>& all() const { return m_staff; }
  // The staff member with this login, or nullptr.
  const StaffEntry* find(const std::string& login) const;
  // As find, but an unknown login is Status::not_found:
  // "unknown staff member 'aseitva' (did you mean 'aseitova'?); 'casectl staff list' shows the staff".
  Result<const StaffEntry*> require(const std::string& login) const;
  // "Асеитова Гульнар Маратовна" for a known login, "" otherwise.
  std::string name_of(const std::string& login) const;

 private:
  std::vector<StaffEntry> m_staff;
};

// Reads the store's staff and merges them with the config's (see the top of this file).
Result<Roster> load_roster(store::CaseStore& store, const config::Config& config);

// True when `member` works in `district`: they serve every district, or the case has none.
bool serves(const StaffMember& member, const std::string& district);

// `casectl staff add/set/remove`. Unset fields of a `set` stay as they are.
struct StaffRequest {
  std::string login;
  std::optional<std::string> name;   // default for add: the login
  std::optional<std::string> agency; // an agency code or label (checked against the config)
  std::optional<std::string> role;
  std::optional<std::vector<std::string>> districts; // codes or labels; empty = every district
  std::optional<int> capacity;                       // open cases a manager can carry; 0 = not a manager for --auto
  std::optional<std::string> kind;                   // "staff" or "volunteer" (config::staff_kind reads it)
};

// Adds a staff member to the store. Fails with Status::invalid for a bad login or field (all
// listed at once), Status::conflict for a login already in the config or the store.
Result<StaffEntry> add_staff(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                             const StaffRequest& request);
// Changes a store staff member; `reactivate` brings back one who had left. Not found: Status::not_found
// (with did-you-mean); a config login: Status::conflict.
Result<StaffEntry> change_staff(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                const StaffRequest& request, bool reactivate = false);
// Marks a store staff member as left. Refused (Status::conflict) while they manage open cases:
// move those first with a reassignment.
Result<StaffEntry> remove_staff(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                const std::string& login);

// `casectl assign CASE ...`. With nothing to change, it only reads the assignment.
struct AssignRequest {
  std::string case_id;                   // case id or external id
  std::optional<std::string> manager;    // login of the new case manager
  bool auto_manager = false;             // choose the manager by district and load
  std::vector<std::string> team;         // "LOGIN" or "LOGIN:ROLE"; the role defaults to the staff role
  std::vector<std::string> remove;       // logins to take off the team
  std::optional<std::string> supervisor; // login; "" clears it
  std::optional<std::string> on;         // the day it happened (data entered after the fact); default today
};

struct AssignmentChange {
  CaseAssignment assignment;         // after the change
  std::vector<std::string> warnings; // e.g. a staff member outside the case's district
  std::vector<std::string> notes;    // explanations: the --auto choice, "already on the team"
  bool changed = false;
};

// Applies `request` to one case in one transaction; `dry_run` rolls it back (the outcome shows what
// would change). Failures:
// not_found (no such case; unknown staff member, with did-you-mean; --remove of someone not on
// the team), conflict (the case is closed or a consultation; a staff member who has left; the
// district check refuses; --auto finds nobody with room; the manager given as a team member),
// usage (--manager with --auto), invalid (an empty role; `on` not a date, in the future or before the
// case was opened).
Result<AssignmentChange> assign_case(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                     const AssignRequest& request, bool dry_run = false);

// Bulk reassignment: every open case matching `filter` goes to `to`, or, with `spread`, to the
// staff serving each case's district by load (the managers in filter.managers excluded).
struct ReassignRequest {
  MoveFilter filter;
  std::string to; // login; empty with spread
  bool spread = false;
};

struct Move {
  std::string case_id;
  std::string name;
  std::string district;
  std::string urgency;
  std::string from; // empty: had no manager
  std::string to;
  std::string as = "manager"; // "manager", or "team": `from`'s place on the case's team goes to `to`
  std::string role;           // the team role, for "team"
};

struct Reassignment {
  std::vector<Move> moves; // most urgent first, then by case id
  std::vector<std::string> warnings;
  std::vector<std::string> notes;
};

// Moves the cases in one transaction, a journal entry ("reassign") per case; `dry_run` rolls it
// back. With `confirmed` (the moves a user was shown and agreed to), the moves must be exactly
// those, or nothing is written (Status::conflict: the cases changed meanwhile).
// Cases already with their new manager are left out. With --to, the --from managers' places on
// the teams of open cases (the same filters) go to `to` too, in the same role ("team" moves, after
// the others; journaled team-remove and team-add); where `to` already manages the case or is on
// its team, the place is only given up. With spread, a note says which team places stay. Failures: usage (no filter, --to with
// spread, the same manager given as --from and --to), not_found (unknown staff), conflict
// (a target who has left; the district check refuses; spread finds nobody with room for a case:
// nothing moves).
Result<Reassignment> reassign_cases(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                    const ReassignRequest& request, bool dry_run = false,
                                    const std::vector<Move>* confirmed = nullptr);

// One row of the caseload: a manager's open cases against their capacity.
struct CaseloadRow {
  std::string login;
  std::string name; // empty for a login no staff list knows
  std::string agency;
  std::string role;
  std::vector<std::string> districts; // served; empty = every district
  int capacity = 0;
  long long open_cases = 0;
  long long team_cases = 0;                                   // open cases on whose team they are
  std::vector<std::pair<std::string, long long>> by_district; // open cases per district, by district
  bool known = true;                                          // in the config or the store
  bool active = true;
};

struct Caseload {
  std::vector<CaseloadRow> rows;
  long long unassigned = 0; // open cases with no manager (in `district`, when given)
};

// Managers (staff with a capacity or role "case-manager") and anyone holding open cases, by
// login; with `district`, only those serving it or holding cases there, and only its cases
// counted in by_district (open_cases stays the total, as capacity is).
Result<Caseload> caseload(store::CaseStore& store, const config::Config& config, const std::string& district);

namespace views {

// `assign`: the case and the people on it.
Record assignment_record(const CaseAssignment& a, const Roster& roster);
// `staff list`.
Record staff_record(const StaffEntry& s);
const std::vector<Column>& staff_columns();
// `caseload`.
Record caseload_record(const CaseloadRow& row);
const std::vector<Column>& caseload_columns();
// `reassign`: one case that moves.
Record move_record(const Move& move);
const std::vector<Column>& move_columns();

} // namespace views

} // namespace casectl
