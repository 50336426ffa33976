//! Faults on the wire: the real bot against a fake Bot API that answers 500 and 502, drops
//! connections, garbles JSON and answers slowly, on sends and on polls alike.

use std::time::Duration;

use crate::support::fake_telegram::{self as tg, FakeTelegram, Fault};
use crate::support::{check_polling, expected_messages, serve};

/// Long enough for teloxide's 10 s pause after a 5xx, plus retries, on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

const QUESTIONS: [&str; 3] = ["/salary senior", "do I need a PhD?", "/role mlops"];

/// Asks one question in each chat; returns the update ids.
fn ask(fake: &FakeTelegram, chats: &[i64]) -> Vec<i64> {
    chats.iter().map(|&chat| fake.push_update(tg::private_text(chat, question(chat)))).collect()
}

fn question(chat: i64) -> &'static str {
    QUESTIONS[chat.unsigned_abs() as usize % QUESTIONS.len()]
}

fn answered(fake: &FakeTelegram, chats: &[i64]) -> bool {
    chats.iter().all(|&chat| fake.sent_texts(chat).len() >= expected_messages(question(chat)).len())
}

/// How many `method` requests got `fault` so far.
fn faulted(fake: &FakeTelegram, method: &str, fault: &Fault) -> usize {
    fake.requests().iter().filter(|r| r.method == method && r.fault.as_ref() == Some(fault)).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_question_is_answered_once_through_server_errors_drops_garbage_and_slow_answers() {
    let fake = FakeTelegram::start(crate::support::TOKEN).await;
    let mut bot = serve(&fake, &[]).await;
    let mut pushed = Vec::new();
    let mut chats = Vec::new();

    // Wave 1: the first two sends get 500 and 502 (teloxide then pauses 10 s before retrying).
    fake.inject("sendMessage", [Fault::Status(500), Fault::Status(502)]);
    let wave: Vec<i64> = (101..=103).collect();
    pushed.extend(ask(&fake, &wave));
    chats.extend(&wave);
    let both = fake.wait_until(PATIENCE, |f| faulted(f, "sendMessage", &Fault::Status(502)) == 1).await;
    assert!(both, "the bot never sent; log:\n{}", bot.log());

    // Wave 2: while those sends wait, a poll gets 500; questions arrive while polling is down.
    fake.inject("getUpdates", [Fault::Status(500)]);
    let down = fake.wait_until(PATIENCE, |f| faulted(f, "getUpdates", &Fault::Status(500)) == 1).await;
    assert!(down, "the bot stopped polling; log:\n{}", bot.log());
    let wave: Vec<i64> = (201..=203).collect();
    pushed.extend(ask(&fake, &wave));
    chats.extend(&wave);
    let done = fake.wait_until(PATIENCE, |f| answered(f, &chats)).await;
    assert!(done, "waves 1-2 not answered; log:\n{}", bot.log());

    // Wave 3: polls are dropped, garbled, refused with 502, then answered slowly; the first
    // send after that is slow too. The questions wait in Telegram's queue meanwhile.
    fake.inject("getUpdates", [Fault::Drop, Fault::MalformedJson, Fault::Status(502), slow()]);
    let dropped = fake.wait_until(PATIENCE, |f| faulted(f, "getUpdates", &Fault::Drop) == 1).await;
    assert!(dropped, "the bot stopped polling; log:\n{}", bot.log());
    fake.inject("sendMessage", [slow()]);
    let wave: Vec<i64> = (301..=303).collect();
    pushed.extend(ask(&fake, &wave));
    chats.extend(&wave);
    let done = fake.wait_until(PATIENCE, |f| answered(f, &chats)).await;
    assert!(done, "wave 3 not answered; log:\n{}", bot.log());
    assert_eq!(faulted(&fake, "getUpdates", &slow()), 1, "every poll fault was met");
    assert_eq!(faulted(&fake, "sendMessage", &slow()), 1, "the slow send happened");

    // The bot is still up and answers a later question.
    pushed.extend(ask(&fake, &[401]));
    chats.push(401);
    let later = fake.wait_until(PATIENCE, |f| answered(f, &chats)).await;
    assert!(later, "the bot went silent after the faults; log:\n{}", bot.log());
    assert!(bot.is_running());

    // Let a stray duplicate arrive before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for &chat in &chats {
        let (sent, expected) = (fake.sent_texts(chat), expected_messages(question(chat)));
        assert_eq!(sent.len(), expected.len(), "chat {chat}: one reply, no duplicate");
        assert_eq!(sent, expected, "chat {chat}: the engine's answer");
    }
    check_polling(&fake, &pushed).unwrap_or_else(|e| panic!("polling skipped or replayed: {e}"));
    let log = bot.log();
    assert!(!log.contains("a reply was lost"), "{log}");
    let (code, _) = tokio::task::block_in_place(|| bot.terminate(Duration::from_secs(10)));
    assert_eq!(code, Some(0), "log:\n{}", bot.log());
}

fn slow() -> Fault {
    Fault::Delay(Duration::from_millis(1500))
}
