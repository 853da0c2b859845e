#include "util/sha256.hpp"

#include <doctest/doctest.h>

using casectl::digest::sha256_hex;

TEST_CASE("sha256_hex gives the FIPS 180-4 test vectors") {
  SUBCASE("the empty message") { CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"); }
  SUBCASE("abc") { CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); }
  SUBCASE("two blocks") {
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }
}

TEST_CASE("Sha256 given the message piece by piece gives the digest of the whole") {
  casectl::digest::Sha256 pieces;
  pieces.add("abcdbcdecdefdefg");
  pieces.add("");
  pieces.add("efghfghighijhijkijkljklmklmnlmnomnopnopq");
  CHECK(pieces.hex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  casectl::digest::Sha256 nothing;
  CHECK(nothing.hex() == sha256_hex(""));
}
