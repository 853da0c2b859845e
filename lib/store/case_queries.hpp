// The SQL for cases. Domain code asks for what it needs by name; only this file knows the tables.
// Every function here expects an open Store; those that write expect to run inside Store::write().
#pragma once

#include "cases/case.hpp"
#include "store/store.hpp"

#include <functional>
#include <optional>

namespace casectl::store {

// Gives the next case number for `year` (0 when the id format has no year), counting up from 1.
// Call inside write(): the counter is shared by every process using the store.
Result<long long> next_case_number(Store& store, int year);

// True when a case with this id exists.
Result<bool> case_id_exists(Store& store, const std::string& case_id);

// Inserts a new case with its groups, problems and members. The case id and the external id must
// be free: an external id already in use gives Status::conflict naming the case that has it.
Status insert_case(Store& store, const Case& c);

// Loads one case by its case id, or, failing that, by its external id. Not found is not an error
// here: the result holds std::nullopt.
Result<std::optional<Case>> load_case(Store& store, const std::string& case_id_or_external_id);

// Calls `each` for every case matching `filter`, in the filter's order, one row at a time (memory
// does not grow with the number of cases). Stops at the first failed Status `each` returns.
Status each_case(Store& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each);

// Calls `each` for every journal entry of a case, oldest first.
Status each_history_entry(Store& store, const std::string& case_id,
                          const std::function<Status(const HistoryEntry&)>& each);

} // namespace casectl::store
