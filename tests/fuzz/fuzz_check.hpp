// What the harnesses share: an invariant check that crashes the fuzzer (so that libFuzzer saves
// the input as a crash file), and the input as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

// Fails the run when `condition` is false: prints what broke and aborts. Not assert(): it must
// hold whatever NDEBUG says.
#define FUZZ_CHECK(condition, what)                                                                                              \
  do {                                                                                                                           \
    if (!(condition)) {                                                                                                          \
      std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", __FILE__, __LINE__, what);                                    \
      std::abort();                                                                                                              \
    }                                                                                                                            \
  } while (0)

inline std::string input_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}
