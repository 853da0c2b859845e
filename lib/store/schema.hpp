// The store's schema as a list of forward migrations. Migration N takes version N to N+1.
// Never edit a migration that has shipped: add a new one.
#pragma once

#include <vector>

namespace casectl::store {

// The SQL of every migration, in order; element i migrates version i to i+1.
const std::vector<const char*>& migrations();

} // namespace casectl::store
