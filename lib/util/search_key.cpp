#include "util/search_key.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <utility>

namespace casectl::text {

namespace {

// Latin spelling of a lower-case Cyrillic letter (after diacritics are stripped, so ё is е and
// й is и); nullptr when `cp` is not Cyrillic.
const char* latin_of(utf8proc_int32_t cp) {
  static const char* const russian[32] = {"a",  "b",  "v",  "g",    "d", "e", "zh", "z", "i",  "i", "k",
                                          "l",  "m",  "n",  "o",    "p", "r", "s",  "t", "u",  "f", "kh",
                                          "ts", "ch", "sh", "shch", "",  "y", "",   "e", "iu", "ia"};
  if (cp >= 0x0430 && cp <= 0x044F) return russian[cp - 0x0430];
  switch (cp) {
  case 0x04D9: return "a";  // ә
  case 0x0493: return "g";  // ғ
  case 0x049B: return "k";  // қ
  case 0x04A3: return "n";  // ң
  case 0x04E9: return "o";  // ө
  case 0x04B1: return "u";  // ұ
  case 0x04AF: return "u";  // ү
  case 0x04BB: return "h";  // һ
  case 0x0456: return "i";  // і
  case 0x0454: return "ie"; // є
  case 0x0457: return "i";  // ї
  case 0x0491: return "g";  // ґ
  case 0x045E: return "u";  // ў
  default: return nullptr;
  }
}

// What folded_without_marks gives for text made only of printable ASCII and the Russian
// alphabet (А-я, Ё, ё): lower case, ё as е, й as и. False, with `out` meaningless, for any
// other text. Most names and addresses are such text, and utf8proc is the dearest part of a key.
bool fold_russian(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7f) {
      out += static_cast<char>(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
      continue;
    }
    if ((b != 0xd0 && b != 0xd1) || i + 1 == s.size()) return false;
    auto next = static_cast<unsigned char>(s[i + 1]);
    if ((next & 0xc0) != 0x80) return false;
    unsigned cp = ((b & 0x1fu) << 6) | (next & 0x3fu);
    if (cp >= 0x0410 && cp <= 0x042f) cp += 0x20;       // А-Я -> а-я
    else if (cp == 0x0401 || cp == 0x0451) cp = 0x0435; // Ё ё -> е
    else if (cp < 0x0430 || cp > 0x044f) return false;
    if (cp == 0x0439) cp = 0x0438; // й -> и
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
    ++i;
  }
  return true;
}

// Folds case and strips diacritics: "ЁЛКА" -> "елка", "Ğ" -> "g".
std::string folded_without_marks(std::string_view s) {
  std::string simple;
  if (fold_russian(s, simple)) return simple;
  utf8proc_uint8_t* out = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                UTF8PROC_IGNORE);
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out, options);
  if (n < 0) return {};
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

// Applies the spelling rules shared by both scripts to one Latin word.
std::string simplify(const std::string& word) {
  static const std::pair<const char*, const char*> rules[] = {
      {"x", "ks"}, {"w", "v"},  {"q", "k"},  {"dzh", "zh"}, {"j", "zh"},  {"shch", "sh"},
      {"kh", "h"}, {"yo", "e"}, {"ye", "e"}, {"ya", "ia"},  {"yu", "iu"}, {"y", "i"},
  };
  std::string w = word;
  for (const auto& [from, to] : rules) {
    std::string_view f(from);
    // Most words hold none of the rule's letters: then the pass would copy the word unchanged.
    std::size_t first = w.find(f);
    if (first == std::string::npos) continue;
    std::string out(w, 0, first);
    for (std::size_t i = first; i < w.size();) {
      if (w.compare(i, f.size(), f) == 0) {
        out += to;
        i += f.size();
      } else {
        out += w[i++];
      }
    }
    w = std::move(out);
  }
  std::string single;
  for (char c : w)
    if (single.empty() || single.back() != c || (c >= '0' && c <= '9')) single += c;
  return single;
}

} // namespace

std::string search_key(std::string_view text) {
  std::string folded = folded_without_marks(text);
  std::string key;
  std::string word;
  auto end_word = [&] {
    if (word.empty()) return;
    std::string simple = simplify(word);
    if (!simple.empty()) {
      if (!key.empty()) key += ' ';
      key += simple;
    }
    word.clear();
  };
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(folded.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) n = 1, cp = ' ';
    p += n;
    left -= n;
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      word += static_cast<char>(cp);
    } else if (const char* latin = latin_of(cp)) {
      word += latin;
    } else if (cp == 0x044A || cp == 0x044C) {
      // ъ and ь: no sound of their own (handled by latin_of as ""), kept inside the word
    } else {
      end_word();
    }
  }
  end_word();
  return key;
}

std::string phone_key(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.size() < 5) return {};
  return digits.size() > 10 ? digits.substr(digits.size() - 10) : digits;
}

} // namespace casectl::text
