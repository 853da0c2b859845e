// Reading CSV as people really produce it. Domain-free.
//
// RFC 4180 quoting (delimiters, quotes and new lines inside quoted fields, "" for a quote),
// CRLF or LF line ends, a UTF-8 byte order mark, a missing final new line, and the delimiter
// found from the header line (the first line that is not blank): ';' (what a spreadsheet in a Russian locale writes), ',' or tab.
// Blank lines are skipped. A quote inside an unquoted field is kept as text.
// Reads one record at a time from a stream: memory does not grow with the file.
#pragma once

#include "util/status.hpp"

#include <istream>
#include <string>
#include <vector>

namespace casectl::csv {

class Reader {
public:
  // `delimiter` 0 means: find it from the first line.
  explicit Reader(std::istream& in, char delimiter = 0);

  // Reads the next record into `fields`. Returns false at the end of input. Fails with
  // Status::invalid ("line 7: ...") on a quoted field that is never closed or text after a
  // closing quote.
  Result<bool> next(std::vector<std::string>& fields);

  // The line on which the last record read starts (1 for the first line of the file).
  std::size_t line() const { return m_record_line; }
  char delimiter() const { return m_delimiter; }

private:
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
};

} // namespace casectl::csv
