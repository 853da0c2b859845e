#include "store/keys.hpp"

#include "util/search_key.hpp"
#include "util/text.hpp"

namespace casectl::store {

std::string phone_tokens(std::string_view phone) {
  std::string key = text::phone_key(phone);
  if (key.size() > 7) key += " " + key.substr(key.size() - 7);
  return key;
}

SearchRow search_row(const std::string& name, const std::string& member_names, const std::string& address,
                     const std::string& phone, const std::string& note, const std::string& problems) {
  return {text::search_key(name + " " + member_names), text::search_key(address), phone_tokens(phone), text::search_key(note),
          text::search_key(problems)};
}

SortKeys sort_keys_of(const std::string& name, const std::string& district, const std::optional<std::string>& case_manager) {
  SortKeys keys{text::sort_key(name), text::sort_key(district), std::nullopt};
  if (case_manager) keys.manager = text::sort_key(*case_manager);
  return keys;
}

} // namespace casectl::store
