// `casectl check` on the PostgreSQL engine: the contract's check(), repair() and
// missing_triggers() (store/case_store.hpp) as free functions taking the store, which PgStore
// forwards to. The checks have the SQLite engine's names, in the same order, and say the same
// where they find the same (lib/store/sqlite/check.hpp); each checks what PostgreSQL can:
//
// - integrity: PostgreSQL has no integrity_check. Checked: every constraint is validated
//   (pg_constraint.convalidated) and every index valid and ready (pg_index); with the amcheck
//   extension installed in the database, verify_heapam on every table of the store and
//   bt_index_check on every B-tree index. Without amcheck, or without the right to run it, the
//   detail says what was not read (and the check is not failed for it).
// - foreign-keys: every foreign key's rows are looked for, whatever the constraint says (rows can
//   be orphaned by a superuser who disabled the constraint's triggers).
// - schema-version: the version, and every table, column and index the migrations create.
// - trigger NAME (one per append-only journal trigger: journal_no_update, journal_no_delete and,
//   PostgreSQL's alone, journal_no_truncate) and history-triggers: each present on its table,
//   enabled (pg_trigger.tgenabled 'O' or 'A'; 'D' is disabled, 'R' fires only in replica
//   sessions), on the schema's events, columns and arguments, and calling casectl's function with
//   casectl's source. Not compared: the text of a WHEN condition (only that there is one).
// - search-index: see check_search_index below.
// - case-id-counters, case-status (store/status_check.hpp), journal-chain, journal-head: as on
//   SQLite.
//
// A check whose statement fails (a table dropped) is that check failing; a busy store or a lost
// connection ends the run with that Status.
#pragma once

#include "model/check.hpp"
#include "store/postgres/pg_store.hpp"
#include "util/status.hpp"

#include <string>
#include <vector>

namespace casectl::store::postgres {

// Runs every check, in the order of CheckResult's names, in one read-only transaction of its own
// (one snapshot for all): not inside PgStore::write(). Fails only when the store cannot be read
// (busy, the connection lost); a failed check is a result, not a failure.
Result<std::vector<CheckResult>> check(PgStore& store, const CheckOptions& options);

// The triggers of the schema (append-only and history) that are missing, disabled, not as the
// schema creates them or no longer calling casectl's function, by name, in the schema's order.
// Not an error: none.
Result<std::vector<std::string>> missing_triggers(PgStore& store);

// Restores the triggers missing_triggers() names (the schema's own statements: the functions
// created or replaced, each trigger dropped if there and created again) and rebuilds the search
// index when it is out of step. Returns what it did, one phrase each ("trigger NAME restored");
// nothing for a sound store. Never touches the journal's rows. Call inside PgStore::write().
Result<std::vector<std::string>> repair(PgStore& store);

// The search index against the cases. The PostgreSQL engine has no search index yet (the
// pg-search branch adds its table): until then this says it was not checked, and
// rebuild_search_index does nothing. Fill both in where the index arrives.
Result<CheckResult> check_search_index(PgStore& store);
// Rebuilds the search index from the cases; true when it did. Inside PgStore::write().
Result<bool> rebuild_search_index(PgStore& store);

// Deletes the search index and writes every case's row again from the case as stored; true when
// it did. Inside PgStore::write() (repair, a copy's finish_copy).
Result<bool> rebuild_search_index(PgStore& store);

} // namespace casectl::store::postgres
