#include "commands.hpp"

#include "cases/views.hpp"
#include "cases/lookups.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {

void define_list(CLI::App& command, Handler& handler) {
  struct Flags {
    CaseFilterFlags filter;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  add_case_filter_options(command, flags->filter);
  add_output_flags(command, flags->output);
  add_fields_flag(command, flags->output);
  handler = [flags](Context& context) -> Status {
    Result<CaseFilter> filter = case_filter_of(flags->filter, context);
    if (!filter) return filter.status();
    const bool labels = shows_labels(flags->output, context);
    return print_records(
        context, flags->output, views::summary_columns(), "cases",
        [&](const RecordSink& sink) {
          return list_cases(*context.store, *filter, [&](const CaseSummary& s) {
            return sink(labels ? views::summary_record(s, context.config) : views::summary_record(s));
          });
        },
        {}, views::summary_record(CaseSummary{}, context.config));
  };
}

} // namespace casectl::cli
