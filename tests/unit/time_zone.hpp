// A time zone for one test: sets the process's local zone and puts the one before back, so that
// tests of local days and local times do not depend on the machine's zone nor on each other.
#pragma once

#include "util/date.hpp"

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace casectl::testing {

struct ZoneForTest {
  std::optional<std::string> before;
  explicit ZoneForTest(const std::string& zone) {
    if (const char* tz = std::getenv("TZ")) before = tz;
    date::use_time_zone(zone);
  }
  ~ZoneForTest() {
    if (before) {
      date::use_time_zone(*before);
    } else {
      ::unsetenv("TZ");
      ::tzset();
    }
  }
  ZoneForTest(const ZoneForTest&) = delete;
  ZoneForTest& operator=(const ZoneForTest&) = delete;
};

} // namespace casectl::testing
