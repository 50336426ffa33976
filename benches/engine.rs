//! criterion benches of the engine: `Engine::answer` by kind of question (the labelled tuning
//! set), corpus parsing, and a full index build. `cargo bench --bench engine`.

#[path = "support/questions.rs"]
mod questions;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use careerbot::Engine;
use careerbot::corpus::load_corpus;
use questions::{KINDS, corpus_dir, texts_of};

/// `Engine::answer` over every question of one kind per iteration; criterion's throughput line
/// gives answers per second, its time divided by the group's size the mean per answer.
fn answer_by_kind(c: &mut Criterion) {
    let index = tempfile::tempdir().expect("temp dir");
    let (engine, _) = Engine::open(&corpus_dir(), index.path()).expect("engine over the real corpus");
    let all = questions::questions();
    let mut group = c.benchmark_group("answer");
    for kind in KINDS {
        let texts = texts_of(&all, kind);
        group.throughput(Throughput::Elements(texts.len() as u64));
        group.bench_function(format!("{} ({} questions)", kind.name(), texts.len()), |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(engine.answer(black_box(text)));
                }
            })
        });
    }
    group.finish();
}

fn parse_corpus(c: &mut Criterion) {
    let dir = corpus_dir();
    c.bench_function("load_corpus", |b| b.iter(|| black_box(load_corpus(&dir).expect("corpus"))));
}

/// `Engine::open` over an empty index folder: parse, build and open the index, prepare search.
fn build_index(c: &mut Criterion) {
    let dir = corpus_dir();
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("Engine::open, empty index folder", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |index| {
                black_box(Engine::open(&dir, index.path()).expect("engine"));
                index
            },
            BatchSize::PerIteration,
        )
    });
    let index = tempfile::tempdir().expect("temp dir");
    Engine::open(&dir, index.path()).expect("engine");
    group.bench_function("Engine::open, valid index", |b| {
        b.iter(|| black_box(Engine::open(&dir, index.path()).expect("engine")))
    });
    group.finish();
}

criterion_group!(benches, answer_by_kind, parse_corpus, build_index);
criterion_main!(benches);
