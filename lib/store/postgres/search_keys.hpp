// The search index of the PostgreSQL engine in text the server reads without its own text parser:
// a case's search row (store::SearchRow, computed in C++ as for SQLite's FTS5 table) as a tsvector,
// and search terms (store::SearchTerms) as a tsquery. Both are given to the server as literals
// cast with ::tsvector and ::tsquery, whose input functions take the lexemes as written; never
// through to_tsvector or to_tsquery, which would split and stem the keys by a text search
// configuration.
//
// The columns of the search row are told apart by the weight of the lexeme's position: A the
// names, B the phone tokens, C the address, the note and the problems (tsquery's `:A`, `:B`
// restrict a word to them; a word without a weight matches in any column, as FTS5 does). Each
// lexeme is written once, with one position per weight it has (1A, 2B, 3C): the number of
// positions and their values never reach the tsvector's limits.
//
// What differs from SQLite, knowingly: a lexeme is at most 2047 bytes in PostgreSQL, so a word
// longer than that (no name, address or phone has one) is cut to its first 2047 letters, in the
// index and in what is searched alike.
#pragma once

#include "store/keys.hpp"

#include <string>
#include <vector>

namespace casectl::store::postgres {

// The tsvector literal of a search row: "'abaia':3C 'anna':1A '7011234567':2B ...".
std::string search_vector(const SearchRow& row);

// The tsquery literal matching every one of `terms` (each word, or one of its other readings, as
// a prefix, in its column): "'semen':*A & ('zhulia':*A | 'iulia':*A)". `terms` must not be empty, nor any of their words lists.
std::string search_query(const std::vector<SearchTerms>& terms);

// The tsquery literal matching a case in whose names every one of `words` is a whole word:
// "'semenova':A & 'anna':A". `words` must not be empty.
std::string whole_names_query(const std::vector<std::string>& words);

} // namespace casectl::store::postgres
