#include "cases/journal.hpp"

namespace casectl {

Status journal(store::CaseStore& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
               const Record& changes) {
  return journal_json(store, context, case_id, action, changes.dump(-1, ' ', false, Record::error_handler_t::replace));
}

Status journal_reads(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                     const std::vector<std::string>& case_ids, const std::string& what) {
  if (!config.audit_reads || case_ids.empty()) return Status::ok();
  return store.write([&]() -> Status {
    for (const std::string& id : case_ids) CASECTL_TRY(journal(store, context, id, "read", Record{{"document", what}}));
    return Status::ok();
  });
}

ChangeContext dated(const ChangeContext& context, date::Date on) {
  ChangeContext copy = context;
  copy.effective_on = on;
  return copy;
}

date::Date business_day(const ChangeContext& context) { return context.effective_on.value_or(context.clock.today); }

ChangeTime change_time(const ChangeContext& context) {
  return {date::format_timestamp(context.clock.now), date::format_date(business_day(context))};
}

Status journal_json(store::CaseStore& store, const ChangeContext& context, const std::string& case_id, const std::string& action,
                    std::string changes) {
  JournalEntry entry;
  if (context.clock.recorded != date::Timestamp{}) entry.at = date::format_timestamp(context.clock.recorded);
  entry.effective_on = date::format_date(business_day(context));
  entry.actor = context.actor;
  entry.login = context.login;
  entry.command = context.command;
  entry.case_id = case_id;
  entry.action = action;
  entry.changes = std::move(changes);
  return store.append_journal(entry);
}

} // namespace casectl
