// casectl export and casectl import: a store's cases as NDJSON and back (cases/store_export.hpp).
#include "commands.hpp"
#include "progress.hpp"
#include "util/messages.hpp"

#include "cases/documents.hpp"
#include "cases/journal.hpp"
#include "cases/lookups.hpp"
#include "cases/store_export.hpp"
#include "util/files.hpp"
#include "util/process.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace casectl::cli {

namespace {

// True when any of `list`'s filters was given: then the export holds the cases they choose.
bool filtered(const CLI::App& command) {
  // --sort orders nothing in an export (cases come in the store's order): it chooses no cases.
  static const std::vector<std::string> own = {"--to", "--journal", "--redact", "--encrypt-to", "--help", "--sort"};
  for (const CLI::Option* option : command.get_options()) {
    if (option->count() == 0) continue;
    if (std::find(own.begin(), own.end(), option->get_name()) == own.end()) return true;
  }
  return false;
}

Result<std::set<std::string>> chosen_cases(Context& context, const CaseFilterFlags& flags) {
  Result<CaseFilter> filter = case_filter_of(flags, context);
  if (!filter) return filter.status();
  std::set<std::string> ids;
  CASECTL_TRY(list_cases(*context.store, *filter, [&](const CaseSummary& s) {
    ids.insert(s.case_id);
    return Status::ok();
  }));
  return ids;
}

// The conflicts as TSV with a header line, each value's tabs and newlines written as \t and \n
// (a file with the header alone when there were none, so that no older report stays behind).
Status write_conflicts(files::AtomicOutput& file, const std::vector<ImportConflict>& conflicts) {
  auto cell = [](const std::string& text) {
    std::string out;
    for (char ch : text) {
      if (ch == '\t') out += "\\t";
      else if (ch == '\n') out += "\\n";
      else if (ch == '\\') out += "\\\\";
      else out += ch;
    }
    return out;
  };
  std::string text = "case_id\torigin\tfield\tours\ttheirs\n";
  for (const ImportConflict& c : conflicts)
    text += fmt::format("{}\t{}\t{}\t{}\t{}\n", cell(c.case_id), cell(c.origin), cell(c.field), cell(c.ours), cell(c.theirs));
  if (!file.write(text)) return Status::cannot_write(trf("the conflict report could not be written: {}", std::strerror(errno)));
  return file.commit();
}

// A value of a conflict as a message quotes it: the first 60 characters.
std::string quoted(const std::string& text) {
  std::string shown = text.size() > 60 ? text.substr(0, 57) + "..." : text;
  return "'" + shown + "'";
}

} // namespace

void define_export(CLI::App& command, Handler& handler) {
  struct Flags {
    CaseFilterFlags filter;
    std::string to;
    bool journal = false;
    bool redact = false;
    std::vector<std::string> encrypt_to;
  };
  auto f = std::make_shared<Flags>();
  add_case_filter_options(command, f->filter);
  command.add_option("--to", f->to, "Write the export to FILE (readable by you only, whole or not at all) instead of stdout");
  command.add_flag("--journal", f->journal, "Add the cases' journal rows (the whole journal, with the whole store)");
  command.add_flag("--redact", f->redact,
                   "No person recognisable, for outside the team (names to initials, addresses, phones, free text hidden); "
                   "'import' refuses such an export");
  command.add_option("--encrypt-to", f->encrypt_to,
                     "Encrypt the export with age for RECIPIENT: an age1... public key, or a file of them (repeatable); "
                     "read it back with 'age -d -i KEYFILE FILE | casectl import -'");
  command.footer("Writes NDJSON: a header line, the staff and case-number counters, one line per case with everything that is\n"
                 "its, the journal rows with --journal, and an end line. With list's filters, only the cases they choose.\n"
                 "'casectl import FILE' reads it back (docs/scripting.md, \"Export and import\").");
  handler = [f, &command](Context& context) -> Status {
    ExportRequest request;
    request.journal = f->journal;
    request.redact = f->redact;
    request.policy = redaction_policy(context.config);
    if (filtered(command)) {
      Result<std::set<std::string>> ids = chosen_cases(context, f->filter);
      if (!ids) return ids.status();
      request.cases = std::move(*ids);
    }
    files::AtomicOutput file;
    if (!f->to.empty()) CASECTL_TRY(file.open(f->to));
    process::PipedProgram age;
    if (!f->encrypt_to.empty()) {
      std::fflush(context.out);
      CASECTL_TRY(age.start(process::age_encrypt_arguments(f->encrypt_to),
                            file.is_open() ? file.descriptor() : fileno(context.out), "age"));
    }
    bool reader_gone = false; // `export | head`: ends quietly, as every command does
    // Counting lines on a terminal's stderr; not when the export itself goes to that terminal.
    Progress progress(context.err, context.err_is_terminal && !(f->to.empty() && context.out_is_terminal), "lines written");
    long long written = 0;
    ExportOutput out = [&](std::string_view line) {
      progress.update(++written);
      if (age.running()) return age.write(line);
      if (file.is_open()) return file.write(line);
      if (std::fwrite(line.data(), 1, line.size(), context.out) == line.size()) return true;
      reader_gone = errno == EPIPE;
      return false;
    };
    Result<ExportReport> report = export_store(*context.store, request, context.change, out);
    progress.clear();
    if (reader_gone) return Status::broken_pipe();
    // age's own failure (a recipient it cannot read, say) says more than the broken pipe it left.
    Status encrypted = age.finish();
    if (!encrypted) return encrypted;
    if (!report) return report.status();
    if (file.is_open()) CASECTL_TRY(file.commit());
    else if (std::fflush(context.out) != 0)
      return errno == EPIPE ? Status::broken_pipe() : Status::cannot_write(tr("the export could not be written to stdout"));
    // With audit.reads, an export is a read of every case in it.
    CASECTL_TRY(journal_reads(*context.store, context.config, context.change, report->case_ids, "export"));
    std::string said = ntrf("exported {} case ({} lines", "exported {} cases ({} lines",
                            static_cast<unsigned long>(report->cases), report->cases, report->lines);
    if (f->journal) said += tr(", with the journal");
    if (f->redact) said += tr(", redacted");
    if (!f->encrypt_to.empty()) said += tr(", encrypted with age");
    said +=
        f->to.empty() ? trf(") from {}", context.store->location()) : trf(") from {} to {}", context.store->location(), f->to);
    fmt::print(context.err, "casectl: {}\n", said);
    return Status::ok();
  };
}

void define_import(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string from;
    std::string on_conflict = "fail";
    std::string conflicts;
    bool merge = false;
    bool dry_run = false;
    OutputFlags output;
  };
  auto f = std::make_shared<Flags>();
  command.add_option("FILE", f->from, "An export made by 'casectl export' ('-' for stdin)")->required();
  command.add_option("--on-conflict", f->on_conflict,
                     "A case in both stores that differs: fail (the default: nothing is imported), keep-ours, keep-theirs");
  command.add_option("--conflicts", f->conflicts, "Write the conflicts to FILE as TSV: case_id, origin, field, ours, theirs");
  command.add_flag("--merge", f->merge,
                   "Merge even into a store that holds nothing (new case ids, this store's own id), instead of restoring");
  command.add_flag("--dry-run", f->dry_run, "Show what would happen; write nothing");
  add_format_flags(command, f->output);
  command.footer(
      "The store must exist ('casectl init'). A whole store's export into a store that holds nothing is restored as it\n"
      "was (case ids, store id, with --journal the journal): the store becomes its copy. Into a store with cases,\n"
      "or for some cases only, it is merged: a case is known by its origin or its external id, never by its case\n"
      "id alone; new ones are added with new ids, equal ones skipped, differing ones are conflicts (exit 4 unless\n"
      "--on-conflict). Prints one line per case: its id here and what became of it.");
  handler = [f](Context& context) -> Status {
    std::optional<OnConflict> on_conflict = parse_on_conflict(f->on_conflict);
    if (!on_conflict) return Status::usage(trf("--on-conflict takes fail, keep-ours or keep-theirs, not '{}'", f->on_conflict));
    ImportRequest request;
    request.on_conflict = *on_conflict;
    request.merge = f->merge;
    request.dry_run = f->dry_run;
    std::string shown = f->from == "-" ? "stdin" : f->from;
    // The report's file is opened first: one that cannot be written stops the import before it.
    files::AtomicOutput conflicts_file;
    if (!f->conflicts.empty()) CASECTL_TRY(conflicts_file.open(f->conflicts));
    int fd = f->from == "-" ? STDIN_FILENO : ::open(f->from.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::unreadable(trf("cannot read {}: {}", f->from, std::strerror(errno)));
    struct stat file_stat {};
    long long size = ::fstat(fd, &file_stat) == 0 && S_ISREG(file_stat.st_mode) ? static_cast<long long>(file_stat.st_size) : 0;
    Progress progress(context.err, context.err_is_terminal, "lines read", size);
    request.lines_read = [&](long long lines) {
      off_t read = size > 0 ? ::lseek(fd, 0, SEEK_CUR) : 0;
      progress.update(lines, read > 0 ? static_cast<long long>(read) : 0);
    };
    request.stage = [&](const char* stage) { progress.say(std::string(stage) + "…"); };
    files::InputBuffer buffer(fd, fd != STDIN_FILENO);
    std::istream in(&buffer);
    ImportReport report;
    Status status;
    try {
      status = import_store(*context.store, in, shown, context.config, context.change, request, report);
      progress.clear();
    } catch (const std::system_error& e) {
      return Status::unreadable(trf("cannot read {}: {}", shown, e.what()));
    }
    if (conflicts_file.is_open() && (status || status.kind() == ErrorKind::conflict))
      CASECTL_TRY(write_conflicts(conflicts_file, report.conflicts));
    for (const ImportConflict& c : report.conflicts)
      fmt::print(context.err, "casectl: {}\n",
                 trf("conflict: {}{}{}, {}: ours {}, theirs {}", c.case_id.c_str(), c.origin.empty() ? "" : " (from ",
                     c.origin.empty() ? "" : (c.origin + ")").c_str(), c.field.c_str(), quoted(c.ours).c_str(),
                     quoted(c.theirs).c_str()));
    if (!status) return status;
    CASECTL_TRY(print_records(
        context, f->output,
        {{"case_id", "CASE"}, {"outcome", "OUTCOME"}, {"origin_store", "ORIGIN STORE"}, {"origin_case_id", "ORIGIN CASE"}},
        "cases", [&](const RecordSink& sink) {
          for (const ImportedCase& c : report.cases)
            CASECTL_TRY(sink(Record{{"case_id", c.case_id},
                                    {"outcome", c.outcome},
                                    {"origin_store", c.origin_store},
                                    {"origin_case_id", c.origin_case_id}}));
          return Status::ok();
        }));
    std::map<std::string, long long> counts;
    for (const ImportedCase& c : report.cases) ++counts[c.outcome];
    std::string summary;
    for (const auto& [outcome, n] : counts) summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", n, outcome);
    std::string how = report.restored ? tr("restored, the store held nothing") : tr("merged");
    std::string what = summary.empty() ? tr("no cases") : summary;
    std::string said = f->dry_run ? trf("would import {} into {} ({}): {}; {} staff added, {} journal rows", shown,
                                        context.store->location(), how, what, report.staff_added, report.journal_rows)
                                  : trf("imported {} into {} ({}): {}; {} staff added, {} journal rows", shown,
                                        context.store->location(), how, what, report.staff_added, report.journal_rows);
    if (!report.conflicts.empty()) said += trf("; {} conflicts", report.conflicts.size());
    fmt::print(context.err, "casectl: {}\n", said);
    for (const std::string& login : report.staff_replaced)
      fmt::print(context.err, "casectl: {}\n", trf("the staff member {} was replaced by theirs", login.c_str()));
    if (report.restored && !f->dry_run)
      fmt::print(context.err, "casectl: {}\n",
                 trf("{} is now a copy of the store {} was exported from (the same store id): use it instead of that store, not "
                     "beside it; to gather an office's cases into a store of its own, import with --merge",
                     context.store->location().c_str(), shown.c_str()));
    return Status::ok();
  };
}

} // namespace casectl::cli
