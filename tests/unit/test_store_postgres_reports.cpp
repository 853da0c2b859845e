// The PostgreSQL engine's report queries (lib/store/postgres/report_queries.hpp) against the
// server CASECTL_TEST_POSTGRES names (scripts/test starts a throwaway cluster for it). Without the
// variable these tests are skipped, and say so.
//
// The same year of case work is done on a PostgreSQL store (in a schema of the test's own) and an
// in-memory SQLite store through the domain operations, dated as the commands would have run
// them: intake, assignment, assessments, plans approved with agency tasks and recurring services,
// reviews with deliveries and events, closures with outcomes, a reopening, changes of district,
// manager and target groups. Every report function is then called with several dimensions and
// scopes on both engines, and each result must be the same, row by row; a few figures are checked
// by hand as well, so that both engines agreeing on a wrong answer fails too.
#include "cases/assessment.hpp"
#include "cases/assign.hpp"
#include "cases/intake.hpp"
#include "cases/plan.hpp"
#include "cases/review.hpp"
#include "store/postgres/assessment_queries.hpp"
#include "store/postgres/assign_queries.hpp"
#include "store/postgres/case_queries.hpp"
#include "store/postgres/monitoring_queries.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/plan_queries.hpp"
#include "store/postgres/report_queries.hpp"

#include "fixtures.hpp"
#include "postgres_server.hpp"
#include "registered.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace casectl;
using store::postgres::PgStore;
using testing::no_server;

namespace {

namespace pg = store::postgres;

// --- The year of case work ------------------------------------------------------------------------

// Running a command on the day `day` (YYYY-MM-DD), at 09:00.
ChangeContext on(const std::string& day, const std::string& actor = "dana") {
  Result<date::Date> d = date::parse_date(day);
  REQUIRE_MESSAGE(d.is_ok(), d.status().message());
  date::Timestamp at = date::start_of(*d) + std::chrono::hours{9};
  return ChangeContext{actor, "casectl test", date::Clock{*d, at, at}, std::nullopt, "tester"};
}

StaffMember manager(const std::string& login) {
  StaffMember m;
  m.login = login;
  m.name = login;
  m.agency = "social-protection";
  m.role = "case-manager";
  return m;
}

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.is_ok(), status.message()); }

// The domain operations on one store, as the commands make them.
struct Work {
  store::CaseStore& s;
  config::Config config = testing::builtin_config();

  explicit Work(store::CaseStore& store) : s(store) { config.staff = {manager("dana"), manager("aigul"), manager("askar")}; }

  std::string intake(IntakeRequest r) { return testing::registered(s, r, config, on(*r.opened)); }
  // Changes the case with this external id as an intake of the same record would, on `day`.
  void update(IntakeRequest r, const std::string& day) {
    Result<IntakeResult> result = intake_case(s, config, on(day), r, {OnDuplicate::allow, OnExisting::update}, false);
    REQUIRE_MESSAGE(result.is_ok(), result.status().message());
    REQUIRE(result->fate == IntakeFate::updated);
  }
  void assign(const std::string& id, const std::string& login, const std::string& day) {
    AssignRequest a;
    a.case_id = id;
    a.manager = login;
    require_ok(assign_case(s, config, on(day), a).status());
  }
  void assess(const std::string& id, const std::string& day, std::vector<std::pair<std::string, std::string>> scores) {
    AssessmentRequest r;
    r.assessed_on = day;
    r.scores = std::move(scores);
    r.method = "home-visit"; // plan.require_home_visit
    require_ok(record_assessment(s, id, r, config, on(day)).status());
  }
  void goal(const std::string& id, const std::string& domain, const std::string& day) {
    PlanEditRequest r;
    r.edit = PlanEdit::add_goal;
    r.goal.domain = domain;
    r.goal.description = "Цель: " + domain;
    r.start = day;
    require_ok(edit_plan(s, id, r, config, on(day)).status());
  }
  // A task of goal 1: due on `due` ("" none) or recurring at `frequency` ("5/week").
  void task(const std::string& id, const std::string& what, const std::string& agency, const std::string& due,
            const std::string& frequency, const std::string& day) {
    PlanEditRequest r;
    r.edit = PlanEdit::add_task;
    r.task.goal = "1";
    r.task.what = what;
    r.task.agency = agency;
    if (!due.empty()) r.task.due = due;
    if (!frequency.empty()) r.task.frequency = frequency;
    require_ok(edit_plan(s, id, r, config, on(day)).status());
  }
  void approve(const std::string& id, const std::string& day) {
    ApprovalRequest a;
    a.meeting_on = day;
    a.participants = {"Дана", "Айгуль"};
    require_ok(approve_plan(s, id, a, config, on(day)).status());
  }
  void review(const std::string& id, const std::string& day, ReviewRequest r) {
    r.on = day;
    require_ok(record_review(s, id, r, config, on(day)).status());
  }
  void close(const std::string& id, const std::string& day, const std::string& outcome, const std::string& met) {
    CloseRequest r;
    r.on = day;
    r.reason = "закрытие";
    r.outcome = outcome;
    r.expectations_met = met;
    r.force_reason = "услуги продолжит другая служба";
    require_ok(close_case(s, id, r, config, on(day)).status());
  }
  void reopen(const std::string& id, const std::string& day) {
    ReopenRequest r;
    r.on = day;
    r.reason = "снова жалобы";
    require_ok(reopen_case(s, id, r, config, on(day)).status());
  }
};

IntakeRequest request(const std::string& name, const std::string& opened, const std::string& district, const std::string& source,
                      const std::string& urgency, std::vector<std::string> groups, std::vector<std::string> members) {
  IntakeRequest r;
  r.name = name;
  r.opened = opened;
  r.district = district;
  r.source = source;
  r.urgency = urgency;
  r.groups = std::move(groups);
  r.members = std::move(members);
  r.consent = "yes";
  return r;
}

// The year 2024 (a leap year) of one district team, the same on every store. Hand-checked figures
// in the tests below follow from what is written here.
void do_the_work(store::CaseStore& s) {
  Work w(s);
  // 1. Ахметовы: opened on 30 January, assessed in 2 days, a plan with three agencies, closed on
  //    31 March, reopened, closed again on 31 May.
  std::string c1 = w.intake(request("Ахметовы", "2024-01-30", "almaly", "hotline", "urgent", {"large-family", "low-income"},
                                    {"Ахметов Серик;отец;1985-04-02", "Ахметова Айгуль;мать", "Ахметов Нурлан;сын;2012-09-01"}));
  w.assign(c1, "dana", "2024-01-31");
  w.assess(c1, "2024-02-01", {{"housing", "2"}, {"income", "1"}, {"health", "3"}});
  w.goal(c1, "housing", "2024-02-02");
  w.task(c1, "Справка о составе семьи", "social-protection", "2024-02-15", "", "2024-02-02");
  w.task(c1, "Патронаж", "hospital", "", "2/week", "2024-02-02");
  w.task(c1, "Беседа в школе", "school", "", "1/month", "2024-02-02");
  w.approve(c1, "2024-02-05");
  {
    ReviewRequest r;
    r.delivered = {"2=3"};
    r.events = {"police-called"};
    w.review(c1, "2024-02-29", r);
  }
  {
    ReviewRequest r;
    r.tasks = {"1"};
    r.task_status = "done";
    r.delivered = {"2=2", "3=1"};
    w.review(c1, "2024-03-10", r);
  }
  w.assess(c1, "2024-03-20", {{"housing", "4"}, {"income", "2"}, {"health", "3"}});
  w.close(c1, "2024-03-31", "goals-achieved", "yes");
  w.reopen(c1, "2024-04-15");
  w.close(c1, "2024-05-31", "partly", "partly");

  // 2. Сейткали: opened on the leap day, no members recorded (counts as one person), assessed in
  //    3 days (late for an emergency), moved to another district on 10 April; stays open.
  IntakeRequest seitkali = request("Сейткали Ерлан", "2024-02-29", "medeu", "school", "emergency", {"disability"}, {});
  seitkali.external_id = "EXT-2";
  std::string c2 = w.intake(seitkali);
  w.assign(c2, "aigul", "2024-03-01");
  w.assess(c2, "2024-03-03", {{"health", "2"}, {"mobility", "1"}});
  w.goal(c2, "health", "2024-03-04");
  w.task(c2, "Постановка на учёт", "juvenile-police", "2024-03-10", "", "2024-03-04");
  w.task(c2, "Уход на дому", "hospital", "", "5/week", "2024-03-04");
  w.approve(c2, "2024-03-05");
  {
    ReviewRequest r;
    r.delivered = {"2=4"};
    r.events = {"hospitalised"};
    w.review(c2, "2024-03-08", r);
  }
  {
    ReviewRequest r;
    r.events = {"moved"};
    r.before_opening = true;
    w.review(c2, "2023-12-01", r);
  }
  seitkali.district = "almaly";
  w.update(seitkali, "2024-04-10");

  // 3. Ёлкина: opened on 1 March, assessed in 7 days, a monthly service approved on 17 March (15
  //    days of March: 5 × 15 / 30 = 2.5 sessions due, rounded to 3), a second target group from
  //    1 April, a new manager from 2 May; stays open.
  IntakeRequest yolkina = request("Ёлкина Мария", "2024-03-01", "almaly", "police", "routine", {"child-at-risk"},
                                  {"Ёлкина Мария;мать;1990-01-01", "Ёлкин Пётр;сын;2015-06-01"});
  yolkina.external_id = "EXT-3";
  std::string c3 = w.intake(yolkina);
  w.assign(c3, "dana", "2024-03-01");
  w.assess(c3, "2024-03-08", {{"safety", "1"}, {"parenting", "2"}});
  w.goal(c3, "safety", "2024-03-10");
  w.task(c3, "Консультация психолога", "ngo", "", "5/month", "2024-03-10");
  w.task(c3, "Акт обследования", "guardianship", "2024-04-01", "", "2024-03-10");
  w.approve(c3, "2024-03-17");
  yolkina.groups = {"child-at-risk", "domestic-violence"};
  w.update(yolkina, "2024-04-01");
  {
    ReviewRequest r;
    r.delivered = {"1=2"};
    r.events = {"police-called", "rights-violation-report"};
    w.review(c3, "2024-04-20", r);
  }
  w.assign(c3, "askar", "2024-05-02");

  // 4. A consultation on 15 March, one person.
  IntakeRequest omarova = request("Омарова Г.", "2024-03-15", "almaly", "hotline", "routine", {}, {"Омарова Гульнар;заявитель"});
  omarova.consultation = true;
  w.intake(omarova);

  // 5. Бекова: opened on 31 March (a month's last day), assessed twice, closed on 30 April
  //    without a plan.
  std::string c5 = w.intake(
      request("Бекова", "2024-03-31", "medeu", "hotline", "urgent", {"large-family"}, {"Бекова Сауле;мать", "Беков Арман;сын"}));
  w.assign(c5, "aigul", "2024-04-01");
  w.assess(c5, "2024-04-02", {{"housing", "3"}, {"income", "2"}});
  w.assess(c5, "2024-04-25", {{"housing", "3"}, {"income", "2"}});
  w.close(c5, "2024-04-30", "goals-achieved", "partly");

  // 6. Nurlanov: opened on 31 December, never assessed, no manager: still in intake.
  w.intake(request("Nurlanov Daniyar", "2024-12-31", "turksib", "neighbour", "routine", {}, {}));

  // 7. A consultation of a family of four on the same day.
  IntakeRequest family = request("Касымовы", "2024-12-31", "medeu", "self", "routine", {},
                                 {"Касымов А.;отец", "Касымова Б.;мать", "Касымов В.;сын", "Касымова Г.;дочь"});
  family.consultation = true;
  w.intake(family);
}

// --- What the reports gave, as text -------------------------------------------------------------

std::string exact(double d) { return fmt::format("{:.17g}", d); }

std::string status_text(const Status& status) {
  return fmt::format("failed {}: {}", static_cast<int>(status.kind()), status.message());
}

template <typename T, typename Show> std::string shown(const Result<T>& result, Show show) {
  return result ? show(*result) : status_text(result.status());
}

std::string show_counts(const std::vector<CaseCounts>& rows) {
  std::string out;
  for (const CaseCounts& r : rows)
    out += fmt::format("[{}] open {} intake {} assessment {} active {} opened {} closed {} goals {} families {} people {} "
                       "consultations {} consulted {}\n",
                       r.key, r.open_at_end, r.in_intake, r.in_assessment, r.active, r.opened, r.closed, r.goals_achieved,
                       r.families, r.people, r.consultations, r.people_consulted);
  return out;
}

std::string show_pairs(const std::vector<std::pair<std::string, long long>>& rows) {
  std::string out;
  for (const auto& [key, n] : rows) out += fmt::format("{} {}\n", key, n);
  return out;
}

std::string show_times(const ResponseTimes& t) {
  return fmt::format("opened {} assessed {} on time {} median {}\n", t.opened, t.assessed, t.on_time,
                     t.median_days ? exact(*t.median_days) : "none");
}

std::string show_outcomes(const std::vector<OutcomeCount>& rows) {
  std::string out;
  for (const OutcomeCount& r : rows) out += fmt::format("[{}] {} {} {}\n", r.key, r.outcome, r.expectations, r.cases);
  return out;
}

std::string show_changes(const std::vector<DomainChange>& rows) {
  std::string out;
  for (const DomainChange& r : rows)
    out += fmt::format("[{}] {} cases {} baseline {} final {} change {}\n", r.key, r.domain, r.cases, exact(r.baseline),
                       exact(r.final), exact(r.change));
  return out;
}

std::string show_overdue(const std::vector<OverdueCounts>& rows) {
  std::string out;
  for (const OverdueCounts& r : rows)
    out += fmt::format("[{}] tasks {} reviews {} responses {} services {}\n", r.key, r.tasks, r.reviews, r.responses, r.services);
  return out;
}

std::string show_services(const std::vector<ServiceCounts>& rows) {
  std::string out;
  for (const ServiceCounts& r : rows)
    out += fmt::format("[{}] tasks {} cases {} due {} delivered {}\n", r.key, r.tasks, r.cases, r.due, r.delivered);
  return out;
}

const char* dimension_name(CaseDimension by) {
  switch (by) {
  case CaseDimension::none: return "none";
  case CaseDimension::district: return "district";
  case CaseDimension::manager: return "manager";
  case CaseDimension::urgency: return "urgency";
  case CaseDimension::group: return "group";
  case CaseDimension::source: return "source";
  case CaseDimension::agency: return "agency";
  case CaseDimension::period: return "period";
  case CaseDimension::service: return "service";
  }
  return "?";
}

struct NamedScope {
  const char* name;
  CaseScope scope;
};

std::vector<NamedScope> scopes() {
  std::vector<NamedScope> all = {{"everything", {}}};
  auto add = [&](const char* name, std::string CaseScope::*field, const char* value) {
    CaseScope s;
    s.*field = value;
    all.push_back({name, s});
  };
  add("district almaly", &CaseScope::district, "almaly");
  add("district medeu", &CaseScope::district, "medeu");
  add("manager dana", &CaseScope::manager, "dana");
  add("group large-family", &CaseScope::group, "large-family");
  add("group domestic-violence", &CaseScope::group, "domestic-violence");
  add("urgency urgent", &CaseScope::urgency, "urgent");
  add("source hotline", &CaseScope::source, "hotline");
  add("agency hospital", &CaseScope::agency, "hospital");
  CaseScope two;
  two.district = "almaly";
  two.agency = "ngo";
  all.push_back({"district almaly and agency ngo", two});
  return all;
}

std::vector<ReportPeriod> months_of_2024() {
  std::vector<ReportPeriod> months;
  const char* ends[] = {"31", "29", "31", "30", "31", "30", "31", "31", "30", "31", "30", "31"};
  for (int m = 1; m <= 12; ++m)
    months.push_back(
        {fmt::format("2024-{:02}", m), fmt::format("2024-{:02}-01", m), fmt::format("2024-{:02}-{}", m, ends[m - 1])});
  return months;
}

const ReportPeriod k_year{"2024", "2024-01-01", "2024-12-31"};
const ReportPeriod k_february{"2024-02", "2024-02-01", "2024-02-29"};
const ReportPeriod k_march{"2024-03", "2024-03-01", "2024-03-31"};
const ReportPeriod k_spring{"2024-03-15..2024-05-15", "2024-03-15", "2024-05-15"};
const std::vector<ReportPeriod> k_periods = {k_year, k_february, k_march, k_spring};

const std::vector<CaseDimension> k_case_dimensions = {CaseDimension::none,    CaseDimension::district, CaseDimension::manager,
                                                      CaseDimension::urgency, CaseDimension::group,    CaseDimension::source,
                                                      CaseDimension::agency};

// Every report on `s`, by name, in order.
using Reports = std::vector<std::pair<std::string, std::string>>;

Reports all_reports(store::CaseStore& s) {
  Reports out;
  auto put = [&](std::string name, std::string text) { out.emplace_back(std::move(name), std::move(text)); };
  for (const NamedScope& sc : scopes()) {
    const std::string in = std::string(" in ") + sc.name;
    std::vector<CaseDimension> dimensions = k_case_dimensions;
    for (CaseDimension by : dimensions) {
      const std::string by_name = std::string(" by ") + dimension_name(by);
      put("count_cases months" + by_name + in, shown(s.count_cases(months_of_2024(), by, sc.scope), show_counts));
      for (const ReportPeriod& p : k_periods) {
        const std::string of = " of " + p.key;
        put("count_cases" + of + by_name + in, shown(s.count_cases({p}, by, sc.scope), show_counts));
        put("count_outcomes" + of + by_name + in, shown(s.count_outcomes(p, by, sc.scope), show_outcomes));
        put("average_domain_changes" + of + by_name + in, shown(s.average_domain_changes(p, by, sc.scope), show_changes));
        put("count_services" + of + by_name + in, shown(s.count_services(p, "2024-12-31", by, sc.scope), show_services));
      }
      for (const char* today : {"2024-03-20", "2024-06-15", "2025-01-15"})
        put(fmt::format("count_overdue on {}{}{}", today, by_name, in),
            shown(s.count_overdue(today, std::string(today) + "T09:00:00Z", by, sc.scope), show_overdue));
    }
    for (CaseDimension by : {CaseDimension::period, CaseDimension::none}) {
      const std::string by_name = std::string(" by ") + dimension_name(by);
      put("count_cases months" + by_name + in, shown(s.count_cases(months_of_2024(), by, sc.scope), show_counts));
      put("count_cases february and march" + by_name + in,
          shown(s.count_cases({k_february, k_march}, by, sc.scope), show_counts));
    }
    for (const ReportPeriod& p : k_periods) {
      const std::string of = " of " + p.key;
      put("count_new_cases_by_source" + of + in, shown(s.count_new_cases_by_source(p, sc.scope), show_pairs));
      put("count_events" + of + in, shown(s.count_events(p, sc.scope), show_pairs));
      put("response_times" + of + in, shown(s.response_times(p, sc.scope), show_times));
      put("count_services" + of + " by service" + in,
          shown(s.count_services(p, "2024-03-31", CaseDimension::service, sc.scope), show_services));
    }
    put("count_overdue by service" + in,
        shown(s.count_overdue("2025-01-15", "2025-01-15T09:00:00Z", CaseDimension::service, sc.scope), show_overdue));
  }
  return out;
}

// Where two texts first differ: the line number and both lines.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string lx, ly;
  for (int line = 1;; ++line) {
    bool more_x = static_cast<bool>(std::getline(x, lx));
    bool more_y = static_cast<bool>(std::getline(y, ly));
    if (!more_x && !more_y) return "no difference";
    if (!more_x) lx = "(nothing)";
    if (!more_y) ly = "(nothing)";
    if (lx != ly || !more_x || !more_y) return fmt::format("line {}:\n  PostgreSQL: {}\n  SQLite:     {}", line, lx, ly);
  }
}

struct BothEngines {
  testing::PostgresSchema schema;
  std::unique_ptr<PgStore> pg;
  std::unique_ptr<store::CaseStore> sqlite;
  BothEngines() {
    store::OpenOptions options;
    options.location = schema.url;
    options.mode = store::Mode::write;
    Result<std::unique_ptr<PgStore>> opened = PgStore::open(options);
    REQUIRE_MESSAGE(opened.is_ok(), opened.status().message());
    pg = std::move(*opened);
    Result<std::unique_ptr<store::CaseStore>> memory = store::open({":memory:", 5000, store::Mode::write});
    REQUIRE_MESSAGE(memory.is_ok(), memory.status().message());
    sqlite = std::move(*memory);
    do_the_work(*pg);
    do_the_work(*sqlite);
  }
};

// The reports of both engines, computed once for the test cases below.
struct Compared {
  Reports postgres, sqlite;
};
const Compared& compared() {
  static const Compared both = [] {
    BothEngines engines;
    return Compared{all_reports(*engines.pg), all_reports(*engines.sqlite)};
  }();
  return both;
}

// What the report `name` gave on `engine`.
std::string report_on(const Reports& engine, const std::string& name) {
  for (const auto& [key, text] : engine)
    if (key == name) return text;
  FAIL("no report named " << name);
  return "";
}

// Checks that the report `name` gave `expected` on both engines.
void both_give(const std::string& name, const std::string& expected) {
  INFO(name);
  CHECK(report_on(compared().postgres, name) == expected);
  CHECK(report_on(compared().sqlite, name) == expected);
}

} // namespace

TEST_CASE("PostgreSQL report query tests run only with CASECTL_TEST_POSTGRES set") {
  if (no_server())
    MESSAGE("the PostgreSQL report query tests did NOT run: CASECTL_TEST_POSTGRES is not set. "
            "Run scripts/test, which starts a throwaway cluster (tests/pg/cluster.sh)");
}

TEST_CASE("PostgreSQL reports give what SQLite gives, row by row, for every dimension and scope" * doctest::skip(no_server())) {
  const Compared& both = compared();
  REQUIRE(both.postgres.size() == both.sqlite.size());
  int differences = 0;
  for (std::size_t i = 0; i < both.sqlite.size(); ++i) {
    REQUIRE(both.postgres[i].first == both.sqlite[i].first);
    if (both.postgres[i].second == both.sqlite[i].second) continue;
    ++differences;
    FAIL_CHECK(both.sqlite[i].first << " differs at " << first_difference(both.postgres[i].second, both.sqlite[i].second));
  }
  CHECK(differences == 0);
  // Not a comparison of empty results: most reports have rows.
  int empty = 0;
  for (const auto& [name, text] : both.sqlite) empty += text.empty() ? 1 : 0;
  CHECK(empty < static_cast<int>(both.sqlite.size()) / 2);
}

// The figures below follow from do_the_work(), worked out by hand.
TEST_CASE("PostgreSQL and SQLite reports give the figures worked out by hand" * doctest::skip(no_server())) {
  SUBCASE("count_cases") {
    // On 31 March Ахметовы closed (a closing day is not open), Сейткали, Ёлкина and Бекова were
    // open, the first two still active; Ёлкина and Бекова opened in March; the four families were
    // accompanied in March: 3 + 1 (none recorded) + 2 + 2 people; one consultation of one person.
    both_give(
        "count_cases of 2024-03 by none in everything",
        "[] open 3 intake 0 assessment 0 active 2 opened 2 closed 1 goals 1 families 4 people 8 consultations 1 consulted 1\n");
    // By the district at the year's end: Сейткали moved to almaly on 10 April; Ахметовы's last
    // closure of the year was "partly".
    both_give("count_cases of 2024 by district in everything", "[almaly] open 2 intake 0 assessment 0 active 2 opened 3 closed 1 "
                                                               "goals 0 families 3 people 6 consultations 1 consulted 1\n"
                                                               "[medeu] open 0 intake 0 assessment 0 active 0 opened 1 closed 1 "
                                                               "goals 1 families 1 people 2 consultations 1 consulted 4\n"
                                                               "[turksib] open 1 intake 1 assessment 0 active 0 opened 1 closed "
                                                               "0 goals 0 families 1 people 1 consultations 0 consulted 0\n");
    // Twelve months go through the running sums; January has Ахметовы alone.
    CHECK(report_on(compared().sqlite, "count_cases months by period in everything")
              .rfind("[2024-01] open 1 intake 0 assessment 0 active 0 opened 1 closed 0 goals 0 families 1 people 3 ", 0) == 0);
    CHECK(report_on(compared().postgres, "count_cases months by period in everything")
              .rfind("[2024-01] open 1 intake 0 assessment 0 active 0 opened 1 closed 0 goals 0 families 1 people 3 ", 0) == 0);
  }
  SUBCASE("count_new_cases_by_source: full cases only, in source order") {
    both_give("count_new_cases_by_source of 2024 in everything", "hotline 2\nneighbour 1\npolice 1\nschool 1\n");
  }
  SUBCASE("count_events: the family's history before the opening is left out") {
    both_give("count_events of 2024 in everything", "hospitalised 1\npolice-called 2\nrights-violation-report 1\n");
    both_give("count_events of 2024-02 in everything", "police-called 1\n"); // on the leap day
  }
  SUBCASE("response_times: the median of 2, 2, 3 and 7 days is 2.5") {
    // Deadlines: Ахметовы (urgent) 2 February, assessed 1 February; Сейткали (emergency) 1 March,
    // assessed 3 March, late; Ёлкина (routine) 11 March, assessed 8 March; Бекова (urgent) 3 April,
    // assessed 2 April. Nurlanov was never assessed.
    both_give("response_times of 2024 in everything", "opened 5 assessed 4 on time 3 median 2.5\n");
    both_give("response_times of 2024-03 in everything", "opened 2 assessed 1 on time 1 median 7\n");
  }
  SUBCASE("count_outcomes: each case by its last closure in the period") {
    both_give("count_outcomes of 2024 by district in everything", "[almaly] partly partly 1\n[medeu] goals-achieved partly 1\n");
    both_give("count_outcomes of 2024-03 by none in everything", "[] goals-achieved yes 1\n");
  }
  SUBCASE("average_domain_changes: means of halves") {
    // Housing 2 -> 4 (Ахметовы) and 3 -> 3 (Бекова); income 1 -> 2 and 2 -> 2.
    both_give("average_domain_changes of 2024 by none in everything", "[] health cases 1 baseline 3 final 3 change 0\n"
                                                                      "[] housing cases 2 baseline 2.5 final 3.5 change 1\n"
                                                                      "[] income cases 2 baseline 1.5 final 2 change 0.5\n");
  }
  SUBCASE("count_overdue: a case manager's reviews and late first responses, the tasks' and services' by manager") {
    // Nurlanov (routine, opened 31 December, no manager) was due a response by 10 January.
    both_give("count_overdue on 2025-01-15 by manager in everything", "[] tasks 0 reviews 0 responses 1 services 0\n"
                                                                      "[aigul] tasks 1 reviews 1 responses 0 services 1\n"
                                                                      "[askar] tasks 1 reviews 1 responses 0 services 1\n");
  }
  SUBCASE("count_services: due rounded half away from zero per task") {
    // March, up to 31 March: a monthly service of 5 from 17 March is 5 x 15 / 30 = 2.5 -> 3 (half
    // to even would give 2); twice a week over 31 days 62 / 7 -> 9; five times a week from 5 March
    // 135 / 7 -> 19; once a month over 31 days -> 1.
    both_give("count_services of 2024-03 by service in everything", "[Беседа в школе] tasks 1 cases 1 due 1 delivered 1\n"
                                                                    "[Консультация психолога] tasks 1 cases 1 due 3 delivered 0\n"
                                                                    "[Патронаж] tasks 1 cases 1 due 9 delivered 2\n"
                                                                    "[Уход на дому] tasks 1 cases 1 due 19 delivered 4\n");
  }
}

TEST_CASE("PostgreSQL reports of an empty store give what SQLite gives: no rows, zeros, no median" * doctest::skip(no_server())) {
  testing::PostgresSchema schema;
  Result<std::unique_ptr<PgStore>> pg = PgStore::open({schema.url, 5000, store::Mode::write});
  REQUIRE_MESSAGE(pg.is_ok(), pg.status().message());
  store::CaseStore& postgres = **pg;
  Result<std::unique_ptr<store::CaseStore>> sqlite = store::open({":memory:", 5000, store::Mode::write});
  REQUIRE_MESSAGE(sqlite.is_ok(), sqlite.status().message());
  for (CaseDimension by : {CaseDimension::none, CaseDimension::agency, CaseDimension::group}) {
    INFO(dimension_name(by));
    CHECK(shown(postgres.count_cases(months_of_2024(), by, {}), show_counts) ==
          shown((*sqlite)->count_cases(months_of_2024(), by, {}), show_counts));
    CHECK(shown(postgres.count_cases({k_year}, by, {}), show_counts) == "");
    CHECK(shown(postgres.count_outcomes(k_year, by, {}), show_outcomes) == "");
    CHECK(shown(postgres.average_domain_changes(k_year, by, {}), show_changes) == "");
    CHECK(shown(postgres.count_overdue("2025-01-15", "2025-01-15T09:00:00Z", by, {}), show_overdue) == "");
    CHECK(shown(postgres.count_services(k_year, "2024-12-31", by, {}), show_services) == "");
  }
  // By month, every period has a row, of zeros, on both engines.
  CHECK(shown(postgres.count_cases(months_of_2024(), CaseDimension::period, {}), show_counts) ==
        shown((*sqlite)->count_cases(months_of_2024(), CaseDimension::period, {}), show_counts));
  CHECK(shown(postgres.count_new_cases_by_source(k_year, {}), show_pairs) == "");
  CHECK(shown(postgres.count_events(k_year, {}), show_pairs) == "");
  CHECK(shown(postgres.response_times(k_year, {}), show_times) == "opened 0 assessed 0 on time 0 median none\n");
  CHECK(shown((*sqlite)->response_times(k_year, {}), show_times) == "opened 0 assessed 0 on time 0 median none\n");
}

TEST_CASE("a PostgreSQL report that the server refuses gives a failed Status, never an exception" * doctest::skip(no_server())) {
  testing::PostgresSchema schema;
  Result<std::unique_ptr<PgStore>> opened = PgStore::open({schema.url, 5000, store::Mode::write});
  REQUIRE_MESSAGE(opened.is_ok(), opened.status().message());
  PgStore& pg = **opened;
  // Tables every report reads are gone (a store damaged by hand).
  require_ok(schema.connection().run_script("DROP TABLE closures, events, case_periods, plan_tasks, assessments CASCADE"));
  std::vector<Status> failures = {pg::count_cases(pg, {k_year}, CaseDimension::none, {}).status(),
                                  pg::count_cases(pg, months_of_2024(), CaseDimension::period, {}).status(),
                                  pg::count_new_cases_by_source(pg, k_year, {}).status(), // reads cases alone: still there
                                  pg::count_events(pg, k_year, {}).status(),
                                  pg::response_times(pg, k_year, {}).status(),
                                  pg::count_outcomes(pg, k_year, CaseDimension::district, {}).status(),
                                  pg::average_domain_changes(pg, k_year, CaseDimension::district, {}).status(),
                                  pg::count_overdue(pg, "2025-01-15", "2025-01-15T09:00:00Z", CaseDimension::none, {}).status(),
                                  pg::count_services(pg, k_year, "2024-12-31", CaseDimension::none, {}).status()};
  CHECK(failures[2].is_ok());
  failures.erase(failures.begin() + 2);
  for (const Status& failed : failures) {
    CHECK_FALSE(failed.is_ok());
    CHECK(failed.kind() == ErrorKind::internal);
    CHECK(failed.message().find("does not exist") != std::string::npos);
  }
}
