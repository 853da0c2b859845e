// Small helpers the store's query files share for building SQL and reading columns. Internal to
// this engine: nothing outside lib/store/sqlite includes this.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/json_list.hpp"
#include "util/status.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace casectl::store::sqlite {

// Runs `body`, turning a SQLite exception into a Status (see status_from in sqlite_store.hpp).
Status guarded(const std::string& what, const std::string& path, const std::function<Status()>& body);

Status status_from(const SQLite::Exception& e, const std::string& what, const std::string& path);

// The same for a query that returns a Result: `what` says what was being done ("read", "write to").
template <class Query> auto guard(const std::string& path, const char* what, Query&& query) -> decltype(query()) {
  try {
    return query();
  } catch (const SQLite::Exception& e) {
    return status_from(e, what, path);
  }
}

// A column's text, "" for NULL.
std::string text_of(const SQLite::Column& c);

// "?, ?, ?" for n placeholders ("" for 0).
std::string placeholders(std::size_t n);

// json_list and list_of (a list of text as the store keeps it) are store/json_list.hpp's.

} // namespace casectl::store::sqlite
