// Reading what a test needs of a store through CaseStore's methods, whatever the engine, with a
// REQUIRE on every failure so that the tests read as what they check.
#pragma once

#include "store/case_store.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace casectl::testing {

// The status, urgency and response deadline of a case that must exist.
inline CaseState state_of(store::CaseStore& store, const std::string& case_id) {
  Result<std::optional<CaseState>> state = store.case_state(case_id);
  REQUIRE_MESSAGE(state.is_ok(), state.status().message());
  REQUIRE_MESSAGE(state->has_value(), case_id);
  return **state;
}

// Marks a case closed, as a test's starting point (the status only: no closure is recorded).
inline void mark_closed(store::CaseStore& store, const std::string& case_id) {
  CaseState closing = state_of(store, case_id);
  closing.status = status_code::closed;
  Status marked = store.write([&] { return store.update_case_state(closing, {"2026-03-15T09:30:00Z", "2026-03-15"}); });
  REQUIRE_MESSAGE(marked.is_ok(), marked.message());
}

// The case ids each_case gives for `filter` (every case by default), in its order.
inline std::vector<std::string> case_ids(store::CaseStore& store, const CaseFilter& filter = {}) {
  std::vector<std::string> out;
  Status each = store.each_case(filter, [&](const CaseSummary& c) {
    out.push_back(c.case_id);
    return Status::ok();
  });
  REQUIRE_MESSAGE(each.is_ok(), each.message());
  return out;
}

// The journal's changes of a case, oldest first.
inline std::vector<HistoryEntry> history_of(store::CaseStore& store, const std::string& case_id) {
  std::vector<HistoryEntry> out;
  Status each = store.each_history_entry(
      case_id,
      [&](const HistoryEntry& e) {
        out.push_back(e);
        return Status::ok();
      },
      HistoryKind::changes);
  REQUIRE_MESSAGE(each.is_ok(), each.message());
  return out;
}

} // namespace casectl::testing
