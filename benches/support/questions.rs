//! The labelled questions of `tests/questions/tune.toml`, sorted into the kinds the benches report.

#![allow(dead_code)] // each bench uses a different part

use std::path::PathBuf;

use careerbot::eval::{Expect, Question, load_questions};

/// The kinds of question, in report order.
pub const KINDS: [Kind; 6] = [Kind::Command, Kind::Role, Kind::Faq, Kind::Typo, Kind::Decline, Kind::Passage];

/// What a question is, for the benches. The rule, first match wins:
/// text starting with `/` → command; `expect = "decline"` → decline; a note naming a typo, an
/// abbreviation or all caps → typo; a note starting with "role" → role; with "FAQ" → faq;
/// anything else (salary rows, skills, progression steps, the Quick Answer) → passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Command,
    Role,
    Faq,
    Typo,
    Decline,
    Passage,
}

impl Kind {
    /// The kind's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Command => "command",
            Kind::Role => "role",
            Kind::Faq => "faq",
            Kind::Typo => "typo",
            Kind::Decline => "decline",
            Kind::Passage => "passage",
        }
    }

    /// The kind of `question` (see [`Kind`] for the rule).
    pub fn of(question: &Question) -> Kind {
        let note = question.note.as_deref().unwrap_or_default();
        let lower = note.to_lowercase();
        if question.text.trim_start().starts_with('/') {
            Kind::Command
        } else if question.expect == Expect::Decline {
            Kind::Decline
        } else if ["typo", "abbreviation", "all caps"].iter().any(|w| lower.contains(w)) {
            Kind::Typo
        } else if lower.starts_with("role") {
            Kind::Role
        } else if note.starts_with("FAQ") {
            Kind::Faq
        } else {
            Kind::Passage
        }
    }
}

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The labelled tuning questions, in file order.
pub fn questions() -> Vec<Question> {
    let path = root().join("tests/questions/tune.toml");
    load_questions(&path).unwrap_or_else(|e| panic!("{e:#}")).question
}

/// The texts of the questions of `kind`.
pub fn texts_of(questions: &[Question], kind: Kind) -> Vec<String> {
    questions.iter().filter(|q| Kind::of(q) == kind).map(|q| q.text.clone()).collect()
}

/// The real corpus folder.
pub fn corpus_dir() -> PathBuf {
    root().join("corpus")
}
