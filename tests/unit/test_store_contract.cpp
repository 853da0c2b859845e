// The promises of store/case_store.hpp's header comment, checked on every engine of
// store_engines.hpp through CaseStore's methods and the domain's own functions only: what a
// PostgreSQL engine has to keep as the SQLite one does. Promises checked elsewhere on every engine
// as well: each_case's filters and sort order (test_cases_intake.cpp), an external id already in
// use (intake_case there, IntakeSession in test_cases_intake_session.cpp). The SQLite engine's
// own promises (files, modes, WAL, triggers, busy) are in test_store_store.cpp.
#include "store/case_store.hpp"

#include "cases/intake.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store/journal_chain.hpp"
#include "store_engines.hpp"
#include "store_reads.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;

namespace {

const ChangeContext k_context{"aigerim", "casectl intake --from cases.csv", k_clock}; // today: 2026-03-15

IntakeRequest named(const std::string& name, const std::string& external_id = "") {
  IntakeRequest r;
  r.name = name;
  if (!external_id.empty()) r.external_id = external_id;
  return r;
}

// A fresh store of the engine under test, with cases registered through the intake code.
template <class Engine> struct ContractFixture {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();

  std::string registered(const IntakeRequest& r) { return testing::registered(*store, r, config, k_context); }

  // Adds `r` through an IntakeSession inside the caller's transaction; returns the case id.
  Result<std::string> added(const IntakeRequest& r) {
    IntakeSession session(*store, config, k_context, IntakeOptions{});
    Result<IntakeResult> result = session.add(r);
    if (!result) return result.status();
    REQUIRE_MESSAGE(result->fate == IntakeFate::created, result->status.message());
    return result->case_id;
  }

  std::optional<Case> loaded(const std::string& wanted) {
    Result<std::optional<Case>> c = store->load_case(wanted);
    REQUIRE_MESSAGE(c.is_ok(), c.status().message());
    return *c;
  }

  std::vector<std::string> ids(const CaseFilter& filter) { return testing::case_ids(*store, filter); }

  std::string head() {
    Result<std::string> h = store->journal_head();
    REQUIRE_MESSAGE(h.is_ok(), h.status().message());
    return *h;
  }

  // The numbers next_case_number gives for `years`, in order, in one committed transaction.
  std::vector<long long> numbers(const std::vector<int>& years) {
    std::vector<long long> out;
    Status status = store->write([&]() -> Status {
      for (int year : years) {
        Result<long long> n = store->next_case_number(year);
        if (!n) return n.status();
        out.push_back(*n);
      }
      return Status::ok();
    });
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    return out;
  }
};

// What a journal row's hash covers, from the entry as each_history_entry gives it back.
store::JournalContent content_of(const HistoryEntry& e) {
  store::JournalContent c;
  c.at = e.at;
  c.effective_on = e.effective_on;
  c.actor = e.actor;
  c.login = e.login;
  c.command = e.command;
  if (!e.case_id.empty()) c.case_id = e.case_id;
  c.action = e.action;
  c.changes = e.changes;
  if (!e.db_role.empty()) c.db_role = e.db_role;
  return c;
}

JournalEntry entry(const std::string& case_id, const std::string& action, const std::string& changes) {
  JournalEntry e;
  e.at = "2026-03-15T09:30:00Z";
  e.effective_on = "2026-03-15";
  e.actor = "aigerim";
  e.login = "aigerim-os";
  e.command = "casectl test";
  e.case_id = case_id;
  e.action = action;
  e.changes = changes;
  return e;
}

} // namespace

TEST_CASE_TEMPLATE("contract: write() commits everything the body did, or nothing", Engine, CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  std::string first = f.registered(named("Семёнова Анна", "ЕСП-1"));
  const std::string head = f.head();
  REQUIRE(head.size() == 64);

  // After a write that left no trace, the store is as it was after the first case: the second
  // case, its external id and its number are free, the journal ends where it did.
  auto check_no_trace = [&] {
    CHECK_FALSE(f.loaded("2026-00002"));
    CHECK_FALSE(f.loaded("ЕСП-2"));
    CHECK(f.ids({}) == std::vector<std::string>{first});
    CHECK(f.head() == head);
    CHECK(testing::history_of(*f.store, "2026-00002").empty());
    CHECK(f.registered(named("Ахметов Ерлан", "ЕСП-2")) == "2026-00002");
  };

  SUBCASE("a body that succeeds is committed, journal row and all") {
    std::string id;
    Status status = f.store->write([&]() -> Status {
      Result<std::string> added = f.added(named("Ахметов Ерлан", "ЕСП-2"));
      if (!added) return added.status();
      id = *added;
      return Status::ok();
    });
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    CHECK(id == "2026-00002");
    std::optional<Case> c = f.loaded("ЕСП-2");
    REQUIRE(c);
    CHECK(c->case_id == "2026-00002");
    CHECK(f.ids({}) == std::vector<std::string>{first, id});
    CHECK(f.head() != head);
    REQUIRE(testing::history_of(*f.store, id).size() == 1);
    CHECK(testing::history_of(*f.store, id)[0].hash == f.head());
  }
  SUBCASE("a body that returns a failed Status leaves no trace, and its Status is passed on") {
    Status status = f.store->write([&]() -> Status {
      Result<std::string> added = f.added(named("Ахметов Ерлан", "ЕСП-2"));
      if (!added) return added.status();
      CHECK(*added == "2026-00002");
      return Status::conflict("case 2026-00002 is wrong after all");
    });
    CHECK(status.kind() == ErrorKind::conflict);
    CHECK(status.message() == "case 2026-00002 is wrong after all");
    check_no_trace();
  }
  SUBCASE("a body that throws leaves no trace") {
    bool threw = false;
    try {
      Status status = f.store->write([&]() -> Status {
        Result<std::string> added = f.added(named("Ахметов Ерлан", "ЕСП-2"));
        if (!added) return added.status();
        throw std::runtime_error("the disk is gone");
      });
      CHECK_FALSE(status.is_ok()); // an engine may turn it into a Status instead of letting it through
    } catch (const std::runtime_error&) {
      threw = true;
    }
    CAPTURE(threw);
    check_no_trace();
  }
  SUBCASE("rehearse: the body sees its own writes, and all is rolled back even when it succeeds") {
    bool seen = false;
    Status status = f.store->write(
        [&]() -> Status {
          Result<std::string> added = f.added(named("Ахметов Ерлан", "ЕСП-2"));
          if (!added) return added.status();
          std::optional<Case> c = f.loaded(*added);
          seen = c && c->name == "Ахметов Ерлан";
          CHECK(f.loaded("ЕСП-2"));
          CHECK(f.ids({}) == std::vector<std::string>{first, *added});
          CHECK(testing::history_of(*f.store, *added).size() == 1);
          CHECK(f.head() != head);
          return Status::ok();
        },
        true);
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    CHECK(seen);
    check_no_trace();
  }
  SUBCASE("a write after a rolled-back one works as usual") {
    Status failed = f.store->write([] { return Status::invalid("refused"); });
    CHECK(failed.kind() == ErrorKind::invalid_input);
    CHECK(f.store->write([] { return Status::ok(); }).is_ok());
    check_no_trace();
  }
}

TEST_CASE_TEMPLATE("contract: the journal is appended to and chained by hash", Engine, CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  std::string id = f.registered(named("Семёнова Анна"));
  std::vector<HistoryEntry> before = testing::history_of(*f.store, id);
  REQUIRE(before.size() == 1);
  CHECK(before[0].action == "intake");
  const std::string head0 = f.head();
  CHECK(head0 == before[0].hash);

  JournalEntry note = entry(id, "note", R"({"note":["","первая запись"]})");
  REQUIRE(f.store->write([&] { return f.store->append_journal(note); }).is_ok());
  const std::string head1 = f.head();
  JournalEntry second = entry(id, "note", R"({"note":["первая запись","вторая"]})");
  REQUIRE(f.store->write([&] { return f.store->append_journal(second); }).is_ok());
  const std::string head2 = f.head();

  SUBCASE("each entry moves the head to its own hash") {
    CHECK(head1.size() == 64);
    CHECK(head2.size() == 64);
    CHECK(head1 != head0);
    CHECK(head2 != head1);
  }
  SUBCASE("the entries come back as appended, oldest first, earlier ones unchanged") {
    std::vector<HistoryEntry> after = testing::history_of(*f.store, id);
    REQUIRE(after.size() == 3);
    CHECK(after[0].id == before[0].id);
    CHECK(after[0].hash == before[0].hash);
    CHECK(after[0].changes == before[0].changes);
    CHECK(after[1].id < after[2].id);
    for (const auto& [stored, given] : {std::pair{after[1], note}, std::pair{after[2], second}}) {
      CHECK(stored.at == given.at);
      CHECK(stored.effective_on == given.effective_on);
      CHECK(stored.actor == given.actor);
      CHECK(stored.login == given.login);
      CHECK(stored.command == given.command);
      CHECK(stored.case_id == given.case_id);
      CHECK(stored.action == given.action);
      CHECK(stored.changes == given.changes);
    }
    CHECK(after[1].hash == head1);
    CHECK(after[2].hash == head2);
  }
  SUBCASE("each hash covers its content and the hash of the row before it") {
    std::vector<HistoryEntry> after = testing::history_of(*f.store, id);
    REQUIRE(after.size() == 3);
    CHECK(after[1].hash == store::journal_hash(head0, content_of(after[1])));
    CHECK(after[2].hash == store::journal_hash(head1, content_of(after[2])));
  }
  SUBCASE("a store-wide entry is chained too, and the case's chain still holds") {
    REQUIRE(f.store->write([&] { return f.store->append_journal(entry("", "staff-add", R"({"login":"kim"})")); }).is_ok());
    CHECK(f.head() != head2);
    Result<std::optional<store::ChainBreak>> broken = f.store->verify_case_chain(id);
    REQUIRE(broken.is_ok());
    CHECK_FALSE(*broken);
  }
  SUBCASE("verify_case_chain holds for the case, and for a case with no entries") {
    Result<std::optional<store::ChainBreak>> broken = f.store->verify_case_chain(id);
    REQUIRE_MESSAGE(broken.is_ok(), broken.status().message());
    CHECK_FALSE(*broken);
    Result<std::optional<store::ChainBreak>> none = f.store->verify_case_chain("2026-99999");
    REQUIRE_MESSAGE(none.is_ok(), none.status().message());
    CHECK_FALSE(*none);
  }
  SUBCASE("an entry appended in a rolled-back write leaves the head where it was") {
    Status status = f.store->write([&]() -> Status {
      Status appended = f.store->append_journal(entry(id, "note", "{}"));
      if (!appended) return appended;
      return Status::conflict("changed my mind");
    });
    CHECK(status.kind() == ErrorKind::conflict);
    CHECK(f.head() == head2);
    CHECK(testing::history_of(*f.store, id).size() == 3);
  }
}

TEST_CASE_TEMPLATE("contract: cases are found by case id, else external id; not found is nullopt, not an error", Engine,
                   CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  std::string semyonova = f.registered(named("Семёнова Анна", "ЕСП-1"));
  std::string akhmetov = f.registered(named("Ахметов Ерлан"));

  SUBCASE("load_case") {
    for (const std::string& wanted : {semyonova, std::string("ЕСП-1")}) {
      CAPTURE(wanted);
      std::optional<Case> c = f.loaded(wanted);
      REQUIRE(c);
      CHECK(c->case_id == semyonova);
      CHECK(c->name == "Семёнова Анна");
      CHECK(c->external_id == "ЕСП-1");
    }
    std::optional<Case> other = f.loaded(akhmetov);
    REQUIRE(other);
    CHECK(other->name == "Ахметов Ерлан");
    CHECK(other->external_id.empty());
    for (const std::string missing : {"2026-99999", "ЕСП-2", ""}) {
      CAPTURE(missing);
      CHECK_FALSE(f.loaded(missing));
    }
  }
  SUBCASE("case_state") {
    Result<std::optional<CaseState>> state = f.store->case_state("ЕСП-1");
    REQUIRE_MESSAGE(state.is_ok(), state.status().message());
    REQUIRE(state->has_value());
    CHECK((*state)->case_id == semyonova);
    CHECK((*state)->status == "intake");
    Result<std::optional<CaseState>> missing = f.store->case_state("2026-99999");
    REQUIRE_MESSAGE(missing.is_ok(), missing.status().message());
    CHECK_FALSE(missing->has_value());
  }
  SUBCASE("load_assignment") {
    Result<std::optional<CaseAssignment>> assignment = f.store->load_assignment("ЕСП-1");
    REQUIRE_MESSAGE(assignment.is_ok(), assignment.status().message());
    CHECK(assignment->has_value());
    Result<std::optional<CaseAssignment>> missing = f.store->load_assignment("2026-99999");
    REQUIRE_MESSAGE(missing.is_ok(), missing.status().message());
    CHECK_FALSE(missing->has_value());
  }
  SUBCASE("find_by_external_id looks at external ids only") {
    Result<std::optional<std::pair<long long, Case>>> found = f.store->find_by_external_id("ЕСП-1");
    REQUIRE_MESSAGE(found.is_ok(), found.status().message());
    REQUIRE(found->has_value());
    CHECK((*found)->second.case_id == semyonova);
    for (const std::string missing : {semyonova, std::string("ЕСП-2")}) {
      CAPTURE(missing);
      Result<std::optional<std::pair<long long, Case>>> none = f.store->find_by_external_id(missing);
      REQUIRE_MESSAGE(none.is_ok(), none.status().message());
      CHECK_FALSE(none->has_value());
    }
  }
  SUBCASE("case_id_exists") {
    Result<bool> yes = f.store->case_id_exists(semyonova);
    REQUIRE(yes.is_ok());
    CHECK(*yes);
    Result<bool> no = f.store->case_id_exists("ЕСП-1"); // an external id is not a case id
    REQUIRE(no.is_ok());
    CHECK_FALSE(*no);
  }
}

TEST_CASE_TEMPLATE("contract: case_ids_starting gives the ids with that prefix, the highest first, up to the limit", Engine,
                   CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  std::vector<std::string> made;
  for (int i = 0; i < 12; ++i) made.push_back(f.registered(named("Семья " + std::to_string(i))));
  REQUIRE(made.back() == "2026-00012");
  auto starting = [&](const std::string& prefix, int limit) {
    Result<std::vector<std::string>> ids = f.store->case_ids_starting(prefix, limit);
    REQUIRE_MESSAGE(ids.is_ok(), ids.status().message());
    return *ids;
  };
  CHECK(starting("2026-0001", 10) == std::vector<std::string>{"2026-00012", "2026-00011", "2026-00010"});
  CHECK(starting("", 2) == std::vector<std::string>{"2026-00012", "2026-00011"});
  CHECK(starting("2026-00012", 5) == std::vector<std::string>{"2026-00012"});
  CHECK(starting("2025", 5).empty());
  CHECK(starting("2026-000%", 5).empty()); // no LIKE: a wildcard is a character like any other
}

TEST_CASE_TEMPLATE("contract: each_case honours the filter and the limit", Engine, CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  f.config.districts = {{"almaly", "Алмалинский", "Almaly"}, {"medeu", "Медеуский", "Medeu"}};
  auto add = [&](const char* name, const char* district, const char* urgency) {
    IntakeRequest r = named(name);
    r.district = district;
    r.urgency = urgency;
    return f.registered(r);
  };
  std::string a = add("Семёнова", "almaly", "routine"); // 2026-00001
  std::string b = add("Ахметов", "medeu", "emergency"); // 2026-00002
  std::string c = add("Иванова", "almaly", "urgent");   // 2026-00003
  std::string d = add("Бекова", "almaly", "emergency"); // 2026-00004
  using Ids = std::vector<std::string>;

  CaseFilter almaly;
  almaly.districts = {"almaly"};
  CHECK(f.ids(almaly) == Ids{a, c, d});
  SUBCASE("the limit counts the rows that match, in the filter's order") {
    almaly.limit = 2;
    CHECK(f.ids(almaly) == Ids{a, c});
    almaly.descending = true;
    CHECK(f.ids(almaly) == Ids{d, c});
    almaly.limit = 10;
    CHECK(f.ids(almaly) == Ids{d, c, a});
  }
  SUBCASE("no limit (-1, the default) gives every case") {
    CHECK(CaseFilter{}.limit == -1);
    CHECK(f.ids(CaseFilter{}) == Ids{a, b, c, d});
  }
  SUBCASE("filters combine: every one must hold") {
    almaly.urgencies = {"emergency"};
    CHECK(f.ids(almaly) == Ids{d});
    almaly.districts.clear();
    CHECK(f.ids(almaly) == Ids{b, d});
    almaly.limit = 1;
    almaly.sort = "name"; // Ахметов before Бекова
    CHECK(f.ids(almaly) == Ids{b});
  }
  SUBCASE("nothing matches: each is never called, and that is not an error") {
    CaseFilter nobody;
    nobody.districts = {"medeu"};
    nobody.urgencies = {"routine"};
    CHECK(f.ids(nobody).empty());
  }
}

TEST_CASE_TEMPLATE(
    "contract: each_case sorts names, districts and managers alphabetically, then by their bytes, no manager first", Engine,
    CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  f.config.districts = {{"almaly", "Алмалинский", "Almaly"}, {"turksib", "Турксибский", "Turksib"}};
  auto add = [&](const char* name, const char* district, const std::string& manager) {
    IntakeRequest r = named(name, std::string("EXT-") + name);
    if (*district) r.district = district;
    std::string id = f.registered(r);
    if (manager.empty()) return id;
    Result<std::optional<std::pair<long long, Case>>> found = f.store->find_by_external_id(std::string("EXT-") + name);
    REQUIRE_MESSAGE(found.is_ok(), found.status().message());
    REQUIRE(found->has_value());
    Status set = f.store->write([&] {
      return f.store->set_case_manager((*found)->first, manager, {"2026-03-15T09:30:00Z", "2026-03-15"});
    });
    REQUIRE_MESSAGE(set.is_ok(), set.message());
    return id;
  };
  std::string a = add("Әлиев", "turksib", "Ivanova");
  std::string b = add("алиев", "", "ivanova");
  std::string c = add("Алиев", "almaly", "");
  std::string d = add("Zhumabaeva", "almaly", "ёлкина");
  std::string e = add("Ёлкин", "", "елкина");
  std::string g = add("Елкин", "turksib", "");
  using Ids = std::vector<std::string>;
  auto sorted = [&](const char* sort, bool descending) {
    CaseFilter filter;
    filter.sort = sort;
    filter.descending = descending;
    return f.ids(filter);
  };
  // Latin before Cyrillic, ә after а, ё after е; "Алиев" and "алиев" have one key: by their bytes.
  CHECK(sorted("name", false) == Ids{d, c, b, a, g, e});
  CHECK(sorted("name", true) == Ids{e, g, a, b, c, d});
  // No district ('') first; then equal districts by case id.
  CHECK(sorted("district", false) == Ids{b, e, c, d, a, g});
  CHECK(sorted("district", true) == Ids{g, a, d, c, e, b});
  // No case manager (NULL) first, last when reversed.
  CHECK(sorted("case_manager", false) == Ids{c, g, a, b, e, d});
  CHECK(sorted("case_manager", true) == Ids{d, e, b, a, g, c});
}

TEST_CASE_TEMPLATE("contract: find's order (sort rank): every word whole in the names first, then by name, then case id", Engine,
                   CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  auto add = [&](const char* name, const char* member, const char* note) {
    IntakeRequest r = named(name);
    if (*member) r.members = {member};
    if (*note) r.note = note;
    return f.registered(r);
  };
  std::string far = add("Петрова Дарья", "", "у Кимов шумно");
  std::string near = add("Ким Сергей", "Ким Виктория", "");
  std::string prefix = add("Кимова Алия", "", "");
  std::string member = add("Алиева Гүлнар", "Алиев Ким", "");
  std::string twin1 = add("Ким Анна", "", "");
  std::string twin2 = add("Ким Анна", "", "");
  std::string latin = add("Kim Olga", "", "");
  std::string kazakh = add("Әлиева Жанар", "", "Kimberley");
  using Ids = std::vector<std::string>;
  auto found = [&](const char* typed, long long limit = -1) {
    CaseFilter filter;
    filter.search = typed;
    filter.sort = "rank";
    filter.limit = limit;
    return f.ids(filter);
  };
  CHECK(found("Ким") == Ids{latin, member, twin1, twin2, near, kazakh, prefix, far});
  CHECK(found("Ким", 3) == Ids{latin, member, twin1});
  CHECK(found("ким анна") == Ids{twin1, twin2});
  // A prefix of every name is a whole word of none: by name alone.
  CHECK(found("Ки") == Ids{latin, member, kazakh, twin1, twin2, near, prefix, far});
}

TEST_CASE_TEMPLATE("contract: next_case_number counts up from 1 per year, inside write()", Engine, CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  SUBCASE("each year and year 0 have a counter of their own") {
    CHECK(f.numbers({2026, 2026, 2025, 2026, 0, 0, 2025}) == std::vector<long long>{1, 2, 1, 3, 1, 2, 2});
    CHECK(f.numbers({2026, 2025, 0}) == std::vector<long long>{4, 3, 3}); // kept across transactions
  }
  SUBCASE("the counter is the one intake_case numbers cases by") {
    CHECK(f.registered(named("Семёнова")) == "2026-00001");
    CHECK(f.numbers({2026}) == std::vector<long long>{2});
    CHECK(f.registered(named("Ахметов")) == "2026-00003");
  }
  SUBCASE("a number taken in a rolled-back transaction is given back") {
    Status status = f.store->write([&]() -> Status {
      Result<long long> n = f.store->next_case_number(2026);
      if (!n) return n.status();
      CHECK(*n == 1);
      return Status::invalid("rolled back");
    });
    CHECK(status.kind() == ErrorKind::invalid_input);
    Status rehearsed = f.store->write(
        [&]() -> Status {
          Result<long long> n = f.store->next_case_number(2026);
          if (!n) return n.status();
          CHECK(*n == 1);
          return Status::ok();
        },
        true);
    CHECK(rehearsed.is_ok());
    CHECK(f.numbers({2026}) == std::vector<long long>{1});
  }
}

TEST_CASE("store::open takes a postgresql:// URL for the PostgreSQL engine, and does not repeat its password") {
  // A server that is not there (a socket directory that does not exist): the engine was chosen
  // when the message is PostgreSQL's, naming the server without the password.
  for (const std::string url : {"postgresql://casectl:secret@/cases?host=/nonexistent/casectl-test",
                                "postgres://casectl:secret@/cases?host=/nonexistent/casectl-test"}) {
    CAPTURE(url);
    for (store::Mode mode : {store::Mode::read, store::Mode::write}) {
      Result<std::unique_ptr<store::CaseStore>> s = store::open({url, 5000, mode});
      REQUIRE_FALSE(s.is_ok());
      CHECK(s.status().kind() == ErrorKind::cannot_write);
      CHECK(s.status().message().rfind("cannot connect to the store postgresql://casectl@/cases?host=/nonexistent/casectl-test",
                                       0) == 0);
      CHECK(s.status().message().find("secret") == std::string::npos);
    }
  }
}

TEST_CASE_TEMPLATE(
    "contract: insert_case refuses an external id already in the store, naming its case; the write leaves no trace", Engine,
    CASECTL_STORE_ENGINES) {
  ContractFixture<Engine> f;
  REQUIRE(f.registered(named("Семёнова", "EXT-17")) == "2026-00001");
  const std::string head = f.head();

  // A case with everything but its id and stamps, as the intake code makes it.
  std::vector<std::string> problems;
  IntakeRequest again = named("Семёнова Анна", "EXT-17");
  again.members = {"Аружан;дочь"};
  again.groups = {"refugee"};
  Case c = check_case(again, f.config, k_clock, problems);
  REQUIRE(problems.empty());
  Status status = f.store->write([&]() -> Status {
    Result<long long> n = f.store->next_case_number(2026);
    if (!n) return n.status();
    c.case_id = format_case_id(f.config.case_id_format, 2026, *n);
    return f.store->insert_case(c).status();
  });
  CHECK(status.kind() == ErrorKind::conflict);
  CHECK(status.message() == "external id 'EXT-17' already belongs to case 2026-00001; 'casectl show 2026-00001' shows it");
  CHECK(f.ids({}) == std::vector<std::string>{"2026-00001"});
  CHECK(Engine::count(*f.store, "SELECT count(*) FROM members") == 0);
  CHECK(Engine::count(*f.store, "SELECT count(*) FROM case_groups") == 0);
  CHECK(f.head() == head);
  // The number taken inside the refused transaction is given back.
  CHECK(f.registered(named("Ахметова")) == "2026-00002");
}
