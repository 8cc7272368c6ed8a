//! Entity resolution across documents: one park mentioned by several documents is one record.
//!
//! - [`park_id`]: the stable id of a park — its 2018 catalogue code when the names match the
//!   catalogue (`s159041`), else its normalised English name (canonical place spelling, "Inner
//!   Mongolia" dropped, zone words unified: `togtoh-industrial-park` for both "Inner Mongolia Togtoh
//!   Industrial Park" and "Tuoketuo Industrial Park"), else the English form of a Chinese name made
//!   of place + zone words (内蒙古托克托工业园区 → `togtoh-industrial-park`), else a hash of the
//!   Chinese name.
//! - [`merge_park`], [`merge_cluster`], [`merge_company`]: the record of an entity seen again.
//!   Lists and sources are unions; empty fields are filled; when two documents disagree on a
//!   scalar field the existing value stays and both values are kept as claims with their evidence.

use std::sync::LazyLock;

use parkgraph_proto::v1::{
    Company, Evidence, FieldClaim, IndustrialChain, IndustryCluster, Park, ParkKind, ParkLevel,
};
use regex::Regex;

use crate::entities::glossary;
use crate::gazetteer::{clean_en_zone_name, en_key, zh_zone_class, DivisionLevel, Gazetteer};
use crate::slug::slug;

/// The stable id of a park (see the module docs).
pub fn park_id(park: &Park) -> String {
    if let Some(c) = park.catalogue.as_ref().filter(|c| !c.code.is_empty()) {
        return c.code.to_ascii_lowercase();
    }
    if let Some(k) = english_key(&park.name_en) {
        return k;
    }
    if let Some(en) = english_name_from_zh(&park.name_zh) {
        if let Some(k) = english_key(&en) {
            return k;
        }
    }
    if !park.name_zh.trim().is_empty() {
        return slug(park.name_zh.trim(), "park");
    }
    slug(&park.name_en, "park")
}

/// The key under which two park records are the same park: its id.
pub fn park_match_key(park: &Park) -> String {
    park_id(park)
}

/// Whether two records name the same park.
pub fn same_park(a: &Park, b: &Park) -> bool {
    park_id(a) == park_id(b)
}

/// The normalised English name of a park as an id: places in canonical short spelling (suffixes
/// dropped), "Inner Mongolia" dropped, zone words unified, slugged. `None` for an empty name.
pub fn english_key(name_en: &str) -> Option<String> {
    let cleaned = clean_en_zone_name(name_en);
    if cleaned.trim().is_empty() || cleaned.chars().all(|c| !c.is_ascii_alphabetic()) {
        return None;
    }
    let g = Gazetteer::get();
    let mut out = String::new();
    let mut last = 0;
    for p in g.find_place_spans(&cleaned) {
        let d = g.division(p.i);
        out.push_str(&cleaned[last..p.start]);
        if d.level != DivisionLevel::Region {
            out.push_str(&d.short_en);
        }
        last = p.end;
    }
    out.push_str(&cleaned[last..]);
    let key = en_key(&out);
    // the key between spaces (the rules match whole words), built without formatting
    let mut k = String::with_capacity(key.len() + 2);
    k.push(' ');
    if key.contains('&') {
        k.push_str(&key.replace('&', " and "));
    } else {
        k.push_str(&key);
    }
    k.push(' ');
    for (re, rep, needs) in KEY_RULES.iter() {
        // a rule whose words are missing cannot match (a substring search is cheaper than the
        // regex's); most rules change nothing: keep the key instead of copying it
        if !needs.iter().any(|w| k.contains(w)) {
            continue;
        }
        if let std::borrow::Cow::Owned(o) = re.replace_all(&k, *rep) {
            k = o;
        }
    }
    // the words joined by single spaces, without a list of them
    let mut joined = String::with_capacity(k.len());
    for w in k.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    let k = joined.strip_prefix("the ").unwrap_or(&joined);
    if k.is_empty() {
        return None;
    }
    Some(slug(k, "park"))
}

/// Rewrites of a key: pattern, replacement, and words of which every match holds one (the
/// patterns are case-sensitive, each alternative spells one out).
type KeyRule = (Regex, &'static str, &'static [&'static str]);
static KEY_RULES: LazyLock<Vec<KeyRule>> = LazyLock::new(|| {
    let rules: [(&str, &str, &'static [&'static str]); 6] = [
        (r"\s(?:inner\s+mongolian?|mongolia)\s", " ", &["mongolia"]),
        (
            r"\s(?:hi\s+tech|high\s+technology|hightech|hi\s+technology|new\s+and\s+high\s+tech(?:nology)?)\s",
            " high tech ",
            &["tech"],
        ),
        (
            r"\seconomic\s+and\s+technological\s+development\s+(?:zone|area)\s|\setdz\s",
            " etdz ",
            &["economic", "etdz"],
        ),
        (
            r"\shigh\s+tech\s+(?:industrial\s+)?(?:development\s+)?(?:zone|park|area)\s",
            " high tech zone ",
            &["tech"],
        ),
        (
            r"\seconomic\s+development\s+(?:zone|area)\s|\seconomic\s+zone\s",
            " development zone ",
            &["economic"],
        ),
        (
            r"\sindustrial\s+(?:zone|area)\s|\sindustry\s+park\s",
            " industrial park ",
            &["industr"],
        ),
    ];
    rules
        .iter()
        .map(|(p, r, w)| (Regex::new(p).expect("re"), *r, *w))
        .collect()
});

/// An English name for a Chinese zone name made of places, known words and a zone suffix
/// (内蒙古托克托工业园区 → "Togtoh Industrial Park"); `None` when a word is unknown.
pub fn english_name_from_zh(name_zh: &str) -> Option<String> {
    let name_zh = name_zh.trim();
    if name_zh.is_empty() {
        return None;
    }
    let g = Gazetteer::get();
    let parts = g.zh_parts(name_zh)?;
    let (_, _, suffix_en) = zh_zone_class(name_zh)?;
    let mut words: Vec<String> = parts
        .places
        .iter()
        .filter_map(|c| g.by_code(c))
        .filter(|d| d.level != DivisionLevel::Region)
        .map(|d| d.short_en.clone())
        .collect();
    if !parts.core.is_empty() {
        words.push(glossary::translate(&parts.core)?);
    }
    if words.is_empty() {
        return None;
    }
    words.push(suffix_en.to_string());
    Some(words.join(" "))
}

/// The stable id of a cluster: the owner (city, else region) and the Chinese name, or the English
/// name for clusters named only in English.
pub fn cluster_id(owner: &str, name_zh: &str, name_en: &str) -> String {
    let owner = slug(
        if owner.is_empty() {
            "inner mongolia"
        } else {
            owner
        },
        "place",
    );
    let name = if !name_zh.trim().is_empty() {
        slug(name_zh.trim(), "cluster")
    } else {
        slug(name_en, "cluster")
    };
    // `{owner}-{name}`, appended to the owner's slug instead of formatted anew
    let mut id = owner;
    id.reserve(name.len() + 1);
    id.push('-');
    id.push_str(&name);
    id
}

/// The resource name of a listed company: `companies/{market lower}-{code}`.
pub fn company_name(market_code: &str, code: &str) -> String {
    format!("companies/{}-{}", market_code.to_ascii_lowercase(), code)
}

fn norm(s: &str) -> String {
    en_key(s)
        .trim_matches(|c: char| "\"“”'‘’".contains(c))
        .to_string()
}

/// Appends the items of `from` whose normalised form `into` does not hold yet, in order.
fn union(into: &mut Vec<String>, from: &[String]) {
    if from.iter().all(String::is_empty) {
        return;
    }
    // Each side normalised once: comparing `norm`s pairwise allocated two strings per pair, and
    // a cluster's focus list grows with every document that names the cluster.
    let mut keys: Vec<String> = into.iter().map(|y| norm(y)).collect();
    for x in from.iter().filter(|x| !x.is_empty()) {
        let key = norm(x);
        if !keys.contains(&key) {
            into.push(x.clone());
            keys.push(key);
        }
    }
}

fn union_evidence(into: &mut Vec<Evidence>, from: &[Evidence]) {
    for e in from {
        if !into
            .iter()
            .any(|x| x.document == e.document && x.start == e.start && x.end == e.end)
        {
            into.push(e.clone());
        }
    }
}

fn has_claim(claims: &[FieldClaim], field: &str, value: &str) -> bool {
    claims.iter().any(|c| c.field == field && c.value == value)
}

/// Records both values of a disagreeing field as claims (each with its own evidence when the
/// record has a claim for it, else the record's first evidence).
fn record_conflict(
    merged: &mut Park,
    field: &str,
    old: &str,
    old_park: &Park,
    new: &str,
    new_park: &Park,
) {
    for (value, park) in [(old, old_park), (new, new_park)] {
        if has_claim(&merged.claims, field, value) {
            continue;
        }
        let claim = park
            .claims
            .iter()
            .find(|c| c.field == field && c.value == value)
            .cloned()
            .unwrap_or_else(|| FieldClaim {
                field: field.to_string(),
                value: value.to_string(),
                evidence: park.evidence.first().cloned(),
            });
        merged.claims.push(claim);
    }
}

/// Merges a scalar field: fill when empty, keep and record both when they differ.
fn merge_scalar(
    merged: &mut Park,
    existing: &Park,
    incoming: &Park,
    field: &str,
    get: impl Fn(&Park) -> String,
    set: impl Fn(&mut Park, String),
) {
    let (old, new) = (get(existing), get(incoming));
    if new.is_empty() {
        return;
    }
    if old.is_empty() {
        set(merged, new);
    } else if norm(&old) != norm(&new) {
        record_conflict(merged, field, &old, existing, &new, incoming);
    }
}

fn level_text(l: i32) -> String {
    match ParkLevel::try_from(l) {
        Ok(ParkLevel::Unspecified) | Err(_) => String::new(),
        Ok(l) => l.as_str_name().to_string(),
    }
}

/// The record of a park seen again: `existing` updated with what `incoming` adds.
pub fn merge_park(existing: &Park, incoming: &Park) -> Park {
    let mut m = existing.clone();
    if m.id.is_empty() {
        m.id = incoming.id.clone();
        m.name = incoming.name.clone();
    }
    // Names: fill, else keep the other spelling as an alias.
    for (mine, theirs) in [
        (existing.name_en.clone(), incoming.name_en.clone()),
        (existing.name_zh.clone(), incoming.name_zh.clone()),
    ] {
        if theirs.is_empty() {
            continue;
        }
        if mine.is_empty() {
            if theirs == incoming.name_en {
                m.name_en = theirs;
            } else {
                m.name_zh = theirs;
            }
        } else if norm(&mine) != norm(&theirs) {
            union(&mut m.aliases, &[theirs]);
        }
    }
    union(&mut m.aliases, &incoming.aliases);
    let (en, zh) = (norm(&m.name_en), norm(&m.name_zh));
    m.aliases.retain(|a| norm(a) != en && norm(a) != zh);

    if m.kind == ParkKind::Unspecified as i32 {
        m.kind = incoming.kind;
    }
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "level",
        |p| level_text(p.level),
        |p, v| p.level = ParkLevel::from_str_name(&v).map(|l| l as i32).unwrap_or(0),
    );
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "established_year",
        |p| {
            if p.established_year > 0 {
                p.established_year.to_string()
            } else {
                String::new()
            }
        },
        |p, v| p.established_year = v.parse().unwrap_or(0),
    );
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "approved",
        |p| p.approved.clone(),
        |p, v| p.approved = v,
    );
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "region",
        |p| p.region.clone(),
        |p, v| p.region = v,
    );
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "city",
        |p| p.city.clone(),
        |p, v| p.city = v,
    );
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "district",
        |p| p.district.clone(),
        |p, v| p.district = v,
    );
    merge_scalar(
        &mut m,
        existing,
        incoming,
        "parent",
        |p| p.parent.clone(),
        |p, v| p.parent = v,
    );

    union(&mut m.industries, &incoming.industries);
    for c in &incoming.industrial_chains {
        let k: Vec<String> = c.stages.iter().map(|s| norm(s)).collect();
        if !m
            .industrial_chains
            .iter()
            .any(|x| x.stages.iter().map(|s| norm(s)).collect::<Vec<_>>() == k)
        {
            m.industrial_chains.push(IndustrialChain {
                stages: c.stages.clone(),
            });
        }
    }
    union(&mut m.sub_parks, &incoming.sub_parks);
    union(&mut m.enterprises, &incoming.enterprises);
    union(&mut m.honors, &incoming.honors);
    if m.catalogue.is_none() {
        m.catalogue = incoming.catalogue.clone();
    }
    union(&mut m.sources, &incoming.sources);
    union_evidence(&mut m.evidence, &incoming.evidence);
    for c in &incoming.claims {
        let dup = m.claims.iter().any(|x| {
            x.field == c.field
                && x.value == c.value
                && x.evidence.as_ref().map(|e| (&e.document, e.start))
                    == c.evidence.as_ref().map(|e| (&e.document, e.start))
        });
        if !dup {
            m.claims.push(c.clone());
        }
    }
    m.create_time = match (&existing.create_time, &incoming.create_time) {
        (Some(a), Some(b)) => Some(if (a.seconds, a.nanos) <= (b.seconds, b.nanos) {
            *a
        } else {
            *b
        }),
        (a, b) => a.or(*b),
    };
    m.update_time = match (&existing.update_time, &incoming.update_time) {
        (Some(a), Some(b)) => Some(if (a.seconds, a.nanos) >= (b.seconds, b.nanos) {
            *a
        } else {
            *b
        }),
        (a, b) => a.or(*b),
    };
    m
}

/// Groups parks by id, merging records of the same park (order of first appearance kept).
pub fn merge_parks(parks: Vec<Park>) -> Vec<Park> {
    let mut out: Vec<Park> = Vec::new();
    for p in parks {
        let id = if p.id.is_empty() {
            park_id(&p)
        } else {
            p.id.clone()
        };
        match out.iter_mut().find(|x| x.id == id) {
            Some(x) => *x = merge_park(x, &p),
            None => {
                let mut p = p;
                p.id = id.clone();
                p.name = format!("parks/{id}");
                out.push(p);
            }
        }
    }
    out
}

/// The record of a cluster seen again.
pub fn merge_cluster(existing: &IndustryCluster, incoming: &IndustryCluster) -> IndustryCluster {
    let mut m = existing.clone();
    if m.id.is_empty() {
        m.id = incoming.id.clone();
        m.name = incoming.name.clone();
    }
    for (mine, theirs) in [
        (&mut m.name_zh, &incoming.name_zh),
        (&mut m.name_en, &incoming.name_en),
        (&mut m.city, &incoming.city),
        (&mut m.region, &incoming.region),
    ] {
        if mine.is_empty() {
            *mine = theirs.clone();
        }
    }
    if m.ordinal == 0 {
        m.ordinal = incoming.ordinal;
    }
    if m.plan_year == 0 {
        m.plan_year = incoming.plan_year;
    }
    union(&mut m.focus, &incoming.focus);
    union(&mut m.projects, &incoming.projects);
    union(&mut m.sources, &incoming.sources);
    union_evidence(&mut m.evidence, &incoming.evidence);
    m
}

/// The record of a company seen again.
pub fn merge_company(existing: &Company, incoming: &Company) -> Company {
    let mut m = existing.clone();
    if m.name.is_empty() {
        m.name = incoming.name.clone();
    }
    if m.display_name.is_empty() {
        m.display_name = incoming.display_name.clone();
    }
    if m.code.is_empty() {
        m.code = incoming.code.clone();
    }
    if m.market == 0 {
        m.market = incoming.market;
    }
    union(&mut m.sources, &incoming.sources);
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_rule_match_holds_one_of_its_words() {
        let pieces = [
            " ",
            "  ",
            "\t",
            "inner",
            "mongolia",
            "mongolian",
            "hi",
            "high",
            "tech",
            "technology",
            "hightech",
            "new",
            "and",
            "economic",
            "technological",
            "development",
            "zone",
            "area",
            "etdz",
            "park",
            "industrial",
            "industry",
            "x",
        ];
        let mut rng = crate::test_support::Xorshift::new(0x5851_f42d_4c95_7f2d);
        let mut matched = 0;
        for _ in 0..20000 {
            let len = rng.below(12);
            let words: Vec<&str> = (0..len).map(|_| pieces[rng.below(pieces.len())]).collect();
            let k = format!(" {} ", words.join(" "));
            for (re, _, needs) in KEY_RULES.iter() {
                if re.is_match(&k) {
                    matched += 1;
                    assert!(needs.iter().any(|w| k.contains(w)), "{k:?}");
                }
            }
        }
        assert!(matched > 1000, "the texts exercise the rules");
    }
    use parkgraph_proto::v1::CatalogueEntry;

    #[test]
    fn union_appends_what_is_new_once_by_normalised_form_in_order() {
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut into = strings(&["New Materials", "\u{201c}Biomedicine\u{201d}"]);
        union(
            &mut into,
            &strings(&[
                "new  materials",
                "",
                "Biomedicine",
                "Hydrogen Energy",
                "hydrogen energy",
                "Cloud Computing",
            ]),
        );
        assert_eq!(
            into,
            strings(&[
                "New Materials",
                "\u{201c}Biomedicine\u{201d}",
                "Hydrogen Energy",
                "Cloud Computing"
            ])
        );
        let mut empty = Vec::new();
        union(&mut empty, &strings(&["", ""]));
        assert!(empty.is_empty());
        union(&mut empty, &strings(&["a", "A", "b"]));
        assert_eq!(empty, strings(&["a", "b"]));
    }

    fn ev(doc: &str, start: i32, quote: &str) -> Evidence {
        Evidence {
            document: format!("documents/{doc}"),
            document_id: doc.to_string(),
            start,
            end: start + quote.chars().count() as i32,
            quote: quote.to_string(),
        }
    }

    fn park(name_en: &str, doc: &str) -> Park {
        let mut p = Park {
            name_en: name_en.to_string(),
            sources: vec![format!("documents/{doc}")],
            evidence: vec![ev(doc, 0, name_en)],
            ..Default::default()
        };
        p.id = park_id(&p);
        p.name = format!("parks/{}", p.id);
        p
    }

    #[test]
    fn ids_from_names() {
        assert_eq!(
            english_key("Inner Mongolia Togtoh Industrial Park").as_deref(),
            Some("togtoh-industrial-park")
        );
        assert_eq!(
            english_key("Inner Mongolia Tuoketuo Industrial Park").as_deref(),
            Some("togtoh-industrial-park")
        );
        assert_eq!(
            english_key("Togtoh Industrial Zone").as_deref(),
            Some("togtoh-industrial-park")
        );
        assert_eq!(
            english_key("Erdos Airport Logistics Park").as_deref(),
            Some("ordos-airport-logistics-park")
        );
        assert_eq!(
            english_key("Juungar Hi-Tech Industrial Park"),
            english_key("Jungar High-tech Zone")
        );
        assert_eq!(
            english_name_from_zh("内蒙古托克托工业园区").as_deref(),
            Some("Togtoh Industrial Park")
        );
        let zh = Park {
            name_zh: "内蒙古托克托工业园区".into(),
            ..Default::default()
        };
        assert_eq!(park_id(&zh), "togtoh-industrial-park");
        let unknown = Park {
            name_zh: "敕勒川乳业开发区".into(),
            ..Default::default()
        };
        assert!(park_id(&unknown).starts_with("park-"));
        let cat = Park {
            name_en: "Ordos Hi-Tech Industrial Park".into(),
            catalogue: Some(CatalogueEntry {
                code: "G152059".into(),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(park_id(&cat), "g152059");
    }

    #[test]
    fn same_park_across_spellings() {
        let a = park("Inner Mongolia Togtoh Industrial Park", "d1");
        let b = park("Tuoketuo Industrial Park", "d2");
        assert!(same_park(&a, &b));
        assert_eq!(a.id, b.id);
        let c = park("Inner Mongolia Horinger Economic Development Zone", "d3");
        assert!(!same_park(&a, &c));
    }

    #[test]
    fn merges_sources_lists_and_conflicts() {
        let mut a = park("Inner Mongolia Togtoh Industrial Park", "d1");
        a.established_year = 2003;
        a.claims.push(FieldClaim {
            field: "established_year".into(),
            value: "2003".into(),
            evidence: Some(ev("d1", 40, "built in 2003")),
        });
        a.industries = vec!["metallurgy".into(), "power and energy".into()];
        a.city = "Hohhot".into();
        a.level = ParkLevel::AutonomousRegion as i32;
        let mut b = park("Tuoketuo Industrial Park", "d2");
        b.established_year = 2002;
        b.claims.push(FieldClaim {
            field: "established_year".into(),
            value: "2002".into(),
            evidence: Some(ev("d2", 10, "founded in 2002")),
        });
        b.industries = vec!["Metallurgy".into(), "biopharmaceuticals".into()];
        b.district = "Togtoh County".into();
        b.approved = "2006-06".into();
        b.enterprises = vec!["Jinhe Biotechnology Co".into()];

        let m = merge_park(&a, &b);
        assert_eq!(m.id, a.id);
        assert_eq!(m.sources, ["documents/d1", "documents/d2"]);
        assert_eq!(m.evidence.len(), 2);
        assert_eq!(m.aliases, ["Tuoketuo Industrial Park"]);
        assert_eq!(m.established_year, 2003, "existing value kept");
        let years: Vec<(&str, &str)> = m
            .claims
            .iter()
            .filter(|c| c.field == "established_year")
            .map(|c| {
                (
                    c.value.as_str(),
                    c.evidence.as_ref().unwrap().document_id.as_str(),
                )
            })
            .collect();
        assert_eq!(years, [("2003", "d1"), ("2002", "d2")]);
        assert_eq!(
            m.industries,
            ["metallurgy", "power and energy", "biopharmaceuticals"]
        );
        assert_eq!(m.district, "Togtoh County");
        assert_eq!(m.approved, "2006-06");
        assert_eq!(m.city, "Hohhot");
        assert_eq!(m.level, ParkLevel::AutonomousRegion as i32);
        assert_eq!(m.enterprises, ["Jinhe Biotechnology Co"]);

        // Merging the same document again changes nothing.
        assert_eq!(merge_park(&m, &b), m);
    }

    #[test]
    fn conflict_without_claims_uses_record_evidence() {
        let mut a = park("Ordos Hi-Tech Industrial Park", "d1");
        a.level = ParkLevel::AutonomousRegion as i32;
        let mut b = park("Ordos Hi-Tech Industrial Park", "d2");
        b.level = ParkLevel::National as i32;
        let m = merge_park(&a, &b);
        assert_eq!(m.level, ParkLevel::AutonomousRegion as i32);
        let levels: Vec<(&str, &str)> = m
            .claims
            .iter()
            .map(|c| {
                (
                    c.value.as_str(),
                    c.evidence.as_ref().unwrap().document_id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            levels,
            [
                ("PARK_LEVEL_AUTONOMOUS_REGION", "d1"),
                ("PARK_LEVEL_NATIONAL", "d2")
            ]
        );
    }

    #[test]
    fn merges_park_lists_by_id() {
        let parks = vec![
            park("Inner Mongolia Togtoh Industrial Park", "d1"),
            park("Baotou Equipment Manufacturing Industrial Park", "d1"),
            park("Tuoketuo Industrial Park", "d2"),
        ];
        let merged = merge_parks(parks);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].sources.len(), 2);
    }

    #[test]
    fn merges_clusters_and_companies() {
        let a = IndustryCluster {
            name: "clusters/x".into(),
            id: "x".into(),
            name_zh: "生物医药产业集群".into(),
            focus: vec!["生物疫苗".into()],
            projects: vec!["金宇共立宠物疫苗".into()],
            sources: vec!["documents/d1".into()],
            ordinal: 3,
            ..Default::default()
        };
        let b = IndustryCluster {
            name_zh: "生物医药产业集群".into(),
            name_en: "biomedicine".into(),
            projects: vec!["金宇共立宠物疫苗".into(), "华希生物动物疫苗".into()],
            sources: vec!["documents/d2".into()],
            plan_year: 2023,
            ..Default::default()
        };
        let m = merge_cluster(&a, &b);
        assert_eq!(m.projects.len(), 2);
        assert_eq!(m.sources.len(), 2);
        assert_eq!(m.name_en, "biomedicine");
        assert_eq!((m.ordinal, m.plan_year), (3, 2023));
        assert_eq!(
            cluster_id("Hohhot", "生物医药产业集群", ""),
            cluster_id("Hohhot", "生物医药产业集群", "biomedicine")
        );
        assert_ne!(
            cluster_id("Hohhot", "生物医药产业集群", ""),
            cluster_id("Baotou", "生物医药产业集群", "")
        );

        let c1 = Company {
            name: company_name("SZ", "300166"),
            display_name: "东方国信".into(),
            code: "300166".into(),
            market: 2,
            sources: vec!["documents/d1".into()],
        };
        let c2 = Company {
            sources: vec!["documents/d2".into(), "documents/d1".into()],
            ..c1.clone()
        };
        let m = merge_company(&c1, &c2);
        assert_eq!(m.name, "companies/sz-300166");
        assert_eq!(m.sources, ["documents/d1", "documents/d2"]);
    }
}
