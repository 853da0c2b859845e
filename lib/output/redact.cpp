#include "output/redact.hpp"

#include "output/redact_fields.hpp"

#include "util/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

namespace casectl::redact {

namespace {

// `s` composed (NFC), so that a letter written as a base and a combining mark is one code point;
// `s` itself when it is not valid UTF-8.
std::string composed(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                                    &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(s);
  std::string result(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

bool is_space(utf8proc_int32_t cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

bool is_letter(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO: return true;
  default: return false;
  }
}

std::string encoded(utf8proc_int32_t cp) {
  utf8proc_uint8_t bytes[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, bytes);
  return std::string(reinterpret_cast<char*>(bytes), static_cast<std::size_t>(n));
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alnum(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Replaces the characters `counts` picks with '*', all but the last two of them.
template <class Counts> std::string masked(std::string_view s, Counts counts) {
  std::size_t total = static_cast<std::size_t>(std::count_if(s.begin(), s.end(), counts));
  std::string out(s);
  std::size_t seen = 0;
  for (char& c : out)
    if (counts(c) && ++seen + 2 <= total) c = '*';
  return out;
}

// The class of `key` in the object `object` held under `parent`, with the report rows' refinement:
// in a row grouped `by` service, `label` and `value` are the service's `what`.
FieldClass class_of(const std::string& key, const Record& object, std::string_view parent, std::string& effective_key) {
  effective_key = key;
  if ((key == "label" || key == "value") && object.value("by", Record()) == "service") {
    effective_key = "what";
    return FieldClass::free_text;
  }
  return classify(key, FieldContext{is_staff(object), parent});
}

void add_strings(const Record& value, std::vector<std::string>& out) {
  if (value.is_string() && !value.get_ref<const std::string&>().empty()) out.push_back(value.get<std::string>());
  else if (value.is_array())
    for (const Record& item : value) add_strings(item, out);
}

void collect(const Record& value, std::string_view parent, People& people) {
  if (value.is_array()) {
    for (const Record& item : value) collect(item, parent, people);
    return;
  }
  if (!value.is_object()) return;
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string key;
    switch (class_of(it.key(), value, parent, key)) {
    case FieldClass::person_name: add_strings(it.value(), people.names); break;
    case FieldClass::address: add_strings(it.value(), people.addresses); break;
    case FieldClass::phone: add_strings(it.value(), people.phones); break;
    case FieldClass::external_id: add_strings(it.value(), people.ids); break;
    case FieldClass::birth_date: add_strings(it.value(), people.birth_dates); break;
    default: collect(it.value(), it.key(), people);
    }
  }
}

class Redactor {
 public:
  Redactor(const Policy& policy, People people) : m_policy(policy), m_people(std::move(people)) {}

  void run(Record& record) {
    walk(record, "");
    // Longest first, so that "Ахметова Айгерим" is replaced before "Ахметова" could be.
    std::stable_sort(m_replaced.begin(), m_replaced.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
    rewrite_derived(record);
  }

 private:
  void walk(Record& value, std::string_view parent) {
    if (value.is_array()) {
      for (Record& item : value) walk(item, parent);
      return;
    }
    if (!value.is_object()) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      std::string key;
      FieldClass field_class = class_of(it.key(), value, parent, key);
      if (field_class == FieldClass::safe || field_class == FieldClass::derived) walk(it.value(), it.key());
      else apply(field_class, key, it.value());
    }
  }

  bool kept(const std::string& key) const {
    return std::find(m_policy.keep.begin(), m_policy.keep.end(), key) != m_policy.keep.end();
  }

  void apply(FieldClass field_class, const std::string& key, Record& value) {
    if (value.is_string()) {
      std::string original = value.get<std::string>();
      std::string changed = transformed(field_class, key, original);
      if (changed != original && original.size() >= 2) remember(original, changed);
      value = changed;
    } else if (value.is_array()) {
      for (Record& item : value) apply(field_class, key, item);
    } else if (value.is_object()) {
      walk(value, key);
    }
  }

  std::string transformed(FieldClass field_class, const std::string& key, const std::string& s) const {
    switch (field_class) {
    case FieldClass::person_name: return initials(s);
    case FieldClass::address: return s.empty() ? s : address_placeholder(m_policy.language);
    case FieldClass::phone: return masked_digits(s);
    case FieldClass::external_id: return masked_id(s);
    case FieldClass::birth_date: return birth_year(s);
    case FieldClass::free_text:
      if (kept(key)) return masked_text(s, m_people, address_placeholder(m_policy.language));
      [[fallthrough]];
    case FieldClass::unknown: // never printed as is: see redact_fields.hpp
    case FieldClass::command: return s.empty() ? s : hidden_placeholder(m_policy.language);
    case FieldClass::safe:
    case FieldClass::derived: break;
    }
    return s;
  }

  void remember(const std::string& original, const std::string& changed) {
    for (const auto& pair : m_replaced)
      if (pair.first == original) return;
    m_replaced.emplace_back(original, changed);
  }

  void rewrite_derived(Record& value) {
    if (value.is_array()) {
      for (Record& item : value) rewrite_derived(item);
      return;
    }
    if (!value.is_object()) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (classify(it.key()) == FieldClass::derived && it.value().is_string())
        it.value() = masked_text(replaced_in(it.value().get<std::string>()), m_people, address_placeholder(m_policy.language));
      else rewrite_derived(it.value());
    }
  }

  // One pass from left to right, so that a replacement is never itself replaced again. A valid
  // UTF-8 original starts with a lead byte, so it can only match at a character's start.
  std::string replaced_in(const std::string& s) const {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
      bool matched = false;
      for (const auto& [original, changed] : m_replaced)
        if (s.compare(i, original.size(), original) == 0) {
          out += changed;
          i += original.size();
          matched = true;
          break;
        }
      if (!matched) out += s[i++];
    }
    return out;
  }

  const Policy& m_policy;
  People m_people;
  std::vector<std::pair<std::string, std::string>> m_replaced; // original -> redacted, as met
};

} // namespace

std::string initials(std::string_view name) {
  std::string s = composed(name);
  std::vector<std::string> letters;
  bool in_word = false, have_letter = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) { // an invalid byte: part of the word, not a letter
      cp = -1;
      n = 1;
    }
    p += n;
    left -= n;
    if (cp >= 0 && is_space(cp)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      in_word = true;
      have_letter = false;
    }
    if (!have_letter && cp >= 0 && is_letter(cp)) {
      letters.push_back(encoded(utf8proc_toupper(cp)) + ".");
      have_letter = true;
    }
  }
  return text::join(letters, " ");
}

std::string masked_digits(std::string_view phone) { return masked(phone, is_ascii_digit); }

std::string masked_id(std::string_view id) { return masked(id, is_ascii_alnum); }

std::string birth_year(std::string_view date) {
  if (date.size() < 4 || !std::all_of(date.begin(), date.begin() + 4, is_ascii_digit)) return "";
  if (date.size() > 4 && date[4] != '-') return "";
  return std::string(date.substr(0, 4));
}

std::string address_placeholder(const std::string& language) {
  return language == "en" ? "[address withheld]" : language == "kk" ? "[мекенжай жасырылған]" : "[адрес скрыт]";
}

std::string hidden_placeholder(const std::string& language) {
  return language == "en" ? "[redacted]" : language == "kk" ? "[жасырылған]" : "[скрыто]";
}

People people_in(const Record& record) {
  People people;
  collect(record, "", people);
  return people;
}

void redact(Record& record, const Policy& policy, const People& known) {
  People people = people_in(record);
  people.add(known);
  Redactor(policy, std::move(people)).run(record);
}

void redact(Record& record, const std::string& language) { redact(record, Policy{language, {}}); }

} // namespace casectl::redact
