// A list of text as the store keeps it in one column, whatever the engine: a JSON array of
// strings. Both engines write and read it with these, so that the text is the same on both.
#pragma once

#include <string>
#include <vector>

namespace casectl::store {

// The list as a compact JSON array (text that is not UTF-8 has its bad bytes replaced; never throws).
std::string json_list(const std::vector<std::string>& items);

// Back: a value that is not a JSON array of strings gives what strings it has (none for
// malformed text).
std::vector<std::string> list_of(const std::string& json);

} // namespace casectl::store
