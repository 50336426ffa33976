//! A checker for Telegram's HTML parse mode: what the Bot API would refuse with "can't parse
//! entities" (or "message is too long" / "message text is empty"), found before Telegram does.
//!
//! It follows the Bot API's formatting rules: only Telegram's tags, with their attributes, properly
//! nested and closed; `<`, `>` and `&` only as markup or as `&lt;` `&gt;` `&amp;` `&quot;` or a
//! numeric entity; at most 4096 UTF-16 units. It is stricter than Telegram in two ways, both
//! deliberate: the limit applies to the HTML as sent (the renderer's promise), not just to the
//! text left after parsing; and control characters other than newline and tab are refused, since
//! Telegram silently drops them and their presence means unsanitized input reached a reply.

#![allow(dead_code)] // each test module uses a different part

/// Telegram's limit on one message, in UTF-16 code units.
pub const MAX_UNITS: usize = 4096;

/// Tags that take no attributes.
const PLAIN_TAGS: &[&str] =
    &["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "tg-spoiler", "pre"];

/// Checks `message` as Telegram's HTML parse mode would; returns the text a reader sees (entities
/// decoded, tags gone), or what is wrong and where.
pub fn check(message: &str) -> Result<String, String> {
    let units = message.encode_utf16().count();
    if units > MAX_UNITS {
        return Err(format!("too long: {units} UTF-16 units (limit {MAX_UNITS})"));
    }
    let mut visible = String::with_capacity(message.len());
    let mut open: Vec<Tag> = Vec::new();
    let mut rest = message;
    while let Some(c) = rest.chars().next() {
        let at = message.len() - rest.len();
        match c {
            '<' => {
                let end = tag_end(rest).ok_or_else(|| format!("unescaped '<' at byte {at}"))?;
                let inner = &rest[1..end];
                match inner.strip_prefix('/') {
                    Some(name) => close(&mut open, name, at)?,
                    None => {
                        let tag = parse_tag(inner).map_err(|e| format!("{e} at byte {at}"))?;
                        admit(&open, &tag).map_err(|e| format!("{e} at byte {at}"))?;
                        open.push(tag);
                    }
                }
                rest = &rest[end + 1..];
            }
            '>' => return Err(format!("unescaped '>' at byte {at}")),
            '&' => {
                let (decoded, len) = entity(rest).map_err(|e| format!("{e} at byte {at}"))?;
                visible.push(decoded);
                rest = &rest[len..];
            }
            c if c.is_control() && c != '\n' && c != '\t' => {
                return Err(format!("control character U+{:04X} at byte {at}", c as u32));
            }
            c => {
                visible.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if let Some(tag) = open.last() {
        return Err(format!("<{}> is never closed", tag.name));
    }
    if visible.trim().is_empty() {
        return Err("message text is empty".to_string());
    }
    Ok(visible)
}

/// Checks every message, naming the first bad one; returns the visible texts joined by newlines.
pub fn check_all(messages: &[String]) -> Result<String, String> {
    let mut visible = Vec::with_capacity(messages.len());
    for (i, message) in messages.iter().enumerate() {
        visible.push(check(message).map_err(|e| format!("message {i}: {e}\n{message}"))?);
    }
    Ok(visible.join("\n"))
}

/// An open tag.
#[derive(Debug)]
struct Tag {
    name: String,
    /// `<code class="language-…">`: allowed only directly inside `<pre>`.
    language: bool,
}

/// The index of the `>` that ends the tag starting at `text[0] == '<'`; quoted attribute values
/// may not hold a raw `<` either.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (None, '>') => return Some(i),
            (None, '<') => return None,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (Some(_), '<') => return None,
            _ => {}
        }
    }
    None
}

fn close(open: &mut Vec<Tag>, name: &str, at: usize) -> Result<(), String> {
    let name = name.trim().to_ascii_lowercase();
    match open.pop() {
        Some(tag) if tag.name == name => Ok(()),
        Some(tag) => Err(format!("</{name}> closes <{}> at byte {at}", tag.name)),
        None => Err(format!("</{name}> closes nothing at byte {at}")),
    }
}

/// Parses `name attr="value" …` (the inside of an opening tag) and checks its attributes.
fn parse_tag(inner: &str) -> Result<Tag, String> {
    let name_len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    if name.is_empty() {
        return Err("a '<' that opens no tag".to_string());
    }
    let attributes = parse_attributes(&inner[name_len..]).map_err(|e| format!("<{name}>: {e}"))?;
    let has = |key: &str| attributes.iter().any(|(k, _)| k == key);
    let value = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let only = |allowed: &[&str]| {
        attributes
            .iter()
            .find(|(k, _)| !allowed.contains(&k.as_str()))
            .map_or(Ok(()), |(k, _)| Err(format!("<{name}> does not take the attribute {k:?}")))
    };
    let mut language = false;
    match name.as_str() {
        n if PLAIN_TAGS.contains(&n) => only(&[])?,
        "a" => {
            only(&["href"])?;
            if value("href").is_none_or(str::is_empty) {
                return Err("<a> without an href".to_string());
            }
        }
        "span" => {
            only(&["class"])?;
            if value("class") != Some("tg-spoiler") {
                return Err("<span> other than class=\"tg-spoiler\"".to_string());
            }
        }
        "code" => {
            only(&["class"])?;
            if let Some(class) = value("class") {
                if !class.starts_with("language-") || class.len() == "language-".len() {
                    return Err(format!("<code class={class:?}>"));
                }
                language = true;
            }
        }
        "blockquote" => only(&["expandable"])?,
        "tg-emoji" => {
            only(&["emoji-id"])?;
            if !has("emoji-id") {
                return Err("<tg-emoji> without an emoji-id".to_string());
            }
        }
        _ => return Err(format!("unsupported tag <{name}>")),
    }
    Ok(Tag { name, language })
}

/// `key="value"` pairs, quoted with either quote or unquoted; bare keys have an empty value.
fn parse_attributes(mut text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Ok(out);
        }
        let key_len =
            text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(text.len());
        if key_len == 0 {
            return Err(format!("malformed attribute at {text:?}"));
        }
        let key = text[..key_len].to_ascii_lowercase();
        text = text[key_len..].trim_start();
        let Some(after) = text.strip_prefix('=') else {
            out.push((key, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (raw, remainder) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = after[1..].find(q).ok_or("unclosed attribute quote")?;
                (&after[1..=close], &after[close + 2..])
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((key, decode(raw)?));
        text = remainder;
    }
}

/// Decodes the entities of an attribute value.
fn decode(raw: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '&' {
            let (decoded, len) = entity(rest)?;
            out.push(decoded);
            rest = &rest[len..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(out)
}

/// Reads the entity at `text[0] == '&'`: its character and its length in bytes.
fn entity(text: &str) -> Result<(char, usize), String> {
    // The longest entity Telegram knows is `&#x10FFFF;` or `&#1114111;`.
    let semicolon = text.char_indices().take(12).find(|&(_, c)| c == ';').map(|(i, _)| i);
    let Some(semicolon) = semicolon else {
        return Err("stray '&' (not an entity)".to_string());
    };
    let body = &text[1..semicolon];
    let decoded = match body {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        _ => {
            let number = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()
            } else if let Some(decimal) = body.strip_prefix('#') {
                decimal.parse::<u32>().ok()
            } else {
                return Err(format!("unsupported entity &{body};"));
            };
            number.filter(|&n| n != 0).and_then(char::from_u32)
        }
    };
    decoded.map(|c| (c, semicolon + 1)).ok_or_else(|| format!("invalid entity &{body};"))
}

/// Whether `tag` may open inside the tags already `open`: nothing nests inside `<code>`, and inside
/// `<pre>` only a `<code>` may stand; `<a>` and `<blockquote>` do not nest in themselves.
fn admit(open: &[Tag], tag: &Tag) -> Result<(), String> {
    if let Some(parent) = open.iter().find(|t| t.name == "code") {
        return Err(format!("<{}> inside <{}>", tag.name, parent.name));
    }
    let in_pre = open.iter().any(|t| t.name == "pre");
    let directly_in_pre = open.last().is_some_and(|t| t.name == "pre");
    if in_pre && !(tag.name == "code" && directly_in_pre) {
        return Err(format!("<{}> inside <pre>", tag.name));
    }
    if tag.language && !directly_in_pre {
        return Err("<code class=\"language-…\"> outside <pre>".to_string());
    }
    for nested in ["a", "blockquote"] {
        if tag.name == nested && open.iter().any(|t| t.name == nested) {
            return Err(format!("<{nested}> inside <{nested}>"));
        }
    }
    Ok(())
}

mod tests {
    use super::*;

    #[test]
    fn valid_html_gives_its_visible_text() {
        let html = "<b>MLOps &amp; you</b>\n\n<i>a &lt;b&gt; &quot;x&quot; &#8364; &#x1F600;</i> \
                    <a href=\"https://t.me/a?b=1&amp;c=2\">link</a> <pre><code class=\"language-rust\">\
                    fn</code></pre> <blockquote expandable>q</blockquote> <span class=\"tg-spoiler\">s</span> \
                    <b><i><u>deep</u></i></b>";
        let text = check(html).unwrap();
        assert_eq!(text, "MLOps & you\n\na <b> \"x\" € 😀 link fn q s deep", "tags go, entities are decoded");
    }

    #[test]
    fn an_unclosed_or_misnested_tag_is_refused() {
        assert!(check("<b>title").unwrap_err().contains("never closed"));
        assert!(check("<b><i>x</b></i>").unwrap_err().contains("closes <i>"));
        assert!(check("x</b>").unwrap_err().contains("closes nothing"));
        assert!(check("<b>x").is_err());
    }

    #[test]
    fn a_stray_ampersand_or_angle_bracket_is_refused() {
        assert!(check("salary & skills").unwrap_err().contains("stray '&'"));
        assert!(check("a < b").unwrap_err().contains("unescaped '<'"));
        assert!(check("a > b").unwrap_err().contains("unescaped '>'"));
        assert!(check("AT&T").is_err());
    }

    #[test]
    fn only_telegrams_entities_are_accepted() {
        assert!(check("&nbsp;").unwrap_err().contains("unsupported entity"));
        assert!(check("&apos;").is_err());
        assert!(check("&#0;").unwrap_err().contains("invalid entity"));
        assert!(check("&#xD800;").is_err(), "a lone surrogate is no character");
        assert!(check("&#xZZ;").is_err());
        assert_eq!(check("&#65;&#x42;").unwrap(), "AB");
    }

    #[test]
    fn only_telegrams_tags_and_attributes_are_accepted() {
        assert!(check("<script>alert(1)</script>").unwrap_err().contains("unsupported tag <script>"));
        assert!(check("<p>x</p>").is_err());
        assert!(check("<a>x</a>").unwrap_err().contains("without an href"));
        assert!(check("<b class=\"x\">x</b>").is_err());
        assert!(check("<span>x</span>").is_err());
        assert!(check("<code class=\"language-rust\">x</code>").is_err(), "language only inside pre");
        assert!(check("<code><b>x</b></code>").unwrap_err().contains("inside <code>"));
        assert!(check("<a href=\"u\"><a href=\"v\">x</a></a>").is_err());
    }

    #[test]
    fn a_message_over_4096_units_or_with_no_text_is_refused() {
        assert!(check(&"x".repeat(MAX_UNITS)).is_ok());
        assert!(check(&"x".repeat(MAX_UNITS + 1)).unwrap_err().contains("too long"));
        // An emoji is two UTF-16 units: 2049 of them are over the limit though only 2049 chars.
        assert!(check(&"😀".repeat(2049)).unwrap_err().contains("too long"));
        assert!(check("<b> </b>\n").unwrap_err().contains("empty"));
        assert!(check("").is_err());
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(check("a\u{0}b").unwrap_err().contains("U+0000"));
        assert!(check("a\u{1B}[31m").is_err());
        assert!(check("line\nnext\ttab").is_ok());
    }
}
