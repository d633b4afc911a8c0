//! What closes an article but is not of it: the publisher's copyright
//! notice, a list of other stories under a chrome label.

use super::words;
use crate::ingest::model::Block;

/// A copyright notice among an article's last three blocks (`© 2020 CBS
/// Interactive Inc. All Rights Reserved.`, `Materiał chroniony prawem
/// autorskim - wszelkie prawa zastrzeżone…`), with the short lines after
/// it (`Print`): the publisher's terms, not the article. A notice is led
/// by `©` or `Copyright`, or says that all rights are reserved in one of
/// the languages ingest meets, in at most 60 words.
pub(super) fn drop_rights_notice(blocks: &mut Vec<Block>) {
    const RESERVED: &[&str] = &[
        "all rights reserved",
        "alle rechte vorbehalten",
        "tous droits réservés",
        "todos los derechos reservados",
        "todos os direitos reservados",
        "tutti i diritti riservati",
        "alle rechten voorbehouden",
        "wszelkie prawa zastrzeżone",
        "все права защищены",
        "جميع الحقوق محفوظة",
        "版权所有",
        "版權所有",
        "無断転載",
        "bản quyền thuộc về",
        "hak cipta dilindungi",
    ];
    let notice = |b: &Block| {
        let Block::Para {
            num: None, text, ..
        } = b
        else {
            return false;
        };
        let lower = text.trim_start_matches(['*', '_', ' ']).to_lowercase();
        (lower.starts_with('©')
            || lower.starts_with("(c)")
            || lower.starts_with("copyright")
            || RESERVED.iter().any(|r| lower.contains(r)))
            && words(text).len() <= 60
    };
    let n = blocks.len();
    let Some(at) = (n.saturating_sub(3)..n).find(|&i| notice(&blocks[i])) else {
        return;
    };
    // Only when what follows it is short too (a print link, a sign-off).
    if blocks[at + 1..]
        .iter()
        .all(|b| b.texts().iter().map(|t| words(t).len()).sum::<usize>() <= 12)
    {
        blocks.truncate(at);
    }
}

/// A list of other stories that closes the article under a label made of
/// chrome words (`## Related articles`, `Weitere Beiträge zum Thema`,
/// `Dans la même rubrique`), with everything after it: when the label is
/// a heading or a short paragraph past the middle of the article and no
/// paragraph of prose (25 words or more ending a sentence) follows it.
pub(super) fn drop_related_tail(blocks: &mut Vec<Block>) {
    let n = blocks.len();
    let prose = |b: &Block| {
        matches!(b, Block::Para { text, .. }
            if words(text).len() >= 25 && crate::ingest::clean::blocks::ends_sentence(text))
    };
    // "See also" in a reference work points to related topics: a section
    // of the article, not the site's feed.
    const SEE_ALSO: &[&str] = &[
        "see also",
        "siehe auch",
        "voir aussi",
        "ver también",
        "veja também",
        "vedi anche",
        "zie ook",
        "смотрите также",
        "lihat juga",
        "xem thêm",
    ];
    let label = |b: &Block| match b {
        Block::Heading { text, .. } | Block::Para { text, .. } => {
            let lower = text.to_lowercase();
            crate::ingest::clean::blocks::is_chrome_label(text)
                && !SEE_ALSO.iter().any(|s| lower.contains(s))
        }
        _ => false,
    };
    // The first such label after the middle whose tail holds no prose.
    let Some(at) =
        (n / 2..n).find(|&i| i > 0 && label(&blocks[i]) && !blocks[i + 1..].iter().any(prose))
    else {
        return;
    };
    // Something must follow it: a label alone at the end is left to the
    // boilerplate classes.
    if at + 1 < n {
        blocks.truncate(at);
    }
}
