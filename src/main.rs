use std::process::ExitCode;

fn main() -> ExitCode {
    cchc::cli::main()
}
