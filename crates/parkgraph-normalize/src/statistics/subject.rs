//! Who a number is about: the document's park or place, or a park named next to the number.

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{Park, Subject, SubjectKind};

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::entities::text::{contains_ci, rfind_ci};
use crate::entities::Context;
use crate::gazetteer::{Division, DivisionLevel, Gazetteer};

/// A subject with the names it goes by in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Who {
    pub subject: Subject,
    /// Names to look for in text (English compared case-insensitively).
    pub names: Vec<String>,
}

fn park_who(p: &Park) -> Who {
    Who {
        subject: park_subject(p),
        names: park_names(p).map(str::to_string).collect(),
    }
}

fn park_subject(p: &Park) -> Subject {
    let name = if p.name_en.is_empty() {
        p.name_zh.clone()
    } else {
        p.name_en.clone()
    };
    Subject {
        kind: SubjectKind::Park as i32,
        id: p.id.clone(),
        name,
    }
}

/// The names of a park to look for in text: English, Chinese, aliases, of 3 characters or more.
fn park_names(p: &Park) -> impl Iterator<Item = &str> {
    [p.name_en.as_str(), p.name_zh.as_str()]
        .into_iter()
        .chain(p.aliases.iter().map(String::as_str))
        .filter(|n| n.chars().count() >= 3)
}

fn named_who(name: &str, kind: SubjectKind) -> Who {
    Who {
        subject: Subject {
            kind: kind as i32,
            id: crate::slug::slug(name, "p"),
            name: name.to_string(),
        },
        names: vec![name.to_string()],
    }
}

fn place_who(code: &str, kind: SubjectKind, name: &str) -> Who {
    Who {
        subject: Subject {
            kind: kind as i32,
            id: code.to_string(),
            name: name.to_string(),
        },
        names: vec![name.to_string()],
    }
}

fn division_who(d: &Division) -> Who {
    let kind = if d.level == DivisionLevel::Region {
        SubjectKind::Region
    } else {
        SubjectKind::City
    };
    place_who(&d.code, kind, d.display_en())
}

/// The title without bracketed remarks and site chrome.
fn clean_title(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut depth = 0;
    for c in t.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = (depth - 1).max(0),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split(['|', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}

fn park_like(name: &str) -> bool {
    let l = name.trim().to_ascii_lowercase();
    [
        "industrial park",
        " park",
        " zone",
        "industrial base",
        "园区",
        "产业园",
        "工业园",
        "开发区",
        "高新区",
        "经开区",
        "示范区",
        "产业城",
    ]
    .iter()
    .any(|s| l.ends_with(s))
}

/// The place `text` is about, from the gazetteer: the first city (league) named, or the city of
/// the first county named, else the region.
fn place_in(text: &str) -> Option<Who> {
    let g = Gazetteer::get();
    let mut region = None;
    for m in g.find_places(text) {
        let Some(d) = g.by_code(&m.code) else {
            continue;
        };
        if d.level == DivisionLevel::Region {
            region.get_or_insert(d);
            continue;
        }
        if let Some(city) = g.city_of(d) {
            return Some(division_who(city));
        }
    }
    region.map(division_who)
}

/// The document's main subject: the context's main park when the title names it (or the
/// context gives no place), else the context's place; without context, a park named by the
/// title, else the place the title or the lead names.
pub(crate) fn main_subject(doc: &ParsedDocument, ctx: &Context) -> Option<Who> {
    let title = clean_title(&doc.title);
    let head = title
        .split_once(['：', ':'])
        .map(|(h, _)| h.trim().to_string());
    let park_title = park_like(&title) || head.as_deref().is_some_and(park_like);
    if let Some(p) = ctx.parks.first() {
        let w = park_who(p);
        let named = w.names.iter().any(|n| contains_ci(&title, n));
        if named || (ctx.place.is_none() && park_title) {
            return Some(w);
        }
    }
    if let Some(pl) = &ctx.place {
        return Some(place_who(&pl.code, pl.kind, &pl.name_en));
    }
    if park_like(&title) {
        return Some(named_who(&title, SubjectKind::Park));
    }
    if let Some(h) = head.filter(|h| park_like(h)) {
        return Some(named_who(&h, SubjectKind::Park));
    }
    if let Some(w) = place_in(&title) {
        return Some(w);
    }
    if let Some(p) = ctx.parks.first() {
        return Some(park_who(p));
    }
    let lead: String = doc
        .summary
        .iter()
        .map(String::as_str)
        .chain(doc.body.split("\n\n").take(1))
        .collect();
    place_in(&lead)
}

/// A park a number may be about when named in its clause, with the names it goes by (borrowed
/// from the context). Its subject (an id slug for a sub-park) is built when first named: most
/// candidates never are.
pub(crate) struct Candidate<'c> {
    names: Vec<&'c str>,
    of: CandidateOf<'c>,
    subject: std::cell::OnceCell<Subject>,
}

enum CandidateOf<'c> {
    Park(&'c Park),
    SubPark(&'c str),
}

impl Candidate<'_> {
    pub(crate) fn subject(&self) -> &Subject {
        self.subject.get_or_init(|| match self.of {
            CandidateOf::Park(p) => park_subject(p),
            CandidateOf::SubPark(s) => named_who(s, SubjectKind::Park).subject,
        })
    }
}

/// Other parks a number may be about when named in its clause: the context's parks and the
/// main park's sub-parks.
pub(crate) fn park_candidates(ctx: &Context) -> Vec<Candidate<'_>> {
    let mut out: Vec<Candidate> = ctx
        .parks
        .iter()
        .map(|p| Candidate {
            names: park_names(p).collect(),
            of: CandidateOf::Park(p),
            subject: std::cell::OnceCell::new(),
        })
        .collect();
    if let Some(p) = ctx.parks.first() {
        for s in &p.sub_parks {
            if s.chars().count() >= 4
                && !out
                    .iter()
                    .any(|w| w.names.iter().any(|n| n.eq_ignore_ascii_case(s)))
            {
                out.push(Candidate {
                    names: vec![s.as_str()],
                    of: CandidateOf::SubPark(s),
                    subject: std::cell::OnceCell::new(),
                });
            }
        }
    }
    out
}

/// The candidate named last in `clause` (text before the number), if any.
pub(crate) fn named_in<'a, 'c>(
    clause: &str,
    candidates: &'a [Candidate<'c>],
) -> Option<&'a Candidate<'c>> {
    let mut best: Option<(usize, &Candidate)> = None;
    for w in candidates {
        for n in &w.names {
            if let Some(i) = rfind_ci(clause, n) {
                if best.is_none_or(|(b, _)| i > b) {
                    best = Some((i, w));
                }
            }
        }
    }
    best.map(|(_, w)| w)
}

/// The names of the gazetteer's cities (leagues), English (and variants) and Chinese, in one
/// automaton: a linear scan of a whole body; with the owner division of each pattern and, per
/// byte, whether some name holds it (either case of an ASCII letter): no match crosses a byte
/// that none holds.
#[allow(clippy::type_complexity)]
static CITY_NAMES: LazyLock<(AhoCorasick, Vec<usize>, [bool; 256])> = LazyLock::new(|| {
    let g = Gazetteer::get();
    let mut pats: Vec<String> = Vec::new();
    let mut owner = Vec::new();
    for (i, d) in g.divisions().iter().enumerate() {
        // cities (leagues) and county-level cities (二连浩特市 Erenhot, 满洲里市 Manzhouli)
        let county_city = d.level == DivisionLevel::County && d.name_zh.ends_with('市');
        if d.level != DivisionLevel::City && !county_city {
            continue;
        }
        let names = [
            d.name_en.clone(),
            d.short_en.clone(),
            d.name_zh.clone(),
            d.short_zh.clone(),
        ]
        .into_iter()
        .chain(d.variants.iter().cloned());
        for n in names {
            let n = n.trim().to_string();
            let ok = if n.is_ascii() {
                n.len() >= 4
            } else {
                n.chars().count() >= 2
            };
            if ok && !pats.contains(&n) {
                pats.push(n);
                owner.push(i);
            }
        }
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        // ~100 names, many non-ASCII: the default (a contiguous NFA) costs about twice the
        // DFA per body byte; same matches either way
        .kind(Some(AhoCorasickKind::DFA))
        .build(&pats)
        .unwrap_or_else(|_| {
            AhoCorasick::new(Vec::<String>::new()).unwrap_or_else(|_| unreachable!())
        });
    let mut in_name = [false; 256];
    for b in pats.iter().flat_map(|p| p.bytes()) {
        in_name[b.to_ascii_lowercase() as usize] = true;
        in_name[b.to_ascii_uppercase() as usize] = true;
    }
    (ac, owner, in_name)
});

/// Whether a city named right before `after` is the subject of its sentence ("Erenhot is
/// currently working …", "Erenhot has built up …"), making it the topic of its paragraph.
pub(crate) fn opens_topic(after: &str) -> bool {
    static TOPIC_VERB: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^\s+(?:(?:now|currently|also|has\s+also|already)\s+)?(?:is|has|have|was|plans|planned|will|boasts|hosts|owns|built|developed|launched)\b").expect("re")
    });
    TOPIC_VERB.is_match(after)
}

/// Cities (leagues) named in `body`, with byte spans, for region documents. English names
/// count when capitalised and on word boundaries.
#[cfg(test)]
pub(crate) fn city_mentions(body: &str) -> Vec<(usize, usize, Who)> {
    let mut out = Vec::new();
    city_mentions_into(body, 0, body.len(), &mut out);
    out
}

/// [`city_mentions`] of the paragraphs a number's subject reads: the text from its paragraph's
/// start to the number (`at`: the numbers' starts, ascending), instead of the whole body: a city
/// is looked up only in a number's clause or earlier in its paragraph, ending before the number.
/// Each searched stretch starts at 0, after a blank line or where the one before it stopped,
/// and stops at a newline or at the first byte at or after a number that no name holds (the
/// number's digit, mostly), so no match of the whole body crosses its edges and the
/// leftmost-longest matches inside it are the same; the rest of the number's line after it is
/// searched only for a later number.
pub(crate) fn city_mentions_near(
    body: &str,
    at: impl Iterator<Item = usize>,
) -> Vec<(usize, usize, Who)> {
    let in_name = &CITY_NAMES.2;
    let b = body.as_bytes();
    let mut out = Vec::new();
    // searched up to here: 0, just after a newline or a byte no name holds
    let mut done = 0;
    let mut at = at.peekable();
    while let Some(p) = at.next() {
        if p < done {
            continue;
        }
        let lo = last_blank_line(&b[done..p]).map_or(done, |i| done + i + 2);
        let line_end = memchr::memchr(b'\n', &b[p..]).map_or(b.len(), |i| p + i);
        // the later numbers of the line are covered by one stretch up to the last of them
        let mut last = p;
        while let Some(&q) = at.peek() {
            if q >= line_end {
                break;
            }
            last = last.max(q);
            at.next();
        }
        let mut hi = b[last..line_end]
            .iter()
            .position(|&x| !in_name[x as usize])
            .map_or(line_end, |i| last + i);
        // a byte no name holds may be a character's second or third: no name holds that
        // character either, so the stretch stops at its start (a string slice must)
        while !body.is_char_boundary(hi) {
            hi -= 1;
        }
        city_mentions_into(body, lo, hi, &mut out);
        done = hi;
    }
    out
}

/// `city_mentions_near` as it was (each number's paragraph start to its line end): the oracle
/// of its pinning test.
#[cfg(test)]
fn city_mentions_to_line_end(
    body: &str,
    at: impl Iterator<Item = usize>,
) -> Vec<(usize, usize, Who)> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut done = 0;
    for p in at {
        if p < done {
            continue;
        }
        let lo = last_blank_line(&b[done..p]).map_or(done, |i| done + i + 2);
        let hi = memchr::memchr(b'\n', &b[p..]).map_or(b.len(), |i| p + i + 1);
        city_mentions_into(body, lo, hi, &mut out);
        done = hi;
    }
    out
}

/// `text.rfind("\n\n")` (see `statistics::last_blank_line`).
fn last_blank_line(b: &[u8]) -> Option<usize> {
    memchr::memrchr_iter(b'\n', b)
        .find(|&i| i > 0 && b[i - 1] == b'\n')
        .map(|i| i - 1)
}

/// The city mentions inside `body[lo..hi]`, pushed onto `out` (word boundaries read in `body`).
fn city_mentions_into(body: &str, lo: usize, hi: usize, out: &mut Vec<(usize, usize, Who)>) {
    let g = Gazetteer::get();
    let (ac, owner, _) = &*CITY_NAMES;
    let b = body.as_bytes();
    for m in ac.find_iter(&body[lo..hi]) {
        let (start, end) = (lo + m.start(), lo + m.end());
        let text = &body[start..end];
        if text.is_ascii() {
            let boundary = start == 0 || !b[start - 1].is_ascii_alphanumeric();
            let after = b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric());
            if !(boundary && after && text.starts_with(|c: char| c.is_ascii_uppercase())) {
                continue;
            }
        }
        if let Some(d) = g.divisions().get(owner[m.pattern().as_usize()]) {
            out.push((start, end, division_who(d)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` random texts of up to 30 `pieces` (seeded by `seeds.0`), each with fewer than
    /// `max_at` ascending positions at character boundaries (seeded by `seeds.1`).
    fn texts_and_positions<'a>(
        seeds: (u64, u64),
        n: usize,
        max_at: usize,
        pieces: &'a [&'a str],
    ) -> impl Iterator<Item = (String, Vec<usize>)> + 'a {
        let mut rng = crate::test_support::Xorshift::new(seeds.1);
        crate::test_support::Xorshift::texts(seeds.0, n, 30, pieces).map(move |t| {
            let mut at: Vec<usize> = (0..rng.below(max_at))
                .map(|_| rng.below(t.len() + 1))
                .filter(|&p| t.is_char_boundary(p))
                .collect();
            at.sort_unstable();
            (t, at)
        })
    }

    /// City names as the pin tests' texts write them (first in each piece list).
    const CITY_PIECES: [&str; 9] = [
        "Hohhot",
        "hohhot",
        "Baotou",
        "Baotou City",
        "Erenhot",
        "呼和浩特",
        "呼和浩特市",
        "包头",
        "二连浩特市",
    ];

    /// A mention as the tests compare it: its span and its city's id.
    fn key(m: &(usize, usize, Who)) -> (usize, usize, String) {
        (m.0, m.1, m.2.subject.id.clone())
    }

    /// The old stretches' mentions (each position's paragraph start to its line end) are those
    /// of the whole body inside them.
    #[test]
    fn city_mentions_to_line_end_match_the_whole_body_scan_in_their_paragraphs() {
        let pieces = [
            CITY_PIECES.as_slice(),
            &[
                "Ordos", "\n", "\n\n", "\n\n\n", " ", "a", "1", ",", "中", "x\ny",
            ],
        ]
        .concat();
        let seeds = (0x510e_527f_ade6_82d1, 0x6a09_e667_f3bc_c908);
        for (t, at) in texts_and_positions(seeds, 3_000, 5, &pieces) {
            let windows: Vec<(usize, usize)> = at
                .iter()
                .map(|&p| {
                    let lo = t[..p].rfind("\n\n").map_or(0, |i| i + 2);
                    let hi = t[p..].find('\n').map_or(t.len(), |i| p + i + 1);
                    (lo, hi)
                })
                .collect();
            let want: Vec<_> = city_mentions(&t)
                .iter()
                .filter(|m| windows.iter().any(|&(lo, hi)| lo <= m.0 && m.1 <= hi))
                .map(key)
                .collect();
            let got: Vec<_> = city_mentions_to_line_end(&t, at.iter().copied())
                .iter()
                .map(key)
                .collect();
            assert_eq!(got, want, "{t:?} {at:?}");
        }
    }

    /// The mentions near some positions are some of the old line-end stretches' mentions (in
    /// order), among them every one from a position's paragraph start to the position, which
    /// are all that the subject lookup reads.
    #[test]
    fn city_mentions_near_keep_every_mention_before_each_position() {
        let pieces = [
            CITY_PIECES.as_slice(),
            &[
                "二", "Ordos", "\n", "\n\n", " ", "a", "1", "25", ",", "$", "RMB", "中", "x\ny",
                "五", "万", "亿", "九", "年", "％", "项",
            ],
        ]
        .concat();
        let seeds = (0x1f83_d9ab_fb41_bd6b, 0x9b05_688c_2b3e_6c1f);
        for (t, at) in texts_and_positions(seeds, 4_000, 6, &pieces) {
            let old: Vec<_> = city_mentions_to_line_end(&t, at.iter().copied())
                .iter()
                .map(key)
                .collect();
            let got: Vec<_> = city_mentions_near(&t, at.iter().copied())
                .iter()
                .map(key)
                .collect();
            let mut k = 0;
            for g in &got {
                while k < old.len() && old[k] != *g {
                    k += 1;
                }
                assert!(k < old.len(), "{t:?} {at:?}: {g:?} not in {old:?}");
            }
            for &p in &at {
                let lo = t[..p].rfind("\n\n").map_or(0, |i| i + 2);
                for m in old.iter().filter(|m| lo <= m.0 && m.1 <= p) {
                    assert!(got.contains(m), "{t:?} {at:?}: {m:?} missing");
                }
            }
        }
    }

    /// A number followed by a Chinese character whose lead byte is in a city name and a later
    /// byte is in none: the stretch stops at that character's start, not inside it.
    #[test]
    fn city_mentions_near_stop_at_a_character_start() {
        let in_name = &CITY_NAMES.2;
        let mut tried = 0;
        for c in ('\u{4e00}'..='\u{9fff}').filter(|c| {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            in_name[b[0] as usize] && b[1..].iter().any(|&x| !in_name[x as usize])
        }) {
            for t in [format!("呼和浩特{c}市"), format!("包头{c}五{c}\n呼和浩特")] {
                let at = [t.find(c).unwrap_or(0)];
                let old = city_mentions_to_line_end(&t, at.iter().copied());
                let got = city_mentions_near(&t, at.iter().copied());
                let before = |v: &[(usize, usize, Who)]| -> Vec<(usize, usize)> {
                    v.iter()
                        .filter(|m| m.1 <= at[0])
                        .map(|m| (m.0, m.1))
                        .collect()
                };
                assert_eq!(before(&got), before(&old), "{t:?}");
            }
            tried += 1;
        }
        assert!(tried > 0, "no such character: the test tests nothing");
    }

    /// No city name holds a newline: the stretches `city_mentions_near` searches end at one.
    #[test]
    fn no_city_name_holds_a_newline() {
        for d in Gazetteer::get().divisions() {
            for n in [&d.name_en, &d.short_en, &d.name_zh, &d.short_zh]
                .into_iter()
                .chain(&d.variants)
            {
                assert!(!n.trim().contains('\n'), "{n:?}");
            }
        }
    }

    #[test]
    fn fallback_from_title() {
        let doc = ParsedDocument {
            title:
                "Inner Mongolia Togtoh Industrial Park (autonomous region-level development zone)"
                    .into(),
            ..Default::default()
        };
        let w = main_subject(&doc, &Context::default()).unwrap();
        assert_eq!(w.subject.name, "Inner Mongolia Togtoh Industrial Park");
        assert_eq!(w.subject.kind, SubjectKind::Park as i32);
        let doc = ParsedDocument {
            title: "呼和浩特：做强六大产业集群".into(),
            ..Default::default()
        };
        let w = main_subject(&doc, &Context::default()).unwrap();
        assert_eq!(
            (w.subject.name.as_str(), w.subject.id.as_str()),
            ("Hohhot", "150100")
        );
        let doc = ParsedDocument {
            title: "Inner Mongolia speeds up industry, information development".into(),
            ..Default::default()
        };
        let w = main_subject(&doc, &Context::default()).unwrap();
        assert_eq!(w.subject.kind, SubjectKind::Region as i32);
    }
}
