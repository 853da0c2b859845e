// The keys casectl computes in C++ and stores beside a case's text, the same for every engine, so
// that search and sorting give the same results whichever engine keeps the store: the search
// keys of a case's full-text row and its alphabetical sort keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace casectl::store {

// The full-text index (case_search) row of a case, its search keys computed in C++
// (lib/util/search_key.hpp), as migration 2 computed them in SQL: `names` from the case's name and
// its members' names (joined by spaces, in their order), `phone` from phone_tokens, `problems`
// from the problems joined by spaces.
struct SearchRow {
  std::string names, address, phone, note, problems;
};
SearchRow search_row(const std::string& name, const std::string& member_names, const std::string& address,
                     const std::string& phone, const std::string& note, const std::string& problems);

// The phone key, and for numbers longer than 7 digits also its last 7: "7011234567 1234567", so
// that the end of a number finds it.
std::string phone_tokens(std::string_view phone);

// A case's alphabetical sort keys (text::sort_key), stored in cases.name_sort, district_sort and
// manager_sort (migration 12); `manager` is nullopt when the case has no case manager (NULL).
struct SortKeys {
  std::string name, district;
  std::optional<std::string> manager;
};
SortKeys sort_keys_of(const std::string& name, const std::string& district, const std::optional<std::string>& case_manager);

} // namespace casectl::store
