// Assessment: the family portrait. Domain scores on the 1-5 scale, the safety risk to children,
// the family's strengths and what the person expects, recorded over time: the first assessment
// is the baseline, later ones are reassessments, and the change is measured against the baseline.
#pragma once

#include "model/assessment.hpp"
#include "model/change.hpp"
#include "config/config.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace casectl {
namespace store {
class CaseStore;
}

// Risk levels, lowest first. Stored as these codes.
const std::vector<config::RefItem>& risk_levels();

// Ways of assessing. Stored as these codes.
const std::vector<config::RefItem>& assessment_methods();

// What a user gives, as text, before checking: from flags or from a TOML/JSON file.
struct AssessmentRequest {
  std::optional<std::string> assessed_on; // default today
  std::optional<std::string> assessor;    // default the acting user
  std::optional<std::string> method;      // default home-visit when a visit date is given, else interview
  std::optional<std::string> visit_on;
  std::optional<std::string> living_conditions;
  std::vector<std::pair<std::string, std::string>> scores; // domain (code or label) -> "1".."5" or "na"
  std::optional<std::string> risk;
  std::optional<std::string> risk_reasons;
  std::optional<std::string> risk_override_reason;
  bool immediate_danger = false;
  std::vector<std::string> strengths, circle_strengths, expectations, missing_documents;
  std::optional<std::string> note;
  std::vector<std::string> participants; // logins of the case's team who took part in the visit (--participant)

  // True when nothing would be recorded: no scores, risk, danger, visit, conditions, lists or note.
  bool records_nothing() const {
    return scores.empty() && !risk && !immediate_danger && !visit_on && !living_conditions && strengths.empty() &&
           circle_strengths.empty() && expectations.empty() && missing_documents.empty() && !note && !risk_reasons;
  }
};

// The safety risk to children the scores suggest, or "" when they say nothing:
//   immediate danger, or safety 1                                         -> very-high
//   safety 2, or parenting, childcare or substance-use 1                  -> high
//   mental-health 1, or any of safety, parenting, childcare,
//   substance-use, mental-health 2                                        -> moderate
//   otherwise, when any of those five domains is scored                   -> low
std::string derive_risk(const std::vector<DomainScore>& scores, bool immediate_danger);

// Parses "housing=2", "housing=na" (also "n/a", "-"): the pair of domain and score text.
Result<std::pair<std::string, std::string>> parse_domain_score(const std::string& text);

// Reads an assessment request from a TOML or JSON document (`format` "toml" or "json"). Keys are
// the JSON field names of an assessment; "scores" is a table/object of domain = score.
// Fails with Status::invalid naming the key.
Result<AssessmentRequest> assessment_request_from(const std::string& document, const std::string& format,
                                                  const std::string& source_name);

// What recording an assessment did.
struct AssessmentChange {
  Assessment assessment;
  bool status_changed = false; // intake -> assessment
  std::string urgency_before;  // non-empty when the urgency was raised
  std::string urgency_after;
};

// Checks `request` for the case and records it in one transaction: the assessment, the case's
// status (intake -> assessment on the first one), a raised urgency when the risk is very high or
// there is immediate danger (never lowered), and the journal. Fails with Status::not_found for
// an unknown case, Status::conflict for a closed case or a consultation, Status::invalid (a line
// per field) for bad values: an unknown domain (did you mean), a score outside 1-5, a date the rule
// of cases/effective_dates.hpp refuses (in the future, before the case was opened), a risk that
// differs from the derived one without an override reason.
Result<AssessmentChange> record_assessment(store::CaseStore& store, const std::string& case_id, const AssessmentRequest& request,
                                           const config::Config& config, const ChangeContext& context);

// Every assessment of a case, oldest first. Not found gives Status::not_found.
Result<std::vector<Assessment>> assessments_of(store::CaseStore& store, const std::string& case_id);

} // namespace casectl
