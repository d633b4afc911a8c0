//! The index's terms as dense numbers: a page's terms become term ids as
//! it is tokenised (in parallel), so its part of the index is a sorted
//! run of (term, paragraph) pairs and the merge files each term's
//! postings by its id — no string is hashed, copied or compared again
//! after the page that first met it.
//!
//! Ids are given in whatever order the threads meet terms; nothing
//! written depends on them (shards are sorted by term).

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use rustc_hash::FxHashMap as HashMap;

use crate::search::tokens::{Term, fnv1a};

/// Locks the terms are spread over (by hash), so threads rarely wait.
const SHARDS: usize = 16;

/// A thread's memory of the ids it met is dropped past this many terms
/// (it is rebuilt from the shared map as needed): bounds its size on a
/// site with a very large vocabulary.
const CACHE_TERMS: usize = 1 << 20;

/// Term → id for one index.
pub struct Dictionary {
    shards: Vec<Mutex<HashMap<Box<str>, u32>>>,
    next: AtomicU32,
    /// Term → id copies handed to the pages being tokenised, so the
    /// terms a page shares with the pages before it are found without a
    /// lock.
    caches: Mutex<Vec<Cache>>,
}

/// One tokenising thread's copy of the ids it met: words by their text,
/// characters and pairs of scripts without spaces (most terms of Chinese
/// text) by their code points, hashed as one number.
#[derive(Default)]
pub struct Cache {
    ids: HashMap<Box<str>, u32>,
    /// A character `c` as `c`, a pair `a b` as `a << 32 | b` (`a` is
    /// never 0 in a pair, so the two never meet).
    chars: HashMap<u64, u32>,
}

impl Default for Dictionary {
    fn default() -> Dictionary {
        Dictionary {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
            next: AtomicU32::new(0),
            caches: Mutex::default(),
        }
    }
}

impl Dictionary {
    /// A cache to tokenise one page with; give it back with [`Self::put`].
    pub fn cache(&self) -> Cache {
        self.caches
            .lock()
            .ok()
            .and_then(|mut c| c.pop())
            .unwrap_or_default()
    }

    pub fn put(&self, mut cache: Cache) {
        if cache.ids.len() + cache.chars.len() > CACHE_TERMS {
            cache = Cache::default();
        }
        if let Ok(mut c) = self.caches.lock() {
            c.push(cache);
        }
    }

    /// The id of `term` (as `tokens::terms_of_kind` gives it), a new one
    /// the first time it is met.
    pub fn id_of(&self, cache: &mut Cache, term: Term<'_>) -> u32 {
        let key = match term {
            Term::Word(w) => return self.id(cache, w),
            Term::Char(c) => u64::from(c),
            Term::Pair(a, b) => u64::from(a) << 32 | u64::from(b),
        };
        if let Some(&id) = cache.chars.get(&key) {
            return id;
        }
        let mut text = String::new();
        term.write(&mut text);
        let id = self.shared_id(&text);
        cache.chars.insert(key, id);
        id
    }

    /// The id of `term`, a new one the first time it is met.
    pub fn id(&self, cache: &mut Cache, term: &str) -> u32 {
        if let Some(&id) = cache.ids.get(term) {
            return id;
        }
        let id = self.shared_id(term);
        cache.ids.insert(term.into(), id);
        id
    }

    /// The id of `term` in the map the threads share.
    fn shared_id(&self, term: &str) -> u32 {
        let shard = &self.shards[fnv1a(term.as_bytes()) as usize % SHARDS];
        // A poisoned lock means a thread panicked holding it: the map
        // itself is whole (inserts are single calls).
        let mut map = shard.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(term) {
            Some(&id) => id,
            None => {
                let id = self.next.fetch_add(1, Ordering::Relaxed);
                map.insert(term.into(), id);
                id
            }
        }
    }

    /// How many terms it has numbered.
    pub fn numbered(&self) -> usize {
        self.next.load(Ordering::Relaxed) as usize
    }

    /// Every term, at the place of its id, the dictionary kept (`serve`
    /// numbers the terms of every indexing with one dictionary).
    pub fn terms(&self) -> Vec<Box<str>> {
        let mut terms: Vec<Box<str>> = vec![Box::from(""); self.numbered()];
        for shard in &self.shards {
            let map = shard.lock().unwrap_or_else(|e| e.into_inner());
            for (term, &id) in map.iter() {
                if let Some(t) = terms.get_mut(id as usize) {
                    *t = term.clone();
                }
            }
        }
        terms
    }

    /// Every term, at the place of its id.
    pub fn into_terms(self) -> Vec<Box<str>> {
        let mut terms: Vec<Box<str>> = vec![Box::from(""); self.next.into_inner() as usize];
        for shard in self.shards {
            let map = shard.into_inner().unwrap_or_else(|e| e.into_inner());
            for (term, id) in map {
                terms[id as usize] = term;
            }
        }
        terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_keeps_its_id_across_threads_and_caches() {
        let d = Dictionary::default();
        let mut a = d.cache();
        let mut b = Cache::default();
        let x = d.id(&mut a, "evidence");
        let y = d.id(&mut b, "证据");
        assert_ne!(x, y);
        assert_eq!(d.id(&mut b, "evidence"), x);
        assert_eq!(d.id(&mut a, "证据"), y);
        // A pair is the same term whichever way it is looked up.
        assert_eq!(d.id_of(&mut a, Term::Pair('证', '据')), y);
        let z = d.id_of(&mut b, Term::Char('证'));
        assert_ne!(z, y);
        assert_eq!(d.id(&mut a, "证"), z);
        d.put(a);
        let terms = d.into_terms();
        assert_eq!(&*terms[x as usize], "evidence");
        assert_eq!(&*terms[y as usize], "证据");
    }
}
