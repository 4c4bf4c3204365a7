#!/usr/bin/env bash
# Every evaluation and benchmark of marsad against ../shared/data, printed as one table.
# Quality figures are gated: the script fails when one drops below its threshold (kept just
# under what main reaches, to catch regressions). Speed and memory are printed, not gated.
#
#   bash scripts/eval.sh            # SHARED=../shared by default
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
D=$SHARED/data
[ -d "$D" ] || { echo "no $D: evaluations need ../shared beside the repository" >&2; exit 1; }
cargo build --release --quiet -p marsad-cli
M=target/release/marsad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# name | command | json key | threshold (empty: not gated)
rows=()
fail=0
measure() {
  local name=$1 key=$2 threshold=$3 json=$4
  local value
  value=$(python3 -c 'import json,sys; v=json.loads(sys.argv[1])[sys.argv[2]]; print(round(v, 4) if isinstance(v, float) else v)' "$json" "$key")
  local verdict=""
  if [ -n "$threshold" ]; then
    if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)' "$value" "$threshold"; then
      verdict="ok (>= $threshold)"
    else
      verdict="FAIL (< $threshold)"; fail=1
    fi
  fi
  rows+=("$(printf '%-44s %12s  %s' "$name" "$value" "$verdict")")
}

# The JSON object at a path of keys.
nested() { python3 -c 'import json,sys; r=json.loads(sys.argv[1])
for k in sys.argv[2:]: r=r[k]
print(json.dumps(r))' "$@"; }

X=$D/ir/xquad-r-ar
j=$($M eval ir --corpus "$X/corpus.jsonl" --queries "$X/queries.tsv" --qrels "$X/qrels.txt" --json)
measure "XQuAD-R-ar paragraphs MRR@10" "mrr@10" 0.935 "$j"
measure "XQuAD-R-ar paragraphs nDCG@10" "ndcg@10" "" "$j"
measure "XQuAD-R-ar paragraphs R@100" "recall@100" "" "$j"
j=$($M eval ir --corpus "$X/corpus_sentences.jsonl" --queries "$X/queries.tsv" --qrels "$X/qrels_sentences.txt" --json)
measure "XQuAD-R-ar sentences MRR@10" "mrr@10" 0.747 "$j"
measure "XQuAD-R-ar sentences nDCG@10" "ndcg@10" "" "$j"
measure "XQuAD-R-ar sentences R@100" "recall@100" "" "$j"

j=$($M eval ner --test "$D/ner/anercorp/ANERCorp_CamelLab_test.reconstructed.txt" --json)
measure "ANERcorp test NER micro F1" "f1" 0.757 "$j"
measure "ANERcorp test NER precision" "precision" "" "$j"
measure "ANERcorp test NER recall" "recall" "" "$j"
for t in PERS LOC ORG MISC; do
  jt=$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])["per_type"][sys.argv[2]]))' "$j" $t)
  gate=""; [ $t = ORG ] && gate=0.59; [ $t = PERS ] && gate=0.78
  measure "ANERcorp test NER $t F1" "f1" "$gate" "$jt"
done

# HTML main-text extraction on the development set (six public benchmarks, no Arabic page).
j=$($M eval html --manifest "$D/html/manifest.jsonl" --json)
measure "HTML dev set: word F1 (509 full-text pages)" "f1" 0.955 "$(nested "$j" all words)"
measure "HTML dev set: word precision" "precision" "" "$(nested "$j" all words)"
measure "HTML dev set: word recall" "recall" "" "$(nested "$j" all words)"
measure "HTML dev set: snippet accuracy" "snippet_accuracy" 0.90 "$(nested "$j" all)"
measure "HTML dev set: date accuracy" "date_accuracy" 0.81 "$(nested "$j" all)"
j=$($M eval html --manifest data/html_ar/manifest.jsonl --json)
measure "HTML Arabic layouts (24 shipped pages): word F1" "f1" 0.99 "$(nested "$j" all words)"
measure "HTML Arabic layouts: date accuracy" "date_accuracy" 0.95 "$(nested "$j" all)"
j=$($M bench html "$D/html" --json)
measure "HTML extraction alone, one thread: pages/s" "pages/s" "" "$j"

# The whole entity pipeline (KB + tagger + linking) as analyze emits it, `kind: name` mentions only.
# ANERcorp (2007) leaves ministries untagged and heads out (حركة حماس → حماس); Wojood tags them whole.
# Each sentence is its own article; "ANERcorp-articles" analyses 20 consecutive sentences as the
# paragraphs of one article (ANERcorp's sentences are whole articles in order), as analyze sees them.
# A place's mention takes the generic word before it (منطقة عسير، مدينة جدة), as Wojood and the
# Saudi gold write names; ANERcorp leaves that word out, so its figures fell then (typed 0.7085 ->
# 0.692, untyped 0.759 -> 0.741; Wojood test typed 0.563 -> 0.659, Saudi test 0.609 -> 0.671).
# The Saudi-press gold (data/ner/saudi_gold, SaudiNewsNet 2015) is marsad's own: test is scored
# only, dev is where its errors are read.
for set in "$D/ner/anercorp/ANERCorp_CamelLab_test.reconstructed.txt ANERcorp 0.68 0.70 0.51 0.73 1" \
           "$D/ner/anercorp/ANERCorp_CamelLab_test.reconstructed.txt ANERcorp-articles 0.71 0.76 0.54 0.76 20" \
           "$D/ner/wojood_sample/test.txt Wojood-sample 0.64 0.61 0.66 0.68 1" \
           "data/ner/saudi_gold/test.txt Saudi-press 0.66 0.78 0.51 0.71 1" \
           "data/ner/saudi_gold/dev.txt Saudi-press-dev 0.66 0.76 0.50 0.71 1"; do
  read -r f name g_typed g_per g_org g_untyped article <<< "$set"
  j=$($M eval mentions --test "$f" --article "$article" --json)
  measure "$name test mentions: typed F1 (names)" "f1" "$g_typed" "$(nested "$j" typed)"
  measure "$name test mentions: PER F1" "f1" "$g_per" "$(nested "$j" per_type PER)"
  measure "$name test mentions: ORG F1" "f1" "$g_org" "$(nested "$j" per_type ORG)"
  measure "$name test mentions: untyped PER/LOC/ORG F1" "f1" "$g_untyped" "$(nested "$j" untyped)"
  measure "$name test mentions: untyped F1, every kind" "f1" "" "$(nested "$j" untyped_all_kinds)"
done

j=$($M eval events --gold "$SHARED/fixtures/000_e6d7035163982f4c.expected.json" --json)
j=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(json.dumps({"found": len(r["found_required"]), "spurious": len(r["spurious"]), "produced": r["produced"]}))' "$j")
measure "seed events: required found (of 8)" "found" 8 "$j"
measure "seed events: spurious" "spurious" "" "$j"
python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["spurious"] <= 1 else 1)' "$j" || { rows+=("seed events: more than 1 spurious: FAIL"); fail=1; }
j=$($M eval events --gold data/events/dev/ant_dev.jsonl --json)
# 145 sentences: one retrain of the detector moves this by ±0.005 (0.6535 -> 0.6484 after the
# rules 13/14 review, with cross-validated F1 0.507 -> 0.506 and the cross-press figures unchanged).
measure "event dev set (145 ANT sentences) root F1" "f1" 0.64 "$j"
measure "event dev set root precision" "precision" "" "$j"
measure "event dev set root recall" "recall" "" "$j"

# Events on the gold corpus (data/events/gold): the frozen test split, scored for the coder and,
# for comparison, the rules alone (today's dictionary with every proposal emitted, no detector) and
# four keywords per type.
G=data/events/gold
for coder in marsad rules keywords; do
  j=$($M eval events --gold $G/test.jsonl --coder $coder --json)
  gate() { [ $coder = marsad ] && echo "$1" || echo ""; }
  measure "events test [$coder]: event-type F1" "f1" "$(gate 0.54)" "$(nested "$j" event_type)"
  measure "events test [$coder]: event-type precision" "precision" "$(gate 0.70)" "$(nested "$j" event_type)"
  measure "events test [$coder]: event-type recall" "recall" "" "$(nested "$j" event_type)"
  for t in ASSAULT PROTEST; do
    # Since thresholds are chosen leaving one outlet out (cross-press PROTEST 0.383 -> 0.446),
    # the test split's PROTEST (43 gold sentences) went 0.675 -> 0.632 and ASSAULT 0.648 -> 0.675.
    # A retrain after a small entity change (a few train sentences' names) moved ASSAULT
    # 0.675 -> 0.639 with thresholds unchanged (the old detector on the new entities: 0.675):
    # ±5 of 83 gold sentences is this detector's retraining noise, so the gates sit under it.
    # PROTEST's threshold at a precision floor of 0.65 (d30ce3b) took it 0.667 -> 0.700.
    g=0.62; [ $t = PROTEST ] && g=0.66
    measure "events test [$coder]: $t F1" "f1" "$(gate $g)" "$(nested "$j" by_type $t)"
    measure "events test [$coder]: $t hard-negative FPR" "rate" "" "$(nested "$j" hard_negative_fpr $t)"
  done
  measure "events test [$coder]: hard-negative FPR (any)" "rate" "" "$(nested "$j" hard_negative_fpr any)"
  if [ $coder = marsad ]; then
    python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["hard_negative_fpr"]["any"]["rate"] <= 0.10 else 1)' "$j" \
      || { rows+=("events test: hard-negative FPR above 0.10: FAIL"); fail=1; }
  fi
  measure "events test [$coder]: actors, type + both right" "rate" "$(gate 0.20)" "$(nested "$j" actor_both)"
done
j=$($M eval agreement --a $G/train.jsonl $G/test.jsonl --b $G/double_second.jsonl --json)
measure "event gold agreement: kappa event/no-event" "kappa" "" "$(nested "$j" event)"
measure "event gold agreement: kappa event type" "kappa" "" "$(nested "$j" event_type)"
# The shipped tagger is rebuilt byte for byte from the ANERcorp train split (with the shipped KB:
# its features read the KB, so a KB change means retraining it).
$M train ner --train "$D/ner/anercorp/ANERCorp_CamelLab_train.reconstructed.txt" --out "$tmp/ner.bin.gz" > /dev/null
if cmp -s "$tmp/ner.bin.gz" data/ner/model.bin.gz; then
  rows+=("$(printf '%-44s %12s' "NER tagger rebuilt byte for byte" "yes")")
else
  rows+=("NER tagger rebuilt byte for byte: FAIL (marsad train ner gives other bytes)"); fail=1
fi
# The shipped detector is rebuilt byte for byte from the corpus.
$M train events --corpus $G/train.jsonl --out "$tmp/detector.tsv.gz" > /dev/null
if cmp -s "$tmp/detector.tsv.gz" data/events/detector.tsv.gz; then
  rows+=("$(printf '%-44s %12s' "event detector rebuilt byte for byte" "yes")")
else
  rows+=("event detector rebuilt byte for byte: FAIL (marsad train events gives other bytes)"); fail=1
fi
# Another press than the one trained on, without touching the test split: a detector trained on
# the Tunisian (ANT) train sentences scored on the five pan-Arab outlets' train sentences, and one
# trained on the five outlets scored on ANT.
$M train events --corpus $G/train.jsonl --source ant_v1.1 --out "$tmp/det_ant.tsv.gz" > /dev/null
$M train events --corpus $G/train.jsonl --not-source ant_v1.1 --out "$tmp/det_pan.tsv.gz" > /dev/null
j=$($M eval events --gold $G/train.jsonl --not-source ant_v1.1 --detector "$tmp/det_ant.tsv.gz" --json)
measure "events, trained on ANT, scored on pan-Arab: F1" "f1" 0.42 "$(nested "$j" event_type)"
measure "events, trained on ANT, scored on pan-Arab: ASSAULT F1" "f1" "" "$(nested "$j" by_type ASSAULT)"
j=$($M eval events --gold $G/train.jsonl --source ant_v1.1 --detector "$tmp/det_pan.tsv.gz" --json)
# Both figures move by ±0.02 with the threshold grid of a detector trained on 2,680 or 3,750
# sentences (at d52389a, when وزارة stopped being read as و + زار + ه: 0.441 / 0.402; one commit
# later, with وزير and وحدات read as agents: 0.430 / 0.425); the gates sit under both.
# With thresholds chosen leaving one of the five outlets out (this training set has five): 0.442.
measure "events, trained on pan-Arab, scored on ANT: F1" "f1" 0.42 "$(nested "$j" event_type)"
measure "events, trained on pan-Arab, scored on ANT: PROTEST F1" "f1" "" "$(nested "$j" by_type PROTEST)"

ANT=$D/news/ant_v1.1
j=$($M bench analyze "$ANT" --limit 3000 --json)
measure "entities + events, one thread: sentences/s" "sentences/s" "" "$j"
for t in 1 2; do
  j=$($M bench ingest "$ANT" --threads $t --no-entities --json)
  measure "ingest ANT text+index, $t thread(s): MB/s" "mb/s" "" "$j"
  measure "ingest ANT text+index, $t thread(s): docs/s" "docs/s" "" "$j"
  measure "ingest ANT text+index, $t thread(s): MB/CPU-s" "mb/cpu-s" "" "$j"
  measure "ingest ANT text+index, $t thread(s): peak RSS MB" "peak_rss_mb" "" "$j"
done
j=$($M bench ingest "$ANT" --json)
measure "ingest ANT with entities, all threads: MB/s" "mb/s" "" "$j"
measure "ingest ANT with entities: docs/s" "docs/s" "" "$j"
measure "ingest ANT with entities: peak RSS MB" "peak_rss_mb" "" "$j"

$M --data "$tmp/ant" ingest "$ANT" --json > "$tmp/ingest.json" 2>/dev/null
j=$(cat "$tmp/ingest.json")
measure "ANT documents read" "documents" 10161 "$j"
measure "ANT read errors (empty bodies)" "errors" "" "$j"
measure "ANT articles stored" "stored" "" "$j"
measure "ANT duplicate documents (copies)" "duplicates" "" "$j"
j=$($M --data "$tmp/ant" stats --json)
measure "ANT exact-duplicate pairs recognised" "duplicate_pairs" 179 "$j"
measure "ANT entities (distinct)" "entities" "" "$j"
measure "ANT entity mentions" "mentions" "" "$j"
j=$($M --data "$tmp/ant" bench search --json)
measure "search p50 ms (ANT, top 10 + snippets)" "p50_ms" "" "$j"
measure "search p99 ms (ANT, top 10 + snippets)" "p99_ms" "" "$j"

# Near-duplicates and stories.
# The ANT store above read again: every article is already stored (content ids), nothing is added.
j=$($M --data "$tmp/ant" ingest "$ANT" --json 2>/dev/null)
measure "ANT ingested a second time: stored" "stored" "" "$j"
python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["stored"] == 0 else 1)' "$j" || { rows+=("ANT second ingest stored articles: FAIL"); fail=1; }
j=$($M --data "$tmp/ant" stats --json)
measure "ANT near-duplicate articles" "near_duplicates" "" "$j"
measure "ANT stories" "stories" "" "$j"
measure "ANT events / distinct happenings" "event_groups" "" "$j"
# A synthetic corpus with planted near-duplicates (20,000 documents built from ANT), ingested
# and scored on its gold pairs (every planted pair, as many sampled non-duplicate pairs).
$M bench gen --from "$ANT" --n 20000 --out "$tmp/gen" --json > /dev/null
$M --data "$tmp/gen-store" ingest "$tmp/gen/corpus.jsonl" --json > /dev/null 2>&1
j=$($M --data "$tmp/gen-store" eval dedup --pairs "$tmp/gen/pairs.tsv" --complete --json)
measure "synthetic 20k near-duplicate pairs F1" "f1" 0.98 "$j"
measure "synthetic 20k near-duplicate precision" "precision" "" "$j"
measure "synthetic 20k near-duplicate recall" "recall" "" "$j"
j=$($M bench dedup --from "$ANT" --n 100000 --json)
measure "dedup+stories 100k synthetic: F1" "f1" 0.99 "$j"
measure "dedup+stories 100k synthetic: seconds" "seconds" "" "$j"
measure "dedup+stories 100k synthetic: docs/s" "docs/s" "" "$j"
measure "dedup+stories 100k synthetic: peak RSS MB" "peak_rss_mb" "" "$j"
# The map and the timeline over 50,000 synthetic events, as the server answers them.
jm=$($M bench map --json)
measure "map 50k events, no filter: p99 ms" "p99_ms" "" "$(echo "$jm" | sed -n 1p)"
measure "map 50k events, roots 18-20: p99 ms" "p99_ms" "" "$(echo "$jm" | sed -n 2p)"
measure "timeline 50k events by day: p99 ms" "p99_ms" "" "$(echo "$jm" | sed -n 4p)"
# Events re-emitted: data/sample again from another outlet (new ids, "عاجل:" headlines, a footer
# line, so near-duplicates rather than exact copies); the share of GDELT rows that repeat an
# event already exported (same actors, root, place, day) must stay near 0.
$M --data "$tmp/re" ingest data/sample > /dev/null 2>&1
python3 - "$tmp/re/marsad.sqlite" "$tmp/re.jsonl" <<'EOF'
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w") as f:
    for id_, title, paras, pub in c.execute("SELECT id, title, paragraphs, published FROM articles ORDER BY id"):
        ps = json.loads(paras) + ["شارك هذا المقال مع أصدقائك"]
        f.write(json.dumps({"id": "outlet2/" + id_, "source": "outlet2", "title": "عاجل: " + title,
                            "paragraphs": ps, "published": pub}, ensure_ascii=False) + "\n")
EOF
$M --data "$tmp/re" ingest "$tmp/re.jsonl" > /dev/null 2>&1
j=$($M --data "$tmp/re" export events --format gdelt --no-header | python3 -c '
import sys, json
rows = [l.rstrip("\n").split("\t") for l in sys.stdin if l.strip()]
seen, dup = set(), 0
for r in rows:
    k = (r[5], r[15], r[28], r[52], r[1])
    dup += k in seen
    seen.add(k)
print(json.dumps({"rows": len(rows), "share": dup / max(len(rows), 1), "counted_twice": sum(r[33] == "2" for r in rows)}))')
measure "events re-emitted: GDELT rows" "rows" "" "$j"
measure "events re-emitted: rows with NumArticles 2" "counted_twice" "" "$j"
measure "events re-emitted: duplicated row share" "share" "" "$j"
python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["share"] <= 0.02 else 1)' "$j" || { rows+=("events re-emitted: duplicated share > 0.02: FAIL"); fail=1; }

# Load: 64 clients searching for 30 s over loopback (wrk), on the ANT store just built.
load=$( (bash tests/browser/load.sh "$tmp/ant" 2>&1 || echo "load test failed") | grep -E "non-2xx|Requests/sec|Socket errors|failed" | tr '\n' ' ' || true) 
rows+=("$(printf '%-44s %s' "HTTP search load, 64 clients, 30 s" "$load")")

echo
printf '%-44s %12s  %s\n' "figure ($(nproc) cores)" "value" "gate"
printf '%s\n' "${rows[@]}"
exit $fail
