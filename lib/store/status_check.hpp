// `casectl check`'s case-status, in the same words on both engines: each engine runs
// k_case_status_sql (store/shared_sql.hpp) and gives what it found here.
#pragma once

#include "model/check.hpp"

#include <optional>
#include <string>

namespace casectl::store {

// The first case whose status disagrees with its latest spell of work, as k_case_status_sql
// returns it.
struct StatusDisagreement {
  std::string case_id;
  std::string status;
  std::optional<std::string> closed;          // cases.closed
  std::optional<long long> spell;             // the latest spell; nullopt: the case has none
  std::optional<std::string> spell_closed_on; // its closing; nullopt: open
  long long count = 1;                        // how many cases disagree
};

// The result "case-status" for a store of `cases` cases, `first` the first that disagrees.
CheckResult case_status_result(long long cases, const std::optional<StatusDisagreement>& first);

} // namespace casectl::store
