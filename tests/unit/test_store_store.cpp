// The SQLite engine's own promises (store/sqlite/sqlite_store.hpp): the file, its modes, WAL, the
// schema's triggers, raw SQL in write(). SQLite only; what every engine promises is in
// test_store_contract.cpp.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/schema.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sys/stat.h>

#include <stdexcept>
#include <string>

using namespace casectl;
using casectl::testing::slurp;
using casectl::testing::TempDir;
using store::sqlite::current_schema_version;
using store::sqlite::SqliteStore;

namespace {

std::unique_ptr<SqliteStore> opened(const std::string& path, store::Mode mode = store::Mode::write, int busy_timeout_ms = 5000) {
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, busy_timeout_ms, mode});
  REQUIRE_MESSAGE(s.is_ok(), s.status().message());
  return std::move(*s);
}

int count(SQLite::Database& db, const std::string& sql) { return db.execAndGet(sql).getInt(); }

unsigned permissions(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

} // namespace

TEST_CASE("SQLite: opening for writing creates a private store file at the current schema version") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  {
    auto s = opened(path);
    CHECK(s->location() == path);
    CHECK(s->schema_version() == current_schema_version());
    CHECK(current_schema_version() >= 1);
    // Creating the schema is itself journalled.
    SQLite::Statement q(s->db(), "SELECT actor, command, action, changes, case_id FROM journal");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == "casectl");
    CHECK(q.getColumn(2).getString() == "migrate");
    CHECK(q.getColumn(3).getString() == fmt::format(R"({{"schema_version":[0,{}]}})", current_schema_version()));
    CHECK(q.getColumn(4).isNull());
    CHECK_FALSE(q.executeStep());
    // SQLite gives its side files the main file's mode: personal data stays private there too.
    CHECK(permissions(path + "-wal") == 0600);
    CHECK(permissions(path + "-shm") == 0600);
  }
  CHECK(permissions(path) == 0600);
  CHECK(SQLite::Database(path).execAndGet("PRAGMA journal_mode").getString() == "wal");

  SUBCASE("missing parent directories are created private") {
    std::string nested = dir.path("a/b/cases.db");
    opened(nested);
    CHECK(permissions(nested) == 0600);
    CHECK(permissions(dir.path("a")) == 0700);
    CHECK(permissions(dir.path("a/b")) == 0700);
  }
  SUBCASE("opening again migrates nothing") {
    auto s = opened(path, store::Mode::read);
    CHECK(s->schema_version() == current_schema_version());
    CHECK(count(s->db(), "SELECT count(*) FROM journal") == 1);
  }
}

TEST_CASE("SQLite: an older store is brought up to date, keeping its data") {
  REQUIRE(current_schema_version() > 1);
  TempDir dir;
  std::string path = dir.path("old.db");
  {
    // A store as the first version of casectl left it: schema 1 and one case.
    SQLite::Database old(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    old.exec(store::sqlite::migrations()[0]);
    old.exec("PRAGMA user_version = 1");
    old.exec("INSERT INTO cases (case_id, kind, status, name, phone, source, urgency, consent, opened, response_due, "
             "created_at, created_by, updated_at) VALUES ('2025-00001', 'family', 'intake', 'Семёнова', "
             "'+7 701 123 45 67', 'self', 'routine', 1, '2025-12-01', '2025-12-11T00:00:00Z', "
             "'2025-12-01T10:00:00Z', 'aigerim', '2025-12-01T10:00:00Z')");
  }
  for (store::Mode mode : {store::Mode::write, store::Mode::read}) {
    CAPTURE(static_cast<int>(mode));
    auto s = opened(path, mode);
    CHECK(s->schema_version() == current_schema_version());
    CHECK(s->db().execAndGet("SELECT name FROM cases WHERE case_id = '2025-00001'").getString() == "Семёнова");
    // One journal row for the whole upgrade, written the first time only.
    SQLite::Statement q(s->db(), "SELECT changes FROM journal WHERE action = 'migrate'");
    REQUIRE(q.executeStep());
    CHECK(q.getColumn(0).getString() == fmt::format(R"({{"schema_version":[1,{}]}})", current_schema_version()));
    CHECK_FALSE(q.executeStep());
  }
}

TEST_CASE("SQLite: a store that cannot be used is refused") {
  TempDir dir;
  SUBCASE("reading a store that does not exist, which is not created") {
    std::string path = dir.path("missing.db");
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, store::Mode::read});
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.status().kind() == ErrorKind::unreadable);
    CHECK(s.status().message() ==
          "there is no case store at " + path + "; create it with 'casectl init', or point --db or CASECTL_DB at yours");
    CHECK_FALSE(std::filesystem::exists(path));
  }
  SUBCASE("a store written by a newer casectl, left untouched") {
    std::string path = dir.path("newer.db");
    opened(path);
    int newer = current_schema_version() + 1;
    SQLite::Database(path, SQLite::OPEN_READWRITE).exec(fmt::format("PRAGMA user_version = {}", newer));
    std::string before = slurp(path);
    REQUIRE_FALSE(before.empty());
    for (store::Mode mode : {store::Mode::write, store::Mode::read}) {
      Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, mode});
      REQUIRE_FALSE(s.is_ok());
      CHECK(s.status().kind() == ErrorKind::cannot_write);
      CHECK(s.status().message() ==
            fmt::format("the store {} was written by a newer casectl (schema version {}; this casectl knows up to "
                        "{}); upgrade casectl to use it",
                        path, newer, current_schema_version()));
    }
    CHECK(slurp(path) == before);
    CHECK(SQLite::Database(path).execAndGet("PRAGMA user_version").getInt() == newer);
  }
  SUBCASE("a file that is not a SQLite database, left untouched") {
    std::string text = "name,district\nСемёнова,Алмалы\n";
    std::string path = dir.write("cases.csv", text);
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({path, 5000, store::Mode::write});
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.status().kind() == ErrorKind::cannot_write);
    CHECK(s.status().message() == path + " is not a casectl store (not a SQLite database, or damaged)");
    CHECK(slurp(path) == text);
  }
  SUBCASE("a path whose parent is a file") {
    std::string file = dir.write("plain", "x");
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({file + "/cases.db", 5000, store::Mode::write});
    REQUIRE_FALSE(s.is_ok());
    CHECK(s.status().kind() == ErrorKind::cannot_write);
    CHECK(s.status().message() == file + " exists and is not a directory");
  }
}

TEST_CASE("SQLite: write commits what the body did through raw SQL, or nothing") {
  auto s = opened(":memory:");
  auto sequence_rows = [&] { return count(s->db(), "SELECT count(*) FROM case_id_sequence"); };

  SUBCASE("commits when the body succeeds") {
    Status status = s->write([&] {
      s->db().exec("INSERT INTO case_id_sequence (year, last_seq) VALUES (2026, 1)");
      return Status::ok();
    });
    CHECK(status.is_ok());
    CHECK(sequence_rows() == 1);
  }
  SUBCASE("rolls back when the body fails, and passes its Status on") {
    Status status = s->write([&] {
      s->db().exec("INSERT INTO case_id_sequence (year, last_seq) VALUES (2026, 1)");
      return Status::conflict("case 2026-00001 is closed");
    });
    CHECK(status.kind() == ErrorKind::conflict);
    CHECK(status.message() == "case 2026-00001 is closed");
    CHECK(sequence_rows() == 0);
  }
  SUBCASE("rolls back when the body throws, and lets the exception through") {
    CHECK_THROWS_AS(s->write([&]() -> Status {
      s->db().exec("INSERT INTO case_id_sequence (year, last_seq) VALUES (2026, 1)");
      throw std::runtime_error("boom");
    }),
                    std::runtime_error);
    CHECK(sequence_rows() == 0);
    CHECK(s->write([] { return Status::ok(); }).is_ok()); // no transaction left open
  }
  SUBCASE("a SQLite error in the body becomes a Status") {
    Status status = s->write([&] {
      s->db().exec("INSERT INTO case_id_sequence (year, last_seq) VALUES (2026, 1)");
      s->db().exec("INSERT INTO case_id_sequence (year, last_seq) VALUES (2026, 2)"); // duplicate key
      return Status::ok();
    });
    CHECK(status.kind() == ErrorKind::internal);
    CHECK(status.message() == "cannot write to the store :memory:: UNIQUE constraint failed: case_id_sequence.year");
    CHECK(sequence_rows() == 0);
  }
}

TEST_CASE("SQLite: the journal is append-only, the schema refusing UPDATE and DELETE") {
  auto s = opened(":memory:");
  JournalEntry e;
  e.at = "2026-03-15T09:30:00Z";
  e.actor = "aigerim";
  e.command = "casectl intake --name Семёнова";
  e.case_id = "2026-00001";
  e.action = "intake";
  e.changes = R"({"name":"Семёнова"})";
  REQUIRE(s->write([&] { return s->append_journal(e); }).is_ok());
  int rows = count(s->db(), "SELECT count(*) FROM journal");

  SQLite::Statement q(s->db(), "SELECT at, actor, command, case_id, action, changes FROM journal ORDER BY id DESC");
  REQUIRE(q.executeStep());
  CHECK(q.getColumn(0).getString() == e.at);
  CHECK(q.getColumn(1).getString() == e.actor);
  CHECK(q.getColumn(2).getString() == e.command);
  CHECK(q.getColumn(3).getString() == e.case_id);
  CHECK(q.getColumn(4).getString() == e.action);
  CHECK(q.getColumn(5).getString() == e.changes);

  SUBCASE("an entry without a time gets the current time") {
    JournalEntry untimed = e;
    untimed.at = "";
    REQUIRE(s->write([&] { return s->append_journal(untimed); }).is_ok());
    std::string at = s->db().execAndGet("SELECT at FROM journal ORDER BY id DESC LIMIT 1").getString();
    CHECK(at.size() == 20);
    CHECK(at[10] == 'T');
    CHECK(at.back() == 'Z');
  }
  SUBCASE("UPDATE is refused") {
    CHECK_THROWS_WITH_AS(s->db().exec("UPDATE journal SET actor = 'someone else'"), "the journal is append-only",
                         SQLite::Exception);
    CHECK(count(s->db(), "SELECT count(*) FROM journal WHERE actor = 'someone else'") == 0);
  }
  SUBCASE("DELETE is refused") {
    CHECK_THROWS_WITH_AS(s->db().exec("DELETE FROM journal"), "the journal is append-only", SQLite::Exception);
    CHECK(count(s->db(), "SELECT count(*) FROM journal") == rows);
  }
  SUBCASE("DELETE inside write() fails and changes nothing") {
    Status status = s->write([&] {
      s->db().exec("DELETE FROM journal");
      return Status::ok();
    });
    CHECK(status.kind() == ErrorKind::internal);
    CHECK(status.message() == "cannot write to the store :memory:: the journal is append-only");
    CHECK(count(s->db(), "SELECT count(*) FROM journal") == rows);
  }
}

TEST_CASE("SQLite: a store locked by another writer longer than the busy timeout is busy") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  opened(path);
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  auto s = opened(path, store::Mode::write, 50);
  bool ran = false;
  Status status = s->write([&] {
    ran = true;
    return Status::ok();
  });
  CHECK_FALSE(ran);
  CHECK(status.kind() == ErrorKind::busy);
  CHECK(status.message() == "the store " + path + " is busy (another casectl is writing to it); try again");
  other.exec("ROLLBACK");
  CHECK(s->write([] { return Status::ok(); }).is_ok());
}
