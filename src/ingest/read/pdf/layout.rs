//! PDF page layout → lines the text structuring reads: pure functions on
//! our own glyph type (no PDF engine type reaches here).
//!
//! - glyphs → lines: grouped by baseline, ordered by x, word spaces from
//!   the gaps, right-to-left lines put in logical order, superscript
//!   digits made footnote markers;
//! - running headers, footers and page numbers: lines in the top or
//!   bottom band of a page whose text (digits aside) comes back on many
//!   pages, and lone page counters, are furniture;
//! - footnotes: the run of small-type lines at a page's foot that starts
//!   with a note number;
//! - paragraphs: lines joined while the spacing, size and weight go on;
//!   a line larger than the body (or bold and short) is a heading;
//!   a paragraph that runs over a page break is joined across it;
//! - tables: rows of cells (lines cut by wide gaps on one baseline), with
//!   the lines a cell wraps onto; a row of cells alone is a table too.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::ingest::clean::{PAGE_BREAK, TABLE_MARK};
use crate::ingest::model::{FN_CLOSE, FN_OPEN};
use crate::ingest::structure::{decimal_para, hyphenated_words, join_keeping, starts_mid_sentence};
use crate::ingest::text::{is_han, is_terminal, is_un_job_number, is_unspaced};

/// One glyph as drawn: its text, baseline origin (points, y down from the
/// page's top), size, advance and weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub width: f32,
    pub bold: bool,
}

/// A text line on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline, from the page's top.
    pub y: f32,
    /// The size most of the line's glyphs have (superscripts aside).
    pub size: f32,
    pub bold: bool,
    /// Number of glyphs at `size` (weights the body-size vote).
    pub weight: usize,
}

/// One page's lines, top to bottom.
#[derive(Debug, Clone, Default)]
pub struct PageLines {
    pub width: f32,
    pub height: f32,
    pub lines: Vec<Line>,
}

/// The structured text of a PDF: lines for the text structuring (a `## `
/// line per heading, a blank line between paragraphs, [`PAGE_BREAK`]
/// between pages), footnotes already linked, furniture stripped.
#[derive(Debug, Default)]
pub struct Laid {
    pub lines: Vec<String>,
    pub footnotes: Vec<(String, String)>,
    pub furniture: Vec<String>,
    /// Tables, each standing in `lines` as a [`TABLE_MARK`] line.
    pub tables: Vec<Vec<Vec<String>>>,
}

/// Tables on a page: runs of rows (lines on one baseline) close under one
/// another, each run holding a row cut into two or more cells by wide
/// gaps. Lines alone on their baseline inside a run — a cell's wrapped
/// lines, a group's label — are its rows too when they start at one of
/// its columns or hang a little left of the first (an item's first line;
/// there or at the first column, only if they keep out of its last one: a
/// line of text starts there and runs across them all); so are those just
/// above its first row that start right of its first column (a header's
/// upper line). Such lines after its last row of cells are its rows only
/// right of its first column or a line's pitch under its last row (a
/// cell's wrapped lines; else the text goes on). A row of cells on its
/// own is a table of one row: a cell is never a heading or a paragraph.
/// Returns (first line, end line, rows of cells).
fn find_tables(lines: &[Line], from: usize) -> Vec<(usize, usize, Vec<Vec<String>>)> {
    // Rows: runs of lines on one baseline.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    while i < lines.len() {
        let mut j = i + 1;
        while j < lines.len() && (lines[j].y - lines[i].y).abs() < 0.5 {
            j += 1;
        }
        rows.push((i, j));
        i = j;
    }
    let cells = |k: usize| rows[k].1 - rows[k].0;
    let close = |a: usize, b: usize| {
        let (a, b) = (&lines[rows[a].0], &lines[rows[b].0]);
        b.y - a.y <= 2.5 * a.size.max(b.size)
    };
    let mut out = Vec::new();
    let mut r = 0;
    // Where the last table ended (a header line above a table is never
    // taken from the one before it).
    let mut taken = 0;
    while r < rows.len() {
        if cells(r) < 2 {
            r += 1;
            continue;
        }
        let mut starts: Vec<f32> = lines[rows[r].0..rows[r].1].iter().map(|l| l.x0).collect();
        // A line fits the table when it starts at one of its columns; at
        // the first, only if it keeps out of the last column: a line of
        // the text starts there and runs across them all.
        // A numbered item's first line hangs left of the column its
        // other lines start at (`13. On estimating…` over `connectivity…`).
        let at_column = |starts: &[f32], l: &Line| {
            let first = starts.iter().copied().fold(f32::INFINITY, f32::min);
            let last = starts.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let hangs = l.x0 < first && l.x0 >= first - 4.0 * l.size;
            (hangs || starts.iter().any(|x| (l.x0 - x).abs() <= l.size))
                && (l.x0 > first + l.size || l.x1 <= last + l.size)
        };
        let mut s = r + 1;
        // One past the last row of cells.
        let mut end = r + 1;
        let first_column = |starts: &[f32]| starts.iter().copied().fold(f32::INFINITY, f32::min);
        while s < rows.len() && close(s - 1, s) {
            let l = &lines[rows[s].0];
            if cells(s) >= 2 {
                starts.extend(lines[rows[s].0..rows[s].1].iter().map(|l| l.x0));
                end = s + 1;
            } else if !at_column(&starts, l) {
                break;
            } else if l.x0 > first_column(&starts) + l.size
                || end == s && l.y - lines[rows[s - 1].0].y <= 1.5 * l.size
            {
                // Right of the first column, where no text starts, or a
                // line's pitch under the table's last row: a cell's line
                // even after the last row of cells.
                end = s + 1;
            }
            s += 1;
        }
        let first = first_column(&starts);
        let mut r0 = r;
        while r0 > taken
            && cells(r0 - 1) == 1
            && close(r0 - 1, r0)
            && lines[rows[r0 - 1].0].x0 > first + lines[rows[r0 - 1].0].size
            && at_column(&starts, &lines[rows[r0 - 1].0])
        {
            r0 -= 1;
        }
        let s = end;
        // Columns: where the cells of the fullest row start.
        let widest = (r0..s).max_by_key(|&k| cells(k)).unwrap_or(r0);
        let cols: Vec<f32> = lines[rows[widest].0..rows[widest].1]
            .iter()
            .map(|l| l.x0)
            .collect();
        // A line's column: the one whose start is nearest its own (a
        // row with fewer cells sets a number right of the fullest row's
        // column start).
        let column = |l: &Line| {
            (0..cols.len())
                .min_by(|&a, &b| (cols[a] - l.x0).abs().total_cmp(&(cols[b] - l.x0).abs()))
                .unwrap_or(0)
        };
        let mut table: Vec<Vec<String>> = Vec::new();
        for k in r0..s {
            let row = &lines[rows[k].0..rows[k].1];
            // A line alone a line's pitch under a cell, in its weight and
            // not left of it (a numbered item's first line hangs there),
            // goes on with that cell (its wrapped text).
            if let [l] = row
                && k > r0
                && let Some(last) = table.last_mut()
                && !last[column(l)].is_empty()
                && lines[rows[k - 1].0..rows[k - 1].1].iter().any(|a| {
                    column(a) == column(l)
                        && a.bold == l.bold
                        && l.y - a.y <= 1.5 * l.size
                        && l.x0 >= a.x0 - l.size / 2.0
                })
            {
                last[column(l)].push(' ');
                last[column(l)].push_str(&l.text);
                continue;
            }
            let mut cells = vec![String::new(); cols.len()];
            for l in row {
                let c = column(l);
                if !cells[c].is_empty() {
                    cells[c].push(' ');
                }
                cells[c].push_str(&l.text);
            }
            table.push(cells);
        }
        // Titles and page numbers are a table of contents, which the
        // structuring reads as lines.
        let contents = cols.len() == 2
            && (r0..s).filter(|&k| cells(k) >= 2).all(|k| {
                let n = lines[rows[k].1 - 1].text.trim();
                n.len() <= 4 && n.chars().all(|c| c.is_ascii_digit())
            });
        if !contents {
            out.push((rows[r0].0, rows[s - 1].1, table));
            taken = s;
        }
        r = s;
    }
    out
}

/// How many lines either side a run of small type looks for the line it
/// rides on.
const NEAR_LINES: usize = 16;

/// Clusters glyphs (sorted by baseline) into lines: (baseline, size,
/// glyphs). A glyph joins a line of its own size whose baseline is within
/// half its size; then a short run of smaller type beside a line and
/// within half its size of its baseline (a superscript rides a third of a
/// size high) joins that line. A block of small lines beside one line of
/// large type (a masthead's `Distr.: General` / `30 July 2019` beside
/// `General Assembly`) stays lines of its own.
fn baseline_groups(glyphs: Vec<Glyph>) -> Vec<(f32, f32, Vec<Glyph>)> {
    let like = |a: f32, b: f32| a.min(b) >= 0.75 * a.max(b);
    let mut groups: Vec<(f32, f32, Vec<Glyph>)> = Vec::new();
    for g in glyphs {
        // Lines still open: their baseline within a size of this glyph's.
        let found = groups
            .iter()
            .rev()
            .take_while(|(y, size, _)| g.y - y <= size.max(g.size))
            .position(|(y, size, _)| {
                like(*size, g.size) && (g.y - y).abs() <= 0.5 * size.max(g.size)
            });
        match found {
            Some(back) => {
                let i = groups.len() - 1 - back;
                let (y, size, v) = &mut groups[i];
                if g.size > *size + 0.1 {
                    *y = g.y;
                    *size = g.size;
                }
                v.push(g);
            }
            None => groups.push((g.y, g.size, vec![g])),
        }
    }
    // Short runs of smaller type join the larger line they ride on.
    let mut i = 0;
    while i < groups.len() {
        let (y, size, ref v) = groups[i];
        let short = v.iter().filter(|g| !g.text.trim().is_empty()).count() <= 4;
        let (lo, hi) = span(v);
        // Lines are made in the order of their baselines: a host is among
        // the few made just before or after (a page of scattered labels
        // would otherwise compare every line with every other).
        let near = i.saturating_sub(NEAR_LINES)..(i + NEAR_LINES + 1).min(groups.len());
        let host = groups[near.clone()]
            .iter()
            .zip(near)
            .map(|(g, j)| (j, g))
            .filter(|&(j, (hy, hsize, hv))| {
                let (hlo, hhi) = span(hv);
                let (hlo, hhi) = (hlo - hsize, hhi + hsize);
                // Markers inside the line, or a short run at its edge.
                let inside = lo >= hlo && hi <= hhi;
                let touching = short && lo <= hhi && hi >= hlo;
                // Smaller type on the very baseline, next to the line
                // (`A` large and `/80/L.1` smaller in a UN masthead).
                let same_baseline = (y - hy).abs() <= 0.15 * hsize && lo <= hhi && hi >= hlo;
                j != i
                    && size < 0.85 * hsize
                    && (y - hy).abs() <= 0.5 * hsize
                    && (inside || touching || same_baseline)
            })
            .min_by(|a, b| (a.1.0 - y).abs().total_cmp(&(b.1.0 - y).abs()))
            .map(|(j, _)| j);
        match host {
            Some(j) => {
                let (_, _, v) = groups.remove(i);
                let j = if j > i { j - 1 } else { j };
                groups[j].2.extend(v);
                // The host may have been passed already: look again from it.
                i = i.min(j);
            }
            None => i += 1,
        }
    }
    groups.sort_by(|a, b| a.0.total_cmp(&b.0));
    groups
}

/// The horizontal extent of some glyphs.
fn span(v: &[Glyph]) -> (f32, f32) {
    v.iter().fold((f32::MAX, f32::MIN), |(lo, hi), g| {
        (lo.min(g.x), hi.max(g.x + g.width))
    })
}

/// Groups a page's glyphs into lines.
pub fn page_lines(width: f32, height: f32, mut glyphs: Vec<Glyph>) -> PageLines {
    glyphs.retain(|g| g.size > 0.5 && g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut groups = baseline_groups(glyphs);
    for (_, _, gs) in groups.iter_mut() {
        gs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    // Two columns: read the left one, then the right one, between the
    // rows that run across both (a title, a full-width table).
    let mut rows: Vec<(f32, Vec<Glyph>)> = Vec::new();
    if let Some(g) = gutter(&groups, width) {
        let mut left: Vec<(f32, Vec<Glyph>)> = Vec::new();
        let mut right: Vec<(f32, Vec<Glyph>)> = Vec::new();
        for (y, _, gs) in groups {
            let across = gs.iter().any(|x| x.x < g && x.x + x.width > g);
            if across {
                rows.append(&mut left);
                rows.append(&mut right);
                rows.push((y, gs));
                continue;
            }
            let (l, r): (Vec<Glyph>, Vec<Glyph>) = gs.into_iter().partition(|x| x.x < g);
            if !l.is_empty() {
                left.push((y, l));
            }
            if !r.is_empty() {
                right.push((y, r));
            }
        }
        rows.append(&mut left);
        rows.append(&mut right);
    } else {
        rows = groups.into_iter().map(|(y, _, gs)| (y, gs)).collect();
    }
    let mut lines = Vec::new();
    for (y, gs) in rows {
        // A table's cells on one baseline: a gap of several ems splits
        // the line.
        let mut start = 0;
        for i in 1..=gs.len() {
            let split = i == gs.len() || {
                let (p, n) = (&gs[i - 1], &gs[i]);
                n.x - (p.x + p.width) > 3.0 * p.size.max(n.size)
            };
            if split {
                if let Some(l) = make_line(&gs[start..i], y) {
                    lines.push(l);
                }
                start = i;
            }
        }
    }
    PageLines {
        width,
        height,
        lines,
    }
}

/// The x of a gutter between two columns: a strip in the middle of the
/// page that almost no row crosses, with text on both sides in most rows.
fn gutter(groups: &[(f32, f32, Vec<Glyph>)], width: f32) -> Option<f32> {
    if groups.len() < 6 || width.is_nan() || width <= 0.0 {
        return None;
    }
    let bins = (width.ceil() as usize).min(4000);
    let mut cover = vec![0usize; bins + 1];
    let (mut on_left, mut on_right) = (0usize, 0usize);
    let (lo, hi) = ((width * 0.3) as usize, (width * 0.7) as usize);
    let mut row = vec![false; bins + 1];
    for (_, _, gs) in groups {
        row.iter_mut().for_each(|r| *r = false);
        for g in gs {
            let a = (g.x.max(0.0) as usize).min(bins);
            let b = ((g.x + g.width).max(0.0) as usize).min(bins);
            for c in row.iter_mut().take(b + 1).skip(a) {
                *c = true;
            }
        }
        for (c, r) in cover.iter_mut().zip(&row) {
            *c += usize::from(*r);
        }
        on_left += usize::from(row[..lo].iter().any(|r| *r));
        on_right += usize::from(row[hi..].iter().any(|r| *r));
    }
    let n = groups.len();
    if on_left * 10 < n * 4 || on_right * 10 < n * 4 {
        return None;
    }
    // The widest run of bins (in the middle) that at most a tenth of the
    // rows cross.
    let limit = n / 10;
    let (mut best, mut run_start) = ((0usize, 0usize), None);
    for (i, c) in cover.iter().enumerate().take(hi + 1).skip(lo) {
        if *c <= limit {
            let s = *run_start.get_or_insert(i);
            if i + 1 - s > best.1 - best.0 {
                best = (s, i + 1);
            }
        } else {
            run_start = None;
        }
    }
    let size = {
        let mut s: Vec<f32> = groups.iter().map(|g| g.1).collect();
        s.sort_by(f32::total_cmp);
        s[s.len() / 2]
    };
    if ((best.1 - best.0) as f32) < (0.6 * size).max(4.0) {
        return None;
    }
    let at = (best.0 + best.1) as f32 / 2.0;
    // A table of figures (labels, then columns of amounts) leaves such a
    // strip too: a column of text right of it holds words, not figures.
    let (mut letters, mut figures) = (0usize, 0usize);
    for g in groups
        .iter()
        .flat_map(|(_, _, gs)| gs)
        .filter(|g| g.x >= at)
    {
        for c in g.text.chars() {
            letters += usize::from(c.is_alphabetic());
            figures += usize::from(c.is_numeric());
        }
    }
    (letters >= 2 * figures).then_some(at)
}

fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Arabic presentation forms (what a PDF's glyphs often map to) folded to
/// the letters they present.
fn fold_presentation(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    if s.chars()
        .any(|c| matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF))
    {
        std::borrow::Cow::Owned(
            s.chars()
                .flat_map(|c| {
                    if matches!(c as u32, 0xFB50..=0xFDFF | 0xFE70..=0xFEFE) {
                        c.to_string().nfkc().collect::<Vec<char>>()
                    } else {
                        vec![c]
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The digit a superscript digit (`¹`, `²`, `⁰`…) stands for.
fn superscript_digit(c: char) -> Option<char> {
    match c {
        '⁰' => Some('0'),
        '¹' => Some('1'),
        '²' => Some('2'),
        '³' => Some('3'),
        '⁴'..='⁹' => char::from_digit(c as u32 - '⁰' as u32, 10),
        _ => None,
    }
}

fn make_line(gs: &[Glyph], baseline: f32) -> Option<Line> {
    // The line's size: the size most of its glyphs have.
    let mut votes: BTreeMap<i32, usize> = BTreeMap::new();
    for g in gs {
        *votes.entry((g.size * 10.0).round() as i32).or_default() += 1;
    }
    let (size10, weight) = votes
        .iter()
        .max_by_key(|(s, n)| (**n, **s))
        .map(|(s, n)| (*s, *n))?;
    let size = size10 as f32 / 10.0;
    // Pieces in visual order: (text, is superscript digit)
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    let mut bold = 0usize;
    let mut visible = 0usize;
    for g in gs {
        let t = fold_presentation(&g.text);
        if t.trim().is_empty() {
            // A space set in a tiny size, or drawn inside the glyph before
            // it, is a marker the editor left, not a word space (`b etter`).
            let hidden = g.size < 0.5 * size
                || prev.is_some_and(|p| g.x + g.width <= p.x + p.width - 0.1 * size);
            if hidden {
                continue;
            }
            if let Some((last, false)) = pieces.last_mut()
                && !last.ends_with(' ')
            {
                last.push(' ');
            }
            prev = Some(g);
            continue;
        }
        visible += 1;
        if g.bold {
            bold += 1;
        }
        // A note marker: digits or small letters set small and raised
        // (a table's notes are called `a`, `b`), or digits the font draws
        // as superscripts (`¹²³`: their own code points).
        let unicode_sup: Option<String> = t.chars().map(superscript_digit).collect();
        let sup = unicode_sup.is_some()
            || g.size < 0.85 * size
                && baseline - g.y > 0.2 * size
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase());
        let t = match unicode_sup {
            Some(d) => std::borrow::Cow::Owned(d),
            None => t,
        };
        if let Some(p) = prev {
            let gap = g.x - (p.x + p.width);
            let cjk = t.chars().next().is_some_and(is_unspaced)
                || p.text.chars().next_back().is_some_and(is_unspaced);
            let space_at = if cjk { 0.6 } else { 0.18 } * size;
            if gap > space_at
                && let Some((last, _)) = pieces.last_mut()
                && !last.ends_with(' ')
            {
                last.push(' ');
            }
        }
        match pieces.last_mut() {
            Some((last, s)) if *s == sup && !(sup && last.ends_with(' ')) => last.push_str(&t),
            _ => pieces.push((t.into_owned(), sup)),
        }
        prev = Some(g);
    }
    if visible == 0 {
        return None;
    }
    let plain: String = pieces.iter().map(|(t, _)| t.as_str()).collect();
    let rtl = plain.chars().filter(|c| is_rtl(*c)).count();
    let ltr = plain
        .chars()
        .filter(|c| c.is_alphabetic() && !is_rtl(*c))
        .count();
    let mut text = String::new();
    if rtl > ltr {
        // Drawn right to left: the logical order is the visual order
        // reversed, except inside runs of left-to-right text (digits,
        // Latin words), which read as drawn.
        text = logical_rtl(&plain);
    } else {
        for (i, (t, sup)) in pieces.iter().enumerate() {
            // Raised letters are a note's call only after a word's last
            // small letter or its closing mark, one or two of them
            // (`positionsᵃ`); after a number or a capital they are the
            // word's own (`2ᵉ`, `Mᵐᵉ`, `Nᵒ`).
            // At a line's start they are a note's own label.
            let sup = &(*sup
                && (i == 0
                    || t.trim().bytes().all(|c| c.is_ascii_digit())
                    || letter_call(&text, t)));
            // A raised number after text is a note marker; at the start of
            // a line it is a footnote's own label (kept as digits).
            if *sup && i > 0 {
                let t = t.trim();
                if text.ends_with(' ') {
                    text.pop();
                }
                text.push(FN_OPEN);
                text.push_str(t);
                text.push(FN_CLOSE);
                text.push(' ');
            } else if *sup {
                text.push_str(t.trim());
                text.push(' ');
            } else {
                if text.ends_with(' ') && t.starts_with(' ') {
                    text.pop();
                }
                text.push_str(t);
            }
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = text
        .replace(&format!("{FN_CLOSE} ,"), &format!("{FN_CLOSE},"))
        .replace(&format!("{FN_CLOSE} ."), &format!("{FN_CLOSE}."));
    let first = gs.first()?;
    let last = gs.last()?;
    Some(Line {
        text,
        x0: first.x,
        x1: last.x + last.width,
        y: baseline,
        size,
        bold: bold * 5 >= visible * 3,
        weight,
    })
}

/// Raised letters `t` after `before` call a note: one or two small
/// letters after a word's small letter or a closing mark.
fn letter_call(before: &str, t: &str) -> bool {
    let t = t.trim();
    (1..=2).contains(&t.len())
        && t.bytes().all(|c| c.is_ascii_lowercase())
        && before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase() || matches!(c, ')' | ']' | '”' | '’' | '"'))
}

/// Visual order → logical order for a right-to-left line.
fn logical_rtl(visual: &str) -> String {
    let chars: Vec<char> = visual.chars().collect();
    let mut runs: Vec<(bool, Vec<char>)> = Vec::new(); // (ltr, chars)
    for c in chars {
        let ltr = c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_rtl(c));
        let neutral = !ltr && !is_rtl(c);
        match runs.last_mut() {
            Some((l, v)) if neutral || *l == ltr => v.push(c),
            _ => runs.push((ltr, vec![c])),
        }
    }
    let mut out = String::new();
    for (ltr, v) in runs.into_iter().rev() {
        if ltr {
            // Neutral characters trailing an LTR run (spaces) belong
            // between runs: keep them outside.
            let core_end = v
                .iter()
                .rposition(|c| c.is_alphanumeric())
                .map_or(0, |i| i + 1);
            let (core, tail) = v.split_at(core_end);
            out.extend(tail.iter().rev());
            out.extend(core.iter());
        } else {
            out.extend(v.iter().rev().map(|c| mirror(*c)));
        }
    }
    out
}

fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '«' => '»',
        '»' => '«',
        _ => c,
    }
}

/// Digits folded, spaces collapsed: the shape of a running header or
/// footer, which differs from page to page only in its numbers.
fn furniture_key(t: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            if !c.is_whitespace() {
                out.push(c);
            }
        }
    }
    out
}

/// A page counter standing alone: `3`, `- 3 -`, `Page 3`, `3/20`, `iv`.
/// Whether `l` stands on one baseline with two or more other lines that
/// are figures (a row of a table), where a page number stands alone or
/// beside a job number or a symbol.
fn among_figures(p: &PageLines, l: &Line) -> bool {
    p.lines
        .iter()
        .filter(|o| !std::ptr::eq(*o, l) && (o.y - l.y).abs() < 0.5)
        .filter(|o| {
            let t = o.text.trim();
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '-' | '–'))
        })
        .count()
        >= 2
}

fn is_page_number(t: &str) -> bool {
    let t = t
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c.is_whitespace());
    let lower = t.to_lowercase();
    let t = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("p."))
        .or_else(|| lower.strip_prefix("стр."))
        .unwrap_or(&lower)
        .trim();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some((a, b)) = t.split_once(['/']).or_else(|| t.split_once(" of ")) {
        return digits(a.trim()) && digits(b.trim());
    }
    !t.is_empty() && t.len() <= 6 && t.chars().all(|c| "ivxlc".contains(c))
}

/// The band at a page's top and foot where running headers and footers sit.
const BAND: f32 = 0.1;

/// Drops running headers/footers and page numbers; returns what was
/// dropped (most frequent first).
fn strip_furniture(pages: &mut [PageLines]) -> Vec<String> {
    let body = body_size(pages);
    // A page's first and last lines, and any line in the bands at its
    // top and foot (a running header may sit above a page's first line).
    let in_band = |p: &PageLines, l: &Line| {
        l.y < p.height * BAND
            || l.y > p.height * (1.0 - BAND)
            || p.lines.first().is_some_and(|f| std::ptr::eq(f, l))
            || p.lines.last().is_some_and(|f| std::ptr::eq(f, l))
    };
    // On how many pages each shape stands in a band.
    let mut seen: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, p) in pages.iter().enumerate() {
        for l in p.lines.iter().filter(|l| in_band(p, l)) {
            seen.entry(furniture_key(&l.text)).or_default().insert(i);
        }
    }
    let n = pages.len();
    let repeated = |key: &str| {
        seen.get(key)
            .is_some_and(|s| s.len() >= 2 && s.len() * 2 >= n.saturating_sub(1).max(2))
    };
    // Exact text repeated elsewhere, for the first page, whose masthead
    // shares the running header's shape (`A/74/130`).
    let mut exact: HashMap<&str, usize> = HashMap::new();
    for p in pages.iter().skip(1) {
        let mut on_page: HashSet<&str> = HashSet::new();
        for l in p.lines.iter().filter(|l| in_band(p, l)) {
            on_page.insert(l.text.as_str());
        }
        for t in on_page {
            *exact.entry(t).or_default() += 1;
        }
    }
    let mut drop: Vec<Vec<bool>> = Vec::with_capacity(n);
    let mut dropped: BTreeMap<String, usize> = BTreeMap::new();
    for (i, p) in pages.iter().enumerate() {
        let d: Vec<bool> = p
            .lines
            .iter()
            .map(|l| {
                // A UN job number (`25-03333 (E) 190325`, `*2503333*`)
                // stands at the foot of a document's last page above the
                // footer's band, where the text ends.
                if !in_band(p, l) {
                    return l.y > p.height * 0.6 && is_un_job_number(&l.text);
                }
                // Not a figure among others on its baseline: the last row
                // of a table at a page's foot (`7   7   6   7`).
                let counter =
                    (is_page_number(&l.text) && !among_figures(p, l)) || is_un_job_number(&l.text);
                // A footnote repeats a shape too (`6 United Nations,
                // Treaty Series, vol. 2515…` on one page, `4 United
                // Nations, Treaty Series, vol. 1577…` on another): a
                // numbered line in small type is a note, not a footer.
                let note = l.size <= 0.92 * body && note_label(&l.text).is_some();
                let shape = !note
                    && if i == 0 {
                        exact
                            .get(l.text.as_str())
                            .is_some_and(|&k| k >= 2 && k * 2 >= n - 1)
                    } else {
                        repeated(&furniture_key(&l.text))
                    };
                counter || shape
            })
            .collect();
        for (l, _) in p.lines.iter().zip(&d).filter(|(_, d)| **d) {
            if !is_page_number(&l.text) {
                *dropped.entry(l.text.clone()).or_default() += 1;
            }
        }
        drop.push(d);
    }
    // The running head's symbol, alone on a line anywhere (a cover page,
    // a title page), or a joint symbol made of running heads
    // (`E/2025/24-E/CN.3/2025/37`).
    let symbols: HashSet<&str> = dropped
        .keys()
        .map(String::as_str)
        .filter(|t| t.contains('/') && !t.contains(char::is_whitespace))
        .collect();
    let is_symbol = |t: &str| {
        let t = t.trim();
        !t.is_empty()
            && !symbols.is_empty()
            && (symbols.contains(t) || t.split('-').all(|part| symbols.contains(part)))
    };
    let mut extra: Vec<String> = Vec::new();
    for (p, d) in pages.iter().zip(drop.iter_mut()) {
        for (l, d) in p.lines.iter().zip(d.iter_mut()) {
            if !*d && is_symbol(&l.text) {
                *d = true;
                extra.push(l.text.clone());
            }
        }
    }
    for t in extra {
        *dropped.entry(t).or_default() += 1;
    }
    for (p, d) in pages.iter_mut().zip(drop) {
        let mut it = d.into_iter();
        p.lines.retain(|_| !it.next().unwrap_or(false));
    }
    let mut v: Vec<(String, usize)> = dropped.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|(t, _)| t).collect()
}

/// A line drawn with characters: five or more underscores, dashes, box
/// lines or equals signs and nothing else.
fn is_rule(t: &str) -> bool {
    let mut n = 0;
    for c in t.chars() {
        if matches!(
            c,
            '_' | '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '─' | '━' | '=' | '＿'
        ) {
            n += 1;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    n >= 5
}

/// The body size: the size most glyphs of the document have.
pub(super) fn body_size(pages: &[PageLines]) -> f32 {
    let mut votes: BTreeMap<i32, usize> = BTreeMap::new();
    for l in pages.iter().flat_map(|p| &p.lines) {
        *votes.entry((l.size * 10.0).round() as i32).or_default() += l.weight;
    }
    votes
        .into_iter()
        .max_by_key(|(s, n)| (*n, *s))
        .map_or(10.0, |(s, _)| s as f32 / 10.0)
}

/// `12 Text` or a raised `12` then text: a note's number and its text.
fn note_label(t: &str) -> Option<(String, &str)> {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    if d == 0 || d > 3 {
        return None;
    }
    // The number is followed by a space or the note's first letter, not
    // by more of a number (`25-04567`, `3.5`, `12/2`).
    let after = t[d..].chars().next()?;
    if !(after.is_whitespace() || after.is_alphabetic()) {
        return None;
    }
    let rest = t[d..].trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((t[..d].to_string(), rest))
}

/// A note called by asterisks (`* A/80/150.`, `** The present report was
/// submitted late`, `* On behalf of the Group of 77 and China`): the
/// first page's notes on the document itself, in small type at its foot.
/// Taken out of the page, so that a paragraph running over it goes on
/// past them, and written after the text (their text is the document's:
/// a draft's sponsors, what it names).
fn take_asterisk_notes(pages: &mut [PageLines], body: f32) -> Vec<String> {
    let starred = |t: &str| {
        let stars = t.bytes().take_while(|&b| b == b'*').count();
        (1..=3).contains(&stars)
            && t[stars..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| !c.is_ascii_digit())
    };
    let mut out = Vec::new();
    for p in pages.iter_mut() {
        let mut start = p.lines.len();
        while start > 0 && p.lines[start - 1].size <= 0.92 * body {
            start -= 1;
        }
        let Some(first) = (start..p.lines.len()).find(|&i| starred(&p.lines[i].text)) else {
            continue;
        };
        // The starred notes and the lines they run on to, up to the first
        // numbered note.
        let mut end = first;
        while end < p.lines.len() && note_label(&p.lines[end].text).is_none() {
            end += 1;
        }
        out.extend(p.lines.drain(first..end).map(|l| l.text));
    }
    out
}

/// Takes the footnote area off the foot of each page.
fn take_footnotes(pages: &mut [PageLines], body: f32) -> Vec<(String, String)> {
    let mut notes: Vec<(String, String)> = Vec::new();
    for p in pages.iter_mut() {
        join_raised_labels(p, body);
        // The run of smaller lines at the foot (UN notes are 8 or 9 pt
        // under a 10 pt body).
        let mut start = p.lines.len();
        while start > 0 && p.lines[start - 1].size <= 0.92 * body {
            start -= 1;
        }
        let run_start = start;
        // It starts at its first note number, below the body; a note that
        // ran over from the last page comes first, without one.
        while start < p.lines.len() && note_label(&p.lines[start].text).is_none() {
            start += 1;
        }
        if start == p.lines.len() || start == 0 {
            continue;
        }
        // Notes number on: the first here follows the last one read (or
        // the numbering starts again).
        let last: u32 = notes.last().and_then(|n| n.0.parse().ok()).unwrap_or(0);
        let first: u32 = note_label(&p.lines[start].text)
            .and_then(|(l, _)| l.parse().ok())
            .unwrap_or(0);
        if !(first > last && first <= last + 3 || first == 1) {
            continue;
        }
        // Notes numbered page by page: renumbered on, here and at their
        // markers, so each label is the document's one note.
        let offset = if first == 1 {
            notes
                .last()
                .and_then(|n| n.0.parse::<u32>().ok())
                .unwrap_or(0)
        } else {
            0
        };
        if offset > 0 {
            for l in p.lines.iter_mut() {
                if l.text.contains(FN_OPEN) {
                    l.text = shift_markers(&l.text, offset);
                }
            }
        }
        let carried = !notes.is_empty()
            && run_start < start
            && run_start > 0
            && p.lines[run_start].y > 0.6 * p.height;
        if carried {
            start = run_start;
        }
        let area: Vec<Line> = p.lines.split_off(start);
        let keep = HashSet::new();
        for l in area {
            match note_label(&l.text) {
                Some((label, rest)) => {
                    let label = match label.parse::<u32>() {
                        Ok(n) if offset > 0 => (n + offset).to_string(),
                        _ => label,
                    };
                    notes.push((label, rest.to_string()))
                }
                None => {
                    if let Some((_, t)) = notes.last_mut() {
                        join_keeping(t, &l.text, &keep);
                    }
                }
            }
        }
    }
    notes
}

/// A note's number raised on a baseline of its own, above its text (`2`
/// / `Resolution 55/2.`), joins the text: one line `2 Resolution 55/2.`.
fn join_raised_labels(p: &mut PageLines, body: f32) {
    let mut k = 0;
    while k + 1 < p.lines.len() {
        let (a, b) = (&p.lines[k], &p.lines[k + 1]);
        let alone = (1..=3).contains(&a.text.len()) && a.text.bytes().all(|c| c.is_ascii_digit());
        let step = b.y - a.y;
        if alone
            && a.size <= 0.92 * body
            && b.size <= 0.92 * body
            && note_label(&b.text).is_none()
            && step > 0.0
            && step < 1.5 * a.size.max(b.size)
        {
            let label = p.lines.remove(k).text;
            let t = &mut p.lines[k].text;
            *t = format!("{label} {t}");
        }
        k += 1;
    }
}

/// Note markers `⟨n⟩` numbered `n + offset`.
fn shift_markers(t: &str, offset: u32) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    let mut rest = t;
    while let Some(i) = rest.find(FN_OPEN) {
        let after = &rest[i + FN_OPEN.len_utf8()..];
        let Some(j) = after.find(FN_CLOSE) else { break };
        out.push_str(&rest[..i]);
        out.push(FN_OPEN);
        match after[..j].parse::<u32>() {
            Ok(n) => out.push_str(&(n + offset).to_string()),
            Err(_) => out.push_str(&after[..j]),
        }
        out.push(FN_CLOSE);
        rest = &after[j + FN_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end().trim_end_matches(FN_CLOSE);
    let t = match t.rfind(FN_OPEN) {
        Some(i) if t.len() - i < 8 && !t[i..].contains(' ') => &t[..i],
        _ => t,
    };
    t.chars().next_back().is_some_and(is_terminal)
}

/// A table-of-contents line: a title, leader dots, a page number
/// (`I. Introduction . . . . 3`). Each stays a line of its own, so that
/// the structuring reads the table of contents.
fn is_toc_line(t: &str) -> bool {
    let t = t.trim_end();
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit());
    body.len() < t.len()
        && body
            .trim_end()
            .chars()
            .rev()
            .take(6)
            .filter(|c| *c == '.' || *c == '…')
            .count()
            >= 3
}

/// Starts a numbered paragraph or a list item.
fn starts_item(t: &str) -> bool {
    starts_numbered(t) || t.starts_with(['•', '▪', '●', '–']) || t.starts_with("- ")
}

/// Starts a numbered paragraph: `12. Text`, or within a section `10.1
/// Text`.
fn starts_numbered(t: &str) -> bool {
    let d = t.bytes().take_while(u8::is_ascii_digit).count();
    d > 0 && d <= 4 && t[d..].starts_with(". ")
        || decimal_para(t).is_some_and(|(_, _, rest)| !rest.is_empty())
}

/// A line that stops on a word (`…signed an agreement in`): no mark of a
/// clause's or a sentence's end (`,` `;` `.` `:`) after it.
fn ends_in_word(t: &str) -> bool {
    t.trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Starts an item below a line: a number at the start of a line that
/// follows one cut mid-sentence is the sentence going on (`…signed an
/// agreement in` / `1982. Article 1 of…`), not a paragraph's number.
/// `cut`: the line above ran to the edge and stopped on a word.
fn starts_item_after(t: &str, cut: bool) -> bool {
    starts_item(t) && !(cut && starts_numbered(t))
}

/// One paragraph or heading being assembled.
struct Chunk {
    heading: Option<u8>,
    text: String,
    /// The last line: to tell whether the next line goes on.
    last: Line,
    /// The baseline of the line before the last, if the chunk has two.
    before_last: Option<f32>,
    page: usize,
}

/// Lays out a document's pages as lines for the text structuring.
pub fn lay_out(mut pages: Vec<PageLines>) -> Laid {
    let furniture = strip_furniture(&mut pages);
    // A rule typed as a line of underscores or dashes (the UN's footnote
    // rule, `__________________`) separates; it says nothing.
    for p in pages.iter_mut() {
        p.lines.retain(|l| !is_rule(&l.text));
    }
    let body = body_size(&pages);
    let starred = take_asterisk_notes(&mut pages, body);
    let footnotes = take_footnotes(&mut pages, body);
    // The first page's masthead (down to its last `Distr.:`-like line)
    // is left as lines: the structuring reads it.
    let masthead_end = pages.first().map_or(0, |p| {
        p.lines
            .iter()
            .rposition(|l| crate::ingest::metadata::MASTHEAD.is_match(&l.text))
            .map_or(0, |i| i + 1)
    });
    // Heading levels: the sizes above the body, largest first (the
    // masthead's aside).
    let mut head_sizes: Vec<i32> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines.iter().skip(if i == 0 { masthead_end } else { 0 }))
        .filter(|l| l.size >= body + 1.0)
        .map(|l| (l.size * 2.0).round() as i32)
        .collect();
    head_sizes.sort_unstable_by(|a, b| b.cmp(a));
    head_sizes.dedup();
    // Line pitch of body text: the commonest baseline step, counted with
    // its neighbours within a point — an OCR layer's sizes and baselines
    // wander, so its steps spread over several half-points (and its
    // body lines over sizes a fifth apart).
    let near_body = |size: f32| (size - body).abs() < 0.5f32.max(body * 0.2);
    let mut steps: BTreeMap<i32, usize> = BTreeMap::new();
    for p in &pages {
        for w in p.lines.windows(2) {
            if near_body(w[0].size) && near_body(w[1].size) {
                let s = ((w[1].y - w[0].y) * 2.0).round() as i32;
                if s > 0 {
                    *steps.entry(s).or_default() += 1;
                }
            }
        }
    }
    let around = |s: i32| -> usize { steps.range(s - 2..=s + 2).map(|(_, n)| n).sum() };
    let pitch = steps
        .iter()
        .max_by_key(|&(&s, &n)| (around(s), n, -s))
        .map_or(body * 1.2, |(&s, _)| s as f32 / 2.0);
    // The right edge of body text (long lines end there; a short aside
    // set further right, a masthead's date, is not the text's edge).
    let edge = |min_chars: usize| {
        pages
            .iter()
            .flat_map(|p| &p.lines)
            .filter(|l| (l.size - body).abs() < 0.5 && l.text.chars().count() >= min_chars)
            .map(|l| l.x1)
            .fold(0.0f32, f32::max)
    };
    let right = match edge(40) {
        r if r > 0.0 => r,
        _ => edge(0),
    };
    // Justified text: most long lines of body type end at one edge (the
    // commonest end, to the point), so one that stops short of it ends
    // its paragraph; ragged text ends its lines anywhere near the edge.
    let mut ends: BTreeMap<i32, usize> = BTreeMap::new();
    let mut long = 0usize;
    for l in pages.iter().flat_map(|p| &p.lines) {
        if (l.size - body).abs() < 0.5 && l.text.chars().count() >= 40 {
            long += 1;
            *ends.entry(l.x1.round() as i32).or_default() += 1;
        }
    }
    let flush_end = ends
        .iter()
        .max_by_key(|&(&x, &n)| (n, x))
        .map_or(right, |(&x, _)| x as f32);
    let flush: usize = ends
        .range(flush_end as i32 - 2..=flush_end as i32 + 2)
        .map(|(_, n)| n)
        .sum();
    let justified = long >= 10 && flush * 10 >= long * 6;
    let is_full = |l: &Line| {
        if justified {
            l.x1 >= flush_end - 1.5
        } else {
            l.x1 >= right - 2.0 * body
        }
    };
    // Bold body type that is text, not a heading: a line justified to
    // the edge (a report's recommendations set in bold), or a numbered
    // paragraph's sentence (`56. African Governments should consider:`).
    // Not on the first page, whose head sets a draft's sponsors in bold
    // over justified lines (`Belarus, Bolivia …, Cuba, Democratic` /
    // `…: draft resolution`): a label the structuring reads whole.
    let bold_text = |l: &Line, page: usize| {
        page > 0
            && (justified && l.x1 >= flush_end - 1.5 && l.text.chars().count() >= 40
                || starts_numbered(&l.text) && ends_sentence(&l.text))
    };
    let level_of = |l: &Line, page: usize| -> Option<u8> {
        let short = l.text.chars().count() <= 150;
        // Larger type is a heading unless it runs to the text's right
        // edge like running text (an OCR layer's sizes wander).
        let full = l.x1 >= right - 3.0 * body;
        if l.size >= body + 1.0 && short && (!full || l.bold) {
            let k = (l.size * 2.0).round() as i32;
            let rank = head_sizes.iter().position(|s| *s == k).unwrap_or(0);
            Some((2 + rank as u8).min(4))
        } else if l.bold
            && !bold_text(l, page)
            // A bold line that goes on a sentence (a recommendation set in
            // bold from the middle of its paragraph) is text; not on the
            // first page, whose head a draft's sponsors' label may be.
            && !(page > 0 && starts_mid_sentence(&l.text))
            && (short && !ends_sentence(&l.text) || l.text.len() < 80)
        {
            Some((2 + head_sizes.len() as u8).min(4))
        } else {
            None
        }
    };
    let all_text: Vec<String> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.clone()))
        .collect();
    let keep = hyphenated_words(&all_text);

    let mut out: Vec<String> = Vec::new();
    let mut open: Option<Chunk> = None;
    let flush = |out: &mut Vec<String>, c: Chunk| {
        if c.text.trim().is_empty() {
            return;
        }
        match c.heading {
            Some(level) => out.push(format!("{} {}", "#".repeat(level as usize), c.text)),
            None => out.push(c.text),
        }
        out.push(String::new());
    };
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    for (pi, p) in pages.iter().enumerate() {
        let from = if pi == 0 { masthead_end } else { 0 };
        let page_tables = find_tables(&p.lines, from);
        let mut skip_until = 0;
        for (li, l) in p.lines.iter().enumerate() {
            if pi == 0 && li < masthead_end {
                out.push(l.text.clone());
                continue;
            }
            if li < skip_until {
                continue;
            }
            if let Some((_, end, rows)) = page_tables.iter().find(|t| t.0 == li) {
                if let Some(c) = open.take() {
                    flush(&mut out, c);
                }
                out.push(format!("{TABLE_MARK}{}", tables.len()));
                out.push(String::new());
                tables.push(rows.clone());
                skip_until = *end;
                continue;
            }
            // A Contents entry (`I. Introduction . . . . 6`) is set like
            // the heading it names, but it is no heading.
            let mut heading = level_of(l, pi).filter(|_| !is_toc_line(&l.text));
            // The last line of a bold paragraph, under a line that ran to
            // the edge mid-sentence, is that paragraph's.
            if heading.is_some()
                && l.bold
                && l.size < body + 1.0
                && open.as_ref().is_some_and(|c| {
                    c.heading.is_none()
                        && c.last.bold
                        && is_full(&c.last)
                        && !ends_sentence(&c.last.text)
                })
            {
                heading = None;
            }
            let goes_on = open.as_ref().is_some_and(|c| {
                let same_style = c.heading == heading;
                if !same_style {
                    return false;
                }
                if c.page != pi {
                    // Over a page break: the paragraph stopped mid-sentence
                    // and this line starts no new one.
                    let lower = !l.text.starts_with(|ch: char| ch.is_uppercase());
                    let full = is_full(&c.last);
                    return c.heading.is_none()
                        && !ends_sentence(&c.text)
                        && !starts_item(&l.text)
                        && (lower || full);
                }
                let step = l.y - c.last.y;
                // A line that runs to the right edge without ending its
                // sentence goes on below, also across the wider spacing of
                // a double-spaced page (a typescript's OCR layer).
                // Spacing that wide is the text's own where the lines around
                // keep it (a double-spaced passage), a paragraph gap where
                // they do not.
                let kept = |a: f32, b: Option<f32>| b.is_some_and(|b| (b - a - step).abs() <= 1.0);
                let wide_block = match c.before_last {
                    Some(b) => kept(b, Some(c.last.y)),
                    None => kept(l.y, p.lines.get(li + 1).map(|n| n.y)),
                };
                let runs_on =
                    wide_block && c.last.x1 >= right - 2.0 * body && !ends_sentence(&c.last.text);
                let close = step > 0.0
                    && (step <= pitch.max(c.last.size * 1.05) * 1.35
                        || runs_on && step <= pitch.max(c.last.size * 1.05) * 2.2);
                // A short last line that ends a sentence ends its paragraph.
                let short_end = c.last.x1 < right - 0.15 * (right - c.last.x0).max(1.0)
                    && ends_sentence(&c.last.text)
                    // A line that fills less than half its measure is no
                    // wrapped line, whatever ends it (`第七十四届会议` /
                    // `临时议程*项目109`: a masthead's lines).
                    || c.last.x1 < right - 0.5 * (right - c.last.x0).max(1.0);
                close
                    && !starts_item_after(&l.text, is_full(&c.last) && ends_in_word(&c.last.text))
                    && !is_toc_line(&c.last.text)
                    && !is_toc_line(&l.text)
                    && (c.heading.is_some() || !short_end)
            });
            if goes_on {
                if let Some(c) = open.as_mut() {
                    join_line(&mut c.text, &l.text, &keep);
                    c.before_last = Some(c.last.y);
                    c.last = l.clone();
                    c.page = pi;
                }
            } else {
                if let Some(c) = open.take() {
                    flush(&mut out, c);
                }
                open = Some(Chunk {
                    heading,
                    text: l.text.clone(),
                    last: l.clone(),
                    before_last: None,
                    page: pi,
                });
            }
        }
        // A paragraph still open may go on over the page break; it is
        // written before the break once it is complete.
        let carry = open
            .as_ref()
            .is_some_and(|c| c.heading.is_none() && !ends_sentence(&c.text));
        if !carry && let Some(c) = open.take() {
            flush(&mut out, c);
        }
        if pi + 1 < pages.len() {
            if carry {
                // Written after the next page's continuation joins it.
                out.push(PAGE_BREAK_PENDING.to_string());
            } else {
                out.push(PAGE_BREAK.to_string());
            }
        }
    }
    if let Some(c) = open.take() {
        flush(&mut out, c);
    }
    for note in starred {
        out.push(note);
        out.push(String::new());
    }
    // A break held for a carried paragraph goes after it.
    let mut lines: Vec<String> = Vec::with_capacity(out.len());
    let mut pending = 0usize;
    for l in out {
        if l == PAGE_BREAK_PENDING {
            pending += 1;
            continue;
        }
        let para_end = l.is_empty();
        lines.push(l);
        if para_end {
            for _ in 0..pending {
                lines.push(PAGE_BREAK.to_string());
            }
            pending = 0;
        }
    }
    for _ in 0..pending {
        lines.push(PAGE_BREAK.to_string());
    }
    Laid {
        lines,
        footnotes,
        furniture,
        tables,
    }
}

/// Marks a page break held until the paragraph running over it is written.
const PAGE_BREAK_PENDING: &str = "\u{E002}page";

/// Joins a line to its paragraph: a hyphen at a line end is taken out
/// unless the document writes that word with one; a note marker at the
/// end keeps its space.
pub(super) fn join_line(text: &mut String, next: &str, keep: &HashSet<String>) {
    if text.ends_with(FN_CLOSE) && !next.starts_with(is_unspaced) && !next.starts_with(is_han) {
        text.push(' ');
    }
    join_keeping(text, next, keep);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One letter-size page of `lines`, laid out.
    fn lay_out_one(lines: Vec<Line>) -> Laid {
        lay_out(vec![PageLines {
            width: 612.0,
            height: 792.0,
            lines,
        }])
    }

    fn word(text: &str, x: f32, y: f32, size: f32) -> Vec<Glyph> {
        let w = size * 0.5;
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f32 * w,
                y,
                size,
                width: w,
                bold: false,
            })
            .collect()
    }

    #[test]
    fn small_lines_beside_a_large_one_stay_lines() {
        // A UN masthead: `General Assembly` in large type, the
        // distribution block in small lines to its right, one of them
        // within half the large size of its baseline.
        let mut g = word("General Assembly", 72.0, 100.0, 17.0);
        g.extend(word("Distr.: General", 400.0, 95.0, 8.0));
        g.extend(word("30 July 2019", 400.0, 105.0, 8.0));
        let p = page_lines(595.0, 842.0, g);
        let t: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["Distr.: General", "General Assembly", "30 July 2019"]);
    }

    #[test]
    fn smaller_type_on_a_lines_baseline_or_raised_in_it_is_that_line() {
        // `A` large and `/80/L.1` smaller on one baseline; a note marker
        // raised inside a line of text.
        let mut g = word("A", 400.0, 60.0, 17.0);
        g.extend(word("/80/L.1", 409.0, 60.0, 12.0));
        g.extend(word("The text goes on", 72.0, 100.0, 10.0));
        g.extend(word("12", 152.0, 96.0, 6.0));
        g.extend(word("and on.", 160.0, 100.0, 10.0));
        let p = page_lines(595.0, 842.0, g);
        let t: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "A/80/L.1".to_string(),
                format!("The text goes on{FN_OPEN}12{FN_CLOSE} and on.")
            ]
        );
    }

    #[test]
    fn superscript_digit_characters_are_note_markers() {
        let mut g = word("text", 72.0, 100.0, 10.0);
        g.extend(word("¹²", 92.0, 100.0, 10.0));
        g.extend(word("more", 105.0, 100.0, 10.0));
        let p = page_lines(595.0, 842.0, g);
        assert_eq!(p.lines[0].text, format!("text{FN_OPEN}12{FN_CLOSE} more"));
    }

    #[test]
    fn short_lines_are_lines_though_no_full_stop_ends_them() {
        // `第七十四届会议` / `临时议程*项目109`: a masthead's lines, each far
        // short of the measure the text's lines fill.
        let mut lines = vec![
            Line {
                x1: 150.0,
                ..line("第七十四届会议", 100.0)
            },
            Line {
                x1: 160.0,
                ..line("临时议程*项目109", 112.0)
            },
        ];
        lines.extend(preamble(&["Recalling"], 140.0, 300.0));
        let laid = lay_out(vec![PageLines {
            width: 595.0,
            height: 842.0,
            lines,
        }]);
        let paras: Vec<&String> = laid.lines.iter().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            paras[..2],
            ["第七十四届会议", "临时议程*项目109"],
            "{paras:?}"
        );
    }

    #[test]
    fn glyphs_make_words_and_lines() {
        let mut g = word("Hello", 72.0, 100.0, 10.0);
        g.extend(word("world", 72.0 + 5.0 * 5.0 + 3.0, 100.2, 10.0));
        g.extend(word("next", 72.0, 112.0, 10.0));
        let p = page_lines(595.0, 842.0, g);
        let t: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(t, ["Hello world", "next"]);
    }

    #[test]
    fn two_columns_are_read_one_after_the_other() {
        let mut g = Vec::new();
        for i in 0..8 {
            let y = 100.0 + i as f32 * 12.0;
            let fill = "x".repeat(35);
            g.extend(word(&format!("left{i} {fill}"), 72.0, y, 10.0));
            g.extend(word(&format!("right{i} {fill}"), 320.0, y, 10.0));
        }
        let p = page_lines(595.0, 842.0, g);
        let t: Vec<&str> = p
            .lines
            .iter()
            .map(|l| &l.text[..l.text.find(' ').unwrap_or(0)])
            .collect();
        assert_eq!(t[..3], ["left0", "left1", "left2"]);
        assert_eq!(t[8], "right0");
    }

    #[test]
    fn a_table_of_figures_is_no_second_column() {
        // Labels on the left, four columns of amounts on the right, a
        // strip between them no row crosses: rows of a table, read across.
        let mut g = Vec::new();
        for i in 0..12 {
            let y = 100.0 + i as f32 * 14.0;
            g.extend(word(
                &format!("{i}. Meetings of the Committee number {i}"),
                60.0,
                y,
                8.5,
            ));
            for (k, x) in [432.0, 470.0, 508.0, 545.0].into_iter().enumerate() {
                g.extend(word(&format!("{}", 10 + i + k), x, y, 8.5));
            }
        }
        let p = page_lines(612.0, 792.0, g);
        let t: Vec<&str> = p.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            t[..2],
            ["0. Meetings of the Committee number 0", "10"],
            "{t:?}"
        );
    }

    #[test]
    fn a_tables_last_row_at_a_pages_foot_is_no_page_number() {
        let row = |text: &str, x0: f32, y: f32| Line {
            x0,
            x1: x0 + 10.0,
            ..line(text, y)
        };
        // Each page's text and last row its own; the page number apart.
        let page = |n: usize| {
            let mut lines: Vec<Line> = (0..6)
                .map(|i| {
                    line(
                        &format!("Text of page {n}, line {i}."),
                        100.0 + i as f32 * 14.0,
                    )
                })
                .collect();
            lines.push(row(&format!("{n}. Documents for body {n}"), 60.0, 726.0));
            for (k, x) in [432.0, 470.0, 508.0, 545.0].into_iter().enumerate() {
                lines.push(row(&format!("{}", n * 3 + k), x, 726.0));
            }
            lines.push(row(&n.to_string(), 300.0, 760.0));
            PageLines {
                width: 612.0,
                height: 792.0,
                lines,
            }
        };
        let mut pages = vec![page(3), page(4), page(5)];
        strip_furniture(&mut pages);
        let left: Vec<&str> = pages[0].lines.iter().map(|l| l.text.as_str()).collect();
        assert!(
            ["9", "10", "11", "12"].iter().all(|f| left.contains(f)) && !left.contains(&"3"),
            "{left:?}"
        );
    }

    fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.into(),
            x0: 72.0,
            x1: 500.0,
            y,
            size: 10.0,
            bold: false,
            weight: 80,
        }
    }

    /// Justified preambular paragraphs: every line but a paragraph's last
    /// ends at the edge (500), paragraphs 1.5 lines apart, each ending
    /// with a comma.
    fn preamble(starts: &[&str], y0: f32, last_x1: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut y = y0;
        for s in starts {
            for (i, x1) in [500.0, 500.0, last_x1].into_iter().enumerate() {
                let text = match i {
                    0 => format!("{s} the report of the Secretary-General on the question before"),
                    1 => {
                        "the Assembly at its present session and the views expressed on".to_string()
                    }
                    _ => "its implementation by Member States,".to_string(),
                };
                lines.push(Line {
                    x1,
                    ..line(&text, y)
                });
                y += 12.0;
            }
            y += 6.0;
        }
        lines
    }

    #[test]
    fn paragraphs_a_half_line_apart_stay_apart_though_a_comma_ends_them() {
        let pages = vec![PageLines {
            width: 595.0,
            height: 842.0,
            // Each paragraph's last line happens to fill the measure.
            lines: preamble(
                &["Recalling", "Noting", "Welcoming", "Stressing"],
                100.0,
                500.0,
            ),
        }];
        let paras: Vec<String> = lay_out(pages)
            .lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(paras.len(), 4, "{paras:?}");
    }

    #[test]
    fn a_paragraph_ending_short_of_a_justified_edge_ends_at_the_page_break() {
        // The last line stops 14 pt short of the edge: in justified text
        // that is a paragraph's end, though a comma ends it.
        let pages = vec![
            PageLines {
                width: 595.0,
                height: 842.0,
                lines: preamble(&["Recalling", "Noting", "Welcoming"], 500.0, 486.0),
            },
            PageLines {
                width: 595.0,
                height: 842.0,
                lines: preamble(&["Emphasizing", "Stressing"], 80.0, 300.0),
            },
        ];
        let paras: Vec<String> = lay_out(pages)
            .lines
            .into_iter()
            .filter(|l| !l.is_empty() && l != PAGE_BREAK)
            .collect();
        assert_eq!(paras.len(), 5, "{paras:?}");
        assert!(paras[3].starts_with("Emphasizing"), "{paras:?}");
    }

    #[test]
    fn a_page_counter_under_the_text_is_furniture_wherever_it_sits() {
        // A LaTeX page: the counter well above the page's foot band.
        let pages: Vec<PageLines> = (1..=3)
            .map(|n| PageLines {
                width: 595.0,
                height: 842.0,
                lines: vec![
                    line(
                        &format!("Text of page {n} goes on and on across the line"),
                        100.0,
                    ),
                    line("and ends here.", 112.0),
                    line(&n.to_string(), 725.0),
                ],
            })
            .collect();
        let laid = lay_out(pages);
        assert!(
            laid.lines.iter().all(|l| l.trim().parse::<u32>().is_err()),
            "{:?}",
            laid.lines
        );
        assert!(laid.footnotes.is_empty());
    }

    /// A UN report's pages: the running head (`symbol`) at the top, text,
    /// the page counter and job number at the foot.
    fn report_pages(symbol: &str, job: &str, n: usize) -> Vec<PageLines> {
        (1..=n)
            .map(|k| PageLines {
                width: 612.0,
                height: 792.0,
                lines: vec![
                    line(symbol, 49.0),
                    line(
                        &format!("{k}. Text of paragraph {k} goes on and on across the line"),
                        100.0,
                    ),
                    line("and ends here.", 112.0),
                    line(&format!("{k}/{n}"), 755.0),
                    line(job, 756.0),
                ],
            })
            .collect()
    }

    #[test]
    fn a_job_number_where_the_last_page_ends_is_furniture() {
        // The last page's job number and bar code stand above the foot's
        // band, under the text's end; a reissued document's job number
        // carries an asterisk (`25-06741*`).
        let mut pages = report_pages("E/2025/61", "25-06741*", 4);
        let last = pages.len() - 1;
        pages[last]
            .lines
            .insert(3, line("25-06741* (E) 050625", 704.0));
        pages[last].lines.insert(4, line("*2506741*", 720.0));
        let laid = lay_out(pages);
        assert!(
            laid.lines.iter().all(|l| !l.contains("25-06741")),
            "{:?}",
            laid.lines
        );
        assert!(laid.lines.iter().all(|l| !l.contains("2506741")));
    }

    #[test]
    fn the_symbol_on_a_cover_page_is_furniture() {
        // An Official Records cover: the joint symbol alone mid-page; the
        // later pages' running heads name its parts.
        let mut pages = report_pages("E/2025/24", "25-04747", 3);
        pages.extend(report_pages("E/CN.3/2025/37", "25-04747", 3));
        pages.insert(
            0,
            PageLines {
                width: 612.0,
                height: 792.0,
                lines: vec![
                    line("Statistical Commission", 300.0),
                    line("E/2025/24-E/CN.3/2025/37", 400.0),
                    line("United Nations • New York, 2025", 420.0),
                ],
            },
        );
        let laid = lay_out(pages);
        assert!(
            laid.lines.iter().all(|l| !l.contains("E/2025/24")),
            "{:?}",
            laid.lines
        );
    }

    /// Justified body text: `n` paragraphs of three lines from `y`, each
    /// numbered, every line but the last running to the edge (500).
    fn justified(n: usize, y: f32) -> (Vec<Line>, f32) {
        let mut v = Vec::new();
        let mut y = y;
        for k in 1..=n {
            for (i, x1) in [500.0, 500.0, 300.0].into_iter().enumerate() {
                let text = match i {
                    0 => format!("{k}. The present report is submitted pursuant to resolution"),
                    1 => "in which the Assembly requested the Secretary-General to".to_string(),
                    _ => "report on its implementation.".to_string(),
                };
                v.push(Line {
                    x1,
                    ..line(&text, y)
                });
                y += 12.0;
            }
            y += 6.0;
        }
        (v, y)
    }

    #[test]
    fn a_bold_paragraph_justified_to_the_edge_is_text() {
        // A report's recommendations, set in bold: a numbered lead-in
        // ending with a colon, then items whose lines run to the edge.
        let (first, _) = justified(4, 100.0);
        let mut lines = Vec::new();
        let y = 100.0;
        let bold = |text: &str, y: f32, x1: f32| Line {
            bold: true,
            x1,
            ..line(text, y)
        };
        lines.push(bold("5. African Governments should consider:", y, 280.0));
        lines.push(bold(
            "(a) Recalibrating national development strategies to reinforce",
            y + 18.0,
            500.0,
        ));
        lines.push(bold(
            "State legitimacy by deepening the social contract;",
            y + 30.0,
            360.0,
        ));
        let laid = lay_out(vec![
            PageLines {
                width: 612.0,
                height: 792.0,
                lines: first,
            },
            PageLines {
                width: 612.0,
                height: 792.0,
                lines,
            },
        ]);
        assert!(
            laid.lines.iter().all(|l| !l.starts_with('#')),
            "{:?}",
            laid.lines
        );
        assert!(
            laid.lines
                .iter()
                .any(|l| l.starts_with("(a) Recalibrating") && l.ends_with("social contract;"))
        );
    }

    #[test]
    fn a_drafts_sponsors_in_bold_on_the_first_page_stay_one_label() {
        // Sponsors listed in bold over justified lines, then `: draft
        // resolution`: one line of the head, however long.
        let mut lines = vec![
            Line {
                bold: true,
                ..line(
                    "Belarus, Bolivia (Plurinational State of), Botswana, China, Cuba,",
                    100.0,
                )
            },
            Line {
                bold: true,
                x1: 200.0,
                ..line("Nicaragua: draft resolution", 112.0)
            },
        ];
        lines.extend(justified(6, 140.0).0);
        let laid = lay_out_one(lines);
        assert!(
            laid.lines.iter().any(|l| l.starts_with('#')
                && l.ends_with("Nicaragua: draft resolution")
                && l.contains("Belarus")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn a_number_that_goes_on_a_cut_sentence_starts_no_paragraph() {
        // `…signed an agreement in` / `1982. Article 1 of the statutes…`
        let (mut lines, y) = justified(4, 100.0);
        lines.push(line(
            "5. The Government of Nepal and UNESCO signed an agreement in",
            y,
        ));
        lines.push(Line {
            x1: 400.0,
            ..line(
                "1982. Article 1 of the statutes names its members.",
                y + 12.0,
            )
        });
        let laid = lay_out_one(lines);
        assert!(
            laid.lines
                .iter()
                .any(|l| l.starts_with("5. The Government") && l.ends_with("names its members.")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn a_number_after_a_clause_that_ran_to_the_edge_starts_a_paragraph() {
        // A preambular paragraph's last line runs to the edge and ends with
        // its comma; the operative paragraph 1 starts below it.
        let (mut lines, y) = justified(4, 100.0);
        lines.push(line(
            "Recalling its resolutions on science, technology and innovation,",
            y,
        ));
        lines.push(Line {
            x1: 400.0,
            ..line(
                "1. Reaffirms its commitments made in Addis Ababa;",
                y + 12.0,
            )
        });
        let laid = lay_out_one(lines);
        assert!(
            laid.lines.iter().any(|l| l.starts_with("1. Reaffirms")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn a_number_within_a_section_after_a_full_line_starts_a_paragraph() {
        // Justified text: a paragraph's last line that fills the measure
        // and ends a sentence; `10.2` opens the next paragraph below it.
        let (mut lines, y) = justified(4, 100.0);
        lines.push(line("and the Office reports on them to the Assembly.", y));
        lines.push(line(
            "10.2 The work of the Office is grounded in the programmes of action",
            y + 12.0,
        ));
        lines.push(Line {
            x1: 300.0,
            ..line("for the decade.", y + 24.0)
        });
        let laid = lay_out_one(lines);
        assert!(
            laid.lines.iter().any(|l| l.starts_with("10.2 The work")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn a_bold_line_that_goes_on_a_sentence_is_its_paragraphs() {
        // The Advisory Committee sets its recommendation in bold from the
        // middle of a paragraph: the bold last line is no heading.
        let (mut lines, y) = justified(4, 100.0);
        lines.push(line(
            "were fully implemented. The Advisory Committee trusts that the",
            y,
        ));
        lines.push(Line {
            x1: 390.0,
            bold: true,
            ..line(
                "recommendations will be implemented in a timely manner.",
                y + 12.0,
            )
        });
        let laid = lay_out(vec![
            PageLines {
                width: 612.0,
                height: 792.0,
                lines: vec![line("A first page.", 100.0)],
            },
            PageLines {
                width: 612.0,
                height: 792.0,
                lines,
            },
        ]);
        assert!(
            !laid.lines.iter().any(|l| l.starts_with('#')),
            "{:?}",
            laid.lines
        );
        assert!(
            laid.lines.iter().any(|l| l.ends_with(
                "trusts that the recommendations will be implemented in a timely manner."
            )),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn a_starred_note_at_the_foot_is_set_aside() {
        // The summary runs over the first page's foot, where a note called
        // by two asterisks stands in small type.
        let (mut first, y) = justified(4, 100.0);
        first.push(line(
            "5. The Secretary-General highlights the dangers of a weakening",
            y,
        ));
        first.push(Line {
            size: 8.5,
            x1: 400.0,
            ..line(
                "** The present report was submitted after the deadline.",
                700.0,
            )
        });
        let second = vec![Line {
            x1: 300.0,
            ..line("social contract in many countries.", 80.0)
        }];
        let laid = lay_out(vec![
            PageLines {
                width: 612.0,
                height: 792.0,
                lines: first,
            },
            PageLines {
                width: 612.0,
                height: 792.0,
                lines: second,
            },
        ]);
        assert!(
            laid.lines.iter().any(
                |l| l.starts_with("5. The Secretary-General") && l.ends_with("many countries.")
            ),
            "{:?}",
            laid.lines
        );
        assert!(
            laid.lines
                .iter()
                .rev()
                .find(|l| !l.is_empty())
                .is_some_and(|l| l.contains("deadline")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn a_tiny_space_inside_a_word_is_no_word_space() {
        // Word leaves a 1 pt space glyph over the first letter of a line.
        let mut g = word("b", 60.0, 258.0, 10.0);
        g.push(Glyph {
            text: " ".into(),
            x: 60.0,
            y: 261.0,
            size: 0.96,
            width: 0.24,
            bold: false,
        });
        g.extend(word("etter world", 65.5, 258.0, 10.0));
        let p = page_lines(595.0, 842.0, g);
        assert_eq!(p.lines[0].text, "better world");
    }

    #[test]
    fn raised_small_digits_are_note_markers() {
        let mut g = word("text.", 72.0, 100.0, 10.0);
        g.extend(word("3", 97.0, 96.0, 6.0));
        let p = page_lines(595.0, 842.0, g);
        assert_eq!(p.lines[0].text, format!("text.{FN_OPEN}3{FN_CLOSE}"));
    }

    #[test]
    fn right_to_left_lines_are_read_in_logical_order() {
        // "سلام 12" drawn visually: digits left, Arabic letters reversed.
        assert_eq!(logical_rtl("12 مالس"), "سلام 12");
    }

    #[test]
    fn table_of_contents_lines_stay_lines() {
        let pages = vec![PageLines {
            width: 595.0,
            height: 842.0,
            lines: vec![
                line("Contents", 100.0),
                line("I. Introduction . . . . . . . . . . 3", 112.0),
                line("II. Replies received from Governments . . . . . 4", 124.0),
                line("Argentina ......................... 4", 136.0),
            ],
        }];
        let laid = lay_out(pages);
        let toc: Vec<&String> = laid.lines.iter().filter(|l| is_toc_line(l)).collect();
        assert_eq!(toc.len(), 3, "{:?}", laid.lines);
    }

    #[test]
    fn a_note_running_over_a_page_break_is_one_note() {
        let small = |text: &str, y: f32| Line {
            size: 8.0,
            ..line(text, y)
        };
        let body: Vec<Line> = (0..6)
            .map(|i| {
                line(
                    "Body text of the report goes on across the whole line",
                    100.0 + 12.0 * i as f32,
                )
            })
            .collect();
        let mut p1 = body.clone();
        p1.push(small("1 See the report of the Working Group on its", 740.0));
        p1.push(small("second session (A/80/10), para. 3.", 750.0));
        p1.push(small("2 The first half of a long note that goes", 760.0));
        let mut p2 = body;
        // The next page's notes under their rule, which is no text.
        p2.push(line("__________________", 730.0));
        p2.push(small("on to the next page.", 740.0));
        p2.push(small("3 Third note.", 750.0));
        let page = |lines| PageLines {
            width: 595.0,
            height: 842.0,
            lines,
        };
        let laid = lay_out(vec![page(p1), page(p2)]);
        assert!(
            laid.lines.iter().all(|l| !l.contains("_____")),
            "{:?}",
            laid.lines
        );
        let notes: Vec<(&str, &str)> = laid
            .footnotes
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                (
                    "1",
                    "See the report of the Working Group on its second session (A/80/10), para. 3."
                ),
                (
                    "2",
                    "The first half of a long note that goes on to the next page."
                ),
                ("3", "Third note.")
            ]
        );
        assert!(laid.lines.iter().all(|l| !l.contains("next page")));
        assert!(is_un_job_number("*1912345*") && is_un_job_number("19-12345 (E)    050819"));
    }

    #[test]
    fn larger_type_is_a_heading_unless_it_runs_to_the_margin() {
        let big = |text: &str, y: f32, x1: f32| Line {
            size: 12.0,
            x1,
            ..line(text, y)
        };
        let mut lines: Vec<Line> = (0..6)
            .map(|i| {
                line(
                    "Body text of the report goes on across the whole line.",
                    300.0 + 12.0 * i as f32,
                )
            })
            .collect();
        lines.insert(
            0,
            big(
                "Decides that any proposal in the General Assembly which",
                100.0,
                500.0,
            ),
        );
        lines.insert(1, big("Conclusions", 200.0, 150.0));
        let laid = lay_out(vec![PageLines {
            width: 595.0,
            height: 842.0,
            lines,
        }]);
        let heads: Vec<&String> = laid.lines.iter().filter(|l| l.starts_with('#')).collect();
        assert_eq!(heads, ["## Conclusions"]);
    }

    #[test]
    fn a_note_number_raised_above_its_text_labels_it() {
        let small = |text: &str, y: f32, size: f32| Line {
            size,
            ..line(text, y)
        };
        let mut lines: Vec<Line> = (0..6)
            .map(|i| {
                line(
                    "Body text of the resolution goes on across the whole line",
                    100.0 + 12.0 * i as f32,
                )
            })
            .collect();
        lines.push(small("2", 738.0, 6.5));
        lines.push(small("Resolution 55/2.", 742.0, 8.5));
        lines.push(small("3", 750.0, 6.5));
        lines.push(small(
            "United Nations, Treaty Series, vol. 1577, No. 27531.",
            754.0,
            8.5,
        ));
        let laid = lay_out(vec![PageLines {
            width: 595.0,
            height: 842.0,
            lines,
        }]);
        let notes: Vec<(&str, &str)> = laid
            .footnotes
            .iter()
            .map(|(l, t)| (l.as_str(), t.as_str()))
            .collect();
        assert_eq!(
            notes,
            [
                ("2", "Resolution 55/2."),
                ("3", "United Nations, Treaty Series, vol. 1577, No. 27531.")
            ]
        );
    }

    #[test]
    fn notes_numbered_page_by_page_are_numbered_on() {
        let small = |text: &str, y: f32| Line {
            size: 8.0,
            ..line(text, y)
        };
        let page = |marker: &str, note: &str| {
            let mut lines: Vec<Line> = (0..6)
                .map(|i| {
                    line(
                        "Body text of the report goes on across the whole line",
                        100.0 + 12.0 * i as f32,
                    )
                })
                .collect();
            lines.push(line(
                &format!("as the Board found.{FN_OPEN}{marker}{FN_CLOSE}"),
                172.0,
            ));
            lines.push(small(note, 740.0));
            PageLines {
                width: 595.0,
                height: 842.0,
                lines,
            }
        };
        let laid = lay_out(vec![
            page("1", "1 First note."),
            page("1", "1 Second note."),
        ]);
        let labels: Vec<&str> = laid.footnotes.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["1", "2"]);
        let text = laid.lines.join("\n");
        assert!(text.contains(&format!("{FN_OPEN}2{FN_CLOSE}")), "{text}");
    }

    #[test]
    fn cells_on_shared_baselines_make_a_table() {
        let cell = |text: &str, x0: f32, y: f32| Line {
            x0,
            x1: x0 + 60.0,
            ..line(text, y)
        };
        let mut lines: Vec<Line> = vec![line("Replies received, by region and year:", 100.0)];
        for (i, row) in [
            ["Region", "2019", "2020"],
            ["Africa", "12", "15"],
            ["Europe", "30", "28"],
        ]
        .iter()
        .enumerate()
        {
            let y = 124.0 + 12.0 * i as f32;
            lines.push(cell(row[0], 72.0, y));
            lines.push(cell(row[1], 250.0, y));
            lines.push(cell(row[2], 400.0, y));
        }
        lines.push(line("The numbers rose in Africa.", 180.0));
        let laid = lay_out(vec![PageLines {
            width: 595.0,
            height: 842.0,
            lines,
        }]);
        assert_eq!(
            laid.tables,
            [vec![
                vec!["Region", "2019", "2020"],
                vec!["Africa", "12", "15"],
                vec!["Europe", "30", "28"]
            ]]
        );
        assert!(laid.lines.iter().any(|l| l.starts_with(TABLE_MARK)));
        assert!(
            laid.lines
                .iter()
                .any(|l| l == "The numbers rose in Africa.")
        );
        // Titles with page numbers are contents, not a table.
        let contents: Vec<Line> = ["Introduction", "Replies", "Conclusions"]
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                let y = 100.0 + 12.0 * i as f32;
                [cell(t, 72.0, y), cell(&(3 + i).to_string(), 480.0, y)]
            })
            .collect();
        assert!(find_tables(&contents, 0).is_empty());
    }

    #[test]
    fn a_cells_wrapped_lines_and_a_lone_row_of_cells_are_table_rows() {
        let at = |text: &str, x0: f32, x1: f32, y: f32| Line {
            x0,
            x1,
            ..line(text, y)
        };
        let lines = vec![
            at(
                "The outputs of the period are set out below.",
                60.0,
                553.0,
                100.0,
            ),
            at("Planned outputs", 60.0, 112.0, 124.0),
            at("Completed", 263.0, 298.0, 124.0),
            at("Remarks", 309.0, 340.0, 124.0),
            at("Implementation of pending audit", 60.0, 203.0, 144.0),
            at("1", 263.0, 271.0, 144.0),
            at("Board of Auditors recommendation", 309.0, 545.0, 144.0),
            at("recommendations, as accepted by", 60.0, 206.0, 156.0),
            at("management", 60.0, 117.0, 165.0),
            at("1", 263.0, 271.0, 165.0),
            at("Board of Auditors recommendation", 309.0, 522.0, 165.0),
            at("implemented in the period", 309.0, 450.0, 177.0),
            // A number set left of its column's head.
            at("Total", 60.0, 85.0, 190.0),
            at("2", 250.0, 258.0, 190.0),
            // Under the last row: its first cell's next line, a line in
            // another column.
            at("and offices", 60.0, 110.0, 202.0),
            at("as planned", 309.0, 360.0, 214.0),
            at(
                "Aviation services were provided throughout the period to all the",
                60.0,
                553.0,
                200.0,
            ),
            at(
                "sectors of the mission, and the fleet was reduced.",
                60.0,
                330.0,
                212.0,
            ),
            // A header's upper line over its row.
            at("2025", 440.0, 460.0, 262.0),
            at("Category and subcategory", 60.0, 143.0, 270.0),
            at("planned actual planned", 430.0, 552.0, 270.0),
            // Numbered items whose first line hangs left of the others.
            at("1. Meetings of the committees on", 60.0, 300.0, 330.0),
            at("the budget", 88.0, 140.0, 340.0),
            at("4 4 5 4", 460.0, 552.0, 340.0),
            at("2. Reports of the Office", 60.0, 200.0, 354.0),
            at("on the period", 88.0, 150.0, 364.0),
            at("5 1 – –", 460.0, 552.0, 364.0),
        ];
        let laid = lay_out_one(lines);
        assert_eq!(
            laid.tables,
            [
                vec![
                    vec!["Planned outputs", "Completed", "Remarks"],
                    vec![
                        "Implementation of pending audit recommendations, as accepted by",
                        "1",
                        "Board of Auditors recommendation"
                    ],
                    vec![
                        "management",
                        "1",
                        "Board of Auditors recommendation implemented in the period"
                    ],
                    vec!["Total and offices", "2", ""],
                    vec!["", "", "as planned"],
                ],
                vec![
                    vec!["", "2025"],
                    vec!["Category and subcategory", "planned actual planned"]
                ],
                vec![
                    vec!["the budget", "4 4 5 4"],
                    vec!["2. Reports of the Office", ""],
                    vec!["on the period", "5 1 – –"],
                ],
            ],
            "{:?}",
            laid.lines
        );
        // The text around the tables stays text, and no cell is a line.
        assert!(
            laid.lines
                .iter()
                .any(|l| l.starts_with("Aviation services were"))
        );
        assert!(
            !laid
                .lines
                .iter()
                .any(|l| l.contains("management") || l.contains("Category")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn text_between_two_rows_of_cells_is_no_table() {
        // A variance's row of cells, the paragraph explaining it, the next
        // variance: the paragraph starts where the rows' first cells do.
        let at = |text: &str, x0: f32, x1: f32, y: f32| Line {
            x0,
            x1,
            ..line(text, y)
        };
        let lines = vec![
            at("Military contingents", 123.0, 205.0, 100.0),
            at("$558.7", 318.0, 346.0, 100.0),
            at("1.3%", 372.0, 490.0, 100.0),
            at(
                "38. For the period, the reduced requirements were attributable",
                123.0,
                490.0,
                120.0,
            ),
            at(
                "primarily to the lower cost of rations.",
                123.0,
                300.0,
                132.0,
            ),
            at("International staff", 123.0, 198.0, 156.0),
            at("($570.8)", 315.0, 442.0, 156.0),
            at("1.4%", 468.0, 490.0, 156.0),
        ];
        let laid = lay_out_one(lines);
        assert_eq!(laid.tables.len(), 2, "{:?}", laid.tables);
        assert!(
            laid.lines
                .iter()
                .any(|l| l.starts_with("38. For the period")),
            "{:?}",
            laid.lines
        );
    }

    #[test]
    fn page_counters() {
        for t in ["3", "- 3 -", "Page 3", "3/20", "iv", "Page 2 of 9"] {
            assert!(is_page_number(t), "{t}");
        }
        assert!(!is_page_number("A/74/130"));
        assert!(!is_page_number("Introduction"));
    }
}
