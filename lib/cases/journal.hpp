// The journal entry of one change, from the change's context: who, when, which command.
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "output/records.hpp"
#include "store/case_store.hpp"

#include <string>

namespace casectl {

// Appends to the journal: the real moment (context.clock.recorded, never --today; the system clock
// when a Clock has none), the business date (context.effective_on, else clock.today), the acting
// user and the OS login, the command line, the case (empty for store-wide changes), the action
// and what changed as JSON. Call inside CaseStore::write().
Status journal(store::CaseStore& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
               const Record& changes);

// `context` with the business date of the change set to `on` (a command's --on date).
ChangeContext dated(const ChangeContext& context, date::Date on);

// The business day of the change: context.effective_on, else clock.today. The journal's
// effective_on and the case's updated_on are both this day.
date::Date business_day(const ChangeContext& context);

// When the change is made, as the case's row records it: the business moment (clock.now) and
// business_day(context).
ChangeTime change_time(const ChangeContext& context);

// When the config's audit.reads is on: records that the acting user read `case_ids` (action
// "read", changes {"document": what}), all in one write transaction of its own. Does nothing when
// it is off. Fails only when the store does.
Status journal_reads(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                     const std::vector<std::string>& case_ids, const std::string& what);

// The same, with `changes` already written as JSON text (as Record::dump() writes it).
Status journal_json(store::CaseStore& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
                    std::string changes);

} // namespace casectl
