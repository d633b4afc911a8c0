//! The `pilcrow` command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    println!("pilcrow: not yet");
    ExitCode::SUCCESS
}
