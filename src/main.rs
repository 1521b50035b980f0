//! The `scholia` binary: everything is in the library's `cli` module, where tests reach it.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(scholia::cli::main())
}
