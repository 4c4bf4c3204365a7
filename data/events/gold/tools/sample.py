"""Draw the sentences of the event gold corpus (data/events/gold) from ../shared/data/news.

Deterministic (seeded); run from the repository root:
    python3 data/events/gold/tools/sample.py ../shared/data/news data/events/gold/work

Writes `pool.jsonl` (every drawn sentence with its provenance, split and sampling route) and one
`batch_K.txt` per annotator. Sentences are split with the Python port of marsad's sentence rules
(data/events/dev/split_ant.py). The 145 sentences of data/events/dev/ant_dev.jsonl, already used for
error analysis, are never drawn.

Sampling routes (per source): `trigger:assault` / `trigger:protest` / `trigger:other` — a word of the
lists below occurs (this is where the hard negatives are); `random` — any sentence (where the misses are).
Split: SaudiNewsNet (CC BY-NC-SA) goes to test only, so no shipped weight is trained on it; of ANT and
ant_multisource, a fixed share per source goes to test.
"""
import glob, gzip, hashlib, json, os, random, re, sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'dev'))
from split_ant import sentences, field, date_of  # noqa: E402

PRE = r'(?:^|[\s«"(])(?:و|ف)?(?:ب|ل|ك)?(?:ال)?'
def lex(words):
    return re.compile(PRE + '(?:' + '|'.join(words) + ')')

ASSAULT = lex(['قتل', 'قتيل', 'مقتل', 'هجوم', 'هجمات', 'هاجم', 'انفجار', 'تفجير', 'فجر', 'اشتباك', 'اشتبك',
               'قصف', 'غارة', 'غارات', 'اغتيال', 'اغتال', 'خطف', 'اختطاف', 'انتحاري', 'عبوة', 'ناسفة', 'مسلح',
               'إرهابي', 'ارهابي', 'استهداف', 'استهدف', 'اعتداء', 'اعتدى', 'طعن', 'رصاص', 'جرحى', 'إصابة',
               'معارك', 'مواجهات', 'صاروخ', 'ذبح', 'أسر', 'تعذيب', 'عنف'])
PROTEST = lex(['تظاهر', 'مظاهر', 'متظاهر', 'احتجاج', 'احتج', 'محتج', 'إضراب', 'اضراب', 'اعتصام', 'اعتصم',
               'وقفة احتجاجية', 'مسيرة', 'مسيرات', 'عصيان', 'شغب', 'مقاطعة', 'إضراب عن الطعام'])
OTHER = lex(['التقى', 'استقبل', 'زيارة', 'زار', 'اجتماع', 'مباحثات', 'محادثات', 'اتصال هاتفي', 'دعا', 'طالب',
             'ناشد', 'اتهم', 'ندد', 'أدان', 'ادان', 'انتقد', 'حذر', 'هدد', 'توعد', 'اعتقل', 'اعتقال', 'إيقاف',
             'ايقاف', 'القبض', 'حكم', 'بالسجن', 'أفرج', 'الإفراج', 'عقوبات', 'اتفاق', 'وقع', 'مساعدات',
             'رفض', 'نفى', 'وافق', 'أشاد', 'هنأ', 'تعاون', 'وساطة', 'مفاوضات', 'استقالة', 'أقال', 'طرد',
             'ترحيل', 'حظر', 'حصار', 'انسحاب', 'نشر قوات', 'الطوارئ', 'حملة', 'تحقيق', 'إعدام'])

# per source: (train n, test n); routes' shares
PLAN = {
    'ant_v1.1': (880, 280),
    'Alarabia': (230, 55), 'BBC': (230, 55), 'CNN': (230, 55), 'France24': (230, 55), 'SkyNews': (230, 55),
    'saudinewsnet': (0, 300),
}
SHARES = [('trigger:assault', 0.30), ('trigger:protest', 0.15), ('trigger:other', 0.25), ('random', 0.30)]
COUNTRY = {'ant_v1.1': 'TUN', 'saudinewsnet': 'SAU'}  # multisource outlets: pan-Arab/international
N_BATCHES = 7


def ok_sentence(s):
    n = len(s.split())
    return 8 <= n <= 70 and 40 <= len(s) <= 420 and re.search('[\u0621-\u064a]{3}', s)


def ant_docs(root):
    for fn in sorted(glob.glob(os.path.join(root, '*', '*.txt'))):
        t = open(fn, encoding='utf-8', errors='replace').read()
        for doc in re.findall(r'<DOC>(.*?)</DOC>', t, re.S) or [t]:
            docno = (field(doc, 'DOCNO') or '').strip()
            body = field(doc, 'TEXT') or ''
            if docno and body:
                yield docno, date_of(docno, field(doc, 'TIME')), 'Jawhara FM', body


def jsonl_docs(path, outlet=None):
    with gzip.open(path, 'rt', encoding='utf-8') as f:
        for n, line in enumerate(f):
            try:
                d = json.loads(line)
            except ValueError:
                continue
            text = d.get('text') or d.get('content') or ''
            pub = (d.get('published') or d.get('date') or d.get('date_extracted') or '')[:10] or None
            did = d.get('id') or f"{os.path.basename(path)}:{n}"
            yield did, pub, outlet or d.get('source') or '', text


def sentences_of(docs):
    for did, pub, outlet, body in docs:
        for k, s in enumerate(sentences(body), 1):
            s = ' '.join(s.split())
            if ok_sentence(s):
                yield {'id': f'{did}#{k}', 'published': pub, 'outlet': outlet, 'text': s}


def route_of(s):
    if ASSAULT.search(s):
        return 'trigger:assault'
    if PROTEST.search(s):
        return 'trigger:protest'
    if OTHER.search(s):
        return 'trigger:other'
    return None


def draw(pool, n, rng, seen):
    """n sentences: SHARES per route, at most 2 per article, no repeated text."""
    by_route = {r: [] for r, _ in SHARES}
    for x in pool:
        r = route_of(x['text'])
        if r:
            by_route[r].append(x)
        by_route['random'].append(x)
    out, per_doc = [], {}
    for route, share in SHARES:
        cand = by_route[route][:]
        rng.shuffle(cand)
        want = round(n * share)
        got = 0
        for x in cand:
            if got == want:
                break
            key = hashlib.md5(x['text'].encode()).hexdigest()
            doc = x['id'].rsplit('#', 1)[0]
            if key in seen or per_doc.get(doc, 0) >= 2:
                continue
            seen.add(key)
            per_doc[doc] = per_doc.get(doc, 0) + 1
            out.append(dict(x, sample=route))
            got += 1
    return out


def write_pool(rows, sid, n_batches, pool_path, batch_path):
    """Numbers the drawn rows (sid(1), sid(2) …), deals them into n_batches, and writes the pool
    (JSONL) and each batch as the annotators see it (sid, date, sentence)."""
    for i, r in enumerate(rows):
        r['sid'] = sid(i + 1)
        r['batch'] = i % n_batches + 1
    with open(pool_path, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    for b in range(1, n_batches + 1):
        with open(batch_path(b), 'w', encoding='utf-8') as f:
            for r in rows:
                if r['batch'] == b:
                    f.write(f"{r['sid']}\t{r['published'] or ''}\t{r['text']}\n")


def main(news, out_dir):
    rng = random.Random(20261206)
    os.makedirs(out_dir, exist_ok=True)
    dev = os.path.join(os.path.dirname(__file__), '..', '..', 'dev', 'ant_dev.jsonl')
    seen = {hashlib.md5(' '.join(json.loads(l)['text'].split()).encode()).hexdigest() for l in open(dev)}
    sources = {
        'ant_v1.1': lambda: ant_docs(os.path.join(news, 'ant_v1.1')),
        'saudinewsnet': lambda: (d for p in sorted(glob.glob(os.path.join(news, 'saudinewsnet', '*.jsonl.gz')))
                                 for d in jsonl_docs(p)),
    }
    for o in ['Alarabia', 'BBC', 'CNN', 'France24', 'SkyNews']:
        sources[o] = (lambda o=o: jsonl_docs(os.path.join(news, 'ant_multisource', o + '.jsonl.gz'), o))
    rows = []
    for src, (n_train, n_test) in PLAN.items():
        pool = list(sentences_of(sources[src]()))
        rng.shuffle(pool)
        # test and train come from disjoint articles
        docs = sorted({x['id'].rsplit('#', 1)[0] for x in pool})
        rng.shuffle(docs)
        test_docs = set(docs[: len(docs) // 3]) if n_train else set(docs)
        test_pool = [x for x in pool if x['id'].rsplit('#', 1)[0] in test_docs]
        train_pool = [x for x in pool if x['id'].rsplit('#', 1)[0] not in test_docs]
        for split, p, n in (('test', test_pool, n_test), ('train', train_pool, n_train)):
            for x in draw(p, n, rng, seen):
                x.update(source=src, press=COUNTRY.get(src, 'pan-Arab'), split=split)
                rows.append(x)
        print(src, len(pool), 'sentences;', sum(r['source'] == src for r in rows), 'drawn', file=sys.stderr)
    rng.shuffle(rows)
    write_pool(rows, lambda i: f's{i:04d}', N_BATCHES, os.path.join(out_dir, 'pool.jsonl'),
               lambda b: os.path.join(out_dir, f'batch_{b}.txt'))
    # the doubly annotated slice: 300 sentences spread over every batch
    double = [r for r in rows if int(r['sid'][1:]) % 9 == 0][:300]
    with open(os.path.join(out_dir, 'double.txt'), 'w', encoding='utf-8') as f:
        for r in double:
            f.write(f"{r['sid']}\t{r['published'] or ''}\t{r['text']}\n")
    print(len(rows), 'sentences;', len(double), 'doubly annotated', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
