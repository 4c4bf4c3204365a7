//! BIO-constrained Viterbi decoding: the best tag sequence given emission scores per token and
//! tag-to-tag transitions, never `I-X` after anything but `B-X`/`I-X`.
//!
//! Not for computing the scores: the features and weights that give them are `model.rs` (tagging)
//! and `train.rs` (training).

#[cfg(test)]
use super::Tag;
use super::NTAGS;

/// Whether `t` may follow `p` in BIO (`p == None`: sentence start): `I-X` only after `B-X`/`I-X`.
/// (Decoding reads the same from [`ALLOWED`]; the test checks they agree.)
#[cfg(test)]
fn allowed(p: Option<usize>, t: usize) -> bool {
    let t = Tag::from_index(t);
    if !t.is_inside() {
        return true;
    }
    match p {
        None => false,
        Some(p) => {
            let p = Tag::from_index(p);
            p.label().is_some() && p.label() == t.label()
        }
    }
}

/// `allowed(Some(p), t)` for every `p`, `t` (row `NTAGS`: `allowed(None, t)`).
const fn allowed_table() -> [[bool; NTAGS]; NTAGS + 1] {
    let mut a = [[false; NTAGS]; NTAGS + 1];
    let mut p = 0;
    while p <= NTAGS {
        let mut t = 0;
        while t < NTAGS {
            let inside = t != 0 && t % 2 == 0;
            a[p][t] = if !inside {
                true
            } else if p == NTAGS || p == 0 {
                false
            } else {
                // same label: (p - 1) / 2 == (t - 1) / 2
                (p - 1) / 2 == (t - 1) / 2
            };
            t += 1;
        }
        p += 1;
    }
    a
}

const ALLOWED: [[bool; NTAGS]; NTAGS + 1] = allowed_table();

/// Viterbi over emission scores `em[i][t]` and transitions.
pub(super) fn viterbi(em: &[[f32; NTAGS]], trans: &[[f32; NTAGS]; NTAGS + 1]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = -1e30;
    let mut score = vec![[NEG; NTAGS]; n];
    let mut back = vec![[0u8; NTAGS]; n];
    for t in 0..NTAGS {
        if ALLOWED[NTAGS][t] {
            score[0][t] = em[0][t] + trans[NTAGS][t];
        }
    }
    for i in 1..n {
        for t in 0..NTAGS {
            let mut best = NEG;
            let mut bp = 0;
            for p in 0..NTAGS {
                if score[i - 1][p] <= NEG || !ALLOWED[p][t] {
                    continue;
                }
                let s = score[i - 1][p] + trans[p][t];
                if s > best {
                    best = s;
                    bp = p;
                }
            }
            if best > NEG {
                score[i][t] = best + em[i][t];
                back[i][t] = bp as u8;
            }
        }
    }
    let mut t = (0..NTAGS).fold(0, |b, t| {
        if score[n - 1][t] > score[n - 1][b] {
            t
        } else {
            b
        }
    });
    let mut out = vec![0; n];
    for i in (0..n).rev() {
        out[i] = t;
        if i > 0 {
            t = back[i][t] as usize;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_table_matches() {
        for (t, &first) in ALLOWED[NTAGS].iter().enumerate() {
            assert_eq!(first, allowed(None, t));
            for (p, row) in ALLOWED.iter().enumerate().take(NTAGS) {
                assert_eq!(row[t], allowed(Some(p), t), "{p} {t}");
            }
        }
    }
}
