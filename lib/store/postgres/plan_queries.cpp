#include "store/postgres/plan_queries.hpp"

#include "store/postgres/query_values.hpp"
#include "store/shared_sql.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

#include <map>

namespace casectl::store::postgres {

namespace {

const char* const k_task_columns =
    "number, goal, what, priority, agency, worker, family_member, due_on, offset_days, frequency_count, "
    "frequency_period, status, continuous";

// Reads the task columns (k_task_columns, as k_agency_tasks_sql also selects them) starting at column `c`.
PlanTask task_from(const std::vector<Value>& r, std::size_t c) {
  PlanTask t;
  t.number = int_of(r[c++]);
  t.goal = int_of(r[c++]);
  for (std::string* field : {&t.what, &t.priority, &t.agency, &t.worker, &t.family_member, &t.due_on}) *field = text_of(r[c++]);
  t.offset_days = optional_int_of(r[c++]);
  t.frequency_count = int_of(r[c++]);
  t.frequency_period = text_of(r[c++]);
  t.status = text_of(r[c++]);
  t.continuous = int_of(r[c++]) != 0;
  return t;
}

Status insert_goals_and_tasks(Connection& db, const Value& id, const Plan& p) {
  for (const PlanGoal& g : p.goals)
    CASECTL_TRY(db.exec("INSERT INTO plan_goals (plan_id, number, domain, target, expectation, description) "
                        "VALUES ($1, $2, $3, $4, $5, $6)",
                        {id, number(g.number), g.domain, g.target ? number(*g.target) : Value(), g.expectation, g.description})
                    .status());
  const std::string insert_task =
      fmt::format("INSERT INTO plan_tasks (plan_id, {}) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, nullif($9, ''), $10, $11, nullif($12, ''), $13, $14)",
                  k_task_columns);
  for (const PlanTask& t : p.tasks) {
    Params params{id, number(t.number), number(t.goal)};
    for (const std::string* field : {&t.what, &t.priority, &t.agency, &t.worker, &t.family_member, &t.due_on}) params.add(*field);
    params.add(t.offset_days ? number(*t.offset_days) : Value());
    params.add(t.frequency_count > 0 ? number(t.frequency_count) : Value());
    params.add(t.frequency_period);
    params.add(t.status);
    params.add(number(t.continuous ? 1 : 0));
    CASECTL_TRY(db.exec(insert_task, params.values()).status());
  }
  return Status::ok();
}

} // namespace

Result<std::vector<Plan>> load_plans(PgStore& store, long long row, const std::string& case_id) {
  Connection& db = store.connection();
  Result<Rows> plans = db.exec(R"SQL(
    SELECT id, revision, status, start_on, template, revision_reason, meeting_on, participants, decision, approved_at,
           approved_by, created_at, created_by
    FROM plans WHERE case_row = $1 ORDER BY revision)SQL",
                               {number(row)});
  if (!plans) return plans.status();
  // The goals and the tasks of every revision in one statement each, by plan, then number.
  const char* const of_case = "plan_id IN (SELECT id FROM plans WHERE case_row = $1) ORDER BY plan_id, number";
  Result<Rows> goals =
      db.exec(fmt::format("SELECT plan_id, number, domain, target, expectation, description FROM plan_goals WHERE {}", of_case),
              {number(row)});
  if (!goals) return goals.status();
  Result<Rows> tasks =
      db.exec(fmt::format("SELECT plan_id, {} FROM plan_tasks WHERE {}", k_task_columns, of_case), {number(row)});
  if (!tasks) return tasks.status();
  std::map<long long, std::vector<PlanGoal>> goals_of;
  for (const std::vector<Value>& r : goals->rows) {
    PlanGoal g;
    g.number = int_of(r[1]);
    g.domain = text_of(r[2]);
    g.target = optional_int_of(r[3]);
    g.expectation = text_of(r[4]);
    g.description = text_of(r[5]);
    goals_of[number_of(r[0])].push_back(std::move(g));
  }
  std::map<long long, std::vector<PlanTask>> tasks_of;
  for (const std::vector<Value>& r : tasks->rows) tasks_of[number_of(r[0])].push_back(task_from(r, 1));
  std::vector<Plan> all;
  for (const std::vector<Value>& r : plans->rows) {
    Plan p;
    p.case_id = case_id;
    long long id = number_of(r[0]);
    p.revision = int_of(r[1]);
    std::size_t c = 2;
    for (std::string* field : {&p.status, &p.start_on, &p.template_name, &p.revision_reason, &p.meeting_on})
      *field = text_of(r[c++]);
    p.participants = list_of(text_of(r[c++]));
    for (std::string* field : {&p.decision, &p.approved_at, &p.approved_by, &p.created_at, &p.created_by})
      *field = text_of(r[c++]);
    p.goals = std::move(goals_of[id]);
    p.tasks = std::move(tasks_of[id]);
    all.push_back(std::move(p));
  }
  return all;
}

Status save_plan(PgStore& store, long long row, const Plan& p) {
  Connection& db = store.connection();
  Params params{number(row), number(p.revision)};
  for (const std::string* field : {&p.status, &p.start_on, &p.template_name, &p.revision_reason, &p.meeting_on})
    params.add(*field);
  params.add(json_list(p.participants));
  for (const std::string* field : {&p.decision, &p.approved_at, &p.approved_by, &p.created_at, &p.created_by}) params.add(*field);
  Result<Rows> saved = db.exec(R"SQL(
    INSERT INTO plans (case_row, revision, status, start_on, template, revision_reason, meeting_on, participants,
                       decision, approved_at, approved_by, created_at, created_by)
    VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8, $9, nullif($10, ''), nullif($11, ''), $12, $13)
    ON CONFLICT (case_row, revision) DO UPDATE SET
      status = $3, start_on = $4, template = $5, revision_reason = $6, meeting_on = nullif($7, ''), participants = $8,
      decision = $9, approved_at = nullif($10, ''), approved_by = nullif($11, ''), agencies_tracked = 1
    RETURNING id)SQL",
                               params.values());
  if (!saved) return saved.status();
  if (saved->rows.empty()) return Status::internal(tr("the plan was not saved"));
  Value id = saved->rows[0][0];
  for (const char* table : {"plan_goals", "plan_tasks"})
    CASECTL_TRY(db.exec(fmt::format("DELETE FROM {} WHERE plan_id = $1", table), {id}).status());
  return insert_goals_and_tasks(db, id, p);
}

Status each_agency_task(PgStore& store, const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each) {
  Params params;
  std::string where;
  auto add_in = [&](const char* column, const std::vector<std::string>& list) {
    if (list.empty()) return;
    where += fmt::format(" AND {} IN ({})", column, params.add_all(list));
  };
  add_in("t.agency", filter.agencies);
  add_in("t.worker", filter.workers);
  add_in("c.district", filter.districts);
  add_in("t.priority", filter.priorities);
  add_in("t.status", filter.statuses);
  if (!filter.due_until.empty()) where += " AND t.due_on IS NOT NULL AND t.due_on <= " + params.add(filter.due_until);
  // Every text column is COLLATE "C": the order is SQLite's, byte by byte; `t.due_on IS NULL`
  // (false before true) puts undated tasks last, as in SQLite.
  Result<Rows> rows = store.connection().exec(fmt::format(fmt::runtime(k_agency_tasks_sql), where), params.values());
  if (!rows) return rows.status();
  for (const std::vector<Value>& r : rows->rows) {
    AgencyTask a;
    a.case_id = text_of(r[0]);
    a.case_name = text_of(r[1]);
    a.district = text_of(r[2]);
    a.case_manager = text_of(r[3]);
    a.revision = int_of(r[4]);
    a.goal_description = text_of(r[5]);
    a.task = task_from(r, 6);
    CASECTL_TRY(each(a));
  }
  return Status::ok();
}

Status add_agency_notice(PgStore& store, long long row, const AgencyNotice& notice) {
  return store.connection()
      .exec("INSERT INTO agency_notices (case_row, revision, agency, informed_on, how, recorded_by, recorded_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {number(row), number(notice.revision), notice.agency, notice.informed_on, notice.how, notice.recorded_by,
             notice.recorded_at})
      .status();
}

Result<std::vector<AgencyNotice>> agency_notices_of(PgStore& store, long long row) {
  Result<Rows> rows = store.connection().exec("SELECT revision, agency, informed_on, how, recorded_by, recorded_at "
                                              "FROM agency_notices WHERE case_row = $1 ORDER BY informed_on, id",
                                              {number(row)});
  if (!rows) return rows.status();
  std::vector<AgencyNotice> notices;
  for (const std::vector<Value>& r : rows->rows)
    notices.push_back({int_of(r[0]), text_of(r[1]), text_of(r[2]), text_of(r[3]), text_of(r[4]), text_of(r[5])});
  return notices;
}

} // namespace casectl::store::postgres
