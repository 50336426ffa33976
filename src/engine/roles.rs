//! Questions naming two roles: a passage about both, a role named as a skill of the other, the
//! common question whose answer speaks of each, their pay side by side.

use super::{Engine, MIN_COVERAGE};
use crate::answer::{Answer, Line};
use crate::corpus::{Aspect, Kind};
use crate::messages;
use crate::search::Ranking;
use crate::text;

impl Engine {
    /// The passage that answers a question naming two or more `roles`, if one does:
    /// - with no part asked, a passage about exactly those roles ("data science vs ml
    ///   engineering"), or for three or more a FAQ whose answer names each ("safest bet between
    ///   nlp, cv and mlops": the job-prospects FAQ);
    /// - asking skills, a group of skills named by one of them other than as a job ("how much
    ///   deployment/mlops stuff does an ml engineer need to know");
    /// - asking education, a FAQ among the hits whose answer names each and covers the question
    ///   ("research scientist vs ml engineer, which one needs the phd?");
    /// - asking pay, a passage about exactly those roles, else the role whose salary field speaks
    ///   of the others ("mlops pay vs ml eng": "Salaries have converged toward ML Engineering");
    ///   else their pay side by side answers ([`Engine::roles_salary`]).
    pub(super) fn two_roles_answer(
        &self,
        roles: &[usize],
        aspect: Option<Aspect>,
        ranking: &Ranking,
        said: &[String],
    ) -> Option<usize> {
        let kind = |ord: usize| self.corpus.passages[ord].kind;
        match aspect {
            None => self.passage_naming(roles).or_else(|| match roles.len() {
                3.. => self.faq_naming(roles, ranking),
                _ => None,
            }),
            Some(Aspect::Skills) => ranking.hits.iter().map(|h| h.ord).find(|&ord| {
                let titled = &self.title_roles[ord];
                kind(ord) == Kind::Skills
                    && !titled.is_empty()
                    && titled.iter().all(|r| roles.contains(r))
                    && self.named_as_skill(ord, said)
            }),
            Some(Aspect::Education) => {
                self.field_naming_others(roles, Aspect::Education).or_else(|| self.faq_naming(roles, ranking))
            }
            Some(Aspect::Salary) => {
                let about_both = self.passage_naming(roles);
                about_both.or_else(|| self.field_naming_others(roles, Aspect::Salary))
            }
            _ => None,
        }
    }

    /// A FAQ among the hits whose answer names each of `roles` and covers the question.
    fn faq_naming(&self, roles: &[usize], ranking: &Ranking) -> Option<usize> {
        ranking.hits.iter().map(|h| h.ord).find(|&ord| {
            self.corpus.passages[ord].kind == Kind::Faq
                && roles.iter().all(|r| self.body_roles[ord].contains(r))
                && self.search.coverage(&ranking.terms, ord) >= MIN_COVERAGE
        })
    }

    /// The pay of `roles` side by side ("nlp vs cv, which pays more"): each one's salary field,
    /// if each has one.
    pub(super) fn roles_salary(&self, roles: &[usize], ranking: &Ranking) -> Option<Answer> {
        let fields: Vec<_> = roles
            .iter()
            .map(|&role| self.corpus.passages[role].field(Aspect::Salary))
            .collect::<Option<_>>()?;
        let titles: Vec<&str> = roles.iter().map(|&role| self.corpus.passages[role].title.as_str()).collect();
        let mut answer = Answer::new(true, messages::salary_title(&titles.join(" vs ")));
        for (&role, field) in roles.iter().zip(fields) {
            let passage = &self.corpus.passages[role];
            answer.lines.push(Line::Field { label: passage.title.clone(), text: field.text.clone() });
            self.cite(&mut answer, passage, super::score_of(ranking, role));
        }
        for &role in roles {
            if let Some(key) = self.names.key(role) {
                answer.add_action(self.corpus.passages[role].title.clone(), format!("/role {key}"));
            }
        }
        Some(answer)
    }

    /// The one of `roles` whose `aspect` field names every other.
    fn field_naming_others(&self, roles: &[usize], aspect: Aspect) -> Option<usize> {
        roles.iter().copied().find(|&role| {
            let Some(field) = self.corpus.passages[role].field(aspect) else { return false };
            let named = self.names.roles_in(&text::words(&field.text));
            roles.iter().all(|r| *r == role || named.contains(r))
        })
    }

    /// A passage other than a role whose title names every one of `roles` ("What is the
    /// difference between a Data Scientist and a Machine Learning Engineer?").
    fn passage_naming(&self, roles: &[usize]) -> Option<usize> {
        let mut passages = self.corpus.passages.iter().zip(&self.title_roles);
        passages.position(|(p, named)| p.kind != Kind::Role && roles.iter().all(|r| named.contains(r)))
    }

    /// Whether `said` holds the title of passage `ord` other than as a job title: "mlops" in
    /// "mlops stuff", not in "mlops engineer".
    fn named_as_skill(&self, ord: usize, said: &[String]) -> bool {
        let title = &self.title_words[ord];
        let rules = self.search.rules();
        (0..said.len()).any(|at| {
            said[at..].starts_with(title)
                && said.get(at + title.len()).is_none_or(|next| !rules.is_title_head(next))
        })
    }
}
