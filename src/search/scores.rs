//! A question's BM25 scores, summed per document from the postings read at open, and the best
//! of them in the order tantivy's `TopDocs` gives: score descending, the lower document number
//! first on a tie.

use crate::index::TermPostings;

/// The summed scores of the clauses so far, one slot per document.
pub struct Scores {
    sums: Vec<f32>,
    /// Whether any clause matched the document (a match may score 0).
    matched: Vec<bool>,
}

impl Scores {
    /// No clause yet, over documents numbered below `docs`.
    pub fn new(docs: usize) -> Self {
        Scores { sums: vec![0.0; docs], matched: vec![false; docs] }
    }

    /// Adds one clause: the term of `postings`, its scores multiplied by `boost`.
    pub fn add(&mut self, postings: &TermPostings, boost: f32) {
        postings.for_each(boost, |doc, score| {
            let doc = doc as usize;
            if let (Some(sum), Some(matched)) = (self.sums.get_mut(doc), self.matched.get_mut(doc)) {
                *sum += score;
                *matched = true;
            }
        });
    }

    /// The best `limit` matched documents with their scores, best first; on equal scores the
    /// lower document number first, as `TopDocs` orders them.
    pub fn top(&self, limit: usize) -> Vec<(u32, f32)> {
        // One integer key per hit, ascending = best first: the score's order-preserving bits
        // flipped, then the document. 0 and -0 are equal scores to `TopDocs`, so -0 counts as 0.
        let mut keys: Vec<u64> = (0..self.sums.len())
            .filter(|&doc| self.matched[doc])
            .map(|doc| (u64::from(!ordered_bits(self.sums[doc] + 0.0)) << 32) | doc as u64)
            .collect();
        keys.sort_unstable();
        keys.truncate(limit);
        keys.into_iter()
            .map(|key| {
                let doc = key as u32;
                (doc, self.sums[doc as usize])
            })
            .collect()
    }
}

/// The bits of `score` as an unsigned number in the order of the scores (`f32::total_cmp`).
fn ordered_bits(score: f32) -> u32 {
    let bits = score.to_bits();
    if bits >> 31 == 1 { !bits } else { bits | 1 << 31 }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, Occur};
    use tantivy::schema::Field;

    use super::*;
    use crate::index::GuideIndex;

    #[test]
    fn the_best_come_first_and_a_tie_goes_to_the_lower_document() {
        let mut scores = Scores::new(6);
        scores.add(&TermPostings::new(1.0, vec![(1, 0.5), (3, 0.25), (4, 0.5)]), 2.0);
        scores.add(&TermPostings::new(1.0, vec![(0, 0.5), (3, 0.25)]), 2.0);
        // Document 5 matches at score 0: still a hit, last.
        scores.add(&TermPostings::new(1.0, vec![(5, 0.0)]), 1.0);
        assert_eq!(scores.top(10), [(0, 1.0), (1, 1.0), (3, 1.0), (4, 1.0), (5, 0.0)]);
        assert_eq!(scores.top(2), [(0, 1.0), (1, 1.0)]);
        assert!(scores.top(0).is_empty());
        assert!(Scores::new(3).top(5).is_empty(), "no clause, no hit");
    }

    /// `top` orders as `TopDocs` compares: scores by `partial_cmp` (0 and -0 equal), then the
    /// lower document; on any sums, negative ones too.
    #[test]
    fn the_order_is_topdocs_on_any_scores() {
        let values = [-2.5f32, -1.0, -0.0, 0.0, 1e-30, 0.5, 1.0, 1.0000001, 3.0, f32::MAX];
        let sums = proptest::collection::vec(proptest::option::of(0..values.len()), 0..40);
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&(sums, 0usize..45), |(sums, limit)| {
                let scores = Scores {
                    sums: sums.iter().map(|s| s.map_or(0.0, |i| values[i])).collect(),
                    matched: sums.iter().map(Option::is_some).collect(),
                };
                let mut want: Vec<(u32, f32)> =
                    (0..sums.len()).filter_map(|doc| Some((doc as u32, values[sums[doc]?]))).collect();
                want.sort_by(|a, b| {
                    b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then_with(|| a.0.cmp(&b.0))
                });
                want.truncate(limit);
                let bits = |hits: Vec<(u32, f32)>| {
                    hits.into_iter().map(|(d, s)| (d, s.to_bits())).collect::<Vec<_>>()
                };
                proptest::prop_assert_eq!(bits(scores.top(limit)), bits(want));
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn a_document_beyond_the_count_is_ignored() {
        let mut scores = Scores::new(2);
        scores.add(&TermPostings::new(1.0, vec![(1, 0.5), (7, 0.9)]), 1.0);
        assert_eq!(scores.top(5), [(1, 0.5)]);
    }

    /// The real guide, its index, and its terms with two no passage holds.
    fn guide() -> (tempfile::TempDir, GuideIndex, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let corpus =
            crate::corpus::load_corpus(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
                .unwrap();
        let index = GuideIndex::build(dir.path(), &corpus).unwrap();
        let mut terms: Vec<String> = corpus
            .passages
            .iter()
            .flat_map(|p| {
                let text =
                    format!("{}\n{}\n{}\n{}", p.title, p.section.join("\n"), p.aliases.join("\n"), p.text());
                index.analyze(&text)
            })
            .collect();
        terms.sort();
        terms.dedup();
        terms.extend(["zzqx".to_string(), "nowherex".to_string()]);
        (dir, index, terms)
    }

    /// tantivy's ranking of the clauses: `BooleanQuery` of `BoostQuery(TermQuery)` under
    /// `TopDocs`, as (document, score).
    fn tantivy_top(index: &GuideIndex, clauses: &[(Field, &str, f32)], limit: usize) -> Vec<(u32, f32)> {
        let query = BooleanQuery::new(
            clauses
                .iter()
                .map(|&(field, term, boost)| (Occur::Should, index.term_query(field, term, boost)))
                .collect(),
        );
        let top = index.search(&query, &TopDocs::with_limit(limit).order_by_score()).unwrap();
        top.into_iter().map(|(score, address)| (address.doc_id, score)).collect()
    }

    fn our_top(index: &GuideIndex, clauses: &[(Field, &str, f32)], limit: usize) -> Vec<(u32, f32)> {
        let mut scores = Scores::new(index.docs());
        for &(field, term, boost) in clauses {
            if let Some(postings) = index.postings(field, term) {
                scores.add(postings, boost);
            }
        }
        scores.top(limit)
    }

    /// Random clauses over the real guide's terms rank the same documents in the same order as
    /// tantivy's query does, each score within 1e-6 (relative) of tantivy's: the sum's order may
    /// differ from block-WAND's. So two documents whose scores are that close may trade places
    /// (at the cut too), and nothing else may.
    #[test]
    fn the_ranking_is_tantivys_on_random_clauses() {
        let (_dir, index, terms) = guide();
        let f = index.fields();
        let fields = [f.title, f.aliases, f.body];
        let picks =
            (proptest::collection::vec((0..terms.len(), 0..fields.len(), 0.05f32..3.0), 1..40), 1usize..40);
        let mut runner =
            proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(400));
        let (scores, differ) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
        runner
            .run(&picks, |(picks, limit)| {
                let clauses: Vec<(Field, &str, f32)> = picks
                    .iter()
                    .map(|&(t, field, boost)| (fields[field], terms[t].as_str(), boost))
                    .collect();
                let want = tantivy_top(&index, &clauses, limit);
                let got = our_top(&index, &clauses, limit);
                let close = |a: f32, b: f32| (a - b).abs() <= 1e-6 * a.abs().max(b.abs());
                // Every document's score by our sum, to judge a swap.
                let all: std::collections::HashMap<u32, f32> =
                    our_top(&index, &clauses, usize::MAX).into_iter().collect();
                proptest::prop_assert_eq!(got.len(), want.len());
                for (&(ours_doc, ours), &(theirs_doc, theirs)) in got.iter().zip(&want) {
                    proptest::prop_assert!(close(ours, theirs), "{ours} vs {theirs}");
                    let swapped = all.get(&theirs_doc).is_some_and(|&s| close(s, ours));
                    proptest::prop_assert!(
                        ours_doc == theirs_doc || swapped,
                        "{ours_doc} ({ours}) in place of {theirs_doc} ({theirs})"
                    );
                    scores.set(scores.get() + 1);
                    differ.set(differ.get() + usize::from(ours.to_bits() != theirs.to_bits()));
                }
                Ok(())
            })
            .unwrap();
        let (scores, differ) = (scores.get(), differ.get());
        eprintln!("{differ} of {scores} scores differ from tantivy's in their last bits");
        assert!(scores > 1000, "{scores} scores compared");
    }

    /// A clause boosted to 0 still matches, as in tantivy: its documents are hits scoring 0.
    #[test]
    fn a_clause_of_weight_zero_still_matches() {
        let (_dir, index, _) = guide();
        let f = index.fields();
        let clauses = [(f.body, "python", 0.0), (f.title, "scientist", 0.0)];
        let want = tantivy_top(&index, &clauses, 50);
        assert!(want.len() > 2 && want.iter().all(|h| h.1 == 0.0), "{want:?}");
        assert_eq!(our_top(&index, &clauses, 50), want);
    }
}
