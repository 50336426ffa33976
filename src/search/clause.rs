//! The clauses of a question's BM25 query: one boosted term in one field each. A clause whose
//! term its field does not hold at all is dropped before tantivy builds a weight and a scorer
//! for it only to find nothing.

use tantivy::query::{BooleanWeight, EnableScoring, Occur, Query, SumCombiner, Weight};
use tantivy::schema::{Field, Term};

use crate::index::{GuideIndex, PreparedTerm};

/// One term of the query, in one field.
#[derive(Debug, Clone)]
pub struct Clause<'a> {
    /// The field searched.
    pub field: Field,
    /// The analyzed term.
    pub term: &'a str,
    /// Its boost: the field's times the term's weight.
    pub boost: f32,
    /// Whether any segment holds the term in the field.
    pub held: bool,
    /// The term and its weight, built at open, when held.
    pub prepared: Option<PreparedTerm>,
}

impl<'a> Clause<'a> {
    /// A clause for `term` in `field`, knowing from `index` whether the field holds it.
    pub fn new(index: &GuideIndex, field: Field, term: &'a str, boost: f32) -> Self {
        let prepared = index.prepared_term(field, term);
        Clause { field, term, boost, held: prepared.is_some(), prepared }
    }

    /// The clause as a part of the question's [`Disjunction`].
    pub fn into_part(self, index: &GuideIndex) -> Part {
        match self.prepared {
            Some(prepared) => Part::Prepared(prepared, self.boost),
            None => Part::Plain(index.term_query(self.field, self.term, self.boost)),
        }
    }
}

/// A clause's part of the query: a prepared term and its boost, or (a term no segment holds)
/// a plain query.
#[derive(Debug)]
pub enum Part {
    Prepared(PreparedTerm, f32),
    Plain(Box<dyn Query>),
}

impl Clone for Part {
    fn clone(&self) -> Self {
        match self {
            Part::Prepared(prepared, boost) => Part::Prepared(prepared.clone(), *boost),
            Part::Plain(query) => Part::Plain(query.box_clone()),
        }
    }
}

/// The should-clauses of a question as one query: the weight `BooleanQuery` builds (a
/// `BooleanWeight` summing its clauses, one of which must match), without a query object per
/// clause to build it from.
#[derive(Debug, Clone)]
pub struct Disjunction {
    parts: Vec<Part>,
}

impl Disjunction {
    /// Any of `parts`, their scores summed.
    pub fn new(parts: Vec<Part>) -> Self {
        Disjunction { parts }
    }
}

impl Query for Disjunction {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .parts
            .iter()
            .map(|part| {
                let weight = match part {
                    Part::Prepared(prepared, boost) if enable_scoring.is_scoring_enabled() => {
                        prepared.weight(*boost)
                    }
                    Part::Prepared(prepared, boost) => {
                        prepared.clone().boosted(*boost).weight(enable_scoring)?
                    }
                    Part::Plain(query) => query.weight(enable_scoring)?,
                };
                Ok((Occur::Should, weight))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        // As `BooleanQuery::new`: with any should-clause and no other, one must match.
        let minimum = usize::from(!weights.is_empty());
        Ok(Box::new(BooleanWeight::with_minimum_number_should_match(
            weights,
            minimum,
            enable_scoring.is_scoring_enabled(),
            Box::new(SumCombiner::default),
        )))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            match part {
                Part::Prepared(prepared, _) => visitor(prepared.term(), false),
                Part::Plain(query) => query.query_terms(visitor),
            }
        }
    }
}

/// Drops the clauses whose term is not held: tantivy would give each an empty scorer and then
/// discard it, so the hits and their scores stay the same. Two clauses stay where there were
/// two or more, because tantivy turns a lone should-clause into a required one, another plan.
pub fn without_empty(mut clauses: Vec<Clause<'_>>) -> Vec<Clause<'_>> {
    if clauses.len() < 2 {
        return clauses;
    }
    let held = clauses.iter().filter(|c| c.held).count();
    let mut spare = 2usize.saturating_sub(held);
    clauses.retain(|c| {
        let keep = c.held || spare > 0;
        if !c.held && keep {
            spare -= 1;
        }
        keep
    });
    clauses
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::BooleanQuery;

    use super::*;
    use crate::corpus::Corpus;

    fn index() -> (tempfile::TempDir, GuideIndex) {
        let guide = "# Guide\n\n## Data Scientist\n\nFinds insights in data with statistics.\n\n\
                     ## ML Engineer\n\nShips models to production; data pipelines too.\n\n\
                     ## Research Scientist\n\nPublishes papers on models.\n";
        let vocabulary = "[roles]\n\"Data Scientist\" = [\"ds\"]\n";
        let corpus = Corpus::from_texts(&[("guide.md".to_string(), guide.to_string())], vocabulary).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        (dir, index)
    }

    /// A clause as tantivy's own query: `BoostQuery(TermQuery)`, with the weight built at open
    /// when there is one.
    fn query(clause: &Clause, index: &GuideIndex) -> (Occur, Box<dyn Query>) {
        let query = match &clause.prepared {
            Some(prepared) => Box::new(prepared.clone().boosted(clause.boost)),
            None => index.term_query(clause.field, clause.term, clause.boost),
        };
        (Occur::Should, query)
    }

    /// (doc, score bits) of the top hits of the clauses' boolean query.
    fn hits(index: &GuideIndex, clauses: &[Clause]) -> Vec<(u32, u32)> {
        let query = BooleanQuery::new(clauses.iter().map(|c| query(c, index)).collect());
        let top = index.search(&query, &TopDocs::with_limit(10).order_by_score()).unwrap();
        top.into_iter().map(|(score, address)| (address.doc_id, score.to_bits())).collect()
    }

    /// (doc, score bits) of every hit of `query`, best first.
    fn all_hits(index: &GuideIndex, query: &dyn Query) -> Vec<(u32, u32)> {
        let top = index.search(query, &TopDocs::with_limit(1000).order_by_score()).unwrap();
        top.into_iter().map(|(score, address)| (address.doc_id, score.to_bits())).collect()
    }

    #[test]
    fn the_disjunction_scores_as_the_boolean_query_of_its_clauses() {
        let dir = tempfile::tempdir().unwrap();
        let corpus =
            crate::corpus::load_corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
                .unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let f = index.fields();
        let fields = [f.title, f.aliases, f.body];
        // Terms of the real guide, and two no passage holds.
        let mut terms: Vec<String> = corpus.passages.iter().flat_map(|p| index.analyze(&p.title)).collect();
        terms.extend(corpus.passages.iter().take(8).flat_map(|p| index.analyze(&p.text())));
        terms.sort();
        terms.dedup();
        terms.extend(["zzqx".to_string(), "nowherex".to_string()]);
        let picks = proptest::collection::vec((0..terms.len(), 0..fields.len(), 0.05f32..3.0), 1..40);
        let mut runner =
            proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(300));
        runner
            .run(&picks, |picks| {
                let clauses: Vec<Clause> = picks
                    .iter()
                    .map(|&(t, field, boost)| Clause::new(&index, fields[field], &terms[t], boost))
                    .collect();
                let plain = BooleanQuery::new(
                    clauses
                        .iter()
                        .map(|c| (Occur::Should, index.term_query(c.field, c.term, c.boost)))
                        .collect(),
                );
                let disjunction =
                    Disjunction::new(clauses.into_iter().map(|c| c.into_part(&index)).collect());
                proptest::prop_assert_eq!(all_hits(&index, &disjunction), all_hits(&index, &plain));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn dropping_unheld_clauses_keeps_every_hit_and_score() {
        let (_dir, index) = index();
        let f = index.fields();
        let questions: [&[&str]; 5] = [
            &["data", "scientist"],
            &["model", "absent"],
            &["publish"],
            &["absent", "nowher", "data"],
            &["research", "paper", "product", "statist", "ds"],
        ];
        for terms in questions {
            let clauses: Vec<Clause> = terms
                .iter()
                .flat_map(|&t| {
                    [(f.title, 2.0), (f.aliases, 0.5), (f.body, 1.0)].map(|(field, b)| (field, t, b))
                })
                .map(|(field, term, boost)| Clause::new(&index, field, term, boost))
                .collect();
            let kept = without_empty(clauses.clone());
            assert!(kept.len() < clauses.len(), "{terms:?}: some clause is not held");
            assert!(!hits(&index, &clauses).is_empty(), "{terms:?}");
            assert_eq!(hits(&index, &kept), hits(&index, &clauses), "{terms:?}");
        }
    }

    fn clause(term: &'static str, held: bool) -> Clause<'static> {
        Clause { field: Field::from_field_id(0), term, boost: 1.0, held, prepared: None }
    }

    #[test]
    fn unheld_clauses_go_but_two_clauses_stay() {
        let terms = |clauses: Vec<Clause<'static>>| clauses.iter().map(|c| c.term).collect::<Vec<_>>();
        let all = vec![clause("a", false), clause("b", true), clause("c", false), clause("d", true)];
        assert_eq!(terms(without_empty(all)), ["b", "d"]);
        let one = vec![clause("a", false), clause("b", true), clause("c", false)];
        assert_eq!(terms(without_empty(one)), ["a", "b"]);
        let none = vec![clause("a", false), clause("b", false), clause("c", false)];
        assert_eq!(terms(without_empty(none)), ["a", "b"]);
        assert_eq!(terms(without_empty(vec![clause("a", false)])), ["a"]);
    }
}
