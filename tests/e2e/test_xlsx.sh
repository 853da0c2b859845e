#!/usr/bin/env bash
# -o xlsx: an Excel workbook read back with openpyxl holds the cells of -o table (list, due, a report,
# show's card), typed (dates, date-times, numbers, text never a formula); refused on a terminal;
# nothing on stdout when the workbook cannot be written.
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# Debian's python3-openpyxl is for Debian's python3, which another python3 first on PATH may hide.
PY=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import openpyxl' 2>/dev/null; then
    PY=$candidate
    break
  fi
done
if [ -z "$PY" ]; then
  echo "python3-openpyxl is missing: run scripts/setup" >&2
  exit 1
fi

# xlsx_tool COMMAND WORKBOOK [ARG]: what openpyxl reads in the workbook's one sheet.
#   table      its cells laid out as casectl's table lays them out (display widths, two spaces)
#   card       its field/value rows laid out as casectl's card
#   types      one line per row: each cell's type (s text, n number, d date, t date-time, - empty)
#   cell REF   one cell: its value's Python type and value
#   layout     sheet count and name, frozen pane, autofilter range, rows and columns
#   formulas   how many cells hold a formula (openpyxl's data type "f")
#   width COL  the width of column COL
cat >"$TEST_DIR/xlsx_tool.py" <<'PY'
import datetime, sys, unicodedata
import openpyxl

def width(text):
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w

def shown(cell):
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M" if "hh" in cell.number_format else "%Y-%m-%d")
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)

def kind(cell):
    v = cell.value
    if v is None:
        return "-"
    if isinstance(v, datetime.datetime):
        return "t" if "hh" in cell.number_format else "d"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return "n"
    return "s" if cell.data_type == "s" else cell.data_type

def lines(rows, pad_all):
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    out = []
    for r in rows:
        parts = [c + " " * (widths[i] - width(c)) if (pad_all or i + 1 < len(r)) else c for i, c in enumerate(r)]
        out.append("  ".join(parts).rstrip())
    return out

command, path = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(path)
sheet = book.worksheets[0]
rows = [[shown(c) for c in row] for row in sheet.iter_rows()]
if command == "table":
    print("\n".join(lines(rows, False)))
elif command == "card":
    body = rows[1:]  # the header row: field, value
    keys = max(width(r[0]) for r in body)
    for field, value in body:
        print((field + " " * (keys - width(field)) + "  " + value).rstrip())
elif command == "types":
    for row in sheet.iter_rows():
        print(" ".join(kind(c) for c in row))
elif command == "cell":
    v = sheet[sys.argv[3]].value
    print(type(v).__name__, v)
elif command == "layout":
    print(len(book.worksheets), sheet.title, sheet.freeze_panes, sheet.auto_filter.ref, sheet.max_row, sheet.max_column)
elif command == "formulas":
    print(sum(1 for row in sheet.iter_rows() for c in row if c.data_type == "f"))
elif command == "width":
    print(sheet.column_dimensions[sys.argv[3]].width)
PY
xlsx() { "$PY" "$TEST_DIR/xlsx_tool.py" "$@"; }

# same_as_table WHAT ARGS...: `casectl ARGS -o xlsx` holds exactly the cells of `casectl ARGS -o table`.
same_as_table() {
  local what=$1
  shift
  run "$@" -o table
  expect_code 0
  cp "$OUT" "$TEST_DIR/table.txt"
  run "$@" -o xlsx
  expect_code 0
  expect_stderr_empty
  cp "$OUT" "$TEST_DIR/$what.xlsx"
  expect_eq "$what: the workbook's cells are the table's" "$(xlsx table "$TEST_DIR/$what.xlsx")" "$(cat "$TEST_DIR/table.txt")"
}

new_case formula --name '=1+1' --phone '+7 701 000 00 00' --district almaly --group large-family --group low-income \
  --member 'Ерлан Ахметов;отец;1980-01-01' --member 'Айгуль Ахметова;мать;1984-05-02' --note '@SUM(A1)'
new_case late --name 'Семья Омаровых' --district turksib --urgency emergency --opened 2026-11-15
new_case plain --name 'Семья Ли' --district turksib --opened 2026-11-19 --kind family
expect_eq "the data set" "$formula $late $plain" "2026-00001 2026-00002 2026-00003"

# --- list: the same cells, typed --------------------------------------------------------------------
same_as_table list list
xlsx layout "$TEST_DIR/list.xlsx" >"$TEST_DIR/layout"
expect_eq "one sheet, the header row frozen, an autofilter over the table" "$(cat "$TEST_DIR/layout")" \
  "1 casectl A2 A1:J4 4 10"
expect_eq "list: every cell typed (date opened, number of members, text else)" "$(xlsx types "$TEST_DIR/list.xlsx")" \
  "$(printf '%s\n' 's s s s s s s s s s' 's s s s s s d - s n' 's s s s s s d - - n' 's s s s s s d - - n')"
expect_eq "a formula-looking name is text" "$(xlsx cell "$TEST_DIR/list.xlsx" E2)" "str =1+1"
expect_eq "the opening date is a date" "$(xlsx cell "$TEST_DIR/list.xlsx" G2)" "datetime 2026-11-20 00:00:00"
expect_eq "the member count is a number" "$(xlsx cell "$TEST_DIR/list.xlsx" J2)" "int 2"
expect_eq "groups joined as the table joins them, by their labels" "$(xlsx cell "$TEST_DIR/list.xlsx" I2)" "str Многодетная семья;Малообеспеченная семья"
expect_eq "no cell is a formula" "$(xlsx formulas "$TEST_DIR/list.xlsx")" 0
mkdir -p "$TEST_DIR/unzipped"
(cd "$TEST_DIR/unzipped" && "$PY" -m zipfile -e "$TEST_DIR/list.xlsx" .)
expect_true "the sheet's XML has no formula element" test "$(grep -c '<f>' "$TEST_DIR/unzipped/xl/worksheets/sheet1.xml")" -eq 0
expect_true "the sheet's XML holds the name as text" grep -q '>=1+1<' "$TEST_DIR/unzipped/xl/worksheets/sheet1.xml"
name_width=$(xlsx width "$TEST_DIR/list.xlsx" E)
expect_true "the name column is fitted to 'Семья Омаровых' (14 characters), not Excel's default ($name_width)" \
  python3 -c "import sys; sys.exit(0 if 14 <= float('$name_width') <= 20 else 1)"

run list -o xlsx --no-headers
expect_code 0
cp "$OUT" "$TEST_DIR/noheaders.xlsx"
expect_eq "--no-headers: the first row is a case, nothing frozen" "$(xlsx layout "$TEST_DIR/noheaders.xlsx")" \
  "1 casectl None None 3 10"

# --- an empty listing: the header only ------------------------------------------------------------
same_as_table empty list --status closed
expect_eq "an empty listing: a workbook with only the header row" "$(xlsx layout "$TEST_DIR/empty.xlsx")" \
  "1 casectl A2 A1:J1 1 10"

# --- due: a UTC moment as the local date-time the table shows ---------------------------------------
same_as_table due due
expect_true "due lists the late first response" grep -q "$late" "$TEST_DIR/table.txt"
expect_true "due: the first response's moment is a date-time cell" grep -q ' t ' <(xlsx types "$TEST_DIR/due.xlsx" | sed 's/$/ /')
TZ=Asia/Almaty same_as_table due-almaty due
expect_true "in Almaty (UTC+5) the moment shows at 05:00 in the table" grep -q '2026-11-16 05:00' "$TEST_DIR/table.txt"

# --- a report: numbers as numbers ---------------------------------------------------------------------
same_as_table caseload report caseload --period 2026 --by district
expect_true "report caseload: numbers are number cells" grep -q 'n' <(xlsx types "$TEST_DIR/caseload.xlsx" | sed 1d)
expect_eq "report caseload: no text cell holds a bare number" \
  "$("$PY" -c '
import openpyxl, sys
sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(sum(1 for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and c.value.isdigit()))' \
    "$TEST_DIR/caseload.xlsx")" 0
same_as_table kpi report kpi --period 2026-11

# --- show: the card as field and value rows -----------------------------------------------------------
run show "$formula" -o table
expect_code 0
cp "$OUT" "$TEST_DIR/card.txt"
run show "$formula" -o xlsx
expect_code 0
cp "$OUT" "$TEST_DIR/card.xlsx"
expect_eq "show -o xlsx: the card's lines as field/value rows" "$(xlsx card "$TEST_DIR/card.xlsx")" "$(cat "$TEST_DIR/card.txt")"
expect_eq "show: the header row" "$(xlsx cell "$TEST_DIR/card.xlsx" A1) $(xlsx cell "$TEST_DIR/card.xlsx" B1)" "str field str value"
expect_eq "show: the phone is text, its + kept" \
  "$("$PY" -c '
import openpyxl, sys
sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
cells = {r[0].value: r[1] for r in sheet.iter_rows(min_row=2)}
print(cells["Телефон"].data_type, cells["Телефон"].value, "|", cells["Примечание"].data_type, cells["Примечание"].value, "|", type(cells["Открыт"].value).__name__)' \
    "$TEST_DIR/card.xlsx")" "s +7 701 000 00 00 | s @SUM(A1) | datetime"
expect_eq "show: no cell is a formula" "$(xlsx formulas "$TEST_DIR/card.xlsx")" 0

# --- where it goes: never a terminal; nothing half-written ---------------------------------------------
if script -qec true /dev/null >/dev/null 2>&1; then
  script -qec "$(printf '%q ' "$CASECTL" list -o xlsx)" /dev/null </dev/null >"$TEST_DIR/tty" 2>&1
  tty_code=$?
  expect_eq "on a terminal -o xlsx exits 2" "$tty_code" 2
  expect_true "on a terminal: told to redirect to a file" \
    grep -q 'casectl: error: .*-o xlsx writes an Excel workbook, which a terminal cannot show; redirect it to a file' "$TEST_DIR/tty"
  expect_true "on a terminal: no workbook bytes" test "$(grep -c 'PK' "$TEST_DIR/tty")" -eq 0
  script -qec "$(printf '%q ' "$CASECTL" edit "$plain" --address 'ул. Абая, 1' -o xlsx)" /dev/null </dev/null >"$TEST_DIR/tty" 2>&1
  expect_eq "on a terminal, a command that writes is refused before it changes anything" \
    "$(jq -r .address <("$CASECTL" show "$plain" -o json))" null
else
  fail "script(1) cannot make a pseudo-terminal here; the terminal refusal is untested"
fi

TMPDIR=$TEST_DIR/no-such-folder run list -o xlsx
expect_code 1
expect_stdout ''
expect_stderr_contains "casectl: error: -o xlsx: cannot make a temporary file in $TEST_DIR/no-such-folder"
mkdir "$TEST_DIR/private-tmp"
TMPDIR=$TEST_DIR/private-tmp run list -o xlsx
expect_code 0
expect_eq "the temporary workbook is removed" "$(ls -A "$TEST_DIR/private-tmp")" ""
TMPDIR=$TEST_DIR/private-tmp "$CASECTL" list -o xlsx 2>"$TEST_DIR/pipe-err" | head -c 2 >"$TEST_DIR/pipe-out"
expect_eq "a workbook is a ZIP file: it starts with PK" "$(cat "$TEST_DIR/pipe-out")" PK
expect_eq "a reader that goes away: the temporary workbook is removed too" "$(ls -A "$TEST_DIR/private-tmp")" ""

run list -o xlsx --template case
expect_code 2
expect_stdout ''
run list -o xlsz
expect_code 2
expect_stderr_contains "unknown output format 'xlsz' (did you mean 'xlsx'?)"

finish
