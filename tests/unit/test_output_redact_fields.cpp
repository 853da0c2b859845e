#include "output/redact_fields.hpp"

#include "cases/assessment.hpp"
#include "cases/assign.hpp"
#include "cases/documents.hpp"
#include "cases/intake.hpp"
#include "cases/plan.hpp"
#include "cases/review.hpp"
#include "cases/views.hpp"
#include "fixtures.hpp"
#include "registered.hpp"
#include "output/redact.hpp"
#include "store/case_store.hpp"
#include "store_engines.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;
using casectl::testing::builtin_config;
using casectl::testing::k_clock;
using casectl::testing::ymd;

TEST_CASE("classify: the list, the *note*/*reason*/*description* rule, the "
          "contexts") {
  using redact::FieldClass;
  CHECK(redact::classify("problems") == FieldClass::free_text);
  CHECK(redact::classify("name") == FieldClass::person_name);
  CHECK(redact::classify("name", {true, ""}) == FieldClass::safe); // a staff member's
  CHECK(redact::classify("role", {true, ""}) == FieldClass::safe);
  CHECK(redact::classify("name", {false, "filters"}) == FieldClass::safe); // a report filter's label
  CHECK(redact::classify("case_id") == FieldClass::safe);
  // Fields other branches add are free text without being listed.
  CHECK(redact::classify("delivery_note") == FieldClass::free_text);
  CHECK(redact::classify("reopen_reason") == FieldClass::free_text);
  CHECK(redact::classify("event_description") == FieldClass::free_text);
  CHECK(redact::classify("nickname") == FieldClass::unknown);
  CHECK(redact::keepable("problems"));
  CHECK(redact::keepable("delivery_note"));
  CHECK_FALSE(redact::keepable("name"));
  CHECK_FALSE(redact::keepable("command"));
  CHECK_FALSE(redact::keepable("problem"));
}

namespace {

const ChangeContext k_context{"aseitova", "casectl test", k_clock}; // 2026-03-15
const ChangeContext k_later{"aseitova", "casectl test", {ymd(2026, 3, 25), date::start_of(ymd(2026, 3, 25))}};

// Every text a person typed carries "ZZ" (and often a name of the household),
// so that a leak of any free-text field shows in the redacted output.
template <class Engine> struct PopulatedCase {
  config::Config config = builtin_config();
  std::unique_ptr<store::CaseStore> store = Engine::open();
  std::string id;
  Record closure;

  template <class T> T ok(Result<T> r) {
    REQUIRE_MESSAGE(r.is_ok(), r.status().message());
    return std::move(*r);
  }

  PopulatedCase() {
    StaffMember manager;
    manager.login = "aseitova";
    manager.name = "Асеитова Гульнар";
    manager.agency = "social-protection";
    config.staff = {manager};
    IntakeRequest r;
    r.name = "Сидорова Ольга Петровна";
    r.address = "ул. Жамбыла 5, кв. 7";
    r.phone = "+7 701 765 43 21";
    r.referrer = "Кузнецова Анна";
    r.external_id = "770102300555";
    r.note = "ZZ note: Сидоров пьёт";
    r.problems = {"ZZ problem: Сидорову нужна помощь"};
    r.members = {"Сидорова Ольга Петровна;ZZ мать;1980-01-02", "Сидоров Пётр;ZZ отец;1979-05-06"};
    id = testing::registered(*store, r, config, k_context);
    AssignRequest a;
    a.case_id = id;
    a.manager = "aseitova";
    Status assigned = assign_case(*store, config, k_context, a).status();
    REQUIRE_MESSAGE(assigned.is_ok(), assigned.message());
    AssessmentRequest s;
    s.scores = {{"health", "2"}, {"housing", "3"}};
    s.visit_on = "2026-03-15"; // plan.require_home_visit
    s.living_conditions = "ZZ living: у Сидоровых тесно";
    s.risk_reasons = "ZZ risk reasons";
    s.strengths = {"ZZ strength"};
    s.circle_strengths = {"ZZ circle: бабушка Кузнецова"};
    s.expectations = {"ZZ expectation"};
    s.missing_documents = {"ZZ passport"};
    s.note = "ZZ assessment note";
    ok(record_assessment(*store, id, s, config, k_context));
    PlanEditRequest goal;
    goal.edit = PlanEdit::add_goal;
    goal.goal.domain = "health";
    goal.goal.expectation = "ZZ goal expectation";
    goal.goal.description = "ZZ goal description";
    ok(edit_plan(*store, id, goal, config, k_context));
    PlanEditRequest visits;
    visits.edit = PlanEdit::add_task;
    visits.task.what = "ZZ visits to Сидоровым";
    visits.task.agency = "hospital";
    visits.task.family_member = "Сидоров Пётр";
    visits.task.frequency = "5/week";
    ok(edit_plan(*store, id, visits, config, k_context));
    ApprovalRequest approval;
    approval.participants = {"Асеитова Г.М.", "Сидорова Ольга"};
    approval.decision = "ZZ decision";
    ok(approve_plan(*store, id, approval, config, k_context));
    ReviewRequest review;
    review.tasks = {"1"};
    review.task_status = "in-progress";
    review.task_note = "ZZ task note";
    review.delivered = {"1=2"};
    review.events = {"police-called"};
    review.event_note = "ZZ event note";
    review.note = "ZZ review note";
    ok(record_review(*store, id, review, config, k_later));
    CloseRequest close;
    close.reason = "ZZ closing reason";
    close.outcome = "moved";
    close.expectations_met = "partly";
    close.expectations_note = "ZZ expectations note";
    close.force_reason = "ZZ forced";
    closure = ok(close_case(*store, id, close, config, k_later)).closure;
    ReopenRequest reopen;
    reopen.reason = "ZZ reopen reason";
    ok(reopen_case(*store, id, reopen, config, k_later));
    ok(revise_plan(*store, id, "ZZ revision reason", config, k_later));
  }

  // Every record the commands print about this case.
  std::vector<Record> records() {
    std::vector<Record> all;
    all.push_back(*ok(document_record(*store, config, DocumentKind::case_card, id, ymd(2026, 3, 25))));
    all.push_back(*ok(document_record(*store, config, DocumentKind::plan, id, ymd(2026, 3, 25))));
    all.push_back(*ok(document_record(*store, config, DocumentKind::assessment, id, ymd(2026, 3, 25))));
    for (Record& r : views::domain_history_records(ok(assessments_of(*store, id)), config)) all.push_back(r);
    for (Record& r : ok(service_compliance(*store, id, ymd(2026, 3, 25)))) all.push_back(r);
    all.push_back(closure);
    Status each = store->each_case(CaseFilter{}, [&](const CaseSummary& s) {
      all.push_back(views::summary_record(s));
      return Status::ok();
    });
    REQUIRE(each.is_ok());
    each = store->each_history_entry(
        id,
        [&](const HistoryEntry& e) {
          all.push_back(views::history_record(e));
          return Status::ok();
        },
        HistoryKind::changes);
    REQUIRE(each.is_ok());
    return all;
  }
};

bool holds_text(const Record& value) {
  if (value.is_string()) return true;
  if (value.is_array())
    for (const Record& item : value)
      if (item.is_string()) return true;
  return false;
}

// "parent.key" of every field holding text that classify() does not know.
void unclassified(const Record& value, std::string_view parent, std::vector<std::string>& out) {
  if (value.is_array()) {
    for (const Record& item : value) unclassified(item, parent, out);
    return;
  }
  if (!value.is_object()) return;
  redact::FieldContext context{redact::is_staff(value), parent};
  for (auto it = value.begin(); it != value.end(); ++it) {
    if (holds_text(it.value()) && redact::classify(it.key(), context) == redact::FieldClass::unknown)
      out.push_back(std::string(parent) + "." + it.key());
    unclassified(it.value(), it.key(), out);
  }
}

} // namespace

TEST_CASE_TEMPLATE("every text field of every record of a fully populated case is "
                   "classified, and none leaks",
                   Engine, CASECTL_STORE_ENGINES) {
  PopulatedCase<Engine> populated;
  std::vector<Record> records = populated.records();
  REQUIRE(records.size() > 10);
  SUBCASE("no record has a text field the list does not know: add it to "
          "redact_fields.cpp") {
    std::vector<std::string> unknown;
    for (const Record& r : records) unclassified(r, "", unknown);
    INFO("unclassified: " << fmt::format("{}", fmt::join(unknown, ", ")));
    CHECK(unknown == std::vector<std::string>{});
  }
  SUBCASE("redacted, none of the typed text, names, phone, address, id or "
          "birth dates is left") {
    for (Record r : records) {
      redact::redact(r, "ru");
      std::string text = r.dump();
      CAPTURE(text);
      for (const char* planted :
           {"ZZ", "Сидоров", "Ольга", "Пётр", "Кузнецов", "Жамбыл", "765 43", "770102300", "1980-01-02", "1979-05-06"})
        CHECK(text.find(planted) == std::string::npos);
    }
  }
  SUBCASE("kept free text is there, with the case's people masked (the plan "
          "gets them from the case)") {
    redact::Policy keep{"ru", redact::free_text_fields()};
    redact::People people = populated.ok(case_people(*populated.store, populated.id));
    for (Record r : records) {
      redact::redact(r, keep, people);
      std::string text = r.dump();
      CAPTURE(text);
      for (const char* planted : {"Сидоров", "Кузнецов", "Жамбыл", "765 43", "770102300", "1980-01-02"})
        CHECK(text.find(planted) == std::string::npos);
    }
    Record card = records[0];
    redact::redact(card, keep, people);
    CHECK(card["problems"] == Record{"ZZ problem: С. нужна помощь"});
  }
}
