// search_key against the official spellings of names: for each scheme, a table of names built
// from its published rules, each beside its Cyrillic original. "Same key": search_key gives the
// two one key (what intake and the index store). "Found": some reading of each word of the
// spelling (search_key_readings, what `find` looks for) is that word of the original's key.
#include "util/search_key.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

using casectl::text::search_key;
using casectl::text::search_key_readings;

namespace {

struct Spelling {
  const char* cyrillic;
  const char* latin;
};

// Whether `find <typed>` finds a case named `stored`, word for word, each as a whole word.
bool found_by(const std::string& typed, const std::string& stored) {
  std::vector<std::vector<std::string>> readings = search_key_readings(typed);
  std::string key = search_key(stored);
  std::vector<std::string> words;
  for (std::size_t from = 0; from <= key.size();) {
    std::size_t space = key.find(' ', from);
    if (space == std::string::npos) space = key.size();
    words.push_back(key.substr(from, space - from));
    from = space + 1;
  }
  if (readings.size() != words.size()) return false;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (std::find(readings[i].begin(), readings[i].end(), words[i]) == readings[i].end()) return false;
  return true;
}

void check_same_keys(const std::vector<Spelling>& table) {
  CHECK(table.size() >= 30);
  for (const Spelling& s : table) {
    CAPTURE(s.cyrillic);
    CAPTURE(s.latin);
    CHECK(!search_key(s.cyrillic).empty());
    CHECK(search_key(s.latin) == search_key(s.cyrillic));
    CHECK(found_by(s.latin, s.cyrillic));
    CHECK(found_by(s.cyrillic, s.latin));
  }
}

void check_found(const std::vector<Spelling>& table) {
  CHECK(table.size() >= 30);
  for (const Spelling& s : table) {
    CAPTURE(s.cyrillic);
    CAPTURE(s.latin);
    CHECK(found_by(s.latin, s.cyrillic));
  }
}

} // namespace

TEST_CASE("search_key: BGN/PCGN and the passports of 1997 (ь ’, ъ ”) key as the Cyrillic name") {
  check_same_keys({
      {"Ильин", "Il’in"},
      {"Наталья", "Natal’ya"},
      {"Подъячев", "Pod”yachev"},
      {"Григорьев", "Grigor’yev"},
      {"Васильев", "Vasil’yev"},
      {"Юрьевна", "Yur’yevna"},
      {"Дарья", "Dar’ya"},
      {"Татьяна", "Tat’yana"},
      {"Марья", "Mar’ya"},
      {"Софья", "Sof’ya"},
      {"Ольга", "Ol’ga"},
      {"Анатольевич", "Anatol’yevich"},
      {"Афанасьев", "Afanas’yev"},
      {"Зайцев", "Zaytsev"},
      {"Соловьёв", "Solov’yëv"},
      {"Воробьёв", "Vorob’yëv"},
      {"Объедков", "Ob”yedkov"},
      {"Изъюров", "Iz”yurov"},
      {"Арсеньев", "Arsen’yev"},
      {"Федосья", "Fedos’ya"},
      {"Лукьянов", "Luk’yanov"},
      {"Емельянов", "Yemel’yanov"},
      {"Кузьмин", "Kuz’min"},
      {"Ульяна", "Ul’yana"},
      {"Дьяконов", "D’yakonov"},
      {"Съедин", "S”yedin"},
      {"Святослав", "Svyatoslav"},
      {"Щербатых", "Shcherbatykh"},
      {"Фёдор", "Fëdor"},
      {"Мальцев", "Mal’tsev"},
      {"Ильич", "Il’ich"},
      {"Вьюгин", "V’yugin"},
      // The passports of 1997 as typed on a keyboard: ' and " for ь and ъ.
      {"Ильин", "Il'in"},
      {"Наталья", "Natal'ya"},
      {"Подъячев", "Pod\"yachev"},
      {"Подъячев", "Pod''yachev"},
      {"Ильина Наталья", "IL'INA NATAL'YA"},
      // Other apostrophes of the same kind: ʼ ʹ ″ ‘ ` ´.
      {"Ильин", "Ilʼin"},
      {"Ильин", "Ilʹin"},
      {"Подъячев", "Pod″yachev"},
      {"Ильин", "Il‘in"},
      {"Ильин", "Il`in"},
      {"Ильин", "Il´in"},
  });
}

TEST_CASE("search_key: the Kazakh Latin alphabet of 2021 keys as the Cyrillic name and its digraph spelling") {
  struct Kazakh {
    const char* cyrillic;
    const char* latin_2021;
    const char* digraphs;
  };
  const std::vector<Kazakh> table = {
      {"Шыңғыс", "Şyñğys", "Shyngys"},
      {"Өмірбек", "Ömırbek", "Omirbek"},
      {"Әйгерім", "Äigerım", "Aigerim"},
      {"Нұрсұлтан", "Nūrsūltan", "Nursultan"},
      {"Жұлдыз", "Jūldyz", "Zhuldyz"},
      {"Ғалым", "Ğalym", "Galym"},
      {"Қайрат", "Qairat", "Kairat"},
      {"Айгүл", "Aigül", "Aigul"},
      {"Бауыржан", "Bauyrjan", "Bauyrzhan"},
      {"Ерлан", "Erlan", "Yerlan"},
      {"Әсел", "Äsel", "Asel"},
      {"Гүлнар", "Gülnar", "Gulnar"},
      {"Дәулет", "Däulet", "Daulet"},
      {"Ержан", "Erjan", "Yerzhan"},
      {"Олжас", "Oljas", "Olzhas"},
      {"Шолпан", "Şolpan", "Sholpan"},
      {"Мұхтар", "Mūhtar", "Mukhtar"},
      {"Ақжол", "Aqjol", "Akzhol"},
      {"Сәуле", "Säule", "Saule"},
      {"Үміт", "Ümıt", "Umit"},
      {"Жасұлан", "Jasūlan", "Zhasulan"},
      {"Мейрамбек", "Meirambek", "Meyrambek"},
      {"Ботагөз", "Botagöz", "Botagoz"},
      {"Қуаныш", "Quanyş", "Kuanysh"},
      {"Кәмшат", "Kämşat", "Kamshat"},
      {"Іңкәр", "Iñkär", "Inkar"},
      {"Жеңіс", "Jeñıs", "Zhenis"},
      {"Есентай", "Esentai", "Yessentay"},
      {"Мәди", "Mädi", "Madi"},
      {"Ұлболсын", "Ūlbolsyn", "Ulbolsyn"},
      {"Бекзат", "Bekzat", "Bekzat"},
      {"Ғабит", "Ğabit", "Gabit"},
      {"Мөлдір", "Möldır", "Moldir"},
      {"Шынар", "Şynar", "Shynar"},
      {"Әлия", "Äliia", "Aliya"},
      {"Айжан", "Aijan", "Aizhan"},
      {"Еркебұлан", "Erkebūlan", "Yerkebulan"},
      {"Қарлығаш", "Qarlyğaş", "Karlygash"},
      {"Шыңғысхан Ілияс", "ŞYÑĞYSHAN İLİAS", "SHYNGYSKHAN ILIAS"},
      {"Чыңғыз", "Çyñğyz", "Chyngyz"},
  };
  std::vector<Spelling> latin_2021, digraphs;
  for (const Kazakh& k : table) {
    latin_2021.push_back({k.cyrillic, k.latin_2021});
    digraphs.push_back({k.cyrillic, k.digraphs});
  }
  check_same_keys(latin_2021);
  check_same_keys(digraphs);
  // Each letter of 2021 against its Cyrillic letter, in both cases.
  for (const auto& [latin, cyrillic] : {std::pair{"Ä", "Ә"},
                                        {"ä", "ә"},
                                        {"Ğ", "Ғ"},
                                        {"ğ", "ғ"},
                                        {"I", "І"},
                                        {"ı", "і"},
                                        {"İ", "И"},
                                        {"Ñ", "Ң"},
                                        {"ñ", "ң"},
                                        {"Ö", "Ө"},
                                        {"ö", "ө"},
                                        {"Ş", "Ш"},
                                        {"ş", "ш"},
                                        {"Ū", "Ұ"},
                                        {"ū", "ұ"},
                                        {"Ü", "Ү"},
                                        {"ü", "ү"},
                                        {"Ç", "Ч"},
                                        {"ç", "ч"}}) {
    CAPTURE(latin);
    CHECK(search_key(std::string("a") + latin + "a") == search_key(std::string("а") + cyrillic + "а"));
  }
}

TEST_CASE("search_key: GOST 7.79 System B spellings find the Cyrillic name") {
  check_found({
      {"Хрущёв", "Xrushhyov"},
      {"Зайцев", "Zajczev"},
      {"Зайцев", "Zajcev"},
      {"Цветкова", "Czvetkova"},
      {"Цветкова", "Cvetkova"},
      {"Ильин", "Il`in"},
      {"Наталья", "Natal`ya"},
      {"Подъячев", "Pod``yachev"},
      {"Крылов", "Kry`lov"},
      {"Эдуард", "E`duard"},
      {"Михаил", "Mixail"},
      {"Захаров", "Zaxarov"},
      {"Юрий", "Yurij"},
      {"Сергей", "Sergej"},
      {"Андрей", "Andrej"},
      {"Николай", "Nikolaj"},
      {"Алексей", "Aleksej"},
      {"Щукин", "Shhukin"},
      {"Ёлкин", "Yolkin"},
      {"Царёв", "Caryov"},
      {"Куницын", "Kuniczy`n"},
      {"Быков", "By`kov"},
      {"Чернышёв", "Cherny`shyov"},
      {"Майоров", "Majorov"},
      {"Воробьёв", "Vorob`yov"},
      {"Чайковский", "Chajkovskij"},
      {"Евгений", "Evgenij"},
      {"Дмитрий", "Dmitrij"},
      {"Храмцов", "Xramcov"},
      {"Лисицына", "Lisiczy`na"},
      {"Васильев", "Vasil`ev"},
      {"Объедков", "Ob``edkov"},
      {"Яковлев", "Yakovlev"},
      {"Цой", "Coj"},
      {"Хасанов", "Xasanov"},
      {"Эльвира", "E`l`vira"},
      {"Цыганов", "Czy`ganov"},
      {"Целиков", "Czelikov"},
      {"Щербаков Сергей", "SHHERBAKOV SERGEJ"},
  });
  // Where the spelling leaves nothing to guess, the key is the Cyrillic name's.
  for (const auto& [cyrillic, latin] : {std::pair{"Хрущёв", "Xrushhyov"},
                                        {"Цветкова", "Czvetkova"},
                                        {"Зайцев", "Zajczev"},
                                        {"Сергей", "Sergej"},
                                        {"Крылов", "Kry`lov"},
                                        {"Подъячев", "Pod``yachev"}}) {
    CAPTURE(latin);
    CHECK(search_key(latin) == search_key(cyrillic));
  }
}

TEST_CASE("search_key: ICAO 9303 (passports since 2013) keys as the Cyrillic name") {
  check_same_keys({
      {"Подъячев", "PODIEIACHEV"}, {"Зайцев", "ZAITSEV"},
      {"Юлия", "IULIIA"},          {"Наталья", "NATALIA"},
      {"Ильин", "ILIN"},           {"Сергей", "SERGEI"},
      {"Хрущёв", "KHRUSHCHEV"},    {"Юрий", "IURII"},
      {"Яковлев", "IAKOVLEV"},     {"Объедков", "OBIEEDKOV"},
      {"Изъюров", "IZIEIUROV"},    {"Татьяна", "TATIANA"},
      {"Дарья", "DARIA"},          {"Цветкова", "TSVETKOVA"},
      {"Щукин", "SHCHUKIN"},       {"Крылов", "KRYLOV"},
      {"Эдуард", "EDUARD"},        {"Фёдор", "FEDOR"},
      {"Андрей", "ANDREI"},        {"Людмила", "LIUDMILA"},
      {"Ксения", "KSENIIA"},       {"Евгений", "EVGENII"},
      {"Майоров", "MAIOROV"},      {"Соловьёв", "SOLOVEV"},
      {"Григорьев", "GRIGOREV"},   {"Чайковский", "CHAIKOVSKII"},
      {"Жуков", "ZHUKOV"},         {"Съедин", "SIEEDIN"},
      {"Ульяна", "ULIANA"},        {"Дьяконов", "DIAKONOV"},
      {"Мария", "MARIIA"},         {"Валерия", "VALERIIA"},
      {"Ярослав", "IAROSLAV"},     {"Подъячева Юлия", "PODIEIACHEVA IULIIA"},
  });
}

TEST_CASE("search_key: common spellings (gh for ғ, j for й and ь) find the Cyrillic name") {
  check_found({
      {"Ғалымова", "Ghalymova"}, {"Юлия", "Julia"},      {"Наталья", "Natalja"},    {"Юрий", "Jurij"},
      {"Татьяна", "Tatjana"},    {"Илья", "Ilja"},       {"Людмила", "Ljudmila"},   {"Любовь", "Ljubov"},
      {"Яна", "Jana"},           {"Елена", "Jelena"},    {"Ярослав", "Jaroslav"},   {"Юлиана", "Juliana"},
      {"Ольга", "Olga"},         {"Дарья", "Darja"},     {"Мария", "Marija"},       {"Александр", "Alexandr"},
      {"Алексей", "Alexey"},     {"Максим", "Maxim"},    {"Оксана", "Oxana"},       {"Хасанов", "Hasanov"},
      {"Михаил", "Mikhail"},     {"Ғани", "Ghani"},      {"Ғабдулла", "Ghabdulla"}, {"Жанна", "Janna"},
      {"Жумабаев", "Jumabaev"},  {"Нуржан", "Nurjan"},   {"Евгений", "Evgeny"},     {"Дмитрий", "Dmitry"},
      {"Николай", "Nicolai"},    {"Виктор", "Victor"},   {"Виктория", "Victoria"},  {"Юсупов", "Jusupov"},
      {"Жусупов", "Jusupov"},    {"Валерия", "Valeria"}, {"Сергей", "Sergey"},      {"Ғалымова Юлия", "GHALYMOVA JULIA"},
  });
}

TEST_CASE("search_key: apostrophes and quotes outside a word still separate words") {
  CHECK(search_key("'Иванов'") == "ivanov");
  CHECK(search_key("ТОО \"Береке\"") == "to bereke"); // oo: doubled letters are made single
  CHECK(search_key("«Береке»") == "bereke");
  CHECK(search_key("Ivanov' Petrov") == "ivanov petrov");
  CHECK(search_key("Ivanov 'Petrov'") == "ivanov petrov");
  CHECK(search_key("O'Brien") == "obrien");
  CHECK(search_key("''") == "");
  CHECK(search_key("’") == "");
  CHECK(search_key("5'6") == "56");
}

TEST_CASE("search_key: the folding does not merge names that differ") {
  // Distinct names keep distinct keys, so that no reading of one is the other's key.
  for (const auto& [one, other] : {std::pair{"Жанна", "Яна"},
                                   {"Лидия", "Лида"},
                                   {"Валерия", "Валера"},
                                   {"Юлия", "Жулия"},
                                   {"Хасанов", "Касанов"},
                                   {"Ильин", "Ильина"},
                                   {"Шолпан", "Солпан"},
                                   {"Чингиз", "Шингиз"}}) {
    CAPTURE(one);
    CHECK(search_key(one) != search_key(other));
  }
  // Stored names are keyed one way only: a Latin spelling whose letters may be meant two ways is
  // keyed as the commoner, and the other is found only by what is typed.
  CHECK(search_key("Julia") != search_key("Юлия"));
  CHECK(found_by("Julia", "Юлия"));
  CHECK(found_by("Julia", "Жулия"));
  // A letter with a mark of its own never folds to the plain letter: ş is ш, not с; ç is ч.
  CHECK(!found_by("Şolpan", "Солпан"));
  CHECK(!found_by("Çingiz", "Шингиз"));
  CHECK(!found_by("Ilin", "Ильина"));
  // The cost of reading j before a vowel as й too: Janna (Жанна) also finds Яна.
  CHECK(found_by("Janna", "Жанна"));
  CHECK(found_by("Janna", "Яна"));
  CHECK(!found_by("Zhanna", "Яна"));
}

TEST_CASE("search_key_readings: the first reading of each word is search_key's; no word has more than 8") {
  for (const char* text : {"Julia Xrushhyov", "Zajcev", "Jxjxjcxjx", "Семёнова Анна", "", "ул. Төле би, 12", "Natalja Il’ina"}) {
    CAPTURE(text);
    std::string joined;
    for (const std::vector<std::string>& word : search_key_readings(text)) {
      REQUIRE(!word.empty());
      CHECK(word.size() <= 8);
      for (const std::string& reading : word) CHECK(!reading.empty());
      CHECK(std::set<std::string>(word.begin(), word.end()).size() == word.size());
      joined += (joined.empty() ? "" : " ") + word.front();
    }
    CHECK(joined == search_key(text));
  }
  CHECK(search_key_readings("Julia") == std::vector<std::vector<std::string>>{{"zhulia", "iulia"}});
  CHECK(search_key_readings("Xrushhyov") == std::vector<std::vector<std::string>>{{"hrushev", "ksrushev"}});
  CHECK(search_key_readings("Шыңғыс") == std::vector<std::vector<std::string>>{{"shingis"}});
}
