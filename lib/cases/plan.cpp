#include "cases/plan.hpp"

#include "cases/effective_dates.hpp"
#include "cases/journal.hpp"
#include "util/messages.hpp"

#include "cases/assign.hpp"
#include "cases/views.hpp"
#include "store/case_store.hpp"
#include "util/document.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"
#include "cases/lookups.hpp"
#include "cases/problems.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>

namespace casectl {

const std::vector<config::RefItem>& task_priorities() {
  static const std::vector<config::RefItem> items = {{"immediate", "Немедленно", "Immediate", "Дереу"},
                                                     {"high", "Высокий", "High", "Жоғары"},
                                                     {"normal", "Обычный", "Normal", "Қалыпты"},
                                                     {"can-wait", "Может подождать", "Can wait", "Күте тұруға болады"}};
  return items;
}

bool is_continuous_frequency(const std::string& given) {
  std::string t = text::casefold(text::trim(given));
  return t == "continuous" || t == "24/7" || t == "круглосуточно" || t == "тәулік бойы";
}

Result<std::pair<int, std::string>> parse_frequency(const std::string& given) {
  std::string t = text::casefold(text::trim(given));
  // Words people write for once a period, in English and Russian.
  static const std::pair<const char*, const char*> k_once[] = {
      {"daily", "day"},     {"weekly", "week"},      {"monthly", "month"},
      {"ежедневно", "day"}, {"еженедельно", "week"}, {"ежемесячно", "month"},
  };
  for (const auto& [word, period] : k_once)
    if (t == word) return std::make_pair(1, std::string(period));
  std::size_t sep = t.find('/');
  std::size_t skip = 1;
  if (sep == std::string::npos) {
    sep = t.find(" per ");
    skip = 5;
  }
  auto bad = [&] {
    return Status::invalid(trf("'{}' is not a frequency; write COUNT/PERIOD: 5/week, 2/month, 1/day (or daily, weekly, monthly; "
                               "continuous for 24-hour care)",
                               given));
  };
  if (sep == std::string::npos) return bad();
  std::string count_text = text::trim(t.substr(0, sep));
  std::string period = text::trim(t.substr(sep + skip));
  int count = 0;
  auto [end, ec] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  if (ec != std::errc() || end != count_text.data() + count_text.size() || count < 1 || count > 100) return bad();
  if (period == "weeks") period = "week";
  if (period == "months") period = "month";
  if (period == "days") period = "day";
  if (period != "day" && period != "week" && period != "month") return bad();
  return std::make_pair(count, period);
}

namespace {

// Optional free text: "" when not given (see checked_text).
std::string checked_text(Problems& p, const std::string& field, const std::optional<std::string>& value) {
  return value ? casectl::checked_text(p, field, *value) : std::string();
}

// What the checks of a goal or task need to know besides the config.
struct Setting {
  const config::Config& config;
  const Roster& roster;
  const std::vector<Member>& members; // the household, for the family's own part
  date::Date start;                   // the plan's start
  date::Date today;                   // the command's day: "+2w" as a due date counts from it
};

PlanGoal check_goal(const GoalRequest& r, const Setting& s, Problems& p) {
  PlanGoal g;
  std::string domain = checked_text(p, "domain", r.domain);
  if (!domain.empty()) {
    Result<std::string> code = config::resolve(s.config.domains, domain, "domain");
    if (code) g.domain = *code;
    else p.add("domain", code.status().message());
  }
  std::string target = checked_text(p, "target", r.target);
  if (!target.empty()) {
    std::optional<int> n = whole_number(target);
    if (n && *n >= 1 && *n <= 5) g.target = *n;
    else p.add("target", trf("'{}' is not a score from 1 to 5", target));
  }
  g.expectation = checked_text(p, "expectation", r.expectation);
  std::size_t problems_before = p.lines.size(); // a text refused as it is is not also called empty
  g.description = checked_text(p, "description", r.description);
  if (g.description.empty() && p.lines.size() == problems_before)
    p.add("description", tr("is empty; say what the goal is, in plain words (--description)"));
  return g;
}

// Checks the fields `r` gives and lays them over `t` (a new task, or the one being edited).
void check_task(const TaskRequest& r, const Setting& s, const Plan& plan, PlanTask& t, Problems& p) {
  if (r.goal) {
    std::optional<int> n = whole_number(text::trim(*r.goal));
    bool known = n && std::any_of(plan.goals.begin(), plan.goals.end(), [&](const PlanGoal& g) { return g.number == *n; });
    if (known) t.goal = *n;
    else p.add("goal", trf("there is no goal {} in the plan; add it first with 'plan CASE add-goal'", *r.goal));
  }
  std::size_t problems_before = p.lines.size(); // a text refused as it is is not also called empty
  if (r.what) t.what = checked_text(p, "what", r.what);
  if (t.what.empty() && p.lines.size() == problems_before) p.add("what", tr("is empty; say what is to be done (--what)"));
  if (r.priority) {
    Result<std::string> code = config::resolve(task_priorities(), text::trim(*r.priority), "priority");
    if (code) t.priority = *code;
    else p.add("priority", code.status().message());
  }
  if (t.priority.empty()) t.priority = "normal";
  if (r.agency) {
    std::string agency = checked_text(p, "agency", r.agency);
    t.agency.clear();
    if (!agency.empty()) {
      Result<std::string> code = config::resolve(s.config.agencies, agency, "agency");
      if (code) t.agency = *code;
      else p.add("agency", code.status().message());
    }
  }
  if (r.worker) {
    std::string worker = checked_text(p, "worker", r.worker);
    t.worker.clear();
    if (!worker.empty()) {
      Result<const StaffEntry*> who = s.roster.require(worker);
      if (who) {
        t.worker = worker;
        if (t.agency.empty()) t.agency = (*who)->member.agency; // the worker's agency is responsible too
      } else {
        p.add("worker", who.status().message());
      }
    }
  }
  if (r.family_member) {
    std::string member = checked_text(p, "family_member", r.family_member);
    t.family_member.clear();
    if (!member.empty()) {
      auto it = std::find_if(s.members.begin(), s.members.end(), [&](const Member& m) {
        return text::search_key(m.name) == text::search_key(member) ||
               text::search_key(m.name).rfind(text::search_key(member) + " ", 0) == 0;
      });
      if (s.members.empty() || it != s.members.end()) {
        t.family_member = it != s.members.end() ? it->name : member;
      } else {
        std::vector<std::string> names;
        for (const Member& m : s.members) names.push_back(m.name);
        p.add("family_member", trf("'{}' is not in the household{}; the members are: {}", member,
                                   text::did_you_mean(member, names), text::join(names, ", ")));
      }
    }
  }
  bool named_someone = (r.agency && !text::trim(*r.agency).empty()) || (r.worker && !text::trim(*r.worker).empty()) ||
                       (r.family_member && !text::trim(*r.family_member).empty());
  if (t.agency.empty() && t.worker.empty() && t.family_member.empty() && !named_someone)
    p.add("responsible", tr("nobody is responsible; give --agency, --worker, or --family for the family's own part"));
  if (r.due && r.offset) p.add("due", tr("give a due date or an offset in days, not both"));
  if (r.due) {
    Result<date::Date> due = date::parse_typed_date(*r.due, s.today);
    if (!due) {
      p.add("due", due.status().message());
    } else if (*due < s.start) {
      p.add("due", trf("{} is before the plan's start, {}", date::format_date(*due), date::format_date(s.start)));
    } else {
      t.due_on = date::format_date(*due);
      t.offset_days.reset();
    }
  }
  if (r.offset) {
    std::optional<int> days = whole_number(text::trim(*r.offset));
    if (!days || *days < 0 || *days > 3650) {
      p.add("offset", trf("'{}' is not a number of days from the plan's start (0 or more)", *r.offset));
    } else {
      t.offset_days = *days;
      t.due_on = date::format_date(s.start + date::Date::duration{*days});
    }
  }
  if (r.frequency) {
    std::string f = text::trim(*r.frequency);
    t.continuous = false;
    if (f.empty()) {
      t.frequency_count = 0;
      t.frequency_period.clear();
    } else if (is_continuous_frequency(f)) {
      // Every day covered, counted over 30 days as every other monthly service (the services'
      // report, `due`, the card): a delivery is recorded as the days it covered.
      t.frequency_count = 30;
      t.frequency_period = "month";
      t.continuous = true;
    } else {
      Result<std::pair<int, std::string>> parsed = parse_frequency(f);
      if (parsed) {
        t.frequency_count = parsed->first;
        t.frequency_period = parsed->second;
      } else {
        p.add("frequency", parsed.status().message());
      }
    }
  }
}

Status refuse_state(const CaseState& state) {
  if (state.status == status_code::closed)
    return Status::conflict(
        trf("case {} is closed; reopen it with 'casectl review {} --reopen' to plan again", state.case_id, state.case_id));
  if (state.status == status_code::consultation)
    return Status::conflict(trf("{} is a consultation, not a full case; it has no plan", state.case_id));
  return Status::ok();
}

// The case, its plan revisions, its household and the staff: what every plan change starts from.
struct Loaded {
  CaseState state;
  std::vector<Plan> plans;
  std::vector<Member> members;
  std::optional<Roster> roster;
  std::string case_manager;
};

Status load_for_change(store::CaseStore& store, const config::Config& config, const std::string& case_id, Loaded& out) {
  Result<std::optional<CaseState>> found = store.case_state(case_id);
  if (!found) return found.status();
  if (!*found) return case_not_found(case_id);
  out.state = **found;
  CASECTL_TRY(refuse_state(out.state));
  Result<std::vector<Plan>> plans = store.load_plans(out.state.row, out.state.case_id);
  if (!plans) return plans.status();
  out.plans = std::move(*plans);
  Result<std::optional<Case>> c = store.load_case(out.state.case_id);
  if (!c) return c.status();
  if (*c) {
    out.members = (*c)->members;
    out.case_manager = (*c)->case_manager;
  }
  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  out.roster = std::move(*roster);
  return Status::ok();
}

// Runs `body` in one write to the store, with the case loaded for a change (load_for_change):
// the change it fills in, or the first failure (nothing written then).
Result<PlanChange> change_plan(store::CaseStore& store, const config::Config& config, const std::string& case_id,
                               const std::function<Status(Loaded&, PlanChange&)>& body) {
  PlanChange change;
  Status status = store.write([&]() -> Status {
    Loaded loaded;
    CASECTL_TRY(load_for_change(store, config, case_id, loaded));
    return body(loaded, change);
  });
  if (!status) return status;
  return change;
}

int next_number(const std::vector<PlanGoal>& goals) {
  int n = 0;
  for (const PlanGoal& g : goals) n = std::max(n, g.number);
  return n + 1;
}

int next_number(const std::vector<PlanTask>& tasks) {
  int n = 0;
  for (const PlanTask& t : tasks) n = std::max(n, t.number);
  return n + 1;
}

Status invalid(const std::string& case_id, const Problems& p) {
  return Status::invalid(trf("the plan of {} was not changed:\n  {}", case_id, text::join(p.lines, "\n  ")));
}

// Applies `request` to `plan` (a draft). Fills `change` with the new numbers. New tasks are
// numbered after `last_task`, the highest number an approved revision ever used, so that a number
// once given out (and the services delivered against it) never means another task.
Status apply(const PlanEditRequest& request, const Setting& setting, Plan& plan, PlanChange& change, int last_task) {
  Problems p;
  switch (request.edit) {
  case PlanEdit::add_goal: {
    PlanGoal g = check_goal(request.goal, setting, p);
    if (!p.empty()) return invalid(plan.case_id, p);
    g.number = change.goal_number = next_number(plan.goals);
    plan.goals.push_back(std::move(g));
    return Status::ok();
  }
  case PlanEdit::add_task: {
    PlanTask t;
    if (!request.task.goal) {
      if (plan.goals.size() == 1) t.goal = plan.goals.front().number;
      else
        p.add("goal", plan.goals.empty() ? "the plan has no goal yet; add one with 'plan CASE add-goal' first"
                                         : "say which goal the task serves (--goal N)");
    }
    check_task(request.task, setting, plan, t, p);
    if (!p.empty()) return invalid(plan.case_id, p);
    t.number = change.task_number = std::max(next_number(plan.tasks), last_task + 1);
    plan.tasks.push_back(std::move(t));
    return Status::ok();
  }
  case PlanEdit::edit_task: {
    auto it = std::find_if(plan.tasks.begin(), plan.tasks.end(), [&](const PlanTask& t) { return t.number == request.number; });
    if (it == plan.tasks.end())
      return Status::not_found(
          trf("the plan of {} has no task {}; 'casectl plan {}' lists them", plan.case_id, request.number, plan.case_id));
    PlanTask edited = *it;
    check_task(request.task, setting, plan, edited, p);
    if (!p.empty()) return invalid(plan.case_id, p);
    *it = std::move(edited);
    change.task_number = it->number;
    return Status::ok();
  }
  case PlanEdit::remove_task: {
    auto it = std::find_if(plan.tasks.begin(), plan.tasks.end(), [&](const PlanTask& t) { return t.number == request.number; });
    if (it == plan.tasks.end()) return Status::not_found(trf("the plan of {} has no task {}", plan.case_id, request.number));
    plan.tasks.erase(it);
    return Status::ok();
  }
  case PlanEdit::remove_goal: {
    auto it = std::find_if(plan.goals.begin(), plan.goals.end(), [&](const PlanGoal& g) { return g.number == request.number; });
    if (it == plan.goals.end()) return Status::not_found(trf("the plan of {} has no goal {}", plan.case_id, request.number));
    if (std::any_of(plan.tasks.begin(), plan.tasks.end(), [&](const PlanTask& t) { return t.goal == request.number; }))
      return Status::conflict(
          trf("goal {} still has tasks; remove them first with 'plan {} remove-task N'", request.number, plan.case_id));
    plan.goals.erase(it);
    return Status::ok();
  }
  case PlanEdit::replace: {
    plan.goals.clear();
    plan.tasks.clear();
    plan.template_name = request.template_name;
    for (std::size_t gi = 0; gi < request.whole.goals.size(); ++gi) {
      const PlanRequest::Goal& given = request.whole.goals[gi];
      Problems goal_problems;
      PlanGoal g = check_goal(given.goal, setting, goal_problems);
      for (const std::string& line : goal_problems.lines) p.lines.push_back(trf("goal {}: {}", gi + 1, line));
      g.number = static_cast<int>(gi + 1);
      plan.goals.push_back(g);
      for (std::size_t ti = 0; ti < given.tasks.size(); ++ti) {
        PlanTask t;
        t.goal = g.number;
        Problems task_problems;
        TaskRequest tr = given.tasks[ti];
        tr.goal.reset();
        check_task(tr, setting, plan, t, task_problems);
        for (const std::string& line : task_problems.lines) p.lines.push_back(trf("goal {} task {}: {}", gi + 1, ti + 1, line));
        t.number = std::max(next_number(plan.tasks), last_task + 1);
        plan.tasks.push_back(std::move(t));
      }
    }
    if (plan.goals.empty()) p.add("goals", tr("the plan has no goals"));
    if (!p.empty()) return invalid(plan.case_id, p);
    return Status::ok();
  }
  }
  return Status::ok();
}

const char* edit_name(PlanEdit e) {
  switch (e) {
  case PlanEdit::add_goal: return "add-goal";
  case PlanEdit::add_task: return "add-task";
  case PlanEdit::edit_task: return "edit-task";
  case PlanEdit::remove_task: return "remove-task";
  case PlanEdit::remove_goal: return "remove-goal";
  case PlanEdit::replace: return "replace";
  }
  return "edit";
}

} // namespace

Result<PlanChange> edit_plan(store::CaseStore& store, const std::string& case_id, const PlanEditRequest& request,
                             const config::Config& config, const ChangeContext& context) {
  return change_plan(store, config, case_id, [&](Loaded& loaded, PlanChange& change) -> Status {
    Result<effective_dates::CaseDates> dates = effective_dates::case_dates(loaded.state.opened, context.clock.today);
    if (!dates) return dates.status();
    Plan plan;
    if (loaded.plans.empty()) {
      plan.case_id = loaded.state.case_id;
      plan.revision = 1;
      plan.status = "draft";
      Result<date::Date> start = effective_dates::planned_from("start", request.start, *dates);
      if (!start) return invalid(plan.case_id, Problems{{start.status().message()}});
      plan.start_on = date::format_date(*start);
      plan.created_at = date::format_timestamp(context.clock.now);
      plan.created_by = context.actor;
    } else {
      plan = loaded.plans.back();
      if (plan.status == "approved")
        return Status::conflict(trf("the plan of {} (revision {}) is approved and locked; start a new revision "
                                    "with 'casectl plan {} revise --reason TEXT'",
                                    plan.case_id, plan.revision, plan.case_id));
      if (request.start && request.edit != PlanEdit::replace)
        return Status::usage(
            trf("--start sets the start of a new plan; the plan of {} started on {}", plan.case_id, plan.start_on));
      if (request.start) { // a whole new draft may start on another day
        Result<date::Date> d = effective_dates::planned_from("start", request.start, *dates);
        if (!d) return invalid(plan.case_id, Problems{{d.status().message()}});
        plan.start_on = date::format_date(*d);
      }
    }
    Result<date::Date> start = date::parse_date(plan.start_on);
    if (!start) return start.status();
    Setting setting{config, *loaded.roster, loaded.members, *start, context.clock.today};
    int last_task = 0;
    for (const Plan& revision : loaded.plans)
      if (revision.status != "draft") // numbers an approved revision gave out stay taken
        for (const PlanTask& t : revision.tasks) last_task = std::max(last_task, t.number);
    CASECTL_TRY(apply(request, setting, plan, change, last_task));
    CASECTL_TRY(store.save_plan(loaded.state.row, plan));
    Record changes = {{"revision", plan.revision}, {"edit", edit_name(request.edit)}};
    if (change.goal_number) changes["goal"] = change.goal_number;
    if (change.task_number || request.number) changes["task"] = change.task_number ? change.task_number : request.number;
    if (request.edit == PlanEdit::replace || request.edit == PlanEdit::add_goal || request.edit == PlanEdit::add_task ||
        request.edit == PlanEdit::edit_task)
      changes["plan"] = views::plan_record(plan, config);
    CASECTL_TRY(journal(store, context, plan.case_id, "plan", changes));
    change.plan = std::move(plan);
    return Status::ok();
  });
}

namespace {

// What approval still needs for the home visit, "" when nothing: the Ust-Kamenogorsk model has the
// family visited at home before the team plans, so a visit (an assessment's visit date, or the
// date of an assessment made by home visit) must be on or before the meeting (YYYY-MM-DD).
Result<std::string> missing_home_visit(store::CaseStore& store, long long row, const std::string& case_id,
                                       const std::string& meeting_on) {
  Result<std::vector<Assessment>> assessments = store.load_assessments(row, case_id);
  if (!assessments) return assessments.status();
  std::string first_visit; // the earliest, "" when none
  for (const Assessment& a : *assessments) {
    std::string visited = !a.visit_on.empty() ? a.visit_on : a.method == "home-visit" ? a.assessed_on : "";
    if (!visited.empty() && (first_visit.empty() || visited < first_visit)) first_visit = visited;
  }
  if (!first_visit.empty() && first_visit <= meeting_on) return std::string();
  std::string hint = fmt::format("'casectl assess {} --visit DATE ...'; plan.require_home_visit = false in the config "
                                 "turns this off",
                                 case_id);
  if (first_visit.empty()) return fmt::format("a home visit before the team plans ({})", hint);
  return fmt::format("a home visit on or before the meeting of {} (the first was on {}; {})", meeting_on, first_visit, hint);
}

} // namespace

Result<PlanChange> approve_plan(store::CaseStore& store, const std::string& case_id, const ApprovalRequest& request,
                                const config::Config& config, const ChangeContext& context) {
  return change_plan(store, config, case_id, [&](Loaded& loaded, PlanChange& change) -> Status {
    const std::string& id = loaded.state.case_id;
    if (loaded.plans.empty())
      return Status::not_found(trf("case {} has no plan to approve; build one with 'casectl plan {} add-goal ...'", id, id));
    Plan plan = loaded.plans.back();
    if (plan.status == "approved")
      return Status::conflict(trf("revision {} of the plan of {} is already approved", plan.revision, id));
    Result<effective_dates::CaseDates> dates = effective_dates::case_dates(loaded.state.opened, context.clock.today);
    if (!dates) return dates.status();
    Result<date::Date> meeting = effective_dates::happened_on(
        "meeting", request.meeting_on.empty() ? std::nullopt : std::optional<std::string>(request.meeting_on), *dates);
    std::vector<std::string> missing;
    if (loaded.case_manager.empty()) missing.push_back(trf("a case manager ('casectl assign {} --manager LOGIN')", id));
    Result<int> assessments = store.assessment_count(loaded.state.row);
    if (!assessments) return assessments.status();
    if (*assessments == 0) missing.push_back(trf("an assessment ('casectl assess {} --domain ...')", id));
    else if (config.require_home_visit) {
      // The meeting's day when it is a good date (a bad one is reported below), else today.
      std::string meeting_on = date::format_date(meeting ? *meeting : context.clock.today);
      Result<std::string> visit = missing_home_visit(store, loaded.state.row, id, meeting_on);
      if (!visit) return visit.status();
      if (!visit->empty()) missing.push_back(*visit);
    }
    if (plan.tasks.empty()) missing.push_back(trf("at least one task ('casectl plan {} add-task ...')", id));
    if (!missing.empty())
      return Status::conflict(trf("the plan of {} cannot be approved yet; it needs {}", id, text::join(missing, tr(", and "))));
    Problems p;
    if (!meeting) p.lines.push_back(meeting.status().message());
    std::vector<std::string> participants;
    for (const std::string& given : request.participants)
      for (const std::string& part : text::split(given, ','))
        if (!text::trim(part).empty()) participants.push_back(text::trim(part));
    if (participants.empty()) p.add("participants", tr("say who took part in the meeting (--participants \"A, B, C\")"));
    if (!text::is_valid_utf8(request.decision)) p.add("decision", tr("is not valid UTF-8 text"));
    if (!p.empty()) return Status::invalid(trf("the plan of {} was not approved:\n  {}", id, text::join(p.lines, "\n  ")));
    for (Plan& earlier : loaded.plans)
      if (earlier.status == "approved") {
        earlier.status = "superseded";
        CASECTL_TRY(store.save_plan(loaded.state.row, earlier));
      }
    plan.status = "approved";
    plan.meeting_on = date::format_date(*meeting);
    plan.participants = participants;
    plan.decision = text::trim(request.decision);
    plan.approved_at = date::format_timestamp(context.clock.now);
    plan.approved_by = context.actor;
    CASECTL_TRY(store.save_plan(loaded.state.row, plan));
    // Approved at the meeting: the journal dates the approval, and the case's becoming active, by it.
    const ChangeContext at_meeting = dated(context, *meeting);
    CASECTL_TRY(journal(store, at_meeting, id, "plan-approve",
                        Record{{"revision", plan.revision},
                               {"meeting_on", plan.meeting_on},
                               {"participants", plan.participants},
                               {"decision", plan.decision}}));
    if (loaded.state.status != status_code::active) {
      Record changes = {{"status", Record::array({loaded.state.status, status_code::active})}};
      loaded.state.status = status_code::active;
      CASECTL_TRY(store.update_case_state(loaded.state, change_time(at_meeting)));
      CASECTL_TRY(journal(store, at_meeting, id, "update", changes));
      change.notes.push_back(trf("case {} is now active", id));
    }
    change.plan = std::move(plan);
    return Status::ok();
  });
}

const std::vector<config::RefItem>& notice_ways() {
  static const std::vector<config::RefItem> ways = {{"letter", "Письмо", "Letter", "Хат"},
                                                    {"meeting", "На встрече", "At a meeting", "Кездесуде"},
                                                    {"phone", "По телефону", "By phone", "Телефон арқылы"}};
  return ways;
}

namespace {

// The agencies the plan gives tasks to, each once, in the config's order (then any the config no
// longer lists, by code).
std::vector<std::string> plan_agencies(const Plan& plan, const config::Config& config) {
  std::vector<std::string> found;
  for (const PlanTask& t : plan.tasks)
    if (!t.agency.empty() && std::find(found.begin(), found.end(), t.agency) == found.end()) found.push_back(t.agency);
  std::vector<std::string> ordered;
  for (const config::RefItem& a : config.agencies)
    if (std::find(found.begin(), found.end(), a.code) != found.end()) ordered.push_back(a.code);
  std::sort(found.begin(), found.end());
  for (const std::string& code : found)
    if (std::find(ordered.begin(), ordered.end(), code) == ordered.end()) ordered.push_back(code);
  return ordered;
}

} // namespace

const Plan* latest_approved_plan(const std::vector<Plan>& plans) {
  for (auto p = plans.rbegin(); p != plans.rend(); ++p)
    if (p->status == "approved") return &*p;
  return nullptr;
}

Result<PlanChange> inform_agency(store::CaseStore& store, const std::string& case_id, const InformRequest& request,
                                 const config::Config& config, const ChangeContext& context) {
  return change_plan(store, config, case_id, [&](Loaded& loaded, PlanChange& change) -> Status {
    const std::string& id = loaded.state.case_id;
    const Plan* plan = latest_approved_plan(loaded.plans);
    if (!plan)
      return Status::conflict(trf("case {} has no approved plan; the agencies are told of its tasks once the team "
                                  "approves it ('casectl plan {} approve ...')",
                                  id, id));
    Problems p;
    std::vector<std::string> agencies = plan_agencies(*plan, config);
    std::string agency;
    if (Result<std::string> code = config::resolve(config.agencies, text::trim(request.agency), "agency"); !code)
      p.add("agency", code.status().message());
    else if (std::find(agencies.begin(), agencies.end(), *code) == agencies.end())
      p.add("agency", trf("the approved plan of {} gives {} no task; it gives tasks to: {}", id, *code,
                          agencies.empty() ? std::string(tr("no agency")) : text::join(agencies, ", ")));
    else agency = *code;
    std::string how = "letter";
    if (!request.how.empty()) {
      if (Result<std::string> code = config::resolve(notice_ways(), text::trim(request.how), "way"); code) how = *code;
      else p.add("how", code.status().message());
    }
    Result<effective_dates::CaseDates> dates = effective_dates::case_dates(loaded.state.opened, context.clock.today);
    if (!dates) return dates.status();
    Result<date::Date> on =
        effective_dates::happened_on("on", request.on.empty() ? std::nullopt : std::optional<std::string>(request.on), *dates);
    if (!on) p.lines.push_back(on.status().message());
    else if (!plan->meeting_on.empty() && date::format_date(*on) < plan->meeting_on)
      p.add("on", trf("{} is before the meeting that approved the plan ({})", date::format_date(*on), plan->meeting_on));
    if (!p.empty())
      return Status::invalid(trf("the notice to the agency was not recorded for {}:\n  {}", id, text::join(p.lines, "\n  ")));
    AgencyNotice notice{
        plan->revision, agency, date::format_date(*on), how, context.actor, date::format_timestamp(context.clock.now)};
    CASECTL_TRY(store.add_agency_notice(loaded.state.row, notice));
    change.plan = *plan;
    change.notes.push_back(trf("{} told of the tasks of revision {} on {}", agency, plan->revision, notice.informed_on));
    return journal(store, dated(context, *on), id, "plan-inform",
                   Record{{"revision", plan->revision}, {"agency", agency}, {"informed_on", notice.informed_on}, {"how", how}});
  });
}

Result<std::vector<AgencyInformed>> agencies_informed(store::CaseStore& store, long long row, const Plan* plan,
                                                      const config::Config& config, const std::string& up_to) {
  std::vector<AgencyInformed> list;
  if (!plan) return list;
  Result<std::vector<AgencyNotice>> notices = store.agency_notices_of(row);
  if (!notices) return notices.status();
  for (const std::string& agency : plan_agencies(*plan, config)) {
    AgencyInformed item{agency, plan->revision, "", "", 0};
    for (const AgencyNotice& n : *notices) {
      if (n.revision != plan->revision || n.agency != agency || (!up_to.empty() && n.informed_on > up_to)) continue;
      item.informed_on = n.informed_on; // by date: the last is the latest
      item.how = n.how;
      ++item.notices;
    }
    list.push_back(item);
  }
  return list;
}

Result<PlanChange> revise_plan(store::CaseStore& store, const std::string& case_id, const std::string& reason,
                               const config::Config& config, const ChangeContext& context) {
  return change_plan(store, config, case_id, [&](Loaded& loaded, PlanChange& change) -> Status {
    const std::string& id = loaded.state.case_id;
    if (loaded.plans.empty()) return Status::not_found(trf("case {} has no plan to revise", id));
    if (loaded.plans.back().status != "approved")
      return Status::conflict(
          trf("revision {} of the plan of {} is still a draft; edit it as it is", loaded.plans.back().revision, id));
    std::string why = text::trim(reason);
    if (why.empty() || !text::is_valid_utf8(why))
      return Status::invalid(tr("--reason: say why the approved plan changes; it is kept with the revision"));
    Plan plan = loaded.plans.back();
    plan.revision += 1;
    plan.status = "draft";
    plan.revision_reason = why;
    plan.meeting_on.clear();
    plan.participants.clear();
    plan.decision.clear();
    plan.approved_at.clear();
    plan.approved_by.clear();
    plan.created_at = date::format_timestamp(context.clock.now);
    plan.created_by = context.actor;
    CASECTL_TRY(store.save_plan(loaded.state.row, plan));
    CASECTL_TRY(journal(store, context, id, "plan-revise", Record{{"revision", plan.revision}, {"reason", why}}));
    change.plan = std::move(plan);
    return Status::ok();
  });
}

Result<std::vector<Plan>> plan_revisions(store::CaseStore& store, const std::string& case_id) {
  Result<CaseState> state = find_case_state(store, case_id);
  if (!state) return state.status();
  Result<std::vector<Plan>> plans = store.load_plans(state->row, state->case_id);
  if (!plans) return plans.status();
  Result<std::vector<TaskUpdateRow>> notes = store.task_notes_of(state->row, 0);
  if (!notes) return notes.status();
  // A task keeps its number across revisions: a revision's task carries the notes of earlier ones.
  for (Plan& plan : *plans)
    for (PlanTask& task : plan.tasks)
      for (const TaskUpdateRow& n : *notes)
        if (n.task == task.number && n.revision <= plan.revision)
          task.notes.push_back({n.revision, n.status, n.note, n.updated_on, n.updated_by});
  return plans;
}

namespace {

void read_task(const Record& v, const std::string& where, TaskRequest& t, std::vector<std::string>& problems) {
  if (!v.is_object()) {
    problems.push_back(where + ": must be a table of fields");
    return;
  }
  const std::vector<std::string> keys = {"what",          "priority", "agency",      "worker",
                                         "family_member", "due",      "offset_days", "frequency"};
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::optional<std::string>* field = it.key() == "what"            ? &t.what
                                        : it.key() == "priority"      ? &t.priority
                                        : it.key() == "agency"        ? &t.agency
                                        : it.key() == "worker"        ? &t.worker
                                        : it.key() == "family_member" ? &t.family_member
                                        : it.key() == "due"           ? &t.due
                                        : it.key() == "offset_days"   ? &t.offset
                                        : it.key() == "frequency"     ? &t.frequency
                                                                      : nullptr;
    if (!field) {
      problems.push_back(trf("{}: '{}' is not a task field{}", where, it.key(), text::did_you_mean(it.key(), keys)));
      continue;
    }
    if (it->is_string()) *field = it->get<std::string>();
    else if (it->is_number_integer()) *field = std::to_string(it->get<long long>());
    else problems.push_back(trf("{}: {} must be text or a number", where, it.key()));
  }
}

} // namespace

Result<PlanRequest> plan_request_from(const std::string& text_in, const std::string& format, const std::string& source) {
  Result<Record> doc = document::parse(text_in, format, source);
  if (!doc) return doc.status();
  std::vector<std::string> problems;
  PlanRequest r;
  if (!doc->is_object()) return Status::invalid(trf("{}: the document must be a table of fields", source));
  const std::vector<std::string> top = {"start", "goals", "name", "title", "description"};
  const std::vector<std::string> goal_keys = {"domain", "target", "expectation", "description", "tasks"};
  for (auto it = doc->begin(); it != doc->end(); ++it) {
    if (it.key() == "start") {
      if (it->is_string()) r.start = it->get<std::string>();
      else problems.push_back(tr("start: must be a date"));
    } else if (it.key() == "goals") {
      if (!it->is_array()) {
        problems.push_back(tr("goals: must be a list ([[goals]])"));
        continue;
      }
      for (std::size_t gi = 0; gi < it->size(); ++gi) {
        const Record& g = (*it)[gi];
        std::string where = fmt::format("goal {}", gi + 1);
        if (!g.is_object()) {
          problems.push_back(where + ": must be a table of fields");
          continue;
        }
        PlanRequest::Goal goal;
        for (auto f = g.begin(); f != g.end(); ++f) {
          if (f.key() == "tasks") {
            if (!f->is_array()) {
              problems.push_back(where + ": tasks must be a list ([[goals.tasks]])");
              continue;
            }
            for (std::size_t ti = 0; ti < f->size(); ++ti) {
              TaskRequest t;
              read_task((*f)[ti], fmt::format("{} task {}", where, ti + 1), t, problems);
              goal.tasks.push_back(std::move(t));
            }
            continue;
          }
          std::optional<std::string>* field = f.key() == "domain"        ? &goal.goal.domain
                                              : f.key() == "target"      ? &goal.goal.target
                                              : f.key() == "expectation" ? &goal.goal.expectation
                                              : f.key() == "description" ? &goal.goal.description
                                                                         : nullptr;
          if (!field) {
            problems.push_back(trf("{}: '{}' is not a goal field{}", where, f.key(), text::did_you_mean(f.key(), goal_keys)));
          } else if (f->is_string()) {
            *field = f->get<std::string>();
          } else if (f->is_number_integer()) {
            *field = std::to_string(f->get<long long>());
          } else {
            problems.push_back(trf("{}: {} must be text or a number", where, f.key()));
          }
        }
        r.goals.push_back(std::move(goal));
      }
    } else if (it.key() != "name" && it.key() != "title" && it.key() != "description") {
      problems.push_back(trf("'{}' is not a plan field{}", it.key(), text::did_you_mean(it.key(), top)));
    }
  }
  if (!problems.empty()) return Status::invalid(fmt::format("{}:\n  {}", source, text::join(problems, "\n  ")));
  return r;
}

Status agency_tasks(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                    const AgencyTasksRequest& request, const std::function<Status(const AgencyTask&)>& each) {
  AgencyTaskFilter filter;
  CASECTL_TRY(config::resolve_all(config.agencies, request.agencies, "--agency", filter.agencies));
  CASECTL_TRY(config::resolve_all(config.districts, request.districts, "--district", filter.districts));
  CASECTL_TRY(config::resolve_all(task_priorities(), request.priorities, "--priority", filter.priorities));
  filter.workers = request.workers;
  filter.statuses = request.statuses;
  if (!request.within.empty()) {
    Result<std::chrono::seconds> window = date::parse_duration(request.within);
    if (!window) return Status::usage(trf("--within: {}", window.status().message()));
    filter.due_until = date::format_date(date::day_of(date::start_of(context.clock.today) + *window));
  }
  return store.each_agency_task(filter, each);
}

} // namespace casectl
