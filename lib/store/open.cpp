// store::open: the one place that knows which engines exist and how a store's location names one.
#include "store/case_store.hpp"

#include "store/sqlite/sqlite_store.hpp"

namespace casectl::store {

namespace {

bool names_postgresql(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

} // namespace

Result<std::unique_ptr<CaseStore>> open(const OpenOptions& options) {
  // The URL is not repeated: it may hold a password.
  if (names_postgresql(options.location))
    return Status::cannot_write("the store is a PostgreSQL URL, and this casectl keeps stores in SQLite files only "
                                "(the PostgreSQL engine is not built yet): give --db a file path");
  Result<std::unique_ptr<sqlite::SqliteStore>> opened = sqlite::SqliteStore::open(options);
  if (!opened) return opened.status();
  return std::unique_ptr<CaseStore>(std::move(*opened));
}

} // namespace casectl::store
