//! Fuzzes question text through the query builder (`QueryRules::topic_words`, `Search::terms`,
//! `Search::rank`) and the whole `Engine::answer`, rendered as Telegram would receive it.
//!
//! A panic anywhere aborts (libfuzzer-sys' panic hook runs before `Engine::answer`'s
//! `catch_unwind`), and so does any reply Telegram would refuse.

#![no_main]

use std::sync::OnceLock;

use careerbot::answer::{MAX_MESSAGE_UNITS, render_html, render_plain, split_messages};
use careerbot::corpus::load_corpus;
use careerbot::index::GuideIndex;
use careerbot::search::Search;
use careerbot::{Engine, messages};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/telegram_html.rs"]
#[allow(dead_code, unused_imports)]
mod telegram_html;

/// One engine and one search over the real corpus for the life of the process.
struct Fixture {
    engine: Engine,
    search: Search,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let corpus_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus");
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = load_corpus(corpus_dir.as_ref()).expect("the real corpus");
        let (engine, _) = Engine::with_corpus(corpus.clone(), &dir.path().join("engine")).expect("engine");
        let (index, _) = GuideIndex::open_or_build(&dir.path().join("search"), &corpus).expect("index");
        let search = Search::new(index, &corpus);
        Fixture { engine, search, _dir: dir }
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fixture = fixture();

    let _ = fixture.search.rules().topic_words(&text);
    let terms = fixture.search.terms(&text);
    let ranking = fixture.search.rank(&text, 10);
    assert!(ranking.hits.len() <= 10);
    assert!(ranking.coverage.is_finite() && ranking.unknown_share.is_finite());
    let _ = fixture.search.unknown_share(&terms);

    let answer = fixture.engine.answer(&text);
    assert_ne!(answer.title, messages::APOLOGY_TITLE, "the engine failed inside");
    assert!(!render_plain(&answer).trim().is_empty(), "empty plain reply");
    let html = split_messages(&render_html(&answer), MAX_MESSAGE_UNITS);
    assert!(!html.is_empty(), "no message");
    for message in &html {
        assert!(message.encode_utf16().count() <= MAX_MESSAGE_UNITS);
    }
    if let Err(problem) = telegram_html::check_all(&html) {
        panic!("Telegram would refuse the reply: {problem}");
    }
    assert!(answer.actions.iter().all(|a| a.command.len() <= 64), "a button's data over 64 bytes");
});
