// The PostgreSQL engine's queries for the work on a case (assessments, plans, staff and
// assignments, reviews, tasks, services, events, closing and reopening:
// lib/store/postgres/{assessment,plan,assign,monitoring}_queries.hpp) against the server
// CASECTL_TEST_POSTGRES names (scripts/test starts a throwaway cluster for it). Without the
// variable these tests are skipped, and say so.
//
// The same cases are put into a PostgreSQL store (in a schema of the test's own, dropped at the
// end) and an in-memory SQLite store with plain INSERTs, the same calls are made on both, and
// every read must give the same result, field by field, in the same order.
#include "store/postgres/assessment_queries.hpp"
#include "store/postgres/assign_queries.hpp"
#include "store/postgres/monitoring_queries.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/plan_queries.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include "postgres_server.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <unistd.h>

#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace casectl;
using store::postgres::Connection;
using store::postgres::PgStore;
using store::postgres::Rows;
using store::postgres::Value;
using testing::connected;
using testing::no_server;

namespace {

void require_ok(const Status& status) { REQUIRE_MESSAGE(status.is_ok(), status.message()); }

// The cases the tests work on, as plain SQL that both engines run: only the columns that have no
// default, and each case's first spell of work.
const char* const k_cases = R"SQL(
INSERT INTO cases (id, case_id, kind, status, name, district, source, urgency, consent, external_id, opened, response_due,
                   created_at, created_by, updated_at)
VALUES (1, '2026-00001', 'family', 'intake', 'Ахметовы', 'almaly', 'hotline', 'urgent', 1, 'EXT-1', '2026-03-01',
        '2026-03-02T09:00:00Z', '2026-03-01T09:00:00Z', 'aigerim', '2026-03-01T09:00:00Z');
INSERT INTO cases (id, case_id, kind, status, name, district, source, urgency, consent, opened, response_due,
                   created_at, created_by, updated_at)
VALUES (2, '2026-00002', 'person', 'active', 'Сейткали', 'bostandyk', 'school', 'emergency', 1, '2026-03-01',
        '2026-03-01T12:00:00Z', '2026-03-01T10:00:00Z', 'aigerim', '2026-03-01T10:00:00Z');
INSERT INTO cases (id, case_id, kind, status, name, district, source, urgency, consent, opened, response_due,
                   created_at, created_by, updated_at)
VALUES (3, '2026-00003', 'family', 'active', 'Ёлкина', 'almaly', 'police', 'routine', 0, '2026-03-02',
        '2026-03-09T09:00:00Z', '2026-03-02T09:00:00Z', 'aigerim', '2026-03-02T09:00:00Z');
INSERT INTO cases (id, case_id, kind, consultation, status, name, district, source, urgency, consent, opened, response_due,
                   created_at, created_by, updated_at)
VALUES (4, '2026-00004', 'person', 1, 'consultation', 'Омарова', 'almaly', 'hotline', 'routine', 1, '2026-03-03',
        '2026-03-10T09:00:00Z', '2026-03-03T09:00:00Z', 'aigerim', '2026-03-03T09:00:00Z');
INSERT INTO case_periods (case_row, spell, opened_on) VALUES (1, 1, '2026-03-01');
INSERT INTO case_periods (case_row, spell, opened_on) VALUES (2, 1, '2026-03-01');
INSERT INTO case_periods (case_row, spell, opened_on) VALUES (3, 1, '2026-03-02');
INSERT INTO case_groups (case_row, grp) VALUES (1, 'large-family');
INSERT INTO case_groups (case_row, grp) VALUES (3, 'disability');
)SQL";

// The PostgreSQL engine's query functions behind the names of CaseStore's methods, so that one
// template drives both engines.
struct PgCalls {
  PgStore& s;
  Status write(const std::function<Status()>& body) { return s.write(body); }
  Status insert_assessment(long long row, const Assessment& a) { return store::postgres::insert_assessment(s, row, a); }
  Result<std::vector<Assessment>> load_assessments(long long row, const std::string& id) {
    return store::postgres::load_assessments(s, row, id);
  }
  Result<int> assessment_count(long long row) { return store::postgres::assessment_count(s, row); }
  Result<std::vector<StoredStaff>> load_staff() { return store::postgres::load_staff(s); }
  Status insert_staff(const StoredStaff& m, const std::string& at, const std::string& by) {
    return store::postgres::insert_staff(s, m, at, by);
  }
  Status update_staff(const StoredStaff& m, const std::string& at) { return store::postgres::update_staff(s, m, at); }
  Result<std::optional<CaseAssignment>> load_assignment(const std::string& id) { return store::postgres::load_assignment(s, id); }
  Status set_case_manager(long long row, const std::string& login, const ChangeTime& when) {
    return store::postgres::set_case_manager(s, row, login, when);
  }
  Status set_supervisor(long long row, const std::string& login, const ChangeTime& when) {
    return store::postgres::set_supervisor(s, row, login, when);
  }
  Status put_team_member(long long row, const TeamMember& m, const ChangeTime& when) {
    return store::postgres::put_team_member(s, row, m, when);
  }
  Status remove_team_member(long long row, const std::string& login, const ChangeTime& when) {
    return store::postgres::remove_team_member(s, row, login, when);
  }
  Result<OpenCaseCounts> count_open_cases() { return store::postgres::count_open_cases(s); }
  Status each_case_to_move(const MoveFilter& f, const std::function<Status(const CaseToMove&)>& each) {
    return store::postgres::each_case_to_move(s, f, each);
  }
  Result<std::vector<Plan>> load_plans(long long row, const std::string& id) { return store::postgres::load_plans(s, row, id); }
  Status save_plan(long long row, const Plan& p) { return store::postgres::save_plan(s, row, p); }
  Status add_agency_notice(long long row, const AgencyNotice& n) { return store::postgres::add_agency_notice(s, row, n); }
  Result<std::vector<AgencyNotice>> agency_notices_of(long long row) { return store::postgres::agency_notices_of(s, row); }
  Status each_agency_task(const AgencyTaskFilter& f, const std::function<Status(const AgencyTask&)>& each) {
    return store::postgres::each_agency_task(s, f, each);
  }
  Status add_review(long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                    const std::string& next_on, const std::string& at) {
    return store::postgres::add_review(s, row, on, reviewer, note, next_on, at);
  }
  Status update_task(long long row, int revision, int task, const std::string& status, const std::string& note,
                     const std::string& on, const std::string& by) {
    return store::postgres::update_task(s, row, revision, task, status, note, on, by);
  }
  Status add_delivery(long long row, int task, const std::string& on, int count, const std::string& by, const std::string& at) {
    return store::postgres::add_delivery(s, row, task, on, count, by, at);
  }
  Status add_event(long long row, const EventRow& event) { return store::postgres::add_event(s, row, event); }
  Result<std::string> latest_review_on(long long row) { return store::postgres::latest_review_on(s, row); }
  Status set_next_review(long long row, const std::string& on) { return store::postgres::set_next_review(s, row, on); }
  Result<std::string> next_review_of(long long row) { return store::postgres::next_review_of(s, row); }
  Status close_case(long long row, const Closure& c) { return store::postgres::close_case(s, row, c); }
  Status reopen_case(long long row, const std::string& status, const std::string& on, const std::string& reason,
                     const std::string& at) {
    return store::postgres::reopen_case(s, row, status, on, reason, at);
  }
  Result<CasePeriod> current_period(long long row) { return store::postgres::current_period(s, row); }
  Result<int> delivered_between(long long row, int task, const std::string& from, const std::string& to) {
    return store::postgres::delivered_between(s, row, task, from, to);
  }
  Result<std::vector<DueItem>> due_items(const DueFilter& f) { return store::postgres::due_items(s, f); }
  Result<std::vector<EventRow>> events_of(long long row) { return store::postgres::events_of(s, row); }
  Result<std::vector<TaskUpdateRow>> task_notes_of(long long row, int up_to) {
    return store::postgres::task_notes_of(s, row, up_to);
  }
  Result<std::vector<ClosureRow>> closures_of(long long row) { return store::postgres::closures_of(s, row); }
};

// What a read gave, as text: every field, in order, so that two engines' results compare whole.
std::string opt(const std::optional<int>& n) { return n ? std::to_string(*n) : "null"; }

std::string status_text(const Status& status) {
  return status.is_ok() ? "ok" : fmt::format("failed {}: {}", static_cast<int>(status.kind()), status.message());
}

template <typename T, typename Show> std::string shown(const Result<T>& result, Show show) {
  if (!result) return status_text(result.status());
  return show(*result);
}

std::string show_task(const PlanTask& t) {
  return fmt::format("task {} goal {} [{}] {} {} {} {} due {} offset {} freq {}/{} {}", t.number, t.goal, t.what, t.priority,
                     t.agency, t.worker, t.family_member, t.due_on, opt(t.offset_days), t.frequency_count, t.frequency_period,
                     t.status);
}

std::string show_assessments(const std::vector<Assessment>& all) {
  std::string out;
  for (const Assessment& a : all) {
    out += fmt::format("#{} {} {} {} {} visit {} [{}] risk {} derived {} [{}] [{}] danger {} {} {} {} {} [{}] {} {}\n", a.number,
                       a.case_id, a.assessed_on, a.assessor, a.method, a.visit_on, a.living_conditions, a.risk, a.derived_risk,
                       a.risk_reasons, a.risk_override_reason, a.immediate_danger, fmt::join(a.strengths, "|"),
                       fmt::join(a.circle_strengths, "|"), fmt::join(a.expectations, "|"), fmt::join(a.missing_documents, "|"),
                       a.note, a.created_at, a.created_by);
    for (const DomainScore& d : a.scores) out += fmt::format("  {}={}\n", d.domain, opt(d.score));
  }
  return out;
}

std::string show_plans(const std::vector<Plan>& all) {
  std::string out;
  for (const Plan& p : all) {
    out += fmt::format("rev {} {} {} start {} [{}] [{}] meeting {} {} [{}] {} {} {} {}\n", p.revision, p.case_id, p.status,
                       p.start_on, p.template_name, p.revision_reason, p.meeting_on, fmt::join(p.participants, "|"), p.decision,
                       p.approved_at, p.approved_by, p.created_at, p.created_by);
    for (const PlanGoal& g : p.goals)
      out += fmt::format("  goal {} {} {} [{}] [{}]\n", g.number, g.domain, opt(g.target), g.expectation, g.description);
    for (const PlanTask& t : p.tasks) out += "  " + show_task(t) + "\n";
  }
  return out;
}

std::string show_staff(const std::vector<StoredStaff>& all) {
  std::string out;
  for (const StoredStaff& s : all)
    out += fmt::format("{} {} {} {} [{}] {} {}\n", s.member.login, s.member.name, s.member.agency, s.member.role,
                       fmt::join(s.member.districts, ","), s.member.capacity, s.active);
  return out;
}

std::string show_assignment(const std::optional<CaseAssignment>& a) {
  if (!a) return "none";
  std::string out = fmt::format("{} {} {} {} {} {} manager [{}] supervisor [{}]\n", a->row, a->case_id, a->status,
                                a->consultation, a->name, a->district, a->case_manager, a->supervisor);
  for (const TeamMember& m : a->team) out += fmt::format("  {} {} {} {}\n", m.login, m.role, m.added_on, m.added_by);
  return out;
}

std::string show_counts(const OpenCaseCounts& c) {
  std::string out;
  for (const auto& [manager, districts] : c.managed)
    for (const auto& [district, n] : districts) out += fmt::format("managed {} {} {}\n", manager, district, n);
  for (const auto& [login, n] : c.on_team) out += fmt::format("team {} {}\n", login, n);
  for (const auto& [district, n] : c.unassigned) out += fmt::format("unassigned {} {}\n", district, n);
  return out;
}

std::string show_due(const std::vector<DueItem>& all) {
  std::string out;
  for (const DueItem& d : all)
    out += fmt::format("{} {} {} {} [{}] {} [{}] {} task {} {}/{}\n", d.kind, d.case_id, d.case_name, d.district, d.case_manager,
                       d.agency, d.what, d.due, d.task, d.delivered, d.due_count);
  return out;
}

std::string show_notices(const std::vector<AgencyNotice>& all) {
  std::string out;
  for (const AgencyNotice& n : all)
    out += fmt::format("rev {} {} {} {} {} {}\n", n.revision, n.agency, n.informed_on, n.how, n.recorded_by, n.recorded_at);
  return out;
}

std::string show_events(const std::vector<EventRow>& all) {
  std::string out;
  for (const EventRow& e : all)
    out += fmt::format("{} {} {} [{}] {} {} members [{}]\n", e.type, e.happened_on, e.before_opening, e.note, e.recorded_by,
                       e.recorded_at, fmt::join(e.members, ","));
  return out;
}

std::string show_notes(const std::vector<TaskUpdateRow>& all) {
  std::string out;
  for (const TaskUpdateRow& u : all)
    out += fmt::format("rev {} task {} {} [{}] {} {}\n", u.revision, u.task, u.status, u.note, u.updated_on, u.updated_by);
  return out;
}

std::string show_closures(const std::vector<ClosureRow>& all) {
  std::string out;
  for (const ClosureRow& c : all)
    out += fmt::format("{} {} {} {} [{}] {} [{}] reopened [{}] [{}] {} {} final {}\n", c.closed_on, c.reason, c.outcome,
                       c.expectations_met, c.expectations_note, c.domain_changes_json, c.forced_reason, c.reopened_on,
                       c.reopen_reason, c.closed_by, c.created_at, opt(c.final_assessment));
  return out;
}

std::string show_period(const CasePeriod& p) { return fmt::format("[{}] to [{}]", p.opened_on, p.closed_on); }

// The reads after each step, by name, in order.
using Reads = std::vector<std::pair<std::string, std::string>>;

template <typename Store> void read_everything(Store& s, const std::string& step, Reads& reads) {
  auto put = [&](const std::string& what, std::string text) { reads.emplace_back(step + ": " + what, std::move(text)); };
  for (long long row : {1, 2, 3}) {
    std::string id = fmt::format("2026-0000{}", row);
    put(id + " assessments", shown(s.load_assessments(row, id), show_assessments));
    put(id + " assessment_count", shown(s.assessment_count(row), [](int n) { return std::to_string(n); }));
    put(id + " plans", shown(s.load_plans(row, id), show_plans));
    put(id + " assignment", shown(s.load_assignment(id), show_assignment));
    put(id + " latest_review_on", shown(s.latest_review_on(row), [](const std::string& t) { return t; }));
    put(id + " next_review_of", shown(s.next_review_of(row), [](const std::string& t) { return t; }));
    put(id + " current_period", shown(s.current_period(row), show_period));
    put(id + " events", shown(s.events_of(row), show_events));
    put(id + " agency notices", shown(s.agency_notices_of(row), show_notices));
    put(id + " notes", shown(s.task_notes_of(row, 0), show_notes));
    put(id + " notes up to 1", shown(s.task_notes_of(row, 1), show_notes));
    put(id + " closures", shown(s.closures_of(row), show_closures));
    put(id + " delivered",
        shown(s.delivered_between(row, 3, "2026-03-08", "2026-03-14"), [](int n) { return std::to_string(n); }));
  }
  put("assignment by external id", shown(s.load_assignment("EXT-1"), show_assignment));
  put("assignment of nobody", shown(s.load_assignment("2026-09999"), show_assignment));
  put("staff", shown(s.load_staff(), show_staff));
  put("open counts", shown(s.count_open_cases(), show_counts));

  auto tasks = [&](const AgencyTaskFilter& filter) {
    std::string out;
    Status each = s.each_agency_task(filter, [&](const AgencyTask& a) {
      out += fmt::format("{} {} {} [{}] rev {} [{}] {}\n", a.case_id, a.case_name, a.district, a.case_manager, a.revision,
                         a.goal_description, show_task(a.task));
      return Status::ok();
    });
    return each.is_ok() ? out : status_text(each);
  };
  put("agency tasks", tasks({}));
  AgencyTaskFilter police;
  police.agencies = {"police", "social"};
  police.due_until = "2026-03-06";
  put("agency tasks of police and social due by 03-06", tasks(police));
  AgencyTaskFilter open_in_almaly;
  open_in_almaly.districts = {"almaly"};
  open_in_almaly.statuses = {"open"};
  open_in_almaly.priorities = {"high", "normal"};
  put("open agency tasks in almaly", tasks(open_in_almaly));

  auto moves = [&](const MoveFilter& filter) {
    std::string out;
    Status each = s.each_case_to_move(filter, [&](const CaseToMove& c) {
      out += fmt::format("{} {} {} {} {} [{}]\n", c.row, c.case_id, c.name, c.district, c.urgency, c.case_manager);
      return Status::ok();
    });
    return each.is_ok() ? out : status_text(each);
  };
  MoveFilter every;
  every.unassigned = true;
  every.managers = {"dana", "Zhanna", "aigul"};
  put("cases to move", moves(every));
  MoveFilter unassigned;
  unassigned.unassigned = true;
  put("unassigned cases to move", moves(unassigned));
  MoveFilter grouped;
  grouped.managers = {"dana"};
  grouped.groups = {"large-family", "disability"};
  grouped.districts = {"almaly"};
  grouped.urgencies = {"urgent", "routine"};
  grouped.statuses = {"intake", "active"};
  put("dana's grouped cases to move", moves(grouped));

  DueFilter due;
  due.today = "2026-03-14";
  due.now = "2026-03-14T10:00:00Z";
  due.until = "2026-03-20";
  due.responses_until = "2026-03-21T00:00:00Z";
  due.inform_within_days = 3;
  put("due", shown(s.due_items(due), show_due));
  DueFilter overdue = due;
  overdue.until = due.today;
  overdue.responses_until = due.now;
  overdue.managers = {"dana", ""};
  put("overdue of dana and no one", shown(s.due_items(overdue), show_due));
  DueFilter police_due = due;
  police_due.agencies = {"police", "social"};
  police_due.districts = {"almaly"};
  put("due of police and social in almaly", shown(s.due_items(police_due), show_due));
}

StoredStaff staff(const std::string& login, const std::string& name, std::vector<std::string> districts, int capacity,
                  bool active = true) {
  StoredStaff s;
  s.member.login = login;
  s.member.name = name;
  s.member.agency = "social";
  s.member.role = "case-manager";
  s.member.districts = std::move(districts);
  s.member.capacity = capacity;
  s.active = active;
  return s;
}

Assessment assessment(int number, const std::string& on) {
  Assessment a;
  a.number = number;
  a.assessed_on = on;
  a.assessor = "dana";
  a.method = number == 1 ? "home-visit" : "interview";
  a.visit_on = number == 1 ? on : "";
  a.living_conditions = "Две комнаты, \"сырость\"";
  // Not in the order of their codes: both engines give scores by domain code.
  a.scores = {{"housing", 2}, {"health", std::nullopt}, {"education", 4}, {"Income", 1}};
  a.risk = number == 1 ? "high" : "";
  a.derived_risk = number == 1 ? "moderate" : "";
  a.risk_reasons = "долги";
  a.risk_override_reason = number == 1 ? "угроза выселения" : "";
  a.immediate_danger = number == 1;
  a.strengths = {"мать работает", "бабушка рядом"};
  a.circle_strengths = {};
  a.expectations = {"жильё"};
  a.missing_documents = {"справка \\ ЖКХ"};
  a.note = "";
  a.created_at = on + "T10:00:00Z";
  a.created_by = "dana";
  return a;
}

PlanTask task(int number, int goal, const std::string& what, const std::string& priority, const std::string& agency,
              const std::string& due_on) {
  PlanTask t;
  t.number = number;
  t.goal = goal;
  t.what = what;
  t.priority = priority;
  t.agency = agency;
  t.due_on = due_on;
  return t;
}

Plan plan(int revision, const std::string& status) {
  Plan p;
  p.revision = revision;
  p.status = status;
  p.start_on = "2026-03-01";
  p.template_name = revision == 1 ? "eviction" : "";
  p.revision_reason = revision == 1 ? "" : "новые обстоятельства";
  p.meeting_on = status == "approved" ? "2026-03-01" : "";
  p.participants = status == "approved" ? std::vector<std::string>{"dana", "askar"} : std::vector<std::string>{};
  p.decision = status == "approved" ? "утвердить" : "";
  p.approved_at = status == "approved" ? "2026-03-01T15:00:00Z" : "";
  p.approved_by = status == "approved" ? "askar" : "";
  p.created_at = "2026-03-01T12:00:00Z";
  p.created_by = "dana";
  p.goals = {{1, "housing", 4, "своё жильё", "Сохранить жильё"}, {2, "", std::nullopt, "", "Здоровье детей"}};
  // Not in the order of their numbers: tasks 4 and 1, due the same day, are read and due by number.
  p.tasks = {task(4, 1, "Справка", "normal", "social", "2026-03-05"),
             task(1, 1, "Заявление в акимат", "high", "police", "2026-03-05"), task(2, 2, "Осмотр", "can-wait", "health", "")};
  p.tasks[2].offset_days = 10;
  PlanTask visits = task(3, 2, "Патронаж", "normal", "social", "");
  visits.frequency_count = 2;
  visits.frequency_period = "week";
  visits.worker = "dana";
  visits.family_member = "Айгуль";
  p.tasks.push_back(visits);
  return p;
}

// One sequence of calls, as the commands make them, with every read after each part.
template <typename Store> Reads run_cycle(Store& s) {
  Reads reads;
  auto step = [&](const std::string& name, const std::function<Status()>& body) {
    reads.emplace_back(name + ": write", status_text(s.write(body)));
    read_everything(s, name, reads);
  };
  step("staff", [&] {
    CASECTL_TRY(s.insert_staff(staff("dana", "Дана Серикова", {"almaly"}, 10), "2026-03-01T08:00:00Z", "admin"));
    CASECTL_TRY(s.insert_staff(staff("askar", "Аскар", {}, 0), "2026-03-01T08:00:00Z", "admin"));
    CASECTL_TRY(s.insert_staff(staff("Zhanna", "Жанна", {"almaly", "bostandyk"}, 25), "2026-03-01T08:00:00Z", "admin"));
    CASECTL_TRY(s.insert_staff(staff("aigul", "Айгуль", {"bostandyk"}, 5), "2026-03-01T08:00:00Z", "admin"));
    return s.update_staff(staff("askar", "Аскар Нурланов", {"almaly"}, 3, false), "2026-03-02T08:00:00Z");
  });
  step("a login taken twice", [&] { return s.insert_staff(staff("dana", "Другая", {}, 0), "2026-03-02T08:00:00Z", "admin"); });
  step("nobody to change", [&] { return s.update_staff(staff("nobody", "Никто", {}, 0), "2026-03-02T08:00:00Z"); });
  step("assign", [&] {
    CASECTL_TRY(s.set_case_manager(1, "dana", {"2026-03-02T09:00:00Z", "2026-03-02"}));
    CASECTL_TRY(s.set_case_manager(2, "Zhanna", {"2026-03-02T09:00:00Z", "2026-03-02"}));
    CASECTL_TRY(s.set_case_manager(3, "aigul", {"2026-03-02T09:00:00Z", "2026-03-02"}));
    CASECTL_TRY(s.set_case_manager(4, "dana", {"2026-03-02T09:00:00Z", "2026-03-02"}));
    CASECTL_TRY(s.set_supervisor(1, "askar", {"2026-03-02T09:00:00Z", "2026-03-02"}));
    CASECTL_TRY(s.set_supervisor(2, "askar", {"2026-03-02T09:00:00Z", "2026-03-02"}));
    CASECTL_TRY(s.put_team_member(1, {"psy", "психолог", "2026-03-03", "dana"}, {"2026-03-03T09:00:00Z", "2026-03-03"}));
    CASECTL_TRY(
        s.put_team_member(1, {"insp", "juvenile-inspector", "2026-03-02", "dana"}, {"2026-03-03T09:00:00Z", "2026-03-03"}));
    CASECTL_TRY(s.put_team_member(1, {"aigul", "", "2026-03-03", "dana"}, {"2026-03-03T09:00:00Z", "2026-03-03"}));
    CASECTL_TRY(s.put_team_member(2, {"psy", "psychologist", "2026-03-03", "dana"}, {"2026-03-03T09:00:00Z", "2026-03-03"}));
    CASECTL_TRY(s.put_team_member(3, {"psy", "psychologist", "2026-03-03", "dana"}, {"2026-03-03T09:00:00Z", "2026-03-03"}));
    return s.put_team_member(4, {"psy", "psychologist", "2026-03-03", "dana"}, {"2026-03-03T09:00:00Z", "2026-03-03"});
  });
  step("reassign", [&] {
    // At 01:00 on the 4th in Almaty (UTC+5): a UTC evening, the business day the 4th.
    CASECTL_TRY(s.set_case_manager(3, "", {"2026-03-03T20:00:00Z", "2026-03-04"}));
    CASECTL_TRY(s.set_supervisor(2, "", {"2026-03-04T09:00:00Z", "2026-03-04"}));
    // The role changes; removing one not on the team is no error.
    CASECTL_TRY(
        s.put_team_member(1, {"psy", "школьный психолог", "2026-03-04", "askar"}, {"2026-03-04T09:00:00Z", "2026-03-04"}));
    CASECTL_TRY(s.remove_team_member(1, "nobody", {"2026-03-04T09:00:00Z", "2026-03-04"}));
    return s.remove_team_member(3, "psy", {"2026-03-04T09:00:00Z", "2026-03-04"});
  });
  step("assess", [&] {
    CASECTL_TRY(s.insert_assessment(1, assessment(1, "2026-03-03")));
    CASECTL_TRY(s.insert_assessment(1, assessment(2, "2026-03-12")));
    return s.insert_assessment(2, assessment(1, "2026-03-04"));
  });
  step("plan", [&] {
    CASECTL_TRY(s.save_plan(1, plan(1, "draft")));
    CASECTL_TRY(s.save_plan(1, plan(1, "approved"))); // the same revision, its fields, goals and tasks replaced
    Plan second = plan(2, "draft");
    second.tasks.resize(1);
    second.goals.resize(1);
    CASECTL_TRY(s.save_plan(1, second));
    Plan other = plan(1, "approved");
    other.tasks = {task(1, 1, "Школа", "immediate", "police", "2026-03-04"), task(2, 1, "Без срока", "normal", "police", "")};
    CASECTL_TRY(s.save_plan(2, other));
    Plan unassigned = plan(1, "approved");
    unassigned.tasks = {task(1, 1, "Заявление в акимат", "high", "police", "2026-03-05"),
                        task(5, 1, "Визит", "high", "police", "2026-03-16")};
    return s.save_plan(3, unassigned);
  });
  step("inform", [&] {
    CASECTL_TRY(s.add_agency_notice(1, {1, "police", "2026-03-06", "letter", "dana", "2026-03-06T10:00:00Z"}));
    CASECTL_TRY(s.add_agency_notice(1, {1, "police", "2026-03-05", "phone", "dana", "2026-03-07T10:00:00Z"}));
    return s.add_agency_notice(2, {1, "police", "2026-03-05", "meeting", "askar", "2026-03-05T10:00:00Z"});
  });
  step("monitor", [&] {
    CASECTL_TRY(s.add_review(1, "2026-03-10", "askar", "всё по плану", "2026-03-20", "2026-03-10T11:00:00Z"));
    CASECTL_TRY(s.add_review(1, "2026-03-08", "askar", "", "", "2026-03-10T12:00:00Z"));
    CASECTL_TRY(s.set_next_review(1, "2026-03-12"));
    CASECTL_TRY(s.set_next_review(2, "2026-03-18"));
    CASECTL_TRY(s.set_next_review(3, "2026-03-25"));
    CASECTL_TRY(s.set_next_review(3, ""));
    CASECTL_TRY(s.update_task(1, 1, 1, "in-progress", "позвонили в акимат", "2026-03-06", "dana"));
    CASECTL_TRY(s.update_task(1, 1, 2, "done", "", "2026-03-06", "dana"));
    CASECTL_TRY(s.update_task(1, 2, 1, "open", "новая редакция", "2026-03-05", "dana"));
    CASECTL_TRY(s.update_task(1, 1, 4, "open", "ждём", "2026-03-05", "askar"));
    CASECTL_TRY(s.add_delivery(1, 3, "2026-03-10", 1, "dana", "2026-03-10T12:00:00Z"));
    CASECTL_TRY(s.add_delivery(1, 3, "2026-03-07", 5, "dana", "2026-03-07T12:00:00Z"));
    CASECTL_TRY(s.add_delivery(1, 3, "2026-03-14", 0, "dana", "2026-03-14T12:00:00Z"));
    CASECTL_TRY(s.add_event(1, {"police-call", "2026-03-05", false, "ночной вызов", "dana", "2026-03-05T23:00:00Z", {1, 2}}));
    CASECTL_TRY(s.add_event(1, {"eviction-notice", "2025-12-01", true, "", "dana", "2026-03-05T23:10:00Z"}));
    return s.add_event(1, {"school-absence", "2026-03-05", false, "", "dana", "2026-03-06T08:00:00Z", {2}});
  });
  step("close", [&] {
    Closure c;
    c.closed_on = "2026-03-15";
    c.reason = "goals-met";
    c.outcome = "improved";
    c.expectations_met = "partly";
    c.expectations_note = "жильё сохранено";
    c.final_assessment = 1;
    c.domain_changes_json = R"([{"domain":"housing","change":2}])";
    c.forced_reason = "";
    c.closed_by = "Zhanna";
    c.at = "2026-03-15T10:00:00Z";
    return s.close_case(2, c);
  });
  step("reopen", [&] { return s.reopen_case(2, "active", "2026-03-20", "снова жалобы", "2026-03-20T09:00:00Z"); });
  step("close again", [&] {
    Closure c;
    c.closed_on = "2026-03-28";
    c.reason = "moved";
    c.outcome = "unknown";
    c.expectations_met = "no";
    c.forced_reason = "переехали";
    c.closed_by = "Zhanna";
    c.at = "2026-03-28T10:00:00Z";
    return s.close_case(2, c);
  });
  return reads;
}

// Rows of a query, a line each, columns joined by "|", NULL as "".
std::string sqlite_rows(store::sqlite::SqliteStore& s, const std::string& sql) {
  SQLite::Statement q(s.db(), sql);
  std::string out;
  while (q.executeStep()) {
    for (int i = 0; i < q.getColumnCount(); ++i) out += (i ? "|" : "") + q.getColumn(i).getString();
    out += "\n";
  }
  return out;
}

std::string postgres_rows(Connection& connection, const std::string& sql) {
  Result<Rows> rows = connection.exec(sql);
  REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
  std::string out;
  for (const std::vector<Value>& row : rows->rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("");
    out += "\n";
  }
  return out;
}

struct BothEngines {
  testing::PostgresSchema schema;
  std::unique_ptr<PgStore> pg;
  std::unique_ptr<store::sqlite::SqliteStore> sqlite;
  BothEngines() {
    store::OpenOptions options;
    options.location = schema.url;
    options.mode = store::Mode::write;
    Result<std::unique_ptr<PgStore>> opened = PgStore::open(options);
    REQUIRE_MESSAGE(opened.is_ok(), opened.status().message());
    pg = std::move(*opened);
    Result<std::unique_ptr<store::sqlite::SqliteStore>> memory =
        store::sqlite::SqliteStore::open({":memory:", 5000, store::Mode::write});
    REQUIRE_MESSAGE(memory.is_ok(), memory.status().message());
    sqlite = std::move(*memory);
    require_ok(pg->connection().run_script(k_cases));
    sqlite->db().exec(k_cases);
  }
};

} // namespace

TEST_CASE("PostgreSQL case-work query tests run only with CASECTL_TEST_POSTGRES set") {
  if (no_server())
    MESSAGE("the PostgreSQL case-work query tests did NOT run: CASECTL_TEST_POSTGRES is not set. "
            "Run scripts/test, which starts a throwaway cluster (tests/pg/cluster.sh)");
}

TEST_CASE("PostgreSQL gives what SQLite gives for assessments, plans, staff, assignments, monitoring and closing" *
          doctest::skip(no_server())) {
  BothEngines both;
  PgCalls pg{*both.pg};
  Reads on_postgres = run_cycle(pg);
  Reads on_sqlite = run_cycle(static_cast<store::CaseStore&>(*both.sqlite));
  REQUIRE(on_postgres.size() == on_sqlite.size());
  for (std::size_t i = 0; i < on_sqlite.size(); ++i) {
    INFO(on_sqlite[i].first);
    CHECK(on_postgres[i].first == on_sqlite[i].first);
    CHECK(on_postgres[i].second == on_sqlite[i].second);
  }

  // The reads hold what the sequence did (the comparison above is not of two empty results).
  std::map<std::string, std::string> read(on_sqlite.begin(), on_sqlite.end());
  CHECK(read["a login taken twice: write"] ==
        "failed " + std::to_string(static_cast<int>(ErrorKind::conflict)) +
            ": staff member dana already exists; change them with 'casectl staff set dana'");
  CHECK(read["nobody to change: write"] ==
        "failed " + std::to_string(static_cast<int>(ErrorKind::not_found)) + ": staff member nobody is not in the store");
  CHECK(read["staff: staff"] == "Zhanna Жанна social case-manager [almaly,bostandyk] 25 true\n"
                                "aigul Айгуль social case-manager [bostandyk] 5 true\n"
                                "askar Аскар Нурланов social case-manager [almaly] 3 false\n"
                                "dana Дана Серикова social case-manager [almaly] 10 true\n");
  CHECK(read["assess: 2026-00001 assessments"].find("  Income=1\n  education=4\n  health=null\n  housing=2\n") !=
        std::string::npos);
  CHECK(read["monitor: 2026-00001 latest_review_on"] == "2026-03-10");
  CHECK(read["monitor: 2026-00001 delivered"] == "1");
  CHECK(read["reassign: 2026-00001 assignment"] == "1 2026-00001 intake false Ахметовы almaly manager [dana] supervisor [askar]\n"
                                                   "  insp juvenile-inspector 2026-03-02 dana\n"
                                                   "  aigul  2026-03-03 dana\n"
                                                   "  psy школьный психолог 2026-03-03 dana\n");
  const std::string& due = read["monitor: due"];
  for (const char* kind : {"overdue-task 2026-00001", "task-due 2026-00003", "overdue-review 2026-00001", "review-due 2026-00002",
                           "late-response 2026-00001", "under-delivered 2026-00001"})
    CHECK_MESSAGE(due.find(kind) != std::string::npos, (std::string(kind) + " in:\n" + due));
  CHECK(read["close again: 2026-00002 current_period"] == "[2026-03-20] to [2026-03-28]");
  CHECK(read["close again: 2026-00002 closures"].find("reopened [2026-03-20] [снова жалобы]") != std::string::npos);

  // What no read shows: the case manager's sort key, the history the triggers kept, the stamps.
  Connection connection = connected(both.schema.url);
  CHECK(postgres_rows(connection, "SELECT id, upper(encode(manager_sort, 'hex')), updated_at, updated_on, coalesce(closed, '') "
                                  "FROM cases ORDER BY id") ==
        sqlite_rows(*both.sqlite,
                    "SELECT id, hex(manager_sort), updated_at, updated_on, coalesce(closed, '') FROM cases ORDER BY id"));
  CHECK(sqlite_rows(*both.sqlite, "SELECT count(*) FROM cases WHERE manager_sort IS NOT NULL") == "3\n");
  const std::string history = "SELECT case_row, attribute, value, until_on FROM case_history ORDER BY id";
  CHECK(postgres_rows(connection, history) == sqlite_rows(*both.sqlite, history));
  // Dated by the business day of each change, not the UTC date of its moment.
  CHECK(postgres_rows(connection, "SELECT value, until_on FROM case_history WHERE case_row = 3 ORDER BY id") ==
        "|2026-03-02\naigul|2026-03-04\n");
  const std::string periods = "SELECT case_row, spell, opened_on, coalesce(closed_on, ''), coalesce(reopened_on, '') "
                              "FROM case_periods ORDER BY case_row, spell";
  CHECK(postgres_rows(connection, periods) == sqlite_rows(*both.sqlite, periods));
}

TEST_CASE("a failing PostgreSQL query gives a Status and writes nothing, never an exception" * doctest::skip(no_server())) {
  BothEngines both;
  PgStore& pg = *both.pg;
  // No case 99: the foreign key refuses the assessment, the plan, the event.
  Status refused = pg.write([&] { return store::postgres::insert_assessment(pg, 99, assessment(1, "2026-03-03")); });
  CHECK_FALSE(refused.is_ok());
  CHECK(refused.kind() == ErrorKind::internal);
  CHECK_FALSE(pg.write([&] { return store::postgres::save_plan(pg, 99, plan(1, "draft")); }).is_ok());
  CHECK_FALSE(pg.write([&] { return store::postgres::add_event(pg, 99, {"x", "2026-03-01", false, "", "a", "b"}); }).is_ok());
  // A plan whose tasks fail half-way keeps nothing of the plan (the write is one transaction).
  Plan broken = plan(1, "draft");
  broken.tasks[1].priority = "whenever"; // refused by the CHECK constraint
  CHECK_FALSE(pg.write([&] { return store::postgres::save_plan(pg, 1, broken); }).is_ok());
  Result<std::vector<Plan>> plans = store::postgres::load_plans(pg, 1, "2026-00001");
  REQUIRE(plans.is_ok());
  CHECK(plans->empty());
  Connection connection = connected(both.schema.url);
  CHECK(postgres_rows(connection, "SELECT (SELECT count(*) FROM assessments) + (SELECT count(*) FROM plans) + "
                                  "(SELECT count(*) FROM plan_tasks) + (SELECT count(*) FROM events)") == "0\n");
}

TEST_CASE("two PostgreSQL writers adding the same staff login: one succeeds, the other is refused as on SQLite" *
          doctest::skip(no_server())) {
  BothEngines both;
  store::OpenOptions options;
  options.location = both.schema.url;
  options.mode = store::Mode::write;
  Result<std::unique_ptr<PgStore>> other = PgStore::open(options);
  REQUIRE_MESSAGE(other.is_ok(), other.status().message());
  // The first writer's row is not committed yet when the second looks, so the second's insert
  // waits for it and then meets the unique key: the same conflict as the look would give.
  require_ok(both.pg->connection().begin());
  require_ok(store::postgres::insert_staff(*both.pg, staff("dana", "Дана", {}, 0), "2026-03-01T08:00:00Z", "admin"));
  Status second;
  std::thread writer([&] {
    second = (*other)->write(
        [&] { return store::postgres::insert_staff(**other, staff("dana", "Другая", {}, 0), "2026-03-01T08:00:01Z", "admin"); });
  });
  ::usleep(300 * 1000);
  require_ok(both.pg->connection().commit());
  writer.join();
  CHECK(second.kind() == ErrorKind::conflict);
  CHECK(second.message() == "staff member dana already exists; change them with 'casectl staff set dana'");
}
