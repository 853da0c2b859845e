#include "output/redact.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;

TEST_CASE("initials: the first letter of each word, in upper case") {
  SUBCASE("Russian names") {
    CHECK(redact::initials("Ахметова Айгерим Сериковна") == "А. А. С.");
    CHECK(redact::initials("семёнова ёлка") == "С. Ё.");
    CHECK(redact::initials("Семёновы") == "С.");
  }
  SUBCASE("Kazakh letters are kept, not transliterated") {
    CHECK(redact::initials("Әбдіқызы Ұлжан") == "Ә. Ұ.");
    CHECK(redact::initials("ғалым құрманғали өмірбек үкібай һәм іңкәр") == "Ғ. Қ. Ө. Ү. Һ. І.");
  }
  SUBCASE("Latin transliterations") { CHECK(redact::initials("Semyonova Aigul") == "S. A."); }
  SUBCASE("white space of any kind separates words; a hyphenated name is one word") {
    CHECK(redact::initials("  Ким\tОльга\u00a0Петровна ") == "К. О. П.");
    CHECK(redact::initials("Мамедова-Алиева Лейла") == "М. Л.");
  }
  SUBCASE("a word's first letter, after any leading non-letters; words with no letter are left out") {
    CHECK(redact::initials("Школа №5") == "Ш.");
    CHECK(redact::initials("«Ахметова» (мать)") == "А. М.");
    CHECK(redact::initials("123 456") == "");
  }
  SUBCASE("a decomposed letter counts as the letter") {
    CHECK(redact::initials("\u0415\u0308лкина") == "Ё."); // Е + combining diaeresis
  }
  SUBCASE("empty text and invalid bytes") {
    CHECK(redact::initials("") == "");
    CHECK(redact::initials("\xff\xfe Ольга") == "О.");
  }
}

TEST_CASE("masked_digits, masked_id, birth_year, address_placeholder") {
  SUBCASE("phones keep their last two digits and their punctuation") {
    CHECK(redact::masked_digits("+7 701 555-12-34") == "+* *** ***-**-34");
    CHECK(redact::masked_digits("87015551234") == "*********34");
    CHECK(redact::masked_digits("12") == "12");
    CHECK(redact::masked_digits("") == "");
  }
  SUBCASE("ids keep their last two letters or digits") {
    CHECK(redact::masked_id("880312400123") == "**********23");
    CHECK(redact::masked_id("AB-1234") == "**-**34");
  }
  SUBCASE("birth dates keep the year") {
    CHECK(redact::birth_year("1988-03-12") == "1988");
    CHECK(redact::birth_year("1988") == "1988");
    CHECK(redact::birth_year("") == "");
    CHECK(redact::birth_year("12.03.1988") == "");
  }
  SUBCASE("the address placeholder follows the language") {
    CHECK(redact::address_placeholder("ru") == "[адрес скрыт]");
    CHECK(redact::address_placeholder("en") == "[address withheld]");
  }
}

namespace {

Record redacted(Record record, const std::string& language = "ru") {
  redact::redact(record, language);
  return record;
}

} // namespace

TEST_CASE("redact: a case record") {
  Record card = {
      {"case_id", "2026-00017"},
      {"name", "Ахметова Айгерим Сериковна"},
      {"district", "almaly"},
      {"address", "ул. Абая 10, кв. 5"},
      {"phone", "+7 701 555-12-34"},
      {"referrer", "Иванова Мария"},
      {"external_id", "880312400123"},
      {"problems", {"Долги за квартиру"}},
      {"members",
       {{{"name", "Ахметова Айгерим Сериковна"}, {"role", "мать"}, {"birth_date", "1988-03-12"}},
        {{"name", "Әбдіқызы Ұлжан"}, {"role", "дочь"}, {"birth_date", nullptr}}}},
      {"note", "Соседка Иванова говорит..."},
      {"case_manager", "aseitova"},
      {"supervisor", "omarov"},
      {"team", {{{"login", "kim"}, {"name", "Ким Вера"}, {"agency", "ngo"}}}},
  };
  Record r = redacted(card);
  SUBCASE("personal data is replaced") {
    CHECK(r["name"] == "А. А. С.");
    CHECK(r["address"] == "[адрес скрыт]");
    CHECK(r["phone"] == "+* *** ***-**-34");
    CHECK(r["referrer"] == "И. М.");
    CHECK(r["external_id"] == "**********23");
    CHECK(r["members"][0]["name"] == "А. А. С.");
    CHECK(r["members"][0]["birth_date"] == "1988");
    CHECK(r["members"][1]["name"] == "Ә. Ұ.");
  }
  SUBCASE("free text is hidden: notes, problems, a member's role") {
    CHECK(r["note"] == "[скрыто]");
    CHECK(r["problems"] == Record{"[скрыто]"});
    CHECK(r["members"][0]["role"] == "[скрыто]");
  }
  SUBCASE("what is not personal data stays, and so do nulls") {
    CHECK(r["case_id"] == "2026-00017");
    CHECK(r["district"] == "almaly");
    CHECK(r["members"][1]["birth_date"].is_null());
    CHECK(r["case_manager"] == "aseitova");
    CHECK(r["supervisor"] == "omarov");
  }
  SUBCASE("a staff member's name (an object with a login) is kept") { CHECK(r["team"][0]["name"] == "Ким Вера"); }
  SUBCASE("the fields keep their order") {
    std::string keys, original;
    for (auto it = r.begin(); it != r.end(); ++it) keys += it.key() + ",";
    for (auto it = card.begin(); it != card.end(); ++it) original += it.key() + ",";
    CHECK(keys == original);
  }
  SUBCASE("stable: the same input gives the same output") {
    CHECK(redacted(card).dump() == r.dump());
    CHECK(redacted(r).dump() == r.dump()); // and redacting twice changes nothing more
  }
  SUBCASE("the placeholders in English") {
    CHECK(redacted(card, "en")["address"] == "[address withheld]");
    CHECK(redacted(card, "en")["note"] == "[redacted]");
  }
  SUBCASE("an address that is null or empty stays so") {
    CHECK(redacted(Record{{"address", nullptr}})["address"].is_null());
    CHECK(redacted(Record{{"address", ""}})["address"] == "");
  }
}

TEST_CASE("redact: plans, tasks, journal entries, staff listings") {
  SUBCASE("a plan: family members in tasks, participants, and the responsible line that quotes them") {
    Record plan = {{"participants", {"Асеитова Г.", "Тарасова Наталья"}},
                   {"decision", "Утвердить"},
                   {"tasks",
                    {{{"what", "Ходить в школу"},
                      {"worker", "kim"},
                      {"family_member", "Тарасов Артём"},
                      {"responsible", "Школа, kim, семья: Тарасов Артём"}}}}};
    Record r = redacted(plan);
    CHECK(r["participants"] == Record{"А. Г.", "Т. Н."});
    CHECK(r["decision"] == "[скрыто]");
    CHECK(r["tasks"][0]["what"] == "[скрыто]");
    CHECK(r["tasks"][0]["family_member"] == "Т. А.");
    CHECK(r["tasks"][0]["responsible"] == "Школа, kim, семья: Т. А.");
    CHECK(r["tasks"][0]["worker"] == "kim");
  }
  SUBCASE("an agency task and a due item name the family in case_name") {
    CHECK(redacted(Record{{"case_name", "Семья Тарасовых"}, {"case_manager", "aseitova"}})["case_name"] == "С. Т.");
  }
  SUBCASE("a journal entry: changes as [old, new], the summary quoting them, the command line") {
    Record entry = {{"actor", "tester"},
                    {"command", "casectl intake --name 'Ким Ольга' --phone '+7 701 000 00 00'"},
                    {"summary", "address: ул. Ленина 1 → ул. Ленина 12; name: Ким → Ким Ольга"},
                    {"changes", {{"address", {"ул. Ленина 1", "ул. Ленина 12"}}, {"name", {"Ким", "Ким Ольга"}}}}};
    Record r = redacted(entry);
    CHECK(r["actor"] == "tester");
    CHECK(r["command"] == "[скрыто]");
    CHECK(r["changes"]["address"] == Record{"[адрес скрыт]", "[адрес скрыт]"});
    CHECK(r["changes"]["name"] == Record{"К.", "К. О."});
    // The longest value first: "ул. Ленина 12" is not read as "ул. Ленина 1" and a "2".
    CHECK(r["summary"] == "address: [адрес скрыт] → [адрес скрыт]; name: К. → К. О.");
  }
  SUBCASE("notes, reasons and descriptions of any name are hidden, listed or not") {
    Record r = redacted(Record{{"note", "xx"},
                               {"expectations_note", "yy"},
                               {"changes", {{"task_note", "zz"}}},
                               {"notes_count", 2},
                               {"reopen_reason", "rr"},
                               {"event_description", "dd"},
                               {"note_null", nullptr},
                               {"empty_note", ""}});
    CHECK(r["note"] == "[скрыто]");
    CHECK(r["expectations_note"] == "[скрыто]");
    CHECK(r["changes"]["task_note"] == "[скрыто]");
    CHECK(r["reopen_reason"] == "[скрыто]");
    CHECK(r["event_description"] == "[скрыто]");
    CHECK(r["notes_count"] == 2);
    CHECK(r["note_null"].is_null());
    CHECK(r["empty_note"] == "");
  }
  SUBCASE("a field the list does not know is hidden") {
    Record r = redacted(Record{{"case_id", "2026-00001"}, {"nickname", "Оля"}, {"aliases", {"Оля", "Лёля"}}});
    CHECK(r["nickname"] == "[скрыто]");
    CHECK(r["aliases"] == Record{"[скрыто]", "[скрыто]"});
    CHECK(r["case_id"] == "2026-00001");
  }
  SUBCASE("a closing's reason is hidden in the closure and in the journal's summary") {
    Record entry = {{"action", "close"},
                    {"summary", "closed: moved (Переехали к Сидоровым)"},
                    {"changes", {{"reason", "Переехали к Сидоровым"}, {"outcome", "moved"}}}};
    Record r = redacted(entry);
    CHECK(r["changes"]["reason"] == "[скрыто]");
    CHECK(r["summary"] == "closed: moved ([скрыто])");
  }
  SUBCASE("a report's heading keeps its filters' names; a row by service hides the service") {
    Record heading = {{"filters", {{{"flag", "--district"}, {"name", "Район"}, {"value", "almaly"}, {"label", "Алмалинский"}}}}};
    CHECK(redacted(heading) == heading);
    Record row = {{"by", "service"}, {"value", "Патронаж у Сидоровых"}, {"label", "Патронаж у Сидоровых"}, {"tasks", 2}};
    Record r = redacted(row);
    CHECK(r["value"] == "[скрыто]");
    CHECK(r["label"] == "[скрыто]");
    Record by_agency = {{"by", "agency"}, {"value", "hospital"}, {"label", "Больница"}};
    CHECK(redacted(by_agency) == by_agency);
  }
  SUBCASE("staff list and caseload rows keep names: they have a login") {
    Record staff = {{"login", "aseitova"}, {"name", "Асеитова Гульнар"}, {"agency", "social-protection"}};
    CHECK(redacted(staff) == staff);
  }
  SUBCASE("a journal entry's change of the team keeps the staff member's role") {
    Record entry = {{"summary", "team_member: null → kim; role: null → psychologist"},
                    {"changes", {{"team_member", {nullptr, "kim"}}, {"role", {nullptr, "psychologist"}}}}};
    Record r = redacted(entry);
    CHECK(r["changes"] == entry["changes"]);
    CHECK(r["summary"] == entry["summary"]);
  }
  SUBCASE("a KPI figure has nothing to redact") {
    Record figure = {{"figure", "families"}, {"label", "Семей на сопровождении"}, {"value", 4}, {"previous", 3}};
    CHECK(redacted(figure) == figure);
  }
}

namespace {

Record kept(Record record, std::vector<std::string> keep, const redact::People& known = {}) {
  redact::redact(record, redact::Policy{"ru", std::move(keep)}, known);
  return record;
}

} // namespace

TEST_CASE("show --redact printed the problems as typed: 'Сидоров бьёт' (regression)") {
  // casectl intake --name "Петрова Ольга" --problem "Сидоров бьёт"; show --redact -o json.
  Record card = {
      {"case_id", "2026-00001"}, {"name", "Петрова Ольга"}, {"problems", {"Сидоров бьёт"}}, {"members", Record::array()}};
  Record r = redacted(card);
  CHECK(r["problems"] == Record{"[скрыто]"});
  CHECK(r.dump().find("Сидоров") == std::string::npos);
}

TEST_CASE("redact.keep: a kept free-text field stays, with the case's people masked in it") {
  Record card = {{"name", "Петрова Ольга"},
                 {"address", "ул. Абая 10"},
                 {"phone", "87011234567"},
                 {"referrer", "Сидоров Иван"},
                 {"problems", {"Сидоров бьёт Ольгу", "Долги"}},
                 {"members", {{{"name", "Петрова Ольга"}, {"role", "мать"}, {"birth_date", "1988-03-12"}}}},
                 {"note", "Петровой звонить 8 701 123 45 67, д.р. 12.03.1988, живут на Абая"}};
  SUBCASE("kept fields keep their text, with names, phones, dates and streets masked") {
    Record r = kept(card, {"problems", "note", "role"});
    CHECK(r["problems"] == Record{"С. бьёт О.", "Долги"});
    CHECK(r["members"][0]["role"] == "мать");
    CHECK(r["note"] == "П. звонить * *** *** ** 67, д.р. 1988, живут на [адрес скрыт]");
  }
  SUBCASE("fields not kept are still hidden") {
    Record r = kept(card, {"problems"});
    CHECK(r["note"] == "[скрыто]");
    CHECK(r["members"][0]["role"] == "[скрыто]");
  }
  SUBCASE("a plan does not hold the household: the caller adds the case's people") {
    Record plan = {{"decision", "Сидорову запретить приходить"}, {"goals", {{{"description", "Петрова работает"}}}}};
    redact::People people = redact::people_in(card);
    CHECK(people.names == std::vector<std::string>{"Петрова Ольга", "Сидоров Иван", "Петрова Ольга"});
    Record alone = kept(plan, {"decision", "description"});
    CHECK(alone["decision"] == "Сидорову запретить приходить"); // nobody known: nothing to mask
    Record r = kept(plan, {"decision", "description"}, people);
    CHECK(r["decision"] == "С. запретить приходить");
    CHECK(r["goals"][0]["description"] == "П. работает");
  }
  SUBCASE("the command line is never kept") {
    CHECK(kept(Record{{"command", "casectl x"}}, {"command"})["command"] == "[скрыто]");
  }
}
