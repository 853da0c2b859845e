// Dates, timestamps and durations (lib/util/date) on any text.
// Invariants: what parses formats back to a text that parses to the same value; a date formats
// as YYYY-MM-DD; a failure has a message.
#include "fuzz_check.hpp"

#include "util/date.hpp"

using namespace casectl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = input_text(data, size);

  Result<date::Date> day = date::parse_date(text);
  if (day) {
    std::string iso = date::format_date(*day);
    FUZZ_CHECK(iso.size() == 10 && iso[4] == '-' && iso[7] == '-', "a date did not format as YYYY-MM-DD");
    Result<date::Date> again = date::parse_date(iso);
    FUZZ_CHECK(again && *again == *day, "a parsed date did not reparse to the same day");
    FUZZ_CHECK(date::day_of(date::start_of(*day)) == *day, "start_of and day_of disagree");
  } else {
    FUZZ_CHECK(!day.status().message().empty(), "a date failure without a message");
  }

  // Typed dates, relative ones too: always a day of the years dates may have, which reads back.
  Result<date::Date> typed = date::parse_typed_date(text, date::Date{std::chrono::year{2026} / 11 / 20});
  if (typed) {
    int y = date::year_of(*typed);
    FUZZ_CHECK(y >= 1900 && y <= 2999, "a typed date outside the years 1900 to 2999");
    Result<date::Date> again = date::parse_date(date::format_date(*typed));
    FUZZ_CHECK(again && *again == *typed, "a typed date did not reparse to the same day");
  } else {
    FUZZ_CHECK(!typed.status().message().empty(), "a typed date failure without a message");
  }

  Result<date::Timestamp> moment = date::parse_timestamp(text);
  if (moment) {
    Result<date::Timestamp> again = date::parse_timestamp(date::format_timestamp(*moment));
    FUZZ_CHECK(again && *again == *moment, "a parsed timestamp did not reparse to the same moment");
  }

  Result<std::chrono::seconds> duration = date::parse_duration(text);
  if (duration) {
    FUZZ_CHECK(duration->count() > 0, "a duration that is not positive");
    Result<std::chrono::seconds> again = date::parse_duration(date::format_duration(*duration));
    FUZZ_CHECK(again && *again == *duration, "a parsed duration did not reparse to the same length");
  }
  return 0;
}
