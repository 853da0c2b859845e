#include "cases/report.hpp"

#include "cases/report_pages.hpp"
#include "util/messages.hpp"

#include "cases/assign.hpp"
#include "cases/intake.hpp"
#include "cases/review.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

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

ReportPeriod report_period(const Period& p, std::string key = "") {
  return {std::move(key), date::format_date(p.from), date::format_date(p.to)};
}

// Labels of the key figures and of "no value", in Russian, English and Kazakh.
struct FigureName {
  const char* figure;
  const char* ru;
  const char* en;
  const char* kk;
};
const FigureName k_figures[] = {
    {"families", "Семей на сопровождении", "Families under accompaniment", "Сүйемелдеудегі отбасылар"},
    {"people", "Человек в семьях на сопровождении", "People served", "Сүйемелдеудегі отбасылардағы адамдар"},
    {"consultations", "Консультаций", "Consultations", "Кеңес беру"},
    {"people_consulted", "Человек получили консультацию", "People consulted", "Кеңес алған адамдар"},
    {"new_cases", "Новых случаев", "New cases", "Жаңа істер"},
    {"closed", "Закрыто случаев", "Cases closed", "Жабылған істер"},
    {"closed_goals_achieved", "Закрыто с достижением целей", "Closed with goals achieved", "Мақсаттарға жетіп жабылған"},
    {"median_days_to_assessment", "Медиана дней до первой оценки", "Median days from opening to the first assessment",
     "Алғашқы бағалауға дейінгі күндер медианасы"},
    {"assessed_by_deadline", "Первая оценка в срок срочности", "First assessed by the urgency deadline",
     "Алғашқы бағалау шұғылдық мерзімінде"},
    {"assessed_by_deadline_percent", "Доля новых случаев с оценкой в срок, %", "New cases first assessed by the deadline, %",
     "Мерзімінде бағаланған жаңа істер үлесі, %"},
};

using config::in_language;

} // namespace

std::string figure_label(const config::Config& config, const std::string& figure) {
  for (const FigureName& name : k_figures)
    if (figure == name.figure) return in_language(config, name.ru, name.en, name.kk);
  return figure;
}

namespace {

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

Record period_record(const Period& p) {
  return Record{{"from", date::format_date(p.from)}, {"to", date::format_date(p.to)}, {"label", p.label}};
}

// The reference items of a grouping, in the config's order: the values every report lists.
std::vector<config::RefItem> reference_items(const config::Config& config, const std::string& by) {
  if (by == "district") return config.districts;
  if (by == "group") return config.groups;
  if (by == "source") return config.sources;
  if (by == "agency") return config.agencies;
  if (by == "urgency") return urgencies();
  return {};
}

// `by` when it is one of `allowed` (the first when empty); Status::usage with did you mean.
Result<std::string> grouping(const std::string& by, const std::vector<std::string>& allowed) {
  if (by.empty()) return allowed.front();
  if (std::find(allowed.begin(), allowed.end(), by) != allowed.end()) return by;
  return Status::usage(
      trf("--by: cannot group by '{}'{}; use one of {}", by, text::did_you_mean(by, allowed), text::join(allowed, ", ")));
}

CaseDimension dimension(const std::string& by) {
  static const std::map<std::string, CaseDimension> dimensions = {
      {"none", CaseDimension::none},       {"district", CaseDimension::district}, {"manager", CaseDimension::manager},
      {"urgency", CaseDimension::urgency}, {"group", CaseDimension::group},       {"source", CaseDimension::source},
      {"agency", CaseDimension::agency},   {"month", CaseDimension::period},      {"service", CaseDimension::service}};
  return dimensions.at(by);
}

template <typename Counted> std::vector<std::string> keys_of(const std::vector<Counted>& counted) {
  std::vector<std::string> keys;
  for (const Counted& c : counted) keys.push_back(c.key);
  return keys;
}

// The rows of a grouping: every value of `listed` (zeros included), then the other values found
// in the store in code order, then "" (none) when found. Without a grouping, one row "all".
Result<std::vector<GroupValue>> group_values(store::CaseStore& store, const config::Config& config, const std::string& by,
                                             const std::vector<config::RefItem>& listed, std::vector<std::string> found) {
  if (by == "none") return std::vector<GroupValue>{{"", in_language(config, "Все случаи", "All cases", "Барлық істер")}};
  std::optional<Roster> roster;
  if (by == "manager") {
    Result<Roster> loaded = load_roster(store, config);
    if (!loaded) return loaded.status();
    roster = std::move(*loaded);
  }
  std::vector<config::RefItem> known = reference_items(config, by);
  auto label_of = [&](const std::string& code) {
    for (const config::RefItem& item : known)
      if (item.code == code) return config.label(item);
    std::string name = roster ? roster->name_of(code) : std::string();
    return name.empty() ? code : name;
  };
  std::vector<GroupValue> values;
  for (const config::RefItem& item : listed) values.push_back({item.code, config.label(item)});
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  for (const std::string& code : found) {
    bool listed_already = std::any_of(values.begin(), values.end(), [&](const GroupValue& v) { return v.value == code; });
    if (!code.empty() && !listed_already) values.push_back({code, label_of(code)});
  }
  if (!found.empty() && found.front().empty()) values.push_back({"", in_language(config, "(нет)", "(none)", "(жоқ)")});
  return values;
}

// One row per group value with its counts: those of `counted` under the same key, or zeros.
template <typename Counts>
std::vector<GroupRow<Counts>> group_rows(std::vector<GroupValue>& groups, const std::vector<Counts>& counted) {
  std::vector<GroupRow<Counts>> rows;
  for (GroupValue& g : groups) {
    GroupRow<Counts> row{std::move(g), {}};
    for (const Counts& c : counted)
      if (c.key == row.group.value) row.counts = c;
    rows.push_back(std::move(row));
  }
  return rows;
}

// "new_cases.source.<code>" for every configured source (zeros included), then sources only the
// store has.
Status add_new_cases_by_source(store::CaseStore& store, const config::Config& config, const ReportPeriod& now,
                               const ReportPeriod& before, const CaseScope& scope, std::vector<KpiFigure>& figures) {
  std::vector<std::pair<std::string, std::string>> sources; // code, label
  for (const config::RefItem& s : config.sources) sources.emplace_back(s.code, config.label(s));
  std::map<std::string, std::pair<long long, long long>> counts;
  for (auto [which, period] : {std::pair{0, now}, std::pair{1, before}}) {
    Result<std::vector<std::pair<std::string, long long>>> found = store.count_new_cases_by_source(period, scope);
    if (!found) return found.status();
    for (const auto& [source, count] : *found) {
      (which == 0 ? counts[source].first : counts[source].second) = count;
      if (std::none_of(sources.begin(), sources.end(), [&](const auto& s) { return s.first == source; }))
        sources.emplace_back(source, source);
    }
  }
  for (const auto& [code, label] : sources) {
    auto [value, previous] = counts[code];
    figures.push_back({"new_cases.source." + code, in_language(config, "Новых случаев: ", "New cases: ", "Жаңа істер: ") + label,
                       static_cast<double>(value), static_cast<double>(previous)});
  }
  return Status::ok();
}

// Whether one born on `birth_date` is under 18 on `on` (both YYYY-MM-DD): `on` is before the 18th
// birthday, compared as text, so that one born on 29 February comes of age on 1 March of a common
// year, on every engine alike.
bool minor_on(const std::string& birth_date, const std::string& on) {
  std::optional<int> age = date::age_on(birth_date, on);
  if (!age) return date::age_on(birth_date, birth_date) && on < birth_date; // not born yet: a minor, as ever
  return *age < 18;
}

// The people events of one type name in one period: each person (case row, member number) once.
struct EventPeopleCount {
  std::set<std::pair<long long, int>> people, minors, age_unknown;
};

using EventPeople = std::map<std::string, std::pair<EventPeopleCount, EventPeopleCount>>;

// The people the events of each type name, in the period (first) and the comparison period.
Result<EventPeople> event_people(store::CaseStore& store, const ReportPeriod& now, const ReportPeriod& before,
                                 const CaseScope& scope) {
  EventPeople types;
  for (auto [which, period] : {std::pair{0, now}, std::pair{1, before}}) {
    Result<std::vector<EventPerson>> found = store.event_people(period, scope);
    if (!found) return found.status();
    for (const EventPerson& p : *found) {
      EventPeopleCount& count = which == 0 ? types[p.type].first : types[p.type].second;
      std::pair<long long, int> person{p.case_row, p.member};
      count.people.insert(person);
      if (p.birth_date.empty()) count.age_unknown.insert(person);
      else if (minor_on(p.birth_date, p.happened_on)) count.minors.insert(person);
    }
  }
  return types;
}

// "event.<type>" for every configured event type (zeros included), then types only the store has
// (an older config's). After a type whose events name household members in either period, its
// people: "event.<type>.people" (each person named once), ".minors" (under 18 on the date of an
// event that names them) and ".age_unknown" (no birth date).
Status add_events(store::CaseStore& store, const config::Config& config, const ReportPeriod& now, const ReportPeriod& before,
                  const CaseScope& scope, std::vector<KpiFigure>& figures) {
  std::map<std::string, std::pair<long long, long long>> events;
  for (const config::RefItem& e : config.events) events[e.code];
  for (auto [which, period] : {std::pair{0, now}, std::pair{1, before}}) {
    Result<std::vector<std::pair<std::string, long long>>> found = store.count_events(period, scope);
    if (!found) return found.status();
    for (const auto& [type, count] : *found) (which == 0 ? events[type].first : events[type].second) = count;
  }
  Result<EventPeople> people = event_people(store, now, before, scope);
  if (!people) return people.status();
  auto add_event = [&](const std::string& type, const std::string& label) {
    const auto& [value, previous] = events.at(type);
    figures.push_back({"event." + type, label, static_cast<double>(value), static_cast<double>(previous)});
    auto named = people->find(type);
    if (named == people->end()) return;
    const EventPeopleCount& a = named->second.first;
    const EventPeopleCount& b = named->second.second;
    auto add = [&](const char* part, const char* ru, const char* en, const char* kk, std::size_t in_period, std::size_t in_base) {
      figures.push_back({"event." + type + "." + part, label + in_language(config, ru, en, kk), static_cast<double>(in_period),
                         static_cast<double>(in_base)});
    };
    add("people", ": человек", ": people", ": адам", a.people.size(), b.people.size());
    add("minors", ": несовершеннолетних", ": minors", ": кәмелетке толмағандар", a.minors.size(), b.minors.size());
    add("age_unknown", ": возраст неизвестен", ": age unknown", ": жасы белгісіз", a.age_unknown.size(), b.age_unknown.size());
  };
  for (const config::RefItem& e : config.events) add_event(e.code, config.label(e));
  for (const auto& [type, _] : events)
    if (std::none_of(config.events.begin(), config.events.end(), [&](const config::RefItem& e) { return e.code == type; }))
      add_event(type, type);
  return Status::ok();
}

} // namespace

std::optional<double> percent_of(long long part, long long whole) {
  if (whole == 0) return std::nullopt;
  return std::round(static_cast<double>(part) * 1000 / static_cast<double>(whole)) / 10;
}

Result<Period> parse_period(const std::string& text) {
  auto bad = [&] { return Status::usage(trf("--period: '{}' is not a period; {}", text, k_period_forms)); };
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

Result<Period> period_between(const std::string& from, const std::string& to, date::Date today) {
  Result<date::Date> start = date::parse_typed_date(from, today);
  if (!start) return Status::usage(trf("--from: {}", start.status().message()));
  Result<date::Date> end = date::parse_typed_date(to, today);
  if (!end) return Status::usage(trf("--to: {}", end.status().message()));
  if (*end < *start)
    return Status::usage(trf("--to {} is before --from {}; give the period's first day, then its last", date::format_date(*end),
                             date::format_date(*start)));
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
  return Status::usage(trf("--compare: '{}' is not a comparison{}; use previous (the period before) or year "
                           "(the same period a year before)",
                           compare, text::did_you_mean(compare, known)));
}

std::vector<Period> months_of(const Period& p) {
  std::vector<Period> all;
  for (year_month ym{year{year_number(p.from)}, month{month_number(p.from)}}; sys_days{ym / 1} <= p.to; ym += months{1}) {
    Period m = month_period(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
    m.from = std::max(m.from, p.from);
    m.to = std::min(m.to, p.to);
    all.push_back(std::move(m));
  }
  return all;
}

Result<CaseScope> resolve_scope(store::CaseStore& store, const config::Config& config, const CaseScope& given) {
  CaseScope scope;
  auto resolve = [&](const std::vector<config::RefItem>& items, const std::string& value, const char* flag, const char* field,
                     std::string& out) -> Status {
    if (value.empty()) return Status::ok();
    Result<std::string> code = config::resolve(items, value, field);
    if (!code) return Status::invalid(fmt::format("{}: {}", flag, code.status().message()));
    out = *code;
    return Status::ok();
  };
  CASECTL_TRY(resolve(config.districts, given.district, "--district", "district", scope.district));
  CASECTL_TRY(resolve(config.groups, given.group, "--group", "target group", scope.group));
  CASECTL_TRY(resolve(config.sources, given.source, "--source", "source", scope.source));
  CASECTL_TRY(resolve(config.agencies, given.agency, "--agency", "agency", scope.agency));
  CASECTL_TRY(resolve(urgencies(), given.urgency, "--urgency", "urgency", scope.urgency));
  if (!given.manager.empty()) {
    Result<Roster> roster = load_roster(store, config);
    if (!roster) return roster.status();
    Result<const StaffEntry*> member = roster->require(given.manager);
    if (!member) return Status::invalid("--manager: " + member.status().message());
    scope.manager = (*member)->member.login;
  }
  return scope;
}

Result<KpiReport> kpi_report(store::CaseStore& store, const config::Config& config, const KpiRequest& request) {
  Result<Period> base = comparison_period(request.period, request.compare);
  if (!base) return base.status();
  KpiReport report{request.period, *base, request.compare, request.scope, {}};
  ReportPeriod now = report_period(report.period, "now"), before = report_period(report.base, "before");
  const CaseScope& scope = request.scope;

  Result<std::vector<CaseCounts>> counted = store.count_cases({now, before}, CaseDimension::period, scope);
  if (!counted) return counted.status();
  CaseCounts counts_now, counts_before;
  for (const CaseCounts& c : *counted) (c.key == "now" ? counts_now : counts_before) = c;
  Result<ResponseTimes> times_now = store.response_times(now, scope);
  if (!times_now) return times_now.status();
  Result<ResponseTimes> times_before = store.response_times(before, scope);
  if (!times_before) return times_before.status();

  auto add = [&](const FigureName& name, std::optional<double> value, std::optional<double> previous) {
    report.figures.push_back({name.figure, in_language(config, name.ru, name.en, name.kk), value, previous});
  };
  auto add_count = [&](const FigureName& name, long long CaseCounts::*field) {
    add(name, static_cast<double>(counts_now.*field), static_cast<double>(counts_before.*field));
  };
  add_count(k_figures[0], &CaseCounts::families);
  add_count(k_figures[1], &CaseCounts::people);
  add_count(k_figures[2], &CaseCounts::consultations);
  add_count(k_figures[3], &CaseCounts::people_consulted);
  add_count(k_figures[4], &CaseCounts::opened);
  CASECTL_TRY(add_new_cases_by_source(store, config, now, before, scope, report.figures));
  add_count(k_figures[5], &CaseCounts::closed);
  add_count(k_figures[6], &CaseCounts::goals_achieved);
  add(k_figures[7], times_now->median_days, times_before->median_days);
  add(k_figures[8], static_cast<double>(times_now->on_time), static_cast<double>(times_before->on_time));
  add(k_figures[9], percent_of(times_now->on_time, times_now->opened), percent_of(times_before->on_time, times_before->opened));
  CASECTL_TRY(add_events(store, config, now, before, scope, report.figures));
  return report;
}

const std::vector<std::string>& caseload_groupings() {
  static const std::vector<std::string> all = {"district", "manager", "agency", "group", "urgency", "source", "month", "none"};
  return all;
}

const std::vector<std::string>& outcome_groupings() {
  static const std::vector<std::string> all = {"none", "district", "manager", "agency", "group", "urgency", "source"};
  return all;
}

const std::vector<std::string>& overdue_groupings() {
  static const std::vector<std::string> all = {"manager", "agency", "district", "group", "urgency", "source", "none"};
  return all;
}

const std::vector<std::string>& service_groupings() {
  static const std::vector<std::string> all = {"service", "agency", "district", "manager", "group", "urgency", "source", "none"};
  return all;
}

Result<std::vector<CaseloadReportRow>> caseload_report(store::CaseStore& store, const config::Config& config,
                                                       const ReportRequest& request) {
  Result<std::string> by = grouping(request.by, caseload_groupings());
  if (!by) return by.status();
  std::vector<ReportPeriod> periods;
  std::vector<config::RefItem> listed = reference_items(config, *by);
  if (*by == "month") {
    for (const Period& m : months_of(request.period)) {
      periods.push_back(report_period(m, m.label));
      listed.push_back({m.label, m.label, m.label, ""});
    }
  } else {
    periods.push_back(report_period(request.period));
  }
  Result<std::vector<CaseCounts>> counted = store.count_cases(periods, dimension(*by), request.scope);
  if (!counted) return counted.status();
  Result<std::vector<GroupValue>> groups = group_values(store, config, *by, listed, keys_of(*counted));
  if (!groups) return groups.status();
  return group_rows(*groups, *counted);
}

Result<std::vector<OutcomeRow>> outcomes_report(store::CaseStore& store, const config::Config& config,
                                                const ReportRequest& request) {
  Result<std::string> by = grouping(request.by, outcome_groupings());
  if (!by) return by.status();
  ReportPeriod period = report_period(request.period);
  Result<std::vector<OutcomeCount>> counted = store.count_outcomes(period, dimension(*by), request.scope);
  if (!counted) return counted.status();
  Result<std::vector<DomainChange>> changes = store.average_domain_changes(period, dimension(*by), request.scope);
  if (!changes) return changes.status();
  std::vector<std::string> found = keys_of(*counted);
  for (const std::string& k : keys_of(*changes)) found.push_back(k);
  Result<std::vector<GroupValue>> groups = group_values(store, config, *by, reference_items(config, *by), found);
  if (!groups) return groups.status();

  // Every code of a list, then the codes only the store has.
  auto with_found = [](std::vector<config::RefItem> items, const std::vector<std::string>& codes) {
    for (const std::string& code : codes)
      if (std::none_of(items.begin(), items.end(), [&](const config::RefItem& i) { return i.code == code; }))
        items.push_back({code, code, code, ""});
    return items;
  };
  std::vector<std::string> outcome_codes, domain_codes;
  for (const OutcomeCount& c : *counted) outcome_codes.push_back(c.outcome);
  for (const DomainChange& d : *changes) domain_codes.push_back(d.domain);
  std::vector<config::RefItem> all_outcomes = with_found(outcomes(), outcome_codes);
  // The domains measured: config order, then codes the config no longer has.
  std::vector<config::RefItem> all_domains;
  for (const config::RefItem& d : with_found(config.domains, domain_codes))
    if (std::find(domain_codes.begin(), domain_codes.end(), d.code) != domain_codes.end()) all_domains.push_back(d);

  std::vector<OutcomeRow> rows;
  for (const GroupValue& g : *groups) {
    auto cases_where = [&](auto matches) {
      long long n = 0;
      for (const OutcomeCount& c : *counted)
        if (c.key == g.value && matches(c)) n += c.cases;
      return n;
    };
    long long closed = cases_where([](const OutcomeCount&) { return true; });
    auto add = [&](std::string figure, std::string label, long long cases, bool with_share) {
      OutcomeRow row{g, std::move(figure), std::move(label), cases, {}, {}, {}, {}};
      if (with_share) row.percent = percent_of(cases, closed);
      rows.push_back(std::move(row));
    };
    add("closed", in_language(config, "Закрыто случаев", "Cases closed", "Жабылған істер"), closed, false);
    for (const config::RefItem& o : all_outcomes)
      add("outcome." + o.code, config.label(o), cases_where([&](const OutcomeCount& c) { return c.outcome == o.code; }), true);
    for (const config::RefItem& e : expectation_answers())
      add("expectations." + e.code, config.label(e), cases_where([&](const OutcomeCount& c) { return c.expectations == e.code; }),
          true);
    for (const config::RefItem& d : all_domains) {
      add("domain." + d.code, config.label(d), 0, false);
      for (const DomainChange& c : *changes)
        if (c.key == g.value && c.domain == d.code) {
          rows.back().cases = c.cases;
          rows.back().baseline = c.baseline;
          rows.back().final = c.final;
          rows.back().change = c.change;
        }
    }
  }
  return rows;
}

Result<std::vector<OverdueRow>> overdue_report(store::CaseStore& store, const config::Config& config,
                                               const OverdueRequest& request) {
  Result<std::string> by = grouping(request.by, overdue_groupings());
  if (!by) return by.status();
  Result<std::vector<OverdueCounts>> counted = store.count_overdue(request.today, request.now, dimension(*by), request.scope);
  if (!counted) return counted.status();
  Result<std::vector<GroupValue>> groups = group_values(store, config, *by, {}, keys_of(*counted));
  if (!groups) return groups.status();
  return group_rows(*groups, *counted);
}

Result<std::vector<ServiceRow>> services_report(store::CaseStore& store, const config::Config& config,
                                                const ReportRequest& request) {
  Result<std::string> by = grouping(request.by, service_groupings());
  if (!by) return by.status();
  Result<std::vector<ServiceCounts>> counted =
      store.count_services(report_period(request.period), request.today, dimension(*by), request.scope);
  if (!counted) return counted.status();
  Result<std::vector<GroupValue>> groups = group_values(store, config, *by, reference_items(config, *by), keys_of(*counted));
  if (!groups) return groups.status();
  return group_rows(*groups, *counted);
}

namespace views {

Record kpi_record(const KpiFigure& f) {
  std::optional<double> change;
  // Rounded as the values are (to a hundredth at most), so that 80.4 - 81.3 reads -0.9, not -0.8999999999999915.
  if (f.value && f.previous) change = std::round((*f.value - *f.previous) * 100) / 100;
  Record percent = nullptr;
  if (change && *f.previous != 0) percent = std::round(*change / *f.previous * 1000) / 10;
  return {{"figure", f.figure},       {"label", f.label},         {"value", number(f.value)}, {"previous", number(f.previous)},
          {"change", number(change)}, {"change_percent", percent}};
}

const std::vector<Column>& kpi_columns() {
  static const std::vector<Column> columns = {
      {"figure", "FIGURE"},     {"label", "LABEL"},   {"value", "VALUE"},
      {"previous", "PREVIOUS"}, {"change", "CHANGE"}, {"change_percent", "CHANGE %"},
  };
  return columns;
}

Record report_heading(const Period* period, const std::string& today, const CaseScope& scope, const std::string& by,
                      const config::Config& config) {
  auto label_in = [&](const std::vector<config::RefItem>& items, const std::string& code) {
    for (const config::RefItem& i : items)
      if (i.code == code) return config.label(i);
    return code;
  };
  // The filters besides the district (which has fields of its own).
  Record filters = Record::array();
  auto add_filter = [&](const char* flag, const char* ru, const char* en, const char* kk, const std::string& code,
                        const std::vector<config::RefItem>& items) {
    if (code.empty()) return;
    filters.push_back(
        {{"flag", flag}, {"name", in_language(config, ru, en, kk)}, {"value", code}, {"label", label_in(items, code)}});
  };
  add_filter("agency", "Ведомство", "Agency", "Ведомство", scope.agency, config.agencies);
  add_filter("manager", "Куратор случая", "Case manager", "Жауапты маман", scope.manager, {});
  add_filter("group", "Целевая группа", "Target group", "Нысаналы топ", scope.group, config.groups);
  add_filter("urgency", "Срочность", "Urgency", "Шұғылдық", scope.urgency, urgencies());
  add_filter("source", "Источник", "Source", "Көзі", scope.source, config.sources);
  Record district = nullptr, district_label = nullptr;
  if (!scope.district.empty()) {
    district = scope.district;
    district_label = label_in(config.districts, scope.district);
  }
  Record period_fields = nullptr;
  if (period) {
    period_fields = period_record(*period);
    period_fields["name"] = period_name(*period, config);
  }
  return {{"period", std::move(period_fields)},       {"today", today},
          {"by", by.empty() ? Record() : Record(by)}, {"district", district},
          {"district_label", district_label},         {"filters", std::move(filters)}};
}

namespace {

// The figures by their code, for a template that names one: {{figure.families.value}}. A dotted
// code ("event.child-placed-in-care") nests, so that {{figure.event.child-placed-in-care.value}}
// reads as it is written.
// The change in whole percent, for a text that says "down 56 %": the signed whole
// (change_percent_whole, half away from zero), and its size as decrease_percent or
// increase_percent (null otherwise, and all three null when there is no percentage); `unchanged`
// when it rounds to 0 %.
void add_whole_percent(Record& figure) {
  Record whole = nullptr, decrease = nullptr, increase = nullptr;
  bool unchanged = false;
  if (figure["change_percent"].is_number()) {
    double percent = figure["change_percent"].get<double>();
    long long w = std::llround(percent);
    whole = w;
    if (w < 0) decrease = -w;
    if (w > 0) increase = w;
    unchanged = w == 0;
  }
  figure["change_percent_whole"] = whole;
  figure["decrease_percent"] = decrease;
  figure["increase_percent"] = increase;
  figure["unchanged"] = unchanged;
}

// In a template's `figure`, every configured event type has its people, minors and age_unknown,
// null where no event of the type names household members in either period (not counted, so not
// 0), so that a template may name them whatever the store holds.
void add_uncounted_event_people(Record& by_code, const config::Config& config) {
  for (const config::RefItem& e : config.events) {
    Record& type = by_code["event"][e.code];
    for (const auto& [part, ru, en, kk] :
         {std::tuple{"people", ": человек", ": people", ": адам"},
          std::tuple{"minors", ": несовершеннолетних", ": minors", ": кәмелетке толмағандар"},
          std::tuple{"age_unknown", ": возраст неизвестен", ": age unknown", ": жасы белгісіз"}}) {
      if (type.contains(part)) continue;
      Record uncounted = kpi_record(
          {"event." + e.code + "." + part, config.label(e) + in_language(config, ru, en, kk), std::nullopt, std::nullopt});
      uncounted["value_bar"] = bar(std::nullopt, std::nullopt);
      uncounted["previous_bar"] = bar(std::nullopt, std::nullopt);
      add_whole_percent(uncounted);
      type[part] = uncounted;
    }
  }
}

Record figures_by_code(const Record& figures) {
  Record by_code = Record::object();
  for (const Record& f : figures) {
    Record* at = &by_code;
    for (const std::string& part : text::split(f["figure"].get<std::string>(), '.')) {
      if (!(*at)[part].is_object()) (*at)[part] = Record::object();
      at = &(*at)[part];
    }
    for (auto it = f.begin(); it != f.end(); ++it) (*at)[it.key()] = it.value();
  }
  return by_code;
}

} // namespace

Record kpi_report_record(const KpiReport& report, const config::Config& config, const std::string& today) {
  Record record = report_heading(&report.period, today, report.scope, "", config);
  record["base"] = period_record(report.base);
  record["compare"] = report.compare;
  Record figures = Record::array();
  for (const KpiFigure& f : report.figures) {
    Record r = kpi_record(f);
    r["value_bar"] = bar(f.value, f.previous);
    r["previous_bar"] = bar(f.previous, f.value);
    add_whole_percent(r);
    figures.push_back(std::move(r));
  }
  record["count"] = figures.size();
  record["figure"] = figures_by_code(figures);
  add_uncounted_event_people(record["figure"], config);
  record["figures"] = std::move(figures);
  return record;
}

namespace {

Record group_value(const GroupValue& g) { return g.value.empty() ? Record() : Record(g.value); }

Record rounded(std::optional<double> value) {
  if (!value) return nullptr;
  return std::round(*value * 100) / 100;
}

} // namespace

Record caseload_report_record(const CaseloadReportRow& row, const std::string& by) {
  return {{"by", by},
          {"value", group_value(row.group)},
          {"label", row.group.label},
          {"open_at_end", row.counts.open_at_end},
          {"in_intake", row.counts.in_intake},
          {"in_assessment", row.counts.in_assessment},
          {"active", row.counts.active},
          {"opened", row.counts.opened},
          {"closed", row.counts.closed},
          {"families", row.counts.families},
          {"people", row.counts.people},
          {"consultations", row.counts.consultations},
          {"people_consulted", row.counts.people_consulted}};
}

const std::vector<Column>& caseload_report_columns() {
  static const std::vector<Column> columns = {
      {"value", "VALUE"},
      {"label", "LABEL"},
      {"open_at_end", "OPEN AT END"},
      {"in_intake", "INTAKE"},
      {"in_assessment", "ASSESSMENT"},
      {"active", "ACTIVE"},
      {"opened", "OPENED", "ОТКРЫТО", "АШЫЛҒАН"},
      {"closed", "CLOSED"},
      {"families", "FAMILIES"},
      {"people", "PEOPLE"},
      {"consultations", "CONSULTATIONS"},
      {"people_consulted", "PEOPLE CONSULTED"},
  };
  return columns;
}

Record outcome_record(const OutcomeRow& row, const std::string& by) {
  return {{"by", by.empty() ? "none" : by},
          {"group", group_value(row.group)},
          {"group_label", row.group.label},
          {"first_in_group", row.figure == "closed"},
          {"measured", row.figure.rfind("domain.", 0) == 0},
          {"figure", row.figure},
          {"label", row.label},
          {"cases", row.cases},
          {"percent", row.percent ? Record(*row.percent) : Record()},
          {"baseline", rounded(row.baseline)},
          {"final", rounded(row.final)},
          {"change", rounded(row.change)}};
}

std::vector<Column> outcome_columns(const std::string& by) {
  std::vector<Column> columns = {{"figure", "FIGURE"},     {"label", "LABEL"}, {"cases", "CASES"},  {"percent", "%"},
                                 {"baseline", "BASELINE"}, {"final", "FINAL"}, {"change", "CHANGE"}};
  if (!by.empty() && by != "none") columns.insert(columns.begin(), {{"group", "GROUP"}, {"group_label", "GROUP LABEL"}});
  return columns;
}

Record overdue_record(const OverdueRow& row, const std::string& by) {
  const OverdueCounts& c = row.counts;
  return {{"by", by.empty() ? "manager" : by}, {"value", group_value(row.group)},
          {"label", row.group.label},          {"overdue_tasks", c.tasks},
          {"overdue_reviews", c.reviews},      {"late_responses", c.responses},
          {"under_delivered", c.services},     {"total", c.tasks + c.reviews + c.responses + c.services}};
}

const std::vector<Column>& overdue_columns() {
  static const std::vector<Column> columns = {
      {"value", "VALUE"},
      {"label", "LABEL"},
      {"overdue_tasks", "TASKS"},
      {"overdue_reviews", "REVIEWS"},
      {"late_responses", "FIRST RESPONSES"},
      {"under_delivered", "SERVICES"},
      {"total", "TOTAL"},
  };
  return columns;
}

Record service_record(const ServiceRow& row, const std::string& by) {
  const ServiceCounts& c = row.counts;
  std::optional<double> percent = percent_of(c.delivered, c.due);
  return {{"by", by.empty() ? "service" : by},
          {"value", group_value(row.group)},
          {"label", row.group.label},
          {"tasks", c.tasks},
          {"cases", c.cases},
          {"due", c.due},
          {"delivered", c.delivered},
          {"delivered_percent", percent ? Record(*percent) : Record()},
          {"shortfall", std::max(0LL, c.due - c.delivered)}};
}

std::vector<Column> service_columns(const std::string& by) {
  std::vector<Column> columns = {
      {"value", "VALUE"},
      {"label", "LABEL"},
      {"tasks", "TASKS"},
      {"cases", "CASES"},
      {"due", "DUE", "ПОЛОЖЕНО", "ТИЕСІЛІ"},
      {"delivered", "DELIVERED"},
      {"delivered_percent", "DELIVERED %"},
      {"shortfall", "SHORTFALL"},
  };
  if (by.empty() || by == "service") columns.erase(columns.begin() + 1);
  return columns;
}

} // namespace views

} // namespace casectl
