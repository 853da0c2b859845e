#include "store/sqlite/monitoring_queries.hpp"

#include "store/keys.hpp"
#include "store/sqlite/sql_text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace casectl::store::sqlite {

Result<std::vector<EventRow>> events_of(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), "SELECT event_type, happened_on, before_opening, note, recorded_by, recorded_at, members "
                                  "FROM events WHERE case_row = ? ORDER BY happened_on, id");
  q.bind(1, static_cast<int64_t>(row));
  std::vector<EventRow> events;
  while (q.executeStep())
    events.push_back({text_of(q.getColumn(0)), text_of(q.getColumn(1)), q.getColumn(2).getInt() != 0, text_of(q.getColumn(3)),
                      text_of(q.getColumn(4)), text_of(q.getColumn(5)), event_members_of(text_of(q.getColumn(6)))});
  return events;
}

Result<std::vector<TaskUpdateRow>> task_notes_of(SqliteStore& store, long long row, int up_to_revision) {
  SQLite::Statement q(store.db(), "SELECT revision, task, status, note, updated_on, updated_by FROM task_updates "
                                  "WHERE case_row = ? AND note <> '' AND (? = 0 OR revision <= ?) ORDER BY updated_on, id");
  q.bind(1, static_cast<int64_t>(row));
  q.bind(2, up_to_revision);
  q.bind(3, up_to_revision);
  std::vector<TaskUpdateRow> updates;
  while (q.executeStep())
    updates.push_back({q.getColumn(0).getInt(), q.getColumn(1).getInt(), text_of(q.getColumn(2)), text_of(q.getColumn(3)),
                       text_of(q.getColumn(4)), text_of(q.getColumn(5))});
  return updates;
}

Result<std::vector<ClosureRow>> closures_of(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), R"SQL(
    SELECT closed_on, reason, outcome, expectations_met, expectations_note, domain_changes, forced_reason,
           reopened_on, reopen_reason, closed_by, created_at, final_assessment
    FROM closures WHERE case_row = ? ORDER BY id)SQL");
  q.bind(1, static_cast<int64_t>(row));
  std::vector<ClosureRow> closures;
  while (q.executeStep()) {
    ClosureRow c;
    std::string* fields[] = {&c.closed_on,           &c.reason,        &c.outcome,     &c.expectations_met, &c.expectations_note,
                             &c.domain_changes_json, &c.forced_reason, &c.reopened_on, &c.reopen_reason,    &c.closed_by,
                             &c.created_at};
    int i = 0;
    for (std::string* f : fields) *f = text_of(q.getColumn(i++));
    if (!q.getColumn(i).isNull()) c.final_assessment = q.getColumn(i).getInt();
    closures.push_back(std::move(c));
  }
  return closures;
}

} // namespace casectl::store::sqlite
