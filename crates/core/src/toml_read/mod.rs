//! Reading TOML files: bytes to text ([`decode()`]), text to a checked tree
//! ([`reader`]), against shapes declared once ([`spec`], each table's keys,
//! struct and reading given by one `toml_table!` declaration).

pub mod decode;
mod problems;
pub mod reader;
pub mod spec;
mod suggest;
mod syntax;
pub(crate) mod table;
mod values;

pub use decode::decode;
pub use reader::{Obj, Reader, read_document, read_text};
pub use suggest::suggest;
