// casectl reassign ...: many open cases to another manager, or spread by load.
#include "commands.hpp"

#include "cases/intake.hpp"
#include "util/messages.hpp"

#include "cases/assign.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace casectl::cli {

namespace {

// Whether the user may be asked: both stdin and stderr are terminals.
bool can_ask(const Context& context) { return context.err_is_terminal && ::isatty(STDIN_FILENO) == 1; }

// "3 cases", "3 cases and 2 team places", "1 team place": what `moves` moves.
std::string counted(const std::vector<Move>& moves) {
  std::size_t places = std::count_if(moves.begin(), moves.end(), [](const Move& m) { return m.as == "team"; });
  std::size_t cases = moves.size() - places;
  std::string text = cases > 0 || places == 0 ? ntrf("{} case", "{} cases", cases, cases) : "";
  if (places > 0) text += (text.empty() ? "" : tr(" and ")) + ntrf("{} team place", "{} team places", places, places);
  return text;
}

bool confirmed(Context& context, const std::vector<Move>& moves) {
  fmt::print(context.err, "{} [y/N] ", trf("Move these {}?", counted(moves)));
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
    request.filter.managers = text::spread_values(flags->from);
    request.filter.unassigned = flags->unassigned;
    CASECTL_TRY(config::resolve_all(config.districts, flags->districts, "--district", request.filter.districts));
    CASECTL_TRY(config::resolve_all(statuses(), flags->statuses, "--status", request.filter.statuses));
    CASECTL_TRY(config::resolve_all(urgencies(), flags->urgencies, "--urgency", request.filter.urgencies));
    CASECTL_TRY(config::resolve_all(config.groups, flags->groups, "--group", request.filter.groups));
    request.to = flags->to;
    request.spread = flags->spread;
    bool ask = false;
    if (!flags->dry_run && !flags->yes) {
      if (!can_ask(context))
        return Status::usage(tr("reassign changes many cases: add --yes to move them without a terminal, or --dry-run "
                                "to see what would move"));
      ask = true;
    }
    Reassignment outcome;
    // With `confirmed`, the moves must be exactly those: otherwise nothing is written.
    auto run = [&](bool rehearse, const std::vector<Move>* confirmed) -> Status {
      Result<Reassignment> moved = reassign_cases(*context.store, config, context.change, request, rehearse, confirmed);
      if (!moved) return moved.status();
      outcome = std::move(*moved);
      return Status::ok();
    };
    if (ask) {
      // Show the plan, ask, then move exactly what was shown.
      CASECTL_TRY(run(true, nullptr));
      if (outcome.moves.empty()) {
        fmt::print(context.err, "casectl: {}\n", tr("no open case matches; nothing to move"));
        return Status::ok();
      }
      std::vector<Move> shown = outcome.moves;
      CASECTL_TRY(write_moves(context, flags->output, shown));
      print_messages(context, outcome.warnings, outcome.notes);
      if (!confirmed(context, shown)) {
        fmt::print(context.err, "casectl: {}\n", tr("nothing moved"));
        return Status::ok();
      }
      CASECTL_TRY(run(false, &shown));
      fmt::print(context.err, "casectl: {}\n", trf("moved {}", counted(shown).c_str()));
      return Status::ok();
    }
    CASECTL_TRY(run(flags->dry_run, nullptr));
    CASECTL_TRY(write_moves(context, flags->output, outcome.moves));
    print_messages(context, outcome.warnings, outcome.notes);
    if (flags->dry_run)
      fmt::print(context.err, "casectl: {}\n", trf("dry run, nothing written: would move {}", counted(outcome.moves).c_str()));
    else fmt::print(context.err, "casectl: {}\n", trf("moved {}", counted(outcome.moves).c_str()));
    return Status::ok();
  };
}

} // namespace casectl::cli
