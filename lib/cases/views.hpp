// View models: the one shape of each result that every output format renders.
// The JSON a command prints and the data its templates see are these objects.
// Field names are stable snake_case and documented in docs/scripting.md; an empty optional value
// is null, lists are always arrays, dates are ISO 8601.
#pragma once

#include "cases/assessment.hpp"
#include "model/case.hpp"
#include "cases/plan.hpp"
#include "config/config.hpp"
#include "output/records.hpp"
#include "store/case_store.hpp"

#include <functional>

namespace casectl::views {

// A text field of a record: null when empty, as every record writes "no value".
Record text_or_null(const std::string& value);

// The full case, as `casectl show` prints it.
Record case_record(const Case& c);

// The same as case_record(c).dump() in the journal's form (compact, UTF-8 as is, invalid UTF-8
// replaced), written without building the Record: what a bulk intake journals for every case.
std::string case_json(const Case& c);

// One row of `casectl list`, and the columns a table shows.
Record summary_record(const CaseSummary& s);
// The same row with the labels of its codes (add_case_labels): what `list` and `find` print.
Record summary_record(const CaseSummary& s, const config::Config& config);
const std::vector<Column>& summary_columns();

// {"field": [old, new]} for every field of case_record that differs between the two: what an
// update of a case journals.
Record case_changes(const Case& before, const Case& after);

// One line a person can read of a journal entry's changes: "registered" for a new record,
// "field: old → new; ..." for edits (the `summary` of history_record).
std::string change_summary(const std::string& action, const Record& changes);

// One journal entry, as `casectl log` prints it ("changes" is the parsed JSON object).
Record history_record(const HistoryEntry& e);
const std::vector<Column>& history_columns();

// The full case with what its assessments say: "risk" (the latest assessment's, the case's
// current risk; null before any) and "assessments" (number, assessed_on, method, risk of each).
Record case_record(const Case& c, const std::vector<Assessment>& assessments);

// Adds who works on the case to a case record: "supervisor" (login or null) and "team" (login,
// role, added_on of each member of the interagency team).
void add_people(Record& case_record, const std::string& supervisor, const std::vector<TeamMember>& team);

// Adds, beside each code a case record (or a list row) holds, its label in the config's language:
// kind_label, status_label, urgency_label, district_label, source_label, groups_label (a list: one
// label per group, in order) and risk_label. A field the record lacks gets no label, a null code a
// null label, and a code the reference data no longer knows (a district renamed since) is its own
// label. Scripts keep reading the codes; people (tables, documents) read the labels.
void add_case_labels(Record& record, const config::Config& config);

// Adds to each of the card's members and removed_members what people read beside the stored
// fields: relationship_label (null without a relationship), national_id_kind ("iin", "snils" or
// null) and national_id_kind_label ("ИИН", "СНИЛС"; "IIN", "SNILS" in English), age in whole years on the day `on` (YYYY-MM-DD:
// today, or `show --as-of`'s day) and minor (under 18 then); both null without a birth date, or for one not yet born on `on`.
void add_member_fields(Record& record, const config::Config& config, const std::string& on);

// The label of `code` among `items` in the config's language; the code itself when unknown.
std::string label_of(const config::Config& config, const std::vector<config::RefItem>& items, const std::string& code);

// Adds case_manager_name and supervisor_name (null when there is none, the login when the staff
// list no longer knows it) to a case record: what a document prints instead of a login.
void add_staff_names(Record& record, const std::function<std::string(const std::string&)>& name_of);

// Adds the members taken out of the household to a case record: "removed_members" (number, name,
// role, birth_date, removed_on, reason of each, by number).
void add_removed_members(Record& case_record, const std::vector<RemovedMember>& removed);

// Each event's `members` (the numbers add_monitoring_record puts there) as {number, name, first,
// last}: the name of the household member, or of one removed since (add_removed_members first), ""
// for a number the card does not hold; `first` and `last` let a template put the names on one line
// with separators between them.
void name_event_members(Record& case_record);

// Adds what monitoring recorded to a case record (`show`, the case document): "events" (each
// with happened_on, event, event_label, before_opening (history from before the case was opened),
// note, recorded_by), "task_notes" (the notes written on task updates: updated_on, task, revision,
// status, status_label, note, updated_by), "closure" (while the case is closed, its last closing;
// null otherwise) and "closures" (every closing, oldest first: closed_on, reason, outcome,
// outcome_label, expectations_met, expectations_note, final_assessment, domain_changes (domain,
// label, baseline, final, change), forced_reason, reopened_on, reopen_reason (null until
// reopened), closed_by).
void add_monitoring_record(Record& case_record, const std::vector<EventRow>& events, const std::vector<TaskUpdateRow>& task_notes,
                           const std::vector<ClosureRow>& closures, const config::Config& config);

// One assessment, as `casectl assess CASE --show` prints it and its template sees it. Scores are
// listed in the config's domain order, each with the domain's and the score's label.
Record assessment_record(const Assessment& a, const config::Config& config);

// Each domain's score over time, as `casectl assess CASE --history` prints it: baseline (the
// first assessment that scored it), latest, change (latest - baseline), and the series.
std::vector<Record> domain_history_records(const std::vector<Assessment>& all, const config::Config& config);
const std::vector<Column>& domain_history_columns();

// One task, as the plan lists it: the stored fields plus "responsible" (who, in one line) and
// "frequency" ("5/week", or null).
// A person's name by login ("" when unknown): documents name people where scripts see logins.
using NameOf = std::function<std::string(const std::string&)>;

// "worker_name" and "responsible_label" (`responsible` as people read it) name the worker by
// `name_of` (the login without it); "responsible" keeps the login, for scripts.
Record task_record(const PlanTask& t, const config::Config& config, const NameOf& name_of = {});
const std::vector<Column>& task_columns();

// A plan revision, as `casectl plan CASE -o json` prints it and the plan template sees it: the
// revision's fields, "goals" (each with its own "tasks") and every task flat in "tasks".
// With `name_of`, its tasks name their workers (task_record).
Record plan_record(const Plan& p, const config::Config& config, const NameOf& name_of = {});

// One task of an approved plan with its case, as `casectl plan tasks` lists them.
Record agency_task_record(const AgencyTask& a, const config::Config& config, const NameOf& name_of = {});
const std::vector<Column>& agency_task_columns();

} // namespace casectl::views
