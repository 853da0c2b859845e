#include "cases/problems.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <charconv>

namespace casectl {

std::string checked_text(Problems& problems, const std::string& field, const std::string& value, TextShape shape) {
  if (!text::is_valid_utf8(value)) {
    problems.add(field, tr("is not valid UTF-8 text; save the input as UTF-8"));
    return {};
  }
  bool lines_allowed = shape != TextShape::line;
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !(lines_allowed && (c == '\n' || c == '\t' || c == '\r'))) || u == 0x7f) {
      problems.add(field, tr("contains a control character"));
      return {};
    }
  }
  return shape == TextShape::verbatim ? value : text::trim(value);
}

std::optional<int> whole_number(const std::string& text) {
  int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

} // namespace casectl
