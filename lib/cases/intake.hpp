// Intake: checking what the user gave and registering a new case.
#pragma once

#include "model/case.hpp"
#include "model/change.hpp"
#include "config/config.hpp"
#include "util/date.hpp"
#include "util/status.hpp"
#include "util/text.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace casectl {
namespace store {
class CaseStore;
}

// What a user gives for a new case, as text, before any checking. Field names are those of the
// JSON view and of the CSV columns. Unset optional fields take the documented defaults.
struct IntakeRequest {
  std::string name;
  std::optional<std::string> kind; // family | person (or the label); default intake.kind
  std::optional<std::string> district;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> source; // default intake.source
  std::optional<std::string> referrer;
  std::optional<std::string> urgency; // default intake.urgency
  std::optional<std::string> consent; // yes | no (and true/false, 1/0, да/нет, иә/жоқ); default no
  std::optional<std::string> external_id;
  std::optional<std::string> note;
  std::optional<std::string> opened; // YYYY-MM-DD or DD.MM.YYYY; default today
  std::vector<std::string> groups;
  std::vector<std::string> problems;
  std::vector<std::string> members; // "NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE", all but the name optional
  // The numbers of `members`, one each, when they have them already (an edit); empty: 1, 2, 3...
  // Problems name a member by its number ("member 3 birth date: ...").
  std::vector<int> member_numbers;
  bool consultation = false;
};

// A member as intake reads it back: "NAME;ROLE;BIRTHDATE;NATIONAL_ID;LIVES_ELSEWHERE", trailing
// empty parts left out.
std::string member_spec(const Member& m);

// Checks and normalises every field of `request`: codes resolved against the config (case and
// labels ignored), dates parsed, text checked for valid UTF-8 and stray control characters,
// the response deadline computed from the urgency. Every problem is reported at once, added to
// `problems` a line per field ("district: unknown district 'Алмалы' (did you mean ...)"). The
// result has everything but the case id and the registration stamps, and is meaningful only when
// `problems` stayed empty.
Case check_case(const IntakeRequest& request, const config::Config& config, const date::Clock& clock,
                std::vector<std::string>& problems);

// What to do with a new record that looks like an open case (same member name and birth date,
// same phone, or same address in the same district).
enum class OnDuplicate {
  fail,  // refuse it (exit 4 for a single intake; in bulk, the record is rejected)
  skip,  // do not create it; report the existing case
  link,  // create it and record the link to the existing case(s)
  allow, // create it
};

// What to do with a record whose external id is already in the store.
enum class OnExisting {
  update, // update that case with the fields the record gives
  skip,   // leave the case as it is
  fail,   // refuse the record
};

// The policy named NAME (fail, skip, link, allow); a usage error that names `option` and suggests
// the nearest otherwise.
Result<OnDuplicate> parse_on_duplicate(const std::string& name, const char* option = "--on-duplicate");

struct IntakeOptions {
  OnDuplicate on_duplicate = OnDuplicate::fail;
  OnExisting on_existing = OnExisting::update;
};

// What became of one intake record.
enum class IntakeFate { created, updated, unchanged, skipped, rejected };

struct IntakeResult {
  IntakeFate fate = IntakeFate::rejected;
  std::string case_id;                    // the case created, updated or matched (empty when rejected)
  std::vector<DuplicateMatch> duplicates; // likely duplicates found, whatever was done about them
  Status status;                          // why it was rejected: invalid (65) or conflict (4)
  std::vector<std::string> problems;      // rejected as invalid: one line per field
};

// Registers records one by one inside the caller's write transaction, with statements prepared
// once. A record with problems is rejected, not an error: add() fails only when the store does.
// Records of the same session see each other, so duplicates within one file are found too.
class IntakeSession {
 public:
  IntakeSession(store::CaseStore& store, const config::Config& config, const ChangeContext& context, IntakeOptions options);
  ~IntakeSession();
  Result<IntakeResult> add(const IntakeRequest& request);

  // For a bulk run: the full-text index rows of the cases created from now on are written by
  // finish(), all in one statement, instead of one by one (see CaseStore::
  // defer_search_rows). Call finish() before the transaction commits, or `find` will not see
  // those cases.
  Status defer_search_index();
  // Writes what defer_search_index() held back. Fails only when the store does.
  Status finish();

 private:
  Result<IntakeResult> create(Case c);
  Result<IntakeResult> update(long long row, const Case& existing, const IntakeRequest& request);
  store::CaseStore& m_store;
  const config::Config& m_config;
  const ChangeContext& m_context;
  IntakeOptions m_options;
};

// One intake, as `casectl intake` without --from: the record's fate, in one transaction of its own
// (rolled back with `dry_run`). A rejected record is a failure: Status::invalid listing its
// problems ("the case was not registered:" then a line per field), or its conflict.
Result<IntakeResult> intake_case(store::CaseStore& store, const config::Config& config, const ChangeContext& context,
                                 const IntakeRequest& request, const IntakeOptions& options, bool dry_run);

// What a correction of a stored case (an update by external id, `edit`) never changes, copied
// from `existing` into the checked case: its id, status, consultation, closing, manager, and the
// stamps of its registration and last change.
void keep_stored_fields(Case& checked, const Case& existing);

// Gives the members of `after` the numbers the same people have in `before` (the same name, by
// text::search_key, and the same birth date), and 0 to each one not there (number them from
// next_member_number on); returns the members of `before` that `after` does not hold. For a
// household given whole again (an update by external id). A member found keeps its national id
// and where it lives elsewhere when `after` gives none.
std::vector<Member> keep_member_numbers(const std::vector<Member>& before, std::vector<Member>& after);

// The reason kept for a member an update by external id left out of the household.
inline constexpr const char* k_left_out_by_update = "not in the household of the updated record (intake --on-existing update)";

// The first number no member of the case at `row` has had: past its members and the removed ones.
Result<int> next_member_number(store::CaseStore& store, long long row, const std::vector<Member>& members);

// Urgencies in order: emergency 0, urgent 1, routine 2 (a higher rank is a lower urgency).
int urgency_rank(const std::string& urgency);

// A yes or a no as people write it (util/text.hpp, domain-free, so that the record readers need
// nothing of the store).
using text::parse_yes_no;

// Formats a case id from the configured format ("{year}-{seq:05}" gives 2026-00042).
std::string format_case_id(const std::string& format, int year, long long seq);

// The next free case id for a case opened on `opened_on` (YYYY-MM-DD): the counter of its year (of
// the store, when the format has no {year}) moves on, past ids already taken. Inside write().
Result<std::string> next_free_case_id(store::CaseStore& store, const config::Config& config, const std::string& opened_on);

// The reference items for kinds, urgencies and statuses, with Russian and English labels.
const std::vector<config::RefItem>& kinds();
const std::vector<config::RefItem>& urgencies();
const std::vector<config::RefItem>& statuses();

} // namespace casectl
