// The SQLite engine: the case store as one SQLite file, opened safely for several processes at
// once. It keeps the contract of store/case_store.hpp, and in particular:
//
// - open() in Mode::write creates the file (mode 0600, parent directories 0700) when missing;
//   Mode::read never creates a file and fails with Status::unreadable when there is none. Both
//   bring an older schema up to date (migrations only add), in one transaction. Both refuse a store whose schema is newer than
//   this program knows (Status::cannot_write), changing nothing.
// - Every connection uses WAL, foreign keys, and the configured busy timeout.
// - write() runs a function inside one IMMEDIATE transaction: everything it did is committed, or,
//   when it returns a failed Status or throws, nothing is. A lock held longer than the busy
//   timeout gives Status::busy.
// - The journal is append-only: the schema itself refuses UPDATE and DELETE on it. Every row
//   appended is chained to the one before by a hash (lib/store/journal_chain.hpp).
// - A store whose user_version no casectl writes (negative; 0 with casectl's tables in it) is
//   refused with Status::cannot_write, and so is a store whose tables do not match the version it
//   claims (checked before migrating): never a crash, nothing changed.
#pragma once

#include "store/case_store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace SQLite {
class Database;
class Exception;
class Statement;
} // namespace SQLite

namespace casectl::store::sqlite {

// The schema version this program writes. Raised by one for every migration in schema.cpp.
int current_schema_version();

// The schema objects that `version` has, as "table NAME", "index NAME", "trigger NAME" and
// "column TABLE.NAME" (SQLite's own and FTS5's internal tables included), from the migrations
// run on an empty database once and remembered. `version` from 1 to current_schema_version().
const std::set<std::string>& schema_objects_of_version(int version);

// Every trigger of the current schema, name -> its CREATE TRIGGER statement, from the same
// reference database. `check` verifies that each is present and `check --repair` restores the
// missing ones: without them the history that reports read (case_history, case_periods,
// case_group_spans) stops being kept, silently.
const std::map<std::string, std::string>& schema_triggers();

class CaseWriter;
class AssignmentWriter;

class SqliteStore final : public CaseStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const OpenOptions& options);
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  const std::string& location() const override { return m_path; }
  int schema_version() const override;
  Migrated migrated() const override { return m_migrated; }
  Status write(const std::function<Status()>& body, bool rehearse = false) override;
  Status append_journal(const JournalEntry& entry) override;

  Result<std::optional<Case>> load_case(const std::string& case_id_or_external_id) override;
  Status each_case(const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) override;
  Status each_history_entry(const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                            HistoryKind kind) override;
  Result<long long> next_case_number(int year) override;
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
  Result<bool> snapshot_to_file(const std::string& path) override;
  Result<std::vector<std::string>> create_district_roles(const std::vector<std::string>& districts) override;
  Result<std::vector<std::string>> missing_triggers() override;
  Result<std::string> journal_head() override;
  Result<std::optional<ChainBreak>> verify_case_chain(const std::string& case_id) override;

  // The schema objects in this store (see schema_objects_of_version).
  std::set<std::string> schema_objects();

  // The connection, for the query files of this engine (lib/store/sqlite/*.cpp) only.
  SQLite::Database& db() { return *m_db; }

  // The statement of `sql` prepared once on this connection and handed out again reset, its
  // bindings cleared: for the queries run once per record of a bulk run (load_case's), where
  // preparing them each time was half the time of a re-import. `sql` must be a string literal:
  // its address is the key. Not for a statement still being stepped when asked for again.
  SQLite::Statement& cached(const char* sql);

 private:
  SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db);
  Status migrate();
  void append_journal_row(const JournalEntry& entry); // throws SQLite::Exception
  CaseWriter& case_writer();
  AssignmentWriter& assignment_writer();
  std::string m_path;
  Migrated m_migrated; // what migrate() did when the store was opened
  std::unique_ptr<SQLite::Database> m_db;
  std::unique_ptr<SQLite::Statement> m_journal_insert; // prepared on first use
  std::optional<std::string> m_head;                   // the last journal hash, known inside the current write()
  std::unique_ptr<CaseWriter> m_case_writer;           // statements prepared on first use
  std::unique_ptr<AssignmentWriter> m_assignment_writer;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> m_copy_inserts; // by table, prepared on first use
  std::map<const char*, std::unique_ptr<SQLite::Statement>> m_cached;       // by the SQL literal (cached())
};

// Maps a SQLite exception to a Status: busy or locked -> busy; read-only, full, I/O, cannot open,
// not a database -> cannot_write; anything else -> internal. `what` says what was being done.
Status status_from(const SQLite::Exception& e, const std::string& what, const std::string& path);

} // namespace casectl::store::sqlite
