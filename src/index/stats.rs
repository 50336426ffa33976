//! BM25 statistics of an open index, read once: the document count, each text field's token
//! count and each term's document frequency per text field. A search takes them from here
//! instead of looking every term up again in every segment's dictionary; the figures are the
//! searcher's own, so scores do not change.

use rustc_hash::FxHashMap;

use tantivy::Searcher;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::{Field, Term};

/// The statistics, and the searcher they were read from (asked directly for any other field).
pub struct Bm25Stats {
    searcher: Searcher,
    docs: u64,
    fields: Vec<FieldStats>,
}

/// One text field's figures.
struct FieldStats {
    field: Field,
    tokens: u64,
    /// Document frequency by the term's bytes as the dictionary holds them, summed over segments.
    doc_freq: FxHashMap<Box<[u8]>, u64>,
}

impl Bm25Stats {
    /// Reads the statistics of `fields` from every segment of `searcher`.
    pub fn read(searcher: &Searcher, fields: &[Field]) -> tantivy::Result<Self> {
        let docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
        let fields =
            fields.iter().map(|&field| field_stats(searcher, field)).collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Bm25Stats { searcher: searcher.clone(), docs, fields })
    }

    fn field(&self, field: Field) -> Option<&FieldStats> {
        self.fields.iter().find(|f| f.field == field)
    }
}

fn field_stats(searcher: &Searcher, field: Field) -> tantivy::Result<FieldStats> {
    let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, field)?;
    let mut doc_freq: FxHashMap<Box<[u8]>, u64> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            *doc_freq.entry(terms.key().into()).or_default() += u64::from(terms.value().doc_freq);
        }
    }
    Ok(FieldStats { field, tokens, doc_freq })
}

impl Bm25StatisticsProvider for Bm25Stats {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.field(field) {
            Some(stats) => Ok(stats.tokens),
            None => Bm25StatisticsProvider::total_num_tokens(&self.searcher, field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.field(term.field()) {
            Some(stats) => Ok(stats.doc_freq.get(term.serialized_value_bytes()).copied().unwrap_or(0)),
            None => self.searcher.doc_freq(term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::index::GuideIndex;

    #[test]
    fn the_figures_are_the_searchers_own() {
        let files = [(
            "guide.md".to_string(),
            "# Guide\n\n## Data Scientist\n\nFinds insights in data.\n\n## ML Engineer\n\nShips models; data too.\n"
                .to_string(),
        )];
        let corpus = Corpus::from_texts(&files, "").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let searcher = index.searcher();
        let f = index.fields();
        let fields = [f.title, f.aliases, f.body];
        let stats = Bm25Stats::read(searcher, &fields).unwrap();
        assert_eq!(
            stats.total_num_docs().unwrap(),
            Bm25StatisticsProvider::total_num_docs(searcher).unwrap()
        );
        for field in fields {
            let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, field).unwrap();
            assert_eq!(stats.total_num_tokens(field).unwrap(), tokens);
            for token in ["data", "scientist", "guid", "engin", "ship", "absent"] {
                let term = Term::from_field_text(field, token);
                assert_eq!(stats.doc_freq(&term).unwrap(), searcher.doc_freq(&term).unwrap(), "{token}");
            }
        }
        let data = Term::from_field_text(f.body, "data");
        assert_eq!(stats.doc_freq(&data).unwrap(), 2, "a term in two passages");
    }
}
