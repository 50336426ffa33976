//! `careerbot ask`: one question from the arguments, or a batch from standard input, answered in
//! order as plain text or JSON lines.

use std::io::{self, BufRead, Write};

use serde::Serialize;

use crate::answer::{Answer, render_plain};
use crate::engine::Engine;

/// Lines answered together: enough to keep both cores busy, few enough to stream.
const BATCH_LINES: usize = 2048;

/// One answer as a JSON line.
#[derive(Debug, Serialize)]
pub struct JsonAnswer<'a> {
    /// The question as given.
    pub query: &'a str,
    /// Whether the guide answered it.
    pub answered: bool,
    /// The reply exactly as a user reads it, in plain text.
    pub reply: String,
    /// Kind of the best passage ("role", "faq" …), if any.
    pub kind: Option<&'static str>,
    /// Title of the best passage.
    pub title: Option<&'a str>,
    /// Id of the best passage.
    pub id: Option<&'a str>,
    /// Citation of the best passage.
    pub source: Option<&'a str>,
    /// Search score of the best passage (0 for structural lookups).
    pub score: Option<f32>,
    /// Every citation of the reply.
    pub sources: &'a [String],
}

/// Writes one answer, as JSON or as plain text followed by a blank line.
pub fn write_answer(out: &mut impl Write, query: &str, answer: &Answer, json: bool) -> io::Result<()> {
    if json {
        let best = answer.used.first();
        let line = JsonAnswer {
            query,
            answered: answer.answered,
            reply: render_plain(answer),
            kind: best.map(|u| u.kind),
            title: best.map(|u| u.title.as_str()),
            id: best.map(|u| u.id.as_str()),
            source: best.map(|u| u.source.as_str()),
            score: best.map(|u| u.score),
            sources: &answer.sources,
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)
    } else {
        writeln!(out, "{}\n", render_plain(answer))
    }
}

/// Answers every line of `input` in order. Invalid UTF-8 is read lossily; very long lines are
/// cut by the engine; a bad line never stops the batch. Both cores work; output keeps input order.
pub fn run_batch(
    engine: &Engine,
    mut input: impl BufRead,
    out: &mut impl Write,
    json: bool,
) -> io::Result<usize> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut count = 0;
    let mut raw = Vec::new();
    let mut batch: Vec<String> = Vec::with_capacity(BATCH_LINES);
    loop {
        raw.clear();
        let eof = input.read_until(b'\n', &mut raw)? == 0;
        if !eof {
            let line = String::from_utf8_lossy(&raw);
            batch.push(line.trim_end_matches(['\n', '\r']).to_string());
        }
        if batch.len() == BATCH_LINES || (eof && !batch.is_empty()) {
            let answers = answer_all(engine, &batch, threads);
            for (query, answer) in batch.iter().zip(&answers) {
                write_answer(out, query, answer, json)?;
            }
            count += batch.len();
            batch.clear();
        }
        if eof {
            break;
        }
    }
    out.flush()?;
    Ok(count)
}

fn answer_all(engine: &Engine, questions: &[String], threads: usize) -> Vec<Answer> {
    let chunk = questions.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = questions
            .chunks(chunk)
            .map(|part| {
                (part.len(), scope.spawn(move || part.iter().map(|q| engine.answer(q)).collect::<Vec<_>>()))
            })
            .collect();
        // The engine never panics; should a thread die anyway, its lines still get one reply each.
        handles
            .into_iter()
            .flat_map(|(len, h)| {
                h.join().unwrap_or_else(|_| {
                    vec![
                        Answer::new(false, crate::messages::APOLOGY_TITLE).text(crate::messages::APOLOGY);
                        len
                    ]
                })
            })
            .collect()
    })
}
