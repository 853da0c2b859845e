#include "util/encoding.hpp"

#include <doctest/doctest.h>

using namespace casectl;
using encoding::Decoder;
using encoding::Encoding;

namespace {
// `text` from `from` in UTF-8, or the failure's message prefixed with "failed: ".
std::string decoded(Encoding from, std::string_view text) {
  Result<Decoder> decoder = Decoder::open(from);
  REQUIRE(decoder);
  Result<std::string> out = decoder->to_utf8(text);
  return out ? *out : "failed: " + out.status().message();
}
} // namespace

TEST_CASE("encoding_named takes the names people write and refuses others naming the option") {
  CHECK(*encoding::encoding_named("utf-8") == Encoding::utf8);
  CHECK(*encoding::encoding_named("UTF8") == Encoding::utf8);
  CHECK(*encoding::encoding_named("cp1251") == Encoding::cp1251);
  CHECK(*encoding::encoding_named("Windows-1251") == Encoding::cp1251);
  CHECK(*encoding::encoding_named("kz1048") == Encoding::kz1048);
  CHECK(*encoding::encoding_named("KZ-1048") == Encoding::kz1048);
  CHECK(*encoding::encoding_named("RK1048") == Encoding::kz1048);
  Result<Encoding> wrong = encoding::encoding_named("cp1252");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.status().kind() == ErrorKind::usage);
  CHECK(wrong.status().message() == "--encoding: 'cp1252' is not one of utf-8, cp1251, kz1048 (did you mean 'cp1251'?)");
  CHECK(encoding::encoding_named("latin1", "--from-encoding").status().message().rfind("--from-encoding: 'latin1'", 0) == 0);
  CHECK(encoding::encoding_named("latin1", "").status().message() == "'latin1' is not one of utf-8, cp1251, kz1048");
}

TEST_CASE("Decoder turns CP1251 into UTF-8") {
  // "Семёнова Анна, ул. Абая" as Excel in a Russian locale saves it.
  CHECK(decoded(Encoding::cp1251, "\xD1\xE5\xEC\xB8\xED\xEE\xE2\xE0 \xC0\xED\xED\xE0, \xF3\xEB. \xC0\xE1\xE0\xFF") ==
        "Семёнова Анна, ул. Абая");
  CHECK(decoded(Encoding::cp1251, "\xA8\xEB\xEA\xE8\xED") == "Ёлкин");
  CHECK(decoded(Encoding::cp1251, "\xB9 5") == "№ 5");
  CHECK(decoded(Encoding::cp1251, "plain ASCII; \"quoted\"") == "plain ASCII; \"quoted\"");
  CHECK(decoded(Encoding::cp1251, "") == "");
  SUBCASE("the one byte CP1251 leaves undefined is refused, counted from 1") {
    CHECK(decoded(Encoding::cp1251, "\xC8\xE2\xE0\x98") == "failed: byte 4 (0x98) is not a character in cp1251");
  }
  SUBCASE("one decoder serves many fields: a failure leaves nothing behind") {
    Result<Decoder> decoder = Decoder::open(Encoding::cp1251);
    REQUIRE(decoder);
    CHECK_FALSE(decoder->to_utf8("\x98"));
    CHECK(*decoder->to_utf8("\xC0") == "А");
  }
}

TEST_CASE("Decoder turns KZ-1048 into UTF-8, Kazakh letters included") {
  // ә ғ қ ң ө ұ ү һ і and their capitals, where KZ-1048 (RK1048) puts them.
  CHECK(decoded(Encoding::kz1048, "\xa3\xeb\xe8\xe5\xe2 \xcd\xa2\xf0\xeb\xe0\xed") == "Әлиев Нұрлан");
  CHECK(decoded(Encoding::kz1048, "\xc6\xa2\xec\xe0\xe1\xe0\xe5\xe2\xe0 \xc3\xbf\xeb\xed\xe0\xf0") == "Жұмабаева Гүлнар");
  CHECK(decoded(Encoding::kz1048, "\xbc\xba\x9d\xbe\xb4\xa2\xbf\x9e\xb3 \xa3\xaa\x8d\xbd\xa5\xa1\xaf\x8e\xb2") ==
        "әғқңөұүһі ӘҒҚҢӨҰҮҺІ");
  CHECK(decoded(Encoding::kz1048, "\x98") == "failed: byte 1 (0x98) is not a character in kz1048");
}

TEST_CASE("Decoder from UTF-8 checks and keeps the text") {
  CHECK(decoded(Encoding::utf8, "Жұмабаева Гүлнар") == "Жұмабаева Гүлнар");
  CHECK(decoded(Encoding::utf8, "Сем\xD1\xE5") == "failed: byte 7 (0xD1) is not valid UTF-8");
  CHECK(decoded(Encoding::utf8, "\xEF\xBB") == "failed: byte 1 (0xEF) is not valid UTF-8");
}
