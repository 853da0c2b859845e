// `casectl store copy`: a whole store into another, between engines or not (a region moving its
// SQLite file to PostgreSQL, an offline SQLite copy of a region's PostgreSQL store).
//
// Contract:
// - Everything is read from one snapshot of the source (CaseStore::read), and written in ONE
//   transaction on the target: the copy is all there, verified, or nothing of it is.
// - Every row keeps its ids, and the journal keeps its rows, in order, with their hashes: the
//   copy's hash chain verifies (`casectl check`) and continues from the source's head. The search
//   index and the sort keys are written again on the target (store/copy_tables.hpp).
// - A target that holds anything but the journal rows of its own creation (the migrations
//   casectl ran when it created it) is refused with Status::conflict, unless `replace`, which
//   empties it first, its journal included. Either way the target's journal ends up being the
//   source's, plus one row for the copy itself ("copy", naming the source and the counts).
// - Verified before the commit: every row of every table, read back from the target, is the row
//   read from the source (a digest per table, over the same columns in the same order), and the
//   card (`show -o json`) of every case - of 1,000 spread from first to last in a bigger store -
//   built from the target is the one built from the source. A difference is Status::internal
//   naming the table or the case; nothing is kept.
// - The source is only read; its journal gets nothing (not even audit.reads rows).
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "store/case_store.hpp"

#include <string>
#include <vector>

namespace casectl {

struct CopiedCount {
  std::string table;
  long long rows = 0;
};

struct CopyReport {
  std::vector<CopiedCount> tables; // every table copied, in copied_tables() order
  long long cases_verified = 0;    // cases whose cards were compared (all, or 1,000 spread out)
};

Result<CopyReport> copy_store(store::CaseStore& from, store::CaseStore& to, const config::Config& config,
                              const ChangeContext& change, bool replace);

} // namespace casectl
