//! Ranking passages for a question: terms from [`query`], BM25 from tantivy, and a confidence
//! that says whether the best passage really answers the question.

pub mod query;
mod scores;
mod spelling;
mod stems;
mod termset;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::corpus::Corpus;
use crate::index::GuideIndex;
pub use query::{QueryRules, QueryTerm};
use scores::Scores;
use spelling::{CorpusWord, Spelling};
use stems::Stems;
use termset::{TermIds, TermSet};

/// How much a match in each field counts: a question's words in a heading say more than in prose.
const TITLE_BOOST: f32 = 2.0;
const ALIASES_BOOST: f32 = 0.5;
const BODY_BOOST: f32 = 1.0;
/// The asker's own word, where a synonym replaced it, counts a little less than the guide's.
const ALTERNATIVE_WEIGHT: f32 = 0.8;
/// How much an everyday word ("start", "good") counts, next to a topic word.
const COMMON_WEIGHT: f32 = 0.3;
/// How much more a passage counts when its title, headings or aliases hold the whole question,
/// next to none of it (scaled by the idf-weighted share they hold).
const SUBJECT_BONUS: f32 = 1.0;
/// How much more a passage counts when it holds every pair of consecutive words of the
/// question ("data role"), next to none of them (scaled by the share it holds).
const PAIR_BONUS: f32 = 1.0;
/// BM25 candidates that coverage re-ranks.
const RERANK_DEPTH: usize = 20;

/// Words after which a word the guide lacks is the asker's own ("my teacher", "our startup"):
/// everyday, not a sign the question is off topic.
const POSSESSIVES: &[&str] = &["my", "our"];

/// A ranked passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The passage's position in the corpus.
    pub ord: usize,
    /// Its BM25 score.
    pub score: f32,
}

/// The outcome of a search: ranked hits and how well the best one covers the question.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    /// Best first.
    pub hits: Vec<Hit>,
    /// The idf-weighted share of the question's known terms that the best hit contains (0 to 1).
    pub coverage: f32,
    /// The idf-weighted share of the question the guide does not know at all (0 to 1).
    pub unknown_share: f32,
    /// The prepared terms.
    pub terms: Vec<QueryTerm>,
    /// Whether a topic word of the question names what the best hit is about (its title, the
    /// headings above it or its aliases), rather than only occurring in its text: "explain
    /// backpropagation" finds a passage that merely lists the word.
    pub on_subject: bool,
}

/// Search over one index and the corpus it was built from.
pub struct Search {
    index: GuideIndex,
    rules: QueryRules,
    /// Every analyzed term of each passage, by ord.
    passage_terms: Vec<TermSet>,
    /// The analyzed terms of each passage's title, headings and aliases, by ord.
    subject_terms: Vec<TermSet>,
    /// The numbers of the terms in `passage_terms` and `subject_terms`.
    term_ids: TermIds,
    /// Each passage's pairs of consecutive analyzed terms ("data role" of "start in data
    /// roles"), as term numbers, by ord.
    passage_pairs: Vec<FxHashSet<(u32, u32)>>,
    /// Document frequency of every term in the corpus.
    doc_freq: FxHashMap<String, u32>,
    /// Every distinct searchable word of the corpus, for typo correction.
    spelling: Spelling,
    /// The analyzed terms of everyday and question words, so that any form of one ("comes",
    /// "folks") counts as everyday.
    everyday_terms: FxHashSet<String>,
    /// The terms of every word of the corpus and the vocabulary, analyzed once.
    stems: Stems,
}

impl Search {
    /// Prepares search over `index`, which must have been built from `corpus`.
    pub fn new(index: GuideIndex, corpus: &Corpus) -> Self {
        // What a passage is about: its title, the headings above it, its aliases and its text.
        let subjects: Vec<String> = corpus
            .passages
            .iter()
            .map(|p| format!("{}\n{}\n{}", p.title, p.section.join("\n"), p.aliases.join("\n")))
            .collect();
        let texts: Vec<String> = corpus
            .passages
            .iter()
            .zip(&subjects)
            .map(|(p, subject)| format!("{subject}\n{}", p.text()))
            .collect();
        let passage_terms: Vec<FxHashSet<String>> =
            texts.iter().map(|text| index.analyze(text).into_iter().collect()).collect();
        let subject_terms: Vec<FxHashSet<String>> =
            subjects.iter().map(|subject| index.analyze(subject).into_iter().collect()).collect();
        let mut doc_freq: FxHashMap<String, u32> = FxHashMap::default();
        for terms in &passage_terms {
            for term in terms {
                *doc_freq.entry(term.clone()).or_default() += 1;
            }
        }
        let distinct: FxHashSet<String> = texts
            .iter()
            .flat_map(|text| crate::text::words(text))
            .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let vocabulary = &corpus.vocabulary;
        let stems = Stems::new(&index, texts.iter().map(String::as_str), vocabulary);
        let everyday_terms: FxHashSet<String> = vocabulary
            .common_words
            .words
            .iter()
            .chain(&vocabulary.question_words.words)
            .flat_map(|w| index.analyze(w))
            .collect();
        let rules = QueryRules::new(vocabulary);
        // Analyzed once here, so that correcting a typo never runs the analyzer per candidate.
        // No typo is corrected to an everyday word ("most" for "cost"): that would say nothing
        // about the topic and hide that the asker's word is one the guide lacks. A job title's
        // head is no everyday word though its stem is one's ("manager", "manage").
        let corpus_words: Vec<CorpusWord> = distinct
            .into_iter()
            .filter_map(|word| {
                let term = stems.of(&index, &word).first()?.clone();
                let df = *doc_freq.get(&term)?;
                if rules.is_common(&word) || (everyday_terms.contains(&term) && !rules.is_title_head(&word)) {
                    return None;
                }
                Some(CorpusWord { chars: word.chars().count(), word, term, df })
            })
            .collect();
        let spelling = Spelling::new(corpus_words);
        let all_terms = passage_terms.iter().chain(&subject_terms).flatten();
        let term_ids = TermIds::new(all_terms);
        let passage_terms = passage_terms.iter().map(|terms| term_ids.set(terms)).collect();
        let passage_pairs = texts.iter().map(|text| pairs_of(&index, &term_ids, text)).collect();
        let subject_terms = subject_terms.iter().map(|terms| term_ids.set(terms)).collect();
        Search {
            index,
            rules,
            passage_terms,
            subject_terms,
            term_ids,
            passage_pairs,
            doc_freq,
            spelling,
            everyday_terms,
            stems,
        }
    }

    /// The analyzer's terms for `text`.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        self.index.analyze(text)
    }

    /// The query rules (synonyms, question words) in use.
    pub fn rules(&self) -> &QueryRules {
        &self.rules
    }

    /// The weighted terms of a question.
    pub fn terms(&self, text: &str) -> Vec<QueryTerm> {
        self.terms_of(&crate::text::words(text))
    }

    /// As [`Search::terms`], of a question's words already read by [`crate::text::words`].
    pub fn terms_of(&self, said: &[String]) -> Vec<QueryTerm> {
        self.terms_and_pairs(said).0
    }

    /// [`Search::terms_of`], and the question's pairs of consecutive terms that some passage
    /// holds: question words left out, not both everyday, and not ending in a title's head ("data
    /// scientist" is weighed as a name, not as a phrase).
    fn terms_and_pairs(&self, said: &[String]) -> (Vec<QueryTerm>, Vec<(u32, u32)>) {
        let mut terms: Vec<QueryTerm> = Vec::new();
        // Each term in the question's order: its number, whether everyday, whether a head.
        let mut sequence: Vec<(Option<u32>, bool, bool)> = Vec::new();
        let mut after_possessive = false;
        for topic in self.rules.topic_words_of(said) {
            // "my teacher told me…": what the asker owns or knows is their story, not the subject.
            let owned = std::mem::replace(&mut after_possessive, POSSESSIVES.contains(&topic.word));
            let alternatives: Vec<String> = topic
                .replaced
                .iter()
                .flat_map(|w| self.stems.of(&self.index, w).into_owned())
                .filter(|t| self.doc_freq.contains_key(t))
                .collect();
            for term in self.stems.of(&self.index, topic.word).iter().cloned() {
                let common = self.rules.is_common(topic.word) || self.everyday_terms.contains(&term);
                let question = self.rules.is_question_word(topic.word);
                let domain = topic.domain;
                let found = if self.doc_freq.contains_key(&term) || !alternatives.is_empty() {
                    let known = true;
                    QueryTerm {
                        term,
                        alternatives: alternatives.clone(),
                        known,
                        common,
                        question,
                        domain,
                        weight: 1.0,
                    }
                } else {
                    // An everyday word the guide lacks is no misspelling of a guide word.
                    let plural = || self.singular(topic.word);
                    let guess = if common { None } else { plural().or_else(|| self.correct(topic.word)) };
                    guess.unwrap_or(QueryTerm {
                        term,
                        alternatives: Vec::new(),
                        known: false,
                        // A figure the guide does not state ("is 500k for real?") is the
                        // asker's, as everyday as their words.
                        common: common
                            || owned
                            || self.rules.is_expected(topic.word)
                            || topic.word.chars().any(|c| c.is_ascii_digit()),
                        question,
                        domain,
                        weight: 1.0,
                    })
                };
                if !question {
                    let everyday = self.everyday_terms.contains(&found.term);
                    sequence.push((
                        self.term_ids.id(&found.term),
                        everyday,
                        self.rules.is_title_head(topic.word),
                    ));
                }
                if !terms.iter().any(|t| t.term == found.term) {
                    terms.push(found);
                }
            }
        }
        let pairs = sequence.windows(2).filter_map(|pair| match pair {
            [(Some(a), a_everyday, _), (Some(b), b_everyday, false)]
                if a != b && !(*a_everyday && *b_everyday) =>
            {
                Some((*a, *b))
            }
            _ => None,
        });
        let pairs = pairs.collect();
        (terms, pairs)
    }

    /// The question's words with each misspelt guide word put right ("enginer" -> "engineer"),
    /// for finding names and parts by their words; `None` when no word is misspelt. A word is
    /// misspelt when it is no word of the guide, nor an everyday or vocabulary word, and is
    /// within the typo budget of a guide word (though its stem may be the guide's: "enginer").
    pub fn respelled(&self, said: &[String]) -> Option<Vec<String>> {
        let mut out: Option<Vec<String>> = None;
        let mut plural = String::new();
        for (at, word) in said.iter().enumerate() {
            let everyday =
                || self.stems.of(&self.index, word).iter().any(|t| self.everyday_terms.contains(t));
            if self.rules.is_expected(word) || self.spelling.contains(word) || everyday() {
                continue;
            }
            // "offer" where the guide says "offers" is no typo: names find plurals as singulars.
            let plural_known = ["s", "es"].iter().any(|suffix| {
                plural.clear();
                plural.push_str(word);
                plural.push_str(suffix);
                self.spelling.contains(&plural)
            });
            if plural_known {
                continue;
            }
            if let Some(best) = self.nearest_word(word) {
                out.get_or_insert_with(|| said.to_vec())[at] = best.word.clone();
            }
        }
        out
    }

    /// The guide's term for the plural of a word the stemmer leaves alone ("phds", "gpus"),
    /// with a plain term's weight: it is no typo.
    fn singular(&self, word: &str) -> Option<QueryTerm> {
        let stem = word.strip_suffix('s').filter(|s| s.chars().count() >= 2)?;
        let term = self.stems.of(&self.index, stem).first()?.clone();
        self.doc_freq.contains_key(&term).then(|| QueryTerm::found(term, 1.0))
    }

    /// The corpus word nearest to a word the corpus lacks, within the typo budget.
    fn correct(&self, word: &str) -> Option<QueryTerm> {
        let best = self.nearest_word(word)?;
        Some(QueryTerm::found(best.term.clone(), query::CORRECTED_WEIGHT))
    }

    /// The corpus word `word` is a typo of, within its typo budget, if any.
    fn nearest_word(&self, word: &str) -> Option<&CorpusWord> {
        let budget = query::typo_budget(word.chars().count());
        // A figure ("180k", "3yrs") is no misspelt figure of the guide's.
        if budget == 0 || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        self.spelling.nearest(word, budget)
    }

    /// Inverse document frequency of a term; an unknown term gets the highest.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.passage_terms.len() as f32;
        let df = self.doc_freq.get(term).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// A query term's weight for coverage: the idf of the term, or of its best-known alternative.
    fn term_idf(&self, t: &QueryTerm) -> f32 {
        let idf = if self.doc_freq.contains_key(&t.term) || t.alternatives.is_empty() {
            self.idf(&t.term)
        } else {
            t.alternatives.iter().map(|a| self.idf(a)).fold(0.0, f32::max)
        };
        if t.common { idf * COMMON_WEIGHT } else { idf }
    }

    /// Each term with its weight for coverage ([`Search::term_idf`]) and its numbers, worked out
    /// once per question rather than once per passage it is checked against.
    fn weigh<'a>(&self, terms: &'a [QueryTerm]) -> Vec<Weighed<'a>> {
        terms
            .iter()
            .map(|term| Weighed {
                term,
                weight: self.term_idf(term),
                id: self.term_ids.id(&term.term),
                alternatives: term.alternatives.iter().filter_map(|a| self.term_ids.id(a)).collect(),
            })
            .collect()
    }

    /// Ranks passages for `text`; at most `limit` hits. BM25 picks candidates; among them, those
    /// that contain more of the question (idf-weighted) move up.
    pub fn rank(&self, text: &str, limit: usize) -> Ranking {
        self.rank_words(&crate::text::words(text), limit)
    }

    /// As [`Search::rank`], of a question's words already read by [`crate::text::words`].
    pub fn rank_words(&self, said: &[String], limit: usize) -> Ranking {
        let (terms, pairs) = self.terms_and_pairs(said);
        let mut hits = self.run(&terms, limit.max(RERANK_DEPTH));
        let weighed = self.weigh(&terms);
        for hit in &mut hits {
            let subject = self.subject_share(&weighed, hit.ord);
            let phrased = self.pair_share(&pairs, hit.ord);
            hit.score *= self.coverage_of(&weighed, hit.ord).powi(2)
                * (1.0 + SUBJECT_BONUS * subject)
                * (1.0 + PAIR_BONUS * phrased);
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.truncate(limit);
        let coverage = hits.first().map_or(0.0, |top| self.coverage_of(&weighed, top.ord));
        let unknown_share = unknown_share_of(&weighed);
        let on_subject = hits.first().is_some_and(|top| self.subject_share(&weighed, top.ord) > 0.0);
        Ranking { hits, coverage, unknown_share, terms, on_subject }
    }

    /// The idf-weighted share of the question's known terms found in passage `ord`. Question
    /// words and the guide's field ("ai") say nothing about which passage answers, so they
    /// don't count.
    pub fn coverage(&self, terms: &[QueryTerm], ord: usize) -> f32 {
        self.coverage_of(&self.weigh(terms), ord)
    }

    fn coverage_of(&self, terms: &[Weighed], ord: usize) -> f32 {
        let asked = terms.iter().filter(|w| w.term.known && !w.term.question && !w.term.domain);
        self.passage_terms.get(ord).map_or(0.0, |found| share_in(asked, found))
    }

    /// As [`Search::coverage`], of passages `a` and `b` together: a term counts when either
    /// holds it.
    pub fn coverage_of_both(&self, terms: &[QueryTerm], a: usize, b: usize) -> f32 {
        let weighed = self.weigh(terms);
        let asked = weighed.iter().filter(|w| w.term.known && !w.term.question && !w.term.domain);
        let (Some(found_a), Some(found_b)) = (self.passage_terms.get(a), self.passage_terms.get(b)) else {
            return 0.0;
        };
        share_where(asked, |w| w.is_in(found_a) || w.is_in(found_b))
    }

    /// The idf-weighted share of the question's known topic terms in passage `ord`'s title,
    /// headings or aliases.
    fn subject_share(&self, terms: &[Weighed], ord: usize) -> f32 {
        let topic = terms.iter().filter(|w| w.term.known && !w.term.common && !w.term.domain);
        self.subject_terms.get(ord).map_or(0.0, |found| share_in(topic, found))
    }

    /// The share of `pairs` that passage `ord` holds as consecutive terms.
    fn pair_share(&self, pairs: &[(u32, u32)], ord: usize) -> f32 {
        match self.passage_pairs.get(ord) {
            Some(held) if !pairs.is_empty() => {
                pairs.iter().filter(|p| held.contains(p)).count() as f32 / pairs.len() as f32
            }
            _ => 0.0,
        }
    }

    /// The idf-weighted share of the question that the guide does not know at all, everyday
    /// words aside: high for "what does a dentist earn".
    pub fn unknown_share(&self, terms: &[QueryTerm]) -> f32 {
        unknown_share_of(&self.weigh(terms))
    }

    /// How much a word a synonym replaced counts, next to the guide's word: less, and as little
    /// as an everyday word when it is one ("best" of "best schools").
    fn alternative_weight(&self, term: &str) -> f32 {
        match self.everyday_terms.contains(term) {
            true => ALTERNATIVE_WEIGHT * COMMON_WEIGHT,
            false => ALTERNATIVE_WEIGHT,
        }
    }

    /// The best `limit` passages for `terms` by BM25: each form of each known term in each
    /// field is a clause, boosted by the field and the term's weight; a passage's score is the sum
    /// of its clauses' scores, as tantivy's `BooleanQuery` of `BoostQuery(TermQuery)` scores it,
    /// and the order that of `TopDocs`. The postings come from memory, read at open.
    fn run(&self, terms: &[QueryTerm], limit: usize) -> Vec<Hit> {
        let fields = self.index.fields();
        let boosts =
            [(fields.title, TITLE_BOOST), (fields.aliases, ALIASES_BOOST), (fields.body, BODY_BOOST)];
        if limit == 0 {
            return Vec::new();
        }
        let mut scores = Scores::new(self.index.docs());
        for t in terms.iter().filter(|t| t.known) {
            let weight = if t.common || t.domain { t.weight * COMMON_WEIGHT } else { t.weight };
            let forms = std::iter::once((&t.term, weight))
                .chain(t.alternatives.iter().map(|a| (a, weight * self.alternative_weight(a))));
            for (term, weight) in forms {
                let Some(found) = self.index.postings_of(term) else { continue };
                for (field, boost) in boosts {
                    if let Some(postings) = found.get(field) {
                        scores.add(postings, boost * weight);
                    }
                }
            }
        }
        let top = scores.top(limit);
        top.into_iter()
            .filter_map(|(doc, score)| Some(Hit { ord: self.index.passage(doc)?, score }))
            .collect()
    }
}

/// A query term, its weight for coverage and the numbers of its forms.
struct Weighed<'a> {
    term: &'a QueryTerm,
    weight: f32,
    /// The number of the term, if any passage holds it.
    id: Option<u32>,
    /// The numbers of its alternatives that some passage holds.
    alternatives: Vec<u32>,
}

impl Weighed<'_> {
    /// Whether `found` holds the term or one of its alternatives.
    fn is_in(&self, found: &TermSet) -> bool {
        self.id.is_some_and(|id| found.contains(id)) || self.alternatives.iter().any(|&a| found.contains(a))
    }
}

/// The weighted share of `terms` (each also by its own weight) that `found` holds.
fn share_in<'a>(terms: impl Iterator<Item = &'a Weighed<'a>>, found: &TermSet) -> f32 {
    share_where(terms, |w| w.is_in(found))
}

/// The idf-weighted share of `terms` that `held` holds, each counted at its own weight.
fn share_where<'a>(terms: impl Iterator<Item = &'a Weighed<'a>>, held: impl Fn(&Weighed) -> bool) -> f32 {
    let (mut share, mut total) = (0.0, 0.0);
    for w in terms {
        total += w.weight;
        if held(w) {
            share += w.weight * w.term.weight;
        }
    }
    if total == 0.0 { 0.0 } else { share / total }
}

/// As [`Search::unknown_share`], of weighed terms.
fn unknown_share_of(terms: &[Weighed]) -> f32 {
    let (mut unknown, mut total) = (0.0, 0.0);
    for w in terms.iter().filter(|w| w.term.known || !w.term.common) {
        total += w.weight;
        if !w.term.known {
            unknown += w.weight;
        }
    }
    if total == 0.0 { 0.0 } else { unknown / total }
}

/// The pairs of consecutive analyzed terms of `text`, as term numbers, within each of its
/// phrases: "calculus), and ML framework" holds no "calculus ml".
fn pairs_of(index: &GuideIndex, ids: &TermIds, text: &str) -> FxHashSet<(u32, u32)> {
    let mut pairs = FxHashSet::default();
    for phrase in text.split([',', '.', ';', ':', '(', ')', '—', '–', '!', '?', '\n']) {
        let terms = index.analyze(phrase);
        pairs.extend(terms.windows(2).filter_map(|w| Some((ids.id(&w[0])?, ids.id(&w[1])?))));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search() -> (tempfile::TempDir, Search) {
        let guide = "# Guide\n\n## Research\n\nA PhD helps; pay starts at 120k for GPU work.\n\n\
                     ## Data\n\nPipelines and models.\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], "").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        (dir, Search::new(index, &corpus))
    }

    fn term<'a>(terms: &'a [QueryTerm], word: &str) -> &'a QueryTerm {
        terms.iter().find(|t| t.term == word).unwrap_or_else(|| panic!("{word} in {terms:?}"))
    }

    #[test]
    fn a_plural_the_stemmer_keeps_is_its_singular_at_full_weight() {
        let (_dir, search) = search();
        let terms = search.terms("phds and gpus");
        for word in ["phd", "gpu"] {
            let t = term(&terms, word);
            assert!(t.known && t.weight == 1.0, "{t:?}");
        }
    }

    #[test]
    fn a_figure_is_never_corrected_to_another_figure() {
        let (_dir, search) = search();
        let terms = search.terms("180k pipelnes");
        assert!(!term(&terms, "180k").known);
        assert!(term(&terms, "pipelin").weight < 1.0, "a word's typo is still corrected");
    }
}
