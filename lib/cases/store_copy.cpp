#include "cases/store_copy.hpp"

#include "cases/documents.hpp"
#include "cases/journal.hpp"
#include "cases/lookups.hpp"
#include "cases/store_export.hpp"
#include "util/messages.hpp"
#include "util/sha256.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace casectl {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The columns a copy of `table` carries: the target's, less those derived from the others. The
// source must have each (both stores are at the same schema version once open), and nothing more.
Result<std::vector<std::string>> columns_to_copy(store::CaseStore& from, store::CaseStore& to, const std::string& table) {
  Result<std::vector<std::string>> source = from.table_columns(table);
  if (!source) return source.status();
  Result<std::vector<std::string>> target = to.table_columns(table);
  if (!target) return target.status();
  const std::vector<std::string>& derived = store::derived_columns(table);
  std::vector<std::string> columns;
  for (const std::string& c : *target) {
    if (contains(derived, c)) continue;
    if (!contains(*source, c))
      return Status::internal(trf("{} has no column {}.{}, which {} has", from.location(), table, c, to.location()));
    columns.push_back(c);
  }
  for (const std::string& c : *source)
    if (!contains(*target, c) && !contains(derived, c))
      return Status::internal(trf("{} has no column {}.{}, which {} has", to.location(), table, c, from.location()));
  return columns;
}

// A table's rows in one digest: each value as <byte length>:<bytes> (NULL as '-'), each row ended
// by a newline, so that no two different tables of rows give the same text.
void add_row(digest::Sha256& digest, const store::TableRow& row) {
  for (const std::optional<std::string>& value : row) {
    if (!value) {
      digest.add("-|");
      continue;
    }
    digest.add(std::to_string(value->size()));
    digest.add(":");
    digest.add(*value);
    digest.add("|");
  }
  digest.add("\n");
}

// What was read of one table: its columns, its rows and their digest.
struct TableCopy {
  std::string table;
  std::vector<std::string> columns;
  long long rows = 0;
  std::string digest;
};

Result<TableCopy> copy_table(store::CaseStore& from, store::CaseStore& to, const std::string& table) {
  Result<std::vector<std::string>> columns = columns_to_copy(from, to, table);
  if (!columns) return columns.status();
  TableCopy copy{table, *columns, 0, ""};
  digest::Sha256 digest;
  const std::size_t batch_rows = store::copy_batch_rows(columns->size());
  std::vector<store::TableRow> batch;
  CASECTL_TRY(from.each_table_row(table, *columns, [&](const store::TableRow& row) {
    ++copy.rows;
    add_row(digest, row);
    batch.push_back(row);
    if (batch.size() < batch_rows) return Status::ok();
    Status inserted = to.insert_table_rows(table, *columns, batch);
    batch.clear();
    return inserted;
  }));
  CASECTL_TRY(to.insert_table_rows(table, *columns, batch));
  copy.digest = digest.hex();
  return copy;
}

// Every row of the table, read back from the target, is the row read from the source.
Status verify_table(store::CaseStore& from, store::CaseStore& to, const TableCopy& copy) {
  digest::Sha256 digest;
  long long rows = 0;
  CASECTL_TRY(to.each_table_row(copy.table, copy.columns, [&](const store::TableRow& row) {
    ++rows;
    add_row(digest, row);
    return Status::ok();
  }));
  if (rows != copy.rows)
    return Status::internal(trf("the copy was not kept: table {} has {} rows in {} but {} in the copy", copy.table, copy.rows,
                                from.location(), rows));
  if (digest.hex() != copy.digest)
    return Status::internal(trf("the copy was not kept: the rows of table {} read back from {} differ from {}'s", copy.table,
                                to.location(), from.location()));
  return Status::ok();
}

// The first field in which two cards differ, for the message.
std::string first_difference(const Record& a, const Record& b) {
  for (const auto& [field, value] : a.items())
    if (!b.contains(field) || b.at(field) != value) return field;
  for (const auto& [field, value] : b.items())
    if (!a.contains(field)) return field;
  return "(the order of its fields)";
}

Status verify_card(store::CaseStore& from, store::CaseStore& to, const std::string& case_id, const config::Config& config,
                   date::Date today) {
  Result<Case> source = find_case(from, case_id);
  if (!source) return source.status();
  Result<Case> target = find_case(to, case_id);
  if (!target) return Status::internal(trf("the copy was not kept: case {} is missing from it", case_id));
  Result<Record> expected = case_card_record(from, *source, config, today);
  if (!expected) return expected.status();
  Result<Record> got = case_card_record(to, *target, config, today);
  if (!got) return got.status();
  if (*expected == *got) return Status::ok();
  return Status::internal(trf("the copy was not kept: case {} differs in the copy (field '{}' of `show -o json`)", case_id,
                              first_difference(*expected, *got)));
}

// The cases whose cards are compared: all of them in a store of up to k_cards_compared cases, else
// that many spread evenly from the first to the last (each card is a dozen queries on both sides;
// the rows under them were all compared already).
constexpr long long k_cards_compared = 1000;

Status verify_cards(store::CaseStore& from, store::CaseStore& to, long long cases, const config::Config& config,
                    const ChangeContext& change, CopyReport& report) {
  const long long step = std::max(1LL, (cases + k_cards_compared - 1) / k_cards_compared);
  long long at = 0;
  return from.each_table_row("cases", {"case_id"}, [&](const store::TableRow& row) {
    bool compared = at % step == 0 || at == cases - 1;
    ++at;
    if (!compared) return Status::ok();
    ++report.cases_verified;
    return verify_card(from, to, row.at(0).value_or(""), config, change.clock.today);
  });
}

Result<CopyReport> copy_all(store::CaseStore& from, store::CaseStore& to, const config::Config& config,
                            const ChangeContext& change, bool replace) {
  Result<bool> empty = store_holds_nothing(to);
  if (!empty) return empty.status();
  if (!*empty && !replace)
    return Status::conflict(trf("{} already holds cases, staff or history; copy into a new store, or add --force "
                                "to replace everything in it (its journal too)",
                                to.location()));
  // Even a new store holds the journal rows of its creation: the copy's journal is the source's.
  CASECTL_TRY(to.empty_store());
  CopyReport report;
  std::vector<TableCopy> copies;
  long long cases = 0;
  for (const store::CopiedTable& t : store::copied_tables()) {
    Result<TableCopy> copy = copy_table(from, to, t.name);
    if (!copy) return copy.status();
    report.tables.push_back({t.name, copy->rows});
    if (copy->table == "cases") cases = copy->rows;
    copies.push_back(std::move(*copy));
  }
  CASECTL_TRY(to.finish_copy());
  // A copy is the same store: an export from either names the same source (store_export.hpp).
  Result<std::string> id = from.store_id();
  if (!id) return id.status();
  CASECTL_TRY(to.set_store_id(*id));
  for (const TableCopy& copy : copies) CASECTL_TRY(verify_table(from, to, copy));
  CASECTL_TRY(verify_cards(from, to, cases, config, change, report));
  Record counts = Record::object();
  for (const CopiedCount& c : report.tables) counts[c.table] = c.rows;
  CASECTL_TRY(journal(to, change, "", "copy", Record{{"from", from.location()}, {"rows", counts}}));
  return report;
}

} // namespace

Result<CopyReport> copy_store(store::CaseStore& from, store::CaseStore& to, const config::Config& config,
                              const ChangeContext& change, bool replace) {
  std::optional<CopyReport> report;
  Status status = from.read([&] {
    return to.write([&]() -> Status {
      Result<CopyReport> done = copy_all(from, to, config, change, replace);
      if (!done) return done.status();
      report = std::move(*done);
      return Status::ok();
    });
  });
  if (!status) return status;
  return std::move(*report);
}

} // namespace casectl
