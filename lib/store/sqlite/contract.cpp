// The SQLite engine's side of the store contract: each method runs the query of its file
// (case_queries, plan_queries, ...) and turns a SQLite exception into the Status the contract
// promises, so that nothing outside this folder sees SQLite's types or exceptions.
#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/assessment_queries.hpp"
#include "store/sqlite/assign_queries.hpp"
#include "store/sqlite/case_queries.hpp"
#include "store/sqlite/check.hpp"
#include "store/sqlite/monitoring_queries.hpp"
#include "store/sqlite/plan_queries.hpp"
#include "store/sqlite/report_queries.hpp"
#include "store/sqlite/review_queries.hpp"
#include "store/sqlite/sql_text.hpp"
#include "util/messages.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl::store::sqlite {

CaseWriter& SqliteStore::case_writer() {
  if (!m_case_writer) m_case_writer = std::make_unique<CaseWriter>(*this);
  return *m_case_writer;
}

AssignmentWriter& SqliteStore::assignment_writer() {
  if (!m_assignment_writer) m_assignment_writer = std::make_unique<AssignmentWriter>(*this);
  return *m_assignment_writer;
}

Result<std::optional<Case>> SqliteStore::load_case(const std::string& case_id_or_external_id) {
  return guard(m_path, "read", [&] { return sqlite::load_case(*this, case_id_or_external_id); });
}

Status SqliteStore::each_case(const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) {
  return guard(m_path, "read", [&] { return sqlite::each_case(*this, filter, each); });
}

Status SqliteStore::each_history_entry(const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                                       HistoryKind kind) {
  return guard(m_path, "read", [&] { return sqlite::each_history_entry(*this, case_id, each, kind); });
}

Result<long long> SqliteStore::next_case_number(int year) {
  return guard(m_path, "write to", [&] { return case_writer().next_case_number(year); });
}

Result<bool> SqliteStore::case_id_exists(const std::string& case_id) {
  return guard(m_path, "read", [&] { return case_writer().case_id_exists(case_id); });
}

Result<std::vector<std::string>> SqliteStore::case_ids_starting(const std::string& prefix, int limit) {
  return guard(m_path, "read", [&]() -> Result<std::vector<std::string>> {
    // A range rather than LIKE, so that the unique index on case_id serves it; U+10FFFF sorts after
    // every character a case id can hold.
    SQLite::Statement query(db(), "SELECT case_id FROM cases WHERE case_id >= ?1 AND case_id < ?2 "
                                  "ORDER BY case_id DESC LIMIT ?3");
    query.bind(1, prefix);
    query.bind(2, prefix + "\xF4\x8F\xBF\xBF");
    query.bind(3, limit);
    std::vector<std::string> ids;
    while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
    return ids;
  });
}

Result<long long> SqliteStore::insert_case(const Case& c) {
  return guard(m_path, "write to", [&] { return case_writer().insert(c); });
}

Status SqliteStore::update_case(long long row, const Case& c) {
  return guard(m_path, "write to", [&] { return case_writer().update(row, c); });
}

Result<std::vector<RemovedMember>> SqliteStore::removed_members(long long row) {
  return guard(m_path, "read", [&]() -> Result<std::vector<RemovedMember>> {
    SQLite::Statement query(*m_db, "SELECT number, name, role, coalesce(birth_date, ''), removed_on, reason, "
                                   "relationship, coalesce(lives_elsewhere, ''), coalesce(national_id, '') FROM removed_members "
                                   "WHERE case_row = ? ORDER BY number");
    query.bind(1, static_cast<int64_t>(row));
    std::vector<RemovedMember> all;
    while (query.executeStep())
      all.push_back({{query.getColumn(1).getString(), query.getColumn(2).getString(), query.getColumn(3).getString(),
                      query.getColumn(0).getInt(), query.getColumn(6).getString(), query.getColumn(7).getString(),
                      query.getColumn(8).getString()},
                     query.getColumn(4).getString(),
                     query.getColumn(5).getString()});
    return all;
  });
}

Status SqliteStore::insert_removed_member(long long row, const RemovedMember& removed) {
  return guard(m_path, "write to", [&]() -> Status {
    SQLite::Statement insert(*m_db, "INSERT OR IGNORE INTO removed_members "
                                    "(case_row, number, name, role, birth_date, removed_on, reason, relationship, "
                                    "lives_elsewhere, national_id) "
                                    "VALUES (?, ?, ?, ?, nullif(?, ''), ?, ?, ?, nullif(?, ''), nullif(?, ''))");
    insert.bind(1, static_cast<int64_t>(row));
    insert.bind(2, removed.member.number);
    insert.bind(3, removed.member.name);
    insert.bind(4, removed.member.role);
    insert.bind(5, removed.member.birth_date);
    insert.bind(6, removed.removed_on);
    insert.bind(7, removed.reason);
    insert.bind(8, removed.member.relationship);
    insert.bind(9, removed.member.lives_elsewhere);
    insert.bind(10, removed.member.national_id);
    if (insert.exec() == 0) return Status::conflict(trf("member {} of this case was removed before", removed.member.number));
    return Status::ok();
  });
}

Result<std::optional<std::pair<long long, Case>>> SqliteStore::find_by_external_id(const std::string& external_id) {
  return guard(m_path, "read", [&] { return case_writer().find_by_external_id(external_id); });
}

Result<std::vector<DuplicateMatch>> SqliteStore::duplicates_of(const Case& c, const std::string& except_case_id) {
  return guard(m_path, "read", [&] { return case_writer().duplicates_of(c, except_case_id); });
}

Status SqliteStore::link_cases(long long row, const std::string& other_case_id, const std::string& reason) {
  return guard(m_path, "write to", [&] { return case_writer().link(row, other_case_id, reason); });
}

Status SqliteStore::defer_search_rows() {
  return guard(m_path, "write to", [&] {
    case_writer().defer_search_rows();
    return Status::ok();
  });
}

Status SqliteStore::write_deferred_search_rows() {
  return guard(m_path, "write to", [&] { return case_writer().write_deferred_search_rows(); });
}

Result<std::optional<CaseState>> SqliteStore::case_state(const std::string& case_id_or_external_id) {
  return guard(m_path, "read", [&] { return sqlite::case_state(*this, case_id_or_external_id); });
}

Status SqliteStore::insert_assessment(long long row, const Assessment& a) {
  return guard(m_path, "write to", [&] { return sqlite::insert_assessment(*this, row, a); });
}

Status SqliteStore::update_case_state(const CaseState& state, const ChangeTime& when) {
  return guard(m_path, "write to", [&] { return sqlite::update_case_state(*this, state, when); });
}

Result<std::vector<Assessment>> SqliteStore::load_assessments(long long row, const std::string& case_id) {
  return guard(m_path, "read", [&] { return sqlite::load_assessments(*this, row, case_id); });
}

Result<int> SqliteStore::assessment_count(long long row) {
  return guard(m_path, "read", [&] { return sqlite::assessment_count(*this, row); });
}

Result<std::vector<StoredStaff>> SqliteStore::load_staff() {
  return guard(m_path, "read", [&] { return sqlite::load_staff(*this); });
}

Status SqliteStore::insert_staff(const StoredStaff& staff, const std::string& at, const std::string& by) {
  return guard(m_path, "write to", [&] { return sqlite::insert_staff(*this, staff, at, by); });
}

Status SqliteStore::update_staff(const StoredStaff& staff, const std::string& at) {
  return guard(m_path, "write to", [&] { return sqlite::update_staff(*this, staff, at); });
}

Result<std::optional<CaseAssignment>> SqliteStore::load_assignment(const std::string& case_id_or_external_id) {
  return guard(m_path, "read", [&] { return sqlite::load_assignment(*this, case_id_or_external_id); });
}

Status SqliteStore::set_case_manager(long long row, const std::string& login, const ChangeTime& when) {
  return guard(m_path, "write to", [&] {
    assignment_writer().set_case_manager(row, login, when);
    return Status::ok();
  });
}

Status SqliteStore::set_supervisor(long long row, const std::string& login, const ChangeTime& when) {
  return guard(m_path, "write to", [&] {
    assignment_writer().set_supervisor(row, login, when);
    return Status::ok();
  });
}

Status SqliteStore::put_team_member(long long row, const TeamMember& member, const ChangeTime& when) {
  return guard(m_path, "write to", [&] {
    assignment_writer().put_team_member(row, member, when);
    return Status::ok();
  });
}

Status SqliteStore::remove_team_member(long long row, const std::string& login, const ChangeTime& when) {
  return guard(m_path, "write to", [&] {
    assignment_writer().remove_team_member(row, login, when);
    return Status::ok();
  });
}

Result<OpenCaseCounts> SqliteStore::count_open_cases() {
  return guard(m_path, "read", [&] { return sqlite::count_open_cases(*this); });
}

Status SqliteStore::each_case_to_move(const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each) {
  return guard(m_path, "read", [&] { return sqlite::each_case_to_move(*this, filter, each); });
}

Result<std::vector<Plan>> SqliteStore::load_plans(long long row, const std::string& case_id) {
  return guard(m_path, "read", [&] { return sqlite::load_plans(*this, row, case_id); });
}

Status SqliteStore::save_plan(long long row, const Plan& plan) {
  return guard(m_path, "write to", [&] { return sqlite::save_plan(*this, row, plan); });
}

Status SqliteStore::add_agency_notice(long long row, const AgencyNotice& notice) {
  return guard(m_path, "write to", [&] { return sqlite::add_agency_notice(*this, row, notice); });
}

Result<std::vector<AgencyNotice>> SqliteStore::agency_notices_of(long long row) {
  return guard(m_path, "read", [&] { return sqlite::agency_notices_of(*this, row); });
}

Status SqliteStore::each_agency_task(const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each) {
  return guard(m_path, "read", [&] { return sqlite::each_agency_task(*this, filter, each); });
}

Status SqliteStore::add_review(long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                               const std::string& next_on, const std::string& at) {
  return guard(m_path, "write to", [&] { return sqlite::add_review(*this, row, on, reviewer, note, next_on, at); });
}

Status SqliteStore::update_task(long long row, int revision, int task, const std::string& status, const std::string& note,
                                const std::string& on, const std::string& by) {
  return guard(m_path, "write to", [&] { return sqlite::update_task(*this, row, revision, task, status, note, on, by); });
}

Status SqliteStore::add_delivery(long long row, int task, const std::string& on, int count, const std::string& by,
                                 const std::string& at) {
  return guard(m_path, "write to", [&] { return sqlite::add_delivery(*this, row, task, on, count, by, at); });
}

Status SqliteStore::add_event(long long row, const EventRow& event) {
  return guard(m_path, "write to", [&] { return sqlite::add_event(*this, row, event); });
}

Result<std::string> SqliteStore::latest_review_on(long long row) {
  return guard(m_path, "read", [&] { return sqlite::latest_review_on(*this, row); });
}

Status SqliteStore::set_next_review(long long row, const std::string& next_on) {
  return guard(m_path, "write to", [&] { return sqlite::set_next_review(*this, row, next_on); });
}

Result<std::string> SqliteStore::next_review_of(long long row) {
  return guard(m_path, "read", [&] { return sqlite::next_review_of(*this, row); });
}

Status SqliteStore::close_case(long long row, const Closure& c) {
  return guard(m_path, "write to", [&] { return sqlite::close_case(*this, row, c); });
}

Status SqliteStore::reopen_case(long long row, const std::string& status, const std::string& on, const std::string& reason,
                                const std::string& at) {
  return guard(m_path, "write to", [&] { return sqlite::reopen_case(*this, row, status, on, reason, at); });
}

Result<CasePeriod> SqliteStore::current_period(long long row) {
  return guard(m_path, "read", [&] { return sqlite::current_period(*this, row); });
}

Result<int> SqliteStore::delivered_between(long long row, int task, const std::string& from, const std::string& to) {
  return guard(m_path, "read", [&] { return sqlite::delivered_between(*this, row, task, from, to); });
}

Result<std::vector<DueItem>> SqliteStore::due_items(const DueFilter& filter) {
  return guard(m_path, "read", [&] { return sqlite::due_items(*this, filter); });
}

Result<std::vector<EventRow>> SqliteStore::events_of(long long row) {
  return guard(m_path, "read", [&] { return sqlite::events_of(*this, row); });
}

Result<std::vector<TaskUpdateRow>> SqliteStore::task_notes_of(long long row, int up_to_revision) {
  return guard(m_path, "read", [&] { return sqlite::task_notes_of(*this, row, up_to_revision); });
}

Result<std::vector<ClosureRow>> SqliteStore::closures_of(long long row) {
  return guard(m_path, "read", [&] { return sqlite::closures_of(*this, row); });
}

Result<std::vector<CaseCounts>> SqliteStore::count_cases(const std::vector<ReportPeriod>& periods, CaseDimension by,
                                                         const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::count_cases(*this, periods, by, scope); });
}

Result<std::vector<std::pair<std::string, long long>>> SqliteStore::count_new_cases_by_source(const ReportPeriod& period,
                                                                                              const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::count_new_cases_by_source(*this, period, scope); });
}

Result<std::vector<std::pair<std::string, long long>>> SqliteStore::count_events(const ReportPeriod& period,
                                                                                 const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::count_events(*this, period, scope); });
}

Result<std::vector<EventPerson>> SqliteStore::event_people(const ReportPeriod& period, const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::event_people(*this, period, scope); });
}

Result<ResponseTimes> SqliteStore::response_times(const ReportPeriod& period, const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::response_times(*this, period, scope); });
}

Result<std::vector<OutcomeCount>> SqliteStore::count_outcomes(const ReportPeriod& period, CaseDimension by,
                                                              const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::count_outcomes(*this, period, by, scope); });
}

Result<std::vector<DomainChange>> SqliteStore::average_domain_changes(const ReportPeriod& period, CaseDimension by,
                                                                      const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::average_domain_changes(*this, period, by, scope); });
}

Result<std::vector<OverdueCounts>> SqliteStore::count_overdue(const std::string& today, const std::string& now, CaseDimension by,
                                                              const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::count_overdue(*this, today, now, by, scope); });
}

Result<std::vector<ServiceCounts>> SqliteStore::count_services(const ReportPeriod& period, const std::string& today,
                                                               CaseDimension by, const CaseScope& scope) {
  return guard(m_path, "read", [&] { return sqlite::count_services(*this, period, today, by, scope); });
}

Result<std::vector<CheckResult>> SqliteStore::check(const CheckOptions& options) {
  return guard(m_path, "read", [&] { return sqlite::check_store(*this, options); });
}

Result<std::vector<std::string>> SqliteStore::repair() {
  return guard(m_path, "write to", [&] { return sqlite::repair_store(*this); });
}

Result<std::vector<std::string>> SqliteStore::missing_triggers() {
  return guard(m_path, "read", [&]() -> Result<std::vector<std::string>> { return sqlite::missing_triggers(*this); });
}

Result<std::string> SqliteStore::journal_head() {
  return guard(m_path, "read", [&] { return sqlite::journal_head(*this); });
}

Result<std::optional<ChainBreak>> SqliteStore::verify_case_chain(const std::string& case_id) {
  return guard(m_path, "read", [&] { return sqlite::verify_case_chain(*this, case_id); });
}

} // namespace casectl::store::sqlite
