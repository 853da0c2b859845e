// `casectl check` on the PostgreSQL engine (lib/store/postgres/check.hpp): a sound store passes
// every check, with the SQLite engine's names in the same order; each kind of damage is caught and
// named; repair restores the triggers and never touches the journal. Against the server
// CASECTL_TEST_POSTGRES names (scripts/test starts a throwaway cluster for it); without the
// variable these tests are skipped, and say so. Each test works in a schema of its own.
#include "store/postgres/check.hpp"

#include "cases/intake.hpp"
#include "store/postgres/case_queries.hpp"
#include "store/postgres/monitoring_queries.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/schema.hpp"

#include "postgres_server.hpp"
#include "store_engines.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using namespace casectl;
using store::postgres::Connection;
using store::postgres::PgStore;
namespace pg = store::postgres;

namespace {

using testing::no_server;

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.is_ok(), status.message()); }

Case case_of(const std::string& id, const std::string& name, const std::string& opened) {
  Case c;
  c.case_id = id;
  c.kind = "family";
  c.status = "intake";
  c.name = name;
  c.district = "almaly";
  c.source = "self";
  c.urgency = "routine";
  c.response_due = opened + "T12:00:00Z";
  c.consent = true;
  c.opened = opened;
  c.created_at = opened + "T09:00:00Z";
  c.created_by = "aigerim";
  c.updated_at = c.created_at;
  c.groups = {"large-family"};
  return c;
}

JournalEntry intake_entry(const std::string& case_id) {
  JournalEntry entry;
  entry.at = "2026-03-01T10:00:00Z";
  entry.effective_on = "2026-03-01";
  entry.actor = "aigerim";
  entry.login = "aigerim";
  entry.command = "casectl intake";
  entry.case_id = case_id;
  entry.action = "intake";
  entry.changes = R"({"name":"Семёнова"})";
  return entry;
}

CheckOptions options() {
  CheckOptions o;
  o.case_id_of = [](int year, long long seq) { return format_case_id("{year}-{seq:05}", year, seq); };
  return o;
}

// Three cases of 2026, numbered by the counter and journaled, written through the same calls on
// any engine: `Store` is PgStore or CaseStore, `number`/`insert` the engine's calls.
template <typename Store, typename Number, typename Insert> void add_three_cases(Store& s, Number number, Insert insert) {
  const char* names[] = {"Семёнова", "Өмірбекова", "Ivanova"};
  for (const char* name : names)
    require_ok(s.write([&]() -> Status {
      Result<long long> seq = number(2026);
      if (!seq) return seq.status();
      std::string id = format_case_id("{year}-{seq:05}", 2026, *seq);
      Result<long long> row = insert(case_of(id, name, "2026-03-01"));
      if (!row) return row.status();
      return s.append_journal(intake_entry(id));
    }));
}

// A PostgreSQL store of its own schema holding three cases, and a connection to tamper with it.
struct PgCheckStore {
  testing::PostgresSchema schema;
  std::unique_ptr<PgStore> store;
  Connection sql = schema.connection();

  PgCheckStore() {
    Result<std::unique_ptr<PgStore>> opened = PgStore::open({schema.url, 5000, store::Mode::write});
    REQUIRE_MESSAGE(opened.is_ok(), opened.status().message());
    store = std::move(*opened);
    add_three_cases(
        *store, [&](int year) { return store->next_case_number(year); },
        [&](const Case& c) { return pg::insert_case(*store, c); });
  }

  void run(const std::string& statements) { require_ok(sql.run_script(statements)); }

  std::vector<CheckResult> checked(const CheckOptions& o = options()) {
    Result<std::vector<CheckResult>> results = pg::check(*store, o);
    REQUIRE_MESSAGE(results.is_ok(), results.status().message());
    return *results;
  }

  std::vector<std::string> repaired() {
    std::vector<std::string> done;
    require_ok(store->write([&]() -> Status {
      Result<std::vector<std::string>> r = pg::repair(*store);
      if (!r) return r.status();
      done = *r;
      return Status::ok();
    }));
    return done;
  }

  std::vector<std::string> missing() {
    Result<std::vector<std::string>> m = pg::missing_triggers(*store);
    REQUIRE_MESSAGE(m.is_ok(), m.status().message());
    return *m;
  }

  std::string journal_rows() {
    Result<store::postgres::Rows> rows = sql.exec("SELECT id, changes, previous_hash, hash FROM journal ORDER BY id");
    REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
    std::string out;
    for (const auto& r : rows->rows) {
      for (const auto& v : r) out += v.value_or("NULL") + "|";
      out += "\n";
    }
    return out;
  }
};

CheckResult result_named(const std::vector<CheckResult>& results, const std::string& name) {
  auto found = std::find_if(results.begin(), results.end(), [&](const CheckResult& r) { return r.check == name; });
  REQUIRE_MESSAGE(found != results.end(), "no check named " << name);
  return *found;
}

std::vector<std::string> failing(const std::vector<CheckResult>& results) {
  std::vector<std::string> names;
  for (const CheckResult& r : results)
    if (!r.ok) names.push_back(r.check + ": " + r.detail);
  return names;
}

std::vector<std::string> names_of(const std::vector<CheckResult>& results) {
  std::vector<std::string> names;
  for (const CheckResult& r : results) names.push_back(r.check);
  return names;
}

} // namespace

TEST_CASE("postgres check: a sound store passes every check, with SQLite's names in SQLite's order" *
          doctest::skip(no_server())) {
  PgCheckStore pg_store;
  std::vector<CheckResult> results = pg_store.checked();
  CHECK(failing(results) == std::vector<std::string>{});

  std::unique_ptr<store::CaseStore> sqlite = testing::SqliteInMemory::open();
  add_three_cases(
      *sqlite, [&](int year) { return sqlite->next_case_number(year); }, [&](const Case& c) { return sqlite->insert_case(c); });
  Result<std::vector<CheckResult>> sqlite_results = sqlite->check(options());
  REQUIRE(sqlite_results.is_ok());
  CHECK(failing(*sqlite_results) == std::vector<std::string>{});

  // PostgreSQL's journal also refuses TRUNCATE: one check more, right after SQLite's two.
  std::vector<std::string> expected = names_of(*sqlite_results);
  expected.insert(std::find(expected.begin(), expected.end(), "trigger journal_no_delete") + 1, "trigger journal_no_truncate");
  CHECK(names_of(results) == expected);
  CHECK(names_of(results) == std::vector<std::string>{"integrity", "foreign-keys", "schema-version", "trigger journal_no_update",
                                                      "trigger journal_no_delete", "trigger journal_no_truncate",
                                                      "history-triggers", "search-index", "case-id-counters", "case-status",
                                                      "journal-chain"});

  // Where the facts are the same, the words are.
  for (const char* same : {"foreign-keys", "schema-version", "trigger journal_no_update", "trigger journal_no_delete",
                           "history-triggers", "search-index", "case-id-counters", "case-status"}) {
    CAPTURE(same);
    CHECK(result_named(results, same).detail == result_named(*sqlite_results, same).detail);
  }
  CHECK(result_named(results, "case-status").detail == "3 cases, each status as its history of closings says");
  CHECK(result_named(results, "search-index").detail == "3 cases, 3 index rows, the same ids");
  CHECK(result_named(results, "journal-chain").detail.rfind("4 rows chained, head ", 0) == 0); // the migration's row too
  CHECK(pg_store.missing() == std::vector<std::string>{});
  CHECK(pg_store.repaired() == std::vector<std::string>{});

  SUBCASE("with --expect-head, the head it gave") {
    Result<std::string> head = pg_store.store->journal_head();
    REQUIRE(head.is_ok());
    CheckOptions o = options();
    o.expect_head = *head;
    CheckResult last = pg_store.checked(o).back();
    CHECK(last.check == "journal-head");
    CHECK(last.ok);
    CHECK(last.detail == fmt::format("row 4 has the expected head {}", *head));
    o.expect_head = std::string(64, 'a');
    last = pg_store.checked(o).back();
    CHECK_FALSE(last.ok);
    CHECK(last.detail ==
          fmt::format("no row has the expected head {}: the journal up to it was rewritten or deleted", std::string(64, 'a')));
  }
}

TEST_CASE("postgres check: integrity says what it verified: constraints, indexes, and the index files only with amcheck" *
          doctest::skip(no_server())) {
  PgCheckStore s;
  Result<store::postgres::Rows> amcheck = s.sql.exec("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'");
  REQUIRE(amcheck.is_ok());
  REQUIRE_MESSAGE(amcheck->rows.empty(), "amcheck is installed in the test database: this test installs it itself");
  CHECK(result_named(s.checked(), "integrity").detail ==
        "every constraint validated, every index valid; the files were not read (amcheck is not installed: "
        "'CREATE EXTENSION amcheck' lets check read the tables and indexes)");

  SUBCASE("a constraint added NOT VALID") {
    s.run("ALTER TABLE cases ADD CONSTRAINT cases_named CHECK (name <> 'x') NOT VALID");
    CheckResult integrity = result_named(s.checked(), "integrity");
    CHECK_FALSE(integrity.ok);
    CHECK(integrity.detail == "1 constraints are not validated (the first: cases cases_named), so rows may break them; "
                              "restore the store from a backup");
  }
  SUBCASE("amcheck installed: every B-tree index read") {
    Result<store::postgres::Rows> available = s.sql.exec("SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'");
    REQUIRE(available.is_ok());
    if (available->rows.empty()) {
      MESSAGE("amcheck is not available on this server: not tested");
      return;
    }
    s.run(fmt::format("CREATE EXTENSION amcheck SCHEMA {}", s.schema.name));
    CheckResult integrity = result_named(s.checked(), "integrity");
    CHECK(integrity.ok);
    // Every table of the store and every B-tree index, those of primary keys and UNIQUE included.
    Result<store::postgres::Rows> counts =
        s.sql.exec("SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()), "
                   "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   " JOIN pg_am a ON a.oid = c.relam WHERE c.relkind = 'i' AND a.amname = 'btree' "
                   " AND n.nspname = current_schema())");
    REQUIRE(counts.is_ok());
    CHECK(integrity.detail == fmt::format("every constraint validated, every index valid; amcheck finds the {} tables and the {} "
                                          "B-tree indexes sound",
                                          counts->rows[0][0].value_or(""), counts->rows[0][1].value_or("")));
    CHECK(counts->rows[0][0] != store::postgres::Value("0"));

    // A user who may read the store but not run amcheck (a superuser's, unless granted): the
    // check says what it could not read, and finds nothing wrong.
    std::string role = fmt::format("casectl_reader_{}", ::getpid());
    s.run(fmt::format("DROP ROLE IF EXISTS {0}; CREATE ROLE {0} LOGIN; GRANT USAGE ON SCHEMA {1} TO {0};"
                      "GRANT SELECT ON ALL TABLES IN SCHEMA {1} TO {0}",
                      role, s.schema.name));
    std::string url = s.schema.url;
    REQUIRE(url.find("://postgres@") != std::string::npos); // tests/pg/cluster.sh's URL
    url.replace(url.find("://postgres@"), 12, "://" + role + "@");
    {
      Result<std::unique_ptr<PgStore>> reader = PgStore::open({url, 5000, store::Mode::read});
      REQUIRE_MESSAGE(reader.is_ok(), reader.status().message());
      Result<std::vector<CheckResult>> checked = pg::check(**reader, options());
      REQUIRE_MESSAGE(checked.is_ok(), checked.status().message());
      CheckResult limited = result_named(*checked, "integrity");
      CHECK(limited.ok);
      CHECK(limited.detail.rfind("every constraint validated, every index valid; the tables were not read (amcheck could not "
                                 "run: ",
                                 0) == 0);
      CHECK(limited.detail.find("; the indexes were not read (amcheck could not run: ") != std::string::npos);
      CHECK(limited.detail.find("permission denied") != std::string::npos);
      CHECK(failing(*checked) == std::vector<std::string>{});
    }
    s.run(fmt::format("DROP OWNED BY {0}; DROP ROLE {0}", role));
    s.run("DROP EXTENSION amcheck");
  }
}

TEST_CASE("postgres check: each kind of damage is caught and named" * doctest::skip(no_server())) {
  PgCheckStore s;

  SUBCASE("a journal trigger dropped") {
    s.run("DROP TRIGGER journal_no_delete ON journal");
    std::vector<CheckResult> results = s.checked();
    CHECK(failing(results) == std::vector<std::string>{"trigger journal_no_delete: missing: the journal can be rewritten; "
                                                       "'casectl check --repair' restores it"});
    CHECK(s.missing() == std::vector<std::string>{"journal_no_delete"});
  }
  SUBCASE("a history trigger disabled") {
    s.run("ALTER TABLE cases DISABLE TRIGGER case_history_district");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{"history-triggers: disabled: case_history_district; changes made since were not kept for "
                                   "past reports; 'casectl check --repair' restores the triggers (not what they missed)"});
    CHECK(s.missing() == std::vector<std::string>{"case_history_district"});
  }
  SUBCASE("a journal trigger that fires only in replica sessions is as good as disabled") {
    s.run("ALTER TABLE journal ENABLE REPLICA TRIGGER journal_no_update");
    CHECK(failing(s.checked()) == std::vector<std::string>{"trigger journal_no_update: disabled: the journal can be rewritten; "
                                                           "'casectl check --repair' restores it"});
  }
  SUBCASE("the journal's trigger function replaced by one that lets changes through") {
    s.run("CREATE OR REPLACE FUNCTION casectl_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
          "BEGIN RETURN OLD; END $$");
    std::vector<std::string> failed = failing(s.checked());
    REQUIRE(failed.size() == 3);
    CHECK(failed[0] == "trigger journal_no_update: present, but it no longer runs casectl's casectl_journal_append_only: "
                       "the journal may be rewritten; 'casectl check --repair' restores it");
    CHECK(s.missing() == std::vector<std::string>{"journal_no_update", "journal_no_delete", "journal_no_truncate"});
  }
  SUBCASE("triggers created again by hand, on other events or with another argument") {
    s.run("DROP TRIGGER journal_no_delete ON journal;"
          "CREATE TRIGGER journal_no_delete BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION casectl_journal_append_only();"
          "DROP TRIGGER case_history_district ON cases;"
          "CREATE TRIGGER case_history_district AFTER UPDATE OF district ON cases FOR EACH ROW "
          "WHEN (NEW.district IS DISTINCT FROM OLD.district) EXECUTE FUNCTION casectl_case_history('urgency')");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{"trigger journal_no_delete: present, but not as casectl creates it (other events, columns or "
                                   "arguments): the journal may be rewritten; 'casectl check --repair' restores it",
                                   "history-triggers: not as casectl creates them: case_history_district; changes made since "
                                   "were not kept for past reports; 'casectl check --repair' restores the triggers (not what "
                                   "they missed)"});
    CHECK(s.missing() == std::vector<std::string>{"journal_no_delete", "case_history_district"});
    CHECK(s.repaired() ==
          std::vector<std::string>{"trigger journal_no_delete restored", "trigger case_history_district restored"});
    CHECK(failing(s.checked()) == std::vector<std::string>{});
  }
  SUBCASE("a journal row changed after its trigger was dropped") {
    s.run("DROP TRIGGER journal_no_update ON journal;"
          "UPDATE journal SET changes = '{\"name\":\"Петрова\"}' WHERE id = 3");
    std::vector<CheckResult> results = s.checked();
    CheckResult chain = result_named(results, "journal-chain");
    CHECK_FALSE(chain.ok);
    CHECK(chain.detail.rfind("row 3 (case 2026-00002, intake): its content was changed", 0) == 0);
    CHECK(chain.detail.find("(the chain is never repaired)") != std::string::npos);
    CHECK_FALSE(result_named(results, "trigger journal_no_update").ok);
  }
  SUBCASE("a case id counter below the highest id") {
    s.run("UPDATE case_id_sequence SET last_seq = 1 WHERE year = 2026");
    CHECK(failing(s.checked()) == std::vector<std::string>{"case-id-counters: the counter of 2026 is at 1, but case 2026-00002 "
                                                           "already exists: the counter is below the highest id"});
  }
  SUBCASE("a case closed whose spell of work is open") {
    s.run("UPDATE cases SET status = 'closed' WHERE case_id = '2026-00002'");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{"case-status: 1 of 3 cases disagree with their history; the first: case 2026-00002 is "
                                   "closed, but its latest spell of work (1) is open; the case or its spells were changed "
                                   "outside casectl: see 'casectl log 2026-00002' and compare with a backup"});
  }
  SUBCASE("a case reopened by hand: active, but its spell closed") {
    Closure closure;
    closure.closed_on = "2026-03-10";
    closure.reason = "переезд";
    closure.outcome = "moved";
    closure.expectations_met = "partly";
    closure.domain_changes_json = "[]";
    closure.closed_by = "aigerim";
    closure.at = "2026-03-10T09:00:00Z";
    require_ok(s.store->write([&] { return pg::close_case(*s.store, 3, closure); }));
    CHECK(failing(s.checked()) == std::vector<std::string>{});
    s.run("UPDATE cases SET status = 'active', closed = NULL WHERE id = 3");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{"case-status: 1 of 3 cases disagree with their history; the first: case 2026-00003 is "
                                   "active, but its latest spell of work (1) was closed on 2026-03-10; the case or its spells "
                                   "were changed outside casectl: see 'casectl log 2026-00003' and compare with a backup"});
  }
  SUBCASE("a case without a spell of work") {
    s.run("DELETE FROM case_periods WHERE case_row = 1");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{"case-status: 1 of 3 cases disagree with their history; the first: case 2026-00001 "
                                   "(intake) has no spell of work; the case or its spells were changed outside casectl: see "
                                   "'casectl log 2026-00001' and compare with a backup"});
  }
  SUBCASE("a row whose reference finds nothing (its constraint's triggers bypassed)") {
    s.run("SET session_replication_role = replica;"
          "INSERT INTO case_groups (case_row, grp) VALUES (999, 'disability');"
          "SET session_replication_role = DEFAULT");
    CHECK(failing(s.checked()) == std::vector<std::string>{"foreign-keys: 1 rows refer to rows that are not there; the first: "
                                                           "case_groups row with case_row 999 refers to a missing row of cases"});
  }
  SUBCASE("an index dropped") {
    s.run("DROP INDEX cases_opened; ALTER TABLE cases DROP COLUMN changed_on CASCADE");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{fmt::format("schema-version: version {}, but missing: column cases.changed_on, index "
                                               "cases_opened; restore from a backup",
                                               pg::current_schema_version())});
  }
  SUBCASE("a foreign key dropped") {
    s.run("ALTER TABLE case_groups DROP CONSTRAINT case_groups_case_row_fkey");
    CHECK(failing(s.checked()) ==
          std::vector<std::string>{fmt::format("schema-version: version {}, but missing: foreign key case_groups.case_row -> "
                                               "cases.id; restore from a backup",
                                               pg::current_schema_version())});
  }
  SUBCASE("a table dropped: its checks cannot run, the others still do") {
    s.run("DROP TABLE case_id_sequence");
    std::vector<CheckResult> results = s.checked();
    CheckResult counters = result_named(results, "case-id-counters");
    CHECK_FALSE(counters.ok);
    CHECK(counters.detail.rfind("cannot be checked: ", 0) == 0);
    CHECK(counters.detail.find("case_id_sequence") != std::string::npos);
    CHECK(result_named(results, "journal-chain").ok);
    CHECK(result_named(results, "schema-version").detail.find("missing: table case_id_sequence") != std::string::npos);
  }
}

TEST_CASE("postgres check --repair restores the triggers, then every check passes, and never touches the journal" *
          doctest::skip(no_server())) {
  PgCheckStore s;
  s.run("DROP TRIGGER journal_no_update ON journal;"
        "ALTER TABLE journal DISABLE TRIGGER journal_no_truncate;"
        "ALTER TABLE cases DISABLE TRIGGER case_history_urgency;"
        "DROP FUNCTION casectl_case_group_spans_removed() CASCADE");
  CHECK(s.missing() ==
        std::vector<std::string>{"journal_no_update", "journal_no_truncate", "case_history_urgency", "case_group_spans_removed"});

  SUBCASE("a sound journal: the next check passes") {
    std::string journal = s.journal_rows();
    CHECK(s.repaired() == std::vector<std::string>{"trigger journal_no_update restored", "trigger journal_no_truncate restored",
                                                   "trigger case_history_urgency restored",
                                                   "trigger case_group_spans_removed restored"});
    CHECK(failing(s.checked()) == std::vector<std::string>{});
    CHECK(s.missing() == std::vector<std::string>{});
    CHECK(s.journal_rows() == journal);
    CHECK(s.repaired() == std::vector<std::string>{});
    // The restored triggers work: the journal refuses changes again, history is kept again.
    CHECK_FALSE(s.sql.run_script("UPDATE journal SET actor = 'x' WHERE id = 2").is_ok());
    CHECK_FALSE(s.sql.run_script("TRUNCATE journal").is_ok());
    s.run("UPDATE cases SET urgency = 'urgent', updated_at = '2026-03-05T10:00:00Z', updated_on = '2026-03-05' WHERE id = 1");
    Result<store::postgres::Rows> history = s.sql.exec("SELECT attribute, value, until_on FROM case_history");
    REQUIRE(history.is_ok());
    REQUIRE(history->rows.size() == 1);
    CHECK(history->rows[0] == std::vector<store::postgres::Value>{"urgency", "routine", "2026-03-05"});
  }
  SUBCASE("a tampered journal stays as it is, and its break is still reported") {
    s.run("UPDATE journal SET changes = '{}' WHERE id = 2");
    std::string journal = s.journal_rows();
    std::string before = result_named(s.checked(), "journal-chain").detail;
    CHECK(s.repaired().size() == 4);
    CHECK(s.journal_rows() == journal);
    CheckResult chain = result_named(s.checked(), "journal-chain");
    CHECK_FALSE(chain.ok);
    CHECK(chain.detail == before);
    CHECK(failing(s.checked()).size() == 1);
  }
}

TEST_CASE("postgres schema: the objects check expects are exactly the tables, columns, indexes and foreign keys of a new store" *
          doctest::skip(no_server())) {
  PgCheckStore s;
  Result<store::postgres::Rows> rows =
      s.sql.exec("SELECT 'table ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = current_schema() AND c.relkind = 'r' "
                 "UNION ALL SELECT 'column ' || c.relname || '.' || a.attname FROM pg_attribute a "
                 "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped "
                 "UNION ALL SELECT 'index ' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = current_schema() AND NOT i.indisprimary AND NOT i.indisunique "
                 "UNION ALL SELECT 'foreign key ' || r.relname || '.' || a.attname || ' -> ' || f.relname || '.' || b.attname "
                 "FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid JOIN pg_class f ON f.oid = c.confrelid "
                 "JOIN pg_namespace n ON n.oid = r.relnamespace "
                 "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) "
                 "JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = ANY (c.confkey) "
                 "WHERE c.contype = 'f' AND n.nspname = current_schema()");
  REQUIRE(rows.is_ok());
  std::set<std::string> present;
  for (const auto& r : rows->rows) present.insert(r[0].value_or(""));
  std::vector<std::string> expected = pg::schema_objects_of_version(pg::current_schema_version());
  CHECK(std::set<std::string>(expected.begin(), expected.end()) == present);
  CHECK(expected.size() == present.size()); // each once
  CHECK(std::count(expected.begin(), expected.end(), "column cases.name_sort") == 1);
  CHECK(std::count(expected.begin(), expected.end(), "foreign key assessment_scores.assessment_id -> assessments.id") == 1);
  std::vector<std::string> at_11 = pg::schema_objects_of_version(11);
  CHECK(std::count(at_11.begin(), at_11.end(), "column cases.name_sort") == 0);
  CHECK(std::count(at_11.begin(), at_11.end(), "column cases.name") == 1);
}

TEST_CASE("postgres check finds a case missing from the search index, and --repair writes it again so find finds it" *
          doctest::skip(no_server())) {
  PgCheckStore s;
  auto found = [&](const std::string& typed) {
    CaseFilter filter;
    filter.search = typed;
    filter.sort = "case_id";
    std::vector<std::string> ids;
    require_ok(pg::each_case(*s.store, filter, [&](const CaseSummary& c) {
      ids.push_back(c.case_id);
      return Status::ok();
    }));
    return ids;
  };
  Result<store::postgres::Rows> first = s.sql.exec("SELECT case_id, name FROM cases ORDER BY id LIMIT 1");
  REQUIRE(first.is_ok());
  const std::string case_id = first->rows.at(0).at(0).value_or("");
  const std::string name = first->rows.at(0).at(1).value_or("");
  std::vector<std::string> before = found(name);
  REQUIRE(std::find(before.begin(), before.end(), case_id) != before.end());

  // A stray row gets past the foreign key only with its triggers bypassed (a superuser can).
  s.run("DELETE FROM case_search WHERE case_row = 1; SET session_replication_role = replica; "
        "INSERT INTO case_search (case_row, words) VALUES (99, 'stray'::tsvector); SET session_replication_role = origin");
  CheckResult index = result_named(s.checked(), "search-index");
  CHECK_FALSE(index.ok);
  CHECK(index.detail == fmt::format("3 cases, 3 index rows; case {} is not in the index; 1 index rows name no case; "
                                    "'casectl check --repair' rebuilds it",
                                    case_id));
  CHECK(found(name) != before);

  CHECK(s.repaired() == std::vector<std::string>{"search index rebuilt"});
  CHECK(result_named(s.checked(), "search-index").ok);
  CHECK(found(name) == before);
}
