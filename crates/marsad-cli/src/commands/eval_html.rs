//! `marsad eval html`: main-text extraction against the HTML development set's gold, for
//! marsad's reader or for another extractor's output (the same scoring, side by side).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use marsad_ingest::html_eval::{score, Extracted, GoldPage, HtmlReport};
use marsad_ingest::{Format, ReadOptions};

#[derive(clap::Args)]
pub struct HtmlArgs {
    /// The gold index (`../shared/data/html/manifest.jsonl`); page paths are relative to it.
    #[arg(long)]
    manifest: PathBuf,
    /// Score another extractor instead of marsad: JSONL `{"path","text","date"}` per page.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Only pages whose declared language is this (`ar`, `fa`, `en` …).
    #[arg(long)]
    lang: Option<String>,
    /// Write marsad's extraction of every page in the predictions format to this file.
    #[arg(long)]
    dump: Option<PathBuf>,
    /// List the full-text pages by word F1, worst first (development pages only).
    #[arg(long)]
    errors: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(a: HtmlArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&a.manifest)
        .with_context(|| format!("reading {}", a.manifest.display()))?;
    let root = a.manifest.parent().unwrap_or(Path::new("."));
    let mut gold: Vec<GoldPage> = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let g: GoldPage = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", a.manifest.display(), i + 1))?;
        if a.lang.as_ref().is_none_or(|l| g.lang.as_ref() == Some(l)) {
            gold.push(g);
        }
    }
    let predictions = match &a.predictions {
        Some(p) => Some(read_predictions(p)?),
        None => None,
    };
    let t = std::time::Instant::now();
    let pages: Vec<(GoldPage, Option<Extracted>)> = gold
        .into_iter()
        .map(|g| {
            let x = match &predictions {
                Some(p) => p.get(&g.path).cloned(),
                None => extract(&root.join(&g.path)),
            };
            (g, x)
        })
        .collect();
    let seconds = t.elapsed().as_secs_f64();
    if let Some(p) = &a.dump {
        dump(p, &pages)?;
    }
    report(&a, &pages, seconds)
}

/// marsad's reading of one page (None when it cannot be read).
pub fn extract(path: &Path) -> Option<Extracted> {
    let bytes = std::fs::read(path).ok()?;
    let name = path.display().to_string();
    let article =
        marsad_ingest::read_bytes_with(&name, &bytes, Format::Html, &ReadOptions::default())
            .into_iter()
            .find_map(Result::ok)?;
    Some(Extracted {
        text: article.paragraphs.join("\n"),
        date: article.published.map(|d| d.to_string()),
    })
}

fn read_predictions(p: &Path) -> anyhow::Result<BTreeMap<String, Extracted>> {
    #[derive(serde::Deserialize)]
    struct Row {
        path: String,
        #[serde(flatten)]
        x: Extracted,
    }
    let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
    let mut out = BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let r: Row =
            serde_json::from_str(line).with_context(|| format!("{}:{}", p.display(), i + 1))?;
        out.insert(r.path, r.x);
    }
    Ok(out)
}

fn dump(p: &Path, pages: &[(GoldPage, Option<Extracted>)]) -> anyhow::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(p)?);
    for (g, x) in pages {
        let x = x.clone().unwrap_or_default();
        let row = serde_json::json!({"path": g.path, "text": x.text, "date": x.date});
        writeln!(f, "{row}")?;
    }
    Ok(())
}

fn report(
    a: &HtmlArgs,
    pages: &[(GoldPage, Option<Extracted>)],
    seconds: f64,
) -> anyhow::Result<ExitCode> {
    let all = score(pages);
    let mut by_source: BTreeMap<&str, Vec<(GoldPage, Option<Extracted>)>> = BTreeMap::new();
    for p in pages {
        by_source
            .entry(p.0.source.as_str())
            .or_default()
            .push(p.clone());
    }
    let parts: BTreeMap<&str, HtmlReport> = by_source.iter().map(|(k, v)| (*k, score(v))).collect();
    if a.json {
        let v = serde_json::json!({"all": all, "by_source": parts, "seconds": seconds});
        println!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    let who = if a.predictions.is_some() {
        "predictions"
    } else {
        "marsad"
    };
    println!(
        "{} pages ({who}, {} unreadable) in {:.2} s",
        all.pages, all.failed, seconds
    );
    print_line("all", &all);
    for (k, r) in &parts {
        print_line(k, r);
    }
    if a.errors {
        print_errors(pages);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_line(label: &str, r: &HtmlReport) {
    println!(
        "{label:<42} words P {:.3} R {:.3} F1 {:.3} (mean page F1 {:.3}, {} pages)  snippets {:.3} ({}/{})  dates {:.3} ({}/{})",
        r.words.precision, r.words.recall, r.words.f1, r.mean_page_f1, r.text_pages,
        r.snippet_accuracy, r.snippets_right, r.snippets,
        r.date_accuracy, r.dates_right, r.dates
    );
}

fn print_errors(pages: &[(GoldPage, Option<Extracted>)]) {
    let mut rows: Vec<(f64, &str, usize, usize)> = pages
        .iter()
        .filter_map(|(g, x)| {
            let gt = g.gold_text.as_deref()?;
            let got = x.as_ref().map(|x| x.text.as_str()).unwrap_or("");
            let (c, gn, xn) = marsad_ingest::html_eval::word_overlap(gt, got);
            Some((marsad_metrics::prf(c, gn, xn).2, g.path.as_str(), gn, xn))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (f, p, gn, xn) in rows.iter().take(40) {
        println!("  F1 {f:.3}  gold {gn:>5} words, got {xn:>5}  {p}");
    }
}
