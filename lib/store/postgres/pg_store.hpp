// The PostgreSQL engine: the case store in a PostgreSQL database (or in the schema the URL's
// search_path names), shared by several processes on several machines.
//
// Not yet a CaseStore: it implements the part of the contract (store/case_store.hpp) below, with
// the contract's signatures, so that it can derive from CaseStore once every query is there; until
// then store::open() does not choose it. What it keeps of the contract:
//
// - open() connects by a libpq URL (postgresql://USER@HOST/DB; what the URL leaves out comes from
//   PG* variables and ~/.pgpass). Mode::write creates the schema (lib/store/postgres/schema.hpp)
//   in a database or schema that has no tables; Mode::read never creates it and fails with
//   Status::unreadable where there is no casectl_meta table. Both bring an older schema up to
//   date in one transaction, and refuse, changing nothing, a schema newer than this program knows
//   (Status::cannot_write naming both versions), a version no casectl writes, and tables of
//   another program without casectl_meta (Status::cannot_write).
// - Every statement waits for a lock at most busy_timeout_ms (the session's lock_timeout); a lock
//   held longer gives Status::busy.
// - write() runs `body` in one transaction (READ COMMITTED): everything it did is committed, or,
//   when it returns a failed Status or throws, nothing is; with `rehearse`, nothing ever is.
// - append_journal() chains each row to the one before (store/journal_chain.hpp) with the journal
//   locked against other writers until the transaction ends, so that two processes never chain
//   to the same row (the chain never forks).
// - next_case_number() is one statement, safe with concurrent writers: the year's counter stays
//   locked until the transaction ends, so no two committed cases get the same number; a number
//   taken by a transaction that rolls back is given again, as on SQLite.
#pragma once

#include "model/journal.hpp"
#include "store/case_store.hpp"
#include "store/journal_chain.hpp"
#include "store/postgres/connection.hpp"
#include "util/status.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace casectl::store::postgres {

class PgStore {
 public:
  static Result<std::unique_ptr<PgStore>> open(const OpenOptions& options);
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  // The server and database as a URL without the password.
  const std::string& location() const { return m_connection.server_name(); }
  // The schema version of the store, as open() left it.
  int schema_version() const { return m_version; }

  Status write(const std::function<Status()>& body, bool rehearse = false);
  // Inside write().
  Status append_journal(const JournalEntry& entry);
  // Inside write().
  Result<long long> next_case_number(int year);

  Result<std::string> journal_head();
  Result<std::optional<ChainBreak>> verify_case_chain(const std::string& case_id);

  // The connection, for the query files of this engine (lib/store/postgres/*.cpp) only.
  Connection& connection() { return m_connection; }

 private:
  explicit PgStore(Connection connection) : m_connection(std::move(connection)) {}
  Status migrate();
  Status lock_journal();
  Connection m_connection;
  int m_version = 0;
  std::optional<std::string> m_head; // the last journal hash, known inside the current write()
  bool m_in_write = false;
};

} // namespace casectl::store::postgres
