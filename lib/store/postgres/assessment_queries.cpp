#include "store/postgres/assessment_queries.hpp"

#include "store/postgres/query_values.hpp"
#include "util/messages.hpp"

#include <map>

namespace casectl::store::postgres {

Status insert_assessment(PgStore& store, long long row, const Assessment& a) {
  Connection& db = store.connection();
  Params p{number(row), number(a.number)};
  for (const std::string* field : {&a.assessed_on, &a.assessor, &a.method, &a.visit_on, &a.living_conditions, &a.risk,
                                   &a.derived_risk, &a.risk_reasons, &a.risk_override_reason})
    p.add(*field);
  p.add(number(a.immediate_danger ? 1 : 0));
  for (const auto* list : {&a.strengths, &a.circle_strengths, &a.expectations, &a.missing_documents}) p.add(json_list(*list));
  for (const std::string* field : {&a.note, &a.created_at, &a.created_by}) p.add(*field);
  p.add(json_list(a.participants));
  Result<Rows> inserted = db.exec(R"SQL(
    INSERT INTO assessments (case_row, number, assessed_on, assessor, method, visit_on, living_conditions, risk,
                             derived_risk, risk_reasons, risk_override_reason, immediate_danger, strengths,
                             circle_strengths, expectations, missing_documents, note, created_at, created_by,
                             participants)
    VALUES ($1, $2, $3, $4, $5, nullif($6, ''), $7, nullif($8, ''), nullif($9, ''), $10, $11, $12, $13, $14, $15, $16,
            $17, $18, $19, $20)
    RETURNING id)SQL",
                                  p.values());
  if (!inserted) return inserted.status();
  if (inserted->rows.empty()) return Status::internal(tr("the assessment was not stored"));
  Value id = inserted->rows[0][0];
  for (const DomainScore& s : a.scores) {
    CASECTL_TRY(db.exec("INSERT INTO assessment_scores (assessment_id, domain, score) VALUES ($1, $2, $3)",
                        {id, s.domain, s.score ? number(*s.score) : Value()})
                    .status());
  }
  return Status::ok();
}

Result<std::vector<Assessment>> load_assessments(PgStore& store, long long row, const std::string& case_id) {
  Connection& db = store.connection();
  Result<Rows> rows = db.exec(R"SQL(
    SELECT id, number, assessed_on, assessor, method, visit_on, living_conditions, risk, derived_risk, risk_reasons,
           risk_override_reason, immediate_danger, strengths, circle_strengths, expectations, missing_documents, note,
           created_at, created_by, participants
    FROM assessments WHERE case_row = $1 ORDER BY number)SQL",
                              {number(row)});
  if (!rows) return rows.status();
  // Every score of the case in one statement, by assessment then domain.
  Result<Rows> scores = db.exec("SELECT s.assessment_id, s.domain, s.score FROM assessment_scores s "
                                "JOIN assessments a ON a.id = s.assessment_id WHERE a.case_row = $1 "
                                "ORDER BY s.assessment_id, s.domain",
                                {number(row)});
  if (!scores) return scores.status();
  std::map<long long, std::vector<DomainScore>> by_assessment;
  for (const std::vector<Value>& r : scores->rows)
    by_assessment[number_of(r[0])].push_back({text_of(r[1]), optional_int_of(r[2])});
  std::vector<Assessment> all;
  for (const std::vector<Value>& r : rows->rows) {
    Assessment a;
    a.case_id = case_id;
    a.number = int_of(r[1]);
    std::size_t c = 2;
    for (std::string* field : {&a.assessed_on, &a.assessor, &a.method, &a.visit_on, &a.living_conditions, &a.risk,
                               &a.derived_risk, &a.risk_reasons, &a.risk_override_reason})
      *field = text_of(r[c++]);
    a.immediate_danger = int_of(r[c++]) != 0;
    for (auto* list : {&a.strengths, &a.circle_strengths, &a.expectations, &a.missing_documents})
      *list = list_of(text_of(r[c++]));
    for (std::string* field : {&a.note, &a.created_at, &a.created_by}) *field = text_of(r[c++]);
    a.participants = list_of(text_of(r[c++]));
    if (auto found = by_assessment.find(number_of(r[0])); found != by_assessment.end()) a.scores = std::move(found->second);
    all.push_back(std::move(a));
  }
  return all;
}

Result<int> assessment_count(PgStore& store, long long row) {
  Result<Rows> rows = store.connection().exec("SELECT count(*) FROM assessments WHERE case_row = $1", {number(row)});
  if (!rows) return rows.status();
  return rows->rows.empty() ? 0 : int_of(rows->rows[0][0]);
}

} // namespace casectl::store::postgres
