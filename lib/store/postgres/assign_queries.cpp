#include "store/postgres/assign_queries.hpp"

#include "store/postgres/query_values.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace casectl::store::postgres {

namespace {

// Cases still in work, as everywhere else (list --open, duplicates).
const char* const k_open = "c.status NOT IN ('closed', 'consultation')";

// $1..$7: login, name, agency, role, districts, capacity, active.
Params staff_params(const StoredStaff& staff) {
  const StaffMember& m = staff.member;
  return {m.login, m.name, m.agency, m.role, json_list(m.districts), number(m.capacity), number(staff.active ? 1 : 0)};
}

Status staff_exists(const std::string& login) {
  return Status::conflict(trf("staff member {} already exists; change them with 'casectl staff set {}'", login, login));
}

Status touch(Connection& db, long long row, const ChangeTime& when) {
  return db.exec("UPDATE cases SET updated_at = $2, updated_on = $3 WHERE id = $1", {number(row), when.at, when.on}).status();
}

} // namespace

Result<std::vector<StoredStaff>> load_staff(PgStore& store) {
  Result<Rows> rows =
      store.connection().exec("SELECT login, name, agency, role, districts, capacity, active, kind FROM staff ORDER BY login");
  if (!rows) return rows.status();
  std::vector<StoredStaff> all;
  for (const std::vector<Value>& r : rows->rows) {
    StoredStaff s;
    s.member.login = text_of(r[0]);
    s.member.name = text_of(r[1]);
    s.member.agency = text_of(r[2]);
    s.member.role = text_of(r[3]);
    s.member.districts = list_of(text_of(r[4]));
    s.member.capacity = int_of(r[5]);
    s.active = int_of(r[6]) != 0;
    s.member.kind = text_of(r[7]);
    all.push_back(std::move(s));
  }
  return all;
}

Status insert_staff(PgStore& store, const StoredStaff& staff, const std::string& at, const std::string& by) {
  Connection& db = store.connection();
  Result<Rows> taken = db.exec("SELECT 1 FROM staff WHERE login = $1", {staff.member.login});
  if (!taken) return taken.status();
  if (!taken->rows.empty()) return staff_exists(staff.member.login);
  Params params = staff_params(staff);
  params.add(at);
  params.add(by);
  params.add(staff.member.kind);
  Status inserted = db.exec("INSERT INTO staff (login, name, agency, role, districts, capacity, active, created_at, created_by, "
                            "updated_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10)",
                            params.values())
                        .status();
  // Another process added the login after the look above: the same refusal.
  if (inserted.kind() == ErrorKind::conflict) return staff_exists(staff.member.login);
  return inserted;
}

Status update_staff(PgStore& store, const StoredStaff& staff, const std::string& at) {
  Params params = staff_params(staff);
  params.add(at);
  params.add(staff.member.kind);
  Result<Rows> updated = store.connection().exec("UPDATE staff SET name = $2, agency = $3, role = $4, districts = $5, "
                                                 "capacity = $6, active = $7, updated_at = $8, kind = $9 WHERE login = $1",
                                                 params.values());
  if (!updated) return updated.status();
  if (updated->affected == 0) return Status::not_found(trf("staff member {} is not in the store", staff.member.login));
  return Status::ok();
}

Result<std::optional<CaseAssignment>> load_assignment(PgStore& store, const std::string& wanted) {
  Connection& db = store.connection();
  // At most one row: case ids and external ids are unique, and an external id counts only when
  // no case has it as its case id.
  Result<Rows> rows = db.exec(R"SQL(
    SELECT id, case_id, status, consultation, name, district, case_manager, supervisor, opened FROM cases
    WHERE case_id = $1 OR (external_id = $1 AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = $1))
    LIMIT 1)SQL",
                              {wanted});
  if (!rows) return rows.status();
  if (rows->rows.empty()) return std::optional<CaseAssignment>();
  const std::vector<Value>& r = rows->rows[0];
  CaseAssignment a;
  a.row = number_of(r[0]);
  a.case_id = text_of(r[1]);
  a.status = text_of(r[2]);
  a.consultation = int_of(r[3]) != 0;
  a.name = text_of(r[4]);
  a.district = text_of(r[5]);
  a.case_manager = text_of(r[6]);
  a.supervisor = text_of(r[7]);
  a.opened = text_of(r[8]);
  Result<Rows> team = db.exec(
      "SELECT login, role, added_on, added_by FROM case_team WHERE case_row = $1 ORDER BY added_on, login", {number(a.row)});
  if (!team) return team.status();
  for (const std::vector<Value>& m : team->rows) a.team.push_back({text_of(m[0]), text_of(m[1]), text_of(m[2]), text_of(m[3])});
  return std::optional<CaseAssignment>(std::move(a));
}

Status set_case_manager(PgStore& store, long long row, const std::string& login, const ChangeTime& when) {
  Value key = login.empty() ? Value() : Value(bytea_input(text::sort_key(login)));
  return store.connection()
      .exec("UPDATE cases SET case_manager = nullif($2, ''), updated_at = $3, updated_on = $4, manager_sort = $5::bytea "
            "WHERE id = $1",
            {number(row), login, when.at, when.on, key})
      .status();
}

Status set_supervisor(PgStore& store, long long row, const std::string& login, const ChangeTime& when) {
  return store.connection()
      .exec("UPDATE cases SET supervisor = nullif($2, ''), updated_at = $3, updated_on = $4 WHERE id = $1",
            {number(row), login, when.at, when.on})
      .status();
}

Status put_team_member(PgStore& store, long long row, const TeamMember& member, const ChangeTime& when) {
  Connection& db = store.connection();
  CASECTL_TRY(db.exec("INSERT INTO case_team (case_row, login, role, added_on, added_by) VALUES ($1, $2, $3, $4, $5) "
                      "ON CONFLICT (case_row, login) DO UPDATE SET role = excluded.role",
                      {number(row), member.login, member.role, member.added_on, member.added_by})
                  .status());
  return touch(db, row, when);
}

Status remove_team_member(PgStore& store, long long row, const std::string& login, const ChangeTime& when) {
  Connection& db = store.connection();
  CASECTL_TRY(db.exec("DELETE FROM case_team WHERE case_row = $1 AND login = $2", {number(row), login}).status());
  return touch(db, row, when);
}

Result<OpenCaseCounts> count_open_cases(PgStore& store) {
  Connection& db = store.connection();
  OpenCaseCounts counts;
  Result<Rows> managed = db.exec(fmt::format("SELECT c.case_manager, c.district, count(*) FROM cases c "
                                             "WHERE {} GROUP BY c.case_manager, c.district",
                                             k_open));
  if (!managed) return managed.status();
  for (const std::vector<Value>& r : managed->rows) {
    long long n = number_of(r[2]);
    if (!r[0]) counts.unassigned[text_of(r[1])] += n;
    else counts.managed[*r[0]][text_of(r[1])] = n;
  }
  Result<Rows> team = db.exec(fmt::format("SELECT t.login, count(*) FROM case_team t JOIN cases c ON c.id = t.case_row "
                                          "WHERE {} GROUP BY t.login",
                                          k_open));
  if (!team) return team.status();
  for (const std::vector<Value>& r : team->rows) counts.on_team[text_of(r[0])] = number_of(r[1]);
  return counts;
}

Status each_case_to_move(PgStore& store, const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each) {
  std::string sql =
      fmt::format("SELECT c.id, c.case_id, c.name, c.district, c.urgency, c.case_manager FROM cases c WHERE {}", k_open);
  Params params;
  auto add_in = [&](const char* column, const std::vector<std::string>& list) {
    if (list.empty()) return;
    sql += fmt::format(" AND {} IN ({})", column, params.add_all(list));
  };
  if (!filter.managers.empty() || filter.unassigned) {
    std::string who;
    if (!filter.managers.empty()) who = fmt::format("c.case_manager IN ({})", params.add_all(filter.managers));
    if (filter.unassigned) who += std::string(who.empty() ? "" : " OR ") + "c.case_manager IS NULL";
    sql += " AND (" + who + ")";
  }
  if (!filter.team_member.empty())
    sql += fmt::format(" AND EXISTS (SELECT 1 FROM case_team t WHERE t.case_row = c.id AND t.login = {})",
                       params.add(filter.team_member));
  add_in("c.district", filter.districts);
  add_in("c.status", filter.statuses);
  add_in("c.urgency", filter.urgencies);
  if (!filter.groups.empty())
    sql += fmt::format(" AND EXISTS (SELECT 1 FROM case_groups g WHERE g.case_row = c.id AND g.grp IN ({}))",
                       params.add_all(filter.groups));
  sql += " ORDER BY CASE c.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, c.case_id";
  Result<Rows> rows = store.connection().exec(sql, params.values());
  if (!rows) return rows.status();
  for (const std::vector<Value>& r : rows->rows) {
    CaseToMove c;
    c.row = number_of(r[0]);
    c.case_id = text_of(r[1]);
    c.name = text_of(r[2]);
    c.district = text_of(r[3]);
    c.urgency = text_of(r[4]);
    c.case_manager = text_of(r[5]);
    CASECTL_TRY(each(c));
  }
  return Status::ok();
}

} // namespace casectl::store::postgres
