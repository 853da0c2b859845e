#include "store/report_sql.hpp"

#include <fmt/format.h>

namespace casectl::store::report_sql {

namespace {

// The value of `attribute` (`column` is its value now) in force on the day `on`.
std::string in_force(const char* attribute, const char* column, const std::string& on) {
  if (on.empty()) return column;
  return fmt::format("(CASE WHEN c.changed_on > {on} THEN coalesce((SELECT h.value FROM case_history h "
                     "WHERE h.case_row = c.id AND h.attribute = '{attribute}' AND h.until_on > {on} "
                     "ORDER BY h.until_on, h.id LIMIT 1), {column}) ELSE {column} END)",
                     fmt::arg("on", on), fmt::arg("attribute", attribute), fmt::arg("column", column));
}

} // namespace

std::string district_on(const std::string& on) { return in_force("district", "c.district", on); }
std::string manager_on(const std::string& on) { return in_force("case_manager", "coalesce(c.case_manager, '')", on); }
std::string urgency_on(const std::string& on) { return in_force("urgency", "c.urgency", on); }

std::string group_held(const char* g, const std::string& on) {
  return fmt::format("{g}.since <= {on} AND ({g}.until_on IS NULL OR {g}.until_on > {on})", fmt::arg("g", g), fmt::arg("on", on));
}

Grouping case_grouping(CaseDimension by, const std::string& on, const char* agency_join) {
  switch (by) {
  case CaseDimension::none: return {"''", ""};
  case CaseDimension::district: return {district_on(on), ""};
  case CaseDimension::manager: return {manager_on(on), ""};
  case CaseDimension::urgency: return {urgency_on(on), ""};
  case CaseDimension::group:
    if (on.empty()) return {"coalesce(g.grp, '')", "LEFT JOIN case_groups g ON g.case_row = c.id"};
    return {"coalesce(g.grp, '')", "LEFT JOIN case_group_spans g ON g.case_row = c.id AND " + group_held("g", on)};
  case CaseDimension::source: return {"c.source", ""};
  case CaseDimension::agency: return {"coalesce(ag.value, '')", agency_join};
  case CaseDimension::period: return {"p.key", ""};
  case CaseDimension::service: return {"''", ""};
  }
  return {"''", ""};
}

Grouping task_grouping(CaseDimension by, const std::string& on, const char* agency_join) {
  if (by == CaseDimension::agency) return {"t.agency", ""};
  if (by == CaseDimension::service) return {"t.what", ""};
  return case_grouping(by, on, agency_join);
}

std::string scope_conditions(const CaseScope& scope, const std::string& on, bool on_tasks,
                             const std::function<std::string(const std::string&)>& placeholder) {
  std::string sql;
  auto add = [&](const std::string& value, const std::function<std::string(const std::string&)>& condition) {
    if (!value.empty()) sql += " AND " + condition(placeholder(value));
  };
  add(scope.district, [&](const std::string& v) { return district_on(on) + " = " + v; });
  add(scope.manager, [&](const std::string& v) { return manager_on(on) + " = " + v; });
  add(scope.urgency, [&](const std::string& v) { return urgency_on(on) + " = " + v; });
  add(scope.source, [&](const std::string& v) { return "c.source = " + v; });
  // A group on a day of each period is looked up per case (by the index on case and group); now,
  // from a list the engine builds once per statement.
  add(scope.group, [&](const std::string& v) {
    return on.empty() ? "c.id IN (SELECT sg.case_row FROM case_groups sg WHERE sg.grp = " + v + ")"
                      : "EXISTS (SELECT 1 FROM case_group_spans sg WHERE sg.case_row = c.id AND sg.grp = " + v + " AND " +
                            group_held("sg", on) + ")";
  });
  add(scope.agency, [&](const std::string& v) {
    return on_tasks ? "t.agency = " + v
                    : "c.id IN (SELECT sp.case_row FROM plans sp JOIN plan_tasks st ON st.plan_id = sp.id "
                      "WHERE sp.status = 'approved' AND st.agency = " +
                          v + ")";
  });
  return sql;
}

} // namespace casectl::store::report_sql
