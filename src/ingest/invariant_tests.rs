//! The invariant between the stages: whatever ingest writes, build
//! accepts. Random inputs of every format — titles of any length and
//! content, control characters, links of every kind, front matter good and
//! broken, shortcodes, raw HTML — are ingested into a site and checked.

use std::path::Path;

use crate::config::Config;
use crate::test_support::Lcg;

/// Pieces random inputs are made of: each has tripped a stage before or
/// is the kind of thing real inputs hold.
const BODY: &[&str] = &[
    "Text of a paragraph about cybercrime and resolution 2341 (2017). ",
    "Viet Nam và Trung Quốc. ",
    "网络犯罪，数字证据。",
    "\n\n",
    "\n",
    "# Heading\n",
    "## I. Introduction\n",
    "- item\n",
    "1. first\n",
    "[Charter](../../../charter/README.md)",
    "[FAQ](other-post.md)",
    "[sibling](b.md#part)",
    "[anchor](#section-2)",
    "[web](https://example.org/a b)",
    "[mail](mailto:a@b.org)",
    "[js](javascript:alert(1))",
    "![img](img/x.png)",
    "![remote](https://example.org/i.png)",
    "[![cover](/images/cover.jpg)](https://example.org/book/)",
    "[![logo](img/l.png)](other-post.md)",
    "[ref]: ./missing.md\n",
    "[^1] ",
    "[^1]: a note\n",
    "^p-3 ",
    " ^p-1\n",
    "{{< tweet user=\"x\" id=\"1\" >}}",
    "{% include x.html %}",
    "<!-- comment -->",
    "<script>alert(1)</script>",
    "<div class=\"x\">",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\ncode {{ x }}\n```\n",
    "\u{7f}",
    "\u{1b}[0m",
    "\u{0}",
    "\u{c}",
    "â€™",
    "COMMUNIQUÃ\u{89}",
    "Distr.: General 5 December 2025\n",
    "A/RES/80/41\n",
    "---\n",
    "+++\n",
    "***",
    "\\",
    "`",
    "<",
    "&amp;",
];

const TITLES: &[&str] = &[
    "Annual report",
    "Báo cáo",
    "title: with colon",
    "\"quoted\"",
    "'single'",
    "- dash",
    "#hash",
    "[bracket]",
    "a\u{7f}b",
    "\u{1}",
    "",
    "   ",
    "*bold*",
    "{{ x }}",
    "@at",
    "%pct",
    "null",
    "true",
    "2019-01-01",
];

fn title(rng: &mut Lcg) -> String {
    if rng.next().is_multiple_of(10) {
        return "Long title ".repeat(7_000);
    }
    rng.text(TITLES, 1, 3)
}

/// One random input: its file name and bytes.
fn input(rng: &mut Lcg, i: usize) -> (String, String) {
    let body = rng.text(BODY, 0, 40);
    match rng.next() % 6 {
        0 => (
            format!("{i}.md"),
            format!(
                "---\ntitle: {}\ndate: 2020-01-0{}\n---\n{body}",
                title(rng),
                i % 9 + 1
            ),
        ),
        1 => (
            format!("{i}.md"),
            format!(
                "+++\ntitle = \"{}\"\n+++\n{body}",
                title(rng).replace('"', "")
            ),
        ),
        2 => (
            format!("{i}.html"),
            format!(
                "<html><head><title>{}</title></head><body><nav><a href='/'>Home</a></nav><article><h1>{}</h1><p>{}</p><p><a href='other.html'>rel</a> <a href='https://x.org/'>abs</a></p></article></body></html>",
                title(rng),
                title(rng),
                body.replace('\n', "</p><p>")
            ),
        ),
        3 => (format!("sub/{i}.md"), format!("# {}\n\n{body}", title(rng))),
        _ => (format!("{i}.txt"), format!("{}\n\n{body}", title(rng))),
    }
}

fn write_site(dir: &Path) {
    std::fs::write(dir.join("site.toml"), "title = \"T\"\nbase_url = \"/\"\n").unwrap();
    std::fs::create_dir_all(dir.join("seeds/sub")).unwrap();
    std::fs::write(dir.join("seeds/other-post.md"), "# Other post\n\nText.\n").unwrap();
    std::fs::create_dir_all(dir.join("seeds/charter")).unwrap();
    std::fs::write(dir.join("seeds/charter/README.md"), "# Charter\n\nText.\n").unwrap();
}

#[test]
fn whatever_ingest_writes_build_accepts() {
    let mut rng = Lcg::new(0x5EED_1234_ABCD_0001);
    for round in 0..12 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        write_site(dir);
        let mut written = Vec::new();
        for i in 0..8 {
            let (name, text) = input(&mut rng, i);
            let path = dir.join("seeds").join(&name);
            std::fs::write(&path, &text).unwrap();
            written.push((name, text));
        }
        let config = Config::load(dir).unwrap();
        let opts = super::IngestOptions {
            seeds_dir: config.seeds_dir.clone(),
            content_dir: config.content_dir.clone(),
            force: false,
        };
        super::run(&opts)
            .unwrap_or_else(|e| panic!("round {round}: ingest failed: {e}\n{written:#?}"));
        if let Err(problems) = crate::build::check(&config) {
            let pages: Vec<String> = walkdir::WalkDir::new(dir.join("content/documents"))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                .map(|t| t.chars().take(3000).collect())
                .collect();
            panic!(
                "round {round}: build rejects what ingest wrote:\n{problems}\n\ninputs: {written:#?}\n\npages: {pages:#?}"
            );
        }
    }
}
