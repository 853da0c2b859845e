#include "util/date.hpp"

#include "time_zone.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

using namespace casectl;
using namespace std::chrono;
using casectl::testing::ZoneForTest;

namespace {

date::Date ymd(int y, unsigned m, unsigned d) { return date::Date{year{y} / month{m} / day{d}}; }

// Parses text that must be a date; fails the test otherwise.
std::string parsed(const std::string& text) {
  Result<date::Date> d = date::parse_date(text);
  REQUIRE_MESSAGE(d.is_ok(), d.status().message());
  return date::format_date(*d);
}

void check_invalid_date(const std::string& text, const std::string& message) {
  Result<date::Date> d = date::parse_date(text);
  REQUIRE_FALSE(d.is_ok());
  CHECK(d.status().kind() == ErrorKind::invalid_input);
  CHECK(d.status().message() == message);
}

void check_invalid_duration(const std::string& text) {
  Result<seconds> d = date::parse_duration(text);
  REQUIRE_FALSE(d.is_ok());
  CHECK(d.status().kind() == ErrorKind::invalid_input);
  CHECK(d.status().message() == "'" + text + "' is not a duration; write a number and h, d or w, like 24h, 3d, 2w");
}

} // namespace

TEST_CASE("parse_date reads ISO, DD.MM.YYYY, D.M.YYYY and DD/MM/YYYY") {
  CHECK(parsed("5.11.2026") == "2026-11-05");
  CHECK(parsed("5.1.2026") == "2026-01-05");
  CHECK(parsed("15.3.2026") == "2026-03-15");
  CHECK(parsed("05/11/2026") == "2026-11-05"); // day first, as in Russia and Kazakhstan
  CHECK(parsed("5/11/2026") == "2026-11-05");
  CHECK(parsed("2026-03-15") == "2026-03-15");
  CHECK(parsed("15.03.2026") == "2026-03-15");
  CHECK(parsed("05.06.2015") == "2015-06-05");
  CHECK(parsed("29.02.2024") == "2024-02-29"); // a leap day
  CHECK(parsed("2026-12-31") == "2026-12-31");
  CHECK(*date::parse_date("01.01.2026") == ymd(2026, 1, 1));
}

TEST_CASE("parse_date refuses what is not a real day") {
  SUBCASE("30 February") { check_invalid_date("2026-02-30", "'2026-02-30' is not a real date"); }
  SUBCASE("31 April, Russian order") { check_invalid_date("31.04.2026", "'31.04.2026' is not a real date"); }
  SUBCASE("29 February of a common year") { check_invalid_date("29.02.2026", "'29.02.2026' is not a real date"); }
  SUBCASE("month 13") { check_invalid_date("2026-13-01", "'2026-13-01' is not a real date"); }
  SUBCASE("day 0") { check_invalid_date("2026-01-00", "'2026-01-00' is not a real date"); }
}

TEST_CASE("parse_date refuses what is not a date at all") {
  const std::string hint = " is not a date; write YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY) or DD/MM/YYYY";
  SUBCASE("missing leading zeros") { check_invalid_date("2026-1-5", "'2026-1-5'" + hint); }
  SUBCASE("garbage") { check_invalid_date("garbage", "'garbage'" + hint); }
  SUBCASE("empty") { check_invalid_date("", "''" + hint); }
  SUBCASE("a two-digit year") { check_invalid_date("15.03.26", "'15.03.26'" + hint); }
  SUBCASE("three digits for the day") { check_invalid_date("015.03.2026", "'015.03.2026'" + hint); }
  SUBCASE("mixed separators") { check_invalid_date("15.03/2026", "'15.03/2026'" + hint); }
  SUBCASE("no day") { check_invalid_date(".03.2026", "'.03.2026'" + hint); }
  SUBCASE("a relative form, which parse_date alone does not read") { check_invalid_date("today", "'today'" + hint); }
  SUBCASE("letters in place of digits") { check_invalid_date("2026-0a-15", "'2026-0a-15'" + hint); }
  SUBCASE("trailing text") { check_invalid_date("2026-03-15x", "'2026-03-15x'" + hint); }
}

namespace {

// Parses text typed relative to Wednesday 2 December 2026; fails the test if it does not parse.
std::string typed(const std::string& text, date::Date today = ymd(2026, 12, 2)) {
  Result<date::Date> d = date::parse_typed_date(text, today);
  REQUIRE_MESSAGE(d.is_ok(), d.status().message());
  return date::format_date(*d);
}

std::string refused_typed(const std::string& text, date::DateForms forms = date::DateForms::relative_too) {
  Result<date::Date> d = date::parse_typed_date(text, ymd(2026, 12, 2), forms);
  REQUIRE_FALSE(d.is_ok());
  CHECK(d.status().kind() == ErrorKind::invalid_input);
  return d.status().message();
}

} // namespace

TEST_CASE("parse_typed_date reads every full form and words and offsets from today") {
  CHECK(typed("2026-11-05") == "2026-11-05");
  CHECK(typed("5.11.2026") == "2026-11-05");
  CHECK(typed("05/11/2026") == "2026-11-05");
  CHECK(typed(" 05.11.2026 ") == "2026-11-05");
  CHECK(typed("today") == "2026-12-02");
  CHECK(typed("Today") == "2026-12-02");
  CHECK(typed("yesterday") == "2026-12-01");
  CHECK(typed("tomorrow") == "2026-12-03");
  CHECK(typed("вчера") == "2026-12-01");
  CHECK(typed("Сегодня") == "2026-12-02");
  CHECK(typed("завтра") == "2026-12-03");
  CHECK(typed("-7d") == "2026-11-25");
  CHECK(typed("+0d") == "2026-12-02");
  CHECK(typed("+30d") == "2027-01-01"); // across a year
  CHECK(typed("+2w") == "2026-12-16");
  CHECK(typed("-1w") == "2026-11-25");
  CHECK(typed("-1m") == "2026-11-02");
  CHECK(typed("+1m") == "2027-01-02");
  CHECK(typed("-12m") == "2025-12-02");
  CHECK(typed("+1y") == "2027-12-02");
  CHECK(typed("-18y") == "2008-12-02");
}

TEST_CASE("parse_typed_date: months and years stay on the month's last day") {
  CHECK(typed("+1m", ymd(2026, 1, 31)) == "2026-02-28");
  CHECK(typed("+1m", ymd(2028, 1, 31)) == "2028-02-29"); // a leap year
  CHECK(typed("-1m", ymd(2026, 3, 31)) == "2026-02-28");
  CHECK(typed("-1m", ymd(2026, 5, 31)) == "2026-04-30");
  CHECK(typed("+2m", ymd(2026, 12, 31)) == "2027-02-28");
  CHECK(typed("-13m", ymd(2026, 1, 15)) == "2024-12-15");
  CHECK(typed("+1y", ymd(2028, 2, 29)) == "2029-02-28");
  CHECK(typed("-4y", ymd(2028, 2, 29)) == "2024-02-29");
  CHECK(typed("+1m", ymd(2026, 1, 15)) == "2026-02-15"); // a day that exists is kept
}

TEST_CASE("parse_typed_date refuses, naming the accepted forms") {
  const std::string all = "write YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY), DD/MM/YYYY, today, yesterday, tomorrow, or days, weeks, "
                          "months or years from today: -7d, +2w, -1m, +1y";
  CHECK(refused_typed("7d") == "'7d' is not a date; " + all); // an offset needs its sign
  CHECK(refused_typed("-7") == "'-7' is not a date; " + all);
  CHECK(refused_typed("-7x") == "'-7x' is not a date; " + all);
  CHECK(refused_typed("-d") == "'-d' is not a date; " + all);
  CHECK(refused_typed("--7d") == "'--7d' is not a date; " + all);
  CHECK(refused_typed("+1000000d") == "'+1000000d' is not a date; " + all);
  CHECK(refused_typed("someday") == "'someday' is not a date; " + all);
  CHECK(refused_typed("31.04.2026") == "'31.04.2026' is not a real date");
  SUBCASE("an offset that leaves the years dates may have") {
    CHECK(refused_typed("-2000y") == "'-2000y' is 0026-12-02, not a real date (years 1900 to 2999)");
  }
  SUBCASE("offsets past the years a calendar holds (found by reasoning about chrono::year's range)") {
    CHECK(refused_typed("+100000y").find("not a real date (years 1900 to 2999)") != std::string::npos);
    CHECK(refused_typed("+100000m").find("not a real date (years 1900 to 2999)") != std::string::npos);
    CHECK(refused_typed("-100000d").find("not a real date (years 1900 to 2999)") != std::string::npos);
  }
  SUBCASE("relative forms where only a full date makes sense") {
    const std::string full = "write the date in full: YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY) or DD/MM/YYYY";
    CHECK(refused_typed("yesterday", date::DateForms::absolute) ==
          "'yesterday' is a date relative to today, which is not taken here; " + full);
    CHECK(refused_typed("-30y", date::DateForms::absolute) ==
          "'-30y' is a date relative to today, which is not taken here; " + full);
    CHECK(refused_typed("soon", date::DateForms::absolute) ==
          "'soon' is not a date; write YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY) or DD/MM/YYYY");
    CHECK(*date::parse_typed_date("5.11.2015", ymd(2026, 12, 2), date::DateForms::absolute) == ymd(2015, 11, 5));
  }
}

TEST_CASE("timestamps format and parse back") {
  date::Timestamp t = date::start_of(ymd(2026, 3, 15)) + hours{13} + minutes{5} + seconds{9};
  CHECK(date::format_timestamp(t) == "2026-03-15T13:05:09Z");
  CHECK(date::format_timestamp(date::start_of(ymd(2026, 1, 1))) == "2026-01-01T00:00:00Z");
  Result<date::Timestamp> back = date::parse_timestamp("2026-03-15T13:05:09Z");
  REQUIRE(back.is_ok());
  CHECK(*back == t);
  CHECK(date::day_of(t) == ymd(2026, 3, 15));
  CHECK(date::year_of(ymd(2026, 11, 23)) == 2026);
  CHECK(date::format_date(date::day_of(date::now_utc())).size() == 10);

  SUBCASE("not in the written form") {
    Result<date::Timestamp> bad = date::parse_timestamp("2026-03-15 13:05:09");
    REQUIRE_FALSE(bad.is_ok());
    CHECK(bad.status().kind() == ErrorKind::invalid_input);
    CHECK(bad.status().message() == "'2026-03-15 13:05:09' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
  }
  SUBCASE("hour 24") {
    Result<date::Timestamp> bad = date::parse_timestamp("2026-03-15T24:00:00Z");
    REQUIRE_FALSE(bad.is_ok());
    CHECK(bad.status().message() == "'2026-03-15T24:00:00Z' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)");
  }
  SUBCASE("leap second at the end of year 2999 (read as year 3000, which did not read back)") {
    // Found by tests/fuzz/fuzz_date.cpp: every timestamp that parses must format and parse back.
    for (const char* leap : {"2999-12-31T23:59:60Z", "2026-11-17T23:59:60Z"}) {
      Result<date::Timestamp> bad = date::parse_timestamp(leap);
      REQUIRE_FALSE(bad.is_ok());
      CHECK(bad.status().message() == fmt::format("'{}' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)", leap));
    }
    CHECK(date::format_timestamp(*date::parse_timestamp("2999-12-31T23:59:59Z")) == "2999-12-31T23:59:59Z");
  }
  SUBCASE("no real day") {
    Result<date::Timestamp> bad = date::parse_timestamp("2026-02-30T10:00:00Z");
    REQUIRE_FALSE(bad.is_ok());
    CHECK(bad.status().kind() == ErrorKind::invalid_input);
    CHECK(bad.status().message() == "'2026-02-30' is not a real date");
  }
}

TEST_CASE("parse_duration reads hours, days and weeks") {
  CHECK(*date::parse_duration("24h") == hours{24});
  CHECK(*date::parse_duration("3d") == hours{72});
  CHECK(*date::parse_duration("2w") == hours{24 * 14});
  CHECK(*date::parse_duration("1h") == seconds{3600});

  SUBCASE("zero") { check_invalid_duration("0d"); }
  SUBCASE("unknown unit") { check_invalid_duration("3x"); }
  SUBCASE("unit without a number") { check_invalid_duration("d"); }
  SUBCASE("number without a unit") { check_invalid_duration("3"); }
  SUBCASE("empty") { check_invalid_duration(""); }
  SUBCASE("negative") { check_invalid_duration("-3d"); }
  SUBCASE("fraction") { check_invalid_duration("1.5d"); }
  SUBCASE("space inside") { check_invalid_duration("3 d"); }
}

TEST_CASE("format_duration writes the shortest unit and parses back") {
  CHECK(date::format_duration(hours{24}) == "1d");
  CHECK(date::format_duration(hours{72}) == "3d");
  CHECK(date::format_duration(hours{240}) == "10d");
  CHECK(date::format_duration(hours{24 * 14}) == "2w");
  CHECK(date::format_duration(hours{36}) == "36h");
  for (const char* text : {"24h", "3d", "2w", "36h", "10d"}) {
    CAPTURE(text);
    seconds d = *date::parse_duration(text);
    CHECK(*date::parse_duration(date::format_duration(d)) == d);
  }
}

namespace {

date::Timestamp moment(const std::string& text) {
  Result<date::Timestamp> t = date::parse_timestamp(text);
  REQUIRE_MESSAGE(t.is_ok(), t.status().message());
  return *t;
}

} // namespace

TEST_CASE("the local day: 20:30 UTC on 1 December is 2 December five hours east") {
  ZoneForTest zone("UTC-5");
  CHECK(date::local_day(moment("2026-12-01T20:30:00Z")) == ymd(2026, 12, 2));
  CHECK(date::local_day(moment("2026-12-01T18:59:59Z")) == ymd(2026, 12, 1));
  CHECK(date::format_local(moment("2026-12-01T20:30:00Z")) == "2026-12-02 01:30");
  CHECK(date::format_timestamp(date::local_start_of(ymd(2026, 12, 2))) == "2026-12-01T19:00:00Z");
}

TEST_CASE("the local day west of Greenwich, and UTC") {
  {
    ZoneForTest zone("<-03>3");
    CHECK(date::local_day(moment("2026-12-01T02:00:00Z")) == ymd(2026, 11, 30));
    CHECK(date::format_timestamp(date::local_start_of(ymd(2026, 12, 1))) == "2026-12-01T03:00:00Z");
  }
  ZoneForTest zone("UTC0");
  CHECK(date::local_day(moment("2026-12-01T23:59:59Z")) == ymd(2026, 12, 1));
  CHECK(date::format_local(moment("2026-12-01T23:59:59Z")) == "2026-12-01 23:59");
}

TEST_CASE("check_time_zone: POSIX TZ strings and tzdata names") {
  for (const char* zone : {"UTC-5", "UTC0", "<+05>-5", "<-03>3", "EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3"})
    CHECK_MESSAGE(date::check_time_zone(zone).is_ok(), zone);
  SUBCASE("not a zone") {
    for (const char* zone : {"", "Asai/Almaty", "UTC+", "5", "../../etc/passwd", "/etc/localtime", "Almaty time"}) {
      Status s = date::check_time_zone(zone);
      CHECK_MESSAGE(s.kind() == ErrorKind::invalid_input, zone);
    }
    CHECK(date::check_time_zone("Asai/Almaty").message() ==
          "'Asai/Almaty' is not a time zone; give a tzdata name (Asia/Almaty) or a POSIX TZ string (UTC-5 for five hours "
          "east of UTC)");
  }
  SUBCASE("a tzdata name, where tzdata is installed") {
    if (date::check_time_zone("Asia/Almaty").is_ok()) CHECK(date::check_time_zone("Europe/Moscow").is_ok());
  }
}
