//! The Telegram adapter.

use std::path::Path;

use crate::cli::Failure;
use crate::config::Settings;

/// Runs the bot until SIGINT or SIGTERM.
pub fn serve(_corpus: &Path, _index: &Path, _settings: Settings) -> Result<(), Failure> {
    Err(Failure::usage(anyhow::anyhow!("not yet")))
}
