// The SQL for cases. Domain code asks for what it needs by name; only this file knows the tables.
// Every function here expects an open Store; those that write expect to run inside SqliteStore::write().
#pragma once

#include "model/case.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace casectl::store::sqlite {

// Writes cases with statements prepared once, whether for one intake or a million records.
// Every method expects to run inside SqliteStore::write(); SQLite errors are thrown as exceptions and
// turned into a Status by the contract's methods (contract.cpp).
class CaseWriter {
 public:
  explicit CaseWriter(SqliteStore& store);
  ~CaseWriter();
  CaseWriter(const CaseWriter&) = delete;
  CaseWriter& operator=(const CaseWriter&) = delete;

  // Inserts a new case with its groups, problems, members, search keys and index row; returns
  // its row id. The case id must be free. An external id already in use gives Status::conflict
  // naming the case that has it.
  Result<long long> insert(const Case& c);

  // Replaces the stored fields, groups, problems and members of the case at `row` with `c`
  // (whose case_id, created_at and created_by are kept as they are in the store).
  Status update(long long row, const Case& c);

  // The row id and case of the case with this external id; nullopt when there is none.
  Result<std::optional<std::pair<long long, Case>>> find_by_external_id(const std::string& external_id);

  // Open cases (not closed, not consultations) that look like `c`: a member with the same name
  // key and birth date, the same phone key, or the same address key in the same district.
  // The case `except_case_id` (the one being updated) is left out. Each case appears once.
  Result<std::vector<DuplicateMatch>> duplicates_of(const Case& c, const std::string& except_case_id);

  // The next case number for `year` (0 when the id format has no year), counting up from 1, and
  // whether a case id is taken. Inside write(): the counter is shared by every process.
  Result<long long> next_case_number(int year);
  Result<bool> case_id_exists(const std::string& case_id);

  // Records that the case at `row` may be the same as `other_case_id`, and why.
  Status link(long long row, const std::string& other_case_id, const std::string& reason);

  // For many inserts in one transaction: from now on, the full-text index rows of new cases
  // (every case row above the largest one now), their first spell of work (case_periods) and
  // their target groups' history (case_group_spans) are not written one by one but all together by
  // write_deferred_search_rows(), which must run before the transaction commits. (One at a time
  // they are dear: FTS5 in SQLite 3.40 flushes its pending terms at every statement savepoint, a
  // segment write per case.) Until then `find` and `list --name` would not see those cases;
  // nothing in an intake searches them. Updates of older cases still write their rows at once.
  void defer_search_rows();
  // Writes the index rows that defer_search_rows() held back, in one statement; afterwards
  // inserts write their rows one by one again. Not an error when nothing was deferred.
  Status write_deferred_search_rows();

  // Ends a deferral whose transaction rolled back: what it held back is gone with it.
  void forget_deferred_search_rows() { m_deferred_after.reset(); }

 private:
  struct Statements;
  // Writes the groups, problems, members and index row of the case at `row`; `registering`: a new
  // case, which gets its first spell and its groups from the opening (an updated case's new
  // groups hold from the business day of the change, c.updated_on).
  void write_parts(long long row, const Case& c, bool registering);
  SqliteStore& m_store;
  std::unique_ptr<Statements> m_statements;
  std::optional<long long> m_deferred_after; // while deferring: the largest case row before
};

// Loads one case by its case id, or, failing that, by its external id. Not found is not an error
// here: the result holds std::nullopt.
Result<std::optional<Case>> load_case(SqliteStore& store, const std::string& case_id_or_external_id);

// Calls `each` for every case matching `filter` (with `search` or `name`, through the full-text
// index: words are reduced by text::search_key and each is matched as a prefix, so "Семён" finds
// "Семёнова" and "Semyonova"; a search of digits only matches phone numbers by their last digits).
// A search that holds no letters or digits gives Status::invalid., in the filter's order, one row at a time (memory
// does not grow with the number of cases). Stops at the first failed Status `each` returns.
Status each_case(SqliteStore& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each);

// Calls `each` for every journal entry of a case of that kind (action "read" for reads, any other
// for changes), oldest first.
Status each_history_entry(SqliteStore& store, const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                          HistoryKind kind = HistoryKind::changes);

} // namespace casectl::store::sqlite
