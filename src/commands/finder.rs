//! Finding names inside free text in one pass: every name is filed under its first word, so a
//! question's words are each looked up once instead of every name being searched for in turn.

use rustc_hash::FxHashMap;

/// The names of a list of entries (roles, or salary levels), filed by first word. A name counts
/// as found where its words occur consecutively, or where its plural-free form ("ai researcher")
/// occurs in the text with every word made singular ("ai researchers").
#[derive(Debug, Clone, Default)]
pub struct NameFinder {
    /// Entries to report.
    entries: usize,
    /// The names filed under each word: a word that is its own singular finds both kinds in
    /// one look-up.
    filed: FxHashMap<String, Filed>,
}

/// The names filed under one word.
#[derive(Debug, Clone, Default)]
struct Filed {
    /// (entry, name) whose first word it is.
    exact: Vec<(usize, Vec<String>)>,
    /// (entry, name with its last word singular) whose first word it is.
    singular: Vec<(usize, Vec<String>)>,
}

impl NameFinder {
    /// Files the names of each entry; entry `i` is the `i`-th item of `entries`. Empty names are
    /// never found.
    pub fn new<'a>(entries: impl IntoIterator<Item = &'a [Vec<String>]>) -> Self {
        let mut finder = NameFinder::default();
        for (entry, names) in entries.into_iter().enumerate() {
            finder.entries = entry + 1;
            for name in names.iter().filter(|n| !n.is_empty()) {
                finder.filed.entry(name[0].clone()).or_default().exact.push((entry, name.clone()));
                let mut plain = name.clone();
                if let Some(last) = plain.last_mut() {
                    *last = singular_of(last).to_string();
                }
                finder.filed.entry(plain[0].clone()).or_default().singular.push((entry, plain));
            }
        }
        finder
    }

    /// Whether each entry is named in `text` (lower-case words), by entry.
    pub fn found_in(&self, text: &[String]) -> Vec<bool> {
        let mut found = vec![false; self.entries];
        for at in 0..text.len() {
            let word = text[at].as_str();
            let single = singular_of(word);
            let filed = self.filed.get(word);
            for (entry, name) in filed.iter().flat_map(|f| &f.exact) {
                if !found[*entry] && text[at..].starts_with(name) {
                    found[*entry] = true;
                }
            }
            let filed = if single.len() == word.len() { filed } else { self.filed.get(single) };
            for (entry, name) in filed.iter().flat_map(|f| &f.singular) {
                if !found[*entry] && singular_starts_with(&text[at..], name) {
                    found[*entry] = true;
                }
            }
        }
        found
    }
}

/// Whether `text`, every word made singular, starts with the words of `name`.
fn singular_starts_with(text: &[String], name: &[String]) -> bool {
    name.len() <= text.len() && text.iter().zip(name).all(|(word, n)| singular_of(word) == n)
}

/// A word without a plural "s" ("engineers" → "engineer"); short words stay as they are.
pub fn singular_of(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::text::{find_phrase, words};

    /// Every name searched for in turn, as names were found before the finder.
    fn found_by_search(entries: &[Vec<Vec<String>>], text: &[String]) -> Vec<bool> {
        let singular_text: Vec<String> = text.iter().map(|w| singular_of(w).to_string()).collect();
        let named = |name: &Vec<String>| {
            find_phrase(text, name).is_some() || {
                let mut name = name.clone();
                if let Some(last) = name.last_mut() {
                    *last = singular_of(last).to_string();
                }
                find_phrase(&singular_text, &name).is_some()
            }
        };
        entries.iter().map(|names| names.iter().any(named)).collect()
    }

    fn finder(entries: &[Vec<Vec<String>>]) -> NameFinder {
        NameFinder::new(entries.iter().map(Vec::as_slice))
    }

    #[test]
    fn names_are_found_whole_and_in_the_plural() {
        let entries = vec![
            vec![words("ml engineer"), words("mle")],
            vec![words("ai researcher")],
            vec![words("data scientist"), words("ds")],
        ];
        let f = finder(&entries);
        assert_eq!(f.found_in(&words("how do ML engineers and ai researchers differ")), [true, true, false]);
        assert_eq!(f.found_in(&words("ds or mle")), [true, false, true]);
        assert_eq!(f.found_in(&words("ml")), [false, false, false], "part of a name is not the name");
        assert_eq!(f.found_in(&words("data scientists")), [false, false, true]);
        assert_eq!(f.found_in(&[]), [false, false, false]);
    }

    /// Words over a few letters, some ending in "s", so that plurals and partial names are common.
    fn word() -> impl Strategy<Value = String> {
        proptest::sample::select(vec!["abc", "abcs", "ab", "abs", "bss", "bs", "class", "classs", "x"])
            .prop_map(String::from)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn the_finder_finds_what_searching_every_name_finds(
            entries in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(word(), 0..4), 0..4), 0..6),
            text in proptest::collection::vec(word(), 0..10),
        ) {
            prop_assert_eq!(finder(&entries).found_in(&text), found_by_search(&entries, &text));
        }
    }
}
