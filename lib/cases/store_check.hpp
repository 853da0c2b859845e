// Whether a store is sound, as `casectl check` and `casectl init` ask: the checks, the repair of
// what is derived, and the journal's head.
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "model/check.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// Runs every check of the store (see CaseStore::check); the case-id counters are checked against
// the config's id format. With `expect_head`, the journal must still contain that hash.
Result<std::vector<CheckResult>> check_store(store::CaseStore& store, const config::Config& config,
                                             const std::optional<std::string>& expect_head);

// Rebuilds what is derived from the rest (the search index, missing triggers) in one transaction,
// journaled as "repair" when anything was done. Returns what it did, one phrase each.
Result<std::vector<std::string>> repair_store(store::CaseStore& store, const ChangeContext& context);

// The hash of the journal's last row, to keep elsewhere ("" for an empty journal).
Result<std::string> journal_head(store::CaseStore& store);

// Refuses (Status::invalid, exit 65) a store that lacks triggers keeping the journal append-only
// or the history reports read, naming them: `init` does not restore them itself, so that someone
// looks first.
Status refuse_missing_triggers(store::CaseStore& store);

} // namespace casectl
