// casectl assign CASE ...: the case manager, team and supervisor of one case.
// casectl reassign ...: many open cases to another manager, or spread by load.
#include "commands.hpp"

#include "cases/intake.hpp"

#include "cases/assign.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <iostream>

namespace casectl::cli {

namespace {

void print_messages(Context& context, const std::vector<std::string>& warnings, const std::vector<std::string>& notes) {
  for (const std::string& w : warnings) std::fprintf(context.err, "casectl: warning: %s\n", w.c_str());
  for (const std::string& n : notes) std::fprintf(context.err, "casectl: %s\n", n.c_str());
}

Status in_transaction(Context& context, const std::function<Status()>& body, bool rehearse) {
  return context.store->write(body, rehearse);
}

} // namespace

void define_assign(CLI::App& command, Handler& handler) {
  struct Flags {
    AssignRequest request;
    std::string manager, supervisor;
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
  command.add_flag("--dry-run", flags->dry_run, "Show what would change, write nothing");
  add_output_flags(command, flags->output);
  handler = [flags, &command](Context& context) -> Status {
    AssignRequest request = flags->request;
    if (command.count("--manager") > 0) request.manager = flags->manager;
    if (command.count("--supervisor") > 0) request.supervisor = flags->supervisor;
    AssignOutcome outcome;
    std::optional<Roster> roster;
    CASECTL_TRY(in_transaction(
        context,
        [&]() -> Status {
          Result<AssignOutcome> assigned = assign_case(*context.store, context.config, context.change, request);
          if (!assigned) return assigned.status();
          outcome = std::move(*assigned);
          Result<Roster> loaded = load_roster(*context.store, context.config);
          if (!loaded) return loaded.status();
          roster = std::move(*loaded);
          return Status::ok();
        },
        flags->dry_run));
    print_messages(context, outcome.warnings, outcome.notes);
    if (flags->dry_run && outcome.changed)
      std::fprintf(context.err, "casectl: dry run, nothing written: %s would look like this\n",
                   outcome.assignment.case_id.c_str());
    return print_record(context, flags->output, views::assignment_record(outcome.assignment, *roster));
  };
}

namespace {

// Whether the user may be asked: both stdin and stderr are terminals.
bool can_ask(const Context& context) { return context.err_is_terminal && ::isatty(STDIN_FILENO) == 1; }

bool confirmed(Context& context, std::size_t moves) {
  std::fprintf(context.err, "Move these %zu case%s? [y/N] ", moves, moves == 1 ? "" : "s");
  std::fflush(context.err);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  std::optional<bool> yes = parse_yes_no(answer);
  return yes && *yes;
}

Status write_moves(Context& context, const OutputFlags& output, const std::vector<Move>& moves) {
  return print_records(context, output, views::move_columns(), "moves", [&](const RecordSink& sink) {
    for (const Move& move : moves) CASECTL_TRY(sink(views::move_record(move)));
    return Status::ok();
  });
}

} // namespace

void define_reassign(CLI::App& command, Handler& handler) {
  struct Flags {
    std::vector<std::string> from, districts, statuses, urgencies, groups;
    bool unassigned = false;
    std::string to;
    bool spread = false, dry_run = false, yes = false;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.add_option("--from", flags->from, "Open cases managed by LOGIN (repeatable, or comma-separated)");
  command.add_flag("--unassigned", flags->unassigned, "Open cases with no case manager");
  command.add_option("--district", flags->districts, "Only cases of this district (repeatable)");
  command.add_option("--status", flags->statuses, "Only cases in this status: intake, assessment, active (repeatable)");
  command.add_option("--urgency", flags->urgencies, "Only cases of this urgency (repeatable)");
  command.add_option("--group", flags->groups, "Only cases with this target group (repeatable)");
  command.add_option("--to", flags->to, "The new case manager of every case");
  command.add_flag("--auto", flags->spread, "Spread the cases over the staff serving each case's district, by load");
  command.add_flag("--dry-run", flags->dry_run, "Print exactly what would move, write nothing");
  command.add_flag("-y,--yes", flags->yes, "Move without asking (needed when not on a terminal)");
  add_output_flags(command, flags->output);
  handler = [flags](Context& context) -> Status {
    const config::Config& config = context.config;
    ReassignRequest request;
    request.filter.managers = spread_values(flags->from);
    request.filter.unassigned = flags->unassigned;
    CASECTL_TRY(resolve_all(config.districts, flags->districts, "--district", request.filter.districts));
    CASECTL_TRY(resolve_all(statuses(), flags->statuses, "--status", request.filter.statuses));
    CASECTL_TRY(resolve_all(urgencies(), flags->urgencies, "--urgency", request.filter.urgencies));
    CASECTL_TRY(resolve_all(config.groups, flags->groups, "--group", request.filter.groups));
    request.to = flags->to;
    request.spread = flags->spread;
    bool ask = false;
    if (!flags->dry_run && !flags->yes) {
      if (!can_ask(context))
        return Status::usage("reassign changes many cases: add --yes to move them without a terminal, or --dry-run "
                             "to see what would move");
      ask = true;
    }
    ReassignOutcome outcome;
    // With `expected`, the moves must be exactly those: otherwise nothing is written.
    auto run = [&](bool rehearse, const std::vector<Move>* expected) {
      return in_transaction(
          context,
          [&]() -> Status {
            Result<ReassignOutcome> moved = reassign_cases(*context.store, config, context.change, request);
            if (!moved) return moved.status();
            outcome = std::move(*moved);
            auto same = [](const Move& a, const Move& b) { return a.case_id == b.case_id && a.from == b.from && a.to == b.to; };
            if (expected && !std::equal(expected->begin(), expected->end(), outcome.moves.begin(), outcome.moves.end(), same))
              return Status::conflict("the cases changed while you were asked, so nothing was moved; run the command again");
            return Status::ok();
          },
          rehearse);
    };
    if (ask) {
      // Show the plan, ask, then move exactly what was shown.
      CASECTL_TRY(run(true, nullptr));
      if (outcome.moves.empty()) {
        std::fprintf(context.err, "casectl: no open case matches; nothing to move\n");
        return Status::ok();
      }
      std::vector<Move> shown = outcome.moves;
      CASECTL_TRY(write_moves(context, flags->output, shown));
      print_messages(context, outcome.warnings, outcome.notes);
      if (!confirmed(context, shown.size())) {
        std::fprintf(context.err, "casectl: nothing moved\n");
        return Status::ok();
      }
      CASECTL_TRY(run(false, &shown));
      std::fprintf(context.err, "casectl: moved %zu case%s\n", shown.size(), shown.size() == 1 ? "" : "s");
      return Status::ok();
    }
    CASECTL_TRY(run(flags->dry_run, nullptr));
    CASECTL_TRY(write_moves(context, flags->output, outcome.moves));
    print_messages(context, outcome.warnings, outcome.notes);
    std::size_t n = outcome.moves.size();
    if (flags->dry_run)
      std::fprintf(context.err, "casectl: dry run, nothing written: would move %zu case%s\n", n, n == 1 ? "" : "s");
    else std::fprintf(context.err, "casectl: moved %zu case%s\n", n, n == 1 ? "" : "s");
    return Status::ok();
  };
}

} // namespace casectl::cli
