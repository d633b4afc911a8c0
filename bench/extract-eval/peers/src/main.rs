//! `extract-peers SYSTEM OUTDIR < list`: for each line `NAME<TAB>PATH` of
//! standard input, reads the HTML file at PATH, extracts its main content
//! with SYSTEM and writes `OUTDIR/NAME.json` as
//! `{"text": …, "title": …, "date": …, "lang": …, "markdown": bool}` (null
//! where the crate gives nothing; `markdown` when the text is markdown). `extract-peers --list` prints the systems compiled in.
//! A page the extractor fails on gets `{"error": …}` instead.

use std::io::{BufRead, Write};
use std::path::Path;

#[derive(Default)]
struct Extracted {
    text: String,
    /// The text is markdown (the scorer strips its syntax first).
    markdown: bool,
    title: Option<String>,
    date: Option<String>,
    lang: Option<String>,
}

type Extractor = fn(&str) -> Result<Extracted, String>;

// One push per cargo feature, each behind its cfg: no vec![] literal.
#[allow(clippy::vec_init_then_push)]
fn systems() -> Vec<(&'static str, Extractor)> {
    #[allow(unused_mut)]
    let mut v: Vec<(&'static str, Extractor)> = Vec::new();
    #[cfg(feature = "dom_smoothie")]
    v.push(("dom_smoothie", dom_smoothie_extract));
    #[cfg(feature = "dom_smoothie")]
    v.push(("dom_smoothie-md", dom_smoothie_markdown));
    #[cfg(feature = "rs-trafilatura")]
    v.push(("rs-trafilatura", rs_trafilatura_extract));
    #[cfg(feature = "rs-trafilatura")]
    v.push(("rs-trafilatura-md", rs_trafilatura_markdown));
    #[cfg(feature = "trafilatura")]
    v.push(("trafilatura", trafilatura_extract));
    #[cfg(feature = "readability")]
    v.push(("readability", readability_extract));
    v
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(feature = "dom_smoothie")]
fn dom_smoothie_extract(html: &str) -> Result<Extracted, String> {
    dom_smoothie_with(html, dom_smoothie::TextMode::Formatted)
}

/// The same extraction, its text as markdown (what pilcrow would keep).
#[cfg(feature = "dom_smoothie")]
fn dom_smoothie_markdown(html: &str) -> Result<Extracted, String> {
    dom_smoothie_with(html, dom_smoothie::TextMode::Markdown)
}

#[cfg(feature = "dom_smoothie")]
fn dom_smoothie_with(html: &str, text_mode: dom_smoothie::TextMode) -> Result<Extracted, String> {
    let markdown = matches!(text_mode, dom_smoothie::TextMode::Markdown);
    let cfg = dom_smoothie::Config {
        text_mode,
        ..Default::default()
    };
    let mut r = dom_smoothie::Readability::new(html, None, Some(cfg)).map_err(|e| e.to_string())?;
    let a = r.parse().map_err(|e| e.to_string())?;
    Ok(Extracted {
        text: a.text_content.to_string(),
        markdown,
        title: non_empty(&a.title),
        date: a.published_time.as_deref().and_then(non_empty),
        lang: a.lang.as_deref().and_then(non_empty),
    })
}

#[cfg(feature = "rs-trafilatura")]
fn rs_trafilatura_extract(html: &str) -> Result<Extracted, String> {
    let r = rs_trafilatura::extract(html).map_err(|e| e.to_string())?;
    Ok(Extracted {
        text: r.content_text,
        title: r.metadata.title.as_deref().and_then(non_empty),
        date: r.metadata.date.map(|d| d.to_rfc3339()),
        lang: r.metadata.language.as_deref().and_then(non_empty),
        ..Default::default()
    })
}

#[cfg(feature = "rs-trafilatura")]
fn rs_trafilatura_markdown(html: &str) -> Result<Extracted, String> {
    let opts = rs_trafilatura::Options {
        output_markdown: true,
        ..Default::default()
    };
    let r = rs_trafilatura::extract_with_options(html, &opts).map_err(|e| e.to_string())?;
    Ok(Extracted {
        text: r.content_markdown.unwrap_or_default(),
        markdown: true,
        title: r.metadata.title.as_deref().and_then(non_empty),
        date: r.metadata.date.map(|d| d.to_rfc3339()),
        lang: r.metadata.language.as_deref().and_then(non_empty),
    })
}

#[cfg(feature = "trafilatura")]
fn trafilatura_extract(html: &str) -> Result<Extracted, String> {
    let r =
        trafilatura::extract(html, &trafilatura::Options::default()).map_err(|e| e.to_string())?;
    Ok(Extracted {
        text: r.content_text,
        title: non_empty(&r.metadata.title),
        date: r.metadata.date.map(|d| d.to_string()),
        lang: non_empty(&r.metadata.language),
        ..Default::default()
    })
}

#[cfg(feature = "readability")]
fn readability_extract(html: &str) -> Result<Extracted, String> {
    let url = url::Url::parse("http://example.invalid/").map_err(|e| e.to_string())?;
    let p = readability::extractor::extract(&mut html.as_bytes(), &url)
        .map_err(|e| format!("{e:?}"))?;
    Ok(Extracted {
        text: p.text,
        title: non_empty(&p.title),
        ..Default::default()
    })
}

fn json_str(out: &mut String, s: Option<&str>) {
    let Some(s) = s else {
        out.push_str("null");
        return;
    };
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn to_json(r: &Result<Extracted, String>) -> String {
    let mut o = String::from("{");
    match r {
        Ok(e) => {
            o.push_str("\"text\": ");
            json_str(&mut o, Some(&e.text));
            o.push_str(", \"title\": ");
            json_str(&mut o, e.title.as_deref());
            o.push_str(", \"date\": ");
            json_str(&mut o, e.date.as_deref());
            o.push_str(", \"lang\": ");
            json_str(&mut o, e.lang.as_deref());
            o.push_str(if e.markdown {
                ", \"markdown\": true"
            } else {
                ", \"markdown\": false"
            });
        }
        Err(msg) => {
            o.push_str("\"error\": ");
            json_str(&mut o, Some(msg));
        }
    }
    o.push_str("}\n");
    o
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let all = systems();
    if args.get(1).map(String::as_str) == Some("--list") {
        for (name, _) in &all {
            println!("{name}");
        }
        return;
    }
    let (Some(system), Some(outdir)) = (args.get(1), args.get(2)) else {
        eprintln!(
            "usage: extract-peers SYSTEM OUTDIR < list-of-NAME<TAB>PATH  |  extract-peers --list"
        );
        std::process::exit(2);
    };
    let Some(&(_, extract)) = all.iter().find(|(n, _)| n == system) else {
        eprintln!("extract-peers: system {system:?} not compiled in (try --list)");
        std::process::exit(2);
    };
    let outdir = Path::new(outdir);
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let line = line.unwrap_or_default();
        let Some((name, path)) = line.split_once('\t') else {
            continue;
        };
        let result = match std::fs::read(path) {
            Ok(bytes) => {
                let html = String::from_utf8_lossy(&bytes);
                // A panic inside a crate is that page's failure, not the run's.
                std::panic::catch_unwind(|| extract(&html))
                    .unwrap_or_else(|_| Err("extractor panicked".to_string()))
            }
            Err(e) => Err(format!("cannot read {path}: {e}")),
        };
        let out = outdir.join(format!("{name}.json"));
        match std::fs::File::create(&out) {
            Ok(mut f) => {
                if let Err(e) = f.write_all(to_json(&result).as_bytes()) {
                    eprintln!("extract-peers: cannot write {}: {e}", out.display());
                }
            }
            Err(e) => eprintln!("extract-peers: cannot create {}: {e}", out.display()),
        }
    }
}
