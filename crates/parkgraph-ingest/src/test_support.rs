//! Helpers shared by the unit tests that pin a hand scanner to the code it replaced, in this
//! crate and in `parkgraph-normalize` (which re-exports them). Public but hidden because one
//! crate's `cfg(test)` items are not visible to another; nothing outside tests calls it.

/// A deterministic xorshift64 stream: the random texts such tests compare on are the same in
/// every run, so a failure reproduces.
pub struct Xorshift(u64);

impl Xorshift {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next number of the stream.
    pub fn next_u64(&mut self) -> u64 {
        let x = &mut self.0;
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }

    /// The next number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `len` pieces drawn from `pieces`, joined.
    pub fn text(&mut self, len: usize, pieces: &[&str]) -> String {
        (0..len).map(|_| pieces[self.below(pieces.len())]).collect()
    }

    /// `n` random texts of fewer than `max_len` pieces each, drawn as [`Xorshift::below`] then
    /// [`Xorshift::text`] by a stream seeded with `seed`: the loop every pinning test runs.
    pub fn texts<'p>(
        seed: u64,
        n: usize,
        max_len: usize,
        pieces: &'p [&'p str],
    ) -> impl Iterator<Item = String> + 'p {
        let mut rng = Self::new(seed);
        (0..n).map(move |_| {
            let len = rng.below(max_len);
            rng.text(len, pieces)
        })
    }
}
