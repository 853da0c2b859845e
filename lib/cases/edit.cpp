#include "cases/edit.hpp"

#include "cases/effective_dates.hpp"
#include "cases/journal.hpp"
#include "cases/views.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace casectl {

namespace {

// "+X" or "X" adds X, "-X" takes it away.
struct ListEdit {
  bool add = true;
  std::string value;
};
ListEdit list_edit(const std::string& given) {
  std::string trimmed = text::trim(given);
  if (!trimmed.empty() && (trimmed[0] == '+' || trimmed[0] == '-'))
    return {trimmed[0] == '+', std::string(text::trim(trimmed.substr(1)))};
  return {true, trimmed};
}

// The case's group that `given` names by its code or label (case, ё/е aside); "" when none.
std::string held_group(const config::Config& config, const std::vector<std::string>& held, const std::string& given) {
  const std::string key = text::search_key(given);
  for (const std::string& code : held) {
    if (text::search_key(code) == key) return code;
    for (const config::RefItem& g : config.groups)
      if (g.code == code && (text::search_key(g.label_ru) == key || text::search_key(g.label_en) == key)) return code;
  }
  return "";
}

// The stored case as the request intake checks, with the edit laid over it. Groups and problems
// that cannot be taken away (the case has no such) are problems.
IntakeRequest edited(const Case& c, const EditRequest& e, const config::Config& config, std::vector<std::string>& problems) {
  IntakeRequest r;
  r.name = e.name.value_or(c.name);
  r.kind = c.kind;
  r.consultation = c.consultation;
  if (e.district || !c.district.empty()) r.district = e.district.value_or(c.district);
  r.address = e.address.value_or(c.address);
  r.phone = e.phone.value_or(c.phone);
  r.source = e.source.value_or(c.source);
  r.referrer = e.referrer.value_or(c.referrer);
  r.urgency = e.urgency.value_or(c.urgency);
  r.consent = e.consent.value_or(c.consent ? "yes" : "no");
  r.external_id = c.external_id;
  r.note = e.note.value_or(c.note);
  r.opened = c.opened;
  r.groups = c.groups;
  for (const std::string& given : e.groups) {
    ListEdit g = list_edit(given);
    if (g.add) {
      r.groups.push_back(g.value); // checked, resolved and deduplicated by check_case
      continue;
    }
    std::string code = held_group(config, r.groups, g.value);
    if (code.empty())
      problems.push_back(fmt::format("group: the case has no group '{}' to take away (it has: {})", g.value,
                                     r.groups.empty() ? "none" : text::join(r.groups, ", ")));
    else r.groups.erase(std::find(r.groups.begin(), r.groups.end(), code));
  }
  // The household as intake reads it, the new members after it: their numbers in `show` go on
  // from the last one, and every member is checked as at intake ("member 3: ...").
  if (!e.add_members.empty()) {
    for (const Member& m : c.members) r.members.push_back(m.name + ";" + m.role + ";" + m.birth_date);
    r.members.insert(r.members.end(), e.add_members.begin(), e.add_members.end());
  }
  r.problems = c.problems;
  for (const std::string& given : e.problems) {
    ListEdit p = list_edit(given);
    if (p.add) {
      r.problems.push_back(p.value);
      continue;
    }
    auto found = std::find(r.problems.begin(), r.problems.end(), p.value);
    if (found == r.problems.end())
      problems.push_back(fmt::format("problem: the case has no problem '{}' to take away (it has: {})", p.value,
                                     r.problems.empty() ? "none" : "'" + text::join(r.problems, "', '") + "'"));
    else r.problems.erase(found);
  }
  return r;
}

// The reason an assessment gave when it last raised the case's urgency; "" when the latest change
// of urgency was not an assessment's. Its `update` row carries a "reason" (lib/cases/assessment.cpp);
// an intake's update and an edit by itself never do without one given.
Result<std::string> urgency_raised_by_assessment(store::CaseStore& store, const std::string& case_id) {
  std::string reason;
  Status status = store.each_history_entry(
      case_id,
      [&](const HistoryEntry& e) {
        Record changes = Record::parse(e.changes, nullptr, false);
        if (!changes.is_object() || !changes.contains("urgency")) return Status::ok();
        reason = e.action == "update" && changes.contains("reason") && changes["reason"].is_string()
                     ? changes["reason"].get<std::string>()
                     : "";
        return Status::ok();
      },
      HistoryKind::changes);
  if (!status) return status;
  return reason;
}

bool identity_changed(const Case& before, const Case& after) {
  return before.name != after.name || before.phone != after.phone || before.address != after.address ||
         before.district != after.district || before.members.size() != after.members.size();
}

// The open cases that `after` looks like and `before` did not: a likeness the case already had
// (registered with --on-duplicate link or allow, or edited so) was decided on then.
Result<std::vector<DuplicateMatch>> new_duplicates(store::CaseStore& store, const Case& before, const Case& after) {
  Result<std::vector<DuplicateMatch>> now = store.duplicates_of(after, after.case_id);
  if (!now || now->empty()) return now;
  Result<std::vector<DuplicateMatch>> then = store.duplicates_of(before, before.case_id);
  if (!then) return then.status();
  std::vector<DuplicateMatch> fresh;
  for (const DuplicateMatch& m : *now)
    if (std::none_of(then->begin(), then->end(), [&](const DuplicateMatch& t) { return t.case_id == m.case_id; }))
      fresh.push_back(m);
  return fresh;
}

std::string duplicate_list(const std::vector<DuplicateMatch>& matches) {
  std::vector<std::string> parts;
  for (const DuplicateMatch& m : matches) parts.push_back(m.case_id + " (" + m.reason + ")");
  return text::join(parts, ", ");
}

} // namespace

Result<EditOutcome> edit_case(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                              const EditRequest& request, OnDuplicate on_duplicate, bool dry_run) {
  EditOutcome outcome;
  Status status = store.write(
      [&]() -> Status {
        Result<std::optional<CaseState>> state = store.case_state(request.case_id);
        if (!state) return state.status();
        if (!*state)
          return Status::not_found(fmt::format("case {} not found; 'casectl find NAME' looks a case up", request.case_id));
        const long long row = (*state)->row;
        Result<std::optional<Case>> loaded = store.load_case((*state)->case_id);
        if (!loaded) return loaded.status();
        if (!*loaded) return Status::internal("case " + (*state)->case_id + " vanished while it was edited");
        const Case& existing = **loaded;
        outcome.case_id = existing.case_id;
        if (existing.status == status_code::closed)
          return Status::conflict(fmt::format("case {} is closed; reopen it with 'casectl review {} --reopen --reason TEXT' "
                                              "to edit it",
                                              existing.case_id, existing.case_id));

        std::vector<std::string> problems;
        Result<effective_dates::CaseDates> dates = effective_dates::case_dates(existing.opened, context.clock.today);
        if (!dates) return dates.status();
        Result<date::Date> on = effective_dates::happened_on("on", request.on, *dates);
        if (!on) problems.push_back(on.status().message());
        const ChangeContext change = request.on && on ? dated(context, *on) : context;
        IntakeRequest merged = edited(existing, request, config, problems);
        Case c = check_case(merged, config, context.clock, problems);
        std::string reason = text::trim(request.reason);
        if (reason.find_first_of("\r\n") != std::string::npos)
          problems.push_back("reason: has a line break; give the reason on one line");
        if (!problems.empty())
          return Status::invalid(fmt::format("case {} was not changed:\n  {}", existing.case_id, text::join(problems, "\n  ")));
        keep_stored_fields(c, existing);
        if (request.add_members.empty()) c.members = existing.members;
        // The first response stays due when it was, unless the urgency changes it.
        if (c.urgency == existing.urgency) c.response_due = existing.response_due;

        if (urgency_rank(c.urgency) > urgency_rank(existing.urgency) && reason.empty()) {
          Result<std::string> raised = urgency_raised_by_assessment(store, existing.case_id);
          if (!raised) return raised.status();
          if (!raised->empty())
            return Status::conflict(fmt::format("the urgency of case {} ({}) was raised by an assessment: {}; to lower it to "
                                                "{}, say why with --reason TEXT",
                                                existing.case_id, existing.urgency, *raised, c.urgency));
        }

        outcome.changes = views::case_changes(existing, c);
        if (outcome.changes.empty()) return Status::ok();
        if (identity_changed(existing, c) && on_duplicate != OnDuplicate::allow) {
          Result<std::vector<DuplicateMatch>> duplicates = new_duplicates(store, existing, c);
          if (!duplicates) return duplicates.status();
          outcome.duplicates = std::move(*duplicates);
        }
        if (!outcome.duplicates.empty() && on_duplicate == OnDuplicate::fail)
          return Status::conflict(fmt::format("with these details case {} looks like {}; check with 'casectl show {}', then "
                                              "use --on-duplicate link (or allow) to change it anyway, or skip",
                                              existing.case_id, duplicate_list(outcome.duplicates),
                                              outcome.duplicates.front().case_id));
        if (!outcome.duplicates.empty() && on_duplicate == OnDuplicate::skip) {
          outcome.skipped = true;
          return Status::ok();
        }

        const ChangeTime when = change_time(change);
        c.updated_at = when.at;
        c.updated_on = when.on;
        CASECTL_TRY(store.update_case(row, c));
        Record journaled = outcome.changes;
        if (!reason.empty()) journaled["reason"] = reason;
        if (on_duplicate == OnDuplicate::link && !outcome.duplicates.empty()) {
          Record links = Record::array();
          for (const DuplicateMatch& m : outcome.duplicates) {
            CASECTL_TRY(store.link_cases(row, m.case_id, m.reason));
            links.push_back({{"case_id", m.case_id}, {"reason", m.reason}});
          }
          journaled["possible_duplicates"] = links;
        }
        return journal(store, change, c.case_id, "edit", journaled);
      },
      dry_run);
  if (!status) return status;
  return outcome;
}

} // namespace casectl
