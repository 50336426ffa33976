//! Hostile input through the engine and through the real bot: every text gets a sensible reply
//! that Telegram's HTML parser accepts, user text shows literally (never as markup), and the bot
//! keeps answering afterwards.

use std::time::Duration;

use serde_json::Value;

use careerbot::answer::{MAX_MESSAGE_UNITS, render_html, render_plain, split_messages};
use careerbot::messages;

use crate::support::fake_telegram::{self as tg, FakeTelegram};
use crate::support::telegram_html::check_all;
use crate::support::{BotProcess, TOKEN, engine};

const PATIENCE: Duration = Duration::from_secs(60);

/// One hostile text, and what of it must show literally in the reply when it is echoed.
struct Hostile {
    name: &'static str,
    text: String,
    shows: Option<&'static str>,
}

fn hostile(name: &'static str, text: impl Into<String>) -> Hostile {
    Hostile { name, text: text.into(), shows: None }
}

fn echoed(name: &'static str, text: impl Into<String>, shows: &'static str) -> Hostile {
    Hostile { name, text: text.into(), shows: Some(shows) }
}

fn hostile_texts() -> Vec<Hostile> {
    let question = "how much does a data scientist make? ";
    vec![
        hostile("1,500 nested parentheses", format!("{}mlops{}", "(".repeat(1500), ")".repeat(1500))),
        hostile("1,500 open parentheses", "(".repeat(1500)),
        hostile("4,096 characters", question.repeat(120).chars().take(4096).collect::<String>()),
        hostile("one 4,096-character word", "x".repeat(4096)),
        hostile("10,000 characters", "salary ".repeat(1500)),
        hostile("zero-width space", "ml\u{200B}ops sal\u{200B}ary"),
        hostile("right-to-left override", "\u{202E}yralas spolm\u{202C} mlops"),
        hostile("bidi isolates", "\u{2066}mlops\u{2069} \u{2067}salary\u{2069} \u{2068}x\u{2069}"),
        hostile("byte order mark and joiners", "\u{FEFF}/role ml\u{200D}ops\u{200C}"),
        hostile("only invisible characters", "\u{200B}\u{202E}\u{2066}\u{FEFF}\u{200D}"),
        hostile("NUL", "\0"),
        hostile("NUL inside a question", "mlops\0salary\0"),
        echoed("NUL in a command argument", "/role astro\0naut", "astronaut"),
        hostile("escape sequences", "\u{1B}[31mmlops\u{1B}[0m \u{7}\u{8}\u{7F}"),
        hostile("500 emoji", "😀".repeat(500)),
        hostile("500 joined emoji", "👩\u{200D}💻".repeat(500)),
        hostile("1,000 combining marks", format!("a{}", "\u{301}".repeat(1000))),
        hostile("script tag", "<script>alert(1)</script>"),
        echoed("script tag as a role", "/role <script>alert(1)</script>", "<script>alert(1)</script>"),
        echoed("bold tag as a salary subject", "/salary <b>rich</b>", "<b>rich</b>"),
        echoed("markup as a command name", "/<i>x</i>", "/<i>x</i>"),
        hostile("ampersand", "&"),
        hostile("escaped ampersand", "&amp;"),
        echoed("entities as a role", "/role &amp; &lt;b&gt; &#0; &nbsp;", "&amp; &lt;b&gt; &#0; &nbsp;"),
        echoed("an ampersand in a role", "/skills AT&T", "AT&T"),
        echoed("quotes in a role", "/career \"><a href=x>", "\"><a href=x>"),
        hostile("tantivy field and wildcard", "title:*"),
        hostile("tantivy boost", "a^1000000"),
        hostile("tantivy negation", "-x"),
        hostile("unbalanced quote", "\"unbalanced"),
        hostile("wildcard alone", "*"),
        hostile("tantivy boolean", "body:salary AND NOT x"),
        hostile("tantivy range", "[a TO z]"),
        hostile("tantivy exclusive range and fuzzy", "{a TO z} mlops~2 salary^-1 +"),
        hostile("boolean words alone", "AND OR NOT"),
        echoed("/role with 3,000 characters", format!("/role {}", "<&>".repeat(1000)), "<&><&><&>"),
        echoed("/salary with 3,000 characters", format!("/salary {}", "x".repeat(3000)), "xxxxxxxx…"),
        hostile("/faq with 3,000 characters", format!("/faq {}", "phd ".repeat(750))),
        hostile("/skills with 3,000 emoji", format!("/skills {}", "😀".repeat(3000))),
        hostile("an empty command", "/"),
        hostile("an empty command with a bot name", "/@CareerGuideBot"),
        hostile("a command of slashes", "//// ///"),
        hostile("only spaces", "   "),
        hostile("only whitespace", " \n\t\r\n \u{3000}\u{A0}"),
    ]
}

/// The engine's reply to `text`, rendered for Telegram, each message checked; returns what a
/// reader sees.
fn engine_reply(item: &Hostile) -> String {
    let answer = engine().answer(&item.text);
    assert_ne!(answer.title, messages::APOLOGY_TITLE, "{}: the engine failed inside", item.name);
    assert!(!render_plain(&answer).trim().is_empty(), "{}: empty plain reply", item.name);
    let messages = split_messages(&render_html(&answer), MAX_MESSAGE_UNITS);
    assert!(!messages.is_empty(), "{}: no message", item.name);
    check_all(&messages).unwrap_or_else(|e| panic!("{}: Telegram would refuse it: {e}", item.name))
}

#[test]
fn hostile_text_gets_a_valid_reply_from_the_engine() {
    for item in hostile_texts() {
        let visible = engine_reply(&item);
        if let Some(shown) = item.shows {
            assert!(
                visible.contains(shown),
                "{}: {shown:?} is not shown literally in:\n{visible}",
                item.name
            );
        }
    }
}

#[test]
fn hostile_text_around_a_real_question_still_finds_the_answer() {
    for text in [
        format!("{}how much does an MLOps engineer make?{}", "(".repeat(1500), ")".repeat(1500)),
        "how much does an ML\u{200B}Ops\u{202E} engineer\0 make?".to_string(),
        "<b>how much does an MLOps engineer make?</b> &lt; &".to_string(),
        "+how \"much does* an -MLOps~2 engineer make?".to_string(),
        "[how much TO does] {an MLOps} engineer: make?".to_string(),
    ] {
        let visible = engine_reply(&Hostile { name: "question", text: text.clone(), shows: None });
        assert!(visible.contains("$110k"), "{text:?} lost its answer:\n{visible}");
    }
}

/// The text of every reply the fake received for `chat`, checked, as a reader sees it.
fn bot_replies(fake: &FakeTelegram, chat: i64) -> Result<String, String> {
    let sends: Vec<Value> = fake
        .calls("sendMessage")
        .into_iter()
        .map(|r| r.body)
        .filter(|b| b["chat_id"].as_i64() == Some(chat))
        .collect();
    for body in &sends {
        assert_eq!(body["parse_mode"], "HTML");
        for row in body["reply_markup"]["inline_keyboard"].as_array().into_iter().flatten() {
            let Some(row) = row.as_array() else { continue };
            for button in row {
                let data = button["callback_data"].as_str().unwrap_or_default();
                assert!(!data.is_empty() && data.len() <= 64, "chat {chat}: bad callback_data {data:?}");
            }
        }
    }
    let texts: Vec<String> =
        sends.iter().map(|b| b["text"].as_str().unwrap_or_default().to_string()).collect();
    check_all(&texts)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_answers_hostile_messages_and_button_data_then_a_normal_question() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = BotProcess::start(&fake.url(), TOKEN, "careerbot=info,warn");
    let polling = fake.wait_until(PATIENCE, |f| !f.calls("getUpdates").is_empty()).await;
    assert!(polling, "the bot never polled; its log:\n{}", bot.log());

    // Each text in its own chat, so every reply can be told apart.
    let items = hostile_texts();
    let chat_of = |i: usize| 50_000 + i as i64;
    for (i, item) in items.iter().enumerate() {
        fake.push_update(tg::private_text(chat_of(i), &item.text));
    }
    // Button presses carrying data no button of ours has: commands are answered, the rest only
    // stops the spinner.
    let button_chat = 59_000;
    let commands = [
        "/role <script>alert(1)</script>".to_string(),
        format!("/salary {}", "&".repeat(3000)),
        "/faq \0\u{202E}".to_string(),
        "/".to_string(),
    ];
    let not_commands = ["<b>not a command</b>", "", "\0", "title:*"];
    for data in commands.iter().map(String::as_str).chain(not_commands) {
        fake.push_update(tg::callback(button_chat, data, 1));
    }

    // Every chat gets exactly the engine's reply, message for message.
    let expected = |text: &str| split_messages(&render_html(&engine().answer(text)), MAX_MESSAGE_UNITS);
    let item_expected: Vec<Vec<String>> = items.iter().map(|h| expected(&h.text)).collect();
    let button_expected: Vec<String> = commands.iter().flat_map(|c| expected(c)).collect();
    let presses = commands.len() + not_commands.len();
    let done = fake
        .wait_until(PATIENCE, |f| {
            item_expected.iter().enumerate().all(|(i, e)| f.sent_texts(chat_of(i)).len() >= e.len())
                && f.sent_texts(button_chat).len() >= button_expected.len()
                && f.calls("answerCallbackQuery").len() >= presses
        })
        .await;
    let missing: Vec<&str> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| fake.sent_texts(chat_of(*i)).len() < item_expected[*i].len())
        .map(|(_, h)| h.name)
        .collect();
    assert!(
        done,
        "replies missing for {missing:?}; button replies {:?}; log:\n{}",
        fake.sent_texts(button_chat),
        bot.log()
    );
    // Let a stray or duplicate reply show up before comparing.
    tokio::time::sleep(Duration::from_millis(500)).await;

    for (i, item) in items.iter().enumerate() {
        let visible = bot_replies(&fake, chat_of(i))
            .unwrap_or_else(|e| panic!("{}: Telegram would refuse the reply: {e}", item.name));
        assert_eq!(fake.sent_texts(chat_of(i)), item_expected[i], "{}", item.name);
        assert!(!visible.contains(messages::APOLOGY_TITLE), "{}: the bot failed inside", item.name);
        if let Some(shown) = item.shows {
            assert!(
                visible.contains(shown),
                "{}: {shown:?} is not shown literally in:\n{visible}",
                item.name
            );
        }
    }
    let button_visible = bot_replies(&fake, button_chat).unwrap_or_else(|e| panic!("button replies: {e}"));
    assert!(button_visible.contains("<script>alert(1)</script>"), "{button_visible}");
    assert_eq!(fake.calls("answerCallbackQuery").len(), presses);
    assert_eq!(fake.sent_texts(button_chat), button_expected, "command data is answered, other data is not");

    // Still alive and still right.
    let normal = 59_001;
    fake.push_update(tg::private_text(normal, "how much does an MLOps engineer make?"));
    let answered = fake.wait_until(PATIENCE, |f| !f.sent_texts(normal).is_empty()).await;
    assert!(answered, "the bot went silent after hostile input; log:\n{}", bot.log());
    assert!(fake.sent_texts(normal)[0].contains("$110k"), "{:?}", fake.sent_texts(normal));
    assert!(!bot.log().contains("panicked"), "{}", bot.log());
}
