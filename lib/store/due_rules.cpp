#include "store/due_rules.hpp"

#include "util/date.hpp"

#include <algorithm>

namespace casectl::store {

int service_period_days(const std::string& period) { return period == "week" ? 7 : period == "month" ? 30 : 1; }

bool mark_agency_to_inform(DueItem& item, const std::string& plan_day, int days, const std::string& today,
                           const std::string& until) {
  Result<date::Date> began = date::parse_date(plan_day);
  if (!began) return false;
  item.due = date::format_date(*began + date::Date::duration{days});
  if (item.due > until) return false;
  item.kind = item.due < today ? "agency-not-informed" : "agency-to-inform";
  item.what = "inform agency";
  return true;
}

std::string inform_cutoff(const std::string& until, int days) {
  Result<date::Date> day = date::parse_date(until);
  if (!day) return "";
  return date::format_date(*day - date::Date::duration{days});
}

bool mark_under_delivered(DueItem& item, const std::string& period, const std::string& since, const std::string& today) {
  Result<date::Date> began = date::parse_date(since);
  Result<date::Date> now = date::parse_date(today);
  bool whole_period = began && now && *began + date::Date::duration{service_period_days(period)} <= *now;
  if (item.delivered >= item.due_count || !whole_period) return false;
  item.kind = "under-delivered";
  return true;
}

void sort_due_items(std::vector<DueItem>& items, const std::string& today) {
  auto key = [&](const DueItem& d) { return d.kind == "under-delivered" ? today : d.due.substr(0, 10); };
  std::stable_sort(items.begin(), items.end(), [&](const DueItem& a, const DueItem& b) {
    if (key(a) != key(b)) return key(a) < key(b);
    return a.case_id < b.case_id;
  });
}

} // namespace casectl::store
