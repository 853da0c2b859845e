// The SQL for assessments. Writing functions expect to run inside SqliteStore::write().
#pragma once

#include "model/assessment.hpp"
#include "model/change.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <optional>
#include <vector>

namespace casectl::store::sqlite {

// The case with this case id (or external id); nullopt when there is none.
Result<std::optional<CaseState>> case_state(SqliteStore& store, const std::string& case_id_or_external_id);

// Stores an assessment of the case at `row` with its scores.
Status insert_assessment(SqliteStore& store, long long row, const Assessment& a);

// Sets the status, urgency and response deadline of the case at `row`, and its updated_at and
// updated_on (`when`).
Status update_case_state(SqliteStore& store, const CaseState& state, const ChangeTime& when);

// The assessments of the case at `row`, oldest first.
Result<std::vector<Assessment>> load_assessments(SqliteStore& store, long long row, const std::string& case_id);

} // namespace casectl::store::sqlite
