#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {

void define_init(CLI::App& command, Handler& handler) {
  command.footer("The store is also created by the first command that writes to it.");
  handler = [](Context& context) {
    std::fprintf(context.err, "casectl: the store %s is ready (schema version %d)\n", context.store->path().c_str(),
                 context.store->schema_version());
    return Status::ok();
  };
}

} // namespace casectl::cli
