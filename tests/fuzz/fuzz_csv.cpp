// The CSV reader (lib/util/csv_reader) on any bytes, with the delimiter found from the header.
// Invariants: every record has at least one field; records start on lines that only grow; the
// fields hold no more bytes than the input (the reader never invents text).
#include "fuzz_check.hpp"

#include "util/csv_reader.hpp"

#include <sstream>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(input_text(data, size));
  casectl::csv::Reader reader(in);
  std::vector<std::string> fields;
  std::size_t last_line = 0, bytes = 0;
  for (;;) {
    casectl::Result<bool> more = reader.next(fields);
    if (!more) {
      FUZZ_CHECK(!more.status().message().empty(), "a failure without a message");
      break;
    }
    if (!*more) break;
    FUZZ_CHECK(!fields.empty(), "a record without fields");
    FUZZ_CHECK(reader.line() >= 1 && reader.line() >= last_line, "a record's line went backwards");
    last_line = reader.line();
    for (const std::string& field : fields) bytes += field.size();
    FUZZ_CHECK(bytes <= size, "the fields hold more bytes than the input");
  }
  return 0;
}
