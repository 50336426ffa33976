//! Questions of how long something takes: an education path that states its length (a number of
//! weeks, months or years) answers for itself when the question names it ("how long are ML
//! bootcamps"), before a passage that merely speaks of timelines in general; and a passage that
//! states a length before a best match that states none, or no answer at all.

use super::{Engine, MIN_COVERAGE};
use crate::corpus::{Corpus, Kind, Passage};
use crate::search::Ranking;
use crate::text::{find_phrase, words};

/// The words after a number that make it a length of time.
const UNITS: [&str; 6] = ["week", "weeks", "month", "months", "year", "years"];

/// Whether each passage states a length of time ("3-6 months", "1–2 year master's"), by ord.
pub(super) fn lengths(corpus: &Corpus) -> Vec<bool> {
    let states = |p: &Passage| {
        p.lines.iter().map(|line| line.text.as_str()).chain([p.title.as_str()]).any(|text| {
            let said = words(text);
            said.windows(2)
                .any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && UNITS.contains(&w[1].as_str()))
        })
    };
    corpus.passages.iter().map(states).collect()
}

impl Engine {
    /// For a question asking how long (the vocabulary's duration words), the best-ranked
    /// education path that states a length of time and whose title names a topic word of the
    /// question ("how long are ML bootcamps").
    pub(super) fn duration_answer(&self, said: &[String], ranking: &Ranking) -> Option<usize> {
        if !self.asks_duration(said) {
            return None;
        }
        let topic = |term: &String| ranking.terms.iter().any(|t| super::is_topic(t) && t.term == *term);
        let is_path = |ord: usize| self.corpus.passages[ord].kind == Kind::Education;
        // A word of two paths' titles ("cs" of "Master's/PhD in CS" and "Bachelor's in CS")
        // names neither: "how many years to become an ai engineer if i already have a cs degree".
        let names_one_path = |term: &String| {
            (0..self.corpus.passages.len())
                .filter(|&o| is_path(o) && self.title_terms[o].contains(term))
                .count()
                == 1
        };
        ranking.hits.iter().map(|h| h.ord).find(|&ord| {
            is_path(ord)
                && self.lengths[ord]
                && self.title_terms[ord].iter().any(|t| topic(t) && names_one_path(t))
        })
    }

    /// For a question asking how long whose best match states no length of time, the next
    /// match that states one and covers the question ("i have a cs bachelors, how fast can i
    /// become an ml engineer": the FAQ on how long it takes, not the bachelor's path).
    pub(super) fn length_answer(&self, said: &[String], ranking: &Ranking) -> Option<usize> {
        let mut hits = ranking.hits.iter().map(|h| h.ord);
        let top = hits.next()?;
        if !self.asks_duration(said) || self.lengths[top] {
            return None;
        }
        hits.find(|&ord| self.lengths[ord] && self.search.coverage(&ranking.terms, ord) >= MIN_COVERAGE)
    }

    /// Whether `said` asks in so many words how long something takes ("how many weeks is andrew
    /// ng's coursera course") and the best match states no length: the guide does not say. A
    /// one-word duration word may ask something else ("which niche is growing fastest").
    pub(super) fn length_unstated(&self, said: &[String], ranking: &Ranking) -> bool {
        let mut phrases = self.duration_words.iter().filter(|phrase| phrase.len() >= 2);
        ranking.hits.first().is_some_and(|h| !self.lengths[h.ord])
            && phrases.any(|phrase| find_phrase(said, phrase).is_some())
    }

    /// Whether `said` asks how long something takes.
    fn asks_duration(&self, said: &[String]) -> bool {
        self.duration_words.iter().any(|phrase| find_phrase(said, phrase).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_stating_a_number_of_weeks_months_or_years_states_a_length() {
        let guide = "# Guide\n\n## Education\n\n### Bootcamps\n\nSpringboard ($17,000). 3-6 months.\n\n\
                     ### Self-study\n\nTakes 2 attempts and many years.\n\n## Day in the Life\n\nA 9 hours day, 5 years in.\n";
        let vocabulary = "[kinds]\neducation = [\"education\"]\nday = [\"day in the life\"]\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], vocabulary).unwrap();
        let timed: Vec<(String, bool)> =
            corpus.passages.iter().map(|p| p.title.clone()).zip(super::lengths(&corpus)).collect();
        assert!(timed.contains(&("Bootcamps".to_string(), true)), "{timed:?}");
        assert!(timed.contains(&("Self-study".to_string(), false)), "{timed:?}");
        assert!(timed.contains(&("Day in the Life".to_string(), true)), "{timed:?}");
    }
}
