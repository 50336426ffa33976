//! A tantivy weight for every term of the text fields, built once at open with the index's own
//! statistics. A question's query reuses them; otherwise each clause of each request builds its
//! BM25 weight again (a 256-entry table and an explanation). Scores do not change: each weight is
//! the one `TermQuery` builds.

use rustc_hash::FxHashMap;
use std::fmt;
use std::sync::Arc;

use tantivy::query::{BoostQuery, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocId, Score, Searcher, SeekDangerResult, SegmentReader};

use super::stats::Bm25Stats;

/// The prepared terms, by field and token.
pub struct TermWeights {
    fields: Vec<(Field, FxHashMap<Box<str>, PreparedTerm>)>,
}

impl TermWeights {
    /// Builds the weight of every term `stats` knows in `fields`, scored with `stats`.
    pub fn build(searcher: &Searcher, stats: &Bm25Stats, fields: &[Field]) -> tantivy::Result<Self> {
        let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
        let fields = fields
            .iter()
            .map(|&field| {
                let weights = stats
                    .terms(field)
                    .filter_map(|bytes| std::str::from_utf8(bytes).ok())
                    .map(|token| {
                        let term = Term::from_field_text(field, token);
                        let weight =
                            TermQuery::new(term.clone(), IndexRecordOption::WithFreqs).weight(scoring)?;
                        Ok((Box::from(token), PreparedTerm(Arc::new(Prepared { term, weight }))))
                    })
                    .collect::<tantivy::Result<FxHashMap<_, _>>>()?;
                Ok((field, weights))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(TermWeights { fields })
    }

    /// `token` in `field`, prepared at open; `None` when the field holds no such term.
    pub fn get(&self, field: Field, token: &str) -> Option<PreparedTerm> {
        let (_, weights) = self.fields.iter().find(|(f, _)| *f == field)?;
        weights.get(token).cloned()
    }
}

/// A term and the weight `TermQuery` builds for it, shared between requests.
#[derive(Clone)]
pub struct PreparedTerm(Arc<Prepared>);

struct Prepared {
    term: Term,
    weight: Box<dyn Weight>,
}

impl PreparedTerm {
    /// The term's query, its score multiplied by `boost`: `BoostQuery(TermQuery)` with the
    /// weight built at open.
    pub fn boosted(self, boost: Score) -> PreparedTermQuery {
        PreparedTermQuery { prepared: self, boost }
    }

    /// The weight of [`PreparedTerm::boosted`] with scoring on: the weight built at open, its
    /// scores multiplied by `boost`.
    pub fn weight(&self, boost: Score) -> Box<dyn Weight> {
        Box::new(Boosted { prepared: self.clone(), boost })
    }

    /// The term.
    pub fn term(&self) -> &Term {
        &self.0.term
    }
}

impl fmt::Debug for PreparedTerm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prepared({:?})", self.0.term)
    }
}

/// `BoostQuery(TermQuery)` whose term weight was built at open. Its weight carries the
/// statistics of the index it was built from, whatever statistics a search passes.
#[derive(Clone)]
pub struct PreparedTermQuery {
    prepared: PreparedTerm,
    boost: Score,
}

impl fmt::Debug for PreparedTermQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Boost(query={:?}, boost={})", self.prepared, self.boost)
    }
}

impl Query for PreparedTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        if !enable_scoring.is_scoring_enabled() {
            let query = TermQuery::new(self.prepared.0.term.clone(), IndexRecordOption::WithFreqs);
            return BoostQuery::new(Box::new(query), self.boost).weight(enable_scoring);
        }
        Ok(self.prepared.weight(self.boost))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.prepared.0.term, false);
    }
}

/// A prepared term's weight with its boost: what `BoostWeight(TermWeight)` does, in one box.
/// Every call goes to the weight built at open, with the boost multiplied in as `BoostWeight`
/// multiplies it; what it does not override, it leaves to `Weight`'s defaults, as `BoostWeight`.
struct Boosted {
    prepared: PreparedTerm,
    boost: Score,
}

impl Weight for Boosted {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.prepared.0.weight.scorer(reader, boost * self.boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let underlying = self.prepared.0.weight.explain(reader, doc)?;
        let score = underlying.value() * self.boost;
        let mut explanation = Explanation::new_with_string(format!("Boost x{} of ...", self.boost), score);
        explanation.add_detail(underlying);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.prepared.0.weight.count(reader)
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        self.prepared.0.weight.scorer_danger(reader, target, boost * self.boost)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur};

    use super::*;
    use crate::corpus::Corpus;
    use crate::index::GuideIndex;

    /// (doc, score bits) of the top hits.
    fn top(searcher: &Searcher, query: &dyn Query) -> Vec<(u32, u32)> {
        let hits = searcher.search(query, &TopDocs::with_limit(10).order_by_score()).unwrap();
        hits.into_iter().map(|(score, address)| (address.doc_id, score.to_bits())).collect()
    }

    #[test]
    fn prepared_weights_score_as_term_queries_do() {
        let guide = "# Guide\n\n## Data Scientist\n\nFinds insights in data with statistics and data.\n\n\
                     ## ML Engineer\n\nShips models to production; data pipelines too.\n\n\
                     ## Research Scientist\n\nPublishes papers on models and statistics.\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], "").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let f = index.fields();
        let questions: [&[(&str, f32)]; 4] = [
            &[("data", 1.0)],
            &[("scientist", 0.6), ("model", 1.0)],
            &[("statist", 0.3), ("paper", 0.8)],
            &[("engin", 1.0), ("data", 0.24), ("research", 0.6)],
        ];
        for terms in questions {
            let clauses = |prepared: bool| -> Vec<(Occur, Box<dyn Query>)> {
                let fields = [(f.title, 2.0), (f.aliases, 0.5), (f.body, 1.0)];
                let pairs =
                    terms.iter().flat_map(|&(t, w)| fields.map(|(field, boost)| (field, t, boost * w)));
                pairs
                    .filter(|&(field, t, _)| index.prepared_term(field, t).is_some())
                    .map(|(field, t, boost)| {
                        let query: Box<dyn Query> = if prepared {
                            Box::new(
                                index
                                    .prepared_term(field, t)
                                    .expect("a held term is prepared")
                                    .boosted(boost),
                            )
                        } else {
                            let plain =
                                TermQuery::new(Term::from_field_text(field, t), IndexRecordOption::WithFreqs);
                            Box::new(BoostQuery::new(Box::new(plain), boost))
                        };
                        (Occur::Should, query)
                    })
                    .collect()
            };
            let plain = top(index.searcher(), &BooleanQuery::new(clauses(false)));
            assert!(!plain.is_empty(), "{terms:?}");
            assert_eq!(top(index.searcher(), &BooleanQuery::new(clauses(true))), plain, "{terms:?}");
        }
    }
}
