// The PostgreSQL connection (lib/store/postgres/connection.hpp), against a real server: the one
// CASECTL_TEST_POSTGRES names (a libpq URL). scripts/test and .ci/run start a throwaway cluster
// for it (tests/pg/cluster.sh); without the variable these tests are skipped, and say so. The
// connection failures that need no server run always.
//
// The messages checked word for word are those of an English-speaking server (the throwaway
// cluster's lc_messages is C.UTF-8).
#include "store/postgres/connection.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>

using namespace casectl;
using store::postgres::Connection;
using store::postgres::Rows;
using store::postgres::Value;

namespace {

const char* postgres_url() { return std::getenv("CASECTL_TEST_POSTGRES"); }
bool no_server() { return postgres_url() == nullptr || *postgres_url() == '\0'; }

Connection connected(const std::string& url) {
  Result<Connection> connection = Connection::open(url);
  REQUIRE_MESSAGE(connection.is_ok(), connection.status().message());
  return std::move(*connection);
}
Connection connected() { return connected(postgres_url()); }

Rows rows_of(Connection& connection, const std::string& sql, const std::vector<Value>& params = {}) {
  Result<Rows> rows = connection.exec(sql, params);
  REQUIRE_MESSAGE(rows.is_ok(), rows.status().message());
  return *rows;
}

// The one value of a one-row, one-column query.
Value value_of(Connection& connection, const std::string& sql, const std::vector<Value>& params = {}) {
  Rows rows = rows_of(connection, sql, params);
  REQUIRE(rows.rows.size() == 1);
  REQUIRE(rows.rows[0].size() == 1);
  return rows.rows[0][0];
}

// The URL with one more parameter (?dbname=... or &dbname=...), which overrides what the URL said.
std::string with_parameter(const std::string& url, const std::string& parameter) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + parameter;
}

// A schema of this test process's own, with a table t (id, note), dropped at the end: the
// server may be shared with other test processes running at the same time.
struct Scratch {
  std::string schema = fmt::format("casectl_unit_{}", ::getpid());
  std::string table = schema + ".t";
  Scratch() {
    Connection connection = connected();
    REQUIRE(connection
                .run_script(fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}; "
                                        "CREATE TABLE {0}.t (id integer PRIMARY KEY, note text)",
                                        schema))
                .is_ok());
  }
  ~Scratch() {
    if (Result<Connection> connection = Connection::open(postgres_url()))
      (void)connection->run_script(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", schema));
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
};

// Sets an environment variable for one test and puts the one before back.
struct EnvironmentForTest {
  std::string name;
  std::optional<std::string> before;
  EnvironmentForTest(std::string variable, const std::string& value) : name(std::move(variable)) {
    if (const char* old = std::getenv(name.c_str())) before = old;
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~EnvironmentForTest() {
    if (before) ::setenv(name.c_str(), before->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
  EnvironmentForTest(const EnvironmentForTest&) = delete;
  EnvironmentForTest& operator=(const EnvironmentForTest&) = delete;
};

// What the process wrote to its standard error while `body` ran.
template <class Body> std::string stderr_of(Body body) {
  testing::TempDir dir;
  std::string file = dir.path("stderr");
  std::fflush(stderr);
  int saved = ::dup(2);
  std::FILE* capture = std::fopen(file.c_str(), "w");
  REQUIRE(capture);
  ::dup2(::fileno(capture), 2);
  body();
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::fclose(capture);
  return testing::slurp(file);
}

} // namespace

TEST_CASE("PostgreSQL connection tests run only with CASECTL_TEST_POSTGRES set") {
  if (no_server())
    MESSAGE("the PostgreSQL connection tests did NOT run: CASECTL_TEST_POSTGRES is not set. "
            "./scripts/test starts a throwaway server for them (tests/pg/cluster.sh), or set it to a libpq URL yourself.");
  else MESSAGE("the PostgreSQL connection tests run against " << connected().server_name());
}

TEST_CASE("exec returns rows as text, SQL NULL apart from an empty string" * doctest::skip(no_server())) {
  Connection connection = connected();
  Rows rows = rows_of(connection, "SELECT 1 AS one, 'Семёнова Әлия' AS name, NULL::text AS nothing, '' AS empty, true AS yes");
  CHECK(rows.columns == std::vector<std::string>{"one", "name", "nothing", "empty", "yes"});
  REQUIRE(rows.rows.size() == 1);
  CHECK(rows.rows[0] == std::vector<Value>{"1", "Семёнова Әлия", std::nullopt, "", "t"});
  CHECK(rows.affected == 1);

  SUBCASE("no rows") {
    Rows none = rows_of(connection, "SELECT 1 AS one WHERE false");
    CHECK(none.columns == std::vector<std::string>{"one"});
    CHECK(none.rows.empty());
    CHECK(none.affected == 0);
  }
}

TEST_CASE("exec passes parameters as text, std::nullopt as NULL, never into the SQL" * doctest::skip(no_server())) {
  Connection connection = connected();
  Rows rows = rows_of(connection, "SELECT $1::int + $2::int, $3::text IS NULL, $4::text, length($5)",
                      {"2", "3", std::nullopt, "'; DROP SCHEMA public CASCADE; --", "қ"});
  CHECK(rows.rows[0] == std::vector<Value>{"5", "t", "'; DROP SCHEMA public CASCADE; --", "1"});

  SUBCASE("a parameter the server cannot read as its type is an error of the statement") {
    Result<Rows> bad = connection.exec("SELECT $1::int", {"пять"});
    REQUIRE(!bad.is_ok());
    CHECK(bad.status().kind() == ErrorKind::internal);
    CHECK(bad.status().message() ==
          fmt::format("cannot run a statement on the store {}: invalid input syntax for type integer: \"пять\"",
                      connection.server_name()));
  }
}

TEST_CASE("a statement with parameters is prepared once and answers each run with its own values" * doctest::skip(no_server())) {
  Connection connection = connected();
  const std::string sql = "SELECT $1::int * 2, $2::text";
  for (int i = 1; i <= 3; ++i)
    CHECK(rows_of(connection, sql, {std::to_string(i), "run " + std::to_string(i)}).rows[0] ==
          std::vector<Value>{std::to_string(2 * i), "run " + std::to_string(i)});
  CHECK(value_of(connection, "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", {sql}) == "1");

  SUBCASE("a statement that cannot be prepared fails as it would have run, each time") {
    for (int i = 0; i < 2; ++i) {
      Result<Rows> bad = connection.exec("SELECT $1::int FROM no_such_table", {"1"});
      REQUIRE(!bad.is_ok());
      CHECK(bad.status().message().find("relation \"no_such_table\" does not exist") != std::string::npos);
    }
    CHECK(value_of(connection, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%no_such_table%'") == "0");
  }
  SUBCASE("a prepared statement outlives a transaction rolled back, and still sees later rows") {
    Scratch scratch;
    const std::string count = fmt::format("SELECT count(*) FROM {} WHERE id > $1", scratch.table);
    REQUIRE(connection.begin().is_ok());
    CHECK(value_of(connection, count, {"0"}) == "0");
    REQUIRE(connection.rollback().is_ok());
    REQUIRE(connection.run_script(fmt::format("INSERT INTO {} VALUES (1, 'a'), (2, 'b')", scratch.table)).is_ok());
    CHECK(value_of(connection, count, {"0"}) == "2");
  }
}

TEST_CASE("exec counts the rows a statement changed" * doctest::skip(no_server())) {
  Scratch scratch;
  Connection connection = connected();
  CHECK(rows_of(connection, fmt::format("INSERT INTO {} VALUES (1, 'a'), (2, 'b'), (3, NULL)", scratch.table)).affected == 3);
  CHECK(rows_of(connection, fmt::format("UPDATE {} SET note = 'c' WHERE note IS NOT NULL", scratch.table)).affected == 2);
  CHECK(rows_of(connection, fmt::format("DELETE FROM {} WHERE id = $1", scratch.table), {"3"}).affected == 1);
}

TEST_CASE("run_script runs several statements, all or none" * doctest::skip(no_server())) {
  Scratch scratch;
  Connection connection = connected();
  REQUIRE(connection.run_script(fmt::format("INSERT INTO {0} VALUES (1, 'a'); INSERT INTO {0} VALUES (2, 'b')", scratch.table))
              .is_ok());
  CHECK(value_of(connection, fmt::format("SELECT count(*) FROM {}", scratch.table)) == "2");

  Status failed =
      connection.run_script(fmt::format("INSERT INTO {0} VALUES (3, 'c'); INSERT INTO {0} VALUES (1, 'again')", scratch.table));
  CHECK(failed.kind() == ErrorKind::conflict);
  CHECK(value_of(connection, fmt::format("SELECT count(*) FROM {}", scratch.table)) == "2");
}

TEST_CASE("transaction commits what its body did, or nothing" * doctest::skip(no_server())) {
  Scratch scratch;
  Connection connection = connected();
  Connection other = connected();
  std::string insert = fmt::format("INSERT INTO {} VALUES ($1, $2)", scratch.table);
  std::string count = fmt::format("SELECT count(*) FROM {}", scratch.table);

  SUBCASE("a body that succeeds is committed, and another connection sees it") {
    Status status = connection.transaction([&] { return connection.exec(insert, {"1", "a"}).status(); });
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    CHECK(value_of(other, count) == "1");
  }
  SUBCASE("a body that fails is rolled back, and its failure returned as it was") {
    Status status = connection.transaction([&] {
      CASECTL_TRY(connection.exec(insert, {"1", "a"}).status());
      return Status::invalid("record 2: no surname");
    });
    CHECK(status.kind() == ErrorKind::invalid_input);
    CHECK(status.message() == "record 2: no surname");
    CHECK(value_of(connection, count) == "0");
  }
  SUBCASE("a body that throws is rolled back, and the exception goes on") {
    CHECK_THROWS_AS(connection.transaction([&]() -> Status {
      REQUIRE(connection.exec(insert, {"1", "a"}).is_ok());
      throw std::runtime_error("the body broke");
    }),
                    std::runtime_error);
    CHECK(value_of(connection, count) == "0");
    // The connection is usable again, outside any transaction.
    CHECK(connection.transaction([&] { return connection.exec(insert, {"2", "b"}).status(); }).is_ok());
    CHECK(value_of(other, count) == "1");
  }
  SUBCASE("begin, rollback") {
    REQUIRE(connection.begin().is_ok());
    REQUIRE(connection.exec(insert, {"1", "a"}).is_ok());
    CHECK(value_of(other, count) == "0"); // not committed yet
    REQUIRE(connection.rollback().is_ok());
    CHECK(value_of(connection, count) == "0");
  }
  SUBCASE("COMMIT after a failed statement says that nothing was written") {
    REQUIRE(connection.begin().is_ok());
    REQUIRE(connection.exec(insert, {"1", "a"}).is_ok());
    CHECK(connection.exec(insert, {"1", "again"}).status().kind() == ErrorKind::conflict);
    Status committed = connection.commit();
    CHECK(committed.kind() == ErrorKind::internal);
    CHECK(committed.message() ==
          fmt::format("the transaction on the store {} had failed and was rolled back: nothing of it was written",
                      connection.server_name()));
    CHECK(value_of(connection, count) == "0");
  }
}

TEST_CASE("each_row streams a query's rows through a cursor, a batch at a time" * doctest::skip(no_server())) {
  Connection connection = connected();
  const std::string numbers = "SELECT n, CASE WHEN n % 2 = 0 THEN NULL ELSE 'odd' END FROM generate_series(1, $1::integer) n "
                              "ORDER BY n";
  std::vector<long long> seen;
  std::vector<long long> cursors_open; // pg_cursors counted from inside the callback, at each row
  std::vector<long long> rows_held;    // how many rows had been fetched, at each row
  auto collect = [&](const std::vector<Value>& row) {
    seen.push_back(std::stoll(row.at(0).value_or("0")));
    CHECK(row.at(1) == (seen.back() % 2 == 0 ? Value() : Value("odd")));
    // Another statement on the same connection between fetches: the cursor leaves it free.
    Rows open = rows_of(connection, "SELECT count(*) FROM pg_cursors WHERE name LIKE 'casectl_rows_%'");
    cursors_open.push_back(std::stoll(open.rows.at(0).at(0).value_or("0")));
    return Status::ok();
  };

  SUBCASE("outside a transaction: one of its own, ended when the rows are") {
    Status status = connection.each_row(numbers, {"2500"}, collect, 1000);
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    REQUIRE(seen.size() == 2500);
    for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == static_cast<long long>(i + 1));
    CHECK(std::all_of(cursors_open.begin(), cursors_open.end(), [](long long n) { return n == 1; }));
    // The transaction is over: a second one begins and ends cleanly, and no cursor is left.
    CHECK(value_of(connection, "SELECT count(*) FROM pg_cursors WHERE name LIKE 'casectl_rows_%'") == "0");
    REQUIRE(connection.begin().is_ok());
    CHECK(connection.commit().is_ok());
  }
  SUBCASE("inside a transaction: in it, which goes on afterwards") {
    REQUIRE(connection.begin().is_ok());
    REQUIRE(connection.exec("CREATE TEMPORARY TABLE kept (n integer)").is_ok());
    Status status = connection.each_row(numbers, {"3"}, [&](const std::vector<Value>& row) {
      return connection.exec("INSERT INTO kept VALUES ($1)", {row.at(0)}).status();
    });
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    CHECK(value_of(connection, "SELECT count(*) FROM kept") == "3");
    CHECK(value_of(connection, "SELECT count(*) FROM pg_cursors WHERE name LIKE 'casectl_rows_%'") == "0"); // closed
    CHECK(connection.rollback().is_ok());
  }
  SUBCASE("a batch of rows at a time, never the whole result") {
    // nextval() runs for a row when the row is fetched: at row k, the rows fetched so far are the
    // batches up to the one that holds k (a whole result at once would have run all 25).
    REQUIRE(connection.exec("CREATE TEMPORARY SEQUENCE fetched").is_ok());
    Status status = connection.each_row(
        "SELECT nextval('fetched') FROM generate_series(1, 25)", {},
        [&](const std::vector<Value>&) {
          seen.push_back(static_cast<long long>(seen.size() + 1));
          Rows held = rows_of(connection, "SELECT last_value FROM fetched");
          rows_held.push_back(std::stoll(held.rows.at(0).at(0).value_or("0")));
          return Status::ok();
        },
        10);
    REQUIRE_MESSAGE(status.is_ok(), status.message());
    REQUIRE(rows_held.size() == 25);
    for (std::size_t k = 1; k <= 25; ++k)
      CHECK(rows_held[k - 1] == static_cast<long long>(std::min<std::size_t>(25, (k + 9) / 10 * 10)));
  }
  SUBCASE("a failed Status from the callback stops the rows, is returned, and closes the cursor") {
    Status status = connection.each_row(numbers, {"5000"}, [&](const std::vector<Value>& row) {
      seen.push_back(std::stoll(row.at(0).value_or("0")));
      return seen.size() == 3 ? Status::invalid("record 3: stop here") : Status::ok();
    });
    CHECK(status.kind() == ErrorKind::invalid_input);
    CHECK(status.message() == "record 3: stop here");
    CHECK(seen.size() == 3);
    CHECK(value_of(connection, "SELECT count(*) FROM pg_cursors WHERE name LIKE 'casectl_rows_%'") == "0");
  }
  SUBCASE("a query the server refuses is an error, and the connection is usable afterwards") {
    Status status = connection.each_row("SELECT no_such_column FROM generate_series(1, 3)", {}, collect);
    CHECK(status.kind() == ErrorKind::internal);
    CHECK(seen.empty());
    CHECK(value_of(connection, "SELECT 1") == "1");
  }
}

TEST_CASE("errors map to casectl's kinds" * doctest::skip(no_server())) {
  Scratch scratch;
  Connection connection = connected();
  std::string insert = fmt::format("INSERT INTO {} VALUES ($1, $2)", scratch.table);
  REQUIRE(connection.exec(insert, {"1", "a"}).is_ok());

  SUBCASE("a unique violation is a conflict, with the server's words and detail") {
    Result<Rows> again = connection.exec(insert, {"1", "b"});
    REQUIRE(!again.is_ok());
    CHECK(again.status().kind() == ErrorKind::conflict);
    CHECK(again.status().message() ==
          fmt::format("the store {} refused a duplicate: duplicate key value violates unique constraint "
                      "\"t_pkey\" (Key (id)=(1) already exists.)",
                      connection.server_name()));
  }
  SUBCASE("a lock held longer than lock_timeout is busy") {
    Connection holder = connected();
    REQUIRE(holder.begin().is_ok());
    REQUIRE(holder.exec(fmt::format("UPDATE {} SET note = 'held' WHERE id = 1", scratch.table)).is_ok());
    REQUIRE(connection.exec("SET lock_timeout = '100ms'").is_ok());
    Result<Rows> waited = connection.exec(fmt::format("UPDATE {} SET note = 'mine' WHERE id = 1", scratch.table));
    REQUIRE(!waited.is_ok());
    CHECK(waited.status().kind() == ErrorKind::busy);
    CHECK(waited.status().message() ==
          fmt::format("the store {} is busy (another casectl is writing to it); try again", connection.server_name()));
    REQUIRE(holder.rollback().is_ok());
    CHECK(connection.exec(fmt::format("UPDATE {} SET note = 'mine' WHERE id = 1", scratch.table)).is_ok());
  }
  SUBCASE("a row changed under a repeatable-read transaction is busy (a serialization failure)") {
    Connection other = connected();
    REQUIRE(connection.exec("BEGIN ISOLATION LEVEL REPEATABLE READ").is_ok());
    REQUIRE(connection.exec(fmt::format("SELECT note FROM {}", scratch.table)).is_ok()); // the snapshot
    REQUIRE(other.exec(fmt::format("UPDATE {} SET note = 'theirs' WHERE id = 1", scratch.table)).is_ok());
    Result<Rows> mine = connection.exec(fmt::format("UPDATE {} SET note = 'mine' WHERE id = 1", scratch.table));
    CHECK(mine.status().kind() == ErrorKind::busy);
    CHECK(connection.rollback().is_ok());
  }
  SUBCASE("each SQLSTATE's kind") {
    struct Case {
      const char* sqlstate;
      ErrorKind kind;
      const char* message; // {} is the server's name
    };
    const Case cases[] = {
        {"55P03", ErrorKind::busy, "the store {} is busy (another casectl is writing to it); try again"},
        {"40001", ErrorKind::busy, "the store {} is busy (another casectl is writing to it); try again"},
        {"40P01", ErrorKind::busy, "the store {} is busy (another casectl is writing to it); try again"},
        {"23505", ErrorKind::conflict, "the store {} refused a duplicate: raised"},
        {"08006", ErrorKind::cannot_write, "lost the connection to the store {}: raised"},
        {"57P01", ErrorKind::cannot_write, "lost the connection to the store {}: raised"},
        {"53100", ErrorKind::cannot_write, "cannot write to the store {}: raised"},
        {"42501", ErrorKind::cannot_write, "cannot write to the store {}: raised"},
        {"25006", ErrorKind::cannot_write, "cannot write to the store {}: raised"},
        {"23503", ErrorKind::internal, "cannot run a statement on the store {}: raised"},
        {"42P01", ErrorKind::internal, "cannot run a statement on the store {}: raised"},
    };
    for (const Case& c : cases) {
      CAPTURE(c.sqlstate);
      Status status =
          connection.exec(fmt::format("DO $$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = '{}'; END $$", c.sqlstate)).status();
      CHECK(status.kind() == c.kind);
      CHECK(status.message() == fmt::format(fmt::runtime(c.message), connection.server_name()));
    }
  }
  SUBCASE("a syntax error is internal, with the server's words") {
    Status status = connection.exec("SELEKT 1").status();
    CHECK(status.kind() == ErrorKind::internal);
    CHECK(status.message() ==
          fmt::format("cannot run a statement on the store {}: syntax error at or near \"SELEKT\"", connection.server_name()));
  }
  SUBCASE("a connection the server ended cannot write, and says it was lost") {
    Connection doomed = connected();
    Value pid = value_of(doomed, "SELECT pg_backend_pid()");
    REQUIRE(value_of(connection, "SELECT pg_terminate_backend($1::int)", {pid}) == "t");
    Status status = doomed.exec("SELECT 1").status();
    CHECK(status.kind() == ErrorKind::cannot_write);
    CHECK(status.message().rfind(fmt::format("lost the connection to the store {}: ", doomed.server_name()), 0) == 0);
  }
}

TEST_CASE("connecting takes what the URL leaves out from libpq's environment" * doctest::skip(no_server())) {
  SUBCASE("casectl is the application's name unless the URL or PGAPPNAME names another") {
    Connection connection = connected();
    CHECK(value_of(connection, "SHOW application_name") == "casectl");
    EnvironmentForTest name("PGAPPNAME", "district-7-import");
    Connection named = connected();
    CHECK(value_of(named, "SHOW application_name") == "district-7-import");
  }
  SUBCASE("the client encoding is UTF8 whatever PGCLIENTENCODING says") {
    EnvironmentForTest encoding("PGCLIENTENCODING", "LATIN1");
    Connection connection = connected();
    CHECK(value_of(connection, "SHOW client_encoding") == "UTF8");
    CHECK(value_of(connection, "SELECT $1::text", {"Ұлжан Өмірзақова"}) == "Ұлжан Өмірзақова");
  }
  SUBCASE("a database that does not exist cannot be opened, named in the message") {
    Result<Connection> missing = Connection::open(with_parameter(postgres_url(), "dbname=no_such_db"));
    REQUIRE(!missing.is_ok());
    CHECK(missing.status().kind() == ErrorKind::cannot_write);
    CHECK(missing.status().message().find("database \"no_such_db\" does not exist") != std::string::npos);
  }
}

// tests/pg/cluster.sh makes the role casectl_with_password give a password (PostgreSQL 15 matches
// no patterns of role names in pg_hba.conf, so the name is fixed).
TEST_CASE("a password comes from the URL or from the password file, and stays out of messages" * doctest::skip(no_server())) {
  std::string role = "casectl_with_password";
  std::string password = fmt::format("pw-{}-Қ", ::getpid());
  Connection admin = connected();
  REQUIRE(admin.run_script(fmt::format("DROP ROLE IF EXISTS {0}; CREATE ROLE {0} LOGIN PASSWORD '{1}'", role, password)).is_ok());
  std::string as_role = with_parameter(postgres_url(), "user=" + role);
  testing::TempDir dir;
  EnvironmentForTest no_password_file("PGPASSFILE", dir.path("none"));

  Result<Connection> without = Connection::open(as_role);
  if (without.is_ok()) {
    MESSAGE("the server lets " << role << " in without a password (not tests/pg/cluster.sh's cluster): not checked");
  } else {
    CHECK(without.status().kind() == ErrorKind::cannot_write);
    CHECK(without.status().message().find("no password supplied") != std::string::npos);

    SUBCASE("in the URL") {
      Connection connection = connected(with_parameter(as_role, "password=" + password));
      CHECK(value_of(connection, "SELECT current_user") == role);
      CHECK(connection.server_name().find("pw-") == std::string::npos);
    }
    SUBCASE("a wrong one in the URL: refused, and not repeated") {
      Result<Connection> wrong = Connection::open(with_parameter(as_role, "password=wrong-" + password));
      REQUIRE(!wrong.is_ok());
      CHECK(wrong.status().kind() == ErrorKind::cannot_write);
      CHECK(wrong.status().message().find("password authentication failed for user \"" + role + "\"") != std::string::npos);
      CHECK(wrong.status().message().find("pw-") == std::string::npos);
    }
    SUBCASE("in the password file (PGPASSFILE, ~/.pgpass by default)") {
      std::string file = dir.write("pgpass", fmt::format("*:*:*:{}:{}\n", role, password));
      REQUIRE(::chmod(file.c_str(), 0600) == 0); // libpq ignores a password file others can read
      EnvironmentForTest password_file("PGPASSFILE", file);
      Connection connection = connected(as_role);
      CHECK(value_of(connection, "SELECT current_user") == role);
    }
  }
  CHECK(admin.run_script(fmt::format("DROP ROLE {}", role)).is_ok());
}

TEST_CASE("the server's notices are not printed" * doctest::skip(no_server())) {
  Connection connection = connected();
  std::string printed = stderr_of([&] { REQUIRE(connection.exec("DROP TABLE IF EXISTS casectl_unit_no_such_table").is_ok()); });
  CHECK(printed == "");
}

TEST_CASE("a connection that cannot be made is cannot_write, naming the server without its password") {
  SUBCASE("no server at the socket") {
    Result<Connection> c = Connection::open("postgresql://district7:s3cret@/cases?host=/nonexistent-casectl-dir");
    REQUIRE(!c.is_ok());
    CHECK(c.status().kind() == ErrorKind::cannot_write);
    CHECK(
        c.status().message() ==
        "cannot connect to the store postgresql://district7@/cases?host=/nonexistent-casectl-dir: connection to server on socket "
        "\"/nonexistent-casectl-dir/.s.PGSQL.5432\" failed: No such file or directory; Is the server running locally and "
        "accepting connections on that socket?");
  }
  SUBCASE("a URL libpq cannot read, which libpq quotes whole") {
    Result<Connection> c = Connection::open("postgresql://district7:s3cret@[::1/cases");
    REQUIRE(!c.is_ok());
    CHECK(c.status().kind() == ErrorKind::cannot_write);
    CHECK(c.status().message() ==
          "cannot connect to the store postgresql://district7:***@[::1/cases: end of string reached when "
          "looking for matching \"]\" in IPv6 host address in URI: \"postgresql://district7:***@[::1/cases\"");
  }
  SUBCASE("a password percent-encoded, and one given as a parameter") {
    Result<Connection> encoded = Connection::open("postgresql://district7:s3%zzcret@host/cases");
    REQUIRE(!encoded.is_ok());
    CHECK(encoded.status().message().find("s3") == std::string::npos);
    Result<Connection> parameter = Connection::open("postgresql://district7@/cases?password=s3cret&host=/nonexistent&bad%zz=1");
    REQUIRE(!parameter.is_ok());
    CHECK(parameter.status().message().find("s3cret") == std::string::npos);
    CHECK(parameter.status().message().find("password=***") != std::string::npos);
    Result<Connection> keywords = Connection::open("host=/nonexistent dbname=cases password='s3 cret' port=99999");
    REQUIRE(!keywords.is_ok());
    CHECK(keywords.status().message().find("s3 cret") == std::string::npos);
  }
}

TEST_CASE("a moved connection works, and the one moved from refuses to run anything" * doctest::skip(no_server())) {
  Connection first = connected();
  Connection second = std::move(first);
  CHECK(value_of(second, "SELECT 1") == "1");
  Status refused = first.exec("SELECT 1").status(); // NOLINT(bugprone-use-after-move): what this tests
  CHECK(refused.kind() == ErrorKind::internal);
  CHECK(refused.message() == "a closed PostgreSQL connection was used");
}
