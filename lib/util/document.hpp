// Reading a structured document (TOML or JSON) into one tree type, so that a reader of fields
// serves both formats. Domain-free.
#pragma once

#include "util/status.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace casectl::document {

// Parses `text` as "toml" or "json". TOML dates become "YYYY-MM-DD" strings. Fails with
// Status::invalid naming `source` (and, for TOML, the line and column): not UTF-8, not valid.
Result<nlohmann::ordered_json> parse(const std::string& text, const std::string& format, const std::string& source);

// "toml" or "json" from a file name's extension; "" when it says neither.
std::string format_of(const std::string& path);

} // namespace casectl::document
