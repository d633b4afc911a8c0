//! A seed whose UTF-8 was once read as Windows-1252 or Latin-1
//! (`COMMUNIQUÃ\u{89}`, `sÃ©curitÃ©`, `â€œ…â€\u{9d}`), with a NEL and a
//! DEL in it, ingests with its title and body repaired, and the site
//! builds. Before, the NEL aborted the ingest and the DEL in the title made
//! `pilcrow build` reject the content.

use std::path::Path;

use assert_cmd::Command;

fn pilcrow() -> Command {
    Command::cargo_bin("pilcrow").unwrap()
}

/// What a Windows-1252 reader makes of UTF-8.
fn as_cp1252(s: &str) -> String {
    encoding_rs::WINDOWS_1252
        .decode(s.as_bytes())
        .0
        .into_owned()
}

const BODY: &str = "Le Conseil de sécurité a adopté aujourd’hui, à l’unanimité, \
    la résolution 2341 (2017) sur la protection des infrastructures critiques. \
    Les États Membres ont salué « une coopération internationale renforcée » \
    et le représentant de la Fédération de Russie a déclaré : « Сотрудничество \
    необходимо ».";

fn documents(root: &Path) -> Vec<(String, String)> {
    let mut pages: Vec<(String, String)> = std::fs::read_dir(root.join("content/documents"))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn mojibake_seed_is_repaired_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("site.toml"), "title = \"T\"\n").unwrap();
    std::fs::create_dir(root.join("seeds")).unwrap();
    // Title line: Latin-1's C1 variant of `É` and a DEL; body: Windows-1252
    // mojibake, a NEL between two sentences, curly quotes with an
    // undefined Windows-1252 byte (`â€\u{9d}` for `”`).
    let seed = format!(
        "COMMUNIQUÃ\u{89} DE PRESSE\u{7F} : le Conseil de sÃ©curitÃ© adopte une rÃ©solution\n\n\
         {}\u{85}Le texte, dit â€œrÃ©solution sur les infrastructuresâ€\u{9d}, entre en vigueur.\n",
        as_cp1252(BODY)
    );
    std::fs::write(root.join("seeds/communique.txt"), seed).unwrap();

    pilcrow()
        .args(["ingest", "--root"])
        .arg(root)
        .assert()
        .success();
    let pages = documents(root);
    assert_eq!(pages.len(), 1, "{pages:?}");
    let (name, page) = &pages[0];
    let title = page
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap_or_else(|| panic!("{name}: no title in\n{page}"));
    assert!(
        title.contains("COMMUNIQUÉ DE PRESSE") && title.contains("sécurité"),
        "{name}: title {title:?}"
    );
    for word in [
        "sécurité",
        "aujourd’hui",
        "à l’unanimité",
        "États Membres",
        "Сотрудничество",
        "“résolution sur les infrastructures”",
    ] {
        assert!(page.contains(word), "{name}: {word:?} missing from\n{page}");
    }
    for bad in ["Ã", "â€", "Ð", "\u{7F}", "\u{85}", "\u{89}", "\u{9d}"] {
        assert!(!page.contains(bad), "{name}: {bad:?} left in\n{page}");
    }

    pilcrow()
        .args(["build", "--root"])
        .arg(root)
        .assert()
        .success();
    assert!(root.join("public/index.html").is_file());
}
