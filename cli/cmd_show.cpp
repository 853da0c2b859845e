#include "commands.hpp"

#include "cases/as_of.hpp"
#include "cases/documents.hpp"
#include "cases/journal.hpp"
#include "cases/lookups.hpp"
#include "cases/lookups.hpp"
#include "util/messages.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

void define_show(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string case_id;
    std::string as_of;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("CASE", flags->case_id, "The case id (or its external id)")->required();
  command.add_option(
      "--as-of", flags->as_of,
      "Show the case as it stood at the end of this day (2026-11-05, 5.11.2026, yesterday, -1m...), by effective dates");
  add_output_flags(command, flags->output);
  add_fields_flag(command, flags->output);
  handler = [flags](Context& context) -> Status {
    std::optional<date::Date> as_of;
    if (!flags->as_of.empty()) {
      Result<date::Date> day = option_date("--as-of", flags->as_of, context);
      if (!day) return day.status();
      as_of = *day;
    }
    Result<Case> found = find_case(*context.store, flags->case_id);
    if (!found) return found.status();
    const date::Date today = context.change.clock.today;
    // The passport is the card with the latest assessment and plan: `show CASE --template passport`.
    const bool passport =
        !flags->output.template_name.empty() && document_kind_of_template(flags->output.template_name) == DocumentKind::passport;
    if (passport && as_of)
      return Status::usage(tr("--as-of: the passport shows the family as it is today; use --template case for a past day"));
    Result<Record> card = as_of      ? case_card_as_of(*context.store, *found, context.config, *as_of, today)
                          : passport ? passport_record(*context.store, *found, context.config, today)
                                     : case_card_record(*context.store, *found, context.config, today);
    if (!card) return card.status();
    // Recorded before it is shown: with audit.reads on, nobody reads a case unrecorded.
    CASECTL_TRY(journal_reads(*context.store, context.config, context.change, {found->case_id}, "show"));
    const Record shape = sample_document(passport ? DocumentKind::passport : DocumentKind::case_card, context.config);
    if (!as_of) return print_record(context, flags->output, std::move(*card), {}, &shape);
    // The card of a past day may lack people named since (a member added later) whom its free text
    // may name: mask the people of the case as it is now as well.
    Result<redact::People> now = people_to_mask(context, flags->output, found->case_id);
    if (!now) return now.status();
    return print_record(context, flags->output, std::move(*card), *now, &shape);
  };
}

} // namespace casectl::cli
