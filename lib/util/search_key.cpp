#include "util/search_key.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <utility>
#include <vector>

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

// The Kazakh Latin letters of 2021 that stand for one Cyrillic letter but lose their meaning
// without their mark (ş is not s): given as that Cyrillic letter, so that they key as it does.
// Called by utf8proc on every code point before it folds case and strips marks.
utf8proc_int32_t kazakh_latin_as_cyrillic(utf8proc_int32_t cp, void*) {
  switch (cp) {
  case 0x015E:                // Ş
  case 0x015F:                // ş
  case 0x0218:                // Ș (Romanian, and a common stand-in for Ş)
  case 0x0219: return 0x0448; // ș -> ш
  case 0x00C7:                // Ç
  case 0x00E7: return 0x0447; // ç -> ч
  case 0x0131: return 0x0456; // ı -> і
  default: return cp;
  }
}

// Folds case and strips diacritics: "ЁЛКА" -> "елка", "Ğ" -> "g", "Ş" -> "ш".
std::string folded_without_marks(std::string_view s) {
  std::string simple;
  if (fold_russian(s, simple)) return simple;
  utf8proc_uint8_t* out = nullptr;
  auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                UTF8PROC_IGNORE);
  utf8proc_ssize_t n =
      utf8proc_map_custom(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                          options, kazakh_latin_as_cyrillic, nullptr);
  if (n < 0) return {};
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(out, &std::free);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

// An apostrophe, quote or backtick: what transliterations write for ь, ъ (and GOST 7.79 B for
// the second half of ы and э) inside a word.
bool is_apostrophe(utf8proc_int32_t cp) {
  // ' " ` ´ ‘ ’ ‛ “ ” ‟ ʹ ʺ ʻ ʼ ′ ″
  static constexpr utf8proc_int32_t marks[] = {'\'',   '"',    '`',    0x00B4, 0x2018, 0x2019, 0x201B, 0x201C,
                                               0x201D, 0x201F, 0x02B9, 0x02BA, 0x02BB, 0x02BC, 0x2032, 0x2033};
  return std::find(std::begin(marks), std::end(marks), cp) != std::end(marks);
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

bool is_latin_letter(char c) { return c >= 'a' && c <= 'z'; }

// A part of a raw Latin word: its spelling in the key, and the other readings of an ambiguous
// letter (none for a plain part).
struct Piece {
  std::string spelling;
  std::vector<const char*> others;
};

// The word cut at its ambiguous letters, each read as search_key reads it (the header says how),
// with its other readings beside it.
std::vector<Piece> pieces_of(const std::string& word) {
  std::vector<Piece> pieces(1);
  auto choice = [&](const char* first, std::vector<const char*> others) {
    pieces.push_back({first, std::move(others)});
    pieces.emplace_back();
  };
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    char next = i + 1 < word.size() ? word[i + 1] : '\0';
    if (c == 'c' && (next == 'z' || next == 'k')) {
      pieces.back().spelling += next == 'z' ? "ts" : "k";
      ++i;
    } else if (c == 'c' && next != 'h') {
      bool soft = next == 'e' || next == 'i' || next == 'y';
      choice(soft ? "ts" : "k", {soft ? "k" : "ts"});
    } else if (c == 'x') {
      bool before_consonant = is_latin_letter(next) && !is_vowel(next);
      choice(before_consonant ? "h" : "ks", {before_consonant ? "ks" : "h"});
    } else if (c == 'j' && is_vowel(next)) {
      // й before a vowel: as y (ju, ja, je are ю, я, е) or as i (jo in Majorov is йо, not ё).
      choice("zh", {"y", "i"});
    } else if (c == 'j') {
      pieces.back().spelling += 'i';
    } else {
      pieces.back().spelling += c;
    }
  }
  return pieces;
}

// Applies the spelling rules shared by both scripts to one Latin word whose ambiguous letters
// are resolved.
std::string simplify(const std::string& word) {
  static const std::pair<const char*, const char*> rules[] = {
      {"w", "v"},  {"q", "k"},   {"dzh", "zh"}, {"shch", "sh"}, {"gh", "g"},  {"kh", "h"},  {"yo", "e"},
      {"ye", "e"}, {"ya", "ia"}, {"yu", "iu"},  {"y", "i"},     {"iei", "i"}, {"iee", "e"},
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

// The readings of a raw Latin word, search_key's first; with `all`, the others too: every
// combination of the readings of its first k_read_both_ways ambiguous letters (the rest read as
// search_key reads them), at most k_most_readings distinct ones.
constexpr std::size_t k_read_both_ways = 3;
constexpr std::size_t k_most_readings = 8;

std::vector<std::string> readings_of(const std::string& word, bool all) {
  // Most words (every Cyrillic one but for ч's "ch") have no ambiguous letter: one reading.
  if (word.find_first_of("cjx") == std::string::npos) return {simplify(word)};
  std::vector<Piece> pieces = pieces_of(word);
  std::vector<const Piece*> varied; // the ambiguous pieces read every way
  for (const Piece& p : pieces)
    if (all && !p.others.empty() && varied.size() < k_read_both_ways) varied.push_back(&p);
  std::vector<std::size_t> choice(varied.size(), 0); // which reading of each (0: its spelling), counted like digits
  std::vector<std::string> readings;
  for (;;) {
    std::string spelled;
    for (const Piece& p : pieces) {
      auto at = std::find(varied.begin(), varied.end(), &p);
      std::size_t which = at == varied.end() ? 0 : choice[static_cast<std::size_t>(at - varied.begin())];
      spelled += which == 0 ? p.spelling : std::string(p.others[which - 1]);
    }
    std::string reading = simplify(spelled);
    if (std::find(readings.begin(), readings.end(), reading) == readings.end()) readings.push_back(std::move(reading));
    if (readings.size() == k_most_readings) return readings;
    std::size_t i = 0;
    while (i < varied.size() && ++choice[i] > varied[i]->others.size()) choice[i++] = 0;
    if (i == varied.size()) return readings;
  }
}

// A letter or digit that a word holds: Latin, a digit, or Cyrillic.
bool is_word_letter(utf8proc_int32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || latin_of(cp) != nullptr;
}

// The code points of UTF-8 text; an invalid byte as a space.
std::vector<utf8proc_int32_t> code_points(const std::string& s) {
  std::vector<utf8proc_int32_t> all;
  all.reserve(s.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) n = 1, cp = ' ';
    p += n;
    left -= n;
    all.push_back(cp);
  }
  return all;
}

// The raw Latin words of `text` (folded, transliterated, apostrophes inside words dropped),
// before the rules of simplify and the reading of ambiguous letters.
std::vector<std::string> raw_words(std::string_view text) {
  std::vector<utf8proc_int32_t> cps = code_points(folded_without_marks(text));
  std::vector<std::string> words(1);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    utf8proc_int32_t cp = cps[i];
    if (is_apostrophe(cp)) {
      // Inside a word (a letter on both sides; marks in a row count as one) it is dropped.
      std::size_t after = i;
      while (after < cps.size() && is_apostrophe(cps[after])) ++after;
      if (words.back().empty() || after == cps.size() || !is_word_letter(cps[after])) words.emplace_back();
      i = after - 1;
    } else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      words.back() += static_cast<char>(cp);
    } else if (const char* latin = latin_of(cp)) {
      words.back() += latin; // ъ and ь are "": no sound of their own, kept inside the word
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  std::erase(words, std::string());
  return words;
}

} // namespace

std::string search_key(std::string_view text) {
  std::string key;
  for (const std::string& word : raw_words(text)) {
    std::string simple = readings_of(word, false).front();
    if (simple.empty()) continue;
    if (!key.empty()) key += ' ';
    key += simple;
  }
  return key;
}

std::vector<std::vector<std::string>> search_key_readings(std::string_view text) {
  std::vector<std::vector<std::string>> all;
  for (const std::string& word : raw_words(text)) {
    std::vector<std::string> readings = readings_of(word, true);
    if (readings.front().empty()) continue;
    std::erase(readings, std::string());
    all.push_back(std::move(readings));
  }
  return all;
}

std::string phone_key(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.size() < 5) return {};
  return digits.size() > 10 ? digits.substr(digits.size() - 10) : digits;
}

} // namespace casectl::text
