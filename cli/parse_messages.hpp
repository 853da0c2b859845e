// casectl's words for what CLI11 refuses while it parses the command line. CLI11's own texts
// ("A subcommand is required", "--limit: 1 required INT missing", "Could not convert: --limit =
// abc", "The following argument was not expected: x") name neither the command nor the fix; every
// parse error the program prints goes through here instead (exit 2, docs/scripting.md).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
class ParseError;
} // namespace CLI

namespace casectl::cli {

// The message for parse error `e`, without the "casectl: error: " prefix: what is wrong, naming
// the option, value or command, a did-you-mean when a name is close to a known one, and where to
// look ("see 'casectl list --help'"). `root` is the whole program; `command` the deepest
// subcommand that was recognised (`staff add` rather than `staff`), nullptr when none was.
std::string parse_error_message(const CLI::App& root, const CLI::ParseError& e, const CLI::App* command);

// "did you mean" for an unknown option `word` ("--josn", "--jsn=x") among `command`'s options and
// the global ones: the closest option name, compared without the dashes; else, for a command
// with -o, a format the word is close to (" (did you mean '-o json'?)"); else "".
std::string option_suggestion(const std::string& word, const CLI::App& command);

} // namespace casectl::cli
