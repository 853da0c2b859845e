// What each field of casectl's records is, for --redact: the one list of field names and what
// redaction does with each. Depends on nothing but the standard library, so that the config (which
// checks `redact.keep` against it) and the output (which redacts with it) share the same list.
//
// A field is classified by its key, wherever it sits in a record (top level, a list, a nested
// object such as a journal entry's `changes`), with two refinements by context:
//   - in an object with a `login` (a staff member: team, staff list, caseload) or a `team_member`
//     (a journal entry's change of the team), `name` and `role` are the staff member's and safe;
//   - in an object under `filters` (a report's heading), `name` is the filter's label and is safe.
// (redact.cpp adds a third: in a report row `by` service, `label` and `value` are a task's `what`.)
//
// The rule, in this order:
//   1. a key in the person / address / phone / id / birth-date / derived / safe / free-text lists
//      below has that class;
//   2. any other key containing "note", "reason" or "description" is free text (so that fields
//      added later, such as `task_note`, `event_note`, `reopen_reason`, are hidden without being
//      listed);
//   3. anything else is `unknown`, which --redact treats as free text (hidden): an unlisted field
//      is never printed as is. The unit test test_output_redact_fields.cpp walks every record of a
//      fully populated case and fails on an unknown string field, so a new field gets classified.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace casectl::redact {

enum class FieldClass {
  unknown,     // not classified: hidden like free text at run time; the unit test fails on it
  safe,        // codes, dates, numbers, config labels, staff logins and staff names: kept
  person_name, // a person helped (or at a plan meeting): initials
  address,     // a placeholder
  phone,       // digits masked but the last two
  external_id, // letters and digits masked but the last two
  birth_date,  // the year only
  free_text,   // typed text: hidden unless `redact.keep` names it; when kept, people masked in it
  derived,     // text built from other fields (`responsible`, `summary`): their redacted values put in
  command,     // the command line of a journal entry: hidden like free text, never kept
};

// Where a key sits, for the refinements above.
struct FieldContext {
  bool staff = false;      // the object is a staff member's (is_staff)
  std::string_view parent; // the key of the object or list holding it ("" at the top)
};

FieldClass classify(std::string_view key, const FieldContext& context = {});

// True when `object` (a JSON object) is about a staff member: it has a `login` or a `team_member`.
template <class Object> bool is_staff(const Object& object) {
  return object.is_object() && (object.contains("login") || object.contains("team_member"));
}

// Every field name classified as free text by rule 1, in the order of the docs: what
// `redact.keep` may name (with any other name rule 2 makes free text).
const std::vector<std::string>& free_text_fields();

// True when `name` may be given in `redact.keep`: classify(name) is free_text.
bool keepable(std::string_view name);

} // namespace casectl::redact
