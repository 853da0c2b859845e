// `casectl check`: is the store sound? Each check reads the store and says what it found; repair
// rebuilds what is derived from the rest (the full-text index, the append-only triggers) and
// nothing else: it never "fixes" the journal's hash chain, which only a backup can restore.
#pragma once

#include "store/journal_chain.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "model/check.hpp"
#include "util/status.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store::sqlite {

// Runs every check, in the order of the names above. Fails only when the store cannot be read
// (a failed check is a result, not a failure).
Result<std::vector<CheckResult>> check_store(SqliteStore& store, const CheckOptions& options);

// The hash of the journal's last row ("" when the journal is empty, or the last row has none).
Result<std::string> journal_head(SqliteStore& store);

// The append-only triggers the store lacks, by name.
std::vector<std::string> missing_triggers(SqliteStore& store);

// Rebuilds the full-text index from the cases and creates the missing append-only triggers.
// Returns what it did, one phrase each. Call inside SqliteStore::write(). Fails only when the store does.
Result<std::vector<std::string>> repair_store(SqliteStore& store);

// Verifies the chain links of one case's journal rows: each row's hash against its content, and
// its previous hash against the hash of the row just before it in the whole journal. Returns the
// first break (nullopt when they hold). Fails only when the store cannot be read.
Result<std::optional<ChainBreak>> verify_case_chain(SqliteStore& store, const std::string& case_id);

} // namespace casectl::store::sqlite
