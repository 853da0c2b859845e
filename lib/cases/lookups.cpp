#include "cases/lookups.hpp"

#include "cases/as_of.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

namespace casectl {

Status case_not_found(const std::string& wanted) {
  return Status::not_found(trf("case {} not found; 'casectl list' shows the cases", wanted));
}

Result<Case> find_case(store::CaseStore& store, const std::string& wanted) {
  Result<std::optional<Case>> found = store.load_case(wanted);
  if (!found) return found.status();
  if (!*found) return case_not_found(wanted);
  return std::move(**found);
}

Result<CaseState> find_case_state(store::CaseStore& store, const std::string& wanted) {
  Result<std::optional<CaseState>> found = store.case_state(wanted);
  if (!found) return found.status();
  if (!*found) return case_not_found(wanted);
  return std::move(**found);
}

Status list_cases(store::CaseStore& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) {
  return store.each_case(filter, each);
}

Status case_history(store::CaseStore& store, const std::string& case_id, HistoryKind kind, const std::string& until,
                    const std::function<Status(const HistoryEntry&)>& each) {
  return store.each_history_entry(
      case_id,
      [&](const HistoryEntry& e) {
        if (!until.empty() && effective_day(e) > until) return Status::ok();
        return each(e);
      },
      kind);
}

Status verify_case_history(store::CaseStore& store, const std::string& case_id) {
  Result<std::optional<store::ChainBreak>> broken = store.verify_case_chain(case_id);
  if (!broken) return broken.status();
  if (!*broken) return Status::ok();
  return Status::invalid(trf("the journal of case {} does not hold: {}; 'casectl check' verifies the whole journal", case_id,
                             store::describe(**broken)));
}

} // namespace casectl
