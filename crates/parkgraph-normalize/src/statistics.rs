//! Statistics: every quantity typed with metric, subject, label, period and evidence.
//!
//! For each quantity found by [`crate::quantity::scan`] in the body:
//! - **kept or not**: quantities with a unit, counter or counted noun are kept; bare numbers only
//!   when a verb such as "reached"/"totaled" states them as a count ("the number of industrial
//!   parks … reached 32"); parenthesised currency conversions are kept as a second statistic of
//!   the same fact. Repeats of the same (subject, value, unit, label) in one document are dropped.
//! - **metric**: ranks → `ranking`; counts from their noun (enterprises/companies/企业 →
//!   `enterprise_count`, projects/项目 → `project_count`, jobs → `employment` …); "N percent of X"
//!   → `share`; otherwise the cue word nearest the number in its clause that fits the unit
//!   (see `cues`), with a specific cue right after the number ("45 billion yuan in fixed assets",
//!   "32 sq km area is planned") overriding a generic one before it; growth cues are ignored for
//!   levels after "from"/"to"; defaults by unit (area → `area_total`, capacity in a project name →
//!   `production_capacity`).
//! - **period**: a year right after the number ("51 percent in 2020"); else none for yearly
//!   averages and rates ("average annual", "annually", 年均); else the last year stated before it
//!   in the sentence ("In 2016, …", 2022年，…; comparison bases like "that of 2015" and 比2015年
//!   do not count); else a year that opened an earlier sentence of the same paragraph, unless
//!   "so far", "currently", 目前 … intervene. 今年/当年/"this year" resolve from the publication
//!   date.
//! - **subject**: a park of the context (or a sub-park of the main park) named in the number's
//!   clause; in region documents a city named there; otherwise the document's main park or place
//!   (from the context, else from the title or lead).
//! - **label**: the counted noun phrase, the item of a "respectively" list ("national market
//!   share of PVC"), "share of X", or the cue phrase.

mod cues;
mod period;
mod subject;
mod text;

use std::collections::HashSet;

use chrono::Datelike;
use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::google::r#type::Decimal as PbDecimal;
use parkgraph_proto::v1::{
    Comparator, Document, Evidence, Metric, Period, Statistic, Subject, SubjectKind, Unit,
};
use rust_decimal::prelude::ToPrimitive;

use crate::entities::text::rfind_ci;
use crate::entities::Context;
use crate::quantity::{self, Quantity, Source};
use cues::Hit;
use period::{Role, YearExpr};
use subject::Who;
use text::Sentence;

/// Extracts the statistics of `doc`.
pub fn extract(doc: &ParsedDocument, document: &Document, ctx: &Context) -> Vec<Statistic> {
    extract_with_warnings(doc, document, ctx).0
}

/// Extracts the statistics of `doc`, with warnings worth adding to the document (e.g. a capacity
/// written in kilovolts).
pub fn extract_with_warnings(
    doc: &ParsedDocument,
    document: &Document,
    ctx: &Context,
) -> (Vec<Statistic>, Vec<String>) {
    let body = if document.body.is_empty() {
        doc.body.as_str()
    } else {
        document.body.as_str()
    };
    let mut scan = quantity::scan_with_warnings(body);
    let mut warnings = std::mem::take(&mut scan.warnings);
    warnings.dedup();
    let qs = &scan.quantities;
    if qs.is_empty() {
        return (Vec::new(), warnings);
    }
    let published_year = doc.published.map(|d| d.year()).or_else(|| {
        document
            .published_at
            .as_ref()
            .and_then(|t| chrono::DateTime::from_timestamp(t.seconds, 0))
            .map(|d| d.year())
    });
    let spans: Vec<(usize, usize)> = qs.iter().map(|q| (q.byte_start, q.byte_end)).collect();
    // the lines without a quantity are not split: nothing reads their sentences
    let sentences = text::sentences_of_kept_lines(body, &spans);
    let mut a = Analysis {
        body,
        qs,
        // every cue the typing reads lies in a sentence with a quantity: the rest of the body
        // is not searched
        hits: cues::find_in(body, with_quantities(&sentences, qs)),
        years: period::find(body, published_year),
        main: subject::main_subject(doc, ctx),
        candidates: subject::park_candidates(ctx),
        cities: Vec::new(),
    };
    // city names matter only where a region document's numbers may be about a city
    if a.main
        .as_ref()
        .is_some_and(|m| m.subject.kind == SubjectKind::Region as i32)
    {
        a.cities = subject::city_mentions_near(body, qs.iter().map(|q| q.byte_start));
    }
    let typed = a.type_all(&sentences);
    let id_prefix: String = document.id.chars().take(16).collect();
    // a statistic already emitted with the same subject, value, unit and label (any case) is
    // not repeated; the emitted ones hold the keys, so the check compares against them (a few
    // dozen per document) instead of hashing copies of every key, and labels are compared
    // case-insensitively in place (`same_label`) instead of lower-cased copies. Past `LINEAR`
    // of them (long documents) a hash set of keys keeps the check constant.
    const LINEAR: usize = 64;
    let mut keys: HashSet<(String, String, i32, String)> = HashSet::new();
    // nearly every typed quantity is emitted: room for all of them up front
    let mut out: Vec<Statistic> = Vec::with_capacity(typed.len());
    for (qi, t) in typed.into_iter().enumerate() {
        let Some(t) = t else { continue };
        let q = &qs[qi];
        let value = q.value_string();
        let seen = if out.len() < LINEAR {
            out.iter().any(|o| {
                o.unit == t.unit as i32
                    && o.value.as_ref().is_some_and(|v| v.value == value)
                    && o.subject.as_ref().is_some_and(|s| s.name == t.subject.name)
                    && same_label(&o.label, &t.label)
            })
        } else {
            if keys.is_empty() {
                keys = out
                    .iter()
                    .map(|o| {
                        let name = o.subject.as_ref().map_or(String::new(), |s| s.name.clone());
                        let v = o.value.as_ref().map_or(String::new(), |v| v.value.clone());
                        (name, v, o.unit, lower_label(&o.label))
                    })
                    .collect();
            }
            let key = (
                t.subject.name.clone(),
                value.clone(),
                t.unit as i32,
                lower_label(&t.label),
            );
            !keys.insert(key)
        };
        if seen {
            continue;
        }
        let id = statistic_id(&id_prefix, q.start);
        let mut name = String::with_capacity("statistics/".len() + id.len());
        name.push_str("statistics/");
        name.push_str(&id);
        out.push(Statistic {
            name,
            id,
            subject: Some(t.subject),
            metric: t.metric as i32,
            label: t.label,
            value: Some(PbDecimal { value }),
            value_approx: q.value.to_f64().unwrap_or(0.0),
            unit: t.unit as i32,
            comparator: q.comparator as i32,
            period: t.period.map(|(s, e)| Period {
                start_year: s,
                end_year: e,
            }),
            evidence: Some(Evidence {
                document: document.name.clone(),
                document_id: document.id.clone(),
                start: q.start as i32,
                end: q.end as i32,
                quote: body[q.byte_start..q.byte_end].to_string(),
            }),
        });
    }
    (out, warnings)
}

/// A label as the repeat check keys it: lower-cased (`to_lowercase`; the same as
/// `to_ascii_lowercase` on ASCII labels, most, without its per-character mapping).
fn lower_label(l: &str) -> String {
    if l.is_ascii() {
        l.to_ascii_lowercase()
    } else {
        l.to_lowercase()
    }
}

/// `lower_label(a) == lower_label(b)`, compared in place when both are ASCII (nearly always).
fn same_label(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        lower_label(a) == lower_label(b)
    }
}

/// `format!("{prefix}-{start}")` without the formatting machinery (one per statistic).
fn statistic_id(prefix: &str, start: usize) -> String {
    let mut digits = [0u8; 20];
    let mut n = start;
    let mut k = digits.len();
    loop {
        k -= 1;
        digits[k] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(prefix.len() + 1 + digits.len() - k);
    id.push_str(prefix);
    id.push('-');
    for &d in &digits[k..] {
        id.push(d as char);
    }
    id
}

/// A typed quantity.
#[derive(Debug, Clone)]
struct Typed {
    unit: Unit,
    metric: Metric,
    label: String,
    period: Option<(i32, i32)>,
    subject: Subject,
}

/// How far past a number's end (after a conversion and a closing bracket) the typing reads a
/// cue that starts after it (English; Chinese: 9).
const AFTER_REACH: usize = 24;

/// The spans of the sentences that hold a quantity (start in the sentence, as `type_all` assigns
/// them; `qs` ordered by start), up to where the typing reads cues: every cue it reads ends
/// before a number of the sentence starts, or starts at most [`AFTER_REACH`] past the end of
/// one (plus a closing bracket, 3 bytes), so the rest of a long sentence after its last number
/// is not searched. A sentence whose number runs past its end is searched whole.
fn with_quantities<'s>(
    sentences: &'s [Sentence],
    qs: &'s [Quantity],
) -> impl Iterator<Item = (usize, usize)> + 's {
    let mut qi = 0;
    sentences.iter().filter_map(move |s| {
        while qi < qs.len() && qs[qi].byte_start < s.start {
            qi += 1;
        }
        let mut end = None;
        let mut j = qi;
        while j < qs.len() && qs[j].byte_start < s.end {
            end = end.max(Some(qs[j].byte_end));
            j += 1;
        }
        end.map(|e| {
            let hi = if e > s.end {
                s.end
            } else {
                (e + 3 + AFTER_REACH + cues::MAX_CUE_LEN).min(s.end)
            };
            (s.start, hi)
        })
    })
}

/// [`with_quantities`] as it was, every such sentence whole: the oracle of its pinning test.
#[cfg(test)]
fn with_quantities_whole<'s>(
    sentences: &'s [Sentence],
    qs: &'s [Quantity],
) -> impl Iterator<Item = (usize, usize)> + 's {
    let mut qi = 0;
    sentences.iter().filter_map(move |s| {
        while qi < qs.len() && qs[qi].byte_start < s.start {
            qi += 1;
        }
        (qi < qs.len() && qs[qi].byte_start < s.end).then_some((s.start, s.end))
    })
}

struct Analysis<'a> {
    body: &'a str,
    qs: &'a [Quantity],
    hits: Vec<Hit>,
    years: Vec<YearExpr>,
    main: Option<Who>,
    candidates: Vec<subject::Candidate<'a>>,
    cities: Vec<(usize, usize, Who)>,
}

/// English verbs that state a bare number as a count ("… reached 32").
const EN_REACH: &[&str] = &[
    "reached",
    "reach",
    "reaches",
    "reaching",
    "totaled",
    "totalled",
    "totaling",
    "totalling",
    "totals",
    "hit",
    "hits",
    "stood at",
    "stands at",
    "amounted to",
    "amounts to",
    "numbered",
    "numbering",
    "rose to",
    "increased to",
    "grew to",
    "climbed to",
    "surpassed",
    "exceeded",
    "topped",
    "was",
    "were",
    "is",
    "are",
];
const ZH_REACH: &[&str] = &[
    "达到",
    "达",
    "共有",
    "总数为",
    "数量为",
    "增至",
    "增加到",
    "为",
];
/// Chinese verbs after which the counted noun starts ("实施重点工业项目162个").
const ZH_VERBS: &[&str] = &[
    "实施", "建成", "引进", "入驻", "落地", "开工", "新增", "培育", "拥有", "共有", "累计", "完成",
    "实现", "签约", "达到", "建设", "投产", "聚集", "集聚", "形成", "打造", "认定", "获批", "引入",
    "吸引", "带动", "推进", "有", "已", "达",
];

impl<'a> Analysis<'a> {
    /// Types every quantity; `sentences` are those of the body around the quantities.
    fn type_all(&self, sentences: &[Sentence]) -> Vec<Option<Typed>> {
        let body = self.body;
        let mut typed: Vec<Option<Typed>> = vec![None; self.qs.len()];
        let mut carry: Option<(usize, (i32, i32))> = None;
        let mut qi = 0;
        for s in sentences {
            // quantities of this sentence
            while qi < self.qs.len() && self.qs[qi].byte_start < s.start {
                qi += 1;
            }
            let first = qi;
            let mut last = qi;
            while last < self.qs.len() && self.qs[last].byte_start < s.end {
                last += 1;
            }
            if carry.is_some_and(|(p, _)| p != s.para) {
                carry = None;
            }
            // a sentence without numbers and without a carried year ends with none carried (a
            // year opening it dates an event, see below): nothing to read in it
            if last == first && carry.is_none() {
                continue;
            }
            let stext = &body[s.start..s.end];
            // a reset phrase matters only to a carried year and to the quantities that look
            // for one (not those with a year right after them or a yearly rate): the regex
            // search runs when first asked
            let reset = std::cell::OnceCell::new();
            // a sentence with a time of its own takes nothing from the sentences before it
            let s_years = self.years_in(s.start, s.end);
            let own_time = s_years.iter().any(|y| y.role == Role::Point);
            let sentence_carry = match carry {
                Some(c) if !own_time && !*reset.get_or_init(|| period::has_reset(stext)) => {
                    Some(c.1)
                }
                _ => None,
            };
            let resp = self.respectively(s, first, last);
            let state = SentenceState {
                carry: sentence_carry,
                stext,
                reset,
                annual: std::cell::OnceCell::new(),
            };
            for (k, slot) in typed.iter_mut().enumerate().take(last).skip(first) {
                *slot = self.type_one(s, k, first, last, &state, &resp);
            }
            // conversions take the fact they convert (its metric, label and period; the
            // subject and unit stay): only the label is copied
            for k in first..last {
                let Some(src) = self.qs[k].conversion_of else {
                    continue;
                };
                let fact = typed
                    .get(src)
                    .and_then(Option::as_ref)
                    .map(|st| (st.metric, st.label.clone(), st.period));
                if let (Some((metric, label, period)), Some(t)) = (fact, typed[k].as_mut()) {
                    t.metric = metric;
                    t.label = label;
                    t.period = period;
                }
            }
            qi = last;
            // a year opening the sentence carries to the next sentences of the paragraph
            let opening = s_years
                .iter()
                .find(|y| period::is_opening(body, s.start, y))
                .map(|y| (y.from, y.to));
            let any_point = own_time;
            carry = match opening {
                // an event dated in a sentence without numbers ("2006年5月经…批准…") dates the
                // event, not the figures after it
                Some(_) if last == first => None,
                Some(y) => Some((s.para, y)),
                // no carry stays none: the reset is asked only of one
                None if any_point || (carry.is_some() && state.reset()) => None,
                None => carry,
            };
        }
        typed
    }

    /// Types quantity `k` of sentence `s` (its quantities are `first..last`).
    fn type_one(
        &self,
        s: &Sentence,
        k: usize,
        first: usize,
        last: usize,
        state: &SentenceState,
        resp: &Respectively,
    ) -> Option<Typed> {
        let body = self.body;
        let q = &self.qs[k];
        let clause_lo = text::clause_start(body, s.start, q.byte_start);
        let next_start = (k + 1..last)
            .map(|j| self.qs[j].byte_start)
            .next()
            .unwrap_or(s.end);
        // read only by the period's trailing-year and annual tests, which most numbers never
        // reach: found when first asked
        let clause_end = std::cell::OnceCell::new();
        let clause_hi = || {
            *clause_end.get_or_init(|| {
                text::clause_end(body, q.byte_end.min(s.end), s.end).min(next_start.max(q.byte_end))
            })
        };

        let mut unit = q.unit;
        let mut label = String::new();
        let mut metric = None;
        if q.is_bare() {
            // a bare number stated as a count: "the number of industrial parks … reached 32"
            label = self.bare_count_label(s, clause_lo, q)?;
            unit = Unit::Count;
            metric = Some(count_metric(&label));
        }
        if let Some(item) = resp.label_of(k) {
            label = item;
        }
        let metric = match metric {
            Some(m) => m,
            None => match resp.first_of(k) {
                Some(f) if f != k => {
                    let f_lo = text::clause_start(body, s.start, self.qs[f].byte_start);
                    self.metric_label(s, f, f_lo, first, last, &mut String::new())
                        .0
                }
                _ => {
                    let (m, l) = self.metric_label(s, k, clause_lo, first, last, &mut label);
                    if label.is_empty() {
                        label = l;
                    }
                    m
                }
            },
        };
        let period = self.period(s, q, clause_lo, clause_hi, state);
        let subject = self.subject(body, clause_lo, q);
        Some(Typed {
            unit,
            metric,
            label: tidy_label(label),
            period,
            subject,
        })
    }

    fn subject(&self, body: &str, clause_lo: usize, q: &Quantity) -> Subject {
        let clause = &body[clause_lo..q.byte_start];
        if let Some(w) = subject::named_in(clause, &self.candidates) {
            return w.subject().clone();
        }
        if let Some(main) = &self.main {
            // in a region document, a city named in the number's clause
            if main.subject.kind == SubjectKind::Region as i32 {
                let upto = self.cities.partition_point(|(s, _, _)| *s < q.byte_start);
                if let Some((_, _, c)) = self.cities[..upto]
                    .iter()
                    .rev()
                    .take_while(|(s, _, _)| *s >= clause_lo)
                    .find(|(_, e, _)| *e <= q.byte_start)
                {
                    return c.subject.clone();
                }
                // a city that is the subject of an earlier sentence of the paragraph
                let para_lo = last_blank_line(&body[..q.byte_start]).map_or(0, |i| i + 2);
                if let Some((_, _, c)) = self.cities[..upto]
                    .iter()
                    .rev()
                    .take_while(|(s, _, _)| *s >= para_lo)
                    .find(|(_, e, _)| *e <= q.byte_start && subject::opens_topic(&body[*e..]))
                {
                    return c.subject.clone();
                }
            }
            return main.subject.clone();
        }
        Subject::default()
    }

    /// Label of a bare number that a verb states as a count, or `None` to drop it.
    fn bare_count_label(&self, s: &Sentence, clause_lo: usize, q: &Quantity) -> Option<String> {
        if let Some(l) = self.partitive_label(s, clause_lo, q) {
            return Some(l);
        }
        if q.source != Source::Digits || q.value > rust_decimal::Decimal::from(100_000_000_000i64) {
            return None;
        }
        // long plain digit strings are codes and phone numbers, not counts
        let digits = &self.body[q.number_span.0..q.number_span.1];
        if !q.scaled && !digits.contains(',') && digits.len() > 6 {
            return None;
        }
        let body = self.body;
        let before = body[clause_lo..q.byte_start].trim_end();
        let lower = before.to_ascii_lowercase();
        let en_verb = EN_REACH.iter().find(|v| {
            lower.ends_with(*v)
                && !lower[..lower.len() - v.len()].ends_with(|c: char| c.is_ascii_alphanumeric())
        });
        let zh_verb = ZH_REACH.iter().find(|v| before.ends_with(*v));
        // "a population of 300,000", 人口30万
        if lower.ends_with("population of") || before.ends_with("人口") {
            return Some("population".to_string());
        }
        // a comparator verb read into the number: "… have surpassed 90", "has exceeded 100"
        let aux = (q.comparator != Comparator::Eq)
            .then(|| {
                ["have", "has", "had"].into_iter().find(|v| {
                    lower.ends_with(v)
                        && !lower[..lower.len() - v.len()]
                            .ends_with(|c: char| c.is_ascii_alphanumeric())
                })
            })
            .flatten();
        let verb_len = match (en_verb, zh_verb, aux) {
            (Some(v), _, _) => v.len(),
            (None, Some(v), _) => v.len(),
            (None, None, Some(v))
                if body[s.start..q.byte_start]
                    .to_ascii_lowercase()
                    .contains("number of ") =>
            {
                v.len()
            }
            _ => return None,
        };
        let sentence_before = &body[s.start..q.byte_start];
        let sl = sentence_before.to_ascii_lowercase();
        // "the number of X"
        if let Some(i) = rfind_ci(sentence_before, "number of ") {
            let rest = &sentence_before[i + "number of ".len()..];
            // the noun phrase ends at a comma: "the number of enterprises dedicated to
            // logistics, including …, have surpassed 90"
            let rest = rest.split([',', ';']).next().unwrap_or(rest);
            let np: Vec<&str> = rest
                .split_whitespace()
                .take_while(|w| {
                    let l = w.to_ascii_lowercase();
                    !matches!(
                        l.as_str(),
                        "each"
                            | "with"
                            | "that"
                            | "which"
                            | "in"
                            | "has"
                            | "have"
                            | "reached"
                            | "was"
                            | "is"
                    )
                })
                .take(6)
                .collect();
            if !np.is_empty() {
                return Some(np.join(" "));
            }
        }
        if zh_verb.is_some() {
            let clause = &body[clause_lo..q.byte_start];
            if !["数量", "总数", "个数", "家数", "户数", "人数"]
                .iter()
                .any(|w| clause.contains(w))
            {
                return None;
            }
            return Some(
                clause[..clause.len() - verb_len]
                    .trim_end_matches(['的', '数', '量', '总'])
                    .to_string(),
            );
        }
        if matches!(
            en_verb,
            Some(&"was") | Some(&"were") | Some(&"is") | Some(&"are")
        ) && !sl.contains("number of")
        {
            return None;
        }
        // the clause's subject up to the verb must name things counted (a plural noun)
        let np = before[..before.len() - verb_len].trim_end();
        let np = np
            .trim_end_matches(" has now")
            .trim_end_matches(" have now")
            .trim_end_matches(" has")
            .trim_end_matches(" have");
        let plural = np.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
            let l = w.to_ascii_lowercase();
            l.len() > 3
                && l.ends_with('s')
                && !l.ends_with("ss")
                && !l.ends_with("us")
                && !l.ends_with("is")
        });
        if !plural {
            return None;
        }
        let np = np
            .strip_prefix("The ")
            .or_else(|| np.strip_prefix("the "))
            .unwrap_or(np);
        Some(np.to_string())
    }

    /// Label of a bare number that counts part of a set named before it in the sentence:
    /// "400 enterprises …, of which 50 are industrial enterprises, 25 are above designated
    /// size", "102 companies, including 52 above designated size", "236 projects … and 134 of
    /// them are key industrial projects".
    fn partitive_label(&self, s: &Sentence, clause_lo: usize, q: &Quantity) -> Option<String> {
        if !matches!(q.source, Source::Digits | Source::Words) || q.scaled {
            return None;
        }
        let body = self.body;
        let sentence_before = body[s.start..q.byte_start].to_ascii_lowercase();
        let before = body[clause_lo.max(s.start)..q.byte_start]
            .trim_end()
            .to_ascii_lowercase();
        let after = &body[q.byte_end..s.end];
        let c = PARTITIVE_AFTER.captures(after)?;
        let of_them = c.name("of").is_some();
        let cue = of_them
            || ["of which", "including", "among them", "among which"]
                .iter()
                .any(|w| sentence_before.contains(w));
        let joined = before.is_empty()
            || [
                ",",
                "of which",
                "including",
                "among them",
                "among which",
                " and",
                "while",
            ]
            .iter()
            .any(|w| before.ends_with(w));
        if !cue || !joined {
            return None;
        }
        if c.name("size").is_some() {
            return Some("enterprises above designated size".to_string());
        }
        let np = c.name("np")?.as_str().trim();
        let words: Vec<&str> = np.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 6
            || words[0].starts_with(|ch: char| ch.is_ascii_digit())
        {
            return None;
        }
        if np.to_ascii_lowercase().starts_with("above") && np.contains("designated size") {
            return Some("enterprises above designated size".to_string());
        }
        Some(np.to_string())
    }

    /// The metric of quantity `k` and a label from the cue that gave it; `clause_lo` is
    /// `text::clause_start` of the quantity (the caller has it already).
    #[allow(clippy::too_many_arguments)]
    fn metric_label(
        &self,
        s: &Sentence,
        k: usize,
        clause_lo: usize,
        first: usize,
        last: usize,
        label: &mut String,
    ) -> (Metric, String) {
        let body = self.body;
        let q = &self.qs[k];
        let unit = if q.is_bare() { Unit::Count } else { q.unit };
        if unit == Unit::Rank {
            return (Metric::Ranking, String::new());
        }
        let prev_end = (first..k)
            .rev()
            .map(|j| self.qs[j].byte_end)
            .find(|&e| e <= q.byte_start);
        let near_lo = prev_end.map_or(clause_lo, |e| e.max(clause_lo));
        if unit == Unit::Count {
            let noun = match q.noun {
                Some((a, b)) => body[a..b].to_string(),
                None if !label.is_empty() => label.clone(),
                None => zh_label_before(&body[near_lo..q.byte_start]),
            };
            let mut m = count_metric(&noun);
            if m == Metric::Other && q.counter == Some('家') && noun.trim().is_empty() {
                m = Metric::EnterpriseCount;
            }
            // "employing some 52,000 people", 带动就业3000人
            if m == Metric::Other {
                let num_start = q.number_span.0.max(q.byte_start);
                let people = self
                    .hits_in(near_lo, num_start)
                    .filter_map(|h| match h.cue.says {
                        cues::Says::Metric(x @ (Metric::Employment | Metric::Population)) => {
                            Some(x)
                        }
                        _ => None,
                    })
                    .last();
                if let Some(x) = people {
                    m = x;
                }
            }
            if label.is_empty() {
                *label = noun;
            }
            return (m, String::new());
        }
        // "63 percent of Inner Mongolia's GDP": a share of something
        let after = &body[q.byte_end..s.end];
        if unit == Unit::Percent && (after.starts_with(" of ") || after.starts_with("的")) {
            let near = &body[near_lo..q.byte_start];
            let growth_or_market = self
                .hits_in(near_lo, q.byte_start)
                .any(|h| matches!(cues::resolve(h.cue, unit), Some(Metric::MarketShare)))
                || crate::entities::text::contains_ci(near, "growth");
            if !growth_or_market && after.starts_with(" of ") {
                let np: Vec<&str> = after[4..]
                    .split([',', ';', '.', '，'])
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .take_while(|w| !matches!(*w, "as" | "and" | "while" | "in"))
                    .take(6)
                    .collect();
                return (Metric::Share, format!("share of {}", np.join(" ")));
            }
        }
        let num_start = q.number_span.0.max(q.byte_start);
        let before_q = body[near_lo..q.byte_start].trim_end();
        // compared in place: lower-casing a copy of the clause cost an allocation per number
        let ends_ci = |w: &str| {
            let b = before_q.as_bytes();
            b.len() >= w.len() && b[b.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
        };
        let level = ends_ci(" from")
            || ends_ci(" to")
            || before_q.eq_ignore_ascii_case("from")
            || before_q.eq_ignore_ascii_case("to")
            || ["从", "由", "到", "至", "为"]
                .iter()
                .any(|p| before_q.ends_with(p));
        let ok = |h: &Hit| -> Option<Metric> {
            let m = cues::resolve(h.cue, unit)?;
            (!(level && m == Metric::GrowthRate)).then_some(m)
        };
        // nearest cue before the number in its own stretch of the clause
        let near = self.best_before(near_lo, num_start, true, &ok);
        // a cue right after the number
        let zh = !after.is_ascii();
        let reach = if zh { 9 } else { AFTER_REACH };
        // a conversion right after the number is part of it: "504.3 billion yuan ($75.66
        // billion) in investment"
        let (q_end, next) = match (k + 1 < last)
            .then(|| &self.qs[k + 1])
            .filter(|c| c.conversion_of == Some(k))
        {
            Some(c) => (c.byte_end.min(s.end), k + 2),
            None => (q.byte_end, k + 1),
        };
        let q_end = body[q_end..s.end]
            .strip_prefix(')')
            .or_else(|| body[q_end..s.end].strip_prefix('）'))
            .map_or(q_end, |rest| s.end - rest.len());
        let next_start = (next..last)
            .map(|j| self.qs[j].byte_start)
            .next()
            .unwrap_or(s.end);
        let from = self.hits.partition_point(|h| h.start < q_end);
        let near_after = self.hits[from..]
            .iter()
            .take_while(|h| h.start <= q_end + reach);
        // the clause's end bounds those cues only: not looked for without one
        let after_hi = if near_after.clone().next().is_some() {
            text::clause_end(body, q_end.min(s.end), s.end).min(next_start.max(q_end))
        } else {
            q_end
        };
        let after_hits = near_after
            .filter(|h| h.end <= after_hi)
            .filter_map(|h| ok(h).map(|m| (h, m)));
        let after_specific = after_hits.clone().find(|(h, _)| !h.cue.generic);
        let after_any = after_hits.clone().next();
        let pick = match (near, after_specific, after_any) {
            (Some((h, m)), _, _) if !h.cue.generic => Some((h, m)),
            (_, Some((h, m)), _) => Some((h, m)),
            (Some((h, m)), _, _) => Some((h, m)),
            (None, None, Some((h, m))) => Some((h, m)),
            _ => None,
        };
        let pick = pick.or_else(|| {
            // wider: the clause, then the sentence before the number
            self.best_before(clause_lo, num_start, false, &ok)
                .or_else(|| self.best_before(s.start, num_start, false, &ok))
        });
        if let Some((h, m)) = pick {
            // the label is written once: from the cue, or what replaces it
            let cue = &body[h.start..h.end];
            let l = if m == Metric::ProductionCapacity && q.noun.is_some() {
                let (a, b) = q.noun.unwrap_or_default();
                body[a..b].to_string()
            } else if m == Metric::GrowthRate && !crate::entities::text::contains_ci(cue, "rate") {
                // what grows: "fiscal revenue decreased by 3.3 percent" → "fiscal revenue growth"
                let is_thing = |x: &&Hit| matches!(x.cue.says, cues::Says::Metric(mm) if !matches!(mm, Metric::GrowthRate | Metric::Other | Metric::EnterpriseCount | Metric::ProjectCount));
                let nearest = |lo: usize| {
                    self.hits_in(lo, num_start)
                        .filter(is_thing)
                        .max_by_key(|x| (x.end, x.end - x.start))
                };
                let thing = nearest(near_lo).or_else(|| nearest(s.start));
                match thing {
                    Some(x) if body[x.start..x.end].is_ascii() => {
                        format!("{} growth", &body[x.start..x.end])
                    }
                    Some(x) => format!("{}{}", &body[x.start..x.end], "增长"),
                    None if cue.is_ascii() => "growth rate".to_string(),
                    None => cue.to_string(),
                }
            } else if cue.is_ascii() && !cue.contains(' ') {
                metric_words(m).unwrap_or(cue).to_string()
            } else {
                cue.to_string()
            };
            return (m, l);
        }
        // defaults by unit
        let noun = q.noun.map(|(a, b)| &body[a..b]);
        let m = match unit {
            Unit::Km2 | Unit::Ha | Unit::M2 | Unit::Mu => Metric::AreaTotal,
            Unit::Kw => match noun {
                Some(n) if !is_power_plant(n) => Metric::ProductionCapacity,
                _ => Metric::InstalledCapacity,
            },
            Unit::T | Unit::M3 if noun.is_some() => Metric::ProductionCapacity,
            _ => Metric::Other,
        };
        let l = match noun {
            Some(n) => n.to_string(),
            None => en_of_label(&body[near_lo..q.byte_start]),
        };
        (m, l)
    }

    /// The year expressions inside `[lo, hi)`.
    fn years_in(&self, lo: usize, hi: usize) -> &[YearExpr] {
        let a = self.years.partition_point(|y| y.start < lo);
        let b = self.years.partition_point(|y| y.start < hi);
        let b = b.max(a);
        let mut e = b;
        while e > a && self.years[e - 1].end > hi {
            e -= 1;
        }
        &self.years[a..e.max(a)]
    }

    fn hits_in(&self, lo: usize, hi: usize) -> impl Iterator<Item = &Hit> {
        let from = self.hits.partition_point(|h| h.start < lo);
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start < hi)
            .filter(move |h| h.end <= hi)
    }

    /// The cue in `[lo, hi)` nearest `hi` (then longest) that `ok` accepts; with `specific_first`,
    /// any specific cue before any generic one.
    fn best_before(
        &self,
        lo: usize,
        hi: usize,
        specific_first: bool,
        ok: &impl Fn(&Hit) -> Option<Metric>,
    ) -> Option<(&Hit, Metric)> {
        let mut best: Option<(&Hit, Metric)> = None;
        for h in self.hits_in(lo, hi) {
            let Some(m) = ok(h) else { continue };
            // specific cues before generic ones, then the nearest, then the longest
            let better = match best {
                None => true,
                Some((b, _)) if specific_first && b.cue.generic != h.cue.generic => b.cue.generic,
                Some((b, _)) => {
                    h.end > b.end || (h.end == b.end && h.end - h.start > b.end - b.start)
                }
            };
            if better {
                best = Some((h, m));
            }
        }
        best
    }

    fn period(
        &self,
        s: &Sentence,
        q: &Quantity,
        clause_lo: usize,
        clause_hi: impl Fn() -> usize,
        state: &SentenceState,
    ) -> Option<(i32, i32)> {
        let body = self.body;
        // right after the number: "51 percent in 2020", "300 billion yuan by 2025"
        // or later in its clause with nothing but words between ("36 projects were completed in 2016")
        let trailing = self.years_in(q.byte_end, s.end).iter().find(|y| {
            y.role == Role::Point
                && y.trailing_ok
                && (body[q.byte_end..y.start]
                    .chars()
                    .all(|c| c == ' ' || c == '(')
                    || (y.end <= clause_hi()
                        && !body[q.byte_end..y.start].contains(|c: char| c.is_ascii_digit())))
        });
        if let Some(y) = trailing {
            return Some((y.from, y.to));
        }
        let leading = self
            .years_in(s.start, q.byte_start)
            .iter()
            .rfind(|y| y.role == Role::Point);
        // without a year before the number or one carried to it there is no period: the tests
        // below (annual and reset phrases, each a regex) only take one away
        if leading.is_none() && state.carry.is_none() {
            return None;
        }
        // yearly averages and rates have no single year
        let (a_lo, a_hi) = (clause_lo, clause_hi().max(q.byte_end));
        // a sentence without an annual phrase has none in its parts (see `within_sentence`)
        let sentence_annual = || {
            *state
                .annual
                .get_or_init(|| period::has_annual(&body[s.start..s.end]))
        };
        let no_annual = within_sentence(body, s, a_lo, a_hi) && !sentence_annual();
        if !no_annual && period::has_annual(&body[a_lo..a_hi]) {
            return None;
        }
        let has_reset = |lo: usize, hi: usize| {
            let no_reset = within_sentence(body, s, lo, hi) && !state.reset();
            !no_reset && period::has_reset(&body[lo..hi])
        };
        if let Some(y) = leading {
            // "So far, …" after the year still resets it
            if !has_reset(y.end, q.byte_start) {
                return Some((y.from, y.to));
            }
            return None;
        }
        if has_reset(s.start, q.byte_start) {
            return None;
        }
        state.carry
    }

    /// "A, B and C reached 1, 2 and 3 percent, respectively" / "A、B分别为1%、2%".
    fn respectively(&self, s: &Sentence, first: usize, last: usize) -> Respectively {
        let body = self.body;
        let stext = &body[s.start..s.end];
        let mut r = Respectively::default();
        if last - first < 2 {
            return r;
        }
        let is_sep = |g: &str| {
            matches!(
                g.trim(),
                "," | "and" | ", and" | "、" | "，" | "和" | "及" | "与" | "or" | ""
            )
        };
        if let Some(pos) = rfind_ci(stext, "respectively") {
            let pos = s.start + pos;
            // the run of quantities ending right before "respectively"
            let Some(end) = (first..last).rev().find(|&j| self.qs[j].byte_end <= pos) else {
                return r;
            };
            if !body[self.qs[end].byte_end..pos]
                .trim()
                .trim_end_matches(',')
                .trim()
                .is_empty()
            {
                return r;
            }
            let mut start = end;
            while start > first
                && is_sep(&body[self.qs[start - 1].byte_end..self.qs[start].byte_start])
            {
                start -= 1;
            }
            let n = end - start + 1;
            if n < 2 {
                return r;
            }
            let prefix = &body[s.start..self.qs[start].byte_start];
            let items = list_items(prefix, n);
            let head = en_head(prefix);
            r.first = Some(start);
            r.range = (start, end + 1);
            if let Some(items) = items {
                r.labels = items
                    .into_iter()
                    .map(|it| {
                        if head.is_empty() {
                            it
                        } else {
                            format!("{head} of {it}")
                        }
                    })
                    .collect();
            }
        } else if let Some(pos) = find_fenbie(stext) {
            let pos = s.start + pos;
            let Some(start) = (first..last).find(|&j| self.qs[j].byte_start >= pos) else {
                return r;
            };
            let mut end = start;
            while end + 1 < last
                && is_sep(&body[self.qs[end].byte_end..self.qs[end + 1].byte_start])
            {
                end += 1;
            }
            let n = end - start + 1;
            if n < 2 {
                return r;
            }
            let prefix = &body[s.start..pos];
            r.first = Some(start);
            r.range = (start, end + 1);
            if let Some(items) = list_items(prefix, n) {
                r.labels = items;
            }
        }
        r
    }
}

/// `s.find("分别")`, by memchr for the last byte of 分 (86, a continuation byte found after
/// few of the Chinese characters; none in English) with the rest compared where it is.
/// `str::find` set up a two-way search per sentence, costing more than the search.
fn find_fenbie(s: &str) -> Option<usize> {
    const FENBIE: &[u8] = "分别".as_bytes();
    let b = s.as_bytes();
    memchr::memchr_iter(FENBIE[2], b)
        .filter(|&i| i >= 2)
        .map(|i| i - 2)
        .find(|&i| b[i..].starts_with(FENBIE))
}

/// What the quantities of one sentence share.
struct SentenceState<'a> {
    /// The year carried from earlier sentences.
    carry: Option<(i32, i32)>,
    /// The sentence's text.
    stext: &'a str,
    /// `period::has_reset` of the whole sentence, computed when first needed.
    reset: std::cell::OnceCell<bool>,
    /// `period::has_annual` of the whole sentence, computed when first needed.
    annual: std::cell::OnceCell<bool>,
}

impl SentenceState<'_> {
    /// `period::has_reset` of the whole sentence.
    fn reset(&self) -> bool {
        *self.reset.get_or_init(|| period::has_reset(self.stext))
    }
}

/// Whether `body[lo..hi]` lies in sentence `s` with the same ASCII word boundaries at its edges
/// as in the sentence. Then a match of `period::has_reset`/`has_annual` (literals between
/// `(?-u:\b)`s, never empty) in the part is one in the sentence, so a sentence without a match
/// has none in that part either. An edge between two word bytes is a boundary in the part but not
/// in the sentence (`US$` glued to a word), hence the test.
fn within_sentence(body: &str, s: &Sentence, lo: usize, hi: usize) -> bool {
    let b = body.as_bytes();
    let word = |i: usize| b[i].is_ascii_alphanumeric() || b[i] == b'_';
    if !(s.start <= lo && lo <= hi && hi <= s.end) {
        return false;
    }
    if lo == hi {
        return true;
    }
    (lo == s.start || !(word(lo - 1) && word(lo))) && (hi == s.end || !(word(hi - 1) && word(hi)))
}

#[derive(Debug, Default)]
struct Respectively {
    first: Option<usize>,
    range: (usize, usize),
    labels: Vec<String>,
}

impl Respectively {
    fn first_of(&self, k: usize) -> Option<usize> {
        self.first
            .filter(|_| (self.range.0..self.range.1).contains(&k))
    }
    fn label_of(&self, k: usize) -> Option<String> {
        self.first_of(k)?;
        self.labels.get(k - self.range.0).cloned()
    }
}

/// Words that end an enumeration ("… and rare earth compounds – reached").
const LIST_CUTS: [&str; 19] = [
    " – ",
    " — ",
    " - ",
    "–",
    "—",
    " reached",
    " were",
    " was",
    " accounted",
    " stood",
    " grew",
    " increased",
    " rose",
    " are",
    " is",
    "的",
    "分别",
    "为",
    "占",
];

/// Where the verb phrase after a list starts in `p`: the latest of the [`LIST_CUTS`] starting in
/// its last 40 bytes (not at 0).
fn list_cut(p: &str) -> Option<usize> {
    // only a cut starting in the last 40 bytes counts: search just those, not the whole prefix
    let from = p.floor_char_boundary(p.len().saturating_sub(39));
    LIST_CUTS
        .iter()
        .filter_map(|c| p[from..].rfind(c).map(|i| from + i))
        .filter(|&i| i > 0 && p.len() - i < 40)
        .max()
}

/// The last `n` items of an enumeration in `prefix` ("including coke, PVC, … and rare earth
/// compounds – reached"), or `None` when it does not hold `n` items.
fn list_items<'a>(prefix: &'a str, n: usize) -> Option<Vec<String>> {
    // cut the verb phrase after the list
    let mut p = prefix.trim_end();
    let cut = list_cut(p);
    if let Some(i) = cut {
        p = p[..i].trim_end_matches([' ', '–', '—', '-']);
    }
    // commas inside numbers (511,348) do not separate items. The pieces are cut from `p` in
    // place (byte-wise: the separators' bytes start no other character) and only the last `n`
    // copied: a masked copy of the prefix and a string per piece cost more than the rest.
    let b = p.as_bytes();
    let mut parts: Vec<&str> = Vec::new();
    let mut push = |x: &'a str| {
        for y in x.split(" and ") {
            parts.extend(
                y.split(['和', '及'])
                    .map(str::trim)
                    .filter(|z| !z.is_empty()),
            );
        }
    };
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let sep = match b[i] {
            b',' => {
                let num = i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit);
                (!num).then_some(1)
            }
            // '，' and '、'
            0xef if b[i + 1..].starts_with(&[0xbc, 0x8c]) => Some(3),
            0xe3 if b[i + 1..].starts_with(&[0x80, 0x81]) => Some(3),
            _ => None,
        };
        match sep {
            Some(len) => {
                push(&p[from..i]);
                i += len;
                from = i;
            }
            None => i += 1,
        }
    }
    push(&p[from..]);
    if parts.len() < n {
        return None;
    }
    // a piece holding U+0001 had it turned into a comma by the masking this replaced
    let mut items: Vec<String> = parts[parts.len() - n..]
        .iter()
        .map(|x| x.replace('\u{1}', ","))
        .collect();
    // the first item carries the lead-in ("… – including coke")
    if let Some(first) = items.first_mut() {
        strip_lead_in(first);
    }
    Some(items)
}

/// Drops a first list item's lead-in ("… – including coke" → "coke").
fn strip_lead_in(first: &mut String) {
    let mut f = first.as_str();
    for lead in [
        "including ",
        "such as ",
        "namely ",
        "– ",
        "— ",
        ": ",
        "：",
        "包括",
    ] {
        if let Some(i) = f.rfind(lead) {
            f = &f[i + lead.len()..];
        }
    }
    *first = f.trim().to_string();
}

/// `list_items` as it was (a masked copy of the prefix, a string per piece): the oracle of its
/// pinning test.
#[cfg(test)]
fn list_items_masked(prefix: &str, n: usize) -> Option<Vec<String>> {
    let mut p = prefix.trim_end();
    let cut = list_cut(p);
    if let Some(i) = cut {
        p = p[..i].trim_end_matches([' ', '–', '—', '-']);
    }
    let b = p.as_bytes();
    let masked: String = p
        .char_indices()
        .map(|(i, c)| {
            let num = c == ','
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if num {
                '\u{1}'
            } else {
                c
            }
        })
        .collect();
    let parts: Vec<String> = masked
        .split([',', '，', '、'])
        .flat_map(|x| x.split(" and "))
        .flat_map(|x| x.split(['和', '及']))
        .map(|x| x.trim().replace('\u{1}', ","))
        .filter(|x| !x.is_empty())
        .collect();
    if parts.len() < n {
        return None;
    }
    let mut items: Vec<String> = parts[parts.len() - n..].to_vec();
    if let Some(first) = items.first_mut() {
        strip_lead_in(first);
    }
    Some(items)
}

/// The measured thing at the start of an English sentence ("The national market share of …" →
/// "national market share").
fn en_head(prefix: &str) -> String {
    let p = prefix.trim_start();
    let p = p
        .strip_prefix("The ")
        .or_else(|| p.strip_prefix("the "))
        .unwrap_or(p);
    let end = p.find(" of ").or_else(|| p.find(" – ")).unwrap_or(0);
    if end == 0 || end > 40 || !p[..end].is_ascii() {
        return String::new();
    }
    p[..end].to_string()
}

/// "with a volume of" → "volume".
fn en_of_label(before: &str) -> String {
    let b = before.trim_end();
    let Some(b) = b.strip_suffix(" of") else {
        return String::new();
    };
    let words: Vec<&str> = b
        .split_whitespace()
        .rev()
        .take_while(|w| !matches!(*w, "a" | "an" | "the" | "with" | "its" | "of" | "has"))
        .collect();
    words
        .into_iter()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The Chinese noun before a number, after the last verb ("计划实施重点工业项目" → "重点工业项目").
fn zh_label_before(window: &str) -> String {
    let mut w = window.trim();
    // a verb right before the number ("入驻企业达到"): the noun is before it
    while let Some(v) = ZH_VERBS
        .iter()
        .chain(["为", "共", "计", "约"].iter())
        .find(|v| w.ends_with(*v))
    {
        w = &w[..w.len() - v.len()];
    }
    let tail = &w[after_last_verb(w)..];
    let tail = tail.strip_prefix("其中").unwrap_or(tail);
    let chars: Vec<char> = tail
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"'))
        .collect();
    let skip = chars.len().saturating_sub(12);
    chars[skip..].iter().collect()
}

/// `label` trimmed of spaces, punctuation and a leading "the "; kept as is (no new string)
/// when nothing is trimmed, as for most.
/// Where the text after the last of the [`ZH_VERBS`] in `w` starts (0 without one): the largest
/// end of a verb, found walking back from the end of `w` (a verb is tried only where its last
/// byte is), instead of an `rfind` (a two-way searcher set up) per verb.
fn after_last_verb(w: &str) -> usize {
    let b = w.as_bytes();
    (1..=b.len())
        .rev()
        .find(|&e| {
            ZH_VERBS.iter().any(|v| {
                let v = v.as_bytes();
                v[v.len() - 1] == b[e - 1] && b[..e].ends_with(v)
            })
        })
        .unwrap_or(0)
}

/// `after_last_verb` as it was: the oracle of its pinning test.
#[cfg(test)]
fn after_last_verb_rfind(w: &str) -> usize {
    let mut start = 0;
    for v in ZH_VERBS {
        if let Some(i) = w.rfind(v) {
            start = start.max(i + v.len());
        }
    }
    start
}

fn tidy_label(label: String) -> String {
    let l = label
        .trim()
        .trim_matches(|c: char| matches!(c, ',' | '，' | '.' | '。' | '“' | '”' | '"' | '、'));
    let l = l.strip_prefix("the ").unwrap_or(l);
    if l.len() == label.len() {
        label
    } else {
        l.to_string()
    }
}

/// "… of which 50 are industrial enterprises", "including 52 above designated size".
static PARTITIVE_AFTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\s+(?:(?P<size>above\s+(?:the\s+)?designated\s+size)|(?P<of>of\s+(?:them|which|these)\s+)?(?:are|is|were|was)\s+(?P<np>[a-z][^,;.]*?))\s*(?:,|;|\.|(?-u:\b)and(?-u:\b)|$)").expect("re")
});

/// The metric of a count from its noun.
/// `text.rfind("\n\n")`: the start of the last blank line. Called for every number of a
/// region document, on the whole text before it: a byte search back for newlines costs less
/// than setting up and running the generic substring search each time.
fn last_blank_line(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memrchr_iter(b'\n', b)
        .find(|&i| i > 0 && b[i - 1] == b'\n')
        .map(|i| i - 1)
}

fn count_metric(noun: &str) -> Metric {
    // compared ASCII case-insensitively in place (no lower-cased copy per count)
    if crate::entities::text::contains_ci(noun, "above designated size") {
        return Metric::EnterpriseCount;
    }
    let head = noun.split_whitespace().last().unwrap_or("");
    let head_is = |words: &[&str]| words.iter().any(|w| head.eq_ignore_ascii_case(w));
    if noun.eq_ignore_ascii_case("population") {
        return Metric::Population;
    }
    // the Chinese words: two characters at the end of the noun (they were looked for in its
    // last four characters, which end the same way), or anywhere in a non-ASCII noun
    let zh = !noun.is_ascii();
    if head_is(&[
        "enterprises",
        "enterprise",
        "companies",
        "company",
        "firms",
        "firm",
    ]) || noun.ends_with("企业")
        || noun.ends_with("公司")
    {
        Metric::EnterpriseCount
    } else if head_is(&["projects", "project"]) || noun.ends_with("项目") {
        Metric::ProjectCount
    } else if head_is(&["jobs", "employees", "workers", "staff"])
        || zh && (noun.contains("就业") || noun.contains("岗位") || noun.contains("员工"))
    {
        Metric::Employment
    } else if head_is(&["residents", "inhabitants"]) || zh && noun.contains("人口") {
        Metric::Population
    } else {
        Metric::Other
    }
}

/// A readable name of a metric, for labels from one-word cues ("installed" → "installed capacity").
fn metric_words(m: Metric) -> Option<&'static str> {
    Some(match m {
        Metric::AreaTotal => "area",
        Metric::AreaPlanned => "planned area",
        Metric::AreaBuilt => "built area",
        Metric::AreaUnderConstruction => "area under construction",
        Metric::InvestmentTotal => "investment",
        Metric::FixedAssetInvestment => "fixed-asset investment",
        Metric::TotalAssets => "total assets",
        Metric::IndustrialOutputValue => "output value",
        Metric::IndustrialAddedValue => "added value",
        Metric::SalesRevenue => "sales revenue",
        Metric::OperatingRevenue => "revenue",
        Metric::FiscalRevenue => "fiscal revenue",
        Metric::TaxRevenue => "tax revenue",
        Metric::InstalledCapacity => "installed capacity",
        Metric::ProductionCapacity => "production capacity",
        Metric::Share => "share",
        Metric::Gdp => "GDP",
        _ => return None,
    })
}

/// Words of a noun that names a power plant.
const POWER_PLANT_WORDS: [&str; 12] = [
    "电站",
    "风电",
    "光伏电站",
    "火电",
    "发电",
    "电厂",
    "power",
    "plant",
    "wind",
    "solar",
    "station",
    "farm",
];

fn is_power_plant(noun: &str) -> bool {
    // ASCII words compared case-insensitively in place, the Chinese ones (no ASCII bytes) as is
    POWER_PLANT_WORDS
        .iter()
        .any(|p| crate::entities::text::contains_ci(noun, p))
}

#[cfg(test)]
mod tests;
