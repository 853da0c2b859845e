// Reading intake records from other systems' exports: CSV and NDJSON, one record at a time.
//
// Columns (CSV) and keys (NDJSON) are the case's JSON field names:
//   external_id, kind, name, district, address, phone, source, referrer, urgency, groups,
//   problems, consent, note, opened, members, consultation
// In CSV, several groups or problems are separated by ';', members by '|' (each
// "NAME;ROLE;BIRTHDATE"); an empty cell means "not given". In NDJSON, groups and problems are
// arrays of strings (or one ';'-separated string), members an array of {name, role, birth_date}
// objects (or "NAME;ROLE;BIRTHDATE" strings), consent and consultation true/false or text.
// A column or key named "error" is ignored, so that a file written by --errors can be fixed and
// read again.
#pragma once

#include "cases/intake.hpp"
#include "util/csv_reader.hpp"
#include "util/status.hpp"

#include <istream>
#include <memory>
#include <string>
#include <vector>

namespace casectl {

enum class InputFormat { csv, ndjson };

// "csv" or "ndjson"; from a file name by its extension (.csv, .tsv, .txt -> csv; .ndjson, .jsonl,
// .json -> ndjson). Fails with Status::usage when neither says.
Result<InputFormat> input_format_named(const std::string& name);
Result<InputFormat> input_format_of_file(const std::string& path);

// One record read, with where it came from and its raw text for an errors file.
struct IntakeRecord {
  std::size_t number = 0; // 1 for the first record (the CSV header is not a record)
  std::size_t line = 0;   // the line on which it starts
  IntakeRequest request;
  std::vector<std::string> problems;   // fields that could not be read (wrong JSON type, ...)
  std::vector<std::string> csv_fields; // CSV: the record's cells as read
  std::string json_line;               // NDJSON: the line as read
};

class IntakeRecordReader {
public:
  virtual ~IntakeRecordReader() = default;
  // Reads the next record; false at the end. Fails with Status::invalid when the input cannot be
  // read on (a CSV header naming an unknown column, an unclosed quote): the message has the line.
  virtual Result<bool> next(IntakeRecord& record) = 0;
  // CSV: the header as read (for an errors file); empty for NDJSON.
  virtual const std::vector<std::string>& header() const = 0;
  virtual char delimiter() const = 0;
};

std::unique_ptr<IntakeRecordReader> make_record_reader(InputFormat format, std::istream& in);

// The field names records may carry, in the order the docs list them.
const std::vector<std::string>& intake_fields();

} // namespace casectl
