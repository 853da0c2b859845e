// SHA-256 (FIPS 180-4) through Debian's libnettle. Domain-free.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct sha256_ctx; // nettle's

namespace casectl::digest {

// The SHA-256 digest of `bytes`, as 64 lowercase hexadecimal digits. Never fails.
std::string sha256_hex(std::string_view bytes);

// The same digest over bytes given piece by piece: add() any number of times, then hex() once.
// For data too large to hold at once (every row of a table).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  void add(std::string_view bytes);
  std::string hex(); // ends the digest: add() after it starts nothing new

 private:
  std::unique_ptr<sha256_ctx> m_context;
};

} // namespace casectl::digest
