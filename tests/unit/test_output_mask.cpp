#include "output/mask.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;

namespace {

// The people of a case: a household, a referrer, a Kazakh family, an address, a
// phone, an id and a birth date, as the case record holds them.
redact::People household() {
  redact::People p;
  p.names = {"Сидоров Иван Петрович", "Петрова Ольга",   "Сапаров Ерлан", "Гүлнұр Сапарова", "Ким Вера",
             "Ковальская Мария",      "Семья Тарасовых", "Алексей",       "Игорь Л."};
  p.addresses = {"г. Алматы, ул. Абая 10, кв. 5"};
  p.phones = {"+7 (701) 123-45-67"};
  p.ids = {"880312400123"};
  p.birth_dates = {"1988-03-12"};
  return p;
}

std::string masked(const std::string& text) { return redact::masked_text(text, household(), "[адрес скрыт]"); }

struct Phrase {
  const char* text;
  const char* expected;
};

} // namespace

TEST_CASE("masked_text: the people of the case in every grammatical case the "
          "masking claims") {
  const std::vector<Phrase> corpus = {
      // Russian surname in -ов: nominative, genitive, dative, instrumental, prepositional, plural.
      {"Сидоров бьёт", "С. бьёт"},
      {"жалоба на Сидорова", "жалоба на С."},
      {"звонили Сидорову", "звонили С."},
      {"беседа с Сидоровым", "беседа с С."},
      {"говорили о Сидорове", "говорили о С."},
      {"у Сидоровых долги", "у С. долги"},
      {"со Сидоровыми", "со С."},
      // Female surname in -ова.
      {"Петрова пришла", "П. пришла"},
      {"у Петровой трое детей", "у П. трое детей"},
      {"видели Петрову", "видели П."},
      // First name in -а.
      {"Ольга работает", "О. работает"},
      {"у Ольги нет работы", "у О. нет работы"},
      {"помочь Ольге", "помочь О."},
      {"навестить Ольгу", "навестить О."},
      {"с Ольгой", "с О."},
      // First name and patronymic of a man; a name in -ей; a name in -ь; in -ия.
      {"с Иваном Петровичем", "с И. П."},
      {"Ивану Петровичу", "И. П."},
      {"у Алексея", "у А."},
      {"с Алексеем", "с А."},
      {"Игоря нет", "И. нет"},
      {"Марии и Марию", "М. и М."},
      // Adjective-like surname in -ская.
      {"у Ковальской", "у К."},
      {"видели Ковальскую", "видели К."},
      // A short surname.
      {"Кима нет дома", "К. нет дома"},
      {"Киму звонили", "К. звонили"},
      // Kazakh case suffixes.
      {"Сапаровқа хабарласу", "С. хабарласу"},
      {"Сапаровтың үйі", "С. үйі"},
      {"Гүлнұрға көмек", "Г. көмек"},
      {"Гүлнұрдың анасы", "Г. анасы"},
      {"Ерланмен сөйлестік", "Е. сөйлестік"},
      {"Сапарованың қызы", "С. қызы"},
      // Any letter case; ё read as е.
      {"СИДОРОВ и сидорова", "С. и С."},
      // The family's name, not the word "семья".
      {"семья Тарасовых в беде", "семья Т. в беде"},
      {"Тарасова обратилась", "Т. обратилась"},
      // Phones in any punctuation.
      {"тел. +7 (701) 123-45-67", "тел. +* (***) ***-**-67"},
      {"тел. 87011234567.", "тел. *********67."},
      {"звонить 8 701 123 45 67 вечером", "звонить * *** *** ** 67 вечером"},
      {"местный 123-45-67", "местный ***-**-67"},
      // Birth dates in DD.MM.YYYY and ISO forms.
      {"родилась 12.03.1988 в Алматы", "родилась 1988 в [адрес скрыт]"},
      {"д.р. 1988-03-12", "д.р. 1988"},
      {"д.р. 12/03/1988", "д.р. 1988"},
      {"д.р. 12-03-1988", "д.р. 1988"},
      // The external id.
      {"ИИН 880312400123", "ИИН **********23"},
      // Street names, in their forms.
      {"живут на ул. Абая 10", "живут на ул. [адрес скрыт] 10"},
      {"Абаяда тұрады", "[адрес скрыт] тұрады"},
  };
  CHECK(corpus.size() >= 30);
  for (const Phrase& p : corpus) {
    CAPTURE(p.text);
    CHECK(masked(p.text) == p.expected);
  }
}

TEST_CASE("masked_text: what is not the case's people stays") {
  const std::vector<const char*> kept = {
      "Сидорчук пришёл",              // another surname sharing letters
      "Иванова Анна",                 // Иванова is not a form of Иван
      "Ольгинская улица",             // a name's stem, then no ending
      "семья в трудной ситуации",     // "семья" of "Семья Тарасовых" is not a name
      "тел. школы 8 727 000 00 00",   // another phone
      "13.03.1988 и 1988-03-13",      // other dates
      "880312400124",                 // another id
      "в 10 классе, 2 раза в неделю", // short numbers
      "Л. и И. пришли",               // one-letter words are initials, not names
      "",
  };
  for (const char* text : kept) {
    CAPTURE(text);
    CHECK(masked(text) == text);
  }
}

TEST_CASE("masked_text: nobody known, nothing changes; invalid bytes are kept") {
  CHECK(redact::masked_text("Сидоров бьёт", {}, "[x]") == "Сидоров бьёт");
  CHECK(masked("\xff Сидоров\xfe") == "\xff С.\xfe");
}

TEST_CASE("name_stems, is_form_of, street_words") {
  SUBCASE("the stems: the word and the word less one ending, at least three "
          "letters left") {
    CHECK(redact::name_stems("ольга") == std::vector<std::string>{"ольга", "ольг"});
    CHECK(redact::name_stems("сидоров") == std::vector<std::string>{"сидоров"});
    CHECK(redact::name_stems("ли") == std::vector<std::string>{"ли"});
    CHECK(redact::name_stems("л").empty());
    CHECK(redact::name_stems("семья").empty());
  }
  SUBCASE("forms") {
    CHECK(redact::is_form_of("Сидоровым", "Сидоров"));
    CHECK(redact::is_form_of("Петровой", "Петрова"));
    CHECK(redact::is_form_of("Семёновой", "Семенова"));
    CHECK(redact::is_form_of("Ли", "Ли"));
    CHECK_FALSE(redact::is_form_of("Лиза", "Ли")); // a short name matches only itself
    CHECK_FALSE(redact::is_form_of("Сидорчук", "Сидоров"));
  }
  SUBCASE("street words leave out kinds of place, numbers and short words") {
    CHECK(redact::street_words("г. Алматы, ул. Абая 10, кв. 5") == std::vector<std::string>{"Алматы", "Абая"});
    CHECK(redact::street_words("мкр Самал-2, д. 5") == std::vector<std::string>{"Самал"});
    CHECK(redact::street_words("Абай даңғылы 10") == std::vector<std::string>{"Абай"});
  }
}
