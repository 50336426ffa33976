//! The soak: 50,000 updates from 5,000 chats through the real bot (throttle lifted), checking
//! that nothing is lost and that memory stays flat. Ignored by default (about two minutes in
//! release); run it with
//! `cargo test --release --test main soak -- --ignored --nocapture`.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::support::fake_telegram::{self as tg, FakeTelegram};
use crate::support::{TOKEN, check_polling, expected_messages, resident_kib, serve};

const UPDATES: usize = 50_000;
/// Each chat asks ten questions in a row, so new chats keep arriving until the end: state kept
/// per chat would grow between the measurements.
const PER_CHAT: usize = 10;
/// Measured after this many updates, once everything sent so far is answered.
const WARM_UP: usize = 10_000;
const MIDWAY: usize = 25_000;
/// Growth of the bot's resident memory from warm-up to the end that still counts as flat.
const MARGIN_KIB: u64 = 8 * 1024;
/// Replies owed at most before more questions are sent: a sustained load, not an ever-growing
/// backlog (with the throttle lifted, every owed reply is an open connection at once).
const IN_FLIGHT: usize = 1_000;

const QUESTIONS: [&str; 12] = [
    "/salary senior",
    "how much does an MLOps engineer make?",
    "/role computer vison",
    "do I need a PhD?",
    "/roles",
    "what skills does a data scientist need?",
    "/faq 2",
    "what does a dentist earn?",
    "/skills nlp",
    "/help",
    "career path for an ML engineer",
    "/dance",
];

fn thread_count(pid: u32) -> Option<usize> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|line| line.strip_prefix("Threads:"))?.trim().parse().ok()
}

fn chat_of(update: usize) -> i64 {
    1_000_000 + (update / PER_CHAT) as i64
}

fn question_of(update: usize) -> usize {
    (update * 7 + update / PER_CHAT) % QUESTIONS.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a soak of a minute or more: cargo test --release --test main soak -- --ignored --nocapture"]
async fn soak_50000_updates_from_5000_chats_loses_nothing_and_memory_stays_flat() {
    let started = Instant::now();
    let answers: Vec<Vec<String>> = QUESTIONS.iter().map(|q| expected_messages(q)).collect();
    // Messages the bot owes after the first n updates.
    let owed: Vec<usize> = std::iter::once(0)
        .chain((0..UPDATES).scan(0, |sum, i| {
            *sum += answers[question_of(i)].len();
            Some(*sum)
        }))
        .collect();

    let fake = FakeTelegram::start(TOKEN).await;
    let bot = serve(&fake, &[("CAREERBOT_BENCH_UNTHROTTLED", "1")]).await;
    let pid = bot.pid().expect("running");
    let mut pushed_ids = Vec::with_capacity(UPDATES);
    let mut rss = Vec::new();
    for milestone in [WARM_UP, MIDWAY, UPDATES] {
        while pushed_ids.len() < milestone {
            if owed[pushed_ids.len()] < fake.count("sendMessage") + IN_FLIGHT / 2 {
                let end = milestone.min(pushed_ids.len() + IN_FLIGHT / 2);
                for i in pushed_ids.len()..end {
                    pushed_ids
                        .push(fake.push_update(tg::private_text(chat_of(i), QUESTIONS[question_of(i)])));
                }
            } else {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
        let caught_up =
            fake.wait_until(Duration::from_secs(120), |f| f.count("sendMessage") >= owed[milestone]).await;
        assert!(
            caught_up,
            "stuck at {} of {} messages; log:\n{}",
            fake.count("sendMessage"),
            owed[milestone],
            bot.log()
        );
        let kib = resident_kib(pid).expect("VmRSS of the bot");
        let threads = thread_count(pid).expect("threads of the bot");
        eprintln!(
            "soak: {milestone} updates answered after {:?}: VmRSS {kib} KiB, {threads} threads",
            started.elapsed()
        );
        rss.push(kib);
        // Answering is CPU-bound: a load must not turn into a thread per waiting chat.
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        assert!(threads <= 4 * cores + 8, "{threads} threads on {cores} cores");
    }
    // Let any duplicate arrive before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let mut sent: HashMap<i64, Vec<String>> = HashMap::new();
    for call in fake.calls("sendMessage") {
        let chat = call.body["chat_id"].as_i64().expect("chat_id");
        sent.entry(chat).or_default().push(call.body["text"].as_str().unwrap_or_default().to_owned());
    }
    assert_eq!(sent.len(), UPDATES / PER_CHAT, "every chat was answered");
    for first in (0..UPDATES).step_by(PER_CHAT) {
        let chat = chat_of(first);
        let expected: Vec<&String> =
            (first..first + PER_CHAT).flat_map(|i| &answers[question_of(i)]).collect();
        let got: Vec<&String> = sent[&chat].iter().collect();
        assert_eq!(got, expected, "chat {chat}: each question answered once, in order");
    }
    check_polling(&fake, &pushed_ids).unwrap_or_else(|e| panic!("polling skipped or replayed: {e}"));

    let [warm, mid, end] = rss[..] else { unreachable!() };
    eprintln!(
        "soak: {UPDATES} updates, {} messages in {:?}; VmRSS after warm-up {warm} KiB, midway {mid} KiB, end {end} KiB",
        owed[UPDATES],
        started.elapsed()
    );
    assert!(end <= warm + MARGIN_KIB, "memory grew from {warm} KiB to {end} KiB");
    assert!(!bot.log().contains("a reply was lost"));
}
