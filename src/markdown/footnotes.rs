//! Footnotes linked both ways: each reference gets an id (`fnref-<label>`,
//! then `fnref-<label>-1`… for later references to the same note) and each
//! note ends with a link back to its first reference. Notes are numbered as
//! pulldown-cmark numbers them: by the first appearance of their label,
//! reference or definition.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::anchors::IdSet;
use super::sanitize::escape_html;

/// What to change in the event list: events replaced by HTML, and HTML
/// inserted before an event.
#[derive(Default)]
pub struct Plan {
    replace: Vec<(usize, String)>,
    insert: Vec<(usize, String)>,
}

/// Plans the footnote markup; claims the references' ids in `ids`.
pub fn plan(events: &[Event<'_>], ids: &mut IdSet) -> Plan {
    let mut plan = Plan::default();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut first_ref: HashMap<String, String> = HashMap::new();
    let number = |label: &str, numbers: &mut HashMap<String, usize>| -> usize {
        let next = numbers.len() + 1;
        *numbers.entry(label.to_string()).or_insert(next)
    };
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::FootnoteReference(label) => {
                let n = number(label, &mut numbers);
                let id = ids.unique(&format!("fnref-{label}"));
                plan.replace.push((
                    i,
                    format!(
                        "<sup class=\"footnote-reference\" id=\"{}\"><a href=\"#{}\">{n}</a></sup>",
                        escape_html(&id),
                        escape_html(label)
                    ),
                ));
                first_ref.entry(label.to_string()).or_insert(id);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                number(label, &mut numbers);
            }
            _ => {}
        }
    }
    let mut open: Option<(&str, Option<usize>)> = None;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
                plan.replace.push((
                    i,
                    format!(
                        "<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{n}</sup>\n",
                        escape_html(label)
                    ),
                ));
                open = Some((label.as_ref(), None));
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((_, last)) = &mut open {
                    *last = Some(i);
                }
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let Some((label, last_paragraph)) = open.take() else {
                    continue;
                };
                let back = first_ref.get(label).map(|id| {
                    format!(
                        " <a class=\"footnote-backref\" href=\"#{}\" aria-label=\"Back to the text\"></a>",
                        escape_html(id)
                    )
                });
                match (back, last_paragraph) {
                    (Some(back), Some(p)) => {
                        plan.insert.push((p, back));
                        plan.replace.push((i, "</div>\n".into()));
                    }
                    (Some(back), None) => plan.replace.push((i, format!("{back}</div>\n"))),
                    (None, _) => plan.replace.push((i, "</div>\n".into())),
                }
            }
            _ => {}
        }
    }
    plan
}

/// Applies a plan made over the same events.
pub fn apply(events: &mut Vec<Event<'_>>, mut plan: Plan) {
    for (i, html) in plan.replace {
        events[i] = Event::Html(html.into());
    }
    plan.insert.sort_by_key(|&(i, _)| std::cmp::Reverse(i));
    for (i, html) in plan.insert {
        events.insert(i, Event::Html(html.into()));
    }
}
