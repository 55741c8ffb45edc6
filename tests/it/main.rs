//! The integration tests, one binary: a module per area (see the "Tests"
//! section of ARCHITECTURE.md). `cargo test --test it <module>::` runs one
//! area, as `cargo test --test it gate_cases::`.

// A test may unwrap, index and panic: a failure is what it reports.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod adversarial;
mod cases;
mod cli;
mod common;
mod cycle;
mod gate;
mod gate_cases;
mod history_cases;
mod interrupt;
mod properties;
mod robustness;
mod scale;
mod site;
mod sums;
mod workflows;
