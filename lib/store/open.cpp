// store::open: the one place that knows which engines exist and how a store's location names one.
#include "store/case_store.hpp"

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <unistd.h>

namespace casectl::store {

bool names_postgresql(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

void remove_sqlite_file(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) ::unlink((path + suffix).c_str());
}

Result<std::unique_ptr<CaseStore>> open(const OpenOptions& options) {
  if (names_postgresql(options.location)) {
    Result<std::unique_ptr<postgres::PgStore>> opened = postgres::PgStore::open(options);
    if (!opened) return opened.status();
    return std::unique_ptr<CaseStore>(std::move(*opened));
  }
  Result<std::unique_ptr<sqlite::SqliteStore>> opened = sqlite::SqliteStore::open(options);
  if (!opened) return opened.status();
  return std::unique_ptr<CaseStore>(std::move(*opened));
}

} // namespace casectl::store
