// The store's schema as a list of forward migrations. Migration N takes version N to N+1.
// Never edit a migration that has shipped: add a new one.
#pragma once

#include <vector>

namespace casectl::store {

// The SQL of every migration, in order; element i migrates version i to i+1.
const std::vector<const char*>& migrations();

// INSERT of one case's row of the full-text index (bind ?1 = cases.id), built as migration 2
// builds every row. Delete the old row first when a case changes.
const char* search_row_sql();

} // namespace casectl::store
