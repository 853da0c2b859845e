#include "commands.hpp"

#include "cases/review.hpp"
#include "util/document.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <iostream>
#include <iterator>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

void define_review(CLI::App& command, Handler& handler) {
  struct Flags {
    std::string case_id, on, task_status, task_note, event_note, note, next;
    std::vector<std::string> tasks, delivered, events, members;
    bool close = false, reopen = false, services = false, before_opening = false;
    std::string from, input_format;
    std::string reason, outcome, expectations, expectations_note, force;
    OutputFlags output;
  };
  auto f = std::make_shared<Flags>();
  command.add_option("CASE", f->case_id, "The case id (or its external id)")->required();
  command.add_option("--on", f->on,
                     "Date of the review, the deliveries and the events, or of the closing or reopening (default: today)");
  command.add_option("--task", f->tasks, "A task of the approved plan whose status changes (repeatable)");
  command.add_option("--status", f->task_status, "The tasks' new status: in-progress, done, partly, not-done, cancelled, open");
  command.add_option("--task-note", f->task_note, "A note on the task update");
  command.add_option("--delivered", f->delivered, "A recurring service delivered: TASK=COUNT, e.g. 3=2 (repeatable)");
  command.add_option("--event", f->events, "A significant event, e.g. police-called, child-placed-in-care (repeatable)");
  command.add_option("--member", f->members,
                     "A household member the events concern, by number (repeatable; 'casectl show CASE' lists them)");
  command.add_option("--event-note", f->event_note, "A note on the events");
  command.add_flag("--before-opening", f->before_opening,
                   "The events happened before the case was opened (its history): --on is their date; only events are recorded");
  command.add_option("--note", f->note, "A note on the review");
  command.add_option("--next", f->next, "Date of the next review (default: --on plus review.cadence)");
  command.add_option("--from", f->from, "Read the review from a TOML or JSON file ('-' for stdin)");
  command.add_option("--input-format", f->input_format, "toml or json (default: from the file's extension)");
  command.add_flag("--services", f->services, "Show services due against delivered over the last period, and stop");
  command.add_flag("--close", f->close, "Close the case (with --reason, --outcome, --expectations)")->group("Closing");
  command.add_flag("--reopen", f->reopen, "Return a closed case to work (with --reason)")->group("Closing");
  command.add_option("--reason", f->reason, "Why the case closes or reopens")->group("Closing");
  command.add_option("--outcome", f->outcome, "goals-achieved, partly, disengaged, transferred, moved, deceased, lost-contact")
      ->group("Closing");
  command.add_option("--expectations", f->expectations, "Were the person's own expectations met: yes, partly, no")
      ->group("Closing");
  command.add_option("--expectations-note", f->expectations_note, "In the person's words")->group("Closing");
  command.add_option("--force", f->force, "Close with tasks still open, saying why")->group("Closing");
  add_output_flags(command, f->output);
  command.footer("Prints the case id; the next review date and any notes go to stderr.\n"
                 "'casectl due' lists what is overdue across cases.");

  handler = [f, &command](Context& context) -> Status {
    const char* const review_flags[] = {"--task",   "--status",     "--task-note", "--delivered", "--event",
                                        "--member", "--event-note", "--note",      "--next",      "--before-opening"};
    const char* const closing_flags[] = {"--outcome", "--expectations", "--expectations-note", "--force"};
    bool reviewing =
        std::any_of(std::begin(review_flags), std::end(review_flags), [&](const char* n) { return command.count(n) > 0; });
    bool closing_given =
        std::any_of(std::begin(closing_flags), std::end(closing_flags), [&](const char* n) { return command.count(n) > 0; });
    if (f->services) {
      if (reviewing || f->close || f->reopen) return Status::usage(tr("--services only shows; give it alone"));
      Result<std::vector<Record>> rows = service_compliance(*context.store, f->case_id, context.change.clock.today);
      if (!rows) return rows.status();
      Result<redact::People> people = people_to_mask(context, f->output, f->case_id);
      if (!people) return people.status();
      return print_records(
          context, f->output,
          {{"task", "TASK"},
           {"what", "SERVICE"},
           {"frequency", "FREQUENCY"},
           {"from", "FROM", "С", "БАСТАП"},
           {"to", "TO", "ПО", "ДЕЙІН"},
           {"due", "DUE", "ПОЛОЖЕНО", "ТИЕСІЛІ"},
           {"delivered", "DELIVERED"},
           {"percent", "%"}},
          "services",
          [&](const RecordSink& sink) {
            for (const Record& r : *rows) CASECTL_TRY(sink(r));
            return Status::ok();
          },
          *people);
    }
    if (f->close && f->reopen) return Status::usage(tr("--close and --reopen are alternatives"));
    if ((f->close || f->reopen) && reviewing)
      return Status::usage(tr("record the review first, then close or reopen in a command of its own"));
    if (closing_given && !f->close) return Status::usage(tr("--outcome, --expectations and --force go with --close"));
    if (command.count("--reason") > 0 && !f->close && !f->reopen)
      return Status::usage(tr("--reason goes with --close or --reopen"));
    if (f->close) {
      CloseRequest r;
      if (command.count("--on") > 0) r.on = f->on;
      r.reason = f->reason;
      r.outcome = f->outcome;
      r.expectations_met = f->expectations;
      r.expectations_note = f->expectations_note;
      r.force_reason = f->force;
      Result<ReviewChange> done = close_case(*context.store, f->case_id, r, context.config, context.change);
      if (!done) return done.status();
      for (const std::string& note : done->notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
      if (!f->output.format.empty() || !f->output.template_name.empty()) {
        Result<redact::People> people = people_to_mask(context, f->output, done->case_id);
        if (!people) return people.status();
        return print_record(context, f->output, done->closure, *people);
      }
      std::fprintf(context.out, "%s\n", done->case_id.c_str());
      return Status::ok();
    }
    if (f->reopen) {
      ReopenRequest r;
      if (command.count("--on") > 0) r.on = f->on;
      r.reason = f->reason;
      Result<ReviewChange> done = reopen_case(*context.store, f->case_id, r, context.config, context.change);
      if (!done) return done.status();
      for (const std::string& note : done->notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
      std::fprintf(context.out, "%s\n", done->case_id.c_str());
      return Status::ok();
    }
    ReviewRequest r;
    if (!f->from.empty()) {
      if (reviewing) return Status::usage(tr("--from gives the whole review; leave out the other fields"));
      Result<InputDocument> doc = read_input_document(f->from, f->input_format);
      if (!doc) return doc.status();
      Result<ReviewRequest> read = review_request_from(doc->text, doc->format, doc->source);
      if (!read) return read.status();
      r = std::move(*read);
      if (command.count("--on") > 0 && !r.on) r.on = f->on;
      Result<ReviewChange> done = record_review(*context.store, f->case_id, r, context.config, context.change);
      if (!done) return done.status();
      std::fprintf(context.out, "%s\n", done->case_id.c_str());
      for (const std::string& note : done->notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
      return Status::ok();
    }
    if (command.count("--on") > 0) r.on = f->on;
    r.tasks = f->tasks;
    if (command.count("--status") > 0) r.task_status = f->task_status;
    if (command.count("--task-note") > 0) r.task_note = f->task_note;
    r.delivered = f->delivered;
    r.events = f->events;
    r.members = f->members;
    if (command.count("--event-note") > 0) r.event_note = f->event_note;
    if (command.count("--note") > 0) r.note = f->note;
    if (command.count("--next") > 0) r.next = f->next;
    r.before_opening = f->before_opening;
    if (!reviewing)
      return Status::usage(trf("nothing to record; give --task N --status S, --delivered TASK=COUNT, --event TYPE, "
                               "--note or --next; 'casectl review {} --services' shows the services",
                               f->case_id));
    Result<ReviewChange> done = record_review(*context.store, f->case_id, r, context.config, context.change);
    if (!done) return done.status();
    std::fprintf(context.out, "%s\n", done->case_id.c_str());
    for (const std::string& note : done->notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
    if (context.err_is_terminal && !r.before_opening)
      fmt::print(context.err, "casectl: {}\n",
                 trf("review of {} recorded; next review by {}", done->case_id.c_str(), done->next_review_on.c_str()));
    return Status::ok();
  };
}

} // namespace casectl::cli
