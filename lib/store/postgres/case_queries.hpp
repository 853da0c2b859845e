// The case queries of the PostgreSQL engine: the contract's case methods (store/case_store.hpp),
// as free functions taking the store first, with the contract's signatures, until PgStore is a
// CaseStore. Their results are those of the SQLite engine (lib/store/sqlite/case_queries.hpp),
// byte for byte, for the same cases:
// - the keys are computed in C++ as the SQLite writer computes them (text::phone_key,
//   text::search_key for the address and the members' names, store::sort_keys_of for the sort
//   keys, stored as bytea), never by the server;
// - each_case orders by the sort keys, then the text's bytes, then the case id, with NULL (no case
//   manager) first ascending and last descending, as SQLite does;
// - duplicates_of lists matches in the order SQLite finds them (members, then phones, then
//   addresses, each by row), each case once.
// - each_case with `search` or `name` finds the cases SQLite finds (store::search_terms says what
//   matches; the search rows are tsvectors, search_keys.hpp) and orders `find` ("rank") by
//   store::name_words's rule, as SQLite does.
// Every function returns a Status or Result, never throws; those that write expect to run inside
// PgStore::write().
#pragma once

#include "model/assessment.hpp"
#include "model/case.hpp"
#include "model/change.hpp"
#include "model/journal.hpp"
#include "store/postgres/pg_store.hpp"
#include "util/status.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace casectl::store::postgres {

Result<long long> insert_case(PgStore& store, const Case& c);
Status update_case(PgStore& store, long long row, const Case& c);
Result<std::optional<Case>> load_case(PgStore& store, const std::string& case_id_or_external_id);
Result<std::optional<std::pair<long long, Case>>> find_by_external_id(PgStore& store, const std::string& external_id);
Result<std::vector<DuplicateMatch>> duplicates_of(PgStore& store, const Case& c, const std::string& except_case_id);
Result<bool> case_id_exists(PgStore& store, const std::string& case_id);
// Writes every case's sort keys (name_sort, district_sort, manager_sort) from its name, district
// and case manager, as insert_case computes them (a copy's finish_copy).
Status write_sort_keys(PgStore& store);
Status link_cases(PgStore& store, long long row, const std::string& other_case_id, const std::string& reason);

// The contract's defer_search_rows and write_deferred_search_rows: insert_case writes a case's
// search row in the statement that writes the case, so there is nothing left to write at the end
// of a bulk intake; both do nothing. (A case is found as soon as it is inserted, within its
// transaction, which the contract allows.)
Status defer_search_rows(PgStore& store);
Status write_deferred_search_rows(PgStore& store);

// Streams the rows through a cursor (Connection::each_row): memory holds one batch. `each` may
// read from the store but must not call PgStore::write().
Status each_case(PgStore& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each);
Status each_history_entry(PgStore& store, const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                          HistoryKind kind = HistoryKind::changes);

Result<std::optional<CaseState>> case_state(PgStore& store, const std::string& case_id_or_external_id);
Status update_case_state(PgStore& store, const CaseState& state, const ChangeTime& when);

} // namespace casectl::store::postgres
