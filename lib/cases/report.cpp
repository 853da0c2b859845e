#include "cases/report.hpp"

#include "cases/assign.hpp"
#include "cases/intake.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>

namespace casectl {

namespace {

using namespace std::chrono;

const char* const k_period_forms = "use 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter), or --from DATE --to DATE";

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

Period month_period(int y, unsigned m) {
  year_month ym = year{y} / month{m};
  return {sys_days{ym / 1}, sys_days{ym / last}, Period::Unit::month, fmt::format("{:04}-{:02}", y, m)};
}

Period quarter_period(int y, int q) {
  year_month first = year{y} / month{static_cast<unsigned>(q * 3 - 2)};
  year_month last_month = first + months{2};
  return {sys_days{first / 1}, sys_days{last_month / last}, Period::Unit::quarter, fmt::format("{:04}-Q{}", y, q)};
}

Period year_period(int y) {
  return {sys_days{year{y} / January / 1}, sys_days{year{y} / December / 31}, Period::Unit::year, fmt::format("{:04}", y)};
}

Period days_period(date::Date from, date::Date to) {
  return {from, to, Period::Unit::days, date::format_date(from) + ".." + date::format_date(to)};
}

// The same day a year before; 29 February becomes the 28th.
date::Date year_before(date::Date d) {
  year_month_day ymd{d};
  year_month_day earlier = (ymd.year() - years{1}) / ymd.month() / ymd.day();
  if (!earlier.ok()) earlier = (ymd.year() - years{1}) / ymd.month() / last;
  return sys_days{earlier};
}

int year_number(date::Date d) { return static_cast<int>(year_month_day{d}.year()); }
unsigned month_number(date::Date d) { return static_cast<unsigned>(year_month_day{d}.month()); }

store::ReportPeriod report_period(const Period& p, std::string key = "") {
  return {std::move(key), date::format_date(p.from), date::format_date(p.to)};
}

// Labels of the key figures and of "no value", in Russian and English.
struct FigureName {
  const char* figure;
  const char* ru;
  const char* en;
};
const FigureName k_figures[] = {
    {"families", "Семей на сопровождении", "Families under accompaniment"},
    {"people", "Человек в семьях на сопровождении", "People served"},
    {"consultations", "Консультаций", "Consultations"},
    {"people_consulted", "Человек получили консультацию", "People consulted"},
    {"new_cases", "Новых случаев", "New cases"},
    {"closed", "Закрыто случаев", "Cases closed"},
    {"closed_goals_achieved", "Закрыто с достижением целей", "Closed with goals achieved"},
    {"median_days_to_assessment", "Медиана дней до первой оценки", "Median days from opening to the first assessment"},
};

const char* in_language(const config::Config& config, const char* ru, const char* en) {
  return config.language == "en" ? en : ru;
}

// A value as JSON: a whole number as an integer, null when absent.
Record number(std::optional<double> value) {
  if (!value) return nullptr;
  if (std::floor(*value) == *value && std::fabs(*value) < 1e15) return static_cast<long long>(*value);
  return *value;
}

long long bar(std::optional<double> value, std::optional<double> other) {
  double larger = std::max(value.value_or(0), other.value_or(0));
  if (larger <= 0 || !value || *value <= 0) return 0;
  return std::llround(*value / larger * 100);
}

// The reference items of a grouping, in the config's order: the values every report lists.
std::vector<config::RefItem> reference_items(const config::Config& config, const std::string& by) {
  if (by == "district") return config.districts;
  if (by == "group") return config.groups;
  if (by == "source") return config.sources;
  if (by == "urgency") return urgencies();
  return {};
}

} // namespace

Result<Period> parse_period(const std::string& text) {
  auto bad = [&] { return Status::usage(fmt::format("--period: '{}' is not a period; {}", text, k_period_forms)); };
  if (text.size() < 4 || !all_digits(text.substr(0, 4))) return bad();
  int y = std::stoi(text.substr(0, 4));
  if (y < 1900) return bad();
  if (text.size() == 4) return year_period(y);
  if (text.size() == 7 && text[4] == '-' && all_digits(text.substr(5))) {
    unsigned m = static_cast<unsigned>(std::stoi(text.substr(5)));
    if (m < 1 || m > 12) return bad();
    return month_period(y, m);
  }
  if (text.size() == 7 && text[4] == '-' && (text[5] == 'Q' || text[5] == 'q') && text[6] >= '1' && text[6] <= '4')
    return quarter_period(y, text[6] - '0');
  return bad();
}

Result<Period> period_between(const std::string& from, const std::string& to) {
  Result<date::Date> start = date::parse_date(from);
  if (!start) return Status::usage(fmt::format("--from: {}", start.status().message()));
  Result<date::Date> end = date::parse_date(to);
  if (!end) return Status::usage(fmt::format("--to: {}", end.status().message()));
  if (*end < *start)
    return Status::usage(fmt::format("--to {} is before --from {}; give the period's first day, then its last",
                                     date::format_date(*end), date::format_date(*start)));
  return days_period(*start, *end);
}

Result<Period> comparison_period(const Period& p, const std::string& compare) {
  int y = year_number(p.from);
  if (compare == "year") {
    switch (p.unit) {
    case Period::Unit::month: return month_period(y - 1, month_number(p.from));
    case Period::Unit::quarter: return quarter_period(y - 1, static_cast<int>(month_number(p.from) + 2) / 3);
    case Period::Unit::year: return year_period(y - 1);
    case Period::Unit::days: return days_period(year_before(p.from), year_before(p.to));
    }
  }
  if (compare == "previous") {
    switch (p.unit) {
    case Period::Unit::month: {
      year_month earlier = year{y} / month{month_number(p.from)} - months{1};
      return month_period(static_cast<int>(earlier.year()), static_cast<unsigned>(earlier.month()));
    }
    case Period::Unit::quarter: {
      int q = static_cast<int>(month_number(p.from) + 2) / 3;
      return q == 1 ? quarter_period(y - 1, 4) : quarter_period(y, q - 1);
    }
    case Period::Unit::year: return year_period(y - 1);
    case Period::Unit::days: return days_period(p.from - (p.to - p.from) - days{1}, p.from - days{1});
    }
  }
  std::vector<std::string> known = {"previous", "year"};
  return Status::usage(fmt::format("--compare: '{}' is not a comparison{}; use previous (the period before) or year "
                                   "(the same period a year before)",
                                   compare, text::did_you_mean(compare, known)));
}

std::vector<Period> months_of(const Period& p) {
  std::vector<Period> all;
  for (year_month ym{year{year_number(p.from)}, month{month_number(p.from)}};
       sys_days{ym / 1} <= p.to; ym += months{1}) {
    Period m = month_period(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
    m.from = std::max(m.from, p.from);
    m.to = std::min(m.to, p.to);
    all.push_back(std::move(m));
  }
  return all;
}

Result<KpiReport> kpi_report(store::Store& store, const config::Config& config, const KpiRequest& request) {
  Result<Period> base = comparison_period(request.period, request.compare);
  if (!base) return base.status();
  KpiReport report{request.period, *base, request.compare, request.district, {}};
  store::ReportPeriod now = report_period(report.period, "now"), before = report_period(report.base, "before");

  Result<std::vector<store::CaseCounts>> counted =
      store::count_cases(store, {now, before}, store::CaseDimension::period, request.district);
  if (!counted) return counted.status();
  store::CaseCounts counts_now, counts_before;
  for (const store::CaseCounts& c : *counted) (c.key == "now" ? counts_now : counts_before) = c;

  Result<std::optional<double>> median_now = store::median_days_to_first_assessment(store, now, request.district);
  if (!median_now) return median_now.status();
  Result<std::optional<double>> median_before = store::median_days_to_first_assessment(store, before, request.district);
  if (!median_before) return median_before.status();

  auto add = [&](const FigureName& name, std::optional<double> value, std::optional<double> previous) {
    report.figures.push_back({name.figure, in_language(config, name.ru, name.en), value, previous});
  };
  auto add_count = [&](const FigureName& name, long long store::CaseCounts::*field) {
    add(name, static_cast<double>(counts_now.*field), static_cast<double>(counts_before.*field));
  };
  add_count(k_figures[0], &store::CaseCounts::families);
  add_count(k_figures[1], &store::CaseCounts::people);
  add_count(k_figures[2], &store::CaseCounts::consultations);
  add_count(k_figures[3], &store::CaseCounts::people_consulted);
  add_count(k_figures[4], &store::CaseCounts::opened);
  add_count(k_figures[5], &store::CaseCounts::closed);
  add_count(k_figures[6], &store::CaseCounts::goals_achieved);
  add(k_figures[7], *median_now, *median_before);

  // Every configured event type, zeros included, then types only the store has (an older config's).
  std::map<std::string, std::pair<long long, long long>> events;
  for (const config::RefItem& e : config.events) events[e.code];
  for (auto [which, period] : {std::pair{0, now}, std::pair{1, before}}) {
    Result<std::vector<std::pair<std::string, long long>>> found = store::count_events(store, period, request.district);
    if (!found) return found.status();
    for (const auto& [type, count] : *found) (which == 0 ? events[type].first : events[type].second) = count;
  }
  auto add_event = [&](const std::string& type, const std::string& label) {
    const auto& [value, previous] = events.at(type);
    report.figures.push_back({"event." + type, label, static_cast<double>(value), static_cast<double>(previous)});
  };
  for (const config::RefItem& e : config.events) add_event(e.code, config.label(e));
  for (const auto& [type, _] : events)
    if (std::none_of(config.events.begin(), config.events.end(), [&](const config::RefItem& e) { return e.code == type; }))
      add_event(type, type);
  return report;
}

const std::vector<std::string>& caseload_groupings() {
  static const std::vector<std::string> all = {"district", "manager", "urgency", "group", "source", "month"};
  return all;
}

Result<std::vector<CaseloadReportRow>> caseload_report(store::Store& store, const config::Config& config,
                                                       const CaseloadReportRequest& request) {
  const std::vector<std::string>& groupings = caseload_groupings();
  if (std::find(groupings.begin(), groupings.end(), request.by) == groupings.end())
    return Status::usage(fmt::format("--by: cannot group by '{}'{}; use one of {}", request.by,
                                     text::did_you_mean(request.by, groupings), text::join(groupings, ", ")));
  static const std::map<std::string, store::CaseDimension> dimensions = {
      {"district", store::CaseDimension::district}, {"manager", store::CaseDimension::manager},
      {"urgency", store::CaseDimension::urgency},   {"group", store::CaseDimension::group},
      {"source", store::CaseDimension::source},     {"month", store::CaseDimension::period}};

  std::vector<store::ReportPeriod> periods;
  std::vector<config::RefItem> items = reference_items(config, request.by);
  if (request.by == "month") {
    for (const Period& m : months_of(request.period)) {
      periods.push_back(report_period(m, m.label));
      items.push_back({m.label, m.label, m.label});
    }
  } else {
    periods.push_back(report_period(request.period));
  }
  Result<std::vector<store::CaseCounts>> counted =
      store::count_cases(store, periods, dimensions.at(request.by), request.district);
  if (!counted) return counted.status();

  std::optional<Roster> roster;
  if (request.by == "manager") {
    Result<Roster> loaded = load_roster(store, config);
    if (!loaded) return loaded.status();
    roster = std::move(*loaded);
  }
  auto row_of = [&](const std::string& value, const std::string& label) {
    CaseloadReportRow row{value, label, {}};
    for (const store::CaseCounts& c : *counted)
      if (c.key == value) row.counts = c;
    return row;
  };
  std::vector<CaseloadReportRow> rows;
  for (const config::RefItem& item : items) rows.push_back(row_of(item.code, config.label(item)));
  // Values the reference lists do not know (the store's codes are in byte order), then "none".
  for (const store::CaseCounts& c : *counted) {
    bool known = std::any_of(items.begin(), items.end(), [&](const config::RefItem& i) { return i.code == c.key; });
    if (known || c.key.empty()) continue;
    std::string label = roster ? roster->name_of(c.key) : std::string();
    rows.push_back(row_of(c.key, label.empty() ? c.key : label));
  }
  bool has_none = std::any_of(counted->begin(), counted->end(), [](const store::CaseCounts& c) { return c.key.empty(); });
  if (has_none) rows.push_back(row_of("", in_language(config, "(нет)", "(none)")));
  return rows;
}

namespace views {

Record kpi_record(const KpiFigure& f) {
  std::optional<double> change;
  if (f.value && f.previous) change = *f.value - *f.previous;
  Record percent = nullptr;
  if (change && *f.previous != 0) percent = std::round(*change / *f.previous * 1000) / 10;
  return {{"figure", f.figure},       {"label", f.label},   {"value", number(f.value)},
          {"previous", number(f.previous)}, {"change", number(change)}, {"change_percent", percent}};
}

const std::vector<Column>& kpi_columns() {
  static const std::vector<Column> columns = {
      {"figure", "FIGURE"},     {"label", "LABEL"},   {"value", "VALUE"},
      {"previous", "PREVIOUS"}, {"change", "CHANGE"}, {"change_percent", "CHANGE %"},
  };
  return columns;
}

Record kpi_report_record(const KpiReport& report, const config::Config& config) {
  auto period = [](const Period& p) {
    return Record{{"from", date::format_date(p.from)}, {"to", date::format_date(p.to)}, {"label", p.label}};
  };
  Record district = nullptr, district_label = nullptr;
  if (!report.district.empty()) {
    district = report.district;
    district_label = report.district;
    for (const config::RefItem& d : config.districts)
      if (d.code == report.district) district_label = config.label(d);
  }
  Record figures = Record::array();
  for (const KpiFigure& f : report.figures) {
    Record r = kpi_record(f);
    r["value_bar"] = bar(f.value, f.previous);
    r["previous_bar"] = bar(f.previous, f.value);
    figures.push_back(std::move(r));
  }
  std::size_t count = figures.size();
  return {{"period", period(report.period)}, {"base", period(report.base)},       {"compare", report.compare},
          {"district", district},           {"district_label", district_label}, {"figures", std::move(figures)},
          {"count", count}};
}

Record caseload_report_record(const CaseloadReportRow& row, const std::string& by) {
  return {{"by", by},
          {"value", row.value.empty() ? Record() : Record(row.value)},
          {"label", row.label},
          {"open_at_end", row.counts.open_at_end},
          {"opened", row.counts.opened},
          {"closed", row.counts.closed},
          {"families", row.counts.families},
          {"people", row.counts.people},
          {"consultations", row.counts.consultations},
          {"people_consulted", row.counts.people_consulted}};
}

const std::vector<Column>& caseload_report_columns() {
  static const std::vector<Column> columns = {
      {"value", "VALUE"},       {"label", "LABEL"},   {"open_at_end", "OPEN AT END"},
      {"opened", "OPENED"},     {"closed", "CLOSED"}, {"families", "FAMILIES"},
      {"people", "PEOPLE"},     {"consultations", "CONSULTATIONS"}, {"people_consulted", "PEOPLE CONSULTED"},
  };
  return columns;
}

} // namespace views

} // namespace casectl
