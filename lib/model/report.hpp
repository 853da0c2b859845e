// What a report counts over and the rows it gets back, with codes only (labels are the domain's
// business). Plain structs, no behaviour; the definitions every figure follows are in
// store/case_store.hpp beside the queries that compute them.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// A period to count over. `key` names it in the result when counts are by period (months).
struct ReportPeriod {
  std::string key;
  std::string from; // YYYY-MM-DD, inclusive
  std::string to;   // YYYY-MM-DD, inclusive
};

// One household member named by an event of the period (CaseStore::event_people): a person is a
// case row and a member number; `birth_date` is the member's (kept for a member removed since),
// "" when unknown.
struct EventPerson {
  std::string type; // the event type
  long long case_row = 0;
  int member = 0;
  std::string happened_on; // YYYY-MM-DD, the event's date
  std::string birth_date;  // YYYY-MM-DD, or ""
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

// Response times of the full cases opened in the period.
struct ResponseTimes {
  long long opened = 0;              // full cases opened in the period
  long long assessed = 0;            // of those, assessed at least once by the period's end
  long long on_time = 0;             // of those, first assessed on or before the day of their response deadline
  std::optional<double> median_days; // median days from opening to the first assessment; none: no assessed case
};

// Closed full cases of the period (each once, by its last closure in the period) counted by
// outcome and expectations met, per value of `by`.
struct OutcomeCount {
  std::string key;
  std::string outcome;      // goals-achieved, partly, ...
  std::string expectations; // yes | partly | no
  long long cases = 0;
};

// The mean change of one assessment domain over the closed cases of the period that have both a
// baseline and a final score for it (closures.domain_changes), per value of `by`.
struct DomainChange {
  std::string key;
  std::string domain;
  long long cases = 0;
  double baseline = 0, final = 0, change = 0; // means
};

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

// Recurring services (tasks of approved plans with a frequency) in the period, per value of `by`.
// A service is due from the day its plan was approved (or started) to the period's end, `today`
// or the day the task was marked done or cancelled, whichever is first, on the days the case was
// open (its spells): count × days ÷ (1, 7 or 30), rounded to a whole number per task. Delivered: what service_deliveries
// record for it in the period.
struct ServiceCounts {
  std::string key;
  long long tasks = 0, cases = 0, due = 0, delivered = 0;
};

} // namespace casectl
