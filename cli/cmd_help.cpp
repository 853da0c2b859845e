#include "commands.hpp"

#include "cases/documents.hpp"
#include "config/config.hpp"
#include "output/templates.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

const HelpTopic k_topics[] = {
    {"exit-codes", R"(Exit codes (stable; scripts may rely on them):
  0   success
  1   unexpected internal failure
  2   usage error: unknown command or option, missing argument
  3   not found: case, task, staff member, template
  4   conflict: not allowed in the case's current state, or a duplicate refused; 'import' found
      cases that differ from this store's (without --on-conflict)
  65  invalid input data: bad field values, malformed CSV/NDJSON/TOML records, an export that
      'import' cannot read (cut short, redacted, of another schema version);
      'check' (or 'log --verify') found the store unsound; 'init' on a store without its journal triggers
  66  an input file cannot be read (also: no store at the given path)
  73  the store cannot be created or opened for writing (or is newer than this casectl, or claims a
      schema version that no casectl writes or that its tables do not match)
  75  the store is busy (locked longer than the busy timeout): try again
  78  configuration error
Errors go to stderr as 'casectl: error: ...'; stdout carries data only.
)"},
    {"formats", R"(Output formats, for every command that prints records (-o, --output):
  table   aligned columns (by display width, so Cyrillic and Kazakh line up); the default on a terminal
  tsv     tab-separated, one record a line, header first; the default when piped.
          Tabs, new lines and backslashes inside a value are written \t, \n, \\.
  csv     RFC 4180, CRLF line ends. Cells starting with = + - @ tab or CR get a leading ' so that
          a spreadsheet shows them as text; turn off with csv.guard_formulas = false
          (or CASECTL_CSV_GUARD_FORMULAS=0) for pipelines that need the raw value.
  json    one JSON array (one object for 'show'); field names are stable snake_case
  ndjson  one JSON object a line
  xlsx    an Excel workbook of one sheet: the table's columns and headers (a card as field and
          value rows), numbers as numbers, dates as dates, moments as local date-times, all
          else as text (never a formula); frozen header, autofilter. Binary: redirect it to a
          file (casectl list -o xlsx > cases.xlsx); refused on a terminal.
Lists of values (groups) are joined with ';' in table, tsv and csv. --no-headers drops the header.
For Excel: --excel is -o csv --bom --delimiter ';' (a UTF-8 byte order mark, ';' between cells:
what Excel in a Russian locale opens right); --bom and --delimiter ';'|','|tab apply to csv only.
intake --from reads what Excel saves with --encoding cp1251 (or kz1048; utf-8 is the default).
Dates are ISO 8601: YYYY-MM-DD (local days); moments are UTC: YYYY-MM-DDTHH:MM:SSZ, shown in
local time (YYYY-MM-DD HH:MM) only in tables and templates (X_local).
--redact, in every format and template: the people's names as initials, addresses and free text
(problems, notes, goals, tasks, reasons...) withheld unless the config's redact.keep keeps a field
(then with the case's names, phones, dates and street masked in it), phones masked but for the
last two digits, birth dates as the year (docs/reports.md).
)"},
    {"environment", R"(Environment variables:
  CASECTL_DB                  the store file (like --db)
  CASECTL_USER                the acting user recorded on changes (like --as)
  CASECTL_TODAY               work as if today were this date (like --today)
  CASECTL_TIMEZONE            the local time zone (the timezone setting): Asia/Almaty, UTC-5
  TZ                          the local time zone when no timezone is set
  CASECTL_NOW                 for tests only: the real moment, YYYY-MM-DDTHH:MM:SSZ
  CASECTL_LANG                ru, kk or en (like --lang)
  CASECTL_CONFIG              a config file read after the others (like --config)
  CASECTL_BUSY_TIMEOUT        milliseconds to wait for another process's lock
  CASECTL_CASE_ID_FORMAT      the case id format, e.g. {year}-{seq:05}
  CASECTL_CSV_GUARD_FORMULAS  0 to write CSV cells exactly as stored
  CASECTL_TEMPLATES           a directory of the region's own templates
  CASECTL_PG_DUMP=skip        migrate a PostgreSQL store without casectl's pg_dump first
                              (for when you dumped it yourself)
  NO_COLOR, TERM=dumb         no colour
  CASECTL_PAGER, PAGER        the pager for long output on a terminal (default: less -FRX;
                              cat or an empty value: none; --no-pager for one command)
  COLUMNS                     the terminal's width when it does not say (tables fit it)
  XDG_DATA_HOME, XDG_CONFIG_HOME  where the store and the user config live by default
  XDG_STATE_HOME              where a PostgreSQL store is dumped before a migration
                              ($XDG_STATE_HOME/casectl, default ~/.local/state/casectl)
)"},
    {"templates", R"(Templates: --template NAME renders a command's record through a Mustache template.
NAME is looked for as NAME.<lang>.mustache, NAME.<lang>.html.mustache, NAME.mustache,
NAME.html.mustache: first in the region's directory (templates.dir, CASECTL_TEMPLATES), then
among the built-in ones. A path (with a '/') takes that file. *.html.mustache escapes for HTML.

What each command gives its template (the fields are those of the command's -o json):
  show CASE                   the case record
  assess CASE --show          the assessment record
  assess CASE --history       {domains: [...], count}
  plan CASE                   the plan record
  plan tasks                  {tasks: [...], count}
  list, find                  {cases: [...], count}
  log CASE                    {entries: [...], count}
  assign CASE                 the assignment record
  caseload, staff list        {managers: [...], count}, {staff: [...], count}
  due                         {items: [...], count}
  report kpi                  the heading, base, compare, figures, count
  report caseload|outcomes|overdue|services   the heading, rows, count
  report cases --template T   one document per case: --document case|plan|assessment|passport

A field the record does not have is an error naming the template and line. Beside each UTC
moment X, X_local is the local time. --redact gives the template the redacted record.
Every field: docs/templates.md.
)"},
    {"configuration", R"(Configuration is read in layers; each later one overrides the earlier:
  built-in defaults < /etc/casectl/config.toml < $XDG_CONFIG_HOME/casectl/config.toml
  < ./casectl.toml < --config FILE < CASECTL_* environment < flags
A reference table (districts, groups, sources, agencies, assessment.domains,
assessment.scale, events) changes the list before it code by code: new codes are added,
known ones relabelled, 'code = { retired = true }' takes one out; 'replace = true' in the
table makes it the whole list. Staff ([staff.LOGIN]) are replaced whole by the last layer.
'casectl config show' prints every effective value and where it came from.
See examples/casectl.toml for a whole regional config.
)"},
};

// The fields of `record` as a template reaches them: "case_id, members[] {name, role}, ...";
// nested parts two levels deep, "{…}" below that.
std::string field_outline(const Record& record, int depth) {
  std::vector<std::string> fields;
  for (auto it = record.begin(); it != record.end(); ++it) {
    const Record& value = it.value();
    const Record* inner = value.is_object()                                                 ? &value
                          : value.is_array() && !value.empty() && value.front().is_object() ? &value.front()
                                                                                            : nullptr;
    std::string field = it.key() + (value.is_array() ? "[]" : "");
    if (inner) field += depth > 1 ? " {" + field_outline(*inner, depth - 1) + "}" : " {…}";
    fields.push_back(field);
  }
  return text::join(fields, ", ");
}

// `prefix` then `text`, wrapped at `width` columns between words, continued lines indented to
// the prefix's width.
std::string wrapped(const std::string& prefix, const std::string& text, std::size_t width) {
  const std::string indent(text::display_width(prefix), ' ');
  std::string out, line = prefix;
  bool line_empty = true;
  for (const std::string& word : text::split(text, ' ')) {
    if (word.empty()) continue;
    if (!line_empty && text::display_width(line) + 1 + text::display_width(word) > width) {
      out += line + "\n";
      line = indent;
      line_empty = true;
    }
    line += (line_empty ? "" : " ") + word;
    line_empty = false;
  }
  return out + line;
}

// The fields of each document a template renders (report cases --document, show --template...),
// from the same sample records the templates are checked against.
void print_document_fields(Context& context, const config::Config& config) {
  std::fputs("\nThe fields of each document (a name with [] is a list: {{#name}}...{{/name}}):\n", context.out);
  for (DocumentKind kind : {DocumentKind::case_card, DocumentKind::plan, DocumentKind::assessment, DocumentKind::passport}) {
    std::string prefix = fmt::format("  {:<11} ", document_kind_name(kind));
    std::fprintf(context.out, "%s\n", wrapped(prefix, field_outline(sample_document(kind, config), 2), 100).c_str());
  }
}

// The template names this machine has. help reads no config (it must work with a broken one), so
// the region's directory is looked up here, and a config that does not load leaves it out.
void print_available_templates(Context& context) {
  Result<config::Config> config = config::load(config::Sources{});
  std::string region_dir = config ? config->templates_dir : std::string();
  std::vector<std::string> names = templates::available(region_dir);
  std::string prefix = fmt::format("Templates here (built-in{}): ", region_dir.empty() ? "" : " and the region's");
  std::fprintf(context.out, "\n%s\n", wrapped(prefix, text::join(names, ", "), 100).c_str());
  print_document_fields(context, config ? *config : config::Config{});
}

} // namespace

std::vector<HelpTopic> help_topics() { return {std::begin(k_topics), std::end(k_topics)}; }

void define_help(CLI::App& command, Handler& handler) {
  auto topic = std::make_shared<std::string>();
  command.add_option("TOPIC", *topic, "exit-codes, formats, environment, configuration, templates, or a command name");
  CLI::App* root = command.get_parent();
  handler = [topic, root](Context& context) -> Status {
    if (topic->empty()) {
      // App::help() would describe the parsed subcommand (this one); ask the formatter for the root.
      std::fputs(root->get_formatter()->make_help(root, "casectl", CLI::AppFormatMode::Normal).c_str(), context.out);
      return Status::ok();
    }
    for (const HelpTopic& t : k_topics)
      if (*topic == t.name) {
        std::fputs(t.text, context.out);
        if (*topic == "templates") print_available_templates(context);
        return Status::ok();
      }
    std::vector<std::string> names;
    for (const HelpTopic& t : k_topics) names.emplace_back(t.name);
    for (const CommandSpec& spec : commands()) {
      names.emplace_back(spec.name);
      if (*topic == spec.name) {
        CLI::App* command = root->get_subcommand(spec.name);
        std::fputs(
            command->get_formatter()->make_help(command, std::string("casectl ") + spec.name, CLI::AppFormatMode::Normal).c_str(),
            context.out);
        return Status::ok();
      }
    }
    return Status::not_found(
        trf("no help topic '{}'{}; topics: {}", *topic, text::did_you_mean(*topic, names), text::join(names, ", ")));
  };
}

} // namespace casectl::cli
