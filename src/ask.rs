//! `careerbot ask`: one question from the arguments, or a batch from standard input, answered in
//! order as plain text or JSON lines.

use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::answer::{Answer, render_plain};
use crate::engine::Engine;
use crate::json;

/// Lines answered together: enough to keep both cores busy, few enough to stream.
const BATCH_LINES: usize = 2048;

/// Lines a thread answers at a time: small enough that both cores finish a batch together.
const CHUNK_LINES: usize = 16;

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

impl JsonAnswer<'_> {
    /// Appends the answer as one JSON object, byte for byte as `serde_json` serializes it.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let text = |out: &mut Vec<u8>, name: &str, value: Option<&str>| {
            out.extend_from_slice(name.as_bytes());
            match value {
                Some(value) => json::write_str(out, value),
                None => out.extend_from_slice(b"null"),
            }
        };
        text(out, "{\"query\":", Some(self.query));
        out.extend_from_slice(if self.answered { b",\"answered\":true" } else { b",\"answered\":false" });
        text(out, ",\"reply\":", Some(&self.reply));
        text(out, ",\"kind\":", self.kind);
        text(out, ",\"title\":", self.title);
        text(out, ",\"id\":", self.id);
        text(out, ",\"source\":", self.source);
        out.extend_from_slice(b",\"score\":");
        // A number as serde_json writes an f32 (null when not finite).
        serde_json::to_writer(&mut *out, &self.score).expect("writing to memory cannot fail");
        out.extend_from_slice(b",\"sources\":[");
        for (n, source) in self.sources.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            json::write_str(out, source);
        }
        out.extend_from_slice(b"]}");
    }
}

/// Writes one answer, as JSON or as plain text followed by a blank line.
pub fn write_answer(out: &mut impl Write, query: &str, answer: &Answer, json: bool) -> io::Result<()> {
    let mut line = Vec::new();
    write_answer_into(&mut line, query, answer, json);
    out.write_all(&line)
}

/// As [`write_answer`], into memory.
fn write_answer_into(out: &mut Vec<u8>, query: &str, answer: &Answer, json: bool) {
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
        line.write_json(out);
        out.push(b'\n');
    } else {
        out.extend_from_slice(render_plain(answer).as_bytes());
        out.extend_from_slice(b"\n\n");
    }
}

/// Answers every line of `input` in order. Invalid UTF-8 is read lossily; very long lines are
/// cut by the engine; a bad line never stops the batch. Both cores answer and render their share
/// of each batch; the output keeps input order.
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
            for rendered in render_all(&batch, threads, json, |q| engine.answer(q)) {
                out.write_all(&rendered?)?;
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

/// The rendered answers to `questions`, in order, one buffer per chunk of [`CHUNK_LINES`]. The
/// calling thread and `threads - 1` helpers take chunks in turn, so a core that is busy with
/// something else takes fewer.
fn render_all(
    questions: &[String],
    threads: usize,
    json: bool,
    answer: impl Fn(&str) -> Answer + Sync,
) -> Vec<io::Result<Vec<u8>>> {
    let chunks: Vec<&[String]> = questions.chunks(CHUNK_LINES).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(part) = chunks.get(at) else { return done };
            // The engine never panics; should answering fail anyway, the chunk's lines still get
            // one reply each.
            let rendered = catch_unwind(AssertUnwindSafe(|| render(part, json, &answer)))
                .unwrap_or_else(|_| render(part, json, apology));
            done.push((at, rendered));
        }
    };
    let mut rendered: Vec<Option<io::Result<Vec<u8>>>> = chunks.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1)).map(|_| scope.spawn(work)).collect();
        let mine = work();
        let theirs = helpers.into_iter().flat_map(|helper| helper.join().unwrap_or_default());
        for (at, chunk) in theirs.chain(mine) {
            rendered[at] = Some(chunk);
        }
    });
    let lost = |part: &&[String]| render(part, json, apology);
    rendered.into_iter().zip(&chunks).map(|(chunk, part)| chunk.unwrap_or_else(|| lost(part))).collect()
}

fn apology(_: &str) -> Answer {
    Answer::new(false, crate::messages::APOLOGY_TITLE).text(crate::messages::APOLOGY)
}

/// Writes the answer to each of `questions` into one buffer.
fn render(questions: &[String], json: bool, answer: impl Fn(&str) -> Answer) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for query in questions {
        write_answer_into(&mut out, query, &answer(query), json);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(question: &str) -> Answer {
        // Uneven work, so that the threads finish their chunks out of order.
        std::thread::sleep(std::time::Duration::from_micros((question.len() % 7) as u64 * 50));
        Answer::new(true, question).text(question)
    }

    fn titles(rendered: Vec<io::Result<Vec<u8>>>) -> Vec<String> {
        let bytes: Vec<u8> = rendered.into_iter().flat_map(|chunk| chunk.unwrap()).collect();
        let text = String::from_utf8(bytes).unwrap();
        text.lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap()["query"].to_string())
            .collect()
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        "(\\PC|[\\x00-\\x1f\"\\\\])*"
    }

    proptest::proptest! {
        #[test]
        fn an_answer_line_is_what_serde_json_writes(
            query in text(),
            answered: bool,
            reply in text(),
            title in proptest::option::of(text()),
            id in proptest::option::of(text()),
            source in proptest::option::of(text()),
            score in proptest::option::of(proptest::num::f32::ANY),
            sources in proptest::collection::vec(text(), 0..3),
        ) {
            let line = JsonAnswer {
                query: &query,
                answered,
                reply: reply.clone(),
                kind: title.as_ref().map(|_| "role"),
                title: title.as_deref(),
                id: id.as_deref(),
                source: source.as_deref(),
                score,
                sources: &sources,
            };
            let mut out = Vec::new();
            line.write_json(&mut out);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&line).unwrap());
        }
    }

    #[test]
    fn answers_keep_the_order_of_the_questions_whatever_thread_answers_them() {
        let questions: Vec<String> = (0..CHUNK_LINES * 9 + 5).map(|i| format!("q{i}")).collect();
        let expected: Vec<String> = questions.iter().map(|q| format!("{q:?}")).collect();
        for threads in [1, 2, 4] {
            assert_eq!(titles(render_all(&questions, threads, true, echo)), expected, "{threads} threads");
        }
    }

    #[test]
    fn a_chunk_whose_answering_panics_gets_an_apology_per_line_and_the_rest_is_answered() {
        // Late in the batch, so that whichever thread meets it has answered other chunks before.
        let questions: Vec<String> = (0..CHUNK_LINES * 8).map(|i| format!("q{i}")).collect();
        let doomed = format!("q{}", CHUNK_LINES * 6 + CHUNK_LINES / 4);
        let answer = |q: &str| if q == doomed { panic!("test panic") } else { echo(q) };
        let rendered = render_all(&questions, 2, true, answer);
        let text: String =
            rendered.into_iter().map(|chunk| String::from_utf8(chunk.unwrap()).unwrap()).collect();
        let replies: Vec<&str> = text.lines().collect();
        assert_eq!(replies.len(), questions.len(), "one reply per line");
        let apologies = replies.iter().filter(|r| r.contains(crate::messages::APOLOGY)).count();
        assert_eq!(apologies, CHUNK_LINES, "only the chunk holding the panic apologises");
        assert!(replies[0].contains(r#""reply":"q0"#), "{}", replies[0]);
        let third = format!(r#""reply":"q{}\n"#, CHUNK_LINES * 2);
        assert!(replies[CHUNK_LINES * 2].contains(&third), "{}", replies[CHUNK_LINES * 2]);
    }
}
