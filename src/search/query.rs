//! Question text into weighted search terms. Never fails, never uses tantivy's query syntax: the
//! text is cut into words, and words into terms by the index's own analyzer.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::corpus::Vocabulary;
use crate::text::words;

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

impl QueryTerm {
    /// A guide term found for a word the guide lacks (a plural, a typo), at `weight`.
    pub fn found(term: String, weight: f32) -> Self {
        QueryTerm {
            term,
            alternatives: Vec::new(),
            known: true,
            common: false,
            question: false,
            domain: false,
            weight,
        }
    }
}

/// A topic word of a question, after synonyms: the guide's word and the words it replaced,
/// borrowed from the question and the rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicWord<'a> {
    /// The word to search for.
    pub word: &'a str,
    /// The question's own words it stands for, when a synonym rewrote them.
    pub replaced: &'a [String],
    /// Whether it names the guide's whole field ("ai"), rather than being part of a job title
    /// ("ai engineer", "ml engineering").
    pub domain: bool,
}

/// Word rewrites and filters read from the vocabulary, compiled once.
/// What a contraction leaves once its apostrophe splits it ("what's", "can't", "i'm", "won't"):
/// no word of the question.
const CONTRACTION_TAILS: [&str; 7] = ["s", "t", "m", "re", "ve", "ll", "d"];

#[derive(Debug, Default)]
pub struct QueryRules {
    synonyms: Synonyms,
    question_words: FxHashSet<String>,
    common_words: FxHashSet<String>,
    domain_words: FxHashSet<String>,
    /// Words that end a job title ("engineer"), singular.
    title_heads: Vec<String>,
    vocabulary_words: FxHashSet<String>,
}

impl QueryRules {
    /// Compiles the vocabulary's synonyms, question words and common words.
    pub fn new(vocabulary: &Vocabulary) -> Self {
        let synonyms = Synonyms::new(vocabulary.synonyms.iter().flat_map(|(canonical, variants)| {
            let canonical = words(canonical);
            variants.iter().map(move |v| (words(v), canonical.clone()))
        }));
        let question_words = vocabulary.question_words.words.iter().flat_map(|w| words(w)).collect();
        // Words the vocabulary itself uses (aliases, aspect words, synonyms, words asking how
        // long or whether needed) are no sign of an off-topic question even where the guide's
        // text lacks them ("career ladder", "bootcamp length").
        let vocabulary_words = vocabulary
            .aspects
            .values()
            .flat_map(|a| a.words.iter())
            .chain(vocabulary.roles.values().flatten())
            .chain(vocabulary.levels.values().flatten())
            .chain(vocabulary.synonyms.values().flatten())
            .chain(&vocabulary.duration_words.words)
            .chain(&vocabulary.need_words.words);
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

    /// The words of [`QueryRules::topic_words_of`] for `text`.
    pub fn topic_words(&self, text: &str) -> Vec<String> {
        self.topic_words_of(&words(text)).into_iter().map(|w| w.word.to_string()).collect()
    }

    /// The question's words after synonyms, at most [`MAX_WORDS`], of a question's words already
    /// read by [`words`]. Question words stay (they weigh little, but match a FAQ's own
    /// phrasing); what a contraction leaves ("s" of "what's") goes.
    pub fn topic_words_of<'a>(&'a self, said: &'a [String]) -> Vec<TopicWord<'a>> {
        let list = said[..said.len().min(MAX_WORDS)]
            .iter()
            .map(|word| TopicWord { word, replaced: &[], domain: false })
            .collect();
        let mut list = self.synonyms.rewrite(list);
        // Every tail is at most two bytes long.
        list.retain(|w| w.word.len() > 2 || !CONTRACTION_TAILS.contains(&w.word));
        for i in 0..list.len() {
            // The field's word, unless it starts a title; most words are not the field's.
            list[i].domain = self.domain_words.contains(list[i].word)
                && !list.get(i + 1).is_some_and(|next| self.is_title_head(next.word));
        }
        list
    }

    /// Whether `word` is a title's head word or a form of one ("engineers", "engineering").
    pub fn is_title_head(&self, word: &str) -> bool {
        self.title_heads.iter().any(|head| word.starts_with(head.as_str()))
    }
}

/// Word-sequence rewrites ("how much money" -> "salary"), applied in a fixed order.
#[derive(Debug, Default)]
struct Synonyms {
    /// (variant words, canonical words), longest variant first.
    rules: Vec<(Vec<String>, Vec<String>)>,
    /// The rules (positions in `rules`) whose variant starts with a word.
    by_first_word: FxHashMap<String, Vec<usize>>,
}

impl Synonyms {
    /// Orders the (variant, canonical) pairs longest variant first, keeping their order
    /// otherwise; an empty variant is dropped.
    fn new(pairs: impl IntoIterator<Item = (Vec<String>, Vec<String>)>) -> Self {
        let mut rules: Vec<_> = pairs.into_iter().filter(|(variant, _)| !variant.is_empty()).collect();
        rules.sort_by_key(|(variant, _)| std::cmp::Reverse(variant.len()));
        let mut by_first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (at, (variant, _)) in rules.iter().enumerate() {
            by_first_word.entry(variant[0].clone()).or_default().push(at);
        }
        Synonyms { rules, by_first_word }
    }

    /// Applies the rules in order, each to every occurrence in what the earlier ones left.
    /// Only a rule whose first word is in the text by its turn can match, so only those are
    /// tried: the question's own words mark theirs, and each rewrite marks those of the words
    /// it brings.
    fn rewrite<'a>(&'a self, mut out: Vec<TopicWord<'a>>) -> Vec<TopicWord<'a>> {
        // The rules due, smallest position first; most questions mark none or a few.
        let mut due = BinaryHeap::new();
        for word in &out {
            self.mark_rules_of(word.word, 0, &mut due);
        }
        let mut next = 0;
        while let Some(Reverse(at)) = due.pop() {
            if at < next {
                continue;
            }
            next = at + 1;
            let (variant, canonical) = &self.rules[at];
            if replace_all(&mut out, variant, canonical) {
                for word in canonical {
                    self.mark_rules_of(word, next, &mut due);
                }
            }
        }
        out
    }

    /// Adds to `due` the rules from position `from` on whose variant starts with `word`.
    fn mark_rules_of(&self, word: &str, from: usize, due: &mut BinaryHeap<Reverse<usize>>) {
        for &at in self.by_first_word.get(word).into_iter().flatten() {
            if at >= from {
                due.push(Reverse(at));
            }
        }
    }
}

/// Replaces every occurrence of the words `variant` in `out`, left to right, by `canonical`,
/// never matching inside a replacement. Whether any was replaced.
fn replace_all<'a>(out: &mut Vec<TopicWord<'a>>, variant: &'a [String], canonical: &'a [String]) -> bool {
    let mut from = 0;
    let mut replaced = false;
    while let Some(at) = find_words(&out[from..], variant).map(|i| i + from) {
        let replacement = canonical.iter().map(|word| TopicWord { word, replaced: variant, domain: false });
        out.splice(at..at + variant.len(), replacement);
        from = at + canonical.len();
        replaced = true;
    }
    replaced
}

/// Where `phrase` (not empty) first occurs in `words` as consecutive words, if anywhere.
fn find_words(words: &[TopicWord], phrase: &[String]) -> Option<usize> {
    words.windows(phrase.len()).position(|window| window.iter().zip(phrase).all(|(w, p)| w.word == *p))
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
        rules().topic_words(text)
    }

    #[test]
    fn synonyms_become_the_guides_words_and_question_words_go() {
        assert_eq!(
            plain("How much money does an ML Ops engineer get?"),
            ["salary", "does", "an", "mlops", "engineer", "get"]
        );
        assert_eq!(plain("what's the pay"), ["what", "the", "salary"]);
        assert_eq!(plain("I'm sure they won't, can't they?"), ["i", "sure", "they", "won", "can", "they"]);
    }

    #[test]
    fn a_rewritten_word_remembers_the_words_it_replaced() {
        let (rules, said) = (rules(), words("pay"));
        let topic = rules.topic_words_of(&said);
        assert_eq!(topic, [TopicWord { word: "salary", replaced: &["pay".to_string()], domain: false }]);
    }

    #[test]
    fn the_field_is_marked_unless_it_is_part_of_a_job_title() {
        let domain = |text: &str| -> Vec<(String, bool)> {
            let (rules, said) = (rules(), words(text));
            rules.topic_words_of(&said).into_iter().map(|w| (w.word.to_string(), w.domain)).collect()
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

    #[test]
    fn a_later_synonym_rewrites_the_words_an_earlier_one_brought() {
        let pairs = [(vec!["ml", "ops"], vec!["mlops", "pay"]), (vec!["pay"], vec!["salary"])];
        let synonyms = Synonyms::new(pairs.map(|(v, c)| (strings(&v), strings(&c))));
        let said = strings(&["ml", "ops", "now"]);
        let out = synonyms.rewrite(topic(&said));
        let plain: Vec<&str> = out.iter().map(|w| w.word).collect();
        assert_eq!(plain, ["mlops", "salary", "now"]);
        assert_eq!(out[1].replaced, ["pay"]);
    }

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn topic(words: &[String]) -> Vec<TopicWord<'_>> {
        words.iter().map(|word| TopicWord { word, replaced: &[], domain: false }).collect()
    }

    /// Every rule tried in turn against a copy of the whole text: what [`Synonyms::rewrite`]
    /// must equal.
    fn rewrite_by_trying_every_rule<'a>(
        synonyms: &'a Synonyms,
        mut out: Vec<TopicWord<'a>>,
    ) -> Vec<TopicWord<'a>> {
        for (variant, canonical) in &synonyms.rules {
            let mut from = 0;
            loop {
                let plain: Vec<String> = out[from..].iter().map(|w| w.word.to_string()).collect();
                let Some(at) = crate::text::find_phrase(&plain, variant).map(|i| i + from) else { break };
                let replacement =
                    canonical.iter().map(|word| TopicWord { word, replaced: variant, domain: false });
                out.splice(at..at + variant.len(), replacement);
                from = at + canonical.len();
            }
        }
        out
    }

    fn few_words(max: usize) -> impl proptest::strategy::Strategy<Value = Vec<String>> {
        use proptest::prelude::*;
        proptest::collection::vec(proptest::sample::select(vec!["a", "b", "c", "d"]), 0..max)
            .prop_map(|words| strings(&words))
    }

    proptest::proptest! {
        #[test]
        fn only_the_rules_that_can_match_are_tried_and_the_result_is_the_same(
            pairs in proptest::collection::vec((few_words(4), few_words(4)), 0..10),
            text in few_words(12),
        ) {
            let synonyms = Synonyms::new(pairs);
            let text = topic(&text);
            proptest::prop_assert_eq!(
                synonyms.rewrite(text.clone()),
                rewrite_by_trying_every_rule(&synonyms, text)
            );
        }
    }
}
