//! Logging setup: tracing to stderr, filtered by `RUST_LOG`, with secrets redacted from every line.

use std::io::{self, Write};
use std::sync::Arc;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// What is logged when `RUST_LOG` is not set.
pub const DEFAULT_FILTER: &str = "careerbot=info,warn";

/// Starts logging. Every occurrence of any of `secrets` in a log line is replaced by
/// `[REDACTED]`, whatever logged it (our code, teloxide, reqwest, hyper).
pub fn init(secrets: Vec<String>) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Redacting::new(secrets, io::stderr))
        .try_init();
}

/// Replaces every secret in `text` with `[REDACTED]`.
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(secret.as_str(), "[REDACTED]");
    }
    out
}

/// A `MakeWriter` whose writers redact secrets before passing each line on.
#[derive(Clone)]
pub struct Redacting<F> {
    secrets: Arc<Vec<String>>,
    make: F,
}

impl<F> Redacting<F> {
    /// Wraps `make` (a function returning the inner writer).
    pub fn new(secrets: Vec<String>, make: F) -> Self {
        Redacting { secrets: Arc::new(secrets.into_iter().filter(|s| !s.is_empty()).collect()), make }
    }
}

impl<'a, F, W> MakeWriter<'a> for Redacting<F>
where
    F: Fn() -> W + 'a,
    W: Write,
{
    type Writer = RedactingWriter<W>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter { secrets: Arc::clone(&self.secrets), inner: (self.make)(), buffer: Vec::new() }
    }
}

/// Buffers one event's output and writes it redacted when dropped.
pub struct RedactingWriter<W: Write> {
    secrets: Arc<Vec<String>>,
    inner: W,
    buffer: Vec<u8>,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.buffer.is_empty() {
            let text = String::from_utf8_lossy(&self.buffer);
            let clean = redact(&text, &self.secrets);
            self.inner.write_all(clean.as_bytes())?;
            self.buffer.clear();
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for RedactingWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_from_written_lines() {
        let sink = Arc::new(std::sync::Mutex::new(Vec::new()));
        let make = {
            let sink = Arc::clone(&sink);
            move || SharedSink(Arc::clone(&sink))
        };
        let writer = Redacting::new(vec!["123:ABC".into()], make);
        {
            let mut w = writer.make_writer();
            w.write_all(b"GET /bot123:").unwrap();
            w.write_all(b"ABC/getMe\n").unwrap();
        }
        assert_eq!(String::from_utf8(sink.lock().unwrap().clone()).unwrap(), "GET /bot[REDACTED]/getMe\n");
    }

    struct SharedSink(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for SharedSink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
}
