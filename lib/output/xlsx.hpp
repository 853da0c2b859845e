// An Excel workbook (-o xlsx) of one sheet, for people: the columns and headers of the table,
// typed cells, fitted column widths, a frozen header row with an autofilter. Written with
// libxlsxwriter, whose header stays inside xlsx.cpp.
//
// Cells, from a record's value:
//   null                         an empty cell
//   a number                     a number
//   "YYYY-MM-DD" (a real date)   an Excel date, shown as yyyy-mm-dd
//   "YYYY-MM-DDTHH:MM:SSZ"       an Excel date-time in local time, shown as yyyy-mm-dd hh:mm: the
//                                moment the table shows (shown_to_people)
//   anything else                text, always (never a formula: "=1+1" and "+7 701..." stay text),
//                                as the table shows it (cell_text, control characters as spaces)
//
// libxlsxwriter writes to a file, so the workbook is built in a private temporary file (0600, in
// TMPDIR or /tmp) and copied to the output when finished; the file is removed on every path, and
// nothing reaches the output unless the whole workbook was written. Rows go to disk as they come
// (libxlsxwriter's constant_memory mode, which needs rows in order, as they are), so a long
// listing keeps memory flat.
#pragma once

#include "output/records.hpp"
#include "util/status.hpp"

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace casectl::output {

class XlsxSheet {
 public:
  // Starts a workbook whose first row holds `headers` when `with_headers` (frozen, with an
  // autofilter). Fails with Status::internal when the temporary file cannot be made.
  static Result<std::unique_ptr<XlsxSheet>> start(const std::vector<std::string>& headers, bool with_headers);
  ~XlsxSheet(); // abandons an unfinished workbook and removes its temporary file
  XlsxSheet(const XlsxSheet&) = delete;
  XlsxSheet& operator=(const XlsxSheet&) = delete;

  // Adds the next row, one value per header. Fails with Status::invalid when the rows no
  // longer fit in a sheet or a text is longer than a cell holds (32,767 characters), naming the
  // row and column; Status::internal for other libxlsxwriter errors.
  Status add_row(const std::vector<Record>& cells);

  // Closes the workbook and copies its bytes to `out`. A reader that went away gives
  // Status::broken_pipe; other failures Status::internal.
  Status finish(std::FILE* out);

  struct Parts; // libxlsxwriter's objects and the column widths

 private:
  explicit XlsxSheet(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> m_parts;
};

} // namespace casectl::output
