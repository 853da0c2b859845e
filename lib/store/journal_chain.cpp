#include "store/journal_chain.hpp"

#include "util/date.hpp"
#include "util/files.hpp"
#include "util/sha256.hpp"

#include <fmt/format.h>

namespace casectl::store {

namespace {

void append_field(std::string& out, const std::optional<std::string>& field) {
  if (!field) {
    out += "-\n";
    return;
  }
  out += std::to_string(field->size());
  out += ':';
  out += *field;
  out += '\n';
}

} // namespace

std::string canonical_form(const std::string& previous_hash, const JournalContent& c) {
  std::string out = c.db_role ? "casectl-journal-2\n" : "casectl-journal-1\n";
  out.reserve(out.size() + previous_hash.size() + c.at.size() + c.actor.size() + c.command.size() + c.action.size() +
              c.changes.size() + 64);
  for (const std::optional<std::string>& field :
       {std::optional<std::string>(previous_hash), std::optional<std::string>(c.at), c.effective_on,
        std::optional<std::string>(c.actor), c.login, std::optional<std::string>(c.command), c.case_id,
        std::optional<std::string>(c.action), std::optional<std::string>(c.changes)})
    append_field(out, field);
  if (c.db_role) append_field(out, c.db_role);
  return out;
}

std::string journal_hash(const std::string& previous_hash, const JournalContent& content) {
  return digest::sha256_hex(canonical_form(previous_hash, content));
}

std::optional<ChainBreak> ChainVerifier::add(const StoredJournalRow& row) {
  ++m_rows;
  auto broken = [&](std::string problem) {
    return ChainBreak{row.id, row.content.case_id.value_or(""), row.content.action, std::move(problem)};
  };
  if (!row.hash || !row.previous_hash) {
    m_head = row.hash.value_or("");
    return broken("it has no hash: it was inserted outside casectl");
  }
  std::string previous = m_head;
  m_head = *row.hash;
  if (journal_hash(*row.previous_hash, row.content) != *row.hash)
    return broken("its content was changed after it was written (its hash does not match what it says)");
  if (*row.previous_hash != previous)
    return broken("the chain is broken before it: its previous hash is not the hash of the row before it "
                  "(a row before it was deleted, rewritten or inserted)");
  return std::nullopt;
}

std::string describe(const ChainBreak& b) {
  return fmt::format("row {} ({}{}): {}", b.id, b.case_id.empty() ? "store-wide" : "case " + b.case_id, ", " + b.action,
                     b.problem);
}

JournalContent content_of_new_row(const JournalEntry& entry) {
  JournalContent content;
  content.at = entry.at.empty() ? date::format_timestamp(date::now_utc()) : entry.at;
  content.effective_on = entry.effective_on.empty() ? content.at.substr(0, 10) : entry.effective_on;
  content.actor = entry.actor;
  content.login = entry.login.empty() ? files::os_login() : entry.login;
  content.command = entry.command;
  if (!entry.case_id.empty()) content.case_id = entry.case_id;
  content.action = entry.action;
  content.changes = entry.changes;
  return content;
}

JournalEntry migration_entry(int from, int to) {
  JournalEntry entry;
  entry.actor = "casectl";
  entry.command = "migrate";
  entry.action = "migrate";
  entry.changes = fmt::format(R"({{"schema_version":[{},{}]}})", from, to);
  return entry;
}

} // namespace casectl::store
