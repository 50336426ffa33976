//! A small block-level Markdown reader: headings, paragraphs, list items and tables.
//!
//! The guide uses a plain subset of Markdown; anything else is read as paragraph text, so an
//! unexpected construct degrades to prose instead of failing.

/// One block of a Markdown document, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `#` to `######`: the level (1–6) and the heading's text.
    Heading { level: u8, text: String },
    /// One paragraph, its lines joined by spaces.
    Paragraph(String),
    /// A list item; `label` is set when it opens with `**Label:**`.
    Item { label: Option<String>, text: String },
    /// One table row's cells; `header` marks the row above the `---` separator.
    Row { cells: Vec<String>, header: bool },
}

/// Reads `text` into blocks. Never fails: every line lands in some block.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(clean_inline(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for (i, line) in lines.iter().copied().enumerate() {
        if line.is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let Some((level, heading)) = heading(line) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Heading { level, text: clean_inline(heading) });
        } else if line.starts_with('|') {
            flush(&mut paragraph, &mut blocks);
            if !is_separator(line) {
                let header = lines.get(i + 1).is_some_and(|next| is_separator(next));
                blocks.push(Block::Row { cells: cells(line), header });
            }
        } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
            flush(&mut paragraph, &mut blocks);
            blocks.push(list_item(item.trim()));
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = &line[hashes..];
    if (1..=6).contains(&hashes) && rest.starts_with(' ') {
        let text = rest.trim().trim_end_matches('#').trim();
        (!text.is_empty()).then_some((hashes as u8, text))
    } else {
        None
    }
}

fn is_separator(line: &str) -> bool {
    line.starts_with('|') && line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|cell| clean_inline(cell.trim())).collect()
}

fn list_item(item: &str) -> Block {
    if let Some(rest) = item.strip_prefix("**")
        && let Some(end) = rest.find("**")
    {
        let label = rest[..end].trim();
        if let Some(label) = label.strip_suffix(':') {
            return Block::Item {
                label: Some(clean_inline(label.trim())),
                text: clean_inline(rest[end + 2..].trim()),
            };
        }
    }
    Block::Item { label: None, text: clean_inline(item) }
}

/// Drops inline emphasis and code markers and keeps link text, so passages hold plain prose.
fn clean_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_items_and_tables_become_blocks() {
        let blocks = parse_blocks(
            "# Title\n\nOne\nline.\n\n- **Education:** MS in CS.\n- plain\n\n| A | B |\n| --- | --- |\n| 1 | $2 |\n",
        );
        assert_eq!(
            blocks,
            vec![
                Block::Heading { level: 1, text: "Title".into() },
                Block::Paragraph("One line.".into()),
                Block::Item { label: Some("Education".into()), text: "MS in CS.".into() },
                Block::Item { label: None, text: "plain".into() },
                Block::Row { cells: vec!["A".into(), "B".into()], header: true },
                Block::Row { cells: vec!["1".into(), "$2".into()], header: false },
            ]
        );
    }

    #[test]
    fn links_and_emphasis_are_reduced_to_text() {
        assert_eq!(clean_inline("see [the guide](http://x) **now**"), "see the guide now");
    }

    #[test]
    fn a_hash_without_space_is_text_not_a_heading() {
        assert_eq!(parse_blocks("#hashtag"), vec![Block::Paragraph("#hashtag".into())]);
    }
}
