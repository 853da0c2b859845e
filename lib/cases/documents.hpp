// The documents of a case, as records a template renders: the case card (`show`), the plan
// (`plan CASE`) and the assessment (`assess CASE --show`). `show`, `plan`, `assess` and
// `report cases` build their records here, so a document written in bulk is exactly what the
// single command prints for that case.
#pragma once

#include "cases/assessment.hpp"
#include "cases/case.hpp"
#include "cases/plan.hpp"
#include "config/config.hpp"
#include "output/records.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>

namespace casectl {
namespace store { class Store; }

// The case card of `c`, as `casectl show` prints it: the case, its assessments (and so its current
// risk), supervisor and team, next review and services due against delivered up to `today`.
Result<Record> case_card_record(store::Store& store, const Case& c, date::Date today);

// A revision of the case's plan: `revision` (1, 2, ...) or, when 0, the latest (the draft while
// there is one). nullopt when the case has no plan. A revision the plan does not have:
// Status::not_found saying how many there are. An unknown case: Status::not_found.
Result<std::optional<Plan>> plan_revision_of(store::Store& store, const std::string& case_id, int revision = 0);

// One of the case's assessments: `number` (1 = the baseline) or, when 0, the latest. nullopt when
// the case has none. A number it does not have: Status::not_found saying how many there are. An
// unknown case: Status::not_found.
Result<std::optional<Assessment>> assessment_of(store::Store& store, const std::string& case_id, int number = 0);

} // namespace casectl
