//! Fuzzes the Markdown reader (`parse_blocks`) and the whole corpus parser (`Corpus::from_texts`
//! with the real vocabulary): neither may panic, whatever the file holds.

#![no_main]

use careerbot::corpus::{Corpus, parse_blocks};
use libfuzzer_sys::fuzz_target;

const VOCABULARY: &str = include_str!("../../corpus/vocabulary.toml");

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = parse_blocks(&text);
    // Whatever parses must also yield its passages' text and citations.
    if let Ok(corpus) = Corpus::from_texts(&[("fuzz.md".to_string(), text)], VOCABULARY) {
        for passage in &corpus.passages {
            let _ = passage.text();
            let _ = passage.citation();
        }
    }
});
