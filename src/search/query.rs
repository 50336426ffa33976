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
    /// Other analyzed terms that count as this one: the words a synonym replaced ("earn" for
    /// "salary"), so a passage using the asker's own word still matches.
    pub alternatives: Vec<String>,
    /// Whether the corpus has the term or one of its alternatives.
    pub known: bool,
    /// An everyday word: when unknown, it says nothing about whether the guide covers the question.
    pub common: bool,
    /// A word of the question's form ("how", "what"): never part of what it asks about.
    pub question: bool,
    /// A word naming the guide's whole field ("ai"): true of every passage.
    pub domain: bool,
    /// 1.0, or less for a typo correction.
    pub weight: f32,
}

/// A topic word of a question, after synonyms: the guide's word and the words it replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicWord {
    /// The word to search for.
    pub word: String,
    /// The question's own words it stands for, when a synonym rewrote them.
    pub replaced: Vec<String>,
    /// Whether it names the guide's whole field ("ai"), rather than being part of a job title
    /// ("ai engineer", "ml engineering").
    pub domain: bool,
}

/// Word rewrites and filters read from the vocabulary, compiled once.
#[derive(Debug, Default)]
pub struct QueryRules {
    /// (variant words, canonical words), longest variant first.
    synonyms: Vec<(Vec<String>, Vec<String>)>,
    question_words: HashSet<String>,
    common_words: HashSet<String>,
    domain_words: HashSet<String>,
    /// Words that end a job title ("engineer"), singular.
    title_heads: Vec<String>,
    vocabulary_words: HashSet<String>,
}

impl QueryRules {
    /// Compiles the vocabulary's synonyms, question words and common words.
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
        // Words the vocabulary itself uses (aliases, aspect words, synonyms) are no sign of an
        // off-topic question even where the guide's text lacks them ("career ladder").
        let vocabulary_words = vocabulary
            .aspects
            .values()
            .flat_map(|a| a.words.iter())
            .chain(vocabulary.roles.values().flatten())
            .chain(vocabulary.levels.values().flatten())
            .chain(vocabulary.synonyms.values().flatten());
        let common_words = vocabulary.common_words.words.iter().flat_map(|w| words(w)).collect();
        let vocabulary_words = vocabulary_words.flat_map(|w| words(w)).collect();
        let domain_words = vocabulary.domain_words.words.iter().flat_map(|w| words(w)).collect();
        let title_heads = vocabulary.titles.heads.iter().flat_map(|w| words(w)).collect();
        QueryRules { synonyms, question_words, common_words, domain_words, title_heads, vocabulary_words }
    }

    /// Whether `word` (lower-case) is an everyday word or a question word.
    pub fn is_common(&self, word: &str) -> bool {
        self.common_words.contains(word) || self.question_words.contains(word)
    }

    /// Whether `word` (lower-case) is a question word.
    pub fn is_question_word(&self, word: &str) -> bool {
        self.question_words.contains(word)
    }

    /// Whether the guide's lacking `word` says nothing about the question's topic: an everyday
    /// word, a word the vocabulary uses (an alias, an aspect, a synonym), or a lone letter.
    pub fn is_expected(&self, word: &str) -> bool {
        word.chars().count() < 2 || self.is_common(word) || self.vocabulary_words.contains(word)
    }

    /// The question's words after synonyms, at most [`MAX_WORDS`]. Question words stay (they
    /// weigh little, but match a FAQ's own phrasing); a lone "s" of "what's" goes.
    pub fn topic_words(&self, text: &str) -> Vec<TopicWord> {
        let mut list = words(text);
        list.truncate(MAX_WORDS);
        let mut list = self.rewrite(list);
        list.retain(|w| w.word != "s");
        for i in 0..list.len() {
            let titled = list.get(i + 1).is_some_and(|next| self.is_title_head(&next.word));
            list[i].domain = !titled && self.domain_words.contains(&list[i].word);
        }
        list
    }

    /// Whether `word` is a title's head word or a form of one ("engineers", "engineering").
    fn is_title_head(&self, word: &str) -> bool {
        self.title_heads.iter().any(|head| word.starts_with(head.as_str()))
    }

    fn rewrite(&self, list: Vec<String>) -> Vec<TopicWord> {
        let mut out: Vec<TopicWord> =
            list.into_iter().map(|word| TopicWord { word, replaced: Vec::new(), domain: false }).collect();
        for (variant, canonical) in &self.synonyms {
            let mut from = 0;
            loop {
                let plain: Vec<String> = out[from..].iter().map(|w| w.word.clone()).collect();
                let Some(at) = find_phrase(&plain, variant).map(|i| i + from) else { break };
                let replacement = canonical.iter().map(|word| TopicWord {
                    word: word.clone(),
                    replaced: variant.clone(),
                    domain: false,
                });
                out.splice(at..at + variant.len(), replacement);
                from = at + canonical.len();
            }
        }
        out
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
            "ml" = ["machine learning"]
            [domain_words]
            words = ["ml"]
            [titles]
            heads = ["engineer"]
            [question_words]
            words = ["how", "what", "does", "an", "is"]
            "#,
        )
        .unwrap();
        QueryRules::new(&vocab)
    }

    fn plain(text: &str) -> Vec<String> {
        rules().topic_words(text).into_iter().map(|w| w.word).collect()
    }

    #[test]
    fn synonyms_become_the_guides_words_and_question_words_go() {
        assert_eq!(
            plain("How much money does an ML Ops engineer get?"),
            ["salary", "does", "an", "mlops", "engineer", "get"]
        );
        assert_eq!(plain("what's the pay"), ["what", "the", "salary"]);
    }

    #[test]
    fn a_rewritten_word_remembers_the_words_it_replaced() {
        let topic = rules().topic_words("pay");
        assert_eq!(topic, [TopicWord { word: "salary".into(), replaced: vec!["pay".into()], domain: false }]);
    }

    #[test]
    fn the_field_is_marked_unless_it_is_part_of_a_job_title() {
        let domain = |text: &str| -> Vec<(String, bool)> {
            rules().topic_words(text).into_iter().map(|w| (w.word, w.domain)).collect()
        };
        assert_eq!(
            domain("math for machine learning"),
            [("math".into(), false), ("for".into(), false), ("ml".into(), true)]
        );
        assert_eq!(domain("ML engineers"), [("ml".into(), false), ("engineers".into(), false)]);
        assert_eq!(
            domain("machine learning engineering"),
            [("ml".into(), false), ("engineering".into(), false)]
        );
    }

    #[test]
    fn query_syntax_is_just_words() {
        assert_eq!(plain("title:* salary^1000000 -x ((\"a"), ["title", "salary", "1000000", "x", "a"]);
    }
}
