// casectl report: the period's key figures against a comparison period (kpi), the caseload by a
// grouping (caseload), outcomes of closed cases (outcomes), what is late (overdue) and services
// due against delivered (services). The figures are counted in SQL; see lib/cases/report.hpp.
#include "commands.hpp"

#include "cases/report.hpp"
#include "cases/report_pages.hpp"
#include "util/date.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <list>

namespace casectl::cli {

namespace {

// The options every report takes: the period, the filters and, for most, a grouping.
struct ReportFlags {
  std::string period, from, to, by;
  CaseScope scope; // as given: codes or labels
  OutputFlags output;
};

void add_filter_options(CLI::App& command, ReportFlags& flags) {
  command.add_option("--district", flags.scope.district, "Only the cases of this district");
  command.add_option("--agency", flags.scope.agency, "Only the cases (tasks) of this agency");
  command.add_option("--manager", flags.scope.manager, "Only the cases of this case manager (login)");
  command.add_option("--group", flags.scope.group, "Only the cases of this target group");
  command.add_option("--urgency", flags.scope.urgency, "Only the cases of this urgency");
  command.add_option("--source", flags.scope.source, "Only the cases from this source");
  add_output_flags(command, flags.output);
  add_listing_flags(command, flags.output);
}

void add_period_options(CLI::App& command, ReportFlags& flags) {
  command.add_option("--period", flags.period, "The period: 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter)");
  command.add_option("--from", flags.from, "The period's first day (instead of --period)");
  command.add_option("--to", flags.to, "The period's last day (default with --from: today)");
}

void add_grouping_option(CLI::App& command, ReportFlags& flags, const std::vector<std::string>& groupings) {
  command.add_option("--by", flags.by, "Group by " + text::join(groupings, ", "))->default_str(groupings.front());
}

// The period of --period, or of --from and --to; exactly one of the two ways.
Result<Period> period_of(const ReportFlags& flags, const Context& context) {
  bool range = !flags.from.empty() || !flags.to.empty();
  if (!flags.period.empty() && range) return Status::usage(tr("--period and --from/--to are alternatives; give one"));
  if (!flags.period.empty()) return parse_period(flags.period);
  if (flags.from.empty() && !flags.to.empty()) return Status::usage(tr("--to needs --from: the period's first day"));
  if (!range)
    return Status::usage(tr("give the period: --period 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter), or "
                            "--from DATE --to DATE"));
  return period_between(flags.from, flags.to.empty() ? "today" : flags.to, context.change.clock.today);
}

std::string today_of(const Context& context) { return date::format_date(context.change.clock.today); }

// The period, the grouping (the first of `groupings` when none was given) and the resolved filters
// of a report, checked before anything is counted.
Result<ReportRequest> request_of(const ReportFlags& flags, Context& context, const std::vector<std::string>& groupings) {
  ReportRequest request;
  Result<Period> period = period_of(flags, context);
  if (!period) return period.status();
  request.period = *period;
  request.today = today_of(context);
  request.by = flags.by.empty() && !groupings.empty() ? groupings.front() : flags.by;
  Result<CaseScope> scope = resolve_scope(*context.store, context.config, flags.scope);
  if (!scope) return scope.status();
  request.scope = *scope;
  return request;
}

// -o html: the report's page, the built-in template `page` (or the region's of that name).
Status use_page(OutputFlags& output, const char* page) {
  if (output.format != "html") return Status::ok();
  if (!output.template_name.empty())
    return Status::usage(trf("-o html prints the report's page ({}); --template prints another: give one of the two", page));
  output.template_name = page;
  output.format.clear();
  return Status::ok();
}

// Prints the rows `compute` returns through `record_of`, in a format, or through a template that
// sees `heading` (views::report_heading) with "rows", "count" and, with `charts`, "charts" drawn
// from the rows.
template <typename Row>
Status print_report(Context& context, ReportFlags& flags, const std::vector<Column>& columns, Record heading,
                    const std::function<Result<std::vector<Row>>()>& compute, const std::function<Record(const Row&)>& record_of,
                    const std::function<Record(const Record&)>& charts = nullptr) {
  Result<std::vector<Row>> rows = compute();
  if (!rows) return rows.status();
  if (!flags.output.template_name.empty()) {
    Record all = Record::array();
    for (const Row& row : *rows) all.push_back(record_of(row));
    CASECTL_TRY(sort_and_limit(flags.output, columns, all));
    if (charts) heading["charts"] = charts(all);
    heading["count"] = all.size();
    heading["rows"] = std::move(all);
    return print_record(context, flags.output, heading);
  }
  return print_records(context, flags.output, columns, "rows", [&](const RecordSink& sink) {
    for (const Row& row : *rows) CASECTL_TRY(sink(record_of(row)));
    return Status::ok();
  });
}

Record heading_of(const ReportRequest& request, const std::string& by, const Context& context) {
  return views::report_heading(&request.period, today_of(context), request.scope, by, context.config);
}

void define_kpi(CLI::App& command, std::shared_ptr<ReportFlags> flags, std::shared_ptr<std::string> compare, Handler& handler) {
  flags->output.html_page = true;
  add_period_options(command, *flags);
  command.add_option("--compare", *compare, "Compare with the previous period (previous) or a year before (year)")
      ->default_str("previous");
  add_filter_options(command, *flags);
  handler = [flags, compare](Context& context) -> Status {
    Result<ReportRequest> asked = request_of(*flags, context, {});
    if (!asked) return asked.status();
    CASECTL_TRY(use_page(flags->output, "kpi.html"));
    KpiRequest request{asked->period, *compare, asked->scope};
    Result<KpiReport> report = kpi_report(*context.store, context.config, request);
    if (!report) return report.status();
    // A template sees the whole report (the periods, months, districts and charts besides the
    // figures); the formats, the rows.
    if (!flags->output.template_name.empty()) {
      Result<KpiDetail> detail = kpi_detail(*context.store, context.config, *report, today_of(context));
      if (!detail) return detail.status();
      Record whole = views::kpi_page_record(*report, *detail, context.config, today_of(context));
      CASECTL_TRY(sort_and_limit(flags->output, views::kpi_columns(), whole["figures"]));
      whole["count"] = whole["figures"].size();
      return print_record(context, flags->output, whole);
    }
    return print_records(context, flags->output, views::kpi_columns(), "figures", [&](const RecordSink& sink) {
      for (const KpiFigure& f : report->figures) CASECTL_TRY(sink(views::kpi_record(f)));
      return Status::ok();
    });
  };
}

void define_caseload_report(CLI::App& command, std::shared_ptr<ReportFlags> flags, Handler& handler) {
  flags->output.html_page = true;
  add_period_options(command, *flags);
  add_grouping_option(command, *flags, caseload_groupings());
  add_filter_options(command, *flags);
  handler = [flags](Context& context) -> Status {
    CASECTL_TRY(use_page(flags->output, "caseload.html"));
    Result<ReportRequest> request = request_of(*flags, context, caseload_groupings());
    if (!request) return request.status();
    const std::string& by = request->by;
    return print_report<CaseloadReportRow>(
        context, *flags, views::caseload_report_columns(), heading_of(*request, by, context),
        [&] { return caseload_report(*context.store, context.config, *request); },
        [&](const CaseloadReportRow& row) { return views::caseload_report_record(row, by); },
        [&](const Record& rows) { return views::caseload_charts(rows, by, context.config); });
  };
}

void define_outcomes_report(CLI::App& command, std::shared_ptr<ReportFlags> flags, Handler& handler) {
  flags->output.html_page = true;
  add_period_options(command, *flags);
  add_grouping_option(command, *flags, outcome_groupings());
  add_filter_options(command, *flags);
  handler = [flags](Context& context) -> Status {
    CASECTL_TRY(use_page(flags->output, "outcomes.html"));
    Result<ReportRequest> request = request_of(*flags, context, outcome_groupings());
    if (!request) return request.status();
    return print_report<OutcomeRow>(
        context, *flags, views::outcome_columns(request->by), heading_of(*request, request->by, context),
        [&] { return outcomes_report(*context.store, context.config, *request); },
        [&](const OutcomeRow& row) { return views::outcome_record(row, request->by); },
        [&](const Record& rows) { return views::outcome_charts(rows, context.config); });
  };
}

void define_overdue_report(CLI::App& command, std::shared_ptr<ReportFlags> flags, Handler& handler) {
  // What is late is a state of one day, today (--today fixes it), not of a period.
  add_period_options(command, *flags);
  add_grouping_option(command, *flags, overdue_groupings());
  add_filter_options(command, *flags);
  handler = [flags](Context& context) -> Status {
    if (!flags->period.empty() || !flags->from.empty() || !flags->to.empty())
      return Status::usage(tr("report overdue counts what is late today, not over a period; leave out "
                              "--period/--from/--to (give --today DATE for another day)"));
    OverdueRequest request;
    request.today = date::format_date(context.change.clock.today);
    request.now = date::format_timestamp(context.change.clock.now);
    request.by = flags->by.empty() ? overdue_groupings().front() : flags->by;
    Result<CaseScope> scope = resolve_scope(*context.store, context.config, flags->scope);
    if (!scope) return scope.status();
    request.scope = *scope;
    Record heading = views::report_heading(nullptr, request.today, request.scope, request.by, context.config);
    return print_report<OverdueRow>(
        context, *flags, views::overdue_columns(), std::move(heading),
        [&] { return overdue_report(*context.store, context.config, request); },
        [&](const OverdueRow& row) { return views::overdue_record(row, request.by); });
  };
}

void define_services_report(CLI::App& command, std::shared_ptr<ReportFlags> flags, Handler& handler) {
  flags->output.html_page = true;
  add_period_options(command, *flags);
  add_grouping_option(command, *flags, service_groupings());
  add_filter_options(command, *flags);
  handler = [flags](Context& context) -> Status {
    CASECTL_TRY(use_page(flags->output, "services.html"));
    Result<ReportRequest> request = request_of(*flags, context, service_groupings());
    if (!request) return request.status();
    return print_report<ServiceRow>(
        context, *flags, views::service_columns(request->by), heading_of(*request, request->by, context),
        [&] { return services_report(*context.store, context.config, *request); },
        [&](const ServiceRow& row) { return views::service_record(row, request->by); },
        [&](const Record& rows) { return views::service_charts(rows, context.config); });
  };
}

} // namespace

void define_report(CLI::App& command, Handler& handler) {
  struct Report {
    CLI::App* command;
    Handler handler;
  };
  auto reports = std::make_shared<std::list<Report>>();
  auto add = [&](const char* name, const char* description) -> Report& {
    reports->push_back({command.add_subcommand(name, description), {}});
    return reports->back();
  };
  command.require_subcommand(1, 1);
  Report& kpi = add("kpi", "The period's key figures against the previous period or a year before");
  define_kpi(*kpi.command, std::make_shared<ReportFlags>(), std::make_shared<std::string>("previous"), kpi.handler);
  Report& caseload = add("caseload", "Cases open, opened and closed, families and people, by a grouping");
  define_caseload_report(*caseload.command, std::make_shared<ReportFlags>(), caseload.handler);
  Report& outcomes = add("outcomes", "Closed cases: outcomes, goals achieved, expectations met, change per domain");
  define_outcomes_report(*outcomes.command, std::make_shared<ReportFlags>(), outcomes.handler);
  Report& overdue = add("overdue", "What is late today: tasks, reviews, first responses, services, by manager or agency");
  define_overdue_report(*overdue.command, std::make_shared<ReportFlags>(), overdue.handler);
  Report& services = add("services", "Recurring services due against delivered in the period");
  define_services_report(*services.command, std::make_shared<ReportFlags>(), services.handler);
  Report& cases = add("cases", "One document per case (case card, plan, assessment) into a directory");
  define_report_cases(*cases.command, cases.handler);
  handler = [reports](Context& context) -> Status {
    for (Report& r : *reports)
      if (r.command->parsed()) return r.handler(context);
    return Status::usage(tr("say which report: kpi, caseload, outcomes, overdue, services or cases"));
  };
}

} // namespace casectl::cli
