//! Markdown with front matter (Hugo, Zola, Jekyll, Obsidian): the front
//! matter is metadata, shortcodes are reduced to their content, HTML
//! comments go; the body is markdown whatever it looks like, and an
//! author's: no web boilerplate or page furniture is looked for in it.

use std::sync::LazyLock;

use regex::Regex;

mod lowered;

use super::Read;
use super::front_matter;
use crate::ingest::clean;

pub fn read(text: &str, name: &str) -> Read {
    let (mut meta, body, authored) = front_matter::split_named(text, name);
    let body = without_templates(body);
    // A web page a scraper saved as markdown (its site's menus as lists of
    // links, then the article) is cleaned as a scrape: its menus, banners
    // and teasers go, as they do from a page saved as text.
    let scraped = !authored && looks_scraped(&body);
    if scraped {
        scraped_candidates(&body, &mut meta);
    }
    // Raw HTML made markdown, tables taken out as tables.
    let lowered = lowered::lower(&body);
    // A scrape's cleaning that keeps almost nothing of the text (a list of
    // described links taken for a menu) was wrong about the file: it is
    // the author's, kept whole.
    let mut cleaned = if scraped {
        let c = clean::clean(&lowered.text);
        let kept: usize = c.lines.iter().map(|l| words(l)).sum();
        if kept * 5 < words(&lowered.text) {
            clean::clean_authored(&lowered.text)
        } else {
            c
        }
    } else {
        clean::clean_authored(&lowered.text)
    };
    cleaned.tables = lowered.tables;
    Read::Lines {
        cleaned,
        candidates: meta.candidates,
    }
}

/// The words of a text that a reader reads (a link's target is none).
fn words(text: &str) -> usize {
    static TARGET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"\]\({}\)", crate::ingest::text::MD_LINK_TARGET)).unwrap()
    });
    TARGET.replace_all(text, "]").split_whitespace().count()
}

/// Lines that hold nothing but links to a site's pages (`* [Opinion](/opinion)`,
/// `[Home](https://…) | [News](https://…)`) before which this many of the
/// file's first lines make it a scraped page, not an author's text.
const NAV_LINES: usize = 8;

/// Whether markdown without front matter is a web page saved by a scraper:
/// among its first 80 non-blank lines at least [`NAV_LINES`] are made of
/// links to a site's pages (absolute or root-relative addresses: a
/// document's own table of contents links to `#anchors` or `.md` files),
/// and they are at least a quarter of those lines.
pub fn looks_scraped(body: &str) -> bool {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"!?\[[^\]]*\]\(\s*([^)\s]*)[^)]*\)").unwrap());
    let mut lines = 0usize;
    let mut nav = 0usize;
    for line in body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(80)
    {
        lines += 1;
        let bare = line.trim_start_matches(['*', '-', '+', '#', '>', ' ']);
        let mut site_links = 0;
        let mut described = false;
        let rest = LINK.replace_all(bare, |c: &regex::Captures| {
            let url = c.get(1).map_or("", |m| m.as_str());
            if url.starts_with("http://") || url.starts_with("https://") || url.starts_with('/') {
                site_links += 1;
            }
            // A menu names a page in a few words; a list of documents
            // describes each (`1950-07-07 UN SC Resolution 84 (1950)`).
            described |= c[0]
                .split(']')
                .next()
                .is_some_and(|t| t.split_whitespace().count() > 5);
            ""
        });
        let rest = rest
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '/' | ','));
        if site_links > 0 && !described && rest.chars().count() <= 3 {
            nav += 1;
        }
    }
    nav >= NAV_LINES && nav * 4 >= lines
}

/// A scraped page's headline — its one top-level heading (`# …`), as an
/// HTML page's `<h1>` — and the short lines just under it, where a page
/// shows its byline and date (`Von: Björn Jahner | 31.10.23`,
/// `19 FEB 2020 - 18:37 CET`), as dates it shows by its headline.
fn scraped_candidates(body: &str, meta: &mut crate::ingest::model::Document) {
    use crate::ingest::model::{Field, Origin};
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"!?\[([^\]]*)\]\({}\)",
            crate::ingest::text::MD_LINK_TARGET
        ))
        .unwrap()
    });
    let lines: Vec<&str> = body.lines().collect();
    // Not a heading that is wholly a link (a category, a section of the
    // site) or empty once its links are taken out.
    let Some(at) = lines.iter().position(|l| {
        l.trim_start().strip_prefix("# ").is_some_and(|t| {
            let t = t.trim();
            !t.is_empty() && !LINK.replace_all(t, "").trim().is_empty()
        })
    }) else {
        return;
    };
    let headline = LINK.replace_all(lines[at].trim_start()[2..].trim(), "$1");
    let headline = headline.trim_matches(|c: char| c == '#' || c == '*' || c.is_whitespace());
    meta.add(Field::Title, headline, Origin::Headline);
    // The byline zone: up to the first paragraph of the article.
    for l in lines[at + 1..]
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(16)
    {
        let heading = l.starts_with('#');
        let text = LINK.replace_all(l.trim_start_matches('#').trim(), "$1");
        let len = text.chars().count();
        // A paragraph of prose (not an image's caption, not a link)
        // starts the article.
        if !heading && len > 120 && !l.starts_with(['!', '[']) {
            break;
        }
        if len <= 80 && text.chars().any(|c| c.is_ascii_digit()) {
            meta.add(
                Field::Date,
                text.trim_matches('*').trim(),
                Origin::ShownDate,
            );
        }
    }
}

/// Template syntax of site generators, outside fenced code: Hugo
/// `{{< tweet … >}}` / `{{% note %}}…{{% /note %}}`, Jekyll/Liquid
/// `{% include … %}` / `{{ page.title }}`, Zola `{{ youtube(id="…") }}` /
/// `{% note() %}…{% end %}`. Tags go, the text between paired tags stays.
/// HTML comments go too.
pub fn without_templates(body: &str) -> String {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?s)<!--.*?-->|\{\{[<%].*?[>%]\}\}|\{%.*?%\}|\{\{.*?\}\}").unwrap()
    });
    // Highlighting shortcodes are code blocks: Hugo's `{{< highlight go
    // "linenos=table" >}}` … `{{< /highlight >}}`, Jekyll's `{% highlight
    // ruby %}` … `{% endhighlight %}` become fences.
    static HIGHLIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?m)^[ \t]*(?:\{\{[<%]\s*highlight\s+([\w+#.-]+)[^\n]*?[>%]\}\}|\{%-?\s*highlight\s+([\w+#.-]+)[^\n]*?-?%\})[ \t]*$|^[ \t]*(?:\{\{[<%]\s*/highlight\s*[>%]\}\}|\{%-?\s*endhighlight\s*-?%\})[ \t]*$",
        )
        .unwrap()
    });
    if !body.contains("{{") && !body.contains("{%") && !body.contains("<!--") {
        return body.to_string();
    }
    let fenced;
    let body = if body.contains("highlight") {
        fenced = HIGHLIGHT.replace_all(body, |c: &regex::Captures| match c.get(1).or(c.get(2)) {
            Some(lang) => format!("```{}", lang.as_str()),
            None => "```".to_string(),
        });
        fenced.as_ref()
    } else {
        body
    };
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<String> = None;
    let mut prose = String::new();
    let flush = |prose: &mut String, out: &mut String| {
        if !prose.is_empty() {
            out.push_str(&TAG.replace_all(prose, ""));
            prose.clear();
        }
    };
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let marker: String = t.chars().take_while(|&c| c == '`' || c == '~').collect();
        match &fence {
            Some(f) => {
                out.push_str(line);
                if t.trim_end() == f.as_str() || (marker.len() >= f.len() && t.trim() == marker) {
                    fence = None;
                }
            }
            None if marker.len() >= 3 => {
                flush(&mut prose, &mut out);
                out.push_str(line);
                fence = Some(marker);
            }
            None => prose.push_str(line),
        }
    }
    flush(&mut prose, &mut out);
    // Lines left empty by a removed tag are blank lines: paragraphs stay
    // apart, no line is only spaces.
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scraped_page_is_read_as_the_web_page_it_was() {
        let rec = crate::ingest::entities::Recognizer::builtin();
        let mut md = String::from("**Daily News** Get the app\n\n");
        for s in [
            "world", "politics", "economy", "sports", "culture", "science", "opinion", "video",
            "podcasts",
        ] {
            md.push_str(&format!("  * [{s}](/{s})\n"));
        }
        md.push_str("\n# Rivers rise across the north after a week of rain\n\n");
        for i in 0..6 {
            md.push_str(&format!(
                "Paragraph {i} of the article tells what happened to the rivers of the region after a week of rain, and what the authorities said about it on Tuesday.\n\n"
            ));
        }
        md.push_str("## Read also\n\n  * [Another story](/another)\n  * [A third one](/third)\n");
        assert!(looks_scraped(&md));
        let doc = read(&md, "page.md").into_document(&rec);
        let text: Vec<&str> = doc.blocks.iter().flat_map(|b| b.texts()).collect();
        let text = text.join("\n");
        assert!(text.contains("Paragraph 3 of the article"), "{text}");
        assert!(!text.contains("politics"), "menu kept: {text}");
        assert!(
            doc.title.as_deref() == Some("Rivers rise across the north after a week of rain")
                || doc
                    .candidates(crate::ingest::model::Field::Title)
                    .iter()
                    .any(|c| c.value == "Rivers rise across the north after a week of rain"),
            "{:?} {:?}",
            doc.title,
            doc.candidates
        );
    }

    #[test]
    fn a_list_of_documents_is_the_authors_text() {
        let rec = crate::ingest::entities::Recognizer::builtin();
        let text_of = |md: &str| {
            let doc = read(md, "list.md").into_document(&rec);
            let t: Vec<&str> = doc.blocks.iter().flat_map(|b| b.texts()).collect();
            t.join("\n")
        };
        // Each link described by its title: no menu.
        let mut md = String::from("# List of related documents\n\n## UN\n\n");
        for i in 0..16 {
            md.push_str(&format!(
                "[1971-10-{:02} General Assembly resolution {} on the question of membership](https://example.org/docs/{i}.pdf)\n\n",
                i + 1,
                2700 + i
            ));
        }
        assert!(!looks_scraped(&md));
        let text = text_of(&md);
        assert!(text.contains("resolution 2715"), "{text}");
        // Links named in a few words, as a menu's are: whatever the first
        // lines suggest, a cleaning that would keep nothing keeps all.
        let mut md = String::from("# Sources\n\n");
        for i in 0..16 {
            md.push_str(&format!(
                "[Report number {i}](https://example.org/r/{i})\n\n"
            ));
        }
        assert!(looks_scraped(&md));
        let text = text_of(&md);
        assert!(text.contains("Report number 15"), "{text}");
    }

    #[test]
    fn an_authors_table_of_contents_is_no_menu() {
        let mut md = String::from("# Guide\n\n");
        for i in 0..12 {
            md.push_str(&format!("- [Part {i}](#part-{i})\n"));
        }
        md.push_str("\nSee also [the FAQ](faq.md).\n");
        assert!(!looks_scraped(&md));
    }

    #[test]
    fn fenced_code_stays_code_with_its_language() {
        let rec = crate::ingest::entities::Recognizer::builtin();
        let md = "---\ntitle: Tips\n---\nText.\n\n```go {linenos=table,hl_lines=[2]}\nfunc main() {\n    fmt.Println(\"hi\")\n}\n```\n\n~~~\nplain\n~~~\n\nEnd.\n";
        let doc = read(md, "post.md").into_document(&rec);
        let code: Vec<(Option<&str>, &str)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                crate::ingest::model::Block::Code { lang, text } => {
                    Some((lang.as_deref(), text.as_str()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(
            code,
            [
                (Some("go"), "func main() {\n    fmt.Println(\"hi\")\n}"),
                (None, "plain")
            ]
        );
    }

    #[test]
    fn an_authors_tables_and_html_are_read_as_blocks_not_escaped_text() {
        use crate::ingest::model::Block;
        let rec = crate::ingest::entities::Recognizer::builtin();
        let md = "---\ntitle: Votes\n---\nThe vote.\n\n| Country | Votes |\n|---|---|\n| Kenya | 3 |\n| Chile | 4 |\n\n<div class=\"note\">\n<p>A <em>note</em>.</p>\n</div>\n\nEnd <b>now</b>.\n";
        let doc = read(md, "votes.md").into_document(&rec);
        assert_eq!(
            doc.blocks,
            [
                Block::Para {
                    num: None,
                    text: "The vote.".into(),
                    items: vec![]
                },
                Block::Table(vec![
                    vec!["Country".into(), "Votes".into()],
                    vec!["Kenya".into(), "3".into()],
                    vec!["Chile".into(), "4".into()],
                ]),
                Block::Para {
                    num: None,
                    text: "A *note*.".into(),
                    items: vec![]
                },
                Block::Para {
                    num: None,
                    text: "End **now**.".into(),
                    items: vec![]
                },
            ]
        );
    }

    #[test]
    fn highlighting_shortcodes_become_fences() {
        let md = "A.\n\n{{< highlight python \"linenos=table\" >}}\nprint({{ x }})\n{{< /highlight >}}\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n";
        let out = without_templates(md);
        assert_eq!(
            out,
            "A.\n\n```python\nprint({{ x }})\n```\n\n```ruby\nputs 1\n```"
        );
    }

    #[test]
    fn shortcodes_go_their_content_stays() {
        let md = "Intro.\n\n{{< tweet user=\"un\" id=\"1\" >}}\n\n{{% note %}}Kept note.{{% /note %}}\n\n{% include toc.html %}\nText {{ page.title }} here.\n\n{% quote() %}Quoted.{% end %}\n";
        let out = without_templates(md);
        assert!(!out.contains("{{") && !out.contains("{%"), "{out}");
        assert!(
            out.contains("Kept note.") && out.contains("Quoted.") && out.contains("Text  here.")
        );
    }

    #[test]
    fn comments_go_code_stays() {
        let md =
            "A <!-- hidden\nmetadata: x --> B\n\n```\n{{ not a template }}\n<!-- code -->\n```\n";
        let out = without_templates(md);
        assert!(out.starts_with("A  B"), "{out}");
        assert!(out.contains("{{ not a template }}") && out.contains("<!-- code -->"));
    }
}
