// The PostgreSQL server the PostgreSQL engine's tests run against: the one CASECTL_TEST_POSTGRES
// names (scripts/test starts a throwaway cluster for it, tests/pg/cluster.sh). Without the
// variable those tests are skipped (doctest::skip(no_server())), and say so in a MESSAGE.
#pragma once

#include "store/postgres/connection.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

namespace casectl::testing {

inline const char* postgres_url() { return std::getenv("CASECTL_TEST_POSTGRES"); }
inline bool no_server() { return postgres_url() == nullptr || *postgres_url() == '\0'; }

// A connection that must open.
inline store::postgres::Connection connected(const std::string& url) {
  Result<store::postgres::Connection> connection = store::postgres::Connection::open(url);
  REQUIRE_MESSAGE(connection.is_ok(), connection.status().message());
  return std::move(*connection);
}

// A schema of one test's own, empty, dropped at the end; `url` connects with it first on the
// search_path, so that a store's tables are made in it and test processes running at once on one
// server never meet.
struct PostgresSchema {
  std::string name;
  std::string url;
  PostgresSchema() {
    static std::atomic<int> made{0};
    name = fmt::format("casectl_store_{}_{}", ::getpid(), made++);
    std::string base = postgres_url();
    url = fmt::format("{}{}options=-csearch_path%3D{}", base, base.find('?') == std::string::npos ? "?" : "&", name);
    store::postgres::Connection connection = connected(base);
    REQUIRE(connection.run_script(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", name)).is_ok());
  }
  ~PostgresSchema() {
    if (Result<store::postgres::Connection> connection = store::postgres::Connection::open(postgres_url()))
      (void)connection->run_script(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", name));
  }
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  // A connection of the test's own (a superuser's, on the test cluster) to the schema.
  store::postgres::Connection connection() const { return connected(url); }
};

} // namespace casectl::testing
