#include "util/csv.hpp"

namespace casectl::csv {

namespace {
bool looks_like_formula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
  case '=':
  case '+':
  case '-':
  case '@':
  case '\t':
  case '\r': return true;
  default: return false;
  }
}
} // namespace

std::string cell(std::string_view value, bool guard_formulas, char delimiter) {
  std::string text;
  if (guard_formulas && looks_like_formula(value)) text += '\'';
  text += value;
  const char special[] = {delimiter, '"', '\r', '\n', '\0'};
  if (text.find_first_of(special) == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string tsv_cell(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\\': out += "\\\\"; break;
    default: out += c;
    }
  }
  return out;
}

} // namespace casectl::csv
