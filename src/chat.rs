//! The terminal chat: a prompt with line editing on a terminal, plain line-by-line when piped.

use std::io::{self, BufRead, Write};

use crate::answer::render_plain;
use crate::engine::Engine;

/// Greeting printed when an interactive chat starts.
pub const BANNER: &str = "careerbot — ask about AI careers (/help for commands, Ctrl-D to quit).";

/// Answers every line of `input` on `output`, each reply followed by a blank line. Blank input
/// lines are skipped; invalid UTF-8 is read lossily.
pub fn run_piped(engine: &Engine, mut input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    let mut raw = Vec::new();
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&raw);
        if line.trim().is_empty() {
            continue;
        }
        writeln!(output, "{}\n", render_plain(&engine.answer(&line)))?;
        output.flush()?;
    }
    Ok(())
}

/// The interactive chat on a terminal, with history and line editing.
pub fn run_terminal(engine: &Engine) -> anyhow::Result<()> {
    use rustyline::error::ReadlineError;
    let mut editor = rustyline::DefaultEditor::new()?;
    let mut stdout = io::stdout();
    writeln!(stdout, "{BANNER}\n")?;
    loop {
        match editor.readline("you> ") {
            Ok(line) => {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(line.as_str());
                writeln!(stdout, "\n{}\n", render_plain(&engine.answer(&line)))?;
            }
            Err(ReadlineError::Interrupted | ReadlineError::Eof) => return Ok(()),
            Err(e) => return Err(e.into()),
        }
    }
}
