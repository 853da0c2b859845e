#include "store/postgres/connection.hpp"

#include "util/messages.hpp"
#include "util/shared_library.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace casectl::store::postgres {

namespace {

// libpq is opened when the first PostgreSQL store is (util/shared_library.hpp says why); these are
// the functions this file calls.
// clang-format off
#define CASECTL_LIBPQ_FUNCTIONS(X)                                                                          \
  X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdbParams) X(PQconninfo) X(PQconninfoFree)             \
  X(PQconninfoParse) X(PQdb) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQexecPrepared) X(PQfinish)      \
  X(PQfname) X(PQfreemem) X(PQgetResult) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQhost) X(PQnfields) X(PQntuples)   \
  X(PQoptions) X(PQport) X(PQprepare) X(PQputCopyData) X(PQputCopyEnd) X(PQresultErrorField) X(PQresultStatus) X(PQsetNoticeProcessor)       \
  X(PQstatus) X(PQtransactionStatus) X(PQuser)
// clang-format on
#define CASECTL_POINTER(name) decltype(&::name) name = nullptr;
CASECTL_LIBPQ_FUNCTIONS(CASECTL_POINTER)
#undef CASECTL_POINTER

// Opens libpq once per process; a failure is said again on every try.
Status load_libpq() {
#define CASECTL_SYMBOL(name) {#name, reinterpret_cast<void**>(&name)},
  static const Status loaded =
      shared_library::load({"libpq.so.5", "libpq5", "open a PostgreSQL store"}, {CASECTL_LIBPQ_FUNCTIONS(CASECTL_SYMBOL)});
#undef CASECTL_SYMBOL
  return loaded;
}

// A PGresult freed when it goes out of scope.
struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Every way the password may be written in a connection string, as written and decoded: in the
// URL's user part (postgresql://user:PASSWORD@host), as ?password=... or as password=... . libpq
// quotes a URL it cannot parse, password and all, so these are looked for in every message, even
// when libpq could not tell what the password was.
std::vector<std::string> secrets_in(const std::string& url) {
  std::vector<std::string> found;
  auto add = [&found](std::string_view raw) {
    if (raw.empty()) return;
    found.emplace_back(raw);
    found.push_back(percent_decoded(raw));
  };
  if (std::size_t scheme = url.find("://"); scheme != std::string::npos) {
    std::size_t start = scheme + 3;
    std::size_t end = url.find_first_of("/?", start);
    std::string_view authority = std::string_view(url).substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
      std::string_view user_part = authority.substr(0, at);
      if (std::size_t colon = user_part.find(':'); colon != std::string_view::npos) add(user_part.substr(colon + 1));
    }
  }
  for (std::size_t at = url.find("password"); at != std::string::npos; at = url.find("password", at + 1)) {
    std::size_t value = url.find_first_not_of(' ', at + std::strlen("password"));
    if (value == std::string::npos || url[value] != '=') continue;
    value = url.find_first_not_of(' ', value + 1);
    if (value == std::string::npos) continue;
    bool quoted = url[value] == '\'';
    if (quoted) ++value;
    std::size_t end = url.find_first_of(quoted ? "'" : "& \t\n", value);
    add(std::string_view(url).substr(value, end == std::string::npos ? std::string::npos : end - value));
  }
  char* error = nullptr;
  if (PQconninfoOption* options = PQconninfoParse(url.c_str(), &error)) {
    for (PQconninfoOption* o = options; o->keyword; ++o)
      if (std::strcmp(o->keyword, "password") == 0 && o->val) add(o->val);
    PQconninfoFree(options);
  }
  PQfreemem(error);
  // Longest first, so that a password that contains another is replaced whole.
  std::sort(found.begin(), found.end(),
            [](const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

std::string replaced(std::string text, const std::string& secret, std::string_view by) {
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + by.size()))
    text.replace(at, secret.size(), by);
  return text;
}

// libpq's messages end in a newline and continue on tab-indented lines; casectl's are one line.
std::string one_line(std::string_view message) {
  std::vector<std::string> lines;
  for (const std::string& line : text::split(message, '\n'))
    if (std::string trimmed = text::trim(line); !trimmed.empty()) lines.push_back(trimmed);
  return text::join(lines, "; ");
}

std::string text_or_empty(const char* text) { return text ? text : ""; }

// A URL query value: what is not a letter, a digit or one of -._~/ as %XX.
std::string url_encoded(std::string_view value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || std::strchr("-._~/", c)) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

// The server as a URL without the password; what libpq took from the URL, the environment and
// its defaults (an empty host is the default socket directory).
std::string server_name_of(PGconn* conn, const std::string& url, const std::vector<std::string>& secrets) {
  std::string database = conn ? text_or_empty(PQdb(conn)) : "";
  if (database.empty()) {
    // libpq could not read the connection string: name it as it was written, without the password.
    std::string named = url;
    for (const std::string& secret : secrets) named = replaced(named, secret, "***");
    return named;
  }
  std::string user = text_or_empty(PQuser(conn));
  std::string host = text_or_empty(PQhost(conn));
  std::string port = text_or_empty(PQport(conn));
  std::string name = "postgresql://" + (user.empty() ? "" : user + "@");
  bool socket = host.empty() || host.front() == '/';
  if (!socket) name += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (!socket && !port.empty() && port != "5432") name += ":" + port;
  name += "/" + database;
  std::vector<std::string> query;
  if (socket && !host.empty()) query.push_back("host=" + host);
  if (socket && !port.empty() && port != "5432") query.push_back("port=" + port);
  // The options name the schema when the store is not the database's first (search_path).
  if (std::string options = text_or_empty(PQoptions(conn)); !options.empty()) query.push_back("options=" + url_encoded(options));
  if (!query.empty()) name += "?" + text::join(query, "&");
  return name;
}

void drop_notice(void*, const char*) {}

bool starts_with(const std::string& sqlstate, std::string_view prefix) { return sqlstate.rfind(prefix, 0) == 0; }

bool lost_the_server(const std::string& sqlstate) {
  return starts_with(sqlstate, "08") || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

bool cannot_write(const std::string& sqlstate) {
  return starts_with(sqlstate, "53") || sqlstate == "42501" || sqlstate == "25006";
}

} // namespace

Result<Connection> Connection::open(const std::string& url) {
  CASECTL_TRY(load_libpq());
  std::vector<std::string> secrets = secrets_in(url);
  // expand_dbname: the first "dbname" is the whole connection string; the keywords after it
  // override what it says.
  const char* keywords[] = {"dbname", "client_encoding", "fallback_application_name", nullptr};
  const char* values[] = {url.c_str(), "UTF8", "casectl", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  std::string server_name = server_name_of(conn, url, secrets);
  if (!conn) return Status::cannot_write(trf("cannot connect to the store {}: out of memory", server_name));
  Connection connection(conn, std::move(server_name), std::move(secrets));
  if (PQstatus(conn) != CONNECTION_OK)
    return Status::cannot_write(connection.without_secrets(
        fmt::format("cannot connect to the store {}: {}", connection.server_name(), one_line(PQerrorMessage(conn)))));
  PQsetNoticeProcessor(conn, drop_notice, nullptr);
  return connection;
}

Connection::Connection(pg_conn* conn, std::string server_name, std::vector<std::string> secrets)
    : m_conn(conn), m_server_name(std::move(server_name)), m_secrets(std::move(secrets)) {}

Connection::Connection(Connection&& other) noexcept
    : m_conn(std::exchange(other.m_conn, nullptr)), m_server_name(std::move(other.m_server_name)),
      m_secrets(std::move(other.m_secrets)), m_cursors(other.m_cursors), m_prepared(std::move(other.m_prepared)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    if (m_conn) PQfinish(m_conn);
    m_conn = std::exchange(other.m_conn, nullptr);
    m_server_name = std::move(other.m_server_name);
    m_secrets = std::move(other.m_secrets);
    m_cursors = other.m_cursors;
    m_prepared = std::move(other.m_prepared);
  }
  return *this;
}

Connection::~Connection() {
  if (m_conn) PQfinish(m_conn);
}

std::string Connection::without_secrets(std::string text) const {
  for (const std::string& secret : m_secrets) text = replaced(std::move(text), secret, "***");
  return text;
}

Status Connection::failure(const std::string& what, const pg_result* result) const {
  std::string sqlstate = text_or_empty(result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr);
  std::string said = result ? text_or_empty(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY)) : "";
  if (said.empty()) said = one_line(PQerrorMessage(m_conn));
  if (std::string detail = text_or_empty(result ? PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL) : nullptr); !detail.empty())
    said += " (" + one_line(detail) + ")";
  std::string message;
  Status (*kind)(std::string) = Status::internal;
  if (sqlstate == "55P03" || sqlstate == "40001" || sqlstate == "40P01") {
    message = fmt::format("the store {} is busy (another casectl is writing to it); try again", m_server_name);
    kind = Status::busy;
  } else if (sqlstate == "23505") {
    message = fmt::format("the store {} refused a duplicate: {}", m_server_name, said);
    kind = Status::conflict;
  } else if (lost_the_server(sqlstate) || PQstatus(m_conn) != CONNECTION_OK) {
    message = fmt::format("lost the connection to the store {}: {}", m_server_name, said);
    kind = Status::cannot_write;
  } else if (cannot_write(sqlstate)) {
    message = fmt::format("cannot write to the store {}: {}", m_server_name, said);
    kind = Status::cannot_write;
  } else {
    message = fmt::format("cannot {} on the store {}: {}", what, m_server_name, said);
  }
  return kind(without_secrets(std::move(message)));
}

Result<Rows> Connection::exec(const std::string& sql, const std::vector<Value>& params) {
  if (!m_conn) return Status::internal(tr("a closed PostgreSQL connection was used"));
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Value& param : params) values.push_back(param ? param->c_str() : nullptr);
  ResultPtr result(run_with_parameters(sql, values));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure("run a statement", result.get());

  Rows rows;
  int columns = PQnfields(result.get());
  for (int c = 0; c < columns; ++c) rows.columns.emplace_back(PQfname(result.get(), c));
  int count = PQntuples(result.get());
  rows.rows.reserve(count);
  for (int r = 0; r < count; ++r) {
    std::vector<Value>& row = rows.rows.emplace_back();
    row.reserve(columns);
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(result.get(), r, c)) row.emplace_back(std::nullopt);
      else row.emplace_back(std::string(PQgetvalue(result.get(), r, c), PQgetlength(result.get(), r, c)));
    }
  }
  if (const char* affected = PQcmdTuples(result.get()); affected && *affected) rows.affected = std::stoll(affected);
  return rows;
}

pg_result* Connection::run_with_parameters(const std::string& sql, const std::vector<const char*>& values) {
  constexpr std::size_t k_most_prepared = 200;
  const int count = static_cast<int>(values.size());
  auto found = m_prepared.find(sql);
  if (found == m_prepared.end()) {
    if (values.empty() || sql.rfind("DECLARE ", 0) == 0 || m_prepared.size() >= k_most_prepared)
      return PQexecParams(m_conn, sql.c_str(), count, nullptr, values.data(), nullptr, nullptr, 0);
    std::string name = fmt::format("casectl_{}", m_prepared.size() + 1);
    ResultPtr prepared(PQprepare(m_conn, name.c_str(), sql.c_str(), count, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) return prepared.release();
    found = m_prepared.emplace(sql, std::move(name)).first;
  }
  return PQexecPrepared(m_conn, found->second.c_str(), count, values.data(), nullptr, nullptr, 0);
}

Status Connection::each_row(const std::string& sql, const std::vector<Value>& params,
                            const std::function<Status(const std::vector<Value>&)>& each, int batch) {
  if (!m_conn) return Status::internal(tr("a closed PostgreSQL connection was used"));
  // A cursor lives in a transaction: outside one, it gets a transaction of its own.
  if (PQtransactionStatus(m_conn) == PQTRANS_IDLE) return transaction([&] { return each_fetched(sql, params, each, batch); });
  return each_fetched(sql, params, each, batch);
}

Status Connection::each_fetched(const std::string& sql, const std::vector<Value>& params,
                                const std::function<Status(const std::vector<Value>&)>& each, int batch) {
  std::string cursor = fmt::format("casectl_rows_{}", ++m_cursors);
  CASECTL_TRY(exec(fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", cursor, sql), params).status());
  std::string fetch = fmt::format("FETCH FORWARD {} FROM {}", std::max(1, batch), cursor);
  Status status;
  for (;;) {
    Result<Rows> rows = exec(fetch);
    if (!rows) return rows.status(); // the transaction has failed: the cursor goes with it
    for (const std::vector<Value>& row : rows->rows) {
      status = each(row);
      if (!status) break;
    }
    if (!status || rows->rows.size() < static_cast<std::size_t>(std::max(1, batch))) break;
  }
  Status closed = exec("CLOSE " + cursor).status();
  return status ? closed : status;
}

namespace {

// One value in COPY's text format: NULL as \N; a backslash, tab, newline or carriage return
// escaped, so that it cannot end the field or the row.
void append_copy_value(std::string& data, const Value& value) {
  if (!value) {
    data += "\\N";
    return;
  }
  for (char ch : *value) {
    switch (ch) {
    case '\\': data += "\\\\"; break;
    case '\t': data += "\\t"; break;
    case '\n': data += "\\n"; break;
    case '\r': data += "\\r"; break;
    default: data += ch;
    }
  }
}

} // namespace

Status Connection::copy_rows(const std::string& table, const std::string& columns, const std::vector<std::vector<Value>>& rows) {
  if (!m_conn) return Status::internal(tr("a closed PostgreSQL connection was used"));
  if (rows.empty()) return Status::ok();
  std::string data;
  for (const std::vector<Value>& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) data += '\t';
      append_copy_value(data, row[i]);
    }
    data += '\n';
  }
  ResultPtr started(PQexec(m_conn, fmt::format("COPY {} ({}) FROM STDIN", table, columns).c_str()));
  if (!started || PQresultStatus(started.get()) != PGRES_COPY_IN) return failure("copy rows", started.get());
  // libpq takes at most INT_MAX bytes a call; a batch is far smaller, but it goes in pieces all the same.
  constexpr std::size_t k_piece = 1 << 20;
  bool sent = true;
  for (std::size_t at = 0; sent && at < data.size(); at += k_piece)
    sent = PQputCopyData(m_conn, data.data() + at, static_cast<int>(std::min(k_piece, data.size() - at))) == 1;
  if (PQputCopyEnd(m_conn, sent ? nullptr : "casectl could not send the rows") != 1) return failure("copy rows", nullptr);
  // The COPY's own result, then the end of the results.
  ResultPtr result(PQgetResult(m_conn));
  while (PGresult* more = PQgetResult(m_conn)) PQclear(more);
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) return failure("copy rows", result.get());
  return Status::ok();
}

Status Connection::run_script(const std::string& sql) {
  if (!m_conn) return Status::internal(tr("a closed PostgreSQL connection was used"));
  // PQexec returns the last statement's result, or the first failure's.
  ResultPtr result(PQexec(m_conn, sql.c_str()));
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
    return failure("run a script", result.get());
  return Status::ok();
}

Status Connection::begin() { return exec("BEGIN").status(); }

Status Connection::commit() {
  if (!m_conn) return Status::internal(tr("a closed PostgreSQL connection was used"));
  ResultPtr result(PQexec(m_conn, "COMMIT"));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) return failure("commit a transaction", result.get());
  // A transaction in which a statement failed ends in ROLLBACK, however it is ended.
  if (std::strcmp(PQcmdStatus(result.get()), "ROLLBACK") == 0)
    return Status::internal(
        trf("the transaction on the store {} had failed and was rolled back: nothing of it was written", m_server_name));
  return Status::ok();
}

Status Connection::rollback() { return exec("ROLLBACK").status(); }

Status Connection::transaction(const std::function<Status()>& body) {
  CASECTL_TRY(begin());
  Status status;
  try {
    status = body();
  } catch (...) {
    (void)rollback();
    throw;
  }
  if (!status.is_ok()) {
    // The server rolls back by itself if the connection is gone, so a failed ROLLBACK adds nothing.
    (void)rollback();
    return status;
  }
  return commit();
}

std::vector<std::string> Connection::client_environment() const {
  std::vector<std::string> variables;
  PQconninfoOption* options = PQconninfo(m_conn);
  if (!options) return variables;
  for (const PQconninfoOption* o = options; o->keyword; ++o)
    if (o->envvar && o->val && *o->val) variables.push_back(std::string(o->envvar) + "=" + o->val);
  PQconninfoFree(options);
  return variables;
}

} // namespace casectl::store::postgres
