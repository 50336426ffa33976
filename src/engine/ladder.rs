//! The career ladder: which career-progression step a salary level is, and the step after it.

use super::Engine;
use crate::answer::{Answer, Line};
use crate::corpus::Kind;
use crate::messages;
use crate::search::Ranking;
use crate::text::{find_phrase, words};

/// Words that ask for the step after a level ("what comes after senior").
const NEXT_WORDS: [&str; 4] = ["after", "next", "beyond", "above"];

/// Whether `said` asks what comes next: a word of [`NEXT_WORDS`] not followed by a number, for
/// "after 8+ years as an ml engineer" tells a time.
fn asks_next(said: &[String]) -> bool {
    let number = |w: &String| w.starts_with(|c: char| c.is_ascii_digit());
    (0..said.len()).any(|at| NEXT_WORDS.contains(&said[at].as_str()) && !said.get(at + 1).is_some_and(number))
}

/// A salary level and its career-progression step, in the guide's order.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rung {
    pub level: usize,
    pub step: usize,
}

/// The progression step of each salary level: the step titled with the level's name ("3. ML
/// Engineer (3-5 years)"), else one whose title names the level ("Staff/Research Scientist").
pub(super) fn find_rungs(engine_names: &crate::commands::Names, corpus: &crate::corpus::Corpus) -> Vec<Rung> {
    let steps: Vec<(usize, Vec<String>)> = corpus
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == Kind::Progression && !p.section.is_empty())
        .map(|(ord, p)| (ord, step_name(&p.title)))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    engine_names
        .levels()
        .filter_map(|level| {
            let title = words(&corpus.passages[level].title);
            let exact = steps.iter().find(|(_, name)| *name == title);
            let named = || steps.iter().find(|(_, name)| engine_names.levels_in(name).contains(&level));
            exact.or_else(named).map(|&(step, _)| Rung { level, step })
        })
        .collect()
}

/// A step's title as words without its number and years: "4. Senior ML Engineer (5+ years)" →
/// "senior ml engineer".
fn step_name(title: &str) -> Vec<String> {
    let title = title.split('(').next().unwrap_or_default();
    words(title).into_iter().skip_while(|w| w.chars().all(|c| c.is_ascii_digit())).collect()
}

impl Engine {
    /// The progression step a question about `level` asks for: the level's own, or the one after
    /// it when the question asks what comes next; none after the last step ("after staff mle
    /// what's next": the guide's ladder ends there, a role's progression goes on).
    pub(super) fn step_for(&self, level: usize, said: &[String]) -> Option<usize> {
        let step = self.rungs.iter().find(|r| r.level == level)?.step;
        if !asks_next(said) {
            return Some(step);
        }
        let mut steps: Vec<usize> = self.rungs.iter().map(|r| r.step).collect();
        steps.sort_unstable();
        steps.dedup();
        steps.into_iter().find(|&s| s > step)
    }

    /// For a question asking what comes next whose best match is a step of the ladder that it
    /// names by a word of the step's title, the step after it, if any.
    pub(super) fn step_after_found(&self, said: &[String], ranking: &Ranking) -> Option<usize> {
        let found = ranking.hits.first()?.ord;
        let passages = &self.corpus.passages;
        // The section a step is in ("Career Progression"); none for a section of its own.
        let ladder = |ord: usize| passages[ord].section.split_last().map(|(_, ladder)| ladder);
        if passages[found].kind != Kind::Progression
            || ladder(found).is_none()
            || !asks_next(said)
            || !ranking.terms.iter().any(|t| super::is_topic(t) && self.title_terms[found].contains(&t.term))
        {
            return None;
        }
        let next = found + 1;
        (passages.get(next).is_some_and(|p| p.kind == Kind::Progression) && ladder(next) == ladder(found))
            .then_some(next)
    }

    /// Whether salary level `level` has a step on the career ladder.
    pub(super) fn on_ladder(&self, level: usize) -> bool {
        self.rungs.iter().any(|r| r.level == level)
    }

    /// The role whose section salary level `level` is a level of ("Staff ML Engineer" of the
    /// Machine Learning Engineer).
    pub(super) fn role_of_level(&self, level: usize) -> Option<usize> {
        let passages = &self.corpus.passages;
        (0..passages.len()).find(|&ord| passages[ord].kind == Kind::Role && self.level_is_of_role(level, ord))
    }

    /// The career steps of salary levels side by side, in the order the question names them
    /// ("what do senior ml engineers do differently from mid level"), if they are two steps or
    /// more.
    pub(super) fn steps_compared(
        &self,
        levels: &[usize],
        said: &[String],
        ranking: &Ranking,
    ) -> Option<Answer> {
        let named_at = |level: usize| {
            self.names
                .names(level)
                .iter()
                .filter_map(|name| find_phrase(said, name))
                .min()
                .unwrap_or(usize::MAX)
        };
        let mut levels = levels.to_vec();
        levels.sort_by_key(|&level| named_at(level));
        let mut steps: Vec<(usize, usize)> = Vec::new();
        for rung in levels.iter().filter_map(|&level| self.rungs.iter().find(|r| r.level == level)) {
            if !steps.iter().any(|&(_, step)| step == rung.step) {
                steps.push((rung.level, rung.step));
            }
        }
        if steps.len() < 2 {
            return None;
        }
        let titles: Vec<&str> =
            steps.iter().map(|&(level, _)| self.corpus.passages[level].title.as_str()).collect();
        let mut answer = Answer::new(true, messages::part_title(&titles.join(" vs "), "career ladder"));
        for &(_, step) in &steps {
            let passage = &self.corpus.passages[step];
            answer.lines.push(Line::Field { label: passage.title.clone(), text: passage.text() });
            self.cite(&mut answer, passage, super::score_of(ranking, step));
        }
        Some(answer.action("Roles", "/roles").action("Salaries", "/salary"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_name_drops_its_number_and_years() {
        assert_eq!(step_name("4. Senior ML Engineer (5+ years)"), ["senior", "ml", "engineer"]);
        assert_eq!(step_name("5. Staff/Research Scientist (8+ years)"), ["staff", "research", "scientist"]);
        assert_eq!(step_name("Overview"), ["overview"]);
    }
}
