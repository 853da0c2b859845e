// Small helpers the PostgreSQL engine's query files share: numbered parameters for a statement
// built piece by piece, and reading result values as the SQLite engine reads its columns (so that
// both engines give the same results). Internal to this engine: nothing outside
// lib/store/postgres includes this.
#pragma once

#include "store/json_list.hpp"
#include "store/postgres/connection.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store::postgres {

// The parameters of one statement, numbered $1, $2... in the order they are added, so that SQL
// built from optional filters never miscounts them.
class Params {
 public:
  Params() = default;
  Params(std::initializer_list<Value> values) : m_values(values) {}
  // Adds a value; returns its placeholder ("$3").
  std::string add(Value value);
  // Adds every value of a list; returns their placeholders ("$3, $4, $5"; "" for none).
  std::string add_all(const std::vector<std::string>& values);
  const std::vector<Value>& values() const { return m_values; }

 private:
  std::vector<Value> m_values;
};

// A value's text, "" for NULL (as the SQLite engine's text_of).
std::string text_of(const Value& value);
// A value's integer, 0 for NULL or what is not one (as SQLite's getInt on NULL).
long long number_of(const Value& value);
int int_of(const Value& value);
// nullopt for NULL.
std::optional<int> optional_int_of(const Value& value);

// An integer as a parameter.
Value number(long long n);

// `today` minus `days` as YYYY-MM-DD, as SQLite's date(today, '-N days'); NULL where today is not a
// date (SQLite's date() gives NULL then, and nothing compares true with it).
Value days_before(const std::string& today, int days);

// json_list and list_of (a list of text as the store keeps it) are store/json_list.hpp's.

// Bytes as bytea's text input ("\x" then hex), for a $n::bytea parameter.
std::string bytea_input(const std::string& bytes);

} // namespace casectl::store::postgres
