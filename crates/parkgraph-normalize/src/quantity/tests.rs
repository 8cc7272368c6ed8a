use super::*;
use proptest::prelude::*;

/// (value, unit, comparator) of every quantity.
fn all(text: &str) -> Vec<(String, Unit, Comparator)> {
    scan(text)
        .iter()
        .map(|q| (q.value_string(), q.unit, q.comparator))
        .collect()
}

/// The only quantity of `text`.
fn one(text: &str) -> (String, Unit, Comparator) {
    let v = all(text);
    assert_eq!(v.len(), 1, "{text:?} → {v:?}");
    v.into_iter().next().unwrap_or_else(|| unreachable!())
}

fn noun(text: &str) -> Option<String> {
    let qs = scan(text);
    assert_eq!(qs.len(), 1, "{text:?} → {qs:?}");
    qs[0].noun.map(|(s, e)| text[s..e].to_string())
}

fn v(s: &str, u: Unit) -> (String, Unit, Comparator) {
    (s.to_string(), u, Comparator::Eq)
}

fn c(s: &str, u: Unit, c: Comparator) -> (String, Unit, Comparator) {
    (s.to_string(), u, c)
}

#[test]
fn english_numbers_scales_and_units() {
    assert_eq!(one("a volume of 28,000 cubic meters"), v("28000", Unit::M3));
    assert_eq!(one("a growth rate of 4.5 percent"), v("4.5", Unit::Percent));
    assert_eq!(one("20.3% of it"), v("20.3", Unit::Percent));
    assert_eq!(one("reached 45 billion yuan"), v("45000000000", Unit::Cny));
    assert_eq!(one("1.1 trillion yuan"), v("1100000000000", Unit::Cny));
    assert_eq!(one("sales of 520 million yuan"), v("520000000", Unit::Cny));
    assert_eq!(one("($85.97 billion)"), v("85970000000", Unit::Usd));
    assert_eq!(one("US$1.2 billion"), v("1200000000", Unit::Usd));
    assert_eq!(one("RMB 5 billion"), v("5000000000", Unit::Cny));
    assert_eq!(one("3 million US dollars"), v("3000000", Unit::Usd));
    assert_eq!(one("18 square kilometers of area"), v("18", Unit::Km2));
    assert_eq!(one("covers 8 sq km"), v("8", Unit::Km2));
    assert_eq!(one("a 5-square-kilometer park"), v("5", Unit::Km2));
    assert_eq!(one("2,000 hectares"), v("2000", Unit::Ha));
    assert_eq!(one("5,000 mu of land"), v("5000", Unit::Mu));
    assert_eq!(one("300,000 square meters"), v("300000", Unit::M2));
    assert_eq!(one("3 million tons of coal"), v("3000000", Unit::T));
    assert_eq!(one("a 100,000-ton project"), v("100000", Unit::T));
    assert_eq!(one("two kilometers away"), v("2", Unit::Km));
    assert_eq!(one("20-minutes by car"), v("20", Unit::Min));
    assert_eq!(one("3.6 times that of 2015"), v("3.6", Unit::Times));
    assert_eq!(one("1.2 billion kWh of power"), v("1200000000", Unit::Kwh));
}

#[test]
fn power_units_are_kilowatts_and_kilovolts_are_flagged() {
    assert_eq!(one("25GW"), v("25000000", Unit::Kw));
    assert_eq!(one("a 300 MW plant"), v("300000", Unit::Kw));
    assert_eq!(one("2 million kW"), v("2000000", Unit::Kw));
    assert_eq!(one("120万千瓦"), v("1200000", Unit::Kw));
    assert_eq!(one("50兆瓦"), v("50000", Unit::Kw));
    let s = scan_with_warnings("a total installed capacity of 5.4 million kilovolts");
    assert_eq!(s.quantities.len(), 1);
    assert_eq!(
        (s.quantities[0].value_string(), s.quantities[0].unit),
        ("5400000".into(), Unit::Kv)
    );
    assert!(s.quantities[0].has(Note::KilovoltMaybeKilowatt));
    assert!(
        s.warnings.iter().any(|w| w.contains("kilowatts")),
        "{:?}",
        s.warnings
    );
    let q = scan("a 110 kilovolt transformer substation");
    assert_eq!((q[0].value_string(), q[0].unit), ("110".into(), Unit::Kv));
    assert!(!q[0].has(Note::KilovoltMaybeKilowatt));
}

#[test]
fn comparators_and_signed_changes() {
    assert_eq!(
        one("more than 40 related projects"),
        c("40", Unit::Count, Comparator::Gt)
    );
    assert_eq!(
        one("over 45 billion yuan"),
        c("45000000000", Unit::Cny, Comparator::Gt)
    );
    assert_eq!(
        one("topped 1.1 trillion yuan"),
        c("1100000000000", Unit::Cny, Comparator::Gt)
    );
    assert_eq!(
        one("exceeding 300 billion yuan"),
        c("300000000000", Unit::Cny, Comparator::Gt)
    );
    assert_eq!(
        one("about 4.5 percent"),
        c("4.5", Unit::Percent, Comparator::Approx)
    );
    assert_eq!(
        one("around 8 percent"),
        c("8", Unit::Percent, Comparator::Approx)
    );
    assert_eq!(
        one("nearly 300 enterprises"),
        c("300", Unit::Count, Comparator::Approx)
    );
    assert_eq!(
        one("less than 5 percent"),
        c("5", Unit::Percent, Comparator::Lt)
    );
    assert_eq!(
        one("3,000-plus enterprises"),
        c("3000", Unit::Count, Comparator::Gt)
    );
    assert_eq!(
        one("50 projects or more"),
        c("50", Unit::Count, Comparator::Gt)
    );
    assert_eq!(one("a decrease of 3.3 percent"), v("-3.3", Unit::Percent));
    assert_eq!(one("down 2.3 percentage points"), v("-2.3", Unit::Pp));
    assert_eq!(
        one("fiscal revenue decreased by 3.3 percent"),
        v("-3.3", Unit::Percent)
    );
    assert_eq!(one("fell to 5 percent"), v("5", Unit::Percent));
    assert_eq!(
        one("up 12.5 percent year-on-year"),
        v("12.5", Unit::Percent)
    );
    assert!(scan("a decrease of 3.3 percent")[0].has(Note::Decrease));
}

#[test]
fn word_numbers_and_counted_nouns() {
    assert_eq!(
        noun("The park has seven sub parks, the"),
        Some("sub parks".into())
    );
    assert_eq!(one("seven sub parks"), v("7", Unit::Count));
    assert_eq!(one("twenty-five companies"), v("25", Unit::Count));
    assert_eq!(one("two hundred enterprises"), v("200", Unit::Count));
    assert_eq!(
        noun("one state-level science and technology business incubator, four"),
        None.or(Some(
            "state-level science and technology business incubator".to_string()
        ))
    );
    assert_eq!(
        noun("170 supporting enterprises, such as Inner Mongolia No 1 machinery"),
        Some("supporting enterprises".into())
    );
    assert_eq!(
        noun("62 manufacturers previously located in nature reserves"),
        Some("manufacturers".into())
    );
    assert_eq!(
        noun("166 enterprises have settled in the park"),
        Some("enterprises".into())
    );
    assert_eq!(
        noun("more than 10,000 5G base stations in total"),
        Some("5G base stations".into())
    );
    assert_eq!(noun("1.2 million tourists"), Some("tourists".into()));
    assert_eq!(
        all("It has 3 national-level and 11 autonomous region-level R&D centers."),
        vec![v("3", Unit::Count), v("11", Unit::Count)]
    );
    assert_eq!(
        all("three national-level and four regional centers"),
        vec![v("3", Unit::Count), v("4", Unit::Count)]
    );
    // "one" as a pronoun, bare word numbers, capitalised names
    assert!(all("one of the top 10 industrial development zones").is_empty());
    assert!(all("on the one hand").is_empty());
    assert!(all("the Three Gorges project").is_empty());
    assert!(all("It has three.").is_empty());
    assert!(all("a one-stop service").is_empty());
    // a singular head counts only after "one"
    assert!(all("5 park").iter().all(|q| q.1 != Unit::Count));
}

#[test]
fn ranks_from_ranking_verbs_only() {
    assert_eq!(one("The park ranks second among"), v("2", Unit::Rank));
    assert_eq!(one("It ranked No. 1 in the region"), v("1", Unit::Rank));
    assert_eq!(one("It ranked 3rd nationwide"), v("3", Unit::Rank));
    assert_eq!(one("位居全国第一"), v("1", Unit::Rank));
    assert_eq!(one("排名全区第3位"), v("3", Unit::Rank));
    assert!(all("the park became the second one in the region").is_empty());
    assert!(all("reached 1.2 million, ranking first in the country")
        .iter()
        .all(|q| q.1 != Unit::Rank));
    assert!(all("the first phase of the project").is_empty());
    assert!(all("第三产业").is_empty());
}

/// Quantities with a unit (bare numbers are left to the caller).
fn typed(text: &str) -> Vec<(String, Unit, Comparator)> {
    all(text)
        .into_iter()
        .filter(|q| q.1 != Unit::Unspecified)
        .collect()
}

#[test]
fn not_quantities() {
    for t in [
        "built in 2003",
        "In 2016, the park",
        "Updated: Dec 11, 2017",
        "2021-06-09 (",
        "on March 29",
        "the 12th Five-Year Plan",
        "the 18th National Congress",
        "Inner Mongolia No 1 machinery Group",
        "alongside the G110 highway",
        "full coverage of the 4G network",
        "“3+5” industries",
        "Tel: 0471-6601234",
        "over 100 years of the CPC",
        "over a five-year period",
        "COVID-19 cases",
        "PM2.5 readings",
        "the 2011-2015 period",
        "a 5-star hotel",
        "Industry 4.0",
        "3D printing",
        "version 1.2.3",
        "at 15:30",
        "3月29日",
        "2022年重点工作",
        "六大产业集群",
        "一体部署产业链",
        "从一棵草到一杯奶",
        "中环五期扩能",
        "“十四五”规划",
        "引进一批新能源总部企业",
        "百万级新能源",
        "标普500指数达到5100点",
        "最低价1525.5元/股",
        "前3批撤回率",
        "几十家企业",
        "3个月内",
        "一是培育",
        "抽水蓄能二期",
        "600519",
        "京公网安备 11010502032503号",
        "1e309",
    ] {
        assert!(typed(t).is_empty(), "{t:?} → {:?}", all(t));
    }
}

#[test]
fn chinese_numbers_units_and_counters() {
    assert_eq!(one("计划实施重点工业项目162个"), v("162", Unit::Count));
    assert_eq!(one("总投资1158亿元"), v("115800000000", Unit::Cny));
    assert_eq!(
        one("当年完成投资250亿元左右"),
        c("25000000000", Unit::Cny, Comparator::Approx)
    );
    assert_eq!(one("建成久泰100万吨煤制乙二醇、"), v("1000000", Unit::T));
    assert_eq!(
        noun("建成久泰100万吨煤制乙二醇、旭阳"),
        Some("煤制乙二醇".into())
    );
    assert_eq!(noun("华耀光电12GW单晶硅片等项目"), Some("单晶硅片".into()));
    assert_eq!(one("规划面积50平方公里"), v("50", Unit::Km2));
    assert_eq!(one("占地1200亩"), v("1200", Unit::Mu));
    assert_eq!(one("新增建设用地30公顷"), v("30", Unit::Ha));
    assert_eq!(one("112.93亿千瓦时"), v("11293000000", Unit::Kwh));
    assert_eq!(one("提高2.3个百分点"), v("2.3", Unit::Pp));
    assert_eq!(one("同比下降3.3%"), v("-3.3", Unit::Percent));
    assert_eq!(one("增长15.2％"), v("15.2", Unit::Percent));
    assert_eq!(
        one("超过890万头"),
        c("8900000", Unit::Count, Comparator::Gt)
    );
    assert_eq!(
        one("入驻企业100余家"),
        c("100", Unit::Count, Comparator::Gt)
    );
    assert_eq!(one("1万多家"), c("10000", Unit::Count, Comparator::Gt));
    assert_eq!(one("涨近8%"), c("8", Unit::Percent, Comparator::Approx));
    assert_eq!(one("不到20%"), c("20", Unit::Percent, Comparator::Lt));
    assert_eq!(
        one("突破20亿元"),
        c("2000000000", Unit::Cny, Comparator::Gt)
    );
    assert_eq!(one("三百万吨"), v("3000000", Unit::T));
    assert_eq!(one("建成两个园区"), v("2", Unit::Count));
    assert_eq!(one("引进十家企业"), v("10", Unit::Count));
    assert_eq!(
        one("超五百亿元"),
        c("50000000000", Unit::Cny, Comparator::Gt)
    );
    assert_eq!(one("增长1.5倍"), v("1.5", Unit::Times));
    assert_eq!(one("5亿美元"), v("500000000", Unit::Usd));
    assert_eq!(one("常住人口30万人"), v("300000", Unit::Count));
    assert_eq!(one("１２０家"), v("120", Unit::Count));
    // one alone is an article
    assert!(all("一家企业").is_empty());
}

#[test]
fn ranges_lists_conversions_and_inherited_units() {
    let r = scan("3-5 billion yuan");
    assert_eq!(
        r.iter().map(|q| q.value_string()).collect::<Vec<_>>(),
        ["3000000000", "5000000000"]
    );
    assert!(r[0].has(Note::RangeLow) && r[1].has(Note::RangeHigh));
    assert!(r.iter().all(|q| q.unit == Unit::Cny));
    assert_eq!(all("1-2个"), vec![v("1", Unit::Count), v("2", Unit::Count)]);
    assert_eq!(
        all("3 to 5 percent"),
        vec![v("3", Unit::Percent), v("5", Unit::Percent)]
    );
    assert_eq!(
        all("reached 7.8, 20.3 and 70.6 percent, respectively"),
        vec![
            v("7.8", Unit::Percent),
            v("20.3", Unit::Percent),
            v("70.6", Unit::Percent)
        ]
    );
    // "32, 3.6 times": not a list
    assert_eq!(
        all("reached 32, 3.6 times that of 2015"),
        vec![v("32", Unit::Unspecified), v("3.6", Unit::Times)]
    );
    let conv = scan("reached 550 billion yuan ($85.97 billion), with");
    assert_eq!(conv.len(), 2);
    assert_eq!(conv[1].conversion_of, Some(0));
    assert_eq!(
        (conv[1].value_string(), conv[1].unit),
        ("85970000000".into(), Unit::Usd)
    );
    let i =
        scan("investment of 67 billion yuan, of which 140 billion has been put into production");
    assert_eq!(
        (i[1].value_string(), i[1].unit),
        ("140000000000".into(), Unit::Cny)
    );
    assert!(i[1].has(Note::UnitInherited));
    // a new sentence does not inherit
    let i = scan("It cost 5 billion yuan. The servers reached 1.2 million.");
    assert_eq!(i[1].unit, Unit::Unspecified);
    assert_eq!(
        all("同比分别下降26%和50%"),
        vec![v("-26", Unit::Percent), v("-50", Unit::Percent)]
    );
    assert_eq!(
        all("分别给A股带来约7100、3150、2500亿元增量资金"),
        vec![
            c("710000000000", Unit::Cny, Comparator::Approx),
            v("315000000000", Unit::Cny),
            v("250000000000", Unit::Cny)
        ]
    );
}

#[test]
fn spans_are_characters_and_bytes() {
    let text = "园区规划面积50平方公里，more than 40 projects";
    let qs = scan(text);
    assert_eq!(qs.len(), 2);
    let chars: Vec<char> = text.chars().collect();
    for q in &qs {
        assert_eq!(
            chars[q.start..q.end].iter().collect::<String>(),
            &text[q.byte_start..q.byte_end]
        );
    }
    assert_eq!(&text[qs[0].byte_start..qs[0].byte_end], "50平方公里");
    assert_eq!(&text[qs[1].byte_start..qs[1].byte_end], "more than 40");
}

#[test]
fn chinese_numerals() {
    let p = |s: &str| parse_zh_numeral(s).map(decimal_string);
    assert_eq!(p("三百").as_deref(), Some("300"));
    assert_eq!(p("两万").as_deref(), Some("20000"));
    assert_eq!(p("十五").as_deref(), Some("15"));
    assert_eq!(p("二十三").as_deref(), Some("23"));
    assert_eq!(p("一百零五").as_deref(), Some("105"));
    assert_eq!(p("三百五").as_deref(), Some("350"));
    assert_eq!(p("一千二百三十四").as_deref(), Some("1234"));
    assert_eq!(p("三亿五千万").as_deref(), Some("350000000"));
    assert_eq!(p("两万亿").as_deref(), Some("2000000000000"));
    assert_eq!(p("二〇二二").as_deref(), Some("2022"));
    assert_eq!(p("十四五"), None);
    assert_eq!(p("三五"), None);
    assert_eq!(p("万"), None);
}

#[test]
fn absurd_input_is_skipped_with_a_warning() {
    let big = "9".repeat(500);
    let s = scan_with_warnings(&format!("{big} yuan"));
    assert!(s.quantities.is_empty());
    assert!(!s.warnings.is_empty());
    let s = scan_with_warnings("999999亿亿元");
    assert_eq!(s.quantities.len(), 1);
    assert_eq!(s.quantities[0].value_string(), "9999990000000000000000");
    let s = scan_with_warnings("999999亿亿亿亿元");
    assert!(s.quantities.is_empty());
    assert!(!s.warnings.is_empty());
    let s = scan_with_warnings("99999999999999999999999999 trillion yuan");
    assert!(s.quantities.is_empty());
    assert!(!s.warnings.is_empty());
    assert!(scan("1e309 percent").is_empty());
    assert!(scan("0.0000000000000000000000000000000001 percent").len() <= 1);
}

#[test]
fn decimal_strings_have_no_exponent_or_trailing_zeros() {
    assert_eq!(
        decimal_string(Decimal::from_str("4.50").unwrap_or_default()),
        "4.5"
    );
    assert_eq!(
        decimal_string(Decimal::from(45_000_000_000i64)),
        "45000000000"
    );
    assert_eq!(
        decimal_string(Decimal::from_str("-0.0").unwrap_or_default()),
        "0"
    );
}

// ------------------------------------------------------------------------------ properties

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const EN_UNITS: &[(&str, Unit, u64)] = &[
    ("yuan", Unit::Cny, 1),
    ("US dollars", Unit::Usd, 1),
    ("square kilometers", Unit::Km2, 1),
    ("sq km", Unit::Km2, 1),
    ("hectares", Unit::Ha, 1),
    ("tons", Unit::T, 1),
    ("cubic meters", Unit::M3, 1),
    ("kilowatts", Unit::Kw, 1),
    ("MW", Unit::Kw, 1_000),
    ("GW", Unit::Kw, 1_000_000),
    ("kWh", Unit::Kwh, 1),
    ("kilometers", Unit::Km, 1),
    ("enterprises", Unit::Count, 1),
];
const EN_SCALES: &[(&str, u64)] = &[
    ("", 1),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];
const ZH_UNITS: &[(&str, Unit, u64)] = &[
    ("元", Unit::Cny, 1),
    ("美元", Unit::Usd, 1),
    ("平方公里", Unit::Km2, 1),
    ("亩", Unit::Mu, 1),
    ("吨", Unit::T, 1),
    ("千瓦", Unit::Kw, 1),
    ("千瓦时", Unit::Kwh, 1),
    ("立方米", Unit::M3, 1),
    ("家", Unit::Count, 1),
    ("个", Unit::Count, 1),
];
const ZH_SCALES: &[(&str, u64)] = &[
    ("", 1),
    ("万", 10_000),
    ("亿", 100_000_000),
    ("万亿", 1_000_000_000_000),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn english_amounts_parse_back(int in 1u64..10_000_000, frac in 0u32..100, dec in any::<bool>(), sep in any::<bool>(),
                                  s in 0..EN_SCALES.len(), u in 0..EN_UNITS.len()) {
        let (scale, sf) = EN_SCALES[s];
        let (unit_word, unit, uf) = EN_UNITS[u];
        let int_s = if sep { group(int) } else { int.to_string() };
        let num = if dec { format!("{int_s}.{frac:02}") } else { int_s };
        let text = if scale.is_empty() { format!("It has {num} {unit_word} now.") } else { format!("It has {num} {scale} {unit_word} now.") };
        let want = Decimal::from_str(&num.replace(',', "")).unwrap_or_default() * Decimal::from(sf) * Decimal::from(uf);
        let qs = scan(&text);
        prop_assert_eq!(qs.len(), 1, "{} → {:?}", text, qs);
        prop_assert_eq!(qs[0].value, want, "{}", text);
        prop_assert_eq!(qs[0].unit, unit, "{}", text);
    }

    #[test]
    fn chinese_amounts_parse_back(int in 1u64..100_000, frac in 0u32..10, dec in any::<bool>(),
                                  s in 0..ZH_SCALES.len(), u in 0..ZH_UNITS.len()) {
        let (scale, sf) = ZH_SCALES[s];
        let (unit_word, unit, uf) = ZH_UNITS[u];
        let num = if dec { format!("{int}.{frac}") } else { int.to_string() };
        let text = format!("园区实现{num}{scale}{unit_word}，");
        let want = Decimal::from_str(&num).unwrap_or_default() * Decimal::from(sf) * Decimal::from(uf);
        let qs = scan(&text);
        prop_assert_eq!(qs.len(), 1, "{} → {:?}", text, qs);
        prop_assert_eq!(qs[0].value, want, "{}", text);
        prop_assert_eq!(qs[0].unit, unit, "{}", text);
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let found = scan_with_warnings(&s);
        for q in &found.quantities {
            prop_assert!(q.byte_start <= q.byte_end && q.byte_end <= s.len());
            prop_assert!(s.is_char_boundary(q.byte_start) && s.is_char_boundary(q.byte_end));
            prop_assert!(q.start <= q.end);
        }
    }

    #[test]
    fn number_soup_never_panics(s in "[0-9０-９,.，。%％ \\-+/:年月日万亿千百十零〇一二三四五六七八九两个家第元吨瓦GWkmKMsqyuanbilliontrlyperc$¥()（）余多约超近逾不到以上左右]{0,60}") {
        let found = scan_with_warnings(&s);
        for q in &found.quantities {
            prop_assert!(s.is_char_boundary(q.byte_start) && s.is_char_boundary(q.byte_end));
            prop_assert!(q.byte_start <= q.byte_end);
            prop_assert_eq!(q.value_string().contains('e') || q.value_string().contains('E'), false);
        }
    }
}

#[test]
fn zh_numeral_start_matches_the_character_list() {
    // `is_zh_numeral_start` replaces a string search per character
    for c in (0..0x3_0000u32).filter_map(char::from_u32) {
        assert_eq!(
            is_zh_numeral_start(c),
            ZH_NUMERAL_START.contains(c),
            "{c:?}"
        );
    }
}

#[test]
fn byte_wise_word_scan_keeps_glue_rules() {
    // a word glued to a letter, digit, hyphen or apostrophe (ASCII or ’) before it is no number
    for t in [
        "x-two companies",
        "it'two companies",
        "it’two companies",
        "5two companies",
        "atwo companies",
        "two5 companies",
    ] {
        assert!(all(t).is_empty(), "{t:?}");
    }
    for t in [
        "“two companies",
        "（two companies",
        "园two companies",
        " two companies",
    ] {
        assert_eq!(all(t), vec![v("2", Unit::Count)], "{t:?}");
    }
    // short words and ones after multi-byte characters
    assert_eq!(all("园区 an ox, 两 no one"), vec![]);
    assert_eq!(all("ｘtwenty-five companies")[0].0, "25");
}

#[test]
fn last_byte_index_keeps_every_candidate_in_table_order() {
    // `tail_match` visits only the buckets of the text's last byte; it must see exactly the
    // patterns the full scan it replaced would test, in the same order
    let tables: [(Vec<&str>, &Vec<Vec<usize>>); 2] = [
        (
            lexicon::PRE_COMPARATORS.iter().map(|(p, _)| *p).collect(),
            &PRE_COMPARATORS_BY_LAST,
        ),
        (lexicon::DECREASE_WORDS.to_vec(), &DECREASE_WORDS_BY_LAST),
    ];
    for (pats, index) in tables {
        for en in 0..=255u8 {
            for zh in [en, 0x80, 0xbf, b'a', b'y'] {
                let got: Vec<usize> = merged(&index[en as usize], &index[zh as usize]).collect();
                let want: Vec<usize> = (0..pats.len())
                    .filter(|&k| {
                        let last = *pats[k].as_bytes().last().unwrap_or(&0);
                        last == en || last == zh
                    })
                    .collect();
                assert_eq!(got, want, "{en} {zh}");
            }
        }
    }
}

#[test]
fn comparators_before_numbers_still_found() {
    assert_eq!(
        all("more than 5 companies, 约3亿元, a decrease of 4 percent"),
        vec![
            c("5", Unit::Count, Comparator::Gt),
            c("300000000", Unit::Cny, Comparator::Approx),
            v("-4", Unit::Percent),
        ]
    );
}

#[test]
fn number_words_start_with_the_gated_letters() {
    // `word` looks words up only when `may_start_number_word` allows their first two letters
    let words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
    ];
    for w in words {
        assert!(
            lexicon::word_number(w).is_some() || lexicon::ordinal_word(w).is_some(),
            "{w}"
        );
        let b = w.as_bytes();
        assert!(may_start_number_word(b[0], b[1]), "{w}");
        let upper = w.to_ascii_uppercase();
        let u = upper.as_bytes();
        assert!(may_start_number_word(u[0], u[1]), "{upper}");
    }
    // every word over the other first letter pairs is no number word
    for first in b'a'..=b'z' {
        for second in (b'a'..=b'z').filter(|&b| !may_start_number_word(first, b)) {
            for w in words {
                let other = format!("{}{}{}", first as char, second as char, &w[2..]);
                assert_eq!(lexicon::word_number(&other), None, "{other}");
                assert_eq!(lexicon::ordinal_word(&other), None, "{other}");
            }
        }
    }
}

#[test]
fn first_byte_test_never_rejects_a_prefix() {
    // `foreign_currency_at` and the post-comparators skip patterns failing it
    let pats = lexicon::FOREIGN_CURRENCIES
        .iter()
        .copied()
        .chain(lexicon::POST_COMPARATORS.iter().map(|(p, _)| *p));
    for p in pats {
        for hay in [
            p.to_string(),
            p.to_uppercase(),
            format!("{p} x"),
            format!("x{p}"),
        ] {
            let full = if p.is_ascii() {
                starts_with_ci(&hay, p)
            } else {
                hay.starts_with(p)
            };
            assert!(!full || first_byte_may_match(&hay, p), "{hay:?} {p:?}");
        }
    }
}

/// `currency_prefix` returns at once unless the text before the number ends in one of
/// `CURRENCY_LAST_BYTES`: every sign and code it knows ends in one.
#[test]
fn currency_gate_bytes_end_every_prefix() {
    let pats = CURRENCY_PREFIXES
        .iter()
        .map(|(p, _)| *p)
        .chain(FOREIGN_PREFIXES.iter().copied())
        .chain(["$"]);
    for p in pats {
        let last = p.as_bytes()[p.len() - 1];
        assert!(CURRENCY_LAST_BYTES.contains(&last), "{p:?}");
    }
    for (t, u) in [
        ("US$5 billion", Unit::Usd),
        ("RMB 5 billion", Unit::Cny),
        ("Rmb 5 billion", Unit::Cny),
        ("CNY 5 billion", Unit::Cny),
        ("USD5 billion", Unit::Usd),
        ("¥5 billion", Unit::Cny),
        ("￥5亿", Unit::Cny),
        ("U.S.$ 5 billion", Unit::Usd),
    ] {
        assert_eq!(all(t).first().map(|q| q.1), Some(u), "{t:?}");
    }
    for t in [
        "€5 billion",
        "£5 billion",
        "HK$5 billion",
        "HKD 5 billion",
        "EUR5 billion",
    ] {
        assert!(all(t).is_empty(), "{t:?}");
    }
}

/// `letters_end` (eight bytes at a time) against the byte loop it replaces, at every offset.
fn letters_end_plain(b: &[u8], i: usize) -> usize {
    i + b[i..]
        .iter()
        .position(|x| !x.is_ascii_alphabetic())
        .unwrap_or(b.len() - i)
}

#[test]
fn letters_end_agrees_with_the_byte_loop() {
    let mut texts: Vec<Vec<u8>> = [
        "",
        "a",
        "abcdefgh",
        "abcdefghi",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "supporting enterprises, 170 of them",
        "@[`{AZaz@[`{ \t\n0123456789-_'’é五",
        "Zz@Aa[a`z{",
        "wordsé",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    // every byte value after and inside a run of letters
    for x in 0..=255u8 {
        texts.push([b"abcdefg".as_slice(), &[x], b"hijklmnopq"].concat());
        texts.push([b"abc".as_slice(), &[x]].concat());
    }
    for t in &texts {
        for i in 0..=t.len() {
            assert_eq!(letters_end(t, i), letters_end_plain(t, i), "{t:?} at {i}");
        }
    }
}

proptest! {
    #[test]
    fn letters_end_agrees_on_any_bytes(t in proptest::collection::vec(any::<u8>(), 0..40)) {
        for i in 0..=t.len() {
            prop_assert_eq!(letters_end(&t, i), letters_end_plain(&t, i));
        }
    }
}

/// The former `decimal_string`: `Decimal`'s `Display` of the normalised value, "-0" read as "0".
fn decimal_string_display(d: Decimal) -> String {
    let s = d.normalize().to_string();
    if s == "-0" {
        "0".to_string()
    } else {
        s
    }
}

#[test]
fn decimal_string_agrees_with_display() {
    let mut ds = vec![
        Decimal::ZERO,
        -Decimal::ZERO,
        Decimal::new(0, 5),
        Decimal::new(-0, 28),
        Decimal::ONE,
        Decimal::NEGATIVE_ONE,
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        Decimal::new(45_000_000_000, 0),
        Decimal::new(4500, 3),
        Decimal::new(-33, 1),
        Decimal::new(100, 2),
        Decimal::new(5, 2),
        Decimal::from_i128_with_scale(u64::MAX as i128, 0),
        Decimal::from_i128_with_scale(u64::MAX as i128 + 1, 3),
        Decimal::from_i128_with_scale(-(u64::MAX as i128) - 7, 10),
    ];
    for scale in 0..=28 {
        for m in [
            1i128,
            7,
            10,
            12_345,
            1_000_000,
            987_654_321_012_345_678_901_234,
        ] {
            ds.push(Decimal::from_i128_with_scale(m, scale));
            ds.push(Decimal::from_i128_with_scale(-m, scale));
        }
    }
    for d in ds {
        assert_eq!(decimal_string(d), decimal_string_display(d), "{d:?}");
    }
}

proptest! {
    #[test]
    fn decimal_string_agrees_on_any_decimal(lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(), neg in any::<bool>(), scale in 0u32..=28) {
        let d = Decimal::from_parts(lo, mid, hi, neg, scale);
        prop_assert_eq!(decimal_string(d), decimal_string_display(d));
    }
}

/// The former `match_unit`: every unit whose first byte fits, in table order, without the test
/// of the second byte.
fn match_unit_plain(s: &Scanner<'_>, i: usize) -> Option<(usize, &'static UnitDef)> {
    let mut j = i;
    let mut hyphen = false;
    if let Some(c) = s.char_at(j) {
        if is_space(c) {
            j += c.len_utf8();
        } else if c == '-' {
            j += 1;
            hyphen = true;
        }
    }
    let rest = &s.t[j..];
    let first = rest.chars().next()?;
    for d in UNITS.iter() {
        if !d.pat.as_bytes()[0].eq_ignore_ascii_case(&rest.as_bytes()[0]) {
            continue;
        }
        if hyphen && !d.word {
            continue;
        }
        if !d.pat.is_ascii() && j != i && !d.pat.starts_with('%') {
            continue;
        }
        let starts = if d.pat.is_ascii() {
            first.is_ascii() && starts_with_ci(rest, d.pat)
        } else {
            rest.starts_with(d.pat)
        };
        if !starts {
            continue;
        }
        let end = j + d.pat.len();
        if d.word
            && s.char_at(end)
                .is_some_and(|c| is_word_char(c) || c == '²' || c == '³')
        {
            continue;
        }
        return Some((end, d));
    }
    None
}

#[test]
fn match_unit_agrees_with_the_plain_loop() {
    let mut texts: Vec<String> = Vec::new();
    for d in UNITS.iter() {
        let up = d.pat.to_ascii_uppercase();
        let mut first_up = d.pat.to_string();
        if first_up.is_char_boundary(1) {
            first_up[..1].make_ascii_uppercase();
        }
        for p in [d.pat.to_string(), up, first_up] {
            for before in ["", " ", "-", "\u{a0}", "  "] {
                for after in ["", " ", "s", "²", "³", ".", "5", "x", "元", "-"] {
                    texts.push(format!("{before}{p}{after}"));
                }
            }
            // a prefix of the pattern only
            let cut = p.char_indices().nth(1).map_or(0, |(k, _)| k);
            texts.push(format!(" {}", &p[..cut]));
        }
    }
    texts.extend(
        [
            "",
            " ",
            "-",
            "k",
            "K",
            " sq",
            " square kilometres",
            " s",
            "万",
            "亿元",
            "％",
            "%",
        ]
        .map(String::from),
    );
    for t in &texts {
        let s = Scanner {
            t,
            out: Vec::new(),
            warnings: Vec::new(),
        };
        let (new, old) = (s.match_unit(0), match_unit_plain(&s, 0));
        assert_eq!(
            new.map(|(e, d)| (e, d.pat)),
            old.map(|(e, d)| (e, d.pat)),
            "{t:?}"
        );
    }
}

proptest! {
    #[test]
    fn match_unit_agrees_on_unit_like_text(t in "[ \\-]?(?i)(k|m|s|g|t|h|c|p|w|v|q|u|y|d|r|f|%|²|万|亿|元|千|平方|公里|吨|米|瓦|[a-z]){0,6}") {
        let s = Scanner { t: &t, out: Vec::new(), warnings: Vec::new() };
        prop_assert_eq!(
            s.match_unit(0).map(|(e, d)| (e, d.pat)),
            match_unit_plain(&s, 0).map(|(e, d)| (e, d.pat))
        );
    }
}

/// `Lower` borrows words without upper-case letters: the same text as the copy it made of every
/// word (lower-cased, truncated to 24 bytes, empty when the cut splits a character).
#[test]
fn lower_agrees_with_the_copy() {
    fn copied(w: &str) -> String {
        let mut buf = [0u8; 24];
        let len = w.len().min(24);
        for (d, s) in buf.iter_mut().zip(w.as_bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..len]).unwrap_or("").to_string()
    }
    for w in [
        "",
        "a",
        "A",
        "twenty",
        "Twenty",
        "TWENTY",
        "enterprises",
        "abcdefghijklmnopqrstuvwx",
        "abcdefghijklmnopqrstuvwxy",
        "ABCDEFGHIJKLMNOPQRSTUVWXY",
        "abcdefghijklmnopqrstuvw五",
        "abcdefghijklmnopqrstuvwé",
        "abcdefghijklmnopqrstuvwxé",
        "ABCDEFGHIJKLMNOPQRSTUVWé",
        "o’clock",
        "R&D",
        "year-on-year",
        "ſ\u{212A}",
    ] {
        assert_eq!(Lower::new(w).as_str(), copied(w), "{w:?}");
    }
}

/// The former `read_digits`, which built its text character by character.
fn read_digits_built(s: &Scanner<'_>, i: usize) -> (usize, String, usize, bool) {
    let mut j = i;
    let mut text = String::new();
    let mut int_digits = 0;
    let mut sep = false;
    let mut point = false;
    loop {
        while let Some(c) = s.char_at(j) {
            if !is_digit(c) {
                break;
            }
            text.push(ascii_digit(c));
            if !point {
                int_digits += 1;
            }
            j += c.len_utf8();
        }
        let c = s.char_at(j);
        if !point && c == Some(',') {
            let k = s.run_end(j + 1, |c| c.is_ascii_digit());
            if k - (j + 1) == 3 {
                sep = true;
                j += 1;
                continue;
            }
        }
        if !point && matches!(c, Some('.') | Some('．')) {
            let dot = c.map(char::len_utf8).unwrap_or(1);
            if s.char_at(j + dot).is_some_and(is_digit) {
                point = true;
                text.push('.');
                j += dot;
                continue;
            }
        }
        break;
    }
    (j, text, int_digits, sep)
}

fn read_digits_agree(t: &str) {
    let s = Scanner {
        t,
        out: Vec::new(),
        warnings: Vec::new(),
    };
    for (i, c) in t.char_indices() {
        if is_digit(c) {
            let (e, text, d, sep) = s.read_digits(i);
            assert_eq!(
                (e, text.into_owned(), d, sep),
                read_digits_built(&s, i),
                "{t:?} at {i}"
            );
        }
    }
}

#[test]
fn read_digits_agrees_with_the_built_text() {
    for t in [
        "28,000 4.5 １２ 1,234.56 1,23 1,2345 12.3.4 ３．５ 3．5 ３.５ 0.5, 7,000,000.25.",
        "1,000,000 1,000.5,000 12,345,678 ０,０００ 5.５ 5,５５５ 9.",
    ] {
        read_digits_agree(t);
    }
}

proptest! {
    #[test]
    fn read_digits_agrees_on_digit_text(t in "[0-9０-９.,．a ]{0,16}") {
        read_digits_agree(&t);
    }
}

/// The ASCII fast paths of `char_at` and `prev_char` against the general slicing and decoding,
/// at every offset (also inside characters and past the end).
#[test]
fn char_lookups_agree_with_slicing() {
    for t in [
        "",
        "a",
        "12 万元 ok",
        "é1€２\u{10348}x ",
        "中文",
        "\u{a0}5\t亿",
    ] {
        let s = Scanner {
            t,
            out: Vec::new(),
            warnings: Vec::new(),
        };
        for i in 0..t.len() + 3 {
            assert_eq!(
                s.char_at(i),
                t.get(i..).and_then(|x| x.chars().next()),
                "{t:?} {i}"
            );
            assert_eq!(
                s.prev_char(i),
                t.get(..i).and_then(|x| x.chars().next_back()),
                "{t:?} {i}"
            );
        }
    }
}

/// The first-byte tables in front of the foreign currency and post-comparator words let through
/// every byte the per-word test passes.
#[test]
fn first_byte_tables_match_the_per_word_test() {
    let lists: [(&[bool; 256], Vec<&str>); 2] = [
        (
            &FOREIGN_CURRENCY_FIRST,
            lexicon::FOREIGN_CURRENCIES.to_vec(),
        ),
        (
            &POST_COMPARATOR_FIRST,
            lexicon::POST_COMPARATORS.iter().map(|(p, _)| *p).collect(),
        ),
    ];
    let mut hays: Vec<String> = vec![String::new()];
    for b in 0u8..=127 {
        hays.push((b as char).to_string());
    }
    for c in [
        "港", "欧", "日", "英", "卢", "韩", "以", "之", "左", "上", "é", "中", "Ｏ",
    ] {
        hays.push(c.to_string());
    }
    for (table, pats) in lists {
        for h in &hays {
            let want = pats.iter().any(|p| first_byte_may_match(h, p));
            assert_eq!(may_start(table, h), want, "{h:?}");
        }
    }
}

/// The `matches!` tests of the character lists against `str::contains` of the lists as they
/// were written, on every char up to U+FFFF and some beyond.
#[test]
fn char_set_tests_match_the_lists() {
    type CharTest = fn(char) -> bool;
    let lists: [(&str, CharTest); 8] = [
        ("零〇一二三四五六七八九十两百千万亿", is_zh_numeral),
        ("〇一二三四五六七八九十两", is_zh_numeral_start),
        (
            "年月日号时秒岁周天届期级版楼层代轮次季点",
            is_zh_not_quantity_after,
        ),
        ("几数上之唯统万一初周第", is_zh_vague_before),
        (
            "，。、；：！？,.;:!?（）()“”\"《》和及与或等的以为是在将从到至并且、\n ",
            is_zh_noun_stop,
        ),
        ("瓦米伏克", is_kilo_unit),
        ("面案式向法针", is_fang_word),
        (
            "个家项座所条台套名人户处种只辆栋间件款位张头",
            lexicon::is_zh_counter,
        ),
    ];
    let chars = (0..0x1_0000u32)
        .chain(0x1_F000..0x2_0100)
        .filter_map(char::from_u32);
    for c in chars {
        for (list, test) in &lists {
            assert_eq!(test(c), list.contains(c), "{c:?} in {list}");
        }
    }
    for (list, test) in [
        (ZH_NUMERALS, is_zh_numeral as CharTest),
        (ZH_NOUN_STOP, is_zh_noun_stop),
        (lexicon::ZH_COUNTERS, lexicon::is_zh_counter),
    ] {
        assert!(list.chars().all(test), "{list}");
    }
}

/// These lists hold no ASCII character: an ASCII character after a number (most) is never a
/// counter or a date word.
#[test]
fn chinese_character_lists_hold_no_ascii() {
    for list in [lexicon::ZH_COUNTERS, ZH_NOT_QUANTITY_AFTER] {
        assert!(list.chars().all(|c| !c.is_ascii()), "{list}");
    }
}

/// The byte classes and hand decoding of `run` against the char-decoding loop they replaced,
/// on texts mixing ASCII, full-width digits, Chinese numerals, 第 and characters of every length.
#[test]
fn run_matches_the_char_decoding_loop() {
    let pieces = [
        "1", "2", "0", "１", "２", "．", ".", ",", "5", "000", " ", "一", "二", "十", "百", "万",
        "亿", "两", "〇", "第", "名", "排名", "个", "家", "年", "元", "万元", "%", "percent",
        " billion", " yuan", "twenty", "-", "five", "one", "the", "ranks", " second", "No", "RMB",
        "$", "é", "€", "😀", "中", "、", "，", "\n", "x", "3rd", "kW", "千瓦", "¥",
    ];
    for t in crate::test_support::Xorshift::texts(0x1234_5678_9abc_def1, 20_000, 16, &pieces) {
        let scanner = || Scanner {
            t: &t,
            out: Vec::new(),
            warnings: Vec::new(),
        };
        let (mut new, mut old) = (scanner(), scanner());
        new.run();
        old.run_reference();
        assert_eq!(new.out, old.out, "{t:?}");
        assert_eq!(new.warnings, old.warnings, "{t:?}");
    }
}

/// `zh_start` against the character tests it stands for, on every three-byte character.
#[test]
fn zh_start_reads_every_three_byte_character_as_the_char_tests() {
    for c in (0x800..=0xffff).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let b = c.encode_utf8(&mut buf).as_bytes();
        let want = if is_fw_digit(c) {
            ZhStart::FwDigit
        } else if c == '第' {
            ZhStart::Ordinal
        } else if is_zh_numeral_start(c) {
            ZhStart::Numeral
        } else {
            ZhStart::Nothing
        };
        assert_eq!(zh_start(b[0], b[1], b[2]), want, "{c:?}");
    }
}

/// `utf8_len` against the standard library on every character.
#[test]
fn hand_utf8_decoding_matches_std() {
    for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
        let mut buf = [0u8; 4];
        let b = c.encode_utf8(&mut buf).as_bytes();
        assert_eq!(utf8_len(b[0]), c.len_utf8(), "{c:?}");
    }
}

/// The running character count of `fill_char_offsets` against the sorted look-up it replaced,
/// on the quantities of random texts (ranges, conversions and noun phrases included).
#[test]
fn char_offsets_match_the_sorted_look_up() {
    let pieces = [
        "1",
        "2",
        "0",
        ",",
        "5",
        ".",
        " ",
        "3-5",
        " billion",
        " yuan",
        " ($",
        ")",
        "（",
        "）",
        "一",
        "十",
        "万",
        "个",
        "家",
        "亿元",
        "%",
        " percent",
        " and ",
        "，",
        "é",
        "😀",
        "中",
        " enterprises",
        " projects",
        "RMB",
        "有",
        "第",
        "排名",
        "\n",
    ];
    for t in crate::test_support::Xorshift::texts(0x6a09_e667_f3bc_c908, 20_000, 16, &pieces) {
        let mut qs = scan(&t);
        let got: Vec<(usize, usize)> = qs.iter().map(|q| (q.start, q.end)).collect();
        fill_char_offsets_sorted(&t, &mut qs);
        let want: Vec<(usize, usize)> = qs.iter().map(|q| (q.start, q.end)).collect();
        assert_eq!(got, want, "{t:?}");
    }
}

/// `np_word_end` against `run_end` with the character test it replaced, at every character of
/// random texts.
#[test]
fn np_word_end_matches_the_char_run() {
    let pieces = [
        "a",
        "Z",
        "1",
        "-",
        "&",
        "'",
        "’",
        "‘",
        "”",
        " ",
        ",",
        "中",
        "é",
        "\u{2019}s",
        "x’y",
        "—",
    ];
    for t in crate::test_support::Xorshift::texts(0x243f_6a88_85a3_08d3, 5_000, 12, &pieces) {
        let s = Scanner {
            t: &t,
            out: Vec::new(),
            warnings: Vec::new(),
        };
        for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
            let want = s.run_end(i, |c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '&' | '\'' | '’')
            });
            assert_eq!(np_word_end(t.as_bytes(), i), want, "{t:?} {i}");
        }
    }
}
