#include "util/csv_reader.hpp"

#include "util/messages.hpp"

#include <fmt/format.h>

namespace casectl::csv {

Reader::Reader(std::istream& in, char delimiter, Limits limits) : m_in(in), m_delimiter(delimiter), m_limits(std::move(limits)) {}

namespace {
const int k_eof = std::char_traits<char>::eof();

// The next character of `buffer` (taken, or only looked at), or eof; a buffer that throws (as
// std::filebuf does when read(2) fails) gives eof with the reason kept in `error`.
int from_buffer(std::streambuf* buffer, bool take, std::string& error) {
  if (!error.empty()) return k_eof;
  try {
    return take ? buffer->sbumpc() : buffer->sgetc();
  } catch (const std::exception& e) {
    error = e.what();
  } catch (...) {
    error = "the input failed";
  }
  return k_eof;
}
} // namespace

int Reader::get() {
  ++m_record_bytes;
  if (m_first_pos < m_first_line.size()) return static_cast<unsigned char>(m_first_line[m_first_pos++]);
  return from_buffer(m_in.rdbuf(), true, m_read_error);
}

int Reader::peek() {
  if (m_first_pos < m_first_line.size()) return static_cast<unsigned char>(m_first_line[m_first_pos]);
  return from_buffer(m_in.rdbuf(), false, m_read_error);
}

// Reads ahead to the first line that is not blank (the header) and picks the delimiter that
// occurs most often in it outside quotes. Reads no more than a record may hold: a longer first
// line is then refused by read_record.
void Reader::detect_delimiter() {
  std::streambuf* buf = m_in.rdbuf();
  std::size_t line_start = 0;
  for (int c = from_buffer(buf, true, m_read_error); c != k_eof; c = from_buffer(buf, true, m_read_error)) {
    m_first_line += static_cast<char>(c);
    if (m_first_line.size() > m_limits.max_record_bytes + 3) break; // +3: a byte order mark
    if (c != '\n') continue;
    bool blank = m_first_line.find_first_not_of("\r\n", line_start) == std::string::npos;
    if (!blank) break;
    line_start = m_first_line.size();
  }
  if (m_first_line.rfind("\xEF\xBB\xBF", 0) == 0) m_first_line.erase(0, 3); // the byte order mark
  if (m_delimiter) return;
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : m_first_line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  m_delimiter = ',';
  if (semicolons > commas && semicolons >= tabs) m_delimiter = ';';
  else if (tabs > commas && tabs > semicolons) m_delimiter = '\t';
}

Result<bool> Reader::next(std::vector<std::string>& fields) {
  if (!m_started) {
    m_started = true;
    detect_delimiter();
  }
  Result<bool> more = read_record(fields);
  // A failed read ends the input early: never take what came before for the whole of it.
  if (!m_read_error.empty()) return Status::unreadable(trf("line {}: {}", m_line, trf("cannot read on: {}", m_read_error)));
  return more;
}

Result<bool> Reader::read_record(std::vector<std::string>& fields) {
  const int eof = k_eof;
  fields.clear();
  // Skip blank lines between records.
  for (;;) {
    int c = peek();
    if (c == '\r') {
      get();
      continue;
    }
    if (c == '\n') {
      get();
      ++m_line;
      continue;
    }
    if (c == eof) return false;
    break;
  }
  m_record_line = m_line;
  m_record_bytes = 0;
  std::string field;
  // Checked at every character taken, so that memory stops growing at the limit.
  auto refused = [&](int c) -> Status {
    if (c == 0)
      return Status::invalid(trf("line {}: {}", m_line, tr("a NUL byte (0x00): this is not a text file, or it is damaged")));
    if (field.size() > m_limits.max_field_bytes)
      return Status::invalid(trf("line {}: {}", m_record_line,
                                 trf("a field is longer than {} bytes{}", m_limits.max_field_bytes, m_limits.about_field())));
    if (m_record_bytes > m_limits.max_record_bytes)
      return Status::invalid(
          trf("line {}: {}", m_record_line,
              trf("the record is longer than {} bytes{}", m_limits.max_record_bytes, m_limits.about_record())));
    return Status::ok();
  };
  for (;;) {
    int c = get();
    CASECTL_TRY(refused(c));
    if (c == '"' && field.empty()) {
      // A quoted field: runs to the closing quote; "" is a quote.
      for (;;) {
        c = get();
        CASECTL_TRY(refused(c));
        if (c == eof) return Status::invalid(trf("line {}: {}", m_record_line, tr("a quoted field opened here is never closed")));
        if (c == '\n') ++m_line;
        if (c == '"') {
          if (peek() == '"') {
            get();
            field += '"';
            continue;
          }
          break;
        }
        field += static_cast<char>(c);
      }
      c = peek();
      if (c != m_delimiter && c != '\r' && c != '\n' && c != eof)
        return Status::invalid(trf("line {}: {}", m_line,
                                   tr("text after the closing quote of a field; "
                                      "put the whole field in quotes and double the quotes inside")));
      // Mark the field as quoted-and-done by reading on: the next character ends it.
      c = get();
      if (c == m_delimiter) {
        fields.push_back(std::move(field));
        field.clear();
        // An empty field after the delimiter must not be taken for an opening quote's field.
        if (peek() == '\r' || peek() == '\n' || peek() == eof) {
          fields.emplace_back();
          if (peek() == '\r') get();
          if (peek() == '\n') {
            get();
            ++m_line;
          }
          return true;
        }
        continue;
      }
      if (c == '\r' && peek() == '\n') c = get();
      if (c == '\n') ++m_line;
      fields.push_back(std::move(field));
      return true;
    }
    if (c == m_delimiter) {
      fields.push_back(std::move(field));
      field.clear();
      continue;
    }
    if (c == '\r' && (peek() == '\n' || peek() == eof)) continue;
    if (c == '\n' || c == eof) {
      if (c == '\n') ++m_line;
      fields.push_back(std::move(field));
      return true;
    }
    field += static_cast<char>(c);
  }
}

} // namespace casectl::csv
