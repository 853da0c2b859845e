// Reports over a period: the key figures (KPI) against a comparison period, and the caseload by a
// grouping. Every figure is counted by the store in SQL (store/report_queries.hpp, where the
// definitions are); this layer parses periods, chooses the comparison period, orders and labels
// the rows, and builds the view models. docs/reports.md is the user's description.
#pragma once

#include "config/config.hpp"
#include "output/records.hpp"
#include "store/case_store.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// A reporting period: whole days, inclusive at both ends.
struct Period {
  enum class Unit { month, quarter, year, days };
  date::Date from;
  date::Date to;
  Unit unit = Unit::days;
  std::string label; // "2026-Q3", "2026-10", "2026", or "2026-07-15..2026-08-14" for days
};

// Parses --period: "YYYY" (a year), "YYYY-MM" (a month), "YYYY-QN" (a quarter, N 1-4; "q" too).
// Anything else is Status::usage naming the accepted forms:
// "--period: '2026-13' is not a period; use 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter),
//  or --from DATE --to DATE".
Result<Period> parse_period(const std::string& text);

// The period from `from` to `to` (dates as date::parse_typed_date reads them, "-30d" counted from
// `today`), a Unit::days period. Status::usage when a date is not one, or `to` is before `from`.
Result<Period> period_between(const std::string& from, const std::string& to, date::Date today);

// The period a report compares with. "previous": the period just before (the previous month,
// quarter or year; for days, as many days ending the day before `from`). "year": the same period
// a year before (29 February becomes the 28th). Anything else is Status::usage.
Result<Period> comparison_period(const Period& period, const std::string& compare);

// The months a period touches, each cut to the period ("2026-10" from its first day in the
// period to its last).
std::vector<Period> months_of(const Period& period);

// part / whole × 100, rounded to one decimal: the shares every report shows. None when whole is 0.
std::optional<double> percent_of(long long part, long long whole);

// The filters every report takes, as the user gave them (codes or labels, any case), resolved
// to codes: districts, target groups, sources and agencies against the config, urgencies against
// the fixed list, a manager against the staff (config and store). An unknown value is
// Status::invalid naming the flag, with did you mean: "--agency: unknown agency 'polce' (did you
// mean 'police'?)".
Result<CaseScope> resolve_scope(store::CaseStore& store, const config::Config& config, const CaseScope& given);

// A report over a period: its filters and grouping (--by).
struct ReportRequest {
  Period period;
  std::string today; // YYYY-MM-DD: services are due up to today at most
  CaseScope scope;   // codes (resolve_scope)
  std::string by;    // one of the report's groupings; "" = the report's default
};

// What `report kpi` computes.
struct KpiRequest {
  Period period;
  std::string compare = "previous"; // previous | year
  CaseScope scope;                  // codes
};

// One key figure: its value in the period and in the comparison period. A value is absent when it
// cannot be computed (a median over no cases, a share of none).
struct KpiFigure {
  std::string figure; // stable id: families, people, consultations, ..., new_cases.source.<code>, event.<type>
  std::string label;  // in the configured language
  std::optional<double> value;
  std::optional<double> previous;
};

struct KpiReport {
  Period period;
  Period base; // the comparison period
  std::string compare;
  CaseScope scope;
  std::vector<KpiFigure> figures; // in a fixed order; one per configured source and event type
};

// Computes the key figures of the period and of the comparison period (see the top of this file).
// A bad compare value: Status::usage.
Result<KpiReport> kpi_report(store::CaseStore& store, const config::Config& config, const KpiRequest& request);

// The label of a key figure (families, people, new_cases, closed, ...) in the configured language;
// the figure's code for one the KPI does not have.
std::string figure_label(const config::Config& config, const std::string& figure);

// The groupings each report accepts, in the order help lists them; the first is the default
// (caseload: district; outcomes: none; overdue: manager; services: service).
const std::vector<std::string>& caseload_groupings();
const std::vector<std::string>& outcome_groupings();
const std::vector<std::string>& overdue_groupings();
const std::vector<std::string>& service_groupings();

// One value of a grouping as a report row names it.
struct GroupValue {
  std::string value; // the code ("" for cases without one: no manager, no target group, no agency)
  std::string label; // its label in the configured language
};

// One row of a grouped report: one value of the grouping and its counts (zeros when it has none).
template <typename Counts> struct GroupRow {
  GroupValue group;
  Counts counts;
};

// One row of `report caseload` (goals_achieved is not shown).
using CaseloadReportRow = GroupRow<CaseCounts>;

// Counts cases by the grouping. Every value the config knows appears, with zeros when it has no
// cases (districts, target groups, sources, agencies, urgencies, every month of the period), in
// the config's order, then values found only in the store in code order, then "" (none). By
// manager: the managers that have cases, in login order. An unknown grouping: Status::usage with
// did you mean.
Result<std::vector<CaseloadReportRow>> caseload_report(store::CaseStore& store, const config::Config& config,
                                                       const ReportRequest& request);

// One figure of `report outcomes` for one value of the grouping.
struct OutcomeRow {
  GroupValue group;   // "" and "all" without a grouping
  std::string figure; // closed | outcome.<code> | expectations.<yes|partly|no> | domain.<code>
  std::string label;
  long long cases = 0;                           // closed cases counted (domains: those with a baseline and a final score)
  std::optional<double> percent;                 // of the group's closed cases; none for `closed`, domains, or no closed case
  std::optional<double> baseline, final, change; // domains only: the means
};

// Closed full cases of the period: how many, each outcome (goals-achieved first) and each answer on
// expectations (every code listed, zeros included), and the mean baseline, final score and change
// of every domain the period's closures measured (config order, then unknown codes; in every
// group, with 0 cases where a group has none). Rows per group value as in caseload_report (all
// values, zeros included).
Result<std::vector<OutcomeRow>> outcomes_report(store::CaseStore& store, const config::Config& config,
                                                const ReportRequest& request);

// One row of `report overdue`: what is late today for one value of the grouping.
using OverdueRow = GroupRow<OverdueCounts>;

// What is late on `today` (see store::count_overdue), by manager (default), agency, district,
// urgency, group or source. Only values with something late, in code order, then "" (none).
struct OverdueRequest {
  std::string today; // YYYY-MM-DD
  std::string now;   // YYYY-MM-DDTHH:MM:SSZ
  CaseScope scope;
  std::string by;
};
Result<std::vector<OverdueRow>> overdue_report(store::CaseStore& store, const config::Config& config,
                                               const OverdueRequest& request);

// One row of `report services`.
using ServiceRow = GroupRow<ServiceCounts>;

// Recurring services due (up to today at most) and delivered in the period (see
// store::count_services), by service (the task's text, default), agency, district, manager,
// urgency, group or source. By service: the services found, in text order; otherwise as
// caseload_report.
Result<std::vector<ServiceRow>> services_report(store::CaseStore& store, const config::Config& config,
                                                const ReportRequest& request);

namespace views {

// One key figure as `report kpi` prints it: figure, label, value, previous, change (value -
// previous, null when either is null) and change_percent (change / previous * 100 rounded to one
// decimal; null when the previous value is 0 or null).
Record kpi_record(const KpiFigure& f);
const std::vector<Column>& kpi_columns();

// What every report's template sees besides its rows: period (from, to, label, name as
// views::period_name says it; null for overdue, which has none), today (YYYY-MM-DD), by (the grouping; null for kpi), district
// (null for all) and district_label, filters (each other filter given: flag, name (e.g. "Ведомство"), value, label).
Record report_heading(const Period* period, const std::string& today, const CaseScope& scope, const std::string& by,
                      const config::Config& config);

// What a KPI template sees: report_heading, base (from, to, label), compare, figures (kpi_record
// plus value_bar and previous_bar: each value as a percentage 0-100 of the larger of the two, for
// bar charts), count.
Record kpi_report_record(const KpiReport& report, const config::Config& config, const std::string& today);

// One row of `report caseload`, with the grouping's name in "by".
Record caseload_report_record(const CaseloadReportRow& row, const std::string& by);
const std::vector<Column>& caseload_report_columns();

// One row of `report outcomes`: by, group, group_label, first_in_group (true on the group's first
// row, `closed`), measured (true on domain rows), figure, label, cases, percent, baseline, final,
// change. The columns leave out by and group without a grouping.
Record outcome_record(const OutcomeRow& row, const std::string& by);
std::vector<Column> outcome_columns(const std::string& by);

// One row of `report overdue`: by, value, label, overdue_tasks, overdue_reviews, late_responses,
// under_delivered, total.
Record overdue_record(const OverdueRow& row, const std::string& by);
const std::vector<Column>& overdue_columns();

// One row of `report services`: by, value, label, tasks, cases, due, delivered, delivered_percent
// (delivered / due * 100, one decimal; null when nothing was due), shortfall (due - delivered, 0
// at least).
Record service_record(const ServiceRow& row, const std::string& by);
// By service the label is the value (the task's text): the table shows it once.
std::vector<Column> service_columns(const std::string& by);

} // namespace views

} // namespace casectl
