//! Metric cue words in English and Chinese, found in one pass over a body.

use std::sync::LazyLock;

use parkgraph_proto::v1::{Metric, Unit};

/// What a cue says about the number near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Says {
    /// A metric.
    Metric(Metric),
    /// "capacity": installed capacity for power, production capacity otherwise.
    Capacity,
}

/// One cue pattern.
#[derive(Debug)]
pub(crate) struct Cue {
    pub pat: &'static str,
    pub says: Says,
    /// A broad word ("investment", "area", "revenue") that a more specific cue next to the number
    /// overrides.
    pub generic: bool,
}

const fn c(pat: &'static str, m: Metric) -> Cue {
    Cue {
        pat,
        says: Says::Metric(m),
        generic: false,
    }
}
const fn g(pat: &'static str, m: Metric) -> Cue {
    Cue {
        pat,
        says: Says::Metric(m),
        generic: true,
    }
}
const fn cap(pat: &'static str) -> Cue {
    Cue {
        pat,
        says: Says::Capacity,
        generic: true,
    }
}

use Metric as M;

static CUES: &[Cue] = &[
    // ---------------------------------------------------------------- area
    c("planned area", M::AreaPlanned),
    c("planning area", M::AreaPlanned),
    c("planned", M::AreaPlanned),
    c("planning", M::AreaPlanned),
    c("plans to", M::AreaPlanned),
    c("规划面积", M::AreaPlanned),
    c("规划用地", M::AreaPlanned),
    c("规划", M::AreaPlanned),
    c("constructed area", M::AreaBuilt),
    c("built-up area", M::AreaBuilt),
    c("built area", M::AreaBuilt),
    c("developed area", M::AreaBuilt),
    c("constructed", M::AreaBuilt),
    c("built-up", M::AreaBuilt),
    c("built", M::AreaBuilt),
    c("建成区面积", M::AreaBuilt),
    c("建成面积", M::AreaBuilt),
    c("建成区", M::AreaBuilt),
    c("已建成", M::AreaBuilt),
    c("建成", M::AreaBuilt),
    c("under construction", M::AreaUnderConstruction),
    c("under-construction", M::AreaUnderConstruction),
    c("being built", M::AreaUnderConstruction),
    c("being constructed", M::AreaUnderConstruction),
    c("在建", M::AreaUnderConstruction),
    c("total area", M::AreaTotal),
    g("covers an area", M::AreaTotal),
    g("covering an area", M::AreaTotal),
    g("area", M::AreaTotal),
    g("covers", M::AreaTotal),
    g("covering", M::AreaTotal),
    g("occupies", M::AreaTotal),
    g("spans", M::AreaTotal),
    c("总面积", M::AreaTotal),
    c("占地面积", M::AreaTotal),
    g("占地", M::AreaTotal),
    g("面积", M::AreaTotal),
    // ---------------------------------------------------------------- counts
    c("enterprises", M::EnterpriseCount),
    c("companies", M::EnterpriseCount),
    c("firms", M::EnterpriseCount),
    c("企业", M::EnterpriseCount),
    c("公司", M::EnterpriseCount),
    c("projects", M::ProjectCount),
    c("项目", M::ProjectCount),
    // ---------------------------------------------------------------- money
    c("total investment", M::InvestmentTotal),
    c("total investments", M::InvestmentTotal),
    g("investment", M::InvestmentTotal),
    g("investments", M::InvestmentTotal),
    g("invested", M::InvestmentTotal),
    g("investing", M::InvestmentTotal),
    c("总投资", M::InvestmentTotal),
    c("投资总额", M::InvestmentTotal),
    c("完成投资", M::InvestmentTotal),
    c("累计投资", M::InvestmentTotal),
    g("投资额", M::InvestmentTotal),
    g("投资", M::InvestmentTotal),
    c("fixed assets investment", M::FixedAssetInvestment),
    c("fixed-asset investment", M::FixedAssetInvestment),
    c("fixed asset investment", M::FixedAssetInvestment),
    c("fixed-assets investment", M::FixedAssetInvestment),
    c("investment in fixed assets", M::FixedAssetInvestment),
    c("in fixed assets", M::FixedAssetInvestment),
    c("fixed assets", M::FixedAssetInvestment),
    c("fixed-asset", M::FixedAssetInvestment),
    c("fixed asset", M::FixedAssetInvestment),
    c("固定资产投资", M::FixedAssetInvestment),
    c("固投", M::FixedAssetInvestment),
    c("total assets", M::TotalAssets),
    c("assets totaling", M::TotalAssets),
    c("assets totalling", M::TotalAssets),
    g("assets", M::TotalAssets),
    c("总资产", M::TotalAssets),
    c("资产总额", M::TotalAssets),
    c("资产总计", M::TotalAssets),
    g("资产", M::TotalAssets),
    c("gross industrial output value", M::IndustrialOutputValue),
    c("industrial output value", M::IndustrialOutputValue),
    c("gross output value", M::IndustrialOutputValue),
    c("output value", M::IndustrialOutputValue),
    c("industrial output", M::IndustrialOutputValue),
    g("output", M::IndustrialOutputValue),
    c("工业总产值", M::IndustrialOutputValue),
    c("总产值", M::IndustrialOutputValue),
    c("产值", M::IndustrialOutputValue),
    c("industrial added value", M::IndustrialAddedValue),
    c("added value", M::IndustrialAddedValue),
    c("value-added", M::IndustrialAddedValue),
    c("value added", M::IndustrialAddedValue),
    c("工业增加值", M::IndustrialAddedValue),
    c("增加值", M::IndustrialAddedValue),
    c("sales revenue", M::SalesRevenue),
    c("sales revenues", M::SalesRevenue),
    c("sales income", M::SalesRevenue),
    g("sales", M::SalesRevenue),
    c("销售收入", M::SalesRevenue),
    c("销售额", M::SalesRevenue),
    g("销售", M::SalesRevenue),
    c("operating revenue", M::OperatingRevenue),
    c("operating revenues", M::OperatingRevenue),
    c("operating income", M::OperatingRevenue),
    c("business revenue", M::OperatingRevenue),
    c("business income", M::OperatingRevenue),
    g("revenue", M::OperatingRevenue),
    g("revenues", M::OperatingRevenue),
    g("income", M::OperatingRevenue),
    c("营业收入", M::OperatingRevenue),
    c("营业总收入", M::OperatingRevenue),
    c("主营业务收入", M::OperatingRevenue),
    c("营收", M::OperatingRevenue),
    g("收入", M::OperatingRevenue),
    c("fiscal revenue", M::FiscalRevenue),
    c("fiscal revenues", M::FiscalRevenue),
    c("fiscal income", M::FiscalRevenue),
    c("public budget revenue", M::FiscalRevenue),
    c("general budget revenue", M::FiscalRevenue),
    c("财政收入", M::FiscalRevenue),
    c("一般公共预算收入", M::FiscalRevenue),
    c("公共财政预算收入", M::FiscalRevenue),
    c("tax revenue", M::TaxRevenue),
    c("tax revenues", M::TaxRevenue),
    c("taxes", M::TaxRevenue),
    c("tax", M::TaxRevenue),
    c("税收", M::TaxRevenue),
    c("税收收入", M::TaxRevenue),
    c("税金", M::TaxRevenue),
    c("纳税", M::TaxRevenue),
    c("利税", M::TaxRevenue),
    c("gdp", M::Gdp),
    c("gross domestic product", M::Gdp),
    c("regional gdp", M::Gdp),
    c("地区生产总值", M::Gdp),
    c("生产总值", M::Gdp),
    // ---------------------------------------------------------------- capacity
    c("installed capacity", M::InstalledCapacity),
    c("installed", M::InstalledCapacity),
    c("generating capacity", M::InstalledCapacity),
    c("power generation capacity", M::InstalledCapacity),
    c("装机容量", M::InstalledCapacity),
    c("装机规模", M::InstalledCapacity),
    c("装机", M::InstalledCapacity),
    c("并网", M::InstalledCapacity),
    cap("capacity"),
    cap("capacities"),
    c("production capacity", M::ProductionCapacity),
    c("annual production capacity", M::ProductionCapacity),
    c("annual capacity", M::ProductionCapacity),
    c("annual output of", M::ProductionCapacity),
    c("annual production of", M::ProductionCapacity),
    g("produce", M::ProductionCapacity),
    g("producing", M::ProductionCapacity),
    c("年产能", M::ProductionCapacity),
    c("年产", M::ProductionCapacity),
    c("产能", M::ProductionCapacity),
    c("生产能力", M::ProductionCapacity),
    c("年处理", M::ProductionCapacity),
    // ---------------------------------------------------------------- shares and growth
    c("market share", M::MarketShare),
    c("market shares", M::MarketShare),
    c("市场份额", M::MarketShare),
    c("市场占有率", M::MarketShare),
    c("proportion", M::Share),
    c("share", M::Share),
    c("accounted for", M::Share),
    c("accounting for", M::Share),
    c("accounts for", M::Share),
    c("account for", M::Share),
    c("占比", M::Share),
    c("比重", M::Share),
    c("占", M::Share),
    c("growth rate", M::GrowthRate),
    c("growth", M::GrowthRate),
    c("grew", M::GrowthRate),
    c("grown", M::GrowthRate),
    c("grow", M::GrowthRate),
    c("increase of", M::GrowthRate),
    c("increased by", M::GrowthRate),
    c("increasing by", M::GrowthRate),
    c("rose by", M::GrowthRate),
    c("rise of", M::GrowthRate),
    c("increased", M::GrowthRate),
    c("increase", M::GrowthRate),
    c("rose", M::GrowthRate),
    c("up", M::GrowthRate),
    c("down", M::GrowthRate),
    c("decrease", M::GrowthRate),
    c("decreased", M::GrowthRate),
    c("decline", M::GrowthRate),
    c("declined", M::GrowthRate),
    c("fell", M::GrowthRate),
    c("dropped", M::GrowthRate),
    c("year-on-year", M::GrowthRate),
    c("year on year", M::GrowthRate),
    c("annually", M::GrowthRate),
    c("增长率", M::GrowthRate),
    c("增长", M::GrowthRate),
    c("增速", M::GrowthRate),
    c("增幅", M::GrowthRate),
    c("同比", M::GrowthRate),
    c("环比", M::GrowthRate),
    c("提高", M::GrowthRate),
    c("提升", M::GrowthRate),
    c("上升", M::GrowthRate),
    c("下降", M::GrowthRate),
    c("降低", M::GrowthRate),
    c("减少", M::GrowthRate),
    c("下滑", M::GrowthRate),
    c("年均", M::GrowthRate),
    c("上涨", M::GrowthRate),
    c("下跌", M::GrowthRate),
    c("涨", M::GrowthRate),
    c("跌", M::GrowthRate),
    // ---------------------------------------------------------------- not a vocabulary metric:
    // nearest to a number, these stop a broader cue further away from claiming it
    c("负债", M::Other),
    c("liabilities", M::Other),
    c("debt", M::Other),
    c("净利润", M::Other),
    c("利润", M::Other),
    c("profit", M::Other),
    c("profits", M::Other),
    c("亏损", M::Other),
    c("loss", M::Other),
    c("losses", M::Other),
    c("市值", M::Other),
    c("market value", M::Other),
    c("价格", M::Other),
    c("price", M::Other),
    c("prices", M::Other),
    c("注册资本", M::Other),
    c("registered capital", M::Other),
    c("成交额", M::Other),
    c("利率", M::Other),
    // ---------------------------------------------------------------- people
    c("population", M::Population),
    c("residents", M::Population),
    c("inhabitants", M::Population),
    c("人口", M::Population),
    c("常住人口", M::Population),
    c("jobs", M::Employment),
    c("employees", M::Employment),
    c("workers", M::Employment),
    c("employment", M::Employment),
    c("employed", M::Employment),
    c("employs", M::Employment),
    c("employing", M::Employment),
    c("就业", M::Employment),
    c("从业人员", M::Employment),
    c("员工", M::Employment),
    c("职工", M::Employment),
    c("岗位", M::Employment),
];

/// The longest cue, in bytes.
pub(crate) const MAX_CUE_LEN: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < CUES.len() {
        if CUES[i].pat.len() > n {
            n = CUES[i].pat.len();
        }
        i += 1;
    }
    n
};

static AC: LazyLock<crate::gated::OverlappingDfa> =
    LazyLock::new(|| crate::gated::overlapping_dfa(CUES.iter().map(|c| c.pat)));

/// One cue found in a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub cue: &'static Cue,
}

/// Every cue in `text` (overlapping; English ones on word boundaries), ordered by start.
#[cfg(test)]
pub(crate) fn find(text: &str) -> Vec<Hit> {
    find_in(text, std::iter::once((0, text.len())))
}

/// [`find`]'s cues that lie wholly inside one of `spans` (ordered, disjoint byte ranges of
/// `text`); word boundaries are those of the whole text.
pub(crate) fn find_in(text: &str, spans: impl Iterator<Item = (usize, usize)>) -> Vec<Hit> {
    let b = text.as_bytes();
    // room for a hit per 64 bytes of the body, above the usual count: growth cost more
    let mut out = Vec::with_capacity(text.len() / 64 + 8);
    for (lo, hi) in spans {
        crate::gated::for_each_overlapping(&AC, &b[lo..hi], |pattern, end| {
            let cue = &CUES[pattern];
            let (start, end) = (lo + end - cue.pat.len(), lo + end);
            if cue.pat.is_ascii() {
                let before = start.checked_sub(1).map(|i| b[i]);
                let after = b.get(end).copied();
                if before.is_some_and(|c| c.is_ascii_alphanumeric())
                    || after.is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    return true;
                }
            }
            out.push(Hit { start, end, cue });
            true
        });
    }
    out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    out
}

/// Unit families a metric can take.
pub(crate) fn compatible(m: Metric, u: Unit) -> bool {
    use Unit as U;
    let area = matches!(u, U::Km2 | U::Ha | U::M2 | U::Mu);
    let money = matches!(u, U::Cny | U::Usd);
    match m {
        M::AreaTotal | M::AreaPlanned | M::AreaBuilt | M::AreaUnderConstruction => area,
        M::EnterpriseCount | M::ProjectCount | M::Population | M::Employment => u == U::Count,
        M::InvestmentTotal
        | M::FixedAssetInvestment
        | M::TotalAssets
        | M::IndustrialOutputValue
        | M::IndustrialAddedValue
        | M::SalesRevenue
        | M::OperatingRevenue
        | M::FiscalRevenue
        | M::TaxRevenue
        | M::Gdp => money,
        M::InstalledCapacity => matches!(u, U::Kw | U::Kv),
        M::ProductionCapacity => {
            matches!(u, U::Kw | U::Kv | U::Kwh | U::T | U::M3 | U::Count | U::M2)
        }
        M::MarketShare | M::Share => u == U::Percent,
        M::GrowthRate => matches!(u, U::Percent | U::Pp | U::Times),
        M::Ranking => u == U::Rank,
        M::Other | M::Unspecified => true,
    }
}

/// The metric a cue gives for a unit, if compatible.
pub(crate) fn resolve(cue: &Cue, u: Unit) -> Option<Metric> {
    let m = match cue.says {
        Says::Metric(m) => m,
        Says::Capacity => {
            if matches!(u, Unit::Kw | Unit::Kv) {
                M::InstalledCapacity
            } else {
                M::ProductionCapacity
            }
        }
    };
    compatible(m, u).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Searching spans finds exactly the whole-text cues that lie inside them.
        #[test]
        fn span_search_keeps_the_cues_inside(
            words in prop::collection::vec(
                prop::sample::select(vec!["fixed", "assets", "investment", "up", "tax", "Taxes",
                    "税收收入", "占地面积", "x", "1", ".", " ", "  ", "-", "growth rate"]),
                0..30,
            ),
            cuts in prop::collection::vec(0usize..200, 0..6),
        ) {
            let t: String = words.concat();
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(t.len()))
                .filter(|&c| t.is_char_boundary(c))
                .collect();
            cuts.sort_unstable();
            let spans: Vec<(usize, usize)> = cuts.chunks(2).filter(|c| c.len() == 2)
                .map(|c| (c[0], c[1])).collect();
            let got: Vec<(usize, usize, &str)> = find_in(&t, spans.iter().copied())
                .iter().map(|h| (h.start, h.end, h.cue.pat)).collect();
            let want: Vec<(usize, usize, &str)> = find(&t)
                .iter()
                .filter(|h| spans.iter().any(|&(lo, hi)| lo <= h.start && h.end <= hi))
                .map(|h| (h.start, h.end, h.cue.pat))
                .collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn max_cue_len_is_the_longest_cue() {
        assert_eq!(Some(MAX_CUE_LEN), CUES.iter().map(|c| c.pat.len()).max());
    }

    #[test]
    fn finds_cues_on_word_boundaries() {
        let t = "the fixed assets investment rose; supporting 税收收入";
        let pats: Vec<&str> = find(t).iter().map(|h| &t[h.start..h.end]).collect();
        assert!(pats.contains(&"fixed assets investment"));
        assert!(pats.contains(&"investment"));
        assert!(pats.contains(&"税收收入"));
        assert!(!pats.contains(&"up"), "{pats:?}");
    }
}
