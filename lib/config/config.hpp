// Configuration: built-in defaults, then TOML files, then CASECTL_* environment, then flags.
//
// One function, load(), reads the layers in this order; each later layer overrides the earlier:
//   1. built-in defaults
//   2. system file   /etc/casectl/config.toml
//   3. user file     $XDG_CONFIG_HOME/casectl/config.toml (or ~/.config/...)
//   4. project file  ./casectl.toml
//   5. a file named by --config or CASECTL_CONFIG
//   6. environment   CASECTL_* (see k_settings in config.cpp)
//   7. flags         --db, --as, --today, --lang
// Scalar settings override key by key. A reference table (districts, groups, sources, agencies,
// staff, assessment domains, scale) is replaced whole by the last layer that defines it.
// Every effective value remembers where it came from, for `casectl config show`.
#pragma once

#include "model/staff.hpp"
#include "util/date.hpp"
#include "util/status.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace casectl::config {

// One item of reference data: a stable code stored in the case and a label shown to people.
struct RefItem {
  std::string code;     // e.g. "large-family"; what the store keeps
  std::string label_ru; // e.g. "Многодетная семья"
  std::string label_en; // e.g. "Large family"; label_ru when the config gave one label only
  std::string label_kk; // e.g. "Көп балалы отбасы"; "" when none is known: Kazakh readers then get label_ru
};

// Where an effective value came from, as `config show` prints it:
// "default", "/etc/casectl/config.toml:12", "env CASECTL_DB", "flag --db".
struct Entry {
  std::string key;
  std::string value;
  std::string origin;
};

struct Config {
  std::string store_path;                         // store.path; default $XDG_DATA_HOME/casectl/cases.db
  int busy_timeout_ms = 5000;                     // store.busy_timeout: how long a write waits for a lock
  std::string user;                               // user: the acting user recorded on every change
  std::optional<date::Date> today;                // today: fixed business date; nullopt = the system clock
  std::string timezone;                           // timezone: the local zone of "today" and of times shown to people
                                                  // (tzdata name or POSIX TZ string); "" = TZ, else the system's
  std::string language = "ru";                    // language: ru, kk or en, for labels and templates; by
                                                  // default a Russian or Kazakh locale's (LANGUAGE, LC_ALL,
                                                  // LC_MESSAGES, LANG), else ru
  std::string messages_language = "ru";           // of errors, warnings and summaries: --lang or CASECTL_LANG
                                                  // when given, else the locale's (an English one too),
                                                  // else `language`
  std::string case_id_format = "{year}-{seq:05}"; // case_id.format (fmt syntax, {year} {seq})
  std::string default_kind = "family";            // intake.kind
  std::string default_urgency = "routine";        // intake.urgency
  std::string default_source = "self";            // intake.source
  std::map<std::string, std::chrono::seconds> response_deadline;  // urgency.<level>
  bool audit_reads = false;                                       // audit.reads: journal who read which case (show, report cases)
  bool csv_guard_formulas = true;                                 // csv.guard_formulas: neutralise =,+,-,@ cells in CSV output
  std::size_t input_max_field_bytes = std::size_t{1} << 20;       // input.max_field_bytes: one field of a bulk record
  std::size_t input_max_record_bytes = std::size_t{8} << 20;      // input.max_record_bytes: one bulk record (line)
  std::size_t templates_max_output_bytes = std::size_t{16} << 20; // templates.max_output_bytes: one rendering
  std::size_t templates_max_depth = 8;                            // templates.max_depth: sections nested in one template
  std::string templates_dir;                                      // templates.dir: a region's own templates, searched first
  bool require_home_visit = true;                                 // plan.require_home_visit: approval needs a home visit
  int inform_within_days = 3;           // plan.inform_within: days after a plan begins by which its agencies are told ("off": 0)
  bool volunteers_manage = false;       // assign.volunteers_manage: a volunteer coordinator may be a case manager
                                        // or supervisor
  std::string district_check = "warn";  // assign.district_check: staff outside the case's district:
                                        // "warn" (a warning), "refuse" (exit 4) or "off"
  std::vector<std::string> redact_keep; // redact.keep: free-text fields --redact keeps (with the case's
                                        // people masked in them); empty = hide all free text

  std::vector<RefItem> districts; // empty: any district is accepted as written
  std::vector<RefItem> groups;
  std::vector<RefItem> sources;
  std::vector<RefItem> agencies;
  std::vector<StaffMember> staff;
  std::vector<RefItem> domains;                                     // assessment domains
  std::vector<RefItem> scale;                                       // assessment scale labels, codes "1".."5"
  std::vector<RefItem> events;                                      // significant event types review records (events table)
  std::vector<RefItem> relationships;                               // who a household member is to the family
  std::chrono::seconds review_cadence{std::chrono::hours{24 * 30}}; // review.cadence: next review by default

  std::vector<Entry> entries; // every effective value with its origin, sorted by key

  // The label of `item` in the configured language.
  // Kazakh falls back to Russian, the other language every Kazakh reader reads, where an item
  // has no Kazakh label.
  const std::string& label(const RefItem& item) const {
    if (language == "en") return item.label_en;
    if (language == "kk" && !item.label_kk.empty()) return item.label_kk;
    return item.label_ru;
  }
};

// The languages of labels, templates and documents: "ru", "kk", "en".
const std::vector<std::string>& languages();

// One of three texts for the configured language; `kk` null (not yet written) gives `ru`.
const char* in_language(const Config& config, const char* ru, const char* en, const char* kk);

// The urgency levels, most urgent first. Fixed: reports and the store rely on them.
const std::vector<std::string>& urgency_levels();

// Inputs of load() that come from outside the process: seams for tests.
struct Sources {
  std::string system_file = "/etc/casectl/config.toml";
  std::string user_file; // default: config_home()/casectl/config.toml
  std::string project_file = "casectl.toml";
  std::string explicit_file;                      // --config; CASECTL_CONFIG when empty
  std::function<std::string(const char*)> getenv; // default: the process environment
  std::map<std::string, std::string> flags;       // setting key -> value given by a flag
};

// Loads and checks the whole configuration. A missing system, user or project file is not an
// error; a missing explicit file is (Status::config). A file that is not valid TOML, an unknown
// key, or a value of the wrong type or range fails with Status::config naming the file, line and
// key, and "did you mean" for near misses.
Result<Config> load(Sources sources);

// Finds the code of `input` in `items`: equal to a code, or to a code or label after case folding.
// When `items` is empty, any non-empty input is accepted as written. Fails with Status::invalid:
// "unknown <field> 'X' (did you mean 'Y'?); known: a, b, c".
Result<std::string> resolve(const std::vector<RefItem>& items, const std::string& input, const std::string& field);

// Resolves every value of a repeatable option (each may hold several, comma-separated) to its
// code, appending to `out`; the first unknown value is Status::invalid "FLAG: ..." with did-you-mean.
Status resolve_all(const std::vector<RefItem>& items, const std::vector<std::string>& given, const std::string& flag,
                   std::vector<std::string>& out);

// The code of the item whose code or label equals `input` after case folding, trimming and ё read
// as е (a label's part before "(" is enough: "внук" for "Внук (внучка)"), or "" when none does
// (free text that names no item).
std::string find_code(const std::vector<RefItem>& items, const std::string& input);

// The code of a kind of staff as typed: "staff" or "volunteer" (also сотрудник, волонтёр; any case).
// Status::invalid otherwise, saying both.
Result<std::string> staff_kind(const std::string& given);

// The staff member with this login, or nullptr.
const StaffMember* find_staff(const Config& config, const std::string& login);

} // namespace casectl::config
