#include "store/postgres/report_queries.hpp"

#include "store/due_rules.hpp"
#include "store/postgres/query_values.hpp"
#include "store/report_sql.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>

namespace casectl::store::postgres {

namespace {

// Each case's agencies beside it: those of its approved plan's tasks, each once (the approved plan
// is one per case: approving a revision supersedes the one before).
const char* const k_agency_join = "LEFT JOIN LATERAL (SELECT DISTINCT pt.agency AS value FROM plans ap "
                                  "JOIN plan_tasks pt ON pt.plan_id = ap.id "
                                  "WHERE ap.case_row = c.id AND ap.status = 'approved' AND pt.agency <> '') ag ON true";

// A day given as text (YYYY-MM-DD; NULL for none), as a parameter.
std::string day(Params& params, const Value& value) { return params.add(value) + "::text"; }

using report_sql::Grouping;
using report_sql::k_accompanied;
using report_sql::k_full;
using report_sql::k_open_at_end;
using report_sql::k_open_case;
using report_sql::k_spell_in_force;
using report_sql::k_still_open;

Grouping case_grouping(CaseDimension by, const std::string& on) { return report_sql::case_grouping(by, on, k_agency_join); }
Grouping task_grouping(CaseDimension by, const std::string& on) { return report_sql::task_grouping(by, on, k_agency_join); }

// The conditions of `scope` (store/report_sql.hpp), their values added to `params`.
std::string scope_conditions(const CaseScope& scope, Params& params, const std::string& on, bool on_tasks = false) {
  return report_sql::scope_conditions(scope, on, on_tasks, [&](const std::string& value) { return params.add(value); });
}

// Runs `sql` with `params`, handing each row to `take`.
Status each_result(PgStore& store, const std::string& sql, const Params& params,
                   const std::function<void(const std::vector<Value>&)>& take) {
  Result<Rows> rows = store.connection().exec(sql, params.values());
  if (!rows) return rows.status();
  for (const std::vector<Value>& row : rows->rows) take(row);
  return Status::ok();
}

// A number the server printed (an integer or a numeric, never a float), as a double: the exact
// decimal, rounded once.
double double_of(const Value& value) {
  double d = 0;
  if (value) std::from_chars(value->data(), value->data() + value->size(), d);
  return d;
}

// The mean of values whose sum and count the server gave, as SQLite's avg() of integers gives it:
// the sum as a double divided by the count.
double mean_of(const Value& sum, const Value& count) {
  long long n = number_of(count);
  return n == 0 ? 0.0 : double_of(sum) / static_cast<double>(n);
}

// How many rows satisfy `condition` (SQLite sums the booleans).
std::string counted(const std::string& condition) { return "count(*) FILTER (WHERE " + condition + ")"; }

// The people of a case: its household members; one when none are recorded.
const char* const k_people = "greatest(1, (SELECT count(*) FROM members m WHERE m.case_row = c.id))";

// The last closure of each case between the days `from` and `to` (SQL expressions): `last`
// (case_row, outcome, expectations_met, domain_changes) with position 1 for the last.
std::string last_closures(const std::string& from, const std::string& to) {
  return fmt::format(R"SQL(
    WITH last AS (
      SELECT x.case_row, x.outcome, x.expectations_met, x.domain_changes,
             row_number() OVER (PARTITION BY x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM closures x WHERE x.closed_on BETWEEN {} AND {}))SQL",
                     from, to);
}

// A recurring service's length of period in days (store/due_rules).
const std::string k_service_days =
    fmt::format("(CASE t.frequency_period WHEN 'week' THEN {} WHEN 'month' THEN {} ELSE {} END)", service_period_days("week"),
                service_period_days("month"), service_period_days("day"));

// The periods as the CTE p (key, start, fin).
std::string periods_cte(const std::vector<ReportPeriod>& periods, Params& params) {
  std::string values;
  for (const ReportPeriod& period : periods) {
    values += values.empty() ? "(" : ", (";
    values += day(params, period.key) + ", " + day(params, period.from) + ", " + day(params, period.to) + ")";
  }
  return "WITH p (key, start, fin) AS (VALUES " + values + ")";
}

// The first statement of count_cases: per group value, the columns open_at_end, in_intake,
// in_assessment, active, opened, families, people, consultations, people_consulted, in one pass
// over the cases' spells of work with each period beside each.
std::string single_pass_sql(const std::vector<ReportPeriod>& periods, CaseDimension by, const CaseScope& scope, Params& params) {
  std::string with = periods_cte(periods, params);
  Grouping g = case_grouping(by, "p.fin");
  std::string scoped = scope_conditions(scope, params, "p.fin");
  auto still_in = [](const char* status) { return fmt::format("{} AND {} AND c.status = '{}'", k_full, k_still_open, status); };
  std::string opened_consultation = "c.consultation = 1 AND c.opened >= p.start";
  return fmt::format(
      R"SQL(
    {with}
    SELECT ({key}) COLLATE "C" AS grouped,
      {open_at_end}, {intake}, {assessment}, {active}, {opened}, {accompanied},
      sum(CASE WHEN {accompanied_case} THEN {people} ELSE 0 END),
      {consultations},
      sum(CASE WHEN {consultation_case} THEN {people} ELSE 0 END)
    FROM case_periods s JOIN cases c ON c.id = s.case_row CROSS JOIN p {join}
    WHERE {in_force} {scope}
    GROUP BY grouped ORDER BY grouped)SQL",
      fmt::arg("with", with), fmt::arg("key", g.key), fmt::arg("join", g.join), fmt::arg("open_at_end", counted(k_open_at_end)),
      fmt::arg("intake", counted(still_in("intake"))), fmt::arg("assessment", counted(still_in("assessment"))),
      fmt::arg("active", counted(still_in("active"))),
      fmt::arg("opened", counted(fmt::format("{} AND c.opened >= p.start", k_full))),
      fmt::arg("accompanied", counted(k_accompanied)), fmt::arg("accompanied_case", k_accompanied), fmt::arg("people", k_people),
      fmt::arg("consultations", counted(opened_consultation)), fmt::arg("consultation_case", opened_consultation),
      fmt::arg("in_force", k_spell_in_force), fmt::arg("scope", scoped));
}

// The same columns per period, for many periods (--by month): the full cases' spells of work
// counted by the day they started (and the case's status while still open) and by the day they
// ended, and each period takes running sums of those (see the SQLite engine's running_counts_sql
// for why the figures are the same as the single pass's). Filters by the values at the end of the
// last period (the report's end).
std::string running_counts_sql(const std::vector<ReportPeriod>& periods, const CaseScope& scope, Params& params) {
  std::string with = periods_cte(periods, params);
  const std::string end = "(SELECT max(fin) FROM p)";
  std::string scoped_opened = scope_conditions(scope, params, end);
  std::string scoped_started = scope_conditions(scope, params, end);
  std::string scoped_ended = scope_conditions(scope, params, end);
  std::string scoped_returns = scope_conditions(scope, params, end);
  return fmt::format(R"SQL(
    {with},
    opened (day, consultation, cases, people) AS MATERIALIZED (
      SELECT c.opened, c.consultation, count(*), sum({people})
      FROM cases c WHERE c.opened <= {end}{scope_opened} GROUP BY 1, 2),
    started (day, status, cases, people) AS MATERIALIZED (
      SELECT s.opened_on, CASE WHEN {still_open} THEN c.status END, count(*), sum({people})
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE {full} AND s.opened_on <= {end}{scope_started} GROUP BY 1, 2),
    ended (day, cases, people) AS MATERIALIZED (
      SELECT s.closed_on, count(*), sum({people})
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE {full} AND s.closed_on <= {end}{scope_ended} GROUP BY 1),
    returns (closed_on, reopened_on, people) AS MATERIALIZED (
      SELECT s.closed_on, s.reopened_on, {people}
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE s.reopened_on IS NOT NULL AND {full}{scope_returns})
    {running_sums})SQL",
                     fmt::arg("with", with), fmt::arg("end", end), fmt::arg("full", k_full), fmt::arg("people", k_people),
                     fmt::arg("still_open", k_still_open), fmt::arg("scope_opened", scoped_opened),
                     fmt::arg("scope_started", scoped_started), fmt::arg("scope_ended", scoped_ended),
                     fmt::arg("scope_returns", scoped_returns), fmt::arg("running_sums", report_sql::k_running_sums));
}

// The closures of count_cases: per group value, the full cases closed in each period (each once,
// by its last closure in the period) and of those the ones closed with goals achieved.
std::string closures_sql(const std::vector<ReportPeriod>& periods, CaseDimension by, const CaseScope& scope, Params& params) {
  std::string with = periods_cte(periods, params);
  Grouping g = case_grouping(by, "p.fin");
  std::string scoped = scope_conditions(scope, params, "p.fin");
  return fmt::format(R"SQL(
    {with},
    last AS (
      SELECT p.key AS period, x.case_row, x.outcome,
             row_number() OVER (PARTITION BY p.key, x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM p JOIN closures x ON x.closed_on BETWEEN p.start AND p.fin)
    SELECT ({key}) COLLATE "C" AS grouped, count(*), count(*) FILTER (WHERE x.outcome = 'goals-achieved')
    FROM last x JOIN p ON p.key = x.period JOIN cases c ON c.id = x.case_row {join}
    WHERE x.position = 1 AND {full} {scope}
    GROUP BY grouped ORDER BY grouped)SQL",
                     fmt::arg("with", with), fmt::arg("key", g.key), fmt::arg("join", g.join), fmt::arg("full", k_full),
                     fmt::arg("scope", scoped));
}

// Counts per type (source, event type) from a query of two columns: the type and its count.
Result<std::vector<std::pair<std::string, long long>>> counts_by_type(PgStore& store, const std::string& sql,
                                                                      const Params& params) {
  std::vector<std::pair<std::string, long long>> counts;
  CASECTL_TRY(
      each_result(store, sql, params, [&](const std::vector<Value>& r) { counts.emplace_back(text_of(r[0]), number_of(r[1])); }));
  return counts;
}

} // namespace

Result<std::vector<CaseCounts>> count_cases(PgStore& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const CaseScope& scope) {
  std::vector<CaseCounts> rows;
  if (periods.empty()) return rows;
  auto row_of = [&](const std::string& key) -> CaseCounts& {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const CaseCounts& r) { return r.key == key; });
    return row == rows.end() ? rows.emplace_back(CaseCounts{key}) : *row;
  };
  Params params;
  std::string sql = by == CaseDimension::period && periods.size() > 2 ? running_counts_sql(periods, scope, params)
                                                                      : single_pass_sql(periods, by, scope, params);
  CASECTL_TRY(each_result(store, sql, params, [&](const std::vector<Value>& r) {
    CaseCounts& counts = row_of(text_of(r[0]));
    long long* fields[] = {&counts.open_at_end, &counts.in_intake, &counts.in_assessment, &counts.active,          &counts.opened,
                           &counts.families,    &counts.people,    &counts.consultations, &counts.people_consulted};
    std::size_t column = 1;
    for (long long* f : fields) *f = number_of(r[column++]);
  }));
  Params closure_params;
  sql = closures_sql(periods, by, scope, closure_params);
  CASECTL_TRY(each_result(store, sql, closure_params, [&](const std::vector<Value>& r) {
    CaseCounts& counts = row_of(text_of(r[0]));
    counts.closed = number_of(r[1]);
    counts.goals_achieved = number_of(r[2]);
  }));
  std::sort(rows.begin(), rows.end(), [](const CaseCounts& a, const CaseCounts& b) { return a.key < b.key; });
  return rows;
}

Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(PgStore& store, const ReportPeriod& period,
                                                                                 const CaseScope& scope) {
  Params params;
  std::string from = day(params, period.from);
  std::string to = day(params, period.to);
  std::string sql =
      fmt::format("SELECT c.source, count(*) FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN {} AND {}{} "
                  "GROUP BY c.source ORDER BY c.source COLLATE \"C\"",
                  from, to, scope_conditions(scope, params, to));
  return counts_by_type(store, sql, params);
}

Result<std::vector<std::pair<std::string, long long>>> count_events(PgStore& store, const ReportPeriod& period,
                                                                    const CaseScope& scope) {
  Params params;
  std::string from = day(params, period.from);
  std::string to = day(params, period.to);
  std::string sql = fmt::format("SELECT e.event_type, count(*) FROM events e JOIN cases c ON c.id = e.case_row "
                                "WHERE e.happened_on BETWEEN {} AND {} AND e.before_opening = 0{} "
                                "GROUP BY e.event_type ORDER BY e.event_type COLLATE \"C\"",
                                from, to, scope_conditions(scope, params, to));
  return counts_by_type(store, sql, params);
}

Result<std::vector<EventPerson>> event_people(PgStore& store, const ReportPeriod& period, const CaseScope& scope) {
  Params params;
  std::string from = day(params, period.from);
  std::string to = day(params, period.to);
  // A member removed from the household since keeps its number and birth date in removed_members.
  std::string sql = fmt::format(
      "SELECT e.event_type, e.case_row, j.value::integer AS member, e.happened_on, coalesce(m.birth_date, r.birth_date, '') "
      "FROM events e JOIN cases c ON c.id = e.case_row "
      "CROSS JOIN LATERAL jsonb_array_elements_text(e.members::jsonb) AS j (value) "
      "LEFT JOIN members m ON m.case_row = e.case_row AND m.position = j.value::integer "
      "LEFT JOIN removed_members r ON r.case_row = e.case_row AND r.number = j.value::integer "
      "WHERE e.happened_on BETWEEN {} AND {} AND e.before_opening = 0 AND e.members <> '[]'{} "
      "ORDER BY e.event_type, e.case_row, member, e.happened_on",
      from, to, scope_conditions(scope, params, to));
  std::vector<EventPerson> people;
  CASECTL_TRY(each_result(store, sql, params, [&](const std::vector<Value>& r) {
    people.push_back({text_of(r[0]), number_of(r[1]), static_cast<int>(number_of(r[2])), text_of(r[3]), text_of(r[4])});
  }));
  return people;
}

Result<ResponseTimes> response_times(PgStore& store, const ReportPeriod& period, const CaseScope& scope) {
  Params params;
  std::string from = day(params, period.from);
  std::string to = day(params, period.to);
  // The middle row, or the two middle rows: rows (n+1)/2 and (n+2)/2 in integer division; their
  // mean is taken in C++ from the two whole numbers of days, as SQLite's avg() of them.
  std::string sql =
      fmt::format(R"SQL(
    WITH firsts (opened, deadline, assessed) AS MATERIALIZED (
      SELECT c.opened, substr(c.response_due, 1, 10),
             (SELECT min(a.assessed_on) FROM assessments a WHERE a.case_row = c.id AND a.assessed_on <= {to})
      FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN {from} AND {to}{scope}),
    ranked (days, rank_no, total) AS (
      SELECT assessed::date - opened::date, row_number() OVER (ORDER BY assessed::date - opened::date), count(*) OVER ()
      FROM firsts WHERE assessed IS NOT NULL),
    middle AS (SELECT days FROM ranked WHERE rank_no IN ((total + 1) / 2, (total + 2) / 2))
    SELECT (SELECT count(*) FROM firsts), (SELECT count(assessed) FROM firsts),
           (SELECT count(*) FROM firsts WHERE assessed <= deadline),
           (SELECT min(days) FROM middle), (SELECT max(days) FROM middle))SQL",
                  fmt::arg("from", from), fmt::arg("to", to), fmt::arg("scope", scope_conditions(scope, params, to)));
  ResponseTimes times;
  CASECTL_TRY(each_result(store, sql, params, [&](const std::vector<Value>& r) {
    times.opened = number_of(r[0]);
    times.assessed = number_of(r[1]);
    times.on_time = number_of(r[2]);
    if (r[3] && r[4]) times.median_days = (static_cast<double>(number_of(r[3])) + static_cast<double>(number_of(r[4]))) / 2.0;
  }));
  return times;
}

Result<std::vector<OutcomeCount>> count_outcomes(PgStore& store, const ReportPeriod& period, CaseDimension by,
                                                 const CaseScope& scope) {
  Params params;
  std::string from = day(params, period.from);
  std::string to = day(params, period.to);
  Grouping g = case_grouping(by, to);
  std::string sql = fmt::format("{last} SELECT ({key}) COLLATE \"C\", x.outcome, x.expectations_met, count(*) "
                                "FROM last x JOIN cases c ON c.id = x.case_row {join} "
                                "WHERE x.position = 1 AND c.consultation = 0{scope} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                                fmt::arg("last", last_closures(from, to)), fmt::arg("key", g.key), fmt::arg("join", g.join),
                                fmt::arg("scope", scope_conditions(scope, params, to)));
  std::vector<OutcomeCount> rows;
  CASECTL_TRY(each_result(store, sql, params, [&](const std::vector<Value>& r) {
    rows.push_back({text_of(r[0]), text_of(r[1]), text_of(r[2]), number_of(r[3])});
  }));
  return rows;
}

Result<std::vector<DomainChange>> average_domain_changes(PgStore& store, const ReportPeriod& period, CaseDimension by,
                                                         const CaseScope& scope) {
  Params params;
  std::string from = day(params, period.from);
  std::string to = day(params, period.to);
  Grouping g = case_grouping(by, to);
  // Each mean as its exact sum and its count (see mean_of).
  std::string sql = fmt::format(
      "{last} SELECT ({key}) COLLATE \"C\", (d.value ->> 'domain') COLLATE \"C\", count(*), "
      "sum((d.value ->> 'baseline')::numeric), count(d.value ->> 'baseline'), "
      "sum((d.value ->> 'final')::numeric), count(d.value ->> 'final'), "
      "sum((d.value ->> 'change')::numeric), count(d.value ->> 'change') "
      "FROM last x JOIN cases c ON c.id = x.case_row {join} CROSS JOIN LATERAL jsonb_array_elements(x.domain_changes::jsonb) d "
      "WHERE x.position = 1 AND c.consultation = 0 AND d.value ->> 'change' IS NOT NULL{scope} "
      "GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST", // a domain missing from the JSON first, as in SQLite
      fmt::arg("last", last_closures(from, to)), fmt::arg("key", g.key), fmt::arg("join", g.join),
      fmt::arg("scope", scope_conditions(scope, params, to)));
  std::vector<DomainChange> rows;
  CASECTL_TRY(each_result(store, sql, params, [&](const std::vector<Value>& r) {
    rows.push_back(
        {text_of(r[0]), text_of(r[1]), number_of(r[2]), mean_of(r[3], r[4]), mean_of(r[5], r[6]), mean_of(r[7], r[8])});
  }));
  return rows;
}

Result<std::vector<OverdueCounts>> count_overdue(PgStore& store, const std::string& today, const std::string& now,
                                                 CaseDimension by, const CaseScope& scope) {
  std::vector<OverdueCounts> rows;
  auto count_into = [&](const std::string& sql, const Params& params, long long OverdueCounts::*field) {
    return each_result(store, sql, params, [&](const std::vector<Value>& r) {
      std::string key = text_of(r[0]);
      auto row = std::find_if(rows.begin(), rows.end(), [&](const OverdueCounts& o) { return o.key == key; });
      if (row == rows.end()) row = rows.insert(rows.end(), OverdueCounts{key});
      (*row).*field += number_of(r[1]);
    });
  };
  // What is late today, by the values now.
  Grouping tasks = task_grouping(by, "");
  const std::string approved_tasks = "FROM plans p JOIN cases c ON c.id = p.case_row JOIN plan_tasks t ON t.plan_id = p.id";
  {
    Params params;
    std::string before = day(params, today);
    CASECTL_TRY(count_into(
        fmt::format("SELECT {}, count(*) {} {} WHERE p.status = 'approved' AND {} "
                    "AND t.status IN ('open', 'in-progress') AND t.frequency_count IS NULL AND t.due_on < {}{} "
                    "GROUP BY 1",
                    tasks.key, approved_tasks, tasks.join, k_open_case, before, scope_conditions(scope, params, "", true)),
        params, &OverdueCounts::tasks));
  }
  {
    // A whole period has passed since the plan began when it began on or before today minus the
    // period's days (SQLite: date(began, '+N days') <= today); delivered counts what came after
    // that day, up to today.
    Params params;
    std::string since = fmt::format("(CASE t.frequency_period WHEN 'week' THEN {} WHEN 'month' THEN {} ELSE {} END)",
                                    day(params, days_before(today, service_period_days("week"))),
                                    day(params, days_before(today, service_period_days("month"))),
                                    day(params, days_before(today, service_period_days("day"))));
    std::string until = day(params, today);
    CASECTL_TRY(count_into(fmt::format("SELECT {key}, count(*) {from} {join} WHERE p.status = 'approved' AND {open} "
                                       "AND t.frequency_count IS NOT NULL AND t.status IN ('open', 'in-progress') "
                                       "AND coalesce(p.meeting_on, p.start_on) <= {since} "
                                       "AND (SELECT coalesce(sum(s.count), 0) FROM service_deliveries s WHERE s.case_row = c.id "
                                       "AND s.task = t.number AND s.delivered_on > {since} AND s.delivered_on <= {until}) "
                                       "< t.frequency_count{scope} GROUP BY 1",
                                       fmt::arg("key", tasks.key), fmt::arg("from", approved_tasks), fmt::arg("join", tasks.join),
                                       fmt::arg("open", k_open_case), fmt::arg("since", since), fmt::arg("until", until),
                                       fmt::arg("scope", scope_conditions(scope, params, "", true))),
                           params, &OverdueCounts::services));
  }
  if (scope.agency.empty()) {
    Grouping cases = by == CaseDimension::agency ? Grouping{"''", ""} : case_grouping(by, "");
    Params params;
    std::string before = day(params, today);
    CASECTL_TRY(count_into(fmt::format("SELECT {}, count(*) FROM cases c {} WHERE {} AND c.next_review_on < {}{} GROUP BY 1",
                                       cases.key, cases.join, k_open_case, before, scope_conditions(scope, params, "")),
                           params, &OverdueCounts::reviews));
    Params late;
    std::string moment = day(late, now);
    CASECTL_TRY(count_into(fmt::format("SELECT {}, count(*) FROM cases c {} WHERE c.status = 'intake' AND c.response_due < {}{} "
                                       "GROUP BY 1",
                                       cases.key, cases.join, moment, scope_conditions(scope, late, "")),
                           late, &OverdueCounts::responses));
  }
  std::sort(rows.begin(), rows.end(), [](const OverdueCounts& a, const OverdueCounts& b) { return a.key < b.key; });
  return rows;
}

Result<std::vector<ServiceCounts>> count_services(PgStore& store, const ReportPeriod& period, const std::string& today,
                                                  CaseDimension by, const CaseScope& scope) {
  Params params;
  std::string with = fmt::format("WITH p (start, fin, today) AS (VALUES ({}, {}, {}))", day(params, period.from),
                                 day(params, period.to), day(params, today));
  Grouping g = task_grouping(by, "p.fin");
  // Due per task: count × days open ÷ the period's days, rounded half away from zero (numeric's
  // round, as SQLite's round() of the quotient).
  std::string sql =
      fmt::format(R"SQL(
    {with},
    services AS MATERIALIZED (
      SELECT {key} AS key, c.id AS case_row, t.number AS task, t.frequency_count AS per, {days} AS days,
        greatest(p.start, coalesce(pl.meeting_on, pl.start_on)) AS first_day,
        least(p.fin, p.today,
              coalesce((SELECT min(u.updated_on) FROM task_updates u WHERE u.case_row = c.id AND u.revision = pl.revision
                        AND u.task = t.number AND u.status IN ('done', 'cancelled')), p.fin)) AS last_day
      FROM p CROSS JOIN plans pl JOIN cases c ON c.id = pl.case_row JOIN plan_tasks t ON t.plan_id = pl.id {join}
      WHERE pl.status = 'approved' AND t.frequency_count IS NOT NULL{scope}),
    open_days AS MATERIALIZED (
      SELECT sv.*, (SELECT coalesce(sum(least(sv.last_day, coalesce(w.closed_on, sv.last_day))::date
                                        - greatest(sv.first_day, w.opened_on)::date + 1), 0)
                    FROM case_periods w WHERE w.case_row = sv.case_row AND w.opened_on <= sv.last_day
                      AND (w.closed_on IS NULL OR w.closed_on >= sv.first_day)) AS days_open
      FROM services sv WHERE sv.last_day >= sv.first_day)
    SELECT s.key COLLATE "C", count(*), count(DISTINCT s.case_row),
      sum(round(s.per::numeric * s.days_open / s.days)::bigint),
      sum((SELECT coalesce(sum(d.count), 0) FROM service_deliveries d, p
           WHERE d.case_row = s.case_row AND d.task = s.task AND d.delivered_on BETWEEN p.start AND p.fin))
    FROM open_days s WHERE s.days_open > 0
    GROUP BY 1 ORDER BY 1)SQL",
                  fmt::arg("with", with), fmt::arg("key", g.key), fmt::arg("join", g.join), fmt::arg("days", k_service_days),
                  fmt::arg("scope", scope_conditions(scope, params, "p.fin", true)));
  std::vector<ServiceCounts> rows;
  CASECTL_TRY(each_result(store, sql, params, [&](const std::vector<Value>& r) {
    rows.push_back({text_of(r[0]), number_of(r[1]), number_of(r[2]), number_of(r[3]), number_of(r[4])});
  }));
  return rows;
}

} // namespace casectl::store::postgres
