// `casectl export` and `casectl import`: a store's cases as NDJSON, one line per case with
// everything that is its, read back into the same store, a new one, or another district's.
//
// The export (docs/scripting.md, "Export and import", is the user's description):
//   line 1     {"casectl_export": 1, "schema_version", "store_id", "exported_at", "cases",
//               "whole_store", "journal", "redacted"}
//   then       {"staff": {row}} per staff member, {"case_id_sequence": {row}} per counter,
//              {"case": {row}, "case_groups": [...], "members": [...], "assessments": [{row,
//               "assessment_scores": [...]}], "plans": [{row, "plan_goals": [...], "plan_tasks":
//               [...]}], ...} per case, in the store's order of cases (every table of cases named,
//               empty ones as []),
//              {"journal": {row}} per journal row of those cases (every row with a whole store),
//               oldest first, with --journal,
//   last line  {"end_of_export": {"lines": N}}: N lines came before it (a file cut short is refused).
// A row is an object of the table's columns, every value as the store keeps it in text (integers
// in decimal) or null, in the table's column order; the row ids that tie a case's rows together
// (id, case_row, plan_id, assessment_id) and the sort keys are left out, the journal rows keep
// theirs (id and hash). Codes only, no labels. --redact passes each case and journal line through
// redact::redact (the header, staff and counters are not personal) and marks the header: such an
// export is for outside the team and `import` refuses it.
//
// Import reads the whole file and checks it before anything is written, then writes it in ONE
// transaction:
// - A whole store's export into a store that holds nothing (store_holds_nothing) is restored: that
//   store becomes the source's copy (use it instead of the source, not beside it): the store id,
//   staff, counters and cases with their case ids, and with --journal the
//   journal itself, rows, ids and hashes (the chain continues). export -> import -> export gives the
//   same lines but for the header's exported_at, and, with --journal, one more journal line: the
//   import's own row ("import", store-wide), after the source's.
// - Into a store that holds cases (or a part of a store's cases, or with `merge`) it merges: a case is known by its origin (the
//   store id and case id where it was opened, kept on every imported case) or its external id,
//   never by its case id alone. An unknown case is added with a new case id of this store and its
//   origin; an equal one is skipped; a differing one is a conflict (each field named with both
//   values) that fails the import, keeps ours or takes theirs as `on_conflict` says. A staff member
//   with the same login but other fields is a conflict too. Links between imported cases follow
//   their new ids; a link to a case neither imported nor here is refused. The journal rows of an
//   added case are appended, chained here, under its new id; each added or replaced case gets a
//   journal row "import" naming its origin (and, replaced, every field changed), and the store one
//   row "import" with the counts.
// - Errors name the file and line: a line that is not such an export's (Status::invalid, exit 65),
//   a redacted export or another schema version (exit 65), conflicts under "fail" (Status::conflict,
//   exit 4, the conflicts in the report). Nothing is written then.
#pragma once

#include "config/config.hpp"
#include "model/change.hpp"
#include "output/records.hpp"
#include "output/redact.hpp"
#include "store/case_store.hpp"

#include <functional>
#include <istream>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace casectl {

struct ExportRequest {
  std::optional<std::set<std::string>> cases; // the case ids to export; nullopt: the whole store
  bool journal = false;
  bool redact = false;
  redact::Policy policy; // with `redact`: the placeholders' language, the free text kept (masked)
};

struct ExportReport {
  long long cases = 0;
  std::vector<std::string> case_ids; // those exported, in their order (for audit.reads)
  long long lines = 0;               // with the header and the end line
};

// Where the export's lines go: false when they could not be written (disk full, a reader gone).
using ExportOutput = std::function<bool(std::string_view line)>;

// Writes the export, line by line, read from one snapshot of the store. Writes nothing to the
// store (the caller journals the reads when audit.reads is on).
Result<ExportReport> export_store(store::CaseStore& store, const ExportRequest& request, const ChangeContext& change,
                                  const ExportOutput& out);

enum class OnConflict { fail, keep_ours, keep_theirs };
// "fail", "keep-ours", "keep-theirs"; nullopt for anything else.
std::optional<OnConflict> parse_on_conflict(const std::string& text);

struct ImportRequest {
  OnConflict on_conflict = OnConflict::fail;
  bool merge = false; // merge even into a store that holds nothing
  bool dry_run = false;
  // For progress, may be empty: told the number of lines read so far after each line, then the
  // stage that writes ("importing", or "checking" with dry_run).
  std::function<void(long long lines)> lines_read;
  std::function<void(const char* stage)> stage;
};

// One case of the export, and what became of it here.
struct ImportedCase {
  std::string case_id;        // here
  std::string origin_store;   // where it was opened
  std::string origin_case_id; // its case id there
  std::string outcome;        // restored, added, unchanged, replaced, kept (a conflict, ours kept), conflict
};

struct ImportConflict {
  std::string case_id; // here; "staff LOGIN" for a staff member
  std::string origin;  // STORE_ID/CASE_ID of theirs; "" for a staff member
  std::string field;   // a column of the case ("urgency") or a table of its rows ("members")
  std::string ours, theirs;
};

struct ImportReport {
  bool restored = false; // the store held nothing and took the export as it was
  std::vector<ImportedCase> cases;
  std::vector<ImportConflict> conflicts;
  long long staff_added = 0;
  std::vector<std::string> staff_replaced; // logins, with keep-theirs
  long long journal_rows = 0;              // of the export, written here
};

// Reads the export `in` (named `source` in messages) into the store. On Status::conflict the
// conflicts are in `report` all the same.
Status import_store(store::CaseStore& store, std::istream& in, const std::string& source, const config::Config& config,
                    const ChangeContext& change, const ImportRequest& request, ImportReport& report);

// --- Shared by export and import ------------------------------------------------------------------

// Reads cases as the export's case lines.
class CaseLines {
 public:
  // Learns the columns of every table of the store.
  static Result<CaseLines> of(store::CaseStore& store);
  // The lines of the cases whose rows lie from `first` to `last`, by row.
  Result<std::vector<std::pair<long long, Record>>> read(long long first, long long last);
  // The columns a copy carries of `table` (all but the sort keys), in the table's order.
  const std::vector<std::string>& columns(const std::string& table) const;

 private:
  explicit CaseLines(store::CaseStore& store) : m_store(&store) {}
  store::CaseStore* m_store;
  std::vector<std::pair<std::string, std::vector<std::string>>> m_columns;
};

// True when the store holds nothing a user wrote: no row in any table but the journal rows of its
// own creation (action "migrate").
Result<bool> store_holds_nothing(store::CaseStore& store);

} // namespace casectl
