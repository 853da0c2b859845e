// What every listing takes beyond its own filters: --fields (which columns, or which JSON keys),
// and, for a listing that does not sort or limit in the store itself, --sort, --limit and --all.
// print_records (app.hpp) applies them to the records a command produces, so a command gets them
// by calling add_listing_flags; list, find, caseload and export sort and limit in the store.
#pragma once

#include "output/records.hpp"
#include "util/status.hpp"

#include <string>
#include <vector>

namespace casectl::cli {

// One key of --sort: a field, descending when it was written -FIELD.
struct SortKey {
  std::string field;
  bool descending = false;
};

// The columns --fields chose ("case_id,phone": in that order), from the listing's columns and any
// other field its records have (`sample`: a record with every field, or null). A field neither
// has: Status::usage naming it, a likely one, and the fields there are. Empty `fields`: `columns`.
Result<std::vector<Column>> chosen_columns(const std::string& fields, const std::vector<Column>& columns, const Record& sample);

// The keys of --sort "district,-open_cases" (comma-separated; -FIELD for descending), each a field
// of `columns` or `sample`; another: Status::usage as above.
Result<std::vector<SortKey>> sort_keys(const std::string& sort, const std::vector<Column>& columns, const Record& sample);

// Sorts `records` by `keys`, stably (rows that tie keep the command's order). Numbers compare as
// numbers, true after false, text in the alphabet's order (text::sort_key: Cyrillic and Kazakh
// letters in place, case ignored); an absent or null field comes first, as an empty one would.
void sort_records(std::vector<Record>& records, const std::vector<SortKey>& keys);

// `record` with only the keys of `columns`, in their order (JSON and NDJSON with --fields).
Record only_fields(const Record& record, const std::vector<Column>& columns);

} // namespace casectl::cli
