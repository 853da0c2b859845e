// Search keys and the text helpers of names (lib/util/search_key, lib/util/text) on any bytes.
// Invariants: search_key gives valid UTF-8, words separated by single spaces with none at either
// end; phone_key gives "" or 5 to 10 digits; display_width counts at most 2 columns a byte;
// sort_key is deterministic.
#include "fuzz_check.hpp"

#include "util/search_key.hpp"
#include "util/text.hpp"

using namespace casectl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text = input_text(data, size);

  std::string key = text::search_key(text);
  FUZZ_CHECK(text::is_valid_utf8(key), "search_key gave invalid UTF-8");
  FUZZ_CHECK(key.find("  ") == std::string::npos, "search_key left two spaces together");
  FUZZ_CHECK(key.empty() || (key.front() != ' ' && key.back() != ' '), "search_key left a space at an end");

  std::string phone = text::phone_key(text);
  FUZZ_CHECK(phone.empty() || (phone.size() >= 5 && phone.size() <= 10), "phone_key of a wrong length");
  for (char c : phone) FUZZ_CHECK(c >= '0' && c <= '9', "phone_key gave something but digits");

  FUZZ_CHECK(text::sort_key(text) == text::sort_key(text), "sort_key is not deterministic");
  FUZZ_CHECK(text::display_width(text) <= 2 * size, "display_width above 2 columns a byte");

  if (text::is_valid_utf8(text)) {
    FUZZ_CHECK(text::is_valid_utf8(text::casefold(text)), "casefold of valid UTF-8 gave invalid UTF-8");
    FUZZ_CHECK(text::is_valid_utf8(text::trim(text)), "trim of valid UTF-8 gave invalid UTF-8");
  }
  return 0;
}
