//! Any markdown body renders, and no script survives it: no `<script`
//! element and no `javascript:` URL in what the page would show.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pilcrow::markdown::{KeepLinks, MarkdownOptions, render};

fuzz_target!(|body: &str| {
    let out = render(body, 1, &MarkdownOptions::default(), &mut KeepLinks);
    let html = out.html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
});
