// SQL that both engines run word for word (the schema is the same in both, text columns compare
// byte by byte in both), kept once so that the engines cannot drift apart.
#pragma once

namespace casectl::store {

// CaseStore::each_agency_task: every task of every open case's latest approved plan, by due date
// (undated last), then case id and task number. A fmt format string: `{}` takes the filter's
// conditions (" AND ..."), written with the engine's own placeholders.
inline constexpr const char* k_agency_tasks_sql = R"SQL(
    SELECT c.case_id, c.name, c.district, coalesce(c.case_manager, ''), p.revision, g.description,
           t.number, t.goal, t.what, t.priority, t.agency, t.worker, t.family_member, t.due_on, t.offset_days,
           t.frequency_count, t.frequency_period, t.status, t.continuous
    FROM plans p
    JOIN cases c ON c.id = p.case_row
    JOIN plan_tasks t ON t.plan_id = p.id
    LEFT JOIN plan_goals g ON g.plan_id = p.id AND g.number = t.goal
    WHERE p.status = 'approved' AND c.status <> 'closed'
      AND p.revision = (SELECT max(revision) FROM plans q WHERE q.case_row = p.case_row AND q.status = 'approved'){}
    ORDER BY t.due_on IS NULL, t.due_on, c.case_id, t.number)SQL";

// CaseStore::due_items' agencies not yet informed (store/due_rules.hpp, mark_agency_to_inform):
// each agency with a task in the latest approved plan of an open case, when the plan is followed
// (agencies_tracked: approved since schema 19) and no notice of that revision names the agency,
// with the plan's first day (its meeting, else its start). A fmt format string: {0} the cutoff
// (the last first day that can be due), {1} the filters' conditions (" AND ...").
inline constexpr const char* k_agencies_to_inform_sql = R"SQL(
    SELECT DISTINCT c.case_id, c.name, c.district, coalesce(c.case_manager, ''), t.agency, coalesce(p.meeting_on, p.start_on)
    FROM plans p
    JOIN cases c ON c.id = p.case_row
    JOIN plan_tasks t ON t.plan_id = p.id
    WHERE p.status = 'approved' AND p.agencies_tracked = 1 AND c.status NOT IN ('closed', 'consultation')
      AND p.revision = (SELECT max(revision) FROM plans q WHERE q.case_row = p.case_row AND q.status = 'approved')
      AND t.agency <> '' AND coalesce(p.meeting_on, p.start_on) <= {0}
      AND NOT EXISTS (SELECT 1 FROM agency_notices n
                      WHERE n.case_row = p.case_row AND n.revision = p.revision AND n.agency = t.agency){1}
    ORDER BY c.case_id, t.agency)SQL";

// `casectl check`'s case-status: the cases whose status disagrees with their latest spell of work
// (case_periods): closed while the spell is open or closed on another day than cases.closed, not
// closed while the spell is closed, or without any spell. The first by case id, with how many
// there are: case_id, status, closed, the spell, its closed_on, the count.
inline constexpr const char* k_case_status_sql = R"SQL(
    SELECT c.case_id, c.status, c.closed, s.spell, s.closed_on, count(*) OVER ()
    FROM cases c
    LEFT JOIN case_periods s
      ON s.case_row = c.id AND s.spell = (SELECT max(p.spell) FROM case_periods p WHERE p.case_row = c.id)
    WHERE s.case_row IS NULL
       OR (c.status = 'closed' AND (s.closed_on IS NULL OR s.closed_on <> coalesce(c.closed, s.closed_on)))
       OR (c.status <> 'closed' AND s.closed_on IS NOT NULL)
    ORDER BY c.case_id
    LIMIT 1)SQL";

} // namespace casectl::store
