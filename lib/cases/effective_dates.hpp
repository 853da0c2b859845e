// The date rule of the case record, in one place. Every command that records something that
// happened in a case (assess, review, plan, close, reopen) checks its dates here:
//
//  - The effective date of a fact (an assessment and its home visit, a review, a service
//    delivered, an event, a plan's approval meeting, a closing, a reopening) is never in the
//    future (after the local `today`) and never before the case was opened.
//  - An event that happened before the signal (the family's history) is recorded as such: its date
//    is before the opening, and it is marked `before_opening`.
//  - A planned date (a plan's start, a task's due date, the next review) lies ahead by nature and
//    may be in the future; a plan's start is not before the opening either.
//  - Of the reviews, the one with the latest effective date sets the case's next review: a
//    back-dated review is recorded but does not move a later review's next date.
//
// A refused date is Status::invalid with one line "FIELD: DATE is ... (the case was opened on
// OPENED)", FIELD being the option's name (on, date, visit, start, meeting): callers gather such
// lines with the other problems of a request. The dates are the local days of util/date.
#pragma once

#include "util/date.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace casectl::effective_dates {

// What a case's dates are checked against.
struct CaseDates {
  date::Date today;  // the command's local day (Clock::today)
  date::Date opened; // the day the case was opened
};

// The case's dates from its stored opening ("YYYY-MM-DD"). A stored date that does not parse is
// Status::internal: the store is unsound.
Result<CaseDates> case_dates(const std::string& opened, date::Date today);

// The date a fact happened: `given` (any form date::parse_typed_date reads, "yesterday" and "-3d"
// counted from dates.today), or today when nullopt.
// Not a date, in the future, or before the opening: Status::invalid naming `field`.
Result<date::Date> happened_on(std::string_view field, const std::optional<std::string>& given, const CaseDates& dates);

// The date of an event from before the case was opened (history): `given` must be a date before
// the opening (and so not in the future). Otherwise Status::invalid naming `field`.
Result<date::Date> happened_before_opening(std::string_view field, const std::string& given, const CaseDates& dates);

// A date work is planned from (a plan's start): `given`, or today when nullopt; may be in the
// future, not before the opening. Otherwise Status::invalid naming `field`.
Result<date::Date> planned_from(std::string_view field, const std::optional<std::string>& given, const CaseDates& dates);

// Whether a review dated `on` sets the case's next review, given the latest date of the reviews
// already recorded (nullopt when none): it does unless an earlier-recorded review is dated later.
// Two reviews of the same day: the one recorded last sets it.
bool sets_next_review(date::Date on, const std::optional<date::Date>& latest_review);

} // namespace casectl::effective_dates
