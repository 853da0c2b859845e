#include "cases/effective_dates.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace casectl::effective_dates {

namespace {

Result<date::Date> parsed(std::string_view field, const std::string& given, date::Date today) {
  Result<date::Date> d = date::parse_typed_date(text::trim(given), today);
  if (!d) return Status::invalid(fmt::format("{}: {}", field, d.status().message()));
  return *d;
}

} // namespace

Result<CaseDates> case_dates(const std::string& opened, date::Date today) {
  Result<date::Date> d = date::parse_date(opened);
  if (!d) return Status::internal(trf("the stored opening date '{}' is not a date; run 'casectl check'", opened));
  return CaseDates{today, *d};
}

Result<date::Date> happened_on(std::string_view field, const std::optional<std::string>& given, const CaseDates& dates) {
  if (!given) return dates.today;
  Result<date::Date> d = parsed(field, *given, dates.today);
  if (!d) return d;
  if (*d > dates.today)
    return Status::invalid(
        trf("{}: {} is in the future (today is {})", field, date::format_date(*d), date::format_date(dates.today)));
  if (*d < dates.opened)
    return Status::invalid(
        trf("{}: {} is before the case was opened on {}", field, date::format_date(*d), date::format_date(dates.opened)));
  return *d;
}

Result<date::Date> happened_before_opening(std::string_view field, const std::string& given, const CaseDates& dates) {
  Result<date::Date> d = parsed(field, given, dates.today);
  if (!d) return d;
  if (*d >= dates.opened)
    return Status::invalid(trf("{}: {} is not before the case was opened on {}; an event of the case's own time "
                               "is recorded without --before-opening",
                               field, date::format_date(*d), date::format_date(dates.opened)));
  return *d;
}

Result<date::Date> planned_from(std::string_view field, const std::optional<std::string>& given, const CaseDates& dates) {
  if (!given) return std::max(dates.today, dates.opened);
  Result<date::Date> d = parsed(field, *given, dates.today);
  if (!d) return d;
  if (*d < dates.opened)
    return Status::invalid(
        trf("{}: {} is before the case was opened on {}", field, date::format_date(*d), date::format_date(dates.opened)));
  return *d;
}

bool sets_next_review(date::Date on, const std::optional<date::Date>& latest_review) {
  return !latest_review || on >= *latest_review;
}

} // namespace casectl::effective_dates
