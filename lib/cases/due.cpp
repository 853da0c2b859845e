#include "cases/due.hpp"

#include "cases/intake.hpp"
#include "cases/views.hpp"
#include "util/date.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace casectl {

Result<std::vector<DueItem>> due_items(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                       const DueRequest& request) {
  DueFilter filter;
  filter.today = date::format_date(context.clock.today);
  filter.now = date::format_timestamp(context.clock.now);
  if (!request.within.empty()) {
    Result<std::chrono::seconds> window = date::parse_duration(request.within);
    if (!window) return Status::usage(trf("--within: {}", window.status().message()));
    date::Date until = date::day_of(date::start_of(context.clock.today) + *window);
    filter.until = date::format_date(until);
    // A first response's deadline is a moment: the window ends when the local day `until` does.
    filter.responses_until = std::max(date::format_timestamp(date::local_start_of(until + date::Date::duration{1})), filter.now);
  } else {
    filter.responses_until = filter.now;
    // Overdue only: what was due before today.
    filter.until = date::format_date(context.clock.today - date::Date::duration{1});
  }
  filter.managers = text::spread_values(request.managers);
  if (request.mine) filter.managers.push_back(context.actor);
  CASECTL_TRY(config::resolve_all(config.districts, request.districts, "--district", filter.districts));
  CASECTL_TRY(config::resolve_all(config.agencies, request.agencies, "--agency", filter.agencies));
  filter.inform_within_days = config.inform_within_days;
  return store.due_items(filter);
}

const std::vector<config::RefItem>& due_kinds() {
  static const std::vector<config::RefItem> items = {
      {"overdue-task", "Задача просрочена", "Overdue task", "Міндеттің мерзімі өтті"},
      {"task-due", "Срок задачи", "Task due", "Міндет мерзімі"},
      {"overdue-review", "Пересмотр просрочен", "Overdue review", "Мониторинг мерзімі өтті"},
      {"review-due", "Срок пересмотра", "Review due", "Мониторинг мерзімі"},
      {"late-response", "Первичный ответ просрочен", "Late first response", "Алғашқы жауап кешікті"},
      {"response-due", "Срок первичного ответа", "First response due", "Алғашқы жауап мерзімі"},
      {"under-delivered", "Услуга недопоставлена", "Under-delivered service", "Қызмет толық көрсетілмеді"},
      {"agency-not-informed", "Ведомство не проинформировано", "Agency not informed", "Ведомствоға хабарланбады"},
      {"agency-to-inform", "Проинформировать ведомство", "Agency to inform", "Ведомствоға хабарлау керек"}};
  return items;
}

namespace {

// What a due item is, in the config's language: a task's own text as written; the review and the
// first response (whose `what` the store writes as "review" and "first response (URGENCY)").
std::string what_label(const DueItem& d, const config::Config& config) {
  using config::in_language;
  if (d.kind == "overdue-review" || d.kind == "review-due")
    return in_language(config, "пересмотр случая", "case review", "істі қайта қарау");
  if (d.kind == "agency-not-informed" || d.kind == "agency-to-inform")
    return in_language(config, "сообщить ведомству о задачах плана", "inform the agency of the plan's tasks",
                       "ведомствоға жоспар міндеттері туралы хабарлау");
  if (d.kind != "late-response" && d.kind != "response-due") return d.what;
  std::size_t open = d.what.find('('), close = d.what.rfind(')');
  std::string urgency = open != std::string::npos && close > open ? d.what.substr(open + 1, close - open - 1) : "";
  std::string label = views::label_of(config, urgencies(), urgency);
  return fmt::format("{} ({})", in_language(config, "первичный ответ", "first response", "алғашқы жауап"), text::casefold(label));
}

} // namespace

namespace views {

Record due_record(const DueItem& d) {
  bool service = d.kind == "under-delivered";
  return Record{{"kind", d.kind},
                {"case_id", d.case_id},
                {"case_name", d.case_name},
                {"district", text_or_null(d.district)},
                {"case_manager", text_or_null(d.case_manager)},
                {"agency", text_or_null(d.agency)},
                {"task", d.task ? Record(d.task) : Record()},
                {"what", d.what},
                {"due", d.due},
                {"due_count", service ? Record(d.due_count) : Record()},
                {"delivered", service ? Record(d.delivered) : Record()}};
}

Record due_record(const DueItem& d, const config::Config& config) {
  Record record = due_record(d);
  record["kind_label"] = label_of(config, due_kinds(), d.kind);
  record["district_label"] = d.district.empty() ? Record() : Record(label_of(config, config.districts, d.district));
  record["what_label"] = what_label(d, config);
  record["agency_label"] = d.agency.empty() ? Record() : Record(label_of(config, config.agencies, d.agency));
  return record;
}

const std::vector<Column>& due_columns() {
  static const std::vector<Column> columns = {{"kind", "KIND"},
                                              {"case_id", "CASE"},
                                              {"due", "DUE"},
                                              {"what", "WHAT"},
                                              {"delivered", "DELIVERED"},
                                              {"agency", "AGENCY"},
                                              {"case_manager", "MANAGER"},
                                              {"case_name", "FAMILY"},
                                              {"district", "DISTRICT"}};
  return columns;
}

} // namespace views

} // namespace casectl
