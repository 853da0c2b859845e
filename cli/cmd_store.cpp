// casectl store copy: a whole store into another, between engines or not (cases/store_copy.hpp).
#include "commands.hpp"

#include "cases/store_copy.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <climits>
#include <cstdlib>

namespace casectl::cli {

namespace {

// The file a SQLite location names, resolved ("" for a server or a file not there yet).
std::string resolved_file(const std::string& location) {
  if (store::names_postgresql(location)) return "";
  char resolved[PATH_MAX];
  return ::realpath(location.c_str(), resolved) ? std::string(resolved) : "";
}

Result<std::unique_ptr<store::CaseStore>> open_store(const Context& context, const std::string& location, store::Mode mode) {
  store::OpenOptions options;
  options.location = location;
  options.busy_timeout_ms = context.config.busy_timeout_ms;
  options.mode = mode;
  return store::open(options);
}

// A SQLite file the copy created is removed when the copy fails: nothing half-made stays behind.
Status copy(Context& context, const std::string& from_location, const std::string& to_location, bool force) {
  if (from_location.empty() || to_location.empty())
    return Status::usage(tr("--from and --to name the stores: a file or a postgresql:// URL"));
  std::string from_file = resolved_file(from_location);
  if (from_location == to_location || (!from_file.empty() && from_file == resolved_file(to_location)))
    return Status::usage(trf("--from and --to name the same store ({}); a copy needs two", to_location));
  Result<std::unique_ptr<store::CaseStore>> from = open_store(context, from_location, store::Mode::read);
  if (!from) return from.status();
  bool created = !store::names_postgresql(to_location) && !files::exists(to_location);
  Result<std::unique_ptr<store::CaseStore>> to = open_store(context, to_location, store::Mode::write);
  if (!to) return to.status();
  if ((*from)->location() == (*to)->location())
    return Status::usage(trf("--from and --to name the same store ({}); a copy needs two", (*to)->location()));
  Result<CopyReport> report = copy_store(**from, **to, context.config, context.change, force);
  if (!report) {
    to->reset();
    if (created) store::remove_sqlite_file(to_location);
    return report.status();
  }
  long long cases = 0, journal = 0;
  for (const CopiedCount& c : report->tables) {
    if (c.table == "cases") cases = c.rows;
    if (c.table == "journal") journal = c.rows;
    std::fprintf(context.out, "%s\t%lld\n", c.table.c_str(), c.rows);
  }
  fmt::print(context.err, "casectl: {}\n",
             trf("copied {} to {}: {} cases, {} journal rows; verified: every row of {} tables read back alike, {} cases shown "
                 "(show -o json) alike",
                 (*from)->location().c_str(), (*to)->location().c_str(), cases, journal, report->tables.size(),
                 report->cases_verified));
  return Status::ok();
}

} // namespace

void define_store(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string from, to;
    bool force = false;
  };
  auto flags = std::make_shared<Flags>();
  command.require_subcommand(1, 1);
  CLI::App* copy_command = command.add_subcommand(
      "copy", "Copy a whole store into another (SQLite file or PostgreSQL), ids and journal kept, and verify the copy");
  copy_command->add_option("--from", flags->from, "The store to copy (default: the store --db or the config names)");
  copy_command->add_option("--to", flags->to, "The store to copy into: a new file, or an empty PostgreSQL database or schema")
      ->required();
  copy_command->add_flag("--force", flags->force, "Replace everything the target holds, its journal too");
  copy_command->footer("Prints each table and the rows copied. Exits 4 when the target already holds cases, staff or history\n"
                       "(without --force); nothing is written unless the whole copy is there and verified.");
  handler = [flags](Context& context) -> Status {
    std::string from = flags->from.empty() ? context.config.store_path : flags->from;
    return copy(context, from, flags->to, flags->force);
  };
}

} // namespace casectl::cli
