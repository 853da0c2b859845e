// Writing CSV and TSV cells. Domain-free.
#pragma once

#include <string>
#include <string_view>

namespace casectl::csv {

// One CSV cell per RFC 4180: quoted when it holds the `delimiter` (',', ';' or tab), a quote, CR
// or LF, quotes doubled. With `guard_formulas`, a cell a spreadsheet would run as a formula
// (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe, as OWASP advises, so it
// shows as text.
std::string cell(std::string_view value, bool guard_formulas, char delimiter = ',');

// The UTF-8 byte order mark: at the start of a CSV file, it tells a spreadsheet (Excel in a
// Russian locale reads CP1251 otherwise) that the text is UTF-8.
inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// One TSV cell: tab, CR, LF and backslash are written as \t, \r, \n and \\ so that every
// record stays on one line and splits on tabs (the convention of PostgreSQL COPY and sqlite-utils).
std::string tsv_cell(std::string_view value);

} // namespace casectl::csv
