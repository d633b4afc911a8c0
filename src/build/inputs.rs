//! What a build is made from, as one fingerprint: this pilcrow binary, the
//! configuration as resolved (site.toml and the command line), the theme
//! directory and every file of the content directory. A build whose
//! fingerprint matches the one its output was built from has nothing to do.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::config::Config;

/// The fingerprint, or `None` when an input cannot be read (the build then
/// runs, and reports what it cannot read).
pub fn fingerprint(config: &Config) -> Option<String> {
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
    tree(&mut h, &config.theme_dir())?;
    tree(&mut h, &config.content_dir)?;
    Some(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Every file under `dir` (links followed, hidden entries skipped as the
/// content walk skips them): its path, length and the digest of its bytes,
/// the files read and hashed on all cores (a no-op build is this).
fn tree(h: &mut Sha256, dir: &Path) -> Option<()> {
    use rayon::prelude::*;
    if !dir.exists() {
        h.update(b"\0none\0");
        return Some(());
    }
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut entries: Vec<(std::path::PathBuf, bool)> = Vec::new();
    for entry in walk {
        let entry = entry.ok()?;
        entries.push((entry.path().to_path_buf(), entry.file_type().is_file()));
    }
    let digests: Vec<Option<(u64, [u8; 32])>> = entries
        .par_iter()
        .map(|(path, is_file)| {
            if !is_file {
                return Some((0, [0; 32]));
            }
            let bytes = std::fs::read(path).ok()?;
            Some((bytes.len() as u64, Sha256::digest(&bytes).into()))
        })
        .collect();
    for ((path, is_file), d) in entries.iter().zip(digests) {
        let rel = path.strip_prefix(dir).ok()?;
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        let (len, digest) = d?;
        if *is_file {
            h.update(len.to_le_bytes());
            h.update(digest);
        }
    }
    Some(())
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
