#include "cases/as_of.hpp"
#include "cases/views.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace casectl;

namespace {

HistoryEntry entry(const std::string& action, const std::string& changes, const std::string& effective_on = "2026-11-10") {
  HistoryEntry e;
  e.at = "2026-11-20T10:00:00Z";
  e.effective_on = effective_on;
  e.action = action;
  e.changes = changes;
  return e;
}

Record card_now() {
  Case c;
  c.case_id = "2026-00001";
  c.status = "closed";
  c.urgency = "emergency";
  c.case_manager = "petrenko";
  c.note = "now";
  return views::case_record(c);
}

} // namespace

TEST_CASE("rewind_case_fields undoes later changes, newest first, back to the oldest value") {
  Record card = card_now();
  rewind_case_fields(card, {entry("update", R"({"status":["intake","assessment"],"urgency":["routine","emergency"]})"),
                            entry("assign", R"({"case_manager":[null,"aseitova"]})"),
                            entry("assign", R"({"case_manager":["aseitova","petrenko"]})"),
                            entry("close", R"({"status":["assessment","closed"],"outcome":"moved","reason":"x"})")});
  CHECK(card["status"] == "intake");
  CHECK(card["urgency"] == "routine");
  CHECK(card["case_manager"].is_null());
}

TEST_CASE("rewind_case_fields leaves alone what is not a change of the case's own fields") {
  Record card = card_now();
  card["closures"] = Record::array();
  rewind_case_fields(card, {entry("review", R"({"note":["a","b"]})"), entry("plan-approve", R"({"participants":["a","b"]})"),
                            entry("update", R"({"case_id":["old","new"],"closures":[1,2],"reason":"why"})"),
                            entry("update", "not json")});
  CHECK(card["note"] == "now");
  CHECK(card["case_id"] == "2026-00001");
  CHECK(card["closures"] == Record::array());
}

TEST_CASE("effective_day: the effective date, else the day of the real moment for old rows") {
  CHECK(effective_day(entry("update", "{}", "2026-11-03")) == "2026-11-03");
  CHECK(effective_day(entry("update", "{}", "")) == "2026-11-20");
}
