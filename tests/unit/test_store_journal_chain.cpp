#include "store/journal_chain.hpp"

#include "util/sha256.hpp"

#include <doctest/doctest.h>

using namespace casectl;
using store::ChainVerifier;
using store::JournalContent;
using store::StoredJournalRow;

namespace {

JournalContent content(const std::string& case_id, const std::string& actor = "tester") {
  JournalContent c;
  c.at = "2026-12-01T04:00:00Z";
  c.effective_on = "2001-01-01";
  c.actor = actor;
  c.login = "root";
  c.command = "casectl intake --name Сәуле";
  c.case_id = case_id;
  c.action = "intake";
  c.changes = R"({"name":"Сәуле"})";
  return c;
}

// A chain of `n` rows, each linked to the one before, as casectl writes them.
std::vector<StoredJournalRow> chain_of(int n) {
  std::vector<StoredJournalRow> rows;
  std::string previous;
  for (int i = 1; i <= n; ++i) {
    StoredJournalRow row;
    row.id = i;
    row.content = content(fmt::format("2026-{:05}", i));
    row.previous_hash = previous;
    row.hash = store::journal_hash(previous, row.content);
    previous = *row.hash;
    rows.push_back(row);
  }
  return rows;
}

// The first break a verifier finds in `rows`, or nullopt.
std::optional<store::ChainBreak> first_break(const std::vector<StoredJournalRow>& rows) {
  ChainVerifier verifier;
  for (const StoredJournalRow& row : rows)
    if (auto broken = verifier.add(row)) return broken;
  return std::nullopt;
}

} // namespace

TEST_CASE("canonical_form writes every field length-prefixed in a fixed order, NULL apart from empty") {
  JournalContent c = content("2026-00001");
  CHECK(store::canonical_form("", c) == "casectl-journal-1\n"
                                        "0:\n"
                                        "20:2026-12-01T04:00:00Z\n"
                                        "10:2001-01-01\n"
                                        "6:tester\n"
                                        "4:root\n"
                                        "32:casectl intake --name Сәуле\n" // byte lengths: Сәуле is 10 bytes
                                        "10:2026-00001\n"
                                        "6:intake\n"
                                        "21:{\"name\":\"Сәуле\"}\n");
  SUBCASE("NULL fields (rows written before version 9, store-wide rows) are '-', not empty") {
    c.effective_on.reset();
    c.login.reset();
    c.case_id.reset();
    std::string form = store::canonical_form("ab", c);
    CHECK(form.find("2:ab\n20:2026-12-01T04:00:00Z\n-\n6:tester\n-\n") != std::string::npos);
    CHECK(form.find("\n-\n6:intake\n") != std::string::npos);
    JournalContent empty = c;
    empty.case_id = "";
    CHECK(store::journal_hash("ab", c) != store::journal_hash("ab", empty));
  }
  SUBCASE("a row that names its database role takes form 2, the role a tenth field its hash covers") {
    JournalContent named = c;
    named.db_role = "office_center";
    std::string form = store::canonical_form("", named);
    CHECK(form.rfind("casectl-journal-2\n", 0) == 0);
    CHECK(form.substr(form.size() - 17) == "13:office_center\n");
    CHECK(form.substr(18) == store::canonical_form("", c).substr(18) + "13:office_center\n");
    JournalContent other = named;
    other.db_role = "office_east";
    CHECK(store::journal_hash("", named) != store::journal_hash("", other));
    CHECK(store::journal_hash("", named) != store::journal_hash("", c));
  }
  SUBCASE("a field's bytes cannot move into its neighbour") {
    JournalContent a = c, b = c;
    a.actor = "te";
    a.login = "sterroot";
    b.actor = "tester";
    b.login = "root";
    CHECK(store::journal_hash("", a) != store::journal_hash("", b));
  }
}

TEST_CASE("journal_hash is the SHA-256 of the canonical form with the previous hash in it") {
  JournalContent c = content("2026-00001");
  CHECK(store::journal_hash("", c) == digest::sha256_hex(store::canonical_form("", c)));
  CHECK(store::journal_hash("", c) != store::journal_hash("00", c));
  CHECK(store::journal_hash("", c).size() == 64);
}

TEST_CASE("ChainVerifier finds the first row that breaks the chain") {
  std::vector<StoredJournalRow> rows = chain_of(5);
  SUBCASE("an unbroken chain, and its head") {
    ChainVerifier verifier;
    for (const StoredJournalRow& row : rows) CHECK_FALSE(verifier.add(row));
    CHECK(verifier.head() == *rows.back().hash);
    CHECK(verifier.rows() == 5);
  }
  SUBCASE("ids do not count: the same rows with other ids hold") {
    for (StoredJournalRow& row : rows) row.id += 1000;
    CHECK_FALSE(first_break(rows));
  }
  SUBCASE("content changed") {
    rows[2].content.actor = "ghost";
    auto broken = first_break(rows);
    REQUIRE(broken);
    CHECK(broken->id == 3);
    CHECK(broken->case_id == "2026-00003");
    CHECK(broken->action == "intake");
    CHECK(broken->problem == "its content was changed after it was written (its hash does not match what it says)");
  }
  SUBCASE("a row deleted") {
    rows.erase(rows.begin() + 1);
    auto broken = first_break(rows);
    REQUIRE(broken);
    CHECK(broken->id == 3);
    CHECK(broken->problem.rfind("the chain is broken before it", 0) == 0);
  }
  SUBCASE("a row rewritten with a hash of its own: the next row names it") {
    rows[1].content.actor = "ghost";
    rows[1].hash = store::journal_hash(*rows[1].previous_hash, rows[1].content);
    auto broken = first_break(rows);
    REQUIRE(broken);
    CHECK(broken->id == 3);
  }
  SUBCASE("a row inserted without a hash") {
    StoredJournalRow inserted;
    inserted.id = 6;
    inserted.content = content("2026-00001", "ghost");
    rows.push_back(inserted);
    auto broken = first_break(rows);
    REQUIRE(broken);
    CHECK(broken->id == 6);
    CHECK(broken->problem == "it has no hash: it was inserted outside casectl");
  }
  SUBCASE("verifying from the middle, given the hash before it") {
    ChainVerifier verifier(*rows[2].hash);
    CHECK_FALSE(verifier.add(rows[3]));
    ChainVerifier wrong(*rows[1].hash);
    CHECK(wrong.add(rows[3]));
  }
}
