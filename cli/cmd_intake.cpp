#include "commands.hpp"

#include "cases/intake.hpp"
#include "cases/intake_records.hpp"
#include "util/csv.hpp"
#include "util/files.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fcntl.h>
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
  std::string on_duplicate, on_existing;
  bool dry_run = false;
};

void take(const CLI::App& command, const char* name, const std::string& value, std::optional<std::string>& field) {
  if (command.count(name) > 0) field = value;
}

Result<IntakeOptions> options_of(const IntakeFlags& flags) {
  IntakeOptions options;
  const std::vector<std::string> duplicates = {"fail", "skip", "link", "allow"};
  const std::vector<std::string> existing = {"update", "skip", "fail"};
  if (!flags.on_duplicate.empty()) {
    auto it = std::find(duplicates.begin(), duplicates.end(), flags.on_duplicate);
    if (it == duplicates.end())
      return Status::usage(fmt::format("--on-duplicate: '{}' is not one of fail, skip, link, allow{}", flags.on_duplicate,
                                       text::did_you_mean(flags.on_duplicate, duplicates)));
    options.on_duplicate = static_cast<OnDuplicate>(it - duplicates.begin());
  }
  if (!flags.on_existing.empty()) {
    auto it = std::find(existing.begin(), existing.end(), flags.on_existing);
    if (it == existing.end())
      return Status::usage(fmt::format("--on-existing: '{}' is not one of update, skip, fail{}", flags.on_existing,
                                       text::did_you_mean(flags.on_existing, existing)));
    options.on_existing = static_cast<OnExisting>(it - existing.begin());
  }
  return options;
}

// One intake from flags: prints the new case id (or, when skipped as a duplicate, the existing one).
Status intake_one(Context& context, const IntakeRequest& request, const IntakeOptions& options, bool dry_run) {
  RecordResult result;
  Status status = context.store->write(
      [&]() -> Status {
        IntakeSession session(*context.store, context.config, context.change, options);
        Result<RecordResult> added = session.add(request);
        if (!added) return added.status();
        result = std::move(*added);
        if (result.outcome != Outcome::rejected) return Status::ok();
        if (!result.problems.empty())
          return Status::invalid("the case was not registered:\n  " + text::join(result.problems, "\n  "));
        return result.status;
      },
      dry_run);
  if (!status) return status;
  std::fprintf(context.out, "%s\n", result.case_id.c_str());
  const char* what = result.outcome == Outcome::created   ? "registered"
                     : result.outcome == Outcome::skipped ? "skipped"
                     : result.outcome == Outcome::updated ? "updated"
                                                          : "left unchanged";
  if (dry_run) std::fprintf(context.err, "casectl: dry run, nothing written: would have %s %s\n", what, result.case_id.c_str());
  else if (result.outcome == Outcome::skipped && !result.duplicates.empty())
    std::fprintf(context.err, "casectl: not registered: likely a duplicate of %s (%s)\n", result.case_id.c_str(),
                 result.duplicates.front().reason.c_str());
  else if (result.outcome != Outcome::created) std::fprintf(context.err, "casectl: %s case %s\n", what, result.case_id.c_str());
  else if (context.err_is_terminal) std::fprintf(context.err, "casectl: registered %s\n", result.case_id.c_str());
  for (const DuplicateMatch& m : result.duplicates)
    if (result.outcome == Outcome::created)
      std::fprintf(context.err, "casectl: linked to %s as a possible duplicate (%s)\n", m.case_id.c_str(), m.reason.c_str());
  return Status::ok();
}

// The file a bulk intake writes its rejected records to, in the input's own format. It holds
// personal data, like the store: written to a private temporary file (0600) and renamed over the
// path only when the run succeeded (commit), never through a symbolic link.
class ErrorsFile {
 public:
  Status open(const std::string& path, const IntakeRecordReader& reader, InputFormat format, bool guard_formulas) {
    m_format = format;
    m_guard_formulas = guard_formulas;
    Status opened = m_out.open(path);
    if (!opened) return opened.with_message("the errors file: " + opened.message());
    m_delimiter = reader.delimiter() ? reader.delimiter() : ',';
    if (format == InputFormat::csv) m_out.write("\xEF\xBB\xBF"); // so that a spreadsheet reads it as UTF-8
    return Status::ok();
  }
  bool is_open() const { return m_out.is_open(); }
  // True once commit() renamed the file into place.
  bool written() const { return m_written; }
  // Before the store commits: a full disk must roll the run back, not lose the rejected records.
  Status flush() { return m_out.flush(); }
  Status commit() {
    CASECTL_TRY(m_out.commit());
    m_written = true;
    return Status::ok();
  }

  // False once a write failed (disk full, ...): the rejected records would be lost.
  bool write(const IntakeRecordReader& reader, const IntakeRecord& record, const std::string& error) {
    if (m_format == InputFormat::ndjson) {
      // Parsed again only when safe to print: nlohmann::json prints recursively.
      Record object =
          json_nesting_within(record.json_line, k_max_json_depth) ? Record::parse(record.json_line, nullptr, false) : Record();
      if (!object.is_object()) object = Record{{"record", record.json_line}};
      object["error"] = error;
      return m_out.write(object.dump(-1, ' ', false, Record::error_handler_t::replace) + "\n");
    }
    if (!m_header_written) {
      std::vector<std::string> header = reader.header();
      if (std::find(header.begin(), header.end(), "error") == header.end()) header.push_back("error");
      if (!write_row(header)) return false;
      m_header_written = true;
      m_error_column = std::find(header.begin(), header.end(), "error") - header.begin();
    }
    std::vector<std::string> fields = record.csv_fields;
    if (fields.size() > m_error_column + 1 || (fields.size() == m_error_column + 1 && !fields.back().empty())) {
      fields.push_back(error); // a record longer than the header: keep every cell it had
    } else {
      fields.resize(m_error_column + 1);
      fields[m_error_column] = error;
    }
    return write_row(fields);
  }

 private:
  bool write_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) row += m_delimiter;
      // A spreadsheet opens this file: a cell such as =HYPERLINK(...) must show as text.
      std::string cell = csv::cell(fields[i], m_guard_formulas);
      // csv::cell quotes for commas; with another delimiter, quote for that too.
      if (m_delimiter != ',' && cell.find(m_delimiter) != std::string::npos && cell.front() != '"') cell = "\"" + cell + "\"";
      row += cell;
    }
    row += "\r\n";
    return m_out.write(row);
  }
  InputFormat m_format = InputFormat::csv;
  files::AtomicOutput m_out;
  bool m_guard_formulas = true;
  bool m_written = false;
  char m_delimiter = ',';
  bool m_header_written = false;
  std::size_t m_error_column = 0;
};

struct Tally {
  std::size_t created = 0, updated = 0, unchanged = 0, skipped = 0, rejected = 0, invalid = 0;
};

// Bulk intake from a CSV or NDJSON file: one transaction, all or nothing unless --errors.
Status intake_many(Context& context, const IntakeFlags& flags, const IntakeOptions& options) {
  std::string shown = flags.from == "-" ? "stdin" : flags.from;
  int fd = flags.from == "-" ? STDIN_FILENO : ::open(flags.from.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::unreadable(fmt::format("cannot read {}: {}", flags.from, std::strerror(errno)));
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
  std::unique_ptr<IntakeRecordReader> reader = make_record_reader(format, *in, limits);

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> ids(std::tmpfile(), &std::fclose);
  if (!ids) return Status::internal(fmt::format("cannot make a temporary file: {}", std::strerror(errno)));
  ErrorsFile errors;
  Tally tally;
  auto report = [&](const IntakeRecord& record, const std::string& text) {
    std::fprintf(context.err, "casectl: error: %s: record %zu (line %zu): %s\n", shown.c_str(), record.number, record.line,
                 text.c_str());
  };

  Status status = context.store->write(
      [&]() -> Status {
        IntakeSession session(*context.store, context.config, context.change, options);
        session.defer_search_index();
        IntakeRecord record;
        for (;;) {
          Result<bool> more = reader->next(record);
          if (!more)
            return more.status().with_message(fmt::format("{}: {}; nothing was written", shown, more.status().message()));
          if (!*more) break;
          if (!flags.errors_file.empty() && !flags.dry_run && !errors.is_open())
            CASECTL_TRY(errors.open(flags.errors_file, *reader, format, context.config.csv_guard_formulas));
          RecordResult result;
          if (!record.problems.empty()) {
            result.status = Status::invalid(text::join(record.problems, "; "));
            result.problems = record.problems;
          } else {
            Result<RecordResult> added = session.add(record.request);
            if (!added) return added.status();
            result = std::move(*added);
          }
          switch (result.outcome) {
          case Outcome::created: ++tally.created; break;
          case Outcome::updated: ++tally.updated; break;
          case Outcome::unchanged: ++tally.unchanged; break;
          case Outcome::skipped: ++tally.skipped; break;
          case Outcome::rejected:
            ++tally.rejected;
            if (result.status.kind() == ErrorKind::invalid_input) ++tally.invalid;
            for (const std::string& line :
                 result.problems.empty() ? std::vector<std::string>{result.status.message()} : result.problems)
              report(record, line);
            if (errors.is_open()) {
              if (!errors.write(*reader, record, result.status.message()))
                return Status::cannot_write(fmt::format("cannot write the errors file {}: {}; nothing was written",
                                                        flags.errors_file, std::strerror(errno)));
            }
            continue;
          }
          if (result.outcome == Outcome::skipped && !result.duplicates.empty())
            std::fprintf(context.err, "casectl: %s: record %zu (line %zu): skipped, likely a duplicate of %s (%s)\n",
                         shown.c_str(), record.number, record.line, result.case_id.c_str(),
                         result.duplicates.front().reason.c_str());
          if (result.outcome == Outcome::created)
            for (const DuplicateMatch& m : result.duplicates)
              std::fprintf(context.err, "casectl: %s: record %zu (line %zu): %s linked to %s as a possible duplicate (%s)\n",
                           shown.c_str(), record.number, record.line, result.case_id.c_str(), m.case_id.c_str(),
                           m.reason.c_str());
          std::fprintf(ids.get(), "%s\n", result.case_id.c_str());
          if (context.err_is_terminal && record.number % 1000 == 0)
            std::fprintf(context.err, "\rcasectl: %zu records read", record.number);
        }
        if (context.err_is_terminal && tally.created + tally.updated + tally.unchanged + tally.skipped + tally.rejected >= 1000)
          std::fputs("\r\x1b[K", context.err);
        if (tally.rejected > 0 && !errors.is_open() && !flags.dry_run) {
          std::string message =
              fmt::format("{}: {} record{} rejected, so nothing was written; fix {}, or add --errors FILE to import the good "
                          "records and set the bad ones aside",
                          shown, tally.rejected, tally.rejected == 1 ? "" : "s", tally.rejected == 1 ? "it" : "them");
          return tally.invalid > 0 ? Status::invalid(message) : Status::conflict(message);
        }
        if (errors.is_open()) {
          Status flushed = errors.flush();
          if (!flushed) return flushed.with_message(fmt::format("the errors file: {}; nothing was written", flushed.message()));
        }
        return session.finish();
      },
      flags.dry_run);
  if (!status) return status;
  if (errors.is_open()) {
    Status committed = errors.commit();
    if (!committed)
      return committed.with_message(fmt::format("the records were written to the store, but the rejected ones could not "
                                                "be set aside: {}",
                                                committed.message()));
  }
  bool rehearsal_failed = flags.dry_run && tally.rejected > 0; // then no ids: the run as a whole would fail
  std::rewind(ids.get());
  char buffer[1 << 14];
  for (std::size_t n; !rehearsal_failed && (n = std::fread(buffer, 1, sizeof buffer, ids.get())) > 0;)
    if (std::fwrite(buffer, 1, n, context.out) != n) {
      if (errno == EPIPE) return Status::broken_pipe();
      return Status::internal(
          fmt::format("the records were written to the store, but printing their case ids failed: {}", std::strerror(errno)));
    }
  std::fprintf(context.err, "casectl: %s%s: %zu created, %zu updated, %zu unchanged, %zu skipped, %zu rejected%s\n",
               flags.dry_run ? "dry run, nothing written: " : "", shown.c_str(), tally.created, tally.updated, tally.unchanged,
               tally.skipped, tally.rejected,
               errors.written() && tally.rejected ? fmt::format(" (written to {})", flags.errors_file).c_str() : "");
  if (flags.dry_run && tally.rejected > 0)
    return tally.invalid > 0 ? Status::invalid(fmt::format("{}: {} record(s) would be rejected", shown, tally.rejected))
                             : Status::conflict(fmt::format("{}: {} record(s) would be rejected", shown, tally.rejected));
  return Status::ok();
}

} // namespace

void define_intake(CLI::App& command, Handler& handler) {
  auto flags = std::make_shared<IntakeFlags>();
  IntakeRequest& r = flags->request;
  command.add_option("--name", r.name, "The family's or the person's name (required without --from)");
  command.add_option("--kind", flags->kind, "family or person (default: intake.kind, family)");
  command.add_option("--member", r.members, "A household member: \"NAME;ROLE;BIRTHDATE\" (repeatable; role and date optional)");
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
  command.add_option("--opened", flags->opened, "Date the signal came in: YYYY-MM-DD or DD.MM.YYYY (default: today)");
  command.add_flag("--consultation", r.consultation, "Record a consultation only, not a full case");
  command.add_option("--from", flags->from, "Read records from a CSV or NDJSON file ('-' for stdin)")->group("Bulk intake");
  command.add_option("--input-format", flags->input_format, "csv or ndjson (default: from the file's extension)")
      ->group("Bulk intake");
  command.add_option("--errors", flags->errors_file, "Write rejected records to FILE and import the good ones")
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
          return Status::usage(fmt::format("{} cannot be combined with --from: the file gives the fields", single));
      return intake_many(context, *flags, *options);
    }
    if (command.count("--name") == 0)
      return Status::usage("--name is required (or --from FILE for many records); see 'casectl intake --help'");
    for (const char* bulk : {"--input-format", "--errors"})
      if (command.count(bulk) > 0) return Status::usage(fmt::format("{} needs --from FILE", bulk));
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
