#include "commands.hpp"

#include "cases/assign.hpp"
#include "cases/documents.hpp"
#include "cases/plan.hpp"
#include "cases/views.hpp"
#include "output/templates.hpp"
#include "util/document.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <iterator>

namespace casectl::cli {

namespace {

// `plan tasks --agency X --record-notice`: the list just written is the notice; each case in it
// gets the notice recorded as `plan CASE inform` would. Stops at the first refusal, saying which
// cases were recorded before it, so that the rest can be recorded by hand.
Status record_notices(Context& context, const std::vector<std::string>& cases, const InformRequest& request) {
  std::vector<std::string> recorded;
  for (const std::string& case_id : cases) {
    Result<PlanChange> change = inform_agency(*context.store, case_id, request, context.config, context.change);
    if (!change)
      return change.status().with_message(
          trf("{}: the notice was not recorded: {}{}", case_id, change.status().message(),
              recorded.empty() ? std::string() : trf("; it was recorded for {}", text::join(recorded, ", "))));
    recorded.push_back(case_id);
  }
  fmt::print(context.err, "casectl: {}\n",
             ntrf("recorded the notice to {} for {} case", "recorded the notice to {} for {} cases", recorded.size(),
                  request.agency, recorded.size()) +
                 (recorded.empty() ? "" : ": " + text::join(recorded, ", ")));
  return Status::ok();
}

struct PlanFlags {
  std::string case_id;
  int revision = 0;
  std::string from, input_format, from_template, start;
  OutputFlags output;
  // add-goal
  std::string domain, target, expectation, description;
  // add-task / edit-task
  std::string goal, what, priority, agency, worker, family, due, offset, frequency;
  int number = 0;
  // approve / revise
  std::string meeting, decision, reason;
  std::vector<std::string> participants;
  // inform
  std::string inform_agency, inform_on, inform_how;
  bool record_notice = false; // plan tasks --record-notice
  // tasks
  std::vector<std::string> agencies, workers, districts, priorities, statuses;
  std::string within;
};

void take(const CLI::App* command, const char* name, const std::string& value, std::optional<std::string>& field) {
  if (command->count(name) > 0) field = value;
}

TaskRequest task_request(const CLI::App* c, const PlanFlags& f) {
  TaskRequest t;
  take(c, "--goal", f.goal, t.goal);
  take(c, "--what", f.what, t.what);
  take(c, "--priority", f.priority, t.priority);
  take(c, "--agency", f.agency, t.agency);
  take(c, "--worker", f.worker, t.worker);
  take(c, "--family", f.family, t.family_member);
  take(c, "--due", f.due, t.due);
  take(c, "--offset", f.offset, t.offset);
  take(c, "--frequency", f.frequency, t.frequency);
  return t;
}

void add_task_options(CLI::App* c, PlanFlags& f) {
  c->add_option("--goal", f.goal, "The goal the task serves (its number; may be left out when the plan has one goal)");
  c->add_option("--what", f.what, "What is to be done, in plain words");
  c->add_option("--priority", f.priority, "immediate (do first), high, normal, can-wait (default: normal)");
  c->add_option("--agency", f.agency, "The responsible agency");
  c->add_option("--worker", f.worker, "The responsible worker (staff login)");
  c->add_option("--family", f.family, "The family member whose own part this is");
  c->add_option("--due", f.due, "Due date: 2026-12-15, 15.12.2026, +2w, +1m...");
  c->add_option("--offset", f.offset, "Due so many days after the plan's start");
  c->add_option("--frequency", f.frequency, "A recurring service: COUNT/PERIOD, e.g. 5/week, 2/month");
}

Result<PlanRequest> whole_plan_from_file(const PlanFlags& f) {
  Result<InputDocument> doc = read_input_document(f.from, f.input_format);
  if (!doc) return doc.status();
  return plan_request_from(doc->text, doc->format, doc->source);
}

Status print_plan(Context& context, const PlanFlags& f) {
  Result<std::optional<Plan>> chosen = plan_revision_of(*context.store, f.case_id, f.revision);
  if (!chosen) return chosen.status();
  if (!*chosen)
    return Status::not_found(trf("case {} has no plan yet; start one with 'casectl plan {} add-goal ...' or "
                                 "'casectl plan {} --from-template NAME'",
                                 f.case_id, f.case_id, f.case_id));
  const Plan& plan = **chosen;
  Result<redact::People> people = people_to_mask(context, f.output, plan.case_id);
  if (!people) return people.status();
  bool whole = !f.output.template_name.empty() || f.output.format == "json" || f.output.format == "ndjson";
  if (whole) {
    Result<Record> document = plan_document_record(*context.store, context.config, plan);
    if (!document) return document.status();
    const Record shape = sample_document(DocumentKind::plan, context.config);
    return print_record(context, f.output, std::move(*document), *people, &shape);
  }
  // Tables, TSV and CSV list the tasks; the goals go to stderr on a terminal (not with --redact:
  // their descriptions are free text).
  if (context.err_is_terminal && !f.output.redact) {
    std::fprintf(context.err, "Plan of %s, revision %d (%s), from %s%s\n", plan.case_id.c_str(), plan.revision,
                 plan.status.c_str(), plan.start_on.c_str(),
                 plan.meeting_on.empty() ? "" : fmt::format(", approved at the meeting of {}", plan.meeting_on).c_str());
    for (const PlanGoal& g : plan.goals)
      std::fprintf(context.err, "  goal %d: %s%s\n", g.number, g.description.c_str(),
                   g.domain.empty() ? ""
                                    : fmt::format(" ({}{})", g.domain, g.target ? fmt::format(" → {}", *g.target) : "").c_str());
  }
  Result<Roster> roster = load_roster(*context.store, context.config);
  if (!roster) return roster.status();
  auto name_of = [&](const std::string& login) { return roster->name_of(login); };
  return print_records(
      context, f.output, views::task_columns(), "tasks",
      [&](const RecordSink& sink) {
        for (const PlanTask& t : plan.tasks) CASECTL_TRY(sink(views::task_record(t, context.config, name_of)));
        return Status::ok();
      },
      *people);
}

Status print_change(Context& context, const PlanChange& change, const char* what) {
  if (change.goal_number) std::fprintf(context.out, "%d\n", change.goal_number);
  else if (change.task_number && std::string(what) == "added") std::fprintf(context.out, "%d\n", change.task_number);
  for (const std::string& note : change.notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
  if (context.err_is_terminal)
    fmt::print(context.err, "casectl: {}\n",
               trf("plan of {}, revision {} ({}): {}", change.plan.case_id.c_str(), change.plan.revision,
                   change.plan.status.c_str(), what));
  return Status::ok();
}

Status need_case(const PlanFlags& f, const char* sub) {
  if (f.case_id.empty()) return Status::usage(trf("say which case: 'casectl plan CASE {}'", sub));
  return Status::ok();
}

} // namespace

void define_plan(CLI::App& command, Handler& handler) {
  auto f = std::make_shared<PlanFlags>();
  command.add_option("CASE", f->case_id, "The case id (or its external id)");
  command.add_option("--revision", f->revision, "Show this revision (default: the latest)");
  command.add_option("--from", f->from, "Replace the draft with a whole plan from a TOML or JSON file ('-' for stdin)");
  command.add_option("--input-format", f->input_format, "toml or json (default: from the file's extension)");
  command.add_option("--from-template", f->from_template, "Start the draft from a plan template (templates/plans/NAME.toml)");
  command.add_option("--start", f->start, "The plan's start, from which task offsets count (default: today)");
  add_output_flags(command, f->output);
  command.footer("Without a subcommand: shows the plan (tasks in a table; -o json or --template plan for all of it),\n"
                 "or, with --from / --from-template, writes the draft.");

  CLI::App* add_goal = command.add_subcommand("add-goal", "Add a goal to the draft (prints its number)");
  add_goal->add_option("--domain", f->domain, "The assessment domain the goal improves");
  add_goal->add_option("--target", f->target, "The domain score to reach, 1-5");
  add_goal->add_option("--expectation", f->expectation, "What the person said they expect, in their words");
  add_goal->add_option("--description", f->description, "The goal, in plain words");
  CLI::App* add_task = command.add_subcommand("add-task", "Add a task to the draft (prints its number)");
  add_task_options(add_task, *f);
  CLI::App* edit_task = command.add_subcommand("edit-task", "Change a task of the draft");
  edit_task->add_option("TASK", f->number, "The task's number")->required();
  add_task_options(edit_task, *f);
  CLI::App* remove_task = command.add_subcommand("remove-task", "Remove a task from the draft");
  remove_task->add_option("TASK", f->number, "The task's number")->required();
  CLI::App* remove_goal = command.add_subcommand("remove-goal", "Remove a goal (without tasks) from the draft");
  remove_goal->add_option("GOAL", f->number, "The goal's number")->required();
  CLI::App* approve = command.add_subcommand("approve", "Approve the draft at the team meeting; the case becomes active");
  approve->add_option("--meeting", f->meeting, "The meeting's date (default: today)");
  approve->add_option("--participants", f->participants, "Who took part (comma-separated, or repeated)");
  approve->add_option("--decision", f->decision, "The meeting's decision, in a few words");
  CLI::App* revise = command.add_subcommand("revise", "Start a new draft revision of the approved plan");
  revise->add_option("--reason", f->reason, "Why the plan changes")->required();
  CLI::App* inform = command.add_subcommand(
      "inform", "Record that an agency was told of the tasks the approved plan gives it (prints the case id)");
  inform->add_option("--agency", f->inform_agency, "The agency told (code or label)")->required();
  inform->add_option("--on", f->inform_on, "The day it was told (default: today)");
  inform->add_option("--how", f->inform_how, "letter, meeting or phone (default: letter)");
  CLI::App* tasks = command.add_subcommand("tasks", "Tasks of every approved plan, for informing each agency");
  tasks->add_option("--agency", f->agencies, "Tasks of this agency (repeatable)");
  tasks->add_option("--worker", f->workers, "Tasks of this worker (repeatable)");
  tasks->add_option("--district", f->districts, "Cases of this district (repeatable)");
  tasks->add_option("--priority", f->priorities, "Tasks of this priority (repeatable)");
  tasks->add_option("--status", f->statuses, "Tasks in this status (default: all)");
  tasks->add_option("--within", f->within, "Due within this many days from today: 7d, 2w");
  tasks->add_flag("--record-notice", f->record_notice,
                  "With one --agency: record, for every case listed, that the agency was told of its tasks (as 'plan CASE "
                  "inform'), once the list is written; --how and --on as for inform");
  tasks->add_option("--how", f->inform_how, "With --record-notice: letter, meeting or phone (default: letter)");
  tasks->add_option("--on", f->inform_on, "With --record-notice: the day it was told (default: today)");
  add_output_flags(*tasks, f->output);
  add_listing_flags(*tasks, f->output);

  handler = [f, &command, add_goal, add_task, edit_task, remove_task, remove_goal, approve, revise, inform,
             tasks](Context& context) -> Status {
    const config::Config& config = context.config;
    if (tasks->parsed()) {
      if (!f->case_id.empty()) return Status::usage(tr("'plan tasks' lists the tasks of every case; leave out CASE"));
      AgencyTasksRequest request;
      request.agencies = f->agencies;
      request.workers = f->workers;
      request.districts = f->districts;
      request.priorities = f->priorities;
      request.statuses = f->statuses;
      request.within = f->within;
      if (f->record_notice && f->agencies.size() != 1)
        return Status::usage(tr("--record-notice records one agency's notice: give exactly one --agency"));
      if (!f->record_notice && (tasks->count("--how") > 0 || tasks->count("--on") > 0))
        return Status::usage(tr("--how and --on go with --record-notice"));
      if (f->record_notice) {
        // A notice names every case it records: none left out of the list by --limit.
        if (f->output.limit >= 0) return Status::usage(tr("--record-notice records every case listed: leave out --limit"));
        // Checked before the notice is written, not after.
        if (!f->inform_how.empty())
          if (Result<std::string> way = config::resolve(notice_ways(), text::trim(f->inform_how), "way"); !way)
            return Status::invalid("--how: " + way.status().message());
        if (!f->inform_on.empty()) CASECTL_TRY(option_date("--on", f->inform_on, context).status());
      }
      Result<Roster> roster = load_roster(*context.store, config);
      if (!roster) return roster.status();
      auto name_of = [&](const std::string& login) { return roster->name_of(login); };
      std::vector<std::string> told; // the cases listed, each once, in their order
      CASECTL_TRY(print_records(
          context, f->output, views::agency_task_columns(), "tasks",
          [&](const RecordSink& sink) {
            return agency_tasks(*context.store, config, context.change, request, [&](const AgencyTask& a) {
              if (std::find(told.begin(), told.end(), a.case_id) == told.end()) told.push_back(a.case_id);
              return sink(views::agency_task_record(a, config, name_of));
            });
          },
          {}, views::agency_task_record(AgencyTask{}, config)));
      if (!f->record_notice) return Status::ok();
      return record_notices(context, told, {f->agencies.front(), f->inform_on, f->inform_how});
    }
    CASECTL_TRY(need_case(*f, "..."));
    auto edit = [&](PlanEditRequest request, const char* what) -> Status {
      Result<PlanChange> change = edit_plan(*context.store, f->case_id, request, config, context.change);
      if (!change) return change.status();
      return print_change(context, *change, what);
    };
    PlanEditRequest request;
    if (command.count("--start") > 0) request.start = f->start;
    if (add_goal->parsed()) {
      request.edit = PlanEdit::add_goal;
      take(add_goal, "--domain", f->domain, request.goal.domain);
      take(add_goal, "--target", f->target, request.goal.target);
      take(add_goal, "--expectation", f->expectation, request.goal.expectation);
      take(add_goal, "--description", f->description, request.goal.description);
      if (!request.goal.description) request.goal.description = std::string();
      return edit(request, "goal added");
    }
    if (add_task->parsed()) {
      request.edit = PlanEdit::add_task;
      request.task = task_request(add_task, *f);
      if (!request.task.what) request.task.what = std::string();
      return edit(request, "added");
    }
    if (edit_task->parsed()) {
      request.edit = PlanEdit::edit_task;
      request.number = f->number;
      request.task = task_request(edit_task, *f);
      return edit(request, "task changed");
    }
    if (remove_task->parsed() || remove_goal->parsed()) {
      request.edit = remove_task->parsed() ? PlanEdit::remove_task : PlanEdit::remove_goal;
      request.number = f->number;
      return edit(request, remove_task->parsed() ? "task removed" : "goal removed");
    }
    if (approve->parsed()) {
      ApprovalRequest a{f->meeting, f->participants, f->decision};
      Result<PlanChange> change = approve_plan(*context.store, f->case_id, a, config, context.change);
      if (!change) return change.status();
      std::fprintf(context.out, "%s/%d\n", change->plan.case_id.c_str(), change->plan.revision);
      for (const std::string& note : change->notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
      return Status::ok();
    }
    if (inform->parsed()) {
      CASECTL_TRY(need_case(*f, "inform --agency X"));
      Result<PlanChange> change =
          inform_agency(*context.store, f->case_id, {f->inform_agency, f->inform_on, f->inform_how}, config, context.change);
      if (!change) return change.status();
      std::fprintf(context.out, "%s\n", change->plan.case_id.c_str());
      for (const std::string& note : change->notes) std::fprintf(context.err, "casectl: %s\n", note.c_str());
      return Status::ok();
    }
    if (revise->parsed()) {
      Result<PlanChange> change = revise_plan(*context.store, f->case_id, f->reason, config, context.change);
      if (!change) return change.status();
      std::fprintf(context.out, "%s/%d\n", change->plan.case_id.c_str(), change->plan.revision);
      return Status::ok();
    }
    if (!f->from.empty() || !f->from_template.empty()) {
      if (!f->from.empty() && !f->from_template.empty()) return Status::usage(tr("--from and --from-template are alternatives"));
      request.edit = PlanEdit::replace;
      Result<PlanRequest> whole = Status::ok();
      if (!f->from.empty()) {
        whole = whole_plan_from_file(*f);
      } else {
        Result<templates::Template> t = templates::find_plan_template(f->from_template, config.templates_dir);
        if (!t) return t.status();
        whole = plan_request_from(t->text, "toml", t->origin);
        request.template_name = f->from_template;
      }
      if (!whole) return whole.status();
      request.whole = std::move(*whole);
      if (!request.start && request.whole.start) request.start = request.whole.start;
      Result<PlanChange> change = edit_plan(*context.store, f->case_id, request, config, context.change);
      if (!change) return change.status();
      std::fprintf(context.out, "%s/%d\n", change->plan.case_id.c_str(), change->plan.revision);
      if (context.err_is_terminal)
        fmt::print(context.err, "casectl: {}\n",
                   trf("draft plan of {}: {} goals, {} tasks", change->plan.case_id.c_str(), change->plan.goals.size(),
                       change->plan.tasks.size()));
      return Status::ok();
    }
    if (command.count("--start") > 0) return Status::usage(tr("--start goes with --from, --from-template or add-goal"));
    return print_plan(context, *f);
  };
}

} // namespace casectl::cli
