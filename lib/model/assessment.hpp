// An assessment of a case, and the parts of a case an assessment reads and changes. Plain
// structs, no behaviour.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace casectl {

struct DomainScore {
  std::string domain;       // a domain code from config (assessment.domains)
  std::optional<int> score; // 1-5; nullopt = not applicable
};

struct Assessment {
  int number = 0; // 1 = baseline
  std::string case_id;
  std::string assessed_on; // YYYY-MM-DD
  std::string assessor;
  std::string method;   // interview | home-visit | phone | documents
  std::string visit_on; // YYYY-MM-DD of the home visit; empty when none
  std::string living_conditions;
  std::vector<DomainScore> scores; // in the config's domain order
  std::string risk;                // low | moderate | high | very-high; empty when not assessed
  std::string derived_risk;        // what the scores suggest (see derive_risk); empty when they say nothing
  std::string risk_reasons;
  std::string risk_override_reason; // why `risk` differs from `derived_risk`
  bool immediate_danger = false;
  std::vector<std::string> strengths;        // the family's own strengths and resources
  std::vector<std::string> circle_strengths; // those of relatives, neighbours, friends
  std::vector<std::string> expectations;     // what the person wants to change, in their own words
  std::vector<std::string> missing_documents;
  std::string note;
  std::string created_at;
  std::string created_by;
  std::vector<std::string> participants = {}; // logins of the team who took part in the visit (a joint visit)
};

// The parts of a case an assessment needs to know and may change.
struct CaseState {
  long long row = 0;
  std::string case_id;
  std::string status;
  std::string urgency;
  std::string response_due;
  std::string opened; // YYYY-MM-DD
};

} // namespace casectl
