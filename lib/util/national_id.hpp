// National identifiers of people: Kazakhstan's ИИН and Russia's СНИЛС. Domain-free.
//
// ИИН (индивидуальный идентификационный номер): 12 digits. Digits 1-6 are the birth date YYMMDD,
// digit 7 the century and sex (1-2: 1800s, 3-4: 1900s, 5-6: 2000s; 0 in some numbers given to
// foreigners, which carry no date), digit 12 a check digit: the sum of digits 1-11 weighted 1..11,
// modulo 11; when that is 10, weighted 3,4,...,11,1,2 instead; a number whose second sum also gives
// 10 is never issued.
// СНИЛС (страховой номер индивидуального лицевого счёта): 11 digits, written "123-456-789 01": a
// 9-digit number and a 2-digit checksum, the sum of the 9 digits weighted 9..1 (right to left
// 1..9): under 100 it is the checksum, 100 and 101 give 00, above 101 it is taken modulo 101 (and
// 100 becomes 00). Numbers up to 001-001-998 were issued before the checksum and are not checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace casectl::national_id {

enum class Kind { iin, snils };

struct Id {
  Kind kind;
  std::string digits; // 12 (ИИН) or 11 (СНИЛС) digits, nothing else
};

// What people type: digits with spaces, hyphens or dots between them ("880115 400 123",
// "123-456-789 01"). Returns the id, or an error message in English that says what is wrong and
// how a valid one looks: "'12345' has 5 digits; an ИИН has 12, a СНИЛС 11",
// "'880115400124' is not a valid ИИН: its check digit is 3, not 4"; an ИИН whose 7th digit names
// a century (1-6) but whose first six digits are no date is refused too.
struct Parsed {
  std::optional<Id> id;
  std::string problem;
};
Parsed parse(std::string_view typed);

// The kind of stored digits (by their count): ИИН for 12, СНИЛС for 11.
Kind kind_of(std::string_view digits);
// "iin" or "snils": the code records and JSON carry.
const char* code_of(Kind kind);
// "ИИН" or "СНИЛС": how people in both countries name them, in any language.
const char* name_of(Kind kind);

// The birth date an ИИН holds, YYYY-MM-DD, or "" for a СНИЛС, or an ИИН whose 7th digit names no
// century or whose first six digits are no date.
std::string iin_birth_date(std::string_view digits);

// The check digit of the first 11 digits of an ИИН, or -1 when the number can have none.
int iin_check_digit(std::string_view digits);
// The checksum (0-99) of the first 9 digits of a СНИЛС.
int snils_checksum(std::string_view digits);

} // namespace casectl::national_id
