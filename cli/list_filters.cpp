// The filters of `list`, shared by every command that picks cases the way `list` does
// (`report cases`): the options, and the CaseFilter they make.
#include "commands.hpp"

#include "cases/intake.hpp"
#include "util/messages.hpp"

#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace casectl::cli {

namespace {

Status date_bound(const std::string& given, const char* flag, const Context& context, std::string& out) {
  if (given.empty()) return Status::ok();
  Result<date::Date> d = option_date(flag, given, context);
  if (!d) return d.status();
  out = date::format_date(*d);
  return Status::ok();
}

// --status values as codes. "open" is no status but a flag of its own (cases in work, whatever
// their status): a value close to it is pointed there.
Status resolve_statuses(const std::vector<std::string>& given, std::vector<std::string>& out) {
  Status resolved = config::resolve_all(statuses(), given, "--status", out);
  if (resolved) return resolved;
  std::vector<std::string> codes;
  for (const config::RefItem& status : statuses()) codes.push_back(status.code);
  for (const std::string& value : text::spread_values(given))
    if (text::closest(value, {"open"}) && !text::closest(value, codes))
      return Status::invalid(trf("--status: '{}' is not a status; for the cases in work (not closed, not "
                                 "consultations) give --open; the statuses: {}",
                                 value, text::join(codes, ", ")));
  return resolved;
}

} // namespace

void add_case_filter_options(CLI::App& command, CaseFilterFlags& flags) {
  command.add_option("--status", flags.statuses,
                     "intake, assessment, active, closed, consultation (repeatable, or comma-separated)");
  command.add_flag("--open", flags.open_only, "Only cases in work: not closed, not consultations");
  command.add_option("--district", flags.districts, "District (repeatable)");
  command.add_option("--urgency", flags.urgencies, "emergency, urgent, routine (repeatable)");
  command.add_option("--group", flags.groups, "Target group (repeatable; a case with any of them matches)");
  command.add_option("--manager", flags.managers, "Case manager's login (repeatable)");
  command.add_flag("--mine", flags.mine, "Cases whose case manager is the acting user (--as, CASECTL_USER, the login name)");
  command.add_option("--kind", flags.kinds, "family or person");
  command.add_flag("--minors", flags.minors, "Cases with a household member under 18 today (by the birth dates recorded)");
  command.add_option("--name", flags.name,
                     "Names of the household matching these words (any case, ё/е, Cyrillic or Latin; prefixes)");
  command.add_option("--since", flags.since, "Opened on or after DATE");
  command.add_option("--until", flags.until, "Opened on or before DATE");
  command.add_option("--sort", flags.sort,
                     "Sort by case_id, opened, name, urgency, status, district, response_due, case_manager; -FIELD reverses");
  add_limit_option(command, flags.limit, "At most N cases");
}

CLI::Option* add_limit_option(CLI::App& command, long long& limit, const std::string& description) {
  CLI::Validator whole_number(
      [](std::string& value) -> std::string {
        std::size_t digits = value.find_first_not_of("0123456789");
        if (value.empty() || digits != std::string::npos || value.find_first_not_of('0') == std::string::npos ||
            value.size() > 18)
          return "--limit takes a whole number ≥ 1, not '" + value + "'";
        return "";
      },
      "N ≥ 1");
  CLI::Option* option = command.add_option("--limit", limit, description)->check(whole_number);
  // --all undoes a default limit (find's 50); where there is none it changes nothing, so that a
  // script can say --all everywhere.
  command
      .add_flag_callback(
          "--all", [&limit] { limit = -1; }, "Every row: no limit")
      ->excludes(option);
  return option;
}

Result<CaseFilter> case_filter_of(const CaseFilterFlags& flags, const Context& context) {
  CaseFilter filter;
  const config::Config& config = context.config;
  CASECTL_TRY(resolve_statuses(flags.statuses, filter.statuses));
  CASECTL_TRY(config::resolve_all(config.districts, flags.districts, "--district", filter.districts));
  CASECTL_TRY(config::resolve_all(urgencies(), flags.urgencies, "--urgency", filter.urgencies));
  CASECTL_TRY(config::resolve_all(config.groups, flags.groups, "--group", filter.groups));
  CASECTL_TRY(config::resolve_all(kinds(), flags.kinds, "--kind", filter.kinds));
  filter.managers = text::spread_values(flags.managers);
  if (flags.mine) filter.managers.push_back(context.change.actor);
  CASECTL_TRY(date_bound(flags.since, "--since", context, filter.opened_since));
  CASECTL_TRY(date_bound(flags.until, "--until", context, filter.opened_until));
  filter.open_only = flags.open_only;
  if (flags.minors) filter.born_after = date::minors_cutoff(date::format_date(context.change.clock.today));
  filter.name = flags.name;
  std::string sort = flags.sort;
  if (!sort.empty() && sort[0] == '-') {
    filter.descending = true;
    sort = sort.substr(1);
  }
  const auto& fields = sort_fields();
  if (std::find(fields.begin(), fields.end(), sort) == fields.end())
    return Status::usage(trf("--sort: cannot sort by '{}'{}; use one of {} (prefix - to reverse)", sort,
                             text::did_you_mean(sort, fields), text::join(fields, ", ")));
  filter.sort = sort;
  filter.limit = flags.limit;
  return filter;
}

} // namespace casectl::cli
