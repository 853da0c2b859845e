// Shell completion and manual pages, both drawn from the command tree that dispatch and --help use
// (the command table of commands.cpp, as CLI11 holds it once every define_* has run).
//
//   casectl completion bash|zsh|fish   prints a script for the shell to load (define_completion)
//   casectl __complete -- WORD...      what the scripts call on every Tab (complete_command_line)
//   casectl __man DIR                  writes the manual pages; the build runs it (write_man_pages)
//
// The scripts hold no knowledge of casectl: every candidate comes from the binary, so a new option
// or a district added to the config completes without regenerating anything.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace casectl::cli {

// The completion script for `shell` ("bash", "zsh" or "fish"); empty for another name.
std::string completion_script(const std::string& shell);

// Prints the candidates for the last of `words` (the words after "casectl" up to the cursor; the
// last one is the word being completed and may be empty), one a line, "word<TAB>description" for
// commands and options. Values come from the tree (commands, options), the built-in code lists,
// the configuration (districts, groups, agencies, sources, events, domains, staff), and the store
// (staff kept there, case ids: the highest first). Whatever cannot be read (a broken config, no
// store) gives no candidates of that kind; it never prints an error, so a Tab never disturbs
// the terminal. Nothing is printed for a file or free text: the shell completes file names.
void complete_command_line(const CLI::App& root, const std::vector<std::string>& words, std::FILE* out);

// Writes casectl.1 and casectl-COMMAND.1 for every command into `dir` (created if missing), in
// man(7) roff: the same descriptions as --help, the examples of the command table, and the help
// topics (exit codes, formats, environment, configuration, templates) in casectl(1). Returns
// false with a message on stderr when a file cannot be written.
bool write_man_pages(const CLI::App& root, const std::string& dir, const std::string& version);

} // namespace casectl::cli
