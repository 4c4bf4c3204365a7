"""Agreement of the two independent annotations of the doubly coded slice.

    python3 data/ner/saudi_gold/tools/agreement.py data/ner/saudi_gold/double_first.txt data/ner/saudi_gold/double_second.txt

Prints exact-span F1 between the annotators (one taken as gold; F1 is symmetric), typed and
untyped, per type, and Cohen's kappa on the token labels (O / PER / LOC / ORG / FAC, BIO prefix
dropped) and on name / no name per token.
"""
import collections, sys


def read(path):
    sents, cur = [], []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            tok, tag = line.rsplit(' ', 1)
            cur.append(tag)
    if cur:
        sents.append(cur)
    return sents


def spans(tags):
    out, start, typ = set(), None, None
    for i, t in enumerate(tags + ['O']):
        if start is not None and not (t.startswith('I-') and t[2:] == typ):
            out.add((start, i, typ))
            start = None
        if t.startswith('B-') or (t.startswith('I-') and start is None):
            start, typ = i, t[2:]
    return out


def f1(a, b):
    tp = len(a & b)
    return 2 * tp / (len(a) + len(b)) if a or b else 1.0


def kappa(x, y):
    n = len(x)
    po = sum(p == q for p, q in zip(x, y)) / n
    cx, cy = collections.Counter(x), collections.Counter(y)
    pe = sum(cx[k] * cy[k] for k in cx) / (n * n)
    return (po - pe) / (1 - pe), po


def main(pa, pb):
    a, b = read(pa), read(pb)
    assert len(a) == len(b) and all(len(p) == len(q) for p, q in zip(a, b)), 'token mismatch'
    sa = {(k,) + s for k, t in enumerate(a) for s in spans(t)}
    sb = {(k,) + s for k, t in enumerate(b) for s in spans(t)}
    print(f'{len(a)} sentences; names: first {len(sa)}, second {len(sb)}')
    print(f'typed exact-span F1     {f1(sa, sb):.3f}')
    print(f'untyped exact-span F1   {f1({s[:3] for s in sa}, {s[:3] for s in sb}):.3f}')
    for t in sorted({s[3] for s in sa | sb}):
        ta, tb = {s for s in sa if s[3] == t}, {s for s in sb if s[3] == t}
        print(f'  {t:<4} F1 {f1(ta, tb):.3f}  (first {len(ta)}, second {len(tb)})')
    la = [t[2:] if t != 'O' else 'O' for s in a for t in s]
    lb = [t[2:] if t != 'O' else 'O' for s in b for t in s]
    k, po = kappa(la, lb)
    print(f'token kappa, type       {k:.3f} (observed {po:.3f}, {len(la)} tokens)')
    k, po = kappa([t != 'O' for t in la], [t != 'O' for t in lb])
    print(f'token kappa, name or not {k:.3f} (observed {po:.3f})')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
