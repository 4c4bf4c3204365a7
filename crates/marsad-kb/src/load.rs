//! Reading and writing the KB file (`kb.jsonl.gz`: one JSON entity per line, gzip) and the
//! embedded copy of `data/kb/kb.jsonl.gz`.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::OnceLock;

use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;

use crate::{Entity, Kb, KbError};

static EMBEDDED_GZ: &[u8] = include_bytes!("../../../data/kb/kb.jsonl.gz");

impl Kb {
    /// Writes the KB as gzip-compressed JSON lines, one entity per line, in KB order.
    /// Writes to a temporary file beside `path` and renames it, so a crash never leaves half a KB.
    pub fn save(&self, path: &Path) -> Result<(), KbError> {
        let tmp = path.with_extension("gz.tmp");
        let f = std::fs::File::create(&tmp).map_err(|e| KbError::io(&tmp, e))?;
        let mut gz = GzEncoder::new(std::io::BufWriter::new(f), flate2::Compression::best());
        for e in self.entities() {
            let line = serde_json::to_string(e).map_err(|e| KbError::Invalid(e.to_string()))?;
            gz.write_all(line.as_bytes())
                .and_then(|_| gz.write_all(b"\n"))
                .map_err(|e| KbError::io(&tmp, e))?;
        }
        let mut w = gz.finish().map_err(|e| KbError::io(&tmp, e))?;
        w.flush().map_err(|e| KbError::io(&tmp, e))?;
        drop(w);
        std::fs::rename(&tmp, path).map_err(|e| KbError::io(path, e))
    }

    /// Reads a KB written by [`Kb::save`] (gzip or plain JSON lines). A line that does not parse
    /// is an error naming the line: a KB is built by us, so a broken line means a broken file.
    pub fn load(path: &Path) -> Result<Kb, KbError> {
        let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
        parse(&bytes, path)
    }

    /// The KB shipped with marsad (`data/kb/kb.jsonl.gz`, compiled into the binary), parsed once.
    ///
    /// Never panics: if the embedded file is empty or broken (a checkout without the data, a bad
    /// merge), this returns an empty KB and prints one line to stderr, once. Callers that must
    /// not run without a KB check [`Kb::is_empty`].
    pub fn embedded() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(
            || match parse(EMBEDDED_GZ, Path::new("<embedded data/kb/kb.jsonl.gz>")) {
                Ok(kb) => kb,
                Err(e) => {
                    eprintln!("marsad-kb: embedded KB unusable, using an empty KB: {e}");
                    Kb::from_entities(Vec::new())
                }
            },
        )
    }
}

fn parse(bytes: &[u8], path: &Path) -> Result<Kb, KbError> {
    if bytes.is_empty() {
        return Err(KbError::Invalid(format!("{}: empty file", path.display())));
    }
    let reader: Box<dyn Read + '_> = if bytes.starts_with(&[0x1f, 0x8b]) {
        Box::new(MultiGzDecoder::new(bytes))
    } else {
        Box::new(bytes)
    };
    let mut v = Vec::new();
    for (n, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.map_err(|e| KbError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let e: Entity = serde_json::from_str(&line).map_err(|e| KbError::Parse {
            path: path.to_path_buf(),
            line: n + 1,
            msg: e.to_string(),
        })?;
        v.push(e);
    }
    Ok(Kb::from_entities(v))
}
