#include "cases/intake.hpp"

#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "store_engines.hpp"
#include "store_reads.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace casectl;
using namespace std::chrono;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::ymd;

namespace {

const date::Clock k_later{ymd(2026, 3, 20), date::start_of(ymd(2026, 3, 20)) + hours{11}};

// A fresh store of the engine under test, with the built-in configuration.
template <class Engine> struct Fixture {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();
  ChangeContext context{"aigerim", "casectl intake --from cases.csv", k_clock};

  // Runs the records through one session in one transaction; returns each record's result.
  std::vector<IntakeResult> add(const std::vector<IntakeRequest>& requests, IntakeOptions options = {}) {
    std::vector<IntakeResult> results;
    Status status = store->write([&]() -> Status {
      IntakeSession session(*store, config, context, options);
      for (const IntakeRequest& r : requests) {
        Result<IntakeResult> added = session.add(r);
        if (!added) return added.status();
        results.push_back(std::move(*added));
      }
      return Status::ok();
    });
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    REQUIRE(results.size() == requests.size());
    return results;
  }

  IntakeResult add_one(const IntakeRequest& r, IntakeOptions options = {}) { return add({r}, options).front(); }

  long long count(const std::string& sql) { return Engine::count(*store, sql); }

  Case load(const std::string& id) {
    Result<std::optional<Case>> c = store->load_case(id);
    REQUIRE(c.is_ok());
    REQUIRE(c->has_value());
    return **c;
  }

  // The journal of a case as (action, changes) pairs, oldest first.
  std::vector<std::pair<std::string, nlohmann::json>> journal(const std::string& case_id) {
    std::vector<std::pair<std::string, nlohmann::json>> entries;
    for (const HistoryEntry& e : testing::history_of(*store, case_id)) {
      CHECK(e.actor == context.actor);
      entries.emplace_back(e.action, nlohmann::json::parse(e.changes));
    }
    return entries;
  }

  // Closes the case on `on`, as `review --close` records a closing.
  void close(const std::string& case_id, const std::string& on) {
    Closure closure;
    closure.closed_on = on;
    closure.reason = "семья переехала";
    closure.outcome = "moved";
    closure.expectations_met = "partly";
    closure.closed_by = context.actor;
    closure.at = "2026-03-15T09:30:00Z";
    Status closed = store->write([&] { return store->close_case(testing::state_of(*store, case_id).row, closure); });
    REQUIRE_MESSAGE(closed.is_ok(), closed.message());
  }
};

IntakeRequest named(const std::string& name) {
  IntakeRequest r;
  r.name = name;
  return r;
}

IntakeRequest with_phone(const std::string& name, const std::string& phone) {
  IntakeRequest r = named(name);
  r.phone = phone;
  return r;
}

IntakeOptions on_duplicate(OnDuplicate d) {
  IntakeOptions o;
  o.on_duplicate = d;
  return o;
}

IntakeOptions on_existing(OnExisting e) {
  IntakeOptions o;
  o.on_existing = e;
  return o;
}

} // namespace

TEST_CASE_TEMPLATE("IntakeSession creates cases with consecutive ids and journals each as an intake", Engine,
                   CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  IntakeRequest a = named("Семёнова Анна");
  a.members = {"Семёнова Анна;мать;12.04.1988"};
  a.external_id = "ЕСП-1";
  IntakeRequest b = named("Ахметов");
  b.consultation = true;
  std::vector<IntakeResult> results = f.add({a, b});
  CHECK(results[0].fate == IntakeFate::created);
  CHECK(results[0].case_id == "2026-00001");
  CHECK(results[0].duplicates.empty());
  CHECK(results[1].fate == IntakeFate::created);
  CHECK(results[1].case_id == "2026-00002");

  Case stored = f.load("2026-00001");
  CHECK(stored.name == "Семёнова Анна");
  CHECK(stored.external_id == "ЕСП-1");
  CHECK(stored.created_by == "aigerim");
  REQUIRE(stored.members.size() == 1);
  CHECK(stored.members[0].birth_date == "1988-04-12");
  CHECK(f.load("ЕСП-1").case_id == "2026-00001");

  auto journal = f.journal("2026-00001");
  REQUIRE(journal.size() == 1);
  CHECK(journal[0].first == "intake");
  CHECK(journal[0].second["name"] == "Семёнова Анна");
  CHECK_FALSE(journal[0].second.contains("possible_duplicates"));
  auto consultation = f.journal("2026-00002");
  REQUIRE(consultation.size() == 1);
  CHECK(consultation[0].first == "consultation");
}

TEST_CASE_TEMPLATE("IntakeSession rejects a record with bad fields, every problem a line, and writes nothing for it", Engine,
                   CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  IntakeRequest bad = named("");
  bad.opened = "31.02.2026";
  bad.urgency = "urgnet";
  std::vector<IntakeResult> results = f.add({bad, named("Ким")});
  const IntakeResult& r = results[0];
  CHECK(r.fate == IntakeFate::rejected);
  CHECK(r.case_id.empty());
  CHECK(r.status.kind() == ErrorKind::invalid_input);
  REQUIRE(r.problems.size() == 3);
  CHECK(r.problems[0].rfind("name: ", 0) == 0);
  CHECK(r.problems[1].rfind("urgency: ", 0) == 0);
  CHECK(r.problems[1].find("did you mean 'urgent'") != std::string::npos);
  CHECK(r.problems[2].rfind("opened: ", 0) == 0);
  // A rejected record uses no case number: the next record gets the first.
  CHECK(results[1].fate == IntakeFate::created);
  CHECK(results[1].case_id == "2026-00001");
  CHECK(testing::case_ids(*f.store).size() == 1);
}

TEST_CASE_TEMPLATE("IntakeSession: a record whose external id is in the store", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  IntakeRequest original = named("Семёнова Анна");
  original.external_id = "ЕСП-7";
  original.district = "Алмалы";
  original.note = "первичный приём";
  original.members = {"Семёнова Анна;мать;12.04.1988", "Илья;сын"};
  original.groups = {"large-family"};
  REQUIRE(f.add_one(original).fate == IntakeFate::created);

  SUBCASE("the same record again is unchanged, and not journaled") {
    IntakeResult r = f.add_one(original);
    CHECK(r.fate == IntakeFate::unchanged);
    CHECK(r.case_id == "2026-00001");
    CHECK(f.journal("2026-00001").size() == 1);
    CHECK(testing::case_ids(*f.store).size() == 1);
  }
  SUBCASE("a record giving only the external id changes nothing") {
    IntakeRequest bare;
    bare.external_id = "ЕСП-7";
    IntakeResult r = f.add_one(bare);
    CHECK(r.fate == IntakeFate::unchanged);
    Case c = f.load("2026-00001");
    CHECK(c.name == "Семёнова Анна");
    CHECK(c.members.size() == 2);
    CHECK(c.note == "первичный приём");
  }
  SUBCASE("changed fields are updated, and the change journaled as {field: [old, new]}") {
    f.context.clock = k_later;
    IntakeRequest changed;
    changed.external_id = "ЕСП-7";
    changed.district = "Медеу";
    changed.phone = "+7 701 555 12 34";
    changed.note = "первичный приём";
    IntakeResult r = f.add_one(changed);
    CHECK(r.fate == IntakeFate::updated);
    CHECK(r.case_id == "2026-00001");
    Case c = f.load("2026-00001");
    CHECK(c.district == "Медеу");
    CHECK(c.phone == "+7 701 555 12 34");
    CHECK(c.name == "Семёнова Анна"); // not given: kept
    CHECK(c.members.size() == 2);     // not given: kept
    CHECK(c.groups == std::vector<std::string>{"large-family"});
    CHECK(c.created_at == "2026-03-15T09:30:00Z"); // registration stamps kept
    CHECK(c.updated_at == "2026-03-20T11:00:00Z");
    auto journal = f.journal("2026-00001");
    REQUIRE(journal.size() == 2);
    CHECK(journal[1].first == "update");
    CHECK(journal[1].second ==
          nlohmann::json::parse(R"({"district": ["Алмалы", "Медеу"], "phone": [null, "+7 701 555 12 34"]})"));
    // The updated case is found by its new phone, and only by it.
    auto again = f.add_one(with_phone("Другие", "8 701 555 12 34"));
    CHECK(again.fate == IntakeFate::rejected);
    REQUIRE(again.duplicates.size() == 1);
    CHECK(again.duplicates[0].case_id == "2026-00001");
  }
  SUBCASE("members and lists given replace the stored ones") {
    IntakeRequest changed;
    changed.external_id = "ЕСП-7";
    changed.members = {"Семёнова Анна;мать;12.04.1988"};
    changed.problems = {"долги"};
    IntakeResult r = f.add_one(changed);
    CHECK(r.fate == IntakeFate::updated);
    Case c = f.load("2026-00001");
    CHECK(c.members.size() == 1);
    CHECK(c.problems == std::vector<std::string>{"долги"});
    auto journal = f.journal("2026-00001");
    REQUIRE(journal.size() == 2);
    CHECK(journal[1].first == "update");
    CHECK(journal[1].second.size() == 2);
    CHECK(journal[1].second.contains("members"));
    CHECK(journal[1].second["problems"] == nlohmann::json::parse(R"([[], ["долги"]])"));
  }
  SUBCASE("an update with a bad value is rejected and changes nothing") {
    IntakeRequest changed;
    changed.external_id = "ЕСП-7";
    changed.opened = "позавчера"; // not a date ("вчера" is one: docs/scripting.md#dates)
    changed.district = "Медеу";
    IntakeResult r = f.add_one(changed);
    CHECK(r.fate == IntakeFate::rejected);
    CHECK(r.status.kind() == ErrorKind::invalid_input);
    CHECK(f.load("2026-00001").district == "Алмалы");
    CHECK(f.journal("2026-00001").size() == 1);
  }
  SUBCASE("--on-existing skip leaves the case as it is") {
    IntakeRequest changed = original;
    changed.district = "Медеу";
    IntakeResult r = f.add_one(changed, on_existing(OnExisting::skip));
    CHECK(r.fate == IntakeFate::skipped);
    CHECK(r.case_id == "2026-00001");
    CHECK(f.load("2026-00001").district == "Алмалы");
  }
  SUBCASE("--on-existing fail rejects it as a conflict naming the case") {
    IntakeResult r = f.add_one(original, on_existing(OnExisting::fail));
    CHECK(r.fate == IntakeFate::rejected);
    CHECK(r.status.kind() == ErrorKind::conflict);
    CHECK(r.status.message().find("2026-00001") != std::string::npos);
    CHECK(testing::case_ids(*f.store).size() == 1);
  }
  SUBCASE("within one session, a second record with the same external id updates the first") {
    IntakeRequest a = named("Ким");
    a.external_id = "K-1";
    IntakeRequest b = a;
    b.note = "вторая запись";
    auto results = f.add({a, b});
    CHECK(results[0].fate == IntakeFate::created);
    CHECK(results[1].fate == IntakeFate::updated);
    CHECK(results[1].case_id == results[0].case_id);
    CHECK(f.load("K-1").note == "вторая запись");
  }
}

TEST_CASE_TEMPLATE("IntakeSession finds likely duplicates among open cases", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  IntakeRequest existing = named("Семёнова Анна");
  existing.phone = "+7 (701) 123-45-67";
  existing.district = "Алмалы";
  existing.address = "ул. Абая, 5";
  existing.members = {"Семёнова Анна;мать;12.04.1988"};
  REQUIRE(f.add_one(existing).case_id == "2026-00001");

  auto check_duplicate = [&](const IntakeRequest& r, const std::string& reason_word) {
    IntakeResult result = f.add_one(r);
    CHECK(result.fate == IntakeFate::rejected);
    CHECK(result.status.kind() == ErrorKind::conflict);
    CHECK(result.status.message().find("2026-00001") != std::string::npos);
    REQUIRE(result.duplicates.size() == 1);
    CHECK(result.duplicates[0].case_id == "2026-00001");
    CHECK(result.duplicates[0].reason.find(reason_word) != std::string::npos);
  };

  SUBCASE("the same phone, however written") {
    check_duplicate(with_phone("Другая семья", "8 701 123 45 67"), "phone");
    check_duplicate(with_phone("Другая семья", "87011234567"), "phone");
  }
  SUBCASE("a member with the same name, in any spelling, and the same birth date") {
    IntakeRequest r = named("Другая семья");
    r.members = {"SEMYONOVA ANNA;mother;1988-04-12"};
    check_duplicate(r, "member");
    r.members = {"Иван;сын;2010-01-01", "семенова анна;;12.04.1988"};
    check_duplicate(r, "member");
  }
  SUBCASE("the same address in the same district") {
    IntakeRequest r = named("Соседи");
    r.district = "Алмалы";
    r.address = "УЛ. АБАЯ 5";
    check_duplicate(r, "address");
  }
  SUBCASE("several reasons: the case is named once") {
    IntakeResult result = f.add_one(existing);
    CHECK(result.fate == IntakeFate::rejected);
    REQUIRE(result.duplicates.size() == 1);
    CHECK(result.duplicates[0].case_id == "2026-00001");
  }
  SUBCASE("not duplicates") {
    IntakeRequest other_date = named("Семёнова Анна");
    other_date.members = {"Семёнова Анна;мать;13.04.1988"};
    IntakeRequest no_date = named("Семёнова Анна");
    no_date.members = {"Семёнова Анна;мать"};
    IntakeRequest other_district = named("Соседи");
    other_district.district = "Медеу";
    other_district.address = "ул. Абая, 5";
    IntakeRequest no_district = named("Соседи");
    no_district.address = "ул. Абая, 5";
    IntakeRequest other_phone = with_phone("Ким", "+7 (701) 123-45-68");
    IntakeRequest other_address = named("Соседи");
    other_address.district = "Алмалы";
    other_address.address = "ул. Абая, 7";
    for (const IntakeRequest& r : {other_date, no_date, other_district, no_district, other_phone, other_address}) {
      IntakeResult result = f.add_one(r);
      CHECK(result.fate == IntakeFate::created);
      CHECK(result.duplicates.empty());
    }
  }
  SUBCASE("skip: nothing created, the existing case reported") {
    IntakeResult result = f.add_one(with_phone("Другая семья", "87011234567"), on_duplicate(OnDuplicate::skip));
    CHECK(result.fate == IntakeFate::skipped);
    CHECK(result.case_id == "2026-00001");
    REQUIRE(result.duplicates.size() == 1);
    CHECK(testing::case_ids(*f.store).size() == 1);
  }
  SUBCASE("link: created, and the link stored and journaled") {
    IntakeResult result = f.add_one(with_phone("Другая семья", "87011234567"), on_duplicate(OnDuplicate::link));
    CHECK(result.fate == IntakeFate::created);
    CHECK(result.case_id == "2026-00002");
    REQUIRE(result.duplicates.size() == 1);
    CHECK(f.count("SELECT count(*) FROM case_links l JOIN cases c ON c.id = l.case_row "
                  "WHERE c.case_id = '2026-00002' AND l.other_case_id = '2026-00001' "
                  "AND l.relation = 'possible-duplicate'") == 1);
    auto journal = f.journal("2026-00002");
    REQUIRE(journal.size() == 1);
    CHECK(journal[0].first == "intake");
    REQUIRE(journal[0].second.contains("possible_duplicates"));
    REQUIRE(journal[0].second["possible_duplicates"].size() == 1);
    CHECK(journal[0].second["possible_duplicates"][0]["case_id"] == "2026-00001");
    CHECK(journal[0].second["possible_duplicates"][0]["reason"] == result.duplicates[0].reason);
  }
  SUBCASE("allow: created, no link") {
    IntakeResult result = f.add_one(with_phone("Другая семья", "87011234567"), on_duplicate(OnDuplicate::allow));
    CHECK(result.fate == IntakeFate::created);
    CHECK(f.count("SELECT count(*) FROM case_links") == 0);
    CHECK_FALSE(f.journal(result.case_id)[0].second.contains("possible_duplicates"));
  }
  SUBCASE("closed cases and consultations are not open cases") {
    f.close("2026-00001", "2026-03-01");
    IntakeResult result = f.add_one(existing);
    CHECK(result.fate == IntakeFate::created);
    CHECK(result.duplicates.empty());
    IntakeRequest consult = with_phone("Консультация", "+7 777 000 00 01");
    consult.consultation = true;
    REQUIRE(f.add_one(consult).fate == IntakeFate::created);
    IntakeResult after = f.add_one(with_phone("Новая семья", "8 777 000 00 01"));
    CHECK(after.fate == IntakeFate::created);
    CHECK(after.duplicates.empty());
  }
}

TEST_CASE_TEMPLATE("IntakeSession: records of one session see the earlier ones", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  IntakeRequest a = with_phone("Иванова", "+7 702 000 00 01");
  IntakeRequest b = with_phone("Иванова-2", "8 (702) 000-00-01");
  IntakeRequest c = named("Сидорова");
  c.members = {"Сидорова Ольга;мать;1990-01-01"};
  IntakeRequest d = named("SIDOROVA");
  d.members = {"SIDOROVA OLGA;mother;01.01.1990"};

  SUBCASE("fail") {
    auto results = f.add({a, b, c, d});
    CHECK(results[0].fate == IntakeFate::created);
    CHECK(results[1].fate == IntakeFate::rejected);
    CHECK(results[1].status.kind() == ErrorKind::conflict);
    REQUIRE(results[1].duplicates.size() == 1);
    CHECK(results[1].duplicates[0].case_id == results[0].case_id);
    CHECK(results[2].fate == IntakeFate::created);
    CHECK(results[3].fate == IntakeFate::rejected);
    REQUIRE(results[3].duplicates.size() == 1);
    CHECK(results[3].duplicates[0].case_id == results[2].case_id);
  }
  SUBCASE("skip") {
    auto results = f.add({a, b, c, d}, on_duplicate(OnDuplicate::skip));
    CHECK(results[1].fate == IntakeFate::skipped);
    CHECK(results[1].case_id == results[0].case_id);
    CHECK(results[3].fate == IntakeFate::skipped);
    CHECK(results[3].case_id == results[2].case_id);
    CHECK(testing::case_ids(*f.store).size() == 2);
  }
}

TEST_CASE_TEMPLATE("CaseStore::duplicates_of leaves out the case given and lists each case once", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  IntakeRequest a = with_phone("Семёнова", "+7 701 123 45 67");
  a.district = "Алмалы";
  a.address = "ул. Абая, 5";
  REQUIRE(f.add_one(a).fate == IntakeFate::created);
  IntakeRequest b = with_phone("Ким", "+7 701 123 45 67");
  REQUIRE(f.add_one(b, on_duplicate(OnDuplicate::allow)).fate == IntakeFate::created);

  Case probe = f.load("2026-00001");
  Status status = f.store->write(
      [&]() -> Status {
        auto all = f.store->duplicates_of(probe, "");
        REQUIRE(all.is_ok());
        CHECK(all->size() == 2);
        auto others = f.store->duplicates_of(probe, "2026-00001");
        REQUIRE(others.is_ok());
        REQUIRE(others->size() == 1);
        CHECK((*others)[0].case_id == "2026-00002");
        return Status::ok();
      },
      true);
  CHECK(status.is_ok());
}
