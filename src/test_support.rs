//! Helpers for the crate's own unit tests.

/// A tiny deterministic generator (64-bit LCG) for randomised tests: the
/// same seed gives the same cases on every machine, so a failure replays.
pub(crate) struct Lcg(u64);

impl Lcg {
    pub(crate) fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    pub(crate) fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }

    /// `min..=max` pieces drawn from `parts` (strings or characters),
    /// joined: text made of the fragments most likely to trip a parser.
    pub(crate) fn text<T: std::fmt::Display>(
        &mut self,
        parts: &[T],
        min: usize,
        max: usize,
    ) -> String {
        use std::fmt::Write;
        let n = min + self.next() % (max - min + 1);
        let mut out = String::new();
        for _ in 0..n {
            let _ = write!(out, "{}", parts[self.next() % parts.len()]);
        }
        out
    }
}
