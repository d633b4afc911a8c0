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
