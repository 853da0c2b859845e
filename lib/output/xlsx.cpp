#include "output/xlsx.hpp"

#include "output/render.hpp"
#include "util/date.hpp"
#include "util/messages.hpp"
#include "util/shared_library.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace casectl::output {

namespace {

// libxlsxwriter (with minizip, zlib and libcrypto) is opened for the first -o xlsx
// (util/shared_library.hpp says why); these are the functions this file calls.
// clang-format off
#define CASECTL_XLSX_FUNCTIONS(X)                                                                           \
  X(format_set_bold) X(format_set_num_format) X(lxw_strerror) X(lxw_workbook_free) X(workbook_add_format)   \
  X(workbook_add_worksheet) X(workbook_close) X(workbook_new_opt) X(worksheet_autofilter)                   \
  X(worksheet_freeze_panes) X(worksheet_set_column) X(worksheet_write_datetime) X(worksheet_write_number)   \
  X(worksheet_write_string)
// clang-format on
#define CASECTL_POINTER(name) decltype(&::name) name = nullptr;
CASECTL_XLSX_FUNCTIONS(CASECTL_POINTER)
#undef CASECTL_POINTER

Status load_xlsxwriter() {
#define CASECTL_SYMBOL(name) {#name, reinterpret_cast<void**>(&name)},
  static const Status loaded =
      shared_library::load({"libxlsxwriter.so.4", "libxlsxwriter4", "write -o xlsx"}, {CASECTL_XLSX_FUNCTIONS(CASECTL_SYMBOL)});
#undef CASECTL_SYMBOL
  return loaded;
}

// A column is as wide as its widest cell, up to this many characters (then Excel wraps nothing,
// it only cuts the view: the cell keeps all of its text).
constexpr std::size_t k_max_width = 60;
// Widths of the date and date-time cells as Excel shows them (yyyy-mm-dd, yyyy-mm-dd hh:mm).
constexpr std::size_t k_date_width = 10;
constexpr std::size_t k_moment_width = 16;

std::string temporary_dir() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

// An ISO date the way Excel can hold it (years 1900 to 9999); nothing for any other text.
std::optional<lxw_datetime> as_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !date::parse_date(text)) return std::nullopt;
  lxw_datetime when{};
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &when.year, &when.month, &when.day) != 3) return std::nullopt;
  if (when.year < 1900 || when.year > 9999) return std::nullopt;
  return when;
}

// A UTC moment as the table shows it, in local time (shown_to_people); nothing for other text.
std::optional<lxw_datetime> as_moment(const std::string& text) {
  std::string local = shown_to_people(text);
  if (local == text) return std::nullopt;
  lxw_datetime when{};
  if (std::sscanf(local.c_str(), "%4d-%2d-%2d %2d:%2d", &when.year, &when.month, &when.day, &when.hour, &when.min) != 5)
    return std::nullopt;
  if (when.year < 1900 || when.year > 9999) return std::nullopt;
  return when;
}

} // namespace

struct XlsxSheet::Parts {
  std::string path;   // the private temporary file the workbook is built in
  std::string tmpdir; // where libxlsxwriter keeps its own temporary files while it works
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* date = nullptr;
  lxw_format* moment = nullptr;
  std::vector<std::string> headers;
  std::vector<std::size_t> widths;
  bool with_headers = true;
  lxw_row_t next_row = 0;

  ~Parts() {
    if (workbook) lxw_workbook_free(workbook); // abandoned: nothing is written
    if (!path.empty()) ::unlink(path.c_str());
  }

  void widen(std::size_t column, std::size_t width) { widths[column] = std::max(widths[column], std::min(width, k_max_width)); }

  // What went wrong in a cell, in the user's words.
  Status cell_error(lxw_error error, std::size_t column) const {
    std::string where = fmt::format("row {}, column '{}'", next_row + 1, headers[column]);
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
      return Status::invalid(trf("-o xlsx: the text in {} is longer than an Excel cell holds (32,767 characters); "
                                 "use -o csv or -o json for this listing",
                                 where));
    return Status::internal(trf("-o xlsx: cannot write {}: {}", where, lxw_strerror(error)));
  }

  Status write(std::size_t column, const Record& value) {
    lxw_col_t col = static_cast<lxw_col_t>(column);
    lxw_error error = LXW_NO_ERROR;
    if (value.is_null()) return Status::ok();
    if (value.is_number()) {
      error = worksheet_write_number(sheet, next_row, col, value.get<double>(), nullptr);
      widen(column, cell_text(value).size());
    } else if (std::optional<lxw_datetime> day = value.is_string() ? as_date(value.get<std::string>()) : std::nullopt) {
      error = worksheet_write_datetime(sheet, next_row, col, &*day, date);
      widen(column, k_date_width);
    } else if (std::optional<lxw_datetime> at = value.is_string() ? as_moment(value.get<std::string>()) : std::nullopt) {
      error = worksheet_write_datetime(sheet, next_row, col, &*at, moment);
      widen(column, k_moment_width);
    } else {
      std::string text = printable(cell_text(value));
      if (text.empty()) return Status::ok();
      error = worksheet_write_string(sheet, next_row, col, text.c_str(), nullptr); // text, never a formula
      widen(column, text::display_width(text));
    }
    return error == LXW_NO_ERROR ? Status::ok() : cell_error(error, column);
  }
};

XlsxSheet::XlsxSheet(std::unique_ptr<Parts> parts) : m_parts(std::move(parts)) {}

XlsxSheet::~XlsxSheet() = default;

Result<std::unique_ptr<XlsxSheet>> XlsxSheet::start(const std::vector<std::string>& headers, bool with_headers) {
  CASECTL_TRY(load_xlsxwriter());
  auto parts = std::make_unique<Parts>();
  std::string dir = temporary_dir();
  std::string path = dir + "/casectl-XXXXXX.xlsx";
  int fd = ::mkstemps(path.data(), 5); // 0600: the workbook holds personal data
  if (fd < 0)
    return Status::internal(
        trf("-o xlsx: cannot make a temporary file in {} (set TMPDIR to another folder): {}", dir, std::strerror(errno)));
  ::close(fd);
  parts->path = path;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE; // rows go to disk as they come
  parts->tmpdir = dir;
  options.tmpdir = parts->tmpdir.data();
  parts->workbook = workbook_new_opt(path.c_str(), &options);
  if (!parts->workbook) return Status::internal(trf("-o xlsx: cannot start a workbook in {}", dir));
  parts->sheet = workbook_add_worksheet(parts->workbook, "casectl");
  if (!parts->sheet) return Status::internal(tr("-o xlsx: cannot add a worksheet"));
  parts->date = workbook_add_format(parts->workbook);
  format_set_num_format(parts->date, "yyyy-mm-dd");
  parts->moment = workbook_add_format(parts->workbook);
  format_set_num_format(parts->moment, "yyyy-mm-dd hh:mm");
  parts->headers = headers;
  parts->widths.assign(headers.size(), 0);
  parts->with_headers = with_headers && !headers.empty();
  if (parts->with_headers) {
    lxw_format* bold = workbook_add_format(parts->workbook);
    format_set_bold(bold);
    for (std::size_t i = 0; i < headers.size(); ++i) {
      lxw_error error = worksheet_write_string(parts->sheet, 0, static_cast<lxw_col_t>(i), headers[i].c_str(), bold);
      if (error != LXW_NO_ERROR) return parts->cell_error(error, i);
      parts->widen(i, text::display_width(headers[i]));
    }
    worksheet_freeze_panes(parts->sheet, 1, 0);
    parts->next_row = 1;
  }
  return std::unique_ptr<XlsxSheet>(new XlsxSheet(std::move(parts)));
}

Status XlsxSheet::add_row(const std::vector<Record>& cells) {
  Parts& p = *m_parts;
  if (p.next_row >= LXW_ROW_MAX)
    return Status::invalid(trf("-o xlsx: more than {} rows do not fit in an Excel sheet; narrow the listing with "
                               "filters or use -o csv",
                               LXW_ROW_MAX - (p.with_headers ? 1 : 0)));
  for (std::size_t i = 0; i < cells.size() && i < p.headers.size(); ++i) CASECTL_TRY(p.write(i, cells[i]));
  ++p.next_row;
  return Status::ok();
}

namespace {

Status copy_file(const std::string& path, std::FILE* out) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in) return Status::internal(trf("-o xlsx: cannot read the workbook back: {}", std::strerror(errno)));
  std::vector<char> buffer(1 << 16);
  Status status = Status::ok();
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in)) {
    if (std::fwrite(buffer.data(), 1, n, out) != n) {
      status =
          errno == EPIPE ? Status::broken_pipe() : Status::internal(trf("cannot write the output: {}", std::strerror(errno)));
      break;
    }
  }
  if (status.is_ok() && std::ferror(in))
    status = Status::internal(trf("-o xlsx: cannot read the workbook back: {}", std::strerror(errno)));
  std::fclose(in);
  if (status.is_ok() && std::fflush(out) != 0)
    status = errno == EPIPE ? Status::broken_pipe() : Status::internal(trf("cannot write the output: {}", std::strerror(errno)));
  return status;
}

} // namespace

Status XlsxSheet::finish(std::FILE* out) {
  Parts& p = *m_parts;
  for (std::size_t i = 0; i < p.widths.size(); ++i)
    worksheet_set_column(p.sheet, static_cast<lxw_col_t>(i), static_cast<lxw_col_t>(i), static_cast<double>(p.widths[i] + 2),
                         nullptr);
  if (p.with_headers)
    worksheet_autofilter(p.sheet, 0, 0, p.next_row > 1 ? p.next_row - 1 : 0, static_cast<lxw_col_t>(p.headers.size() - 1));
  lxw_error error = workbook_close(p.workbook); // writes the file and frees the workbook, whatever the outcome
  p.workbook = nullptr;
  if (error != LXW_NO_ERROR)
    return Status::internal(trf("-o xlsx: cannot write the workbook in {}: {}", temporary_dir(), lxw_strerror(error)));
  return copy_file(p.path, out);
}

} // namespace casectl::output
