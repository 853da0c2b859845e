#include "store/postgres/monitoring_queries.hpp"

#include "store/due_rules.hpp"
#include "store/keys.hpp"
#include "store/shared_sql.hpp"
#include "store/postgres/query_values.hpp"

#include <fmt/format.h>

namespace casectl::store::postgres {

namespace {

// The one value of a one-row, one-column result, "" for NULL or no row.
Result<std::string> text_value(PgStore& store, const std::string& sql, const std::vector<Value>& params) {
  Result<Rows> rows = store.connection().exec(sql, params);
  if (!rows) return rows.status();
  if (rows->rows.empty() || rows->rows[0].empty()) return std::string();
  return text_of(rows->rows[0][0]);
}

} // namespace

Status add_review(PgStore& store, long long row, const std::string& on, const std::string& reviewer, const std::string& note,
                  const std::string& next_on, const std::string& at) {
  return store.connection()
      .exec("INSERT INTO reviews (case_row, reviewed_on, reviewer, note, next_review_on, created_at) "
            "VALUES ($1, $2, $3, $4, nullif($5, ''), $6)",
            {number(row), on, reviewer, note, next_on, at})
      .status();
}

Status update_task(PgStore& store, long long row, int revision, int task, const std::string& status, const std::string& note,
                   const std::string& on, const std::string& by) {
  Connection& db = store.connection();
  CASECTL_TRY(db.exec("UPDATE plan_tasks SET status = $1 WHERE number = $2 AND plan_id = "
                      "(SELECT id FROM plans WHERE case_row = $3 AND revision = $4)",
                      {status, number(task), number(row), number(revision)})
                  .status());
  return db
      .exec("INSERT INTO task_updates (case_row, revision, task, status, note, updated_on, updated_by) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {number(row), number(revision), number(task), status, note, on, by})
      .status();
}

Status add_delivery(PgStore& store, long long row, int task, const std::string& on, int count, const std::string& by,
                    const std::string& at) {
  return store.connection()
      .exec("INSERT INTO service_deliveries (case_row, task, delivered_on, count, recorded_by, recorded_at) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {number(row), number(task), on, number(count), by, at})
      .status();
}

Status add_event(PgStore& store, long long row, const EventRow& event) {
  return store.connection()
      .exec("INSERT INTO events (case_row, event_type, happened_on, before_opening, note, recorded_by, recorded_at, members) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            {number(row), event.type, event.happened_on, number(event.before_opening ? 1 : 0), event.note, event.recorded_by,
             event.recorded_at, event_members_text(event.members)})
      .status();
}

Result<std::string> latest_review_on(PgStore& store, long long row) {
  // reviewed_on is COLLATE "C": max() is the byte-wise greatest, as SQLite's.
  return text_value(store, "SELECT max(reviewed_on) FROM reviews WHERE case_row = $1", {number(row)});
}

Status set_next_review(PgStore& store, long long row, const std::string& next_on) {
  return store.connection()
      .exec("UPDATE cases SET next_review_on = nullif($1, '') WHERE id = $2", {next_on, number(row)})
      .status();
}

Result<std::string> next_review_of(PgStore& store, long long row) {
  return text_value(store, "SELECT next_review_on FROM cases WHERE id = $1", {number(row)});
}

Status close_case(PgStore& store, long long row, const Closure& c) {
  Connection& db = store.connection();
  Params params{number(row)};
  for (const std::string* f : {&c.closed_on, &c.reason, &c.outcome, &c.expectations_met, &c.expectations_note}) params.add(*f);
  params.add(c.final_assessment ? number(*c.final_assessment) : Value());
  for (const std::string* f : {&c.domain_changes_json, &c.forced_reason, &c.closed_by, &c.at}) params.add(*f);
  CASECTL_TRY(db.exec(R"SQL(
    INSERT INTO closures (case_row, closed_on, reason, outcome, expectations_met, expectations_note, final_assessment,
                          domain_changes, forced_reason, closed_by, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11))SQL",
                      params.values())
                  .status());
  CASECTL_TRY(db.exec("UPDATE cases SET status = 'closed', closed = $1, next_review_on = NULL, updated_at = $2, updated_on = $1 "
                      "WHERE id = $3",
                      {c.closed_on, c.at, number(row)})
                  .status());
  // The open spell ends on the closing day.
  return db.exec("UPDATE case_periods SET closed_on = $1 WHERE case_row = $2 AND closed_on IS NULL", {c.closed_on, number(row)})
      .status();
}

Status reopen_case(PgStore& store, long long row, const std::string& status, const std::string& on, const std::string& reason,
                   const std::string& at) {
  Connection& db = store.connection();
  CASECTL_TRY(db.exec("UPDATE closures SET reopened_on = $1, reopen_reason = $2 WHERE id = "
                      "(SELECT max(id) FROM closures WHERE case_row = $3)",
                      {on, reason, number(row)})
                  .status());
  CASECTL_TRY(db.exec("UPDATE cases SET status = $1, closed = NULL, updated_at = $2, updated_on = $3 WHERE id = $4",
                      {status, at, on, number(row)})
                  .status());
  // A new spell from the reopening day; the one before points to it.
  CASECTL_TRY(db.exec("UPDATE case_periods SET reopened_on = $1 WHERE case_row = $2 AND spell = "
                      "(SELECT max(spell) FROM case_periods WHERE case_row = $2)",
                      {on, number(row)})
                  .status());
  return db
      .exec("INSERT INTO case_periods (case_row, spell, opened_on) "
            "SELECT $1, coalesce(max(spell), 0) + 1, $2 FROM case_periods WHERE case_row = $1",
            {number(row), on})
      .status();
}

Result<CasePeriod> current_period(PgStore& store, long long row) {
  Result<Rows> rows = store.connection().exec(
      "SELECT opened_on, closed_on FROM case_periods WHERE case_row = $1 ORDER BY spell DESC LIMIT 1", {number(row)});
  if (!rows) return rows.status();
  CasePeriod period;
  if (!rows->rows.empty()) {
    period.opened_on = text_of(rows->rows[0][0]);
    period.closed_on = text_of(rows->rows[0][1]);
  }
  return period;
}

Result<int> delivered_between(PgStore& store, long long row, int task, const std::string& from, const std::string& to) {
  Result<std::string> sum = text_value(store,
                                       "SELECT coalesce(sum(count), 0) FROM service_deliveries WHERE case_row = $1 AND task = $2 "
                                       "AND delivered_on BETWEEN $3 AND $4",
                                       {number(row), number(task), from, to});
  if (!sum) return sum.status();
  return int_of(*sum);
}

Result<std::vector<DueItem>> due_items(PgStore& store, const DueFilter& filter) {
  Connection& db = store.connection();
  std::vector<DueItem> items;
  // The filters on cases (and on agencies), with their parameters numbered in `params`.
  auto in = [](Params& params, const char* column, const std::vector<std::string>& list) {
    return list.empty() ? std::string() : fmt::format(" AND {} IN ({})", column, params.add_all(list));
  };
  auto cases_where = [&](Params& params) {
    return in(params, "coalesce(c.case_manager, '')", filter.managers) + in(params, "c.district", filter.districts);
  };
  const std::string open_cases = " c.status NOT IN ('closed', 'consultation')";
  const std::string latest_approved = " p.status = 'approved' AND p.revision = (SELECT max(revision) FROM plans q WHERE "
                                      "q.case_row = p.case_row AND q.status = 'approved')";
  const std::string case_columns = "c.case_id, c.name, c.district, coalesce(c.case_manager, '')";
  auto base = [](const std::vector<Value>& r) {
    DueItem d;
    d.case_id = text_of(r[0]);
    d.case_name = text_of(r[1]);
    d.district = text_of(r[2]);
    d.case_manager = text_of(r[3]);
    return d;
  };

  // Tasks of approved plans, not finished, due by `until`.
  {
    Params params;
    std::string where = cases_where(params) + in(params, "t.agency", filter.agencies);
    std::string until = params.add(filter.until);
    Result<Rows> rows = db.exec(
        fmt::format("SELECT {}, t.agency, t.what, t.due_on, t.number FROM plans p JOIN cases c ON c.id = p.case_row "
                    "JOIN plan_tasks t ON t.plan_id = p.id WHERE {} AND{}{} AND t.status IN ('open', 'in-progress') "
                    "AND t.frequency_count IS NULL AND t.due_on IS NOT NULL AND t.due_on <= {} ORDER BY c.case_id, t.number",
                    case_columns, latest_approved, open_cases, where, until),
        params.values());
    if (!rows) return rows.status();
    for (const std::vector<Value>& r : rows->rows) {
      DueItem d = base(r);
      d.agency = text_of(r[4]);
      d.what = text_of(r[5]);
      d.due = text_of(r[6]);
      d.task = int_of(r[7]);
      d.kind = d.due < filter.today ? "overdue-task" : "task-due";
      items.push_back(d);
    }
  }
  if (filter.agencies.empty()) {
    // Reviews past or near their date.
    Params params;
    std::string where = cases_where(params);
    std::string until = params.add(filter.until);
    Result<Rows> reviews =
        db.exec(fmt::format("SELECT {}, c.next_review_on FROM cases c WHERE{}{} AND c.next_review_on IS NOT NULL "
                            "AND c.next_review_on <= {} ORDER BY c.case_id",
                            case_columns, open_cases, where, until),
                params.values());
    if (!reviews) return reviews.status();
    for (const std::vector<Value>& r : reviews->rows) {
      DueItem d = base(r);
      d.due = text_of(r[4]);
      d.kind = d.due < filter.today ? "overdue-review" : "review-due";
      d.what = "review";
      items.push_back(d);
    }
    // First responses past the urgency deadline, or due within the window: cases still in intake.
    Params late;
    where = cases_where(late);
    std::string now = late.add(filter.responses_until);
    Result<Rows> responses = db.exec(fmt::format("SELECT {}, c.response_due, c.urgency FROM cases c WHERE c.status = 'intake'{} "
                                                 "AND c.response_due < {} ORDER BY c.case_id",
                                                 case_columns, where, now),
                                     late.values());
    if (!responses) return responses.status();
    for (const std::vector<Value>& r : responses->rows) {
      DueItem d = base(r);
      d.due = text_of(r[4]);
      d.kind = d.due < filter.now ? "late-response" : "response-due";
      d.what = "first response (" + text_of(r[5]) + ")";
      items.push_back(d);
    }
  }
  // Recurring services delivered less than due over the last period (after today minus 7, 30 or
  // 1 days, up to today).
  {
    Params params;
    std::string week = params.add(days_before(filter.today, service_period_days("week")));
    std::string month = params.add(days_before(filter.today, service_period_days("month")));
    std::string day = params.add(days_before(filter.today, service_period_days("day")));
    std::string today = params.add(filter.today);
    std::string where = cases_where(params) + in(params, "t.agency", filter.agencies);
    Result<Rows> rows = db.exec(fmt::format(R"SQL(
      SELECT {}, t.agency, t.what, t.number, t.frequency_count, t.frequency_period,
             (SELECT coalesce(sum(s.count), 0) FROM service_deliveries s WHERE s.case_row = c.id AND s.task = t.number
                AND s.delivered_on > (CASE t.frequency_period WHEN 'week' THEN {} WHEN 'month' THEN {} ELSE {} END)
                AND s.delivered_on <= {}) AS delivered,
             coalesce(p.meeting_on, p.start_on)
      FROM plans p JOIN cases c ON c.id = p.case_row JOIN plan_tasks t ON t.plan_id = p.id
      WHERE {} AND{}{} AND t.frequency_count IS NOT NULL AND t.status IN ('open', 'in-progress')
      ORDER BY c.case_id, t.number)SQL",
                                            case_columns, week, month, day, today, latest_approved, open_cases, where),
                                params.values());
    if (!rows) return rows.status();
    for (const std::vector<Value>& r : rows->rows) {
      DueItem d = base(r);
      d.agency = text_of(r[4]);
      d.what = text_of(r[5]);
      d.task = int_of(r[6]);
      d.due_count = int_of(r[7]);
      std::string period = text_of(r[8]);
      d.delivered = int_of(r[9]);
      std::string since = text_of(r[10]);
      d.due = fmt::format("{}/{}", d.due_count, period);
      if (mark_under_delivered(d, period, since, filter.today)) items.push_back(d);
    }
  }
  if (filter.inform_within_days > 0) {
    Params params;
    std::string cutoff = params.add(inform_cutoff(filter.until, filter.inform_within_days));
    std::string where = cases_where(params) + in(params, "t.agency", filter.agencies);
    Result<Rows> rows = db.exec(fmt::format(k_agencies_to_inform_sql, cutoff, where), params.values());
    if (!rows) return rows.status();
    for (const std::vector<Value>& r : rows->rows) {
      DueItem d = base(r);
      d.agency = text_of(r[4]);
      if (mark_agency_to_inform(d, text_of(r[5]), filter.inform_within_days, filter.today, filter.until)) items.push_back(d);
    }
  }
  sort_due_items(items, filter.today);
  return items;
}

Result<std::vector<EventRow>> events_of(PgStore& store, long long row) {
  Result<Rows> rows = store.connection().exec("SELECT event_type, happened_on, before_opening, note, recorded_by, recorded_at, "
                                              "members FROM events WHERE case_row = $1 ORDER BY happened_on, id",
                                              {number(row)});
  if (!rows) return rows.status();
  std::vector<EventRow> events;
  for (const std::vector<Value>& r : rows->rows)
    events.push_back({text_of(r[0]), text_of(r[1]), int_of(r[2]) != 0, text_of(r[3]), text_of(r[4]), text_of(r[5]),
                      event_members_of(text_of(r[6]))});
  return events;
}

Result<std::vector<TaskUpdateRow>> task_notes_of(PgStore& store, long long row, int up_to_revision) {
  Result<Rows> rows =
      store.connection().exec("SELECT revision, task, status, note, updated_on, updated_by FROM task_updates "
                              "WHERE case_row = $1 AND note <> '' AND ($2::integer = 0 OR revision <= $2::integer) "
                              "ORDER BY updated_on, id",
                              {number(row), number(up_to_revision)});
  if (!rows) return rows.status();
  std::vector<TaskUpdateRow> updates;
  for (const std::vector<Value>& r : rows->rows)
    updates.push_back({int_of(r[0]), int_of(r[1]), text_of(r[2]), text_of(r[3]), text_of(r[4]), text_of(r[5])});
  return updates;
}

Result<std::vector<ClosureRow>> closures_of(PgStore& store, long long row) {
  Result<Rows> rows = store.connection().exec(R"SQL(
    SELECT closed_on, reason, outcome, expectations_met, expectations_note, domain_changes, forced_reason,
           reopened_on, reopen_reason, closed_by, created_at, final_assessment
    FROM closures WHERE case_row = $1 ORDER BY id)SQL",
                                              {number(row)});
  if (!rows) return rows.status();
  std::vector<ClosureRow> closures;
  for (const std::vector<Value>& r : rows->rows) {
    ClosureRow c;
    std::string* fields[] = {&c.closed_on,           &c.reason,        &c.outcome,     &c.expectations_met, &c.expectations_note,
                             &c.domain_changes_json, &c.forced_reason, &c.reopened_on, &c.reopen_reason,    &c.closed_by,
                             &c.created_at};
    std::size_t i = 0;
    for (std::string* f : fields) *f = text_of(r[i++]);
    c.final_assessment = optional_int_of(r[i]);
    closures.push_back(std::move(c));
  }
  return closures;
}

} // namespace casectl::store::postgres
