// The command table. One row per command; see docs/adding-a-command.md.
#include "commands.hpp"

#include "app.hpp"
#include "util/document.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <iostream>
#include <iterator>

namespace casectl::cli {

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> table = {
      {"init", "Create the case store, or bring it up to date", Needs::store_write, define_init},
      {"intake", "Register a family or a person (prints the new case id)", Needs::store_write, define_intake},
      {"assess", "Record an assessment: domain scores, risk, strengths, expectations", Needs::store_read, define_assess},
      {"plan", "The help plan: goals, tasks for each agency and the family, approval, revisions", Needs::store_read, define_plan},
      {"review", "Monitoring: task progress, services delivered, events, next review; --close and --reopen", Needs::store_read,
       define_review},
      {"due", "What is overdue or due soon: tasks, reviews, first responses, under-delivered services", Needs::store_read,
       define_due},
      {"report", "Reports over a period: key figures against a comparison period (kpi), caseload by a grouping",
       Needs::store_read, define_report},
      {"edit", "Correct a case after intake: name, district, address, phone, urgency, groups, problems...", Needs::store_read,
       define_edit},
      {"assign", "Set a case's manager, team and supervisor (--auto chooses by district and load)", Needs::store_read,
       define_assign},
      {"reassign", "Move many open cases to another manager, or spread them by load", Needs::store_read, define_reassign},
      {"caseload", "Open cases per case manager against capacity, by district", Needs::store_read, define_caseload},
      {"staff", "List the staff; add, change or remove staff kept in the store", Needs::store_read, define_staff},
      {"show", "Show everything about one case", Needs::store_read, define_show},
      {"list", "List cases, with filters and sorting", Needs::store_read, define_list},
      {"find", "Find families and people by name, address, phone, note or problem", Needs::store_read, define_find},
      {"log", "Show a case's history from the journal", Needs::store_read, define_log},
      {"check", "Verify the store: SQLite integrity, schema, triggers, search index, the journal's hash chain", Needs::store_read,
       define_check},
      {"backup", "A checked copy of the whole store in a new file, while others write (--keep N in a directory)",
       Needs::store_read, define_backup},
      {"export", "Write the store's cases, or those list's filters choose, as NDJSON (--journal, --redact)", Needs::store_read,
       define_export},
      {"import", "Read an export: restore it into an empty store, or merge another district's store into this one",
       Needs::store_read, define_import},
      {"store", "The store as a whole: copy it into another (SQLite to PostgreSQL and back)", Needs::config, define_store},
      {"config", "Show the effective configuration and where each value came from", Needs::config, define_config},
      {"help", "Help on a topic: exit-codes, formats, environment, configuration, or a command", Needs::nothing, define_help},
  };
  return table;
}

Result<InputDocument> read_input_document(const std::string& from, const std::string& input_format) {
  InputDocument doc;
  doc.source = from == "-" ? "stdin" : from;
  if (from == "-") {
    doc.text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    Result<std::string> read = files::read_file(from);
    if (!read) return read.status();
    doc.text = std::move(*read);
  }
  doc.format = !input_format.empty() ? input_format : document::format_of(from);
  if (doc.format.empty() && from == "-") doc.format = text::trim(doc.text).rfind('{', 0) == 0 ? "json" : "toml";
  if (doc.format.empty())
    return Status::usage(fmt::format("cannot tell the format of '{}' from its name; add --input-format toml or json", from));
  if (doc.format != "toml" && doc.format != "json")
    return Status::usage(fmt::format("--input-format: '{}' is not toml or json", doc.format));
  return doc;
}

Result<date::Date> option_date(const char* option, const std::string& given, const Context& context) {
  Result<date::Date> d = date::parse_typed_date(given, context.change.clock.today);
  if (!d) return Status::invalid(fmt::format("{}: {}", option, d.status().message()));
  return *d;
}

// Prints a domain operation's warnings ("casectl: warning: ...") and notes to stderr.
void print_messages(Context& context, const std::vector<std::string>& warnings, const std::vector<std::string>& notes) {
  for (const std::string& w : warnings) std::fprintf(context.err, "casectl: warning: %s\n", w.c_str());
  for (const std::string& n : notes) std::fprintf(context.err, "casectl: %s\n", n.c_str());
}

} // namespace casectl::cli
