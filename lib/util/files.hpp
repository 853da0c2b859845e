// Small file-system helpers. Domain-free.
#pragma once

#include "util/status.hpp"

#include <string>
#include <string_view>

namespace casectl::files {

// Reads a whole file. Fails with Status::unreadable naming the path and the system's reason.
Result<std::string> read_file(const std::string& path);

bool exists(const std::string& path);

// What is at `path`, without following a symbolic link (a link counts as `other`).
enum class Entry { none, directory, other };
Entry entry_at(const std::string& path);

// Writes `content` to `path` (mode 0600, replacing a file already there) so that `path` holds
// either the whole new content or what it held before, even when the process is killed half way:
// the content goes to a temporary file beside it (".casectl-NAME.XXXXXX", in the same directory),
// which is then renamed to `path`. Fails with Status::cannot_write naming the path and the
// system's reason, after removing the temporary file. A killed process may leave the temporary
// file behind, never a half-written `path`.
Status write_file_atomically(const std::string& path, std::string_view content);

// Creates `dir` and its missing parents with mode 0700. It is not an error if they exist.
Status make_private_dirs(const std::string& dir);

// The directory part of a path ("a/b/c.db" gives "a/b"; "c.db" gives ".").
std::string parent_dir(const std::string& path);

// Value of environment variable `name`, or "" when unset.
std::string env(const char* name);

// The login of the operating-system user running this process (the effective user id's name in
// the password database, whatever --as or $USER say), or "uid N" when it has no name. Never fails.
std::string os_login();

// $XDG_DATA_HOME, or $HOME/.local/share. "" when neither is set.
std::string data_home();

// $XDG_CONFIG_HOME, or $HOME/.config. "" when neither is set.
std::string config_home();

} // namespace casectl::files
