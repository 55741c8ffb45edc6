//! The raw model: each kind of file as written, every value with the span it
//! came from. One module per kind holds its shape, its type and its reader.
//! Nothing here judges meaning; that is [`crate::resolve`] and
//! [`crate::check`].

pub mod campaign;
pub mod content;
pub mod criteria;
pub mod cycle;
pub mod submission;
pub mod units;
