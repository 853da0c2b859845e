#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {

void define_config(CLI::App& command, Handler& handler) {
  auto output = std::make_shared<OutputFlags>();
  CLI::App* show = command.add_subcommand("show", "Print every effective value, with where it came from");
  add_output_flags(*show, *output);
  add_listing_flags(*show, *output);
  command.require_subcommand(1);
  handler = [output](Context& context) -> Status {
    return print_records(context, *output, {{"key", "KEY"}, {"value", "VALUE"}, {"origin", "FROM", "ИСТОЧНИК", "ҚАЙДАН"}}, "settings",
                         [&](const RecordSink& sink) {
                           for (const config::Entry& entry : context.config.entries)
                             CASECTL_TRY(sink(Record{{"key", entry.key}, {"value", entry.value}, {"origin", entry.origin}}));
                           return Status::ok();
                         });
  };
}

} // namespace casectl::cli
