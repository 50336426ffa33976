//! The vocabulary file: section kinds, role and level aliases, synonyms and question words.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Aspect, Kind};
use crate::text::{find_phrase, words};

/// `corpus/vocabulary.toml`, as read. Every table is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Heading phrases that give a section its kind.
    #[serde(default)]
    pub kinds: BTreeMap<Kind, Vec<String>>,
    /// Field labels and question words for each part of a role.
    #[serde(default)]
    pub aspects: BTreeMap<Aspect, AspectWords>,
    /// Other names for each role, keyed by the role's heading.
    #[serde(default)]
    pub roles: BTreeMap<String, Vec<String>>,
    /// Other names for each salary-table row, keyed by the row's first cell.
    #[serde(default)]
    pub levels: BTreeMap<String, Vec<String>>,
    /// The guide's word (key) and the words a question may use instead.
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Words that carry a question's form, not its topic.
    #[serde(default)]
    pub question_words: QuestionWords,
    /// Everyday words whose absence from the guide says nothing about a question's topic.
    #[serde(default)]
    pub common_words: QuestionWords,
    /// Greetings and thanks: a message of nothing else gets a welcome, not a decline.
    #[serde(default)]
    pub greetings: QuestionWords,
    /// Words naming the guide's whole field ("ai", "machine learning"): every passage is about
    /// them, so they neither make a passage a better match nor a question more specific.
    #[serde(default)]
    pub domain_words: QuestionWords,
    /// Job titles: how to tell a job the guide covers from one it does not ("data engineer").
    #[serde(default)]
    pub titles: Titles,
    /// Words that ask what something costs ("tuition"): only a passage stating a price answers.
    #[serde(default)]
    pub price_words: QuestionWords,
    /// Words that ask how long something takes ("how long"): an education path that states
    /// a length of time and that the question names answers.
    #[serde(default)]
    pub duration_words: QuestionWords,
    /// Words that ask whether something is needed ("enough", "need"): such a question is a
    /// career question, answered by a passage that lists what it names, even where no title does.
    #[serde(default)]
    pub need_words: QuestionWords,
    /// Subjects a career question may be about that the guide never covers ("visa", "interview",
    /// "london"): a question naming one is declined, whatever else it shares with the guide.
    #[serde(default)]
    pub off_topic: QuestionWords,
    /// Employers a question may name. The guide gives pay by role and level, never one
    /// employer's, so a question on one employer's pay is declined.
    #[serde(default)]
    pub employers: QuestionWords,
    /// Phrases that hold a role's or level's name without naming it ("mid size").
    #[serde(default)]
    pub not_names: QuestionWords,
    /// How a question asks about the guide itself ("what does the guide cover").
    #[serde(default)]
    pub guide_words: GuideWords,
}

/// The `[guide_words]` table: a question naming the guide with one of `names` and asking what it
/// holds with one of `contents` ("whats in this guide") asks about the guide itself.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideWords {
    /// Words for the guide ("guide", "document").
    #[serde(default)]
    pub names: Vec<String>,
    /// Words asking what it holds ("cover", "whats in").
    #[serde(default)]
    pub contents: Vec<String>,
}

/// The `[titles]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// Words that end a job title ("engineer", "analyst").
    #[serde(default)]
    pub heads: Vec<String>,
    /// Titles the guide covers besides its roles and salary rows ("ai engineer").
    #[serde(default)]
    pub known: Vec<String>,
    /// Words before a head that leave the title generic ("an engineer", "senior engineer").
    #[serde(default)]
    pub generic: Vec<String>,
    /// Words for any job ("role", "job"): beside a role's name they add nothing to it.
    #[serde(default)]
    pub nouns: Vec<String>,
}

/// How the guide labels one part of a role, and how a question names it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AspectWords {
    /// Field labels as the guide writes them ("Key Skills").
    #[serde(default)]
    pub labels: Vec<String>,
    /// Words and phrases a question uses for this part ("tech stack").
    #[serde(default)]
    pub words: Vec<String>,
    /// Phrases that hold one of `words` without naming this part ("want to know").
    #[serde(default)]
    pub not: Vec<String>,
}

/// A `[question_words]`, `[common_words]`, `[domain_words]`, `[greetings]`, `[price_words]`,
/// `[duration_words]`, `[need_words]`, `[not_names]`, `[off_topic]` or `[employers]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionWords {
    /// The words themselves.
    #[serde(default)]
    pub words: Vec<String>,
}

impl Vocabulary {
    /// Parses the TOML text of a vocabulary file.
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// The kind a heading's phrases give it, if any.
    pub fn kind_of_heading(&self, heading: &str) -> Option<Kind> {
        let heading = words(heading);
        self.kinds
            .iter()
            .find(|(_, phrases)| phrases.iter().any(|p| find_phrase(&heading, &words(p)).is_some()))
            .map(|(kind, _)| *kind)
    }

    /// The aspect a role field's label stands for ("Key Skills" → skills).
    pub fn aspect_of_label(&self, label: &str) -> Option<Aspect> {
        let label = words(label);
        self.aspects
            .iter()
            .find(|(_, a)| a.labels.iter().any(|l| words(l) == label))
            .map(|(aspect, _)| *aspect)
    }

    /// Aliases of `title` in `table` (roles or levels), the title itself first.
    pub fn names_of<'a>(
        table: &'a BTreeMap<String, Vec<String>>,
        title: &'a str,
    ) -> impl Iterator<Item = &'a str> {
        let aliases = table
            .iter()
            .find(|(key, _)| words(key) == words(title))
            .map(|(_, aliases)| aliases.as_slice())
            .unwrap_or_default();
        std::iter::once(title).chain(aliases.iter().map(String::as_str))
    }
}
