//! Where rendered files go: the [`Sink`] trait, a counting sink, the in-memory one.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The built site: relative path → bytes, in a stable order.
pub type SiteFiles = BTreeMap<String, Vec<u8>>;

/// Where rendered files go, from several threads at once.
pub trait Sink: Sync {
    /// Writes `bytes` at `path` (relative to the site's root, `/`-separated); errors when it cannot be stored.
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()>;
}

/// Counts what passes into another sink: pages, files, bytes.
#[derive(Debug, Default)]
pub struct Tally {
    /// How many HTML pages.
    pub pages: AtomicUsize,
    /// How many files, pages included.
    pub files: AtomicUsize,
    /// How many bytes in all.
    pub bytes: AtomicUsize,
}

/// Whether a file of the site is a page (HTML), not a download or asset.
pub fn is_page(path: &str) -> bool {
    std::path::Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"))
}

impl Tally {
    /// Counts one file of `bytes` at `path`.
    pub fn count(&self, path: &str, bytes: &[u8]) {
        self.pages
            .fetch_add(usize::from(is_page(path)), Ordering::Relaxed);
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
    }
}

/// A sink that passes files on to another and counts them.
pub struct Counted<'a> {
    /// The sink the files go on to.
    pub inner: &'a dyn Sink,
    /// Where they are counted.
    pub tally: &'a Tally,
}

impl std::fmt::Debug for Counted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counted")
            .field("tally", self.tally)
            .finish()
    }
}

impl Sink for Counted<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()> {
        self.tally.count(&path, &bytes);
        self.inner.put(path, bytes)
    }
}

/// A sink that keeps the site in memory (`serve`, tests).
#[derive(Debug, Default)]
pub struct MemorySink(Mutex<SiteFiles>);

impl MemorySink {
    /// The files put so far, by path.
    pub fn into_files(self) -> SiteFiles {
        self.0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path, bytes);
        Ok(())
    }
}
