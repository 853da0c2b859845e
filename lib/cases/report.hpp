// Reports over a period: the key figures (KPI) against a comparison period, and the caseload by a
// grouping. Every figure is counted by the store in SQL (store/report_queries.hpp, where the
// definitions are); this layer parses periods, chooses the comparison period, orders and labels
// the rows, and builds the view models. docs/reports.md is the user's description.
#pragma once

#include "config/config.hpp"
#include "output/records.hpp"
#include "store/report_queries.hpp"
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

// The period from `from` to `to` (dates as parse_date reads them), a Unit::days period.
// Status::usage when a date is not one, or `to` is before `from`.
Result<Period> period_between(const std::string& from, const std::string& to);

// The period a report compares with. "previous": the period just before (the previous month,
// quarter or year; for days, as many days ending the day before `from`). "year": the same period
// a year before (29 February becomes the 28th). Anything else is Status::usage.
Result<Period> comparison_period(const Period& period, const std::string& compare);

// The months a period touches, each cut to the period ("2026-10" from its first day in the
// period to its last).
std::vector<Period> months_of(const Period& period);

// What `report kpi` computes.
struct KpiRequest {
  Period period;
  std::string compare = "previous"; // previous | year
  std::string district;             // a district code; "" = every district
};

// One key figure: its value in the period and in the comparison period. A value is absent when it
// cannot be computed (a median over no cases).
struct KpiFigure {
  std::string figure; // stable id: families, people, consultations, ..., event.<type>
  std::string label;  // in the configured language
  std::optional<double> value;
  std::optional<double> previous;
};

struct KpiReport {
  Period period;
  Period base; // the comparison period
  std::string compare;
  std::string district;
  std::vector<KpiFigure> figures; // in a fixed order; one per configured event type
};

// Computes the key figures of the period and of the comparison period (see the top of this file).
// A bad compare value: Status::usage.
Result<KpiReport> kpi_report(store::Store& store, const config::Config& config, const KpiRequest& request);

// The groupings `report caseload --by` accepts, in the order help lists them.
const std::vector<std::string>& caseload_groupings();

struct CaseloadReportRequest {
  Period period;
  std::string by = "district"; // one of caseload_groupings()
  std::string district;        // a district code; "" = every district
};

// One row of `report caseload`: one value of the grouping.
struct CaseloadReportRow {
  std::string value; // the code ("" for cases without one: no manager, no target group)
  std::string label; // its label in the configured language
  store::CaseCounts counts; // zeros when the value has no cases (goals_achieved is not shown)
};

// Counts cases by the grouping. Every value the config knows appears, with zeros when it has no
// cases (districts, target groups, sources, urgencies, every month of the period), in the config's
// order, then values found only in the store in code order, then "" (none). By manager: the
// managers that have cases, in login order. An unknown grouping: Status::usage with did you mean.
Result<std::vector<CaseloadReportRow>> caseload_report(store::Store& store, const config::Config& config,
                                                       const CaseloadReportRequest& request);

namespace views {

// One key figure as `report kpi` prints it: figure, label, value, previous, change (value -
// previous, null when either is null) and change_percent (change / previous * 100 rounded to one
// decimal; null when the previous value is 0 or null).
Record kpi_record(const KpiFigure& f);
const std::vector<Column>& kpi_columns();

// What a KPI template sees: period, base (each from, to, label), compare, district (null for all)
// and district_label, and figures (kpi_record plus value_bar and previous_bar: each value as a
// percentage 0-100 of the larger of the two, for bar charts), count.
Record kpi_report_record(const KpiReport& report, const config::Config& config);

// One row of `report caseload`, with the grouping's name in "by".
Record caseload_report_record(const CaseloadReportRow& row, const std::string& by);
const std::vector<Column>& caseload_report_columns();

} // namespace views

} // namespace casectl
