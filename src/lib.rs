//! cchc, the binary's edges: the command line, the file system, Git, the
//! HTTP server and watcher, atomic output. The pure core is the `cchc_core`
//! crate. See ARCHITECTURE.md for the map.

pub mod check_pr;
pub mod cli;
pub mod commands;
pub mod ctx;
pub mod fsio;
pub mod git;
pub mod output;
pub mod repo;
pub mod serve;
