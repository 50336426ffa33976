//! The Telegram adapter: connects, registers the command menu, long-polls, and hands every
//! message and button press to the engine. Thin: what to answer is the engine's business.

mod handlers;
mod keyboard;
mod pace;
mod send;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::anyhow;
use teloxide::dispatching::Dispatcher;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::types::{AllowedUpdate, BotCommand, Me};
use teloxide::update_listeners::Polling;
use teloxide::{ApiError, RequestError};

pub use handlers::schema;
use pace::{Limits, Pacer};

use crate::cli::{Failure, open_engine};
use crate::commands::COMMANDS;
use crate::config::{API_URL_VAR, Settings, TOKEN_VAR};
use crate::engine::Engine;

/// How long one getUpdates call waits for news (must stay below the HTTP client's timeout).
const POLL_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest pause between attempts to reach Telegram.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Runs the bot until SIGINT or SIGTERM, then lets in-flight replies finish and returns.
pub fn serve(corpus: &Path, index: &Path, settings: Settings) -> Result<(), Failure> {
    let token = settings.token.clone().ok_or_else(|| {
        Failure::usage(anyhow!(
            "no Telegram bot token: set {TOKEN_VAR} in the environment or in .env (see .env.example)"
        ))
    })?;
    let mut bot = Bot::new(token.expose());
    if let Some(url) = &settings.api_url {
        let url =
            url.parse().map_err(|e| Failure::usage(anyhow!("{API_URL_VAR} is not a valid URL: {e}")))?;
        bot = bot.set_api_url(url);
    }
    let engine = Arc::new(open_engine(corpus, index)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(answer_threads())
        .enable_all()
        .build()?;
    runtime.block_on(run(bot, engine, settings.unthrottled))
}

async fn run(bot: Bot, engine: Arc<Engine>, unthrottled: bool) -> Result<(), Failure> {
    let me = tokio::select! {
        me = connect(&bot) => me?,
        () = shutdown_signal() => {
            tracing::info!("stopped before connecting");
            return Ok(());
        }
    };
    tracing::info!(username = %me.username(), "connected to Telegram");
    register_commands(&bot).await;
    let pacer = if unthrottled {
        tracing::warn!(
            "Telegram rate limits are lifted (benchmark setting): never use this against Telegram"
        );
        Pacer::unlimited()
    } else {
        Pacer::new(Limits::TELEGRAM)
    };
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
        .dependencies(dptree::deps![engine, me, pacer])
        .default_handler(|update| async move {
            tracing::debug!(update_id = update.id.0, "ignored an update of a kind the bot does not handle");
        })
        .error_handler(LoggingErrorHandler::with_custom_text("an update handler failed"))
        .build();
    let token = dispatcher.shutdown_token();
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("stopping: finishing in-flight replies");
        loop {
            match token.shutdown() {
                Ok(done) => return done.await,
                // Not dispatching yet: try again in a moment.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });
    let listener = Polling::builder(bot)
        .timeout(POLL_TIMEOUT)
        .allowed_updates(vec![
            AllowedUpdate::Message,
            AllowedUpdate::EditedMessage,
            AllowedUpdate::CallbackQuery,
        ])
        .backoff_strategy(Box::new(backoff))
        .delete_webhook()
        .await
        .build();
    tracing::info!("polling for updates");
    dispatcher
        .dispatch_with_listener(listener, LoggingErrorHandler::with_custom_text("polling failed"))
        .await;
    tracing::info!("stopped");
    Ok(())
}

/// getMe until it answers: a rejected token ends the program (exit code 2), anything else is
/// retried with backoff.
async fn connect(bot: &Bot) -> Result<Me, Failure> {
    let mut attempt = 0;
    loop {
        match bot.get_me().await {
            Ok(me) => return Ok(me),
            Err(RequestError::Api(ApiError::InvalidToken)) => {
                return Err(Failure::usage(anyhow!(
                    "Telegram rejected the bot token (401 Unauthorized): check {TOKEN_VAR} in the environment or .env"
                )));
            }
            Err(error) => {
                attempt += 1;
                let wait = backoff(attempt);
                tracing::warn!(%error, retry_in_ms = wait.as_millis() as u64, "Telegram unreachable; retrying");
                tokio::time::sleep(wait).await;
            }
        }
    }
}

/// Registers the command menu from the same table that makes `/help`.
async fn register_commands(bot: &Bot) {
    let commands: Vec<BotCommand> =
        COMMANDS.iter().map(|spec| BotCommand::new(spec.name, spec.description)).collect();
    if let Err(error) = bot.set_my_commands(commands).await {
        tracing::warn!(%error, "could not register the command menu; commands still work");
    }
}

/// Threads for blocking work, chiefly the engine's answers: each answer runs in `block_in_place`,
/// whose worker hands its async work to a thread of this pool meanwhile. Answering is CPU-bound,
/// so threads beyond the cores only queue for them; tokio's default (512) let a burst of chats
/// spawn a thread, stack and allocator arena per waiting answer (83-100 threads in the soak on 2
/// cores).
fn answer_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) * 2
}

/// 250 ms, doubling per failure, at most [`MAX_BACKOFF`].
fn backoff(failures: u32) -> Duration {
    (Duration::from_millis(250) * 2u32.saturating_pow(failures.saturating_sub(1).min(8))).min(MAX_BACKOFF)
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
