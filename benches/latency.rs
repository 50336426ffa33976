//! `Engine::answer` latency percentiles over the labelled tuning questions: every question is
//! answered many times, each call timed alone. `cargo bench --bench latency [-- ROUNDS]`.
//! `-- --pause MS` sleeps that long before each call, as a bot answering now and then does:
//! `cargo bench --bench latency -- 1 --pause 50` shows what an answer costs from cold.

#[path = "support/questions.rs"]
mod questions;

use std::hint::black_box;
use std::time::{Duration, Instant};

use careerbot::Engine;
use questions::{KINDS, Kind, corpus_dir};

/// Rounds over the whole set when none is given.
const DEFAULT_ROUNDS: usize = 200;

fn main() {
    let (mut rounds, mut pause) = (DEFAULT_ROUNDS, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--pause" {
            pause = args.next().and_then(|ms| ms.parse().ok()).map(Duration::from_millis);
        } else if let Ok(n) = arg.parse() {
            rounds = n;
        }
    }
    let index = tempfile::tempdir().expect("temp dir");
    let (engine, _) = Engine::open(&corpus_dir(), index.path()).expect("engine over the real corpus");
    let all = questions::questions();
    // Warm caches and the allocator first.
    for q in &all {
        black_box(engine.answer(&q.text));
    }
    let mut samples: Vec<(Kind, u64)> = Vec::with_capacity(all.len() * rounds);
    for _ in 0..rounds {
        for q in &all {
            if let Some(pause) = pause {
                std::thread::sleep(pause);
            }
            let started = Instant::now();
            black_box(engine.answer(black_box(&q.text)));
            samples.push((Kind::of(q), started.elapsed().as_nanos() as u64));
        }
    }
    let paused = pause.map_or(String::new(), |p| format!(", {} ms pause before each", p.as_millis()));
    println!("Engine::answer latency, {} questions x {rounds} rounds{paused} (µs)", all.len());
    println!("{:<9} {:>6} {:>8} {:>8} {:>8} {:>8} {:>8}", "kind", "n", "mean", "p50", "p90", "p99", "max");
    for kind in KINDS {
        report(kind.name(), samples.iter().filter(|(k, _)| *k == kind).map(|(_, ns)| *ns).collect());
    }
    report("all", samples.iter().map(|(_, ns)| *ns).collect());
}

fn report(name: &str, mut ns: Vec<u64>) {
    if ns.is_empty() {
        return;
    }
    ns.sort_unstable();
    let at = |p: f64| ns[((ns.len() as f64 * p) as usize).min(ns.len() - 1)] as f64 / 1000.0;
    let mean = ns.iter().sum::<u64>() as f64 / ns.len() as f64 / 1000.0;
    println!(
        "{name:<9} {:>6} {mean:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
        ns.len(),
        at(0.50),
        at(0.90),
        at(0.99),
        *ns.last().unwrap() as f64 / 1000.0
    );
}
