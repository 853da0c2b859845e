// The SQL for reports: every figure is an aggregate query over the store; no case is loaded.
//
// Definitions shared by every report (docs/reports.md):
// - a full case is one that is not a consultation; a consultation counts on the day it was opened;
// - a case's spells of work (case_periods) run from its opening or a reopening to the closing that
//   ends it; a full case is under accompaniment in a period when one of its spells overlaps the
//   period, open at its end when a spell covers its last day (a closing day is not open), opened
//   in it by its first opening (cases.opened);
// - a case is closed in a period when one of its closures falls in it (closures keep the history
//   of a reopened case); its outcome is the outcome of its last closure in the period;
// - the people of a case are its household members; a case with none recorded counts as one;
// - the agencies of a case are the agencies its approved plan gives tasks to;
// - a case's district, manager, urgency and target groups, to group or filter by, are those in
//   force at the end of the period (case_history, case_group_spans), in count_overdue those of
//   today; its agencies those of today.
// Dates are YYYY-MM-DD text and periods are inclusive at both ends.
#pragma once

#include "store/sqlite/sqlite_store.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace casectl::store::sqlite {

// Counts cases by `by` in each period (one row per dimension value that has cases opened by a
// period's end; by `period`, one row per period that has any). Values with no cases are absent:
// the caller knows the reference lists. With a case in several target groups (or agencies),
// `group` (`agency`) counts it in each.
Result<std::vector<CaseCounts>> count_cases(SqliteStore& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const CaseScope& scope);

// Full cases opened in the period by their source, in source order. Sources with none are absent.
Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(SqliteStore& store, const ReportPeriod& period,
                                                                                 const CaseScope& scope);

// Significant events that happened in the period, by event type, in type order. Types with no
// events are absent.
Result<std::vector<std::pair<std::string, long long>>> count_events(SqliteStore& store, const ReportPeriod& period,
                                                                    const CaseScope& scope);

Result<std::vector<EventPerson>> event_people(SqliteStore& store, const ReportPeriod& period, const CaseScope& scope);

// The median is the middle value, or the mean of the two middle values for an even count.
Result<ResponseTimes> response_times(SqliteStore& store, const ReportPeriod& period, const CaseScope& scope);

Result<std::vector<OutcomeCount>> count_outcomes(SqliteStore& store, const ReportPeriod& period, CaseDimension by,
                                                 const CaseScope& scope);

Result<std::vector<DomainChange>> average_domain_changes(SqliteStore& store, const ReportPeriod& period, CaseDimension by,
                                                         const CaseScope& scope);

Result<std::vector<OverdueCounts>> count_overdue(SqliteStore& store, const std::string& today, const std::string& now,
                                                 CaseDimension by, const CaseScope& scope);

Result<std::vector<ServiceCounts>> count_services(SqliteStore& store, const ReportPeriod& period, const std::string& today,
                                                  CaseDimension by, const CaseScope& scope);

} // namespace casectl::store::sqlite
