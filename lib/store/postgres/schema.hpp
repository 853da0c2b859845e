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

#include <vector>

namespace casectl::store::postgres {

struct Migration {
  int from;        // the version it applies to (0: an empty database)
  int to;          // the version it leaves
  const char* sql; // statements without parameters, for Connection::run_script
};

// Every migration, in order; each one's `from` is the `to` of the one before.
const std::vector<Migration>& migrations();

// The schema version this program writes: the `to` of the last migration.
int current_schema_version();

} // namespace casectl::store::postgres
