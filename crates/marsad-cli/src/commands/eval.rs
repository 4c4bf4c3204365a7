//! `marsad eval …`: quality figures from a dataset path, so anyone can rerun them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::Article;
use marsad_store::{ir_eval, Analyzed, Store};

#[derive(clap::Subcommand)]
pub enum Eval {
    /// Retrieval: corpus JSONL ({"id","title","text"}) + queries TSV + TREC qrels → MRR@10, nDCG@10, R@100.
    Ir(IrArgs),
    /// NER: CoNLL BIO file (token TAG per line) → entity-level P/R/F1, overall and per type.
    Ner(NerArgs),
    /// Entities as `analyze` finds them (KB, tagger, linking): CoNLL BIO file → P/R/F1 of the
    /// `kind: name` mentions, typed and untyped (PER/LOC/ORG), and what counting every kind gives.
    Mentions(MentionsArgs),
    /// Events: a seed-style .expected.json (with --article and the article's file) or a
    /// sentence-level JSONL gold file → precision, recall, F1 (overall and by root).
    Events(EventsArgs),
    /// Agreement of two annotations of the same gold sentences (data/events/gold format, matched
    /// by sid): Cohen's kappa on event/no-event and on event type.
    Agreement {
        /// The first annotation (e.g. data/events/gold/train.jsonl; several files allowed).
        #[arg(long, required = true, num_args = 1..)]
        a: Vec<PathBuf>,
        /// The second, independent annotation (e.g. data/events/gold/double_second.jsonl).
        #[arg(long)]
        b: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Near-duplicates: labelled pairs TSV (`id_a<TAB>id_b<TAB>label`) against the store at
    /// --data → precision, recall, F1 (duplicate = same article or same near-duplicate group).
    Dedup(super::dedup::EvalArgs),
    /// HTML main-text extraction: the development set's manifest.jsonl → word P/R/F1 (full-text
    /// gold), snippet accuracy, date accuracy, overall and per benchmark; marsad's reader or
    /// another extractor's output (--predictions).
    Html(super::eval_html::HtmlArgs),
}

#[derive(clap::Args)]
pub struct EventsArgs {
    /// The gold file: `*.expected.json` (needs --article) or sentence JSONL
    /// (`{"text","published","events":[{"root","actor1_country","actor2_country"}]}` per line).
    #[arg(long)]
    gold: PathBuf,
    /// The article an .expected.json describes (default: the gold path without `.expected.json`, plus `.txt`).
    #[arg(long)]
    article: Option<PathBuf>,
    /// Gold corpus files (data/events/gold format): score only this split (train, test; default all).
    #[arg(long)]
    split: Option<String>,
    /// Gold corpus files: score only sentences from these source corpora (`ant_v1.1`, `BBC`,
    /// `saudinewsnet` …; repeatable).
    #[arg(long)]
    source: Vec<String>,
    /// Gold corpus files: leave out sentences from these source corpora (repeatable).
    #[arg(long)]
    not_source: Vec<String>,
    /// Score with this detector file (`marsad train events --out`) instead of the shipped one:
    /// e.g. one trained without a press, scored on that press (`--source`).
    #[arg(long)]
    detector: Option<PathBuf>,
    /// Which coder: `marsad` (rules propose, the detector decides), `rules` (every event the rules
    /// propose: the coder before the detector), `keywords` (a sentence with قتل/هجوم/انفجار/اشتباك
    /// is one ASSAULT event, with تظاهر/احتجاج/إضراب/اعتصام one PROTEST event: the floor to beat).
    #[arg(long, default_value = "marsad")]
    coder: String,
    #[arg(long)]
    json: bool,
    /// Gold corpus files: also list each gold event whose type was found with a wrong source or
    /// target side (for error analysis: use it on train sentences, never on the test split).
    #[arg(long)]
    actor_errors: bool,
}

#[derive(clap::Args)]
pub struct NerArgs {
    #[arg(long)]
    test: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct MentionsArgs {
    #[arg(long)]
    test: PathBuf,
    #[arg(long)]
    json: bool,
    /// Also list every missed and spurious name (for dev files, never a test split).
    #[arg(long)]
    errors: bool,
    /// Analyse N consecutive sentences as the paragraphs of one article (a file of whole
    /// articles' sentences in order, as ANERcorp); 1 = each sentence alone.
    #[arg(long, default_value_t = 1)]
    article: usize,
}

#[derive(clap::Args)]
pub struct IrArgs {
    #[arg(long)]
    corpus: PathBuf,
    #[arg(long)]
    queries: PathBuf,
    #[arg(long)]
    qrels: PathBuf,
    /// Index the corpus titles too (the published anchors index `text` only).
    #[arg(long)]
    with_title: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(data: &Path, e: Eval) -> anyhow::Result<ExitCode> {
    match e {
        Eval::Dedup(a) => super::dedup::eval(data, a),
        Eval::Html(a) => super::eval_html::run(a),
        Eval::Ir(a) => ir(a),
        Eval::Ner(a) => ner(a),
        Eval::Mentions(a) => mentions(a),
        Eval::Events(a) => events(a),
        Eval::Agreement { a, b, json } => agreement(&a, &b, json),
    }
}

fn events(a: EventsArgs) -> anyhow::Result<ExitCode> {
    let gold = read(&a.gold)?;
    let analyzer = marsad_analyze::Analyzer::load();
    let name = a.gold.to_string_lossy().to_string();
    if let Some(stem) = name.strip_suffix(".expected.json") {
        let article = a
            .article
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{stem}.txt")));
        let v: serde_json::Value =
            serde_json::from_str(&gold).with_context(|| format!("{name}: not JSON"))?;
        let published = v["published"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let opts = marsad_ingest::ReadOptions {
            published,
            ..Default::default()
        };
        let mut docs = marsad_ingest::read_file_with(&article, marsad_ingest::Format::Auto, &opts);
        let doc = match docs.pop() {
            Some(Ok(d)) if docs.is_empty() => d,
            Some(Err(e)) => anyhow::bail!("{e}"),
            _ => anyhow::bail!("{}: expected one article", article.display()),
        };
        let done = analyzer.analyze(doc);
        let r = marsad_events::eval::score_expected(&gold, &done.events)
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        if a.json {
            println!("{}", serde_json::to_string(&r)?);
        } else {
            println!(
                "required found {}/{}: {:?}",
                r.found_required.len(),
                r.required,
                r.found_required
            );
            println!("missing required: {:?}", r.missing_required);
            println!("optional found: {:?}", r.found_optional);
            println!("spurious: {} of {} produced", r.spurious.len(), r.produced);
            println!(
                "precision {:.4}  recall {:.4}  F1 {:.4}",
                r.precision, r.recall, r.f1
            );
        }
    } else if marsad_events::corpus::is_corpus(&gold) {
        return corpus(&a, &gold, &analyzer);
    } else {
        let start = std::time::Instant::now();
        let r = marsad_events::eval::score_sentences(&gold, |text, published| {
            analyzer.events_of_text(text, published)
        })
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        let seconds = start.elapsed().as_secs_f64();
        if a.json {
            println!("{}", serde_json::to_string(&r)?);
        } else {
            println!(
                "{} sentences ({:.0}/s with entities + events), {} gold events, {} produced",
                r.sentences,
                r.sentences as f64 / seconds,
                r.gold_events,
                r.produced_events
            );
            println!(
                "root level  P {:.4}  R {:.4}  F1 {:.4}",
                r.precision, r.recall, r.f1
            );
            println!(
                "with actors P {:.4}  R {:.4}  F1 {:.4}",
                r.strict.precision, r.strict.recall, r.strict.f1
            );
            for (root, p) in &r.by_root {
                println!(
                    "  root {root}: P {:.2} R {:.2} F1 {:.2} (tp {}, fp {}, fn {})",
                    p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn ner(a: NerArgs) -> anyhow::Result<ExitCode> {
    use marsad_entities::tagger;
    let gold = tagger::read_conll(&read(&a.test)?);
    anyhow::ensure!(!gold.is_empty(), "{}: no sentences", a.test.display());
    let model =
        tagger::Model::embedded().map_err(|e| anyhow::anyhow!("loading the NER model: {e}"))?;
    let start = std::time::Instant::now();
    let predicted = model.tag_corpus(&gold);
    let seconds = start.elapsed().as_secs_f64();
    let r = tagger::evaluate(&gold, &predicted);
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        let tokens: usize = gold.iter().map(|s| s.tokens.len()).sum();
        println!(
            "{} sentences, {} tokens, tagged in {:.2} s ({:.0} tokens/s)",
            gold.len(),
            tokens,
            seconds,
            tokens as f64 / seconds
        );
        println!(
            "overall  P {:.4}  R {:.4}  F1 {:.4}",
            r.precision, r.recall, r.f1
        );
        for (t, s) in &r.per_type {
            println!(
                "{t:<8} P {:.4}  R {:.4}  F1 {:.4}  (gold {}, predicted {})",
                s.precision, s.recall, s.f1, s.gold, s.predicted
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn mentions(a: MentionsArgs) -> anyhow::Result<ExitCode> {
    use marsad_entities::tagger;
    let gold = tagger::read_conll_any_type(&read(&a.test)?);
    anyhow::ensure!(!gold.is_empty(), "{}: no sentences", a.test.display());
    let analyzer = marsad_analyze::Analyzer::load();
    let start = std::time::Instant::now();
    let tokens = marsad_entities::mention_eval::display_tokens(&gold);
    let found = entities_by_article(&analyzer, &tokens, a.article.max(1));
    let seconds = start.elapsed().as_secs_f64();
    let r = marsad_entities::mention_eval::score_mentions(&gold, &tokens, &found);
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
        return Ok(ExitCode::SUCCESS);
    }
    let line = |name: &str, s: &marsad_entities::tagger::TypeScore| {
        println!(
            "{name:<22} P {:.4}  R {:.4}  F1 {:.4}  (gold {}, found {}, right {})",
            s.precision, s.recall, s.f1, s.gold, s.predicted, s.correct
        )
    };
    println!(
        "{} sentences analysed in {:.2} s (KB + tagger + linking, one paragraph each, {} per article); mentions by kind: {:?}",
        r.sentences, seconds, a.article.max(1), r.kinds
    );
    line("typed, names", &r.typed);
    for (t, s) in &r.per_type {
        line(&format!("  {t}"), s);
    }
    line("untyped PER/LOC/ORG", &r.untyped);
    line("untyped, every kind", &r.untyped_all_kinds);
    if a.errors {
        for e in &r.errors {
            let what = if e.missed { "missed" } else { "spurious" };
            println!("{}\t{what}\t{}\t{}", e.sentence, e.kind, e.text);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The entities of each sentence (`tokens[i]` joined by spaces), found with `n` consecutive
/// sentences as the paragraphs of one article: each sentence gets the mentions in its paragraph.
fn entities_by_article(
    analyzer: &marsad_analyze::Analyzer,
    tokens: &[Vec<String>],
    n: usize,
) -> Vec<Vec<marsad_entities::FoundEntity>> {
    let mut out = Vec::with_capacity(tokens.len());
    for group in tokens.chunks(n) {
        let paragraphs: Vec<String> = group.iter().map(|t| t.join(" ")).collect();
        let entities = analyzer.entities_of_paragraphs(&paragraphs, None);
        out.extend(marsad_entities::mention_eval::by_paragraph(
            &entities,
            group.len(),
        ));
    }
    out
}

fn read(p: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
}

fn ir(a: IrArgs) -> anyhow::Result<ExitCode> {
    let mut docs = Vec::new();
    for (i, line) in read(&a.corpus)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("{}#line {}: not JSON", a.corpus.display(), i + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let id = field("id");
        anyhow::ensure!(
            !id.is_empty(),
            "{}#line {}: no \"id\"",
            a.corpus.display(),
            i + 1
        );
        let title = if a.with_title {
            marsad_text::normalize_display(&field("title"))
        } else {
            String::new()
        };
        let text = marsad_text::normalize_display(&field("text"));
        // The corpus id goes in as the source id, so two identical passages stay two documents.
        let mut art = Article::builder(id.clone(), title, vec![text]).build();
        art.id = format!("{}:{}", art.id, id);
        docs.push(Analyzed::bare(art));
    }
    let queries = ir_eval::parse_queries(&read(&a.queries)?);
    let qrels = ir_eval::parse_qrels(&read(&a.qrels)?);
    let mut store = Store::in_memory()?;
    let mut ing = store.ingester(1)?;
    ing.add_batch(&docs)?;
    ing.finish()?;
    let r = ir_eval::evaluate(&store, &queries, &qrels)?;
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!("documents   {}", docs.len());
        println!("queries     {}", r.queries);
        println!("MRR@10      {:.4}", r.mrr10);
        println!("nDCG@10     {:.4}", r.ndcg10);
        println!("Recall@100  {:.4}", r.recall100);
    }
    Ok(ExitCode::SUCCESS)
}

/// The four-keyword floor for `eval events --coder keywords`: one event per sentence and type.
fn keyword_events(text: &str) -> Vec<marsad_events::Event> {
    const KEYS: &[(&str, &[&str])] = &[
        ("180", &["قتل", "هجوم", "انفجار", "اشتباك"]),
        ("140", &["تظاهر", "احتجاج", "اضراب", "اعتصام"]),
    ];
    let words: Vec<String> = marsad_text::tokens(text)
        .map(|t| marsad_text::match_key(&text[t.start..t.end]))
        .collect();
    let strip = |w: &str| -> Vec<String> {
        let mut v = vec![w.to_string()];
        for p in ["و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "فال"] {
            if let Some(r) = w.strip_prefix(p) {
                v.push(r.to_string());
            }
        }
        v
    };
    KEYS.iter()
        .filter(|(_, keys)| {
            words
                .iter()
                .any(|w| strip(w).iter().any(|x| keys.contains(&x.as_str())))
        })
        .filter_map(|(code, _)| marsad_events::eval::corpus::bare_event(code))
        .collect()
}

fn corpus(
    a: &EventsArgs,
    text: &str,
    analyzer: &marsad_analyze::Analyzer,
) -> anyhow::Result<ExitCode> {
    let name = a.gold.display();
    let mut gold =
        marsad_events::corpus::parse(text).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if let Some(split) = &a.split {
        gold.retain(|g| &g.split == split);
    }
    let sources = marsad_events::corpus::Sources {
        only: a.source.clone(),
        except: a.not_source.clone(),
    };
    gold.retain(|g| sources.keeps(g));
    anyhow::ensure!(
        !gold.is_empty(),
        "{name}: no sentences{}{}",
        a.split
            .as_ref()
            .map(|s| format!(" in split {s}"))
            .unwrap_or_default(),
        Some(sources.flags())
            .filter(|f| !f.is_empty())
            .map(|f| format!(" matching{f}"))
            .unwrap_or_default()
    );
    let loaded = match &a.detector {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            let d = marsad_events::detector::Detector::from_gz(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
            Some(d)
        }
        None => None,
    };
    let detector = match &loaded {
        Some(d) => Some(d),
        None => marsad_events::detector::Detector::embedded(),
    };
    let start = std::time::Instant::now();
    let r = match a.coder.as_str() {
        "marsad" => marsad_events::eval::score_corpus(&gold, |t, d| {
            analyzer.events_of_text_with(t, d, detector)
        }),
        "rules" => marsad_events::eval::score_corpus(&gold, |t, d| {
            analyzer.events_of_text_with(t, d, None)
        }),
        "keywords" => marsad_events::eval::score_corpus(&gold, |t, _| keyword_events(t)),
        other => anyhow::bail!("--coder {other}: expected marsad, rules or keywords"),
    };
    let seconds = start.elapsed().as_secs_f64();
    if a.actor_errors {
        print_actor_misses(&r.actor_misses);
    }
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
        return Ok(ExitCode::SUCCESS);
    }
    let prf = |p: &marsad_events::eval::Prf| {
        format!(
            "P {:.3} R {:.3} F1 {:.3} (tp {}, fp {}, fn {})",
            p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
        )
    };
    let rate =
        |x: &marsad_events::eval::corpus::Rate| format!("{:.3} ({} of {})", x.rate, x.hits, x.n);
    println!(
        "{} sentences{} ({:.0}/s with entities + events), coder {}: {} gold events, {} produced",
        r.sentences,
        a.split
            .as_ref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default(),
        r.sentences as f64 / seconds,
        a.coder,
        r.gold_events,
        r.produced_events
    );
    println!("event type (PLOVER)     {}", prf(&r.event_type));
    println!("with statements (01)    {}", prf(&r.with_statements));
    println!("event / no event        {}", prf(&r.detection));
    for (k, v) in &r.hard_negative_fpr {
        println!("hard-negative FPR {k:<7} {}", rate(v));
    }
    println!(
        "actors: source {}  target {}  type+both {}  (both, of the events found: {})",
        rate(&r.actor_source),
        rate(&r.actor_target),
        rate(&r.actor_both),
        rate(&r.actor_both_found)
    );
    for (k, v) in &r.by_type {
        println!("  type {k:<12} {}", prf(v));
    }
    for (k, v) in &r.by_root {
        println!("  root {k:<12} {}", prf(v));
    }
    Ok(ExitCode::SUCCESS)
}

fn agreement(a: &[PathBuf], b: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let parse = |p: &Path| -> anyhow::Result<Vec<marsad_events::corpus::GoldSentence>> {
        marsad_events::corpus::parse(&read(p)?).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))
    };
    let mut first = Vec::new();
    for p in a {
        first.extend(parse(p)?);
    }
    let r = marsad_events::eval::agreement::agreement(&first, &parse(b)?);
    anyhow::ensure!(
        r.sentences > 0,
        "{}: no sentence in common with the first annotation",
        b.display()
    );
    if json {
        println!("{}", serde_json::to_string(&r)?);
        return Ok(ExitCode::SUCCESS);
    }
    let k = |x: &marsad_events::eval::agreement::Kappa| {
        format!(
            "kappa {:.3} (observed {:.3}; yes/yes {}, only first {}, only second {})",
            x.kappa, x.observed, x.both_yes, x.only_a, x.only_b
        )
    };
    println!(
        "{} sentences annotated twice; same set of types: {:.3}",
        r.sentences, r.same_types
    );
    println!("event / no event         {}", k(&r.event));
    println!("  (statements as events) {}", k(&r.event_with_statements));
    println!("event type (pooled)      {}", k(&r.event_type));
    for (t, x) in &r.by_type {
        println!("  {t:<12} {}", k(x));
    }
    Ok(ExitCode::SUCCESS)
}

/// `--actor-errors`: one block per gold event found with a wrong side.
fn print_actor_misses(misses: &[marsad_events::eval::corpus::ActorMiss]) {
    let side = |(name, side): &(String, Option<String>)| {
        format!("{name} [{}]", side.as_deref().unwrap_or("-"))
    };
    for m in misses {
        println!("ACTOR {} {}\t{}", m.sid, m.kind, m.text);
        println!("  gold     {}  →  {}", side(&m.gold[0]), side(&m.gold[1]));
        for p in &m.produced {
            println!("  produced {}  →  {}", side(&p[0]), side(&p[1]));
        }
    }
}
