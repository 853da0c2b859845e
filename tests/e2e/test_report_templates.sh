#!/usr/bin/env bash
# The built-in text templates of report caseload, outcomes, overdue and services, in Russian and
# English, on the store of test_report_work.sh (its figures are checked there as TSV): each template
# is found by its name, shows the lines a reader sees (a known row's numbers, a null as "—", the
# count), leaves no stray blank line around an empty list, and a re-run gives the same bytes.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml

# render LANG REPORT ARGS...: `casectl report REPORT ARGS... --template NAME --lang LANG` (NAME: the
# report's, caseload-report for caseload), which must succeed, print nothing on stderr, and print
# the same bytes when run again.
render() {
  local lang=$1 report=$2 template=$2
  shift 2
  [ "$report" = caseload ] && template=caseload-report
  run report "$report" "$@" --template "$template" --lang "$lang"
  expect_code 0
  expect_stderr_empty
  cp "$OUT" "$TEST_DIR/first"
  run report "$report" "$@" --template "$template" --lang "$lang"
  expect_true "a re-run gives the same bytes" cmp -s "$OUT" "$TEST_DIR/first"
}

# expect_line TEXT: stdout has a line that is exactly TEXT.
expect_line() {
  if grep -qFx -- "$1" "$OUT"; then pass; return; fi
  fail "stdout has no line '$1'" "stdout:" "$(show_file "$OUT")"
}

# The store of test_report_work.sh (a..g, today 2026-11-20): see report_store.sh.
# shellcheck source=report_store.sh
source "$SOURCE_ROOT/tests/e2e/report_store.sh"

# --- caseload ------------------------------------------------------------------------------------
render ru caseload --period 2026-11
expect_stdout "СЕМЬИ НА СОПРОВОЖДЕНИИ И КОНСУЛЬТАЦИИ, 2026-11 (01.11.2026 — 30.11.2026)
Все районы

Алмалинский район
   Семей на сопровождении: 3, в них человек: 3
   Открыто случаев: 1, закрыто: 1, открытых на конец периода: 2 (приём: 1, оценка: 0, в работе: 1)
   Консультаций: 0, консультировано человек: 0

Ауэзовский район
   Семей на сопровождении: 0, в них человек: 0
   Открыто случаев: 0, закрыто: 0, открытых на конец периода: 0 (приём: 0, оценка: 0, в работе: 0)
   Консультаций: 0, консультировано человек: 0

Бостандыкский район
   Семей на сопровождении: 2, в них человек: 3
   Открыто случаев: 0, закрыто: 0, открытых на конец периода: 2 (приём: 0, оценка: 0, в работе: 2)
   Консультаций: 0, консультировано человек: 0

Турксибский район
   Семей на сопровождении: 2, в них человек: 2
   Открыто случаев: 0, закрыто: 2, открытых на конец периода: 0 (приём: 0, оценка: 0, в работе: 0)
   Консультаций: 0, консультировано человек: 0"
render en caseload --period 2026-11 --by manager
expect_eq "english, cases without a manager" "$(head -4 "$OUT"; tail -4 "$OUT")" \
  "CASELOAD: FAMILIES UNDER ACCOMPANIMENT AND CONSULTATIONS, 2026-11 (2026-11-01 to 2026-11-30)
All districts

Асеитова Гульнар Маратовна
(none)
   Families under accompaniment: 2, people in them: 2
   Cases opened: 1, closed: 1, open at the period's end: 1 (intake: 1, assessment: 0, active: 0)
   Consultations: 0, people consulted: 0"
render ru caseload --period 2026-11 --by month
expect_line "2026-11"
expect_line "   Семей на сопровождении: 7, в них человек: 8"
# By manager, a year before the store: no manager has cases, so no rows.
render ru caseload --period 2025 --by manager
expect_stdout "СЕМЬИ НА СОПРОВОЖДЕНИИ И КОНСУЛЬТАЦИИ, 2025 (01.01.2025 — 31.12.2025)
Все районы

Случаев за период нет."
render en caseload --period 2025 --by manager
expect_stdout "CASELOAD: FAMILIES UNDER ACCOMPANIMENT AND CONSULTATIONS, 2025 (2025-01-01 to 2025-12-31)
All districts

No cases in the period."

# --- outcomes: the figures under each group's heading ("Все случаи" without a grouping) -----------
render ru outcomes --period 2026-11
expect_stdout "РЕЗУЛЬТАТЫ СОПРОВОЖДЕНИЯ: ЗАКРЫТЫЕ СЛУЧАИ, 2026-11 (01.11.2026 — 30.11.2026)
Все районы

Все случаи
   Закрыто случаев: 3
   Цели достигнуты: 1 (33.3%)
   Цели достигнуты частично: 0 (0.0%)
   Семья отказалась от помощи: 1 (33.3%)
   Передан в другую службу: 0 (0.0%)
   Переезд: 1 (33.3%)
   Смерть: 0 (0.0%)
   Связь утрачена: 0 (0.0%)
   Ожидания оправдались: 1 (33.3%)
   Ожидания оправдались частично: 1 (33.3%)
   Ожидания не оправдались: 1 (33.3%)
   Жильё: средний балл 2.5 → 3.0 (изменение 0.5), случаев: 2
   Доход: средний балл 2.0 → 3.0 (изменение 1.0), случаев: 1"
render en outcomes --period 2026-11 --urgency routine
expect_line "OUTCOMES OF CLOSED CASES, 2026-11 (2026-11-01 to 2026-11-30)"
expect_line "All districts; Urgency: Routine"
expect_line "   Cases closed: 3"
expect_line "   Disengaged: 1 (33.3%)"
expect_line "   Housing: mean score 2.5 → 3.0 (change 0.5), cases: 2"
# Grouped: a heading per group; a group that closed nothing has no percent and no measurement.
render ru outcomes --period 2026-11 --by district
expect_eq "one heading per district" "$(grep -c 'район$' "$OUT")" 4
expect_eq "turksib's block" "$(grep -A3 '^Турксибский район$' "$OUT")" "Турксибский район
   Закрыто случаев: 2
   Цели достигнуты: 0 (0.0%)
   Цели достигнуты частично: 0 (0.0%)"
expect_line "   Жильё: средний балл 3.0 → 2.0 (изменение -1.0), случаев: 1"
expect_eq "auezov closed nothing" "$(grep -A2 '^Ауэзовский район$' "$OUT")" "Ауэзовский район
   Закрыто случаев: 0
   Цели достигнуты: 0"
expect_line "   Доход: не измерялось"
render en outcomes --period 2026-11 --by manager
expect_line "Петренко Ольга Викторовна"
expect_line "   Disengaged: 1 (100.0%)"
expect_line "(none)"
expect_line "   Moved: 1 (100.0%)"
render ru outcomes --period 2026-10
expect_line "   Закрыто случаев: 0"
expect_eq "nothing measured in October" "$(grep -c 'средний балл' "$OUT")" 0
render ru outcomes --period 2025 --by manager
expect_stdout "РЕЗУЛЬТАТЫ СОПРОВОЖДЕНИЯ: ЗАКРЫТЫЕ СЛУЧАИ, 2025 (01.01.2025 — 31.12.2025)
Все районы
Закрытых случаев за период нет."
render en outcomes --period 2025 --by manager
expect_stdout "OUTCOMES OF CLOSED CASES, 2025 (2025-01-01 to 2025-12-31)
All districts
No cases closed in the period."

# --- overdue: what is late today ------------------------------------------------------------------
render ru overdue
expect_stdout "ПРОСРОЧЕНО НА 20.11.2026
Все районы

Асеитова Гульнар Маратовна — просрочено: 1
   Задач плана: 1; пересмотров плана: 0
   Первичный ответ не дан в срок: 0; услуги оказаны не в полном объёме: 0

Петренко Ольга Викторовна — просрочено: 2
   Задач плана: 0; пересмотров плана: 1
   Первичный ответ не дан в срок: 0; услуги оказаны не в полном объёме: 1

(нет) — просрочено: 1
   Задач плана: 0; пересмотров плана: 0
   Первичный ответ не дан в срок: 1; услуги оказаны не в полном объёме: 0"
render en overdue --by none
expect_stdout "OVERDUE ON 2026-11-20
All districts

All cases — overdue: 4
   Plan tasks: 1; plan reviews: 1
   First responses late: 1; services under-delivered: 1"
render en overdue --by agency
expect_line "Shanyrak NGO — overdue: 1"
expect_line "(none) — overdue: 2"
# Nothing late yet on 10-10: the heading, one blank line, the sentence; no stray blank line.
render ru overdue --today 2026-10-10
expect_stdout "ПРОСРОЧЕНО НА 10.10.2026
Все районы

Просроченного нет."
render en overdue --today 2026-10-10
expect_stdout "OVERDUE ON 2026-10-10
All districts

Nothing is overdue."

# --- services: due against delivered; nothing due shows "—" for the percent ----------------------
render ru services --period 2026-11 --by district
expect_stdout "РЕГУЛЯРНЫЕ УСЛУГИ ПО ПЛАНАМ ПОМОЩИ: ПОЛОЖЕНО И ОКАЗАНО, 2026-11 (01.11.2026 — 30.11.2026)
Все районы

Алмалинский район
   Положено: 6, оказано: 5 (83.3%), не оказано: 1
   Задач в планах: 1, случаев: 1

Ауэзовский район
   Положено: 0, оказано: 0 (—), не оказано: 0
   Задач в планах: 0, случаев: 0

Бостандыкский район
   Положено: 13, оказано: 4 (30.8%), не оказано: 9
   Задач в планах: 2, случаев: 2

Турксибский район
   Положено: 0, оказано: 0 (—), не оказано: 0
   Задач в планах: 0, случаев: 0"
render en services --period 2026-11
expect_eq "english, the first service" "$(head -6 "$OUT")" \
  "RECURRING SERVICES IN HELP PLANS: DUE AND DELIVERED, 2026-11 (2026-11-01 to 2026-11-30)
All districts

Горячее питание
   Due: 10, delivered: 4 (40.0%), shortfall: 6
   Plan tasks: 1, cases: 1"
render en services --period 2026-11 --by district
expect_line "   Due: 0, delivered: 0 (—), shortfall: 0"
render ru services --period 2025
expect_stdout "РЕГУЛЯРНЫЕ УСЛУГИ ПО ПЛАНАМ ПОМОЩИ: ПОЛОЖЕНО И ОКАЗАНО, 2025 (01.01.2025 — 31.12.2025)
Все районы

Регулярных услуг за период нет."
render en services --period 2025
expect_stdout "RECURRING SERVICES IN HELP PLANS: DUE AND DELIVERED, 2025 (2025-01-01 to 2025-12-31)
All districts

No recurring services in the period."

# --- a region's own template wins over the built-in one of the same name --------------------------
mkdir -p "$TEST_DIR/own"
printf '{{#rows}}{{label}}: {{total}}\n{{/rows}}' >"$TEST_DIR/own/overdue.ru.mustache"
CASECTL_TEMPLATES=$TEST_DIR/own run report overdue --template overdue
expect_code 0
expect_stdout "Асеитова Гульнар Маратовна: 1
Петренко Ольга Викторовна: 2
(нет): 1"

finish
