// `casectl due`: what is overdue, or falls due soon, across the open cases: tasks of approved
// plans, reviews, first responses, recurring services delivered less than due.
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "model/monitoring.hpp"
#include "output/records.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <string>
#include <vector>

namespace casectl {

// What the user asked for, as given: codes or labels, several comma-separated in one value.
struct DueRequest {
  std::string within; // also what falls due within this window ("7d", "2w"); "" = overdue only
  bool mine = false;  // only the acting user's cases as case manager
  std::vector<std::string> managers, districts, agencies;
};

// Everything overdue (due before today), or with `within` due up to today + the window, ordered
// by due date. Bad input: Status::usage for a window it cannot read, Status::invalid for an
// unknown district or agency (did you mean).
Result<std::vector<DueItem>> due_items(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                       const DueRequest& request);

// The kinds of due item (overdue-task, task-due, overdue-review, review-due, late-response, response-due,
// under-delivered) with Russian and English labels.
const std::vector<config::RefItem>& due_kinds();

namespace views {
// One due item as `due` prints it. With a config, also kind_label, district_label, agency_label and what_label
// (a task's own text; "review" and "first response (URGENCY)" in the config's language).
Record due_record(const DueItem& d);
Record due_record(const DueItem& d, const config::Config& config);
const std::vector<Column>& due_columns();
} // namespace views

} // namespace casectl
