#include "commands.hpp"

#include "store/check.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

void define_init(CLI::App& command, Handler& handler) {
  command.footer("The store is also created by the first command that writes to it. On an existing store, init\n"
                 "refuses (exit 65) when the journal's append-only triggers are missing: it does not restore them\n"
                 "itself, so that someone looks first ('casectl check', then 'casectl check --repair').");
  handler = [](Context& context) {
    std::vector<std::string> missing = store::missing_triggers(*context.store);
    if (!missing.empty()) {
      std::string names;
      for (const std::string& m : missing) names += (names.empty() ? "" : ", ") + m;
      return Status::invalid(fmt::format("the store {} lacks the journal trigger(s) {}: its history can be rewritten; "
                                         "see 'casectl check', then run 'casectl check --repair'",
                                         context.store->path(), names));
    }
    std::fprintf(context.err, "casectl: the store %s is ready (schema version %d)\n", context.store->path().c_str(),
                 context.store->schema_version());
    return Status::ok();
  };
}

} // namespace casectl::cli
