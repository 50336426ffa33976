//! Asides: the clauses of a message that only tell of the asker ("I'm from Nigeria", "my
//! brother says data scientists earn a lot"), which the engine reads past to find what is asked.

use super::Engine;
use crate::text::{self, words};

/// Words that make a clause ask something.
const ASKING: &[&str] = &[
    "what", "whats", "how", "which", "who", "where", "when", "why", "is", "are", "can", "could", "should",
    "do", "does", "will", "would",
];

/// Words by which a clause tells of the asker.
const ASKER: &[&str] = &["i", "im", "me", "my", "we", "our", "here"];

impl Engine {
    /// The words of a message less its asides, when it has any: clauses that ask nothing and
    /// tell of the asker, in a message that asks something elsewhere. "what languages do I need
    /// for AI, I'm from Nigeria" asks about languages; "my friend says mlops pays well, but what
    /// is that job" about the job. "I'm from Nigeria, can I get a visa", "o-1 visa for ai
    /// research scientists, possible?" and "I want to negotiate my offer" have no aside.
    pub(super) fn without_asides(&self, text: &str) -> Option<Vec<String>> {
        let clauses: Vec<(Vec<String>, bool)> = text::clauses(text)
            .into_iter()
            .map(|clause| {
                let said = words(clause);
                // "I can't afford a master's" tells; "can I …" asks. So does "my teacher says you
                // need a phd to do anything in AI": "to do" asks nothing.
                let asking = |(at, w): (usize, &String)| {
                    ASKING.contains(&w.as_str())
                        && !matches!(said.get(at + 1).map(String::as_str), Some("t" | "not"))
                        && (at == 0 || said[at - 1] != "to")
                };
                let asks = clause.ends_with('?') || said.iter().enumerate().any(asking);
                (said, asks)
            })
            .collect();
        // "As a nurse, …" introduces the asker too.
        let introduces = |said: &[String]| matches!(said, [first, second, ..] if first == "as" && matches!(second.as_str(), "a" | "an"));
        let aside = |(said, asks): &(Vec<String>, bool)| {
            !asks && (said.iter().any(|w| ASKER.contains(&w.as_str())) || introduces(said))
        };
        if !clauses.iter().any(|(_, asks)| *asks) || !clauses.iter().any(aside) {
            return None;
        }
        Some(clauses.into_iter().filter(|clause| !aside(clause)).flat_map(|(said, _)| said).collect())
    }
}
