//! A small binary format for pilcrow's own caches (`build`'s record of
//! what it computed): LEB128 numbers, length-prefixed strings, no
//! schema. Fast to write and to read for ten thousand pages; a reader
//! that meets anything it does not expect gets `None` (the cache is then
//! ignored, never trusted half-read).

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn num(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    pub fn usize(&mut self, n: usize) {
        self.num(n as u64);
    }

    pub fn bool(&mut self, b: bool) {
        self.bytes.push(u8::from(b));
    }

    pub fn raw(&mut self, b: &[u8]) {
        self.usize(b.len());
        self.bytes.extend_from_slice(b);
    }

    pub fn str(&mut self, s: &str) {
        self.raw(s.as_bytes());
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.bool(false),
            Some(s) => {
                self.bool(true);
                self.str(s);
            }
        }
    }

    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.usize(v.len());
        for s in v {
            self.str(s.as_ref());
        }
    }

    pub fn nums(&mut self, v: &[usize]) {
        self.usize(v.len());
        for &n in v {
            self.usize(n);
        }
    }
}

/// Reads what a [`Writer`] wrote, in the same order.
#[derive(Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, pos: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }

    pub fn num(&mut self) -> Option<u64> {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.data.get(self.pos)?;
            self.pos += 1;
            if shift >= 64 {
                return None;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
            shift += 7;
        }
    }

    pub fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.num()?).ok()
    }

    /// A length that must fit in what is left (so a corrupt length never
    /// makes a huge allocation).
    pub fn count(&mut self) -> Option<usize> {
        let n = self.usize()?;
        (n <= self.data.len() - self.pos).then_some(n)
    }

    pub fn bool(&mut self) -> Option<bool> {
        let b = *self.data.get(self.pos)?;
        self.pos += 1;
        match b {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn raw(&mut self) -> Option<&'a [u8]> {
        let n = self.count()?;
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Some(s)
    }

    /// `N` bytes written as they are (a digest).
    pub fn raw_array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let s = self.data.get(self.pos..self.pos.checked_add(N)?)?;
        self.pos += N;
        s.try_into().ok()
    }

    pub fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.raw()?).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub fn opt_string(&mut self) -> Option<Option<String>> {
        match self.bool()? {
            false => Some(None),
            true => self.string().map(Some),
        }
    }

    pub fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.string()).collect()
    }

    pub fn nums(&mut self) -> Option<Vec<usize>> {
        let n = self.count()?;
        (0..n).map(|_| self.usize()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_and_a_cut_never_reads() {
        let mut w = Writer::default();
        w.num(0);
        w.num(u64::MAX);
        w.str("证据 evidence");
        w.opt_str(None);
        w.opt_str(Some("x"));
        w.nums(&[3, 300, 70_000]);
        w.bool(true);
        let mut r = Reader::new(&w.bytes);
        assert_eq!(r.num(), Some(0));
        assert_eq!(r.num(), Some(u64::MAX));
        assert_eq!(r.str(), Some("证据 evidence"));
        assert_eq!(r.opt_string(), Some(None));
        assert_eq!(r.opt_string(), Some(Some("x".into())));
        assert_eq!(r.nums(), Some(vec![3, 300, 70_000]));
        assert_eq!(r.bool(), Some(true));
        assert!(r.at_end());
        // Any cut of the bytes fails to read somewhere, never panics.
        for cut in 0..w.bytes.len() {
            let mut r = Reader::new(&w.bytes[..cut]);
            let whole = (|| {
                r.num()?;
                r.num()?;
                r.str()?;
                r.opt_string()?;
                r.opt_string()?;
                r.nums()?;
                r.bool()
            })();
            assert_eq!(whole, None, "cut at {cut}");
        }
    }
}
