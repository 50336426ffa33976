//! Answers: what the engine replies, as data, and its renderings to plain text and Telegram HTML.
//! Pure: no Telegram, no tantivy.

mod render;

use serde::Serialize;

pub use render::{MAX_MESSAGE_UNITS, render_html, render_plain, split_messages};

/// One paragraph of a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Line {
    /// Prose.
    Text { text: String },
    /// A labelled value: "Education: MS in CS".
    Field { label: String, text: String },
    /// A list entry.
    Item { text: String },
    /// A statement quoted from elsewhere in the guide, with where it stands.
    Quote { text: String, citation: String },
}

/// A follow-up the reader can take: a button in Telegram, a suggested command elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    /// The button's label.
    pub label: String,
    /// The command it sends (at most 64 bytes: Telegram's `callback_data` limit).
    pub command: String,
}

/// A passage an answer used, with its search score (0 for structural lookups).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Used {
    /// Passage id.
    pub id: String,
    /// Passage kind.
    pub kind: &'static str,
    /// Passage title.
    pub title: String,
    /// "Document › Section".
    pub source: String,
    /// BM25 score, or 0 when found by structure.
    pub score: f32,
}

/// The engine's reply to one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    /// Whether the guide answered the question (false for declines and errors).
    pub answered: bool,
    /// Shown in bold at the top.
    pub title: String,
    /// The body.
    pub lines: Vec<Line>,
    /// Where it comes from: "Document › Section", one per passage used.
    pub sources: Vec<String>,
    /// The passages used, best first.
    pub used: Vec<Used>,
    /// Follow-ups.
    pub actions: Vec<Action>,
}

impl Answer {
    /// An answer with a title and no body yet.
    pub fn new(answered: bool, title: impl Into<String>) -> Self {
        Answer {
            answered,
            title: title.into(),
            lines: Vec::new(),
            sources: Vec::new(),
            used: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// Adds a prose paragraph.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.lines.push(Line::Text { text: text.into() });
        self
    }

    /// Adds a follow-up (builder form of [`Answer::add_action`]).
    pub fn action(mut self, label: impl Into<String>, command: impl Into<String>) -> Self {
        self.add_action(label, command);
        self
    }

    /// Adds a follow-up once, unless its command would not fit in a Telegram button (64 bytes).
    pub fn add_action(&mut self, label: impl Into<String>, command: impl Into<String>) {
        let command = command.into();
        if command.len() <= 64 && !self.actions.iter().any(|a| a.command == command) {
            self.actions.push(Action { label: label.into(), command });
        }
    }

    /// Records a source citation once.
    pub fn cite(&mut self, source: String) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }
}
