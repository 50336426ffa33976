//! Typo correction: the corpus word nearest to a word the corpus lacks. An index of every corpus
//! word's deletion variants (SymSpell style), built once, narrows the search to a few candidates,
//! so a question never measures its distance to every word of the corpus.
//!
//! Why the candidates are enough: if the Damerau–Levenshtein distance of two words is at most
//! `k`, deleting at most `k` characters from each gives a common word. An insertion costs a
//! deletion on one side, a deletion or a substitution one on each, and a transposition (with any
//! characters inserted or deleted between the swapped pair) one plus those characters on each.

use std::cmp::Reverse;

/// The largest typo budget the index serves; a larger one falls back to scanning every word.
pub const MAX_DELETIONS: usize = 2;

/// A word of the corpus as typo correction needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusWord {
    /// Lower-cased, unstemmed.
    pub word: String,
    /// Its length in characters.
    pub chars: usize,
    /// Its analyzed term.
    pub term: String,
    /// How many passages hold the term: a tie between corrections goes to the commoner.
    pub df: u32,
}

/// The corpus's words and the index of their deletion variants.
#[derive(Debug, Default)]
pub struct Spelling {
    /// Sorted by word: of equally near and equally common words, the first wins.
    words: Vec<CorpusWord>,
    /// (hash of a deletion variant, position in `words`), sorted. A hash collision only adds a
    /// candidate, which the exact distance then rejects.
    variants: Vec<(u64, u32)>,
    /// The longest word, in characters.
    longest: usize,
}

impl Spelling {
    /// Indexes `words` (each distinct).
    pub fn new(mut words: Vec<CorpusWord>) -> Self {
        words.sort_by(|a, b| a.word.cmp(&b.word));
        let mut variants = Vec::new();
        let mut chars = Vec::new();
        for (at, word) in words.iter().enumerate() {
            chars.clear();
            chars.extend(word.word.chars());
            let at = u32::try_from(at).expect("fewer than 4 billion corpus words");
            for_each_variant(&chars, MAX_DELETIONS, &mut |hash| variants.push((hash, at)));
        }
        variants.sort_unstable();
        variants.dedup();
        let longest = words.iter().map(|w| w.chars).max().unwrap_or(0);
        Spelling { words, variants, longest }
    }

    /// Whether `word` is one of the corpus words.
    pub fn contains(&self, word: &str) -> bool {
        self.words.binary_search_by(|w| w.word.as_str().cmp(word)).is_ok()
    }

    /// The corpus word nearest to `word` within `budget` edits: the smallest Damerau–Levenshtein
    /// distance, then the highest document frequency, then the first in word order.
    pub fn nearest(&self, word: &str, budget: usize) -> Option<&CorpusWord> {
        if budget > MAX_DELETIONS {
            return self.nearest_by_scan(word, budget);
        }
        let chars: Vec<char> = word.chars().collect();
        if chars.len() > self.longest + budget {
            return None;
        }
        let mut candidates: Vec<u32> = Vec::new();
        for_each_variant(&chars, budget, &mut |hash| {
            let from = self.variants.partition_point(|&(h, _)| h < hash);
            candidates
                .extend(self.variants[from..].iter().take_while(|&&(h, _)| h == hash).map(|&(_, at)| at));
        });
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .into_iter()
            .map(|at| (at, &self.words[at as usize]))
            .filter(|(_, candidate)| candidate.chars.abs_diff(chars.len()) <= budget)
            .map(|(at, candidate)| (strsim::damerau_levenshtein(word, &candidate.word), at, candidate))
            .filter(|&(distance, _, _)| distance <= budget)
            .min_by_key(|&(distance, at, candidate)| (distance, Reverse(candidate.df), at))?;
        Some(best.2)
    }

    /// As [`Spelling::nearest`], by measuring the distance to every word.
    pub fn nearest_by_scan(&self, word: &str, budget: usize) -> Option<&CorpusWord> {
        let len = word.chars().count();
        self.words
            .iter()
            .filter(|candidate| candidate.chars.abs_diff(len) <= budget)
            .map(|candidate| (strsim::damerau_levenshtein(word, &candidate.word), candidate))
            .filter(|(distance, _)| *distance <= budget)
            .min_by_key(|(distance, candidate)| (*distance, Reverse(candidate.df)))
            .map(|(_, candidate)| candidate)
    }
}

/// Calls `found` with the hash of every word made by deleting at most `deletions` characters of
/// `chars` (the word itself included; a variant reached twice may be reported twice).
fn for_each_variant(chars: &[char], deletions: usize, found: &mut impl FnMut(u64)) {
    let mut removed = Vec::with_capacity(deletions);
    delete_from(chars, 0, deletions, &mut removed, found);
}

/// Reports the word without the positions in `removed`, then deletes one more position at or
/// after `from`, while `left` deletions remain.
fn delete_from(
    chars: &[char],
    from: usize,
    left: usize,
    removed: &mut Vec<usize>,
    found: &mut impl FnMut(u64),
) {
    found(hash_without(chars, removed));
    if left == 0 {
        return;
    }
    for at in from..chars.len() {
        removed.push(at);
        delete_from(chars, at + 1, left - 1, removed, found);
        removed.pop();
    }
}

/// FNV-1a over the characters of `chars` not at the (ascending) positions in `removed`.
fn hash_without(chars: &[char], removed: &[usize]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut skip = removed.iter().peekable();
    for (at, &c) in chars.iter().enumerate() {
        if skip.next_if_eq(&&at).is_some() {
            continue;
        }
        hash = (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn spelling(words: &[(&str, u32)]) -> Spelling {
        Spelling::new(
            words
                .iter()
                .map(|&(word, df)| CorpusWord {
                    word: word.to_string(),
                    chars: word.chars().count(),
                    term: format!("t-{word}"),
                    df,
                })
                .collect(),
        )
    }

    fn nearest<'a>(s: &'a Spelling, word: &str, budget: usize) -> Option<&'a str> {
        s.nearest(word, budget).map(|w| w.word.as_str())
    }

    #[test]
    fn the_nearest_word_wins_then_the_commonest_then_the_first() {
        let s = spelling(&[("salary", 3), ("salaries", 9), ("sallary", 1), ("galaxy", 5)]);
        assert_eq!(nearest(&s, "salay", 1), Some("salary"));
        assert_eq!(nearest(&s, "salarie", 1), Some("salaries"));
        let tie = spelling(&[("cart", 2), ("card", 2), ("care", 7)]);
        assert_eq!(nearest(&tie, "carx", 1), Some("care"), "the commoner of equally near words");
        let tie = spelling(&[("cart", 2), ("card", 2)]);
        assert_eq!(nearest(&tie, "carx", 1), Some("card"), "the first in word order");
    }

    #[test]
    fn transpositions_count_once_even_with_an_insertion_between() {
        let s = spelling(&[("abc", 1)]);
        assert_eq!(nearest(&s, "bac", 1), Some("abc"));
        // True Damerau–Levenshtein: "ca" -> "ac" -> "abc" is two edits.
        assert_eq!(nearest(&s, "ca", 2), Some("abc"));
        assert_eq!(nearest(&s, "ca", 1), None);
    }

    #[test]
    fn words_beyond_the_budget_or_far_longer_are_not_corrected() {
        let s = spelling(&[("engineer", 4)]);
        assert_eq!(nearest(&s, "enginxxr", 1), None);
        assert_eq!(nearest(&s, "enginxer", 1), Some("engineer"));
        assert_eq!(nearest(&s, &"e".repeat(5000), 2), None);
        assert_eq!(nearest(&s, "", 2), None);
    }

    #[test]
    fn a_budget_beyond_the_index_falls_back_to_scanning() {
        let s = spelling(&[("engineer", 4)]);
        assert_eq!(nearest(&s, "enxxxeer", 3), Some("engineer"));
    }

    /// Words over a few letters (some non-ASCII), so that near misses and ties are common.
    fn word() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'd', 'é', 'ß']), 0..9)
            .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_index_finds_what_scanning_every_word_finds(
            corpus in proptest::collection::btree_map(word(), 1u32..4, 0..60),
            queries in proptest::collection::vec(word(), 1..20),
            budget in 0..=MAX_DELETIONS,
        ) {
            let words: Vec<(&str, u32)> = corpus.iter().map(|(w, &df)| (w.as_str(), df)).collect();
            let s = spelling(&words);
            for query in &queries {
                prop_assert_eq!(s.nearest(query, budget), s.nearest_by_scan(query, budget), "query {:?}", query);
            }
        }
    }
}
