//! The analyzer's terms of every word the corpus and its vocabulary use, worked out once. Most
//! words of a question are among them, and stemming is most of what analyzing a word costs; any
//! other word goes through the analyzer as before.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

use crate::corpus::Vocabulary;
use crate::index::GuideIndex;
use crate::text::words;

/// Each known word's terms, as [`GuideIndex::analyze`] gives them for the word alone.
#[derive(Debug, Default)]
pub struct Stems {
    terms: FxHashMap<String, Vec<String>>,
}

impl Stems {
    /// Analyzes every word of `texts` and of `vocabulary`.
    pub fn new<'a>(
        index: &GuideIndex,
        texts: impl IntoIterator<Item = &'a str>,
        vocabulary: &'a Vocabulary,
    ) -> Self {
        let mut terms = FxHashMap::default();
        let phrases = texts.into_iter().chain(vocabulary_phrases(vocabulary));
        for word in phrases.flat_map(words) {
            terms.entry(word).or_insert_with_key(|word| index.analyze(word));
        }
        Stems { terms }
    }

    /// The terms of one word (a [`words`] item), from the table or else from the analyzer.
    pub fn of<'a>(&'a self, index: &GuideIndex, word: &str) -> Cow<'a, [String]> {
        match self.terms.get(word) {
            Some(terms) => Cow::Borrowed(terms),
            None => Cow::Owned(index.analyze(word)),
        }
    }
}

/// Every phrase of the vocabulary a question may use.
fn vocabulary_phrases(vocabulary: &Vocabulary) -> impl Iterator<Item = &str> {
    let tables = [&vocabulary.synonyms, &vocabulary.roles, &vocabulary.levels];
    let keyed = tables
        .into_iter()
        .flat_map(|table| table.iter().flat_map(|(key, values)| std::iter::once(key).chain(values)));
    let aspects = vocabulary.aspects.values().flat_map(|a| a.labels.iter().chain(&a.words));
    let titles = &vocabulary.titles;
    keyed
        .chain(aspects)
        .chain(&vocabulary.question_words.words)
        .chain(&vocabulary.common_words.words)
        .chain(titles.heads.iter().chain(&titles.known).chain(&titles.generic))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn known_words_get_the_analyzers_own_terms_and_others_go_through_it() {
        let guide = "# Guide\n\n## Data Scientists\n\nThe scientist finds insights; running models.\n";
        let vocabulary = "[synonyms]\n\"salary\" = [\"earnings\"]\n[question_words]\nwords = [\"how\"]\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], vocabulary).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let stems = Stems::new(&index, [guide], &corpus.vocabulary);
        for word in ["scientists", "the", "running", "earnings", "salary", "how", "unseen", "zürich"] {
            assert_eq!(*stems.of(&index, word), index.analyze(word)[..], "{word}");
        }
        assert!(matches!(stems.of(&index, "earnings"), Cow::Borrowed(_)), "a vocabulary word is known");
        assert!(matches!(stems.of(&index, "running"), Cow::Borrowed(_)), "a corpus word is known");
        assert!(matches!(stems.of(&index, "unseen"), Cow::Owned(_)), "another word is analyzed");
    }
}
