// Messages in the user's language: errors, warnings and summaries are written in English in the
// source and translated at run time with GNU gettext from the catalogs po/ru.po and po/kk.po
// (compiled by the build into share/locale/<language>/LC_MESSAGES/casectl.mo).
//
//   return Status::invalid(trf("'{}' is not a date; write {}", text, forms));
//   std::string summary = ntrf("{} case created", "{} cases created", n, n);
//
// tr, trf and ntrf mark the English text for xgettext (po/update.sh) and look it up in the catalog
// of the language chosen by use_language(); with no catalog, or in English, the text is as written.
// A translation is a fmt format string with the same {} fields as the English; one that does not
// format (a catalog error) gives the English instead, so a bad catalog never loses a message.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string>

namespace casectl {

namespace messages {

// The language of messages the process environment names: the first known language of LANGUAGE (a
// list, "de:kk" → "kk"), else the language of the first of LC_ALL, LC_MESSAGES and LANG that is set
// ("ru_RU.UTF-8" → "ru", "kk_KZ" → "kk", "en_GB" → "en"); "" when that one names another language
// or the C locale, or none is set. LANGUAGE is the user's, also after use_language() set its own
// for gettext.
std::string language_of_environment(const std::function<std::string(const char*)>& getenv);

// Translates from now on into `language` ("ru", "kk"; "en" or anything else: as written). Works
// on a machine with no locales generated: it needs only the catalogs and glibc's built-in C.UTF-8.
// The catalogs are looked for in $CASECTL_LOCALEDIR, then beside the binary (share/locale in the
// build tree), then in ../share/locale from the binary (an installed casectl).
void use_language(const std::string& language);

// The language use_language() chose ("en" before any call).
const std::string& language();

// The translation of `english`, or `english` itself.
const char* translated(const char* english);

// The translation of `singular`/`plural` for the count `n` (Russian has three forms, Kazakh two).
const char* translated_plural(const char* singular, const char* plural, unsigned long n);

// fmt::vformat of `translation`, falling back to `english` when the translation does not format.
std::string format_translated(const char* translation, const char* english, fmt::format_args args);

} // namespace messages

// Marks a message and translates it.
inline const char* tr(const char* english) { return messages::translated(english); }

// Marks a fmt format string, translates it and formats it with `args`.
template <typename... Args> std::string trf(const char* english, Args&&... args) {
  return messages::format_translated(messages::translated(english), english, fmt::make_format_args(args...));
}

// The same for a message with a count `n` that chooses the plural form; `args` are formatted (n
// among them if the text shows it).
template <typename... Args> std::string ntrf(const char* singular, const char* plural, unsigned long n, Args&&... args) {
  return messages::format_translated(messages::translated_plural(singular, plural, n), n == 1 ? singular : plural,
                                     fmt::make_format_args(args...));
}

} // namespace casectl
