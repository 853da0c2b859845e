// `casectl check`: is the store sound? Each check reads the store and says what it found; repair
// rebuilds what is derived from the rest (the full-text index, the append-only triggers) and
// nothing else: it never "fixes" the journal's hash chain, which only a backup can restore.
#pragma once

#include "store/journal_chain.hpp"
#include "store/store.hpp"
#include "util/status.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store {

// What one check found. `check` is a stable name ("integrity", "foreign-keys", "schema-version",
// "trigger NAME", "search-index", "case-id-counters", "journal-chain", "journal-head").
struct CheckResult {
  std::string check;
  bool ok = true;
  std::string detail; // what was found, in words; for a failure, what is wrong and what to do
};

struct CheckOptions {
  // The case id of a number in a year (the config's case id format), for the counter check.
  std::function<std::string(int year, long long seq)> case_id_of;
  bool per_year = true; // the format has {year}: one counter per year of opening; else year 0
  // A journal head kept elsewhere (`check --head` earlier): the chain must still contain it.
  std::optional<std::string> expect_head;
};

// Runs every check, in the order of the names above. Fails only when the store cannot be read
// (a failed check is a result, not a failure).
Result<std::vector<CheckResult>> check_store(Store& store, const CheckOptions& options);

// The hash of the journal's last row ("" when the journal is empty, or the last row has none).
Result<std::string> journal_head(Store& store);

// The append-only triggers the store lacks, by name.
std::vector<std::string> missing_triggers(Store& store);

// Rebuilds the full-text index from the cases and creates the missing append-only triggers.
// Returns what it did, one phrase each. Call inside Store::write(). Fails only when the store does.
Result<std::vector<std::string>> repair_store(Store& store);

// Verifies the chain links of one case's journal rows: each row's hash against its content, and
// its previous hash against the hash of the row just before it in the whole journal. Returns the
// first break (nullopt when they hold). Fails only when the store cannot be read.
Result<std::optional<ChainBreak>> verify_case_chain(Store& store, const std::string& case_id);

// "row 17 (case 2026-00001, update): PROBLEM", the words every report of a break uses.
std::string describe(const ChainBreak& b);

} // namespace casectl::store
