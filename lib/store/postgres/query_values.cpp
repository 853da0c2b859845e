#include "store/postgres/query_values.hpp"

#include "util/date.hpp"

#include <fmt/format.h>

#include <charconv>

namespace casectl::store::postgres {

std::string Params::add(Value value) {
  m_values.push_back(std::move(value));
  return fmt::format("${}", m_values.size());
}

std::string Params::add_all(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : ", ") + add(value);
  return out;
}

std::string text_of(const Value& value) { return value.value_or(""); }

long long number_of(const Value& value) {
  if (!value) return 0;
  long long n = 0;
  const char* end = value->data() + value->size();
  if (std::from_chars(value->data(), end, n).ec != std::errc()) return 0;
  return n;
}

int int_of(const Value& value) { return static_cast<int>(number_of(value)); }

std::optional<int> optional_int_of(const Value& value) {
  if (!value) return std::nullopt;
  return int_of(value);
}

Value number(long long n) { return std::to_string(n); }

Value days_before(const std::string& today, int days) {
  Result<date::Date> day = date::parse_date(today);
  if (!day) return Value();
  return date::format_date(*day - date::Date::duration{days});
}

std::string bytea_input(const std::string& bytes) {
  static const char* const hex = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + 2 * bytes.size());
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 0x0f];
  }
  return out;
}

} // namespace casectl::store::postgres
