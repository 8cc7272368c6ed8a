//! Deterministic synthetic data, generated in code from the seeds:
//!
//! - [`documents`]: N source documents made from the seeds by swapping place names (English and
//!   Chinese, from [`PLACES`]) and scaling numbers (years, dates and times are kept), all
//!   distinct. They go through the real plugins and normaliser.
//! - [`record_writes`]: store writes of a fixed shape (one park from a pool, K statistics per
//!   document with a known metric mix) for benchmarks that must not depend on how many
//!   statistics the extractor finds today.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use parkgraph_proto::google::r#type::Decimal;
use parkgraph_proto::v1::{
    Comparator, Document, Evidence, Metric, Park, ParkKind, ParkLevel, Period, SourceFormat,
    Statistic, Subject, SubjectKind, Unit,
};
use parkgraph_store::DocumentWrite;
use regex::{Captures, Regex};
use sha2::{Digest, Sha256};

use crate::corpus::Doc;

/// Inner Mongolia place names (English, Chinese) swapped into the synthetic documents.
pub const PLACES: [(&str, &str); 32] = [
    ("Togtoh", "托克托"),
    ("Tuoketuo", "托克托县"),
    ("Hohhot", "呼和浩特"),
    ("Baotou", "包头"),
    ("Ordos", "鄂尔多斯"),
    ("Wuhai", "乌海"),
    ("Chifeng", "赤峰"),
    ("Tongliao", "通辽"),
    ("Hulunbuir", "呼伦贝尔"),
    ("Bayannur", "巴彦淖尔"),
    ("Ulanqab", "乌兰察布"),
    ("Xilingol", "锡林郭勒"),
    ("Alxa", "阿拉善"),
    ("Hinggan", "兴安"),
    ("Jungar", "准格尔"),
    ("Dalad", "达拉特"),
    ("Horinger", "和林格尔"),
    ("Tumed", "土默特"),
    ("Qingshuihe", "清水河"),
    ("Wuchuan", "武川"),
    ("Manzhouli", "满洲里"),
    ("Erenhot", "二连浩特"),
    ("Xilinhot", "锡林浩特"),
    ("Jining", "集宁"),
    ("Kangbashi", "康巴什"),
    ("Dongsheng", "东胜"),
    ("Otog", "鄂托克"),
    ("Hanggin", "杭锦"),
    ("Uxin", "乌审"),
    ("Dengkou", "磴口"),
    ("Wuyuan", "五原"),
    ("Zhalantun", "扎兰屯"),
];

/// splitmix64: small, fast, deterministic.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Rewriter {
    names: Regex,
    numbers: Regex,
    index: HashMap<&'static str, usize>,
}

impl Rewriter {
    fn new() -> Self {
        let mut en: Vec<&str> = PLACES.iter().map(|p| p.0).collect();
        let mut zh: Vec<&str> = PLACES.iter().map(|p| p.1).collect();
        // Leftmost-first alternation: longer names first so 托克托县 wins over 托克托.
        en.sort_by_key(|s| std::cmp::Reverse(s.len()));
        zh.sort_by_key(|s| std::cmp::Reverse(s.len()));
        zh.dedup();
        let names = Regex::new(&format!(r"\b(?:{})\b|(?:{})", en.join("|"), zh.join("|")))
            .expect("names regex");
        let numbers = Regex::new(r"\d+(?:,\d{3})*(?:\.\d+)?").expect("numbers regex");
        let mut index = HashMap::new();
        for (i, (e, z)) in PLACES.iter().enumerate() {
            index.insert(*e, i);
            index.entry(*z).or_insert(i);
        }
        Self {
            names,
            numbers,
            index,
        }
    }

    fn rewrite(&self, text: &str, rng: &mut Rng) -> String {
        let n = PLACES.len();
        let shift = 1 + rng.below(n - 1);
        let factor = 0.5 + rng.unit() * 2.5;
        let renamed = self.names.replace_all(text, |c: &Captures<'_>| {
            let m = c.get(0).map_or("", |m| m.as_str());
            let Some(&i) = self.index.get(m) else {
                return m.to_string();
            };
            let (en, zh) = PLACES[(i + shift) % n];
            if m.is_ascii() {
                en.to_string()
            } else {
                zh.to_string()
            }
        });
        let bytes = renamed.as_bytes();
        self.numbers
            .replace_all(&renamed, |c: &Captures<'_>| {
                let m = c.get(0).expect("match");
                let s = m.as_str();
                let before = m.start().checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(m.end()).copied();
                let date_like = |b: Option<u8>| matches!(b, Some(b'-' | b'/' | b':' | b'.'));
                let year_like =
                    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y));
                if year_like || date_like(before) || date_like(after) {
                    return s.to_string();
                }
                scale_number(s, factor)
            })
            .into_owned()
    }
}

/// `s` (digits, optional thousands commas, optional decimals) times `factor`, in the same style.
fn scale_number(s: &str, factor: f64) -> String {
    let commas = s.contains(',');
    let plain: String = s.chars().filter(|c| *c != ',').collect();
    let decimals = plain.split_once('.').map_or(0, |(_, d)| d.len());
    let Ok(v) = plain.parse::<f64>() else {
        return s.to_string();
    };
    let scaled = v * factor;
    let mut out = if decimals == 0 {
        format!("{}", (scaled.round() as u64).max(1))
    } else {
        format!("{scaled:.decimals$}")
    };
    if commas {
        let (int, frac) = match out.split_once('.') {
            Some((i, f)) => (i.to_string(), format!(".{f}")),
            None => (out.clone(), String::new()),
        };
        let mut grouped = String::new();
        for (k, ch) in int.chars().enumerate() {
            if k > 0 && (int.len() - k) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        out = grouped + &frac;
    }
    out
}

fn hash64(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// `n` distinct documents made from `seeds` (seed `i % seeds.len()` for document `i`), the same
/// on every run.
pub fn documents(seeds: &[Doc], n: usize) -> Vec<Doc> {
    assert!(
        !seeds.is_empty(),
        "synthetic documents need at least one seed"
    );
    let rw = Rewriter::new();
    let texts: Vec<String> = seeds
        .iter()
        .map(|d| String::from_utf8_lossy(&d.bytes).into_owned())
        .collect();
    let mut seen = HashSet::with_capacity(n + seeds.len());
    for d in seeds {
        seen.insert(hash64(&d.bytes));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let s = i % seeds.len();
        let mut rng = Rng::new(i as u64);
        let mut text = rw.rewrite(&texts[s], &mut rng);
        let mut tries = 0;
        while !seen.insert(hash64(text.as_bytes())) {
            tries += 1;
            text = if tries < 4 {
                rw.rewrite(&texts[s], &mut rng)
            } else {
                format!("{text}\n\nRef. {i}\n")
            };
        }
        out.push(Doc {
            name: format!("synthetic-{i:05}-{}", seeds[s].name),
            bytes: text.into_bytes(),
        });
    }
    out
}

/// Metric mix of [`record_writes`]: statistic `g` gets `METRICS[g % 10]`, so exactly one in ten
/// is `METRIC_AREA_PLANNED`.
pub const METRICS: [Metric; 10] = [
    Metric::AreaTotal,
    Metric::EnterpriseCount,
    Metric::InvestmentTotal,
    Metric::AreaPlanned,
    Metric::IndustrialOutputValue,
    Metric::FiscalRevenue,
    Metric::InstalledCapacity,
    Metric::GrowthRate,
    Metric::ProjectCount,
    Metric::AreaBuilt,
];

/// A filter that one in ten synthetic statistics matches (a page of 50 is found early).
pub const COMMON_FILTER: &str = "metric = AREA_PLANNED";
/// A filter that exactly [`RARE_MATCHES`] synthetic statistics match whatever the total: two
/// indexed fields, one common (10 %) and one rare.
pub const RARE_FILTER: &str = "metric = AREA_PLANNED AND year = 2035";
/// The statistics [`RARE_FILTER`] matches, with a filter that pins no indexed field.
pub const UNINDEXED_FILTER: &str = "start_year = 2035";
/// How many statistics [`RARE_FILTER`] matches when the total is a multiple of 1,000.
pub const RARE_MATCHES: usize = 10;

/// Name of synthetic park `p`.
pub fn park_id(p: usize) -> String {
    format!("bench-park-{p:04}")
}

/// Store writes for `docs` documents with `stats_per_doc` statistics each; document `j` uses
/// the text of `texts[j % texts.len()]` and mentions park `j % park_pool`.
pub fn record_writes(
    texts: &[Doc],
    docs: usize,
    stats_per_doc: usize,
    park_pool: usize,
) -> Vec<DocumentWrite> {
    assert!(!texts.is_empty() && park_pool > 0);
    let total = docs * stats_per_doc;
    let rare_every = (total / (10 * RARE_MATCHES)).max(1);
    let units = [
        Unit::Km2,
        Unit::Count,
        Unit::Cny,
        Unit::Ha,
        Unit::Cny,
        Unit::Cny,
        Unit::Kw,
        Unit::Percent,
        Unit::Count,
        Unit::Km2,
    ];
    let mut out = Vec::with_capacity(docs);
    for j in 0..docs {
        let src = &texts[j % texts.len()];
        let raw = src.bytes.clone();
        let body = String::from_utf8_lossy(&raw).into_owned();
        let mut h = Sha256::new();
        h.update((j as u64).to_le_bytes());
        h.update(&raw);
        let id = hex::encode(h.finalize());
        let doc_name = format!("documents/{id}");
        let title = body.lines().next().unwrap_or_default().to_string();
        let chars: Vec<char> = body.chars().collect();
        let quote = |k: usize| -> (usize, usize, String) {
            let start = (k * 97) % chars.len().max(1);
            let end = (start + 90).min(chars.len());
            (start, end, chars[start..end].iter().collect())
        };
        let evidence = |k: usize| {
            let (start, end, quote) = quote(k);
            Evidence {
                document: doc_name.clone(),
                document_id: id.clone(),
                start: start as i32,
                end: end as i32,
                quote,
            }
        };
        let p = j % park_pool;
        let (en, zh) = PLACES[p % PLACES.len()];
        let park_name_en = format!("{en} Bench Industrial Park {p}");
        let park = Park {
            name: format!("parks/{}", park_id(p)),
            id: park_id(p),
            name_en: park_name_en.clone(),
            name_zh: format!("{zh}工业园区{p}"),
            kind: ParkKind::IndustrialPark as i32,
            level: ParkLevel::AutonomousRegion as i32,
            region: "Inner Mongolia".into(),
            city: en.into(),
            established_year: 2000 + (p % 20) as i32,
            industries: vec![
                "new materials".into(),
                "modern coal chemical industry".into(),
                "biopharmaceuticals".into(),
            ],
            sources: vec![doc_name.clone()],
            evidence: vec![evidence(0)],
            ..Default::default()
        };
        let statistics = (0..stats_per_doc)
            .map(|k| {
                let g = j * stats_per_doc + k;
                let metric = METRICS[g % METRICS.len()];
                let rare = metric == Metric::AreaPlanned && (g / 10) % rare_every == 0;
                let year = if rare {
                    2035
                } else {
                    2015 + ((g * 7) % 11) as i32
                };
                let sid = format!("{}-s{k:03}", &id[..16]);
                let value = 1.0 + ((g * 37) % 1000) as f64 / 10.0;
                Statistic {
                    name: format!("statistics/{sid}"),
                    id: sid,
                    subject: Some(Subject {
                        kind: SubjectKind::Park as i32,
                        id: park_id(p),
                        name: park_name_en.clone(),
                    }),
                    metric: metric as i32,
                    label: format!("{:?}", metric).to_lowercase(),
                    value: Some(Decimal {
                        value: format!("{value}"),
                    }),
                    value_approx: value,
                    unit: units[g % units.len()] as i32,
                    comparator: Comparator::Eq as i32,
                    period: Some(Period {
                        start_year: year,
                        end_year: year,
                    }),
                    evidence: Some(evidence(k + 1)),
                }
            })
            .collect();
        let document = Document {
            name: doc_name.clone(),
            id: id.clone(),
            source_format: SourceFormat::Chinadaily as i32,
            language: "en".into(),
            title,
            body,
            uri: src.name.clone(),
            size_bytes: raw.len() as i64,
            ingest_time: Some(prost_types::Timestamp {
                seconds: 1_700_000_000 + j as i64,
                nanos: 0,
            }),
            ..Default::default()
        };
        out.push(DocumentWrite {
            document,
            raw,
            parks: vec![park],
            statistics,
            ..Default::default()
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Doc> {
        crate::corpus::seeds().unwrap()
    }

    #[test]
    fn documents_are_deterministic_distinct_and_rewritten() {
        let seeds = seeds();
        let a = documents(&seeds, 40);
        let b = documents(&seeds, 40);
        assert_eq!(a.len(), 40);
        assert!(a.iter().zip(&b).all(|(x, y)| x.bytes == y.bytes));
        let distinct: HashSet<_> = a.iter().map(|d| d.bytes.clone()).collect();
        assert_eq!(distinct.len(), 40);
        assert!(a.iter().all(|d| !seeds.iter().any(|s| s.bytes == d.bytes)));
        // Years survive the rewrite.
        let seed0 = String::from_utf8_lossy(&seeds[0].bytes).into_owned();
        let doc0 = String::from_utf8_lossy(&a[0].bytes).into_owned();
        for year in ["2003", "2021", "2020"] {
            assert_eq!(seed0.contains(year), doc0.contains(year), "{year}");
        }
    }

    #[test]
    fn numbers_keep_their_style() {
        assert_eq!(scale_number("1,000", 2.0), "2,000");
        assert_eq!(scale_number("4.5", 2.0), "9.0");
        assert_eq!(scale_number("18", 0.5), "9");
        assert_eq!(scale_number("1,234,567.25", 1.0), "1,234,567.25");
    }

    #[test]
    fn record_writes_have_the_documented_mix() {
        let texts = seeds();
        let writes = record_writes(&texts, 100, 10, 7);
        let stats: Vec<&Statistic> = writes.iter().flat_map(|w| &w.statistics).collect();
        assert_eq!(stats.len(), 1000);
        let planned = stats
            .iter()
            .filter(|s| s.metric == Metric::AreaPlanned as i32)
            .count();
        assert_eq!(planned, 100);
        let rare = stats
            .iter()
            .filter(|s| {
                s.metric == Metric::AreaPlanned as i32
                    && s.period.as_ref().is_some_and(|p| p.start_year == 2035)
            })
            .count();
        assert_eq!(rare, RARE_MATCHES);
        let ids: HashSet<_> = stats.iter().map(|s| s.id.clone()).collect();
        assert_eq!(ids.len(), 1000);
    }
}
