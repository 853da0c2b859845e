// The PostgreSQL engine's search index as text (store/postgres/search_keys.hpp): the tsvector of
// a case's search row and the tsquery of search terms, which the server reads without parsing the
// words. Whether the server then finds what SQLite finds is in test_store_postgres_cases.cpp.
#include "store/postgres/search_keys.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace casectl;
using store::SearchColumn;
using store::SearchRow;
namespace pg = store::postgres;

TEST_CASE("search_vector writes each word once, with a position per column it is in: 1A names, 2B phone, 3C the rest") {
  SearchRow row{"semenova anna semenova", "ul abaia 10", "7011234567 1234567", "anna prishla", "dolgi"};
  CHECK(pg::search_vector(row) == "'10':3C '1234567':2B '7011234567':2B 'abaia':3C 'anna':1A,3C 'dolgi':3C "
                                  "'prishla':3C 'semenova':1A 'ul':3C");
  CHECK(pg::search_vector(SearchRow{}) == "");
}

TEST_CASE("search_vector and search_query cut a word longer than PostgreSQL's lexemes to 2047 letters") {
  std::string long_word(3000, 'a');
  SearchRow row{long_word, "", "", "", ""};
  CHECK(pg::search_vector(row) == "'" + std::string(2047, 'a') + "':1A");
  CHECK(pg::search_query({{SearchColumn::any, {long_word}}}) == "'" + std::string(2047, 'a') + "':*");
}

TEST_CASE("search_vector escapes quotes and backslashes, so that no text changes the literal") {
  CHECK(pg::search_vector(SearchRow{"o'hara a\\b", "", "", "", ""}) == "'a\\\\b':1A 'o\\'hara':1A");
}

TEST_CASE("search_query: each word a prefix, in its column's weight, all required") {
  CHECK(pg::search_query({{SearchColumn::any, {"semen", "anna"}}}) == "'semen':* & 'anna':*");
  CHECK(pg::search_query({{SearchColumn::names, {"kim"}}}) == "'kim':*A");
  CHECK(pg::search_query({{SearchColumn::phone, {"1234567"}}, {SearchColumn::names, {"kim", "a"}}}) ==
        "'1234567':*B & 'kim':*A & 'a':*A");
}

TEST_CASE("whole_names_query: each word whole, in the names") {
  CHECK(pg::whole_names_query({"kim", "anna"}) == "'kim':A & 'anna':A");
}
