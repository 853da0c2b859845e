// The people who work on cases: staff members (from the config or the store), case teams, and
// the rows a reassignment and caseloads read. Plain structs, no behaviour.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace casectl {

struct StaffMember {
  std::string login; // unique; what cases store as case_manager
  std::string name;
  std::string agency;                 // an agency code
  std::string role;                   // free text: "case-manager", "psychologist", ...
  std::vector<std::string> districts; // district codes served; empty = all
  int capacity = 0;                   // open cases a manager can carry; 0 = not set
  bool active = true;                 // config staff: false (active = false, or left_on) when they have left
  std::string left_on;                // config staff: YYYY-MM-DD they left; "" = not given
  std::string kind = "staff";         // "staff", or "volunteer": a volunteer or NGO coordinator, who
                                      // manages no case unless assign.volunteers_manage is true
};

// A staff member kept in the store (`casectl staff add`), not in the config.
struct StoredStaff {
  StaffMember member; // districts as codes; empty = every district
  bool active = true; // false: has left; kept because cases and the journal name them
};

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
  std::string opened;           // YYYY-MM-DD
  std::string case_manager;     // empty: none
  std::string supervisor;       // empty: none
  std::vector<TeamMember> team; // by the day they joined, then login
};

// Open cases (not closed, not consultations), counted in SQL.
struct OpenCaseCounts {
  std::map<std::string, std::map<std::string, long long>> managed; // manager login -> district -> cases
  std::map<std::string, long long> on_team;                        // login -> cases on whose team they are
  std::map<std::string, long long> unassigned;                     // district -> open cases with no manager
};

// Which open cases a bulk reassignment takes. Empty lists mean "any"; at least one of `managers`
// and `unassigned` (or the other filters) is expected to be set by the caller.
struct MoveFilter {
  std::vector<std::string> managers; // cases managed by these logins
  bool unassigned = false;           // also (or only, with no managers) cases with no manager
  std::vector<std::string> districts;
  std::vector<std::string> statuses;
  std::vector<std::string> urgencies;
  std::vector<std::string> groups; // a case matches when it has any of these groups
  std::string team_member;         // cases on whose team this login is (managers and unassigned then unused)
};

struct CaseToMove {
  long long row = 0;
  std::string case_id;
  std::string name;
  std::string district;
  std::string urgency;
  std::string case_manager; // empty: none
};

} // namespace casectl
