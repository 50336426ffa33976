//! `careerbot serve` refuses to start on a corpus that yields nothing to answer from, before it
//! ever talks to Telegram, with a message naming the problem.

use std::path::Path;
use std::time::Duration;

use crate::support::fake_telegram::FakeTelegram;
use crate::support::{BotProcess, TOKEN, corpus_dir};

/// Runs the bot on `corpus` against a fake; returns its exit code, its log and the fake.
async fn serve_on(corpus: &Path) -> (Option<i32>, String, FakeTelegram) {
    let fake = FakeTelegram::start(TOKEN).await;
    let corpus = corpus.to_str().expect("UTF-8 path");
    let mut bot =
        BotProcess::start_with(&fake.url(), TOKEN, "careerbot=info,warn", &[("CAREERBOT_CORPUS", corpus)]);
    let code = tokio::task::block_in_place(|| bot.wait_exit(Duration::from_secs(30)));
    (code, bot.log(), fake)
}

fn with_vocabulary(dir: &Path) {
    std::fs::create_dir_all(dir).expect("create corpus dir");
    std::fs::copy(corpus_dir().join("vocabulary.toml"), dir.join("vocabulary.toml"))
        .expect("copy vocabulary");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_refuses_an_empty_corpus_naming_it_without_ever_polling() {
    let scratch = tempfile::tempdir().expect("temp dir");

    let absent = scratch.path().join("no-markdown");
    with_vocabulary(&absent);
    std::fs::write(absent.join("notes.txt"), "# Not Markdown\n\nIgnored.\n").expect("write");

    let empty = scratch.path().join("empty-files");
    with_vocabulary(&empty);
    std::fs::write(empty.join("a-guide.md"), "").expect("write");
    std::fs::write(empty.join("b-guide.md"), " \n\n\t\n").expect("write");

    let headless = scratch.path().join("no-headings");
    with_vocabulary(&headless);
    std::fs::write(headless.join("guide.md"), "Just prose, no heading to make a passage of.\n")
        .expect("write");

    let cases = [
        (&absent, absent.display().to_string(), "no Markdown"),
        (&empty, empty.join("a-guide.md").display().to_string(), "is empty"),
        (&headless, headless.join("guide.md").display().to_string(), "no headings"),
    ];
    for (corpus, names, says) in cases {
        let (code, log, fake) = serve_on(corpus).await;
        assert_eq!(code, Some(2), "{}: a refusal the user can fix; log:\n{log}", corpus.display());
        assert!(log.contains(&names), "the message names {names}:\n{log}");
        assert!(log.contains(says), "the message says {says:?}:\n{log}");
        let requests: Vec<String> = fake.requests().into_iter().map(|r| r.method).collect();
        assert!(requests.is_empty(), "{}: talked to Telegram: {requests:?}", corpus.display());
    }
}
