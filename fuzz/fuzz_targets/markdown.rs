//! Any markdown body renders, and no script survives it: no `<script>`
//! element, no `on…=` handler and no `javascript:` link or source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilcrow::markdown::{KeepLinks, MarkdownOptions, render};

fuzz_target!(|body: &str| {
    let out = render(body, 1, &MarkdownOptions::default(), &mut KeepLinks);
    // Text is escaped (`&lt;`), so every `<` opens a tag pilcrow wrote;
    // attribute values are quoted with `"` escaped inside them.
    for tag in out.html.split('<').skip(1) {
        let tag = tag
            .split('>')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(!tag.starts_with("script"), "{}", out.html);
        let pieces: Vec<&str> = tag.split('"').collect();
        for (i, piece) in pieces.iter().enumerate() {
            if i % 2 == 0 {
                // Outside quotes: attribute names.
                for name in piece.split_whitespace().skip(usize::from(i == 0)) {
                    let name = name.split('=').next().unwrap_or_default();
                    assert!(!(name.starts_with("on") && name.len() > 2), "{}", out.html);
                }
            } else if pieces[i - 1].ends_with("href=") || pieces[i - 1].ends_with("src=") {
                let value: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(!value.starts_with("javascript:"), "{}", out.html);
            }
        }
    }
});
