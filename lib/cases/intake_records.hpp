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
//
// Hostile input is refused, never half read:
// - A NUL byte anywhere, a record longer than `InputLimits::max_record_bytes` (8 MiB by default,
//   the config's input.max_record_bytes) or a field longer than `max_field_bytes` (1 MiB,
//   input.max_field_bytes) ends the reading with Status::invalid naming the record and line; the
//   reader stops at the limit instead of reading the whole line first.
// - A stream that fails to read is Status::unreadable, never the end of the input.
// - NDJSON: a record nested deeper than k_max_json_depth is a problem of that record (it is not
//   parsed). A number is kept as its exact digits when it is a whole number from -2^63 to
//   2^64-1 (so an external_id 18446744073709551615 stays that text, an identifier); any other
//   number (a fraction, an exponent, more digits) is a problem of the record: "write it in quotes".
//
// Encodings (`encoding`, the option --encoding): every field (CSV) or line (NDJSON) is turned
// into UTF-8 from the encoding given. With UTF-8, a field that is not valid UTF-8 is a problem of
// its record naming the field and the byte, with the hint that a file saved by Excel in a
// Russian locale is in Windows-1251; with another encoding, a byte that is not one of its
// characters is. After a cp1251 read, a name (the name, or a member's) holding '?' gets a
// warning: CP1251 has no Kazakh letters, and Excel writes '?' for them.
#pragma once

#include "cases/intake.hpp"
#include "util/csv_reader.hpp"
#include "util/encoding.hpp"
#include "util/status.hpp"

#include <istream>
#include <memory>
#include <string>
#include <string_view>
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
  std::vector<std::string> warnings;   // read, but maybe not as meant (a '?' where CP1251 lost a letter)
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

// Limits on one record (see above).
using InputLimits = csv::Limits;

// How deep arrays and objects may nest in one NDJSON record.
constexpr std::size_t k_max_json_depth = 64;

// Whether the brackets of the JSON `text` nest no deeper than `max_depth` (strings skipped).
// Counts without parsing, so it is safe on any text: check it before parsing or printing JSON
// of unknown origin (nlohmann::json prints recursively).
bool json_nesting_within(std::string_view text, std::size_t max_depth);

// When this system's iconv lacks `encoding`, the first next() fails with Status::internal.
std::unique_ptr<IntakeRecordReader> make_record_reader(InputFormat format, std::istream& in, InputLimits limits = {},
                                                       encoding::Encoding encoding = encoding::Encoding::utf8);

// The field names records may carry, in the order the docs list them.
const std::vector<std::string>& intake_fields();

} // namespace casectl
