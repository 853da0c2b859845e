#include "commands.hpp"

#include "cases/district_roles.hpp"
#include "cases/store_check.hpp"
#include "util/messages.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace casectl::cli {

namespace {

// Prints each role on stdout (a script grants them to the offices' logins) and says on stderr
// how an office gets one.
void print_roles(Context& context, const std::vector<DistrictRole>& roles) {
  for (const DistrictRole& r : roles) std::fprintf(context.out, "%s\t%s\n", r.district.c_str(), r.role.c_str());
  fmt::print(context.err, "casectl: {}\n",
             trf("{} district roles; each sees and changes only its district's cases. Give an office's login its district: "
                 "CREATE ROLE office_{} LOGIN IN ROLE {}; (docs/postgresql.md, \"Who acts\")",
                 roles.size(), roles.empty() ? "" : roles.front().district.c_str(),
                 roles.empty() ? "" : roles.front().role.c_str()));
}

} // namespace

void define_init(CLI::App& command, Handler& handler) {
  auto district_roles = std::make_shared<bool>(false);
  command.add_flag("--district-roles", *district_roles,
                   "PostgreSQL: give each district of the config a database role that sees and changes only "
                   "its district's cases (row-level security); prints DISTRICT<TAB>ROLE per line");
  command.footer("The store is also created by the first command that writes to it. On an existing store, init\n"
                 "refuses (exit 65) when the journal's append-only triggers are missing: it does not restore them\n"
                 "itself, so that someone looks first ('casectl check', then 'casectl check --repair').\n"
                 "--district-roles needs a PostgreSQL store and the right to create roles; run it again after\n"
                 "adding a district to the config.");
  handler = [district_roles](Context& context) {
    CASECTL_TRY(refuse_missing_triggers(*context.store));
    if (*district_roles) {
      Result<std::vector<DistrictRole>> roles = give_district_roles(*context.store, context.config, context.change);
      if (!roles) return roles.status();
      print_roles(context, *roles);
    }
    fmt::print(
        context.err, "casectl: {}\n",
        trf("the store {} is ready (schema version {})", context.store->location().c_str(), context.store->schema_version()));
    return Status::ok();
  };
}

} // namespace casectl::cli
