//! Every term of the text fields with its postings, read once at open: for each passage that
//! holds the term, the factor tantivy's BM25 gives that passage's term frequency and field
//! length. A question's clauses are then scored from memory, each clause's score the one
//! tantivy's `TermScorer` gives bit for bit, with no scorer, collector or dictionary look-up per
//! request.

use rustc_hash::FxHashMap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings as _;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocSet, Score, Searcher, TERMINATED};

use super::stats::Bm25Stats;

/// tantivy's BM25 constants (`tantivy::query::bm25`).
const K1: Score = 1.2;
const B: Score = 0.75;

/// One term of one field: its BM25 weight and the passages that hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct TermPostings {
    /// idf × (1 + k1): tantivy's `Bm25Weight` weight before any boost.
    weight: Score,
    /// Each holding document (numbered across segments, in [`DocAddress`] order) with its
    /// term-frequency factor tf / (tf + k1 (1 − b + b · length / average length)).
    ///
    /// [`DocAddress`]: tantivy::DocAddress
    postings: Box<[(u32, Score)]>,
}

impl TermPostings {
    /// A term of BM25 weight `weight` (idf × (1 + k1)) held by each document of `postings` with
    /// its term-frequency factor, in ascending document order.
    pub fn new(weight: Score, postings: Vec<(u32, Score)>) -> Self {
        TermPostings { weight, postings: postings.into_boxed_slice() }
    }

    /// Calls `add(doc, score)` for each document that holds the term, `score` the term's BM25
    /// score there multiplied by `boost`, as tantivy computes it for `BoostQuery(TermQuery)`:
    /// the boost goes into the weight first (`Bm25Weight::boost_by`), then the weight times the
    /// term-frequency factor (`Bm25Weight::score`).
    #[inline]
    pub fn for_each(&self, boost: Score, mut add: impl FnMut(u32, Score)) {
        let weight = self.weight * boost;
        for &(doc, factor) in self.postings.iter() {
            add(doc, weight * factor);
        }
    }

    /// How many documents hold the term.
    pub fn len(&self) -> usize {
        self.postings.len()
    }

    /// Whether no document holds the term (never, for a term read from a dictionary).
    pub fn is_empty(&self) -> bool {
        self.postings.is_empty()
    }
}

/// The postings of every term of some fields, a term's in all of them found in one look-up.
pub struct TermIndex {
    fields: Vec<Field>,
    /// Each token's postings in each field, by the field's position in `fields`; `None` where
    /// the field does not hold the token.
    terms: FxHashMap<Box<str>, Box<[Option<TermPostings>]>>,
    /// The number of documents, across segments (deleted ones included: their numbers stay).
    docs: usize,
}

impl TermIndex {
    /// Reads the postings of every term of `fields` in every segment of `searcher`, weighted with
    /// the statistics of `stats` (those a search is scored with).
    pub fn read(searcher: &Searcher, stats: &Bm25Stats, fields: &[Field]) -> tantivy::Result<Self> {
        let total_docs = stats.total_num_docs()?;
        let mut all: FxHashMap<Box<str>, Box<[Option<TermPostings>]>> = FxHashMap::default();
        for (at, &field) in fields.iter().enumerate() {
            let average = stats.total_num_tokens(field)? as Score / total_docs as Score;
            let cache = tf_cache(average);
            let mut terms: FxHashMap<Box<str>, Reading> = FxHashMap::default();
            let mut base = 0u32;
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let fieldnorms = match segment.fieldnorms_readers().get_field(field)? {
                    Some(reader) => reader,
                    None => FieldNormReader::constant(segment.max_doc(), 1),
                };
                let alive = segment.alive_bitset();
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    // The fields hold analyzed text: every term is UTF-8.
                    let Ok(token) = std::str::from_utf8(stream.key()) else { continue };
                    if !terms.contains_key(token) {
                        let doc_freq = stats.doc_freq(&Term::from_field_text(field, token))?;
                        terms.insert(Box::from(token), (idf(doc_freq, total_docs) * (1.0 + K1), Vec::new()));
                    }
                    let Some(entry) = terms.get_mut(token) else { continue };
                    let mut postings =
                        inverted.read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        if alive.is_none_or(|alive| alive.is_alive(doc)) {
                            let term_freq = postings.term_freq() as Score;
                            let norm = cache[usize::from(fieldnorms.fieldnorm_id(doc))];
                            entry.1.push((base + doc, term_freq / (term_freq + norm)));
                        }
                        doc = postings.advance();
                    }
                }
                base += segment.max_doc();
            }
            for (token, (weight, postings)) in terms {
                if postings.is_empty() {
                    continue;
                }
                let slots = all.entry(token).or_insert_with(|| vec![None; fields.len()].into_boxed_slice());
                slots[at] = Some(TermPostings::new(weight, postings));
            }
        }
        let docs = searcher.segment_readers().iter().map(|s| s.max_doc() as usize).sum();
        Ok(TermIndex { fields: fields.to_vec(), terms: all, docs })
    }

    /// `token` in `field`; `None` when no document holds it there.
    pub fn get(&self, field: Field, token: &str) -> Option<&TermPostings> {
        self.of(token)?.get(field)
    }

    /// `token` in each field; `None` when no field holds it.
    pub fn of(&self, token: &str) -> Option<TermFields<'_>> {
        let postings = self.terms.get(token)?;
        Some(TermFields { fields: &self.fields, postings })
    }

    /// The number of documents, across segments: every document number is below it.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Every (field, token) read, for tests.
    #[cfg(test)]
    pub fn terms(&self) -> impl Iterator<Item = (Field, &str)> {
        self.terms.iter().flat_map(|(token, postings)| {
            self.fields.iter().zip(postings).filter(|(_, p)| p.is_some()).map(|(field, _)| (*field, &**token))
        })
    }
}

/// One token's postings in each field of a [`TermIndex`].
#[derive(Clone, Copy)]
pub struct TermFields<'a> {
    fields: &'a [Field],
    postings: &'a [Option<TermPostings>],
}

impl<'a> TermFields<'a> {
    /// The token in `field`; `None` when no document holds it there.
    pub fn get(&self, field: Field) -> Option<&'a TermPostings> {
        let at = self.fields.iter().position(|f| *f == field)?;
        self.postings.get(at)?.as_ref()
    }
}

/// A term's weight and postings while they are read.
type Reading = (Score, Vec<(u32, Score)>);

/// tantivy's inverse document frequency (`bm25::idf`).
fn idf(doc_freq: u64, doc_count: u64) -> Score {
    let x = (doc_count.saturating_sub(doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// k1 (1 − b + b · length / average length) for every field-length code, as tantivy's
/// `Bm25Weight` caches it.
fn tf_cache(average: Score) -> [Score; 256] {
    let mut cache = [0.0; 256];
    for (id, norm) in cache.iter_mut().enumerate() {
        let length = FieldNormReader::id_to_fieldnorm(id as u8);
        *norm = K1 * (1.0 - B + B * length as Score / average);
    }
    cache
}

#[cfg(test)]
mod tests {
    use tantivy::query::Bm25Weight;

    use super::*;
    use crate::index::GuideIndex;

    /// Every posting of every term of the real guide scores as tantivy's `Bm25Weight` does,
    /// boosted or not: same f32 bits.
    #[test]
    fn every_posting_scores_as_tantivys_bm25_weight() {
        let dir = tempfile::tempdir().unwrap();
        let corpus =
            crate::corpus::load_corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
                .unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let searcher = index.searcher();
        let segment = &searcher.segment_readers()[0];
        assert_eq!(searcher.segment_readers().len(), 1, "the guide is one segment");
        let mut checked = 0;
        for (field, token) in index.terms.terms() {
            let term = Term::from_field_text(field, token);
            let bm25 = Bm25Weight::for_terms(&index.stats, std::slice::from_ref(&term)).unwrap();
            let fieldnorms = segment.fieldnorms_readers().get_field(field).unwrap().unwrap();
            let mut postings = segment
                .inverted_index(field)
                .unwrap()
                .read_postings(&term, IndexRecordOption::WithFreqs)
                .unwrap()
                .unwrap();
            let mut expected = Vec::new();
            while postings.doc() != TERMINATED {
                expected.push((
                    postings.doc(),
                    fieldnorms.fieldnorm_id(postings.doc()),
                    postings.term_freq(),
                ));
                postings.advance();
            }
            let ours = index.terms.get(field, token).unwrap();
            assert_eq!(ours.len(), expected.len(), "{token}");
            for boost in [1.0, 2.0, 0.5, 0.24, 0.3 * 0.8, 1.6, 0.12] {
                let mut got = Vec::new();
                ours.for_each(boost, |doc, score| got.push((doc, score.to_bits())));
                let want: Vec<(u32, u32)> = expected
                    .iter()
                    .map(|&(doc, id, tf)| (doc, bm25.boost_by(boost).score(id, tf).to_bits()))
                    .collect();
                assert_eq!(got, want, "{token} boosted by {boost}");
                checked += got.len();
            }
        }
        assert!(checked > 10_000, "{checked} postings checked");
    }

    #[test]
    fn one_look_up_finds_a_token_in_each_field_that_holds_it() {
        let guide = "# Guide\n\n## Data Scientist\n\nFinds insights in data.\n";
        let corpus =
            crate::corpus::Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], "").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let f = index.fields();
        let held = |token: &str| {
            let found = index.postings_of(token);
            [f.title, f.aliases, f.body].map(|field| found.and_then(|found| found.get(field)).is_some())
        };
        assert_eq!(held("scientist"), [true, false, false]);
        assert_eq!(held("insight"), [false, false, true]);
        assert_eq!(held("data"), [true, false, true]);
        assert!(index.postings_of("absent").is_none());
        for (field, token) in index.terms.terms() {
            let one = index.postings_of(token).and_then(|found| found.get(field));
            assert_eq!(one, index.postings(field, token), "{token}");
            assert!(one.is_some(), "{token}");
        }
    }
}
