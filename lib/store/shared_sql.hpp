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
           t.frequency_count, t.frequency_period, t.status
    FROM plans p
    JOIN cases c ON c.id = p.case_row
    JOIN plan_tasks t ON t.plan_id = p.id
    LEFT JOIN plan_goals g ON g.plan_id = p.id AND g.number = t.goal
    WHERE p.status = 'approved' AND c.status <> 'closed'
      AND p.revision = (SELECT max(revision) FROM plans q WHERE q.case_row = p.case_row AND q.status = 'approved'){}
    ORDER BY t.due_on IS NULL, t.due_on, c.case_id, t.number)SQL";

} // namespace casectl::store
