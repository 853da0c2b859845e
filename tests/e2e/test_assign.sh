#!/usr/bin/env bash
# casectl assign, reassign, caseload, staff and list --mine: who works on a case.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
run_ok init
new_case a --name 'Семья Тарасовых' --district almaly --urgency urgent
new_case b --name 'Семья Сапаровых' --district auezov
new_case c --name 'Кравченко Валентина' --kind person --district bostandyk
new_case d --name 'Семья Омаровых' --district turksib --urgency emergency
new_case e --name 'Есенова Мадина' --kind person --consultation --district turksib

# --- assign --manager, --team, --remove, --supervisor ------------------------------------------
run assign "$a" --manager aseitova --team nurlanov --team kim:psychologist -o json
expect_code 0
expect_stderr_empty
expect_eq "assign prints the assignment record" "$(jq -c 'keys_unsorted' "$OUT")" \
  '["case_id","name","status","district","case_manager","case_manager_name","supervisor","supervisor_name","team"]'
expect_eq "manager and name" "$(jq -r '[.case_manager, .case_manager_name] | join("|")' "$OUT")" \
  'aseitova|Асеитова Гульнар Маратовна'
expect_eq "team: role from the staff list, or as given" "$(jq -c '[.team[] | [.login, .role, .agency, .added_on]]' "$OUT")" \
  '[["kim","psychologist","ngo","2026-11-20"],["nurlanov","juvenile-inspector","juvenile-police","2026-11-20"]]'
expect_eq "no supervisor yet" "$(jq -c '[.supervisor, .supervisor_name]' "$OUT")" '[null,null]'

run assign "$a" -o table
expect_code 0
expect_true "the card's lines named in Russian" grep -qE '^Куратор \(ФИО\) +Асеитова Гульнар Маратовна$' "$OUT"
run --lang en assign "$a" -o table
expect_code 0
expect_stdout "case_id            $a
name               Семья Тарасовых
status             intake
district           almaly
case_manager       aseitova
case_manager_name  Асеитова Гульнар Маратовна
supervisor
supervisor_name
team
                   kim, Ким Виктория Андреевна, ngo, psychologist, 2026-11-20
                   nurlanov, Нурланов Дәурен Серікұлы, juvenile-police, juvenile-inspector, 2026-11-20"

run assign "$a" --manager aseitova --team kim:psychologist -o json
expect_code 0
expect_stderr "casectl: aseitova is already the case manager of $a
casectl: kim is already on the team of $a as psychologist"

# A new manager: the previous one stays in the history.
run assign "$a" --manager petrenko --supervisor zhumabaeva --remove kim -o ndjson
expect_code 0
expect_stderr "casectl: warning: petrenko does not serve district almaly of case $a (serves bostandyk, turksib)"
expect_eq "new manager, supervisor, team" "$(jq -c '[.case_manager, .supervisor, [.team[].login]]' "$OUT")" \
  '["petrenko","zhumabaeva",["nurlanov"]]'
run log "$a" -o json
expect_eq "every change journalled" "$(jq -c '[.[] | [.action, .summary]]' "$OUT")" \
  '[["intake","registered"],["assign","case_manager: null → aseitova"],["team-add","team_member: null → nurlanov; role: null → juvenile-inspector"],["team-add","team_member: null → kim; role: null → psychologist"],["assign","case_manager: aseitova → petrenko"],["supervisor","supervisor: null → zhumabaeva"],["team-remove","team_member: kim → null; role: psychologist → null"]]'

# A team member who becomes the manager leaves the team.
run assign "$a" --manager nurlanov -o json
expect_code 0
expect_stderr "casectl: nurlanov left the team of $a to lead it as case manager"
expect_eq "team without the manager" "$(jq -c '[.case_manager, .team]' "$OUT")" '["nurlanov",[]]'
run_ok assign "$a" --manager aseitova --supervisor ''
expect_eq "--supervisor '' clears it" "$(jq -c .supervisor <("$CASECTL" assign "$a" -o json))" 'null'

# --- errors ------------------------------------------------------------------------------------
run assign "$b" --manager aseitva
expect_code 3
expect_stderr "casectl: error: unknown staff member 'aseitva' (did you mean 'aseitova'?); 'casectl staff list' shows the staff"
run assign "$b" --team kimm:psychologist
expect_code 3
expect_stderr "casectl: error: unknown staff member 'kimm' (did you mean 'kim'?); 'casectl staff list' shows the staff"
run assign 2026-00999 --manager aseitova
expect_code 3
expect_stderr "casectl: error: case 2026-00999 not found; 'casectl list' shows the cases"
run assign "$e" --manager petrenko
expect_code 4
expect_stderr "casectl: error: case $e is a consultation, not a full case; nobody is assigned to a consultation (register a full case with 'casectl intake' if work is needed)"
run assign "$b" --remove kim
expect_code 3
expect_stderr "casectl: error: kim is not on the team of case $b; the team is empty"
run assign "$b" --manager aseitova --team aseitova:lead
expect_code 4
expect_stderr "casectl: error: aseitova is the case manager of $b; the team is the people beside them"
run assign "$b" --team 'kim:'
expect_code 65
expect_stderr "casectl: error: --team kim:: the role after ':' is empty or not one line of text; write LOGIN:ROLE, e.g. kim:psychologist, or LOGIN alone for their usual role"
run assign "$b" --manager aseitova --auto
expect_code 2
expect_stderr "casectl: error: give --manager LOGIN or --auto, not both"
expect_eq "failed assigns changed nothing" "$(jq -c '[.case_manager, .team]' <("$CASECTL" assign "$b" -o json))" '[null,[]]'

# A closed case (closing comes with 'review'; here the store is edited as review will).
new_case closed --name 'Закрытая семья' --district almaly
store_sql "UPDATE cases SET status = 'closed', closed = '2026-11-20' WHERE case_id = '$closed'"
run assign "$closed" --manager aseitova
expect_code 4
expect_stderr "casectl: error: case $closed is closed; reopen it with 'casectl review $closed --reopen'"
run assign "$closed" -o json
expect_code 0

# The district check refused by config.
printf '[assign]\ndistrict_check = "refuse"\n' >casectl.toml
run assign "$c" --manager aseitova
expect_code 4
expect_stderr "casectl: error: aseitova does not serve district bostandyk of case $c (serves almaly, auezov); assign.district_check is 'refuse': choose staff of that district"
run config show -o tsv
expect_stdout_contains $'assign.district_check\trefuse'
printf '[assign]\ndistrict_check = "strict"\n' >casectl.toml
run list
expect_code 78
expect_stderr_contains "assign.district_check = 'strict': expected warn, refuse or off"
rm casectl.toml

# --- dry run and --auto ------------------------------------------------------------------------
run assign "$c" --auto --dry-run -o json
expect_code 0
expect_stderr "casectl: chose petrenko (Петренко Ольга Викторовна) for case $c in district bostandyk: 0 of 25 open cases (0%), the lowest load of 1 serving it with room
casectl: dry run, nothing written: $c would look like this"
expect_eq "dry run shows the manager" "$(jq -r .case_manager "$OUT")" petrenko
expect_eq "dry run wrote nothing" "$(jq -c .case_manager <("$CASECTL" assign "$c" -o json))" 'null'
run assign "$c" --auto -o json
expect_code 0
expect_eq "--auto sets the manager" "$(jq -r .case_manager "$OUT")" petrenko

# --- list --mine, --manager --------------------------------------------------------------------
run list --mine --as aseitova -o tsv --no-headers
expect_code 0
expect_eq "--mine lists the acting user's cases" "$(cut -f1,8 "$OUT")" "$a	aseitova"
CASECTL_USER=petrenko run list --mine -o json
expect_eq "--mine with CASECTL_USER" "$(jq -r '.[].case_id' "$OUT")" "$c"

# --- caseload ---------------------------------------------------------------------------------
run caseload -o json
expect_code 0
expect_stderr "casectl: 2 open cases without a case manager; 'casectl reassign --unassigned --auto' spreads them by load"
expect_eq "caseload fields" "$(jq -c '.[0] | keys_unsorted' "$OUT")" \
  '["login","name","agency","role","districts","open_cases","capacity","free","load_percent","over_capacity","team_cases","by_district","known","active"]'
expect_eq "caseload rows" "$(jq -c '[.[] | [.login, .open_cases, .capacity, .free, .load_percent, .by_district]]' "$OUT")" \
  '[["aseitova",1,25,24,4,{"almaly":1}],["petrenko",1,25,24,4,{"bostandyk":1}]]'
run caseload --district auezov -o tsv --no-headers
expect_code 0
expect_eq "caseload --district: managers serving it" "$(cut -f1,4 "$OUT")" "aseitova	1"
expect_stderr "casectl: 1 open case without a case manager in auezov; 'casectl reassign --unassigned --auto' spreads them by load"
run caseload --sort opne_cases
expect_code 2
expect_stderr "casectl: error: --sort: cannot sort by 'opne_cases' (did you mean 'open_cases'?); use one of login, name, open_cases, load_percent, free (prefix - to reverse)"

# --- reassign ---------------------------------------------------------------------------------
run reassign --unassigned --auto
expect_code 2
expect_stderr "casectl: error: reassign changes many cases: add --yes to move them without a terminal, or --dry-run to see what would move"
run reassign --unassigned --auto --dry-run
expect_code 0
expect_stdout "case_id	name	district	urgency	from	to	as
$d	Семья Омаровых	turksib	emergency		petrenko	manager
$b	Семья Сапаровых	auezov	routine		aseitova	manager"
expect_stderr "casectl: aseitova takes 1 case, now 2 open of 25 (8%)
casectl: petrenko takes 1 case, now 2 open of 25 (8%)
casectl: dry run, nothing written: would move 2 cases"
run reassign --unassigned --auto --yes -o ndjson
expect_code 0
expect_eq "moved as the dry run said" "$(jq -r '"\(.case_id) \(.to)"' "$OUT")" "$d petrenko
$b aseitova"
run log "$b" -o json
expect_eq "reassign journalled" "$(jq -c '.[-1] | [.action, .summary]' "$OUT")" '["reassign","case_manager: null → aseitova"]'

# A coordinator leaves: all of her open cases to a colleague, in one transaction.
run reassign --from aseitova --to petrenko --yes
expect_code 0
expect_stdout "case_id	name	district	urgency	from	to	as
$a	Семья Тарасовых	almaly	urgent	aseitova	petrenko	manager
$b	Семья Сапаровых	auezov	routine	aseitova	petrenko	manager"
expect_stderr "casectl: warning: petrenko does not serve district almaly (serves bostandyk, turksib): $a
casectl: warning: petrenko does not serve district auezov (serves bostandyk, turksib): $b
casectl: petrenko takes 2 cases, now 4 open of 25 (16%)
casectl: moved 2 cases"
run reassign --from petrenko --district almaly --to petrenko --yes
expect_code 2
expect_stderr "casectl: error: petrenko is both --from and --to"
run reassign --to petrenko --yes
expect_code 2
expect_stderr "casectl: error: say which cases to move: --from LOGIN, --unassigned, or filters such as --district"
run reassign --from petrenko --yes
expect_code 2
expect_stderr "casectl: error: give --to LOGIN or --auto (one of them)"
run reassign --from petrenkoo --to aseitova --yes
expect_code 3
expect_stderr "casectl: error: unknown staff member 'petrenkoo' (did you mean 'petrenko'?); 'casectl staff list' shows the staff"
# Spreading petrenko's cases: nobody else serves bostandyk or turksib, so nothing moves.
run reassign --from petrenko --auto --yes
expect_code 4
expect_stderr "casectl: error: no case manager with room serves the district of $d (turksib), $c (bostandyk); nothing was moved: raise a capacity, add staff, or use --to LOGIN"
run reassign --from petrenko --district almaly,auezov --auto --yes -o tsv --no-headers
expect_code 0
expect_eq "spread by district" "$(cut -f1,5,6 "$OUT")" "$a	petrenko	aseitova
$b	petrenko	aseitova"

# A team member leaves: --from moves their places on teams too, in the same role.
run_ok assign "$a" --team kim:psychologist --team zhumabaeva
run_ok assign "$c" --team kim
run reassign --from kim --to sergeev --dry-run -o tsv --no-headers
expect_code 0
expect_eq "reassign_moves_team_places: shown" "$(cut -f1,5,6,7 "$OUT")" "$a	kim	sergeev	team
$c	kim	sergeev	team"
expect_stderr_contains "casectl: dry run, nothing written: would move 2 team places"
expect_eq "the dry run wrote nothing" "$("$CASECTL" assign "$a" -o json | jq -r '[.team[].login] | sort | join(",")')" "kim,zhumabaeva"
run_ok reassign --from kim --to sergeev --yes
expect_stderr_contains "casectl: moved 2 team places"
expect_eq "reassign_moves_team_places: the role goes with the place" \
  "$("$CASECTL" assign "$a" -o json | jq -r '[.team[] | "\(.login):\(.role)"] | sort | join(",")')" "sergeev:psychologist,zhumabaeva:guardianship-officer"
expect_eq "reassign_moves_team_places: journaled as team-remove and team-add" \
  "$("$CASECTL" log "$c" -o json | jq -r '[.[-2:][] | .action] | join(",")')" "team-remove,team-add"
# The receiver is on the team already: the place is only given up.
run_ok reassign --from zhumabaeva --to sergeev --yes
expect_eq "a place given up where the receiver is on the team" \
  "$("$CASECTL" assign "$a" -o json | jq -r '[.team[].login] | join(",")')" "sergeev"
# Spread by load: team places stay, and a note says so.
run reassign --from sergeev --auto --yes
expect_code 0
expect_stderr_contains "casectl: sergeev is still on the team of 2 open cases; move those places with 'casectl reassign --from sergeev --to LOGIN'"

# --- staff ------------------------------------------------------------------------------------
run staff add omarova --name 'Омарова Айгерим' --agency 'Social protection' --role case-manager --district turksib --capacity 2
expect_code 0
expect_stdout omarova
expect_stderr "casectl: added staff member omarova"
run staff list -o json
expect_eq "staff list: config and store, merged" "$(jq -c '[.[] | [.login, .source, .agency, .districts, .capacity, .active]] | .[-1]' "$OUT")" \
  '["omarova","store","social-protection",["turksib"],2,true]'
run staff add aseitova --name 'Другая'
expect_code 4
expect_stderr "casectl: error: staff member aseitova comes from the config ($SOURCE_ROOT/examples/casectl.toml:39); change them there"
run staff add omarova
expect_code 4
expect_stderr "casectl: error: staff member omarova already exists; change them with 'casectl staff set omarova'"
run staff add 'bad login' --agency polise
expect_code 65
expect_stderr "casectl: error: 'bad login' is not a login: use letters, digits, '.', '_' and '-' (at most 64)"
run staff add novak --agency polise --capacity -1
expect_code 65
expect_stderr_contains "casectl: error: staff member novak: agency: unknown agency 'polise'"
expect_stderr_contains "; capacity: give a number of open cases, 0 or more"
run staff set omarva --capacity 3
expect_code 3
expect_stderr "casectl: error: unknown staff member 'omarva' (did you mean 'omarova'?); 'casectl staff list' shows the staff"
run_ok staff set omarova --capacity 3
run reassign --from petrenko --district turksib --auto --yes -o tsv --no-headers
expect_code 0
expect_eq "the new staff member takes turksib" "$(cut -f1,6 "$OUT")" "$d	omarova"
run staff remove omarova
expect_code 4
expect_stderr "casectl: error: omarova still manages 1 open case; move it first with 'casectl reassign --from omarova --to LOGIN' (or --auto)"
run_ok reassign --from omarova --to petrenko --yes
run staff remove omarova
expect_code 0
expect_stderr "casectl: marked as having left: staff member omarova"
run assign "$d" --manager omarova
expect_code 4
expect_stderr "casectl: error: omarova has left (removed with 'casectl staff remove'); choose someone else, or bring them back with 'casectl staff set omarova --active'"
run_ok staff set omarova --active
run_ok assign "$d" --manager omarova

# A worker from the config who has left: left_on (or active = false) in their [staff.X] table.
left_config=$TEST_DIR/left.toml
cp "$SOURCE_ROOT/examples/casectl.toml" "$left_config"
printf '\n[staff.bekova]\nname = "Бекова Алия"\nagency = "ngo"\nleft_on = 2026-11-30\n' >>"$left_config"
left_line=$(grep -n '^\[staff.bekova\]' "$left_config" | cut -d: -f1)
run --config "$left_config" assign "$d" --manager bekova
expect_code 4
expect_stderr "casectl: error: bekova has left on 2026-11-30 (staff.bekova in the config); choose someone else, or move their cases with 'casectl reassign --from bekova --to LOGIN'"
run --config "$left_config" assign "$d" --team bekova
expect_code 4
expect_stderr_contains "bekova has left on 2026-11-30"
expect_eq "config_staff_left: nothing written" "$("$CASECTL" show "$d" -o json | jq -r '[.case_manager, any(.team[]; .login == "bekova")] | @tsv')" \
  "omarova	false"
# caseload flags work still held by someone who has left (here petrenko, active = false in the config).
sed '/^\[staff.petrenko\]/a active = false' "$SOURCE_ROOT/examples/casectl.toml" >"$TEST_DIR/petrenko-left.toml"
petrenko_open=$("$CASECTL" caseload -o json | jq -r '.[] | select(.login == "petrenko") | .open_cases')
run --config "$TEST_DIR/petrenko-left.toml" caseload -o json
expect_code 0
expect_eq "caseload: petrenko is shown as having left" "$(jq -r '.[] | select(.login == "petrenko") | .active' "$OUT")" false
expect_stderr_contains "casectl: petrenko has left but still manages $petrenko_open open case"
expect_stderr_contains "move them with 'casectl reassign --from petrenko --to LOGIN'"
# due says so too, for the work on their cases (here a first response two days late).
new_case late_response --name 'Семья Срочных' --district turksib --urgency emergency --opened 2026-11-18
run_ok assign "$late_response" --manager petrenko
run --config "$TEST_DIR/petrenko-left.toml" due -o json
expect_code 0
expect_eq "the late first response is due" "$(jq -r '.[] | select(.case_manager == "petrenko") | .case_id' "$OUT")" "$late_response"
expect_stderr "casectl: 1 item here is on a case of petrenko, who has left; move the cases with 'casectl reassign --from petrenko --to LOGIN'"
run due -o json
expect_stderr_empty
run_ok --config "$left_config" config show
expect_eq "config show: the member's own line, and that they left" \
  "$(awk -F'\t' '$1 == "staff.bekova" { print $3 "|" ($2 ~ /; left on 2026-11-30$/) }' "$OUT")" "$left_config:$left_line|1"

# --- assign --on: an assignment entered after the fact ---------------------------------------------
new_case late --name 'Семья Поздних' --district almaly --opened 2026-11-10
run_ok assign "$late" --manager aseitova --team kim:psychologist --on 2026-11-12
expect_eq "assign_on: the team member joined on the given day" \
  "$("$CASECTL" show "$late" -o json | jq -r '.team[] | select(.login == "kim") | .added_on')" 2026-11-12
expect_eq "assign_on: the journal dates the assignment by it" \
  "$("$CASECTL" log "$late" -o json | jq -r '[.[] | select(.action == "assign" or .action == "team-add") | .effective_on] | unique | join(",")')" \
  2026-11-12
before_late=$("$CASECTL" log "$late" -o json | jq length)
run assign "$late" --team nurlanov --on 2026-11-21
expect_code 65
expect_stderr_contains "on: 2026-11-21 is in the future"
run assign "$late" --team nurlanov --on 2026-11-09
expect_code 65
expect_stderr_contains "before the case was opened on 2026-11-10"
expect_eq "assign_on: refused dates write nothing" "$("$CASECTL" log "$late" -o json | jq length)" "$before_late"

# --- formats ----------------------------------------------------------------------------------
run caseload -o csv
expect_code 0
expect_stdout_contains 'login,name,districts,open_cases,capacity,load_percent,free,team_cases,by_district'
run caseload -o table --no-headers
expect_code 0
expect_stdout_lacks LOGIN
run staff list -o ndjson
expect_eq "staff list ndjson: one line each" "$(wc -l <"$OUT")" 7
run staff
expect_code 2

finish
