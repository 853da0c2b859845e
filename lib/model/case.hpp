// The case: what intake registers and the lookups show. Plain structs, no behaviour.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// A household member. The family itself is the case; members are the people in it.
struct Member {
  std::string name;
  std::string role;       // free text in the user's words: "мать", "сын", "тётя"; may be empty
  std::string birth_date; // YYYY-MM-DD, or empty when unknown
  // The member's number in the case, from 1, shown by `show` and named by `edit --edit-member N`.
  // Stable: a member keeps it while in the household, and a removed member's number is never given
  // again. 0 only before the store has it (a new case's members are numbered in order by intake).
  int number = 0;
  std::string relationship;    // a code of the config's `relationships` ("mother"), or "" when the role is free text only
  std::string lives_elsewhere; // where the member lives when not with the household ("у тёти, Абая 5"); "" = with it
  std::string national_id;     // ИИН (12 digits) or СНИЛС (11), digits only (util/national_id.hpp); "" when not given
};

// A member taken out of the household by `edit --remove-member N --reason TEXT`: kept, not erased.
struct RemovedMember {
  Member member;          // as it was when removed, with its number
  std::string removed_on; // YYYY-MM-DD, the effective date of the edit
  std::string reason;
};

// Case status codes, as stored. Never reuse or rename a code: stores keep them.
namespace status_code {
inline constexpr const char* intake = "intake";             // registered, not yet assessed
inline constexpr const char* assessment = "assessment";     // first assessment recorded
inline constexpr const char* active = "active";             // plan approved, work under way
inline constexpr const char* closed = "closed";             // closed with an outcome
inline constexpr const char* consultation = "consultation"; // a consultation only, not a full case
} // namespace status_code

struct Case {
  std::string case_id; // human-readable id, e.g. 2026-00042
  std::string kind;    // family | person
  bool consultation = false;
  std::string status;   // see status_code
  std::string name;     // the family's or the person's name
  std::string district; // district code, or the district as written when none are configured
  std::string address;
  std::string phone;
  std::string source;                // intake source code: self, referral, hotline, ...
  std::string referrer;              // the referring agency or person, free text
  std::string urgency;               // emergency | urgent | routine
  std::string response_due;          // UTC timestamp by which the first response is due
  bool consent = false;              // consent to personal-data processing given
  std::string external_id;           // id in another system; empty when none
  std::vector<std::string> groups;   // target group codes
  std::vector<std::string> problems; // presenting problems, free text, in the order given
  std::vector<Member> members;
  std::string note;
  std::string opened;       // YYYY-MM-DD
  std::string closed;       // YYYY-MM-DD, empty while open
  std::string case_manager; // staff login, empty until assigned
  std::string created_at;   // UTC timestamp of registration
  std::string created_by;   // acting user at registration
  std::string updated_at;   // UTC timestamp of the last change
  std::string updated_on;   // YYYY-MM-DD: the business day of the last change, by which the history
                            // reports read dates it (docs/reports.md); see ChangeTime
};

// One row of `casectl list`.
struct CaseSummary {
  std::string case_id;
  std::string kind;
  bool consultation = false;
  std::string status;
  std::string name;
  std::string district;
  std::string urgency;
  std::string opened;
  std::string response_due;
  std::string case_manager;
  std::vector<std::string> groups;
  int members_count = 0;
  std::string address;     // "" = none; for --fields and -o json (a coordinator calls from the list)
  std::string phone;       // "" = none
  std::string external_id; // "" = none
};

// The fields CaseFilter::sort accepts besides "rank"; every engine sorts by each.
inline const std::vector<std::string>& sort_fields() {
  static const std::vector<std::string> fields = {"case_id", "opened",   "name",         "urgency",
                                                  "status",  "district", "response_due", "case_manager"};
  return fields;
}

// Which cases `list` shows, and in what order. Empty vectors mean "any".
struct CaseFilter {
  std::vector<std::string> statuses;
  std::vector<std::string> districts;
  std::vector<std::string> urgencies;
  std::vector<std::string> groups; // a case matches when it has any of these groups
  std::vector<std::string> managers;
  std::vector<std::string> kinds;
  std::string opened_since; // YYYY-MM-DD, inclusive; empty = no bound
  std::string opened_until; // YYYY-MM-DD, inclusive; empty = no bound
  bool open_only = false;   // only cases still in work (not closed, not consultations)
  // Only cases with a household member born after this day (YYYY-MM-DD): with minors_cutoff(D),
  // those with a member under 18 on D. Empty = no bound.
  std::string born_after;
  std::string search;           // `find`: words matched in names, address, phone, note, problems
  std::string name;             // `list --name`: words matched in the names of the household
  std::string sort = "case_id"; // one of sort_fields(); "rank" with `search`: find's order (store::name_words)
  bool descending = false;
  long long limit = -1; // -1 = no limit
};

// An open case that looks like the same family or person as a new one.
struct DuplicateMatch {
  std::string case_id;
  std::string reason; // "same phone +7 701 555-12-34", "same member Семёнова Айгүл born 1988-03-12", ...
};

} // namespace casectl
