#include "commands.hpp"

#include "cases/store_check.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

void define_init(CLI::App& command, Handler& handler) {
  command.footer("The store is also created by the first command that writes to it. On an existing store, init\n"
                 "refuses (exit 65) when the journal's append-only triggers are missing: it does not restore them\n"
                 "itself, so that someone looks first ('casectl check', then 'casectl check --repair').");
  handler = [](Context& context) {
    CASECTL_TRY(refuse_missing_triggers(*context.store));
    std::fprintf(context.err, "casectl: the store %s is ready (schema version %d)\n", context.store->location().c_str(),
                 context.store->schema_version());
    return Status::ok();
  };
}

} // namespace casectl::cli
