// Text in the encodings spreadsheets save, turned into UTF-8. Domain-free.
//
// Excel in a Russian locale saves "CSV" in Windows-1251 (CP1251), which has no Kazakh letters
// (ә ғ қ ң ө ұ ү һ і become '?'); KZ-1048 (RK1048, STRK1048-2002) is CP1251 with them. Both are
// converted with glibc's iconv, whose gconv modules come with libc6: no locale has to be generated.
#pragma once

#include "util/status.hpp"

#include <iconv.h>

#include <string>
#include <string_view>

namespace casectl::encoding {

enum class Encoding { utf8, cp1251, kz1048 };

// The encoding --encoding names: utf-8 (or utf8), cp1251 (or windows-1251), kz1048 (or rk1048),
// in any case. Fails with Status::usage naming `option` ("" for none: "'koi8' is not one of ...")
// and the encodings.
Result<Encoding> encoding_named(const std::string& name, const std::string& option = "--encoding");

// How messages and --help name it: "utf-8", "cp1251", "kz1048".
const char* name_of(Encoding encoding);

// Converts text from one encoding to UTF-8. Holds an iconv descriptor: make one for a whole file.
class Decoder {
 public:
  // Fails (Status::internal) only when this system's iconv lacks the encoding.
  static Result<Decoder> open(Encoding from);
  Decoder(Decoder&& other) noexcept;
  Decoder& operator=(Decoder&&) = delete;
  Decoder(const Decoder&) = delete;
  ~Decoder();

  Encoding from() const { return m_from; }
  // `text` in UTF-8. UTF-8 is checked, not converted. Fails with Status::invalid
  // "byte 5 (0x98) is not a character in cp1251" ("... is not valid UTF-8"; bytes counted from
  // 1) at the first byte that is not a character of the encoding.
  Result<std::string> to_utf8(std::string_view text);

 private:
  Decoder(Encoding from, iconv_t descriptor) : m_from(from), m_iconv(descriptor) {}
  Encoding m_from;
  iconv_t m_iconv;
};

} // namespace casectl::encoding
