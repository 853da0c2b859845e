// Reading back what monitoring recorded, for the case record (`show`, the documents): the events,
// the notes of task updates, and the closures. Writing is in review_queries. Each function reads
// one case (its `cases.id` row) in one statement; none is an error when there is nothing.
#pragma once

#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl::store {

// A significant event as recorded.
struct EventRow {
  std::string type;            // the config's event code as it was then
  std::string happened_on;     // YYYY-MM-DD
  bool before_opening = false; // history: it happened before the case was opened
  std::string note;
  std::string recorded_by, recorded_at;
};

// The case's events, by date, then in the order recorded.
Result<std::vector<EventRow>> events_of(Store& store, long long row);

// One change of a plan task's status, with its note.
struct TaskUpdateRow {
  int revision = 0, task = 0;
  std::string status, note, updated_on, updated_by;
};

// The case's task updates that carry a note, by date, then in the order recorded; only those of
// plan revisions up to `up_to_revision` when it is above 0 (a task keeps its number across
// revisions, so a revision's tasks carry the notes of earlier revisions too).
Result<std::vector<TaskUpdateRow>> task_notes_of(Store& store, long long row, int up_to_revision = 0);

// One closing of the case, kept when it is reopened.
struct ClosureRow {
  std::string closed_on, reason, outcome, expectations_met, expectations_note, domain_changes_json, forced_reason;
  std::string reopened_on, reopen_reason; // "" while the case stays closed
  std::string closed_by, created_at;
  std::optional<int> final_assessment;
};

// The case's closures, oldest first.
Result<std::vector<ClosureRow>> closures_of(Store& store, long long row);

} // namespace casectl::store
