//! Shared helpers for the integration tests: paths, the built binary, a running bot process.

pub mod fake_telegram;
pub mod telegram_html;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use careerbot::Engine;
use careerbot::answer::{MAX_MESSAGE_UNITS, render_html, split_messages};

use fake_telegram::FakeTelegram;

/// A token the fake accepts. Distinctive, so tests can search output for it.
pub const TOKEN: &str = "424242:TEST-token-must-never-be-logged";

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real corpus.
pub fn corpus_dir() -> PathBuf {
    root().join("corpus")
}

/// One engine over the real corpus for the whole test binary (its index in a temp folder).
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(Engine, tempfile::TempDir)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let (engine, _) = Engine::open(&corpus_dir(), dir.path()).expect("engine over the real corpus");
            (engine, dir)
        })
        .0
}

/// What the bot should send for `text`, message by message (Telegram HTML, split as it splits).
pub fn expected_messages(text: &str) -> Vec<String> {
    split_messages(&render_html(&engine().answer(text)), MAX_MESSAGE_UNITS)
}

/// Starts `careerbot serve` against `fake` with extra environment variables, and waits until it
/// polls.
pub async fn serve(fake: &FakeTelegram, env: &[(&str, &str)]) -> BotProcess {
    let bot = BotProcess::start_with(&fake.url(), TOKEN, "careerbot=info,warn", env);
    let polling = fake.wait_until(Duration::from_secs(30), |f| f.count("getUpdates") > 0).await;
    assert!(polling, "the bot never polled; its log:\n{}", bot.log());
    bot
}

/// Checks that polling neither skipped nor replayed: every `getUpdates` the bot sent (faulted
/// ones included) asked for the offset just past the last update it had been handed, and every
/// update in `pushed` was handed out exactly once. Returns the first violation.
pub fn check_polling(fake: &FakeTelegram, pushed: &[i64]) -> Result<(), String> {
    let mut last: Option<i64> = None;
    let mut handed = std::collections::HashMap::<i64, usize>::new();
    for (i, poll) in fake.requests().iter().filter(|r| r.method == "getUpdates").enumerate() {
        let offset = poll.body["offset"].as_i64().unwrap_or(0);
        let expected = last.map_or(0, |id| id + 1);
        if offset != expected {
            return Err(format!("poll {i} asked for offset {offset}, expected {expected} ({poll:?})"));
        }
        for &id in &poll.update_ids {
            *handed.entry(id).or_default() += 1;
        }
        last = poll.update_ids.iter().copied().max().or(last);
    }
    for id in pushed {
        match handed.get(id).copied().unwrap_or(0) {
            1 => {}
            n => return Err(format!("update {id} was handed out {n} times")),
        }
    }
    Ok(())
}

/// The resident memory of process `pid` in KiB (`VmRSS` in `/proc/<pid>/status`).
pub fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The `careerbot` binary with a clean environment: no token, no `.env` lookup surprises
/// (it runs in `cwd`), the real corpus and the given index folder.
pub fn careerbot(cwd: &Path, index: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("CAREERBOT_CORPUS", corpus_dir())
        .env("CAREERBOT_INDEX", index)
        .env("RUST_LOG", "careerbot=info,warn");
    command
}

/// Runs a command with `input` on its standard input.
pub fn run_with_input(mut command: Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait");
    writer.join().expect("stdin writer");
    output
}

/// `careerbot serve` running against a fake Bot API; stopped (SIGTERM) on drop.
pub struct BotProcess {
    child: Option<Child>,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl BotProcess {
    /// Starts the bot against `api_url` with `token`, logging at `log_level`.
    pub fn start(api_url: &str, token: &str, log_level: &str) -> BotProcess {
        Self::start_with(api_url, token, log_level, &[])
    }

    /// As [`BotProcess::start`], with extra environment variables.
    pub fn start_with(api_url: &str, token: &str, log_level: &str, env: &[(&str, &str)]) -> BotProcess {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("bot.log");
        let mut command = careerbot(dir.path(), &dir.path().join("index"));
        command
            .arg("serve")
            .env("TELOXIDE_TOKEN", token)
            .env("TELOXIDE_API_URL", api_url)
            .env("RUST_LOG", log_level)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"));
        let child = command.spawn().expect("spawn careerbot serve");
        BotProcess { child: Some(child), log, _dir: dir }
    }

    /// The bot's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// True while the process has not exited.
    pub fn is_running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|child| matches!(child.try_wait(), Ok(None)))
    }

    /// Everything the bot logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM and waits up to `timeout` for the exit; returns the exit code and how long
    /// it took (`None` if it had to be killed).
    pub fn terminate(&mut self, timeout: Duration) -> (Option<i32>, Duration) {
        let mut child = self.child.take().expect("running");
        let started = Instant::now();
        let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        while started.elapsed() < timeout {
            if let Ok(Some(status)) = child.try_wait() {
                return (status.code(), started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        (None, started.elapsed())
    }

    /// Waits for the process to exit on its own; returns its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let child = self.child.as_mut().expect("running");
        let started = Instant::now();
        while started.elapsed() < timeout {
            if let Ok(Some(status)) = child.try_wait() {
                self.child = None;
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for BotProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
