"""Adapt WikiFANE Gold 2014 to ANERcorp's shape, for training experiments (not shipped).

    python3 data/ner/tools/wikifane_adapt.py ../shared/data/ner/wikifane OUT.txt [nomisc]

WikiFANE splits clitics off and marks Arabic tokens with U+200E; its 50 fine classes map to
PERS/LOC/ORG/MISC/O by its mapping.tsv. Here the marks go, lone proclitics (و ف ب ل) are joined to
the next word (taking its tag), enclitic pronouns (ه ها هم …) to the previous word (ة → ت before
them), and `nomisc` maps MISC to O. Used with
`cargo run --release -p marsad-entities --example train_ner -- TRAIN data/ner --dev-frac 0.15
--no-save --extra OUT.txt` (see data/ner/README.md, "Tried and not kept").
"""
import gzip, os, sys

PRO = {'و', 'ف', 'ب', 'ل'}
ENC = {'ه', 'ها', 'هم', 'هما', 'هن', 'ي', 'نا', 'كم', 'كما', 'كن'}


def main(src, out, misc_to_o=False):
    mp = {}
    for l in open(os.path.join(src, 'mapping.tsv'), encoding='utf-8'):
        p = l.rstrip('\n').split('\t')
        if len(p) >= 2:
            mp[p[0]] = p[1]

    def tag(t):
        if t == 'O':
            return 'O'
        bio, cls = t.split('-', 1)
        m = mp.get(cls, 'O')
        return 'O' if m == 'O' or (misc_to_o and m == 'MISC') else f'{bio}-{m}'

    sents, cur = [], []
    path = os.path.join(src, 'WikiFANE_Gold_2014_500K.filtered.txt.gz')
    for l in gzip.open(path, 'rt', encoding='utf-8'):
        l = l.replace('\u200e', '').replace('\ufeff', '').strip()
        if not l:
            if cur:
                sents.append(cur)
                cur = []
            continue
        p = l.split()
        if len(p) >= 2:
            cur.append([p[0], tag(p[-1])])
    if cur:
        sents.append(cur)
    with open(out, 'w', encoding='utf-8') as f:
        for s in sents:
            merged, pend = [], None
            for w, t in s:
                if pend is not None:
                    pw, pt = pend
                    pend = None
                    w = pw + w
                    if t == 'O' and pt != 'O':
                        t = pt
                if w in PRO:
                    pend = (w, t)
                    continue
                if w in ENC and merged:
                    b = merged[-1][0]
                    merged[-1][0] = (b[:-1] + 'ت' if b.endswith('ة') else b) + w
                    continue
                merged.append([w, t])
            if pend:
                merged.append(list(pend))
            prev = 'O'
            for x in merged:  # an I- after O or another type opens a name
                if x[1].startswith('I-') and (prev == 'O' or prev[2:] != x[1][2:]):
                    x[1] = 'B-' + x[1][2:]
                prev = x[1]
            for w, t in merged:
                f.write(f'{w} {t}\n')
            f.write('\n')
    print(len(sents), 'sentences', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], len(sys.argv) > 3 and sys.argv[3] == 'nomisc')
