// casectl(1) and casectl-COMMAND(1), written from the command tree and the help topics, so that
// `man casectl-intake` and `casectl intake --help` cannot drift apart.
#include "completion.hpp"

#include "app.hpp"
#include "commands.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace casectl::cli {

namespace {

// Text as roff reads it: a backslash is \e, a hyphen that is typed (options) \-, and a line that
// would start with a control character is guarded by \&.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

// A block printed as it is (help topics, examples): no filling, no adjusting.
std::string verbatim(const std::string& text) { return ".nf\n" + roff(text) + (text.ends_with("\n") ? "" : "\n") + ".fi\n"; }

std::string option_names(const CLI::Option& option) {
  std::vector<std::string> names;
  for (const std::string& s : option.get_snames()) names.push_back("\\fB\\-" + roff(s) + "\\fR");
  for (const std::string& l : option.get_lnames()) names.push_back("\\fB\\-\\-" + roff(l) + "\\fR");
  std::string value;
  if (option.get_items_expected_max() > 0) {
    std::string type = option.get_type_name();
    type = type.substr(0, type.find(':'));
    if (type.empty() || type == "TEXT") type = "VALUE";
    if (type == "INT") type = "N";
    value = " \\fI" + roff(type) + "\\fR";
  }
  return text::join(names, ", ") + value;
}

void write_options(std::ostream& out, const CLI::App& command, const char* heading) {
  std::vector<const CLI::Option*> args = command.get_options([](const CLI::Option* o) { return o->get_positional(); });
  std::vector<const CLI::Option*> options = command.get_options(
      [](const CLI::Option* o) { return o->nonpositional() && o->get_lnames() != std::vector<std::string>{"help"}; });
  if (!args.empty()) {
    out << ".SS Arguments\n";
    for (const CLI::Option* arg : args)
      out << ".TP\n\\fI" << roff(arg->get_name()) << "\\fR" << (arg->get_required() ? "" : " (optional)") << "\n"
          << roff(arg->get_description()) << "\n";
  }
  if (!options.empty()) {
    out << ".SS " << heading << "\n";
    for (const CLI::Option* option : options)
      out << ".TP\n" << option_names(*option) << "\n" << roff(option->get_description()) << "\n";
  }
}

std::string usage_of(const CLI::App& command, const std::string& path) {
  std::string usage = "\\fBcasectl " + roff(path) + "\\fR";
  for (const CLI::Option* arg : command.get_options([](const CLI::Option* o) { return o->get_positional(); }))
    usage += arg->get_required() ? " \\fI" + roff(arg->get_name()) + "\\fR" : " [\\fI" + roff(arg->get_name()) + "\\fR]";
  if (!command.get_subcommands([](const CLI::App*) { return true; }).empty()) usage += " \\fICOMMAND\\fR";
  return usage + " [\\fIoptions\\fR]";
}

std::string header(const std::string& name, const std::string& version) {
  std::string upper = name;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format(".TH {} 1 \"\" \"casectl {}\" \"casectl manual\"\n", roff(upper), version);
}

std::string command_page(const CLI::App& command, const CommandSpec& spec, const std::string& version) {
  std::ostringstream out;
  out << header(std::string("casectl-") + spec.name, version) << ".SH NAME\ncasectl\\-" << roff(spec.name) << " \\- "
      << roff(spec.summary) << "\n.SH SYNOPSIS\n"
      << usage_of(command, spec.name) << "\n";
  std::vector<const CLI::App*> subs = command.get_subcommands([](const CLI::App*) { return true; });
  for (const CLI::App* sub : subs) out << ".br\n" << usage_of(*sub, std::string(spec.name) + " " + sub->get_name()) << "\n";
  out << ".SH DESCRIPTION\n" << roff(spec.summary) << ".\n";
  // The command's own footer, without the examples the table added to it (they get a section).
  std::string footer = command.get_footer();
  footer = footer.substr(0, footer.find("\nExamples:\n"));
  if (!text::trim(footer).empty()) out << ".PP\n" << verbatim(text::trim(footer));
  out << ".SH OPTIONS\n";
  write_options(out, command, "Options");
  for (const CLI::App* sub : subs) {
    out << ".SH \"" << roff(std::string(spec.name) + " " + sub->get_name()) << "\"\n" << roff(sub->get_description()) << "\n";
    if (!text::trim(sub->get_footer()).empty()) out << ".PP\n" << verbatim(text::trim(sub->get_footer()));
    write_options(out, *sub, "Options");
  }
  if (*spec.examples) out << ".SH EXAMPLES\n" << verbatim(spec.examples);
  out << ".SH SEE ALSO\n\\fBcasectl\\fR(1), \\fBcasectl help " << roff(spec.name) << "\\fR\n";
  return out.str();
}

std::string main_page(const CLI::App& root, const std::string& version) {
  std::ostringstream out;
  out << header("casectl", version)
      << ".SH NAME\ncasectl \\- case work for social coordinators and interagency teams, from intake to report\n"
      << ".SH SYNOPSIS\n\\fBcasectl\\fR [\\fIglobal options\\fR] \\fICOMMAND\\fR [\\fIoptions\\fR]\n"
      << ".SH DESCRIPTION\n"
      << roff(root.get_description()) << "\n.SH COMMANDS\n";
  for (const CommandSpec& spec : commands())
    out << ".TP\n\\fBcasectl\\-" << roff(spec.name) << "\\fR(1)\n" << roff(spec.summary) << "\n";
  out << ".SH GLOBAL OPTIONS\n";
  for (const CLI::Option* option : root.get_options([](const CLI::Option* o) { return o->get_group() == "Global options"; }))
    out << ".TP\n" << option_names(*option) << "\n" << roff(option->get_description()) << "\n";
  for (const HelpTopic& topic : help_topics()) {
    std::string title = topic.name == std::string("exit-codes") ? "EXIT STATUS" : topic.name;
    for (char& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out << ".SH \"" << roff(title) << "\"\n" << verbatim(topic.text);
  }
  out << ".SH SEE ALSO\n";
  std::vector<std::string> pages;
  for (const CommandSpec& spec : commands()) pages.push_back("\\fBcasectl\\-" + roff(spec.name) + "\\fR(1)");
  out << text::join(pages, ", ") << "\n";
  return out.str();
}

bool write_page(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    fmt::print(stderr, "casectl: error: {}\n", trf("cannot write {}", path.c_str()));
    return false;
  }
  return true;
}

} // namespace

bool write_man_pages(const CLI::App& root, const std::string& dir, const std::string& version) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    fmt::print(stderr, "casectl: error: {}\n", trf("cannot create {}: {}", dir.c_str(), error.message().c_str()));
    return false;
  }
  bool written = write_page(std::filesystem::path(dir) / "casectl.1", main_page(root, version));
  for (const CommandSpec& spec : commands()) {
    const CLI::App* command = root.get_subcommand(spec.name);
    written = write_page(std::filesystem::path(dir) / (std::string("casectl-") + spec.name + ".1"),
                         command_page(*command, spec, version)) &&
              written;
  }
  return written;
}

} // namespace casectl::cli
