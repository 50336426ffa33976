//! The tantivy index of the corpus: built into a fresh folder, swapped in atomically, reopened
//! while its fingerprint matches the corpus, rebuilt when missing, stale or unreadable.

mod postings;
mod schema;
mod stats;
mod stemmer;

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use tantivy::collector::Collector;
use tantivy::query::{BoostQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, ReloadPolicy, Searcher, TantivyDocument};

pub use schema::{ANALYZER, ANALYZER_VERSION, Fields, analyzer, schema};

use crate::corpus::{Corpus, Fnv64};
use postings::TermIndex;
pub use postings::{TermFields, TermPostings};
use stats::Bm25Stats;

/// Memory for the (single) indexing thread: tantivy's minimum; the corpus is small.
const WRITER_MEMORY: usize = 15_000_000;
const GENERATION_PREFIX: &str = "gen-";
const BUILD_PREFIX: &str = ".build-";
const TRASH_PREFIX: &str = ".trash-";

/// An open index over one corpus. A generation never changes once built (a new corpus gets a
/// new generation and a new `GuideIndex`), so one searcher, and the postings and passage ords
/// read at open, serve the program's life.
pub struct GuideIndex {
    searcher: Searcher,
    /// The searcher's BM25 statistics of the text fields.
    stats: Bm25Stats,
    /// The postings of every term of the text fields, with their BM25 factors.
    terms: TermIndex,
    /// The passage ord of each document, numbered across segments as [`TermIndex`] numbers them.
    passages: Vec<Option<usize>>,
    fields: Fields,
    analyzer: TextAnalyzer,
}

/// Why an index was (re)built at open, or that it was reused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenReport {
    /// A valid index for this corpus was found and opened.
    Reused,
    /// There was no index: built.
    Missing,
    /// An index for another corpus or analyzer version was there: rebuilt.
    Stale,
    /// The index for this corpus could not be read: rebuilt. Holds the reason.
    Unreadable(String),
}

/// Errors building or opening the index. Not caused by users: they mean a disk or tantivy fault.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// File-system trouble in the index folder.
    #[error("index folder {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// tantivy failed.
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl GuideIndex {
    /// Opens the index for `corpus` under `root`, building it first if needed.
    pub fn open_or_build(root: &Path, corpus: &Corpus) -> Result<(Self, OpenReport), IndexError> {
        clean_leftovers(root);
        let fingerprint = fingerprint(corpus, ANALYZER_VERSION);
        let live = root.join(generation_name(fingerprint));
        let report = if live.exists() {
            match Self::open(&live, fingerprint, corpus.passages.len()) {
                Ok(index) => return Ok((index, OpenReport::Reused)),
                Err(reason) => {
                    tracing::warn!(path = %live.display(), %reason, "index unreadable; rebuilding");
                    discard(root, &live);
                    OpenReport::Unreadable(reason)
                }
            }
        } else if has_generations(root) {
            tracing::info!(path = %root.display(), "index stale (corpus or analyzer changed); rebuilding");
            OpenReport::Stale
        } else {
            tracing::info!(path = %root.display(), "index missing; building");
            OpenReport::Missing
        };
        let index = Self::build(root, corpus)?;
        Ok((index, report))
    }

    /// Builds the index for `corpus` into a private folder under `root` and swaps it in.
    pub fn build(root: &Path, corpus: &Corpus) -> Result<Self, IndexError> {
        build_generation(root, corpus, ANALYZER_VERSION)?;
        let fingerprint = fingerprint(corpus, ANALYZER_VERSION);
        let live = root.join(generation_name(fingerprint));
        Self::open(&live, fingerprint, corpus.passages.len())
            .map_err(|reason| IndexError::Io { path: live.clone(), source: std::io::Error::other(reason) })
    }

    /// Opens and checks one generation folder; any failure is a reason to rebuild.
    fn open(dir: &Path, fingerprint: u64, passages: usize) -> Result<Self, String> {
        let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
        let bad = index.validate_checksum().map_err(|e| e.to_string())?;
        if !bad.is_empty() {
            return Err(format!("{} file(s) fail their checksum", bad.len()));
        }
        let payload = index.load_metas().map_err(|e| e.to_string())?.payload;
        if payload.as_deref() != Some(payload_for(fingerprint).as_str()) {
            return Err("its fingerprint does not match the corpus".to_string());
        }
        index.tokenizers().register(ANALYZER, analyzer());
        let (schema, fields) = schema();
        if index.schema() != schema {
            return Err("its schema differs from this version's".to_string());
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| e.to_string())?;
        let searcher = reader.searcher();
        if searcher.num_docs() != passages as u64 {
            return Err(format!("it holds {} passages, the corpus {passages}", searcher.num_docs()));
        }
        let ords = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64("ord"))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        let text_fields = [fields.title, fields.aliases, fields.body];
        let stats = Bm25Stats::read(&searcher, &text_fields).map_err(|e| e.to_string())?;
        let terms = TermIndex::read(&searcher, &stats, &text_fields).map_err(|e| e.to_string())?;
        let passages = searcher
            .segment_readers()
            .iter()
            .zip(&ords)
            .flat_map(|(segment, column)| {
                (0..segment.max_doc()).map(|doc| column.first(doc).map(|ord| ord as usize))
            })
            .collect();
        Ok(GuideIndex { searcher, stats, terms, passages, fields, analyzer: analyzer() })
    }

    /// The searcher over the index.
    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// Runs `query`, scored with the statistics read at open (the searcher's own figures). The
    /// answer path scores from [`GuideIndex::postings_of`]; the tests compare it with this.
    pub fn search<C: Collector>(&self, query: &dyn Query, collector: &C) -> tantivy::Result<C::Fruit> {
        self.searcher.search_with_statistics_provider(query, collector, &self.stats)
    }

    /// The postings of `token` in `field` (a text field) with their BM25 factors, read at open;
    /// `None` when no document holds the term in that field.
    pub fn postings(&self, field: tantivy::schema::Field, token: &str) -> Option<&TermPostings> {
        self.terms.get(field, token)
    }

    /// The postings of `token` in each text field, read at open: one look-up for all of them;
    /// `None` when no text field holds the token.
    pub fn postings_of(&self, token: &str) -> Option<TermFields<'_>> {
        self.terms.of(token)
    }

    /// The number of documents: every document number of [`TermPostings`] is below it.
    pub fn docs(&self) -> usize {
        self.terms.docs()
    }

    /// The position in the corpus of document `doc`, numbered as [`TermPostings`] numbers it.
    pub fn passage(&self, doc: u32) -> Option<usize> {
        self.passages.get(doc as usize).copied().flatten()
    }

    /// The schema's fields.
    pub fn fields(&self) -> Fields {
        self.fields
    }

    /// The analyzer's terms for `text`, as they are indexed.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.analyzer.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    /// A query for an analyzed token in `field`, its score multiplied by `boost`:
    /// `BoostQuery(TermQuery)`.
    pub fn term_query(&self, field: tantivy::schema::Field, token: &str, boost: f32) -> Box<dyn Query> {
        let query = TermQuery::new(self.term(field, token), IndexRecordOption::WithFreqs);
        Box::new(BoostQuery::new(Box::new(query), boost))
    }

    /// A term of `field` for an analyzed token.
    pub fn term(&self, field: tantivy::schema::Field, token: &str) -> Term {
        Term::from_field_text(field, token)
    }
}

/// What an index for `corpus` is keyed by: the corpus's content and the analyzer's version.
fn fingerprint(corpus: &Corpus, analyzer_version: u32) -> u64 {
    let mut hash = Fnv64::new();
    hash.write(&corpus.fingerprint.to_le_bytes());
    hash.write(&analyzer_version.to_le_bytes());
    hash.finish()
}

fn generation_name(fingerprint: u64) -> String {
    format!("{GENERATION_PREFIX}{fingerprint:016x}")
}

fn payload_for(fingerprint: u64) -> String {
    format!("careerbot index {fingerprint:016x}")
}

fn has_generations(root: &Path) -> bool {
    std::fs::read_dir(root).is_ok_and(|entries| {
        entries.flatten().any(|e| e.file_name().to_string_lossy().starts_with(GENERATION_PREFIX))
    })
}

/// Builds a generation in a private folder and renames it into place. When another process got
/// there first, its (identical) generation stays and ours is dropped.
fn build_generation(root: &Path, corpus: &Corpus, analyzer_version: u32) -> Result<(), IndexError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| IndexError::Io { path, source }
    };
    let started = Instant::now();
    std::fs::create_dir_all(root).map_err(io(root))?;
    clean_leftovers(root);
    let fingerprint = fingerprint(corpus, analyzer_version);
    let build = root.join(format!("{BUILD_PREFIX}{}-{}", std::process::id(), nanos()));
    std::fs::create_dir(&build).map_err(io(&build))?;
    let result = write_index(&build, corpus, fingerprint);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&build);
        return Err(e);
    }
    let live = root.join(generation_name(fingerprint));
    if let Err(e) = std::fs::rename(&build, &live) {
        let _ = std::fs::remove_dir_all(&build);
        if !live.exists() {
            return Err(IndexError::Io { path: live, source: e });
        }
        tracing::debug!("another process built the same index first; using it");
    }
    remove_other_generations(root, &live);
    tracing::info!(
        passages = corpus.passages.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        path = %live.display(),
        "index built"
    );
    Ok(())
}

fn write_index(dir: &Path, corpus: &Corpus, fingerprint: u64) -> Result<(), IndexError> {
    let (schema, fields) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    index.tokenizers().register(ANALYZER, analyzer());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
    for (ord, passage) in corpus.passages.iter().enumerate() {
        let mut doc = TantivyDocument::default();
        doc.add_u64(fields.ord, ord as u64);
        // The headings above a passage are part of what it is about ("Essential Skills").
        doc.add_text(fields.title, &passage.title);
        for heading in passage.section.iter().filter(|h| **h != passage.title) {
            doc.add_text(fields.title, heading);
        }
        for alias in &passage.aliases {
            doc.add_text(fields.aliases, alias);
        }
        doc.add_text(fields.body, passage.text());
        writer.add_document(doc)?;
    }
    let mut commit = writer.prepare_commit()?;
    commit.set_payload(&payload_for(fingerprint));
    commit.commit()?;
    writer.wait_merging_threads()?;
    Ok(())
}

/// Moves a bad generation out of the way (rename is atomic), then deletes it.
fn discard(root: &Path, dir: &Path) {
    let trash = root.join(format!("{TRASH_PREFIX}{}-{}", std::process::id(), nanos()));
    if std::fs::rename(dir, &trash).is_ok() {
        let _ = std::fs::remove_dir_all(&trash);
    }
}

fn remove_other_generations(root: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(GENERATION_PREFIX) && path != keep {
            discard(root, &path);
        }
    }
}

/// Removes build and trash folders left by processes that died (a SIGKILL mid-build).
fn clean_leftovers(root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(BUILD_PREFIX).or_else(|| name.strip_prefix(TRASH_PREFIX)) else {
            continue;
        };
        let owner = rest.split('-').next().and_then(|pid| pid.parse::<u32>().ok());
        if owner.is_some_and(|pid| pid != std::process::id() && !process_alive(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    // Without /proc we cannot tell; keep the folder rather than pull it from under a live build.
    !proc.exists() || proc.join(pid.to_string()).exists()
}

fn nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        let files =
            [("guide.md".to_string(), "# Guide\n\n## Data Scientist\n\nFinds insights.\n".to_string())];
        Corpus::from_texts(&files, "").unwrap()
    }

    #[test]
    fn an_index_of_another_analyzer_version_is_stale_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        build_generation(dir.path(), &corpus(), ANALYZER_VERSION + 1).unwrap();
        let (_, report) = GuideIndex::open_or_build(dir.path(), &corpus()).unwrap();
        assert_eq!(report, OpenReport::Stale);
        let generations: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(generations.len(), 1, "the old generation is removed");
        let (_, report) = GuideIndex::open_or_build(dir.path(), &corpus()).unwrap();
        assert_eq!(report, OpenReport::Reused);
    }

    #[test]
    fn leftovers_of_dead_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // pid 0 never names a live user process.
        let dead = dir.path().join(format!("{BUILD_PREFIX}0-1"));
        std::fs::create_dir(&dead).unwrap();
        GuideIndex::open_or_build(dir.path(), &corpus()).unwrap();
        assert!(!dead.exists());
    }
}
