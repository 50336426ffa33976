//! Shared helpers for the integration tests: paths, the built binary, a running bot process.

pub mod fake_telegram;
pub mod telegram_html;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use careerbot::Engine;

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
