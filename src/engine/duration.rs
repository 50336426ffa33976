//! Questions of how long something takes: an education path that states its length (a number of
//! weeks, months or years) answers for itself when the question names it ("how long are ML
//! bootcamps"), before a passage that merely speaks of timelines in general.

use super::Engine;
use crate::corpus::{Corpus, Kind, Passage};
use crate::search::Ranking;
use crate::text::{find_phrase, words};

/// The words after a number that make it a length of time.
const UNITS: [&str; 6] = ["week", "weeks", "month", "months", "year", "years"];

/// Whether each passage is an education path that states a length of time ("3-6 months"), by ord.
pub(super) fn timed(corpus: &Corpus) -> Vec<bool> {
    let states = |p: &Passage| {
        p.kind == Kind::Education
            && p.lines.iter().any(|line| {
                let said = words(&line.text);
                said.windows(2)
                    .any(|w| w[0].chars().all(|c| c.is_ascii_digit()) && UNITS.contains(&w[1].as_str()))
            })
    };
    corpus.passages.iter().map(states).collect()
}

impl Engine {
    /// For a question asking how long (the vocabulary's duration words), the best-ranked
    /// education path that states a length of time and whose title names a topic word of the
    /// question.
    pub(super) fn duration_answer(&self, said: &[String], ranking: &Ranking) -> Option<usize> {
        if !self.duration_words.iter().any(|phrase| find_phrase(said, phrase).is_some()) {
            return None;
        }
        let topic = |term: &String| ranking.terms.iter().any(|t| super::is_topic(t) && t.term == *term);
        ranking
            .hits
            .iter()
            .map(|h| h.ord)
            .find(|&ord| self.timed[ord] && self.title_terms[ord].iter().any(topic))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_education_path_stating_a_length_of_time_is_timed() {
        let guide = "# Guide\n\n## Education\n\n### Bootcamps\n\nSpringboard ($17,000). 3-6 months.\n\n\
                     ### Self-study\n\nTakes 2 attempts and many years.\n\n## Day in the Life\n\nA 9 hours day, 5 years in.\n";
        let vocabulary = "[kinds]\neducation = [\"education\"]\nday = [\"day in the life\"]\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], vocabulary).unwrap();
        let timed: Vec<(String, bool)> =
            corpus.passages.iter().map(|p| p.title.clone()).zip(super::timed(&corpus)).collect();
        assert!(timed.contains(&("Bootcamps".to_string(), true)), "{timed:?}");
        assert!(timed.contains(&("Self-study".to_string(), false)), "{timed:?}");
        assert!(timed.iter().filter(|(_, t)| *t).count() == 1, "{timed:?}");
    }
}
