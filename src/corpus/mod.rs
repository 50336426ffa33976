//! The guide as passages: Markdown files and a vocabulary in, typed passages out. Pure: no I/O
//! beyond reading the corpus folder in [`load_corpus`], no search, no Telegram.

mod guide;
mod markdown;
pub mod money;
mod vocabulary;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use guide::parse_guide;
pub use markdown::{Block, parse_blocks};
pub use vocabulary::{AspectWords, QuestionWords, Vocabulary};

/// The file in the corpus folder that holds the vocabulary.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

/// What a passage is, which decides how it is answered and cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Introductions and summaries.
    Overview,
    /// A career track with its fields (education, skills, progression, salary, employers).
    Role,
    /// A frequently asked question and its answer.
    Faq,
    /// One row of a salary table.
    Salary,
    /// An education path.
    Education,
    /// A skill group.
    Skills,
    /// A step of the career ladder.
    Progression,
    /// The day in the life.
    Day,
}

impl Kind {
    /// The lower-case name used in JSON output and logs.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Overview => "overview",
            Kind::Role => "role",
            Kind::Faq => "faq",
            Kind::Salary => "salary",
            Kind::Education => "education",
            Kind::Skills => "skills",
            Kind::Progression => "progression",
            Kind::Day => "day",
        }
    }
}

/// A part of a role section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Aspect {
    /// Salary range.
    Salary,
    /// Key skills.
    Skills,
    /// Education.
    Education,
    /// Career progression.
    Progression,
    /// Top employers.
    Employers,
}

impl Aspect {
    /// Every aspect, in the order a role section lists them.
    pub const ALL: [Aspect; 5] =
        [Aspect::Education, Aspect::Skills, Aspect::Progression, Aspect::Salary, Aspect::Employers];

    /// The lower-case name, as used in commands (`/role mlops skills`).
    pub fn name(self) -> &'static str {
        match self {
            Aspect::Salary => "salary",
            Aspect::Skills => "skills",
            Aspect::Education => "education",
            Aspect::Progression => "career",
            Aspect::Employers => "employers",
        }
    }
}

/// One line of a passage's body: prose, or a labelled field such as "Education: MS in CS".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The field's label as the guide writes it, for labelled lines.
    pub label: Option<String>,
    /// The text, as the guide wrote it.
    pub text: String,
    /// For a role's fields: which part of the role this line is.
    pub aspect: Option<Aspect>,
}

/// The smallest unit the bot answers with: a role, a FAQ answer, a table row, a skill group …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Stable id: document slug, then section slugs (`ai-career-paths-2026/mlops-engineer`).
    pub id: String,
    /// What the passage is.
    pub kind: Kind,
    /// Its heading, question or row name.
    pub title: String,
    /// The headings above it within its document, outermost first, its own section last.
    pub section: Vec<String>,
    /// The title of the document it comes from.
    pub source: String,
    /// Its body, line by line.
    pub lines: Vec<Line>,
    /// Other names for it from the vocabulary (role and level aliases), indexed for search.
    pub aliases: Vec<String>,
}

impl Passage {
    /// The body as plain text, one line per paragraph or field.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            if !out.is_empty() {
                out.push('\n');
            }
            if let Some(label) = &line.label {
                out.push_str(label);
                out.push_str(": ");
            }
            out.push_str(&line.text);
        }
        out
    }

    /// The role field for `aspect`, if this passage has one.
    pub fn field(&self, aspect: Aspect) -> Option<&Line> {
        self.lines.iter().find(|line| line.aspect == Some(aspect))
    }

    /// Where it comes from, as readers see it: "Document › Section".
    pub fn citation(&self) -> String {
        let mut out = self.source.clone();
        for heading in &self.section {
            out.push_str(" › ");
            out.push_str(heading);
        }
        out
    }
}

/// The whole guide: every document's passages and the vocabulary.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Every passage, documents in file-name order, passages in document order.
    pub passages: Vec<Passage>,
    /// The vocabulary file's contents.
    pub vocabulary: Vocabulary,
    /// A hash of every input file's name and bytes: changes whenever the corpus does.
    pub fingerprint: u64,
}

impl Corpus {
    /// Parses already-read files: `(file name, text)` pairs of Markdown, plus the vocabulary text.
    pub fn from_texts(files: &[(String, String)], vocabulary: &str) -> Result<Self, CorpusError> {
        let vocab = Vocabulary::parse(vocabulary).map_err(|e| CorpusError::Vocabulary {
            path: PathBuf::from(VOCABULARY_FILE),
            message: e.message().to_string(),
        })?;
        let mut hash = Fnv64::new();
        hash.write(vocabulary.as_bytes());
        let mut passages = Vec::new();
        for (name, text) in files {
            hash.write(name.as_bytes());
            hash.write(&[0]);
            hash.write(text.as_bytes());
            hash.write(&[0]);
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem);
            let found = parse_guide(stem, text, &vocab);
            if found.is_empty() {
                return Err(CorpusError::NoPassages { path: PathBuf::from(name) });
            }
            passages.extend(found);
        }
        if passages.is_empty() {
            return Err(CorpusError::Empty { path: PathBuf::from(".") });
        }
        Ok(Corpus { passages, vocabulary: vocab, fingerprint: hash.finish() })
    }

    /// The passage with this id.
    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passages.iter().find(|p| p.id == id)
    }

    /// Every passage of one kind, in corpus order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Passage> {
        self.passages.iter().filter(move |p| p.kind == kind)
    }
}

/// Reads every `*.md` file in `dir` (sorted by name) and the vocabulary beside them.
pub fn load_corpus(dir: &Path) -> Result<Corpus, CorpusError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| CorpusError::Unreadable { path: dir.to_path_buf(), message: e.to_string() })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md") && path.is_file())
        .filter(|path| !path.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(CorpusError::Empty { path: dir.to_path_buf() });
    }
    let mut files = Vec::with_capacity(paths.len());
    for path in &paths {
        let text = read_utf8(path)?;
        if text.trim().is_empty() {
            return Err(CorpusError::EmptyFile { path: path.clone() });
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        files.push((name, text));
    }
    let vocab_path = dir.join(VOCABULARY_FILE);
    let vocabulary = if vocab_path.exists() { read_utf8(&vocab_path)? } else { String::new() };
    Corpus::from_texts(&files, &vocabulary).map_err(|e| e.under(dir))
}

fn read_utf8(path: &Path) -> Result<String, CorpusError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CorpusError::Unreadable { path: path.to_path_buf(), message: e.to_string() })?;
    String::from_utf8(bytes)
        .map_err(|e| CorpusError::NotUtf8 { path: path.to_path_buf(), offset: e.utf8_error().valid_up_to() })
}

/// Why a corpus could not be loaded. Each names the file or folder at fault.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The folder or a file in it could not be read.
    #[error("cannot read the corpus at {path}: {message}")]
    Unreadable { path: PathBuf, message: String },
    /// The folder has no Markdown files.
    #[error("the corpus folder {path} has no Markdown (.md) files")]
    Empty { path: PathBuf },
    /// A Markdown file is empty.
    #[error("the corpus file {path} is empty")]
    EmptyFile { path: PathBuf },
    /// A Markdown file has no headings, so no passages.
    #[error(
        "the corpus file {path} has no headings, so it yields no passages (each section needs a '#' heading)"
    )]
    NoPassages { path: PathBuf },
    /// A file is not UTF-8.
    #[error("the corpus file {path} is not valid UTF-8 (first bad byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    /// The vocabulary file is not valid TOML of the expected shape.
    #[error("the vocabulary file {path} is invalid: {message}")]
    Vocabulary { path: PathBuf, message: String },
}

impl CorpusError {
    /// Puts a file name that was relative to the corpus folder under `dir`.
    fn under(self, dir: &Path) -> Self {
        match self {
            CorpusError::NoPassages { path } => CorpusError::NoPassages { path: dir.join(path) },
            CorpusError::Vocabulary { path, message } => {
                CorpusError::Vocabulary { path: dir.join(path), message }
            }
            CorpusError::Empty { .. } => CorpusError::Empty { path: dir.to_path_buf() },
            other => other,
        }
    }
}

/// FNV-1a, 64 bit: a hash that is stable across builds and platforms, unlike `DefaultHasher`.
pub(crate) struct Fnv64(u64);

impl Fnv64 {
    pub(crate) fn new() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}
