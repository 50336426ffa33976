//! Self-tests of the fake Telegram server, driven by real teloxide and by raw TCP.

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::{Value, json};
use teloxide::prelude::*;
use teloxide::types::{MediaKind, MessageEntityKind, MessageKind, Update, UpdateKind, UserId};
use teloxide::update_listeners::{AsUpdateStream, Polling};
use teloxide::{ApiError, RequestError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::fake_telegram::{self as tg, FakeTelegram, Fault};

const TOKEN: &str = "123456:TEST-token_abc";

fn bot(fake: &FakeTelegram, token: &str) -> Bot {
    // `Url` is reqwest's, which teloxide does not re-export; `parse` infers it.
    Bot::new(token).set_api_url(fake.url().parse().expect("fake URL parses"))
}

/// Gives a builder's update the `update_id` that `push_update` would add, and
/// deserializes it (from text: see `as_update` on why not `from_value`).
fn numbered(mut update: Value, id: u32) -> Update {
    update["update_id"] = json!(id);
    let parsed = tg::as_update(&update);
    assert!(!matches!(parsed.kind, UpdateKind::Error(_)), "builder output is not a valid update: {update}");
    parsed
}

fn message_of(update: Update) -> Message {
    match update.kind {
        UpdateKind::Message(message) => message,
        other => panic!("expected a message update, got {other:?}"),
    }
}

fn media_of(message: &Message) -> &MediaKind {
    match &message.kind {
        MessageKind::Common(common) => &common.media_kind,
        other => panic!("expected a common message, got {other:?}"),
    }
}

/// Sends raw bytes on a fresh connection and reads until the server closes it.
async fn raw_exchange(fake: &FakeTelegram, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(fake.addr()).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut response))
        .await
        .expect("server closes the connection")
        .expect("read");
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test]
async fn fake_get_me_through_teloxide() {
    let fake = FakeTelegram::start(TOKEN).await;
    assert!(fake.url().starts_with("http://127.0.0.1:"));
    assert!(!fake.url().ends_with('/'));

    let me = bot(&fake, TOKEN).get_me().await.expect("getMe");
    assert_eq!(me.username(), fake.bot_username());
    assert_eq!(me.id, UserId(fake.bot_id()));
    assert!(me.is_bot && me.can_join_groups && !me.can_read_all_group_messages);

    // The same URL with a trailing slash (as TELOXIDE_API_URL may be given)
    // joins the same way.
    let slash = Bot::new(TOKEN).set_api_url(format!("{}/", fake.url()).parse().unwrap());
    slash.get_me().await.expect("getMe with trailing slash");

    let calls = fake.calls("getme");
    assert_eq!(calls.len(), 2);
    assert_eq!(calls[0].method, "getMe");
    assert_eq!(calls[0].body, json!({}));
}

#[tokio::test]
async fn fake_wrong_or_rejected_token_is_invalid_token() {
    let fake = FakeTelegram::start(TOKEN).await;

    let err = bot(&fake, "999:WRONG").get_me().await.unwrap_err();
    assert!(matches!(err, RequestError::Api(ApiError::InvalidToken)), "{err:?}");

    let good = bot(&fake, TOKEN);
    good.get_me().await.expect("right token works");
    fake.reject_token();
    let err = good.send_message(ChatId(1), "hi").await.unwrap_err();
    assert!(matches!(err, RequestError::Api(ApiError::InvalidToken)), "{err:?}");

    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests[0].unauthorized() && requests[2].unauthorized());
    assert!(requests[1].served);
    assert!(fake.calls("sendMessage").is_empty());
}

#[tokio::test]
async fn fake_send_and_edit_round_trip() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);

    let sent = bot.send_message(ChatId(77), "hello").await.expect("send");
    assert_eq!(sent.chat.id, ChatId(77));
    assert!(sent.chat.is_private());
    assert_eq!(sent.text(), Some("hello"));
    assert_eq!(sent.from.as_ref().map(|u| u.id), Some(UserId(tg::BOT_ID)));

    let in_group = bot.send_message(ChatId(-100_555), "hi all").await.expect("send to group");
    assert!(in_group.chat.is_supergroup());
    assert!(in_group.id.0 > sent.id.0, "message ids increase");

    let edited = bot.edit_message_text(ChatId(77), sent.id, "hello again").await.expect("edit");
    assert_eq!(edited.id, sent.id);
    assert_eq!(edited.text(), Some("hello again"));
    assert!(edited.edit_date().is_some());

    let calls = fake.calls("sendMessage");
    assert_eq!(calls.len(), 2);
    // teloxide sends `chat_id` as a JSON number.
    assert_eq!(calls[0].body["chat_id"], json!(77));
    assert_eq!(calls[0].body["text"], json!("hello"));
    assert_eq!(fake.sent_texts(77), vec!["hello".to_owned()]);
    assert_eq!(fake.calls("editMessageText").len(), 1);

    // Methods returning True, and getMyCommands echoing setMyCommands.
    bot.set_my_commands(vec![teloxide::types::BotCommand::new("start", "Start")])
        .await
        .expect("setMyCommands");
    let commands = bot.get_my_commands().await.expect("getMyCommands");
    assert_eq!(commands.len(), 1);
    assert_eq!(commands[0].command, "start");
    bot.delete_webhook().await.expect("deleteWebhook");
}

#[tokio::test]
async fn fake_get_updates_respects_offset() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);

    let ids: Vec<i64> = (0..3).map(|i| fake.push_update(tg::private_text(10, &format!("q{i}")))).collect();
    assert_eq!(ids, vec![1, 2, 3]);

    let all = bot.get_updates().await.expect("getUpdates");
    assert_eq!(all.iter().map(|u| u.id.0).collect::<Vec<_>>(), vec![1, 2, 3]);
    let limited = bot.get_updates().offset(2).limit(1).await.expect("limit");
    assert_eq!(limited.iter().map(|u| u.id.0).collect::<Vec<_>>(), vec![2]);
    let rest = bot.get_updates().offset(3).await.expect("offset 3");
    assert_eq!(rest.iter().map(|u| u.id.0).collect::<Vec<_>>(), vec![3]);
    assert_eq!(fake.pending_updates(), 1, "offset 3 confirmed 1 and 2");

    // Nothing new: an empty answer after at most ~300 ms, not `timeout`.
    let started = Instant::now();
    let none = bot.get_updates().offset(4).timeout(5).await.expect("empty");
    assert!(none.is_empty());
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(fake.pending_updates(), 0);

    // A push wakes a waiting long poll.
    let waiting = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().offset(4).timeout(5).await }
    });
    assert!(fake.wait_until(Duration::from_secs(2), |f| f.calls("getUpdates").len() == 5).await);
    assert_eq!(fake.push_update(tg::private_text(10, "late")), 4);
    let woken = waiting.await.unwrap().expect("woken");
    assert_eq!(woken.iter().map(|u| u.id.0).collect::<Vec<_>>(), vec![4]);

    let offsets: Vec<Value> = fake.calls("getUpdates").iter().map(|r| r.body["offset"].clone()).collect();
    assert_eq!(offsets, vec![Value::Null, json!(2), json!(3), json!(4), json!(4)]);
}

#[tokio::test]
async fn fake_teloxide_polling_neither_skips_nor_replays() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);
    fake.push_update(tg::private_text(5, "/start"));
    fake.push_update(tg::private_text(5, "hello"));

    let mut polling = Polling::builder(bot).timeout(Duration::from_secs(10)).delete_webhook().await.build();
    let stream = polling.as_stream();
    futures::pin_mut!(stream);
    let mut seen = Vec::new();
    for _ in 0..2 {
        seen.push(stream.next().await.unwrap().expect("update").id.0);
    }
    fake.push_update(tg::private_text(5, "third"));
    seen.push(stream.next().await.unwrap().expect("update").id.0);
    assert_eq!(seen, vec![1, 2, 3]);

    assert_eq!(fake.calls("getWebhookInfo").len(), 1);
    let offsets: Vec<i64> =
        fake.calls("getUpdates").iter().map(|r| r.body["offset"].as_i64().unwrap()).collect();
    assert_eq!(offsets[..2], [0, 3]);
    assert!(offsets[2..].iter().all(|&o| o == 3), "{offsets:?}");
}

#[tokio::test]
async fn fake_negative_offset_drops_pending_updates() {
    let fake = FakeTelegram::start(TOKEN).await;
    for text in ["old 1", "old 2", "old 3"] {
        fake.push_update(tg::private_text(5, text));
    }

    let mut polling =
        Polling::builder(bot(&fake, TOKEN)).timeout(Duration::from_secs(10)).drop_pending_updates().build();
    let stream = polling.as_stream();
    futures::pin_mut!(stream);
    let next = tokio::spawn(async move {
        assert!(
            fake.wait_until(Duration::from_secs(2), |f| {
                f.calls("getUpdates").iter().any(|r| r.body["offset"] == 4)
            })
            .await
        );
        fake.push_update(tg::private_text(5, "new"));
        fake
    });
    let first = stream.next().await.unwrap().expect("update");
    let fake = next.await.unwrap();
    assert_eq!(first.id.0, 4, "the three old updates were dropped");

    let offsets: Vec<i64> =
        fake.calls("getUpdates").iter().map(|r| r.body["offset"].as_i64().unwrap()).collect();
    assert_eq!(offsets[..2], [-1, 4], "{offsets:?}");
}

#[tokio::test]
async fn fake_builders_deserialize() {
    let text = message_of(numbered(tg::private_text(42, "/start@CareerGuideBot now"), 1));
    assert!(text.chat.is_private());
    assert_eq!(text.chat.id, ChatId(42));
    assert_eq!(text.from.as_ref().map(|u| u.id), Some(UserId(42)));
    let MediaKind::Text(media) = media_of(&text) else {
        panic!("expected text");
    };
    assert_eq!(media.text, "/start@CareerGuideBot now");
    let entities = text.parse_entities().expect("entities");
    assert_eq!(entities.len(), 1, "`/cmd@bot` is one bot_command entity");
    assert_eq!(*entities[0].kind(), MessageEntityKind::BotCommand);
    assert_eq!(entities[0].text(), "/start@CareerGuideBot");
    assert!(message_of(numbered(tg::private_text(42, "plain"), 1)).entities().is_none_or(<[_]>::is_empty));

    let group =
        message_of(numbered(tg::group_text(-100_123, 7, "\u{1F642} @CareerGuideBot, what is MLOps?"), 2));
    assert!(group.chat.is_supergroup());
    assert_eq!(group.chat.id, ChatId(-100_123));
    assert_eq!(group.from.as_ref().map(|u| u.id), Some(UserId(7)));
    let mention = &group.parse_entities().unwrap()[0];
    assert_eq!(*mention.kind(), MessageEntityKind::Mention);
    assert_eq!(mention.text(), "@CareerGuideBot", "UTF-16 offsets are right");

    let reply = message_of(numbered(tg::group_reply_to_bot(-100_123, 7, "and?", 99), 3));
    let replied = reply.reply_to_message().expect("reply_to_message");
    assert_eq!(replied.id.0, 99);
    let author = replied.from.as_ref().expect("from");
    assert!(author.is_bot && author.id == UserId(tg::BOT_ID));

    let sticker = message_of(numbered(tg::private_sticker(42), 4));
    assert!(matches!(media_of(&sticker), MediaKind::Sticker(_)));
    let photo = message_of(numbered(tg::private_photo(42), 5));
    assert!(matches!(media_of(&photo), MediaKind::Photo(_)));
    let voice = message_of(numbered(tg::private_voice(42), 6));
    assert!(matches!(media_of(&voice), MediaKind::Voice(_)));

    let UpdateKind::EditedMessage(edited) = numbered(tg::edited_private_text(42, 17, "fixed"), 7).kind else {
        panic!("expected an edited message");
    };
    assert_eq!(edited.id.0, 17);
    assert_eq!(edited.text(), Some("fixed"));
    assert!(edited.edit_date().is_some());

    let first = numbered(tg::callback(42, "more:1", 55), 8);
    let second = numbered(tg::callback(42, "more:2", 55), 9);
    let (UpdateKind::CallbackQuery(q1), UpdateKind::CallbackQuery(q2)) = (first.kind, second.kind) else {
        panic!("expected callback queries");
    };
    assert_ne!(q1.id, q2.id);
    assert_eq!(q1.data.as_deref(), Some("more:1"));
    assert_eq!(q1.from.id, UserId(42));
    let on = q1.regular_message().expect("an accessible message");
    assert_eq!((on.id.0, on.chat.id), (55, ChatId(42)));
    assert_eq!(on.from.as_ref().map(|u| u.id), Some(UserId(tg::BOT_ID)));

    let ids: Vec<i32> = [&text, &group, &reply, &sticker, &photo, &voice].iter().map(|m| m.id.0).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
}

#[tokio::test]
async fn fake_builders_survive_get_updates() {
    let fake = FakeTelegram::start(TOKEN).await;
    let updates = [
        tg::private_text(1, "/help"),
        tg::group_text(-1_001, 2, "hi"),
        tg::group_reply_to_bot(-1_001, 2, "and?", 3),
        tg::private_sticker(1),
        tg::private_photo(1),
        tg::private_voice(1),
        tg::edited_private_text(1, 4, "x"),
        tg::callback(1, "d", 5),
    ];
    let count = updates.len();
    for update in updates {
        fake.push_update(update);
    }
    let got = bot(&fake, TOKEN).get_updates().await.expect("getUpdates");
    assert_eq!(got.len(), count);
    for update in got {
        assert!(!matches!(update.kind, UpdateKind::Error(_)), "{update:?}");
    }
}

#[tokio::test]
async fn fake_retry_after_maps_to_retry_after() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);
    fake.inject("sendMessage", [Fault::RetryAfter(3)]);

    let err = bot.send_message(ChatId(1), "a").await.unwrap_err();
    assert!(matches!(err, RequestError::RetryAfter(s) if s.seconds() == 3), "{err:?}");
    bot.send_message(ChatId(1), "b").await.expect("fault used up");

    let requests = fake.requests();
    assert_eq!(requests[0].fault, Some(Fault::RetryAfter(3)));
    assert!(!requests[0].served);
    assert!(requests[1].fault.is_none() && requests[1].served);
    assert_eq!(fake.sent_texts(1), vec!["b".to_owned()]);
}

#[tokio::test]
async fn fake_drop_maps_to_network_error() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);
    bot.get_me().await.expect("warm a pooled connection");
    fake.inject("SENDMESSAGE", [Fault::Drop]);

    let err = bot.send_message(ChatId(1), "a").await.unwrap_err();
    assert!(matches!(err, RequestError::Network(_)), "{err:?}");
    bot.send_message(ChatId(1), "b").await.expect("next one works");

    let sends: Vec<_> =
        fake.requests().into_iter().filter(|r| r.method.eq_ignore_ascii_case("sendMessage")).collect();
    assert_eq!(sends.len(), 2, "the dropped request was not retried");
    assert_eq!(sends[0].fault, Some(Fault::Drop));
}

#[tokio::test]
async fn fake_malformed_json_maps_to_invalid_json() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);
    fake.inject("getMe", [Fault::MalformedJson]);

    let err = bot.get_me().await.unwrap_err();
    assert!(matches!(&err, RequestError::InvalidJson { raw, .. } if &**raw == r#"{"ok":tru"#), "{err:?}");
    bot.get_me().await.expect("next one works");
}

#[tokio::test]
async fn fake_delay_delays_then_serves() {
    let fake = FakeTelegram::start(TOKEN).await;
    let bot = bot(&fake, TOKEN);
    fake.inject("sendMessage", [Fault::Delay(Duration::from_millis(300)), Fault::Delay(Duration::ZERO)]);

    let started = Instant::now();
    bot.send_message(ChatId(1), "slow").await.expect("served late");
    assert!(started.elapsed() >= Duration::from_millis(300));
    bot.send_message(ChatId(1), "fast").await.expect("served");
    let calls = fake.calls("sendMessage");
    assert_eq!(calls.len(), 2, "delayed requests count as served");
    assert_eq!(calls[0].fault, Some(Fault::Delay(Duration::from_millis(300))));
}

#[tokio::test]
async fn fake_status_and_raw_http() {
    let fake = FakeTelegram::start(TOKEN).await;
    fake.inject("getMe", [Fault::Status(502)]);

    let path = format!("/bot{TOKEN}/getMe");
    let response = raw_exchange(
        &fake,
        format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    )
    .await;
    assert!(response.starts_with("HTTP/1.1 502 "), "{response}");
    assert!(response.contains(r#""ok":false"#) && response.contains(r#""error_code":502"#));

    // Two pipelined requests on one connection, the second one chunked.
    let body = r#"{"chat_id":"-100777","text":"chunky"}"#;
    let (a, b) = body.split_at(10);
    let pipelined = format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{{}}\
         POST /bot{TOKEN}/sendMessage HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    let response = raw_exchange(&fake, pipelined.as_bytes()).await;
    assert_eq!(response.matches("HTTP/1.1 200 OK").count(), 2, "{response}");
    assert!(response.contains(r#""type":"supergroup""#), "string chat_id");
    assert_eq!(fake.sent_texts(-100_777), vec!["chunky".to_owned()]);

    // Expect: 100-continue.
    let body = br#"{"chat_id":9,"text":"ok"}"#;
    let mut stream = TcpStream::connect(fake.addr()).await.unwrap();
    let head = format!(
        "POST /bot{TOKEN}/sendMessage HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut interim = [0u8; 25];
    stream.read_exact(&mut interim).await.unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    stream.write_all(body).await.unwrap();
    let mut rest = String::new();
    stream.read_to_string(&mut rest).await.unwrap();
    assert!(rest.starts_with("HTTP/1.1 200 OK"), "{rest}");

    // Garbage gets a 400 and a closed connection; wrong paths get a 401; the
    // server lives on.
    let response = raw_exchange(&fake, b"GARBAGE\r\n\r\n").await;
    assert!(response.starts_with("HTTP/1.1 400 "), "{response}");
    let response = raw_exchange(&fake, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").await;
    assert!(response.starts_with("HTTP/1.1 401 "), "{response}");
    let response = raw_exchange(&fake, b"POST /bot1/x HTTP/1.1\r\nContent-Length: zz\r\n\r\n").await;
    assert!(response.starts_with("HTTP/1.1 400 "), "{response}");
    bot(&fake, TOKEN).get_me().await.expect("still serving");
}

#[tokio::test]
async fn fake_stops_when_dropped() {
    let fake = FakeTelegram::start(TOKEN).await;
    let addr = fake.addr();
    drop(fake);
    // The accept loop is aborted on drop; give the runtime a moment.
    let mut refused = false;
    for _ in 0..50 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(refused, "listener closed after drop");
}
