#include "cases/store_export.hpp"

#include "output/redact.hpp"
#include "store/copy_tables.hpp"
#include "util/date.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace casectl {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The columns of a case table's rows that only tie them together in the store: their own id and
// the id of the case or parent row that holds them. An export leaves them out.
bool is_tie(const store::CopiedTable& table, const std::string& column) {
  if (column == "id") return true;
  return table.case_column && column == table.case_column;
}

Record row_record(const store::CopiedTable& table, const std::vector<std::string>& columns, const store::TableRow& row,
                  bool keep_ties) {
  Record record = Record::object();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!keep_ties && is_tie(table, columns[i])) continue;
    if (row[i]) record[columns[i]] = *row[i];
    else record[columns[i]] = nullptr;
  }
  return record;
}

long long number(const std::optional<std::string>& text) { return text ? std::stoll(*text) : 0; }

// The index of `column` in `columns`; columns.size() when it is not there.
std::size_t index_of(const std::vector<std::string>& columns, const std::string& column) {
  return static_cast<std::size_t>(std::find(columns.begin(), columns.end(), column) - columns.begin());
}

bool is_case_table(const store::CopiedTable& t) { return t.case_column != nullptr; }

} // namespace

Result<bool> store_holds_nothing(store::CaseStore& store) {
  for (const store::CopiedTable& t : store::copied_tables()) {
    if (std::string(t.name) == "journal") continue;
    Result<long long> rows = store.count_rows(t.name);
    if (!rows) return rows.status();
    if (*rows > 0) return false;
  }
  bool only_migrations = true;
  CASECTL_TRY(store.each_table_row("journal", {"action"}, [&](const store::TableRow& row) {
    if (row.at(0) != std::optional<std::string>("migrate")) only_migrations = false;
    return Status::ok();
  }));
  return only_migrations;
}

Result<CaseLines> CaseLines::of(store::CaseStore& store) {
  CaseLines lines(store);
  for (const store::CopiedTable& t : store::copied_tables()) {
    Result<std::vector<std::string>> all = store.table_columns(t.name);
    if (!all) return all.status();
    std::vector<std::string> columns;
    for (const std::string& c : *all)
      if (!contains(store::derived_columns(t.name), c)) columns.push_back(c);
    lines.m_columns.emplace_back(t.name, std::move(columns));
  }
  return lines;
}

const std::vector<std::string>& CaseLines::columns(const std::string& table) const {
  for (const auto& [name, columns] : m_columns)
    if (name == table) return columns;
  static const std::vector<std::string> none;
  return none;
}

Result<std::vector<std::pair<long long, Record>>> CaseLines::read(long long first, long long last) {
  std::vector<std::pair<long long, Record>> cases;
  std::map<long long, std::size_t> at_row;
  // A parent row (an assessment, a plan revision) by its id: its case's place and its own.
  std::map<std::pair<std::string, long long>, std::pair<std::size_t, std::size_t>> parents;
  for (const store::CopiedTable& t : store::copied_tables()) {
    if (!is_case_table(t)) continue;
    const std::string name = t.name;
    const std::vector<std::string>& cols = columns(name);
    const std::size_t tie = index_of(cols, t.case_column);
    const std::size_t id = index_of(cols, "id");
    CASECTL_TRY(m_store->each_case_row(name, cols, first, last, [&](const store::TableRow& row) {
      if (name == "cases") {
        long long row_id = number(row[id]);
        Record line = Record::object();
        line["case"] = row_record(t, cols, row, false);
        for (const store::CopiedTable& child : store::copied_tables())
          if (is_case_table(child) && !child.parent && std::string(child.name) != "cases") line[child.name] = Record::array();
        at_row[row_id] = cases.size();
        cases.emplace_back(row_id, std::move(line));
        return Status::ok();
      }
      if (t.parent) {
        auto parent = parents.find({t.parent, number(row[tie])});
        if (parent == parents.end())
          return Status::internal(
              trf("a row of {} belongs to no row of {} ('casectl check' looks at the store)", name, t.parent));
        cases[parent->second.first].second[t.parent][parent->second.second][name].push_back(row_record(t, cols, row, false));
        return Status::ok();
      }
      auto c = at_row.find(number(row[tie]));
      if (c == at_row.end()) return Status::ok(); // a case the range holds but that was left out
      Record& list = cases[c->second].second[name];
      Record record = row_record(t, cols, row, false);
      // The children of this row, nested in it, as empty lists until they are read.
      for (const store::CopiedTable& child : store::copied_tables())
        if (child.parent && name == child.parent) record[child.name] = Record::array();
      if (id < cols.size()) parents[{name, number(row[id])}] = {c->second, list.size()};
      list.push_back(std::move(record));
      return Status::ok();
    }));
  }
  return cases;
}

namespace {

class ExportWriter {
 public:
  ExportWriter(const ExportOutput& out, const ExportRequest& request) : m_out(out), m_request(request) {}

  // A line of the export; `personal` (a case's, a journal row's) is redacted with --redact, the
  // header, staff and counters never are.
  Status line(Record record, bool personal = false) {
    if (personal && m_request.redact) redact::redact(record, m_request.policy);
    std::string text = record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    text += '\n';
    if (!m_out(text)) return Status::cannot_write(tr("the export could not be written (disk full, or the reader went away)"));
    ++m_lines;
    return Status::ok();
  }
  long long lines() const { return m_lines; }

 private:
  const ExportOutput& m_out;
  const ExportRequest& m_request;
  long long m_lines = 0;
};

// How many cases are read at once: a dozen queries per batch, whatever the store's size.
constexpr std::size_t k_cases_per_batch = 500;

Status write_store_rows(store::CaseStore& store, CaseLines& lines, ExportWriter& writer, const std::string& table) {
  const store::CopiedTable& t = **store::copied_table(table);
  const std::vector<std::string>& cols = lines.columns(table);
  return store.each_table_row(table, cols, [&](const store::TableRow& row) {
    Record line = Record::object();
    line[table] = row_record(t, cols, row, true);
    return writer.line(std::move(line));
  });
}

// The journal rows of the cases exported (all rows, with the whole store), oldest first. Redacted,
// `changes` is read as the object it is, so that redaction reaches into it.
Status write_journal(store::CaseStore& store, CaseLines& lines, ExportWriter& writer, const ExportRequest& request) {
  const store::CopiedTable& t = **store::copied_table("journal");
  const std::vector<std::string>& cols = lines.columns("journal");
  const std::size_t case_id = index_of(cols, "case_id");
  const std::size_t changes = index_of(cols, "changes");
  return store.each_table_row("journal", cols, [&](const store::TableRow& row) {
    if (request.cases && (!row[case_id] || request.cases->count(*row[case_id]) == 0)) return Status::ok();
    Record record = row_record(t, cols, row, true);
    if (request.redact && changes < cols.size() && row[changes]) {
      Record parsed = Record::parse(*row[changes], nullptr, false);
      if (!parsed.is_discarded()) record["changes"] = std::move(parsed);
    }
    Record line = Record::object();
    line["journal"] = std::move(record);
    return writer.line(std::move(line), true);
  });
}

Status write_export(store::CaseStore& store, const ExportRequest& request, const ChangeContext& change, const ExportOutput& out,
                    ExportReport& report) {
  Result<CaseLines> lines = CaseLines::of(store);
  if (!lines) return lines.status();
  Result<std::string> store_id = store.store_id();
  if (!store_id) return store_id.status();
  // The rows of the cases to export, in the store's order.
  std::vector<long long> rows;
  CASECTL_TRY(store.each_table_row("cases", {"id", "case_id"}, [&](const store::TableRow& row) {
    if (!request.cases || request.cases->count(row[1].value_or("")) > 0) rows.push_back(number(row[0]));
    return Status::ok();
  }));
  ExportWriter writer(out, request);
  Record header = Record::object();
  header["casectl_export"] = 1;
  header["schema_version"] = store.schema_version();
  header["store_id"] = *store_id;
  header["exported_at"] = date::format_timestamp(change.clock.recorded);
  header["cases"] = static_cast<long long>(rows.size());
  header["whole_store"] = !request.cases.has_value();
  header["journal"] = request.journal;
  header["redacted"] = request.redact;
  CASECTL_TRY(writer.line(std::move(header)));
  CASECTL_TRY(write_store_rows(store, *lines, writer, "staff"));
  CASECTL_TRY(write_store_rows(store, *lines, writer, "case_id_sequence"));
  for (std::size_t from = 0; from < rows.size(); from += k_cases_per_batch) {
    std::size_t to = std::min(rows.size(), from + k_cases_per_batch);
    Result<std::vector<std::pair<long long, Record>>> batch = lines->read(rows[from], rows[to - 1]);
    if (!batch) return batch.status();
    std::size_t wanted = from;
    for (auto& [row, line] : *batch) {
      // Rows in the range that the filter left out are skipped: both lists are in row order.
      while (wanted < to && rows[wanted] < row) ++wanted;
      if (wanted == to || rows[wanted] != row) continue;
      report.case_ids.push_back(line["case"].value("case_id", ""));
      CASECTL_TRY(writer.line(std::move(line), true));
      ++report.cases;
    }
  }
  if (request.journal) CASECTL_TRY(write_journal(store, *lines, writer, request));
  Record end = Record::object();
  end["end_of_export"] = Record{{"lines", writer.lines()}};
  CASECTL_TRY(writer.line(std::move(end)));
  report.lines = writer.lines();
  return Status::ok();
}

} // namespace

Result<ExportReport> export_store(store::CaseStore& store, const ExportRequest& request, const ChangeContext& change,
                                  const ExportOutput& out) {
  ExportReport report;
  CASECTL_TRY(store.read([&] { return write_export(store, request, change, out, report); }));
  return report;
}

std::optional<OnConflict> parse_on_conflict(const std::string& text) {
  if (text == "fail") return OnConflict::fail;
  if (text == "keep-ours") return OnConflict::keep_ours;
  if (text == "keep-theirs") return OnConflict::keep_theirs;
  return std::nullopt;
}

} // namespace casectl
