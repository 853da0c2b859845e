// Calendar dates, UTC timestamps and durations. Domain-free.
#pragma once

#include "util/status.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace casectl::date {

using Date = std::chrono::sys_days;
using Timestamp = std::chrono::sys_seconds;

// Parses "YYYY-MM-DD" (ISO 8601) or "DD.MM.YYYY" (as typed in Russia and Kazakhstan).
// Fails with Status::invalid when the text is neither or names no real day (2026-02-30).
// The message names what was expected, not the field: callers add the field.
Result<Date> parse_date(std::string_view text);

// "YYYY-MM-DD".
std::string format_date(Date d);

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
