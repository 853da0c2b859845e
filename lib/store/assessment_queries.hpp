// The SQL for assessments. Writing functions expect to run inside Store::write().
#pragma once

#include "cases/assessment.hpp"
#include "store/store.hpp"

#include <optional>
#include <vector>

namespace casectl::store {

// The parts of a case an assessment needs to know and may change.
struct CaseState {
  long long row = 0;
  std::string case_id;
  std::string status;
  std::string urgency;
  std::string response_due;
  std::string opened; // YYYY-MM-DD
};

// The case with this case id (or external id); nullopt when there is none.
Result<std::optional<CaseState>> case_state(Store& store, const std::string& case_id_or_external_id);

// Stores an assessment of the case at `row` with its scores.
Status insert_assessment(Store& store, long long row, const Assessment& a);

// Sets the status, urgency and response deadline of the case at `row`, and its updated_at.
Status update_case_state(Store& store, const CaseState& state, const std::string& updated_at);

// The assessments of the case at `row`, oldest first.
Result<std::vector<Assessment>> load_assessments(Store& store, long long row, const std::string& case_id);

} // namespace casectl::store
