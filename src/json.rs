//! JSON strings written as serde_json writes them, eight bytes at a time: the batch's answer
//! lines are mostly long replies with nothing to escape.

/// Appends `text` as a JSON string: quoted, with `"`, `\` and control characters below U+0020
/// escaped exactly as `serde_json` escapes them (`\n`, `\t` … or `\u00XX`), everything else as is.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut escape_from = |out: &mut Vec<u8>, at: usize, part: &[u8]| {
        for (i, &byte) in part.iter().enumerate() {
            if let Some(escaped) = escape(byte) {
                out.extend_from_slice(&bytes[start..at + i]);
                escaped.write(out);
                start = at + i + 1;
            }
        }
    };
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        if needs_escape(u64::from_le_bytes([
            word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
        ])) {
            escape_from(out, at, word);
        }
        at += 8;
    }
    escape_from(out, at, words.remainder());
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is below 0x20, `"` or `\`. Exact: each test finds a byte only
/// where one is.
fn needs_escape(word: u64) -> bool {
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let zero_in = |v: u64| v.wrapping_sub(ONES) & !v;
    (below_space | zero_in(quote) | zero_in(backslash)) & HIGHS != 0
}

/// How one byte is escaped, if it is.
enum Escaped {
    Short(u8),
    Control(u8),
}

impl Escaped {
    fn write(self, out: &mut Vec<u8>) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        match self {
            Escaped::Short(c) => out.extend_from_slice(&[b'\\', c]),
            Escaped::Control(b) => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]),
        }
    }
}

fn escape(byte: u8) -> Option<Escaped> {
    Some(match byte {
        b'"' => Escaped::Short(b'"'),
        b'\\' => Escaped::Short(b'\\'),
        0x08 => Escaped::Short(b'b'),
        b'\t' => Escaped::Short(b't'),
        b'\n' => Escaped::Short(b'n'),
        0x0c => Escaped::Short(b'f'),
        b'\r' => Escaped::Short(b'r'),
        0..0x20 => Escaped::Control(byte),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn written(text: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_backslashes_and_controls_are_escaped_as_serde_json_does() {
        for text in
            ["", "plain", "a \"quoted\" \\ path", "tab\there\nnew\r\u{8}\u{c}\u{1}\u{1f}\u{7f}", "é “x” 😀"]
        {
            assert_eq!(written(text), serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn every_byte_that_needs_escaping_is_found_in_a_word() {
        for byte in 0..=u8::MAX {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = byte;
                let expected = byte < 0x20 || byte == b'"' || byte == b'\\';
                assert_eq!(needs_escape(u64::from_le_bytes(word)), expected, "byte {byte:#x} at {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn a_word_needs_escaping_when_one_of_its_bytes_does(word in any::<u64>()) {
            let expected = word.to_le_bytes().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escape(word), expected);
        }

        #[test]
        fn any_text_is_written_as_serde_json_writes_it(
            text in "(\\PC|[\\x00-\\x1f\"\\\\\\x7f])*",
        ) {
            prop_assert_eq!(written(&text), serde_json::to_string(&text).unwrap());
        }
    }
}
