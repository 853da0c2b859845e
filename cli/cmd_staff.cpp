// casectl staff list|add|set|remove: staff kept in the store, beside those of the config.
#include "commands.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include "cases/assign.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

struct StaffFlags {
  std::string login, name, agency, role;
  std::vector<std::string> districts;
  int capacity = 0;
  std::string kind;
  bool active = false;
};

// The options of `staff add` and `staff set`; only those given change anything.
void add_staff_options(CLI::App& sub, StaffFlags& flags) {
  sub.add_option("LOGIN", flags.login, "The staff member's login (letters, digits, '.', '_', '-')")->required();
  sub.add_option("--name", flags.name, "Full name");
  sub.add_option("--agency", flags.agency, "Agency code or label (from the config's [agencies])");
  sub.add_option("--role", flags.role, "Role in the users' words: case-manager, psychologist, ...");
  sub.add_option("--district", flags.districts, "District served (repeatable; none = every district)");
  sub.add_option("--capacity", flags.capacity, "Open cases they can carry as case manager (0 = not chosen by --auto)");
  sub.add_option("--kind", flags.kind,
                 "staff (agency staff, the default) or volunteer (a volunteer or NGO coordinator: refers, sits on teams, "
                 "takes tasks, leads no case unless assign.volunteers_manage)");
}

StaffRequest request_of(const CLI::App& sub, const StaffFlags& flags) {
  StaffRequest request;
  request.login = flags.login;
  if (sub.count("--name") > 0) request.name = flags.name;
  if (sub.count("--agency") > 0) request.agency = flags.agency;
  if (sub.count("--role") > 0) request.role = flags.role;
  if (sub.count("--district") > 0) request.districts = text::spread_values(flags.districts);
  if (sub.count("--capacity") > 0) request.capacity = flags.capacity;
  if (sub.count("--kind") > 0) request.kind = flags.kind;
  return request;
}

} // namespace

void define_staff(CLI::App& command, Handler& handler) {
  struct Flags {
    StaffFlags add, set;
    std::string remove_login;
    OutputFlags output;
  };
  auto flags = std::make_shared<Flags>();
  command.require_subcommand(1, 1);
  CLI::App* list = command.add_subcommand("list", "The staff: from the config and from the store, merged by login");
  CLI::App* add = command.add_subcommand("add", "Add a staff member to the store");
  CLI::App* set = command.add_subcommand("set", "Change a staff member added with 'staff add'");
  CLI::App* remove = command.add_subcommand("remove", "Mark a staff member as having left (kept for the history)");
  add_output_flags(*list, flags->output);
  add_listing_flags(*list, flags->output);
  add_staff_options(*add, flags->add);
  add_staff_options(*set, flags->set);
  set->add_flag("--active", flags->set.active, "Bring back a staff member who had left");
  remove->add_option("LOGIN", flags->remove_login, "The staff member's login")->required();
  handler = [flags, list, add, set, remove](Context& context) -> Status {
    if (list->parsed()) {
      Result<Roster> roster = load_roster(*context.store, context.config);
      if (!roster) return roster.status();
      return print_records(context, flags->output, views::staff_columns(), "staff", [&](const RecordSink& sink) {
        for (const StaffEntry& s : roster->all()) CASECTL_TRY(sink(views::staff_record(s)));
        return Status::ok();
      });
    }
    Result<StaffEntry> changed = Status::internal(tr("no staff subcommand"));
    enum class Did { added, changed, left } did = Did::added;
    if (add->parsed()) {
      changed = add_staff(*context.store, context.config, context.change, request_of(*add, flags->add));
    } else if (set->parsed()) {
      changed = change_staff(*context.store, context.config, context.change, request_of(*set, flags->set), flags->set.active);
      did = Did::changed;
    } else if (remove->parsed()) {
      changed = remove_staff(*context.store, context.config, context.change, flags->remove_login);
      did = Did::left;
    }
    if (!changed) return changed.status();
    std::fprintf(context.out, "%s\n", changed->member.login.c_str());
    const std::string& login = changed->member.login;
    fmt::print(context.err, "casectl: {}\n",
               did == Did::added     ? trf("added staff member {}", login)
               : did == Did::changed ? trf("changed staff member {}", login)
                                     : trf("marked as having left: staff member {}", login));
    return Status::ok();
  };
}

} // namespace casectl::cli
