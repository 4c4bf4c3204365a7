import re, unicodedata, glob, os, json, sys
SHORT=300
TERM=set('.!?؟…؛۔'); CLOSER=set('”»"’\')]}“›'); AMB=set('“”„‟"')
def alnum(c): return c.isalnum() or unicodedata.category(c).startswith('N')
def alpha(c): return c.isalpha()
def arabic_mark(c): return unicodedata.category(c)=='Mn'
def quote_spans(s):
    spans=[]; ls=0
    for line in s.split('\n'):
        b=line.encode('utf-8'); open_=None; amb=[]
        # byte positions
        pos=0
        for c in line:
            if c=='«': open_=pos
            elif c=='»':
                if open_ is not None:
                    if pos-open_<SHORT: spans.append((ls+open_,ls+pos))
                    open_=None
            elif c in AMB: amb.append(pos)
            pos+=len(c.encode())
        if len(amb)%2==0:
            for i in range(0,len(amb),2):
                if amb[i+1]-amb[i]<SHORT: spans.append((ls+amb[i],ls+amb[i+1]))
        ls+=len(b)+1
    return spans
def period_ends(chars,k):
    prev=chars[k-1][1] if k>0 else None
    nxt=chars[k+1][1] if k+1<len(chars) else None
    if nxt is not None and alnum(nxt): return False
    if prev is not None and alpha(prev):
        before=chars[k-2][1] if k>=2 else None
        if not (before is not None and (alpha(before) or arabic_mark(before))): return False
    return True
def sentences(s):
    bs=s.encode()
    spans=quote_spans(s)
    chars=[]; p=0
    for c in s: chars.append((p,c)); p+=len(c.encode())
    out=[]; start=0; k=0
    inside=lambda i: any(a<i<b for a,b in spans)
    closes=lambda i: any(i==b for _,b in spans)
    def push(a,b):
        t=bs[a:b].decode()
        if t.strip(): out.append(t.strip())
    while k<len(chars):
        i,c=chars[k]
        if c in '\n\r\u2029':
            push(start,i); start=i+len(c.encode()); k+=1; continue
        ea=None
        if c in TERM and not inside(i):
            if c!='.' or period_ends(chars,k): ea=k
        elif closes(i):
            j=k
            while j>0 and chars[j-1][1]==' ': j-=1
            if j>0 and chars[j-1][1] in TERM: ea=k
        if ea is not None:
            e=ea
            while e+1<len(chars):
                n=chars[e+1][1]
                closer= n in CLOSER and not (e+2<len(chars) and alnum(chars[e+2][1]))
                if not (n in TERM or closer): break
                e+=1
            end=chars[e][0]+len(chars[e][1].encode())
            push(start,end); start=end; k=e+1; continue
        k+=1
    push(start,len(bs))
    return out
def field(t,tag):
    m=re.search('<%s>(.*?)</%s>'%(tag,tag),t,re.S); return m.group(1) if m else None
def date_of(doc,time):
    time=(time or '').strip()
    m=re.match(r'(\d{4})-(\d{2})-(\d{2})',time)
    if m: return '-'.join(m.groups())
    m=re.match(r'(\d{2})/(\d{2})/(\d{4})',time)
    if m: return f'{m.group(3)}-{m.group(2)}-{m.group(1)}'
    return None
if __name__=='__main__':
    root='/work/shared/data/news/ant_v1.1/'
    with open('ant_sentences.jsonl','w') as f:
        for cat in ['politic','internationalNews']:
            for fn in sorted(glob.glob(root+cat+'/*.txt')):
                t=open(fn,encoding='utf-8').read()
                doc=field(t,'DOCNO').strip(); d=date_of(doc,field(t,'TIME'))
                body=field(t,'TEXT') or ''
                for n,snt in enumerate(sentences(body),1):
                    f.write(json.dumps({'id':f'{doc}#{n}','published':d,'title':field(t,'TITLE').strip(),'text':snt},ensure_ascii=False)+'\n')
