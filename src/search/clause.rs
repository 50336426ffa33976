//! The clauses of a question's BM25 query: one boosted term in one field each. A clause whose
//! term its field does not hold at all is dropped before tantivy builds a weight and a scorer
//! for it only to find nothing.

use tantivy::query::{Occur, Query};
use tantivy::schema::Field;

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

    /// The clause as a tantivy query, as a should-clause of the question's boolean query.
    pub fn query(&self, index: &GuideIndex) -> (Occur, Box<dyn Query>) {
        let query = match &self.prepared {
            Some(prepared) => Box::new(prepared.clone().boosted(self.boost)),
            None => index.term_query(self.field, self.term, self.boost),
        };
        (Occur::Should, query)
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

    /// (doc, score bits) of the top hits of the clauses' boolean query.
    fn hits(index: &GuideIndex, clauses: &[Clause]) -> Vec<(u32, u32)> {
        let query = BooleanQuery::new(clauses.iter().map(|c| c.query(index)).collect());
        let top = index.search(&query, &TopDocs::with_limit(10).order_by_score()).unwrap();
        top.into_iter().map(|(score, address)| (address.doc_id, score.to_bits())).collect()
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
