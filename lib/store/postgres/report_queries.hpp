// The SQL for reports on PostgreSQL: the contract's report methods (store/case_store.hpp, whose
// header states the definitions every figure follows) with the store first. Every figure is an
// aggregate query over the store; no case is loaded. Each function gives exactly what the SQLite
// engine gives (lib/store/sqlite/report_queries.hpp) for the same data: the same rows, in the same
// order, with the same numbers. Where the two engines' SQL differs in meaning, this side says it
// in SQLite's terms:
// - days between dates are date differences (SQLite's julianday arithmetic gives whole days);
// - text is ordered byte by byte (COLLATE "C", SQLite's BINARY), also for text out of JSON;
// - rounding is half away from zero, as SQLite's round() (numeric's round, not double's);
// - means are computed in C++ from exact sums and counts, as SQLite's avg() of integers, so that
//   the server's float output settings (extra_float_digits) never change a digit.
// Nothing throws; errors are the Connection's Status values.
#pragma once

#include "model/report.hpp"
#include "store/postgres/pg_store.hpp"

#include <string>
#include <utility>
#include <vector>

namespace casectl::store::postgres {

// Counts cases by `by` in each period (one row per dimension value that has cases opened by a
// period's end; by `period`, one row per period that has any), ordered by key. Values with no
// cases are absent. With a case in several target groups (or agencies), `group` (`agency`) counts
// it in each.
Result<std::vector<CaseCounts>> count_cases(PgStore& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const CaseScope& scope);

// Full cases opened in the period by their source, in source order. Sources with none are absent.
Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(PgStore& store, const ReportPeriod& period,
                                                                                 const CaseScope& scope);

// Events that happened in the period (not the family's history before the opening), by event
// type, in type order. Types with no events are absent.
Result<std::vector<std::pair<std::string, long long>>> count_events(PgStore& store, const ReportPeriod& period,
                                                                    const CaseScope& scope);

// Every member named by an event of the period, as CaseStore::event_people.
Result<std::vector<EventPerson>> event_people(PgStore& store, const ReportPeriod& period, const CaseScope& scope);

// The median is the middle value, or the mean of the two middle values for an even count.
Result<ResponseTimes> response_times(PgStore& store, const ReportPeriod& period, const CaseScope& scope);

// Closed full cases of the period (each once, by its last closure in it) by key, outcome and
// expectations met, in that order.
Result<std::vector<OutcomeCount>> count_outcomes(PgStore& store, const ReportPeriod& period, CaseDimension by,
                                                 const CaseScope& scope);

// By key, then domain.
Result<std::vector<DomainChange>> average_domain_changes(PgStore& store, const ReportPeriod& period, CaseDimension by,
                                                         const CaseScope& scope);

// By key.
Result<std::vector<OverdueCounts>> count_overdue(PgStore& store, const std::string& today, const std::string& now,
                                                 CaseDimension by, const CaseScope& scope);

// By key.
Result<std::vector<ServiceCounts>> count_services(PgStore& store, const ReportPeriod& period, const std::string& today,
                                                  CaseDimension by, const CaseScope& scope);

} // namespace casectl::store::postgres
