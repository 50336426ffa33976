//! The `careerbot` binary end to end: `ask`, `chat`, `index`, `serve` and the default command, and
//! how it keeps its index healthy (missing, corrupt, stale, raced, left half-built).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{self, careerbot, run_with_input};

const MLOPS_QUESTION: &str = "how much does an MLOps engineer make?";
const MLOPS_SALARY: &str = "$110k–$270k+";
const PHD_QUESTION: &str = "do I need a PhD to work in AI?";
const PHD_ANSWER: &str = "No — the majority of AI industry roles do not require a PhD.";

/// A temp folder that is both the working directory and the parent of the index folder.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        Scratch { dir: tempfile::tempdir().expect("temp dir") }
    }

    fn cwd(&self) -> &Path {
        self.dir.path()
    }

    fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// `careerbot` in this folder, logging at info to stderr without colours.
    fn command(&self) -> Command {
        let mut command = careerbot(self.cwd(), &self.index());
        command.env("RUST_LOG", "careerbot=info").env("NO_COLOR", "1");
        command
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut command = self.command();
        command.args(args);
        Run::from(run_with_input(command, b""))
    }

    fn ask_json(&self, question: &str) -> (Value, Run) {
        let run = self.run(&["ask", "--json", question]);
        assert!(run.ok(), "ask failed: {}", run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines.len(), 1, "one JSON line: {:?}", run.stdout);
        (json(lines[0]), run)
    }

    /// The names of the entries in the index folder.
    fn index_entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.index())
            .expect("index folder")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// The one `gen-*` folder in the index folder.
    fn generation(&self) -> PathBuf {
        let generations: Vec<String> =
            self.index_entries().into_iter().filter(|n| n.starts_with("gen-")).collect();
        assert_eq!(generations.len(), 1, "one generation: {generations:?}");
        self.index().join(&generations[0])
    }
}

/// A finished process's outcome, its output as text.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

fn json(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"))
}

/// Asserts a JSON answer answers the MLOps salary question from the guide.
fn assert_mlops_salary(answer: &Value) {
    assert_eq!(answer["answered"], true, "{answer}");
    let reply = answer["reply"].as_str().expect("reply");
    assert!(reply.contains(MLOPS_SALARY), "{reply}");
    assert!(reply.contains("Source: AI Career Paths in 2026 › MLOps Engineer"), "{reply}");
}

#[test]
fn ask_json_prints_one_answer_with_reply_kind_title_source_and_score() {
    let scratch = Scratch::new();
    let (answer, _) = scratch.ask_json(MLOPS_QUESTION);
    assert_eq!(answer["query"], MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    assert!(answer["reply"].as_str().expect("reply").lines().any(|l| l.starts_with("Source:")));
    assert_eq!(answer["kind"], "role");
    assert_eq!(answer["title"], "MLOps Engineer");
    assert_eq!(answer["source"], "AI Career Paths in 2026 › MLOps Engineer");
    assert!(answer["score"].is_number(), "{answer}");
}

#[test]
fn ask_json_answers_each_stdin_line_in_order_whatever_it_holds() {
    let scratch = Scratch::new();
    let long = "x".repeat(10_000);
    let parens = "((((((".repeat(1000);
    let lines: Vec<Vec<u8>> = vec![
        MLOPS_QUESTION.as_bytes().to_vec(),
        Vec::new(),
        long.into_bytes(),
        b"mlops \xff\xfe salary \xc3".to_vec(),
        parens.into_bytes(),
        b"/help".to_vec(),
        b"   ".to_vec(),
        "what does a data scientist do? \u{200b}\u{202e}".as_bytes().to_vec(),
        PHD_QUESTION.as_bytes().to_vec(),
    ];
    let mut input = Vec::new();
    for line in &lines {
        input.extend_from_slice(line);
        input.push(b'\n');
    }
    let mut command = scratch.command();
    command.args(["ask", "--json"]);
    let run = Run::from(run_with_input(command, &input));
    assert!(run.ok(), "exit {:?}: {}", run.code, run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let answers: Vec<Value> = run.stdout.lines().map(json).collect();
    assert_eq!(answers.len(), lines.len(), "one JSON line per input line");
    for (answer, line) in answers.iter().zip(&lines) {
        assert_eq!(answer["query"], *String::from_utf8_lossy(line), "answers keep input order");
        assert!(answer["answered"].is_boolean() && answer["reply"].is_string(), "{answer}");
    }
    assert_mlops_salary(&answers[0]);
    assert_eq!(answers[1]["answered"], false, "an empty line is not answered from the guide");
    let last = answers.last().expect("answers");
    assert!(last["reply"].as_str().expect("reply").contains(PHD_ANSWER), "{last}");
}

#[test]
fn ask_prints_the_reply_as_plain_text() {
    let scratch = Scratch::new();
    let run = scratch.run(&["ask", MLOPS_QUESTION]);
    assert!(run.ok(), "{}", run.stderr);
    assert!(!run.stdout.trim_start().starts_with('{'), "plain text, not JSON: {}", run.stdout);
    assert!(run.stdout.contains(&format!("Salary Range: {MLOPS_SALARY}")), "{}", run.stdout);
    assert!(run.stdout.contains("Source: AI Career Paths in 2026 › MLOps Engineer"), "{}", run.stdout);
}

#[test]
fn ask_declines_a_question_the_guide_does_not_cover() {
    let scratch = Scratch::new();
    let (answer, _) = scratch.ask_json("what is the salary of a dentist");
    assert_eq!(answer["answered"], false, "{answer}");
    let reply = answer["reply"].as_str().expect("reply");
    assert!(reply.contains(careerbot::messages::DECLINE_TITLE), "{reply}");
    assert!(!reply.contains('$'), "no figures in a decline: {reply}");
}

#[test]
fn chat_answers_piped_questions_in_order() {
    let scratch = Scratch::new();
    let mut command = scratch.command();
    command.arg("chat");
    let input = format!("{MLOPS_QUESTION}\n{PHD_QUESTION}\n");
    let run = Run::from(run_with_input(command, input.as_bytes()));
    assert!(run.ok(), "exit {:?}: {}", run.code, run.stderr);
    let mlops = run.stdout.find(MLOPS_SALARY).expect("the MLOps answer");
    let phd = run.stdout.find(PHD_ANSWER).expect("the PhD answer");
    assert!(mlops < phd, "answers in question order: {}", run.stdout);
}

#[test]
fn no_subcommand_without_a_token_runs_the_chat_and_says_how_to_connect_telegram() {
    let scratch = Scratch::new();
    let run = Run::from(run_with_input(scratch.command(), format!("{MLOPS_QUESTION}\n").as_bytes()));
    assert!(run.ok(), "exit {:?}: {}", run.code, run.stderr);
    assert!(run.stdout.contains(MLOPS_SALARY), "the chat answered: {}", run.stdout);
    assert!(run.stderr.contains("TELOXIDE_TOKEN"), "{}", run.stderr);
    assert!(run.stderr.contains(".env.example"), "{}", run.stderr);
}

/// Reads a child's stderr on a thread, line by line, so a test can wait for a line.
struct StderrLines {
    lines: mpsc::Receiver<String>,
    seen: String,
}

impl StderrLines {
    fn of(child: &mut Child) -> Self {
        let stderr = child.stderr.take().expect("piped stderr");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        StderrLines { lines, seen: String::new() }
    }

    /// Waits until `needle` has appeared `times` times, the stream ends, or `timeout` passes.
    fn wait_for(&mut self, needle: &str, times: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.seen.matches(needle).count() < times {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push_str(&line);
                    self.seen.push('\n');
                }
                Err(_) => return false,
            }
        }
        true
    }
}

#[test]
fn a_token_in_dotenv_makes_the_default_command_serve_telegram() {
    let scratch = Scratch::new();
    // A port nobody listens on: bound, then released.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
    std::fs::write(
        scratch.cwd().join(".env"),
        format!("TELOXIDE_TOKEN={}\nTELOXIDE_API_URL=http://127.0.0.1:{port}/\n", support::TOKEN),
    )
    .expect("write .env");
    let mut command = scratch.command();
    let mut child =
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut stderr = StderrLines::of(&mut child);
    let retried = stderr.wait_for("Telegram unreachable; retrying", 2, Duration::from_secs(60));
    let _ = child.kill();
    let _ = child.wait();
    assert!(retried, "serve tries Telegram and retries; stderr:\n{}", stderr.seen);
    assert!(!stderr.seen.contains("terminal chat"), "{}", stderr.seen);
    assert!(!stderr.seen.contains(support::TOKEN), "the token is never logged:\n{}", stderr.seen);
}

#[test]
fn serve_without_a_token_exits_2_naming_the_variable_and_env_example() {
    let scratch = Scratch::new();
    let run = scratch.run(&["serve"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("TELOXIDE_TOKEN"), "{}", run.stderr);
    assert!(run.stderr.contains(".env.example"), "{}", run.stderr);
}

#[test]
fn index_prints_the_passage_count_and_time() {
    let scratch = Scratch::new();
    let passages = careerbot::corpus::load_corpus(&support::corpus_dir()).expect("corpus").passages.len();
    let run = scratch.run(&["index"]);
    assert!(run.ok(), "{}", run.stderr);
    let line = run.stdout.trim();
    let prefix = format!("Indexed {passages} passages from ");
    assert!(line.starts_with(&prefix), "{line}");
    let millis = line.split(" in ").nth(1).and_then(|rest| rest.split_once(" ms")).map(|(n, _)| n);
    assert!(millis.is_some_and(|n| n.parse::<u64>().is_ok()), "a time in ms: {line}");
    assert!(line.ends_with(&scratch.index().display().to_string()), "{line}");
    scratch.generation();
}

#[test]
fn ask_rebuilds_a_deleted_index_and_logs_index_missing() {
    let scratch = Scratch::new();
    assert!(scratch.run(&["index"]).ok());
    std::fs::remove_dir_all(scratch.index()).expect("delete the index");
    let (answer, run) = scratch.ask_json(MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    assert!(run.stderr.contains("index missing"), "{}", run.stderr);
    scratch.generation();
}

/// Builds the index, damages its generation with `damage`, then checks that `ask` answers and
/// logs that it rebuilt an unreadable index, leaving one healthy generation.
fn assert_rebuilds_after(damage: impl FnOnce(&Path)) {
    let scratch = Scratch::new();
    assert!(scratch.run(&["index"]).ok());
    damage(&scratch.generation());
    let (answer, run) = scratch.ask_json(MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    assert!(run.stderr.contains("unreadable"), "{}", run.stderr);
    scratch.generation();
    let (_, again) = scratch.ask_json(MLOPS_QUESTION);
    assert!(
        !again.stderr.contains("unreadable") && !again.stderr.contains("index built"),
        "{}",
        again.stderr
    );
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    assert!(!files.is_empty(), "{} has files", dir.display());
    files
}

#[test]
fn index_rebuilds_after_every_file_is_overwritten_with_garbage() {
    assert_rebuilds_after(|generation| {
        for file in files_in(generation) {
            std::fs::write(&file, b"\x00\xffnot an index\xfe\x01".repeat(37)).expect("overwrite");
        }
    });
}

#[test]
fn index_rebuilds_after_its_files_are_truncated() {
    assert_rebuilds_after(|generation| {
        for file in files_in(generation) {
            let len = std::fs::metadata(&file).expect("metadata").len();
            std::fs::OpenOptions::new()
                .write(true)
                .open(&file)
                .expect("open")
                .set_len(len / 2)
                .expect("truncate");
        }
    });
}

#[test]
fn index_rebuilds_after_a_segment_byte_flips() {
    assert_rebuilds_after(|generation| {
        let term = files_in(generation)
            .into_iter()
            .find(|p| p.extension().is_some_and(|e| e == "term"))
            .expect("a .term file");
        let mut bytes = std::fs::read(&term).expect("read");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&term, bytes).expect("write");
    });
}

#[test]
fn index_rebuilds_after_meta_json_is_deleted() {
    assert_rebuilds_after(|generation| {
        std::fs::remove_file(generation.join("meta.json")).expect("delete meta.json");
    });
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for path in files_in(from) {
        std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}

#[test]
fn index_rebuilds_when_the_corpus_changes_and_logs_stale() {
    let scratch = Scratch::new();
    let corpus = scratch.cwd().join("corpus");
    copy_dir(&support::corpus_dir(), &corpus);
    let ask = |question: &str| {
        let mut command = scratch.command();
        command.env("CAREERBOT_CORPUS", &corpus).args(["ask", "--json", question]);
        let run = Run::from(run_with_input(command, b""));
        assert!(run.ok(), "{}", run.stderr);
        (json(run.stdout.trim()), run)
    };
    let (_, first) = ask(MLOPS_QUESTION);
    assert!(first.stderr.contains("index missing"), "{}", first.stderr);
    let before = scratch.generation();
    let guide = corpus.join("how-to-become-an-ai-ml-engineer.md");
    let mut text = std::fs::read_to_string(&guide).expect("read");
    text.push_str("\nA line added after the index was built.\n");
    std::fs::write(&guide, text).expect("write");
    let (answer, run) = ask(MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    assert!(run.stderr.contains("stale"), "{}", run.stderr);
    assert_ne!(scratch.generation(), before, "the old generation is replaced");
}

#[test]
fn two_processes_on_an_empty_index_folder_both_answer_and_leave_one_generation() {
    for _ in 0..3 {
        let scratch = Scratch::new();
        let spawn = || {
            let mut command = scratch.command();
            command
                .args(["ask", "--json", MLOPS_QUESTION])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        };
        let (first, second) = (spawn(), spawn());
        for child in [first, second] {
            let run = Run::from(child.wait_with_output().expect("wait"));
            assert!(run.ok(), "exit {:?}: {}", run.code, run.stderr);
            assert_mlops_salary(&json(run.stdout.trim()));
        }
        scratch.generation();
        let entries = scratch.index_entries();
        assert!(!entries.iter().any(|n| n.starts_with(".build-") || n.starts_with(".trash-")), "{entries:?}");
    }
}

/// A pid that names no live process.
const DEAD_PID: u32 = 999_999;

fn leftover_build(scratch: &Scratch) -> PathBuf {
    assert!(!Path::new(&format!("/proc/{DEAD_PID}")).exists(), "pid {DEAD_PID} is alive on this machine");
    let leftover = scratch.index().join(format!(".build-{DEAD_PID}-1"));
    std::fs::create_dir_all(&leftover).expect("create leftover");
    std::fs::write(leftover.join("meta.json"), b"{\"segments\": [").expect("partial meta");
    std::fs::write(leftover.join("0123.term"), b"\x00\x01half a segment").expect("partial segment");
    leftover
}

#[test]
fn a_build_left_by_a_killed_process_is_removed_at_the_next_start() {
    let scratch = Scratch::new();
    let leftover = leftover_build(&scratch);
    let (answer, _) = scratch.ask_json(MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    assert!(!leftover.exists(), "the dead process's build folder is removed");
    scratch.generation();
}

#[test]
fn a_build_left_by_a_killed_process_is_removed_even_when_the_index_is_valid() {
    let scratch = Scratch::new();
    assert!(scratch.run(&["index"]).ok());
    let leftover = leftover_build(&scratch);
    let (answer, _) = scratch.ask_json(MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    assert!(!leftover.exists(), "left over: {:?}", scratch.index_entries());
}

#[test]
fn an_index_build_killed_at_any_moment_leaves_the_next_start_healthy() {
    let scratch = Scratch::new();
    let mut command = scratch.command();
    let child = command.arg("index").stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    let killed = Command::new("kill").arg("-KILL").arg(child.id().to_string()).status().expect("kill");
    assert!(killed.success());
    let _ = child.wait_with_output();
    let (answer, _) = scratch.ask_json(MLOPS_QUESTION);
    assert_mlops_salary(&answer);
    scratch.generation();
    let entries = scratch.index_entries();
    assert!(!entries.iter().any(|n| n.starts_with(".build-")), "{entries:?}");
}

#[test]
fn a_missing_corpus_folder_exits_2_naming_the_path() {
    let scratch = Scratch::new();
    let missing = scratch.cwd().join("nonexistent");
    let missing = missing.to_str().expect("UTF-8 path");
    for args in [vec!["ask", MLOPS_QUESTION], vec!["index"], vec!["chat"]] {
        let mut command = scratch.command();
        command.arg("--corpus").arg(missing).args(&args);
        let run = Run::from(run_with_input(command, b""));
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(missing), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn an_empty_corpus_folder_exits_2_naming_the_path() {
    let scratch = Scratch::new();
    let empty = scratch.cwd().join("empty-corpus");
    std::fs::create_dir(&empty).expect("create");
    let mut command = scratch.command();
    command.env("CAREERBOT_CORPUS", &empty).args(["ask", MLOPS_QUESTION]);
    let run = Run::from(run_with_input(command, b""));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains(&empty.display().to_string()), "{}", run.stderr);
}
