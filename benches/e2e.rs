//! The end-to-end bench: the release `careerbot serve` and a floor bot (`examples/floor_bot.rs`, a
//! teloxide bot that replies a constant) against a lean loopback fake Bot API, in the same run.
//!
//! Reports update→reply latency (from the fake handing an update out in a getUpdates answer to
//! the fake receiving its sendMessage) at 20 updates/s, the highest sustained rate with zero
//! loss (rate limits lifted), peak RSS (VmHWM) while serving, and the time from start to the
//! first getUpdates with a valid index and with an empty index folder. Every figure is the
//! median over `--runs` runs. Run it with `scripts/bench-e2e.sh`, which builds both bots first.
//!
//! Options: `--runs N` (default 3), `--no-throughput`, `--only careerbot|floor`.

#[path = "support/questions.rs"]
mod questions;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

const TOKEN: &str = "4242:BENCH-token";
/// Updates per second of the latency runs: busy, yet below Telegram's 30 messages/s overall,
/// so a correct rate limiter never has to hold a reply back.
const LATENCY_RATE: f64 = 20.0;
const LATENCY_UPDATES: usize = 300;
/// Rates tried, in order, until one fails.
const RATES: [u32; 14] =
    [500, 1000, 1500, 2000, 2500, 3000, 4000, 5000, 6000, 8000, 10_000, 12_000, 16_000, 20_000];
/// Seconds each rate is kept up.
const STEP_SECS: f64 = 3.0;
/// How long after the last update of a step its last reply may come and the rate still count
/// as sustained (the backlog did not grow).
const DRAIN: Duration = Duration::from_secs(1);
/// Longest wait for anything (a start, a reply) before the bench gives up on it.
const PATIENCE: Duration = Duration::from_secs(30);

fn main() {
    let options = Options::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(run(options));
}

#[derive(Debug, Clone)]
struct Options {
    runs: usize,
    throughput: bool,
    only: Option<String>,
}

impl Options {
    fn parse() -> Options {
        let mut options = Options { runs: 3, throughput: true, only: None };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--runs" => options.runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1),
                "--no-throughput" => options.throughput = false,
                "--only" => options.only = args.next(),
                _ => {} // `cargo bench` passes --bench
            }
        }
        options
    }
}

/// Which bot a process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Bot {
    Careerbot,
    Floor,
}

impl Bot {
    fn name(self) -> &'static str {
        match self {
            Bot::Careerbot => "careerbot",
            Bot::Floor => "floor",
        }
    }
}

/// Where the binaries and the corpus are.
struct Paths {
    careerbot: PathBuf,
    floor: PathBuf,
    corpus: PathBuf,
    work: tempfile::TempDir,
}

async fn run(options: Options) {
    let careerbot = PathBuf::from(env!("CARGO_BIN_EXE_careerbot"));
    let floor = careerbot.parent().expect("target folder").join("examples/floor_bot");
    assert!(floor.exists(), "{} is missing: run scripts/bench-e2e.sh (it builds it)", floor.display());
    let paths =
        Paths { careerbot, floor, corpus: questions::corpus_dir(), work: tempfile::tempdir().unwrap() };
    let texts: Vec<String> = questions::questions().into_iter().map(|q| q.text).collect();
    let bots: Vec<Bot> = [Bot::Careerbot, Bot::Floor]
        .into_iter()
        .filter(|b| options.only.as_deref().is_none_or(|o| o == b.name()))
        .collect();
    // A valid index for every careerbot start that wants one.
    let index = paths.work.path().join("index");
    let built = Command::new(&paths.careerbot)
        .args(["index", "--corpus"])
        .arg(&paths.corpus)
        .arg("--index")
        .arg(&index)
        .env_clear()
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("careerbot index");
    assert!(built.success(), "careerbot index failed");

    let mut figures: HashMap<(Bot, &str), Vec<f64>> = HashMap::new();
    for run in 1..=options.runs {
        eprintln!("run {run}/{}", options.runs);
        for &bot in &bots {
            let (valid, rebuild) = start_up(&paths, bot, &index).await;
            figures.entry((bot, "start, valid index (ms)")).or_default().push(valid);
            if let Some(rebuild) = rebuild {
                figures.entry((bot, "start, rebuild (ms)")).or_default().push(rebuild);
            }
            let latency = latency(&paths, bot, &index, &texts).await;
            eprintln!(
                "  {:<9} latency p50 {:.0} µs, p95 {:.0} µs, p99 {:.0} µs, VmHWM {:.1} MB",
                bot.name(),
                latency.p50,
                latency.p95,
                latency.p99,
                latency.hwm_mb
            );
            figures.entry((bot, "latency p50 (µs)")).or_default().push(latency.p50);
            figures.entry((bot, "latency p95 (µs)")).or_default().push(latency.p95);
            figures.entry((bot, "latency p99 (µs)")).or_default().push(latency.p99);
            figures.entry((bot, "peak RSS, latency run (MB)")).or_default().push(latency.hwm_mb);
            if options.throughput {
                let kept = throughput(&paths, bot, &index, &texts).await;
                eprintln!("  {:<9} sustained {} updates/s", bot.name(), kept.rate);
                figures.entry((bot, "sustained updates/s")).or_default().push(f64::from(kept.rate));
                figures
                    .entry((bot, "peak RSS at 2,000 updates/s (MB)"))
                    .or_default()
                    .push(kept.hwm_at_rss_rate);
                figures
                    .entry((bot, "peak RSS, highest sustained rate (MB)"))
                    .or_default()
                    .push(kept.hwm_sustained);
            }
        }
    }
    print_table(&figures, &bots, options.runs);
}

fn print_table(figures: &HashMap<(Bot, &str), Vec<f64>>, bots: &[Bot], runs: usize) {
    let rows = [
        "latency p50 (µs)",
        "latency p95 (µs)",
        "latency p99 (µs)",
        "sustained updates/s",
        "peak RSS, latency run (MB)",
        "peak RSS at 2,000 updates/s (MB)",
        "peak RSS, highest sustained rate (MB)",
        "start, valid index (ms)",
        "start, rebuild (ms)",
    ];
    println!("\nend-to-end, medians of {runs} run(s)");
    print!("| figure |");
    for bot in bots {
        print!(" {} |", bot.name());
    }
    let ratio = bots.len() == 2;
    if ratio {
        print!(" careerbot / floor |");
    }
    println!();
    println!("|---|{}", "---|".repeat(bots.len() + usize::from(ratio)));
    for row in rows {
        let values: Vec<Option<f64>> =
            bots.iter().map(|&b| figures.get(&(b, row)).map(|v| median(v.clone()))).collect();
        if values.iter().all(Option::is_none) {
            continue;
        }
        print!("| {row} |");
        for value in &values {
            match value {
                Some(v) if *v >= 100.0 => print!(" {v:.0} |"),
                Some(v) => print!(" {v:.1} |"),
                None => print!(" — |"),
            }
        }
        if ratio {
            match (values[0], values[1]) {
                (Some(a), Some(b)) if b > 0.0 => print!(" {:.2} |", a / b),
                _ => print!(" — |"),
            }
        }
        println!();
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
}

// ---------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------

/// Milliseconds from spawn to the first getUpdates, with a valid index and (careerbot only)
/// with an empty index folder.
async fn start_up(paths: &Paths, bot: Bot, index: &Path) -> (f64, Option<f64>) {
    let valid = time_to_first_poll(paths, bot, index).await;
    let rebuild = match bot {
        Bot::Careerbot => {
            let empty = paths.work.path().join(format!("empty-{}", nanos()));
            std::fs::create_dir(&empty).expect("empty index folder");
            let ms = time_to_first_poll(paths, bot, &empty).await;
            let _ = std::fs::remove_dir_all(&empty);
            Some(ms)
        }
        Bot::Floor => None,
    };
    (valid, rebuild)
}

async fn time_to_first_poll(paths: &Paths, bot: Bot, index: &Path) -> f64 {
    let fake = Fake::start().await;
    let started = Instant::now();
    let mut process = Process::spawn(paths, bot, &fake.url(), index, false);
    let polled = fake.wait_first_poll().await;
    let ms = polled.duration_since(started).as_secs_f64() * 1000.0;
    process.stop();
    ms
}

struct Latency {
    p50: f64,
    p95: f64,
    p99: f64,
    hwm_mb: f64,
}

/// One process under production settings, [`LATENCY_UPDATES`] updates at [`LATENCY_RATE`].
async fn latency(paths: &Paths, bot: Bot, index: &Path, texts: &[String]) -> Latency {
    let fake = Fake::start().await;
    let mut process = Process::spawn(paths, bot, &fake.url(), index, false);
    fake.wait_first_poll().await;
    // A few updates to warm connections up, not measured.
    let warm = fake.push_many(texts, 5);
    fake.wait_replies(&warm, PATIENCE).await;
    let ids = push_at_rate(&fake, texts, LATENCY_RATE, LATENCY_UPDATES).await;
    let complete = fake.wait_replies(&ids, PATIENCE).await;
    assert!(complete, "{}: some updates got no reply within {PATIENCE:?}", bot.name());
    let mut micros = fake.latencies_us(&ids);
    micros.sort_by(f64::total_cmp);
    let at = |p: f64| micros[((micros.len() as f64 * p) as usize).min(micros.len() - 1)];
    let hwm_mb = process.vm_hwm_kb() as f64 / 1024.0;
    process.stop();
    Latency { p50: at(0.50), p95: at(0.95), p99: at(0.99), hwm_mb }
}

/// The rate the peak RSS budget is checked at.
const RSS_RATE: u32 = 2000;

/// What one unthrottled process kept up.
struct Throughput {
    /// The highest rate of [`RATES`] kept up for [`STEP_SECS`] with every update answered and
    /// the last reply at most [`DRAIN`] after the last update.
    rate: u32,
    /// Peak RSS in MB while serving [`RSS_RATE`] updates/s (VmHWM, reset before the step).
    hwm_at_rss_rate: f64,
    /// Peak RSS in MB over every step kept up (an overloaded step's backlog is not serving).
    hwm_sustained: f64,
}

async fn throughput(paths: &Paths, bot: Bot, index: &Path, texts: &[String]) -> Throughput {
    let fake = Fake::start().await;
    let mut process = Process::spawn(paths, bot, &fake.url(), index, true);
    fake.wait_first_poll().await;
    let warm = fake.push_many(texts, 50);
    fake.wait_replies(&warm, PATIENCE).await;
    let mut kept = Throughput { rate: 0, hwm_at_rss_rate: 0.0, hwm_sustained: 0.0 };
    for rate in RATES {
        process.reset_vm_hwm();
        let count = (f64::from(rate) * STEP_SECS) as usize;
        let ids = push_at_rate(&fake, texts, f64::from(rate), count).await;
        let sustained = fake.wait_replies(&ids, DRAIN).await;
        let answered = fake.answered(&ids);
        let hwm = process.vm_hwm_kb() as f64 / 1024.0;
        eprintln!(
            "    {:<9} {rate:>6}/s: {answered}/{count} answered within {DRAIN:?}, VmHWM {hwm:.1} MB",
            bot.name()
        );
        if !sustained {
            break;
        }
        kept.rate = rate;
        kept.hwm_sustained = kept.hwm_sustained.max(hwm);
        if rate == RSS_RATE {
            kept.hwm_at_rss_rate = hwm;
        }
        // Let the process settle before the next step.
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    process.stop();
    kept
}

/// Pushes `count` updates at `rate` per second, in small bursts; returns their ids.
async fn push_at_rate(fake: &Fake, texts: &[String], rate: f64, count: usize) -> Vec<i64> {
    let started = Instant::now();
    let mut ids = Vec::with_capacity(count);
    while ids.len() < count {
        let due = ((started.elapsed().as_secs_f64() * rate) as usize + 1).min(count);
        if due > ids.len() {
            ids.extend(fake.push_many(texts, due - ids.len()));
        }
        let next = Duration::from_secs_f64((ids.len() as f64 / rate).max(0.0));
        let wait = next.saturating_sub(started.elapsed()).max(Duration::from_micros(500));
        tokio::time::sleep(wait.min(Duration::from_millis(5))).await;
    }
    ids
}

// ---------------------------------------------------------------------------
// A bot process
// ---------------------------------------------------------------------------

struct Process {
    child: Option<Child>,
    _dir: tempfile::TempDir,
}

impl Process {
    fn spawn(paths: &Paths, bot: Bot, url: &str, index: &Path, unthrottled: bool) -> Process {
        let dir = tempfile::tempdir().expect("temp dir");
        let program = match bot {
            Bot::Careerbot => &paths.careerbot,
            Bot::Floor => &paths.floor,
        };
        let mut command = Command::new(program);
        command
            .current_dir(dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TELOXIDE_TOKEN", TOKEN)
            .env("TELOXIDE_API_URL", url)
            .env("CAREERBOT_CORPUS", &paths.corpus)
            .env("CAREERBOT_INDEX", index)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.path().join("log")).expect("log file"));
        if unthrottled {
            command.env("CAREERBOT_BENCH_UNTHROTTLED", "1");
        }
        if bot == Bot::Careerbot {
            command.arg("serve");
        }
        let child = command.spawn().unwrap_or_else(|e| panic!("spawn {}: {e}", program.display()));
        Process { child: Some(child), _dir: dir }
    }

    /// Peak resident memory so far, from /proc.
    fn vm_hwm_kb(&self) -> u64 {
        let pid = self.child.as_ref().map_or(0, Child::id);
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }

    /// Starts VmHWM afresh from the current RSS (Linux: `5` to `/proc/<pid>/clear_refs`).
    fn reset_vm_hwm(&self) {
        let pid = self.child.as_ref().map_or(0, Child::id);
        let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
    }

    /// SIGTERM, then SIGKILL after 10 s.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else { return };
        let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

// ---------------------------------------------------------------------------
// The lean fake Bot API
// ---------------------------------------------------------------------------

/// A loopback Bot API that knows just what the two bots call, records when each update was
/// first handed out and when its chat got its first reply. Each update has its own chat, whose
/// id is the update's id.
struct Fake {
    shared: Arc<Shared>,
    url: String,
    server: tokio::task::JoinHandle<()>,
}

struct Shared {
    state: Mutex<State>,
    pushed: Notify,
    replied: Notify,
    polled: Notify,
}

#[derive(Default)]
struct State {
    next_id: i64,
    pending: VecDeque<(i64, String)>,
    handed: HashMap<i64, Instant>,
    replied: HashMap<i64, Instant>,
    first_poll: Option<Instant>,
    next_message_id: i64,
}

impl Fake {
    async fn start() -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let shared = Arc::new(Shared {
            state: Mutex::new(State { next_id: 1, next_message_id: 1, ..State::default() }),
            pushed: Notify::new(),
            replied: Notify::new(),
            polled: Notify::new(),
        });
        let server = tokio::spawn(accept(listener, Arc::clone(&shared)));
        Fake { shared, url, server }
    }

    fn url(&self) -> String {
        self.url.clone()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.shared.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Queues `count` private text messages, cycling through `texts`; returns their ids.
    fn push_many(&self, texts: &[String], count: usize) -> Vec<i64> {
        let mut ids = Vec::with_capacity(count);
        {
            let mut state = self.state();
            for _ in 0..count {
                let id = state.next_id;
                state.next_id += 1;
                let text = &texts[id as usize % texts.len()];
                state.pending.push_back((id, update_json(id, text)));
                ids.push(id);
            }
        }
        self.shared.pushed.notify_waiters();
        ids
    }

    async fn wait_first_poll(&self) -> Instant {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let polled = self.shared.polled.notified();
            tokio::pin!(polled);
            polled.as_mut().enable();
            if let Some(at) = self.state().first_poll {
                return at;
            }
            assert!(
                tokio::time::timeout_at(deadline, polled).await.is_ok(),
                "the bot never polled within {PATIENCE:?}"
            );
        }
    }

    /// Waits until every update of `ids` has its reply; false when `timeout` passes first.
    async fn wait_replies(&self, ids: &[i64], timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let replied = self.shared.replied.notified();
            tokio::pin!(replied);
            replied.as_mut().enable();
            if self.answered(ids) == ids.len() {
                return true;
            }
            if tokio::time::timeout_at(deadline, replied).await.is_err() {
                return self.answered(ids) == ids.len();
            }
        }
    }

    fn answered(&self, ids: &[i64]) -> usize {
        let state = self.state();
        ids.iter().filter(|id| state.replied.contains_key(id)).count()
    }

    /// Microseconds from hand-out to reply of each answered update of `ids`.
    fn latencies_us(&self, ids: &[i64]) -> Vec<f64> {
        let state = self.state();
        ids.iter()
            .filter_map(|id| {
                let out = state.handed.get(id)?;
                let back = state.replied.get(id)?;
                Some(back.duration_since(*out).as_secs_f64() * 1e6)
            })
            .collect()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn update_json(id: i64, text: &str) -> String {
    let text = serde_json::to_string(text).expect("a string");
    format!(
        r#"{{"update_id":{id},"message":{{"message_id":{id},"date":{now},"chat":{{"id":{id},"type":"private","first_name":"Bench"}},"from":{{"id":{id},"is_bot":false,"first_name":"Bench"}},"text":{text}}}}}"#,
        now = unix_now()
    )
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => if let Ok((stream, _)) = accepted {
                let _ = stream.set_nodelay(true);
                connections.spawn(serve(stream, Arc::clone(&shared)));
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    loop {
        let (method, body) = loop {
            if let Some(request) = parse_request(&mut buf) {
                break request;
            }
            buf.reserve(16 * 1024);
            match stream.read_buf(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        };
        let result = answer(&shared, &method, &body).await;
        let body = format!(r#"{{"ok":true,"result":{result}}}"#);
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

/// One complete request off the front of `buf`: the method (last path segment, lower case)
/// and the body. `None` until it has all arrived.
fn parse_request(buf: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&buf[..head_end]).ok()?;
    let target = head.split_whitespace().nth(1).unwrap_or_default();
    let method = target.rsplit('/').next().unwrap_or_default().to_ascii_lowercase();
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    if buf.len() < head_end + 4 + length {
        return None;
    }
    let body = buf[head_end + 4..head_end + 4 + length].to_vec();
    buf.drain(..head_end + 4 + length);
    Some((method, body))
}

#[derive(Deserialize)]
struct Poll {
    #[serde(default)]
    offset: i64,
    #[serde(default)]
    timeout: u64,
}

#[derive(Deserialize)]
struct Send {
    chat_id: i64,
}

/// The `result` of one call.
async fn answer(shared: &Shared, method: &str, body: &[u8]) -> String {
    match method {
        "getme" => r#"{"id":4242,"is_bot":true,"first_name":"Bench","username":"CareerGuideBot","can_join_groups":true,"can_read_all_group_messages":false,"supports_inline_queries":false,"can_connect_to_business":false,"has_main_web_app":false}"#.to_string(),
        "getupdates" => {
            let poll: Poll = serde_json::from_slice(body).unwrap_or(Poll { offset: 0, timeout: 0 });
            get_updates(shared, poll).await
        }
        "sendmessage" => {
            let chat = serde_json::from_slice::<Send>(body).map_or(0, |s| s.chat_id);
            let message_id = {
                let mut state = shared.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                state.replied.entry(chat).or_insert_with(Instant::now);
                state.next_message_id += 1;
                state.next_message_id
            };
            shared.replied.notify_waiters();
            format!(
                r#"{{"message_id":{message_id},"date":{},"chat":{{"id":{chat},"type":"private","first_name":"Bench"}},"from":{{"id":4242,"is_bot":true,"first_name":"Bench","username":"CareerGuideBot"}},"text":"ok"}}"#,
                unix_now()
            )
        }
        _ => "true".to_string(),
    }
}

/// Long-polls: answers at once with up to 100 unconfirmed updates, else waits for a push or
/// the poll's timeout (at most 1 s). Updates below the offset are confirmed and dropped.
async fn get_updates(shared: &Shared, poll: Poll) -> String {
    let deadline =
        tokio::time::Instant::now() + Duration::from_secs(poll.timeout).min(Duration::from_secs(1));
    loop {
        let pushed = shared.pushed.notified();
        tokio::pin!(pushed);
        pushed.as_mut().enable();
        {
            let mut state = shared.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if state.first_poll.is_none() {
                state.first_poll = Some(Instant::now());
                shared.polled.notify_waiters();
            }
            while state.pending.front().is_some_and(|(id, _)| *id < poll.offset) {
                state.pending.pop_front();
            }
            if !state.pending.is_empty() || tokio::time::Instant::now() >= deadline {
                let now = Instant::now();
                let batch: Vec<(i64, String)> = state.pending.iter().take(100).cloned().collect();
                for (id, _) in &batch {
                    state.handed.entry(*id).or_insert(now);
                }
                let jsons: Vec<&str> = batch.iter().map(|(_, json)| json.as_str()).collect();
                return format!("[{}]", jsons.join(","));
            }
        }
        let _ = tokio::time::timeout_at(deadline, pushed).await;
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn nanos() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}
