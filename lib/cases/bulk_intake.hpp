// Bulk intake: many records from a CSV or NDJSON file, in one transaction, all or nothing unless
// the rejected records are set aside in an errors file.
#pragma once

#include "cases/intake.hpp"
#include "cases/intake_records.hpp"
#include "config/config.hpp"
#include "model/change.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace casectl {

struct BulkIntakeOptions {
  IntakeOptions intake;
  std::string source_name; // how messages name the input: its path, or "stdin"
  InputFormat format = InputFormat::csv;
  // Where rejected records go, in the input's own format; "" = nowhere, and then one rejected
  // record fails the whole run. Written privately (0600) and put in place only once the store
  // committed; never with `dry_run`.
  std::string errors_file;
  bool dry_run = false;
  // Called once every record is read, before the search index is written and the store commits
  // (which takes seconds on a large file): for progress ("committing…"). May be empty.
  std::function<void()> all_read;
};

// How many records went which way.
struct BulkTally {
  std::size_t created = 0, updated = 0, unchanged = 0, skipped = 0, rejected = 0;
  std::size_t invalid = 0; // of the rejected, those with bad fields (the others are conflicts)
};

// Registers every record `reader` gives, in one transaction of `store`. `each` is told what became
// of every record, in order, as it goes (to print it; the case ids to stdout). The run fails, with
// nothing written, when the input cannot be read on, when the store fails, or when records were
// rejected and there is no errors file (Status::invalid when any had bad fields, else
// Status::conflict, saying how many). With `dry_run` nothing is written and rejected records fail
// the run only after all were read, so that every problem is reported.
Result<BulkTally> intake_records(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                 IntakeRecordReader& reader, const BulkIntakeOptions& options,
                                 const std::function<void(const IntakeRecord&, const IntakeResult&)>& each);

// The failure of a run with rejected records: with `dry_run`, "N record(s) would be rejected";
// otherwise that nothing was written and how to go on (--errors). Status::invalid when any record
// had bad fields, else Status::conflict.
Status rejected_records(const BulkTally& tally, const std::string& source_name, bool dry_run);

} // namespace casectl
