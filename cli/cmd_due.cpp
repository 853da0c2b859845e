// casectl due: what is overdue or falls due soon, across the open cases.
#include "commands.hpp"

#include "cases/assign.hpp"
#include "cases/due.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>

namespace casectl::cli {

namespace {

// Work due on the cases of a manager who has left waits for nobody: say so on stderr, once per
// manager, with the command that moves their cases.
Status note_managers_who_left(Context& context, const std::vector<DueItem>& items) {
  Result<Roster> roster = load_roster(*context.store, context.config);
  if (!roster) return roster.status();
  std::map<std::string, int> waiting; // login -> items
  for (const DueItem& d : items) {
    const StaffEntry* staff = d.case_manager.empty() ? nullptr : roster->find(d.case_manager);
    if (staff && !staff->active) ++waiting[d.case_manager];
  }
  for (const auto& [login, n] : waiting)
    fmt::print(context.err, "casectl: {}\n",
               ntrf("{} item here is on a case of {}, who has left; move the cases with 'casectl reassign --from {} --to LOGIN'",
                    "{} items here are on cases of {}, who has left; move the cases with 'casectl reassign --from {} --to "
                    "LOGIN'",
                    static_cast<unsigned long>(n), n, login, login));
  return Status::ok();
}

} // namespace

void define_due(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string within;
    bool mine = false;
    std::vector<std::string> managers, districts, agencies;
    OutputFlags output;
  };
  auto f = std::make_shared<Flags>();
  command.add_option("--within", f->within, "Also what falls due within this window: 7d, 2w (default: overdue only)");
  command.add_flag("--mine", f->mine, "Only the acting user's cases as case manager");
  command.add_option("--manager", f->managers, "Only cases of this case manager (repeatable, or comma-separated)");
  command.add_option("--district", f->districts, "Only cases of this district (repeatable, or comma-separated)");
  command.add_option("--agency", f->agencies, "Only tasks and services of this agency (repeatable, or comma-separated)");
  add_output_flags(command, f->output);
  add_listing_flags(command, f->output);
  command.footer("Kinds: overdue-task, task-due, overdue-review, review-due, late-response (still in intake past the\n"
                 "urgency deadline), under-delivered (a recurring service delivered less than due over the last period).\n"
                 "A cron job can mail it: casectl due --within 7d -o csv | mail -s 'due' team@example.org");
  handler = [f](Context& context) -> Status {
    DueRequest request;
    request.within = f->within;
    request.mine = f->mine;
    request.managers = f->managers;
    request.districts = f->districts;
    request.agencies = f->agencies;
    Result<std::vector<DueItem>> items = due_items(*context.store, context.config, context.change, request);
    if (!items) return items.status();
    CASECTL_TRY(print_records(
        context, f->output, views::due_columns(), "items",
        [&](const RecordSink& sink) {
          for (const DueItem& d : *items) CASECTL_TRY(sink(views::due_record(d, context.config)));
          return Status::ok();
        },
        {}, views::due_record(DueItem{}, context.config)));
    return note_managers_who_left(context, *items);
  };
}

} // namespace casectl::cli
