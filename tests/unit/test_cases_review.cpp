#include "cases/review.hpp"

#include "cases/assessment.hpp"
#include "cases/assign.hpp"
#include "cases/intake.hpp"
#include "cases/plan.hpp"
#include "store/case_store.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "store_engines.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::ymd;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

const ChangeContext k_context{"aseitova", "casectl review", k_clock}; // today: 2026-03-15
// Ten days later, when the reviews happen: 2026-03-25.
const ChangeContext k_later{"aseitova", "casectl review", {ymd(2026, 3, 25), date::start_of(ymd(2026, 3, 25))}};

StaffMember staff(const std::string& login, const std::string& agency) {
  StaffMember m;
  m.login = login;
  m.name = login;
  m.agency = agency;
  m.role = "case-manager";
  return m;
}

// A store with a palliative patient whose plan (approved on 2026-03-15) has a home visit five times
// a week (task 1, hospital) and a one-off task (task 2, social protection), and a baseline
// assessment scoring health 1 and mobility 2.
// The store is a fresh one of the engine under test.
template <class Engine> struct ReviewFixture {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();
  std::string case_id;

  ReviewFixture() {
    config.staff = {staff("aseitova", "social-protection")};
    case_id = intake("Ахметова Зейнеп Кайратовна");
    AssignRequest a;
    a.case_id = case_id;
    a.manager = "aseitova";
    Status assigned = assign_case(*store, config, k_context, a).status();
    REQUIRE_MESSAGE(assigned.is_ok(), assigned.message());
    assess({{"health", "1"}, {"mobility", "2"}}, k_context);
    PlanEditRequest goal;
    goal.edit = PlanEdit::add_goal;
    goal.goal.domain = "health";
    goal.goal.description = "Уход на дому";
    edit(goal);
    PlanEditRequest visits;
    visits.edit = PlanEdit::add_task;
    visits.task.what = "Патронаж на дому";
    visits.task.agency = "hospital";
    visits.task.frequency = "5/week";
    edit(visits);
    PlanEditRequest papers;
    papers.edit = PlanEdit::add_task;
    papers.task.what = "Оформить инвалидность";
    papers.task.agency = "social-protection";
    papers.task.offset = "5";
    edit(papers);
    ApprovalRequest approval;
    approval.participants = {"Асеитова Г.М.", "Сергеев И.П."};
    Result<PlanChange> approved = approve_plan(*store, case_id, approval, config, k_context);
    REQUIRE_MESSAGE(approved.is_ok(), approved.status().message());
  }

  std::string intake(const std::string& name, bool consultation = false) {
    IntakeRequest r;
    r.name = name;
    r.consultation = consultation;
    return testing::registered(*store, r, config, k_context);
  }
  void edit(const PlanEditRequest& r) {
    Result<PlanChange> change = edit_plan(*store, case_id, r, config, k_context);
    REQUIRE_MESSAGE(change.is_ok(), change.status().message());
  }
  void assess(std::vector<std::pair<std::string, std::string>> scores, const ChangeContext& context) {
    AssessmentRequest r;
    r.scores = std::move(scores);
    r.method = "home-visit"; // plan.require_home_visit
    Result<AssessmentChange> assessed = record_assessment(*store, case_id, r, config, context);
    REQUIRE_MESSAGE(assessed.is_ok(), assessed.status().message());
  }

  ReviewChange review(const ReviewRequest& r, const ChangeContext& context = k_later) {
    Result<ReviewChange> done = record_review(*store, case_id, r, config, context);
    REQUIRE_MESSAGE(done.is_ok(), done.status().message());
    return *done;
  }
  Status review_refused(const ReviewRequest& r, const std::string& id = "") {
    Result<ReviewChange> done = record_review(*store, id.empty() ? case_id : id, r, config, k_later);
    REQUIRE_FALSE(done.is_ok());
    return done.status();
  }
  Status close_refused(const CloseRequest& r) {
    Result<ReviewChange> done = close_case(*store, case_id, r, config, k_later);
    REQUIRE_FALSE(done.is_ok());
    return done.status();
  }
  std::vector<Record> services(date::Date today) {
    Result<std::vector<Record>> rows = service_compliance(*store, case_id, today);
    REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
    return *rows;
  }

  std::string text(const std::string& sql) { return Engine::rows(*store, sql); }
  // Every row a review, a closing or a reopening writes.
  std::string state() {
    return text("SELECT * FROM reviews") + text("SELECT * FROM task_updates") + text("SELECT * FROM service_deliveries") +
           text("SELECT * FROM events") + text("SELECT * FROM closures") + text("SELECT number, status FROM plan_tasks") +
           text("SELECT count(*) FROM journal") +
           text("SELECT status, coalesce(closed, '-'), coalesce(next_review_on, '-') FROM cases");
  }
  std::string status() { return text("SELECT status FROM cases WHERE case_id = '" + case_id + "'"); }
};

CloseRequest closing(const std::string& outcome = "goals-achieved") {
  CloseRequest r;
  r.reason = "Уход организован";
  r.outcome = outcome;
  r.expectations_met = "yes";
  return r;
}

} // namespace

TEST_CASE_TEMPLATE("service_compliance: delivered against due over the last period", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  std::vector<Record> none = f.services(ymd(2026, 3, 25));
  REQUIRE(none.size() == 1); // only the recurring task
  CHECK(none[0]["task"] == 1);
  CHECK(none[0]["frequency"] == "5/week");
  CHECK(none[0]["from"] == "2026-03-19");
  CHECK(none[0]["to"] == "2026-03-25");
  CHECK(none[0]["due"] == 5);
  CHECK(none[0]["delivered"] == 0);
  CHECK(none[0]["percent"] == 0);

  ReviewRequest old;
  old.on = "2026-03-18"; // the day before the window
  old.delivered = {"1=3"};
  f.review(old);
  ReviewRequest two;
  two.on = "2026-03-24";
  two.delivered = {"1=2"};
  f.review(two);
  std::vector<Record> rows = f.services(ymd(2026, 3, 25));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["delivered"] == 2);
  CHECK(rows[0]["percent"] == 40);
  // A day earlier the window reaches back to the 18th.
  CHECK(f.services(ymd(2026, 3, 24))[0]["delivered"] == 5);
  CHECK(f.services(ymd(2026, 3, 24))[0]["percent"] == 100);
  // Over-delivery shows above 100%.
  ReviewRequest more;
  more.delivered = {"1=4"};
  f.review(more);
  CHECK(f.services(ymd(2026, 3, 25))[0]["percent"] == 120);

  SUBCASE("a case without an approved plan has no services; an unknown case is not found") {
    std::string other = f.intake("Семья Ли");
    Result<std::vector<Record>> empty = service_compliance(*f.store, other, ymd(2026, 3, 25));
    REQUIRE(empty.is_ok());
    CHECK(empty->empty());
    Result<std::vector<Record>> missing = service_compliance(*f.store, "2099-99999", ymd(2026, 3, 25));
    REQUIRE_FALSE(missing.is_ok());
    CHECK(missing.status().kind() == ErrorKind::not_found);
  }
}

TEST_CASE_TEMPLATE("record_review: tasks, deliveries, events, notes and the next review in one entry", Engine,
                   CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  ReviewRequest r;
  r.on = "23.03.2026";
  r.tasks = {"2"};
  r.task_status = "В процессе"; // not a label: refused below
  CHECK(f.review_refused(r).kind() == ErrorKind::invalid_input);
  r.task_status = "Выполняется"; // the Russian label of in-progress
  r.task_note = "Документы поданы";
  r.delivered = {"1=2"};
  r.events = {"hospitalised"};
  r.event_note = "Скорая";
  r.note = "Состояние стабильное";
  ReviewChange done = f.review(r);
  CHECK(done.case_id == f.case_id);
  CHECK(done.next_review_on == "2026-04-22"); // 30 days from the review
  CHECK(f.text("SELECT number, status FROM plan_tasks ORDER BY number") == "1|open\n2|in-progress\n");
  CHECK(f.text("SELECT revision, task, status, note, updated_on, updated_by FROM task_updates") ==
        "1|2|in-progress|Документы поданы|2026-03-23|aseitova\n");
  CHECK(f.text("SELECT task, delivered_on, count FROM service_deliveries") == "1|2026-03-23|2\n");
  CHECK(f.text("SELECT event_type, happened_on, note FROM events") == "hospitalised|2026-03-23|Скорая\n");
  CHECK(f.text("SELECT reviewed_on, reviewer, note, next_review_on FROM reviews") ==
        "2026-03-23|aseitova|Состояние стабильное|2026-04-22\n");
  CHECK(f.text("SELECT next_review_on FROM cases") == "2026-04-22\n");
  nlohmann::json entry = nlohmann::json::parse(f.text("SELECT changes FROM journal WHERE action = 'review'"));
  CHECK(entry["reviewed_on"] == "2026-03-23");
  CHECK(entry["tasks"] == nlohmann::json::parse(R"([{"task":2,"status":["open","in-progress"]}])"));
  CHECK(entry["delivered"] == nlohmann::json::parse(R"([{"task":1,"count":2,"on":"2026-03-23"}])"));
  CHECK(entry["events"] == nlohmann::json::parse(R"(["hospitalised"])"));
  CHECK(entry["next_review_on"] == "2026-04-22");

  SUBCASE("--next and review.cadence") {
    ReviewRequest next;
    next.note = "Звонок";
    next.next = "2026-04-01";
    CHECK(f.review(next).next_review_on == "2026-04-01");
    f.config.review_cadence = std::chrono::hours{24 * 14};
    ReviewRequest cadence;
    cadence.note = "Визит";
    CHECK(f.review(cadence).next_review_on == "2026-04-08");
  }
  SUBCASE("configured event types") {
    f.config.events = {{"home-fire", "Пожар в доме", "Fire at home"}};
    ReviewRequest fire;
    fire.events = {"Пожар в доме"};
    f.review(fire);
    CHECK(f.text("SELECT event_type FROM events ORDER BY id DESC LIMIT 1") == "home-fire\n");
    ReviewRequest builtin;
    builtin.events = {"police-called"};
    Status refused = f.review_refused(builtin);
    CHECK(refused.kind() == ErrorKind::invalid_input);
    CHECK(contains(refused.message(), "unknown event 'police-called'"));
  }
}

TEST_CASE_TEMPLATE("record_review: refusals write nothing", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  const std::string before = f.state();
  auto refused = [&](const ReviewRequest& r, ErrorKind kind, const std::string& says, const std::string& id = "") {
    Status s = f.review_refused(r, id);
    CHECK_MESSAGE(s.kind() == kind, s.message());
    CHECK_MESSAGE(contains(s.message(), says), s.message());
    CHECK(f.state() == before);
  };
  ReviewRequest r;
  r.delivered = {"1=-1"};
  refused(r, ErrorKind::invalid_input, "the count must be from 0 to 1000");
  r.delivered = {"1=две"};
  refused(r, ErrorKind::invalid_input, "is not TASK=COUNT");
  r.delivered = {"1"};
  refused(r, ErrorKind::invalid_input, "is not TASK=COUNT");
  r.delivered = {"2=1"};
  refused(r, ErrorKind::invalid_input, "task 2 is not a recurring service");
  r.delivered = {"1=1"};
  r.on = "2026-03-26";
  refused(r, ErrorKind::invalid_input, "2026-03-26 is in the future (today is 2026-03-25)");
  r.on.reset();
  r.delivered = {"1=1", "7=1"};
  refused(r, ErrorKind::not_found, "has no task 7");
  ReviewRequest t;
  t.tasks = {"9"};
  t.task_status = "done";
  refused(t, ErrorKind::not_found, "has no task 9");
  t.tasks = {"2"};
  t.task_status.reset();
  refused(t, ErrorKind::invalid_input, "say what became of the task");
  t.task_status = "finished";
  refused(t, ErrorKind::invalid_input, "status");
  ReviewRequest e;
  e.events = {"polce-called"};
  refused(e, ErrorKind::invalid_input, "did you mean 'police-called'?");
  ReviewRequest n;
  n.note = "x";
  n.next = "2026-03-25";
  refused(n, ErrorKind::invalid_input, "is not after the review");
  n.next.reset();
  n.note = std::string("a\x01") + "b";
  refused(n, ErrorKind::invalid_input, "control character");

  std::string noplan = f.intake("Семья Ким");
  ReviewRequest task;
  task.tasks = {"1"};
  task.task_status = "done";
  const std::string with_noplan = f.state();
  Status s = f.review_refused(task, noplan);
  CHECK(s.kind() == ErrorKind::conflict);
  CHECK(contains(s.message(), "has no approved plan"));
  CHECK(f.state() == with_noplan);
  std::string consult = f.intake("Жумабеков Арман", true);
  ReviewRequest note;
  note.note = "x";
  const std::string with_consult = f.state();
  s = f.review_refused(note, consult);
  CHECK(s.kind() == ErrorKind::conflict);
  CHECK(contains(s.message(), "consultation"));
  CHECK(f.state() == with_consult);
  s = f.review_refused(note, "2099-99999");
  CHECK(s.kind() == ErrorKind::not_found);
}

TEST_CASE_TEMPLATE("close_case: open tasks, the outcome record, domain changes from baseline", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  const std::string before = f.state();
  CloseRequest missing;
  missing.reason = "x";
  Status s = f.close_refused(missing);
  CHECK(s.kind() == ErrorKind::invalid_input);
  CHECK(contains(s.message(), "outcome: "));
  CHECK(contains(s.message(), "expectations: "));
  CloseRequest bad = closing("solved");
  CHECK(f.close_refused(bad).kind() == ErrorKind::invalid_input);
  CloseRequest future = closing();
  future.on = "2026-03-26";
  CHECK(f.close_refused(future).kind() == ErrorKind::invalid_input);
  s = f.close_refused(closing());
  CHECK(s.kind() == ErrorKind::conflict);
  CHECK(contains(s.message(), "still has open tasks: 1 (Патронаж на дому); 2 (Оформить инвалидность)"));
  CHECK(contains(s.message(), "--force REASON"));
  CHECK(f.state() == before);

  ReviewRequest done;
  done.tasks = {"1", "2"};
  done.task_status = "done";
  f.review(done);
  f.assess({{"health", "3"}, {"mobility", "2"}}, k_later);
  CloseRequest r = closing();
  r.expectations_met = "Partly";
  r.expectations_note = "Осталась дома";
  Result<ReviewChange> closed = close_case(*f.store, f.case_id, r, f.config, k_later);
  REQUIRE_MESSAGE(closed.is_ok(), closed.status().message());
  CHECK(closed->notes.empty());
  const Record& c = closed->closure;
  CHECK(c["case_id"] == f.case_id);
  CHECK(c["closed_on"] == "2026-03-25");
  CHECK(c["outcome"] == "goals-achieved");
  CHECK(c["expectations_met"] == "partly");
  CHECK(c["expectations_note"] == "Осталась дома");
  CHECK(c["final_assessment"] == 2);
  CHECK(c["forced_reason"].is_null());
  CHECK(c["open_tasks_left"] == nlohmann::json::array());
  CHECK(c["domain_changes"].dump() == R"([{"domain":"health","baseline":1,"final":3,"change":2},)"
                                      R"({"domain":"mobility","baseline":2,"final":2,"change":0}])");
  CHECK(f.text("SELECT status, closed, coalesce(next_review_on, '-') FROM cases") == "closed|2026-03-25|-\n");
  CHECK(f.text("SELECT outcome, expectations_met, final_assessment FROM closures") == "goals-achieved|partly|2\n");

  ReviewRequest note;
  note.note = "Ещё";
  s = f.review_refused(note);
  CHECK(s.kind() == ErrorKind::conflict);
  CHECK(contains(s.message(), "--reopen --reason"));
  CHECK(f.close_refused(closing()).kind() == ErrorKind::conflict);
}

TEST_CASE_TEMPLATE("close_case --force with open tasks; one assessment asks for a reassessment", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  CloseRequest r = closing("transferred");
  r.force_reason = "Патронаж продолжит хоспис";
  Result<ReviewChange> closed = close_case(*f.store, f.case_id, r, f.config, k_later);
  REQUIRE_MESSAGE(closed.is_ok(), closed.status().message());
  CHECK(closed->closure["forced_reason"] == "Патронаж продолжит хоспис");
  CHECK(closed->closure["open_tasks_left"].size() == 2);
  CHECK(closed->closure["domain_changes"][0]["change"] == 0);
  REQUIRE(closed->notes.size() == 1);
  CHECK(contains(closed->notes[0], "a final reassessment"));
}

TEST_CASE_TEMPLATE("close_case: not before the case was opened", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  CloseRequest r = closing();
  r.force_reason = "x";
  r.on = "2026-03-01"; // the case was opened on 2026-03-15
  const std::string before = f.state();
  Status s = f.close_refused(r);
  CHECK(s.kind() == ErrorKind::invalid_input);
  CHECK(f.state() == before);
}

TEST_CASE_TEMPLATE("reopen_case: back to work, history kept", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  Result<ReviewChange> open = reopen_case(*f.store, f.case_id, {std::nullopt, "x"}, f.config, k_later);
  REQUIRE_FALSE(open.is_ok());
  CHECK(open.status().kind() == ErrorKind::conflict);
  CHECK(contains(open.status().message(), "is not closed"));

  ReviewRequest delivered;
  delivered.delivered = {"1=2"};
  f.review(delivered);
  CloseRequest r = closing("partly");
  r.force_reason = "Переезд к дочери";
  REQUIRE(close_case(*f.store, f.case_id, r, f.config, k_later).is_ok());
  const std::string closed = f.state();
  Result<ReviewChange> no_reason = reopen_case(*f.store, f.case_id, {std::nullopt, "  "}, f.config, k_later);
  REQUIRE_FALSE(no_reason.is_ok());
  CHECK(no_reason.status().kind() == ErrorKind::invalid_input);
  CHECK(f.state() == closed);

  Result<ReviewChange> reopened = reopen_case(*f.store, f.case_id, {std::nullopt, "Вернулась домой"}, f.config, k_later);
  REQUIRE_MESSAGE(reopened.is_ok(), reopened.status().message());
  CHECK(f.status() == "active\n");
  CHECK(f.text("SELECT coalesce(closed, '-') FROM cases") == "-\n");
  CHECK(f.text("SELECT outcome, reopened_on, reopen_reason FROM closures") == "partly|2026-03-25|Вернулась домой\n");
  CHECK(f.text("SELECT count(*) FROM reviews") == "1\n");
  CHECK(f.text("SELECT count(*) FROM service_deliveries") == "1\n");
  CHECK(f.text("SELECT action FROM journal ORDER BY id DESC LIMIT 2") == "reopen\nclose\n");
  f.review(delivered); // reviewable again

  SUBCASE("without a plan: assessment, or intake without an assessment") {
    std::string bare = f.intake("Семья Нуровых");
    REQUIRE(close_case(*f.store, bare, closing("disengaged"), f.config, k_later).is_ok());
    REQUIRE(reopen_case(*f.store, bare, {std::nullopt, "Обратились снова"}, f.config, k_later).is_ok());
    CHECK(f.text("SELECT status FROM cases WHERE case_id = '" + bare + "'") == "intake\n");
    AssessmentRequest a;
    a.scores = {{"housing", "2"}};
    REQUIRE(record_assessment(*f.store, bare, a, f.config, k_later).is_ok());
    REQUIRE(close_case(*f.store, bare, closing("moved"), f.config, k_later).is_ok());
    REQUIRE(reopen_case(*f.store, bare, {std::nullopt, "Вернулись"}, f.config, k_later).is_ok());
    CHECK(f.text("SELECT status FROM cases WHERE case_id = '" + bare + "'") == "assessment\n");
    CHECK(f.text("SELECT count(*) FROM closures c JOIN cases k ON k.id = c.case_row WHERE k.case_id = '" + bare + "'") == "2\n");
  }
}

TEST_CASE_TEMPLATE("record_review: a back-dated review does not overwrite a later review's next date", Engine,
                   CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f; // opened 2026-03-15; k_later's today is 2026-03-25
  ReviewRequest later;
  later.on = "2026-03-25";
  later.next = "2026-04-25";
  later.note = "визит";
  CHECK(f.review(later).next_review_on == "2026-04-25");
  ReviewRequest late_entry;
  late_entry.on = "2026-03-16";
  late_entry.note = "звонок";
  ReviewChange kept = f.review(late_entry);
  CHECK(kept.next_review_on == "2026-04-25");
  REQUIRE(kept.notes.size() == 1);
  CHECK(kept.notes[0] == "the review of " + f.case_id +
                             " is dated 2026-03-16, before the latest review (2026-03-25); the next review stays 2026-04-25");
  CHECK(f.text("SELECT next_review_on FROM cases") == "2026-04-25\n");
  CHECK(f.text("SELECT reviewed_on, next_review_on FROM reviews ORDER BY id") ==
        "2026-03-25|2026-04-25\n2026-03-16|2026-04-15\n");
}

TEST_CASE_TEMPLATE("record_review: events before the opening are history, with --before-opening only", Engine,
                   CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  ReviewRequest r;
  r.events = {"ran-away"};
  r.on = "2026-03-01";
  r.event_note = "ушёл из дома";
  const std::string before = f.state();
  Status refused = f.review_refused(r);
  CHECK(refused.kind() == ErrorKind::invalid_input);
  CHECK(contains(refused.message(), "on: 2026-03-01 is before the case was opened on 2026-03-15"));
  CHECK(f.state() == before);
  r.before_opening = true;
  ReviewChange done = f.review(r);
  CHECK(f.text("SELECT event_type, happened_on, before_opening, note FROM events") == "ran-away|2026-03-01|1|ушёл из дома\n");
  CHECK(f.text("SELECT count(*) FROM reviews") == "0\n");
  CHECK(done.next_review_on == "");
  SUBCASE("history is before the opening, and only events") {
    ReviewRequest after = r;
    after.on = "2026-03-15";
    CHECK(contains(f.review_refused(after).message(), "on: 2026-03-15 is not before the case was opened on 2026-03-15"));
    ReviewRequest with_note = r;
    with_note.note = "x";
    CHECK(contains(f.review_refused(with_note).message(), "before_opening: records only events"));
  }
}

TEST_CASE_TEMPLATE("record_review journals the task and event notes", Engine, CASECTL_STORE_ENGINES) {
  ReviewFixture<Engine> f;
  ReviewRequest r;
  r.tasks = {"2"};
  r.task_status = "not-done";
  r.task_note = "семья отказалась";
  r.events = {"police-called"};
  r.event_note = "соседи";
  f.review(r);
  Record changes = Record::parse(f.text("SELECT changes FROM journal WHERE action = 'review'"));
  CHECK(changes["task_note"] == "семья отказалась");
  CHECK(changes["event_note"] == "соседи");
}
