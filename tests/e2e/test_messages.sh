# Messages in the user's language (GNU gettext, po/ru.po and po/kk.po): the catalogs are complete
# and keep every message's fields; errors, warnings and summaries come in Russian, Kazakh or
# English, chosen by --lang, CASECTL_LANG, the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG) or the
# config, on a machine with no locale generated; plural forms by the count.
source "$(dirname "$0")/lib.sh"

store_state() { store_sql "SELECT count(*) FROM cases; SELECT count(*) FROM journal;" 2>/dev/null; }

# in_env VAR=VALUE... -- ARGS...: casectl ARGS with the suite's language settings replaced by VARs.
in_env() {
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  LAST_COMMAND="env ${vars[*]} $(describe_command "$@")"
  env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG -u CASECTL_LANG "${vars[@]}" "$CASECTL" "$@" >"$OUT" 2>"$ERR" </dev/null
  CODE=$?
}

# in_script FILE SCRIPT: whether FILE holds a letter of SCRIPT (cyrillic: any Cyrillic letter;
# kazakh: one of the letters only Kazakh has).
in_script() {
  python3 -c 'import re, sys
letters = {"cyrillic": "[\u0400-\u04ff]", "kazakh": "[әғқңөұүһіӘҒҚҢӨҰҮҺІ]"}[sys.argv[2]]
sys.exit(0 if re.search(letters, open(sys.argv[1], encoding="utf-8").read()) else 1)' "$1" "$2"
}

not_in_script() { ! in_script "$@"; }

# --- the catalogs ------------------------------------------------------------------------------
for po in "$SOURCE_ROOT"/po/*.po; do
  language=$(basename "$po" .po)
  expect_true "$language.po compiles without a warning" bash -c '[ -z "$(msgfmt --check -o /dev/null "$1" 2>&1)" ]' _ "$po"
  LAST_COMMAND="check_catalog.py $po"
  expect_eq "$language.po: every message translated, with its fields" \
    "$(python3 "$SOURCE_ROOT/tests/e2e/check_catalog.py" "$po" | tail -1)" ok
  # Every message the source marks is in the catalog: po/update.sh would add nothing.
  (cd "$SOURCE_ROOT" && xgettext --language=C++ --from-code=UTF-8 --keyword= --keyword=tr:1 --keyword=trf:1 \
    --keyword=ntrf:1,2 -o "$TEST_DIR/casectl.pot" $(git ls-files 'lib/*.cpp' 'lib/*.hpp' 'cli/*.cpp' 'cli/*.hpp' 2>/dev/null ||
      find lib cli -name '*.[ch]pp') 2>/dev/null)
  expect_true "$language.po has every message the source marks (run po/update.sh)" \
    msgcmp --use-untranslated "$po" "$TEST_DIR/casectl.pot"
done

# --- which language ----------------------------------------------------------------------------
fresh_store
new_case anna --name 'Иванова Анна' --district almaly
missing=2026-99999

run --lang en show "$missing"
expect_code 3
expect_stderr "casectl: error: case $missing not found; 'casectl list' shows the cases"
english=$(cat "$ERR")
run --lang ru show "$missing"
expect_code 3
russian=$(cat "$ERR")
expect_true "a Russian message ($russian)" in_script "$ERR" cyrillic
expect_true "Russian is not Kazakh" not_in_script "$ERR" kazakh
expect_true "it names the case" grep -qF "$missing" "$ERR"
run --lang kk show "$missing"
expect_code 3
kazakh=$(cat "$ERR")
expect_true "a Kazakh message ($kazakh)" in_script "$ERR" kazakh
expect_true "Kazakh is not Russian" test "$kazakh" != "$russian"
# Word for word, each in its language.
expect_eq "the Russian words" "$russian" "casectl: error: случай $missing не найден; 'casectl list' показывает список случаев"
expect_eq "the Kazakh words" "$kazakh" "casectl: error: $missing ісі табылмады; істерді 'casectl list' көрсетеді"

# The locale, on a machine where none is generated (ru_RU.UTF-8 and kk_KZ.UTF-8 are not).
in_env LANG=ru_RU.UTF-8 -- show "$missing"
expect_stderr "$russian"
in_env LANG=kk_KZ.UTF-8 -- show "$missing"
expect_stderr "$kazakh"
in_env LC_ALL=kk_KZ.UTF-8 LANG=ru_RU.UTF-8 -- show "$missing"
expect_stderr "$kazakh"
in_env LANGUAGE=de:kk LANG=ru_RU.UTF-8 -- show "$missing"
expect_stderr "$kazakh"
in_env LANG=en_US.UTF-8 -- show "$missing"
expect_stderr "$english"
# No language in the locale (C.UTF-8, as cron's): the config's language, else Russian.
in_env LC_ALL=C.UTF-8 -- show "$missing"
expect_stderr "$russian"
printf 'language = "kk"\n' >"$TEST_DIR/kk.toml"
in_env LC_ALL=C.UTF-8 CASECTL_CONFIG="$TEST_DIR/kk.toml" -- show "$missing"
expect_stderr "$kazakh"
# --lang and CASECTL_LANG say it for both messages and documents, over the locale.
in_env LANG=ru_RU.UTF-8 -- --lang en show "$missing"
expect_stderr "$english"
in_env LANG=ru_RU.UTF-8 CASECTL_LANG=kk -- show "$missing"
expect_stderr "$kazakh"
# A message CLI11's parser refuses, before the config is read, is in the language too.
in_env LANG=ru_RU.UTF-8 -- show "$missing" --no-such-flag
expect_code 2
expect_true "a refused command line in Russian" in_script "$ERR" cyrillic

# Regression: English from the config after the Russian default of the command line must leave
# nothing Russian behind (the system's own messages, strerror's, came out in Russian).
printf 'language = "en"\n' >"$TEST_DIR/en.toml"
in_env LC_ALL=C.UTF-8 CASECTL_CONFIG="$TEST_DIR/en.toml" -- intake --from "$TEST_DIR/no-such-file.csv"
expect_code 66
expect_true "all English ($(cat "$ERR"))" not_in_script "$ERR" cyrillic

# Documents follow a Russian or Kazakh locale; an English one (a server's, cron's) gives Russian
# documents for the readers, with English messages for the operator.
in_env LANG=kk_KZ.UTF-8 -- show "$anna" --template case
expect_stdout_contains "ІС КАРТАСЫ"
in_env LANG=en_US.UTF-8 -- show "$anna" --template case
expect_stdout_contains "КАРТОЧКА СЛУЧАЯ"
in_env LANG=en_US.UTF-8 -- show "$anna" -o json
expect_eq "labels stay Russian under an English locale" "$(jq -r .status_label "$OUT")" "Приём"

# Plural forms by the count: Russian has three (1 случай, 2 случая, 5 случаев), Kazakh one noun
# form after a number (1 іс, 2 іс, 5 іс), English two.
export_summary() { # LANGUAGE: the summary of exporting the store's cases
  run --lang "$1" export --to "$TEST_DIR/export.ndjson"
  expect_code 0
  sed -E 's/ \(.*//; s/ \S+ жол\).*//' "$ERR"
}
counts=""
for n in 2 3 4 5; do
  new_case more --name "Петров $n" --district almaly
  case $n in 2 | 5) counts+="$(export_summary ru)|$(export_summary kk)|$(export_summary en)|" ;; esac
done
# (anna is the first case)
run --lang ru export --to "$TEST_DIR/export.ndjson"
expect_eq "plural forms" "$counts" \
  "casectl: экспортировано 2 случая|casectl: 2 іс экспортталды|casectl: exported 2 cases|casectl: экспортировано 5 случаев|casectl: 5 іс экспортталды|casectl: exported 5 cases|"
fresh_store
new_case one --name 'Один' --district almaly
expect_eq "the singular" "$(export_summary ru)|$(export_summary en)" "casectl: экспортирован 1 случай|casectl: exported 1 case"

# A catalog's translation is a fmt format: the values land in it.
run --lang ru intake --name 'Петров' --district almaly --urgency soon
expect_code 65
expect_stderr_contains "soon"
expect_true "the problem is in Russian" in_script "$ERR" cyrillic

finish
