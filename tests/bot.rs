//! The real bot (`careerbot serve`, the built binary) against the loopback fake Bot API.

use std::time::Duration;

use serde_json::Value;

use careerbot::answer::{MAX_MESSAGE_UNITS, render_html, split_messages};
use careerbot::commands::COMMANDS;
use careerbot::messages;

use crate::support::fake_telegram::{self as tg, FakeTelegram, Fault};
use crate::support::{BotProcess, TOKEN, engine};

const PATIENCE: Duration = Duration::from_secs(30);

/// Starts a fake and the bot against it, and waits until the bot polls.
async fn start(log_level: &str) -> (FakeTelegram, BotProcess) {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = BotProcess::start(&fake.url(), TOKEN, log_level);
    let polling = fake.wait_until(PATIENCE, |f| !f.calls("getUpdates").is_empty()).await;
    assert!(polling, "the bot never polled; its log:\n{}", bot.log());
    (fake, bot)
}

/// What the engine would send for `text`, message by message.
fn expected_messages(text: &str) -> Vec<String> {
    split_messages(&render_html(&engine().answer(text)), MAX_MESSAGE_UNITS)
}

fn sends_to(fake: &FakeTelegram, chat: i64) -> Vec<Value> {
    fake.calls("sendMessage")
        .into_iter()
        .map(|r| r.body)
        .filter(|b| b["chat_id"].as_i64() == Some(chat))
        .collect()
}

fn callback_data(body: &Value) -> Vec<String> {
    body["reply_markup"]["inline_keyboard"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row.as_array().into_iter().flatten())
        .filter_map(|button| button["callback_data"].as_str().map(str::to_string))
        .collect()
}

async fn stop(mut bot: BotProcess) -> String {
    let (code, _) = tokio::task::block_in_place(|| bot.terminate(Duration::from_secs(10)));
    assert_eq!(code, Some(0), "the bot did not exit cleanly; its log:\n{}", bot.log());
    bot.log()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_answers_commands_questions_groups_buttons_and_odd_updates() {
    let (fake, bot) = start("careerbot=debug,warn").await;

    // The command menu comes from the same table as /help.
    let menu = fake.calls("setMyCommands");
    assert_eq!(menu.len(), 1);
    let names: Vec<&str> =
        menu[0].body["commands"].as_array().unwrap().iter().map(|c| c["command"].as_str().unwrap()).collect();
    assert_eq!(names, COMMANDS.iter().map(|c| c.name).collect::<Vec<_>>());

    let group = -100_500;
    fake.push_update(tg::private_text(1001, "/role mlops"));
    fake.push_update(tg::private_text(1002, "/salary senior"));
    fake.push_update(tg::private_text(1003, "how much does an MLOps engineer make?"));
    fake.push_update(tg::group_text(group, 7, "/role@OtherBot mlops"));
    fake.push_update(tg::group_text(group, 7, "anyone for lunch?"));
    fake.push_update(tg::group_text(group, 7, "/ROLE@CareerGuideBot data scientist"));
    fake.push_update(tg::group_text(group, 8, "@CareerGuideBot do I need a PhD?"));
    fake.push_update(tg::group_reply_to_bot(group, 9, "and for computer vision?", 1));
    fake.push_update(tg::private_sticker(1004));
    fake.push_update(tg::private_photo(1004));
    fake.push_update(tg::private_text(1005, "/dance"));
    fake.push_update(tg::callback(1001, "/skills mlops", 77));
    fake.push_update(tg::edited_private_text(1006, 5, "what is mlops?"));

    let done = fake
        .wait_until(PATIENCE, |f| {
            f.calls("sendMessage").len() >= 11 && !f.calls("answerCallbackQuery").is_empty()
        })
        .await;
    assert!(done, "not every reply came; sent: {:#?}\nlog:\n{}", fake.calls("sendMessage"), bot.log());

    // Private questions get the engine's answer, in HTML, with the role's buttons.
    let role = sends_to(&fake, 1001);
    assert_eq!(role[0]["text"].as_str().unwrap(), expected_messages("/role mlops")[0]);
    assert_eq!(role[0]["parse_mode"], "HTML");
    assert!(role[0]["text"].as_str().unwrap().starts_with("<b>MLOps Engineer</b>"));
    let buttons = callback_data(&role[0]);
    assert!(buttons.contains(&"/salary mlops".to_string()), "{buttons:?}");
    assert!(buttons.iter().all(|b| b.len() <= 64));

    let senior = sends_to(&fake, 1002);
    assert_eq!(senior.len(), 1);
    assert_eq!(senior[0]["text"].as_str().unwrap(), expected_messages("/salary senior")[0]);
    assert!(senior[0]["text"].as_str().unwrap().contains("$190,000 - $280,000"));

    let free = sends_to(&fake, 1003);
    assert_eq!(
        free[0]["text"].as_str().unwrap(),
        expected_messages("how much does an MLOps engineer make?")[0]
    );
    assert!(free[0]["text"].as_str().unwrap().contains("$110k–$270k+"));

    // The button press is answered, and its content sent to the chat.
    let answered = fake.calls("answerCallbackQuery");
    assert_eq!(answered.len(), 1);
    assert!(answered[0].body["callback_query_id"].as_str().is_some());
    assert!(role[1]["text"].as_str().unwrap().contains("Kubernetes"), "{:?}", role[1]);

    // Groups: our command (any case, @-addressed), a mention and a reply to us; nothing else.
    let group_texts: Vec<String> =
        sends_to(&fake, group).iter().map(|b| b["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(group_texts.len(), 3, "{group_texts:#?}");
    assert!(group_texts.iter().any(|t| t.starts_with("<b>Data Scientist</b>")));
    assert!(group_texts.iter().any(|t| t.contains("Do I need a PhD")));
    assert!(group_texts.iter().any(|t| t.contains("Computer Vision")));
    assert!(sends_to(&fake, group).iter().all(|b| b["reply_parameters"]["message_id"].is_i64()));

    // A sticker and a photo get the text-only hint; an unknown command points to /help.
    let hints = sends_to(&fake, 1004);
    assert_eq!(hints.len(), 2);
    assert!(hints.iter().all(|h| h["text"].as_str().unwrap().contains(messages::NON_TEXT_TITLE)));
    let unknown = &sends_to(&fake, 1005)[0];
    assert!(unknown["text"].as_str().unwrap().contains("/help"));
    assert!(callback_data(unknown).contains(&"/help".to_string()));

    // An edited message is answered afresh.
    assert!(sends_to(&fake, 1006)[0]["text"].as_str().unwrap().contains("MLOps"));

    let log = stop(bot).await;
    assert!(log.contains("handled a message"), "one debug line per update:\n{log}");
    assert!(!log.contains(TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_question_gets_exactly_one_reply_through_429_and_dropped_connections() {
    let (fake, bot) = start("careerbot=info,warn").await;
    fake.inject("sendMessage", [Fault::RetryAfter(1), Fault::Drop, Fault::MalformedJson]);
    fake.inject("getUpdates", [Fault::Drop, Fault::MalformedJson]);
    let chats: Vec<i64> = (2001..2006).collect();
    for &chat in &chats {
        fake.push_update(tg::private_text(chat, "what skills does a data scientist need?"));
    }
    let all = fake.wait_until(PATIENCE, |f| chats.iter().all(|&c| !sends_to(f, c).is_empty())).await;
    assert!(all, "some questions got no reply; log:\n{}", bot.log());
    // Let any stray duplicate arrive before counting.
    let _ = fake.wait_until(Duration::from_millis(500), |f| f.calls("sendMessage").len() > chats.len()).await;
    for &chat in &chats {
        assert_eq!(sends_to(&fake, chat).len(), 1, "chat {chat}");
    }
    // Polling neither skipped nor replayed: each update was handed out once.
    let offsets: Vec<i64> =
        fake.calls("getUpdates").iter().filter_map(|r| r.body["offset"].as_i64()).collect();
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "offsets went backwards: {offsets:?}");
    stop(bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_stops_the_bot_with_exit_code_2() {
    let fake = FakeTelegram::start(TOKEN).await;
    fake.reject_token();
    let mut bot = BotProcess::start(&fake.url(), TOKEN, "careerbot=info,warn");
    let code = tokio::task::block_in_place(|| bot.wait_exit(Duration::from_secs(20)));
    assert_eq!(code, Some(2), "log:\n{}", bot.log());
    let log = bot.log();
    assert!(log.contains("rejected the bot token"), "{log}");
    assert!(!log.contains(TOKEN), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_polling_and_exits_zero_quickly() {
    let (fake, mut bot) = start("careerbot=info,warn").await;
    fake.push_update(tg::private_text(3001, "/roles"));
    assert!(fake.wait_until(PATIENCE, |f| !sends_to(f, 3001).is_empty()).await);
    let (code, took) = tokio::task::block_in_place(|| bot.terminate(Duration::from_secs(10)));
    assert_eq!(code, Some(0), "log:\n{}", bot.log());
    assert!(took < Duration::from_secs(10));
    assert!(bot.log().contains("stopped"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_never_appears_in_trace_logs() {
    let (fake, bot) = start("trace").await;
    fake.push_update(tg::private_text(4001, "/salary"));
    fake.inject("sendMessage", [Fault::Drop]);
    assert!(fake.wait_until(PATIENCE, |f| !sends_to(f, 4001).is_empty()).await, "log:\n{}", bot.log());
    let log = stop(bot).await;
    assert!(log.contains("TRACE") || log.contains("DEBUG"), "trace logging was on");
    assert!(!log.contains(TOKEN), "the token leaked into the log");
    assert!(!log.contains("TEST-token"), "part of the token leaked into the log");
}
