#include "util/date.hpp"
#include "util/national_id.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace casectl;

namespace {

std::string problem_of(const std::string& typed) { return national_id::parse(typed).problem; }

} // namespace

TEST_CASE("an ИИН: 12 digits, its check digit by the first weights or the second") {
  national_id::Parsed p = national_id::parse("880115 400 122");
  REQUIRE(p.id);
  CHECK(p.id->kind == national_id::Kind::iin);
  CHECK(p.id->digits == "880115400122");
  CHECK(national_id::iin_check_digit("88011540012") == 2);
  CHECK(national_id::iin_check_digit("10000000000") == 1); // weights 1..11: 1*1
  CHECK(national_id::iin_check_digit("00000000100") == 9); // 1*9
  // 1*10 = 10 by the first weights: the second (3, 4, ..., 11, 1, 2) give the 10th digit 1.
  CHECK(national_id::iin_check_digit("00000000010") == 1);
  CHECK(problem_of("880115400123") ==
        "'880115400123' is not a valid ИИН: its check digit is 2, not 3; check the number on the document");
}

TEST_CASE("an ИИН's birth date, by its 7th digit's century") {
  CHECK(national_id::iin_birth_date("880115400122") == "1988-01-15");
  CHECK(national_id::iin_birth_date("150302500123") == "2015-03-02");
  CHECK(national_id::iin_birth_date("150302000123") == ""); // a 7th digit naming no century
  CHECK(national_id::iin_birth_date("151302500123") == ""); // month 13: no date
  CHECK(national_id::iin_birth_date("11223344595") == "");  // a СНИЛС
}

TEST_CASE("an ИИН whose 7th digit names a century must begin with a real date") {
  // 881315400122: month 13, its check digit right.
  CHECK(problem_of("881315400122") ==
        "'881315400122' is not a valid ИИН: its first six digits 881315 are no date (YYMMDD); check the number on the "
        "document");
  // A 7th digit 0 (some numbers given to foreigners) carries no date: only the check digit counts.
  national_id::Parsed foreign = national_id::parse("880115000127");
  REQUIRE(foreign.id);
  CHECK(national_id::iin_birth_date(foreign.id->digits) == "");
}

TEST_CASE("a СНИЛС: 11 digits and its checksum, from 100 up taken modulo 101") {
  national_id::Parsed p = national_id::parse("112-233-445 95");
  REQUIRE(p.id);
  CHECK(p.id->kind == national_id::Kind::snils);
  CHECK(p.id->digits == "11223344595");
  CHECK(national_id::snils_checksum("112233445") == 95);
  // 9 digits 9: 9*(9+8+...+1) = 405 -> 405 mod 101 = 1.
  CHECK(national_id::snils_checksum("999999999") == 1);
  CHECK(problem_of("112-233-445 96") ==
        "'112-233-445 96' is not a valid СНИЛС: its checksum is 95, not 96; check the number on the document");
  // Numbers up to 001-001-998 were issued before the checksum: any two digits pass.
  CHECK(national_id::parse("001-001-998 77").id);
}

TEST_CASE("what is not a national id says what one looks like") {
  CHECK(problem_of("12345") == "'12345' has 5 digits; an ИИН has 12, a СНИЛС 11");
  CHECK(problem_of("ИИН 880115400122") ==
        "'ИИН 880115400122' is not a national id: write the digits of an ИИН (12) or a СНИЛС (11)");
  CHECK(problem_of("- -") == "'- -' is not a national id: write the digits of an ИИН (12) or a СНИЛС (11)");
}

TEST_CASE("age at a date, compared as text: a 29 February birthday comes on 1 March") {
  CHECK(date::age_on("1988-01-15", "2026-12-03") == 38);
  CHECK(date::age_on("2008-12-04", "2026-12-03") == 17);
  CHECK(date::age_on("2008-12-03", "2026-12-03") == 18);
  CHECK(date::age_on("2008-02-29", "2026-02-28") == 17);
  CHECK(date::age_on("2008-02-29", "2026-03-01") == 18);
  CHECK(!date::age_on("2027-01-01", "2026-12-03"));
  CHECK(!date::age_on("", "2026-12-03"));
  CHECK(date::minors_cutoff("2026-12-03") == "2008-12-03");
  CHECK(std::string("2008-12-04") > date::minors_cutoff("2026-12-03")); // a minor that day
  CHECK(!(std::string("2008-12-03") > date::minors_cutoff("2026-12-03")));
}
