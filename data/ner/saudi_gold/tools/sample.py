"""Draw the sentences of the Saudi-press name gold (data/ner/saudi_gold) from SaudiNewsNet.

Deterministic (seeded); run from the repository root:
    python3 data/ner/saudi_gold/tools/sample.py ../shared/data/news/saudinewsnet data/ner/saudi_gold/work

Random sentences (8-50 words) of random articles, the same number from each of the 14 outlets, at
most one per article, none from an article whose sentences are in the event test split
(data/events/gold/test.jsonl), which stays unseen. The split is fixed here, before any annotation:
`dev` (error analysis allowed) and `test` (scored only). Writes `pool.jsonl` and one batch file per
annotator (`batch_K.txt`: `sid<TAB>text`), and `double.txt`, the slice coded a second time.
"""
import glob, gzip, json, os, random, re, sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..', 'events', 'dev'))
from split_ant import sentences  # noqa: E402

PER_OUTLET = 30
DEV_SHARE = 0.4
BATCHES = 3
DOUBLE = 150


def ok(s):
    n = len(s.split())
    return 8 <= n <= 50 and re.search('[\u0621-\u064a]{3}', s)


def event_test_articles():
    ids = set()
    with open('data/events/gold/test.jsonl', encoding='utf-8') as f:
        for line in f:
            ids.add(json.loads(line)['id'].split('#')[0])
    return ids


def articles(root, banned):
    by_outlet = {}
    for path in sorted(glob.glob(os.path.join(root, '*.jsonl.gz'))):
        with gzip.open(path, 'rt', encoding='utf-8') as f:
            for line in f:
                d = json.loads(line)
                if d['id'] in banned or not d.get('text'):
                    continue
                by_outlet.setdefault(d['source'], []).append(d)
    return by_outlet


def main(root, out):
    rng = random.Random(20261208)
    by_outlet = articles(root, event_test_articles())
    rows = []
    for outlet in sorted(by_outlet):
        docs = by_outlet[outlet][:]
        rng.shuffle(docs)
        taken = 0
        for d in docs:
            cands = [' '.join(s.split()) for s in sentences(d['text'])]
            cands = [s for s in cands if ok(s)]
            if not cands:
                continue
            s = rng.choice(cands)
            split = 'dev' if rng.random() < DEV_SHARE else 'test'
            rows.append({'id': d['id'], 'outlet': outlet, 'published': d.get('published', '')[:10],
                         'split': split, 'text': s})
            taken += 1
            if taken == PER_OUTLET:
                break
    rng.shuffle(rows)
    for i, r in enumerate(rows, 1):
        r['sid'] = f'sau{i:04d}'
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'pool.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    size = (len(rows) + BATCHES - 1) // BATCHES
    for k in range(BATCHES):
        with open(os.path.join(out, f'batch_{k + 1}.txt'), 'w', encoding='utf-8') as f:
            for r in rows[k * size:(k + 1) * size]:
                f.write(f"{r['sid']}\t{r['text']}\n")
    double = sorted(rng.sample(rows, DOUBLE), key=lambda r: r['sid'])
    with open(os.path.join(out, 'double.txt'), 'w', encoding='utf-8') as f:
        for r in double:
            f.write(f"{r['sid']}\t{r['text']}\n")
    print(len(rows), 'sentences;', sum(r['split'] == 'dev' for r in rows), 'dev')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
