#!/usr/bin/env bash
# Fills a fresh casectl store with N generated cases (default 1,000,000), each with 2 members and
# 1 group, using the sqlite3 shell (bulk intake from files is a later issue). Names are invented
# from lists of common Russian and Kazakh surnames and first names.
#   usage: tests/bench/generate_store.sh CASECTL STORE [N]
set -euo pipefail
casectl="$1" store="$2" n="${3:-1000000}"
rm -f "$store" "$store-wal" "$store-shm"
CASECTL_DB="$store" "$casectl" init 2>/dev/null
sqlite3 "$store" >/dev/null <<SQL
PRAGMA journal_mode = WAL; -- prints "wal"
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $n),
  words AS (SELECT
    '["Семёнова","Иванов","Ахметов","Сапарова","Кравченко","Омарова","Тарасов","Жұмабаева","Нұрланов","Ким","Петренко","Әбдіқызы","Гончаренко","Қасымов","Есенова"]' AS surnames,
    '["Айгүл","Пётр","Болат","Гүлнұр","Валентина","Динара","Артём","Әсел","Дәурен","Виктория","Ольга","Ерлан","Ирина","Ұлжан","Мадина"]' AS names,
    '["almaly","auezov","bostandyk","turksib","medeu","nauryzbay","alatau","zhetysu"]' AS districts,
    '["intake","assessment","active","closed","consultation"]' AS statuses,
    '["emergency","urgent","routine","routine","routine"]' AS urgencies,
    '["large-family","single-parent","elderly-alone","domestic-violence","child-at-risk","palliative","disability","refugee"]' AS grps)
INSERT INTO cases (id, case_id, kind, consultation, status, name, district, address, phone, source, referrer, urgency,
                   consent, external_id, note, opened, response_due, closed, case_manager, created_at, created_by, updated_at)
SELECT n, printf('%d-%05d', 2020 + n % 7, n), CASE WHEN n % 3 = 0 THEN 'person' ELSE 'family' END,
       CASE WHEN n % 5 = 4 THEN 1 ELSE 0 END,
       json_extract(statuses, '\$[' || (n % 5) || ']'),
       json_extract(surnames, '\$[' || (n % 15) || ']') || ' ' || json_extract(names, '\$[' || (n / 15 % 15) || ']'),
       json_extract(districts, '\$[' || (n / 7 % 8) || ']'),
       'ул. Абая, ' || (n % 300) || ', кв. ' || (n % 97), printf('+7 701 %03d-%02d-%02d', n % 1000, n / 1000 % 100, n / 100000 % 100),
       'self', '', json_extract(urgencies, '\$[' || (n / 3 % 5) || ']'), 1, 'EXT-' || n, '',
       date('2020-01-01', '+' || (n % 2500) || ' days'), date('2020-01-01', '+' || (n % 2500 + 10) || ' days') || 'T00:00:00Z',
       NULL, 'manager' || (n % 200), '2026-01-01T00:00:00Z', 'bench', '2026-01-01T00:00:00Z'
FROM seq, words;
INSERT INTO case_groups (case_row, grp)
  SELECT id, json_extract('["large-family","single-parent","elderly-alone","domestic-violence","child-at-risk","palliative","disability","refugee"]', '\$[' || (id % 8) || ']') FROM cases;
INSERT INTO members (case_row, position, name, role, birth_date)
  SELECT id, 1, name, 'мать', date('1970-01-01', '+' || (id % 9000) || ' days') FROM cases;
INSERT INTO members (case_row, position, name, role, birth_date)
  SELECT id, 2, 'Ребёнок ' || id, 'сын', date('2010-01-01', '+' || (id % 5000) || ' days') FROM cases;
COMMIT;
ANALYZE;
SQL
