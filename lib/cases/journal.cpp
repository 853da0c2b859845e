#include "cases/journal.hpp"

namespace casectl {

Status journal(store::Store& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
               const Record& changes) {
  store::JournalEntry entry;
  entry.at = date::format_timestamp(context.clock.now);
  entry.actor = context.actor;
  entry.command = context.command;
  entry.case_id = case_id;
  entry.action = action;
  entry.changes = changes.dump(-1, ' ', false, Record::error_handler_t::replace);
  return store.append_journal(entry);
}

} // namespace casectl
