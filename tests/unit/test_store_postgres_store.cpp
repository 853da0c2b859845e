// The PostgreSQL engine's store (lib/store/postgres/pg_store.hpp) and schema
// (lib/store/postgres/schema.hpp), against the server CASECTL_TEST_POSTGRES names (scripts/test
// starts a throwaway cluster for it). Without the variable these tests are skipped, and say so.
//
// Each test works in a schema of its own (the URL's search_path names it), dropped at the end, so
// that test processes running at once on one server never meet.
#include "store/postgres/pg_store.hpp"

#include "store/postgres/schema.hpp"
#include "store/postgres/search_keys.hpp"
#include "util/search_key.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include "postgres_server.hpp"
#include "temp_dir.hpp"
#include "version_12_cases.hpp"
#include "version_16_keys.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace casectl;
using store::Mode;
using store::OpenOptions;
using store::postgres::Connection;
using store::postgres::PgStore;
using store::postgres::Rows;
using store::postgres::Value;

namespace {

using testing::connected;
using testing::no_server;
using testing::postgres_url;
using StoreSchema = testing::PostgresSchema;

Result<std::unique_ptr<PgStore>> open_store(const std::string& url, Mode mode = Mode::write, int busy_timeout_ms = 5000) {
  OpenOptions options;
  options.location = url;
  options.mode = mode;
  options.busy_timeout_ms = busy_timeout_ms;
  return PgStore::open(options);
}

std::unique_ptr<PgStore> opened(const std::string& url, Mode mode = Mode::write, int busy_timeout_ms = 5000) {
  Result<std::unique_ptr<PgStore>> store = open_store(url, mode, busy_timeout_ms);
  REQUIRE_MESSAGE(store.is_ok(), store.status().message());
  return std::move(*store);
}

Rows rows_of(Connection& connection, const std::string& sql, const std::vector<Value>& params = {}) {
  Result<Rows> rows = connection.exec(sql, params);
  REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
  return *rows;
}

std::string text_of(Connection& connection, const std::string& sql) {
  Rows rows = rows_of(connection, sql);
  REQUIRE(rows.rows.size() == 1);
  return rows.rows[0][0].value_or("NULL");
}

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.is_ok(), status.message()); }

// Opens (and so migrates) the store at `url` with pg_dump's copy of it going under `state_home`
// (XDG_STATE_HOME, put back as it was afterwards).
std::unique_ptr<PgStore> opened_dumping_to(const std::string& url, const std::string& state_home) {
  const char* was = std::getenv("XDG_STATE_HOME");
  const std::string kept = was ? was : "";
  ::setenv("XDG_STATE_HOME", state_home.c_str(), 1);
  Result<std::unique_ptr<PgStore>> store = open_store(url);
  if (was) ::setenv("XDG_STATE_HOME", kept.c_str(), 1);
  else ::unsetenv("XDG_STATE_HOME");
  REQUIRE_MESSAGE(store.is_ok(), store.status().message());
  return std::move(*store);
}

// Builds the schema of `version` at `connection` (the migrations' SQL up to it), as that version left it.
void build_version(Connection& connection, int version) {
  for (const store::postgres::Migration& migration : store::postgres::migrations())
    if (migration.to <= version) require_ok(connection.run_script(migration.sql));
  require_ok(
      connection.run_script(fmt::format("INSERT INTO casectl_meta (key, value) VALUES ('schema_version', '{}')", version)));
}

JournalEntry entry_for(const std::string& case_id, const std::string& action, const std::string& changes) {
  JournalEntry entry;
  entry.at = "2026-03-01T10:00:00Z";
  entry.effective_on = "2026-03-01";
  entry.actor = "aigerim";
  entry.login = "aigerim";
  entry.command = "casectl test";
  entry.case_id = case_id;
  entry.action = action;
  entry.changes = changes;
  return entry;
}

// The schema's tables, columns, indexes and triggers, named as schema_objects_of_version names
// SQLite's. Indexes that back a primary key or UNIQUE constraint are SQLite's implicit
// autoindexes, which that list leaves out too.
std::set<std::string> objects_of(Connection& connection) {
  Rows rows = rows_of(connection, R"SQL(
    SELECT 'table ' || tablename FROM pg_tables WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'column ' || table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL
    SELECT 'index ' || c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    UNION ALL
    SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal)SQL");
  std::set<std::string> objects;
  for (const std::vector<Value>& row : rows.rows) objects.insert(row[0].value_or(""));
  return objects;
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

} // namespace

TEST_CASE("PostgreSQL store tests run only with CASECTL_TEST_POSTGRES set") {
  if (no_server())
    MESSAGE("the PostgreSQL store tests did NOT run: CASECTL_TEST_POSTGRES is not set. "
            "Run scripts/test, which starts a throwaway cluster (tests/pg/cluster.sh)");
}

TEST_CASE("a PostgreSQL store starts at the SQLite store's version, with the same tables, columns, indexes and triggers" *
          doctest::skip(no_server())) {
  CHECK(store::postgres::current_schema_version() == store::sqlite::current_schema_version());
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url);
  CHECK(store->schema_version() == store::postgres::current_schema_version());

  // The search index case_search is SQLite's FTS5 table (and its shadow tables) on one side, a
  // table of tsvectors on the other: compared apart.
  std::set<std::string> sqlite_objects, sqlite_search;
  for (const std::string& object : store::sqlite::schema_objects_of_version(store::sqlite::current_schema_version()))
    (object.find("case_search") == std::string::npos ? sqlite_objects : sqlite_search).insert(object);
  std::set<std::string> postgres_objects, postgres_search;
  Connection connection = schema.connection();
  for (const std::string& object : objects_of(connection))
    if (object.find("casectl_meta") == std::string::npos && object != "trigger journal_no_truncate")
      (object.find("case_search") == std::string::npos ? postgres_objects : postgres_search).insert(object);
  CHECK(postgres_objects == sqlite_objects);
  CHECK(sqlite_search.count("table case_search") == 1);
  CHECK(postgres_search == std::set<std::string>{"table case_search", "column case_search.case_row", "column case_search.words",
                                                 "index case_search_words"});
  CHECK(text_of(connection, "SELECT value FROM casectl_meta WHERE key = 'schema_version'") ==
        std::to_string(store::postgres::current_schema_version()));
}

TEST_CASE("opening a PostgreSQL store creates the schema once; opening it again changes nothing" * doctest::skip(no_server())) {
  StoreSchema schema;
  SUBCASE("Mode::read finds no store in an empty schema, and creates none") {
    Result<std::unique_ptr<PgStore>> store = open_store(schema.url, Mode::read);
    REQUIRE_FALSE(store.is_ok());
    CHECK(store.status().kind() == ErrorKind::unreadable);
    CHECK(starts_with(store.status().message(), "there is no case store at postgresql://"));
    Connection connection = schema.connection();
    CHECK(text_of(connection, "SELECT to_regclass('casectl_meta') IS NULL") == "t");
  }
  SUBCASE("Mode::write creates it, with one journal row for the migration; opening again adds nothing") {
    std::string head;
    {
      std::unique_ptr<PgStore> store = opened(schema.url);
      Result<std::string> first = store->journal_head();
      REQUIRE(first.is_ok());
      head = *first;
    }
    Connection connection = schema.connection();
    CHECK(text_of(connection, "SELECT count(*) FROM journal") == "1");
    CHECK(text_of(connection, "SELECT action || ' ' || changes || ' ' || previous_hash FROM journal") ==
          fmt::format(R"(migrate {{"schema_version":[0,{}]}} )", store::postgres::current_schema_version()));
    for (Mode mode : {Mode::write, Mode::read}) {
      std::unique_ptr<PgStore> again = opened(schema.url, mode);
      CHECK(again->schema_version() == store::postgres::current_schema_version());
      Result<std::string> now = again->journal_head();
      REQUIRE(now.is_ok());
      CHECK(*now == head);
    }
    CHECK(text_of(connection, "SELECT count(*) FROM journal") == "1");
  }
}

TEST_CASE("two processes creating the same PostgreSQL store at once make it once" * doctest::skip(no_server())) {
  StoreSchema schema;
  std::vector<Status> failures(4);
  std::vector<std::thread> openers;
  for (Status& failure : failures) openers.emplace_back([&schema, &failure] { failure = open_store(schema.url).status(); });
  for (std::thread& opener : openers) opener.join();
  for (const Status& failure : failures) CHECK_MESSAGE(failure.is_ok(), failure.message());
  Connection connection = schema.connection();
  CHECK(text_of(connection, "SELECT count(*) FROM journal") == "1");
  CHECK(text_of(connection, "SELECT count(*) FROM casectl_meta") == "1");
}

TEST_CASE("a PostgreSQL store that casectl cannot use is refused, nothing changed" * doctest::skip(no_server())) {
  StoreSchema schema;
  SUBCASE("a newer schema version: cannot_write (exit 73), naming both versions") {
    { opened(schema.url); }
    int newer = store::postgres::current_schema_version() + 1;
    Connection connection = schema.connection();
    rows_of(connection, "UPDATE casectl_meta SET value = $1 WHERE key = 'schema_version'", {std::to_string(newer)});
    for (Mode mode : {Mode::write, Mode::read}) {
      Result<std::unique_ptr<PgStore>> store = open_store(schema.url, mode);
      REQUIRE_FALSE(store.is_ok());
      CHECK(store.status().kind() == ErrorKind::cannot_write);
      CHECK(store.status().message() ==
            fmt::format("the store {} was written by a newer casectl (schema version {}; this casectl knows up to {}); "
                        "upgrade casectl to use it",
                        connection.server_name(), newer, store::postgres::current_schema_version()));
    }
    CHECK(text_of(connection, "SELECT value FROM casectl_meta WHERE key = 'schema_version'") == std::to_string(newer));
    CHECK(text_of(connection, "SELECT count(*) FROM journal") == "1");
  }
  SUBCASE("a schema version no casectl writes") {
    { opened(schema.url); }
    Connection connection = schema.connection();
    rows_of(connection, "UPDATE casectl_meta SET value = 'eleven' WHERE key = 'schema_version'");
    Result<std::unique_ptr<PgStore>> store = open_store(schema.url);
    REQUIRE_FALSE(store.is_ok());
    CHECK(store.status().kind() == ErrorKind::cannot_write);
    CHECK(store.status().message() ==
          fmt::format("the store {} has a casectl_meta table whose schema_version is 'eleven', which no casectl writes; "
                      "restore it from a backup (nothing was changed)",
                      connection.server_name()));
  }
  SUBCASE("an old version that no PostgreSQL store has") {
    { opened(schema.url); }
    Connection connection = schema.connection();
    rows_of(connection, "UPDATE casectl_meta SET value = '5' WHERE key = 'schema_version'");
    Result<std::unique_ptr<PgStore>> store = open_store(schema.url);
    REQUIRE_FALSE(store.is_ok());
    CHECK(store.status().kind() == ErrorKind::cannot_write);
    CHECK(store.status().message() == fmt::format("the store {} says schema version 5, which no casectl writes on PostgreSQL; "
                                                  "restore it from a backup (nothing was changed)",
                                                  connection.server_name()));
    CHECK(text_of(connection, "SELECT value FROM casectl_meta WHERE key = 'schema_version'") == "5");
  }
  SUBCASE("another program's tables") {
    Connection connection = schema.connection();
    rows_of(connection, "CREATE TABLE invoices (id integer)");
    for (Mode mode : {Mode::write, Mode::read}) {
      Result<std::unique_ptr<PgStore>> store = open_store(schema.url, mode);
      REQUIRE_FALSE(store.is_ok());
      CHECK(store.status().kind() == ErrorKind::cannot_write);
      CHECK(store.status().message() ==
            fmt::format("{} holds tables of another program and no casectl_meta table: it is not a casectl store; "
                        "give casectl a database (or a schema) of its own",
                        connection.server_name()));
    }
    CHECK(text_of(connection, "SELECT to_regclass('casectl_meta') IS NULL") == "t");
  }
}

TEST_CASE("the PostgreSQL store's location is its URL without the password" * doctest::skip(no_server())) {
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url + "&password=s3cret-for-test");
  CHECK(starts_with(store->location(), "postgresql://"));
  CHECK(store->location().find("s3cret-for-test") == std::string::npos);
}

TEST_CASE("the PostgreSQL journal refuses UPDATE, DELETE and TRUNCATE" * doctest::skip(no_server())) {
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url);
  Connection connection = schema.connection();
  for (const char* sql : {"UPDATE journal SET actor = 'someone else'", "DELETE FROM journal", "TRUNCATE journal"}) {
    CAPTURE(sql);
    Result<Rows> changed = connection.exec(sql);
    REQUIRE_FALSE(changed.is_ok());
    CHECK(changed.status().message().find("the journal is append-only") != std::string::npos);
  }
  CHECK(text_of(connection, "SELECT count(*) || ' ' || min(actor) FROM journal") == "1 casectl");
}

TEST_CASE("the PostgreSQL journal is chained as SQLite's is, and a row changed behind casectl's back is found" *
          doctest::skip(no_server())) {
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url);
  require_ok(store->write([&] {
    for (const char* action : {"intake", "assess", "plan"})
      CASECTL_TRY(store->append_journal(entry_for("2026-00001", action, R"({"n":1})")));
    return Status::ok();
  }));
  Connection connection = schema.connection();
  Rows rows = rows_of(connection, "SELECT id, at, effective_on, actor, login, command, case_id, action, changes, "
                                  "previous_hash, hash, db_role FROM journal ORDER BY id");
  REQUIRE(rows.rows.size() == 4);
  // Each row's hash is journal_hash of its content and the hash before it, as SQLite writes it.
  std::string previous;
  for (const std::vector<Value>& r : rows.rows) {
    store::JournalContent content{*r[1], r[2], *r[3], r[4], *r[5], r[6], *r[7], *r[8], r[11]};
    CHECK(r[9] == Value(previous));
    CHECK(r[10] == Value(store::journal_hash(previous, content)));
    previous = r[10].value_or("");
  }
  Result<std::string> head = store->journal_head();
  REQUIRE(head.is_ok());
  CHECK(*head == previous);
  Result<std::optional<store::ChainBreak>> holds = store->verify_case_chain("2026-00001");
  REQUIRE(holds.is_ok());
  CHECK_FALSE(holds->has_value());

  // A superuser can switch the trigger off; the chain still tells.
  std::string second = rows.rows[2][0].value_or("");
  require_ok(connection.run_script(fmt::format("ALTER TABLE journal DISABLE TRIGGER journal_no_update; "
                                               "UPDATE journal SET changes = '{{\"n\":2}}' WHERE id = {}; "
                                               "ALTER TABLE journal ENABLE TRIGGER journal_no_update",
                                               second)));
  Result<std::optional<store::ChainBreak>> broken = store->verify_case_chain("2026-00001");
  REQUIRE(broken.is_ok());
  REQUIRE(broken->has_value());
  CHECK(std::to_string((*broken)->id) == second);
  CHECK((*broken)->action == "assess");
  CHECK(starts_with((*broken)->problem, "its content was changed after it was written"));
}

TEST_CASE("append_journal on PostgreSQL works only inside write()" * doctest::skip(no_server())) {
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url);
  Status status = store->append_journal(entry_for("2026-00001", "intake", "{}"));
  CHECK(status.kind() == ErrorKind::internal);
  Connection connection = schema.connection();
  CHECK(text_of(connection, "SELECT count(*) FROM journal") == "1");
}

TEST_CASE("two PostgreSQL writers appending at once never fork the journal's chain" * doctest::skip(no_server())) {
  StoreSchema schema;
  { opened(schema.url); }
  auto appender = [&](const std::string& case_id, std::vector<Status>* failures) {
    std::unique_ptr<PgStore> store = opened(schema.url);
    for (int i = 0; i < 25; ++i) {
      Status status = store->write([&] {
        CASECTL_TRY(store->append_journal(entry_for(case_id, "review", "{}")));
        return store->append_journal(entry_for(case_id, "update", "{}"));
      });
      if (!status) failures->push_back(status);
    }
  };
  std::vector<Status> first_failures;
  std::vector<Status> second_failures;
  std::thread first(appender, "2026-00001", &first_failures);
  std::thread second(appender, "2026-00002", &second_failures);
  first.join();
  second.join();
  CHECK(first_failures.empty());
  CHECK(second_failures.empty());

  Connection connection = schema.connection();
  Rows rows = rows_of(connection, "SELECT id, at, effective_on, actor, login, command, case_id, action, changes, "
                                  "previous_hash, hash, db_role FROM journal ORDER BY id");
  CHECK(rows.rows.size() == 101);
  store::ChainVerifier verifier;
  for (const std::vector<Value>& r : rows.rows) {
    store::StoredJournalRow row;
    row.id = std::stoll(*r[0]);
    row.content = {*r[1], r[2], *r[3], r[4], *r[5], r[6], *r[7], *r[8], r[11]};
    row.previous_hash = r[9];
    row.hash = r[10];
    std::optional<store::ChainBreak> broken = verifier.add(row);
    CHECK_MESSAGE(!broken, (broken ? store::describe(*broken) : ""));
  }
  CHECK(text_of(connection, "SELECT count(DISTINCT previous_hash) FROM journal") == "101");
}

TEST_CASE("a PostgreSQL write is all or nothing, and a rehearsal is nothing" * doctest::skip(no_server())) {
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url);
  Connection connection = schema.connection();
  auto body = [&] {
    Result<long long> number = store->next_case_number(2026);
    if (!number) return number.status();
    return store->append_journal(entry_for("2026-00001", "intake", "{}"));
  };
  auto stored = [&] {
    return text_of(connection, "SELECT (SELECT count(*) FROM journal) || ' ' || (SELECT count(*) FROM case_id_sequence)");
  };
  SUBCASE("a failed Status rolls everything back") {
    Status status = store->write([&] {
      CASECTL_TRY(body());
      return Status::invalid("the record has no name");
    });
    CHECK(status.kind() == ErrorKind::invalid_input);
    CHECK(status.message() == "the record has no name");
    CHECK(stored() == "1 0");
  }
  SUBCASE("an exception rolls everything back and goes on") {
    CHECK_THROWS_AS(store->write([&]() -> Status {
      CASECTL_TRY(body());
      throw std::runtime_error("out of memory");
    }),
                    std::runtime_error);
    CHECK(stored() == "1 0");
    require_ok(store->write(body)); // the store is usable after it
    CHECK(stored() == "2 1");
  }
  SUBCASE("a rehearsal sees its own writes and keeps none") {
    std::string seen;
    require_ok(store->write(
        [&] {
          CASECTL_TRY(body());
          Result<std::string> head = store->journal_head();
          if (!head) return head.status();
          seen = *head;
          return Status::ok();
        },
        true));
    CHECK(seen.size() == 64);
    CHECK(stored() == "1 0");
    Result<std::string> head = store->journal_head();
    REQUIRE(head.is_ok());
    CHECK(*head != seen);
  }
  SUBCASE("a failed statement fails the write, and nothing of it is kept") {
    Status status = store->write([&] {
      CASECTL_TRY(body());
      return store->connection().exec("INSERT INTO cases (case_id) VALUES ('2026-00001')").status();
    });
    CHECK(status.kind() == ErrorKind::internal);
    CHECK(stored() == "1 0");
  }
  SUBCASE("a successful write is committed") {
    require_ok(store->write(body));
    CHECK(stored() == "2 1");
  }
}

TEST_CASE("next_case_number on PostgreSQL counts from 1 for each year, shared by every writer" * doctest::skip(no_server())) {
  StoreSchema schema;
  std::unique_ptr<PgStore> store = opened(schema.url);
  SUBCASE("per year") {
    std::vector<long long> numbers;
    require_ok(store->write([&] {
      for (int year : {2026, 2026, 2025, 0, 2026, 0}) {
        Result<long long> number = store->next_case_number(year);
        if (!number) return number.status();
        numbers.push_back(*number);
      }
      return Status::ok();
    }));
    CHECK(numbers == std::vector<long long>{1, 2, 1, 1, 3, 2});
  }
  SUBCASE("two connections taking numbers at once never get the same one") {
    auto taker = [&](std::vector<long long>* taken, std::vector<Status>* failures) {
      std::unique_ptr<PgStore> writer = opened(schema.url);
      for (int i = 0; i < 40; ++i) {
        Status status = writer->write([&] {
          Result<long long> number = writer->next_case_number(2026);
          if (!number) return number.status();
          taken->push_back(*number);
          return Status::ok();
        });
        if (!status) failures->push_back(status);
      }
    };
    std::vector<long long> first_numbers, second_numbers;
    std::vector<Status> first_failures, second_failures;
    std::thread first(taker, &first_numbers, &first_failures);
    std::thread second(taker, &second_numbers, &second_failures);
    first.join();
    second.join();
    CHECK(first_failures.empty());
    CHECK(second_failures.empty());
    std::vector<long long> all = first_numbers;
    all.insert(all.end(), second_numbers.begin(), second_numbers.end());
    std::sort(all.begin(), all.end());
    std::vector<long long> expected(80);
    for (int i = 0; i < 80; ++i) expected[i] = i + 1;
    CHECK(all == expected);
  }
}

TEST_CASE("a lock held longer than the busy timeout gives busy on PostgreSQL" * doctest::skip(no_server())) {
  StoreSchema schema;
  { opened(schema.url); }
  std::unique_ptr<PgStore> store = opened(schema.url, Mode::write, 200);
  Connection holder = schema.connection();
  require_ok(holder.begin());
  SUBCASE("another writer appending to the journal") {
    require_ok(holder.exec("LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE").status());
    Status status = store->write([&] { return store->append_journal(entry_for("2026-00001", "intake", "{}")); });
    CHECK(status.kind() == ErrorKind::busy);
    CHECK(status.message() ==
          fmt::format("the store {} is busy (another casectl is writing to it); try again", store->location()));
  }
  SUBCASE("another writer taking a case number of the same year") {
    require_ok(holder.exec("INSERT INTO case_id_sequence (year, last_seq) VALUES (2026, 7)").status());
    Status status = store->write([&] { return store->next_case_number(2026).status(); });
    CHECK(status.kind() == ErrorKind::busy);
  }
  require_ok(holder.rollback());
  // Once the lock is gone, the same store writes.
  require_ok(store->write([&] { return store->append_journal(entry_for("2026-00001", "intake", "{}")); }));
}

TEST_CASE("the PostgreSQL store keeps the history of cases as SQLite's triggers do" * doctest::skip(no_server())) {
  StoreSchema schema;
  { opened(schema.url); }
  Connection connection = schema.connection();
  require_ok(connection.run_script(R"SQL(
    INSERT INTO cases (id, case_id, kind, status, name, district, source, urgency, consent, opened, response_due,
                       created_at, created_by, updated_at)
    VALUES (1, '2026-00001', 'family', 'intake', 'Ахметовы', 'almaly', 'hotline', 'routine', 1, '2026-03-01',
            '2026-03-04T09:00:00Z', '2026-03-01T09:00:00Z', 'aigerim', '2026-03-01T09:00:00Z');
    INSERT INTO case_periods (case_row, spell, opened_on) VALUES (1, 1, '2026-03-01');
    INSERT INTO case_groups (case_row, grp) VALUES (1, 'large-family'), (1, 'disability');
    INSERT INTO case_group_spans (case_row, grp) VALUES (1, 'large-family'), (1, 'disability');
  )SQL"));
  // Each change made early in the local day (UTC+5): its business day (updated_on) is the day
  // after the UTC date of its moment, and the history goes by the business day.
  SUBCASE("district, urgency and case manager: the value before, until the business day of the change") {
    require_ok(connection.run_script("UPDATE cases SET district = 'bostandyk', case_manager = 'dana', "
                                     "updated_at = '2026-03-09T20:00:00Z', updated_on = '2026-03-10' WHERE id = 1; "
                                     "UPDATE cases SET urgency = 'urgent', updated_at = '2026-03-11T22:00:00Z', "
                                     "updated_on = '2026-03-12' WHERE id = 1; "
                                     "UPDATE cases SET note = 'no history', updated_at = '2026-03-19T20:00:00Z', "
                                     "updated_on = '2026-03-20' WHERE id = 1"));
    Rows history = rows_of(connection, "SELECT attribute || '=' || value || ' until ' || until_on FROM case_history "
                                       "ORDER BY until_on, attribute");
    std::vector<std::string> lines;
    for (const std::vector<Value>& row : history.rows) lines.push_back(row[0].value_or(""));
    CHECK(lines == std::vector<std::string>{"case_manager= until 2026-03-10", "district=almaly until 2026-03-10",
                                            "urgency=routine until 2026-03-12"});
    CHECK(text_of(connection, "SELECT changed_on FROM cases WHERE id = 1") == "2026-03-12");
  }
  SUBCASE("a target group taken away ends its span on the business day of the change; deleting the case ends none") {
    require_ok(connection.run_script("UPDATE cases SET updated_at = '2026-04-01T20:00:00Z', updated_on = '2026-04-02' "
                                     "WHERE id = 1; "
                                     "DELETE FROM case_groups WHERE case_row = 1 AND grp = 'disability'"));
    CHECK(text_of(connection, "SELECT string_agg(grp || ':' || coalesce(until_on, 'now'), ' ' ORDER BY grp) "
                              "FROM case_group_spans") == "disability:2026-04-02 large-family:now");
    require_ok(connection.run_script("DELETE FROM cases WHERE id = 1"));
    CHECK(text_of(connection, "SELECT count(*) FROM case_group_spans") == "0");
  }
  SUBCASE("an edited opening date moves the first spell") {
    require_ok(connection.run_script("UPDATE cases SET opened = '2026-02-27' WHERE id = 1"));
    CHECK(text_of(connection, "SELECT opened_on FROM case_periods WHERE case_row = 1 AND spell = 1") == "2026-02-27");
  }
}

TEST_CASE("a version-12 PostgreSQL store gets each case's business day of its last change" * doctest::skip(no_server())) {
  StoreSchema schema;
  {
    Connection connection = schema.connection();
    build_version(connection, 12);
    require_ok(connection.run_script(testing::k_version_12_cases));
  }
  testing::TempDir state;
  auto store = opened_dumping_to(schema.url, state.path("s"));
  CHECK(store->schema_version() == store::postgres::current_schema_version());
  // pg_dump kept the store as it was, in a private file named by the version it had.
  const std::string dump = store->migrated().copy;
  CHECK(store->migrated().from == 12);
  CHECK(dump.rfind(state.path("s/casectl/casectl-"), 0) == 0);
  CHECK(dump.find(".schema-12-") != std::string::npos);
  struct stat st {};
  REQUIRE(::stat(dump.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size > 0);
  Connection connection = schema.connection();
  // The latest change's business day in the journal (a read is no change), else the day of updated_at.
  CHECK(text_of(connection, "SELECT string_agg(updated_on, ' ' ORDER BY id) FROM cases") == "2026-10-31 2026-03-01");
  // The functions the triggers run read updated_on from now on.
  require_ok(connection.run_script("UPDATE cases SET urgency = 'urgent', updated_at = '2026-11-30T20:00:00Z', "
                                   "updated_on = '2026-12-01' WHERE id = 2"));
  CHECK(text_of(connection, "SELECT attribute || ' ' || value || ' ' || until_on FROM case_history") ==
        "urgency routine 2026-12-01");
  require_ok(connection.run_script("DELETE FROM case_groups WHERE case_row = 2"));
  CHECK(text_of(connection, "SELECT grp || ' ' || until_on FROM case_group_spans WHERE case_row = 2") == "low-income 2026-12-01");
}

TEST_CASE("migration 17 keys a PostgreSQL store of version 16 again: its names are found in every official spelling" *
          doctest::skip(no_server())) {
  StoreSchema schema;
  {
    Connection connection = schema.connection();
    build_version(connection, 16);
    require_ok(connection.run_script(testing::k_version_16_cases));
    for (int id : {1, 2}) {
      store::SearchRow old{testing::k_version_16_names[id - 1], id == 1 ? "mar inskaia 5" : "ul tsvetochnaia 3", "", "", ""};
      rows_of(connection, "INSERT INTO case_search (case_row, words) VALUES ($1, $2::tsvector)",
              {std::to_string(id), store::postgres::search_vector(old)});
    }
  }
  testing::TempDir state;
  auto store = opened_dumping_to(schema.url, state.path("s"));
  CHECK(store->schema_version() == store::postgres::current_schema_version());
  CHECK(store->migrated().from == 16);
  Connection connection = schema.connection();
  // Every stored key is search_key's of its text now.
  for (const auto& row : rows_of(connection, "SELECT name, name_key FROM members").rows)
    CHECK(row.at(1).value_or("") == text::search_key(row.at(0).value_or("")));
  for (const auto& row : rows_of(connection, "SELECT address, address_key FROM cases").rows)
    CHECK(row.at(1).value_or("") == text::search_key(row.at(0).value_or("")));
  CHECK(text_of(connection, "SELECT count(*) FROM case_search") == "2");
  auto found = [&](const std::string& search, const std::string& name = "") {
    CaseFilter filter;
    filter.search = search;
    filter.name = name;
    if (!search.empty()) filter.sort = "rank";
    std::vector<std::string> ids;
    require_ok(store->each_case(filter, [&](const CaseSummary& c) {
      ids.push_back(c.case_id);
      return Status::ok();
    }));
    return ids;
  };
  using Ids = std::vector<std::string>;
  // The case written in Latin letters is found in Cyrillic and in the other spellings...
  CHECK(found("Ильина Наталья") == Ids{"2026-00001"});
  CHECK(found("Шыңғыс Әйгерім") == Ids{"2026-00001"});
  CHECK(found("Shyngys Aigerim") == Ids{"2026-00001"});
  CHECK(found("Марьинская") == Ids{"2026-00001"});
  CHECK(found("", "NATALIA") == Ids{"2026-00001"});
  // ...and the case written in Cyrillic by the spellings of passports and GOST.
  CHECK(found("PODIEIACHEV") == Ids{"2026-00002"});
  CHECK(found("Pod”yachev Il’in") == Ids{"2026-00002"});
  CHECK(found("Czvetkova Julia") == Ids{"2026-00002"});
  CHECK(found("Il’in") == Ids{"2026-00002", "2026-00001"}); // Ильин a whole word first; Il’ina by its start
}

TEST_CASE("migrations 18 and 19 give a PostgreSQL store of version 17 events without members and plans not followed for "
          "agency notices, as on SQLite" *
          doctest::skip(no_server())) {
  StoreSchema schema;
  {
    Connection connection = schema.connection();
    build_version(connection, 17);
    require_ok(connection.run_script(testing::k_version_16_cases));
    require_ok(connection.run_script("INSERT INTO events (case_row, event_type, happened_on, note, recorded_by, recorded_at) "
                                     "VALUES (1, 'police-called', '2026-10-05', '', 'x', '2026-10-05T10:00:00Z');"
                                     "INSERT INTO plans (case_row, revision, status, start_on, participants, created_at, "
                                     "created_by) VALUES (1, 1, 'approved', '2026-10-02', '[]', '2026-10-02T10:00:00Z', 'x')"));
  }
  testing::TempDir state;
  auto store = opened_dumping_to(schema.url, state.path("s"));
  CHECK(store->schema_version() == store::postgres::current_schema_version());
  CHECK(store->migrated().from == 17);
  Connection connection = schema.connection();
  CHECK(text_of(connection, "SELECT members FROM events") == "[]");
  Result<std::vector<EventRow>> events = store->events_of(1);
  REQUIRE(events.is_ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().members.empty());
  // What is not a JSON array is refused by the store itself.
  CHECK_FALSE(connection.run_script("UPDATE events SET members = '{}'").is_ok());
  CHECK_FALSE(connection.run_script("UPDATE events SET members = '2 3'").is_ok());
  // The plan approved before version 19 is not followed; a new one is.
  CHECK(text_of(connection, "SELECT agencies_tracked FROM plans") == "0");
  require_ok(connection.run_script("INSERT INTO plans (case_row, revision, status, start_on, participants, created_at, "
                                   "created_by) VALUES (1, 2, 'draft', '2026-10-03', '[]', '2026-10-03T10:00:00Z', 'x')"));
  CHECK(text_of(connection, "SELECT agencies_tracked FROM plans WHERE revision = 2") == "1");
  CHECK(text_of(connection, "SELECT count(*) FROM agency_notices") == "0");
}
