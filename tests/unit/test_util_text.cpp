#include "util/text.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using namespace casectl;

TEST_CASE("is_valid_utf8 accepts Russian and Kazakh text and refuses malformed bytes") {
  SUBCASE("valid text") {
    CHECK(text::is_valid_utf8(""));
    CHECK(text::is_valid_utf8("Semenova"));
    CHECK(text::is_valid_utf8("Семёнова Айгерим"));
    CHECK(text::is_valid_utf8("әғқңөұүһі ӘҒҚҢӨҰҮҺІ"));
    CHECK(text::is_valid_utf8("王芳 😀")); // 3- and 4-byte sequences
  }
  SUBCASE("a stray byte") {
    CHECK_FALSE(text::is_valid_utf8("\xff"));
    CHECK_FALSE(text::is_valid_utf8("Сем\xff"
                                    "ёнова"));
    CHECK_FALSE(text::is_valid_utf8("\x80")); // a continuation byte with no lead
  }
  SUBCASE("overlong forms") {
    CHECK_FALSE(text::is_valid_utf8("\xc0\xaf")); // '/' in two bytes
    CHECK_FALSE(text::is_valid_utf8("\xc1\xbf"));
    CHECK_FALSE(text::is_valid_utf8("\xe0\x80\xaf"));     // '/' in three bytes
    CHECK_FALSE(text::is_valid_utf8("\xf0\x80\x80\xaf")); // '/' in four bytes
  }
  SUBCASE("surrogates and code points beyond U+10FFFF") {
    CHECK_FALSE(text::is_valid_utf8("\xed\xa0\x80"));     // U+D800
    CHECK_FALSE(text::is_valid_utf8("\xf4\x90\x80\x80")); // U+110000
  }
  SUBCASE("truncated sequences") {
    CHECK_FALSE(text::is_valid_utf8("\xd0"));         // first byte of 'С' only
    CHECK_FALSE(text::is_valid_utf8("Семёнов\xd0"));  // cut at the end
    CHECK_FALSE(text::is_valid_utf8("\xe2\x82"));     // two of the three bytes of '€'
    CHECK_FALSE(text::is_valid_utf8("\xf0\x9f\x98")); // three of the four bytes of an emoji
    CHECK_FALSE(text::is_valid_utf8("\xd0"
                                    "abc")); // lead byte followed by ASCII
  }
}

TEST_CASE("display_width counts terminal columns") {
  CHECK(text::display_width("") == 0);
  CHECK(text::display_width("abc") == 3);
  SUBCASE("Cyrillic letters take one column each") {
    CHECK(text::display_width("Семёнова") == 8);
    CHECK(text::display_width("әғқңөұүһі") == 9);
  }
  SUBCASE("CJK takes two columns") {
    CHECK(text::display_width("王芳") == 4);
    CHECK(text::display_width("a王") == 3);
    CHECK(text::display_width("😀") == 2);
  }
  SUBCASE("combining marks take none") {
    CHECK(text::display_width("е\u0308") == 1); // е + combining diaeresis
    CHECK(text::display_width("e\u0301") == 1);
  }
  SUBCASE("invalid bytes count one each, control characters none") {
    CHECK(text::display_width("\xff\xfe") == 2);
    CHECK(text::display_width("a\xd0") == 2);
    CHECK(text::display_width("a\tb") == 2);
    CHECK(text::display_width("\x1b") == 0);
  }
}

TEST_CASE("casefold folds Cyrillic, Kazakh and Latin capitals") {
  CHECK(text::casefold("СЕМЁНОВА") == "семёнова");
  CHECK(text::casefold("Семёнова") == text::casefold("семёнова"));
  CHECK(text::casefold("ӘҒҚҢӨҰҮҺІ") == "әғқңөұүһі");
  CHECK(text::casefold("Large-Family") == "large-family");
  SUBCASE("the result is NFC, so decomposed ё matches precomposed ё") { CHECK(text::casefold("Е\u0308") == "ё"); }
  SUBCASE("invalid UTF-8 comes back unchanged") { CHECK(text::casefold("AB\xff") == "AB\xff"); }
}

TEST_CASE("trim removes ASCII and Unicode white space from both ends only") {
  CHECK(text::trim("  Семёнова  ") == "Семёнова");
  CHECK(text::trim("\t\r\nАйгерим\n") == "Айгерим");
  CHECK(text::trim("\u00a0Семёнова\u00a0") == "Семёнова"); // no-break space
  CHECK(text::trim("\u3000\u2003әже\u2002") == "әже");     // ideographic, em and en spaces
  CHECK(text::trim(" Анна  Мария ") == "Анна  Мария");     // inner spaces stay
  CHECK(text::trim("   ") == "");
  CHECK(text::trim("\u00a0\u2003") == "");
  CHECK(text::trim("") == "");
  // Text that starts and ends with a letter or ASCII comes back whole; anything else is decoded.
  CHECK(text::trim("Анна  Мария") == "Анна  Мария");
  CHECK(text::trim("ул. Абая, 1") == "ул. Абая, 1");
  CHECK(text::trim("a") == "a");
  CHECK(text::trim("Ж \u00a0") == "Ж");
  CHECK(text::trim("\u00a0 Жұмабаева") == "Жұмабаева");
  CHECK(text::trim("Анна \xd0") == "Анна \xd0"); // a broken character is not a space
  CHECK(text::trim("\xe2\x80Анна") == "\xe2\x80Анна");
}

TEST_CASE("split keeps empty fields and join reverses it") {
  CHECK(text::split("a;;b", ';') == std::vector<std::string>{"a", "", "b"});
  CHECK(text::split("", ';') == std::vector<std::string>{""});
  CHECK(text::split(";", ';') == std::vector<std::string>{"", ""});
  CHECK(text::split("Аружан;дочь;", ';') == std::vector<std::string>{"Аружан", "дочь", ""});
  CHECK(text::split("no separator", ';') == std::vector<std::string>{"no separator"});
  CHECK(text::join({"a", "", "b"}, ";") == "a;;b");
  CHECK(text::join({}, ", ") == "");
  CHECK(text::join({"Алмалы"}, ", ") == "Алмалы");
}

TEST_CASE("edit_distance counts code points after case folding") {
  CHECK(text::edit_distance("kitten", "sitting") == 3);
  CHECK(text::edit_distance("", "") == 0);
  CHECK(text::edit_distance("", "әғқ") == 3);              // three letters, six bytes
  CHECK(text::edit_distance("Семёнова", "Семенова") == 1); // one letter differs, in two bytes
  CHECK(text::edit_distance("СЕМЁНОВА", "семёнова") == 0);
  CHECK(text::edit_distance("ҚАЗАҚ", "қазақ") == 0);
  CHECK(text::edit_distance("urgent", "urgnet") == 1); // a transposition is one edit
}

TEST_CASE("edit_distance counts two swapped neighbours as one edit (optimal string alignment)") {
  CHECK(text::edit_distance("lsit", "list") == 1);
  CHECK(text::edit_distance("lsit", "init") == 2);
  CHECK(text::edit_distance("opne", "open") == 1);
  CHECK(text::edit_distance("josn", "json") == 1);
  CHECK(text::edit_distance("ab", "ba") == 1);
  CHECK(text::edit_distance("Сменова", "Семнова") == 1); // Cyrillic letters swap as one edit too
  CHECK(text::edit_distance("abc", "ca") == 3);          // OSA: a swapped pair is not edited again (Damerau would say 2)
  CHECK(text::edit_distance("abcd", "badc") == 2);       // two separate swaps
  CHECK(text::edit_distance("list", "list") == 0);
  CHECK(text::edit_distance("list", "") == 4);
}

TEST_CASE("closest prefers the transposed word over an equally Levenshtein-distant one") {
  const std::vector<std::string> commands = {"init", "intake", "list", "log"};
  CHECK(text::closest("lsit", commands) == std::optional<std::string>("list"));
  CHECK(text::closest("opne", {"intake", "open", "closed"}) == std::optional<std::string>("open"));
  SUBCASE("words of three letters or fewer get one edit only") {
    CHECK(text::closest("jsn", {"as", "db", "json"}) == std::optional<std::string>("json"));
    CHECK(text::closest("xy", {"as", "db"}) == std::nullopt);
    CHECK(text::closest("lgo", {"log", "list"}) == std::optional<std::string>("log"));
  }
}

TEST_CASE("closest and did_you_mean suggest only likely typos") {
  const std::vector<std::string> urgencies = {"emergency", "urgent", "routine"};
  CHECK(text::closest("urgnet", urgencies) == std::optional<std::string>("urgent"));
  CHECK(text::closest("URGENT", urgencies) == std::optional<std::string>("urgent"));
  CHECK(text::did_you_mean("urgnet", urgencies) == " (did you mean 'urgent'?)");
  CHECK(text::closest("семенова", {"Петрова", "Семёнова"}) == std::optional<std::string>("Семёнова"));

  SUBCASE("nothing close enough") {
    CHECK(text::closest("xyz", urgencies) == std::nullopt);
    CHECK(text::did_you_mean("xyz", urgencies) == "");
    CHECK(text::closest("ab", {"abcde"}) == std::nullopt); // distance 3 on a short word
    CHECK(text::closest("anything", {}) == std::nullopt);
  }
  SUBCASE("long words allow a third of their length") {
    CHECK(text::closest("lage-fmly", {"large-family", "refugee"}) == std::optional<std::string>("large-family")); // 3 of 9
    CHECK(text::closest("lag-fmly", {"large-family"}) == std::nullopt);                                           // 4 of 8
  }
  SUBCASE("failing that, a candidate sharing the first five letters of a long enough input") {
    const std::vector<std::string> labels = {"Одинокий родитель", "Многодетная семья"};
    CHECK(text::closest("многодетные", labels) == std::optional<std::string>("Многодетная семья"));
    CHECK(text::did_you_mean("МНОГОДЕТНЫЕ", labels) == " (did you mean 'Многодетная семья'?)");
    CHECK(text::closest("многие", labels) == std::nullopt); // shares only four letters
    CHECK(text::closest("одино", labels) == std::optional<std::string>("Одинокий родитель"));
    CHECK(text::closest("один", labels) == std::nullopt); // too short for a stem
  }
}

TEST_CASE("parse_yes_no reads a yes or a no in English, Russian and Kazakh") {
  SUBCASE("yes") {
    for (const char* yes : {"yes", "Y", "true", "1", "да", " ДА ", "иә", "ИӘ"}) CHECK(text::parse_yes_no(yes) == true);
  }
  SUBCASE("no") {
    for (const char* no : {"no", "N", "FALSE", "0", "нет", "Нет", "жоқ", "ЖОҚ "}) CHECK(text::parse_yes_no(no) == false);
  }
  SUBCASE("anything else is neither") {
    for (const char* other : {"", "может быть", "2", "yess", "\xff"}) CHECK(text::parse_yes_no(other) == std::nullopt);
  }
}
