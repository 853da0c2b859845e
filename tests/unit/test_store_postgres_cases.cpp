// The case queries of the PostgreSQL engine (lib/store/postgres/case_queries.hpp) against those of
// the SQLite engine: the same cases written through both give the same answers, byte for byte.
// Against the server CASECTL_TEST_POSTGRES names (scripts/test starts a throwaway cluster for it);
// without the variable these tests are skipped, and say so. Each test works in a schema of its
// own, dropped at the end.
#include "store/postgres/case_queries.hpp"

#include "store/case_store.hpp"
#include "store/postgres/pg_store.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

using namespace casectl;
using store::postgres::Connection;
using store::postgres::PgStore;
namespace pg = store::postgres;

namespace {

const char* postgres_url() { return std::getenv("CASECTL_TEST_POSTGRES"); }
bool no_server() { return postgres_url() == nullptr || *postgres_url() == '\0'; }

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.is_ok(), status.message()); }

// A schema of this test's own, empty, dropped at the end; `url` puts it first on the search_path.
struct StoreSchema {
  std::string name;
  std::string url;
  StoreSchema() {
    static std::atomic<int> made{0};
    name = fmt::format("casectl_cases_{}_{}", ::getpid(), made++);
    url = fmt::format("{}{}options=-csearch_path%3D{}", postgres_url(),
                      std::string(postgres_url()).find('?') == std::string::npos ? "?" : "&", name);
    Result<Connection> connection = Connection::open(postgres_url());
    REQUIRE_MESSAGE(connection.is_ok(), connection.status().message());
    require_ok(connection->run_script(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", name)));
  }
  ~StoreSchema() {
    if (Result<Connection> connection = Connection::open(postgres_url()))
      (void)connection->run_script(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", name));
  }
  StoreSchema(const StoreSchema&) = delete;
  StoreSchema& operator=(const StoreSchema&) = delete;
};

// Both engines, holding the same cases once `add` has written them to each.
struct BothEngines {
  StoreSchema schema;
  std::unique_ptr<PgStore> postgres;
  std::unique_ptr<store::CaseStore> sqlite;
  std::vector<long long> pg_rows, sqlite_rows; // the row of each case added, by engine

  BothEngines() {
    Result<std::unique_ptr<PgStore>> opened = PgStore::open({schema.url, 5000, store::Mode::write});
    REQUIRE_MESSAGE(opened.is_ok(), opened.status().message());
    postgres = std::move(*opened);
    Result<std::unique_ptr<store::CaseStore>> memory = store::open({":memory:", 5000, store::Mode::write});
    REQUIRE_MESSAGE(memory.is_ok(), memory.status().message());
    sqlite = std::move(*memory);
  }

  void add(const Case& c) {
    require_ok(postgres->write([&] {
      Result<long long> row = pg::insert_case(*postgres, c);
      if (row) pg_rows.push_back(*row);
      return row.status();
    }));
    require_ok(sqlite->write([&] {
      Result<long long> row = sqlite->insert_case(c);
      if (row) sqlite_rows.push_back(*row);
      return row.status();
    }));
  }
};

Case case_of(const std::string& id, const std::string& name, const std::string& district, const std::string& opened) {
  Case c;
  c.case_id = id;
  c.kind = "family";
  c.status = "intake";
  c.name = name;
  c.district = district;
  c.source = "self";
  c.urgency = "routine";
  c.response_due = opened + "T12:00:00Z";
  c.consent = true;
  c.opened = opened;
  c.created_at = opened + "T09:00:00Z";
  c.created_by = "aigerim";
  c.updated_at = c.created_at;
  c.updated_on = opened;
  return c;
}

// Russian, Kazakh and Latin names, names that sort alike (ё/е, case), an empty district, no
// manager, members, groups, problems, external ids, closed and consultation cases.
std::vector<Case> sample_cases() {
  std::vector<Case> all;
  Case c = case_of("2026-00001", "Семёнова", "almaly", "2026-01-10");
  c.phone = "+7 701 555-12-34";
  c.address = "ул. Абая, 10";
  c.groups = {"disability", "large-family"};
  c.problems = {"долги за жильё", "нет документов"};
  c.members = {{"Семёнова Айгүл", "мать", "1988-03-12"}, {"Семёнов Ерлан", "сын", "2012-07-01"}, {"Әже", "бабушка", ""}};
  c.case_manager = "dana";
  c.external_id = "CC-100";
  all.push_back(c);

  c = case_of("2026-00002", "Семенова", "", "2026-01-11");
  c.urgency = "urgent";
  c.phone = "8 (701) 555 12 34";
  c.members = {{"Семенова Айгуль", "", "1988-03-12"}};
  all.push_back(c);

  c = case_of("2026-00003", "Өмірбекова", "бостандык", "2026-01-11");
  c.kind = "person";
  c.urgency = "emergency";
  c.case_manager = "askar";
  c.groups = {"violence"};
  c.address = "Абая 10";
  all.push_back(c);

  c = case_of("2026-00004", "Ivanova", "almaly", "2026-02-01");
  c.status = "closed";
  c.closed = "2026-03-01";
  c.phone = "+77015551234";
  c.case_manager = "dana";
  c.external_id = "CC-101";
  c.groups = {"large-family"};
  all.push_back(c);

  c = case_of("2026-00005", "ivanova", "Almaly", "2026-02-01");
  c.status = "consultation";
  c.consultation = true;
  c.consent = false;
  c.note = "одна консультация";
  all.push_back(c);

  c = case_of("2026-00006", "Ёлкина", "бостандык", "2026-02-15");
  c.status = "assessment";
  c.urgency = "urgent";
  c.case_manager = "Болат";
  c.address = "ул. Абая, 10";
  c.members = {{"Ёлкин Пётр", "отец", "1980-01-01"}, {"Елкина Анна", "дочь", "2010-05-05"}};
  all.push_back(c);

  c = case_of("2026-00007", "Zhaksylykova", "", "2026-03-01");
  c.status = "active";
  c.kind = "person";
  c.case_manager = "askar";
  c.groups = {"disability"};
  all.push_back(c);

  c = case_of("2026-00008", "Ұлан", "Алмалы", "2026-03-02");
  c.urgency = "urgent";
  c.address = "Абая 10";
  c.members = {{"Семёнова Айгүл", "тётя", "1988-03-12"}};
  all.push_back(c);
  return all;
}

std::string shown(const CaseSummary& s) {
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|[{}]|{}\n", s.case_id, s.kind, s.consultation, s.status, s.name, s.district,
                     s.urgency, s.opened, s.response_due, s.case_manager, fmt::join(s.groups, ","), s.members_count);
}

std::string shown(const Case& c) {
  std::string members;
  for (const Member& m : c.members) members += fmt::format("({},{},{})", m.name, m.role, m.birth_date);
  return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|[{}]|[{}]|[{}]", c.case_id, c.kind,
                     c.consultation, c.status, c.name, c.district, c.address, c.phone, c.source, c.referrer, c.urgency,
                     c.response_due, c.consent, c.external_id, c.note, c.opened, c.closed, c.case_manager, c.created_at,
                     c.created_by, c.updated_at, c.updated_on, fmt::join(c.groups, ","), fmt::join(c.problems, ","), members);
}

// The cases `each_case` gives (a function taking the callback), a line each.
template <class EachCase> std::string listed(EachCase each_case) {
  std::string out;
  require_ok(each_case([&](const CaseSummary& s) {
    out += shown(s);
    return Status::ok();
  }));
  return out;
}

std::string listed_on_postgres(PgStore& store, const CaseFilter& filter) {
  return listed([&](const auto& each) { return pg::each_case(store, filter, each); });
}

std::string listed_on_sqlite(store::CaseStore& store, const CaseFilter& filter) {
  return listed([&](const auto& each) { return store.each_case(filter, each); });
}

// What `filter` lists on SQLite, checked to be what it lists on PostgreSQL.
std::string listed_alike(BothEngines& both, const CaseFilter& filter) {
  std::string expected = listed_on_sqlite(*both.sqlite, filter);
  CHECK(listed_on_postgres(*both.postgres, filter) == expected);
  return expected;
}

long long count_rows(PgStore& store, const std::string& sql) {
  Result<store::postgres::Rows> rows = store.connection().exec(sql);
  REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
  return std::stoll(rows->rows.at(0).at(0).value_or("0"));
}

std::string loaded(const Result<std::optional<Case>>& found) {
  REQUIRE_MESSAGE(found.is_ok(), found.status().message());
  return *found ? shown(**found) : "none";
}

std::string matches(const Result<std::vector<DuplicateMatch>>& found) {
  REQUIRE_MESSAGE(found.is_ok(), found.status().message());
  std::string out;
  for (const DuplicateMatch& m : *found) out += m.case_id + ": " + m.reason + "\n";
  return out;
}

// Every filter the tests try: none, each field alone, and several together.
std::vector<std::pair<std::string, CaseFilter>> filters() {
  std::vector<std::pair<std::string, CaseFilter>> all;
  auto add = [&](const std::string& what, auto set) {
    CaseFilter f;
    set(f);
    all.emplace_back(what, f);
  };
  add("none", [](CaseFilter&) {});
  add("statuses", [](CaseFilter& f) { f.statuses = {"intake", "closed"}; });
  add("districts", [](CaseFilter& f) { f.districts = {"almaly", ""}; });
  add("urgencies", [](CaseFilter& f) { f.urgencies = {"urgent"}; });
  add("groups", [](CaseFilter& f) { f.groups = {"disability", "violence"}; });
  add("managers", [](CaseFilter& f) { f.managers = {"dana", "Болат"}; });
  add("kinds", [](CaseFilter& f) { f.kinds = {"person"}; });
  add("opened since", [](CaseFilter& f) { f.opened_since = "2026-02-01"; });
  add("opened until", [](CaseFilter& f) { f.opened_until = "2026-02-01"; });
  add("open only", [](CaseFilter& f) { f.open_only = true; });
  add("together", [](CaseFilter& f) {
    f.districts = {"almaly", "бостандык", "Almaly"};
    f.kinds = {"family"};
    f.opened_since = "2026-01-11";
    f.opened_until = "2026-03-01";
    f.statuses = {"intake", "assessment", "consultation", "closed"};
  });
  add("nothing matches", [](CaseFilter& f) { f.groups = {"no-such-group"}; });
  return all;
}

} // namespace

TEST_CASE("PostgreSQL case query tests run only with CASECTL_TEST_POSTGRES set") {
  if (no_server())
    MESSAGE("the PostgreSQL case query tests did NOT run: CASECTL_TEST_POSTGRES is not set. "
            "Run scripts/test, which starts a throwaway cluster (tests/pg/cluster.sh)");
}

TEST_CASE("each_case on PostgreSQL lists what SQLite lists, for every filter, sort, direction and limit" *
          doctest::skip(no_server())) {
  BothEngines both;
  for (const Case& c : sample_cases()) both.add(c);
  std::vector<std::string> sorts = sort_fields();
  sorts.push_back("rank");
  int compared = 0;
  for (const auto& [what, base] : filters())
    for (const std::string& sort : sorts)
      for (bool descending : {false, true})
        for (long long limit : {-1LL, 0LL, 1LL, 3LL}) {
          CaseFilter filter = base;
          filter.sort = sort;
          filter.descending = descending;
          filter.limit = limit;
          CAPTURE(what);
          CAPTURE(sort);
          CAPTURE(descending);
          CAPTURE(limit);
          listed_alike(both, filter);
          ++compared;
        }
  CHECK(compared == 12 * 9 * 2 * 4);
  // The sample is one that tells orders apart: every case is listed, and names sort by key.
  CaseFilter by_name;
  by_name.sort = "name";
  CHECK(listed_on_postgres(*both.postgres, by_name).find("2026-00004|") != std::string::npos);
}

// More cases to search: Kazakh letters, Latin spellings, phones and their ends, words in the
// address, note and problems, a surname that is a prefix of others, and two cases named alike.
std::vector<Case> search_cases() {
  std::vector<Case> all = sample_cases();
  Case c = case_of("2026-00010", "Ким Сергей", "almaly", "2026-03-05");
  c.members = {{"Ким Сергей", "отец", ""}, {"Ким Виктория", "дочь", ""}};
  c.phone = "+7 (777) 765-43-21";
  all.push_back(c);
  c = case_of("2026-00011", "Петрова Дарья", "almaly", "2026-03-05");
  c.note = "Соседи говорят, что у Кимов шумно; звонить 765 43 21";
  all.push_back(c);
  c = case_of("2026-00012", "Кимова Алия", "almaly", "2026-03-06");
  c.problems = {"задолженность за жильё"};
  all.push_back(c);
  c = case_of("2026-00013", "Алиева Ким", "almaly", "2026-03-07");
  c.address = "мкр. Самал-2, дом 12345";
  all.push_back(c);
  c = case_of("2026-00014", "Ким Анна", "almaly", "2026-03-08");
  all.push_back(c);
  c = case_of("2026-00015", "Ким Анна", "almaly", "2026-03-08");
  c.phone = "8 701 123 45 67";
  all.push_back(c);
  c = case_of("2026-00016", "Жұмабаева Гүлнар", "Алмалы", "2026-03-09");
  c.members = {{"Үміт Һадиева", "жена", ""}};
  all.push_back(c);
  c = case_of("2026-00017", "ӘБІЛҚАСЫМОВА Әсем", "Алмалы", "2026-03-10");
  c.note = "Kim";
  all.push_back(c);
  return all;
}

// What users type to `find` or `list --name`: names in any case, ё/е, Kazakh letters, Latin
// spellings, prefixes, several words, words of the address, note and problems, digits as phones
// (whole, by their end, as words).
const std::vector<std::string>& typed_searches() {
  static const std::vector<std::string> all = {"Семёнова",
                                               "семенова",
                                               "СЕМЁН",
                                               "Semyonova",
                                               "sem",
                                               "Семёнова Айгүл",
                                               "айгуль семенова",
                                               "Семёнова Мария",
                                               "Ким",
                                               "kim",
                                               "Ки",
                                               "Ким Анна",
                                               "анна",
                                               "Кимова",
                                               "Ivanova",
                                               "Иванова",
                                               "Ёлкин",
                                               "Elkina",
                                               "Пётр",
                                               "Жұмабаева",
                                               "Jumabayeva",
                                               "Zhumabaeva",
                                               "гүлнар",
                                               "Һадиева",
                                               "Hadieva",
                                               "ҮМІТ",
                                               "Әбілқасымова",
                                               "Abilkasymova",
                                               "Өмірбекова",
                                               "Omirbekova",
                                               "Ұлан",
                                               "Zhaksylykova",
                                               "Жаксылыкова",
                                               "Абая",
                                               "абая 10",
                                               "10",
                                               "Самал",
                                               "12345",
                                               "дом 12345",
                                               "жилье",
                                               "задолж",
                                               "документов",
                                               "консультация",
                                               "Кимов",
                                               "шумно",
                                               "+7 701 555-12-34",
                                               "555-12-34",
                                               "5551234",
                                               "765-43-21",
                                               "7654321",
                                               "123 45 67",
                                               "87011234567",
                                               "1234",
                                               "701",
                                               "Zzyzx",
                                               "ә",
                                               "a b",
                                               "кимова алия"};
  return all;
}

TEST_CASE("each_case on PostgreSQL finds what SQLite finds, in find's order, for every kind of search" *
          doctest::skip(no_server())) {
  BothEngines both;
  for (const Case& c : search_cases()) both.add(c);
  int found_some = 0;
  for (const std::string& typed : typed_searches())
    for (const std::string field : {"search", "name"})
      for (const std::string sort : {"rank", "name", "case_id", "urgency"})
        for (long long limit : {-1LL, 1LL, 3LL}) {
          CaseFilter filter;
          (field == "search" ? filter.search : filter.name) = typed;
          filter.sort = sort;
          filter.limit = limit;
          CAPTURE(typed);
          CAPTURE(field);
          CAPTURE(sort);
          CAPTURE(limit);
          if (!listed_alike(both, filter).empty()) ++found_some;
        }
  // Not empty comparisons: most searches find something.
  CHECK(found_some > 300);
  // A search and a name together, with other filters.
  CaseFilter together;
  together.search = "Ким";
  together.name = "анна";
  together.districts = {"almaly"};
  together.sort = "rank";
  CHECK(listed_alike(both, together).find("2026-00014|") == 0);
}

// The order every engine gives `find` (store::name_words): cases in whose names every typed word
// is a whole word first, then the others; each part by name (name_sort), then case id.
TEST_CASE("find's order, the same on PostgreSQL and SQLite: whole words of the names first, then by name, then case id" *
          doctest::skip(no_server())) {
  BothEngines both;
  for (const Case& c : search_cases()) both.add(c);
  auto ids = [](const std::string& listed) {
    std::string out;
    for (const std::string& line : text::split(listed, '\n'))
      if (!line.empty()) out += line.substr(0, line.find('|')) + " ";
    return out;
  };
  struct Expected {
    std::string typed, ids;
  };
  for (const Expected& e : std::vector<Expected>{
           // Алиева Ким, Ким Анна (twice, by case id), Ким Сергей: "kim" whole in the names; then
           // by name (ә after а): ӘБІЛҚАСЫМОВА (Kim in the note), Кимова Алия (a prefix), Петрова
           // Дарья (Кимов in the note).
           {"Ким", "2026-00013 2026-00014 2026-00015 2026-00010 2026-00017 2026-00012 2026-00011 "},
           {"Ким Анна", "2026-00014 2026-00015 "},
           // Phones by their end (not the same digits in a note or an address): no words to rank by.
           {"765-43-21", "2026-00010 "},
           {"12345", "2026-00015 "},
           {"701", "2026-00004 2026-00015 2026-00002 2026-00001 "}, // a word: phones start with it
       }) {
    CAPTURE(e.typed);
    for (long long limit : {-1LL, 2LL}) {
      CaseFilter filter;
      filter.search = e.typed;
      filter.sort = "rank";
      filter.limit = limit;
      std::string want = e.ids;
      if (limit == 2) {
        std::vector<std::string> first = text::split(want, ' ');
        want = first.size() > 2 ? first[0] + " " + first[1] + " " : want;
      }
      CHECK(ids(listed_on_sqlite(*both.sqlite, filter)) == want);
      CHECK(ids(listed_on_postgres(*both.postgres, filter)) == want);
    }
  }
}

TEST_CASE("each_case on PostgreSQL refuses a search with nothing to search for, as SQLite does" * doctest::skip(no_server())) {
  BothEngines both;
  for (const Case& c : sample_cases()) both.add(c);
  for (const std::string typed : {"...", " ", "—", "«»"})
    for (const std::string field : {"search", "name"}) {
      CAPTURE(typed);
      CAPTURE(field);
      CaseFilter filter;
      (field == "search" ? filter.search : filter.name) = typed;
      int called = 0;
      auto count = [&](const CaseSummary&) {
        ++called;
        return Status::ok();
      };
      Status on_postgres = pg::each_case(*both.postgres, filter, count);
      Status on_sqlite = both.sqlite->each_case(filter, count);
      CHECK(on_postgres.kind() == ErrorKind::invalid_input);
      CHECK(on_postgres.message() == "nothing to search for in '" + typed + "': give letters or digits");
      CHECK(on_postgres.message() == on_sqlite.message());
      CHECK(called == 0);
    }
}

TEST_CASE("search on PostgreSQL follows update_case: the new names, address and problems are found, the old ones not" *
          doctest::skip(no_server())) {
  BothEngines both;
  std::vector<Case> cases = search_cases();
  for (const Case& c : cases) both.add(c);
  Case changed = cases[0];
  changed.name = "Абаева";
  changed.phone = "+7 701 999 88 77";
  changed.address = "мкр. Самал-2, 5";
  changed.problems = {"нет работы"};
  changed.members = {{"Абаева Айгүл", "мать", "1988-03-12"}};
  changed.updated_at = "2026-04-02T10:00:00Z";
  require_ok(both.postgres->write([&] { return pg::update_case(*both.postgres, both.pg_rows[0], changed); }));
  require_ok(both.sqlite->write([&] { return both.sqlite->update_case(both.sqlite_rows[0], changed); }));
  for (const std::string typed : {"Абаева", "Айгүл", "Семёнова", "Самал", "работы", "документов", "9998877", "555-12-34"}) {
    CAPTURE(typed);
    CaseFilter filter;
    filter.search = typed;
    filter.sort = "rank";
    std::string expected = listed_alike(both, filter);
    bool found_changed = expected.find("2026-00001|") != std::string::npos;
    CHECK(found_changed ==
          (typed == "Абаева" || typed == "Айгүл" || typed == "Самал" || typed == "работы" || typed == "9998877"));
  }
  CHECK(count_rows(*both.postgres, "SELECT count(*) FROM case_search") == static_cast<long long>(cases.size()));
}

TEST_CASE("a bulk intake on PostgreSQL: cases inserted between defer_search_rows and write_deferred_search_rows are found" *
          doctest::skip(no_server())) {
  BothEngines both;
  std::vector<Case> cases = search_cases();
  require_ok(both.postgres->write([&] {
    CASECTL_TRY(pg::defer_search_rows(*both.postgres));
    for (const Case& c : cases) CASECTL_TRY(pg::insert_case(*both.postgres, c).status());
    return pg::write_deferred_search_rows(*both.postgres);
  }));
  require_ok(both.sqlite->write([&] {
    CASECTL_TRY(both.sqlite->defer_search_rows());
    for (const Case& c : cases) CASECTL_TRY(both.sqlite->insert_case(c).status());
    return both.sqlite->write_deferred_search_rows();
  }));
  for (const std::string typed : {"Ким", "Семёнова", "765-43-21", "Абая"}) {
    CAPTURE(typed);
    CaseFilter filter;
    filter.search = typed;
    filter.sort = "rank";
    CHECK_FALSE(listed_alike(both, filter).empty());
  }
}

TEST_CASE("each_case on PostgreSQL stops at the first failure its callback returns" * doctest::skip(no_server())) {
  BothEngines both;
  for (const Case& c : sample_cases()) both.add(c);
  int called = 0;
  Status status = pg::each_case(*both.postgres, CaseFilter(), [&](const CaseSummary&) {
    ++called;
    return called == 2 ? Status::invalid("stop") : Status::ok();
  });
  CHECK(status.message() == "stop");
  CHECK(called == 2);
}

TEST_CASE("load_case, find_by_external_id and case_state on PostgreSQL give what SQLite gives" * doctest::skip(no_server())) {
  BothEngines both;
  std::vector<Case> cases = sample_cases();
  for (const Case& c : cases) both.add(c);
  // One case's external id is another's case id: the case id wins, as on SQLite.
  Case confusing = case_of("2026-00009", "Тест", "almaly", "2026-03-03");
  confusing.external_id = "2026-00001";
  both.add(confusing);

  for (const std::string wanted : {"2026-00001", "2026-00004", "CC-100", "CC-101", "2026-00009", "no-such-case", ""}) {
    CAPTURE(wanted);
    std::string expected = loaded(both.sqlite->load_case(wanted));
    CHECK(loaded(pg::load_case(*both.postgres, wanted)) == expected);

    Result<std::optional<CaseState>> pg_state = pg::case_state(*both.postgres, wanted);
    Result<std::optional<CaseState>> sqlite_state = both.sqlite->case_state(wanted);
    REQUIRE(pg_state.is_ok());
    REQUIRE(sqlite_state.is_ok());
    REQUIRE(pg_state->has_value() == sqlite_state->has_value());
    if (*pg_state) {
      CHECK((*pg_state)->case_id == (*sqlite_state)->case_id);
      CHECK((*pg_state)->status == (*sqlite_state)->status);
      CHECK((*pg_state)->urgency == (*sqlite_state)->urgency);
      CHECK((*pg_state)->response_due == (*sqlite_state)->response_due);
      CHECK((*pg_state)->opened == (*sqlite_state)->opened);
    }
  }
  // A loaded case is the case as written.
  CHECK(loaded(pg::load_case(*both.postgres, "2026-00001")).find("Әже,бабушка,") != std::string::npos);

  for (const std::string external_id : {"CC-100", "CC-101", "2026-00001", "CC-999", ""}) {
    CAPTURE(external_id);
    auto pg_found = pg::find_by_external_id(*both.postgres, external_id);
    auto sqlite_found = both.sqlite->find_by_external_id(external_id);
    REQUIRE(pg_found.is_ok());
    REQUIRE(sqlite_found.is_ok());
    REQUIRE(pg_found->has_value() == sqlite_found->has_value());
    if (*pg_found) CHECK(shown((*pg_found)->second) == shown((*sqlite_found)->second));
  }
  auto found = pg::find_by_external_id(*both.postgres, "CC-101");
  REQUIRE(found.is_ok());
  REQUIRE(found->has_value());
  CHECK((*found)->first == both.pg_rows[3]);
}

TEST_CASE("insert_case on PostgreSQL refuses an external id in use, naming its case, and writes nothing" *
          doctest::skip(no_server())) {
  BothEngines both;
  both.add(sample_cases()[0]);
  Case again = case_of("2026-00002", "Другая", "almaly", "2026-01-12");
  again.external_id = "CC-100";
  Status pg_status = both.postgres->write([&] { return pg::insert_case(*both.postgres, again).status(); });
  Status sqlite_status = both.sqlite->write([&] { return both.sqlite->insert_case(again).status(); });
  CHECK(pg_status.kind() == ErrorKind::conflict);
  CHECK(pg_status.message() == sqlite_status.message());
  CHECK(loaded(pg::load_case(*both.postgres, "2026-00002")) == "none");
  Result<bool> exists = pg::case_id_exists(*both.postgres, "2026-00001");
  REQUIRE(exists.is_ok());
  CHECK(*exists);
  exists = pg::case_id_exists(*both.postgres, "2026-00002");
  REQUIRE(exists.is_ok());
  CHECK_FALSE(*exists);
}

TEST_CASE("duplicates_of on PostgreSQL finds what SQLite finds, in the same order" * doctest::skip(no_server())) {
  BothEngines both;
  for (const Case& c : sample_cases()) both.add(c);
  Case family = case_of("2026-00100", "Семенова", "almaly", "2026-04-01");
  family.phone = "+7 (701) 555 12 34";
  family.address = "ул Абая 10";
  family.members = {{"СЕМЁНОВА айгүл", "", "1988-03-12"}, {"Ёлкин Петр", "", "1980-01-01"}};
  std::vector<Case> lookalikes = {family};
  Case other_district = family;
  other_district.district = "бостандык";
  lookalikes.push_back(other_district);
  Case no_members = family;
  no_members.members.clear();
  lookalikes.push_back(no_members);
  lookalikes.push_back(case_of("2026-00101", "Никто", "almaly", "2026-04-01"));
  for (const Case& c : lookalikes)
    for (const std::string except : {"", "2026-00001", "2026-00008"}) {
      CAPTURE(c.district);
      CAPTURE(except);
      std::string expected = matches(both.sqlite->duplicates_of(c, except));
      CHECK(matches(pg::duplicates_of(*both.postgres, c, except)) == expected);
    }
  // Not an empty comparison: the family looks like several open cases, each named once.
  std::string found = matches(pg::duplicates_of(*both.postgres, family, ""));
  CHECK(found.find("2026-00001: same member") == 0);
  CHECK(found.find("2026-00004") == std::string::npos); // closed
  CHECK(found.find("2026-00006: same member Ёлкин Пётр born 1980-01-01") != std::string::npos);
}

TEST_CASE("update_case on PostgreSQL, then load_case and each_case, equal SQLite's" * doctest::skip(no_server())) {
  BothEngines both;
  std::vector<Case> cases = sample_cases();
  for (const Case& c : cases) both.add(c);
  Case changed = cases[0];
  changed.name = "Абаева";
  changed.district = "";
  changed.phone = "";
  changed.address = "мкр. Самал-2, 5";
  changed.groups = {"large-family", "violence"}; // one kept, one gone, one new
  changed.problems = {"нет работы"};
  changed.members = {{"Абаева Айгүл", "мать", "1988-03-12"}};
  changed.external_id = "";
  changed.urgency = "emergency";
  changed.updated_at = "2026-04-01T20:00:00Z"; // 01:00 on the 2nd in Almaty (UTC+5)
  changed.updated_on = "2026-04-02";
  require_ok(both.postgres->write([&] { return pg::update_case(*both.postgres, both.pg_rows[0], changed); }));
  require_ok(both.sqlite->write([&] { return both.sqlite->update_case(both.sqlite_rows[0], changed); }));

  CHECK(loaded(pg::load_case(*both.postgres, "2026-00001")) == loaded(both.sqlite->load_case("2026-00001")));
  CHECK(loaded(pg::load_case(*both.postgres, "2026-00001")).find("Абаева|") != std::string::npos);
  CHECK(loaded(pg::load_case(*both.postgres, "CC-100")) == "none"); // its external id is gone
  for (const std::string sort : {"name", "district", "urgency"}) {
    CaseFilter filter;
    filter.sort = sort;
    listed_alike(both, filter);
  }
  Case family = case_of("2026-00100", "Семенова", "", "2026-04-01");
  family.members = {{"Абаева Айгүл", "", "1988-03-12"}};
  CHECK(matches(pg::duplicates_of(*both.postgres, family, "")) == matches(both.sqlite->duplicates_of(family, "")));

  // The group history the update leaves: the new group from the business day of the change, the
  // one gone ended that day, the one kept as it was.
  Result<store::postgres::Rows> spans = both.postgres->connection().exec(
      "SELECT grp || ':' || since || ':' || coalesce(until_on, '') FROM case_group_spans WHERE case_row = $1 ORDER BY grp, since",
      {std::to_string(both.pg_rows[0])});
  REQUIRE(spans.is_ok());
  std::vector<std::string> got;
  for (const auto& row : spans->rows) got.push_back(row[0].value_or(""));
  CHECK(got == std::vector<std::string>{"disability::2026-04-02", "large-family::", "violence:2026-04-02:"});

  // case_state and update_case_state.
  Result<std::optional<CaseState>> state = pg::case_state(*both.postgres, "2026-00002");
  REQUIRE(state.is_ok());
  REQUIRE(state->has_value());
  CaseState s = **state;
  s.status = "assessment";
  s.urgency = "emergency";
  s.response_due = "2026-04-03T09:00:00Z";
  const ChangeTime when{"2026-04-01T21:00:00Z", "2026-04-02"};
  require_ok(both.postgres->write([&] { return pg::update_case_state(*both.postgres, s, when); }));
  s.row = both.sqlite_rows[1];
  require_ok(both.sqlite->write([&] { return both.sqlite->update_case_state(s, when); }));
  CHECK(loaded(pg::load_case(*both.postgres, "2026-00002")) == loaded(both.sqlite->load_case("2026-00002")));
  CHECK(loaded(pg::load_case(*both.postgres, "2026-00002")).find("|assessment|") != std::string::npos);
  Result<store::postgres::Rows> history = both.postgres->connection().exec(
      "SELECT attribute || ':' || value || ':' || until_on FROM case_history WHERE case_row = $1",
      {std::to_string(both.pg_rows[1])});
  REQUIRE(history.is_ok());
  REQUIRE(history->rows.size() == 1);
  CHECK(history->rows[0][0].value_or("") == "urgency:urgent:2026-04-02");
}

TEST_CASE("link_cases on PostgreSQL records a possible duplicate once" * doctest::skip(no_server())) {
  BothEngines both;
  both.add(sample_cases()[0]);
  require_ok(both.postgres->write([&] {
    CASECTL_TRY(pg::link_cases(*both.postgres, both.pg_rows[0], "2026-00002", "same phone"));
    return pg::link_cases(*both.postgres, both.pg_rows[0], "2026-00002", "same phone");
  }));
  Result<store::postgres::Rows> links =
      both.postgres->connection().exec("SELECT other_case_id, relation, reason FROM case_links");
  REQUIRE(links.is_ok());
  REQUIRE(links->rows.size() == 1);
  CHECK(links->rows[0] == std::vector<store::postgres::Value>{"2026-00002", "possible-duplicate", "same phone"});
}

TEST_CASE("each_history_entry on PostgreSQL gives the journal rows SQLite gives" * doctest::skip(no_server())) {
  BothEngines both;
  both.add(sample_cases()[0]);
  auto entry = [](const std::string& case_id, const std::string& action, const std::string& changes) {
    JournalEntry e;
    e.at = "2026-03-01T10:00:00Z";
    e.effective_on = action == "read" ? "" : "2026-02-28";
    e.actor = "aigerim";
    e.login = "aigerim";
    e.command = "casectl test";
    e.case_id = case_id;
    e.action = action;
    e.changes = changes;
    return e;
  };
  std::vector<JournalEntry> entries = {entry("2026-00001", "intake", R"({"name":"Семёнова"})"), entry("2026-00001", "read", "{}"),
                                       entry("2026-00002", "intake", "{}"),
                                       entry("2026-00001", "assess", R"({"risk":["low","high"]})")};
  for (const JournalEntry& e : entries) {
    require_ok(both.postgres->write([&] { return both.postgres->append_journal(e); }));
    require_ok(both.sqlite->write([&] { return both.sqlite->append_journal(e); }));
  }
  // The hashes chain to rows before (the migration's, stamped with the real time), so they differ
  // between the stores; every other field is compared.
  auto history = [](auto each) {
    std::string out;
    require_ok(each([&](const HistoryEntry& e) {
      CHECK(e.hash.size() == 64);
      out += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}\n", e.at, e.effective_on, e.actor, e.login, e.command, e.case_id, e.action,
                         e.changes);
      return Status::ok();
    }));
    return out;
  };
  for (HistoryKind kind : {HistoryKind::changes, HistoryKind::reads}) {
    std::string on_postgres =
        history([&](const auto& each) { return pg::each_history_entry(*both.postgres, "2026-00001", each, kind); });
    std::string on_sqlite = history([&](const auto& each) { return both.sqlite->each_history_entry("2026-00001", each, kind); });
    CHECK(on_postgres == on_sqlite);
    CHECK(on_postgres.find("2026-00001") != std::string::npos);
  }
  // Only the server knows who logged in: its rows name the role (session_user), SQLite's none.
  std::string pg_role, sqlite_role = "?";
  require_ok(pg::each_history_entry(
      *both.postgres, "2026-00001", [&](const HistoryEntry& e) { return pg_role = e.db_role, Status::ok(); },
      HistoryKind::changes));
  require_ok(both.sqlite->each_history_entry(
      "2026-00001", [&](const HistoryEntry& e) { return sqlite_role = e.db_role, Status::ok(); }, HistoryKind::changes));
  CHECK(!pg_role.empty());
  CHECK(sqlite_role.empty());
}
