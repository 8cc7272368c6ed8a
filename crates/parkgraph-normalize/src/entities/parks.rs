//! Parks: the park a page profiles (from its title) with its attributes, and other parks named
//! with a place (`Hohhot Comprehensive Bonded Zone`, `内蒙古托克托工业园区`).
//!
//! What becomes a park record: the title's park, and names that carry a gazetteer place or match
//! the catalogue, outside the lists of the main park (sub-parks, honours, enterprises) and outside
//! project lists. Sub-parks are names in the main park's `sub_parks`, not records; a park that is
//! a record and that the page puts inside another gets `parent` ([`super::parent`]).

use std::cell::OnceCell;
use std::sync::LazyLock;

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{
    Document, Evidence, FieldClaim, IndustrialChain, Park, ParkKind, ParkLevel,
};
use regex::Regex;

use crate::gated::{CueIndex, Gated};

use super::refs::{it_start, ParkRefs};
use super::text::{
    char_offset, clean_item, contains_ci, contains_ci_at, count_before, cut_en_list, is_han,
    sentences, split_en_list, split_zh_list, Sentence,
};
use crate::gazetteer::{
    clean_en_zone_name, en_key, en_zone_class, zh_zone_class, Division, DivisionLevel, Gazetteer,
    ZH_ZONE_SUFFIXES,
};

/// Parks found in one document.
#[derive(Debug, Clone, Default)]
pub struct ParkExtraction {
    /// Park records; the main park first when there is one.
    pub parks: Vec<Park>,
    /// Whether `parks[0]` is the park the document profiles.
    pub main: bool,
}

/// A byte span of the body.
type Span = (usize, usize);

/// Everything said about the main park.
#[derive(Debug, Default)]
struct Attrs {
    name_zh: Option<(String, Span)>,
    aliases: Vec<String>,
    levels: Vec<(ParkLevel, Span)>,
    established: Vec<(i32, Span)>,
    approved: Vec<(String, Span)>,
    location: Option<(String, Span)>,
    industries: Vec<String>,
    chains: Vec<Vec<String>>,
    sub_parks: Vec<String>,
    enterprises: Vec<String>,
    honors: Vec<String>,
    /// Body spans of the lists above: names inside them are not separate parks.
    lists: Vec<Span>,
}

/// Finds the parks of a document.
pub fn extract(doc: &ParsedDocument, document: &Document) -> ParkExtraction {
    let body = doc.body.as_str();
    let sents = sentences(body);
    // the document record carries the language already (detecting it reads the whole body)
    let zh = if document.language.is_empty() {
        doc.language() == "zh"
    } else {
        document.language == "zh"
    };
    let mut out = ParkExtraction::default();

    // The main park.
    let main_name = if zh {
        main_park_zh(doc, body)
    } else {
        main_park_en(doc, body, &sents)
    };
    let mut attrs = Attrs::default();
    let mut main_key = None;
    let mut main_refs = None;
    // the main name's tokens, for the aliases and for every candidate (`refers_to`)
    let main_tokens = match &main_name {
        Some((en, _, _)) if !en.is_empty() => name_tokens(en),
        _ => Vec::new(),
    };
    if let Some((name_en, name_zh, title_note)) = &main_name {
        let refs = ParkRefs::new(name_en, name_zh, &doc.aliases);
        if zh {
            attrs_zh(body, &sents, &refs, &mut attrs);
        } else {
            let tokens = (refs.primary == *name_en).then_some(main_tokens.as_slice());
            attrs_en(doc, body, &sents, &refs, title_note, tokens, &mut attrs);
        }
        let park = build_park(document, body, name_en, name_zh, &mut attrs, true);
        main_key = Some(match_key(&park).to_string());
        out.parks.push(park);
        out.main = true;
        main_refs = Some(refs);
    }

    // Other parks named with a place, and where each is named (for `parent::link`).
    let mut others: Vec<Park> = Vec::new();
    let mut mentions: Vec<(String, Span)> = Vec::new();
    let candidates = if zh {
        candidates_zh(body)
    } else {
        candidates_en(body, &sents)
    };
    // a page names the same park again and again: whether a name is the main park's is
    // decided once per name
    let mut refers: Vec<(&str, &str, bool)> = Vec::new();
    for c in &candidates {
        if attrs
            .lists
            .iter()
            .any(|(a, b)| c.start >= *a && c.start < *b)
        {
            continue;
        }
        if c.in_project_list {
            continue;
        }
        if let Some((main_en, main_zh, _)) = &main_name {
            let known = refers
                .iter()
                .find(|(en, zh, _)| *en == c.name_en && *zh == c.name_zh);
            let main = match known {
                Some(&(_, _, r)) => r,
                None => {
                    let r = refers_to(&c.name_en, &c.name_zh, main_en, main_zh, &main_tokens);
                    refers.push((&c.name_en, &c.name_zh, r));
                    r
                }
            };
            if main {
                continue;
            }
        }
        let mut a = Attrs::default();
        if !c.name_zh.is_empty() {
            a.name_zh = Some((c.name_zh.clone(), (c.start, c.end)));
        }
        if let Some(l) = c.level {
            a.levels.push((l, (c.start, c.end)));
        }
        let mut park = build_park(document, body, &c.name_en, &c.name_zh, &mut a, false);
        park.evidence = vec![span_evidence(document, body, (c.start, c.end))];
        if main_key.as_deref().is_some_and(|k| k == match_key(&park)) {
            continue;
        }
        mentions.push((park.id.clone(), (c.start, c.end)));
        match others.iter_mut().find(|p| p.id == park.id) {
            Some(existing) => *existing = crate::resolve::merge_park(existing, &park),
            None => others.push(park),
        }
    }
    if let Some(main) = out.parks.first() {
        others.retain(|p| p.id != main.id);
    }
    out.parks.extend(others);
    if let Some(refs) = main_refs.as_ref().filter(|_| out.parks.len() > 1) {
        let mentions: Vec<(usize, Span)> = mentions
            .into_iter()
            .filter_map(|(id, sp)| Some((out.parks.iter().position(|p| p.id == id)?, sp)))
            .filter(|&(i, _)| i > 0)
            .collect();
        super::parent::link(body, &sents, refs, &mut out.parks, &mentions, |sp| {
            span_evidence(document, body, sp)
        });
    }
    out
}

/// [`crate::resolve::park_match_key`] of a park from [`build_park`]: the match key is the id,
/// which `build_park` has computed already (computing it again searched the name for places).
fn match_key(park: &Park) -> &str {
    debug_assert_eq!(park.id, crate::resolve::park_match_key(park));
    // borrowed: each candidate's key is only compared with the main park's
    &park.id
}

// ------------------------------------------------------------------ references to the main park

/// Whether a park name is the main park written another way (`Baotou Park`, `the Ordos High-tech Zone`).
/// `main_tokens` is [`name_tokens`] of `main_en`.
fn refers_to(
    name_en: &str,
    name_zh: &str,
    main_en: &str,
    main_zh: &str,
    main_tokens: &[String],
) -> bool {
    if !name_zh.is_empty() && !main_zh.is_empty() && name_zh == main_zh {
        return true;
    }
    if name_en.is_empty() || main_en.is_empty() {
        return false;
    }
    // a page names its park as the title does again and again: those tokens are at hand
    if name_en == main_en {
        return !main_tokens.is_empty();
    }
    let a = name_tokens(name_en);
    let b = main_tokens;
    !a.is_empty() && a.iter().all(|t| b.contains(t))
}

/// Distinctive lower-case tokens of an English park name (canonical place spellings; zone words,
/// "Inner Mongolia" and connectors dropped).
pub(super) fn name_tokens(name: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the",
        "of",
        "and",
        "inner",
        "mongolia",
        "mongolian",
        "industrial",
        "industry",
        "park",
        "zone",
        "area",
        "economic",
        "development",
        "technological",
        "hi",
        "high",
        "tech",
        "technology",
        "national",
        "new",
    ];
    let canon = Gazetteer::get().canonical_en(&clean_en_zone_name(name));
    en_key(&canon)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|t| !t.is_empty() && !STOP.contains(t))
        .map(String::from)
        .collect()
}

// ------------------------------------------------------------------ the main park, English

/// The park an English page profiles: its title when the title is a zone name, else the zone the
/// first sentence is about on a parks section page. Returns (name_en, name_zh, title note).
fn main_park_en(
    doc: &ParsedDocument,
    body: &str,
    sents: &[Sentence],
) -> Option<(String, String, String)> {
    let title = doc.title.trim();
    let section = doc.section.to_lowercase();
    let parks_section = section.contains("park") || section.contains("zone");
    if let Some(name) = title_zone_name(title, parks_section) {
        let note = TITLE_NOTE
            .captures(title)
            .map(|c| c[1].to_string())
            .unwrap_or_default();
        let zh = bracketed_zh_after(body, &name).unwrap_or_default();
        return Some((name, zh, note));
    }
    if parks_section {
        let first = sents.first()?.text(body);
        let c = candidates_en_in(first, 0, &mut NameChecks::default())
            .into_iter()
            .next()?;
        let before = &first[..c.start];
        let before = FOUNDED_LEAD.replace(before, "");
        if before.trim().trim_start_matches("The").trim().is_empty() {
            return Some((c.name_en, c.name_zh, String::new()));
        }
    }
    None
}

static TITLE_NOTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]([^)）]*)[)）]\s*$").expect("re"));

/// `TITLE_NOTE.replace(s, "")`, the regex run only on a text whose last non-space character is a
/// closing bracket (as every match's is): most names end in a zone word.
fn drop_title_note(s: &str) -> std::borrow::Cow<'_, str> {
    if s.trim_end().ends_with([')', '）']) {
        TITLE_NOTE.replace(s, "")
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}
static FOUNDED_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i)(?:founded|built|established|set up)\s+in\s+[^,]*,\s*").expect("re")
});

/// The zone name of a title that is nothing but a zone name (notes in brackets dropped).
/// A title that starts with a place is a name unless it reads like a headline; on a parks section
/// page a title without a place may be a name too.
fn title_zone_name(title: &str, parks_section: bool) -> Option<String> {
    static INNER_NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[（(](?:national|state-level|national-level)[)）]").expect("re")
    });
    // Words of headlines, not of zone names.
    const HEADLINE: &[&str] = &[
        "to", "in", "at", "on", "with", "as", "into", "from", "by", "over", "is", "are", "gets",
        "sees", "boosts", "attracts", "launches", "opens", "builds", "unveils", "plans", "becomes",
        "hosts", "signs", "adds", "sets", "wins", "marks", "eyes", "targets", "makes", "takes",
        "boost", "attract", "launch", "open", "build", "unveil", "plan", "become", "host", "sign",
        "add", "set", "win", "mark", "eye", "target", "make", "take", "get", "see",
    ];
    let no_inner = INNER_NOTE.replace_all(title, "");
    let cleaned = clean_en_zone_name(&no_inner);
    if cleaned.is_empty() || cleaned.chars().any(is_han) {
        return None;
    }
    en_zone_class(&cleaned)?;
    let ok = cleaned.split_whitespace().all(|w| {
        (w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '"' || c == '“')
            || matches!(w, "and" | "of" | "for" | "&" | "de" | "the"))
            && !HEADLINE.contains(&w.to_lowercase().as_str())
    });
    let words = cleaned.split_whitespace().count();
    let g = Gazetteer::get();
    let place_first = g
        .find_places(&cleaned)
        .first()
        .is_some_and(|p| p.byte_start == 0);
    (ok && words >= 2 && (place_first || parks_section))
        .then(|| no_inner.trim().trim_start_matches("The ").to_string())
        .map(|s| {
            // Keep "(national)" notes out of the name, but the rest as written.
            drop_title_note(&s).trim().to_string()
        })
}

/// A Chinese name in brackets right after `name` in `body`: `Baotou … Park (包头装备制造产业园)`.
fn bracketed_zh_after(body: &str, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let zh_after = |at: usize| {
        let rest = body[at + name.len()..].trim_start();
        let rest = rest.strip_prefix(['(', '（'])?;
        let close = rest.find([')', '）'])?;
        let inner = rest[..close].trim();
        (inner.chars().any(is_han) && zh_zone_class(inner).is_some()).then(|| inner.to_string())
    };
    // Brackets are rare and the name's first letter is not: the occurrences that end right
    // before a bracket are found from the brackets. That is every occurrence the search below
    // tries when no two occurrences can overlap (no border) and the name does not end in a
    // space (then one bracket has one candidate end).
    if !name.ends_with(char::is_whitespace) && !has_border_ci(name) {
        return name_before_brackets(body, name).find_map(zh_after);
    }
    super::text::match_indices_ci(body, name).find_map(zh_after)
}

/// Whether a proper prefix of `s` is also its suffix, ASCII case-insensitively (`"aXa"`): only
/// then may two occurrences overlap.
fn has_border_ci(s: &str) -> bool {
    let b = s.as_bytes();
    let n = b.len();
    // a border of length k starts the suffix at n - k with the first byte: the places of that
    // byte (either case) are found by a byte search, where testing every length compared a byte
    // per length (a name's first letter is rarely in it again)
    let Some(&first) = b.first() else {
        return false;
    };
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &b[1..],
    )
    .map(|i| i + 1)
    .any(|j| b[..n - j].eq_ignore_ascii_case(&b[j..]))
}

/// The starts of the occurrences of `name` (ASCII case-insensitive) that only whitespace
/// separates from a following `(` or `（`, left to right.
fn name_before_brackets<'a>(body: &'a str, name: &'a str) -> impl Iterator<Item = usize> + 'a {
    let b = body.as_bytes();
    memchr::memchr2_iter(b'(', 0xEF, b)
        .filter(move |&p| b[p] == b'(' || body[p..].starts_with('（'))
        .filter_map(move |p| {
            let end = body[..p].trim_end().len();
            let start = end.checked_sub(name.len())?;
            b[start..end]
                .eq_ignore_ascii_case(name.as_bytes())
                .then_some(start)
        })
}

fn attrs_en(
    doc: &ParsedDocument,
    body: &str,
    sents: &[Sentence],
    refs: &ParkRefs,
    note: &str,
    primary_tokens: Option<&[String]>,
    a: &mut Attrs,
) {
    let g = Gazetteer::get();
    let name_en = refs.primary.as_str();
    // Chinese name in brackets after any written form of the name.
    for n in &refs.names {
        if let Some(zh) = bracketed_zh_after(body, n) {
            // a SIMD search (found at a character boundary: `zh` is a whole text)
            let pos = memchr::memmem::find(body.as_bytes(), zh.as_bytes()).unwrap_or(0);
            a.name_zh = Some((zh.clone(), (pos, pos + zh.len())));
            break;
        }
    }
    // Aliases: captions, former names.
    let main_key = en_key(name_en);
    let owned;
    let main_tokens = match primary_tokens {
        Some(t) => t,
        None => {
            owned = name_tokens(name_en);
            &owned
        }
    };
    for al in &doc.aliases {
        let al = al.trim().trim_end_matches("[Photo/]").trim();
        if al.is_empty() {
            continue;
        }
        let cands = candidates_en_in(al, 0, &mut NameChecks::default());
        let alias = match cands.first() {
            Some(c) => c.name_en.clone(),
            None => al.to_string(),
        };
        if crate::gazetteer::en_key_chars(&alias).ne(main_key.chars())
            && refers_to_spelling(&alias, main_tokens)
        {
            push_unique(&mut a.aliases, alias);
        }
    }
    for m in former_names(body) {
        let alias = clean_item(m.as_str());
        if !alias.is_empty() && alias.split_whitespace().count() <= 10 {
            push_unique(&mut a.aliases, alias);
            a.lists.push((m.start(), m.end()));
        }
    }

    // Level from the title note ("(autonomous region-level development zone)").
    if let Some(l) = level_word(note) {
        a.levels.push((l, name_span(body, refs)));
    }
    // a written form of the name with "(national)" inside; most texts have no "(national)" at
    // all, and finding every reference in a whole body is not cheap
    let national_note = |t: &str| {
        contains_ci(t, "(national)")
            && refs
                .find_iter(t)
                .any(|(s, e)| t[s..e].to_lowercase().contains("(national)"))
    };
    if national_note(&doc.title) || national_note(body) {
        a.levels.push((ParkLevel::National, name_span(body, refs)));
    }

    // whether a sentence refers to the main park, asked only of sentences with a cue word of a
    // pattern that needs it (most have none), and at most once (both passes below ask)
    let mentions: Vec<OnceCell<bool>> = vec![OnceCell::new(); sents.len()];
    let mentioned = |si: usize| *mentions[si].get_or_init(|| refs.mentioned(sents[si].text(body)));
    let cues: Vec<_> = sents
        .iter()
        .map(|s| SENTENCE_CUES.scan(s.text(body)))
        .collect();
    for (si, (s, cued)) in sents.iter().zip(&cues).enumerate() {
        let t = s.text(body);
        // Sub-parks.
        // LOCATED's cue words are HAS's too: with both open, one search for either match decides
        // whether each runs with captures (most sentences with "parks" or "areas" have neither)
        let sub_parks = !SUB_PARKS_LOCATED.may_match_in(cued) || SUB_PARKS_EITHER.is_match(t);
        for re in [&*SUB_PARKS_HAS, &*SUB_PARKS_LOCATED] {
            if !sub_parks {
                break;
            }
            // the count is read off the match: capturing ran the NFA over it
            if let Some(whole) = re.find_in(cued) {
                let expected = sub_parks_count(whole.as_str()).and_then(super::text::number_word);
                let rest = &t[whole.end()..];
                let list = cut_en_list(rest);
                let items: Vec<String> = split_en_list(list, expected)
                    .into_iter()
                    .filter(|i| i.split_whitespace().count() <= 12)
                    .collect();
                if !items.is_empty() {
                    a.lists
                        .push((s.start + whole.end(), s.start + whole.end() + list.len()));
                    for i in items {
                        push_unique(&mut a.sub_parks, i);
                    }
                }
            }
        }
        let window = SUB_PARK_THAT
            .may_match_in(cued)
            .then(|| sub_park_that_window(t))
            .flatten();
        if let Some((lo, hi)) = window {
            if mentioned(si) || THERE_IS.is_match(t) {
                for (whole, (gs, ge)) in sub_park_that_in(t, lo, hi) {
                    // "The park is an industrial park that …" describes the park itself.
                    if PREDICATIVE.is_match(&t[..whole.start()]) {
                        continue;
                    }
                    a.lists.push((s.start + gs, s.start + ge));
                    push_unique(&mut a.sub_parks, clean_item(&t[gs..ge]));
                }
            }
        }
    }
    let about_sub_park = |t: &str| {
        if a.sub_parks.is_empty() {
            return false;
        }
        let t = super::text::strip_all_prefixes(t, "The ");
        let t = super::text::strip_all_prefixes(t, "the ");
        // the key of the sentence starts with a sub-park's key
        a.sub_parks.iter().any(|sp| key_starts_with(t, sp))
    };

    // where quotes open ('"', '“'), found in one pass over the body: a sentence without one
    // quotes nothing, and searching each sentence for them stopped at every 0xE2 byte (’, —)
    let opens: Vec<usize> = {
        let b = body.as_bytes();
        let mut v: Vec<usize> = memchr::memchr_iter(b'"', b).collect();
        static CURLY: LazyLock<memchr::memmem::Finder<'static>> =
            LazyLock::new(|| memchr::memmem::Finder::new("“"));
        v.extend(CURLY.find_iter(b));
        v.sort_unstable();
        v
    };
    let quote_opens_in = |s: &Sentence| {
        let i = opens.partition_point(|&p| p < s.start);
        opens.get(i).is_some_and(|&p| p < s.end)
    };

    let mut bullets_for: Option<usize> = None;
    for (si, s) in sents.iter().enumerate() {
        let t = s.text(body);
        if about_sub_park(t) {
            continue;
        }
        let about_main = || mentioned(si);
        let cued = &cues[si];

        // Level.
        let mut official = false; // a level or an approving body: the sentence may date approval
        if (LEVEL_ADJ.may_match_in(cued) || APPROVED_BY.may_match_in(cued)) && about_main() {
            // whole matches only: `find` skips the capture engine
            for m in LEVEL_ADJ.find_iter_in(cued) {
                official = true;
                if let Some(l) = level_word(m.as_str()) {
                    a.levels.push((l, (s.start, s.end)));
                }
            }
            if let Some(c) = APPROVED_BY.captures_in(cued) {
                official = true;
                if let Some(l) = approving_body_level(&c["body"]) {
                    a.levels.push((l, (s.start, s.end)));
                }
            }
        }

        // Approval date.
        if official {
            if let Some(m) = may_have_year(t)
                .then(|| APPROVAL_DATE.find_in(cued))
                .flatten()
            {
                a.approved
                    .push((approval_value(m.as_str()), (s.start, s.end)));
            }
        }

        // Established year. The iterators are built only behind their cue bit: an empty one is
        // still a large struct, copied and dropped for every sentence.
        if ESTABLISHED.may_match_in(cued) && may_have_year(t) {
            for m in ESTABLISHED.find_iter_in(cued) {
                let before = &t[..m.start()];
                let ok = if before.trim().is_empty() {
                    about_main()
                } else {
                    refs.is_subject_prefix(before) || SINCE_IT.is_match(before)
                };
                if ok {
                    if let Ok(y) = established_year(m.as_str()).parse::<i32>() {
                        a.established.push((y, (s.start, s.end)));
                    }
                }
            }
        }

        // Location (one search for the match: an is_match before it searched the sentence twice).
        if let Some(lm) = (a.location.is_none() && LOCATED.may_match_in(cued) && about_main())
            .then(|| LOCATED.find_in(cued))
            .flatten()
        {
            let places = g.find_places(&t[lm.end()..]);
            if let Some(p) = places.iter().find(|p| {
                g.by_code(&p.code)
                    .is_some_and(|d| d.level == DivisionLevel::County)
            }) {
                a.location = Some((p.code.clone(), (s.start, s.end)));
            } else if let Some(p) = places.iter().find(|p| {
                g.by_code(&p.code)
                    .is_some_and(|d| d.level == DivisionLevel::City)
            }) {
                a.location = Some((p.code.clone(), (s.start, s.end)));
            }
        }

        // Industries. The first two share their cue word: one search for either match decides
        // whether each runs.
        let pair = INDUSTRIES_LEADING.may_match_in(cued) && INDUSTRIES_EITHER.is_match(t);
        for (i, re) in [
            &*INDUSTRIES_LEADING,
            &*INDUSTRIES_INCLUDING,
            &*ENGAGED_IN,
            &*STRUCTURE,
        ]
        .into_iter()
        .enumerate()
        {
            if i < 2 && !pair {
                continue;
            }
            if let Some(m) = re.find_in(cued) {
                let rest = &t[m.end()..];
                if rest.trim().is_empty() {
                    if t.trim_end().ends_with(':') {
                        bullets_for = Some(si);
                    }
                    continue;
                }
                let expected =
                    count_before(&t[..m.end()]).or_else(|| count_before(&t[..m.start()]));
                let list = cut_en_list(rest);
                let items: Vec<String> = split_en_list(list, expected)
                    .into_iter()
                    .filter(|i| is_industry_item(i))
                    .collect();
                if items.len() >= 2 || (items.len() == 1 && expected == Some(1)) {
                    for i in items {
                        push_unique(&mut a.industries, i);
                    }
                    break;
                }
            }
        }

        // Enterprises.
        if ENTERPRISES.may_match_in(cued) {
            for m in ENTERPRISES.find_iter_in(cued) {
                let list = cut_en_list(&t[m.end()..]);
                let names = enterprise_items(list);
                if !names.is_empty() {
                    a.lists
                        .push((s.start + m.end(), s.start + m.end() + list.len()));
                    for n in names {
                        push_unique(&mut a.enterprises, n);
                    }
                }
            }
        }
        if FACILITY.may_match_in(cued) && (about_main() || it_start(t)) {
            for m in FACILITY.find_iter_in(cued) {
                let g = m.start() + facility_name_start(m.as_str());
                a.lists.push((s.start + g, s.start + m.end()));
                push_unique(&mut a.enterprises, t[g..m.end()].trim().to_string());
            }
        }

        // Honours.
        if HONORS.may_match_in(cued) && about_main() {
            if let Some(m) = HONORS.find_in(cued) {
                let rest = &t[m.end()..];
                let items = honor_items(rest);
                if !items.is_empty() {
                    a.lists.push((s.start + m.end(), s.end));
                    for i in items {
                        push_unique(&mut a.honors, i);
                    }
                }
            }
        }

        // Industrial chains.
        for q in quote_opens_in(s)
            .then(|| quoted(t, 400))
            .into_iter()
            .flatten()
        {
            // every separator has a '-' or starts with 0xE2 (–, —, →); without one the quote is a
            // single stage, and a chain needs two
            if memchr::memchr2(b'-', 0xE2, q.as_bytes()).is_none() {
                continue;
            }
            // the stages are copied only for a new chain
            let stages: Vec<&str> = chain_split(q)
                .into_iter()
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            let plausible = stages.len() >= 2
                && stages.iter().all(|x| x.split_whitespace().count() <= 10)
                && (stages.len() >= 3 || t.to_lowercase().contains("chain"));
            if plausible && !a.chains.iter().any(|c| c.iter().eq(&stages)) {
                a.chains
                    .push(stages.into_iter().map(String::from).collect());
            }
        }
    }

    // Bullet lists after "… four pillar industries:".
    if let Some(si) = bullets_for {
        let expected = count_before(sents[si].text(body).trim_end_matches(':'));
        for s in sents.iter().skip(si + 1) {
            let t = s.text(body);
            let Some(item) = t
                .strip_prefix("- ")
                .or_else(|| t.strip_prefix("• "))
                .or_else(|| t.strip_prefix("· "))
            else {
                break;
            };
            let head = BULLET_HEAD_END
                .find(item)
                .map(|m| &item[..m.start()])
                .unwrap_or(item);
            let head = clean_item(head.trim_end_matches([';', '.']));
            if !head.is_empty() && head.split_whitespace().count() <= 8 {
                push_unique(&mut a.industries, head);
            }
            if let Some(m) = BULLET_COMPANIES.find(item) {
                let list = cut_en_list(&item[m.end()..]);
                for n in enterprise_items(list) {
                    push_unique(&mut a.enterprises, n);
                }
            }
            if expected.is_some_and(|n| a.industries.len() >= n) {
                break;
            }
        }
    }
}

/// The `year` group of an [`ESTABLISHED`] match: the match ends with it, `(?:19|20)\d\d`, four
/// characters (the two digits may be any Unicode digits).
fn established_year(m: &str) -> &str {
    let at = m.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
    &m[at..]
}

/// Whether `t` may hold the year of an [`ESTABLISHED`] or [`APPROVAL_DATE`] match: "19" or "20"
/// after white space or '-' (`[\s-]+` after "mid"; a non-ASCII byte may end a white space
/// character), then a digit (a non-ASCII byte may start one; `\d` is Unicode). The cue words of
/// ESTABLISHED ("set", "construction") are in many sentences without a year.
fn may_have_year(t: &str) -> bool {
    let b = t.as_bytes();
    memchr::memchr2_iter(b'1', b'2', b).any(|i| {
        i > 0
            && matches!(b[i - 1], b' ' | b'\t'..=b'\r' | b'-' | 0x80..)
            && matches!(
                (b[i], b.get(i + 1)),
                (b'1', Some(b'9')) | (b'2', Some(b'0'))
            )
            && b.get(i + 2)
                .is_some_and(|&c| c.is_ascii_digit() || c >= 0x80)
    })
}

/// The value of an [`APPROVAL_DATE`] match as its groups give it ("2019-05", "2019"), read from
/// the match: capturing ran the NFA over the whole match, most of a sentence. The match ends with
/// the year; before it, white space and the word after `in\s+`: "in" itself (no month), or the
/// month (no month alternative is "in").
fn approval_value(m: &str) -> String {
    let year = established_year(m);
    let before = m[..m.len() - year.len()].trim_end();
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let month = (!word.eq_ignore_ascii_case("in")).then_some(word);
    match month.and_then(month_number) {
        Some(mo) => format!("{year}-{mo:02}"),
        None => year.to_string(),
    }
}

/// Whether `t` has "park" or "zone", white space, then "that" or "which", as every
/// [`SUB_PARK_THAT`] match does (the pattern is case-sensitive): "that" is a common word, and the
/// regex with its captures ran on every sentence with one.
#[cfg(test)]
fn park_then_that(t: &str) -> bool {
    sub_park_that_window(t).is_some()
}

/// Where "that" or "which" follows "park" or "zone" and white space, as it must at the end of
/// every [`SUB_PARK_THAT`] match: the start and end of each such word.
fn park_then_that_at(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = t.as_bytes();
    ["that", "which"].into_iter().flat_map(move |w| {
        memchr::memmem::find_iter(b, w).filter_map(move |p| {
            // `p` starts an ASCII letter: a character boundary
            let before = t[..p].trim_end();
            (before.len() < p && (before.ends_with("park") || before.ends_with("zone")))
                .then_some((p, p + w.len()))
        })
    })
}

/// The part of `t` that holds every [`SUB_PARK_THAT`] match, `None` when none can: the search
/// ran with captures over whole sentences. A match is "a" or "an", at most four words, a word
/// ending in "park" or "zone", then "that" or "which"; its words are separated by white space and
/// hold none (each word pattern runs to the white space after it). So a match ending at the
/// first such "that" starts at most six white-space separated tokens before it, and any match
/// ends at or before the last one; one more character keeps the closing `\b` as it was.
fn sub_park_that_window(t: &str) -> Option<(usize, usize)> {
    let (mut first, mut last) = (usize::MAX, 0);
    for (p, e) in park_then_that_at(t) {
        first = first.min(p);
        last = last.max(e);
    }
    if first == usize::MAX {
        return None;
    }
    let mut lo = first;
    for _ in 0..6 {
        let before = t[..lo].trim_end();
        if before.is_empty() {
            lo = 0;
            break;
        }
        lo = before
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
    }
    let hi = last + t[last..].chars().next().map_or(0, char::len_utf8);
    Some((lo, hi))
}

/// The [`SUB_PARK_THAT`] matches of `t` and the span of their group 1, searched for only in its
/// window `lo..hi` (see [`sub_park_that_window`]): every match lies in it, and a match found in
/// `t[..hi]` from `lo` on is one of `t` (the text before `lo` still decides the opening `\b`),
/// so these are the matches `captures_iter` finds in the whole of `t`. No match is empty.
///
/// The group is read off the match, not captured (the capture engine over the Unicode `\w`
/// classes cost more than the search): a match is "a" or "an", white space, the group, white
/// space, "that" or "which"; the group starts with `[a-z-]` and ends with "park" or "zone", so
/// trimming the white space next to it finds it.
fn sub_park_that_in(
    t: &str,
    lo: usize,
    hi: usize,
) -> impl Iterator<Item = (regex::Match<'_>, (usize, usize))> {
    let hay = &t[..hi];
    let mut at = lo;
    std::iter::from_fn(move || {
        let m = SUB_PARK_THAT_RE.find_at(hay, at)?;
        at = m.end();
        let x = m.as_str();
        let head = if x.as_bytes().get(1) == Some(&b'n') {
            2
        } else {
            1
        };
        let tail = if x.ends_with("that") { 4 } else { 5 };
        let g = x[head..x.len() - tail].trim();
        let gs = m.start() + (g.as_ptr() as usize - x.as_ptr() as usize);
        Some((m, (gs, gs + g.len())))
    })
}

/// Where group 1 of a [`FACILITY`] match `m` starts in it (it runs to the end), read off the
/// match instead of captured: a match is a verb, white space, an article, white space, then the
/// group, which starts with a capital; neither word holds white space.
fn facility_name_start(m: &str) -> usize {
    let mut rest = m;
    for _ in 0..2 {
        let w = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[w..].trim_start();
    }
    m.len() - rest.len()
}

/// Whether an alias is the same name in another spelling (captions: "Tuoketuo" for "Togtoh");
/// `b` is [`name_tokens`] of the name.
fn refers_to_spelling(alias: &str, b: &[String]) -> bool {
    let a = name_tokens(alias);
    !a.is_empty() && a == b
        || (!a.is_empty() && a.iter().all(|t| b.contains(t)) && b.iter().all(|t| a.contains(t)))
}

/// The item tests read `i` ASCII case-insensitively, not a lower-case copy: only ASCII letters
/// lower-case to a letter of "other", "project" or "yuan" (the Kelvin sign gives k, `İ` gives i
/// and a combining dot), so both readings agree, without a copy per item.
fn is_industry_item(i: &str) -> bool {
    !i.is_empty()
        && !i.starts_with(|c: char| c.is_ascii_digit())
        && !i.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("other "))
        && i.split_whitespace().count() <= 8
        && !contains_ci(i, " project")
        && !contains_ci(i, "yuan")
}

/// The lower-case copy reading [`is_industry_item`] replaced.
#[cfg(test)]
fn is_industry_item_plain(i: &str) -> bool {
    let l = i.to_lowercase();
    !l.is_empty()
        && !l.starts_with(|c: char| c.is_ascii_digit())
        && !l.starts_with("other ")
        && i.split_whitespace().count() <= 8
        && !l.contains(" project")
        && !l.contains("yuan")
}

fn enterprise_items(list: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in split_en_list(list, None) {
        if !item.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            break;
        }
        // "Jinhe Biotechnology Co and Kingdomway Pharmaceutical Limited": two names.
        // slices of the item: nothing is copied before cleaning
        let mut parts: [Option<&str>; 2] = [Some(&item), None];
        if let Some(idx) = find_and(&item) {
            let (x, y) = (&item[..idx], &item[idx + 5..]);
            if y.starts_with(|c: char| c.is_uppercase())
                && x.split_whitespace()
                    .last()
                    .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
            {
                parts = [Some(x), Some(y)];
            }
        }
        for p in parts.into_iter().flatten() {
            let p = clean_item(p);
            if !p.is_empty() && p.split_whitespace().count() <= 10 {
                out.push(p);
            }
        }
    }
    out
}

/// `s.find(" and ")`: the first space that starts " and " (no substring searcher to build per
/// item).
fn find_and(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    memchr::memchr_iter(b' ', b).find(|&i| b[i..].starts_with(b" and "))
}

fn honor_items(rest: &str) -> Vec<String> {
    let rest = rest.trim().trim_end_matches('.');
    // Quoted titles: take the quotes.
    let quoted: Vec<String> = quoted(rest, 200)
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
        .collect();
    let first_quote = rest.find(['“', '"']);
    if !quoted.is_empty() && first_quote.is_some_and(|p| rest[..p].split_whitespace().count() <= 2)
    {
        return quoted;
    }
    let mut items: Vec<String> = Vec::new();
    for raw in split_en_list(rest, None) {
        for part in AND_ARTICLE.split(&raw) {
            // borrowed until cleaned: most parts lose nothing to either tail
            let t = drop_by_authority(part);
            let t = drop_in_date_tail(&t);
            let t = clean_item(t.trim_matches(|c: char| "“”\"".contains(c)));
            // every LEVEL_ONLY match has "level" (ASCII letters only fold to its letters)
            if t.is_empty() || contains_ci_at(&t, "level", 2) && LEVEL_ONLY.is_match(&t) {
                continue;
            }
            items.push(t);
        }
    }
    // A lower-case fragment among capitalised titles continues the previous one
    // ("… for overseas returnees, college students and small start-ups").
    let caps = items
        .iter()
        .filter(|i| i.starts_with(|c: char| c.is_uppercase()))
        .count();
    if caps * 2 > items.len() {
        let mut merged: Vec<String> = Vec::new();
        for i in items {
            match merged.last_mut() {
                Some(prev) if i.starts_with(|c: char| c.is_lowercase()) => {
                    prev.push_str(", ");
                    prev.push_str(&i);
                }
                _ => merged.push(i),
            }
        }
        items = merged;
    }
    items
        .into_iter()
        .filter(|i| i.split_whitespace().count() <= 16)
        .collect()
}

/// `BY_AUTHORITY.replace(s, "")`, the regex run only on a text with "by" (every match has it).
fn drop_by_authority(s: &str) -> std::borrow::Cow<'_, str> {
    if has_by(s) {
        BY_AUTHORITY.replace(s, "")
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Whether `s` has "by": a 'y' after a 'b', found by a byte search for the 'y' (items are short,
/// and `memmem::find` built a searcher per call).
fn has_by(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'y', b).any(|i| i > 0 && b[i - 1] == b'b')
}

/// `IN_DATE_TAIL.replace(s, "")`, the regex run only on a text whose last non-space character
/// may be a digit (every match ends with a year, then white space): not an ASCII non-digit.
fn drop_in_date_tail(s: &str) -> std::borrow::Cow<'_, str> {
    let last = s.trim_end().chars().next_back();
    if last.is_some_and(|c| !c.is_ascii() || c.is_ascii_digit()) {
        IN_DATE_TAIL.replace(s, "")
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn level_word(s: &str) -> Option<ParkLevel> {
    let l = s.to_lowercase();
    if l.contains("autonomous region")
        || l.contains("autonomous-region")
        || l.contains("provincial")
        || l.contains("province-level")
        || l.contains("regional-level")
        || l.contains("region-level")
    {
        Some(ParkLevel::AutonomousRegion)
    } else if l.contains("national") || l.contains("state-level") || l.contains("state level") {
        Some(ParkLevel::National)
    } else if l.contains("municipal")
        || l.contains("city-level")
        || l.contains("city level")
        || l.contains("league-level")
        || l.contains("prefecture-level")
    {
        Some(ParkLevel::Municipal)
    } else if l.contains("county-level") || l.contains("banner-level") || l.contains("county level")
    {
        Some(ParkLevel::County)
    } else {
        None
    }
}

fn approving_body_level(body: &str) -> Option<ParkLevel> {
    let l = body.to_lowercase();
    if l.contains("state council") {
        Some(ParkLevel::National)
    } else if (l.contains("autonomous region")
        || l.contains("region's")
        || l.contains("region’s")
        || l.contains("regional")
        || l.contains("inner mongolia"))
        && l.contains("government")
    {
        Some(ParkLevel::AutonomousRegion)
    } else if (l.contains("municipal") || l.contains("city")) && l.contains("government") {
        Some(ParkLevel::Municipal)
    } else {
        None
    }
}

fn month_number(m: &str) -> Option<u32> {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let l = m.to_lowercase();
    MONTHS
        .iter()
        .position(|x| l.starts_with(x))
        .map(|i| i as u32 + 1)
}

const MONTH_RE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?";

static PREDICATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:is|was|as|be|been|become|becomes|became|remains|being)\s*$")
        .expect("re")
});
static THERE_IS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i)there\s+(?:is|are)(?-u:\b)").expect("re"));
/// The cue words of every pattern `attrs_en` tries on each sentence.
static SENTENCE_CUES: LazyLock<CueIndex> = LazyLock::new(|| {
    CueIndex::new(&[
        &SUB_PARKS_HAS,
        &SUB_PARKS_LOCATED,
        &SUB_PARK_THAT,
        &LEVEL_ADJ,
        &APPROVED_BY,
        &APPROVAL_DATE,
        &ESTABLISHED,
        &LOCATED,
        &INDUSTRIES_LEADING,
        &INDUSTRIES_INCLUDING,
        &ENGAGED_IN,
        &STRUCTURE,
        &ENTERPRISES,
        &FACILITY,
        &HONORS,
    ])
});
const FORMERLY_PATTERN: &str = r"(?i)(?-u:\b)(?:formerly|previously|originally|also)\s+(?:known\s+as|called|named)\s+((?:the\s+)?[A-Z][^,;.()]*?)(?:,|;|\.|\(|$)";
static FORMERLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(FORMERLY_PATTERN).expect("re"));
/// The regex behind a cue-word gate, as it ran over whole bodies (pins [`former_names`]).
#[cfg(test)]
static FORMERLY_GATED: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&["known", "called", "named"], FORMERLY_PATTERN));

/// Group 1 of every [`FORMERLY`] match in `body`, as `captures_iter` over the whole body (with no
/// ASCII cue word nothing, as the cue gate it replaces) finds them.
///
/// A match is a word of at most 11 bytes ("previously" with a long s), white space, a cue word,
/// and a name up to the first `,;.(` (a `)` first: no match). So the regex runs only on a window
/// per cue word: from the cue back over the white space and 16 bytes, to just past the first of
/// `,;.()` after it. Ending the haystack there cannot make `$` match early: the name cannot hold
/// that byte. Windows are tried in order from the end of the last match, so the first match in
/// one is the leftmost from there in the body, and the matches are the whole-body ones.
fn former_names(body: &str) -> Vec<regex::Match<'_>> {
    let (cues, ascii) = former_name_cues(body);
    let mut out = Vec::new();
    if !ascii {
        return out;
    }
    let b = body.as_bytes();
    let mut at = 0;
    for p in cues {
        if p < at {
            continue;
        }
        let ws = body[..p]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_whitespace())
            .last()
            .map_or(p, |(i, _)| i);
        let mut lo = ws.saturating_sub(16).max(at);
        while !body.is_char_boundary(lo) {
            lo -= 1;
        }
        let hi = b[p..]
            .iter()
            .position(|&c| matches!(c, b',' | b';' | b'.' | b'(' | b')'))
            .map_or(b.len(), |k| p + k + 1);
        if let Some(c) = FORMERLY.captures_at(&body[..hi], lo.max(at)) {
            at = c.get(0).expect("m").end();
            // a prefix of the body: the same offsets and text
            out.push(c.get(1).expect("group"));
        }
    }
    out
}

/// Where "known" (also with a Kelvin sign: the regex folds case by Unicode), "called" and "named"
/// start in `text`, ASCII case-insensitively, in order; and whether an ASCII one is there.
/// Substring searches of an ASCII-lower-cased copy (same offsets): a byte search for a letter
/// of the words stopped at every "d" of the text.
fn former_name_cues(text: &str) -> (Vec<usize>, bool) {
    // built once: building a searcher cost about as much as a search of a page
    static WORDS: LazyLock<[memchr::memmem::Finder<'static>; 4]> = LazyLock::new(|| {
        ["known", "called", "named", "\u{212A}nown"].map(memchr::memmem::Finder::new)
    });
    let lower = text.as_bytes().to_ascii_lowercase();
    let [known, called, named, kelvin] = &*WORDS;
    // no word overlaps itself, and no two start at the same place
    let mut out: Vec<usize> = known.find_iter(&lower).collect();
    out.extend(called.find_iter(&lower));
    out.extend(named.find_iter(&lower));
    let ascii = !out.is_empty();
    out.extend(kelvin.find_iter(&lower));
    out.sort_unstable();
    (out, ascii)
}
static LEVEL_ADJ: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &["level", "provincial"],
        r"(?i)(?-u:\b)(?:national|state|autonomous[\s-]+region(?:al)?|provincial|province|regional|region|municipal|municipality|city|prefecture|league|county|banner)[\s-]+level\s+(?:[\w-]+\s+){0,3}?(?:development\s+zone|industrial\s+park|park|zone|area)(?-u:\b)|(?-u:\b)provincial\s+(?:[\w-]+\s+){0,2}?(?:development\s+zone|industrial\s+park|zone)(?-u:\b)",
    )
});
static APPROVED_BY: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &["government", "council"],
        r"(?i)(?-u:\b)(?:approved|established|set\s+up|upgraded)\s+(?:[\w-]+\s+){0,6}?by\s+(?P<body>(?:the\s+)?(?:State\s+Council|(?:people's\s+|people’s\s+)?government\s+of\s+(?:the\s+)?(?:Inner\s+Mongolia\s+)?(?:autonomous\s+region|Inner\s+Mongolia)|[\w’'\s]{0,40}?government))",
    )
});
static APPROVAL_DATE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &[
            "approved",
            "upgraded",
            "named",
            "designated",
            "set",
            "recognized",
            "promoted",
            "granted",
            "listed",
        ],
        &format!(
            r"(?i)(?-u:\b)(?:approved|upgraded|named|designated|set\s+up|recognized|promoted|granted|listed)(?-u:\b)[^.;]*?(?-u:\b)in\s+(?:(?P<month>{MONTH_RE})\s+)?(?P<year>(?:19|20)\d\d)(?-u:\b)"
        ),
    )
});
static ESTABLISHED: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &[
            "built",
            "founded",
            "established",
            "set",
            "launched",
            "created",
            "inaugurated",
            "construction",
        ],
        &format!(
            r"(?i)(?-u:\b)(?:built|founded|established|set\s+up|launched|created|inaugurated|began\s+construction|started\s+construction|construction\s+(?:began|started))\s+in\s+(?:(?:early|late|mid)[\s-]+)?(?:{MONTH_RE}\s+)?(?P<year>(?:19|20)\d\d)(?-u:\b)"
        ),
    )
});
static SINCE_IT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)since\s+(?:it\s+was|its)\s*$").expect("re"));
static LOCATED: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &["located", "situated", "lies", "sits", "based"],
        r"(?i)(?-u:\b)(?:located|situated|lies|sits|based)\s+(?:in|at|on)(?-u:\b)",
    )
});
const INDUSTRIES_LEADING_PATTERN: &str = r"(?i)(?-u:\b)(?:leading|pillar|key|main|dominant|principal|core|major|characteristic)\s+industries(?:\s+(?:in|of)\s+(?:the|this|its)\s+(?:[\w-]+\s+){0,2}?(?:zone|park|area))?\s*,?\s*(?:are|include|includes|including|such\s+as|namely|cover|covering|consist\s+of|:)\s*";
static INDUSTRIES_LEADING: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&["industries"], INDUSTRIES_LEADING_PATTERN));
const INDUSTRIES_INCLUDING_PATTERN: &str =
    r"(?i)(?-u:\b)industries\s*,?\s+(?:including|such\s+as|namely)\s+";
static INDUSTRIES_INCLUDING: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&["industries"], INDUSTRIES_INCLUDING_PATTERN));
/// Whether [`INDUSTRIES_LEADING`] or [`INDUSTRIES_INCLUDING`] matches, in one search.
static INDUSTRIES_EITHER: LazyLock<Regex> =
    LazyLock::new(|| either(&[INDUSTRIES_LEADING_PATTERN, INDUSTRIES_INCLUDING_PATTERN]));
static ENGAGED_IN: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &["engaged"],
        r"(?i)(?-u:\b)(?:is|are|was|were|has\s+been)\s+(?:mainly\s+|primarily\s+|chiefly\s+)?engaged\s+in\s+",
    )
});
static STRUCTURE: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &["structure"],
        r"(?i)(?-u:\b)industrial\s+structure(?-u:\b)[^.;]*?(?-u:\b)(?:is\s+made\s+up\s+of|consists\s+of|comprises|includes|covers)\s+",
    )
});
static ENTERPRISES: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &[
            "enterprises",
            "companies",
            "firms",
            "brands",
            "leaders",
            "corporations",
            "manufacturers",
            "investors",
            "players",
        ],
        r"(?i)(?-u:\b)(?:enterprises|companies|firms|brands|leaders|corporations|manufacturers|investors|players)(?-u:\b)(?:\s+[^,.;:]{0,40}?)?,?\s+(?:such\s+as|including|like|namely|represented\s+by|led\s+by)\s+",
    )
});
static FACILITY: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &[
            "plant",
            "station",
            "factory",
            "refinery",
            "smelter",
            "mill",
            "steelworks",
        ],
        r"(?-u:\b)(?:has|have|hosts|houses|boasts)\s+(?:an?|the)\s+((?:[A-Z][\w’'&-]*\s+)+(?:[a-z]+\s+){0,2}?(?:power\s+plant|power\s+station|plant|factory|refinery|smelter|mill|steelworks))(?-u:\b)",
    )
});
static HONORS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &[
            "awarded",
            "named",
            "approved",
            "recognized",
            "recognised",
            "identified",
            "designated",
            "listed",
            "rated",
            "selected",
            "honored",
            "honoured",
            "certified",
            "title",
        ],
        r"(?i)(?-u:\b)(?:awarded(?:\s+(?:the\s+)?(?:status|title|honou?r)s?)?(?:\s+(?:of|as))?|named(?:\s+as)?|approved\s+to\s+be(?:come)?(?:\s+one\s+of)?|(?:recognized|recognised|identified|designated|listed|rated|selected|honou?red|certified|approved)(?:\s+by\s+[^,;]{3,80}?)?\s+as|won\s+(?:the\s+)?titles?\s+(?:of\s+)?)\s+",
    )
});
static LEVEL_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:an?\s+|the\s+)?(?:national|state|autonomous[\s-]+region(?:al)?|provincial|regional|region|municipal|municipality|city|county|banner)[\s-]+level\s+(?:[\w-]+\s+){0,4}?(?:development\s+zone|industrial\s+park|park|zone|area)$").expect("re")
});
static BY_AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+by\s+(?:the\s+)?(?:[A-Z]|autonomous|regional|state|central|local|municipal|provincial|national|city|county|people)[\s\S]*$").expect("re")
});
static IN_DATE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\s+in\s+(?:{MONTH_RE}\s+)?(?:19|20)\d\d\s*$")).expect("re")
});
static AND_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+and\s+(?:one\s+of|an?\s+|the\s+)").expect("re"));
/// The quoted texts of `t` as `[“"]([^”"]{3,max})[”"]` finds them (its group 1), without the
/// regex: a counted repetition of hundreds makes the lazy DFA build a state per count, and this
/// ran on every sentence. The first closing quote after an opening one ends the quote (the class
/// excludes it); too short or too long, the search goes on from the next opening quote.
fn quoted(t: &str, max: usize) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let open = from + find_quote(t.get(from..)?, '“')?;
        let inner = open + t[open..].chars().next().map_or(1, char::len_utf8);
        let close = inner + find_quote(&t[inner..], '”')?;
        let n = t[inner..close].chars().count();
        if (3..=max).contains(&n) {
            from = close + t[close..].chars().next().map_or(1, char::len_utf8);
            return Some(&t[inner..close]);
        }
        from = inner;
    })
}
/// `t.find(['"', curly])` for a curly quote (3 bytes from 0xE2): a SIMD byte search for `"`
/// and 0xE2 instead of decoding every character.
fn find_quote(t: &str, curly: char) -> Option<usize> {
    let b = t.as_bytes();
    memchr::memchr2_iter(b'"', 0xE2, b).find(|&i| b[i] == b'"' || t[i..].starts_with(curly))
}

/// The separator of chain stages ("A — B → C"); [`chain_split`] splits at it by hand.
#[cfg(test)]
static CHAIN_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[-–—]+\s+|\s*[→—–]\s*").expect("re"));

/// `CHAIN_SEP.split(q)`, by hand: every match holds a dash or arrow, so only the places of '-'
/// and of the lead byte 0xE2 are tried. A match there starts where the white space before it
/// starts (not before the last match's end): first `\s+[-–—]+\s+` (each run taken whole, as
/// the regex must: nothing else can follow a shorter one), else `\s*[→—–]\s*`.
fn chain_split(q: &str) -> Vec<&str> {
    let ws_len = |t: &str| t.len() - t.trim_start().len();
    let is_dash = |c: char| matches!(c, '-' | '–' | '—');
    let mut out = Vec::new();
    let (mut last, mut from) = (0, 0);
    for d in memchr::memchr2_iter(b'-', 0xE2, q.as_bytes()) {
        if d < from {
            continue;
        }
        // '-' and a lead byte start a character
        let c = q[d..].chars().next().expect("a character starts here");
        if !matches!(c, '-' | '–' | '—' | '→') {
            continue;
        }
        let p = q[..d].trim_end().len().max(from);
        let dashes = (p < d && is_dash(c))
            .then(|| {
                let e = q.len() - q[d..].trim_start_matches(is_dash).len();
                let w = ws_len(&q[e..]);
                (w > 0).then_some(e + w)
            })
            .flatten();
        let end = dashes.or_else(|| {
            (c != '-').then(|| {
                let e = d + c.len_utf8();
                e + ws_len(&q[e..])
            })
        });
        if let Some(e) = end {
            out.push(&q[last..p]);
            (last, from) = (e, e);
        }
    }
    out.push(&q[last..]);
    out
}
const SUB_PARKS_HAS_PATTERN: &str = r"(?i)(?-u:\b)(?:has|have|contains|includes|comprises|consists\s+of|is\s+composed\s+of|is\s+made\s+up\s+of|is\s+divided\s+into|encompasses|incorporates|governs|administers)\s+(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:sub[\s-]?parks?|sub[\s-]?zones?|parts|areas|parks|zones|sections|functional\s+(?:areas|zones)|industrial\s+parks|blocks|sub[\s-]?districts|park\s+areas|industrial\s+zones)(?-u:\b)\s*(?:,|:|--|–|—)?\s*(?:namely|including|which\s+are|:)?\s*";
static SUB_PARKS_HAS: LazyLock<Gated> = LazyLock::new(|| {
    Gated::new(
        &[
            "sub", "parts", "areas", "parks", "zones", "sections", "blocks",
        ],
        SUB_PARKS_HAS_PATTERN,
    )
});
const SUB_PARKS_LOCATED_PATTERN: &str = r"(?i)(?-u:\b)(?:the\s+)?(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:sub[\s-]?)?(?:parks|zones|areas)\s+(?:located\s+|situated\s+)?(?:in|within|under|of)\s+(?:the|this)\s+(?:zone|park|area|development\s+zone)\s*(?:[–—]+|--|,|:)\s*";
static SUB_PARKS_LOCATED: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&["parks", "zones", "areas"], SUB_PARKS_LOCATED_PATTERN));
/// Whether [`SUB_PARKS_HAS`] or [`SUB_PARKS_LOCATED`] matches, in one search (their group names
/// dropped: a regex holds a name once).
static SUB_PARKS_EITHER: LazyLock<Regex> =
    LazyLock::new(|| either(&[SUB_PARKS_HAS_PATTERN, SUB_PARKS_LOCATED_PATTERN]));

/// Group `n` of a [`SUB_PARKS_HAS`] or [`SUB_PARKS_LOCATED`] match `m`, read off the match: the
/// words before it (the verb phrase, "the") are letters and none is a number word, and `n` is a
/// number word or starts with a digit; words are separated by white space (`\s+`). Letters are
/// compared as `(?i)` folds them (the long s and the Kelvin sign too).
fn sub_parks_count(m: &str) -> Option<&str> {
    const NUMBERS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ];
    let is_number = |t: &str| NUMBERS.iter().any(|n| super::text::fold_eq(t, n));
    m.split(char::is_whitespace)
        .filter(|t| !t.is_empty())
        .find(|t| !t.starts_with(char::is_alphabetic) || is_number(t))
}

/// A regex matching where any of `patterns` does (named groups made plain).
fn either(patterns: &[&str]) -> Regex {
    let alts: Vec<String> = patterns
        .iter()
        .map(|p| format!("(?:{})", p.replace("(?P<n>", "(?:")))
        .collect();
    Regex::new(&alts.join("|")).expect("re")
}
const SUB_PARK_THAT_PATTERN: &str =
    r"(?-u:\b)(?:an?)\s+((?:[a-z][\w-]*\s+){0,4}?[a-z-]*(?:park|zone))\s+(?:that|which)(?-u:\b)";
/// In the cue index for its bit; [`SUB_PARK_THAT_RE`] searches a window of the text.
static SUB_PARK_THAT: LazyLock<Gated> =
    LazyLock::new(|| Gated::new(&["that", "which"], SUB_PARK_THAT_PATTERN));
static SUB_PARK_THAT_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(SUB_PARK_THAT_PATTERN).expect("re"));
static BULLET_HEAD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:with|led\s+by|represented\s+by|including|such\s+as)(?-u:\b)|;")
        .expect("re")
});
static BULLET_COMPANIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:including|such\s+as|represented\s+by|led\s+by)\s+").expect("re")
});

// ------------------------------------------------------------------ the main park, Chinese

/// The park a Chinese page is about: its title when the title is (or names exactly one) zone.
fn main_park_zh(doc: &ParsedDocument, body: &str) -> Option<(String, String, String)> {
    let title = doc.title.trim();
    let cands: Vec<ZhCandidate> = candidates_zh(title)
        .into_iter()
        .filter(|c| !c.in_project_list)
        .collect();
    let mut names: Vec<String> = cands.iter().map(|c| c.name_zh.clone()).collect();
    names.dedup();
    if names.len() == 1 {
        let _ = body;
        return Some((String::new(), names.remove(0), String::new()));
    }
    None
}

fn attrs_zh(body: &str, sents: &[Sentence], refs: &ParkRefs, a: &mut Attrs) {
    let g = Gazetteer::get();
    for s in sents {
        let t = s.text(body);
        let about_main = refs.mentioned(t);
        if !about_main {
            continue;
        }
        for c in ZH_LEVEL.captures_iter(t) {
            let l = zh_level(&c[1]);
            if l != ParkLevel::Unspecified {
                a.levels.push((l, (s.start, s.end)));
            }
        }
        if t.contains("国务院批准") {
            a.levels.push((ParkLevel::National, (s.start, s.end)));
        } else if ZH_AR_APPROVED.is_match(t) {
            a.levels
                .push((ParkLevel::AutonomousRegion, (s.start, s.end)));
        }
        if let Some(c) = ZH_APPROVED.captures(t) {
            let y = c.name("y1").or(c.name("y2")).expect("year").as_str();
            let m = c
                .name("m1")
                .or(c.name("m2"))
                .map(|m| m.as_str().parse::<u32>().unwrap_or(0));
            let d = c
                .name("d1")
                .map(|d| d.as_str().parse::<u32>().unwrap_or(0))
                .filter(|d| (1..=31).contains(d));
            let v = match (m, d) {
                (Some(m), Some(d)) if (1..=12).contains(&m) => format!("{y}-{m:02}-{d:02}"),
                (Some(m), _) if (1..=12).contains(&m) => format!("{y}-{m:02}"),
                _ => y.to_string(),
            };
            a.approved.push((v, (s.start, s.end)));
        }
        if let Some(c) = ZH_ESTABLISHED.captures(t) {
            let y = c.name("y1").or(c.name("y2")).expect("year").as_str();
            if let Ok(y) = y.parse() {
                a.established.push((y, (s.start, s.end)));
            }
        }
        if a.location.is_none() {
            if let Some(m) = t.find("位于") {
                if let Some(p) = g.find_places(&t[m..]).into_iter().find(|p| {
                    g.by_code(&p.code)
                        .is_some_and(|d| d.level != DivisionLevel::Region)
                }) {
                    a.location = Some((p.code, (s.start, s.end)));
                }
            }
        }
        if let Some(c) = ZH_INDUSTRIES.captures(t) {
            for item in split_zh_list(trim_zh_list(&c["list"])) {
                // "冶金化工和食品加工": two industries ("和林格尔" is a place, not a conjunction).
                let parts: Vec<String> = match item.split_once('和') {
                    Some((x, y))
                        if x.chars().count() >= 2
                            && y.chars().count() >= 2
                            && !y.starts_with('林') =>
                    {
                        vec![x.to_string(), y.to_string()]
                    }
                    _ => vec![item],
                };
                for i in parts {
                    let i = i
                        .trim_end_matches("等")
                        .trim_end_matches("产业")
                        .to_string();
                    if !i.is_empty() && i.chars().count() <= 12 {
                        push_unique(&mut a.industries, i);
                    }
                }
            }
        }
        if let Some(c) = ZH_FORMERLY.captures(t) {
            let m = c.name("n").expect("n");
            a.lists.push((s.start + m.start(), s.start + m.end()));
            push_unique(&mut a.aliases, m.as_str().to_string());
        }
        if let Some(c) = ZH_ENTERPRISES.captures(t) {
            let m = c.name("list").expect("list");
            a.lists.push((s.start + m.start(), s.start + m.end()));
            for i in split_zh_list(trim_zh_list(m.as_str())) {
                if i.chars().count() <= 20 {
                    push_unique(&mut a.enterprises, i);
                }
            }
        }
        if let Some(c) = ZH_HONORS.captures(t) {
            let m = c.name("list").expect("list");
            a.lists.push((s.start + m.start(), s.start + m.end()));
            let quoted: Vec<String> = quoted(m.as_str(), 200).map(str::to_string).collect();
            let items = if quoted.is_empty() {
                split_zh_list(m.as_str())
            } else {
                quoted
            };
            for i in items {
                push_unique(&mut a.honors, i);
            }
        }
        if let Some(c) = ZH_SUB_PARKS.captures(t) {
            let m = c.name("list").expect("list");
            a.lists.push((s.start + m.start(), s.start + m.end()));
            for i in split_zh_list(trim_zh_list(m.as_str())) {
                push_unique(&mut a.sub_parks, i);
            }
        }
        for q in quoted(t, 400) {
            let stages: Vec<String> = q
                .split(['—', '-', '→', '–'])
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect();
            if stages.len() >= 2
                && stages.iter().all(|x| x.chars().count() <= 12)
                && (t.contains("链") || stages.len() >= 3)
                && !a.chains.contains(&stages)
            {
                a.chains.push(stages);
            }
        }
    }
}

fn trim_zh_list(s: &str) -> &str {
    s.trim_end_matches(['等', '。', '，'])
        .trim_start_matches(['：', ':', '了'])
}

fn zh_level(s: &str) -> ParkLevel {
    match s {
        "国家级" => ParkLevel::National,
        "自治区级" | "省级" => ParkLevel::AutonomousRegion,
        "市级" | "盟级" => ParkLevel::Municipal,
        "县级" | "旗级" => ParkLevel::County,
        _ => ParkLevel::Unspecified,
    }
}

static ZH_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(国家级|自治区级|省级|市级|盟级|县级|旗级)[\p{Han}]{0,8}?(?:开发区|园区|产业园|高新区|工业园|保税区)").expect("re")
});
static ZH_AR_APPROVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:内蒙古)?自治区(?:人民)?政府批准").expect("re"));
static ZH_APPROVED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y1>(?:19|20)\d\d)年(?:(?P<m1>\d{1,2})月)?(?:(?P<d1>\d{1,2})日[，,]?)?[^。；，]{0,20}?(?:批准|获批|升级为|设立为)|(?:批准|获批)[^。；]{0,20}?(?P<y2>(?:19|20)\d\d)年(?:(?P<m2>\d{1,2})月)?").expect("re")
});
static ZH_ESTABLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:成立|始建|创建|设立|组建|建立|开工建设|建)于(?P<y1>(?:19|20)\d\d)年|(?P<y2>(?:19|20)\d\d)年(?:\d{1,2}月)?(?:正式)?(?:成立|设立|始建|组建|开工建设|开始建设)").expect("re")
});
static ZH_INDUSTRIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:主导产业(?:主要)?(?:为|是|有|包括|：|:)|重点发展|形成了以)(?P<list>[^。；]{2,80}?)(?:等(?:主导|特色|支柱)?产业|(?:等)?[一二三四五六七八九十两\d]+(?:大|个|项)(?:主导|特色|支柱|重点|优势|新兴)?(?:产业|行业)|为(?:主|主导|重点|核心)的|。|；|$)").expect("re")
});
static ZH_ENTERPRISES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:入驻|落户|引进|聚集|集聚|拥有)(?:了)?(?P<list>[^。；，]{2,120}?、[^。；]{2,120}?)等(?:\d+家|一批)?(?:龙头|重点|知名)?(?:企业|公司)").expect("re")
});
/// A former name: "原名内蒙古霍林河…工业园区", "前身为…开发区".
static ZH_FORMERLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:原名|原称|曾用名|前身(?:为|是))(?:为|是|叫)?“?(?P<n>[\p{Han}]{2,30}?(?:工业园区|经济开发区|技术开发区|开发区|产业园区|产业园|工业园|高新区|园区|工业区|经济区|集中区))").expect("re")
});
static ZH_HONORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"被(?:[^。；]{0,20}?)(?:评为|认定为|授予|命名为|列为|确定为|批准为)(?P<list>[^。；]+)",
    )
    .expect("re")
});
static ZH_SUB_PARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:下辖|包括|包含|涵盖|由|分为|下设)(?P<list>[^。；：]{2,120}?)(?:等)?[一二三四五六七八九十两\d]+个(?:园区|片区|区块|分园|组团|功能区|产业园)").expect("re")
});

// ------------------------------------------------------------------ candidates

/// A park named in the text.
#[derive(Debug, Clone)]
struct Candidate {
    name_en: String,
    name_zh: String,
    start: usize,
    end: usize,
    level: Option<ParkLevel>,
    in_project_list: bool,
}

type ZhCandidate = Candidate;

/// English zone names that carry a place, in order.
///
/// The zone words are found in one pass over the body, not searched for backwards in every
/// sentence (a byte search per sentence, again at every k, z and A that starts none); a sentence
/// without one is not searched at all.
fn candidates_en(body: &str, sents: &[Sentence]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut checks = NameChecks::default();
    let mut words = zone_words(body.as_bytes());
    for s in sents {
        let t = s.text(body);
        let Some(last) = words.last_within(s.start, s.end) else {
            continue;
        };
        let end = zone_end_after(t, last - s.start);
        for mut c in candidates_en_upto(t, end, s.start, &mut checks) {
            // a zone named as (part of) a project ("the X Industrial Park project", "X Park
            // phase II project") is a project; a zone a project is in or for is a park
            c.in_project_list = project_follows(&t[(c.end - s.start).min(t.len())..]);
            out.push(c);
        }
    }
    out
}

/// Whether one of the first three words of `after` up to a `,;.` starts with "project" in any
/// case. The words are read in place: lower-casing the rest of the sentence first splits it at
/// the same places (no character lower-cases to a space or to `,;.`), and only ASCII letters
/// lower-case to the letters of "project".
fn project_follows(after: &str) -> bool {
    let head = after.split([',', ';', '.']).next().unwrap_or("");
    head.split_whitespace().take(3).any(|w| {
        w.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("project"))
    })
}

static EN_CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:
            (?:(?:and|of|for|&)\s+)?
            (?:[A-Z][\w'’&.-]*|\((?:national|state-level)\))
            \s+
        )+
        (?:(?:industrial|economic|development|and|technological|high-tech|hi-tech|circular|economy|bonded|comprehensive|export|processing|logistics|eco-industrial|border|cooperation|science|technology|chemical|coal|equipment|manufacturing|new|modern|agricultural|dairy|cloud|computing|innovation|recycling)\s+){0,5}
        (?:Park|Zone|Area|park|zone)s?(?-u:\b)",
    )
    .expect("re")
});

/// Whether `text` holds a word every `EN_CANDIDATE` match ends with (Park, Zone, Area, park,
/// zone). The regex has no literal to skip ahead with (a match starts at any capitalised word)
/// and walked every sentence; SIMD searches for the words' first letters rule out many.
#[cfg(test)]
fn has_zone_word(text: &str) -> bool {
    zone_search_end(text).is_some()
}

/// Where `EN_CANDIDATE` may stop reading `text`: past the last zone word (Park, Zone, Area, park,
/// zone), its plural `s` and one more character; `None` without a zone word (then nothing
/// matches). Every match ends with a zone word and an optional `s`, so no match ends later; the
/// character after them is all the closing `(?-u:\b)` and the choice between a match and a
/// longer one read, and a longer one ends at a zone word too. The forward search read every
/// sentence to its end, most of them well past their last zone word.
fn zone_search_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    // the last of park, Park, zone and Zone starts last (no two of them overlap)
    let pz = memchr::memrchr3_iter(b'k', b'z', b'Z', b).find_map(|i| pz_word_at(b, i));
    let from = pz.map_or(0, |p| p + 1);
    let area = memchr::memrchr_iter(b'A', &b[from..])
        .map(|i| i + from)
        .find(|&i| b[i..].starts_with(b"Area"));
    let last = pz.max(area)?;
    Some(zone_end_after(text, last))
}

/// The start of the zone word park, Park, zone or Zone that the byte at `i` (k, z or Z) is
/// part of: park and Park are found by their rare last letter, zone and Zone by their first.
fn pz_word_at(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        b'k' => (i >= 3 && matches!(&b[i - 3..=i], b"park" | b"Park")).then(|| i - 3),
        _ => b[i + 1..].starts_with(b"one").then_some(i),
    }
}

/// Where [`zone_search_end`] stops `text` whose last zone word starts at `last`: past the word,
/// its plural `s` and one more character.
fn zone_end_after(text: &str, last: usize) -> usize {
    let b = text.as_bytes();
    // the zone word and its `s` are ASCII: `end` is a character boundary
    let end = last + 4 + usize::from(b.get(last + 4) == Some(&b's'));
    end + text[end..].chars().next().map_or(0, char::len_utf8)
}

/// The zone words of a body (park, Park, zone, Zone, Area) by their starts, read once, in order,
/// for its sentences in order ([`ZoneWords::last_within`]), as [`zone_search_end`] finds them
/// backwards in one text.
struct ZoneWords<P: Iterator<Item = usize>, A: Iterator<Item = usize>> {
    pz: std::iter::Peekable<P>,
    area: std::iter::Peekable<A>,
}

fn zone_words(
    b: &[u8],
) -> ZoneWords<impl Iterator<Item = usize> + '_, impl Iterator<Item = usize> + '_> {
    // no two of these words overlap: the starts come in order
    let pz = memchr::memchr3_iter(b'k', b'z', b'Z', b).filter_map(move |i| pz_word_at(b, i));
    let area = memchr::memchr_iter(b'A', b).filter(move |&i| b[i..].starts_with(b"Area"));
    ZoneWords {
        pz: pz.peekable(),
        area: area.peekable(),
    }
}

impl<P: Iterator<Item = usize>, A: Iterator<Item = usize>> ZoneWords<P, A> {
    /// The start of the last zone word inside `lo..hi` (the whole word), the words before `hi`
    /// consumed; spans must come in order without overlapping.
    fn last_within(&mut self, lo: usize, hi: usize) -> Option<usize> {
        fn last<I: Iterator<Item = usize>>(
            it: &mut std::iter::Peekable<I>,
            lo: usize,
            hi: usize,
        ) -> Option<usize> {
            let mut found = None;
            // a word that runs past `hi` is in no later span either (they start at `hi` or on)
            while let Some(p) = it.next_if(|&p| p + 4 <= hi) {
                if p >= lo {
                    found = Some(p);
                }
            }
            found
        }
        let pz = last(&mut self.pz, lo, hi);
        let area = last(&mut self.area, lo, hi);
        pz.max(area)
    }
}

/// The words [`is_leading_stop`] matches, as the list it searched (pins it).
#[cfg(test)]
const LEADING_STOP: &[&str] = &[
    "The", "A", "An", "In", "Its", "This", "That", "These", "Among", "At", "For", "Both", "From",
    "With", "By", "Of", "On", "And", "and", "of", "for", "&", "Since", "Then", "There", "Also",
    "Our", "Their", "His", "Her", "As", "After", "Before", "Under",
];

/// Whether a candidate's first word is one it does not start with ("The", "In", "and" …): a
/// `match` compiles to a test of the length and then a few comparisons, where searching the list
/// compared with each word in turn.
fn is_leading_stop(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "In"
            | "Its"
            | "This"
            | "That"
            | "These"
            | "Among"
            | "At"
            | "For"
            | "Both"
            | "From"
            | "With"
            | "By"
            | "Of"
            | "On"
            | "And"
            | "and"
            | "of"
            | "for"
            | "&"
            | "Since"
            | "Then"
            | "There"
            | "Also"
            | "Our"
            | "Their"
            | "His"
            | "Her"
            | "As"
            | "After"
            | "Before"
            | "Under"
    )
}

/// The checks of [`candidates_en_in`] that read nothing but the name, remembered per name: a
/// page names the same zones again and again, and placing a name is not cheap.
#[derive(Default)]
struct NameChecks(Vec<(String, bool)>);

impl NameChecks {
    fn accepts(&mut self, name: &str) -> bool {
        if let Some(&(_, ok)) = self.0.iter().find(|(n, _)| n == name) {
            return ok;
        }
        let ok = en_zone_class(&clean_en_zone_name(name)).is_some()
            && !Gazetteer::get().find_places(name).is_empty()
            // A name that is nothing but a place and a bare "Park"/"Zone" is too vague unless
            // it is capitalised as a proper name.
            && name.split_whitespace().count() >= 2;
        self.0.push((name.to_string(), ok));
        ok
    }
}

/// Zone names in `text` that carry a place; `offset` is added to spans.
fn candidates_en_in(text: &str, offset: usize, checks: &mut NameChecks) -> Vec<Candidate> {
    match zone_search_end(text) {
        Some(end) => candidates_en_upto(text, end, offset, checks),
        None => Vec::new(),
    }
}

/// [`candidates_en_in`] with the search's end, [`zone_search_end`] of `text`, known.
fn candidates_en_upto(
    text: &str,
    end: usize,
    offset: usize,
    checks: &mut NameChecks,
) -> Vec<Candidate> {
    static LEVEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(national|state|autonomous[\s-]+region(?:al)?|provincial|municipal)[\s-]+level\s*$").expect("re")
    });
    let mut out = Vec::new();
    // a prefix of `text`: the same offsets
    for m in EN_CANDIDATE.find_iter(&text[..end]) {
        let mut start = m.start();
        let mut s = m.as_str();
        loop {
            let first = s.split_whitespace().next().unwrap_or("");
            if is_leading_stop(first) && s.len() > first.len() {
                let skip = word_end(s, first);
                let trimmed = s[skip..].trim_start();
                start += s.len() - trimmed.len();
                s = trimmed;
            } else {
                break;
            }
        }
        if s.ends_with('s') && !s.ends_with("ss") {
            // Plural ("Shaerqin, Ruyi and Jinchuan industrial parks"): a group, not one park.
            continue;
        }
        if !checks.accepts(s.trim()) {
            continue;
        }
        let name = s.trim();
        let end = start + name.len();
        let zh = bracketed_zh_after(&text[start..], name).unwrap_or_default();
        let level = LEVEL_BEFORE
            .captures(&text[..start])
            .and_then(|c| level_word(&format!("{}-level", &c[1])))
            .or_else(|| name.contains("(national)").then_some(ParkLevel::National));
        out.push(Candidate {
            name_en: drop_national(drop_title_note(name).trim()),
            name_zh: zh,
            start: offset + start,
            end: offset + end,
            level,
            in_project_list: false,
        });
    }
    out
}

/// Where `first`, the first word of `s` by `split_whitespace`, ends in `s`: `s.find(first)` finds
/// it where it is (before it is only white space, and it starts with none), so its offset is
/// that of the slice, without a substring search.
fn word_end(s: &str, first: &str) -> usize {
    first.as_ptr() as usize - s.as_ptr() as usize + first.len()
}

/// `s.replace(" (national)", "")`, searched for only when `s` has a '(' (most names have none).
fn drop_national(s: &str) -> String {
    if memchr::memchr(b'(', s.as_bytes()).is_some() {
        s.replace(" (national)", "")
    } else {
        s.to_string()
    }
}

static ZH_SUFFIX_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts: Vec<String> = ZH_ZONE_SUFFIXES
        .iter()
        .map(|(s, _, _)| regex::escape(s))
        .collect();
    Regex::new(&format!("(?:{})", alts.join("|"))).expect("re")
});
const ZH_VERBS: &[&str] = &[
    "优化", "建设", "推进", "推动", "加快", "打造", "发展", "规划", "新建", "做强", "做大", "调整",
    "整合", "提升", "培育", "布局", "实施", "支持", "全力", "着力", "重点", "积极", "各", "全市",
    "全区", "所有", "部分", "多个", "一批",
];
static ZH_FUNCTION: &[&str] = &[
    "位于", "包括", "下辖", "入驻", "落户", "其中", "以及", "的", "在", "于", "是", "与", "、",
    "为", "将", "对", "向", "从", "到", "把", "被", "等", "了", "即", "及", "个", "家", "原名",
    "原称", "前身",
];
/// Words that make a run a headline or a clause, wherever they stand after the place
/// ("呼和浩特市决定进一步优化工业园区").
const ZH_CLAUSE_WORDS: &[&str] = &[
    "决定",
    "进一步",
    "优化",
    "推进",
    "推动",
    "加快",
    "做强",
    "做大",
    "调整",
    "整合",
    "获评",
    "评为",
    "入选",
    "荣获",
    "成功",
    "累计",
    "共有",
    "已有",
];

/// Chinese zone names that start with a place (or match the catalogue), with list levels.
fn candidates_zh(text: &str) -> Vec<Candidate> {
    static LIST_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(国家级|自治区级|省级|市级|盟级|县级|旗级)[\p{Han}]{0,8}?(?:开发区|园区|产业园|高新区|工业园)[:：]").expect("re")
    });
    let g = Gazetteer::get();
    let mut out: Vec<Candidate> = Vec::new();
    for m in ZH_SUFFIX_RE.find_iter(text) {
        // The run of ideographs before the suffix.
        let mut run_start = m.start();
        for (i, c) in text[..m.start()].char_indices().rev().take(30) {
            if !(is_han(c) || c == '—' || c == '-') {
                break;
            }
            run_start = i;
        }
        let cand = &text[run_start..m.end()];
        let places = g.find_places(cand);
        let in_place = |pos: usize| {
            places
                .iter()
                .any(|p| pos >= p.byte_start && pos < p.byte_end)
        };
        let function_after = |from: usize| {
            let end = cand.len() - m.as_str().len();
            if from >= end {
                return true;
            }
            let s = &cand[from..end];
            s.char_indices().any(|(i, _)| {
                ZH_FUNCTION.iter().any(|f| s[i..].starts_with(f)) && !in_place(from + i)
            })
        };
        let mut name_start = None;
        for p in &places {
            if !function_after(p.byte_start) {
                name_start = Some(p.byte_start);
                break;
            }
        }
        // A verb right after the place is a headline, not a name ("呼和浩特市优化工业园区布局").
        if let Some(st) = name_start {
            let after_places = places
                .iter()
                .filter(|p| p.byte_start >= st)
                .map(|p| p.byte_end)
                .max()
                .unwrap_or(st);
            let rest = cand.get(after_places..).unwrap_or("");
            let rest = rest
                .strip_prefix('市')
                .or_else(|| rest.strip_prefix('盟'))
                .unwrap_or(rest);
            if ZH_VERBS.iter().any(|v| rest.starts_with(v)) {
                continue;
            }
            let core_end = rest.len().saturating_sub(m.as_str().len());
            let core = rest.get(..core_end).unwrap_or("");
            if ZH_CLAUSE_WORDS.iter().any(|v| core.contains(v)) {
                continue;
            }
            // A class, not a name: "内蒙古自治区一类园区", "自治区级重点园区".
            if ZH_CLASS_ONLY.is_match(core) {
                continue;
            }
        }
        let name = match name_start {
            Some(st) => cand[st..].to_string(),
            None => match g.catalogue().iter().find(|r| cand.ends_with(&r.name_zh)) {
                Some(r) => r.name_zh.clone(),
                None => continue,
            },
        };
        let start = m.end() - name.len();
        // Too generic: "呼和浩特市工业园区" (a city and a bare suffix) unless the catalogue knows it.
        if let Some(parts) = g.zh_parts(&name) {
            let only_city = parts.core.is_empty()
                && parts.places.iter().all(|c| {
                    g.by_code(c)
                        .is_some_and(|d| d.level != DivisionLevel::County)
                });
            let generic_suffix = matches!(
                zh_zone_class(&name).map(|x| x.1),
                Some("园区" | "工业园区" | "开发区" | "产业园区" | "产业园" | "工业园")
            );
            if only_city && generic_suffix && g.match_catalogue_zh(&name).is_none() {
                continue;
            }
        }
        let after = &text[m.end()..];
        let before = &text[..start];
        let in_project_list = ZH_PROJECT_AFTER.is_match(after)
            || (before.ends_with('、') && ZH_PROJECT_LIST_TAIL.is_match(after));
        let level = LIST_LEVEL
            .captures_iter(before)
            .last()
            .filter(|c| {
                let between = &before[c.get(0).expect("m").end()..];
                !between.contains('。')
                    && !between.contains('；')
                    && !ZH_NEW_COUNT.is_match(between)
            })
            .map(|c| zh_level(&c[1]))
            .or_else(|| {
                before
                    .strip_suffix("国家级")
                    .map(|_| ParkLevel::National)
                    .or_else(|| {
                        before
                            .strip_suffix("自治区级")
                            .map(|_| ParkLevel::AutonomousRegion)
                    })
            });
        out.push(Candidate {
            name_en: String::new(),
            name_zh: name,
            start,
            end: m.end(),
            level,
            in_project_list,
        });
    }
    out
}

static ZH_PROJECT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:项目|等[^，。；、]{0,16}项目|、[^，。；]*?等[^，。；、]{0,16}项目|、[^，。；]*?项目)",
    )
    .expect("re")
});
static ZH_PROJECT_LIST_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[^，。；]*?)项目").expect("re"));
static ZH_CLASS_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:自治区|区)?(?:[一二三四五六七八九十两\d]+(?:类|批|级|星)|重点|首批|新型|示范|特色|国家级|自治区级|省级|市级)+$").expect("re")
});
static ZH_NEW_COUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[，,]\s*\d+个").expect("re"));

// ------------------------------------------------------------------ building records

fn build_park(
    document: &Document,
    body: &str,
    name_en: &str,
    name_zh: &str,
    a: &mut Attrs,
    main: bool,
) -> Park {
    let g = Gazetteer::get();
    let name_zh = if name_zh.is_empty() {
        a.name_zh.take().map(|x| x.0).unwrap_or_default()
    } else {
        name_zh.to_string()
    };
    let name_en = name_en.trim().to_string();
    let catalogue = g.match_catalogue(Some(&name_en), Some(&name_zh));
    let kind = if !name_en.is_empty() {
        en_zone_class(&clean_en_zone_name(&name_en)).map(|(_, c)| c.park_kind())
    } else {
        zh_zone_class(&name_zh).map(|(c, _, _)| c.park_kind())
    }
    .or_else(|| catalogue.map(|r| r.kind()))
    .unwrap_or(ParkKind::Unspecified);

    let name_ev = {
        let span = find_name(body, &name_en, &name_zh, &a.aliases);
        span_evidence(document, body, span)
    };
    let ev = |sp: Span| span_evidence(document, body, sp);
    let mut claims: Vec<FieldClaim> = Vec::new();
    let claim = |claims: &mut Vec<FieldClaim>, field: &str, value: String, e: Evidence| {
        if !claims.iter().any(|c| c.field == field && c.value == value) {
            claims.push(FieldClaim {
                field: field.to_string(),
                value,
                evidence: Some(e),
            });
        }
    };

    // Place: the most specific place in the name, else where the text locates it.
    let mut located: Option<(&Division, Evidence)> = None;
    let name_places = g
        .find_places(&name_en)
        .into_iter()
        .chain(g.find_places(&name_zh))
        .filter_map(|p| g.by_code(&p.code))
        .collect::<Vec<_>>();
    if let Some(d) = most_specific(&name_places) {
        located = Some((d, name_ev.clone()));
    }
    if let Some((code, sp)) = &a.location {
        if let Some(d) = g.by_code(code) {
            let better = match &located {
                None => true,
                Some((cur, _)) => d.level > cur.level && g.within(d, cur),
            };
            if better {
                located = Some((d, ev(*sp)));
            }
        }
    }
    if located.is_none() {
        if let Some(r) = catalogue {
            if let Some(d) = g.by_code(&r.league_code) {
                located = Some((d, name_ev.clone()));
            }
        }
    }
    let (mut region, mut city, mut district) = (String::new(), String::new(), String::new());
    if let Some((d, e)) = &located {
        if let Some(r) = g.region_of(d) {
            region = r.display_en().to_string();
        }
        if let Some(c) = g.city_of(d) {
            city = c.display_en().to_string();
            claim(&mut claims, "city", city.clone(), e.clone());
        }
        if d.level == DivisionLevel::County {
            district = d.display_en().to_string();
            claim(&mut claims, "district", district.clone(), e.clone());
        }
    } else if main && (body.contains("Inner Mongolia") || body.contains("内蒙古")) {
        region = g.region().display_en().to_string();
    }

    let mut level = ParkLevel::Unspecified;
    for (l, sp) in &a.levels {
        if level == ParkLevel::Unspecified {
            level = *l;
        }
        claim(&mut claims, "level", l.as_str_name().to_string(), ev(*sp));
    }
    let mut established_year = 0;
    for (y, sp) in &a.established {
        if established_year == 0 {
            established_year = *y;
        }
        claim(&mut claims, "established_year", y.to_string(), ev(*sp));
    }
    let mut approved = String::new();
    for (v, sp) in &a.approved {
        if approved.is_empty() && v.len() >= 7 {
            approved = v.clone();
        }
        claim(&mut claims, "approved", v.clone(), ev(*sp));
    }

    let mut park = Park {
        name: String::new(),
        id: String::new(),
        name_en,
        name_zh,
        // the park takes the lists over: `a` keeps only what the caller reads after (`lists`)
        aliases: std::mem::take(&mut a.aliases),
        kind: kind as i32,
        level: level as i32,
        region,
        city,
        district,
        established_year,
        approved,
        industries: std::mem::take(&mut a.industries),
        industrial_chains: std::mem::take(&mut a.chains)
            .into_iter()
            .map(|stages| IndustrialChain { stages })
            .collect(),
        sub_parks: std::mem::take(&mut a.sub_parks),
        enterprises: std::mem::take(&mut a.enterprises),
        honors: std::mem::take(&mut a.honors),
        parent: String::new(),
        catalogue: catalogue.map(|r| r.entry()),
        sources: vec![document.name.clone()],
        evidence: vec![name_ev],
        claims,
        create_time: None,
        update_time: None,
    };
    park.id = crate::resolve::park_id(&park);
    park.name = format!("parks/{}", park.id);
    park
}

fn most_specific<'a>(places: &[&'a Division]) -> Option<&'a Division> {
    let g = Gazetteer::get();
    let mut best: Option<&Division> = None;
    for d in places {
        if d.level == DivisionLevel::FunctionalArea {
            continue;
        }
        best = match best {
            None => Some(d),
            Some(b)
                if d.level > b.level && (g.within(d, b) || b.level == DivisionLevel::Region) =>
            {
                Some(d)
            }
            Some(b) => Some(b),
        };
    }
    best
}

/// The body span of the park's name: as written, else without "Inner Mongolia", else an alias,
/// else the first "the park"; the first sentence as a last resort.
fn find_name(body: &str, name_en: &str, name_zh: &str, aliases: &[String]) -> Span {
    let mut tries: Vec<String> = Vec::new();
    for n in [name_en, name_zh] {
        if !n.is_empty() {
            tries.push(n.to_string());
            let c = clean_en_zone_name(n);
            tries.push(c.clone());
            for p in ["Inner Mongolia ", "内蒙古"] {
                if let Some(r) = c.strip_prefix(p) {
                    tries.push(r.to_string());
                }
            }
        }
    }
    tries.extend(aliases.iter().cloned());
    // the body lower-cased once, when the first try is not found as written
    let mut lower_body: Option<String> = None;
    for t in &tries {
        if let Some(p) = body.find(t.as_str()) {
            return (p, p + t.len());
        }
        let lower = lower_body.get_or_insert_with(|| body.to_lowercase());
        if lower.len() == body.len() {
            if let Some(p) = lower.find(&t.to_lowercase()) {
                return (p, p + t.len());
            }
        }
    }
    static THE_PARK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)the\s+(?:park|zone)(?-u:\b)|园区|开发区").expect("re")
    });
    if let Some(m) = THE_PARK.find(body) {
        return (m.start(), m.end());
    }
    let first = sentences(body).into_iter().next().map(|s| (s.start, s.end));
    first.unwrap_or((0, 0))
}

/// The body span of the first written form of the main park's name.
fn name_span(body: &str, refs: &ParkRefs) -> Span {
    find_name(body, &refs.primary, "", &refs.names)
}

fn span_evidence(document: &Document, body: &str, (a, b): Span) -> Evidence {
    crate::evidence(document, char_offset(body, a), char_offset(body, b))
}

fn push_unique(v: &mut Vec<String>, item: String) {
    if item.is_empty() {
        return;
    }
    // keys compared without building them (see `same_key`): most comparisons stop at the
    // first byte
    if !v.iter().any(|x| same_key(x, &item)) {
        v.push(item);
    }
}

/// Where `a` and `b` first differ, ASCII case-insensitively, byte by byte. Up to there the key
/// readers of both ([`crate::gazetteer::en_key_chars`]) have read the same characters (an ASCII
/// byte is read by its lower-case value alone, any other byte is the same in both): they have
/// given the same key characters and stand in the same state.
fn ci_common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .zip(b)
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count()
}

/// `en_key_chars(a).eq(en_key_chars(b))`, mostly without reading keys: two texts equal but for
/// ASCII case have one key, and where both next hold an ASCII letter or digit and these differ,
/// the keys' next characters (those lower-cased, after the same pending space if any) differ.
/// Anything else is decided by the keys.
fn same_key(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let i = ci_common_prefix(x, y);
    match (x.get(i), y.get(i)) {
        (None, None) => true,
        (Some(p), Some(q)) if p.is_ascii_alphanumeric() && q.is_ascii_alphanumeric() => false,
        _ => crate::gazetteer::en_key_chars(a).eq(crate::gazetteer::en_key_chars(b)),
    }
}

/// Whether the key of `t` starts with the key of `prefix` (see [`same_key`]): when all of
/// `prefix` is read, its key is what both readers gave, and what either has due next (a pending
/// space never ends a key, the rest of a lower-case mapping is due in both).
fn key_starts_with(t: &str, prefix: &str) -> bool {
    let (x, y) = (t.as_bytes(), prefix.as_bytes());
    let i = ci_common_prefix(x, y);
    match (x.get(i), y.get(i)) {
        (_, None) => true,
        (Some(p), Some(q)) if p.is_ascii_alphanumeric() && q.is_ascii_alphanumeric() => false,
        _ => {
            let mut k = crate::gazetteer::en_key_chars(t);
            crate::gazetteer::en_key_chars(prefix).all(|c| k.next() == Some(c))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_notes_end_in_a_closing_bracket() {
        let pieces = [
            "(", ")", "（", "）", " ", "\u{3000}", "\n", "national", "x", "é",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50000, 8, &pieces) {
            assert_eq!(
                super::drop_title_note(&t),
                super::TITLE_NOTE.replace(&t, ""),
                "{t:?}"
            );
        }
    }

    #[test]
    fn approval_values_agree_with_the_groups() {
        let pieces = [
            "approved", "named", "set up", " ", "  ", "\u{a0}", "\n", "in", "In", "IN", "i", "n",
            "May", "Sept.", "sept", "Jan", "Augu", "\u{17f}", "t", "March", "2019", "20", "19",
            "\u{663}", "0", ".", ";", "x", "é", "-",
        ];
        let re = super::APPROVAL_DATE.re();
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 200_000, 14, &pieces) {
            let Some(c) = re.captures(&t) else {
                assert!(re.find(&t).is_none(), "{t:?}");
                continue;
            };
            let year = &c["year"];
            let want = match c
                .name("month")
                .and_then(|m| super::month_number(m.as_str()))
            {
                Some(m) => format!("{year}-{m:02}"),
                None => year.to_string(),
            };
            let m = re.find(&t).expect("a match");
            assert_eq!(super::approval_value(m.as_str()), want, "{t:?}");
        }
    }

    #[test]
    fn honour_tails_are_dropped_as_the_regexes_drop_them() {
        let pieces = [
            " ",
            "  ",
            "\u{a0}",
            "\n",
            "by",
            "By",
            "the",
            "The",
            "State",
            "autonomous",
            "local",
            "in",
            "In",
            "May",
            "Sept.",
            "2019",
            "20",
            "19",
            "\u{663}",
            "0",
            "x",
            "é",
            ".",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 200_000, 12, &pieces) {
            assert_eq!(
                super::drop_by_authority(&t),
                super::BY_AUTHORITY.replace(&t, ""),
                "{t:?}"
            );
            assert_eq!(
                super::drop_in_date_tail(&t),
                super::IN_DATE_TAIL.replace(&t, ""),
                "{t:?}"
            );
        }
    }

    #[test]
    fn national_notes_are_dropped_as_replace_drops_them() {
        let pieces = [
            " ",
            "(",
            ")",
            "national",
            "(national)",
            " (national)",
            "x",
            "é",
        ];
        for t in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 50_000, 8, &pieces) {
            assert_eq!(
                super::drop_national(&t),
                t.replace(" (national)", ""),
                "{t:?}"
            );
        }
    }

    /// Pieces of random texts for the tests of [`super::SUB_PARK_THAT`]'s gate and window: its
    /// words in both cases, near misses, and the white space and punctuation around them.
    const SUB_PARK_THAT_PIECES: &[&str] = &[
        "a",
        "an",
        "A",
        " ",
        "  ",
        "\u{a0}",
        "\n",
        "park",
        "zone",
        "Park",
        "that",
        "which",
        "That",
        "thatx",
        "eco",
        "-",
        "x",
        "2",
        "_",
        "é",
        "ſ",
        ".",
        ",",
        "(",
        "industrial",
        "\u{3000}",
    ];

    #[test]
    fn park_then_that_holds_for_every_sub_park_that_match() {
        let pieces = SUB_PARK_THAT_PIECES;
        let re = super::SUB_PARK_THAT.re();
        assert_gate_admits_every_match(
            (0x9e37_79b9_7f4a_7c15, 200_000, 10),
            pieces,
            |t| re.is_match(t),
            super::park_then_that,
        );
    }

    #[test]
    fn sub_park_that_window_holds_every_match() {
        let pieces = SUB_PARK_THAT_PIECES;
        let re = super::SUB_PARK_THAT.re();
        let spans = |c: regex::Captures<'_>| {
            let (m, g) = (c.get(0).expect("m"), c.get(1).expect("g"));
            (m.start(), m.end(), g.start(), g.end())
        };
        for t in crate::test_support::Xorshift::texts(0x510f_9e0d_ac3b_7e21, 300_000, 14, pieces) {
            let want: Vec<_> = re.captures_iter(&t).map(spans).collect();
            match super::sub_park_that_window(&t) {
                Some((lo, hi)) => {
                    let got: Vec<_> = super::sub_park_that_in(&t, lo, hi)
                        .map(|(m, (gs, ge))| (m.start(), m.end(), gs, ge))
                        .collect();
                    assert_eq!(got, want, "{t:?}");
                }
                None => assert!(want.is_empty(), "{t:?}"),
            }
        }
    }

    #[test]
    fn either_regex_matches_where_one_of_its_patterns_does() {
        // SUB_PARKS_EITHER stands for both only where LOCATED's cue words open HAS too
        for w in ["parks", "zones", "areas"] {
            assert!(super::SUB_PARKS_HAS.may_match(w), "{w}");
        }
        let pieces = [
            "has ",
            "have ",
            "includes ",
            "the ",
            "three ",
            "12 ",
            "ten ",
            "sub-parks",
            "parks",
            "zones",
            "areas",
            " ",
            "in ",
            "within ",
            "this ",
            "zone",
            "park",
            "—",
            ",",
            ": ",
            "namely ",
            "leading ",
            "key ",
            "industries",
            " include ",
            " are ",
            ", ",
            "such as ",
            "of ",
            "x",
            "é",
            "ſ",
            "Industries",
        ];
        let pairs = [
            (
                &*super::SUB_PARKS_EITHER,
                [&*super::SUB_PARKS_HAS, &*super::SUB_PARKS_LOCATED],
            ),
            (
                &*super::INDUSTRIES_EITHER,
                [&*super::INDUSTRIES_LEADING, &*super::INDUSTRIES_INCLUDING],
            ),
        ];
        for t in crate::test_support::Xorshift::texts(0x3c6e_f372_fe94_f82b, 100_000, 12, &pieces) {
            for (either, [a, b]) in &pairs {
                let want = a.re().is_match(&t) || b.re().is_match(&t);
                assert_eq!(either.is_match(&t), want, "{t:?}");
            }
        }
    }

    #[test]
    fn every_year_match_passes_may_have_year() {
        let pieces = [
            "built in ",
            "approved in ",
            "set up in ",
            "in ",
            "mid-",
            "early ",
            "March ",
            "Sept. ",
            "19",
            "20",
            "1",
            "2",
            "9",
            "0",
            "5",
            "٣",
            "\u{a0}",
            "\u{3000}",
            " ",
            "\t",
            "-",
            "x",
            "é",
        ];
        let res = [super::ESTABLISHED.re(), super::APPROVAL_DATE.re()];
        assert_gate_admits_every_match(
            (0x1f83_d9ab_fb41_bd6b, 300_000, 8),
            &pieces,
            |t| res.iter().any(|re| re.is_match(t)),
            super::may_have_year,
        );
    }

    #[test]
    fn every_level_only_match_has_level() {
        let pieces = [
            "a ",
            "the ",
            "national",
            "state",
            "provincial",
            "-",
            " ",
            "level",
            "LEVEL",
            "Level",
            "zone",
            "park",
            "development zone",
            "area",
            "x",
            "é",
            "ſ",
        ];
        assert_gate_admits_every_match(
            (0x5be0_cd19_137e_2179, 100_000, 8),
            &pieces,
            |t| super::LEVEL_ONLY.is_match(t),
            |t| super::contains_ci(t, "level"),
        );
    }

    /// A gate in front of a pattern may only skip texts the pattern cannot match: on random
    /// texts (`(seed, count, max pieces)`) every text that `matches` passes `gate`.
    fn assert_gate_admits_every_match(
        (seed, n, max_len): (u64, usize, usize),
        pieces: &[&str],
        matches: impl Fn(&str) -> bool,
        gate: impl Fn(&str) -> bool,
    ) {
        for t in crate::test_support::Xorshift::texts(seed, n, max_len, pieces) {
            if matches(&t) {
                assert!(gate(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn find_and_agrees_with_str_find() {
        let pieces = [" ", "and", " and ", "an", "d", "A", "é", "  and", "x"];
        for t in crate::test_support::Xorshift::texts(0x6a09_e667_bb67_ae85, 50_000, 10, &pieces) {
            assert_eq!(super::find_and(&t), t.find(" and "), "{t:?}");
        }
    }

    #[test]
    fn facility_name_start_is_group_one() {
        let pieces = [
            "has ",
            "have ",
            "hosts ",
            "boasts ",
            "a ",
            "an ",
            "the ",
            "Baotou ",
            "Steel ",
            "X’s ",
            "power plant",
            "power station",
            "plant",
            "steelworks",
            "mill",
            " ",
            "\u{a0}",
            "big ",
            "é",
            "A",
            "-",
            "\u{3000}",
            "\n",
        ];
        let re = super::FACILITY.re();
        for t in crate::test_support::Xorshift::texts(0x9b05_688c_2b3e_6c1f, 100_000, 10, &pieces) {
            let want: Vec<(usize, usize)> = re
                .captures_iter(&t)
                .map(|c| {
                    let g = c.get(1).expect("g");
                    (g.start(), g.end())
                })
                .collect();
            let got: Vec<(usize, usize)> = re
                .find_iter(&t)
                .map(|m| (m.start() + super::facility_name_start(m.as_str()), m.end()))
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn has_by_agrees_with_memmem() {
        let pieces = ["b", "y", "by", "yb", "B", "Y", " ", "x", "é", "ÿ"];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50_000, 10, &pieces) {
            let want = memchr::memmem::find(t.as_bytes(), b"by").is_some();
            assert_eq!(super::has_by(&t), want, "{t:?}");
        }
    }

    #[test]
    fn chain_split_agrees_with_the_regex() {
        let pieces = [
            "-", "–", "—", "→", " ", "  ", "\t", "\u{a0}", "\u{3000}", "a", "B", "é", "中", "“",
            "”", "—–", "--",
        ];
        for t in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 100_000, 12, &pieces) {
            let want: Vec<&str> = super::CHAIN_SEP.split(&t).collect();
            assert_eq!(super::chain_split(&t), want, "{t:?}");
        }
    }

    #[test]
    fn former_names_agree_with_the_whole_body_regex() {
        let old = |t: &str| -> Vec<(usize, usize)> {
            super::FORMERLY_GATED
                .captures_iter(t)
                .map(|c| {
                    let m = c.get(1).expect("g");
                    (m.start(), m.end())
                })
                .collect()
        };
        let new = |t: &str| -> Vec<(usize, usize)> {
            super::former_names(t)
                .iter()
                .map(|m| (m.start(), m.end()))
                .collect()
        };
        let pieces = [
            "formerly",
            "Previously",
            "previouſly",
            "also",
            "ALSO",
            "alſo",
            "originally",
            "known",
            "KNOWN",
            "\u{212A}nown",
            "kNown",
            "as",
            "aſ",
            "called",
            "named",
            "Named",
            "renamed",
            " ",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{a0}",
            "\u{3000}",
            "the",
            "The",
            "Park",
            "X",
            "b",
            ",",
            ";",
            ".",
            "(",
            ")",
            "é",
            "中",
            "y",
            "o",
            "d",
            "w",
            "-",
        ];
        // one stream for both loops
        let mut rng = crate::test_support::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        for _ in 0..60000 {
            let len = rng.below(24);
            let t = rng.text(len, &pieces);
            assert_eq!(new(&t), old(&t), "{t:?}");
        }
        // denser in matches: the pattern's words and the bytes that end or break it
        let dense = [
            "also",
            "formerly",
            "called",
            "named",
            "known",
            "\u{212A}nown",
            " as",
            " ",
            "\u{a0}",
            "X",
            "the ",
            ",",
            ")",
            "(",
            ".",
            "ſ",
            "y",
        ];
        for _ in 0..60000 {
            let len = rng.below(16);
            let t = rng.text(len, &dense);
            assert_eq!(new(&t), old(&t), "{t:?}");
        }
        for t in [
            "It was formerly known as Togtoh Park, and also called The Tuoketuo Zone (TZ).",
            "formerly known as A also called B; previously named C",
            "Also named X)",
            "also  named  x",
        ] {
            assert_eq!(new(t), old(t), "{t:?}");
        }
    }

    use super::contains_ci;

    #[test]
    fn bracket_search_agrees_with_the_occurrence_search() {
        // the search before brackets replaced: every occurrence, left to right
        let plain = |body: &str, name: &str| {
            crate::entities::text::match_indices_ci(body, name).find_map(|at| {
                let rest = body[at + name.len()..].trim_start();
                let rest = rest.strip_prefix(['(', '（'])?;
                let close = rest.find([')', '）'])?;
                let inner = rest[..close].trim();
                (inner.chars().any(super::is_han) && super::zh_zone_class(inner).is_some())
                    .then(|| inner.to_string())
            })
        };
        let bodies = [
            "Baotou Park (包头工业园区) is big.",
            "baotou park\u{3000}\t（包头工业园区） and Baotou Park (包头开发区)",
            "Baotou Park (no) then BAOTOU PARK (包头工业园区)",
            "Baotou Park ( 包头工业园区 ",
            "(包头工业园区) Baotou Park",
            "Baotou Parks (包头工业园区)",
            "aa aa a (包头工业园区)",
            "a a a (包头工业园区) a a (包头开发区)",
            "x(包头工业园区)x (包头开发区)",
            "园区（包头工业园区）",
            "",
            "(",
            "（",
        ];
        let names = [
            "Baotou Park",
            "baotou park",
            "aa a",
            "a a",
            "a",
            "x",
            "Park ",
            "园区",
            "Baotou Park (包头工业园区) is big. and more",
        ];
        for body in bodies {
            for name in names {
                assert_eq!(
                    super::bracketed_zh_after(body, name),
                    plain(body, name),
                    "{body:?} {name:?}"
                );
            }
        }
    }

    #[test]
    fn project_test_agrees_with_lower_casing() {
        let plain = |after: &str| {
            let after = after.to_lowercase();
            let head = after.split([',', ';', '.']).next().unwrap_or("");
            head.split_whitespace()
                .take(3)
                .any(|w| w.starts_with("project"))
        };
        for t in [
            "",
            " project",
            " PROJECT, x",
            " phase II Projects are",
            " phase II and the project",
            " a b c project",
            ", project",
            " x. project",
            " projec",
            " projéct",
            " pro\u{212a}ject",
            " İproject",
            " 项目 project",
            "\u{3000}Project\u{a0}x",
            "project",
        ] {
            assert_eq!(super::project_follows(t), plain(t), "{t:?}");
        }
        // no character outside ASCII lower-cases to a space, to , ; . or to a letter of "project"
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !c.is_ascii() && !c.is_whitespace() {
                assert!(
                    !c.to_lowercase()
                        .any(|l| l.is_whitespace() || ",;.project".contains(l)),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn established_year_is_the_year_group() {
        let pieces = [
            "built in ",
            "Founded  in ",
            "set up in ",
            "began construction in ",
            "construction started in ",
            "early ",
            "mid-",
            "May ",
            "Sept. ",
            "2019",
            "1998",
            "20",
            "19",
            "٢",
            "٠",
            "9",
            "1",
            "x",
            " ",
            ".",
            "in ",
            "ſet up in ",
            "ab",
            "\u{212a}",
            "é",
        ];
        let mut rng = crate::test_support::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let mut seen = 0;
        for _ in 0..100_000 {
            let len = rng.below(8);
            let t = rng.text(len, &pieces);
            let caps: Vec<&str> = super::ESTABLISHED
                .re()
                .captures_iter(&t)
                .map(|c| c.name("year").expect("year").as_str())
                .collect();
            let found: Vec<&str> = super::ESTABLISHED
                .re()
                .find_iter(&t)
                .map(|m| super::established_year(m.as_str()))
                .collect();
            seen += caps.len();
            assert_eq!(found, caps, "{t:?}");
        }
        assert!(seen > 1000, "{seen}");
    }

    #[test]
    fn push_unique_agrees_with_comparing_keys() {
        let plain = |v: &mut Vec<String>, item: String| {
            let key = crate::gazetteer::en_key_chars;
            if !item.is_empty() && !v.iter().any(|x| key(x).eq(key(&item))) {
                v.push(item);
            }
        };
        let items = [
            "Steel",
            "steel",
            "STEEL ",
            " steel",
            "-steel",
            "“Steel”",
            "Steel-making",
            "steel making",
            "1st",
            "1ST",
            "Ärzte",
            "ärzte",
            "’x",
            "'x",
            "",
            "Ｓteel",
            "s",
            "S",
        ];
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for i in items.iter().chain(items.iter().rev()) {
            super::push_unique(&mut a, i.to_string());
            plain(&mut b, i.to_string());
        }
        assert_eq!(a, b);
    }

    #[test]
    fn sub_park_counts_read_off_the_match_are_the_group() {
        let pieces = [
            "has ",
            "have ",
            "HAS ",
            "ha\u{17F} ",
            "consists of ",
            "is made up of ",
            "is  divided\tinto ",
            "the ",
            "The ",
            "three ",
            "THREE ",
            "\u{17F}ix ",
            "seven ",
            "twelve ",
            "one ",
            "12 ",
            "٣ ",
            "3",
            "sub-parks",
            "sub parks ",
            "parks ",
            "zones ",
            "areas ",
            "blocks ",
            "in ",
            "within ",
            "the zone",
            "this park ",
            ", ",
            ": ",
            "— ",
            "namely ",
            "A",
            "x ",
            "located ",
            "of ",
            "contains ",
            "governs ",
            "\u{3000}",
        ];
        let mut seen = 0;
        for t in crate::test_support::Xorshift::texts(0x5eed_4b1d_0000_0002, 200_000, 9, &pieces) {
            for re in [&*super::SUB_PARKS_HAS, &*super::SUB_PARKS_LOCATED] {
                let want = re
                    .re()
                    .captures(&t)
                    .and_then(|c| c.name("n"))
                    .map(|n| n.as_str());
                let got = re
                    .re()
                    .find(&t)
                    .and_then(|m| super::sub_parks_count(m.as_str()));
                assert_eq!(got, want, "{t:?}");
                seen += usize::from(want.is_some());
            }
        }
        assert!(seen > 1000, "{seen}");
    }

    #[test]
    fn key_comparisons_agree_with_reading_keys() {
        let key = crate::gazetteer::en_key_chars;
        let pieces = [
            "a", "A", "b", "1", " ", "  ", "\t", "-", "_", "`", "'", "’", "\u{212A}", "k", "K",
            "\u{17F}", "s", "S", "İ", "i", "ß", "ẞ", "Ä", "ä", "\u{3000}", "é", "“", ".", "ﬁ",
        ];
        let texts: Vec<String> =
            crate::test_support::Xorshift::texts(0x5eed_4b1d_0000_0001, 3000, 7, &pieces).collect();
        let mut seen = (0, 0);
        for w in texts.chunks(2) {
            let [a, b] = w else { continue };
            for (a, b) in [(a.as_str(), b.as_str()), (a, a), (b, a)] {
                let same = key(a).eq(key(b));
                assert_eq!(super::same_key(a, b), same, "{a:?} {b:?}");
                let mut k = key(a);
                let starts = key(b).all(|c| k.next() == Some(c));
                assert_eq!(super::key_starts_with(a, b), starts, "{a:?} {b:?}");
                seen.0 += usize::from(same);
                seen.1 += usize::from(starts);
            }
            // a text with the other one's case changed, and with more after it
            let up = a.to_ascii_uppercase();
            assert_eq!(super::same_key(a, &up), key(a).eq(key(&up)), "{a:?}");
            let longer = format!("{up}{b}");
            let mut k = key(&longer);
            assert_eq!(
                super::key_starts_with(&longer, a),
                key(a).all(|c| k.next() == Some(c)),
                "{a:?} {b:?}"
            );
        }
        assert!(seen.0 > 1000 && seen.1 > 1000, "{seen:?}");
    }

    #[test]
    fn candidates_need_a_zone_word() {
        // every alternative of the regex's last group, as it is written there
        for t in [
            "",
            "Hohhot Park",
            "Hohhot Zone",
            "Hohhot Area",
            "Hohhot industrial park",
            "Hohhot industrial zones and",
            "Hohhot industrial area",
            "Hohhot ZONE",
            "Hohhot PARK",
            "Hohhot Parkway",
            "The Baotou Rare Earth Hi-tech Industrial Development Zone grew",
            "(national) Economic Development Zone",
            "Baotou grew",
        ] {
            if super::EN_CANDIDATE.is_match(t) {
                assert!(super::has_zone_word(t), "{t:?}");
            }
        }
        // the words the search looks for end every match: the pattern's last group
        assert!(super::EN_CANDIDATE
            .as_str()
            .ends_with(r"(?:Park|Zone|Area|park|zone)s?(?-u:\b)"));
    }

    #[test]
    fn candidates_end_by_the_last_zone_word() {
        let pieces = [
            "Park",
            "park",
            "Zone",
            "zone",
            "Area",
            "area",
            "PARK",
            "s",
            "ss",
            "side",
            " ",
            "  ",
            "\n",
            "Baotou",
            "Industrial",
            "industrial",
            "and ",
            "of ",
            "(national)",
            "x",
            "é",
            "’",
            ".",
            "-",
            "P",
            "Z",
            "A",
            "p",
            "z",
            "ſ",
            "\u{212A}",
            "园区",
            "Zones",
            "Parks",
            "k",
            "ark",
            "one",
            "rea",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 100_000, 14, &pieces) {
            let want: Vec<_> = super::EN_CANDIDATE
                .find_iter(&t)
                .map(|m| m.range())
                .collect();
            assert_eq!(
                super::zone_search_end(&t),
                plain_zone_search_end(&t),
                "{t:?}"
            );
            match super::zone_search_end(&t) {
                None => assert!(want.is_empty(), "{t:?}"),
                Some(end) => {
                    let got: Vec<_> = super::EN_CANDIDATE
                        .find_iter(&t[..end])
                        .map(|m| m.range())
                        .collect();
                    assert_eq!(got, want, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn zone_words_read_once_find_each_span_s_last() {
        let pieces = [
            "Park", "park", "Zone", "zone", "Area", "area", "PARK", "s", " ", "\n", "Baotou", "x",
            "é", "’", ".", "P", "Z", "A", "p", "z", "k", "ark", "one", "rea", "Ar", "par", "zon",
            "\u{212A}",
        ];
        let mut rng = crate::test_support::Xorshift::new(0x1f83_d9ab_fb41_bd6b);
        for t in crate::test_support::Xorshift::texts(0x5be0_cd19_137e_2179, 30_000, 40, &pieces) {
            // random spans in order, at character boundaries, with gaps
            let cuts: Vec<usize> = {
                let mut c: Vec<usize> = (0..6)
                    .map(|_| rng.below(t.len() + 1))
                    .filter(|&i| t.is_char_boundary(i))
                    .collect();
                c.sort_unstable();
                c
            };
            let mut words = super::zone_words(t.as_bytes());
            for w in cuts.windows(2) {
                let (lo, hi) = (w[0], w[1]);
                let text = &t[lo..hi];
                let got = words
                    .last_within(lo, hi)
                    .map(|last| super::zone_end_after(text, last - lo));
                assert_eq!(got, plain_zone_search_end(text), "{t:?} {lo}..{hi}");
            }
        }
    }

    /// `zone_search_end` by a plain search for the last zone word.
    fn plain_zone_search_end(t: &str) -> Option<usize> {
        (0..t.len())
            .rev()
            .find(|&i| {
                ["Park", "Zone", "Area", "park", "zone"]
                    .iter()
                    .any(|w| t.as_bytes()[i..].starts_with(w.as_bytes()))
            })
            .map(|i| {
                let end = i + 4 + usize::from(t.as_bytes().get(i + 4) == Some(&b's'));
                end + t[end..].chars().next().map_or(0, char::len_utf8)
            })
    }

    #[test]
    fn industry_items_read_as_their_lower_case_copies() {
        let pieces = [
            "other ", "OTHER ", "Other", "o", "ther ", " project", " PROJECT", "project", "yuan",
            "YUAN", "Yuan", "İ", "\u{212A}", "ſ", "ß", "1", "x", " ", "\u{3000}", "é", "Ω",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 100_000, 12, &pieces) {
            assert_eq!(
                super::is_industry_item(&t),
                super::is_industry_item_plain(&t),
                "{t:?}"
            );
        }
    }

    #[test]
    fn leading_stop_words_are_the_list() {
        for w in super::LEADING_STOP {
            assert!(super::is_leading_stop(w), "{w}");
        }
        let pieces = [
            "The", "A", "n", "and", "And", "&", "s", "e", "Th", "r", "é", " ",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50_000, 4, &pieces) {
            assert_eq!(
                super::is_leading_stop(&t),
                super::LEADING_STOP.contains(&t.as_str()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn first_word_ends_where_the_search_finds_it() {
        let pieces = ["The", "the", " ", "\u{3000}", "\n", "A", "é", "Th", "e"];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50_000, 8, &pieces) {
            if let Some(first) = t.split_whitespace().next() {
                assert_eq!(
                    super::word_end(&t, first),
                    t.find(first).expect("a word of t") + first.len(),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn border_test_agrees_with_comparing_every_length() {
        let plain = |s: &str| {
            let b = s.as_bytes();
            (1..b.len()).any(|k| b[..k].eq_ignore_ascii_case(&b[b.len() - k..]))
        };
        let pieces = [
            "a",
            "A",
            "b",
            "B",
            "ab",
            "aB",
            " ",
            "é",
            "\u{212A}",
            "k",
            "1",
            "-",
            "Baotou Park",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50_000, 10, &pieces) {
            assert_eq!(super::has_border_ci(&t), plain(&t), "{t:?}");
        }
    }

    #[test]
    fn quote_search_agrees_with_the_char_search() {
        for t in ["", "a\"b", "x“y”z", "—“", "’”\"", "—–…", "abc", "“", "\"“"]
        {
            assert_eq!(super::find_quote(t, '“'), t.find(['“', '"']), "{t}");
            assert_eq!(super::find_quote(t, '”'), t.find(['”', '"']), "{t}");
        }
    }

    #[test]
    fn quoted_finds_what_the_counted_regex_finds() {
        let long = "x".repeat(401);
        for max in [200, 400] {
            let re = regex::Regex::new(&format!(r#"[“"]([^”"]{{3,{max}}})[”"]"#)).expect("re");
            for t in [
                r#"the "3+5" model and “A—B—C” chain"#,
                r#""ab" then "abcd""#,
                "“x“yz” “”",
                "no quotes",
                r#"open "only"#,
                &format!(r#""{long}" then "short one""#),
                &format!("“{long}“inner”"),
                r#""""abc""#,
                "“丝路”“草原”",
            ] {
                let want: Vec<&str> = re
                    .captures_iter(t)
                    .map(|c| c.get(1).expect("g").as_str())
                    .collect();
                assert_eq!(super::quoted(t, max).collect::<Vec<_>>(), want, "{t}");
            }
        }
    }

    #[test]
    fn ascii_case_insensitive_containment_agrees_with_lower_casing() {
        for (text, found) in [
            ("Hohhot (National) Economic Zone", true),
            ("HOHHOT (NATIONAL)", true),
            ("(nationa", false),
            ("national", false),
            ("园区（national)", false),
            ("", false),
        ] {
            assert_eq!(contains_ci(text, "(national)"), found, "{text}");
            assert_eq!(text.to_lowercase().contains("(national)"), found, "{text}");
        }
    }
}
