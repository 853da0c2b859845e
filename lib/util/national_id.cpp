#include "util/national_id.hpp"

#include "util/date.hpp"

#include <fmt/format.h>

namespace casectl::national_id {

namespace {

int digit(std::string_view digits, std::size_t i) { return digits[i] - '0'; }

std::string digits_of(std::string_view typed, bool& only_separators) {
  std::string digits;
  only_separators = true;
  for (char ch : typed) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch != ' ' && ch != '-' && ch != '.') only_separators = false;
  }
  return digits;
}

} // namespace

int iin_check_digit(std::string_view digits) {
  for (int first_weight : {1, 3}) {
    int sum = 0;
    for (std::size_t i = 0; i < 11; ++i) sum += digit(digits, i) * static_cast<int>((first_weight - 1 + i) % 11 + 1);
    if (sum % 11 != 10) return sum % 11;
  }
  return -1;
}

int snils_checksum(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) sum += digit(digits, i) * static_cast<int>(9 - i);
  if (sum < 100) return sum;
  if (sum <= 101) return 0;
  return sum % 101 == 100 ? 0 : sum % 101;
}

std::string iin_birth_date(std::string_view digits) {
  if (digits.size() != 12) return "";
  int century = 0;
  switch (digits[6]) {
  case '1':
  case '2': century = 1800; break;
  case '3':
  case '4': century = 1900; break;
  case '5':
  case '6': century = 2000; break;
  default: return "";
  }
  int year = century + digit(digits, 0) * 10 + digit(digits, 1);
  std::string text = fmt::format("{:04}-{}{}-{}{}", year, digits[2], digits[3], digits[4], digits[5]);
  return date::parse_date(text) ? text : "";
}

Parsed parse(std::string_view typed) {
  bool only_separators = true;
  std::string digits = digits_of(typed, only_separators);
  if (!only_separators || digits.empty())
    return {std::nullopt, fmt::format("'{}' is not a national id: write the digits of an ИИН (12) or a СНИЛС (11)", typed)};
  if (digits.size() == 12) {
    int check = iin_check_digit(digits);
    if (check < 0) return {std::nullopt, fmt::format("'{}' is not a valid ИИН: no check digit fits its first 11 digits", typed)};
    if (check != digit(digits, 11))
      return {std::nullopt,
              fmt::format("'{}' is not a valid ИИН: its check digit is {}, not {}; check the number on the document", typed,
                          check, digits[11])};
    // A person's ИИН begins with the birth date; its 7th digit names the century (0: some given to
    // foreigners, which carry no date).
    if (digits[6] >= '1' && digits[6] <= '6' && iin_birth_date(digits).empty())
      return {std::nullopt,
              fmt::format("'{}' is not a valid ИИН: its first six digits {} are no date (YYMMDD); check the number on "
                          "the document",
                          typed, digits.substr(0, 6))};
    return {Id{Kind::iin, digits}, ""};
  }
  if (digits.size() == 11) {
    bool checked = digits.substr(0, 9) > "001001998";
    int sum = snils_checksum(digits);
    if (checked && sum != digit(digits, 9) * 10 + digit(digits, 10))
      return {std::nullopt,
              fmt::format("'{}' is not a valid СНИЛС: its checksum is {:02}, not {}; check the number on the document", typed,
                          sum, digits.substr(9))};
    return {Id{Kind::snils, digits}, ""};
  }
  return {std::nullopt, fmt::format("'{}' has {} digits; an ИИН has 12, a СНИЛС 11", typed, digits.size())};
}

Kind kind_of(std::string_view digits) { return digits.size() == 11 ? Kind::snils : Kind::iin; }

const char* code_of(Kind kind) { return kind == Kind::iin ? "iin" : "snils"; }

const char* name_of(Kind kind) { return kind == Kind::iin ? "ИИН" : "СНИЛС"; }

} // namespace casectl::national_id
