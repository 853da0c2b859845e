#include "store/status_check.hpp"

#include <fmt/format.h>

namespace casectl::store {

namespace {

std::string what_disagrees(const StatusDisagreement& d) {
  if (!d.spell) return fmt::format("case {} ({}) has no spell of work", d.case_id, d.status);
  if (d.status == "closed" && !d.spell_closed_on)
    return fmt::format("case {} is closed, but its latest spell of work ({}) is open", d.case_id, *d.spell);
  if (d.status == "closed")
    return fmt::format("case {} was closed on {}, but its latest spell of work ({}) ended on {}", d.case_id,
                       d.closed.value_or(""), *d.spell, d.spell_closed_on.value_or(""));
  return fmt::format("case {} is {}, but its latest spell of work ({}) was closed on {}", d.case_id, d.status, *d.spell,
                     d.spell_closed_on.value_or(""));
}

} // namespace

CheckResult case_status_result(long long cases, const std::optional<StatusDisagreement>& first) {
  if (!first) return {"case-status", true, fmt::format("{} cases, each status as its history of closings says", cases)};
  return {"case-status", false,
          fmt::format("{} of {} cases disagree with their history; the first: {}; the case or its spells were changed "
                      "outside casectl: see 'casectl log {}' and compare with a backup",
                      first->count, cases, what_disagrees(*first), first->case_id)};
}

} // namespace casectl::store
