//! Prices: which passages state one, and whether a passage prices what a question asks about.

use rustc_hash::FxHashSet;

use super::{Engine, is_topic};
use crate::corpus::{Aspect, Corpus, Kind, Passage, money};
use crate::search::{Ranking, Search};
use crate::text::{find_phrase, words};

/// Whether each passage, by ord, states a price: an education path with a figure whose clause
/// has no pay word ("Springboard ML Engineering ($17,000)", not "pay a stipend of
/// $35,000-$50,000/year"). Elsewhere the guide's figures are pay.
pub(super) fn priced(corpus: &Corpus) -> Vec<bool> {
    let salary = corpus.vocabulary.aspects.get(&Aspect::Salary);
    let pay: Vec<Vec<String>> =
        salary.into_iter().flat_map(|a| a.labels.iter().chain(&a.words)).map(|w| words(w)).collect();
    let is_pay = |clause: &[String]| pay.iter().any(|w| find_phrase(clause, w).is_some());
    let priced = |p: &Passage| {
        p.kind == Kind::Education
            && p.lines.iter().flat_map(|l| money::mentions(&l.text)).any(|m| !is_pay(&words(&m.clause)))
    };
    corpus.passages.iter().map(priced).collect()
}

/// The analyzed terms of the clauses of each passage that state a price (a figure or a price
/// word), by passage ord.
pub(super) fn price_terms(
    corpus: &Corpus,
    search: &Search,
    price_words: &FxHashSet<String>,
) -> Vec<FxHashSet<String>> {
    let states_price = |clause: &str| {
        !money::figures(clause).is_empty() || words(clause).iter().any(|w| price_words.contains(w))
    };
    let terms_of = |passage: &Passage| {
        let clauses = passage.lines.iter().flat_map(|l| money::clauses(&l.text));
        clauses.filter(|c| states_price(c)).flat_map(|c| search.analyze(c)).collect()
    };
    corpus.passages.iter().map(terms_of).collect()
}

impl Engine {
    /// Whether passage `ord` states a price for what the question asks about: every topic word
    /// of the question that the passage holds outside its title is in a clause stating a price.
    /// "how much does brainstation cost" is no question the bootcamps passage answers: it names
    /// BrainStation but prices only Springboard.
    pub(super) fn prices_what_is_asked(&self, ord: usize, ranking: &Ranking) -> bool {
        ranking.terms.iter().filter(|t| is_topic(t)).all(|t| {
            self.title_terms[ord].contains(&t.term)
                || !self.lines_hold(ord, &t.term)
                || self.price_terms[ord].contains(&t.term)
        })
    }
}
