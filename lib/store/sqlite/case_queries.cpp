#include "store/sqlite/case_queries.hpp"

#include "store/keys.hpp"
#include "store/sqlite/schema.hpp"
#include "store/sqlite/sql_text.hpp"
#include "util/messages.hpp"
#include "util/search_key.hpp"
#include "util/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl::store::sqlite {

namespace {

std::string order_by(const CaseFilter& filter) {
  std::string direction = filter.descending ? " DESC" : "";
  if (filter.sort == "rank") return " ORDER BY c.id"; // no search to rank by
  std::string key;
  if (filter.sort == "case_id") key = "c.case_id";
  // Alphabetical: by the stored sort key (text::sort_key, migration 12), then the text's bytes
  // where two keys are equal; NULL (no case manager) first, as SQLite puts NULL.
  else if (filter.sort == "name") key = "c.name_sort" + direction + ", c.name";
  else if (filter.sort == "district") key = "c.district_sort" + direction + ", c.district";
  else if (filter.sort == "case_manager") key = "c.manager_sort" + direction + ", c.case_manager";
  else if (filter.sort == "urgency") key = "CASE c.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END";
  else key = "c." + filter.sort; // checked against sort_fields() by the caller
  return " ORDER BY " + key + direction + (filter.sort == "case_id" ? "" : ", c.case_id" + direction);
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
  if (!filter.born_after.empty()) {
    w.sql += " AND EXISTS (SELECT 1 FROM members m WHERE m.case_row = c.id AND m.birth_date > ?)";
    w.values.push_back(filter.born_after);
  }
  return w;
}

// The FTS5 MATCH expression of search terms: each word as a prefix ("word"*), or one of its
// other readings (("word"* OR "other"*)), all required, within the terms' column; or with
// `whole_words`, each word as a whole word.
std::string match_expression(const SearchTerms& terms, bool whole_words = false) {
  std::string expression;
  auto phrase = [&](const std::string& word) { return "\"" + word + (whole_words ? "\"" : "\"*"); };
  for (std::size_t i = 0; i < terms.words.size(); ++i) {
    std::string word = phrase(terms.words[i]);
    for (const std::string& other : terms.others_of(i)) word += " OR " + phrase(other);
    if (!terms.others_of(i).empty()) word = "(" + word + ")";
    expression += (expression.empty() ? "" : " AND ") + word;
  }
  switch (terms.column) {
  case SearchColumn::names: return "{names} : (" + expression + ")";
  case SearchColumn::phone: return "phone : " + expression;
  case SearchColumn::any: break;
  }
  return expression;
}

// ORDER BY of `find` (store::name_words says the rule): the whole-word test is an FTS5 query of
// its own over the names, run once for all rows; its expression is appended to `values`.
std::string rank_order(const std::vector<SearchTerms>& terms, std::vector<std::string>& values) {
  std::vector<std::string> words = name_words(terms);
  std::string by_name = " ORDER BY c.name_sort, c.name, c.case_id";
  if (words.empty()) return by_name;
  values.push_back(match_expression({SearchColumn::names, words, {}}, true));
  return " ORDER BY c.id NOT IN (SELECT rowid FROM case_search WHERE case_search MATCH ?), c.name_sort, c.name, c.case_id";
}

SortKeys sort_keys(const Case& c) {
  return sort_keys_of(c.name, c.district, c.case_manager.empty() ? std::optional<std::string>() : c.case_manager);
}

std::vector<std::string> split_list(const std::string& joined) {
  if (joined.empty()) return {};
  return text::split(joined, '\x1f');
}

} // namespace

struct CaseWriter::Statements {
  explicit Statements(SQLite::Database& db)
      : external_id_owner(db, "SELECT id, case_id FROM cases WHERE external_id = ?"), insert_case(db, R"SQL(
          INSERT INTO cases (case_id, kind, consultation, status, name, district, address, phone, source, referrer,
                             urgency, consent, external_id, note, opened, response_due, closed, case_manager,
                             created_at, created_by, updated_at, updated_on, phone_key, address_key, name_sort,
                             district_sort, manager_sort)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, nullif(?, ''), ?, ?, ?, nullif(?, ''), nullif(?, ''), ?, ?, ?,
                  ?, ?, ?, ?, ?, ?))SQL"),
        update_case(db, R"SQL(
          UPDATE cases SET kind = ?2, consultation = ?3, status = ?4, name = ?5, district = ?6, address = ?7,
                 phone = ?8, source = ?9, referrer = ?10, urgency = ?11, consent = ?12, external_id = nullif(?13, ''),
                 note = ?14, opened = ?15, response_due = ?16, updated_at = ?17, updated_on = ?18,
                 phone_key = ?19, address_key = ?20, name_sort = ?21, district_sort = ?22
          WHERE id = ?1)SQL"),
        // Only the groups the case no longer has: a group kept keeps its row, and the day it
        // began (case_group_spans, schema.cpp).
        delete_groups(db, "DELETE FROM case_groups WHERE case_row = ? AND grp NOT IN (SELECT value FROM json_each(?))"),
        delete_problems(db, "DELETE FROM case_problems WHERE case_row = ?"),
        delete_members(db, "DELETE FROM members WHERE case_row = ?"),
        delete_search(db, "DELETE FROM case_search WHERE rowid = ?"),
        add_group(db, "INSERT OR IGNORE INTO case_groups (case_row, grp) VALUES (?, ?)"),
        add_problem(db, "INSERT INTO case_problems (case_row, position, problem) VALUES (?, ?, ?)"),
        add_member(db, "INSERT INTO members (case_row, position, name, role, birth_date, name_key, relationship, "
                       "lives_elsewhere, national_id) VALUES (?, ?, ?, ?, nullif(?, ''), ?, ?, nullif(?, ''), nullif(?, ''))"),
        add_search_row(db, k_insert_search_row),
        add_period(db, "INSERT INTO case_periods (case_row, spell, opened_on, closed_on) VALUES (?, 1, ?, nullif(?, ''))"),
        add_group_span(db, "INSERT OR REPLACE INTO case_group_spans (case_row, grp, since) VALUES (?, ?, ?)"),
        same_member(db, R"SQL(
          SELECT c.case_id, m.name, m.birth_date FROM members m JOIN cases c ON c.id = m.case_row
          WHERE m.name_key = ?1 AND m.birth_date = ?2
            AND c.status NOT IN ('closed', 'consultation') AND c.case_id <> ?3)SQL"),
        same_national_id(db, R"SQL(
          SELECT c.case_id, m.name FROM members m JOIN cases c ON c.id = m.case_row
          WHERE m.national_id = ?1 AND c.status NOT IN ('closed', 'consultation') AND c.case_id <> ?2)SQL"),
        same_phone(db, R"SQL(
          SELECT case_id, phone FROM cases WHERE phone_key = ?1 AND phone_key <> ''
            AND status NOT IN ('closed', 'consultation') AND case_id <> ?2)SQL"),
        same_address(db, R"SQL(
          SELECT case_id, address FROM cases WHERE address_key = ?1 AND address_key <> ''
            AND district = ?2 AND status NOT IN ('closed', 'consultation') AND case_id <> ?3)SQL"),
        // Not one statement with RETURNING: that builds a temporary table at every call, which
        // costs a bulk intake more than the two statements together.
        bump_sequence(db, "INSERT INTO case_id_sequence (year, last_seq) VALUES (?, 1) "
                          "ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1"),
        last_sequence(db, "SELECT last_seq FROM case_id_sequence WHERE year = ?"),
        case_id_taken(db, "SELECT 1 FROM cases WHERE case_id = ?"),
        add_link(db, "INSERT OR IGNORE INTO case_links (case_row, other_case_id, relation, reason) "
                     "VALUES (?, ?, 'possible-duplicate', ?)") {}

  SQLite::Statement external_id_owner, insert_case, update_case, delete_groups, delete_problems, delete_members, delete_search,
      add_group, add_problem, add_member, add_search_row, add_period, add_group_span, same_member, same_national_id, same_phone,
      same_address, bump_sequence, last_sequence, case_id_taken, add_link;
};

namespace {

// Runs a statement that returns no rows, then makes it ready for the next use.
void run(SQLite::Statement& statement) {
  statement.exec();
  statement.reset();
  statement.clearBindings();
}

} // namespace

CaseWriter::CaseWriter(SqliteStore& store) : m_store(store), m_statements(std::make_unique<Statements>(store.db())) {}

CaseWriter::~CaseWriter() = default;

void CaseWriter::write_parts(long long row, const Case& c, bool registering) {
  Statements& s = *m_statements;
  const int64_t id = static_cast<int64_t>(row);
  const bool deferred = m_deferred_after && row > *m_deferred_after; // see write_deferred_search_rows()
  if (registering && !deferred) {
    s.add_period.bind(1, id);
    s.add_period.bind(2, c.opened);
    s.add_period.bind(3, c.closed);
    run(s.add_period);
  }
  for (const std::string& group : c.groups) {
    s.add_group.bind(1, id);
    s.add_group.bind(2, group);
    run(s.add_group);
    // A group the case did not have: held from the opening, or from the day of the change.
    if (deferred || m_store.db().getChanges() == 0) continue;
    s.add_group_span.bind(1, id);
    s.add_group_span.bind(2, group);
    s.add_group_span.bind(3, registering ? std::string() : c.updated_on);
    run(s.add_group_span);
  }
  for (std::size_t p = 0; p < c.problems.size(); ++p) {
    s.add_problem.bind(1, id);
    s.add_problem.bind(2, static_cast<int64_t>(p + 1));
    s.add_problem.bind(3, c.problems[p]);
    run(s.add_problem);
  }
  for (std::size_t m = 0; m < c.members.size(); ++m) {
    s.add_member.bind(1, id);
    s.add_member.bind(2, static_cast<int64_t>(member_number(c.members, m)));
    s.add_member.bind(3, c.members[m].name);
    s.add_member.bind(4, c.members[m].role);
    s.add_member.bind(5, c.members[m].birth_date);
    s.add_member.bind(6, text::search_key(c.members[m].name));
    s.add_member.bind(7, c.members[m].relationship);
    s.add_member.bind(8, c.members[m].lives_elsewhere);
    s.add_member.bind(9, c.members[m].national_id);
    run(s.add_member);
  }
  if (deferred) return; // written by write_deferred_search_rows()
  bind_search_row(s.add_search_row, row, search_row_of(c));
  run(s.add_search_row);
}

void CaseWriter::defer_search_rows() {
  if (m_deferred_after) return;
  m_deferred_after = m_store.db().execAndGet("SELECT coalesce(max(id), 0) FROM cases").getInt64();
}

Status CaseWriter::write_deferred_search_rows() {
  if (!m_deferred_after) return Status::ok();
  write_search_rows(m_store.db(), *m_deferred_after);
  SQLite::Statement spells(m_store.db(), "INSERT INTO case_periods (case_row, spell, opened_on, closed_on) "
                                         "SELECT id, 1, opened, closed FROM cases WHERE id > ?");
  spells.bind(1, static_cast<int64_t>(*m_deferred_after));
  spells.exec();
  SQLite::Statement groups(m_store.db(), "INSERT INTO case_group_spans (case_row, grp) "
                                         "SELECT case_row, grp FROM case_groups WHERE case_row > ?");
  groups.bind(1, static_cast<int64_t>(*m_deferred_after));
  groups.exec();
  m_deferred_after.reset();
  return Status::ok();
}

Result<long long> CaseWriter::insert(const Case& c) {
  Statements& s = *m_statements;
  if (!c.external_id.empty()) {
    s.external_id_owner.bind(1, c.external_id);
    bool taken = s.external_id_owner.executeStep();
    std::string owner = taken ? s.external_id_owner.getColumn(1).getString() : "";
    s.external_id_owner.reset();
    if (taken)
      return Status::conflict(
          trf("external id '{}' already belongs to case {}; 'casectl show {}' shows it", c.external_id, owner, owner));
  }
  SQLite::Statement& insert = s.insert_case;
  int i = 0;
  for (const std::string* field : {&c.case_id, &c.kind}) insert.bind(++i, *field);
  insert.bind(++i, c.consultation ? 1 : 0);
  for (const std::string* field : {&c.status, &c.name, &c.district, &c.address, &c.phone, &c.source, &c.referrer, &c.urgency})
    insert.bind(++i, *field);
  insert.bind(++i, c.consent ? 1 : 0);
  for (const std::string* field : {&c.external_id, &c.note, &c.opened, &c.response_due, &c.closed, &c.case_manager, &c.created_at,
                                   &c.created_by, &c.updated_at, &c.updated_on})
    insert.bind(++i, *field);
  insert.bind(++i, text::phone_key(c.phone));
  insert.bind(++i, text::search_key(c.address));
  SortKeys keys = sort_keys(c);
  bind_sort_keys(insert, i + 1, keys);
  bind_manager_sort(insert, i + 3, keys.manager);
  run(insert);
  int64_t row = m_store.db().getLastInsertRowid();
  write_parts(row, c, true);
  return static_cast<long long>(row);
}

Status CaseWriter::update(long long row, const Case& c) {
  Statements& s = *m_statements;
  SQLite::Statement& update = s.update_case;
  update.bind(1, static_cast<int64_t>(row));
  update.bind(2, c.kind);
  update.bind(3, c.consultation ? 1 : 0);
  int i = 3;
  for (const std::string* field : {&c.status, &c.name, &c.district, &c.address, &c.phone, &c.source, &c.referrer, &c.urgency})
    update.bind(++i, *field);
  update.bind(++i, c.consent ? 1 : 0);
  for (const std::string* field : {&c.external_id, &c.note, &c.opened, &c.response_due, &c.updated_at, &c.updated_on})
    update.bind(++i, *field);
  update.bind(++i, text::phone_key(c.phone));
  update.bind(++i, text::search_key(c.address));
  bind_sort_keys(update, i + 1, sort_keys(c)); // not the manager's: assign changes the manager
  run(update);
  s.delete_groups.bind(2, json_list(c.groups));
  for (SQLite::Statement* remove : {&s.delete_groups, &s.delete_problems, &s.delete_members, &s.delete_search}) {
    remove->bind(1, static_cast<int64_t>(row));
    run(*remove);
  }
  write_parts(row, c, false);
  return Status::ok();
}

Result<std::optional<std::pair<long long, Case>>> CaseWriter::find_by_external_id(const std::string& external_id) {
  using Found = std::optional<std::pair<long long, Case>>;
  if (external_id.empty()) return Found();
  Statements& s = *m_statements;
  s.external_id_owner.bind(1, external_id);
  bool taken = s.external_id_owner.executeStep();
  long long row = taken ? s.external_id_owner.getColumn(0).getInt64() : 0;
  std::string case_id = taken ? s.external_id_owner.getColumn(1).getString() : "";
  s.external_id_owner.reset();
  if (!taken) return Found();
  Result<std::optional<Case>> loaded = load_case(m_store, case_id);
  if (!loaded) return loaded.status();
  if (!*loaded) return Found();
  return Found(std::make_pair(row, std::move(**loaded)));
}

Result<std::vector<DuplicateMatch>> CaseWriter::duplicates_of(const Case& c, const std::string& except_case_id) {
  Statements& s = *m_statements;
  std::vector<DuplicateMatch> found;
  auto add = [&](const std::string& case_id, const std::string& reason) {
    for (const DuplicateMatch& m : found)
      if (m.case_id == case_id) return;
    found.push_back({case_id, reason});
  };
  for (const Member& member : c.members) {
    if (member.national_id.empty()) continue;
    s.same_national_id.bind(1, member.national_id);
    s.same_national_id.bind(2, except_case_id);
    while (s.same_national_id.executeStep())
      add(s.same_national_id.getColumn(0).getString(),
          same_national_id_reason(member, s.same_national_id.getColumn(1).getString()));
    s.same_national_id.reset();
  }
  for (const Member& member : c.members) {
    if (member.birth_date.empty()) continue;
    s.same_member.bind(1, text::search_key(member.name));
    s.same_member.bind(2, member.birth_date);
    s.same_member.bind(3, except_case_id);
    while (s.same_member.executeStep())
      add(s.same_member.getColumn(0).getString(),
          fmt::format("same member {} born {}", s.same_member.getColumn(1).getString(), s.same_member.getColumn(2).getString()));
    s.same_member.reset();
  }
  if (!c.phone.empty()) {
    s.same_phone.bind(1, text::phone_key(c.phone));
    s.same_phone.bind(2, except_case_id);
    while (s.same_phone.executeStep())
      add(s.same_phone.getColumn(0).getString(), fmt::format("same phone {}", s.same_phone.getColumn(1).getString()));
    s.same_phone.reset();
  }
  if (!c.address.empty()) {
    s.same_address.bind(1, text::search_key(c.address));
    s.same_address.bind(2, c.district);
    s.same_address.bind(3, except_case_id);
    while (s.same_address.executeStep())
      add(s.same_address.getColumn(0).getString(), fmt::format("same address {}", s.same_address.getColumn(1).getString()));
    s.same_address.reset();
  }
  return found;
}

Result<long long> CaseWriter::next_case_number(int year) {
  SQLite::Statement& bump = m_statements->bump_sequence;
  bump.bind(1, year);
  run(bump);
  SQLite::Statement& last = m_statements->last_sequence;
  last.bind(1, year);
  bool answered = last.executeStep();
  long long seq = answered ? last.getColumn(0).getInt64() : 0;
  last.reset();
  if (!answered) return Status::internal(tr("the case id counter did not answer"));
  return seq;
}

Result<bool> CaseWriter::case_id_exists(const std::string& case_id) {
  SQLite::Statement& query = m_statements->case_id_taken;
  query.bind(1, case_id);
  bool taken = query.executeStep();
  query.reset();
  return taken;
}

Status CaseWriter::link(long long row, const std::string& other_case_id, const std::string& reason) {
  Statements& s = *m_statements;
  s.add_link.bind(1, static_cast<int64_t>(row));
  s.add_link.bind(2, other_case_id);
  s.add_link.bind(3, reason);
  run(s.add_link);
  return Status::ok();
}

Result<std::optional<Case>> load_case(SqliteStore& store, const std::string& wanted) {
  SQLite::Statement& query = store.cached(R"SQL(
    SELECT id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency,
           response_due, consent, external_id, note, opened, closed, case_manager, created_at, created_by, updated_at,
           updated_on
    FROM cases WHERE case_id = ?1
    UNION ALL
    SELECT id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency,
           response_due, consent, external_id, note, opened, closed, case_manager, created_at, created_by, updated_at,
           updated_on
    FROM cases WHERE external_id = ?1 AND NOT EXISTS (SELECT 1 FROM cases WHERE case_id = ?1)
    LIMIT 1)SQL");
  query.bind(1, wanted);
  if (!query.executeStep()) return std::optional<Case>();
  Case c;
  int64_t row = query.getColumn(0).getInt64();
  c.case_id = text_of(query.getColumn(1));
  c.kind = text_of(query.getColumn(2));
  c.consultation = query.getColumn(3).getInt() != 0;
  std::string* text_fields[] = {&c.status, &c.name,     &c.district, &c.address,     &c.phone,
                                &c.source, &c.referrer, &c.urgency,  &c.response_due};
  int column = 4;
  for (std::string* field : text_fields) *field = text_of(query.getColumn(column++));
  c.consent = query.getColumn(column++).getInt() != 0;
  for (std::string* field : {&c.external_id, &c.note, &c.opened, &c.closed, &c.case_manager, &c.created_at, &c.created_by,
                             &c.updated_at, &c.updated_on})
    *field = text_of(query.getColumn(column++));
  query.reset(); // a cached statement left mid-step would hold its read snapshot open

  SQLite::Statement& groups = store.cached("SELECT grp FROM case_groups WHERE case_row = ? ORDER BY grp");
  groups.bind(1, row);
  while (groups.executeStep()) c.groups.push_back(groups.getColumn(0).getString());
  SQLite::Statement& problems = store.cached("SELECT problem FROM case_problems WHERE case_row = ? ORDER BY position");
  problems.bind(1, row);
  while (problems.executeStep()) c.problems.push_back(problems.getColumn(0).getString());
  SQLite::Statement& members =
      store.cached("SELECT name, role, birth_date, position, relationship, lives_elsewhere, national_id FROM members "
                   "WHERE case_row = ? ORDER BY position");
  members.bind(1, row);
  while (members.executeStep())
    c.members.push_back({members.getColumn(0).getString(), members.getColumn(1).getString(), text_of(members.getColumn(2)),
                         members.getColumn(3).getInt(), members.getColumn(4).getString(), text_of(members.getColumn(5)),
                         text_of(members.getColumn(6))});
  return std::optional<Case>(std::move(c));
}

Status each_case(SqliteStore& store, const CaseFilter& filter, const std::function<Status(const CaseSummary&)>& each) {
  Where where = where_of(filter);
  std::string from = "cases c";
  Result<std::vector<SearchTerms>> terms = search_terms_of(filter);
  if (!terms) return terms.status();
  std::string order = order_by(filter);
  if (!terms->empty()) {
    std::vector<std::string> matches;
    for (const SearchTerms& t : *terms) matches.push_back(match_expression(t));
    from = "case_search s JOIN cases c ON c.id = s.rowid";
    where.sql = " AND case_search MATCH ?" + where.sql;
    where.values.insert(where.values.begin(), text::join(matches, " AND "));
    if (filter.sort == "rank") order = rank_order(*terms, where.values);
  }
  std::string sql = R"SQL(
    SELECT c.case_id, c.kind, c.consultation, c.status, c.name, c.district, c.urgency, c.opened, c.response_due,
           c.case_manager,
           (SELECT group_concat(grp, char(31)) FROM (SELECT grp FROM case_groups g WHERE g.case_row = c.id ORDER BY grp)),
           (SELECT count(*) FROM members m WHERE m.case_row = c.id), c.address, c.phone, c.external_id
    FROM )SQL" + from +
                    " WHERE 1" + where.sql + order;
  if (filter.limit >= 0) sql += fmt::format(" LIMIT {}", filter.limit);
  SQLite::Statement query(store.db(), sql);
  for (std::size_t i = 0; i < where.values.size(); ++i) query.bind(static_cast<int>(i + 1), where.values[i]);
  while (query.executeStep()) {
    CaseSummary s;
    s.case_id = text_of(query.getColumn(0));
    s.kind = text_of(query.getColumn(1));
    s.consultation = query.getColumn(2).getInt() != 0;
    int column = 3;
    for (std::string* field : {&s.status, &s.name, &s.district, &s.urgency, &s.opened, &s.response_due, &s.case_manager})
      *field = text_of(query.getColumn(column++));
    s.groups = split_list(text_of(query.getColumn(column++)));
    s.members_count = query.getColumn(column++).getInt();
    for (std::string* field : {&s.address, &s.phone, &s.external_id}) *field = text_of(query.getColumn(column++));
    CASECTL_TRY(each(s));
  }
  return Status::ok();
}

Status each_history_entry(SqliteStore& store, const std::string& case_id, const std::function<Status(const HistoryEntry&)>& each,
                          HistoryKind kind) {
  SQLite::Statement query(
      store.db(),
      "SELECT id, at, coalesce(effective_on, ''), actor, coalesce(login, ''), command, case_id, action, changes, "
      "coalesce(hash, ''), coalesce(db_role, '') FROM journal WHERE case_id = ? AND (action = 'read') = ? ORDER BY id");
  query.bind(1, case_id);
  query.bind(2, kind == HistoryKind::reads ? 1 : 0);
  while (query.executeStep()) {
    HistoryEntry e;
    e.id = query.getColumn(0).getInt64();
    int column = 1;
    for (std::string* field :
         {&e.at, &e.effective_on, &e.actor, &e.login, &e.command, &e.case_id, &e.action, &e.changes, &e.hash, &e.db_role})
      *field = text_of(query.getColumn(column++));
    CASECTL_TRY(each(e));
  }
  return Status::ok();
}

} // namespace casectl::store::sqlite
