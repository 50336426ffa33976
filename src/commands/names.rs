//! Role and salary-level names: exact, alias, partial and misspelt names resolved to passages,
//! and names found inside free text.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

use super::finder::{NameFinder, singular_of};
use crate::corpus::{Aspect, Corpus, Kind, Vocabulary};
use crate::text::{find_phrase, words};

/// How close a misspelt name must be to a real one (normalized Damerau–Levenshtein, 0 to 1).
const FUZZY_MIN_SIMILARITY: f64 = 0.75;

/// Something with names: a role or a salary level.
#[derive(Debug, Clone)]
struct Named {
    ord: usize,
    /// Every name, as words; the title's first.
    names: Vec<Vec<String>>,
    /// The vocabulary's aliases, in the order written: the first unique one becomes the key.
    preferred: Vec<Vec<String>>,
    /// The name buttons send: the first vocabulary alias no other entry shares, else the
    /// shortest such name.
    key: String,
}

/// How a name resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// A name or alias, exactly (ignoring case and punctuation).
    Exact(usize),
    /// Part of a name, or a misspelling close to one.
    Close(usize),
    /// Nothing matches well enough.
    Unknown,
}

impl Resolution {
    /// The resolved passage ord, exact or close.
    pub fn ord(self) -> Option<usize> {
        match self {
            Resolution::Exact(ord) | Resolution::Close(ord) => Some(ord),
            Resolution::Unknown => None,
        }
    }
}

/// The role and level names of one corpus.
#[derive(Debug, Clone)]
pub struct Names {
    roles: Vec<Named>,
    levels: Vec<Named>,
    aspects: Vec<(Aspect, Vec<String>)>,
    /// The positions in `aspects` of the phrases each word starts, so that a text is checked
    /// against the phrases its words start and no other.
    aspects_by_first: FxHashMap<String, Vec<usize>>,
    /// Phrases that hold an aspect's word without naming it, by aspect.
    not_aspects: Vec<(Aspect, Vec<String>)>,
    titles: TitleWords,
    /// The names of `roles` and of `levels`, for finding them in free text.
    role_finder: NameFinder,
    level_finder: NameFinder,
    /// Phrases that hold a name's words without naming it ("mid size").
    not_names: Vec<Vec<String>>,
}

/// Job titles, as words, for telling a title the guide covers from one it does not.
#[derive(Debug, Clone, Default)]
struct TitleWords {
    /// Words that end a title, singular ("engineer").
    heads: Vec<String>,
    /// Every covered title ending in a head, singular: role and level names, the names of roles
    /// followed by a head ("mlops engineer"), and the vocabulary's known titles.
    known: Vec<Vec<String>>,
    /// Words before a head that name no field ("an", "senior").
    generic: Vec<String>,
}

impl Names {
    /// Collects names from the corpus's roles and salary rows and the vocabulary's aliases.
    pub fn new(corpus: &Corpus) -> Self {
        let vocab = &corpus.vocabulary;
        let mut roles: Vec<Named> = corpus
            .passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == Kind::Role)
            .map(|(ord, p)| {
                let preferred: Vec<Vec<String>> =
                    Vocabulary::names_of(&vocab.roles, &p.title).skip(1).map(words).collect();
                let mut names = vec![words(&p.title)];
                names.extend(p.title.split('/').map(words).filter(|w| !w.is_empty()));
                names.extend(preferred.iter().cloned());
                dedup(&mut names);
                Named { ord, names, preferred, key: String::new() }
            })
            .collect();
        let role_names: Vec<Vec<String>> = roles.iter().flat_map(|r| r.names.clone()).collect();
        let mut levels: Vec<Named> = corpus
            .passages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == Kind::Salary)
            .map(|(ord, p)| {
                let mut names: Vec<Vec<String>> = Vocabulary::names_of(&vocab.levels, &p.title)
                    .map(words)
                    .filter(|n| !role_names.contains(n))
                    .collect();
                if names.is_empty() {
                    names.push(words(&p.title));
                }
                dedup(&mut names);
                let title = words(&p.title);
                let preferred = names.iter().filter(|n| **n != title).cloned().collect();
                Named { ord, names, preferred, key: String::new() }
            })
            .collect();
        assign_keys(&mut roles);
        assign_keys(&mut levels);
        let mut aspects: Vec<(Aspect, Vec<String>)> = vocab
            .aspects
            .iter()
            .flat_map(|(aspect, a)| a.words.iter().map(move |w| (*aspect, words(w))))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        aspects.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        let mut aspects_by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (at, (_, phrase)) in aspects.iter().enumerate() {
            aspects_by_first.entry(phrase[0].clone()).or_default().push(at);
        }
        let not_aspects = vocab
            .aspects
            .iter()
            .flat_map(|(aspect, a)| a.not.iter().map(move |w| (*aspect, words(w))))
            .filter(|(_, w)| !w.is_empty())
            .collect();
        let titles = TitleWords::new(vocab, roles.iter().chain(&levels).flat_map(|n| n.names.iter()));
        let role_finder = NameFinder::new(roles.iter().map(|r| r.names.as_slice()));
        let level_finder = NameFinder::new(levels.iter().map(|l| l.names.as_slice()));
        let not_names = vocab.not_names.words.iter().map(|w| words(w)).filter(|w| !w.is_empty()).collect();
        Names {
            roles,
            levels,
            aspects,
            aspects_by_first,
            not_aspects,
            titles,
            role_finder,
            level_finder,
            not_names,
        }
    }

    /// Whether free text names a job title the guide does not cover ("data engineer",
    /// "devops engineers"). `everyday` tells words that name no field ("typical"). With
    /// `asker_aside`, the asker's own job ("i'm a data engineer", "as a devops engineer") is
    /// where they come from, not what they ask about.
    pub fn foreign_title_in(
        &self,
        text: &[String],
        everyday: impl Fn(&str) -> bool,
        asker_aside: bool,
    ) -> bool {
        self.titles.foreign_in(text, everyday, asker_aside)
    }

    /// The ords of every role, in corpus order.
    pub fn roles(&self) -> impl Iterator<Item = usize> + '_ {
        self.roles.iter().map(|r| r.ord)
    }

    /// The ords of every salary level, in corpus order.
    pub fn levels(&self) -> impl Iterator<Item = usize> + '_ {
        self.levels.iter().map(|l| l.ord)
    }

    /// The short name a command can use for a role or level (`mlops`, `senior`).
    pub fn key(&self, ord: usize) -> Option<&str> {
        self.roles.iter().chain(&self.levels).find(|n| n.ord == ord).map(|n| n.key.as_str())
    }

    /// Every name of a role or level, as words.
    pub fn names(&self, ord: usize) -> &[Vec<String>] {
        self.roles.iter().chain(&self.levels).find(|n| n.ord == ord).map_or(&[], |n| n.names.as_slice())
    }

    /// Resolves a role name as a user typed it.
    pub fn resolve_role(&self, name: &str) -> Resolution {
        resolve(&self.roles, name)
    }

    /// Resolves a salary level name as a user typed it.
    pub fn resolve_level(&self, name: &str) -> Resolution {
        resolve(&self.levels, name)
    }

    /// Roles named in free text (exact names and aliases), in corpus order.
    pub fn roles_in(&self, text: &[String]) -> Vec<usize> {
        mentioned(&self.roles, &self.role_finder, &self.naming(text))
    }

    /// Salary levels named in free text, in corpus order.
    pub fn levels_in(&self, text: &[String]) -> Vec<usize> {
        mentioned(&self.levels, &self.level_finder, &self.naming(text))
    }

    /// `text` less the phrases that hold a name's words without naming it: "a mid-size
    /// company" names no mid-level engineer.
    fn naming<'t>(&self, text: &'t [String]) -> Cow<'t, [String]> {
        let mut text = Cow::Borrowed(text);
        for phrase in &self.not_names {
            while let Some(at) = find_phrase(&text, phrase) {
                text.to_mut()[at..at + phrase.len()].iter_mut().for_each(String::clear);
            }
        }
        text
    }

    /// The part of a role that free text asks about, by its longest matching phrase.
    pub fn aspect_in(&self, text: &[String]) -> Option<Aspect> {
        self.aspects_named(text).next()
    }

    /// Every part of a role that free text asks about, each once.
    pub fn aspects_in(&self, text: &[String]) -> Vec<Aspect> {
        let mut found: Vec<Aspect> = self.aspects_named(text).collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The parts free text asks about, one for each phrase of theirs it holds, longest first.
    fn aspects_named<'a>(&'a self, text: &'a [String]) -> impl Iterator<Item = Aspect> + 'a {
        let mut started: Vec<usize> =
            text.iter().filter_map(|word| self.aspects_by_first.get(word)).flatten().copied().collect();
        started.sort_unstable();
        started.dedup();
        let named = move |&at: &usize| {
            let (aspect, phrase) = &self.aspects[at];
            self.names_aspect(*aspect, phrase, text)
        };
        started.into_iter().filter(named).map(move |at| self.aspects[at].0)
    }

    /// Whether `phrase`, a phrase of `aspect`, occurs in `text` where no phrase that does not
    /// name the aspect holds it ("know" of "want to know").
    fn names_aspect(&self, aspect: Aspect, phrase: &[String], text: &[String]) -> bool {
        let not = |at: usize| {
            self.not_aspects.iter().filter(|(a, _)| *a == aspect).any(|(_, not)| {
                let from = (at + phrase.len()).saturating_sub(not.len());
                (from..=at)
                    .any(|start| text[start..].starts_with(not) && start + not.len() >= at + phrase.len())
            })
        };
        text.windows(phrase.len()).enumerate().any(|(at, window)| window == phrase && !not(at))
    }
}

impl TitleWords {
    fn new<'a>(vocab: &Vocabulary, names: impl Iterator<Item = &'a Vec<String>>) -> Self {
        let heads: Vec<String> =
            vocab.titles.heads.iter().flat_map(|h| words(h)).map(|h| singular(&h)).collect();
        let mut known: Vec<Vec<String>> = Vec::new();
        for name in names.cloned().chain(vocab.titles.known.iter().map(|t| words(t))) {
            let mut name: Vec<String> = name.iter().map(|w| singular(w)).collect();
            if name.last().is_some_and(|w| !heads.contains(w)) {
                known.extend(heads.iter().map(|h| [name.clone(), vec![h.clone()]].concat()));
            } else if !name.is_empty() {
                known.push(std::mem::take(&mut name));
            }
        }
        let generic = vocab.titles.generic.iter().flat_map(|g| words(g)).collect();
        TitleWords { heads, known, generic }
    }

    fn foreign_in(&self, text: &[String], everyday: impl Fn(&str) -> bool, asker_aside: bool) -> bool {
        let text: Vec<&str> = text.iter().map(|w| singular_of(w)).collect();
        (1..text.len()).filter(|&i| self.heads.iter().any(|h| h == text[i])).any(|i| {
            let modifier = text[i - 1];
            let covered = self.known.iter().any(|k| k.len() <= i + 1 && text[i + 1 - k.len()..=i] == k[..]);
            // A misspelt known title ("computer vison engineer") is still covered.
            let misspelt = || {
                let chars = modifier.chars().count();
                let budget = crate::search::query::typo_budget(chars);
                self.known.iter().any(|k| {
                    k.len() >= 2 && k[k.len() - 1] == text[i] && {
                        let near = &k[k.len() - 2];
                        // No word that many characters longer or shorter is within the budget.
                        near != modifier
                            && near.chars().count().abs_diff(chars) <= budget
                            && strsim::damerau_levenshtein(near, modifier) <= budget
                    }
                })
            };
            // "i'm a data engineer", "as a nurse", "data engineer here": the asker.
            let asker = asker_aside
                && ((i >= 3
                    && matches!(text[i - 2], "a" | "an")
                    && matches!(text[i - 3], "m" | "am" | "as"))
                    || text.get(i + 1) == Some(&"here"));
            !asker
                && !covered
                && !misspelt()
                && !self.generic.iter().any(|g| g == modifier)
                && !everyday(modifier)
        })
    }
}

/// A word without a plural "s" ("engineers" → "engineer"); short words stay as they are.
fn singular(word: &str) -> String {
    singular_of(word).to_string()
}

fn dedup(names: &mut Vec<Vec<String>>) {
    let mut seen = Vec::new();
    names.retain(|n| {
        let new = !n.is_empty() && !seen.contains(n);
        seen.push(n.clone());
        new
    });
}

/// Gives each entry its key: the first of its vocabulary aliases that no other entry shares,
/// else the shortest such name, else its title.
fn assign_keys(entries: &mut [Named]) {
    let all: Vec<(usize, Vec<String>)> =
        entries.iter().flat_map(|e| e.names.iter().map(move |n| (e.ord, n.clone()))).collect();
    for entry in entries.iter_mut() {
        let unique = |n: &&Vec<String>| all.iter().all(|(ord, other)| *ord == entry.ord || other != *n);
        let key =
            entry.preferred.iter().find(unique).or_else(|| {
                entry.names.iter().filter(unique).min_by_key(|n| (n.join(" ").len(), n.join(" ")))
            });
        entry.key = key.unwrap_or(&entry.names[0]).join(" ");
    }
}

fn resolve(entries: &[Named], name: &str) -> Resolution {
    let query = words(name);
    if query.is_empty() {
        return Resolution::Unknown;
    }
    if let Some(e) = entries.iter().find(|e| e.names.contains(&query)) {
        return Resolution::Exact(e.ord);
    }
    // Part of a name ("vision"), when only one entry has it.
    let partial: Vec<usize> = entries
        .iter()
        .filter(|e| e.names.iter().any(|n| find_phrase(n, &query).is_some()))
        .map(|e| e.ord)
        .collect();
    if let [ord] = partial[..] {
        return Resolution::Close(ord);
    }
    // A misspelling: the most similar name, if similar enough and not a tie between entries.
    let joined = query.join(" ");
    let mut scored: Vec<(f64, usize)> = entries
        .iter()
        .map(|e| {
            let best = e
                .names
                .iter()
                .map(|n| strsim::normalized_damerau_levenshtein(&joined, &n.join(" ")))
                .fold(0.0, f64::max);
            (best, e.ord)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [(best, ord), rest @ ..]
            if *best >= FUZZY_MIN_SIMILARITY && rest.first().is_none_or(|(second, _)| second < best) =>
        {
            Resolution::Close(*ord)
        }
        _ => Resolution::Unknown,
    }
}

/// Entries named in `text`, a plural name counting as the name ("ai researchers"); `finder`
/// holds the names of `entries`.
fn mentioned(entries: &[Named], finder: &NameFinder, text: &[String]) -> Vec<usize> {
    entries.iter().zip(finder.found_in(text)).filter(|(_, found)| *found).map(|(e, _)| e.ord).collect()
}
