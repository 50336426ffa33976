//! `careerbot eval`: runs a labelled question set through the engine and reports accuracy at
//! rank 1, MRR@5, the in-scope answer rate, the out-of-scope decline rate and every miss.

use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::answer::render_plain;
use crate::engine::Engine;

/// A question set file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    /// The questions.
    pub question: Vec<Question>,
}

/// One labelled question.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// What the user types.
    pub text: String,
    /// Whether the guide answers it.
    pub expect: Expect,
    /// Passages whose choice as the best passage is right.
    #[serde(default)]
    pub ids: Vec<String>,
    /// Strings a right reply contains (case-insensitive).
    #[serde(default)]
    pub contains: Vec<String>,
    /// What the entry tests.
    #[serde(default)]
    pub note: Option<String>,
}

/// The expected outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    /// The guide answers it.
    Answer,
    /// The guide does not cover it: the bot should say so.
    Decline,
}

/// One question's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The question.
    pub question: Question,
    /// Whether the reply was right.
    pub correct: bool,
    /// 1 / rank of the first right passage among the reply's first five (0 if none).
    pub reciprocal_rank: f64,
    /// What the engine did: "declined", or the best passage's id.
    pub got: String,
}

/// Totals over a question set.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every question's outcome, in file order.
    pub outcomes: Vec<Outcome>,
}

impl Report {
    /// Share of all questions handled right at rank 1 (right passage, or rightly declined).
    pub fn accuracy(&self) -> f64 {
        share(self.outcomes.iter().filter(|o| o.correct).count(), self.outcomes.len())
    }

    /// Mean reciprocal rank of the right passage in the first five, over in-scope questions.
    pub fn mrr(&self) -> f64 {
        let in_scope: Vec<&Outcome> = self.in_scope().collect();
        if in_scope.is_empty() {
            0.0
        } else {
            in_scope.iter().map(|o| o.reciprocal_rank).sum::<f64>() / in_scope.len() as f64
        }
    }

    /// Share of in-scope questions answered right at rank 1.
    pub fn answered_rate(&self) -> f64 {
        let in_scope: Vec<&Outcome> = self.in_scope().collect();
        share(in_scope.iter().filter(|o| o.correct).count(), in_scope.len())
    }

    /// Share of out-of-scope questions declined.
    pub fn declined_rate(&self) -> f64 {
        let out: Vec<&Outcome> =
            self.outcomes.iter().filter(|o| o.question.expect == Expect::Decline).collect();
        share(out.iter().filter(|o| o.correct).count(), out.len())
    }

    fn in_scope(&self) -> impl Iterator<Item = &Outcome> {
        self.outcomes.iter().filter(|o| o.question.expect == Expect::Answer)
    }

    /// The report as text: figures, then each miss.
    pub fn render(&self) -> String {
        let in_scope = self.in_scope().count();
        let out_scope = self.outcomes.len() - in_scope;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "questions:            {} ({in_scope} in scope, {out_scope} out of scope)",
            self.outcomes.len()
        );
        let _ = writeln!(out, "accuracy@1:           {:.1}%", 100.0 * self.accuracy());
        let _ = writeln!(out, "MRR@5:                {:.3}", self.mrr());
        let _ = writeln!(out, "in scope answered:    {:.1}%", 100.0 * self.answered_rate());
        let _ = writeln!(out, "out of scope declined: {:.1}%", 100.0 * self.declined_rate());
        let misses: Vec<&Outcome> = self.outcomes.iter().filter(|o| !o.correct).collect();
        if !misses.is_empty() {
            let _ = writeln!(out, "\nmisses ({}):", misses.len());
            for miss in misses {
                let expected = match miss.question.expect {
                    Expect::Decline => "decline".to_string(),
                    Expect::Answer if miss.question.contains.is_empty() => miss.question.ids.join(" | "),
                    Expect::Answer => {
                        format!("{} containing {:?}", miss.question.ids.join(" | "), miss.question.contains)
                    }
                };
                let _ = writeln!(
                    out,
                    "- {:?}\n    expected: {expected}\n    got:      {}",
                    miss.question.text, miss.got
                );
            }
        }
        out
    }
}

/// Reads a question set.
pub fn load_questions(path: &Path) -> anyhow::Result<QuestionSet> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a valid question set: {}", path.display(), e.message()))
}

/// Runs every question through the engine.
pub fn evaluate(engine: &Engine, set: &QuestionSet) -> Report {
    let outcomes = set.question.iter().map(|q| judge(engine, q)).collect();
    Report { outcomes }
}

fn judge(engine: &Engine, question: &Question) -> Outcome {
    let answer = engine.answer(&question.text);
    let got = if answer.answered {
        answer.used.first().map_or_else(|| "(no passage)".to_string(), |u| u.id.clone())
    } else {
        "declined".to_string()
    };
    let (correct, reciprocal_rank) = match question.expect {
        Expect::Decline => (!answer.answered, 0.0),
        Expect::Answer => {
            let reply = render_plain(&answer).to_lowercase();
            let has_facts = question.contains.iter().all(|c| reply.contains(&c.to_lowercase()));
            let rank = answer.used.iter().take(5).position(|u| question.ids.contains(&u.id));
            let right = answer.answered && rank == Some(0) && has_facts;
            let rr = match rank {
                Some(r) if answer.answered => 1.0 / (r + 1) as f64,
                _ => 0.0,
            };
            (right, rr)
        }
    };
    Outcome { question: question.clone(), correct, reciprocal_rank, got }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}
