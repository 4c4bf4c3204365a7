//! Rebuilding `data/events/*` from the shared sources and the curated lists (see
//! `data/events/README.md`). Pure text in, text out: the runtime only reads what this writes.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use marsad_text::match_key;

use crate::triggers::core_key;

/// What [`build_dictionary`] wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    pub codes: usize,
    pub curated_rules: usize,
    pub up_rules: usize,
    pub up_dropped: usize,
    pub agents: usize,
}

/// Rebuilds `out/cameo_codes.tsv`, `out/triggers.tsv` and `out/agents.tsv`.
///
/// `shared_data` is the shared `data/events` folder (or its parent `data`): it must hold
/// `cameo/CAMEO.eventcodes.gdelt.txt`, `cameo/CAMEO.goldsteinscale.gdelt.txt`,
/// `plover/CAMEO2PLOVER-2021.txt` and `universalpetrarch_arabic/CAMEO.ar.0.5.txt`.
/// `curated` holds `triggers.tsv`, `agents.tsv` and `up_drop.txt`.
pub fn build_dictionary(
    shared_data: &Path,
    curated: &Path,
    out: &Path,
) -> Result<BuildSummary, String> {
    let base = if shared_data.join("cameo").is_dir() {
        shared_data.to_path_buf()
    } else {
        shared_data.join("events")
    };
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let names = read(&base.join("cameo/CAMEO.eventcodes.gdelt.txt"))?;
    let gold = read(&base.join("cameo/CAMEO.goldsteinscale.gdelt.txt"))?;
    let cross = read(&base.join("plover/CAMEO2PLOVER-2021.txt"))?;
    let up = read(&base.join("universalpetrarch_arabic/CAMEO.ar.0.5.txt"))?;
    let cur_trig = read(&curated.join("triggers.tsv"))?;
    let cur_agents = read(&curated.join("agents.tsv"))?;
    let drop = read(&curated.join("up_drop.txt"))?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut sum = BuildSummary::default();

    let codes = code_table(&names, &gold, &cross);
    sum.codes = codes.len();
    let mut t = String::from("# CAMEO event codes: code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode (built by build_dictionary; see README.md)\n");
    for (c, (n, g, q, pt, pm)) in &codes {
        let _ = writeln!(t, "{c}\t{n}\t{g}\t{q}\t{pt}\t{pm}");
    }
    write(out, "cameo_codes.tsv", &t)?;

    let mut t = String::from("# Trigger rules: code\tforms (match keys, article folded)\tneeds\tflags\tsource\tnote (built by build_dictionary; see README.md)\n");
    let mut seen: HashSet<String> = HashSet::new();
    for line in cur_trig.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let code = f[0].trim();
        if !codes.contains_key(code) {
            return Err(format!(
                "curated trigger with unknown CAMEO code {code}: {line}"
            ));
        }
        let cell = f.get(1).copied().unwrap_or("");
        let needs = key_list(f.get(2).copied().unwrap_or(""));
        let flags = f.get(3).copied().unwrap_or("").trim();
        let note = f.get(4).copied().unwrap_or("").trim();
        // Verb conjugations and literal words/phrases go on separate lines: a verb never takes
        // the article, so the matcher does not fold one off for it (الجمعة is not جمع).
        let (verbs, lits): (Vec<&str>, Vec<&str>) = cell
            .split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .partition(|x| x.starts_with("V:"));
        for (part, extra) in [(verbs.join("|"), "verb"), (lits.join("|"), "")] {
            let forms = expand_forms(&part);
            if forms.is_empty() {
                continue;
            }
            for fm in &forms {
                seen.insert(fm.clone());
            }
            // A conjugated verb is never the noun its line's flag names (a "noun" line may list
            // its verb too: اجتماع|V:اجتمع): the noun flag would read its object as a possessor.
            let fl = flags
                .split(',')
                .map(str::trim)
                .filter(|x| !(x.is_empty() || extra == "verb" && *x == "noun"))
                .chain((!extra.is_empty()).then_some(extra))
                .collect::<Vec<_>>()
                .join(",");
            let _ = writeln!(
                t,
                "{code}\t{}\t{}\t{fl}\tcurated\t{note}",
                forms.join("|"),
                needs.join("|")
            );
            sum.curated_rules += 1;
        }
    }
    let dropped: HashSet<String> = drop
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| core_key(&match_key(l.trim())))
        .collect();
    for (code, lemma, need, gloss) in up_entries(&up) {
        if !codes.contains_key(&code) {
            sum.up_dropped += 1;
            continue;
        }
        let lk = core_key(&match_key(&lemma));
        if lk.chars().count() < 3
            || dropped.contains(&lk)
            || lemma.contains(['_', ' ', '&', '{', '('])
        {
            sum.up_dropped += 1;
            continue;
        }
        let forms: Vec<String> = expand_forms(&format!("V:{lemma}/{}", present_of(&lemma)))
            .into_iter()
            .filter(|f| !seen.contains(f))
            .collect();
        if forms.is_empty() {
            sum.up_dropped += 1;
            continue;
        }
        let needs = key_list(&need);
        let key = format!("{code}\t{}\t{}", forms.join("|"), needs.join("|"));
        if !seen.insert(key) {
            continue;
        }
        let _ = writeln!(
            t,
            "{code}\t{}\t{}\tverb\tup\t{gloss}",
            forms.join("|"),
            needs.join("|")
        );
        sum.up_rules += 1;
    }
    write(out, "triggers.tsv", &t)?;

    let mut t = String::from("# Agent words: key (match key, article folded)\tCAMEO agent code (built from curated/agents.tsv)\n");
    for line in cur_agents.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some((w, c)) = line.split_once('\t') {
            let k: Vec<String> = match_key(w.trim()).split(' ').map(core_key).collect();
            let _ = writeln!(t, "{}\t{}", k.join(" "), c.trim());
            sum.agents += 1;
        }
    }
    write(out, "agents.tsv", &t)?;
    Ok(sum)
}

fn write(dir: &Path, name: &str, s: &str) -> Result<(), String> {
    let p = dir.join(name);
    std::fs::write(&p, s).map_err(|e| format!("{}: {e}", p.display()))
}

type CodeRow = (String, String, String, String, String);

/// GDELT names + GDELT Goldstein + the PLOVER crosswalk, keyed by CAMEO code.
fn code_table(names: &str, gold: &str, cross: &str) -> BTreeMap<String, CodeRow> {
    let mut name: BTreeMap<String, String> = BTreeMap::new();
    for line in names.lines().skip(1) {
        let Some((c, n)) = line.split_once('\t') else {
            continue;
        };
        // One line of GDELT's file lost its newline: "…engagement106:[-5.0] Demand withdrawal".
        if let Some(i) = n.find(":[") {
            let head = &n[..i];
            let cut = head
                .rfind(|ch: char| !ch.is_ascii_digit())
                .map(|j| j + 1)
                .unwrap_or(0);
            let (n1, c2) = head.split_at(cut);
            let rest = n[i..]
                .find(']')
                .map(|j| n[i + j + 1..].trim())
                .unwrap_or("");
            name.insert(c2.to_string(), rest.to_string());
            name.insert(c.trim().to_string(), n1.trim().to_string());
            continue;
        }
        name.insert(c.trim().to_string(), n.trim().to_string());
    }
    let mut gs: BTreeMap<String, String> = BTreeMap::new();
    for line in gold.lines().skip(1) {
        if let Some((c, g)) = line.split_once('\t') {
            gs.insert(c.trim().to_string(), g.trim().to_string());
        }
    }
    let mut pl: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in cross.lines() {
        let line = line.split('#').next().unwrap_or("");
        let Some((c, rest)) = line.split_once(':') else {
            continue;
        };
        let f: Vec<&str> = rest.split(',').map(str::trim).collect();
        if f.is_empty() || f[0].is_empty() {
            continue;
        }
        pl.insert(
            c.trim().to_string(),
            (
                f[0].to_string(),
                f.get(1).copied().unwrap_or("").to_string(),
            ),
        );
    }
    let mut out = BTreeMap::new();
    for (c, n) in &name {
        if c.is_empty() || !c.chars().all(|ch| ch.is_ascii_digit()) {
            continue;
        }
        let g = gs
            .get(c)
            .cloned()
            .unwrap_or_else(|| gs.get(&c[..2]).cloned().unwrap_or_default());
        let root: u32 = c[..2].parse().unwrap_or(0);
        let q = match root {
            1..=5 => 1,
            6..=9 => 2,
            10..=14 => 3,
            _ => 4,
        };
        // Most specific crosswalk entry: the code, then its 3-digit parent, then the root.
        // PLOVER merged CAMEO 02 (appeal) into REQUEST with 10 (demand), and the crosswalk lists
        // only the 10 codes: an appeal takes the entry of its parallel demand (0256 ↔ 1056).
        let parallel = c.strip_prefix("02").map(|r| format!("10{r}"));
        let (pt, pm) = [
            Some(c.clone()),
            Some(c[..c.len().min(3)].to_string()),
            parallel.clone(),
            parallel.map(|p| p[..p.len().min(3)].to_string()),
            Some(c[..2].to_string()),
        ]
        .into_iter()
        .flatten()
        .find_map(|k| pl.get(&k).cloned())
        .unwrap_or_default();
        out.insert(c.clone(), (n.clone(), g, q.to_string(), pt, pm));
    }
    out
}

/// Forms of a curated cell: `V:past/present` expands to conjugations; literal forms are keyed.
pub(crate) fn expand_forms(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut excluded: Vec<String> = Vec::new();
    for f in cell.split('|').map(str::trim).filter(|f| !f.is_empty()) {
        if let Some(x) = f.strip_prefix('!') {
            // "!طلبا": a conjugation that is mostly another word (the noun طلبًا), left out.
            excluded.push(match_key(x.trim()));
        } else if let Some(v) = f.strip_prefix("V:") {
            // "V:أعلن/يعلن حالة الطوارئ": the verb's conjugations followed by the literal words.
            let (verb, rest) = v.split_once(' ').unwrap_or((v, ""));
            let rest: Vec<String> = match_key(rest).split_whitespace().map(core_key).collect();
            let (past, pres) = verb.split_once('/').unwrap_or((verb, ""));
            for w in verb_forms(&match_key(past.trim()), &match_key(pres.trim())) {
                let w = if rest.is_empty() {
                    w
                } else {
                    format!("{w} {}", rest.join(" "))
                };
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        } else {
            let k: Vec<String> = match_key(f).split_whitespace().map(core_key).collect();
            let k = k.join(" ");
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out.retain(|w| !excluded.contains(w));
    out
}

fn key_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(|f| {
            match_key(f)
                .split_whitespace()
                .map(core_key)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Perfect and imperfect conjugations of a verb in unvocalised writing (match keys).
fn verb_forms(past: &str, pres: &str) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    if !past.is_empty() {
        if let Some(b) = past
            .strip_suffix('ا')
            .or_else(|| past.strip_suffix('ي'))
            .filter(|b| b.chars().count() >= 2)
        {
            // Defective: دعا → دعت دعوا دعتا; القي → القت القوا.
            for s in ["", "ت", "وا", "تا", "ينا", "يت"] {
                v.push(format!("{b}{s}"));
            }
            v.push(past.to_string());
            v.retain(|x| x != b);
        } else {
            for s in ["", "ت", "وا", "ا", "تا", "ن", "نا", "تم"] {
                v.push(format!("{past}{s}"));
            }
        }
    }
    if let Some(stem) = pres.strip_prefix('ي') {
        let last = stem.chars().last();
        let body: String = {
            let mut c = stem.chars();
            c.next_back();
            c.as_str().to_string()
        };
        for p in ["ي", "ت", "ن", "ا"] {
            v.push(format!("{p}{stem}"));
        }
        match last {
            Some('و') | Some('ي') => {
                for p in ["ي", "ت"] {
                    v.push(format!("{p}{body}ون"));
                    v.push(format!("{p}{stem}ان"));
                }
            }
            _ => {
                for p in ["ي", "ت"] {
                    v.push(format!("{p}{stem}ون"));
                    v.push(format!("{p}{stem}ان"));
                }
                v.push(format!("ي{stem}ن"));
            }
        }
    }
    let mut out = Vec::new();
    for w in v {
        if w.chars().count() >= 2 && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The imperfect (3rd person masculine) of a UP lemma, by the derived-form rule: forms IV, VII,
/// VIII and X drop their initial alef (اعتقل → يعتقل, انسحب → ينسحب); others take ي (قصف → يقصف).
/// Hollow and defective verbs come out wrong; the perfect forms still match.
fn present_of(lemma: &str) -> String {
    let k = match_key(lemma);
    match k.strip_prefix('ا') {
        Some(rest) if rest.chars().count() >= 3 => format!("ي{rest}"),
        _ => format!("ي{k}"),
    }
}

/// (code, lemma, needed word, gloss) from the UP verb section: verb lines take their own code or
/// their block's; simple one-word patterns `- * WORD [code]` apply to every verb of the block.
fn up_entries(up: &str) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    let Some(i) = up.find("####### VERB PATTERNS") else {
        return out;
    };
    let mut block_code: Option<String> = None;
    let mut block_verbs: Vec<String> = Vec::new();
    for line in up[i..].lines().skip(1) {
        let line = line.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let code_of = |s: &str| -> Option<String> {
            let a = s.find('[')?;
            let b = s[a..].find(']')? + a;
            let c = s[a + 1..b].trim();
            (c.len() >= 2 && c.chars().all(|ch| ch.is_ascii_digit())).then(|| c.to_string())
        };
        if line.starts_with("---") {
            block_code = code_of(line);
            block_verbs.clear();
            continue;
        }
        let (body, gloss) = line.split_once('#').unwrap_or((line, ""));
        if let Some(pat) = body.trim_start().strip_prefix('-') {
            let Some(code) = code_of(pat) else { continue };
            let words: Vec<&str> = pat[..pat.find('[').unwrap_or(pat.len())]
                .split_whitespace()
                .collect();
            // A pattern's code holds for all the block's verbs (20 or more synonyms of one English
            // verb, most of them wrong for the pattern): only one-verb blocks keep their patterns.
            if block_verbs.len() == 1
                && words.len() == 2
                && words[0] == "*"
                && words[1]
                    .chars()
                    .all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            {
                out.push((
                    code.clone(),
                    block_verbs[0].clone(),
                    words[1].to_string(),
                    gloss.trim().to_string(),
                ));
            }
            continue;
        }
        let lemma_part = body.split('[').next().unwrap_or("").trim();
        let (lemma, particle) = lemma_part.split_once('+').unwrap_or((lemma_part, ""));
        let lemma = lemma.trim().to_string();
        if lemma.is_empty() {
            continue;
        }
        block_verbs.push(lemma.clone());
        if let Some(code) = code_of(body).or_else(|| block_code.clone()) {
            out.push((
                code,
                lemma,
                particle.replace('+', " "),
                gloss.trim().to_string(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_expand() {
        let f = expand_forms("V:دعا/يدعو");
        for w in ["دعا", "دعت", "دعوا", "يدعو", "تدعو", "يدعون"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        let f = expand_forms("V:اتهم/يتهم");
        for w in ["اتهم", "اتهمت", "يتهم", "تتهم", "يتهمون"] {
            assert!(f.contains(&w.to_string()), "{w} in {f:?}");
        }
        assert_eq!(
            expand_forms("وقف إطلاق النار"),
            vec!["وقف اطلاق نار".to_string()]
        );
        let f = expand_forms("V:طلب/يطلب|!طلبا");
        assert!(f.contains(&"طلبت".to_string()) && !f.contains(&"طلبا".to_string()));
        let f = expand_forms("V:أعلن/يعلن حالة الطوارئ");
        assert!(
            f.contains(&"اعلنت حاله طوارء".to_string())
                || f.iter()
                    .any(|x| x.starts_with("اعلنت ") && x.split(' ').count() == 3),
            "{f:?}"
        );
    }

    #[test]
    fn gdelt_glued_line() {
        let t = code_table(
            "C\tN\n1056\tDemand de-escalation106:[-5.0] Demand withdrawal\n",
            "C\tG\n1056\t-5.0\n106\t-5.0\n",
            "",
        );
        assert_eq!(t["106"].0, "Demand withdrawal");
        assert_eq!(t["1056"].0, "Demand de-escalation");
    }
}
