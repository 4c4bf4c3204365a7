"""Build the Saudi-press name gold's CoNLL files from the annotators' span lists.

Run from the repository root:
    python3 data/ner/saudi_gold/tools/merge.py data/ner/saudi_gold

Reads `work/pool.jsonl` (sentences, split) and `work/ann_1..3.jsonl` (first annotation), and
`work/ann_double.jsonl` (the independent second annotation of `work/double.txt`). Writes `dev.txt`
and `test.txt` (first annotation, by the split fixed at sampling) and `double_second.txt` (the
second annotation of its slice), in the CoNLL format `marsad eval mentions` reads: one token and
one BIO tag per line, a blank line after each sentence, the sentences in the order of `pool.jsonl`.

Tokens are the sentence's whitespace-separated words with punctuation at their edges split off; a
clitic stays on its word (وبجدة is one token), as in ANERcorp and Wojood. A name covers every
token it touches.
"""
import json, os, re, sys

PUNCT = '.,:;!?()[]{}«»"\'،؛؟…-–—/'


def tokens(text):
    """(token, start, end) for each token of text."""
    out = []
    for m in re.finditer(r'\S+', text):
        s, e = m.start(), m.end()
        w = m.group()
        lead = len(w) - len(w.lstrip(PUNCT))
        trail = len(w) - len(w.rstrip(PUNCT))
        if lead == len(w):
            out.extend((c, s + i, s + i + 1) for i, c in enumerate(w))
            continue
        out.extend((w[i], s + i, s + i + 1) for i in range(lead))
        out.append((w[lead:len(w) - trail], s + lead, e - trail))
        out.extend((w[i], s + i, s + i + 1) for i in range(len(w) - trail, len(w)))
    return out


def spans(text, names, sid):
    """Character spans of the names, found left to right."""
    out, cursor = [], 0
    for n in names:
        i = text.find(n['text'], cursor)
        if i < 0:
            i = text.find(n['text'])  # listed out of order: take the first occurrence
        if i < 0 or not n['text'].strip():
            raise SystemExit(f'{sid}: {n["text"]!r} is not in the sentence')
        out.append((i, i + len(n['text']), n['type']))
        cursor = i + len(n['text'])
    return out


def conll(sid, text, names):
    toks = tokens(text)
    tags = ['O'] * len(toks)
    for s, e, t in spans(text, names, sid):
        touched = [k for k, (_, ts, te) in enumerate(toks) if ts < e and te > s]
        for j, k in enumerate(touched):
            if tags[k] == 'O':
                tags[k] = ('B-' if j == 0 else 'I-') + t
    lines = [f'{w} {tag}' for (w, _, _), tag in zip(toks, tags)]
    return '\n'.join(lines) + '\n\n'


def read(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def main(root):
    work = os.path.join(root, 'work')
    pool = {r['sid']: r for r in read(os.path.join(work, 'pool.jsonl'))}
    first = {}
    for k in (1, 2, 3):
        for r in read(os.path.join(work, f'ann_{k}.jsonl')):
            first[r['sid']] = r['names']
    missing = [s for s in pool if s not in first]
    if missing:
        raise SystemExit(f'{len(missing)} sentences not coded, e.g. {missing[:3]}')
    for split in ('dev', 'test'):
        with open(os.path.join(root, f'{split}.txt'), 'w', encoding='utf-8') as f:
            for sid, r in pool.items():
                if r['split'] == split:
                    f.write(conll(sid, r['text'], first[sid]))
    second = read(os.path.join(work, 'ann_double.jsonl'))
    with open(os.path.join(root, 'double_second.txt'), 'w', encoding='utf-8') as f:
        for r in second:
            f.write(conll(r['sid'], pool[r['sid']]['text'], r['names']))
    with open(os.path.join(root, 'double_first.txt'), 'w', encoding='utf-8') as f:
        for r in second:
            f.write(conll(r['sid'], pool[r['sid']]['text'], first[r['sid']]))


if __name__ == '__main__':
    main(sys.argv[1])
