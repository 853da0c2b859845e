// One transaction per domain operation: the operation opens it, so that the front end never does.
#pragma once

#include "store/case_store.hpp"
#include "util/status.hpp"

#include <optional>
#include <utility>

namespace casectl {

// Runs `change` (a callable returning Result<T>) in one write transaction of `store` and returns
// its value once committed; with `rehearse`, everything is rolled back even when it succeeded (a
// dry run that saw its own writes). A failure leaves nothing written.
template <class T, class Change> Result<T> in_one_transaction(store::CaseStore& store, Change&& change, bool rehearse = false) {
  std::optional<T> value;
  Status status = store.write(
      [&]() -> Status {
        Result<T> done = change();
        if (!done) return done.status();
        value = std::move(*done);
        return Status::ok();
      },
      rehearse);
  if (!status) return status;
  return std::move(*value);
}

} // namespace casectl
