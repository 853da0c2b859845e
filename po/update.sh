#!/usr/bin/env bash
# Refreshes the message catalogs from the source: extracts every message marked with tr, trf or
# ntrf (util/messages.hpp) into po/casectl.pot, then merges it into po/ru.po and po/kk.po, where
# new messages arrive untranslated (tests/e2e/test_messages.sh fails until each has its text).
set -euo pipefail
cd "$(dirname "$0")/.."
xgettext --language=C++ --from-code=UTF-8 --no-wrap --sort-by-file --add-comments=TRANSLATORS: \
  --keyword= --keyword=tr:1 --keyword=trf:1 --keyword=ntrf:1,2 \
  --package-name=casectl --msgid-bugs-address=casectl -o po/casectl.pot \
  $(git ls-files 'lib/*.cpp' 'lib/*.hpp' 'cli/*.cpp' 'cli/*.hpp' | grep -v '^lib/util/messages\.[ch]pp$')
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-wrap --no-fuzzy-matching "$po" po/casectl.pot
  msgattrib --no-obsolete --no-wrap -o "$po" "$po"
done
