//! The index's schema and its English analyzer, registered by name on every index we open.

use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer,
};

use super::stemmer::EnglishStemmer;

/// The name the analyzer is registered under; the schema's text fields refer to it.
pub const ANALYZER: &str = "careerbot_en";

/// Bump whenever the schema, the analyzer or what is indexed changes: indexes of another version
/// are rebuilt.
pub const ANALYZER_VERSION: u32 = 4;

/// Handles on the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The passage's position in the corpus (fast field): hits map back to passages through it.
    pub ord: Field,
    /// Heading, FAQ question or row name: weighs most.
    pub title: Field,
    /// Vocabulary aliases of roles and levels.
    pub aliases: Field,
    /// The passage's text.
    pub body: Field,
}

/// The schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(ANALYZER).set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        ord: builder.add_u64_field("ord", FAST),
        title: builder.add_text_field("title", text.clone()),
        aliases: builder.add_text_field("aliases", text.clone()),
        body: builder.add_text_field("body", text),
    };
    (builder.build(), fields)
}

/// Lower-casing, ASCII folding, English stop words and the English stemmer ([`EnglishStemmer`]).
pub fn analyzer() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::English).expect("tantivy ships English stop words");
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stop_words)
        .filter(EnglishStemmer)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut analyzer = analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn analyzer_stems_folds_and_drops_stop_words() {
        assert_eq!(tokens("The Engineers’ salaries in Zürich"), ["engin", "salari", "zurich"]);
    }

    #[test]
    fn a_few_words_keep_a_stem_apart_from_the_word_the_stemmer_would_merge_them_with() {
        assert_eq!(tokens("excel excellent Excellence"), ["excel", "excellent", "excellent"]);
        assert_eq!(
            tokens("experience experienced experiment experiments"),
            ["experience", "experience", "experi", "experi"]
        );
    }
}
