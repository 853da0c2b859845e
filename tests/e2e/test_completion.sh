#!/usr/bin/env bash
# Shell completion (casectl completion bash|zsh|fish, driven through bash's own completion
# machinery and fish's `complete -C`) and the manual pages (casectl __man DIR, read with man -l).
# shellcheck source=lib.sh disable=SC2154 # (case ids are set by new_case)
source "$(dirname "$0")/lib.sh"

# The scripts call `casectl` by the name typed on the line, as a user's shell would.
BIN_DIR=$TEST_DIR/bin
mkdir -p "$BIN_DIR"
ln -s "$CASECTL" "$BIN_DIR/casectl"

run completion bash
expect_code 0
cp "$OUT" "$TEST_DIR/casectl.bash"

# The words bash hands a completion function for LINE (COMP_WORDS, one a line): split at unquoted
# blanks, and at the COMP_WORDBREAKS characters '=' and ':', which are words of their own; quotes
# and backslashes are kept, as bash keeps them; a line ending in a blank ends in an empty word.
comp_words() {
  python3 - "$1" <<'PY'
import sys
line, words, word, quote, escaped = sys.argv[1], [], "", None, False
for ch in line:
    if escaped: word += ch; escaped = False; continue
    if ch == "\\" and quote != "'": word += ch; escaped = True; continue
    if quote:
        word += ch
        if ch == quote: quote = None
        continue
    if ch in "'\"": word += ch; quote = ch; continue
    if ch in " \t":
        if word: words.append(word); word = ""
        continue
    if ch in "=:":
        if word and word[-1] not in "=:": words.append(word); word = ""
        word += ch; continue
    if word and word[-1] in "=:": words.append(word); word = ""
    word += ch
words.append(word)
sys.stdout.write("".join(w + "\0" for w in words))
PY
}

# Completes LINE (the cursor at its end) in a bash that loaded the script, as Tab would: the
# function `complete -p casectl` names is called with COMP_LINE, COMP_POINT, COMP_WORDS and
# COMP_CWORD set as bash sets them. Prints the candidates one a line, then "nospace" when bash was
# told to add no space after the word.
bash_complete() {
  comp_words "$1" > "$TEST_DIR/comp_words"
  PATH="$BIN_DIR:$PATH" bash --norc --noprofile -c '
    source "$1"
    spec=$(complete -p casectl) || exit 9
    function=${spec##*-F }; function=${function%% *}
    compopt() { [ "$1 $2" = "-o nospace" ] && echo nospace >&3; }
    COMP_LINE=$2 COMP_POINT=${#2}
    mapfile -d "" -t COMP_WORDS < "$4"
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    "$function" 3>"$3.opt"
    printf "%s\n" "${COMPREPLY[@]}"
    cat "$3.opt"' _ "$TEST_DIR/casectl.bash" "$1" "$TEST_DIR/compopt" "$TEST_DIR/comp_words"
}

# expect_completion LINE EXPECTED: the candidates of LINE, one a line, are exactly EXPECTED.
expect_completion() {
  expect_eq "Tab after '$1'" "$(bash_complete "$1" 2>&1)" "$2"
}

# --- the script itself ---------------------------------------------------------------------------
expect_true "the bash script registers casectl with its function and file names as fallback" \
  grep -qx 'complete -o default -F _casectl casectl' "$TEST_DIR/casectl.bash"
run completion ksh
expect_code 2
expect_stderr_contains "completion: 'ksh' is not bash, zsh or fish"
run completion
expect_code 2

# --- commands, subcommands, options --------------------------------------------------------------
expect_completion "casectl sh" "show"
expect_completion "casectl re" $'review\nreport\nreassign'
expect_completion "casectl staff " $'list\nadd\nset\nremove'
expect_completion "casectl list --li" "--limit"
expect_completion "casectl --no-c" "--no-color"
expect_completion "casectl plan tasks --pr" "--priority"
expect_completion "casectl help ex" $'exit-codes\nexport'
expect_completion "casectl report " $'kpi\ncaseload\noutcomes\noverdue\nservices\ncases'

# --- values of options ---------------------------------------------------------------------------
expect_completion "casectl list --status " $'intake\nassessment\nactive\nclosed\nconsultation'
expect_completion "casectl list --status=a" $'assessment\nactive'
expect_completion "casectl review 2026-00001 --status d" "done"
expect_completion "casectl list -o " $'table\ntsv\ncsv\njson\nndjson\nxlsx'
expect_completion "casectl report caseload -o h" "html"
expect_completion "casectl report overdue -o " $'table\ntsv\ncsv\njson\nndjson\nxlsx'
expect_completion "casectl list --output=js" "json"
expect_completion "casectl report caseload --by m" $'manager\nmonth'
expect_completion "casectl report overdue --by a" "agency"
expect_completion "casectl intake --urgency e" "emergency"
expect_completion "casectl intake --on-duplicate " $'fail\nskip\nlink\nallow'
expect_completion "casectl review 2026-00001 --outcome g" "goals-achieved"
expect_completion "casectl list --template " "$("$CASECTL" help templates | sed -n '/^Templates here (built-in): /,/^$/p' | sed 's/^Templates here (built-in): //' | tr -d ',' | tr -s ' \n' '\n\n' | sed '/^$/d')"

# The config's codes, and staff from the config and the store.
cat > casectl.toml <<'EOF'
[districts]
auezov = "Ауэзовский"
almaly = "Алмалинский"
[groups]
refugee-family = "Семья беженцев"
[staff.aseitova]
name = "Асеитова Гульнар"
capacity = 25
EOF
run_ok init
run_ok staff add kim --name "Ким Виктория" --role psychologist
expect_completion "casectl list --district a" $'auezov\nalmaly'
expect_completion "casectl intake --group refugee-" "refugee-family"
expect_completion "casectl assign 2026-00001 --manager " $'aseitova\nkim'
expect_completion "casectl assign 2026-00001 --team k" $'kim:\nnospace'
expect_completion "casectl assign 2026-00001 --team=a" $'aseitova:\nnospace'
expect_completion "casectl assess 2026-00001 --domain hou" $'housing=\nnospace'
expect_completion "casectl staff set " $'aseitova\nkim'

# --- case ids: the highest first, at most 40 -----------------------------------------------------
{
  echo "name,district,opened"
  for i in $(seq 1 45); do echo "Семья $i,auezov,2026-0$((i % 9 + 1))-01"; done
} > cases.csv
run_ok intake --from cases.csv --on-duplicate allow
expect_completion "casectl show 2026-0004" $'2026-00045\n2026-00044\n2026-00043\n2026-00042\n2026-00041\n2026-00040'
expect_eq "a bare Tab after show offers the 40 highest ids" \
  "$(bash_complete "casectl show " | head -1) $(bash_complete "casectl show " | wc -l)" "2026-00045 40"
expect_completion "casectl plan 2026-00003 add-t" "add-task"

# --- quoting, --db=PATH, attached and listed values ----------------------------------------------
mkdir -p "$TEST_DIR/store with space"
CASECTL_DB="$TEST_DIR/store with space/cases.db" "$CASECTL" init 2>/dev/null
CASECTL_DB="$TEST_DIR/store with space/cases.db" "$CASECTL" intake --name "Одна семья" >/dev/null
expect_completion "casectl --db '$TEST_DIR/store with space/cases.db' show 2026-" "2026-00001"
expect_completion "casectl --db ${TEST_DIR// /\\ }/store\\ with\\ space/cases.db show 2026-" "2026-00001"
expect_completion "casectl --db=$TEST_DIR/store\\ with\\ space/cases.db show 2026-" "2026-00001"
expect_completion "casectl find 'Семья 1' --o" $'--open\n--output'
expect_completion "casectl list -ojs" "-ojson"
expect_completion "casectl list --status active,c" $'active,closed\nactive,consultation'
expect_completion "casectl list --sort -ur" "-urgency"
expect_completion "casectl caseload --sort lo" $'login\nload_percent'
expect_completion "casectl staff list --sort " ""
CASECTL_CONFIG=$TEST_DIR/missing.toml expect_completion "casectl show 2026-0004" $'2026-00045\n2026-00044\n2026-00043\n2026-00042\n2026-00041\n2026-00040'
expect_completion "casectl log 2027-" ""

# --- nothing to say is no candidate and no noise -------------------------------------------------
expect_completion "casectl intake --from " ""
CASECTL_CONFIG=$TEST_DIR/missing.toml expect_completion "casectl list --district " ""
expect_eq "a broken config still completes commands, silently" \
  "$(CASECTL_CONFIG=$TEST_DIR/missing.toml bash_complete "casectl lis" 2>&1)" "list"
expect_eq "no store: no case ids, no error" "$(CASECTL_DB=$TEST_DIR/none.db bash_complete "casectl show 2" 2>&1)" ""
expect_true "a Tab creates no store" test ! -e "$TEST_DIR/none.db"

# --- zsh and fish --------------------------------------------------------------------------------
run completion zsh
expect_code 0
cp "$OUT" "$TEST_DIR/_casectl"
expect_true "zsh reads the zsh script (zsh -n)" zsh -n "$TEST_DIR/_casectl"
expect_true "the zsh script is an autoloadable #compdef file" grep -qx '#compdef casectl' "$TEST_DIR/_casectl"
run completion fish
expect_code 0
cp "$OUT" "$TEST_DIR/casectl.fish"
expect_true "fish reads the fish script (fish -n)" fish -n "$TEST_DIR/casectl.fish"
fish_complete() {
  PATH="$BIN_DIR:$PATH" fish --no-config -c "source $TEST_DIR/casectl.fish; complete -C '$1'"
}
expect_eq "fish completes commands with their descriptions" "$(fish_complete "casectl sho")" \
  $'show\tShow everything about one case'
expect_eq "fish completes values" "$(fish_complete "casectl list --status ac")" "active"

# --- manual pages --------------------------------------------------------------------------------
run __man "$TEST_DIR/man"
expect_code 0
pages=$(cd "$TEST_DIR/man" && ls)
expect_true "a page per command" test "$(echo "$pages" | wc -l)" -eq "$(("$("$CASECTL" __complete -- "" | wc -l)" + 1))"
man_text() { MANWIDTH=200 man -l "$TEST_DIR/man/$1" 2>/dev/null | col -b; }
intake_page=$(man_text casectl-intake.1)
missing=""
for option in $("$CASECTL" intake --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
  [ "$option" = "--help" ] && continue
  grep -qF -- "$option" <<< "$intake_page" || missing+=" $option"
done
expect_eq "casectl-intake(1) describes every option of intake --help" "$missing" ""
expect_true "casectl-intake(1) ends with the examples of --help" grep -qF 'casectl intake --from hotline.csv' <<< "$intake_page"
expect_true "intake --help keeps its own footer before the examples" grep -qF 'Prints the new case id' <<< "$("$CASECTL" intake --help)"
expect_true "casectl-intake(1) has that footer too" grep -qF 'Prints the new case id' <<< "$intake_page"
expect_true "intake --help ends with the same examples" grep -qF 'casectl intake --from hotline.csv' <<< "$("$CASECTL" intake --help)"
main_page=$(man_text casectl.1)
expect_true "casectl(1) has the exit codes of 'help exit-codes'" grep -qF '75  the store is busy' <<< "$main_page"
expect_true "casectl(1) has the environment of 'help environment'" grep -qF 'CASECTL_BUSY_TIMEOUT' <<< "$main_page"
expect_true "casectl(1) lists casectl-plan(1)" grep -qF 'casectl-plan(1)' <<< "$main_page"
plan_page=$(man_text casectl-plan.1)
expect_true "casectl-plan(1) covers plan's own commands" grep -qF 'plan approve' <<< "$plan_page"
expect_eq "man reads the pages without a warning" "$(cd "$TEST_DIR/man" && for p in *.1; do
  MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$p" 2>&1 >/dev/null
done)" ""

finish
