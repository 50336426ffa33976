//! The answer engine: `Engine::answer(text)` is the one entry every front calls. It reads commands
//! and questions, finds passages by structure or by search, and composes an [`Answer`].

mod asides;
mod compose;
mod contents;
mod duration;
mod employers;
mod ladder;
mod price;
mod roles;
mod salary;

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use crate::answer::Answer;
use crate::commands::{Command, NameFinder, Names, parse_command};
use crate::corpus::{Aspect, Corpus, CorpusError, Kind, load_corpus};
use crate::index::{GuideIndex, IndexError, OpenReport};
use crate::messages;
use crate::search::{Hit, QueryTerm, Ranking, Search};
use crate::text::{self, words};

/// The longest message read; the rest is ignored (Telegram's own limit is 4096).
pub const MAX_INPUT_CHARS: usize = 4096;

/// How many of a long message's question sentences, from its end, are asked on their own.
const MAX_QUESTION_SENTENCES: usize = 3;

/// Hits a search keeps.
const SEARCH_LIMIT: usize = 5;

/// How many of a question's topic words another part of a role must hold to answer for the
/// part asked, when the part asked holds none ([`Engine::part_holding`]).
const PART_TOPIC_WORDS: usize = 3;

/// The least share of a question's weighted terms the best passage must contain to be given as
/// an answer; below it the engine declines. Calibrated on the tuning split of the question set.
pub const MIN_COVERAGE: f32 = 0.5;

/// As [`MIN_COVERAGE`], for a passage whose title holds two topic words of the question.
/// Calibrated on the tuning split.
pub const MIN_COVERAGE_TITLED: f32 = 0.35;

/// The most of a question (idf-weighted) the guide may not know at all before the engine
/// declines: "what does a dentist earn" is mostly about something the guide never mentions.
/// Calibrated on the tuning split of the question set.
pub const MAX_UNKNOWN_SHARE: f32 = 0.4;

/// As [`MAX_UNKNOWN_SHARE`], for a question that names a role or a salary level: the name
/// anchors it in the guide, so words the guide lacks are more likely the asker's own phrasing
/// ("how much do MLOps folks earn"). Calibrated on the tuning split.
pub const MAX_UNKNOWN_SHARE_NAMED: f32 = 0.65;

/// Why an engine could not start.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The corpus is missing, empty or malformed.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The index could not be built or opened.
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Answers messages from one corpus and its index. Immutable and `Sync`: share it freely.
pub struct Engine {
    corpus: Corpus,
    search: Search,
    names: Names,
    /// Figures stated in prose, found once.
    mentions: Vec<salary::FoundMention>,
    /// The analyzed terms of each name of each role and level, with its ord: one entry a name.
    name_terms: Vec<(usize, Vec<String>)>,
    /// Each salary level's career-progression step.
    rungs: Vec<ladder::Rung>,
    /// The words of the vocabulary's greetings and thanks.
    greeting_words: FxHashSet<String>,
    /// The analyzed terms of each passage's title, by passage ord.
    title_terms: Vec<Vec<String>>,
    /// The analyzed terms of the words that end a job title ("engineer").
    head_terms: FxHashSet<String>,
    /// The analyzed terms of the words for any job ("role", "job").
    job_terms: FxHashSet<String>,
    /// The analyzed terms of every word naming a part of a role ("salary", "skills").
    aspect_terms: FxHashSet<String>,
    /// The roles each passage's text names, by passage ord.
    body_roles: Vec<Vec<usize>>,
    /// The roles each passage's title names (a day in the life or an overview: its document's),
    /// by passage ord.
    title_roles: Vec<Vec<usize>>,
    /// The roles a group of skills belongs to (its document's: "How to Become an AI/ML
    /// Engineer"), by passage ord; none for other passages.
    skill_roles: Vec<Vec<usize>>,
    /// Whether each passage states a price (a figure no pay word goes with), by ord.
    priced: Vec<bool>,
    /// The vocabulary's price words, as phrases of words.
    price_phrases: Vec<Vec<String>>,
    /// The analyzed terms of the clauses that state a price (a figure or a price word), by
    /// passage ord.
    price_terms: Vec<FxHashSet<String>>,
    /// The words of the vocabulary's need words.
    need_words: FxHashSet<String>,
    /// The words of role and level names, of aspect names and of the field ([`Engine::is_plain_word`]).
    plain_words: FxHashSet<String>,
    /// The words of each passage's title, by passage ord.
    title_words: Vec<Vec<String>>,
    /// The analyzed terms of each line of each passage, by passage ord.
    line_terms: Vec<Vec<FxHashSet<String>>>,
    /// Each salary level's first year of experience (its years cell), by level.
    years_from: Vec<(u32, usize)>,
    /// The vocabulary's off-topic subjects that no passage names, as one entry to find.
    off_topic: NameFinder,
    /// The vocabulary's employers as phrases of words, by their first word.
    employers: FxHashMap<String, Vec<Vec<String>>>,
    /// The vocabulary's duration words, as phrases of words.
    duration_words: Vec<Vec<String>>,
    /// Whether each passage states a length of time, by ord.
    lengths: Vec<bool>,
    /// The parts of a role each passage's introduction (its lines outside any field) speaks of,
    /// by ord.
    intro_aspects: Vec<IntroAspects>,
    /// How a question asks about the guide itself, and what each document holds.
    contents: contents::Contents,
}

impl Engine {
    /// Loads the corpus from `corpus_dir` and opens (or builds) its index under `index_dir`.
    pub fn open(corpus_dir: &Path, index_dir: &Path) -> Result<(Self, OpenReport), EngineError> {
        let corpus = load_corpus(corpus_dir)?;
        Self::with_corpus(corpus, index_dir)
    }

    /// Opens (or builds) the index of an already loaded corpus.
    pub fn with_corpus(corpus: Corpus, index_dir: &Path) -> Result<(Self, OpenReport), EngineError> {
        let (index, report) = GuideIndex::open_or_build(index_dir, &corpus)?;
        let search = Search::new(index, &corpus);
        let names = Names::new(&corpus);
        let mentions = salary::find_mentions(&corpus);
        let analyzing = &search;
        let name_terms = names
            .roles()
            .chain(names.levels())
            .flat_map(|ord| {
                names.names(ord).iter().map(move |name| (ord, analyzing.analyze(&name.join(" "))))
            })
            .collect();
        let rungs = ladder::find_rungs(&names, &corpus);
        let greeting_words = corpus.vocabulary.greetings.words.iter().flat_map(|g| words(g)).collect();
        let title_terms = corpus.passages.iter().map(|p| search.analyze(&p.title)).collect();
        let line_terms = corpus
            .passages
            .iter()
            .map(|p| p.lines.iter().map(|l| search.analyze(&l.text).into_iter().collect()).collect())
            .collect();
        let head_terms = head_terms(&corpus, &search);
        let job_terms = corpus.vocabulary.titles.nouns.iter().flat_map(|n| search.analyze(n)).collect();
        let title_words: Vec<Vec<String>> = corpus.passages.iter().map(|p| words(&p.title)).collect();
        let title_roles = corpus.passages.iter().zip(&title_words).map(|(p, title)| match p.kind {
            // A day in the life is a day of the job its document is about ("How to Become an
            // AI/ML Engineer"): no answer to what a data scientist does all day. So is an
            // overview: its quick answer is no data scientist's "in a nutshell".
            Kind::Day | Kind::Overview => names.roles_in(&[title.clone(), words(&p.source)].concat()),
            _ => names.roles_in(title),
        });
        let title_roles = title_roles.collect();
        let skill_roles = corpus.passages.iter().map(|p| match p.kind {
            Kind::Skills => names.roles_in(&words(&p.source)),
            _ => Vec::new(),
        });
        let skill_roles = skill_roles.collect();
        let body_roles = corpus.passages.iter().map(|p| names.roles_in(&words(&p.text()))).collect();
        let years_from = salary::years_from(&corpus, &names);
        let aspects = corpus.vocabulary.aspects.values();
        let aspect_terms =
            aspects.flat_map(|a| a.labels.iter().chain(&a.words)).flat_map(|w| search.analyze(w)).collect();
        let priced = price::priced(&corpus);
        let price_phrases: Vec<Vec<String>> =
            corpus.vocabulary.price_words.words.iter().map(|w| words(w)).collect();
        // A passage's clause prices something by a one-word price word ("free"); a question may
        // also ask by a phrase ("do you have to pay for it").
        let price_words: FxHashSet<String> =
            price_phrases.iter().filter(|p| p.len() == 1).flatten().cloned().collect();
        let price_terms = price::price_terms(&corpus, &search, &price_words);
        let need_words = corpus.vocabulary.need_words.words.iter().flat_map(|w| words(w)).collect();
        let plain_words = plain_words(&corpus, &names);
        let off_topic = off_topic(&corpus);
        let mut employers: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for name in corpus.vocabulary.employers.words.iter().map(|w| words(w)).filter(|n| !n.is_empty()) {
            employers.entry(name[0].clone()).or_default().push(name);
        }
        let duration_words = corpus.vocabulary.duration_words.words.iter().map(|w| words(w)).collect();
        let lengths = duration::lengths(&corpus);
        let contents = contents::Contents::new(&corpus, &search);
        let labels: Vec<(Aspect, Vec<String>)> = corpus
            .vocabulary
            .aspects
            .iter()
            .flat_map(|(aspect, part)| part.labels.iter().map(|label| (*aspect, words(label))))
            .collect();
        let intro_aspects = corpus.passages.iter().map(|p| IntroAspects::of(p, &labels, &names)).collect();
        let engine = Engine {
            corpus,
            search,
            names,
            mentions,
            name_terms,
            rungs,
            greeting_words,
            title_terms,
            head_terms,
            job_terms,
            aspect_terms,
            title_roles,
            skill_roles,
            body_roles,
            priced,
            price_phrases,
            price_terms,
            need_words,
            plain_words,
            title_words,
            line_terms,
            years_from,
            off_topic,
            employers,
            duration_words,
            lengths,
            intro_aspects,
            contents,
        };
        Ok((engine, report))
    }

    /// The corpus answers come from.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Answers one message: a command or a question. Never panics and never fails: a fault
    /// inside becomes an apology, logged.
    pub fn answer(&self, text: &str) -> Answer {
        match catch_unwind(AssertUnwindSafe(|| self.answer_clean(&sanitize(text)))) {
            Ok(answer) => answer,
            Err(_) => {
                tracing::error!("the engine panicked while answering; replied with an apology");
                Answer::new(false, messages::APOLOGY_TITLE).text(messages::APOLOGY)
            }
        }
    }

    fn answer_clean(&self, text: &str) -> Answer {
        match parse_command(text) {
            Some(command) => self.command(command),
            None => self.question(text),
        }
    }

    fn command(&self, command: Command) -> Answer {
        match command {
            Command::Start => self.welcome(),
            Command::Help => self.help(),
            Command::Roles => self.roles(),
            Command::Role { name } if name.is_empty() => self.roles(),
            Command::Role { name } => match self.names.resolve_role(&name).ord() {
                Some(ord) => self.role(ord, 0.0),
                None => self.unknown_role(&name),
            },
            Command::Aspect { aspect, name } if name.is_empty() => {
                self.roles_prompt(messages::which_role(aspect.name()))
            }
            Command::Aspect { aspect, name } => match self.names.resolve_role(&name).ord() {
                Some(ord) => self.role_part(ord, aspect),
                None => self.unknown_role(&name),
            },
            Command::Salary { subject } => self.salary_command(&subject),
            Command::Faq { query } => self.faq(&query),
            Command::Unknown { name } => {
                let (title, body) = messages::unknown_command(&messages::shorten(&name));
                Answer::new(false, title).text(body).action("Help", "/help")
            }
        }
    }

    /// A free-text question. A message of several sentences whose whole the guide does not
    /// answer ("ok so long story: i'm 31, worked in retail … how many years until I could work
    /// as an AI engineer?") is mostly the asker's life: its question sentences, each with the
    /// sentence before it, are asked on their own, the last first.
    fn question(&self, text: &str) -> Answer {
        let answer = self.message(text);
        if answer.answered {
            return answer;
        }
        let sentences = text::sentences(text);
        if sentences.len() < 2 {
            return answer;
        }
        // "How I get work visa for Canada as AI engineer? Which paper need?": what follows a
        // question about what the guide never covers goes on asking about it.
        let off_topic_at = sentences.iter().position(|part| {
            let sentence = &text[part.clone()];
            sentence.ends_with('?') && self.asks_off_topic(&words(sentence), || None)
        });
        let last = sentences.len() - 1;
        let asking = (0..=last).rev().filter(|&i| i == last || text[sentences[i].clone()].ends_with('?'));
        let asking = asking.take(MAX_QUESTION_SENTENCES).filter(|&i| off_topic_at.is_none_or(|at| i < at));
        // The whole message (trimmed) was asked already.
        let whole = sentences[0].start..sentences[last].end;
        for i in asking {
            let Range { start, end } = sentences[i];
            let with_before = (i > 0).then(|| sentences[i - 1].start..end).filter(|part| *part != whole);
            for part in std::iter::once(start..end).chain(with_before) {
                let asked = self.message(&text[part]);
                if asked.answered {
                    return asked;
                }
            }
        }
        answer
    }

    /// One question: a role and a part of it answer from structure, anything else from
    /// search; a question the guide does not know, or a weak best match, declines.
    fn message(&self, text: &str) -> Answer {
        let said = words(text);
        if said.is_empty() {
            return Answer::new(false, messages::EMPTY_TITLE).text(messages::EMPTY).action("Help", "/help");
        }
        if self.is_greeting(&said) {
            // "what can this bot tell me about": what the guide holds says more than a welcome.
            let contents = self
                .contents
                .names_guide(&said)
                .then(|| self.guide_contents(&said, &self.search.rank_words(&said, SEARCH_LIMIT)));
            return contents.flatten().unwrap_or_else(|| self.welcome());
        }
        // Names and parts are found in the words with misspelt guide words put right
        // ([`Search::respelled`]: "senior mle salery").
        let respelled = self.search.respelled(&said);
        let named_in = respelled.as_deref().unwrap_or(&said);
        // What the message asks, less its asides ([`Engine::without_asides`]), as said and put
        // right, worked out when needed.
        let asides = std::cell::OnceCell::new();
        let aside_free = || {
            asides.get_or_init(|| {
                self.without_asides(text).map(|asked| {
                    let respelled = self.search.respelled(&asked);
                    (asked, respelled)
                })
            })
        };
        let asked = || aside_free().as_ref().map_or(&said[..], |(asked, _)| asked);
        let asked_named = || {
            aside_free().as_ref().map_or(named_in, |(asked, respelled)| respelled.as_deref().unwrap_or(asked))
        };
        if self.asks_off_topic(&said, || aside_free().as_ref().map(|(asked, _)| asked.as_slice())) {
            // "can I get an H1B as an ML engineer": the guide never covers visas.
            return self.decline(&Ranking::default());
        }
        let ranking = self.search.rank_words(&said, SEARCH_LIMIT);
        tracing::debug!(
            terms = ?ranking.terms.iter().map(|t| (&t.term, t.known, t.common)).collect::<Vec<_>>(),
            top = ?ranking.hits.iter().map(|h| (&self.corpus.passages[h.ord].id, h.score)).collect::<Vec<_>>(),
            coverage = ranking.coverage,
            unknown = ranking.unknown_share,
            "ranked a question"
        );
        if let Some(answer) = self.guide_contents(&said, &ranking) {
            // "what does the guide cover": its documents and their sections.
            return answer;
        }
        let priced =
            |words: &[String]| self.price_phrases.iter().any(|p| text::find_phrase(words, p).is_some());
        if priced(&said) && priced(asked()) {
            // "how much does a master's cost": only a stated price answers, never a salary.
            // "I can't afford a master's. Is self-study enough?" asks no price.
            let priced = ranking.hits.iter().find(|h| self.priced[h.ord]);
            return match priced {
                Some(hit)
                    if self.search.coverage(&ranking.terms, hit.ord) >= MIN_COVERAGE
                        && self.prices_what_is_asked(hit.ord, &ranking) =>
                {
                    self.plain_passage(hit.ord, hit.score)
                }
                // "how long is an ml bootcamp and what does it cost": a path stating both.
                _ => match self.duration_answer(&said, &ranking).filter(|&ord| self.priced[ord]) {
                    Some(ord) => self.plain_passage(ord, score_of(&ranking, ord)),
                    None => self.decline(&ranking),
                },
            };
        }
        let roles = self.names.roles_in(named_in);
        let aspect = match self.names.aspect_in(named_in) {
            Some(_) => self.names.aspect_in(asked_named()),
            // "heard new grad ml engineers start at 150k, is that right?" asks about pay.
            None => salary::quotes_money(text, &said).then_some(Aspect::Salary),
        };
        let mut levels = self.names.levels_in(named_in);
        let levels_named = levels.len();
        let ladder_of_role = !roles.is_empty() && matches!(aspect, None | Some(Aspect::Progression));
        if levels.is_empty() && (aspect == Some(Aspect::Salary) || ladder_of_role) {
            // "ml engineer with 4 yoe salary", "mle w/ 3-5 yoe, what's the work like": the salary
            // table says which level that is. The asker's years are their level for pay ("i have
            // 6 years as an mle, what should i be making"), but only their story otherwise ("i
            // worked in a lab 3 yrs, … what is that job").
            let told = if aspect == Some(Aspect::Salary) { &said[..] } else { asked() };
            levels.extend(salary::years_stated(told).and_then(|years| self.level_by_years(years)));
        }
        tracing::debug!(?roles, ?levels, ?aspect, "read names and the part asked");
        let named = !roles.is_empty() || !levels.is_empty();
        let max_unknown = if named { MAX_UNKNOWN_SHARE_NAMED } else { MAX_UNKNOWN_SHARE };
        let rules = self.search.rules();
        // "i'm a software engineer, how do I get into ML" asks about ML, not software engineers;
        // "i'm a data engineer, what's my salary" asks about data engineers.
        let asker_aside = aspect != Some(Aspect::Salary);
        let foreign = || self.names.foreign_title_in(&said, |w| rules.is_common(w), asker_aside);
        // The asker's story may hold words the guide lacks ("gamer here lol, … walk me thru a
        // normal day"): what it asks is measured without its asides, when that matters.
        let unknown_share = if ranking.unknown_share > max_unknown
            && let Some((asked, _)) = aside_free()
        {
            self.search.unknown_share(&self.search.terms_of(asked))
        } else {
            ranking.unknown_share
        };
        if unknown_share > max_unknown
            // Nothing asked but the field or a word for any job ("what is that role called").
            || !ranking.terms.iter().any(|t| t.known && !t.common && !t.domain && !self.job_terms.contains(&t.term))
            || (roles.is_empty() && foreign())
        {
            return self.decline(&ranking);
        }
        if aspect == Some(Aspect::Salary) && self.names_one_employer(asked()) {
            // "how much does OpenAI pay its ML engineers": the guide gives no employer's pay.
            return self.decline(&ranking);
        }
        if let Some(ord) = self.duration_answer(&said, &ranking) {
            // "how long are ml bootcamps": the path says ("3-6 months").
            return self.plain_passage(ord, score_of(&ranking, ord));
        }
        // Unless a level is named: its own step says how long it takes ("how many yrs till senior").
        if levels.is_empty()
            && let Some(ord) = self.length_answer(&said, &ranking)
        {
            return self.plain_passage(ord, score_of(&ranking, ord));
        }
        if levels.is_empty() && roles.is_empty() && self.length_unstated(&said, &ranking) {
            return self.decline(&ranking);
        }
        if levels.is_empty()
            && let Some(ord) = self.step_after_found(&said, &ranking)
        {
            // "I'm a data analyst, 1 yr in. whats my next step toward ML": the step after the
            // one found.
            return self.plain_passage(ord, score_of(&ranking, ord));
        }
        if roles.is_empty()
            && levels.is_empty()
            && let Some(ord) = self.need_answer(&said, &ranking)
        {
            return self.plain_passage(ord, score_of(&ranking, ord));
        }
        // The salary rows the question names: its levels', and those of roles titled as a level
        // ("research scientist").
        let rows = || {
            let titled = roles.iter().filter_map(|&role| self.level_titled(role));
            let mut rows: Vec<usize> = levels[..levels_named].iter().copied().chain(titled).collect();
            rows.sort_unstable();
            rows.dedup();
            rows
        };
        if aspect == Some(Aspect::Salary)
            && let rows = rows()
            && rows.len() >= 2
            && roles.iter().all(|&r| rows.iter().any(|&level| self.level_is_of_role(level, r)))
        {
            // "ml engineer pay from junior up to principal": the role's range and all its rows,
            // when the role is named apart from the levels ("junior vs senior ml engineer pay"
            // names two rows).
            if let [role] = roles[..]
                && rows.iter().all(|&level| self.level_is_of_role(level, role))
                && self.named_apart(role, &rows, named_in)
            {
                return self.role_salary(role, &ranking);
            }
            // "junior vs senior pay", "staff mle vs research scientist, who makes more": the
            // rows side by side.
            return self.levels_salary(&rows, &ranking);
        }
        if aspect.is_none()
            && levels_named == 2
            && roles.iter().all(|&r| levels.iter().any(|&level| self.level_is_of_role(level, r)))
            && let Some(answer) = self.steps_compared(&levels[..levels_named], &said, &ranking)
        {
            // "what do senior ml engineers do differently from mid level": the steps side by side.
            return answer;
        }
        if aspect == Some(Aspect::Salary)
            && let [level] = levels[..]
            && roles.iter().all(|&r| self.level_is_of_role(level, r))
        {
            // "the quick answer on becoming an ML engineer … and the entry pay": the overview
            // the question names states that pay.
            let overview = ranking
                .hits
                .first()
                .filter(|h| self.is_more_specific(h.ord, level, Aspect::Salary, &ranking));
            if let Some(hit) = overview {
                return self.plain_passage(hit.ord, hit.score);
            }
            return self.level_salary(level, &ranking);
        }
        if roles.len() >= 2 {
            match self.two_roles_answer(&roles, aspect, &ranking, named_in) {
                Some(ord) => {
                    if let Some(aspect) = aspect
                        && self.corpus.passages[ord].kind == Kind::Role
                    {
                        return self.role_part_ranked(ord, aspect, &ranking);
                    }
                    return self.plain_passage(ord, score_of(&ranking, ord));
                }
                // "nlp vs cv, which pays more": each one's pay.
                None if aspect == Some(Aspect::Salary)
                    && let Some(answer) = self.roles_salary(&roles, &ranking) =>
                {
                    return answer;
                }
                None => {}
            }
        }
        if let [level] = levels[..] {
            // "what does a senior ml engineer do": the level's step on the career ladder.
            // A role's ladder asked from a level ("junior mle -> ??? -> director") is the role's
            // progression, every step of it, unless the search finds the level's own step first
            // ("top of the mle ladder (8+ yrs), do people publish papers?").
            let own_step_first = || ranking.hits.first().map(|h| h.ord) == self.step_for(level, &said);
            let ladder = aspect.is_none()
                || (aspect == Some(Aspect::Progression) && (roles.is_empty() || own_step_first()));
            let named = [&[level], &roles[..]].concat();
            // The search found no more than a name either, a role section or a salary row, or
            // found the level's own career step ("responsibilities once youre 5+ yrs in ml eng?").
            let names_only = || {
                ranking.hits.first().is_some_and(|h| match self.corpus.passages[h.ord].kind {
                    // A level's day is its step's work ("what does a junior mle do day to day").
                    Kind::Role | Kind::Salary | Kind::Day => true,
                    Kind::Progression => self.step_for(level, &said) == Some(h.ord),
                    _ => false,
                })
            };
            if ladder
                && (self.only_names(&ranking, &named) || names_only())
                && roles.iter().all(|&r| self.level_is_of_role(level, r))
            {
                if let Some(step) = self.step_for(level, &said) {
                    return self.plain_passage(step, score_of(&ranking, step));
                }
                // What comes after the ladder's last step: the role's own progression goes on
                // ("Staff/Principal MLE → Director of ML").
                if self.on_ladder(level)
                    && let Some(role) = self.role_of_level(level)
                {
                    return self.role_part_ranked(role, Aspect::Progression, &ranking);
                }
            }
        }
        // "do I need calculus for ML": asked within the guide's field, or whether something is
        // needed ("is python enough or will i need c++"), or asked of the guide ("does the guide
        // say anything about hugging face"), a passage that merely lists the word answers;
        // "explain backpropagation" is a lesson, not a career question.
        let in_field = ranking.terms.iter().any(|t| t.domain)
            || said.iter().any(|w| self.need_words.contains(w))
            // "whats the job title for the person who keeps models running in production".
            || ranking.terms.iter().any(|t| self.job_terms.contains(&t.term))
            || self.contents.names_guide(&said);
        // "what math does a data scientist need": another role's section is no answer.
        // Nor is a passage about a role not asked ("… a Data Scientist and a Machine Learning Engineer?"
        // for "ds or pm, which pays more").
        // A group of the role's own skills is no other role's, though titled "MLOps" ("do ml
        // engineers need to handle model monitoring and retraining").
        let other_role = |ord: usize| {
            let about = &self.title_roles[ord];
            (self.corpus.passages[ord].kind == Kind::Role && !roles.contains(&ord))
                || about.iter().any(|r| !roles.contains(r))
                    && !self.skill_roles[ord].iter().any(|r| roles.contains(r))
        };
        let pair = std::cell::OnceCell::new();
        let answers = |&(at, hit): &(usize, &Hit)| {
            let coverage =
                if at == 0 { ranking.coverage } else { self.search.coverage(&ranking.terms, hit.ord) };
            // The section of the role the question names is about it however little it covers.
            let own = roles.contains(&hit.ord);
            // A passage titled with two topic words of the question is about it, though the
            // asker's story leaves it covering less ("currently a data analyst, 1 year in, mostly
            // SQL dashboards for the marketing team. Is that a normal first step toward ML?").
            let titled = || {
                let title = &self.title_terms[hit.ord];
                ranking.terms.iter().filter(|t| is_topic(t) && title.contains(&t.term)).count() >= 2
            };
            // Unless two passages answer together ("bootcamp route vs going fully self-taught").
            let paired = || {
                *pair.get_or_init(|| {
                    roles.is_empty() && levels.is_empty() && self.pair_answering(&ranking).is_some()
                })
            };
            let covers =
                coverage >= MIN_COVERAGE || (coverage >= MIN_COVERAGE_TITLED && titled() && !paired());
            own || covers && (named || aspect.is_some() || ranking.on_subject || in_field)
        };
        let mut candidates =
            ranking.hits.iter().enumerate().filter(|(_, h)| roles.is_empty() || !other_role(h.ord));
        let top = if roles.is_empty() { candidates.next().filter(answers) } else { candidates.find(answers) };
        let top = top.map(|(_, hit)| hit);
        // A misspelt role ("machin lerning enginer") is found by search instead of by name.
        let role = match roles[..] {
            [role] => Some(role),
            [] => top.map(|h| h.ord).filter(|&ord| self.title_matched(&ranking, ord)),
            _ => None,
        };
        if let Some(role) = role {
            if let Some(aspect) = aspect {
                // A group of skills the asker only tells of ("I have a licence in mathematics")
                // is no more specific than the role's education.
                let asked_of = |ord: usize| {
                    self.corpus.passages[ord].kind != Kind::Skills || {
                        let title = &self.title_terms[ord];
                        self.search.terms_of(asked()).iter().any(|t| title.contains(&t.term))
                    }
                };
                let specific = top
                    .map(|h| h.ord)
                    .filter(|&ord| self.is_more_specific(ord, role, aspect, &ranking) && asked_of(ord));
                if let Some(ord) = specific.or_else(|| self.group_answering(role, aspect, &ranking)) {
                    return self.plain_passage(ord, score_of(&ranking, ord));
                }
                if aspect == Aspect::Salary
                    && let Some(ord) = self.mention_for(&said)
                {
                    return self.plain_passage(ord, score_of(&ranking, ord));
                }
                // "is ML engineering a field companies are racing to hire for": the guide names
                // no ML engineers' employers, but the passage found holds what is asked.
                if let Some(hit) = top.filter(|h| h.ord != role)
                    && !self.role_answers(role, aspect, &ranking)
                    && self.topic_terms(&ranking, role).any(|term| self.lines_hold(hit.ord, term))
                {
                    return self.plain_passage(hit.ord, hit.score);
                }
                return self.role_part_ranked(role, self.part_holding(role, aspect, &ranking), &ranking);
            }
            if self.only_names(&ranking, &[role]) {
                return self.role(role, score_of(&ranking, role));
            }
        }
        // "what do software engineers earn at netflix": a part of a role the question does not
        // name. The next passage that answers may ("which python libs should i learn for machine
        // learning": the Python skills, after the ML engineer's section).
        let top = match top {
            // "… own model deployment and monitoring. What skills would I need": the part asked
            // holds what the question asks of the role found.
            Some(h)
                if roles.is_empty()
                    && let Some(aspect) = aspect
                    && self.corpus.passages[h.ord].kind == Kind::Role
                    && self.field_terms(h.ord, aspect).is_some_and(|field| {
                        let held = self.topic_terms(&ranking, h.ord);
                        held.filter(|t| field.contains(*t) && !self.job_terms.contains(*t)).count() >= 2
                    }) =>
            {
                return self.role_part_ranked(h.ord, aspect, &ranking);
            }
            Some(h)
                if roles.is_empty() && aspect.is_some() && self.corpus.passages[h.ord].kind == Kind::Role =>
            {
                let rest = ranking.hits.iter().enumerate().skip(1);
                rest.filter(|(_, h)| self.corpus.passages[h.ord].kind != Kind::Role)
                    .find(answers)
                    .map(|(_, h)| h)
            }
            top => top,
        };
        match top.map(|top| self.below_introduction(top, &ranking)) {
            Some(top) => self.passage(top.ord, &ranking),
            None if roles.is_empty() && levels.is_empty() => match self.pair_answering(&ranking) {
                Some((a, b)) => self.passages_together(a, b, &ranking),
                None => self.decline(&ranking),
            },
            None => self.decline(&ranking),
        }
    }

    /// Whether a message asks about a subject the guide never covers: `said` names one, and so
    /// does what it asks less its asides (`asked`, when it has any).
    fn asks_off_topic<'a>(&self, said: &[String], asked: impl FnOnce() -> Option<&'a [String]>) -> bool {
        let found = |words: &[String]| self.off_topic.found_in(words).first() == Some(&true);
        found(said) && asked().is_none_or(found)
    }

    /// Two passages of one kind that answer a question together where neither does alone: the
    /// best hit and the next of its kind, each titled with a topic word of the question the
    /// other's title lacks, which together cover it ("bootcamp route vs going fully
    /// self-taught").
    fn pair_answering(&self, ranking: &Ranking) -> Option<(usize, usize)> {
        let a = ranking.hits.first()?.ord;
        let kind = self.corpus.passages[a].kind;
        if !matches!(kind, Kind::Education | Kind::Skills | Kind::Progression) {
            return None;
        }
        let titled_apart = |one: usize, other: usize| {
            ranking.terms.iter().filter(|t| is_topic(t)).any(|t| {
                self.title_terms[one].contains(&t.term) && !self.title_terms[other].contains(&t.term)
            })
        };
        let b = ranking.hits[1..]
            .iter()
            .map(|h| h.ord)
            .find(|&b| self.corpus.passages[b].kind == kind && titled_apart(b, a))?;
        let answers =
            titled_apart(a, b) && self.search.coverage_of_both(&ranking.terms, a, b) >= MIN_COVERAGE;
        answers.then_some((a, b))
    }

    /// A document's introduction says what the document is about, not what it says: a passage
    /// of that document found with it, whose title names the question's subject and which covers
    /// the question as well, answers instead ("is ML engineering a good career").
    fn below_introduction<'r>(&self, top: &'r Hit, ranking: &'r Ranking) -> &'r Hit {
        let intro = &self.corpus.passages[top.ord].id;
        if intro.contains('/') {
            return top;
        }
        let coverage = self.search.coverage(&ranking.terms, top.ord);
        let below = ranking.hits.iter().find(|h| {
            let id = &self.corpus.passages[h.ord].id;
            id.strip_prefix(intro.as_str()).is_some_and(|rest| rest.starts_with('/'))
                && ranking
                    .terms
                    .iter()
                    .filter(|t| is_topic(t))
                    .any(|t| self.title_terms[h.ord].contains(&t.term))
                && self.search.coverage(&ranking.terms, h.ord) >= coverage
        });
        below.unwrap_or(top)
    }

    /// Whether the question says nothing beyond names of `ords`, words for any job and question
    /// words ("what does an MLOps engineer do?", "… like what's the job").
    fn only_names(&self, ranking: &Ranking, ords: &[usize]) -> bool {
        let named = |term: &String| {
            self.job_terms.contains(term) || ords.iter().any(|&ord| self.is_name_of(term, ord))
        };
        ranking.terms.iter().filter(|t| t.known && !t.question).all(|t| named(&t.term))
    }

    /// Whether `ord` is a role whose title or alias the question names, if misspelt or in part
    /// ("machin lerning enginer", "the infra around our models"): a word of it beyond a job-title
    /// head, for "software engineer" is no MLOps engineer, and beyond a part's words, for "learn"
    /// of "which python libs should i learn" is no Machine Learning Engineer.
    fn title_matched(&self, ranking: &Ranking, ord: usize) -> bool {
        let title = &self.title_terms[ord];
        self.corpus.passages[ord].kind == Kind::Role
            && ranking.terms.iter().any(|t| {
                t.known
                    && !t.domain
                    && (title.contains(&t.term) || self.is_name_of(&t.term, ord))
                    && !self.head_terms.contains(&t.term)
                    && !self.aspect_terms.contains(&t.term)
            })
    }

    /// Whether passage `ord`, the best match, says more about a role's (or a salary level's)
    /// `aspect` than its own field: a passage of that kind whose title names something the
    /// question asks beyond the role's own names and the aspect ("self-taught" in "can I become
    /// an ML engineer self-taught, with no degree", an education question; "data" of another
    /// role's name in "do ML engineers need data engineering skills"). For pay, that is an
    /// overview ("the short version: what do I need to become an ML engineer and what does it
    /// pay").
    fn is_more_specific(&self, ord: usize, role: usize, aspect: Aspect, ranking: &Ranking) -> bool {
        let passage = &self.corpus.passages[ord];
        let fits = match aspect {
            // "is school math enough for an ml engineer": what to learn is a group of skills.
            Aspect::Education => matches!(passage.kind, Kind::Education | Kind::Skills),
            Aspect::Skills => passage.kind == Kind::Skills,
            // "why are companies hiring ml engineers like crazy": why the field is hiring.
            Aspect::Salary | Aspect::Employers => passage.kind == Kind::Overview,
            _ => false,
        };
        let title = &self.title_terms[ord];
        if fits {
            // What the title names beyond the role's own field ("cs" of "mlops without a cs
            // masters" is in the MLOps education field too).
            let field = self.field_terms(role, aspect);
            return self
                .topic_terms(ranking, role)
                .any(|term| title.contains(term) && !field.is_some_and(|f| f.contains(term)));
        }
        // A common question on education that holds what the role's field lacks ("bootcamp vs
        // masters, which do big tech companies prefer for ml engineering").
        aspect == Aspect::Education
            && passage.kind == Kind::Faq
            && self.field_terms(role, aspect).is_some_and(|field| {
                self.topic_terms(ranking, role).any(|term| {
                    !field.contains(term) && !self.job_terms.contains(term) && self.lines_hold(ord, term)
                })
            })
    }

    /// For a question of whether something is needed ("is it true most AI jobs don't need a
    /// PhD?") whose best match is an education path, the common question that asks whether it is
    /// needed: titled with a need word and a topic word of the question.
    fn need_answer(&self, said: &[String], ranking: &Ranking) -> Option<usize> {
        let top = ranking.hits.first()?.ord;
        if self.corpus.passages[top].kind != Kind::Education
            || !said.iter().any(|w| self.need_words.contains(w))
        {
            return None;
        }
        ranking.hits.iter().map(|h| h.ord).find(|&ord| {
            self.corpus.passages[ord].kind == Kind::Faq
                && self.title_words[ord].iter().any(|w| self.need_words.contains(w))
                && ranking.terms.iter().any(|t| is_topic(t) && self.title_terms[ord].contains(&t.term))
        })
    }

    /// The question's terms that say what it asks about role `role` beyond the role and the
    /// part: known, not a question, everyday or field word, not one of the role's own names
    /// (another's may be: "data" of "data engineering"), not a part's name.
    fn topic_terms<'r>(&self, ranking: &'r Ranking, role: usize) -> impl Iterator<Item = &'r String> {
        let topic = ranking.terms.iter().filter(|t| is_topic(t)).map(|t| &t.term);
        topic.filter(move |term| !self.is_name_of(term, role) && !self.aspect_terms.contains(*term))
    }

    /// Whether `term` is an analyzed word of a name of role or level `ord`.
    fn is_name_of(&self, term: &str, ord: usize) -> bool {
        self.name_terms.iter().any(|(o, terms)| *o == ord && terms.iter().any(|t| t == term))
    }

    /// A skill group or education path found by the search that holds a topic word of the
    /// question which role `role`'s own `aspect` field lacks, and covers the question: "Model
    /// deployment" in the MLOps skills for "what deployment skills does an ML engineer need".
    fn group_answering(&self, role: usize, aspect: Aspect, ranking: &Ranking) -> Option<usize> {
        let kind = match aspect {
            Aspect::Skills => Kind::Skills,
            Aspect::Education => Kind::Education,
            _ => return None,
        };
        let field = self.field_terms(role, aspect)?;
        // A word for any job is no topic ("jobs" of "what education do ml engineer jobs ask for"
        // is not "research-heavy roles").
        let topic: Vec<&String> = self
            .topic_terms(ranking, role)
            .filter(|term| !field.contains(*term) && !self.job_terms.contains(*term))
            .collect();
        let holds = |ord: usize| topic.iter().any(|term| self.lines_hold(ord, term));
        ranking.hits.iter().map(|h| h.ord).find(|&ord| {
            self.corpus.passages[ord].kind == kind
                && holds(ord)
                && self.search.coverage(&ranking.terms, ord) >= MIN_COVERAGE
        })
    }

    /// The part of role `role` that answers a question asking for its `aspect`: that part,
    /// unless it holds none of the question's topic words and another part holds at least
    /// [`PART_TOPIC_WORDS`] of them ("how technical does an AI PM need to be, precision/recall
    /// and latency tradeoffs?" asks about hiring one, but its words are the PM's skills).
    fn part_holding(&self, role: usize, aspect: Aspect, ranking: &Ranking) -> Aspect {
        let topic: Vec<&String> =
            self.topic_terms(ranking, role).filter(|term| !self.job_terms.contains(*term)).collect();
        let held = |part: Aspect| {
            self.field_terms(role, part)
                .map_or(0, |field| topic.iter().filter(|t| field.contains(**t)).count())
        };
        if held(aspect) > 0 {
            return aspect;
        }
        let best = Aspect::ALL.into_iter().map(|part| (held(part), part)).max_by_key(|&(count, _)| count);
        match best {
            Some((count, part)) if count >= PART_TOPIC_WORDS => part,
            _ => aspect,
        }
    }

    /// Whether the introduction of role `ord` holds a topic word of the question that its
    /// `aspect` part lacks: "healthcare" in "who hires CV engineers outside big tech, like in
    /// healthcare" is in the Computer Vision Engineer's introduction, not in its employers.
    fn intro_answers(&self, ord: usize, aspect: Aspect, ranking: &Ranking) -> bool {
        let Some(part) = self.field_terms(ord, aspect) else {
            return false;
        };
        self.topic_terms(ranking, ord).any(|term| !part.contains(term) && self.intro_holds(ord, term))
    }

    /// Whether a line of passage `ord` holds `term`.
    fn lines_hold(&self, ord: usize, term: &str) -> bool {
        self.line_terms[ord].iter().any(|line| line.contains(term))
    }

    /// Whether role `ord` has something to say on `aspect`: its field, or an introduction that
    /// holds a topic word of the question or names the aspect.
    pub(super) fn role_answers(&self, ord: usize, aspect: Aspect, ranking: &Ranking) -> bool {
        self.corpus.passages[ord].field(aspect).is_some()
            || self.intro_holds_topic(ord, ranking)
            || self.intro_names(ord, aspect)
    }

    /// Whether the introduction of role `ord` holds a topic word of the question.
    fn intro_holds_topic(&self, ord: usize, ranking: &Ranking) -> bool {
        self.topic_terms(ranking, ord).any(|term| self.intro_holds(ord, term))
    }

    /// Whether a line of role `ord`'s introduction names `aspect`, as "work at AI labs" names
    /// where research scientists work.
    fn intro_names(&self, ord: usize, aspect: Aspect) -> bool {
        self.intro_aspects[ord].named.contains(&aspect)
    }

    /// Whether a line of role `ord`'s introduction speaks of `aspect` by its label ("Generic
    /// product management skills don't transfer directly to AI PM" speaks of skills).
    fn intro_labels(&self, ord: usize, aspect: Aspect) -> bool {
        self.intro_aspects[ord].labelled.contains(&aspect)
    }

    /// Whether a line of role `ord`'s introduction (no field) holds `term`.
    fn intro_holds(&self, ord: usize, term: &str) -> bool {
        let mut lines = self.corpus.passages[ord].lines.iter().zip(&self.line_terms[ord]);
        lines.any(|(line, terms)| line.aspect.is_none() && terms.contains(term))
    }

    /// The analyzed terms of role `ord`'s `aspect` field, if it has one.
    fn field_terms(&self, ord: usize, aspect: Aspect) -> Option<&FxHashSet<String>> {
        let at = self.corpus.passages[ord].lines.iter().position(|l| l.aspect == Some(aspect))?;
        self.line_terms[ord].get(at)
    }

    /// Whether `word` says nothing specific about a salary: a role's or level's name, a word of a
    /// role part's name ("total comp"), an everyday, question or field word.
    pub(super) fn is_plain_word(&self, word: &str) -> bool {
        self.search.rules().is_common(word) || self.plain_words.contains(word)
    }

    /// Whether a message is nothing but greetings and thanks ("hi there!", "thanks a lot").
    fn is_greeting(&self, said: &[String]) -> bool {
        said.iter().all(|word| self.greeting_words.contains(word))
    }

    /// The best FAQ for `query` (`/faq phd`), or a decline.
    pub(super) fn faq_search(&self, query: &str) -> Answer {
        let ranking = self.search.rank(query, SEARCH_LIMIT * 2);
        let faq = ranking.hits.iter().find(|h| self.corpus.passages[h.ord].kind == Kind::Faq);
        match faq {
            Some(hit) if ranking.unknown_share <= MAX_UNKNOWN_SHARE => self.plain_passage(hit.ord, hit.score),
            _ => self.decline(&ranking),
        }
    }

    fn passage(&self, ord: usize, ranking: &Ranking) -> Answer {
        let passage = &self.corpus.passages[ord];
        match passage.kind {
            Kind::Role => self.role(ord, score_of(ranking, ord)),
            Kind::Salary => self.level_salary(ord, ranking),
            _ => self.plain_passage(ord, score_of(ranking, ord)),
        }
    }
}

/// The parts of a role a passage's introduction speaks of: by any of their words, or by their
/// labels ("skills", "career path").
#[derive(Debug, Default)]
struct IntroAspects {
    named: Vec<Aspect>,
    labelled: Vec<Aspect>,
}

impl IntroAspects {
    fn of(passage: &crate::corpus::Passage, labels: &[(Aspect, Vec<String>)], names: &Names) -> Self {
        let mut found = IntroAspects::default();
        for line in passage.lines.iter().filter(|line| line.aspect.is_none()) {
            let said = words(&line.text);
            found.named.extend(names.aspects_in(&said));
            let labelled = labels.iter().filter(|(_, label)| text::find_phrase(&said, label).is_some());
            found.labelled.extend(labelled.map(|(aspect, _)| *aspect));
        }
        found
    }
}

/// The vocabulary's off-topic subjects, less any a passage names (as the finder finds names):
/// the list may never hide what the guide covers.
fn off_topic(corpus: &Corpus) -> NameFinder {
    let listed: Vec<Vec<String>> = corpus.vocabulary.off_topic.words.iter().map(|w| words(w)).collect();
    let each = NameFinder::new(listed.iter().map(std::slice::from_ref));
    let mut named = vec![false; listed.len()];
    for passage in &corpus.passages {
        for text in [words(&passage.title), words(&passage.text())] {
            named.iter_mut().zip(each.found_in(&text)).for_each(|(named, found)| *named |= found);
        }
    }
    let kept: Vec<Vec<String>> =
        listed.into_iter().zip(named).filter(|(_, named)| !named).map(|(subject, _)| subject).collect();
    NameFinder::new([kept.as_slice()])
}

/// The analyzed terms of the words that end a job title, less any that is also the term of a
/// title's other word: "researcher" is a head, but "research" of "AI Research Scientist" names
/// the role ("what skills for research at an AI lab").
fn head_terms(corpus: &Corpus, search: &Search) -> FxHashSet<String> {
    let heads = &corpus.vocabulary.titles.heads;
    let mut terms: FxHashSet<String> = heads.iter().flat_map(|h| search.analyze(h)).collect();
    for passage in &corpus.passages {
        // Not a head nor a form of one ("engineers", "engineering").
        let others = words(&passage.title).into_iter().filter(|w| !heads.iter().any(|h| w.starts_with(h)));
        for term in others.flat_map(|w| search.analyze(&w)) {
            terms.remove(&term);
        }
    }
    terms
}

/// [`Engine::plain_words`], worked out once.
fn plain_words(corpus: &Corpus, names: &Names) -> FxHashSet<String> {
    let vocabulary = &corpus.vocabulary;
    let named =
        names.roles().chain(names.levels()).flat_map(|ord| names.names(ord).iter().flatten().cloned());
    let aspects = vocabulary.aspects.values().flat_map(|a| a.labels.iter().chain(&a.words));
    let field = vocabulary.domain_words.words.iter();
    named.chain(aspects.chain(field).flat_map(|w| words(w))).collect()
}

/// Whether a question's term says what it is about: known to the guide, and no question,
/// everyday or field word.
fn is_topic(term: &QueryTerm) -> bool {
    term.known && !(term.question || term.common || term.domain)
}

fn score_of(ranking: &Ranking, ord: usize) -> f32 {
    ranking.hits.iter().find(|h| h.ord == ord).map_or(0.0, |h| h.score)
}

/// Drops control and invisible formatting characters (zero-width, bidi overrides), keeps line
/// breaks as spaces, and cuts the text to [`MAX_INPUT_CHARS`].
pub fn sanitize(text: &str) -> String {
    if text.len() <= MAX_INPUT_CHARS && text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        // Printable ASCII within the limit: nothing to drop, replace or cut.
        return text.trim().to_string();
    }
    text.chars()
        .take(MAX_INPUT_CHARS)
        .filter_map(|c| match c {
            // A line break may end a sentence ([`text::sentences`]); other breaks are spaces.
            '\n' => Some('\n'),
            '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{061C}' => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_off_topic_subject_the_guide_names_is_no_longer_off_topic() {
        let guide = "# Guide\n\n## Remote work\n\nMost teams work remotely part of the week.\n".to_string();
        let vocabulary = "[off_topic]\nwords = [\"remote\", \"visa\", \"part time\", \"the week\"]\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide)], vocabulary).unwrap();
        let finder = off_topic(&corpus);
        let found = |text: &str| finder.found_in(&words(text)) == [true];
        // "remote" is a title word and "the week" a phrase of the text; "part" and "time" alone
        // don't make the phrase "part time"; a plural is its singular, as for names.
        assert!(found("do ml engineers need visas") && found("part time jobs"));
        assert!(!found("remote jobs") && !found("in the week") && !found("part of the time"));
    }

    #[test]
    fn sanitize_removes_invisible_and_control_characters() {
        assert_eq!(sanitize("ml\u{200B}ops\u{202E} pay\0\n"), "mlops pay");
        assert_eq!(sanitize(&"x".repeat(10_000)).len(), MAX_INPUT_CHARS);
        // Cut first, trimmed after: the leading space counts towards the limit.
        assert_eq!(sanitize(&format!(" {}", "x".repeat(MAX_INPUT_CHARS))).len(), MAX_INPUT_CHARS - 1);
        assert_eq!(sanitize(" plain ascii\x7f text? "), "plain ascii text?");
        assert_eq!(
            sanitize("i'm 30\r\n\thow long until i'm an ai engineer\n"),
            "i'm 30 \n how long until i'm an ai engineer"
        );
    }
}
