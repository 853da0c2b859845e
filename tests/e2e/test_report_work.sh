#!/usr/bin/env bash
# casectl report outcomes, overdue and services, and the filters every report takes (--agency,
# --manager, --group, --urgency, --source besides --district), on a store whose figures are known
# in advance: shares of closed cases, mean change per domain, what is late today by manager and by
# agency, services due against delivered (a task finished part-way through the month, a month with
# nothing delivered, nothing due: no percent); the errors.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml

# rows REPORT ARGS...: the TSV rows of `casectl report REPORT ARGS...`, without the header.
rows() { "$CASECTL" report "$@" -o tsv --no-headers </dev/null 2>&1; }
# row FIRST REPORT ARGS...: the one TSV row whose first column is FIRST.
row() {
  local first=$1
  shift
  rows "$@" | awk -F '\t' -v f="$first" '$1 == f'
}

# The store (a..g, today 2026-11-20): see report_store.sh.
# shellcheck source=report_store.sh
source "$SOURCE_ROOT/tests/e2e/report_store.sh"

# --- outcomes: November's closures (d, e, f) ------------------------------------------------------
run report outcomes --period 2026-11 -o tsv
expect_code 0
expect_stderr_empty
expect_stdout "figure	label	cases	percent	baseline	final	change
closed	Закрыто случаев	3				
outcome.goals-achieved	Цели достигнуты	1	33.3			
outcome.partly	Цели достигнуты частично	0	0.0			
outcome.disengaged	Семья отказалась от помощи	1	33.3			
outcome.transferred	Передан в другую службу	0	0.0			
outcome.moved	Переезд	1	33.3			
outcome.deceased	Смерть	0	0.0			
outcome.lost-contact	Связь утрачена	0	0.0			
expectations.yes	Ожидания оправдались	1	33.3			
expectations.partly	Ожидания оправдались частично	1	33.3			
expectations.no	Ожидания не оправдались	1	33.3			
domain.housing	Жильё	2		2.5	3.0	0.5
domain.income	Доход	1		2.0	3.0	1.0"
run report outcomes --period 2026-11 -o json
expect_eq "a domain as JSON" "$(jq -c '.[] | select(.figure == "domain.housing")' "$OUT")" \
  '{"by":"none","group":null,"group_label":"Все случаи","first_in_group":false,"measured":true,"figure":"domain.housing","label":"Жильё","cases":2,"percent":null,"baseline":2.5,"final":3,"change":0.5}'
# By district: every district, zeros where nothing closed, and no percent of nothing.
expect_eq "turksib's housing went down" "$(rows outcomes --period 2026-11 --by district | grep -P '^turksib\t.*domain.housing')" \
  "turksib	Турксибский район	domain.housing	Жильё	1		3.0	2.0	-1.0"
expect_eq "a district with no closures: 0, no percent" \
  "$(rows outcomes --period 2026-11 --by district | grep -P '^auezov\t.*\toutcome.goals-achieved\t')" \
  "auezov	Ауэзовский район	outcome.goals-achieved	Цели достигнуты	0				"
expect_eq "every district, 13 figures each" "$(rows outcomes --period 2026-11 --by district | wc -l)" 52
expect_eq "a manager's closures" "$(row closed outcomes --period 2026-11 --manager petrenko)" "closed	Закрыто случаев	1				"
expect_eq "a target group's" "$(row domain.income outcomes --period 2026-11 --group 'Многодетная семья')" \
  "domain.income	Доход	1		2.0	3.0	1.0"
expect_eq "by source" "$(rows outcomes --period 2026-11 --by source | grep -P '^police\t.*\toutcome.moved\t')" \
  "police	Сообщение полиции	outcome.moved	Переезд	1	100.0			"
expect_eq "October closed nothing" "$(row closed outcomes --period 2026-10)" "closed	Закрыто случаев	0				"
expect_eq "and measured nothing" "$(rows outcomes --period 2026-10 | grep -c '^domain')" 0

# --- overdue: what is late today ----------------------------------------------------------------
run report overdue -o tsv
expect_code 0
expect_stdout "value	label	overdue_tasks	overdue_reviews	late_responses	under_delivered	total
aseitova	Асеитова Гульнар Маратовна	1	0	0	0	1
petrenko	Петренко Ольга Викторовна	0	1	0	1	2
	(нет)	0	0	1	0	1"
# By agency: tasks and services under the agency responsible; reviews and first responses are the
# case manager's, under none.
expect_eq "by agency" "$(rows overdue --by agency)" "ngo	ОФ «Шаңырақ»	0	0	0	1	1
social-protection	Отдел занятости и социальных программ	1	0	0	0	1
	(нет)	0	1	1	0	2"
expect_eq "an agency's own" "$(rows overdue --agency 'Отдел занятости и социальных программ' --by agency)" \
  "social-protection	Отдел занятости и социальных программ	1	0	0	0	1"
expect_eq "emergencies only" "$(rows overdue --urgency emergency --by district)" "almaly	Алмалинский район	0	0	1	0	1"
expect_eq "the same as 'casectl due'" "$("$CASECTL" due -o json | jq -r '[.[] | select(.kind | test("overdue|late|under"))] | length')" 4
# On 10-14 a week had passed since both plans began and neither service had been delivered over it
# (the visits recorded later do not count); a's task fell due on 10-15.
expect_eq "on 10-14" "$(rows --today 2026-10-14 overdue)" "aseitova	Асеитова Гульнар Маратовна	0	0	0	1	1
petrenko	Петренко Ольга Викторовна	0	0	0	1	1"
expect_eq "the next day, a's task too" "$(rows --today 2026-10-16 overdue --by none)" "	Все случаи	1	0	0	2	3"
run report overdue --period 2026-11
expect_code 2
expect_stderr "casectl: error: report overdue counts what is late today, not over a period; leave out --period/--from/--to (give --today DATE for another day)"

# --- services: due against delivered -------------------------------------------------------------
run report services --period 2026-11 -o tsv
expect_code 0
# Due up to today (the 20th): nurse visits 2/week over 20 days: 6 due, 5 delivered; psychologist
# 1/week: 3 due, none; hot meals 1/day until the task was done on the 10th: 10 due, 4 delivered. By
# service the label is the value: one column.
expect_stdout "value	tasks	cases	due	delivered	delivered_percent	shortfall
Горячее питание	1	1	10	4	40.0	6
Занятия с психологом	1	1	3	0	0.0	3
Патронаж медсестры	1	1	6	5	83.3	1"
# At the month's end, the whole month is due: 30 days of visits (9), of the psychologist (4).
expect_eq "the whole month" "$(rows --today 2026-11-30 services --period 2026-11)" "Горячее питание	1	1	10	4	40.0	6
Занятия с психологом	1	1	4	0	0.0	4
Патронаж медсестры	1	1	9	5	55.6	4"
# October: from each plan's approval (10-05: 27 days, 10-06: 26 days); the meals began in November.
expect_eq "october" "$(rows services --period 2026-10)" "Занятия с психологом	1	1	4	1	25.0	3
Патронаж медсестры	1	1	8	0	0.0	8"
expect_eq "by district: nothing due, no percent" "$(rows services --period 2026-11 --by district)" \
  "almaly	Алмалинский район	1	1	6	5	83.3	1
auezov	Ауэзовский район	0	0	0	0		0
bostandyk	Бостандыкский район	2	2	13	4	30.8	9
turksib	Турксибский район	0	0	0	0		0"
expect_eq "one agency" "$(rows services --period 2026-11 --agency ngo)" "Занятия с психологом	1	1	3	0	0.0	3"
expect_eq "a manager" "$(rows services --period 2026-11 --manager petrenko --by manager)" \
  "petrenko	Петренко Ольга Викторовна	2	2	13	4	30.8	9"
run report services --period 2026-11 -o json
expect_eq "services as JSON" "$(jq -c '.[0]' "$OUT")" \
  '{"by":"service","value":"Горячее питание","label":"Горячее питание","tasks":1,"cases":1,"due":10,"delivered":4,"delivered_percent":40,"shortfall":6}'
expect_eq "an empty period" "$(rows services --period 2025)" ""

# --- the filters of every report ----------------------------------------------------------------
expect_eq "kpi: new cases from the police in Q3" "$(row new_cases kpi --period 2026-Q3 --source police)" \
  "new_cases	Новых случаев	1	0	1	"
expect_eq "kpi: an agency's families in November" "$(row families kpi --period 2026-11 --agency hospital)" \
  "families	Семей на сопровождении	1	1	0	0.0"
# Agencies in the config's order (examples/casectl.toml lists social-protection first), not by code.
expect_eq "caseload by agency, in the config's order" "$(rows caseload --period 2026-11 --by agency | grep -P '^(ngo|social-protection|hospital|)\t')" \
  "social-protection	Отдел занятости и социальных программ	2	0	0	2	0	0	2	2	0	0
hospital	Городская поликлиника № 5	1	0	0	1	0	0	1	1	0	0
ngo	ОФ «Шаңырақ»	1	0	0	1	0	0	1	2	0	0
	(нет)	1	1	0	0	1	3	4	4	0	0"
run report kpi --period 2026-11 --template kpi --agency hospital --urgency routine
expect_code 0
run report kpi --period 2026-11 --agency hospitl
expect_code 65
expect_stderr_contains "casectl: error: --agency: unknown agency 'hospitl' (did you mean 'hospital'?)"
run report caseload --period 2026-11 --manager petrenk
expect_code 65
expect_stderr_contains "casectl: error: --manager: unknown staff member 'petrenk' (did you mean 'petrenko'?)"
run report services --period 2026-11 --urgency soon
expect_code 65
expect_stderr_contains "casectl: error: --urgency: "
run report outcomes --period 2026-11 --group nobody
expect_code 65
run report outcomes --period 2026-11 --by month
expect_code 2
expect_stderr "casectl: error: --by: cannot group by 'month'; use one of none, district, manager, agency, group, urgency, source"
run report services --period 2026-11 --by servce
expect_code 2
expect_stderr_contains "(did you mean 'service'?)"

finish
