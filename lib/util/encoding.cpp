#include "util/encoding.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace casectl::encoding {

namespace {
const iconv_t k_no_iconv = reinterpret_cast<iconv_t>(-1);

// glibc's names (iconv -l): KZ-1048 is known there as RK1048.
const char* iconv_name(Encoding encoding) {
  switch (encoding) {
  case Encoding::utf8: return "UTF-8";
  case Encoding::cp1251: return "CP1251";
  case Encoding::kz1048: return "RK1048";
  }
  return "UTF-8";
}

Status not_a_character(std::string_view text, std::size_t at, Encoding encoding) {
  return Status::invalid(
      trf("byte {} (0x{:02X}) is not {}", at + 1, static_cast<unsigned char>(text[at]),
          encoding == Encoding::utf8 ? std::string("valid UTF-8") : fmt::format("a character in {}", name_of(encoding))));
}
} // namespace

Result<Encoding> encoding_named(const std::string& name, const std::string& option) {
  std::string lower = text::casefold(name);
  if (lower == "utf-8" || lower == "utf8") return Encoding::utf8;
  if (lower == "cp1251" || lower == "windows-1251") return Encoding::cp1251;
  if (lower == "kz1048" || lower == "kz-1048" || lower == "rk1048") return Encoding::kz1048;
  return Status::usage(trf("{}'{}' is not one of utf-8, cp1251, kz1048{}", option.empty() ? "" : option + ": ", name,
                           text::did_you_mean(lower, {"utf-8", "cp1251", "kz1048"})));
}

const char* name_of(Encoding encoding) {
  switch (encoding) {
  case Encoding::utf8: return "utf-8";
  case Encoding::cp1251: return "cp1251";
  case Encoding::kz1048: return "kz1048";
  }
  return "utf-8";
}

Result<Decoder> Decoder::open(Encoding from) {
  if (from == Encoding::utf8) return Decoder(from, k_no_iconv);
  iconv_t descriptor = ::iconv_open("UTF-8", iconv_name(from));
  if (descriptor == k_no_iconv)
    return Status::internal(trf("this system's iconv cannot read {} ({}): {}; glibc's gconv modules (package "
                                "libc6) provide it",
                                name_of(from), iconv_name(from), std::strerror(errno)));
  return Decoder(from, descriptor);
}

Decoder::Decoder(Decoder&& other) noexcept : m_from(other.m_from), m_iconv(other.m_iconv) { other.m_iconv = k_no_iconv; }

Decoder::~Decoder() {
  if (m_iconv != k_no_iconv) ::iconv_close(m_iconv);
}

Result<std::string> Decoder::to_utf8(std::string_view text) {
  if (m_iconv == k_no_iconv) {
    std::size_t bad = text::first_invalid_utf8(text);
    if (bad != std::string_view::npos) return not_a_character(text, bad, m_from);
    return std::string(text);
  }
  ::iconv(m_iconv, nullptr, nullptr, nullptr, nullptr); // a fresh start: no state left from the last text
  // A single-byte encoding takes at most 3 bytes of UTF-8 per byte (the whole BMP).
  std::string out(text.size() * 3, '\0');
  char* in = const_cast<char*>(text.data()); // iconv's signature; it does not write there
  std::size_t in_left = text.size();
  char* to = out.data();
  std::size_t out_left = out.size();
  if (::iconv(m_iconv, &in, &in_left, &to, &out_left) == static_cast<std::size_t>(-1)) {
    std::size_t at = static_cast<std::size_t>(in - text.data());
    if (errno == EILSEQ || errno == EINVAL) return not_a_character(text, at, m_from);
    return Status::internal(trf("converting from {}: {}", name_of(m_from), std::strerror(errno)));
  }
  out.resize(out.size() - out_left);
  return out;
}

} // namespace casectl::encoding
