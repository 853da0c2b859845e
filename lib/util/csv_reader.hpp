// Reading CSV as people really produce it. Domain-free.
//
// RFC 4180 quoting (delimiters, quotes and new lines inside quoted fields, "" for a quote),
// CRLF or LF line ends, a UTF-8 byte order mark, a missing final new line, and the delimiter
// found from the header line (the first line that is not blank): ';' (what a spreadsheet in a Russian locale writes), ',' or tab.
// Blank lines are skipped. A quote inside an unquoted field is kept as text.
// Reads one record at a time from a stream: memory does not grow with the file, and a field or a
// record longer than its limit is refused as soon as the limit is passed (an endless line such as
// /dev/zero stops there, it is not read whole first). A NUL byte is refused: this is not text.
// A stream that fails to read (its buffer throws, as std::filebuf does on EIO) is an error, never
// taken for the end of the input.
#pragma once

#include "util/messages.hpp"
#include "util/status.hpp"

#include <istream>
#include <string>
#include <vector>

namespace casectl::csv {

// How much one record may hold, in bytes.
struct Limits {
  std::size_t max_field_bytes = std::size_t{1} << 20;  // one field: 1 MiB
  std::size_t max_record_bytes = std::size_t{8} << 20; // one record, delimiters and quotes included: 8 MiB
  // Names of the limits for messages (e.g. the settings that raise them): "(the limit NAME)".
  std::string field_limit_name;
  std::string record_limit_name;
  std::string about_field() const { return field_limit_name.empty() ? "" : trf(" (the limit {})", field_limit_name); }
  std::string about_record() const { return record_limit_name.empty() ? "" : trf(" (the limit {})", record_limit_name); }
};

class Reader {
 public:
  // `delimiter` 0 means: find it from the first line.
  explicit Reader(std::istream& in, char delimiter = 0, Limits limits = {});

  // Reads the next record into `fields`. Returns false at the end of input. Fails with
  // Status::invalid ("line 7: ...") on a quoted field that is never closed, text after a
  // closing quote, a NUL byte, or a field or record longer than its limit; with
  // Status::unreadable ("line 7: cannot read on: ...") when the stream fails. After a failure
  // the reader must not be used again.
  Result<bool> next(std::vector<std::string>& fields);

  // The line on which the last record read starts (1 for the first line of the file).
  std::size_t line() const { return m_record_line; }
  char delimiter() const { return m_delimiter; }

 private:
  Result<bool> read_record(std::vector<std::string>& fields);
  int get();
  int peek();
  void detect_delimiter();
  std::istream& m_in;
  std::string m_first_line; // the first line, read ahead to find the delimiter
  std::size_t m_first_pos = 0;
  char m_delimiter;
  std::size_t m_line = 1;
  std::size_t m_record_line = 0;
  bool m_started = false;
  Limits m_limits;
  std::size_t m_record_bytes = 0; // bytes taken by the record being read
  std::string m_read_error;       // why the stream failed; "" while it has not
};

} // namespace casectl::csv
