#include "cases/assign.hpp"

#include "cases/effective_dates.hpp"
#include "util/messages.hpp"

#include "cases/transaction.hpp"
#include "cases/views.hpp"

#include "cases/journal.hpp"

#include "store/case_store.hpp"
#include "util/text.hpp"
#include "cases/lookups.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace casectl {

namespace {

// Open cases this login manages, in all districts.
long long managed_by(const OpenCaseCounts& counts, const std::string& login) {
  auto it = counts.managed.find(login);
  if (it == counts.managed.end()) return 0;
  long long total = 0;
  for (const auto& [district, count] : it->second) total += count;
  return total;
}

std::string served(const StaffMember& m) { return m.districts.empty() ? "every district" : text::join(m.districts, ", "); }

// A login as casectl stores it: letters, digits, '.', '_' and '-' (no ':' or ',' or spaces, which
// the command line uses to separate logins from roles and from each other).
bool valid_login(const std::string& login) {
  if (login.empty() || login.size() > 64) return false;
  return std::all_of(login.begin(), login.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
           ch == '-';
  });
}

// One line of free text (a name, a role): valid UTF-8, no control characters. Empty when bad.
std::optional<std::string> clean_line(const std::string& value) {
  if (!text::is_valid_utf8(value)) return std::nullopt;
  for (char ch : value)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) return std::nullopt;
  return text::trim(value);
}

// What makes someone a case manager --auto may choose: a capacity, and being agency staff (a
// volunteer coordinator is named with --manager, where assign.volunteers_manage allows it).
bool takes_cases(const StaffEntry& s) { return s.active && s.member.capacity > 0 && s.member.kind != "volunteer"; }

std::string percent(long long open, int capacity) {
  return capacity > 0 ? fmt::format("{}%", open * 100 / capacity) : std::string("no capacity set");
}

// The district rule of the config for one staff member and one case: nothing, a warning, or a refusal.
Status check_district(const config::Config& config, const StaffMember& member, const std::string& district,
                      const std::string& case_id, std::vector<std::string>& warnings) {
  if (config.district_check == "off" || serves(member, district)) return Status::ok();
  std::string problem =
      fmt::format("{} does not serve district {} of case {} (serves {})", member.login, district, case_id, served(member));
  if (config.district_check == "refuse")
    return Status::conflict(problem + "; assign.district_check is 'refuse': choose staff of that district");
  warnings.push_back(problem);
  return Status::ok();
}

// Who --auto chooses for a case in `district`: among active staff with a capacity who serve it and
// are below capacity, the lowest load (open cases / capacity), then the fewest open cases, then
// the login. `open` holds each login's open cases; `excluded` are never chosen.
Result<const StaffEntry*> choose_manager(const Roster& roster, const std::map<std::string, long long>& open,
                                         const std::set<std::string>& excluded, const std::string& case_id,
                                         const std::string& district, std::string& explanation) {
  struct Candidate {
    const StaffEntry* staff;
    long long open;
  };
  std::vector<Candidate> serving;
  for (const StaffEntry& s : roster.all()) {
    if (!takes_cases(s) || excluded.count(s.member.login) || !serves(s.member, district)) continue;
    auto it = open.find(s.member.login);
    serving.push_back({&s, it == open.end() ? 0 : it->second});
  }
  std::string where = district.empty() ? std::string(tr("any district")) : trf("district {}", district);
  if (serving.empty())
    return Status::conflict(trf("no case manager serves {} of case {}: give staff a capacity and the district "
                                "('casectl staff set LOGIN --capacity N --district D'), or name the manager",
                                where, case_id));
  std::vector<Candidate> with_room;
  for (const Candidate& c : serving)
    if (c.open < c.staff->member.capacity) with_room.push_back(c);
  auto load_text = [](const Candidate& c) {
    return fmt::format("{} {}/{}", c.staff->member.login, c.open, c.staff->member.capacity);
  };
  if (with_room.empty()) {
    std::vector<std::string> full;
    for (const Candidate& c : serving) full.push_back(load_text(c));
    return Status::conflict(trf("no case manager serving {} has room for case {} ({}); raise a capacity, "
                                "add staff, or name the manager",
                                where, case_id, text::join(full, ", ")));
  }
  std::stable_sort(with_room.begin(), with_room.end(), [](const Candidate& a, const Candidate& b) {
    long long left = a.open * b.staff->member.capacity, right = b.open * a.staff->member.capacity;
    if (left != right) return left < right;
    if (a.open != b.open) return a.open < b.open;
    return a.staff->member.login < b.staff->member.login;
  });
  const Candidate& best = with_room.front();
  std::vector<std::string> others;
  for (std::size_t i = 1; i < with_room.size(); ++i) others.push_back(load_text(with_room[i]));
  explanation = fmt::format("chose {} ({}) for case {} in {}: {} of {} open cases ({}), the lowest load of {} serving "
                            "it with room{}",
                            best.staff->member.login, best.staff->member.name, case_id, where, best.open,
                            best.staff->member.capacity, percent(best.open, best.staff->member.capacity), with_room.size(),
                            others.empty() ? "" : "; next: " + text::join(others, ", "));
  return best.staff;
}

std::map<std::string, long long> open_by_manager(const OpenCaseCounts& counts) {
  std::map<std::string, long long> open;
  for (const auto& entry : counts.managed) open[entry.first] = managed_by(counts, entry.first);
  return open;
}

// A staff member who can take new work on a case.
Result<const StaffEntry*> working_staff(const Roster& roster, const std::string& login) {
  Result<const StaffEntry*> staff = roster.require(login);
  if (!staff) return staff;
  if (!(*staff)->active && (*staff)->source == "config")
    return Status::conflict(trf("{} has left{} (staff.{} in the config); choose someone else, or move their "
                                "cases with 'casectl reassign --from {} --to LOGIN'",
                                login, (*staff)->member.left_on.empty() ? std::string() : trf(" on {}", (*staff)->member.left_on),
                                login, login));
  if (!(*staff)->active)
    return Status::conflict(trf("{} has left (removed with 'casectl staff remove'); choose someone else, or bring "
                                "them back with 'casectl staff set {} --active'",
                                login, login));
  return staff;
}

// A staff member who can take new work on a case as its case manager or supervisor: working, and
// agency staff unless assign.volunteers_manage lets volunteer coordinators lead cases too.
Result<const StaffEntry*> leading_staff(const Roster& roster, const config::Config& config, const std::string& login) {
  Result<const StaffEntry*> staff = working_staff(roster, login);
  if (!staff || (*staff)->member.kind != "volunteer" || config.volunteers_manage) return staff;
  return Status::conflict(trf("{} is a volunteer coordinator: volunteers refer families, sit on teams and take "
                              "tasks, but lead no case (assign.volunteers_manage is false); name agency staff, or "
                              "put {} on the team with --team {}",
                              login, login, login));
}

const StaffMember* config_staff(const config::Config& config, const std::string& login) {
  return config::find_staff(config, login);
}

Status refuse_config_login(const config::Config& config, const std::string& login) {
  if (!config_staff(config, login)) return Status::ok();
  std::string origin = "the config";
  for (const config::Entry& e : config.entries)
    if (e.key == "staff." + login) origin = e.origin;
  return Status::conflict(trf("staff member {} comes from the config ({}); change them there", login, origin));
}

// Checks and fills the fields of a staff request into `member`; every problem at once.
Status apply_staff_fields(const config::Config& config, const StaffRequest& request, StaffMember& member) {
  std::vector<std::string> problems;
  auto line = [&](const char* field, const std::optional<std::string>& value, std::string& target) {
    if (!value) return;
    std::optional<std::string> clean = clean_line(*value);
    if (!clean) problems.push_back(trf("{}: must be one line of UTF-8 text", field));
    else target = *clean;
  };
  line("name", request.name, member.name);
  line("role", request.role, member.role);
  if (request.agency) {
    Result<std::string> agency = request.agency->empty() ? Result<std::string>(std::string())
                                                         : config::resolve(config.agencies, *request.agency, "agency");
    if (!agency) problems.push_back("agency: " + agency.status().message());
    else member.agency = *agency;
  }
  if (request.districts) {
    member.districts.clear();
    for (const std::string& d : *request.districts) {
      Result<std::string> code = config::resolve(config.districts, d, "district");
      if (!code) problems.push_back("district: " + code.status().message());
      else if (std::find(member.districts.begin(), member.districts.end(), *code) == member.districts.end())
        member.districts.push_back(*code);
    }
  }
  if (request.capacity) {
    if (*request.capacity < 0) problems.push_back(tr("capacity: give a number of open cases, 0 or more"));
    else member.capacity = *request.capacity;
  }
  if (request.kind) {
    Result<std::string> kind = config::staff_kind(*request.kind);
    if (!kind) problems.push_back("kind: " + kind.status().message());
    else member.kind = *kind;
  }
  if (member.name.empty()) member.name = member.login;
  if (!problems.empty()) return Status::invalid(trf("staff member {}: {}", member.login, text::join(problems, "; ")));
  return Status::ok();
}

Record staff_changes(const StaffMember& before, const StaffMember& after, bool active_before, bool active_after) {
  Record changes = Record::object();
  auto field = [&](const char* name, const std::string& old_value, const std::string& new_value) {
    if (old_value != new_value) changes[name] = {views::text_or_null(old_value), views::text_or_null(new_value)};
  };
  field("name", before.name, after.name);
  field("agency", before.agency, after.agency);
  field("role", before.role, after.role);
  if (before.districts != after.districts) changes["districts"] = {before.districts, after.districts};
  if (before.capacity != after.capacity) changes["capacity"] = {before.capacity, after.capacity};
  if (active_before != active_after) changes["active"] = {active_before, active_after};
  field("kind", before.kind, after.kind);
  return changes;
}

} // namespace

bool serves(const StaffMember& member, const std::string& district) {
  return district.empty() || member.districts.empty() ||
         std::find(member.districts.begin(), member.districts.end(), district) != member.districts.end();
}

const StaffEntry* Roster::find(const std::string& login) const {
  for (const StaffEntry& s : m_staff)
    if (s.member.login == login) return &s;
  return nullptr;
}

Result<const StaffEntry*> Roster::require(const std::string& login) const {
  if (const StaffEntry* s = find(login)) return s;
  std::vector<std::string> logins;
  for (const StaffEntry& s : m_staff) logins.push_back(s.member.login);
  return Status::not_found(
      trf("unknown staff member '{}'{}; 'casectl staff list' shows the staff", login, text::did_you_mean(login, logins)));
}

std::string Roster::name_of(const std::string& login) const {
  const StaffEntry* s = find(login);
  return s ? s->member.name : std::string();
}

Result<Roster> load_roster(store::CaseStore& store, const config::Config& config) {
  std::vector<StaffEntry> staff;
  for (const StaffMember& m : config.staff) {
    StaffEntry entry{m, "config", m.active};
    // The config may name districts by label; cases store codes.
    for (std::string& d : entry.member.districts)
      if (Result<std::string> code = config::resolve(config.districts, d, "district")) d = *code;
    staff.push_back(std::move(entry));
  }
  Result<std::vector<StoredStaff>> stored = store.load_staff();
  if (!stored) return stored.status();
  for (StoredStaff& s : *stored)
    if (!config::find_staff(config, s.member.login)) staff.push_back({std::move(s.member), "store", s.active});
  return Roster(std::move(staff));
}

namespace {

Result<StaffEntry> record_staff_add(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                    const StaffRequest& request) {
  if (!valid_login(request.login))
    return Status::invalid(trf("'{}' is not a login: use letters, digits, '.', '_' and '-' (at most 64)", request.login));
  CASECTL_TRY(refuse_config_login(config, request.login));
  StoredStaff staff;
  staff.member.login = request.login;
  CASECTL_TRY(apply_staff_fields(config, request, staff.member));
  std::string at = date::format_timestamp(change.clock.now);
  CASECTL_TRY(store.insert_staff(staff, at, change.actor));
  Record changes = {{"login", {nullptr, staff.member.login}}};
  changes.update(staff_changes({}, staff.member, false, true));
  CASECTL_TRY(journal(store, change, "", "staff-add", changes));
  return StaffEntry{staff.member, "store", true};
}

Result<StoredStaff> stored_staff(store::CaseStore& store, const config::Config& config, const std::string& login) {
  CASECTL_TRY(refuse_config_login(config, login));
  Result<std::vector<StoredStaff>> all = store.load_staff();
  if (!all) return all.status();
  std::vector<std::string> logins;
  for (const StoredStaff& s : *all) {
    if (s.member.login == login) return s;
    logins.push_back(s.member.login);
  }
  for (const StaffMember& m : config.staff) logins.push_back(m.login);
  return Status::not_found(
      trf("unknown staff member '{}'{}; 'casectl staff list' shows the staff", login, text::did_you_mean(login, logins)));
}

Result<StaffEntry> save_staff(store::CaseStore& store, const ChangeContext& change, const StoredStaff& before,
                              const StoredStaff& after, const char* action) {
  Record changes = staff_changes(before.member, after.member, before.active, after.active);
  if (!changes.empty()) {
    CASECTL_TRY(store.update_staff(after, date::format_timestamp(change.clock.now)));
    Record entry = {{"login", {after.member.login, after.member.login}}};
    entry.update(changes);
    CASECTL_TRY(journal(store, change, "", action, entry));
  }
  return StaffEntry{after.member, "store", after.active};
}

Result<StaffEntry> record_staff_change(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                       const StaffRequest& request, bool reactivate) {
  Result<StoredStaff> before = stored_staff(store, config, request.login);
  if (!before) return before.status();
  StoredStaff after = *before;
  CASECTL_TRY(apply_staff_fields(config, request, after.member));
  if (reactivate) after.active = true;
  return save_staff(store, change, *before, after, "staff-set");
}

Result<StaffEntry> record_staff_removal(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                        const std::string& login) {
  Result<StoredStaff> before = stored_staff(store, config, login);
  if (!before) return before.status();
  Result<OpenCaseCounts> counts = store.count_open_cases();
  if (!counts) return counts.status();
  if (long long open = managed_by(*counts, login); open > 0)
    return Status::conflict(ntrf("{} still manages {} open case; move it first with 'casectl reassign --from {} --to "
                                 "LOGIN' (or --auto)",
                                 "{} still manages {} open cases; move them first with 'casectl reassign --from {} --to "
                                 "LOGIN' (or --auto)",
                                 static_cast<unsigned long>(open), login, open, login));
  StoredStaff after = *before;
  after.active = false;
  return save_staff(store, change, *before, after, "staff-remove");
}

Result<AssignmentChange> apply_assignment(store::CaseStore& store, const config::Config& config, const ChangeContext& given,
                                          const AssignRequest& request) {
  Result<std::optional<CaseAssignment>> loaded = store.load_assignment(request.case_id);
  if (!loaded) return loaded.status();
  if (!*loaded) return case_not_found(request.case_id);
  AssignmentChange outcome;
  outcome.assignment = std::move(**loaded);
  CaseAssignment& a = outcome.assignment;
  bool wants_change =
      request.manager || request.auto_manager || !request.team.empty() || !request.remove.empty() || request.supervisor;
  if (!wants_change) return outcome;
  if (request.manager && request.auto_manager) return Status::usage(tr("give --manager LOGIN or --auto, not both"));
  if (a.consultation || a.status == status_code::consultation)
    return Status::conflict(trf("case {} is a consultation, not a full case; nobody is assigned to a "
                                "consultation (register a full case with 'casectl intake' if work is needed)",
                                a.case_id));
  if (a.status == status_code::closed)
    return Status::conflict(trf("case {} is closed; reopen it with 'casectl review {} --reopen'", a.case_id, a.case_id));
  // --on: the team met, or the manager took the case, on an earlier day; the journal, the case's
  // updated_on and each new team member's added_on carry that day.
  ChangeContext change = given;
  if (request.on) {
    Result<effective_dates::CaseDates> dates = effective_dates::case_dates(a.opened, given.clock.today);
    if (!dates) return dates.status();
    Result<date::Date> on = effective_dates::happened_on("on", request.on, *dates);
    if (!on) return on.status();
    change = dated(given, *on);
  }

  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  Result<OpenCaseCounts> counts = store.count_open_cases();
  if (!counts) return counts.status();
  const ChangeTime when = change_time(change);
  std::string today = date::format_date(business_day(change));
  auto team_role = [&](const std::string& login) -> std::optional<std::string> {
    for (const TeamMember& m : a.team)
      if (m.login == login) return m.role;
    return std::nullopt;
  };
  auto take_off_team = [&](const std::string& login) -> Status {
    std::optional<std::string> role = team_role(login);
    CASECTL_TRY(store.remove_team_member(a.row, login, when));
    std::erase_if(a.team, [&](const TeamMember& m) { return m.login == login; });
    return journal(store, change, a.case_id, "team-remove",
                   {{"team_member", {login, nullptr}}, {"role", {views::text_or_null(role.value_or("")), nullptr}}});
  };

  // The case manager.
  std::string manager;
  if (request.auto_manager) {
    std::map<std::string, long long> open = open_by_manager(*counts);
    if (!a.case_manager.empty()) --open[a.case_manager]; // this case would not be counted twice
    std::string explanation;
    Result<const StaffEntry*> chosen = choose_manager(*roster, open, {}, a.case_id, a.district, explanation);
    if (!chosen) return chosen.status();
    manager = (*chosen)->member.login;
    outcome.notes.push_back(explanation);
  } else if (request.manager) {
    Result<const StaffEntry*> staff = leading_staff(*roster, config, *request.manager);
    if (!staff) return staff.status();
    CASECTL_TRY(check_district(config, (*staff)->member, a.district, a.case_id, outcome.warnings));
    manager = *request.manager;
  }
  if (!manager.empty() && manager == a.supervisor && !(request.supervisor && *request.supervisor != manager))
    return Status::conflict(trf("{} is the supervisor of {}; the case manager is someone else (clear the "
                                "supervisor with --supervisor '' first)",
                                manager, a.case_id));
  if (!manager.empty() && manager == a.case_manager) {
    outcome.notes.push_back(trf("{} is already the case manager of {}", manager, a.case_id));
  } else if (!manager.empty()) {
    CASECTL_TRY(store.set_case_manager(a.row, manager, when));
    CASECTL_TRY(journal(store, change, a.case_id, "assign", {{"case_manager", {views::text_or_null(a.case_manager), manager}}}));
    a.case_manager = manager;
    outcome.changed = true;
    const StaffEntry* staff = roster->find(manager);
    long long now_open = managed_by(*counts, manager) + 1;
    if (staff && staff->member.capacity > 0 && now_open > staff->member.capacity)
      outcome.warnings.push_back(
          trf("{} now manages {} open cases, over a capacity of {}", manager, now_open, staff->member.capacity));
    if (team_role(manager)) {
      CASECTL_TRY(take_off_team(manager));
      outcome.notes.push_back(trf("{} left the team of {} to lead it as case manager", manager, a.case_id));
    }
  }

  // The supervisor.
  if (request.supervisor) {
    const std::string& supervisor = *request.supervisor;
    if (!supervisor.empty()) {
      Result<const StaffEntry*> staff = leading_staff(*roster, config, supervisor);
      if (!staff) return staff.status();
      if (supervisor == a.case_manager)
        return Status::conflict(trf("{} is the case manager of {}; the supervisor is someone else", supervisor, a.case_id));
    }
    if (supervisor == a.supervisor) {
      if (!supervisor.empty()) outcome.notes.push_back(trf("{} is already the supervisor of {}", supervisor, a.case_id));
    } else {
      CASECTL_TRY(store.set_supervisor(a.row, supervisor, when));
      CASECTL_TRY(journal(store, change, a.case_id, "supervisor",
                          {{"supervisor", {views::text_or_null(a.supervisor), views::text_or_null(supervisor)}}}));
      a.supervisor = supervisor;
      outcome.changed = true;
    }
  }

  // The team: removals first, so that "--remove kim --team kim:ROLE" cannot happen by accident.
  for (const std::string& login : request.remove) {
    if (!team_role(login)) {
      std::vector<std::string> logins;
      for (const TeamMember& m : a.team) logins.push_back(m.login);
      return Status::not_found(trf("{} is not on the team of case {}{}", login, a.case_id,
                                   logins.empty()
                                       ? std::string("; the team is empty")
                                       : "; the team: " + text::join(logins, ", ") + text::did_you_mean(login, logins)));
    }
    CASECTL_TRY(take_off_team(login));
    outcome.changed = true;
  }
  for (const std::string& given : request.team) {
    std::size_t colon = given.find(':');
    std::string login = text::trim(given.substr(0, colon));
    if (std::find(request.remove.begin(), request.remove.end(), login) != request.remove.end())
      return Status::usage(trf("{} is given to both --team and --remove", login));
    Result<const StaffEntry*> staff = working_staff(*roster, login);
    if (!staff) return staff.status();
    std::optional<std::string> role =
        colon == std::string::npos ? std::optional<std::string>((*staff)->member.role) : clean_line(given.substr(colon + 1));
    if (!role || role->empty())
      return Status::invalid(colon == std::string::npos
                                 ? fmt::format("--team {}: {} has no role in the staff list; give it as {}:ROLE, e.g. "
                                               "{}:psychologist",
                                               given, login, login, login)
                                 : fmt::format("--team {}: the role after ':' is empty or not one line of text; write "
                                               "LOGIN:ROLE, e.g. kim:psychologist, or LOGIN alone for their usual role",
                                               given));
    if (login == a.case_manager)
      return Status::conflict(trf("{} is the case manager of {}; the team is the people beside them", login, a.case_id));
    CASECTL_TRY(check_district(config, (*staff)->member, a.district, a.case_id, outcome.warnings));
    std::optional<std::string> before = team_role(login);
    if (before == role) {
      outcome.notes.push_back(trf("{} is already on the team of {} as {}", login, a.case_id, *role));
      continue;
    }
    TeamMember member{login, *role, today, change.actor};
    CASECTL_TRY(store.put_team_member(a.row, member, when));
    if (before) {
      for (TeamMember& m : a.team)
        if (m.login == login) m.role = *role;
    } else {
      a.team.push_back(member);
    }
    CASECTL_TRY(journal(store, change, a.case_id, "team-add",
                        {{"team_member", {before ? Record(login) : Record(), login}},
                         {"role", {views::text_or_null(before.value_or("")), *role}}}));
    outcome.changed = true;
  }
  if (outcome.changed) {
    // Read back what is stored, so that the result shows the team in its stored order.
    Result<std::optional<CaseAssignment>> after = store.load_assignment(a.case_id);
    if (!after) return after.status();
    if (*after) a = std::move(**after);
  }
  return outcome;
}

// The places `from` holds on the teams of the open cases `filter` selects, as moves to `to`.
Status find_team_places(store::CaseStore& store, const MoveFilter& filter, const std::string& from, const std::string& to,
                        std::vector<Move>& moves, std::vector<long long>& rows) {
  MoveFilter on_team = filter;
  on_team.managers.clear();
  on_team.unassigned = false;
  on_team.team_member = from;
  std::vector<CaseToMove> cases;
  CASECTL_TRY(store.each_case_to_move(on_team, [&](const CaseToMove& c) {
    cases.push_back(c);
    return Status::ok();
  }));
  for (const CaseToMove& c : cases) {
    Result<std::optional<CaseAssignment>> a = store.load_assignment(c.case_id);
    if (!a) return a.status();
    if (!*a) continue;
    auto member = std::find_if((*a)->team.begin(), (*a)->team.end(), [&](const TeamMember& m) { return m.login == from; });
    if (member == (*a)->team.end()) continue;
    moves.push_back({c.case_id, c.name, c.district, c.urgency, from, to, "team", member->role});
    rows.push_back(c.row);
  }
  return Status::ok();
}

// Gives `move.from`'s team place to `move.to`, journaled as on `assign --remove` and `--team`; only
// takes `from` off when `to` manages the case or is on its team already.
Status move_team_place(store::CaseStore& store, const ChangeContext& change, long long row, const Move& move) {
  Result<std::optional<CaseAssignment>> a = store.load_assignment(move.case_id);
  if (!a) return a.status();
  if (!*a) return Status::internal(trf("case {} went away during the reassignment", move.case_id));
  const ChangeTime when = change_time(change);
  CASECTL_TRY(store.remove_team_member(row, move.from, when));
  CASECTL_TRY(journal(store, change, move.case_id, "team-remove",
                      {{"team_member", {move.from, nullptr}}, {"role", {views::text_or_null(move.role), nullptr}}}));
  bool to_on_team = std::any_of((*a)->team.begin(), (*a)->team.end(), [&](const TeamMember& m) { return m.login == move.to; });
  if ((*a)->case_manager == move.to || to_on_team) return Status::ok();
  TeamMember member{move.to, move.role, date::format_date(business_day(change)), change.actor};
  CASECTL_TRY(store.put_team_member(row, member, when));
  return journal(store, change, move.case_id, "team-add",
                 {{"team_member", {Record(), move.to}}, {"role", {Record(), move.role}}});
}

Result<Reassignment> move_cases(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                const ReassignRequest& request) {
  const MoveFilter& filter = request.filter;
  if (filter.managers.empty() && !filter.unassigned && filter.districts.empty() && filter.statuses.empty() &&
      filter.urgencies.empty() && filter.groups.empty())
    return Status::usage(tr("say which cases to move: --from LOGIN, --unassigned, or filters such as --district"));
  if (request.spread == !request.to.empty()) return Status::usage(tr("give --to LOGIN or --auto (one of them)"));
  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  Result<OpenCaseCounts> counts = store.count_open_cases();
  if (!counts) return counts.status();
  for (const std::string& from : filter.managers) {
    if (from == request.to) return Status::usage(trf("{} is both --from and --to", from));
    // Someone no staff list knows any more may still hold cases: those can be moved.
    if (!counts->managed.count(from)) CASECTL_TRY(roster->require(from).status());
  }
  const StaffEntry* target = nullptr;
  if (!request.to.empty()) {
    Result<const StaffEntry*> staff = leading_staff(*roster, config, request.to);
    if (!staff) return staff.status();
    target = *staff;
  }

  Reassignment outcome;
  std::vector<CaseToMove> cases;
  CASECTL_TRY(store.each_case_to_move(filter, [&](const CaseToMove& c) {
    if (request.to.empty() || c.case_manager != request.to) cases.push_back(c);
    return Status::ok();
  }));
  std::map<std::string, long long> open = open_by_manager(*counts);
  std::set<std::string> excluded(filter.managers.begin(), filter.managers.end());
  std::vector<long long> rows; // of the moves, in their order
  std::vector<std::string> unplaced;
  std::map<std::string, std::vector<std::string>> outside; // district -> cases, for --to outside its districts
  for (const CaseToMove& c : cases) {
    std::string to = request.to;
    if (request.spread) {
      std::string explanation;
      if (!c.case_manager.empty()) --open[c.case_manager]; // the case does not count against its own manager
      Result<const StaffEntry*> chosen = choose_manager(*roster, open, excluded, c.case_id, c.district, explanation);
      if (!c.case_manager.empty()) ++open[c.case_manager];
      if (!chosen) {
        unplaced.push_back(c.district.empty() ? c.case_id : fmt::format("{} ({})", c.case_id, c.district));
        continue;
      }
      to = (*chosen)->member.login;
      if (to == c.case_manager) continue; // already where it would go: no move
    } else if (config.district_check != "off" && !serves(target->member, c.district)) {
      outside[c.district].push_back(c.case_id);
    }
    if (!c.case_manager.empty()) --open[c.case_manager];
    ++open[to];
    rows.push_back(c.row);
    outcome.moves.push_back({c.case_id, c.name, c.district, c.urgency, c.case_manager, to, "manager", ""});
  }
  std::vector<Move> team_moves;
  std::vector<long long> team_rows;
  if (request.to.empty()) {
    for (const std::string& from : filter.managers)
      if (auto on = counts->on_team.find(from); on != counts->on_team.end() && on->second > 0)
        outcome.notes.push_back(ntrf("{} is still on the team of {} open case; move that place with 'casectl reassign "
                                     "--from {} --to LOGIN'",
                                     "{} is still on the team of {} open cases; move those places with 'casectl reassign "
                                     "--from {} --to LOGIN'",
                                     static_cast<unsigned long>(on->second), from, on->second, from));
  } else {
    for (const std::string& from : filter.managers)
      CASECTL_TRY(find_team_places(store, filter, from, request.to, team_moves, team_rows));
  }
  if (!unplaced.empty())
    return Status::conflict(trf("no case manager with room serves the district of {}; nothing was moved: raise a "
                                "capacity, add staff, or use --to LOGIN",
                                text::join(unplaced, ", ")));
  for (const auto& [district, ids] : outside) {
    std::string problem = fmt::format("{} does not serve district {} (serves {}): {}", request.to, district,
                                      served(target->member), text::join(ids, ", "));
    if (config.district_check == "refuse")
      return Status::conflict(problem + "; assign.district_check is 'refuse': nothing was moved");
    outcome.warnings.push_back(problem);
  }

  const ChangeTime when = change_time(change);
  std::map<std::string, long long> received;
  for (std::size_t i = 0; i < outcome.moves.size(); ++i) {
    const Move& move = outcome.moves[i];
    CASECTL_TRY(store.set_case_manager(rows[i], move.to, when));
    CASECTL_TRY(journal(store, change, move.case_id, "reassign", {{"case_manager", {views::text_or_null(move.from), move.to}}}));
    ++received[move.to];
  }
  for (std::size_t i = 0; i < team_moves.size(); ++i) CASECTL_TRY(move_team_place(store, change, team_rows[i], team_moves[i]));
  outcome.moves.insert(outcome.moves.end(), team_moves.begin(), team_moves.end());
  for (const auto& [login, n] : received) {
    const StaffEntry* staff = roster->find(login);
    int capacity = staff ? staff->member.capacity : 0;
    outcome.notes.push_back(ntrf("{} takes {} case, now {} open", "{} takes {} cases, now {} open", static_cast<unsigned long>(n),
                                 login, n, open[login]) +
                            (capacity > 0 ? trf(" of {} ({})", capacity, percent(open[login], capacity)) : std::string()));
    if (capacity > 0 && open[login] > capacity)
      outcome.warnings.push_back(trf("{} now manages {} open cases, over a capacity of {}", login, open[login], capacity));
  }
  return outcome;
}

} // namespace

Result<StaffEntry> add_staff(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                             const StaffRequest& request) {
  return in_one_transaction<StaffEntry>(store, [&] { return record_staff_add(store, config, change, request); });
}

Result<StaffEntry> change_staff(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                const StaffRequest& request, bool reactivate) {
  return in_one_transaction<StaffEntry>(store, [&] { return record_staff_change(store, config, change, request, reactivate); });
}

Result<StaffEntry> remove_staff(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                const std::string& login) {
  return in_one_transaction<StaffEntry>(store, [&] { return record_staff_removal(store, config, change, login); });
}

Result<AssignmentChange> assign_case(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                     const AssignRequest& request, bool dry_run) {
  return in_one_transaction<AssignmentChange>(
      store, [&] { return apply_assignment(store, config, change, request); }, dry_run);
}

Result<Reassignment> reassign_cases(store::CaseStore& store, const config::Config& config, const ChangeContext& change,
                                    const ReassignRequest& request, bool dry_run, const std::vector<Move>* confirmed) {
  auto same = [](const Move& a, const Move& b) {
    return a.case_id == b.case_id && a.from == b.from && a.to == b.to && a.as == b.as;
  };
  return in_one_transaction<Reassignment>(
      store,
      [&]() -> Result<Reassignment> {
        Result<Reassignment> moved = move_cases(store, config, change, request);
        if (!moved) return moved;
        if (confirmed && !std::equal(confirmed->begin(), confirmed->end(), moved->moves.begin(), moved->moves.end(), same))
          return Status::conflict(tr("the cases changed while you were asked, so nothing was moved; run the command again"));
        return moved;
      },
      dry_run);
}

Result<Caseload> caseload(store::CaseStore& store, const config::Config& config, const std::string& district) {
  Result<Roster> roster = load_roster(store, config);
  if (!roster) return roster.status();
  Result<OpenCaseCounts> counts = store.count_open_cases();
  if (!counts) return counts.status();
  Caseload result;
  for (const auto& [d, n] : counts->unassigned)
    if (district.empty() || d == district) result.unassigned += n;
  std::map<std::string, CaseloadRow> rows;
  auto fill_counts = [&](CaseloadRow& row) {
    row.open_cases = managed_by(*counts, row.login);
    auto team = counts->on_team.find(row.login);
    row.team_cases = team == counts->on_team.end() ? 0 : team->second;
    auto managed = counts->managed.find(row.login);
    if (managed != counts->managed.end())
      for (const auto& [d, n] : managed->second)
        if (district.empty() || d == district) row.by_district.emplace_back(d, n);
  };
  for (const StaffEntry& s : roster->all()) {
    bool manages = s.member.capacity > 0 || s.member.role == "case-manager" || counts->managed.count(s.member.login);
    if (!manages) continue;
    CaseloadRow row{
        s.member.login, s.member.name, s.member.agency, s.member.role, s.member.districts, s.member.capacity, 0, 0, {},
        true,           s.active};
    fill_counts(row);
    if (!district.empty() && row.by_district.empty() && !(s.active && serves(s.member, district))) continue;
    rows[row.login] = std::move(row);
  }
  for (const auto& entry : counts->managed) {
    if (rows.count(entry.first) || roster->find(entry.first)) continue;
    CaseloadRow row;
    row.login = entry.first;
    row.known = false;
    fill_counts(row);
    if (!district.empty() && row.by_district.empty()) continue;
    rows[row.login] = std::move(row);
  }
  for (auto& entry : rows) result.rows.push_back(std::move(entry.second));
  return result;
}

namespace views {

namespace {

Record staff_list(const std::vector<std::string>& values) {
  Record list = Record::array();
  for (const std::string& v : values) list.push_back(v);
  return list;
}

} // namespace

Record assignment_record(const CaseAssignment& a, const Roster& roster) {
  Record team = Record::array();
  for (const TeamMember& m : a.team) {
    const StaffEntry* s = roster.find(m.login);
    team.push_back({{"login", m.login},
                    {"name", views::text_or_null(s ? s->member.name : "")},
                    {"agency", views::text_or_null(s ? s->member.agency : "")},
                    {"role", views::text_or_null(m.role)},
                    {"added_on", m.added_on}});
  }
  return {
      {"case_id", a.case_id},
      {"name", a.name},
      {"status", a.status},
      {"district", views::text_or_null(a.district)},
      {"case_manager", views::text_or_null(a.case_manager)},
      {"case_manager_name", views::text_or_null(roster.name_of(a.case_manager))},
      {"supervisor", views::text_or_null(a.supervisor)},
      {"supervisor_name", views::text_or_null(roster.name_of(a.supervisor))},
      {"team", team},
  };
}

Record staff_record(const StaffEntry& s) {
  return {
      {"login", s.member.login},
      {"name", s.member.name},
      {"agency", views::text_or_null(s.member.agency)},
      {"role", views::text_or_null(s.member.role)},
      {"districts", staff_list(s.member.districts)},
      {"capacity", s.member.capacity},
      {"active", s.active},
      {"source", s.source},
      {"kind", s.member.kind},
  };
}

const std::vector<Column>& staff_columns() {
  static const std::vector<Column> columns = {
      {"login", "LOGIN"},       {"name", "NAME"},     {"agency", "AGENCY"}, {"role", "ROLE"}, {"districts", "DISTRICTS"},
      {"capacity", "CAPACITY"}, {"active", "ACTIVE"}, {"source", "SOURCE"}, {"kind", "KIND"},
  };
  return columns;
}

Record caseload_record(const CaseloadRow& row) {
  Record by_district = Record::object();
  for (const auto& [district, n] : row.by_district) by_district[district] = n;
  bool has_capacity = row.capacity > 0;
  return {
      {"login", row.login},
      {"name", views::text_or_null(row.name)},
      {"agency", views::text_or_null(row.agency)},
      {"role", views::text_or_null(row.role)},
      {"districts", staff_list(row.districts)},
      {"open_cases", row.open_cases},
      {"capacity", has_capacity ? Record(row.capacity) : Record()},
      {"free", has_capacity ? Record(std::max<long long>(0, row.capacity - row.open_cases)) : Record()},
      {"load_percent", has_capacity ? Record(row.open_cases * 100 / row.capacity) : Record()},
      {"over_capacity", has_capacity && row.open_cases > row.capacity},
      {"team_cases", row.team_cases},
      {"by_district", by_district},
      {"known", row.known},
      {"active", row.active},
  };
}

const std::vector<Column>& caseload_columns() {
  static const std::vector<Column> columns = {
      {"login", "LOGIN"},     {"name", "NAME"},           {"districts", "DISTRICTS"},
      {"open_cases", "OPEN"}, {"capacity", "CAPACITY"},   {"load_percent", "LOAD %"},
      {"free", "FREE"},       {"team_cases", "ON TEAMS"}, {"by_district", "BY DISTRICT"},
  };
  return columns;
}

Record move_record(const Move& move) {
  return {
      {"case_id", move.case_id},
      {"name", move.name},
      {"district", views::text_or_null(move.district)},
      {"urgency", move.urgency},
      {"from", views::text_or_null(move.from)},
      {"to", move.to},
      {"as", move.as},
  };
}

const std::vector<Column>& move_columns() {
  static const std::vector<Column> columns = {
      {"case_id", "CASE"}, {"name", "NAME"}, {"district", "DISTRICT"}, {"urgency", "URGENCY"}, {"from", "FROM"},
      {"to", "TO"},        {"as", "AS"},
  };
  return columns;
}

} // namespace views

} // namespace casectl
