#include "cases/effective_dates.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace casectl;
using namespace std::chrono;

namespace {

date::Date ymd(int y, unsigned m, unsigned d) { return date::Date{year{y} / month{m} / day{d}}; }

// Opened on 1 September, today 20 November.
const effective_dates::CaseDates k_dates{ymd(2026, 11, 20), ymd(2026, 9, 1)};

void refused(const Result<date::Date>& d, const std::string& message) {
  REQUIRE_FALSE(d.is_ok());
  CHECK(d.status().kind() == ErrorKind::invalid_input);
  CHECK(d.status().message() == message);
}

} // namespace

TEST_CASE("happened_on: not in the future, not before the opening") {
  CHECK(*effective_dates::happened_on("on", std::nullopt, k_dates) == ymd(2026, 11, 20));
  CHECK(*effective_dates::happened_on("on", std::string("2026-09-01"), k_dates) == ymd(2026, 9, 1));
  CHECK(*effective_dates::happened_on("on", std::string("20.11.2026"), k_dates) == ymd(2026, 11, 20));
  SUBCASE("an assessment before the case was opened (the KPI's negative days)") {
    refused(effective_dates::happened_on("date", std::string("2026-08-31"), k_dates),
            "date: 2026-08-31 is before the case was opened on 2026-09-01");
  }
  SUBCASE("in the future") {
    refused(effective_dates::happened_on("on", std::string("2026-11-21"), k_dates),
            "on: 2026-11-21 is in the future (today is 2026-11-20)");
  }
  SUBCASE("not a date") {
    refused(effective_dates::happened_on("visit", std::string("2026-02-30"), k_dates), "visit: '2026-02-30' is not a real date");
  }
}

TEST_CASE("happened_before_opening: history is before the opening") {
  CHECK(*effective_dates::happened_before_opening("on", "2026-08-20", k_dates) == ymd(2026, 8, 20));
  refused(effective_dates::happened_before_opening("on", "2026-09-01", k_dates),
          "on: 2026-09-01 is not before the case was opened on 2026-09-01; an event of the case's own time is recorded "
          "without --before-opening");
  refused(effective_dates::happened_before_opening("on", "давно", k_dates),
          "on: 'давно' is not a date; write YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY), DD/MM/YYYY, today, yesterday, tomorrow, "
          "or days, weeks, months or years from today: -7d, +2w, -1m, +1y");
  CHECK(*effective_dates::happened_before_opening("on", "-4m", k_dates) == ymd(2026, 7, 20)); // counted from today
}

TEST_CASE("happened_on and planned_from read the typed forms against the command's today") {
  CHECK(*effective_dates::happened_on("on", std::string("yesterday"), k_dates) == ymd(2026, 11, 19));
  CHECK(*effective_dates::happened_on("on", std::string("-1w"), k_dates) == ymd(2026, 11, 13));
  CHECK(*effective_dates::happened_on("on", std::string("1.10.2026"), k_dates) == ymd(2026, 10, 1));
  CHECK(*effective_dates::planned_from("start", std::string("+2w"), k_dates) == ymd(2026, 12, 4));
  refused(effective_dates::happened_on("on", std::string("tomorrow"), k_dates),
          "on: 2026-11-21 is in the future (today is 2026-11-20)");
}

TEST_CASE("planned_from: a plan may start in the future, not before the opening") {
  CHECK(*effective_dates::planned_from("start", std::nullopt, k_dates) == ymd(2026, 11, 20));
  CHECK(*effective_dates::planned_from("start", std::string("2027-01-10"), k_dates) == ymd(2027, 1, 10));
  refused(effective_dates::planned_from("start", std::string("2026-08-15"), k_dates),
          "start: 2026-08-15 is before the case was opened on 2026-09-01");
}

TEST_CASE("sets_next_review: the review with the latest date sets the next review") {
  CHECK(effective_dates::sets_next_review(ymd(2026, 11, 20), std::nullopt));
  CHECK(effective_dates::sets_next_review(ymd(2026, 11, 20), ymd(2026, 11, 20))); // the same day: the later recorded
  CHECK(effective_dates::sets_next_review(ymd(2026, 11, 21), ymd(2026, 11, 20)));
  CHECK_FALSE(effective_dates::sets_next_review(ymd(2026, 9, 15), ymd(2026, 11, 20))); // back-dated
}

TEST_CASE("case_dates: a stored opening that is not a date is the store's fault") {
  Result<effective_dates::CaseDates> d = effective_dates::case_dates("2026-13-01", ymd(2026, 11, 20));
  REQUIRE_FALSE(d.is_ok());
  CHECK(d.status().kind() == ErrorKind::internal);
  CHECK(effective_dates::case_dates("2026-09-01", ymd(2026, 11, 20))->opened == ymd(2026, 9, 1));
}
