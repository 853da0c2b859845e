#include "store/json_list.hpp"

#include <nlohmann/json.hpp>

namespace casectl::store {

std::string json_list(const std::vector<std::string>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const std::string& item : items) list.push_back(item);
  return list.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> list_of(const std::string& json) {
  std::vector<std::string> items;
  nlohmann::json list = nlohmann::json::parse(json, nullptr, false);
  if (list.is_array())
    for (const nlohmann::json& item : list)
      if (item.is_string()) items.push_back(item.get<std::string>());
  return items;
}

} // namespace casectl::store
