// SHA-256 (FIPS 180-4) through Debian's libnettle. Domain-free.
#pragma once

#include <string>
#include <string_view>

namespace casectl::digest {

// The SHA-256 digest of `bytes`, as 64 lowercase hexadecimal digits. Never fails.
std::string sha256_hex(std::string_view bytes);

} // namespace casectl::digest
