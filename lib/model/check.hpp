// What `casectl check` asks of a store and what each check found. Plain structs, no behaviour.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace casectl {

// What one check found. `check` is a stable name ("integrity", "foreign-keys", "schema-version",
// "trigger NAME", "history-triggers", "search-index", "case-id-counters", "case-status",
// "journal-chain", "journal-head"), in this order.
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

} // namespace casectl
