#include "output/mask.hpp"

#include "output/redact.hpp"
#include "util/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <iterator>
#include <optional>

namespace casectl::redact {

namespace {

constexpr std::size_t k_min_stem = 3; // letters a stem keeps at least

// Folded (see folded_word). Longest first is not needed: every ending is tried.
constexpr std::string_view k_endings[] = {
    // Russian: nouns, adjectives, surnames in -ов/-ин/-ский, first names in -а/-я/-й/-ь.
    "а", "я", "у", "ю", "е", "и", "ы", "о", "ь", "й", "ой", "ей", "ою", "ею", "ом", "ем", "ым", "им", "ами", "ями", "ах", "ях",
    "ых", "их", "ыми", "ими", "ий", "ый", "ая", "яя", "ое", "ее", "ую", "юю", "ого", "его", "ому", "ему",
    // Kazakh: genitive, dative, accusative, locative, ablative, instrumental; plural.
    "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні", "ды", "ді", "ты", "ті", "да", "де",
    "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен", "бен", "пен", "лар", "лер", "дар", "дер", "тар",
    "тер"};

// Words in a case's name that are not anybody's name.
constexpr std::string_view k_not_names[] = {"семья", "семьи", "семье", "семейство", "family", "отбасы", "отбасысы", "household"};

// Words of an address that name a kind of place, not the place (folded, without the dot).
constexpr std::string_view k_place_words[] = {
    "ул",       "улица", "улицы", "пр",     "проспект", "пркт",    "мкр",    "микрорайон", "д",        "дом",    "кв",
    "квартира", "г",     "город", "пер",    "переулок", "бульвар", "шоссе",  "пл",         "площадь",  "район",  "обл",
    "область",  "с",     "село",  "пос",    "поселок",  "корп",    "корпус", "стр",        "строение", "көшесі", "көше",
    "даңғылы",  "шағын", "аудан", "ауданы", "үй",       "пәтер",   "ауылы",  "ауыл",       "street",   "apt"};

bool is_letter_or_mark(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME: return true;
  default: return false;
  }
}

// A piece of text: a word (letters) or what lies between words.
struct Piece {
  std::string_view text;
  bool word = false;
};

std::vector<Piece> pieces_of(std::string_view s) {
  std::vector<Piece> out;
  std::size_t i = 0, start = 0;
  bool in_word = false;
  while (i < s.size()) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      n = 1;
      cp = -1;
    }
    bool letter = cp >= 0 && is_letter_or_mark(cp);
    if (i > start && letter != in_word) {
      out.push_back({s.substr(start, i - start), in_word});
      start = i;
    }
    in_word = letter;
    i += static_cast<std::size_t>(n);
  }
  if (i > start) out.push_back({s.substr(start, i - start), in_word});
  return out;
}

std::size_t letters_in(std::string_view s) {
  std::size_t count = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

bool is_ending(std::string_view s) { return std::find(std::begin(k_endings), std::end(k_endings), s) != std::end(k_endings); }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s)
    if (is_digit(c)) out += c;
  return out;
}

// The first letter of a word in upper case, and ".".
std::string initial_of(std::string_view word) {
  std::string in = initials(word);
  return in.empty() ? std::string(word) : in;
}

// --- birth dates ---------------------------------------------------------------------------------

struct Ymd {
  int y = 0, m = 0, d = 0;
  bool operator==(const Ymd& o) const { return y == o.y && m == o.m && d == o.d; }
};

std::optional<Ymd> iso_date(std::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!is_digit(s[i])) return std::nullopt;
  return Ymd{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
             std::stoi(std::string(s.substr(8, 2)))};
}

// Reads 1..max digits at `i`; the value and how many were read.
std::pair<int, std::size_t> number_at(std::string_view s, std::size_t i, std::size_t max) {
  int value = 0;
  std::size_t n = 0;
  while (i + n < s.size() && n < max && is_digit(s[i + n])) value = value * 10 + (s[i + n++] - '0');
  return {value, n};
}

// A date written at `i` (not preceded by a digit): its value and length.
std::optional<std::pair<Ymd, std::size_t>> date_at(std::string_view s, std::size_t i) {
  auto followed_by_digit = [&](std::size_t end) { return end < s.size() && is_digit(s[end]); };
  auto [year, yn] = number_at(s, i, 4);
  if (yn == 4 && i + 4 < s.size() && s[i + 4] == '-') { // YYYY-MM-DD
    auto [month, mn] = number_at(s, i + 5, 2);
    std::size_t at = i + 5 + mn;
    if (mn > 0 && at < s.size() && s[at] == '-') {
      auto [day, dn] = number_at(s, at + 1, 2);
      std::size_t end = at + 1 + dn;
      if (dn > 0 && !followed_by_digit(end)) return std::make_pair(Ymd{year, month, day}, end - i);
    }
  }
  auto [day, dn] = number_at(s, i, 2); // DD.MM.YYYY with . / or -
  std::size_t at = i + dn;
  if (dn == 0 || at >= s.size() || (s[at] != '.' && s[at] != '/' && s[at] != '-')) return std::nullopt;
  char separator = s[at];
  auto [month, mn] = number_at(s, at + 1, 2);
  at += 1 + mn;
  if (mn == 0 || at >= s.size() || s[at] != separator) return std::nullopt;
  auto [y, n4] = number_at(s, at + 1, 4);
  std::size_t end = at + 1 + n4;
  if (n4 != 4 || followed_by_digit(end)) return std::nullopt;
  return std::make_pair(Ymd{y, month, day}, end - i);
}

std::string dates_masked(std::string_view s, const std::vector<Ymd>& dates) {
  if (dates.empty()) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_digit(s[i]) && (i == 0 || !is_digit(s[i - 1]))) {
      if (auto found = date_at(s, i); found && std::find(dates.begin(), dates.end(), found->first) != dates.end()) {
        out += std::to_string(found->first.y);
        i += found->second;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// --- phones and ids ------------------------------------------------------------------------------

bool is_phone_punctuation(char c) { return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.'; }

bool ends_alike(const std::string& a, const std::string& b, std::size_t n) {
  return a.size() >= n && b.size() >= n && a.compare(a.size() - n, n, b, b.size() - n, n) == 0;
}

std::string numbers_masked(std::string_view s, const std::vector<std::string>& phones, const std::vector<std::string>& ids) {
  if (phones.empty() && ids.empty()) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    bool starts = is_digit(s[i]) || (s[i] == '+' && i + 1 < s.size() && is_digit(s[i + 1]));
    if (!starts || (i > 0 && is_digit(s[i - 1]))) {
      out += s[i++];
      continue;
    }
    std::size_t end = i + 1, last_digit = is_digit(s[i]) ? i + 1 : i;
    while (end < s.size() && (is_digit(s[end]) || is_phone_punctuation(s[end]))) {
      if (is_digit(s[end])) last_digit = end + 1;
      ++end;
    }
    std::string_view span = s.substr(i, last_digit - i);
    std::string digits = digits_of(span);
    std::string replaced(span);
    bool id = std::any_of(ids.begin(), ids.end(), [&](const std::string& known) { return known == digits; });
    bool phone = digits.size() >= 7 && std::any_of(phones.begin(), phones.end(), [&](const std::string& known) {
                   return ends_alike(known, digits, std::min<std::size_t>(digits.size(), 10));
                 });
    if (id) replaced = masked_id(span);
    else if (phone) replaced = masked_digits(span);
    out += replaced;
    i = last_digit;
  }
  return out;
}

// --- names and streets ---------------------------------------------------------------------------

struct NameWord {
  std::vector<std::string> stems;
  bool exact = false; // shorter than a stem: only the word itself
  bool street = false;
};

bool matches(const NameWord& name, const std::string& word) {
  for (const std::string& stem : name.stems) {
    if (name.exact) {
      if (word == stem) return true;
      continue;
    }
    if (word.compare(0, stem.size(), stem) == 0 && word.size() >= stem.size() &&
        (word.size() == stem.size() || is_ending(std::string_view(word).substr(stem.size()))))
      return true;
  }
  return false;
}

void add_words(std::vector<NameWord>& out, std::string_view text, bool street) {
  for (const Piece& p : pieces_of(text)) {
    if (!p.word) continue;
    std::string folded = folded_word(p.text);
    NameWord w;
    w.street = street;
    w.stems = name_stems(folded);
    if (w.stems.empty()) continue;
    w.exact = letters_in(folded) < k_min_stem;
    out.push_back(std::move(w));
  }
}

} // namespace

void People::add(const People& other) {
  names.insert(names.end(), other.names.begin(), other.names.end());
  addresses.insert(addresses.end(), other.addresses.begin(), other.addresses.end());
  phones.insert(phones.end(), other.phones.begin(), other.phones.end());
  ids.insert(ids.end(), other.ids.begin(), other.ids.end());
  birth_dates.insert(birth_dates.end(), other.birth_dates.begin(), other.birth_dates.end());
}

bool People::empty() const { return names.empty() && addresses.empty() && phones.empty() && ids.empty() && birth_dates.empty(); }

std::string folded_word(std::string_view word) {
  std::string folded = text::casefold(word);
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 2, "ё") == 0) { // U+0451
      out += "е";
      ++i;
    } else {
      out += folded[i];
    }
  }
  return out;
}

std::vector<std::string> name_stems(std::string_view name_word) {
  std::string word(name_word);
  std::size_t letters = letters_in(word);
  if (letters < 2) return {};
  if (std::find(std::begin(k_not_names), std::end(k_not_names), word) != std::end(k_not_names)) return {};
  std::vector<std::string> stems = {word};
  for (std::string_view ending : k_endings) {
    if (word.size() <= ending.size() || word.compare(word.size() - ending.size(), ending.size(), ending) != 0) continue;
    std::string stem = word.substr(0, word.size() - ending.size());
    if (letters_in(stem) >= k_min_stem && std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.push_back(stem);
  }
  return stems;
}

bool is_form_of(std::string_view word, std::string_view name_word) {
  std::vector<NameWord> names;
  add_words(names, name_word, false);
  std::string folded = folded_word(word);
  return std::any_of(names.begin(), names.end(), [&](const NameWord& n) { return matches(n, folded); });
}

std::vector<std::string> street_words(std::string_view address) {
  std::vector<std::string> out;
  std::vector<Piece> parts = pieces_of(address);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Piece& p = parts[i];
    if (!p.word || letters_in(p.text) < k_min_stem) continue;
    std::string folded = folded_word(p.text);
    if (std::find(std::begin(k_place_words), std::end(k_place_words), folded) != std::end(k_place_words)) continue;
    out.emplace_back(p.text);
  }
  return out;
}

std::string masked_text(std::string_view text, const People& people, const std::string& address_placeholder) {
  std::vector<Ymd> dates;
  for (const std::string& d : people.birth_dates)
    if (auto ymd = iso_date(d)) dates.push_back(*ymd);
  std::vector<std::string> phones, ids;
  for (const std::string& p : people.phones)
    if (std::string digits = digits_of(p); digits.size() >= 7) phones.push_back(digits);
  for (const std::string& id : people.ids)
    if (std::string digits = digits_of(id); digits.size() >= 5) ids.push_back(digits);
  std::string numbers = numbers_masked(dates_masked(text, dates), phones, ids);

  std::vector<NameWord> names;
  for (const std::string& n : people.names) add_words(names, n, false);
  for (const std::string& a : people.addresses)
    for (const std::string& w : street_words(a)) add_words(names, w, true);
  if (names.empty()) return numbers;
  std::string out;
  for (const Piece& p : pieces_of(numbers)) {
    if (!p.word) {
      out += p.text;
      continue;
    }
    std::string folded = folded_word(p.text);
    auto found = std::find_if(names.begin(), names.end(), [&](const NameWord& n) { return matches(n, folded); });
    if (found == names.end()) out += p.text;
    else out += found->street ? address_placeholder : initial_of(p.text);
  }
  return out;
}

} // namespace casectl::redact
