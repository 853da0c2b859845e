#include "parse_messages.hpp"

#include "app.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace casectl::cli {

namespace {

// "staff add" for the subcommand add of staff; "" for the program itself.
std::string command_path(const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* app = command; app && app->get_parent(); app = app->get_parent())
    names.insert(names.begin(), app->get_name());
  return text::join(names, " ");
}

// "; see 'casectl staff add --help'", the end of every message.
std::string see_help(const CLI::App* command) {
  std::string path = command_path(command);
  return trf("; see 'casectl {}--help'", path.empty() ? "" : path + " ");
}

std::string quoted_command(const CLI::App* command) {
  std::string path = command_path(command);
  return path.empty() ? "'casectl'" : "'casectl " + path + "'";
}

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// The first word that is not an option: what the user meant as a command.
std::string first_word(const std::vector<std::string>& words) {
  for (const std::string& word : words)
    if (!word.empty() && word[0] != '-') return word;
  return words.empty() ? std::string() : words.front();
}

bool is_option_word(const std::string& word) { return word.size() > 1 && word[0] == '-'; }

std::string without_dashes(const std::string& name) { return name.substr(name.find_first_not_of('-')); }

// The option `name` ("--limit", "CASE") of `command` or of the commands above it.
const CLI::Option* find_option(const CLI::App* command, const std::string& name) {
  for (const CLI::App* app = command; app; app = app->get_parent())
    for (const CLI::Option* option : app->get_options())
      if (option->check_name(name) || option->get_name() == name) return option;
  return nullptr;
}

// What a value of `option` is, in words: "a whole number" for CLI11's INT.
std::string value_words(const CLI::Option* option) {
  std::string type = option ? option->get_type_name() : "";
  if (type.rfind("INT", 0) == 0 || type.rfind("UINT", 0) == 0) return tr("a whole number");
  if (type.rfind("FLOAT", 0) == 0) return tr("a number");
  return tr("a value");
}

// The text between `before` and `after` in `message`; "" when `message` is not so shaped.
std::string between(const std::string& message, const std::string& before, const std::string& after) {
  if (message.rfind(before, 0) != 0) return {};
  std::size_t end = after.empty() ? message.size() : message.find(after, before.size());
  if (end == std::string::npos) return {};
  return message.substr(before.size(), end - before.size());
}

std::string unknown_command(const CLI::App& root) {
  std::string word = first_word(root.remaining());
  return trf("unknown command '{}'{}; 'casectl --help' lists the commands", word,
             text::did_you_mean(word, subcommand_names(root)));
}

std::string extra_argument(const CLI::App& root, const CLI::App* command) {
  std::vector<std::string> extras = root.remaining(true);
  if (extras.empty()) return trf("{} takes no more arguments{}", quoted_command(command), see_help(command));
  auto option = std::find_if(extras.begin(), extras.end(), is_option_word);
  std::string word = option != extras.end() ? *option : extras.front();
  if (is_option_word(word))
    return trf("unknown option '{}' for {}{}{}", word, quoted_command(command), option_suggestion(word, *command),
               see_help(command));
  std::vector<std::string> subcommands = subcommand_names(*command);
  if (!subcommands.empty())
    return trf("{} has no command '{}'{}; its commands: {}{}", quoted_command(command), word,
               text::did_you_mean(word, subcommands), text::join(subcommands, ", "), see_help(command));
  return trf("unexpected argument '{}' for {} (a value with spaces needs quotes){}", word, quoted_command(command),
             see_help(command));
}

std::string missing(const CLI::App& root, const std::string& message, const CLI::App* command) {
  if (message == "A subcommand is required") {
    std::vector<std::string> subcommands = subcommand_names(*command);
    std::string word = first_word(root.remaining(true));
    std::string hint = word.empty() ? "" : trf("; '{}' is not one{}", word, text::did_you_mean(word, subcommands));
    return trf("{} needs a command: {}{}{}", quoted_command(command), text::join(subcommands, ", "), hint, see_help(command));
  }
  std::string name = between(message, "", " is required");
  if (!name.empty() && name != message) {
    const CLI::Option* option = find_option(command, name);
    bool positional = option && option->get_lnames().empty() && option->get_snames().empty();
    return trf("{} needs {}{}{}", quoted_command(command), name,
               positional ? "" : trf(" (write {} {})", name, value_words(option) == std::string(tr("a value")) ? "VALUE" : "N"),
               see_help(command));
  }
  return message + see_help(command);
}

std::string value_missing(const std::string& message, const CLI::App* command) {
  std::size_t colon = message.find(": ");
  std::string name = colon == std::string::npos ? std::string() : message.substr(0, colon);
  const CLI::Option* option = find_option(command, name);
  if (!option) return message + see_help(command);
  return trf("{} needs {} after it (an option's value goes after it, or after '=': {}=VALUE){}", name, value_words(option), name,
             see_help(command));
}

std::string not_converted(const std::string& message, const CLI::App* command) {
  std::string rest = between(message, "Could not convert: ", "");
  std::size_t equals = rest.find(" = ");
  if (!rest.empty() && equals != std::string::npos) {
    std::string name = rest.substr(0, equals);
    const CLI::Option* option = find_option(command, name);
    if (option && option->get_expected_max() == 0) // a flag given a value it cannot read (--open=maybe)
      return trf("{} is a switch and takes no value; give {} alone{}", name, name, see_help(command));
    return trf("{}: '{}' is not {}{}", name, rest.substr(equals + 3), value_words(option), see_help(command));
  }
  std::string flag = between(message, "", ": too many inputs for a flag");
  if (flag.empty()) flag = between(message, "", ": Should be true/false or a number");
  if (!flag.empty() && flag != message)
    return trf("{} is a switch and takes no value; give {} alone{}", flag, flag, see_help(command));
  return message + see_help(command);
}

std::string excluded(const std::string& message, const CLI::App* command) {
  std::size_t word = message.find(" excludes ");
  if (word == std::string::npos) return message + see_help(command);
  return trf("{} and {} are alternatives; give one{}", message.substr(0, word), message.substr(word + 10), see_help(command));
}

std::string required_too(const std::string& message, const CLI::App* command) {
  std::size_t word = message.find(" requires ");
  if (word == std::string::npos) return message + see_help(command);
  return trf("{} needs {} as well{}", message.substr(0, word), message.substr(word + 10), see_help(command));
}

// A validator's message: CLI11 puts the option's name before it, which the message may start
// with too ("--limit: --limit takes...").
std::string not_valid(std::string message, const CLI::App* command) {
  std::size_t colon = message.find(": ");
  if (colon != std::string::npos && message.compare(colon + 2, colon + 1, message.substr(0, colon) + " ") == 0)
    message.erase(0, colon + 2);
  return message + see_help(command);
}

} // namespace

std::string option_suggestion(const std::string& word, const CLI::App& command) {
  std::string name = without_dashes(word.substr(0, word.find('=')));
  if (name.empty()) return "";
  std::vector<std::string> names;
  for (const CLI::App* app = &command; app; app = app->get_parent())
    for (const CLI::Option* option : app->get_options())
      for (const std::string& long_name : option->get_lnames()) names.push_back(long_name);
  if (std::optional<std::string> best = text::closest(name, names)) return trf(" (did you mean '--{}'?)", *best);
  if (!find_option(&command, "--output")) return "";
  // Asking for a format as an option of its own (--json, --jsn): the format goes after -o.
  std::optional<std::string> format = text::closest(name, {"table", "tsv", "csv", "json", "ndjson"});
  return format ? " (did you mean '-o " + *format + "'?)" : "";
}

std::string parse_error_message(const CLI::App& root, const CLI::ParseError& e, const CLI::App* command) {
  const std::string message = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) return command ? extra_argument(root, command) : unknown_command(root);
  const CLI::App* where = command ? command : &root;
  if (dynamic_cast<const CLI::RequiredError*>(&e)) return missing(root, message, where);
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e)) return value_missing(message, where);
  if (dynamic_cast<const CLI::ConversionError*>(&e)) return not_converted(message, where);
  if (dynamic_cast<const CLI::ExcludesError*>(&e)) return excluded(message, where);
  if (dynamic_cast<const CLI::RequiresError*>(&e)) return required_too(message, where);
  return not_valid(message, command);
}

} // namespace casectl::cli
