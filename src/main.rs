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
    let cli = pilcrow::cli::Cli::parse();
    if matches!(cli.command, pilcrow::cli::Command::Ingest(_)) {
        keep_freed_memory();
    }
    pilcrow::cli::run(cli)
}

/// mimalloc gives memory freed back to the system after a short delay;
/// a run that allocates again soon after then takes fresh pages, which
/// the kernel zeroes first (clearing them was about a tenth of an
/// ingest run's CPU time). An ingest run is short and frees
/// and allocates throughout, so it keeps what it frees. (`serve` and
/// `build` keep the default: a server must give memory back.)
fn keep_freed_memory() {
    // `purge_delay` in mimalloc's option enum (v3 `mimalloc.h`); -1: never purge.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one integer option; called from the only thread there
    // is yet (`mi_option_set` is not thread safe).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}
