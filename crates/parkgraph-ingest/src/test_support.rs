//! Helpers shared by the unit tests that pin a hand scanner to the code it replaced (the same
//! generator as `parkgraph-normalize`'s; a crate's `cfg(test)` items are not visible to another).

/// A deterministic xorshift64 stream: the random texts such tests compare on are the same in
/// every run, so a failure reproduces.
pub(crate) struct Xorshift(u64);

impl Xorshift {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next number of the stream.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let x = &mut self.0;
        *x ^= *x << 13;
        *x ^= *x >> 7;
        *x ^= *x << 17;
        *x
    }

    /// The next number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `n` random texts of fewer than `max_len` pieces each, drawn from `pieces` by a stream
    /// seeded with `seed`: the loop every pinning test runs.
    pub(crate) fn texts<'p>(
        seed: u64,
        n: usize,
        max_len: usize,
        pieces: &'p [&'p str],
    ) -> impl Iterator<Item = String> + 'p {
        let mut rng = Self::new(seed);
        (0..n).map(move |_| {
            let len = rng.below(max_len);
            (0..len).map(|_| pieces[rng.below(pieces.len())]).collect()
        })
    }
}
