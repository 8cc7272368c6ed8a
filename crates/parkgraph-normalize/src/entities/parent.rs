//! Which park a park belongs to (`Park.parent`), within one document.
//!
//! Two ways a page says it:
//! - the profiled park is put inside another park it names: "Jinqiao Development Zone is one of
//!   the four parks of Hohhot Economic and Technological Development Zone", "…, a sub-park of …",
//!   "金桥开发区隶属于呼和浩特经济技术开发区", "…是…的核心园区";
//! - a park the page names as a record of its own is one of the profiled park's `sub_parks`.
//!
//! Only parks that are records of the same page are linked: a name the page gives without
//! making it a park (no place, no catalogue row) has no resource name to point at. Across
//! documents, `resolve::merge_park` keeps a parent like any other field (conflicts as claims).

use std::sync::LazyLock;

use parkgraph_proto::v1::{Evidence, FieldClaim, Park};
use regex::Regex;

use super::refs::ParkRefs;
use super::text::Sentence;

/// A byte span of the body.
type Span = (usize, usize);

/// How much of a sentence before a park's name is searched for a membership cue.
const CUE_WINDOW: usize = 160;

/// An English membership cue ending right before a park's name ("is one of the four parks of
/// (the)"), with the words that open it ("a", "an important") so that what is left before it is
/// the sentence's subject.
static MEMBER_OF_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:(?-u:\b)(?:an?|the)\s+)?(?:(?:important|key|core|major|main|integral|leading)\s+)?(?-u:\b)(?:part|sub[\s-]?parks?|sub[\s-]?zones?|branch(?:\s+parks?)?|component|member)\s+of|(?-u:\b)one\s+of\s+the\s+(?:[\w-]+\s+){0,3}?(?:sub[\s-]?)?(?:parks|zones|areas|parts|sections)\s+(?:of|in|under|within)|(?-u:\b)belongs?\s+to|(?-u:\b)(?:is\s+|was\s+)?under\s+the\s+(?:jurisdiction|administration|management)\s+of|(?-u:\b)(?:is\s+|was\s+)?(?:affiliated|subordinate)\s+(?:to|with))\s+(?:the\s+)?$",
    )
    .expect("member-of regex")
});

/// A Chinese membership verb right before a park's name. 隶属/属于 say it alone; 是/为 only
/// with a part word after the name ([`ZH_PART_AFTER`]).
static MEMBER_OF_ZH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:(?P<of>隶属于|隶属|归属于|属于)|(?:是|为))$").expect("re"));

/// What makes "是 X …" membership: X's (sub-)park, branch, part or "one of its parks", right
/// after the name ("X以东的新区" is not).
static ZH_PART_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^的[\p{Han}]{0,4}?(?:园区|分园|片区|组成部分|一部分|核心区|板块)").expect("re")
});

/// Sets `parent` (with a claim) on the parks of one document. `parks[0]` is the profiled park,
/// `refs` the ways the page refers to it; `mentions` are the body spans of the other parks'
/// names, each with its index in `parks`.
pub(super) fn link(
    body: &str,
    sents: &[Sentence],
    refs: &ParkRefs,
    parks: &mut [Park],
    mentions: &[(usize, Span)],
    evidence: impl Fn(Span) -> Evidence,
) {
    // The profiled park inside another: the first mention that a cue puts it in.
    let inside = mentions.iter().find_map(|&(i, (s, e))| {
        let sent = sents.get(sents.partition_point(|x| x.end <= s))?;
        (sent.start <= s && member_cue(body, sent, (s, e), refs)).then_some((i, sent))
    });
    if let Some((i, sent)) = inside {
        let parent = parks[i].name.clone();
        set_parent(&mut parks[0], parent, evidence((sent.start, sent.end)));
    }
    // Parks the profiled park lists as its sub-parks.
    let Some((main, others)) = parks.split_first_mut() else {
        return;
    };
    for (i, p) in others.iter_mut().enumerate() {
        if p.parent.is_empty() && main.parent != p.name {
            if let Some(sp) = main.sub_parks.iter().find(|sp| is_named(p, sp)) {
                let at = memchr::memmem::find(body.as_bytes(), sp.as_bytes())
                    .map(|s| (s, s + sp.len()))
                    .or_else(|| mentions.iter().find(|m| m.0 == i + 1).map(|m| m.1));
                if let Some(at) = at {
                    set_parent(p, main.name.clone(), evidence(at));
                }
            }
        }
    }
}

/// Whether the sentence `sent` puts the profiled park inside the park named at `s..e`: a
/// membership cue right before the name, with a reference to the profiled park as everything
/// before the cue.
fn member_cue(body: &str, sent: &Sentence, (s, e): Span, refs: &ParkRefs) -> bool {
    let mut from = s.saturating_sub(CUE_WINDOW).max(sent.start);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    let before = &body[from..s];
    if let Some(m) = MEMBER_OF_EN.find(before) {
        return refs.is_subject_prefix(&body[sent.start..from + m.start()]);
    }
    if let Some(c) = MEMBER_OF_ZH.captures(before) {
        let m = c.get(0).expect("whole match");
        let verb_alone = c.name("of").is_some();
        let end = sent.end.max(e);
        return (verb_alone || ZH_PART_AFTER.is_match(&body[e..end]))
            && refs.is_subject_prefix(&body[sent.start..from + m.start()]);
    }
    false
}

/// Whether the park `p` is the sub-park named `sp`: the same Chinese name, or the same
/// distinctive English words (`Shaerqin Park` and `Shaerqin Industrial Park`).
fn is_named(p: &Park, sp: &str) -> bool {
    if !p.name_zh.is_empty() && p.name_zh == sp {
        return true;
    }
    if p.name_en.is_empty() {
        return false;
    }
    let a = super::parks::name_tokens(sp);
    !a.is_empty() && a == super::parks::name_tokens(&p.name_en)
}

fn set_parent(p: &mut Park, parent: String, evidence: Evidence) {
    p.claims.push(FieldClaim {
        field: "parent".into(),
        value: parent.clone(),
        evidence: Some(evidence),
    });
    p.parent = parent;
}
