//! The `careerbot` binary: loads `.env`, parses the command line, starts logging, runs, and maps
//! the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

use careerbot::cli::{Cli, run};
use careerbot::config::Settings;
use careerbot::logging;

fn main() -> ExitCode {
    // `.env` first, so that clap's env defaults and the settings both see it.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    let settings = Settings::from_env();
    let secrets: Vec<String> = settings.token.iter().map(|t| t.expose().to_string()).collect();
    logging::init(secrets.clone());
    match run(cli, settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let message = logging::redact(&format!("{:#}", failure.error), &secrets);
            tracing::debug!(code = failure.code, "exiting with an error");
            eprintln!("error: {message}");
            ExitCode::from(failure.code)
        }
    }
}
