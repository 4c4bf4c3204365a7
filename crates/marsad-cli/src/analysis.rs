//! The analysis stages run on each article after reading: today, entities (KB matching, the
//! tagger, linking). Loaded once per process from the resources embedded in the binary.

use marsad_entities::tagger::Model;
use marsad_ingest::Article;
use marsad_kb::Kb;
use marsad_store::Analyzed;

pub struct Analyzer {
    kb: &'static Kb,
    tagger: Option<&'static Model>,
}

impl Analyzer {
    /// Loads the KB and the tagger. A tagger that cannot load is reported once and left out: the
    /// KB still finds the names it knows.
    pub fn load() -> Analyzer {
        let tagger = match Model::embedded() {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("marsad: warning: the NER model could not be loaded ({e}); entities come from the KB only");
                None
            }
        };
        Analyzer { kb: Kb::embedded(), tagger }
    }

    pub fn analyze(&self, article: Article) -> Analyzed {
        let entities = marsad_entities::find_entities(self.kb, self.tagger, &article.paragraphs, article.published);
        // Events are wired in when marsad-events' coder lands.
        Analyzed { article, entities, events: Vec::new() }
    }
}
