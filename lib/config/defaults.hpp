// Built-in defaults of the reference data (sources, groups, agencies, domains, scale, deadlines).
#pragma once

#include "config/config.hpp"

namespace casectl::config {

// Fills the reference tables and response deadlines of `c` with the built-in defaults.
void apply_builtin_reference_data(Config& c);

} // namespace casectl::config
