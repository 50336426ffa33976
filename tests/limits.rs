//! Telegram's rate limits, kept by the real bot's pacer by default: at most 30 messages a second
//! overall, one a second per chat, and a 429's `retry_after` honoured without a storm; lifted
//! only by the benchmark setting.
//! Assertions are on the fake's arrival timestamps, with margins for a loaded machine.

use std::time::{Duration, Instant};

use crate::support::fake_telegram::{self as tg, FakeTelegram, Fault, Recorded};
use crate::support::{BotProcess, TOKEN, expected_messages, serve};

const PATIENCE: Duration = Duration::from_secs(60);

/// Telegram's limits, which the bot keeps (`Limits::TELEGRAM` in `src/bot/pace.rs`).
const PER_SECOND_OVERALL: usize = 30;
const PER_SECOND_PER_CHAT: Duration = Duration::from_secs(1);

/// Timestamps are taken when a request arrives, a little after the pacer let it go; a window
/// this much shorter than a second absorbs that jitter and still catches any real excess.
const JITTER: Duration = Duration::from_millis(50);

fn sends(fake: &FakeTelegram) -> Vec<Recorded> {
    fake.requests().into_iter().filter(|r| r.method == "sendMessage").collect()
}

/// The most requests whose arrival falls within any window of `width`.
fn busiest_window(times: &[Instant], width: Duration) -> usize {
    let mut times = times.to_vec();
    times.sort();
    (0..times.len())
        .map(|i| times[i..].iter().take_while(|&&t| t - times[i] < width).count())
        .max()
        .unwrap_or(0)
}

/// Sends five questions to one chat at once, checks each is answered once and in order, and
/// returns when each reply was sent.
async fn five_quick_questions(fake: &FakeTelegram, bot: &BotProcess, chat: i64) -> Vec<Instant> {
    let questions = ["/salary senior", "/salary junior", "/salary mid", "/salary staff", "/faq 1"];
    let expected: Vec<String> = questions.iter().flat_map(|q| expected_messages(q)).collect();
    for question in questions {
        fake.push_update(tg::private_text(chat, question));
    }
    let all = fake.wait_until(PATIENCE, |f| f.sent_texts(chat).len() >= expected.len()).await;
    assert!(all, "not every question was answered; log:\n{}", bot.log());

    assert_eq!(fake.sent_texts(chat), expected, "one reply each, in order");
    let times: Vec<Instant> = sends(fake).iter().map(|r| r.at).collect();
    times
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_100_chats_is_answered_at_no_more_than_30_messages_a_second() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = serve(&fake, &[]).await;
    let question = "/salary senior";
    assert_eq!(expected_messages(question).len(), 1);
    let chats: Vec<i64> = (10_001..=10_100).collect();
    for &chat in &chats {
        fake.push_update(tg::private_text(chat, question));
    }
    let all = fake.wait_until(PATIENCE, |f| f.count("sendMessage") >= chats.len()).await;
    assert!(all, "not every chat was answered; log:\n{}", bot.log());

    for &chat in &chats {
        assert_eq!(fake.sent_texts(chat).len(), 1, "chat {chat}");
    }
    let times: Vec<Instant> = sends(&fake).iter().map(|r| r.at).collect();
    let busiest = busiest_window(&times, Duration::from_secs(1) - JITTER);
    let span = times.iter().max().unwrap().duration_since(*times.iter().min().unwrap());
    eprintln!("100 replies over {span:?}; busiest second: {busiest}");
    assert!(busiest <= PER_SECOND_OVERALL, "{busiest} messages within one second");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_quick_questions_in_one_chat_are_answered_a_second_apart_in_order() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = serve(&fake, &[]).await;
    let chat = 20_001;
    let times = five_quick_questions(&fake, &bot, chat).await;
    let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
    eprintln!("gaps between replies in one chat: {gaps:?}");
    assert!(gaps.iter().all(|&gap| gap >= PER_SECOND_PER_CHAT - JITTER), "replies too close: {gaps:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_before_the_same_message_is_sent_again_without_a_storm() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = serve(&fake, &[]).await;
    let retry_after = 2;
    fake.inject("sendMessage", [Fault::RetryAfter(retry_after), Fault::RetryAfter(retry_after)]);
    let chat = 30_001;
    let question = "/salary senior";
    fake.push_update(tg::private_text(chat, question));
    let sent = fake.wait_until(PATIENCE, |f| !f.sent_texts(chat).is_empty()).await;
    assert!(sent, "the reply never came; log:\n{}", bot.log());
    // Let any further attempt arrive before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let attempts = sends(&fake);
    assert_eq!(attempts.len(), 3, "two refused attempts and one that went through: {attempts:#?}");
    assert!(attempts.iter().all(|r| r.body["chat_id"] == chat));
    assert!(attempts[..2].iter().all(|r| r.fault == Some(Fault::RetryAfter(retry_after))));
    let gaps: Vec<Duration> = attempts.windows(2).map(|w| w[1].at - w[0].at).collect();
    eprintln!("gaps after 429s with retry_after={retry_after}: {gaps:?}");
    let wait = Duration::from_secs(retry_after.into());
    assert!(gaps.iter().all(|&gap| gap >= wait), "re-sent before retry_after: {gaps:?}");
    assert_eq!(fake.sent_texts(chat), expected_messages(question));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_benchmark_setting_lifts_the_limits_and_warns() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = serve(&fake, &[("CAREERBOT_BENCH_UNTHROTTLED", "1")]).await;
    let chat = 40_001;
    let times = five_quick_questions(&fake, &bot, chat).await;
    let span = *times.last().unwrap() - times[0];
    eprintln!("{} replies in one chat over {span:?}, limits lifted", times.len());
    // Paced, these would span at least four seconds.
    assert!(span < Duration::from_secs(2), "replies still paced: {span:?} for {}", times.len());
    assert!(bot.log().contains("rate limits are lifted"), "no warning in the log:\n{}", bot.log());
}
