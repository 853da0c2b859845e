// The keys every engine computes alike (store/keys.hpp): here, what a typed search becomes
// (search_terms) and the words `find` ranks by (name_words). The matching itself, on each engine,
// is in test_store_contract.cpp and test_store_postgres_cases.cpp.
#include "store/keys.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;
using store::SearchColumn;
using store::SearchTerms;

namespace {

SearchTerms terms_of(const std::string& typed, bool names_only) {
  Result<SearchTerms> terms = store::search_terms(typed, names_only);
  REQUIRE_MESSAGE(terms.is_ok(), terms.status().message());
  return *terms;
}

} // namespace

TEST_CASE("search_terms reduces each typed word to its search key, in any column for find and the names for --name") {
  SearchTerms found = terms_of("Семёнова  АННА, ул. Төле би 12", false);
  CHECK(found.column == SearchColumn::any);
  CHECK(found.words == std::vector<std::string>{"semenova", "ana", "ul", "tole", "bi", "12"});
  SearchTerms named = terms_of("Jumabayeva", true);
  CHECK(named.column == SearchColumn::names);
  CHECK(named.words == std::vector<std::string>{"zhumabaeva"});
}

TEST_CASE("search_terms takes digits alone, five or more, as a phone number, but not for --name") {
  SUBCASE("a whole number: its last 10 digits") {
    SearchTerms phone = terms_of("+7 (701) 123-45-67", false);
    CHECK(phone.column == SearchColumn::phone);
    CHECK(phone.words == std::vector<std::string>{"7011234567"});
  }
  SUBCASE("the end of a number") {
    SearchTerms phone = terms_of("123-45-67", false);
    CHECK(phone.column == SearchColumn::phone);
    CHECK(phone.words == std::vector<std::string>{"1234567"});
  }
  SUBCASE("four digits are a word, not a phone") {
    SearchTerms word = terms_of("1234", false);
    CHECK(word.column == SearchColumn::any);
    CHECK(word.words == std::vector<std::string>{"1234"});
  }
  SUBCASE("digits with a letter are words") {
    SearchTerms words = terms_of("дом 12345", false);
    CHECK(words.column == SearchColumn::any);
    CHECK(words.words == std::vector<std::string>{"dom", "12345"});
  }
  SUBCASE("--name searches the digits in the names") {
    SearchTerms named = terms_of("1234567", true);
    CHECK(named.column == SearchColumn::names);
    CHECK(named.words == std::vector<std::string>{"1234567"});
  }
}

TEST_CASE("search_terms refuses text with no letter or digit, quoting it") {
  for (const std::string typed : {"...", " ", "—", "«»"})
    for (bool names_only : {false, true}) {
      CAPTURE(typed);
      Result<SearchTerms> terms = store::search_terms(typed, names_only);
      REQUIRE_FALSE(terms.is_ok());
      CHECK(terms.status().kind() == ErrorKind::invalid_input);
      CHECK(terms.status().message() == "nothing to search for in '" + typed + "': give letters or digits");
    }
}

TEST_CASE("search_terms_of gives the terms of a filter's search and name, and name_words the words ranked by") {
  CaseFilter filter;
  Result<std::vector<SearchTerms>> none = store::search_terms_of(filter);
  REQUIRE(none.is_ok());
  CHECK(none->empty());

  filter.search = "8 701 123 45 67";
  filter.name = "Ким";
  Result<std::vector<SearchTerms>> both = store::search_terms_of(filter);
  REQUIRE(both.is_ok());
  REQUIRE(both->size() == 2);
  CHECK((*both)[0].column == SearchColumn::phone);
  CHECK((*both)[1].column == SearchColumn::names);
  // A phone number is not a name: only the name's words rank.
  CHECK(store::name_words(*both) == std::vector<std::string>{"kim"});

  filter.search = "Анна Ким"; // "Анна" is "ana": doubled letters are made single
  CHECK(store::name_words(*store::search_terms_of(filter)) == std::vector<std::string>{"ana", "kim", "kim"});

  filter.name = "!!!";
  Result<std::vector<SearchTerms>> bad = store::search_terms_of(filter);
  REQUIRE_FALSE(bad.is_ok());
  CHECK(bad.status().message() == "nothing to search for in '!!!': give letters or digits");
}
