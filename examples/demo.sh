#!/usr/bin/env bash
# The casectl demo: registers six invented cases drawn from the field in a fresh store, then
# looks them up the ways coordinators and scripts do. All names are invented.
#   usage: examples/demo.sh [path/to/casectl]
# The store is a new SQLite file in demo-store/ (DEMO_DIR), or, when CASECTL_DB is a
# postgresql:// URL, that PostgreSQL database (or schema), which must hold no cases yet; the
# documents the demo writes go to demo-store/ either way.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
casectl="${1:-$here/../build/casectl}"
demo_dir="${DEMO_DIR:-$(dirname "$here")/demo-store}"
rm -rf "$demo_dir"
mkdir -p "$demo_dir"
case "${CASECTL_DB:-}" in
  postgresql://* | postgres://*)
    if [ -n "$("$casectl" list --limit 1 --no-headers -o tsv 2>/dev/null)" ]; then
      echo "demo: the store CASECTL_DB names already holds cases; give the demo a new database or schema" >&2
      exit 1
    fi
    ;;
  *) export CASECTL_DB="$demo_dir/cases.db" ;;
esac
export CASECTL_CONFIG="$here/casectl.toml"
export CASECTL_USER="${CASECTL_USER:-aseitova}"
if [ -t 2 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain" >&2; }

step "casectl init"
"$casectl" init

step "Intake: six cases (each command prints the new case id)"
runaway=$("$casectl" intake --name "Семья Тарасовых" --kind family --district almaly \
  --address "мкр. Айнабулак-3, д. 12, кв. 45" --phone "+7 701 555-12-34" \
  --source police --referrer "Ювенальная полиция, инспектор Нурланов Д.С." \
  --group child-at-risk --group single-parent \
  --problem "11-летний сын убегает из дома, живёт у тёти" \
  --problem "у матери нет документов (утеряно удостоверение личности)" \
  --problem "мать не работает, злоупотребляет алкоголем" \
  --problem "ребёнок не посещает школу с сентября" \
  --member "Тарасова Наталья Игоревна;мать;14.02.1989" \
  --member "Тарасов Артём;сын;2015-03-09" \
  --member "Климова Светлана Игоревна;тётя;1984-07-21" \
  --urgency urgent --consent yes --opened 2026-11-02 \
  --note "Мальчик найден сотрудниками полиции на вокзале. Временно живёт у тёти.")
echo "$runaway"

large=$("$casectl" intake --name "Семья Сапаровых" --district auezov --address "ул. Жандосова, 140, кв. 7" \
  --phone "+7 705 210-44-19" --source school --referrer "Школа-гимназия № 12" \
  --group large-family --group low-income \
  --problem "пятеро детей, доход ниже прожиточного минимума" --problem "тесное жильё, одна комната" \
  --member "Сапаров Ерлан Қанатұлы;отец;1985-11-30" --member "Сапарова Гүлнұр Әбдіқызы;мать;1988-01-15" \
  --member "Айару;дочь;2012-05-04" --member "Нұрсұлтан;сын;2014-09-21" --member "Әлихан;сын;2017-02-11" \
  --member "Інжу;дочь;2020-06-30" --member "Ұлжан;дочь;2023-12-01" \
  --consent yes --opened 05.11.2026)
echo "$large"

pensioner=$("$casectl" intake --name "Кравченко Валентина Степановна" --kind person --district bostandyk \
  --address "ул. Тимирязева, 28, кв. 61" --phone "+7 727 392-18-05" --source neighbour \
  --group elderly-alone --group disability \
  --problem "одинока, 84 года, почти не выходит из дома" --problem "нет продуктов, пропускает приём лекарств" \
  --member "Кравченко Валентина Степановна;;1942-04-18" --consent yes --opened 2026-11-09)
echo "$pensioner"

violence=$("$casectl" intake --name "Семья Омаровых" --district turksib --phone "+7 708 903-77-60" \
  --source hotline --group domestic-violence --urgency emergency \
  --problem "муж избивает жену, угрожает детям" --problem "нужно безопасное жильё" \
  --member "Омарова Динара Сериковна;мать;1991-08-08" --member "Омар;сын;2016-10-10" --member "Амина;дочь;2019-01-27" \
  --consent yes --opened 2026-11-18 --note "Адрес не записан по просьбе заявительницы.")
echo "$violence"

palliative=$("$casectl" intake --name "Ахметов Болат Жұмаұлы" --kind person --district almaly \
  --address "ул. Толе би, 201, кв. 9" --phone "+7 777 640-22-81" --source hospital \
  --referrer "Городская поликлиника № 5" --group palliative \
  --problem "онкологическое заболевание, лежачий" --problem "нужен уход на дому 5 раз в неделю" \
  --member "Ахметов Болат Жұмаұлы;;1958-12-03" --member "Ахметова Роза;жена;1960-03-14" \
  --urgency urgent --consent yes --opened 2026-11-12)
echo "$palliative"

removal=$("$casectl" intake --name "Семья Гончаренко" --district auezov --address "мкр. Аксай-4, д. 88, кв. 3" \
  --source referral --referrer "Отдел опеки и попечительства" --group child-at-risk \
  --problem "угроза изъятия детей: антисанитария, долги за коммунальные услуги" \
  --member "Гончаренко Ирина;мать;1994-06-19" --member "Гончаренко Максим;сын;2018-08-02" \
  --member "Гончаренко Злата;дочь;2021-03-25" --urgency urgent --consent yes --opened 2026-11-16)
echo "$removal"

step "A consultation (counted in reports, not a full case)"
"$casectl" intake --consultation --kind person --name "Есенова Мадина" --district turksib \
  --source self --problem "как оформить пособие на ребёнка" --opened 2026-11-19

step "Bulk intake: the hotline's export (a ';'-separated CSV from a spreadsheet), checked first with --dry-run"
"$casectl" intake --from "$here/hotline-export.csv" --on-duplicate link --dry-run || true
step "... then imported: one case id per record on stdout; the likely duplicate is linked, not lost"
"$casectl" intake --from "$here/hotline-export.csv" --on-duplicate link
step "Re-running the same import creates nothing new (matched by external_id)"
"$casectl" intake --from "$here/hotline-export.csv" --on-duplicate link >/dev/null

step "casectl find TARASOVA   (a Latin spelling finds the Cyrillic name, in any case)"
"$casectl" find TARASOVA -o table
step "casectl find Тарас   (a prefix finds members too)"
"$casectl" find Тарас -o table
step "casectl find 555-12-34   (the end of a phone number)"
"$casectl" find 555-12-34 -o table

step "Edit: a correction after intake; household members are named by the numbers 'show' gives them"
# The aunt was written into the household at intake; she lives apart (she is in the circle of
# support, not the family). Taken out, she is kept with the day and the reason; her number is not reused.
"$casectl" edit "$runaway" --remove-member 3 --reason "Тётя живёт отдельно: круг поддержки, не состав семьи" \
  --on 2026-11-03 >/dev/null
"$casectl" edit "$runaway" --edit-member "2;Тарасов Артём Сергеевич" >/dev/null
"$casectl" show "$runaway" --template case | grep -E '^  [0-9]+\. '

step "Assign: the integration centre's team takes the cases (managers by district; team members from other agencies)"
"$casectl" assign "$runaway" --manager aseitova --team nurlanov --team kim:psychologist --team zhumabaeva >/dev/null
"$casectl" assign "$large" --manager aseitova --team zhumabaeva >/dev/null
"$casectl" assign "$pensioner" --manager petrenko --team sergeev >/dev/null
"$casectl" assign "$violence" --auto --team kim:psychologist >/dev/null
"$casectl" assign "$palliative" --manager aseitova --team sergeev:hospital-social-worker >/dev/null
"$casectl" assign "$removal" --manager aseitova --team zhumabaeva --team kim >/dev/null
"$casectl" assign "$runaway" -o table
step "casectl caseload   (open cases per manager against capacity, by district)"
"$casectl" caseload -o table
step "casectl reassign --unassigned --auto --dry-run   (the hotline's cases, spread by load; nothing written)"
"$casectl" reassign --unassigned --auto --dry-run -o table
step "casectl list --mine --open   (aseitova's own cases)"
"$casectl" list --mine --open -o table

step "Assess: the family portrait after the home visit (each prints CASE/N; N = 1 is the baseline)"
"$casectl" assess "$runaway" --date 2026-11-04 --visit 2026-11-04 \
  --living-conditions "Однокомнатная квартира, в холодильнике пусто, бутылки на кухне; у мальчика нет своего места" \
  --domain documents=1 --domain employment=1 --domain substance-use=1 --domain schooling=1 \
  --domain housing=3 --domain income=2 --domain parenting=2 \
  --risk-reason "мать злоупотребляет алкоголем; сын убегает из дома" \
  --strength "Мать любит сына и согласна на помощь" \
  --circle-strength "Тётя, Климова С.И., готова временно забрать Артёма" \
  --expectation "Хочу восстановить документы и найти работу, чтобы сын вернулся домой и пошёл в школу" \
  --missing-document "удостоверение личности матери"
"$casectl" assess "$palliative" --date 2026-11-13 --visit 2026-11-13 \
  --living-conditions "Лежачий, 4 этаж без лифта; жена ухаживает одна" \
  --domain health=1 --domain mobility=1 --domain social-support=3 --domain housing=4 --domain income=3 \
  --domain food=3 --domain childcare=na --domain schooling=na \
  --strength "Жена рядом, соседи помогают с продуктами" \
  --expectation "Остаться дома, а не в хосписе; чтобы жене помогали с уходом"
# The large family's assessment comes as a file (TOML here; JSON works too), on stdin.
"$casectl" assess "$large" --from - <<'EOF'
assessed_on = 2026-11-10
method = "home-visit"
visit_on = 2026-11-10
living_conditions = "Семь человек в одной комнате общежития; чисто, дети ухожены"
strengths = ["Родители не пьют, отец работает", "Старшая дочь помогает с младшими"]
circle_strengths = ["Бабушка в ауле присылает продукты"]
expectations = ["Получить жильё по программе для многодетных семей"]

[scores]
income = 2
housing = 2
food = 3
employment = 3
schooling = 4
parenting = 4
childcare = 4
EOF
step "A reassessment of the runaway boy's family two weeks later: documents applied for, school again"
"$casectl" assess "$runaway" --date 2026-11-18 --method interview \
  --domain documents=2 --domain employment=1 --domain substance-use=2 --domain schooling=3 \
  --domain housing=3 --domain income=2 --domain parenting=3
step "casectl assess $runaway --history   (each domain: baseline, latest, change)"
"$casectl" assess "$runaway" --history -o table

step "casectl assess $runaway --show --template assessment   (the assessment as a document for the team meeting)"
"$casectl" assess "$runaway" --show --number 1 --template assessment

step "Plan: the team's draft for the runaway boy's family starts from the 'runaway-child' template (prints CASE/REVISION)"
"$casectl" plan "$runaway" --from-template runaway-child --start 2026-11-05
step "... the family's own part: the mother accepts the treatment offered (add-goal, add-task print the new numbers)"
"$casectl" plan "$runaway" add-goal --domain substance-use --target 3 \
  --expectation "Хочу бросить пить, чтобы сын жил со мной" --description "Мать лечится от алкогольной зависимости"
"$casectl" plan "$runaway" add-task --goal 5 --priority high --offset 7 \
  --what "Пройти предложенное лечение в наркологическом диспансере" --family "Тарасова Наталья Игоревна"
"$casectl" plan "$runaway" add-task --goal 1 --priority high --offset 10 \
  --what "Временная опека тёти на время лечения матери" --agency guardianship --worker zhumabaeva
step "... approved at the team meeting: the plan is locked and the case becomes active"
"$casectl" plan "$runaway" approve --meeting 2026-11-06 \
  --participants "Асеитова Г.М., Нурланов Д.С., Ким В.А., Жұмабаева Ә.Қ., Тарасова Н.И." \
  --decision "План утвердить; мать согласна на лечение; пересмотр через месяц"
step "... and the agencies are told of their tasks (step 6 of the Sarmanovo mechanism); 'casectl due' lists those not yet told"
"$casectl" plan "$runaway" inform --agency guardianship --on 2026-11-06 --how meeting
"$casectl" plan "$runaway" inform --agency school --on 2026-11-09 --how letter

step "The palliative patient's plan: the hospital's social worker visits five times a week"
"$casectl" plan "$palliative" add-goal --start 2026-11-14 --domain health --target 3 \
  --expectation "Остаться дома, а не в хосписе; чтобы жене помогали с уходом" \
  --description "Уход на дому; жена не остаётся с уходом одна"
"$casectl" plan "$palliative" add-task --priority immediate --offset 0 --frequency 5/week \
  --what "Патронаж на дому: уход, гигиена, перевязки" --worker sergeev
"$casectl" plan "$palliative" add-task --priority normal --offset 7 \
  --what "Научиться перемещать мужа и менять положение в постели" --family "Ахметова Роза"
"$casectl" plan "$palliative" approve --meeting 2026-11-14 \
  --participants "Асеитова Г.М., Сергеев И.П., Ахметова Р." --decision "Патронаж 5 раз в неделю"

step "casectl plan $runaway --template plan   (the approved plan as a document)"
"$casectl" plan "$runaway" --template plan
step "casectl plan tasks --agency school   (what the school must do, across every approved plan)"
"$casectl" plan tasks --agency school -o table

step "Review: the palliative patient had only two of the five home visits due this week"
"$casectl" review "$palliative" --delivered 1=2 --note "Патронажная сестра была дважды: не хватает сотрудников" \
  --event hospitalised --event-note "Скорая, боли; вернулся домой на следующий день"
step "casectl review $palliative --services   (due against delivered over the last 7 days)"
"$casectl" review "$palliative" --services -o table
step "casectl due   (what is overdue: tasks, reviews, first responses, under-delivered services)"
"$casectl" due -o table

step "Closing: the large family got housing; the final reassessment measures the change from the baseline"
"$casectl" assess "$large" --domain income=3 --domain housing=4 --domain food=4 --domain employment=3 >/dev/null
"$casectl" review "$large" --close --reason "Получили квартиру по программе для многодетных семей" \
  --outcome goals-achieved --expectations yes --expectations-note "Своя квартира, дети в одной школе" -o json |
  if command -v jq >/dev/null; then jq -c '{outcome, expectations_met, domain_changes}'; else cat; fi

step "casectl list   (what is registered)"
"$casectl" list -o table

step "casectl list --open --district almaly --sort urgency   (open cases in my district, most urgent first)"
"$casectl" list --open --district "Алмалинский район" --sort urgency -o table

step "casectl show $runaway"
"$casectl" show "$runaway" -o table

step "casectl list -o json | jq   (scripting: names of emergency and urgent cases)"
if command -v jq >/dev/null; then
  "$casectl" list -o json | jq -r '.[] | select(.urgency != "routine") | "\(.case_id)  \(.urgency)  \(.name)"'
else
  "$casectl" list -o ndjson
fi

step "casectl log $violence"
"$casectl" log "$violence" -o table

step "casectl report kpi --period 2026-11 --template kpi   (the month's key figures against October)"
"$casectl" report kpi --period 2026-11 --template kpi
"$casectl" report kpi --period 2026-11 --template kpi.html > "$demo_dir/kpi-2026-11.html"
echo "(and as a page with bar charts: $demo_dir/kpi-2026-11.html)" >&2

step "casectl report cases --template plan --out $demo_dir/plans   (the plan of every case that has one, a file each)"
"$casectl" report cases --template plan --out "$demo_dir/plans" -o table 2>/dev/null
"$casectl" report cases --template plan --out "$demo_dir/plans-redacted" --redact >/dev/null 2>&1
echo "(and with --redact, names as initials, for sending outside the team: $demo_dir/plans-redacted)" >&2
head -8 "$demo_dir/plans-redacted/$runaway.txt"

step "casectl report outcomes --period 2026-11 --template outcomes   (closed cases and the change they measured)"
"$casectl" report outcomes --period 2026-11 --template outcomes

step "casectl report overdue --by agency   (what is late today, by the agency responsible)"
"$casectl" report overdue --by agency -o table

step "casectl report services --period 2026-11   (recurring services due against delivered)"
"$casectl" report services --period 2026-11 -o table

step "casectl show $runaway --template passport   (the family's social passport: household, needs, help, events)"
"$casectl" show "$runaway" --template passport
"$casectl" report cases --template passport --out "$demo_dir/passports" >/dev/null 2>&1
echo "(and a passport for every case: $demo_dir/passports)" >&2

step "casectl show $palliative --template service-complaint   (the letter to the agency: 2 visits of 5)"
"$casectl" show "$palliative" --template service-complaint

step "A year of the office's work: its archive of 2025 and 2026 (cases opened, assessed, closed) and the year's dashboard"
# archive-2025-2026.csv holds the cases the office registered before the demo's month;
# archive-followup.csv what happened to each: its case manager, the first assessment, an event, the closing.
"$casectl" intake --from "$here/archive-2025-2026.csv" --on-duplicate link >/dev/null
while IFS=';' read -r case manager assessed event event_on closed outcome expectations; do
  "$casectl" assess "$case" --date "$assessed" --method home-visit --visit "$assessed" --domain income=2 --domain housing=3 \
    --domain documents=2 >/dev/null
  "$casectl" assign "$case" --manager "$manager" >/dev/null
  [ -z "$event" ] || "$casectl" review "$case" --on "$event_on" --event "$event" >/dev/null 2>&1
  [ -z "$closed" ] || "$casectl" review "$case" --close --on "$closed" --reason "Работа по случаю завершена" \
    --outcome "$outcome" --expectations "$expectations" >/dev/null 2>&1
done < <(tail -n +2 "$here/archive-followup.csv")
"$casectl" report caseload --period 2026 --by month -o table
"$casectl" report kpi --period 2026 --compare year --template dashboard.html > "$demo_dir/dashboard-2026.html"
echo "(the year's dashboard against 2025, a page to open in a browser or print: $demo_dir/dashboard-2026.html)" >&2

step "A mistake is refused with the field named (exit code $( "$casectl" intake --name "Тест" --group многодетные >/dev/null 2>&1; echo $?))"
"$casectl" intake --name "Тест" --group многодетные || true

printf '\nThe demo store is %s; try: CASECTL_DB=%s %s list\n' "$CASECTL_DB" "$CASECTL_DB" "$casectl" >&2
