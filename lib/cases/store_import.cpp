// `casectl import`: store_export.hpp states the contract.
#include "cases/intake.hpp"
#include "cases/journal.hpp"
#include "cases/store_export.hpp"
#include "store/copy_tables.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

namespace casectl {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// --- Reading the file -------------------------------------------------------------------------

// One line of the file, by its number. Staff and counter rows are kept parsed; case and journal
// lines as their text, parsed again when used: a parsed case takes about seven times the memory
// of its text, and a store's export is most of its size.
struct Line {
  std::size_t number = 0;
  Record record;
  std::string text;

  Line parsed() const { return text.empty() ? *this : Line{number, Record::parse(text), {}}; }
};

struct ExportFile {
  std::string source;
  std::string store_id;
  bool whole_store = false;
  bool journal = false;
  std::vector<Line> staff, counters, cases, journal_rows;
};

Status bad_line(const std::string& source, std::size_t number, const std::string& what) {
  return Status::invalid(trf("{} line {}: {}", source, number, what));
}

// A row of `table` as the export writes it: an object of its columns (those `columns` names, ties
// left out unless `with_ties`), each text or null. A whole number is taken as its decimal text.
Status check_row(const std::string& source, std::size_t number, const std::string& table, Record& row,
                 const std::vector<std::string>& columns, const store::CopiedTable& t, bool with_ties) {
  if (!row.is_object()) return bad_line(source, number, fmt::format("a row of {} must be a JSON object", table));
  for (auto& [field, value] : row.items()) {
    bool tie = field == "id" || (t.case_column && field == t.case_column);
    bool nested = false;
    for (const store::CopiedTable& child : store::copied_tables())
      if (child.parent && table == child.parent && field == child.name) nested = true;
    if (nested) continue;
    if (!contains(columns, field) || (tie && !with_ties))
      return bad_line(source, number,
                      fmt::format("{} has no field '{}' (an export of this casectl's schema has none)", table, field));
    if (value.is_number_integer()) value = std::to_string(value.get<long long>());
    else if (!value.is_string() && !value.is_null())
      return bad_line(source, number, fmt::format("{}.{} must be text or null", table, field));
  }
  return Status::ok();
}

Status check_case_line(const std::string& source, std::size_t number, Record& line, const CaseLines& lines) {
  if (!line.contains("case") || !line["case"].is_object())
    return bad_line(source, number, "a case line needs its \"case\" object");
  CASECTL_TRY(check_row(source, number, "cases", line["case"], lines.columns("cases"), **store::copied_table("cases"), false));
  const Record& id = line["case"]["case_id"];
  if (!id.is_string() || id.get<std::string>().empty()) return bad_line(source, number, "the case has no case_id");
  for (auto& [table, rows] : line.items()) {
    if (table == "case") continue;
    Result<const store::CopiedTable*> t = store::copied_table(table);
    if (!t || !(*t)->case_column || (*t)->parent || table == "cases")
      return bad_line(source, number, fmt::format("a case line has no field '{}'", table));
    if (!rows.is_array()) return bad_line(source, number, fmt::format("'{}' must be a list of rows", table));
    for (Record& row : rows) {
      CASECTL_TRY(check_row(source, number, table, row, lines.columns(table), **t, false));
      for (const store::CopiedTable& child : store::copied_tables()) {
        if (!child.parent || table != child.parent || !row.contains(child.name)) continue;
        if (!row[child.name].is_array()) return bad_line(source, number, fmt::format("'{}' must be a list of rows", child.name));
        for (Record& grandchild : row[child.name])
          CASECTL_TRY(check_row(source, number, child.name, grandchild, lines.columns(child.name), child, false));
      }
    }
  }
  return Status::ok();
}

Status check_header(const std::string& source, const Record& header, int schema_version, ExportFile& file, long long& cases) {
  if (!header.is_object() || !header.contains("casectl_export"))
    return bad_line(source, 1,
                    "this is not a casectl export (its first line is not the export's header; make one with "
                    "'casectl export')");
  if (header["casectl_export"] != 1)
    return bad_line(source, 1,
                    fmt::format("export format {} is not one this casectl reads (format 1)", header["casectl_export"].dump()));
  if (header.value("redacted", false))
    return bad_line(source, 1,
                    "this export was made with --redact, for outside the team: its people are masked and it "
                    "cannot be imported; import an export made without --redact");
  if (!header.contains("schema_version") || !header["schema_version"].is_number_integer())
    return bad_line(source, 1, "the header has no schema_version");
  int version = header["schema_version"].get<int>();
  if (version != schema_version)
    return bad_line(source, 1,
                    fmt::format("the export is of schema version {} and this store of {}; open the source store "
                                "with this casectl (which brings it to version {}) and export it again",
                                version, schema_version, schema_version));
  if (!header.contains("store_id") || !header["store_id"].is_string() || header["store_id"].get<std::string>().empty())
    return bad_line(source, 1, "the header has no store_id");
  if (!header.contains("cases") || !header["cases"].is_number_integer())
    return bad_line(source, 1, "the header has no cases count");
  file.store_id = header["store_id"].get<std::string>();
  file.whole_store = header.value("whole_store", false);
  file.journal = header.value("journal", false);
  cases = header["cases"].get<long long>();
  return Status::ok();
}

Result<ExportFile> read_export(std::istream& in, const std::string& source, int schema_version, const CaseLines& lines,
                               const std::function<void(long long)>& lines_read) {
  ExportFile file;
  file.source = source;
  std::string text;
  std::size_t number = 0;
  long long cases = 0;
  bool ended = false;
  while (std::getline(in, text)) {
    ++number;
    if (lines_read) lines_read(static_cast<long long>(number));
    if (ended) return bad_line(source, number, "a line after the export's last line (end_of_export)");
    Record record = Record::parse(text, nullptr, false);
    if (record.is_discarded()) return bad_line(source, number, "not a JSON object (is the file cut or changed?)");
    if (number == 1) {
      CASECTL_TRY(check_header(source, record, schema_version, file, cases));
      continue;
    }
    if (!record.is_object() || record.empty()) return bad_line(source, number, "not a JSON object");
    const std::string kind = record.begin().key();
    if (kind == "case") {
      CASECTL_TRY(check_case_line(source, number, record, lines));
      file.cases.push_back({number, {}, record.dump()});
    } else if (record.size() != 1) {
      return bad_line(source, number, fmt::format("a '{}' line holds one object and nothing else", kind));
    } else if (kind == "end_of_export") {
      const Record& count = record[kind];
      if (!count.is_object() || count.value("lines", -1LL) != static_cast<long long>(number - 1))
        return bad_line(source, number,
                        fmt::format("the export says it has {} lines before its last, but {} came; the file was "
                                    "changed or cut",
                                    count.is_object() ? count.value("lines", -1LL) : -1LL, number - 1));
      ended = true;
    } else if (kind == "staff" || kind == "case_id_sequence" || kind == "journal") {
      CASECTL_TRY(check_row(source, number, kind, record[kind], lines.columns(kind), **store::copied_table(kind), true));
      if (kind == "journal") file.journal_rows.push_back({number, {}, record[kind].dump()});
      else (kind == "staff" ? file.staff : file.counters).push_back({number, record[kind], {}});
    } else {
      return bad_line(source, number,
                      fmt::format("a line of an unknown kind '{}' (an export has staff, case_id_sequence, case "
                                  "and journal lines)",
                                  kind));
    }
  }
  if (in.bad()) return Status::unreadable(trf("{} could not be read", source));
  if (number == 0) return Status::invalid(trf("{} is empty: it is not a casectl export", source));
  if (!ended)
    return Status::invalid(trf("{} ends at line {} without the export's last line (end_of_export): the file was cut "
                               "short; export again",
                               source, number));
  if (static_cast<long long>(file.cases.size()) != cases)
    return Status::invalid(trf("{}: the header says {} cases, the file holds {}", source, cases, file.cases.size()));
  return file;
}

// --- Writing ----------------------------------------------------------------------------------

std::optional<std::string> text_field(const Record& row, const std::string& field) {
  if (!row.contains(field) || row[field].is_null()) return std::nullopt;
  return row[field].get<std::string>();
}

struct CaseKey {
  std::string store, case_id;
  bool operator<(const CaseKey& o) const { return std::tie(store, case_id) < std::tie(o.store, o.case_id); }
};

struct CaseHere {
  long long row = 0;
  std::string case_id;
  std::optional<std::string> origin_store, origin_case_id;
};

// Rows waiting to be inserted, table by table, written parents first.
class Inserts {
 public:
  Inserts(store::CaseStore& store, const CaseLines& lines, std::string source)
      : m_store(store), m_lines(lines), m_source(std::move(source)) {}

  // The next id of a table whose key is `id`.
  Result<long long> next_id(const std::string& table) {
    auto it = m_last_id.find(table);
    if (it == m_last_id.end()) {
      Result<long long> last = m_store.last_row_id(table);
      if (!last) return last.status();
      it = m_last_id.emplace(table, *last).first;
    }
    return ++it->second;
  }

  // Adds a row, from line `line` of the file: the record's values by column, `ties` (column ->
  // value) over them.
  void add(std::size_t line, const std::string& table, const Record& record, const std::map<std::string, std::string>& ties) {
    const std::vector<std::string>& columns = m_lines.columns(table);
    store::TableRow row;
    row.reserve(columns.size());
    for (const std::string& c : columns) {
      auto tie = ties.find(c);
      if (tie != ties.end()) row.emplace_back(tie->second);
      else row.push_back(text_field(record, c));
    }
    m_rows[table].push_back(std::move(row));
    ++m_pending;
    auto& [first, last] = m_lines_of[table];
    first = first == 0 ? line : std::min(first, line);
    last = std::max(last, line);
  }

  Status flush_when_full() { return m_pending >= 5000 ? flush() : Status::ok(); }

  Status flush() {
    for (const store::CopiedTable& t : store::copied_tables()) {
      std::vector<store::TableRow>& rows = m_rows[t.name];
      const std::vector<std::string>& columns = m_lines.columns(t.name);
      const std::size_t batch = store::copy_batch_rows(columns.size());
      for (std::size_t from = 0; from < rows.size(); from += batch) {
        std::vector<store::TableRow> part(rows.begin() + from, rows.begin() + std::min(rows.size(), from + batch));
        Status inserted = m_store.insert_table_rows(t.name, columns, part);
        // The rows were checked against the columns, not against the values the store allows (a
        // code, a NOT NULL): an export changed by hand. The line is one of those written.
        if (inserted.kind() == ErrorKind::internal)
          return Status::invalid(trf("{} {}: the store refused a row of {}: {} (was the export changed by hand?)", m_source,
                                     lines(t.name), t.name, inserted.message()));
        CASECTL_TRY(inserted);
      }
      rows.clear();
    }
    m_pending = 0;
    m_lines_of.clear();
    return Status::ok();
  }

 private:
  // The lines of the file the rows of `table` waiting to be written came from.
  std::string lines(const std::string& table) const {
    auto [first, last] = m_lines_of.at(table);
    if (first == last) return fmt::format("line {}", first);
    return fmt::format("lines {}-{}", first, last);
  }

  store::CaseStore& m_store;
  const CaseLines& m_lines;
  std::string m_source;
  std::map<std::string, std::pair<std::size_t, std::size_t>> m_lines_of; // table -> first and last line waiting
  std::map<std::string, long long> m_last_id;
  std::map<std::string, std::vector<store::TableRow>> m_rows;
  std::size_t m_pending = 0;
};

class Importer {
 public:
  Importer(store::CaseStore& store, const config::Config& config, const ChangeContext& change, const ImportRequest& request,
           CaseLines& lines, ExportFile& file, ImportReport& report)
      : m_store(store), m_config(config), m_change(change), m_request(request), m_lines(lines), m_file(file), m_report(report),
        m_inserts(store, lines, file.source) {}

  Status run() {
    Result<bool> empty = store_holds_nothing(m_store);
    if (!empty) return empty.status();
    // A part of a store is not the store: it is merged, with this store's own id.
    m_report.restored = *empty && !m_request.merge && m_file.whole_store;
    Result<std::string> here = m_store.store_id();
    if (!here) return here.status();
    m_here = *here;
    CASECTL_TRY(m_report.restored ? restore() : merge());
    CASECTL_TRY(m_inserts.flush());
    CASECTL_TRY(m_store.finish_copy());
    if (!m_report.conflicts.empty() && m_request.on_conflict == OnConflict::fail)
      return Status::conflict(ntrf("{}: {} conflict with this store; nothing was imported. Look at it, then import "
                                   "again with --on-conflict keep-ours or keep-theirs",
                                   "{}: {} conflicts with this store; nothing was imported. Look at each, then import "
                                   "again with --on-conflict keep-ours or keep-theirs",
                                   m_report.conflicts.size(), m_file.source, m_report.conflicts.size()));
    return journal(m_store, m_change, "", "import", summary());
  }

 private:
  Record summary() const {
    std::map<std::string, long long> counts;
    for (const ImportedCase& c : m_report.cases) ++counts[c.outcome];
    Record cases = Record::object();
    for (const auto& [outcome, n] : counts) cases[outcome] = n;
    return Record{{"from", m_file.source},
                  {"store_id", m_file.store_id},
                  {"restored", m_report.restored},
                  {"cases", cases},
                  {"staff_added", m_report.staff_added},
                  {"staff_replaced", m_report.staff_replaced},
                  {"journal_rows", m_report.journal_rows}};
  }

  // --- Into a store that holds nothing: the source as it was ---

  bool journal_verbatim() const { return m_file.whole_store && m_file.journal; }

  Status restore() {
    // The journal of a whole store comes as it was, its chain with it: the store's own rows of
    // creation make way, as in `store copy`.
    if (journal_verbatim()) CASECTL_TRY(m_store.empty_store());
    CASECTL_TRY(m_store.set_store_id(m_file.store_id));
    for (const Line& s : m_file.staff) m_inserts.add(s.number, "staff", s.record, {});
    m_report.staff_added = static_cast<long long>(m_file.staff.size());
    for (const Line& c : m_file.counters) m_inserts.add(c.number, "case_id_sequence", c.record, {});
    std::set<std::string> seen;
    for (const Line& stored : m_file.cases) {
      const Line line = stored.parsed();
      const Record& c = line.record["case"];
      std::string case_id = c["case_id"].get<std::string>();
      if (!seen.insert(case_id).second)
        return bad_line(m_file.source, line.number, fmt::format("the case {} comes twice in the export", case_id));
      CASECTL_TRY(add_case(line.number, line.record, case_id, text_field(c, "origin_store"), text_field(c, "origin_case_id")));
      m_report.cases.push_back({case_id, text_field(c, "origin_store").value_or(m_file.store_id),
                                text_field(c, "origin_case_id").value_or(case_id), "restored"});
    }
    CASECTL_TRY(m_inserts.flush());
    if (journal_verbatim()) {
      for (const Line& stored : m_file.journal_rows) {
        const Line j = stored.parsed();
        m_inserts.add(j.number, "journal", j.record, {});
        CASECTL_TRY(m_inserts.flush_when_full());
      }
      m_report.journal_rows = static_cast<long long>(m_file.journal_rows.size());
      return m_inserts.flush();
    }
    return append_journal_rows([&](const std::string& case_id) -> std::optional<std::string> {
      if (seen.count(case_id) > 0) return case_id;
      return std::nullopt;
    });
  }

  // --- Into a store that holds cases: a merge ---

  Status merge() {
    CASECTL_TRY(merge_staff());
    CASECTL_TRY(index_cases_here());
    // Every case of the file is placed first (added ones get their new id), so that the links of
    // each can follow the ids of the others.
    std::vector<std::optional<CaseHere>> matched;
    std::set<CaseKey> seen;
    for (const Line& stored : m_file.cases) {
      const Line line = stored.parsed();
      const Record& c = line.record["case"];
      CaseKey key = key_of(c);
      if (!seen.insert(key).second)
        return bad_line(m_file.source, line.number,
                        fmt::format("the case {} (from store {}) comes twice in the export", key.case_id, key.store));
      std::optional<CaseHere> found = find_here(key, text_field(c, "external_id"));
      if (!found) {
        Result<std::string> id = next_free_case_id(m_store, m_config, text_field(c, "opened").value_or(""));
        if (!id)
          return bad_line(m_file.source, line.number,
                          fmt::format("the case {} cannot be given an id here: {}", key.case_id, id.status().message()));
        m_new_id[c["case_id"].get<std::string>()] = *id;
      } else {
        m_new_id[c["case_id"].get<std::string>()] = found->case_id;
      }
      matched.push_back(found);
    }
    for (std::size_t i = 0; i < m_file.cases.size(); ++i) {
      Line line = m_file.cases[i].parsed();
      CASECTL_TRY(map_links(line));
      CASECTL_TRY(matched[i] ? merge_case(line, *matched[i]) : add_new_case(line));
      CASECTL_TRY(m_inserts.flush_when_full());
    }
    CASECTL_TRY(m_inserts.flush());
    // An added case's history first, then the row that says it came here (the order of events).
    CASECTL_TRY(append_journal_rows([&](const std::string& case_id) -> std::optional<std::string> {
      auto added = m_added.find(case_id);
      if (added == m_added.end()) return std::nullopt;
      return added->second;
    }));
    for (const auto& [case_id, changes] : m_import_rows) CASECTL_TRY(journal(m_store, m_change, case_id, "import", changes));
    return Status::ok();
  }

  CaseKey key_of(const Record& c) const {
    return {text_field(c, "origin_store").value_or(m_file.store_id),
            text_field(c, "origin_case_id").value_or(c["case_id"].get<std::string>())};
  }

  Status index_cases_here() {
    return m_store.each_table_row("cases", {"id", "case_id", "origin_store", "origin_case_id", "external_id"},
                                  [&](const store::TableRow& row) {
                                    CaseHere here{std::stoll(*row[0]), row[1].value_or(""), row[2], row[3]};
                                    m_by_key[{row[2].value_or(m_here), row[3].value_or(here.case_id)}] = here;
                                    if (row[4]) m_by_external[*row[4]] = here;
                                    return Status::ok();
                                  });
  }

  std::optional<CaseHere> find_here(const CaseKey& key, const std::optional<std::string>& external_id) const {
    auto by_key = m_by_key.find(key);
    if (by_key != m_by_key.end()) return by_key->second;
    if (external_id) {
      auto by_external = m_by_external.find(*external_id);
      if (by_external != m_by_external.end()) return by_external->second;
    }
    return std::nullopt;
  }

  // A case's links name other cases by their case ids in the source: here they name the same
  // cases by their ids here.
  Status map_links(Line& line) {
    if (!line.record.contains("case_links")) return Status::ok();
    for (Record& link : line.record["case_links"]) {
      std::string other = text_field(link, "other_case_id").value_or("");
      auto imported = m_new_id.find(other);
      if (imported != m_new_id.end()) {
        link["other_case_id"] = imported->second;
        continue;
      }
      auto here = m_by_key.find({m_file.store_id, other});
      if (here == m_by_key.end())
        return bad_line(m_file.source, line.number,
                        fmt::format("the case {} is linked to the case {}, which is neither in the export nor in this store; "
                                    "export both",
                                    line.record["case"]["case_id"].get<std::string>(), other));
      link["other_case_id"] = here->second.case_id;
    }
    return Status::ok();
  }

  Status add_new_case(const Line& line) {
    const Record& c = line.record["case"];
    std::string theirs = c["case_id"].get<std::string>();
    CaseKey key = key_of(c);
    const std::string& id = m_new_id.at(theirs);
    CASECTL_TRY(add_case(line.number, line.record, id, key.store, key.case_id));
    m_added[theirs] = id;
    m_report.cases.push_back({id, key.store, key.case_id, "added"});
    m_import_rows.emplace_back(
        id, Record{{"origin", Record{{"store_id", key.store}, {"case_id", key.case_id}}}, {"from", m_file.source}});
    return Status::ok();
  }

  // The fields in which ours and theirs differ: the case's own (but its ids, and the search keys
  // of its phone and address, which follow them), and each table of its rows as a whole.
  std::vector<std::pair<std::string, std::pair<Record, Record>>> differences(const Record& ours, const Record& theirs) const {
    static const std::vector<std::string> identity = {"case_id", "origin_store", "origin_case_id", "phone_key", "address_key"};
    std::vector<std::pair<std::string, std::pair<Record, Record>>> found;
    for (const std::string& column : m_lines.columns("cases")) {
      if (column == "id" || contains(identity, column)) continue;
      Record a = ours["case"].value(column, Record()), b = theirs["case"].value(column, Record());
      if (a != b) found.push_back({column, {a, b}});
    }
    for (const auto& [table, rows] : ours.items()) {
      if (table == "case") continue;
      Record b = theirs.contains(table) ? theirs[table] : Record::array();
      if (rows != b) found.push_back({table, {rows, b}});
    }
    return found;
  }

  // A value as the conflict report shows it: text as it is, null as nothing (as casectl's TSV).
  static std::string shown(const Record& value) {
    if (value.is_null()) return "";
    return value.is_string() ? value.get<std::string>() : value.dump();
  }

  Status merge_case(const Line& line, const CaseHere& here) {
    const Record& c = line.record["case"];
    CaseKey key = key_of(c);
    Result<std::vector<std::pair<long long, Record>>> ours = m_lines.read(here.row, here.row);
    if (!ours) return ours.status();
    if (ours->size() != 1) return Status::internal(trf("the case {} could not be read back", here.case_id));
    auto diff = differences(ours->front().second, line.record);
    if (diff.empty()) {
      m_report.cases.push_back({here.case_id, key.store, key.case_id, "unchanged"});
      return Status::ok();
    }
    for (const auto& [field, values] : diff)
      m_report.conflicts.push_back(
          {here.case_id, key.store + "/" + key.case_id, field, shown(values.first), shown(values.second)});
    if (m_request.on_conflict != OnConflict::keep_theirs) {
      m_report.cases.push_back(
          {here.case_id, key.store, key.case_id, m_request.on_conflict == OnConflict::fail ? "conflict" : "kept"});
      return Status::ok();
    }
    // Theirs replaces ours, under our case id and origin.
    CASECTL_TRY(m_store.delete_case(here.row));
    CASECTL_TRY(add_case(line.number, line.record, here.case_id, here.origin_store, here.origin_case_id));
    m_report.cases.push_back({here.case_id, key.store, key.case_id, "replaced"});
    Record changes = Record::object();
    for (const auto& [field, values] : diff) changes[field] = Record::array({values.first, values.second});
    m_import_rows.emplace_back(here.case_id, Record{{"origin", Record{{"store_id", key.store}, {"case_id", key.case_id}}},
                                                    {"from", m_file.source},
                                                    {"changes", changes}});
    return Status::ok();
  }

  Status merge_staff() {
    static const std::vector<std::string> stamps = {"created_at", "created_by", "updated_at"};
    const std::vector<std::string>& columns = m_lines.columns("staff");
    std::map<std::string, Record> ours;
    CASECTL_TRY(m_store.each_table_row("staff", columns, [&](const store::TableRow& row) {
      Record r = Record::object();
      for (std::size_t i = 0; i < columns.size(); ++i) r[columns[i]] = row[i] ? Record(*row[i]) : Record();
      ours[r["login"].get<std::string>()] = r;
      return Status::ok();
    }));
    for (const Line& line : m_file.staff) {
      std::string login = text_field(line.record, "login").value_or("");
      auto here = ours.find(login);
      if (here == ours.end()) {
        m_inserts.add(line.number, "staff", line.record, {});
        ++m_report.staff_added;
        continue;
      }
      bool differs = false;
      for (const std::string& c : columns) {
        if (contains(stamps, c)) continue;
        Record a = here->second.value(c, Record()), b = line.record.value(c, Record());
        if (a == b) continue;
        differs = true;
        m_report.conflicts.push_back({"staff " + login, "", c, shown(a), shown(b)});
      }
      if (differs && m_request.on_conflict == OnConflict::keep_theirs) {
        CASECTL_TRY(m_store.delete_staff(login));
        m_inserts.add(line.number, "staff", line.record, {});
        m_report.staff_replaced.push_back(login);
      }
    }
    return m_inserts.flush();
  }

  // Adds the case of `line` under `case_id` with that origin: its row and every row of its, with
  // new row ids.
  Status add_case(std::size_t number, const Record& line, const std::string& case_id,
                  const std::optional<std::string>& origin_store, const std::optional<std::string>& origin_case_id) {
    Result<long long> row = m_inserts.next_id("cases");
    if (!row) return row.status();
    const std::string case_row = std::to_string(*row);
    std::map<std::string, std::string> ties = {{"id", case_row}, {"case_id", case_id}};
    Record c = line["case"];
    c["origin_store"] = origin_store ? Record(*origin_store) : Record();
    c["origin_case_id"] = origin_case_id ? Record(*origin_case_id) : Record();
    m_inserts.add(number, "cases", c, ties);
    for (const store::CopiedTable& t : store::copied_tables()) {
      if (!t.case_column || t.parent || std::string(t.name) == "cases" || !line.contains(t.name)) continue;
      const bool has_id = contains(m_lines.columns(t.name), "id");
      for (const Record& r : line[t.name]) {
        std::map<std::string, std::string> own = {{"case_row", case_row}};
        if (has_id) {
          Result<long long> id = m_inserts.next_id(t.name);
          if (!id) return id.status();
          own["id"] = std::to_string(*id);
        }
        m_inserts.add(number, t.name, r, own);
        for (const store::CopiedTable& child : store::copied_tables()) {
          if (!child.parent || std::string(child.parent) != t.name || !r.contains(child.name)) continue;
          for (const Record& g : r[child.name]) m_inserts.add(number, child.name, g, {{child.case_column, own.at("id")}});
        }
      }
    }
    return Status::ok();
  }

  // Appends the export's journal rows of the cases `here` gives an id for, under that id, chained
  // to this store's journal.
  Status append_journal_rows(const std::function<std::optional<std::string>(const std::string&)>& here) {
    for (const Line& stored : m_file.journal_rows) {
      const Line j = stored.parsed();
      std::optional<std::string> case_id = here(text_field(j.record, "case_id").value_or(""));
      if (!case_id) continue;
      JournalEntry entry;
      entry.at = text_field(j.record, "at").value_or("");
      entry.effective_on = text_field(j.record, "effective_on").value_or("");
      entry.actor = text_field(j.record, "actor").value_or("");
      entry.login = text_field(j.record, "login").value_or("");
      entry.command = text_field(j.record, "command").value_or("");
      entry.case_id = *case_id;
      entry.action = text_field(j.record, "action").value_or("");
      entry.changes = text_field(j.record, "changes").value_or("{}");
      CASECTL_TRY(m_store.append_journal(entry));
      ++m_report.journal_rows;
    }
    return Status::ok();
  }

  store::CaseStore& m_store;
  const config::Config& m_config;
  const ChangeContext& m_change;
  const ImportRequest& m_request;
  CaseLines& m_lines;
  ExportFile& m_file;
  ImportReport& m_report;
  Inserts m_inserts;
  std::string m_here; // this store's id
  std::map<CaseKey, CaseHere> m_by_key;
  std::map<std::string, CaseHere> m_by_external;
  std::map<std::string, std::string> m_new_id;               // their case id -> ours, for every case of the file
  std::map<std::string, std::string> m_added;                // the same, for the cases added
  std::vector<std::pair<std::string, Record>> m_import_rows; // the journal rows "import" of cases, by case id
};

} // namespace

Status import_store(store::CaseStore& store, std::istream& in, const std::string& source, const config::Config& config,
                    const ChangeContext& change, const ImportRequest& request, ImportReport& report) {
  Result<CaseLines> lines = CaseLines::of(store);
  if (!lines) return lines.status();
  Result<ExportFile> file = read_export(in, source, store.schema_version(), *lines, request.lines_read);
  if (!file) return file.status();
  if (request.stage) request.stage(request.dry_run ? "checking" : "importing");
  return store.write(
      [&]() -> Status {
        report = ImportReport{};
        Importer importer(store, config, change, request, *lines, *file, report);
        return importer.run();
      },
      request.dry_run);
}

} // namespace casectl
