// Corrections to a case after intake: `casectl edit CASE` (docs/user-guide.md, "edit").
#pragma once

#include "cases/intake.hpp"
#include "config/config.hpp"
#include "model/case.hpp"
#include "model/change.hpp"
#include "output/records.hpp"
#include "store/case_store.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <vector>

namespace casectl {

// What a user changes, as text, before any checking. An unset field stays as it is; a field set
// to "" is cleared (but the name, which cannot be empty).
struct EditRequest {
  std::string case_id; // or its external id
  std::optional<std::string> name, district, address, phone, source, referrer, urgency, consent, note;
  std::vector<std::string> groups;      // "+CODE" (or a bare CODE) adds, "-CODE" takes away; codes or labels
  std::vector<std::string> problems;    // "+TEXT" (or a bare TEXT) adds, "-TEXT" takes away the problem written so
  std::vector<std::string> add_members; // "NAME;ROLE;BIRTHDATE" (as intake --member), after the household
  // "N;NAME;ROLE;BIRTHDATE": member N (its number in `show`) changed; a part left empty stays as it
  // is, "-" clears the role or the birth date.
  std::vector<std::string> edit_members;
  std::vector<std::string> remove_members; // "N": member N taken out of the household, kept as removed; needs `reason`
  std::string reason;                      // why; needed to lower an urgency that an assessment raised
  std::optional<std::string> on;           // the day the change holds from (YYYY-MM-DD or DD.MM.YYYY); default today
};

// What an edit did, or would do.
struct EditOutcome {
  std::string case_id;
  Record changes = Record::object();      // {"field": [old, new]} in the fields of `show`; {} when nothing changes
  std::vector<DuplicateMatch> duplicates; // likely duplicates the new details point to
  bool skipped = false;                   // --on-duplicate skip found some: nothing was changed
};

// Checks `request` as intake checks a new case (codes against the config, text, phone), applies
// it to the case and, unless `dry_run`, writes it in one transaction journaled as "edit" with
// {"field": [old, new], ...} (and "reason", and "possible_duplicates" when linked), dated by
// request.on (by the date rule of effective_dates.hpp: not in the future, not before the opening),
// which the history reports read. Refused: an unknown case (not_found); a closed case
// (conflict, saying how to reopen it); problems in what was given (invalid, one line per field,
// nothing written, a member named by its number); lowering an urgency that an assessment raised
// without a reason (conflict); removing a member without a reason (usage). A removed member is kept
// (CaseStore::insert_removed_member, dated by request.on) and its number is never given again: new
// members are numbered after every number the case has had.
// When the name, phone, address or district change, other open cases that now look like the same
// family, and did not before, follow `on_duplicate` as at intake: fail refuses (conflict), skip changes nothing, link
// records the links, allow does not look.
Result<EditOutcome> edit_case(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                              const EditRequest& request, OnDuplicate on_duplicate, bool dry_run);

} // namespace casectl
