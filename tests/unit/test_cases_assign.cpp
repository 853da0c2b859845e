#include "cases/assign.hpp"
#include "cases/intake.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;

namespace {

StaffMember staff(const std::string& login, std::vector<std::string> districts, int capacity,
                  const std::string& role = "case-manager") {
  StaffMember m;
  m.login = login;
  m.name = login;
  m.role = role;
  m.districts = std::move(districts);
  m.capacity = capacity;
  return m;
}

// A fresh store of the engine under test, and staff in the config.
template <class Engine> struct Fixture {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();
  ChangeContext change{"tester", "casectl test", k_clock};

  Fixture() {
    config.staff = {staff("aseitova", {"almaly", "auezov"}, 2), staff("petrenko", {"bostandyk"}, 2),
                    staff("kim", {}, 0, "psychologist")};
  }

  std::string intake(const std::string& district, bool consultation = false) {
    IntakeRequest r;
    r.name = "Семёнова Анна";
    r.district = district;
    r.consultation = consultation;
    return testing::registered(*store, r, config, change); // its own transaction
  }

  Result<AssignmentChange> assign(AssignRequest request) {
    return assign_case(*store, config, change, request); // its own transaction
  }

  Result<Reassignment> reassign(ReassignRequest request) { return reassign_cases(*store, config, change, request); }
};

// The open cases `login` manages, over every district.
long long managed_by(const OpenCaseCounts& counts, const std::string& login) {
  auto it = counts.managed.find(login);
  if (it == counts.managed.end()) return 0;
  long long total = 0;
  for (const auto& [district, count] : it->second) total += count;
  return total;
}

AssignRequest manager_of(const std::string& case_id, const std::string& login) {
  AssignRequest r;
  r.case_id = case_id;
  r.manager = login;
  return r;
}

} // namespace

TEST_CASE_TEMPLATE("assign sets the case manager and journals the previous one", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  std::string id = f.intake("almaly");
  REQUIRE(f.assign(manager_of(id, "aseitova")).is_ok());
  Result<AssignmentChange> second = f.assign(manager_of(id, "kim"));
  REQUIRE(second.is_ok());
  CHECK(second->assignment.case_manager == "kim");
  std::vector<std::string> changes;
  REQUIRE(f.store
              ->each_history_entry(
                  id,
                  [&](const HistoryEntry& e) {
                    if (e.action == "assign") changes.push_back(e.changes);
                    return Status::ok();
                  },
                  HistoryKind::changes)
              .is_ok());
  CHECK(changes == std::vector<std::string>{R"({"case_manager":[null,"aseitova"]})", R"({"case_manager":["aseitova","kim"]})"});
}

TEST_CASE_TEMPLATE("assign refuses what it cannot do", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  std::string id = f.intake("almaly");
  SUBCASE("an unknown staff member, with did-you-mean") {
    Result<AssignmentChange> r = f.assign(manager_of(id, "petrenco"));
    CHECK(r.status().kind() == ErrorKind::not_found);
    CHECK(r.status().message() ==
          "unknown staff member 'petrenco' (did you mean 'petrenko'?); 'casectl staff list' shows the staff");
  }
  SUBCASE("a consultation") {
    std::string consultation = f.intake("almaly", true);
    Result<AssignmentChange> r = f.assign(manager_of(consultation, "aseitova"));
    CHECK(r.status().kind() == ErrorKind::conflict);
    CHECK(r.status().message().find("is a consultation, not a full case") != std::string::npos);
  }
  SUBCASE("staff outside the district: a warning, or refused by config") {
    Result<AssignmentChange> warned = f.assign(manager_of(id, "petrenko"));
    REQUIRE(warned.is_ok());
    CHECK(warned->warnings ==
          std::vector<std::string>{"petrenko does not serve district almaly of case " + id + " (serves bostandyk)"});
    f.config.district_check = "refuse";
    Result<AssignmentChange> refused = f.assign(manager_of(id, "aseitova"));
    CHECK(refused.is_ok()); // aseitova serves almaly
    Result<AssignmentChange> r = f.assign(manager_of(id, "petrenko"));
    CHECK(r.status().kind() == ErrorKind::conflict);
  }
  SUBCASE("a failed request changes nothing") {
    AssignRequest r = manager_of(id, "aseitova");
    r.team = {"nobody:psychologist"};
    CHECK(f.assign(r).status().kind() == ErrorKind::not_found);
    AssignRequest look;
    look.case_id = id;
    CHECK(f.assign(look)->assignment.case_manager.empty());
  }
}

TEST_CASE_TEMPLATE("--auto chooses the lowest load among staff serving the district, with room", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  std::string first = f.intake("almaly");
  std::string second = f.intake("almaly");
  std::string third = f.intake("almaly");
  f.config.staff.push_back(staff("omarova", {"almaly"}, 4));
  AssignRequest r;
  r.auto_manager = true;
  r.case_id = first;
  CHECK(f.assign(r)->assignment.case_manager == "aseitova"); // 0/2 and 0/4 tie on load: fewer cases, then login
  r.case_id = second;
  CHECK(f.assign(r)->assignment.case_manager == "omarova"); // 1/2 = 50% against 0/4
  r.case_id = first;
  Result<AssignmentChange> again = f.assign(r); // its own case is not counted against aseitova
  CHECK(again->assignment.case_manager == "aseitova");
  CHECK_FALSE(again->changed);
  f.config.staff = {staff("aseitova", {"almaly"}, 1)};
  r.case_id = third;
  Result<AssignmentChange> full = f.assign(r);
  CHECK(full.status().kind() == ErrorKind::conflict);
  CHECK(full.status().message() == "no case manager serving district almaly has room for case " + third +
                                       " (aseitova 1/1); raise a capacity, add staff, or name the manager");
}

TEST_CASE_TEMPLATE("reassign moves every open case of a manager in one go, or nothing", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  std::string a = f.intake("almaly");
  std::string b = f.intake("auezov");
  REQUIRE(f.assign(manager_of(a, "aseitova")).is_ok());
  REQUIRE(f.assign(manager_of(b, "aseitova")).is_ok());
  ReassignRequest r;
  r.filter.managers = {"aseitova"};
  SUBCASE("spread: nobody else serves almaly, so nothing moves") {
    r.spread = true;
    Result<Reassignment> moved = f.reassign(r);
    CHECK(moved.status().kind() == ErrorKind::conflict);
    MoveFilter still;
    still.managers = {"aseitova"};
    int held = 0;
    REQUIRE(f.store
                ->each_case_to_move(still,
                                    [&](const CaseToMove&) {
                                      ++held;
                                      return Status::ok();
                                    })
                .is_ok());
    CHECK(held == 2);
  }
  SUBCASE("to one colleague") {
    r.to = "kim";
    Result<Reassignment> moved = f.reassign(r);
    REQUIRE(moved.is_ok());
    REQUIRE(moved->moves.size() == 2);
    CHECK(moved->moves[0].from == "aseitova");
    CHECK(moved->moves[1].to == "kim");
    Result<OpenCaseCounts> counts = f.store->count_open_cases();
    CHECK(managed_by(*counts, "kim") == 2);
    CHECK(managed_by(*counts, "aseitova") == 0);
  }
}

TEST_CASE_TEMPLATE("store staff merge with config staff; the config wins", Engine, CASECTL_STORE_ENGINES) {
  Fixture<Engine> f;
  StaffRequest add;
  add.login = "omarova";
  add.districts = std::vector<std::string>{"turksib"};
  add.capacity = 3;
  Status status = add_staff(*f.store, f.config, f.change, add).status();
  REQUIRE_MESSAGE(status.is_ok(), status.message());
  Result<Roster> roster = load_roster(*f.store, f.config);
  REQUIRE(roster.is_ok());
  REQUIRE(roster->find("omarova"));
  CHECK(roster->find("omarova")->source == "store");
  f.config.staff.push_back(staff("omarova", {"almaly"}, 9));
  roster = load_roster(*f.store, f.config);
  CHECK(roster->find("omarova")->source == "config");
  CHECK(roster->find("omarova")->member.capacity == 9);
  add.login = "aseitova";
  Status refused = add_staff(*f.store, f.config, f.change, add).status();
  CHECK(refused.kind() == ErrorKind::conflict);
}
