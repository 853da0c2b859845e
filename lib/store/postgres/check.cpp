#include "store/postgres/check.hpp"

#include "store/postgres/case_queries.hpp"
#include "util/messages.hpp"

#include "store/journal_chain.hpp"
#include "store/postgres/query_values.hpp"
#include "store/postgres/schema.hpp"
#include "store/shared_sql.hpp"
#include "store/status_check.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <regex>
#include <set>

namespace casectl::store::postgres {

namespace {

// The one row a query must return.
Result<std::vector<Value>> one_row(Connection& db, const std::string& sql, const std::vector<Value>& params = {}) {
  Result<Rows> rows = db.exec(sql, params);
  if (!rows) return rows.status();
  if (rows->rows.empty()) return Status::internal("the server returned no row for: " + sql);
  return rows->rows[0];
}

// The first row of a query, nullopt when there is none.
Result<std::optional<std::vector<Value>>> first_row(Connection& db, const std::string& sql,
                                                    const std::vector<Value>& params = {}) {
  Result<Rows> rows = db.exec(sql, params);
  if (!rows) return rows.status();
  if (rows->rows.empty()) return std::optional<std::vector<Value>>();
  return std::optional<std::vector<Value>>(rows->rows[0]);
}

// What happened to a trigger of the schema: sound, missing, disabled, not as the schema defines it
// (other events, columns, arguments or WHEN), or calling a function that is not casectl's.
enum class TriggerState { sound, missing, disabled, redefined, changed };

// What pg_trigger keeps of a trigger, as the text the query in trigger_states gives it.
struct TriggerShape {
  std::string type;      // tgtype: FOR EACH ROW 1, BEFORE 2, INSERT 4, DELETE 8, UPDATE 16, TRUNCATE 32
  std::string columns;   // the columns of UPDATE OF, ", " between them
  std::string arguments; // tgargs as encode(tgargs, 'escape') gives it: each argument, then \000
  std::string when;      // "t" when it has a WHEN, else "f"
};

// The shape `sql` (a CREATE TRIGGER of schema_triggers(), one line, keywords in capitals) gives.
TriggerShape shape_of(const std::string& sql) {
  static const std::regex columns(R"( UPDATE OF ([\w, ]+) ON )");
  static const std::regex arguments(R"(EXECUTE FUNCTION \w+\((.*)\)$)");
  static const std::regex argument(R"('([^']*)')");
  std::string events = sql.substr(0, sql.find(" ON "));
  int type = sql.find(" FOR EACH ROW ") != std::string::npos ? 1 : 0;
  for (const auto& [word, bit] :
       {std::pair<const char*, int>{" BEFORE ", 2}, {" INSERT", 4}, {" DELETE", 8}, {" UPDATE", 16}, {" TRUNCATE", 32}})
    if (events.find(word) != std::string::npos) type |= bit;
  TriggerShape shape{std::to_string(type), "", "", sql.find(" WHEN (") != std::string::npos ? "t" : "f"};
  std::smatch m;
  if (std::regex_search(sql, m, columns)) shape.columns = m[1];
  if (std::regex_search(sql, m, arguments)) {
    std::string list = m[1];
    for (std::sregex_iterator a(list.begin(), list.end(), argument), end; a != end; ++a)
      shape.arguments += (*a)[1].str() + "\\000";
  }
  return shape;
}

// Each trigger of the schema (schema_triggers(), in order) and its state, from one query.
Result<std::vector<std::pair<const Trigger*, TriggerState>>> trigger_states(PgStore& store) {
  Result<Rows> rows = store.connection().exec(
      "SELECT t.tgname, c.relname, t.tgenabled, p.proname, p.prosrc, t.tgtype::text, "
      "coalesce((SELECT string_agg(a.attname, ', ' ORDER BY k.i) FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(n, i) "
      "          JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.n), ''), "
      "encode(t.tgargs, 'escape'), t.tgqual IS NOT NULL "
      "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_proc p ON p.oid = t.tgfoid WHERE n.nspname = current_schema() AND NOT t.tgisinternal");
  if (!rows) return rows.status();
  std::vector<std::pair<const Trigger*, TriggerState>> states;
  for (const Trigger& t : schema_triggers()) {
    auto found = std::find_if(rows->rows.begin(), rows->rows.end(),
                              [&](const std::vector<Value>& r) { return r[0] == Value(t.name) && r[1] == Value(t.table); });
    auto function = std::find_if(trigger_functions().begin(), trigger_functions().end(),
                                 [&](const TriggerFunction& f) { return std::string(f.name) == t.function; });
    TriggerState state = TriggerState::sound;
    if (found == rows->rows.end()) {
      state = TriggerState::missing;
    } else {
      const std::vector<Value>& r = *found;
      TriggerShape shape = shape_of(t.sql);
      // 'O' fires in every session but replica ones, 'A' always; 'D' never, 'R' only in replica sessions.
      if (r[2] != Value("O") && r[2] != Value("A")) state = TriggerState::disabled;
      else if (r[5] != Value(shape.type) || r[6] != Value(shape.columns) || r[7] != Value(shape.arguments) ||
               r[8] != Value(shape.when))
        state = TriggerState::redefined;
      else if (r[3] != Value(t.function) || function == trigger_functions().end() || r[4] != Value(function->body))
        state = TriggerState::changed;
    }
    states.emplace_back(&t, state);
  }
  return states;
}

CheckResult journal_trigger_result(const Trigger& t, TriggerState state) {
  std::string name = fmt::format("trigger {}", t.name);
  switch (state) {
  case TriggerState::sound: return {name, true, "present: the journal refuses changes"};
  case TriggerState::missing: return {name, false, "missing: the journal can be rewritten; 'casectl check --repair' restores it"};
  case TriggerState::disabled:
    return {name, false, "disabled: the journal can be rewritten; 'casectl check --repair' restores it"};
  case TriggerState::redefined:
    return {name, false,
            "present, but not as casectl creates it (other events, columns or arguments): the journal may be rewritten; "
            "'casectl check --repair' restores it"};
  case TriggerState::changed:
    return {name, false,
            fmt::format("present, but it no longer runs casectl's {}: the journal may be rewritten; 'casectl check "
                        "--repair' restores it",
                        t.function)};
  }
  return {name, false, "unknown state"};
}

CheckResult history_triggers_result(const std::vector<std::pair<const Trigger*, TriggerState>>& states) {
  std::vector<std::string> missing, disabled, redefined, changed;
  long long history = 0;
  for (const auto& [t, state] : states) {
    if (t->journal) continue;
    ++history;
    if (state == TriggerState::missing) missing.push_back(t->name);
    if (state == TriggerState::disabled) disabled.push_back(t->name);
    if (state == TriggerState::redefined) redefined.push_back(t->name);
    if (state == TriggerState::changed) changed.push_back(t->name);
  }
  // By name, as SQLite's check lists them.
  for (std::vector<std::string>* names : {&missing, &disabled, &redefined, &changed}) std::sort(names->begin(), names->end());
  if (missing.empty() && disabled.empty() && redefined.empty() && changed.empty())
    return {"history-triggers", true,
            fmt::format("{} present: changes of district, urgency, manager, groups and openings are kept", history)};
  std::vector<std::string> found;
  if (!missing.empty()) found.push_back("missing: " + text::join(missing, ", "));
  if (!disabled.empty()) found.push_back("disabled: " + text::join(disabled, ", "));
  if (!redefined.empty()) found.push_back("not as casectl creates them: " + text::join(redefined, ", "));
  if (!changed.empty()) found.push_back("no longer running casectl's function: " + text::join(changed, ", "));
  return {"history-triggers", false,
          fmt::format("{}; changes made since were not kept for past reports; 'casectl check --repair' restores the "
                      "triggers (not what they missed)",
                      text::join(found, "; "))};
}

// bt_index_check on every valid B-tree index of the store, with amcheck in schema `amcheck`.
// Returns how many it checked; a damaged index is an error of the server's (XX002), naming it.
Result<long long> check_btree_indexes(Connection& db, const std::string& amcheck) {
  Result<std::vector<Value>> row =
      one_row(db, fmt::format("SELECT count(*) FROM (SELECT {}.bt_index_check(c.oid) FROM pg_index i "
                              "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "JOIN pg_am a ON a.oid = c.relam WHERE n.nspname = current_schema() AND a.amname = 'btree' "
                              "AND i.indisvalid AND i.indisready) checked",
                              amcheck));
  if (!row) return row.status();
  return number_of((*row)[0]);
}

// What verify_heapam found in the store's tables.
struct TablesRead {
  long long tables = 0;  // tables read
  long long damaged = 0; // damaged tuples or pages found
  std::string first;     // the first, "TABLE block N: what"
};

// verify_heapam (amcheck of PostgreSQL 14 and later) on every table of the store; nullopt when
// this amcheck has none.
Result<std::optional<TablesRead>> check_tables(Connection& db, const std::string& amcheck) {
  Result<std::vector<Value>> has =
      one_row(db, "SELECT count(*) FROM pg_proc WHERE proname = 'verify_heapam' AND pronamespace = $1::regnamespace", {amcheck});
  if (!has) return has.status();
  if (number_of((*has)[0]) == 0) return std::optional<TablesRead>();
  Result<std::vector<Value>> row = one_row(
      db,
      fmt::format("SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "        WHERE n.nspname = current_schema() AND c.relkind = 'r'), "
                  "       count(v.blkno), min(c.relname || ' block ' || v.blkno || ': ' || v.msg) "
                  "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL {}.verify_heapam(c.oid) v "
                  "WHERE n.nspname = current_schema() AND c.relkind = 'r'",
                  amcheck));
  if (!row) return row.status();
  return std::optional<TablesRead>(TablesRead{number_of((*row)[0]), number_of((*row)[1]), text_of((*row)[2])});
}

// Runs one reading of amcheck's under a savepoint of its own: a reading that fails (a damaged
// index is an error, a missing grant too) leaves the next one a transaction that works.
template <typename T> Result<T> under_savepoint(Connection& db, const std::function<Result<T>()>& read) {
  CASECTL_TRY(db.exec("SAVEPOINT casectl_amcheck").status());
  Result<T> result = read();
  CASECTL_TRY(db.exec("ROLLBACK TO SAVEPOINT casectl_amcheck").status());
  return result;
}

// What amcheck, in schema `amcheck`, finds in the store's files: a phrase saying what was read
// and found sound and what was not read (in English, as every check's detail, SQLite's too);
// damage found goes to `problems`.
Result<std::string> read_files(Connection& db, const std::string& amcheck, std::vector<std::string>& problems) {
  std::vector<std::string> sound, unread;
  Result<std::optional<TablesRead>> tables =
      under_savepoint<std::optional<TablesRead>>(db, [&] { return check_tables(db, amcheck); });
  if (!tables && tables.status().kind() == ErrorKind::busy) return tables.status();
  if (!tables) unread.push_back("the tables were not read (amcheck could not run: " + tables.status().message() + ")");
  else if (!*tables) unread.push_back("the tables were not read (this amcheck has no verify_heapam: PostgreSQL 14 has)");
  else if ((*tables)->damaged > 0)
    problems.push_back(trf("amcheck finds {} damaged rows or pages (the first: {})", (*tables)->damaged, (*tables)->first));
  else sound.push_back(fmt::format("the {} tables", (*tables)->tables));
  Result<long long> indexes = under_savepoint<long long>(db, [&] { return check_btree_indexes(db, amcheck); });
  if (!indexes && indexes.status().kind() == ErrorKind::busy) return indexes.status();
  if (!indexes && indexes.status().kind() == ErrorKind::internal)
    problems.push_back("amcheck finds an index damaged: " + indexes.status().message());
  else if (!indexes) unread.push_back("the indexes were not read (amcheck could not run: " + indexes.status().message() + ")");
  else sound.push_back(fmt::format("the {} B-tree indexes", *indexes));
  std::vector<std::string> phrases;
  if (!sound.empty()) phrases.push_back("amcheck finds " + text::join(sound, " and ") + " sound");
  phrases.insert(phrases.end(), unread.begin(), unread.end());
  return text::join(phrases, "; ");
}

Result<CheckResult> integrity(PgStore& store) {
  Connection& db = store.connection();
  Result<std::vector<Value>> counts = one_row(
      db, "SELECT (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
          "        WHERE n.nspname = current_schema() AND NOT c.convalidated), "
          "       (SELECT min(r.relname || ' ' || c.conname) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid "
          "        JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND NOT c.convalidated), "
          "       (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
          "        JOIN pg_namespace n ON n.oid = c.relnamespace "
          "        WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)), "
          "       (SELECT min(c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
          "        JOIN pg_namespace n ON n.oid = c.relnamespace "
          "        WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)), "
          "       (SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
          "        WHERE e.extname = 'amcheck')");
  if (!counts) return counts.status();
  const std::vector<Value>& r = *counts;
  std::vector<std::string> problems;
  if (number_of(r[0]) > 0)
    problems.push_back(
        trf("{} constraints are not validated (the first: {}), so rows may break them", number_of(r[0]), text_of(r[1])));
  if (number_of(r[2]) > 0)
    problems.push_back(trf("{} indexes are invalid (the first: {}): a CREATE INDEX CONCURRENTLY failed or "
                           "was interrupted; REINDEX rebuilds them",
                           number_of(r[2]), text_of(r[3])));
  std::string files = "the files were not read (amcheck is not installed: 'CREATE EXTENSION amcheck' lets check read the "
                      "tables and indexes)";
  if (r[4]) {
    Result<std::string> read = read_files(db, *r[4], problems);
    if (!read) return read.status();
    files = *read;
  }
  if (problems.empty()) return CheckResult{"integrity", true, "every constraint validated, every index valid; " + files};
  return CheckResult{"integrity", false, text::join(problems, "; ") + "; restore the store from a backup"};
}

// One foreign key of the store: its table and columns, and those it refers to.
struct ForeignKey {
  std::string table, parent;
  std::vector<std::string> columns, parent_columns;
};

Result<std::vector<ForeignKey>> foreign_keys_of(Connection& db) {
  Result<Rows> rows = db.exec("SELECT r.relname, f.relname, "
                              "  (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i) "
                              "   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), "
                              "  (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i) "
                              "   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) "
                              "FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid "
                              "JOIN pg_namespace n ON n.oid = r.relnamespace "
                              "WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY r.relname, c.conname");
  if (!rows) return rows.status();
  std::vector<ForeignKey> keys;
  for (const std::vector<Value>& r : rows->rows)
    keys.push_back({text_of(r[0]), text_of(r[1]), text::split(text_of(r[2]), ','), text::split(text_of(r[3]), ',')});
  return keys;
}

// A name of the catalog as an SQL identifier.
std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The rows of `key`'s table whose reference finds no row: how many, and the first, named by its
// columns ("case_row 7").
Result<std::pair<long long, std::string>> orphans_of(Connection& db, const ForeignKey& key) {
  std::vector<std::string> set, matches, named;
  for (std::size_t i = 0; i < key.columns.size() && i < key.parent_columns.size(); ++i) {
    std::string column = "t." + quoted(key.columns[i]);
    set.push_back(column + " IS NOT NULL");
    matches.push_back(fmt::format("p.{} = {}", quoted(key.parent_columns[i]), column));
    named.push_back(fmt::format("'{} ' || {}", key.columns[i], column));
  }
  Result<std::vector<Value>> row =
      one_row(db, fmt::format("SELECT count(*), min(concat_ws(', ', {})) FROM {} t WHERE {} AND NOT EXISTS "
                              "(SELECT 1 FROM {} p WHERE {})",
                              text::join(named, ", "), quoted(key.table), text::join(set, " AND "), quoted(key.parent),
                              text::join(matches, " AND ")));
  if (!row) return row.status();
  return std::make_pair(number_of((*row)[0]), text_of((*row)[1]));
}

Result<CheckResult> foreign_keys(PgStore& store) {
  Result<std::vector<ForeignKey>> keys = foreign_keys_of(store.connection());
  if (!keys) return keys.status();
  long long count = 0;
  std::string first;
  for (const ForeignKey& key : *keys) {
    Result<std::pair<long long, std::string>> orphans = orphans_of(store.connection(), key);
    if (!orphans) return orphans.status();
    if (orphans->first > 0 && count == 0)
      first = fmt::format("{} row with {} refers to a missing row of {}", key.table, orphans->second, key.parent);
    count += orphans->first;
  }
  if (count == 0) return CheckResult{"foreign-keys", true, "every reference holds"};
  return CheckResult{"foreign-keys", false, fmt::format("{} rows refer to rows that are not there; the first: {}", count, first)};
}

Result<CheckResult> schema_version(PgStore& store) {
  Result<std::optional<std::vector<Value>>> meta =
      first_row(store.connection(), "SELECT value FROM casectl_meta WHERE key = 'schema_version'");
  if (!meta) return meta.status();
  std::string said = *meta ? text_of((**meta)[0]) : "";
  if (said != std::to_string(current_schema_version()))
    return CheckResult{
        "schema-version", false,
        fmt::format("version {}, this casectl writes {}", said.empty() ? "(none)" : said, current_schema_version())};
  Result<Rows> rows = store.connection().exec(
      "SELECT 'table ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
      "UNION ALL SELECT 'index ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() AND c.relkind = 'i' "
      "UNION ALL SELECT 'column ' || c.relname || '.' || a.attname FROM pg_attribute a "
      "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
      "UNION ALL SELECT 'foreign key ' || r.relname || '.' || a.attname || ' -> ' || f.relname || '.' || b.attname "
      "FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid "
      "JOIN pg_namespace n ON n.oid = r.relnamespace "
      "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
      "JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1] "
      "WHERE c.contype = 'f' AND n.nspname = current_schema() AND cardinality(c.conkey) = 1");
  if (!rows) return rows.status();
  std::set<std::string> present;
  for (const std::vector<Value>& r : rows->rows) present.insert(text_of(r[0]));
  std::vector<std::string> missing;
  for (const std::string& object : schema_objects_of_version(current_schema_version()))
    if (!present.count(object)) missing.push_back(object);
  if (missing.empty())
    return CheckResult{"schema-version", true, fmt::format("version {}, every table, column and index there", said)};
  return CheckResult{"schema-version", false,
                     fmt::format("version {}, but missing: {}; restore from a backup", said, text::join(missing, ", "))};
}

Result<CheckResult> case_id_counters(PgStore& store, const CheckOptions& options) {
  if (!options.case_id_of) return CheckResult{"case-id-counters", true, "not checked (no case id format given)"};
  Result<Rows> years = store.connection().exec(
      options.per_year ? "SELECT year, last_seq FROM case_id_sequence UNION "
                         "SELECT DISTINCT CAST(substr(opened, 1, 4) AS integer), 0 FROM cases "
                         "WHERE CAST(substr(opened, 1, 4) AS integer) NOT IN (SELECT year FROM case_id_sequence) "
                         "ORDER BY 1"
                       : "SELECT 0, coalesce((SELECT last_seq FROM case_id_sequence WHERE year = 0), 0)");
  if (!years) return years.status();
  for (const std::vector<Value>& r : years->rows) {
    int year = int_of(r[0]);
    long long last = number_of(r[1]);
    std::string next = options.case_id_of(year, last + 1);
    Result<std::optional<std::vector<Value>>> taken =
        first_row(store.connection(), "SELECT 1 FROM cases WHERE case_id = $1", {next});
    if (!taken) return taken.status();
    if (*taken)
      return CheckResult{"case-id-counters", false,
                         fmt::format("the counter of {} is at {}, but case {} already exists: the counter is below the "
                                     "highest id",
                                     year == 0 ? std::string("the store") : std::to_string(year), last, next)};
  }
  return CheckResult{"case-id-counters", true, fmt::format("{} counters, each above the highest id it gave", years->rows.size())};
}

Result<CheckResult> case_status(PgStore& store) {
  Result<std::vector<Value>> cases = one_row(store.connection(), "SELECT count(*) FROM cases");
  if (!cases) return cases.status();
  Result<std::optional<std::vector<Value>>> row = first_row(store.connection(), k_case_status_sql);
  if (!row) return row.status();
  std::optional<StatusDisagreement> first;
  if (*row) {
    const std::vector<Value>& r = **row;
    first = StatusDisagreement{text_of(r[0]), text_of(r[1]), r[2], std::nullopt, r[4], number_of(r[5])};
    if (r[3]) first->spell = number_of(r[3]);
  }
  return case_status_result(number_of((*cases)[0]), first);
}

StoredJournalRow journal_row(const std::vector<Value>& r) {
  StoredJournalRow row;
  row.id = number_of(r[0]);
  row.content.at = text_of(r[1]);
  row.content.effective_on = r[2];
  row.content.actor = text_of(r[3]);
  row.content.login = r[4];
  row.content.command = text_of(r[5]);
  row.content.case_id = r[6];
  row.content.action = text_of(r[7]);
  row.content.changes = text_of(r[8]);
  row.previous_hash = r[9];
  row.hash = r[10];
  row.content.db_role = r[11];
  return row;
}

Result<CheckResult> journal_chain(PgStore& store) {
  ChainVerifier verifier;
  std::optional<ChainBreak> first;
  CASECTL_TRY(store.connection().each_row(
      "SELECT id, at, effective_on, actor, login, command, case_id, action, changes, previous_hash, hash, db_role "
      "FROM journal ORDER BY id",
      {}, [&](const std::vector<Value>& r) {
        std::optional<ChainBreak> broken = verifier.add(journal_row(r));
        if (broken && !first) first = broken;
        return Status::ok();
      }));
  if (first)
    return CheckResult{"journal-chain", false,
                       describe(*first) +
                           "; the history was changed outside casectl: compare with a backup (the chain is never repaired)"};
  Result<std::vector<Value>> before = one_row(store.connection(), "SELECT count(*) FROM journal WHERE login IS NULL");
  if (!before) return before.status();
  const std::string& head = verifier.head();
  std::string detail = fmt::format("{} rows chained, head {}", verifier.rows(), head.empty() ? "(empty)" : head);
  if (number_of((*before)[0]) > 0)
    detail += fmt::format("; {} rows were written before the store had a chain and were chained when it was "
                          "migrated: they are proven unchanged only since then",
                          number_of((*before)[0]));
  return CheckResult{"journal-chain", true, detail};
}

Result<CheckResult> expected_head(PgStore& store, const std::string& expected) {
  Result<std::optional<std::vector<Value>>> row =
      first_row(store.connection(), "SELECT id FROM journal WHERE hash = $1 ORDER BY id LIMIT 1", {expected});
  if (!row) return row.status();
  if (*row)
    return CheckResult{"journal-head", true, fmt::format("row {} has the expected head {}", text_of((**row)[0]), expected)};
  return CheckResult{"journal-head", false,
                     fmt::format("no row has the expected head {}: the journal up to it was rewritten or deleted", expected)};
}

// Runs one check: a statement failing inside it (a table dropped, say) is that check failing, not
// the end of the run, but a busy store or a lost connection (cannot_write) ends it. Whatever the
// check did, its transaction is rolled back to the savepoint `check` set, so that a statement
// that failed leaves the next check a transaction that works.
Status checked(Connection& db, std::vector<CheckResult>& results, const char* name,
               const std::function<Result<CheckResult>()>& check) {
  Result<CheckResult> result = check();
  if (!result && result.status().kind() != ErrorKind::internal) return result.status();
  CASECTL_TRY(db.exec("ROLLBACK TO SAVEPOINT casectl_check").status());
  if (result) results.push_back(std::move(*result));
  else
    results.push_back(
        {name, false, fmt::format("cannot be checked: {}; restore the store from a backup", result.status().message())});
  return Status::ok();
}

Status run_checks(PgStore& store, const CheckOptions& options, std::vector<CheckResult>& results) {
  Connection& db = store.connection();
  CASECTL_TRY(checked(db, results, "integrity", [&] { return integrity(store); }));
  CASECTL_TRY(checked(db, results, "foreign-keys", [&] { return foreign_keys(store); }));
  CASECTL_TRY(checked(db, results, "schema-version", [&] { return schema_version(store); }));
  Result<std::vector<std::pair<const Trigger*, TriggerState>>> triggers = trigger_states(store);
  if (!triggers) return triggers.status();
  for (const auto& [t, state] : *triggers)
    if (t->journal) results.push_back(journal_trigger_result(*t, state));
  results.push_back(history_triggers_result(*triggers));
  CASECTL_TRY(checked(db, results, "search-index", [&] { return check_search_index(store); }));
  CASECTL_TRY(checked(db, results, "case-id-counters", [&] { return case_id_counters(store, options); }));
  CASECTL_TRY(checked(db, results, "case-status", [&] { return case_status(store); }));
  CASECTL_TRY(checked(db, results, "journal-chain", [&] { return journal_chain(store); }));
  if (options.expect_head)
    CASECTL_TRY(checked(db, results, "journal-head", [&] { return expected_head(store, *options.expect_head); }));
  return Status::ok();
}

} // namespace

Result<CheckResult> check_search_index(PgStore& store) {
  Result<Rows> found = store.connection().exec(
      "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM case_search), "
      "(SELECT min(case_id COLLATE \"C\") FROM cases WHERE id NOT IN (SELECT case_row FROM case_search)), "
      "(SELECT count(*) FROM case_search WHERE case_row NOT IN (SELECT id FROM cases))");
  if (!found) return found.status();
  const std::vector<Value>& r = found->rows.at(0);
  long long cases = std::stoll(r.at(0).value_or("0"));
  long long rows = std::stoll(r.at(1).value_or("0"));
  long long strays = std::stoll(r.at(3).value_or("0"));
  if (cases == rows && !r.at(2) && strays == 0)
    return CheckResult{"search-index", true, fmt::format("{} cases, {} index rows, the same ids", cases, rows)};
  std::string detail = fmt::format("{} cases, {} index rows", cases, rows);
  if (r.at(2)) detail += fmt::format("; case {} is not in the index", *r.at(2));
  if (strays > 0) detail += fmt::format("; {} index rows name no case", strays);
  return CheckResult{"search-index", false, detail + "; 'casectl check --repair' rebuilds it"};
}

// Writes every case's search row again from the case as stored (the keys computed in C++, as
// insert_case writes them).
Result<bool> rebuild_search_index(PgStore& store) {
  Connection& db = store.connection();
  CASECTL_TRY(db.exec("DELETE FROM case_search").status());
  CASECTL_TRY(write_search_rows(db));
  return true;
}

Result<std::vector<CheckResult>> check(PgStore& store, const CheckOptions& options) {
  // Every check reads one snapshot (REPEATABLE READ), so that what one counts agrees with what
  // another counts while others write; READ ONLY, because check changes nothing.
  Connection& db = store.connection();
  CASECTL_TRY(db.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").status());
  std::vector<CheckResult> results;
  Status status = db.exec("SAVEPOINT casectl_check").status();
  if (status) status = run_checks(store, options, results);
  // Nothing to keep: a lost connection has rolled back already, and says so above.
  (void)db.rollback();
  if (!status) return status;
  return results;
}

Result<std::vector<std::string>> missing_triggers(PgStore& store) {
  Result<std::vector<std::pair<const Trigger*, TriggerState>>> states = trigger_states(store);
  if (!states) return states.status();
  std::vector<std::string> missing;
  for (const auto& [t, state] : *states)
    if (state != TriggerState::sound) missing.push_back(t->name);
  return missing;
}

Result<std::vector<std::string>> repair(PgStore& store) {
  Connection& db = store.connection();
  std::vector<std::string> done;
  Result<std::vector<std::pair<const Trigger*, TriggerState>>> states = trigger_states(store);
  if (!states) return states.status();
  bool functions_restored = false;
  for (const auto& [t, state] : *states) {
    if (state == TriggerState::sound) continue;
    if (!functions_restored) {
      CASECTL_TRY(db.run_script(create_trigger_functions()));
      functions_restored = true;
    }
    // Dropped and created again rather than enabled, so that what is there is the schema's.
    CASECTL_TRY(db.run_script(fmt::format("DROP TRIGGER IF EXISTS {} ON {};\n{}", t->name, t->table, t->sql)));
    done.push_back(fmt::format("trigger {} restored", t->name));
  }
  Result<CheckResult> index = check_search_index(store);
  if (!index) return index.status();
  if (!index->ok) {
    Result<bool> rebuilt = rebuild_search_index(store);
    if (!rebuilt) return rebuilt.status();
    if (*rebuilt) done.push_back("search index rebuilt");
  }
  return done;
}

} // namespace casectl::store::postgres
