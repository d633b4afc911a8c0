//! The plain text of each block and where each link sits in it: the raw
//! material of "mentions in context" (the sentence around a link and the
//! anchor of the paragraph it is in).

use pulldown_cmark::{Event, Tag, TagEnd};

use super::anchors;

/// What kind of block a piece of text sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Heading,
    Paragraph,
    Item,
    Cell,
}

/// A block of text: a heading, a paragraph, a list item's own text or a
/// table cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Heading level (1–6); 0 for other blocks.
    pub level: u8,
    /// The block's own id (`p-17`, a heading slug), if it has one.
    pub id: Option<String>,
    /// `id` was generated (the block holds a link but had no id).
    pub generated: bool,
    /// Plain text, without the trailing `^id`.
    pub text: String,
    /// Index (in the block list) of the innermost heading above this block
    /// in the outline: for a heading, its parent heading.
    pub parent: Option<usize>,
    /// Index of the nearest block before this one, in the same section,
    /// that has an id (an anchored paragraph, else the section's heading).
    pub nearest: Option<usize>,
}

impl Block {
    /// The anchor a link to this block should use: its own id, else that
    /// of the nearest anchored paragraph before it in its section (the
    /// `(a)` items after `¶17` point at ¶17), else its section's heading.
    pub fn anchor<'a>(&'a self, blocks: &'a [Block]) -> Option<&'a str> {
        match &self.id {
            Some(id) => Some(id),
            None => self.nearest.and_then(|b| blocks[b].id.as_deref()),
        }
    }
}

/// A link inside a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSite {
    /// Ordinal of the resolver call for this link (0-based, per page).
    pub call: usize,
    /// Index of the block in [`super::Rendered::blocks`].
    pub block: usize,
    /// Byte range of the link text in the block's text.
    pub start: usize,
    pub end: usize,
}

pub(super) struct Walk {
    pub blocks: Vec<Block>,
    pub links: Vec<LinkSite>,
    /// Event index where each block starts.
    starts: Vec<usize>,
}

/// Walks the events of pass 1 (before ids are assigned). `kept_calls`
/// has one entry per `Start(Link | Image)` event, in order.
pub(super) fn walk(events: &[Event<'_>], kept_calls: &[Option<usize>]) -> Walk {
    let mut w = Walk {
        blocks: Vec::new(),
        links: Vec::new(),
        starts: Vec::new(),
    };
    let mut open: Vec<usize> = Vec::new(); // open blocks
    let mut headings: Vec<usize> = Vec::new(); // outline stack
    let mut open_links: Vec<Option<usize>> = Vec::new(); // index into w.links
    let mut link_n = 0;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { level, .. } => Some((BlockKind::Heading, *level as u8)),
                    Tag::Paragraph => Some((BlockKind::Paragraph, 0)),
                    Tag::Item => Some((BlockKind::Item, 0)),
                    Tag::TableCell => Some((BlockKind::Cell, 0)),
                    _ => None,
                };
                if let Some((kind, level)) = kind {
                    if kind == BlockKind::Heading {
                        while headings.last().is_some_and(|&h| w.blocks[h].level >= level) {
                            headings.pop();
                        }
                    }
                    let parent = headings.last().copied();
                    let b = w.blocks.len();
                    w.blocks.push(Block {
                        kind,
                        level,
                        id: None,
                        generated: false,
                        text: String::new(),
                        parent,
                        nearest: None,
                    });
                    w.starts.push(i);
                    open.push(b);
                    if kind == BlockKind::Heading {
                        headings.push(b);
                    }
                }
                if matches!(tag, Tag::Link { .. } | Tag::Image { .. }) {
                    let call = kept_calls.get(link_n).copied().flatten();
                    link_n += 1;
                    match (call, open.last()) {
                        (Some(call), Some(&b)) => {
                            let at = w.blocks[b].text.len();
                            open_links.push(Some(w.links.len()));
                            w.links.push(LinkSite {
                                call,
                                block: b,
                                start: at,
                                end: at,
                            });
                        }
                        _ => open_links.push(None),
                    }
                }
            }
            Event::End(end) => match end {
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                    open.pop();
                }
                TagEnd::Link | TagEnd::Image => {
                    if let Some(Some(l)) = open_links.pop() {
                        let b = w.links[l].block;
                        w.links[l].end = w.blocks[b].text.len();
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if let Some(&b) = open.last() {
                    w.blocks[b].text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(&b) = open.last() {
                    w.blocks[b].text.push(' ');
                }
            }
            _ => {}
        }
    }
    w.links.sort_by_key(|l| l.call);
    w
}

impl Walk {
    /// Each paragraph's and list item's place among the page's paragraphs
    /// and items (1-based; headings and table cells not counted), by its
    /// start event: the number a reader cites a paragraph by when the text
    /// numbers none.
    pub fn paragraph_ordinals(&self) -> std::collections::HashMap<usize, usize> {
        self.blocks
            .iter()
            .zip(&self.starts)
            .filter(|(b, _)| matches!(b.kind, BlockKind::Paragraph | BlockKind::Item))
            .enumerate()
            .map(|(k, (_, &start))| (start, k + 1))
            .collect()
    }

    /// Start events of the blocks that hold a link.
    pub fn linked_starts(&self) -> std::collections::HashSet<usize> {
        self.links.iter().map(|l| self.starts[l.block]).collect()
    }

    /// Records the final ids (after de-duplication) by start event, and
    /// removes the `^id` marker from the text of blocks that got one
    /// (not from those whose id was generated).
    pub fn set_ids(&mut self, ids: Vec<(usize, String, bool)>) {
        let by_start: std::collections::HashMap<usize, (String, bool)> =
            ids.into_iter().map(|(s, id, g)| (s, (id, g))).collect();
        for (b, start) in self.starts.iter().enumerate() {
            let Some((id, generated)) = by_start.get(start) else {
                continue;
            };
            let block = &mut self.blocks[b];
            if block.kind != BlockKind::Heading
                && !generated
                && let Some((keep, _)) = anchors::split_block_id(&block.text)
            {
                block.text.truncate(keep);
            }
            block.id = Some(id.clone());
            block.generated = *generated;
        }
        let mut nearest = None;
        for (b, block) in self.blocks.iter_mut().enumerate() {
            if block.kind == BlockKind::Heading {
                nearest = block.id.as_ref().map(|_| b);
                continue;
            }
            block.nearest = nearest;
            if block.id.is_some() && !block.generated {
                nearest = Some(b);
            }
        }
        // A link cannot end past the (possibly shortened) text.
        for l in &mut self.links {
            let len = self.blocks[l.block].text.len();
            l.start = l.start.min(len);
            l.end = l.end.min(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::{KeepLinks, MarkdownOptions, render};

    #[test]
    fn blocks_carry_text_ids_outline_and_link_ranges() {
        let md = "## [阿根廷](arg.md)\n\n17\\. [阿根廷](arg.md)指出，数字证据。 ^p-17\n\nNo id, see [x](x.md).\n\nNo link.\n\n### Sub\n\nUnder sub.\n\n- item [y](y.md) ^li-1\n\n## Next\n";
        let r = render(md, 1, &MarkdownOptions::default(), &mut KeepLinks);
        let b = &r.blocks;
        assert_eq!(b[0].id.as_deref(), Some("阿根廷"));
        assert_eq!(b[0].level, 2);
        assert_eq!(b[1].text, "17. 阿根廷指出，数字证据。");
        assert_eq!(b[1].id.as_deref(), Some("p-17"));
        assert_eq!(b[1].parent, Some(0));
        // No id of its own but a link: a generated one, its place among
        // the page's paragraphs and items.
        assert_eq!(b[2].anchor(b), Some("m-2"));
        assert!(b[2].generated);
        // No id and no link: the anchored paragraph before it.
        assert_eq!(b[3].anchor(b), Some("p-17"));
        let sub = b.iter().position(|x| x.text == "Sub").unwrap();
        assert_eq!(b[sub].parent, Some(0));
        // The first block of a section points at its heading.
        let under = b.iter().position(|x| x.text == "Under sub.").unwrap();
        assert_eq!(b[under].anchor(b), Some("sub"));
        let next = b.iter().position(|x| x.text == "Next").unwrap();
        assert_eq!(b[next].parent, None);
        assert_eq!(r.link_sites.len(), 4);
        let l = r.link_sites[1];
        assert_eq!(l.call, 1);
        assert_eq!(&b[l.block].text[l.start..l.end], "阿根廷");
        let item = r.link_sites[3];
        assert_eq!(b[item.block].id.as_deref(), Some("li-1"));
        assert_eq!(&b[item.block].text[item.start..item.end], "y");
    }

    /// Random markdown with links everywhere: every link site is a valid
    /// range of its block's text, calls are increasing, link text is kept.
    #[test]
    fn random_markdown_gives_valid_link_sites() {
        const PARTS: &[&str] = &[
            "[阿根廷](a.md)",
            "[*x*](b.md#p-1)",
            "text ",
            "^p-1",
            " ^p-2\n",
            "\n\n",
            "\n",
            "## [h](c.md)\n",
            "- ",
            "1. ",
            "> ",
            "| [a](a.md) | b |\n|---|---|\n",
            "`c`",
            "![i](i.png)",
            "[^1]",
            "[^1]: note [n](n.md)\n",
            "Việt ",
            "<b>",
            "[bad](javascript:x)",
            "    code\n",
            "```\n",
            "*",
            "\\.",
        ];
        let mut rng = crate::test_support::Lcg::new(0xB10C);
        for _ in 0..2000 {
            let md = rng.text(PARTS, 1, 20);
            let r = render(&md, 1, &MarkdownOptions::default(), &mut KeepLinks);
            let mut last = None;
            for l in &r.link_sites {
                let text = &r.blocks[l.block].text;
                assert!(l.start <= l.end && l.end <= text.len(), "{md:?}: {l:?}");
                assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end));
                assert!(last < Some(l.call), "{md:?}");
                last = Some(l.call);
            }
        }
    }

    #[test]
    fn dropped_links_keep_call_numbers_in_step() {
        let md = "[bad](javascript:x) [a](a.md) <me@x.org> [b](b.md)\n";
        let r = render(md, 1, &MarkdownOptions::default(), &mut KeepLinks);
        let calls: Vec<usize> = r.link_sites.iter().map(|l| l.call).collect();
        assert_eq!(calls, vec![0, 1]);
        let t = &r.blocks[0].text;
        let l = r.link_sites[1];
        assert_eq!(&t[l.start..l.end], "b");
    }
}
