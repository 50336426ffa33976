//! Settings from the environment (and `.env`): the Telegram token, held as a secret.

use std::fmt;

/// Environment variable holding the bot token.
pub const TOKEN_VAR: &str = "TELOXIDE_TOKEN";
/// Environment variable overriding the Bot API server's URL.
pub const API_URL_VAR: &str = "TELOXIDE_API_URL";

/// Environment variable that lifts Telegram's rate limits (benchmarks only).
pub const UNTHROTTLED_VAR: &str = "CAREERBOT_BENCH_UNTHROTTLED";

/// A secret string: never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: String) -> Self {
        Secret(value)
    }

    /// The secret itself: only for handing to the Telegram client and to log redaction.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// Telegram settings, read once at start.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The bot token, if one is configured (non-empty).
    pub token: Option<Secret>,
    /// A Bot API server other than Telegram's (a self-hosted one, or a test fake).
    pub api_url: Option<String>,
    /// Lift Telegram's rate limits: for benchmarks against a local fake only.
    pub unthrottled: bool,
}

impl Settings {
    /// Reads the settings from the process environment (call `dotenvy::dotenv()` first for `.env`).
    pub fn from_env() -> Self {
        let read =
            |name: &str| std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Settings {
            token: read(TOKEN_VAR).map(Secret::new),
            api_url: read(API_URL_VAR),
            unthrottled: read(UNTHROTTLED_VAR).is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_settings_never_shows_the_token() {
        let settings =
            Settings { token: Some(Secret::new("123:SECRET".into())), api_url: None, unthrottled: false };
        let shown = format!("{settings:?} {:?}", settings.token);
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("redacted"));
    }
}
