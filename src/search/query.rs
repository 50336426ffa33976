//! Question text into weighted search terms. Never fails, never uses tantivy's query syntax: the
//! text is cut into words, and words into terms by the index's own analyzer.

use std::collections::HashSet;

use crate::corpus::Vocabulary;
use crate::text::{find_phrase, words};

/// At most this many words of a question are searched; the rest cannot change the answer much.
pub const MAX_WORDS: usize = 48;

/// Weight of a term that replaced a misspelt word: a guess counts less than what was typed.
pub const CORRECTED_WEIGHT: f32 = 0.6;

/// One term of a prepared question.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The analyzed term (stemmed, folded), as indexed.
    pub term: String,
    /// Whether the corpus has it at all. Unknown terms only lower confidence.
    pub known: bool,
    /// 1.0, or less for a typo correction.
    pub weight: f32,
}

/// Word rewrites and filters read from the vocabulary, compiled once.
#[derive(Debug, Default)]
pub struct QueryRules {
    /// (variant words, canonical words), longest variant first.
    synonyms: Vec<(Vec<String>, Vec<String>)>,
    question_words: HashSet<String>,
}

impl QueryRules {
    /// Compiles the vocabulary's synonyms and question words.
    pub fn new(vocabulary: &Vocabulary) -> Self {
        let mut synonyms: Vec<(Vec<String>, Vec<String>)> = vocabulary
            .synonyms
            .iter()
            .flat_map(|(canonical, variants)| {
                let canonical = words(canonical);
                variants.iter().map(move |v| (words(v), canonical.clone()))
            })
            .filter(|(variant, _)| !variant.is_empty())
            .collect();
        synonyms.sort_by_key(|(variant, _)| std::cmp::Reverse(variant.len()));
        let question_words = vocabulary.question_words.words.iter().flat_map(|w| words(w)).collect();
        QueryRules { synonyms, question_words }
    }

    /// The question's topic words: synonyms rewritten to the guide's words, question words dropped
    /// (unless nothing else is left), at most [`MAX_WORDS`].
    pub fn topic_words(&self, text: &str) -> Vec<String> {
        let mut list = words(text);
        list.truncate(MAX_WORDS);
        let list = self.rewrite(list);
        let topic: Vec<String> =
            list.iter().filter(|w| !self.question_words.contains(*w) && w.as_str() != "s").cloned().collect();
        if topic.is_empty() { list } else { topic }
    }

    fn rewrite(&self, mut list: Vec<String>) -> Vec<String> {
        for (variant, canonical) in &self.synonyms {
            let mut from = 0;
            while let Some(at) = find_phrase(&list[from..], variant).map(|i| i + from) {
                list.splice(at..at + variant.len(), canonical.iter().cloned());
                from = at + canonical.len();
            }
        }
        list
    }
}

/// Levenshtein distance allowed for correcting a word of `len` characters.
pub fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> QueryRules {
        let vocab = Vocabulary::parse(
            r#"
            [synonyms]
            "salary" = ["pay", "how much money"]
            "mlops" = ["ml ops"]
            [question_words]
            words = ["how", "what", "does", "an", "is"]
            "#,
        )
        .unwrap();
        QueryRules::new(&vocab)
    }

    #[test]
    fn synonyms_become_the_guides_words_and_question_words_go() {
        assert_eq!(
            rules().topic_words("How much money does an ML Ops engineer get?"),
            ["salary", "mlops", "engineer", "get"]
        );
        assert_eq!(rules().topic_words("what is the pay"), ["the", "salary"]);
    }

    #[test]
    fn a_question_of_only_question_words_keeps_them() {
        assert_eq!(rules().topic_words("what is"), ["what", "is"]);
    }

    #[test]
    fn query_syntax_is_just_words() {
        assert_eq!(
            rules().topic_words("title:* salary^1000000 -x ((\"a"),
            ["title", "salary", "1000000", "x", "a"]
        );
    }
}
