// The journal entry of one change, from the change's context: who, when, which command.
#pragma once

#include "cases/intake.hpp"
#include "output/records.hpp"
#include "store/store.hpp"

#include <string>

namespace casectl {

// Appends to the journal: the acting user, the change's moment (context.clock.now), the command
// line, the case (empty for store-wide changes), the action and what changed as JSON. Call inside
// Store::write().
Status journal(store::Store& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
               const Record& changes);

// The same, with `changes` already written as JSON text (as Record::dump() writes it).
Status journal_json(store::Store& store, const ChangeContext& context, const std::string& case_id,
                    const std::string& action, std::string changes);

} // namespace casectl
