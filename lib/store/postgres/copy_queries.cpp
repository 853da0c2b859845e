// The PostgreSQL engine's side of `store copy` (store/copy_tables.hpp): reading and inserting
// whole tables as text, emptying a store, and writing what a copy leaves out.
#include "store/postgres/pg_store.hpp"

#include "store/postgres/case_queries.hpp"
#include "store/postgres/check.hpp"
#include "store/postgres/query_values.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

namespace casectl::store::postgres {

Status PgStore::read(const std::function<Status()>& body) {
  // REPEATABLE READ: every statement of the body sees the snapshot of the first.
  CASECTL_TRY(m_connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY").status());
  Status status;
  try {
    status = body();
  } catch (...) {
    (void)m_connection.rollback();
    throw;
  }
  (void)m_connection.rollback(); // nothing was written; a lost connection has said so above
  return status;
}

Result<std::vector<std::string>> PgStore::table_columns(const std::string& table) {
  Result<const CopiedTable*> t = copied_table(table);
  if (!t) return t.status();
  // to_regclass finds the table as every query does, by the search path.
  Result<Rows> rows = m_connection.exec("SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 "
                                        "AND NOT attisdropped ORDER BY attnum",
                                        {table});
  if (!rows) return rows.status();
  std::vector<std::string> columns;
  for (const std::vector<Value>& r : rows->rows) columns.push_back(text_of(r.at(0)));
  if (columns.empty()) return Status::internal(trf("the store {} has no table {}", location(), table));
  return columns;
}

Result<long long> PgStore::count_rows(const std::string& table) {
  Result<const CopiedTable*> t = copied_table(table);
  if (!t) return t.status();
  Result<Rows> count = m_connection.exec(fmt::format("SELECT count(*) FROM \"{}\"", table));
  if (!count) return count.status();
  return number_of(count->rows.at(0).at(0));
}

Status PgStore::each_table_row(const std::string& table, const std::vector<std::string>& columns,
                               const std::function<Status(const TableRow&)>& each) {
  Result<const CopiedTable*> t = copied_table(table);
  if (!t) return t.status();
  return m_connection.each_row(fmt::format("SELECT {} FROM \"{}\" ORDER BY {}", quoted_columns(columns), table, (*t)->order_by),
                               {}, [&](const std::vector<Value>& row) { return each(row); });
}

Status PgStore::each_case_row(const std::string& table, const std::vector<std::string>& columns, long long first, long long last,
                              const std::function<Status(const TableRow&)>& each) {
  Result<const CopiedTable*> t = copied_table(table);
  if (!t) return t.status();
  Result<std::string> condition = case_range_condition(**t, "$1::bigint", "$2::bigint");
  if (!condition) return condition.status();
  return m_connection.each_row(
      fmt::format("SELECT {} FROM \"{}\" WHERE {} ORDER BY {}", quoted_columns(columns), table, *condition, (*t)->order_by),
      {std::to_string(first), std::to_string(last)}, [&](const std::vector<Value>& row) { return each(row); });
}

Result<std::string> PgStore::store_id() {
  Result<Rows> id = m_connection.exec("SELECT store_id FROM store_identity");
  if (!id) return id.status();
  if (id->rows.empty()) return Status::internal(trf("the store {} has no id (table store_identity is empty)", location()));
  return text_of(id->rows.at(0).at(0));
}

Status PgStore::set_store_id(const std::string& id) {
  CASECTL_TRY(m_connection.exec("DELETE FROM store_identity").status());
  return m_connection.exec("INSERT INTO store_identity (store_id) VALUES ($1)", {id}).status();
}

Result<long long> PgStore::last_row_id(const std::string& table) {
  Result<const CopiedTable*> t = copied_table(table);
  if (!t) return t.status();
  Result<Rows> last = m_connection.exec(fmt::format("SELECT coalesce(max(id), 0) FROM \"{}\"", table));
  if (!last) return last.status();
  return number_of(last->rows.at(0).at(0));
}

Status PgStore::delete_case(long long row) {
  // The foreign keys take every row of the case with it (ON DELETE CASCADE), its search row too.
  return m_connection.exec("DELETE FROM cases WHERE id = $1::bigint", {std::to_string(row)}).status();
}

Status PgStore::delete_staff(const std::string& login) {
  return m_connection.exec("DELETE FROM staff WHERE login = $1", {login}).status();
}

Status PgStore::insert_table_rows(const std::string& table, const std::vector<std::string>& columns,
                                  const std::vector<TableRow>& rows) {
  Result<const CopiedTable*> t = copied_table(table);
  if (!t) return t.status();
  if (rows.empty()) return Status::ok();
  if (rows.size() > copy_batch_rows(columns.size()))
    return Status::internal(
        trf("{} rows of {} given to insert at once; at most {}", rows.size(), table, copy_batch_rows(columns.size())));
  // One COPY for the batch: a round trip per row made a copy of 20,000 cases take minutes, and a
  // multi-row INSERT of 60,000 parameters costs the server more to parse than to insert.
  return m_connection.copy_rows(fmt::format("\"{}\"", table), quoted_columns(columns), rows);
}

Status PgStore::empty_store() {
  std::string tables = "case_search";
  for (const CopiedTable& t : copied_tables()) tables += fmt::format(", \"{}\"", t.name);
  // The journal refuses TRUNCATE by a trigger: set aside for this statement, inside this
  // transaction, and put back before anything else can see the table (ALTER TABLE holds the
  // table's exclusive lock until the transaction ends).
  CASECTL_TRY(m_connection.run_script(fmt::format("ALTER TABLE journal DISABLE TRIGGER journal_no_truncate;\n"
                                                  "TRUNCATE {} RESTART IDENTITY;\n"
                                                  "ALTER TABLE journal ENABLE TRIGGER journal_no_truncate",
                                                  tables)));
  m_head.reset();
  return Status::ok();
}

Status PgStore::finish_copy() {
  CASECTL_TRY(write_sort_keys(*this));
  Result<bool> rebuilt = rebuild_search_index(*this);
  if (!rebuilt) return rebuilt.status();
  // Rows came with their ids: each identity counter starts past the largest, so that the next
  // case, journal row... gets a new one.
  // The planner's statistics of the tables just filled: without them the reads that follow (the
  // copy's verification, then every command) scan whole tables, 100 ms a case at 100,000 cases.
  std::string analyzed;
  for (const CopiedTable& t : copied_tables()) analyzed += fmt::format("{}\"{}\"", analyzed.empty() ? "" : ", ", t.name);
  CASECTL_TRY(m_connection.exec("ANALYZE " + analyzed + ", case_search").status());
  for (const CopiedTable& t : copied_tables()) {
    if (std::string(t.order_by) != "id") continue;
    CASECTL_TRY(m_connection
                    .exec(fmt::format("SELECT setval(pg_get_serial_sequence('\"{0}\"', 'id'), "
                                      "coalesce((SELECT max(id) FROM \"{0}\"), 0) + 1, false)",
                                      t.name))
                    .status());
  }
  return Status::ok();
}

} // namespace casectl::store::postgres
