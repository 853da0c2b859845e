#include "cases/intake_records.hpp"

#include "output/records.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace casectl {

const std::vector<std::string>& intake_fields() {
  static const std::vector<std::string> fields = {"external_id", "kind",     "name",     "district", "address", "phone",
                                                  "source",      "referrer", "urgency",  "groups",   "problems",
                                                  "consent",     "note",     "opened",   "members",  "consultation"};
  return fields;
}

Result<InputFormat> input_format_named(const std::string& name) {
  if (name == "csv") return InputFormat::csv;
  if (name == "ndjson") return InputFormat::ndjson;
  return Status::usage(fmt::format("unknown input format '{}'{}; use csv or ndjson", name,
                                   text::did_you_mean(name, {"csv", "ndjson"})));
}

Result<InputFormat> input_format_of_file(const std::string& path) {
  std::string lower = text::casefold(path);
  auto ends_with = [&](const char* suffix) {
    std::string s(suffix);
    return lower.size() >= s.size() && lower.compare(lower.size() - s.size(), s.size(), s) == 0;
  };
  if (ends_with(".csv") || ends_with(".tsv") || ends_with(".txt")) return InputFormat::csv;
  if (ends_with(".ndjson") || ends_with(".jsonl") || ends_with(".json")) return InputFormat::ndjson;
  return Status::usage(fmt::format("cannot tell the format of '{}' from its name; add --input-format csv or ndjson", path));
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

class CsvRecordReader : public IntakeRecordReader {
public:
  explicit CsvRecordReader(std::istream& in) : m_csv(in) {}

  Result<bool> next(IntakeRecord& record) override {
    if (!m_header_read) CASECTL_TRY(read_header());
    std::vector<std::string> fields;
    Result<bool> more = m_csv.next(fields);
    if (!more || !*more) return more;
    record = IntakeRecord();
    record.number = ++m_count;
    record.line = m_csv.line();
    if (fields.size() != m_header.size())
      record.problems.push_back(fmt::format("has {} fields, the header has {}", fields.size(), m_header.size()));
    for (std::size_t i = 0; i < fields.size() && i < m_header.size(); ++i) {
      const std::string& column = m_header[i];
      if (column == "error" || text::trim(fields[i]).empty()) continue;
      if (column == "consultation" && !consultation_problem(fields[i]).empty())
        record.problems.push_back(consultation_problem(fields[i]));
      set_field(record.request, column, fields[i]);
    }
    record.csv_fields = std::move(fields);
    return true;
  }

  const std::vector<std::string>& header() const override { return m_header; }
  char delimiter() const override { return m_csv.delimiter(); }

private:
  Status read_header() {
    m_header_read = true;
    Result<bool> any = m_csv.next(m_header);
    if (!any) return any.status();
    if (!*any) return Status::invalid("the file is empty; a CSV file starts with a header line naming the columns");
    std::vector<std::string> seen;
    for (std::string& column : m_header) {
      column = text::casefold(text::trim(column));
      const auto& known = intake_fields();
      if (column != "error" && std::find(known.begin(), known.end(), column) == known.end())
        return Status::invalid(fmt::format("line {}: column '{}' is not a case field{}; the columns are: {}",
                                           m_csv.line(), column, text::did_you_mean(column, known), text::join(known, ", ")));
      if (std::find(seen.begin(), seen.end(), column) != seen.end())
        return Status::invalid(fmt::format("line {}: column '{}' appears twice", m_csv.line(), column));
      seen.push_back(column);
    }
    if (std::find(m_header.begin(), m_header.end(), "name") == m_header.end() &&
        std::find(m_header.begin(), m_header.end(), "external_id") == m_header.end())
      return Status::invalid(fmt::format("line {}: the header has neither a 'name' nor an 'external_id' column", m_csv.line()));
    return Status::ok();
  }

  csv::Reader m_csv;
  std::vector<std::string> m_header;
  bool m_header_read = false;
  std::size_t m_count = 0;
};

// Text of a JSON value that should be a string (numbers and booleans are accepted as text).
bool json_text(const Record& value, std::string& out) {
  if (value.is_string()) out = value.get<std::string>();
  else if (value.is_number_integer()) out = std::to_string(value.get<long long>());
  else if (value.is_boolean()) out = value.get<bool>() ? "yes" : "no";
  else return false;
  return true;
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
          if (it != item.end() && !it->is_null() && !json_text(*it, s))
            record.problems.push_back(fmt::format("members: {} must be text", name));
          return s;
        };
        text = part("name") + ";" + part("role") + ";" + part("birth_date");
      } else if (!json_text(item, text)) {
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
  if (!json_text(value, text)) {
    record.problems.push_back(key + ": must be text");
    return;
  }
  if (!set_field(r, key, text))
    record.problems.push_back(fmt::format("'{}' is not a case field{}", key, text::did_you_mean(key, intake_fields())));
}

class NdjsonRecordReader : public IntakeRecordReader {
public:
  explicit NdjsonRecordReader(std::istream& in) : m_in(in) {}

  Result<bool> next(IntakeRecord& record) override {
    std::string line;
    while (std::getline(m_in, line)) {
      ++m_line;
      if (m_line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (text::trim(line).empty()) continue;
      record = IntakeRecord();
      record.number = ++m_count;
      record.line = m_line;
      record.json_line = line;
      Record object = Record::parse(line, nullptr, false);
      if (object.is_discarded()) {
        record.problems.push_back("not valid JSON");
      } else if (!object.is_object()) {
        record.problems.push_back("not a JSON object");
      } else {
        for (auto it = object.begin(); it != object.end(); ++it) read_json_field(record, it.key(), it.value());
      }
      return true;
    }
    return false;
  }

  const std::vector<std::string>& header() const override { return m_header; }
  char delimiter() const override { return 0; }

private:
  std::istream& m_in;
  std::vector<std::string> m_header;
  std::size_t m_line = 0;
  std::size_t m_count = 0;
};

} // namespace

std::unique_ptr<IntakeRecordReader> make_record_reader(InputFormat format, std::istream& in) {
  if (format == InputFormat::csv) return std::make_unique<CsvRecordReader>(in);
  return std::make_unique<NdjsonRecordReader>(in);
}

} // namespace casectl
