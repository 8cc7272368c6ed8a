//! Word lists and unit tables for the quantity scanner (English and Chinese).

use parkgraph_proto::v1::{Comparator, Unit};

/// A unit as written after a number: the text, the unit it maps to and the factor to base units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitDef {
    /// Lower-case pattern (English words match case-insensitively on word boundaries).
    pub pat: &'static str,
    pub unit: Unit,
    /// Factor to the base unit (GW → 1e6 kW).
    pub factor: u64,
    /// Needs a word boundary after it (English words and abbreviations).
    pub word: bool,
}

const fn u(pat: &'static str, unit: Unit, factor: u64, word: bool) -> UnitDef {
    UnitDef {
        pat,
        unit,
        factor,
        word,
    }
}

/// Units, longest first within each family so that the first match is the longest.
/// English patterns are lower-case; the matcher lower-cases ASCII input.
pub(crate) static UNITS: &[UnitDef] = &[
    // percentages
    u("percentage points", Unit::Pp, 1, true),
    u("percentage point", Unit::Pp, 1, true),
    u("个百分点", Unit::Pp, 1, false),
    u("百分点", Unit::Pp, 1, false),
    u("per cent", Unit::Percent, 1, true),
    u("percent", Unit::Percent, 1, true),
    u("pct", Unit::Percent, 1, true),
    u("%", Unit::Percent, 1, false),
    u("％", Unit::Percent, 1, false),
    // area
    u("square kilometers", Unit::Km2, 1, true),
    u("square kilometres", Unit::Km2, 1, true),
    u("square kilometer", Unit::Km2, 1, true),
    u("square kilometre", Unit::Km2, 1, true),
    u("square km", Unit::Km2, 1, true),
    u("square-kilometers", Unit::Km2, 1, true),
    u("square-kilometres", Unit::Km2, 1, true),
    u("square-kilometer", Unit::Km2, 1, true),
    u("square-kilometre", Unit::Km2, 1, true),
    u("sq-km", Unit::Km2, 1, true),
    u("sq. km", Unit::Km2, 1, true),
    u("sq.km", Unit::Km2, 1, true),
    u("sq km", Unit::Km2, 1, true),
    u("sqkm", Unit::Km2, 1, true),
    u("km2", Unit::Km2, 1, true),
    u("km²", Unit::Km2, 1, false),
    u("平方公里", Unit::Km2, 1, false),
    u("平方千米", Unit::Km2, 1, false),
    u("square meters", Unit::M2, 1, true),
    u("square metres", Unit::M2, 1, true),
    u("square meter", Unit::M2, 1, true),
    u("square metre", Unit::M2, 1, true),
    u("square-meters", Unit::M2, 1, true),
    u("square-metres", Unit::M2, 1, true),
    u("square-meter", Unit::M2, 1, true),
    u("square-metre", Unit::M2, 1, true),
    u("sq. m", Unit::M2, 1, true),
    u("sq m", Unit::M2, 1, true),
    u("sqm", Unit::M2, 1, true),
    u("m2", Unit::M2, 1, true),
    u("m²", Unit::M2, 1, false),
    u("平方米", Unit::M2, 1, false),
    u("平米", Unit::M2, 1, false),
    u("hectares", Unit::Ha, 1, true),
    u("hectare", Unit::Ha, 1, true),
    u("ha", Unit::Ha, 1, true),
    u("公顷", Unit::Ha, 1, false),
    u("mu", Unit::Mu, 1, true),
    u("亩", Unit::Mu, 1, false),
    // energy before power ("kilowatt-hours" before "kilowatt")
    u("kilowatt-hours", Unit::Kwh, 1, true),
    u("kilowatt hours", Unit::Kwh, 1, true),
    u("kilowatt-hour", Unit::Kwh, 1, true),
    u("kilowatt hour", Unit::Kwh, 1, true),
    u("kwh", Unit::Kwh, 1, true),
    u("megawatt-hours", Unit::Kwh, 1_000, true),
    u("megawatt hours", Unit::Kwh, 1_000, true),
    u("mwh", Unit::Kwh, 1_000, true),
    u("gigawatt-hours", Unit::Kwh, 1_000_000, true),
    u("gigawatt hours", Unit::Kwh, 1_000_000, true),
    u("gwh", Unit::Kwh, 1_000_000, true),
    u("terawatt-hours", Unit::Kwh, 1_000_000_000, true),
    u("twh", Unit::Kwh, 1_000_000_000, true),
    u("千瓦时", Unit::Kwh, 1, false),
    u("千瓦·时", Unit::Kwh, 1, false),
    u("kilowatts", Unit::Kw, 1, true),
    u("kilowatt", Unit::Kw, 1, true),
    u("kw", Unit::Kw, 1, true),
    u("megawatts", Unit::Kw, 1_000, true),
    u("megawatt", Unit::Kw, 1_000, true),
    u("mw", Unit::Kw, 1_000, true),
    u("gigawatts", Unit::Kw, 1_000_000, true),
    u("gigawatt", Unit::Kw, 1_000_000, true),
    u("gw", Unit::Kw, 1_000_000, true),
    u("千瓦", Unit::Kw, 1, false),
    u("兆瓦", Unit::Kw, 1_000, false),
    u("吉瓦", Unit::Kw, 1_000_000, false),
    u("kilovolts", Unit::Kv, 1, true),
    u("kilovolt", Unit::Kv, 1, true),
    u("kv", Unit::Kv, 1, true),
    u("千伏", Unit::Kv, 1, false),
    // mass
    u("metric tons", Unit::T, 1, true),
    u("metric tonnes", Unit::T, 1, true),
    u("tonnes", Unit::T, 1, true),
    u("tonne", Unit::T, 1, true),
    u("tons", Unit::T, 1, true),
    u("ton", Unit::T, 1, true),
    u("吨", Unit::T, 1, false),
    // volume
    u("cubic meters", Unit::M3, 1, true),
    u("cubic metres", Unit::M3, 1, true),
    u("cubic meter", Unit::M3, 1, true),
    u("cubic metre", Unit::M3, 1, true),
    u("cubic-meter", Unit::M3, 1, true),
    u("cubic-metre", Unit::M3, 1, true),
    u("m3", Unit::M3, 1, true),
    u("m³", Unit::M3, 1, false),
    u("立方米", Unit::M3, 1, false),
    // length
    u("kilometers", Unit::Km, 1, true),
    u("kilometres", Unit::Km, 1, true),
    u("kilometer", Unit::Km, 1, true),
    u("kilometre", Unit::Km, 1, true),
    u("km", Unit::Km, 1, true),
    u("公里", Unit::Km, 1, false),
    u("千米", Unit::Km, 1, false),
    // time
    u("minutes", Unit::Min, 1, true),
    u("minute", Unit::Min, 1, true),
    u("mins", Unit::Min, 1, true),
    u("min", Unit::Min, 1, true),
    u("分钟", Unit::Min, 1, false),
    // multiples
    u("times", Unit::Times, 1, true),
    u("fold", Unit::Times, 1, true),
    u("倍", Unit::Times, 1, false),
    // money
    u("yuan", Unit::Cny, 1, true),
    u("renminbi", Unit::Cny, 1, true),
    u("rmb", Unit::Cny, 1, true),
    u("元人民币", Unit::Cny, 1, false),
    u("元", Unit::Cny, 1, false),
    u("人民币", Unit::Cny, 1, false),
    u("us dollars", Unit::Usd, 1, true),
    u("u.s. dollars", Unit::Usd, 1, true),
    u("dollars", Unit::Usd, 1, true),
    u("usd", Unit::Usd, 1, true),
    u("美元", Unit::Usd, 1, false),
];

/// Currencies the vocabulary has no unit for: a number followed by one of these is not reported.
pub(crate) static FOREIGN_CURRENCIES: &[&str] = &[
    "港元",
    "港币",
    "欧元",
    "日元",
    "英镑",
    "卢布",
    "韩元",
    "euros",
    "euro",
    "pounds",
    "hk dollars",
    "hong kong dollars",
];

char_set! {
    /// Chinese counters (measure words) that make a number a count.
    ZH_COUNTERS / is_zh_counter = [
        '个', '家', '项', '座', '所', '条', '台', '套', '名', '人', '户', '处', '种', '只', '辆', '栋', '间',
        '件', '款', '位', '张', '头',
    ]
}

/// English scale words.
pub(crate) static EN_SCALES: &[(&str, u64)] = &[
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("bn", 1_000_000_000),
    ("mln", 1_000_000),
    ("mn", 1_000_000),
];

/// English number words (each starts with a letter pair `may_start_number_word` passes).
pub(crate) fn word_number(w: &str) -> Option<u64> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// English ordinal words (each starts with a letter pair `may_start_number_word` passes).
pub(crate) fn ordinal_word(w: &str) -> Option<u64> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// Comparators written before a number (English lower-case, Chinese as is), longest first.
pub(crate) static PRE_COMPARATORS: &[(&str, Comparator)] = &[
    ("in excess of", Comparator::Gt),
    ("upwards of", Comparator::Gt),
    ("no less than", Comparator::Gt),
    ("not less than", Comparator::Gt),
    ("more than", Comparator::Gt),
    ("at least", Comparator::Gt),
    ("exceeding", Comparator::Gt),
    ("exceeded", Comparator::Gt),
    ("exceeds", Comparator::Gt),
    ("exceed", Comparator::Gt),
    ("surpassed", Comparator::Gt),
    ("surpassing", Comparator::Gt),
    ("topped", Comparator::Gt),
    ("topping", Comparator::Gt),
    ("tops", Comparator::Gt),
    ("above", Comparator::Gt),
    ("over", Comparator::Gt),
    ("approximately", Comparator::Approx),
    ("close to", Comparator::Approx),
    ("nearly", Comparator::Approx),
    ("almost", Comparator::Approx),
    ("around", Comparator::Approx),
    ("roughly", Comparator::Approx),
    ("about", Comparator::Approx),
    ("some", Comparator::Approx),
    ("fewer than", Comparator::Lt),
    ("less than", Comparator::Lt),
    ("below", Comparator::Lt),
    ("under", Comparator::Lt),
    ("超过", Comparator::Gt),
    ("超出", Comparator::Gt),
    ("突破", Comparator::Gt),
    ("多于", Comparator::Gt),
    ("高于", Comparator::Gt),
    ("大于", Comparator::Gt),
    ("逾", Comparator::Gt),
    ("超", Comparator::Gt),
    ("将近", Comparator::Approx),
    ("接近", Comparator::Approx),
    ("大约", Comparator::Approx),
    ("约为", Comparator::Approx),
    ("约", Comparator::Approx),
    ("近", Comparator::Approx),
    ("不到", Comparator::Lt),
    ("不足", Comparator::Lt),
    ("少于", Comparator::Lt),
    ("低于", Comparator::Lt),
    ("小于", Comparator::Lt),
];

/// Comparators written after a number and its unit.
pub(crate) static POST_COMPARATORS: &[(&str, Comparator)] = &[
    ("or more", Comparator::Gt),
    ("or above", Comparator::Gt),
    ("以上", Comparator::Gt),
    ("之上", Comparator::Gt),
    ("之下", Comparator::Lt),
    ("左右", Comparator::Approx),
    ("上下", Comparator::Approx),
    ("以下", Comparator::Lt),
    ("以内", Comparator::Lt),
];

/// Words before a number (after any comparator) that make it a decrease: the value is negated.
pub(crate) static DECREASE_WORDS: &[&str] = &[
    "a decrease of",
    "a decline of",
    "a drop of",
    "a fall of",
    "a reduction of",
    "decrease of",
    "decline of",
    "drop of",
    "fall of",
    "reduction of",
    "decreased by",
    "declined by",
    "dropped by",
    "fell by",
    "reduced by",
    "shrank by",
    "cut by",
    "lower by",
    "decreased",
    "declined",
    "dropped",
    "fell",
    "shrank",
    "down",
    "下降达",
    "降低达",
    "减少达",
    "下降了",
    "下降",
    "降低了",
    "降低",
    "减少了",
    "减少",
    "下滑",
    "回落",
    "缩减",
    "缩小",
    "下跌",
    "收跌",
    "跌",
    "减",
    "降",
];

/// Words after a number that make it a duration or a date, not a quantity.
pub(crate) fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "year"
            | "years"
            | "month"
            | "months"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "hour"
            | "hours"
            | "second"
            | "seconds"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "am"
            | "pm"
            | "a.m"
            | "p.m"
            | "o'clock"
            | "consecutive"
            | "straight"
    )
}

/// Month names and abbreviations (a number next to one is a date).
pub(crate) fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Words right before a number that make it part of a name or a label ("No 1", "Top 10", "Line 2").
pub(crate) fn is_name_prefix(w: &str) -> bool {
    matches!(
        w,
        "no" | "nos"
            | "number"
            | "top"
            | "fortune"
            | "global"
            | "phase"
            | "line"
            | "route"
            | "article"
            | "chapter"
            | "section"
            | "grade"
            | "class"
            | "type"
            | "model"
            | "version"
            | "room"
            | "building"
            | "gate"
            | "terminal"
            | "exit"
            | "level"
            | "industry"
            | "tier"
            | "stage"
            | "batch"
            | "group"
            | "team"
            | "zone"
            | "block"
            | "plot"
            | "highway"
            | "expressway"
            | "road"
            | "street"
            | "platform"
            | "hall"
            | "page"
            | "item"
            | "rule"
            | "covid"
    )
}

/// Words that end an English counted noun phrase ("170 supporting enterprises, such as …").
pub(crate) fn is_np_stop(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "but"
            | "nor"
            | "in"
            | "of"
            | "on"
            | "at"
            | "for"
            | "with"
            | "from"
            | "to"
            | "by"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "across"
            | "along"
            | "alongside"
            | "among"
            | "amid"
            | "around"
            | "about"
            | "through"
            | "throughout"
            | "during"
            | "within"
            | "without"
            | "per"
            | "via"
            | "including"
            | "includes"
            | "include"
            | "such"
            | "as"
            | "like"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "where"
            | "when"
            | "while"
            | "whereas"
            | "have"
            | "has"
            | "had"
            | "having"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "do"
            | "does"
            | "did"
            | "each"
            | "every"
            | "all"
            | "both"
            | "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "this"
            | "these"
            | "those"
            | "it"
            | "they"
            | "them"
            | "there"
            | "here"
            | "more"
            | "most"
            | "less"
            | "least"
            | "other"
            | "another"
            | "respectively"
            | "previously"
            | "currently"
            | "already"
            | "mainly"
            | "mostly"
            | "annually"
            | "jointly"
            | "directly"
            | "totally"
            | "approximately"
            | "nearly"
            | "roughly"
            | "recently"
            | "gradually"
            | "successively"
            | "successfully"
            | "basically"
            | "effectively"
            | "together"
            | "now"
            | "also"
            | "still"
            | "then"
            | "so"
            | "far"
            | "just"
            | "only"
            | "altogether"
            | "located"
            | "settled"
            | "involved"
            | "covering"
            | "employing"
            | "producing"
            | "worth"
            | "valued"
            | "totaling"
            | "totalling"
            | "reached"
            | "reaching"
            | "ranking"
            | "ranked"
            | "ranks"
            | "year-on-year"
    )
}

/// Plural heads that do not end in -s.
pub(crate) fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "staff"
            | "personnel"
            | "children"
            | "mu"
            | "sheep"
            | "cattle"
            | "livestock"
            | "poultry"
            | "equipment"
            | "data"
            | "media"
            | "aircraft"
            | "fish"
            | "deer"
            | "police"
            | "yuan"
            | "households"
    )
}
