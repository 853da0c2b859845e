#include "commands.hpp"

#include "cases/as_of.hpp"
#include "cases/views.hpp"
#include "store/case_queries.hpp"
#include "store/check.hpp"

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
  command.add_option("--until", flags->until,
                     "Only the entries up to the end of this day (YYYY-MM-DD or DD.MM.YYYY), by their effective dates");
  add_output_flags(command, flags->output);
  handler = [flags](Context& context) -> Status {
    std::string until;
    if (!flags->until.empty()) {
      Result<date::Date> day = date::parse_date(flags->until);
      if (!day) return Status::invalid("--until: " + day.status().message());
      until = date::format_date(*day);
    }
    Result<Case> found = find_case_or_fail(context, flags->case_id);
    if (!found) return found.status();
    if (flags->verify) {
      Result<std::optional<store::ChainBreak>> broken = store::verify_case_chain(*context.store, found->case_id);
      if (!broken) return broken.status();
      if (*broken)
        return Status::invalid(fmt::format("the journal of case {} does not hold: {}; 'casectl check' verifies the whole journal",
                                           found->case_id, store::describe(**broken)));
    }
    Result<redact::People> people = people_to_mask(context, flags->output, found->case_id);
    if (!people) return people.status();
    return print_records(
        context, flags->output, views::history_columns(), "entries",
        [&](const RecordSink& sink) {
          return store::guarded("read", context.store->path(), [&] {
            return store::each_history_entry(
                *context.store, found->case_id,
                [&](const HistoryEntry& e) {
                  if (!until.empty() && effective_day(e) > until) return Status::ok();
                  return sink(views::history_record(e));
                },
                flags->reads ? store::HistoryKind::reads : store::HistoryKind::changes);
          });
        },
        *people);
  };
}

} // namespace casectl::cli
