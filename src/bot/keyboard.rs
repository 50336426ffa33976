//! An answer's follow-up actions as an inline keyboard: two buttons a row.

use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup};

use crate::answer::Action;

/// Longest button label shown; Telegram clips long ones anyway.
const MAX_LABEL_CHARS: usize = 32;
const BUTTONS_PER_ROW: usize = 2;

/// The keyboard for `actions`, or `None` when there are none. Each button's `callback_data` is
/// the command it stands for (the engine keeps it within Telegram's 64 bytes).
pub fn keyboard(actions: &[Action]) -> Option<InlineKeyboardMarkup> {
    if actions.is_empty() {
        return None;
    }
    let rows: Vec<Vec<InlineKeyboardButton>> = actions
        .chunks(BUTTONS_PER_ROW)
        .map(|row| {
            row.iter().map(|a| InlineKeyboardButton::callback(label(&a.label), a.command.clone())).collect()
        })
        .collect();
    Some(InlineKeyboardMarkup::new(rows))
}

fn label(text: &str) -> String {
    if text.chars().count() <= MAX_LABEL_CHARS {
        return text.to_string();
    }
    let mut out: String = text.chars().take(MAX_LABEL_CHARS - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_go_two_a_row_and_carry_their_command() {
        let actions: Vec<Action> = (0..5)
            .map(|i| Action {
                label: format!("Role {i} with a very long name indeed, yes"),
                command: format!("/role {i}"),
            })
            .collect();
        let markup = keyboard(&actions).unwrap();
        assert_eq!(markup.inline_keyboard.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2, 1]);
        let first = &markup.inline_keyboard[0][0];
        assert!(first.text.chars().count() <= MAX_LABEL_CHARS);
        let json = serde_json::to_value(first).unwrap();
        assert_eq!(json["callback_data"], "/role 0");
    }

    #[test]
    fn no_actions_no_keyboard() {
        assert!(keyboard(&[]).is_none());
    }
}
