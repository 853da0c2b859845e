#include "cases/intake.hpp"

#include "util/files.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"
#include "store_reads.hpp"
#include "temp_dir.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace casectl;
using namespace std::chrono;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::TempDir;
using casectl::testing::ymd;

namespace {

const std::string k_known_groups = "known: large-family, single-parent, elderly-alone, domestic-violence, "
                                   "child-at-risk, servicemen-family, palliative, disability, refugee, low-income";

IntakeRequest named(const std::string& name) {
  IntakeRequest r;
  r.name = name;
  return r;
}

// The case check_case makes of `r`, which must have no problems.
Case prepared(const IntakeRequest& r, const config::Config& c) {
  std::vector<std::string> problems;
  Case result = check_case(r, c, k_clock, problems);
  REQUIRE_MESSAGE(problems.empty(), text::join(problems, "\n"));
  return result;
}

const ChangeContext k_context{"aigerim", "casectl intake --name Семёнова", k_clock};

// Checks that check_case finds exactly these lines, in this order, and that intake_case refuses
// `r` with them, writing nothing.
template <class Engine>
void check_refused(const IntakeRequest& r, const config::Config& c, const std::vector<std::string>& lines) {
  std::vector<std::string> problems;
  check_case(r, c, k_clock, problems);
  CHECK(problems == lines);
  std::unique_ptr<store::CaseStore> s = Engine::open();
  Result<IntakeResult> result = intake_case(*s, c, k_context, r, testing::k_register_options, false);
  REQUIRE_FALSE(result.is_ok());
  CHECK(result.status().kind() == ErrorKind::invalid_input);
  CHECK(result.status().message() == "the case was not registered:\n  " + text::join(lines, "\n  "));
  CHECK(testing::case_ids(*s).empty());
}

std::string registered(store::CaseStore& s, const IntakeRequest& r, const config::Config& c) {
  return testing::registered(s, r, c, k_context);
}

} // namespace

TEST_CASE("check_case fills the documented defaults") {
  config::Config config = builtin_config();
  Case c = prepared(named("  Семёнова  "), config);
  CHECK(c.name == "Семёнова");
  CHECK(c.kind == "family");
  CHECK(c.urgency == "routine");
  CHECK(c.source == "self");
  CHECK_FALSE(c.consent);
  CHECK_FALSE(c.consultation);
  CHECK(c.status == "intake");
  CHECK(c.opened == "2026-03-15");
  CHECK(c.district.empty());
  CHECK(c.phone.empty());
  CHECK(c.groups.empty());
  CHECK(c.members.empty());
  CHECK(c.case_id.empty()); // given by intake_case when it registers the case

  SUBCASE("a consultation") {
    IntakeRequest r = named("Семёнова");
    r.consultation = true;
    Case consult = prepared(r, config);
    CHECK(consult.consultation);
    CHECK(consult.status == "consultation");
  }
  SUBCASE("codes may be given by their labels, in any case") {
    IntakeRequest r = named("Семёнова");
    r.kind = "Человек";
    r.urgency = "СРОЧНО";
    r.source = "hotline call";
    r.groups = {"Многодетная семья", "large-family", "refugee"};
    Case c2 = prepared(r, config);
    CHECK(c2.kind == "person");
    CHECK(c2.urgency == "urgent");
    CHECK(c2.source == "hotline");
    CHECK(c2.groups == std::vector<std::string>{"large-family", "refugee"}); // duplicates kept once
  }
  SUBCASE("consent in the users' words") {
    for (const char* yes : {"yes", "Да", "иә", "TRUE", "1", " y "}) {
      CAPTURE(yes);
      IntakeRequest r = named("Семёнова");
      r.consent = yes;
      CHECK(prepared(r, config).consent);
    }
    for (const char* no : {"no", "Нет", "жоқ", "false", "0"}) {
      CAPTURE(no);
      IntakeRequest r = named("Семёнова");
      r.consent = no;
      CHECK_FALSE(prepared(r, config).consent);
    }
  }
  SUBCASE("members: name, role and a birth date normalised to ISO") {
    IntakeRequest r = named("Семёнова");
    r.members = {"Семёнова Анна;мать;12.04.1990", "Аружан;дочь;2015-06-05", "Ерлан", "Даулет;сын;"};
    Case c2 = prepared(r, config);
    REQUIRE(c2.members.size() == 4);
    CHECK(c2.members[0].name == "Семёнова Анна");
    CHECK(c2.members[0].role == "мать");
    CHECK(c2.members[0].birth_date == "1990-04-12");
    CHECK(c2.members[1].birth_date == "2015-06-05");
    CHECK(c2.members[2].name == "Ерлан");
    CHECK(c2.members[2].role.empty());
    CHECK(c2.members[2].birth_date.empty());
    CHECK(c2.members[3].role == "сын");
    CHECK(c2.members[3].birth_date.empty());
  }
  SUBCASE("a note keeps its lines") {
    IntakeRequest r = named("Семёнова");
    r.note = "line 1\nline 2\t(tab)";
    CHECK(prepared(r, config).note == "line 1\nline 2\t(tab)");
  }
}

TEST_CASE("the response deadline follows the urgency") {
  config::Config config = builtin_config();
  auto due = [&](const char* urgency, std::optional<std::string> opened = std::nullopt) {
    IntakeRequest r = named("Семёнова");
    r.urgency = urgency;
    r.opened = opened;
    return prepared(r, config).response_due;
  };
  SUBCASE("from the moment of registration when opened today") {
    CHECK(due("emergency") == "2026-03-16T09:30:00Z");
    CHECK(due("urgent") == "2026-03-18T09:30:00Z");
    CHECK(due("routine") == "2026-03-25T09:30:00Z");
    CHECK(due("emergency", "2026-03-15") == "2026-03-16T09:30:00Z");
  }
  SUBCASE("from the start of a past day given as opened") {
    CHECK(due("emergency", "2026-03-14") == "2026-03-15T00:00:00Z");
    CHECK(due("urgent", "10.03.2026") == "2026-03-13T00:00:00Z");
    CHECK(due("routine", "10.03.2026") == "2026-03-20T00:00:00Z");
    IntakeRequest r = named("Семёнова");
    r.opened = "10.03.2026";
    CHECK(prepared(r, config).opened == "2026-03-10");
  }
  SUBCASE("configured deadlines") {
    config.response_deadline["emergency"] = hours{4};
    CHECK(due("emergency") == "2026-03-15T13:30:00Z");
  }
}

TEST_CASE_TEMPLATE("check_case reports every problem, a line per field; intake_case refuses the case with them", Engine,
                   CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();

  SUBCASE("all at once, in field order") {
    IntakeRequest r = named("");
    r.phone = "call me";
    r.consent = "maybe";
    r.groups = {"large-famly"};
    r.members = {"a;b;c;d;e;f"};
    r.opened = "2026-03-16";
    check_refused<Engine>(r, config,
                          {"name: is empty; give the family's or the person's name (--name)",
                           "phone: 'call me' is not a phone number; use digits, spaces, + - ( )",
                           "consent: 'maybe' is neither yes nor no",
                           "group: unknown group 'large-famly' (did you mean 'large-family'?); " + k_known_groups,
                           "member 1: 'a;b;c;d;e;f' has 6 parts; write NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE (all but "
                           "the name may be empty)",
                           "opened: 2026-03-16 is in the future (today is 2026-03-15)"});
  }
  SUBCASE("an empty name") {
    check_refused<Engine>(named(""), config, {"name: is empty; give the family's or the person's name (--name)"});
  }
  SUBCASE("a name of spaces only") {
    check_refused<Engine>(named(" \u00a0 "), config, {"name: is empty; give the family's or the person's name (--name)"});
  }
  SUBCASE("a name that is not UTF-8") {
    check_refused<Engine>(named("Сем\xff"), config, {"name: is not valid UTF-8 text; save the input as UTF-8"});
  }
  SUBCASE("a name with a control character is not also called empty") {
    check_refused<Engine>(named("Семё\x1bнова"), config, {"name: contains a control character"});
  }
  SUBCASE("a member's name with a control character is not also called empty") {
    IntakeRequest r = named("Семёнова");
    r.members = {"Ару\x01жан;дочь"};
    check_refused<Engine>(r, config, {"member 1 name: contains a control character"});
  }
  SUBCASE("a control character in a one-line field") {
    IntakeRequest r = named("Семёнова");
    r.address = "ул. Абая 1\nкв. 2";
    check_refused<Engine>(r, config, {"address: contains a control character"});
  }
  SUBCASE("an unknown group") {
    IntakeRequest r = named("Семёнова");
    r.groups = {"refugee", "многодетня семья"};
    check_refused<Engine>(r, config,
                          {"group: unknown group 'многодетня семья' (did you mean 'Многодетная семья'?); " + k_known_groups});
  }
  SUBCASE("an unknown kind") {
    IntakeRequest r = named("Семёнова");
    r.kind = "famly";
    check_refused<Engine>(r, config, {"kind: unknown kind 'famly' (did you mean 'family'?); known: family, person"});
  }
  SUBCASE("an unknown urgency") {
    IntakeRequest r = named("Семёнова");
    r.urgency = "urgnet";
    check_refused<Engine>(r, config,
                          {"urgency: unknown urgency 'urgnet' (did you mean 'urgent'?); known: emergency, urgent, routine"});
  }
  SUBCASE("an unknown district when districts are configured") {
    config.districts = {{"almaly", "Алмалинский", "Almaly"}, {"medeu", "Медеуский", "Medeu"}};
    IntakeRequest r = named("Семёнова");
    r.district = "Алмалинскй";
    check_refused<Engine>(r, config,
                          {"district: unknown district 'Алмалинскй' (did you mean 'Алмалинский'?); known: almaly, medeu"});
    r.district = "алмалинский";
    CHECK(prepared(r, config).district == "almaly");
  }
  SUBCASE("any district when none are configured") {
    IntakeRequest r = named("Семёнова");
    r.district = " Алмалы ";
    CHECK(prepared(r, config).district == "Алмалы");
  }
  SUBCASE("an opened date in the future") {
    IntakeRequest r = named("Семёнова");
    r.opened = "16.03.2026";
    check_refused<Engine>(r, config, {"opened: 2026-03-16 is in the future (today is 2026-03-15)"});
  }
  SUBCASE("an opened date that is not a date") {
    IntakeRequest r = named("Семёнова");
    r.opened = "2026-02-30";
    check_refused<Engine>(r, config, {"opened: '2026-02-30' is not a real date"});
  }
  SUBCASE("a member with too many parts") {
    IntakeRequest r = named("Семёнова");
    r.members = {"Аружан;дочь;2015-06-05", "a;b;c;d;e;f"};
    check_refused<Engine>(r, config,
                          {"member 2: 'a;b;c;d;e;f' has 6 parts; write NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE (all "
                           "but the name may be empty)"});
  }
  SUBCASE("a member without a name") {
    IntakeRequest r = named("Семёнова");
    r.members = {";сын;2015-06-05"};
    check_refused<Engine>(r, config, {"member 1: the name is empty; write NAME;ROLE;BIRTHDATE"});
  }
  SUBCASE("a member's birth date that does not exist or is in the future") {
    IntakeRequest r = named("Семёнова");
    r.members = {"Аружан;дочь;31.04.2015", "Ерлан;сын;2027-01-01"};
    check_refused<Engine>(r, config,
                          {"member 1 birth date: '31.04.2015' is not a real date",
                           "member 2 birth date: 2027-01-01 is in the future (today is 2026-03-15)"});
  }
  SUBCASE("a phone that is not a phone") {
    IntakeRequest r = named("Семёнова");
    r.phone = "+7 (701) 123-45-67";
    CHECK(prepared(r, config).phone == "+7 (701) 123-45-67");
    r.phone = "123";
    check_refused<Engine>(r, config, {"phone: '123' is not a phone number; use digits, spaces, + - ( )"});
  }
  SUBCASE("consent that is neither yes nor no") {
    IntakeRequest r = named("Семёнова");
    r.consent = "возможно";
    check_refused<Engine>(r, config, {"consent: 'возможно' is neither yes nor no"});
  }
}

TEST_CASE_TEMPLATE("intake_case numbers cases per year and journals the intake", Engine, CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> s = Engine::open();

  CHECK(registered(*s, named("Семёнова"), config) == "2026-00001");
  CHECK(registered(*s, named("Ахметова"), config) == "2026-00002");

  SUBCASE("the year comes from the opened date") {
    IntakeRequest r = named("Петрова");
    r.opened = "30.12.2025";
    CHECK(registered(*s, r, config) == "2025-00001");
    CHECK(registered(*s, named("Иванова"), config) == "2026-00003");
  }
  SUBCASE("a format without a year counts across years") {
    config.case_id_format = "K-{seq}";
    IntakeRequest r = named("Петрова");
    r.opened = "30.12.2025";
    CHECK(registered(*s, r, config) == "K-1");
    CHECK(registered(*s, named("Иванова"), config) == "K-2");
  }
  SUBCASE("the journal gets one intake row per case") {
    std::vector<HistoryEntry> history;
    REQUIRE(s->each_history_entry(
                 "2026-00001",
                 [&](const HistoryEntry& e) {
                   history.push_back(e);
                   return Status::ok();
                 },
                 HistoryKind::changes)
                .is_ok());
    REQUIRE(history.size() == 1);
    CHECK(history[0].action == "intake");
    CHECK(history[0].actor == "aigerim");
    CHECK(history[0].command == "casectl intake --name Семёнова");
    CHECK(history[0].case_id == "2026-00001");
    // The journal's time is the real moment (Clock::recorded), never the business clock that
    // --today fixes; the business day is beside it.
    CHECK(history[0].at == "2026-11-30T12:00:00Z");
    CHECK(history[0].effective_on == "2026-03-15");
    CHECK(history[0].login == files::os_login());
    CHECK(history[0].hash.size() == 64);
    nlohmann::json changes = nlohmann::json::parse(history[0].changes);
    CHECK(changes["case_id"] == "2026-00001");
    CHECK(changes["name"] == "Семёнова");
    CHECK(changes["status"] == "intake");
    CHECK(Engine::count(*s, "SELECT count(*) FROM journal WHERE action = 'intake'") == 2);
  }
  SUBCASE("a consultation is journalled as one") {
    IntakeRequest r = named("Петрова");
    r.consultation = true;
    std::string id = registered(*s, r, config);
    CHECK(Engine::count(*s, "SELECT count(*) FROM journal WHERE action = 'consultation' AND case_id = '" + id + "'") == 1);
  }
}

TEST_CASE_TEMPLATE("intake_case refuses an external id already in the store (on-existing fail) and writes nothing", Engine,
                   CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> s = Engine::open();
  IntakeRequest r = named("Семёнова");
  r.external_id = "EXT-17";
  REQUIRE(registered(*s, r, config) == "2026-00001");
  int journal_rows = Engine::count(*s, "SELECT count(*) FROM journal");

  IntakeRequest again = named("Семёнова Анна");
  again.external_id = "EXT-17";
  again.members = {"Аружан;дочь"};
  again.groups = {"refugee"};
  Result<IntakeResult> id = intake_case(*s, config, k_context, again, testing::k_register_options, false);
  REQUIRE_FALSE(id.is_ok());
  CHECK(id.status().kind() == ErrorKind::conflict);
  CHECK(id.status().message() == "external id 'EXT-17' already belongs to case 2026-00001; use --on-existing update or skip");
  CHECK(testing::case_ids(*s).size() == 1);
  CHECK(Engine::count(*s, "SELECT count(*) FROM members") == 0);
  CHECK(Engine::count(*s, "SELECT count(*) FROM case_groups") == 0);
  CHECK(Engine::count(*s, "SELECT count(*) FROM journal") == journal_rows);
  // No number is used up by the refused record.
  CHECK(registered(*s, named("Ахметова"), config) == "2026-00002");
}

// SQLite only: a store file, closed and opened again for reading.
TEST_CASE("intake_case on a SQLite store file") {
  TempDir dir;
  config::Config config = builtin_config();
  std::string path = dir.path("cases.db");
  {
    Result<std::unique_ptr<store::CaseStore>> s = store::open({path, 5000, store::Mode::write});
    REQUIRE(s.is_ok());
    CHECK(registered(**s, named("Семёнова"), config) == "2026-00001");
  }
  Result<std::unique_ptr<store::CaseStore>> s = store::open({path, 5000, store::Mode::read});
  REQUIRE(s.is_ok());
  CHECK(registered(**s, named("Ахметова"), config) == "2026-00002");
  Result<std::optional<Case>> first = (*s)->load_case("2026-00001");
  REQUIRE(first.is_ok());
  REQUIRE(first->has_value());
  CHECK((*first)->name == "Семёнова");
}

TEST_CASE_TEMPLATE("load_case finds a case by its id or its external id", Engine, CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> s = Engine::open();
  IntakeRequest r = named("Семёнова");
  r.kind = "person";
  r.district = "Алмалы";
  r.address = "ул. Абая 1";
  r.phone = "+7 701 123 45 67";
  r.source = "school";
  r.referrer = "Школа №5";
  r.urgency = "emergency";
  r.consent = "да";
  r.external_id = "EXT-1";
  r.note = "first line\nsecond";
  r.opened = "2026-03-14";
  r.groups = {"single-parent", "large-family"};
  r.problems = {"долги за коммунальные услуги", "нет работы"};
  r.members = {"Анна;мать;12.04.1990", "Аружан;дочь"};
  std::string id = registered(*s, r, config);

  for (const std::string key : {id, std::string("EXT-1")}) {
    CAPTURE(key);
    Result<std::optional<Case>> found = s->load_case(key);
    REQUIRE(found.is_ok());
    REQUIRE(found->has_value());
    const Case& c = **found;
    CHECK(c.case_id == "2026-00001");
    CHECK(c.kind == "person");
    CHECK_FALSE(c.consultation);
    CHECK(c.status == "intake");
    CHECK(c.name == "Семёнова");
    CHECK(c.district == "Алмалы");
    CHECK(c.address == "ул. Абая 1");
    CHECK(c.phone == "+7 701 123 45 67");
    CHECK(c.source == "school");
    CHECK(c.referrer == "Школа №5");
    CHECK(c.urgency == "emergency");
    CHECK(c.response_due == "2026-03-15T00:00:00Z");
    CHECK(c.consent);
    CHECK(c.external_id == "EXT-1");
    CHECK(c.note == "first line\nsecond");
    CHECK(c.opened == "2026-03-14");
    CHECK(c.closed.empty());
    CHECK(c.case_manager.empty());
    CHECK(c.created_by == "aigerim");
    CHECK(c.created_at == "2026-03-15T09:30:00Z"); // the command's clock, reproducible under --today
    CHECK(c.updated_at == c.created_at);
    CHECK(c.groups == std::vector<std::string>{"large-family", "single-parent"});
    CHECK(c.problems == std::vector<std::string>{"долги за коммунальные услуги", "нет работы"});
    REQUIRE(c.members.size() == 2);
    CHECK(c.members[0].name == "Анна");
    CHECK(c.members[0].role == "мать");
    CHECK(c.members[0].birth_date == "1990-04-12");
    CHECK(c.members[1].name == "Аружан");
    CHECK(c.members[1].birth_date.empty());
  }
  SUBCASE("not found is not an error") {
    Result<std::optional<Case>> found = s->load_case("2026-99999");
    REQUIRE(found.is_ok());
    CHECK_FALSE(found->has_value());
  }
  SUBCASE("a case id wins over another case's equal external id") {
    IntakeRequest other = named("Ахметова");
    other.external_id = "2026-00001";
    REQUIRE(registered(*s, other, config) == "2026-00002");
    Result<std::optional<Case>> found = s->load_case("2026-00001");
    REQUIRE(found.is_ok());
    REQUIRE(found->has_value());
    CHECK((*found)->name == "Семёнова");
  }
}

TEST_CASE_TEMPLATE("each_case filters and sorts", Engine, CASECTL_STORE_ENGINES) {
  config::Config config = builtin_config();
  config.districts = {{"almaly", "Алмалинский", "Almaly"}, {"medeu", "Медеуский", "Medeu"}};
  std::unique_ptr<store::CaseStore> s = Engine::open();
  auto add = [&](const char* name, const char* urgency, const char* district, const char* opened, std::vector<std::string> groups,
                 bool consultation = false) {
    IntakeRequest r = named(name);
    r.urgency = urgency;
    r.district = district;
    r.opened = opened;
    r.groups = std::move(groups);
    r.consultation = consultation;
    r.members = {"Анна", "Ерлан"};
    return registered(*s, r, config);
  };
  add("Семёнова", "routine", "almaly", "2026-03-01", {"large-family"});              // 2026-00001
  add("Ахметова", "emergency", "medeu", "2026-03-10", {"refugee", "single-parent"}); // 2026-00002
  add("Иванова", "urgent", "almaly", "2026-03-05", {});                              // 2026-00003
  add("Бекова", "routine", "medeu", "2026-03-12", {"refugee"}, true);                // 2026-00004

  auto ids = [&](const CaseFilter& filter) { return testing::case_ids(*s, filter); };
  using Ids = std::vector<std::string>;

  SUBCASE("everything, by case id") { CHECK(ids({}) == Ids{"2026-00001", "2026-00002", "2026-00003", "2026-00004"}); }
  SUBCASE("a summary holds what list shows") {
    CaseFilter f;
    f.limit = 1;
    f.sort = "urgency";
    std::vector<CaseSummary> rows;
    REQUIRE(s->each_case(f, [&](const CaseSummary& summary) {
               rows.push_back(summary);
               return Status::ok();
             }).is_ok());
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].case_id == "2026-00002");
    CHECK(rows[0].name == "Ахметова");
    CHECK(rows[0].kind == "family");
    CHECK(rows[0].status == "intake");
    CHECK(rows[0].district == "medeu");
    CHECK(rows[0].urgency == "emergency");
    CHECK(rows[0].opened == "2026-03-10");
    CHECK(rows[0].response_due == "2026-03-11T00:00:00Z");
    CHECK(rows[0].case_manager.empty());
    CHECK(rows[0].groups == Ids{"refugee", "single-parent"});
    CHECK(rows[0].members_count == 2);
  }
  SUBCASE("by status, district, urgency and kind") {
    CaseFilter f;
    f.statuses = {"consultation"};
    CHECK(ids(f) == Ids{"2026-00004"});
    f = {};
    f.districts = {"almaly"};
    CHECK(ids(f) == Ids{"2026-00001", "2026-00003"});
    f.urgencies = {"urgent", "emergency"};
    CHECK(ids(f) == Ids{"2026-00003"});
    f = {};
    f.kinds = {"person"};
    CHECK(ids(f).empty());
  }
  SUBCASE("by any of several groups") {
    CaseFilter f;
    f.groups = {"refugee", "large-family"};
    CHECK(ids(f) == Ids{"2026-00001", "2026-00002", "2026-00004"});
  }
  SUBCASE("by opened dates, both inclusive") {
    CaseFilter f;
    f.opened_since = "2026-03-05";
    f.opened_until = "2026-03-10";
    CHECK(ids(f) == Ids{"2026-00002", "2026-00003"});
  }
  SUBCASE("open cases only leaves consultations out") {
    CaseFilter f;
    f.open_only = true;
    CHECK(ids(f) == Ids{"2026-00001", "2026-00002", "2026-00003"});
  }
  SUBCASE("sorted by urgency, most urgent first, then by case id") {
    CaseFilter f;
    f.sort = "urgency";
    CHECK(ids(f) == Ids{"2026-00002", "2026-00003", "2026-00001", "2026-00004"});
    f.descending = true;
    CHECK(ids(f) == Ids{"2026-00004", "2026-00001", "2026-00003", "2026-00002"});
  }
  SUBCASE("sorted by opened, descending, with a limit") {
    CaseFilter f;
    f.sort = "opened";
    f.descending = true;
    f.limit = 2;
    CHECK(ids(f) == Ids{"2026-00004", "2026-00002"});
  }
  SUBCASE("sorted by name") {
    CaseFilter f;
    f.sort = "name";
    CHECK(ids(f) == Ids{"2026-00002", "2026-00004", "2026-00003", "2026-00001"}); // А Б И С
  }
  SUBCASE("stops at the first failure of the callback") {
    int calls = 0;
    Status status = s->each_case({}, [&](const CaseSummary&) {
      ++calls;
      return calls == 2 ? Status::broken_pipe() : Status::ok();
    });
    CHECK(status.kind() == ErrorKind::broken_pipe);
    CHECK(calls == 2);
  }
}

TEST_CASE("format_case_id and the fixed reference items") {
  CHECK(format_case_id("{year}-{seq:05}", 2026, 42) == "2026-00042");
  CHECK(format_case_id("K-{seq}", 2026, 7) == "K-7");
  CHECK(kinds().size() == 2);
  CHECK(urgencies().size() == 3);
  CHECK(urgencies()[0].code == "emergency");
  CHECK(statuses().size() == 5);
}
