// The PostgreSQL store's schema as a list of forward migrations, versioned like the SQLite store's
// (lib/store/sqlite/schema.hpp) and equal in meaning at the same version: the same tables, columns,
// CHECKs, foreign keys and indexes, the journal append-only, the history of cases kept by triggers.
//
// A PostgreSQL store starts at version 11: its first migration builds everything that SQLite's
// eleven build one by one. Later versions add one migration per version, the same number as
// SQLite's. The version is in the meta table, `casectl_meta (key, value)`, key 'schema_version';
// the migrations of one open, with the new version, run in one transaction. Never edit a migration
// that has shipped: add a new one.
#pragma once

#include "util/status.hpp"

#include <string>
#include <vector>

namespace casectl::store::postgres {

class Connection;

// A migration's client step: C++ run right after its SQL, in the same transaction, for what the
// SQL cannot compute without casectl's own code (re-keying rows with lib/util's keys), as SQLite's
// client steps (lib/store/sqlite/schema.hpp).
using ClientStep = Status (*)(Connection&);

struct Migration {
  int from;          // the version it applies to (0: an empty database)
  int to;            // the version it leaves
  const char* sql;   // statements without parameters, for Connection::run_script
  ClientStep client; // run after `sql`, or nullptr
};

// Every migration, in order; each one's `from` is the `to` of the one before.
const std::vector<Migration>& migrations();

// The schema version this program writes: the `to` of the last migration.
int current_schema_version();

// A PL/pgSQL function that triggers call. Its body is what the server keeps as its source
// (pg_proc.prosrc), so that `casectl check` can tell casectl's function from one replaced since.
struct TriggerFunction {
  const char* name; // casectl_...
  const char* body; // between the $$ of CREATE FUNCTION
};

// The triggers of the latest schema, the names SQLite's. The first migration creates them with
// their functions (create_trigger_functions(), then each `sql`); `casectl check` looks for each
// one as `sql` defines it, enabled and calling its function; `check --repair` runs the same
// statements for those missing, disabled or changed.
struct Trigger {
  const char* name;     // SQLite's name
  const char* table;    // the table it is on
  const char* function; // the TriggerFunction it executes
  bool journal;         // it keeps the journal append-only (else it keeps the history reports read)
  const char* sql;      // CREATE TRIGGER ...
};

const std::vector<TriggerFunction>& trigger_functions();
const std::vector<Trigger>& schema_triggers();

// CREATE OR REPLACE FUNCTION of every trigger function, one statement each: it restores a
// function dropped or changed since and changes nothing where they are casectl's.
std::string create_trigger_functions();

// Writes the search-index row (case_search) of every case, which must have none yet, from the case
// as stored: the keys computed in C++ (store::search_row, as insert_case writes them) from one
// streamed query, COPYed a thousand at a time. Migration 17 re-keys with it, `check --repair` and
// a copy's finish_copy rebuild the index with it. `national_ids` false: for a store before version 21
// (migration 17), whose members have no national ids.
Status write_search_rows(Connection& db, bool national_ids = true);

// The tables, columns, indexes and foreign keys the schema of `version` has ("table cases",
// "column cases.status", "index cases_status", "foreign key members.case_row -> cases.id"), read
// from the migrations' own statements.
std::vector<std::string> schema_objects_of_version(int version);

} // namespace casectl::store::postgres
