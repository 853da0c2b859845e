// casectl edit CASE ...: corrections to a case after intake (lib/cases/edit.hpp).
#include "commands.hpp"

#include "cases/edit.hpp"
#include "cases/views.hpp"
#include "util/messages.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

namespace casectl::cli {

namespace {

struct EditFlags {
  EditRequest request;
  // Bound to plain strings; an option given on the command line becomes set in `request`.
  std::string name, district, address, phone, source, referrer, urgency, consent, note, on;
  std::string on_duplicate = "fail";
  bool dry_run = false;
  OutputFlags output;
};

// The fields of the request, each set only when its option was given ("" clears it).
EditRequest request_of(const CLI::App& command, const EditFlags& f) {
  EditRequest r = f.request;
  auto take = [&](const char* option, const std::string& value, std::optional<std::string>& field) {
    if (command.count(option) > 0) field = value;
  };
  take("--name", f.name, r.name);
  take("--district", f.district, r.district);
  take("--address", f.address, r.address);
  take("--phone", f.phone, r.phone);
  take("--source", f.source, r.source);
  take("--referrer", f.referrer, r.referrer);
  take("--urgency", f.urgency, r.urgency);
  take("--consent", f.consent, r.consent);
  take("--note", f.note, r.note);
  take("--on", f.on, r.on);
  return r;
}

bool changes_something(const EditRequest& r) {
  return r.name || r.district || r.address || r.phone || r.source || r.referrer || r.urgency || r.consent || r.note ||
         !r.groups.empty() || !r.problems.empty() || !r.add_members.empty() || !r.edit_members.empty() ||
         !r.remove_members.empty();
}

} // namespace

void define_edit(CLI::App& command, Handler& handler) {
  auto f = std::make_shared<EditFlags>();
  command.add_option("CASE", f->request.case_id, "The case id (or its external id)")->required();
  command.add_option("--name", f->name, "The family's or the person's name");
  command.add_option("--district", f->district, "District code or label");
  command.add_option("--address", f->address, "Address ('' clears it)");
  command.add_option("--phone", f->phone, "Phone ('' clears it)");
  command.add_option("--source", f->source, "Intake source code or label");
  command.add_option("--referrer", f->referrer, "Who referred the case ('' clears it)");
  command.add_option("--urgency", f->urgency,
                     "emergency, urgent or routine; lowering an urgency an assessment raised needs --reason");
  command.add_option("--consent", f->consent, "Consent to personal-data processing: yes or no");
  command.add_option("--note", f->note, "The case's note ('' clears it)");
  command.add_option("--group", f->request.groups,
                     "+CODE adds a target group, -CODE takes one away (write --group=-CODE; repeatable)");
  command.add_option("--problem", f->request.problems,
                     "+TEXT adds a presenting problem, -TEXT takes away the one written so (--problem=-TEXT; repeatable)");
  command.add_option("--add-member", f->request.add_members,
                     "A household member after the others: \"NAME;ROLE;DD.MM.YYYY\" (role and birth date optional; repeatable)");
  command.add_option("--edit-member", f->request.edit_members,
                     "Member N as 'show' numbers them: \"N;NAME;ROLE;DD.MM.YYYY\" (an empty part stays, '-' clears the role "
                     "or birth date; repeatable)");
  command.add_option("--remove-member", f->request.remove_members,
                     "Member N is no longer in the household: kept as removed with --reason, its number not given again "
                     "(repeatable)");
  command.add_option("--reason", f->request.reason, "Why; journaled with the change (needed by --remove-member)");
  command.add_option("--on", f->on, "The day the change holds from, for the history reports (default: today)");
  command.add_option("--on-duplicate", f->on_duplicate,
                     "New details that look like another open case: fail (default), skip, link, allow");
  command.add_flag("--dry-run", f->dry_run, "Check everything and show what would change; write nothing");
  add_format_flags(command, f->output);
  command.footer("Prints the case id, a summary and the changes {\"field\": [old, new]} (-o json for scripts); a closed\n"
                 "case is refused (exit 4): reopen it first with 'casectl review CASE --reopen --reason TEXT'.");
  handler = [f, &command](Context& context) -> Status {
    EditRequest request = request_of(command, *f);
    if (!changes_something(request))
      return Status::usage(tr("give what to change: --name, --district, --address, --phone, --source, --referrer, --urgency, "
                              "--consent, --note, --group, --problem, --add-member, --edit-member or --remove-member"));
    Result<OnDuplicate> policy = parse_on_duplicate(f->on_duplicate);
    if (!policy) return policy.status();
    Result<EditOutcome> edited = edit_case(*context.store, context.config, context.change, request, *policy, f->dry_run);
    if (!edited) return edited.status();
    const std::string summary = views::change_summary("edit", edited->changes);
    if (edited->skipped) {
      std::vector<std::string> ids;
      for (const DuplicateMatch& m : edited->duplicates) ids.push_back(m.case_id);
      fmt::print(context.err, "casectl: {}\n",
                 trf("skipped: with these details case {} looks like {}; nothing was changed", edited->case_id.c_str(),
                     text::join(ids, ", ").c_str()));
    } else if (edited->changes.empty()) {
      fmt::print(context.err, "casectl: {}\n", trf("case {} unchanged: it already has what was given", edited->case_id.c_str()));
    } else if (f->dry_run) {
      fmt::print(context.err, "casectl: {}\n",
                 trf("dry run, nothing written: case {} would change: {}", edited->case_id.c_str(), summary.c_str()));
    } else {
      fmt::print(context.err, "casectl: {}\n", trf("edited case {}: {}", edited->case_id.c_str(), summary.c_str()));
    }
    Record record = {{"case_id", edited->case_id},
                     {"summary", edited->changes.empty() || edited->skipped ? "" : summary},
                     {"changes", edited->skipped ? Record::object() : edited->changes},
                     {"dry_run", f->dry_run}};
    Result<redact::People> known = people_to_mask(context, f->output, edited->case_id);
    if (!known) return known.status();
    return print_record(context, f->output, record, *known);
  };
}

} // namespace casectl::cli
