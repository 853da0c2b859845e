// The define functions of the commands, one per file cli/cmd_<name>.cpp.
#pragma once

#include "app.hpp"

namespace casectl::cli {

void define_init(CLI::App& command, Handler& handler);
void define_intake(CLI::App& command, Handler& handler);
void define_assess(CLI::App& command, Handler& handler);
void define_plan(CLI::App& command, Handler& handler);
void define_review(CLI::App& command, Handler& handler);
void define_due(CLI::App& command, Handler& handler);
void define_report(CLI::App& command, Handler& handler);
void define_report_cases(CLI::App& command, Handler& handler);
void define_show(CLI::App& command, Handler& handler);
void define_list(CLI::App& command, Handler& handler);
void define_find(CLI::App& command, Handler& handler);
void define_log(CLI::App& command, Handler& handler);
void define_check(CLI::App& command, Handler& handler);
void define_backup(CLI::App& command, Handler& handler);
void define_config(CLI::App& command, Handler& handler);
void define_help(CLI::App& command, Handler& handler);
void define_assign(CLI::App& command, Handler& handler);
void define_edit(CLI::App& command, Handler& handler);
void define_reassign(CLI::App& command, Handler& handler);
void define_caseload(CLI::App& command, Handler& handler);
void define_staff(CLI::App& command, Handler& handler);
void define_store(CLI::App& command, Handler& handler);
void define_export(CLI::App& command, Handler& handler);
void define_import(CLI::App& command, Handler& handler);
void define_completion(CLI::App& command, Handler& handler);

} // namespace casectl::cli

namespace casectl::cli {

// A topic of `casectl help TOPIC` (exit-codes, formats, ...); casectl(1) prints the same text.
struct HelpTopic {
  const char* name;
  const char* text;
};
std::vector<HelpTopic> help_topics();

// Adds --limit N: a whole number of 1 or more (0 and negative numbers are a usage error, exit 2,
// "--limit takes a whole number ≥ 1"); `limit` keeps its default when the option is not given.
// Adds --all too, which sets `limit` to -1 (every row) and excludes --limit.
CLI::Option* add_limit_option(CLI::App& command, long long& limit, const std::string& description);

// The filters of `list` (cli/list_filters.cpp), for every command that picks cases as `list` does.
struct CaseFilterFlags {
  std::vector<std::string> statuses, districts, urgencies, groups, managers, kinds;
  std::string since, until, sort = "case_id", name;
  bool open_only = false;
  bool mine = false;   // the acting user's cases as case manager
  bool minors = false; // cases with a member under 18 today
  long long limit = -1;
};
void add_case_filter_options(CLI::App& command, CaseFilterFlags& flags);

// The CaseFilter of the options: values resolved against the config (an unknown one:
// Status::invalid naming the flag; a bad date: Status::invalid), --sort and --limit checked
// (Status::usage).
Result<CaseFilter> case_filter_of(const CaseFilterFlags& flags, const Context& context);

// The date typed for `option` ("--as-of"), as date::parse_typed_date reads it against the command's
// today; Status::invalid "OPTION: ..." naming the value and the accepted forms otherwise.
Result<date::Date> option_date(const char* option, const std::string& given, const Context& context);

// A TOML or JSON document given with --from FILE ('-' for stdin), read whole.
struct InputDocument {
  std::string text;
  std::string format; // "toml" or "json"
  std::string source; // how messages name it: the path, or "stdin"
};

// Reads --from `from` in `input_format` ("" = from the file's extension; for stdin, JSON when it
// starts with '{', else TOML). A format it cannot tell, or one not toml or json: Status::usage.
Result<InputDocument> read_input_document(const std::string& from, const std::string& input_format);

// Prints a domain operation's warnings ("casectl: warning: ...") and notes to stderr.
void print_messages(Context& context, const std::vector<std::string>& warnings, const std::vector<std::string>& notes);

} // namespace casectl::cli
