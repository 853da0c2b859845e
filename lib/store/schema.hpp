// The store's schema as a list of forward migrations. Migration N takes version N to N+1.
// Never edit a migration that has shipped: add a new one.
#pragma once

#include <string>
#include <vector>

namespace casectl::store {

// The SQL of every migration, in order; element i migrates version i to i+1.
const std::vector<const char*>& migrations();

// INSERT of the full-text index rows of the cases that `where` selects (an SQL condition on
// cases c: "c.id = ?1" for one case), built as migration 2 builds every row. Delete the old row
// first when a case changes.
std::string search_rows_sql(const char* where);

} // namespace casectl::store
