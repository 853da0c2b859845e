#!/usr/bin/env bash
# `casectl export` and `casectl import`: a store's cases as NDJSON and back.
# - export -> import into an empty store -> export gives the same lines but the header's time (and,
#   with --journal, one more journal line: the import's own row); staff, counters, links and every
#   card are the same;
# - two district stores that both have a case 2026-00001, for different families, merged into a
#   third: two cases, each with its origin; the same export again changes nothing;
# - a case changed in both stores: the conflict named (case, field, both values), nothing changed,
#   exit 4, until --on-conflict keep-ours or keep-theirs; --conflicts FILE;
# - links follow the new ids; an external id matches; --journal brings an added case's history;
# - refusals, each writing nothing: a redacted export, a cut file, a file that is no export, another
#   schema version, a file that cannot be read, a bad --on-conflict; --dry-run writes nothing.
# shellcheck source=lib.sh disable=SC2154
source "$(dirname "$0")/lib.sh"

export CASECTL_CONFIG=$SOURCE_ROOT/examples/casectl.toml

# --- the demo store: export, import into a new store, export again -----------------------------
demo_store
demo=$CASECTL_DB
run_ok staff add omarova --name 'Омарова Динара' --role lawyer --capacity 12
run_ok list --no-headers -o tsv
case_ids=$(cut -f1 "$OUT")
# The runaway boy's family: the demo's first intake (its archive of 2025 sorts before it).
first=$(grep -m1 '^2026-00001$' <<<"$case_ids")
last=$(tail -1 <<<"$case_ids")

run export --to "$TEST_DIR/demo.ndjson"
expect_code 0
expect_stdout ''
expect_stderr_contains "casectl: exported $(wc -l <<<"$case_ids") cases"
expect_eq "the export is private to its owner" "$(stat -c %a "$TEST_DIR/demo.ndjson")" 600
expect_eq "the header" "$(head -1 "$TEST_DIR/demo.ndjson" | jq -c '[.casectl_export, .cases, .whole_store, .journal, .redacted]')" \
  "[1,$(wc -l <<<"$case_ids"),true,false,false]"
expect_eq "the last line counts the lines before it" "$(tail -1 "$TEST_DIR/demo.ndjson" | jq -c .)" \
  "{\"end_of_export\":{\"lines\":$(($(wc -l <"$TEST_DIR/demo.ndjson") - 1))}}"
expect_eq "one case line per case, with its members, plans and link" \
  "$(grep -c '^{"case":' "$TEST_DIR/demo.ndjson")" "$(wc -l <<<"$case_ids")"
expect_eq "the demo's links (possible duplicates) travel by case id" \
  "$(grep '^{"case":' "$TEST_DIR/demo.ndjson" | jq -r '.case_links[].other_case_id' | grep -cE '^2026-[0-9]{5}$')" \
  "$(store_sql "SELECT count(*) FROM case_links")"
expect_eq "codes, not labels; row ids left out" \
  "$(grep "\"case_id\":\"$first\"" "$TEST_DIR/demo.ndjson" | jq -c '[.case.district, (.case | has("id")), (.members[0] | has("case_row"))]')" \
  '["almaly",false,false]'
expect_eq "the staff travel" "$(grep -c '^{"staff":{"login":"omarova"' "$TEST_DIR/demo.ndjson")" 1
run export --journal --to "$TEST_DIR/demo-journal.ndjson"
expect_code 0

view() { # what users see of a store
  local db=$1 id
  for id in $case_ids; do "$CASECTL" --db "$db" show "$id" -o json; done
  "$CASECTL" --db "$db" list -o json
  "$CASECTL" --db "$db" staff list -o json
  "$CASECTL" --db "$db" report kpi --period 2026-11 -o json
}

fresh_store
restored=$CASECTL_DB
expect_refused 66 "an import into a store that is not there" import "$TEST_DIR/demo.ndjson"
expect_no_cases "no store made by a refused import"
run_ok init
run import "$TEST_DIR/demo.ndjson" -o tsv --no-headers
expect_code 0
expect_eq "every case restored under its own id" "$(cut -f1,2 "$OUT" | sort | uniq -c | wc -l)" "$(wc -l <<<"$case_ids")"
expect_stdout_contains $'\trestored\t'
expect_stderr_contains "(restored, the store held nothing)"
expect_stderr_contains "is now a copy of the store $TEST_DIR/demo.ndjson was exported from (the same store id): use it instead of that store, not beside it"
run export --to "$TEST_DIR/again.ndjson"
expect_code 0
expect_eq "export -> import -> export: the same lines but the header's time" \
  "$(diff <(sed 1d "$TEST_DIR/demo.ndjson") <(sed 1d "$TEST_DIR/again.ndjson") && echo same)" same
expect_eq "the header names the same store" "$(head -1 "$TEST_DIR/again.ndjson" | jq -c 'del(.exported_at)')" \
  "$(head -1 "$TEST_DIR/demo.ndjson" | jq -c 'del(.exported_at)')"
expect_eq "the restored store shows what the demo store shows" "$(view "$restored")" "$(view "$demo")"
run find Тарасов
expect_stdout_contains "$first"
run check
expect_code 0
run intake --name 'Новая семья' --district almaly
expect_code 0
expect_eq "the counters came along: the next case is after the last" "$(<"$OUT")" \
  "2026-$(printf %05d $((10#${last#2026-} + 1)))"

fresh_store
run_ok init
run import "$TEST_DIR/demo-journal.ndjson"
expect_code 0
expect_stderr_contains "journal rows"
run export --journal --to "$TEST_DIR/again-journal.ndjson"
expect_code 0
expect_eq "with --journal, the one more line is the import's own row, store-wide" \
  "$(diff <(sed 1d "$TEST_DIR/demo-journal.ndjson") <(sed 1d "$TEST_DIR/again-journal.ndjson") | grep '^[<>]' | grep -v end_of_export | jq -c -R 'ltrimstr("> ") | fromjson | .journal | [.action, .case_id]')" \
  '["import",null]'
run log "$first" --verify
expect_code 0
run check
expect_code 0
expect_stdout_contains "journal-chain"

# A filtered export: list's filters choose the cases.
export CASECTL_DB=$demo
run export --district almaly --journal
expect_code 0
expect_eq "only Almaly's cases" "$(grep '^{"case":' "$OUT" | jq -r .case.district | sort -u)" almaly
expect_eq "the header says it is not the whole store" "$(head -1 "$OUT" | jq -c .whole_store)" false
expect_eq "only the journal rows of those cases" \
  "$(grep '^{"journal":' "$OUT" | jq -r .journal.case_id | sort -u | grep -vxF -f <(grep '^{"case":' "$OUT" | jq -r .case.case_id) | wc -l)" 0
cp "$OUT" "$TEST_DIR/almaly.ndjson"
run export --sort name
expect_eq "--sort chooses no cases: the whole store" "$(head -1 "$OUT" | jq -c .whole_store)" true
run_ok export --journal
bash -c '"$0" export --journal | head -1 >/dev/null; exit "${PIPESTATUS[0]}"' "$CASECTL"
expect_eq "export | head ends quietly" "$?" 0
fresh_store
run_ok init
run import "$TEST_DIR/almaly.ndjson" -o tsv --no-headers
expect_code 0
expect_eq "a part of a store into an empty one is merged: new ids, origins kept" "$(cut -f2 "$OUT" | sort -u)" added
expect_stderr_contains "(merged)"
expect_stderr_lacks "is now a copy"
run export
expect_true "the store keeps its own id" test "$(head -1 "$OUT" | jq -r .store_id)" != "$(head -1 "$TEST_DIR/almaly.ndjson" | jq -r .store_id)"

# --- two district stores, both with a case 2026-00001, merged into a third ----------------------
fresh_store
district1=$CASECTL_DB
export CASECTL_AUDIT_READS=true
new_case a --name 'Семья Ахметовых' --district almaly --phone '+7 701 111 11 11'
fresh_store
district2=$CASECTL_DB
new_case b --name 'Семья Борисовых' --district auezov --phone '+7 702 222 22 22' --external-id 'EXT-7'
new_case b2 --name 'Семья Калиевых' --district auezov
store_sql "INSERT INTO case_links (case_row, other_case_id, relation, reason) SELECT id, '$b', 'possible-duplicate', 'соседи' FROM cases WHERE case_id = '$b2'" ||
  fail "a link could not be added"
expect_eq "both districts numbered from one" "$a $b" "2026-00001 2026-00001"
run --db "$district1" export --to "$TEST_DIR/d1.ndjson"
expect_code 0
run --db "$district1" log "$a" --reads -o json
expect_eq "with audit.reads, an export is a read of each case in it" "$(jq -c 'map(.changes.document)' "$OUT")" '["export"]'
unset CASECTL_AUDIT_READS
run --db "$district2" export --journal --to "$TEST_DIR/d2.ndjson"
expect_code 0
d2_store=$(head -1 "$TEST_DIR/d2.ndjson" | jq -r .store_id)

fresh_store
region=$CASECTL_DB
run_ok init
run_ok intake --name 'Семья Региональных' --district almaly
region_case=$(<"$OUT")
run import "$TEST_DIR/d1.ndjson" -o json
expect_code 0
expect_eq "a district's case added with a new id and its origin" "$(jq -c '.[0] | [.case_id, .outcome, .origin_case_id]' "$OUT")" \
  '["2026-00002","added","2026-00001"]'
run import "$TEST_DIR/d2.ndjson" -o json
expect_code 0
expect_eq "the other district's 2026-00001 is another case" "$(jq -c 'map([.case_id, .outcome, .origin_store == "'"$d2_store"'", .origin_case_id])' "$OUT")" \
  '[["2026-00003","added",true,"2026-00001"],["2026-00004","added",true,"2026-00002"]]'
expect_case_count 4 "the region's case and three from the districts"
run show 2026-00003 -o json
expect_eq "the family is the one of district 2" "$(jq -r .name "$OUT")" 'Семья Борисовых'
expect_eq "the link follows the new ids" "$(store_sql "SELECT other_case_id FROM case_links l JOIN cases c ON c.id = l.case_row WHERE c.case_id = '2026-00004'")" \
  2026-00003
run log 2026-00003 -o json
expect_eq "the added case's history came with it, then the import" "$(jq -c 'map(.action)' "$OUT")" '["intake","import"]'
run check
expect_code 0
run find Борисов
expect_stdout_contains 2026-00003
run import "$TEST_DIR/d2.ndjson" -o tsv --no-headers
expect_code 0
expect_eq "the same export again changes nothing" "$(cut -f1,2 "$OUT")" $'2026-00003\tunchanged\n2026-00004\tunchanged'
expect_case_count 4 "nothing added twice"

# --- a case changed in both stores: a conflict, named, and nothing changed -----------------------
run --db "$district2" edit "$b" --urgency urgent
expect_code 0
run --db "$district2" export --to "$TEST_DIR/d2-changed.ndjson"
expect_code 0
run edit 2026-00003 --address 'ул. Абая, 5'
expect_code 0
store_state() {
  "$CASECTL" show 2026-00003 -o json
  "$CASECTL" list -o json
  store_sql "SELECT count(*) FROM journal"
}
before=$(store_state)
run import "$TEST_DIR/d2-changed.ndjson" --conflicts "$TEST_DIR/conflicts.tsv"
expect_code 4
expect_stdout ''
expect_stderr_contains "casectl: conflict: 2026-00003 (from $d2_store/2026-00001), urgency: ours 'routine', theirs 'urgent'"
expect_stderr_contains "casectl: conflict: 2026-00003 (from $d2_store/2026-00001), address: ours 'ул. Абая, 5', theirs ''"
expect_stderr_contains "conflicts with this store; nothing was imported"
expect_eq "nothing changed" "$(store_state)" "$before"
expect_eq "the conflict report names case, field, both values" \
  "$(grep -P '^2026-00003\t' "$TEST_DIR/conflicts.tsv" | cut -f3-5 | grep -E $'^(urgency|address)\t')" \
  $'address\tул. Абая, 5\t\nurgency\troutine\turgent'
expect_eq "the report has a header" "$(head -1 "$TEST_DIR/conflicts.tsv")" $'case_id\torigin\tfield\tours\ttheirs'
run import "$TEST_DIR/d1.ndjson" --conflicts "$TEST_DIR/conflicts.tsv"
expect_code 0
expect_eq "no conflicts: the report says so, no older one stays" "$(cat "$TEST_DIR/conflicts.tsv")" $'case_id\torigin\tfield\tours\ttheirs'
expect_refused 73 "a conflict report that cannot be written stops the import before it" \
  import "$TEST_DIR/d2-changed.ndjson" --on-conflict keep-theirs --conflicts "$TEST_DIR/no-such-dir/c.tsv"
run import "$TEST_DIR/d2-changed.ndjson" --on-conflict keep-ours -o tsv --no-headers
expect_code 0
expect_stdout_contains $'2026-00003\tkept'
expect_eq "keep-ours changes nothing" "$(store_state | sed '$d')" "$(sed '$d' <<<"$before")"
run import "$TEST_DIR/d2-changed.ndjson" --on-conflict keep-theirs --dry-run
expect_code 0
expect_stdout_contains $'2026-00003\treplaced'
run show 2026-00003 -o json
expect_eq "a dry run changes nothing" "$(jq -r .urgency "$OUT")" routine
run import "$TEST_DIR/d2-changed.ndjson" --on-conflict keep-theirs
expect_code 0
run show 2026-00003 -o json
expect_eq "keep-theirs: their case, under our id" "$(jq -c '[.case_id, .urgency, .address]' "$OUT")" '["2026-00003","urgent",null]'
run log 2026-00003 -o json
expect_eq "the replacement journaled with every field changed" "$(jq -c '.[-1] | [.action, .changes.changes.urgency]' "$OUT")" \
  '["import",["routine","urgent"]]'
run check
expect_code 0

# An external id matches a case of another origin.
fresh_store
run_ok init
run_ok intake --name 'Семья Борисовых' --district auezov --phone '+7 702 222 22 22' --external-id 'EXT-7'
run import "$TEST_DIR/d2.ndjson" -o tsv --no-headers
expect_code 0
expect_eq "the case of the same external id (and the same fields) is matched; the other added" "$(cut -f1,2 "$OUT")" \
  $'2026-00001\tunchanged\n2026-00002\tadded'
run list --no-headers -o tsv
expect_eq "the case with the same external id is matched, not added again" "$(grep -c 'Борисовых' "$OUT")" 1

# A staff member in both stores with other fields is a conflict too; keep-theirs replaces and says so.
run_ok staff add omarova --name 'Омарова Динара' --role lawyer --capacity 10
run_ok --db "$district1" staff add omarova --name 'Омарова Динара' --role lawyer --capacity 12
run_ok --db "$district1" export --to "$TEST_DIR/d1-staff.ndjson"
run import "$TEST_DIR/d1-staff.ndjson"
expect_code 4
expect_stderr_contains "casectl: conflict: staff omarova, capacity: ours '10', theirs '12'"
run import "$TEST_DIR/d1-staff.ndjson" --on-conflict keep-theirs
expect_code 0
expect_stderr_contains "casectl: the staff member omarova was replaced by theirs"
run staff list -o json
expect_eq "their staff member, replaced" "$(jq -c '.[] | select(.login == "omarova") | .capacity' "$OUT")" 12

# --- an export that travels: encrypted with age -------------------------------------------------
age-keygen -o "$TEST_DIR/key.txt" 2>/dev/null || fail "age-keygen did not run (scripts/setup installs age)"
recipient=$(age-keygen -y "$TEST_DIR/key.txt")
run --db "$district1" export --encrypt-to "$recipient" --to "$TEST_DIR/d1.age"
expect_code 0
expect_stderr_contains "encrypted with age"
expect_eq "the file is age's" "$(head -c 21 "$TEST_DIR/d1.age")" "age-encryption.org/v1"
expect_eq "and private" "$(stat -c %a "$TEST_DIR/d1.age")" 600
expect_true "no family's name readable in it" bash -c "! grep -q 'Ахметов' '$TEST_DIR/d1.age'"
age-keygen -y "$TEST_DIR/key.txt" >"$TEST_DIR/recipients.txt"
run --db "$district1" export --encrypt-to "$TEST_DIR/recipients.txt"
expect_code 0
expect_eq "a file of recipients, and stdout, do too" "$(head -c 21 "$OUT")" "age-encryption.org/v1"
fresh_store
run_ok init
run_in <(age -d -i "$TEST_DIR/key.txt" "$TEST_DIR/d1.age") import - -o tsv --no-headers
expect_code 0
expect_stdout_contains $'2026-00001\trestored'
run show 2026-00001 -o json
expect_eq "decrypted and imported, the family is there" "$(jq -r .name "$OUT")" 'Семья Ахметовых'
run --db "$district1" export --encrypt-to age1notakey --to "$TEST_DIR/bad.age"
expect_code 73
expect_stderr_contains "casectl: error: age failed"
expect_true "a failed encryption leaves no file" test ! -e "$TEST_DIR/bad.age"
expect_eq "nor a temporary one" "$(find "$TEST_DIR" -maxdepth 1 -name '.casectl-*' | wc -l)" 0

# --- refusals: each names the file and line, and writes nothing ----------------------------------
export CASECTL_DB=$region
run --db "$district1" export --redact --to "$TEST_DIR/redacted.ndjson"
expect_code 0
expect_eq "a redacted export masks the family" "$(grep '^{"case":' "$TEST_DIR/redacted.ndjson" | jq -r .case.phone)" '+* *** *** ** 11'
expect_refused 65 "a redacted export" import "$TEST_DIR/redacted.ndjson"
expect_stderr_contains "redacted.ndjson line 1: this export was made with --redact"
head -n -1 "$TEST_DIR/d1.ndjson" >"$TEST_DIR/cut.ndjson"
expect_refused 65 "a file cut short" import "$TEST_DIR/cut.ndjson"
expect_stderr_contains "without the export's last line (end_of_export): the file was cut short"
printf 'case_id,name\n1,x\n' >"$TEST_DIR/not-export.csv"
expect_refused 65 "a file that is not an export" import "$TEST_DIR/not-export.csv"
expect_stderr_contains "not-export.csv line 1: not a JSON object"
jq -c 'if has("casectl_export") then .schema_version = 3 else . end' "$TEST_DIR/d1.ndjson" >"$TEST_DIR/old.ndjson"
expect_refused 65 "an export of another schema version" import "$TEST_DIR/old.ndjson"
expect_stderr_contains "old.ndjson line 1: the export is of schema version 3"
sed '/^{"case":/s/"name":/"nickname":/' "$TEST_DIR/d1.ndjson" >"$TEST_DIR/bad-field.ndjson"
expect_refused 65 "a field no table has" import "$TEST_DIR/bad-field.ndjson"
expect_stderr_contains "bad-field.ndjson line $(grep -n '^{"case":' "$TEST_DIR/d1.ndjson" | cut -d: -f1): cases has no field 'nickname'"
sed '/^{"case":/s/"kind":"family"/"kind":"familyx"/' "$TEST_DIR/d1.ndjson" >"$TEST_DIR/bad-value.ndjson"
fresh_store
run_ok init
expect_refused 65 "a value the store does not allow" import "$TEST_DIR/bad-value.ndjson"
expect_stderr_contains "bad-value.ndjson line $(grep -n '^{"case":' "$TEST_DIR/d1.ndjson" | cut -d: -f1): the store refused a row of cases:"
expect_no_cases "a refused import writes no case"
export CASECTL_DB=$region
expect_refused 66 "a file that cannot be read" import "$TEST_DIR/missing.ndjson"
expect_refused 2 "a bad --on-conflict" import "$TEST_DIR/d1.ndjson" --on-conflict newest
expect_stderr_contains "--on-conflict takes fail, keep-ours or keep-theirs"

finish
