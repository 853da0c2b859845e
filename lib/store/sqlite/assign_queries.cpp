#include "store/sqlite/assign_queries.hpp"

#include "store/sqlite/schema.hpp"
#include "store/sqlite/sql_text.hpp"
#include "util/messages.hpp"
#include "util/text.hpp"
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl::store::sqlite {

namespace {

// Cases still in work, as everywhere else (list --open, duplicates).
const char* const k_open = "c.status NOT IN ('closed', 'consultation')";

std::string column_text(const SQLite::Column& column) { return column.isNull() ? std::string() : column.getString(); }

void bind_staff(SQLite::Statement& statement, const StoredStaff& staff) {
  const StaffMember& m = staff.member;
  statement.bind(1, m.login);
  statement.bind(2, m.name);
  statement.bind(3, m.agency);
  statement.bind(4, m.role);
  statement.bind(5, json_list(m.districts));
  statement.bind(6, m.capacity);
  statement.bind(7, staff.active ? 1 : 0);
  statement.bind(10, m.kind);
}

void exec_reset(SQLite::Statement& statement) {
  statement.exec();
  statement.reset();
  statement.clearBindings();
}

} // namespace

Result<std::vector<StoredStaff>> load_staff(SqliteStore& store) {
  SQLite::Statement query(store.db(),
                          "SELECT login, name, agency, role, districts, capacity, active, kind FROM staff ORDER BY login");
  std::vector<StoredStaff> all;
  while (query.executeStep()) {
    StoredStaff s;
    s.member.login = query.getColumn(0).getString();
    s.member.name = query.getColumn(1).getString();
    s.member.agency = query.getColumn(2).getString();
    s.member.role = query.getColumn(3).getString();
    s.member.districts = list_of(query.getColumn(4).getString());
    s.member.capacity = query.getColumn(5).getInt();
    s.active = query.getColumn(6).getInt() != 0;
    s.member.kind = query.getColumn(7).getString();
    all.push_back(std::move(s));
  }
  return all;
}

Status insert_staff(SqliteStore& store, const StoredStaff& staff, const std::string& at, const std::string& by) {
  SQLite::Statement taken(store.db(), "SELECT 1 FROM staff WHERE login = ?");
  taken.bind(1, staff.member.login);
  if (taken.executeStep())
    return Status::conflict(
        trf("staff member {} already exists; change them with 'casectl staff set {}'", staff.member.login, staff.member.login));
  SQLite::Statement insert(store.db(), "INSERT INTO staff (login, name, agency, role, districts, capacity, active, "
                                       "created_at, created_by, updated_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?9, ?8, ?10)");
  bind_staff(insert, staff);
  insert.bind(8, at);
  insert.bind(9, by);
  insert.exec();
  return Status::ok();
}

Status update_staff(SqliteStore& store, const StoredStaff& staff, const std::string& at) {
  SQLite::Statement update(store.db(), "UPDATE staff SET name = ?2, agency = ?3, role = ?4, districts = ?5, "
                                       "capacity = ?6, active = ?7, updated_at = ?8, kind = ?10 WHERE login = ?1");
  bind_staff(update, staff);
  update.bind(8, at);
  if (update.exec() == 0) return Status::not_found(trf("staff member {} is not in the store", staff.member.login));
  return Status::ok();
}

Result<std::optional<CaseAssignment>> load_assignment(SqliteStore& store, const std::string& wanted) {
  SQLite::Database& db = store.db();
  SQLite::Statement query(db, R"SQL(
    SELECT id, case_id, status, consultation, name, district, case_manager, supervisor, opened FROM cases WHERE case_id = ?1
    UNION ALL
    SELECT id, case_id, status, consultation, name, district, case_manager, supervisor, opened FROM cases
    WHERE external_id = ?1 AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = ?1)
    LIMIT 1)SQL");
  query.bind(1, wanted);
  if (!query.executeStep()) return std::optional<CaseAssignment>();
  CaseAssignment a;
  a.row = query.getColumn(0).getInt64();
  a.case_id = column_text(query.getColumn(1));
  a.status = column_text(query.getColumn(2));
  a.consultation = query.getColumn(3).getInt() != 0;
  a.name = column_text(query.getColumn(4));
  a.district = column_text(query.getColumn(5));
  a.case_manager = column_text(query.getColumn(6));
  a.supervisor = column_text(query.getColumn(7));
  a.opened = column_text(query.getColumn(8));
  SQLite::Statement team(db, "SELECT login, role, added_on, added_by FROM case_team WHERE case_row = ? "
                             "ORDER BY added_on, login");
  team.bind(1, static_cast<int64_t>(a.row));
  while (team.executeStep())
    a.team.push_back({team.getColumn(0).getString(), team.getColumn(1).getString(), team.getColumn(2).getString(),
                      team.getColumn(3).getString()});
  return std::optional<CaseAssignment>(std::move(a));
}

struct AssignmentWriter::Statements {
  explicit Statements(SQLite::Database& db)
      : set_manager(db, "UPDATE cases SET case_manager = nullif(?2, ''), updated_at = ?3, updated_on = ?4, manager_sort = ?5 "
                        "WHERE id = ?1"),
        set_supervisor(db, "UPDATE cases SET supervisor = nullif(?2, ''), updated_at = ?3, updated_on = ?4 WHERE id = ?1"),
        put_member(db, "INSERT INTO case_team (case_row, login, role, added_on, added_by) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT (case_row, login) DO UPDATE SET role = excluded.role"),
        remove_member(db, "DELETE FROM case_team WHERE case_row = ? AND login = ?"),
        touch(db, "UPDATE cases SET updated_at = ?2, updated_on = ?3 WHERE id = ?1") {}
  SQLite::Statement set_manager, set_supervisor, put_member, remove_member, touch;
};

AssignmentWriter::AssignmentWriter(SqliteStore& store) : m_statements(std::make_unique<Statements>(store.db())) {}

AssignmentWriter::~AssignmentWriter() = default;

namespace {

void set_person(SQLite::Statement& statement, long long row, const std::string& login, const ChangeTime& when) {
  statement.bind(1, static_cast<int64_t>(row));
  statement.bind(2, login);
  statement.bind(3, when.at);
  statement.bind(4, when.on);
  exec_reset(statement);
}

void touch(SQLite::Statement& statement, long long row, const ChangeTime& when) {
  statement.bind(1, static_cast<int64_t>(row));
  statement.bind(2, when.at);
  statement.bind(3, when.on);
  exec_reset(statement);
}

} // namespace

void AssignmentWriter::set_case_manager(long long row, const std::string& login, const ChangeTime& when) {
  SQLite::Statement& set = m_statements->set_manager;
  bind_manager_sort(set, 5, login.empty() ? std::nullopt : std::optional<std::string>(text::sort_key(login)));
  set_person(set, row, login, when);
}

void AssignmentWriter::set_supervisor(long long row, const std::string& login, const ChangeTime& when) {
  set_person(m_statements->set_supervisor, row, login, when);
}

void AssignmentWriter::put_team_member(long long row, const TeamMember& member, const ChangeTime& when) {
  SQLite::Statement& put = m_statements->put_member;
  put.bind(1, static_cast<int64_t>(row));
  put.bind(2, member.login);
  put.bind(3, member.role);
  put.bind(4, member.added_on);
  put.bind(5, member.added_by);
  exec_reset(put);
  touch(m_statements->touch, row, when);
}

void AssignmentWriter::remove_team_member(long long row, const std::string& login, const ChangeTime& when) {
  SQLite::Statement& remove = m_statements->remove_member;
  remove.bind(1, static_cast<int64_t>(row));
  remove.bind(2, login);
  exec_reset(remove);
  touch(m_statements->touch, row, when);
}

Result<OpenCaseCounts> count_open_cases(SqliteStore& store) {
  OpenCaseCounts counts;
  // One scan of the cases, in their own order: through cases_manager (case_manager, status) SQLite
  // fetches every case's district at random, ten times slower at a million cases (issue 21).
  SQLite::Statement managed(store.db(), fmt::format("SELECT c.case_manager, c.district, count(*) FROM cases c NOT INDEXED "
                                                    "WHERE {} GROUP BY c.case_manager, c.district",
                                                    k_open));
  while (managed.executeStep()) {
    long long n = managed.getColumn(2).getInt64();
    if (managed.getColumn(0).isNull()) counts.unassigned[column_text(managed.getColumn(1))] += n;
    else counts.managed[managed.getColumn(0).getString()][column_text(managed.getColumn(1))] = n;
  }
  SQLite::Statement team(store.db(), fmt::format("SELECT t.login, count(*) FROM case_team t JOIN cases c ON c.id = t.case_row "
                                                 "WHERE {} GROUP BY t.login",
                                                 k_open));
  while (team.executeStep()) counts.on_team[team.getColumn(0).getString()] = team.getColumn(1).getInt64();
  return counts;
}

Status each_case_to_move(SqliteStore& store, const MoveFilter& filter, const std::function<Status(const CaseToMove&)>& each) {
  std::string sql = fmt::format("SELECT c.id, c.case_id, c.name, c.district, c.urgency, c.case_manager FROM cases c "
                                "WHERE {}",
                                k_open);
  std::vector<std::string> values;
  auto add_in = [&](const char* column, const std::vector<std::string>& list) {
    if (list.empty()) return;
    sql += fmt::format(" AND {} IN ({})", column, placeholders(list.size()));
    values.insert(values.end(), list.begin(), list.end());
  };
  if (!filter.managers.empty() || filter.unassigned) {
    std::string who;
    if (!filter.managers.empty()) who = fmt::format("c.case_manager IN ({})", placeholders(filter.managers.size()));
    if (filter.unassigned) who += std::string(who.empty() ? "" : " OR ") + "c.case_manager IS NULL";
    sql += " AND (" + who + ")";
    values.insert(values.end(), filter.managers.begin(), filter.managers.end());
  }
  if (!filter.team_member.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM case_team t WHERE t.case_row = c.id AND t.login = ?)";
    values.push_back(filter.team_member);
  }
  add_in("c.district", filter.districts);
  add_in("c.status", filter.statuses);
  add_in("c.urgency", filter.urgencies);
  if (!filter.groups.empty()) {
    sql += fmt::format(" AND EXISTS (SELECT 1 FROM case_groups g WHERE g.case_row = c.id AND g.grp IN ({}))",
                       placeholders(filter.groups.size()));
    values.insert(values.end(), filter.groups.begin(), filter.groups.end());
  }
  sql += " ORDER BY CASE c.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, c.case_id";
  SQLite::Statement query(store.db(), sql);
  for (std::size_t i = 0; i < values.size(); ++i) query.bind(static_cast<int>(i + 1), values[i]);
  while (query.executeStep()) {
    CaseToMove c;
    c.row = query.getColumn(0).getInt64();
    c.case_id = column_text(query.getColumn(1));
    c.name = column_text(query.getColumn(2));
    c.district = column_text(query.getColumn(3));
    c.urgency = column_text(query.getColumn(4));
    c.case_manager = column_text(query.getColumn(5));
    CASECTL_TRY(each(c));
  }
  return Status::ok();
}

} // namespace casectl::store::sqlite
