use std::process::ExitCode;

// The system allocator: with templates that share their values (Tera 2),
// mimalloc was no faster and held twice the memory (commune build: 347 MB
// against 232 MB).
fn main() -> ExitCode {
    cchc::cli::main()
}
