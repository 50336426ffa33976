//! Word-level text normalization shared by the corpus, the commands and the search.

use std::ops::Range;

/// Lower-cased words of `text`: runs of letters and digits, everything else a separator.
///
/// `"AI/ML Engineer's"` gives `["ai", "ml", "engineer", "s"]`; the same rule applies to questions
/// and to vocabulary phrases, so the two always line up.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // The current run of letters and digits: where it starts, and whether it is all ASCII.
    let mut run: Option<(usize, bool)> = None;
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let (_, ascii) = run.get_or_insert((at, true));
            *ascii &= c.is_ascii();
        } else if let Some((from, ascii)) = run.take() {
            out.push(lower(&text[from..at], ascii));
        }
    }
    if let Some((from, ascii)) = run {
        out.push(lower(&text[from..], ascii));
    }
    out
}

/// A run of letters and digits in lower case, each character lowered on its own (so a final
/// sigma stays "σ", as in a word of its own). An ASCII run is lowered in one allocation.
fn lower(run: &str, ascii: bool) -> String {
    if ascii { run.to_ascii_lowercase() } else { run.chars().flat_map(char::to_lowercase).collect() }
}

/// Where `phrase` first occurs in `words` as consecutive words, if anywhere.
pub fn find_phrase(words: &[String], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    words.windows(phrase.len()).position(|window| window == phrase)
}

/// Where the sentences of `text` lie, trimmed, each with the mark that ends it: a cut after `.`,
/// `!`, `?`, `;` or `:` followed by white space, and at line breaks. "ok so long story: i'm 31.
/// is he right?" gives the spans of "ok so long story:", "i'm 31." and "is he right?".
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut push = |from: usize, end: usize| {
        let span = &text[from..end];
        if span.chars().any(char::is_alphanumeric) {
            let start = from + (span.len() - span.trim_start().len());
            out.push(start..from + span.trim_end().len());
        }
    };
    let mut from = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if c == '\n' || (matches!(c, '.' | '!' | '?' | ';' | ':') && next_is_space) {
            let end = at + c.len_utf8();
            push(from, end);
            from = end;
        }
    }
    push(from, text.len());
    out
}

/// The clauses of `text`: its [`sentences`], each cut again after commas, opening brackets and dashes
/// (an en dash or hyphen only when set off by spaces). "what do I need, I'm from Nigeria (no degree)?" gives "what do I need,", "I'm
/// from Nigeria (" and "no degree)?"; "data analyst here — is finance a good vertical" gives two.
pub fn clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for sentence in sentences(text) {
        let sentence = &text[sentence];
        let mut from = 0;
        let dash = |at: usize, c: char| {
            c == '—'
                || (matches!(c, '–' | '-')
                    && sentence[..at].ends_with(' ')
                    && sentence[at + c.len_utf8()..].starts_with(' '))
        };
        for (at, c) in sentence.char_indices().filter(|&(at, c)| matches!(c, ',' | '(') || dash(at, c)) {
            out.push(&sentence[from..at + c.len_utf8()]);
            from = at + c.len_utf8();
        }
        out.push(&sentence[from..]);
    }
    out.retain(|clause| clause.chars().any(char::is_alphanumeric));
    out.iter().map(|clause| clause.trim()).collect()
}

/// A URL- and id-friendly form of `text`: lower-case words joined by `-`.
pub fn slug(text: &str) -> String {
    words(text).join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_are_sentences_cut_after_commas_and_opening_brackets() {
        assert_eq!(
            clauses("what do I need, I'm from Nigeria (no degree)? thanks.  ok"),
            ["what do I need,", "I'm from Nigeria (", "no degree)?", "thanks.", "ok"]
        );
        assert_eq!(clauses(", ( ) ?"), Vec::<&str>::new());
        assert_eq!(clauses("a — b - c–d, 3-6 e"), ["a —", "b -", "c–d,", "3-6 e"]);
    }

    #[test]
    fn words_split_on_punctuation_and_lowercase() {
        assert_eq!(words("AI/ML Engineer's  PAY?"), ["ai", "ml", "engineer", "s", "pay"]);
    }

    #[test]
    fn sentences_end_at_marks_followed_by_space_and_at_line_breaks() {
        let text = "ok so long story: i'm 31. worked at A.I.Corp!! is he right?? v2.0 is out\nthanks";
        let cut = |text: &str| sentences(text).into_iter().map(|at| text[at].to_string()).collect::<Vec<_>>();
        assert_eq!(
            cut(text),
            [
                "ok so long story:",
                "i'm 31.",
                "worked at A.I.Corp!!",
                "is he right??",
                "v2.0 is out",
                "thanks"
            ]
        );
        assert_eq!(cut("  ... ?! "), Vec::<String>::new());
        assert_eq!(cut(" one question "), ["one question"]);
    }

    /// Each character looked at in turn: the rule [`words`] must keep.
    fn words_char_by_char(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            } else if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            out.push(word);
        }
        out
    }

    #[test]
    fn words_of_any_script_are_lowered_character_by_character() {
        assert_eq!(
            words("ΟΔΟΣ Straße İstanbul ǅemal ＡＢＣ١٢"),
            words_char_by_char("ΟΔΟΣ Straße İstanbul ǅemal ＡＢＣ١٢")
        );
        assert_eq!(words("ΟΔΟΣ"), ["οδοσ"], "no final sigma: each letter is lowered alone");
    }

    proptest::proptest! {
        #[test]
        fn words_split_and_lower_as_looking_at_each_character_does(
            text in "[a-zA-Z0-9 ,.'/_-]{0,40}|\\PC{0,40}|[aZ9 İΣßé\u{300}\u{200B}１-]{0,40}",
        ) {
            proptest::prop_assert_eq!(words(&text), words_char_by_char(&text));
        }
    }

    #[test]
    fn phrases_match_whole_words_only() {
        let w = words("how much does an ml ops engineer make");
        assert_eq!(find_phrase(&w, &words("ml ops")), Some(4));
        assert_eq!(find_phrase(&w, &words("ops engineer make now")), None);
        assert_eq!(find_phrase(&words("mlops"), &words("ml")), None);
    }

    #[test]
    fn slugs_are_stable_ascii_ids() {
        assert_eq!(slug("NLP Engineer / LLM Engineer"), "nlp-engineer-llm-engineer");
    }
}
