#include "cases/review.hpp"

#include "cases/journal.hpp"
#include "util/messages.hpp"

#include "cases/assessment.hpp"
#include "cases/effective_dates.hpp"
#include "cases/plan.hpp"
#include "store/case_store.hpp"
#include "store/keys.hpp"
#include "util/document.hpp"
#include "util/text.hpp"
#include "cases/lookups.hpp"
#include "cases/problems.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace casectl {

const std::vector<config::RefItem>& task_statuses() {
  static const std::vector<config::RefItem> items = {{"open", "Открыта", "Open", "Ашық"},
                                                     {"in-progress", "Выполняется", "In progress", "Орындалуда"},
                                                     {"done", "Выполнена", "Done", "Орындалды"},
                                                     {"partly", "Выполнена частично", "Partly done", "Ішінара орындалды"},
                                                     {"not-done", "Не выполнена", "Not done", "Орындалмады"},
                                                     {"cancelled", "Отменена", "Cancelled", "Күші жойылды"}};
  return items;
}

const std::vector<config::RefItem>& expectation_answers() {
  static const std::vector<config::RefItem> items = {
      {"yes", "Ожидания оправдались", "Expectations met", "Үміт ақталды"},
      {"partly", "Ожидания оправдались частично", "Expectations partly met", "Үміт ішінара ақталды"},
      {"no", "Ожидания не оправдались", "Expectations not met", "Үміт ақталмады"}};
  return items;
}

const std::vector<config::RefItem>& outcomes() {
  static const std::vector<config::RefItem> items = {
      {"goals-achieved", "Цели достигнуты", "Goals achieved", "Мақсаттарға жетті"},
      {"partly", "Цели достигнуты частично", "Partly achieved", "Мақсаттарға ішінара жетті"},
      {"disengaged", "Семья отказалась от помощи", "Disengaged", "Отбасы көмектен бас тартты"},
      {"transferred", "Передан в другую службу", "Transferred", "Басқа қызметке берілді"},
      {"moved", "Переезд", "Moved", "Көшіп кетті"},
      {"deceased", "Смерть", "Deceased", "Қайтыс болды"},
      {"lost-contact", "Связь утрачена", "Lost contact", "Байланыс үзілді"}};
  return items;
}

namespace {

// A planned date (the next review): any real date, "+4w" counted from `today`; the caller checks
// it against the review's.
std::optional<date::Date> planned_date(Problems& p, const std::string& field, const std::string& value, date::Date today) {
  Result<date::Date> d = date::parse_typed_date(value, today);
  if (!d) {
    p.add(field, d.status().message());
    return std::nullopt;
  }
  return *d;
}

// Takes a date the date rule gave, or the rule's refusal as a problem line (it names its field).
void take_date(Problems& p, const Result<date::Date>& d, date::Date& out) {
  if (d) out = *d;
  else p.lines.push_back(d.status().message());
}

// The effective date of a closing or reopening (`--on`, default today, by the date rule; a refusal
// goes to `p`) with the case's current spell of work, which each checks the date against so that
// spells of work never overlap.
struct SpellChange {
  date::Date on;
  CasePeriod spell;
};
Result<SpellChange> spell_change(store::CaseStore& store, const CaseState& state, const std::optional<std::string>& on,
                                 date::Date today, Problems& p) {
  Result<effective_dates::CaseDates> dates = effective_dates::case_dates(state.opened, today);
  if (!dates) return dates.status();
  SpellChange change{dates->today, {}};
  take_date(p, effective_dates::happened_on("on", on, *dates), change.on);
  Result<CasePeriod> spell = store.current_period(state.row);
  if (!spell) return spell.status();
  change.spell = *spell;
  return change;
}

Result<CaseState> open_case(store::CaseStore& store, const std::string& case_id, bool closed_allowed) {
  Result<std::optional<CaseState>> found = store.case_state(case_id);
  if (!found) return found.status();
  if (!*found) return case_not_found(case_id);
  const CaseState& s = **found;
  if (s.status == status_code::consultation)
    return Status::conflict(trf("{} is a consultation, not a full case; there is nothing to review", s.case_id));
  if (s.status == status_code::closed && !closed_allowed)
    return Status::conflict(
        trf("case {} is closed; reopen it with 'casectl review {} --reopen --reason TEXT'", s.case_id, s.case_id));
  return s;
}

// The latest approved revision of the case's plan, or nullopt.
Result<std::optional<Plan>> approved_plan(store::CaseStore& store, const CaseState& s) {
  Result<std::vector<Plan>> plans = store.load_plans(s.row, s.case_id);
  if (!plans) return plans.status();
  for (auto it = plans->rbegin(); it != plans->rend(); ++it)
    if (it->status == "approved") return std::optional<Plan>(*it);
  return std::optional<Plan>();
}

const PlanTask* task_of(const Plan& plan, int number) {
  for (const PlanTask& t : plan.tasks)
    if (t.number == number) return &t;
  return nullptr;
}

} // namespace

namespace {

// The member numbers --member gives, checked against the case's household (its members now and
// those removed since), ascending and each once; a problem line for each one that is not there.
Result<std::vector<int>> event_members(store::CaseStore& store, const CaseState& state, const ReviewRequest& request,
                                       Problems& p) {
  std::vector<int> members;
  if (request.members.empty()) return members;
  if (request.events.empty()) p.add("member", tr("goes with --event: it names the household members the events concern"));
  Result<std::optional<Case>> c = store.load_case(state.case_id);
  if (!c) return c.status();
  Result<std::vector<RemovedMember>> removed = store.removed_members(state.row);
  if (!removed) return removed.status();
  std::vector<int> known;
  if (*c)
    for (std::size_t i = 0; i < (*c)->members.size(); ++i) known.push_back(store::member_number((*c)->members, i));
  for (const RemovedMember& r : *removed) known.push_back(r.member.number);
  for (const std::string& given : request.members) {
    std::optional<int> n = whole_number(text::trim(given));
    if (!n) p.add("member", trf("'{}' is not a member number ('casectl show {}' lists them)", given, state.case_id));
    else if (std::find(known.begin(), known.end(), *n) == known.end())
      p.add("member", trf("case {} has no member {} ('casectl show {}' lists them)", state.case_id, *n, state.case_id));
    else members.push_back(*n);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  return members;
}

} // namespace

Result<ReviewChange> record_review(store::CaseStore& store, const std::string& case_id, const ReviewRequest& request,
                                   const config::Config& config, const ChangeContext& context) {
  ReviewChange outcome;
  Status status = store.write([&]() -> Status {
    Result<CaseState> state = open_case(store, case_id, false);
    if (!state) return state.status();
    const std::string& id = state->case_id;
    outcome.case_id = id;
    Problems p;
    Result<effective_dates::CaseDates> dates = effective_dates::case_dates(state->opened, context.clock.today);
    if (!dates) return dates.status();
    date::Date on = dates->today;
    if (request.before_opening) {
      if (!request.on) p.add("on", tr("give the date the events happened, before the case was opened (--on DATE)"));
      else take_date(p, effective_dates::happened_before_opening("on", *request.on, *dates), on);
      if (request.events.empty())
        p.add("before_opening", tr("goes with --event: it marks events from before the case was opened"));
      if (!request.tasks.empty() || !request.delivered.empty() || request.note || request.next || request.task_status ||
          request.task_note)
        p.add("before_opening", tr("records only events (--event, --event-note); record the review in a command of its own"));
    } else {
      take_date(p, effective_dates::happened_on("on", request.on, *dates), on);
    }
    Result<std::optional<Plan>> plan = approved_plan(store, *state);
    if (!plan) return plan.status();
    bool needs_plan = !request.tasks.empty() || !request.delivered.empty();
    if (needs_plan && !*plan)
      return Status::conflict(trf("case {} has no approved plan; tasks and services come from it "
                                  "('casectl plan {} approve ...')",
                                  id, id));
    // Task updates.
    std::string task_status;
    if (!request.tasks.empty()) {
      if (!request.task_status) p.add("status", tr("say what became of the task (--status done, in-progress, ...)"));
      else {
        Result<std::string> code = config::resolve(task_statuses(), text::trim(*request.task_status), "task status");
        if (code) task_status = *code;
        else p.add("status", code.status().message());
      }
    } else if (request.task_status) {
      p.add("status", tr("goes with --task N"));
    }
    std::vector<int> tasks;
    for (const std::string& given : request.tasks) {
      std::optional<int> n = whole_number(text::trim(given));
      if (!n) {
        p.add("task", trf("'{}' is not a task number", given));
        continue;
      }
      if (!task_of(**plan, *n))
        return Status::not_found(trf("the approved plan of {} has no task {}; 'casectl plan {}' lists them", id, *n, id));
      tasks.push_back(*n);
    }
    // Services delivered.
    std::vector<std::pair<int, int>> deliveries;
    for (const std::string& given : request.delivered) {
      std::size_t eq = given.find('=');
      std::optional<int> n = eq == std::string::npos ? std::nullopt : whole_number(text::trim(given.substr(0, eq)));
      std::optional<int> count = eq == std::string::npos ? std::nullopt : whole_number(text::trim(given.substr(eq + 1)));
      if (!n || !count) {
        p.add("delivered", trf("'{}' is not TASK=COUNT (e.g. 3=2: task 3 delivered twice)", given));
        continue;
      }
      if (*count < 0 || *count > 1000) {
        p.add("delivered", trf("'{}': the count must be from 0 to 1000", given));
        continue;
      }
      const PlanTask* t = task_of(**plan, *n);
      if (!t) return Status::not_found(trf("the approved plan of {} has no task {}; 'casectl plan {}' lists them", id, *n, id));
      if (t->frequency_count == 0) {
        p.add("delivered", trf("task {} is not a recurring service; record its progress with --task {} --status", *n, *n));
        continue;
      }
      deliveries.emplace_back(*n, *count);
    }
    // Events.
    std::vector<std::string> events;
    for (const std::string& given : request.events) {
      Result<std::string> code = config::resolve(config.events, text::trim(given), "event");
      if (code) events.push_back(*code);
      else p.add("event", code.status().message());
    }
    Result<std::vector<int>> members = event_members(store, *state, request, p);
    if (!members) return members.status();
    std::string task_note = checked_text(p, "task_note", request.task_note.value_or(""));
    std::string event_note = checked_text(p, "event_note", request.event_note.value_or(""));
    std::string note = checked_text(p, "note", request.note.value_or(""));
    date::Date next = date::day_of(date::start_of(on) + config.review_cadence);
    if (request.next) {
      std::optional<date::Date> d = planned_date(p, "next", *request.next, context.clock.today);
      if (d && *d <= on) p.add("next", trf("{} is not after the review", date::format_date(*d)));
      else if (d) next = *d;
    }
    if (!p.lines.empty())
      return Status::invalid(trf("the review of {} was not recorded:\n  {}", id, text::join(p.lines, "\n  ")));

    const std::string on_text = date::format_date(on);
    const std::string at = date::format_timestamp(context.clock.now);
    Record changes = {{"reviewed_on", on_text}};
    if (request.before_opening) changes = {{"happened_on", on_text}, {"before_opening", true}};
    Record task_changes = Record::array();
    for (int n : tasks) {
      const PlanTask* t = task_of(**plan, n);
      CASECTL_TRY(store.update_task(state->row, (*plan)->revision, n, task_status, task_note, on_text, context.actor));
      task_changes.push_back({{"task", n}, {"status", Record::array({t->status, task_status})}});
    }
    if (!task_changes.empty()) changes["tasks"] = task_changes;
    if (!task_note.empty()) changes["task_note"] = task_note;
    Record delivered = Record::array();
    for (const auto& [n, count] : deliveries) {
      CASECTL_TRY(store.add_delivery(state->row, n, on_text, count, context.actor, at));
      delivered.push_back({{"task", n}, {"count", count}, {"on", on_text}});
    }
    if (!delivered.empty()) changes["delivered"] = delivered;
    for (const std::string& e : events)
      CASECTL_TRY(store.add_event(state->row, {e, on_text, request.before_opening, event_note, context.actor, at, *members}));
    if (!events.empty()) changes["events"] = events;
    if (!members->empty()) changes["event_members"] = *members;
    if (!event_note.empty()) changes["event_note"] = event_note;
    if (!note.empty()) changes["note"] = note;
    if (request.before_opening) { // history only: no review, the next review stays
      Result<std::string> kept = store.next_review_of(state->row);
      if (!kept) return kept.status();
      outcome.next_review_on = *kept;
      return journal(store, dated(context, on), id, "review", changes);
    }
    const std::string next_text = date::format_date(next);
    changes["next_review_on"] = next_text;
    Result<std::string> latest = store.latest_review_on(state->row);
    if (!latest) return latest.status();
    std::optional<date::Date> latest_on;
    if (Result<date::Date> d = date::parse_date(*latest)) latest_on = *d;
    CASECTL_TRY(store.add_review(state->row, on_text, context.actor, note, next_text, at));
    if (effective_dates::sets_next_review(on, latest_on)) {
      CASECTL_TRY(store.set_next_review(state->row, next_text));
      outcome.next_review_on = next_text;
    } else {
      Result<std::string> kept = store.next_review_of(state->row);
      if (!kept) return kept.status();
      outcome.next_review_on = *kept;
      changes["next_review_kept"] = kept->empty() ? Record() : Record(*kept);
      outcome.notes.push_back(trf("the review of {} is dated {}, before the latest review ({}); the next review "
                                  "stays {}",
                                  id, on_text, *latest, kept->empty() ? std::string("unset") : *kept));
    }
    return journal(store, dated(context, on), id, "review", changes);
  });
  if (!status) return status;
  return outcome;
}

namespace {

// Each domain's change from the baseline (the first assessment that scored it) to the latest.
Record domain_changes(const std::vector<Assessment>& all) {
  std::map<std::string, std::pair<std::optional<int>, std::optional<int>>> by_domain;
  std::vector<std::string> order;
  for (const Assessment& a : all)
    for (const DomainScore& d : a.scores) {
      if (!by_domain.count(d.domain)) order.push_back(d.domain);
      auto& [first, last] = by_domain[d.domain];
      if (d.score && !first) first = d.score;
      if (d.score) last = d.score;
    }
  Record changes = Record::array();
  for (const std::string& domain : order) {
    const auto& [first, last] = by_domain[domain];
    changes.push_back({{"domain", domain},
                       {"baseline", first ? Record(*first) : Record()},
                       {"final", last ? Record(*last) : Record()},
                       {"change", first && last ? Record(*last - *first) : Record()}});
  }
  return changes;
}

} // namespace

Result<ReviewChange> close_case(store::CaseStore& store, const std::string& case_id, const CloseRequest& request,
                                const config::Config& config, const ChangeContext& context) {
  (void)config;
  ReviewChange outcome;
  Status status = store.write([&]() -> Status {
    Result<CaseState> state = open_case(store, case_id, false);
    if (!state) return state.status();
    const std::string& id = state->case_id;
    outcome.case_id = id;
    Problems p;
    Result<SpellChange> change = spell_change(store, *state, request.on, context.clock.today, p);
    if (!change) return change.status();
    const date::Date on = change->on;
    // A reopened case closes again on or after its reopening.
    if (p.lines.empty() && date::format_date(on) < change->spell.opened_on)
      p.add("on", trf("{} is before the case was reopened, {}", date::format_date(on), change->spell.opened_on));
    std::string reason = checked_text(p, "reason", request.reason);
    if (reason.empty() && p.lines.empty()) p.add("reason", tr("say why the case closes (--reason)"));
    std::string outcome_code;
    if (text::trim(request.outcome).empty()) {
      p.add("outcome",
            tr("give the outcome (--outcome goals-achieved, partly, disengaged, transferred, moved, deceased, lost-contact)"));
    } else {
      Result<std::string> code = config::resolve(outcomes(), text::trim(request.outcome), "outcome");
      if (code) outcome_code = *code;
      else p.add("outcome", code.status().message());
    }
    std::string met = text::casefold(text::trim(request.expectations_met));
    if (met != "yes" && met != "partly" && met != "no")
      p.add("expectations", tr("were the person's own expectations met? give yes, partly or no (--expectations)"));
    std::string met_note = checked_text(p, "expectations_note", request.expectations_note);
    std::string forced = checked_text(p, "force", request.force_reason);
    if (!p.lines.empty()) return Status::invalid(trf("case {} was not closed:\n  {}", id, text::join(p.lines, "\n  ")));
    Result<std::optional<Plan>> plan = approved_plan(store, *state);
    if (!plan) return plan.status();
    std::vector<std::string> open_tasks;
    if (*plan)
      for (const PlanTask& t : (*plan)->tasks)
        if (t.status == "open" || t.status == "in-progress") open_tasks.push_back(fmt::format("{} ({})", t.number, t.what));
    if (!open_tasks.empty() && forced.empty())
      return Status::conflict(trf("case {} still has open tasks: {}; record what became of them with 'casectl "
                                  "review {} --task N --status ...', or close anyway with --force REASON",
                                  id, text::join(open_tasks, "; "), id));
    Result<std::vector<Assessment>> assessments = store.load_assessments(state->row, id);
    if (!assessments) return assessments.status();
    Closure c;
    c.closed_on = date::format_date(on);
    c.reason = reason;
    c.outcome = outcome_code;
    c.expectations_met = met;
    c.expectations_note = met_note;
    Record changes_by_domain = domain_changes(*assessments);
    c.domain_changes_json = changes_by_domain.dump(-1, ' ', false, Record::error_handler_t::replace);
    c.forced_reason = forced;
    c.closed_by = context.actor;
    c.at = date::format_timestamp(context.clock.now);
    if (!assessments->empty()) c.final_assessment = assessments->back().number;
    if (assessments->size() < 2)
      outcome.notes.push_back(trf("case {} has {} assessment(s); a final reassessment ('casectl assess {} ...') "
                                  "measures the change from the baseline",
                                  id, assessments->size(), id));
    CASECTL_TRY(store.close_case(state->row, c));
    outcome.closure = {{"case_id", id},
                       {"closed_on", c.closed_on},
                       {"reason", c.reason},
                       {"outcome", c.outcome},
                       {"expectations_met", c.expectations_met},
                       {"expectations_note", c.expectations_note.empty() ? Record() : Record(c.expectations_note)},
                       {"final_assessment", c.final_assessment ? Record(*c.final_assessment) : Record()},
                       {"domain_changes", changes_by_domain},
                       {"forced_reason", c.forced_reason.empty() ? Record() : Record(c.forced_reason)},
                       {"open_tasks_left", open_tasks}};
    Record changes = outcome.closure;
    changes["status"] = Record::array({state->status, status_code::closed});
    return journal(store, dated(context, on), id, "close", changes);
  });
  if (!status) return status;
  return outcome;
}

Result<ReviewChange> reopen_case(store::CaseStore& store, const std::string& case_id, const ReopenRequest& request,
                                 const config::Config& config, const ChangeContext& context) {
  ReviewChange outcome;
  Status status = store.write([&]() -> Status {
    Result<CaseState> state = open_case(store, case_id, true);
    if (!state) return state.status();
    const std::string& id = state->case_id;
    outcome.case_id = id;
    if (state->status != status_code::closed)
      return Status::conflict(trf("case {} is not closed (it is {}); there is nothing to reopen", id, state->status));
    std::string why = text::trim(request.reason);
    if (why.empty() || !text::is_valid_utf8(why)) return Status::invalid(tr("--reason: say why the case is reopened"));
    Problems p;
    Result<SpellChange> change = spell_change(store, *state, request.on, context.clock.today, p);
    if (!change) return change.status();
    const date::Date on = change->on;
    // The new spell of work starts on or after the last closing.
    const std::string on_text = date::format_date(on);
    if (p.lines.empty() && on_text < change->spell.closed_on)
      p.add("on", trf("{} is before the case was closed, {}", on_text, change->spell.closed_on));
    if (!p.lines.empty()) return Status::invalid(trf("case {} was not reopened:\n  {}", id, text::join(p.lines, "\n  ")));
    Result<std::optional<Plan>> plan = approved_plan(store, *state);
    if (!plan) return plan.status();
    Result<int> assessments = store.assessment_count(state->row);
    if (!assessments) return assessments.status();
    std::string back = *plan ? status_code::active : *assessments > 0 ? status_code::assessment : status_code::intake;
    std::string at = date::format_timestamp(context.clock.now);
    CASECTL_TRY(store.reopen_case(state->row, back, on_text, why, at));
    // Back in work means back under review: the next review falls due after the usual cadence.
    std::string next = date::format_date(date::day_of(date::start_of(on) + config.review_cadence));
    CASECTL_TRY(store.set_next_review(state->row, next));
    outcome.next_review_on = next;
    outcome.notes.push_back(trf("case {} is back in work ({})", id, back));
    return journal(store, dated(context, on), id, "reopen",
                   Record{{"status", Record::array({status_code::closed, back})}, {"reopened_on", on_text}, {"reason", why}});
  });
  if (!status) return status;
  return outcome;
}

Result<ReviewRequest> review_request_from(const std::string& text_in, const std::string& format, const std::string& source) {
  Result<Record> doc = document::parse(text_in, format, source);
  if (!doc) return doc.status();
  if (!doc->is_object()) return Status::invalid(trf("{}: the document must be a table of fields", source));
  ReviewRequest r;
  std::vector<std::string> problems;
  const std::vector<std::string> keys = {"on",        "note",   "next",       "task_status",    "task_note", "tasks",
                                         "delivered", "events", "event_note", "before_opening", "members"};
  auto text_of = [&](const std::string& key, const Record& v) -> std::optional<std::string> {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    problems.push_back(key + ": must be text");
    return std::nullopt;
  };
  for (auto it = doc->begin(); it != doc->end(); ++it) {
    const std::string& key = it.key();
    const Record& v = it.value();
    std::optional<std::string>* scalar = key == "on"            ? &r.on
                                         : key == "note"        ? &r.note
                                         : key == "next"        ? &r.next
                                         : key == "task_status" ? &r.task_status
                                         : key == "task_note"   ? &r.task_note
                                         : key == "event_note"  ? &r.event_note
                                                                : nullptr;
    if (scalar) {
      *scalar = text_of(key, v);
    } else if (key == "before_opening") {
      if (v.is_boolean()) r.before_opening = v.get<bool>();
      else problems.push_back(tr("before_opening: must be true or false"));
    } else if (key == "tasks" || key == "events" || key == "members") {
      if (!v.is_array()) {
        problems.push_back(key + ": must be a list");
        continue;
      }
      std::vector<std::string>& list = key == "tasks" ? r.tasks : key == "events" ? r.events : r.members;
      for (const Record& item : v)
        if (std::optional<std::string> t = text_of(key, item)) list.push_back(*t);
    } else if (key == "delivered") {
      if (!v.is_object()) {
        problems.push_back(tr("delivered: must be a table of task = count"));
        continue;
      }
      for (auto d = v.begin(); d != v.end(); ++d)
        if (std::optional<std::string> count = text_of("delivered." + d.key(), d.value()))
          r.delivered.push_back(d.key() + "=" + *count);
    } else {
      problems.push_back(trf("'{}' is not a review field{}", key, text::did_you_mean(key, keys)));
    }
  }
  if (!problems.empty()) return Status::invalid(fmt::format("{}:\n  {}", source, text::join(problems, "\n  ")));
  return r;
}

Status add_monitoring(store::CaseStore& store, const std::string& case_id, date::Date today, Record& record) {
  Result<std::vector<Record>> services = service_compliance(store, case_id, today);
  if (!services) return services.status();
  Result<std::optional<CaseState>> found = store.case_state(case_id);
  if (!found) return found.status();
  std::string next;
  if (*found) {
    Result<std::string> n = store.next_review_of((*found)->row);
    if (!n) return n.status();
    next = *n;
  }
  record["next_review_on"] = next.empty() ? Record() : Record(next);
  Record list = Record::array();
  for (Record& r : *services) list.push_back(std::move(r));
  record["services"] = list;
  return Status::ok();
}

Result<std::vector<Record>> plan_services(store::CaseStore& store, long long row, const Plan& plan, date::Date today) {
  std::vector<Record> rows;
  for (const PlanTask& t : plan.tasks) {
    if (t.frequency_count == 0) continue;
    int days = t.frequency_period == "week" ? 7 : t.frequency_period == "month" ? 30 : 1;
    date::Date from = today - date::Date::duration{days - 1};
    Result<int> delivered = store.delivered_between(row, t.number, date::format_date(from), date::format_date(today));
    if (!delivered) return delivered.status();
    rows.push_back(service_record(t, from, today, *delivered));
  }
  return rows;
}

Record service_record(const PlanTask& t, date::Date from, date::Date to, int delivered) {
  int due = t.frequency_count; // continuous care is 30/month: every day of the window
  int percent = due > 0 ? (delivered * 100) / due : 0;
  return {{"task", t.number},
          {"what", t.what},
          {"frequency", t.continuous ? std::string("continuous") : std::to_string(t.frequency_count) + "/" + t.frequency_period},
          {"from", date::format_date(from)},
          {"to", date::format_date(to)},
          {"due", due},
          {"delivered", delivered},
          {"percent", percent},
          {"agency", t.agency.empty() ? Record() : Record(t.agency)},
          {"worker", t.worker.empty() ? Record() : Record(t.worker)},
          {"shortfall", std::max(0, due - delivered)},
          {"under_delivered", delivered < due}};
}

Result<std::vector<Record>> service_compliance(store::CaseStore& store, const std::string& case_id, date::Date today) {
  Result<CaseState> state = find_case_state(store, case_id);
  if (!state) return state.status();
  Result<std::optional<Plan>> plan = approved_plan(store, *state);
  if (!plan) return plan.status();
  if (!*plan) return std::vector<Record>();
  return plan_services(store, state->row, **plan, today);
}

} // namespace casectl
