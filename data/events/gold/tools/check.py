"""Check an annotation file against the sentences it codes (GUIDELINES.md §7).

    python3 data/events/gold/tools/check.py BATCH.txt ANNOTATIONS.jsonl

Prints each problem (bad JSON, missing or unknown sid, unknown CAMEO code or status, a copied string
that is not in the sentence) and a summary; exit status 1 when there is a problem.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {l.split('\t')[0] for l in open(os.path.join(HERE, '..', '..', 'cameo_codes.tsv'), encoding='utf-8')
         if not l.startswith('#')}
STATUS = {'happened', 'denied', 'intended', 'conditional', 'background', 'generic'}
COPIED = ('trigger', 'source', 'target', 'date', 'place')


def main(batch, ann):
    text = {}
    for line in open(batch, encoding='utf-8'):
        sid, _pub, t = line.rstrip('\n').split('\t', 2)
        text[sid] = t
    seen, problems = set(), []
    for n, line in enumerate(open(ann, encoding='utf-8'), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError as e:
            problems.append(f'line {n}: bad JSON ({e})')
            continue
        sid = r.get('sid')
        if sid not in text:
            problems.append(f'line {n}: unknown sid {sid!r}')
            continue
        if sid in seen:
            problems.append(f'{sid}: coded twice')
        seen.add(sid)
        for k, e in enumerate(r.get('events', [])):
            if e.get('code') not in CODES:
                problems.append(f'{sid} event {k}: unknown CAMEO code {e.get("code")!r}')
            if e.get('status') not in STATUS:
                problems.append(f'{sid} event {k}: unknown status {e.get("status")!r}')
            for f in COPIED:
                v = e.get(f)
                if v is not None and v not in text[sid]:
                    problems.append(f'{sid} event {k}: {f} {v!r} is not in the sentence')
    missing = [s for s in text if s not in seen]
    for p in problems:
        print(p)
    print(f'{len(seen)}/{len(text)} sentences coded, {len(missing)} missing'
          + (f' (first: {missing[0]})' if missing else '') + f', {len(problems)} problems')
    sys.exit(1 if problems or missing else 0)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
