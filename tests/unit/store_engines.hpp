// The storage engines a test store can be opened with: the one list every unit test of lib/cases
// and of the store contract (store/case_store.hpp) runs against.
//
// How: such a test is a doctest TEST_CASE_TEMPLATE over CASECTL_STORE_ENGINES and gets its store
// from `Engine::open()` (a fresh, empty store in Mode::write), never from store::open or an
// engine's own type:
//
//   TEST_CASE_TEMPLATE("intake_case numbers cases per year", Engine, CASECTL_STORE_ENGINES) {
//     std::unique_ptr<store::CaseStore> s = Engine::open();
//     ...
//   }
//
// doctest instantiates the test once per engine, as a test case of its own named after it
// ("intake_case numbers cases per year<sqlite-memory>"), with its SUBCASEs run for each, so a
// failure names the engine and `-tc='*<sqlite-memory>'` runs one engine. An engine is added by
// writing a struct like SqliteInMemory below, naming it with TYPE_TO_STRING_AS, and adding it to
// CASECTL_STORE_ENGINES; nothing else changes. The PostgreSQL engine's instances need the test
// server (postgres_server.hpp): without it, main.cpp leaves out every test named `*<postgresql>`.
//
// Each engine also runs read-only SQL on its own connection, for the facts no CaseStore method
// shows (rows left behind by a refused change, the links between cases, every row a review
// writes): `count(store, sql)` gives the number a count query gives, `rows(store, sql)` the rows
// as text, a line per row, columns joined by "|" (NULL as ""). The tests' SQL is plain SQL over
// the tables of the schema; an engine with other tables answers it through views of its own.
//
// Tests of one engine's internals (SQLite's migrations, PRAGMAs, file modes, raw-SQL tampering)
// do not use this list: they open that engine directly and say so in their names.
#pragma once

#include "store/case_store.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "postgres_server.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

namespace casectl::testing {

// SQLite, the whole store in memory: nothing on disk, gone when closed.
struct SqliteInMemory {
  static std::unique_ptr<store::CaseStore> open() {
    Result<std::unique_ptr<store::CaseStore>> s = store::open({":memory:", 5000, store::Mode::write});
    REQUIRE_MESSAGE(s.is_ok(), s.status().message());
    return std::move(*s);
  }
  static long long count(store::CaseStore& s, const std::string& sql) {
    return dynamic_cast<store::sqlite::SqliteStore&>(s).db().execAndGet(sql).getInt64();
  }
  static std::string rows(store::CaseStore& s, const std::string& sql) {
    SQLite::Statement q(dynamic_cast<store::sqlite::SqliteStore&>(s).db(), sql);
    std::string out;
    while (q.executeStep()) {
      for (int i = 0; i < q.getColumnCount(); ++i) out += (i ? "|" : "") + q.getColumn(i).getString();
      out += "\n";
    }
    return out;
  }
};

// PostgreSQL, each store in a schema of its own on the test server, dropped when the tests end.
struct Postgres {
  static std::unique_ptr<store::CaseStore> open() {
    static std::vector<std::unique_ptr<PostgresSchema>> schemas;
    schemas.push_back(std::make_unique<PostgresSchema>());
    Result<std::unique_ptr<store::postgres::PgStore>> s =
        store::postgres::PgStore::open({schemas.back()->url, 5000, store::Mode::write});
    REQUIRE_MESSAGE(s.is_ok(), s.status().message());
    return std::unique_ptr<store::CaseStore>(std::move(*s));
  }
  static store::postgres::Rows query(store::CaseStore& s, const std::string& sql) {
    Result<store::postgres::Rows> rows = dynamic_cast<store::postgres::PgStore&>(s).connection().exec(sql);
    REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
    return std::move(*rows);
  }
  static long long count(store::CaseStore& s, const std::string& sql) {
    store::postgres::Rows rows = query(s, sql);
    REQUIRE(!rows.rows.empty());
    return std::stoll(rows.rows[0].at(0).value_or("0"));
  }
  static std::string rows(store::CaseStore& s, const std::string& sql) {
    std::string out;
    for (const std::vector<store::postgres::Value>& row : query(s, sql).rows) {
      for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("");
      out += "\n";
    }
    return out;
  }
};

} // namespace casectl::testing

TYPE_TO_STRING_AS("sqlite-memory", casectl::testing::SqliteInMemory);
TYPE_TO_STRING_AS("postgresql", casectl::testing::Postgres);

// Every engine the contract tests run against, as a TEST_CASE_TEMPLATE type list.
#define CASECTL_STORE_ENGINES casectl::testing::SqliteInMemory, casectl::testing::Postgres
