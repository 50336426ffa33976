//! Properties of `Engine::answer` over generated text: whatever arrives, the engine answers
//! without failing, and every rendered message is one Telegram accepts.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use careerbot::answer::{MAX_MESSAGE_UNITS, render_html, render_plain, split_messages};
use careerbot::messages;

use crate::support::engine;
use crate::support::telegram_html::check_all;

/// Cases per property: together they run in seconds in a debug build.
const CASES: u32 = 300;

const GUIDE_WORDS: &[&str] = &[
    "mlops",
    "salary",
    "senior",
    "junior",
    "staff",
    "data scientist",
    "ml engineer",
    "phd",
    "skills",
    "education",
    "career",
    "employers",
    "computer vision",
    "nlp",
    "llm",
    "research",
    "how much",
    "what does",
    "do I need",
    "make",
    "earn",
    "engineer",
    "role",
    "the",
    "a",
];
const COMMANDS: &[&str] = &[
    "/role ",
    "/salary ",
    "/faq ",
    "/skills ",
    "/education ",
    "/career ",
    "/employers ",
    "/roles",
    "/help",
    "/start",
    "/",
    "/role@CareerGuideBot ",
    "/ROLE ",
    "/faq 1",
    "/faq 999999999999999999999",
];
const MARKUP: &[&str] = &[
    "<",
    ">",
    "&",
    "\"",
    "'",
    "<b>",
    "</b>",
    "<script>",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x1F600;",
    "&nbsp;",
    "<a href=\"x\">",
];
const CONTROLS: &[&str] = &[
    "\0",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{2066}",
    "\u{FEFF}",
    "\u{1B}[31m",
    "\n",
    "\t",
    "\r",
    "\u{7F}",
    "\u{85}",
];
const QUERY_SYNTAX: &[&str] = &[
    "title:", "body:", "*", "?", "^1000000", "~2", "-", "+", "\"", "(", ")", "[a TO z]", "{", "}", "AND",
    "OR", "NOT", "\\",
];
const ODD: &[&str] =
    &["😀", "👩\u{200D}💻", "\u{301}", "ß", "İ", "ﬁ", "Ⅻ", "١٢٣", "中文", "\u{FFFD}", "𝔪𝔩𝔬𝔭𝔰"];

/// Any Unicode text, control characters and unassigned code points included.
fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..300).prop_map(String::from_iter)
}

/// Text built from the pieces most likely to trip the engine: the guide's words, command prefixes,
/// markup, control characters, query syntax and odd Unicode, glued with or without spaces.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => select(GUIDE_WORDS).prop_map(str::to_string),
        2 => select(COMMANDS).prop_map(str::to_string),
        2 => select(MARKUP).prop_map(str::to_string),
        2 => select(CONTROLS).prop_map(str::to_string),
        2 => select(QUERY_SYNTAX).prop_map(str::to_string),
        1 => select(ODD).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z]{1,12}",
    ];
    let glue = prop_oneof![Just(""), Just(" ")];
    prop::collection::vec((piece, glue), 0..40)
        .prop_map(|pieces| pieces.into_iter().map(|(piece, glue)| piece + glue).collect())
}

/// Answers `text` and checks what every front relies on; returns what a Telegram reader sees.
fn answer_holds(text: &str) -> Result<String, TestCaseError> {
    let answer = engine().answer(text);
    prop_assert_ne!(&answer.title, messages::APOLOGY_TITLE, "the engine failed inside");
    prop_assert!(!answer.title.trim().is_empty(), "no title");
    prop_assert!(!render_plain(&answer).trim().is_empty(), "empty plain reply");
    let html = split_messages(&render_html(&answer), MAX_MESSAGE_UNITS);
    prop_assert!(!html.is_empty(), "no message");
    for message in &html {
        prop_assert!(message.encode_utf16().count() <= MAX_MESSAGE_UNITS);
    }
    prop_assert!(answer.actions.iter().all(|a| a.command.len() <= 64), "a button's data over 64 bytes");
    check_all(&html).map_err(|e| TestCaseError::fail(format!("Telegram would refuse it: {e}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn any_unicode_text_gets_a_reply_telegram_accepts(text in any_text()) {
        answer_holds(&text)?;
    }

    #[test]
    fn words_commands_markup_and_control_characters_get_a_reply_telegram_accepts(text in mixed_text()) {
        answer_holds(&text)?;
    }

    #[test]
    fn a_role_name_of_markup_is_shown_literally(name in "[<>&\"';#]([<>&\"';# ]|&amp;|&lt;){0,30}") {
        let visible = answer_holds(&format!("/role {name}"))?;
        // Quoted back with its runs of white space folded, cut to its first 60 characters.
        let shown: String = name.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(60).collect();
        prop_assert!(visible.contains(&shown), "{:?} is not shown literally in:\n{}", shown, visible);
    }
}
