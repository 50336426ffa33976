//! The handler tree and its thin handlers: decide whether a message is for us, ask the engine
//! (off the async threads), send the answer. A panic in a handler costs one apology, not the bot.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

use futures::FutureExt;
use teloxide::dispatching::{UpdateFilterExt, UpdateHandler};
use teloxide::prelude::*;
use teloxide::types::{Me, MessageId};

use super::pace::Pacer;
use super::send::{retry, send_answer};
use crate::answer::Answer;
use crate::commands::addressee;
use crate::engine::Engine;
use crate::messages;

/// The handler tree: messages, edited messages (answered afresh) and button presses.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_edited_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_callback))
}

/// What to do with a message.
#[derive(Debug, PartialEq, Eq)]
enum Decision {
    /// Answer this text.
    Answer(String),
    /// Tell the user the bot reads text only.
    NonText,
    /// Not for us (another bot's command, group chatter).
    Ignore,
}

async fn on_message(bot: Bot, msg: Message, engine: Arc<Engine>, me: Me, pacer: Pacer) -> anyhow::Result<()> {
    let started = Instant::now();
    let chat = msg.chat.id;
    let decision = decide(&msg, &me);
    let reply_to = (!msg.chat.is_private()).then_some(msg.id);
    let answered = match decision {
        Decision::Ignore => None,
        Decision::NonText => {
            let hint =
                Answer::new(false, messages::NON_TEXT_TITLE).text(messages::NON_TEXT).action("Help", "/help");
            deliver(&bot, &pacer, chat, hint, reply_to).await;
            Some(false)
        }
        Decision::Answer(text) => Some(answer_and_send(&bot, &pacer, &engine, chat, text, reply_to).await),
    };
    tracing::debug!(
        chat = chat.0,
        message = msg.id.0,
        answered,
        elapsed_us = started.elapsed().as_micros() as u64,
        "handled a message"
    );
    Ok(())
}

async fn on_callback(
    bot: Bot,
    query: CallbackQuery,
    engine: Arc<Engine>,
    pacer: Pacer,
) -> anyhow::Result<()> {
    let started = Instant::now();
    // Stop the button's spinner first; a failure here must not cost the reply.
    if let Err(error) =
        retry("answerCallbackQuery", || bot.answer_callback_query(query.id.clone()).into_future()).await
    {
        tracing::warn!(%error, "could not answer a callback query");
    }
    let chat = query.message.as_ref().map(|m| m.chat().id);
    let data = query.data.clone().unwrap_or_default();
    let answered = match chat {
        Some(chat) if data.starts_with('/') => {
            Some(answer_and_send(&bot, &pacer, &engine, chat, data, None).await)
        }
        _ => None,
    };
    tracing::debug!(callback = %query.id.0, answered, elapsed_us = started.elapsed().as_micros() as u64, "handled a button press");
    Ok(())
}

/// Asks the engine off the async threads and sends the answer; returns whether it answered.
/// A panic anywhere in between becomes an apology to this chat alone.
async fn answer_and_send(
    bot: &Bot,
    pacer: &Pacer,
    engine: &Arc<Engine>,
    chat: ChatId,
    text: String,
    reply_to: Option<MessageId>,
) -> bool {
    let work = async move {
        // On this thread, with its async work handed to another: no wake-up of a pool thread
        // on the way to the answer, and the async workers are never blocked.
        let asked = Instant::now();
        let answer = tokio::task::block_in_place(|| engine.answer(&text));
        let answered = answer.answered;
        // How long the answer took here, hand-off included: far more than in a warm loop when
        // answers are few and far between (see BENCHMARKS.md).
        tracing::debug!(chat = chat.0, answered, engine_us = asked.elapsed().as_micros() as u64, "answered");
        deliver(bot, pacer, chat, answer, reply_to).await;
        anyhow::Ok(answered)
    };
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(Ok(answered)) => answered,
        Ok(Err(error)) => {
            tracing::error!(%error, chat = chat.0, "answering failed; sending an apology");
            apologize(bot, pacer, chat, reply_to).await;
            false
        }
        Err(_) => {
            tracing::error!(chat = chat.0, "a handler panicked; sending an apology");
            apologize(bot, pacer, chat, reply_to).await;
            false
        }
    }
}

async fn apologize(bot: &Bot, pacer: &Pacer, chat: ChatId, reply_to: Option<MessageId>) {
    let apology = Answer::new(false, messages::APOLOGY_TITLE).text(messages::APOLOGY);
    deliver(bot, pacer, chat, apology, reply_to).await;
}

/// Sends an answer; a reply that could not be delivered after retries is logged as lost.
async fn deliver(bot: &Bot, pacer: &Pacer, chat: ChatId, answer: Answer, reply_to: Option<MessageId>) {
    if let Err(error) = send_answer(bot, pacer, chat, &answer, reply_to).await {
        tracing::error!(%error, chat = chat.0, "a reply was lost: Telegram did not accept it after retries");
    }
}

/// Private chats get an answer to everything. In groups the bot answers commands for it (bare or
/// `@`-addressed to it), and text that mentions it or replies to it.
fn decide(msg: &Message, me: &Me) -> Decision {
    let Some(text) = msg.text() else {
        return if msg.chat.is_private() { Decision::NonText } else { Decision::Ignore };
    };
    let is_command = text.trim_start().starts_with('/');
    if is_command {
        return match addressee(text) {
            Some(bot) if !bot.eq_ignore_ascii_case(me.username()) => Decision::Ignore,
            _ => Decision::Answer(text.to_string()),
        };
    }
    if msg.chat.is_private() {
        return Decision::Answer(text.to_string());
    }
    if msg.chat.is_channel() {
        return Decision::Ignore;
    }
    let mention = format!("@{}", me.username());
    if let Some(stripped) = strip_mention(text, &mention) {
        return Decision::Answer(stripped);
    }
    let replies_to_us = msg.reply_to_message().and_then(|m| m.from.as_ref()).is_some_and(|u| u.id == me.id);
    if replies_to_us { Decision::Answer(text.to_string()) } else { Decision::Ignore }
}

/// `text` without `@BotName` (any case), if it was mentioned.
fn strip_mention(text: &str, mention: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let needle = mention.to_lowercase();
    // Lower-casing can change byte lengths; only strip when it does not.
    if lower.len() != text.len() {
        return lower.contains(&needle).then(|| text.to_string());
    }
    let at = lower.find(&needle)?;
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..at]);
    out.push_str(&text[at + needle.len()..]);
    Some(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_stripped_in_any_case() {
        assert_eq!(
            strip_mention("@careerguidebot what is mlops", "@CareerGuideBot").as_deref(),
            Some("what is mlops")
        );
        assert_eq!(strip_mention("hello all", "@CareerGuideBot"), None);
    }
}
