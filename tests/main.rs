//! The single integration-test binary: each module is one area under test.

mod bot;
mod cli;
mod corpus;
mod engine;
mod eval;
mod fake_selftest;
mod faults;
mod hostile;
mod limits;
mod properties;
mod soak;
mod startup;
mod support;
