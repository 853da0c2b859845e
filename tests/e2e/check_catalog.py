#!/usr/bin/env python3
"""Checks a message catalog (po/*.po): every message translated, each translation with the fmt fields
of its msgid (numbered fields may be reordered), and literal braces kept doubled. Prints "ok" or the problems."""
import re, sys

def unquote(lines):
    return ''.join(eval(l) for l in lines)  # the C-like string literals of a .po file

def entries(path):
    text = open(path, encoding='utf-8').read()
    for block in text.split('\n\n'):
        cur, parts = None, {}
        for line in block.split('\n'):
            if line.startswith('#') or not line.strip():
                continue
            m = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if m:
                cur = m.group(1); parts[cur] = [m.group(2)]
            elif line.startswith('"') and cur:
                parts[cur].append(line)
        if 'msgid' in parts:
            yield {k: unquote(v) for k, v in parts.items()}

FIELD = re.compile(r'\{\{|\}\}|\{[^{}]*\}')
def fields(s):
    found = [f for f in FIELD.findall(s) if f not in ('{{', '}}')]
    # numbered fields may be reordered: compare as a multiset of their specs without the index
    return sorted(re.sub(r'^\{\d+', '{', f) for f in found)

bad = 0
for e in entries(sys.argv[1]):
    if e['msgid'] == '':
        continue
    strs = [v for k, v in e.items() if k.startswith('msgstr')]
    for s in strs:
        if not s:
            print('untranslated:', repr(e['msgid'])); bad += 1
        elif fields(s) != fields(e['msgid']) and not ('msgid_plural' in e and fields(s) == fields(e['msgid_plural'])):
            print('fields differ:', repr(e['msgid']), '->', repr(s)); bad += 1
        elif s.count('{{') != e['msgid'].count('{{') or s.count('}}') != e['msgid'].count('}}'):
            print('literal braces differ:', repr(e['msgid'])); bad += 1
print('ok' if bad == 0 else f'{bad} problems')
sys.exit(1 if bad else 0)
