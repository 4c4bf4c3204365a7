"""Draw a further round of TRAIN sentences for the event gold corpus (more hard cases to learn from).

    python3 data/events/gold/tools/sample_more.py ../shared/data/news data/events/gold/work [ROUND]

ROUND is 2 (the default; writes work/pool2.jsonl and work/batch2_K.txt) or 3 (pool3, batch3_K).

Same sources and rules as sample.py, ANT and ant_multisource only (SaudiNewsNet is never trained
on), never from an article of the test split, never a sentence already drawn in an earlier round.
Heavier on the trigger routes, where the hard negatives are; round 3 is heavier still on the
assault and protest words (the types measured on held-out news).
"""
import hashlib, json, os, random, sys

sys.path.insert(0, os.path.dirname(__file__))
import sample  # noqa: E402

# round: (seed, sentences per source, route shares, batches)
ROUNDS = {
    2: (20261207,
        {'ant_v1.1': 1000, 'Alarabia': 280, 'BBC': 280, 'CNN': 280, 'France24': 280, 'SkyNews': 280},
        [('trigger:assault', 0.40), ('trigger:protest', 0.25), ('trigger:other', 0.20), ('random', 0.15)],
        6),
    3: (20261206,
        {'ant_v1.1': 800, 'Alarabia': 240, 'BBC': 240, 'CNN': 240, 'France24': 240, 'SkyNews': 240},
        [('trigger:assault', 0.40), ('trigger:protest', 0.30), ('trigger:other', 0.10), ('random', 0.20)],
        5),
}


def main(news, work, round_no=2):
    seed, PLAN, SHARES, N_BATCHES = ROUNDS[round_no]
    rng = random.Random(seed)
    pool = [json.loads(l) for l in open(os.path.join(work, 'pool.jsonl'), encoding='utf-8')]
    test_docs = {r['id'].rsplit('#', 1)[0] for r in pool if r['split'] == 'test'}
    seen = {hashlib.md5(r['text'].encode()).hexdigest() for r in pool}
    for k in range(2, round_no):
        seen |= {hashlib.md5(json.loads(l)['text'].encode()).hexdigest()
                 for l in open(os.path.join(work, f'pool{k}.jsonl'), encoding='utf-8')}
    dev = os.path.join(os.path.dirname(__file__), '..', '..', 'dev', 'ant_dev.jsonl')
    seen |= {hashlib.md5(' '.join(json.loads(l)['text'].split()).encode()).hexdigest() for l in open(dev)}
    sample.SHARES[:] = SHARES
    sources = {'ant_v1.1': lambda: sample.ant_docs(os.path.join(news, 'ant_v1.1'))}
    for o in ['Alarabia', 'BBC', 'CNN', 'France24', 'SkyNews']:
        sources[o] = (lambda o=o: sample.jsonl_docs(os.path.join(news, 'ant_multisource', o + '.jsonl.gz'), o))
    rows = []
    for src, n in PLAN.items():
        # the first round's test articles are held out by document id
        cand = [x for x in sample.sentences_of(sources[src]()) if x['id'].rsplit('#', 1)[0] not in test_docs]
        rng.shuffle(cand)
        for x in sample.draw(cand, n, rng, seen):
            x.update(source=src, press=sample.COUNTRY.get(src, 'pan-Arab'), split='train')
            rows.append(x)
        print(src, len(rows), file=sys.stderr)
    rng.shuffle(rows)
    sid = (lambda i: f't{i:04d}') if round_no == 2 else (lambda i: f'r{round_no}_{i:04d}')
    sample.write_pool(rows, sid, N_BATCHES, os.path.join(work, f'pool{round_no}.jsonl'),
                      lambda b: os.path.join(work, f'batch{round_no}_{b}.txt'))
    print(len(rows), 'sentences', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 2)
