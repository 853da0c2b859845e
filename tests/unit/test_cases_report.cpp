#include "cases/report.hpp"

#include "fixtures.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace casectl;
using casectl::testing::ymd;

namespace {

Period period(const std::string& text) {
  Result<Period> p = parse_period(text);
  REQUIRE_MESSAGE(p.is_ok(), p.status().message());
  return *p;
}

Period compared(const Period& p, const std::string& compare) {
  Result<Period> base = comparison_period(p, compare);
  REQUIRE_MESSAGE(base.is_ok(), base.status().message());
  return *base;
}

std::string span(const Period& p) { return p.label + " " + date::format_date(p.from) + ".." + date::format_date(p.to); }

// The day the reports of these tests are made: dates typed relative to today count from it.
const date::Date k_report_today = ymd(2026, 11, 20);

const char* const k_forms = "use 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter), or --from DATE --to DATE";

} // namespace

TEST_CASE("parse_period reads a year, a month and a quarter") {
  CHECK(span(period("2026")) == "2026 2026-01-01..2026-12-31");
  CHECK(span(period("2026-10")) == "2026-10 2026-10-01..2026-10-31");
  CHECK(span(period("2024-02")) == "2024-02 2024-02-01..2024-02-29");
  CHECK(span(period("2026-Q3")) == "2026-Q3 2026-07-01..2026-09-30");
  CHECK(span(period("2026-q1")) == "2026-Q1 2026-01-01..2026-03-31");
  CHECK(period("2026-Q4").unit == Period::Unit::quarter);
}

TEST_CASE("parse_period refuses anything else, naming the accepted forms") {
  for (const char* bad : {"", "26", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-3", "2026-10-01", "Q3-2026", "1850"}) {
    SUBCASE(bad) {
      Result<Period> p = parse_period(bad);
      REQUIRE_FALSE(p.is_ok());
      CHECK(p.status().kind() == ErrorKind::usage);
      CHECK(p.status().message() == fmt::format("--period: '{}' is not a period; {}", bad, k_forms));
    }
  }
}

TEST_CASE("period_between takes two dates in order") {
  Result<Period> p = period_between("15.07.2026", "2026-08-14", k_report_today);
  REQUIRE(p.is_ok());
  CHECK(span(*p) == "2026-07-15..2026-08-14 2026-07-15..2026-08-14");
  SUBCASE("the end before the start") {
    Result<Period> reversed = period_between("2026-09-01", "2026-08-01", k_report_today);
    CHECK(reversed.status().kind() == ErrorKind::usage);
    CHECK(reversed.status().message() ==
          "--to 2026-08-01 is before --from 2026-09-01; give the period's first day, then its last");
  }
  SUBCASE("dates typed relative to the report's today") {
    Result<Period> last_month = period_between("-1m", "yesterday", k_report_today);
    REQUIRE(last_month.is_ok());
    CHECK(span(*last_month) == "2026-10-20..2026-11-19 2026-10-20..2026-11-19");
  }
  SUBCASE("a date that is not one") {
    Result<Period> bad = period_between("2026-02-30", "2026-03-01", k_report_today);
    CHECK(bad.status().kind() == ErrorKind::usage);
    CHECK(bad.status().message().rfind("--from: ", 0) == 0);
  }
}

TEST_CASE("the previous period is the month, quarter or year before, or as many days before") {
  CHECK(span(compared(period("2026-10"), "previous")) == "2026-09 2026-09-01..2026-09-30");
  CHECK(span(compared(period("2026-01"), "previous")) == "2025-12 2025-12-01..2025-12-31");
  CHECK(span(compared(period("2026-03"), "previous")) == "2026-02 2026-02-01..2026-02-28");
  CHECK(span(compared(period("2026-Q3"), "previous")) == "2026-Q2 2026-04-01..2026-06-30");
  CHECK(span(compared(period("2026-Q1"), "previous")) == "2025-Q4 2025-10-01..2025-12-31");
  CHECK(span(compared(period("2026"), "previous")) == "2025 2025-01-01..2025-12-31");
  CHECK(span(compared(*period_between("2026-07-15", "2026-08-14", k_report_today), "previous")) ==
        "2026-06-14..2026-07-14 2026-06-14..2026-07-14");
}

TEST_CASE("the same period a year before") {
  CHECK(span(compared(period("2026-10"), "year")) == "2025-10 2025-10-01..2025-10-31");
  CHECK(span(compared(period("2026-Q3"), "year")) == "2025-Q3 2025-07-01..2025-09-30");
  CHECK(span(compared(period("2025-02"), "year")) == "2024-02 2024-02-01..2024-02-29");
  CHECK(span(compared(*period_between("2024-02-29", "2024-03-10", k_report_today), "year")) ==
        "2023-02-28..2023-03-10 2023-02-28..2023-03-10");
  SUBCASE("an unknown comparison") {
    Result<Period> base = comparison_period(period("2026"), "yaer");
    CHECK(base.status().kind() == ErrorKind::usage);
    CHECK(base.status().message() == "--compare: 'yaer' is not a comparison (did you mean 'year'?); use previous (the "
                                     "period before) or year (the same period a year before)");
  }
}

TEST_CASE("months_of cuts the first and last month to the period") {
  std::vector<Period> months = months_of(*period_between("2026-07-15", "2026-09-10", k_report_today));
  REQUIRE(months.size() == 3);
  CHECK(span(months[0]) == "2026-07 2026-07-15..2026-07-31");
  CHECK(span(months[1]) == "2026-08 2026-08-01..2026-08-31");
  CHECK(span(months[2]) == "2026-09 2026-09-01..2026-09-10");
  CHECK(months_of(period("2026")).size() == 12);
  CHECK(months_of(period("2026-10")).size() == 1);
}

TEST_CASE("kpi_record: the change in count and percent, null when the base is 0") {
  Record grew = views::kpi_record({"families", "Семей на сопровождении", 4.0, 3.0});
  CHECK(grew.dump() ==
        R"({"figure":"families","label":"Семей на сопровождении","value":4,"previous":3,"change":1,"change_percent":33.3})");
  Record from_zero = views::kpi_record({"consultations", "Консультаций", 2.0, 0.0});
  CHECK(from_zero["change"] == 2);
  CHECK(from_zero["change_percent"].is_null());
  Record no_median = views::kpi_record({"median_days_to_assessment", "Медиана", std::nullopt, 4.5});
  CHECK(no_median["value"].is_null());
  CHECK(no_median["previous"] == 4.5);
  CHECK(no_median["change"].is_null());
  CHECK(no_median["change_percent"].is_null());
  CHECK(views::kpi_record({"closed", "", 1.0, 2.0})["change_percent"] == -50.0);
}

TEST_CASE("kpi_record: the change of two percentages reads as they do, not as a float's leftovers") {
  Record share = views::kpi_record({"assessed_by_deadline_percent", "Доля", 80.4, 81.3});
  CHECK(share.dump().find("\"change\":-0.9,") != std::string::npos);
  CHECK(views::kpi_record({"median_days_to_assessment", "Медиана", 2.5, 4.0})["change"] == -1.5);
}
