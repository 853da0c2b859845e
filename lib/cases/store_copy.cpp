#include "cases/store_copy.hpp"

#include "cases/documents.hpp"
#include "cases/journal.hpp"
#include "cases/lookups.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace casectl {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// True when the store holds nothing a user wrote: no row in any copied table but the journal's
// rows of the store's own creation (action "migrate").
Result<bool> holds_nothing(store::CaseStore& store) {
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
      return Status::internal(fmt::format("{} has no column {}.{}, which {} has", from.location(), table, c, to.location()));
    columns.push_back(c);
  }
  for (const std::string& c : *source)
    if (!contains(*target, c) && !contains(derived, c))
      return Status::internal(fmt::format("{} has no column {}.{}, which {} has", to.location(), table, c, from.location()));
  return columns;
}

Result<long long> copy_table(store::CaseStore& from, store::CaseStore& to, const std::string& table) {
  Result<std::vector<std::string>> columns = columns_to_copy(from, to, table);
  if (!columns) return columns.status();
  long long rows = 0;
  CASECTL_TRY(from.each_table_row(table, *columns, [&](const store::TableRow& row) {
    ++rows;
    return to.insert_table_row(table, *columns, row);
  }));
  return rows;
}

Status verify_counts(store::CaseStore& from, store::CaseStore& to, const std::string& table) {
  Result<long long> source = from.count_rows(table);
  if (!source) return source.status();
  Result<long long> target = to.count_rows(table);
  if (!target) return target.status();
  if (*source == *target) return Status::ok();
  return Status::internal(fmt::format("the copy was not kept: table {} has {} rows in {} but {} in the copy", table, *source,
                                      from.location(), *target));
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
  if (!target) return Status::internal(fmt::format("the copy was not kept: case {} is missing from it", case_id));
  Result<Record> expected = case_card_record(from, *source, config, today);
  if (!expected) return expected.status();
  Result<Record> got = case_card_record(to, *target, config, today);
  if (!got) return got.status();
  if (*expected == *got) return Status::ok();
  return Status::internal(fmt::format("the copy was not kept: case {} differs in the copy (field '{}' of `show -o json`)",
                                      case_id, first_difference(*expected, *got)));
}

Result<CopyReport> copy_all(store::CaseStore& from, store::CaseStore& to, const config::Config& config,
                            const ChangeContext& change, bool replace) {
  Result<bool> empty = holds_nothing(to);
  if (!empty) return empty.status();
  if (!*empty && !replace)
    return Status::conflict(fmt::format("{} already holds cases, staff or history; copy into a new store, or add --force "
                                        "to replace everything in it (its journal too)",
                                        to.location()));
  // Even a new store holds the journal rows of its creation: the copy's journal is the source's.
  CASECTL_TRY(to.empty_store());
  CopyReport report;
  for (const store::CopiedTable& t : store::copied_tables()) {
    Result<long long> rows = copy_table(from, to, t.name);
    if (!rows) return rows.status();
    report.tables.push_back({t.name, *rows});
  }
  CASECTL_TRY(to.finish_copy());
  for (const store::CopiedTable& t : store::copied_tables()) CASECTL_TRY(verify_counts(from, to, t.name));
  CASECTL_TRY(from.each_table_row("cases", {"case_id"}, [&](const store::TableRow& row) {
    ++report.cases_verified;
    return verify_card(from, to, row.at(0).value_or(""), config, change.clock.today);
  }));
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
