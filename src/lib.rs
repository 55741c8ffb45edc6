//! cchc: a province's public-administration-reform self-assessment as a Git
//! workflow. See ARCHITECTURE.md for the map of this crate.

pub mod chart;
pub mod check;
pub mod check_pr;
pub mod cli;
pub mod codeowners;
pub mod commands;
pub mod diag;
pub mod export;
pub mod fsio;
pub mod gate;
pub mod history;
pub mod load;
pub mod model;
pub mod output;
pub mod points;
pub mod pr;
pub mod raw;
pub mod report;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
pub mod source;
pub mod text;
pub mod toml_read;
pub mod validate;
