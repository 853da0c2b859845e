// The front end: the command table, the dispatcher, and what every command handler receives.
//
// Adding a command: see docs/adding-a-command.md (handler file, table row in commands.cpp,
// end-to-end test, docs page, example).
#pragma once

#include "config/config.hpp"
#include "output/mask.hpp"
#include "output/render.hpp"
#include "store/case_store.hpp"
#include "model/change.hpp"
#include "util/status.hpp"

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace casectl::cli {

// What a command needs before it runs; the dispatcher provides it (git's RUN_SETUP).
enum class Needs {
  nothing,     // no config, no store (help, completion)
  config,      // the loaded configuration
  store_read,  // config and an existing store (refused when there is none)
  store_write, // config and a store, created when missing
};

// Everything a handler gets. Handlers print records to `out`, messages to `err`, and return a
// Status; they never exit and never open the store themselves.
struct Context {
  config::Config config;
  std::unique_ptr<store::CaseStore> store; // set when the command needs a store
  ChangeContext change;                    // acting user, command line, clock
  std::FILE* out = stdout;
  std::FILE* err = stderr;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  bool color = false;          // colour allowed on stdout: a terminal, no NO_COLOR, TERM not dumb, no --no-color
  unsigned terminal_width = 0; // stdout's terminal width in columns (tables are fitted to it); 0 when piped
};

using Handler = std::function<Status(Context&)>;

// One row of the command table: drives dispatch, `casectl --help` and the docs.
struct CommandSpec {
  const char* name;
  const char* summary;
  Needs needs;
  // Adds the subcommand's options to `command` and sets `handler` to run it.
  void (*define)(CLI::App& command, Handler& handler);
  // Two or three command lines, one a line, that end the command's --help and its man page.
  const char* examples = "";
};

// The command table, in the order `casectl --help` lists it.
const std::vector<CommandSpec>& commands();

// Output flags shared by every command that prints records: -o, --no-headers, --template, --redact.
struct OutputFlags {
  std::string format; // empty: table on a terminal, TSV when piped
  bool no_headers = false;
  std::string template_name; // --template NAME|FILE: render through a Mustache template instead
  bool redact = false;       // --redact: personal data out of every record (lib/output/redact.hpp)
  // CSV for spreadsheets: --bom, --delimiter ';'|','|tab, and --excel (-o csv --bom --delimiter ';').
  // Checked while parsing: --excel sets `format` to "csv"; --bom and --delimiter need csv.
  bool bom = false;
  std::string delimiter; // empty: ','
  bool excel = false;
  // --fields a,b,c (every command that prints records): the columns of table, TSV, CSV and xlsx in
  // that order, and the only keys of JSON and NDJSON; any field of the records, not only the
  // default columns (cli/listing.hpp).
  std::string fields;
  // --sort, --limit N and --all, for listings that do not sort or limit in the store; set by
  // add_listing_flags and applied by print_records. limit -1: every row.
  std::string sort;
  long long limit = -1;
  // -o html is accepted: the command prints an HTML page (the reports with a page: kpi, caseload,
  // outcomes, services). Set before add_output_flags; the handler turns it into its page's template.
  bool html_page = false;
};
void add_output_flags(CLI::App& command, OutputFlags& flags);
// Adds --fields, for a command that only reads (a listing, show): a command that changes the store
// prints after it wrote, too late to refuse a misspelt field with exit 2.
void add_fields_flag(CLI::App& command, OutputFlags& flags);
// Adds --fields, --sort FIELD[,FIELD] (-FIELD descending), --limit N and --all to a listing whose
// command has none of its own; print_records sorts and cuts the rows it is given.
void add_listing_flags(CLI::App& command, OutputFlags& flags);
// The same without --template, for a command whose --template means something else (report cases).
void add_format_flags(CLI::App& command, OutputFlags& flags);
Result<output::RenderOptions> render_options(const OutputFlags& flags, const Context& context);
// Whether a listing's records must carry their *_label fields: a table, a workbook, JSON, NDJSON,
// a template, --fields or --sort may show them; TSV and CSV print the codes of their columns only,
// and building the labels was a quarter of `list -o tsv`'s time.
bool shows_labels(const OutputFlags& flags, const Context& context);

// Prints one record: a card, a format, or through --template (which sees the record itself).
// With --redact, the record is redacted first, for every format and template alike, as the
// config's redact.keep says; `known` adds the people of the case to mask in kept free text (for
// records that do not hold the household themselves: a plan, an assessment, a journal entry).
// `shape`: a record of the kind with every field it can have (documents.hpp: sample_document), so
// that --template is checked against the kind, not only against this record (templates::render).
Status print_record(Context& context, const OutputFlags& flags, Record record, const redact::People& known = {},
                    const Record* shape = nullptr);

// Prints the records that `produce` hands to its callback: streamed in a format, or collected
// and rendered through --template, which sees {"<list_key>": [records...], "count": N}.
// With --redact, each record is redacted first (as print_record does). `sample_row`: a row with
// every field a row can have (e.g. views::summary_record(CaseSummary{}, config)), so that a
// template's fields inside {{#<list_key>}} are checked on an empty result too; null: checked only
// against the rows there are.
using RecordSink = std::function<Status(const Record&)>;
Status print_records(Context& context, const OutputFlags& flags, const std::vector<Column>& columns, const char* list_key,
                     const std::function<Status(const RecordSink&)>& produce, const redact::People& known = {},
                     const Record& sample_row = Record());

// Applies --sort and --limit to `rows` (a JSON array of records with `columns`), as print_records
// does: for a command that hands a template its rows inside a larger record (the reports).
// An unknown --sort field: Status::usage.
Status sort_and_limit(const OutputFlags& flags, const std::vector<Column>& columns, Record& rows);

// The people of case `case_id` (its id, not an external id) to pass as print_record's `known`
// when --redact is given (documents.hpp: case_people); nobody without --redact.
Result<redact::People> people_to_mask(Context& context, const OutputFlags& flags, const std::string& case_id);

// The program: parses argv, prepares what the command needs, runs it, maps the Status to an
// exit code and prints "casectl: error: ..." on failure. Returns the exit code.
int run(int argc, char** argv);

// The exit code of a Status kind (the table in docs/scripting.md).
int exit_code(ErrorKind kind);

} // namespace casectl::cli
