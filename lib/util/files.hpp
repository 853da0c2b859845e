// Small file-system helpers. Domain-free.
#pragma once

#include "util/status.hpp"

#include <string>

namespace casectl::files {

// Reads a whole file. Fails with Status::unreadable naming the path and the system's reason.
Result<std::string> read_file(const std::string& path);

bool exists(const std::string& path);

// Creates `dir` and its missing parents with mode 0700. It is not an error if they exist.
Status make_private_dirs(const std::string& dir);

// The directory part of a path ("a/b/c.db" gives "a/b"; "c.db" gives ".").
std::string parent_dir(const std::string& path);

// Value of environment variable `name`, or "" when unset.
std::string env(const char* name);

// $XDG_DATA_HOME, or $HOME/.local/share. "" when neither is set.
std::string data_home();

// $XDG_CONFIG_HOME, or $HOME/.config. "" when neither is set.
std::string config_home();

} // namespace casectl::files
