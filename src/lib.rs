//! cchc: a province's public-administration-reform self-assessment as a Git
//! workflow. See ARCHITECTURE.md for the map of this crate.

pub mod check;
pub mod cli;
pub mod diag;
pub mod fsio;
pub mod load;
pub mod model;
pub mod points;
pub mod raw;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod text;
pub mod toml_read;
pub mod validate;
