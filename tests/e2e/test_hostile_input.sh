#!/usr/bin/env bash
# Hostile or careless input (issue 20): nothing crashes, truncates, merges records or fills memory,
# and the files casectl writes are private and never written through a symbolic link.
# Each check is named after the reproduction that broke.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

mode_of() { stat -c %a "$1"; }
# peak_rss_kb ARGS...: runs casectl with stdin from $INPUT and prints its peak RSS in KB.
peak_rss_kb() {
  LAST_COMMAND="$(describe_command "$@") < $INPUT"
  /usr/bin/time -f %M -o "$TEST_DIR/rss" "$CASECTL" "$@" <"$INPUT" >"$OUT" 2>"$ERR"
  CODE=$?
  tail -1 "$TEST_DIR/rss"
}

run_ok init

# --- 5. NDJSON ---------------------------------------------------------------------------------
# An external id above 2^63-1 wrapped to -1 and then updated the case whose external id was -1.
printf '%s\n' '{"external_id":-1,"name":"Первая Семья"}' >minus.ndjson
run intake --from minus.ndjson
expect_code 0
first=$(cat "$OUT")
printf '%s\n' '{"external_id":18446744073709551615,"name":"Вторая Семья"}' >huge.ndjson
run intake --from huge.ndjson
expect_code 0
expect_stderr "casectl: huge.ndjson: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 rejected"
second=$(cat "$OUT")
expect_true "two people stay two cases" test "$first" != "$second"
run show "$second" -o json
expect_eq "the external id is kept as its exact digits" "$(jq -r .external_id "$OUT")" 18446744073709551615
run show "$first" -o json
expect_eq "the case with external id -1 is untouched" "$(jq -r '[.external_id, .name] | @tsv' "$OUT")" $'-1\tПервая Семья'
printf '%s\n' '{"external_id":18446744073709551616,"name":"Третья"}' >beyond.ndjson
run intake --from beyond.ndjson
expect_code 65
expect_stderr_contains "beyond.ndjson: record 1 (line 1): external_id: the number 1.8446744073709552e+19 cannot be kept exactly"
expect_stderr_contains "write it in quotes, as text"

# A NUL byte ended the line: {"name":"a"}\0{"garbage registered "a".
printf '{"name":"a"}\0{"garbage\n' >nul.ndjson
run intake --from nul.ndjson
expect_code 65
expect_stdout ""
expect_stderr "casectl: error: nul.ndjson: record 1 (line 1): a NUL byte (0x00): this is not a text file, or it is damaged; nothing was written"
run find a -o ndjson
expect_stdout ""
printf 'name\nКасымова\nx\0y\n' >nul.csv
run intake --from nul.csv
expect_code 65
expect_stderr_contains "nul.csv: record 2 (line 3): a NUL byte"
expect_case_count 2 "nothing of a file with a NUL byte"

# 100,000 nested brackets with --errors FILE crashed (SIGSEGV, exit 139).
python3 -c 'print("{\"name\":\"Глубокая\",\"a\":" + "["*100000 + "]"*100000 + "}"); print("{\"name\":\"Мелкая Семья\"}")' >deep.ndjson
run intake --from deep.ndjson --errors deep-errors.ndjson
expect_code 0
expect_stderr_contains "deep.ndjson: record 1 (line 1): nested deeper than 64 levels"
expect_eq "the deep record is set aside whole" "$(jq -r .error deep-errors.ndjson)" "nested deeper than 64 levels"
expect_true "... as its text" test "$(jq -r .record deep-errors.ndjson | wc -c)" -gt 200000
expect_case_count 3 "the good record of a file with a deep one"

# A read error mid-file counted as end of input (the part before it committed, exit 0). A
# directory fails at the first read(2) (EISDIR); the unit tests fail a stream half way.
mkdir adirectory
run intake --from adirectory --input-format csv
expect_code 66
expect_stderr "casectl: error: adirectory: line 1: cannot read on: Is a directory; nothing was written"

# --- 6. the --errors file ------------------------------------------------------------------------
printf 'name,district,opened\n"=HYPERLINK(""http://x"",""y"")",Центральный,31.02.2026\n,+7,\n' >formula.csv
# An existing 0644 errors file stayed 0644 while it filled with rejected personal data.
printf 'old\n' >errors.csv
chmod 644 errors.csv
run intake --from formula.csv --errors errors.csv --on-duplicate allow
expect_code 0
expect_eq "the errors file is replaced by a private one" "$(mode_of errors.csv)" 600
# Its cells were not guarded against formulas, though it is a CSV for spreadsheets.
expect_eq "formula cells are neutralised" "$(tail -n +2 errors.csv | cut -c1-12 | tr -d '\r')" \
  $'"\'=HYPERLINK\n,\'+7,,name: '
# A symlink was followed and its target overwritten.
printf 'precious\n' >target.txt
ln -s target.txt link.csv
run intake --from formula.csv --errors link.csv --on-duplicate allow
expect_code 73
expect_stderr_contains "the errors file: link.csv is a symbolic link; casectl does not write through links"
expect_eq "the link's target is untouched" "$(cat target.txt)" precious
expect_true "the link is still a link" test -L link.csv
expect_case_count 3 "nothing of a run refused for its errors file"
# A run that fails leaves an existing errors file as it was, and no temporary file.
printf 'before\n' >kept.csv
printf 'name,opened\nА,31.02.2026\nБ,\n' >bad-date.csv
run intake --from bad-date.csv --errors kept.csv --dry-run
expect_code 65
expect_eq "a dry run leaves the errors file" "$(cat kept.csv)" before
expect_eq "no temporary files are left" "$(find . -name '.casectl-*' | wc -l)" 0

# --- 7. unbounded memory -------------------------------------------------------------------------
# An endless CSV line (--from /dev/zero) grew to bad_alloc (exit 1).
head -c 20M /dev/zero >zeros
INPUT=zeros
rss=$(peak_rss_kb intake --from - --input-format csv)
expect_code 65
expect_stderr "casectl: error: stdin: line 1: a NUL byte (0x00): this is not a text file, or it is damaged; nothing was written"
expect_true "20 MB of zeros stay under 100 MB of memory ($rss KB)" test "$rss" -lt 100000
head -c 20M /dev/zero | tr '\0' 'a' >endless
INPUT=endless
rss=$(peak_rss_kb intake --from - --input-format csv)
expect_code 65
expect_stderr "casectl: error: stdin: line 1: a field is longer than 1048576 bytes (the limit input.max_field_bytes); nothing was written"
expect_true "an endless line stays under 100 MB of memory ($rss KB)" test "$rss" -lt 100000
rss=$(peak_rss_kb intake --from - --input-format ndjson)
expect_code 65
expect_stderr "casectl: error: stdin: record 1 (line 1): the record is longer than 8388608 bytes (the limit input.max_record_bytes); nothing was written"
expect_true "an endless NDJSON line stays under 100 MB of memory ($rss KB)" test "$rss" -lt 100000
# A 300 MB field failed as "cannot write to the store: out of memory": now a limit, with the record.
{ printf 'name,note\nА,'; head -c 2M /dev/zero | tr '\0' 'b'; printf '\n'; } >bigfield.csv
run intake --from bigfield.csv
expect_code 65
expect_stderr "casectl: error: bigfield.csv: record 1 (line 2): a field is longer than 1048576 bytes (the limit input.max_field_bytes); nothing was written"
printf '[input]\nmax_field_bytes = 3000000\n' >casectl.toml
run intake --from bigfield.csv --on-duplicate allow
expect_code 0
rm casectl.toml

# A template nested 12 deep over 10 members reached 500 MB in 20 s.
members=()
for i in 1 2 3 4 5 6 7 8 9 10; do members+=(--member "Член $i;child;2015-01-0$((i % 9 + 1))"); done
new_case big --name "Большая Семья" "${members[@]}" --on-duplicate allow
open="" close=""
for _ in $(seq 12); do open+="{{#members}}"; close+="{{/members}}"; done
printf '%s{{name}}%s\n' "$open" "$close" >nested.mustache
run show "$big" --template ./nested.mustache
expect_code 65
expect_stderr_contains "template ./nested.mustache (./nested.mustache), line 1: sections nested deeper than 8 (the limit templates.max_depth)"
open="" close=""
for _ in $(seq 6); do open+="{{#members}}"; close+="{{/members}}"; done
printf '%s{{name}}%s\n' "$open" "$close" >wide.mustache
printf '[templates]\nmax_output_bytes = 100000\n' >casectl.toml
INPUT=/dev/null
rss=$(peak_rss_kb show "$big" --template ./wide.mustache)
expect_code 65
expect_stdout ""
expect_stderr_contains "template ./wide.mustache (./wide.mustache): the output passed 100000 bytes (the limit templates.max_output_bytes)"
expect_true "the rendering stopped at the bound ($rss KB)" test "$rss" -lt 100000
rm casectl.toml

# case_id.format = "{seq:>999999999}" passed validation, then took 120 s and 2.9 GB.
printf '[case_id]\nformat = "{seq:>999999999}"\n' >casectl.toml
run intake --name "Формат"
expect_code 78
expect_stderr_contains "case_id.format"
expect_stderr_contains "a field is wider than 12 characters"
printf '[case_id]\nformat = "{year}-{seq:012}"\n' >casectl.toml
run config show
expect_code 0
rm casectl.toml

# --- 8. a store file created beforehand ----------------------------------------------------------
touch made-before.db
chmod 644 made-before.db
run --db made-before.db init
expect_code 0
expect_eq "a store made beforehand is made private" "$(mode_of made-before.db)" 600
run --db made-before.db intake --name "Кто-то"
expect_code 0
for f in made-before.db-wal made-before.db-shm; do
  if [ -e "$f" ]; then expect_eq "$f is private" "$(mode_of "$f")" 600; fi
done
chmod 640 made-before.db
run --db made-before.db list
expect_code 0
expect_eq "a loosened store is tightened when opened" "$(mode_of made-before.db)" 600

# Another user's store that others can read cannot be made private: refused, named (only
# root can give a file away, so this runs only as root).
if [ "$(id -u)" = 0 ] && touch theirs.db && chown nobody theirs.db 2>/dev/null; then
  chmod 644 theirs.db
  run --db theirs.db list
  expect_code 73
  expect_stderr "casectl: error: the store file theirs.db can be read by other users (mode 0644) and belongs to another user, so casectl cannot make it private; ask its owner to run 'chmod 600 theirs.db'"
  expect_eq "another user's file is left as it is" "$(mode_of theirs.db)" 644
fi

# --- 9. --limit, assessment files ----------------------------------------------------------------
run list --limit -1
expect_code 2
expect_stderr "casectl: error: --limit takes a whole number ≥ 1, not '-1'; see 'casectl list --help'"
run report cases --template case --out docs --limit 0
expect_code 2
expect_stderr_contains "--limit takes a whole number ≥ 1"
# An assessment TOML datetime said "must be text": its date is taken.
printf 'assessed_on = 2026-11-20T10:30:00\nscores = { income = 3 }\n' >datetime.toml
run assess "$big" --from datetime.toml
expect_code 0
run assess "$big" --show -o json
expect_eq "a TOML date-time gives its date" "$(jq -r .assessed_on "$OUT")" 2026-11-20
# An unknown assessment key had no line number.
printf 'scores = { income = 3 }\n\nnote = "x"\nscors = 2\n' >typo.toml
run assess "$big" --from typo.toml
expect_code 65
expect_stderr_contains "line 4: 'scors' is not an assessment field (did you mean 'scores'?)"

finish
