//! Every sentence the bot says in its own voice (not the guide's), kept together.

/// Title of the `/start` reply.
pub const WELCOME_TITLE: &str = "Hi! I answer questions about AI careers";
/// Body of the `/start` reply.
pub const WELCOME: &str = "I know one career guide well: the main AI roles, what each does, the education and skills it asks for, its career path and salaries, plus common questions. Ask in your own words, or use a command.";
/// Title of the `/help` reply.
pub const HELP_TITLE: &str = "How to ask";
/// Opening of the `/help` reply.
pub const HELP: &str = "Ask a question in your own words, or use one of these commands:";
/// Example questions shown in `/start` and `/help`.
pub const EXAMPLES: &[&str] = &[
    "How much does an MLOps engineer make?",
    "Do I need a PhD to work in AI?",
    "What skills does a data scientist need?",
    "/role computer vision",
    "/salary senior",
];
/// Lead-in to the examples.
pub const EXAMPLES_INTRO: &str = "For example:";
/// Title of the `/roles` reply.
pub const ROLES_TITLE: &str = "Roles in the guide";
/// Closing line of the `/roles` reply.
pub const ROLES_HINT: &str = "Send /role and a name (for example /role mlops) for the whole section.";
/// Title of the `/faq` list.
pub const FAQ_TITLE: &str = "Frequently asked questions";
/// Closing line of the `/faq` list.
pub const FAQ_HINT: &str = "Send /faq and a number for the answer, or just ask.";
/// Title of the `/salary` overview.
pub const SALARY_TITLE: &str = "Salaries in the guide";
/// Lead-in to the salary table in the overview.
pub const SALARY_BY_LEVEL: &str = "By level:";
/// Lead-in to role ranges in the overview.
pub const SALARY_BY_ROLE: &str = "By role:";
/// Closing line of the salary overview.
pub const SALARY_HINT: &str =
    "Send /salary and a level (junior, senior, staff …) or a role (mlops, data scientist …).";
/// Shown before figures that differ between the guide's sources.
pub const CONFLICTING_FIGURES: &str =
    "The guide's sources give different figures here; each is shown with where it comes from:";
/// Shown before figures found elsewhere that agree or add detail.
pub const OTHER_FIGURES: &str = "The guide also says:";
/// Title of a decline.
pub const DECLINE_TITLE: &str = "The guide doesn't cover that";
/// Body of a decline.
pub const DECLINE: &str = "I answer only from an AI career guide: its roles, their education, skills, career paths and salaries, and a few common questions. I'd rather say so than guess.";
/// Suggestion at the end of a decline.
pub const DECLINE_HINT: &str = "Try /roles, /salary senior or /faq — or ask, for example, “do I need a PhD?”";
/// Title when a message has no words to search for.
pub const EMPTY_TITLE: &str = "Ask me about AI careers";
/// Body when a message has no words to search for.
pub const EMPTY: &str = "Send a question in words, for example “what does an MLOps engineer do?”, or /help.";
/// Title when something went wrong inside.
pub const APOLOGY_TITLE: &str = "Sorry, something went wrong";
/// Body when something went wrong inside.
pub const APOLOGY: &str = "I couldn't answer that one. Please try again, or ask another way.";
/// Hint for stickers, photos, voice and other non-text messages.
pub const NON_TEXT_TITLE: &str = "I read text only";
/// Body of the non-text hint.
pub const NON_TEXT: &str =
    "Send me a question about AI careers in words, for example “which AI role pays most?”, or /help.";
/// Label of the button that opens a whole role.
pub const WHOLE_ROLE: &str = "Whole role";
/// Label of the button for the FAQ list.
pub const MORE_FAQ: &str = "More questions";
/// Title of the reply on what the guide covers, when it shows more than one document.
pub const CONTENTS_TITLE: &str = "What the guide covers";
/// Label of the line listing a document's sections.
pub const SECTIONS_LABEL: &str = "Sections";

/// An unknown command.
pub fn unknown_command(name: &str) -> (String, String) {
    (format!("I don't know /{name}"), "Send /help to see what I can do.".to_string())
}

/// A role name that matches no role.
pub fn unknown_role(name: &str) -> String {
    format!("The guide has no role called “{}”. These are the roles it covers:", shorten(name))
}

/// A salary subject that is neither a level nor a role.
pub fn unknown_salary_subject(name: &str) -> String {
    format!(
        "The guide has no salary figures for “{}”. It has them for these levels and roles:",
        shorten(name)
    )
}

/// A command that needs a role name and got none.
pub fn which_role(command: &str) -> String {
    format!("Which role? Send /{command} and a role name, for example /{command} mlops.")
}

/// A role section without the asked-for field.
pub fn missing_field(role: &str, part: &str) -> String {
    format!("The guide doesn't give {part} for {role}. Here is what it has:")
}

/// The heading of one role's part ("MLOps Engineer: Key Skills").
pub fn part_title(role: &str, label: &str) -> String {
    format!("{role}: {label}")
}

/// The title of an answer from two passages.
pub fn together_title(first: &str, second: &str) -> String {
    format!("{first} · {second}")
}

/// The title of a salary answer.
pub fn salary_title(subject: &str) -> String {
    format!("{subject}: salary")
}

/// A FAQ number out of range.
pub fn no_such_faq(count: usize) -> String {
    format!("There are {count} questions; send /faq and a number from 1 to {count}.")
}

/// User text quoted back in a reply: at most 60 characters.
pub fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}
