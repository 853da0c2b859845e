#include "cases/report_pages.hpp"

#include "output/chart.hpp"

#include <fmt/format.h>

#include <chrono>

namespace casectl {

using namespace std::chrono;

namespace {

using config::in_language;

ReportPeriod report_period_of(const Period& p, std::string key = "") {
  return {std::move(key), date::format_date(p.from), date::format_date(p.to)};
}

unsigned month_of(date::Date d) { return static_cast<unsigned>(year_month_day{d}.month()); }
int year_of(date::Date d) { return static_cast<int>(year_month_day{d}.year()); }

const char* const k_months_ru[] = {"январь", "февраль", "март",     "апрель",  "май",    "июнь",
                                   "июль",   "август",  "сентябрь", "октябрь", "ноябрь", "декабрь"};
const char* const k_months_en[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const k_months_kk[] = {"қаңтар", "ақпан", "наурыз",   "сәуір", "мамыр",  "маусым",
                                   "шілде",  "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"};
const char* const k_short_kk[] = {"қаң", "ақп", "нау", "сәу", "мам", "мау", "шіл", "там", "қыр", "қаз", "қар", "жел"};
const char* const k_short_ru[] = {"янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"};
const char* const k_short_en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A month's short label; with the year when the period spans more than one.
std::string month_label(date::Date d, bool with_year, const config::Config& config) {
  std::string name = in_language(config, k_short_ru[month_of(d) - 1], k_short_en[month_of(d) - 1], k_short_kk[month_of(d) - 1]);
  return with_year ? fmt::format("{} {:02}", name, year_of(d) % 100) : name;
}

// A month key "YYYY-MM" as a short label; anything else as it is.
std::string month_key_label(const std::string& key, bool with_year, const config::Config& config) {
  Result<date::Date> d = date::parse_date(key + "-01");
  if (key.size() != 7 || !d) return key;
  return month_label(*d, with_year, config);
}

Result<std::vector<KpiMonth>> count_months(store::CaseStore& store, const Period& period, const CaseScope& scope) {
  std::vector<KpiMonth> months;
  std::vector<ReportPeriod> periods;
  for (Period& m : months_of(period)) {
    periods.push_back(report_period_of(m, m.label));
    months.push_back({std::move(m), {}, {}});
  }
  Result<std::vector<CaseCounts>> counted = store.count_cases(periods, CaseDimension::period, scope);
  if (!counted) return counted.status();
  for (KpiMonth& m : months) {
    for (const CaseCounts& c : *counted)
      if (c.key == m.month.label) m.counts = c;
    Result<ResponseTimes> times = store.response_times(report_period_of(m.month), scope);
    if (!times) return times.status();
    m.times = *times;
  }
  return months;
}

Record optional_number(std::optional<double> v) { return v ? Record(*v) : Record(); }

std::optional<double> value_of(const Record& r, const char* field) {
  const Record& v = r[field];
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

// The main figures month by month: what the trend charts and table show, each with the KPI's
// figure whose label it has.
struct TrendFigure {
  const char* figure;
  const char* kpi_figure;
};
const TrendFigure k_trend[] = {
    {"families", "families"},
    {"people", "people"},
    {"opened", "new_cases"},
    {"closed", "closed"},
    {"on_time_percent", "assessed_by_deadline_percent"},
};

Record month_record(const KpiMonth& m, bool with_year, const config::Config& config) {
  return {{"month", m.month.label},
          {"label", month_label(m.month.from, with_year, config)},
          {"name", views::period_name(m.month, config)},
          {"families", m.counts.families},
          {"people", m.counts.people},
          {"opened", m.counts.opened},
          {"closed", m.counts.closed},
          {"on_time_percent", optional_number(percent_of(m.times.on_time, m.times.opened))}};
}

chart::Series series_of(const std::string& name, const Record& rows, const char* field) {
  chart::Series s{name, {}};
  for (const Record& r : rows) s.values.push_back(value_of(r, field));
  return s;
}

// A stacked chart of two periods' counts by part (sources, outcomes): parts with nothing in either
// period are left out of the drawing (the tables list them).
std::string two_period_parts(const std::string& title, const std::vector<std::string>& periods,
                             const std::vector<std::tuple<std::string, double, double>>& parts, const config::Config& config) {
  chart::Chart c;
  c.title = title;
  c.language = config.language;
  c.categories = periods;
  for (const auto& [label, now, before] : parts)
    if (now > 0 || before > 0) c.series.push_back({label, {now, before}});
  return chart::stacked_bars(c);
}

const Record* figure_named(const Record& figures, const std::string& code) {
  for (const Record& f : figures)
    if (f["figure"] == code) return &f;
  return nullptr;
}

} // namespace

Result<KpiDetail> kpi_detail(store::CaseStore& store, const config::Config& config, const KpiReport& report,
                             const std::string& today) {
  KpiDetail detail;
  Result<std::vector<KpiMonth>> months = count_months(store, report.period, report.scope);
  if (!months) return months.status();
  detail.months = std::move(*months);
  Result<std::vector<KpiMonth>> base = count_months(store, report.base, report.scope);
  if (!base) return base.status();
  detail.base_months = std::move(*base);
  ReportRequest request{report.period, today, report.scope, "district"};
  Result<std::vector<CaseloadReportRow>> districts = caseload_report(store, config, request);
  if (!districts) return districts.status();
  detail.districts = std::move(*districts);
  request.by = "none";
  Result<std::vector<OutcomeRow>> outcomes = outcomes_report(store, config, request);
  if (!outcomes) return outcomes.status();
  detail.outcomes = std::move(*outcomes);
  request.period = report.base;
  Result<std::vector<OutcomeRow>> base_outcomes = outcomes_report(store, config, request);
  if (!base_outcomes) return base_outcomes.status();
  detail.base_outcomes = std::move(*base_outcomes);
  return detail;
}

namespace views {

std::string period_name(const Period& p, const config::Config& config) {
  bool en = config.language == "en", kk = config.language == "kk";
  int y = year_of(p.from);
  switch (p.unit) {
  case Period::Unit::month:
    if (kk) return fmt::format("{} жылғы {}", y, k_months_kk[month_of(p.from) - 1]);
    return fmt::format("{} {}", en ? k_months_en[month_of(p.from) - 1] : k_months_ru[month_of(p.from) - 1], y);
  case Period::Unit::quarter: {
    static const char* const roman[] = {"I", "II", "III", "IV"};
    unsigned q = (month_of(p.from) + 2) / 3;
    if (kk) return fmt::format("{} жылғы {} тоқсан", y, roman[q - 1]);
    return en ? fmt::format("Q{} {}", q, y) : fmt::format("{} квартал {}", roman[q - 1], y);
  }
  case Period::Unit::year:
    if (kk) return fmt::format("{} жыл", y);
    return en ? fmt::format("{}", y) : fmt::format("{} год", y);
  case Period::Unit::days: break;
  }
  if (en) return date::format_date(p.from) + " – " + date::format_date(p.to);
  auto ru_date = [](date::Date d) {
    std::string iso = date::format_date(d);
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
  };
  return ru_date(p.from) + " — " + ru_date(p.to);
}

namespace {

// The months of the period, each with the comparison period's month at the same place.
Record months_record(const KpiDetail& detail, bool with_year, const config::Config& config, Record& base_months) {
  base_months = Record::array();
  for (const KpiMonth& m : detail.base_months) base_months.push_back(month_record(m, with_year, config));
  Record months = Record::array();
  for (std::size_t i = 0; i < detail.months.size(); ++i) {
    Record m = month_record(detail.months[i], with_year, config);
    m["base"] = i < base_months.size() ? base_months[i] : Record();
    months.push_back(std::move(m));
  }
  return months;
}

// Each main figure month by month: its row of the trend table, and its chart in `charts`.
Record trend_record(const Record& months, const Record& base_months, const std::string& now, const std::string& before,
                    const config::Config& config, Record& charts) {
  std::vector<std::string> categories;
  for (const Record& m : months) categories.push_back(m["label"].get<std::string>());
  Record trend = Record::array();
  for (const TrendFigure& f : k_trend) {
    Record values = Record::array(), base_values = Record::array();
    for (const Record& m : months) values.push_back({{"value", m[f.figure]}});
    for (const Record& m : base_months) base_values.push_back({{"value", m[f.figure]}});
    trend.push_back({{"figure", f.figure},
                     {"label", figure_label(config, f.kpi_figure)},
                     {"values", std::move(values)},
                     {"base_values", std::move(base_values)}});

    chart::Chart c;
    c.title = figure_label(config, f.kpi_figure);
    c.language = config.language;
    c.categories = categories;
    c.series = {series_of(before, base_months, f.figure), series_of(now, months, f.figure)};
    c.series[0].values.resize(categories.size());
    c.current = 1;
    if (std::string(f.figure) == "on_time_percent") {
      c.axis_max = 100;
      c.whole_numbers = false;
      c.unit = "%";
      charts["on_time"] = chart::lines(c);
    } else {
      charts[f.figure] = chart::columns(c);
    }
  }
  return trend;
}

using PeriodParts = std::vector<std::tuple<std::string, double, double>>; // label, now, before

// New cases by source in both periods, from the KPI's new_cases.source.* figures.
PeriodParts source_parts(const Record& figures, const config::Config& config) {
  PeriodParts sources;
  const std::string prefix = "new_cases.source.",
                    label_head = in_language(config, "Новых случаев: ", "New cases: ", "Жаңа істер: ");
  for (const Record& f : figures) {
    if (f["figure"].get<std::string>().rfind(prefix, 0) != 0) continue;
    std::string label = f["label"].get<std::string>();
    if (label.rfind(label_head, 0) == 0) label = label.substr(label_head.size());
    sources.emplace_back(label, value_of(f, "value").value_or(0), value_of(f, "previous").value_or(0));
  }
  return sources;
}

// Closures by outcome in both periods.
PeriodParts outcome_parts(const KpiDetail& detail) {
  PeriodParts outcomes;
  for (const OutcomeRow& row : detail.outcomes) {
    if (row.figure.rfind("outcome.", 0) != 0) continue;
    double earlier = 0;
    for (const OutcomeRow& b : detail.base_outcomes)
      if (b.figure == row.figure) earlier = static_cast<double>(b.cases);
    outcomes.emplace_back(row.label, static_cast<double>(row.cases), earlier);
  }
  return outcomes;
}

// The small panels: families, new cases and the seed 003 events, each period's value and the change.
std::vector<chart::Change> seed_changes(const Record& figures) {
  std::vector<chart::Change> changes;
  for (const char* code : {"families", "new_cases", "event.child-placed-in-care", "event.rights-violation-report"}) {
    const Record* f = figure_named(figures, code);
    if (!f) continue;
    changes.push_back(
        {(*f)["label"].get<std::string>(), value_of(*f, "value"), value_of(*f, "previous"), value_of(*f, "change_percent")});
  }
  return changes;
}

} // namespace

Record kpi_page_record(const KpiReport& report, const KpiDetail& detail, const config::Config& config, const std::string& today) {
  Record page = kpi_report_record(report, config, today);
  std::string now = period_name(report.period, config), before = period_name(report.base, config);
  page["base"]["name"] = before;
  bool with_year = year_of(report.period.from) != year_of(report.period.to);

  Record base_months;
  Record months = months_record(detail, with_year, config, base_months);
  Record charts = Record::object();
  page["trend"] = trend_record(months, base_months, now, before, config, charts);

  const Record& figures = page["figures"];
  charts["sources"] =
      two_period_parts(in_language(config, "Новые случаи по источникам", "New cases by source", "Жаңа істер көздері бойынша"),
                       {now, before}, source_parts(figures, config), config);
  charts["outcomes"] = two_period_parts(
      in_language(config, "Закрытые случаи по итогам", "Closed cases by outcome", "Жабылған істер нәтижелері бойынша"),
      {now, before}, outcome_parts(detail), config);

  Record districts = Record::array();
  for (const CaseloadReportRow& row : detail.districts) districts.push_back(caseload_report_record(row, "district"));
  charts["districts"] = caseload_charts(districts, "district", config)["rows"];
  page["districts"] = std::move(districts);

  charts["changes"] = chart::change_panels(
      report.compare == "year" ? in_language(config, "Изменение за год", "Change year on year", "Жылдық өзгеріс")
                               : in_language(config, "Изменение к предыдущему периоду", "Change on the previous period",
                                             "Алдыңғы кезеңмен салыстырғандағы өзгеріс"),
      seed_changes(figures), now, before, config.language);

  page["several_months"] = months.size() > 1;
  page["months"] = std::move(months);
  page["charts"] = std::move(charts);
  return page;
}

Record caseload_charts(const Record& rows, const std::string& by, const config::Config& config) {
  chart::Chart c;
  c.language = config.language;
  c.title = in_language(config, "Семьи, новые и закрытые случаи", "Families, new and closed cases",
                        "Отбасылар, жаңа және жабылған істер");
  bool by_month = by == "month";
  bool with_year = false;
  if (by_month && !rows.empty())
    with_year = rows.front()["value"].get<std::string>().substr(0, 4) != rows.back()["value"].get<std::string>().substr(0, 4);
  for (const Record& r : rows) {
    std::string label = r["label"].is_string() ? r["label"].get<std::string>() : "";
    c.categories.push_back(by_month ? month_key_label(label, with_year, config) : label);
  }
  c.series = {series_of(in_language(config, "Семей на сопровождении", "Families under accompaniment", "Сүйемелдеудегі отбасылар"),
                        rows, "families"),
              series_of(in_language(config, "Новых случаев", "New cases", "Жаңа істер"), rows, "opened"),
              series_of(in_language(config, "Закрыто", "Closed", "Жабылды"), rows, "closed")};
  return {{"rows", by_month ? chart::columns(c) : chart::bars(c)}};
}

Record outcome_charts(const Record& rows, const config::Config& config) {
  chart::Chart c;
  c.language = config.language;
  c.title = in_language(config, "Закрытые случаи по итогам", "Closed cases by outcome", "Жабылған істер нәтижелері бойынша");
  std::vector<std::string> outcome_labels;
  std::vector<std::string> groups;
  for (const Record& r : rows) {
    std::string figure = r["figure"].get<std::string>();
    if (figure == "closed") groups.push_back(r["group_label"].get<std::string>());
    if (figure.rfind("outcome.", 0) == 0 &&
        std::find(outcome_labels.begin(), outcome_labels.end(), r["label"].get<std::string>()) == outcome_labels.end())
      outcome_labels.push_back(r["label"].get<std::string>());
  }
  c.categories = groups;
  for (const std::string& label : outcome_labels) {
    chart::Series s{label, {}};
    for (const Record& r : rows)
      if (r["label"] == label && r["figure"].get<std::string>().rfind("outcome.", 0) == 0)
        s.values.push_back(value_of(r, "cases"));
    // An outcome no group has is left out of the drawing (the table lists it).
    if (std::any_of(s.values.begin(), s.values.end(), [](const std::optional<double>& v) { return v && *v > 0; }))
      c.series.push_back(std::move(s));
  }
  return {{"outcomes", chart::stacked_bars(c)}};
}

Record service_charts(const Record& rows, const config::Config& config) {
  chart::Chart c;
  c.language = config.language;
  c.title =
      in_language(config, "Услуги: положено и оказано", "Services: due and delivered", "Қызметтер: тиесілі және көрсетілген");
  for (const Record& r : rows) c.categories.push_back(r["label"].is_string() ? r["label"].get<std::string>() : "");
  c.series = {series_of(in_language(config, "Положено", "Due", "Тиесілі"), rows, "due"),
              series_of(in_language(config, "Оказано", "Delivered", "Көрсетілді"), rows, "delivered")};
  return {{"rows", chart::bars(c)}};
}

} // namespace views

} // namespace casectl
