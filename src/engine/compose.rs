//! Composing answers from passages found by structure: welcome, help, roles, role parts, FAQ,
//! plain passages and declines.

use super::Engine;
use crate::answer::{Answer, Line, Used};
use crate::commands::{COMMANDS, aspect_command};
use crate::corpus::{self, Aspect, Kind, Passage};
use crate::messages;
use crate::search::Ranking;

impl Engine {
    pub(super) fn welcome(&self) -> Answer {
        let mut answer = Answer::new(true, messages::WELCOME_TITLE).text(messages::WELCOME);
        answer = with_examples(answer);
        answer
            .action("Roles", "/roles")
            .action("Salaries", "/salary")
            .action("FAQ", "/faq")
            .action("Help", "/help")
    }

    pub(super) fn help(&self) -> Answer {
        let mut answer = Answer::new(true, messages::HELP_TITLE).text(messages::HELP);
        for spec in COMMANDS {
            let usage = if spec.args.is_empty() {
                format!("/{}", spec.name)
            } else {
                format!("/{} {}", spec.name, spec.args)
            };
            answer.lines.push(Line::Field { label: usage, text: spec.description.to_string() });
        }
        with_examples(answer).action("Roles", "/roles").action("Salaries", "/salary").action("FAQ", "/faq")
    }

    pub(super) fn roles(&self) -> Answer {
        let mut answer = Answer::new(true, messages::ROLES_TITLE);
        self.list_roles(&mut answer);
        answer.text(messages::ROLES_HINT)
    }

    /// A reply that asks for a role (answered = false) and lists them.
    pub(super) fn roles_prompt(&self, prompt: String) -> Answer {
        let mut answer = Answer::new(false, messages::ROLES_TITLE).text(prompt);
        self.list_roles(&mut answer);
        answer
    }

    pub(super) fn unknown_role(&self, name: &str) -> Answer {
        let mut answer = Answer::new(false, messages::DECLINE_TITLE).text(messages::unknown_role(name));
        self.list_roles(&mut answer);
        answer
    }

    /// One line per role ("MLOps Engineer — /role mlops") and a button for each.
    fn list_roles(&self, answer: &mut Answer) {
        for ord in self.names.roles() {
            let role = &self.corpus.passages[ord];
            let key = self.names.key(ord).unwrap_or(&role.title);
            let summary = role.lines.iter().find(|l| l.label.is_none()).map(|l| first_sentence(&l.text));
            let line = match summary {
                Some(summary) => format!("{} (/role {key}): {summary}", role.title),
                None => format!("{} (/role {key})", role.title),
            };
            answer.lines.push(Line::Item { text: line });
            answer.add_action(role.title.clone(), format!("/role {key}"));
        }
    }

    /// A whole role section, with buttons for its parts.
    pub(super) fn role(&self, ord: usize, score: f32) -> Answer {
        let role = &self.corpus.passages[ord];
        let mut answer = Answer::new(true, role.title.clone());
        answer.lines.extend(role.lines.iter().map(line_of));
        self.cite(&mut answer, role, score);
        self.part_buttons(answer, ord, None)
    }

    pub(super) fn role_part(&self, ord: usize, aspect: Aspect) -> Answer {
        self.role_part_ranked(ord, aspect, &Ranking::default())
    }

    /// One part of a role (its skills, its salary …).
    pub(super) fn role_part_ranked(&self, ord: usize, aspect: Aspect, ranking: &Ranking) -> Answer {
        if aspect == Aspect::Salary {
            return self.role_salary(ord, ranking);
        }
        let role = &self.corpus.passages[ord];
        let score = super::score_of(ranking, ord);
        match role.field(aspect) {
            Some(field) => {
                let label = field.label.clone().unwrap_or_else(|| aspect.name().to_string());
                let mut answer = Answer::new(true, messages::part_title(&role.title, &label));
                if self.intro_answers(ord, aspect, ranking) || self.intro_labels(ord, aspect) {
                    // "do AI PMs need to know how to code": the role's introduction says.
                    answer.lines.extend(intro_lines(role));
                    answer.lines.push(line_of(field));
                } else {
                    answer = answer.text(field.text.clone());
                }
                self.cite(&mut answer, role, score);
                self.part_buttons(answer, ord, Some(aspect))
            }
            None if self.role_answers(ord, aspect, ranking) => {
                // "who employs AI researchers": no employers field, but the introduction
                // says where they work ("AI labs (Google DeepMind, …)").
                let mut answer = Answer::new(true, role.title.clone());
                answer.lines.extend(intro_lines(role));
                self.cite(&mut answer, role, score);
                self.part_buttons(answer, ord, Some(aspect))
            }
            None => {
                let mut answer = Answer::new(false, role.title.clone())
                    .text(messages::missing_field(&role.title, &aspect_words(aspect)));
                answer.lines.extend(role.lines.iter().map(line_of));
                self.cite(&mut answer, role, score);
                self.part_buttons(answer, ord, Some(aspect))
            }
        }
    }

    /// Buttons for a role's other parts, and for the whole role when showing one part.
    pub(super) fn part_buttons(&self, mut answer: Answer, ord: usize, shown: Option<Aspect>) -> Answer {
        let role = &self.corpus.passages[ord];
        let key = self.names.key(ord).unwrap_or(&role.title).to_string();
        for aspect in
            [Aspect::Salary, Aspect::Skills, Aspect::Education, Aspect::Progression, Aspect::Employers]
        {
            if Some(aspect) != shown && role.field(aspect).is_some() {
                answer = answer.action(button_label(aspect), aspect_command(aspect, &key));
            }
        }
        if shown.is_some() {
            answer = answer.action(messages::WHOLE_ROLE, format!("/role {key}"));
        }
        answer
    }

    pub(super) fn faq(&self, query: &str) -> Answer {
        let faqs: Vec<usize> =
            (0..self.corpus.passages.len()).filter(|&i| self.corpus.passages[i].kind == Kind::Faq).collect();
        if query.is_empty() {
            let mut answer = Answer::new(true, messages::FAQ_TITLE);
            for (n, &ord) in faqs.iter().enumerate() {
                let question = &self.corpus.passages[ord].title;
                answer.lines.push(Line::Text { text: format!("{}. {question}", n + 1) });
                answer = answer
                    .action(format!("{}. {}", n + 1, messages::shorten(question)), format!("/faq {}", n + 1));
            }
            return answer.text(messages::FAQ_HINT);
        }
        match query.parse::<usize>() {
            Ok(n) if (1..=faqs.len()).contains(&n) => self.plain_passage(faqs[n - 1], 0.0),
            Ok(_) => Answer::new(false, messages::FAQ_TITLE)
                .text(messages::no_such_faq(faqs.len()))
                .action(messages::MORE_FAQ, "/faq"),
            Err(_) => self.faq_search(query),
        }
    }

    /// A passage shown as the guide wrote it.
    /// Two passages in one answer, each under its title.
    pub(super) fn passages_together(&self, a: usize, b: usize, ranking: &Ranking) -> Answer {
        let (first, second) = (&self.corpus.passages[a], &self.corpus.passages[b]);
        let mut answer = Answer::new(true, messages::together_title(&first.title, &second.title));
        for (ord, passage) in [(a, first), (b, second)] {
            answer.lines.push(Line::Field { label: passage.title.clone(), text: passage.text() });
            self.cite(&mut answer, passage, super::score_of(ranking, ord));
        }
        answer.action("Roles", "/roles").action("Salaries", "/salary")
    }

    pub(super) fn plain_passage(&self, ord: usize, score: f32) -> Answer {
        let passage = &self.corpus.passages[ord];
        let mut answer = Answer::new(true, passage.title.clone());
        answer.lines.extend(passage.lines.iter().map(line_of));
        self.cite(&mut answer, passage, score);
        match passage.kind {
            Kind::Faq => answer.action(messages::MORE_FAQ, "/faq"),
            _ => answer.action("Roles", "/roles").action("Salaries", "/salary"),
        }
    }

    pub(super) fn decline(&self, ranking: &Ranking) -> Answer {
        tracing::debug!(coverage = ranking.coverage, unknown = ranking.unknown_share, "declined a question");
        let mut answer =
            Answer::new(false, messages::DECLINE_TITLE).text(messages::DECLINE).text(messages::DECLINE_HINT);
        for ord in self.names.roles() {
            let role = &self.corpus.passages[ord];
            if let Some(key) = self.names.key(ord) {
                answer = answer.action(role.title.clone(), format!("/role {key}"));
            }
        }
        answer.action("Salaries", "/salary").action("FAQ", "/faq")
    }

    /// Records a passage as used: its citation, and its id and score.
    pub(super) fn cite(&self, answer: &mut Answer, passage: &Passage, score: f32) {
        answer.cite(passage.citation());
        if !answer.used.iter().any(|u| u.id == passage.id) {
            answer.used.push(Used {
                id: passage.id.clone(),
                kind: passage.kind.name(),
                title: passage.title.clone(),
                source: passage.citation(),
                score,
            });
        }
    }
}

fn with_examples(mut answer: Answer) -> Answer {
    answer = answer.text(messages::EXAMPLES_INTRO);
    for example in messages::EXAMPLES {
        answer.lines.push(Line::Item { text: (*example).to_string() });
    }
    answer
}

/// The lines of a role's introduction (no field), as answer lines.
fn intro_lines(role: &Passage) -> impl Iterator<Item = Line> + '_ {
    role.lines.iter().filter(|l| l.aspect.is_none()).map(line_of)
}

/// A passage line as a reply line: labelled fields stay labelled.
pub(super) fn line_of(line: &corpus::Line) -> Line {
    match &line.label {
        Some(label) => Line::Field { label: label.clone(), text: line.text.clone() },
        None => Line::Text { text: line.text.clone() },
    }
}

fn first_sentence(text: &str) -> &str {
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

fn button_label(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Salary => "Salary",
        Aspect::Skills => "Skills",
        Aspect::Education => "Education",
        Aspect::Progression => "Career path",
        Aspect::Employers => "Employers",
    }
}

fn aspect_words(aspect: Aspect) -> String {
    match aspect {
        Aspect::Salary => "a salary range",
        Aspect::Skills => "key skills",
        Aspect::Education => "education requirements",
        Aspect::Progression => "a career progression",
        Aspect::Employers => "top employers",
    }
    .to_string()
}
