// What `store copy` carries from one store to another, whatever their engines.
//
// A store is copied table by table, in the order of copied_tables() (a table after those its rows
// refer to), every row with its ids, as text: integers in decimal, text as it is, NULL as
// std::nullopt. Both engines keep the same tables with the same columns at a given schema version
// (lib/store/postgres/schema.cpp says how the types map), so a row read from one inserts into the
// other as it is. Left out, and written again on the target from what was copied
// (CaseStore::finish_copy): the search index (SQLite's FTS5 table, PostgreSQL's tsvectors) and
// the sort keys (derived_columns()), whose forms differ between the engines; and the schema's
// own bookkeeping (SQLite's user_version, PostgreSQL's casectl_meta), which the target keeps.
#pragma once

#include "util/status.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace casectl::store {

// One row as it travels: one value per column, in the order of the column list it was read with.
using TableRow = std::vector<std::optional<std::string>>;

struct CopiedTable {
  const char* name;
  const char* order_by; // the table's key: rows are read in this order, and so inserted
  // How a row belongs to a case (export and import move cases with everything that is theirs):
  // `case_column` holds the case's row id ("id" in cases itself, "case_row" in most), or, with
  // `parent`, the id of a row of that table which holds it (plan_goals.plan_id -> plans). nullptr:
  // the table is the store's, not a case's (staff, counters, the journal, which names the case by
  // its case id).
  const char* case_column = nullptr;
  const char* parent = nullptr;
};

// Every table a copy carries, parents before children.
const std::vector<CopiedTable>& copied_tables();

// The columns of `table` that are computed from the others and written by finish_copy(), not
// copied: cases' sort keys.
const std::vector<std::string>& derived_columns(const std::string& table);

// The table of that name, or Status::internal when a copy does not carry it. Engines check every
// table name a caller gives against this list before putting it in SQL.
Result<const CopiedTable*> copied_table(const std::string& name);

// The SQL condition that picks the rows of `table` belonging to the cases whose row ids lie from
// the parameter `first` to the parameter `last` (each as the engine spells a parameter: "?1",
// "$1"); Status::internal for a table that is not a case's.
Result<std::string> case_range_condition(const CopiedTable& table, const std::string& first, const std::string& last);

// How many rows of `columns` columns go into one insert_table_rows: a thousand, fewer of a wide
// table (at most 60,000 values), so that memory holds one batch and a server gets few round trips.
std::size_t copy_batch_rows(std::size_t columns);

// The column names double-quoted and joined by ", ", as both engines' SQL spells a column list.
std::string quoted_columns(const std::vector<std::string>& columns);

} // namespace casectl::store
