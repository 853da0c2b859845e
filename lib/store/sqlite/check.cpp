#include "store/sqlite/check.hpp"

#include "store/sqlite/schema.hpp"
#include "store/sqlite/sql_text.hpp"
#include "store/shared_sql.hpp"
#include "store/status_check.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace casectl::store::sqlite {

namespace {

std::optional<std::string> column_or_null(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

// The columns every chain reader selects, in this order (see read_row).
constexpr const char* k_chain_columns =
    "id, at, effective_on, actor, login, command, case_id, action, changes, previous_hash, hash, db_role";

StoredJournalRow read_row(SQLite::Statement& query) {
  StoredJournalRow row;
  row.id = query.getColumn(0).getInt64();
  row.content.at = query.getColumn(1).getString();
  row.content.effective_on = column_or_null(query.getColumn(2));
  row.content.actor = query.getColumn(3).getString();
  row.content.login = column_or_null(query.getColumn(4));
  row.content.command = query.getColumn(5).getString();
  row.content.case_id = column_or_null(query.getColumn(6));
  row.content.action = query.getColumn(7).getString();
  row.content.changes = query.getColumn(8).getString();
  row.previous_hash = column_or_null(query.getColumn(9));
  row.hash = column_or_null(query.getColumn(10));
  row.content.db_role = column_or_null(query.getColumn(11));
  return row;
}

CheckResult integrity(SqliteStore& store) {
  SQLite::Statement query(store.db(), "PRAGMA integrity_check");
  std::vector<std::string> problems;
  while (query.executeStep() && problems.size() < 5) problems.push_back(query.getColumn(0).getString());
  if (problems.size() == 1 && problems[0] == "ok") return {"integrity", true, "SQLite finds the file sound"};
  std::string detail = "SQLite finds the file damaged:";
  for (const std::string& p : problems) detail += " " + p + ";";
  return {"integrity", false, detail + " restore it from a backup"};
}

CheckResult foreign_keys(SqliteStore& store) {
  SQLite::Statement query(store.db(), "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check");
  long long count = 0;
  std::string first;
  while (query.executeStep()) {
    if (count++ == 0)
      first = fmt::format("{} row {} refers to a missing row of {}", query.getColumn(0).getString(),
                          query.getColumn(1).getString(), query.getColumn(2).getString());
  }
  if (count == 0) return {"foreign-keys", true, "every reference holds"};
  return {"foreign-keys", false, fmt::format("{} rows refer to rows that are not there; the first: {}", count, first)};
}

CheckResult schema_version(SqliteStore& store) {
  int version = store.schema_version();
  if (version != current_schema_version())
    return {"schema-version", false, fmt::format("version {}, this casectl writes {}", version, current_schema_version())};
  std::set<std::string> present = store.schema_objects();
  std::vector<std::string> missing;
  for (const std::string& object : schema_objects_of_version(version))
    if (object.rfind("trigger ", 0) != 0 && !present.count(object)) missing.push_back(object);
  if (missing.empty()) return {"schema-version", true, fmt::format("version {}, every table, column and index there", version)};
  std::string list;
  for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
  return {"schema-version", false, fmt::format("version {}, but missing: {}; restore from a backup", version, list)};
}

CheckResult search_index(SqliteStore& store) {
  SQLite::Statement query(store.db(), "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM case_search), "
                                      "(SELECT min(case_id) FROM cases WHERE id NOT IN (SELECT rowid FROM case_search)), "
                                      "(SELECT count(*) FROM case_search WHERE rowid NOT IN (SELECT id FROM cases))");
  query.executeStep();
  long long cases = query.getColumn(0).getInt64();
  long long rows = query.getColumn(1).getInt64();
  std::optional<std::string> unindexed = column_or_null(query.getColumn(2));
  long long strays = query.getColumn(3).getInt64();
  if (cases == rows && !unindexed && strays == 0)
    return {"search-index", true, fmt::format("{} cases, {} index rows, the same ids", cases, rows)};
  std::string detail = fmt::format("{} cases, {} index rows", cases, rows);
  if (unindexed) detail += fmt::format("; case {} is not in the index", *unindexed);
  if (strays > 0) detail += fmt::format("; {} index rows name no case", strays);
  return {"search-index", false, detail + "; 'casectl check --repair' rebuilds it"};
}

CheckResult case_id_counters(SqliteStore& store, const CheckOptions& options) {
  if (!options.case_id_of) return {"case-id-counters", true, "not checked (no case id format given)"};
  SQLite::Statement years(
      store.db(), options.per_year ? "SELECT year, last_seq FROM case_id_sequence UNION "
                                     "SELECT DISTINCT CAST(substr(opened, 1, 4) AS INTEGER), 0 FROM cases "
                                     "WHERE CAST(substr(opened, 1, 4) AS INTEGER) NOT IN (SELECT year FROM case_id_sequence)"
                                   : "SELECT 0, coalesce((SELECT last_seq FROM case_id_sequence WHERE year = 0), 0)");
  SQLite::Statement exists(store.db(), "SELECT 1 FROM cases WHERE case_id = ?");
  long long counters = 0;
  while (years.executeStep()) {
    ++counters;
    int year = years.getColumn(0).getInt();
    long long last = years.getColumn(1).getInt64();
    std::string next = options.case_id_of(year, last + 1);
    exists.bind(1, next);
    bool taken = exists.executeStep();
    exists.reset();
    if (taken)
      return {"case-id-counters", false,
              fmt::format("the counter of {} is at {}, but case {} already exists: the counter is below the highest id",
                          year == 0 ? std::string("the store") : std::to_string(year), last, next)};
  }
  return {"case-id-counters", true, fmt::format("{} counters, each above the highest id it gave", counters)};
}

CheckResult case_status(SqliteStore& store) {
  long long cases = store.db().execAndGet("SELECT count(*) FROM cases").getInt64();
  SQLite::Statement query(store.db(), k_case_status_sql);
  std::optional<StatusDisagreement> first;
  if (query.executeStep()) {
    first = StatusDisagreement{query.getColumn(0).getString(),     query.getColumn(1).getString(),
                               column_or_null(query.getColumn(2)), std::nullopt,
                               column_or_null(query.getColumn(4)), query.getColumn(5).getInt64()};
    if (!query.getColumn(3).isNull()) first->spell = query.getColumn(3).getInt64();
  }
  return case_status_result(cases, first);
}

CheckResult journal_chain(SqliteStore& store, std::string& head) {
  SQLite::Statement query(store.db(), fmt::format("SELECT {} FROM journal ORDER BY id", k_chain_columns));
  ChainVerifier verifier;
  std::optional<ChainBreak> first;
  while (query.executeStep()) {
    std::optional<ChainBreak> broken = verifier.add(read_row(query));
    if (broken && !first) first = broken;
  }
  head = verifier.head();
  if (first)
    return {"journal-chain", false,
            describe(*first) + "; the history was changed outside casectl: compare with a backup (the chain is never repaired)"};
  long long before = store.db().execAndGet("SELECT count(*) FROM journal WHERE login IS NULL").getInt64();
  std::string detail = fmt::format("{} rows chained, head {}", verifier.rows(), head.empty() ? "(empty)" : head);
  if (before > 0)
    detail += fmt::format("; {} rows were written before the store had a chain and were chained when it was "
                          "migrated: they are proven unchanged only since then",
                          before);
  return {"journal-chain", true, detail};
}

CheckResult expected_head(SqliteStore& store, const std::string& expected) {
  SQLite::Statement query(store.db(), "SELECT id FROM journal WHERE hash = ? ORDER BY id LIMIT 1");
  query.bind(1, expected);
  if (query.executeStep())
    return {"journal-head", true, fmt::format("row {} has the expected head {}", query.getColumn(0).getInt64(), expected)};
  return {"journal-head", false,
          fmt::format("no row has the expected head {}: the journal up to it was rewritten or deleted", expected)};
}

} // namespace

std::vector<std::string> missing_triggers(SqliteStore& store) {
  std::vector<std::string> missing;
  for (const Trigger& t : append_only_triggers())
    if (store.db()
            .execAndGet(fmt::format("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{}'", t.name))
            .getInt() == 0)
      missing.push_back(t.name);
  return missing;
}

// The triggers of the current schema other than the journal's (checked one by one above) that
// the store lacks: those that keep the history reports read.
std::vector<std::string> missing_history_triggers(SqliteStore& store) {
  std::vector<std::string> missing;
  std::set<std::string> present = store.schema_objects();
  for (const auto& [name, sql] : schema_triggers()) {
    bool journal = std::any_of(append_only_triggers().begin(), append_only_triggers().end(),
                               [&](const Trigger& t) { return t.name == name; });
    if (!journal && !present.count("trigger " + name)) missing.push_back(name);
  }
  return missing;
}

CheckResult history_triggers(SqliteStore& store) {
  std::vector<std::string> missing = missing_history_triggers(store);
  if (missing.empty())
    return {"history-triggers", true,
            fmt::format("{} present: changes of district, urgency, manager, groups and openings are kept",
                        schema_triggers().size() - append_only_triggers().size())};
  std::string list;
  for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
  return {"history-triggers", false,
          fmt::format("missing: {}; changes made since were not kept for past reports; 'casectl check --repair' restores the "
                      "triggers (not what they missed)",
                      list)};
}

// Runs one check; a SQLite error inside it (a table dropped, say) is that check failing, not the
// end of the run, except busy or locked, which stop it (exit 75).
CheckResult checked(const char* name, const std::function<CheckResult()>& check) {
  try {
    return check();
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) throw;
    return {name, false, fmt::format("cannot be checked: {}; restore the store from a backup", e.what())};
  }
}

Result<std::vector<CheckResult>> check_store(SqliteStore& store, const CheckOptions& options) {
  std::vector<CheckResult> results;
  Status status = guarded("check", store.location(), [&] {
    results.push_back(checked("integrity", [&] { return integrity(store); }));
    results.push_back(checked("foreign-keys", [&] { return foreign_keys(store); }));
    results.push_back(checked("schema-version", [&] { return schema_version(store); }));
    std::vector<std::string> missing = missing_triggers(store);
    for (const Trigger& t : append_only_triggers()) {
      bool gone = std::find(missing.begin(), missing.end(), t.name) != missing.end();
      results.push_back({fmt::format("trigger {}", t.name), !gone,
                         gone ? "missing: the journal can be rewritten; 'casectl check --repair' restores it"
                              : "present: the journal refuses changes"});
    }
    results.push_back(checked("history-triggers", [&] { return history_triggers(store); }));
    results.push_back(checked("search-index", [&] { return search_index(store); }));
    results.push_back(checked("case-id-counters", [&] { return case_id_counters(store, options); }));
    results.push_back(checked("case-status", [&] { return case_status(store); }));
    std::string head;
    results.push_back(checked("journal-chain", [&] { return journal_chain(store, head); }));
    if (options.expect_head)
      results.push_back(checked("journal-head", [&] { return expected_head(store, *options.expect_head); }));
    return Status::ok();
  });
  if (!status) return status;
  return results;
}

Result<std::string> journal_head(SqliteStore& store) {
  std::string head;
  Status status = guarded("read", store.location(), [&] {
    head = store.db().execAndGet("SELECT coalesce((SELECT hash FROM journal ORDER BY id DESC LIMIT 1), '')").getString();
    return Status::ok();
  });
  if (!status) return status;
  return head;
}

Result<std::vector<std::string>> repair_store(SqliteStore& store) {
  std::vector<std::string> done;
  for (const std::string& name : missing_triggers(store)) {
    for (const Trigger& t : append_only_triggers())
      if (name == t.name) store.db().exec(t.sql);
    done.push_back("trigger " + name + " restored");
  }
  for (const std::string& name : missing_history_triggers(store)) {
    store.db().exec(schema_triggers().at(name));
    done.push_back("trigger " + name + " restored");
  }
  if (!search_index(store).ok) {
    store.db().exec("DELETE FROM case_search");
    write_search_rows(store.db(), 0);
    done.push_back("search index rebuilt");
  }
  return done;
}

Result<std::optional<ChainBreak>> verify_case_chain(SqliteStore& store, const std::string& case_id) {
  std::optional<ChainBreak> first;
  Status status = guarded("read", store.location(), [&] {
    SQLite::Statement rows(store.db(), fmt::format("SELECT {} FROM journal WHERE case_id = ? ORDER BY id", k_chain_columns));
    SQLite::Statement before(store.db(), "SELECT hash FROM journal WHERE id < ? ORDER BY id DESC LIMIT 1");
    rows.bind(1, case_id);
    while (!first && rows.executeStep()) {
      StoredJournalRow row = read_row(rows);
      before.bind(1, static_cast<int64_t>(row.id));
      std::string previous = before.executeStep() ? before.getColumn(0).getString() : "";
      before.reset();
      ChainVerifier verifier(previous);
      first = verifier.add(row);
    }
    return Status::ok();
  });
  if (!status) return status;
  return first;
}

} // namespace casectl::store::sqlite
