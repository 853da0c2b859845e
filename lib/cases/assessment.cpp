#include "cases/assessment.hpp"

#include "cases/effective_dates.hpp"
#include "cases/journal.hpp"
#include "util/messages.hpp"

#include "cases/views.hpp"
#include "store/case_store.hpp"
#include "util/text.hpp"
#include "cases/lookups.hpp"
#include "cases/problems.hpp"

#include <fmt/format.h>

#include <functional>

#include <algorithm>
#include <map>

namespace casectl {

const std::vector<config::RefItem>& risk_levels() {
  static const std::vector<config::RefItem> items = {{"low", "Низкий", "Low", "Төмен"},
                                                     {"moderate", "Умеренный", "Moderate", "Орташа"},
                                                     {"high", "Высокий", "High", "Жоғары"},
                                                     {"very-high", "Очень высокий", "Very high", "Өте жоғары"}};
  return items;
}

const std::vector<config::RefItem>& assessment_methods() {
  static const std::vector<config::RefItem> items = {{"interview", "Собеседование", "Interview", "Әңгімелесу"},
                                                     {"home-visit", "Посещение на дому", "Home visit", "Үйге бару"},
                                                     {"phone", "По телефону", "Phone", "Телефон арқылы"},
                                                     {"documents", "По документам", "Documents", "Құжаттар бойынша"}};
  return items;
}

std::string derive_risk(const std::vector<DomainScore>& scores, bool immediate_danger) {
  std::map<std::string, int> s;
  for (const DomainScore& d : scores)
    if (d.score) s[d.domain] = *d.score;
  auto is = [&](const char* domain, int value) {
    auto it = s.find(domain);
    return it != s.end() && it->second == value;
  };
  const char* const watched[] = {"safety", "parenting", "childcare", "substance-use", "mental-health"};
  if (immediate_danger || is("safety", 1)) return "very-high";
  if (is("safety", 2) || is("parenting", 1) || is("childcare", 1) || is("substance-use", 1)) return "high";
  if (is("mental-health", 1) || std::any_of(std::begin(watched), std::end(watched), [&](const char* d) { return is(d, 2); }))
    return "moderate";
  if (std::any_of(std::begin(watched), std::end(watched), [&](const char* d) { return s.count(d) > 0; })) return "low";
  return "";
}

Result<std::pair<std::string, std::string>> parse_domain_score(const std::string& text) {
  std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    return Status::invalid(trf("'{}' is not DOMAIN=SCORE; write e.g. housing=2 (or housing=na)", text));
  return std::make_pair(text::trim(text.substr(0, eq)), text::trim(text.substr(eq + 1)));
}

namespace {

std::vector<std::string> checked_list(Problems& problems, const std::string& field, const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    std::string t = checked_text(problems, field, v);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

// A date of the assessment under the rule of cases/effective_dates.hpp; "" when refused (the
// refusal, naming `field`, goes to `problems`).
std::string checked_date(Problems& problems, const std::string& field, const std::optional<std::string>& value,
                         const effective_dates::CaseDates& dates) {
  Result<date::Date> d = effective_dates::happened_on(field, value, dates);
  if (!d) {
    problems.lines.push_back(d.status().message());
    return {};
  }
  return date::format_date(*d);
}

std::vector<DomainScore> checked_scores(Problems& problems, const AssessmentRequest& request, const config::Config& config) {
  std::map<std::string, std::optional<int>> by_domain;
  for (const auto& [given_domain, given_score] : request.scores) {
    Result<std::string> domain = config::resolve(config.domains, given_domain, "domain");
    if (!domain) {
      problems.add("domain", domain.status().message());
      continue;
    }
    std::string field = "domain " + *domain;
    if (by_domain.count(*domain)) {
      problems.add(field, tr("is scored twice; give each domain once"));
      continue;
    }
    std::string folded = text::casefold(given_score);
    if (folded == "na" || folded == "n/a" || folded == "-") {
      by_domain[*domain] = std::nullopt;
    } else if (given_score.size() == 1 && given_score[0] >= '1' && given_score[0] <= '5') {
      by_domain[*domain] = given_score[0] - '0';
    } else {
      std::vector<std::string> scale;
      for (const config::RefItem& item : config.scale) scale.push_back(item.code + " " + config.label(item));
      problems.add(
          field, trf("score '{}' is not on the scale 1-5 ({}), nor na for not applicable", given_score, text::join(scale, ", ")));
    }
  }
  // In the config's domain order, so that every view lists domains alike.
  std::vector<DomainScore> scores;
  for (const config::RefItem& domain : config.domains) {
    auto it = by_domain.find(domain.code);
    if (it != by_domain.end()) scores.push_back({domain.code, it->second});
  }
  return scores;
}

void check_risk(Problems& problems, const AssessmentRequest& request, Assessment& a) {
  a.derived_risk = derive_risk(a.scores, a.immediate_danger);
  a.risk = a.derived_risk;
  if (request.risk) {
    Result<std::string> risk = config::resolve(risk_levels(), text::trim(*request.risk), "risk");
    if (!risk) {
      problems.add("risk", risk.status().message());
      return;
    }
    a.risk = *risk;
  }
  if (!a.derived_risk.empty() && a.risk != a.derived_risk && a.risk_override_reason.empty())
    problems.add("risk",
                 trf("the scores suggest '{}'; to record '{}' instead, say why with --override-reason", a.derived_risk, a.risk));
}

Assessment check(const AssessmentRequest& request, const config::Config& config, const ChangeContext& context,
                 const effective_dates::CaseDates& dates, Problems& problems) {
  Assessment a;
  a.assessed_on = checked_date(problems, "date", request.assessed_on, dates);
  a.assessor = request.assessor ? checked_text(problems, "by", *request.assessor) : context.actor;
  if (a.assessor.empty()) problems.add("by", tr("is empty; say who assessed"));
  if (request.visit_on) a.visit_on = checked_date(problems, "visit", request.visit_on, dates);
  std::string method = request.method.value_or(request.visit_on ? "home-visit" : "interview");
  Result<std::string> resolved = config::resolve(assessment_methods(), text::trim(method), "method");
  if (resolved) a.method = *resolved;
  else problems.add("method", resolved.status().message());
  a.living_conditions = checked_text(problems, "living_conditions", request.living_conditions.value_or(""));
  a.scores = checked_scores(problems, request, config);
  a.immediate_danger = request.immediate_danger;
  a.risk_reasons = checked_text(problems, "risk_reasons", request.risk_reasons.value_or(""));
  a.risk_override_reason = checked_text(problems, "override_reason", request.risk_override_reason.value_or(""));
  check_risk(problems, request, a);
  a.strengths = checked_list(problems, "strength", request.strengths);
  a.circle_strengths = checked_list(problems, "circle_strength", request.circle_strengths);
  a.expectations = checked_list(problems, "expectation", request.expectations);
  a.missing_documents = checked_list(problems, "missing_document", request.missing_documents);
  a.note = checked_text(problems, "note", request.note.value_or(""));
  return a;
}

Status refuse_state(const CaseState& state) {
  if (state.status == status_code::closed)
    return Status::conflict(
        trf("case {} is closed; reopen it with 'casectl review {} --reopen' to assess it again", state.case_id, state.case_id));
  if (state.status == status_code::consultation)
    return Status::conflict(trf("{} is a consultation, not a full case; register a case with 'casectl intake' "
                                "to assess the family",
                                state.case_id));
  return Status::ok();
}

} // namespace

namespace {

// The team members --participant names, each once, in the order given: the case manager, the
// supervisor or a member of the case's team; a visit is what they take part in (a problem line
// for each one that is not on the team, and for participants without a visit).
Result<std::vector<std::string>> checked_participants(store::CaseStore& store, const std::string& case_id,
                                                      const AssessmentRequest& request, const Assessment& a, Problems& problems) {
  std::vector<std::string> participants;
  if (request.participants.empty()) return participants;
  if (a.visit_on.empty() && a.method != "home-visit")
    problems.add("participant", tr("goes with a visit (--visit DATE): it names who of the team came"));
  Result<std::optional<CaseAssignment>> assignment = store.load_assignment(case_id);
  if (!assignment) return assignment.status();
  std::vector<std::string> team;
  if (*assignment) {
    for (const std::string* login : {&(*assignment)->case_manager, &(*assignment)->supervisor})
      if (!login->empty()) team.push_back(*login);
    for (const TeamMember& m : (*assignment)->team) team.push_back(m.login);
  }
  for (const std::string& given : request.participants) {
    std::string login = text::trim(given);
    if (std::find(participants.begin(), participants.end(), login) != participants.end()) continue;
    if (std::find(team.begin(), team.end(), login) == team.end())
      problems.add("participant",
                   trf("'{}' is not on the team of {} ({}); 'casectl assign {} --team {}' adds them", login, case_id,
                       team.empty() ? std::string(tr("nobody is")) : trf("the team: {}", text::join(team, ", ")), case_id,
                       login.empty() ? "LOGIN" : login));
    else participants.push_back(login);
  }
  return participants;
}

} // namespace

Result<AssessmentChange> record_assessment(store::CaseStore& store, const std::string& case_id, const AssessmentRequest& request,
                                           const config::Config& config, const ChangeContext& context) {
  Assessment a;
  AssessmentChange outcome;
  Status status = store.write([&]() -> Status {
    Result<std::optional<CaseState>> found = store.case_state(case_id);
    if (!found) return found.status();
    if (!*found) return case_not_found(case_id);
    CaseState state = **found;
    CASECTL_TRY(refuse_state(state));
    Result<effective_dates::CaseDates> dates = effective_dates::case_dates(state.opened, context.clock.today);
    if (!dates) return dates.status();
    Problems problems;
    a = check(request, config, context, *dates, problems);
    Result<std::vector<std::string>> participants = checked_participants(store, state.case_id, request, a, problems);
    if (!participants) return participants.status();
    a.participants = std::move(*participants);
    if (!problems.lines.empty())
      return Status::invalid(
          trf("the assessment of {} was not recorded:\n  {}", state.case_id, text::join(problems.lines, "\n  ")));
    Result<std::vector<Assessment>> earlier = store.load_assessments(state.row, state.case_id);
    if (!earlier) return earlier.status();
    a.case_id = state.case_id;
    a.number = static_cast<int>(earlier->size()) + 1;
    a.created_at = date::format_timestamp(context.clock.now);
    a.created_by = context.actor;
    CASECTL_TRY(store.insert_assessment(state.row, a));
    // The journal dates the assessment, and what it changes in the case, by the day it was made.
    Result<date::Date> assessed_on = date::parse_date(a.assessed_on);
    if (!assessed_on) return Status::internal("the assessment's date is not a date: " + a.assessed_on);
    const ChangeContext on_the_day = dated(context, *assessed_on);
    CASECTL_TRY(journal(store, on_the_day, state.case_id, "assess", views::assessment_record(a, config)));

    Record changes = Record::object();
    if (state.status == status_code::intake) {
      changes["status"] = Record::array({state.status, status_code::assessment});
      state.status = status_code::assessment;
      outcome.status_changed = true;
    }
    if ((a.risk == "very-high" || a.immediate_danger) && state.urgency != "emergency") {
      outcome.urgency_before = state.urgency;
      outcome.urgency_after = "emergency";
      changes["urgency"] = Record::array({state.urgency, "emergency"});
      auto deadline = config.response_deadline.find("emergency");
      std::string sooner = date::format_timestamp(
          context.clock.now + (deadline == config.response_deadline.end() ? std::chrono::seconds{0} : deadline->second));
      if (sooner < state.response_due) {
        changes["response_due"] = Record::array({state.response_due, sooner});
        state.response_due = sooner;
      }
      state.urgency = "emergency";
      changes["reason"] = a.immediate_danger ? "immediate danger found at assessment " + std::to_string(a.number)
                                             : "very high risk to children at assessment " + std::to_string(a.number);
    }
    if (changes.empty()) return Status::ok();
    CASECTL_TRY(store.update_case_state(state, change_time(on_the_day)));
    return journal(store, on_the_day, state.case_id, "update", changes);
  });
  if (!status) return status;
  outcome.assessment = std::move(a);
  return outcome;
}

Result<std::vector<Assessment>> assessments_of(store::CaseStore& store, const std::string& case_id) {
  Result<CaseState> state = find_case_state(store, case_id);
  if (!state) return state.status();
  return store.load_assessments(state->row, state->case_id);
}

} // namespace casectl
