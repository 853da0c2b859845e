// A connection to a PostgreSQL server: the one place where the PostgreSQL engine talks to libpq.
//
// Why libpq (libpq-dev) and not libpqxx: libpq is the C client library that psql and pg_dump use,
// one small shared library with a stable C ABI. casectl needs a handful of its calls: connect by
// URL, run one statement with text parameters, read text results, and the SQLSTATE of an error.
// Its errors travel as Status values, not exceptions, so libpqxx's exception classes and type
// conversions would only be caught and unwrapped again here, for a second library (and its C++
// ABI) in the build.
//
// Contract:
// - Connection::open(url) connects with a libpq connection string: a postgresql:// URL (or
//   key=value pairs). What it leaves out comes from libpq's own environment (PGHOST, PGUSER,
//   PGDATABASE...) and ~/.pgpass, as for psql. The client encoding is always UTF8 (casectl's
//   text); the application name is "casectl" unless the URL names another. Failing to connect
//   (no server, no such database, authentication refused, a malformed URL) is
//   Status::cannot_write naming the server.
// - Messages name the server as a URL without its password (server_name()), and never contain
//   the password, even where libpq quotes the URL it could not parse.
// - exec() runs ONE statement, with text parameters $1..$n (std::nullopt is SQL NULL), and returns
//   its rows as text in PostgreSQL's output format (booleans "t"/"f", numbers as digits), NULL as
//   std::nullopt. run_script() runs several statements without parameters (a migration).
// - A statement with parameters is prepared on the server the first time exec() runs it and
//   executed by name from then on (up to 200 statements a connection; cursors' DECLAREs, whose
//   text is new each time, are never prepared): a bulk intake runs the same dozen statements for
//   every record, and parsing and planning them each time was most of the server's work. The
//   server re-plans them by itself after a schema change; a statement that fails to prepare fails
//   as it would have run.
// - each_row() streams a query's rows through a cursor (DECLARE ... CURSOR, FETCH `batch` at a
//   time), so that memory holds one batch whatever the number of rows. It runs in the current
//   transaction, or in one of its own (committed at the end) when none is open. Its callback may
//   run other statements on the connection (a cursor, unlike single-row mode, leaves the
//   connection free between fetches), but must not begin or end a transaction.
// - Errors are Status values, mapped from the SQLSTATE:
//     55P03 lock_not_available (lock_timeout), 40001 serialization_failure, 40P01 deadlock  -> busy
//     23505 unique_violation                                                                -> conflict
//     class 08 (connection exception), 57P01-57P03 (server shutting down), a lost connection,
//     class 53 (disk full, out of memory), 42501 insufficient_privilege,
//     25006 read-only transaction                                                           -> cannot_write
//     anything else (a syntax error, another constraint)                                    -> internal
//   The message is the server's own (with its DETAIL), after the server's name. The engine above
//   says it in the user's words where it knows more (Status::with_message).
// - COMMIT of a transaction in which a statement failed is an error (PostgreSQL answers it with
//   ROLLBACK and reports success); nothing of the transaction was kept.
// - copy_rows() inserts many rows with COPY ... FROM STDIN in one round trip, each value read by
//   its column's input function, as a parameter of exec() would be: what a multi-row INSERT
//   does, without a statement of tens of thousands of parameters for the server to parse.
// - Nothing is printed: the server's notices (NOTICE, WARNING) are dropped.
// - A Connection belongs to one thread at a time. It can be moved, not copied; it closes itself.
#pragma once

#include "util/status.hpp"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// libpq's PGconn and PGresult, so that this header stays free of libpq-fe.h.
struct pg_conn;
struct pg_result;

namespace casectl::store::postgres {

// One value of a parameter or a result column: text, or std::nullopt for SQL NULL.
using Value = std::optional<std::string>;

// What a statement returned.
struct Rows {
  std::vector<std::string> columns;     // the result's column names, in order (empty for INSERT, UPDATE...)
  std::vector<std::vector<Value>> rows; // each row's values, one per column
  long long affected = 0;               // rows inserted, updated, deleted or returned (PQcmdTuples); 0 if none
};

class Connection {
 public:
  // Connects to the server the connection string names (see the contract above).
  static Result<Connection> open(const std::string& url);

  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one statement with its parameters ($1 is params[0]). The parameters' types are those the
  // server infers from the statement; cast in SQL where it cannot ($1::date).
  Result<Rows> exec(const std::string& sql, const std::vector<Value>& params = {});

  // Calls `each` for every row of one query (see each_row in the contract above), in the query's
  // order, `batch` rows fetched at a time; stops at the first failed Status `each` returns and
  // returns it.
  Status each_row(const std::string& sql, const std::vector<Value>& params,
                  const std::function<Status(const std::vector<Value>&)>& each, int batch = 1000);

  // Inserts `rows` into `table` (its name and `columns` as the SQL spells them, already checked by
  // the caller: "\"cases\"", "\"id\", \"case_id\"") with one COPY FROM STDIN; each row holds one
  // value per column, std::nullopt for NULL. Fails as exec() does, with nothing inserted.
  Status copy_rows(const std::string& table, const std::string& columns, const std::vector<std::vector<Value>>& rows);

  // Runs statements separated by semicolons, without parameters, as one string; they run in one
  // implicit transaction unless the script says BEGIN/COMMIT itself.
  Status run_script(const std::string& sql);

  Status begin();    // BEGIN
  Status commit();   // COMMIT: an error if the transaction had failed and was rolled back instead
  Status rollback(); // ROLLBACK

  // Runs body between BEGIN and COMMIT: everything it did is committed, or, when it returns a
  // failed Status or throws, rolled back (the exception is rethrown). Returns body's failure, or
  // that of BEGIN or COMMIT.
  Status transaction(const std::function<Status()>& body);

  // The connection's parameters as libpq's environment variables ("PGHOST=...", "PGPASSWORD=..."),
  // for a client program such as pg_dump to reach the same database without the password on its
  // command line (where `ps` would show it).
  std::vector<std::string> client_environment() const;

  // The server as a URL without the password, for messages: postgresql://USER@HOST:PORT/DATABASE,
  // or postgresql://USER@/DATABASE?host=DIRECTORY for a Unix socket.
  const std::string& server_name() const { return m_server_name; }

 private:
  Connection(pg_conn* conn, std::string server_name, std::vector<std::string> secrets);
  Status failure(const std::string& what, const pg_result* result) const;
  Status each_fetched(const std::string& sql, const std::vector<Value>& params,
                      const std::function<Status(const std::vector<Value>&)>& each, int batch);
  std::string without_secrets(std::string text) const;
  // The result of `sql` with these parameter values: prepared (see the contract) or not.
  pg_result* run_with_parameters(const std::string& sql, const std::vector<const char*>& values);

  pg_conn* m_conn = nullptr;
  std::string m_server_name;
  std::vector<std::string> m_secrets;                      // the password as written in the URL, to keep out of messages
  long long m_cursors = 0;                                 // cursors declared so far: each gets a name of its own
  std::unordered_map<std::string, std::string> m_prepared; // statement text -> its prepared name
};

} // namespace casectl::store::postgres
