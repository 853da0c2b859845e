#include "cases/journal.hpp"

namespace casectl {

Status journal(store::Store& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
               const Record& changes) {
  return journal_json(store, context, case_id, action, changes.dump(-1, ' ', false, Record::error_handler_t::replace));
}

Status journal_json(store::Store& store, const ChangeContext& context, const std::string& case_id,
                    const std::string& action, std::string changes) {
  store::JournalEntry entry;
  entry.at = date::format_timestamp(context.clock.now);
  entry.actor = context.actor;
  entry.command = context.command;
  entry.case_id = case_id;
  entry.action = action;
  entry.changes = std::move(changes);
  return store.append_journal(entry);
}

} // namespace casectl
