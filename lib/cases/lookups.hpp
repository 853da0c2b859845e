// Looking cases up: one case by its id, the cases a filter selects, a case's journal. What `show`,
// `list`, `find` and `log` ask of the store, with the words every command uses when a case is
// not there.
#pragma once

#include "model/assessment.hpp"
#include "model/case.hpp"
#include "model/journal.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <functional>
#include <string>

namespace casectl {

// "case X not found; 'casectl list' shows the cases" (Status::not_found, exit 3): the one message
// for a case id (or external id) that names no case.
Status case_not_found(const std::string& wanted);

// The case with this case id or, failing that, this external id; case_not_found() when none.
Result<Case> find_case(store::CaseStore& store, const std::string& wanted);

// The parts of the case a change reads and makes (its row, status, urgency, opening); case_not_found()
// when none.
Result<CaseState> find_case_state(store::CaseStore& store, const std::string& wanted);

// Calls `each` for every case `filter` selects, in its order (see CaseStore::each_case): `list`
// and `find`. Stops at the first failed Status `each` returns.
Status list_cases(store::CaseStore& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each);

// Calls `each` for the case's journal entries of that kind, oldest first; with `until`
// (YYYY-MM-DD, "" = all) only those whose effective day is not after it.
Status case_history(store::CaseStore& store, const std::string& case_id, HistoryKind kind, const std::string& until,
                    const std::function<Status(const HistoryEntry&)>& each);

// Verifies the links of the case's rows in the journal's hash chain: Status::invalid (exit 65)
// naming the first row that breaks, ok when they hold.
Status verify_case_history(store::CaseStore& store, const std::string& case_id);

} // namespace casectl
