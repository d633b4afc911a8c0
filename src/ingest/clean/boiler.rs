//! Web boilerplate around a scrape (ads, link farms, tag clouds, site
//! navigation) judged by features of the text, not by phrase lists.
//!
//! The idea of jusText/trafilatura, reduced to what a plain-text scrape
//! still shows: the document is the contiguous run of lines that shares
//! the vocabulary of the document's middle. Every line gets a value —
//! its tokens found in that core vocabulary count for it, the others (and
//! URLs, e-mail addresses, runs of short space-separated tags) against
//! it — and the kept span is the one with the largest total, so only the
//! head and tail can go, and only when they add up to negative.

use std::collections::{HashMap, HashSet};

use crate::ingest::text::is_han;

/// Share of a line's tokens that must come from the core for it to count
/// as content.
const SHARE: f64 = 0.45;

/// Returns the index range of `lines` to keep.
pub fn content_span(lines: &[&str]) -> std::ops::Range<usize> {
    if lines.len() < 3 {
        return 0..lines.len();
    }
    let tokens: Vec<Vec<Token>> = lines.iter().map(|l| tokenize(l)).collect();
    let core = core_vocabulary(lines, &tokens);
    let values: Vec<f64> = lines
        .iter()
        .zip(&tokens)
        .map(|(line, toks)| line_value(line, toks, &core))
        .collect();
    best_span(&values)
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Token {
    /// Two adjacent Han characters.
    Han(char, char),
    /// A lowercased word of letters (any alphabetic script).
    Word(String),
}

pub(crate) fn tokenize(line: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut prev_han: Option<char> = None;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        if word.chars().count() >= 2 {
            out.push(Token::Word(std::mem::take(word)));
        } else {
            word.clear();
        }
    };
    for c in line.chars() {
        if is_han(c) {
            flush(&mut word, &mut out);
            if let Some(p) = prev_han {
                out.push(Token::Han(p, c));
            }
            prev_han = Some(c);
        } else {
            prev_han = None;
            if c.is_alphabetic() {
                word.extend(c.to_lowercase());
            } else {
                flush(&mut word, &mut out);
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

struct Core {
    vocab: HashSet<Token>,
    /// Whether the core has enough Han / word tokens to judge by.
    han: bool,
    words: bool,
}

/// Tokens that occur on at least two lines of the document's middle
/// (the middle 60% of its characters): the vocabulary of the content.
fn core_vocabulary(lines: &[&str], tokens: &[Vec<Token>]) -> Core {
    let total: usize = lines.iter().map(|l| l.len() + 1).sum();
    let (lo, hi) = (total / 5, total - total / 5);
    let mut seen: HashMap<&Token, usize> = HashMap::new();
    let mut pos = 0;
    for (line, toks) in lines.iter().zip(tokens) {
        let mid = pos + line.len() / 2;
        pos += line.len() + 1;
        if mid < lo || mid > hi {
            continue;
        }
        let uniq: HashSet<&Token> = toks.iter().collect();
        for t in uniq {
            *seen.entry(t).or_default() += 1;
        }
    }
    let many_lines = seen.values().filter(|&&n| n >= 2).count() > 30;
    let min_lines = if many_lines { 2 } else { 1 };
    let vocab: HashSet<Token> = seen
        .into_iter()
        .filter(|&(_, n)| n >= min_lines)
        .map(|(t, _)| t.clone())
        .collect();
    let han = vocab.iter().filter(|t| matches!(t, Token::Han(..))).count() >= 40;
    let words = vocab.iter().filter(|t| matches!(t, Token::Word(_))).count() >= 40;
    Core { vocab, han, words }
}

fn line_value(line: &str, toks: &[Token], core: &Core) -> f64 {
    let mut value = 0.0;
    for t in toks {
        let judged = match t {
            Token::Han(..) => core.han,
            Token::Word(_) => core.words,
        };
        if !judged {
            continue;
        }
        value += if core.vocab.contains(t) {
            1.0 - SHARE
        } else {
            -SHARE
        };
    }
    // Links and addresses are navigation, not prose.
    let links = line
        .split_whitespace()
        .filter(|w| {
            w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.'))
        })
        .count();
    value -= 3.0 * links as f64;
    // A tag cloud: many short space-separated items, no sentence punctuation.
    let items: Vec<&str> = line.split_whitespace().collect();
    if items.len() >= 8 {
        let avg =
            items.iter().map(|w| w.chars().count()).sum::<usize>() as f64 / items.len() as f64;
        let has_han = line.chars().any(is_han);
        let punct = line
            .chars()
            .filter(|c| matches!(c, ',' | '.' | '，' | '。' | ';'))
            .count();
        if has_han && avg < 8.0 && punct * 4 < items.len() {
            value -= items.len() as f64;
        }
    }
    value
}

/// The contiguous span with the largest total value; ties keep more lines.
fn best_span(values: &[f64]) -> std::ops::Range<usize> {
    let mut prefix = Vec::with_capacity(values.len() + 1);
    prefix.push(0.0);
    for v in values {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + v);
    }
    let mut best = (f64::MIN, 0, values.len());
    let mut min_at = 0;
    for b in 1..prefix.len() {
        if prefix[b - 1] < prefix[min_at] - 1e-9 {
            min_at = b - 1;
        }
        let sum = prefix[b] - prefix[min_at];
        if sum >= best.0 - 1e-9 {
            best = (sum, min_at, b);
        }
    }
    if best.0 <= 0.0 {
        return 0..values.len();
    }
    best.1..best.2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_prefers_the_heavier_middle() {
        assert_eq!(best_span(&[-2.0, 5.0, -1.0, 3.0, -4.0]), 1..4);
        assert_eq!(best_span(&[0.0, 5.0, 0.0]), 0..3);
    }

    #[test]
    fn tokens_cover_han_and_words() {
        let t = tokenize("网络犯罪 Cybercrime is");
        assert!(t.contains(&Token::Han('网', '络')));
        assert!(t.contains(&Token::Word("cybercrime".into())));
    }
}
