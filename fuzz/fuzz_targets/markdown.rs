//! Fuzzes the Markdown reader (`parse_blocks`) and the guide parser that `Corpus::from_texts`
//! runs on every file (`parse_guide`, with the real vocabulary): neither may panic, whatever the
//! file holds, and every passage found must yield its text and citation.
//!
//! The vocabulary is parsed once per process: `Corpus::from_texts` would parse its TOML again for
//! every input, which made it most of the cost (27 runs a second instead of hundreds) while its own
//! few lines see no fuzzed data beyond what it hands to `parse_guide`.

#![no_main]

use std::sync::OnceLock;

use careerbot::corpus::{Vocabulary, parse_blocks, parse_guide};
use libfuzzer_sys::fuzz_target;

const VOCABULARY: &str = include_str!("../../corpus/vocabulary.toml");

fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY_PARSED: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY_PARSED.get_or_init(|| Vocabulary::parse(VOCABULARY).expect("the real vocabulary"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_blocks(&text);
    for passage in parse_guide("fuzz", &text, vocabulary()) {
        let _ = passage.text();
        let _ = passage.citation();
    }
});
