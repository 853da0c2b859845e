#include "store/copy_tables.hpp"

#include <algorithm>

namespace casectl::store {

const std::vector<CopiedTable>& copied_tables() {
  static const std::vector<CopiedTable> all = {
      {"staff", "login"},
      {"case_id_sequence", "year"},
      {"cases", "id"},
      {"case_groups", "case_row, grp"},
      {"case_problems", "case_row, position"},
      {"members", "id"},
      {"case_links", "case_row, other_case_id"},
      {"journal", "id"},
      {"assessments", "id"},
      {"assessment_scores", "assessment_id, domain"},
      {"case_team", "case_row, login"},
      {"plans", "id"},
      {"plan_goals", "plan_id, number"},
      {"plan_tasks", "plan_id, number"},
      {"reviews", "id"},
      {"task_updates", "id"},
      {"service_deliveries", "id"},
      {"events", "id"},
      {"closures", "id"},
      {"case_periods", "case_row, spell"},
      {"case_history", "id"},
      {"case_group_spans", "case_row, grp, since"},
  };
  return all;
}

const std::vector<std::string>& derived_columns(const std::string& table) {
  static const std::vector<std::string> of_cases = {"name_sort", "district_sort", "manager_sort"};
  static const std::vector<std::string> none;
  return table == "cases" ? of_cases : none;
}

Result<const CopiedTable*> copied_table(const std::string& name) {
  for (const CopiedTable& t : copied_tables())
    if (name == t.name) return &t;
  return Status::internal("a copy does not carry the table '" + name + "'");
}

std::size_t copy_batch_rows(std::size_t columns) {
  return std::max<std::size_t>(1, std::min<std::size_t>(1000, 60000 / std::max<std::size_t>(1, columns)));
}

std::string quoted_columns(const std::vector<std::string>& columns) {
  std::string list;
  for (const std::string& c : columns) list += (list.empty() ? "\"" : ", \"") + c + "\"";
  return list;
}

} // namespace casectl::store
