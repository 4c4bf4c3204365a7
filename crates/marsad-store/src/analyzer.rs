//! marsad's Arabic analyzer as a tantivy tokenizer, so the index and the queries see exactly the
//! terms `marsad_text::analyze` makes (match key, stopwords dropped, light stem), one token at a
//! time through `marsad_text::token_term`.
//!
//! Stopwords are dropped but still take a position, so the phrase "الحرب في سوريا" does not match
//! "الحرب سوريا" and phrase offsets stay those of the original words.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The name the analyzer is registered under in every marsad index.
pub const TOKENIZER_NAME: &str = "marsad_ar";

#[derive(Clone, Default)]
pub struct MarsadTokenizer {
    key: String,
}

pub struct MarsadTokenStream<'a> {
    text: &'a str,
    tokens: marsad_text::Tokens<'a>,
    key: &'a mut String,
    token: Token,
    position: usize,
}

impl Tokenizer for MarsadTokenizer {
    type TokenStream<'a> = MarsadTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MarsadTokenStream<'a> {
        MarsadTokenStream {
            text,
            tokens: marsad_text::tokens(text),
            key: &mut self.key,
            token: Token::default(),
            position: 0,
        }
    }
}

impl TokenStream for MarsadTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for tok in self.tokens.by_ref() {
            let position = self.position;
            self.position += 1;
            let Some(term) = marsad_text::token_term(self.text, tok, self.key) else {
                continue;
            };
            self.token.text.clear();
            self.token.text.push_str(term);
            self.token.offset_from = tok.start;
            self.token.offset_to = tok.end;
            self.token.position = position;
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The analyzer ready to register on an index.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(MarsadTokenizer::default())
}

/// Query-side analysis: the terms of `text` with their positions (stopword gaps kept).
pub fn analyze_terms(text: &str) -> Vec<(usize, String)> {
    let mut tokenizer = MarsadTokenizer::default();
    let mut stream = tokenizer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.position, t.text.clone()));
    }
    out
}
