#include "commands.hpp"

#include "cases/lookups.hpp"
#include "cases/views.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

void define_log(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string case_id;
    bool verify = false;
    bool reads = false;
    std::string until;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("CASE", flags->case_id, "The case id (or its external id)")->required();
  command.add_flag("--verify", flags->verify,
                   "Also verify these rows' links in the journal's hash chain; exit 65 naming the first that breaks");
  command.add_flag("--reads", flags->reads,
                   "List who read the case (show, report cases) instead of its changes (recorded when audit.reads is on)");
  command.add_option(
      "--until", flags->until,
      "Only the entries up to the end of this day (2026-11-05, 5.11.2026, yesterday, -7d...), by their effective dates");
  add_output_flags(command, flags->output);
  add_listing_flags(command, flags->output);
  handler = [flags](Context& context) -> Status {
    std::string until;
    if (!flags->until.empty()) {
      Result<date::Date> day = option_date("--until", flags->until, context);
      if (!day) return day.status();
      until = date::format_date(*day);
    }
    Result<Case> found = find_case(*context.store, flags->case_id);
    if (!found) return found.status();
    if (flags->verify) CASECTL_TRY(verify_case_history(*context.store, found->case_id));
    Result<redact::People> people = people_to_mask(context, flags->output, found->case_id);
    if (!people) return people.status();
    return print_records(
        context, flags->output, views::history_columns(), "entries",
        [&](const RecordSink& sink) {
          return case_history(*context.store, found->case_id, flags->reads ? HistoryKind::reads : HistoryKind::changes, until,
                              [&](const HistoryEntry& e) { return sink(views::history_record(e)); });
        },
        *people, views::history_record(HistoryEntry{}));
  };
}

} // namespace casectl::cli
