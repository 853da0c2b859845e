// The store's schema as a list of forward migrations. Migration N takes version N to N+1.
// Never edit a migration that has shipped: add a new one.
#pragma once

#include "store/keys.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite

namespace casectl::store::sqlite {

// The SQL of every migration, in order; element i migrates version i to i+1.
const std::vector<const char*>& migrations();

// A migration's client step: C++ run right after the migration's SQL, in the same transaction,
// for what the SQL cannot compute without casectl's own code (keys of lib/util, re-keying rows:
// a loop over the rows that reads them, computes in C++ and writes the result). Throws
// SQLite::Exception on failure, as the SQL does. Migrations from 12 on compute keys this way only;
// the SQL functions and collation that migrations 2 and 9 call are registered on a connection
// only while those old migrations run (sqlite_store.cpp), never in normal operation.
using ClientStep = void (*)(SQLite::Database&);

// The client step of migration `migration` (element i of migrations()), or nullptr.
ClientStep client_step(std::size_t migration);

// Runs migration `migration`: its SQL, then its client step if it has one.
void run_migration(SQLite::Database& db, std::size_t migration);

// The triggers that keep the journal append-only, as the latest migration creates them ("CREATE
// TRIGGER IF NOT EXISTS ...", so that running one restores a dropped trigger and changes nothing
// else). `casectl check` looks for them by name; `check --repair` runs the SQL of missing ones.
struct Trigger {
  const char* name;
  const char* sql;
};
const std::vector<Trigger>& append_only_triggers();

// INSERT of one case_search row: ?1 the case's row id (cases.id), ?2..?6 bound by bind_search_row.
extern const char* const k_insert_search_row;
void bind_search_row(SQLite::Statement& insert, long long row, const SearchRow& values);

// Writes the index rows of every case whose row id is above `after` (0: every case), reading the
// cases and computing the keys in C++. Delete the old rows first. Used by bulk intake (the rows it
// deferred) and `check --repair` (the whole index). `national_ids` false: for a store before
// version 21 (migration 17's re-keying), whose members have no national ids.
void write_search_rows(SQLite::Database& db, long long after, bool national_ids = true);

// Writes every case's sort keys (name_sort, district_sort, manager_sort), computed in C++ from
// its name, district and case manager. Used by migration 12 and by a copy (finish_copy).
void fill_sort_keys(SQLite::Database& db);

// Bind the keys as BLOBs (an empty key as an empty BLOB, never NULL): the name's and the
// district's to parameters first and first+1; the manager's (NULL for none) to `column`.
void bind_sort_keys(SQLite::Statement& statement, int first, const SortKeys& keys);
void bind_manager_sort(SQLite::Statement& statement, int column, const std::optional<std::string>& key);

} // namespace casectl::store::sqlite
