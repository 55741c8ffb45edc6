//! Reading TOML files: bytes to text ([`decode`]), text to a checked tree
//! ([`reader`]), against shapes declared once ([`spec`]).

pub mod decode;
pub mod reader;
pub mod spec;

pub use decode::{CONTENT_LIMIT, FileData, SUBMISSION_LIMIT, decode};
pub use reader::{Obj, Reader, read_document, read_text, suggest};
