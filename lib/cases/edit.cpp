#include "cases/edit.hpp"

#include "cases/effective_dates.hpp"
#include "cases/journal.hpp"
#include "cases/views.hpp"
#include "util/messages.hpp"
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
      if (g.code == code && (text::search_key(g.label_ru) == key || text::search_key(g.label_en) == key ||
                             (!g.label_kk.empty() && text::search_key(g.label_kk) == key)))
        return code;
  }
  return "";
}

bool changes_members(const EditRequest& e) {
  return !e.add_members.empty() || !e.edit_members.empty() || !e.remove_members.empty();
}

std::string member_numbers(const std::vector<Member>& household) {
  std::vector<std::string> numbers;
  for (const Member& m : household) numbers.push_back(std::to_string(m.number));
  return numbers.empty() ? "none" : text::join(numbers, ", ");
}

// The index in `household` of the member whose number `given` is; nullopt, with a problem, when
// it names none (not a number, a member removed before, a number the case never had).
std::optional<std::size_t> member_named(const char* option, const std::string& given, const std::vector<Member>& household,
                                        const std::vector<RemovedMember>& removed, std::vector<std::string>& problems) {
  const std::string n = text::trim(given);
  const bool digits = !n.empty() && n.size() <= 6 && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int number = digits ? std::stoi(n) : 0;
  if (number <= 0) {
    problems.push_back(trf("{}: '{}' is not a member's number; give the number 'casectl show' gives the member", option, n));
    return std::nullopt;
  }
  for (std::size_t i = 0; i < household.size(); ++i)
    if (household[i].number == number) return i;
  for (const RemovedMember& r : removed)
    if (r.member.number == number) {
      problems.push_back(trf("{}: member {} was taken out of the household on {} ({}); its members now: {}", option, number,
                             r.removed_on, r.reason, member_numbers(household)));
      return std::nullopt;
    }
  problems.push_back(trf("{}: the case has no member {}; its members: {}", option, number, member_numbers(household)));
  return std::nullopt;
}

// Member `m` with "N;NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE" laid over it: an empty part
// stays, "-" clears any part but the name ("-" as LIVES_ELSEWHERE: back with the household). The
// parts are checked as at intake afterwards.
void edit_member(Member& m, const std::vector<std::string>& parts) {
  auto part = [&](std::size_t k) { return k < parts.size() ? std::string(text::trim(parts[k])) : std::string(); };
  if (!part(1).empty()) m.name = part(1);
  if (part(2) == "-") m.role.clear();
  else if (!part(2).empty()) m.role = part(2);
  if (part(3) == "-") m.birth_date.clear();
  else if (!part(3).empty()) m.birth_date = part(3);
  if (part(4) == "-") m.national_id.clear();
  else if (!part(4).empty()) m.national_id = part(4);
  if (part(5) == "-") m.lives_elsewhere.clear();
  else if (!part(5).empty()) m.lives_elsewhere = part(5);
}

// The household after the edit, as intake reads it (r.members with r.member_numbers), so that
// every member is checked as at intake ("member 3 birth date: ..."): members edited and taken
// out by number, new ones after every number the case has had, removed ones included. The members
// taken out go to `taken_out`, as they were.
void edit_household(const Case& c, const EditRequest& e, const std::vector<RemovedMember>& removed, IntakeRequest& r,
                    std::vector<Member>& taken_out, std::vector<std::string>& problems) {
  std::vector<Member> household = c.members;
  std::vector<bool> edited(household.size(), false), gone(household.size(), false);
  for (const std::string& given : e.edit_members) {
    std::vector<std::string> parts = text::split(given, ';');
    if (parts.size() < 2 || parts.size() > 6) {
      problems.push_back(trf("--edit-member: '{}' has {} part(s); write N;NAME;ROLE;BIRTHDATE;NATIONAL_ID;"
                             "LIVES_ELSEWHERE (an empty part stays as it is, '-' clears any but the name)",
                             given, parts.size()));
      continue;
    }
    std::optional<std::size_t> i = member_named("--edit-member", parts[0], household, removed, problems);
    if (!i) continue;
    if (edited[*i]) {
      problems.push_back(trf("--edit-member: member {} is given twice; say all its changes in one", household[*i].number));
      continue;
    }
    edited[*i] = true;
    edit_member(household[*i], parts);
  }
  for (const std::string& given : e.remove_members) {
    std::optional<std::size_t> i = member_named("--remove-member", given, household, removed, problems);
    if (!i) continue;
    if (edited[*i])
      problems.push_back(
          trf("--remove-member: member {} is also edited; edit it or take it out, not both", household[*i].number));
    gone[*i] = true;
  }
  int next = 1;
  for (const Member& m : household) next = std::max(next, m.number + 1);
  for (const RemovedMember& m : removed) next = std::max(next, m.member.number + 1);
  for (std::size_t i = 0; i < household.size(); ++i) {
    if (gone[i]) {
      taken_out.push_back(c.members[i]);
      continue;
    }
    const Member& m = household[i];
    r.members.push_back(member_spec(m));
    r.member_numbers.push_back(m.number);
  }
  for (const std::string& given : e.add_members) {
    r.members.push_back(given);
    r.member_numbers.push_back(next++);
  }
}

// The stored case as the request intake checks, with the edit laid over it. Groups and problems
// that cannot be taken away (the case has no such) are problems.
IntakeRequest edited(const Case& c, const EditRequest& e, const config::Config& config, const std::vector<RemovedMember>& removed,
                     std::vector<Member>& taken_out, std::vector<std::string>& problems) {
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
      problems.push_back(trf("group: the case has no group '{}' to take away (it has: {})", g.value,
                             r.groups.empty() ? "none" : text::join(r.groups, ", ")));
    else r.groups.erase(std::find(r.groups.begin(), r.groups.end(), code));
  }
  if (changes_members(e)) edit_household(c, e, removed, r, taken_out, problems);
  r.problems = c.problems;
  for (const std::string& given : e.problems) {
    ListEdit p = list_edit(given);
    if (p.add) {
      r.problems.push_back(p.value);
      continue;
    }
    auto found = std::find(r.problems.begin(), r.problems.end(), p.value);
    if (found == r.problems.end())
      problems.push_back(trf("problem: the case has no problem '{}' to take away (it has: {})", p.value,
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
  auto same_people = [](const std::vector<Member>& x, const std::vector<Member>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const Member& a, const Member& b) {
      return a.name == b.name && a.birth_date == b.birth_date && a.national_id == b.national_id;
    });
  };
  return before.name != after.name || before.phone != after.phone || before.address != after.address ||
         before.district != after.district || !same_people(before.members, after.members);
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
        if (!*state) return Status::not_found(trf("case {} not found; 'casectl find NAME' looks a case up", request.case_id));
        const long long row = (*state)->row;
        Result<std::optional<Case>> loaded = store.load_case((*state)->case_id);
        if (!loaded) return loaded.status();
        if (!*loaded) return Status::internal("case " + (*state)->case_id + " vanished while it was edited");
        const Case& existing = **loaded;
        outcome.case_id = existing.case_id;
        if (existing.status == status_code::closed)
          return Status::conflict(trf("case {} is closed; reopen it with 'casectl review {} --reopen --reason TEXT' "
                                      "to edit it",
                                      existing.case_id, existing.case_id));

        std::vector<std::string> problems;
        Result<effective_dates::CaseDates> dates = effective_dates::case_dates(existing.opened, context.clock.today);
        if (!dates) return dates.status();
        Result<date::Date> on = effective_dates::happened_on("on", request.on, *dates);
        if (!on) problems.push_back(on.status().message());
        const ChangeContext change = request.on && on ? dated(context, *on) : context;
        std::vector<RemovedMember> removed;
        if (changes_members(request)) {
          Result<std::vector<RemovedMember>> kept = store.removed_members(row);
          if (!kept) return kept.status();
          removed = std::move(*kept);
        }
        std::vector<Member> taken_out;
        IntakeRequest merged = edited(existing, request, config, removed, taken_out, problems);
        Case c = check_case(merged, config, context.clock, problems);
        std::string reason = text::trim(request.reason);
        if (!request.remove_members.empty() && reason.empty())
          return Status::usage(tr("--remove-member needs --reason TEXT: why the member is no longer in the household "
                                  "(kept with the member)"));
        if (reason.find_first_of("\r\n") != std::string::npos)
          problems.push_back(tr("reason: has a line break; give the reason on one line"));
        if (!problems.empty())
          return Status::invalid(trf("case {} was not changed:\n  {}", existing.case_id, text::join(problems, "\n  ")));
        keep_stored_fields(c, existing);
        if (!changes_members(request)) c.members = existing.members;
        // The first response stays due when it was, unless the urgency changes it.
        if (c.urgency == existing.urgency) c.response_due = existing.response_due;

        if (urgency_rank(c.urgency) > urgency_rank(existing.urgency) && reason.empty()) {
          Result<std::string> raised = urgency_raised_by_assessment(store, existing.case_id);
          if (!raised) return raised.status();
          if (!raised->empty())
            return Status::conflict(trf("the urgency of case {} ({}) was raised by an assessment: {}; to lower it to "
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
          return Status::conflict(trf("with these details case {} looks like {}; check with 'casectl show {}', then "
                                      "use --on-duplicate link (or allow) to change it anyway, or skip",
                                      existing.case_id, duplicate_list(outcome.duplicates), outcome.duplicates.front().case_id));
        if (!outcome.duplicates.empty() && on_duplicate == OnDuplicate::skip) {
          outcome.skipped = true;
          return Status::ok();
        }

        const ChangeTime when = change_time(change);
        c.updated_at = when.at;
        c.updated_on = when.on;
        CASECTL_TRY(store.update_case(row, c));
        for (const Member& m : taken_out) CASECTL_TRY(store.insert_removed_member(row, {m, when.on, reason}));
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
