#include "store/sqlite/schema.hpp"

#include "util/search_key.hpp"
#include "util/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace casectl::store::sqlite {

namespace {

// Version 0 -> 1: cases, household members, groups, problems, case id counters, the journal.
// Codes (kind, status, urgency, source, group) are stored as their stable text codes.
const char* const k_v1 = R"SQL(
CREATE TABLE case_id_sequence (
  year     INTEGER PRIMARY KEY,     -- 0 when the case id format has no {year}
  last_seq INTEGER NOT NULL
);

CREATE TABLE cases (
  id           INTEGER PRIMARY KEY,
  case_id      TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('family', 'person')),
  consultation INTEGER NOT NULL DEFAULT 0 CHECK (consultation IN (0, 1)),
  status       TEXT NOT NULL,
  name         TEXT NOT NULL CHECK (name <> ''),
  district     TEXT NOT NULL DEFAULT '',
  address      TEXT NOT NULL DEFAULT '',
  phone        TEXT NOT NULL DEFAULT '',
  source       TEXT NOT NULL,
  referrer     TEXT NOT NULL DEFAULT '',
  urgency      TEXT NOT NULL CHECK (urgency IN ('emergency', 'urgent', 'routine')),
  consent      INTEGER NOT NULL CHECK (consent IN (0, 1)),
  external_id  TEXT UNIQUE,
  note         TEXT NOT NULL DEFAULT '',
  opened       TEXT NOT NULL,       -- YYYY-MM-DD
  response_due TEXT NOT NULL,       -- YYYY-MM-DDTHH:MM:SSZ
  closed       TEXT,                -- YYYY-MM-DD
  case_manager TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX cases_status ON cases (status);
CREATE INDEX cases_district ON cases (district, status);
CREATE INDEX cases_opened ON cases (opened);
CREATE INDEX cases_manager ON cases (case_manager, status);

CREATE TABLE case_groups (
  case_row INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  grp      TEXT NOT NULL,
  PRIMARY KEY (case_row, grp)
) WITHOUT ROWID;
CREATE INDEX case_groups_grp ON case_groups (grp);

CREATE TABLE case_problems (
  case_row INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  problem  TEXT NOT NULL,
  PRIMARY KEY (case_row, position)
) WITHOUT ROWID;

CREATE TABLE members (
  id         INTEGER PRIMARY KEY,
  case_row   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  name       TEXT NOT NULL CHECK (name <> ''),
  role       TEXT NOT NULL DEFAULT '',
  birth_date TEXT,                  -- YYYY-MM-DD or NULL
  UNIQUE (case_row, position)
);

CREATE TABLE journal (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,            -- UTC, YYYY-MM-DDTHH:MM:SSZ
  actor   TEXT NOT NULL,
  command TEXT NOT NULL,
  case_id TEXT,
  action  TEXT NOT NULL,
  changes TEXT NOT NULL             -- JSON
);
CREATE INDEX journal_case ON journal (case_id, id);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
)SQL";

// Version 1 -> 2: search keys for duplicate detection, links between cases, and the full-text
// index that `find` and `list --name` search. The keys and the index rows come from the SQL
// functions casectl_search_key, casectl_phone_key and casectl_phone_tokens (store.cpp).
const char* const k_v2 = R"SQL(
ALTER TABLE cases ADD COLUMN phone_key TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE cases SET phone_key = casectl_phone_key(phone), address_key = casectl_search_key(address);
UPDATE members SET name_key = casectl_search_key(name);
CREATE INDEX cases_phone_key ON cases (phone_key) WHERE phone_key <> '';
CREATE INDEX cases_address_key ON cases (address_key, district) WHERE address_key <> '';
CREATE INDEX members_name_key ON members (name_key, birth_date);
CREATE INDEX cases_external_id ON cases (external_id);

CREATE TABLE case_links (
  case_row      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  other_case_id TEXT NOT NULL,
  relation      TEXT NOT NULL,      -- 'possible-duplicate'
  reason        TEXT NOT NULL,
  PRIMARY KEY (case_row, other_case_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE case_search USING fts5 (names, address, phone, note, problems, prefix = '2 3 4');
INSERT INTO case_search (rowid, names, address, phone, note, problems)
  SELECT c.id,
         casectl_search_key(c.name || ' ' || coalesce((SELECT group_concat(m.name, ' ') FROM members m WHERE m.case_row = c.id), '')),
         casectl_search_key(c.address), casectl_phone_tokens(c.phone), casectl_search_key(c.note),
         casectl_search_key(coalesce((SELECT group_concat(p.problem, ' ') FROM case_problems p WHERE p.case_row = c.id), ''))
  FROM cases c;
)SQL";

// Version 2 -> 3: lists filtered by district or manager come out in case id order straight from
// an index, so "open cases in my district, first 50" stops after 50 instead of sorting them all.
const char* const k_v3 = R"SQL(
CREATE INDEX cases_district_case_id ON cases (district, case_id);
CREATE INDEX cases_manager_case_id ON cases (case_manager, case_id);
)SQL";

// Version 3 -> 4: assessments, the family portrait. Each holds domain scores (1-5, or NULL for
// "not applicable"), the safety risk to children and what the family and the person say.
// Lists of text (strengths, expectations, missing documents) are JSON arrays.
const char* const k_v4 = R"SQL(
CREATE TABLE assessments (
  id                   INTEGER PRIMARY KEY,
  case_row             INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  number               INTEGER NOT NULL,          -- 1 = the baseline, 2... reassessments
  assessed_on          TEXT NOT NULL,             -- YYYY-MM-DD
  assessor             TEXT NOT NULL,
  method               TEXT NOT NULL,             -- interview | home-visit | phone | documents
  visit_on             TEXT,                      -- YYYY-MM-DD of the home visit, when there was one
  living_conditions    TEXT NOT NULL DEFAULT '',
  risk                 TEXT CHECK (risk IN ('low', 'moderate', 'high', 'very-high')),
  derived_risk         TEXT CHECK (derived_risk IN ('low', 'moderate', 'high', 'very-high')),
  risk_reasons         TEXT NOT NULL DEFAULT '',
  risk_override_reason TEXT NOT NULL DEFAULT '',
  immediate_danger     INTEGER NOT NULL DEFAULT 0 CHECK (immediate_danger IN (0, 1)),
  strengths            TEXT NOT NULL DEFAULT '[]',
  circle_strengths     TEXT NOT NULL DEFAULT '[]',
  expectations         TEXT NOT NULL DEFAULT '[]',
  missing_documents    TEXT NOT NULL DEFAULT '[]',
  note                 TEXT NOT NULL DEFAULT '',
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL,
  UNIQUE (case_row, number)
);
CREATE TABLE assessment_scores (
  assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  domain        TEXT NOT NULL,
  score         INTEGER CHECK (score BETWEEN 1 AND 5),   -- NULL: not applicable
  PRIMARY KEY (assessment_id, domain)
) WITHOUT ROWID;
)SQL";

// Version 4 -> 5: who works on a case. `staff` holds staff members added with `casectl staff`
// (the config's [staff] are not copied here; a login in the config wins over the same login
// here). `active` 0 is a staff member who has left: kept, because cases and the journal name
// them. `case_team` is the interagency team of a case besides its manager; `cases.supervisor`
// the supervisor where a region uses one. The case manager stays in cases.case_manager.
const char* const k_v5 = R"SQL(
CREATE TABLE staff (
  login      TEXT PRIMARY KEY CHECK (login <> ''),
  name       TEXT NOT NULL,
  agency     TEXT NOT NULL DEFAULT '',
  role       TEXT NOT NULL DEFAULT '',
  districts  TEXT NOT NULL DEFAULT '[]',         -- JSON array of district codes; [] = every district
  capacity   INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE case_team (
  case_row INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  login    TEXT NOT NULL,
  role     TEXT NOT NULL DEFAULT '',
  added_on TEXT NOT NULL,                          -- YYYY-MM-DD
  added_by TEXT NOT NULL,
  PRIMARY KEY (case_row, login)
) WITHOUT ROWID;
CREATE INDEX case_team_login ON case_team (login);

ALTER TABLE cases ADD COLUMN supervisor TEXT;
)SQL";

// Version 5 -> 6: the individual help plan. A case has revisions of its plan: a draft the team
// edits, approved at a meeting (then locked), superseded when a later revision is approved.
// Goals tie to assessment domains and the person's expectations; tasks belong to goals and name
// who is responsible: an agency and/or a worker, or a family member for the family's own part.
const char* const k_v6 = R"SQL(
CREATE TABLE plans (
  id              INTEGER PRIMARY KEY,
  case_row        INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  revision        INTEGER NOT NULL,          -- 1, 2, ...
  status          TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'superseded')),
  start_on        TEXT NOT NULL,             -- YYYY-MM-DD; task offsets count from it
  template        TEXT NOT NULL DEFAULT '',  -- the plan template it started from
  revision_reason TEXT NOT NULL DEFAULT '',
  meeting_on      TEXT,                      -- the team meeting that approved it
  participants    TEXT NOT NULL DEFAULT '[]',
  decision        TEXT NOT NULL DEFAULT '',
  approved_at     TEXT,
  approved_by     TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  UNIQUE (case_row, revision)
);
CREATE TABLE plan_goals (
  plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,
  domain      TEXT NOT NULL DEFAULT '',
  target      INTEGER CHECK (target BETWEEN 1 AND 5),
  expectation TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL,
  PRIMARY KEY (plan_id, number)
) WITHOUT ROWID;
CREATE TABLE plan_tasks (
  plan_id          INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  number           INTEGER NOT NULL,
  goal             INTEGER NOT NULL,
  what             TEXT NOT NULL,
  priority         TEXT NOT NULL CHECK (priority IN ('immediate', 'high', 'normal', 'can-wait')),
  agency           TEXT NOT NULL DEFAULT '',
  worker           TEXT NOT NULL DEFAULT '',
  family_member    TEXT NOT NULL DEFAULT '',
  due_on           TEXT,                     -- YYYY-MM-DD
  offset_days      INTEGER,                  -- when given as days from the plan's start
  frequency_count  INTEGER,                  -- recurring services: count per period
  frequency_period TEXT CHECK (frequency_period IN ('day', 'week', 'month')),
  status           TEXT NOT NULL DEFAULT 'open',
  PRIMARY KEY (plan_id, number)
) WITHOUT ROWID;
CREATE INDEX plan_tasks_agency ON plan_tasks (agency, due_on);
CREATE INDEX plan_tasks_worker ON plan_tasks (worker, due_on);
)SQL";

// Version 6 -> 7: monitoring. Reviews with task updates, services delivered (counts on a date,
// against a recurring task of the plan), significant events, the next review date, and closures
// (with outcome, expectations met and each domain's change from baseline), kept as history so that
// a reopened case loses nothing.
const char* const k_v7 = R"SQL(
ALTER TABLE cases ADD COLUMN next_review_on TEXT;
CREATE TABLE reviews (
  id             INTEGER PRIMARY KEY,
  case_row       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  reviewed_on    TEXT NOT NULL,
  reviewer       TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  next_review_on TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX reviews_case ON reviews (case_row, reviewed_on);
CREATE TABLE task_updates (
  id          INTEGER PRIMARY KEY,
  case_row    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL,
  task        INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'partly', 'not-done', 'cancelled')),
  note        TEXT NOT NULL DEFAULT '',
  updated_on  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);
CREATE TABLE service_deliveries (
  id           INTEGER PRIMARY KEY,
  case_row     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  task         INTEGER NOT NULL,            -- the recurring task of the plan
  delivered_on TEXT NOT NULL,
  count        INTEGER NOT NULL CHECK (count >= 0),
  recorded_by  TEXT NOT NULL,
  recorded_at  TEXT NOT NULL
);
CREATE INDEX service_deliveries_case ON service_deliveries (case_row, task, delivered_on);
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  case_row    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  event_type  TEXT NOT NULL,
  happened_on TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX events_type ON events (event_type, happened_on);
CREATE TABLE closures (
  id                INTEGER PRIMARY KEY,
  case_row          INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  closed_on         TEXT NOT NULL,
  reason            TEXT NOT NULL,
  outcome           TEXT NOT NULL,
  expectations_met  TEXT NOT NULL CHECK (expectations_met IN ('yes', 'partly', 'no')),
  expectations_note TEXT NOT NULL DEFAULT '',
  final_assessment  INTEGER,                 -- the assessment number the outcome is measured with
  domain_changes    TEXT NOT NULL DEFAULT '[]',
  forced_reason     TEXT NOT NULL DEFAULT '',
  reopened_on       TEXT,
  reopen_reason     TEXT NOT NULL DEFAULT '',
  closed_by         TEXT NOT NULL,
  created_at        TEXT NOT NULL
);
CREATE INDEX closures_case ON closures (case_row, closed_on);
)SQL";

// Version 7 -> 8: indexes for reports. A task's status history by task (services stop when a task
// is done), closures and events by their date (a period's closings and events).
const char* const k_v8 = R"SQL(
CREATE INDEX task_updates_task ON task_updates (case_row, revision, task, updated_on);
CREATE INDEX closures_closed_on ON closures (closed_on);
CREATE INDEX events_happened_on ON events (happened_on);
)SQL";

// Version 8 -> 9: the journal proves itself. Each row gets the business date of the change
// (effective_on), the OS login beside the acting user, and its place in a hash chain
// (previous_hash, hash: lib/store/journal_chain.hpp; casectl_journal_hash is registered by
// store.cpp). The rows already there are chained here, in id order, with the append-only triggers
// dropped and created again inside this one transaction: nothing else can write meanwhile.
const char* const k_v9 = R"SQL(
DROP TRIGGER IF EXISTS journal_no_update;
DROP TRIGGER IF EXISTS journal_no_delete;
ALTER TABLE journal ADD COLUMN effective_on TEXT;  -- YYYY-MM-DD; NULL in rows written before version 9
ALTER TABLE journal ADD COLUMN login TEXT;         -- the OS login; NULL in rows written before version 9
ALTER TABLE journal ADD COLUMN previous_hash TEXT; -- the hash of the row before ('' for the first)
ALTER TABLE journal ADD COLUMN hash TEXT;          -- SHA-256 of the canonical form, lowercase hex
WITH RECURSIVE chain (id, previous_hash, hash) AS (
  SELECT j.id, '', casectl_journal_hash('', j.at, j.effective_on, j.actor, j.login, j.command, j.case_id, j.action, j.changes)
  FROM journal j WHERE j.id = (SELECT min(id) FROM journal)
  UNION ALL
  SELECT j.id, c.hash, casectl_journal_hash(c.hash, j.at, j.effective_on, j.actor, j.login, j.command, j.case_id, j.action, j.changes)
  FROM chain c JOIN journal j ON j.id = (SELECT min(id) FROM journal WHERE id > c.id)
)
UPDATE journal SET previous_hash = chain.previous_hash, hash = chain.hash FROM chain WHERE chain.id = journal.id;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
)SQL";

// Version 9 -> 10: a case's open spells with their dates, so that reports count a past period as
// it was (a later reopening leaves cases.closed NULL, which made a closed case open in the past).
// One row per spell: the opening (spell 1) or a reopening until the closing that ends it;
// `reopened_on` is the first day of the next spell (NULL for the latest), so that each case has
// exactly one spell "in force" at any day: the latest that started by then. Rebuilt here from
// cases.opened and the closures (in the order they were written); where those are silent:
// a reopening with no date takes the date of the case's next 'reopen' journal row, else the day
// it was closed; a reopening never precedes its closing; a closed case with no closures closes on
// cases.closed, else on the day it was last updated. CaseWriter writes a new case's first spell
// (a bulk intake all of them at the end, as it does the index rows: a trigger on every insert
// made bulk intake half again slower); a trigger moves it with an edited opening date; closing
// and reopening write spells in lib/store/review_queries.cpp. Also what reports group by, as it
// was: case_history (district, urgency, case manager) and case_group_spans (target groups).
const char* const k_v10 = R"SQL(
CREATE TABLE case_periods (
  case_row    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  spell       INTEGER NOT NULL,   -- 1 = the opening, 2... = reopenings
  opened_on   TEXT NOT NULL,      -- YYYY-MM-DD, the first day of the spell
  closed_on   TEXT,               -- its closing; NULL while open
  reopened_on TEXT,               -- the first day of the next spell; NULL for the latest
  PRIMARY KEY (case_row, spell)
) WITHOUT ROWID;
CREATE INDEX case_periods_reopened ON case_periods (reopened_on) WHERE reopened_on IS NOT NULL;

CREATE TRIGGER case_periods_opened AFTER UPDATE OF opened ON cases WHEN NEW.opened IS NOT OLD.opened BEGIN
  UPDATE case_periods SET opened_on = NEW.opened WHERE case_row = NEW.id AND spell = 1;
END;

-- Every closing but the last of a case was reopened; the last was when the case is not closed now.
WITH ends AS (
  SELECT x.case_row, x.closed_on, x.reopened_on, x.created_at,
         row_number() OVER (PARTITION BY x.case_row ORDER BY x.id) AS spell,
         count(*) OVER (PARTITION BY x.case_row) AS spells
  FROM closures x),
reopenings AS (
  SELECT e.case_row, e.spell, e.closed_on, c.opened,
         CASE WHEN e.spell = e.spells AND c.status = 'closed' THEN NULL
              ELSE max(e.closed_on, coalesce(e.reopened_on,
                     (SELECT substr(min(j.at), 1, 10) FROM journal j
                      WHERE j.case_id = c.case_id AND j.action = 'reopen' AND j.at >= e.created_at),
                     e.closed_on)) END AS reopened_on
  FROM ends e JOIN cases c ON c.id = e.case_row)
INSERT INTO case_periods (case_row, spell, opened_on, closed_on, reopened_on)
  SELECT case_row, spell,
         CASE WHEN spell = 1 THEN opened ELSE lag(reopened_on) OVER (PARTITION BY case_row ORDER BY spell) END,
         closed_on, reopened_on
  FROM reopenings;
-- The spell after the last closing (or the only one): open, unless the case is closed with no closures.
INSERT INTO case_periods (case_row, spell, opened_on, closed_on)
  SELECT c.id, coalesce(l.spell, 0) + 1, coalesce(l.reopened_on, c.opened),
         CASE WHEN l.spell IS NULL AND c.status = 'closed' THEN coalesce(c.closed, substr(c.updated_at, 1, 10)) END
  FROM cases c LEFT JOIN case_periods l
    ON l.case_row = c.id AND l.spell = (SELECT max(m.spell) FROM case_periods m WHERE m.case_row = c.id)
  WHERE l.spell IS NULL OR l.reopened_on IS NOT NULL;

-- What reports group and filter by, as it was: each earlier value of a case's district, urgency
-- and case manager ('' for none) until the day the next took effect (the business day of the
-- change: cases.updated_at), written by triggers whatever changes them (assign, assess,
-- intake --on-existing update). cases.changed_on, the day of the latest such change (NULL: never
-- changed), lets reports read the history only for the cases that have one.
ALTER TABLE cases ADD COLUMN changed_on TEXT;
CREATE TABLE case_history (
  id        INTEGER PRIMARY KEY,
  case_row  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  attribute TEXT NOT NULL CHECK (attribute IN ('district', 'urgency', 'case_manager')),
  value     TEXT NOT NULL,        -- the value before the change ('' for no case manager)
  until_on  TEXT NOT NULL         -- YYYY-MM-DD, the first day of the next value
);
CREATE INDEX case_history_case ON case_history (case_row, attribute, until_on);
CREATE TRIGGER case_history_district AFTER UPDATE OF district ON cases WHEN NEW.district IS NOT OLD.district BEGIN
  INSERT INTO case_history (case_row, attribute, value, until_on)
  VALUES (NEW.id, 'district', OLD.district, substr(NEW.updated_at, 1, 10));
  UPDATE cases SET changed_on = max(coalesce(changed_on, ''), substr(NEW.updated_at, 1, 10)) WHERE id = NEW.id;
END;
CREATE TRIGGER case_history_urgency AFTER UPDATE OF urgency ON cases WHEN NEW.urgency IS NOT OLD.urgency BEGIN
  INSERT INTO case_history (case_row, attribute, value, until_on)
  VALUES (NEW.id, 'urgency', OLD.urgency, substr(NEW.updated_at, 1, 10));
  UPDATE cases SET changed_on = max(coalesce(changed_on, ''), substr(NEW.updated_at, 1, 10)) WHERE id = NEW.id;
END;
CREATE TRIGGER case_history_manager AFTER UPDATE OF case_manager ON cases
WHEN NEW.case_manager IS NOT OLD.case_manager BEGIN
  INSERT INTO case_history (case_row, attribute, value, until_on)
  VALUES (NEW.id, 'case_manager', coalesce(OLD.case_manager, ''), substr(NEW.updated_at, 1, 10));
  UPDATE cases SET changed_on = max(coalesce(changed_on, ''), substr(NEW.updated_at, 1, 10)) WHERE id = NEW.id;
END;
-- Target groups as they were: each membership with the day it began ('' : from the opening) and
-- the day it ended (NULL: a group of the case now), kept beside case_groups: CaseWriter writes a
-- group's row when it adds the group (from the opening when it registers the case, else from the
-- business day of the change), the trigger below ends it when the group is taken away.
CREATE TABLE case_group_spans (
  case_row INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  grp      TEXT NOT NULL,
  since    TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD; '': from the case's opening
  until_on TEXT,                     -- the first day it no longer held; NULL: it holds now
  PRIMARY KEY (case_row, grp, since)
) WITHOUT ROWID;
INSERT INTO case_group_spans (case_row, grp) SELECT case_row, grp FROM case_groups;
CREATE TRIGGER case_group_spans_removed AFTER DELETE ON case_groups
WHEN EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_row) BEGIN
  UPDATE case_group_spans SET until_on = (SELECT substr(updated_at, 1, 10) FROM cases WHERE id = OLD.case_row)
  WHERE case_row = OLD.case_row AND grp = OLD.grp AND until_on IS NULL;
END;
)SQL";

// Version 10 -> 11: events from before the case was opened (the family's history, recorded with
// `review --before-opening`) are marked, so that they are shown as such and reports of the work
// leave them out. Every event recorded before this version happened after the opening. The events
// of one case are read for its record (`show`) by `events_case`.
const char* const k_v11 = R"SQL(
ALTER TABLE events ADD COLUMN before_opening INTEGER NOT NULL DEFAULT 0 CHECK (before_opening IN (0, 1));
CREATE INDEX events_case ON events (case_row, happened_on);
)SQL";

// Version 11 -> 12: the alphabetical sort keys of a case's name, district and case manager
// (text::sort_key, lib/util/text.hpp), stored so that `list --sort name|district|case_manager`
// orders by plain columns, as any engine can, instead of through a collation registered by
// casectl. BLOBs: the keys hold zero bytes, and BLOBs compare byte by byte (memcmp, then the
// shorter first), as std::string::compare compares the keys. manager_sort is NULL exactly when
// case_manager is. Filled by fill_sort_keys below; written by CaseWriter and assign from then on.
// `list --sort name --limit N`, the list an office reads first, is served by an index so that it
// stops after N rows; district and manager hold few values, and are filtered far more than sorted.
const char* const k_v12 = R"SQL(
ALTER TABLE cases ADD COLUMN name_sort BLOB NOT NULL DEFAULT x'';
ALTER TABLE cases ADD COLUMN district_sort BLOB NOT NULL DEFAULT x'';
ALTER TABLE cases ADD COLUMN manager_sort BLOB;
)SQL";
// Built once the keys are in: one sort rather than an index update for every case filled.
const char* const k_v12_index = "CREATE INDEX cases_name_sort ON cases (name_sort, name, case_id)";

// Version 12 -> 13: the business day of a case's last change, cases.updated_on (YYYY-MM-DD: the
// local day in the configured zone, --today, or the command's own date; the journal's
// effective_on), written by every writer beside updated_at. The history triggers of migration 10
// dated a change by the UTC date of updated_at: in a zone east of UTC a change made before
// the UTC midnight, and every change made with --today (whose moment is the local midnight), was
// dated the day before, so that a back-dated change went to the wrong report. They now read
// updated_on. Existing cases take the business day of their latest change in the journal (rows
// from version 9 on say it), else the date of updated_at; the history already written stays.
const char* const k_v13 = R"SQL(
ALTER TABLE cases ADD COLUMN updated_on TEXT NOT NULL DEFAULT '';  -- '' only until filled below
UPDATE cases SET updated_on = coalesce(
  (SELECT j.effective_on FROM journal j
   WHERE j.case_id = cases.case_id AND j.action <> 'read' AND j.effective_on IS NOT NULL ORDER BY j.id DESC LIMIT 1),
  substr(updated_at, 1, 10));

DROP TRIGGER IF EXISTS case_history_district;
DROP TRIGGER IF EXISTS case_history_urgency;
DROP TRIGGER IF EXISTS case_history_manager;
DROP TRIGGER IF EXISTS case_group_spans_removed;
CREATE TRIGGER case_history_district AFTER UPDATE OF district ON cases WHEN NEW.district IS NOT OLD.district BEGIN
  INSERT INTO case_history (case_row, attribute, value, until_on) VALUES (NEW.id, 'district', OLD.district, NEW.updated_on);
  UPDATE cases SET changed_on = max(coalesce(changed_on, ''), NEW.updated_on) WHERE id = NEW.id;
END;
CREATE TRIGGER case_history_urgency AFTER UPDATE OF urgency ON cases WHEN NEW.urgency IS NOT OLD.urgency BEGIN
  INSERT INTO case_history (case_row, attribute, value, until_on) VALUES (NEW.id, 'urgency', OLD.urgency, NEW.updated_on);
  UPDATE cases SET changed_on = max(coalesce(changed_on, ''), NEW.updated_on) WHERE id = NEW.id;
END;
CREATE TRIGGER case_history_manager AFTER UPDATE OF case_manager ON cases
WHEN NEW.case_manager IS NOT OLD.case_manager BEGIN
  INSERT INTO case_history (case_row, attribute, value, until_on)
  VALUES (NEW.id, 'case_manager', coalesce(OLD.case_manager, ''), NEW.updated_on);
  UPDATE cases SET changed_on = max(coalesce(changed_on, ''), NEW.updated_on) WHERE id = NEW.id;
END;
CREATE TRIGGER case_group_spans_removed AFTER DELETE ON case_groups
WHEN EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_row) BEGIN
  UPDATE case_group_spans SET until_on = (SELECT updated_on FROM cases WHERE id = OLD.case_row)
  WHERE case_row = OLD.case_row AND grp = OLD.grp AND until_on IS NULL;
END;
)SQL";

// Version 13 -> 14: the database role that wrote each journal row, as PostgreSQL stores have it
// (lib/store/postgres/schema.cpp, migration 14). SQLite has no roles: casectl leaves it NULL here,
// and a store copied from PostgreSQL keeps the roles its rows name, which their hashes cover.
const char* const k_v14 = R"SQL(
ALTER TABLE journal ADD COLUMN db_role TEXT;  -- PostgreSQL's session_user; NULL in rows written on SQLite
)SQL";

// The store's own id, for `export` and `import`: two district stores both number their cases from
// 2026-00001, so a case that came from another store is known by that store's id with its case id
// there (its origin), never by its case id alone. NULL origin: the case was opened in this store.
const char* const k_v15 = R"SQL(
CREATE TABLE store_identity (
  store_id TEXT NOT NULL            -- 32 hex digits, made when the store was created or migrated to version 15
);
INSERT INTO store_identity (store_id) VALUES (lower(hex(randomblob(16))));
ALTER TABLE cases ADD COLUMN origin_store TEXT;    -- the id of the store the case came from by import; NULL: opened here
ALTER TABLE cases ADD COLUMN origin_case_id TEXT;  -- its case id in that store
CREATE INDEX cases_origin ON cases (origin_store, origin_case_id);
)SQL";

// The members taken out of a household (`edit --remove-member N --reason`): kept, with their
// numbers, which are never given again (Member::number is members.position).
const char* const k_v16 = R"SQL(
CREATE TABLE removed_members (
  case_row   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  number     INTEGER NOT NULL,      -- the member's number in the case, as members.position was
  name       TEXT NOT NULL CHECK (name <> ''),
  role       TEXT NOT NULL DEFAULT '',
  birth_date TEXT,                  -- YYYY-MM-DD or NULL
  removed_on TEXT NOT NULL,         -- YYYY-MM-DD, the edit's effective date
  reason     TEXT NOT NULL CHECK (reason <> ''),
  PRIMARY KEY (case_row, number)
) WITHOUT ROWID;
)SQL";

// Version 16 -> 17: search keys that fold every official spelling of a name (lib/util/search_key.hpp:
// apostrophes inside words, the Kazakh Latin alphabet of 2021, GOST 7.79 B, ICAO 9303). Every
// stored key is computed again in C++ by the client step (rekey_search_keys below): the members'
// name keys, the addresses' keys and the rows of the full-text index, which this SQL empties.
const char* const k_v17 = R"SQL(
DELETE FROM case_search;
)SQL";

// Version 17 -> 18: an event may name the household members it concerns (`review --event TYPE
// --member N`), so that reports count people, not only events: two siblings placed in care at once
// are two children. Their numbers as a JSON array (store::event_members_text); '[]' for the family
// as a whole, as every event recorded before.
const char* const k_v18 = R"SQL(
ALTER TABLE events ADD COLUMN members TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(members) AND json_type(members) = 'array');
)SQL";

// Version 18 -> 19: the agencies told of an approved plan's tasks (`plan CASE inform --agency X`),
// and which plans `due` follows for it: those approved from now on (agencies_tracked 1, the
// default of every new plan row); a plan approved before had no way to record it and is left out,
// so that an upgrade does not list every plan's agencies as not informed.
const char* const k_v19 = R"SQL(
CREATE TABLE agency_notices (
  id          INTEGER PRIMARY KEY,
  case_row    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL,     -- the approved plan revision it told of
  agency      TEXT NOT NULL CHECK (agency <> ''),
  informed_on TEXT NOT NULL,        -- YYYY-MM-DD
  how         TEXT NOT NULL CHECK (how IN ('letter', 'meeting', 'phone')),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX agency_notices_case ON agency_notices (case_row, revision, agency);
ALTER TABLE plans ADD COLUMN agencies_tracked INTEGER NOT NULL DEFAULT 1 CHECK (agencies_tracked IN (0, 1));
UPDATE plans SET agencies_tracked = 0;
-- `due`'s reviews past or near their date: the cases that have one, in date order, instead of a
-- walk over every case (a million of them).
CREATE INDEX cases_next_review ON cases (next_review_on) WHERE next_review_on IS NOT NULL;
)SQL";

// Version 19 -> 20: who of the team took part in an assessment's visit (`assess --participant
// LOGIN`): a joint interagency visit, named by the team's logins, not in free text. A JSON list of
// logins, as the assessments' other lists; '[]' for every assessment before.
const char* const k_v20 = R"SQL(
ALTER TABLE assessments ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';
)SQL";

// Version 20 -> 21: who a member is to the family (a code of the config's `relationships`, '' when
// the role is free text only), where a member lives when not with the household (NULL: with it),
// and a member's national identifier (ИИН, 12 digits, or СНИЛС, 11; digits only, checked by
// lib/util/national_id.hpp), which duplicate detection and `find` use. The same in removed_members,
// which keeps a member as it was.
const char* const k_v21 = R"SQL(
ALTER TABLE members ADD COLUMN relationship TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN lives_elsewhere TEXT CHECK (lives_elsewhere <> '');
ALTER TABLE members ADD COLUMN national_id TEXT CHECK (length(national_id) IN (11, 12) AND national_id NOT GLOB '*[^0-9]*');
CREATE INDEX members_national_id ON members (national_id) WHERE national_id IS NOT NULL;
ALTER TABLE removed_members ADD COLUMN relationship TEXT NOT NULL DEFAULT '';
ALTER TABLE removed_members ADD COLUMN lives_elsewhere TEXT CHECK (lives_elsewhere <> '');
ALTER TABLE removed_members ADD COLUMN national_id TEXT CHECK (length(national_id) IN (11, 12) AND national_id NOT GLOB '*[^0-9]*');
)SQL";

// Version 21 -> 22: a staff member's kind: 'staff' (agency staff, every one before) or 'volunteer'
// (a volunteer or NGO coordinator of a small territory, who refers families, sits on teams and
// takes tasks, but manages no case unless assign.volunteers_manage says so); and a plan task's
// `continuous` frequency (24-hour patronage): stored as 30/month, which is how it is due and
// counted (days covered, over 30 days), with the flag saying how people name it.
const char* const k_v22 = R"SQL(
ALTER TABLE staff ADD COLUMN kind TEXT NOT NULL DEFAULT 'staff' CHECK (kind IN ('staff', 'volunteer'));
ALTER TABLE plan_tasks ADD COLUMN continuous INTEGER NOT NULL DEFAULT 0 CHECK (continuous IN (0, 1));
)SQL";

// Migration 17's client step: every key text::search_key computes, as it computes them now.
void rekey_search_keys(SQLite::Database& db) {
  for (const auto& [select, update] :
       {std::pair{"SELECT id, name FROM members", "UPDATE members SET name_key = ?2 WHERE id = ?1"},
        std::pair{"SELECT id, address FROM cases", "UPDATE cases SET address_key = ?2 WHERE id = ?1"}}) {
    SQLite::Statement rows(db, select);
    SQLite::Statement write(db, update);
    while (rows.executeStep()) {
      write.bind(1, rows.getColumn(0).getInt64());
      write.bind(2, text::search_key(rows.getColumn(1).getString()));
      write.exec();
      write.reset();
    }
  }
  write_search_rows(db, 0, false);
  // FTS5 keeps a blob handle on its index open until the transaction ends, an active statement
  // that would keep the old migrations' SQL functions registered (SqliteStore::migrate removes
  // them before it commits); a savepoint makes FTS5 flush and close it.
  db.exec("SAVEPOINT casectl_rekeyed; RELEASE casectl_rekeyed");
}

// Migration 12's client step: every case's sort keys (fill_sort_keys), then their index.
void fill_sort_keys_and_index(SQLite::Database& db) {
  fill_sort_keys(db);
  db.exec(k_v12_index);
}

} // namespace

void fill_sort_keys(SQLite::Database& db) {
  SQLite::Statement cases(db, "SELECT id, name, district, case_manager FROM cases");
  SQLite::Statement update(db, "UPDATE cases SET name_sort = ?2, district_sort = ?3, manager_sort = ?4 WHERE id = ?1");
  while (cases.executeStep()) {
    SortKeys keys = sort_keys_of(cases.getColumn(1).getString(), cases.getColumn(2).getString(),
                                 cases.getColumn(3).isNull() ? std::optional<std::string>()
                                                             : std::optional<std::string>(cases.getColumn(3).getString()));
    update.bind(1, cases.getColumn(0).getInt64());
    bind_sort_keys(update, 2, keys);
    bind_manager_sort(update, 4, keys.manager);
    update.exec();
    update.reset();
  }
}

const std::vector<const char*>& migrations() {
  static const std::vector<const char*> all = {k_v1,  k_v2,  k_v3,  k_v4,  k_v5,  k_v6,  k_v7,  k_v8,  k_v9,  k_v10, k_v11,
                                               k_v12, k_v13, k_v14, k_v15, k_v16, k_v17, k_v18, k_v19, k_v20, k_v21, k_v22};
  return all;
}

ClientStep client_step(std::size_t migration) {
  switch (migration) {
  case 11: return fill_sort_keys_and_index;
  case 16: return rekey_search_keys;
  default: return nullptr;
  }
}

void run_migration(SQLite::Database& db, std::size_t migration) {
  db.exec(migrations().at(migration));
  if (ClientStep step = client_step(migration)) step(db);
}

const std::vector<Trigger>& append_only_triggers() {
  static const std::vector<Trigger> all = {
      {"journal_no_update", "CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal\n"
                            "  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END"},
      {"journal_no_delete", "CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal\n"
                            "  BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END"},
  };
  return all;
}

const char* const k_insert_search_row = "INSERT INTO case_search (rowid, names, address, phone, note, problems) "
                                        "VALUES (?, ?, ?, ?, ?, ?)";

void bind_search_row(SQLite::Statement& insert, long long row, const SearchRow& values) {
  insert.bind(1, static_cast<int64_t>(row));
  int column = 2;
  for (const std::string* value : {&values.names, &values.address, &values.phone, &values.note, &values.problems})
    insert.bind(column++, *value);
}

void write_search_rows(SQLite::Database& db, long long after, bool national_ids) {
  // The members and problems in the order of their positions (the primary key and the unique
  // (case_row, position) index give it), as the rows have always been built.
  SQLite::Statement cases(db, fmt::format(R"SQL(
    SELECT c.id, c.name, coalesce((SELECT group_concat(m.name, ' ') FROM members m WHERE m.case_row = c.id), ''),
           c.address, c.phone, c.note,
           coalesce((SELECT group_concat(p.problem, ' ') FROM case_problems p WHERE p.case_row = c.id), ''),
           {}
    FROM cases c WHERE c.id > ? ORDER BY c.id)SQL",
                                          national_ids ? "coalesce((SELECT group_concat(m.national_id, ' ') FROM members m "
                                                         "WHERE m.case_row = c.id), '')"
                                                       : "''"));
  cases.bind(1, static_cast<int64_t>(after));
  SQLite::Statement insert(db, k_insert_search_row);
  while (cases.executeStep()) {
    std::string text[7];
    for (int column = 1; column <= 7; ++column) text[column - 1] = cases.getColumn(column).getString();
    bind_search_row(insert, cases.getColumn(0).getInt64(),
                    search_row(text[0], text[1], text[2], text[3], text[4], text[5], text[6]));
    insert.exec();
    insert.reset();
  }
}

namespace {

// A BLOB even when empty: sqlite3_bind_blob binds NULL for a null pointer, and std::string's
// data() never is one.
void bind_blob(SQLite::Statement& statement, int column, const std::string& key) {
  statement.bind(column, static_cast<const void*>(key.data()), static_cast<int>(key.size()));
}

} // namespace

void bind_sort_keys(SQLite::Statement& statement, int first, const SortKeys& keys) {
  bind_blob(statement, first, keys.name);
  bind_blob(statement, first + 1, keys.district);
}

void bind_manager_sort(SQLite::Statement& statement, int column, const std::optional<std::string>& key) {
  if (key) bind_blob(statement, column, *key);
  else statement.bind(column);
}

} // namespace casectl::store::sqlite
