// The case store: one SQLite file, opened safely for several processes at once.
//
// Contract:
// - open() in Mode::write creates the file (mode 0600, parent directories 0700) when missing;
//   Mode::read never creates a file and fails with Status::unreadable when there is none. Both
//   bring an older schema up to date (migrations only add), in one transaction. Both refuse a store whose schema is newer than
//   this program knows (Status::cannot_write), changing nothing.
// - Every connection uses WAL, foreign keys, and the configured busy timeout.
// - write() runs a function inside one IMMEDIATE transaction: everything it did is committed, or,
//   when it returns a failed Status or throws, nothing is. A lock held longer than the busy
//   timeout gives Status::busy.
// - The journal is append-only: the schema itself refuses UPDATE and DELETE on it. Every row
//   appended is chained to the one before by a hash (lib/store/journal_chain.hpp).
// - A store whose user_version no casectl writes (negative; 0 with casectl's tables in it) is
//   refused with Status::cannot_write, and so is a store whose tables do not match the version it
//   claims (checked before migrating): never a crash, nothing changed.
#pragma once

#include "util/status.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <map>
#include <set>
#include <string>

namespace SQLite {
class Database;
class Exception;
class Statement;
} // namespace SQLite

namespace casectl::store {

// The schema version this program writes. Raised by one for every migration in schema.cpp.
int current_schema_version();

enum class Mode {
  read, // the store must exist
  write // create the store when missing
};

struct OpenOptions {
  std::string path;           // the store file; ":memory:" for tests
  int busy_timeout_ms = 5000; // how long to wait for another process's lock
  Mode mode = Mode::read;
};

// The schema objects that `version` has, as "table NAME", "index NAME", "trigger NAME" and
// "column TABLE.NAME" (SQLite's own and FTS5's internal tables included), from the migrations
// run on an empty database once and remembered. `version` from 1 to current_schema_version().
const std::set<std::string>& schema_objects_of_version(int version);

// Every trigger of the current schema, name -> its CREATE TRIGGER statement, from the same
// reference database. `check` verifies that each is present and `check --repair` restores the
// missing ones: without them the history that reports read (case_history, case_periods,
// case_group_spans) stops being kept, silently.
const std::map<std::string, std::string>& schema_triggers();

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

class Store {
 public:
  static Result<std::unique_ptr<Store>> open(const OpenOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return m_path; }
  int schema_version() const;

  // Runs `body` in one write transaction (see the contract above). With `rehearse`, everything
  // is rolled back even when `body` succeeds: a dry run that sees its own writes.
  Status write(const std::function<Status()>& body, bool rehearse = false);

  // Appends to the journal, chained to the last row by its hash. Call inside write().
  Status append_journal(const JournalEntry& entry);

  // The schema objects in this store (see schema_objects_of_version).
  std::set<std::string> schema_objects();

  // The connection, for the query files of the store layer (lib/store/*.cpp) only.
  SQLite::Database& db() { return *m_db; }

 private:
  Store(std::string path, std::unique_ptr<SQLite::Database> db);
  Status migrate();
  std::string m_path;
  std::unique_ptr<SQLite::Database> m_db;
  std::unique_ptr<SQLite::Statement> m_journal_insert; // prepared on first use
  std::optional<std::string> m_head;                   // the last journal hash, known inside the current write()
};

// Maps a SQLite exception to a Status: busy or locked -> busy; read-only, full, I/O, cannot open,
// not a database -> cannot_write; anything else -> internal. `what` says what was being done.
Status status_from(const SQLite::Exception& e, const std::string& what, const std::string& path);

// Runs `body`, turning a SQLite exception into a Status (see status_from).
Status guarded(const std::string& what, const std::string& path, const std::function<Status()>& body);

} // namespace casectl::store
