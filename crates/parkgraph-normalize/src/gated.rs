//! Regexes behind cue words.
//!
//! Most attribute patterns run over every sentence and match almost none: a case-insensitive
//! alternation of dozens of words has no literal prefilter, so the regex engine walks each
//! sentence byte by byte. Every such pattern needs at least one of a few words to match at all
//! ("level" for `national-level zone`); looking for those words first (one small Aho-Corasick
//! automaton, ASCII case-insensitive) skips the regex on most sentences and changes no result.

use std::sync::atomic::{AtomicUsize, Ordering};

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, MatchKind};
use regex::{Captures, Match, Regex};

/// A regex plus words of which every match contains at least one.
#[derive(Debug)]
pub struct Gated {
    /// Names the pattern in a [`CueIndex`] (one number per `Gated` ever built).
    id: usize,
    cues: AhoCorasick,
    words: Vec<String>,
    /// Per word, the offset of its rarest letter (see [`rare_byte`]).
    anchors: Vec<usize>,
    re: Regex,
}

impl Gated {
    /// `cues`: words (ASCII case-insensitive) at least one of which occurs in every match of
    /// `pattern`. A cue missing from the list loses matches, so keep them broad.
    pub fn new(cues: &[&str], pattern: &str) -> Self {
        assert!(!cues.is_empty(), "a gated regex needs cue words");
        let words: Vec<String> = cues.iter().map(|w| w.to_ascii_lowercase()).collect();
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            cues: case_insensitive(MatchKind::LeftmostFirst, cues),
            anchors: words.iter().map(|w| rare_byte(w)).collect(),
            words,
            re: Regex::new(pattern).expect("gated regex"),
        }
    }

    /// Whether `text` has a cue word, i.e. whether the regex could match.
    pub fn may_match(&self, text: &str) -> bool {
        // a few words: a byte search per word, for its rarest letter, passes over a text in a
        // fraction of the automaton's per-byte steps
        if self.words.len() <= FEW_WORDS {
            self.words
                .iter()
                .zip(&self.anchors)
                .any(|(w, &k)| crate::entities::text::contains_ci_at(text, w, k))
        } else {
            self.cues.is_match(text)
        }
    }

    /// [`Regex::captures_iter`], after the cue check (nothing when no cue word occurs).
    #[cfg(test)]
    pub fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        self.captures_iter_if(self.may_match(text), text)
    }

    /// Whether a text scanned by a [`CueIndex`] has a cue word of this pattern.
    pub fn may_match_in(&self, c: &Cues<'_, '_>) -> bool {
        c.may_match(self)
    }

    /// [`Regex::is_match`] on a text scanned by a [`CueIndex`] (the extractors use the match
    /// itself now; the tests compare the cue check with the regex through it).
    #[cfg(test)]
    pub fn is_match_in(&self, c: &Cues<'_, '_>) -> bool {
        c.may_match(self) && self.re.is_match(c.text)
    }

    /// [`Regex::find`] on a text scanned by a [`CueIndex`].
    pub fn find_in<'t>(&self, c: &Cues<'_, 't>) -> Option<Match<'t>> {
        self.find_if(c.may_match(self), c.text)
    }

    /// [`Regex::captures`] on a text scanned by a [`CueIndex`].
    pub fn captures_in<'t>(&self, c: &Cues<'_, 't>) -> Option<Captures<'t>> {
        self.captures_if(c.may_match(self), c.text)
    }

    /// [`Regex::find_iter`] on a text scanned by a [`CueIndex`] (nothing when no cue word occurs).
    pub fn find_iter_in<'r, 't>(
        &'r self,
        c: &Cues<'_, 't>,
    ) -> impl Iterator<Item = Match<'t>> + use<'r, 't> {
        let it = c.may_match(self).then(|| self.re.find_iter(c.text));
        it.into_iter().flatten()
    }

    /// The regex itself (tests compare hand readings of its groups with it).
    #[cfg(test)]
    pub fn re(&self) -> &Regex {
        &self.re
    }

    /// [`Gated::captures_iter`] on a text scanned by a [`CueIndex`] (the extractors read groups
    /// off `find` matches now; tests still compare with the capture engine).
    #[cfg(test)]
    pub fn captures_iter_in<'r, 't>(
        &'r self,
        c: &Cues<'_, 't>,
    ) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        self.captures_iter_if(c.may_match(self), c.text)
    }

    fn find_if<'t>(&self, open: bool, text: &'t str) -> Option<Match<'t>> {
        open.then(|| self.re.find(text)).flatten()
    }

    fn captures_if<'t>(&self, open: bool, text: &'t str) -> Option<Captures<'t>> {
        open.then(|| self.re.captures(text)).flatten()
    }

    #[cfg(test)]
    fn captures_iter_if<'r, 't>(
        &'r self,
        open: bool,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        let it: Option<regex::CaptureMatches<'r, 't>> = open.then(|| self.re.captures_iter(text));
        it.into_iter().flatten()
    }
}

/// The cue words of several gated regexes in one automaton. A sentence meets a dozen or more
/// patterns; scanning it once for all their cues, instead of once per pattern, answers every
/// member's cue check with a bit.
#[derive(Debug)]
pub struct CueIndex {
    words: OverlappingDfa,
    /// Per word: the members (bit = position in `members`) it is a cue of.
    owners: Vec<u64>,
    /// Every member's bit: a scan stops once all are found.
    all: u64,
    /// Per [`Gated::id`], the member's bit, or [`NOT_MEMBER`]: a lookup, where searching the
    /// members ran a dozen times per sentence.
    bit_of: Vec<u8>,
}

const NOT_MEMBER: u8 = u8::MAX;

impl CueIndex {
    /// At most 64 members.
    pub fn new(members: &[&Gated]) -> Self {
        assert!(members.len() <= 64, "a cue index holds at most 64 patterns");
        let mut words: Vec<&str> = Vec::new();
        let mut owners: Vec<u64> = Vec::new();
        for (bit, g) in members.iter().enumerate() {
            for w in &g.words {
                match words.iter().position(|x| x == w) {
                    Some(i) => owners[i] |= 1 << bit,
                    None => {
                        words.push(w);
                        owners.push(1 << bit);
                    }
                }
            }
        }
        Self {
            // overlapping search below: every cue word present, also inside another one
            words: overlapping_dfa(&words),
            all: owners.iter().fold(0, |a, b| a | b),
            owners,
            bit_of: {
                let len = members.iter().map(|g| g.id + 1).max().unwrap_or(0);
                let mut bit_of = vec![NOT_MEMBER; len];
                for (bit, g) in members.iter().enumerate() {
                    bit_of[g.id] = bit as u8;
                }
                bit_of
            },
        }
    }

    /// The cue words in `text`.
    pub fn scan<'i, 't>(&'i self, text: &'t str) -> Cues<'i, 't> {
        let mut found = 0u64;
        for_each_overlapping(&self.words, text.as_bytes(), |pattern, _| {
            found |= self.owners[pattern];
            found != self.all
        });
        Cues {
            index: self,
            text,
            found,
        }
    }
}

/// A text and which members of a [`CueIndex`] have a cue word in it.
#[derive(Debug, Clone, Copy)]
pub struct Cues<'i, 't> {
    index: &'i CueIndex,
    text: &'t str,
    found: u64,
}

impl Cues<'_, '_> {
    /// Whether `g` could match; a pattern outside the index is checked on its own. Inlined: it
    /// runs a dozen times per sentence and is a lookup and a bit test.
    #[inline]
    fn may_match(&self, g: &Gated) -> bool {
        match self.index.bit_of.get(g.id) {
            Some(&bit) if bit != NOT_MEMBER => self.found & (1 << bit) != 0,
            _ => g.may_match(self.text),
        }
    }
}

/// Up to this many cue words, [`Gated::may_match`] searches for each on its own.
const FEW_WORDS: usize = 4;

/// The offset of the least frequent byte of `word` in English text (letters ranked by
/// frequency; anything else counts as common).
fn rare_byte(word: &str) -> usize {
    const RARE_FIRST: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";
    let rank = |b: u8| {
        RARE_FIRST
            .iter()
            .position(|&c| c == b.to_ascii_lowercase())
            .unwrap_or(RARE_FIRST.len())
    };
    (0..word.len())
        .min_by_key(|&i| rank(word.as_bytes()[i]))
        .unwrap_or(0)
}

/// The transitions of an ASCII case-insensitive Aho-Corasick DFA, for [`for_each_overlapping`].
///
/// The automaton's own table maps each byte to a class first and checks two bounds per byte, and
/// the loop over it spilled registers (and compiled differently from build to build): one row of
/// 256 next states per state, with the dead and match states numbered first, is one load and one
/// compare per byte. A transition into such a special state holds its number plus the number of
/// rows: the bounds check on the next row is the test for a match too.
#[derive(Debug)]
pub(crate) struct OverlappingDfa {
    rows: Vec<[u16; 256]>,
    start: u16,
    /// The dead state, if reachable (it is not for an unanchored search).
    dead: Option<u16>,
    /// Per special state, its range of `patterns`: its matches in the automaton's order.
    matches: Vec<(u32, u32)>,
    patterns: Vec<u32>,
}

/// An ASCII case-insensitive DFA of non-empty `words` for [`for_each_overlapping`].
pub(crate) fn overlapping_dfa<W: AsRef<[u8]>>(
    words: impl IntoIterator<Item = W>,
) -> OverlappingDfa {
    let words: Vec<W> = words.into_iter().collect();
    assert!(
        words.iter().all(|w| !w.as_ref().is_empty()),
        "no empty words: the start state would match"
    );
    let dfa = aho_corasick::dfa::Builder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .prefilter(false)
        .build(&words)
        .expect("cue words");
    let start = dfa.start_state(Anchored::No).expect("unanchored start");
    // every state reachable from the start, in breadth-first order
    let mut states: Vec<StateID> = vec![start];
    let mut seen: HashMap<StateID, usize> = HashMap::from([(start, 0)]);
    let mut i = 0;
    while i < states.len() {
        for b in 0..=255u8 {
            let next = dfa.next_state(Anchored::No, states[i], b);
            seen.entry(next).or_insert_with(|| {
                states.push(next);
                states.len() - 1
            });
        }
        i += 1;
    }
    let special = |sid: StateID| dfa.is_dead(sid) || dfa.is_match(sid);
    // the special states first, each group in breadth-first order
    let order: Vec<StateID> = states
        .iter()
        .copied()
        .filter(|&s| special(s))
        .chain(states.iter().copied().filter(|&s| !special(s)))
        .collect();
    // a special state's mark (its number plus the number of rows) fits too
    assert!(2 * order.len() <= usize::from(u16::MAX), "too many states");
    let n_special = order.iter().take_while(|&&s| special(s)).count();
    let id: HashMap<StateID, u16> = order
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            let mark = if i < n_special { order.len() } else { 0 };
            (s, (i + mark) as u16)
        })
        .collect();
    let rows = order
        .iter()
        .map(|&s| std::array::from_fn(|b| id[&dfa.next_state(Anchored::No, s, b as u8)]))
        .collect();
    assert!(
        !special(start),
        "no empty words: the start state matches nothing"
    );
    let mut matches = Vec::new();
    let mut patterns = Vec::new();
    for &s in order.iter().take_while(|&&s| special(s)) {
        let lo = patterns.len() as u32;
        if dfa.is_match(s) {
            patterns.extend((0..dfa.match_len(s)).map(|k| dfa.match_pattern(s, k).as_u32()));
        }
        matches.push((lo, patterns.len() as u32));
    }
    OverlappingDfa {
        rows,
        start: id[&start],
        dead: order.iter().position(|&s| dfa.is_dead(s)).map(|i| i as u16),
        matches,
        patterns,
    }
}

/// Every occurrence of `dfa`'s words in `hay`, overlapping, as (pattern, end) in the order of
/// `AhoCorasick::find_overlapping_iter` (by end, then the state's match order), until `f`
/// returns false. The iterator returns to the caller once per match and resumes through a
/// state machine of its own; a plain loop over the bytes costs about half as much.
pub(crate) fn for_each_overlapping(
    dfa: &OverlappingDfa,
    hay: &[u8],
    mut f: impl FnMut(usize, usize) -> bool,
) {
    let rows = dfa.rows.as_slice();
    // a state past the rows is a special state's mark: its matches end before the next byte
    let mut s = usize::from(dfa.start);
    // eight bytes per round: the loop's own counting and end test run once per eight steps
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        for (k, &b) in c.iter().enumerate() {
            let Some(next) = step(dfa, rows, s, b, at + k, &mut f) else {
                return;
            };
            s = next;
        }
        at += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        let Some(next) = step(dfa, rows, s, b, at + k, &mut f) else {
            return;
        };
        s = next;
    }
    if s >= rows.len() {
        marked(dfa, s, hay.len(), &mut f);
    }
}

/// The state after byte `b` at `at` in state `s` (a special state's matches, ending at `at`, are
/// reported first); `None` to stop. One body for the unrolled loop and its remainder.
#[inline(always)]
fn step(
    dfa: &OverlappingDfa,
    rows: &[[u16; 256]],
    s: usize,
    b: u8,
    at: usize,
    f: &mut impl FnMut(usize, usize) -> bool,
) -> Option<usize> {
    let row = match rows.get(s) {
        Some(row) => row,
        None => marked(dfa, s, at, f)?,
    };
    Some(usize::from(row[usize::from(b)]))
}

/// The row of the special state marked `s`, after reporting its matches ending at `end`; `None`
/// to stop.
#[inline(never)]
fn marked<'d>(
    dfa: &'d OverlappingDfa,
    s: usize,
    end: usize,
    f: &mut impl FnMut(usize, usize) -> bool,
) -> Option<&'d [u16; 256]> {
    let real = s - dfa.rows.len();
    report(dfa, real as u16, end, f).then(|| &dfa.rows[real])
}

/// The matches of special state `s` ending at `end`; false to stop.
fn report(
    dfa: &OverlappingDfa,
    s: u16,
    end: usize,
    f: &mut impl FnMut(usize, usize) -> bool,
) -> bool {
    if Some(s) == dfa.dead {
        return false;
    }
    let (lo, hi) = dfa.matches[usize::from(s)];
    dfa.patterns[lo as usize..hi as usize]
        .iter()
        .all(|&p| f(p as usize, end))
}

fn case_insensitive(kind: MatchKind, words: &[impl AsRef<[u8]>]) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(kind)
        .build(words)
        .expect("cue words")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_text_without_a_cue_and_matches_like_the_regex_otherwise() {
        let g = Gated::new(&["level"], r"(?i)(?:national|state)[\s-]+level\s+zone");
        assert!(!g.may_match("A national zone."));
        assert!(
            g.may_match("It is a State-Level zone."),
            "cue check ignores case"
        );
        assert_eq!(
            g.captures_iter("national level zone, state level zone")
                .count(),
            2
        );
        assert_eq!(
            g.captures_iter("level ground").count(),
            0,
            "a cue is not a match"
        );
        assert_eq!(g.captures_iter("no cue here").count(), 0);
    }

    /// Overlapping occurrences of the hand loop against the automaton's iterator.
    fn overlapping_agree(words: &[&str], hay: &str) {
        let ac = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(words)
            .expect("ac");
        let want: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(hay)
            .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
            .collect();
        let dfa = overlapping_dfa(words);
        let mut got = Vec::new();
        for_each_overlapping(&dfa, hay.as_bytes(), |p, end| {
            got.push((p, end - words[p].len(), end));
            true
        });
        assert_eq!(got, want, "{words:?} {hay:?}");
    }

    #[test]
    fn few_word_gates_agree_with_the_automaton() {
        let words: &[&[&str]] = &[
            &["known", "called", "named"],
            &["level"],
            &["a-b", "zz", "é"],
        ];
        for cues in words {
            let g = Gated::new(cues, "x");
            assert!(cues.len() <= FEW_WORDS);
            for t in [
                "",
                "formerly KNOWN as",
                "Named",
                "calle",
                "levels",
                "LEVEL",
                "a-b",
                "A-Bzz",
                "éé",
                "no cue here",
                "kn own",
            ] {
                assert_eq!(g.may_match(t), g.cues.is_match(t), "{cues:?} {t:?}");
            }
        }
        assert_eq!(rare_byte("known"), 0);
        assert_eq!(rare_byte("over"), 1);
    }

    #[test]
    fn overlapping_loop_agrees_with_the_iterator() {
        let words = [
            "level", "lev", "EL", "parks", "park", "ark", "é", "园区", "区",
        ];
        for hay in [
            "",
            "level",
            "A national-LEVEL zone with 3 PARKS and a park.",
            "éé 园区园区 levellevel",
            "sparkle",
        ] {
            overlapping_agree(&words, hay);
        }
    }

    proptest::proptest! {
        #[test]
        fn overlapping_loop_agrees_on_any_text(hay in "[leELvVpPaArRkKs é园区]{0,40}") {
            overlapping_agree(&["level", "lev", "EL", "parks", "park", "ark", "é", "园区", "区", "s"], &hay);
        }
    }

    #[test]
    fn an_index_answers_each_members_cue_check_and_matches_like_the_regex() {
        let patterns = [
            (&["level"][..], r"(?i)national[\s-]+level\s+zone"),
            (&["parks", "Park"][..], r"(?i)(\d+)\s+parks?"),
            (&["zone"][..], r"(?i)zone"),
        ];
        let gated: Vec<Gated> = patterns.iter().map(|(c, p)| Gated::new(c, p)).collect();
        // the third stays outside the index: checked on its own
        let index = CueIndex::new(&[&gated[0], &gated[1]]);
        for text in [
            "A national-LEVEL zone with 3 parks.",
            "3 PARK",
            "no cue",
            "",
            "sub-parks: 2 parks",
        ] {
            let c = index.scan(text);
            for (g, (_, p)) in gated.iter().zip(&patterns) {
                let re = Regex::new(p).expect("re");
                assert_eq!(g.is_match_in(&c), re.is_match(text), "{text}");
                assert_eq!(
                    g.find_in(&c).map(|m| m.range()),
                    re.find(text).map(|m| m.range())
                );
                assert_eq!(g.captures_in(&c).is_some(), re.captures(text).is_some());
                assert_eq!(
                    g.captures_iter_in(&c).count(),
                    re.captures_iter(text).count()
                );
            }
        }
        let c = index.scan("3 parks");
        assert!(!c.may_match(&gated[0]) && c.may_match(&gated[1]));
        assert!(
            !c.may_match(&gated[2]),
            "outside the index: its own cue check"
        );
    }
}
