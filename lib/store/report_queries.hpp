// The SQL for reports: every figure is an aggregate query over the store; no case is loaded.
//
// Definitions shared by every report (docs/reports.md):
// - a full case is one that is not a consultation; a consultation counts on the day it was opened;
// - a full case is under accompaniment in a period when it was opened on or before the period's
//   last day and is not closed, or was closed on or after its first day (cases.closed: a reopened
//   case is open again);
// - a case is closed in a period when one of its closures falls in it (closures keep the history
//   of a reopened case); its outcome is the outcome of its last closure in the period;
// - the people of a case are its household members; a case with none recorded counts as one.
// Dates are YYYY-MM-DD text and periods are inclusive at both ends.
#pragma once

#include "store/store.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace casectl::store {

// A period to count over. `key` names it in the result when counts are by period (months).
struct ReportPeriod {
  std::string key;
  std::string from; // YYYY-MM-DD, inclusive
  std::string to;   // YYYY-MM-DD, inclusive
};

// What the cases are counted by. `period`: by the periods given (their keys), for --by month.
enum class CaseDimension { none, district, manager, urgency, group, source, period };

// The counts of one value of the dimension (or of one period).
struct CaseCounts {
  std::string key;             // the district, manager login, urgency, group, source code or period key;
                               // "" for cases without one (no manager, no group), and for `none`
  long long open_at_end = 0;   // full cases open on the period's last day
  long long opened = 0;        // full cases opened in the period
  long long closed = 0;        // full cases closed in the period
  long long goals_achieved = 0; // of those, closed with the outcome goals-achieved
  long long families = 0;      // full cases under accompaniment in the period
  long long people = 0;        // the people of those cases
  long long consultations = 0; // consultations in the period
  long long people_consulted = 0;
};

// Counts cases by `by` in each period (one row per dimension value that has cases opened by a
// period's end; by `period`, one row per period that has any). `district` limits every count to
// one district ("" = all). Values with no cases are absent: the caller knows the reference lists.
// With a case in several target groups, `group` counts it in each.
Result<std::vector<CaseCounts>> count_cases(Store& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const std::string& district);

// Significant events that happened in the period, by event type, in type order. Types with no
// events are absent.
Result<std::vector<std::pair<std::string, long long>>> count_events(Store& store, const ReportPeriod& period,
                                                                    const std::string& district);

// The median number of days from opening to the first assessment, over the full cases opened in
// the period that have been assessed; nullopt when there are none. Half days come from an even count.
Result<std::optional<double>> median_days_to_first_assessment(Store& store, const ReportPeriod& period,
                                                              const std::string& district);

} // namespace casectl::store
