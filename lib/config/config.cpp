#include "config/config.hpp"

#include "config/defaults.hpp"
#include "output/redact_fields.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace casectl::config {

namespace {

using ApplyFn = Status (*)(Config&, const std::string&);

// redact.keep: free-text field names, separated by commas (a TOML list is read as such a text).
Status apply_redact_keep(Config& c, const std::string& v) {
  std::vector<std::string> keep;
  for (const std::string& part : text::split(v, ',')) {
    std::string field = text::trim(part);
    if (field.empty()) continue;
    if (!redact::keepable(field))
      return Status::invalid(trf("'{}' is not a free-text field{}; the free-text fields: {}", field,
                                 text::did_you_mean(field, redact::free_text_fields()),
                                 text::join(redact::free_text_fields(), ", ")));
    if (std::find(keep.begin(), keep.end(), field) == keep.end()) keep.push_back(field);
  }
  c.redact_keep = std::move(keep);
  return Status::ok();
}

// case_id.format: how long the format and the ids it makes may be, and the widest field.
constexpr std::size_t k_max_case_id_format = 64;
constexpr std::size_t k_max_case_id_width = 12;

// The largest number written inside the braces of a format ({seq:>20} gives 20): a width or a
// precision. Saturates instead of overflowing.
std::size_t case_id_width(const std::string& format) {
  std::size_t widest = 0;
  bool inside = false;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '{') inside = true;
    else if (format[i] == '}') inside = false;
    if (!inside || format[i] < '0' || format[i] > '9') continue;
    std::size_t number = 0;
    for (; i < format.size() && format[i] >= '0' && format[i] <= '9'; ++i)
      number = std::min<std::size_t>(number * 10 + static_cast<std::size_t>(format[i] - '0'), 1000000);
    widest = std::max(widest, number);
    --i;
  }
  return widest;
}

// One scalar setting: its key in TOML, its environment variable and flag (if any), and how its
// text becomes a value. This table drives file, environment and flag parsing alike.
struct SettingSpec {
  const char* key;
  const char* env;  // nullptr: no environment variable
  const char* flag; // nullptr: no flag
  ApplyFn apply;
};

Status parse_bool(const std::string& text, bool& out) {
  std::string folded = text::casefold(text);
  if (folded == "true" || folded == "yes" || folded == "1" || folded == "on") {
    out = true;
    return Status::ok();
  }
  if (folded == "false" || folded == "no" || folded == "0" || folded == "off") {
    out = false;
    return Status::ok();
  }
  return Status::invalid(tr("expected true or false"));
}

// A size or count from 1 to `most`.
Status parse_count(const std::string& text, std::size_t most, std::size_t& out) {
  char* end = nullptr;
  errno = 0;
  unsigned long long n = std::strtoull(text.c_str(), &end, 10);
  if (text.empty() || text[0] == '-' || *end != '\0' || errno == ERANGE || n < 1 || n > most)
    return Status::invalid(trf("expected a whole number from 1 to {}", most));
  out = static_cast<std::size_t>(n);
  return Status::ok();
}

Status apply_deadline(Config& c, const std::string& level, const std::string& text) {
  Result<std::chrono::seconds> d = date::parse_duration(text);
  if (!d) return d.status();
  c.response_deadline[level] = *d;
  return Status::ok();
}

const SettingSpec k_settings[] = {
    {"store.path", "CASECTL_DB", "--db",
     [](Config& c, const std::string& v) {
       if (v.empty()) return Status::invalid(tr("the store path is empty"));
       c.store_path = v;
       return Status::ok();
     }},
    {"store.busy_timeout", "CASECTL_BUSY_TIMEOUT", nullptr,
     [](Config& c, const std::string& v) {
       char* end = nullptr;
       long ms = std::strtol(v.c_str(), &end, 10);
       if (v.empty() || *end != '\0' || ms < 0 || ms > 3600000)
         return Status::invalid(tr("expected milliseconds, a whole number from 0 to 3600000"));
       c.busy_timeout_ms = static_cast<int>(ms);
       return Status::ok();
     }},
    {"user", "CASECTL_USER", "--as",
     [](Config& c, const std::string& v) {
       if (v.empty()) return Status::invalid(tr("the acting user is empty"));
       c.user = v;
       return Status::ok();
     }},
    {"today", "CASECTL_TODAY", "--today",
     [](Config& c, const std::string& v) {
       if (v.empty()) {
         c.today.reset();
         return Status::ok();
       }
       // Written in full: today is what relative dates count from, so it cannot be one itself.
       Result<date::Date> d = date::parse_typed_date(v, date::Date{}, date::DateForms::absolute);
       if (!d) return d.status();
       c.today = *d;
       return Status::ok();
     }},
    {"timezone", "CASECTL_TIMEZONE", nullptr,
     [](Config& c, const std::string& v) {
       if (!v.empty()) CASECTL_TRY(date::check_time_zone(v));
       c.timezone = v;
       return Status::ok();
     }},
    {"language", "CASECTL_LANG", "--lang",
     [](Config& c, const std::string& v) {
       if (v != "ru" && v != "kk" && v != "en") return Status::invalid(tr("expected ru, kk or en"));
       c.language = v;
       return Status::ok();
     }},
    {"case_id.format", "CASECTL_CASE_ID_FORMAT", nullptr,
     [](Config& c, const std::string& v) {
       // A width such as {seq:>999999999} would make every case id a gigabyte: bound it first.
       if (v.size() > k_max_case_id_format)
         return Status::invalid(trf("the format is longer than {} characters", k_max_case_id_format));
       if (case_id_width(v) > k_max_case_id_width)
         return Status::invalid(trf("a field is wider than {} characters; e.g. \"{{year}}-{{seq:05}}\"", k_max_case_id_width));
       try {
         std::string sample = fmt::format(fmt::runtime(v), fmt::arg("year", 2026), fmt::arg("seq", 42));
         if (sample.size() > k_max_case_id_format)
           return Status::invalid(trf("the format makes case ids longer than {} characters", k_max_case_id_format));
         if (sample.empty() || v.find("{seq") == std::string::npos)
           return Status::invalid(tr("the format must contain {seq}, e.g. \"{year}-{seq:05}\""));
       } catch (const fmt::format_error& e) {
         return Status::invalid(trf("not a valid format ({}); use {{year}} and {{seq}}, e.g. \"{{year}}-{{seq:05}}\"", e.what()));
       }
       c.case_id_format = v;
       return Status::ok();
     }},
    {"intake.kind", nullptr, nullptr,
     [](Config& c, const std::string& v) {
       if (v != "family" && v != "person") return Status::invalid(tr("expected family or person"));
       c.default_kind = v;
       return Status::ok();
     }},
    {"intake.urgency", nullptr, nullptr,
     [](Config& c, const std::string& v) {
       const auto& levels = urgency_levels();
       if (std::find(levels.begin(), levels.end(), v) == levels.end())
         return Status::invalid(tr("expected emergency, urgent or routine"));
       c.default_urgency = v;
       return Status::ok();
     }},
    {"intake.source", nullptr, nullptr,
     [](Config& c, const std::string& v) {
       c.default_source = v; // checked against the sources table once all layers are read
       return Status::ok();
     }},
    {"urgency.emergency", nullptr, nullptr, [](Config& c, const std::string& v) { return apply_deadline(c, "emergency", v); }},
    {"urgency.urgent", nullptr, nullptr, [](Config& c, const std::string& v) { return apply_deadline(c, "urgent", v); }},
    {"urgency.routine", nullptr, nullptr, [](Config& c, const std::string& v) { return apply_deadline(c, "routine", v); }},
    {"audit.reads", "CASECTL_AUDIT_READS", nullptr, [](Config& c, const std::string& v) { return parse_bool(v, c.audit_reads); }},
    {"csv.guard_formulas", "CASECTL_CSV_GUARD_FORMULAS", nullptr,
     [](Config& c, const std::string& v) { return parse_bool(v, c.csv_guard_formulas); }},
    {"input.max_field_bytes", nullptr, nullptr,
     [](Config& c, const std::string& v) { return parse_count(v, std::size_t{1} << 30, c.input_max_field_bytes); }},
    {"input.max_record_bytes", nullptr, nullptr,
     [](Config& c, const std::string& v) { return parse_count(v, std::size_t{1} << 30, c.input_max_record_bytes); }},
    {"templates.max_output_bytes", nullptr, nullptr,
     [](Config& c, const std::string& v) { return parse_count(v, std::size_t{1} << 32, c.templates_max_output_bytes); }},
    {"templates.max_depth", nullptr, nullptr,
     [](Config& c, const std::string& v) { return parse_count(v, 64, c.templates_max_depth); }},
    {"templates.dir", "CASECTL_TEMPLATES", nullptr,
     [](Config& c, const std::string& v) {
       c.templates_dir = v;
       return Status::ok();
     }},
    {"review.cadence", "CASECTL_REVIEW_CADENCE", nullptr,
     [](Config& c, const std::string& v) {
       Result<std::chrono::seconds> d = date::parse_duration(v);
       if (!d) return d.status();
       c.review_cadence = *d;
       return Status::ok();
     }},
    {"redact.keep", "CASECTL_REDACT_KEEP", nullptr, apply_redact_keep},
    {"plan.require_home_visit", "CASECTL_PLAN_REQUIRE_HOME_VISIT", nullptr,
     [](Config& c, const std::string& v) { return parse_bool(v, c.require_home_visit); }},
    {"plan.inform_within", "CASECTL_PLAN_INFORM_WITHIN", nullptr,
     [](Config& c, const std::string& v) {
       if (v == "off") {
         c.inform_within_days = 0;
         return Status::ok();
       }
       Result<std::chrono::seconds> d = date::parse_duration(v);
       if (!d) return Status::invalid(d.status().message() + ", or off");
       const long long day = 24 * 3600;
       if (d->count() < day || d->count() % day != 0) return Status::invalid(tr("expected whole days (3d, 1w), or off"));
       c.inform_within_days = static_cast<int>(d->count() / day);
       return Status::ok();
     }},
    {"assign.volunteers_manage", "CASECTL_ASSIGN_VOLUNTEERS_MANAGE", nullptr,
     [](Config& c, const std::string& v) { return parse_bool(v, c.volunteers_manage); }},
    {"assign.district_check", "CASECTL_ASSIGN_DISTRICT_CHECK", nullptr,
     [](Config& c, const std::string& v) {
       if (v != "warn" && v != "refuse" && v != "off") return Status::invalid(tr("expected warn, refuse or off"));
       c.district_check = v;
       return Status::ok();
     }},
};

// The tables a file can hold. Reference tables merge by code into the built-ins and earlier files
// (see merge_ref_table); staff is replaced whole by the last file defining it.
const char* const k_tables[] = {"districts",          "groups",           "sources", "agencies",     "staff",
                                "assessment.domains", "assessment.scale", "events",  "relationships"};

struct Value {
  std::string text;
  std::string origin;
};

// What the layers read so far, before it is checked and turned into a Config.
struct Layers {
  std::map<std::string, Value> settings;              // key -> text and origin
  std::map<std::string, std::vector<RefItem>> tables; // built-ins first, then each file's changes
  std::map<std::string, std::string> table_origin;    // where the table last changed
  std::map<std::string, std::string> item_origin;     // "events.court-hearing" -> "file:12"
  std::vector<StaffMember> staff;
  std::map<std::string, std::string> staff_member_origin; // login -> "file:7"
};

std::vector<std::string> setting_keys() {
  std::vector<std::string> keys;
  for (const SettingSpec& spec : k_settings) keys.emplace_back(spec.key);
  for (const char* table : k_tables) keys.emplace_back(table);
  return keys;
}

std::string where(const std::string& path, const toml::source_region& source) {
  return fmt::format("{}:{}", path, source.begin.line);
}

Status unknown_key(const std::string& path, const toml::source_region& source, const std::string& key) {
  return Status::config(trf("{}: unknown key '{}'{}; see 'casectl config show' for the keys", where(path, source), key,
                            text::did_you_mean(key, setting_keys())));
}

// The settings whose value is a list (in TOML a list of strings; in the environment, commas).
bool is_list_setting(const std::string& key) { return key == "redact.keep"; }

Result<std::string> scalar_text(const toml::node& node, const std::string& path, const std::string& key) {
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
  if (auto list = node.as_array(); list && is_list_setting(key)) { // a list of strings, as the text "a, b, c"
    std::vector<std::string> items;
    for (const toml::node& item : *list) {
      if (!item.is_string()) return Status::config(trf("{}: {} must be a list of strings", where(path, item.source()), key));
      items.push_back(item.as_string()->get());
    }
    return text::join(items, ", ");
  }
  return Status::config(trf("{}: {} must be a string, a number or true/false", where(path, node.source()), key));
}

// The entries of a TOML table in the order the file wrote them: toml++ keeps a table's keys sorted,
// and people list districts, agencies and events in the order their reports should show them.
std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& table) {
  std::vector<std::pair<std::string, const toml::node*>> entries;
  for (auto&& [key, node] : table) entries.emplace_back(std::string(key.str()), &node);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    const toml::source_position& x = a.second->source().begin;
    const toml::source_position& y = b.second->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return entries;
}

// One item of a reference table: `code = "label"` or `code = { ru = "...", kk = "...", en = "..." }`.
Result<RefItem> read_ref_item(const std::string& code, const toml::node& node, const std::string& path, const std::string& key) {
  RefItem item;
  item.code = code;
  if (auto label = node.as_string()) {
    item.label_ru = item.label_en = label->get();
  } else if (auto labels = node.as_table()) {
    for (auto&& [field, value] : *labels) {
      std::string name(field.str());
      if (name != "ru" && name != "kk" && name != "en")
        return Status::config(trf("{}: unknown key '{}.{}.{}'{}; a label takes ru, kk and en: {{ ru = \"...\", "
                                  "kk = \"...\", en = \"...\" }}",
                                  where(path, value.source()), key, code, name,
                                  text::did_you_mean(name, {"ru", "kk", "en", "retired"})));
      if (!value.is_string())
        return Status::config(trf("{}: {}.{}.{} must be a string", where(path, value.source()), key, code, name));
    }
    auto text_of = [&](const char* language) {
      return labels->get(language) ? labels->get(language)->as_string()->get() : std::string();
    };
    item.label_ru = text_of("ru");
    item.label_en = text_of("en");
    item.label_kk = text_of("kk");
    if (item.label_ru.empty() && item.label_en.empty() && item.label_kk.empty())
      return Status::config(trf("{}: {}.{} needs a label: a string, or {{ ru = \"...\", kk = \"...\", en = \"...\" }}",
                                where(path, node.source()), key, item.code));
    if (item.label_ru.empty()) item.label_ru = item.label_kk.empty() ? item.label_en : item.label_kk;
    if (item.label_en.empty()) item.label_en = item.label_ru;
  } else {
    return Status::config(trf("{}: {}.{} must be a label string or {{ ru = \"...\", kk = \"...\", en = \"...\" }}",
                              where(path, node.source()), key, item.code));
  }
  if (!text::is_valid_utf8(item.label_ru) || !text::is_valid_utf8(item.label_en) || !text::is_valid_utf8(item.label_kk))
    return Status::config(trf("{}: {}.{} is not valid UTF-8", where(path, node.source()), key, item.code));
  return item;
}

// True for `code = { retired = true }` (also written `[events.code]` / `retired = true`).
Result<bool> is_retirement(const std::string& code, const toml::node& node, const std::string& path, const std::string& key) {
  const toml::table* table = node.as_table();
  if (!table || !table->get("retired")) return false;
  const toml::node* retired = table->get("retired");
  if (!retired->is_boolean() || table->size() != 1)
    return Status::config(trf("{}: {}.{}: write 'retired = true' alone to hide a code, or give labels "
                              "(ru = \"...\", en = \"...\") to add or relabel one",
                              where(path, node.source()), key, code));
  return retired->as_boolean()->get();
}

// Merges one file's reference table into the list so far (the built-ins, then earlier files): a code
// already there is relabelled in place, a new one is added at the end, `code = { retired = true }`
// takes one out; `replace = true` in the table starts from an empty list (the table replaces all).
Status merge_ref_table(Layers& layers, const toml::table& table, const std::string& path, const std::string& key) {
  std::vector<RefItem>& items = layers.tables[key];
  if (const toml::node* replace = table.get("replace"); replace && replace->is_boolean()) {
    if (replace->as_boolean()->get()) {
      for (const RefItem& item : items) layers.item_origin.erase(key + "." + item.code);
      items.clear();
    }
  }
  for (const auto& entry : in_file_order(table)) {
    const std::string& code = entry.first; // a plain name: clang cannot capture a structured binding
    const toml::node* node = entry.second;
    if (code == "replace" && node->is_boolean()) continue;
    auto known = std::find_if(items.begin(), items.end(), [&](const RefItem& i) { return i.code == code; });
    Result<bool> retire = is_retirement(code, *node, path, key);
    if (!retire) return retire.status();
    if (*retire) {
      if (known == items.end()) {
        std::vector<std::string> codes;
        for (const RefItem& i : items) codes.push_back(i.code);
        return Status::config(trf("{}: {}.{}: there is no such code to retire{}", where(path, node->source()), key, code,
                                  text::did_you_mean(code, codes)));
      }
      items.erase(known);
      layers.item_origin.erase(key + "." + code);
      continue;
    }
    if (node->as_table() && node->as_table()->get("retired")) continue; // retired = false: nothing to do
    Result<RefItem> item = read_ref_item(code, *node, path, key);
    if (!item) return item.status();
    if (known != items.end()) *known = std::move(*item);
    else items.push_back(std::move(*item));
    layers.item_origin[key + "." + code] = where(path, node->source());
  }
  layers.table_origin[key] = where(path, table.source());
  return Status::ok();
}

// left_on: a TOML date (left_on = 2026-11-30) or the same as a string.
Result<std::string> read_left_on(const toml::node& value, const std::string& place, const std::string& login) {
  if (auto d = value.as_date())
    return fmt::format("{:04}-{:02}-{:02}", d->get().year, static_cast<int>(d->get().month), static_cast<int>(d->get().day));
  if (auto s = value.as_string())
    if (Result<date::Date> d = date::parse_date(s->get())) return date::format_date(*d);
  return Status::config(trf("{}: staff.{}.left_on must be a date, e.g. left_on = 2026-11-30", place, login));
}

Result<StaffMember> read_staff_member(const std::string& login, const toml::node& node, const std::string& path) {
  const toml::table* table = node.as_table();
  if (!table)
    return Status::config(
        trf("{}: staff.{} must be a table with name, agency, role, districts, capacity", where(path, node.source()), login));
  StaffMember member;
  member.login = login;
  for (auto&& [field_key, value] : *table) {
    std::string field(field_key.str());
    std::string place = where(path, value.source());
    if (field == "name" || field == "agency" || field == "role") {
      if (!value.is_string()) return Status::config(trf("{}: staff.{}.{} must be a string", place, login, field));
      std::string s = value.as_string()->get();
      (field == "name" ? member.name : field == "agency" ? member.agency : member.role) = s;
    } else if (field == "capacity") {
      if (!value.is_integer() || value.as_integer()->get() < 0)
        return Status::config(trf("{}: staff.{}.capacity must be a whole number of cases, 0 or more", place, login));
      member.capacity = static_cast<int>(value.as_integer()->get());
    } else if (field == "districts") {
      const toml::array* list = value.as_array();
      if (!list) return Status::config(trf("{}: staff.{}.districts must be a list of district codes", place, login));
      for (const toml::node& d : *list) {
        if (!d.is_string()) return Status::config(trf("{}: staff.{}.districts must hold strings", place, login));
        member.districts.push_back(d.as_string()->get());
      }
    } else if (field == "active") {
      if (!value.is_boolean()) return Status::config(trf("{}: staff.{}.active must be true or false", place, login));
      member.active = value.as_boolean()->get();
    } else if (field == "left_on") {
      Result<std::string> left = read_left_on(value, place, login);
      if (!left) return left.status();
      member.left_on = *left;
    } else if (field == "kind") {
      Result<std::string> kind =
          value.is_string() ? staff_kind(value.as_string()->get()) : Result<std::string>(Status::invalid(""));
      if (!kind)
        return Status::config(trf("{}: staff.{}.kind must be \"staff\" or \"volunteer\" (a volunteer or NGO "
                                  "coordinator)",
                                  place, login));
      member.kind = *kind;
    } else {
      return Status::config(
          trf("{}: unknown key 'staff.{}.{}'{}", place, login, field,
              text::did_you_mean(field, {"name", "agency", "role", "districts", "capacity", "active", "left_on", "kind"})));
    }
  }
  if (member.name.empty()) member.name = login;
  if (!member.left_on.empty()) member.active = false; // a worker who has left takes no new work
  return member;
}

Status read_table_key(Layers& layers, const std::string& key, const toml::node& node, const std::string& path) {
  const toml::table* table = node.as_table();
  if (!table) return Status::config(trf("{}: {} must be a table", where(path, node.source()), key));
  if (key == "staff") {
    std::vector<StaffMember> staff;
    layers.staff_member_origin.clear();
    for (const auto& [login, member_node] : in_file_order(*table)) {
      Result<StaffMember> member = read_staff_member(login, *member_node, path);
      if (!member) return member.status();
      staff.push_back(std::move(*member));
      layers.staff_member_origin[login] = where(path, member_node->source());
    }
    layers.staff = std::move(staff);
    return Status::ok();
  }
  return merge_ref_table(layers, *table, path, key);
}

bool is_table_key(const std::string& key) {
  return std::any_of(std::begin(k_tables), std::end(k_tables), [&](const char* t) { return key == t; });
}

const SettingSpec* find_setting(const std::string& key) {
  for (const SettingSpec& spec : k_settings)
    if (key == spec.key) return &spec;
  return nullptr;
}

// Reads one key of a file (a dotted `prefix` when it sits inside a section table).
Status read_key(Layers& layers, const std::string& key, const toml::node& node, const std::string& path) {
  if (is_table_key(key)) return read_table_key(layers, key, node, path);
  if (find_setting(key)) {
    Result<std::string> value = scalar_text(node, path, key);
    if (!value) return value.status();
    layers.settings[key] = {*value, where(path, node.source())};
    return Status::ok();
  }
  if (const toml::table* section = node.as_table()) {
    bool is_section = std::any_of(std::begin(k_settings), std::end(k_settings),
                                  [&](const SettingSpec& s) { return std::string(s.key).rfind(key + ".", 0) == 0; }) ||
                      key == "assessment";
    if (is_section) {
      for (auto&& [sub_key, sub_node] : *section)
        CASECTL_TRY(read_key(layers, key + "." + std::string(sub_key.str()), sub_node, path));
      return Status::ok();
    }
  }
  return unknown_key(path, node.source(), key);
}

Status read_file_layer(Layers& layers, const std::string& path, bool required) {
  if (path.empty()) return Status::ok();
  if (!files::exists(path)) {
    if (required) return Status::config(trf("config file {} does not exist", path));
    return Status::ok();
  }
  Result<std::string> content = files::read_file(path);
  if (!content) return Status::config(content.status().message());
  if (!text::is_valid_utf8(*content)) return Status::config(trf("{}: the file is not valid UTF-8", path));
  toml::table root;
  try {
    root = toml::parse(*content, path);
  } catch (const toml::parse_error& e) {
    return Status::config(
        trf("{}:{}:{}: not valid TOML: {}", path, e.source().begin.line, e.source().begin.column, e.description()));
  }
  for (auto&& [key, node] : root) CASECTL_TRY(read_key(layers, std::string(key.str()), node, path));
  return Status::ok();
}

std::string login_name(const std::function<std::string(const char*)>& getenv) {
  std::string user = getenv("USER");
  if (!user.empty()) return user;
  if (const passwd* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  return "unknown";
}

std::string default_store_path(const std::function<std::string(const char*)>& getenv) {
  std::string data = getenv("XDG_DATA_HOME");
  if (data.empty()) {
    std::string home = getenv("HOME");
    data = home.empty() ? "." : home + "/.local/share";
  }
  return data + "/casectl/cases.db";
}

std::string describe(const RefItem& item) {
  std::string text = item.label_ru;
  if (!item.label_kk.empty() && item.label_kk != item.label_ru) text += " / " + item.label_kk;
  if (item.label_en != item.label_ru) text += " / " + item.label_en;
  return text;
}

// Checks what can only be checked once every layer is in: cross references between tables.
Status check_references(const Config& c, const Layers& layers) {
  for (const StaffMember& member : c.staff) {
    const std::string& staff_origin = layers.staff_member_origin.at(member.login);
    if (!c.agencies.empty() && !member.agency.empty() && !resolve(c.agencies, member.agency, "agency"))
      return Status::config(trf("{}: staff.{}.agency: unknown agency '{}'{}", staff_origin, member.login, member.agency,
                                text::did_you_mean(member.agency, [&] {
                                  std::vector<std::string> codes;
                                  for (const RefItem& a : c.agencies) codes.push_back(a.code);
                                  return codes;
                                }())));
    for (const std::string& district : member.districts)
      if (!c.districts.empty() && !resolve(c.districts, district, "district"))
        return Status::config(trf("{}: staff.{}.districts: unknown district '{}'", staff_origin, member.login, district));
  }
  Result<std::string> source = resolve(c.sources, c.default_source, "source");
  if (!source) {
    auto it = layers.settings.find("intake.source");
    return Status::config(
        trf("{}: intake.source: {}", it != layers.settings.end() ? it->second.origin : "default", source.status().message()));
  }
  if (c.scale.size() != 5)
    return Status::config(
        trf("{}: assessment.scale must have five labels, keys \"1\" to \"5\"",
            layers.table_origin.count("assessment.scale") ? layers.table_origin.at("assessment.scale") : "default"));
  return Status::ok();
}

void record_entries(Config& c, const Layers& layers) {
  for (const auto& [key, value] : layers.settings) c.entries.push_back({key, value.text, value.origin});
  auto origin_of = [&](const std::string& table) {
    auto it = layers.table_origin.find(table);
    return it == layers.table_origin.end() ? std::string("default") : it->second;
  };
  auto add_table = [&](const std::string& name, const std::vector<RefItem>& items) {
    if (items.empty()) c.entries.push_back({name, "(any value accepted)", origin_of(name)});
    for (const RefItem& item : items) {
      auto it = layers.item_origin.find(name + "." + item.code);
      c.entries.push_back({name + "." + item.code, describe(item), it == layers.item_origin.end() ? "default" : it->second});
    }
  };
  add_table("districts", c.districts);
  add_table("groups", c.groups);
  add_table("sources", c.sources);
  add_table("agencies", c.agencies);
  add_table("assessment.domains", c.domains);
  add_table("assessment.scale", c.scale);
  add_table("events", c.events);
  add_table("relationships", c.relationships);
  for (const StaffMember& m : c.staff)
    c.entries.push_back({"staff." + m.login,
                         fmt::format("{}; agency {}; role {}; districts {}; capacity {}{}{}", m.name, m.agency, m.role,
                                     m.districts.empty() ? "all" : text::join(m.districts, ","), m.capacity,
                                     m.kind == "volunteer" ? "; volunteer" : "",
                                     m.active            ? ""
                                     : m.left_on.empty() ? "; has left"
                                                         : "; left on " + m.left_on),
                         layers.staff_member_origin.at(m.login)});
  std::stable_sort(c.entries.begin(), c.entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
}

} // namespace

Result<Config> load(Sources sources) {
  if (!sources.getenv) sources.getenv = [](const char* name) { return files::env(name); };
  if (sources.user_file.empty()) {
    std::string home = sources.getenv("XDG_CONFIG_HOME");
    if (home.empty() && !sources.getenv("HOME").empty()) home = sources.getenv("HOME") + "/.config";
    if (!home.empty()) sources.user_file = home + "/casectl/config.toml";
  }
  if (sources.explicit_file.empty()) sources.explicit_file = sources.getenv("CASECTL_CONFIG");

  Config c;
  apply_builtin_reference_data(c);
  Layers layers;
  // The built-in reference tables, which each file's tables extend, relabel, retire or replace.
  layers.tables = {{"districts", c.districts},
                   {"groups", c.groups},
                   {"sources", c.sources},
                   {"agencies", c.agencies},
                   {"assessment.domains", c.domains},
                   {"assessment.scale", c.scale},
                   {"events", c.events},
                   {"relationships", c.relationships}};
  // 1. Built-in defaults, as text, so that every setting has an origin.
  layers.settings["store.path"] = {default_store_path(sources.getenv), "default"};
  layers.settings["store.busy_timeout"] = {std::to_string(c.busy_timeout_ms), "default"};
  layers.settings["user"] = {login_name(sources.getenv), "default (login name)"};
  layers.settings["today"] = {"", "default (system clock)"};
  layers.settings["timezone"] = {"", "default (TZ, else the system's zone)"};
  // Documents and labels follow a Russian or Kazakh locale; an English one (a server's usual
  // default, and cron's) does not make English documents for Russian- and Kazakh-speaking readers.
  const std::string locale_language = messages::language_of_environment(sources.getenv);
  if (locale_language == "kk") layers.settings["language"] = {"kk", "default (the locale's language)"};
  else layers.settings["language"] = {c.language, "default"};
  layers.settings["case_id.format"] = {c.case_id_format, "default"};
  layers.settings["intake.kind"] = {c.default_kind, "default"};
  layers.settings["intake.urgency"] = {c.default_urgency, "default"};
  layers.settings["intake.source"] = {c.default_source, "default"};
  for (const auto& [level, deadline] : c.response_deadline)
    layers.settings["urgency." + level] = {date::format_duration(deadline), "default"};
  layers.settings["audit.reads"] = {"false", "default"};
  layers.settings["csv.guard_formulas"] = {"true", "default"};
  layers.settings["templates.dir"] = {"", "default"};
  layers.settings["input.max_field_bytes"] = {std::to_string(c.input_max_field_bytes), "default"};
  layers.settings["input.max_record_bytes"] = {std::to_string(c.input_max_record_bytes), "default"};
  layers.settings["templates.max_output_bytes"] = {std::to_string(c.templates_max_output_bytes), "default"};
  layers.settings["templates.max_depth"] = {std::to_string(c.templates_max_depth), "default"};
  layers.settings["assign.district_check"] = {c.district_check, "default"};
  layers.settings["assign.volunteers_manage"] = {c.volunteers_manage ? "true" : "false", "default"};
  layers.settings["plan.require_home_visit"] = {c.require_home_visit ? "true" : "false", "default"};
  layers.settings["plan.inform_within"] = {std::to_string(c.inform_within_days) + "d", "default"};
  layers.settings["review.cadence"] = {date::format_duration(c.review_cadence), "default"};
  layers.settings["redact.keep"] = {"", "default (no free text kept)"};

  // 2-5. Files.
  CASECTL_TRY(read_file_layer(layers, sources.system_file, false));
  CASECTL_TRY(read_file_layer(layers, sources.user_file, false));
  CASECTL_TRY(read_file_layer(layers, sources.project_file, false));
  CASECTL_TRY(read_file_layer(layers, sources.explicit_file, true));

  // 6-7. Environment, then flags.
  for (const SettingSpec& spec : k_settings) {
    if (spec.env) {
      std::string value = sources.getenv(spec.env);
      if (!value.empty()) layers.settings[spec.key] = {value, fmt::format("env {}", spec.env)};
    }
    if (spec.flag) {
      auto it = sources.flags.find(spec.key);
      if (it != sources.flags.end()) layers.settings[spec.key] = {it->second, fmt::format("flag {}", spec.flag)};
    }
  }

  // Turn text into values; a bad value names where it came from.
  for (const auto& [key, value] : layers.settings) {
    const SettingSpec* spec = find_setting(key);
    if (!spec) continue;
    if (!text::is_valid_utf8(value.text)) return Status::config(trf("{}: {} is not valid UTF-8", value.origin, key));
    Status status = spec->apply(c, value.text);
    if (!status) {
      std::string message = fmt::format("{}: {} = '{}': {}", value.origin, key, value.text, status.message());
      // A bad flag is a usage error; a bad file or environment value is a configuration error.
      return value.origin.rfind("flag ", 0) == 0 ? Status::usage(message) : Status::config(message);
    }
  }
  const std::string& language_origin = layers.settings.at("language").origin;
  bool language_given = language_origin.rfind("flag ", 0) == 0 || language_origin.rfind("env ", 0) == 0;
  c.messages_language = language_given || locale_language.empty() ? c.language : locale_language;
  auto take = [&](const char* name, std::vector<RefItem>& target) { target = layers.tables.at(name); };
  take("districts", c.districts);
  take("groups", c.groups);
  take("sources", c.sources);
  take("agencies", c.agencies);
  take("assessment.domains", c.domains);
  take("assessment.scale", c.scale);
  take("events", c.events);
  take("relationships", c.relationships);
  c.staff = layers.staff;
  CASECTL_TRY(check_references(c, layers));
  if (c.today) layers.settings["today"].text = date::format_date(*c.today); // shown as ISO, however typed
  record_entries(c, layers);
  return c;
}

Status resolve_all(const std::vector<RefItem>& items, const std::vector<std::string>& given, const std::string& flag,
                   std::vector<std::string>& out) {
  for (const std::string& value : text::spread_values(given)) {
    Result<std::string> code = resolve(items, value, flag.rfind("--", 0) == 0 ? flag.substr(2) : flag);
    if (!code) return Status::invalid(fmt::format("{}: {}", flag, code.status().message()));
    out.push_back(*code);
  }
  return Status::ok();
}

Result<std::string> resolve(const std::vector<RefItem>& items, const std::string& input, const std::string& field) {
  if (items.empty()) return input;
  for (const RefItem& item : items)
    if (item.code == input) return item.code;
  std::string folded = text::casefold(text::trim(input));
  for (const RefItem& item : items)
    if (text::casefold(item.code) == folded || text::casefold(item.label_ru) == folded ||
        text::casefold(item.label_en) == folded || (!item.label_kk.empty() && text::casefold(item.label_kk) == folded))
      return item.code;
  std::vector<std::string> names;
  for (const RefItem& item : items) names.push_back(item.code);
  std::vector<std::string> with_labels = names;
  for (const RefItem& item : items) {
    with_labels.push_back(item.label_ru);
    with_labels.push_back(item.label_en);
    if (!item.label_kk.empty()) with_labels.push_back(item.label_kk);
  }
  std::string hint = text::did_you_mean(input, with_labels);
  return Status::invalid(trf("unknown {} '{}'{}; known: {}", field, input, hint, text::join(names, ", ")));
}

std::string find_code(const std::vector<RefItem>& items, const std::string& input) {
  // ё written as е, as people often do ("тетя" for "тётя").
  auto fold = [](const std::string& s) {
    std::string folded = text::casefold(text::trim(s));
    for (std::size_t at = folded.find("ё"); at != std::string::npos; at = folded.find("ё", at)) folded.replace(at, 2, "е");
    return folded;
  };
  std::string folded = fold(input);
  if (folded.empty()) return "";
  // A label's first form is enough: "внук" for "Внук (внучка)", "супруг" for "Супруг(а)".
  auto first_form = [&](const std::string& label) { return fold(label.substr(0, label.find('('))); };
  for (const RefItem& item : items)
    if (fold(item.code) == folded || fold(item.label_ru) == folded || fold(item.label_en) == folded ||
        first_form(item.label_ru) == folded || first_form(item.label_en) == folded ||
        (!item.label_kk.empty() && (fold(item.label_kk) == folded || first_form(item.label_kk) == folded)))
      return item.code;
  return "";
}

Result<std::string> staff_kind(const std::string& given) {
  std::string folded = text::casefold(text::trim(given));
  if (folded == "staff" || folded == "сотрудник") return std::string("staff");
  if (folded == "volunteer" || folded == "волонтёр" || folded == "волонтер") return std::string("volunteer");
  return Status::invalid(trf("'{}' is not a kind of staff; use staff or volunteer (a volunteer or NGO coordinator){}", given,
                             text::did_you_mean(given, {"staff", "volunteer"})));
}

const std::vector<std::string>& languages() {
  static const std::vector<std::string> all = {"ru", "kk", "en"};
  return all;
}

const char* in_language(const Config& config, const char* ru, const char* en, const char* kk) {
  if (config.language == "en") return en;
  if (config.language == "kk" && kk) return kk;
  return ru;
}

const StaffMember* find_staff(const Config& config, const std::string& login) {
  for (const StaffMember& m : config.staff)
    if (m.login == login) return &m;
  return nullptr;
}

} // namespace casectl::config
