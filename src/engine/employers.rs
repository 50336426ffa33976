//! Pay at one named employer: the guide gives pay by role and level, never by employer, so
//! "how much does OpenAI pay its ML engineers" is declined, while "research scientist pay at labs
//! like DeepMind" asks the role's pay.

use super::Engine;

/// Words just before an employer's name that make it an example of a kind ("labs like OpenAI").
const EXAMPLE_BEFORE: &[&str] = &["like", "as", "eg", "including"];

/// Words just after an employer's name (or a list of them) that do the same ("OpenAI-type labs").
const EXAMPLE_AFTER: &[&str] = &["type", "tier", "level", "style", "like"];

/// How many words after an employer's name [`EXAMPLE_AFTER`] may come ("openai / deepmind type").
const AFTER_WITHIN: usize = 2;

impl Engine {
    /// Whether `asked` names an employer on its own, not as an example of a kind of employer.
    pub(super) fn names_one_employer(&self, asked: &[String]) -> bool {
        (0..asked.len()).any(|at| {
            let Some(names) = self.employers.get(&asked[at]) else { return false };
            names.iter().filter(|name| asked[at..].starts_with(name)).any(|name| {
                let example_before = at > 0 && EXAMPLE_BEFORE.contains(&asked[at - 1].as_str());
                let mut after = asked[at + name.len()..].iter().take(AFTER_WITHIN);
                !example_before && !after.any(|w| EXAMPLE_AFTER.contains(&w.as_str()))
            })
        })
    }
}
