#include "util/messages.hpp"

#include <doctest/doctest.h>

#include <map>

using namespace casectl;

namespace {

std::string language_with(std::map<std::string, std::string> env) {
  return messages::language_of_environment([&](const char* name) { return env.count(name) ? env.at(name) : std::string(); });
}

} // namespace

TEST_CASE("the language of messages the locale names") {
  CHECK(language_with({}) == "");
  CHECK(language_with({{"LANG", "ru_RU.UTF-8"}}) == "ru");
  CHECK(language_with({{"LANG", "kk_KZ.UTF-8@cyrillic"}}) == "kk");
  CHECK(language_with({{"LANG", "en_GB.UTF-8"}}) == "en");
  CHECK(language_with({{"LANG", "de_DE.UTF-8"}}) == "");
  // The C locale names no language; LC_ALL comes before LANG, LANGUAGE before both.
  CHECK(language_with({{"LC_ALL", "C.UTF-8"}, {"LANG", "ru_RU.UTF-8"}}) == "");
  CHECK(language_with({{"LC_ALL", "kk_KZ.UTF-8"}, {"LANG", "ru_RU.UTF-8"}}) == "kk");
  CHECK(language_with({{"LC_MESSAGES", "en_US.UTF-8"}, {"LANG", "ru_RU.UTF-8"}}) == "en");
  CHECK(language_with({{"LANGUAGE", "de:kk:ru"}, {"LANG", "ru_RU.UTF-8"}}) == "kk");
  CHECK(language_with({{"LANGUAGE", "de"}, {"LANG", "ru_RU.UTF-8"}}) == "ru");
}

TEST_CASE("messages in English need no catalog; a translation that does not format falls back") {
  CHECK(std::string(tr("case {} not found")) == "case {} not found");
  CHECK(trf("case {} not found", "2026-00001") == "case 2026-00001 not found");
  CHECK(ntrf("{} case", "{} cases", 1, 1) == "1 case");
  CHECK(ntrf("{} case", "{} cases", 5, 5) == "5 cases");
  CHECK(messages::format_translated("{} {} {}", "case {}", fmt::make_format_args("x")) == "case x");
}
