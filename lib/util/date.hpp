// Calendar dates, UTC timestamps and durations. Domain-free.
#pragma once

#include "util/status.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace casectl::date {

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_seconds;

// Parses a date written in full: "YYYY-MM-DD" (ISO 8601), "D.M.YYYY" or "DD.MM.YYYY" (as typed in
// Russia and Kazakhstan), "D/M/YYYY" or "DD/MM/YYYY" (day first, as there too). Fails with
// Status::invalid when the text is none of these or names no real day (2026-02-30, 31.04.2026).
// The message names what was expected, not the field: callers add the field.
Result<Date> parse_date(std::string_view text);

// Which forms a typed date may take.
enum class DateForms {
  absolute,    // written in full only (parse_date): a birth date, --today itself
  relative_too // also today, yesterday, tomorrow and ±N with d, w, m or y
};

// Parses a date as a person types it on the command line or in a request: every form parse_date
// reads and, with DateForms::relative_too, words and offsets counted from `today` (the business
// day, Clock::today): "today", "yesterday", "tomorrow" (also сегодня, вчера, завтра), and a sign,
// a whole number and a unit: "-7d" (days), "+2w" (weeks), "-1m" (calendar months), "+1y" (years).
// A month or year step that lands past the end of a month stays on its last day: 31 January
// +1m is 28 (or 29) February, 29 February 2028 +1y is 28 February 2029. White space around is
// ignored. Fails with Status::invalid saying which forms are accepted (accepted_date_forms);
// callers put the option or field before the message.
Result<Date> parse_typed_date(std::string_view text, Date today, DateForms forms = DateForms::relative_too);

// The forms parse_typed_date accepts, for messages and help: "YYYY-MM-DD, DD.MM.YYYY, ...".
std::string accepted_date_forms(DateForms forms);

// "YYYY-MM-DD".
std::string format_date(Date d);

// The age in whole years on `on` of one born on `birth_date` (both YYYY-MM-DD), compared as text:
// one born on 29 February turns a year older on 1 March of a common year. nullopt when either is
// not YYYY-MM-DD or `on` is before the birth.
std::optional<int> age_on(std::string_view birth_date, std::string_view on);

// The day (as text, YYYY-MM-DD, possibly a 29 February of a common year) after which one must be
// born to be under 18 on `on` by age_on's rule: a birth date compares greater than it as text.
// "2026-12-03" -> "2008-12-03".
std::string minors_cutoff(std::string_view on);

// "YYYY-MM-DDTHH:MM:SSZ".
std::string format_timestamp(Timestamp t);

// Parses a timestamp written by format_timestamp. Fails with Status::invalid otherwise, also for a
// leap second (:60), which format_timestamp never writes.
Result<Timestamp> parse_timestamp(std::string_view text);

// The current UTC time, to the second.
Timestamp now_utc();

// The UTC calendar day of `t`.
Date day_of(Timestamp t);

// The first second of day `d`, UTC.
Timestamp start_of(Date d);

// Local time. Dates a person means ("today", the day of a change) are local days; moments are kept
// in UTC and only shown in local time. The zone is the process's: the one use_time_zone() set, else
// TZ, else the system's (/etc/localtime).

// Checks that `zone` names a time zone: a tzdata name ("Asia/Almaty": a file under $TZDIR or
// /usr/share/zoneinfo) or a POSIX TZ string ("UTC-5", "<+05>-5", "EST5EDT,M3.2.0,M11.1.0"; the
// sign is POSIX's: UTC-5 is five hours east of Greenwich). Status::invalid otherwise, saying what
// is accepted. The empty text is not a zone.
Status check_time_zone(std::string_view zone);

// Makes `zone` the process's local time zone (sets TZ and calls tzset). Call it once at start-up,
// before any local time is read; not thread-safe. `zone` should have passed check_time_zone.
void use_time_zone(const std::string& zone);

// The local calendar day of `t`.
Date local_day(Timestamp t);

// The first second of day `d` in local time, as a UTC moment (00:00 in Almaty on 2 December is
// 2026-12-01T19:00:00Z).
Timestamp local_start_of(Date d);

// `t` in local time, as a person reads it: "YYYY-MM-DD HH:MM".
std::string format_local(Timestamp t);

// The calendar year of `d` (2026 for 2026-11-23).
int year_of(Date d);

// Parses a duration: a whole number followed by a unit, "h" (hours), "d" (days) or "w" (weeks):
// "24h", "3d", "2w". Fails with Status::invalid otherwise.
Result<std::chrono::seconds> parse_duration(std::string_view text);

// Formats a duration back to the shortest of "Nw", "Nd", "Nh".
std::string format_duration(std::chrono::seconds d);

// The business clock of one command: "today" for dates, "now" for deadlines and the journal.
// A fixed today (--today, CASECTL_TODAY) makes date-dependent results reproducible.
struct Clock {
  Date today;         // the date the command works on (the business day): the local day of `now`
  Timestamp now;      // the business moment: deadlines count from it; the (local) start of `today` when
                      // today is fixed, so that re-runs give the same deadlines
  Timestamp recorded; // the real moment, always the system clock, whatever --today says: what the
                      // journal records as the time of a change (an audit row is never back-dated).
                      // Only tests fix it (CASECTL_NOW, read by the CLI)
};

} // namespace casectl::date
