#!/usr/bin/env bash
# The built-in text templates of report caseload, outcomes, overdue and services, in Russian and
# English, on the store of test_report_work.sh (its figures are checked there as TSV): each template
# is found by its name, shows the lines a reader sees (a known row's numbers, a null as "—", the
# count), leaves no stray blank line around an empty list, and a re-run gives the same bytes.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml

# render LANG REPORT ARGS...: `casectl report REPORT ARGS... --template REPORT --lang LANG`, which
# must succeed, print nothing on stderr, and print the same bytes when run again.
render() {
  local lang=$1 report=$2
  shift 2
  run report "$report" "$@" --template "$report" --lang "$lang"
  expect_code 0
  expect_stderr_empty
  cp "$OUT" "$TEST_DIR/first"
  run report "$report" "$@" --template "$report" --lang "$lang"
  expect_true "a re-run gives the same bytes" cmp -s "$OUT" "$TEST_DIR/first"
}

# expect_line TEXT: stdout has a line that is exactly TEXT.
expect_line() {
  if grep -qFx -- "$1" "$OUT"; then pass; return; fi
  fail "stdout has no line '$1'" "stdout:" "$(show_file "$OUT")"
}

# --- the store of test_report_work.sh; today is 2026-11-20 ---------------------------------------
#   a  almaly, aseitova, palliative, opened 10-01: nurse visits 2/week (hospital) from 10-05,
#      delivered 2 + 1 + 2 in November (11-03, 11-10, 11-17); "disability papers" (social
#      protection) due 10-15, still open: an overdue task.
#   b  bostandyk, petrenko, opened 10-01: psychologist 1/week (ngo) from 10-06, delivered once on
#      10-20, next review 11-10: under-delivered and a review overdue.
#   g  bostandyk, petrenko, opened 10-25: hot meals 1/day (social protection) from 11-01, 4
#      delivered, task done on 11-10: due for 10 days of November only.
#   c  almaly, emergency, opened 11-15, still in intake, no manager: a late first response.
#   d  almaly, aseitova, large-family, opened 06-01: housing 2 -> 4, income 2 -> 3; closed 11-05
#      goals achieved, expectations met.
#   e  turksib, petrenko, opened 07-01: housing 3 -> 2; closed 11-12 disengaged, expectations partly.
#   f  turksib, from the police, opened 08-01, never assessed; closed 11-15 moved, expectations not met.
run_ok init
new_case a --name 'Ахметова Зейнеп Кайратовна' --kind person --district almaly --opened 2026-10-01 --group palliative
run_ok --today 2026-10-02 assess "$a" --domain health=1 --domain mobility=2
run_ok assign "$a" --manager aseitova
run_ok --today 2026-10-05 plan "$a" add-goal --domain health --target 3 --description 'Уход на дому'
run_ok --today 2026-10-05 plan "$a" add-task --what 'Патронаж медсестры' --agency hospital --frequency 2/week --offset 0
run_ok --today 2026-10-05 plan "$a" add-task --what 'Оформить инвалидность' --agency social-protection --offset 10
run_ok --today 2026-10-05 plan "$a" approve --meeting 2026-10-05 --participants 'Асеитова Г.М.'
run_ok review "$a" --delivered 1=2 --on 2026-11-03
run_ok review "$a" --delivered 1=1 --on 2026-11-10
run_ok review "$a" --delivered 1=2 --on 2026-11-17

new_case b --name 'Семья Тарасовых' --district bostandyk --opened 2026-10-01 \
  --member 'Тарасова Наталья Игоревна;мать;1989-02-14' --member 'Тарасов Артём;сын;2015-03-09'
run_ok --today 2026-10-03 assess "$b" --domain safety=2 --domain parenting=2
run_ok assign "$b" --manager petrenko
run_ok --today 2026-10-06 plan "$b" add-goal --domain safety --target 4 --description 'Артём живёт дома'
run_ok --today 2026-10-06 plan "$b" add-task --what 'Занятия с психологом' --agency ngo --frequency 1/week --offset 0
run_ok --today 2026-10-06 plan "$b" approve --meeting 2026-10-06 --participants 'Петренко О.В.'
run_ok --today 2026-10-20 review "$b" --delivered 1=1 --on 2026-10-20 --next 2026-11-10

new_case g --name 'Семья Ли' --district bostandyk --opened 2026-10-25
run_ok --today 2026-10-26 assess "$g" --domain income=2
run_ok assign "$g" --manager petrenko
run_ok --today 2026-11-01 plan "$g" add-goal --domain income --target 3 --description 'Питание детей'
run_ok --today 2026-11-01 plan "$g" add-task --what 'Горячее питание' --agency social-protection --frequency 1/day --offset 0
run_ok --today 2026-11-01 plan "$g" approve --meeting 2026-11-01 --participants 'Петренко О.В.'
run_ok --today 2026-11-05 review "$g" --delivered 1=4 --on 2026-11-05
run_ok --today 2026-11-10 review "$g" --task 1 --status done --on 2026-11-10

new_case c --name 'Семья Омаровых' --district almaly --urgency emergency --opened 2026-11-15

new_case d --name 'Семья Жұмабаевых' --district almaly --opened 2026-06-01 --group large-family
run_ok --today 2026-06-02 assess "$d" --domain housing=2 --domain income=2
run_ok assign "$d" --manager aseitova
run_ok --today 2026-10-01 assess "$d" --domain housing=4 --domain income=3
run_ok review "$d" --close --on 2026-11-05 --reason 'Цели достигнуты' --outcome goals-achieved --expectations yes

new_case e --name 'Семья Кравченко' --district turksib --opened 2026-07-01
run_ok --today 2026-07-02 assess "$e" --domain housing=3
run_ok assign "$e" --manager petrenko
run_ok --today 2026-11-01 assess "$e" --domain housing=2
run_ok review "$e" --close --on 2026-11-12 --reason 'Отказ' --outcome disengaged --expectations partly

new_case f --name 'Петров Иван' --kind person --district turksib --opened 2026-08-01 --source police
run_ok review "$f" --close --on 2026-11-15 --reason 'Переехал' --outcome moved --expectations no


# --- caseload ------------------------------------------------------------------------------------
render ru caseload --period 2026-11
expect_stdout "СЕМЬИ НА СОПРОВОЖДЕНИИ И КОНСУЛЬТАЦИИ (строк: 4)

Алмалинский район
   Семей на сопровождении: 3, в них человек: 3
   Открыто случаев: 1, закрыто: 1, открытых на конец периода: 2
   Консультаций: 0, консультировано человек: 0

Ауэзовский район
   Семей на сопровождении: 0, в них человек: 0
   Открыто случаев: 0, закрыто: 0, открытых на конец периода: 0
   Консультаций: 0, консультировано человек: 0

Бостандыкский район
   Семей на сопровождении: 2, в них человек: 3
   Открыто случаев: 0, закрыто: 0, открытых на конец периода: 2
   Консультаций: 0, консультировано человек: 0

Турксибский район
   Семей на сопровождении: 2, в них человек: 2
   Открыто случаев: 0, закрыто: 2, открытых на конец периода: 0
   Консультаций: 0, консультировано человек: 0"
render en caseload --period 2026-11 --by manager
expect_eq "english, cases without a manager" "$(head -3 "$OUT"; tail -4 "$OUT")" \
  "CASELOAD: FAMILIES UNDER ACCOMPANIMENT AND CONSULTATIONS (rows: 3)

Асеитова Гульнар Маратовна
(none)
   Families under accompaniment: 2, people in them: 2
   Cases opened: 1, closed: 1, open at the period's end: 1
   Consultations: 0, people consulted: 0"
render ru caseload --period 2026-11 --by month
expect_line "2026-11"
expect_line "   Семей на сопровождении: 7, в них человек: 8"
# By manager, a year before the store: no manager has cases, so no rows.
render ru caseload --period 2025 --by manager
expect_stdout "СЕМЬИ НА СОПРОВОЖДЕНИИ И КОНСУЛЬТАЦИИ (строк: 0)

Случаев за период нет."
render en caseload --period 2025 --by manager
expect_stdout "CASELOAD: FAMILIES UNDER ACCOMPANIMENT AND CONSULTATIONS (rows: 0)

No cases in the period."

# --- outcomes: without a grouping every row is the group "всего" ---------------------------------
render ru outcomes --period 2026-11
expect_stdout "РЕЗУЛЬТАТЫ СОПРОВОЖДЕНИЯ: ЗАКРЫТЫЕ СЛУЧАИ (строк: 14)
Закрыто случаев (всего): 3
Цели достигнуты (всего): 1 (33.3%)
Цели достигнуты (всего): 1 (33.3%)
Цели достигнуты частично (всего): 0 (0.0%)
Семья отказалась от помощи (всего): 1 (33.3%)
Передан в другую службу (всего): 0 (0.0%)
Переезд (всего): 1 (33.3%)
Смерть (всего): 0 (0.0%)
Связь утрачена (всего): 0 (0.0%)
Ожидания оправдались (всего): 1 (33.3%)
Ожидания оправдались частично (всего): 1 (33.3%)
Ожидания не оправдались (всего): 1 (33.3%)
Жильё (всего): средний балл 2.5 → 3.0 (изменение 0.5), случаев: 2
Доход (всего): средний балл 2.0 → 3.0 (изменение 1.0), случаев: 1"
render en outcomes --period 2026-11
expect_line "OUTCOMES OF CLOSED CASES (rows: 14)"
expect_line "Cases closed (all): 3"
expect_line "Disengaged (all): 1 (33.3%)"
expect_line "Housing (all): mean score 2.5 → 3.0 (change 0.5), cases: 2"
# Grouped: each figure under its group's label; a group that closed nothing has no percent.
render ru outcomes --period 2026-11 --by district
expect_line "РЕЗУЛЬТАТЫ СОПРОВОЖДЕНИЯ: ЗАКРЫТЫЕ СЛУЧАИ (строк: 56)"
expect_line "Турксибский район — Закрыто случаев: 2"
expect_line "Турксибский район — Жильё: средний балл 3.0 → 2.0 (изменение -1.0), случаев: 1"
expect_line "Ауэзовский район — Цели достигнуты: 0"
expect_line "Алмалинский район — Ожидания оправдались: 1 (100.0%)"
render en outcomes --period 2026-11 --by manager
expect_line "Петренко Ольга Викторовна — Disengaged: 1 (100.0%)"
expect_line "Cases closed ((none)): 1"
expect_line "Moved ((none)): 1 (100.0%)"
render ru outcomes --period 2026-10
expect_line "Закрыто случаев (всего): 0"
expect_eq "nothing measured in October" "$(grep -c 'средний балл' "$OUT")" 0
render ru outcomes --period 2025 --by manager
expect_stdout "РЕЗУЛЬТАТЫ СОПРОВОЖДЕНИЯ: ЗАКРЫТЫЕ СЛУЧАИ (строк: 0)
Закрытых случаев за период нет."
render en outcomes --period 2025 --by manager
expect_stdout "OUTCOMES OF CLOSED CASES (rows: 0)
No cases closed in the period."

# --- overdue: what is late today ------------------------------------------------------------------
render ru overdue
expect_stdout "ПРОСРОЧЕНО НА СЕГОДНЯ (строк: 3)

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
expect_stdout "OVERDUE TODAY (rows: 1)

all — overdue: 4
   Plan tasks: 1; plan reviews: 1
   First responses late: 1; services under-delivered: 1"
render en overdue --by agency
expect_line "Shanyrak NGO — overdue: 1"
expect_line "(none) — overdue: 2"
# Nothing late yet on 10-10: the heading, one blank line, the sentence; no stray blank line.
render ru overdue --today 2026-10-10
expect_stdout "ПРОСРОЧЕНО НА СЕГОДНЯ (строк: 0)

Просроченного нет."
render en overdue --today 2026-10-10
expect_stdout "OVERDUE TODAY (rows: 0)

Nothing is overdue."

# --- services: due against delivered; nothing due shows "—" for the percent ----------------------
render ru services --period 2026-11 --by district
expect_stdout "РЕГУЛЯРНЫЕ УСЛУГИ ПО ПЛАНАМ ПОМОЩИ: ПОЛОЖЕНО И ОКАЗАНО (строк: 4)

Алмалинский район
   Положено: 9, оказано: 5 (55.6%), не оказано: 4
   Задач в планах: 1, случаев: 1

Ауэзовский район
   Положено: 0, оказано: 0 (—), не оказано: 0
   Задач в планах: 0, случаев: 0

Бостандыкский район
   Положено: 14, оказано: 4 (28.6%), не оказано: 10
   Задач в планах: 2, случаев: 2

Турксибский район
   Положено: 0, оказано: 0 (—), не оказано: 0
   Задач в планах: 0, случаев: 0"
render en services --period 2026-11
expect_eq "english, the first service" "$(head -5 "$OUT")" \
  "RECURRING SERVICES IN HELP PLANS: DUE AND DELIVERED (rows: 3)

Горячее питание
   Due: 10, delivered: 4 (40.0%), shortfall: 6
   Plan tasks: 1, cases: 1"
render en services --period 2026-11 --by district
expect_line "   Due: 0, delivered: 0 (—), shortfall: 0"
render ru services --period 2025
expect_stdout "РЕГУЛЯРНЫЕ УСЛУГИ ПО ПЛАНАМ ПОМОЩИ: ПОЛОЖЕНО И ОКАЗАНО (строк: 0)

Регулярных услуг за период нет."
render en services --period 2025
expect_stdout "RECURRING SERVICES IN HELP PLANS: DUE AND DELIVERED (rows: 0)

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
