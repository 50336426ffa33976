//! Slash commands: their grammar, typed values, and the table that makes `/help` and the
//! Telegram command menu. Pure: knows nothing of Telegram or tantivy.

mod finder;
mod names;

pub use finder::{NameFinder, singular_of};
pub use names::{Names, Resolution};

use crate::corpus::Aspect;

/// One command as users see it in `/help` and in Telegram's command menu.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// The name without the slash.
    pub name: &'static str,
    /// What it takes, for `/help` ("" when nothing).
    pub args: &'static str,
    /// One line on what it does (Telegram allows 3–256 characters).
    pub description: &'static str,
}

/// Every command, in the order `/help` and the menu list them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec { name: "start", args: "", description: "What this bot does" },
    CommandSpec { name: "help", args: "", description: "How to ask, with examples" },
    CommandSpec { name: "roles", args: "", description: "The AI roles the guide covers" },
    CommandSpec {
        name: "role",
        args: "<name>",
        description: "A role: what it does, education, skills, career path, salary, employers",
    },
    CommandSpec {
        name: "salary",
        args: "[level or role]",
        description: "Salaries by level (junior, senior, staff …) or by role",
    },
    CommandSpec { name: "skills", args: "<role>", description: "The key skills for a role" },
    CommandSpec { name: "education", args: "<role>", description: "The education a role asks for" },
    CommandSpec { name: "career", args: "<role>", description: "A role's career progression" },
    CommandSpec { name: "employers", args: "<role>", description: "Who hires for a role" },
    CommandSpec { name: "faq", args: "[number]", description: "Frequently asked questions" },
];

/// Longest command argument looked at; the rest of a very long argument is ignored.
pub const MAX_ARGUMENT_CHARS: usize = 200;

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `/start`.
    Start,
    /// `/help`.
    Help,
    /// `/roles`.
    Roles,
    /// `/role [name]`: `name` may be empty.
    Role { name: String },
    /// `/skills`, `/education`, `/career`, `/employers` with a role name (maybe empty).
    Aspect { aspect: Aspect, name: String },
    /// `/salary [level or role]`.
    Salary { subject: String },
    /// `/faq [number or words]`.
    Faq { query: String },
    /// A slash command this bot does not have.
    Unknown { name: String },
}

/// Parses `text` as a command; `None` when it is not one (it does not start with `/`).
///
/// Names are case-insensitive and may carry a `@BotName` suffix; arguments are trimmed and cut
/// to [`MAX_ARGUMENT_CHARS`].
pub fn parse_command(text: &str) -> Option<Command> {
    let rest = text.trim_start().strip_prefix('/')?;
    let (head, argument) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let name = head.split_once('@').map_or(head, |(name, _)| name).to_lowercase();
    // Line breaks and runs of spaces inside an argument are one space ("/role\n mlops  engineer").
    let argument = argument.split_whitespace().collect::<Vec<_>>().join(" ");
    let argument: String = argument.chars().take(MAX_ARGUMENT_CHARS).collect();
    let argument = argument.trim_end().to_string();
    Some(match name.as_str() {
        "start" => Command::Start,
        "help" => Command::Help,
        "roles" => Command::Roles,
        "role" => Command::Role { name: argument },
        "salary" | "salaries" | "pay" => Command::Salary { subject: argument },
        "skills" => Command::Aspect { aspect: Aspect::Skills, name: argument },
        "education" => Command::Aspect { aspect: Aspect::Education, name: argument },
        "career" | "progression" => Command::Aspect { aspect: Aspect::Progression, name: argument },
        "employers" => Command::Aspect { aspect: Aspect::Employers, name: argument },
        "faq" => Command::Faq { query: argument },
        _ => Command::Unknown { name: name.chars().take(32).collect() },
    })
}

/// The bot a command is addressed to: `Some("CareerGuideBot")` for `/role@CareerGuideBot x`.
pub fn addressee(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('/')?;
    let head = rest.split(char::is_whitespace).next()?;
    head.split_once('@').map(|(_, bot)| bot)
}

/// The command text that asks for `aspect` of a role: what a button sends.
pub fn aspect_command(aspect: Aspect, role_key: &str) -> String {
    format!("/{} {role_key}", aspect.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_command_takes_a_name_in_any_case_with_a_bot_suffix() {
        assert_eq!(
            parse_command("/ROLE@CareerGuideBot  ML Ops "),
            Some(Command::Role { name: "ML Ops".into() })
        );
        assert_eq!(addressee("/role@CareerGuideBot mlops"), Some("CareerGuideBot"));
        assert_eq!(addressee("/role mlops"), None);
    }

    #[test]
    fn text_without_a_slash_is_not_a_command() {
        assert_eq!(parse_command("what is mlops"), None);
    }

    #[test]
    fn unknown_commands_keep_their_name() {
        assert_eq!(parse_command("/dance now"), Some(Command::Unknown { name: "dance".into() }));
    }

    #[test]
    fn long_arguments_are_cut() {
        let Some(Command::Role { name }) = parse_command(&format!("/role {}", "x".repeat(3000))) else {
            panic!("not a role command")
        };
        assert_eq!(name.chars().count(), MAX_ARGUMENT_CHARS);
    }

    #[test]
    fn aspect_commands_round_trip_through_the_parser() {
        for aspect in Aspect::ALL {
            let text = aspect_command(aspect, "mlops");
            let parsed = parse_command(&text).unwrap();
            let expected = match aspect {
                Aspect::Salary => Command::Salary { subject: "mlops".into() },
                aspect => Command::Aspect { aspect, name: "mlops".into() },
            };
            assert_eq!(parsed, expected, "{text}");
        }
    }

    #[test]
    fn command_menu_fits_telegram_rules() {
        for spec in COMMANDS {
            assert!(spec.name.len() <= 32 && spec.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            assert!((3..=256).contains(&spec.description.len()));
        }
    }
}
