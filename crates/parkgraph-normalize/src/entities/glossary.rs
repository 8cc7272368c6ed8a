//! A small Chinese → English glossary of industry and cluster terms, used to give clusters (and
//! Chinese-only park names) an English name. Translation is greedy longest-match; a name with any
//! word the glossary does not know gets no English name rather than a wrong one.

use std::borrow::Cow;

/// Terms, most specific first where one is a prefix of another (the matcher takes the longest).
const TERMS: &[(&str, &str)] = &[
    (
        "绿色农畜产品加工",
        "green agricultural and livestock product processing",
    ),
    (
        "农畜产品精深加工",
        "agricultural and livestock product deep processing",
    ),
    (
        "农畜产品加工",
        "agricultural and livestock product processing",
    ),
    ("农畜产品", "agricultural and livestock products"),
    ("农产品加工", "agricultural product processing"),
    ("战略性新兴产业", "strategic emerging industries"),
    ("新一代信息技术", "new-generation information technology"),
    ("先进制造业", "advanced manufacturing"),
    ("现代装备制造", "modern equipment manufacturing"),
    ("高端装备制造", "high-end equipment manufacturing"),
    ("新能源装备制造", "new energy equipment manufacturing"),
    ("装备制造业", "equipment manufacturing"),
    ("装备制造", "equipment manufacturing"),
    ("现代煤化工", "modern coal chemical industry"),
    ("现代化工", "modern chemical industry"),
    ("精细化工", "fine chemical industry"),
    ("煤化工", "coal chemical industry"),
    ("盐化工", "salt chemical industry"),
    ("氟化工", "fluorine chemical industry"),
    ("化工", "chemical industry"),
    ("生物医药", "biomedicine"),
    ("生物制药", "biopharmaceuticals"),
    ("生物制造", "biomanufacturing"),
    ("生物疫苗", "biological vaccines"),
    ("生物科技", "biotechnology"),
    ("蒙中医药", "Mongolian and traditional Chinese medicine"),
    ("中蒙医药", "Mongolian and traditional Chinese medicine"),
    ("医药", "pharmaceuticals"),
    ("电子信息", "electronic information"),
    ("信息技术", "information technology"),
    ("数字经济", "digital economy"),
    ("大数据", "big data"),
    ("云计算", "cloud computing"),
    ("数据中心", "data centers"),
    ("人工智能", "artificial intelligence"),
    ("清洁能源", "clean energy"),
    ("新能源", "new energy"),
    ("可再生能源", "renewable energy"),
    ("绿色电力", "green power"),
    ("光伏", "photovoltaics"),
    ("风电", "wind power"),
    ("氢能", "hydrogen energy"),
    ("储能", "energy storage"),
    ("现代能源", "modern energy"),
    ("能源", "energy"),
    ("电力", "power"),
    ("煤炭", "coal"),
    ("新材料", "new materials"),
    ("先进硅材料", "advanced silicon materials"),
    ("硅材料", "silicon materials"),
    ("稀土新材料", "rare earth new materials"),
    ("稀土", "rare earth"),
    ("有色金属", "non-ferrous metals"),
    ("金属深加工", "metal deep processing"),
    ("冶金", "metallurgy"),
    ("钢铁", "steel"),
    ("铝业", "aluminum industry"),
    ("铝", "aluminum"),
    ("建材", "building materials"),
    ("乳业", "dairy"),
    ("乳制品", "dairy products"),
    ("草种业", "grass seed industry"),
    ("种业", "seed industry"),
    ("食品加工", "food processing"),
    ("食品", "food"),
    ("绒纺", "cashmere textiles"),
    ("纺织", "textiles"),
    ("节能环保", "energy saving and environmental protection"),
    ("节能低碳", "energy saving and low carbon"),
    ("现代服务业", "modern service industry"),
    ("现代物流", "modern logistics"),
    ("物流", "logistics"),
    ("文化旅游", "cultural tourism"),
    ("现代农牧业", "modern agriculture and animal husbandry"),
    ("智能技术", "intelligent technology"),
    ("循环经济", "circular economy"),
    ("制造业", "manufacturing"),
    ("制造", "manufacturing"),
    ("装备", "equipment"),
    ("技术", "technology"),
    ("产业", "industry"),
    ("现代", "modern"),
    ("绿色", "green"),
    ("高端", "high-end"),
    ("先进", "advanced"),
    ("智能", "intelligent"),
    ("新型", "new-type"),
    ("生物", "bio"),
    ("信息", "information"),
];

const JOINERS: &[(&str, &str)] = &[
    ("和", " and "),
    ("与", " and "),
    ("及", " and "),
    ("、", ", "),
];

/// English for a Chinese industry phrase, or `None` when a word is unknown.
pub fn translate(zh: &str) -> Option<String> {
    // names rarely hold whitespace: no copy then
    let text: Cow<'_, str> = if zh.contains(char::is_whitespace) {
        Cow::Owned(zh.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(zh)
    };
    if text.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut rest: &str = &text;
    while !rest.is_empty() {
        match longest_at(rest) {
            Some((len, Piece::Term(en))) => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(en);
                rest = &rest[len..];
            }
            Some((len, Piece::Joiner(en))) => {
                // in place: a new string per joiner before
                out.truncate(out.trim_end().len());
                out.push_str(en);
                rest = &rest[len..];
            }
            None => return None,
        }
    }
    // the phrase is usually trimmed already: no copy then
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        return Some(out);
    }
    Some(trimmed.to_string())
}

/// What a piece of a phrase is.
enum Piece {
    Term(&'static str),
    Joiner(&'static str),
}

/// The longest term or joiner `s` starts with, with its byte length: the piece the matcher
/// (longest piece first, terms before joiners, the first entry of equal pieces) takes. Pieces
/// that both start `s` are prefixes of one another, so the longer in bytes is the longer in
/// characters. Only the entries that start with the first character of `s` are tried, in table
/// order ([`BY_FIRST`]): the entries are Chinese, and one first byte is shared by most of them.
fn longest_at(s: &str) -> Option<(usize, Piece)> {
    let b = s.as_bytes();
    let first = s.chars().next()?;
    let (terms, joiners) = &BY_FIRST[bucket(first)];
    let mut best: Option<(usize, &'static str)> = None;
    for &k in terms {
        let (z, en) = TERMS[usize::from(k)];
        if z.len() > best.map_or(0, |(l, _)| l) && b.starts_with(z.as_bytes()) {
            best = Some((z.len(), en));
        }
    }
    let term = best.map(|(l, en)| (l, Piece::Term(en)));
    let mut joiner: Option<(usize, &'static str)> = None;
    for &k in joiners {
        let (z, en) = JOINERS[usize::from(k)];
        // a joiner is taken only where no term is as long
        if z.len() > best.map_or(0, |(l, _)| l).max(joiner.map_or(0, |(l, _)| l))
            && b.starts_with(z.as_bytes())
        {
            joiner = Some((z.len(), en));
        }
    }
    match joiner {
        Some((l, en)) => Some((l, Piece::Joiner(en))),
        None => term,
    }
}

/// Buckets of [`BY_FIRST`]: by the low bits of an entry's first character (within a bucket its
/// entries are compared whole).
const BUCKETS: usize = 1024;

fn bucket(c: char) -> usize {
    c as usize % BUCKETS
}

/// Per bucket, the indices of the [`TERMS`] and [`JOINERS`] whose first character falls in it,
/// in table order (ties go to the earlier entry).
static BY_FIRST: std::sync::LazyLock<Vec<(Vec<u16>, Vec<u16>)>> = std::sync::LazyLock::new(|| {
    let mut by = vec![(Vec::new(), Vec::new()); BUCKETS];
    let first = |z: &str| bucket(z.chars().next().expect("entries are not empty"));
    for (k, (z, _)) in TERMS.iter().enumerate() {
        by[first(z)].0.push(u16::try_from(k).expect("few entries"));
    }
    for (k, (z, _)) in JOINERS.iter().enumerate() {
        by[first(z)].1.push(u16::try_from(k).expect("few entries"));
    }
    by
});

/// The most characters of a term or joiner (checked by a test).
#[cfg(test)]
const MAX_CHARS: usize = 8;

/// The original matcher, collecting every piece tried into a string, kept to pin `translate`.
#[cfg(test)]
fn translate_plain(zh: &str) -> Option<String> {
    let chars: Vec<char> = zh.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() {
        return None;
    }
    let mut out = String::new();
    let mut i = 0;
    'outer: while i < chars.len() {
        for len in (1..=chars.len() - i).rev() {
            let piece: String = chars[i..i + len].iter().collect();
            if let Some((_, en)) = TERMS.iter().find(|(z, _)| *z == piece) {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(en);
                i += len;
                continue 'outer;
            }
            if let Some((_, en)) = JOINERS.iter().find(|(z, _)| *z == piece) {
                out = out.trim_end().to_string();
                out.push_str(en);
                i += len;
                continue 'outer;
            }
        }
        return None;
    }
    Some(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_term_is_longer_than_the_bound() {
        let longest = TERMS
            .iter()
            .chain(JOINERS)
            .map(|(z, _)| z.chars().count())
            .max();
        assert_eq!(longest, Some(MAX_CHARS));
    }

    #[test]
    fn translate_agrees_with_the_plain_matcher() {
        let mut texts: Vec<String> = TERMS
            .iter()
            .chain(JOINERS)
            .map(|(z, _)| z.to_string())
            .collect();
        for (a, _) in TERMS.iter().step_by(3) {
            for (b, _) in TERMS.iter().step_by(4) {
                texts.push(format!("{a}{b}"));
                texts.push(format!("{a}和 {b}"));
                texts.push(format!("{a}、{b}未知"));
            }
        }
        texts.extend(
            [
                "",
                " ",
                "未知",
                "x",
                "绿色 农畜产品加工",
                "新材料和现代装备制造产业",
            ]
            .map(String::from),
        );
        for t in &texts {
            assert_eq!(translate(t), translate_plain(t), "{t:?}");
        }
    }

    #[test]
    fn translate_agrees_with_the_plain_matcher_on_random_phrases() {
        // whole entries, their first and last characters (pieces of longer terms), spaces
        let mut pieces: Vec<String> = Vec::new();
        for (z, _) in TERMS.iter().chain(JOINERS) {
            pieces.push(z.to_string());
            pieces.extend(z.chars().next().map(String::from));
            pieces.extend(z.chars().last().map(String::from));
        }
        pieces.extend([" ", "未", "x"].map(String::from));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        for t in crate::test_support::Xorshift::texts(0x2f69_3a4c_91d7_e0b3, 20000, 6, &pieces) {
            assert_eq!(translate(&t), translate_plain(&t), "{t:?}");
        }
    }

    #[test]
    fn translates_cluster_names() {
        assert_eq!(
            translate("绿色农畜产品加工").as_deref(),
            Some("green agricultural and livestock product processing")
        );
        assert_eq!(
            translate("新材料和现代装备制造").as_deref(),
            Some("new materials and modern equipment manufacturing")
        );
        assert_eq!(translate("生物医药").as_deref(), Some("biomedicine"));
        assert_eq!(
            translate("电子信息技术").as_deref(),
            Some("electronic information technology")
        );
        assert_eq!(translate("清洁能源").as_deref(), Some("clean energy"));
        assert_eq!(
            translate("现代化工").as_deref(),
            Some("modern chemical industry")
        );
        assert_eq!(
            translate("稀土新材料").as_deref(),
            Some("rare earth new materials")
        );
        assert_eq!(
            translate("新能源、新材料").as_deref(),
            Some("new energy, new materials")
        );
        assert_eq!(translate("敕勒川乳业"), None);
    }
}
