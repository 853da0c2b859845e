#include "cases/store_export.hpp"

#include "cases/intake.hpp"
#include "store/case_store.hpp"
#include "store/copy_tables.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;

namespace {

const ChangeContext k_context{"aseitova", "casectl export", k_clock};

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.is_ok(), status.message()); }

std::string family(store::CaseStore& s, const config::Config& config, const std::string& name) {
  IntakeRequest r;
  r.name = name;
  r.members = {name + " Мать;мать;14.02.1989", name + " Сын;сын;03.05.2015"};
  r.problems = {"нет работы"};
  return testing::registered(s, r, config, k_context);
}

// The whole export of the store, its lines joined.
std::string exported(store::CaseStore& s, ExportRequest request = {}) {
  std::string text;
  Result<ExportReport> report = export_store(s, request, k_context, [&](std::string_view line) {
    text += line;
    return true;
  });
  REQUIRE_MESSAGE(report.is_ok(), report.status().message());
  return text;
}

Status imported(store::CaseStore& s, const std::string& text, ImportReport& report, ImportRequest request = {}) {
  std::istringstream in(text);
  return import_store(s, in, "test.ndjson", builtin_config(), k_context, request, report);
}

std::string without_header(const std::string& text) { return text.substr(text.find('\n') + 1); }

std::vector<std::string> members_of_range(store::CaseStore& s, long long first, long long last) {
  std::vector<std::string> names;
  require_ok(s.each_case_row("members", {"case_row", "name"}, first, last, [&](const store::TableRow& row) {
    names.push_back(*row[0] + " " + *row[1]);
    return Status::ok();
  }));
  return names;
}

} // namespace

TEST_CASE_TEMPLATE("each_case_row gives the rows of the cases in a range of rows, and no others", Engine, CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> s = Engine::open();
  family(*s, config, "Ахметовы");
  family(*s, config, "Борисовы");
  family(*s, config, "Калиевы");
  CHECK(members_of_range(*s, 2, 2) == std::vector<std::string>{"2 Борисовы Мать", "2 Борисовы Сын"});
  CHECK(members_of_range(*s, 1, 3).size() == 6);
  CHECK(members_of_range(*s, 4, 9).empty());
  Result<long long> last = s->last_row_id("members");
  REQUIRE(last.is_ok());
  CHECK(*last == 6);
  SUBCASE("delete_case takes the case and every row of it, and nothing of the others") {
    require_ok(s->write([&] { return s->delete_case(2); }));
    CHECK(Engine::count(*s, "SELECT count(*) FROM cases") == 2);
    CHECK(Engine::count(*s, "SELECT count(*) FROM members") == 4);
    CHECK(Engine::count(*s, "SELECT count(*) FROM case_problems WHERE case_row = 2") == 0);
  }
  SUBCASE("a table of the store, not of cases, is refused") {
    Status refused = s->each_case_row("staff", {"login"}, 1, 3, [](const store::TableRow&) { return Status::ok(); });
    CHECK(refused.kind() == ErrorKind::internal);
  }
}

TEST_CASE_TEMPLATE("export -> import into an empty store -> export gives the same lines, the same store id", Engine,
                   CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> source = testing::SqliteInMemory::open();
  family(*source, config, "Ахметовы");
  family(*source, config, "Борисовы");
  const std::string first = exported(*source);

  std::unique_ptr<store::CaseStore> target = Engine::open();
  ImportReport report;
  require_ok(imported(*target, first, report));
  CHECK(report.restored);
  REQUIRE(report.cases.size() == 2);
  CHECK(report.cases[0].outcome == "restored");
  CHECK(*target->store_id() == *source->store_id());
  CHECK(exported(*target) == first); // the clock is fixed: the header's time too
}

TEST_CASE_TEMPLATE("a merge knows a case by its origin, never by its case id alone", Engine, CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> district1 = testing::SqliteInMemory::open();
  std::unique_ptr<store::CaseStore> district2 = testing::SqliteInMemory::open();
  CHECK(family(*district1, config, "Ахметовы") == family(*district2, config, "Борисовы"));
  std::unique_ptr<store::CaseStore> region = Engine::open();
  family(*region, config, "Региональные");

  ImportReport one, two, again;
  require_ok(imported(*region, exported(*district1), one));
  require_ok(imported(*region, exported(*district2), two));
  CHECK(!one.restored);
  REQUIRE(two.cases.size() == 1);
  CHECK(two.cases[0].outcome == "added");
  CHECK(two.cases[0].case_id != one.cases[0].case_id);
  CHECK(two.cases[0].origin_store == *district2->store_id());
  CHECK(Engine::count(*region, "SELECT count(*) FROM cases") == 3);
  CHECK(Engine::rows(*region, "SELECT name FROM cases WHERE origin_store IS NOT NULL ORDER BY id") == "Ахметовы\nБорисовы\n");
  require_ok(imported(*region, exported(*district2), again));
  CHECK(again.cases[0].outcome == "unchanged");
  CHECK(Engine::count(*region, "SELECT count(*) FROM cases") == 3);
}

TEST_CASE_TEMPLATE("import refuses a cut or redacted export and writes nothing", Engine, CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> source = testing::SqliteInMemory::open();
  family(*source, config, "Ахметовы");
  std::unique_ptr<store::CaseStore> target = Engine::open();
  ImportReport report;
  std::string whole = exported(*source);
  std::string cut = whole.substr(0, whole.rfind("{\"end_of_export\""));
  Status refused = imported(*target, cut, report);
  CHECK(refused.kind() == ErrorKind::invalid_input);
  CHECK(refused.message().find("cut short") != std::string::npos);
  ExportRequest redacted;
  redacted.redact = true;
  refused = imported(*target, exported(*source, redacted), report);
  CHECK(refused.kind() == ErrorKind::invalid_input);
  CHECK(refused.message().find("test.ndjson line 1: this export was made with --redact") != std::string::npos);
  CHECK(Engine::count(*target, "SELECT count(*) FROM cases") == 0);
  CHECK(without_header(exported(*target)).find("\"case\"") == std::string::npos);
}
