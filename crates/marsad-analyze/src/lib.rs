//! The analysis stages run on each article after reading, in order: entities (KB matching, the
//! tagger, linking), then events. Pure: an `Article` in, an [`Analyzed`] out.
//!
//! What it is for: one place that knows the order of the stages and loads their resources once
//! (embedded in the binary), so the CLI, the server and tests analyse articles the same way.
//! What it is not: it reads no files and stores nothing.

mod json;

pub use json::{json_view, AnalyzedJson};

use marsad_entities::tagger::Model;
use marsad_entities::FoundEntity;
use marsad_events::Event;
use marsad_ingest::Article;
use marsad_kb::Kb;

/// An article with what the analysis stages found in it: what the store keeps.
#[derive(Debug, Clone)]
pub struct Analyzed {
    pub article: Article,
    pub entities: Vec<FoundEntity>,
    pub events: Vec<Event>,
    /// The article's near-duplicate sketch, computed with the analysis (on the reader threads)
    /// so the store's single writer does not have to; `None` lets the store compute it.
    pub sketch: Option<marsad_dedup::DocSketch>,
}

impl Analyzed {
    /// An article with no analysis (evaluations of search alone, `ingest --no-entities`).
    pub fn bare(article: Article) -> Analyzed {
        Analyzed {
            article,
            entities: Vec::new(),
            events: Vec::new(),
            sketch: None,
        }
    }

    /// No entities or events, but the sketch (`ingest --no-entities`).
    pub fn sketched(article: Article) -> Analyzed {
        let sketch = Some(marsad_dedup::sketch(&article.title, &article.paragraphs));
        Analyzed {
            sketch,
            ..Analyzed::bare(article)
        }
    }
}

pub struct Analyzer {
    kb: &'static Kb,
    tagger: Option<&'static Model>,
}

impl Analyzer {
    /// Runs the stages on bare text (one paragraph per line): `eval events` and `analyze --jsonl`
    /// use the same path as ingest.
    pub fn events_of_text(&self, text: &str, published: Option<chrono::NaiveDate>) -> Vec<Event> {
        self.events_of_text_with(
            text,
            published,
            marsad_events::detector::Detector::embedded(),
        )
    }

    /// [`Analyzer::events_of_text`] with a chosen event detector (`None`: the rules alone).
    pub fn events_of_text_with(
        &self,
        text: &str,
        published: Option<chrono::NaiveDate>,
        detector: Option<&marsad_events::detector::Detector>,
    ) -> Vec<Event> {
        let (paragraphs, entities) = self.entities_of_text(text, published);
        marsad_events::find_events_with(self.kb, &paragraphs, &entities, published, detector)
    }

    /// What the event rules propose in each sentence of the text, before the detector decides
    /// (training the detector).
    pub fn proposals_of_text(
        &self,
        text: &str,
        published: Option<chrono::NaiveDate>,
    ) -> Vec<marsad_events::Proposal> {
        let (paragraphs, entities) = self.entities_of_text(text, published);
        marsad_events::propose(self.kb, &paragraphs, &entities, published, true)
    }

    /// The detector's training examples from gold sentences: what the rules propose in each, and
    /// the event types its gold says happened.
    pub fn detector_examples(
        &self,
        corpus: &[marsad_events::corpus::GoldSentence],
    ) -> Vec<marsad_events::detector::train::Example> {
        corpus
            .iter()
            .map(|g| {
                let props = self.proposals_of_text(&g.text, g.published);
                // A gold sentence marsad splits in two: the words of both, the shared features
                // of the first part with instances.
                let mut words: Vec<u64> = props.iter().flat_map(|p| p.words.clone()).collect();
                words.sort_unstable();
                words.dedup();
                let shared = props
                    .iter()
                    .find(|p| !p.instances.is_empty())
                    .map(|p| p.shared.clone())
                    .unwrap_or_default();
                marsad_events::detector::train::Example {
                    instances: props.into_iter().flat_map(|p| p.instances).collect(),
                    gold: g.happened_types(),
                    codes: g
                        .events
                        .iter()
                        .filter(|e| e.happened())
                        .map(|e| e.code.clone())
                        .collect(),
                    words,
                    shared,
                    group: g.outlet.clone(),
                }
            })
            .collect()
    }

    /// The entities of paragraphs already in display form (scoring the entity pipeline against
    /// tokenised gold, whose offsets must not move).
    pub fn entities_of_paragraphs(
        &self,
        paragraphs: &[String],
        published: Option<chrono::NaiveDate>,
    ) -> Vec<FoundEntity> {
        marsad_entities::find_entities(self.kb, self.tagger, paragraphs, published)
    }

    fn entities_of_text(
        &self,
        text: &str,
        published: Option<chrono::NaiveDate>,
    ) -> (Vec<String>, Vec<FoundEntity>) {
        let paragraphs: Vec<String> = text
            .lines()
            .map(marsad_text::normalize_display)
            .filter(|p| !p.trim().is_empty())
            .collect();
        let entities = marsad_entities::find_entities(self.kb, self.tagger, &paragraphs, published);
        (paragraphs, entities)
    }

    /// Loads the KB and the tagger. A tagger that cannot load is reported once on stderr and left
    /// out: the KB still finds the names it knows.
    pub fn load() -> Analyzer {
        let tagger = match Model::embedded() {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("marsad: warning: the NER model could not be loaded ({e}); entities come from the KB only");
                None
            }
        };
        // Parsed here, once, rather than inside the first article's analysis.
        if marsad_events::detector::Detector::embedded().is_none() {
            eprintln!("marsad: warning: the event detector could not be loaded; events are the rules' alone");
        }
        Analyzer {
            kb: Kb::embedded(),
            tagger,
        }
    }

    pub fn analyze(&self, article: Article) -> Analyzed {
        let entities = marsad_entities::find_entities(
            self.kb,
            self.tagger,
            &article.paragraphs,
            article.published,
        );
        let events =
            marsad_events::find_events(self.kb, &article.paragraphs, &entities, article.published);
        let sketch = Some(marsad_dedup::sketch(&article.title, &article.paragraphs));
        Analyzed {
            article,
            entities,
            events,
            sketch,
        }
    }
}
