//! `careerbot ask`: one question from the arguments, or a batch from standard input, answered in
//! order as plain text or JSON lines.

use std::collections::VecDeque;
use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, PoisonError, mpsc};

use serde::Serialize;

use crate::answer::{Answer, render_plain};
use crate::engine::Engine;
use crate::json;

/// Lines a worker answers at a time: enough to make handing them over cheap, few enough that
/// the workers finish together at the end of the input.
const CHUNK_LINES: usize = 16;

/// Chunks per worker read ahead of the output: enough to keep the workers fed while one chunk
/// takes long, few enough to bound memory.
const CHUNKS_AHEAD: usize = 8;

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
/// cut by the engine; a bad line never stops the batch. One worker per core answers and renders
/// chunks of lines while this thread reads the input and writes the finished chunks in input
/// order, so both cores answer all the time; at most [`CHUNKS_AHEAD`] chunks per worker are
/// read ahead of the output, however long the input.
pub fn run_batch(
    engine: &Engine,
    input: impl BufRead,
    out: &mut impl Write,
    json: bool,
) -> io::Result<usize> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    answer_all(input, out, threads, json, |q| engine.answer(q))
}

/// The pipeline of [`run_batch`], with `workers` threads answering through `answer`.
fn answer_all(
    mut input: impl BufRead,
    out: &mut impl Write,
    workers: usize,
    json: bool,
    answer: impl Fn(&str) -> Answer + Sync,
) -> io::Result<usize> {
    let workers = workers.max(1);
    let ahead = workers * CHUNKS_AHEAD;
    // Never full: no more than `ahead` chunks are ever unwritten.
    let (to_workers, jobs) = mpsc::sync_channel::<(usize, Chunk)>(ahead);
    let jobs = Mutex::new(jobs);
    let (to_writer, finished) = mpsc::channel::<(usize, Vec<u8>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (jobs, answer, to_writer) = (&jobs, &answer, to_writer.clone());
            scope.spawn(move || {
                loop {
                    let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok((at, chunk)) = job else { return };
                    // The engine never panics; should answering fail anyway, the chunk's lines
                    // still get one reply each.
                    let rendered = catch_unwind(AssertUnwindSafe(|| render(&chunk, json, answer)))
                        .unwrap_or_else(|_| render(&chunk, json, apology));
                    if to_writer.send((at, rendered)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(to_writer);
        let mut order = InOrder::default();
        let lost = || io::Error::other("a batch worker stopped");
        let (mut sent, mut count, mut raw) = (0, 0, Vec::new());
        loop {
            let chunk = Chunk::read(&mut input, &mut raw)?;
            if chunk.is_empty() {
                break;
            }
            let last = chunk.len() < CHUNK_LINES;
            count += chunk.len();
            while sent - order.written >= ahead {
                order.put(finished.recv().map_err(|_| lost())?, out)?;
            }
            to_workers.send((sent, chunk)).map_err(|_| lost())?;
            sent += 1;
            while let Ok(done) = finished.try_recv() {
                order.put(done, out)?;
            }
            if last {
                break;
            }
        }
        drop(to_workers);
        while order.written < sent {
            order.put(finished.recv().map_err(|_| lost())?, out)?;
        }
        out.flush()?;
        Ok(count)
    })
}

/// Lines of the input to answer together: their text end to end, and where each line ends.
#[derive(Debug, Default)]
struct Chunk {
    text: String,
    ends: Vec<usize>,
}

impl Chunk {
    /// Up to [`CHUNK_LINES`] lines of `input`, fewer only at its end; each without its line end,
    /// invalid UTF-8 read lossily.
    fn read(input: &mut impl BufRead, raw: &mut Vec<u8>) -> io::Result<Chunk> {
        let mut chunk = Chunk::default();
        while chunk.len() < CHUNK_LINES {
            raw.clear();
            if input.read_until(b'\n', raw)? == 0 {
                break;
            }
            chunk.text.push_str(String::from_utf8_lossy(raw).trim_end_matches(['\n', '\r']));
            chunk.ends.push(chunk.text.len());
        }
        Ok(chunk)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn lines(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let line = &self.text[start..end];
            start = end;
            line
        })
    }
}

/// Rendered chunks put back in input order: each is written as soon as every chunk before it is.
#[derive(Debug, Default)]
struct InOrder {
    /// Chunks written so far, which is the number of the next one to write.
    written: usize,
    /// Chunks finished early, by their number less `written`.
    waiting: VecDeque<Option<Vec<u8>>>,
}

impl InOrder {
    fn put(&mut self, (at, rendered): (usize, Vec<u8>), out: &mut impl Write) -> io::Result<()> {
        let slot = at - self.written;
        if self.waiting.len() <= slot {
            self.waiting.resize(slot + 1, None);
        }
        self.waiting[slot] = Some(rendered);
        while let Some(Some(_)) = self.waiting.front() {
            let rendered = self.waiting.pop_front().flatten().unwrap_or_default();
            out.write_all(&rendered)?;
            self.written += 1;
        }
        Ok(())
    }
}

fn apology(_: &str) -> Answer {
    Answer::new(false, crate::messages::APOLOGY_TITLE).text(crate::messages::APOLOGY)
}

/// Writes the answer to each line of `chunk` into one buffer.
fn render(chunk: &Chunk, json: bool, answer: impl Fn(&str) -> Answer) -> Vec<u8> {
    let mut out = Vec::new();
    for query in chunk.lines() {
        write_answer_into(&mut out, query, &answer(query), json);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(question: &str) -> Answer {
        // Uneven work, so that the threads finish their chunks out of order.
        std::thread::sleep(std::time::Duration::from_micros((question.len() % 7) as u64 * 50));
        Answer::new(true, question).text(question)
    }

    /// The output of the pipeline over `questions`, one per line, with `workers` workers.
    fn run(questions: &[String], workers: usize, answer: impl Fn(&str) -> Answer + Sync) -> String {
        let input = questions.iter().map(|q| format!("{q}\n")).collect::<String>();
        let mut out = Vec::new();
        let count = answer_all(input.as_bytes(), &mut out, workers, true, answer).unwrap();
        assert_eq!(count, questions.len());
        String::from_utf8(out).unwrap()
    }

    fn queries(output: &str) -> Vec<String> {
        output
            .lines()
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
        for workers in [1, 2, 4] {
            assert_eq!(queries(&run(&questions, workers, echo)), expected, "{workers} workers");
        }
    }

    #[test]
    fn a_chunk_whose_answering_panics_gets_an_apology_per_line_and_the_rest_is_answered() {
        // Late in the batch, so that whichever thread meets it has answered other chunks before.
        let questions: Vec<String> = (0..CHUNK_LINES * 8).map(|i| format!("q{i}")).collect();
        let doomed = format!("q{}", CHUNK_LINES * 6 + CHUNK_LINES / 4);
        let answer = |q: &str| if q == doomed { panic!("test panic") } else { echo(q) };
        let text = run(&questions, 2, answer);
        let replies: Vec<&str> = text.lines().collect();
        assert_eq!(replies.len(), questions.len(), "one reply per line");
        let apologies = replies.iter().filter(|r| r.contains(crate::messages::APOLOGY)).count();
        assert_eq!(apologies, CHUNK_LINES, "only the chunk holding the panic apologises");
        assert!(replies[0].contains(r#""reply":"q0"#), "{}", replies[0]);
        let third = format!(r#""reply":"q{}\n"#, CHUNK_LINES * 2);
        assert!(replies[CHUNK_LINES * 2].contains(&third), "{}", replies[CHUNK_LINES * 2]);
    }

    /// An input that hands out one line per read and counts the lines it handed out.
    struct Counted<'a> {
        lines: std::ops::Range<usize>,
        handed: &'a std::sync::atomic::AtomicUsize,
    }

    impl io::Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some(n) = self.lines.next() else { return Ok(0) };
            self.handed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let line = format!("q{n}\n");
            buf[..line.len()].copy_from_slice(line.as_bytes());
            Ok(line.len())
        }
    }

    #[test]
    fn a_slow_answer_holds_the_reading_at_most_the_chunks_ahead_of_the_output() {
        let handed = std::sync::atomic::AtomicUsize::new(0);
        let lines = 100 * CHUNK_LINES * CHUNKS_AHEAD;
        let input = io::BufReader::new(Counted { lines: 0..lines, handed: &handed });
        let read_while_stuck = std::sync::atomic::AtomicUsize::new(0);
        let answer = |q: &str| {
            if q == "q0" {
                // Long enough for the reader to race ahead through the whole input if nothing
                // held it.
                std::thread::sleep(std::time::Duration::from_millis(300));
                read_while_stuck.store(
                    handed.load(std::sync::atomic::Ordering::SeqCst),
                    std::sync::atomic::Ordering::SeqCst,
                );
            }
            Answer::new(true, q).text(q)
        };
        let mut out = Vec::new();
        assert_eq!(answer_all(input, &mut out, 2, true, answer).unwrap(), lines);
        assert_eq!(queries(&String::from_utf8(out).unwrap()).len(), lines);
        let read = read_while_stuck.load(std::sync::atomic::Ordering::SeqCst);
        // The chunks in flight, and the one being read when the window filled.
        let bound = (2 * CHUNKS_AHEAD + 1) * CHUNK_LINES;
        assert!(
            read > 0 && read <= bound,
            "{read} lines read while the first chunk was stuck; at most {bound}"
        );
    }
}
