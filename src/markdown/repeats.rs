//! A document that names the same country or topic in every paragraph
//! reads as a wall of links. With `[markdown] link_repeats = false` (the
//! default), only the first link to a page in each section (from one
//! heading to the next) stays a link; later links to the same page in that
//! section are written as their text in `<span class="re-mention"
//! data-href="…">`. They are still mentions: the mention graph is built
//! from the links before this pass, and the span keeps the destination.
//! Links to other sites and to anchors on the same page are never touched.

use std::collections::HashSet;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::sanitize::escape_html;

/// Rewrites repeated links in `events`, in place.
pub fn unlink_repeats(events: &mut [Event<'_>]) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut open_span = false;
    for event in events.iter_mut() {
        match &*event {
            Event::Start(Tag::Heading { .. }) => seen.clear(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let page = dest_url.split('#').next().unwrap_or_default();
                if !is_site_page(page) {
                    continue;
                }
                if !seen.insert(page.to_string()) {
                    let html = format!(
                        "<span class=\"re-mention\" data-href=\"{}\">",
                        escape_html(dest_url)
                    );
                    *event = Event::Html(html.into());
                    open_span = true;
                }
            }
            Event::End(TagEnd::Link) if open_span => {
                *event = Event::Html("</span>".into());
                open_span = false;
            }
            _ => {}
        }
    }
}

/// A page of this site: a site-absolute path (`/countries/arg/`), as the
/// link resolver writes links between pages.
fn is_site_page(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn render(md: &str) -> String {
        let mut events: Vec<Event> = Parser::new(md).collect();
        unlink_repeats(&mut events);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn the_first_link_to_a_page_in_a_section_stays() {
        let html = render(
            "[Mongolia](/countries/mng/) and [Mongolia](/countries/mng/#x).\n\n\
             Again [Mongolia](/countries/mng/), [France](/countries/fra/), \
             [site](https://un.org/) [site](https://un.org/) [here](#p-1) [here](#p-1).\n\n\
             ## Next\n\n[Mongolia](/countries/mng/)\n",
        );
        assert_eq!(
            html.matches("<a href=\"/countries/mng/").count(),
            2,
            "{html}"
        );
        assert_eq!(html.matches("class=\"re-mention\"").count(), 2, "{html}");
        assert!(
            html.contains(
                "<span class=\"re-mention\" data-href=\"/countries/mng/#x\">Mongolia</span>"
            ),
            "{html}"
        );
        assert_eq!(
            html.matches("href=\"https://un.org/\"").count(),
            2,
            "{html}"
        );
        assert_eq!(html.matches("href=\"#p-1\"").count(), 2, "{html}");
        assert!(html.contains("href=\"/countries/fra/\""), "{html}");
    }
}
