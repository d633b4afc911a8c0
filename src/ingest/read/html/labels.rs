//! The label of a box the article's text ran around (`Czytaj więcej`,
//! `Read more`, `Реклама`), left alone between two paragraphs once the
//! box's teaser or advertisement went.

use super::words;
use crate::ingest::model::Block;

/// Drops a paragraph that is only a chrome label (three words at most)
/// standing between two paragraphs of text, or after the last one: what
/// it labelled is gone. A heading is never dropped here (a section may be
/// called `Contact`).
pub(super) fn drop_orphan_labels(blocks: &mut Vec<Block>) {
    let text = |b: Option<&Block>| match b {
        Some(Block::Para { text, .. }) => words(text).len() >= 15,
        _ => false,
    };
    let n = blocks.len();
    let orphan: Vec<bool> = (0..n)
        .map(|i| {
            let Block::Para {
                num: None,
                text: label,
                items,
            } = &blocks[i]
            else {
                return false;
            };
            items.is_empty()
                && !label.contains("](")
                && words(label).len() <= 3
                && crate::ingest::clean::blocks::is_chrome_label(label)
                && i > 0
                && text(blocks.get(i - 1))
                && (i + 1 == n || text(blocks.get(i + 1)))
        })
        .collect();
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        !orphan[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "Friedrich Merz said on Friday that the party would bring the proposal to a vote again after the election, whatever its partners in a coalition decide.";

    #[test]
    fn a_label_whose_box_went_goes() {
        let mut b = vec![
            Block::para(P),
            Block::para("Czytaj więcej"),
            Block::para(P),
            Block::para("=)"),
            Block::para(P),
            Block::para("Read more"),
        ];
        drop_orphan_labels(&mut b);
        assert_eq!(
            b,
            vec![
                Block::para(P),
                Block::para(P),
                Block::para("=)"),
                Block::para(P)
            ]
        );
    }

    #[test]
    fn a_label_over_what_it_labels_and_headings_stay() {
        let mut b = vec![
            Block::para(P),
            Block::para("Read more"),
            Block::para("[Another story](https://ex.org/a)"),
            Block::Heading {
                level: 2,
                text: "Contact".into(),
            },
            Block::para(P),
            Block::para("Short line"),
            Block::para(P),
        ];
        let before = b.clone();
        drop_orphan_labels(&mut b);
        assert_eq!(b, before);
    }
}
