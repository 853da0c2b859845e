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

// Orders what is due by the date it was due (services, checked over the period up to `today`,
// count as due today), then case id; ties keep the order they were found in.
void sort_due_items(std::vector<DueItem>& items, const std::string& today);

} // namespace casectl::store
