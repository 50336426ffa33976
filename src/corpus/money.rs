//! Salary figures in the guide's prose and tables: `$120k–$300k+`, `$100,000 - $140,000`.

/// A dollar figure or range as the guide states it, in whole dollars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The lower (or only) amount.
    pub low: u64,
    /// The upper amount of a range.
    pub high: Option<u64>,
    /// Written with a trailing `+` ("$300k+").
    pub open_ended: bool,
    /// The figure exactly as written.
    pub text: String,
}

impl Figure {
    /// Whether two figures state the same amounts, however they are written.
    pub fn same_amounts(&self, other: &Figure) -> bool {
        self.low == other.low && self.high == other.high
    }
}

/// A clause of prose that states a figure, such as "Senior: $160,000-$250,000".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The clause, trimmed of its closing punctuation.
    pub clause: String,
    /// The first figure in the clause.
    pub figure: Figure,
}

/// Every figure in `text`, in order.
pub fn figures(text: &str) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('$') {
        match parse_at(&rest[start..]) {
            Some((figure, len)) => {
                out.push(figure);
                rest = &rest[start + len..];
            }
            None => rest = &rest[start + 1..],
        }
    }
    out
}

/// The clauses of `text` that state a figure. Clauses end at sentence ends, semicolons and
/// commas followed by a space (so "$100,000" stays whole).
pub fn mentions(text: &str) -> Vec<Mention> {
    split_clauses(text)
        .into_iter()
        .filter_map(|clause| {
            let figure = figures(clause).into_iter().next()?;
            Some(Mention { clause: clause.trim_end_matches(['.', ',', ';']).to_string(), figure })
        })
        .collect()
}

/// The clauses of `text`, cut as [`mentions`] cuts them.
pub fn clauses(text: &str) -> Vec<&str> {
    split_clauses(text)
}

fn split_clauses(text: &str) -> Vec<&str> {
    let mut clauses = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth -= 1,
            b'.' | b',' | b';' if depth <= 0 && bytes.get(i + 1).is_none_or(|n| *n == b' ') => {
                let clause = text[start..=i].trim();
                if !clause.is_empty() {
                    clauses.push(clause);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        clauses.push(tail);
    }
    clauses
}

/// Parses a figure at the start of `s` (which begins with `$`); returns it and its byte length.
fn parse_at(s: &str) -> Option<(Figure, usize)> {
    let (low, mut end) = amount(s)?;
    let mut high = None;
    let after = &s[end..];
    let trimmed = after.trim_start();
    for dash in ["-", "–", "—", "to "] {
        if let Some(next) = trimmed.strip_prefix(dash) {
            let next_trimmed = next.trim_start();
            if next_trimmed.starts_with('$')
                && let Some((value, len)) = amount(next_trimmed)
            {
                high = Some(value);
                end = s.len() - next_trimmed.len() + len;
            }
            break;
        }
    }
    let open_ended = s[end..].starts_with('+');
    if open_ended {
        end += 1;
    }
    Some((Figure { low, high, open_ended, text: s[..end].to_string() }, end))
}

/// `$120k`, `$100,000`, `$1.5M` at the start of `s`: the amount in dollars and its length.
fn amount(s: &str) -> Option<(u64, usize)> {
    let digits = s.strip_prefix('$')?;
    let mut len = 0;
    let mut number = String::new();
    for (i, c) in digits.char_indices() {
        let next_is_digit = digits[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
        if c.is_ascii_digit() {
            number.push(c);
        } else if c == ',' && next_is_digit && !number.is_empty() {
        } else if c == '.' && next_is_digit && !number.is_empty() {
            number.push('.');
        } else {
            break;
        }
        len = i + 1;
    }
    if number.is_empty() {
        return None;
    }
    let mut value: f64 = number.parse().ok()?;
    let rest = &digits[len..];
    let multiplier = match rest.chars().next() {
        Some('k' | 'K') => 1_000.0,
        Some('m' | 'M') if !rest[1..].starts_with(|c: char| c.is_alphabetic()) => 1_000_000.0,
        _ => 1.0,
    };
    if multiplier > 1.0 {
        len += 1;
        value *= multiplier;
    }
    Some((value.round() as u64, 1 + len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str) -> (u64, Option<u64>, bool) {
        let f = &figures(text)[0];
        (f.low, f.high, f.open_ended)
    }

    #[test]
    fn every_format_the_guide_uses_parses() {
        assert_eq!(range("$120k–$300k+ depending"), (120_000, Some(300_000), true));
        assert_eq!(range("($120K–$300K+)"), (120_000, Some(300_000), true));
        assert_eq!(range("Entry salary: $100,000-$130,000."), (100_000, Some(130_000), false));
        assert_eq!(range("$190,000 - $280,000"), (190_000, Some(280_000), false));
        assert_eq!(range("$200,000 - $500,000+"), (200_000, Some(500_000), true));
        assert_eq!(range("ML Engineering ($17,000), BrainStation"), (17_000, None, false));
        assert_eq!(range("$35,000-$50,000/year"), (35_000, Some(50_000), false));
    }

    #[test]
    fn a_dollar_sign_without_digits_is_not_a_figure() {
        assert!(figures("costs $ lots, $x").is_empty());
    }

    #[test]
    fn mentions_are_the_clauses_with_figures() {
        let text = "You need Python. Entry salary: $100,000-$130,000. Senior: $160,000-$250,000. FAANG AI roles: $200,000-$500,000+ total comp.";
        let clauses: Vec<_> = mentions(text).into_iter().map(|m| m.clause).collect();
        assert_eq!(
            clauses,
            [
                "Entry salary: $100,000-$130,000",
                "Senior: $160,000-$250,000",
                "FAANG AI roles: $200,000-$500,000+ total comp"
            ]
        );
    }

    #[test]
    fn lists_of_roles_split_into_one_mention_each() {
        let text =
            "roles including Data Scientist ($100K–$250K), AI Research Scientist ($140K–$400K+), and more.";
        let m = mentions(text);
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].clause, "AI Research Scientist ($140K–$400K+)");
        assert!(!m[1].figure.same_amounts(&figures("$150k–$400k+")[0]));
        assert!(m[0].figure.same_amounts(&figures("$100k–$250k")[0]));
    }
}
