#include "cases/plan.hpp"

#include "cases/assessment.hpp"
#include "cases/assign.hpp"
#include "cases/intake.hpp"
#include "cases/views.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"
#include "store_reads.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::pair<int, std::string> frequency(const std::string& text) {
  Result<std::pair<int, std::string>> f = parse_frequency(text);
  REQUIRE_MESSAGE(f.is_ok(), f.status().message());
  return *f;
}

std::string frequency_refusal(const std::string& text) {
  Result<std::pair<int, std::string>> f = parse_frequency(text);
  REQUIRE_FALSE(f.is_ok());
  CHECK(f.status().kind() == ErrorKind::invalid_input);
  return f.status().message();
}

PlanRequest plan_from(const std::string& document, const std::string& format) {
  Result<PlanRequest> r = plan_request_from(document, format, "plan." + format);
  REQUIRE_MESSAGE(r.is_ok(), r.status().message());
  return *r;
}

std::string plan_refusal(const std::string& document, const std::string& format) {
  Result<PlanRequest> r = plan_request_from(document, format, "plan." + format);
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().kind() == ErrorKind::invalid_input);
  return r.status().message();
}

const ChangeContext k_context{"aseitova", "casectl plan", k_clock}; // today: 2026-03-15

StaffMember staff(const std::string& login, const std::string& agency) {
  StaffMember m;
  m.login = login;
  m.name = login;
  m.agency = agency;
  m.role = "case-manager";
  return m;
}

// A fresh store of the engine under test with one family registered through the intake code.
template <class Engine> struct PlanFixture {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();
  std::string case_id;

  PlanFixture() {
    config.staff = {staff("aseitova", "social-protection"), staff("kim", "ngo")};
    case_id = intake("Семья Тарасовых", {"Тарасова Наталья Игоревна;мать;1989-02-14", "Тарасов Артём;сын;2015-03-09"});
  }

  std::string intake(const std::string& name, const std::vector<std::string>& members, bool consultation = false) {
    IntakeRequest r;
    r.name = name;
    r.members = members;
    r.consultation = consultation;
    return testing::registered(*store, r, config, k_context);
  }

  void make_ready(const std::string& id) { // a case manager and an assessment
    AssignRequest a;
    a.case_id = id;
    a.manager = "aseitova";
    Status assigned = assign_case(*store, config, k_context, a).status();
    REQUIRE_MESSAGE(assigned.is_ok(), assigned.message());
    AssessmentRequest r;
    r.scores = {{"safety", "2"}};
    r.method = "home-visit"; // plan.require_home_visit
    Result<AssessmentChange> assessed = record_assessment(*store, id, r, config, k_context);
    REQUIRE_MESSAGE(assessed.is_ok(), assessed.status().message());
  }

  PlanChange edit(const PlanEditRequest& r) {
    Result<PlanChange> change = edit_plan(*store, case_id, r, config, k_context);
    REQUIRE_MESSAGE(change.is_ok(), change.status().message());
    return *change;
  }
  Status refused(const PlanEditRequest& r) {
    Result<PlanChange> change = edit_plan(*store, case_id, r, config, k_context);
    REQUIRE_FALSE(change.is_ok());
    return change.status();
  }

  int add_goal(const std::string& description, std::optional<std::string> start = std::nullopt) {
    PlanEditRequest r;
    r.edit = PlanEdit::add_goal;
    r.goal.description = description;
    r.goal.domain = "safety";
    r.start = std::move(start);
    return edit(r).goal_number;
  }
  int add_task(TaskRequest t) {
    PlanEditRequest r;
    r.edit = PlanEdit::add_task;
    r.task = std::move(t);
    return edit(r).task_number;
  }

  std::vector<Plan> revisions() {
    Result<std::vector<Plan>> plans = plan_revisions(*store, case_id);
    REQUIRE_MESSAGE(plans.is_ok(), plans.status().message());
    return *plans;
  }
  long long count(const std::string& sql) { return Engine::count(*store, sql); }
  long long journal_count() { return count("SELECT count(*) FROM journal"); }
  std::string status_of(const std::string& id) { return testing::state_of(*store, id).status; }
};

TaskRequest task(const std::string& what, const std::string& agency) {
  TaskRequest t;
  t.what = what;
  t.agency = agency;
  return t;
}

} // namespace

TEST_CASE("parse_frequency: COUNT/PERIOD") {
  CHECK(frequency("5/week") == std::make_pair(5, std::string("week")));
  CHECK(frequency("2/month") == std::make_pair(2, std::string("month")));
  CHECK(frequency("1/day") == std::make_pair(1, std::string("day")));
  CHECK(frequency(" 5 / week ") == std::make_pair(5, std::string("week")));
  CHECK(frequency("5 per week") == std::make_pair(5, std::string("week")));
  CHECK(frequency("3/Weeks") == std::make_pair(3, std::string("week")));
  CHECK(frequency("2 per months") == std::make_pair(2, std::string("month")));
  CHECK(frequency("100/day") == std::make_pair(100, std::string("day")));
  CHECK(frequency("daily") == std::make_pair(1, std::string("day")));
  CHECK(frequency("Weekly") == std::make_pair(1, std::string("week")));
  CHECK(frequency("ежемесячно") == std::make_pair(1, std::string("month")));
  CHECK(frequency(" Ежедневно ") == std::make_pair(1, std::string("day")));

  SUBCASE("refused") {
    CHECK(frequency_refusal("5/fortnight") ==
          "'5/fortnight' is not a frequency; write COUNT/PERIOD: 5/week, 2/month, 1/day (or daily, weekly, "
          "monthly; continuous for 24-hour care)");
    for (const char* bad : {"often", "", "dailyy", "twice weekly", "0/week", "-1/week", "101/day", "five/week", "5/", "/week",
                            "5x/week", "5.5/week"})
      CHECK_MESSAGE(contains(frequency_refusal(bad), "is not a frequency"), bad);
  }
}

TEST_CASE("is_continuous_frequency: 24-hour care in every language's words") {
  for (const char* words : {"continuous", " Continuous ", "24/7", "круглосуточно", "Круглосуточно", "тәулік бойы"})
    CHECK_MESSAGE(is_continuous_frequency(words), words);
  for (const char* other : {"1/day", "daily", "24/day", "continuously", ""})
    CHECK_MESSAGE(!is_continuous_frequency(other), other);
}

TEST_CASE("plan_request_from: TOML and JSON plan documents") {
  SUBCASE("TOML: start, goals, tasks with every field") {
    PlanRequest r = plan_from(R"(title = "Ребёнок уходит из дома"
start = "2026-11-02"
[[goals]]
domain = "safety"
target = 3
expectation = "Чтобы сын жил дома"
description = "Ребёнок дома"
[[goals.tasks]]
what = "Беседа"
priority = "immediate"
agency = "juvenile-police"
worker = "nurlanov"
offset_days = 3
[[goals.tasks]]
what = "Лечение"
family_member = "Тарасова Наталья"
due = "2026-12-01"
frequency = "1/week"
[[goals]]
description = "Вторая"
)",
                              "toml");
    REQUIRE(r.start);
    CHECK(*r.start == "2026-11-02");
    REQUIRE(r.goals.size() == 2);
    const PlanRequest::Goal& g = r.goals[0];
    CHECK(g.goal.domain == "safety");
    CHECK(g.goal.target == "3"); // a TOML integer arrives as text, checked later
    CHECK(g.goal.expectation == "Чтобы сын жил дома");
    CHECK(g.goal.description == "Ребёнок дома");
    REQUIRE(g.tasks.size() == 2);
    CHECK(g.tasks[0].what == "Беседа");
    CHECK(g.tasks[0].priority == "immediate");
    CHECK(g.tasks[0].agency == "juvenile-police");
    CHECK(g.tasks[0].worker == "nurlanov");
    CHECK(g.tasks[0].offset == "3");
    CHECK_FALSE(g.tasks[0].due);
    CHECK(g.tasks[1].family_member == "Тарасова Наталья");
    CHECK(g.tasks[1].due == "2026-12-01");
    CHECK(g.tasks[1].frequency == "1/week");
    CHECK_FALSE(g.tasks[1].offset);
    CHECK(r.goals[1].tasks.empty());
    CHECK_FALSE(r.goals[1].goal.domain);
  }

  SUBCASE("JSON, without a start") {
    PlanRequest r = plan_from(R"({"goals": [{"description": "Доход", "target": 4,
      "tasks": [{"what": "Вакансии", "agency": "employment-centre", "offset_days": 7}]}]})",
                              "json");
    CHECK_FALSE(r.start);
    REQUIRE(r.goals.size() == 1);
    CHECK(r.goals[0].goal.target == "4");
    REQUIRE(r.goals[0].tasks.size() == 1);
    CHECK(r.goals[0].tasks[0].offset == "7");
  }

  SUBCASE("errors name the goal, the task and the key") {
    std::string m = plan_refusal(R"([[goals]]
domian = "safety"
description = "x"
[[goals.tasks]]
what = "a"
[[goals.tasks]]
what = "b"
agnecy = "ngo"
)",
                                 "toml");
    CHECK(contains(m, "plan.toml:\n"));
    CHECK(contains(m, "goal 1: 'domian' is not a goal field (did you mean 'domain'?)"));
    CHECK(contains(m, "goal 1 task 2: 'agnecy' is not a task field (did you mean 'agency'?)"));
    CHECK_FALSE(contains(m, "goal 1 task 1"));
  }
  SUBCASE("an unknown top-level key") {
    CHECK(contains(plan_refusal("strat = \"2026-11-02\"\n", "toml"), "'strat' is not a plan field (did you mean 'start'?)"));
  }
  SUBCASE("wrong types") {
    std::string m =
        plan_refusal(R"({"start": 5, "goals": [{"description": ["x"], "tasks": [{"what": true}, "plain"]}]})", "json");
    CHECK(contains(m, "start: must be a date"));
    CHECK(contains(m, "goal 1: description must be text or a number"));
    CHECK(contains(m, "goal 1 task 1: what must be text or a number"));
    CHECK(contains(m, "goal 1 task 2: must be a table of fields"));
  }
  SUBCASE("goals and tasks must be lists") {
    CHECK(contains(plan_refusal("goals = 3\n", "toml"), "goals: must be a list ([[goals]])"));
    CHECK(contains(plan_refusal(R"({"goals": [{"description": "x", "tasks": {"what": "a"}}]})", "json"),
                   "goal 1: tasks must be a list ([[goals.tasks]])"));
    CHECK(contains(plan_refusal(R"({"goals": ["x"]})", "json"), "goal 1: must be a table of fields"));
  }
  SUBCASE("not a document") {
    Result<PlanRequest> r = plan_request_from("[[goals]\n", "toml", "plan.toml");
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().kind() == ErrorKind::invalid_input);
    CHECK(contains(r.status().message(), "plan.toml"));
    CHECK(contains(plan_refusal("[1, 2]", "json"), "the document must be a table of fields"));
  }
}

TEST_CASE_TEMPLATE("edit_plan: building a draft", Engine, CASECTL_STORE_ENGINES) {
  PlanFixture<Engine> f;

  SUBCASE("the first edit creates revision 1, a draft from today; numbers count up") {
    CHECK(f.add_goal("Артём дома") == 1);
    CHECK(f.add_goal("Документы") == 2);
    TaskRequest t = task("Беседа", "juvenile-police");
    t.goal = "1";
    t.offset = "3";
    t.priority = "Немедленно";
    CHECK(f.add_task(t) == 1);
    std::vector<Plan> plans = f.revisions();
    REQUIRE(plans.size() == 1);
    const Plan& p = plans[0];
    CHECK(p.revision == 1);
    CHECK(p.status == "draft");
    CHECK(p.start_on == "2026-03-15");
    CHECK(p.created_by == "aseitova");
    REQUIRE(p.tasks.size() == 1);
    CHECK(p.tasks[0].priority == "immediate");
    CHECK(p.tasks[0].due_on == "2026-03-18");
    CHECK(p.tasks[0].offset_days == 3);
    CHECK(p.tasks[0].status == "open");
    CHECK(f.count("SELECT count(*) FROM journal WHERE action = 'plan'") == 3);
  }

  SUBCASE("--start sets the start of a new plan only") {
    f.add_goal("Цель", "2026-03-20");
    CHECK(f.revisions()[0].start_on == "2026-03-20");
    PlanEditRequest r;
    r.edit = PlanEdit::add_goal;
    r.goal.description = "Ещё";
    r.start = "2026-03-02";
    Status s = f.refused(r);
    CHECK(s.kind() == ErrorKind::usage);
    CHECK(s.message() == "--start sets the start of a new plan; the plan of " + f.case_id + " started on 2026-03-20");
  }

  SUBCASE("the goal defaults only when the plan has one") {
    f.add_goal("Одна");
    CHECK(f.add_task(task("a", "ngo")) == 1);
    CHECK(f.revisions()[0].tasks[0].goal == 1);
    f.add_goal("Вторая");
    PlanEditRequest r;
    r.edit = PlanEdit::add_task;
    r.task = task("b", "ngo");
    CHECK(f.refused(r).message() ==
          "the plan of " + f.case_id + " was not changed:\n  goal: say which goal the task serves (--goal N)");
  }

  SUBCASE("responsible: a worker brings their agency; a family member by the start of the name") {
    f.add_goal("Цель");
    TaskRequest w;
    w.what = "Психолог";
    w.worker = "kim";
    f.add_task(w);
    TaskRequest fam;
    fam.what = "Лечение";
    fam.family_member = "тарасова наталья";
    f.add_task(fam);
    std::vector<PlanTask> tasks = f.revisions()[0].tasks;
    REQUIRE(tasks.size() == 2);
    CHECK(tasks[0].worker == "kim");
    CHECK(tasks[0].agency == "ngo");
    CHECK(tasks[1].family_member == "Тарасова Наталья Игоревна");
    CHECK(tasks[1].agency.empty());
  }

  SUBCASE("edit_task changes only the given fields") {
    f.add_goal("Цель");
    TaskRequest t = task("Беседа", "school");
    t.offset = "5";
    t.frequency = "5/week";
    f.add_task(t);
    PlanEditRequest r;
    r.edit = PlanEdit::edit_task;
    r.number = 1;
    r.task.due = "2026-04-01";
    CHECK(f.edit(r).task_number == 1);
    PlanTask edited = f.revisions()[0].tasks[0];
    CHECK(edited.what == "Беседа");
    CHECK(edited.agency == "school");
    CHECK(edited.due_on == "2026-04-01");
    CHECK_FALSE(edited.offset_days);
    CHECK(edited.frequency_count == 5);
    CHECK(edited.frequency_period == "week");
  }

  SUBCASE("refusals write nothing") {
    f.add_goal("Цель");
    f.add_task(task("Беседа", "school"));
    long long journal = f.journal_count();
    auto refused = [&](PlanEditRequest r, ErrorKind kind, const std::string& expected) {
      Status s = f.refused(r);
      CHECK(s.kind() == kind);
      CHECK_MESSAGE(contains(s.message(), expected), s.message());
      CHECK(f.journal_count() == journal);
      CHECK(f.revisions()[0].tasks.size() == 1);
    };
    PlanEditRequest add;
    add.edit = PlanEdit::add_task;
    SUBCASE("nobody responsible") {
      add.task.what = "Позвонить";
      refused(add, ErrorKind::invalid_input,
              "responsible: nobody is responsible; give --agency, --worker, or --family for the family's own part");
    }
    SUBCASE("due before the start") {
      add.task = task("Позвонить", "school");
      add.task.due = "2026-03-14";
      refused(add, ErrorKind::invalid_input, "due: 2026-03-14 is before the plan's start, 2026-03-15");
    }
    SUBCASE("unknown agency") {
      add.task = task("Позвонить", "scool");
      refused(add, ErrorKind::invalid_input, "agency: unknown agency 'scool' (did you mean 'school'?)");
    }
    SUBCASE("unknown worker") {
      add.task.what = "Позвонить";
      add.task.worker = "kimm";
      refused(add, ErrorKind::invalid_input, "worker: unknown staff member 'kimm' (did you mean 'kim'?)");
    }
    SUBCASE("family member not in the household") {
      add.task.what = "Позвонить";
      add.task.family_member = "Тарасва";
      refused(add, ErrorKind::invalid_input,
              "family_member: 'Тарасва' is not in the household (did you mean 'Тарасова Наталья Игоревна'?); the members are: "
              "Тарасова Наталья Игоревна, Тарасов Артём");
    }
    SUBCASE("bad frequency") {
      add.task = task("Визит", "school");
      add.task.frequency = "often";
      refused(add, ErrorKind::invalid_input, "frequency: 'often' is not a frequency");
    }
    SUBCASE("unknown goal") {
      add.task = task("Визит", "school");
      add.task.goal = "7";
      refused(add, ErrorKind::invalid_input, "goal: there is no goal 7 in the plan");
    }
    SUBCASE("unknown task") {
      PlanEditRequest r;
      r.edit = PlanEdit::edit_task;
      r.number = 9;
      refused(r, ErrorKind::not_found, "the plan of " + f.case_id + " has no task 9");
      r.edit = PlanEdit::remove_task;
      refused(r, ErrorKind::not_found, "the plan of " + f.case_id + " has no task 9");
    }
    SUBCASE("a goal that has tasks") {
      PlanEditRequest r;
      r.edit = PlanEdit::remove_goal;
      r.number = 1;
      refused(r, ErrorKind::conflict, "goal 1 still has tasks");
    }
  }

  SUBCASE("replace from a template's request: offsets from the start, problems named by goal and task") {
    PlanRequest whole = plan_from(R"(start = "2026-03-16"
[[goals]]
description = "Школа"
[[goals.tasks]]
what = "Место в школе"
agency = "school"
offset_days = 14
)",
                                  "toml");
    PlanEditRequest r;
    r.edit = PlanEdit::replace;
    r.whole = whole;
    r.template_name = "runaway-child";
    r.start = whole.start;
    Plan p = f.edit(r).plan;
    CHECK(p.start_on == "2026-03-16");
    CHECK(p.template_name == "runaway-child");
    REQUIRE(p.tasks.size() == 1);
    CHECK(p.tasks[0].due_on == "2026-03-30");

    PlanEditRequest bad;
    bad.edit = PlanEdit::replace;
    bad.whole = plan_from(R"([[goals]]
description = "x"
[[goals.tasks]]
what = "Никто"
)",
                          "toml");
    CHECK(contains(f.refused(bad).message(), "goal 1 task 1: responsible: nobody is responsible"));
    PlanEditRequest empty;
    empty.edit = PlanEdit::replace;
    CHECK(contains(f.refused(empty).message(), "goals: the plan has no goals"));
    CHECK(f.revisions()[0].tasks[0].what == "Место в школе");
  }

  SUBCASE("a consultation or a closed case has no plan; an unknown case is not found") {
    std::string consult = f.intake("Есенова Мадина", {}, true);
    PlanEditRequest r;
    r.edit = PlanEdit::add_goal;
    r.goal.description = "x";
    Result<PlanChange> c = edit_plan(*f.store, consult, r, f.config, k_context);
    REQUIRE_FALSE(c.is_ok());
    CHECK(c.status().kind() == ErrorKind::conflict);
    CHECK(c.status().message() == consult + " is a consultation, not a full case; it has no plan");

    testing::mark_closed(*f.store, f.case_id);
    Status s = f.refused(r);
    CHECK(s.kind() == ErrorKind::conflict);
    CHECK(s.message() ==
          "case " + f.case_id + " is closed; reopen it with 'casectl review " + f.case_id + " --reopen' to plan again");

    Result<PlanChange> unknown = edit_plan(*f.store, "2026-99999", r, f.config, k_context);
    REQUIRE_FALSE(unknown.is_ok());
    CHECK(unknown.status().kind() == ErrorKind::not_found);
    CHECK(f.count("SELECT count(*) FROM plans") == 0);
  }
}

TEST_CASE_TEMPLATE("approve_plan and revise_plan", Engine, CASECTL_STORE_ENGINES) {
  PlanFixture<Engine> f;
  ApprovalRequest meeting{"2026-03-15", {"Асеитова Г.М., Ким В.А.", "Нурланов Д.С."}, "Утвердить"};

  SUBCASE("no plan: not found") {
    Result<PlanChange> c = approve_plan(*f.store, f.case_id, meeting, f.config, k_context);
    REQUIRE_FALSE(c.is_ok());
    CHECK(c.status().kind() == ErrorKind::not_found);
  }

  SUBCASE("what is missing, all at once") {
    f.add_goal("Цель");
    long long journal = f.journal_count();
    Result<PlanChange> c = approve_plan(*f.store, f.case_id, meeting, f.config, k_context);
    REQUIRE_FALSE(c.is_ok());
    CHECK(c.status().kind() == ErrorKind::conflict);
    const std::string& id = f.case_id;
    CHECK(c.status().message() == "the plan of " + id + " cannot be approved yet; it needs a case manager ('casectl assign " +
                                      id + " --manager LOGIN'), and an assessment ('casectl assess " + id +
                                      " --domain ...'), and at least one task ('casectl plan " + id + " add-task ...')");
    CHECK(f.journal_count() == journal);
    CHECK(f.revisions()[0].status == "draft");
  }

  SUBCASE("approval, then a revision, then its approval") {
    f.make_ready(f.case_id);
    f.add_goal("Цель");
    f.add_task(task("Беседа", "school"));
    CHECK(f.status_of(f.case_id) == "assessment");

    SUBCASE("bad meeting fields") {
      ApprovalRequest future{"2026-03-16", {"A"}, ""};
      Result<PlanChange> c = approve_plan(*f.store, f.case_id, future, f.config, k_context);
      REQUIRE_FALSE(c.is_ok());
      CHECK(c.status().kind() == ErrorKind::invalid_input);
      CHECK(contains(c.status().message(), "meeting: 2026-03-16 is in the future"));
      ApprovalRequest nobody{"", {" , "}, ""};
      c = approve_plan(*f.store, f.case_id, nobody, f.config, k_context);
      REQUIRE_FALSE(c.is_ok());
      CHECK(contains(c.status().message(), "participants: say who took part in the meeting"));
      CHECK(f.revisions()[0].status == "draft");
    }

    Result<PlanChange> approved = approve_plan(*f.store, f.case_id, meeting, f.config, k_context);
    REQUIRE_MESSAGE(approved.is_ok(), approved.status().message());
    CHECK(approved->plan.status == "approved");
    CHECK(approved->plan.meeting_on == "2026-03-15");
    CHECK(approved->plan.participants == std::vector<std::string>{"Асеитова Г.М.", "Ким В.А.", "Нурланов Д.С."});
    CHECK(approved->plan.decision == "Утвердить");
    CHECK(approved->plan.approved_at == "2026-03-15T09:30:00Z");
    CHECK(approved->plan.approved_by == "aseitova");
    CHECK(approved->notes == std::vector<std::string>{"case " + f.case_id + " is now active"});
    CHECK(f.status_of(f.case_id) == "active");

    // Locked: edits are refused, naming revise.
    PlanEditRequest add;
    add.edit = PlanEdit::add_task;
    add.task = task("Ещё", "ngo");
    Status locked = f.refused(add);
    CHECK(locked.kind() == ErrorKind::conflict);
    CHECK(locked.message() == "the plan of " + f.case_id +
                                  " (revision 1) is approved and locked; start a new revision with "
                                  "'casectl plan " +
                                  f.case_id + " revise --reason TEXT'");
    Result<PlanChange> twice = approve_plan(*f.store, f.case_id, meeting, f.config, k_context);
    REQUIRE_FALSE(twice.is_ok());
    CHECK(twice.status().kind() == ErrorKind::conflict);

    Result<PlanChange> no_reason = revise_plan(*f.store, f.case_id, "  ", f.config, k_context);
    REQUIRE_FALSE(no_reason.is_ok());
    CHECK(no_reason.status().kind() == ErrorKind::invalid_input);

    Result<PlanChange> revised = revise_plan(*f.store, f.case_id, "Мать начала лечение", f.config, k_context);
    REQUIRE_MESSAGE(revised.is_ok(), revised.status().message());
    CHECK(revised->plan.revision == 2);
    CHECK(revised->plan.status == "draft");
    CHECK(revised->plan.revision_reason == "Мать начала лечение");
    CHECK(revised->plan.meeting_on.empty());
    CHECK(revised->plan.participants.empty());
    Result<PlanChange> draft_again = revise_plan(*f.store, f.case_id, "x", f.config, k_context);
    REQUIRE_FALSE(draft_again.is_ok());
    CHECK(draft_again.status().kind() == ErrorKind::conflict);

    CHECK(f.add_task(task("Ещё", "ngo")) == 2);
    std::vector<Plan> plans = f.revisions();
    REQUIRE(plans.size() == 2);
    CHECK(plans[0].status == "approved");
    CHECK(plans[0].tasks.size() == 1);
    CHECK(plans[1].tasks.size() == 2);
    CHECK(plans[1].goals.size() == plans[0].goals.size());
    CHECK(plans[1].start_on == plans[0].start_on);

    Result<PlanChange> second = approve_plan(*f.store, f.case_id, {"", {"Асеитова Г.М."}, ""}, f.config, k_context);
    REQUIRE_MESSAGE(second.is_ok(), second.status().message());
    CHECK(second->plan.meeting_on == "2026-03-15"); // default: today
    CHECK(second->notes.empty());                   // already active
    plans = f.revisions();
    CHECK(plans[0].status == "superseded");
    CHECK(plans[0].meeting_on == "2026-03-15"); // a superseded revision keeps its approval
    CHECK(plans[1].status == "approved");
    CHECK(f.count("SELECT count(*) FROM journal WHERE action = 'plan-approve'") == 2);
    CHECK(f.count("SELECT count(*) FROM journal WHERE action = 'plan-revise'") == 1);
  }
}

TEST_CASE_TEMPLATE("plan_revisions: none for a case without a plan; an unknown case is not found", Engine,
                   CASECTL_STORE_ENGINES) {
  PlanFixture<Engine> f;
  CHECK(f.revisions().empty());
  Result<std::vector<Plan>> unknown = plan_revisions(*f.store, "2026-99999");
  REQUIRE_FALSE(unknown.is_ok());
  CHECK(unknown.status().kind() == ErrorKind::not_found);
}

TEST_CASE("a task's frequency in words: Russian plurals, English once/twice") {
  config::Config config = casectl::testing::builtin_config();
  PlanTask t;
  t.what = "Патронаж";
  t.frequency_period = "week";
  auto label = [&](int n, const char* period, const char* language) {
    t.frequency_count = n;
    t.frequency_period = period;
    config.language = language;
    return views::task_record(t, config)["frequency_label"].get<std::string>();
  };
  CHECK(label(1, "week", "ru") == "1 раз в неделю");
  CHECK(label(2, "day", "ru") == "2 раза в день");
  CHECK(label(5, "month", "ru") == "5 раз в месяц");
  CHECK(label(12, "week", "ru") == "12 раз в неделю");
  CHECK(label(22, "week", "ru") == "22 раза в неделю");
  CHECK(label(1, "month", "en") == "once a month");
  CHECK(label(2, "week", "en") == "twice a week");
  CHECK(label(5, "day", "en") == "5 times a day");
  t.frequency_count = 0;
  CHECK(views::task_record(t, config)["frequency_label"].is_null());
}
