#include "commands.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {

void define_config(CLI::App& command, Handler& handler) {
  auto output = std::make_shared<OutputFlags>();
  CLI::App* show = command.add_subcommand("show", "Print every effective value, with where it came from");
  add_output_flags(*show, *output);
  command.require_subcommand(1);
  handler = [output](Context& context) -> Status {
    Result<output::RenderOptions> options = render_options(*output, context);
    if (!options) return options.status();
    output::RecordWriter writer(context.out, *options, {{"key", "KEY"}, {"value", "VALUE"}, {"origin", "FROM"}});
    for (const config::Entry& entry : context.config.entries)
      CASECTL_TRY(writer.add(Record{{"key", entry.key}, {"value", entry.value}, {"origin", entry.origin}}));
    return writer.finish();
  };
}

} // namespace casectl::cli
