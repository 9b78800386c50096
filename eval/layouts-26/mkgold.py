#!/usr/bin/env python3
"""Check gold.jsonl and questions.jsonl against articles/. Prints `bad N`."""
import json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ART = os.path.join(HERE, 'articles')
problems = []

def bad(msg):
    problems.append(msg)
    print('BAD:', msg)

files = sorted(f for f in os.listdir(ART) if f.endswith('.txt'))
if len(files) != 13:
    bad(f'expected 13 articles, found {len(files)}')
texts = {}
for f in files:
    if not re.match(r'^a(0[1-9]|1[0-3])_[a-z]+_[a-z]+\.txt$', f):
        bad(f'{f}: name does not match aNN_<topic>_<layout>.txt')
    s = open(os.path.join(ART, f), encoding='utf-8').read()
    texts[f] = s
    n = len(s)
    n_nows = len(re.sub(r'\s', '', s))
    if not (900 <= n_nows and n <= 2000):
        bad(f'{f}: length {n} (non-space {n_nows}) outside 900-2000')

def load(path, key):
    rows = []
    for i, line in enumerate(open(os.path.join(HERE, path), encoding='utf-8'), 1):
        if not line.strip():
            bad(f'{path}:{i}: empty line'); continue
        try:
            r = json.loads(line)
        except Exception as e:
            bad(f'{path}:{i}: invalid JSON ({e})'); continue
        if set(r) != {'file', key, 'speaker'}:
            bad(f'{path}:{i}: keys {sorted(r)}')
        if r.get('file') not in texts:
            bad(f'{path}:{i}: unknown file {r.get("file")}')
        if not str(r.get('speaker', '')).strip():
            bad(f'{path}:{i}: empty speaker')
        rows.append((i, r))
    return rows

gold = load('gold.jsonl', 'text')
qs = load('questions.jsonl', 'question')

gc = Counter(r.get('file') for _, r in gold)
qc = Counter(r.get('file') for _, r in qs)
for f in files:
    if gc[f] != 12: bad(f'{f}: {gc[f]} gold lines, want 12')
    if qc[f] != 4: bad(f'{f}: {qc[f]} questions, want 4')

for i, r in gold:
    f, t, sp = r.get('file'), r.get('text', ''), r.get('speaker', '')
    if f not in texts: continue
    if '\n' in t or '\r' in t: bad(f'gold:{i}: newline inside text')
    if not (15 <= len(t) <= 40): bad(f'gold:{i}: length {len(t)} outside 15-40: {t}')
    c = texts[f].count(t)
    if c != 1: bad(f'gold:{i}: occurs {c} times in {f}: {t}')
    if sp not in texts[f]: bad(f'gold:{i}: speaker {sp} not named in {f}')

for i, r in qs:
    f, q, sp = r.get('file'), r.get('question', ''), r.get('speaker', '')
    if f not in texts: continue
    if not q.strip(): bad(f'questions:{i}: empty question')
    if sp not in texts[f]: bad(f'questions:{i}: speaker {sp} not named in {f}')

print(f'bad {len(problems)}')
sys.exit(1 if problems else 0)
