#include "store/postgres/pg_store.hpp"

#include "store/postgres/schema.hpp"
#include "util/date.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/process.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace casectl::store::postgres {

namespace {

// The one value of a one-row, one-column result; std::nullopt for SQL NULL or no row.
Result<Value> value_of(Connection& connection, const std::string& sql, const std::vector<Value>& params = {}) {
  Result<Rows> rows = connection.exec(sql, params);
  if (!rows) return rows.status();
  if (rows->rows.empty() || rows->rows[0].empty()) return Value();
  return rows->rows[0][0];
}

Status refuse_newer(const std::string& location, int version) {
  return Status::cannot_write(trf("the store {} was written by a newer casectl (schema version {}; this casectl knows up to {}); "
                                  "upgrade casectl to use it",
                                  location, version, current_schema_version()));
}

Status refuse_damaged(const std::string& location, const std::string& what) {
  return Status::cannot_write(trf("the store {} {}; restore it from a backup (nothing was changed)", location, what));
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() < 10 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// What the database (the first schema of the search_path) holds before casectl looks further.
struct Found {
  bool meta = false;    // casectl's meta table is there
  long long tables = 0; // tables, views and sequences of the schema
};

Result<Found> look(Connection& connection) {
  Result<Rows> rows = connection.exec("SELECT to_regclass('casectl_meta') IS NOT NULL, "
                                      "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                      " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S'))");
  if (!rows) return rows.status();
  Found found;
  found.meta = rows->rows.at(0).at(0) == Value("t");
  found.tables = std::stoll(rows->rows.at(0).at(1).value_or("0"));
  return found;
}

// The version the meta table says; 0 when there is no meta table.
Result<int> read_version(Connection& connection) {
  Result<Found> found = look(connection);
  if (!found) return found.status();
  if (!found->meta) return 0;
  Result<Value> value = value_of(connection, "SELECT value FROM casectl_meta WHERE key = 'schema_version'");
  if (!value) return value.status();
  if (!*value || !all_digits(**value))
    return refuse_damaged(connection.server_name(),
                          fmt::format("has a casectl_meta table whose schema_version is {}, which no casectl writes",
                                      *value ? "'" + **value + "'" : "missing"));
  return std::stoi(**value);
}

// Where pg_dump's copy of a store goes before a migration: $XDG_STATE_HOME/casectl, or
// ~/.local/state/casectl (private to the user, as the SQLite copy beside its store is).
std::string dump_directory() {
  std::string state = files::env("XDG_STATE_HOME");
  if (state.empty()) state = files::env("HOME").empty() ? "." : files::env("HOME") + "/.local/state";
  return state + "/casectl";
}

// The journal row's content as append_journal stamps it: the real moment and its UTC date when
// the entry leaves them out, the OS login when none is given.
} // namespace

Result<std::unique_ptr<PgStore>> PgStore::open(const OpenOptions& options) {
  Result<Connection> connection = Connection::open(options.location);
  if (!connection) return connection.status();
  std::unique_ptr<PgStore> store(new PgStore(std::move(*connection)));
  Connection& db = store->m_connection;
  // lock_timeout 0 would wait for ever; a busy timeout of 0 means "do not wait" (1 ms).
  // session_user is who logged in (SET ROLE does not change it): the role the journal names.
  Result<Rows> session = db.exec("SELECT set_config('lock_timeout', $1, false), session_user",
                                 {fmt::format("{}ms", std::max(1, options.busy_timeout_ms))});
  if (!session) return session.status();
  store->m_db_role = session->rows.at(0).at(1);
  Result<Found> found = look(db);
  if (!found) return found.status();
  if (!found->meta && found->tables > 0)
    return Status::cannot_write(trf("{} holds tables of another program and no casectl_meta table: it is not a casectl "
                                    "store; give casectl a database (or a schema) of its own",
                                    db.server_name()));
  if (!found->meta && options.mode == Mode::read)
    return Status::unreadable(trf(
        "there is no case store at {}; create it with 'casectl init', or point --db or CASECTL_DB at yours", db.server_name()));
  Result<int> version = read_version(db);
  if (!version) return version.status();
  if (*version > current_schema_version()) return refuse_newer(db.server_name(), *version);
  store->m_version = *version;
  if (*version < current_schema_version()) CASECTL_TRY(store->migrate());
  return store;
}

Status PgStore::migrate() {
  return write([&] {
    // One migrating process at a time per schema; the version is read again under that lock,
    // because another process may have migrated meanwhile.
    CASECTL_TRY(m_connection.exec("SELECT pg_advisory_xact_lock(hashtext('casectl migrate ' || current_schema()))").status());
    Result<int> read = read_version(m_connection);
    if (!read) return read.status();
    int version = *read;
    int from = version;
    if (version > current_schema_version()) return refuse_newer(location(), version);
    if (version > 0 && version < current_schema_version()) {
      Result<std::string> dump = dump_before_migration(version);
      if (!dump) return dump.status();
      m_migrated.copy = *dump;
    }
    for (const Migration& migration : migrations()) {
      if (migration.from != version) continue;
      CASECTL_TRY(m_connection.run_script(migration.sql));
      if (migration.client) CASECTL_TRY(migration.client(m_connection));
      version = migration.to;
    }
    if (version != current_schema_version())
      return refuse_damaged(location(), fmt::format("says schema version {}, which no casectl writes on PostgreSQL", from));
    CASECTL_TRY(m_connection
                    .exec("INSERT INTO casectl_meta (key, value) VALUES ('schema_version', $1) "
                          "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                          {std::to_string(version)})
                    .status());
    m_version = version;
    if (from == version) return Status::ok();
    if (from > 0) CASECTL_TRY(refresh_district_roles());
    m_migrated.from = from;
    return append_journal(migration_entry(from, version));
  });
}

Result<std::string> PgStore::dump_before_migration(int from) {
  if (files::env("CASECTL_PG_DUMP") == "skip") return std::string();
  Result<Rows> names = m_connection.exec("SELECT current_database(), current_schema()");
  if (!names) return names.status();
  const std::string database = names->rows.at(0).at(0).value_or(""), schema = names->rows.at(0).at(1).value_or("");
  const std::string dir = dump_directory();
  std::string digits; // the moment, as SQLite's copy is named: 20261202-062500
  for (char c : date::format_timestamp(date::now_utc()))
    if (c >= '0' && c <= '9') digits += c;
  const std::string path =
      fmt::format("{}/casectl-{}-{}.schema-{}-{}-{}.dump", dir, database, schema, from, digits.substr(0, 8), digits.substr(8, 6));
  auto refuse = [&](const Status& why) {
    return Status::cannot_write(
        trf("the store {} is at schema version {} and this casectl writes {}; it dumps the store with pg_dump before it "
            "migrates it, and could not: {}. Nothing was changed. Dump it yourself (pg_dump -Fc -n {} -f FILE '{}'), "
            "then run casectl again with CASECTL_PG_DUMP=skip",
            location(), from, current_schema_version(), why.message(), schema, location()));
  };
  Status made = files::make_private_dirs(dir);
  if (!made) return refuse(made);
  files::AtomicOutput file;
  Status opened = file.open(path);
  if (!opened) return refuse(opened);
  process::PipedProgram dump;
  Status started = dump.start({"pg_dump", "--format=custom", "--schema=" + schema}, file.descriptor(), "postgresql-client",
                              m_connection.client_environment());
  if (!started) return refuse(started);
  Status finished = dump.finish();
  if (!finished) return refuse(finished);
  Status committed = file.commit();
  if (!committed) return refuse(committed);
  return path;
}

Status PgStore::write(const std::function<Status()>& body, bool rehearse) {
  if (m_in_write) return Status::internal("a write to the store " + location() + " was begun inside another");
  m_head.reset(); // another process may have appended since the last transaction
  CASECTL_TRY(m_connection.begin());
  // Writers go one at a time, from BEGIN, as SQLite's BEGIN IMMEDIATE makes them: what a write
  // reads to decide (a likely duplicate, an external id already taken, the caseload of --auto)
  // must not change before it commits. Were the lock taken at the first append, two intakes of
  // one family could both find no duplicate and both register it (tests/e2e/test_concurrency.sh). A store being created has
  // no journal yet: migrate() serialises its creators with an advisory lock of its own.
  if (m_version > 0) {
    Status locked = lock_journal();
    m_journal_locked = locked.is_ok();
    if (!locked) {
      (void)m_connection.rollback();
      return locked;
    }
  }
  m_in_write = true;
  Status status;
  try {
    status = body();
  } catch (...) {
    (void)m_connection.rollback();
    m_in_write = false;
    m_journal_locked = false;
    m_head.reset();
    throw;
  }
  m_in_write = false;
  m_journal_locked = false;
  m_head.reset();
  if (!status || rehearse) {
    // A lost connection rolls back by itself: a failed ROLLBACK adds nothing to say.
    (void)m_connection.rollback();
    return status;
  }
  return m_connection.commit();
}

// Why a table lock and not the last row's lock: SELECT ... ORDER BY id DESC LIMIT 1 FOR UPDATE
// finds the last row in the statement's snapshot; a writer that waited for that row's lock gets
// it after the first writer has committed a NEWER last row, which its snapshot does not show, so
// both would chain to the same row (a fork); and an empty journal has no row to lock. SHARE ROW
// EXCLUSIVE conflicts with itself and with the ROW EXCLUSIVE lock that INSERT takes, so appenders
// queue up one transaction at a time, while readers (ACCESS SHARE) go on. Under READ COMMITTED
// the statement after the LOCK takes a new snapshot, which shows the row the writer before us
// committed. The lock is taken at BEGIN (write()), before this transaction inserts any journal
// row: taking it after an INSERT would let two transactions deadlock upgrading their locks.
// From version 14 through casectl_lock_journal(), which a district office's role may call
// (schema.cpp, migration 14); before it (a store being migrated) as the owner that migrates.
Status PgStore::lock_journal() {
  return m_connection.exec(m_version >= 14 ? "SELECT casectl_lock_journal()" : "LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE")
      .status();
}

Status PgStore::append_journal(const JournalEntry& entry) {
  if (!m_in_write) return Status::internal("a journal row was appended outside a write to the store " + location());
  if (!m_head) {
    if (!m_journal_locked) CASECTL_TRY(lock_journal()); // write() took it unless the store was new
    m_journal_locked = true;
    // The last row of the whole journal, which a district office's role does not see
    // (casectl_journal_head() runs as the owner, from version 14).
    Result<Value> head = value_of(m_connection, m_version >= 14 ? "SELECT casectl_journal_head()"
                                                                : "SELECT coalesce((SELECT hash FROM journal ORDER BY id "
                                                                  "DESC LIMIT 1), '')");
    if (!head) return head.status();
    m_head = head->value_or("");
  }
  JournalContent content = content_of_new_row(entry);
  content.db_role = m_db_role;
  std::string hash = journal_hash(*m_head, content);
  Status status = m_connection
                      .exec("INSERT INTO journal (at, effective_on, actor, login, command, case_id, action, changes, "
                            "previous_hash, hash, db_role) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                            {content.at, content.effective_on, content.actor, content.login, content.command, content.case_id,
                             content.action, content.changes, *m_head, hash, content.db_role})
                      .status();
  if (!status) {
    m_head.reset(); // the transaction has failed: nothing after this is kept
    return status;
  }
  m_head = std::move(hash);
  return Status::ok();
}

Result<long long> PgStore::next_case_number(int year) {
  // One statement: the row of the year is inserted or bumped, and locked until this transaction
  // ends, so a concurrent writer waits for it (or gives up as busy) and then counts on from the
  // number committed.
  Result<Value> number = value_of(m_connection,
                                  "INSERT INTO case_id_sequence (year, last_seq) VALUES ($1, 1) "
                                  "ON CONFLICT (year) DO UPDATE SET last_seq = case_id_sequence.last_seq + 1 "
                                  "RETURNING last_seq",
                                  {std::to_string(year)});
  if (!number) return number.status();
  if (!*number) return Status::internal(tr("the case id counter did not answer"));
  return std::stoll(**number);
}

Result<std::string> PgStore::journal_head() {
  Result<Value> head = value_of(m_connection, "SELECT coalesce((SELECT hash FROM journal ORDER BY id DESC LIMIT 1), '')");
  if (!head) return head.status();
  return head->value_or("");
}

Result<std::optional<ChainBreak>> PgStore::verify_case_chain(const std::string& case_id) {
  // Each row of the case with the hash of the journal row before it, whatever case that is: from
  // version 14 through casectl_journal_hash_before(), since that row may be another district's,
  // which a district office's role does not see.
  const std::string before = m_version >= 14 ? "casectl_journal_hash_before(j.id)"
                                             : "coalesce((SELECT p.hash FROM journal p WHERE p.id < j.id ORDER BY p.id "
                                               "DESC LIMIT 1), '')";
  Result<Rows> rows =
      m_connection.exec("SELECT j.id, j.at, j.effective_on, j.actor, j.login, j.command, j.case_id, j.action, j.changes, "
                        "j.previous_hash, j.hash, j.db_role, " +
                            before + " FROM journal j WHERE j.case_id = $1 ORDER BY j.id",
                        {case_id});
  if (!rows) return rows.status();
  for (const std::vector<Value>& r : rows->rows) {
    StoredJournalRow row;
    row.id = std::stoll(r[0].value_or("0"));
    row.content.at = r[1].value_or("");
    row.content.effective_on = r[2];
    row.content.actor = r[3].value_or("");
    row.content.login = r[4];
    row.content.command = r[5].value_or("");
    row.content.case_id = r[6];
    row.content.action = r[7].value_or("");
    row.content.changes = r[8].value_or("");
    row.previous_hash = r[9];
    row.hash = r[10];
    row.content.db_role = r[11];
    ChainVerifier verifier(r[12].value_or(""));
    if (std::optional<ChainBreak> broken = verifier.add(row)) return std::optional<ChainBreak>(broken);
  }
  return std::optional<ChainBreak>();
}

} // namespace casectl::store::postgres
