#include "cases/bulk_intake.hpp"

#include "output/records.hpp"
#include "util/csv.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace casectl {

namespace {

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
    if (format == InputFormat::csv) m_out.write(std::string(csv::k_utf8_bom)); // so that a spreadsheet reads it as UTF-8
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
      row += csv::cell(fields[i], m_guard_formulas, m_delimiter);
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

void count(BulkTally& tally, const IntakeResult& result) {
  switch (result.fate) {
  case IntakeFate::created: ++tally.created; break;
  case IntakeFate::updated: ++tally.updated; break;
  case IntakeFate::unchanged: ++tally.unchanged; break;
  case IntakeFate::skipped: ++tally.skipped; break;
  case IntakeFate::rejected:
    ++tally.rejected;
    if (result.status.kind() == ErrorKind::invalid_input) ++tally.invalid;
    break;
  }
}

// What became of a record: a record the reader could not read whole is rejected as it is.
Result<IntakeResult> take_record(IntakeSession& session, const IntakeRecord& record) {
  if (record.problems.empty()) return session.add(record.request);
  IntakeResult result;
  result.status = Status::invalid(text::join(record.problems, "; "));
  result.problems = record.problems;
  return result;
}

} // namespace

Status rejected_records(const BulkTally& tally, const std::string& source_name, bool dry_run) {
  std::string message =
      dry_run ? fmt::format("{}: {} record(s) would be rejected", source_name, tally.rejected)
              : fmt::format("{}: {} record{} rejected, so nothing was written; fix {}, or add --errors FILE to import the "
                            "good records and set the bad ones aside",
                            source_name, tally.rejected, tally.rejected == 1 ? "" : "s", tally.rejected == 1 ? "it" : "them");
  return tally.invalid > 0 ? Status::invalid(message) : Status::conflict(message);
}

Result<BulkTally> intake_records(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                 IntakeRecordReader& reader, const BulkIntakeOptions& options,
                                 const std::function<void(const IntakeRecord&, const IntakeResult&)>& each) {
  const std::string& shown = options.source_name;
  const bool set_aside = !options.errors_file.empty() && !options.dry_run;
  ErrorsFile errors;
  BulkTally tally;
  Status status = store.write(
      [&]() -> Status {
        IntakeSession session(store, config, context, options.intake);
        CASECTL_TRY(session.defer_search_index());
        IntakeRecord record;
        for (;;) {
          Result<bool> more = reader.next(record);
          if (!more) return more.status().with_message(trf("{}: {}; nothing was written", shown, more.status().message()));
          if (!*more) break;
          if (set_aside && !errors.is_open())
            CASECTL_TRY(errors.open(options.errors_file, reader, options.format, config.csv_guard_formulas));
          Result<IntakeResult> result = take_record(session, record);
          if (!result) return result.status();
          count(tally, *result);
          each(record, *result);
          if (result->fate == IntakeFate::rejected && errors.is_open() && !errors.write(reader, record, result->status.message()))
            return Status::cannot_write(
                trf("cannot write the errors file {}: {}; nothing was written", options.errors_file, std::strerror(errno)));
        }
        if (options.all_read) options.all_read();
        if (tally.rejected > 0 && !set_aside && !options.dry_run) return rejected_records(tally, shown, false);
        if (errors.is_open()) {
          Status flushed = errors.flush();
          if (!flushed) return flushed.with_message(trf("the errors file: {}; nothing was written", flushed.message()));
        }
        return session.finish();
      },
      options.dry_run);
  if (!status) return status;
  if (errors.is_open()) {
    Status committed = errors.commit();
    if (!committed)
      return committed.with_message(trf("the records were written to the store, but the rejected ones could not "
                                        "be set aside: {}",
                                        committed.message()));
  }
  return tally;
}

} // namespace casectl
