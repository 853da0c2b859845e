// casectl backup: a checked copy of the whole store in a new SQLite file (cases/store_backup.hpp).
#include "commands.hpp"
#include "progress.hpp"
#include "util/messages.hpp"

#include "cases/store_backup.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {

void define_backup(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string to;
    int keep = 0;
    std::vector<std::string> encrypt_to;
  };
  auto f = std::make_shared<Flags>();
  command.add_option("--to", f->to, "A new file, or a directory: there the backup is named casectl-YYYYMMDD-HHMMSS.db (UTC)")
      ->required();
  command.add_option("--keep", f->keep, "In a directory: keep the newest N backups, remove older ones (for cron)");
  command.add_option("--encrypt-to", f->encrypt_to,
                     "Encrypt the checked backup with age for RECIPIENT: an age1... public key, or a file of them (repeatable); "
                     "in a directory it is named casectl-YYYYMMDD-HHMMSS.db.age");
  command.footer("Prints the backup's path. The copy is one snapshot taken while others write, checked ('casectl check')\n"
                 "before it gets its name; readable by you only. On PostgreSQL the backup is a SQLite copy (see 'store copy');\n"
                 "for the server itself use pg_dump.");
  handler = [f, &command](Context& context) -> Status {
    BackupRequest request;
    request.to = f->to;
    if (command.count("--keep") > 0) {
      if (f->keep < 1) return Status::usage(tr("--keep takes a whole number ≥ 1 (how many backups to keep)"));
      request.keep = f->keep;
    }
    request.busy_timeout_ms = context.config.busy_timeout_ms;
    request.encrypt_to = f->encrypt_to;
    Progress progress(context.err, context.err_is_terminal, "");
    request.stage = [&](const char* stage) { progress.say(std::string(stage) + "…"); };
    Result<BackupReport> report = backup_store(*context.store, context.config, context.change, request);
    progress.clear();
    if (!report) return report.status();
    std::fprintf(context.out, "%s\n", report->path.c_str());
    fmt::print(context.err, "casectl: {}{}\n",
               trf("backed up {} to {}: {} cases ({}); check: {} checks passed", context.store->location(), report->path,
                   report->cases,
                   report->copied_by_tables ? tr("copied table by table into a SQLite file") : tr("SQLite's online backup"),
                   report->checks.size()),
               f->encrypt_to.empty() ? "" : tr("; encrypted with age"));
    for (const std::string& removed : report->removed)
      fmt::print(context.err, "casectl: {}\n", trf("removed the old backup {}", removed.c_str()));
    return Status::ok();
  };
}

} // namespace casectl::cli
