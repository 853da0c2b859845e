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

// Which cases a report counts: each field given (codes, not labels) narrows it; "" = any.
// `agency`: cases whose approved plan gives that agency a task; in the task reports (overdue,
// services) it narrows the tasks themselves to that agency's.
struct CaseScope {
  std::string district, agency, manager, group, urgency, source;
};

// What the rows are grouped by. `period`: by the periods given (their keys), for --by month.
// `agency`: in case counts, each agency of the case (a case with several counts in each; none: "");
// in the task reports, the task's agency. `service`: the task itself (its text; services only).
enum class CaseDimension { none, district, manager, urgency, group, source, agency, period, service };

// The counts of one value of the dimension (or of one period).
struct CaseCounts {
  std::string key;           // the district, manager login, urgency, group, source, agency code or period key;
                             // "" for cases without one (no manager, no group), and for `none`
  long long open_at_end = 0; // full cases open on the period's last day
  long long in_intake = 0, in_assessment = 0, active = 0; // of those still in that spell, by their status now
  long long opened = 0;                                   // full cases opened in the period
  long long closed = 0;                                   // full cases closed in the period
  long long goals_achieved = 0;                           // of those, closed with the outcome goals-achieved
  long long families = 0;                                 // full cases under accompaniment in the period
  long long people = 0;                                   // the people of those cases
  long long consultations = 0;                            // consultations in the period
  long long people_consulted = 0;
};

// Counts cases by `by` in each period (one row per dimension value that has cases opened by a
// period's end; by `period`, one row per period that has any). Values with no cases are absent:
// the caller knows the reference lists. With a case in several target groups (or agencies),
// `group` (`agency`) counts it in each.
Result<std::vector<CaseCounts>> count_cases(Store& store, const std::vector<ReportPeriod>& periods, CaseDimension by,
                                            const CaseScope& scope);

// Full cases opened in the period by their source, in source order. Sources with none are absent.
Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(Store& store, const ReportPeriod& period,
                                                                                 const CaseScope& scope);

// Significant events that happened in the period, by event type, in type order. Types with no
// events are absent.
Result<std::vector<std::pair<std::string, long long>>> count_events(Store& store, const ReportPeriod& period,
                                                                    const CaseScope& scope);

// Response times of the full cases opened in the period.
struct ResponseTimes {
  long long opened = 0;              // full cases opened in the period
  long long assessed = 0;            // of those, assessed at least once by the period's end
  long long on_time = 0;             // of those, first assessed on or before the day of their response deadline
  std::optional<double> median_days; // median days from opening to the first assessment; none: no assessed case
};
// The median is the middle value, or the mean of the two middle values for an even count.
Result<ResponseTimes> response_times(Store& store, const ReportPeriod& period, const CaseScope& scope);

// Closed full cases of the period (each once, by its last closure in the period) counted by
// outcome and expectations met, per value of `by`.
struct OutcomeCount {
  std::string key;
  std::string outcome;      // goals-achieved, partly, ...
  std::string expectations; // yes | partly | no
  long long cases = 0;
};
Result<std::vector<OutcomeCount>> count_outcomes(Store& store, const ReportPeriod& period, CaseDimension by,
                                                 const CaseScope& scope);

// The mean change of one assessment domain over the closed cases of the period that have both a
// baseline and a final score for it (closures.domain_changes), per value of `by`.
struct DomainChange {
  std::string key;
  std::string domain;
  long long cases = 0;
  double baseline = 0, final = 0, change = 0; // means
};
Result<std::vector<DomainChange>> average_domain_changes(Store& store, const ReportPeriod& period, CaseDimension by,
                                                         const CaseScope& scope);

// What is late on `today` in open cases, as `casectl due` lists it, counted per value of `by`:
// tasks of the approved plan due before today and not finished; reviews whose date has passed;
// first responses past the urgency deadline (cases still in intake; `now` is the moment compared);
// recurring services delivered less than due over the last whole period (7 days for weekly, 30
// for monthly, 1 for daily) once such a period has passed since the plan began. Reviews and first
// responses are the case manager's work: by agency they fall under "", and an agency scope leaves
// them out.
struct OverdueCounts {
  std::string key;
  long long tasks = 0, reviews = 0, responses = 0, services = 0;
};
Result<std::vector<OverdueCounts>> count_overdue(Store& store, const std::string& today, const std::string& now, CaseDimension by,
                                                 const CaseScope& scope);

// Recurring services (tasks of approved plans with a frequency) in the period, per value of `by`.
// A service is due from the day its plan was approved (or started) to the period's end, `today`
// or the day the task was marked done or cancelled, whichever is first, on the days the case was
// open (its spells): count × days ÷ (1, 7 or 30), rounded to a whole number per task. Delivered: what service_deliveries
// record for it in the period.
struct ServiceCounts {
  std::string key;
  long long tasks = 0, cases = 0, due = 0, delivered = 0;
};
Result<std::vector<ServiceCounts>> count_services(Store& store, const ReportPeriod& period, const std::string& today,
                                                  CaseDimension by, const CaseScope& scope);

} // namespace casectl::store
