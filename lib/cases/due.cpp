#include "cases/due.hpp"

#include "cases/views.hpp"
#include "util/date.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace casectl {

Result<std::vector<DueItem>> due_items(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                       const DueRequest& request) {
  DueFilter filter;
  filter.today = date::format_date(context.clock.today);
  filter.now = date::format_timestamp(context.clock.now);
  if (!request.within.empty()) {
    Result<std::chrono::seconds> window = date::parse_duration(request.within);
    if (!window) return Status::usage(fmt::format("--within: {}", window.status().message()));
    filter.until = date::format_date(date::day_of(date::start_of(context.clock.today) + *window));
  } else {
    // Overdue only: what was due before today.
    filter.until = date::format_date(context.clock.today - date::Date::duration{1});
  }
  filter.managers = text::spread_values(request.managers);
  if (request.mine) filter.managers.push_back(context.actor);
  CASECTL_TRY(config::resolve_all(config.districts, request.districts, "--district", filter.districts));
  CASECTL_TRY(config::resolve_all(config.agencies, request.agencies, "--agency", filter.agencies));
  return store.due_items(filter);
}

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
