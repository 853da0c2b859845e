// casectl due: what is overdue or falls due soon, across the open cases.
#include "commands.hpp"

#include "cases/due.hpp"

#include <CLI/CLI.hpp>

namespace casectl::cli {

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
    return print_records(
        context, f->output, views::due_columns(), "items",
        [&](const RecordSink& sink) {
          for (const DueItem& d : *items) CASECTL_TRY(sink(views::due_record(d, context.config)));
          return Status::ok();
        },
        {}, views::due_record(DueItem{}, context.config));
  };
}

} // namespace casectl::cli
