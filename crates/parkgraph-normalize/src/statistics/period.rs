//! Year expressions: "In 2016,", "by the end of 2013", "2011-2015", 2022年, 今年, “十四五”.

use std::sync::LazyLock;

use regex::Regex;

/// What a year expression does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The time a number refers to.
    Point,
    /// A comparison base ("that of 2015", 比2015年, "than last year"): not a period.
    Base,
    /// A start point ("since 2015"): not a period by itself.
    Since,
}

/// One year expression, byte span in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct YearExpr {
    pub start: usize,
    pub end: usize,
    pub from: i32,
    pub to: i32,
    pub role: Role,
    /// Introduced by a preposition that can bind it to the number right before it
    /// ("51 percent in 2020", "300 billion yuan by 2025").
    pub trailing_ok: bool,
}

impl YearExpr {
    /// The expression matched by `m`, covering the years `from..=to`.
    fn at(m: regex::Match<'_>, (from, to): (i32, i32), role: Role, trailing_ok: bool) -> Self {
        YearExpr {
            start: m.start(),
            end: m.end(),
            from,
            to,
            role,
            trailing_ok,
        }
    }
}

static EN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(in|by|as of|at the end of|by the end of|end of|until|till|through|during|since|from|than|of|over|compared with|compared to|before|after|for|between)\s+)?(?:the\s+(?:year\s+)?)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)?((?:19|20)\d{2})(?:\s*(?:-|–|—|to|and|through)\s*((?:19|20)\d{2}))?(?-u:\b)",
    )
    .expect("year regex")
});

static EN_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(than |compared with |compared to |over |from )?(?:the same period )?(this|last|next) year(?-u:\b)").expect("relative year regex")
});

static EN_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(1[0-5])th Five-Year Plan(?: \(\d{4}-\d{4}\))?").expect("plan regex")
});

static ZH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(比|较|与|同|较之|相比|是)?((?:19|20)\d{2})\s*年?\s*(?:(?:-|—|–|~|～|至|到)\s*((?:19|20)\d{2})\s*)?年(同期|以来)?")
        .expect("zh year regex")
});

static ZH_RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(比|较|与|同)?(今年|本年度|本年|当年|去年|上年|明年)(同期|以来)?")
        .expect("zh relative regex")
});

static ZH_PLAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"十([一二三四五])五").expect("zh plan regex"));

/// The year or year range in groups 2 and 3 of a year pattern; `None` when it runs backwards.
fn year_range(c: &regex::Captures<'_>) -> Option<(i32, i32)> {
    let from: i32 = c[2].parse().unwrap_or(0);
    let to: i32 = c
        .get(3)
        .and_then(|t| t.as_str().parse().ok())
        .unwrap_or(from);
    (to >= from).then_some((from, to))
}

/// `EN_YEAR.captures_iter(text)`, with the regex started near each possible year instead of
/// walking the whole text: its optional prefix ("by the end of May 20,") leaves it no literal to
/// skip ahead with, and most of a text holds no year.
///
/// Every match holds a year: ASCII `19`/`20` after a byte that is no ASCII word character (the
/// match's leading boundary or the prefix's whitespace), then two more digits. The only digits
/// its prefix can hold are the day (`\d{1,2}`), and the prefix has at most eight
/// whitespace-separated words before the year. So no match starts before the tenth run of
/// non-space bytes back from the first possible year (ASCII whitespace only separates runs:
/// other spaces only make the runs longer), and searching from there finds the same next match.
fn en_years(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let year = possible_year(b, pos)?;
        let from = pos.max(runs_back(b, year, 10));
        let c = EN_YEAR.captures_at(text, from)?;
        pos = c.get(0).unwrap_or_else(|| unreachable!()).end();
        Some(c)
    })
}

/// The first offset at or after `from` where a year of `EN_YEAR` can start: `19` or `20` not
/// after an ASCII word byte, followed by two bytes that are ASCII digits or start a non-ASCII
/// character (`\d` is Unicode).
fn possible_year(b: &[u8], from: usize) -> Option<usize> {
    memchr::memchr2_iter(b'1', b'2', b.get(from..)?)
        .map(|i| from + i)
        .find(|&i| {
            let digit_like = |k: usize| b.get(k).is_some_and(|&c| c.is_ascii_digit() || c >= 0x80);
            matches!(b.get(i..i + 2), Some(b"19" | b"20"))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                && digit_like(i + 2)
                && digit_like(i + 3)
        })
}

/// The start of the `n`th run of non-whitespace bytes back from `at` (counting the run `at` is
/// in), or 0: always a character boundary.
fn runs_back(b: &[u8], at: usize, n: usize) -> usize {
    let mut i = at;
    for _ in 0..n {
        while i > 0 && b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        while i > 0 && !b[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        if i == 0 {
            break;
        }
    }
    i
}

/// Every year expression in `text`, ordered by start.
pub(crate) fn find(text: &str, published_year: Option<i32>) -> Vec<YearExpr> {
    let mut out = Vec::new();
    for c in en_years(text) {
        let m = c.get(0).unwrap_or_else(|| unreachable!());
        let prep = c.get(1).map(|p| p.as_str().to_ascii_lowercase());
        let Some((from, to)) = year_range(&c) else {
            continue;
        };
        let mut role = match prep.as_deref() {
            Some("since") => Role::Since,
            Some("than") | Some("compared with") | Some("compared to") | Some("over") => Role::Base,
            _ => Role::Point,
        };
        // "that of 2015", "those of 2015"
        if prep.as_deref() == Some("of") {
            let head = text[..m.start()].trim_end();
            if ends_with_word_ci(head, "that") || ends_with_word_ci(head, "those") {
                role = Role::Base;
            }
        }
        // "established in 1992", "founded in 2006": an event, not the time of a number
        if role == Role::Point && is_event(&text[..m.start()]) {
            role = Role::Since;
        }
        let trailing_ok = matches!(
            prep.as_deref(),
            Some("in")
                | Some("by")
                | Some("as of")
                | Some("at the end of")
                | Some("by the end of")
                | Some("end of")
                | Some("during")
                | Some("between")
                | Some("from")
        );
        out.push(YearExpr::at(m, (from, to), role, trailing_ok));
    }
    // every match of EN_RELATIVE holds "s year" or "t year" (see `year_after`)
    if let Some(py) = published_year.filter(|_| year_after(text, b"st")) {
        for c in EN_RELATIVE.captures_iter(text) {
            let m = c.get(0).unwrap_or_else(|| unreachable!());
            let y = match c[2].to_ascii_lowercase().as_str() {
                "this" => py,
                "last" => py - 1,
                _ => py + 1,
            };
            let role = if c.get(1).is_some() {
                Role::Base
            } else {
                Role::Point
            };
            out.push(YearExpr::at(m, (y, y), role, true));
        }
    }
    // every match holds "five-year plan" (no letter of it has a non-ASCII case variant)
    let plan = crate::entities::text::contains_ci_at(text, "five-year plan", 2);
    for c in EN_PLAN.captures_iter(text).filter(|_| plan) {
        let m = c.get(0).unwrap_or_else(|| unreachable!());
        let n: i32 = c[1].parse().unwrap_or(0);
        out.push(YearExpr::at(m, plan_years(n), Role::Point, false));
    }
    // every match of ZH_YEAR and ZH_RELATIVE holds 年 and every match of ZH_PLAN 十: a text
    // without them (most English bodies) need not be searched for the Chinese patterns
    let zh_year = memchr::memmem::find(text.as_bytes(), "年".as_bytes()).is_some();
    if zh_year {
        for c in ZH_YEAR.captures_iter(text) {
            let m = c.get(0).unwrap_or_else(|| unreachable!());
            let Some((from, to)) = year_range(&c) else {
                continue;
            };
            let mut role = match (c.get(1), c.get(4).map(|x| x.as_str())) {
                (Some(_), _) | (_, Some("同期")) => Role::Base,
                (_, Some("以来")) => Role::Since,
                _ => Role::Point,
            };
            if role == Role::Point && is_event(&text[..m.start()]) {
                role = Role::Since;
            }
            // 2022年3月: still 2022; the digits before 年 must not continue a longer number
            if m.start() > 0 && text.as_bytes()[m.start() - 1].is_ascii_digit() {
                continue;
            }
            out.push(YearExpr::at(m, (from, to), role, false));
        }
    }
    if let Some(py) = published_year.filter(|_| zh_year) {
        for c in ZH_RELATIVE.captures_iter(text) {
            let m = c.get(0).unwrap_or_else(|| unreachable!());
            let y = match &c[2] {
                "去年" | "上年" => py - 1,
                "明年" => py + 1,
                _ => py,
            };
            let role = if c.get(1).is_some() || c.get(3).is_some_and(|x| x.as_str() == "同期") {
                Role::Base
            } else if c.get(3).is_some() {
                Role::Since
            } else {
                Role::Point
            };
            out.push(YearExpr::at(m, (y, y), role, false));
        }
    }
    if memchr::memmem::find(text.as_bytes(), "十".as_bytes()).is_some() {
        for c in ZH_PLAN.captures_iter(text) {
            let m = c.get(0).unwrap_or_else(|| unreachable!());
            let n = match &c[1] {
                "一" => 11,
                "二" => 12,
                "三" => 13,
                "四" => 14,
                _ => 15,
            };
            out.push(YearExpr::at(m, plan_years(n), Role::Point, false));
        }
    }
    // the longest expression wins where two overlap ("2016-2020年" read by both patterns)
    out.sort_by_key(|e| (e.start, std::cmp::Reverse(e.end)));
    let mut kept: Vec<YearExpr> = Vec::with_capacity(out.len());
    for e in out {
        if kept.last().is_some_and(|k| e.start < k.end) {
            continue;
        }
        kept.push(e);
    }
    kept
}

fn ends_with_word_ci(head: &str, w: &str) -> bool {
    head.len() >= w.len()
        && head.as_bytes()[head.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
}

/// The years of the `n`th Five-Year Plan (the 10th ran 2001–2005).
fn plan_years(n: i32) -> (i32, i32) {
    let from = 2001 + 5 * (n - 10);
    (from, from + 4)
}

/// Does the text before a year make it the date of an event of the subject itself — founding,
/// approval, upgrade ("established in 1992", "approved in 2001", "since its establishment in",
/// 成立于, 始建于) — rather than the time of a number?
fn is_event(before: &str) -> bool {
    let tail = super::text::tail(before, 60)
        .trim_end()
        .to_ascii_lowercase();
    // the match includes its preposition ("in 2001"), so the verb ends the text before it
    const EN: &[&str] = &[
        "established",
        "founded",
        "built",
        "set up",
        "launched",
        "approved",
        "opened",
        "created",
        "upgraded",
        "designated",
        "named",
        "listed",
        "establishment",
        "founding",
        "inception",
        "approval",
    ];
    const ZH: &[&str] = &[
        "成立于",
        "始建于",
        "设立于",
        "创建于",
        "成立",
        "获批",
        "批准",
        "始建",
        "于",
    ];
    let last_clause = tail
        .rsplit([',', '，', ';', '；', '。'])
        .next()
        .unwrap_or("");
    // "1.2 million jobs were created between 2016 and 2020": the year dates a number of its
    // clause, not an event of the subject
    if last_clause.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    EN.iter().any(|v| {
        tail.ends_with(v)
            && !tail[..tail.len() - v.len()].ends_with(|c: char| c.is_ascii_alphanumeric())
    }) || ZH.iter().any(|v| tail.ends_with(v))
        || last_clause.trim_start().starts_with("since ")
}

/// Is `y` an opening time phrase of the sentence starting at `sentence_start` ("In 2016,",
/// "As of 2016,", "By the end of 2013,", "2022年，", "截至2021年底，")?
pub(crate) fn is_opening(text: &str, sentence_start: usize, y: &YearExpr) -> bool {
    if y.role != Role::Point || y.start < sentence_start {
        return false;
    }
    let lead = text[sentence_start..y.start]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘'));
    let zh_lead = ["", "截至", "截止", "到", "至", "在", "截至到"].contains(&lead);
    let en_prep = {
        let l = text[y.start..y.end].to_ascii_lowercase();
        [
            "in ",
            "by ",
            "as of ",
            "at the end of ",
            "by the end of ",
            "end of ",
            "during ",
            "until ",
            "through ",
        ]
        .iter()
        .any(|p| l.starts_with(p))
    };
    if !(zh_lead || lead.is_empty() && en_prep) {
        return false;
    }
    // the year phrase forms the opening clause: a separator follows shortly
    let after = &text[y.end..];
    let after = after.trim_start_matches(['底', '末', '年', '初', '上', '半', ' ', '月']);
    after.starts_with([',', '，', '、']) || after.chars().take(12).any(|c| c == ',' || c == '，')
}

static EN_RESET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(so far|currently|at present|to date|nowadays|presently|in recent years|over the past|the same period|over a [a-z]+-year period|over the [a-z]+-year period|now)(?-u:\b)|目前|截至目前|迄今|近年来|现阶段|当前|同期")
        .expect("reset regex")
});

static EN_ANNUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(average annual|annual average|annually|per year|each year|every year|a year)(?-u:\b)|年均|每年|平均每年")
        .expect("annual regex")
});

/// Does `s` say "so far", "currently", 目前 …: the time is not the one carried from before?
pub(crate) fn has_reset(s: &str) -> bool {
    EN_RESET.is_match(s)
}

/// Does `s` make a number a yearly average or rate ("average annual", "annually", 年均)?
pub(crate) fn has_annual(s: &str) -> bool {
    // every match holds "year" or "annual" (letters without non-ASCII case variants) or 年:
    // the regex runs only where one of them is
    use crate::entities::text::contains_ci;
    (contains_ci(s, "year") || contains_ci(s, "annual") || (!s.is_ascii() && s.contains('年')))
        && EN_ANNUAL.is_match(s)
}

/// Whether `s` holds "year" (any case) after a space after one of the lower-case ASCII `letters`
/// (any case). The `(?i)` patterns also match `ſ` (U+017F) for `s`: its last byte counts as an
/// `s`. No other letter of these words has a non-ASCII case variant (`k` has the Kelvin sign).
fn year_after(s: &str, letters: &[u8]) -> bool {
    let b = s.as_bytes();
    crate::entities::text::match_indices_ci(s, "year").any(|i| {
        i >= 2
            && b[i - 1] == b' '
            && (letters.contains(&b[i - 2].to_ascii_lowercase())
                || (letters.contains(&b's') && b[i - 2] == 0xBF))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The gated search against the plain `captures_iter`, every group.
    fn en_years_agree(t: &str) {
        let spans = |c: regex::Captures<'_>| -> Vec<Option<(usize, usize)>> {
            c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect()
        };
        let plain: Vec<_> = EN_YEAR.captures_iter(t).map(spans).collect();
        let gated: Vec<_> = en_years(t).map(spans).collect();
        assert_eq!(gated, plain, "{t:?}");
    }

    #[test]
    fn gated_year_search_finds_every_match() {
        for t in [
            "",
            "2016",
            "In 2016, output rose 20 percent.",
            "by the end of May 20, 2016 and in 2011-2015",
            "at the end of the year Sept. 3, 1999 to 2001.",
            "compared with   the year\tDecember 31,\n2019",
            "x2016 _2016 é2016 (2016) 12016 20166 2016x 2016年",
            "in\u{a0}2016 by\u{2003}2017 and ſince 2018, \u{212A} 2019",
            "20 2020 1920 2019 19 20",
            "May 20, 20, 2020 — 2021–2022 through 2023 to 2024",
            "120,000 yuan 2,000 jobs 2000 jobs 200 million 1990s",
            "the 2０２０ year ٢٠ 20٢٠",
            "of of of of of of of of of of of of 2016",
        ] {
            en_years_agree(t);
        }
    }

    proptest! {
        #[test]
        fn gated_year_search_agrees_with_the_regex(
            words in proptest::collection::vec(
                "in|by|as|of|at|the|end|year|since|than|compared|with|May|Sept\\.|Jan|ſince|December|to|and|-|–|[0-9]{1,5},?|19[0-9]{2}|20[0-9]{2}|2０|é|\\(|x|_",
                0..14,
            ),
            seps in proptest::collection::vec("[ \t\n\u{a0}]{0,2}", 14),
        ) {
            let t: String = words.iter().zip(&seps).map(|(w, s)| format!("{w}{s}")).collect();
            en_years_agree(&t);
        }
    }

    proptest! {
        /// `find` skips the Chinese patterns on texts without 年 or 十, the relative English one
        /// on texts without "year", `has_annual` texts without "year", "annual" or 年: no
        /// match of theirs can lack them.
        #[test]
        fn gated_patterns_only_match_with_their_gate_text(
            t in "[0-9年十一二三四五比较与同之相是今本度当去上明期以来至到~ -]{0,24}|(?i)(than |over |the same period |this |last |next |ye|ar|year|annual|ly|average |per |each |every |a |[ \\n.])*|[年均每平 ]{0,8}"
        ) {
            for m in ZH_YEAR.find_iter(&t).chain(ZH_RELATIVE.find_iter(&t)) {
                prop_assert!(m.as_str().contains('年'), "{:?}", m);
            }
            for m in EN_RELATIVE.find_iter(&t) {
                prop_assert!(m.as_str().to_ascii_lowercase().contains("year"), "{:?}", m);
            }
            for m in EN_ANNUAL.find_iter(&t) {
                let l = m.as_str().to_ascii_lowercase();
                prop_assert!(l.contains("year") || l.contains("annual") || l.contains('年'), "{:?}", m);
            }
            for m in ZH_PLAN.find_iter(&t) {
                prop_assert!(m.as_str().contains('十'), "{:?}", m);
            }
        }
    }

    /// The cue tests before `EN_ANNUAL`, `EN_RELATIVE` and `EN_PLAN` pass every text the
    /// regexes match in (`year_after` for "this/last/next year").
    fn gates_agree(t: &str) {
        assert_eq!(has_annual(t), EN_ANNUAL.is_match(t), "{t:?}");
        if EN_RELATIVE.is_match(t) {
            assert!(year_after(t, b"st"), "{t:?}");
        }
        if EN_PLAN.is_match(t) {
            assert!(
                crate::entities::text::contains_ci_at(t, "five-year plan", 2),
                "{t:?}"
            );
        }
    }

    #[test]
    fn year_gates_keep_every_match() {
        for t in [
            "",
            "year",
            "a year",
            "A YEAR",
            "per year",
            "each year,",
            "every Year",
            "annually",
            "Annual average",
            "average annual growth",
            "year-on-year",
            "years",
            "this year",
            "This Year",
            "thiſ year",
            "last year",
            "next year",
            "thisyear",
            "this  year",
            "the 13th Five-Year Plan",
            "the 12TH FIVE-YEAR PLAN (2011-2015)",
            "年均增长",
            "每年",
            "平均每年",
            "\u{212A} year ſ year",
        ] {
            gates_agree(t);
        }
    }

    proptest! {
        #[test]
        fn year_gates_agree_with_the_regexes(
            t in "(?i)(this|last|next|thiſ|per|each|every|a|an|annual|annually|average|year|years|five-year|plan|1[0-6]th|[ \\n.,-]|年|均|每)*"
        ) {
            gates_agree(&t);
        }
    }

    fn years(t: &str) -> Vec<(i32, i32, Role)> {
        find(t, Some(2022))
            .iter()
            .map(|e| (e.from, e.to, e.role))
            .collect()
    }

    #[test]
    fn english_years() {
        assert_eq!(years("In 2016, the park"), vec![(2016, 2016, Role::Point)]);
        assert_eq!(
            years("3.6 times that of 2015"),
            vec![(2015, 2015, Role::Base)]
        );
        assert_eq!(years("during 2011-2015"), vec![(2011, 2015, Role::Point)]);
        assert_eq!(years("by the end of 2013"), vec![(2013, 2013, Role::Point)]);
        assert_eq!(years("since 2015"), vec![(2015, 2015, Role::Since)]);
        assert_eq!(years("this year"), vec![(2022, 2022, Role::Point)]);
        assert_eq!(
            years("during the 13th Five-Year Plan"),
            vec![(2016, 2020, Role::Point)]
        );
        assert_eq!(years("in November 2012"), vec![(2012, 2012, Role::Point)]);
    }

    #[test]
    fn chinese_years() {
        assert_eq!(years("2022年，呼和浩特"), vec![(2022, 2022, Role::Point)]);
        assert_eq!(years("比2015年增长"), vec![(2015, 2015, Role::Base)]);
        assert_eq!(years("当年完成投资"), vec![(2022, 2022, Role::Point)]);
        assert_eq!(years("比上年增长"), vec![(2021, 2021, Role::Base)]);
        assert_eq!(years("“十四五”期间"), vec![(2021, 2025, Role::Point)]);
        assert_eq!(years("2016-2020年"), vec![(2016, 2020, Role::Point)]);
        assert_eq!(years("是2015年的3.6倍"), vec![(2015, 2015, Role::Base)]);
        assert_eq!(
            years("从2001年的1.46万亿元"),
            vec![(2001, 2001, Role::Point)]
        );
    }
}
