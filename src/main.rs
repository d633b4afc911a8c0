//! The `pilcrow` command line: parse, dispatch, exit code.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc, not the system allocator: a build allocates and frees
/// millions of small strings on every thread, which glibc's malloc made
/// half of the build's CPU time (see README, Build at scale).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // No transparent huge pages: mimalloc asks for them, and each is
    // zeroed whole (2 MiB) the first time the process touches a byte
    // of it — on a 10,000-document site that made half of a clean
    // build's system time and most of an incremental build's, for no
    // gain in user time (bench/build-scale.sh).
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    pilcrow::cli::run(pilcrow::cli::Cli::parse())
}
