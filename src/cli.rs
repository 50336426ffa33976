//! The command line: `careerbot [serve | chat | ask | index | eval]`, and what each runs.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::answer::render_plain;
use crate::config::{Settings, TOKEN_VAR};
use crate::corpus::load_corpus;
use crate::engine::{Engine, EngineError};
use crate::index::GuideIndex;

/// careerbot answers questions about AI careers from a career guide.
#[derive(Debug, Parser)]
#[command(name = "careerbot", version, about, long_about = None)]
pub struct Cli {
    /// Folder of the guide's Markdown files and vocabulary.toml.
    #[arg(long, global = true, env = "CAREERBOT_CORPUS", default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder of the search index (built from the corpus when missing or stale).
    #[arg(long, global = true, env = "CAREERBOT_INDEX", default_value = "index")]
    pub index: PathBuf,
    /// What to run; without one: `serve` when a Telegram token is configured, else `chat`.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Telegram bot (needs TELOXIDE_TOKEN).
    Serve,
    /// Chat in the terminal.
    Chat,
    /// Answer a question, or every line of standard input.
    Ask {
        /// One JSON object per answer, one per line.
        #[arg(long)]
        json: bool,
        /// The question; without one, questions are read from standard input, one per line.
        question: Vec<String>,
    },
    /// Build the search index from the corpus.
    Index,
    /// Measure answer quality on a labelled question set (TOML).
    Eval {
        /// The question set, e.g. tests/questions/holdout.toml.
        file: PathBuf,
        /// Fail (exit code 1) when the in-scope answer rate or the decline rate is below this
        /// share (0 to 1).
        #[arg(long)]
        min: Option<f64>,
    },
}

/// A failure with the exit code it maps to: 2 for what the user can fix, 1 for the rest.
#[derive(Debug)]
pub struct Failure {
    /// Process exit code.
    pub code: u8,
    /// What went wrong.
    pub error: anyhow::Error,
}

impl Failure {
    /// A failure the user can fix (configuration, input): exit code 2.
    pub fn usage(error: impl Into<anyhow::Error>) -> Self {
        Failure { code: 2, error: error.into() }
    }
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure { code: 1, error: error.into() }
    }
}

/// Runs the command line.
pub fn run(cli: Cli, settings: Settings) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Serve) => crate::bot::serve(&cli.corpus, &cli.index, settings),
        Some(Command::Chat) => chat(&cli.corpus, &cli.index),
        Some(Command::Ask { json, question }) => ask(&cli.corpus, &cli.index, json, &question),
        Some(Command::Index) => index(&cli.corpus, &cli.index),
        Some(Command::Eval { file, min }) => eval(&cli.corpus, &cli.index, &file, min),
        None if settings.token.is_some() => crate::bot::serve(&cli.corpus, &cli.index, settings),
        None => {
            tracing::info!(
                "no {TOKEN_VAR} configured: starting the terminal chat (see .env.example to connect Telegram)"
            );
            eprintln!(
                "No Telegram token configured ({TOKEN_VAR}): starting the terminal chat. See .env.example to connect Telegram."
            );
            chat(&cli.corpus, &cli.index)
        }
    }
}

/// Opens the engine; a corpus problem is the user's to fix (exit code 2).
pub fn open_engine(corpus: &Path, index: &Path) -> Result<Engine, Failure> {
    match Engine::open(corpus, index) {
        Ok((engine, _)) => Ok(engine),
        Err(EngineError::Corpus(e)) => Err(Failure::usage(e)),
        Err(e) => Err(e.into()),
    }
}

fn chat(corpus: &Path, index: &Path) -> Result<(), Failure> {
    let engine = open_engine(corpus, index)?;
    if io::stdin().is_terminal() {
        crate::chat::run_terminal(&engine)?;
    } else {
        crate::chat::run_piped(&engine, io::stdin().lock(), io::stdout().lock())?;
    }
    Ok(())
}

fn ask(corpus: &Path, index: &Path, json: bool, question: &[String]) -> Result<(), Failure> {
    let engine = open_engine(corpus, index)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if question.is_empty() {
        let count = crate::ask::run_batch(&engine, io::stdin().lock(), &mut out, json)?;
        tracing::debug!(count, "answered standard input");
    } else {
        let text = question.join(" ");
        let answer = engine.answer(&text);
        if json {
            crate::ask::write_answer(&mut out, &text, &answer, true)?;
        } else {
            writeln!(out, "{}", render_plain(&answer))?;
        }
    }
    out.flush()?;
    Ok(())
}

fn index(corpus_dir: &Path, index_dir: &Path) -> Result<(), Failure> {
    let started = Instant::now();
    let corpus = load_corpus(corpus_dir).map_err(Failure::usage)?;
    GuideIndex::build(index_dir, &corpus)?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Indexed {} passages from {} in {} ms into {}",
        corpus.passages.len(),
        corpus_dir.display(),
        started.elapsed().as_millis(),
        index_dir.display()
    )?;
    Ok(())
}

fn eval(corpus: &Path, index: &Path, file: &Path, min: Option<f64>) -> Result<(), Failure> {
    let set = crate::eval::load_questions(file).map_err(Failure::usage)?;
    let engine = open_engine(corpus, index)?;
    let report = crate::eval::evaluate(&engine, &set);
    write!(io::stdout().lock(), "{}", report.render())?;
    if let Some(min) = min {
        let worst = report.answered_rate().min(report.declined_rate());
        if worst < min {
            return Err(anyhow::anyhow!(
                "quality below --min {min}: {:.1}% of in-scope questions answered right, {:.1}% of out-of-scope declined",
                100.0 * report.answered_rate(),
                100.0 * report.declined_rate()
            )
            .into());
        }
    }
    Ok(())
}
