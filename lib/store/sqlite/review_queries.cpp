#include "store/sqlite/review_queries.hpp"

#include "store/due_rules.hpp"
#include "store/keys.hpp"
#include "store/shared_sql.hpp"
#include "store/sqlite/sql_text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

namespace casectl::store::sqlite {

Status add_review(SqliteStore& store, long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                  const std::string& next_on, const std::string& at) {
  SQLite::Statement q(store.db(), "INSERT INTO reviews (case_row, reviewed_on, reviewer, note, next_review_on, created_at) "
                                  "VALUES (?, ?, ?, ?, nullif(?, ''), ?)");
  q.bind(1, static_cast<int64_t>(row));
  q.bind(2, on);
  q.bind(3, reviewer);
  q.bind(4, note);
  q.bind(5, next_on);
  q.bind(6, at);
  q.exec();
  return Status::ok();
}

Status update_task(SqliteStore& store, long long row, int revision, int task, const std::string& status, const std::string& note,
                   const std::string& on, const std::string& by) {
  SQLite::Statement set(store.db(), "UPDATE plan_tasks SET status = ? WHERE number = ? AND plan_id = "
                                    "(SELECT id FROM plans WHERE case_row = ? AND revision = ?)");
  set.bind(1, status);
  set.bind(2, task);
  set.bind(3, static_cast<int64_t>(row));
  set.bind(4, revision);
  set.exec();
  SQLite::Statement log(store.db(), "INSERT INTO task_updates (case_row, revision, task, status, note, updated_on, updated_by) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
  log.bind(1, static_cast<int64_t>(row));
  log.bind(2, revision);
  log.bind(3, task);
  log.bind(4, status);
  log.bind(5, note);
  log.bind(6, on);
  log.bind(7, by);
  log.exec();
  return Status::ok();
}

Status add_delivery(SqliteStore& store, long long row, int task, const std::string& on, int count, const std::string& by,
                    const std::string& at) {
  SQLite::Statement q(store.db(),
                      "INSERT INTO service_deliveries (case_row, task, delivered_on, count, recorded_by, recorded_at) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(row));
  q.bind(2, task);
  q.bind(3, on);
  q.bind(4, count);
  q.bind(5, by);
  q.bind(6, at);
  q.exec();
  return Status::ok();
}

Status add_event(SqliteStore& store, long long row, const EventRow& event) {
  SQLite::Statement q(store.db(), "INSERT INTO events (case_row, event_type, happened_on, before_opening, note, recorded_by, "
                                  "recorded_at, members) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(row));
  q.bind(2, event.type);
  q.bind(3, event.happened_on);
  q.bind(4, event.before_opening ? 1 : 0);
  q.bind(5, event.note);
  q.bind(6, event.recorded_by);
  q.bind(7, event.recorded_at);
  q.bind(8, event_members_text(event.members));
  q.exec();
  return Status::ok();
}

Result<std::string> latest_review_on(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), "SELECT max(reviewed_on) FROM reviews WHERE case_row = ?");
  q.bind(1, static_cast<int64_t>(row));
  if (!q.executeStep()) return std::string();
  return text_of(q.getColumn(0));
}

Status set_next_review(SqliteStore& store, long long row, const std::string& next_on) {
  SQLite::Statement q(store.db(), "UPDATE cases SET next_review_on = nullif(?, '') WHERE id = ?");
  q.bind(1, next_on);
  q.bind(2, static_cast<int64_t>(row));
  q.exec();
  return Status::ok();
}

Status close_case(SqliteStore& store, long long row, const Closure& c) {
  SQLite::Statement q(store.db(), R"SQL(
    INSERT INTO closures (case_row, closed_on, reason, outcome, expectations_met, expectations_note, final_assessment,
                          domain_changes, forced_reason, closed_by, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))SQL");
  int i = 0;
  q.bind(++i, static_cast<int64_t>(row));
  for (const std::string* f : {&c.closed_on, &c.reason, &c.outcome, &c.expectations_met, &c.expectations_note}) q.bind(++i, *f);
  if (c.final_assessment) q.bind(++i, *c.final_assessment);
  else q.bind(++i);
  for (const std::string* f : {&c.domain_changes_json, &c.forced_reason, &c.closed_by, &c.at}) q.bind(++i, *f);
  q.exec();
  SQLite::Statement update(store.db(), "UPDATE cases SET status = 'closed', closed = ?1, next_review_on = NULL, updated_at = ?2, "
                                       "updated_on = ?1 WHERE id = ?3");
  update.bind(1, c.closed_on); // also the business day of the closing
  update.bind(2, c.at);
  update.bind(3, static_cast<int64_t>(row));
  update.exec();
  // The open spell ends on the closing day (case_periods, schema.cpp).
  SQLite::Statement spell(store.db(), "UPDATE case_periods SET closed_on = ? WHERE case_row = ? AND closed_on IS NULL");
  spell.bind(1, c.closed_on);
  spell.bind(2, static_cast<int64_t>(row));
  spell.exec();
  return Status::ok();
}

Status reopen_case(SqliteStore& store, long long row, const std::string& status, const std::string& on, const std::string& reason,
                   const std::string& at) {
  SQLite::Statement mark(store.db(), "UPDATE closures SET reopened_on = ?, reopen_reason = ? WHERE id = "
                                     "(SELECT max(id) FROM closures WHERE case_row = ?)");
  mark.bind(1, on);
  mark.bind(2, reason);
  mark.bind(3, static_cast<int64_t>(row));
  mark.exec();
  SQLite::Statement update(store.db(), "UPDATE cases SET status = ?, closed = NULL, updated_at = ?, updated_on = ? WHERE id = ?");
  update.bind(1, status);
  update.bind(2, at);
  update.bind(3, on); // the reopening day is the business day of the change
  update.bind(4, static_cast<int64_t>(row));
  update.exec();
  // A new spell from the reopening day; the one before points to it (case_periods, schema.cpp).
  SQLite::Statement last(store.db(), "UPDATE case_periods SET reopened_on = ?1 WHERE case_row = ?2 AND spell = "
                                     "(SELECT max(spell) FROM case_periods WHERE case_row = ?2)");
  last.bind(1, on);
  last.bind(2, static_cast<int64_t>(row));
  last.exec();
  SQLite::Statement next(store.db(), "INSERT INTO case_periods (case_row, spell, opened_on) "
                                     "SELECT ?1, coalesce(max(spell), 0) + 1, ?2 FROM case_periods WHERE case_row = ?1");
  next.bind(1, static_cast<int64_t>(row));
  next.bind(2, on);
  next.exec();
  return Status::ok();
}

Result<CasePeriod> current_period(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), "SELECT opened_on, closed_on FROM case_periods WHERE case_row = ? ORDER BY spell DESC LIMIT 1");
  q.bind(1, static_cast<int64_t>(row));
  CasePeriod period;
  if (q.executeStep()) {
    period.opened_on = text_of(q.getColumn(0));
    period.closed_on = text_of(q.getColumn(1));
  }
  return period;
}

Result<std::string> next_review_of(SqliteStore& store, long long row) {
  SQLite::Statement q(store.db(), "SELECT next_review_on FROM cases WHERE id = ?");
  q.bind(1, static_cast<int64_t>(row));
  if (!q.executeStep()) return std::string();
  return text_of(q.getColumn(0));
}

Result<int> delivered_between(SqliteStore& store, long long row, int task, const std::string& from, const std::string& to) {
  SQLite::Statement q(store.db(), "SELECT coalesce(sum(count), 0) FROM service_deliveries WHERE case_row = ? AND task = ? "
                                  "AND delivered_on BETWEEN ? AND ?");
  q.bind(1, static_cast<int64_t>(row));
  q.bind(2, task);
  q.bind(3, from);
  q.bind(4, to);
  q.executeStep();
  return q.getColumn(0).getInt();
}

Result<std::vector<DueItem>> due_items(SqliteStore& store, const DueFilter& filter) {
  std::vector<DueItem> items;
  std::string cases_where;
  std::vector<std::string> values;
  auto add_in = [&](std::string& where, std::vector<std::string>& vals, const char* column,
                    const std::vector<std::string>& list) {
    if (list.empty()) return;
    where += fmt::format(" AND {} IN ({})", column, placeholders(list.size()));
    vals.insert(vals.end(), list.begin(), list.end());
  };
  add_in(cases_where, values, "coalesce(c.case_manager, '')", filter.managers);
  add_in(cases_where, values, "c.district", filter.districts);
  const std::string open_cases = " c.status NOT IN ('closed', 'consultation')";
  const std::string latest_approved = " p.status = 'approved' AND p.revision = (SELECT max(revision) FROM plans q WHERE "
                                      "q.case_row = p.case_row AND q.status = 'approved')";

  auto run = [&](const std::string& sql, const std::vector<std::string>& binds,
                 const std::function<void(SQLite::Statement&)>& take) {
    SQLite::Statement q(store.db(), sql);
    for (std::size_t i = 0; i < binds.size(); ++i) q.bind(static_cast<int>(i + 1), binds[i]);
    while (q.executeStep()) take(q);
  };
  auto base = [](SQLite::Statement& q, DueItem& d) {
    d.case_id = text_of(q.getColumn(0));
    d.case_name = text_of(q.getColumn(1));
    d.district = text_of(q.getColumn(2));
    d.case_manager = text_of(q.getColumn(3));
  };
  const std::string case_columns = "c.case_id, c.name, c.district, coalesce(c.case_manager, '')";

  // Tasks of approved plans not finished, due by `until`, and recurring services delivered less
  // than due over the last period: one pass over the latest approved plans for both (two passes
  // cost twice the plans' walk at a million cases). "+t.due_on" keeps SQLite from walking
  // plan_tasks_worker's (worker, due_on) range and fetching every task at random: from the plans
  // outward, in the tasks' own order, is 5 times faster (report overdue does the same). The order
  // is said (a case's tasks by number, as plan_tasks' primary key gave them anyway), because the
  // sort below keeps ties as found and every engine must give the same: tasks, then reviews and
  // first responses, then services.
  std::vector<DueItem> services;
  {
    std::string where = cases_where;
    std::vector<std::string> binds = {filter.today, filter.until};
    binds.insert(binds.end(), values.begin(), values.end());
    add_in(where, binds, "t.agency", filter.agencies);
    // ?1 and ?2 are named before the filters' bare '?'s, which SQLite numbers from 3 on.
    run(fmt::format(R"SQL(
      SELECT {}, t.agency, t.what, t.due_on, t.number, t.frequency_count, t.frequency_period,
             CASE WHEN t.frequency_count IS NOT NULL THEN
               (SELECT coalesce(sum(s.count), 0) FROM service_deliveries s WHERE s.case_row = c.id AND s.task = t.number
                  AND s.delivered_on > date(?1, CASE t.frequency_period WHEN 'week' THEN '-7 days' WHEN 'month' THEN '-30 days' ELSE '-1 days' END)
                  AND s.delivered_on <= ?1) END AS delivered,
             coalesce(p.meeting_on, p.start_on)
      FROM plans p JOIN cases c ON c.id = p.case_row JOIN plan_tasks t ON t.plan_id = p.id
      WHERE (t.frequency_count IS NOT NULL OR (t.due_on IS NOT NULL AND +t.due_on <= ?2))
        AND t.status IN ('open', 'in-progress') AND {} AND{}{}
      ORDER BY c.case_id, t.number)SQL",
                    case_columns, latest_approved, open_cases, where),
        binds, [&](SQLite::Statement& q) {
          DueItem d;
          base(q, d);
          d.agency = text_of(q.getColumn(4));
          d.what = text_of(q.getColumn(5));
          d.task = q.getColumn(7).getInt();
          if (q.getColumn(8).isNull()) {
            d.due = text_of(q.getColumn(6));
            d.kind = d.due < filter.today ? "overdue-task" : "task-due";
            items.push_back(d);
            return;
          }
          d.due_count = q.getColumn(8).getInt();
          std::string period = text_of(q.getColumn(9));
          d.delivered = q.getColumn(10).getInt();
          std::string since = text_of(q.getColumn(11));
          d.due = fmt::format("{}/{}", d.due_count, period);
          if (mark_under_delivered(d, period, since, filter.today)) services.push_back(d);
        });
  }
  if (filter.agencies.empty()) {
    // Reviews past or near their date.
    std::vector<std::string> binds = values;
    binds.push_back(filter.until);
    run(fmt::format(
            "SELECT {}, c.next_review_on FROM cases c WHERE{}{} AND c.next_review_on IS NOT NULL AND c.next_review_on <= ?",
            case_columns, open_cases, cases_where),
        binds, [&](SQLite::Statement& q) {
          DueItem d;
          base(q, d);
          d.due = text_of(q.getColumn(4));
          d.kind = d.due < filter.today ? "overdue-review" : "review-due";
          d.what = "review";
          items.push_back(d);
        });
    // First responses past the urgency deadline, or due within the window: cases still in intake.
    binds = values;
    binds.push_back(filter.responses_until);
    run(fmt::format("SELECT {}, c.response_due, c.urgency FROM cases c WHERE c.status = 'intake'{} AND c.response_due < ?",
                    case_columns, cases_where),
        binds, [&](SQLite::Statement& q) {
          DueItem d;
          base(q, d);
          d.due = text_of(q.getColumn(4));
          d.kind = d.due < filter.now ? "late-response" : "response-due";
          d.what = "first response (" + text_of(q.getColumn(5)) + ")";
          items.push_back(d);
        });
  }
  items.insert(items.end(), services.begin(), services.end());
  if (filter.inform_within_days > 0) {
    std::string where = cases_where;
    std::vector<std::string> binds = {inform_cutoff(filter.until, filter.inform_within_days)};
    binds.insert(binds.end(), values.begin(), values.end());
    add_in(where, binds, "t.agency", filter.agencies);
    run(fmt::format(k_agencies_to_inform_sql, "?", where), binds, [&](SQLite::Statement& q) {
      DueItem d;
      base(q, d);
      d.agency = text_of(q.getColumn(4));
      if (mark_agency_to_inform(d, text_of(q.getColumn(5)), filter.inform_within_days, filter.today, filter.until))
        items.push_back(d);
    });
  }
  sort_due_items(items, filter.today);
  return items;
}

} // namespace casectl::store::sqlite
