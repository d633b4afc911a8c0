//! The `pilcrow` command line: parse, dispatch, exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    pilcrow::cli::run(pilcrow::cli::Cli::parse())
}
