// The individual help plan as stored: goals, tasks and their notes, and the agency's view of
// its tasks. Plain structs, no behaviour.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// A note written on a task when its status changed (`review --task N --status S --task-note TEXT`).
struct TaskNote {
  int revision = 0;   // the plan revision the update was recorded on
  std::string status; // the status it was given
  std::string note;
  std::string updated_on; // YYYY-MM-DD
  std::string updated_by;
};

struct PlanTask {
  int number = 0;                 // stable across revisions
  int goal = 0;                   // the goal's number
  std::string what;               // what is to be done, in plain words
  std::string priority;           // immediate | high | normal | can-wait
  std::string agency;             // responsible agency (code); may be empty when a worker or family member is named
  std::string worker;             // responsible worker (staff login)
  std::string family_member;      // the family's own part: a member's name
  std::string due_on;             // YYYY-MM-DD
  std::optional<int> offset_days; // when the due date was given as days from the plan's start
  int frequency_count = 0;        // recurring service: count per period (0 = not recurring)
  std::string frequency_period;   // day | week | month
  bool continuous = false;        // "continuous": 24-hour care (patronage), stored as 30/month: due and delivered in days covered
  std::string status = "open";
  std::vector<TaskNote> notes; // the notes of its updates, oldest first: read by plan_revisions for
                               // the plan's record, never saved with the plan
};

struct PlanGoal {
  int number = 0;
  std::string domain;        // assessment domain code; may be empty
  std::optional<int> target; // the domain score to reach, 1-5
  std::string expectation;   // what the person said they expect, in their words
  std::string description;   // the goal in plain words
};

struct Plan {
  std::string case_id;
  int revision = 0;
  std::string status;          // draft | approved | superseded
  std::string start_on;        // YYYY-MM-DD
  std::string template_name;   // the plan template it started from, if any
  std::string revision_reason; // why this revision was made (revision 2 on)
  std::string meeting_on;      // approval: the team meeting's date
  std::vector<std::string> participants;
  std::string decision;
  std::string approved_at;
  std::string approved_by;
  std::string created_at;
  std::string created_by;
  std::vector<PlanGoal> goals;
  std::vector<PlanTask> tasks;
};

// An agency told of the tasks an approved plan gives it (`plan CASE inform --agency X`): step 6 of
// the Sarmanovo mechanism, "inform the agencies of the results".
struct AgencyNotice {
  int revision = 0;        // the approved plan revision it told of
  std::string agency;      // the config's agency code
  std::string informed_on; // YYYY-MM-DD
  std::string how;         // letter | meeting | phone
  std::string recorded_by, recorded_at;
};

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

} // namespace casectl
