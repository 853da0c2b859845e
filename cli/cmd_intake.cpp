#include "commands.hpp"

#include "cases/intake.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

struct IntakeFlags {
  IntakeRequest request;
  // Bound to plain strings; an option given on the command line becomes set in `request`.
  std::string kind, district, address, phone, source, referrer, urgency, consent, external_id, note, opened;
};

void take(const CLI::App& command, const char* name, const std::string& value, std::optional<std::string>& field) {
  if (command.count(name) > 0) field = value;
}

} // namespace

void define_intake(CLI::App& command, Handler& handler) {
  auto flags = std::make_shared<IntakeFlags>();
  IntakeRequest& r = flags->request;
  command.add_option("--name", r.name, "The family's or the person's name")->required();
  command.add_option("--kind", flags->kind, "family or person (default: intake.kind, family)");
  command.add_option("--member", r.members, "A household member: \"NAME;ROLE;BIRTHDATE\" (repeatable; role and date optional)");
  command.add_option("--district", flags->district, "District (one of the config's districts when it lists them)");
  command.add_option("--address", flags->address, "Address");
  command.add_option("--phone", flags->phone, "Contact phone");
  command.add_option("--source", flags->source, "How the case came in: self, referral, hotline, school, police, ... (default: self)");
  command.add_option("--referrer", flags->referrer, "The referring agency or person");
  command.add_option("--group", r.groups, "Target group, e.g. large-family (repeatable)");
  command.add_option("--problem", r.problems, "A presenting problem, in plain words (repeatable)");
  command.add_option("--urgency", flags->urgency, "emergency, urgent or routine (default: routine)");
  command.add_option("--consent", flags->consent, "Consent to personal-data processing: yes or no (default: no)");
  command.add_option("--external-id", flags->external_id, "The case's id in another system");
  command.add_option("--note", flags->note, "A note");
  command.add_option("--opened", flags->opened, "Date the signal came in: YYYY-MM-DD or DD.MM.YYYY (default: today)");
  command.add_flag("--consultation", r.consultation, "Record a consultation only, not a full case");
  command.footer("Prints the new case id alone on stdout, so that id=$(casectl intake ...) works.");

  handler = [flags, &command](Context& context) -> Status {
    IntakeRequest request = flags->request;
    take(command, "--kind", flags->kind, request.kind);
    take(command, "--district", flags->district, request.district);
    take(command, "--address", flags->address, request.address);
    take(command, "--phone", flags->phone, request.phone);
    take(command, "--source", flags->source, request.source);
    take(command, "--referrer", flags->referrer, request.referrer);
    take(command, "--urgency", flags->urgency, request.urgency);
    take(command, "--consent", flags->consent, request.consent);
    take(command, "--external-id", flags->external_id, request.external_id);
    take(command, "--note", flags->note, request.note);
    take(command, "--opened", flags->opened, request.opened);

    Result<Case> prepared = prepare_case(request, context.config, context.change.clock);
    if (!prepared) return prepared.status();
    Result<std::string> case_id = register_case(*context.store, *prepared, context.config, context.change);
    if (!case_id) return case_id.status();
    std::fprintf(context.out, "%s\n", case_id->c_str());
    if (context.err_is_terminal)
      std::fprintf(context.err, "casectl: registered %s %s (%s; first response due by %s)\n",
                   prepared->consultation ? "consultation" : "case", case_id->c_str(), prepared->urgency.c_str(),
                   prepared->response_due.c_str());
    return Status::ok();
  };
}

} // namespace casectl::cli
