// Reading back what monitoring recorded, for the case record (`show`, the documents): the events,
// the notes of task updates, and the closures. Writing is in review_queries. Each function reads
// one case (its `cases.id` row) in one statement; none is an error when there is nothing.
#pragma once

#include "store/sqlite/sqlite_store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl::store::sqlite {

// The case's events, by date, then in the order recorded.
Result<std::vector<EventRow>> events_of(SqliteStore& store, long long row);

// The case's task updates that carry a note, by date, then in the order recorded; only those of
// plan revisions up to `up_to_revision` when it is above 0 (a task keeps its number across
// revisions, so a revision's tasks carry the notes of earlier revisions too).
Result<std::vector<TaskUpdateRow>> task_notes_of(SqliteStore& store, long long row, int up_to_revision = 0);

// The case's closures, oldest first.
Result<std::vector<ClosureRow>> closures_of(SqliteStore& store, long long row);

} // namespace casectl::store::sqlite
