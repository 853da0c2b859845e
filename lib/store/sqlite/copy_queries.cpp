// The SQLite engine's side of `store copy` (store/copy_tables.hpp): reading and inserting whole
// tables as text, emptying a store, and writing what a copy leaves out.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/schema.hpp"
#include "store/sqlite/sql_text.hpp"
#include "util/messages.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace casectl::store::sqlite {

Status SqliteStore::read(const std::function<Status()>& body) {
  try {
    // A deferred transaction: WAL gives it one snapshot from its first read to its end, and
    // writers go on meanwhile.
    m_db->exec("BEGIN");
  } catch (const SQLite::Exception& e) {
    return status_from(e, "read", m_path);
  }
  Status status;
  try {
    status = body();
  } catch (const SQLite::Exception& e) {
    status = status_from(e, "read", m_path);
  } catch (...) {
    try {
      m_db->exec("ROLLBACK");
    } catch (...) {}
    throw;
  }
  try {
    m_db->exec("ROLLBACK"); // nothing was written: ending the snapshot is all there is to do
  } catch (...) {}
  return status;
}

Result<std::vector<std::string>> SqliteStore::table_columns(const std::string& table) {
  return guard(m_path, "read", [&]() -> Result<std::vector<std::string>> {
    Result<const CopiedTable*> t = copied_table(table);
    if (!t) return t.status();
    SQLite::Statement info(*m_db, fmt::format("SELECT name FROM pragma_table_info('{}') ORDER BY cid", table));
    std::vector<std::string> columns;
    while (info.executeStep()) columns.push_back(info.getColumn(0).getString());
    if (columns.empty()) return Status::internal(trf("the store {} has no table {}", m_path, table));
    return columns;
  });
}

Result<long long> SqliteStore::count_rows(const std::string& table) {
  return guard(m_path, "read", [&]() -> Result<long long> {
    Result<const CopiedTable*> t = copied_table(table);
    if (!t) return t.status();
    SQLite::Statement count(*m_db, fmt::format("SELECT count(*) FROM \"{}\"", table));
    count.executeStep();
    return static_cast<long long>(count.getColumn(0).getInt64());
  });
}

namespace {

// Calls `each` for every row `rows` gives, its columns as copy_tables.hpp says rows travel.
Status each_row_as_text(SQLite::Statement& rows, const std::string& table, const std::vector<std::string>& columns,
                        const std::function<Status(const TableRow&)>& each) {
  TableRow row(columns.size());
  while (rows.executeStep()) {
    for (int i = 0; i < static_cast<int>(columns.size()); ++i) {
      SQLite::Column value = rows.getColumn(i);
      if (value.isNull()) row[i].reset();
      else if (value.isInteger()) row[i] = std::to_string(value.getInt64());
      else if (value.isText()) row[i] = value.getString();
      else
        return Status::internal(trf("{}.{} holds a value that is neither text nor an integer; a copy cannot "
                                    "carry it ('casectl check' looks at the store)",
                                    table, columns[i]));
    }
    CASECTL_TRY(each(row));
  }
  return Status::ok();
}

} // namespace

Status SqliteStore::each_table_row(const std::string& table, const std::vector<std::string>& columns,
                                   const std::function<Status(const TableRow&)>& each) {
  return guard(m_path, "read", [&]() -> Status {
    Result<const CopiedTable*> t = copied_table(table);
    if (!t) return t.status();
    SQLite::Statement rows(*m_db,
                           fmt::format("SELECT {} FROM \"{}\" ORDER BY {}", quoted_columns(columns), table, (*t)->order_by));
    return each_row_as_text(rows, table, columns, each);
  });
}

Status SqliteStore::each_case_row(const std::string& table, const std::vector<std::string>& columns, long long first,
                                  long long last, const std::function<Status(const TableRow&)>& each) {
  return guard(m_path, "read", [&]() -> Status {
    Result<const CopiedTable*> t = copied_table(table);
    if (!t) return t.status();
    Result<std::string> condition = case_range_condition(**t, "?1", "?2");
    if (!condition) return condition.status();
    SQLite::Statement rows(*m_db, fmt::format("SELECT {} FROM \"{}\" WHERE {} ORDER BY {}", quoted_columns(columns), table,
                                              *condition, (*t)->order_by));
    rows.bind(1, static_cast<int64_t>(first));
    rows.bind(2, static_cast<int64_t>(last));
    return each_row_as_text(rows, table, columns, each);
  });
}

Result<std::string> SqliteStore::store_id() {
  return guard(m_path, "read", [&]() -> Result<std::string> {
    SQLite::Statement id(*m_db, "SELECT store_id FROM store_identity");
    if (!id.executeStep()) return Status::internal(trf("the store {} has no id (table store_identity is empty)", m_path));
    return id.getColumn(0).getString();
  });
}

Status SqliteStore::set_store_id(const std::string& id) {
  return guard(m_path, "write to", [&]() -> Status {
    m_db->exec("DELETE FROM store_identity");
    SQLite::Statement insert(*m_db, "INSERT INTO store_identity (store_id) VALUES (?)");
    insert.bind(1, id);
    insert.exec();
    return Status::ok();
  });
}

Result<long long> SqliteStore::last_row_id(const std::string& table) {
  return guard(m_path, "read", [&]() -> Result<long long> {
    Result<const CopiedTable*> t = copied_table(table);
    if (!t) return t.status();
    SQLite::Statement last(*m_db, fmt::format("SELECT coalesce(max(id), 0) FROM \"{}\"", table));
    last.executeStep();
    return static_cast<long long>(last.getColumn(0).getInt64());
  });
}

Status SqliteStore::delete_case(long long row) {
  return guard(m_path, "write to", [&]() -> Status {
    // The foreign keys take every row of the case with it (ON DELETE CASCADE).
    SQLite::Statement search(*m_db, "DELETE FROM case_search WHERE rowid = ?");
    search.bind(1, static_cast<int64_t>(row));
    search.exec();
    SQLite::Statement c(*m_db, "DELETE FROM cases WHERE id = ?");
    c.bind(1, static_cast<int64_t>(row));
    c.exec();
    return Status::ok();
  });
}

Status SqliteStore::delete_staff(const std::string& login) {
  return guard(m_path, "write to", [&]() -> Status {
    SQLite::Statement staff(*m_db, "DELETE FROM staff WHERE login = ?");
    staff.bind(1, login);
    staff.exec();
    return Status::ok();
  });
}

Status SqliteStore::insert_table_rows(const std::string& table, const std::vector<std::string>& columns,
                                      const std::vector<TableRow>& rows) {
  return guard(m_path, "write to", [&]() -> Status {
    Result<const CopiedTable*> t = copied_table(table);
    if (!t) return t.status();
    std::unique_ptr<SQLite::Statement>& insert = m_copy_inserts[table];
    if (!insert) {
      std::string marks;
      for (std::size_t i = 0; i < columns.size(); ++i) marks += i ? ", ?" : "?";
      insert = std::make_unique<SQLite::Statement>(
          *m_db, fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", table, quoted_columns(columns), marks));
    }
    // Text into a column of INTEGER affinity is stored as the integer it spells, as SQLite does
    // for every statement: what PostgreSQL gives as "12" lands as 12.
    for (const TableRow& row : rows) {
      for (int i = 0; i < static_cast<int>(row.size()); ++i) {
        if (row[i]) insert->bind(i + 1, *row[i]);
        else insert->bind(i + 1);
      }
      insert->exec();
      insert->reset();
    }
    return Status::ok();
  });
}

Status SqliteStore::empty_store() {
  return guard(m_path, "write to", [&]() -> Status {
    const std::string& recreate = schema_triggers().at("journal_no_delete");
    m_db->exec("DROP TRIGGER IF EXISTS journal_no_delete");
    const std::vector<CopiedTable>& tables = copied_tables();
    for (auto t = tables.rbegin(); t != tables.rend(); ++t) m_db->exec(fmt::format("DELETE FROM \"{}\"", t->name));
    m_db->exec("DELETE FROM case_search");
    m_db->exec(recreate);
    m_head.reset();
    return Status::ok();
  });
}

Status SqliteStore::finish_copy() {
  return guard(m_path, "write to", [&]() -> Status {
    fill_sort_keys(*m_db);
    m_db->exec("DELETE FROM case_search");
    write_search_rows(*m_db, 0);
    // Ids need nothing: an INTEGER PRIMARY KEY takes the largest id + 1 next.
    return Status::ok();
  });
}

Result<bool> SqliteStore::snapshot_to_file(const std::string& path) {
  return guard(m_path, "back up", [&]() -> Result<bool> {
    SQLite::Database target(path, SQLite::OPEN_READWRITE);
    // All pages in one step: the step reads one snapshot of the store (WAL lets writers go on),
    // where steps of a few pages would start again whenever another process wrote meanwhile.
    SQLite::Backup backup(target, *m_db);
    if (backup.executeStep(-1) != SQLITE_DONE)
      return Status::busy(trf("the store {} stayed locked while it was backed up; try again", m_path));
    return true;
  });
}

Result<std::vector<std::string>> SqliteStore::create_district_roles(const std::vector<std::string>&) {
  return Status::usage(trf("district roles need a PostgreSQL store: {} is a SQLite file, which has no roles "
                           "(whoever can open the file sees every case); a region moves its offices to one "
                           "PostgreSQL store with 'casectl store copy --to postgresql://...'",
                           m_path));
}

} // namespace casectl::store::sqlite
