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
    Result<Case> found = find_case_or_fail(context, flags->case_id);
    if (!found) return found.status();
    Result<redact::People> people = people_to_mask(context, flags->output, found->case_id);
    if (!people) return people.status();
    return print_records(
        context, flags->output, views::history_columns(), "entries",
        [&](const RecordSink& sink) {
          return store::guarded("read", context.store->path(), [&] {
            return store::each_history_entry(*context.store, found->case_id,
                                             [&](const HistoryEntry& e) { return sink(views::history_record(e)); });
          });
        },
        *people);
  };
}

} // namespace casectl::cli
