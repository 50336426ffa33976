//! The corpus's terms numbered once, and a passage's terms as a set of bits over those numbers:
//! whether a passage holds a question's term is a bit test instead of a string hash.

use rustc_hash::FxHashMap;

/// A number for each distinct term.
#[derive(Debug, Default)]
pub struct TermIds {
    ids: FxHashMap<String, u32>,
}

impl TermIds {
    /// Numbers the distinct terms of `terms`, in order of first appearance.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a String>) -> Self {
        let mut ids = FxHashMap::default();
        for term in terms {
            let next = u32::try_from(ids.len()).expect("fewer than 4 billion terms");
            ids.entry(term.clone()).or_insert(next);
        }
        TermIds { ids }
    }

    /// The number of `term`; `None` for a term none of the numbered sets can hold.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// The set of `terms`, each of which must have been numbered.
    pub fn set<'a>(&self, terms: impl IntoIterator<Item = &'a String>) -> TermSet {
        let mut set = TermSet::default();
        for term in terms {
            let id = self.id(term).expect("a set holds numbered terms only");
            set.insert(id);
        }
        set
    }
}

/// A set of term numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermSet {
    bits: Vec<u64>,
}

impl TermSet {
    /// Adds `id`.
    pub fn insert(&mut self, id: u32) {
        let (word, bit) = (id as usize / 64, id % 64);
        if self.bits.len() <= word {
            self.bits.resize(word + 1, 0);
        }
        self.bits[word] |= 1 << bit;
    }

    /// Whether the set holds `id`.
    pub fn contains(&self, id: u32) -> bool {
        self.bits.get(id as usize / 64).is_some_and(|word| word & (1 << (id % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_set_holds_exactly_its_terms() {
        let corpus = strings(&["data", "scienc", "model", "data", "engin"]);
        let ids = TermIds::new(&corpus);
        let set = ids.set(&strings(&["model", "data"]));
        let holds = |term: &str| ids.id(term).is_some_and(|id| set.contains(id));
        assert!(holds("data") && holds("model"));
        assert!(!holds("engin") && !holds("scienc") && !holds("absent"));
        assert_eq!(ids.id("data"), Some(0), "numbered in order of first appearance");
        assert_eq!(ids.id("engin"), Some(3));
    }

    proptest! {
        #[test]
        fn membership_is_the_hash_sets(
            corpus in proptest::collection::vec(0u32..300, 1..200),
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..80),
            probes in proptest::collection::vec(0u32..400, 0..50),
        ) {
            let corpus: Vec<String> = corpus.iter().map(|n| format!("t{n}")).collect();
            let ids = TermIds::new(&corpus);
            let chosen: Vec<String> = picks.iter().map(|i| i.get(&corpus).clone()).collect();
            let set = ids.set(&chosen);
            let hashed: HashSet<&String> = chosen.iter().collect();
            for probe in probes.iter().map(|n| format!("t{n}")) {
                let holds = ids.id(&probe).is_some_and(|id| set.contains(id));
                prop_assert_eq!(holds, hashed.contains(&probe), "{}", probe);
            }
        }
    }
}
