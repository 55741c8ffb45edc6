use std::process::ExitCode;

// A build makes and frees millions of small strings on two threads at once;
// mimalloc does that in about half the time of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cchc::cli::main()
}
