// View models: the one shape of each result that every output format renders.
// The JSON a command prints and the data its templates see are these objects.
// Field names are stable snake_case and documented in docs/scripting.md; an empty optional value
// is null, lists are always arrays, dates are ISO 8601.
#pragma once

#include "cases/case.hpp"
#include "output/records.hpp"

namespace casectl::views {

// The full case, as `casectl show` prints it.
Record case_record(const Case& c);

// One row of `casectl list`, and the columns a table shows.
Record summary_record(const CaseSummary& s);
const std::vector<Column>& summary_columns();

// One journal entry, as `casectl log` prints it ("changes" is the parsed JSON object).
Record history_record(const HistoryEntry& e);
const std::vector<Column>& history_columns();

} // namespace casectl::views
