#include "cases/intake.hpp"

#include "store/case_queries.hpp"
#include "store/store.hpp"
#include "temp_dir.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace casectl;
using namespace std::chrono;
using casectl::testing::TempDir;

namespace {

// The built-in configuration: no files, an empty environment.
config::Config builtin_config() {
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

date::Date ymd(int y, unsigned m, unsigned d) { return date::Date{year{y} / month{m} / day{d}}; }

// 15 March 2026, 09:30 UTC.
const date::Clock k_clock{ymd(2026, 3, 15), date::start_of(ymd(2026, 3, 15)) + hours{9} + minutes{30}};

IntakeRequest named(const std::string& name) {
  IntakeRequest r;
  r.name = name;
  return r;
}

Case prepared(const IntakeRequest& r, const config::Config& c = builtin_config()) {
  Result<Case> prepared = prepare_case(r, c, k_clock);
  REQUIRE_MESSAGE(prepared.is_ok(), prepared.status().message());
  return *prepared;
}

// Checks that `r` is refused with exactly these lines, in this order.
void check_refused(const IntakeRequest& r, const std::vector<std::string>& lines,
                   const config::Config& c = builtin_config()) {
  Result<Case> prepared = prepare_case(r, c, k_clock);
  REQUIRE_FALSE(prepared.is_ok());
  CHECK(prepared.status().kind() == ErrorKind::invalid_input);
  CHECK(prepared.status().message() == "the case was not registered:\n  " + text_join(lines));
}

} // namespace
