#include "cases/intake.hpp"
#include "store/case_queries.hpp"
#include "store/schema.hpp"
#include "store/store.hpp"
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace casectl;
using namespace std::chrono;
using casectl::testing::TempDir;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::ymd;

namespace {


// Writes a store as casectl 1 left it: schema version 1 with three cases.
void write_v1_store(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(store::migrations()[0]);
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

std::unique_ptr<store::Store> opened(const std::string& path, store::Mode mode = store::Mode::write) {
  Result<std::unique_ptr<store::Store>> s = store::Store::open({path, 5000, mode});
  REQUIRE_MESSAGE(s.is_ok(), s.status().message());
  return std::move(*s);
}

// The case ids `each_case` gives for a search (`find`) or a name (`list --name`), in its order.
std::vector<std::string> found(store::Store& s, const std::string& search, const std::string& name = "") {
  CaseFilter filter;
  filter.search = search;
  filter.name = name;
  if (!search.empty()) filter.sort = "rank";
  std::vector<std::string> ids;
  Status status = store::each_case(s, filter, [&](const CaseSummary& c) {
    ids.push_back(c.case_id);
    return Status::ok();
  });
  REQUIRE_MESSAGE(status.is_ok(), status.message());
  return ids;
}

using Ids = std::vector<std::string>;

} // namespace

TEST_CASE("the schema has one migration per version") {
  CHECK(store::migrations().size() >= 9);
  CHECK(static_cast<std::size_t>(store::current_schema_version()) == store::migrations().size());
}

TEST_CASE("a migrated store has the report indexes of version 8") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  auto s = opened(path, store::Mode::read);
  for (const char* index : {"task_updates_task", "closures_closed_on", "events_happened_on"})
    CHECK_MESSAGE(s->db().execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '") +
                                     index + "'")
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
  CHECK(s->schema_version() == store::current_schema_version());

  SUBCASE("nothing is lost") {
    CHECK(s->db().execAndGet("SELECT count(*) FROM cases").getInt() == 3);
    CHECK(s->db().execAndGet("SELECT count(*) FROM members").getInt() == 2);
    Result<std::optional<Case>> c = store::load_case(*s, "ЕСП-1");
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
    CHECK(nlohmann::json::parse(q.getColumn(2).getString()) == nlohmann::json{{"schema_version", {1, store::current_schema_version()}}});
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
    std::vector<RecordResult> results;
    Status status = s->write([&]() -> Status {
      IntakeSession session(*s, config, context, IntakeOptions{});
      for (const char* member : {"SEMYONOVA ANNA;;1988-04-12", "Иван;;2010-01-01"}) {
        IntakeRequest r;
        r.name = "Другая семья";
        r.members = {member};
        Result<RecordResult> added = session.add(r);
        if (!added) return added.status();
        results.push_back(*added);
      }
      IntakeRequest by_phone;
      by_phone.name = "Ещё одна";
      by_phone.phone = "87011234567";
      Result<RecordResult> added = session.add(by_phone);
      if (!added) return added.status();
      results.push_back(*added);
      IntakeRequest closed_phone;
      closed_phone.name = "И ещё";
      closed_phone.phone = "+7 702 222 33 44";
      added = session.add(closed_phone);
      if (!added) return added.status();
      results.push_back(*added);
      return Status::ok();
    }, true);
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    REQUIRE(results.size() == 4);
    CHECK(results[0].outcome == Outcome::rejected);
    REQUIRE(results[0].duplicates.size() == 1);
    CHECK(results[0].duplicates[0].case_id == "2025-00001");
    CHECK(results[1].outcome == Outcome::created);
    CHECK(results[2].outcome == Outcome::rejected);
    REQUIRE(results[2].duplicates.size() == 1);
    CHECK(results[2].duplicates[0].case_id == "2025-00001");
    CHECK(results[3].outcome == Outcome::created); // 2025-00003 is closed
  }
}

TEST_CASE("opening a migrated store again migrates nothing") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  opened(path);
  auto s = opened(path);
  CHECK(s->schema_version() == store::current_schema_version());
  CHECK(s->db().execAndGet("SELECT count(*) FROM journal WHERE action = 'migrate'").getInt() == 1);
  CHECK(s->db().execAndGet("SELECT count(*) FROM case_search").getInt() == 3);
}

TEST_CASE("a store newer than this casectl is refused and left as it is") {
  TempDir dir;
  std::string path = dir.path("cases.db");
  write_v1_store(path);
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(store::current_schema_version() + 1));
  }
  Result<std::unique_ptr<store::Store>> s = store::Store::open({path, 5000, store::Mode::write});
  REQUIRE_FALSE(s.is_ok());
  CHECK(s.status().kind() == ErrorKind::cannot_write);
  CHECK(s.status().message().find("newer") != std::string::npos);
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == store::current_schema_version() + 1);
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'case_search'").getInt() == 0);
}
