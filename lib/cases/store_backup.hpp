// `casectl backup`: a consistent copy of the whole store in a new SQLite file, checked before it
// is given its name, for cron and for the move of a store elsewhere.
//
// Contract:
// - The copy is one snapshot of the store taken while others go on writing: SQLite's online
//   backup API on a SQLite store; on PostgreSQL, store_copy's table-by-table copy into a SQLite
//   file (a backup that any casectl can read without a server; `store copy` puts it back).
// - It is written to a temporary file beside the target (mode 0600), checked with every check of
//   `casectl check` (a failing check: Status::internal naming it, nothing kept), then renamed to
//   the target, so that the target is a whole, checked backup or does not exist.
// - The target is a file that must not exist (Status::conflict), or a directory (existing, or a
//   path ending in '/'), where the file is named casectl-YYYYMMDD-HHMMSS.db by the real clock in
//   UTC; there `keep` > 0 then removes the oldest such files beyond the newest `keep`. Only files
//   of that form are ever removed. `keep` with a file target is Status::usage.
// - With `encrypt_to`, the checked copy is encrypted with age for those recipients into another
//   temporary file (0600), which takes the name (in a directory casectl-YYYYMMDD-HHMMSS.db.age,
//   which `keep` counts too); the unencrypted copy is removed. A recipient age refuses is
//   Status::cannot_write, nothing kept.
// - The store is only read: its journal gets no row.
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "model/check.hpp"
#include "store/case_store.hpp"

#include <functional>
#include <string>
#include <vector>

namespace casectl {

struct BackupRequest {
  std::string to;                      // a file, or a directory
  int keep = 0;                        // in a directory: how many backups to keep (0: all)
  std::vector<std::string> encrypt_to; // age recipients: public keys, or files of them; none: not encrypted
  int busy_timeout_ms = 5000;
  // Told each stage as it starts ("copying", "checking", "encrypting"), for progress; may be empty.
  std::function<void(const char* stage)> stage;
};

struct BackupReport {
  std::string path; // the backup written
  long long cases = 0;
  bool copied_by_tables = false;    // true on PostgreSQL (store_copy), false for SQLite's backup API
  std::vector<CheckResult> checks;  // what `check` said of the backup (all passed)
  std::vector<std::string> removed; // older backups removed by `keep`
};

Result<BackupReport> backup_store(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                  const BackupRequest& request);

} // namespace casectl
