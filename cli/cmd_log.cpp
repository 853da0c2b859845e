#include "commands.hpp"

#include "cases/views.hpp"
#include "store/case_queries.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {


void define_log(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string case_id;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("CASE", flags->case_id, "The case id (or its external id)")->required();
  add_output_flags(command, flags->output);
  handler = [flags](Context& context) -> Status {
    Result<output::RenderOptions> options = render_options(flags->output, context);
    if (!options) return options.status();
    Result<Case> found = find_case_or_fail(context, flags->case_id);
    if (!found) return found.status();
    output::RecordWriter writer(context.out, *options, views::history_columns());
    CASECTL_TRY(store::guarded("read", context.store->path(), [&] {
      return store::each_history_entry(*context.store, found->case_id,
                                       [&](const HistoryEntry& e) { return writer.add(views::history_record(e)); });
    }));
    return writer.finish();
  };
}

} // namespace casectl::cli
