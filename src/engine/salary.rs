//! Salary answers: by level (a salary-table row), by role (its range, its levels), the overview,
//! and every other figure the guide states for the same thing, each with its source.

use super::Engine;
use crate::answer::{Answer, Line};
use crate::commands::singular_of;
use crate::corpus::money::{self, Figure, Mention};
use crate::corpus::{Aspect, Kind, Passage};
use crate::messages;
use crate::search::Ranking;
use crate::text::{find_phrase, words};

impl Engine {
    /// `/salary [subject]`: a level, then a role, exact names before close ones.
    pub(super) fn salary_command(&self, subject: &str) -> Answer {
        if subject.is_empty() {
            return self.salary_overview();
        }
        use crate::commands::Resolution::{Close, Exact};
        let ranking = Ranking::default();
        match (self.names.resolve_level(subject), self.names.resolve_role(subject)) {
            (Exact(level), _) => self.level_salary(level, &ranking),
            (_, Exact(role)) => self.role_salary(role, &ranking),
            (Close(level), _) => self.level_salary(level, &ranking),
            (_, Close(role)) => self.role_salary(role, &ranking),
            _ => {
                let mut answer = Answer::new(false, messages::DECLINE_TITLE)
                    .text(messages::unknown_salary_subject(subject));
                self.subject_buttons(&mut answer);
                answer
            }
        }
    }

    fn salary_overview(&self) -> Answer {
        let mut answer = Answer::new(true, messages::SALARY_TITLE).text(messages::SALARY_BY_LEVEL);
        let levels: Vec<usize> = self.names.levels().collect();
        for &ord in &levels {
            self.add_row(&mut answer, ord, 0.0);
        }
        answer = answer.text(messages::SALARY_BY_ROLE);
        for ord in self.names.roles() {
            let role = &self.corpus.passages[ord];
            if let Some(field) = role.field(Aspect::Salary) {
                answer.lines.push(Line::Field { label: role.title.clone(), text: field.text.clone() });
                self.cite(&mut answer, role, 0.0);
            }
        }
        // Seven role sections read better cited as their document.
        let mut sources = Vec::new();
        for used in &answer.used {
            let passage = self.corpus.passage(&used.id).expect("used passages come from the corpus");
            let source = if passage.kind == Kind::Role { passage.source.clone() } else { passage.citation() };
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        answer.sources = sources;
        answer = answer.text(messages::SALARY_HINT);
        self.subject_buttons(&mut answer);
        answer
    }

    /// One row of a salary table, and every other figure the guide gives for that level.
    pub(super) fn level_salary(&self, ord: usize, ranking: &Ranking) -> Answer {
        let row = &self.corpus.passages[ord];
        let mut answer = Answer::new(true, messages::salary_title(&row.title));
        answer.lines.extend(row.lines.iter().map(super::compose::line_of));
        self.cite(&mut answer, row, super::score_of(ranking, ord));
        let row_figure = money::figures(&row.text()).into_iter().next();
        let names = self.names.names(ord).to_vec();
        let mut others: Vec<(usize, Mention)> = self.mentions_naming(&names, ord);
        // A role of the same name states its own range.
        for role in self.names.roles() {
            let passage = &self.corpus.passages[role];
            if self.title_words[role] == self.title_words[ord]
                && let Some(field) = passage.field(Aspect::Salary)
            {
                others.extend(money::mentions(&field.text).into_iter().take(1).map(|m| (role, m)));
            }
        }
        self.add_other_figures(&mut answer, row_figure.as_ref(), others);
        for level in self.names.levels() {
            if level != ord
                && let Some(key) = self.names.key(level)
            {
                answer.add_action(self.corpus.passages[level].title.clone(), format!("/salary {key}"));
            }
        }
        answer
    }

    /// A salary row as one line of `answer`, cited.
    fn add_row(&self, answer: &mut Answer, ord: usize, score: f32) {
        let row = &self.corpus.passages[ord];
        answer.lines.push(Line::Field { label: row.title.clone(), text: row_summary(row) });
        self.cite(answer, row, score);
    }

    /// Salary levels side by side: each one's row, and buttons for the others.
    pub(super) fn levels_salary(&self, levels: &[usize], ranking: &Ranking) -> Answer {
        let titles: Vec<&str> = levels.iter().map(|&ord| self.corpus.passages[ord].title.as_str()).collect();
        let mut answer = Answer::new(true, messages::salary_title(&titles.join(" vs ")));
        for &ord in levels {
            self.add_row(&mut answer, ord, super::score_of(ranking, ord));
        }
        for level in self.names.levels().filter(|level| !levels.contains(level)) {
            if let Some(key) = self.names.key(level) {
                answer.add_action(self.corpus.passages[level].title.clone(), format!("/salary {key}"));
            }
        }
        answer
    }

    /// A role's salary range, its rows in salary tables, and other figures stated for it.
    pub(super) fn role_salary(&self, ord: usize, ranking: &Ranking) -> Answer {
        let role = &self.corpus.passages[ord];
        let Some(field) = role.field(Aspect::Salary) else {
            return self.role_part_ranked(ord, Aspect::Employers, ranking);
        };
        let mut answer = Answer::new(true, messages::salary_title(&role.title));
        answer.lines.push(Line::Field {
            label: field.label.clone().unwrap_or_else(|| "Salary".to_string()),
            text: field.text.clone(),
        });
        self.cite(&mut answer, role, super::score_of(ranking, ord));
        let names = self.names.names(ord).to_vec();
        for level in self.names.levels() {
            let title = &self.title_words[level];
            if names.iter().any(|n| find_phrase(title, n).is_some()) {
                self.add_row(&mut answer, level, 0.0);
            }
        }
        let figure = money::figures(&field.text).into_iter().next();
        let others = self.mentions_naming(&names, ord);
        self.add_other_figures(&mut answer, figure.as_ref(), others);
        self.part_buttons(answer, ord, Some(Aspect::Salary))
    }

    /// The salary row for `years` of experience: the last whose years cell ("2-5", "8+") starts
    /// at or below it.
    pub(super) fn level_by_years(&self, years: u32) -> Option<usize> {
        self.years_from
            .iter()
            .copied()
            .filter(|(from, _)| *from <= years)
            .max_by_key(|(from, _)| *from)
            .map(|(_, ord)| ord)
    }

    /// The salary level with the same title as role `role` ("AI Research Scientist"), if any.
    pub(super) fn level_titled(&self, role: usize) -> Option<usize> {
        self.names.levels().find(|&level| self.title_words[level] == self.title_words[role])
    }

    /// Whether role `role` is named in `said` other than inside or right after a name of one of
    /// `levels` ("machine learning engineers" in "machine learning engineers' pay from junior up
    /// to staff", not "ml engineer" in "junior vs senior ml engineer pay" nor "ml eng" in "mid
    /// level ml eng vs senior").
    pub(super) fn named_apart(&self, role: usize, levels: &[usize], said: &[String]) -> bool {
        let said: Vec<&str> = said.iter().map(|w| singular_of(w)).collect();
        let spans = |ord: usize| {
            let said = &said;
            self.names.names(ord).iter().filter(|name| !name.is_empty()).flat_map(move |name| {
                let name: Vec<&str> = name.iter().map(|w| singular_of(w)).collect();
                let len = name.len();
                (0..(said.len() + 1).saturating_sub(len))
                    .filter(move |&at| said[at..at + len] == name[..])
                    .map(move |at| at..at + len)
            })
        };
        let inside: Vec<std::ops::Range<usize>> = levels.iter().flat_map(|&level| spans(level)).collect();
        // Inside a level's name, or right after it ("mid level ml eng", "senior mle").
        spans(role).any(|span| !inside.iter().any(|l| l.start <= span.start && span.start <= l.end))
    }

    /// Whether a salary level belongs to a role ("Senior ML Engineer" to Machine Learning Engineer).
    pub(super) fn level_is_of_role(&self, level: usize, role: usize) -> bool {
        let title = &self.title_words[level];
        self.names.names(role).iter().any(|n| find_phrase(title, n).is_some())
    }

    /// The overview or FAQ whose prose states a figure for something the question names beyond
    /// roles, levels, pay and everyday words: "FAANG AI roles: $200,000-$500,000+ total comp"
    /// for "how much can I earn at FAANG as an ML engineer".
    pub(super) fn mention_for(&self, said: &[String]) -> Option<usize> {
        let topical: Vec<&String> = said
            .iter()
            .filter(|w| {
                // A figure the asker quotes ("you say ML engineers make 120k to 300k+") is theirs,
                // not something beyond the role that the prose names.
                w.chars().count() >= 3
                    && !w.chars().any(|c| c.is_ascii_digit())
                    && !self.is_plain_word(w)
                    // A stop word ("and", "the") names nothing.
                    && !self.search.analyze(w).is_empty()
            })
            .collect();
        let prose = |ord: usize| matches!(self.corpus.passages[ord].kind, Kind::Overview | Kind::Faq);
        let found =
            self.mentions.iter().find(|m| prose(m.ord) && topical.iter().any(|w| m.words.contains(w)));
        found.map(|m| m.ord)
    }

    /// Clauses elsewhere in the guide that name one of `names` and state a figure, except those
    /// of passage `except`.
    fn mentions_naming(&self, names: &[Vec<String>], except: usize) -> Vec<(usize, Mention)> {
        self.mentions
            .iter()
            .filter(|m| m.ord != except && names.iter().any(|n| find_phrase(&m.words, n).is_some()))
            .map(|m| (m.ord, m.mention.clone()))
            .collect()
    }

    /// Quotes figures stated elsewhere, flagging those that differ from `shown`.
    fn add_other_figures(&self, answer: &mut Answer, shown: Option<&Figure>, others: Vec<(usize, Mention)>) {
        let differing: Vec<&(usize, Mention)> =
            others.iter().filter(|(_, m)| shown.is_none_or(|f| !f.same_amounts(&m.figure))).collect();
        if differing.is_empty() {
            return;
        }
        let conflict = shown.is_some();
        answer.lines.push(Line::Text {
            text: if conflict { messages::CONFLICTING_FIGURES } else { messages::OTHER_FIGURES }.to_string(),
        });
        for (ord, mention) in differing {
            let passage = &self.corpus.passages[*ord];
            answer.lines.push(Line::Quote { text: mention.clause.clone(), citation: passage.citation() });
            self.cite(answer, passage, 0.0);
        }
    }

    /// Buttons for every level and role a salary can be asked for.
    fn subject_buttons(&self, answer: &mut Answer) {
        for ord in self.names.levels().chain(self.names.roles()) {
            if let Some(key) = self.names.key(ord) {
                answer.add_action(self.corpus.passages[ord].title.clone(), format!("/salary {key}"));
            }
        }
    }
}

/// A clause stating a figure, found once when the engine starts.
pub(super) struct FoundMention {
    ord: usize,
    mention: Mention,
    words: Vec<String>,
}

/// The salary-table column that gives a row's years of experience.
const YEARS_LABEL: &str = "years";

/// Words for years of experience after a number: "4 yoe", "10 years", "3yrs".
const YEAR_UNITS: [&str; 6] = ["years", "year", "yrs", "yr", "yoe", "y"];

/// Numbers spelt out, by value.
const NUMBER_WORDS: [&str; 16] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen",
];

/// Whether a question (`text`, read as `said`) quotes a sum of money ("$150,000", as the guide
/// writes one, or "start at 150k", "is 400k for real?", "150000"): without a word for pay, it
/// still asks about pay.
pub(super) fn quotes_money(text: &str, said: &[String]) -> bool {
    !money::figures(text).is_empty()
        || said.iter().any(|word| {
            let digits = word.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && matches!(&word[digits..], "k" | "kk") || digits >= 5 && digits == word.len()
        })
}

/// The years of experience a question states ("ml engineer with 4 yoe", "ten years in", "3yrs").
pub(super) fn years_stated(said: &[String]) -> Option<u32> {
    let number = |word: &str| -> Option<u32> {
        let spelt = NUMBER_WORDS.iter().position(|w| *w == word).map(|n| n as u32);
        spelt.or_else(|| word.parse().ok().filter(|n| *n <= 60))
    };
    said.iter().enumerate().find_map(|(i, word)| {
        let unit_next = said.get(i + 1).is_some_and(|next| YEAR_UNITS.contains(&next.as_str()));
        if unit_next {
            // "5-8 years", "5 to 8 years": a range starts at its first number.
            let start = match i {
                1.. if number(&said[i - 1]).is_some() => Some(&said[i - 1]),
                2.. if said[i - 1] == "to" && number(&said[i - 2]).is_some() => Some(&said[i - 2]),
                _ => None,
            };
            return number(start.unwrap_or(word));
        }
        // "4yoe": the number and its unit in one word.
        let digits = word.find(|c: char| !c.is_ascii_digit()).filter(|&at| at > 0)?;
        YEAR_UNITS.contains(&&word[digits..]).then(|| number(&word[..digits])).flatten()
    })
}

/// Each salary level whose years cell ("2-5", "8+") starts with a number, with that number, in
/// the order of `names`' levels.
pub(super) fn years_from(
    corpus: &crate::corpus::Corpus,
    names: &crate::commands::Names,
) -> Vec<(u32, usize)> {
    names
        .levels()
        .filter_map(|ord| {
            let cell = corpus.passages[ord]
                .lines
                .iter()
                .find(|l| l.label.as_deref().is_some_and(|label| words(label) == [YEARS_LABEL]))?;
            let from: u32 = cell.text.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
            Some((from, ord))
        })
        .collect()
}

/// Every figure stated in prose that can be pay (salary rows aside: they are shown in their own
/// right). Education paths state prices and stipends ("Springboard ML Engineering ($17,000)"),
/// which are no one's salary.
pub(super) fn find_mentions(corpus: &crate::corpus::Corpus) -> Vec<FoundMention> {
    let mut out = Vec::new();
    let pay = |p: &&Passage| !matches!(p.kind, Kind::Salary | Kind::Education);
    for (ord, passage) in corpus.passages.iter().enumerate().filter(|(_, p)| pay(p)) {
        for mention in passage.lines.iter().flat_map(|l| money::mentions(&l.text)) {
            let words = words(&mention.clause);
            out.push(FoundMention { ord, mention, words });
        }
    }
    out
}

/// A salary row in one line: "Years: 5-8; Salary Range (Total Comp): $190,000 - $280,000".
fn row_summary(row: &Passage) -> String {
    row.lines
        .iter()
        .map(|l| match &l.label {
            Some(label) => format!("{label}: {}", l.text),
            None => l.text.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(text: &str) -> Option<u32> {
        years_stated(&words(text))
    }

    #[test]
    fn years_of_experience_are_read_in_the_forms_people_write_them() {
        assert_eq!(years("ml engineer with 4 yoe salary"), Some(4));
        assert_eq!(years("pay with 10 years experience"), Some(10));
        assert_eq!(years("0 years experiance"), Some(0));
        assert_eq!(years("three yrs in, what do I earn"), Some(3));
        assert_eq!(years("5yoe mle comp"), Some(5));
        assert_eq!(years("salary in 2026"), None);
        assert_eq!(years("how many years until senior"), None);
        assert_eq!(years("1000 years"), None);
    }

    #[test]
    fn a_sum_of_money_is_told_from_other_figures() {
        let quotes = |text: &str| quotes_money(text, &words(text));
        for quoted in
            ["start at 150k, right?", "is 400k for real", "500kk", "an offer of 150000", "$150,000?"]
        {
            assert!(quotes(quoted), "{quoted}");
        }
        for other in ["3-5 yrs in", "salary in 2026", "the k8s stack", "4yoe", "cs231n", "150,000 students"] {
            assert!(!quotes(other), "{other}");
        }
    }

    #[test]
    fn levels_are_listed_with_the_year_their_years_cell_starts_at() {
        let guide = "# Guide\n\n## Salary Range\n\n| Level | Years | Salary Range (Total Comp) |\n\
                     | --- | --- | --- |\n| Junior ML Engineer | 0-2 | $100,000 - $140,000 |\n\
                     | Senior ML Engineer | 5-8 | $190,000 - $280,000 |\n\
                     | Staff ML Engineer | 8+ | $250,000 - $400,000 |\n\
                     | AI Research Scientist | PhD+ | $200,000 - $500,000+ |\n";
        let corpus = crate::corpus::Corpus::from_texts(&[("guide.md".into(), guide.into())], "").unwrap();
        let names = crate::commands::Names::new(&corpus);
        let listed: Vec<(u32, &str)> = years_from(&corpus, &names)
            .into_iter()
            .map(|(from, ord)| (from, corpus.passages[ord].title.as_str()))
            .collect();
        assert_eq!(listed, [(0, "Junior ML Engineer"), (5, "Senior ML Engineer"), (8, "Staff ML Engineer")]);
    }
}
