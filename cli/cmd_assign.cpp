// casectl assign CASE ...: the case manager, team and supervisor of one case.
#include "commands.hpp"

#include "cases/intake.hpp"

#include "cases/assign.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

void define_assign(CLI::App& command, Handler& handler) {
  struct Flags {
    AssignRequest request;
    std::string manager, supervisor, on;
    bool dry_run = false;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("CASE", flags->request.case_id, "The case id (or its external id)")->required();
  command.add_option("--manager", flags->manager, "Make LOGIN the case manager (the previous one stays in the history)");
  command.add_flag("--auto", flags->request.auto_manager,
                   "Choose the case manager by district and load (open cases against capacity); explains the choice");
  command.add_option("--team", flags->request.team,
                     "Add LOGIN:ROLE to the interagency team (ROLE defaults to the staff member's role; repeatable)");
  command.add_option("--remove", flags->request.remove, "Take LOGIN off the team (repeatable)");
  command.add_option("--supervisor", flags->supervisor, "Make LOGIN the supervisor of the case ('' clears it)");
  command.add_option("--on", flags->on,
                     "The day it happened, when entered after the fact (DATE, 'yesterday', '-3d'): the team members' "
                     "joining date and the journal's; default today");
  command.add_flag("--dry-run", flags->dry_run, "Show what would change, write nothing");
  add_output_flags(command, flags->output);
  handler = [flags, &command](Context& context) -> Status {
    AssignRequest request = flags->request;
    if (command.count("--manager") > 0) request.manager = flags->manager;
    if (command.count("--supervisor") > 0) request.supervisor = flags->supervisor;
    if (command.count("--on") > 0) request.on = flags->on;
    Result<AssignmentChange> assigned = assign_case(*context.store, context.config, context.change, request, flags->dry_run);
    if (!assigned) return assigned.status();
    const AssignmentChange& outcome = *assigned;
    Result<Roster> roster = load_roster(*context.store, context.config);
    if (!roster) return roster.status();
    print_messages(context, outcome.warnings, outcome.notes);
    if (flags->dry_run && outcome.changed)
      fmt::print(context.err, "casectl: {}\n",
                 trf("dry run, nothing written: {} would look like this", outcome.assignment.case_id.c_str()));
    return print_record(context, flags->output, views::assignment_record(outcome.assignment, *roster));
  };
}

} // namespace casectl::cli
