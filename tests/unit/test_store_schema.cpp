// The SQLite engine's keys (store/sqlite/schema.hpp): search keys, the full-text index rows and
// the alphabetical sort keys are computed in C++ and stored, so that no statement casectl runs in
// normal operation needs a function or collation registered by casectl. The store opened here has
// none registered (they live only while old migrations run): every path below would fail with
// "no such function" or "no such collation sequence" if one of its statements used them.
// SQLite only; the sort order every engine keeps is in test_store_contract.cpp.
#include "store/sqlite/schema.hpp"

#include "cases/intake.hpp"
#include "fixtures.hpp"
#include "store/sqlite/check.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using store::sqlite::SqliteStore;

namespace {

using Ids = std::vector<std::string>;
} // namespace
namespace doctest {
template <> struct StringMaker<Ids> {
  static String convert(const Ids& v) {
    std::string out = "{";
    for (const std::string& s : v) out += "\"" + s + "\" ";
    return String((out + "}").c_str());
  }
};
} // namespace doctest
namespace {

std::unique_ptr<SqliteStore> opened_in_memory() {
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::open({":memory:", 5000, store::Mode::write});
  REQUIRE_MESSAGE(s.is_ok(), s.status().message());
  return std::move(*s);
}

// A case as intake prepares it, with the given name, district and case manager.
Case prepared(const std::string& name, const std::string& district, const std::string& manager, const std::string& phone = "",
              const std::string& address = "") {
  IntakeRequest r;
  r.name = name;
  std::vector<std::string> problems;
  Case c = check_case(r, builtin_config(), k_clock, problems);
  REQUIRE_MESSAGE(problems.empty(), problems.front());
  c.district = district;
  c.case_manager = manager;
  c.phone = phone;
  c.address = address;
  return c;
}

Ids rows(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, sql);
  Ids out;
  while (q.executeStep()) {
    std::string row;
    for (int i = 0; i < q.getColumnCount(); ++i) row += (i ? "|" : "") + q.getColumn(i).getString();
    out.push_back(row);
  }
  return out;
}

// The names of the cases each_case gives for `filter`, in its order.
Ids names_of(SqliteStore& s, const CaseFilter& filter) {
  Ids names;
  Status status = s.each_case(filter, [&](const CaseSummary& c) {
    names.push_back(c.name);
    return Status::ok();
  });
  REQUIRE_MESSAGE(status.is_ok(), status.message());
  return names;
}

Ids sorted_names(SqliteStore& s, const std::string& sort, bool descending = false) {
  CaseFilter filter;
  filter.sort = sort;
  filter.descending = descending;
  return names_of(s, filter);
}

Ids found(SqliteStore& s, const std::string& search) {
  CaseFilter filter;
  filter.search = search;
  filter.sort = "rank";
  return names_of(s, filter);
}

void write(SqliteStore& s, const std::function<Status()>& body) {
  Status status = s.write(body);
  REQUIRE_MESSAGE(status.is_ok(), status.message());
}

} // namespace

TEST_CASE("SQLite: an opened store has none of casectl's SQL functions or collations registered") {
  auto s = opened_in_memory();
  for (const char* sql :
       {"SELECT casectl_search_key('Семёнова')", "SELECT casectl_phone_key('+7 701 123 45 67')",
        "SELECT casectl_phone_tokens('87011234567')", "SELECT casectl_journal_hash('', '', '', '', '', '', '', '', '')"})
    CHECK_THROWS_WITH_AS(s->db().exec(sql), doctest::Contains("no such function"), SQLite::Exception);
  CHECK_THROWS_WITH_AS(s->db().exec("SELECT name FROM cases ORDER BY name COLLATE casectl_alpha"),
                       doctest::Contains("no such collation"), SQLite::Exception);
}

TEST_CASE("SQLite: intake, update, assign, bulk intake, list, find and check --repair run without casectl's SQL functions") {
  auto s = opened_in_memory();
  long long anna = 0;
  write(*s, [&]() -> Status {
    Case c = prepared("Семёнова Анна", "almaly", "petrenko", "+7 (701) 123-45-67", "ул. Төле би, 12");
    c.case_id = "2026-00001";
    c.members = {{"Семёнова Анна", "мать", "1988-04-12"}, {"Семёнов Илья", "сын", ""}};
    c.problems = {"задолженность за жильё", "шум"};
    Result<long long> row = s->insert_case(c);
    if (!row) return row.status();
    anna = *row;
    // A second family at the same phone and address, and the same member: found as a duplicate by
    // keys computed in C++.
    Case other = prepared("Semyonova Anna", "almaly", "", "8 701 1234567", "ул. Толе би 12");
    other.members = {{"Semyonova Anna", "", "1988-04-12"}};
    Result<std::vector<DuplicateMatch>> dups = s->duplicates_of(other, "");
    if (!dups) return dups.status();
    CHECK(dups->size() == 1);
    if (!dups->empty()) CHECK((*dups)[0].case_id == "2026-00001");
    return Status::ok();
  });
  CHECK(rows(s->db(), "SELECT phone_key, address_key FROM cases") == Ids{"7011234567|ul tole bi 12"});
  CHECK(rows(s->db(), "SELECT name_key FROM members ORDER BY position") == Ids{"semenova ana", "semenov ilia"});
  CHECK(rows(s->db(), "SELECT names, address, phone, note, problems FROM case_search") ==
        Ids{"semenova ana semenova ana semenov ilia|ul tole bi 12|7011234567 1234567||zadolzhenost za zhile shum"});

  write(*s, [&]() -> Status {
    Case c = prepared("Ахметова Анна", "turksib", "", "", "");
    c.case_id = "2026-00001";
    return s->update_case(anna, c);
  });
  SQLite::Statement keys(s->db(), "SELECT name_sort = ?1, district_sort = ?2, manager_sort = ?3 FROM cases");
  std::string name = text::sort_key("Ахметова Анна"), district = text::sort_key("turksib"), manager = text::sort_key("petrenko");
  int parameter = 1;
  for (const std::string* key : {&name, &district, &manager})
    keys.bind(parameter++, static_cast<const void*>(key->data()), static_cast<int>(key->size()));
  REQUIRE(keys.executeStep());
  CHECK(keys.getColumn(0).getInt() == 1);
  CHECK(keys.getColumn(1).getInt() == 1);
  CHECK(keys.getColumn(2).getInt() == 1); // update leaves the case manager, and its key, to assign
  keys.reset();
  CHECK(found(*s, "ahmetova") == Ids{"Ахметова Анна"});
  CHECK(found(*s, "Semyonova").empty());

  // Bulk intake: index rows deferred to the end of the transaction, written from C++ too.
  write(*s, [&]() -> Status {
    CASECTL_TRY(s->defer_search_rows());
    int n = 2;
    for (const char* name : {"Жұмабаева Гүлнар", "Zhumabaeva Gulnar", "Әлиев Нұрлан", "Алиев Нурлан", "алиев нурлан"}) {
      Case c = prepared(name, n % 2 ? "almaly" : "", n % 3 ? "" : "ivanova", n == 2 ? "+7 702 222 33 44" : "");
      c.case_id = "2026-0000" + std::to_string(n++);
      Result<long long> row = s->insert_case(c);
      if (!row) return row.status();
    }
    return s->write_deferred_search_rows();
  });
  Ids both = found(*s, "Jumabayeva");
  std::sort(both.begin(), both.end());
  CHECK(both == Ids{"Zhumabaeva Gulnar", "Жұмабаева Гүлнар"});
  CHECK(found(*s, "2223344") == Ids{"Жұмабаева Гүлнар"});

  write(*s, [&]() -> Status { return s->set_case_manager(anna, "", {"2026-03-15T09:30:00Z", "2026-03-15"}); });
  CHECK(rows(s->db(), "SELECT count(*) FROM cases WHERE manager_sort IS NULL") == Ids{"4"});
  CHECK(rows(s->db(), "SELECT count(*) FROM cases WHERE (manager_sort IS NULL) <> (case_manager IS NULL)") == Ids{"0"});

  // Alphabetical, Kazakh letters in their place (ә after а), equal keys by their bytes.
  CHECK(sorted_names(*s, "name") ==
        Ids{"Zhumabaeva Gulnar", "Алиев Нурлан", "алиев нурлан", "Ахметова Анна", "Әлиев Нұрлан", "Жұмабаева Гүлнар"});
  CHECK(sorted_names(*s, "name", true) ==
        Ids{"Жұмабаева Гүлнар", "Әлиев Нұрлан", "Ахметова Анна", "алиев нурлан", "Алиев Нурлан", "Zhumabaeva Gulnar"});
  CHECK(sorted_names(*s, "case_manager").size() == 6);
  CHECK(sorted_names(*s, "district").size() == 6);

  // check finds the index whole; --repair rebuilds it, through the same C++ path, to the same rows.
  Ids index = rows(s->db(), "SELECT rowid, names, address, phone, note, problems FROM case_search ORDER BY rowid");
  CheckOptions options;
  options.case_id_of = [](int year, long long seq) { return std::to_string(year) + "-" + std::to_string(seq); };
  Result<std::vector<CheckResult>> checked = store::sqlite::check_store(*s, options);
  REQUIRE_MESSAGE(checked.is_ok(), checked.status().message());
  for (const CheckResult& r : *checked)
    if (r.check == "search-index") CHECK_MESSAGE(r.ok, r.detail);
  s->db().exec("DELETE FROM case_search WHERE rowid = 1");
  write(*s, [&]() -> Status {
    Result<std::vector<std::string>> done = store::sqlite::repair_store(*s);
    if (!done) return done.status();
    CHECK(*done == Ids{"search index rebuilt"});
    return Status::ok();
  });
  CHECK(rows(s->db(), "SELECT rowid, names, address, phone, note, problems FROM case_search ORDER BY rowid") == index);
}
