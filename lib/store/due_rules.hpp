// The rules of CaseStore::due_items (store/case_store.hpp) that are not SQL, kept in one place so
// that every engine applies them alike.
#pragma once

#include "model/monitoring.hpp"

#include <string>
#include <vector>

namespace casectl::store {

// The days of a recurring service's period: 7 for "week", 30 for "month", 1 otherwise ("day").
int service_period_days(const std::string& period);

// Marks `item` (a recurring service: due_count, delivered and due filled in) under-delivered and
// returns true when less was delivered than due and a whole period has passed from `since` (the
// plan's meeting or start) to `today`; a service is not checked before. Dates are YYYY-MM-DD; one
// that is not a date checks nothing.
bool mark_under_delivered(DueItem& item, const std::string& period, const std::string& since, const std::string& today);

// Whether an agency of a plan that began on `plan_day`, told of nothing yet, is due to be informed
// by `until` (it falls due `days` days after the plan began); if so, fills in `item`'s due date,
// kind (agency-not-informed before `today`, else agency-to-inform) and `what` ("inform agency").
bool mark_agency_to_inform(DueItem& item, const std::string& plan_day, int days, const std::string& today,
                           const std::string& until);

// The last day a plan may have begun on for its agencies to be due by `until`: `until` less `days`
// (YYYY-MM-DD; "" when `until` is not a date).
std::string inform_cutoff(const std::string& until, int days);

// Orders what is due by the date it was due (services, checked over the period up to `today`,
// count as due today), then case id; ties keep the order they were found in.
void sort_due_items(std::vector<DueItem>& items, const std::string& today);

} // namespace casectl::store
