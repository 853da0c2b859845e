// The store's schema as a list of forward migrations. Migration N takes version N to N+1.
// Never edit a migration that has shipped: add a new one.
#pragma once

#include <string>
#include <vector>

namespace casectl::store::sqlite {

// The SQL of every migration, in order; element i migrates version i to i+1.
const std::vector<const char*>& migrations();

// The triggers that keep the journal append-only, as the latest migration creates them ("CREATE
// TRIGGER IF NOT EXISTS ...", so that running one restores a dropped trigger and changes nothing
// else). `casectl check` looks for them by name; `check --repair` runs the SQL of missing ones.
struct Trigger {
  const char* name;
  const char* sql;
};
const std::vector<Trigger>& append_only_triggers();

// INSERT of the full-text index rows of the cases that `where` selects (an SQL condition on
// cases c: "c.id = ?1" for one case), built as migration 2 builds every row. Delete the old row
// first when a case changes.
std::string search_rows_sql(const char* where);

} // namespace casectl::store::sqlite
