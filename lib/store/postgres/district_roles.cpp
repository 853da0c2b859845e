// `casectl init --district-roles` on PostgreSQL: a role per district and row-level security on
// every table of case data (CaseStore::create_district_roles). docs/postgresql.md says how a region
// uses them.
#include "store/postgres/pg_store.hpp"

#include "util/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace casectl::store::postgres {

namespace {

constexpr const char* k_role_prefix = "casectl_district_";

// A district code fit to be part of a role's name as it is (no quoting games): PostgreSQL keeps
// 63 bytes of a name.
bool fit_for_role(const std::string& code) {
  return !code.empty() && code.size() <= 63 - std::char_traits<char>::length(k_role_prefix) &&
         std::all_of(code.begin(), code.end(),
                     [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_' || c == '-'; });
}

// The functions the policies call. casectl_office_districts() runs as the role that queries (the
// districts whose roles it is a member of, directly or not); casectl_case_row_in() as the tables'
// owner, so that it sees every case: a search row may be written only for a case of the office's
// districts, or for one no snapshot shows yet (the case inserted by the same statement,
// lib/store/postgres/case_queries.cpp: insert_case), which the foreign key then checks exists.
constexpr const char* k_functions = R"SQL(
CREATE OR REPLACE FUNCTION casectl_office_districts() RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(substr(r.rolname, 18) ORDER BY r.rolname), '{}')
  FROM pg_roles r
  WHERE r.rolname LIKE 'casectl\_district\_%' AND pg_has_role(current_user, r.oid, 'MEMBER') $$;
CREATE OR REPLACE FUNCTION casectl_case_row_in(wanted bigint, districts text[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT coalesce((SELECT c.district = ANY (districts) FROM cases c WHERE c.id = wanted), true) $$;
DO $$ BEGIN
  EXECUTE format('ALTER FUNCTION casectl_case_row_in(bigint, text[]) SET search_path = %I, pg_temp', current_schema());
END $$;
)SQL";

// Every table of case data and the rule its rows are seen and written by. The rest is store-wide
// and open to every district role: casectl_meta (read only), case_id_sequence (the case numbers
// are the region's), staff.
struct Policy {
  const char* table;
  const char* rule;       // USING: which rows the role sees, updates and deletes
  const char* check = ""; // WITH CHECK, when it differs: which rows it may write
};
const Policy k_policies[] = {
    {"cases", "district IN (SELECT unnest(casectl_office_districts()))"},
    {"case_groups", "case_row IN (SELECT id FROM cases)"},
    {"case_problems", "case_row IN (SELECT id FROM cases)"},
    {"members", "case_row IN (SELECT id FROM cases)"},
    {"case_search", "case_row IN (SELECT id FROM cases)", "casectl_case_row_in(case_row, casectl_office_districts())"},
    {"case_links", "case_row IN (SELECT id FROM cases)"},
    {"assessments", "case_row IN (SELECT id FROM cases)"},
    {"assessment_scores", "assessment_id IN (SELECT id FROM assessments)"},
    {"case_team", "case_row IN (SELECT id FROM cases)"},
    {"plans", "case_row IN (SELECT id FROM cases)"},
    {"plan_goals", "plan_id IN (SELECT id FROM plans)"},
    {"plan_tasks", "plan_id IN (SELECT id FROM plans)"},
    {"reviews", "case_row IN (SELECT id FROM cases)"},
    {"task_updates", "case_row IN (SELECT id FROM cases)"},
    {"service_deliveries", "case_row IN (SELECT id FROM cases)"},
    {"events", "case_row IN (SELECT id FROM cases)"},
    {"closures", "case_row IN (SELECT id FROM cases)"},
    {"case_periods", "case_row IN (SELECT id FROM cases)"},
    {"case_history", "case_row IN (SELECT id FROM cases)"},
    {"case_group_spans", "case_row IN (SELECT id FROM cases)"},
    {"removed_members", "case_row IN (SELECT id FROM cases)"},
    {"agency_notices", "case_row IN (SELECT id FROM cases)"},
    // Store-wide rows (staff changes, migrations) are everyone's; a case's rows are its district's.
    {"journal", "case_id IS NULL OR case_id IN (SELECT case_id FROM cases)"},
};

std::string policies_sql() {
  std::string sql;
  for (const Policy& p : k_policies) {
    sql += fmt::format("ALTER TABLE {0} ENABLE ROW LEVEL SECURITY;\n"
                       "DROP POLICY IF EXISTS casectl_district ON {0};\n"
                       "CREATE POLICY casectl_district ON {0} USING ({1})",
                       p.table, p.rule);
    if (*p.check) sql += fmt::format(" WITH CHECK ({})", p.check);
    sql += ";\n";
  }
  return sql;
}

// The role of one district, created when missing, with what casectl needs of this schema: every
// table but the journal's UPDATE and DELETE and the writes of the meta table and the store's id;
// the sequences of the identity columns. The role names are casectl's own (a checked code after a fixed prefix).
std::string role_sql(const std::string& role) {
  return fmt::format(R"SQL(
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{0}') THEN CREATE ROLE "{0}" NOLOGIN; END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO "{0}"', current_schema());
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO "{0}"', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO "{0}"', current_schema());
END $$;
REVOKE UPDATE, DELETE, TRUNCATE ON journal FROM "{0}";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON casectl_meta FROM "{0}";
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON store_identity FROM "{0}";
)SQL",
                     role);
}

} // namespace

Result<std::vector<std::string>> PgStore::create_district_roles(const std::vector<std::string>& districts) {
  if (!m_in_write) return Status::internal("district roles were created outside a write to the store " + location());
  std::vector<std::string> roles;
  for (const std::string& code : districts) {
    if (!fit_for_role(code))
      return Status::config(trf("the district code '{}' cannot name a database role: district roles need codes of "
                                "lowercase Latin letters, digits, '-' and '_', at most {} characters",
                                code, 63 - std::char_traits<char>::length(k_role_prefix)));
    roles.push_back(k_role_prefix + code);
  }
  std::string sql = k_functions;
  for (const std::string& role : roles) sql += role_sql(role);
  sql += policies_sql();
  CASECTL_TRY(m_connection.run_script(sql));
  return roles;
}

Status PgStore::refresh_district_roles() {
  Result<Rows> found = m_connection.exec("SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) "
                                         "AND has_schema_privilege(rolname, current_schema(), 'USAGE') ORDER BY rolname",
                                         {std::string(k_role_prefix)});
  if (!found) return found.status();
  if (found->rows.empty()) return Status::ok();
  std::string sql = k_functions;
  const std::size_t prefix = std::char_traits<char>::length(k_role_prefix);
  // Only names casectl could have made go into the SQL: a role named otherwise is not casectl's.
  for (const std::vector<Value>& row : found->rows)
    if (std::string name = row.at(0).value_or(""); fit_for_role(name.substr(std::min(prefix, name.size()))))
      sql += role_sql(name);
  return m_connection.run_script(sql + policies_sql());
}

} // namespace casectl::store::postgres
