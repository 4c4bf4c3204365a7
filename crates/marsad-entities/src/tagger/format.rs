//! The model file: `Model::save` / `Model::load` / `Model::from_bytes` / `Model::embedded` and
//! the gzip binary layout they share (documented on [`Model::save`]).
//!
//! Only bytes ↔ [`Model`]: what the weights mean and how they are learned is `model.rs` and
//! `train.rs`; the resources beside a model file are read by `resources.rs`.

use super::features::FeatureSet;
use super::mem::Mem;
use super::model::Model;
use super::resources::Resources;
use super::weights::Weights;
use super::{NerError, NTAGS};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, OnceLock};

const MAGIC: &[u8; 8] = b"MNERv003";
const MAGIC_V2: &[u8; 8] = b"MNERv002";

impl Model {
    fn write_block(&self, b: &mut Vec<u8>) {
        b.extend_from_slice(&self.features.0.to_le_bytes());
        for row in &self.trans {
            for &x in row {
                b.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut entries: Vec<(&u64, &[f32; NTAGS])> = self.weights.entries().collect();
        entries.sort_by_key(|e| *e.0);
        b.extend_from_slice(&(entries.len() as u64).to_le_bytes());
        for (h, row) in entries {
            b.extend_from_slice(&h.to_le_bytes());
            let mut mask = 0u16;
            for (t, &x) in row.iter().enumerate() {
                if x != 0.0 {
                    mask |= 1 << t;
                }
            }
            b.extend_from_slice(&mask.to_le_bytes());
            for &x in row {
                if x != 0.0 {
                    // keep 11 bits of mantissa: plenty for perceptron weights, and gzip finds runs
                    let bits = x.to_bits() & 0xFFFF_F000;
                    b.extend_from_slice(&bits.to_le_bytes());
                }
            }
        }
    }

    /// Writes the weights: gzip of a small binary format — magic `MNERv002`, a byte telling
    /// whether a first-pass model follows, then per model: feature-set bits (u32), transitions
    /// (10×9 f32), the feature count (u64), and per feature its hash (u64), a 9-bit mask of
    /// non-zero tags (u16) and those weights (f32, mantissa rounded); at the end the `O` penalty
    /// (f32), the per-type bias (4 × f32, PERS LOC ORG MISC) and the entity memory (a byte 0/1,
    /// then see `Mem::write`) — the last two absent in `MNERv002` files, which are still read;
    /// magic `MNERv003`; little-endian. The
    /// resources are not written: they are the files next to it ([`Resources::load`]).
    pub fn save(&self, path: &Path) -> Result<(), NerError> {
        let mut b: Vec<u8> = Vec::new();
        b.extend_from_slice(MAGIC);
        match &self.stage1 {
            Some(s1) => {
                b.push(1);
                s1.write_block(&mut b);
            }
            None => b.push(0),
        }
        self.write_block(&mut b);
        b.extend_from_slice(&self.o_penalty.to_le_bytes());
        for x in self.type_bias {
            b.extend_from_slice(&x.to_le_bytes());
        }
        match &self.mem {
            Some(m) => {
                b.push(1);
                m.write(&mut b);
            }
            None => b.push(0),
        }
        let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&b).map_err(|e| NerError::io(path, e))?;
        let gz = enc.finish().map_err(|e| NerError::io(path, e))?;
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|e| NerError::io(dir, e))?;
            }
        }
        std::fs::write(path, gz).map_err(|e| NerError::io(path, e))
    }

    /// Reads a model written by [`Model::save`]; its resources are loaded from the same folder
    /// ([`Resources::load`]).
    pub fn load(path: &Path) -> Result<Model, NerError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let res = Resources::load(dir)?;
        Self::load_with(path, Arc::new(res))
    }

    /// Reads a model file, with the given resources.
    pub fn load_with(path: &Path, resources: Arc<Resources>) -> Result<Model, NerError> {
        let bytes = std::fs::read(path).map_err(|e| NerError::io(path, e))?;
        Self::from_bytes(&bytes, resources)
            .map_err(|e| NerError::Format(format!("{}: {e}", path.display())))
    }

    fn read_block(r: &mut Reader<'_>, resources: &Arc<Resources>) -> Result<Model, NerError> {
        let features = FeatureSet(r.u32()?);
        let mut trans = [[0f32; NTAGS]; NTAGS + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let n = r.u64()? as usize;
        if n > r.b.len() / 10 {
            return Err(NerError::Format("model file: bad feature count".into()));
        }
        let mut weights = Weights::with_capacity(n);
        for _ in 0..n {
            let h = r.u64()?;
            let mask = u16::from_le_bytes(r.take(2)?.try_into().unwrap_or([0, 0]));
            let mut row = [0f32; NTAGS];
            for (t, x) in row.iter_mut().enumerate() {
                if mask & (1 << t) != 0 {
                    *x = r.f32()?;
                }
            }
            weights.insert(h, row);
        }
        Ok(Model {
            weights,
            trans,
            features,
            resources: resources.clone(),
            stage1: None,
            o_penalty: 0.0,
            type_bias: [0.0; 4],
            mem: None,
            guide: None,
        })
    }

    /// Parses the bytes of a model file.
    pub fn from_bytes(gz: &[u8], resources: Arc<Resources>) -> Result<Model, NerError> {
        let mut b = Vec::new();
        GzDecoder::new(gz)
            .read_to_end(&mut b)
            .map_err(|e| NerError::Format(format!("not a gzip model file: {e}")))?;
        let mut r = Reader { b: &b, pos: 0 };
        let magic = r.take(8)?;
        let v3 = magic == MAGIC;
        if !v3 && magic != MAGIC_V2 {
            return Err(NerError::Format(
                "not a marsad NER model (bad magic/version)".into(),
            ));
        }
        let stage1 = match r.take(1)?[0] {
            0 => None,
            1 => Some(Self::read_block(&mut r, &resources)?),
            _ => return Err(NerError::Format("model file: bad stage byte".into())),
        };
        let mut stage1 = stage1;
        let mut m = Self::read_block(&mut r, &resources)?;
        m.o_penalty = r.f32()?;
        if v3 {
            for x in m.type_bias.iter_mut() {
                *x = r.f32()?;
            }
            if r.take(1)?[0] == 1 {
                let mut pos = r.pos;
                let mem = Arc::new(Mem::read(r.b, &mut pos)?);
                r.pos = pos;
                m.mem = Some(mem.clone());
                if let Some(s1) = stage1.as_mut() {
                    s1.mem = Some(mem);
                }
            }
        }
        m.stage1 = stage1.map(Arc::new);
        if r.pos != b.len() {
            return Err(NerError::Format("model file: trailing bytes".into()));
        }
        Ok(m)
    }

    /// The model shipped in `data/ner/model.bin.gz` with the shipped resources, compiled into the
    /// binary and parsed once. Never panics: a broken embedded file gives
    /// `Err(NerError::Format(..))` (the same error on every call).
    pub fn embedded() -> Result<&'static Model, NerError> {
        static M: OnceLock<Result<Model, String>> = OnceLock::new();
        M.get_or_init(|| {
            let res = Resources::embedded_arc().map_err(|e| e.to_string())?;
            Model::from_bytes(include_bytes!("../../../../data/ner/model.bin.gz"), res)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| NerError::Format(format!("embedded NER model: {e}")))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        if self.pos + n > self.b.len() {
            return Err(NerError::Format("model file: truncated".into()));
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64(&mut self) -> Result<u64, NerError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
}
