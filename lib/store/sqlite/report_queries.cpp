#include "store/sqlite/report_queries.hpp"

#include "store/report_sql.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <algorithm>

namespace casectl::store::sqlite {

namespace {

// Each case's agencies beside it: those of its approved plan (one per case: approving a revision
// supersedes the one before), each once. (A DISTINCT over every plan's tasks, joined, held 1.6
// million pairs at a million cases whatever the period.)
const char* const k_agency_join = "LEFT JOIN plans ap ON ap.case_row = c.id AND ap.status = 'approved' "
                                  "LEFT JOIN json_each((SELECT json_group_array(DISTINCT at.agency) FROM plan_tasks at "
                                  "WHERE at.plan_id = ap.id AND at.agency <> '')) ag";

// `day` as an SQL literal: reports name days they were given as text (YYYY-MM-DD, checked).
std::string day_literal(const std::string& day) {
  std::string quoted = "'";
  for (char ch : day) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return quoted + "'";
}

using report_sql::Grouping;
using report_sql::k_accompanied;
using report_sql::k_full;
using report_sql::k_open_at_end;
using report_sql::k_open_case;
using report_sql::k_spell_in_force;
using report_sql::k_still_open;

Grouping case_grouping(CaseDimension by, const std::string& on) { return report_sql::case_grouping(by, on, k_agency_join); }
Grouping task_grouping(CaseDimension by, const std::string& on) { return report_sql::task_grouping(by, on, k_agency_join); }

// The conditions of `scope` (store/report_sql.hpp), their values appended to `binds` in order.
// SQLite builds the lists of a scope's group and agency (now) once per statement and probes them.
std::string scope_conditions(const CaseScope& scope, std::vector<std::string>& binds, const std::string& on,
                             bool on_tasks = false) {
  return report_sql::scope_conditions(scope, on, on_tasks, [&](const std::string& value) {
    binds.push_back(value);
    return std::string("?");
  });
}

// Runs `sql` with `binds` (all text, in the order of their '?'), handing each row to `take`.
template <typename Take>
void each_row(SqliteStore& store, const std::string& sql, const std::vector<std::string>& binds, Take take) {
  SQLite::Statement query(store.db(), sql);
  for (std::size_t i = 0; i < binds.size(); ++i) query.bind(static_cast<int>(i + 1), binds[i]);
  while (query.executeStep()) take(query);
}

// The people of a case: its household members; one when none are recorded.
const char* const k_people = "max(1, (SELECT count(*) FROM members m WHERE m.case_row = c.id))";

// The last closure of each case in the period ?1..?2 (binds: from, to): `last` (case_row,
// outcome, expectations_met, domain_changes) with position 1 for the last.
const char* const k_last_closures = R"SQL(
    WITH last AS (
      SELECT x.case_row, x.outcome, x.expectations_met, x.domain_changes,
             row_number() OVER (PARTITION BY x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM closures x WHERE x.closed_on BETWEEN ? AND ?))SQL";

// A recurring service's length of period in days.
const char* const k_service_days = "(CASE t.frequency_period WHEN 'week' THEN 7 WHEN 'month' THEN 30 ELSE 1 END)";

} // namespace

namespace {

// The first statement of count_cases: per group value, the columns open_at_end, in_intake,
// in_assessment, active, opened, families, people, consultations, people_consulted.
//
// In one pass over the cases' spells (the outer loop: CROSS JOIN keeps the order; one spell in
// force per case and period) with each period beside each; a CASE looks up the members only of
// the cases that satisfy its condition. As fast as it gets for one or two periods. The spells
// come first (CROSS JOIN): left free, SQLite walks the cases by a district or manager index to
// group them and looks up each one's spells out of order, twice as slow.
std::string single_pass_sql(const std::string& values, const Grouping& g, const CaseScope& scope,
                            std::vector<std::string>& binds) {
  std::string scoped = scope_conditions(scope, binds, "p.fin");
  return fmt::format(R"SQL(
    WITH p (key, start, fin) AS (VALUES {values})
    SELECT {key} AS grouped,
      sum({open_at_end}),
      sum({full} AND {still_open} AND c.status = 'intake'),
      sum({full} AND {still_open} AND c.status = 'assessment'),
      sum({full} AND {still_open} AND c.status = 'active'),
      sum({full} AND c.opened >= p.start),
      sum({accompanied}),
      sum(CASE WHEN {accompanied} THEN {people} ELSE 0 END),
      sum(c.consultation = 1 AND c.opened >= p.start),
      sum(CASE WHEN c.consultation = 1 AND c.opened >= p.start THEN {people} ELSE 0 END)
    FROM case_periods s CROSS JOIN cases c ON c.id = s.case_row CROSS JOIN p {join}
    WHERE {in_force} {scope}
    GROUP BY grouped ORDER BY grouped)SQL",
                     fmt::arg("values", values), fmt::arg("key", g.key), fmt::arg("join", g.join), fmt::arg("full", k_full),
                     fmt::arg("accompanied", k_accompanied), fmt::arg("people", k_people), fmt::arg("open_at_end", k_open_at_end),
                     fmt::arg("still_open", k_still_open), fmt::arg("in_force", k_spell_in_force), fmt::arg("scope", scoped));
}

// The same columns per period, for many periods (--by month): the full cases' spells of work are
// counted once by the day they started (and the case's status while still open) and once by the
// day they ended, and each period takes running sums of those (a few thousand rows), instead of
// every case beside every period. A case is open at a period's end when a spell started by then
// and did not end by then (at most one does); under accompaniment when a spell started by the end
// and did not end before the start, counted once: a case with k spells in the period was closed and
// reopened k-1 times within it (`returns`: the reopened spells, few). Opened and consultations:
// by cases.opened, the first opening.
std::string running_counts_sql(const std::string& values, const CaseScope& scope, std::vector<std::string>& binds) {
  // Filters by the values at the end of the last period (the report's end).
  const std::string end = "(SELECT max(fin) FROM p)";
  std::string scoped_opened = scope_conditions(scope, binds, end);
  std::string scoped_started = scope_conditions(scope, binds, end);
  std::string scoped_ended = scope_conditions(scope, binds, end);
  std::string scoped_returns = scope_conditions(scope, binds, end);
  return fmt::format(R"SQL(
    WITH p (key, start, fin) AS (VALUES {values}),
    opened (day, consultation, cases, people) AS MATERIALIZED (
      SELECT c.opened, c.consultation, count(*), sum({people})
      FROM cases c WHERE +c.opened <= (SELECT max(fin) FROM p){scope_opened} GROUP BY 1, 2),
    started (day, status, cases, people) AS MATERIALIZED (
      SELECT s.opened_on, CASE WHEN {still_open} THEN c.status END, count(*), sum({people})
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE {full} AND s.opened_on <= (SELECT max(fin) FROM p){scope_started} GROUP BY 1, 2),
    ended (day, cases, people) AS MATERIALIZED (
      SELECT s.closed_on, count(*), sum({people})
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE {full} AND s.closed_on <= (SELECT max(fin) FROM p){scope_ended} GROUP BY 1),
    returns (closed_on, reopened_on, people) AS MATERIALIZED (
      SELECT s.closed_on, s.reopened_on, {people}
      FROM case_periods s JOIN cases c ON c.id = s.case_row
      WHERE s.reopened_on IS NOT NULL AND {full}{scope_returns})
    {running_sums})SQL",
                     fmt::arg("values", values), fmt::arg("full", k_full), fmt::arg("people", k_people),
                     fmt::arg("still_open", k_still_open), fmt::arg("scope_opened", scoped_opened),
                     fmt::arg("scope_started", scoped_started), fmt::arg("scope_ended", scoped_ended),
                     fmt::arg("scope_returns", scoped_returns), fmt::arg("running_sums", report_sql::k_running_sums));
}

} // namespace

Result<std::vector<CaseCounts>> count_cases(SqliteStore& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const CaseScope& scope) {
  std::vector<CaseCounts> rows;
  if (periods.empty()) return rows;
  std::vector<std::string> period_binds;
  std::string values;
  for (const ReportPeriod& p : periods) {
    values += values.empty() ? "(?, ?, ?)" : ", (?, ?, ?)";
    period_binds.insert(period_binds.end(), {p.key, p.from, p.to});
  }
  Grouping g = case_grouping(by, "p.fin");
  auto row_of = [&](const std::string& key) -> CaseCounts& {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const CaseCounts& r) { return r.key == key; });
    return row == rows.end() ? rows.emplace_back(CaseCounts{key}) : *row;
  };
  std::vector<std::string> binds = period_binds;
  std::string sql = by == CaseDimension::period && periods.size() > 2 ? running_counts_sql(values, scope, binds)
                                                                      : single_pass_sql(values, g, scope, binds);
  each_row(store, sql, binds, [&](SQLite::Statement& query) {
    CaseCounts& r = row_of(query.getColumn(0).getString());
    long long* fields[] = {&r.open_at_end, &r.in_intake, &r.in_assessment, &r.active,          &r.opened,
                           &r.families,    &r.people,    &r.consultations, &r.people_consulted};
    int column = 1;
    for (long long* f : fields) *f = query.getColumn(column++).getInt64();
  });
  // Closures, from the closures of each period (few beside the cases): each case once, by its last
  // closure in the period. The closures come first (CROSS JOIN): grouping by district, SQLite
  // otherwise walked the cases by the district index and read every closure for each case.
  binds = period_binds;
  std::string scoped = scope_conditions(scope, binds, "p.fin");
  sql = fmt::format(R"SQL(
    WITH p (key, start, fin) AS (VALUES {values}),
    last AS (
      SELECT p.key AS period, x.case_row, x.outcome,
             row_number() OVER (PARTITION BY p.key, x.case_row ORDER BY x.closed_on DESC, x.id DESC) AS position
      FROM p JOIN closures x ON x.closed_on BETWEEN p.start AND p.fin)
    SELECT {key} AS grouped, count(*), sum(x.outcome = 'goals-achieved')
    FROM last x JOIN p ON p.key = x.period CROSS JOIN cases c ON c.id = x.case_row {join}
    WHERE x.position = 1 AND {full} {scope}
    GROUP BY grouped ORDER BY grouped)SQL",
                    fmt::arg("values", values), fmt::arg("key", g.key), fmt::arg("join", g.join), fmt::arg("full", k_full),
                    fmt::arg("scope", scoped));
  each_row(store, sql, binds, [&](SQLite::Statement& query) {
    CaseCounts& r = row_of(query.getColumn(0).getString());
    r.closed = query.getColumn(1).getInt64();
    r.goals_achieved = query.getColumn(2).getInt64();
  });
  std::sort(rows.begin(), rows.end(), [](const CaseCounts& a, const CaseCounts& b) { return a.key < b.key; });
  return rows;
}

Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(SqliteStore& store, const ReportPeriod& period,
                                                                                 const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to};
  std::string sql = fmt::format("SELECT c.source, count(*) FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN ? AND ?{} "
                                "GROUP BY c.source ORDER BY c.source",
                                scope_conditions(scope, binds, day_literal(period.to)));
  std::vector<std::pair<std::string, long long>> counts;
  each_row(store, sql, binds,
           [&](SQLite::Statement& q) { counts.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64()); });
  return counts;
}

Result<std::vector<std::pair<std::string, long long>>> count_events(SqliteStore& store, const ReportPeriod& period,
                                                                    const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to};
  std::string sql =
      fmt::format("SELECT e.event_type, count(*) FROM events e JOIN cases c ON c.id = e.case_row "
                  "WHERE e.happened_on BETWEEN ? AND ? AND e.before_opening = 0{} GROUP BY e.event_type ORDER BY e.event_type",
                  scope_conditions(scope, binds, day_literal(period.to)));
  std::vector<std::pair<std::string, long long>> counts;
  each_row(store, sql, binds,
           [&](SQLite::Statement& q) { counts.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getInt64()); });
  return counts;
}

Result<std::vector<EventPerson>> event_people(SqliteStore& store, const ReportPeriod& period, const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to};
  // A member removed from the household since keeps its number and birth date in removed_members.
  std::string sql = fmt::format(
      "SELECT e.event_type, e.case_row, CAST(j.value AS INTEGER), e.happened_on, coalesce(m.birth_date, r.birth_date, '') "
      "FROM events e JOIN cases c ON c.id = e.case_row JOIN json_each(e.members) j "
      "LEFT JOIN members m ON m.case_row = e.case_row AND m.position = j.value "
      "LEFT JOIN removed_members r ON r.case_row = e.case_row AND r.number = j.value "
      "WHERE e.happened_on BETWEEN ? AND ? AND e.before_opening = 0 AND e.members <> '[]'{} "
      "ORDER BY e.event_type, e.case_row, 3, e.happened_on",
      scope_conditions(scope, binds, day_literal(period.to)));
  std::vector<EventPerson> people;
  each_row(store, sql, binds, [&](SQLite::Statement& q) {
    people.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt(), q.getColumn(3).getString(),
                      q.getColumn(4).getString()});
  });
  return people;
}

Result<ResponseTimes> response_times(SqliteStore& store, const ReportPeriod& period, const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to};
  // The middle row, or the mean of the two middle rows: rows (n+1)/2 and (n+2)/2 in integer division.
  std::string sql = fmt::format(R"SQL(
    WITH firsts (opened, deadline, assessed) AS MATERIALIZED (
      SELECT c.opened, substr(c.response_due, 1, 10),
             (SELECT min(a.assessed_on) FROM assessments a WHERE a.case_row = c.id AND a.assessed_on <= {end})
      FROM cases c WHERE c.consultation = 0 AND c.opened BETWEEN ? AND ?{scope}),
    ranked (days, position, total) AS (
      SELECT julianday(assessed) - julianday(opened), row_number() OVER (ORDER BY julianday(assessed) - julianday(opened)),
             count(*) OVER ()
      FROM firsts WHERE assessed IS NOT NULL)
    SELECT (SELECT count(*) FROM firsts), (SELECT count(assessed) FROM firsts),
           (SELECT count(*) FROM firsts WHERE assessed <= deadline),
           (SELECT avg(days) FROM ranked WHERE position IN ((total + 1) / 2, (total + 2) / 2)))SQL",
                                fmt::arg("end", day_literal(period.to)),
                                fmt::arg("scope", scope_conditions(scope, binds, day_literal(period.to))));
  ResponseTimes times;
  each_row(store, sql, binds, [&](SQLite::Statement& q) {
    times.opened = q.getColumn(0).getInt64();
    times.assessed = q.getColumn(1).getInt64();
    times.on_time = q.getColumn(2).getInt64();
    if (!q.getColumn(3).isNull()) times.median_days = q.getColumn(3).getDouble();
  });
  return times;
}

Result<std::vector<OutcomeCount>> count_outcomes(SqliteStore& store, const ReportPeriod& period, CaseDimension by,
                                                 const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to};
  Grouping g = case_grouping(by, day_literal(period.to));
  std::string sql = fmt::format(
      "{last} SELECT {key}, x.outcome, x.expectations_met, count(*) FROM last x JOIN cases c ON c.id = x.case_row {join} "
      "WHERE x.position = 1 AND c.consultation = 0{scope} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
      fmt::arg("last", k_last_closures), fmt::arg("key", g.key), fmt::arg("join", g.join),
      fmt::arg("scope", scope_conditions(scope, binds, day_literal(period.to))));
  std::vector<OutcomeCount> rows;
  each_row(store, sql, binds, [&](SQLite::Statement& q) {
    rows.push_back(
        {q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getInt64()});
  });
  return rows;
}

Result<std::vector<DomainChange>> average_domain_changes(SqliteStore& store, const ReportPeriod& period, CaseDimension by,
                                                         const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to};
  Grouping g = case_grouping(by, day_literal(period.to));
  std::string sql =
      fmt::format("{last} SELECT {key}, json_extract(d.value, '$.domain'), count(*), avg(json_extract(d.value, '$.baseline')), "
                  "avg(json_extract(d.value, '$.final')), avg(json_extract(d.value, '$.change')) "
                  "FROM last x JOIN cases c ON c.id = x.case_row {join} JOIN json_each(x.domain_changes) d "
                  "WHERE x.position = 1 AND c.consultation = 0 AND json_extract(d.value, '$.change') IS NOT NULL{scope} "
                  "GROUP BY 1, 2 ORDER BY 1, 2",
                  fmt::arg("last", k_last_closures), fmt::arg("key", g.key), fmt::arg("join", g.join),
                  fmt::arg("scope", scope_conditions(scope, binds, day_literal(period.to))));
  std::vector<DomainChange> rows;
  each_row(store, sql, binds, [&](SQLite::Statement& q) {
    rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), q.getColumn(3).getDouble(),
                    q.getColumn(4).getDouble(), q.getColumn(5).getDouble()});
  });
  return rows;
}

Result<std::vector<OverdueCounts>> count_overdue(SqliteStore& store, const std::string& today, const std::string& now,
                                                 CaseDimension by, const CaseScope& scope) {
  std::vector<OverdueCounts> rows;
  auto count_into = [&](const std::string& sql, const std::vector<std::string>& binds, long long OverdueCounts::*field) {
    each_row(store, sql, binds, [&](SQLite::Statement& q) {
      std::string key = q.getColumn(0).getString();
      auto row = std::find_if(rows.begin(), rows.end(), [&](const OverdueCounts& r) { return r.key == key; });
      if (row == rows.end()) row = rows.insert(rows.end(), OverdueCounts{key});
      (*row).*field += q.getColumn(1).getInt64();
    });
  };
  // What is late today, by the values now.
  Grouping tasks = task_grouping(by, "");
  const std::string approved_tasks = "FROM plans p JOIN cases c ON c.id = p.case_row JOIN plan_tasks t ON t.plan_id = p.id";
  {
    std::vector<std::string> binds = {today};
    count_into(fmt::format("SELECT {}, count(*) {} {} WHERE p.status = 'approved' AND {} AND t.status IN ('open', 'in-progress') "
                           "AND t.frequency_count IS NULL AND +t.due_on < ?{} GROUP BY 1",
                           tasks.key, approved_tasks, tasks.join, k_open_case, scope_conditions(scope, binds, "", true)),
               binds, &OverdueCounts::tasks);
  }
  {
    std::vector<std::string> binds = {today, today, today};
    count_into(
        fmt::format("SELECT {key}, count(*) {from} {join} WHERE p.status = 'approved' AND {open} "
                    "AND t.frequency_count IS NOT NULL AND t.status IN ('open', 'in-progress') "
                    "AND date(coalesce(p.meeting_on, p.start_on), '+' || {days} || ' days') <= ? "
                    "AND (SELECT coalesce(sum(s.count), 0) FROM service_deliveries s WHERE s.case_row = c.id "
                    "AND s.task = t.number AND s.delivered_on > date(?, '-' || {days} || ' days') AND s.delivered_on <= ?) "
                    "< t.frequency_count{scope} GROUP BY 1",
                    fmt::arg("key", tasks.key), fmt::arg("from", approved_tasks), fmt::arg("join", tasks.join),
                    fmt::arg("open", k_open_case), fmt::arg("days", k_service_days),
                    fmt::arg("scope", scope_conditions(scope, binds, "", true))),
        binds, &OverdueCounts::services);
  }
  if (scope.agency.empty()) {
    Grouping cases = by == CaseDimension::agency ? Grouping{"''", ""} : case_grouping(by, "");
    std::vector<std::string> binds = {today};
    count_into(fmt::format("SELECT {}, count(*) FROM cases c {} WHERE {} AND c.next_review_on < ?{} GROUP BY 1", cases.key,
                           cases.join, k_open_case, scope_conditions(scope, binds, "")),
               binds, &OverdueCounts::reviews);
    binds = {now};
    count_into(fmt::format("SELECT {}, count(*) FROM cases c {} WHERE c.status = 'intake' AND c.response_due < ?{} GROUP BY 1",
                           cases.key, cases.join, scope_conditions(scope, binds, "")),
               binds, &OverdueCounts::responses);
  }
  std::sort(rows.begin(), rows.end(), [](const OverdueCounts& a, const OverdueCounts& b) { return a.key < b.key; });
  return rows;
}

Result<std::vector<ServiceCounts>> count_services(SqliteStore& store, const ReportPeriod& period, const std::string& today,
                                                  CaseDimension by, const CaseScope& scope) {
  std::vector<std::string> binds = {period.from, period.to, today};
  Grouping g = task_grouping(by, "p.fin");
  std::string sql = fmt::format(R"SQL(
    WITH p (start, fin, today) AS (VALUES (?, ?, ?)),
    services AS MATERIALIZED (
      SELECT {key} AS key, c.id AS case_row, t.number AS task, t.frequency_count AS per, {days} AS days,
        max(p.start, coalesce(pl.meeting_on, pl.start_on)) AS first_day,
        min(p.fin, p.today,
            coalesce((SELECT min(u.updated_on) FROM task_updates u WHERE u.case_row = c.id AND u.revision = pl.revision
                      AND u.task = t.number AND u.status IN ('done', 'cancelled')), p.fin)) AS last_day
      FROM p, plans pl JOIN cases c ON c.id = pl.case_row JOIN plan_tasks t ON t.plan_id = pl.id {join}
      WHERE pl.status = 'approved' AND t.frequency_count IS NOT NULL{scope}),
    open_days AS MATERIALIZED (
      SELECT sv.*, (SELECT total(julianday(min(sv.last_day, coalesce(w.closed_on, sv.last_day)))
                                 - julianday(max(sv.first_day, w.opened_on)) + 1)
                    FROM case_periods w WHERE w.case_row = sv.case_row AND w.opened_on <= sv.last_day
                      AND (w.closed_on IS NULL OR w.closed_on >= sv.first_day)) AS days_open
      FROM services sv WHERE sv.last_day >= sv.first_day)
    SELECT s.key, count(*), count(DISTINCT s.case_row),
      sum(CAST(round(s.per * s.days_open / s.days) AS INTEGER)),
      sum((SELECT coalesce(sum(d.count), 0) FROM service_deliveries d, p
           WHERE d.case_row = s.case_row AND d.task = s.task AND d.delivered_on BETWEEN p.start AND p.fin))
    FROM open_days s WHERE s.days_open > 0
    GROUP BY s.key ORDER BY s.key)SQL",
                                fmt::arg("key", g.key), fmt::arg("join", g.join), fmt::arg("days", k_service_days),
                                fmt::arg("scope", scope_conditions(scope, binds, "p.fin", true)));
  std::vector<ServiceCounts> rows;
  each_row(store, sql, binds, [&](SQLite::Statement& q) {
    rows.push_back({q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64(), q.getColumn(3).getInt64(),
                    q.getColumn(4).getInt64()});
  });
  return rows;
}

} // namespace casectl::store::sqlite
