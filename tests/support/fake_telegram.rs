//! A fake Telegram Bot API server for integration tests.
//!
//! Hand-written HTTP/1.1 on 127.0.0.1 with scripted updates, recorded requests
//! and injectable faults, plus JSON builders for the updates teloxide reads.
//! Point teloxide at it with `TELOXIDE_API_URL` = [`FakeTelegram::url`] (or
//! `Bot::set_api_url(fake.url().parse().unwrap())`). Requests arrive as
//! `POST /bot{token}/{Method}` with a JSON body; every one of them is recorded,
//! in arrival order, including the ones that were answered with a fault or a
//! 401. Nothing here talks to the real Telegram.

#![allow(dead_code)] // each test module uses a different part of the fake

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};
use teloxide::types::Update;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

/// The fake bot's user id, as `getMe` reports it.
pub const BOT_ID: u64 = 4242;
/// The fake bot's username (without `@`), as `getMe` reports it.
pub const BOT_USERNAME: &str = "CareerGuideBot";
/// The fake bot's display name.
pub const BOT_FIRST_NAME: &str = "Career Guide";

/// Longest time an empty `getUpdates` is held open, whatever its `timeout`.
const MAX_LONG_POLL: Duration = Duration::from_millis(300);
/// Largest request head (request line and headers) the server accepts.
const MAX_HEAD: usize = 64 * 1024;
/// Largest request body the server accepts.
const MAX_BODY: usize = 16 * 1024 * 1024;
/// Chat id given to messages addressed by `@username` rather than by number.
const USERNAME_CHAT_ID: i64 = -1_001_000_000_001;

/// Message ids are unique and increasing across every builder and every fake
/// in the test process.
static NEXT_MESSAGE_ID: AtomicI32 = AtomicI32::new(1);
static NEXT_CALLBACK_ID: AtomicU64 = AtomicU64::new(1);

/// A fault to answer one request with instead of the normal reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 429 with `parameters.retry_after` set to this many seconds.
    RetryAfter(u32),
    /// This HTTP status with an `ok:false` body (teloxide sleeps 10 s on 5xx).
    Status(u16),
    /// Read the request, then close the connection without answering.
    Drop,
    /// HTTP 200 with the truncated body `{"ok":tru`.
    MalformedJson,
    /// Wait this long, then answer normally.
    Delay(Duration),
}

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    /// The Bot API method from the path, spelt as in the Bot API docs
    /// (`getUpdates`, `sendMessage`; teloxide itself sends `GetUpdates`), or
    /// the whole path when it did not have the `/bot{token}/{method}` form.
    pub method: String,
    /// The JSON body (`{}` when empty; a JSON string holding the raw text when
    /// it was not JSON).
    pub body: Value,
    /// When the request had been read completely.
    pub at: Instant,
    /// The injected fault this request consumed, if any.
    pub fault: Option<Fault>,
    /// `true` when the request got (or, for `Delay`, will get) a normal
    /// `ok:true` answer; `false` for faults other than `Delay` and for 401s.
    pub served: bool,
    /// For a served `getUpdates`: the `update_id`s it answered with, in
    /// order (filled in once the answer is ready); empty otherwise.
    pub update_ids: Vec<i64>,
}

impl Recorded {
    /// True when the request was refused with 401 (wrong token or
    /// [`FakeTelegram::reject_token`]).
    pub fn unauthorized(&self) -> bool {
        !self.served && self.fault.is_none()
    }
}

/// A running fake Bot API server. Dropping it stops the server.
pub struct FakeTelegram {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

struct Shared {
    state: Mutex<State>,
    /// Woken whenever an update is pushed, for long-polling `getUpdates`.
    pushed: Notify,
}

struct State {
    token: String,
    rejected: bool,
    next_update_id: i64,
    /// Unconfirmed updates, sorted by `update_id`.
    pending: VecDeque<Value>,
    requests: Vec<Recorded>,
    /// Queued faults, keyed by lower-cased method name.
    faults: HashMap<String, VecDeque<Fault>>,
    /// What `setMyCommands` last set, for `getMyCommands`.
    commands: Value,
    /// Messages the bot sent or edited, by (chat id, message id).
    sent: HashMap<(i64, i64), Value>,
}

impl FakeTelegram {
    /// Starts a fake server on an ephemeral port of 127.0.0.1 that accepts
    /// `token`.
    pub async fn start(token: &str) -> FakeTelegram {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("fake Telegram: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake Telegram: local address");
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                token: token.to_owned(),
                rejected: false,
                next_update_id: 1,
                pending: VecDeque::new(),
                requests: Vec::new(),
                faults: HashMap::new(),
                commands: json!([]),
                sent: HashMap::new(),
            }),
            pushed: Notify::new(),
        });
        let server = tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        FakeTelegram { shared, addr, server }
    }

    /// The base URL to give teloxide (`TELOXIDE_API_URL`), e.g.
    /// `http://127.0.0.1:40123`; teloxide appends `/bot{token}/{Method}`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn bot_username(&self) -> &str {
        BOT_USERNAME
    }

    pub fn bot_id(&self) -> u64 {
        BOT_ID
    }

    /// Queues an update for `getUpdates`. Sets `update_id` (increasing from 1)
    /// when absent and returns the update's id.
    pub fn push_update(&self, mut update: Value) -> i64 {
        let object = update.as_object_mut().expect("fake Telegram: an update must be a JSON object");
        let id = {
            let mut state = self.state();
            let id = match object.get("update_id").and_then(Value::as_i64) {
                Some(id) => id,
                None => {
                    let id = state.next_update_id;
                    object.insert("update_id".into(), json!(id));
                    id
                }
            };
            state.next_update_id = state.next_update_id.max(id + 1);
            let position =
                state.pending.iter().position(|queued| update_id(queued) > id).unwrap_or(state.pending.len());
            state.pending.insert(position, update);
            id
        };
        self.shared.pushed.notify_waiters();
        id
    }

    /// Updates pushed but not yet confirmed by a later `getUpdates` offset.
    pub fn pending_updates(&self) -> usize {
        self.state().pending.len()
    }

    /// Every request so far, in arrival order, faulted and refused ones
    /// included.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state().requests.clone()
    }

    /// The served requests of one method (method name compared
    /// case-insensitively), in arrival order.
    pub fn calls(&self, method: &str) -> Vec<Recorded> {
        self.state()
            .requests
            .iter()
            .filter(|r| r.served && r.method.eq_ignore_ascii_case(method))
            .cloned()
            .collect()
    }

    /// How many served requests of one method (case-insensitive) there were
    /// so far; cheaper than `calls(..).len()` when thousands are recorded.
    pub fn count(&self, method: &str) -> usize {
        self.state().requests.iter().filter(|r| r.served && r.method.eq_ignore_ascii_case(method)).count()
    }

    /// The `text` of every served `sendMessage` to `chat_id`, in order.
    pub fn sent_texts(&self, chat_id: i64) -> Vec<String> {
        self.calls("sendMessage")
            .iter()
            .filter(|r| chat_id_of(&r.body) == chat_id)
            .map(|r| r.body["text"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Polls `pred` every ~10 ms until it holds (true) or `timeout` passes
    /// (false).
    pub async fn wait_until(&self, timeout: Duration, pred: impl Fn(&FakeTelegram) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if pred(self) {
                return true;
            }
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Queues faults for `method` (case-insensitive); each request of that
    /// method consumes the next one, and requests find none once they run out.
    pub fn inject(&self, method: &str, faults: impl IntoIterator<Item = Fault>) {
        self.state().faults.entry(method.to_ascii_lowercase()).or_default().extend(faults);
    }

    /// From now on every request is answered 401 Unauthorized.
    pub fn reject_token(&self) {
        self.state().rejected = true;
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.lock()
    }
}

impl Drop for FakeTelegram {
    fn drop(&mut self) {
        // The accept loop owns the connection tasks, so this stops them too.
        self.server.abort();
    }
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

// ---------------------------------------------------------------------------
// Update builders
// ---------------------------------------------------------------------------

/// A text message from user `chat_id` in their private chat with the bot.
pub fn private_text(chat_id: i64, text: &str) -> Value {
    json!({ "message": text_message(private_chat(chat_id), user(chat_id), text) })
}

/// A text message from `from_id` in the supergroup `chat_id` (negative).
pub fn group_text(chat_id: i64, from_id: i64, text: &str) -> Value {
    json!({ "message": text_message(group_chat(chat_id), user(from_id), text) })
}

/// A text message from `from_id` in the supergroup `chat_id` that replies to
/// the bot's message `bot_message_id`.
pub fn group_reply_to_bot(chat_id: i64, from_id: i64, text: &str, bot_message_id: i32) -> Value {
    let mut message = text_message(group_chat(chat_id), user(from_id), text);
    message["reply_to_message"] = json!({
        "message_id": bot_message_id,
        "date": unix_now() - 60,
        "chat": group_chat(chat_id),
        "from": bot_user(),
        "text": "An earlier answer from the bot.",
    });
    json!({ "message": message })
}

/// A sticker from user `chat_id` in their private chat.
pub fn private_sticker(chat_id: i64) -> Value {
    let mut message = bare_message(private_chat(chat_id), user(chat_id));
    message["sticker"] = json!({
        "file_id": "CAACAgIAAxkBAAIBfakeSticker",
        "file_unique_id": "AgADfakeSticker",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": false,
        "is_video": false,
        "emoji": "\u{1F44D}",
        "set_name": "FakeStickers",
        "file_size": 23_456,
    });
    json!({ "message": message })
}

/// A photo (two sizes, no caption) from user `chat_id` in their private chat.
pub fn private_photo(chat_id: i64) -> Value {
    let mut message = bare_message(private_chat(chat_id), user(chat_id));
    message["photo"] = json!([
        {
            "file_id": "AgACAgIAAxkBAAIBfakePhotoSmall",
            "file_unique_id": "AQADfakePhotoS",
            "width": 90,
            "height": 90,
            "file_size": 1_234,
        },
        {
            "file_id": "AgACAgIAAxkBAAIBfakePhotoLarge",
            "file_unique_id": "AQADfakePhotoL",
            "width": 800,
            "height": 800,
            "file_size": 45_678,
        },
    ]);
    json!({ "message": message })
}

/// A voice note from user `chat_id` in their private chat.
pub fn private_voice(chat_id: i64) -> Value {
    let mut message = bare_message(private_chat(chat_id), user(chat_id));
    message["voice"] = json!({
        "file_id": "AwACAgIAAxkBAAIBfakeVoice",
        "file_unique_id": "AgADfakeVoice",
        "duration": 3,
        "mime_type": "audio/ogg",
        "file_size": 5_000,
    });
    json!({ "message": message })
}

/// An edit, by user `chat_id`, of their private message `message_id`.
pub fn edited_private_text(chat_id: i64, message_id: i32, text: &str) -> Value {
    let mut message = text_message(private_chat(chat_id), user(chat_id), text);
    message["message_id"] = json!(message_id);
    message["date"] = json!(unix_now() - 30);
    message["edit_date"] = json!(unix_now());
    json!({ "edited_message": message })
}

/// A press, by user `chat_id`, of an inline button carrying `data` under the
/// bot's message `message_id` in their private chat.
pub fn callback(chat_id: i64, data: &str, message_id: i32) -> Value {
    let id = NEXT_CALLBACK_ID.fetch_add(1, Ordering::Relaxed);
    json!({
        "callback_query": {
            "id": format!("{}", 9_000_000_000_000_000_000u64 + id),
            "from": user(chat_id),
            "message": {
                "message_id": message_id,
                "date": unix_now() - 10,
                "chat": private_chat(chat_id),
                "from": bot_user(),
                "text": "An earlier answer from the bot.",
                "reply_markup": {
                    "inline_keyboard": [[{ "text": "More", "callback_data": data }]],
                },
            },
            "chat_instance": format!("{}", 7_000_000_000_000_000_000u64 + chat_id.unsigned_abs() % 1_000_000_000),
            "data": data,
        }
    })
}

/// Deserializes an update (e.g. from a builder) as teloxide would receive it;
/// `update_id` defaults to 0.
///
/// Goes through JSON text on purpose: teloxide-core 0.13's `UpdateKind` only
/// reads borrowed map keys, so `serde_json::from_value::<Update>` silently
/// yields `UpdateKind::Error` for every update.
pub fn as_update(update: &Value) -> Update {
    let mut update = update.clone();
    if let Some(object) = update.as_object_mut() {
        object.entry("update_id").or_insert(json!(0));
    }
    serde_json::from_str(&update.to_string()).expect("fake Telegram: not an Update")
}

/// The bot's own user object.
pub fn bot_user() -> Value {
    json!({
        "id": BOT_ID,
        "is_bot": true,
        "first_name": BOT_FIRST_NAME,
        "username": BOT_USERNAME,
    })
}

fn user(id: i64) -> Value {
    json!({
        "id": id,
        "is_bot": false,
        "first_name": "Test",
        "last_name": format!("User{id}"),
        "username": format!("user{id}"),
        "language_code": "en",
    })
}

fn private_chat(id: i64) -> Value {
    json!({
        "id": id,
        "type": "private",
        "first_name": "Test",
        "last_name": format!("User{id}"),
        "username": format!("user{id}"),
    })
}

fn group_chat(id: i64) -> Value {
    json!({ "id": id, "type": "supergroup", "title": "AI Careers Chat" })
}

/// A chat object for a chat id the bot writes to: supergroup when negative.
fn chat_for(id: i64) -> Value {
    if id < 0 { group_chat(id) } else { private_chat(id) }
}

fn bare_message(chat: Value, from: Value) -> Value {
    json!({
        "message_id": next_message_id(),
        "date": unix_now(),
        "chat": chat,
        "from": from,
    })
}

fn text_message(chat: Value, from: Value, text: &str) -> Value {
    let mut message = bare_message(chat, from);
    message["text"] = json!(text);
    let entities = entities(text);
    if !entities.is_empty() {
        message["entities"] = Value::Array(entities);
    }
    message
}

/// A `bot_command` entity for a leading `/command[@bot]`, and a `mention`
/// entity for every `@username`; offsets and lengths in UTF-16 code units, as
/// Telegram counts them.
fn entities(text: &str) -> Vec<Value> {
    let mut found = Vec::new();
    let mut utf16 = 0;
    let mut previous: Option<char> = None;
    for (byte, ch) in text.char_indices() {
        let word_start = previous.is_none_or(char::is_whitespace);
        let kind = match ch {
            '/' if byte == 0 => Some("bot_command"),
            '@' if word_start => Some("mention"),
            _ => None,
        };
        if let Some(kind) = kind {
            let name = text[byte + 1..]
                .chars()
                .take_while(|&c| c.is_ascii_alphanumeric() || c == '_' || (c == '@' && ch == '/'))
                .count();
            if name > 0 {
                found.push(json!({ "type": kind, "offset": utf16, "length": name + 1 }));
            }
        }
        utf16 += ch.len_utf16();
        previous = Some(ch);
    }
    found
}

fn next_message_id() -> i32 {
    NEXT_MESSAGE_ID.fetch_add(1, Ordering::Relaxed)
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(1_700_000_000, |d| d.as_secs().cast_signed())
}

fn update_id(update: &Value) -> i64 {
    update.get("update_id").and_then(Value::as_i64).unwrap_or(i64::MAX)
}

/// The chat a request addresses: `chat_id` as a number or a numeric string;
/// `@username` strings map to a fixed channel-like id.
fn chat_id_of(body: &Value) -> i64 {
    match body.get("chat_id") {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(USERNAME_CHAT_ID),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(USERNAME_CHAT_ID),
        _ => 0,
    }
}

fn int_param(body: &Value, key: &str) -> Option<i64> {
    match body.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// HTTP server
// ---------------------------------------------------------------------------

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    // Owning the connection tasks here means aborting this task aborts them.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let _ = stream.set_nodelay(true);
                    connections.spawn(serve_connection(stream, Arc::clone(&shared)));
                }
                // E.g. too many open files: back off instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

struct Request {
    target: String,
    content_type: String,
    body: Vec<u8>,
    close: bool,
}

enum ReadError {
    /// The peer closed the connection (or it broke): just stop.
    Closed,
    /// The request is unusable: answer with this status, then close.
    Bad(u16),
}

async fn serve_connection(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut buf = Vec::new();
    loop {
        let request = match read_request(&mut stream, &mut buf).await {
            Ok(request) => request,
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(status)) => {
                let body = error_body(status, reason(status));
                let _ = stream.write_all(&http_response(status, body.as_bytes(), true)).await;
                return;
            }
        };
        let Some((status, body)) = handle(&shared, &request).await else {
            return; // Fault::Drop: no answer at all
        };
        let response = http_response(status, body.as_bytes(), request.close);
        if stream.write_all(&response).await.is_err() || request.close {
            return;
        }
    }
}

/// Reads one request from `stream`; `buf` carries bytes already read past the
/// previous request (pipelining).
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Request, ReadError> {
    let head_end = loop {
        if let Some(pos) = find(buf, b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Bad(431));
        }
        read_more(stream, buf).await?;
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    buf.drain(..head_end + 4);

    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split_whitespace();
    let (Some(_verb), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Bad(505));
    }

    let mut content_length = None;
    let mut chunked = false;
    let mut expect_continue = false;
    let mut content_type = String::new();
    let mut connection = String::new();
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => match value.parse::<usize>() {
                Ok(n) => content_length = Some(n),
                Err(_) => return Err(ReadError::Bad(400)),
            },
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "expect" => expect_continue = value.eq_ignore_ascii_case("100-continue"),
            "content-type" => content_type = value.to_ascii_lowercase(),
            "connection" => connection = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    let close = connection.contains("close") || (version == "HTTP/1.0" && !connection.contains("keep-alive"));

    let wants_body = chunked || content_length.is_some_and(|n| n > 0);
    if expect_continue && wants_body && buf.is_empty() {
        stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").await.map_err(|_| ReadError::Closed)?;
    }

    let body = if chunked {
        read_chunked(stream, buf).await?
    } else {
        let length = content_length.unwrap_or(0);
        if length > MAX_BODY {
            return Err(ReadError::Bad(413));
        }
        while buf.len() < length {
            read_more(stream, buf).await?;
        }
        buf.drain(..length).collect()
    };

    Ok(Request { target: target.to_owned(), content_type, body, close })
}

async fn read_chunked(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(stream, buf).await?;
        let size = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size, 16).map_err(|_| ReadError::Bad(400))?;
        if size == 0 {
            // Trailer fields, up to an empty line.
            while !read_line(stream, buf).await?.is_empty() {}
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(ReadError::Bad(413));
        }
        while buf.len() < size + 2 {
            read_more(stream, buf).await?;
        }
        body.extend(buf.drain(..size));
        if buf.drain(..2).as_slice() != b"\r\n" {
            return Err(ReadError::Bad(400));
        }
    }
}

async fn read_line(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<String, ReadError> {
    loop {
        if let Some(pos) = find(buf, b"\r\n") {
            let line = String::from_utf8_lossy(&buf[..pos]).into_owned();
            buf.drain(..pos + 2);
            return Ok(line);
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Bad(400));
        }
        read_more(stream, buf).await?;
    }
}

async fn read_more(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Result<(), ReadError> {
    buf.reserve(16 * 1024);
    match stream.read_buf(buf).await {
        Ok(0) | Err(_) => Err(ReadError::Closed),
        Ok(_) => Ok(()),
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn http_response(status: u16, body: &[u8], close: bool) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        reason(status),
        body.len()
    );
    if close {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Error",
    }
}

fn error_body(code: u16, description: &str) -> String {
    json!({ "ok": false, "error_code": code, "description": description }).to_string()
}

fn ok_body(result: Value) -> String {
    json!({ "ok": true, "result": result }).to_string()
}

// ---------------------------------------------------------------------------
// Bot API
// ---------------------------------------------------------------------------

/// Answers one request: `None` means close the connection without a reply.
async fn handle(shared: &Shared, request: &Request) -> Option<(u16, String)> {
    let path = percent_decode(request_path(&request.target));
    let body = parse_body(&request.body, &request.content_type);
    let route = path
        .strip_prefix("/bot")
        .and_then(|rest| rest.split_once('/'))
        .map(|(token, method)| (token, method.trim_end_matches('/')))
        .filter(|(_, method)| !method.is_empty() && !method.contains('/'));

    let (index, fault) = {
        let mut state = shared.lock();
        let authorized = !state.rejected && route.is_some_and(|(token, _)| token == state.token);
        let method = route.map_or_else(|| path.clone(), |(_, method)| lower_camel(method));
        let fault = if authorized {
            state.faults.get_mut(&method.to_ascii_lowercase()).and_then(VecDeque::pop_front)
        } else {
            None
        };
        let index = state.requests.len();
        state.requests.push(Recorded {
            method,
            body: body.clone(),
            at: Instant::now(),
            fault: fault.clone(),
            served: authorized && matches!(fault, None | Some(Fault::Delay(_))),
            update_ids: Vec::new(),
        });
        if !authorized {
            return Some((401, error_body(401, "Unauthorized")));
        }
        (index, fault)
    };
    let (_, method) = route?;

    match fault {
        None => {}
        Some(Fault::Delay(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::Drop) => return None,
        Some(Fault::MalformedJson) => return Some((200, r#"{"ok":tru"#.to_owned())),
        Some(Fault::RetryAfter(seconds)) => {
            let body = json!({
                "ok": false,
                "error_code": 429,
                "description": format!("Too Many Requests: retry after {seconds}"),
                "parameters": { "retry_after": seconds },
            });
            return Some((429, body.to_string()));
        }
        Some(Fault::Status(status)) => {
            let status = if (200..=599).contains(&status) { status } else { 500 };
            return Some((status, error_body(status, reason(status))));
        }
    }

    let result = api_result(shared, method, &body).await;
    if method.eq_ignore_ascii_case("getUpdates")
        && let Some(updates) = result.as_array()
    {
        shared.lock().requests[index].update_ids = updates.iter().map(update_id).collect();
    }
    Some((200, ok_body(result)))
}

/// The `result` of a successful call of `method`.
async fn api_result(shared: &Shared, method: &str, body: &Value) -> Value {
    match method.to_ascii_lowercase().as_str() {
        "getme" => json!({
            "id": BOT_ID,
            "is_bot": true,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": true,
            "can_read_all_group_messages": false,
            "supports_inline_queries": false,
            "can_connect_to_business": false,
            // Required by teloxide-core 0.13's `Me` (no serde default).
            "has_main_web_app": false,
        }),
        "getupdates" => get_updates(shared, body).await,
        // teloxide's polling asks for this before its first getUpdates; an
        // empty url means "no webhook".
        "getwebhookinfo" => json!({
            "url": "",
            "has_custom_certificate": false,
            "pending_update_count": shared.lock().pending.len(),
        }),
        "sendmessage" => {
            let chat_id = chat_id_of(body);
            let mut message = json!({
                "message_id": next_message_id(),
                "date": unix_now(),
                "chat": chat_for(chat_id),
                "from": bot_user(),
                "text": body["text"].as_str().unwrap_or_default(),
            });
            copy_inline_keyboard(body, &mut message);
            remember(shared, chat_id, &message);
            message
        }
        "editmessagetext" | "editmessagereplymarkup" => {
            if body.get("inline_message_id").is_some() {
                return json!(true);
            }
            let chat_id = chat_id_of(body);
            let message_id = int_param(body, "message_id").unwrap_or(0);
            let mut message = shared.lock().sent.get(&(chat_id, message_id)).cloned().unwrap_or_else(|| {
                json!({
                    "message_id": message_id,
                    "date": unix_now(),
                    "chat": chat_for(chat_id),
                    "from": bot_user(),
                    "text": "",
                })
            });
            if let Some(text) = body.get("text").and_then(Value::as_str) {
                message["text"] = json!(text);
            }
            if let Some(object) = message.as_object_mut() {
                object.remove("reply_markup");
            }
            copy_inline_keyboard(body, &mut message);
            message["edit_date"] = json!(unix_now());
            remember(shared, chat_id, &message);
            message
        }
        "setmycommands" => {
            shared.lock().commands = body.get("commands").cloned().unwrap_or(json!([]));
            json!(true)
        }
        "deletemycommands" => {
            shared.lock().commands = json!([]);
            json!(true)
        }
        "getmycommands" => shared.lock().commands.clone(),
        "getmyname" => json!({ "name": BOT_FIRST_NAME }),
        "getmydescription" => json!({ "description": "" }),
        "getmyshortdescription" => json!({ "short_description": "" }),
        _ => json!(true),
    }
}

/// Long-polls: answers at once when updates with `update_id >= offset` are
/// queued, else waits for a push or min(`timeout`, 300 ms). Updates below a
/// positive offset are confirmed and dropped.
async fn get_updates(shared: &Shared, body: &Value) -> Value {
    let offset = int_param(body, "offset").unwrap_or(0);
    let limit =
        int_param(body, "limit").filter(|&limit| limit > 0).map_or(100, |limit| limit.min(100)) as usize;
    let timeout = int_param(body, "timeout").unwrap_or(0).max(0) as u64;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout).min(MAX_LONG_POLL);
    loop {
        let pushed = shared.pushed.notified();
        tokio::pin!(pushed);
        pushed.as_mut().enable();
        {
            let mut state = shared.lock();
            if offset < 0 {
                // Telegram: a negative offset asks for the last -offset
                // updates and forgets all earlier ones (teloxide's
                // `drop_pending_updates` sends -1).
                let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
                let excess = state.pending.len().saturating_sub(keep);
                state.pending.drain(..excess);
            } else {
                // A positive offset confirms every update below it.
                while state.pending.front().is_some_and(|update| update_id(update) < offset) {
                    state.pending.pop_front();
                }
            }
            let batch: Vec<Value> = state.pending.iter().take(limit).cloned().collect();
            if !batch.is_empty() || tokio::time::Instant::now() >= deadline {
                return Value::Array(batch);
            }
        }
        let _ = tokio::time::timeout_at(deadline, pushed).await;
    }
}

fn copy_inline_keyboard(body: &Value, message: &mut Value) {
    if let Some(markup) = body.get("reply_markup")
        && markup.get("inline_keyboard").is_some()
    {
        message["reply_markup"] = markup.clone();
    }
}

fn remember(shared: &Shared, chat_id: i64, message: &Value) {
    let message_id = message["message_id"].as_i64().unwrap_or(0);
    shared.lock().sent.insert((chat_id, message_id), message.clone());
}

/// `SendMessage` (teloxide's spelling) as `sendMessage` (the Bot API's).
fn lower_camel(method: &str) -> String {
    let mut chars = method.chars();
    chars.next().map_or_else(String::new, |first| first.to_ascii_lowercase().to_string() + chars.as_str())
}

/// The path of a request target, without query, accepting the absolute form.
fn request_path(target: &str) -> &str {
    let target = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |slash| &rest[slash..]),
        None => target,
    };
    target.split(['?', '#']).next().unwrap_or(target)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = bytes
                .get(i + 1..i + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// JSON bodies as they are; url-encoded forms as an object of strings; empty
/// bodies as `{}`; anything else as a JSON string of the raw text.
fn parse_body(body: &[u8], content_type: &str) -> Value {
    if body.iter().all(u8::is_ascii_whitespace) {
        return json!({});
    }
    if let Ok(value) = serde_json::from_slice(body) {
        return value;
    }
    let text = String::from_utf8_lossy(body);
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let form: Map<String, Value> = text
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let decode = |s: &str| percent_decode(&s.replace('+', " "));
                (decode(key), Value::String(decode(value)))
            })
            .collect();
        return Value::Object(form);
    }
    Value::String(text.into_owned())
}
