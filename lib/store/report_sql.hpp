// The pieces of the report queries (CaseStore's report methods, store/case_store.hpp) that both
// engines write word for word: which value of a case was in force on a day, what a dimension
// groups by, the conditions of a scope and of the report definitions. Kept once so that the
// engines cannot drift apart; each engine builds its statements from them
// (lib/store/*/report_queries.cpp). SQL expressions name the case `c`, its spell of work `s`, the
// period `p` (start, fin) and a plan's task `t`.
#pragma once

#include "model/report.hpp"

#include <functional>
#include <string>

namespace casectl::store::report_sql {

// The column a dimension groups by, and the join it needs. A case without a manager, a group or
// an agency falls under "".
struct Grouping {
  std::string key;
  std::string join;
};

// The value of case `c`'s district, case manager ('' for none) or urgency in force on the day
// `on` (an SQL expression; "" = now): the earliest value kept in case_history that lasted past
// that day, else the value now. Only a case changed after that day (cases.changed_on) looks it up.
std::string district_on(const std::string& on);
std::string manager_on(const std::string& on);
std::string urgency_on(const std::string& on);
// The condition that target group membership `g` (case_group_spans) held on the day `on`.
std::string group_held(const char* g, const std::string& on);

// For queries over cases `c` (and periods `p`), by the values in force on the day `on` ("" =
// now). `agency_join` is the engine's join that puts each agency of the case's approved plan
// beside it as `ag.value`.
Grouping case_grouping(CaseDimension by, const std::string& on, const char* agency_join);
// For queries over the tasks `t` of cases `c`: by agency, the task's own; by service, the task.
Grouping task_grouping(CaseDimension by, const std::string& on, const char* agency_join);

// The conditions of `scope` on case `c` (" AND ..."); district, manager and urgency as they were
// on the day `on` ("" = now). `on_tasks`: the agency narrows the tasks `t` instead of the cases.
// Each value given goes through `placeholder`, in order, which returns what stands for it in the
// statement (the engine's "?" or "$3", having kept the value).
std::string scope_conditions(const CaseScope& scope, const std::string& on, bool on_tasks,
                             const std::function<std::string(const std::string&)>& placeholder);

// The definitions in store/case_store.hpp, on case `c`, its spell of work `s` in force at the
// end of period `p` (k_spell_in_force) and `p`.
inline constexpr const char* k_full = "c.consultation = 0";
inline constexpr const char* k_accompanied = "c.consultation = 0 AND (s.closed_on IS NULL OR s.closed_on >= p.start)";
inline constexpr const char* k_open_at_end = "c.consultation = 0 AND (s.closed_on IS NULL OR s.closed_on > p.fin)";
// Of a case's spells (case_periods), the latest that started by p.fin: one per case opened by
// then. The case was open at p.fin when that spell was, and under accompaniment in p when it
// reached p.start (spells follow one another: if an earlier one reached p, this one started in p).
inline constexpr const char* k_spell_in_force = "s.opened_on <= p.fin AND (s.reopened_on IS NULL OR s.reopened_on > p.fin)";
// A case counts under its status now only while the spell is still open (a case closed since, or
// closed and reopened since, under none): later work moves no case between past figures.
inline constexpr const char* k_still_open = "s.closed_on IS NULL";
// Open cases.
inline constexpr const char* k_open_case = "c.status NOT IN ('closed', 'consultation')";

// count_cases over many periods: the statement's last part, after the CTEs each engine builds
// over the periods `p` (key, start, fin) and the full cases' spells of work: `opened` (day,
// consultation, cases, people: the first openings), `started` (day, status while the spell is
// still open, cases, people), `ended` (day, cases, people) and `returns` (closed_on, reopened_on,
// people: the spells reopened). Each period takes running sums of those; one row per period, by
// its key, with the columns open_at_end, in_intake, in_assessment, active, opened, families,
// people, consultations, people_consulted (the rows' order is the caller's to make byte-wise).
inline constexpr const char* k_running_sums = R"SQL(
    SELECT p.key,
      (SELECT coalesce(sum(cases), 0) FROM started WHERE day <= p.fin)
        - (SELECT coalesce(sum(cases), 0) FROM ended WHERE day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE status = 'intake' AND day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE status = 'assessment' AND day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE status = 'active' AND day <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM opened WHERE consultation = 0 AND day BETWEEN p.start AND p.fin),
      (SELECT coalesce(sum(cases), 0) FROM started WHERE day <= p.fin)
        - (SELECT coalesce(sum(cases), 0) FROM ended WHERE day < p.start)
        - (SELECT count(*) FROM returns WHERE closed_on >= p.start AND reopened_on <= p.fin),
      (SELECT coalesce(sum(people), 0) FROM started WHERE day <= p.fin)
        - (SELECT coalesce(sum(people), 0) FROM ended WHERE day < p.start)
        - (SELECT coalesce(sum(people), 0) FROM returns WHERE closed_on >= p.start AND reopened_on <= p.fin),
      (SELECT coalesce(sum(cases), 0) FROM opened WHERE consultation = 1 AND day BETWEEN p.start AND p.fin),
      (SELECT coalesce(sum(people), 0) FROM opened WHERE consultation = 1 AND day BETWEEN p.start AND p.fin)
    FROM p ORDER BY p.key)SQL";

} // namespace casectl::store::report_sql
