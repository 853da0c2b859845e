#include "commands.hpp"
#include "progress.hpp"
#include "util/messages.hpp"

#include "cases/intake.hpp"
#include "cases/bulk_intake.hpp"
#include "cases/intake_records.hpp"
#include "util/csv.hpp"
#include "util/encoding.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>

namespace casectl::cli {

namespace {

struct IntakeFlags {
  IntakeRequest request;
  // Bound to plain strings; an option given on the command line becomes set in `request`.
  std::string kind, district, address, phone, source, referrer, urgency, consent, external_id, note, opened;
  std::string from, input_format, errors_file;
  std::string encoding = "utf-8";
  std::string on_duplicate, on_existing;
  bool dry_run = false;
};

void take(const CLI::App& command, const char* name, const std::string& value, std::optional<std::string>& field) {
  if (command.count(name) > 0) field = value;
}

Result<IntakeOptions> options_of(const IntakeFlags& flags) {
  IntakeOptions options;
  const std::vector<std::string> existing = {"update", "skip", "fail"};
  if (!flags.on_duplicate.empty()) {
    Result<OnDuplicate> policy = parse_on_duplicate(flags.on_duplicate);
    if (!policy) return policy.status();
    options.on_duplicate = *policy;
  }
  if (!flags.on_existing.empty()) {
    auto it = std::find(existing.begin(), existing.end(), flags.on_existing);
    if (it == existing.end())
      return Status::usage(trf("--on-existing: '{}' is not one of update, skip, fail{}", flags.on_existing,
                               text::did_you_mean(flags.on_existing, existing)));
    options.on_existing = static_cast<OnExisting>(it - existing.begin());
  }
  return options;
}

// One intake from flags: prints the new case id (or, when skipped as a duplicate, the existing one).
Status intake_one(Context& context, const IntakeRequest& request, const IntakeOptions& options, bool dry_run) {
  Result<IntakeResult> registered = intake_case(*context.store, context.config, context.change, request, options, dry_run);
  if (!registered) return registered.status();
  const IntakeResult& result = *registered;
  std::fprintf(context.out, "%s\n", result.case_id.c_str());
  if (dry_run)
    fmt::print(context.err, "casectl: {}\n",
               result.fate == IntakeFate::created   ? trf("dry run, nothing written: would have registered {}", result.case_id)
               : result.fate == IntakeFate::skipped ? trf("dry run, nothing written: would have skipped {}", result.case_id)
               : result.fate == IntakeFate::updated
                   ? trf("dry run, nothing written: would have updated {}", result.case_id)
                   : trf("dry run, nothing written: would have left unchanged {}", result.case_id));
  else if (result.fate == IntakeFate::skipped && !result.duplicates.empty())
    fmt::print(
        context.err, "casectl: {}\n",
        trf("not registered: likely a duplicate of {} ({})", result.case_id.c_str(), result.duplicates.front().reason.c_str()));
  else if (result.fate != IntakeFate::created)
    fmt::print(context.err, "casectl: {}\n",
               result.fate == IntakeFate::skipped   ? trf("skipped case {}", result.case_id)
               : result.fate == IntakeFate::updated ? trf("updated case {}", result.case_id)
                                                    : trf("left unchanged case {}", result.case_id));
  else if (context.err_is_terminal) fmt::print(context.err, "casectl: {}\n", trf("registered {}", result.case_id.c_str()));
  for (const DuplicateMatch& m : result.duplicates)
    if (result.fate == IntakeFate::created)
      fmt::print(context.err, "casectl: {}\n",
                 trf("linked to {} as a possible duplicate ({})", m.case_id.c_str(), m.reason.c_str()));
  return Status::ok();
}

// What became of one record of a bulk intake, on stderr: why it was rejected, which case it
// duplicates, which it was linked to.
void print_record_fate(Context& context, const std::string& shown, const IntakeRecord& record, const IntakeResult& result) {
  for (const std::string& warning : record.warnings)
    fmt::print(context.err, "casectl: warning: {}\n",
               trf("{}: record {} (line {}): {}", shown.c_str(), record.number, record.line, warning.c_str()));
  if (result.fate == IntakeFate::rejected)
    for (const std::string& line : result.problems.empty() ? std::vector<std::string>{result.status.message()} : result.problems)
      fmt::print(context.err, "casectl: error: {}\n",
                 trf("{}: record {} (line {}): {}", shown.c_str(), record.number, record.line, line.c_str()));
  if (result.fate == IntakeFate::skipped && !result.duplicates.empty())
    fmt::print(context.err, "casectl: {}\n",
               trf("{}: record {} (line {}): skipped, likely a duplicate of {} ({})", shown.c_str(), record.number, record.line,
                   result.case_id.c_str(), result.duplicates.front().reason.c_str()));
  if (result.fate == IntakeFate::created)
    for (const DuplicateMatch& m : result.duplicates)
      fmt::print(context.err, "casectl: {}\n",
                 trf("{}: record {} (line {}): {} linked to {} as a possible duplicate ({})", shown.c_str(), record.number,
                     record.line, result.case_id.c_str(), m.case_id.c_str(), m.reason.c_str()));
}

// Bulk intake from a CSV or NDJSON file: one transaction, all or nothing unless --errors.
Status intake_many(Context& context, const IntakeFlags& flags, const IntakeOptions& options) {
  std::string shown = flags.from == "-" ? "stdin" : flags.from;
  int fd = flags.from == "-" ? STDIN_FILENO : ::open(flags.from.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::unreadable(trf("cannot read {}: {}", flags.from, std::strerror(errno)));
  // Its reads fail loudly (std::cin's would look like the end of the input).
  files::InputBuffer input_buffer(fd, fd != STDIN_FILENO);
  std::istream input(&input_buffer);
  std::istream* in = &input;
  InputFormat format = InputFormat::csv;
  if (!flags.input_format.empty()) {
    Result<InputFormat> named = input_format_named(flags.input_format);
    if (!named) return named.status();
    format = *named;
  } else if (flags.from == "-") {
    int first = in->peek();
    format = first == '{' ? InputFormat::ndjson : InputFormat::csv;
  } else {
    Result<InputFormat> guessed = input_format_of_file(flags.from);
    if (!guessed) return guessed.status();
    format = *guessed;
  }
  InputLimits limits;
  limits.max_field_bytes = context.config.input_max_field_bytes;
  limits.max_record_bytes = context.config.input_max_record_bytes;
  limits.field_limit_name = "input.max_field_bytes";
  limits.record_limit_name = "input.max_record_bytes";
  Result<encoding::Encoding> from_encoding = encoding::encoding_named(flags.encoding);
  if (!from_encoding) return from_encoding.status();
  std::unique_ptr<IntakeRecordReader> reader = make_record_reader(format, *in, limits, *from_encoding);

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> ids(std::tmpfile(), &std::fclose);
  if (!ids) return Status::internal(trf("cannot make a temporary file: {}", std::strerror(errno)));
  BulkIntakeOptions bulk;
  bulk.intake = options;
  bulk.source_name = shown;
  bulk.format = format;
  bulk.errors_file = flags.errors_file;
  bulk.dry_run = flags.dry_run;
  struct stat file {};
  long long size = ::fstat(fd, &file) == 0 && S_ISREG(file.st_mode) ? static_cast<long long>(file.st_size) : 0;
  Progress progress(context.err, context.err_is_terminal, "records", size);
  bulk.all_read = [&] { progress.say(flags.dry_run ? "checking…" : "committing…"); };
  auto each = [&](const IntakeRecord& record, const IntakeResult& result) {
    if (result.fate == IntakeFate::rejected) progress.clear(); // its message follows
    print_record_fate(context, shown, record, result);
    if (result.fate != IntakeFate::rejected) std::fprintf(ids.get(), "%s\n", result.case_id.c_str());
    // The descriptor's offset is what has been read into the buffer: the share of the file, near enough.
    off_t read = size > 0 ? ::lseek(fd, 0, SEEK_CUR) : 0;
    progress.update(static_cast<long long>(record.number), read > 0 ? static_cast<long long>(read) : 0);
  };
  Result<BulkTally> counted = intake_records(*context.store, context.config, context.change, *reader, bulk, each);
  progress.clear();
  if (!counted) return counted.status();
  const BulkTally& tally = *counted;
  bool rehearsal_failed = flags.dry_run && tally.rejected > 0; // then no ids: the run as a whole would fail
  std::rewind(ids.get());
  char buffer[1 << 14];
  for (std::size_t n; !rehearsal_failed && (n = std::fread(buffer, 1, sizeof buffer, ids.get())) > 0;)
    if (std::fwrite(buffer, 1, n, context.out) != n) {
      if (errno == EPIPE) return Status::broken_pipe();
      return Status::internal(
          trf("the records were written to the store, but printing their case ids failed: {}", std::strerror(errno)));
    }
  std::string said = trf("{}: {} created, {} updated, {} unchanged, {} skipped, {} rejected", shown, tally.created, tally.updated,
                         tally.unchanged, tally.skipped, tally.rejected);
  if (flags.dry_run) said = tr("dry run, nothing written: ") + said;
  if (!bulk.errors_file.empty() && !flags.dry_run && tally.rejected) said += trf(" (written to {})", flags.errors_file);
  fmt::print(context.err, "casectl: {}\n", said);
  if (flags.dry_run && tally.rejected > 0) return rejected_records(tally, shown, true);
  return Status::ok();
}

} // namespace

void define_intake(CLI::App& command, Handler& handler) {
  auto flags = std::make_shared<IntakeFlags>();
  IntakeRequest& r = flags->request;
  command.add_option("--name", r.name, "The family's or the person's name (required without --from)");
  command.add_option("--kind", flags->kind, "family or person (default: intake.kind, family)");
  command.add_option("--member", r.members,
                     "A household member: \"NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE\" (repeatable; all but the name "
                     "optional; NATIONAL_ID an ИИН or СНИЛС)");
  command.add_option("--district", flags->district, "District (one of the config's districts when it lists them)");
  command.add_option("--address", flags->address, "Address");
  command.add_option("--phone", flags->phone, "Contact phone");
  command.add_option("--source", flags->source,
                     "How the case came in: self, referral, hotline, school, police, ... (default: self)");
  command.add_option("--referrer", flags->referrer, "The referring agency or person");
  command.add_option("--group", r.groups, "Target group, e.g. large-family (repeatable)");
  command.add_option("--problem", r.problems, "A presenting problem, in plain words (repeatable)");
  command.add_option("--urgency", flags->urgency, "emergency, urgent or routine (default: routine)");
  command.add_option("--consent", flags->consent, "Consent to personal-data processing: yes or no (default: no)");
  command.add_option("--external-id", flags->external_id, "The case's id in another system");
  command.add_option("--note", flags->note, "A note");
  command.add_option("--opened", flags->opened,
                     "Date the signal came in: 2026-11-05, 5.11.2026, 05/11/2026, yesterday, -3d (default: today)");
  command.add_flag("--consultation", r.consultation, "Record a consultation only, not a full case");
  command.add_option("--from", flags->from, "Read records from a CSV or NDJSON file ('-' for stdin)")->group("Bulk intake");
  command.add_option("--input-format", flags->input_format, "csv or ndjson (default: from the file's extension)")
      ->group("Bulk intake");
  command.add_option("--errors", flags->errors_file, "Write rejected records to FILE and import the good ones")
      ->group("Bulk intake");
  // Checked while parsing, so that a misspelled encoding stops the command before the store opens.
  CLI::Validator encoding_check(
      [](std::string& value) {
        Result<encoding::Encoding> named = encoding::encoding_named(value, ""); // CLI11 names the option
        return named ? std::string() : named.status().message();
      },
      "ENCODING");
  command
      .add_option("--encoding", flags->encoding,
                  "The file's encoding: utf-8 (the default), cp1251 (what Excel in a Russian locale saves as CSV), "
                  "kz1048 (Kazakh letters too)")
      ->check(encoding_check)
      ->group("Bulk intake");
  command
      .add_option("--on-existing", flags->on_existing,
                  "A record whose external_id is in the store: update, skip, fail (default: update with --from, fail without)")
      ->group("Bulk intake");
  command.add_option("--on-duplicate", flags->on_duplicate,
                     "A likely duplicate of an open case: fail (default), skip, link, allow");
  command.add_flag("--dry-run", flags->dry_run, "Check everything and say what would happen; write nothing");
  command.footer("Prints the new case id alone on stdout, so that id=$(casectl intake ...) works.\n"
                 "With --from, prints one case id per record and a summary on stderr.");

  handler = [flags, &command](Context& context) -> Status {
    Result<IntakeOptions> options = options_of(*flags);
    if (!options) return options.status();
    if (!flags->from.empty()) {
      for (const char* single :
           {"--name", "--kind", "--member", "--district", "--address", "--phone", "--source", "--referrer", "--group",
            "--problem", "--urgency", "--consent", "--external-id", "--note", "--opened", "--consultation"})
        if (command.count(single) > 0)
          return Status::usage(trf("{} cannot be combined with --from: the file gives the fields", single));
      return intake_many(context, *flags, *options);
    }
    if (command.count("--name") == 0)
      return Status::usage(tr("--name is required (or --from FILE for many records); see 'casectl intake --help'"));
    for (const char* bulk : {"--input-format", "--errors", "--encoding"})
      if (command.count(bulk) > 0) return Status::usage(trf("{} needs --from FILE", bulk));
    // One record from flags registers something new: an external id already in the store is
    // refused unless --on-existing says otherwise.
    if (flags->on_existing.empty()) options->on_existing = OnExisting::fail;
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
    return intake_one(context, request, *options, flags->dry_run);
  };
}

} // namespace casectl::cli
