// The intake record readers (lib/cases/intake_records) on any bytes: each input is read both as
// CSV and as NDJSON, as `intake --from FILE` would.
// Invariants: records are numbered 1, 2, 3...; their lines never go backwards; a CSV record keeps
// its cells and an NDJSON record its line; a failure has a message.
#include "fuzz_check.hpp"

#include "cases/intake_records.hpp"

#include <sstream>

namespace {

void read_all(casectl::InputFormat format, const std::string& text) {
  std::istringstream in(text);
  std::unique_ptr<casectl::IntakeRecordReader> reader = casectl::make_record_reader(format, in);
  casectl::IntakeRecord record;
  std::size_t count = 0, last_line = 0;
  for (;;) {
    casectl::Result<bool> more = reader->next(record);
    if (!more) {
      FUZZ_CHECK(!more.status().message().empty(), "a failure without a message");
      return;
    }
    if (!*more) return;
    FUZZ_CHECK(record.number == ++count, "records are not numbered in order");
    FUZZ_CHECK(record.line >= 1 && record.line >= last_line, "a record's line went backwards");
    last_line = record.line;
    if (format == casectl::InputFormat::csv) FUZZ_CHECK(!record.csv_fields.empty(), "a CSV record without cells");
    else FUZZ_CHECK(!record.json_line.empty(), "an NDJSON record without its line");
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = input_text(data, size);
  read_all(casectl::InputFormat::csv, text);
  read_all(casectl::InputFormat::ndjson, text);
  return 0;
}
