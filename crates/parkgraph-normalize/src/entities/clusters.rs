//! Industry clusters: Chinese enumerations (一是 … 六是, （一）…), Chinese lists
//! (绿色农畜产品加工、…、现代化工六大产业集群) and English "industrial clusters involving …" lists.

use std::sync::LazyLock;

use parkgraph_ingest::ParsedDocument;
use parkgraph_proto::v1::{Document, IndustryCluster, SubjectKind};
use regex::Regex;

use super::glossary;
use super::text::{cut_en_list, is_han, split_en_list, split_zh_list, zh_numeral};
use super::Place;
use crate::gazetteer::Gazetteer;

/// Whose clusters they are.
#[derive(Debug, Clone, Default)]
struct Owner {
    city: String,
    region: String,
}

fn owner_of(place: Option<&Place>) -> Owner {
    let g = Gazetteer::get();
    match place {
        Some(p) if p.kind == SubjectKind::Region => Owner {
            city: String::new(),
            region: p.name_en.clone(),
        },
        Some(p) => Owner {
            city: p.name_en.clone(),
            region: g
                .by_code(&p.code)
                .and_then(|d| g.region_of(d))
                .map(|r| r.display_en().to_string())
                .unwrap_or_default(),
        },
        None => Owner::default(),
    }
}

/// A cluster found, before it becomes a record.
#[derive(Debug, Clone)]
struct Found {
    name_zh: String,
    name_en: String,
    ordinal: i32,
    focus: Vec<String>,
    projects: Vec<String>,
    start: usize,
    end: usize,
}

/// Finds the clusters of a document whose place is `place`.
pub fn extract(
    doc: &ParsedDocument,
    document: &Document,
    place: Option<&Place>,
) -> Vec<IndustryCluster> {
    let body = doc.body.as_str();
    let stock_names: Vec<&str> = doc.stocks.iter().map(|s| s.name.as_str()).collect();
    let mut found = enumerated_zh(body, &stock_names);
    let more = listed_zh(body, &found);
    found.extend(more);
    for f in listed_en(body) {
        if !found
            .iter()
            .any(|x| !x.name_en.is_empty() && x.name_en.eq_ignore_ascii_case(&f.name_en))
        {
            found.push(f);
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    let owner = owner_of(place);
    let plan_year = plan_year(doc, body, found.iter().map(|f| f.start).min().unwrap_or(0));
    let bytes: Vec<usize> = found.iter().flat_map(|f| [f.start, f.end]).collect();
    let chars = char_offsets(body, &bytes);
    found
        .into_iter()
        .zip(chars.chunks_exact(2))
        .map(|(f, span)| {
            let id = crate::resolve::cluster_id(
                if owner.city.is_empty() {
                    &owner.region
                } else {
                    &owner.city
                },
                &f.name_zh,
                &f.name_en,
            );
            IndustryCluster {
                name: ["clusters/", id.as_str()].concat(),
                id,
                name_zh: f.name_zh,
                name_en: f.name_en,
                city: owner.city.clone(),
                region: owner.region.clone(),
                ordinal: f.ordinal,
                focus: f.focus,
                projects: f.projects,
                plan_year,
                sources: vec![document.name.clone()],
                evidence: vec![crate::evidence(document, span[0], span[1])],
            }
        })
        .collect()
}

/// [`char_offset`] of each of `bytes` in `body`: the characters between one offset and the next
/// in ascending order are counted once, where a call per offset counted from the start of the
/// body every time.
fn char_offsets(body: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_unstable_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut at, mut chars) = (0, 0);
    for i in order {
        let b = bytes[i].min(body.len());
        chars += body[at..b].chars().count();
        at = b;
        out[i] = chars;
    }
    out
}

/// The plan year: a year stated before the clusters (2022年, "In 2022"), else the document's year.
fn plan_year(doc: &ParsedDocument, body: &str, first: usize) -> i32 {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"((?:19|20)\d\d)年|(?-u:\b)[Ii]n\s+((?:19|20)\d\d)(?-u:\b)|(?-u:\b)by\s+((?:19|20)\d\d)(?-u:\b)")
            .expect("re")
    });
    let before = &body[..first.min(body.len())];
    let stated = YEAR
        .captures_iter(before)
        .last()
        .and_then(|c| c.get(1).or(c.get(2)).or(c.get(3)))
        .and_then(|m| m.as_str().parse().ok());
    stated
        .or_else(|| doc.published.map(|p| chrono::Datelike::year(&p)))
        .unwrap_or(0)
}

/// The enumeration markers `(?m)(?:^|[。；！\n])\s*(?:(?P<a>N{1,2})是|[（(](?P<b>N{1,2})[）)]|第(?P<c>N{1,2})[，,、])`
/// (N: 一 … 十) found by hand, as (numeral start, numeral end, marker end), in the order and
/// without the overlaps of `captures_iter`.
///
/// A marker starts at a line start or after 。；！ and whitespace; the regex had no literal to
/// skip ahead with and walked every byte. Here a byte search finds the newlines and the lead
/// bytes of 。 (0xE3) and ；！ (0xEF), and the marker is read after the whitespace that follows.
fn enum_markers(body: &str) -> Vec<(usize, usize, usize)> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    // where the next marker may start: the end of the last one
    let mut pos = 0;
    let mut read = |r: usize, pos: &mut usize| {
        let rest = &body[r..];
        let q = r + rest.len() - rest.trim_start_matches(char::is_whitespace).len();
        if let Some(m) = marker_at(body, q) {
            out.push(m);
            *pos = m.2;
        }
    };
    read(0, &mut pos);
    for p in memchr::memchr3_iter(b'\n', 0xE3, 0xEF, b) {
        if p < pos {
            continue;
        }
        let len = match b[p] {
            b'\n' => 1,
            _ if body[p..].starts_with(['。', '；', '！']) => 3,
            _ => continue,
        };
        read(p + len, &mut pos);
    }
    out
}

const ZH_NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// A marker's body at `q` (一是, （一）, 第一，): (numeral start, numeral end, marker end).
fn marker_at(body: &str, q: usize) -> Option<(usize, usize, usize)> {
    let t = &body[q..];
    // one or two numerals (each 3 bytes) at `i`, the longer first, then one of `close`
    let numerals_then = |i: usize, close: &[char]| -> Option<(usize, usize, usize)> {
        if !t[i..].starts_with(ZH_NUMERALS) {
            return None;
        }
        let closes = |j: usize| {
            t[j..]
                .chars()
                .next()
                .filter(|c| close.contains(c))
                .map(|c| (q + i, q + j, q + j + c.len_utf8()))
        };
        if t[i + 3..].starts_with(ZH_NUMERALS) {
            if let Some(m) = closes(i + 6) {
                return Some(m);
            }
        }
        closes(i + 3)
    };
    match t.chars().next()? {
        '(' => numerals_then(1, &['）', ')']),
        '（' => numerals_then(3, &['）', ')']),
        '第' => numerals_then(3, &['，', ',', '、']),
        _ => numerals_then(0, &['是']),
    }
}

/// Clusters of 一是 … 六是 items: each item's first cluster name, its focus and projects.
fn enumerated_zh(body: &str, stocks: &[&str]) -> Vec<Found> {
    // every marker holds a numeral 一 … 十; most English bodies have none, and the marker's
    // line-start alternative leaves the regex no literal to skip ahead with
    if !has_zh_numeral(body) {
        return Vec::new();
    }
    let markers: Vec<(usize, usize, usize)> = enum_markers(body)
        .into_iter()
        .filter_map(|(s, e, end)| Some((s, end, zh_numeral(&body[s..e])?)))
        .collect();
    let mut out = Vec::new();
    for (k, (_, item_start, ordinal)) in markers.iter().enumerate() {
        let mut item_end = markers.get(k + 1).map(|m| m.0).unwrap_or(body.len());
        // a prebuilt searcher: `str::find` with a `&str` sets one up per call
        if let Some(p) = memchr::memmem::find(&body.as_bytes()[*item_start..item_end], b"\n\n") {
            item_end = item_start + p;
        }
        let item = &body[*item_start..item_end];
        // only an item's first name is used: the names after it are not worked out
        let Some(name) = cluster_names(item).next() else {
            continue;
        };
        let projects = projects_in(&item[name.end..], stocks);
        out.push(Found {
            name_en: english(&name.name_zh),
            name_zh: name.name_zh,
            ordinal: *ordinal as i32,
            focus: name.focus.map(split_zh_list).unwrap_or_default(),
            projects,
            start: item_start + name.start,
            end: item_start + name.end,
        });
    }
    out
}

/// Whether `text` holds one of 一 … 十 (all encoded from byte 0xE4 or 0xE5: a SIMD byte search
/// passes over English text).
fn has_zh_numeral(text: &str) -> bool {
    memchr::memchr2_iter(0xE4, 0xE5, text.as_bytes()).any(|i| {
        text[i..].starts_with(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'])
    })
}

/// A cluster name inside a text.
#[derive(Debug, Clone)]
struct Named<'a> {
    name_zh: String,
    /// The focus text (以…为龙头的), split into items only for the names that are kept.
    focus: Option<&'a str>,
    start: usize,
    end: usize,
}

/// The focus words, in the order they are tried. A list, not a `|`-joined string split on every
/// call: the split cost more than the suffix tests.
const FOCUS: &[&str] = &[
    "龙头",
    "引领",
    "重点",
    "特色",
    "基础",
    "方向",
    "核心",
    "主导",
    "主体",
    "支撑",
    "依托",
    "牵引",
    "主攻方向",
    "抓手",
    "主",
    "代表",
];

/// [`FOCUS`] as the regex alternation it was.
#[cfg(test)]
const FOCUS_WORDS: &str =
    "龙头|引领|重点|特色|基础|方向|核心|主导|主体|支撑|依托|牵引|主攻方向|抓手|主|代表";

/// The focus of a text ending in 以…为<focus word>的 (what the regex
/// `以([^，。；以]{1,40}?)为(?:FOCUS_WORDS)的$` captured), read from the end:
/// no word holds 为 and only 主攻方向 ends with another (方向, after 攻),
/// so at most one 为 fits, and the focus cannot hold 以, so it starts after
/// the last 以 (or fails at a later ，。；).
fn focus_of(s: &str) -> Option<&str> {
    let body = s.strip_suffix('的')?;
    let before = FOCUS
        .iter()
        .find_map(|w| body.strip_suffix(w)?.strip_suffix('为'))?;
    let i = before.rfind(['以', '，', '。', '；'])?;
    let focus = before[i..].strip_prefix('以')?;
    let n = focus.chars().count();
    (1..=40).contains(&n).then_some(focus)
}
static SIZE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十两\d]+个)?(?:(?:千亿|百亿|万亿|千亿元|百亿元|五百亿|500亿|国家|自治区|省|市)级)+").expect("re")
});
static COUNT_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[一二三四五六七八九十两\d]+大$").expect("re"));

const VERBS: &[&str] = &[
    "加快推进",
    "加快推动",
    "加快建设",
    "加快培育",
    "做优做强",
    "做大做强",
    "培育壮大",
    "发展壮大",
    "全力推进",
    "重点抓好",
    "开工建设",
    "建成投产",
    "积极培育",
    "大力发展",
    "着力打造",
    "聚力培育",
    "全力打造",
    "重点发展",
    "重点培育",
    "培育",
    "打造",
    "做强",
    "做优",
    "做大",
    "壮大",
    "发展",
    "建设",
    "构建",
    "推动",
    "推进",
    "加快",
    "全力",
    "重点",
    "着力",
    "大力",
    "积极",
    "聚力",
    "持续",
    "提升",
    "抓好",
    "建成",
    "投产",
    "开工",
    "实施",
    "新建",
    "续建",
    "谋划",
    "引进",
    "落地",
    "启动",
    "力争",
    "确保",
    "完成",
    "争取",
    "支持",
    "围绕",
    "同时",
    "并",
    "还",
    "将",
    "要",
    "是",
    "的",
    "构建起",
    "形成",
    "聚焦",
];

fn strip_verbs<'a>(mut s: &'a str, keep: &[&str]) -> &'a str {
    // the verbs by first character: a text's first character picks the few to compare (the
    // longest verb that starts the text is one string, whatever the order)
    static BY_FIRST: LazyLock<Vec<(char, &'static str)>> = LazyLock::new(|| {
        let mut v: Vec<(char, &str)> = VERBS
            .iter()
            .map(|w| (w.chars().next().expect("no empty verb"), *w))
            .collect();
        v.sort_by_key(|&(c, _)| c);
        v
    });
    loop {
        if keep.iter().any(|k| !k.is_empty() && s.starts_with(k)) {
            return s;
        }
        let Some(c) = s.chars().next() else {
            return s;
        };
        let from = BY_FIRST.partition_point(|&(f, _)| f < c);
        match BY_FIRST[from..]
            .iter()
            .take_while(|&&(f, _)| f == c)
            .filter(|(_, v)| s.starts_with(v))
            .map(|&(_, v)| v)
            .max_by_key(|v| v.len())
        {
            Some(v) => s = &s[v.len()..],
            None => return s,
        }
    }
}

/// `strip_verbs` as it compared every verb (pins the first-character lookup).
#[cfg(test)]
fn strip_verbs_plain<'a>(mut s: &'a str, keep: &[&str]) -> &'a str {
    loop {
        if keep.iter().any(|k| !k.is_empty() && s.starts_with(k)) {
            return s;
        }
        match VERBS
            .iter()
            .filter(|v| s.starts_with(*v))
            .max_by_key(|v| v.len())
        {
            Some(v) => s = &s[v.len()..],
            None => return s,
        }
    }
}

/// The cluster names in `text` (names ending in 产业集群/集群, focus from 以…为龙头的), lazily:
/// callers often need only the first, or only those not found before.
fn cluster_names(text: &str) -> impl Iterator<Item = Named<'_>> + '_ {
    cluster_suffixes(text).filter_map(move |(m_start, m_end)| {
        // The run before the suffix, back to punctuation.
        let mut run_start = m_start;
        for (i, c) in text[..m_start].char_indices().rev() {
            if !(is_han(c) || c == '、') {
                break;
            }
            run_start = i;
        }
        let run = &text[run_start..m_start];
        let (focus, name_from) = match run.rfind('的') {
            Some(p) => (
                focus_of(&run[..p + '的'.len_utf8()]),
                run_start + p + '的'.len_utf8(),
            ),
            None => (None, run_start),
        };
        let mut head = &text[name_from..m_start];
        if let Some(p) = head.rfind('、') {
            head = &head[p + '、'.len_utf8()..];
        }
        let head = strip_verbs(head, &[]);
        // every SIZE_PREFIX match holds a 级; most heads have none
        let head = if head.contains('级') {
            SIZE_PREFIX.replace(head, "")
        } else {
            std::borrow::Cow::Borrowed(head)
        };
        if !valid_core(&head) {
            return None;
        }
        let name_zh = format!("{head}{}", &text[m_start..m_end]);
        let start = m_end - name_zh.len();
        Some(Named {
            name_zh,
            focus,
            start,
            end: m_end,
        })
    })
}

/// The matches of `产业集群|集群` (leftmost first, without overlaps) as byte ranges: every match
/// ends in 集群, which a substring search finds, and starts at the 产业 right before it if there
/// is one (a 集群 never overlaps another, nor the 产业 before it).
fn cluster_suffixes(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static JIQUN: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("集群"));
    JIQUN.find_iter(text.as_bytes()).map(move |p| {
        let start = if text[..p].ends_with("产业") {
            p - "产业".len()
        } else {
            p
        };
        (start, p + "集群".len())
    })
}

fn valid_core(core: &str) -> bool {
    const GENERIC: &[&str] = &[
        "优势",
        "特色",
        "重点",
        "主导",
        "新兴",
        "产业",
        "现代",
        "传统",
        "先进",
        "大",
        "各类",
        "相关",
        "这些",
        "一批",
        "先进制造业",
        "制造业",
        "特色产业",
    ];
    // a second character, not a count of them all
    core.chars().nth(1).is_some()
        && core.chars().all(is_han)
        // a COUNT_TAIL match ends the core with 大
        && !(core.ends_with('大') && COUNT_TAIL.is_match(core))
        && !GENERIC.contains(&core)
        && !core.ends_with('级')
}

fn english(name_zh: &str) -> String {
    // `trim_end_matches` with these `&str` patterns, by `strip_suffix` (no substring searcher)
    let mut core = name_zh;
    while let Some(c) = core.strip_suffix("产业集群") {
        core = c;
    }
    while let Some(c) = core.strip_suffix("集群") {
        core = c;
    }
    glossary::translate(core).unwrap_or_default()
}

/// The list of `^(?P<list>.+?)等[^，。；、]{0,16}?项目` (the reference regex in the tests): the
/// text before the first 等 (not at the start, on the first line) that 项目 follows within 16
/// characters, none of them a clause or list separator. By hand: the regex walked every clause
/// with 项目 in it.
fn project_etc(clause: &str) -> Option<&str> {
    let first = clause.chars().next()?.len_utf8();
    // `.` stops at a line break
    let line = clause.find('\n').unwrap_or(clause.len()).max(first);
    let mut from = first;
    while let Some(p) = clause[from..line].find('等').map(|p| from + p) {
        let after = &clause[p + '等'.len_utf8()..];
        let mut gap = after.char_indices();
        for _ in 0..=16 {
            let Some((i, c)) = gap.next() else { break };
            if after[i..].starts_with("项目") {
                return Some(&clause[..p]);
            }
            if matches!(c, '，' | '。' | '；' | '、') {
                break;
            }
        }
        from = p + '等'.len_utf8();
    }
    None
}

/// The list of `^(?P<list>.+?)项目`: the text before the first 项目 after the first character,
/// on the first line.
fn project_plain(clause: &str) -> Option<&str> {
    let first = clause.chars().next()?.len_utf8();
    let line = clause.find('\n').unwrap_or(clause.len());
    let p = first + clause[first..].find("项目")?;
    (p < line).then(|| &clause[..p])
}

const PROJECT_VERBS: &[&str] = &[
    "加快", "推进", "推动", "开工", "建成", "投产", "抓好", "实施", "新建", "续建", "谋划", "启动",
    "建设", "引进", "落地", "完成",
];

/// Project names listed in a text: "加快A、B、C等项目建设", "建成A、B项目", "开工建设A项目".
fn projects_in(text: &str, stocks: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for clause in project_clauses(text) {
        let clause = clause.trim();
        let list = if let Some(l) = project_etc(clause) {
            Some(l)
        } else if let Some(l) = project_plain(clause) {
            let starts_with_verb = PROJECT_VERBS
                .iter()
                .any(|v| strip_adverbs(clause).starts_with(v));
            (l.contains('、') || starts_with_verb).then_some(l)
        } else {
            None
        };
        let Some(list) = list else { continue };
        let list = strip_verbs(list, stocks);
        for item in list.split('、') {
            let item =
                item.trim_matches(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"'));
            let item = item.strip_suffix("项目").unwrap_or(item);
            let n = item.chars().count();
            let generic = ["重点", "重大", "一批", "若干"]
                .iter()
                .any(|g| item.starts_with(g) && n <= 4);
            if (3..=40).contains(&n)
                && !item.contains("项目")
                && !generic
                && !out.iter().any(|x| x == item)
            {
                out.push(item.to_string());
            }
        }
    }
    out
}

/// What separates the clauses of [`projects_in`].
const CLAUSE_ENDS: [char; 7] = ['，', '。', '；', '！', '\n', ',', ';'];

/// The clauses of `text` (split at [`CLAUSE_ENDS`]) that hold 项目, in order: both project
/// patterns end in it. Found from each 项目 (no separator is part of it, so it lies inside one
/// clause) instead of splitting the whole text, which decoded every character.
fn project_clauses(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut done = 0;
    memchr::memmem::find_iter(text.as_bytes(), "项目".as_bytes()).filter_map(move |p| {
        if p < done {
            return None; // in the clause of an earlier 项目
        }
        let start = text[..p].rfind(CLAUSE_ENDS).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let end = text[p..].find(CLAUSE_ENDS).map_or(text.len(), |i| p + i);
        done = end;
        Some(&text[start..end])
    })
}

/// [`project_clauses`] as it was: the split, then the test.
#[cfg(test)]
fn project_clauses_split(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(CLAUSE_ENDS).filter(|c| c.contains("项目"))
}

fn strip_adverbs(s: &str) -> &str {
    let mut s = s;
    for a in ["同时", "并", "还", "重点", "全力", "积极", "着力"] {
        s = s.strip_prefix(a).unwrap_or(s);
    }
    s
}

/// Clusters in lists outside enumerations: "绿色农畜产品加工、…、现代化工六大产业集群" and
/// "绿色农畜产品加工产业集群、新材料产业集群". Names in `known` (found before) are left out, before
/// their English name and focus are worked out.
fn listed_zh(body: &str, known: &[Found]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let seen = |out: &[Found], name_zh: &str| known.iter().chain(out).any(|f| f.name_zh == name_zh);
    for (m_start, m_end) in cluster_suffixes(body) {
        let mut run_start = m_start;
        for (i, c) in body[..m_start].char_indices().rev() {
            if !(is_han(c) || c == '、') {
                break;
            }
            run_start = i;
        }
        let run = &body[run_start..m_start];
        // a COUNT_TAIL match ends the run with 大
        if let Some(cm) = run.ends_with('大').then(|| COUNT_TAIL.find(run)).flatten() {
            // Shared suffix: "A、B、C六大产业集群".
            let list = strip_verbs(&run[..cm.start()], &[]);
            if !list.contains('、') {
                continue;
            }
            let items: Vec<&str> = list.split('、').collect();
            let mut pos = run_start + (run[..cm.start()].len() - list.len());
            for (k, item) in items.iter().enumerate() {
                let core = SIZE_PREFIX.replace(item, "");
                if valid_core(&core) {
                    let name_zh = format!("{core}{}", &body[m_start..m_end]);
                    if !seen(&out, &name_zh) {
                        out.push(Found {
                            name_en: english(&name_zh),
                            name_zh,
                            ordinal: k as i32 + 1,
                            focus: Vec::new(),
                            projects: Vec::new(),
                            start: pos,
                            end: pos + item.len(),
                        });
                    }
                }
                pos += item.len() + '、'.len_utf8();
            }
        }
    }
    // Names written out one by one.
    for n in cluster_names(body) {
        if !seen(&out, &n.name_zh) {
            out.push(Found {
                name_en: english(&n.name_zh),
                name_zh: n.name_zh,
                ordinal: 0,
                focus: n.focus.map(split_zh_list).unwrap_or_default(),
                projects: Vec::new(),
                start: n.start,
                end: n.end,
            });
        }
    }
    out
}

static EN_CLUSTERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:industrial|industry)\s+clusters\s*(?:,\s*)?(?:involving|including|in|of|covering|such\s+as|on|for|namely|:)\s+").expect("re")
});

/// English lists: "industrial clusters involving A, B and C".
fn listed_en(body: &str) -> Vec<Found> {
    let mut out = Vec::new();
    // every match holds "cluster" (no character but these ASCII ones matches c, l, u, t, e or r
    // case-insensitively); most bodies have none ("clu" alone passed every "including"), and the
    // regex has no literal to skip ahead with. Searched from its `u`, rarer than the `c`.
    if !mentions_cluster(body.as_bytes()) {
        return out;
    }
    for m in EN_CLUSTERS.find_iter(body) {
        let rest = &body[m.end()..];
        let list = cut_en_list(rest.split('\n').next().unwrap_or(""));
        let items = split_en_list(list, None);
        if items.len() < 2 {
            continue;
        }
        let mut pos = m.end();
        for (k, item) in items.into_iter().enumerate() {
            if item.split_whitespace().count() > 8 || item.starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let at = body[pos..].find(&item).map(|p| pos + p).unwrap_or(m.end());
            pos = at;
            out.push(Found {
                name_zh: String::new(),
                ordinal: k as i32 + 1,
                focus: Vec::new(),
                projects: Vec::new(),
                start: at,
                end: at + item.len(),
                name_en: item,
            });
        }
    }
    out
}

parkgraph_ingest::with_avx2! {
    /// Whether `b` holds "cluster", ASCII case-insensitively. One pass: a search for one of its
    /// letters stopped at every `u` of an English body.
    fn mentions_cluster / mentions_cluster_avx2(b: &[u8]) -> bool = mentions_cluster_in
}

/// Blocks of 32 start positions are tested branch-free for c, l and t at offsets 0, 1 and 4
/// (`| 0x20` maps just the two cases of a letter onto the lower one); only a block with a hit
/// is compared position by position. The last positions are compared one by one.
#[inline(always)]
fn mentions_cluster_in(b: &[u8]) -> bool {
    const NEEDLE: &[u8] = b"cluster";
    const BLOCK: usize = 32;
    let is_at = |i: usize| {
        b.get(i..i + NEEDLE.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(NEEDLE))
    };
    let mut from = 0;
    while from + BLOCK + NEEDLE.len() - 1 <= b.len() {
        let x: &[u8; BLOCK + 4] = b[from..from + BLOCK + 4].try_into().expect("block");
        let mut any = 0u8;
        for k in 0..BLOCK {
            any |= u8::from(
                (x[k] | 0x20 == b'c') & (x[k + 1] | 0x20 == b'l') & (x[k + 4] | 0x20 == b't'),
            );
        }
        if any != 0 && (from..from + BLOCK).any(is_at) {
            return true;
        }
        from += BLOCK;
    }
    (from..b.len()).any(is_at)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cluster_mention_agrees_with_the_letter_search() {
        let pieces = [
            "cluster", "Cluster", "CLUSTERS", "clu", "ster", "c", "l", "t", "cl", "clxxt", " ",
            "x", "é", "集群", "u", "U",
        ];
        for t in crate::test_support::Xorshift::texts(0xc105, 20000, 40, &pieces) {
            assert_eq!(
                mentions_cluster(t.as_bytes()),
                crate::entities::text::contains_ci_at(&t, "cluster", 2),
                "{t:?}"
            );
        }
    }

    #[test]
    fn project_clauses_are_the_split_ones() {
        let pieces = [
            "项目", "项", "目", "，", "。", "；", "！", "\n", ",", ";", "建设", "A", " ", "、",
            "等",
        ];
        for t in crate::test_support::Xorshift::texts(0x9e0f, 30000, 24, &pieces) {
            assert_eq!(
                super::project_clauses(&t).collect::<Vec<_>>(),
                super::project_clauses_split(&t).collect::<Vec<_>>(),
                "{t:?}"
            );
        }
    }

    #[test]
    fn focus_list_is_the_alternation() {
        assert_eq!(super::FOCUS.join("|"), super::FOCUS_WORDS);
    }

    #[test]
    fn focus_of_matches_the_regex() {
        let re = Regex::new(&format!(
            r"以(?P<focus>[^，。；以]{{1,40}}?)为(?:{FOCUS_WORDS})的$"
        ))
        .unwrap();
        let old = |s: &str| {
            re.captures(s)
                .map(|c| c.name("focus").unwrap().as_str().to_string())
        };
        let mut cases: Vec<String> = [
            "以汽车为龙头的",
            "以为龙头的",
            "以以为龙头的",
            "以汽车为主攻方向的",
            "以汽车为方向的",
            "以汽车攻方向的",
            "以汽车为主的",
            "以汽车为主",
            "以汽，车为主的",
            "以汽车、电子为核心的",
            "以A以B为重点的",
            "以B为重点为主的",
            "以为为主的",
            "以以汽车为特色的",
            "汽车为龙头的",
            "以汽车为龙头的的",
            "以汽车为代表的",
            "以汽车。为代表的",
            "以；为代表的",
            "以为为代表的",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.push(format!("以{}为主的", "车".repeat(40)));
        cases.push(format!("以{}为主的", "车".repeat(41)));
        cases.push(format!("以{}以{}为主的", "车".repeat(41), "车".repeat(3)));
        // Random strings from the pieces the scanner reads.
        let alphabet = [
            "以", "为", "的", "主", "攻", "方向", "龙头", "车", "、", "，", "。", "；", "a",
        ];
        for s in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 20000, 9, &alphabet) {
            cases.push(s.clone());
            cases.push(format!("{s}为主的"));
            cases.push(format!("以{s}为主攻方向的"));
        }
        for s in &cases {
            assert_eq!(focus_of(s).map(str::to_string), old(s), "{s}");
        }
    }

    use super::*;
    use proptest::prelude::*;

    /// The regex `enum_markers` reads by hand.
    static ENUM_MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?m)(?:^|[。；！\n])\s*(?:(?P<a>[一二三四五六七八九十]{1,2})是|[（(](?P<b>[一二三四五六七八九十]{1,2})[）)]|第(?P<c>[一二三四五六七八九十]{1,2})[，,、])").expect("re")
    });

    fn enum_markers_agree(t: &str) {
        let want: Vec<(usize, usize, usize)> = ENUM_MARKER
            .captures_iter(t)
            .map(|c| {
                let n = c.name("a").or(c.name("b")).or(c.name("c")).unwrap();
                (n.start(), n.end(), c.get(0).unwrap().end())
            })
            .collect();
        assert_eq!(enum_markers(t), want, "{t:?}");
    }

    #[test]
    fn enum_markers_match_the_regex() {
        for t in [
            "",
            "一是",
            "\n一是发展",
            "。 （二）建设；第三，推进！十一是",
            "一二三是 一二是 。一二三是。\u{3000}\u{a0}\t（十二)(一）(一二三) 第十、第一,",
            "x一是\n\n  \n 二是。\r\n三是",
            "；，一是 ！第二，！！(三)",
        ] {
            enum_markers_agree(t);
        }
        let pieces = [
            "一", "二", "十", "是", "（", "）", "(", ")", "第", "，", ",", "、", "。", "；", "！",
            "\n", " ", "\u{3000}", "\u{a0}", "\t", "\r", "x", "年", "，", "：", "「",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50000, 14, &pieces) {
            enum_markers_agree(&t);
        }
    }

    proptest! {
        /// `enumerated_zh` skips texts without 一 … 十: no marker lacks one.
        #[test]
        fn enum_markers_hold_a_zh_numeral(t in "[一二三四五六七八九十两是第（）()，,、。；！\n a-z0-9]{0,20}") {
            if ENUM_MARKER.is_match(&t) {
                prop_assert!(has_zh_numeral(&t));
            }
        }
    }

    #[test]
    fn char_offsets_agree_with_char_offset() {
        let body = "绿色农畜产品加工、新材料 industrial clusters 现代化工六大产业集群。";
        let bounds: Vec<usize> = (0..=body.len() + 3)
            .filter(|&i| i > body.len() || body.is_char_boundary(i))
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for n in 0..40 {
            let bytes: Vec<usize> = (0..n % 9)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    bounds[(state >> 11) as usize % bounds.len()]
                })
                .collect();
            let want: Vec<usize> = bytes
                .iter()
                .map(|&b| super::super::text::char_offset(body, b))
                .collect();
            assert_eq!(char_offsets(body, &bytes), want, "{bytes:?}");
        }
    }

    #[test]
    fn en_cluster_matches_hold_cluster() {
        // the gate's letters match only themselves, in either case, under `(?i)`
        for (letter, re) in [
            ('c', "(?i)^c$"),
            ('l', "(?i)^l$"),
            ('u', "(?i)^u$"),
            ('t', "(?i)^t$"),
            ('e', "(?i)^e$"),
            ('r', "(?i)^r$"),
        ] {
            let re = Regex::new(re).unwrap();
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                if re.is_match(c.encode_utf8(&mut [0; 4])) {
                    assert!(c.eq_ignore_ascii_case(&letter), "{c:?}");
                }
            }
        }
        assert!(EN_CLUSTERS.as_str().contains(r"\s+clusters\s*"));
        for t in [
            "industrial clusters involving a",
            "INDUSTRY CLUSTERS: a",
            "x",
        ] {
            if EN_CLUSTERS.is_match(t) {
                assert!(super::super::text::contains_ci(t, "cluster"), "{t}");
            }
        }
    }

    #[test]
    fn size_and_count_matches_hold_their_gate_characters() {
        let pieces = [
            "一",
            "两",
            "3",
            "个",
            "千亿",
            "百亿元",
            "500亿",
            "国家",
            "自治区",
            "省",
            "市",
            "级",
            "大",
            "六",
            "产业",
            "x",
            "、",
        ];
        let mut rng = crate::test_support::Xorshift::new(0x2545_f491_4f6c_dd1d);
        let (mut sized, mut counted) = (0, 0);
        for _ in 0..50000 {
            let len = rng.below(8);
            let t = rng.text(len, &pieces);
            if SIZE_PREFIX.is_match(&t) {
                sized += 1;
                assert!(t.contains('级'), "{t:?}");
            }
            if COUNT_TAIL.is_match(&t) {
                counted += 1;
                assert!(t.ends_with('大'), "{t:?}");
            }
        }
        assert!(sized > 100 && counted > 100);
    }

    #[test]
    fn strip_verbs_agrees_with_comparing_every_verb() {
        let mut pieces: Vec<&str> = VERBS.to_vec();
        pieces.extend([
            "加", "快", "推", "进", "乳业", "集群", "x", " ", "、", "产业",
        ]);
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 50000, 6, &pieces) {
            for keep in [&[][..], &["推进"][..], &["", "乳业"][..]] {
                assert_eq!(strip_verbs(&t, keep), strip_verbs_plain(&t, keep), "{t:?}");
            }
        }
    }

    #[test]
    fn cluster_suffixes_match_the_regex() {
        let re = Regex::new(r"产业集群|集群").unwrap();
        let pieces = [
            "产业",
            "产",
            "业",
            "集群",
            "集",
            "群",
            "产业集群",
            "a",
            "、",
        ];
        for t in crate::test_support::Xorshift::texts(0x5851_f42d_4c95_7f2d, 20000, 10, &pieces) {
            let want: Vec<(usize, usize)> =
                re.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(cluster_suffixes(&t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    /// The patterns `project_etc` and `project_plain` read by hand.
    fn project_regexes() -> (Regex, Regex) {
        (
            Regex::new(r"^(?P<list>.+?)等[^，。；、]{0,16}?项目").unwrap(),
            Regex::new(r"^(?P<list>.+?)项目").unwrap(),
        )
    }

    fn project_lists_agree(t: &str) {
        let (etc, plain) = project_regexes();
        let list = |re: &Regex| re.captures(t).map(|c| c.name("list").unwrap().as_str());
        assert_eq!(project_etc(t), list(&etc), "etc {t:?}");
        assert_eq!(project_plain(t), list(&plain), "plain {t:?}");
    }

    #[test]
    fn project_scanners_match_the_regexes() {
        let sixteen = "一二三四五六七八九十一二三四五六";
        for t in [
            String::new(),
            "加快A、B等项目建设".into(),
            "建成A项目".into(),
            "建成A项".into(),
            "等项目".into(),
            "等等项目".into(),
            "项目".into(),
            "项目项目".into(),
            "x项目".into(),
            "é等项目".into(),
            "A等，项目".into(),
            "A等、B项目".into(),
            "A等；B等C项目".into(),
            "A等\nB项目".into(),
            "A\n等项目".into(),
            "\n项目".into(),
            "A\n项目".into(),
            "A项\n目".into(),
            format!("A等{sixteen}项目"),
            format!("A等{sixteen}七项目"),
            format!("A等{sixteen}七项目等B项目"),
            format!("A等{sixteen}七等项目"),
        ] {
            project_lists_agree(&t);
        }
    }

    proptest! {
        #[test]
        fn project_scanners_agree_with_the_regexes(t in "[项目等A、，。；工程é\n ]{0,24}") {
            project_lists_agree(&t);
        }
    }

    #[test]
    fn zh_numeral_search_agrees_with_the_char_test() {
        let numerals = "一二三四五六七八九十";
        for t in ["", "abc", "“x”—", "园区十", "三", "两个", "é一", "丁", "乀"] {
            assert_eq!(
                has_zh_numeral(t),
                t.contains(|c| numerals.contains(c)),
                "{t}"
            );
        }
    }

    #[test]
    fn names_focus_and_projects() {
        let item = "培育以乳业、草种业为龙头的绿色农畜产品加工产业集群，加快伊利现代智慧健康谷、蒙牛中国乳业产业园等项目建设。";
        let n: Vec<Named> = cluster_names(item).collect();
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].name_zh, "绿色农畜产品加工产业集群");
        assert_eq!(n[0].focus.map(split_zh_list).unwrap(), ["乳业", "草种业"]);
        assert_eq!(
            projects_in(item, &[]),
            ["伊利现代智慧健康谷", "蒙牛中国乳业产业园"]
        );
    }

    #[test]
    fn project_verbs_and_stock_names() {
        let t = "开工建设中环产业城项目，建成投产中环五期扩能、25GW智能化切片等项目，同时抓好远景风力发电设备、中锂锂电池隔膜生产线等新能源装备制造和电池材料项目。";
        assert_eq!(
            projects_in(t, &[]),
            [
                "中环产业城",
                "中环五期扩能",
                "25GW智能化切片",
                "远景风力发电设备",
                "中锂锂电池隔膜生产线"
            ]
        );
        let t = "重点抓好建设银行数据中心、中行金融科技中心等项目";
        assert_eq!(
            projects_in(t, &["建设银行"]),
            ["建设银行数据中心", "中行金融科技中心"]
        );
        let t = "建成久泰100万吨煤制乙二醇、旭阳中燃300万吨焦化及制氢综合利用项目";
        assert_eq!(
            projects_in(t, &[]),
            ["久泰100万吨煤制乙二醇", "旭阳中燃300万吨焦化及制氢综合利用"]
        );
        assert!(projects_in("计划实施重点项目20个，打造“中国云谷”", &[]).is_empty());
    }

    #[test]
    fn generic_names_are_not_clusters() {
        assert!(cluster_names("重点做优做强六大产业集群").next().is_none());
        assert!(cluster_names("打造千亿级产业集群").next().is_none());
        let n: Vec<Named> = cluster_names("打造千亿级稀土新材料产业集群").collect();
        assert_eq!(n[0].name_zh, "稀土新材料产业集群");
    }

    #[test]
    fn shared_suffix_lists() {
        let body = "聚力培育绿色农畜产品加工、电子信息技术、新材料和现代装备制造、生物医药、清洁能源、现代化工六大产业集群。";
        let f = listed_zh(body, &[]);
        let names: Vec<&str> = f.iter().map(|x| x.name_zh.as_str()).collect();
        assert_eq!(
            names,
            [
                "绿色农畜产品加工产业集群",
                "电子信息技术产业集群",
                "新材料和现代装备制造产业集群",
                "生物医药产业集群",
                "清洁能源产业集群",
                "现代化工产业集群"
            ]
        );
        assert_eq!(f[2].ordinal, 3);
        assert_eq!(
            f[2].name_en,
            "new materials and modern equipment manufacturing"
        );
        assert_eq!(&body[f[3].start..f[3].end], "生物医药");
    }

    #[test]
    fn english_cluster_lists() {
        let body = "It is building industrial clusters involving green agricultural and livestock product processing, new energy, new materials, and the modern service industry.";
        let f = listed_en(body);
        let names: Vec<&str> = f.iter().map(|x| x.name_en.as_str()).collect();
        assert_eq!(
            names,
            [
                "green agricultural and livestock product processing",
                "new energy",
                "new materials",
                "modern service industry"
            ]
        );
        assert_eq!(f[1].ordinal, 2);
    }
}
