#!/usr/bin/env bash
# casectl report kpi and report caseload on a store whose figures are known in advance: counts,
# percentages, a median, the previous period and a year before, a comparison base of 0, an empty
# period, a district with no cases, every grouping; templates (text and HTML); same bytes on a
# re-run; the errors (a bad period, an unknown --by, an unknown district).
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

printf '%s\n' '[districts]' \
  'almaly  = { ru = "Алмалинский район", en = "Almaly district" }' \
  'auezov  = { ru = "Ауэзовский район", en = "Auezov district" }' \
  'turksib = { ru = "Турксибский район", en = "Turksib district" }' >casectl.toml

# kpi_line FIGURE ARGS...: the TSV row of one figure of `report kpi ARGS...`.
kpi_line() {
  local figure=$1
  shift
  "$CASECTL" report kpi "$@" -o tsv </dev/null | awk -F '\t' -v f="$figure" '$1 == f'
}

# The store. Q3 2026 is 2026-07-01..2026-09-30, Q2 2026-04-01..2026-06-30.
#   a  almaly  opened 03-10, 3 members, open                    under accompaniment in Q2 and Q3
#   b  almaly  opened 05-05, 2 members, assessed after 4 days, closed 08-15 goals-achieved
#   c  auezov  opened 07-01, 4 members, assessed after 2 days, open
#   d  auezov  opened 08-20, a person with no members (1 person), assessed after 6 days, closed 09-30 disengaged
#   e  almaly  opened 04-01, 1 member, closed 06-30 moved      (Q2 only)
#   f  almaly  a consultation 07-15, 2 members; g auezov a consultation 09-30, nobody listed (1 person)
#   h  almaly  opened 10-02 (after Q3)
# Events: c child-placed-in-care 07-10 and police-called 08-01; a child-placed-in-care 05-20, 06-01.
run_ok init
new_case a --name 'Семёновы' --district almaly --opened 2026-03-10 --phone '+7 701 555 00 01' \
  --member 'Семёнова Айгүл;мать;1988-03-12' --member 'Семёнов Ерлан;сын' --member 'Семёнова Дана;дочь'
new_case b --name 'Ахметовы' --district almaly --opened 2026-05-05 --phone '+7 701 555 00 02' \
  --member 'Ахметова Сауле;мать' --member 'Ахметов Нұрлан;сын'
new_case c --name 'Ким' --district auezov --opened 2026-07-01 --phone '+7 701 555 00 03' --urgency urgent \
  --member 'Ким Ольга;мать' --member 'Ким Артём;сын' --member 'Ким Вера;дочь' --member 'Ким Лев;сын'
new_case d --name 'Петров Иван' --kind person --district auezov --opened 2026-08-20 --phone '+7 701 555 00 04'
new_case e --name 'Жұмабаевы' --district almaly --opened 2026-04-01 --phone '+7 701 555 00 05' \
  --member 'Жұмабаева Гүлнар;мать'
new_case f --consultation --name 'Ли' --district almaly --opened 2026-07-15 --phone '+7 701 555 00 06' \
  --member 'Ли Анна' --member 'Ли Борис'
new_case g --consultation --name 'Оспанова Әсел' --kind person --district auezov --opened 2026-09-30 \
  --phone '+7 701 555 00 07'
new_case h --name 'Иванов' --district almaly --opened 2026-10-02 --phone '+7 701 555 00 08'
run_ok assess "$b" --date 2026-05-09 --domain housing=2
run_ok assess "$c" --date 2026-07-03 --domain housing=3
run_ok assess "$d" --date 2026-08-26 --domain income=2
run_ok review "$c" --on 2026-07-10 --event child-placed-in-care
run_ok review "$c" --on 2026-08-01 --event police-called
run_ok review "$a" --on 2026-05-20 --event child-placed-in-care
run_ok review "$a" --on 2026-06-01 --event child-placed-in-care
run_ok review "$b" --close --on 2026-08-15 --reason 'Цели достигнуты' --outcome goals-achieved --expectations yes
run_ok review "$d" --close --on 2026-09-30 --reason 'Не выходит на связь' --outcome disengaged --expectations no
run_ok review "$e" --close --on 2026-06-30 --reason 'Переехали' --outcome moved --expectations partly

# --- kpi: the quarter against the previous one ---
run report kpi --period 2026-Q3 -o tsv
expect_code 0
expect_stderr_empty
expect_stdout "figure	label	value	previous	change	change_percent
families	Семей на сопровождении	4	3	1	33.3
people	Человек в семьях на сопровождении	10	6	4	66.7
consultations	Консультаций	2	0	2	
people_consulted	Человек получили консультацию	3	0	3	
new_cases	Новых случаев	2	2	0	0.0
new_cases.source.self	Новых случаев: Обратился сам	2	2	0	0.0
new_cases.source.referral	Новых случаев: Направлен ведомством	0	0	0	
new_cases.source.hotline	Новых случаев: Телефон доверия	0	0	0	
new_cases.source.school	Новых случаев: Сообщение школы	0	0	0	
new_cases.source.police	Новых случаев: Сообщение полиции	0	0	0	
new_cases.source.hospital	Новых случаев: Сообщение больницы	0	0	0	
new_cases.source.neighbour	Новых случаев: Сообщение соседей	0	0	0	
new_cases.source.outreach	Новых случаев: Выявлен специалистом	0	0	0	
closed	Закрыто случаев	2	1	1	100.0
closed_goals_achieved	Закрыто с достижением целей	1	0	1	
median_days_to_assessment	Медиана дней до первой оценки	4	4	0	0.0
assessed_by_deadline	Первая оценка в срок срочности	2	1	1	100.0
assessed_by_deadline_percent	Доля новых случаев с оценкой в срок, %	100	50	50	100.0
event.child-placed-in-care	Ребёнок помещён в государственное учреждение	1	2	-1	-50.0
event.police-called	Вызов полиции	1	0	1	
event.rights-violation-report	Сообщение о нарушении прав ребёнка	0	0	0	
event.hospitalised	Госпитализация	0	0	0	
event.parental-rights-restricted	Ограничение родительских прав	0	0	0	
event.child-returned-home	Ребёнок вернулся в семью	0	0	0	
event.job-found	Трудоустройство	0	0	0	
event.documents-restored	Документы восстановлены	0	0	0	
event.moved	Переезд	0	0	0	
event.ran-away	Самовольный уход ребёнка	0	0	0	"

# JSON: numbers, and null where the base is 0 (no division by zero).
run report kpi --period 2026-Q3 -o json
expect_code 0
expect_eq "consultations as JSON" "$(jq -c '.[] | select(.figure == "consultations")' "$OUT")" \
  '{"figure":"consultations","label":"Консультаций","value":2,"previous":0,"change":2,"change_percent":null}'
expect_eq "families as JSON" "$(jq -c '.[0]' "$OUT")" \
  '{"figure":"families","label":"Семей на сопровождении","value":4,"previous":3,"change":1,"change_percent":33.3}'
run_ok report kpi --period 2026-Q3 -o ndjson
expect_eq "one NDJSON line per figure" "$(wc -l <"$OUT")" 28

# A median of an even count is the mean of the two middle values: Jul..Aug has c (2) and d (6)...
expect_eq "median over a range" "$(kpi_line median_days_to_assessment --from 2026-07-01 --to 2026-08-31)" \
  "median_days_to_assessment	Медиана дней до первой оценки	4	4	0	0.0"
# ...May..Aug has b (4), c (2), d (6): the middle one; the 31 days before have none: null.
expect_eq "median of three" "$(kpi_line median_days_to_assessment --from 2026-05-01 --to 2026-05-31)" \
  "median_days_to_assessment	Медиана дней до первой оценки	4			"
expect_eq "no median in an empty period" "$(kpi_line median_days_to_assessment --period 2025-Q3)" \
  "median_days_to_assessment	Медиана дней до первой оценки				"

# A month against a month; a year before; one district; English labels.
expect_eq "a month" "$(kpi_line families --period 2026-09)" "families	Семей на сопровождении	3	4	-1	-25.0"
expect_eq "a year before" "$(kpi_line families --period 2026-Q3 --compare year)" \
  "families	Семей на сопровождении	4	0	4	"
expect_eq "a district" "$(kpi_line people --period 2026-Q3 --district 'Ауэзовский район')" \
  "people	Человек в семьях на сопровождении	5	0	5	"
expect_eq "english labels" "$(kpi_line closed_goals_achieved --period 2026-Q3 --lang en)" \
  "closed_goals_achieved	Closed with goals achieved	1	0	1	"
# 2026-10-01..2026-11-20 (today) has h; the 51 days before (08-11..09-30) have d.
expect_eq "--from alone runs to today" "$(kpi_line new_cases --from 2026-10-01)" \
  "new_cases	Новых случаев	1	1	0	0.0"

# An empty period and a district with no cases: zeros everywhere, no percent, no failure.
run report kpi --period 2020 -o tsv
expect_code 0
expect_stdout_contains "families	Семей на сопровождении	0	0	0	"
expect_stdout_contains "event.police-called	Вызов полиции	0	0	0	"
expect_eq "an empty district" "$(kpi_line families --period 2026-Q3 --district turksib)" \
  "families	Семей на сопровождении	0	0	0	"

# --- kpi through templates ---
run report kpi --period 2026-Q3 --template kpi
expect_code 0
expect_eq "text template, head" "$(head -6 "$OUT")" "КЛЮЧЕВЫЕ ПОКАЗАТЕЛИ: 2026-Q3 (01.07.2026 — 30.09.2026)
Сравнение с периодом 2026-Q2 (01.04.2026 — 30.06.2026)
Все районы

Семей на сопровождении: 4
   было: 3; изменение: 1 (33.3%)"
expect_stdout_contains "Консультаций: 2
   было: 0; изменение: 2
"
run report kpi --period 2026-Q3 --template kpi --lang en --district almaly
expect_code 0
expect_eq "english template, head" "$(head -5 "$OUT")" "KEY FIGURES: 2026-Q3 (2026-07-01 to 2026-09-30)
Compared with 2026-Q2 (2026-04-01 to 2026-06-30)
District: Almaly district

Families under accompaniment: 2"
run report kpi --period 2026-Q3 --template kpi.ru.html
expect_code 0
expect_stderr_empty
expect_stdout_contains '<!DOCTYPE html>'
expect_stdout_contains '<td>Семей на сопровождении</td>'
expect_stdout_contains '<rect class="now" x="0" y="1" width="100" height="8"/><rect class="before" x="0" y="11" width="75" height="8" stroke-width="0.5"/>'
expect_stdout_contains '@media print'
expect_eq "one bar pair per figure" "$(grep -c '<td class="chart"><svg' "$OUT")" 28
# The quarter's months (3), new cases by source, closures by outcome, districts, the changes.
expect_eq "the page's charts" "$(grep -o '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' "$OUT" | wc -l)" 7
expect_eq "no external assets (the SVG namespace is a name, not a link)" \
  "$(sed 's#xmlns="http://www.w3.org/2000/svg"##g' "$OUT" | grep -cE 'https?:|src=|<link|@import')" 0
cp "$OUT" "$TEST_DIR/first.html"
run report kpi --period 2026-Q3 --template kpi.ru.html
expect_true "the same bytes on a re-run" cmp -s "$OUT" "$TEST_DIR/first.html"
run report kpi --period 2026-Q3 --template kpi.html
expect_code 0
expect_true "kpi.html names the HTML template of the language" cmp -s "$OUT" "$TEST_DIR/first.html"
run report kpi --period 2026-Q3 --template kpi.html --lang en --urgency urgent
expect_code 0
expect_stdout_contains '<html lang="en">'
expect_stdout_contains 'All districts. Urgency: Urgent.</p>'
run report kpi --period 2026-Q3 --template kpi --source 'Обратился сам'
expect_eq "the filters beside the district" "$(sed -n 3p "$OUT")" "Все районы; Источник: Обратился сам"
mkdir -p "$TEST_DIR/own"
echo '{{period.label}}' >"$TEST_DIR/own/mine.ru.mustache"
run --lang en report kpi --period 2026-Q3 --template "$TEST_DIR/own/mine.ru.mustache"
expect_stdout "2026-Q3"
CASECTL_TEMPLATES=$TEST_DIR/own run --lang en report kpi --period 2026-Q3 --template mine
expect_code 3
expect_stderr "casectl: error: template 'mine' has no 'en' version; give another --lang, or add mine.en.mustache to the templates directory"
run report kpi --period 2026-Q3 --template kpi -o json
expect_code 2
expect_stderr "casectl: error: --output and --template are alternatives; give one; see 'casectl report kpi --help'"

# --- caseload ---
run report caseload --period 2026-Q3 -o tsv
expect_code 0
expect_stdout "value	label	open_at_end	in_intake	in_assessment	active	opened	closed	families	people	consultations	people_consulted
almaly	Алмалинский район	1	1	0	0	0	1	2	5	1	2
auezov	Ауэзовский район	1	0	1	0	2	1	2	5	1	1
turksib	Турксибский район	0	0	0	0	0	0	0	0	0	0"
run report caseload --period 2026-Q3 --by month -o tsv
expect_code 0
expect_stdout "value	label	open_at_end	in_intake	in_assessment	active	opened	closed	families	people	consultations	people_consulted
2026-07	2026-07	3	1	1	0	1	0	3	9	1	2
2026-08	2026-08	3	1	1	0	1	1	4	10	0	0
2026-09	2026-09	2	1	1	0	0	1	3	8	1	1"
run report caseload --period 2026-Q3 --by urgency --no-headers -o tsv
expect_stdout "emergency	Экстренно	0	0	0	0	0	0	0	0	0	0
urgent	Срочно	1	0	1	0	1	0	1	4	0	0
routine	Планово	1	1	0	0	1	2	3	6	2	3"
run report caseload --period 2026-Q3 --by manager --no-headers -o tsv
expect_stdout "	(нет)	2	1	1	0	2	2	4	10	2	3"
run report caseload --period 2026-Q3 --by group -o json
expect_eq "groups with no cases are listed" "$(jq -c '[.[] | select(.families > 0) | .value]' "$OUT")" '[null]'
expect_eq "every configured group" "$(jq 'length' "$OUT")" 11
expect_eq "the grouping in each row" "$(jq -r '.[0].by' "$OUT")" group
run report caseload --period 2026-Q3 --district auezov --by source --no-headers -o tsv
expect_stdout_contains "self	Обратился сам	1	0	1	0	2	1	2	5	1	1"
run report caseload --period 2020-02 --no-headers -o tsv
expect_stdout "almaly	Алмалинский район	0	0	0	0	0	0	0	0	0	0
auezov	Ауэзовский район	0	0	0	0	0	0	0	0	0	0
turksib	Турксибский район	0	0	0	0	0	0	0	0	0	0"
run report caseload --period 2026-Q3 --template /dev/null/x
expect_code 66

# --- errors ---
run report kpi --period 2026-13
expect_code 2
expect_stdout ''
expect_stderr "casectl: error: --period: '2026-13' is not a period; use 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter), or --from DATE --to DATE"
run report kpi
expect_code 2
expect_stderr "casectl: error: give the period: --period 2026 (a year), 2026-10 (a month), 2026-Q3 (a quarter), or --from DATE --to DATE"
run report kpi --period 2026 --from 2026-01-01
expect_code 2
expect_stderr "casectl: error: --period and --from/--to are alternatives; give one"
run report caseload --from 2026-09-01 --to 2026-08-01
expect_code 2
expect_stderr "casectl: error: --to 2026-08-01 is before --from 2026-09-01; give the period's first day, then its last"
run report caseload --period 2026 --by distrct
expect_code 2
expect_stderr "casectl: error: --by: cannot group by 'distrct' (did you mean 'district'?); use one of district, manager, agency, group, urgency, source, month, none"
run report kpi --period 2026 --compare yaer
expect_code 2
expect_stderr "casectl: error: --compare: 'yaer' is not a comparison (did you mean 'year'?); use previous (the period before) or year (the same period a year before)"
run report kpi --period 2026 --district almali
expect_code 65
expect_stdout ''
expect_stderr "casectl: error: --district: unknown district 'almali' (did you mean 'almaly'?); known: almaly, auezov, turksib"
run report
expect_code 2
run report kpi --period 2026 --template kpi-nope
expect_code 3
fresh_store
run report kpi --period 2026
expect_code 66

finish
