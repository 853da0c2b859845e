#include "store/copy_tables.hpp"

#include <algorithm>

namespace casectl::store {

const std::vector<CopiedTable>& copied_tables() {
  static const std::vector<CopiedTable> all = {
      {"staff", "login"},
      {"case_id_sequence", "year"},
      {"cases", "id", "id"},
      {"case_groups", "case_row, grp", "case_row"},
      {"case_problems", "case_row, position", "case_row"},
      {"members", "id", "case_row"},
      {"case_links", "case_row, other_case_id", "case_row"},
      {"journal", "id"},
      {"assessments", "id", "case_row"},
      {"assessment_scores", "assessment_id, domain", "assessment_id", "assessments"},
      {"case_team", "case_row, login", "case_row"},
      {"plans", "id", "case_row"},
      {"plan_goals", "plan_id, number", "plan_id", "plans"},
      {"plan_tasks", "plan_id, number", "plan_id", "plans"},
      {"reviews", "id", "case_row"},
      {"task_updates", "id", "case_row"},
      {"service_deliveries", "id", "case_row"},
      {"events", "id", "case_row"},
      {"closures", "id", "case_row"},
      {"case_periods", "case_row, spell", "case_row"},
      {"case_history", "id", "case_row"},
      {"case_group_spans", "case_row, grp, since", "case_row"},
      {"removed_members", "case_row, number", "case_row"},
      {"agency_notices", "id", "case_row"},
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

Result<std::string> case_range_condition(const CopiedTable& table, const std::string& first, const std::string& last) {
  if (!table.case_column) return Status::internal(std::string("the table ") + table.name + " holds no case's rows");
  if (!table.parent) return "\"" + std::string(table.case_column) + "\" BETWEEN " + first + " AND " + last;
  return "\"" + std::string(table.case_column) + "\" IN (SELECT id FROM \"" + table.parent + "\" WHERE case_row BETWEEN " +
         first + " AND " + last + ")";
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
