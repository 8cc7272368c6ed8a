use super::*;
use chrono::{FixedOffset, TimeZone};
use parkgraph_proto::v1::{Comparator, Park};

use crate::entities::Place;

/// (value, unit, metric, comparator, period, subject name)
type Row = (String, Unit, Metric, Comparator, Option<(i32, i32)>, String);

fn stats(title: &str, body: &str, ctx: &Context) -> Vec<Statistic> {
    let doc = ParsedDocument {
        title: title.into(),
        body: body.into(),
        published: FixedOffset::east_opt(8 * 3600)
            .and_then(|tz| tz.with_ymd_and_hms(2022, 3, 29, 15, 49, 30).single()),
        ..Default::default()
    };
    let document = Document {
        id: "0123456789abcdef0123456789abcdef".into(),
        name: "documents/0123456789abcdef0123456789abcdef".into(),
        body: body.into(),
        ..Default::default()
    };
    extract(&doc, &document, ctx)
}

fn rows(title: &str, body: &str, ctx: &Context) -> Vec<Row> {
    stats(title, body, ctx)
        .into_iter()
        .map(|s| {
            (
                s.value.map(|v| v.value).unwrap_or_default(),
                Unit::try_from(s.unit).unwrap_or_default(),
                Metric::try_from(s.metric).unwrap_or_default(),
                Comparator::try_from(s.comparator).unwrap_or_default(),
                s.period.map(|p| (p.start_year, p.end_year)),
                s.subject.map(|s| s.name).unwrap_or_default(),
            )
        })
        .collect()
}

fn run(title: &str, body: &str) -> Vec<Row> {
    rows(title, body, &Context::default())
}

fn labels(title: &str, body: &str) -> Vec<String> {
    stats(title, body, &Context::default())
        .into_iter()
        .map(|s| s.label)
        .collect()
}

fn row(v: &str, u: Unit, m: Metric, c: Comparator, p: Option<i32>, s: &str) -> Row {
    (v.into(), u, m, c, p.map(|y| (y, y)), s.into())
}

use Comparator::{Approx, Eq, Gt};
use Metric as M;
use Unit as U;

const ZONE: &str = "Baotou Rare Earth Hi-Tech Industrial Development Zone";

#[test]
fn english_park_page() {
    let body = "The zone's gross industrial output value reached 32.6 billion yuan in 2019, up 12.5 percent \
                year-on-year. It covers an area of 2,258 square kilometers, including a built-up area of 68 sq km.\n\n\
                By the end of 2020, more than 3,000 enterprises had settled in the zone, including 118 rare earth \
                companies, employing some 52,000 people.";
    assert_eq!(
        run(ZONE, body),
        vec![
            row(
                "32600000000",
                U::Cny,
                M::IndustrialOutputValue,
                Eq,
                Some(2019),
                ZONE
            ),
            row("12.5", U::Percent, M::GrowthRate, Eq, Some(2019), ZONE),
            row("2258", U::Km2, M::AreaTotal, Eq, None, ZONE),
            row("68", U::Km2, M::AreaBuilt, Eq, None, ZONE),
            row("3000", U::Count, M::EnterpriseCount, Gt, Some(2020), ZONE),
            row("118", U::Count, M::EnterpriseCount, Eq, Some(2020), ZONE),
            row("52000", U::Count, M::Employment, Approx, Some(2020), ZONE),
        ]
    );
    let l = labels(ZONE, body);
    assert_eq!(l[0], "gross industrial output value");
    assert_eq!(l[1], "gross industrial output value growth");
    assert_eq!(l[5], "rare earth companies");
}

#[test]
fn english_changes_founding_years_and_this_year() {
    let t = "Hohhot Economic and Technological Development Zone";
    let body = "Established in 1992, the zone was upgraded to a national-level development zone in 2000. It has a \
                planned area of 118 square kilometers. In 2018, its industrial added value rose 8.3 percent to 28.5 \
                billion yuan, while fiscal revenue decreased by 3.3 percent. The zone has signed 56 projects with a \
                total investment of 62.4 billion yuan this year.";
    assert_eq!(
        run(t, body),
        vec![
            row("118", U::Km2, M::AreaPlanned, Eq, None, t),
            row("8.3", U::Percent, M::GrowthRate, Eq, Some(2018), t),
            row(
                "28500000000",
                U::Cny,
                M::IndustrialAddedValue,
                Eq,
                Some(2018),
                t
            ),
            row("-3.3", U::Percent, M::GrowthRate, Eq, Some(2018), t),
            row("56", U::Count, M::ProjectCount, Eq, None, t),
            row("62400000000", U::Cny, M::InvestmentTotal, Eq, Some(2022), t),
        ]
    );
    assert_eq!(labels(t, body)[3], "fiscal revenue growth");
}

#[test]
fn english_region_page_with_city_and_shares() {
    let t = "Inner Mongolia sees new energy boom";
    let body = "Inner Mongolia's installed new energy capacity exceeded 55 million kW by the end of 2021, accounting \
                for about 35.6 percent of its total installed capacity. Ordos' GDP reached 441.7 billion yuan in 2021. \
                The region's unemployment rate fell 0.2 percentage points. Some 1.2 million jobs were created between \
                2016 and 2020.";
    let r = run(t, body);
    assert_eq!(
        r,
        vec![
            row(
                "55000000",
                U::Kw,
                M::InstalledCapacity,
                Gt,
                Some(2021),
                "Inner Mongolia"
            ),
            row(
                "35.6",
                U::Percent,
                M::Share,
                Approx,
                Some(2021),
                "Inner Mongolia"
            ),
            row("441700000000", U::Cny, M::Gdp, Eq, Some(2021), "Ordos"),
            row("-0.2", U::Pp, M::GrowthRate, Eq, None, "Inner Mongolia"),
            (
                "1200000".into(),
                U::Count,
                M::Employment,
                Approx,
                Some((2016, 2020)),
                "Inner Mongolia".into()
            ),
        ]
    );
    let s = stats(t, body, &Context::default());
    let sub = s[2].subject.clone().unwrap_or_default();
    assert_eq!(
        (sub.kind, sub.id.as_str()),
        (SubjectKind::City as i32, "150600")
    );
    assert_eq!(
        s[0].subject.clone().unwrap_or_default().kind,
        SubjectKind::Region as i32
    );
}

#[test]
fn chinese_park_page() {
    let t = "呼和浩特经济技术开发区";
    let body = "园区规划面积50平方公里，已入驻企业120家，2021年实现工业总产值350亿元，同比增长15.2%。其中规模以上工业企业86家，\
                高新技术企业32家。园区固定资产投资完成45.6亿元，同比下降3.3%，税收收入突破20亿元。";
    assert_eq!(
        run(t, body),
        vec![
            row("50", U::Km2, M::AreaPlanned, Eq, None, t),
            row("120", U::Count, M::EnterpriseCount, Eq, None, t),
            row(
                "35000000000",
                U::Cny,
                M::IndustrialOutputValue,
                Eq,
                Some(2021),
                t
            ),
            row("15.2", U::Percent, M::GrowthRate, Eq, Some(2021), t),
            row("86", U::Count, M::EnterpriseCount, Eq, None, t),
            row("32", U::Count, M::EnterpriseCount, Eq, None, t),
            row("4560000000", U::Cny, M::FixedAssetInvestment, Eq, None, t),
            row("-3.3", U::Percent, M::GrowthRate, Eq, None, t),
            row("2000000000", U::Cny, M::TaxRevenue, Gt, None, t),
        ]
    );
    assert_eq!(labels(t, body)[4], "规模以上工业企业");
}

#[test]
fn chinese_city_page_with_opening_year_and_this_year() {
    let t = "包头：稀土产业加速发展";
    let body = "2021年，包头市稀土产业实现产值405亿元，较上年增长63.4%。全市共有稀土企业127家，稀土功能材料产能达到28万吨，\
                占全国的比重超过30%。\n\n今年计划实施重点项目200个，总投资约1200亿元，其中新开工项目102个。";
    assert_eq!(
        run(t, body),
        vec![
            row(
                "40500000000",
                U::Cny,
                M::IndustrialOutputValue,
                Eq,
                Some(2021),
                "Baotou"
            ),
            row("63.4", U::Percent, M::GrowthRate, Eq, Some(2021), "Baotou"),
            row(
                "127",
                U::Count,
                M::EnterpriseCount,
                Eq,
                Some(2021),
                "Baotou"
            ),
            row(
                "280000",
                U::T,
                M::ProductionCapacity,
                Eq,
                Some(2021),
                "Baotou"
            ),
            row("30", U::Percent, M::Share, Gt, Some(2021), "Baotou"),
            row("200", U::Count, M::ProjectCount, Eq, Some(2022), "Baotou"),
            row(
                "120000000000",
                U::Cny,
                M::InvestmentTotal,
                Approx,
                Some(2022),
                "Baotou"
            ),
            row("102", U::Count, M::ProjectCount, Eq, Some(2022), "Baotou"),
        ]
    );
}

#[test]
fn capacities_in_project_names_and_power_plants() {
    let t = "呼和浩特：做强六大产业集群";
    let body = "建成投产中环五期扩能、25GW智能化切片、华耀光电12GW单晶硅片等项目。建成久泰100万吨煤制乙二醇、旭阳中燃300万吨焦化及制氢综合利用项目。\
                新建装机容量120万千瓦的风电项目。";
    let s = stats(t, body, &Context::default());
    let got: Vec<(String, Metric, String)> = s
        .iter()
        .map(|s| {
            (
                s.value.clone().unwrap_or_default().value,
                Metric::try_from(s.metric).unwrap_or_default(),
                s.label.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "25000000".into(),
                M::ProductionCapacity,
                "智能化切片".into()
            ),
            ("12000000".into(), M::ProductionCapacity, "单晶硅片".into()),
            ("1000000".into(), M::ProductionCapacity, "煤制乙二醇".into()),
            ("3000000".into(), M::ProductionCapacity, "焦化".into()),
            ("1200000".into(), M::InstalledCapacity, "装机容量".into()),
        ]
    );
    assert!(s.iter().all(|s| s
        .subject
        .as_ref()
        .is_some_and(|x| x.name == "Hohhot" && x.kind == SubjectKind::City as i32)));
}

#[test]
fn respectively_lists_pair_labels_and_share_the_metric() {
    let t = "Inner Mongolia speeds up industry";
    let body = "The national market share of Inner Mongolia's bulk industrial products – including coke, PVC and \
                methanol – reached 7.8 percent, 20.3 percent and 21.9 percent, respectively.";
    let s = stats(t, body, &Context::default());
    let got: Vec<(String, Metric, String)> = s
        .iter()
        .map(|s| {
            (
                s.value.clone().unwrap_or_default().value,
                Metric::try_from(s.metric).unwrap_or_default(),
                s.label.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "7.8".into(),
                M::MarketShare,
                "national market share of coke".into()
            ),
            (
                "20.3".into(),
                M::MarketShare,
                "national market share of PVC".into()
            ),
            (
                "21.9".into(),
                M::MarketShare,
                "national market share of methanol".into()
            ),
        ]
    );
    let zh = stats(
        "内蒙古",
        "焦炭、电石和甲醇的产量分别为500万吨、300万吨和200万吨。",
        &Context::default(),
    );
    let l: Vec<&str> = zh.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(l, ["焦炭", "电石", "甲醇"]);
}

#[test]
fn periods_carry_within_a_paragraph_until_reset() {
    let t = "Baotou Equipment Manufacturing Industrial Park";
    let body = "As of 2016, the park was engaged in 36 key projects. The total investment was 16.58 billion yuan. \
                So far, 166 enterprises have settled in the park.\n\nThe park covers 8 sq km.";
    let p: Vec<Option<(i32, i32)>> = run(t, body).into_iter().map(|r| r.4).collect();
    assert_eq!(p, vec![Some((2016, 2016)), Some((2016, 2016)), None, None]);
    // trailing years bind the number before them; comparison bases do not count
    let body = "The share increased from 42 percent in 2015 to 51 percent in 2020, while investment increased by about \
                18 percent annually, exceeding 300 billion yuan in 2020. Output was 3.6 times that of 2015.";
    let p: Vec<(String, Option<(i32, i32)>)> = run("Inner Mongolia", body)
        .into_iter()
        .map(|r| (r.0, r.4))
        .collect();
    assert_eq!(
        p,
        vec![
            ("42".into(), Some((2015, 2015))),
            ("51".into(), Some((2020, 2020))),
            ("18".into(), None),
            ("300000000000".into(), Some((2020, 2020))),
            ("3.6".into(), None),
        ]
    );
    // five-year plans
    let p = run(
        "Inner Mongolia",
        "During the 13th Five-Year Plan period, the region built 15 industrial parks.",
    );
    assert_eq!(p[0].4, Some((2016, 2020)));
    let p = run("内蒙古", "“十四五”期间，全区将新增产值500亿元。");
    assert_eq!(p[0].4, Some((2021, 2025)));
}

#[test]
fn bare_numbers_only_when_stated_as_counts() {
    let t = "Inner Mongolia speeds up industry";
    let r = run(t, "The number of industrial parks each with an annual output value of over 10 billion yuan reached 32, \
                    3.6 times that of 2015. The installed capacity of big data servers has now reached 1.2 million.");
    let vals: Vec<(&str, Unit)> = r.iter().map(|r| (r.0.as_str(), r.1)).collect();
    assert_eq!(
        vals,
        [
            ("10000000000", U::Cny),
            ("32", U::Count),
            ("3.6", U::Times),
            ("1200000", U::Count)
        ]
    );
    assert_eq!(r[3].2, M::Other);
    // a bare number elsewhere is not a statistic
    assert!(run(t, "The index closed at 3637.57 and code 600519 rose.").is_empty());
    assert!(run(t, "Its output reached 6.3512.").is_empty());
    let p = run(t, "The city has a population of 300,000.");
    assert_eq!(
        (p[0].0.as_str(), p[0].1, p[0].2),
        ("300000", U::Count, M::Population)
    );
}

#[test]
fn conversions_are_a_second_statistic_of_the_same_fact() {
    let s = stats(
        "Inner Mongolia speeds up industry",
        "In 2020, the region's industrial added value reached 550 billion yuan ($85.97 billion).",
        &Context::default(),
    );
    assert_eq!(s.len(), 2);
    assert_eq!(
        (s[1].unit, s[1].metric),
        (U::Usd as i32, M::IndustrialAddedValue as i32)
    );
    assert_eq!(
        s[1].period,
        Some(Period {
            start_year: 2020,
            end_year: 2020
        })
    );
    assert_eq!(s[1].value.clone().unwrap_or_default().value, "85970000000");
}

#[test]
fn ids_names_evidence_and_values() {
    let body = "园区规划面积50平方公里，more than 40 related projects with an investment of over 45 billion yuan in fixed assets.";
    let s = stats(
        "Inner Mongolia Togtoh Industrial Park",
        body,
        &Context::default(),
    );
    assert_eq!(s.len(), 3);
    let e = s[0].evidence.clone().unwrap_or_default();
    assert_eq!((e.start, e.end, e.quote.as_str()), (6, 12, "50平方公里"));
    assert_eq!(e.document_id, "0123456789abcdef0123456789abcdef");
    assert_eq!(s[0].id, "0123456789abcdef-6");
    assert_eq!(s[0].name, "statistics/0123456789abcdef-6");
    let chars: Vec<char> = body.chars().collect();
    for st in &s {
        let e = st.evidence.clone().unwrap_or_default();
        assert_eq!(
            chars[e.start as usize..e.end as usize]
                .iter()
                .collect::<String>(),
            e.quote
        );
    }
    assert_eq!(s[2].value.clone().unwrap_or_default().value, "45000000000");
    assert_eq!(s[2].value_approx, 45e9);
    assert_eq!(
        (s[2].metric, s[2].comparator),
        (M::FixedAssetInvestment as i32, Gt as i32)
    );
    assert_eq!(s[1].metric, M::ProjectCount as i32);
}

#[test]
fn kilovolt_capacities_carry_a_warning() {
    let doc = ParsedDocument {
        title: "Togtoh Industrial Park".into(),
        ..Default::default()
    };
    let document = Document {
        body: "a total installed capacity of 5.4 million kilovolts".into(),
        ..Default::default()
    };
    let (s, w) = extract_with_warnings(&doc, &document, &Context::default());
    assert_eq!(
        (s[0].unit, s[0].metric),
        (U::Kv as i32, M::InstalledCapacity as i32)
    );
    assert!(w.iter().any(|w| w.contains("kW")), "{w:?}");
}

#[test]
fn repeats_of_one_fact_are_kept_once() {
    let r = run(
        "Hohhot",
        "The zone has 36 key projects. Again: the zone has 36 key projects.",
    );
    assert_eq!(r.len(), 1);
}

fn park(name_en: &str, name_zh: &str, sub_parks: &[&str]) -> Park {
    Park {
        id: crate::slug::slug(name_en, "p"),
        name_en: name_en.into(),
        name_zh: name_zh.into(),
        sub_parks: sub_parks.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

#[test]
fn subjects_from_the_entity_context() {
    // a park page: the main park, or a sub-park named in the number's clause
    let ctx = Context {
        parks: vec![park(
            "Inner Mongolia Togtoh Industrial Park",
            "",
            &["aluminum eco-industrial park"],
        )],
        ..Default::default()
    };
    let r = rows(
        "Inner Mongolia Togtoh Industrial Park (autonomous region-level development zone)",
        "The park now has 18 square kilometers of area. The aluminum eco-industrial park has a total planned area \
         of 13.5 square kilometers.",
        &ctx,
    );
    assert_eq!(r[0].5, "Inner Mongolia Togtoh Industrial Park");
    assert_eq!(r[1].5, "aluminum eco-industrial park");
    // a city page that mentions parks in passing: the city
    let ctx = Context {
        parks: vec![
            park("", "蒙牛中国乳业产业园", &[]),
            park("", "中环产业城", &[]),
        ],
        place: Some(Place {
            kind: SubjectKind::City,
            code: "150100".into(),
            name_en: "Hohhot".into(),
        }),
        ..Default::default()
    };
    let s = stats(
        "呼和浩特：做强六大产业集群",
        "加快蒙牛中国乳业产业园等项目建设，开工建设中环产业城项目，建成投产25GW智能化切片项目。",
        &ctx,
    );
    let sub = s[0].subject.clone().unwrap_or_default();
    assert_eq!(
        (sub.kind, sub.id.as_str(), sub.name.as_str()),
        (SubjectKind::City as i32, "150100", "Hohhot")
    );
    // no place in the context but parks that the title does not name: the title's place
    let ctx = Context {
        parks: vec![park("", "中环产业城", &[])],
        ..Default::default()
    };
    let s = stats(
        "呼和浩特：做强六大产业集群",
        "计划实施重点工业项目162个。",
        &ctx,
    );
    assert_eq!(s[0].subject.clone().unwrap_or_default().name, "Hohhot");
}

#[test]
fn empty_and_numberless_documents() {
    assert!(run("", "").is_empty());
    assert!(run("Title", "No numbers here. 没有数字。").is_empty());
}

#[test]
fn founding_years_are_not_periods_but_dated_numbers_are() {
    let t = "Hohhot Jinqiao Economic and Technological Development Zone";
    let p = |b: &str| {
        run(t, b)
            .into_iter()
            .map(|r| (r.0, r.4))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        p("Since its establishment in 2001, the park has introduced 360 projects."),
        [("360".into(), None)]
    );
    assert_eq!(
        p("It is a provincial-level development zone approved in 2001, with a planned area of 41.7 square kilometers."),
        [("41.7".into(), None)]
    );
    assert_eq!(
        p("The park, built in 2003, covers 18 sq km."),
        [("18".into(), None)]
    );
    assert_eq!(
        p("Last year, the zone's total industrial output value hit 54.3 billion yuan, and its tax revenue reached 2.1 billion yuan."),
        [("54300000000".into(), Some((2021, 2021))), ("2100000000".into(), Some((2021, 2021)))]
    );
    assert_eq!(
        p("In the first half of this year, the zone achieved an industrial added value of 6.5 billion yuan, an increase of 11.2 percent year-on-year."),
        [("6500000000".into(), Some((2022, 2022))), ("11.2".into(), Some((2022, 2022)))]
    );
    assert_eq!(
        p("截至2021年底，全区共有各类开发区45个。"),
        [("45".into(), Some((2021, 2021)))]
    );
    assert_eq!(
        p("外贸进出口额从2001年的1.46万亿元增至2020年的7.09万亿元。"),
        [
            ("1460000000000".into(), Some((2001, 2001))),
            ("7090000000000".into(), Some((2020, 2020)))
        ]
    );
}

#[test]
fn more_metrics_in_both_languages() {
    let t = "Hohhot Jinqiao Economic and Technological Development Zone";
    let m = |b: &str| {
        run(t, b)
            .into_iter()
            .map(|r| (r.0, r.1, r.2))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        m("The project, with a total investment of 3 billion yuan, has an annual production capacity of 600,000 tons of methanol."),
        [("3000000000".into(), U::Cny, M::InvestmentTotal), ("600000".into(), U::T, M::ProductionCapacity)]
    );
    assert_eq!(
        m("It is expected to create more than 1,000 jobs and generate annual sales revenue of 5 billion yuan."),
        [("1000".into(), U::Count, M::Employment), ("5000000000".into(), U::Cny, M::SalesRevenue)]
    );
    assert_eq!(
        m("The park's output value accounted for 38 percent of the city's total in 2019."),
        [("38".into(), U::Percent, M::Share)]
    );
    assert_eq!(
        m("There are 12 listed companies in the zone, two of which are listed overseas."),
        [("12".into(), U::Count, M::EnterpriseCount)]
    );
    assert_eq!(
        m("The zone ranked 15th among 219 national-level economic and technological development zones."),
        [("15".into(), U::Rank, M::Ranking), ("219".into(), U::Count, M::Other)]
    );
    assert_eq!(
        m("It has 3 national-level and 11 autonomous region-level R&D centers."),
        [
            ("3".into(), U::Count, M::Other),
            ("11".into(), U::Count, M::Other)
        ]
    );
    assert_eq!(
        m("Its GDP grew by 6.1 percent to 312 billion yuan."),
        [
            ("6.1".into(), U::Percent, M::GrowthRate),
            ("312000000000".into(), U::Cny, M::Gdp)
        ]
    );
    assert_eq!(
        m("园区现有规上工业企业86户，从业人员2.3万人。"),
        [
            ("86".into(), U::Count, M::EnterpriseCount),
            ("23000".into(), U::Count, M::Employment)
        ]
    );
    assert_eq!(
        m("1-10月，园区完成工业总产值320亿元，同比增长8.5%，增速较上年同期提高2.1个百分点。"),
        [
            ("32000000000".into(), U::Cny, M::IndustrialOutputValue),
            ("8.5".into(), U::Percent, M::GrowthRate),
            ("2.1".into(), U::Pp, M::GrowthRate)
        ]
    );
    assert_eq!(
        m("项目总投资50亿元，建成后可实现年产值80亿元，利税10亿元，带动就业3000人。"),
        [
            ("5000000000".into(), U::Cny, M::InvestmentTotal),
            ("8000000000".into(), U::Cny, M::IndustrialOutputValue),
            ("1000000000".into(), U::Cny, M::TaxRevenue),
            ("3000".into(), U::Count, M::Employment)
        ]
    );
    // a price is not an amount; liabilities are not assets
    assert!(m("The price was 1525.5 yuan per share.").is_empty());
    assert_eq!(
        m("公司预计总资产约为11亿美元，总负债约为3.54亿美元。"),
        [
            ("1100000000".into(), U::Usd, M::TotalAssets),
            ("354000000".into(), U::Usd, M::Other)
        ]
    );
}

// ------------------------------------------------------------------ generalisation (unseen pages)

#[test]
fn partitive_counts_after_a_total() {
    let t = "Inner Mongolia Wuchuan Economic Development Zone";
    let body = "More than 300 enterprises have settled in the zone, of which 40 are industrial enterprises, \
                18 are above designated size and 9 are listed companies.\n\n\
                There are 96 companies in the park, including 47 above designated size.\n\n\
                A total of 210 construction projects have been finished and 120 of them are key industrial projects.";
    let r = run(t, body);
    let vals: Vec<&str> = r.iter().map(|x| x.0.as_str()).collect();
    for v in ["300", "40", "18", "9", "96", "47", "210", "120"] {
        assert!(vals.contains(&v), "{v} missing from {vals:?}");
    }
    let l = labels(t, body);
    assert!(
        l.iter().any(|x| x == "enterprises above designated size"),
        "{l:?}"
    );
    let above = r.iter().find(|x| x.0 == "47").unwrap();
    assert_eq!(above.2, M::EnterpriseCount);
}

#[test]
fn comparator_verb_after_number_of() {
    let t = "Inner Mongolia builds logistics hubs";
    let body = "The number of logistics enterprises, including warehousing and freight agency, has exceeded 75.";
    let r = run(t, body);
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!((r[0].0.as_str(), r[0].3), ("75", Gt));
}

#[test]
fn conversion_between_number_and_its_cue() {
    let t = "Inner Mongolia unveils 200 key projects";
    let body =
        "The projects attracted a total of 320.5 billion yuan ($48.2 billion) in investment.";
    let r = run(t, body);
    assert_eq!(r[0].2, M::InvestmentTotal, "{r:?}");
    assert_eq!(r[1].2, M::InvestmentTotal, "{r:?}");
}

#[test]
fn city_opening_a_sentence_is_the_paragraph_topic_in_a_region_page() {
    let t = "Inner Mongolia opens up northward";
    let body = "Manzhouli is building a cross-border trade zone. More than 60 trading companies have registered.\n\n\
                The region has also built 12 bonded warehouses.";
    let r = run(t, body);
    let sixty = r.iter().find(|x| x.0 == "60").unwrap();
    assert_eq!(sixty.5, "Manzhouli");
    let twelve = r.iter().find(|x| x.0 == "12").unwrap();
    assert_eq!(twelve.5, "Inner Mongolia");
}

#[test]
fn dated_event_sentence_does_not_date_later_figures() {
    let t = "内蒙古某某工业园区";
    let body = "2008年6月经自治区人民政府批准成为自治区级工业园区。园区距包头市150公里，占地面积25平方公里。";
    let r = run(t, body);
    assert!(r.iter().all(|x| x.4.is_none()), "{r:?}");
}

#[test]
fn reset_and_annual_parts_follow_the_sentence() {
    // without a match in the sentence, no part with the sentence's edges has one; the glued
    // "nowUS$5" shows why a cut between two word bytes is excluded
    let body = "x. snowUS$5 nowUS$5 farming so farm presently_x annuallyy a yearly peryear 年 均 5";
    let start = body.find("snow").unwrap();
    let s = Sentence {
        start,
        end: body.len(),
        para: 0,
    };
    let stext = &body[s.start..s.end];
    assert!(!period::has_reset(stext) && !period::has_annual(stext));
    let bounds: Vec<usize> = (0..=body.len())
        .filter(|&i| body.is_char_boundary(i))
        .collect();
    let mut cut_word = 0;
    for &lo in &bounds {
        for &hi in bounds.iter().filter(|&&h| h >= lo) {
            let part = &body[lo..hi];
            if within_sentence(body, &s, lo, hi) {
                assert!(!period::has_reset(part), "{part:?}");
                assert!(!period::has_annual(part), "{part:?}");
            } else if s.start <= lo && hi <= s.end && period::has_reset(part) {
                cut_word += 1;
            }
        }
    }
    assert!(cut_word > 0, "the glued case is exercised");
}

#[test]
fn statistic_ids_match_format() {
    for (p, n) in [
        ("", 0),
        ("abc", 7),
        ("0123456789abcdef", 10),
        ("文档", 99_999),
        ("x", usize::MAX),
    ] {
        assert_eq!(statistic_id(p, n), format!("{p}-{n}"));
    }
}

#[test]
fn repeats_are_kept_once_in_long_documents_too() {
    // past 64 statistics the repeat check switches from comparing to a hash set of keys
    let sentence = |n: usize| format!("The park has {n} enterprises.");
    let firsts: Vec<String> = (1..=80).map(sentence).collect();
    let again: Vec<String> = (1..=80).rev().map(sentence).collect();
    let body = format!("{}\n\n{}", firsts.join(" "), again.join(" "));
    let rows = run("Hohhot", &body);
    let values: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    let want: Vec<String> = (1..=80).map(|n| n.to_string()).collect();
    assert_eq!(values, want);
}

#[test]
fn count_metrics_of_chinese_and_english_nouns() {
    use super::count_metric as m;
    for (noun, want) in [
        ("家企业", Metric::EnterpriseCount),
        ("企业", Metric::EnterpriseCount),
        ("业", Metric::Other),
        ("上市公司", Metric::EnterpriseCount),
        ("重点项目", Metric::ProjectCount),
        ("项目建设", Metric::Other),
        ("带动就业岗位", Metric::Employment),
        ("常住人口", Metric::Population),
        ("industrial enterprises", Metric::EnterpriseCount),
        ("new jobs", Metric::Employment),
        ("", Metric::Other),
    ] {
        assert_eq!(m(noun), want, "{noun}");
    }
}

/// `count_metric` and `is_power_plant` compare in place what they once compared in a lower-cased
/// copy: the copy-based originals, over nouns of every case.
#[test]
fn noun_tests_in_place_agree_with_lower_cased_copies() {
    fn count_metric_copy(noun: &str) -> Metric {
        let l = noun.to_ascii_lowercase();
        if l.contains("above designated size") {
            return Metric::EnterpriseCount;
        }
        let head = l.split_whitespace().last().unwrap_or("");
        if l == "population" {
            return Metric::Population;
        }
        let zh = !noun.is_ascii();
        if matches!(
            head,
            "enterprises" | "enterprise" | "companies" | "company" | "firms" | "firm"
        ) || noun.ends_with("企业")
            || noun.ends_with("公司")
        {
            Metric::EnterpriseCount
        } else if matches!(head, "projects" | "project") || noun.ends_with("项目") {
            Metric::ProjectCount
        } else if matches!(head, "jobs" | "employees" | "workers" | "staff")
            || zh && (noun.contains("就业") || noun.contains("岗位") || noun.contains("员工"))
        {
            Metric::Employment
        } else if matches!(head, "residents" | "inhabitants") || zh && noun.contains("人口") {
            Metric::Population
        } else {
            Metric::Other
        }
    }
    fn is_power_plant_copy(noun: &str) -> bool {
        let l = noun.to_ascii_lowercase();
        POWER_PLANT_WORDS.iter().any(|p| l.contains(p))
    }
    for noun in [
        "",
        " ",
        "Population",
        "POPULATION",
        "population ",
        "enterprises above Designated Size",
        "Industrial ENTERPRISES",
        "firm\u{a0}Firms",
        "new Jobs\n",
        "staff",
        "Staffs",
        "local Residents",
        "inhabitants ſ",
        "Key Projects",
        "project\u{3000}Project",
        "上市公司",
        "带动就业岗位",
        "常住人口",
        "光伏电站",
        "Wind Farm",
        "Solar POWER station",
        "planting",
        "Ke\u{212A}",
        "企业 Companies",
    ] {
        assert_eq!(
            super::count_metric(noun),
            count_metric_copy(noun),
            "{noun:?}"
        );
        assert_eq!(
            super::is_power_plant(noun),
            is_power_plant_copy(noun),
            "{noun:?}"
        );
    }
}

/// The newline search for the last blank line against `rfind("\n\n")`.
#[test]
fn last_blank_line_matches_rfind() {
    let pieces = ["\n", "\n\n", "\n\n\n", "a", " ", "中", "\r\n", "x\ny"];
    for t in crate::test_support::Xorshift::texts(0x9e37_79b9_7f4a_7c15, 20000, 10, &pieces) {
        assert_eq!(last_blank_line(&t), t.rfind("\n\n"), "{t:?}");
    }
}

#[test]
fn list_cut_searching_the_tail_finds_what_searching_everything_found() {
    // the code before: every cut searched over the whole prefix, then kept if near the end
    let whole = |p: &str| {
        LIST_CUTS
            .iter()
            .filter_map(|c| p.rfind(c))
            .filter(|&i| i > 0 && p.len() - i < 40)
            .max()
    };
    let pieces = [
        " reached", " were", " is", " – ", "–", "—", " - ", "的", "分别", "为", "占", "coke", ", ",
        " and ", "稀土", "é", " ", "1", "rose", " rose", " stood",
    ];
    for p in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 20_000, 30, &pieces) {
        assert_eq!(list_cut(&p), whole(&p), "{p:?}");
    }
}

/// The in-place cutting of `list_items` against the masked copy it replaced.
#[test]
fn list_items_matches_the_masked_split() {
    let pieces = [
        ",",
        "，",
        "、",
        " and ",
        "和",
        "及",
        " ",
        "1",
        "511",
        ",348",
        "coke",
        "PVC",
        "rare earth",
        "including ",
        "such as ",
        "– ",
        "：",
        "包括",
        "\u{1}",
        "é",
        "中",
        " reached",
        "为",
        "  ",
        "\u{3000}",
        "—",
        "-",
        "and",
        " andx",
    ];
    for p in crate::test_support::Xorshift::texts(0xbb67_ae85_84ca_a73b, 30_000, 24, &pieces) {
        for n in 1..5 {
            assert_eq!(list_items(&p, n), list_items_masked(&p, n), "{p:?} {n}");
        }
    }
}

/// The in-place label comparison of the repeat check against comparing lower-cased copies.
#[test]
fn same_label_matches_lower_cased_copies() {
    let pieces = [
        "a",
        "A",
        "km",
        "KM",
        "\u{212a}m",
        "k",
        "K",
        "É",
        "é",
        "企业",
        " ",
        "ß",
        "SS",
    ];
    let texts: Vec<String> =
        crate::test_support::Xorshift::texts(0x3c6e_f372_fe94_f82b, 3_000, 4, &pieces).collect();
    for pair in texts.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let copies = a.to_lowercase() == b.to_lowercase();
        assert_eq!(super::same_label(a, b), copies, "{a:?} {b:?}");
        assert!(super::same_label(a, a), "{a:?}");
    }
}

/// The byte search for 分别 against `str::find`.
#[test]
fn find_fenbie_matches_str_find() {
    let pieces = [
        "分别",
        "分",
        "别",
        "为",
        "，",
        "a",
        " ",
        "\u{86}",
        "分分别",
        "别分",
        "ˆ",
    ];
    for t in crate::test_support::Xorshift::texts(0x9b05_688c_2b3e_6c1f, 20_000, 12, &pieces) {
        assert_eq!(super::find_fenbie(&t), t.find("分别"), "{t:?}");
    }
}

/// The backward walk for the last Chinese verb against an `rfind` per verb.
#[test]
fn after_last_verb_matches_rfind_per_verb() {
    let pieces = [
        "实施", "建成", "有", "已", "达", "达到", "拥有", "企业", "项目", "重点", "，", "a", " ",
        "实", "施", "引", "“", "入驻",
    ];
    for w in crate::test_support::Xorshift::texts(0x1f83_d9ab_fb41_bd6b, 20_000, 10, &pieces) {
        assert_eq!(
            super::after_last_verb(&w),
            super::after_last_verb_rfind(&w),
            "{w:?}"
        );
    }
}

/// Cue hits searched only up to where the typing reads them (`with_quantities`) type every
/// quantity as the hits of whole sentences did.
#[test]
fn cue_spans_cut_after_the_last_number_type_as_whole_sentences() {
    let pieces = [
        "5",
        "3.2",
        "12",
        "1,200",
        " billion yuan",
        " percent",
        " square kilometers",
        " sq km",
        " enterprises",
        " companies",
        "万元",
        "亿元",
        "%",
        "个",
        "家",
        " ",
        " ",
        ", ",
        ". ",
        "。",
        "，",
        "；",
        "\n",
        " in 2019",
        "2020年",
        " fixed assets investment",
        " investment",
        " output value",
        " industrial added value",
        " growth",
        " rose",
        " of ",
        " from ",
        " to ",
        " by ",
        "(",
        ")",
        "（",
        "）",
        "$1.2 billion",
        " area",
        " planned area",
        " GDP",
        "税收收入",
        "占地面积",
        "总投资",
        "固定资产投资",
        "增长",
        " respectively",
        "分别为",
        " and ",
        "、",
        " revenue",
        " fiscal revenue",
        " up ",
        " jobs",
        " employing",
        "x",
        " the zone",
        " market share",
        " capacity",
        " tons",
        "吨",
        " kW",
        "so far",
        "同期",
    ];
    let mut typed_some = 0;
    for body in crate::test_support::Xorshift::texts(0x1f83_d9ab_fb41_bd6b, 4_000, 60, &pieces) {
        let scan = quantity::scan_with_warnings(&body);
        let qs = &scan.quantities;
        let spans: Vec<(usize, usize)> = qs.iter().map(|q| (q.byte_start, q.byte_end)).collect();
        let sentences = text::sentences(&body, &spans);
        let typed = |hits: Vec<Hit>| {
            let a = Analysis {
                body: &body,
                qs,
                hits,
                years: period::find(&body, Some(2022)),
                main: None,
                candidates: Vec::new(),
                cities: Vec::new(),
            };
            format!("{:?}", a.type_all(&sentences))
        };
        let cut = typed(cues::find_in(&body, with_quantities(&sentences, qs)));
        let whole = typed(cues::find_in(&body, with_quantities_whole(&sentences, qs)));
        assert_eq!(cut, whole, "{body:?}");
        typed_some += usize::from(cut.contains("Some("));
    }
    assert!(typed_some > 1000, "typed quantities in {typed_some} texts");
}

/// Typing over the sentences of the lines holding a quantity gives what typing over every
/// sentence gives (a line is a paragraph: a year carries within one only), and those sentences
/// are the whole split's on those lines.
#[test]
fn sentences_of_lines_with_quantities_type_as_all_sentences() {
    let pieces = [
        "5",
        "12",
        "1,200",
        " billion yuan",
        " percent",
        " sq km",
        " enterprises",
        "万元",
        "%",
        "家",
        " ",
        ", ",
        ". ",
        "。",
        "\n",
        "\n\n",
        "\n \r\n",
        "In 2019, ",
        " in 2019",
        "2020年，",
        "2020年",
        " so far",
        "目前",
        " investment",
        " output value",
        " rose",
        " the park",
        "It",
        "more than ",
        "US$",
        "x",
        " area",
        "One",
    ];
    let mut typed_some = 0;
    for body in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1e, 6_000, 40, &pieces) {
        let scan = quantity::scan_with_warnings(&body);
        let qs = &scan.quantities;
        let spans: Vec<(usize, usize)> = qs.iter().map(|q| (q.byte_start, q.byte_end)).collect();
        let all = text::sentences(&body, &spans);
        let kept = text::sentences_of_kept_lines(&body, &spans);
        let line_of = |p: usize| body[..p].matches('\n').count();
        let want: Vec<_> = all
            .iter()
            .filter(|s| spans.iter().any(|k| line_of(k.0) == line_of(s.start)))
            .copied()
            .collect();
        assert_eq!(kept, want, "{body:?}");
        let typed = |sentences: &[text::Sentence]| {
            let a = Analysis {
                body: &body,
                qs,
                hits: cues::find_in(&body, with_quantities(sentences, qs)),
                years: period::find(&body, Some(2022)),
                main: None,
                candidates: Vec::new(),
                cities: Vec::new(),
            };
            format!("{:?}", a.type_all(sentences))
        };
        let got = typed(&kept);
        assert_eq!(got, typed(&all), "{body:?}");
        typed_some += usize::from(got.contains("Some(("));
    }
    assert!(
        typed_some > 400,
        "typed quantities with a period in {typed_some} texts"
    );
}
