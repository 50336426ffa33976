//! careerbot: answers questions about AI careers from a career guide, over Telegram, a terminal
//! chat and a command line. One answer engine serves all three.

pub mod answer;
pub mod ask;
pub mod bot;
pub mod chat;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod engine;
pub mod eval;
pub mod index;
pub mod json;
pub mod logging;
pub mod messages;
pub mod search;
pub mod text;

pub use answer::Answer;
pub use engine::Engine;
