// The journal's hash chain: what a row's hash covers, and how a chain of rows is verified.
//
// Canonical form of a journal row, the bytes that SHA-256 is taken of:
//
//   "casectl-journal-1\n"
//   then nine fields, in this order: previous_hash, at, effective_on, actor, login, command,
//   case_id, action, changes
//   each written as  <byte length in decimal> ":" <the bytes> "\n"   (text, as stored: UTF-8)
//   or as            "-\n"                                          (NULL)
//
// A row that names its database role (db_role, from schema version 14: PostgreSQL's session_user;
// NULL on SQLite, which has no roles) takes version 2: "casectl-journal-2\n", the same nine
// fields, then db_role as a tenth. A row without one keeps version 1, so that the rows of every
// SQLite store and of every store before version 14 keep their hashes.
//
// previous_hash is the hash of the row before it in the chain ("" for the first row). The hash is
// the SHA-256 of the canonical form, as 64 lowercase hexadecimal digits. The row id is not part of
// it: the chain's order is the order of the rows (by id), so a copy or an export that keeps the
// order keeps the chain valid whatever ids the rows get.
#pragma once

#include "model/journal.hpp"

#include <optional>
#include <string>

namespace casectl::store {

// The content of one journal row that its hash covers.
struct JournalContent {
  std::string at;                          // the real moment, UTC
  std::optional<std::string> effective_on; // the business date; NULL in rows written before version 9
  std::string actor;                       // --as
  std::optional<std::string> login;        // the OS login; NULL in rows written before version 9
  std::string command;
  std::optional<std::string> case_id; // NULL for store-wide changes
  std::string action;
  std::string changes;
  std::optional<std::string> db_role; // the database role that wrote it; NULL on SQLite
};

// The content a new row gets from `entry` in every engine: its moment (now when not given), its
// business date (the moment's UTC date when not given), its OS login (looked up when not given).
// Its db_role is the engine's to set.
JournalContent content_of_new_row(const JournalEntry& entry);

// The journal entry every engine appends when it brings a store from version `from` to `to`.
JournalEntry migration_entry(int from, int to);

// The canonical form above. Never fails.
std::string canonical_form(const std::string& previous_hash, const JournalContent& content);

// SHA-256 of canonical_form, as lowercase hex.
std::string journal_hash(const std::string& previous_hash, const JournalContent& content);

// One journal row as stored: its content and the two hashes (NULL when missing).
struct StoredJournalRow {
  long long id = 0;
  JournalContent content;
  std::optional<std::string> previous_hash;
  std::optional<std::string> hash;
};

// The first row where the chain does not hold, and what is wrong with it.
struct ChainBreak {
  long long id = 0;
  std::string case_id; // "" for store-wide rows
  std::string action;
  std::string problem; // "its content was changed after it was written (...)", ...
};

// "row 17 (case 2026-00001, update): PROBLEM", the words every report of a break uses.
std::string describe(const ChainBreak& b);

// Walks the rows of a chain in order. add() returns the break a row makes, if any; after a break
// the verifier goes on from that row's stored hash, so later calls report later breaks.
//
// A row breaks the chain when it has no hash (written outside casectl), when its hash is not the
// hash of its content (changed after it was written), or when its previous hash is not the hash
// of the row before it (a row before it was deleted, rewritten or inserted). Not detected by the
// chain alone: the last rows deleted, or the whole chain recomputed; compare head() with a head
// kept elsewhere for that.
class ChainVerifier {
 public:
  // `expected_previous`: the hash the first row given must follow ("" from the start of the chain).
  explicit ChainVerifier(std::string expected_previous = "") : m_head(std::move(expected_previous)) {}
  std::optional<ChainBreak> add(const StoredJournalRow& row);
  // The hash of the last row added ("" when none): the head of the chain so far.
  const std::string& head() const { return m_head; }
  long long rows() const { return m_rows; }

 private:
  std::string m_head;
  long long m_rows = 0;
};

} // namespace casectl::store
