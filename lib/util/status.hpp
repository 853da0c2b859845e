// Status and Result: how expected failures travel from the library to the front end.
//
// Library code never prints and never exits. A function that can fail in a way the user
// can act on returns a Status (or a Result<T>) whose kind says what went wrong; the front
// end maps kinds to exit codes in one place (cli/app.cpp).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace casectl {

// The kinds of failure. Each maps to one documented exit code (docs/scripting.md).
enum class ErrorKind {
  ok,
  internal,      // 1: a bug or an unexpected failure of the system
  usage,         // 2: wrong command line
  not_found,     // 3: case, task, staff member, template
  conflict,      // 4: not allowed in the current state, or a refused duplicate
  invalid_input, // 65: bad field values, malformed records
  unreadable,    // 66: an input file cannot be read
  cannot_write,  // 73: the store cannot be created or opened for writing
  busy,          // 75: the store stayed locked longer than the busy timeout
  config,        // 78: a configuration error
  broken_pipe,   // 0: the reader of stdout went away (`| head`); end quietly
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status ok() { return {}; }
  static Status internal(std::string m) { return {ErrorKind::internal, std::move(m)}; }
  static Status usage(std::string m) { return {ErrorKind::usage, std::move(m)}; }
  static Status not_found(std::string m) { return {ErrorKind::not_found, std::move(m)}; }
  static Status conflict(std::string m) { return {ErrorKind::conflict, std::move(m)}; }
  static Status invalid(std::string m) { return {ErrorKind::invalid_input, std::move(m)}; }
  static Status unreadable(std::string m) { return {ErrorKind::unreadable, std::move(m)}; }
  static Status cannot_write(std::string m) { return {ErrorKind::cannot_write, std::move(m)}; }
  static Status busy(std::string m) { return {ErrorKind::busy, std::move(m)}; }
  static Status config(std::string m) { return {ErrorKind::config, std::move(m)}; }
  static Status broken_pipe() { return {ErrorKind::broken_pipe, {}}; }

  bool is_ok() const { return m_kind == ErrorKind::ok; }
  explicit operator bool() const { return is_ok(); }
  ErrorKind kind() const { return m_kind; }
  // The message, in the user's words: what is wrong and what to do. Empty when ok.
  const std::string& message() const { return m_message; }
  // The same kind of failure, told with another message (e.g. with the file's name in front).
  Status with_message(std::string m) const { return {m_kind, std::move(m)}; }

 private:
  Status(ErrorKind kind, std::string message) : m_kind(kind), m_message(std::move(message)) {}
  ErrorKind m_kind = ErrorKind::ok;
  std::string m_message;
};

// A value or the Status saying why there is none.
template <class T> class [[nodiscard]] Result {
 public:
  Result(T value) : m_value(std::move(value)) {}
  Result(Status status) : m_status(std::move(status)) {}

  bool is_ok() const { return m_status.is_ok(); }
  explicit operator bool() const { return is_ok(); }
  const Status& status() const { return m_status; }
  T& value() { return *m_value; }
  const T& value() const { return *m_value; }
  T& operator*() { return *m_value; }
  const T& operator*() const { return *m_value; }
  T* operator->() { return &*m_value; }
  const T* operator->() const { return &*m_value; }

 private:
  std::optional<T> m_value;
  Status m_status;
};

} // namespace casectl

// Return early from the calling function when a Status-returning expression failed.
#define CASECTL_TRY(expr)                                                                                                        \
  do {                                                                                                                           \
    ::casectl::Status casectl_try_status_ = (expr);                                                                              \
    if (!casectl_try_status_.is_ok()) return casectl_try_status_;                                                                \
  } while (0)
