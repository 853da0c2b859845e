// The pages a director looks at: report kpi's templates (kpi.html, dashboard.html) and -o html of
// `report caseload`, `outcomes` and `services`. What their templates see besides the report's own
// record: the months, the districts and the closures by outcome of the period and of its comparison
// period, and `charts`, inline SVG drawn by output/chart from those same numbers (so the page's
// numbers and its drawings cannot disagree). docs/templates.md lists the fields.
#pragma once

#include "cases/report.hpp"

namespace casectl {

// One month of a period (cut to the period) and what the KPI counts in it.
struct KpiMonth {
  Period month;
  CaseCounts counts;
  ResponseTimes times;
};

// What the KPI pages draw besides the figures.
struct KpiDetail {
  std::vector<KpiMonth> months;                    // months_of(period)
  std::vector<KpiMonth> base_months;               // months_of(comparison period)
  std::vector<CaseloadReportRow> districts;        // the period, by district (config order)
  std::vector<OutcomeRow> outcomes, base_outcomes; // closures of each period, no grouping
};

// Counts the months, districts and outcomes of `report`'s period and comparison period, with
// `report`'s filters. `today` bounds nothing here; it is the reports' request field.
Result<KpiDetail> kpi_detail(store::CaseStore& store, const config::Config& config, const KpiReport& report,
                             const std::string& today);

namespace views {

// A period as its reader names it: "ноябрь 2026" / "November 2026", "III квартал 2026" / "Q3 2026",
// "2026 год" / "2026", and a range of days "01.11.2026 — 15.11.2026" / "2026-11-01 – 2026-11-15".
std::string period_name(const Period& period, const config::Config& config);

// kpi_report_record plus:
// - period.name and base.name (period_name);
// - months: per month of the period, in order: month (YYYY-MM), label (short: "ноя"), name, families,
//   people, opened, closed, on_time_percent (first assessed by the deadline, % of those opened; null
//   when none opened), and base: the same of the comparison period's month at the same place (null
//   past its end); several_months: true when there are two or more;
// - trend: a row per main figure (figure, label, values: [{value}] per month, base_values);
// - districts: caseload_report_record per district of the period;
// - charts: SVG text, drawn from the fields above: families, people, opened, closed (columns per
//   month, both periods), on_time (lines, %), sources (new cases by source, stacked, both periods),
//   outcomes (closures by outcome, stacked, both periods), districts (families, new cases, closed,
//   side by side on one scale), changes (families, new cases and the seed 003 events, each period's
//   value and the change in %).
Record kpi_page_record(const KpiReport& report, const KpiDetail& detail, const config::Config& config, const std::string& today);

// The charts of the -o html pages, from the records their templates see ("rows", as the report's
// *_record functions make them), in the config's language:
// - caseload: by month, columns of families, opened and closed per month; otherwise bars of the
//   same per value (one scale);
// - outcomes: closures by outcome, stacked, a bar per group;
// - services: due against delivered per row (bars, one scale).
Record caseload_charts(const Record& rows, const std::string& by, const config::Config& config);
Record outcome_charts(const Record& rows, const config::Config& config);
Record service_charts(const Record& rows, const config::Config& config);

} // namespace views

} // namespace casectl
