//! One guide document (Markdown) into passages: a passage per section, a passage per table row.

use std::collections::HashSet;

use super::markdown::{Block, parse_blocks};
use super::{Kind, Line, Passage, Vocabulary};
use crate::text::slug;

/// A role section needs at least this many fields the vocabulary knows (education, skills …).
const MIN_ROLE_FIELDS: usize = 2;

struct Section {
    path: Vec<String>,
    blocks: Vec<Block>,
}

/// Parses one guide document into passages. `name` (the file stem) prefixes every passage id.
///
/// A document without any heading yields no passages: sections are what passages are cut from.
pub fn parse_guide(name: &str, markdown: &str, vocabulary: &Vocabulary) -> Vec<Passage> {
    let blocks = parse_blocks(markdown);
    if !blocks.iter().any(|b| matches!(b, Block::Heading { .. })) {
        return Vec::new();
    }
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_else(|| name.to_string());
    let doc_slug = slug(name);
    let mut ids = HashSet::new();
    let mut passages = Vec::new();
    for section in sections(blocks) {
        let base = section_id(&doc_slug, &section.path);
        let (rows, prose): (Vec<Block>, Vec<Block>) =
            section.blocks.into_iter().partition(|b| matches!(b, Block::Row { .. }));
        let kind = section_kind(&section.path, &prose, vocabulary);
        if !prose.is_empty() {
            let is_role = kind == Kind::Role;
            let lines = prose.into_iter().map(|b| line_of(b, is_role, vocabulary)).collect();
            let own_title = section.path.last().cloned().unwrap_or_else(|| title.clone());
            let aliases = if is_role { aliases(&vocabulary.roles, &own_title) } else { Vec::new() };
            passages.push(Passage {
                id: unique(&mut ids, base.clone()),
                kind,
                title: own_title,
                section: section.path.clone(),
                source: title.clone(),
                lines,
                aliases,
            });
        }
        passages.extend(table_passages(&rows, kind, &base, &section.path, &title, vocabulary, &mut ids));
    }
    passages
}

/// Splits blocks into sections at headings; the H1's own text is the document title.
fn sections(blocks: Vec<Block>) -> Vec<Section> {
    let mut out = vec![Section { path: Vec::new(), blocks: Vec::new() }];
    let mut path: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { level, text } => {
                if level == 1 {
                    path.clear();
                } else {
                    path.truncate(usize::from(level) - 2);
                    path.push(text);
                }
                out.push(Section { path: path.clone(), blocks: Vec::new() });
            }
            other => out.last_mut().expect("starts with one section").blocks.push(other),
        }
    }
    out.retain(|s| !s.blocks.is_empty());
    out
}

fn section_id(doc_slug: &str, path: &[String]) -> String {
    let mut id = doc_slug.to_string();
    for heading in path {
        id.push('/');
        id.push_str(&slug(heading));
    }
    id
}

fn unique(ids: &mut HashSet<String>, id: String) -> String {
    let mut candidate = id.clone();
    let mut n = 2;
    while !ids.insert(candidate.clone()) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

fn section_kind(path: &[String], prose: &[Block], vocabulary: &Vocabulary) -> Kind {
    let role_fields = prose
        .iter()
        .filter(|b| match b {
            Block::Item { label: Some(label), .. } => vocabulary.aspect_of_label(label).is_some(),
            _ => false,
        })
        .count();
    if path.len() == 1 && role_fields >= MIN_ROLE_FIELDS {
        return Kind::Role;
    }
    if path.last().is_some_and(|h| h.trim_end().ends_with('?')) {
        return Kind::Faq;
    }
    path.iter().rev().find_map(|h| vocabulary.kind_of_heading(h)).unwrap_or(Kind::Overview)
}

fn line_of(block: Block, is_role: bool, vocabulary: &Vocabulary) -> Line {
    match block {
        Block::Item { label, text } => {
            let aspect =
                if is_role { label.as_deref().and_then(|l| vocabulary.aspect_of_label(l)) } else { None };
            Line { label, text, aspect }
        }
        Block::Paragraph(text) => Line { label: None, text, aspect: None },
        Block::Heading { text, .. } => Line { label: None, text, aspect: None },
        Block::Row { cells, .. } => Line { label: None, text: cells.join(" | "), aspect: None },
    }
}

/// One passage per body row of each table: titled by its first cell, its other cells as fields
/// labelled by the header.
fn table_passages(
    rows: &[Block],
    section_kind: Kind,
    base: &str,
    path: &[String],
    source: &str,
    vocabulary: &Vocabulary,
    ids: &mut HashSet<String>,
) -> Vec<Passage> {
    let mut header: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for row in rows {
        let Block::Row { cells, header: is_header } = row else { continue };
        if *is_header {
            header = cells.clone();
            continue;
        }
        let Some(title) = cells.first().filter(|t| !t.is_empty()) else { continue };
        let lines = cells
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, cell)| Line { label: header.get(i).cloned(), text: cell.clone(), aspect: None })
            .collect();
        let kind = if section_kind == Kind::Overview && cells.iter().any(|c| c.contains('$')) {
            Kind::Salary
        } else {
            section_kind
        };
        out.push(Passage {
            id: unique(ids, format!("{base}/{}", slug(title))),
            kind,
            title: title.clone(),
            section: path.to_vec(),
            source: source.to_string(),
            lines,
            aliases: aliases(&vocabulary.levels, title),
        });
    }
    out
}

fn aliases(table: &std::collections::BTreeMap<String, Vec<String>>, title: &str) -> Vec<String> {
    Vocabulary::names_of(table, title).skip(1).map(str::to_string).collect()
}
