//! The `pilcrow` command line: parse, dispatch, exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc, not the system allocator: a build allocates and frees
/// millions of small strings on every thread, which glibc's malloc made
/// half of the build's CPU time (see README, Build at scale).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    pilcrow::cli::run(pilcrow::cli::Cli::parse())
}
