//! Gold test: the five seed documents through the real pipeline (ingest plugins + normaliser),
//! scored with a faithful port of `shared/tools/score.py`.
//!
//! `gold_seeds` runs `parkgraph_ingest::registry().parse` and `parkgraph_normalize::normalize`
//! and asserts: statistics F1 ≥ 0.95, quantities F1 ≥ 0.97, parks/clusters/companies F1 = 1.0,
//! every document check passes.
//!
//! `gold_statistics_stand_in` checks the statistics layer alone: it builds each document with a
//! small stand-in parser (no plugin) and an empty entity context, and asserts the statistics and
//! quantities targets.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use parkgraph_ingest::ParsedDocument;
use parkgraph_normalize::{entities::Context, Records};
use parkgraph_proto::v1::{
    Comparator, Document, IndustryCluster, Metric, Park, ParkLevel, SourceFormat, Statistic,
    SubjectKind, Unit,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

// ------------------------------------------------------------------------------- scorer port

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Tally {
    fn p(&self) -> f64 {
        if self.tp + self.fp > 0 {
            self.tp as f64 / (self.tp + self.fp) as f64
        } else {
            0.0
        }
    }
    fn r(&self) -> f64 {
        if self.tp + self.fn_ > 0 {
            self.tp as f64 / (self.tp + self.fn_) as f64
        } else {
            0.0
        }
    }
    fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name}: P={:.3} R={:.3} F1={:.3} (tp={} fp={} fn={})",
            self.p(),
            self.r(),
            self.f(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

const PREFIXES: &[&str] = &[
    "UNIT_",
    "METRIC_",
    "SUBJECT_KIND_",
    "COMPARATOR_",
    "PARK_LEVEL_",
    "LEVEL_",
    "SOURCE_FORMAT_",
    "LANGUAGE_",
    "KIND_",
];

/// `enum()` of score.py: strip the proto prefix, lower-case.
fn enum_norm(s: &str) -> String {
    let up = s.to_uppercase();
    for p in PREFIXES {
        if up.starts_with(p) {
            return s[p.len()..].to_lowercase();
        }
    }
    s.to_lowercase()
}

/// `unit()` of score.py.
fn unit_norm(s: Option<&str>) -> String {
    let u = s.map(enum_norm).unwrap_or_else(|| "count".into());
    let alias = match u.as_str() {
        "km2" | "sq_km" | "square_kilometer" | "square_kilometre" | "km²" => "km2",
        "cny" | "rmb" | "yuan" => "cny",
        "usd" | "dollar" => "usd",
        "percent" | "pct" | "%" | "percentage" => "percent",
        "count" | "" | "unspecified" | "none" | "items" | "number" => "count",
        "kw" | "kilowatt" => "kw",
        "kv" | "kilovolt" => "kv",
        "m3" | "cubic_meter" => "m3",
        "t" | "tonne" | "ton" | "tons" => "t",
        "rank" => "rank",
        "km" => "km",
        "min" | "minute" => "min",
        "times" | "ratio" => "times",
        "ha" | "hectare" => "ha",
        "m2" => "m2",
        "mu" => "mu",
        "kwh" => "kwh",
        "pp" | "percentage_point" => "pp",
        other => return other.to_string(),
    };
    alias.to_string()
}

/// NFKC for the characters that occur here: full-width ASCII and the ideographic space.
fn nfkc_lite(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// `norm_text()` of score.py.
fn norm_text(s: Option<&str>) -> String {
    let Some(s) = s else { return String::new() };
    let s = nfkc_lite(s).to_lowercase();
    let sep = |c: char| c.is_whitespace() || "\"“”'’‘()（）-–—,，.。:：/_".contains(c);
    let mut out = String::new();
    let mut in_sep = false;
    for c in s.chars() {
        if sep(c) {
            in_sep = true;
        } else {
            if in_sep && !out.is_empty() {
                out.push(' ');
            }
            in_sep = false;
            out.push(c);
        }
    }
    // a trailing separator run becomes one space then is trimmed; a leading one is trimmed
    out.trim().to_string()
}

const STOP: &[&str] = &[
    "inner",
    "mongolia",
    "industrial",
    "park",
    "zone",
    "economic",
    "development",
    "the",
    "hi",
    "tech",
    "high",
    "of",
    "and",
    "city",
    "district",
    "county",
    "league",
    "autonomous",
    "region",
    "parks",
    "clusters",
    "cities",
    "regions",
    "companies",
    "projects",
    "documents",
];

/// `name_match()` of score.py.
fn name_match(a: Option<&str>, b: Option<&str>) -> bool {
    let (a, b) = (norm_text(a), norm_text(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b || a.contains(&b) || b.contains(&a) {
        return true;
    }
    let ta: HashSet<&str> = a.split_whitespace().filter(|t| !STOP.contains(t)).collect();
    let tb: HashSet<&str> = b.split_whitespace().filter(|t| !STOP.contains(t)).collect();
    !ta.is_empty() && !tb.is_empty() && ta.intersection(&tb).next().is_some()
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    if a == b {
        return true;
    }
    (a - b).abs() <= 0.005 * a.abs().max(b.abs())
}

fn json_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn years_in(s: &str) -> Vec<i32> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) {
            out.push(s[i..i + 4].parse().unwrap_or(0));
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// `period_of()` of score.py for gold entries.
fn gold_period(g: &Value) -> Option<(i32, i32)> {
    match g.get("period") {
        None | Some(Value::Null) => g
            .get("year")
            .and_then(json_f64)
            .map(|y| (y as i32, y as i32)),
        Some(Value::String(s)) => {
            let ys = years_in(s);
            Some((*ys.first()?, *ys.last()?))
        }
        Some(Value::Number(n)) => n.as_i64().map(|y| (y as i32, y as i32)),
        Some(Value::Object(o)) => {
            let a = o.get("start_year").and_then(json_f64)? as i32;
            let b = o
                .get("end_year")
                .and_then(json_f64)
                .map(|x| x as i32)
                .unwrap_or(a);
            (a != 0).then_some((a, if b == 0 { a } else { b }))
        }
        _ => None,
    }
}

#[derive(Debug, Clone)]
struct Subj {
    kind: Option<String>,
    name: Option<String>,
}

fn gold_subject(v: &Value) -> Subj {
    match v {
        Value::String(s) => Subj {
            kind: None,
            name: Some(s.clone()),
        },
        _ => Subj {
            kind: v.get("kind").and_then(Value::as_str).map(enum_norm),
            name: ["name", "display_name", "id"]
                .iter()
                .find_map(|k| v.get(*k).and_then(Value::as_str))
                .map(String::from),
        },
    }
}

/// A predicted statistic as the scorer sees it.
#[derive(Debug, Clone)]
struct PStat {
    value: Option<f64>,
    unit: String,
    subject: Subj,
    metric: String,
    comparator: String,
    period: Option<(i32, i32)>,
    label: String,
    quote: String,
}

fn pstat(s: &Statistic) -> PStat {
    let sub = s.subject.clone().unwrap_or_default();
    let kind = SubjectKind::try_from(sub.kind).unwrap_or(SubjectKind::Unspecified);
    let name = [sub.name.clone(), sub.id.clone()]
        .into_iter()
        .find(|n| !n.is_empty());
    PStat {
        value: s.value.as_ref().and_then(|d| d.value.parse().ok()),
        unit: unit_norm(Some(
            Unit::try_from(s.unit)
                .unwrap_or(Unit::Unspecified)
                .as_str_name(),
        )),
        subject: Subj {
            kind: (kind != SubjectKind::Unspecified).then(|| enum_norm(kind.as_str_name())),
            name,
        },
        metric: enum_norm(
            Metric::try_from(s.metric)
                .unwrap_or(Metric::Unspecified)
                .as_str_name(),
        ),
        comparator: enum_norm(
            Comparator::try_from(s.comparator)
                .unwrap_or(Comparator::Unspecified)
                .as_str_name(),
        ),
        period: s.period.as_ref().filter(|p| p.start_year != 0).map(|p| {
            (
                p.start_year,
                if p.end_year == 0 {
                    p.start_year
                } else {
                    p.end_year
                },
            )
        }),
        label: s.label.clone(),
        quote: s
            .evidence
            .as_ref()
            .map(|e| e.quote.clone())
            .unwrap_or_default(),
    }
}

fn subject_match(p: &Subj, golds: &[Subj]) -> bool {
    golds.iter().any(|g| {
        if let (Some(pk), Some(gk)) = (&p.kind, &g.kind) {
            if pk != gk {
                return false;
            }
        }
        name_match(p.name.as_deref(), g.name.as_deref())
    })
}

fn unit_ok(pu: &str, g: &Value) -> bool {
    let mut units = vec![unit_norm(g.get("unit").and_then(Value::as_str))];
    if let Some(a) = g.get("alt_units").and_then(Value::as_array) {
        units.extend(a.iter().map(|u| unit_norm(u.as_str())));
    }
    units.iter().any(|u| u == pu)
}

fn optional(g: &Value) -> bool {
    g.get("optional").and_then(Value::as_bool).unwrap_or(false)
}

/// `match_stats()` of score.py: greedy one-to-one; returns (pairs, extra, missed required).
fn match_stats<'a>(
    pred: &'a [PStat],
    gold: &'a [Value],
    with_subject: bool,
) -> (Vec<(&'a PStat, &'a Value)>, Vec<&'a PStat>, Vec<&'a Value>) {
    let mut used = HashSet::new();
    let (mut pairs, mut extra) = (Vec::new(), Vec::new());
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&i| optional(&gold[i]));
    for p in pred {
        let mut hit = None;
        for &i in &order {
            let g = &gold[i];
            if used.contains(&i) {
                continue;
            }
            if !close(p.value, g.get("value").and_then(json_f64)) || !unit_ok(&p.unit, g) {
                continue;
            }
            if with_subject {
                let mut subs = vec![gold_subject(&g["subject"])];
                if let Some(a) = g.get("alt_subjects").and_then(Value::as_array) {
                    subs.extend(a.iter().map(gold_subject));
                }
                if !subject_match(&p.subject, &subs) {
                    continue;
                }
            }
            hit = Some(i);
            break;
        }
        match hit {
            Some(i) => {
                used.insert(i);
                pairs.push((p, &gold[i]));
            }
            None => extra.push(p),
        }
    }
    let missed = gold
        .iter()
        .enumerate()
        .filter(|(i, g)| !used.contains(i) && !optional(g))
        .map(|(_, g)| g)
        .collect();
    (pairs, extra, missed)
}

fn list_f1(pred: &[String], gold: Option<&Value>, t: &mut Tally) {
    let gold: Vec<String> = gold
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|g| match g {
                    Value::String(s) => s.clone(),
                    Value::Array(x) => x
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let mut used = HashSet::new();
    for p in pred {
        match (0..gold.len()).find(|i| !used.contains(i) && name_match(Some(p), Some(&gold[*i]))) {
            Some(i) => {
                used.insert(i);
                t.tp += 1;
            }
            None => t.fp += 1,
        }
    }
    t.fn_ += gold.len() - used.len();
}

#[derive(Default)]
struct Scores {
    st: Tally,
    st_nosub: Tally,
    parks: Tally,
    clusters: Tally,
    comp: Tally,
    lists: Tally,
    metric: (usize, usize),
    period: (usize, usize),
    cmp: (usize, usize),
    park_fields: BTreeMap<&'static str, (usize, usize)>,
    doc: (usize, usize),
    log: Vec<String>,
}

fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!())
}

fn score_one(sc: &mut Scores, name: &str, g: &Value, rec: Option<&Records>) {
    let stats: Vec<PStat> = rec
        .map(|r| r.statistics.iter().map(pstat).collect())
        .unwrap_or_default();
    let gs: Vec<Value> = g
        .get("statistics")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let (pairs, extra, missed) = match_stats(&stats, &gs, true);
    let opt_hits = pairs.iter().filter(|(_, g)| optional(g)).count();
    sc.st.tp += pairs.len() - opt_hits;
    sc.st.fp += extra.len();
    sc.st.fn_ += missed.len();
    let (pairs2, extra2, missed2) = match_stats(&stats, &gs, false);
    let opt2 = pairs2.iter().filter(|(_, g)| optional(g)).count();
    sc.st_nosub.tp += pairs2.len() - opt2;
    sc.st_nosub.fp += extra2.len();
    sc.st_nosub.fn_ += missed2.len();
    for (p, gg) in &pairs {
        if optional(gg) {
            continue;
        }
        let gm = gg["metric"].as_str().unwrap_or("");
        if gm != "other" {
            sc.metric.1 += 1;
            if p.metric == gm {
                sc.metric.0 += 1;
            } else {
                sc.log.push(format!(
                    "  METRIC {name}: {:?} got {} want {gm} [{}]",
                    p.value, p.metric, p.quote
                ));
            }
        }
        sc.period.1 += 1;
        if p.period == gold_period(gg) {
            sc.period.0 += 1;
        } else {
            sc.log.push(format!(
                "  PERIOD {name}: {:?} got {:?} want {:?} [{}]",
                p.value,
                p.period,
                gold_period(gg),
                p.quote
            ));
        }
        let gc = gg["comparator"].as_str().unwrap_or("eq");
        sc.cmp.1 += 1;
        let pc = if p.comparator.is_empty() {
            "eq"
        } else {
            p.comparator.as_str()
        };
        if pc == gc || (gc == "eq" && matches!(pc, "eq" | "unspecified")) {
            sc.cmp.0 += 1;
        } else {
            sc.log.push(format!(
                "  COMPARATOR {name}: {:?} got {pc} want {gc} [{}]",
                p.value, p.quote
            ));
        }
    }
    for m in &missed {
        sc.log.push(format!(
            "  MISS {name}: {:?} {} {} subject={}",
            m["text"], m["value"], m["unit"], m["subject"]["name"]
        ));
    }
    for e in &extra {
        sc.log.push(format!(
            "  EXTRA {name}: {:?} {} subject={:?} {} [{}]",
            e.value,
            e.unit,
            e.subject.name,
            if e.label.is_empty() {
                &e.metric
            } else {
                &e.label
            },
            e.quote
        ));
    }
    // ------------------------------------------------------------------ parks
    let pparks: &[Park] = rec.map(|r| r.parks.as_slice()).unwrap_or(&[]);
    let opt_parks: Vec<String> = g
        .get("optional_parks")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let nz = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let mut used = HashSet::new();
    for gp in g
        .get("parks")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let gen = gp.get("name_en").and_then(Value::as_str);
        let gzh = gp.get("name_zh").and_then(Value::as_str);
        let hit = (0..pparks.len()).find(|i| {
            !used.contains(i)
                && (name_match(nz(&pparks[*i].name_en).as_deref(), gen)
                    || (gzh.is_some() && name_match(nz(&pparks[*i].name_zh).as_deref(), gzh)))
        });
        let Some(i) = hit else {
            sc.parks.fn_ += 1;
            sc.log
                .push(format!("  MISS park {name}: {}", gen.unwrap_or("")));
            continue;
        };
        used.insert(i);
        sc.parks.tp += 1;
        let q = &pparks[i];
        for fld in ["name_zh", "city", "level", "established_year", "approved"] {
            let Some(want) = gp.get(fld).filter(|v| !v.is_null()) else {
                continue;
            };
            let ok = match fld {
                "approved" => {
                    let w: String = want.as_str().unwrap_or("").chars().take(7).collect();
                    !q.approved.is_empty() && q.approved.starts_with(&w)
                }
                "level" => {
                    enum_norm(
                        ParkLevel::try_from(q.level)
                            .unwrap_or(ParkLevel::Unspecified)
                            .as_str_name(),
                    ) == want.as_str().unwrap_or("").to_lowercase()
                }
                "established_year" => {
                    q.established_year != 0 && Some(q.established_year as f64) == json_f64(want)
                }
                "name_zh" => name_match(nz(&q.name_zh).as_deref(), want.as_str()),
                _ => name_match(nz(&q.city).as_deref(), want.as_str()),
            };
            let e = sc.park_fields.entry(fld).or_default();
            e.1 += 1;
            e.0 += ok as usize;
        }
        list_f1(&q.industries, gp.get("industries"), &mut sc.lists);
        list_f1(&q.sub_parks, gp.get("sub_parks"), &mut sc.lists);
        list_f1(&q.enterprises, gp.get("enterprises"), &mut sc.lists);
    }
    for (i, q) in pparks.iter().enumerate() {
        let n = nz(&q.name_zh).or_else(|| nz(&q.name_en));
        if !used.contains(&i) && !opt_parks.iter().any(|o| name_match(n.as_deref(), Some(o))) {
            sc.parks.fp += 1;
            sc.log.push(format!(
                "  EXTRA park {name}: {}",
                if q.name_en.is_empty() {
                    &q.name_zh
                } else {
                    &q.name_en
                }
            ));
        }
    }
    // ------------------------------------------------------------------ clusters
    let pc: &[IndustryCluster] = rec.map(|r| r.clusters.as_slice()).unwrap_or(&[]);
    let mut usedc = HashSet::new();
    for gc in g
        .get("clusters")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
    {
        let gzh = gc.get("name_zh").and_then(Value::as_str);
        let gen = gc.get("name_en").and_then(Value::as_str);
        let hit = (0..pc.len()).find(|i| {
            if usedc.contains(i) {
                return false;
            }
            let q = &pc[*i];
            if gzh.is_some() {
                return name_match(nz(&q.name_zh).as_deref(), gzh)
                    || name_match(nz(&q.name).as_deref(), gzh);
            }
            gen.is_some()
                && (name_match(nz(&q.name_en).as_deref(), gen)
                    || name_match(nz(&q.name).as_deref(), gen))
        });
        let Some(i) = hit else {
            sc.clusters.fn_ += 1;
            sc.log.push(format!(
                "  MISS cluster {name}: {}",
                gzh.or(gen).unwrap_or("")
            ));
            continue;
        };
        usedc.insert(i);
        sc.clusters.tp += 1;
        list_f1(&pc[i].focus, gc.get("focus"), &mut sc.lists);
        list_f1(&pc[i].projects, gc.get("projects"), &mut sc.lists);
    }
    sc.clusters.fp += pc.len() - usedc.len();
    // ------------------------------------------------------------------ companies
    let codes: HashSet<String> = rec
        .map(|r| r.companies.iter().map(|c| c.code.to_uppercase()).collect())
        .unwrap_or_default();
    let gcodes: HashSet<String> = g
        .get("companies")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| c["code"].as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let opt_codes: HashSet<String> = g
        .get("optional_companies")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|c| c["code"].as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    sc.comp.tp += codes.intersection(&gcodes).count();
    sc.comp.fn_ += gcodes.difference(&codes).count();
    sc.comp.fp += codes
        .iter()
        .filter(|c| !gcodes.contains(*c) && !opt_codes.contains(*c) && !c.is_empty())
        .count();
    // ------------------------------------------------------------------ document
    let gd = &g["document"];
    let pd: Document = rec.map(|r| r.document.clone()).unwrap_or_default();
    let mut check = |ok: bool, what: String| {
        sc.doc.1 += 1;
        sc.doc.0 += ok as usize;
        if !ok {
            sc.log.push(format!("  DOC {name}: {what}"));
        }
    };
    let fmt = SourceFormat::try_from(pd.source_format).unwrap_or(SourceFormat::Unspecified);
    check(
        enum_norm(fmt.as_str_name()) == gd["source_format"].as_str().unwrap_or(""),
        "source_format".into(),
    );
    let lang = gd["language"].as_str().unwrap_or("");
    let long = if lang == "en" { "english" } else { "chinese" };
    check(
        pd.language.to_lowercase() == lang || pd.language.to_lowercase() == long,
        "language".into(),
    );
    check(
        norm_text(Some(&pd.title)) == norm_text(gd["title"].as_str()),
        format!("title {:?}", pd.title),
    );
    if let Some(want) = gd.get("published").and_then(Value::as_str) {
        let got = pd
            .published_at
            .as_ref()
            .and_then(|t| DateTime::from_timestamp(t.seconds, t.nanos as u32));
        let ok = match got {
            None => false,
            Some(got) if want.len() > 10 => DateTime::parse_from_rfc3339(want)
                .map(|w| w == got)
                .unwrap_or(false),
            Some(got) => got.with_timezone(&china()).date_naive().to_string() == want,
        };
        check(ok, format!("published {got:?}"));
    }
    if let Some(url) = gd.get("url").and_then(Value::as_str) {
        check(pd.url.trim() == url, "url".into());
    }
    if let Some(origin) = gd.get("origin").and_then(Value::as_str) {
        check(
            norm_text(Some(&pd.origin)) == norm_text(Some(origin)),
            "origin".into(),
        );
    }
    if let Some(summary) = gd.get("summary").and_then(Value::as_str) {
        check(
            norm_text(Some(&pd.summary)) == norm_text(Some(summary)),
            "summary".into(),
        );
    }
    for s in gd
        .get("body_must_contain")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = s.as_str().unwrap_or("");
        check(pd.body.contains(s), format!("body lacks {s:?}"));
    }
    for s in gd
        .get("body_must_not_contain")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = s.as_str().unwrap_or("");
        check(
            !pd.body.is_empty() && !pd.body.contains(s),
            format!("body keeps {s:?}"),
        );
    }
}

fn ratio((a, b): (usize, usize)) -> String {
    if b == 0 {
        "n/a".into()
    } else {
        format!("{:.3}", a as f64 / b as f64)
    }
}

fn report(sc: &Scores) {
    for l in &sc.log {
        println!("{l}");
    }
    println!("{}", sc.st.line("statistics (subject+value+unit)"));
    println!("{}", sc.st_nosub.line("quantities (value+unit only)"));
    println!(
        "metric_accuracy (over matched statistics): {}",
        ratio(sc.metric)
    );
    println!(
        "period_accuracy (over matched statistics): {}",
        ratio(sc.period)
    );
    println!(
        "comparator_accuracy (over matched statistics): {}",
        ratio(sc.cmp)
    );
    println!("{}", sc.parks.line("parks"));
    for (k, v) in &sc.park_fields {
        println!("  park.{k}: {}", ratio(*v));
    }
    println!("{}", sc.clusters.line("clusters"));
    println!(
        "{}",
        sc.lists
            .line("list fields (industries, sub_parks, enterprises, focus, projects)")
    );
    println!("{}", sc.comp.line("companies (stock codes)"));
    println!("document checks passed: {}/{}", sc.doc.0, sc.doc.1);
    println!("score: F1={:.3}", sc.st.f());
}

// ------------------------------------------------------------------------------- inputs

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn golds() -> Vec<(String, Value)> {
    let dir = manifest().join("tests/fixtures/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap_or_default())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (v["file"].as_str().unwrap_or("").to_string(), v)
        })
        .collect()
}

fn seed(file: &str) -> (PathBuf, Vec<u8>) {
    let p = manifest().join("../../seeds").join(file);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    (p, bytes)
}

fn doc_id(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[test]
fn gold_seeds() {
    let registry = parkgraph_ingest::registry();
    let mut sc = Scores::default();
    for (file, g) in golds() {
        let (path, bytes) = seed(&file);
        let rec = match registry.parse(&bytes, None) {
            Ok(doc) => Some(parkgraph_normalize::normalize(
                &doc,
                &doc_id(&bytes),
                bytes.len(),
                &path.to_string_lossy(),
            )),
            Err(e) => {
                sc.log.push(format!("  PARSE {file}: {e}"));
                None
            }
        };
        score_one(&mut sc, &file, &g, rec.as_ref());
    }
    report(&sc);
    assert!(sc.st.f() >= 0.95, "statistics F1 {:.3} < 0.95", sc.st.f());
    assert!(
        sc.st_nosub.f() >= 0.97,
        "quantities F1 {:.3} < 0.97",
        sc.st_nosub.f()
    );
    assert!(
        sc.parks.f() >= 1.0 - 1e-9,
        "parks F1 {:.3} < 1",
        sc.parks.f()
    );
    assert!(
        sc.clusters.f() >= 1.0 - 1e-9,
        "clusters F1 {:.3} < 1",
        sc.clusters.f()
    );
    assert!(
        sc.comp.f() >= 1.0 - 1e-9,
        "companies F1 {:.3} < 1",
        sc.comp.f()
    );
    assert_eq!(sc.doc.0, sc.doc.1, "document checks failed");
}

// ------------------------------------------------------------------------------- stand-in

/// Strips tags, decodes the few entities that occur, and turns `</p>` into paragraph breaks.
fn strip_html(s: &str) -> String {
    let s = s.replace("</p>", "\n\n").replace("<br>", "\n");
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&amp;", "&")
}

/// A small parser good enough for the seeds, so that the statistics layer can be scored before
/// (and independently of) the real plugins.
fn stand_in_parse(text: &str) -> ParsedDocument {
    let chrome = |l: &str| {
        l.starts_with("Home>")
            || l.ends_with("[Photo/]")
            || l.starts_with("Updated:")
            || l.starts_with("Share - ")
            || l.starts_with("Copyright")
            || l.contains("京公网安")
            || (l.len() >= 10
                && l.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && l.as_bytes()[4] == b'-')
    };
    if let Some(rest) = text.strip_prefix("---\n") {
        let (front, body) = rest.split_once("\n---\n").unwrap_or(("", rest));
        let field = |k: &str| {
            front
                .lines()
                .find_map(|l| l.strip_prefix(k))
                .map(|v| v.trim().trim_matches('"').to_string())
        };
        let published =
            field("date:").and_then(|d| DateTime::parse_from_str(&d, "%Y-%m-%d %H:%M:%S %z").ok());
        let mut summary = None;
        let mut paras = Vec::new();
        for l in body.lines() {
            if let Some(s) = l.strip_prefix("> ") {
                summary = Some(s.to_string());
            } else if l.starts_with("<http") || l.starts_with("[返回") {
                continue;
            } else {
                paras.extend(
                    strip_html(l)
                        .split("\n\n")
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty() && !p.contains("文章来源")),
                );
            }
        }
        return ParsedDocument {
            format: "eastmoney",
            title: field("title:").unwrap_or_default(),
            section: field("categories:").unwrap_or_default(),
            published,
            summary,
            body: paras.join("\n\n"),
            ..Default::default()
        };
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let section = lines.first().copied().unwrap_or("").to_string();
    let title = lines
        .iter()
        .skip(1)
        .find(|l| !l.starts_with("Home>"))
        .copied()
        .unwrap_or("")
        .to_string();
    let published = lines.iter().find_map(|l| {
        let d = l
            .strip_prefix("Updated: ")
            .map(|d| d.trim_end_matches(" Print").to_string());
        let day = match d {
            Some(d) => NaiveDate::parse_from_str(&d, "%b %d, %Y").ok(),
            None => l
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        }?;
        china()
            .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
            .single()
    });
    let start = lines.iter().position(|l| *l == title).map_or(0, |i| i + 1);
    let body: Vec<&str> = lines[start..]
        .iter()
        .copied()
        .filter(|l| !chrome(l))
        .collect();
    ParsedDocument {
        format: "chinadaily",
        title,
        section,
        published,
        body: body.join("\n\n"),
        ..Default::default()
    }
}

#[test]
fn gold_statistics_stand_in() {
    let mut sc = Scores::default();
    for (file, g) in golds() {
        let (_, bytes) = seed(&file);
        let doc = stand_in_parse(&String::from_utf8_lossy(&bytes));
        let id = doc_id(&bytes);
        let document = Document {
            name: format!("documents/{id}"),
            id,
            body: doc.body.clone(),
            title: doc.title.clone(),
            ..Default::default()
        };
        let statistics =
            parkgraph_normalize::statistics::extract(&doc, &document, &Context::default());
        let rec = Records {
            document,
            statistics,
            ..Default::default()
        };
        let g = serde_json::json!({ "statistics": g["statistics"].clone(), "document": g["document"].clone() });
        score_one(&mut sc, &file, &g, Some(&rec));
    }
    sc.log.retain(|l| !l.starts_with("  DOC"));
    report(&sc);
    assert!(sc.st.f() >= 0.95, "statistics F1 {:.3} < 0.95", sc.st.f());
    assert!(
        sc.st_nosub.f() >= 0.97,
        "quantities F1 {:.3} < 0.97",
        sc.st_nosub.f()
    );
}
