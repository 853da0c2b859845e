#!/usr/bin/env bash
# The pages a director opens: the demo's year dashboard (report kpi --template dashboard.html), the
# month's KPI page and the -o html pages of caseload, outcomes and services. Their charts are
# checked against the figures the same reports print as JSON (check_charts.py: every bar as long
# as its value on its chart's axis), and on SQLite rendered by Debian's chromium, headless, to PNG
# and to PDF (A4 pages counted).
. "$(dirname "$0")/lib.sh"
export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml
check_charts() { python3 "$SOURCE_ROOT/tests/e2e/check_charts.py" "$@"; }
store_state() { store_sql "SELECT count(*) FROM cases; SELECT count(*) FROM journal;"; }

demo_store
dashboard=$TEST_DIR/demo/dashboard-2026.html
expect_true "the demo wrote the year's dashboard" test -s "$dashboard"

# --- geometry: every chart of every page ----------------------------------------------------------
expect_true "the dashboard's charts are well-formed and every bar as long as its value" check_charts "$dashboard"
expect_eq "the dashboard's charts, with how many values each draws" "$(check_charts "$dashboard" | cut -f1)" \
  "Изменение за год
Семей на сопровождении
Новых случаев
Закрыто случаев
Доля новых случаев с оценкой в срок, %
Человек в семьях на сопровождении
Новые случаи по источникам
Закрытые случаи по итогам
Семьи, новые и закрытые случаи"
expect_eq "one bar per month of each year" "$(check_charts "$dashboard" | grep -c $'^\(Семей на сопровождении\|Новых случаев\|Закрыто случаев\)\t24$')" 3

# The checker fails on a bar drawn at a wrong length: the first column of the families' chart made
# a tenth taller, still standing on the axis.
python3 - "$dashboard" "$TEST_DIR/wrong.html" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
chart = page.index("<title>Семей на сопровождении</title>")
bar = re.compile(r'(<rect class="bar" [^>]*?y=")([0-9.]+)(" width="[0-9.]+" height=")([0-9.]+)"')
m = bar.search(page, chart)
y, h = float(m.group(2)), float(m.group(4))
taller = f'{m.group(1)}{y - h / 10:.2f}{m.group(3)}{h * 1.1:.2f}"'
open(sys.argv[2], "w", encoding="utf-8").write(page[:m.start()] + taller + page[m.end():])
PY
expect_true "the doctored page differs" test "$(cmp -s "$dashboard" "$TEST_DIR/wrong.html" && echo same)" != same
LAST_COMMAND="check_charts.py wrong.html"
check_charts "$TEST_DIR/wrong.html" >"$OUT" 2>"$ERR"
CODE=$?
expect_code 1
expect_stderr_contains "Семей на сопровождении: series 0, category 0, value 2.0: drawn 8.25 long, 7.50 expected"

# --- the charts draw the reports' own numbers ---------------------------------------------------
# Families per month of 2026 (series 1, dark) and of 2025 (series 0) = report caseload --by month.
for year in 2026 2025; do
  series=$([ $year = 2026 ] && echo 1 || echo 0)
  run_ok report caseload --period $year --by month -o json
  expect_eq "families per month of $year as drawn = as counted" \
    "$(check_charts "$dashboard" --values 'Семей на сопровождении' | awk -v s=$series '$1 == s { print $3 }' | paste -sd' ')" \
    "$(jq -r '[.[].families] | map(tostring) | join(" ")' "$OUT")"
done
# New cases by source in both years = the KPI's new_cases.source.* (the parts with any).
run_ok report kpi --period 2026 --compare year -o json
expect_eq "new cases by source as drawn = the KPI's figures" \
  "$(check_charts "$dashboard" --values 'Новые случаи по источникам' | awk '{ print $3 }' | paste -sd' ')" \
  "$(jq -r '[.[] | select(.figure | startswith("new_cases.source.")) | select(.value + .previous > 0)] | map(.value) + map(.previous) | map(tostring) | join(" ")' "$OUT")"
expect_eq "the year-on-year panels: families, new cases, children placed, rights-violation reports" \
  "$(check_charts "$dashboard" --values 'Изменение за год' | awk '{ print $3 }' | paste -sd' ')" \
  "$(jq -r '[.[] | select(.figure == "families" or .figure == "new_cases" or .figure == "event.child-placed-in-care" or .figure == "event.rights-violation-report") | .previous, .value] | map(tostring) | join(" ")' "$OUT")"
run_ok report caseload --period 2026 --by district -o json
expect_eq "districts side by side: families, new cases, closed = report caseload --by district" \
  "$(check_charts "$dashboard" --values 'Семьи, новые и закрытые случаи' | awk '{ print $3 }' | paste -sd' ')" \
  "$(jq -r '[.[] | .families, .opened, .closed] | map(tostring) | join(" ")' "$OUT")"
expect_true "the numbers are text too (a table of the months)" grep -q '<h2>По месяцам</h2>' "$dashboard"
expect_eq "no script and no external assets" \
  "$(sed 's#xmlns="http://www.w3.org/2000/svg"##g' "$dashboard" | grep -cE '<script|https?:|src=|<link|@import')" 0
expect_true "dates as a Russian reader writes them" grep -qF '01.01.2026 — 31.12.2026, в сравнении с: 2025 год' "$dashboard"

# --- -o html: the pages of caseload, outcomes, services --------------------------------------------
run_ok report caseload --period 2026 --by month -o html
cp "$OUT" "$TEST_DIR/caseload.html"
expect_stdout_contains '<title>Семьи на сопровождении и консультации: 2026 год</title>'
expect_eq "caseload by month: a column per month and figure" "$(check_charts "$TEST_DIR/caseload.html")" \
  "$(printf 'Семьи, новые и закрытые случаи\t36')"
run_ok report outcomes --period 2026 -o html
cp "$OUT" "$TEST_DIR/outcomes.html"
run_ok report outcomes --period 2026 -o json
expect_eq "closures by outcome as drawn = report outcomes" \
  "$(check_charts "$TEST_DIR/outcomes.html" --values 'Закрытые случаи по итогам' | awk '{ print $3 }' | paste -sd' ')" \
  "$(jq -r '[.[] | select(.figure | startswith("outcome.")) | select(.cases > 0) | .cases] | map(tostring) | join(" ")' "$OUT")"
run_ok report services --period 2026-11 -o html --lang en
cp "$OUT" "$TEST_DIR/services.html"
expect_stdout_contains '<html lang="en">'
expect_true "services: due against delivered" check_charts "$TEST_DIR/services.html"
run_ok report kpi --period 2026-11 --template kpi.html
cp "$OUT" "$TEST_DIR/kpi.html"
run_ok report kpi --period 2026-11 -o html
expect_eq "-o html of kpi is its page, kpi.html" "$(cat "$OUT")" "$(cat "$TEST_DIR/kpi.html")"

expect_refused 2 "-o html of a command without a page" list -o html
expect_stderr_contains "-o html is the page of a report (report kpi, caseload, outcomes, services)"
expect_refused 2 "-o html of report overdue (a state of today, no page)" report overdue -o html
expect_refused 2 "-o html with --template" report kpi --period 2026 -o html --template kpi

# --- a real browser: PNG and PDF --------------------------------------------------------------------
if engine_is sqlite; then
  browse() { # browse OUTPUT-FLAG PAGE: chromium headless, its profile in the test's directory
    timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-pdf-header-footer \
      --user-data-dir="$TEST_DIR/chromium" --window-size=800,1130 "$1" "file://$2" >"$TEST_DIR/chromium.log" 2>&1
  }
  browse --screenshot="$TEST_DIR/dashboard.png" "$dashboard"
  expect_true "chromium drew the dashboard" test -s "$TEST_DIR/dashboard.png"
  expect_eq "a PNG of the window's size" "$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print(d[:8]==b"\x89PNG\r\n\x1a\n", *struct.unpack(">II", d[16:24]))' "$TEST_DIR/dashboard.png")" \
    "True 800 1130"
  browse --print-to-pdf="$TEST_DIR/dashboard.pdf" "$dashboard"
  expect_eq "the dashboard prints on 4 A4 pages" "$(pdfinfo "$TEST_DIR/dashboard.pdf" | awk '/^Pages:/ { print $2 }')" 4
  expect_true "A4 portrait" grep -q '^Page size: *59[45].* x 841.* pts (A4)' <(pdfinfo "$TEST_DIR/dashboard.pdf")
  expect_true "the PDF has the text, not only pictures" grep -q 'Семей на сопровождении' <(pdftotext "$TEST_DIR/dashboard.pdf" -)
  browse --print-to-pdf="$TEST_DIR/kpi.pdf" "$TEST_DIR/kpi.html"
  expect_eq "the month's KPI page prints on 3 A4 pages" "$(pdfinfo "$TEST_DIR/kpi.pdf" | awk '/^Pages:/ { print $2 }')" 3
fi

finish
