#include "cases/documents.hpp"

#include "cases/review.hpp"
#include "cases/views.hpp"
#include "store/assign_queries.hpp"

#include <fmt/format.h>

#include <vector>

namespace casectl {

Result<Record> case_card_record(store::Store& store, const Case& c, date::Date today) {
  Result<std::vector<Assessment>> assessments = assessments_of(store, c.case_id);
  if (!assessments) return assessments.status();
  Record record = views::case_record(c, *assessments);
  std::optional<store::CaseAssignment> people;
  CASECTL_TRY(store::guarded("read", store.path(), [&] {
    Result<std::optional<store::CaseAssignment>> loaded = store::load_assignment(store, c.case_id);
    if (!loaded) return loaded.status();
    people = std::move(*loaded);
    return Status::ok();
  }));
  if (people) views::add_people(record, people->supervisor, people->team);
  CASECTL_TRY(add_monitoring(store, c.case_id, today, record));
  return record;
}

namespace {

// Item `number` (1-based) of `all`, or the last when 0; nullopt when there are none;
// Status::not_found(out_of_range) for a number past the end.
template <class Item>
Result<std::optional<Item>> chosen(std::vector<Item>& all, int number, const std::string& out_of_range) {
  if (all.empty()) return std::optional<Item>();
  std::size_t wanted = number > 0 ? static_cast<std::size_t>(number) : all.size();
  if (wanted > all.size()) return Status::not_found(out_of_range);
  return std::optional<Item>(std::move(all[wanted - 1]));
}

} // namespace

Result<std::optional<Plan>> plan_revision_of(store::Store& store, const std::string& case_id, int revision) {
  Result<std::vector<Plan>> plans = plan_revisions(store, case_id);
  if (!plans) return plans.status();
  return chosen(*plans, revision,
                fmt::format("the plan of {} has {} revision(s); there is no revision {}", case_id, plans->size(), revision));
}

Result<std::optional<Assessment>> assessment_of(store::Store& store, const std::string& case_id, int number) {
  Result<std::vector<Assessment>> all = assessments_of(store, case_id);
  if (!all) return all.status();
  return chosen(*all, number, fmt::format("case {} has {} assessment(s); there is no number {}", case_id, all->size(), number));
}

} // namespace casectl
