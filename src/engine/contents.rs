//! Questions about the guide itself ("what does the guide cover"): its documents' overviews, each
//! with the sections it holds.

use rustc_hash::FxHashSet;

use super::Engine;
use crate::answer::{Answer, Line};
use crate::corpus::Corpus;
use crate::messages;
use crate::search::{Ranking, Search};
use crate::text::{find_phrase, words};

/// Questions naming more topics than this are asking what the guide holds, not about one of them.
const MAX_TOPICS_ASKED: usize = 2;

/// How a question asks about the guide itself, and what each document holds.
pub(super) struct Contents {
    /// Words for the guide, as phrases of words.
    names: Vec<Vec<String>>,
    /// Words asking what it holds, as phrases of words.
    contents: Vec<Vec<String>>,
    /// Each document: its overview's ord, the analyzed terms of its title no other title has, and
    /// its top-level sections' headings.
    documents: Vec<Document>,
    /// The analyzed terms of `names` and `contents`: no topic a question asks.
    guide_terms: FxHashSet<String>,
}

/// One document of the guide, as a question about the guide sees it.
struct Document {
    /// Its overview passage.
    ord: usize,
    /// The analyzed terms of its title that no other document's title has.
    own_terms: FxHashSet<String>,
    /// Its top-level sections' headings, in order.
    sections: Vec<String>,
}

impl Contents {
    pub(super) fn new(corpus: &Corpus, search: &Search) -> Self {
        let phrases = |list: &[String]| list.iter().map(|w| words(w)).filter(|w| !w.is_empty()).collect();
        let vocab = &corpus.vocabulary.guide_words;
        let names_list: Vec<Vec<String>> = phrases(&vocab.names);
        // A word for the guide in a title names no one document ("Complete Career Guide").
        let guide_terms: FxHashSet<String> =
            names_list.iter().flatten().flat_map(|w| search.analyze(w)).collect();
        let overviews: Vec<usize> =
            (0..corpus.passages.len()).filter(|&o| corpus.passages[o].section.is_empty()).collect();
        let title_terms: Vec<FxHashSet<String>> = overviews
            .iter()
            .map(|&ord| {
                let terms = search.analyze(&corpus.passages[ord].title).into_iter();
                terms.filter(|t| !guide_terms.contains(t)).collect()
            })
            .collect();
        let documents = overviews
            .iter()
            .enumerate()
            .map(|(i, &ord)| {
                let own_terms = title_terms[i]
                    .iter()
                    .filter(|t| {
                        title_terms.iter().enumerate().all(|(j, other)| j == i || !other.contains(*t))
                    })
                    .cloned()
                    .collect();
                let source = &corpus.passages[ord].source;
                let mut sections: Vec<String> = Vec::new();
                for passage in corpus.passages.iter().filter(|p| p.source == *source) {
                    if let Some(top) = passage.section.first()
                        && !sections.contains(top)
                    {
                        sections.push(top.clone());
                    }
                }
                Document { ord, own_terms, sections }
            })
            .collect();
        let contents: Vec<Vec<String>> = phrases(&vocab.contents);
        let guide_terms =
            names_list.iter().chain(&contents).flatten().flat_map(|w| search.analyze(w)).collect();
        Contents { names: names_list, contents, documents, guide_terms }
    }

    /// Whether `said` names the guide.
    pub(super) fn names_guide(&self, said: &[String]) -> bool {
        self.names.iter().any(|p| find_phrase(said, p).is_some())
    }

    /// Whether `said` asks what something holds.
    fn asks_contents(&self, said: &[String]) -> bool {
        self.contents.iter().any(|p| find_phrase(said, p).is_some())
    }
}

impl Engine {
    /// The guide's contents, for a question that names the guide and asks what it holds, or
    /// names one of its documents ("full guide to becoming an ai/ml engineer pls"), about no
    /// one or two topics ("what does the guide cover", "whats in the guide on becoming an ml
    /// engineer? does it go over python, pytorch, math, pay and career path"): the overview of
    /// each document whose title the question names, or of every document, with its sections.
    /// "does the guide cover bootcamps" asks about bootcamps.
    pub(super) fn guide_contents(&self, said: &[String], ranking: &Ranking) -> Option<Answer> {
        let contents = &self.contents;
        if !contents.names_guide(said) {
            return None;
        }
        let terms: FxHashSet<&String> = ranking.terms.iter().map(|t| &t.term).collect();
        // The documents whose titles the question names most ("the guide on becoming an ml
        // engineer? … career path" names the one on becoming an ML engineer).
        let naming = |d: &Document| d.own_terms.iter().filter(|t| terms.contains(t)).count();
        let most = contents.documents.iter().map(naming).max().unwrap_or(0);
        let named: Vec<&Document> =
            contents.documents.iter().filter(|d| most > 0 && naming(d) == most).collect();
        // Naming a document is asking for it ("full guide to becoming an ai/ml engineer pls").
        if named.is_empty() && !contents.asks_contents(said) {
            return None;
        }
        if (1..=MAX_TOPICS_ASKED).contains(&self.topics_asked(said, ranking, &named)) {
            return None;
        }
        let documents = if named.is_empty() { contents.documents.iter().collect() } else { named };
        let mut answer = match documents[..] {
            [only] => Answer::new(true, self.corpus.passages[only.ord].title.clone()),
            _ => Answer::new(true, messages::CONTENTS_TITLE),
        };
        let several = documents.len() > 1;
        for document in documents {
            let passage = &self.corpus.passages[document.ord];
            let text = passage.text();
            answer.lines.push(match several {
                true => Line::Field { label: passage.title.clone(), text },
                false => Line::Text { text },
            });
            answer.lines.push(Line::Field {
                label: messages::SECTIONS_LABEL.to_string(),
                text: document.sections.join(", "),
            });
            self.cite(&mut answer, passage, super::score_of(ranking, document.ord));
        }
        Some(answer.action("Roles", "/roles").action("Salaries", "/salary"))
    }

    /// How many topics a question about the guide asks: each role or level, unless a named
    /// document's title names it ("the guide on becoming an ml engineer"), each part of a role,
    /// and each other topic word beyond the guide's words and the named documents' titles.
    fn topics_asked(&self, said: &[String], ranking: &Ranking, named: &[&Document]) -> usize {
        let terms: FxHashSet<&String> = ranking.terms.iter().map(|t| &t.term).collect();
        // The guide's words and the named documents' titles are no topic asked.
        let contents = &self.contents;
        let guide_terms: FxHashSet<&String> = contents
            .guide_terms
            .iter()
            .chain(named.iter().flat_map(|d| self.title_terms[d.ord].iter()))
            .collect();
        let said_names: Vec<&Vec<String>> = self
            .name_terms
            .iter()
            .filter(|(_, name)| name.iter().all(|t| terms.contains(t)))
            .map(|(_, name)| name)
            .collect();
        let mut named_ords: Vec<usize> = self.names.roles_in(said);
        named_ords.extend(self.names.levels_in(said));
        let own_names = named_ords.iter().filter(|&&ord| {
            !self.name_terms.iter().any(|(o, name)| {
                *o == ord && name.iter().all(|t| terms.contains(t) && guide_terms.contains(t))
            })
        });
        let other_words = ranking.terms.iter().filter(|t| {
            super::is_topic(t)
                && !guide_terms.contains(&t.term)
                && !self.aspect_terms.contains(&t.term)
                && !said_names.iter().any(|name| name.contains(&t.term))
        });
        self.names.aspects_in(said).len() + own_names.count() + other_words.count()
    }
}
