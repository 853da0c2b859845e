#include "store/sqlite/assessment_queries.hpp"

#include "store/sqlite/sql_text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace casectl::store::sqlite {

namespace {} // namespace

Result<std::optional<CaseState>> case_state(SqliteStore& store, const std::string& wanted) {
  SQLite::Statement query(store.db(), R"SQL(
    SELECT id, case_id, status, urgency, response_due, opened FROM cases
    WHERE case_id = ?1 OR (external_id = ?1 AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = ?1))
    LIMIT 1)SQL");
  query.bind(1, wanted);
  if (!query.executeStep()) return std::optional<CaseState>();
  CaseState s;
  s.row = query.getColumn(0).getInt64();
  s.case_id = query.getColumn(1).getString();
  s.status = query.getColumn(2).getString();
  s.urgency = query.getColumn(3).getString();
  s.response_due = query.getColumn(4).getString();
  s.opened = query.getColumn(5).getString();
  return std::optional<CaseState>(s);
}

Status insert_assessment(SqliteStore& store, long long row, const Assessment& a) {
  SQLite::Database& db = store.db();
  SQLite::Statement insert(db, R"SQL(
    INSERT INTO assessments (case_row, number, assessed_on, assessor, method, visit_on, living_conditions, risk,
                             derived_risk, risk_reasons, risk_override_reason, immediate_danger, strengths,
                             circle_strengths, expectations, missing_documents, note, created_at, created_by,
                             participants)
    VALUES (?, ?, ?, ?, ?, nullif(?, ''), ?, nullif(?, ''), nullif(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL");
  int i = 0;
  insert.bind(++i, static_cast<int64_t>(row));
  insert.bind(++i, a.number);
  for (const std::string* field : {&a.assessed_on, &a.assessor, &a.method, &a.visit_on, &a.living_conditions, &a.risk,
                                   &a.derived_risk, &a.risk_reasons, &a.risk_override_reason})
    insert.bind(++i, *field);
  insert.bind(++i, a.immediate_danger ? 1 : 0);
  for (const auto* list : {&a.strengths, &a.circle_strengths, &a.expectations, &a.missing_documents})
    insert.bind(++i, json_list(*list));
  for (const std::string* field : {&a.note, &a.created_at, &a.created_by}) insert.bind(++i, *field);
  insert.bind(++i, json_list(a.participants));
  insert.exec();
  int64_t id = db.getLastInsertRowid();
  SQLite::Statement score(db, "INSERT INTO assessment_scores (assessment_id, domain, score) VALUES (?, ?, ?)");
  for (const DomainScore& s : a.scores) {
    score.bind(1, id);
    score.bind(2, s.domain);
    if (s.score) score.bind(3, *s.score);
    else score.bind(3);
    score.exec();
    score.reset();
    score.clearBindings();
  }
  return Status::ok();
}

Status update_case_state(SqliteStore& store, const CaseState& state, const ChangeTime& when) {
  SQLite::Statement update(store.db(), "UPDATE cases SET status = ?, urgency = ?, response_due = ?, updated_at = ?, "
                                       "updated_on = ? WHERE id = ?");
  update.bind(1, state.status);
  update.bind(2, state.urgency);
  update.bind(3, state.response_due);
  update.bind(4, when.at);
  update.bind(5, when.on);
  update.bind(6, static_cast<int64_t>(state.row));
  update.exec();
  return Status::ok();
}

Result<std::vector<Assessment>> load_assessments(SqliteStore& store, long long row, const std::string& case_id) {
  SQLite::Database& db = store.db();
  SQLite::Statement query(db, R"SQL(
    SELECT id, number, assessed_on, assessor, method, visit_on, living_conditions, risk, derived_risk, risk_reasons,
           risk_override_reason, immediate_danger, strengths, circle_strengths, expectations, missing_documents, note,
           created_at, created_by, participants
    FROM assessments WHERE case_row = ? ORDER BY number)SQL");
  query.bind(1, static_cast<int64_t>(row));
  SQLite::Statement scores(db, "SELECT domain, score FROM assessment_scores WHERE assessment_id = ?");
  std::vector<Assessment> all;
  while (query.executeStep()) {
    Assessment a;
    a.case_id = case_id;
    int64_t id = query.getColumn(0).getInt64();
    a.number = query.getColumn(1).getInt();
    int c = 2;
    for (std::string* field : {&a.assessed_on, &a.assessor, &a.method, &a.visit_on, &a.living_conditions, &a.risk,
                               &a.derived_risk, &a.risk_reasons, &a.risk_override_reason})
      *field = text_of(query.getColumn(c++));
    a.immediate_danger = query.getColumn(c++).getInt() != 0;
    for (auto* list : {&a.strengths, &a.circle_strengths, &a.expectations, &a.missing_documents})
      *list = list_of(text_of(query.getColumn(c++)));
    for (std::string* field : {&a.note, &a.created_at, &a.created_by}) *field = text_of(query.getColumn(c++));
    a.participants = list_of(text_of(query.getColumn(c++)));
    scores.bind(1, id);
    while (scores.executeStep()) {
      DomainScore s;
      s.domain = scores.getColumn(0).getString();
      if (!scores.getColumn(1).isNull()) s.score = scores.getColumn(1).getInt();
      a.scores.push_back(std::move(s));
    }
    scores.reset();
    all.push_back(std::move(a));
  }
  return all;
}

} // namespace casectl::store::sqlite
