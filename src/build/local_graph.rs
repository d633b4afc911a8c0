//! An entity's local graph: the page at the centre, the pages most often
//! mentioned with it on a ring around it, nearer and larger the more often.
//! Laid out here, drawn by the theme as a static SVG (no script, no
//! library): a reader's first view of what the entity is discussed with.

use crate::content::Kind;
use crate::render::{GraphKind, GraphNode, LocalGraph, RelatedItem};

/// Neighbours drawn at most (the list beside the graph has them all).
pub const NEIGHBOURS: usize = 12;

/// Labels longer than this many characters are shortened.
const LABEL_CHARS: usize = 16;

/// Lays out `neighbours` (most frequent first) around the origin.
pub fn lay_out(neighbours: &[(RelatedItem, Kind)]) -> Option<LocalGraph> {
    let max = neighbours.iter().map(|(r, _)| r.count).max()?.max(1) as f32;
    let n = neighbours.len() as f32;
    let nodes = neighbours
        .iter()
        .enumerate()
        .map(|(k, (item, kind))| {
            let weight = item.count as f32 / max;
            // Clockwise from the top; the most frequent nearest.
            let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * k as f32 / n;
            let radius = 120.0 - 35.0 * weight;
            let (sin, cos) = angle.sin_cos();
            let (x, y) = (radius * cos, radius * sin);
            let r = 5.0 + 7.0 * weight;
            let anchor = if cos.abs() < 0.2 {
                "middle"
            } else if cos > 0.0 {
                "start"
            } else {
                "end"
            };
            let gap = r + 4.0;
            GraphNode {
                title: item.title.clone(),
                label: shorten(&item.title),
                url: item.url.clone(),
                lang: item.lang.clone(),
                kind: kind.as_str().to_string(),
                count: item.count,
                x: round(x),
                y: round(y),
                label_x: round(x + gap * cos),
                label_y: round(y + gap * sin + 4.0),
                anchor,
                r: round(r),
                w: round(1.0 + 3.0 * weight),
            }
        })
        .collect();
    let mut kinds: Vec<GraphKind> = Vec::new();
    for (_, kind) in neighbours {
        if !kinds.iter().any(|k| k.kind == kind.as_str()) {
            kinds.push(GraphKind {
                kind: kind.as_str().to_string(),
                key: super::contexts::kind_key(*kind).to_string(),
            });
        }
    }
    Some(LocalGraph { nodes, kinds })
}

fn round(v: f32) -> f32 {
    (v * 10.0).round() / 10.0
}

/// A label of at most [`LABEL_CHARS`] characters, cut at a space when it
/// can be, with an ellipsis.
fn shorten(title: &str) -> String {
    if title.chars().count() <= LABEL_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(LABEL_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > LABEL_CHARS / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, count: u32) -> (RelatedItem, Kind) {
        (
            RelatedItem {
                title: title.into(),
                url: format!("/{title}/"),
                count,
                lang: None,
            },
            Kind::Country,
        )
    }

    #[test]
    fn the_most_frequent_is_nearest_and_largest_and_labels_stay_outside() {
        let g = lay_out(&[item("Mongolia", 10), item("France", 5), item("Peru", 1)]).unwrap();
        let dist = |n: &GraphNode| (n.x * n.x + n.y * n.y).sqrt();
        assert!(dist(&g.nodes[0]) < dist(&g.nodes[1]));
        assert!(dist(&g.nodes[1]) < dist(&g.nodes[2]));
        assert!(g.nodes[0].r > g.nodes[2].r);
        // The first sits on top, its label above it, centred.
        assert_eq!(g.nodes[0].x, 0.0);
        assert!(g.nodes[0].y < 0.0 && g.nodes[0].label_y < g.nodes[0].y);
        assert_eq!(g.nodes[0].anchor, "middle");
        // Everything inside the view box.
        for n in &g.nodes {
            assert!(n.label_x.abs() < 150.0 && n.label_y.abs() < 150.0, "{n:?}");
        }
        assert_eq!(g.kinds.len(), 1);
        assert!(lay_out(&[]).is_none());
    }

    #[test]
    fn long_labels_are_shortened_at_a_space() {
        assert_eq!(shorten("Mongolia"), "Mongolia");
        assert_eq!(
            shorten("United Kingdom of Great Britain"),
            "United Kingdom…"
        );
        assert_eq!(
            shorten("大不列颠及北爱尔兰联合王国的报告和建议书"),
            "大不列颠及北爱尔兰联合王国的报…"
        );
    }
}
