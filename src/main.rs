//! The `pilcrow` command line: parse, dispatch, exit code.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    pilcrow::cli::run(pilcrow::cli::Cli::parse())
}
