#include "cases/intake_records.hpp"

#include "output/records.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

namespace casectl {

const std::vector<std::string>& intake_fields() {
  static const std::vector<std::string> fields = {"external_id", "kind",     "name",    "district",    "address",  "phone",
                                                  "source",      "referrer", "urgency", "groups",      "problems", "consent",
                                                  "note",        "opened",   "members", "consultation"};
  return fields;
}

Result<InputFormat> input_format_named(const std::string& name) {
  if (name == "csv") return InputFormat::csv;
  if (name == "ndjson") return InputFormat::ndjson;
  return Status::usage(trf("unknown input format '{}'{}; use csv or ndjson", name, text::did_you_mean(name, {"csv", "ndjson"})));
}

Result<InputFormat> input_format_of_file(const std::string& path) {
  std::string lower = text::casefold(path);
  auto ends_with = [&](const char* suffix) {
    std::string s(suffix);
    return lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with(".csv") || ends_with(".tsv") || ends_with(".txt")) return InputFormat::csv;
  if (ends_with(".ndjson") || ends_with(".jsonl") || ends_with(".json")) return InputFormat::ndjson;
  return Status::usage(trf("cannot tell the format of '{}' from its name; add --input-format csv or ndjson", path));
}

namespace {

std::vector<std::string> split_nonempty(const std::string& joined, char separator) {
  std::vector<std::string> out;
  for (const std::string& part : text::split(joined, separator))
    if (!text::trim(part).empty()) out.push_back(text::trim(part));
  return out;
}

// Sets one field of `r` from text. Returns false when `field` is not a field records may carry.
bool set_field(IntakeRequest& r, const std::string& field, const std::string& value) {
  if (field == "name") r.name = value;
  else if (field == "kind") r.kind = value;
  else if (field == "district") r.district = value;
  else if (field == "address") r.address = value;
  else if (field == "phone") r.phone = value;
  else if (field == "source") r.source = value;
  else if (field == "referrer") r.referrer = value;
  else if (field == "urgency") r.urgency = value;
  else if (field == "consent") r.consent = value;
  else if (field == "external_id") r.external_id = value;
  else if (field == "note") r.note = value;
  else if (field == "opened") r.opened = value;
  else if (field == "groups") r.groups = split_nonempty(value, ';');
  else if (field == "problems") r.problems = split_nonempty(value, ';');
  else if (field == "members") r.members = split_nonempty(value, '|');
  else if (field == "consultation") r.consultation = parse_yes_no(value).value_or(false);
  else return false;
  return true;
}

// The problem with a consultation value, or "" when it is a yes or a no.
std::string consultation_problem(const std::string& value) {
  return parse_yes_no(value) ? "" : fmt::format("consultation: '{}' is neither yes nor no", value);
}

// "line 7: ..." of the CSV reader as "record 6 (line 7): ...".
Status with_record_number(const Status& status, std::size_t number) {
  // The reader's message is trf("line {}: {}", LINE, WHAT) in the message language: read LINE and
  // WHAT back through that same format.
  const std::string& message = status.message();
  const std::string format = tr("line {}: {}");
  std::size_t first = format.find("{}"), second = format.find("{}", first == std::string::npos ? 0 : first + 2);
  if (first == std::string::npos || second == std::string::npos) return status;
  const std::string before = format.substr(0, first), between = format.substr(first + 2, second - first - 2),
                    after = format.substr(second + 2);
  if (message.rfind(before, 0) != 0) return status;
  std::size_t digits_end = before.size();
  while (digits_end < message.size() && std::isdigit(static_cast<unsigned char>(message[digits_end]))) ++digits_end;
  if (digits_end == before.size() || message.compare(digits_end, between.size(), between) != 0) return status;
  std::string what = message.substr(digits_end + between.size());
  if (!after.empty() && what.size() >= after.size() && what.compare(what.size() - after.size(), after.size(), after) == 0)
    what.resize(what.size() - after.size());
  return status.with_message(
      trf("record {} (line {}): {}", number, message.substr(before.size(), digits_end - before.size()), what));
}

// Turns the text a reader read into UTF-8 from the file's encoding (see the header).
class TextDecoder {
 public:
  explicit TextDecoder(encoding::Encoding from) : m_from(from), m_decoder(encoding::Decoder::open(from)) {}

  // Fails when this system's iconv lacks the encoding.
  Status usable() const { return m_decoder ? Status::ok() : m_decoder.status(); }

  // Converts `value` in place. Returns the problem, naming `what` (a field, "the line"), or ""
  // (then `value` is left as it was).
  std::string decode(std::string& value, const std::string& what) {
    Result<std::string> text = m_decoder->to_utf8(value);
    if (text) {
      value = std::move(*text);
      return "";
    }
    if (m_from != encoding::Encoding::utf8) return fmt::format("{}: {}", what, text.status().message());
    return fmt::format("{}: {}; saved by Excel in Windows-1251? try --encoding cp1251 (kz1048 for Kazakh letters)", what,
                       text.status().message());
  }

  // After a CP1251 read, a warning on `record` for each name (the name, a member's) that holds
  // '?': Excel writes it for a letter CP1251 does not have.
  void warn_of_lost_letters(IntakeRecord& record) const {
    if (m_from != encoding::Encoding::cp1251) return;
    auto check = [&](const std::string& name, const std::string& field) {
      if (name.find('?') == std::string::npos) return;
      record.warnings.push_back(trf("{}: '{}' holds '?', which Excel writes for a letter CP1251 does not have "
                                    "(ә ғ қ ң ө ұ ү һ і); save the file in UTF-8 (CSV UTF-8 in Excel), or in KZ-1048 "
                                    "and read it with --encoding kz1048",
                                    field, name));
    };
    check(record.request.name, "name");
    for (std::size_t i = 0; i < record.request.members.size(); ++i) {
      const std::string& member = record.request.members[i];
      check(member.substr(0, member.find(';')), fmt::format("member {}", i + 1));
    }
  }

 private:
  encoding::Encoding m_from;
  Result<encoding::Decoder> m_decoder;
};

class CsvRecordReader : public IntakeRecordReader {
 public:
  CsvRecordReader(std::istream& in, InputLimits limits, encoding::Encoding from)
      : m_csv(in, 0, std::move(limits)), m_decoder(from) {}

  Result<bool> next(IntakeRecord& record) override {
    if (!m_header_read) CASECTL_TRY(read_header());
    std::vector<std::string> fields;
    Result<bool> more = m_csv.next(fields);
    if (!more) return with_record_number(more.status(), m_count + 1);
    if (!*more) return more;
    record = IntakeRecord();
    record.number = ++m_count;
    record.line = m_csv.line();
    if (fields.size() != m_header.size())
      record.problems.push_back(trf("has {} fields, the header has {}", fields.size(), m_header.size()));
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string problem = m_decoder.decode(fields[i], i < m_header.size() ? m_header[i] : fmt::format("field {}", i + 1));
      if (!problem.empty()) record.problems.push_back(problem);
    }
    for (std::size_t i = 0; i < fields.size() && i < m_header.size(); ++i) {
      const std::string& column = m_header[i];
      if (column == "error" || text::trim(fields[i]).empty()) continue;

      if (column == "consultation" && !consultation_problem(fields[i]).empty())
        record.problems.push_back(consultation_problem(fields[i]));
      set_field(record.request, column, fields[i]);
    }
    m_decoder.warn_of_lost_letters(record);
    record.csv_fields = std::move(fields);
    return true;
  }

  const std::vector<std::string>& header() const override { return m_header; }
  char delimiter() const override { return m_csv.delimiter(); }

 private:
  Status read_header() {
    m_header_read = true;
    CASECTL_TRY(m_decoder.usable());
    Result<bool> any = m_csv.next(m_header);
    if (!any) return any.status();
    if (!*any) return Status::invalid(tr("the file is empty; a CSV file starts with a header line naming the columns"));
    std::vector<std::string> seen;
    for (std::string& column : m_header) {
      std::string problem = m_decoder.decode(column, "a column name");
      if (!problem.empty()) return Status::invalid(trf("line {}: {}", m_csv.line(), problem));
      column = text::casefold(text::trim(column));
      const auto& known = intake_fields();
      if (column != "error" && std::find(known.begin(), known.end(), column) == known.end())
        return Status::invalid(trf("line {}: {}", m_csv.line(),
                                   trf("column '{}' is not a case field{}; the columns are: {}", column,
                                       text::did_you_mean(column, known), text::join(known, ", "))));
      if (std::find(seen.begin(), seen.end(), column) != seen.end())
        return Status::invalid(trf("line {}: {}", m_csv.line(), trf("column '{}' appears twice", column)));
      seen.push_back(column);
    }
    if (std::find(m_header.begin(), m_header.end(), "name") == m_header.end() &&
        std::find(m_header.begin(), m_header.end(), "external_id") == m_header.end())
      return Status::invalid(trf("line {}: the header has neither a 'name' nor an 'external_id' column", m_csv.line()));
    return Status::ok();
  }

  csv::Reader m_csv;
  TextDecoder m_decoder;
  std::vector<std::string> m_header;
  bool m_header_read = false;
  std::size_t m_count = 0;
};

// Text of a JSON value that should be a string (whole numbers and booleans are accepted as text,
// a number as its exact digits). Returns the problem, naming it `what`, or "" when `out` is set.
std::string json_text(const Record& value, const std::string& what, std::string& out) {
  if (value.is_string()) out = value.get<std::string>();
  else if (value.is_number_unsigned()) out = std::to_string(value.get<std::uint64_t>());
  else if (value.is_number_integer()) out = std::to_string(value.get<std::int64_t>());
  else if (value.is_boolean()) out = value.get<bool>() ? "yes" : "no";
  else if (value.is_number_float())
    return fmt::format("{}: the number {} cannot be kept exactly (not a whole number from -2^63 to 2^64-1); "
                       "write it in quotes, as text",
                       what, value.dump());
  else return what + ": must be text";
  return "";
}

void read_json_field(IntakeRecord& record, const std::string& key, const Record& value) {
  IntakeRequest& r = record.request;
  if (key == "error" || value.is_null()) return;
  if (key == "groups" || key == "problems" || key == "members") {
    std::vector<std::string>& list = key == "groups" ? r.groups : key == "problems" ? r.problems : r.members;
    if (value.is_string()) {
      set_field(r, key, value.get<std::string>());
      return;
    }
    if (!value.is_array()) {
      record.problems.push_back(key + ": must be a list");
      return;
    }
    for (const Record& item : value) {
      std::string text;
      if (key == "members" && item.is_object()) {
        auto part = [&](const char* name) {
          auto it = item.find(name);
          std::string s;
          if (it == item.end() || it->is_null()) return s;
          std::string problem = json_text(*it, fmt::format("members: {}", name), s);
          if (!problem.empty()) record.problems.push_back(problem);
          // ';' separates a member's parts once they are joined below: refused, not shifted.
          if (problem.empty() && s.find(';') != std::string::npos) {
            record.problems.push_back(
                trf("members: {} '{}' holds ';', which casectl keeps between a member's parts; write it with ',' "
                    "instead",
                    name, s));
            s.clear();
          }
          return s;
        };
        text = part("name") + ";" + part("role") + ";" + part("birth_date") + ";" + part("national_id") + ";" +
               part("lives_elsewhere");
      } else if (item.is_number_float()) {
        record.problems.push_back(json_text(item, key, text));
        return;
      } else if (!json_text(item, key, text).empty()) {
        record.problems.push_back(key + ": must be a list of strings");
        return;
      }
      list.push_back(text);
    }
    return;
  }
  if (key == "consultation") {
    if (value.is_boolean()) {
      r.consultation = value.get<bool>();
    } else if (value.is_string() && consultation_problem(value.get<std::string>()).empty()) {
      r.consultation = *parse_yes_no(value.get<std::string>());
    } else {
      record.problems.push_back(value.is_string() ? consultation_problem(value.get<std::string>())
                                                  : "consultation: must be true or false");
    }
    return;
  }
  std::string text;
  std::string problem = json_text(value, key, text);
  if (!problem.empty()) {
    record.problems.push_back(problem);
    return;
  }
  if (!set_field(r, key, text))
    record.problems.push_back(trf("'{}' is not a case field{}", key, text::did_you_mean(key, intake_fields())));
}

// The length of the longest text in `value` (nesting already bounded by k_max_json_depth).
std::size_t longest_text(const Record& value) {
  if (value.is_string()) return value.get_ref<const std::string&>().size();
  std::size_t longest = 0;
  if (value.is_structured())
    for (const Record& item : value) longest = std::max(longest, longest_text(item));
  return longest;
}

class NdjsonRecordReader : public IntakeRecordReader {
 public:
  NdjsonRecordReader(std::istream& in, InputLimits limits, encoding::Encoding from)
      : m_in(in), m_limits(std::move(limits)), m_decoder(from) {}

  Result<bool> next(IntakeRecord& record) override {
    CASECTL_TRY(m_decoder.usable());
    std::string line;
    for (;;) {
      Result<bool> more = read_line(line);
      if (!more || !*more) return more;
      ++m_line;
      if (m_line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (text::trim(line).empty()) continue;
      record = IntakeRecord();
      record.number = ++m_count;
      record.line = m_line;
      std::string problem = m_decoder.decode(line, "the line");
      record.json_line = line;
      if (!problem.empty()) {
        record.problems.push_back(problem);
        return true;
      }
      if (!json_nesting_within(line, k_max_json_depth)) {
        record.problems.push_back(trf("nested deeper than {} levels", k_max_json_depth));
        return true;
      }
      Record object = Record::parse(line, nullptr, false);
      if (object.is_discarded()) {
        record.problems.push_back(tr("not valid JSON"));
      } else if (!object.is_object()) {
        record.problems.push_back(tr("not a JSON object"));
      } else if (longest_text(object) > m_limits.max_field_bytes) {
        record.problems.push_back(trf("a field is longer than {} bytes{}", m_limits.max_field_bytes, m_limits.about_field()));
      } else {
        for (auto it = object.begin(); it != object.end(); ++it) read_json_field(record, it.key(), it.value());
      }
      m_decoder.warn_of_lost_letters(record);
      return true;
    }
  }

  const std::vector<std::string>& header() const override { return m_header; }
  char delimiter() const override { return 0; }

 private:
  // Reads the next line, without its '\n', into `line`: false at the end of the input. Stops at
  // the first byte past the record limit and at a NUL byte; a failed read is an error.
  Result<bool> read_line(std::string& line) {
    line.clear();
    std::streambuf* buffer = m_in.rdbuf();
    const int eof = std::char_traits<char>::eof();
    auto where = [&] { return fmt::format("record {} (line {})", m_count + 1, m_line + 1); };
    try {
      bool any = false;
      for (int c = buffer->sbumpc(); c != eof; c = buffer->sbumpc()) {
        any = true;
        if (c == '\n') return true;
        if (c == 0) return Status::invalid(trf("{}: a NUL byte (0x00): this is not a text file, or it is damaged", where()));
        if (line.size() >= m_limits.max_record_bytes)
          return Status::invalid(
              trf("{}: the record is longer than {} bytes{}", where(), m_limits.max_record_bytes, m_limits.about_record()));
        line += static_cast<char>(c);
      }
      return any;
    } catch (const std::exception& e) {
      return Status::unreadable(trf("line {}: cannot read on: {}", m_line + 1, e.what()));
    }
  }

  std::istream& m_in;
  InputLimits m_limits;
  TextDecoder m_decoder;
  std::vector<std::string> m_header;
  std::size_t m_line = 0;
  std::size_t m_count = 0;
};

} // namespace

bool json_nesting_within(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i; // the escaped character cannot end the string
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::unique_ptr<IntakeRecordReader> make_record_reader(InputFormat format, std::istream& in, InputLimits limits,
                                                       encoding::Encoding encoding) {
  if (format == InputFormat::csv) return std::make_unique<CsvRecordReader>(in, std::move(limits), encoding);
  return std::make_unique<NdjsonRecordReader>(in, std::move(limits), encoding);
}

} // namespace casectl
