// Shared test fixtures: the built-in configuration and a fixed clock, so that every test sees the
// same config and the same "today" and nothing reads the real environment or home.
#pragma once

#include "config/config.hpp"
#include "temp_dir.hpp"
#include "util/date.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

namespace casectl::testing {

// The built-in configuration: no files, an empty environment.
inline config::Config builtin_config() {
  TempDir dir;
  config::Sources s;
  s.system_file = dir.path("system.toml");
  s.user_file = dir.path("user.toml");
  s.project_file = dir.path("casectl.toml");
  s.getenv = [](const char*) { return std::string(); };
  Result<config::Config> c = config::load(s);
  REQUIRE_MESSAGE(c.is_ok(), c.status().message());
  return *c;
}

inline date::Date ymd(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return date::Date{year{y} / month{m} / day{d}};
}

// 15 March 2026, 09:30 UTC.
// The business day 2026-03-15 09:30; the real moment (what the journal records) a fixed later one.
inline const date::Clock k_clock{ymd(2026, 3, 15),
                                 date::start_of(ymd(2026, 3, 15)) + std::chrono::hours{9} + std::chrono::minutes{30},
                                 date::start_of(ymd(2026, 11, 30)) + std::chrono::hours{12}};

} // namespace casectl::testing
