#include "util/text.hpp"

#include "util/messages.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace casectl::text {

namespace {

// Decodes `s` into code points; invalid bytes become U+FFFD so distances stay defined.
std::vector<utf8proc_int32_t> code_points(std::string_view s) {
  std::vector<utf8proc_int32_t> out;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      cp = 0xFFFD;
      n = 1;
    }
    out.push_back(cp);
    p += n;
    left -= n;
  }
  return out;
}

bool is_space(utf8proc_int32_t cp) {
  if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return true;
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

} // namespace

bool is_valid_utf8(std::string_view s) { return first_invalid_utf8(s) == std::string_view::npos; }

std::size_t first_invalid_utf8(std::string_view s) {
  const auto* start = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  const auto* p = start;
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    if (*p < 0x80) { // fast path for ASCII
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) return static_cast<std::size_t>(p - start);
    p += n;
    left -= n;
  }
  return std::string_view::npos;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      width += 1;
      n = 1;
    } else {
      width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    }
    p += n;
    left -= n;
  }
  return width;
}

std::string casefold(std::string_view s) {
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &folded,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0) return std::string(s);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(folded, &std::free);
  return std::string(reinterpret_cast<const char*>(folded), static_cast<std::size_t>(n));
}

namespace {

// True when `s` certainly neither starts nor ends with a space: its first and its last character
// are each ASCII but not a space, or a letter of the Cyrillic block (lead byte D0 or D1). Neither
// can be part of another character, so no decoding of the rest is needed to be sure.
bool no_space_at_ends(std::string_view s) {
  auto plain_ascii = [](unsigned char b) { return b < 0x80 && !is_space(b); };
  auto cyrillic = [](unsigned char lead, unsigned char next) { return (lead == 0xd0 || lead == 0xd1) && (next & 0xc0) == 0x80; };
  if (s.size() < 2) return false;
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  bool front = plain_ascii(at(0)) || cyrillic(at(0), at(1));
  bool back = plain_ascii(at(s.size() - 1)) || cyrillic(at(s.size() - 2), at(s.size() - 1));
  return front && back;
}

} // namespace

std::string trim(std::string_view s) {
  if (no_space_at_ends(s)) return std::string(s); // the common case, without decoding the text
  std::size_t begin = 0;
  std::size_t end = s.size();
  const auto* base = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  std::size_t offset = 0;
  bool seen = false;
  while (offset < s.size()) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(base + offset, static_cast<utf8proc_ssize_t>(s.size() - offset), &cp);
    if (n <= 0) {
      cp = 0xFFFD;
      n = 1;
    }
    if (!is_space(cp)) {
      if (!seen) begin = offset;
      seen = true;
      end = offset + static_cast<std::size_t>(n);
    }
    offset += static_cast<std::size_t>(n);
  }
  if (!seen) return {};
  return std::string(s.substr(begin, end - begin));
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t pos = s.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(s.substr(start));
      return parts;
    }
    parts.emplace_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += separator;
    out += parts[i];
  }
  return out;
}

std::string sort_key(std::string_view s) {
  // The Kazakh Cyrillic alphabet, which holds the Russian one in the same order.
  static const std::u32string alphabet = U"аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";
  std::string key;
  for (utf8proc_int32_t cp : code_points(casefold(s))) {
    std::size_t letter = alphabet.find(static_cast<char32_t>(cp));
    std::uint32_t weight;
    if (letter != std::u32string::npos) weight = 0x1000 + static_cast<std::uint32_t>(letter);
    else if (cp < 0x80) weight = static_cast<std::uint32_t>(cp); // spaces, digits, Latin: before Cyrillic
    else weight = 0x2000 + static_cast<std::uint32_t>(cp);       // anything else after, in code point order
    key += static_cast<char>((weight >> 16) & 0xFF);
    key += static_cast<char>((weight >> 8) & 0xFF);
    key += static_cast<char>(weight & 0xFF);
  }
  return key;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: three rows, since a transposition looks two rows back.
  std::vector<utf8proc_int32_t> x = code_points(casefold(a));
  std::vector<utf8proc_int32_t> y = code_points(casefold(b));
  std::vector<std::size_t> before(y.size() + 1), previous(y.size() + 1), row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[y.size()];
}

std::optional<std::string> closest(std::string_view input, const std::vector<std::string>& candidates) {
  std::size_t length = code_points(input).size();
  // Short words get one edit: two would make almost any three-letter word a typo of another.
  std::size_t allowed = length <= 3 ? 1 : std::max<std::size_t>(2, length / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    std::size_t d = edit_distance(input, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (best || length < 5) return best;
  // No typo-sized match: a word sharing the input's first five letters is a likely meaning
  // ("многодетные" for "Многодетная семья").
  std::vector<utf8proc_int32_t> stem = code_points(casefold(input));
  stem.resize(5);
  for (const std::string& candidate : candidates) {
    std::vector<utf8proc_int32_t> folded = code_points(casefold(candidate));
    if (folded.size() >= 5 && std::equal(stem.begin(), stem.end(), folded.begin())) return candidate;
  }
  // Or a candidate that holds the whole input as a part ("police" for "juvenile-police").
  std::string needle = casefold(input);
  for (const std::string& candidate : candidates)
    if (casefold(candidate).find(needle) != std::string::npos) return candidate;
  return best;
}

std::string did_you_mean(std::string_view input, const std::vector<std::string>& candidates) {
  std::optional<std::string> best = closest(input, candidates);
  return best ? trf(" (did you mean '{}'?)", *best) : std::string();
}

std::optional<bool> parse_yes_no(std::string_view value) {
  std::string v = casefold(trim(value));
  for (const char* yes : {"yes", "y", "true", "1", "да", "иә"})
    if (v == yes) return true;
  for (const char* no : {"no", "n", "false", "0", "нет", "жоқ"})
    if (v == no) return false;
  return std::nullopt;
}

std::vector<std::string> spread_values(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values)
    for (const std::string& part : split(v, ','))
      if (!trim(part).empty()) out.push_back(trim(part));
  return out;
}

} // namespace casectl::text
