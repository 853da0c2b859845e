#include "store/report_queries.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl::store {

namespace {

// The column a dimension groups by, and the join it needs. A case without a manager or a group
// falls under "".
struct Grouping {
  const char* key;
  const char* join;
};

Grouping grouping_of(CaseDimension by) {
  switch (by) {
  case CaseDimension::none: return {"''", ""};
  case CaseDimension::district: return {"c.district", ""};
  case CaseDimension::manager: return {"coalesce(c.case_manager, '')", ""};
  case CaseDimension::urgency: return {"c.urgency", ""};
  case CaseDimension::group: return {"coalesce(g.grp, '')", "LEFT JOIN case_groups g ON g.case_row = c.id"};
  case CaseDimension::source: return {"c.source", ""};
  case CaseDimension::period: return {"p.key", ""};
  }
  return {"''", ""};
}

// The conditions of the definitions at the top of report_queries.hpp, on case `c` and period `p`.
// Every case the query sees was opened on or before p.fin (the join condition).
const char* const k_full = "c.consultation = 0";
const char* const k_accompanied = "c.consultation = 0 AND (c.closed IS NULL OR c.closed >= p.start)";
const char* const k_people = "max(1, (SELECT count(*) FROM members m WHERE m.case_row = c.id))";
const char* const k_last_outcome =
    "(SELECT x.outcome FROM closures x WHERE x.case_row = c.id AND x.closed_on BETWEEN p.start AND p.fin "
    "ORDER BY x.closed_on DESC, x.id DESC LIMIT 1)";

} // namespace

Result<std::vector<CaseCounts>> count_cases(Store& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const std::string& district) {
  std::vector<CaseCounts> rows;
  if (periods.empty()) return rows;
  std::string values;
  for (std::size_t i = 0; i < periods.size(); ++i) values += i ? ", (?, ?, ?)" : "(?, ?, ?)";
  Grouping g = grouping_of(by);
  // A CASE evaluates its subqueries only for the cases that satisfy its condition.
  std::string sql = fmt::format(R"SQL(
    WITH p (key, start, fin) AS (VALUES {values})
    SELECT {key} AS grouped,
      sum({full} AND (c.closed IS NULL OR c.closed > p.fin)),
      sum({full} AND c.opened >= p.start),
      sum(CASE WHEN {full} THEN {outcome} IS NOT NULL ELSE 0 END),
      sum(CASE WHEN {full} THEN coalesce({outcome} = 'goals-achieved', 0) ELSE 0 END),
      sum({accompanied}),
      sum(CASE WHEN {accompanied} THEN {people} ELSE 0 END),
      sum(c.consultation = 1 AND c.opened >= p.start),
      sum(CASE WHEN c.consultation = 1 AND c.opened >= p.start THEN {people} ELSE 0 END)
    FROM p JOIN cases c ON c.opened <= p.fin {join}
    WHERE (?{district} = '' OR c.district = ?{district})
    GROUP BY grouped ORDER BY grouped)SQL",
                                fmt::arg("values", values), fmt::arg("key", g.key), fmt::arg("join", g.join),
                                fmt::arg("full", k_full), fmt::arg("accompanied", k_accompanied),
                                fmt::arg("people", k_people), fmt::arg("outcome", k_last_outcome),
                                fmt::arg("district", periods.size() * 3 + 1));
  SQLite::Statement query(store.db(), sql);
  int i = 0;
  for (const ReportPeriod& p : periods) {
    query.bind(++i, p.key);
    query.bind(++i, p.from);
    query.bind(++i, p.to);
  }
  query.bind(++i, district);
  while (query.executeStep()) {
    CaseCounts r;
    r.key = query.getColumn(0).getString();
    long long* fields[] = {&r.open_at_end, &r.opened,   &r.closed,        &r.goals_achieved,
                           &r.families,    &r.people,   &r.consultations, &r.people_consulted};
    int column = 1;
    for (long long* f : fields) *f = query.getColumn(column++).getInt64();
    rows.push_back(std::move(r));
  }
  return rows;
}

Result<std::vector<std::pair<std::string, long long>>> count_events(Store& store, const ReportPeriod& period,
                                                                    const std::string& district) {
  SQLite::Statement query(store.db(), R"SQL(
    SELECT e.event_type, count(*) FROM events e JOIN cases c ON c.id = e.case_row
    WHERE e.happened_on BETWEEN ?1 AND ?2 AND (?3 = '' OR c.district = ?3)
    GROUP BY e.event_type ORDER BY e.event_type)SQL");
  query.bind(1, period.from);
  query.bind(2, period.to);
  query.bind(3, district);
  std::vector<std::pair<std::string, long long>> counts;
  while (query.executeStep()) counts.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64());
  return counts;
}

Result<std::optional<double>> median_days_to_first_assessment(Store& store, const ReportPeriod& period,
                                                              const std::string& district) {
  // The middle row, or the mean of the two middle rows: rows (n+1)/2 and (n+2)/2 in integer division.
  SQLite::Statement query(store.db(), R"SQL(
    WITH waits (days) AS (
      SELECT julianday(min(a.assessed_on)) - julianday(c.opened)
      FROM cases c JOIN assessments a ON a.case_row = c.id
      WHERE c.consultation = 0 AND c.opened BETWEEN ?1 AND ?2 AND (?3 = '' OR c.district = ?3)
      GROUP BY c.id),
    ranked (days, position, total) AS (
      SELECT days, row_number() OVER (ORDER BY days), count(*) OVER () FROM waits)
    SELECT avg(days) FROM ranked WHERE position IN ((total + 1) / 2, (total + 2) / 2))SQL");
  query.bind(1, period.from);
  query.bind(2, period.to);
  query.bind(3, district);
  std::optional<double> median;
  if (query.executeStep() && !query.getColumn(0).isNull()) median = query.getColumn(0).getDouble();
  return median;
}

} // namespace casectl::store
