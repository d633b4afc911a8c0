//! Co-citation: which pages are mentioned together, and which documents
//! cite the same things.

// Fx-hashed: page indexes as keys, counted for every page of a build.
use rustc_hash::FxHashMap as HashMap;

/// Entities cited by more documents than this are too common to say two
/// documents are related (and would make relatedness quadratic in the
/// number of documents); they are skipped when relating documents.
pub const RELATED_CAP: usize = 64;

/// Counts, for every page, the pages mentioned together with it. Each
/// unit is (pages linked in one paragraph, pages its headings link to);
/// a pair counts once per unit, and two pages known only from headings
/// are not a pair. Most frequent first, then by page index.
pub fn count<'a>(
    pages: usize,
    units: impl Iterator<Item = &'a (Vec<usize>, Vec<usize>)>,
) -> Vec<Vec<(usize, u32)>> {
    let mut counts: Vec<HashMap<usize, u32>> = vec![HashMap::default(); pages];
    for unit in units {
        unit_pairs(unit, |a, b| *counts[a].entry(b).or_default() += 1);
    }
    counts.into_iter().map(sorted).collect()
}

/// Calls `f(a, b)` for each count one unit adds: `a` is counted with `b`.
pub fn unit_pairs(unit: &(Vec<usize>, Vec<usize>), mut f: impl FnMut(usize, usize)) {
    let (own, above) = unit;
    for &a in own {
        for &b in own {
            if a != b {
                f(a, b);
            }
        }
        for &b in above {
            if a != b {
                f(a, b);
                f(b, a);
            }
        }
    }
}

/// Applies count changes to per-page lists as [`count`] and [`related`]
/// give them (most frequent first, then by page).
pub fn apply(lists: &mut [Vec<(usize, u32)>], delta: HashMap<usize, HashMap<usize, i64>>) {
    for (a, changes) in delta {
        let mut m: HashMap<usize, i64> = lists[a].iter().map(|&(b, n)| (b, n as i64)).collect();
        for (b, d) in changes {
            *m.entry(b).or_default() += d;
        }
        lists[a] = sorted(
            m.into_iter()
                .filter(|&(_, n)| n > 0)
                .map(|(b, n)| (b, n as u32))
                .collect(),
        );
    }
}

/// For each document, the other documents citing at least one page it
/// cites, by number of such pages. `cites[d]` lists the pages `d` links
/// to; only pages with `is_doc` count as documents.
pub fn related(cites: &[Vec<(usize, u32)>], is_doc: &[bool]) -> Vec<Vec<(usize, u32)>> {
    let mut docs_of: HashMap<usize, Vec<usize>> = HashMap::default();
    for (d, targets) in cites.iter().enumerate() {
        if !is_doc[d] {
            continue;
        }
        for &(t, _) in targets {
            docs_of.entry(t).or_default().push(d);
        }
    }
    let mut shared: Vec<HashMap<usize, u32>> = vec![HashMap::default(); cites.len()];
    for docs in docs_of.values() {
        if docs.len() < 2 || docs.len() > RELATED_CAP {
            continue;
        }
        for &a in docs {
            for &b in docs {
                if a != b {
                    *shared[a].entry(b).or_default() += 1;
                }
            }
        }
    }
    shared.into_iter().map(sorted).collect()
}

fn sorted(m: HashMap<usize, u32>) -> Vec<(usize, u32)> {
    let mut v: Vec<(usize, u32)> = m.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_count_once_per_paragraph_and_headings_pair_with_paragraphs() {
        // Pages: 0 = 2354, 1 = 2341, 2 = 2396, 3 = ARG (a heading), 4 = topic.
        let units = [
            (vec![0, 1], vec![]),
            (vec![0, 1, 2], vec![]),
            (vec![0], vec![3]),
            (vec![4], vec![3]),
            (vec![4, 4], vec![]),
        ];
        let c = count(5, units.iter());
        assert_eq!(c[0], vec![(1, 2), (2, 1), (3, 1)]);
        assert_eq!(c[1], vec![(0, 2), (2, 1)]);
        assert_eq!(c[3], vec![(0, 1), (4, 1)]);
        assert_eq!(c[4], vec![(3, 1)]);
        // Symmetric.
        for (a, list) in c.iter().enumerate() {
            for &(b, n) in list {
                assert!(c[b].contains(&(a, n)), "{a}→{b}");
            }
        }
    }

    #[test]
    fn related_documents_share_citations_and_ignore_non_documents() {
        // 0, 1, 2 documents; 3 an entity page; 4, 5, 6 cited pages.
        let cites = vec![
            vec![(4, 3), (5, 1)],
            vec![(4, 1), (5, 2), (6, 1)],
            vec![(6, 1)],
            vec![(4, 1)],
            vec![],
            vec![],
            vec![],
        ];
        let is_doc = [true, true, true, false, false, false, false];
        let r = related(&cites, &is_doc);
        assert_eq!(r[0], vec![(1, 2)]);
        assert_eq!(r[1], vec![(0, 2), (2, 1)]);
        assert_eq!(r[2], vec![(1, 1)]);
        assert!(r[3].is_empty());
    }

    #[test]
    fn very_common_citations_do_not_relate_documents() {
        let n = RELATED_CAP + 1;
        let mut cites = vec![vec![(n, 1)]; n];
        cites.push(vec![]);
        let mut is_doc = vec![true; n];
        is_doc.push(false);
        assert!(related(&cites, &is_doc).iter().all(Vec::is_empty));
    }
}
