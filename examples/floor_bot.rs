//! The floor for the end-to-end bench: the least a teloxide bot can do per update (long-poll,
//! dispatch, reply a constant), built from the same teloxide features as careerbot. It reads
//! `TELOXIDE_TOKEN` and `TELOXIDE_API_URL`, polls as careerbot does, and stops on SIGTERM.

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::update_listeners::Polling;

const REPLY: &str = "A constant reply.";

#[tokio::main]
async fn main() {
    let bot = Bot::from_env();
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        bot.send_message(msg.chat.id, REPLY).await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(bot.clone(), handler).build();
    let token = dispatcher.shutdown_token();
    tokio::spawn(async move {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        term.recv().await;
        while token.shutdown().is_err() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let listener = Polling::builder(bot).timeout(Duration::from_secs(10)).delete_webhook().await.build();
    dispatcher
        .dispatch_with_listener(listener, LoggingErrorHandler::with_custom_text("polling failed"))
        .await;
}
