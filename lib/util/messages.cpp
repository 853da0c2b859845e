#include "util/messages.hpp"

#include "util/files.hpp"

#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <optional>
#include <cstdlib>
#include <vector>

// glibc's counter of catalog changes: raised after LANGUAGE changes, so that translations looked up
// in the language before are not reused from its cache (the GNU gettext manual, "Being a
// `gettext` grok", says to).
extern "C" int _nl_msg_cat_cntr;

namespace casectl::messages {

namespace {

constexpr const char* k_domain = "casectl";

std::string& chosen() {
  static std::string language = "en";
  return language;
}

// The user's LANGUAGE before use_language() set its own (nullopt until then): what the process
// environment said, for language_of_environment().
std::optional<std::string>& users_language_variable() {
  static std::optional<std::string> value;
  return value;
}

// "ru_RU.UTF-8", "ru", "kk_KZ@cyrillic" → "ru", "kk"; the first item of a LANGUAGE list.
std::string language_part(std::string value) {
  value = value.substr(0, value.find(':'));
  value = value.substr(0, value.find_first_of("_.@"));
  return value == "ru" || value == "kk" || value == "en" ? value : "";
}

std::string directory_of_binary() {
  std::vector<char> path(4096);
  ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (n <= 0) return "";
  std::string exe(path.data(), static_cast<std::size_t>(n));
  return exe.substr(0, exe.rfind('/'));
}

// Where the compiled catalogs are: the first directory that has this language's.
std::string catalog_directory(const std::string& language) {
  std::vector<std::string> candidates;
  if (std::string given = files::env("CASECTL_LOCALEDIR"); !given.empty()) candidates.push_back(given);
  std::string bin = directory_of_binary();
  if (!bin.empty()) {
    candidates.push_back(bin + "/share/locale");
    candidates.push_back(bin + "/../share/locale");
  }
  for (const std::string& dir : candidates)
    if (files::exists(dir + "/" + language + "/LC_MESSAGES/" + k_domain + ".mo")) return dir;
  return "";
}

} // namespace

std::string language_of_environment(const std::function<std::string(const char*)>& getenv) {
  for (const char* name : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}) {
    bool ours = std::string(name) == "LANGUAGE" && users_language_variable();
    std::string value = ours ? *users_language_variable() : getenv(name);
    if (value.empty()) continue;
    // The C locale names no language; LANGUAGE is a list whose first known item counts.
    if (std::string(name) == "LANGUAGE") {
      std::string::size_type start = 0;
      while (start <= value.size()) {
        std::string::size_type end = value.find(':', start);
        std::string language = language_part(value.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (!language.empty()) return language;
        if (end == std::string::npos) break;
        start = end + 1;
      }
      continue;
    }
    return language_part(value);
  }
  return "";
}

void use_language(const std::string& language) {
  chosen() = language == "ru" || language == "kk" ? language : "en";
  if (chosen() == "en") {
    // Back to English after another language: the user's LANGUAGE and the C locale's messages
    // again, for strerror() and the libraries' own messages.
    if (users_language_variable()) {
      if (users_language_variable()->empty()) ::unsetenv("LANGUAGE");
      else ::setenv("LANGUAGE", users_language_variable()->c_str(), 1);
      std::setlocale(LC_MESSAGES, "C");
      ++_nl_msg_cat_cntr;
    }
    return;
  }
  std::string dir = catalog_directory(chosen());
  if (dir.empty()) return; // no catalog: messages stay in English
  // gettext ignores LANGUAGE in the C locale, and a machine may have no locale generated but
  // glibc's built-in C.UTF-8: take that for messages and name the language through LANGUAGE.
  if (!std::setlocale(LC_MESSAGES, "C.UTF-8")) std::setlocale(LC_MESSAGES, "");
  if (!users_language_variable()) users_language_variable() = files::env("LANGUAGE");
  ::setenv("LANGUAGE", chosen().c_str(), 1);
  ++_nl_msg_cat_cntr;
  ::bindtextdomain(k_domain, dir.c_str());
  ::bind_textdomain_codeset(k_domain, "UTF-8");
}

const std::string& language() { return chosen(); }

const char* translated(const char* english) {
  if (chosen() == "en" || !english || !*english) return english;
  return ::dgettext(k_domain, english);
}

const char* translated_plural(const char* singular, const char* plural, unsigned long n) {
  if (chosen() == "en") return n == 1 ? singular : plural;
  return ::dngettext(k_domain, singular, plural, n);
}

std::string format_translated(const char* translation, const char* english, fmt::format_args args) {
  try {
    return fmt::vformat(translation, args);
  } catch (const fmt::format_error&) {
    return fmt::vformat(english, args);
  }
}

} // namespace casectl::messages
