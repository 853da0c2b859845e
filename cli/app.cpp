#include "app.hpp"

#include "commands.hpp"
#include "completion.hpp"
#include "listing.hpp"
#include "pager.hpp"
#include "parse_messages.hpp"

#include "cases/documents.hpp"
#include "output/redact.hpp"
#include "output/templates.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <cerrno>
#include <csignal>

#ifndef CASECTL_VERSION
#define CASECTL_VERSION "0.0.0"
#endif

namespace casectl::cli {

int exit_code(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::ok: return 0;
  case ErrorKind::broken_pipe: return 0;
  case ErrorKind::internal: return 1;
  case ErrorKind::usage: return 2;
  case ErrorKind::not_found: return 3;
  case ErrorKind::conflict: return 4;
  case ErrorKind::invalid_input: return 65;
  case ErrorKind::unreadable: return 66;
  case ErrorKind::cannot_write: return 73;
  case ErrorKind::busy: return 75;
  case ErrorKind::config: return 78;
  }
  return 1;
}

namespace {

// The separator --delimiter names: ';' ',' or a tab (also written "tab" or "\\t", as a tab is
// hard to type in a shell). Returns 0 for anything else.
char delimiter_named(const std::string& name) {
  if (name == ";" || name == ",") return name[0];
  if (name == "\t" || name == "tab" || name == "\\t") return '\t';
  return 0;
}

// --excel stands for -o csv --bom --delimiter ';'; --bom and --delimiter shape CSV only (TSV is
// tab-separated by definition and has no byte order mark). Run once the command line is parsed,
// so that a contradiction stops the command before it changes anything.
void settle_csv_flags(OutputFlags& flags) {
  if (flags.excel) {
    if (!flags.format.empty() && flags.format != "csv")
      throw CLI::ValidationError("--excel",
                                 "--excel writes csv (it is -o csv --bom --delimiter ';'); leave out -o " + flags.format);
    if (!flags.delimiter.empty() && delimiter_named(flags.delimiter) != ';')
      throw CLI::ValidationError("--excel", "--excel separates cells with ';' (what Excel in a Russian locale expects); "
                                            "for another delimiter use -o csv --bom --delimiter instead");
    flags.format = "csv";
    flags.bom = true;
    flags.delimiter = ";";
    return;
  }
  for (auto [given, name] : {std::pair{flags.bom, "--bom"}, std::pair{!flags.delimiter.empty(), "--delimiter"}})
    if (given && flags.format != "csv")
      throw CLI::ValidationError(name, fmt::format("{} applies to csv output; add -o csv (or use --excel){}", name,
                                                   flags.format.empty() ? "" : ", not -o " + flags.format));
}

void add_csv_flags(CLI::App& command, OutputFlags& flags) {
  CLI::Validator delimiter_check(
      [](std::string& value) {
        return delimiter_named(value) ? std::string()
                                      : fmt::format("'{}' is not one of ';', ',' or tab (written tab, or $'\\t')", value);
      },
      "C");
  command.add_flag("--bom", flags.bom, "CSV: start with a UTF-8 byte order mark, so that Excel reads the text as UTF-8");
  command.add_option("--delimiter", flags.delimiter, "CSV: the cell separator: ';', ',' (the default) or tab")
      ->check(delimiter_check);
  command.add_flag("--excel", flags.excel, "CSV for Excel in a Russian locale: the same as -o csv --bom --delimiter ';'");
  command.final_callback([&flags] { settle_csv_flags(flags); });
}

} // namespace

void add_format_flags(CLI::App& command, OutputFlags& flags) {
  // Checked while parsing, so that a wrong format stops a command before it changes anything.
  // An Excel workbook is bytes, not text: on a terminal it is refused before anything runs.
  CLI::Validator format_check(
      [&flags](std::string& value) {
        if (value == "html")
          return flags.html_page ? std::string()
                                 : std::string("-o html is the page of a report (report kpi, caseload, outcomes, services); "
                                               "for another command give --template NAME.html with a template of your own");
        Result<output::Format> format = output::parse_format(value);
        if (!format) return format.status().message();
        if (*format == output::Format::xlsx && ::isatty(STDOUT_FILENO) == 1)
          return std::string("-o xlsx writes an Excel workbook, which a terminal cannot show; redirect it to a file: "
                             "casectl ... -o xlsx > cases.xlsx");
        return std::string();
      },
      "FORMAT");
  command
      .add_option("-o,--output", flags.format,
                  flags.html_page ? "Output format: table, tsv, csv, json, ndjson, xlsx (an Excel workbook: redirect it to a "
                                    "file), html (a page with charts; default: table on a terminal, tsv when piped)"
                                  : "Output format: table, tsv, csv, json, ndjson, xlsx (an Excel workbook: redirect it to a "
                                    "file; default: table on a terminal, tsv when piped)")
      ->check(format_check);
  command.add_flag("--no-headers", flags.no_headers, "Leave out the header line of table, tsv, csv and xlsx");
  command.add_flag("--redact", flags.redact,
                   "Personal data out: names as initials, addresses and free text withheld (config redact.keep), phones masked, "
                   "birth years only");
  add_csv_flags(command, flags);
}

void add_output_flags(CLI::App& command, OutputFlags& flags) {
  add_format_flags(command, flags);
  command
      .add_option("--template", flags.template_name,
                  "Render through a Mustache template: a NAME (see docs/templates.md) or a FILE")
      ->excludes(command.get_option("--output"))
      ->excludes(command.get_option("--excel"))
      ->excludes(command.get_option("--bom"))
      ->excludes(command.get_option("--delimiter"));
}

void add_fields_flag(CLI::App& command, OutputFlags& flags) {
  command.add_option("--fields", flags.fields,
                     "Only these fields, in this order (comma-separated): the columns of table, tsv, csv and xlsx, the keys of "
                     "json and ndjson; any field of -o json");
}

void add_listing_flags(CLI::App& command, OutputFlags& flags) {
  add_fields_flag(command, flags);
  command.add_option("--sort", flags.sort, "Sort by these fields (comma-separated; -FIELD for descending)");
  add_limit_option(command, flags.limit, "Show at most N rows");
}

namespace {

Status write_out(Context& context, const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), context.out) != text.size())
    return errno == EPIPE ? Status::broken_pipe() : Status::internal(tr("cannot write the output"));
  return Status::ok();
}

Status print_through_template(Context& context, const OutputFlags& flags, const Record& data, const Record* shape) {
  if (!flags.format.empty()) return Status::usage(tr("--template and -o are alternatives; give one"));
  Result<templates::Template> t = templates::find(flags.template_name, context.config.templates_dir, context.config.language);
  if (!t) return t.status();
  Result<std::string> text = templates::render(*t, data, render_limits(context.config), shape);
  if (!text) return text.status();
  return write_out(context, *text);
}

} // namespace

Status print_record(Context& context, const OutputFlags& flags, Record record, const redact::People& known, const Record* shape) {
  if (flags.redact) redact::redact(record, redaction_policy(context.config), known);
  if (!flags.fields.empty()) {
    if (!flags.template_name.empty())
      return Status::usage(tr("--fields chooses what -o prints; a --template chooses its own fields"));
    Result<std::vector<Column>> chosen = chosen_columns(flags.fields, {}, shape ? *shape : record);
    if (!chosen) return chosen.status();
    record = only_fields(record, *chosen);
  }
  if (!flags.template_name.empty()) return print_through_template(context, flags, record, shape);
  Result<output::RenderOptions> options = render_options(flags, context);
  if (!options) return options.status();
  return output::write_card(context.out, *options, record);
}

namespace {

// The rows a listing prints, after --sort and --limit: streamed as they come when there is no
// --sort, held and sorted when there is one.
class RowCutter {
 public:
  RowCutter(const OutputFlags& flags, std::vector<SortKey> keys, RecordSink next)
      : m_limit(flags.limit), m_keys(std::move(keys)), m_next(std::move(next)) {}

  Status add(Record row) {
    if (!m_keys.empty()) {
      m_held.push_back(std::move(row));
      return Status::ok();
    }
    if (m_limit >= 0 && m_count >= m_limit) return Status::ok();
    ++m_count;
    return m_next(row);
  }

  Status finish() {
    sort_records(m_held, m_keys);
    for (Record& row : m_held) {
      if (m_limit >= 0 && m_count >= m_limit) break;
      ++m_count;
      CASECTL_TRY(m_next(row));
    }
    return Status::ok();
  }

  long long count() const { return m_count; }

 private:
  long long m_limit;
  long long m_count = 0;
  std::vector<SortKey> m_keys;
  RecordSink m_next;
  std::vector<Record> m_held;
};

} // namespace

Status sort_and_limit(const OutputFlags& flags, const std::vector<Column>& columns, Record& rows) {
  const Record sample = rows.empty() ? Record() : rows.front();
  std::vector<SortKey> keys;
  if (!flags.sort.empty()) {
    Result<std::vector<SortKey>> sorted = sort_keys(flags.sort, columns, sample);
    if (!sorted) return sorted.status();
    keys = std::move(*sorted);
  }
  std::vector<Record> held(rows.begin(), rows.end());
  sort_records(held, keys);
  if (flags.limit >= 0 && static_cast<long long>(held.size()) > flags.limit) held.resize(static_cast<std::size_t>(flags.limit));
  rows = Record::array();
  for (Record& r : held) rows.push_back(std::move(r));
  return Status::ok();
}

Status print_records(Context& context, const OutputFlags& flags, const std::vector<Column>& columns, const char* list_key,
                     const std::function<Status(const RecordSink&)>& produce, const redact::People& known,
                     const Record& sample_row) {
  const redact::Policy policy = redaction_policy(context.config);
  Result<std::vector<Column>> shown = chosen_columns(flags.fields, columns, sample_row);
  if (!shown) return shown.status();
  std::vector<SortKey> keys;
  if (!flags.sort.empty()) {
    Result<std::vector<SortKey>> sorted = sort_keys(flags.sort, columns, sample_row);
    if (!sorted) return sorted.status();
    keys = std::move(*sorted);
  }
  if (!flags.template_name.empty()) {
    if (!flags.fields.empty()) return Status::usage(tr("--fields chooses what -o prints; a --template chooses its own fields"));
    Record all = Record::array();
    RowCutter rows(flags, keys, [&](const Record& r) {
      all.push_back(r);
      if (flags.redact) redact::redact(all.back(), policy, known);
      return Status::ok();
    });
    CASECTL_TRY(produce([&](const Record& r) { return rows.add(r); }));
    CASECTL_TRY(rows.finish());
    std::size_t count = all.size();
    const Record shape = {{list_key, Record::array({sample_row})}, {"count", 0}};
    return print_through_template(context, flags, Record{{list_key, std::move(all)}, {"count", count}},
                                  sample_row.is_null() ? nullptr : &shape);
  }
  Result<output::RenderOptions> options = render_options(flags, context);
  if (!options) return options.status();
  const bool only_keys =
      !flags.fields.empty() && (options->format == output::Format::json || options->format == output::Format::ndjson);
  output::RecordWriter writer(context.out, *options, *shown);
  RowCutter rows(flags, keys, [&](const Record& r) {
    if (!flags.redact && !only_keys) return writer.add(r);
    Record kept = r;
    if (flags.redact) redact::redact(kept, policy, known);
    return writer.add(only_keys ? only_fields(kept, *shown) : kept);
  });
  CASECTL_TRY(produce([&](const Record& r) { return rows.add(r); }));
  CASECTL_TRY(rows.finish());
  if (rows.count() == 0 && context.out_is_terminal) {
    // On a terminal an empty result is said in words, not shown as a table's bare header.
    fmt::print(context.err, "casectl: {}\n", tr("nothing found"));
    if (options->format == output::Format::table) return Status::ok();
  }
  return writer.finish();
}

Result<redact::People> people_to_mask(Context& context, const OutputFlags& flags, const std::string& case_id) {
  if (!flags.redact) return redact::People{};
  return case_people(*context.store, case_id);
}

Result<output::RenderOptions> render_options(const OutputFlags& flags, const Context& context) {
  output::RenderOptions options;
  if (flags.format.empty()) {
    options.format = context.out_is_terminal ? output::Format::table : output::Format::tsv;
  } else {
    Result<output::Format> format = output::parse_format(flags.format);
    if (!format) return format.status();
    options.format = *format;
  }
  options.headers = !flags.no_headers;
  options.color = context.color;
  if (options.format == output::Format::table) options.max_width = context.terminal_width;
  options.guard_formulas = context.config.csv_guard_formulas;
  options.bom = flags.bom;
  if (!flags.delimiter.empty()) options.delimiter = delimiter_named(flags.delimiter);
  options.language = context.config.language;
  return options;
}

bool shows_labels(const OutputFlags& flags, const Context& context) {
  if (!flags.template_name.empty() || !flags.fields.empty() || !flags.sort.empty()) return true;
  Result<output::RenderOptions> options = render_options(flags, context);
  return !options || (options->format != output::Format::tsv && options->format != output::Format::csv);
}

namespace {

// Flags every command accepts, before or after the command name.
struct GlobalFlags {
  std::string db;
  std::string as;
  std::string today;
  std::string lang;
  std::string config_file;
  bool no_color = false;
  bool no_pager = false;
};

void add_global_flags(CLI::App& app, GlobalFlags& g) {
  app.add_option("--db", g.db, "The case store file (env CASECTL_DB)")->group("Global options");
  app.add_option("--as", g.as, "The acting user recorded on changes (env CASECTL_USER)")->group("Global options");
  app.add_option("--today", g.today, "Work as if today were DATE, for reproducible results (env CASECTL_TODAY)")
      ->group("Global options");
  app.add_option("--lang", g.lang, "Language of labels and templates: ru, kk or en (env CASECTL_LANG)")->group("Global options");
  app.add_option("--config", g.config_file, "Read this config file after the others (env CASECTL_CONFIG)")
      ->group("Global options");
  app.add_flag("--no-color", g.no_color, "No colour in the output (also NO_COLOR, TERM=dumb)")->group("Global options");
  app.add_flag("--no-pager", g.no_pager, "Print to the terminal without a pager (also CASECTL_PAGER=cat)")
      ->group("Global options");
}

std::string quoted_command_line(int argc, char** argv) {
  std::vector<std::string> words{"casectl"};
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    bool plain = !word.empty() && word.find_first_of(" \t\n'\"\\$`;&|<>*?()") == std::string::npos;
    if (!plain) {
      std::string q = "'";
      for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      word = q + "'";
    }
    words.push_back(word);
  }
  return text::join(words, " ");
}

int fail(const Status& status) {
  if (status.kind() == ErrorKind::broken_pipe) return 0;
  std::fprintf(stderr, "casectl: error: %s\n", status.message().c_str());
  return exit_code(status.kind());
}

// The deepest subcommand CLI11 recognised: "staff add" rather than "staff"; nullptr for none.
const CLI::App* deepest_parsed(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands({}))
    if (sub->parsed()) {
      const CLI::App* deeper = deepest_parsed(*sub);
      return deeper ? deeper : sub;
    }
  return nullptr;
}

// The real moment: the system clock, or CASECTL_NOW (YYYY-MM-DDTHH:MM:SSZ), which only tests set,
// to see what a command does at a given real time (the local day of a UTC evening, say).
Result<date::Timestamp> real_moment() {
  std::string fixed = files::env("CASECTL_NOW");
  if (fixed.empty()) return date::now_utc();
  Result<date::Timestamp> t = date::parse_timestamp(fixed);
  if (!t) return Status::config(trf("env CASECTL_NOW: {}", t.status().message()));
  return *t;
}

Status prepare(Context& context, Needs needs, const GlobalFlags& g, CLI::App& app) {
  if (needs == Needs::nothing) return Status::ok();
  config::Sources sources;
  auto set_flag = [&](const char* key, const char* name, const std::string& value) {
    if (app.count(name) > 0) sources.flags[key] = value;
  };
  set_flag("store.path", "--db", g.db);
  set_flag("user", "--as", g.as);
  set_flag("today", "--today", g.today);
  set_flag("language", "--lang", g.lang);
  if (app.count("--config") > 0) sources.explicit_file = g.config_file;
  Result<config::Config> config = config::load(sources);
  if (!config) return config.status();
  context.config = std::move(*config);
  messages::use_language(context.config.messages_language);

  if (!context.config.timezone.empty()) date::use_time_zone(context.config.timezone);
  date::Clock& clock = context.change.clock;
  Result<date::Timestamp> real_now = real_moment();
  if (!real_now) return real_now.status();
  clock.recorded = *real_now;
  if (context.config.today) {
    clock.today = *context.config.today;
    clock.now = date::local_start_of(clock.today);
  } else {
    clock.now = clock.recorded;
    clock.today = date::local_day(clock.now);
  }
  context.change.actor = context.config.user;
  context.change.login = files::os_login();
  if (needs == Needs::config) return Status::ok();

  store::OpenOptions options;
  options.location = context.config.store_path;
  options.busy_timeout_ms = context.config.busy_timeout_ms;
  options.mode = needs == Needs::store_write ? store::Mode::write : store::Mode::read;
  Result<std::unique_ptr<store::CaseStore>> store = store::open(options);
  if (!store) return store.status();
  context.store = std::move(*store);
  store::CaseStore::Migrated migrated = context.store->migrated();
  if (migrated.from > 0)
    fmt::print(context.err, "casectl: {}\n",
               trf("the store {} was brought from schema version {} to {}; {}", context.store->location().c_str(), migrated.from,
                   context.store->schema_version(),
                   migrated.copy.empty() ? std::string(tr("the server's backup (pg_dump) is the way back"))
                                         : trf("the store as it was is kept in {}", migrated.copy)));
  return Status::ok();
}

// The commands whose output can be long enough to page: lookups, listings, reports, help. Not
// those that ask a question (reassign) or print a new id for a script (intake).
bool pages_output(const std::string& command) {
  static const char* const paged[] = {"show",   "list", "find",   "log",    "due",  "caseload", "staff",
                                      "report", "plan", "assess", "config", "help", "check"};
  for (const char* name : paged)
    if (command == name) return true;
  return false;
}

// The language of the messages printed before the config is read (a command line CLI11 refuses):
// --lang, else CASECTL_LANG, else the locale's, else Russian. Config::messages_language takes over
// once the config is read.
std::string early_message_language(int argc, char** argv) {
  auto known = [](const std::string& l) { return l == "ru" || l == "kk" || l == "en"; };
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word == "--lang" && i + 1 < argc && known(argv[i + 1])) return argv[i + 1];
    if (word.rfind("--lang=", 0) == 0 && known(word.substr(7))) return word.substr(7);
  }
  if (std::string env = files::env("CASECTL_LANG"); known(env)) return env;
  std::string locale = messages::language_of_environment([](const char* name) { return files::env(name); });
  return locale.empty() ? "ru" : locale;
}

bool color_allowed(bool terminal, bool no_color_flag) {
  if (!terminal || no_color_flag) return false;
  if (!files::env("NO_COLOR").empty()) return false;
  std::string term = files::env("TERM");
  return term != "dumb";
}

} // namespace

int run(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN); // a closed pipe becomes EPIPE, which ends output quietly
  messages::use_language(early_message_language(argc, argv));
  CLI::App app{"casectl: case work for social coordinators and interagency teams, from intake to report.\n"
               "'casectl help TOPIC' covers exit-codes, formats, environment, configuration.",
               "casectl"};
  app.set_version_flag("--version", CASECTL_VERSION);
  app.fallthrough();
  app.require_subcommand(0, 1);
  GlobalFlags global;
  add_global_flags(app, global);

  const std::vector<CommandSpec>& table = commands();
  std::vector<Handler> handlers(table.size());
  std::vector<CLI::App*> subcommands;
  for (std::size_t i = 0; i < table.size(); ++i) {
    CLI::App* sub = app.add_subcommand(table[i].name, table[i].summary);
    table[i].define(*sub, handlers[i]);
    if (*table[i].examples) {
      // After the command's own footer (what it prints, its exit codes), not instead of it.
      std::string footer = sub->get_footer();
      sub->footer(footer + (footer.empty() ? "" : "\n") + "\nExamples:\n  " +
                  text::join(text::split(table[i].examples, '\n'), "\n  "));
    }
    subcommands.push_back(sub);
  }
  // The scripts of `casectl completion` ask here on every Tab, and the build writes the manual
  // pages here: both read the tree just built, not a copy of it.
  if (argc >= 2 && std::string(argv[1]) == "__complete") {
    std::vector<std::string> words(argv + 2, argv + argc);
    if (!words.empty() && words.front() == "--") words.erase(words.begin());
    complete_command_line(app, words, stdout);
    return 0;
  }
  if (argc == 3 && std::string(argv[1]) == "__man") return write_man_pages(app, argv[2], CASECTL_VERSION) ? 0 : 73;

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
    std::fprintf(stderr, "casectl: error: %s\n", parse_error_message(app, e, deepest_parsed(app)).c_str());
    return 2;
  }

  std::size_t chosen = table.size();
  for (std::size_t i = 0; i < subcommands.size(); ++i)
    if (subcommands[i]->parsed()) chosen = i;
  if (chosen == table.size()) {
    std::fputs(app.help().c_str(), stderr);
    std::fputs("casectl: error: no command given; 'casectl --help' lists the commands\n", stderr);
    return 2;
  }

  Context context;
  context.out_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  context.err_is_terminal = ::isatty(STDERR_FILENO) == 1;
  context.color = color_allowed(context.out_is_terminal, global.no_color);
  context.terminal_width = terminal_width();
  context.change.command = quoted_command_line(argc, argv);
  Status status = prepare(context, table[chosen].needs, global, app);
  pid_t pager = -1;
  if (status && !global.no_pager && pages_output(table[chosen].name)) pager = start_pager();
  if (status) {
    try {
      status = handlers[chosen](context);
    } catch (const std::exception& e) {
      status = Status::internal(trf("unexpected failure: {}", e.what()));
    }
  }
  if (status && std::fflush(stdout) != 0 && errno != EPIPE) status = Status::internal(tr("cannot write the output"));
  finish_pager(pager); // before an error message, so that it is not lost under the pager's screen
  if (!status) return fail(status);
  return 0;
}

} // namespace casectl::cli
