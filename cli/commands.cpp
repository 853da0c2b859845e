// The command table. One row per command; see docs/adding-a-command.md.
#include "commands.hpp"

#include "app.hpp"
#include "util/document.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <iostream>
#include <iterator>

namespace casectl::cli {

const std::vector<CommandSpec>& commands() {
  static const std::vector<CommandSpec> table = {
      {"init", "Create the case store, or bring it up to date", Needs::store_write, define_init,
       "casectl init\ncasectl --db /srv/casectl/district.db init\ncasectl --db postgresql://casectl@db.region/cases init"},
      {"intake", "Register a family or a person (prints the new case id)", Needs::store_write, define_intake,
       "casectl intake --name \"Семья Сапаровых\" --group large-family --member \"Сапарова Гүлнұр;мать;15.01.1988\"\ncasectl "
       "intake --from hotline.csv --encoding cp1251 --errors rejected.csv"},
      {"assess", "Record an assessment: domain scores, risk, strengths, expectations", Needs::store_read, define_assess,
       "casectl assess 2026-00042 --visit today --domain housing=2 --domain income=1\ncasectl assess 2026-00042 --show "
       "--template assessment"},
      {"plan", "The help plan: goals, tasks for each agency and the family, approval, revisions", Needs::store_read, define_plan,
       "casectl plan 2026-00042 add-goal --domain income --target 3 --description \"Стабильный доход\"\ncasectl plan 2026-00042 "
       "add-task --what \"Оформить пособие\" --agency social-protection --offset 10\ncasectl plan 2026-00042 approve "
       "--participants \"Асеитова Г., Ким В.\"\ncasectl plan tasks --agency social-protection"},
      {"review", "Monitoring: task progress, services delivered, events, next review; --close and --reopen", Needs::store_read,
       define_review,
       "casectl review 2026-00042 --task 1 --status done --note \"оформлено\"\ncasectl review 2026-00042 --close --reason "
       "\"Пособие получено\" --outcome goals-achieved --expectations yes"},
      {"due", "What is overdue or due soon: tasks, reviews, first responses, under-delivered services", Needs::store_read,
       define_due, "casectl due --within 7d\ncasectl due --mine -o json"},
      {"report", "Reports over a period: key figures against a comparison period (kpi), caseload by a grouping",
       Needs::store_read, define_report,
       "casectl report kpi --period 2026-10\ncasectl report caseload --period 2026 --by district\ncasectl report kpi --period "
       "2026-10 --template kpi.html > kpi.html"},
      {"edit", "Correct a case after intake: name, district, address, phone, urgency, groups, problems...", Needs::store_read,
       define_edit,
       "casectl edit 2026-00042 --urgency urgent --address \"ул. Абая, 1\"\ncasectl edit 2026-00042 --district auezov --dry-run"},
      {"assign", "Set a case's manager, team and supervisor (--auto chooses by district and load)", Needs::store_read,
       define_assign, "casectl assign 2026-00042 --manager aseitova --team kim:psychologist\ncasectl assign 2026-00042 --auto"},
      {"reassign", "Move many open cases to another manager, or spread them by load", Needs::store_read, define_reassign,
       "casectl reassign --from aseitova --to kim --dry-run\ncasectl reassign --from aseitova --auto --yes"},
      {"caseload", "Open cases per case manager against capacity, by district", Needs::store_read, define_caseload,
       "casectl caseload\ncasectl caseload --district auezov --sort -load_percent"},
      {"staff", "List the staff; add, change or remove staff kept in the store", Needs::store_read, define_staff,
       "casectl staff list\ncasectl staff add kim --name \"Ким Виктория\" --role psychologist"},
      {"show", "Show everything about one case", Needs::store_read, define_show,
       "casectl show 2026-00042\ncasectl show 2026-00042 -o json --redact\ncasectl show 2026-00042 --template case"},
      {"list", "List cases, with filters and sorting", Needs::store_read, define_list,
       "casectl list --open --sort urgency\ncasectl list --district auezov --limit 20 -o csv\ncasectl list --open -o xlsx > "
       "cases.xlsx"},
      {"find", "Find families and people by name, address, phone, note or problem", Needs::store_read, define_find,
       "casectl find Семёнова\ncasectl find 87015551234\ncasectl find Ахметов --limit 5 -o json"},
      {"log", "Show a case's history from the journal", Needs::store_read, define_log,
       "casectl log 2026-00042\ncasectl log 2026-00042 --verify\ncasectl log 2026-00042 --reads"},
      {"check", "Verify the store: SQLite integrity, schema, triggers, search index, the journal's hash chain", Needs::store_read,
       define_check, "casectl check\ncasectl check --head > journal-head.txt"},
      {"backup", "A checked copy of the whole store in a new file, while others write (--keep N in a directory)",
       Needs::store_read, define_backup, "casectl backup --to /srv/backup/\ncasectl backup --to /srv/backup/ --keep 7"},
      {"export", "Write the store's cases, or those list's filters choose, as NDJSON (--journal, --redact)", Needs::store_read,
       define_export, "casectl export --district auezov --to auezov.ndjson\ncasectl export --redact --to outside.ndjson"},
      {"import", "Read an export: restore it into an empty store, or merge another district's store into this one",
       Needs::store_read, define_import, "casectl import auezov.ndjson --dry-run\ncasectl import auezov.ndjson"},
      {"store", "The store as a whole: copy it into another (SQLite to PostgreSQL and back)", Needs::config, define_store,
       "casectl store copy --from cases.db --to postgresql://casectl@db.region/cases"},
      {"config", "Show the effective configuration and where each value came from", Needs::config, define_config,
       "casectl config show"},
      {"completion", "Print a shell completion script: bash, zsh or fish", Needs::nothing, define_completion,
       "source <(casectl completion bash)\ncasectl completion fish | source"},
      {"help", "Help on a topic: exit-codes, formats, environment, configuration, or a command", Needs::nothing, define_help,
       "casectl help exit-codes\ncasectl help intake"},
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
    return Status::usage(trf("cannot tell the format of '{}' from its name; add --input-format toml or json", from));
  if (doc.format != "toml" && doc.format != "json")
    return Status::usage(trf("--input-format: '{}' is not toml or json", doc.format));
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
