#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/assign_queries.hpp"
#include "store/sqlite/case_queries.hpp"
#include "store/sqlite/sql_text.hpp"
#include "util/messages.hpp"

#include "store/journal_chain.hpp"
#include "store/sqlite/schema.hpp"
#include "util/date.hpp"
#include "util/files.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>
#include <cstring>

namespace casectl::store::sqlite {

int current_schema_version() { return static_cast<int>(migrations().size()); }

Status status_from(const SQLite::Exception& e, const std::string& what, const std::string& path) {
  switch (e.getErrorCode()) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED: return Status::busy(trf("the store {} is busy (another casectl is writing to it); try again", path));
  case SQLITE_READONLY:
  case SQLITE_CANTOPEN:
  case SQLITE_PERM:
  case SQLITE_FULL:
  case SQLITE_IOERR: return Status::cannot_write(trf("cannot {} the store {}: {}", what, path, e.getErrorStr()));
  case SQLITE_NOTADB:
  case SQLITE_CORRUPT: return Status::cannot_write(trf("{} is not a casectl store (not a SQLite database, or damaged)", path));
  default: return Status::internal(trf("cannot {} the store {}: {}", what, path, e.what()));
  }
}

Status guarded(const std::string& what, const std::string& path, const std::function<Status()>& body) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    return status_from(e, what, path);
  }
}

namespace {

// Creates an empty store file readable by its owner only, so that SQLite (which gives its WAL and
// shared-memory files the mode of the main file) never makes personal data world-readable.
Status create_private_file(const std::string& path) {
  CASECTL_TRY(files::make_private_dirs(files::parent_dir(path)));
  int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) return Status::cannot_write(trf("cannot create the store {}: {}", path, std::strerror(errno)));
  if (fd >= 0) ::close(fd);
  return Status::ok();
}

int read_user_version(SQLite::Database& db) { return db.execAndGet("PRAGMA user_version").getInt(); }

// Where the store at `path` is kept as it was before a migration from `version`: beside it,
// named by the version and the moment, "cases.db.schema-13-20261202-062500.bak".
std::string pre_migration_copy_name(const std::string& path, int version) {
  std::string digits;
  for (char c : date::format_timestamp(date::now_utc()))
    if (c >= '0' && c <= '9') digits += c;
  return fmt::format("{}.schema-{}-{}-{}.bak", path, version, digits.substr(0, 8), digits.substr(8, 6));
}

// A new empty file `copy`, readable by its owner only, for the store to be copied into.
Status create_copy_file(const std::string& copy) {
  int fd = ::open(copy.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    return Status::cannot_write(
        trf("cannot keep a copy of the store before migrating it: {}: {}; nothing was changed", copy, std::strerror(errno)));
  ::close(fd);
  return Status::ok();
}

Status refuse_newer(const std::string& path, int version) {
  return Status::cannot_write(trf("the store {} was written by a newer casectl (schema version {}; this casectl knows up to {}); "
                                  "upgrade casectl to use it",
                                  path, version, current_schema_version()));
}

// The SQL functions migrations 2 and 9 call (shipped SQL, never edited): the search keys of
// lib/util/search_key.hpp and the journal hash of lib/store/journal_chain.hpp, so that those
// migrations compute what the C++ code computes. Registered on a connection only while migrations
// run (MigrationFunctions below): every statement of normal operation, and every migration from 12
// on, gets its keys from C++ (schema.hpp), so that any engine runs the same statements.
template <std::string (*Fn)(std::string_view)> void text_function(sqlite3_context* context, int, sqlite3_value** args) {
  const unsigned char* text = sqlite3_value_text(args[0]);
  std::string result = text ? Fn(reinterpret_cast<const char*>(text)) : std::string();
  sqlite3_result_text(context, result.c_str(), static_cast<int>(result.size()), SQLITE_TRANSIENT);
}

std::optional<std::string> optional_text(sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return std::nullopt;
  const unsigned char* text = sqlite3_value_text(value);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_value_bytes(value)));
}

// casectl_journal_hash(previous_hash, at, effective_on, actor, login, command, case_id, action,
// changes): journal_hash of lib/store/journal_chain.hpp, for migration 9, which chains the rows
// already stored.
void journal_hash_function(sqlite3_context* context, int, sqlite3_value** args) {
  JournalContent c;
  c.at = optional_text(args[1]).value_or("");
  c.effective_on = optional_text(args[2]);
  c.actor = optional_text(args[3]).value_or("");
  c.login = optional_text(args[4]);
  c.command = optional_text(args[5]).value_or("");
  c.case_id = optional_text(args[6]);
  c.action = optional_text(args[7]).value_or("");
  c.changes = optional_text(args[8]).value_or("");
  std::string hash = journal_hash(optional_text(args[0]).value_or(""), c);
  sqlite3_result_text(context, hash.c_str(), static_cast<int>(hash.size()), SQLITE_TRANSIENT);
}

using SqlFunction = void (*)(sqlite3_context*, int, sqlite3_value**);
struct OldMigrationFunction {
  const char* name;
  int arguments;
  SqlFunction function;
};
const OldMigrationFunction k_old_migration_functions[] = {
    {"casectl_search_key", 1, text_function<text::search_key>},
    {"casectl_phone_key", 1, text_function<text::phone_key>},
    {"casectl_phone_tokens", 1, text_function<phone_tokens>},
    {"casectl_journal_hash", 9, journal_hash_function},
};

// Registers the old migrations' SQL functions for as long as it lives; the destructor removes
// them again (no statement runs then, so SQLite allows it).
class MigrationFunctions {
 public:
  explicit MigrationFunctions(SQLite::Database& db) : m_handle(db.getHandle()) { set(true); }
  ~MigrationFunctions() { set(false); }
  MigrationFunctions(const MigrationFunctions&) = delete;
  MigrationFunctions& operator=(const MigrationFunctions&) = delete;

 private:
  void set(bool registered) {
    for (const OldMigrationFunction& f : k_old_migration_functions)
      sqlite3_create_function_v2(m_handle, f.name, f.arguments, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                 registered ? f.function : nullptr, nullptr, nullptr, nullptr);
  }
  sqlite3* m_handle;
};

std::set<std::string> objects_in(SQLite::Database& db) {
  std::set<std::string> objects;
  SQLite::Statement query(db, "SELECT m.type || ' ' || m.name FROM sqlite_master m WHERE m.name NOT LIKE 'sqlite_%' "
                              "UNION ALL SELECT 'column ' || m.name || '.' || c.name FROM sqlite_master m, "
                              "pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
  while (query.executeStep()) objects.insert(query.getColumn(0).getString());
  return objects;
}

Status refuse_damaged(const std::string& path, const std::string& what) {
  return Status::cannot_write(trf("the store {} {}; restore it from a backup (nothing was changed)", path, what));
}

// Before migrating from `version`: the tables must be those of that version, or the migrations
// would fail half way ("table assessments already exists") or build on what is not there.
Status check_tables_match(SQLite::Database& db, int version, const std::string& path) {
  if (version < 1) return Status::ok();
  std::set<std::string> present = objects_in(db);
  const std::set<std::string>& own = schema_objects_of_version(version);
  for (const std::string& object : schema_objects_of_version(current_schema_version()))
    if (!own.count(object) && present.count(object))
      return refuse_damaged(path, fmt::format("says schema version {} but has {} of a later version", version, object));
  for (const std::string& object : own)
    if ((object.rfind("table ", 0) == 0 || object.rfind("column ", 0) == 0) && !present.count(object))
      return refuse_damaged(path, fmt::format("says schema version {} but has no {}, which that version has", version, object));
  return Status::ok();
}

} // namespace

SqliteStore::SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db) : m_path(std::move(path)), m_db(std::move(db)) {}

SqliteStore::~SqliteStore() = default;

SQLite::Statement& SqliteStore::cached(const char* sql) {
  std::unique_ptr<SQLite::Statement>& statement = m_cached[sql];
  if (!statement) {
    statement = std::make_unique<SQLite::Statement>(*m_db, sql);
  } else {
    statement->reset();
    statement->clearBindings();
  }
  return *statement;
}

int SqliteStore::schema_version() const { return read_user_version(*m_db); }

std::set<std::string> SqliteStore::schema_objects() { return objects_in(*m_db); }

const std::set<std::string>& schema_objects_of_version(int version) {
  static const std::vector<std::set<std::string>> all = [] {
    std::vector<std::set<std::string>> objects(1);
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    MigrationFunctions functions(db);
    for (std::size_t migration = 0; migration < migrations().size(); ++migration) {
      run_migration(db, migration);
      objects.push_back(objects_in(db));
    }
    return objects;
  }();
  return all.at(static_cast<std::size_t>(version));
}

const std::map<std::string, std::string>& schema_triggers() {
  static const std::map<std::string, std::string> all = [] {
    SQLite::Database db(":memory:", SQLite::OPEN_READWRITE);
    MigrationFunctions functions(db);
    for (std::size_t migration = 0; migration < migrations().size(); ++migration) run_migration(db, migration);
    std::map<std::string, std::string> triggers;
    SQLite::Statement query(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
    while (query.executeStep()) triggers[query.getColumn(0).getString()] = query.getColumn(1).getString();
    return triggers;
  }();
  return all;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const OpenOptions& options) {
  const std::string& path = options.location;
  bool in_memory = path == ":memory:";
  if (!in_memory && !files::exists(path)) {
    if (options.mode == Mode::read)
      return Status::unreadable(
          trf("there is no case store at {}; create it with 'casectl init', or point --db or CASECTL_DB at yours", path));
    CASECTL_TRY(create_private_file(path));
  }
  // A store made beforehand (touch x.db) or loosened later keeps its mode, and SQLite gives the
  // WAL and shared-memory files the main file's: make all three private before SQLite opens them.
  if (!in_memory)
    for (const char* suffix : {"", "-wal", "-shm"}) CASECTL_TRY(files::make_private(path + suffix, "the store file"));
  // Several processes may create or migrate the same store at once: the switch to WAL and the
  // first reads can meet another process's lock, so a busy open is tried again until the busy
  // timeout has passed.
  std::unique_ptr<SqliteStore> store;
  auto give_up_at = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.busy_timeout_ms);
  Status status;
  for (;;) {
    status = guarded("open", path, [&] {
      auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE, options.busy_timeout_ms);
      // One statement, so both come from the same snapshot (fails with SQLITE_NOTADB on a file
      // that is not a database).
      SQLite::Statement look(*db, "SELECT (SELECT user_version FROM pragma_user_version), "
                                  "(SELECT count(*) FROM sqlite_master)");
      look.executeStep();
      int version = look.getColumn(0).getInt();
      int objects = look.getColumn(1).getInt();
      look.reset();
      if (version > current_schema_version()) return refuse_newer(path, version);
      if (version < 0)
        return refuse_damaged(
            path, fmt::format("says schema version {}, which no casectl writes (damaged, or changed by hand)", version));
      if (version == 0 && objects > 0 && db->tableExists("journal") && db->tableExists("cases"))
        return refuse_damaged(path, "says schema version 0 but has casectl's tables");
      if (version == 0 && objects > 0)
        return Status::cannot_write(
            trf("{} is a SQLite database of another program, not a casectl store; give casectl a file of its own", path));
      db->exec("PRAGMA foreign_keys = ON");
      if (!in_memory) {
        std::string mode = db->execAndGet("PRAGMA journal_mode = WAL").getString();
        if (mode != "wal") return Status::busy(trf("the store {} is busy (another casectl is setting it up); try again", path));
      }
      db->exec("PRAGMA synchronous = FULL");
      store.reset(new SqliteStore(path, std::move(db)));
      return Status::ok();
    });
    if (status.kind() != ErrorKind::busy || std::chrono::steady_clock::now() >= give_up_at) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (!status) return status;
  if (store->schema_version() < current_schema_version()) CASECTL_TRY(store->migrate());
  return store;
}

Status SqliteStore::migrate() {
  // An existing store is kept as it was, beside it, before anything changes: a migration that goes
  // wrong, or a casectl that must be rolled back, leaves the old store to go back to. Copied
  // before the write transaction (SQLite's backup cannot read through a connection that is
  // writing); another process may migrate meanwhile, and then the copy is not needed.
  int seen = read_user_version(*m_db);
  if (seen > 0 && seen < current_schema_version() && m_path != ":memory:") {
    std::string copy = pre_migration_copy_name(m_path, seen);
    CASECTL_TRY(create_copy_file(copy));
    m_migrated.copy = copy;
    Result<bool> copied = snapshot_to_file(copy);
    if (!copied) {
      remove_sqlite_file(copy);
      m_migrated = {};
      return copied.status();
    }
  }
  Status status = write([&] {
    // Read the version again under the write lock: another process may have migrated meanwhile.
    int version = read_user_version(*m_db);
    if (version > current_schema_version()) return refuse_newer(m_path, version);
    if (version < 0)
      return refuse_damaged(
          m_path, fmt::format("says schema version {}, which no casectl writes (damaged, or changed by hand)", version));
    int from = version;
    CASECTL_TRY(check_tables_match(*m_db, version, m_path));
    {
      MigrationFunctions functions(*m_db);
      for (; version < current_schema_version(); ++version) run_migration(*m_db, static_cast<std::size_t>(version));
    }
    m_db->exec(fmt::format("PRAGMA user_version = {}", version));
    if (from == version) return Status::ok();
    m_migrated.from = from;
    return append_journal(migration_entry(from, version));
  });
  // Nothing changed: the copy of the store as it was is the store itself.
  if ((!status || m_migrated.from == 0) && !m_migrated.copy.empty()) {
    remove_sqlite_file(m_migrated.copy);
    m_migrated = {};
  }
  return status;
}

Status SqliteStore::write(const std::function<Status()>& body, bool rehearse) {
  m_head.reset();                                                  // another process may have appended since the last transaction
  if (m_case_writer) m_case_writer->forget_deferred_search_rows(); // a deferral never outlives its transaction
  try {
    m_db->exec("BEGIN IMMEDIATE");
  } catch (const SQLite::Exception& e) {
    return status_from(e, "write to", m_path);
  }
  Status status;
  try {
    status = body();
    if (status && !rehearse) m_db->exec("COMMIT");
  } catch (const SQLite::Exception& e) {
    status = status_from(e, "write to", m_path);
  } catch (...) {
    try {
      m_db->exec("ROLLBACK");
    } catch (...) {}
    m_head.reset();
    throw;
  }
  if (!status || rehearse) {
    try {
      m_db->exec("ROLLBACK");
    } catch (...) {}
  }
  m_head.reset();
  return status;
}

Status SqliteStore::append_journal(const JournalEntry& entry) {
  try {
    append_journal_row(entry);
    return Status::ok();
  } catch (const SQLite::Exception& e) {
    // The head is not known any more (the row may or may not be in), nor is the statement usable.
    m_head.reset();
    if (m_journal_insert) m_journal_insert->reset();
    return status_from(e, "write to", m_path);
  }
}

void SqliteStore::append_journal_row(const JournalEntry& entry) {
  if (!m_journal_insert)
    m_journal_insert = std::make_unique<SQLite::Statement>(
        *m_db, "INSERT INTO journal (at, effective_on, actor, login, command, case_id, action, changes, previous_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?, ?)");
  if (!m_head) m_head = m_db->execAndGet("SELECT coalesce((SELECT hash FROM journal ORDER BY id DESC LIMIT 1), '')").getString();
  JournalContent content = content_of_new_row(entry);
  std::string hash = journal_hash(*m_head, content);
  SQLite::Statement& insert = *m_journal_insert;
  int column = 1;
  for (const std::string* field : std::initializer_list<const std::string*>{&content.at, &*content.effective_on, &content.actor,
                                                                            &*content.login, &content.command, &entry.case_id,
                                                                            &content.action, &content.changes, &*m_head, &hash})
    insert.bind(column++, *field);
  insert.exec();
  insert.reset();
  m_head = std::move(hash);
}

} // namespace casectl::store::sqlite
