// The journal: one entry per change (and per read, with audit.reads), as stored and as shown.
// Plain structs, no behaviour.
#pragma once

#include <string>

namespace casectl {

// One change, as the journal keeps it. append_journal adds its place in the hash chain.
struct JournalEntry {
  std::string at;           // UTC timestamp, YYYY-MM-DDTHH:MM:SSZ: the real moment; "" = now
  std::string effective_on; // YYYY-MM-DD: the business date of the change; "" = the UTC date of `at`
  std::string actor;        // the acting user (--as)
  std::string login;        // the OS login running casectl; "" = files::os_login()
  std::string command;      // the command line that made the change
  std::string case_id;      // the case changed; empty for store-wide changes
  std::string action;       // "intake", "migrate", ...
  std::string changes;      // JSON: the new record, or {"field": [old, new]}
};

// One journal entry, as `casectl log` shows it.
struct HistoryEntry {
  long long id = 0;
  std::string at;           // the real moment of the change, UTC
  std::string effective_on; // the business date of the change; "" in rows written before version 9
  std::string actor;        // --as
  std::string login;        // the OS login; "" in rows written before version 9
  std::string command;
  std::string case_id;
  std::string action;
  std::string changes; // JSON text
  std::string hash;    // the row's hash in the journal's chain; "" when it has none
  std::string db_role; // the database role that wrote it (PostgreSQL's session_user); "" on SQLite
};

// Which journal entries of a case: the changes, or the reads that audit.reads records.
enum class HistoryKind { changes, reads };

} // namespace casectl
