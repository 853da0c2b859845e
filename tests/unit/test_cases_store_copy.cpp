#include "cases/store_copy.hpp"

#include "cases/assign.hpp"
#include "cases/documents.hpp"
#include "cases/intake.hpp"
#include "cases/lookups.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::SqliteInMemory;

namespace {

const ChangeContext k_context{"aseitova", "casectl store copy", k_clock};

// A SQLite store with two families (members, groups, problems), a consultation and a staff member.
struct Source {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = SqliteInMemory::open();
  std::vector<std::string> cases;

  Source() {
    IntakeRequest family;
    family.name = "Семья Тарасовых";
    family.members = {"Тарасова Наталья;мать;14.02.1989", "Тарасов Илья;сын;03.05.2015"};
    family.problems = {"ребёнок не посещает школу"};
    cases.push_back(testing::registered(*store, family, config, k_context));
    IntakeRequest other;
    other.name = "Жұмабаева Әсел";
    other.problems = {"нет работы", "долги"};
    cases.push_back(testing::registered(*store, other, config, k_context));
    IntakeRequest consultation;
    consultation.name = "Ким Виктор";
    consultation.consultation = true;
    cases.push_back(testing::registered(*store, consultation, config, k_context));
    StaffRequest staff;
    staff.login = "omarova";
    staff.name = "Омарова Динара";
    staff.capacity = 12;
    Result<StaffEntry> added = add_staff(*store, config, k_context, staff);
    REQUIRE_MESSAGE(added.is_ok(), added.status().message());
  }
};

long long copied_rows(const CopyReport& report, const std::string& table) {
  for (const CopiedCount& c : report.tables)
    if (c.table == table) return c.rows;
  FAIL("no table " << table << " in the report");
  return -1;
}

Record card(store::CaseStore& s, const config::Config& config, const std::string& id) {
  Result<Case> c = find_case(s, id);
  REQUIRE_MESSAGE(c.is_ok(), c.status().message());
  Result<Record> r = case_card_record(s, *c, config, k_clock.today);
  REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  return *r;
}

} // namespace

TEST_CASE_TEMPLATE("store copy from SQLite keeps every case, the journal and the counters", Engine, CASECTL_STORE_ENGINES) {
  Source source;
  std::unique_ptr<store::CaseStore> target = Engine::open();
  Result<CopyReport> report = copy_store(*source.store, *target, source.config, k_context, false);
  REQUIRE_MESSAGE(report.is_ok(), report.status().message());

  CHECK(copied_rows(*report, "cases") == 3);
  CHECK(copied_rows(*report, "members") == 2);
  CHECK(copied_rows(*report, "staff") == 1);
  CHECK(report->cases_verified == 3);
  for (const std::string& id : source.cases) CHECK(card(*target, source.config, id) == card(*source.store, source.config, id));
  long long source_rows = SqliteInMemory::count(*source.store, "SELECT count(*) FROM journal");
  CHECK(copied_rows(*report, "journal") == source_rows);
  CHECK(Engine::count(*target, "SELECT count(*) FROM journal") == source_rows + 1);
  CHECK(Engine::rows(*target, "SELECT action FROM journal ORDER BY id DESC LIMIT 1") == "copy\n");
  CHECK(Engine::rows(*target, "SELECT hash FROM journal WHERE id = 1") ==
        SqliteInMemory::rows(*source.store, "SELECT hash FROM journal WHERE id = 1"));
  // The search index was written for the copied cases.
  CHECK(Engine::count(*target, "SELECT count(*) FROM case_search") == 3);

  // The copy's counter goes on after the source's cases.
  IntakeRequest next;
  next.name = "Новая Семья";
  std::string id = testing::registered(*target, next, source.config, k_context);
  CHECK(id != source.cases[0]);
  CHECK(id != source.cases[1]);
  CHECK(id != source.cases[2]);
}

TEST_CASE_TEMPLATE("store copy into a store that holds cases is refused, and --force replaces them", Engine,
                   CASECTL_STORE_ENGINES) {
  Source source;
  std::unique_ptr<store::CaseStore> target = Engine::open();
  IntakeRequest own;
  own.name = "Своя Семья";
  testing::registered(*target, own, source.config, k_context);
  long long journal_before = Engine::count(*target, "SELECT count(*) FROM journal");

  Result<CopyReport> refused = copy_store(*source.store, *target, source.config, k_context, false);
  REQUIRE_FALSE(refused.is_ok());
  CHECK(refused.status().kind() == ErrorKind::conflict);
  CHECK(refused.status().message().find("--force") != std::string::npos);
  CHECK(Engine::count(*target, "SELECT count(*) FROM cases") == 1);
  CHECK(Engine::count(*target, "SELECT count(*) FROM journal") == journal_before);

  Result<CopyReport> replaced = copy_store(*source.store, *target, source.config, k_context, true);
  REQUIRE_MESSAGE(replaced.is_ok(), replaced.status().message());
  CHECK(Engine::count(*target, "SELECT count(*) FROM cases") == 3);
  CHECK(Engine::rows(*target, "SELECT name FROM cases WHERE name = 'Своя Семья'") == "");
}

TEST_CASE("store copy reads the source only: its journal gets no row") {
  Source source;
  long long before = SqliteInMemory::count(*source.store, "SELECT count(*) FROM journal");
  std::unique_ptr<store::CaseStore> target = SqliteInMemory::open();
  REQUIRE(copy_store(*source.store, *target, source.config, k_context, false).is_ok());
  CHECK(SqliteInMemory::count(*source.store, "SELECT count(*) FROM journal") == before);
}
