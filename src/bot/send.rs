//! Sending replies: HTML split into Telegram-sized messages, buttons on the last one, and
//! bounded retries for failures that are worth retrying.

use std::future::Future;
use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{MessageId, ParseMode, ReplyParameters};
use teloxide::{ApiError, RequestError};

use super::keyboard::keyboard;
use super::pace::Pacer;
use crate::answer::{Answer, MAX_MESSAGE_UNITS, render_html, split_messages};

/// Attempts per request before a reply is given up (and logged as lost).
const MAX_ATTEMPTS: u32 = 5;

/// Sends `answer` to `chat`, as a reply to `reply_to` when given, each message (and each retry)
/// in its turn under the rate limits. Returns the first error that retries did not cure.
pub async fn send_answer(
    bot: &Bot,
    pacer: &Pacer,
    chat: ChatId,
    answer: &Answer,
    reply_to: Option<MessageId>,
) -> Result<(), RequestError> {
    let messages = split_messages(&render_html(answer), MAX_MESSAGE_UNITS);
    let last = messages.len().saturating_sub(1);
    for (i, text) in messages.into_iter().enumerate() {
        retry("sendMessage", || {
            let mut request = bot.send_message(chat, text.clone()).parse_mode(ParseMode::Html);
            if i == 0
                && let Some(id) = reply_to
            {
                request = request.reply_parameters(ReplyParameters::new(id).allow_sending_without_reply());
            }
            if i == last
                && let Some(markup) = keyboard(&answer.actions)
            {
                request = request.reply_markup(markup);
            }
            async move {
                let sending = pacer.send(chat).await;
                let result = request.await;
                if let Err(RequestError::RetryAfter(after)) = &result {
                    sending.hold(after.duration());
                }
                result
            }
        })
        .await?;
    }
    Ok(())
}

/// Runs a request until it succeeds, fails for good, or runs out of attempts. Flood control
/// (429) waits as long as Telegram asks; dropped connections, 5xx answers and garbled replies
/// back off briefly. A retried send may, rarely, arrive twice; a lost one would be worse.
pub async fn retry<T, F, Fut>(what: &str, mut request: F) -> Result<T, RequestError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RequestError>>,
{
    let mut attempt = 1;
    loop {
        let error = match request().await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        let wait = match &error {
            RequestError::RetryAfter(after) => Some(after.duration()),
            error if is_transient(error) => Some(Duration::from_millis(100) * 2u32.pow(attempt - 1)),
            _ => None,
        };
        match wait {
            Some(wait) if attempt < MAX_ATTEMPTS => {
                tracing::warn!(%error, attempt, retry_in_ms = wait.as_millis() as u64, "{what} failed; retrying");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            _ => return Err(error),
        }
    }
}

/// Failures a second attempt may cure: the network, a server error, a garbled answer.
fn is_transient(error: &RequestError) -> bool {
    matches!(
        error,
        RequestError::Network(_)
            | RequestError::InvalidJson { .. }
            | RequestError::Io(_)
            | RequestError::Api(ApiError::Unknown(_))
    )
}
