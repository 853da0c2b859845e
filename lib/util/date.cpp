#include "util/date.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <ctime>
#include <regex>
#include <sys/stat.h>

namespace casectl::date {

using namespace std::chrono;

namespace {

// Reads exactly `digits` decimal digits from `text` at `pos`.
bool read_number(std::string_view text, std::size_t pos, std::size_t digits, int& out) {
  if (pos + digits > text.size()) return false;
  for (std::size_t i = pos; i < pos + digits; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  std::from_chars(text.data() + pos, text.data() + pos + digits, out);
  return true;
}

Result<Date> make_date(int y, int m, int d, std::string_view text) {
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900 || y > 2999) return Status::invalid(trf("'{}' is not a real date", text));
  return Date{ymd};
}

} // namespace

namespace {

// Reads "D<sep>M<sep>YYYY" with one or two digits for the day and the month.
bool read_day_first(std::string_view text, char separator, int& y, int& m, int& d) {
  std::size_t first = text.find(separator);
  std::size_t second = first == std::string_view::npos ? first : text.find(separator, first + 1);
  if (second == std::string_view::npos || first < 1 || first > 2 || second - first - 1 < 1 || second - first - 1 > 2 ||
      text.size() - second - 1 != 4)
    return false;
  return read_number(text, 0, first, d) && read_number(text, first + 1, second - first - 1, m) &&
         read_number(text, second + 1, 4, y);
}

// Whether `text` is written as a date (YYYY-MM-DD, D.M.YYYY, D/M/YYYY), whatever its numbers: one
// that is gets parse_date's own answer ("not a real date" for 2026-02-30).
bool has_date_shape(std::string_view text) {
  int y = 0, m = 0, d = 0;
  return (text.size() == 10 && text[4] == '-' && text[7] == '-' && read_number(text, 0, 4, y) && read_number(text, 5, 2, m) &&
          read_number(text, 8, 2, d)) ||
         read_day_first(text, '.', y, m, d) || read_day_first(text, '/', y, m, d);
}

// Adds `months` calendar months, staying on the month's last day when the day is past it.
Date add_months(Date from, long long months) {
  year_month_day ymd{from};
  long long index = static_cast<int>(ymd.year()) * 12LL + static_cast<unsigned>(ymd.month()) - 1 + months;
  // Past the years a chrono::year holds: year 0, which the caller's range check refuses all the same.
  if (index < 0 || index > 9999 * 12) index = 0;
  year_month target{year{static_cast<int>(index / 12)}, month{static_cast<unsigned>(index % 12 + 1)}};
  day last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
  return Date{year_month_day{target.year(), target.month(), std::min(ymd.day(), last)}};
}

// "-7d", "+2w", "-1m", "+1y": nullopt when `text` is not an offset (a sign, digits, a unit).
std::optional<Date> offset_from(std::string_view text, Date today) {
  if (text.size() < 3 || (text.front() != '+' && text.front() != '-') ||
      !std::isdigit(static_cast<unsigned char>(text[1]))) // "--7d": from_chars would read "-7"
    return std::nullopt;
  long long n = 0;
  const char* digits_end = text.data() + text.size() - 1;
  auto [end, ec] = std::from_chars(text.data() + 1, digits_end, n);
  if (ec != std::errc() || end != digits_end || n > 100000) return std::nullopt;
  if (text.front() == '-') n = -n;
  switch (text.back()) {
  case 'd': return today + days{n};
  case 'w': return today + weeks{n};
  case 'm': return add_months(today, n);
  case 'y': return add_months(today, n * 12);
  default: return std::nullopt;
  }
}

// "today", "yesterday", "tomorrow", in English or Russian, any case.
std::optional<Date> named_day(std::string_view text, Date today) {
  std::string word = text::casefold(text);
  if (word == "today" || word == "сегодня") return today;
  if (word == "yesterday" || word == "вчера") return today - days{1};
  if (word == "tomorrow" || word == "завтра") return today + days{1};
  return std::nullopt;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

} // namespace

Result<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-' && read_number(text, 0, 4, y) && read_number(text, 5, 2, m) &&
      read_number(text, 8, 2, d))
    return make_date(y, m, d, text);
  if (read_day_first(text, '.', y, m, d) || read_day_first(text, '/', y, m, d)) return make_date(y, m, d, text);
  return Status::invalid(trf("'{}' is not a date; write {}", text, accepted_date_forms(DateForms::absolute)));
}

Result<Date> parse_typed_date(std::string_view text, Date today, DateForms forms) {
  std::string_view t = trimmed(text);
  if (forms == DateForms::relative_too) {
    if (std::optional<Date> d = named_day(t, today)) return *d;
    if (std::optional<Date> d = offset_from(t, today)) {
      int y = year_of(*d);
      if (y < 1900 || y > 2999)
        return Status::invalid(trf("'{}' is {}, not a real date (years 1900 to 2999)", t, format_date(*d)));
      return *d;
    }
  }
  Result<Date> d = parse_date(t);
  if (d || has_date_shape(t)) return d;
  bool looks_relative = named_day(t, today) || offset_from(t, today);
  if (looks_relative)
    return Status::invalid(trf("'{}' is a date relative to today, which is not taken here; write the date in full: {}", t,
                               accepted_date_forms(DateForms::absolute)));
  return Status::invalid(trf("'{}' is not a date; write {}", t, accepted_date_forms(forms)));
}

std::string accepted_date_forms(DateForms forms) {
  std::string absolute = "YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY) or DD/MM/YYYY";
  if (forms == DateForms::absolute) return absolute;
  return "YYYY-MM-DD, DD.MM.YYYY (or D.M.YYYY), DD/MM/YYYY, today, yesterday, tomorrow, or days, weeks, months or years "
         "from today: -7d, +2w, -1m, +1y";
}

std::optional<int> age_on(std::string_view birth_date, std::string_view on) {
  auto year_of = [](std::string_view d) -> std::optional<int> {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return std::nullopt;
    int year = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      if (d[i] < '0' || d[i] > '9') return std::nullopt;
      year = year * 10 + (d[i] - '0');
    }
    return year;
  };
  std::optional<int> born = year_of(birth_date), now = year_of(on);
  if (!born || !now || on < birth_date) return std::nullopt;
  return *now - *born - (on.substr(4) < birth_date.substr(4) ? 1 : 0);
}

std::string minors_cutoff(std::string_view on) {
  int year = 0;
  for (std::size_t i = 0; i < 4 && i < on.size(); ++i) year = year * 10 + (on[i] - '0');
  return fmt::format("{:04}", year - 18) + std::string(on.substr(4));
}

std::string format_date(Date d) {
  year_month_day ymd{d};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

std::string format_timestamp(Timestamp t) {
  Date d = floor<days>(t);
  hh_mm_ss<seconds> time{t - d};
  return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(d), time.hours().count(), time.minutes().count(),
                     time.seconds().count());
}

Result<Timestamp> parse_timestamp(std::string_view text) {
  // Second 60 is refused: format_timestamp never writes one (sys_seconds has no leap seconds), and
  // it would be read as the next minute, "2999-12-31T23:59:60Z" as year 3000, which no date reads.
  int hh = 0, mm = 0, ss = 0;
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z' ||
      !read_number(text, 11, 2, hh) || !read_number(text, 14, 2, mm) || !read_number(text, 17, 2, ss) || hh > 23 || mm > 59 ||
      ss > 59)
    return Status::invalid(trf("'{}' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)", text));
  Result<Date> d = parse_date(text.substr(0, 10));
  if (!d) return d.status();
  return Timestamp{*d + hours{hh} + minutes{mm} + seconds{ss}};
}

Timestamp now_utc() { return floor<seconds>(system_clock::now()); }

Date day_of(Timestamp t) { return floor<days>(t); }

Timestamp start_of(Date d) { return Timestamp{d}; }

namespace {

// A tzdata name: a regular file under TZDIR (or /usr/share/zoneinfo), reached without "..".
bool is_tzdata_name(std::string_view zone) {
  std::string name{zone};
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
  const char* dir = std::getenv("TZDIR");
  std::string path = std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + name;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// A POSIX TZ string: std offset [dst [offset] [,start[/time],end[/time]]].
bool is_posix_tz(std::string_view zone) {
  static const std::regex rule(R"(^([A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)[+-]?[0-9]{1,2}(:[0-9]{2}(:[0-9]{2})?)?)"
                               R"((([A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)([+-]?[0-9]{1,2}(:[0-9]{2}(:[0-9]{2})?)?)?)"
                               R"((,[A-Za-z0-9.+/:-]+,[A-Za-z0-9.+/:-]+)?)?$)");
  return std::regex_match(std::string(zone), rule);
}

} // namespace

Status check_time_zone(std::string_view zone) {
  if (is_posix_tz(zone) || is_tzdata_name(zone)) return Status::ok();
  return Status::invalid(trf("'{}' is not a time zone; give a tzdata name (Asia/Almaty) or a POSIX TZ string "
                             "(UTC-5 for five hours east of UTC)",
                             zone));
}

void use_time_zone(const std::string& zone) {
  ::setenv("TZ", zone.c_str(), 1);
  ::tzset();
}

Date local_day(Timestamp t) {
  std::time_t seconds = system_clock::to_time_t(t);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  return Date{year{local.tm_year + 1900} / month{static_cast<unsigned>(local.tm_mon + 1)} /
              day{static_cast<unsigned>(local.tm_mday)}};
}

Timestamp local_start_of(Date d) {
  year_month_day ymd{d};
  std::tm local{};
  local.tm_year = static_cast<int>(ymd.year()) - 1900;
  local.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  local.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  local.tm_isdst = -1; // let the zone's rules say
  std::time_t seconds = ::mktime(&local);
  if (seconds == static_cast<std::time_t>(-1)) return start_of(d);
  return Timestamp{std::chrono::seconds{seconds}};
}

std::string format_local(Timestamp t) {
  std::time_t seconds = system_clock::to_time_t(t);
  std::tm local{};
  ::localtime_r(&seconds, &local);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour,
                     local.tm_min);
}

int year_of(Date d) { return static_cast<int>(year_month_day{d}.year()); }

Result<seconds> parse_duration(std::string_view text) {
  auto bad = [&] { return Status::invalid(trf("'{}' is not a duration; write a number and h, d or w, like 24h, 3d, 2w", text)); };
  if (text.size() < 2) return bad();
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, n);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || n <= 0 || n > 100000) return bad();
  switch (text.back()) {
  case 'h': return seconds{hours{n}};
  case 'd': return seconds{days{n}};
  case 'w': return seconds{weeks{n}};
  default: return bad();
  }
}

std::string format_duration(seconds d) {
  long long s = d.count();
  if (s % (7 * 86400) == 0) return fmt::format("{}w", s / (7 * 86400));
  if (s % 86400 == 0) return fmt::format("{}d", s / 86400);
  return fmt::format("{}h", s / 3600);
}

} // namespace casectl::date
