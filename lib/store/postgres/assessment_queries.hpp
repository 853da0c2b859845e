// The SQL for assessments on PostgreSQL: the contract's methods (store/case_store.hpp) with the
// store first, giving what the SQLite engine gives (lib/store/sqlite/assessment_queries.hpp).
// Writing functions expect to run inside PgStore::write(). Nothing throws: errors are the
// Status values of Connection::exec.
#pragma once

#include "model/assessment.hpp"
#include "store/postgres/pg_store.hpp"

#include <vector>

namespace casectl::store::postgres {

// Stores an assessment of the case at `row` with its scores.
Status insert_assessment(PgStore& store, long long row, const Assessment& a);

// The assessments of the case at `row`, by number (oldest first), each with its scores by domain
// code in byte order (the order of SQLite's primary key).
Result<std::vector<Assessment>> load_assessments(PgStore& store, long long row, const std::string& case_id);

// How many assessments the case at `row` has.
Result<int> assessment_count(PgStore& store, long long row);

} // namespace casectl::store::postgres
