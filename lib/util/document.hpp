// Reading a structured document (TOML or JSON) into one tree type, so that a reader of fields
// serves both formats. Domain-free.
#pragma once

#include "util/status.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace casectl::document {

// Parses `text` as "toml" or "json". TOML dates become "YYYY-MM-DD" strings, and so do TOML
// date-times (their date: a date field written 2026-11-05T10:00:00 means that day). Fails with
// Status::invalid naming `source` (and, for TOML, the line and column): not UTF-8, not valid.
Result<nlohmann::ordered_json> parse(const std::string& text, const std::string& format, const std::string& source);

// The line on which the key `path` ("note", "scores.housing") is written in the TOML `text`; 0 when
// it cannot be told (JSON, no such key, not valid TOML).
std::size_t line_of_key(const std::string& text, const std::string& format, const std::string& path);

// "toml" or "json" from a file name's extension; "" when it says neither.
std::string format_of(const std::string& path);

} // namespace casectl::document
