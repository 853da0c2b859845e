#include "store/postgres/search_keys.hpp"

#include "util/text.hpp"

#include <map>

namespace casectl::store::postgres {

namespace {

// PostgreSQL's longest lexeme, in bytes (MAXSTRLEN).
constexpr std::size_t k_longest_lexeme = 2047;

// A word as a quoted lexeme. Keys hold only a-z and 0-9; a quote or backslash is escaped all the
// same, so that no text can change the literal's meaning.
std::string lexeme(const std::string& word) {
  std::string quoted = "'";
  for (char ch : word.substr(0, k_longest_lexeme)) {
    if (ch == '\'' || ch == '\\') quoted += '\\';
    quoted += ch;
  }
  return quoted + "'";
}

// The weight letter of a column's words (see the header).
const char* weight_of(SearchColumn column) {
  switch (column) {
  case SearchColumn::names: return "A";
  case SearchColumn::phone: return "B";
  case SearchColumn::any: break;
  }
  return "";
}

} // namespace

std::string search_vector(const SearchRow& row) {
  // Each lexeme once, with the positions of the weights it has, in the tsvector's own order.
  std::map<std::string, std::string> positions;
  auto add = [&](const std::string& key, const char* position) {
    if (key.empty()) return;
    for (const std::string& word : text::split(key, ' ')) {
      std::string& at = positions[lexeme(word)];
      if (at.find(position) == std::string::npos) at += (at.empty() ? "" : ",") + std::string(position);
    }
  };
  add(row.names, "1A");
  add(row.phone, "2B");
  for (const std::string* other : {&row.address, &row.note, &row.problems}) add(*other, "3C");
  std::string vector;
  for (const auto& [word, at] : positions) vector += (vector.empty() ? "" : " ") + word + ":" + at;
  return vector;
}

std::string search_query(const std::vector<SearchTerms>& terms) {
  std::vector<std::string> all;
  for (const SearchTerms& t : terms)
    for (std::size_t i = 0; i < t.words.size(); ++i) {
      std::string word = lexeme(t.words[i]) + ":*" + weight_of(t.column);
      for (const std::string& other : t.others_of(i)) word += " | " + lexeme(other) + ":*" + weight_of(t.column);
      all.push_back(t.others_of(i).empty() ? word : "(" + word + ")");
    }
  return text::join(all, " & ");
}

std::string whole_names_query(const std::vector<std::string>& words) {
  std::vector<std::string> all;
  for (const std::string& word : words) all.push_back(lexeme(word) + ":A");
  return text::join(all, " & ");
}

} // namespace casectl::store::postgres
