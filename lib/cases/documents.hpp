// The documents of a case, as records a template renders: the case card (`show`), the plan
// (`plan CASE`) and the assessment (`assess CASE --show`). `show`, `plan`, `assess` and
// `report cases` build their records here, so a document written in bulk is exactly what the
// single command prints for that case.
//
// Per-case documents in bulk (`report cases`): write_documents renders one document per case
// matching a filter into a directory, one file per case, streaming (only the case ids are held).
#pragma once

#include "cases/assessment.hpp"
#include "model/case.hpp"
#include "cases/plan.hpp"
#include "config/config.hpp"
#include "output/records.hpp"
#include "output/redact.hpp"
#include "output/templates.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace casectl {
namespace store {
class CaseStore;
}

// The kinds of per-case document: what data a document template sees.
enum class DocumentKind {
  case_card,  // "case": the case record of `show CASE -o json`
  plan,       // "plan": the latest plan revision, as `plan CASE -o json`
  assessment, // "assessment": the latest assessment, as `assess CASE --show -o json`
  passport,   // "passport": the family's social passport: the case card with "assessment" (the
              // latest assessment's document, or null) and "plan" (the latest plan's, or null)
};

// "case", "plan", "assessment", "passport": the names users give (`report cases --document`).
const char* document_kind_name(DocumentKind kind);

// The bounds on one rendering that the config sets (templates.max_output_bytes, templates.max_depth).
templates::RenderLimits render_limits(const config::Config& config);

// Parses a kind name. Anything else: Status::usage listing the names.
Result<DocumentKind> parse_document_kind(const std::string& name);

// The kind a template is for when the user does not say: the template's name (the file name
// without directory, up to its first '.') when it is "case", "plan" or "assessment"; otherwise
// the case card. "plan" and "/x/plan.ru.html.mustache" give plan; "summary" gives case_card.
DocumentKind document_kind_of_template(const std::string& template_name);

// The case card of `c`, as `casectl show` prints it: the case, its assessments (and so its current
// risk), supervisor and team, next review and services due against delivered up to `today`, its
// events, task notes and closures (views::add_monitoring_record; labels in the config's language).
Result<Record> case_card_record(store::CaseStore& store, const Case& c, const config::Config& config, date::Date today);

// The card's agencies_informed: the agencies of the plan revision `revision` (nullopt: the latest
// approved; a revision the case does not have: none) and the notices of it told by `up_to`
// (YYYY-MM-DD; "" for all), each with its labels.
Result<Record> agencies_informed_record(store::CaseStore& store, const std::string& case_id, const config::Config& config,
                                        std::optional<int> revision, const std::string& up_to);

// Adds what a person reads in place of codes and logins to a case card (last, so that the card's
// fields keep their places): the labels of its codes (views::add_case_labels), its members'
// relationship labels and ages on the day `on` (views::add_member_fields) and the names of its
// case manager and supervisor (case_manager_name, supervisor_name). Called again on a card whose
// fields were rewound (`show --as-of`), it recomputes them.
Status add_readable_fields(store::CaseStore& store, const config::Config& config, Record& card, const std::string& on);

// A revision of the case's plan: `revision` (1, 2, ...) or, when 0, the latest (the draft while
// there is one). nullopt when the case has no plan. A revision the plan does not have:
// Status::not_found saying how many there are. An unknown case: Status::not_found.
Result<std::optional<Plan>> plan_revision_of(store::CaseStore& store, const std::string& case_id, int revision = 0);

// One of the case's assessments: `number` (1 = the baseline) or, when 0, the latest. nullopt when
// the case has none. A number it does not have: Status::not_found saying how many there are. An
// unknown case: Status::not_found.
Result<std::optional<Assessment>> assessment_of(store::CaseStore& store, const std::string& case_id, int number = 0);

// The document of `kind` for one case, by case id: the case card, or the record of its latest plan
// revision or latest assessment. nullopt when the case has no plan (or no assessment) for that
// kind: not an error. An unknown case: Status::not_found.
Result<std::optional<Record>> document_record(store::CaseStore& store, const config::Config& config, DocumentKind kind,
                                              const std::string& case_id, date::Date today);

// A plan revision as its document shows it (`plan CASE -o json`, `--template plan`): plan_record
// with the workers' names, and the case it is for: case_name, district, district_label,
// case_manager and case_manager_name. An unknown case: Status::not_found.
Result<Record> plan_document_record(store::CaseStore& store, const config::Config& config, const Plan& plan);

// An assessment as its document shows it (`assess CASE --show`, `--template assessment`):
// assessment_record with assessor_name (the staff member's name; the login when unknown).
Result<Record> assessment_document_record(store::CaseStore& store, const config::Config& config, const Assessment& a);

// The social passport of the case's family (DocumentKind::passport): the case card, then
// "assessment" (assessment_document_record of the latest, or null) and "plan"
// (plan_document_record of the latest revision, or null).
Result<Record> passport_record(store::CaseStore& store, const Case& c, const config::Config& config, date::Date today);

// A record of `kind` with every field such a document can have: each list with one item, each
// optional part (a closure, the passport's assessment and plan) present. What a template is
// checked against (templates::render's shape), so that a misspelled field fails whatever the case.
Record sample_document(DocumentKind kind, const config::Config& config);

// How --redact redacts under `config`: its language and its redact.keep.
redact::Policy redaction_policy(const config::Config& config);

// The people of a case, for masking them in the free text --redact keeps: the personal data its
// case record holds (name, address, phone, referrer, external id, the household's names and birth
// dates). An unknown case: Status::not_found.
Result<redact::People> case_people(store::CaseStore& store, const std::string& case_id);

// The file name of a case's document: the case id with every byte outside [A-Za-z0-9._-] replaced
// by '_' and a leading '.' by '_', then ".html" for an HTML template or ".txt". When anything was
// replaced, "-" and 8 hex digits of a hash of the case id come before the extension, so that two
// ids that differ only in replaced characters never share a file: "2026-00017" gives
// "2026-00017.txt", "СЗ/17" gives "___17-ad962ce0.txt". Never holds '/'.
std::string document_file_name(const std::string& case_id, bool html);

// Per-case documents in bulk.
struct DocumentsRequest {
  DocumentKind kind = DocumentKind::case_card;
  CaseFilter filter;               // which cases, as `list` takes them
  templates::Template document;    // the template every document is rendered through
  std::string out_dir;             // created (mode 0700, with missing parents) before the first file
  bool force = false;              // replace files already there; without it, refuse before writing
  bool redact = false;             // redact::redact each record before rendering (config redact.keep;
                                   // a plan, an assessment or an as-of card masks the case's people
                                   // as they are now, case_people)
  std::optional<date::Date> as_of; // the case card as it stood at the end of this day (as_of.hpp);
                                   // only for the case card; cases opened after it are skipped
};

// What happened to one case.
struct WrittenDocument {
  std::string case_id;
  std::string file; // out_dir + "/" + document_file_name(...)
  std::size_t bytes = 0;
};
struct DocumentsSummary {
  std::size_t matched = 0; // cases the filter matched
  std::size_t written = 0;
  std::size_t skipped = 0; // no plan / no assessment for a plan or assessment document
};

// Why a case of `request` gets no document: "no plan", "no assessment", "opened after DATE".
std::string skipped_reason(const DocumentsRequest& request);

// What the caller is told as it happens (to print a line per file).
struct DocumentsProgress {
  std::function<Status(const WrittenDocument&)> written;                           // after each file
  std::function<void(const std::string& case_id, const std::string& why)> skipped; // "no plan", ...
};

// Writes one document per case matching `request.filter`, in the filter's order (an empty
// `out_dir` is Status::usage):
//  1. collects the matching case ids (only they are held in memory; no case matching is not an
//     error: nothing is written);
//  2. checks every target before writing any: `out_dir` existing as something other than a
//     directory, or a target that is a directory, gives Status::cannot_write; a target file that
//     exists, without `force`, gives Status::conflict naming the first one (the files of cases that
//     will turn out to have no plan or assessment are checked too); two cases whose ids give the
//     same file name give Status::conflict;
// With `as_of`: a kind other than the case card is Status::usage, a day after `today`
// Status::invalid, both before anything else; a case opened after the day is skipped.
//  3. then, one case at a time: builds its record (document_record), redacts it when asked,
//     renders it (a template naming a field that does not exist: Status::invalid with the
//     template's name and line), and writes it with files::write_file_atomically (mode 0600), so
//     that a failure or a killed process never leaves a half-written document; the files already
//     written stay. A file that cannot be written: Status::cannot_write. `out_dir` is created
//     before the first file, so a run that writes no file creates no directory.
// `config.language` is the language of the redaction's placeholders.
Result<DocumentsSummary> write_documents(store::CaseStore& store, const config::Config& config, const DocumentsRequest& request,
                                         date::Date today, const DocumentsProgress& progress);

} // namespace casectl
