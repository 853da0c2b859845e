// The PostgreSQL engine: the case store in a PostgreSQL database (or in the schema the URL's
// search_path names), shared by several processes on several machines.
//
// A CaseStore (store/case_store.hpp): its queries are free functions in this folder's *_queries.cpp,
// taking the store first, and contract.cpp forwards each method to one. What this engine adds to
// the contract:
//
// - open() connects by a libpq URL (postgresql://USER@HOST/DB; what the URL leaves out comes from
//   PG* variables and ~/.pgpass). Mode::write creates the schema (lib/store/postgres/schema.hpp)
//   in a database or schema that has no tables; Mode::read never creates it and fails with
//   Status::unreadable where there is no casectl_meta table. Both bring an older schema up to
//   date in one transaction, and refuse, changing nothing, a schema newer than this program knows
//   (Status::cannot_write naming both versions), a version no casectl writes, and tables of
//   another program without casectl_meta (Status::cannot_write).
// - Every statement waits for a lock at most busy_timeout_ms (the session's lock_timeout); a lock
//   held longer gives Status::busy.
// - write() runs `body` in one transaction (READ COMMITTED): everything it did is committed, or,
//   when it returns a failed Status or throws, nothing is; with `rehearse`, nothing ever is.
// - append_journal() chains each row to the one before (store/journal_chain.hpp) with the journal
//   locked against other writers until the transaction ends, so that two processes never chain
//   to the same row (the chain never forks).
// - next_case_number() is one statement, safe with concurrent writers: the year's counter stays
//   locked until the transaction ends, so no two committed cases get the same number; a number
//   taken by a transaction that rolls back is given again, as on SQLite.
#pragma once

#include "model/journal.hpp"
#include "store/case_store.hpp"
#include "store/journal_chain.hpp"
#include "store/postgres/connection.hpp"
#include "util/status.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace casectl::store::postgres {

class PgStore final : public CaseStore {
 public:
  static Result<std::unique_ptr<PgStore>> open(const OpenOptions& options);
  PgStore(const PgStore&) = delete;
  PgStore& operator=(const PgStore&) = delete;

  // The server and database as a URL without the password.
  const std::string& location() const override { return m_connection.server_name(); }
  // The schema version of the store, as open() left it.
  int schema_version() const override { return m_version; }
  Migrated migrated() const override { return m_migrated; }

  Status write(const std::function<Status()>& body, bool rehearse = false) override;
  // Inside write().
  Status append_journal(const JournalEntry& entry) override;
  // Inside write().
  Result<long long> next_case_number(int year) override;

  Result<std::string> journal_head() override;
  Result<std::optional<ChainBreak>> verify_case_chain(const std::string& case_id) override;

  // The rest of the contract, in its order (contract.cpp).
  Result<std::optional<Case>> load_case(const std::string& case_id_or_external_id) override;
  Status each_case(const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) override;
  Status each_history_entry(const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                            HistoryKind kind) override;
  Result<bool> case_id_exists(const std::string& case_id) override;
  Result<std::vector<std::string>> case_ids_starting(const std::string& prefix, int limit) override;
  Result<long long> insert_case(const Case& c) override;
  Status update_case(long long row, const Case& c) override;
  Result<std::vector<RemovedMember>> removed_members(long long row) override;
  Status insert_removed_member(long long row, const RemovedMember& removed) override;
  Result<std::optional<std::pair<long long, Case>>> find_by_external_id(const std::string& external_id) override;
  Result<std::vector<DuplicateMatch>> duplicates_of(const Case& c, const std::string& except_case_id) override;
  Status link_cases(long long row, const std::string& other_case_id, const std::string& reason) override;
  Status defer_search_rows() override;
  Status write_deferred_search_rows() override;
  Result<std::optional<CaseState>> case_state(const std::string& case_id_or_external_id) override;
  Status insert_assessment(long long row, const Assessment& a) override;
  Status update_case_state(const CaseState& state, const ChangeTime& when) override;
  Result<std::vector<Assessment>> load_assessments(long long row, const std::string& case_id) override;
  Result<int> assessment_count(long long row) override;
  Result<std::vector<StoredStaff>> load_staff() override;
  Status insert_staff(const StoredStaff& staff, const std::string& at, const std::string& by) override;
  Status update_staff(const StoredStaff& staff, const std::string& at) override;
  Result<std::optional<CaseAssignment>> load_assignment(const std::string& case_id_or_external_id) override;
  Status set_case_manager(long long row, const std::string& login, const ChangeTime& when) override;
  Status set_supervisor(long long row, const std::string& login, const ChangeTime& when) override;
  Status put_team_member(long long row, const TeamMember& member, const ChangeTime& when) override;
  Status remove_team_member(long long row, const std::string& login, const ChangeTime& when) override;
  Result<OpenCaseCounts> count_open_cases() override;
  Status each_case_to_move(const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each) override;
  Result<std::vector<Plan>> load_plans(long long row, const std::string& case_id) override;
  Status save_plan(long long row, const Plan& plan) override;
  Status add_agency_notice(long long row, const AgencyNotice& notice) override;
  Result<std::vector<AgencyNotice>> agency_notices_of(long long row) override;
  Status each_agency_task(const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each) override;
  Status add_review(long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                    const std::string& next_on, const std::string& at) override;
  Status update_task(long long row, int revision, int task, const std::string& status, const std::string& note,
                     const std::string& on, const std::string& by) override;
  Status add_delivery(long long row, int task, const std::string& on, int count, const std::string& by,
                      const std::string& at) override;
  Status add_event(long long row, const EventRow& event) override;
  Result<std::string> latest_review_on(long long row) override;
  Status set_next_review(long long row, const std::string& next_on) override;
  Result<std::string> next_review_of(long long row) override;
  Status close_case(long long row, const Closure& c) override;
  Status reopen_case(long long row, const std::string& status, const std::string& on, const std::string& reason,
                     const std::string& at) override;
  Result<CasePeriod> current_period(long long row) override;
  Result<int> delivered_between(long long row, int task, const std::string& from, const std::string& to) override;
  Result<std::vector<DueItem>> due_items(const DueFilter& filter) override;
  Result<std::vector<EventRow>> events_of(long long row) override;
  Result<std::vector<TaskUpdateRow>> task_notes_of(long long row, int up_to_revision) override;
  Result<std::vector<ClosureRow>> closures_of(long long row) override;
  Result<std::vector<CaseCounts>> count_cases(const std::vector<ReportPeriod>& periods, CaseDimension by,
                                              const CaseScope& scope) override;
  Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(const ReportPeriod& period,
                                                                                   const CaseScope& scope) override;
  Result<std::vector<std::pair<std::string, long long>>> count_events(const ReportPeriod& period,
                                                                      const CaseScope& scope) override;
  Result<std::vector<EventPerson>> event_people(const ReportPeriod& period, const CaseScope& scope) override;
  Result<ResponseTimes> response_times(const ReportPeriod& period, const CaseScope& scope) override;
  Result<std::vector<OutcomeCount>> count_outcomes(const ReportPeriod& period, CaseDimension by, const CaseScope& scope) override;
  Result<std::vector<DomainChange>> average_domain_changes(const ReportPeriod& period, CaseDimension by,
                                                           const CaseScope& scope) override;
  Result<std::vector<OverdueCounts>> count_overdue(const std::string& today, const std::string& now, CaseDimension by,
                                                   const CaseScope& scope) override;
  Result<std::vector<ServiceCounts>> count_services(const ReportPeriod& period, const std::string& today, CaseDimension by,
                                                    const CaseScope& scope) override;
  Result<std::vector<CheckResult>> check(const CheckOptions& options) override;
  Result<std::vector<std::string>> repair() override;
  Result<std::vector<std::string>> missing_triggers() override;
  // Copying a whole store (copy_queries.cpp).
  Status read(const std::function<Status()>& body) override;
  Result<std::vector<std::string>> table_columns(const std::string& table) override;
  Result<long long> count_rows(const std::string& table) override;
  Status each_table_row(const std::string& table, const std::vector<std::string>& columns,
                        const std::function<Status(const TableRow&)>& each) override;
  Status insert_table_rows(const std::string& table, const std::vector<std::string>& columns,
                           const std::vector<TableRow>& rows) override;
  Status empty_store() override;
  Status finish_copy() override;
  Result<std::string> store_id() override;
  Status set_store_id(const std::string& id) override;
  Status each_case_row(const std::string& table, const std::vector<std::string>& columns, long long first, long long last,
                       const std::function<Status(const TableRow&)>& each) override;
  Result<long long> last_row_id(const std::string& table) override;
  Status delete_case(long long row) override;
  Status delete_staff(const std::string& login) override;
  Result<bool> snapshot_to_file(const std::string&) override { return false; } // pg_dump's job; see backup
  Result<std::vector<std::string>> create_district_roles(const std::vector<std::string>& districts) override;

  // The connection, for the query files of this engine (lib/store/postgres/*.cpp) only.
  Connection& connection() { return m_connection; }

 private:
  explicit PgStore(Connection connection) : m_connection(std::move(connection)) {}
  Status migrate();
  // After a migration of a schema that has district roles (roles of init --district-roles with
  // USAGE on it): their grants and the policies set again as init --district-roles sets them, so
  // that a table the migration added is theirs to use, row by row, as the others are. Without,
  // an office's role could not read the new table at all. A schema without them is left alone.
  Status refresh_district_roles();
  // pg_dump's copy of the store's schema as it is at version `from`, before migrate() changes it,
  // in a private file under $XDG_STATE_HOME/casectl (or ~/.local/state/casectl); its path. None
  // ("") with CASECTL_PG_DUMP=skip (the user dumped it). A dump that cannot be made refuses the
  // migration (Status::cannot_write, with the pg_dump command to run).
  Result<std::string> dump_before_migration(int from);
  Status lock_journal();
  Connection m_connection;
  int m_version = 0;
  Migrated m_migrated;                  // what migrate() did when the store was opened; copy: pg_dump's file
  std::optional<std::string> m_head;    // the last journal hash, known inside the current write()
  std::optional<std::string> m_db_role; // session_user, which every journal row this store appends names
  bool m_in_write = false;
  bool m_journal_locked = false; // this write() holds the journal's lock (taken at most once)
};

} // namespace casectl::store::postgres
