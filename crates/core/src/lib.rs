//! The pure core of cchc: a province's public-administration-reform
//! self-assessment read, resolved, checked, reported and rendered, and the
//! pull-request gate. It reads no file, Git object, process environment or
//! clock: the binary's edges hand it bytes, history and the time. See
//! ARCHITECTURE.md for the map.
//!
//! Its purity is kept by the build: Cargo.toml gives it no Git, command-line,
//! watcher or HTTP crate, and its clippy.toml refuses file, process,
//! environment, clock and print calls (`cargo clippy -- -D warnings`).

#![deny(clippy::print_stdout, clippy::print_stderr)]
#![deny(missing_docs)]

mod chart;
mod check;
pub mod checked;
pub mod codeowners;
pub mod diag;
pub mod export;
pub mod gate;
pub mod history;
pub mod input;
mod load;
pub mod model;
pub mod pipeline;
pub mod points;
pub mod pull_request;
mod raw;
pub mod report;
mod resolve;
pub mod scaffold;
pub mod schema;
pub mod site;
pub mod source;
pub mod text;
mod toml_read;
pub mod urls;
mod validate;
