#include "store/case_queries.hpp"

#include "util/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl {

const std::vector<std::string>& sort_fields() {
  static const std::vector<std::string> fields = {"case_id", "opened",   "name",         "urgency",
                                                  "status",  "district", "response_due", "case_manager"};
  return fields;
}

} // namespace casectl

namespace casectl::store {

namespace {

std::string column_text(const SQLite::Column& column) { return column.isNull() ? std::string() : column.getString(); }

std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::string order_by(const CaseFilter& filter) {
  std::string direction = filter.descending ? " DESC" : "";
  std::string key;
  if (filter.sort == "case_id") key = "c.id";
  else if (filter.sort == "urgency")
    key = "CASE c.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END";
  else key = "c." + filter.sort; // checked against sort_fields() by the caller
  return " ORDER BY " + key + direction + (filter.sort == "case_id" ? "" : ", c.id" + direction);
}

// Builds the WHERE clause of `filter` and remembers the values to bind, in order.
struct Where {
  std::string sql;
  std::vector<std::string> values;

  void add_in(const std::string& column, const std::vector<std::string>& list) {
    if (list.empty()) return;
    sql += fmt::format(" AND {} IN ({})", column, placeholders(list.size()));
    values.insert(values.end(), list.begin(), list.end());
  }
};

Where where_of(const CaseFilter& filter) {
  Where w;
  w.add_in("c.status", filter.statuses);
  w.add_in("c.district", filter.districts);
  w.add_in("c.urgency", filter.urgencies);
  w.add_in("c.case_manager", filter.managers);
  w.add_in("c.kind", filter.kinds);
  if (!filter.groups.empty()) {
    w.sql += fmt::format(" AND EXISTS (SELECT 1 FROM case_groups g WHERE g.case_row = c.id AND g.grp IN ({}))",
                         placeholders(filter.groups.size()));
    w.values.insert(w.values.end(), filter.groups.begin(), filter.groups.end());
  }
  if (!filter.opened_since.empty()) {
    w.sql += " AND c.opened >= ?";
    w.values.push_back(filter.opened_since);
  }
  if (!filter.opened_until.empty()) {
    w.sql += " AND c.opened <= ?";
    w.values.push_back(filter.opened_until);
  }
  if (filter.open_only) w.sql += " AND c.status NOT IN ('closed', 'consultation')";
  return w;
}

std::vector<std::string> split_list(const std::string& joined) {
  if (joined.empty()) return {};
  return text::split(joined, '\x1f');
}

} // namespace

Result<long long> next_case_number(Store& store, int year) {
  SQLite::Statement bump(store.db(), "INSERT INTO case_id_sequence (year, last_seq) VALUES (?, 1) "
                                     "ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq");
  bump.bind(1, year);
  if (!bump.executeStep()) return Status::internal("the case id counter did not answer");
  return bump.getColumn(0).getInt64();
}

Result<bool> case_id_exists(Store& store, const std::string& case_id) {
  SQLite::Statement query(store.db(), "SELECT 1 FROM cases WHERE case_id = ?");
  query.bind(1, case_id);
  return query.executeStep();
}

Status insert_case(Store& store, const Case& c) {
  SQLite::Database& db = store.db();
  if (!c.external_id.empty()) {
    SQLite::Statement taken(db, "SELECT case_id FROM cases WHERE external_id = ?");
    taken.bind(1, c.external_id);
    if (taken.executeStep())
      return Status::conflict(fmt::format("external id '{}' already belongs to case {}; 'casectl show {}' shows it",
                                          c.external_id, taken.getColumn(0).getString(), taken.getColumn(0).getString()));
  }
  SQLite::Statement insert(db, R"SQL(
    INSERT INTO cases (case_id, kind, consultation, status, name, district, address, phone, source, referrer,
                       urgency, consent, external_id, note, opened, response_due, closed, case_manager,
                       created_at, created_by, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?))SQL");
  int i = 0;
  for (const std::string* field : {&c.case_id, &c.kind}) insert.bind(++i, *field);
  insert.bind(++i, c.consultation ? 1 : 0);
  for (const std::string* field : {&c.status, &c.name, &c.district, &c.address, &c.phone, &c.source, &c.referrer, &c.urgency})
    insert.bind(++i, *field);
  insert.bind(++i, c.consent ? 1 : 0);
  for (const std::string* field : {&c.external_id, &c.note, &c.opened, &c.response_due, &c.closed, &c.case_manager,
                                   &c.created_at, &c.created_by, &c.updated_at})
    insert.bind(++i, *field);
  insert.exec();
  int64_t row = db.getLastInsertRowid();

  SQLite::Statement add_group(db, "INSERT OR IGNORE INTO case_groups (case_row, grp) VALUES (?, ?)");
  for (const std::string& group : c.groups) {
    add_group.bind(1, row);
    add_group.bind(2, group);
    add_group.exec();
    add_group.reset();
  }
  SQLite::Statement add_problem(db, "INSERT INTO case_problems (case_row, position, problem) VALUES (?, ?, ?)");
  for (std::size_t p = 0; p < c.problems.size(); ++p) {
    add_problem.bind(1, row);
    add_problem.bind(2, static_cast<int64_t>(p + 1));
    add_problem.bind(3, c.problems[p]);
    add_problem.exec();
    add_problem.reset();
  }
  SQLite::Statement add_member(db, "INSERT INTO members (case_row, position, name, role, birth_date) VALUES (?, ?, ?, ?, nullif(?, ''))");
  for (std::size_t m = 0; m < c.members.size(); ++m) {
    add_member.bind(1, row);
    add_member.bind(2, static_cast<int64_t>(m + 1));
    add_member.bind(3, c.members[m].name);
    add_member.bind(4, c.members[m].role);
    add_member.bind(5, c.members[m].birth_date);
    add_member.exec();
    add_member.reset();
  }
  return Status::ok();
}

Result<std::optional<Case>> load_case(Store& store, const std::string& wanted) {
  SQLite::Database& db = store.db();
  SQLite::Statement query(db, R"SQL(
    SELECT id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency,
           response_due, consent, external_id, note, opened, closed, case_manager, created_at, created_by, updated_at
    FROM cases WHERE case_id = ?1
    UNION ALL
    SELECT id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency,
           response_due, consent, external_id, note, opened, closed, case_manager, created_at, created_by, updated_at
    FROM cases WHERE external_id = ?1 AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = ?1)
    LIMIT 1)SQL");
  query.bind(1, wanted);
  if (!query.executeStep()) return std::optional<Case>();
  Case c;
  int64_t row = query.getColumn(0).getInt64();
  c.case_id = column_text(query.getColumn(1));
  c.kind = column_text(query.getColumn(2));
  c.consultation = query.getColumn(3).getInt() != 0;
  std::string* text_fields[] = {&c.status, &c.name, &c.district, &c.address, &c.phone, &c.source, &c.referrer, &c.urgency, &c.response_due};
  int column = 4;
  for (std::string* field : text_fields) *field = column_text(query.getColumn(column++));
  c.consent = query.getColumn(column++).getInt() != 0;
  for (std::string* field : {&c.external_id, &c.note, &c.opened, &c.closed, &c.case_manager, &c.created_at, &c.created_by, &c.updated_at})
    *field = column_text(query.getColumn(column++));

  SQLite::Statement groups(db, "SELECT grp FROM case_groups WHERE case_row = ? ORDER BY grp");
  groups.bind(1, row);
  while (groups.executeStep()) c.groups.push_back(groups.getColumn(0).getString());
  SQLite::Statement problems(db, "SELECT problem FROM case_problems WHERE case_row = ? ORDER BY position");
  problems.bind(1, row);
  while (problems.executeStep()) c.problems.push_back(problems.getColumn(0).getString());
  SQLite::Statement members(db, "SELECT name, role, birth_date FROM members WHERE case_row = ? ORDER BY position");
  members.bind(1, row);
  while (members.executeStep())
    c.members.push_back({members.getColumn(0).getString(), members.getColumn(1).getString(), column_text(members.getColumn(2))});
  return std::optional<Case>(std::move(c));
}

Status each_case(Store& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) {
  Where where = where_of(filter);
  std::string sql = R"SQL(
    SELECT c.case_id, c.kind, c.consultation, c.status, c.name, c.district, c.urgency, c.opened, c.response_due,
           c.case_manager,
           (SELECT group_concat(grp, char(31)) FROM (SELECT grp FROM case_groups g WHERE g.case_row = c.id ORDER BY grp)),
           (SELECT count(*) FROM members m WHERE m.case_row = c.id)
    FROM cases c WHERE 1)SQL" + where.sql + order_by(filter);
  if (filter.limit >= 0) sql += fmt::format(" LIMIT {}", filter.limit);
  SQLite::Statement query(store.db(), sql);
  for (std::size_t i = 0; i < where.values.size(); ++i) query.bind(static_cast<int>(i + 1), where.values[i]);
  while (query.executeStep()) {
    CaseSummary s;
    s.case_id = column_text(query.getColumn(0));
    s.kind = column_text(query.getColumn(1));
    s.consultation = query.getColumn(2).getInt() != 0;
    int column = 3;
    for (std::string* field : {&s.status, &s.name, &s.district, &s.urgency, &s.opened, &s.response_due, &s.case_manager})
      *field = column_text(query.getColumn(column++));
    s.groups = split_list(column_text(query.getColumn(column++)));
    s.members_count = query.getColumn(column).getInt();
    CASECTL_TRY(each(s));
  }
  return Status::ok();
}

Status each_history_entry(Store& store, const std::string& case_id,
                          const std::function<Status(const HistoryEntry&)>& each) {
  SQLite::Statement query(store.db(),
                          "SELECT id, at, actor, command, case_id, action, changes FROM journal WHERE case_id = ? ORDER BY id");
  query.bind(1, case_id);
  while (query.executeStep()) {
    HistoryEntry e;
    e.id = query.getColumn(0).getInt64();
    int column = 1;
    for (std::string* field : {&e.at, &e.actor, &e.command, &e.case_id, &e.action, &e.changes})
      *field = column_text(query.getColumn(column++));
    CASECTL_TRY(each(e));
  }
  return Status::ok();
}

} // namespace casectl::store
