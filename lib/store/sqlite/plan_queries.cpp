#include "store/sqlite/plan_queries.hpp"

#include "store/shared_sql.hpp"
#include "store/sqlite/sql_text.hpp"
#include "util/messages.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl::store::sqlite {

namespace {

const char* const k_task_columns =
    "number, goal, what, priority, agency, worker, family_member, due_on, offset_days, frequency_count, "
    "frequency_period, status, continuous";

// Reads the task columns (k_task_columns, as k_agency_tasks_sql also selects them) starting at column `c`.
PlanTask task_from(SQLite::Statement& q, int c) {
  PlanTask t;
  t.number = q.getColumn(c++).getInt();
  t.goal = q.getColumn(c++).getInt();
  for (std::string* field : {&t.what, &t.priority, &t.agency, &t.worker, &t.family_member, &t.due_on})
    *field = text_of(q.getColumn(c++));
  if (!q.getColumn(c).isNull()) t.offset_days = q.getColumn(c).getInt();
  ++c;
  t.frequency_count = q.getColumn(c++).getInt();
  t.frequency_period = text_of(q.getColumn(c++));
  t.status = text_of(q.getColumn(c++));
  t.continuous = q.getColumn(c++).getInt() != 0;
  return t;
}

} // namespace

Result<std::vector<Plan>> load_plans(SqliteStore& store, long long row, const std::string& case_id) {
  SQLite::Database& db = store.db();
  SQLite::Statement plans(db, R"SQL(
    SELECT id, revision, status, start_on, template, revision_reason, meeting_on, participants, decision, approved_at,
           approved_by, created_at, created_by
    FROM plans WHERE case_row = ? ORDER BY revision)SQL");
  plans.bind(1, static_cast<int64_t>(row));
  SQLite::Statement goals(
      db, "SELECT number, domain, target, expectation, description FROM plan_goals WHERE plan_id = ? ORDER BY number");
  SQLite::Statement tasks(db, fmt::format("SELECT {} FROM plan_tasks WHERE plan_id = ? ORDER BY number", k_task_columns));
  std::vector<Plan> all;
  while (plans.executeStep()) {
    Plan p;
    p.case_id = case_id;
    int64_t id = plans.getColumn(0).getInt64();
    p.revision = plans.getColumn(1).getInt();
    int c = 2;
    for (std::string* field : {&p.status, &p.start_on, &p.template_name, &p.revision_reason, &p.meeting_on})
      *field = text_of(plans.getColumn(c++));
    p.participants = list_of(text_of(plans.getColumn(c++)));
    for (std::string* field : {&p.decision, &p.approved_at, &p.approved_by, &p.created_at, &p.created_by})
      *field = text_of(plans.getColumn(c++));
    goals.bind(1, id);
    while (goals.executeStep()) {
      PlanGoal g;
      g.number = goals.getColumn(0).getInt();
      g.domain = text_of(goals.getColumn(1));
      if (!goals.getColumn(2).isNull()) g.target = goals.getColumn(2).getInt();
      g.expectation = text_of(goals.getColumn(3));
      g.description = text_of(goals.getColumn(4));
      p.goals.push_back(std::move(g));
    }
    goals.reset();
    tasks.bind(1, id);
    while (tasks.executeStep()) p.tasks.push_back(task_from(tasks, 0));
    tasks.reset();
    all.push_back(std::move(p));
  }
  return all;
}

Status save_plan(SqliteStore& store, long long row, const Plan& p) {
  SQLite::Database& db = store.db();
  SQLite::Statement upsert(db, R"SQL(
    INSERT INTO plans (case_row, revision, status, start_on, template, revision_reason, meeting_on, participants,
                       decision, approved_at, approved_by, created_at, created_by)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, nullif(?7, ''), ?8, ?9, nullif(?10, ''), nullif(?11, ''), ?12, ?13)
    ON CONFLICT (case_row, revision) DO UPDATE SET
      status = ?3, start_on = ?4, template = ?5, revision_reason = ?6, meeting_on = nullif(?7, ''), participants = ?8,
      decision = ?9, approved_at = nullif(?10, ''), approved_by = nullif(?11, ''), agencies_tracked = 1
    RETURNING id)SQL");
  upsert.bind(1, static_cast<int64_t>(row));
  upsert.bind(2, p.revision);
  int i = 2;
  for (const std::string* field : {&p.status, &p.start_on, &p.template_name, &p.revision_reason, &p.meeting_on})
    upsert.bind(++i, *field);
  upsert.bind(++i, json_list(p.participants));
  for (const std::string* field : {&p.decision, &p.approved_at, &p.approved_by, &p.created_at, &p.created_by})
    upsert.bind(++i, *field);
  if (!upsert.executeStep()) return Status::internal(tr("the plan was not saved"));
  int64_t id = upsert.getColumn(0).getInt64();
  upsert.reset();
  for (const char* table : {"plan_goals", "plan_tasks"}) {
    SQLite::Statement remove(db, fmt::format("DELETE FROM {} WHERE plan_id = ?", table));
    remove.bind(1, id);
    remove.exec();
  }
  SQLite::Statement goal(
      db, "INSERT INTO plan_goals (plan_id, number, domain, target, expectation, description) VALUES (?, ?, ?, ?, ?, ?)");
  for (const PlanGoal& g : p.goals) {
    goal.bind(1, id);
    goal.bind(2, g.number);
    goal.bind(3, g.domain);
    if (g.target) goal.bind(4, *g.target);
    else goal.bind(4);
    goal.bind(5, g.expectation);
    goal.bind(6, g.description);
    goal.exec();
    goal.reset();
    goal.clearBindings();
  }
  SQLite::Statement task(
      db, fmt::format(
              "INSERT INTO plan_tasks (plan_id, {}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, nullif(?, ''), ?, ?)",
              k_task_columns));
  for (const PlanTask& t : p.tasks) {
    int c = 0;
    task.bind(++c, id);
    task.bind(++c, t.number);
    task.bind(++c, t.goal);
    for (const std::string* field : {&t.what, &t.priority, &t.agency, &t.worker, &t.family_member, &t.due_on})
      task.bind(++c, *field);
    if (t.offset_days) task.bind(++c, *t.offset_days);
    else task.bind(++c);
    if (t.frequency_count > 0) task.bind(++c, t.frequency_count);
    else task.bind(++c);
    task.bind(++c, t.frequency_period);
    task.bind(++c, t.status);
    task.bind(++c, t.continuous ? 1 : 0);
    task.exec();
    task.reset();
    task.clearBindings();
  }
  return Status::ok();
}

Result<int> assessment_count(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), "SELECT count(*) FROM assessments WHERE case_row = ?");
  q.bind(1, static_cast<int64_t>(row));
  q.executeStep();
  return q.getColumn(0).getInt();
}

Status each_agency_task(SqliteStore& store, const AgencyTaskFilter& filter,
                        const std::function<Status(const AgencyTask&)>& each) {
  std::string where;
  std::vector<std::string> values;
  auto add_in = [&](const char* column, const std::vector<std::string>& list) {
    if (list.empty()) return;
    where += fmt::format(" AND {} IN ({})", column, placeholders(list.size()));
    values.insert(values.end(), list.begin(), list.end());
  };
  add_in("t.agency", filter.agencies);
  add_in("t.worker", filter.workers);
  add_in("c.district", filter.districts);
  add_in("t.priority", filter.priorities);
  add_in("t.status", filter.statuses);
  if (!filter.due_until.empty()) {
    where += " AND t.due_on IS NOT NULL AND t.due_on <= ?";
    values.push_back(filter.due_until);
  }
  SQLite::Statement q(store.db(), fmt::format(fmt::runtime(k_agency_tasks_sql), where));
  for (std::size_t i = 0; i < values.size(); ++i) q.bind(static_cast<int>(i + 1), values[i]);
  while (q.executeStep()) {
    AgencyTask a;
    a.case_id = text_of(q.getColumn(0));
    a.case_name = text_of(q.getColumn(1));
    a.district = text_of(q.getColumn(2));
    a.case_manager = text_of(q.getColumn(3));
    a.revision = q.getColumn(4).getInt();
    a.goal_description = text_of(q.getColumn(5));
    a.task = task_from(q, 6);
    CASECTL_TRY(each(a));
  }
  return Status::ok();
}

Status add_agency_notice(SqliteStore& store, long long row, const AgencyNotice& notice) {
  SQLite::Statement q(store.db(), "INSERT INTO agency_notices (case_row, revision, agency, informed_on, how, recorded_by, "
                                  "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(row));
  q.bind(2, notice.revision);
  int i = 2;
  for (const std::string* field : {&notice.agency, &notice.informed_on, &notice.how, &notice.recorded_by, &notice.recorded_at})
    q.bind(++i, *field);
  q.exec();
  return Status::ok();
}

Result<std::vector<AgencyNotice>> agency_notices_of(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), "SELECT revision, agency, informed_on, how, recorded_by, recorded_at FROM agency_notices "
                                  "WHERE case_row = ? ORDER BY informed_on, id");
  q.bind(1, static_cast<int64_t>(row));
  std::vector<AgencyNotice> notices;
  while (q.executeStep())
    notices.push_back({q.getColumn(0).getInt(), text_of(q.getColumn(1)), text_of(q.getColumn(2)), text_of(q.getColumn(3)),
                       text_of(q.getColumn(4)), text_of(q.getColumn(5))});
  return notices;
}

} // namespace casectl::store::sqlite
