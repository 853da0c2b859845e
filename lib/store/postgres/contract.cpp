// The PostgreSQL engine's side of the store contract: each method runs the query of its file
// (case_queries, plan_queries, ...). Those already return the Status the contract promises (the
// connection maps the server's errors), so nothing is caught here.
#include "store/postgres/pg_store.hpp"

#include "store/postgres/assessment_queries.hpp"
#include "store/postgres/assign_queries.hpp"
#include "store/postgres/case_queries.hpp"
#include "store/postgres/check.hpp"
#include "store/postgres/monitoring_queries.hpp"
#include "store/postgres/plan_queries.hpp"
#include "store/postgres/query_values.hpp"
#include "store/postgres/report_queries.hpp"
#include "util/messages.hpp"

#include <fmt/format.h>

namespace casectl::store::postgres {

Result<std::optional<Case>> PgStore::load_case(const std::string& case_id_or_external_id) {
  return postgres::load_case(*this, case_id_or_external_id);
}

Status PgStore::each_case(const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) {
  return postgres::each_case(*this, filter, each);
}

Status PgStore::each_history_entry(const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                                   HistoryKind kind) {
  return postgres::each_history_entry(*this, case_id, each, kind);
}

Result<bool> PgStore::case_id_exists(const std::string& case_id) { return postgres::case_id_exists(*this, case_id); }

Result<std::vector<std::string>> PgStore::case_ids_starting(const std::string& prefix, int limit) {
  // case_id is COLLATE "C": the range compares bytes, as on SQLite, and uses the unique index.
  Result<Rows> rows = m_connection.exec("SELECT case_id FROM cases WHERE case_id >= $1 AND case_id < $2 "
                                        "ORDER BY case_id DESC LIMIT $3::integer",
                                        {prefix, prefix + "\xF4\x8F\xBF\xBF", std::to_string(limit)});
  if (!rows) return rows.status();
  std::vector<std::string> ids;
  for (const std::vector<Value>& r : rows->rows) ids.push_back(r[0].value_or(""));
  return ids;
}

Result<long long> PgStore::insert_case(const Case& c) { return postgres::insert_case(*this, c); }

Status PgStore::update_case(long long row, const Case& c) { return postgres::update_case(*this, row, c); }

Result<std::vector<RemovedMember>> PgStore::removed_members(long long row) {
  Result<Rows> rows = m_connection.exec("SELECT number, name, role, coalesce(birth_date, ''), removed_on, reason, "
                                        "relationship, coalesce(lives_elsewhere, ''), coalesce(national_id, '') FROM "
                                        "removed_members WHERE case_row = $1::bigint ORDER BY number",
                                        {std::to_string(row)});
  if (!rows) return rows.status();
  std::vector<RemovedMember> all;
  for (const std::vector<Value>& r : rows->rows)
    all.push_back({{text_of(r[1]), text_of(r[2]), text_of(r[3]), int_of(r[0]), text_of(r[6]), text_of(r[7]), text_of(r[8])},
                   text_of(r[4]),
                   text_of(r[5])});
  return all;
}

Status PgStore::insert_removed_member(long long row, const RemovedMember& removed) {
  const Member& m = removed.member;
  Result<Rows> added = m_connection.exec(
      "INSERT INTO removed_members (case_row, number, name, role, birth_date, removed_on, reason, relationship, "
      "lives_elsewhere, national_id) "
      "VALUES ($1::bigint, $2::integer, $3, $4, nullif($5, ''), $6, $7, $8, nullif($9, ''), nullif($10, '')) "
      "ON CONFLICT DO NOTHING",
      {std::to_string(row), std::to_string(m.number), m.name, m.role, m.birth_date, removed.removed_on, removed.reason,
       m.relationship, m.lives_elsewhere, m.national_id});
  if (!added) return added.status();
  if (added->affected == 0) return Status::conflict(trf("member {} of this case was removed before", m.number));
  return Status::ok();
}

Result<std::optional<std::pair<long long, Case>>> PgStore::find_by_external_id(const std::string& external_id) {
  return postgres::find_by_external_id(*this, external_id);
}

Result<std::vector<DuplicateMatch>> PgStore::duplicates_of(const Case& c, const std::string& except_case_id) {
  return postgres::duplicates_of(*this, c, except_case_id);
}

Status PgStore::link_cases(long long row, const std::string& other_case_id, const std::string& reason) {
  return postgres::link_cases(*this, row, other_case_id, reason);
}

Status PgStore::defer_search_rows() { return postgres::defer_search_rows(*this); }

Status PgStore::write_deferred_search_rows() { return postgres::write_deferred_search_rows(*this); }

Result<std::optional<CaseState>> PgStore::case_state(const std::string& case_id_or_external_id) {
  return postgres::case_state(*this, case_id_or_external_id);
}

Status PgStore::insert_assessment(long long row, const Assessment& a) { return postgres::insert_assessment(*this, row, a); }

Status PgStore::update_case_state(const CaseState& state, const ChangeTime& when) {
  return postgres::update_case_state(*this, state, when);
}

Result<std::vector<Assessment>> PgStore::load_assessments(long long row, const std::string& case_id) {
  return postgres::load_assessments(*this, row, case_id);
}

Result<int> PgStore::assessment_count(long long row) { return postgres::assessment_count(*this, row); }

Result<std::vector<StoredStaff>> PgStore::load_staff() { return postgres::load_staff(*this); }

Status PgStore::insert_staff(const StoredStaff& staff, const std::string& at, const std::string& by) {
  return postgres::insert_staff(*this, staff, at, by);
}

Status PgStore::update_staff(const StoredStaff& staff, const std::string& at) { return postgres::update_staff(*this, staff, at); }

Result<std::optional<CaseAssignment>> PgStore::load_assignment(const std::string& case_id_or_external_id) {
  return postgres::load_assignment(*this, case_id_or_external_id);
}

Status PgStore::set_case_manager(long long row, const std::string& login, const ChangeTime& when) {
  return postgres::set_case_manager(*this, row, login, when);
}

Status PgStore::set_supervisor(long long row, const std::string& login, const ChangeTime& when) {
  return postgres::set_supervisor(*this, row, login, when);
}

Status PgStore::put_team_member(long long row, const TeamMember& member, const ChangeTime& when) {
  return postgres::put_team_member(*this, row, member, when);
}

Status PgStore::remove_team_member(long long row, const std::string& login, const ChangeTime& when) {
  return postgres::remove_team_member(*this, row, login, when);
}

Result<OpenCaseCounts> PgStore::count_open_cases() { return postgres::count_open_cases(*this); }

Status PgStore::each_case_to_move(const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each) {
  return postgres::each_case_to_move(*this, filter, each);
}

Result<std::vector<Plan>> PgStore::load_plans(long long row, const std::string& case_id) {
  return postgres::load_plans(*this, row, case_id);
}

Status PgStore::save_plan(long long row, const Plan& plan) { return postgres::save_plan(*this, row, plan); }

Status PgStore::add_agency_notice(long long row, const AgencyNotice& notice) {
  return postgres::add_agency_notice(*this, row, notice);
}

Result<std::vector<AgencyNotice>> PgStore::agency_notices_of(long long row) { return postgres::agency_notices_of(*this, row); }

Status PgStore::each_agency_task(const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each) {
  return postgres::each_agency_task(*this, filter, each);
}

Status PgStore::add_review(long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                           const std::string& next_on, const std::string& at) {
  return postgres::add_review(*this, row, on, reviewer, note, next_on, at);
}

Status PgStore::update_task(long long row, int revision, int task, const std::string& status, const std::string& note,
                            const std::string& on, const std::string& by) {
  return postgres::update_task(*this, row, revision, task, status, note, on, by);
}

Status PgStore::add_delivery(long long row, int task, const std::string& on, int count, const std::string& by,
                             const std::string& at) {
  return postgres::add_delivery(*this, row, task, on, count, by, at);
}

Status PgStore::add_event(long long row, const EventRow& event) { return postgres::add_event(*this, row, event); }

Result<std::string> PgStore::latest_review_on(long long row) { return postgres::latest_review_on(*this, row); }

Status PgStore::set_next_review(long long row, const std::string& next_on) {
  return postgres::set_next_review(*this, row, next_on);
}

Result<std::string> PgStore::next_review_of(long long row) { return postgres::next_review_of(*this, row); }

Status PgStore::close_case(long long row, const Closure& c) { return postgres::close_case(*this, row, c); }

Status PgStore::reopen_case(long long row, const std::string& status, const std::string& on, const std::string& reason,
                            const std::string& at) {
  return postgres::reopen_case(*this, row, status, on, reason, at);
}

Result<CasePeriod> PgStore::current_period(long long row) { return postgres::current_period(*this, row); }

Result<int> PgStore::delivered_between(long long row, int task, const std::string& from, const std::string& to) {
  return postgres::delivered_between(*this, row, task, from, to);
}

Result<std::vector<DueItem>> PgStore::due_items(const DueFilter& filter) { return postgres::due_items(*this, filter); }

Result<std::vector<EventRow>> PgStore::events_of(long long row) { return postgres::events_of(*this, row); }

Result<std::vector<TaskUpdateRow>> PgStore::task_notes_of(long long row, int up_to_revision) {
  return postgres::task_notes_of(*this, row, up_to_revision);
}

Result<std::vector<ClosureRow>> PgStore::closures_of(long long row) { return postgres::closures_of(*this, row); }

Result<std::vector<CaseCounts>> PgStore::count_cases(const std::vector<ReportPeriod>& periods, CaseDimension by,
                                                     const CaseScope& scope) {
  return postgres::count_cases(*this, periods, by, scope);
}

Result<std::vector<std::pair<std::string, long long>>> PgStore::count_new_cases_by_source(const ReportPeriod& period,
                                                                                          const CaseScope& scope) {
  return postgres::count_new_cases_by_source(*this, period, scope);
}

Result<std::vector<std::pair<std::string, long long>>> PgStore::count_events(const ReportPeriod& period, const CaseScope& scope) {
  return postgres::count_events(*this, period, scope);
}

Result<std::vector<EventPerson>> PgStore::event_people(const ReportPeriod& period, const CaseScope& scope) {
  return postgres::event_people(*this, period, scope);
}

Result<ResponseTimes> PgStore::response_times(const ReportPeriod& period, const CaseScope& scope) {
  return postgres::response_times(*this, period, scope);
}

Result<std::vector<OutcomeCount>> PgStore::count_outcomes(const ReportPeriod& period, CaseDimension by, const CaseScope& scope) {
  return postgres::count_outcomes(*this, period, by, scope);
}

Result<std::vector<DomainChange>> PgStore::average_domain_changes(const ReportPeriod& period, CaseDimension by,
                                                                  const CaseScope& scope) {
  return postgres::average_domain_changes(*this, period, by, scope);
}

Result<std::vector<OverdueCounts>> PgStore::count_overdue(const std::string& today, const std::string& now, CaseDimension by,
                                                          const CaseScope& scope) {
  return postgres::count_overdue(*this, today, now, by, scope);
}

Result<std::vector<ServiceCounts>> PgStore::count_services(const ReportPeriod& period, const std::string& today, CaseDimension by,
                                                           const CaseScope& scope) {
  return postgres::count_services(*this, period, today, by, scope);
}

Result<std::vector<CheckResult>> PgStore::check(const CheckOptions& options) { return postgres::check(*this, options); }

Result<std::vector<std::string>> PgStore::repair() { return postgres::repair(*this); }

Result<std::vector<std::string>> PgStore::missing_triggers() { return postgres::missing_triggers(*this); }

} // namespace casectl::store::postgres
