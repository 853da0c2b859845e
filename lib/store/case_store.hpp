// The case store's contract: what the domain (lib/cases) asks of a store, by name, whatever engine
// keeps it. An engine (lib/store/sqlite/, lib/store/postgres/) implements CaseStore; store::open()
// picks the engine from the store's location. Nothing here names an engine's types.
//
// The contract every engine keeps:
// - open() in Mode::write creates the store when missing (a file mode 0600 in a 0700 directory
//   for a file engine); Mode::read never creates one and fails with Status::unreadable when there
//   is none. Both bring an older schema up to date in one transaction, and refuse a store whose
//   schema is newer than this program knows (Status::cannot_write, the versions named), changing
//   nothing.
// - write() runs `body` in one transaction: everything it did is committed, or, when it returns a
//   failed Status or throws, nothing is. A lock held longer than the busy timeout gives
//   Status::busy (exit 75). Only the domain opens a transaction; every method that writes expects
//   to run inside one.
// - Every method returns a Status or Result: the engine's own errors are mapped inside (busy or
//   locked -> busy; read-only, full, I/O, not a store -> cannot_write; anything else -> internal),
//   never thrown.
// - The journal is append-only (the engine refuses UPDATE and DELETE on it), and every row
//   appended is chained to the one before by its hash (store/journal_chain.hpp).
// - Cases are found by their case id or, failing that, their external id. "Not found" is not an
//   error here: the result holds std::nullopt, and the domain words the message.
//
// Definitions every report figure follows (docs/reports.md):
// - a full case is one that is not a consultation; a consultation counts on the day it was opened;
// - a case's spells of work run from its opening or a reopening to the closing that ends it; a full
//   case is under accompaniment in a period when one of its spells overlaps the period, open at its
//   end when a spell covers its last day (a closing day is not open), opened in it by its first
//   opening;
// - a case is closed in a period when one of its closures falls in it; its outcome is the outcome
//   of its last closure in the period;
// - the people of a case are its household members; a case with none recorded counts as one;
// - the agencies of a case are the agencies its approved plan gives tasks to;
// - a case's district, manager, urgency and target groups, to group or filter by, are those in
//   force at the end of the period, in count_overdue those of today; its agencies those of today.
//   A change of them takes effect on its business day: cases.updated_on as the writer set it
//   (Case::updated_on, ChangeTime::on), never the UTC date of updated_at.
// Dates are YYYY-MM-DD text and periods are inclusive at both ends.
#pragma once

#include "model/assessment.hpp"
#include "model/case.hpp"
#include "model/change.hpp"
#include "model/check.hpp"
#include "model/journal.hpp"
#include "model/monitoring.hpp"
#include "model/plan.hpp"
#include "model/report.hpp"
#include "model/staff.hpp"
#include "store/copy_tables.hpp"
#include "store/journal_chain.hpp"
#include "util/status.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace casectl::store {

enum class Mode {
  read, // the store must exist
  write // create the store when missing
};

struct OpenOptions {
  std::string location;       // the store: a file path (":memory:" for tests) or a postgresql:// URL
  int busy_timeout_ms = 5000; // how long to wait for another process's lock
  Mode mode = Mode::read;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // Where the store is, as messages name it (a file path).
  virtual const std::string& location() const = 0;
  virtual int schema_version() const = 0;
  // When opening the store migrated it: the schema version it had and where the engine kept a
  // copy of it as it was (SQLite: a file beside it); {0, ""} otherwise. PostgreSQL keeps no copy
  // (pg_dump is the server's backup).
  struct Migrated {
    int from = 0;
    std::string copy;
  };
  virtual Migrated migrated() const = 0;

  // Runs `body` in one write transaction (see the contract above). With `rehearse`, everything
  // is rolled back even when `body` succeeds: a dry run that sees its own writes.
  virtual Status write(const std::function<Status()>& body, bool rehearse = false) = 0;

  // Appends to the journal, chained to the last row by its hash. Inside write().
  virtual Status append_journal(const JournalEntry& entry) = 0;

  // --- Cases -----------------------------------------------------------------------------------

  virtual Result<std::optional<Case>> load_case(const std::string& case_id_or_external_id) = 0;

  // Calls `each` for every case matching `filter`, in the filter's order, one row at a time (memory
  // does not grow with the number of cases). With `search` or `name`, words are reduced by
  // text::search_key and each is matched as a prefix ("Семён" finds "Семёнова" and "Semyonova"); a
  // search of digits only matches phone numbers by their last digits; a search that holds no
  // letters or digits gives Status::invalid (store::search_terms, keys.hpp, says it exactly). Sort
  // "rank" with a search is `find`'s order, the same on every engine (store::name_words). Stops at
  // the first failed Status `each` returns.
  virtual Status each_case(const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) = 0;

  // Calls `each` for every journal entry of a case of that kind (action "read" for reads, any
  // other for changes), oldest first.
  virtual Status each_history_entry(const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                                    HistoryKind kind) = 0;

  // Gives the next case number for `year` (0 when the id format has no year), counting up from 1.
  // Inside write(): the counter is shared by every process using the store.
  virtual Result<long long> next_case_number(int year) = 0;
  virtual Result<bool> case_id_exists(const std::string& case_id) = 0;
  // Up to `limit` case ids starting with `prefix` (byte for byte), the highest first: with the
  // default id format the newest. For shell completion: a range over the case id index, fast at
  // any size.
  virtual Result<std::vector<std::string>> case_ids_starting(const std::string& prefix, int limit) = 0;

  // Inserts a new case with its groups, problems, members (numbered as update_case says) and search
  // keys; returns its row. The
  // case id must be free. An external id already in use gives Status::conflict naming the case
  // that has it. Statements are prepared once, for one intake or a million records.
  virtual Result<long long> insert_case(const Case& c) = 0;
  // Replaces the stored fields, groups, problems and members of the case at `row` with `c` (whose
  // case_id, created_at and created_by are kept as they are in the store). Members are stored with
  // their numbers (Member::number, unique in the case; a member numbered 0 takes its place in the
  // list, as a new case's members do). A target group `c`
  // adds holds from c.updated_on; one it takes away held until then.
  virtual Status update_case(long long row, const Case& c) = 0;
  // The members taken out of the household of the case at `row`, by number.
  virtual Result<std::vector<RemovedMember>> removed_members(long long row) = 0;
  // Keeps `removed` as a member taken out of the case at `row` (whose members no longer hold it:
  // update_case first). Its number must not be kept already (Status::conflict).
  virtual Status insert_removed_member(long long row, const RemovedMember& removed) = 0;
  // The row and case of the case with this external id; nullopt when there is none.
  virtual Result<std::optional<std::pair<long long, Case>>> find_by_external_id(const std::string& external_id) = 0;
  // Open cases (not closed, not consultations) that look like `c`: a member with the same name key
  // and birth date, the same phone key, or the same address key in the same district. The case
  // `except_case_id` (the one being updated) is left out. Each case appears once.
  virtual Result<std::vector<DuplicateMatch>> duplicates_of(const Case& c, const std::string& except_case_id) = 0;
  // Records that the case at `row` may be the same as `other_case_id`, and why.
  virtual Status link_cases(long long row, const std::string& other_case_id, const std::string& reason) = 0;
  // For many inserts in one transaction: the search-index rows (and first spells and group
  // history) of cases inserted from now on are written all together by write_deferred_search_rows(),
  // which must run before the transaction commits; until then `find` may not see those cases.
  virtual Status defer_search_rows() = 0;
  virtual Status write_deferred_search_rows() = 0;

  // --- Assessments -----------------------------------------------------------------------------

  // The parts of the case an assessment or a review reads and changes; nullopt when there is none.
  virtual Result<std::optional<CaseState>> case_state(const std::string& case_id_or_external_id) = 0;
  virtual Status insert_assessment(long long row, const Assessment& a) = 0;
  // Sets the status, urgency and response deadline of the case at `row`, and its updated_at and
  // updated_on (`when`).
  virtual Status update_case_state(const CaseState& state, const ChangeTime& when) = 0;
  // The assessments of the case at `row`, oldest first.
  virtual Result<std::vector<Assessment>> load_assessments(long long row, const std::string& case_id) = 0;
  virtual Result<int> assessment_count(long long row) = 0;

  // --- Staff and who works on a case -----------------------------------------------------------

  // The staff members kept in the store (`staff add`), by login.
  virtual Result<std::vector<StoredStaff>> load_staff() = 0;
  // The login must be free in the store (Status::conflict otherwise). `at` stamps the row, `by`
  // is the acting user.
  virtual Status insert_staff(const StoredStaff& staff, const std::string& at, const std::string& by) = 0;
  // Replaces every field of the staff member with this login (Status::not_found when none).
  virtual Status update_staff(const StoredStaff& staff, const std::string& at) = 0;
  virtual Result<std::optional<CaseAssignment>> load_assignment(const std::string& case_id_or_external_id) = 0;
  // Each also stamps the case's updated_at and updated_on (`when`). An empty login clears the
  // field; putting a team member already there changes their role; removing one not there is not
  // an error.
  virtual Status set_case_manager(long long row, const std::string& login, const ChangeTime& when) = 0;
  virtual Status set_supervisor(long long row, const std::string& login, const ChangeTime& when) = 0;
  virtual Status put_team_member(long long row, const TeamMember& member, const ChangeTime& when) = 0;
  virtual Status remove_team_member(long long row, const std::string& login, const ChangeTime& when) = 0;
  virtual Result<OpenCaseCounts> count_open_cases() = 0;
  // Every open case matching `filter`, most urgent first, then by case id.
  virtual Status each_case_to_move(const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each) = 0;

  // --- Plans -----------------------------------------------------------------------------------

  // Every revision of the plan of the case at `row`, oldest first, with goals and tasks.
  virtual Result<std::vector<Plan>> load_plans(long long row, const std::string& case_id) = 0;
  // Inserts revision `plan.revision` or replaces its fields, goals and tasks.
  virtual Status save_plan(long long row, const Plan& plan) = 0;
  // Records that an agency was told of an approved plan revision's tasks.
  virtual Status add_agency_notice(long long row, const AgencyNotice& notice) = 0;
  // The case's agency notices, every revision's, by date, then in the order recorded.
  virtual Result<std::vector<AgencyNotice>> agency_notices_of(long long row) = 0;
  // Every task of every open case's latest approved plan matching `filter`, by due date (undated
  // last), then case id and task number.
  virtual Status each_agency_task(const AgencyTaskFilter& filter, const std::function<Status(const AgencyTask&)>& each) = 0;

  // --- Monitoring ------------------------------------------------------------------------------

  virtual Status add_review(long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                            const std::string& next_on, const std::string& at) = 0;
  // Sets the status of task `task` of revision `revision` of the case's plan and logs the update.
  virtual Status update_task(long long row, int revision, int task, const std::string& status, const std::string& note,
                             const std::string& on, const std::string& by) = 0;
  virtual Status add_delivery(long long row, int task, const std::string& on, int count, const std::string& by,
                              const std::string& at) = 0;
  // `event.before_opening`: the event is the family's history, dated before the case was opened.
  // `event.members` must be member numbers of the case (checked by the caller), ascending.
  virtual Status add_event(long long row, const EventRow& event) = 0;
  // The date of the case's latest review (by its effective date), or "" when it has none.
  virtual Result<std::string> latest_review_on(long long row) = 0;
  virtual Status set_next_review(long long row, const std::string& next_on) = 0;
  // The date of the case's next review, or "" when none is set.
  virtual Result<std::string> next_review_of(long long row) = 0;
  // Closes the case at `row` (status closed, closed date) and records the closure; its open spell
  // of work ends on the closing day, the business day of the change (updated_on = c.closed_on).
  virtual Status close_case(long long row, const Closure& c) = 0;
  // Reopens the case at `row` into `status` on `on`, marking its last closure reopened and starting
  // a new spell of work from `on`, the business day of the change (updated_on = `on`).
  virtual Status reopen_case(long long row, const std::string& status, const std::string& on, const std::string& reason,
                             const std::string& at) = 0;
  // The case's latest spell of work; both dates "" for a case with none (not an error).
  virtual Result<CasePeriod> current_period(long long row) = 0;
  // Services delivered for `task` of the case between two dates, inclusive.
  virtual Result<int> delivered_between(long long row, int task, const std::string& from, const std::string& to) = 0;
  // Everything overdue or due by `filter.until`, across open cases: tasks of approved plans not
  // done, reviews past their date, first responses past the urgency deadline (cases still in
  // intake), recurring services delivered less than due over the last period (7 days for a weekly
  // frequency, 30 for monthly, 1 for daily). Ordered by due date.
  virtual Result<std::vector<DueItem>> due_items(const DueFilter& filter) = 0;
  // The case's events, by date, then in the order recorded.
  virtual Result<std::vector<EventRow>> events_of(long long row) = 0;
  // The case's task updates that carry a note, by date, then in the order recorded; only those of
  // plan revisions up to `up_to_revision` when it is above 0.
  virtual Result<std::vector<TaskUpdateRow>> task_notes_of(long long row, int up_to_revision) = 0;
  // The case's closures, oldest first.
  virtual Result<std::vector<ClosureRow>> closures_of(long long row) = 0;

  // --- Reports (see the definitions above) -----------------------------------------------------

  // Counts cases by `by` in each period (one row per dimension value that has cases opened by a
  // period's end; by `period`, one row per period that has any). Values with no cases are absent.
  // With a case in several target groups (or agencies), `group` (`agency`) counts it in each.
  virtual Result<std::vector<CaseCounts>> count_cases(const std::vector<ReportPeriod>& periods, CaseDimension by,
                                                      const CaseScope& scope) = 0;
  // Full cases opened in the period by their source, in source order.
  virtual Result<std::vector<std::pair<std::string, long long>>> count_new_cases_by_source(const ReportPeriod& period,
                                                                                           const CaseScope& scope) = 0;
  // Events that happened in the period, by event type, in type order.
  virtual Result<std::vector<std::pair<std::string, long long>>> count_events(const ReportPeriod& period,
                                                                              const CaseScope& scope) = 0;
  // Every household member named by an event of the period (not history recorded as before the
  // case's opening), one row per event and member, by type, case row, member and date. A person
  // named by several events of a type appears once for each; the caller counts people.
  virtual Result<std::vector<EventPerson>> event_people(const ReportPeriod& period, const CaseScope& scope) = 0;
  // The median is the middle value, or the mean of the two middle values for an even count.
  virtual Result<ResponseTimes> response_times(const ReportPeriod& period, const CaseScope& scope) = 0;
  // Closed full cases of the period (each once, by its last closure in it) by outcome and
  // expectations met, per value of `by`.
  virtual Result<std::vector<OutcomeCount>> count_outcomes(const ReportPeriod& period, CaseDimension by,
                                                           const CaseScope& scope) = 0;
  // The mean change of each assessment domain over the closed cases of the period that have both
  // a baseline and a final score for it, per value of `by`.
  virtual Result<std::vector<DomainChange>> average_domain_changes(const ReportPeriod& period, CaseDimension by,
                                                                   const CaseScope& scope) = 0;
  // What is late on `today` in open cases, as `due` lists it, counted per value of `by`. Reviews
  // and first responses are the case manager's work: by agency they fall under "", and an agency
  // scope leaves them out.
  virtual Result<std::vector<OverdueCounts>> count_overdue(const std::string& today, const std::string& now, CaseDimension by,
                                                           const CaseScope& scope) = 0;
  // Recurring services in the period, per value of `by`: due from the plan's approval to the
  // period's end, `today` or the task's end, on the days the case was open, count × days ÷ (1, 7
  // or 30) rounded per task; delivered as recorded in the period.
  virtual Result<std::vector<ServiceCounts>> count_services(const ReportPeriod& period, const std::string& today,
                                                            CaseDimension by, const CaseScope& scope) = 0;

  // --- Soundness (`casectl check`) -------------------------------------------------------------

  // Runs every check, in the order of CheckResult's names. Fails only when the store cannot be
  // read (a failed check is a result, not a failure).
  virtual Result<std::vector<CheckResult>> check(const CheckOptions& options) = 0;
  // Rebuilds what is derived from the rest (the search index, missing triggers) and nothing else;
  // never "fixes" the journal's hash chain. Returns what it did, one phrase each. Inside write().
  virtual Result<std::vector<std::string>> repair() = 0;
  // The triggers the store lacks (append-only and history), by name.
  virtual Result<std::vector<std::string>> missing_triggers() = 0;
  // The hash of the journal's last row ("" when the journal is empty or the row has none).
  virtual Result<std::string> journal_head() = 0;
  // The first break in the chain links of one case's journal rows; nullopt when they hold.
  virtual Result<std::optional<ChainBreak>> verify_case_chain(const std::string& case_id) = 0;

  // --- Copying a whole store (`store copy`, cases/store_copy.hpp) ------------------------------
  // Rows travel between engines as text (store/copy_tables.hpp names the tables and says how).

  // Runs `body` in one read transaction: all it reads is one snapshot of the store, whatever other
  // processes commit meanwhile.
  virtual Status read(const std::function<Status()>& body) = 0;
  // The names of the columns of `table` (one of store::copied_tables()), in the table's order.
  virtual Result<std::vector<std::string>> table_columns(const std::string& table) = 0;
  virtual Result<long long> count_rows(const std::string& table) = 0;
  // Calls `each` for every row of `table` with the values of `columns` (integers in decimal, text
  // as it is, NULL as std::nullopt), ordered by the table's key (CopiedTable::order_by).
  virtual Status each_table_row(const std::string& table, const std::vector<std::string>& columns,
                                const std::function<Status(const TableRow&)>& each) = 0;
  // Inserts rows as each_table_row gives them, ids and all, in their order. Inside write(). A
  // caller gives them a batch at a time (a round trip each on a server), at most
  // copy_batch_rows(columns.size()) rows.
  virtual Status insert_table_rows(const std::string& table, const std::vector<std::string>& columns,
                                   const std::vector<TableRow>& rows) = 0;
  // Deletes every row of every copied table and of the search index, the journal's too (its
  // append-only triggers are set aside within this transaction only). Inside write(); only
  // `store copy --force` and `import` (restoring a store with its journal) call it.
  virtual Status empty_store() = 0;
  // After rows were inserted with their ids: writes what is derived from them (every case's sort
  // keys and search-index row), moves the id counters past the largest id copied and updates the
  // planner statistics where the engine keeps them. Inside write().
  virtual Status finish_copy() = 0;

  // --- Export and import (`casectl export`/`import`, cases/store_export.hpp) -------------------

  // The store's own id, 32 hex digits made when it was created: an export names its source by it,
  // and an imported case keeps it as its origin.
  virtual Result<std::string> store_id() = 0;
  // Gives the store another store's id: a copy or a restore is that store. Inside write().
  virtual Status set_store_id(const std::string& id) = 0;
  // Calls `each` for every row of `table`, one of the tables of cases (CopiedTable::case_column),
  // that belongs to a case whose row id lies from `first` to `last`, as each_table_row gives rows.
  virtual Status each_case_row(const std::string& table, const std::vector<std::string>& columns, long long first, long long last,
                               const std::function<Status(const TableRow&)>& each) = 0;
  // The largest id in `table` (one whose key is `id`); 0 when it has no rows.
  virtual Result<long long> last_row_id(const std::string& table) = 0;
  // Deletes the case at `row` and every row that is its (its journal rows stay). Inside write().
  virtual Status delete_case(long long row) = 0;
  // Deletes the staff member with this login (not an error when there is none). Inside write().
  virtual Status delete_staff(const std::string& login) = 0;

  // --- Backup (`casectl backup`, cases/store_backup.hpp) -----------------------------------------
  // Writes the whole store, as one snapshot taken while others go on writing, into the SQLite file
  // `path` (an empty file the caller made, private to its owner) by the engine's own means, and
  // returns true. Returns false, having written nothing, when the engine has none (PostgreSQL):
  // the caller then copies the store into that file table by table (copy_store).
  virtual Result<bool> snapshot_to_file(const std::string& path) = 0;

  // --- Who acts (`casectl init --district-roles`, cases/district_roles.hpp) ---------------------
  // Gives each district code its database role, casectl_district_CODE (created when missing,
  // never able to log in: an office's login is made a member of it), with what casectl needs of the
  // store, and limits every role but the tables' owner to the cases of the districts whose roles
  // it is a member of: row-level security on every table of case data. Returns the roles' names,
  // in the order of `districts`. Run again, it creates what is missing and sets the policies anew.
  // Inside write(). An engine without roles (SQLite: one file is one office's) refuses it with a
  // usage error that says so; a code unfit for a role's name is a config error.
  virtual Result<std::vector<std::string>> create_district_roles(const std::vector<std::string>& districts) = 0;
};

// Opens the store at `options.location` with the engine its form names: a `postgresql://` (or
// `postgres://`) URL is PostgreSQL (lib/store/postgres/pg_store.hpp), anything else a SQLite file.
Result<std::unique_ptr<CaseStore>> open(const OpenOptions& options);

// True when `location` names a PostgreSQL server (a postgresql:// or postgres:// URL) rather than
// a file.
bool names_postgresql(const std::string& location);

// Removes the SQLite store file `path` with the companions SQLite keeps beside it (-wal, -shm,
// -journal), for a file casectl made and must not leave behind (a failed copy, a backup's
// temporary file). What cannot be removed, or is not there, is left as it is.
void remove_sqlite_file(const std::string& path);

} // namespace casectl::store
