#!/usr/bin/env bash
# Fills a fresh casectl store with N generated cases (default 1,000,000) and what reports count,
# using the sqlite3 shell in one run of set-based INSERT ... SELECT (bulk intake from files is a
# later issue). Names are invented from lists of common Russian and Kazakh surnames and first names.
# Nothing is random: every value comes from the case's row number n, so the same N gives the same
# store.
#
# Every case: 2 members, 1 or 2 target groups, opened on one of 2,500 days from 2020-01-01.
# One case in five is a consultation. A full case stays open for 60-540 days (one in twenty has no
# end) and is closed when that is before the store's today, 2026-11-20 (run casectl with
# CASECTL_TODAY=2026-11-20 to see the store as of that day). Open cases are in intake (new, or
# never answered), under assessment, or active; the rest closed. Then:
# - assessments: a baseline for every assessed case (5-8 of the built-in domains scored, some "not
#   applicable"), a reassessment before closing for two closed cases in three and for some
#   long-running active cases;
# - plans: an approved plan for active cases and for closed cases that got that far (3 goals on
#   assessed domains, one-off tasks of the example config's agencies, some overdue, and for a
#   third of the plans a recurring service); one plan in ten that ran long was revised (revision
#   1 superseded);
# - service deliveries: one record a month for each recurring service, under-delivered for some;
# - events of the built-in types for about 4 full cases in 10;
# - closures (outcome, expectations met, the final assessment, each domain's change from the
#   baseline as casectl writes it) for the closed cases and for a few that were reopened (their
#   spells of work in case_periods: open, closed, open again);
# - task updates for every task that is not open, and next review dates for open cases, some in
#   the past;
# - the 200 case managers as staff.
#   usage: tests/bench/generate_store.sh CASECTL STORE [N]
set -euo pipefail
casectl="$1" store="$2" n="${3:-1000000}"
today=2026-11-20
rm -f "$store" "$store-wal" "$store-shm"
CASECTL_DB="$store" "$casectl" init 2>/dev/null
# Dates are counted in days from 2020-01-01 (julian day 2458849.5): date(2458849.5 + d).
sqlite3 "$store" >/dev/null <<SQL
PRAGMA journal_mode = WAL; -- prints "wal"
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
PRAGMA temp_store = FILE;
BEGIN;

-- g: one row per case with the dates and states everything else derives from.
CREATE TEMP TABLE g (n INTEGER PRIMARY KEY, consultation INTEGER, status TEXT, manager TEXT, d_open INTEGER,
                     d_close INTEGER, d_end INTEGER, d_assess INTEGER, d_reassess INTEGER, d_plan INTEGER,
                     d_plan2 INTEGER, d_reclose INTEGER, outcome TEXT, next_review INTEGER);
INSERT INTO g
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $n),
  a AS (SELECT n, n % 5 = 4 AS consultation, n % 2500 AS d_open,
               CAST(julianday('$today') - 2458849.5 AS INTEGER) AS today_d,
               CASE WHEN n % 20 = 7 THEN NULL ELSE 60 + n * 7919 % 481 END AS life,
               2 + n * 31 % 19 AS wait
        FROM seq),
  b AS (SELECT *, today_d - d_open AS age,
               CASE WHEN NOT consultation AND life < today_d - d_open THEN d_open + life END AS d_close
        FROM a),
  c AS (SELECT *, CASE WHEN consultation THEN 'consultation' WHEN d_close IS NOT NULL THEN 'closed'
                       WHEN age < 25 OR n % 200 = 0 THEN 'intake' WHEN age < 45 OR n % 20 = 1 THEN 'assessment'
                       ELSE 'active' END AS status
        FROM b),
  d AS (SELECT *,
               CASE WHEN status IN ('assessment', 'active') OR (status = 'closed' AND n % 25 <> 0)
                    THEN min(d_open + wait, today_d) END AS d_assess
        FROM c),
  e AS (SELECT *,
               CASE WHEN status = 'closed' AND d_assess IS NOT NULL AND n % 3 <> 0 THEN d_close - 7 - n % 10
                    WHEN status = 'active' AND age > 200 AND n % 4 = 1 THEN d_open + 150 + n % 30 END AS d_reassess,
               CASE WHEN status = 'active' OR (status = 'closed' AND d_assess IS NOT NULL AND n % 25 <> 1)
                    THEN d_assess + 3 + n % 5 END AS d_plan
        FROM d)
SELECT n, consultation, status, 'manager' || (n % 200), d_open, d_close, coalesce(d_close, today_d), d_assess, d_reassess,
       d_plan,
       CASE WHEN n % 10 = 3 AND coalesce(d_close, today_d) - d_plan > 150 THEN d_plan + 90 + n % 20 END,
       CASE WHEN status = 'active' AND n % 40 = 2 AND age > 150 THEN d_open + 70 END,
       CASE WHEN status <> 'closed' THEN NULL
            WHEN d_assess IS NULL THEN json_extract('["disengaged","lost-contact","moved"]', '\$[' || (n % 3) || ']')
            WHEN d_plan IS NULL THEN json_extract('["transferred","moved","disengaged","lost-contact"]', '\$[' || (n % 4) || ']')
            ELSE json_extract('["goals-achieved","goals-achieved","goals-achieved","goals-achieved","partly","partly","partly",
                                "disengaged","transferred","moved","goals-achieved","partly","deceased","lost-contact",
                                "goals-achieved","partly","disengaged","moved","goals-achieved","lost-contact"]',
                              '\$[' || (n / 5 * 7727 % 20) || ']') END,
       CASE WHEN status IN ('assessment', 'active') THEN today_d - 12 + n % 46 END
FROM e;

CREATE TEMP VIEW words AS SELECT
    '["Семёнова","Иванов","Ахметов","Сапарова","Кравченко","Омарова","Тарасов","Жұмабаева","Нұрланов","Ким","Петренко","Әбдіқызы","Гончаренко","Қасымов","Есенова"]' AS surnames,
    '["Айгүл","Пётр","Болат","Гүлнұр","Валентина","Динара","Артём","Әсел","Дәурен","Виктория","Ольга","Ерлан","Ирина","Ұлжан","Мадина"]' AS names,
    '["almaly","auezov","bostandyk","turksib","medeu","nauryzbay","alatau","zhetysu"]' AS districts,
    '["self","referral","hotline","school","self","police","hospital","referral","neighbour","outreach","self","hotline"]' AS sources,
    '["emergency","urgent","routine","routine","routine"]' AS urgencies;
INSERT INTO cases (id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency,
                   consent, external_id, note, opened, response_due, closed, case_manager, created_at, created_by, updated_at,
                   next_review_on)
SELECT n, printf('%d-%05d', 2020 + n % 7, n), CASE WHEN n % 3 = 0 THEN 'person' ELSE 'family' END, consultation, status,
       json_extract(surnames, '\$[' || (n % 15) || ']') || ' ' || json_extract(names, '\$[' || (n / 15 % 15) || ']'),
       json_extract(districts, '\$[' || (n / 7 % 8) || ']'),
       'ул. Абая, ' || (n % 300) || ', кв. ' || (n % 97), printf('+7 701 %03d-%02d-%02d', n % 1000, n / 1000 % 100, n / 100000 % 100),
       json_extract(sources, '\$[' || (n / 5 % 12) || ']'), '', json_extract(urgencies, '\$[' || (n / 3 % 5) || ']'), 1,
       'EXT-' || n, '', date(2458849.5 + d_open), date(2458849.5 + d_open + 10) || 'T00:00:00Z',
       date(2458849.5 + d_close), manager, '2026-01-01T00:00:00Z', 'bench', '2026-01-01T00:00:00Z',
       date(2458849.5 + next_review)
FROM g, words;
-- The managers as staff (casectl staff), so that reports know their names and --manager them.
INSERT INTO staff (login, name, agency, role, districts, capacity, active, created_at, created_by, updated_at)
SELECT 'manager' || i, json_extract(surnames, '\$[' || (i % 15) || ']') || ' ' || json_extract(names, '\$[' || (i / 15 % 15) || ']'),
       'social-protection', 'case-manager', '[]', 600 + i % 5 * 50, 1, '2020-01-01T00:00:00Z', 'bench', '2020-01-01T00:00:00Z'
FROM (WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 199) SELECT i FROM m), words;
INSERT INTO case_groups (case_row, grp)
  SELECT id, json_extract('["large-family","single-parent","elderly-alone","domestic-violence","child-at-risk","palliative","disability","refugee"]', '\$[' || (id % 8) || ']') FROM cases;
INSERT INTO case_groups (case_row, grp) SELECT id, 'low-income' FROM cases WHERE id % 4 = 0;
-- What casectl writes beside a new case (CaseWriter): its first spell of work, its groups from the opening.
INSERT INTO case_periods (case_row, spell, opened_on, closed_on) SELECT id, 1, opened, closed FROM cases;
INSERT INTO case_group_spans (case_row, grp) SELECT case_row, grp FROM case_groups;
INSERT INTO members (case_row, position, name, role, birth_date)
  SELECT id, 1, name, 'мать', date('1970-01-01', '+' || (id % 9000) || ' days') FROM cases;
INSERT INTO members (case_row, position, name, role, birth_date)
  SELECT id, 2, 'Ребёнок ' || id, 'сын', date('2010-01-01', '+' || (id % 5000) || ' days') FROM cases;

-- Assessments: number 1 (the baseline) and 2; assessment id 2n-1 and 2n for case n.
CREATE TEMP TABLE numbers (number INTEGER PRIMARY KEY);
INSERT INTO numbers VALUES (1), (2);
INSERT INTO assessments (id, case_row, number, assessed_on, assessor, method, visit_on, living_conditions, risk,
                         derived_risk, risk_reasons, immediate_danger, strengths, circle_strengths, expectations,
                         missing_documents, note, created_at, created_by)
SELECT 2 * n - 2 + number, n, number, date(2458849.5 + d), manager, method,
       CASE method WHEN 'home-visit' THEN date(2458849.5 + d) END,
       CASE number WHEN 1 THEN json_extract('["Двухкомнатная квартира, чисто, тесно","Комната в общежитии, нет места для занятий детей","Частный дом без отопления во второй комнате","Съёмная квартира, долг за два месяца"]', '\$[' || (n % 4) || ']') ELSE '' END,
       risk, risk, CASE WHEN risk IN ('high', 'very-high') THEN 'угроза безопасности ребёнка' ELSE '' END,
       risk = 'very-high',
       CASE number WHEN 1 THEN '["Родители заботятся о детях"]' ELSE '[]' END,
       CASE number WHEN 1 THEN '["Бабушка помогает с детьми"]' ELSE '[]' END,
       CASE number WHEN 1 THEN '["Хочу, чтобы дети были сыты и ходили в школу"]' ELSE '[]' END,
       CASE WHEN number = 1 AND n % 6 = 0 THEN '["удостоверение личности"]' ELSE '[]' END,
       '', date(2458849.5 + d) || 'T10:00:00Z', manager
FROM (SELECT g.*, numbers.number, CASE numbers.number WHEN 1 THEN d_assess ELSE d_reassess END AS d,
             json_extract('["home-visit","home-visit","interview","phone","home-visit","documents"]', '\$[' || (n % 6) || ']') AS method,
             json_extract('["very-high","high","high","moderate","moderate","moderate","low","low","low","low"]', '\$[' || (n / 5 * 3 % 10) || ']') AS risk
      FROM g JOIN numbers)
WHERE d IS NOT NULL;
-- 5-8 consecutive domains of the 15 built-in ones; the baseline 1-4 (some not applicable), the
-- reassessment moved by the outcome.
CREATE TEMP TABLE domains (idx INTEGER PRIMARY KEY, code TEXT);
INSERT INTO domains SELECT key, value FROM json_each('["documents","housing","income","employment","food","childcare","schooling","health","mental-health","substance-use","safety","parenting","legal","social-support","mobility"]');
INSERT INTO assessment_scores (assessment_id, domain, score)
SELECT 2 * n - 2 + number, code,
       CASE number WHEN 1 THEN baseline
            ELSE CASE WHEN baseline IS NULL AND (n + idx) % 2 = 0 THEN NULL
                      ELSE min(5, max(1, coalesce(baseline, 2) + CASE WHEN outcome = 'goals-achieved' THEN 1 + (n + idx) % 2
                                                                      WHEN outcome IS NULL OR outcome = 'partly' THEN (n + idx) % 2
                                                                      ELSE (n + idx) % 3 - 1 END)) END END
FROM (SELECT g.n, g.outcome, numbers.number, domains.idx, domains.code,
             CASE WHEN (g.n + domains.idx) % 13 = 0 THEN NULL ELSE 1 + (g.n * (domains.idx + 3) + domains.idx) % 4 END AS baseline
      FROM g JOIN numbers JOIN domains
      WHERE CASE numbers.number WHEN 1 THEN g.d_assess ELSE g.d_reassess END IS NOT NULL
        AND (domains.idx - g.n * 7 % 15 + 15) % 15 < 5 + g.n % 4);

-- Plans: revision 1 (plan id 2n-1) and, where the plan was revised, revision 2 (plan id 2n).
CREATE TEMP TABLE pl (id INTEGER PRIMARY KEY, n INTEGER, revision INTEGER, status TEXT, case_status TEXT, manager TEXT,
                      name TEXT, d_start INTEGER, d_stop INTEGER);
INSERT INTO pl
SELECT 2 * n - 2 + number, n, number,
       CASE WHEN number = 1 AND d_plan2 IS NOT NULL THEN 'superseded' ELSE 'approved' END, g.status, manager, c.name,
       CASE number WHEN 1 THEN d_plan ELSE d_plan2 END, CASE WHEN number = 1 AND d_plan2 IS NOT NULL THEN d_plan2 ELSE d_end END
FROM g JOIN numbers JOIN cases c ON c.id = g.n
WHERE CASE number WHEN 1 THEN d_plan ELSE d_plan2 END IS NOT NULL;
INSERT INTO plans (id, case_row, revision, status, start_on, template, revision_reason, meeting_on, participants, decision,
                   approved_at, approved_by, created_at, created_by)
SELECT id, n, revision, status, date(2458849.5 + d_start), '',
       CASE revision WHEN 2 THEN 'Пересмотр после переоценки' ELSE '' END, date(2458849.5 + d_start),
       json_array(manager, name), 'План утвердить; пересмотр через месяц', date(2458849.5 + d_start) || 'T15:00:00Z', manager,
       date(2458849.5 + d_start - 1) || 'T10:00:00Z', manager
FROM pl;
INSERT INTO plan_goals (plan_id, number, domain, target, expectation, description)
SELECT pl.id, goal.number, domains.code, 3 + (pl.n + goal.number) % 2,
       CASE goal.number WHEN 1 THEN 'Хочу, чтобы дети были сыты и ходили в школу' ELSE '' END,
       json_extract('["Документы восстановлены","Семья живёт в безопасном жилье","Доход семьи не ниже прожиточного минимума","Взрослые члены семьи работают","Семья обеспечена питанием","Уход за детьми организован","Дети посещают школу","Члены семьи получают медицинскую помощь","Психологическое состояние стабильно","Отказ от употребления алкоголя","Дети в безопасности дома","Родители справляются с воспитанием","Правовые вопросы решены","У семьи есть круг поддержки","Человек передвигается сам"]',
                    '\$[' || domains.idx || ']')
FROM pl JOIN (SELECT 1 AS number UNION ALL SELECT 2 UNION ALL SELECT 3) goal
     JOIN domains ON domains.idx = (pl.n * 7 + goal.number - 1) % 15;
-- Tasks 1-3 one-off (two for agencies of the example config, one for the family), 4 a recurring
-- service for n % 3 = 1. A task due before the plan stopped is mostly done; an active case keeps
-- one in four of those due in its last 120 days open past their date.
CREATE TEMP TABLE task_kinds (number INTEGER PRIMARY KEY, goal INTEGER, priority TEXT, agencies TEXT, whats TEXT);
INSERT INTO task_kinds VALUES
  (1, 1, 'immediate', '["social-protection","juvenile-police","guardianship","school","hospital","employment-centre","ngo"]',
   '["Оформить пособие и социальную помощь","Профилактическая беседа инспектора с семьёй","Проверка условий проживания ребёнка","Место в школе и дополнительные занятия","Медицинское обследование членов семьи","Постановка на учёт в центре занятости, подбор вакансий","Консультации психолога для семьи"]'),
  (2, 2, 'high', NULL, NULL),
  (3, 3, 'normal', '[""]', '["Вместе с консультантом составить семейный бюджет"]'),
  (4, 1, 'high', '["ngo","hospital","social-protection","school"]',
   '["Занятия с психологом","Патронаж на дому","Доставка продуктового набора","Контроль посещаемости, звонок в день пропуска"]');
UPDATE task_kinds SET (agencies, whats) = (SELECT agencies, whats FROM task_kinds WHERE number = 1) WHERE number = 2;
INSERT INTO plan_tasks (plan_id, number, goal, what, priority, agency, worker, family_member, due_on, offset_days,
                        frequency_count, frequency_period, status)
SELECT id, number, goal, json_extract(whats, '\$[' || i || ']'), priority, json_extract(agencies, '\$[' || i || ']'),
       CASE WHEN json_extract(agencies, '\$[' || i || ']') = 'social-protection' THEN manager ELSE '' END,
       CASE number WHEN 3 THEN name ELSE '' END, date(2458849.5 + d_start + offset_days), offset_days,
       CASE number WHEN 4 THEN 1 + n % 5 END, CASE number WHEN 4 THEN CASE WHEN n % 10 < 6 THEN 'week' ELSE 'month' END END,
       CASE WHEN status = 'superseded' THEN CASE WHEN number < 4 AND d_start + offset_days < d_stop THEN 'done' ELSE 'cancelled' END
            WHEN case_status = 'closed' THEN
              CASE WHEN number = 4 THEN 'done' WHEN d_start + offset_days > d_stop THEN 'cancelled'
                   ELSE json_extract('["done","done","done","partly","not-done"]', '\$[' || ((n + number) % 5) || ']') END
            WHEN number = 4 THEN 'in-progress'
            WHEN d_start + offset_days >= d_stop THEN CASE (n + number) % 3 WHEN 0 THEN 'in-progress' ELSE 'open' END
            WHEN d_stop - d_start - offset_days > 120 THEN 'done'
            WHEN (n + number) % 8 = 0 THEN 'open'
            WHEN (n + number) % 8 = 1 THEN 'in-progress'
            ELSE 'done' END
FROM (SELECT pl.*, k.number, k.goal, k.priority, k.agencies, k.whats,
             CASE k.number WHEN 1 THEN 7 + pl.n % 7 WHEN 2 THEN 30 + pl.n % 30 WHEN 3 THEN 60 + pl.n % 45 ELSE 0 END AS offset_days,
             CASE k.number WHEN 1 THEN pl.n % 7 WHEN 2 THEN (pl.n + 3) % 7 WHEN 3 THEN 0 ELSE pl.n / 3 % 4 END AS i
      FROM pl JOIN task_kinds k ON k.number < 4 OR pl.n % 3 = 1);

-- Task updates: the status each task that is not open got at a review: in progress from the plan's
-- start, done (or partly, not done) on its due date, cancelled (and a service done) when the plan
-- stopped.
INSERT INTO task_updates (case_row, revision, task, status, note, updated_on, updated_by)
SELECT pl.n, pl.revision, t.number, t.status, '',
       date(2458849.5 + CASE WHEN t.status = 'in-progress' THEN pl.d_start
                             WHEN t.status = 'cancelled' OR t.frequency_count IS NOT NULL THEN pl.d_stop
                             ELSE min(pl.d_start + t.offset_days, pl.d_stop) END),
       pl.manager
FROM pl JOIN plan_tasks t ON t.plan_id = pl.id
WHERE t.status <> 'open';

-- The generated plans are the office's past, from before casectl recorded agency notices (schema
-- 19): `due` does not follow them for it, as after an upgrade.
UPDATE plans SET agencies_tracked = 0;
-- Service deliveries: one record a month for the recurring task (0.7-1 of what is due), counting
-- back from the plan's end (or today); for an open case with n % 9 = 1 the last month is missing.
CREATE TEMP TABLE months (k INTEGER PRIMARY KEY);
INSERT INTO months WITH RECURSIVE m(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM m WHERE k < 90) SELECT k FROM m;
INSERT INTO service_deliveries (case_row, task, delivered_on, count, recorded_by, recorded_at)
SELECT n, 4, date(2458849.5 + d), amount, manager, date(2458849.5 + d) || 'T16:00:00Z'
FROM (SELECT pl.n, pl.manager, pl.d_start,
             max(1, (1 + pl.n % 5) * CASE WHEN pl.n % 10 < 6 THEN 4 ELSE 1 END * (70 + pl.n * 3 % 31) / 100) AS amount,
             pl.d_stop - pl.n % 5 - 30 * months.k
               - CASE WHEN pl.n % 9 = 1 AND pl.case_status <> 'closed' THEN 30 ELSE 0 END AS d
      FROM pl JOIN months
      WHERE pl.n % 3 = 1 AND pl.d_start + 30 * months.k <= pl.d_stop)
WHERE d >= d_start;

-- Events: one for full cases with n % 10 in (0, 3, 6), a second for n % 10 = 0, between opening
-- and closing (or today); the common types more often.
INSERT INTO events (case_row, event_type, happened_on, note, recorded_by, recorded_at)
SELECT n, json_extract('["police-called","hospitalised","job-found","documents-restored","police-called","hospitalised",
                         "job-found","documents-restored","moved","rights-violation-report","child-returned-home","ran-away",
                         "police-called","documents-restored","job-found","hospitalised","child-placed-in-care",
                         "parental-rights-restricted","moved","rights-violation-report"]', '\$[' || ((n / 10 + number * 7) % 20) || ']'),
       date(2458849.5 + d), '', manager, date(2458849.5 + d) || 'T18:00:00Z'
FROM (SELECT g.n, g.manager, numbers.number, g.d_open + (g.n * 11 + numbers.number * 37) % max(1, g.d_end - g.d_open) AS d
      FROM g JOIN numbers
      WHERE NOT g.consultation AND (numbers.number = 1 AND g.n * 17 % 10 < 3 OR numbers.number = 2 AND g.n * 17 % 10 = 0));

-- Closures: each domain's change from the baseline to the last assessment before closing, as
-- casectl writes it (lib/cases/review.cpp: in domain order, compact JSON). A reopened case was
-- closed 70 days after opening, before its reassessment.
CREATE TEMP TABLE dc AS
SELECT g.n, s.domain, max(CASE WHEN s.assessment_id % 2 = 1 THEN s.score END) AS s1,
       CASE WHEN g.status = 'closed' THEN max(CASE WHEN s.assessment_id % 2 = 0 THEN s.score END) END AS s2
FROM g JOIN assessment_scores s ON s.assessment_id IN (2 * g.n - 1, 2 * g.n)
WHERE g.d_close IS NOT NULL OR g.d_reclose IS NOT NULL
GROUP BY g.n, s.domain;
CREATE TEMP TABLE dcj (n INTEGER PRIMARY KEY, changes TEXT);
INSERT INTO dcj
SELECT n, json_group_array(json_object('domain', domain, 'baseline', coalesce(s1, s2), 'final', coalesce(s2, s1),
                                       'change', coalesce(s2, s1) - coalesce(s1, s2)))
FROM (SELECT * FROM dc ORDER BY n, domain) GROUP BY n;
INSERT INTO closures (id, case_row, closed_on, reason, outcome, expectations_met, expectations_note, final_assessment,
                      domain_changes, forced_reason, reopened_on, reopen_reason, closed_by, created_at)
SELECT n, n, date(2458849.5 + d),
       json_extract('{"goals-achieved":"Цели плана достигнуты","partly":"Цели достигнуты частично","disengaged":"Семья отказалась от сопровождения","transferred":"Передан в другую службу","moved":"Семья переехала","deceased":"Смерть получателя услуг","lost-contact":"Связь с семьёй потеряна"}',
                    '\$."' || outcome || '"'),
       outcome,
       CASE WHEN outcome = 'goals-achieved' THEN CASE WHEN n % 7 = 0 THEN 'partly' ELSE 'yes' END
            WHEN outcome = 'partly' THEN 'partly' WHEN outcome IN ('transferred', 'moved') AND n % 2 = 0 THEN 'partly'
            ELSE 'no' END,
       '', final_assessment, coalesce(changes, '[]'), '', date(2458849.5 + d_reopen),
       CASE WHEN d_reopen IS NOT NULL THEN 'Семья снова обратилась за помощью' ELSE '' END, manager,
       date(2458849.5 + d) || 'T12:00:00Z'
FROM (SELECT g.n, g.manager, coalesce(g.d_close, g.d_reclose) AS d, coalesce(g.outcome, 'disengaged') AS outcome,
             CASE WHEN g.d_reclose IS NOT NULL THEN g.d_reclose + 30 END AS d_reopen,
             CASE WHEN g.d_close IS NULL THEN 1 WHEN g.d_reassess IS NOT NULL THEN 2 WHEN g.d_assess IS NOT NULL THEN 1 END
               AS final_assessment
      FROM g WHERE g.d_close IS NOT NULL OR g.d_reclose IS NOT NULL)
LEFT JOIN dcj USING (n);
-- A reopened case's spells of work as casectl keeps them (case_periods): open, closed, open again
-- from the reopening.
UPDATE case_periods SET closed_on = x.closed_on, reopened_on = x.reopened_on
FROM closures x WHERE x.case_row = case_periods.case_row AND case_periods.spell = 1 AND x.reopened_on IS NOT NULL;
INSERT INTO case_periods (case_row, spell, opened_on) SELECT case_row, 2, reopened_on FROM closures WHERE reopened_on IS NOT NULL;
-- The case-number counters past the ids given, as casectl keeps them (YEAR-SEQ: one per year), so
-- that the next intake gets a free number and casectl check finds the counters sound.
INSERT INTO case_id_sequence (year, last_seq)
SELECT CAST(substr(case_id, 1, 4) AS INTEGER), max(CAST(substr(case_id, 6) AS INTEGER)) FROM cases GROUP BY 1;
COMMIT;
ANALYZE;
SQL
# The search index is casectl's to compute (its keys are C++'s): rebuilt as `check --repair` does.
CASECTL_DB="$store" "$casectl" check --repair >/dev/null 2>&1 || true
CASECTL_DB="$store" "$casectl" check >/dev/null
