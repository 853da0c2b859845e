// casectl report: the period's key figures against a comparison period (kpi), and the caseload by
// a grouping (caseload). The figures are counted in SQL; see lib/cases/report.hpp.
#include "commands.hpp"

#include "cases/report.hpp"
#include "util/date.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace casectl::cli {

namespace {

// The options every report takes: the period and the district.
struct ReportFlags {
  std::string period, from, to, district;
  OutputFlags output;
};

void add_report_options(CLI::App& command, ReportFlags& flags) {
  command.add_option("--period", flags.period, "The period: 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter)");
  command.add_option("--from", flags.from, "The period's first day (instead of --period)");
  command.add_option("--to", flags.to, "The period's last day (default with --from: today)");
  command.add_option("--district", flags.district, "Only the cases of this district");
  add_output_flags(command, flags.output);
}

// The period of --period, or of --from and --to; exactly one of the two ways.
Result<Period> period_of(const ReportFlags& flags, const Context& context) {
  bool range = !flags.from.empty() || !flags.to.empty();
  if (!flags.period.empty() && range) return Status::usage("--period and --from/--to are alternatives; give one");
  if (!flags.period.empty()) return parse_period(flags.period);
  if (flags.from.empty() && !flags.to.empty()) return Status::usage("--to needs --from: the period's first day");
  if (!range)
    return Status::usage("give the period: --period 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter), or "
                         "--from DATE --to DATE");
  return period_between(flags.from, flags.to.empty() ? date::format_date(context.change.clock.today) : flags.to);
}

Result<std::string> district_of(const ReportFlags& flags, const Context& context) {
  if (flags.district.empty()) return std::string();
  Result<std::string> code = config::resolve(context.config.districts, flags.district, "district");
  if (!code) return Status::invalid("--district: " + code.status().message());
  return code;
}

void define_kpi(CLI::App& command, std::shared_ptr<ReportFlags> flags, std::shared_ptr<std::string> compare,
                Handler& handler) {
  add_report_options(command, *flags);
  command.add_option("--compare", *compare, "Compare with the previous period (previous) or a year before (year)")
      ->default_str("previous");
  handler = [flags, compare](Context& context) -> Status {
    KpiRequest request;
    Result<Period> period = period_of(*flags, context);
    if (!period) return period.status();
    request.period = *period;
    request.compare = *compare;
    Result<std::string> district = district_of(*flags, context);
    if (!district) return district.status();
    request.district = *district;
    Result<KpiReport> report = Status::internal("no report");
    CASECTL_TRY(store::guarded("read", context.store->path(), [&]() -> Status {
      report = kpi_report(*context.store, context.config, request);
      return report.status();
    }));
    // A template sees the whole report (the periods besides the figures); the formats, the rows.
    if (!flags->output.template_name.empty())
      return print_record(context, flags->output, views::kpi_report_record(*report, context.config));
    return print_records(context, flags->output, views::kpi_columns(), "figures", [&](const RecordSink& sink) {
      for (const KpiFigure& f : report->figures) CASECTL_TRY(sink(views::kpi_record(f)));
      return Status::ok();
    });
  };
}

void define_caseload_report(CLI::App& command, std::shared_ptr<ReportFlags> flags, std::shared_ptr<std::string> by,
                            Handler& handler) {
  add_report_options(command, *flags);
  command.add_option("--by", *by, "Group by district, manager, urgency, group, source or month")->default_str("district");
  handler = [flags, by](Context& context) -> Status {
    CaseloadReportRequest request;
    request.by = *by;
    Result<Period> period = period_of(*flags, context);
    if (!period) return period.status();
    request.period = *period;
    Result<std::string> district = district_of(*flags, context);
    if (!district) return district.status();
    request.district = *district;
    Result<std::vector<CaseloadReportRow>> rows = Status::internal("no report");
    CASECTL_TRY(store::guarded("read", context.store->path(), [&]() -> Status {
      rows = caseload_report(*context.store, context.config, request);
      return rows.status();
    }));
    return print_records(context, flags->output, views::caseload_report_columns(), "rows", [&](const RecordSink& sink) {
      for (const CaseloadReportRow& row : *rows) CASECTL_TRY(sink(views::caseload_report_record(row, request.by)));
      return Status::ok();
    });
  };
}

} // namespace

void define_report(CLI::App& command, Handler& handler) {
  struct Handlers {
    Handler kpi, caseload, cases;
  };
  auto handlers = std::make_shared<Handlers>();
  auto kpi_flags = std::make_shared<ReportFlags>(), caseload_flags = std::make_shared<ReportFlags>();
  auto compare = std::make_shared<std::string>("previous"), by = std::make_shared<std::string>("district");
  command.require_subcommand(1, 1);
  CLI::App* kpi = command.add_subcommand("kpi", "The period's key figures against the previous period or a year before");
  CLI::App* caseload = command.add_subcommand("caseload", "Cases open, opened and closed, families and people, by a grouping");
  define_kpi(*kpi, kpi_flags, compare, handlers->kpi);
  define_caseload_report(*caseload, caseload_flags, by, handlers->caseload);
  CLI::App* cases = command.add_subcommand("cases", "One document per case (case card, plan, assessment) into a directory");
  define_report_cases(*cases, handlers->cases);
  handler = [handlers, kpi, cases](Context& context) -> Status {
    if (cases->parsed()) return handlers->cases(context);
    return kpi->parsed() ? handlers->kpi(context) : handlers->caseload(context);
  };
}

} // namespace casectl::cli
