//! What a build is made from, as one fingerprint: this pilcrow binary, the
//! configuration as resolved (site.toml and the command line), the theme
//! directory and every file of the content directory. A build whose
//! fingerprint matches the one its output was built from has nothing to do.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::digests::{Memo, Stat};
use crate::config::Config;

/// What a build is made from, read once: the fingerprint the output
/// records, and what an incremental build compares with its cache.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Of everything (recorded in the output: equal means nothing to do).
    pub fingerprint: String,
    /// Of all but the content: binary, configuration, theme. A change
    /// there means every output may change (a clean build).
    pub setting: String,
    /// Every entry of the content directory (hidden ones skipped), by
    /// its `/`-separated path, with its digest (`None`: a directory).
    pub content: Vec<(String, Option<[u8; 32]>)>,
    /// Some entry of the content directory is a symbolic link (where it
    /// points is the content walk's to judge, not a digest's).
    pub links: bool,
}

/// The fingerprint, or `None` when an input cannot be read (the build then
/// runs, and reports what it cannot read).
#[cfg(test)]
pub fn fingerprint(config: &Config) -> Option<String> {
    read(config).map(|i| i.fingerprint)
}

/// [`Inputs`] of `config`'s site, or `None` when one cannot be read.
pub fn read(config: &Config) -> Option<Inputs> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update([u8::from(cfg!(feature = "search"))]);
    // A rebuilt binary renders differently even at the same version.
    let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    h.update(exe.len().to_le_bytes());
    let modified = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    h.update(modified.as_nanos().to_le_bytes());
    // Where the site goes is not what it is made of: two outputs of the
    // same inputs are the same bytes, their lists included.
    let mut what = config.clone();
    what.output_dir = std::path::PathBuf::new();
    h.update(format!("{what:?}"));
    feed(&mut h, tree(&config.theme_dir(), None)?.0.as_deref());
    let setting = hex(&h.clone().finalize());
    // Content files are hashed only when `stat` says they changed since
    // a build hashed them (see `digests`).
    let cache_dir = super::cache::dir(config);
    let memo = Memo::read(&cache_dir, &config.content_dir);
    let (content, links, settled) = tree(&config.content_dir, Some(&memo))?;
    let settled = Memo::of(settled);
    if settled != memo {
        settled.write(&cache_dir, &config.content_dir);
    }
    feed(&mut h, content.as_deref());
    Some(Inputs {
        fingerprint: hex(&h.finalize()),
        setting,
        content: content.unwrap_or_default(),
        links,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes a tree's entries (`None`: the directory does not exist).
fn feed(h: &mut Sha256, entries: Option<&[Entry]>) {
    let Some(entries) = entries else {
        h.update(b"\0none\0");
        return;
    };
    for (rel, digest) in entries {
        h.update(rel.as_bytes());
        h.update([0]);
        if let Some(d) = digest {
            h.update(d);
        }
    }
}

/// An entry of a tree: its `/`-separated path, a file's digest.
pub type Entry = (String, Option<[u8; 32]>);

/// A tree's entries, or `None` when the directory does not exist.
type Tree = Option<Vec<Entry>>;

/// A file whose digest its `stat` vouches for (see `digests`).
type Settled = (String, Stat, [u8; 32]);

/// Every entry under `dir` (links followed, hidden entries skipped as the
/// content walk skips them): its path and, for a file, the digest of its
/// bytes, the files read and hashed on all cores (a no-op build is this)
/// unless `memo` holds their digest for their `stat` now. Also tells
/// whether any entry is a symbolic link, and gives the files whose
/// digest the next build may take from their `stat`.
fn tree(dir: &Path, memo: Option<&Memo>) -> Option<(Tree, bool, Vec<Settled>)> {
    use rayon::prelude::*;
    if !dir.exists() {
        return Some((None, false, Vec::new()));
    }
    // Before any file is looked at: a file changed from here on is not
    // settled (its times are this late or later).
    let start = std::time::SystemTime::now();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut entries: Vec<(std::path::PathBuf, bool)> = Vec::new();
    let mut links = false;
    for entry in walk {
        let entry = entry.ok()?;
        links |= entry.path_is_symlink();
        entries.push((entry.path().to_path_buf(), entry.file_type().is_file()));
    }
    let hashed = entries
        .par_iter()
        .map(|(path, is_file)| {
            let rel = path.strip_prefix(dir).ok()?;
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let rel = rel.join("/");
            if !is_file {
                return Some(((rel, None), None));
            }
            // `stat` before the read: a change after it shows in the
            // times the next build compares.
            let stat = match memo {
                Some(_) => Some(Stat::of(&std::fs::metadata(path).ok()?)),
                None => None,
            };
            if let (Some(memo), Some(stat)) = (memo, &stat)
                && let Some(digest) = memo.get(&rel, stat)
            {
                return Some(((rel, Some(digest)), Some(*stat)));
            }
            let bytes = std::fs::read(path).ok()?;
            // The length first, as the fingerprint always hashed it.
            let mut d = Sha256::new();
            d.update((bytes.len() as u64).to_le_bytes());
            d.update(&bytes);
            let stat = stat.filter(|s| s.len == bytes.len() as u64);
            Some(((rel, Some(d.finalize().into())), stat))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut settled = Vec::new();
    let mut tree = Vec::with_capacity(hashed.len());
    for ((rel, digest), stat) in hashed {
        if let (Some(d), Some(s)) = (digest, stat)
            && s.settled(start)
        {
            settled.push((rel.clone(), s, d));
        }
        tree.push((rel, digest));
    }
    Some((Some(tree), links, settled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_input_changes_the_fingerprint() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("site.toml"), "title = \"T\"\n").unwrap();
        std::fs::create_dir_all(root.join("content/d")).unwrap();
        std::fs::write(root.join("content/d/a.md"), "---\ntitle: A\n---\nText\n").unwrap();
        let config = Config::load(root).unwrap();
        let first = fingerprint(&config).unwrap();
        assert_eq!(fingerprint(&config).unwrap(), first);
        // An edit, a new asset, a renamed file, a theme file, the config.
        std::fs::write(root.join("content/d/a.md"), "---\ntitle: A\n---\nText!\n").unwrap();
        let edited = fingerprint(&config).unwrap();
        assert_ne!(edited, first);
        std::fs::write(root.join("content/d/x.png"), "png").unwrap();
        let asset = fingerprint(&config).unwrap();
        assert_ne!(asset, edited);
        std::fs::rename(root.join("content/d/x.png"), root.join("content/d/y.png")).unwrap();
        let renamed = fingerprint(&config).unwrap();
        assert_ne!(renamed, asset);
        std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
        std::fs::write(root.join("themes/default/templates/page.html"), "x").unwrap();
        let theme = fingerprint(&config).unwrap();
        assert_ne!(theme, renamed);
        let mut other = config.clone();
        other.base_url = "https://example.org/".into();
        assert_ne!(fingerprint(&other).unwrap(), theme);
        // Hidden files (ingest's manifest) are not inputs of the build.
        std::fs::create_dir_all(root.join("content/.pilcrow")).unwrap();
        std::fs::write(root.join("content/.pilcrow/ingest.json"), "{}").unwrap();
        assert_eq!(fingerprint(&config).unwrap(), theme);
    }
}
