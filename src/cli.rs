//! Command-line interface: argument parsing and the commands' console
//! output. Exit codes: 0 ok, 1 content/config errors, 2 usage (clap).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildError};
use crate::config::{Config, ConfigError};
use crate::content::display_path;
use crate::ingest::{self, IngestOptions};
use crate::problem::Problems;

/// pilcrow (¶): raw documents in, a cross-linked static knowledge site out.
#[derive(Debug, Parser)]
#[command(name = "pilcrow", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site: content/ markdown into a complete site in public/
    Build(BuildArgs),
    /// Check content, links and templates like `build`, without writing anything
    Check(CheckArgs),
    /// Create a new site in DIR that builds as is
    Init(InitArgs),
    /// Turn the raw documents in seeds/ into markdown in content/
    Ingest(IngestArgs),
    /// Preview the site: build, serve it locally and rebuild on every save
    Serve(ServeArgs),
}

/// Where the site is.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Site root: the directory holding site.toml (default: the current
    /// directory or the nearest parent holding site.toml)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Content directory (default: `content_dir` from site.toml)
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Base URL, e.g. https://example.org/kb/ (default: `base_url` from site.toml)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Output directory (default: `output_dir` from site.toml)
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory to create (must be missing or empty)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Site root: the directory holding site.toml (default: the current
    /// directory or the nearest parent holding site.toml)
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Directory of raw documents (default: `seeds_dir` from site.toml)
    #[arg(long, value_name = "DIR")]
    pub seeds: Option<PathBuf>,
    /// Content directory to write (default: `content_dir` from site.toml)
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Overwrite files an editor changed since ingest wrote them
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0: any free port)
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback exposes the preview
    #[arg(long, short = 'i', value_name = "ADDR", default_value = "127.0.0.1")]
    pub interface: String,
    /// Open the site in a browser
    #[arg(long, short = 'O')]
    pub open: bool,
    /// Re-run ingest when a file in seeds/ changes (writes content/; pages
    /// edited since ingest wrote them are kept)
    #[arg(long)]
    pub ingest: bool,
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => run_build(&args),
        Command::Check(args) => run_check(&args),
        Command::Init(args) => run_init(&args.dir),
        Command::Ingest(args) => run_ingest(&args),
        Command::Serve(args) => run_serve(&args),
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

/// A flag's value or an argument that cannot be used: exit code 2, as
/// for the errors clap finds.
fn usage_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// The site root: `--root`, else the current directory or the nearest
/// parent holding site.toml (as Zola and Hugo find theirs), else `.`.
pub fn site_root(explicit: Option<&Path>) -> PathBuf {
    if let Some(root) = explicit {
        return root.to_path_buf();
    }
    let Ok(cwd) = std::env::current_dir() else {
        return PathBuf::from(".");
    };
    match cwd
        .ancestors()
        .find(|d| d.join(crate::config::CONFIG_FILE).is_file())
    {
        // Shown relative when it is the current directory.
        Some(found) if found == cwd => PathBuf::from("."),
        Some(found) => found.to_path_buf(),
        None => PathBuf::from("."),
    }
}

fn load_config(site: &SiteArgs) -> Result<Config, ExitCode> {
    let root = site_root(site.root.as_deref());
    let mut config = Config::load(&root).map_err(|e| match &e {
        // No site here at all: say how to get one.
        ConfigError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => fail(
            format!("{e}\n(run `pilcrow init DIR` to create a new site, or pass --root DIR)"),
        ),
        _ => fail(e),
    })?;
    if let Some(content) = &site.content {
        config.content_dir = content.clone();
    }
    if let Some(url) = &site.base_url {
        config
            .set_base_url(url)
            .map_err(|e| usage_error(format!("--base-url: {e}")))?;
    }
    Ok(config)
}

fn report_problems(problems: &Problems) {
    eprintln!("{problems}");
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn run_build(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let mut config = match load_config(&args.site) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(output) = &args.output {
        config.output_dir = output.clone();
    }
    let shown = display_path(&config.output_dir);
    let waiting = || eprintln!("Waiting for another build of this site to finish…");
    match build::build_with(&config, &waiting) {
        Ok(report) if report.unchanged => {
            println!(
                "Nothing changed since the last build: {}/ is up to date ({:.2} s)",
                shown.trim_end_matches('/'),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            println!(
                "Built {} (+{} generated: lists, indexes, search, graph) in {:.2} s → {}/",
                plural(report.pages, "page", "pages"),
                report.generated,
                started.elapsed().as_secs_f64(),
                shown.trim_end_matches('/')
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Problems(problems)) => {
            report_problems(&problems);
            fail(format!(
                "build failed with {}; nothing was written ({}/ is unchanged)",
                plural(problems.len(), "problem", "problems"),
                shown.trim_end_matches('/')
            ))
        }
        Err(BuildError::Io(message)) => fail(format!(
            "{message}\n({}/ is unchanged)",
            shown.trim_end_matches('/')
        )),
    }
}

fn run_check(args: &CheckArgs) -> ExitCode {
    let config = match load_config(&args.site) {
        Ok(c) => c,
        Err(code) => return code,
    };
    match build::check_with_warnings(&config) {
        Ok((pages, warnings)) => {
            for w in &warnings {
                eprintln!("warning: {w}");
            }
            println!("No problems found in {}.", plural(pages, "page", "pages"));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            report_problems(&problems);
            fail(format!(
                "{} found",
                plural(problems.len(), "problem", "problems")
            ))
        }
    }
}

fn run_init(dir: &Path) -> ExitCode {
    // A directory that is there and not empty is the wrong argument.
    let occupied =
        dir.is_file() || std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    match crate::init::init(dir) {
        Ok(files) => {
            for f in &files {
                println!("  created {}", display_path(&dir.join(f)));
            }
            println!(
                "New site in {}. Build it with: pilcrow build --root {}",
                display_path(dir),
                display_path(dir)
            );
            ExitCode::SUCCESS
        }
        Err(message) if occupied => usage_error(message),
        Err(message) => fail(message),
    }
}

fn run_ingest(args: &IngestArgs) -> ExitCode {
    let root = site_root(args.root.as_deref());
    // With both directories named, no site.toml is needed.
    let (seeds_dir, content_dir) = match (&args.seeds, &args.content) {
        (Some(s), Some(c)) => (s.clone(), c.clone()),
        _ => match Config::load(&root) {
            Ok(config) => (
                args.seeds.clone().unwrap_or(config.seeds_dir),
                args.content.clone().unwrap_or(config.content_dir),
            ),
            Err(e @ ConfigError::Io { .. }) if !root.join(crate::config::CONFIG_FILE).exists() => {
                return fail(format!(
                    "{e}
(no site here: run `pilcrow init DIR` to create one and put your documents \
                     in DIR/seeds/, pass --root DIR, or name both --seeds DIR and --content DIR)"
                ));
            }
            Err(e) => return fail(e),
        },
    };
    if !seeds_dir.is_dir() {
        return fail(format!(
            "{} does not exist or is not a directory\n(put the documents to ingest there: \
             .txt, .md or .html files, in any language; or pass --seeds DIR)",
            display_path(&seeds_dir)
        ));
    }
    let opts = IngestOptions {
        seeds_dir,
        content_dir,
        force: args.force,
    };
    match ingest::run(&opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            for kept in &report.kept_edited {
                eprintln!(
                    "note: kept {} (edited since ingest wrote it; --force overwrites it)",
                    display_path(kept)
                );
            }
            for e in &report.not_ingested {
                eprintln!("warning: {e} (not ingested)");
            }
            println!("{report}");
            // The documents that could be read are ingested and written:
            // a scanned PDF among them must not stop `ingest && build`.
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

fn run_serve(args: &ServeArgs) -> ExitCode {
    let interface = match args.interface.as_str() {
        "localhost" => std::net::IpAddr::from([127, 0, 0, 1]),
        other => match other.parse() {
            Ok(ip) => ip,
            Err(_) => {
                return usage_error(format!(
                    "--interface {other:?} is not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)"
                ));
            }
        },
    };
    let opts = crate::serve::ServeOptions {
        root: site_root(args.site.root.as_deref()),
        content: args.site.content.clone(),
        base_url: args.site.base_url.clone(),
        interface,
        port: args.port,
        open: args.open,
        ingest: args.ingest,
    };
    match crate::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }
}
