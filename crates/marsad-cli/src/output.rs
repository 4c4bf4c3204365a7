//! Readable terminal output (the `--json` forms are the contracts; this is for people).

use std::io::IsTerminal;

use marsad_ingest::Article;
use marsad_store::Hit;

pub fn print_article_header(a: &Article) {
    println!("{}", a.title);
    println!("id         {}", a.id);
    println!("source id  {}", a.source_id);
    if let Some(s) = &a.source {
        println!("source     {s}");
    }
    if let Some(u) = &a.url {
        println!("url        {u}");
    }
    if let Some(d) = a.published {
        println!("published  {d}");
    }
    if !a.tags.is_empty() {
        println!("tags       {}", a.tags.join("، "));
    }
    for (k, v) in &a.meta {
        let v = match v {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        println!("{k:<10} {v}");
    }
    println!("paragraphs {}", a.paragraphs.len());
}

pub fn print_hit(rank: usize, h: &Hit) {
    let bold = std::io::stdout().is_terminal();
    let score = format!("score {:.2}", h.score);
    let meta: Vec<&str> = [
        h.source.as_deref(),
        h.published.as_deref(),
        Some(&h.id),
        Some(&score),
    ]
    .into_iter()
    .flatten()
    .collect();
    println!("\n{rank}. {}", h.title);
    println!("   {}", meta.join(" · "));
    println!(
        "   {}",
        highlight(&h.snippet_text, &h.highlights, bold).replace('\n', " ")
    );
}

/// Marks highlighted ranges with bold (terminal) or «» (pipes). Ranges are token offsets, so
/// they always fall on character boundaries.
fn highlight(text: &str, ranges: &[std::ops::Range<usize>], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for r in ranges {
        let (Some(before), Some(inside)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(inside);
        out.push_str(close);
        at = r.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// Entities with their codes and surfaces, one line each.
pub fn print_entities(entities: &[marsad_entities::FoundEntity]) {
    if entities.is_empty() {
        return;
    }
    println!("\nentities:");
    for e in entities {
        let codes: Vec<String> = [e.codes.iso3.as_deref(), e.codes.cameo.as_deref()]
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect();
        let mut surfaces: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        surfaces.dedup();
        println!(
            "  {:<4} {} ({}){}  ×{}: {}",
            e.kind,
            e.name_ar,
            e.name,
            if codes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", codes.join(" "))
            },
            e.mentions.len(),
            surfaces.join("، ")
        );
    }
}

/// Events, one line each with their evidence.
pub fn print_events(events: &[marsad_events::Event]) {
    if events.is_empty() {
        return;
    }
    println!("\nevents:");
    for e in events {
        println!("  {e}");
        println!(
            "      «{}» (paragraph {}, trigger {})",
            e.evidence.sentence,
            e.evidence.paragraph + 1,
            e.evidence.trigger
        );
    }
}
