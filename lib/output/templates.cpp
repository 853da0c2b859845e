#include "output/templates.hpp"

#include "output/render.hpp"
#include "util/files.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <kainjow/mustache.hpp>

#include <dirent.h>

#include <algorithm>
#include <set>

namespace casectl::templates {

namespace mustache = kainjow::mustache;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The base name of a template file: "assessment.ru.mustache" -> "assessment",
// "kpi.en.html.mustache" -> "kpi.html"... reduced to the part before the first dot.
// The name a template file answers to: "kpi" for kpi.ru.mustache, "kpi.html" for kpi.ru.html.mustache.
std::string base_name(const std::string& file_name) {
  std::string base = file_name.substr(0, file_name.find('.'));
  return ends_with(file_name, ".html.mustache") ? base + ".html" : base;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  if (dir.empty()) return names;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return names;
  while (dirent* entry = ::readdir(d)) {
    std::string name = entry->d_name;
    if (ends_with(name, ".mustache")) names.push_back(name);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  return names;
}

// The file names NAME may have, most specific first.
// The file names a template NAME may have, in the order looked for. "kpi.html" names the HTML
// variant of "kpi"; plain "kpi" prefers the text one.
std::vector<std::string> candidates(const std::string& name, const std::string& language) {
  if (ends_with(name, ".html")) {
    std::string base = name.substr(0, name.size() - 5);
    return {base + "." + language + ".html.mustache", base + ".html.mustache", name + ".mustache"};
  }
  return {name + "." + language + ".mustache", name + "." + language + ".html.mustache", name + ".mustache",
          name + ".html.mustache"};
}

mustache::data data_of(const Record& value) {
  if (value.is_object()) {
    mustache::data object{mustache::data::type::object};
    for (auto it = value.begin(); it != value.end(); ++it) object.set(it.key(), data_of(it.value()));
    return object;
  }
  if (value.is_array()) {
    mustache::data list{mustache::data::type::list};
    for (const Record& item : value) list.push_back(data_of(item));
    return list;
  }
  if (value.is_string()) return mustache::data(value.get<std::string>());
  if (value.is_boolean()) return mustache::data(value.get<bool>());
  if (value.is_null()) return mustache::data(false);
  return mustache::data(value.dump());
}

// Checks every tag of a template against the data, before rendering.
class Checker {
 public:
  Checker(const Template& t, const Record& data, std::size_t max_depth) : m_template(t), m_max_depth(max_depth) {
    m_stack.push_back(&data);
  }

  Status check() {
    const std::string& s = m_template.text;
    std::size_t pos = 0;
    while ((pos = s.find("{{", pos)) != std::string::npos) {
      bool triple = s.compare(pos, 3, "{{{") == 0;
      std::size_t close = s.find(triple ? "}}}" : "}}", pos + (triple ? 3 : 2));
      if (close == std::string::npos) return error(pos, "a tag opened here is never closed");
      std::string tag = text::trim(s.substr(pos + (triple ? 3 : 2), close - pos - (triple ? 3 : 2)));
      CASECTL_TRY(check_tag(pos, tag, triple));
      pos = close + (triple ? 3 : 2);
    }
    if (m_sections.size() > 0)
      return error(m_sections.back().position,
                   fmt::format("section '{}' is never closed with {{{{/{}}}}}", m_sections.back().name, m_sections.back().name));
    return Status::ok();
  }

 private:
  struct Section {
    std::string name;
    std::size_t position;
    bool pushed; // a context was pushed for it
  };

  std::size_t line_of(std::size_t position) const {
    return 1 + static_cast<std::size_t>(
                   std::count(m_template.text.begin(), m_template.text.begin() + static_cast<long>(position), '\n'));
  }

  Status error(std::size_t position, const std::string& what) const {
    return Status::invalid(trf("template {} ({}), line {}: {}", m_template.name, m_template.origin, line_of(position), what));
  }

  // Finds a (dotted) name in the context stack; nullptr when no enclosing object has it.
  // `unknown` is set when the answer cannot be known (inside a section over an empty list).
  const Record* lookup(const std::string& name, bool& unknown) const {
    const Record* found = lookup_exactly(name, unknown);
    // X_local exists beside each X that holds a UTC moment (with_local_times); a shape's X may be
    // empty, so X_local is taken on X's word.
    const std::string local = "_local";
    if (!found && !unknown && name.size() > local.size() && name.ends_with(local)) {
      const Record* moment = lookup_exactly(name.substr(0, name.size() - local.size()), unknown);
      bool may_be_moment =
          moment && (moment->is_null() || (moment->is_string() && moment->get_ref<const std::string&>().empty()));
      if (may_be_moment) found = moment;
    }
    return found;
  }

  const Record* lookup_exactly(const std::string& name, bool& unknown) const {
    unknown = false;
    if (name == ".") {
      unknown = m_stack.back() == nullptr;
      return m_stack.back();
    }
    std::vector<std::string> parts = text::split(name, '.');
    for (auto it = m_stack.rbegin(); it != m_stack.rend(); ++it) {
      if (*it == nullptr) {
        unknown = true;
        return nullptr;
      }
      const Record* at = *it;
      if (!at->is_object() || !at->contains(parts[0])) continue;
      at = &(*at)[parts[0]];
      for (std::size_t i = 1; i < parts.size(); ++i) {
        if (!at->is_object() || !at->contains(parts[i])) return nullptr;
        at = &(*at)[parts[i]];
      }
      return at;
    }
    return nullptr;
  }

  std::vector<std::string> visible_fields() const {
    std::set<std::string> names;
    for (const Record* context : m_stack)
      if (context && context->is_object())
        for (auto it = context->begin(); it != context->end(); ++it) names.insert(it.key());
    return {names.begin(), names.end()};
  }

  Status check_tag(std::size_t position, const std::string& tag, bool triple) {
    if (tag.empty()) return error(position, "an empty tag");
    char kind = triple ? '{' : tag[0];
    std::string name = triple ? tag : tag.substr(1);
    name = text::trim(name);
    switch (kind) {
    case '!': return Status::ok();
    case '>': return error(position, "partials ({{> name}}) are not supported; put the text in the template");
    case '=': return error(position, "changing delimiters is not supported");
    case '/': {
      if (m_sections.empty() || m_sections.back().name != name)
        return error(position, m_sections.empty()
                                   ? fmt::format("{{{{/{}}}}} closes no open section", name)
                                   : fmt::format("{{{{/{}}}}} closes '{}', which is not the innermost open section ('{}')", name,
                                                 name, m_sections.back().name));
      if (m_sections.back().pushed) m_stack.pop_back();
      m_sections.pop_back();
      return Status::ok();
    }
    case '#':
    case '^': return open_section(position, name, kind == '#');
    case '&': return check_name(position, name);
    default: return check_name(position, triple ? name : tag);
    }
  }

  Status check_name(std::size_t position, const std::string& name) {
    bool unknown = false;
    if (lookup(name, unknown) || unknown) return Status::ok();
    return error(position, fmt::format("field '{}' does not exist{}; see docs/templates.md for the fields", name,
                                       text::did_you_mean(name, visible_fields())));
  }

  Status open_section(std::size_t position, const std::string& name, bool normal) {
    bool unknown = false;
    const Record* value = lookup(name, unknown);
    if (!value && !unknown)
      return error(position, fmt::format("field '{}' does not exist{}; see docs/templates.md for the fields", name,
                                         text::did_you_mean(name, visible_fields())));
    bool pushed = false;
    if (normal && value) {
      if (value->is_array()) {
        // Check the inside against the first item; with no items it cannot be checked.
        m_stack.push_back(value->empty() ? nullptr : &value->front());
        pushed = true;
      } else if (value->is_object()) {
        m_stack.push_back(value);
        pushed = true;
      } else if (value->is_null()) {
        // An object that is not there now (a case's closure while it is open): its inside cannot be
        // checked against this record, as with an empty list.
        m_stack.push_back(nullptr);
        pushed = true;
      }
    } else if (normal && unknown) {
      m_stack.push_back(nullptr);
      pushed = true;
    }
    m_sections.push_back({name, position, pushed});
    // Each level multiplies the work by the length of its list: 12 levels over 10 members is 10^12.
    if (m_sections.size() > m_max_depth)
      return error(position, fmt::format("sections nested deeper than {} (the limit templates.max_depth)", m_max_depth));
    return Status::ok();
  }

  const Template& m_template;
  std::size_t m_max_depth;
  std::vector<const Record*> m_stack; // nullptr: an item of an empty list, whose fields are unknown
  std::vector<Section> m_sections;
};

} // namespace

std::vector<std::string> available(const std::string& region_dir) {
  std::set<std::string> names;
  for (const std::string& file : files_in(region_dir)) names.insert(base_name(file));
  for (const Embedded& e : embedded())
    if (std::string(e.file_name).find('/') == std::string::npos) names.insert(base_name(e.file_name));
  return {names.begin(), names.end()};
}

Result<Template> find_plan_template(const std::string& name, const std::string& region_dir) {
  Template t;
  t.name = name;
  std::string file = "plans/" + name + ".toml";
  if (!region_dir.empty() && files::exists(region_dir + "/" + file)) {
    Result<std::string> text = files::read_file(region_dir + "/" + file);
    if (!text) return text.status();
    t.origin = region_dir + "/" + file;
    t.text = std::move(*text);
    return t;
  }
  std::set<std::string> names;
  for (const Embedded& e : embedded()) {
    std::string f = e.file_name;
    if (f == file) {
      t.origin = "built-in " + f;
      t.text = e.text;
      return t;
    }
    if (f.rfind("plans/", 0) == 0) names.insert(f.substr(6, f.size() - 6 - 5));
  }
  if (!region_dir.empty())
    for (const std::string& f : [&] {
           std::vector<std::string> out;
           DIR* d = ::opendir((region_dir + "/plans").c_str());
           if (!d) return out;
           while (dirent* entry = ::readdir(d)) {
             std::string n = entry->d_name;
             if (ends_with(n, ".toml")) out.push_back(n.substr(0, n.size() - 5));
           }
           ::closedir(d);
           return out;
         }())
      names.insert(f);
  std::vector<std::string> list(names.begin(), names.end());
  return Status::not_found(
      trf("no plan template '{}'{}; available: {}", name, text::did_you_mean(name, list), text::join(list, ", ")));
}

Result<Template> find(const std::string& name_or_path, const std::string& region_dir, const std::string& language) {
  Template t;
  t.name = name_or_path;
  t.language = language;
  if (name_or_path.find('/') != std::string::npos || (files::exists(name_or_path) && ends_with(name_or_path, ".mustache"))) {
    Result<std::string> text = files::read_file(name_or_path);
    if (!text) return text.status();
    t.origin = name_or_path;
    t.text = std::move(*text);
    t.html = ends_with(name_or_path, ".html.mustache") || ends_with(name_or_path, ".html");
    return t;
  }
  for (const std::string& file : candidates(name_or_path, language)) {
    if (region_dir.empty()) break;
    std::string path = region_dir + "/" + file;
    if (!files::exists(path)) continue;
    Result<std::string> text = files::read_file(path);
    if (!text) return text.status();
    t.origin = path;
    t.text = std::move(*text);
    t.html = ends_with(file, ".html.mustache");
    return t;
  }
  for (const std::string& file : candidates(name_or_path, language))
    for (const Embedded& e : embedded())
      if (file == e.file_name) {
        t.origin = std::string("built-in ") + e.file_name;
        t.text = e.text;
        t.html = ends_with(file, ".html.mustache");
        return t;
      }
  std::vector<std::string> names = available(region_dir);
  if (std::find(names.begin(), names.end(), name_or_path) != names.end())
    return Status::not_found(trf("template '{}' has no '{}' version; give another --lang, or add {}.{}.mustache to "
                                 "the templates directory",
                                 name_or_path, language, name_or_path, language));
  return Status::not_found(
      trf("no template '{}'{}; available: {}", name_or_path, text::did_you_mean(name_or_path, names), text::join(names, ", ")));
}

Record with_local_times(const Record& data) {
  if (data.is_array()) {
    Record list = Record::array();
    for (const Record& item : data) list.push_back(with_local_times(item));
    return list;
  }
  if (!data.is_object()) return data;
  Record object = Record::object();
  for (auto it = data.begin(); it != data.end(); ++it) {
    object[it.key()] = with_local_times(it.value());
    if (!it.value().is_string()) continue;
    const std::string& text = it.value().get_ref<const std::string&>();
    std::string shown = output::shown_to_people(text);
    std::string local_key = it.key() + "_local";
    if (shown != text && !data.contains(local_key)) object[local_key] = shown;
  }
  return object;
}

namespace {

bool digits(const std::string& s, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// "2026-11-05" -> "05.11.2026"; "2026-11-05 14:30" -> "05.11.2026 14:30"; anything else as it is.
std::string day_first(const std::string& s) {
  bool date = s.size() >= 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' && digits(s, 8, 2);
  bool time = s.size() == 16 && s[10] == ' ' && digits(s, 11, 2) && s[13] == ':' && digits(s, 14, 2);
  if (!date || (s.size() != 10 && !time)) return s;
  return s.substr(8, 2) + "." + s.substr(5, 2) + "." + s.substr(0, 4) + s.substr(10);
}

void dates_day_first(Record& data) {
  if (data.is_string()) {
    data = day_first(data.get_ref<const std::string&>());
    return;
  }
  if (data.is_array() || data.is_object())
    for (Record& item : data) dates_day_first(item);
}

} // namespace

Record for_people(const Record& data, const std::string& language) {
  Record shown = with_local_times(data);
  if (language == "ru" || language == "kk") dates_day_first(shown);
  return shown;
}

namespace {
// Thrown from the render handler to stop kainjow's renderer at the output bound.
struct OutputTooLong {};
} // namespace

Record checked_shape(const Record& data, const Record& shape) {
  if (data.is_object() && shape.is_object()) {
    Record merged = data;
    for (auto it = shape.begin(); it != shape.end(); ++it) {
      auto mine = merged.find(it.key());
      if (mine == merged.end()) merged[it.key()] = it.value();
      else *mine = checked_shape(*mine, it.value());
    }
    return merged;
  }
  if (data.is_array() && shape.is_array() && !shape.empty()) {
    if (data.empty()) return Record::array({shape.front()});
    Record list = Record::array({checked_shape(data.front(), shape.front())});
    return list;
  }
  if (data.is_null() && (shape.is_object() || shape.is_array())) return shape;
  return data;
}

Result<std::string> render(const Template& t, const Record& given, const RenderLimits& limits, const Record* shape) {
  if (!text::is_valid_utf8(t.text)) return Status::invalid(trf("template {} ({}) is not valid UTF-8", t.name, t.origin));
  const Record data = for_people(given, t.language);
  if (shape) CASECTL_TRY(Checker(t, checked_shape(data, for_people(*shape, t.language)), limits.max_depth).check());
  else CASECTL_TRY(Checker(t, data, limits.max_depth).check());
  mustache::mustache engine{t.text};
  if (!engine.is_valid()) return Status::invalid(trf("template {} ({}): {}", t.name, t.origin, engine.error_message()));
  if (!t.html) engine.set_custom_escape([](const std::string& s) { return s; });
  std::string out;
  try {
    engine.render(data_of(data), [&](const std::string& piece) {
      if (piece.size() > limits.max_output_bytes - out.size()) throw OutputTooLong{};
      out += piece;
    });
  } catch (const OutputTooLong&) {
    return Status::invalid(trf("template {} ({}): the output passed {} bytes (the limit templates.max_output_bytes); "
                               "a section over a list inside another may repeat more than intended",
                               t.name, t.origin, limits.max_output_bytes));
  }
  if (!engine.is_valid()) return Status::invalid(trf("template {} ({}): {}", t.name, t.origin, engine.error_message()));
  return out;
}

} // namespace casectl::templates
