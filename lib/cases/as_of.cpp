#include "cases/as_of.hpp"

#include "cases/documents.hpp"
#include "cases/lookups.hpp"
#include "cases/review.hpp"
#include "cases/views.hpp"
#include "store/case_store.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>

namespace casectl {

namespace {

// The journal's actions whose `changes` hold {"field": [old, new]} for the case's own fields.
bool changes_case_fields(const std::string& action) {
  return action == "update" || action == "edit" || action == "assign" || action == "supervisor" || action == "close" ||
         action == "reopen";
}

// The fields of the case record that may be rewound: all but its identity and its registration.
const std::set<std::string>& rewindable_fields() {
  static const std::set<std::string> fields = [] {
    std::set<std::string> names;
    Record shape = views::case_record(Case{});
    for (auto it = shape.begin(); it != shape.end(); ++it) names.insert(it.key());
    for (const char* fixed : {"case_id", "created_at", "created_by", "updated_at"}) names.erase(fixed);
    names.insert("supervisor"); // beside the case's fields on the card (views::add_people)
    return names;
  }();
  return fields;
}

Record changes_of(const HistoryEntry& e) {
  Record changes = Record::parse(e.changes, nullptr, false);
  return changes.is_object() ? changes : Record::object();
}

// Keeps the items of the list `card[key]` whose `date_key` is on or before `day`.
void keep_up_to(Record& card, const char* key, const char* date_key, const std::string& day) {
  if (!card.contains(key) || !card[key].is_array()) return;
  Record kept = Record::array();
  for (Record& item : card[key])
    if (item.value(date_key, std::string()) <= day) kept.push_back(std::move(item));
  card[key] = std::move(kept);
}

// Closures up to `day`, as they stood then: one reopened later shows no reopening yet.
void rewind_closures(Record& card, const std::string& day) {
  keep_up_to(card, "closures", "closed_on", day);
  for (Record& c : card["closures"])
    if (c["reopened_on"].is_string() && c["reopened_on"].get<std::string>() > day) {
      c["reopened_on"] = nullptr;
      c["reopen_reason"] = nullptr;
    }
  bool closed = card.value("status", std::string()) == status_code::closed;
  const Record& closures = card["closures"];
  card["closure"] = closed && !closures.empty() ? closures.back() : Record();
  if (!closed) card["closed"] = nullptr;
  else if (!closures.empty()) card["closed"] = closures.back()["closed_on"];
}

// The day the journal `upto` last added `login` to the team (as a new member), or "".
std::string added_on(const std::vector<HistoryEntry>& upto, const std::string& login) {
  std::string day;
  for (const HistoryEntry& e : upto) {
    Record member = changes_of(e).value("team_member", Record());
    if (e.action == "team-add" && member.is_array() && member.size() == 2 && member[0].is_null() && member[1] == login)
      day = effective_day(e);
  }
  return day;
}

// The team as it stood: the members added by then, with the roles they had; the members removed
// since put back (added on the day the journal added them), in the order of load_assignment.
void rewind_team(Record& card, const std::vector<HistoryEntry>& upto, const std::vector<HistoryEntry>& later,
                 const std::string& day) {
  if (!card.contains("team")) return;
  keep_up_to(card, "team", "added_on", day);
  Record& team = card["team"];
  auto member_of = [&](const Record& login) -> Record* {
    for (Record& m : team)
      if (m["login"] == login) return &m;
    return nullptr;
  };
  for (auto e = later.rbegin(); e != later.rend(); ++e) {
    Record changes = changes_of(*e);
    Record login = changes.value("team_member", Record()), role = changes.value("role", Record());
    if (!login.is_array() || login.size() != 2 || !role.is_array() || role.size() != 2) continue;
    if (e->action == "team-add" && login[0].is_string()) { // a new role for a member already on the team
      if (Record* m = member_of(login[0])) (*m)["role"] = role[0];
    } else if (e->action == "team-remove" && login[0].is_string() && !member_of(login[0])) {
      std::string since = added_on(upto, login[0].get<std::string>());
      if (!since.empty()) team.push_back({{"login", login[0]}, {"role", role[0]}, {"added_on", since}});
    }
  }
  std::vector<Record> sorted(team.begin(), team.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const Record& a, const Record& b) {
    return std::make_pair(a.value("added_on", std::string()), a.value("login", std::string())) <
           std::make_pair(b.value("added_on", std::string()), b.value("login", std::string()));
  });
  team = Record::array();
  for (Record& m : sorted) team.push_back(std::move(m));
}

// The next review as the entries up to the day (by business day, then as recorded) left it: a
// review sets it, a closing clears it, a reopening sets it a review cadence after the reopening.
// `entries` by business day, then as recorded.
std::vector<HistoryEntry> by_business_day(std::vector<HistoryEntry> entries) {
  std::stable_sort(entries.begin(), entries.end(),
                   [](const HistoryEntry& a, const HistoryEntry& b) { return effective_day(a) < effective_day(b); });
  return entries;
}

// `upto` in by_business_day order.
Record next_review(const std::vector<HistoryEntry>& upto, const config::Config& config) {
  Record next;
  for (const HistoryEntry& e : upto) {
    Record changes = changes_of(e);
    if (e.action == "close") next = nullptr;
    else if (e.action == "review" && !changes.value("before_opening", false) && changes.contains("next_review_on"))
      next = changes["next_review_on"];
    else if (e.action == "reopen") {
      Result<date::Date> on = date::parse_date(changes.value("reopened_on", effective_day(e)));
      if (on) next = date::format_date(date::day_of(date::start_of(*on) + config.review_cadence));
    }
  }
  return next;
}

// The revision of the plan approved last up to the day (0: none yet); `upto` in by_business_day order.
int plan_in_force(const std::vector<HistoryEntry>& upto) {
  int revision = 0;
  for (const HistoryEntry& e : upto)
    if (e.action == "plan-approve") revision = changes_of(e).value("revision", revision);
  return revision;
}

} // namespace

std::string effective_day(const HistoryEntry& e) { return e.effective_on.empty() ? e.at.substr(0, 10) : e.effective_on; }

void rewind_case_fields(Record& card, const std::vector<HistoryEntry>& later) {
  for (auto e = later.rbegin(); e != later.rend(); ++e) {
    if (!changes_case_fields(e->action)) continue;
    Record changes = changes_of(*e);
    for (auto it = changes.begin(); it != changes.end(); ++it)
      if (rewindable_fields().count(it.key()) && card.contains(it.key()) && it.value().is_array() && it.value().size() == 2)
        card[it.key()] = it.value()[0];
  }
}

namespace {

// The services of plan revision `revision` (0: none in force) as delivered up to `as_of`.
Result<std::vector<Record>> services_in_force(store::CaseStore& store, const std::string& case_id, int revision,
                                              date::Date as_of) {
  if (revision == 0) return std::vector<Record>();
  Result<CaseState> state = find_case_state(store, case_id);
  if (!state) return state.status();
  Result<std::vector<Plan>> plans = store.load_plans(state->row, case_id);
  if (!plans) return plans.status();
  for (const Plan& p : *plans)
    if (p.revision == revision) return plan_services(store, state->row, p, as_of);
  return std::vector<Record>();
}

} // namespace

Result<Record> case_card_as_of(store::CaseStore& store, const Case& c, const config::Config& config, date::Date as_of,
                               date::Date today) {
  const std::string day = date::format_date(as_of);
  if (as_of > today)
    return Status::invalid(
        trf("--as-of: {} is in the future (today is {}); give a day up to today", day, date::format_date(today)));
  if (day < c.opened)
    return Status::invalid(
        trf("--as-of: {} is before case {} was opened, on {}; there was no case then", day, c.case_id, c.opened));
  Result<Record> card = case_card_record(store, c, config, as_of);
  if (!card) return card.status();
  std::vector<HistoryEntry> upto, later;
  CASECTL_TRY(store.each_history_entry(
      c.case_id,
      [&](const HistoryEntry& e) {
        (effective_day(e) <= day ? upto : later).push_back(e);
        return Status::ok();
      },
      HistoryKind::changes));
  const int in_force = plan_in_force(by_business_day(upto));
  Result<std::vector<Record>> services = services_in_force(store, c.case_id, in_force, as_of);
  if (!services) return services.status();
  Result<Record> informed = agencies_informed_record(store, c.case_id, config, in_force, day);
  if (!informed) return informed.status();
  Record& r = *card;
  rewind_case_fields(r, later);
  for (auto e = upto.rbegin(); e != upto.rend(); ++e)
    if (changes_case_fields(e->action) || e->action == "intake" || e->action == "consultation") {
      r["updated_at"] = e->at;
      break;
    }
  keep_up_to(r, "assessments", "assessed_on", day);
  r["risk"] = r["assessments"].empty() ? Record() : r["assessments"].back()["risk"];
  rewind_team(r, upto, later, day);
  keep_up_to(r, "events", "happened_on", day);
  keep_up_to(r, "task_notes", "updated_on", day);
  keep_up_to(r, "removed_members", "removed_on", day);
  rewind_closures(r, day);
  r["next_review_on"] = next_review(by_business_day(upto), config);
  Record list = Record::array();
  for (Record& s : *services) list.push_back(std::move(s));
  r["services"] = list;
  r["agencies_informed"] = std::move(*informed);
  r["as_of"] = day;
  CASECTL_TRY(add_readable_fields(store, config, r, day));
  return card;
}

} // namespace casectl
