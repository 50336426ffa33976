//! Word-level text normalization shared by the corpus, the commands and the search.

/// Lower-cased words of `text`: runs of letters and digits, everything else a separator.
///
/// `"AI/ML Engineer's"` gives `["ai", "ml", "engineer", "s"]`; the same rule applies to questions
/// and to vocabulary phrases, so the two always line up.
pub fn words(text: &str) -> Vec<String> {
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

/// Where `phrase` first occurs in `words` as consecutive words, if anywhere.
pub fn find_phrase(words: &[String], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    words.windows(phrase.len()).position(|window| window == phrase)
}

/// A URL- and id-friendly form of `text`: lower-case words joined by `-`.
pub fn slug(text: &str) -> String {
    words(text).join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_punctuation_and_lowercase() {
        assert_eq!(words("AI/ML Engineer's  PAY?"), ["ai", "ml", "engineer", "s", "pay"]);
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
