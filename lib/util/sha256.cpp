#include "util/sha256.hpp"

#include <nettle/sha2.h>

#include <array>

namespace casectl::digest {

namespace {

std::string hex_of(sha256_ctx& context) {
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&context, digest.size(), digest.data());
  static const char* const k_hex = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * digest.size());
  for (std::uint8_t byte : digest) {
    hex += k_hex[byte >> 4];
    hex += k_hex[byte & 0x0f];
  }
  return hex;
}

} // namespace

std::string sha256_hex(std::string_view bytes) {
  Sha256 digest;
  digest.add(bytes);
  return digest.hex();
}

Sha256::Sha256() : m_context(std::make_unique<sha256_ctx>()) { sha256_init(m_context.get()); }

Sha256::~Sha256() = default;

void Sha256::add(std::string_view bytes) {
  sha256_update(m_context.get(), bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
}

std::string Sha256::hex() { return hex_of(*m_context.get()); }

} // namespace casectl::digest
