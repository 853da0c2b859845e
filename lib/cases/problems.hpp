// What is wrong with what a user gave: every problem of one request, a line per field, collected
// so that all are reported at once ("district: unknown district 'Алмалы' (did you mean ...)").
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl {

struct Problems {
  std::vector<std::string> lines;
  void add(const std::string& field, const std::string& problem) { lines.push_back(field + ": " + problem); }
  bool empty() const { return lines.empty(); }
};

// How free text may be shaped.
enum class TextShape {
  line,     // one line: no control characters at all; trimmed
  lines,    // new lines and tabs allowed; trimmed
  verbatim, // new lines and tabs allowed; kept exactly as given
};

// Free text a user gave: valid UTF-8 with no control characters but those `shape` allows. Returns
// the text (trimmed unless verbatim), or "" with the problem added under `field`.
std::string checked_text(Problems& problems, const std::string& field, const std::string& value,
                         TextShape shape = TextShape::lines);

// A whole number written as digits (an optional minus sign), nothing else; nullopt otherwise.
std::optional<int> whole_number(const std::string& text);

} // namespace casectl
