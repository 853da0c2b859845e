// Cases as casectl at schema version 12 left them, in SQL that both engines run: the migration to
// version 13 fills each case's business day of its last change from these (test_store_migration.cpp,
// test_store_postgres_store.cpp).
#pragma once

namespace casectl::testing {

// Case 1 was reassigned with --today 2026-10-31 in UTC+5 (its moment the local midnight, a UTC
// evening: updated_at says 30 October), then read; case 2, in the target group low-income, has
// journal rows from before version 9 only, which say no business day.
inline constexpr const char* k_version_12_cases = R"SQL(
  INSERT INTO cases (id, case_id, kind, status, name, district, source, urgency, consent, opened, response_due,
                     created_at, created_by, updated_at)
  VALUES (1, '2026-00001', 'person', 'active', 'Назадова', 'almaly', 'self', 'routine', 1, '2026-10-01',
          '2026-10-10T00:00:00Z', '2026-10-01T10:00:00Z', 'old', '2026-10-30T19:00:00Z'),
         (2, '2026-00002', 'person', 'intake', 'Старова', 'almaly', 'self', 'routine', 1, '2026-03-01',
          '2026-03-10T00:00:00Z', '2026-03-01T10:00:00Z', 'old', '2026-03-01T10:00:00Z');
  INSERT INTO case_groups (case_row, grp) VALUES (2, 'low-income');
  INSERT INTO case_group_spans (case_row, grp) VALUES (2, 'low-income');
  INSERT INTO journal (at, actor, command, case_id, action, changes, effective_on)
  VALUES ('2026-10-01T10:00:00Z', 'old', 'casectl intake', '2026-00001', 'intake', '{}', '2026-10-01'),
         ('2026-12-01T08:00:00Z', 'old', 'casectl assign', '2026-00001', 'assign', '{}', '2026-10-31'),
         ('2026-12-02T08:00:00Z', 'old', 'casectl show', '2026-00001', 'read', '{}', '2026-12-02'),
         ('2026-03-01T10:00:00Z', 'old', 'casectl intake', '2026-00002', 'intake', '{}', NULL);
)SQL";

} // namespace casectl::testing
