// The keys casectl computes in C++ and stores beside a case's text, the same for every engine, so
// that search and sorting give the same results whichever engine keeps the store: the search
// keys of a case's full-text row and its alphabetical sort keys.
#pragma once

#include "model/case.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace casectl::store {

// The number member `i` of `members` is stored with: its own, or its place in the list (from 1)
// for a member not yet numbered (CaseStore::update_case).
inline int member_number(const std::vector<Member>& members, std::size_t i) {
  return members[i].number > 0 ? members[i].number : static_cast<int>(i + 1);
}

// The full-text index (case_search) row of a case, its search keys computed in C++
// (lib/util/search_key.hpp), as migration 2 computed them in SQL: `names` from the case's name and
// its members' names (joined by spaces, in their order), `phone` from phone_tokens followed by
// the members' national ids (ИИН, СНИЛС) as tokens "id<digits>" (`national_ids` gives the digits
// joined by spaces), so that a whole id typed to `find` matches its token and a phone number's
// prefix never does, `problems` from the problems joined by spaces.
struct SearchRow {
  std::string names, address, phone, note, problems;
};
SearchRow search_row(const std::string& name, const std::string& member_names, const std::string& address,
                     const std::string& phone, const std::string& note, const std::string& problems,
                     const std::string& national_ids);

// Why a case is a possible duplicate of another whose member `other_name` has the national id of
// `member`: "same ИИН as Сапарова Гүлнұр".
std::string same_national_id_reason(const Member& member, const std::string& other_name);

// The phone key, and for numbers longer than 7 digits also its last 7: "7011234567 1234567", so
// that the end of a number finds it.
std::string phone_tokens(std::string_view phone);

// The search row of a case as written: its name and members' names, address, phone, note and
// problems.
SearchRow search_row_of(const Case& c);

// Where the words of a search are looked for in the search row: any of its columns (`find`), the
// names only (`list --name`), or the phone tokens only (digits typed alone to `find`).
enum class SearchColumn { any, names, phone };

// What a user typed, as every engine matches it against the search rows: a case matches when
// each of `words`, or one of its other readings, is the start of a word of `column` (with `any`,
// each word in a column of its own choosing). Words hold only a-z and 0-9 (text::search_key,
// text::phone_key). `others[i]`, when there, holds the other readings of words[i]
// (text::search_key_readings: "Julia" is "zhulia" or "iulia"); `others` may be shorter than
// `words`, or empty.
struct SearchTerms {
  SearchColumn column = SearchColumn::any;
  std::vector<std::string> words;
  std::vector<std::vector<std::string>> others = {};

  // The other readings of words[i] (none when `others` holds nothing for it).
  const std::vector<std::string>& others_of(std::size_t i) const;
};

// The terms of `typed`: the words of its text::search_key with their other readings
// (text::search_key_readings), in the names when `names_only`, else in any column; but text of digits, spaces and + - ( ) .
// alone, with 5 digits or more, searched in any column is a phone number: the one word text::phone_key(typed), in the phone
// column, so that "123-45-67" finds "+7 701 123 45 67" by its last 7 digits (phone_tokens); when
// it is also a valid ИИН or СНИЛС (national_id::parse), its token "id<digits>" is the word's other
// reading. Status::invalid when `typed`
// holds no letter or digit.
Result<SearchTerms> search_terms(const std::string& typed, bool names_only);

// The terms of a filter's `search` and `name` (empty when neither is set), all of which a case
// must match; the first failure of search_terms.
Result<std::vector<SearchTerms>> search_terms_of(const CaseFilter& filter);

// The order `find` gives (CaseFilter::sort "rank"), the same on every engine: first the cases in
// whose names (the `names` column) every one of `name_words` is a whole word, then the others;
// within each, alphabetical by name (cases.name_sort, then the name's bytes), then by case id.
// `name_words` are the words of the terms that are not a phone number; with none, the order is
// alphabetical alone.
std::vector<std::string> name_words(const std::vector<SearchTerms>& terms);

// The member numbers an event names (EventRow::members) as events.members stores them on every
// engine: a JSON array of numbers in ascending order, "[2,3]"; "[]" for none.
std::string event_members_text(const std::vector<int>& members);
// The numbers of events.members text; what is not a number is skipped.
std::vector<int> event_members_of(std::string_view text);

// A case's alphabetical sort keys (text::sort_key), stored in cases.name_sort, district_sort and
// manager_sort (migration 12); `manager` is nullopt when the case has no case manager (NULL).
struct SortKeys {
  std::string name, district;
  std::optional<std::string> manager;
};
SortKeys sort_keys_of(const std::string& name, const std::string& district, const std::optional<std::string>& case_manager);

} // namespace casectl::store
