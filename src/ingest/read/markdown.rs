//! Markdown with front matter (Hugo, Zola, Jekyll, Obsidian): the front
//! matter is metadata, shortcodes are reduced to their content, HTML
//! comments go; the body is markdown whatever it looks like, and an
//! author's: no web boilerplate or page furniture is looked for in it.

use std::sync::LazyLock;

use regex::Regex;

use super::Read;
use super::front_matter;
use crate::ingest::clean;

pub fn read(text: &str, name: &str) -> Read {
    let (mut meta, body) = front_matter::split(text);
    front_matter::date_from_name(&mut meta, name);
    let body = without_templates(body);
    Read::Lines {
        cleaned: clean::clean_authored(&body),
        candidates: meta.candidates,
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
    if !body.contains("{{") && !body.contains("{%") && !body.contains("<!--") {
        return body.to_string();
    }
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
