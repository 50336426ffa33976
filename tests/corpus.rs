//! The guide parser over the real corpus: each role, question, table row and section becomes the
//! passage it should, with stable ids and citations, and the corpus says what the seeds said.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use careerbot::corpus::{Aspect, Corpus, CorpusError, Kind, Passage, load_corpus};

use crate::support;

const CAREER_PATHS: &str = "ai-career-paths-2026.md";
const CAREER_PATHS_TITLE: &str = "AI Career Paths in 2026";
const HOW_TO_TITLE: &str = "How to Become an AI/ML Engineer: Complete Career Guide (2026)";

/// The roles that list their top employers.
const ROLES_WITH_EMPLOYERS: [&str; 4] =
    ["NLP Engineer / LLM Engineer", "Computer Vision Engineer", "MLOps Engineer", "AI Product Manager"];

/// Lines of the seed pages that are site chrome, not the guide.
const PAGE_CHROME: [&str; 4] =
    ["Career Guides 1 months ago", "Share this article", "LinkedIn X / Twitter", "Related Articles"];

/// Sequences left when UTF-8 text is decoded as Windows-1253 (the first seed's damage), and what
/// they stand for: "—", "–" and "→".
const MOJIBAKE: [(&str, &str); 3] = [
    ("\u{3b2}\u{20ac}\u{201d}", "\u{2014}"),
    ("\u{3b2}\u{20ac}\u{201c}", "\u{2013}"),
    ("\u{3b2}\u{2020}\u{2019}", "\u{2192}"),
];

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| load_corpus(&support::corpus_dir()).expect("the real corpus loads"))
}

fn markdown(file: &str) -> String {
    let path = support::corpus_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Collapses every run of whitespace to one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_titled<'a>(kind: Kind, title: &str) -> &'a Passage {
    let found: Vec<&Passage> = corpus().of_kind(kind).filter(|p| p.title == title).collect();
    assert_eq!(found.len(), 1, "exactly one {kind:?} passage titled {title:?}, got {}", found.len());
    found[0]
}

/// The `##` sections of a Markdown file: heading, then the lines up to the next `##` or `#`.
fn h2_sections(markdown: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in markdown.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            out.push((heading.trim().to_string(), Vec::new()));
        } else if line.starts_with("# ") {
            continue;
        } else if let Some((_, body)) = out.last_mut() {
            body.push(line.to_string());
        }
    }
    out
}

#[test]
fn every_role_heading_becomes_one_role_passage_with_its_fields() {
    let sections: Vec<(String, Vec<String>)> = h2_sections(&markdown(CAREER_PATHS))
        .into_iter()
        .filter(|(heading, _)| heading != "Frequently Asked Questions")
        .collect();
    let headings: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Machine Learning Engineer",
            "AI Research Scientist",
            "Data Scientist",
            "NLP Engineer / LLM Engineer",
            "Computer Vision Engineer",
            "MLOps Engineer",
            "AI Product Manager",
        ],
        "the guide's role headings"
    );
    assert_eq!(corpus().of_kind(Kind::Role).count(), sections.len(), "one role passage per role heading");
    for (heading, body) in &sections {
        let role = one_titled(Kind::Role, heading);
        assert_eq!(role.source, CAREER_PATHS_TITLE);
        assert_eq!(role.section, std::slice::from_ref(heading));
        for aspect in [Aspect::Education, Aspect::Skills, Aspect::Progression, Aspect::Salary] {
            let field = role.field(aspect).unwrap_or_else(|| panic!("{heading} has a {aspect:?} field"));
            assert!(!field.text.is_empty(), "{heading}: empty {aspect:?}");
        }
        let lists_employers = ROLES_WITH_EMPLOYERS.contains(&heading.as_str());
        assert_eq!(role.field(Aspect::Employers).is_some(), lists_employers, "{heading}: employers field");
        // Each `- **Label:** text` bullet is one field, word for word.
        let bullets: Vec<(String, String)> = body
            .iter()
            .filter_map(|line| line.strip_prefix("- **"))
            .map(|rest| {
                let (label, text) = rest.split_once(":**").expect("a labelled bullet");
                (label.to_string(), text.trim().to_string())
            })
            .collect();
        let fields: Vec<(String, String)> = role
            .lines
            .iter()
            .filter(|line| line.aspect.is_some())
            .map(|line| (line.label.clone().unwrap_or_default(), line.text.clone()))
            .collect();
        assert_eq!(fields, bullets, "{heading}: fields as the guide lists them");
    }
    let mlops = one_titled(Kind::Role, "MLOps Engineer");
    let salary = mlops.field(Aspect::Salary).expect("MLOps salary");
    assert_eq!(salary.label.as_deref(), Some("Salary Range"));
    assert!(salary.text.starts_with("$110k–$270k+"), "{}", salary.text);
    assert!(mlops.field(Aspect::Employers).expect("MLOps employers").text.starts_with("Databricks, Netflix"));
    assert!(mlops.text().starts_with("MLOps Engineers build and maintain the infrastructure"), "prose first");
}

#[test]
fn each_faq_question_becomes_a_faq_passage_answered_by_its_text() {
    let text = markdown(CAREER_PATHS);
    let (_, body) = h2_sections(&text)
        .into_iter()
        .find(|(heading, _)| heading == "Frequently Asked Questions")
        .expect("the FAQ section");
    let mut questions: Vec<(String, Vec<String>)> = Vec::new();
    for line in body {
        if let Some(question) = line.strip_prefix("### ") {
            questions.push((question.trim().to_string(), Vec::new()));
        } else if let Some((_, answer)) = questions.last_mut() {
            answer.push(line);
        }
    }
    assert_eq!(questions.len(), 6, "the guide asks six questions");
    assert_eq!(corpus().of_kind(Kind::Faq).count(), 6);
    for (question, answer) in &questions {
        let faq = one_titled(Kind::Faq, question);
        assert!(faq.title.ends_with('?'));
        assert_eq!(faq.text(), squash(&answer.join(" ")), "answer to {question:?}");
        assert_eq!(faq.section, ["Frequently Asked Questions".to_string(), question.clone()]);
    }
    let phd = one_titled(Kind::Faq, "Do I need a PhD to work in AI?");
    assert!(phd.text().starts_with("No — the majority of AI industry roles do not require a PhD."));
}

#[test]
fn each_salary_table_row_becomes_a_salary_passage_titled_by_its_level() {
    let rows = [
        ("Junior ML Engineer", "0-2", "$100,000 - $140,000"),
        ("ML Engineer", "2-5", "$140,000 - $200,000"),
        ("Senior ML Engineer", "5-8", "$190,000 - $280,000"),
        ("Staff ML Engineer", "8+", "$250,000 - $400,000"),
        ("AI Research Scientist", "PhD+", "$200,000 - $500,000+"),
    ];
    let titles: Vec<&str> = corpus().of_kind(Kind::Salary).map(|p| p.title.as_str()).collect();
    assert_eq!(titles, rows.map(|(level, _, _)| level), "one salary passage per row, in table order");
    for (level, years, salary) in rows {
        let row = one_titled(Kind::Salary, level);
        let labelled: Vec<(Option<&str>, &str)> =
            row.lines.iter().map(|l| (l.label.as_deref(), l.text.as_str())).collect();
        assert_eq!(
            labelled,
            [(Some("Years"), years), (Some("Salary Range (Total Comp)"), salary)],
            "{level}"
        );
        assert_eq!(row.text(), format!("Years: {years}\nSalary Range (Total Comp): {salary}"));
        assert_eq!(row.source, HOW_TO_TITLE);
        assert_eq!(row.section, ["Salary Range"]);
    }
}

#[test]
fn sections_get_their_kinds_and_each_kind_its_count() {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for passage in &corpus().passages {
        *counts.entry(passage.kind).or_default() += 1;
    }
    let expected = BTreeMap::from([
        (Kind::Overview, 4),
        (Kind::Role, 7),
        (Kind::Faq, 6),
        (Kind::Salary, 5),
        (Kind::Education, 4),
        (Kind::Skills, 6),
        (Kind::Progression, 5),
        (Kind::Day, 1),
    ]);
    assert_eq!(counts, expected);
    let titles = |kind: Kind| corpus().of_kind(kind).map(|p| p.title.as_str()).collect::<Vec<_>>();
    assert_eq!(
        titles(Kind::Education),
        [
            "Master's/PhD in CS, ML, or Statistics",
            "Bachelor's in CS + Self-Study",
            "ML Bootcamps",
            "Self-Taught Path"
        ]
    );
    assert_eq!(
        titles(Kind::Skills),
        ["Python", "Mathematics", "ML Fundamentals", "Deep Learning", "MLOps", "Data Engineering"]
    );
    assert_eq!(
        titles(Kind::Progression),
        [
            "1. Data Analyst/Scientist (0-2 years)",
            "2. Junior ML Engineer (1-3 years)",
            "3. ML Engineer (3-5 years)",
            "4. Senior ML Engineer (5+ years)",
            "5. Staff/Research Scientist (8+ years)",
        ]
    );
    assert_eq!(
        titles(Kind::Overview),
        [CAREER_PATHS_TITLE, HOW_TO_TITLE, "Quick Answer", "Why AI/ML Engineering"]
    );
    let day = one_titled(Kind::Day, "Day in the Life");
    let times: Vec<&str> = day.lines.iter().filter_map(|l| l.label.as_deref()).collect();
    assert_eq!(times, ["9:00 AM", "10:00 AM", "11:00 AM - 1:00 PM", "2:00 PM", "3:00 PM", "4:30 PM"]);
}

#[test]
fn passage_ids_are_unique_and_stable() {
    let mut seen = HashSet::new();
    for passage in &corpus().passages {
        assert!(seen.insert(passage.id.as_str()), "duplicate id {}", passage.id);
    }
    let expected = [
        ("ai-career-paths-2026", Kind::Overview),
        ("ai-career-paths-2026/mlops-engineer", Kind::Role),
        ("ai-career-paths-2026/nlp-engineer-llm-engineer", Kind::Role),
        ("ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai", Kind::Faq),
        ("how-to-become-an-ai-ml-engineer/salary-range/senior-ml-engineer", Kind::Salary),
        ("how-to-become-an-ai-ml-engineer/salary-range/ai-research-scientist", Kind::Salary),
        ("how-to-become-an-ai-ml-engineer/education-requirements/ml-bootcamps", Kind::Education),
        ("how-to-become-an-ai-ml-engineer/essential-skills/mlops", Kind::Skills),
        (
            "how-to-become-an-ai-ml-engineer/career-progression/4-senior-ml-engineer-5-years",
            Kind::Progression,
        ),
        ("how-to-become-an-ai-ml-engineer/day-in-the-life", Kind::Day),
    ];
    for (id, kind) in expected {
        let passage = corpus().passage(id).unwrap_or_else(|| panic!("no passage {id}"));
        assert_eq!(passage.kind, kind, "{id}");
    }
    // Loading again gives the same ids in the same order, and the same fingerprint.
    let again = load_corpus(&support::corpus_dir()).expect("the real corpus loads");
    let ids = |c: &Corpus| c.passages.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&again), ids(corpus()));
    assert_eq!(again.fingerprint, corpus().fingerprint);
}

#[test]
fn citations_read_document_then_sections() {
    let cite = |id: &str| corpus().passage(id).unwrap_or_else(|| panic!("no passage {id}")).citation();
    assert_eq!(
        cite("ai-career-paths-2026/frequently-asked-questions/do-i-need-a-phd-to-work-in-ai"),
        "AI Career Paths in 2026 › Frequently Asked Questions › Do I need a PhD to work in AI?"
    );
    assert_eq!(cite("ai-career-paths-2026/mlops-engineer"), "AI Career Paths in 2026 › MLOps Engineer");
    assert_eq!(
        cite("how-to-become-an-ai-ml-engineer/salary-range/senior-ml-engineer"),
        format!("{HOW_TO_TITLE} › Salary Range")
    );
    assert_eq!(cite("ai-career-paths-2026"), CAREER_PATHS_TITLE);
    for passage in &corpus().passages {
        let expected = std::iter::once(passage.source.as_str())
            .chain(passage.section.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" › ");
        assert_eq!(passage.citation(), expected, "{}", passage.id);
    }
}

/// The seed pages the corpus was written from, mojibake repaired: (file name, text).
fn seeds() -> Vec<(String, String)> {
    let dir = support::root().join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the seed pages are missing: expected them in {} ({e}); CI checks them out beside the clone",
            dir.display()
        )
    });
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seed pages (*.txt) in {}", dir.display());
    paths
        .iter()
        .map(|path| {
            let mut text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            for (broken, fixed) in MOJIBAKE {
                text = text.replace(broken, fixed);
            }
            (path.file_name().unwrap_or_default().to_string_lossy().into_owned(), text)
        })
        .collect()
}

/// A squashed table row of a seed page: a cell ending in a digit or "+" runs into a "$" amount.
fn is_table_row(line: &str) -> bool {
    line.match_indices('$')
        .any(|(at, _)| line[..at].chars().next_back().is_some_and(|c| c.is_ascii_digit() || c == '+'))
}

/// The indices of a seed's table lines: its squashed rows and the header row just above them.
fn table_lines(lines: &[&str]) -> Vec<usize> {
    let rows: Vec<usize> = (0..lines.len()).filter(|&i| is_table_row(lines[i])).collect();
    match rows.first() {
        Some(&first) if first > 0 => std::iter::once(first - 1).chain(rows).collect(),
        _ => rows,
    }
}

/// Every heading in the corpus: document titles, section headings, passage titles.
fn headings(corpus: &Corpus) -> HashSet<String> {
    corpus
        .passages
        .iter()
        .flat_map(|p| [&p.source, &p.title].into_iter().chain(&p.section))
        .map(|h| squash(h))
        .collect()
}

/// The sentences of `paragraph` not found in `text`.
fn missing_sentences(paragraph: &str, text: &str) -> Vec<String> {
    paragraph
        .split(". ")
        .map(squash)
        .filter(|sentence| !sentence.is_empty() && !text.contains(sentence.as_str()))
        .collect()
}

#[test]
fn corpus_holds_every_sentence_of_the_seed_pages() {
    let corpus = corpus();
    let text = squash(
        &corpus
            .passages
            .iter()
            .map(|p| format!("{}\n{}\n{}", p.citation(), p.title, p.text()))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let headings = headings(corpus);
    let mut missing = Vec::new();
    for (name, seed) in seeds() {
        assert!(!seed.contains("β€") && !seed.contains("β†"), "{name}: mojibake left after the repair");
        let mut checked = 0;
        let lines: Vec<&str> = seed.lines().map(str::trim).collect();
        // The table is checked cell by cell in its own test.
        let table = table_lines(&lines);
        for (i, line) in lines.iter().enumerate() {
            let paragraph = line.trim_start_matches('•').trim();
            if paragraph.is_empty() || PAGE_CHROME.contains(&paragraph) || table.contains(&i) {
                continue;
            }
            checked += 1;
            // "Label: text" in the page may be a heading over its text in the guide.
            let lost = match paragraph.split_once(": ") {
                Some((label, rest)) if headings.contains(&squash(label)) => {
                    let under_heading = missing_sentences(rest, &text);
                    if under_heading.is_empty() { under_heading } else { missing_sentences(paragraph, &text) }
                }
                _ => missing_sentences(paragraph, &text),
            };
            missing.extend(lost.into_iter().map(|sentence| format!("{name}: {sentence}")));
        }
        assert!(checked >= 10, "{name}: only {checked} paragraphs checked; is it the right file?");
    }
    assert!(missing.is_empty(), "sentences of the seeds missing from the corpus:\n{}", missing.join("\n"));
}

#[test]
fn every_salary_row_of_the_seed_pages_is_a_salary_passage_cell_by_cell() {
    let salaries: Vec<&Passage> = corpus().of_kind(Kind::Salary).collect();
    let mut matched = Vec::new();
    for (name, seed) in seeds() {
        let lines: Vec<&str> = seed.lines().map(str::trim).collect();
        let table = table_lines(&lines);
        let Some((&header, rows)) = table.split_first() else { continue };
        // The header row runs its cells together too: "Level", then the labels of the fields.
        let labels: String = salaries[0].lines.iter().filter_map(|l| l.label.as_deref()).collect();
        assert_eq!(lines[header], format!("Level{labels}"), "{name}: the table's header row");
        for &i in rows {
            let row = salaries.iter().find(|p| {
                lines[i]
                    .strip_prefix(p.title.as_str())
                    .is_some_and(|cells| cells == p.lines.iter().map(|l| l.text.as_str()).collect::<String>())
            });
            let row = row.unwrap_or_else(|| panic!("{name}: table row {:?} is no salary passage", lines[i]));
            matched.push(row.id.clone());
        }
    }
    let all: Vec<String> = salaries.iter().map(|p| p.id.clone()).collect();
    assert_eq!(matched, all, "each salary passage is one row of the seed's table, in order");
}

#[test]
fn corpus_files_hold_no_mojibake() {
    let entries = std::fs::read_dir(support::corpus_dir()).expect("the corpus folder");
    let mut checked = 0;
    for path in entries.flatten().map(|e| e.path()).filter(|p| p.is_file()) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for bad in ["β€", "β†", "Ã"] {
            assert!(!text.contains(bad), "{} holds mojibake {bad:?}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 3, "the Markdown files and the vocabulary are checked");
}

fn load_error(dir: &Path) -> CorpusError {
    match load_corpus(dir) {
        Ok(corpus) => {
            panic!("{} loaded {} passages; expected an error", dir.display(), corpus.passages.len())
        }
        Err(error) => error,
    }
}

fn assert_names(error: &CorpusError, path: &Path) {
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message:?} names {}", path.display());
}

#[test]
fn an_empty_corpus_folder_is_an_error_naming_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let error = load_error(dir.path());
    assert!(matches!(error, CorpusError::Empty { .. }), "{error:?}");
    assert_names(&error, dir.path());
}

#[test]
fn a_missing_corpus_folder_is_an_error_naming_the_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-corpus");
    let error = load_error(&missing);
    assert!(matches!(error, CorpusError::Unreadable { .. }), "{error:?}");
    assert_names(&error, &missing);
}

#[test]
fn an_empty_markdown_file_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("guide.md");
    std::fs::write(&file, "").expect("write");
    let error = load_error(dir.path());
    assert!(matches!(error, CorpusError::EmptyFile { .. }), "{error:?}");
    assert_names(&error, &file);
}

#[test]
fn a_markdown_file_without_headings_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("guide.md");
    std::fs::write(&file, "Some prose.\n\n- **Education:** MS in CS.\n").expect("write");
    let error = load_error(dir.path());
    assert!(matches!(error, CorpusError::NoPassages { .. }), "{error:?}");
    assert_names(&error, &file);
}

#[test]
fn a_markdown_file_that_is_not_utf8_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.md"), "# Fine\n\nGood text.\n").expect("write");
    let file = dir.path().join("b.md");
    std::fs::write(&file, b"# Title\n\nCaf\xe9 au lait \xff\n").expect("write");
    let error = load_error(dir.path());
    assert!(matches!(error, CorpusError::NotUtf8 { offset: 12, .. }), "{error:?}");
    assert_names(&error, &file);
}

#[test]
fn everyday_words_are_single_words() {
    // Everyday words are read word by word: a phrase ("these days") would make each of its words
    // everyday ("day", which names the Day in the Life). Phrases belong to tables that read
    // phrases (aspects, off topic, synonyms).
    let phrases: Vec<&String> = corpus()
        .vocabulary
        .common_words
        .words
        .iter()
        .filter(|w| careerbot::text::words(w).len() != 1)
        .collect();
    assert!(phrases.is_empty(), "phrases among the everyday words: {phrases:?}");
}
