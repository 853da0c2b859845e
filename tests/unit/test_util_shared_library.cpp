#include "util/shared_library.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <string>

using namespace casectl;

TEST_CASE("shared_library: a library that is not there says what cannot be done and the package to install") {
  void* slot = nullptr;
  Status s =
      shared_library::load({"libcasectl-nothing.so.9", "libnothing9", "open a store of that kind"}, {{"nothing_at_all", &slot}});
  REQUIRE(!s.is_ok());
  CHECK(s.kind() == ErrorKind::cannot_write);
  CHECK(s.message().rfind("cannot open a store of that kind: the library libcasectl-nothing.so.9 is not installed (", 0) == 0);
  CHECK(s.message().find("on Debian: apt-get install libnothing9") != std::string::npos);
  CHECK(slot == nullptr);
}

TEST_CASE("shared_library: the functions are found; a missing one is named") {
  decltype(&::strlen) found = nullptr;
  void* missing = nullptr;
  Status s = shared_library::load({"libc.so.6", "libc6", "measure text"},
                                  {{"strlen", reinterpret_cast<void**>(&found)}, {"casectl_no_such_function", &missing}});
  REQUIRE(!s.is_ok());
  CHECK(s.message() == "cannot measure text: the library libc.so.6 has no casectl_no_such_function; install a newer libc6");
  REQUIRE(static_cast<bool>(found));
  CHECK(found("семья") == std::strlen("семья"));
  Status fine = shared_library::load({"libc.so.6", "libc6", "measure text"}, {{"strlen", reinterpret_cast<void**>(&found)}});
  CHECK(fine.is_ok());
}
