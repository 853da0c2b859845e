#!/usr/bin/env bash
# The docs checked against the binary: every casectl command line that README.md and docs/*.md
# show in a ```sh, ```bash or ```console block runs, against a store built for it, and must exit
# 0, or the code the EXPECT list below gives it with its reason. Exit 2 (a usage error: a command
# or option that no longer exists, a value the parser refuses) is never accepted unless listed.
#
# What counts as a command line: in a block, a line starting with `casectl ` (after indentation),
# or with `VAR=$(casectl `; in a block that shows a terminal (some line starts with `$ `), only
# the `$ ` lines, the rest being output. A command goes on over the next lines of its block until
# bash can parse it (`\` line ends, open quotes, a pipe at the end of a line, `while ...; do`);
# lines it swallows are not commands of their own. The whole text runs in bash, as a reader would
# paste it, with `casectl` a function that runs the binary and records each call's exit code and
# stderr, so that a pipeline's other end (jq, mail) does not decide the outcome.
#
# Where each command runs: a "scene", chosen by the file and the section (heading) it is in.
# Each scene has its own store and working directory, built once, then kept while the scene's
# commands run in document order (so a doc's example that builds on the one before works):
#   readme       README.md: a new store, no config: its walkthrough starts with `casectl init`
#   demo         assign.md, scripting.md, ..., the user guide's "Setting up": the demo's store
#                (examples/demo.sh), put back as the demo left it for each file
#   guide        the rest of the user guide: the example config, and the cases its examples name
#                (2026-00001, 00005, 00017, 00031, 00032) set up as those examples need them
#   bulk         the user guide's bulk intake: a new store and the CSV file the section shows
#   ust, sarmanovo, coordinator: the user guide's three field practices, each on a new store with
#                the config its section describes
# Today is the docs' own, 20 November 2026 (CASECTL_TODAY), but in the demo scene: there it is the
# real date, as for the demo that wrote the store. Variables the docs use ($id, $region, $agency,
# $name, $ext) are set to real values of the scene.
#
# Three short lists below, each entry with its reason, matched by file and the start of the
# command's first line (an entry that matches no command fails the suite, so none goes stale):
#   SKIP     lines that cannot run here (a placeholder server)
#   REWRITE  text replaced before running (paths outside the test's directory)
#   EXPECT   the exit codes a line may have instead of 0, per engine where they differ
# Nothing may write outside the test's directory: a command naming an absolute path that no
# REWRITE entry handles (but a shell redirection to or from /dev/null) fails without being run.
#
#   bash tests/e2e/test_docs_commands.sh build/casectl .
# shellcheck source=lib.sh disable=SC2016,SC2034,SC2317 # doc text in single quotes; lists read by name; functions called by name or from bash -c
source "$(dirname "$0")/lib.sh"

# --- the lists ------------------------------------------------------------------------------------
# FILE|START OF THE COMMAND'S FIRST LINE|REASON
SKIP=(
  'README.md|casectl store copy --to postgresql://casectl@db/cases|a placeholder server (db); store copy is test_store_copy.sh'
  'docs/user-guide.md|casectl store copy --from ~/.local/share/casectl/cases.db --to postgresql://casectl@db.region.kz/cases|a placeholder server (db.region.kz)'
  'docs/user-guide.md|casectl store copy --from postgresql://casectl@db.region.kz/cases|a placeholder server (db.region.kz)'
)

# FILE|TEXT|REPLACEMENT|REASON
REWRITE=(
  'README.md|/srv/backup/|backup/|a directory of the test instead of the server'"'"'s /srv'
  'docs/user-guide.md|/srv/backup/cases-before-migration.db|backup/cases-before-migration.db|a directory of the test instead of the server'"'"'s /srv'
  'docs/scripting.md|/var/log/casectl/assigned.ndjson|assigned.ndjson|a file of the test instead of the system'"'"'s /var/log'
  # --errors once renamed a temporary file over FILE, which replaced /dev/null with a regular file
  # when run as root. It now writes a device or pipe directly (test_bulk_intake.sh checks it with a
  # pipe); this suite still never hands a device to casectl, so that a regression cannot break the
  # machine it runs on.
  'docs/user-guide.md|--errors /dev/null|--errors set-aside-again.csv|a device is never written by this suite, whatever casectl does with it'
)

# FILE|START OF THE COMMAND'S FIRST LINE|CODES|REASON
# CODES: the exit codes allowed, space-separated; ENGINE=CODE for a code on one engine only.
EXPECT=(
  'docs/user-guide.md|casectl init --district-roles|sqlite=2 postgresql=0|roles need PostgreSQL: on a SQLite file the option is refused as a usage error, as the section says'
  'docs/user-guide.md|casectl intake --from intake-2026-11.csv --dry-run|65|the section'"'"'s file has two bad records on purpose: all or nothing, exit 65 (shown)'
  'docs/user-guide.md|casectl plan 2026-00001 add-task --goal 1 --what '"'"'Справка'"'"'|4|the Dates section'"'"'s example of --due; the plan of 2026-00001 was approved in the plan section above it, and is locked'
  'docs/user-guide.md|casectl review 2026-00032 --reopen --on 2026-11-18|4|the same reopening as the line before it, with --on: the case is open again by then'
)

# --- finding the commands -------------------------------------------------------------------------
# extract_commands FILE...: fills CMD_FILE, CMD_LINE (of the first line), CMD_SECTION (the heading
# above it) and CMD_TEXT (the command, over several lines when it goes on), in document order.
CMD_FILE=() CMD_LINE=() CMD_SECTION=() CMD_TEXT=()
extract_commands() {
  local file lines n i j start fence block_end console text section
  for file in "$@"; do
    mapfile -t lines <"$file"
    n=${#lines[@]} i=0 section=
    while ((i < n)); do
      if [[ ${lines[i]} =~ ^#+\ (.*)$ ]]; then section=${BASH_REMATCH[1]}; fi
      if [[ ! ${lines[i]} =~ ^\`\`\`(.*)$ ]]; then ((i++)); continue; fi
      fence=${BASH_REMATCH[1]}
      block_end=$((i + 1))
      while ((block_end < n)) && [[ ${lines[block_end]} != '```' ]]; do ((block_end++)); done
      if [[ $fence =~ ^(sh|bash|console)$ ]]; then
        console=0
        for ((j = i + 1; j < block_end; j++)); do [[ ${lines[j]} == '$ '* ]] && console=1; done
        for ((j = i + 1; j < block_end; j++)); do
          text=${lines[j]}
          if ((console)); then
            [[ $text == '$ '* ]] || continue
            text=${text#'$ '}
          fi
          text=${text#"${text%%[![:space:]]*}"}
          [[ $text =~ ^(casectl\ |[A-Za-z_][A-Za-z0-9_]*=\$\(casectl\ ) ]] || continue
          start=$j
          while { [[ $text == *\\ ]] || ! bash -n <<<"$text" 2>/dev/null; } && ((j + 1 < block_end)); do
            ((j++))
            text+=$'\n'${lines[j]}
          done
          CMD_FILE+=("$file") CMD_LINE+=($((start + 1))) CMD_SECTION+=("$section") CMD_TEXT+=("$text")
        done
      fi
      i=$((block_end + 1))
    done
  done
}

# list_entry LIST_NAME FILE TEXT: sets ENTRY to the index of the entry of the list that matches
# the command, or to nothing; marks the entry as used.
declare -A USED=()
list_entry() {
  local -n list=$1
  local k entry rest prefix first=${3%%$'\n'*}
  ENTRY=
  for k in "${!list[@]}"; do
    entry=${list[k]}
    [ "${entry%%|*}" = "$2" ] || continue
    rest=${entry#*|}
    prefix=${rest%%|*}
    if [ "$1" = REWRITE ]; then
      [[ $3 == *"$prefix"* ]] || continue
    else
      [[ $first == "$prefix"* ]] || continue
    fi
    USED[$1.$k]=1
    ENTRY=$k
    return
  done
}

# --- running them ---------------------------------------------------------------------------------
# casectl, for the docs' command lines: runs the binary, records "CODE<TAB>STDERR-FILE<TAB>ARGS"
# in $DOC_CALLS, then passes its stdout and stderr on (after it ends, so that a pipe closed early
# cannot change its exit code).
casectl() {
  local out=$DOC_TMP/$BASHPID.$RANDOM.out err=$DOC_TMP/$BASHPID.$RANDOM.err code
  "$CASECTL" "$@" >"$out" 2>"$err"
  code=$?
  printf '%s\t%s\t%s\n' "$code" "$err" "$*" >>"$DOC_CALLS"
  [ -s "$out" ] && cat "$out"
  [ -s "$err" ] && cat "$err" >&2
  return "$code"
}
mail() { cat >/dev/null; } # scripting.md mails a report; nothing leaves the machine
export -f casectl mail
export CASECTL DOC_TMP=$TEST_DIR/doc-calls DOC_CALLS=$TEST_DIR/doc-calls.tsv
mkdir -p "$DOC_TMP"

# --- the scenes -----------------------------------------------------------------------------------
# scene_for FILE SECTION: sets SCENE_FOR to the scene a command runs in.
scene_for() {
  case $1 in
    README.md) SCENE_FOR=readme ;;
    docs/user-guide.md)
      case $2 in
        'Setting up' | 'One store for a region: PostgreSQL' | 'Moving a store: '* | 'Merging district offices'* | 'Who acts: '*) SCENE_FOR=demo ;;
        'Bulk intake'*) SCENE_FOR=bulk ;;
        'The Ust-Kamenogorsk model'*) SCENE_FOR=ust ;;
        'The Sarmanovo model'*) SCENE_FOR=sarmanovo ;;
        'The coordinator model'*) SCENE_FOR=coordinator ;;
        *) SCENE_FOR=guide ;;
      esac
      ;;
    *) SCENE_FOR=demo ;;
  esac
}

# The demo's store, once; put back for each file that uses it.
demo_store
save_store demo
DEMO_DB=$CASECTL_DB
EXAMPLE_CONFIG=$SOURCE_ROOT/examples/casectl.toml

declare -A SCENE_DB=() SCENE_DIR=() SCENE_CONFIG=() SCENE_TODAY=()
SCENE='' SCENE_FILE=''

# enter_scene NAME FILE: points CASECTL_DB, CASECTL_CONFIG, CASECTL_TODAY and the working
# directory at the scene, building it the first time (the demo scene: once per file).
enter_scene() {
  local scene=$1 file=$2
  if [ "$scene" = "$SCENE" ] && { [ "$scene" != demo ] || [ "$file" = "$SCENE_FILE" ]; }; then return; fi
  SCENE=$scene SCENE_FILE=$file
  if [ -z "${SCENE_DB[$scene]:-}" ] || [ "$scene" = demo ]; then
    SCENE_DIR[$scene]=$TEST_DIR/scene-$scene-$(basename "$file" .md)
    mkdir -p "${SCENE_DIR[$scene]}"
    SCENE_CONFIG[$scene]=$EXAMPLE_CONFIG SCENE_TODAY[$scene]=2026-11-20
    if [ "$scene" = demo ]; then
      export CASECTL_DB=$DEMO_DB
      PGOPTIONS='-c client_min_messages=warning' restore_store demo # no NOTICE per dropped table
    else
      fresh_store
    fi
    SCENE_DB[$scene]=$CASECTL_DB
    cd "${SCENE_DIR[$scene]}" || exit 1
    "build_$scene"
  fi
  export CASECTL_DB=${SCENE_DB[$scene]}
  scene_environment
  # $region is the store the examples import into: the scene's own.
  export id=2026-00001 region=$CASECTL_DB agency=school name='Семья Омаровых' ext=HL-2026-0001
  cd "${SCENE_DIR[$scene]}" || exit 1
}

# scene_environment: CASECTL_CONFIG and CASECTL_TODAY as the current scene has them (none: unset).
scene_environment() {
  if [ -n "${SCENE_CONFIG[$SCENE]}" ]; then export CASECTL_CONFIG=${SCENE_CONFIG[$SCENE]}; else unset CASECTL_CONFIG; fi
  if [ -n "${SCENE_TODAY[$SCENE]}" ]; then export CASECTL_TODAY=${SCENE_TODAY[$SCENE]}; else unset CASECTL_TODAY; fi
}

# setup ARGS...: a casectl call that builds a scene; must succeed (a check of its own).
setup() {
  scene_environment
  run "$@"
  expect_code 0
}

# A small CSV export of another system, for `intake --from export.csv`.
write_export_csv() {
  printf '%s\n' 'external_id;name;district;phone;urgency;groups' \
    'EXP-1;Семья Ивановых;almaly;+7 701 111-22-33;urgent;large-family' \
    'EXP-2;Петрова Анна Сергеевна;turksib;;routine;' >export.csv
}

build_readme() { # README's walkthrough: `casectl init` on no store, no config; $id is its intake's
  SCENE_CONFIG[readme]=
  write_export_csv
}

build_demo() { # the demo's clock: the demo runs on the real date, and its rows say so
  SCENE_TODAY[demo]=
  write_export_csv
  # scripting.md exports a district's store (almaly.db); the user guide merges auezov's export.
  setup --db almaly.db init
  setup --db almaly.db intake --name 'Семья Алмалинская' --district almaly
  setup --db auezov.db init
  setup --db auezov.db intake --name 'Семья Ауэзовская' --district auezov
  setup --db auezov.db export --journal --to auezov-2026-12.ndjson
  # The user guide's Excel section reads a hotline's export saved by Excel as Windows-1251.
  printf '%s\n' 'name;district;phone' 'Семья Ивановых;almaly;+7 701 111-22-33' |
    iconv -f UTF-8 -t CP1251 >hotline-export.csv
}

# fillers N: registers cases (in one bulk intake) until the next case id is the Nth of 2026: the
# guide names its cases by ids of a bigger store.
fillers() {
  local next=$1 have k
  scene_environment
  have=$("$CASECTL" list --no-headers -o tsv </dev/null | wc -l)
  { echo 'name;district'; for ((k = have + 1; k < next; k++)); do echo "Семья Номер-$k;auezov"; done; } >fillers.csv
  setup intake --from fillers.csv --on-duplicate allow
}

build_guide() {
  setup init
  # 2026-00001: the runaway boy's family, with its team; the guide assesses it (with the home
  # visit), plans it from the runaway-child template, approves, revises and shows it.
  setup intake --name 'Семья Тарасовых' --district almaly --opened 2026-11-02 --urgency urgent \
    --member 'Тарасова Наталья Игоревна;мать;14.02.1989' --member 'Тарасов Артём;сын;2015-03-09' \
    --member 'Климова Светлана Игоревна;тётя;1984-07-21'
  setup assign 2026-00001 --manager aseitova --team nurlanov --team kim:psychologist --team zhumabaeva
  fillers 5
  # 2026-00005: the palliative patient, assessed at home; the guide adds the goal and the service.
  setup intake --kind person --name 'Ахметов Болат Жұмаұлы' --district almaly --opened 2026-11-12 \
    --member 'Ахметов Болат Жұмаұлы;;1958-12-03' --member 'Ахметова Роза;жена;1960-03-14'
  setup assign 2026-00005 --manager aseitova --team sergeev:hospital-social-worker
  setup assess 2026-00005 --date 2026-11-13 --visit 2026-11-13 --domain health=1 --domain mobility=1
  fillers 17
  # 2026-00017: a large family of four, the aunt third; the edit section corrects it.
  setup intake --name 'Семья Веренко' --district auezov --opened 2026-10-20 --group large-family \
    --member 'Веренко Ольга;мать;1990-05-05' --member 'Веренко Анна;дочь' \
    --member 'Веренко Мария;тётя;1970-01-01' --member 'Веренко Пётр;сын;2016-04-04'
  fillers 31
  # 2026-00031: a pensioner with an approved plan: task 1 a visit five times a week, tasks 2-4.
  setup intake --kind person --name 'Кравченко Валентина Степановна' --district auezov --opened 2026-11-02
  setup assign 2026-00031 --manager aseitova --team sergeev
  setup assess 2026-00031 --date 2026-11-03 --visit 2026-11-03 --domain health=1 --domain legal=2
  setup plan 2026-00031 add-goal --start 2026-11-04 --domain health --target 3 --description 'Уход на дому'
  setup plan 2026-00031 add-task --goal 1 --offset 0 --frequency 5/week --what 'Патронаж на дому' --worker sergeev
  setup plan 2026-00031 add-task --goal 1 --offset 10 --what 'Оформить инвалидность' --agency social-protection
  setup plan 2026-00031 add-task --goal 1 --offset 10 --what 'Консультация юриста' --agency ngo
  setup plan 2026-00031 add-task --goal 1 --offset 20 --what 'Договор ренты' --agency ngo
  setup plan 2026-00031 approve --meeting 2026-11-04 --participants 'Асеитова Г.М., Сергеев И.П.'
  # 2026-00032: a boy back home, his plan's one task done: the guide closes and reopens the case.
  setup intake --name 'Семья Артёма' --district almaly --opened 2026-10-01 --member 'Артём;сын;2015-03-09'
  setup assign 2026-00032 --manager aseitova
  setup assess 2026-00032 --date 2026-10-02 --visit 2026-10-02 --domain safety=2 --domain parenting=2
  setup plan 2026-00032 add-goal --start 2026-10-03 --domain safety --target 4 --description 'Артём дома'
  setup plan 2026-00032 add-task --goal 1 --offset 10 --what 'Беседа с семьёй' --agency guardianship
  setup plan 2026-00032 approve --meeting 2026-10-03 --participants 'Асеитова Г.М.'
  setup review 2026-00032 --task 1 --status 'done' --on 2026-11-01
  # The Excel section's hotline export, saved by Excel as Windows-1251.
  printf '%s\n' 'name;district;phone' 'Семья Ивановых;almaly;+7 701 111-22-33' |
    iconv -f UTF-8 -t CP1251 >hotline-export.csv
}

build_bulk() { # the file the section shows, as Excel saved it
  setup init
  awk '/`intake-2026-11.csv`, as Excel saved it/ { want = 1; next }
       want && /^```/ { if (inside) exit; inside = 1; next }
       inside { print }' "$SOURCE_ROOT/docs/user-guide.md" >intake-2026-11.csv
  expect_true "the bulk intake section shows its CSV file" test -s intake-2026-11.csv
}

# The fixes the bulk intake section has the reader make in the errors file before running it:
# "empty the phone cell, write Многодетная семья, put the real date 20.11.2026".
fix_bulk_errors_file() {
  sed -i -e 's/;нет;Срочно;/;;Срочно;/' -e 's/;многодетные;/;Многодетная семья;/' -e 's/31\.11\.2026/20.11.2026/' \
    intake-2026-11-errors.csv
}

build_ust() { setup init; }

build_sarmanovo() { # the section's config (its ```toml block), and the staff it names
  SCENE_CONFIG[sarmanovo]=$PWD/sarmanovo.toml
  awk '/^### The Sarmanovo model/ { want = 1; next } want && /^### / { exit }
       want && /^```toml$/ { inside = 1; next } inside && /^```$/ { exit } inside { print }' \
    "$SOURCE_ROOT/docs/user-guide.md" >sarmanovo.toml
  expect_true "the Sarmanovo section shows its config" grep -q '^sarmanovo = ' sarmanovo.toml
  cat >>sarmanovo.toml <<'EOF'

[staff.galieva]
name = "Галиева Роза Ильдаровна"
agency = "kcson"
role = "case-manager"
districts = ["sarmanovo"]
capacity = 25

[staff.khabibullin]
name = "Хабибуллин Айдар Рустемович"
agency = "pdn"
role = "juvenile-inspector"

[staff.mukhametova]
name = "Мухаметова Лилия Фаритовна"
agency = "guardianship"
role = "guardianship-officer"
EOF
  setup init
}

build_coordinator() { # the district and its two case managers, "staff already"
  SCENE_CONFIG[coordinator]=$PWD/cherdakly.toml
  cat >cherdakly.toml <<'EOF'
[districts]
cherdakly = "Чердаклинский район"

[staff.lebedeva]
name = "Лебедева Ирина Петровна"
agency = "social-protection"
role = "case-manager"
districts = ["cherdakly"]
capacity = 20

[staff.morozova]
name = "Морозова Елена Викторовна"
agency = "social-protection"
role = "case-manager"
districts = ["cherdakly"]
capacity = 20
EOF
  setup init
}

# before_command FILE TEXT: what the doc has the reader do by hand before a command.
before_command() {
  case $2 in
    'casectl intake --from intake-2026-11-errors.csv'*) fix_bulk_errors_file ;;
  esac
}

# --- the run --------------------------------------------------------------------------------------
cd "$SOURCE_ROOT" || exit 1
extract_commands README.md docs/*.md
cd "$TEST_DIR/work" || exit 1
expect_true "the docs show at least 150 casectl command lines (found ${#CMD_TEXT[@]})" test "${#CMD_TEXT[@]}" -ge 150

# allowed_codes CODES: the codes of an EXPECT entry that hold on this run's engine.
allowed_codes() {
  local word codes=
  for word in $1; do
    case $word in
      *=*) [ "${word%%=*}" = "$E2E_ENGINE" ] && codes+=" ${word#*=}" ;;
      *) codes+=" $word" ;;
    esac
  done
  echo "$codes"
}

RAN=0 SKIPPED=0
for k in "${!CMD_TEXT[@]}"; do
  file=${CMD_FILE[k]} line=${CMD_LINE[k]} text=${CMD_TEXT[k]}
  where="$file:$line"
  list_entry SKIP "$file" "$text"
  if [ -n "$ENTRY" ]; then
    SKIPPED=$((SKIPPED + 1))
    continue
  fi
  list_entry REWRITE "$file" "$text"
  if [ -n "$ENTRY" ]; then
    IFS='|' read -r _ from to _ <<<"${REWRITE[ENTRY]}"
    text=${text//"$from"/"$to"}
  fi
  unredirected=$(sed -E 's#[0-9]*[<>]+ *(/dev/null)##g' <<<"$text")
  if [[ $unredirected =~ (^|[[:space:]=\<\>\'\"])(/[A-Za-z][^[:space:]\'\"]*) ]]; then
    outside=${BASH_REMATCH[2]}
    LAST_COMMAND=
    fail "$where: names a path outside the test's directory ($outside); not run: add a REWRITE entry" "$text"
    continue
  fi
  expected=0
  list_entry EXPECT "$file" "$text"
  if [ -n "$ENTRY" ]; then
    IFS='|' read -r _ _ codes _ <<<"${EXPECT[ENTRY]}"
    expected=$(allowed_codes "$codes")
  fi
  scene_for "$file" "${CMD_SECTION[k]}"
  enter_scene "$SCENE_FOR" "$file"
  before_command "$file" "$text"
  : >"$DOC_CALLS"
  LAST_COMMAND=
  timeout 60 bash -c "$text" </dev/null >"$TEST_DIR/doc-stdout" 2>"$TEST_DIR/doc-stderr"
  shell_code=$?
  RAN=$((RAN + 1))
  if [ ! -s "$DOC_CALLS" ]; then
    fail "$where ($SCENE): the line ran no casectl (shell exit $shell_code)" "$text" "stderr:" "$(show_file "$TEST_DIR/doc-stderr")"
    continue
  fi
  while IFS=$'\t' read -r code err args; do
    if [[ " $expected " == *" $code "* ]]; then pass; continue; fi
    what="exit $code, expected ${expected# }"
    [ "$code" = 2 ] && what="exit 2 (a usage error: the docs show an option or command the binary refuses)"
    fail "$where ($SCENE): $what" "$text" "call: casectl $args" "stderr:" "$(show_file "$err")"
  done <"$DOC_CALLS"
done

# Every entry of the lists matched a command: none is left over from a doc line since changed.
for list in SKIP REWRITE EXPECT; do
  declare -n entries=$list
  for k in "${!entries[@]}"; do
    [ -n "${USED[$list.$k]:-}" ] || { LAST_COMMAND=; fail "$list entry matches no command of the docs: ${entries[k]}"; }
  done
  unset -n entries
done

printf '%d doc command lines: %d run, %d skipped\n' "${#CMD_TEXT[@]}" "$RAN" "$SKIPPED"
finish
