// The SQLite engine's schema migrations (store/sqlite/schema.cpp): stores written by older
// versions of casectl, opened and brought up to date. SQLite only.
#include "cases/intake.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"
#include "fixtures.hpp"
#include "version_12_cases.hpp"
#include "version_16_keys.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace casectl;
using namespace std::chrono;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::TempDir;
using casectl::testing::ymd;
using store::sqlite::current_schema_version;
using store::sqlite::SqliteStore;

namespace {

// Writes a store as casectl 1 left it: schema version 1 with three cases.
void write_v1_store(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(store::sqlite::migrations()[0]);
  db.exec("PRAGMA user_version = 1");
  db.exec(R"SQL(
    INSERT INTO cases (id, case_id, kind, status, name, district, address, phone, source, urgency, consent, note,
                       opened, response_due, created_at, created_by, updated_at, external_id)
    VALUES (1, '2025-00001', 'family', 'intake', 'Семёнова Анна', 'Алмалы', 'ул. Төле би, 12', '+7 (701) 123-45-67',
            'self', 'urgent', 1, 'Соседи жалуются на шум', '2025-05-01', '2025-05-04T00:00:00Z',
            '2025-05-01T10:00:00Z', 'old', '2025-05-01T10:00:00Z', 'ЕСП-1'),
           (2, '2025-00002', 'person', 'intake', 'Ахметов Ерлан', '', '', '', 'hotline', 'routine', 0, '',
            '2025-06-01', '2025-06-11T00:00:00Z', '2025-06-01T10:00:00Z', 'old', '2025-06-01T10:00:00Z', NULL),
           (3, '2025-00003', 'family', 'closed', 'Жұмабаева Гүлнар', '', '', '+7 702 222 33 44', 'self', 'routine', 0,
            '', '2025-01-10', '2025-01-20T00:00:00Z', '2025-01-10T10:00:00Z', 'old', '2025-02-01T10:00:00Z', NULL);
    INSERT INTO members (case_row, position, name, role, birth_date)
    VALUES (1, 1, 'Семёнова Анна', 'мать', '1988-04-12'), (1, 2, 'Семёнов Илья', 'сын', NULL);
    INSERT INTO case_problems (case_row, position, problem) VALUES (2, 1, 'задолженность за жильё');
    INSERT INTO case_groups (case_row, grp) VALUES (1, 'large-family');
    INSERT INTO case_id_sequence (year, last_seq) VALUES (2025, 3);
    INSERT INTO journal (at, actor, command, case_id, action, changes)
    VALUES ('2025-05-01T10:00:00Z', 'old', 'casectl intake', '2025-00001', 'intake', '{}');
  )SQL");
}

std::unique_ptr<SqliteStore> opened(const std::string& path, store::Mode mode = store::Mode::write) {
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, mode});
  REQUIRE_MESSAGE(s.is_ok(), s.status().message());
  return std::move(*s);
}

// The statement of migration 10 that creates the trigger `name`, as it shipped.
std::string trigger_of_version_10(const std::string& name) {
  const std::string sql = store::sqlite::migrations()[9];
  std::size_t begin = sql.find("CREATE TRIGGER " + name + " ");
  REQUIRE(begin != std::string::npos);
  std::size_t end = sql.find("\nEND;", begin);
  REQUIRE(end != std::string::npos);
  return sql.substr(begin, end + 5 - begin);
}

// Takes what migration 16 did away from a store of the current schema: the removed members go.
// One case of the current schema, for a migration test that needs a case row (row id 1).
const char* const k_one_case =
    "INSERT INTO cases (id, case_id, kind, status, name, source, urgency, consent, opened, response_due, created_at, "
    "created_by, updated_at) VALUES (1, '2026-00001', 'family', 'intake', 'Семёнова Анна', 'self', 'routine', 1, "
    "'2026-06-01', '2026-06-10T00:00:00Z', '2026-06-01T10:00:00Z', 'x', '2026-06-01T10:00:00Z')";

void undo_migration_22(SQLite::Database& db) {
  db.exec("ALTER TABLE staff DROP COLUMN kind; ALTER TABLE plan_tasks DROP COLUMN continuous");
}

void undo_migration_21(SQLite::Database& db) {
  undo_migration_22(db);
  db.exec("DROP INDEX members_national_id");
  for (const char* table : {"members", "removed_members"})
    for (const char* column : {"relationship", "lives_elsewhere", "national_id"})
      db.exec(fmt::format("ALTER TABLE {} DROP COLUMN {}", table, column));
}

void undo_migration_20(SQLite::Database& db) {
  undo_migration_21(db);
  db.exec("ALTER TABLE assessments DROP COLUMN participants");
}

void undo_migration_19(SQLite::Database& db) {
  undo_migration_20(db);
  db.exec("DROP TABLE agency_notices; ALTER TABLE plans DROP COLUMN agencies_tracked; DROP INDEX cases_next_review");
}

void undo_migration_18(SQLite::Database& db) {
  undo_migration_19(db);
  db.exec("ALTER TABLE events DROP COLUMN members");
}

// Migration 17 made no object; what it computed stays.
void undo_migration_16(SQLite::Database& db) {
  undo_migration_18(db);
  db.exec("DROP TABLE removed_members");
}

// Takes what migrations 15 and on did away from a store of the current schema: the store's id and
// the cases' origins go.
void undo_migration_15(SQLite::Database& db) {
  undo_migration_16(db);
  db.exec("DROP INDEX cases_origin; ALTER TABLE cases DROP COLUMN origin_store; ALTER TABLE cases DROP COLUMN origin_case_id; "
          "DROP TABLE store_identity");
}

// Takes what migrations 14 and on did away from a store of the current schema: journal.db_role goes.
void undo_migration_14(SQLite::Database& db) {
  undo_migration_15(db);
  db.exec("ALTER TABLE journal DROP COLUMN db_role");
}

// Takes what migrations 13 and on did away from a store of the current schema: cases.updated_on
// goes, and the history triggers read the UTC date of updated_at again, as migration 10 made them.
void undo_migration_13(SQLite::Database& db) {
  undo_migration_14(db);
  db.exec(R"SQL(
    DROP TRIGGER case_history_district; DROP TRIGGER case_history_urgency; DROP TRIGGER case_history_manager;
    DROP TRIGGER case_group_spans_removed;
    ALTER TABLE cases DROP COLUMN updated_on;
  )SQL");
  for (const char* name : {"case_history_district", "case_history_urgency", "case_history_manager", "case_group_spans_removed"})
    db.exec(trigger_of_version_10(name));
}

// The case ids `each_case` gives for a search (`find`) or a name (`list --name`), in its order.
std::vector<std::string> found(SqliteStore& s, const std::string& search, const std::string& name = "") {
  CaseFilter filter;
  filter.search = search;
  filter.name = name;
  if (!search.empty()) filter.sort = "rank";
  std::vector<std::string> ids;
  Status status = s.each_case(filter, [&](const CaseSummary& c) {
    ids.push_back(c.case_id);
    return Status::ok();
  });
  REQUIRE_MESSAGE(status.is_ok(), status.message());
  return ids;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("the schema has one migration per version") {
  CHECK(store::sqlite::migrations().size() == 22);
  CHECK(current_schema_version() == 22);
}

TEST_CASE("a migrated store has the report indexes of version 8") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  auto s = opened(path, store::Mode::read);
  for (const char* index : {"task_updates_task", "closures_closed_on", "events_happened_on"})
    CHECK_MESSAGE(
        s->db().execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '") + index + "'")
                .getInt() == 1,
        index);
  // The services query finds a task's completion through the index, not by reading the table.
  SQLite::Statement plan(s->db(), "EXPLAIN QUERY PLAN SELECT min(updated_on) FROM task_updates "
                                  "WHERE case_row = 1 AND revision = 1 AND task = 1 AND status = 'done'");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  CHECK(steps.find("task_updates_task") != std::string::npos);
}

TEST_CASE("a schema-1 store is migrated to the current version on open, and its cases become findable") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  auto s = opened(path, store::Mode::read);
  CHECK(s->schema_version() == current_schema_version());

  SUBCASE("nothing is lost") {
    CHECK(s->db().execAndGet("SELECT count(*) FROM cases").getInt() == 3);
    CHECK(s->db().execAndGet("SELECT count(*) FROM members").getInt() == 2);
    Result<std::optional<Case>> c = s->load_case("ЕСП-1");
    REQUIRE(c.is_ok());
    REQUIRE(c->has_value());
    const Case& semyonova = **c;
    CHECK(semyonova.case_id == "2025-00001");
    CHECK(semyonova.phone == "+7 (701) 123-45-67");
    CHECK(semyonova.groups == std::vector<std::string>{"large-family"});
    REQUIRE(semyonova.members.size() == 2);
    CHECK(semyonova.members[0].birth_date == "1988-04-12");
  }
  SUBCASE("the migration is journaled; the old journal is kept") {
    SQLite::Statement q(s->db(), "SELECT actor, action, changes FROM journal WHERE action = 'migrate'");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "casectl");
    CHECK(nlohmann::json::parse(q.getColumn(2).getString()) == nlohmann::json{{"schema_version", {1, current_schema_version()}}});
    CHECK_FALSE(q.executeStep());
    CHECK(s->db().execAndGet("SELECT count(*) FROM journal WHERE action = 'intake'").getInt() == 1);
  }
  SUBCASE("find: names, members, transliterations, address, note, problems, phone") {
    CHECK(found(*s, "Семёнова") == Ids{"2025-00001"});
    CHECK(found(*s, "SEMYONOVA") == Ids{"2025-00001"});
    CHECK(found(*s, "семен") == Ids{"2025-00001"});
    CHECK(found(*s, "Илья") == Ids{"2025-00001"});
    CHECK(found(*s, "Akhmetov") == Ids{"2025-00002"});
    CHECK(found(*s, "Jumabayeva") == Ids{"2025-00003"});
    CHECK(found(*s, "Төле") == Ids{"2025-00001"});
    CHECK(found(*s, "шум") == Ids{"2025-00001"});
    CHECK(found(*s, "жилье") == Ids{"2025-00002"});
    CHECK(found(*s, "123-45-67") == Ids{"2025-00001"});
    CHECK(found(*s, "8 702 222 33 44") == Ids{"2025-00003"});
    CHECK(found(*s, "Ким").empty());
  }
  SUBCASE("list --name searches the names only") {
    CHECK(found(*s, "", "Semenova") == Ids{"2025-00001"});
    CHECK(found(*s, "", "Ерлан") == Ids{"2025-00002"});
    CHECK(found(*s, "", "шум").empty());
  }
  SUBCASE("duplicate detection sees the migrated cases") {
    config::Config config = builtin_config();
    date::Date today = date::Date{year{2026} / month{3} / day{15}};
    ChangeContext context{"tester", "casectl intake", date::Clock{today, date::start_of(today)}};
    std::vector<IntakeResult> results;
    Status status = s->write(
        [&]() -> Status {
          IntakeSession session(*s, config, context, IntakeOptions{});
          for (const char* member : {"SEMYONOVA ANNA;;1988-04-12", "Иван;;2010-01-01"}) {
            IntakeRequest r;
            r.name = "Другая семья";
            r.members = {member};
            Result<IntakeResult> added = session.add(r);
            if (!added) return added.status();
            results.push_back(*added);
          }
          IntakeRequest by_phone;
          by_phone.name = "Ещё одна";
          by_phone.phone = "87011234567";
          Result<IntakeResult> added = session.add(by_phone);
          if (!added) return added.status();
          results.push_back(*added);
          IntakeRequest closed_phone;
          closed_phone.name = "И ещё";
          closed_phone.phone = "+7 702 222 33 44";
          added = session.add(closed_phone);
          if (!added) return added.status();
          results.push_back(*added);
          return Status::ok();
        },
        true);
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    REQUIRE(results.size() == 4);
    CHECK(results[0].fate == IntakeFate::rejected);
    REQUIRE(results[0].duplicates.size() == 1);
    CHECK(results[0].duplicates[0].case_id == "2025-00001");
    CHECK(results[1].fate == IntakeFate::created);
    CHECK(results[2].fate == IntakeFate::rejected);
    REQUIRE(results[2].duplicates.size() == 1);
    CHECK(results[2].duplicates[0].case_id == "2025-00001");
    CHECK(results[3].fate == IntakeFate::created); // 2025-00003 is closed
  }
}

TEST_CASE("opening a migrated store again migrates nothing") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  opened(path);
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  CHECK(s->db().execAndGet("SELECT count(*) FROM journal WHERE action = 'migrate'").getInt() == 1);
  CHECK(s->db().execAndGet("SELECT count(*) FROM case_search").getInt() == 3);
}

TEST_CASE("a store newer than this casectl is refused and left as it is") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(current_schema_version() + 1));
  }
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, store::Mode::write});
  REQUIRE_FALSE(s.is_ok());
  CHECK(s.status().kind() == ErrorKind::cannot_write);
  CHECK(s.status().message().find("newer") != std::string::npos);
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == current_schema_version() + 1);
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'case_search'").getInt() == 0);
}

TEST_CASE("migration 9 chains the journal rows already there and keeps the journal append-only") {
  TempDir dir;
  std::string path = dir.path("v1.db");
  write_v1_store(path);
  auto s = opened(path);
  CheckOptions options;
  Result<std::vector<CheckResult>> results = s->check(options);
  REQUIRE(results.is_ok());
  for (const CheckResult& r : *results) CHECK_MESSAGE(r.ok, r.check << ": " << r.detail);
  SQLite::Statement rows(s->db(),
                         "SELECT action, login IS NULL, effective_on IS NULL, previous_hash, hash FROM journal ORDER BY id");
  REQUIRE(rows.executeStep());
  CHECK(rows.getColumn(0).getString() == "intake");
  CHECK(rows.getColumn(1).getInt() == 1); // written before version 9: no login, no business date
  CHECK(rows.getColumn(2).getInt() == 1);
  CHECK(rows.getColumn(3).getString() == "");
  std::string first = rows.getColumn(4).getString();
  CHECK(first.size() == 64);
  REQUIRE(rows.executeStep());
  CHECK(rows.getColumn(0).getString() == "migrate");
  CHECK(rows.getColumn(3).getString() == first);
  auto journal_chain = std::find_if(results->begin(), results->end(), [](const auto& r) { return r.check == "journal-chain"; });
  REQUIRE(journal_chain != results->end());
  CHECK(journal_chain->detail.find("1 rows were written before the store had a chain") != std::string::npos);
  CHECK_THROWS_WITH(s->db().exec("UPDATE journal SET actor = 'ghost'"), doctest::Contains("append-only"));
  CHECK_THROWS_WITH(s->db().exec("DELETE FROM journal"), doctest::Contains("append-only"));
}

TEST_CASE("a store whose version does not match its tables is refused before migrating, unchanged") {
  TempDir dir;
  std::string path = dir.path("claims.db");
  opened(path).reset();
  SUBCASE("version 3 with the tables of a later version (the exit-1 'table assessments already exists')") {
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("PRAGMA user_version = 3");
    }
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, store::Mode::read});
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.status().kind() == ErrorKind::cannot_write);
    CHECK(s.status().message().find("says schema version 3 but has") != std::string::npos);
    CHECK(s.status().message().find("restore it from a backup") != std::string::npos);
  }
  SUBCASE("a negative version (the exit-139 crash)") {
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE);
      db.exec("PRAGMA user_version = -2147483648");
    }
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, store::Mode::read});
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.status().kind() == ErrorKind::cannot_write);
    CHECK(s.status().message().find("says schema version -2147483648, which no casectl writes") != std::string::npos);
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("SELECT count(*) FROM journal").getInt() == 1);
}

namespace {

// Writes a store as casectl left it at schema version 9 (before case_periods and case_history): the current schema
// with what the case_periods migration added taken away, then cases written as version 9 wrote
// them: opened, closed (closures with their reopening dates), reopened, a reopening with no date
// whose journal row tells it, a closed case with no closures, a consultation.
void write_v9_store(const std::string& path) {
  opened(path);
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  undo_migration_13(db);
  db.exec("DROP TRIGGER case_periods_opened; DROP TABLE case_periods;"
          "DROP TRIGGER case_history_district; DROP TRIGGER case_history_urgency; DROP TRIGGER case_history_manager;"
          "DROP TABLE case_history; ALTER TABLE cases DROP COLUMN changed_on;"
          "DROP TRIGGER case_group_spans_removed; DROP TABLE case_group_spans;"
          "DROP INDEX events_case; ALTER TABLE events DROP COLUMN before_opening;"
          "DROP INDEX cases_name_sort; ALTER TABLE cases DROP COLUMN name_sort; ALTER TABLE cases DROP COLUMN district_sort;"
          "ALTER TABLE cases DROP COLUMN manager_sort;"
          "PRAGMA user_version = 9");
  db.exec(R"SQL(
    INSERT INTO cases (id, case_id, kind, consultation, status, name, source, urgency, consent, opened, response_due, closed,
                       created_at, created_by, updated_at)
    VALUES (1, '2026-00001', 'person', 0, 'active', 'Открытый', 'self', 'routine', 1, '2026-01-10', '2026-01-20T00:00:00Z', NULL,
            '2026-01-10T10:00:00Z', 'old', '2026-01-10T10:00:00Z'),
           (2, '2026-00002', 'person', 0, 'closed', 'Закрытый', 'self', 'routine', 1, '2026-01-10', '2026-01-20T00:00:00Z',
            '2026-02-01', '2026-01-10T10:00:00Z', 'old', '2026-02-01T10:00:00Z'),
           (3, '2026-00003', 'person', 0, 'active', 'Вернувшийся', 'self', 'routine', 1, '2026-01-10', '2026-01-20T00:00:00Z',
            NULL, '2026-01-10T10:00:00Z', 'old', '2026-03-01T10:00:00Z'),
           (4, '2026-00004', 'person', 0, 'closed', 'Дважды закрытый', 'self', 'routine', 1, '2026-01-10',
            '2026-01-20T00:00:00Z', '2026-05-15', '2026-01-10T10:00:00Z', 'old', '2026-05-15T10:00:00Z'),
           (5, '2026-00005', 'person', 0, 'intake', 'Без даты', 'self', 'routine', 1, '2026-01-10', '2026-01-20T00:00:00Z',
            NULL, '2026-01-10T10:00:00Z', 'old', '2026-04-02T10:00:00Z'),
           (6, '2026-00006', 'person', 0, 'closed', 'Без закрытия', 'self', 'routine', 1, '2025-11-01', '2025-11-10T00:00:00Z',
            NULL, '2025-11-01T10:00:00Z', 'old', '2025-12-01T10:00:00Z'),
           (7, '2026-00007', 'person', 1, 'consultation', 'Консультация', 'self', 'routine', 1, '2026-01-12',
            '2026-01-22T00:00:00Z', NULL, '2026-01-12T10:00:00Z', 'old', '2026-01-12T10:00:00Z');
    INSERT INTO closures (id, case_row, closed_on, reason, outcome, expectations_met, reopened_on, reopen_reason, closed_by, created_at)
    VALUES (1, 2, '2026-02-01', 'd', 'partly', 'partly', NULL, '', 'old', '2026-02-01T10:00:00Z'),
           (2, 3, '2026-02-01', 'd', 'partly', 'partly', '2026-03-01', 'снова', 'old', '2026-02-01T10:00:00Z'),
           (3, 4, '2026-02-01', 'd', 'partly', 'partly', '2026-03-01', 'снова', 'old', '2026-02-01T10:00:00Z'),
           (4, 4, '2026-05-15', 'd', 'moved', 'no', NULL, '', 'old', '2026-05-15T10:00:00Z'),
           (5, 5, '2026-02-01', 'd', 'partly', 'partly', NULL, '', 'old', '2026-02-01T10:00:00Z');
    INSERT INTO case_groups (case_row, grp) VALUES (1, 'large-family'), (1, 'low-income');
    INSERT INTO journal (at, actor, command, case_id, action, changes)
    VALUES ('2026-01-15T10:00:00Z', 'old', 'casectl review', '2026-00005', 'reopen', '{}'),
           ('2026-04-02T10:00:00Z', 'old', 'casectl review', '2026-00005', 'reopen', '{}');
  )SQL");
}

// The case_periods rows of case `row`: "spell opened_on closed_on reopened_on" ("-" for NULL).
std::vector<std::string> spells_of(SqliteStore& s, int row) {
  SQLite::Statement q(s.db(), "SELECT spell, opened_on, coalesce(closed_on, '-'), coalesce(reopened_on, '-') "
                              "FROM case_periods WHERE case_row = ? ORDER BY spell");
  q.bind(1, row);
  std::vector<std::string> spells;
  while (q.executeStep())
    spells.push_back(fmt::format("{} {} {} {}", q.getColumn(0).getInt(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                                 q.getColumn(3).getString()));
  return spells;
}

} // namespace

TEST_CASE("a version-9 store gets each case's spells of work from its opening, closures and journal") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v9_store(path);
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  CHECK(spells_of(*s, 1) == Ids{"1 2026-01-10 - -"});
  CHECK(spells_of(*s, 2) == Ids{"1 2026-01-10 2026-02-01 -"});
  CHECK(spells_of(*s, 3) == Ids{"1 2026-01-10 2026-02-01 2026-03-01", "2 2026-03-01 - -"});
  CHECK(spells_of(*s, 4) == Ids{"1 2026-01-10 2026-02-01 2026-03-01", "2 2026-03-01 2026-05-15 -"});
  // Reopened without a date: the first 'reopen' journal row after the closing was written.
  CHECK(spells_of(*s, 5) == Ids{"1 2026-01-10 2026-02-01 2026-04-02", "2 2026-04-02 - -"});
  // Closed, but no closure and no closing date: the day it was last updated.
  CHECK(spells_of(*s, 6) == Ids{"1 2025-11-01 2025-12-01 -"});
  CHECK(spells_of(*s, 7) == Ids{"1 2026-01-12 - -"});
  // check's case-status finds every status as the rebuilt spells say, the closed case without a
  // closing day too.
  Result<std::vector<CheckResult>> checked = s->check(CheckOptions{});
  REQUIRE(checked.is_ok());
  auto status = std::find_if(checked->begin(), checked->end(), [](const CheckResult& r) { return r.check == "case-status"; });
  REQUIRE(status != checked->end());
  CHECK(status->ok);
  CHECK(status->detail == "7 cases, each status as its history of closings says");

  SUBCASE("target groups held from the opening; changes of groups, district, urgency and manager are kept") {
    auto rows = [&](const char* sql) {
      SQLite::Statement q(s->db(), sql);
      std::vector<std::string> found;
      while (q.executeStep()) found.push_back(q.getColumn(0).getString());
      return found;
    };
    CHECK(rows("SELECT grp || ' ' || coalesce(nullif(since, ''), '-') || ' ' || coalesce(until_on, '-') FROM case_group_spans "
               "WHERE case_row = 1 ORDER BY grp") == Ids{"large-family - -", "low-income - -"});
    CHECK(rows("SELECT count(*) FROM case_history") == Ids{"0"});
    s->db().exec("UPDATE cases SET district = 'turksib', case_manager = 'petrenko', urgency = 'urgent', "
                 "updated_at = '2026-07-01T10:00:00Z', updated_on = '2026-07-01' WHERE id = 1");
    s->db().exec("DELETE FROM case_groups WHERE case_row = 1 AND grp = 'low-income'");
    CHECK(rows("SELECT attribute || ' ' || quote(value) || ' ' || until_on FROM case_history WHERE case_row = 1 "
               "ORDER BY attribute") ==
          Ids{"case_manager '' 2026-07-01", "district '' 2026-07-01", "urgency 'routine' 2026-07-01"});
    CHECK(rows("SELECT changed_on FROM cases WHERE id = 1") == Ids{"2026-07-01"});
    CHECK(rows("SELECT grp || ' ' || coalesce(nullif(since, ''), '-') || ' ' || coalesce(until_on, '-') FROM case_group_spans "
               "WHERE case_row = 1 ORDER BY grp") == Ids{"large-family - -", "low-income - 2026-07-01"});
    s->db().exec("UPDATE cases SET note = 'x', updated_at = '2026-08-01T10:00:00Z' WHERE id = 1");
    CHECK(rows("SELECT count(*) FROM case_history") == Ids{"3"});
  }
  SUBCASE("a case's first spell follows its opening date") {
    s->db().exec("INSERT INTO cases (id, case_id, kind, status, name, source, urgency, consent, opened, response_due, "
                 "created_at, created_by, updated_at) VALUES (8, '2026-00008', 'person', 'intake', 'Новый', 'self', "
                 "'routine', 1, '2026-06-01', '2026-06-10T00:00:00Z', '2026-06-01T10:00:00Z', 'x', '2026-06-01T10:00:00Z');"
                 "INSERT INTO case_periods (case_row, spell, opened_on) VALUES (8, 1, '2026-06-01')");
    s->db().exec("UPDATE cases SET opened = '2026-05-30' WHERE id = 8");
    CHECK(spells_of(*s, 8) == Ids{"1 2026-05-30 - -"});
  }
}

namespace {

// Writes a store as casectl at schema version 11 left it: no sort keys, with cases whose names,
// districts and case managers need the whole alphabet (Kazakh letters, Latin, case, equal keys).
void write_v11_store(const std::string& path) {
  opened(path);
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  undo_migration_13(db);
  db.exec("DROP INDEX cases_name_sort; ALTER TABLE cases DROP COLUMN name_sort; ALTER TABLE cases DROP COLUMN district_sort;"
          "ALTER TABLE cases DROP COLUMN manager_sort; PRAGMA user_version = 11");
  SQLite::Statement insert(db, "INSERT INTO cases (case_id, kind, status, name, district, source, urgency, consent, opened, "
                               "response_due, case_manager, created_at, created_by, updated_at) VALUES (?1, 'person', 'intake', "
                               "?2, ?3, 'self', 'routine', 1, '2026-01-10', '2026-01-20T00:00:00Z', ?4, "
                               "'2026-01-10T10:00:00Z', 'old', '2026-01-10T10:00:00Z')");
  const char* cases[][3] = {{"Әлиев Нұрлан", "turksib", "ivanova"}, {"алиев нурлан", "", nullptr},
                            {"Алиев Нурлан", "almaly", "Ivanova"},  {"Zhumabaeva", "Алмалы", "ёлкина"},
                            {"Жұмабаева", "Әуезов", "елкина"},      {"Ёлкин", "auezov", nullptr},
                            {"Елкин", "almaly", "ivanova"}};
  int n = 1;
  for (const auto& c : cases) {
    insert.bind(1, fmt::format("2026-{:05}", n++));
    insert.bind(2, c[0]);
    insert.bind(3, c[1]);
    if (c[2]) insert.bind(4, c[2]);
    else insert.bind(4);
    insert.exec();
    insert.reset();
  }
}

// The collation casectl_alpha as casectl registered it before version 12, to compare with.
int compare_as_casectl_alpha(void*, int a_size, const void* a, int b_size, const void* b) {
  std::string_view x(static_cast<const char*>(a), static_cast<std::size_t>(a_size));
  std::string_view y(static_cast<const char*>(b), static_cast<std::size_t>(b_size));
  int order = text::sort_key(x).compare(text::sort_key(y));
  if (order == 0) order = x.compare(y);
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

// The names (or districts, or case managers) `list --sort` gives, in its order.
Ids listed(SqliteStore& s, const std::string& sort, bool descending = false) {
  CaseFilter filter;
  filter.sort = sort;
  filter.descending = descending;
  Ids out;
  Status status = s.each_case(filter, [&](const CaseSummary& c) {
    out.push_back(sort == "district" ? c.district : sort == "case_manager" ? c.case_manager : c.name);
    return Status::ok();
  });
  REQUIRE_MESSAGE(status.is_ok(), status.message());
  return out;
}

} // namespace

TEST_CASE("a version-11 store gets every case's sort keys from migration 12, computed in C++") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v11_store(path);
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  CHECK(s->db().execAndGet("SELECT changes FROM journal WHERE action = 'migrate' ORDER BY id DESC LIMIT 1").getString() ==
        fmt::format(R"({{"schema_version":[11,{}]}})", current_schema_version()));
  // Every key is text::sort_key of its text, as BLOB; no case manager, no key.
  SQLite::Statement rows(s->db(), "SELECT name, district, case_manager, name_sort, district_sort, manager_sort, "
                                  "typeof(name_sort), typeof(district_sort) FROM cases");
  int seen = 0;
  while (rows.executeStep()) {
    ++seen;
    auto blob = [&](int column) {
      return std::string(static_cast<const char*>(rows.getColumn(column).getBlob()),
                         static_cast<std::size_t>(rows.getColumn(column).getBytes()));
    };
    CHECK(blob(3) == text::sort_key(rows.getColumn(0).getString()));
    CHECK(blob(4) == text::sort_key(rows.getColumn(1).getString()));
    CHECK(rows.getColumn(6).getString() == "blob");
    CHECK(rows.getColumn(7).getString() == "blob"); // '' too: an empty BLOB, not NULL
    CHECK(rows.getColumn(2).isNull() == rows.getColumn(5).isNull());
    if (!rows.getColumn(2).isNull()) CHECK(blob(5) == text::sort_key(rows.getColumn(2).getString()));
  }
  CHECK(seen == 7);
  // The order the collation casectl_alpha gave: text::sort_key, then the bytes; NULL first.
  CHECK(listed(*s, "name") == Ids{"Zhumabaeva", "Алиев Нурлан", "алиев нурлан", "Әлиев Нұрлан", "Елкин", "Ёлкин", "Жұмабаева"});
  CHECK(listed(*s, "name", true) ==
        Ids{"Жұмабаева", "Ёлкин", "Елкин", "Әлиев Нұрлан", "алиев нурлан", "Алиев Нурлан", "Zhumabaeva"});
  CHECK(listed(*s, "district") == Ids{"", "almaly", "almaly", "auezov", "turksib", "Алмалы", "Әуезов"});
  CHECK(listed(*s, "case_manager") == Ids{"", "", "Ivanova", "ivanova", "ivanova", "елкина", "ёлкина"});
  // Exactly the order of the old collation, whichever the column and direction.
  sqlite3_create_collation_v2(s->db().getHandle(), "old_casectl_alpha", SQLITE_UTF8, nullptr, compare_as_casectl_alpha, nullptr);
  for (const char* column : {"name", "district", "case_manager"})
    for (bool descending : {false, true}) {
      std::string direction = descending ? " DESC" : "";
      SQLite::Statement old(s->db(), fmt::format("SELECT coalesce({0}, '') FROM cases ORDER BY {0} COLLATE old_casectl_alpha{1}, "
                                                 "case_id{1}",
                                                 column, direction));
      Ids expected;
      while (old.executeStep()) expected.push_back(old.getColumn(0).getString());
      CHECK_MESSAGE(listed(*s, column, descending) == expected, column, direction);
    }
  // `list --sort name --limit N` reads the first N from the index, sorting nothing.
  SQLite::Statement plan(s->db(), "EXPLAIN QUERY PLAN SELECT c.case_id FROM cases c ORDER BY c.name_sort DESC, c.name DESC, "
                                  "c.case_id DESC LIMIT 50");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  CHECK(steps.find("cases_name_sort") != std::string::npos);
  CHECK(steps.find("TEMP B-TREE") == std::string::npos);
  // The functions migration 2 and 9 use were there while the migrations ran, and are gone after.
  CHECK_THROWS_AS(s->db().exec("SELECT casectl_search_key('x')"), SQLite::Exception);
}

TEST_CASE("a version-12 store gets each case's business day of its last change, and its history is dated by it") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  opened(path);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    undo_migration_13(db);
    db.exec("PRAGMA user_version = 12");
    db.exec(testing::k_version_12_cases);
  }
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  auto rows = [&](const char* sql) {
    SQLite::Statement q(s->db(), sql);
    std::vector<std::string> found;
    while (q.executeStep()) found.push_back(q.getColumn(0).getString());
    return found;
  };
  // The latest change's business day in the journal (a read is no change), else the day of updated_at.
  CHECK(rows("SELECT updated_on FROM cases ORDER BY id") == Ids{"2026-10-31", "2026-03-01"});

  // From now on a change is dated by updated_on: 01:00 on 1 December in UTC+5 is 30 November in UTC.
  s->db().exec("UPDATE cases SET district = 'turksib', updated_at = '2026-11-30T20:00:00Z', updated_on = '2026-12-01' "
               "WHERE id = 2");
  s->db().exec("DELETE FROM case_groups WHERE case_row = 2");
  CHECK(rows("SELECT attribute || ' ' || value || ' ' || until_on FROM case_history") == Ids{"district almaly 2026-12-01"});
  CHECK(rows("SELECT changed_on FROM cases WHERE id = 2") == Ids{"2026-12-01"});
  CHECK(rows("SELECT grp || ' ' || until_on FROM case_group_spans WHERE case_row = 2") == Ids{"low-income 2026-12-01"});
}

TEST_CASE("a version-13 store gets journal.db_role, NULL on SQLite, and its chain still holds") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  {
    auto s = opened(path);
    JournalEntry e;
    e.actor = "tester";
    e.command = "casectl test";
    e.case_id = "2026-00001";
    e.action = "intake";
    e.changes = "{}";
    REQUIRE(s->write([&] { return s->append_journal(e); }).is_ok());
  }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    undo_migration_14(db);
    db.exec("PRAGMA user_version = 13");
  }
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  // The store as it was is kept beside it before the migration, private, at its old version.
  REQUIRE(s->migrated().from == 13);
  const std::string copy = s->migrated().copy;
  CHECK(copy.rfind(path + ".schema-13-", 0) == 0);
  CHECK(copy.substr(copy.size() - 4) == ".bak");
  struct stat info {};
  REQUIRE(::stat(copy.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  {
    SQLite::Database old(copy, SQLite::OPEN_READONLY);
    CHECK(old.execAndGet("PRAGMA user_version").getInt() == 13);
    CHECK(old.execAndGet("SELECT count(*) FROM journal").getInt() == 2);
  }
  CHECK(s->db().execAndGet("SELECT count(*) FROM journal WHERE db_role IS NOT NULL").getInt() == 0);
  CHECK(s->db().execAndGet("SELECT action FROM journal ORDER BY id DESC LIMIT 1").getString() == "migrate");
  Result<std::optional<store::ChainBreak>> broken = s->verify_case_chain("2026-00001");
  REQUIRE(broken.is_ok());
  CHECK_MESSAGE(!*broken, (*broken ? store::describe(**broken) : ""));
}

TEST_CASE("migration 15 gives a store of version 14 an id of its own, and its cases no origin") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  std::string other = dir.path("other.db");
  for (const std::string& p : {path, other}) {
    auto s = opened(p);
    s->db().exec("INSERT INTO cases (id, case_id, kind, status, name, source, urgency, consent, opened, response_due, "
                 "created_at, created_by, updated_at) VALUES (1, '2026-00001', 'person', 'intake', 'Новый', 'self', "
                 "'routine', 1, '2026-06-01', '2026-06-10T00:00:00Z', '2026-06-01T10:00:00Z', 'x', '2026-06-01T10:00:00Z')");
    s.reset();
    SQLite::Database db(p, SQLite::OPEN_READWRITE);
    undo_migration_15(db);
    db.exec("PRAGMA user_version = 14");
  }
  auto s = opened(path);
  auto t = opened(other);
  Result<std::string> id = s->store_id();
  REQUIRE(id.is_ok());
  CHECK(id->size() == 32);
  CHECK(id->find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(*id != *t->store_id());
  CHECK(s->db().execAndGet("SELECT count(*) FROM cases WHERE origin_store IS NULL AND origin_case_id IS NULL").getInt() == 1);
}

TEST_CASE("migration 16 keeps a store of version 15's members and their numbers, with none removed") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  {
    auto s = opened(path);
    s->db().exec(std::string(k_one_case) +
                 ";INSERT INTO members (case_row, position, name, role, birth_date) VALUES (1, 1, 'Семёнова Анна', 'мать', "
                 "'1988-04-12'), (1, 2, 'Семёнов Илья', 'сын', NULL)");
    s.reset();
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    undo_migration_16(db);
    db.exec("PRAGMA user_version = 15");
  }
  auto s = opened(path);
  CHECK(s->db().execAndGet("PRAGMA user_version").getInt() == current_schema_version());
  Result<std::optional<Case>> c = s->load_case("2026-00001");
  REQUIRE(c.is_ok());
  REQUIRE(*c);
  REQUIRE((*c)->members.size() == 2);
  CHECK((*c)->members[0].number == 1);
  CHECK((*c)->members[1].number == 2);
  CHECK((*c)->members[1].name == "Семёнов Илья");
  Result<std::vector<RemovedMember>> removed = s->removed_members(1);
  REQUIRE(removed.is_ok());
  CHECK(removed->empty());
}

TEST_CASE("migration 17 keys a store of version 16 again: its names are found in every official spelling") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  {
    opened(path);
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    undo_migration_18(db);
    db.exec(testing::k_version_16_cases);
    SQLite::Statement row(db,
                          "INSERT INTO case_search (rowid, names, address, phone, note, problems) VALUES (?, ?, ?, '', '', '')");
    for (int id : {1, 2}) {
      row.bind(1, id);
      row.bind(2, testing::k_version_16_names[id - 1]);
      row.bind(3, id == 1 ? "mar inskaia 5" : "ul tsvetochnaia 3");
      row.exec();
      row.reset();
    }
    db.exec("PRAGMA user_version = 16");
  }
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  CHECK(s->migrated().from == 16);
  // Every stored key is search_key's of its text now.
  SQLite::Statement members(s->db(), "SELECT name, name_key FROM members");
  while (members.executeStep()) CHECK(members.getColumn(1).getString() == text::search_key(members.getColumn(0).getString()));
  SQLite::Statement cases(s->db(), "SELECT address, address_key FROM cases");
  while (cases.executeStep()) CHECK(cases.getColumn(1).getString() == text::search_key(cases.getColumn(0).getString()));
  CHECK(s->db().execAndGet("SELECT names FROM case_search WHERE rowid = 1").getString() ==
        "ilina natalia ilina natalia shingis aigerim");
  // The case written in Latin letters is found in Cyrillic and in the other spellings...
  CHECK(found(*s, "Ильина Наталья") == Ids{"2026-00001"});
  CHECK(found(*s, "Шыңғыс Әйгерім") == Ids{"2026-00001"});
  CHECK(found(*s, "Shyngys Aigerim") == Ids{"2026-00001"});
  CHECK(found(*s, "Марьинская") == Ids{"2026-00001"});
  CHECK(found(*s, "", "NATALIA") == Ids{"2026-00001"});
  // ...and the case written in Cyrillic by the spellings of passports and GOST.
  CHECK(found(*s, "PODIEIACHEV") == Ids{"2026-00002"});
  CHECK(found(*s, "Pod”yachev Il’in") == Ids{"2026-00002"});
  CHECK(found(*s, "Czvetkova Julia") == Ids{"2026-00002"});
  CHECK(found(*s, "Il’in") == Ids{"2026-00002", "2026-00001"}); // Ильин a whole word first; Il’ina by its start
  // The migration is in the journal, and the index holds one row per case.
  CHECK(s->db().execAndGet("SELECT changes FROM journal WHERE action = 'migrate' ORDER BY id DESC LIMIT 1").getString() ==
        fmt::format(R"({{"schema_version":[16,{}]}})", current_schema_version()));
  CHECK(s->db().execAndGet("SELECT count(*) FROM case_search").getInt() == 2);
}

TEST_CASE("a migration that is refused leaves no copy of the store behind") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  opened(path);
  SQLite::Database(path, SQLite::OPEN_READWRITE).exec("PRAGMA user_version = 3"); // the tables of 14
  Result<std::unique_ptr<SqliteStore>> refused = SqliteStore::open({path, 5000, store::Mode::write});
  REQUIRE(!refused.is_ok());
  CHECK(refused.status().message().find("restore it from a backup") != std::string::npos);
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path("")))
    if (entry.path().string().find(".bak") != std::string::npos) left.push_back(entry.path().string());
  CHECK(left.empty());
}

TEST_CASE("migration 18 gives the events of a store of version 17 no members: each stays the family's as a whole") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  {
    auto s = opened(path);
    s->db().exec(k_one_case);
    s.reset();
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    undo_migration_18(db);
    db.exec("INSERT INTO events (case_row, event_type, happened_on, note, recorded_by, recorded_at) "
            "VALUES (1, 'police-called', '2026-06-05', '', 'x', '2026-06-05T10:00:00Z'); PRAGMA user_version = 17");
  }
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  CHECK(s->migrated().from == 17);
  Result<std::vector<EventRow>> events = s->events_of(1);
  REQUIRE(events.is_ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().members.empty());
  CHECK(s->db().execAndGet("SELECT members FROM events").getString() == "[]");
  // What is not a JSON array is refused by the store itself.
  CHECK_THROWS(s->db().exec("UPDATE events SET members = '2 3'"));
  CHECK_THROWS(s->db().exec("UPDATE events SET members = '{}'"));
}

TEST_CASE("migration 19 leaves the plans of a store of version 18 out of due's agency notices, and follows new ones") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  {
    auto s = opened(path);
    s->db().exec(std::string(k_one_case) + ";INSERT INTO plans (case_row, revision, status, start_on, participants, "
                                           "created_at, created_by) VALUES (1, 1, 'approved', '2026-06-02', '[]', "
                                           "'2026-06-02T10:00:00Z', 'x')");
    s.reset();
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    undo_migration_19(db);
    db.exec("PRAGMA user_version = 18");
  }
  auto s = opened(path);
  CHECK(s->schema_version() == current_schema_version());
  CHECK(s->migrated().from == 18);
  CHECK(s->db().execAndGet("SELECT agencies_tracked FROM plans").getInt() == 0);
  s->db().exec("INSERT INTO plans (case_row, revision, status, start_on, participants, created_at, created_by) "
               "VALUES (1, 2, 'draft', '2026-06-03', '[]', '2026-06-03T10:00:00Z', 'x')");
  CHECK(s->db().execAndGet("SELECT agencies_tracked FROM plans WHERE revision = 2").getInt() == 1);
  CHECK(s->db().execAndGet("SELECT count(*) FROM agency_notices").getInt() == 0);
  CHECK_THROWS(s->db().exec("INSERT INTO agency_notices (case_row, revision, agency, informed_on, how, recorded_by, "
                            "recorded_at) VALUES (1, 1, 'school', '2026-06-04', 'fax', 'x', 'y')"));
}
