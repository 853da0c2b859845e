#include "util/document.hpp"

#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

namespace casectl::document {

namespace {

nlohmann::ordered_json tree_of(const toml::node& node) {
  if (auto t = node.as_table()) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (auto&& [key, value] : *t) object[std::string(key.str())] = tree_of(value);
    return object;
  }
  if (auto a = node.as_array()) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const toml::node& item : *a) list.push_back(tree_of(item));
    return list;
  }
  if (auto s = node.as_string()) return s->get();
  if (auto i = node.as_integer()) return i->get();
  if (auto b = node.as_boolean()) return b->get();
  if (auto d = node.as_date()) return fmt::format("{:04}-{:02}-{:02}", d->get().year, d->get().month, d->get().day);
  if (auto dt = node.as_date_time())
    return fmt::format("{:04}-{:02}-{:02}", dt->get().date.year, dt->get().date.month, dt->get().date.day);
  if (auto f = node.as_floating_point()) return f->get();
  return nullptr;
}

} // namespace

Result<nlohmann::ordered_json> parse(const std::string& text, const std::string& format, const std::string& source) {
  if (!text::is_valid_utf8(text)) return Status::invalid(trf("{}: the file is not valid UTF-8", source));
  if (format == "json") {
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text, nullptr, false);
    if (doc.is_discarded()) return Status::invalid(trf("{}: not valid JSON", source));
    return doc;
  }
  try {
    return tree_of(toml::parse(text, source));
  } catch (const toml::parse_error& e) {
    return Status::invalid(
        trf("{}:{}:{}: not valid TOML: {}", source, e.source().begin.line, e.source().begin.column, e.description()));
  }
}

std::size_t line_of_key(const std::string& text, const std::string& format, const std::string& path) {
  if (format == "json") return 0;
  try {
    toml::table table = toml::parse(text);
    toml::node_view<toml::node> node = table.at_path(path);
    return node ? node.node()->source().begin.line : 0;
  } catch (const toml::parse_error&) {
    return 0;
  }
}

std::string format_of(const std::string& path) {
  std::string lower = text::casefold(path);
  auto ends = [&](const char* s) {
    std::string x(s);
    return lower.size() >= x.size() && lower.compare(lower.size() - x.size(), x.size(), x) == 0;
  };
  if (ends(".json")) return "json";
  if (ends(".toml")) return "toml";
  return "";
}

} // namespace casectl::document
