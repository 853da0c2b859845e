# The store of the report suites (test_report_work.sh, test_report_templates.sh), sourced after
# lib.sh with CASECTL_CONFIG=examples/casectl.toml: cases, plans, services delivered, closures
# whose figures the suites know in advance. Sets the case ids a..g.
# shellcheck shell=bash disable=SC2154 # (lib.sh defines run_ok and new_case)

# --- the store; today is 2026-11-20 --------------------------------------------------------------
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
run_ok --today 2026-10-02 assess "$a" --domain health=1 --domain mobility=2 --visit 2026-10-02
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
run_ok --today 2026-10-03 assess "$b" --domain safety=2 --domain parenting=2 --visit 2026-10-03
run_ok assign "$b" --manager petrenko
run_ok --today 2026-10-06 plan "$b" add-goal --domain safety --target 4 --description 'Артём живёт дома'
run_ok --today 2026-10-06 plan "$b" add-task --what 'Занятия с психологом' --agency ngo --frequency 1/week --offset 0
run_ok --today 2026-10-06 plan "$b" approve --meeting 2026-10-06 --participants 'Петренко О.В.'
run_ok --today 2026-10-20 review "$b" --delivered 1=1 --on 2026-10-20 --next 2026-11-10

new_case g --name 'Семья Ли' --district bostandyk --opened 2026-10-25
run_ok --today 2026-10-26 assess "$g" --domain income=2 --visit 2026-10-26
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

