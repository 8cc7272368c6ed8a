//! Inner Mongolia divisions and the 2018 development-zone catalogue (data in `../data`).
//!
//! [`Gazetteer::get`] loads the three CSV files once. It answers:
//! - [`Gazetteer::lookup`]: a division by English name or spelling variant (case-insensitive:
//!   Ordos/Erdos, Alxa/Alshaa, Togtoh/Tuoketuo, Jungar/Juungar) or Chinese name with or without its
//!   suffix (鄂尔多斯市/鄂尔多斯, 托克托县/托克托) or a common abbreviation (土右旗, 达茂);
//! - [`Gazetteer::find_places`]: every place mentioned in a text, with character spans;
//! - [`Gazetteer::ancestors`], [`Gazetteer::city_of`], [`Gazetteer::region_of`]: county → city → region;
//! - [`Gazetteer::match_catalogue`]: the 2018 catalogue row of a park named in English or Chinese.
//! - [`Gazetteer::canonical_en`]: a text with every place spelling replaced by the canonical one.

use std::collections::HashMap;
use std::sync::LazyLock;

use parkgraph_proto::google::r#type::Decimal;
use parkgraph_proto::v1::{CatalogueEntry, ParkKind, ParkLevel};
use regex::Regex;

const DIVISIONS_CSV: &str = include_str!("../data/admin_divisions_inner_mongolia.csv");
const CATALOGUE_CSV: &str = include_str!("../data/devzones_2018_inner_mongolia.csv");
const GBT37028_CSV: &str = include_str!("../data/gbt37028_inner_mongolia.csv");

/// Administrative level of a division.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DivisionLevel {
    /// Province-level region (Inner Mongolia).
    Region,
    /// Prefecture-level city or league.
    City,
    /// County-level division: district, county, banner, county-level city.
    County,
    /// NBS functional area (a development zone with its own statistical code).
    FunctionalArea,
}

/// One division of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// NBS code, e.g. `150122`.
    pub code: String,
    /// Chinese name as listed, e.g. `托克托县`.
    pub name_zh: String,
    /// Level.
    pub level: DivisionLevel,
    /// Code of the parent division; empty for the region.
    pub parent_code: String,
    /// English name as listed, e.g. `Togtoh County`, `Inner Mongolia Autonomous Region`.
    pub name_en: String,
    /// English name without its administrative suffix: `Togtoh`, `Inner Mongolia`, `Alxa`.
    pub short_en: String,
    /// Chinese name without its administrative suffix: `托克托`, `内蒙古`, `鄂尔多斯`.
    pub short_zh: String,
    /// Other spellings (English, and Chinese abbreviations).
    pub variants: Vec<String>,
}

impl Division {
    /// The English name records use: `Inner Mongolia` for the region, otherwise the listed name
    /// (`Hohhot`, `Xilingol League`, `Togtoh County`, `Qingshan District`).
    pub fn display_en(&self) -> &str {
        if self.level == DivisionLevel::Region {
            &self.short_en
        } else {
            &self.name_en
        }
    }
}

/// One row of the 2018 development-zone catalogue (中国开发区审核公告目录, Inner Mongolia rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueRow {
    /// Catalogue code, e.g. `G151005`.
    pub code: String,
    /// Chinese name as listed.
    pub name_zh: String,
    /// Approving body as listed (国务院, 省政府).
    pub approval_level: String,
    /// Level from the approving body.
    pub level: ParkLevel,
    /// Zone type as listed (经济技术开发区, 工业园区, ...).
    pub zone_type: String,
    /// Approval as `YYYY-MM`.
    pub approved: String,
    /// Approved area in hectares, as a decimal string.
    pub approved_area_ha: String,
    /// Leading industries as listed.
    pub leading_industries: String,
    /// Code of the league-level division the zone is in.
    pub league_code: String,
    /// GB/T 37028-2018 code, when the standard lists the zone.
    pub gbt37028_code: Option<String>,
}

impl CatalogueRow {
    /// The proto form of the row.
    pub fn entry(&self) -> CatalogueEntry {
        CatalogueEntry {
            code: self.code.clone(),
            name_zh: self.name_zh.clone(),
            level: self.level as i32,
            approved: self.approved.clone(),
            approved_area_ha: Some(Decimal {
                value: self.approved_area_ha.clone(),
            }),
            leading_industries: self.leading_industries.clone(),
        }
    }

    /// The park kind of the row's zone type.
    pub fn kind(&self) -> ParkKind {
        match self.zone_type.as_str() {
            "经济技术开发区" | "经济开发区" => ParkKind::EconomicDevelopmentZone,
            "高新技术产业开发区" => ParkKind::HighTechZone,
            "海关特殊监管区域" => ParkKind::BondedZone,
            "工业园区" => ParkKind::IndustrialPark,
            _ => ParkKind::Other,
        }
    }
}

/// A place named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    /// Code of the division.
    pub code: String,
    /// Start, in characters, inclusive.
    pub start: usize,
    /// End, in characters, exclusive.
    pub end: usize,
    /// Start, in bytes.
    pub byte_start: usize,
    /// End, in bytes.
    pub byte_end: usize,
    /// The text as written.
    pub text: String,
    /// Whether the mention carries its administrative suffix (`Togtoh County`, `托克托县`).
    pub full: bool,
}

/// Coarse kind of a zone, for comparing names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ZoneClass {
    /// 工业园区, 产业园, industrial park.
    Industrial,
    /// 经济开发区, economic development zone.
    Economic,
    /// 经济技术开发区, economic and technological development zone.
    EconomicTechnological,
    /// 高新技术产业开发区, high-tech zone.
    HighTech,
    /// 综合保税区, 出口加工区.
    Bonded,
    /// 边境经济合作区.
    Border,
    /// Anything else (trade zone, pilot zone, ...).
    Other,
}

impl ZoneClass {
    /// The park kind of this class.
    pub fn park_kind(self) -> ParkKind {
        match self {
            ZoneClass::Industrial => ParkKind::IndustrialPark,
            ZoneClass::Economic | ZoneClass::EconomicTechnological => {
                ParkKind::EconomicDevelopmentZone
            }
            ZoneClass::HighTech => ParkKind::HighTechZone,
            ZoneClass::Bonded => ParkKind::BondedZone,
            ZoneClass::Border | ZoneClass::Other => ParkKind::Other,
        }
    }

    fn compatible(self, other: ZoneClass) -> bool {
        use ZoneClass::*;
        self == other
            || matches!(
                (self, other),
                (Economic, EconomicTechnological) | (EconomicTechnological, Economic)
            )
    }
}

/// Chinese zone-name suffixes, longest first, with their class and English form.
pub const ZH_ZONE_SUFFIXES: &[(&str, ZoneClass, &str)] = &[
    (
        "高新技术产业开发区",
        ZoneClass::HighTech,
        "High-tech Industrial Development Zone",
    ),
    (
        "高新技术产业园区",
        ZoneClass::HighTech,
        "High-tech Industrial Park",
    ),
    (
        "高新技术开发区",
        ZoneClass::HighTech,
        "High-tech Development Zone",
    ),
    (
        "高新技术产业园",
        ZoneClass::HighTech,
        "High-tech Industrial Park",
    ),
    (
        "经济技术开发区",
        ZoneClass::EconomicTechnological,
        "Economic and Technological Development Zone",
    ),
    (
        "边境经济合作区",
        ZoneClass::Border,
        "Border Economic Cooperation Zone",
    ),
    ("综合保税区", ZoneClass::Bonded, "Comprehensive Bonded Zone"),
    ("出口加工区", ZoneClass::Bonded, "Export Processing Zone"),
    (
        "经济开发区",
        ZoneClass::Economic,
        "Economic Development Zone",
    ),
    ("高新区", ZoneClass::HighTech, "High-tech Zone"),
    ("保税区", ZoneClass::Bonded, "Bonded Zone"),
    ("工业园区", ZoneClass::Industrial, "Industrial Park"),
    ("产业园区", ZoneClass::Industrial, "Industrial Park"),
    ("开发区", ZoneClass::Economic, "Development Zone"),
    ("工业园", ZoneClass::Industrial, "Industrial Park"),
    ("产业园", ZoneClass::Industrial, "Industrial Park"),
    ("贸易区", ZoneClass::Other, "Trade Zone"),
    ("合作区", ZoneClass::Other, "Cooperation Zone"),
    ("试验区", ZoneClass::Other, "Pilot Zone"),
    ("园区", ZoneClass::Industrial, "Park"),
];

/// Chinese abbreviations and short names not derivable from the listed names.
const ZH_ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("150121", &["土左旗", "土左"]),
    ("150221", &["土右旗", "土右"]),
    ("150223", &["达茂旗", "达茂"]),
    ("150521", &["科左中旗"]),
    ("150522", &["科左后旗"]),
    ("150623", &["鄂前旗"]),
    ("150722", &["莫力达瓦旗", "莫旗", "莫力达瓦"]),
    ("150723", &["鄂伦春旗"]),
    ("150724", &["鄂温克旗", "鄂温克"]),
    ("150725", &["陈旗"]),
    ("150726", &["新左旗"]),
    ("150727", &["新右旗"]),
    ("150823", &["乌前旗"]),
    ("150824", &["乌中旗"]),
    ("150825", &["乌后旗"]),
    ("150826", &["杭后"]),
    ("150926", &["察右前旗"]),
    ("150927", &["察右中旗"]),
    ("150928", &["察右后旗"]),
    ("152221", &["科右前旗"]),
    ("152222", &["科右中旗"]),
    ("152525", &["东乌旗"]),
    ("152526", &["西乌旗"]),
    ("152921", &["阿左旗"]),
    ("152922", &["阿右旗"]),
];

/// English spellings seen in pages but not in the data file.
const EN_EXTRA_VARIANTS: &[(&str, &[&str])] = &[
    (
        "150000",
        &[
            "Inner Mongolian Autonomous Region",
            "Inner Mongolia Autonomous Region",
            "Inner Mongolia",
            "Inner Mongolian",
        ],
    ),
    ("150600", &["Erdos City", "Ordos City"]),
    ("152900", &["Alxa", "Alashan League"]),
];

/// Short forms that are ordinary words or other places elsewhere in China; they count as a
/// place only beside their parent city or before a zone word.
const WEAK_SHORT_FORMS: &[&str] = &[
    "Hainan",
    "Jining",
    "Xincheng",
    "Songshan",
    "Qingshan",
    "Donghe",
    "Hongshan",
    "Xinghe",
    "Bordered Yellow",
    "Plain Blue",
    "Plain and Bordered White",
    "Ud",
    "Alsha",
    "Genhe",
    "Baiyun",
];

/// Chinese short forms that are also ordinary words or parts of other names.
const WEAK_SHORT_FORMS_ZH: &[&str] = &["兴安"];

/// Words after a weak short form that confirm it names a place.
const ZH_ZONE_WORDS: &[&str] = &[
    "工业",
    "经济",
    "开发",
    "园区",
    "高新",
    "产业园",
    "循环",
    "新型",
];
const EN_ZONE_WORDS: &[&str] = &[
    "industrial",
    "economic",
    "development",
    "high-tech",
    "hi-tech",
    "district",
    "county",
    "park",
    "zone",
];

/// Length of the longest of [`EN_ZONE_WORDS`] (the old zone-word test read this many characters).
#[cfg(test)]
const EN_ZONE_WORD_MAX: usize = 11;

/// Whether the lower-cased `text` starts with one of [`EN_ZONE_WORDS`], compared in place: a
/// copy of the first characters lower-cased cost two strings per weak place. The words are
/// ASCII; an ASCII character lower-cases to its ASCII lower case, and of the others only
/// U+212A KELVIN SIGN lower-cases to an ASCII letter (`k`), and U+0130 to `i` with a combining
/// dot after it, so it can only end a word.
fn starts_with_en_zone_word(text: &str) -> bool {
    EN_ZONE_WORDS.iter().any(|w| {
        let mut chars = text.chars();
        let w = w.as_bytes();
        w.iter().enumerate().all(|(k, &wb)| match chars.next() {
            Some(c) if c.is_ascii() => c.to_ascii_lowercase() as u32 == u32::from(wb),
            Some('\u{212A}') => wb == b'k',
            Some('\u{130}') => wb == b'i' && k + 1 == w.len(),
            _ => false,
        })
    })
}

/// [`en_key`] of each of [`WEAK_SHORT_FORMS`].
static WEAK_SHORT_FORM_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| WEAK_SHORT_FORMS.iter().map(|w| en_key(w)).collect());

/// Character → toneless pinyin for the characters of catalogue names that are not place names
/// (used to compare an English name such as "Jinshan" with 金山).
const PINYIN: &[(char, &str)] = &[
    ('上', "shang"),
    ('业', "ye"),
    ('东', "dong"),
    ('中', "zhong"),
    ('主', "zhu"),
    ('乌', "wu"),
    ('互', "hu"),
    ('产', "chan"),
    ('俄', "e"),
    ('克', "ke"),
    ('其', "qi"),
    ('创', "chuang"),
    ('制', "zhi"),
    ('前', "qian"),
    ('力', "li"),
    ('加', "jia"),
    ('化', "hua"),
    ('区', "qu"),
    ('华', "hua"),
    ('口', "kou"),
    ('右', "you"),
    ('后', "hou"),
    ('哈', "ha"),
    ('土', "tu"),
    ('型', "xing"),
    ('塔', "ta"),
    ('备', "bei"),
    ('大', "da"),
    ('太', "tai"),
    ('学', "xue"),
    ('察', "cha"),
    ('尔', "er"),
    ('属', "shu"),
    ('山', "shan"),
    ('岭', "ling"),
    ('岸', "an"),
    ('工', "gong"),
    ('左', "zuo"),
    ('巴', "ba"),
    ('市', "shi"),
    ('庙', "miao"),
    ('彦', "yan"),
    ('循', "xun"),
    ('托', "tuo"),
    ('承', "cheng"),
    ('技', "ji"),
    ('拉', "la"),
    ('接', "jie"),
    ('斯', "si"),
    ('新', "xin"),
    ('旗', "qi"),
    ('杭', "hang"),
    ('格', "ge"),
    ('桥', "qiao"),
    ('毛', "mao"),
    ('氟', "fu"),
    ('治', "zhi"),
    ('济', "ji"),
    ('海', "hai"),
    ('润', "run"),
    ('深', "shen"),
    ('清', "qing"),
    ('独', "du"),
    ('玉', "yu"),
    ('环', "huan"),
    ('瓦', "wa"),
    ('甘', "gan"),
    ('白', "bai"),
    ('盛', "sheng"),
    ('示', "shi"),
    ('科', "ke"),
    ('移', "yi"),
    ('稀', "xi"),
    ('策', "ce"),
    ('级', "ji"),
    ('经', "jing"),
    ('自', "zi"),
    ('苏', "su"),
    ('茂', "mao"),
    ('范', "fan"),
    ('莫', "mo"),
    ('蒙', "meng"),
    ('装', "zhuang"),
    ('裕', "yu"),
    ('贵', "gui"),
    ('路', "lu"),
    ('转', "zhuan"),
    ('达', "da"),
    ('造', "zao"),
    ('都', "du"),
    ('里', "li"),
    ('金', "jin"),
    ('铝', "lv"),
    ('隆', "long"),
    ('雅', "ya"),
    ('音', "yin"),
    ('高', "gao"),
    ('鸿', "hong"),
    ('黄', "huang"),
    ('龙', "long"),
    ('园', "yuan"),
    ('城', "cheng"),
    ('河', "he"),
    ('林', "lin"),
    ('西', "xi"),
    ('北', "bei"),
    ('南', "nan"),
    ('兴', "xing"),
    ('安', "an"),
    ('和', "he"),
    ('宁', "ning"),
    ('平', "ping"),
    ('泉', "quan"),
    ('沙', "sha"),
    ('川', "chuan"),
    ('原', "yuan"),
    ('湖', "hu"),
    ('石', "shi"),
    ('青', "qing"),
    ('如', "ru"),
    ('意', "yi"),
    ('沁', "qin"),
    ('乐', "le"),
    ('胜', "sheng"),
    ('丰', "feng"),
    ('阳', "yang"),
];

/// English descriptor words → Chinese, for matching English zone names with the catalogue.
const EN_ZH_DESCRIPTORS: &[(&str, &str)] = &[
    ("equipment manufacturing", "装备制造"),
    ("rare earth", "稀土"),
    ("rare-earth", "稀土"),
    ("aluminum", "铝业"),
    ("aluminium", "铝业"),
    ("aluminum industry", "铝业"),
    ("metal deep processing", "金属深加工"),
    ("deep metal processing", "金属深加工"),
    ("metal deep-processing", "金属深加工"),
    ("circular economy", "循环经济"),
    ("cyclic economy", "循环经济"),
    ("recycling economy", "循环经济"),
    ("new-type", "新型"),
    ("new type", "新型"),
    ("new-style", "新型"),
    ("high-tech fluorine chemical", "高科技氟化学"),
    ("fluorine chemical", "氟化学"),
    ("fluorochemical", "氟化学"),
    ("port processing", "口岸加工"),
    ("port", "口岸"),
    ("china-russia border trade", "中俄互市"),
    ("sino-russian border trade", "中俄互市"),
    ("china-russia trade", "中俄互市"),
];

/// FNV-1a. The gazetteer's maps are keyed by short codes and names of its own, looked up for
/// every catalogue row and place mention: SipHash's set-up cost more than the lookups.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map of the gazetteer (never iterated where the order would show).
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// The loaded gazetteer and catalogue.
#[derive(Debug)]
pub struct Gazetteer {
    divisions: Vec<Division>,
    by_code: FastMap<String, usize>,
    by_key: FastMap<String, Vec<usize>>,
    catalogue: Vec<CatalogueRow>,
    en_finder: Regex,
    en_patterns: FastMap<String, (usize, bool)>,
    /// `en_finder` read by hand ([`PlaceKeys`]); `None` when a key is not plain ASCII words
    /// (the regex then finds them).
    en_keys_ac: Option<PlaceKeys>,
    zh_finder: Regex,
    zh_patterns: FastMap<String, (usize, bool)>,
    /// Whether every Chinese spelling holds a non-ASCII character: then an ASCII text (most
    /// texts searched, English names) names no place in Chinese and `zh_finder` is skipped.
    zh_needs_non_ascii: bool,
    /// `zh_parts` of each catalogue row, computed once.
    row_parts: Vec<Option<ZoneNameParts>>,
    /// Per division, its parent's index.
    parents: Vec<Option<usize>>,
    /// Per catalogue row, its places and league as division indices ([`Gazetteer::place_indices`]).
    row_places: Vec<(Vec<usize>, usize)>,
}

/// A place [`Gazetteer::find_place_spans`] found: the division's index and the bytes of `text`
/// that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PlaceSpan {
    pub(crate) i: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    full: bool,
}

impl PlaceSpan {
    fn new(i: usize, start: usize, end: usize, full: bool) -> Self {
        PlaceSpan {
            i,
            start,
            end,
            full,
        }
    }
}

/// A code no division has, as an index (see [`Gazetteer::place_indices`]).
const UNKNOWN_PLACE: usize = usize::MAX;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

fn csv_rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let header = split_csv_line(header.trim_start_matches('\u{feff}'));
    lines
        .map(|line| {
            let cells = split_csv_line(line);
            header
                .iter()
                .enumerate()
                .map(|(i, h)| (h.clone(), cells.get(i).cloned().unwrap_or_default()))
                .collect()
        })
        .collect()
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// The administrative suffixes [`strip_en_suffix`] removes, the longer first.
const EN_SUFFIXES: &[&str] = &[
    " Autonomous Region",
    " Mining District",
    " Management Committee",
    " Autonomous Banner",
    " United Banner",
    " Joint Banner",
    " District",
    " County",
    " Banner",
    " League",
    " City",
];

/// English name without its administrative suffix.
pub fn strip_en_suffix(name: &str) -> String {
    let trimmed = name.trim();
    for s in EN_SUFFIXES {
        // the last bytes compared in place: lower-casing copies of both, per suffix, tested the
        // same (ASCII lower-casing keeps every byte where it is)
        if trimmed.len() > s.len()
            && trimmed.as_bytes()[trimmed.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        {
            return trimmed[..trimmed.len() - s.len()].trim().to_string();
        }
    }
    trimmed.to_string()
}

/// Chinese name without its administrative suffix.
pub fn strip_zh_suffix(name: &str) -> String {
    const SUFFIXES: &[&str] = &[
        "自治区",
        "自治旗",
        "联合旗",
        "矿区",
        "市",
        "盟",
        "旗",
        "县",
        "区",
    ];
    let mut s = name.trim().to_string();
    for suf in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suf) {
            if rest.chars().count() >= 2 {
                s = rest.to_string();
                break;
            }
        }
    }
    if let Some(rest) = s.strip_suffix('族') {
        if rest.chars().count() >= 2 {
            s = rest.to_string();
        }
    }
    s
}

/// Lower-case key for English names: ASCII folding of quotes, hyphens and spaces.
pub fn en_key(name: &str) -> String {
    en_key_prefix(name, usize::MAX)
}

/// The characters of [`en_key`]`(name)`, without building it: comparing one key with the keys of
/// many names allocates nothing and mostly stops at the first character.
pub fn en_key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    EnKeyChars {
        name,
        pos: 0,
        due: ['\0'; 4],
        due_len: 0,
        space: false,
        started: false,
    }
}

struct EnKeyChars<'a> {
    name: &'a str,
    /// The byte offset of the next character of `name` to read.
    pos: usize,
    /// Characters due before reading on, the next one last: the letter after a space just
    /// returned, the rest of a character's lower-case mapping (at most three characters).
    due: [char; 4],
    due_len: u8,
    /// A space is due before the next character (never leading, never trailing).
    space: bool,
    started: bool,
}

impl Iterator for EnKeyChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if self.due_len > 0 {
            self.due_len -= 1;
            return Some(self.due[usize::from(self.due_len)]);
        }
        loop {
            let b = *self.name.as_bytes().get(self.pos)?;
            // names and sentences are mostly ASCII: read and lower-cased as bytes, not decoded
            // and sent through the Unicode case tables (keys of list items and sentences are
            // compared often)
            if b.is_ascii() {
                self.pos += 1;
                let c = match b {
                    b'`' => b'\'',
                    b'-' | b'_' => b' ',
                    b => b,
                };
                // `char::is_whitespace` on ASCII
                if matches!(c, b' ' | b'\t'..=b'\r') {
                    self.space = self.started;
                    continue;
                }
                self.started = true;
                let c = char::from(c.to_ascii_lowercase());
                if std::mem::take(&mut self.space) {
                    self.due = [c, '\0', '\0', '\0'];
                    self.due_len = 1;
                    return Some(' ');
                }
                return Some(c);
            }
            let c = self.name[self.pos..]
                .chars()
                .next()
                .expect("a char boundary");
            self.pos += c.len_utf8();
            let c = match c {
                '’' | '‘' => '\'',
                '–' | '—' => ' ',
                c => c,
            };
            if c.is_whitespace() {
                self.space = self.started;
                continue;
            }
            self.started = true;
            // the mapping, stored last character first
            let mut lower = ['\0'; 3];
            let mut n = 0;
            for l in c.to_lowercase() {
                lower[n] = l;
                n += 1;
            }
            for (k, l) in lower[..n].iter().rev().enumerate() {
                self.due[k] = *l;
            }
            self.due_len = n as u8;
            if std::mem::take(&mut self.space) {
                return Some(' ');
            }
            self.due_len -= 1;
            return Some(self.due[usize::from(self.due_len)]);
        }
    }
}

/// [`en_key`] cut short once it is longer than `limit` bytes: its first `limit` bytes are those of
/// the whole key, which is all a prefix test needs (it saves keying whole sentences).
pub fn en_key_prefix(name: &str, limit: usize) -> String {
    let mut out = String::with_capacity(name.len().min(limit.saturating_add(4)));
    en_key_prefix_into(&mut out, name, limit);
    out
}

/// Whether the ASCII byte `b` is one the key changes other than by case: white space, and the
/// `-`, `_` and `` ` `` it replaces.
fn en_key_special(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | b'-' | b'_' | b'`')
}

/// The English place keys, read where a word starts: `en_finder`'s matches without its lazy
/// DFA (which over the large case-insensitive alternation missed its cache), and with each
/// match's key and entry known instead of built from the match and looked up.
#[derive(Debug)]
struct PlaceKeys {
    /// Keys in the alternation's order (longest first, then by bytes).
    keys: Vec<(String, usize, bool, bool)>,
    /// Per first byte of a key: per length of its first word (its leading run of
    /// `(?-u:\w)` bytes), the keys (indices into `keys`, in order) starting so. A match's first
    /// word is a whole word of the text, so the text's word has that length.
    by_start: Vec<Vec<(usize, Vec<u16>)>>,
    /// Per first byte, a bit per first-word length (below 64) that has keys.
    lens: Vec<u64>,
}

impl PlaceKeys {
    fn new(patterns: &FastMap<String, (usize, bool)>) -> Option<Self> {
        // ASCII keys of words joined by single spaces, starting and ending with a letter or digit
        if !patterns.keys().all(|k| {
            let b = k.as_bytes();
            k.is_ascii()
                && b.len() >= 2
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && !k.contains("  ")
                && !b
                    .iter()
                    .any(|c| c.is_ascii_uppercase() || matches!(c, b'\t'..=b'\r' | b'-' | 0x80..))
        }) || patterns.len() > usize::from(u16::MAX)
        {
            return None;
        }
        let mut keys: Vec<(String, usize, bool, bool)> = patterns
            .iter()
            .map(|(k, &(i, full))| {
                let weak = !full && WEAK_SHORT_FORM_KEYS.iter().any(|w| w == k);
                (k.clone(), i, full, weak)
            })
            .collect();
        keys.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let mut by_start: Vec<Vec<(usize, Vec<u16>)>> = vec![Vec::new(); 128];
        let mut lens = vec![0u64; 128];
        for (n, (k, ..)) in keys.iter().enumerate() {
            let first = usize::from(k.as_bytes()[0]);
            let len = first_word_len(k.as_bytes());
            if len >= 64 {
                return None;
            }
            let list = &mut by_start[first];
            match list.iter_mut().find(|(l, _)| *l == len) {
                Some((_, ids)) => ids.push(n as u16),
                None => list.push((len, vec![n as u16])),
            }
            lens[first] |= 1 << len;
        }
        Some(Self {
            keys,
            by_start,
            lens,
        })
    }

    /// `en_spans_by_regex` on `text`, into `raw`; false (nothing added) when the text holds
    /// U+212A or U+017F, which `(?i)` folds into the ASCII letters k and s.
    fn find(&self, text: &str, raw: &mut Vec<(PlaceSpan, bool)>) -> bool {
        if !text.is_ascii()
            && (memchr::memmem::find(text.as_bytes(), "\u{17F}".as_bytes()).is_some()
                || memchr::memmem::find(text.as_bytes(), "\u{212A}".as_bytes()).is_some())
        {
            return false;
        }
        let b = text.as_bytes();
        let word = |i: usize| b.get(i).is_some_and(|&c| WORD_BYTE[usize::from(c)]);
        let mut i = 0;
        loop {
            // to the next word start: `(?-u:\b)` before a key's first byte (a letter or digit)
            while i < b.len() && !WORD_BYTE[usize::from(b[i])] {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            let start = i;
            // past the word, where the next start can be (a match ends at a word's end)
            i += 1;
            while i < b.len() && WORD_BYTE[usize::from(b[i])] {
                i += 1;
            }
            let first = usize::from(b[start].to_ascii_lowercase());
            let len = i - start;
            if len >= 64 || self.lens[first] & (1 << len) == 0 {
                continue;
            }
            let ids = self.by_start[first]
                .iter()
                .find(|(l, _)| *l == len)
                .map_or(&[][..], |(_, ids)| &ids[..]);
            for &n in ids {
                let (key, d, full, weak) = &self.keys[usize::from(n)];
                let key = key.as_bytes();
                if !b[start..i].eq_ignore_ascii_case(&key[..len]) {
                    continue;
                }
                // the rest; `(?-u:\b)` after the key's last byte (a letter or digit)
                let Some(end) = key_match_end(b, i, &key[len..]).filter(|&e| !word(e)) else {
                    continue;
                };
                if b[start].is_ascii_uppercase() {
                    raw.push((PlaceSpan::new(*d, start, end, *full), *weak));
                }
                // find_iter goes on after the match
                i = end;
                break;
            }
        }
        true
    }
}

/// The bytes of `(?-u:\w)`: ASCII letters, digits and `_`.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// The length of the leading run of `(?-u:\w)` bytes of `b`.
fn first_word_len(b: &[u8]) -> usize {
    b.iter()
        .position(|&c| !WORD_BYTE[usize::from(c)])
        .unwrap_or(b.len())
}

/// Where `key` (lower-case ASCII, single spaces) ends when it matches `b` from `i` as the
/// regex reads it: letters in either case, a space as a run of `[\s\-–]`, `'` as `'` or `’`.
fn key_match_end(b: &[u8], mut t: usize, key: &[u8]) -> Option<usize> {
    for &k in key {
        match k {
            b' ' => {
                let start = t;
                while let Some(n) = separator_len(b, t) {
                    t += n;
                }
                if t == start {
                    return None;
                }
            }
            b'\'' if b[t..].starts_with("’".as_bytes()) => t += 3,
            k => {
                if b.get(t).map(u8::to_ascii_lowercase) != Some(k) {
                    return None;
                }
                t += 1;
            }
        }
    }
    Some(t)
}

/// The length of the `[\s\-–]` character at `t` of `b` (a str's bytes), if one is there.
fn separator_len(b: &[u8], t: usize) -> Option<usize> {
    let c = *b.get(t)?;
    if c.is_ascii() {
        return matches!(c, b' ' | b'\t'..=b'\r' | b'-').then_some(1);
    }
    let s = std::str::from_utf8(&b[t..(t + 4).min(b.len())])
        .or_else(|e| std::str::from_utf8(&b[t..t + e.valid_up_to()]))
        .ok()?;
    let ch = s.chars().next()?;
    (ch == '–' || ch.is_whitespace()).then(|| ch.len_utf8())
}

/// A name key's character for `c`: quotes become an apostrophe, dashes and `_` a space.
fn key_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '-' | '–' | '—' | '_' => ' ',
        c => c,
    }
}

/// [`en_key_prefix`] written to the empty `out` (a buffer used again).
fn en_key_prefix_into(out: &mut String, name: &str, limit: usize) {
    debug_assert!(out.is_empty());
    out.reserve(name.len().min(limit.saturating_add(4)));
    let bytes = name.as_bytes();
    let mut last_space = true;
    let mut i = 0;
    while i < bytes.len() {
        if out.len() > limit {
            break;
        }
        // a run of ASCII bytes the key keeps but for case: copied whole and lower-cased in
        // place, cut where the character-at-a-time loop stopped (once `out` was over `limit`)
        let run = bytes[i..]
            .iter()
            .take_while(|&&b| b.is_ascii() && !en_key_special(b))
            .count();
        if run == 0 && bytes[i].is_ascii() {
            // white space, `-`, `_` or `` ` ``, without decoding
            if bytes[i] == b'`' {
                out.push('\'');
                last_space = false;
            } else {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            }
            i += 1;
            continue;
        }
        if run > 0 {
            let run = run.min((limit - out.len()).saturating_add(1));
            let at = out.len();
            out.push_str(&name[i..i + run]);
            out[at..].make_ascii_lowercase();
            last_space = false;
            i += run;
            continue;
        }
        let c = name[i..].chars().next().expect("a char boundary");
        i += c.len_utf8();
        let c = key_char(c);
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            last_space = false;
        } else {
            out.extend(c.to_lowercase());
            last_space = false;
        }
    }
    // Only ' ' can be whitespace in `out`, never leading, at most one trailing.
    if out.ends_with(' ') {
        out.pop();
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Character offset of byte offset `byte` in `text`.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

impl Gazetteer {
    /// The gazetteer, loaded once.
    pub fn get() -> &'static Gazetteer {
        &GAZETTEER
    }

    fn load() -> Gazetteer {
        let mut divisions = Vec::new();
        for row in csv_rows(DIVISIONS_CSV) {
            let level = match row["level"].as_str() {
                "province" => DivisionLevel::Region,
                "prefecture" => DivisionLevel::City,
                "county" => DivisionLevel::County,
                _ => DivisionLevel::FunctionalArea,
            };
            let name_en = row["name_en"].clone();
            let name_zh = row["name_zh"].clone();
            let mut variants: Vec<String> = row["variants"]
                .split(';')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(String::from)
                .collect();
            let code = row["code"].clone();
            for (c, extra) in ZH_ABBREVIATIONS.iter().chain(EN_EXTRA_VARIANTS) {
                if *c == code {
                    variants.extend(extra.iter().map(|s| s.to_string()));
                }
            }
            let short_en = if level == DivisionLevel::FunctionalArea {
                name_en.clone()
            } else {
                strip_en_suffix(&name_en)
            };
            let short_zh = if level == DivisionLevel::FunctionalArea {
                name_zh.clone()
            } else {
                strip_zh_suffix(&name_zh)
            };
            divisions.push(Division {
                code,
                name_zh,
                level,
                parent_code: row["parent_code"].clone(),
                name_en,
                short_en,
                short_zh,
                variants,
            });
        }
        let by_code = divisions
            .iter()
            .enumerate()
            .map(|(i, d)| (d.code.clone(), i))
            .collect();

        // Lookup keys: every spelling, with and without suffix.
        let mut by_key: FastMap<String, Vec<usize>> = FastMap::default();
        let mut add_key = |k: String, i: usize| {
            if k.is_empty() {
                return;
            }
            let e = by_key.entry(k).or_default();
            if !e.contains(&i) {
                e.push(i);
            }
        };
        for (i, d) in divisions.iter().enumerate() {
            for name in [&d.name_en, &d.short_en, &d.name_zh, &d.short_zh]
                .into_iter()
                .chain(d.variants.iter())
            {
                add_key(en_key(name), i);
                if d.level != DivisionLevel::FunctionalArea {
                    if name.chars().any(is_han) {
                        add_key(strip_zh_suffix(name), i);
                    } else {
                        add_key(en_key(&strip_en_suffix(name)), i);
                    }
                }
            }
        }

        // Finders: alternations of every spelling, longest first (functional areas excluded: they
        // are zones, not places).
        let mut en_patterns: FastMap<String, (usize, bool)> = FastMap::default();
        let mut zh_patterns: FastMap<String, (usize, bool)> = FastMap::default();
        for (i, d) in divisions.iter().enumerate() {
            if d.level == DivisionLevel::FunctionalArea {
                continue;
            }
            let mut en_names: Vec<(String, bool)> =
                vec![(d.name_en.clone(), true), (d.short_en.clone(), false)];
            let mut zh_names: Vec<(String, bool)> =
                vec![(d.name_zh.clone(), true), (d.short_zh.clone(), false)];
            for v in &d.variants {
                if v.chars().any(is_han) {
                    zh_names.push((v.clone(), true));
                } else {
                    let short = strip_en_suffix(v);
                    en_names.push((v.clone(), short != *v));
                    en_names.push((short, false));
                }
            }
            if d.level == DivisionLevel::Region {
                zh_names.push(("内蒙古".to_string(), true));
            }
            for (n, full) in en_names {
                if n.len() >= 4 || (full && n.len() >= 2) {
                    let key = en_key(&n);
                    en_patterns
                        .entry(key)
                        .or_insert((i, full || d.level == DivisionLevel::Region));
                }
            }
            for (n, full) in zh_names {
                if n.chars().count() >= 2 {
                    zh_patterns.entry(n).or_insert((i, full));
                }
            }
        }
        let mut en_alts: Vec<&String> = en_patterns.keys().collect();
        en_alts.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let en_re = en_alts
            .iter()
            .map(|k| {
                k.split(' ')
                    .map(|w| regex::escape(w).replace('\'', "['’]"))
                    .collect::<Vec<_>>()
                    .join(r"[\s\-–]+")
            })
            .collect::<Vec<_>>()
            .join("|");
        let en_finder =
            Regex::new(&format!(r"(?i)(?-u:\b)(?:{en_re})(?-u:\b)")).expect("place regex");
        let en_keys_ac = PlaceKeys::new(&en_patterns);
        let mut zh_alts: Vec<&String> = zh_patterns.keys().collect();
        zh_alts.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        let zh_re = zh_alts
            .iter()
            .map(|k| regex::escape(k))
            .collect::<Vec<_>>()
            .join("|");
        let zh_finder = Regex::new(&format!("(?:{zh_re})")).expect("place regex");
        let zh_needs_non_ascii = zh_patterns.keys().all(|k| !k.is_ascii());

        let gbt: HashMap<String, String> = csv_rows(GBT37028_CSV)
            .into_iter()
            .filter(|r| !r["catalogue_2018_code"].is_empty())
            .map(|r| (r["catalogue_2018_code"].clone(), r["gbt37028_code"].clone()))
            .collect();
        let catalogue = csv_rows(CATALOGUE_CSV)
            .into_iter()
            .map(|r| {
                let level = match r["level"].as_str() {
                    "NATIONAL" => ParkLevel::National,
                    "AUTONOMOUS_REGION" => ParkLevel::AutonomousRegion,
                    _ => match r["approval_level"].as_str() {
                        "国务院" => ParkLevel::National,
                        "省政府" => ParkLevel::AutonomousRegion,
                        _ => ParkLevel::Unspecified,
                    },
                };
                CatalogueRow {
                    gbt37028_code: gbt.get(&r["catalogue_code"]).cloned(),
                    code: r["catalogue_code"].clone(),
                    name_zh: r["name_zh"].clone(),
                    approval_level: r["approval_level"].clone(),
                    level,
                    zone_type: r["zone_type"].clone(),
                    approved: r["approved"].replace('.', "-"),
                    approved_area_ha: decimal_string(&r["approved_area_ha"]),
                    leading_industries: r["leading_industries"].clone(),
                    league_code: r["league_code_derived"].clone(),
                }
            })
            .collect();
        let mut g = Gazetteer {
            divisions,
            by_code,
            by_key,
            catalogue,
            en_finder,
            en_patterns,
            en_keys_ac,
            zh_finder,
            zh_needs_non_ascii,
            zh_patterns,
            row_parts: Vec::new(),
            parents: Vec::new(),
            row_places: Vec::new(),
        };
        // codes name divisions: index equality is code equality
        assert_eq!(
            g.by_code.len(),
            g.divisions.len(),
            "division codes are unique"
        );
        g.parents = g
            .divisions
            .iter()
            .map(|d| g.parent(d).map(|p| g.by_code[&p.code]))
            .collect();
        g.row_parts = g.catalogue.iter().map(|r| g.zh_parts(&r.name_zh)).collect();
        g.row_places = g
            .catalogue
            .iter()
            .zip(&g.row_parts)
            .map(|(r, p)| {
                let have = p.as_ref().map_or(&[][..], |p| &p.places[..]);
                (
                    g.place_indices(have),
                    g.place_indices(std::slice::from_ref(&r.league_code))[0],
                )
            })
            .collect();
        g
    }

    /// The division indices of `codes`; [`UNKNOWN_PLACE`] for a code no division has.
    fn place_indices(&self, codes: &[String]) -> Vec<usize> {
        codes
            .iter()
            .map(|c| {
                self.by_code
                    .get(c.as_str())
                    .copied()
                    .unwrap_or(UNKNOWN_PLACE)
            })
            .collect()
    }

    /// Catalogue rows with their parts and [`Gazetteer::row_places`].
    fn rows_with_places(
        &self,
    ) -> impl Iterator<Item = (&CatalogueRow, &ZoneNameParts, &(Vec<usize>, usize))> {
        self.catalogue
            .iter()
            .zip(&self.row_parts)
            .zip(&self.row_places)
            .filter_map(|((r, p), i)| p.as_ref().map(|p| (r, p, i)))
    }

    fn rows_with_parts(&self) -> impl Iterator<Item = (&CatalogueRow, &ZoneNameParts)> {
        self.catalogue
            .iter()
            .zip(&self.row_parts)
            .filter_map(|(r, p)| p.as_ref().map(|p| (r, p)))
    }

    /// Every division, region first.
    pub fn divisions(&self) -> &[Division] {
        &self.divisions
    }

    /// Every catalogue row.
    pub fn catalogue(&self) -> &[CatalogueRow] {
        &self.catalogue
    }

    /// The division with this code.
    pub fn by_code(&self, code: &str) -> Option<&Division> {
        self.by_code.get(code).map(|&i| &self.divisions[i])
    }

    /// The region (Inner Mongolia).
    pub fn region(&self) -> &Division {
        &self.divisions[0]
    }

    /// A division by any of its names: English or variant (case-insensitive, with or without
    /// suffix: `Togtoh`, `togtoh county`, `Tuoketuo`), Chinese with or without suffix
    /// (`托克托县`, `托克托`), or abbreviation (`土右旗`). The higher-level division wins a tie.
    pub fn lookup(&self, name: &str) -> Option<&Division> {
        let name = name
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("The ");
        let key = en_key(name);
        let hits = self.by_key.get(&key).or_else(|| {
            if name.chars().any(is_han) {
                self.by_key.get(&strip_zh_suffix(name))
            } else {
                self.by_key.get(&en_key(&strip_en_suffix(name)))
            }
        })?;
        hits.iter()
            .map(|&i| &self.divisions[i])
            .min_by_key(|d| d.level)
    }

    /// The parent of a division.
    pub fn parent(&self, d: &Division) -> Option<&Division> {
        if d.parent_code.is_empty() {
            None
        } else {
            self.by_code(&d.parent_code)
        }
    }

    /// The division and its ancestors, most specific first (county → city → region).
    pub fn ancestors<'a>(&'a self, d: &'a Division) -> Vec<&'a Division> {
        let mut out = vec![d];
        let mut cur = d;
        while let Some(p) = self.parent(cur) {
            out.push(p);
            cur = p;
        }
        out
    }

    /// The city (league) a division is in, or the division itself when it is one.
    pub fn city_of<'a>(&'a self, d: &'a Division) -> Option<&'a Division> {
        self.ancestors(d)
            .into_iter()
            .find(|a| a.level == DivisionLevel::City)
    }

    /// The county-level division, when `d` is one.
    pub fn county_of<'a>(&'a self, d: &'a Division) -> Option<&'a Division> {
        (d.level == DivisionLevel::County).then_some(d)
    }

    /// The region a division is in.
    pub fn region_of<'a>(&'a self, d: &'a Division) -> Option<&'a Division> {
        self.ancestors(d)
            .into_iter()
            .find(|a| a.level == DivisionLevel::Region)
    }

    /// Whether `a` is `b` or lies inside it.
    pub fn within(&self, a: &Division, b: &Division) -> bool {
        // walks the parents instead of collecting `ancestors`: catalogue matching asks this
        // for every row
        let mut cur = Some(a);
        while let Some(x) = cur {
            if x.code == b.code {
                return true;
            }
            cur = self.parent(x);
        }
        false
    }

    /// Every place named in `text`, in order, non-overlapping (longest spelling wins). English
    /// names must be capitalised; weak short forms (Hainan, Qingshan, 2-character Chinese
    /// county names) count only beside their parent city or before a zone word.
    pub fn find_places(&self, text: &str) -> Vec<PlaceMention> {
        // the spans come in order: each character offset is counted on from the last one's
        let mut at = (0, 0);
        self.find_place_spans(text)
            .into_iter()
            .map(|p| {
                let cs = at.1 + char_offset(&text[at.0..], p.start - at.0);
                at = (p.start, cs);
                self.mention(text, cs, p)
            })
            .collect()
    }

    /// [`Gazetteer::find_places`] as division indices and byte spans: the gazetteer's own
    /// readers (and the resolver's) need no code or text copied per place.
    pub(crate) fn find_place_spans(&self, text: &str) -> Vec<PlaceSpan> {
        // an empty text names no place (a Chinese page's park has no English name, most English
        // ones no Chinese name): no finder is set up for it
        if text.is_empty() {
            return Vec::new();
        }
        let mut raw: Vec<(PlaceSpan, bool)> = Vec::new();
        if !self
            .en_keys_ac
            .as_ref()
            .is_some_and(|keys| keys.find(text, &mut raw))
        {
            self.en_spans_by_regex(text, &mut raw);
        }
        let may_name_zh = !(self.zh_needs_non_ascii && text.is_ascii());
        for m in may_name_zh
            .then(|| self.zh_finder.find_iter(text))
            .into_iter()
            .flatten()
        {
            let Some(&(i, full)) = self.zh_patterns.get(m.as_str()) else {
                continue;
            };
            let d = &self.divisions[i];
            let weak = !full
                && ((d.level == DivisionLevel::County && m.as_str().chars().count() <= 2)
                    || WEAK_SHORT_FORMS_ZH.contains(&m.as_str()));
            raw.push((PlaceSpan::new(i, m.start(), m.end(), full), weak));
        }
        raw.sort_by_key(|(p, _)| p.start);
        if !raw.iter().any(|(_, weak)| *weak) {
            return raw.into_iter().map(|(p, _)| p).collect();
        }
        let mut keep: Vec<bool> = Vec::with_capacity(raw.len());
        for (k, (p, weak)) in raw.iter().enumerate() {
            if *weak {
                let d = self.division(p.i);
                let after = &text[p.end..];
                let zone_word = ZH_ZONE_WORDS.iter().any(|w| after.starts_with(w))
                    || starts_with_en_zone_word(after.trim_start());
                let parent_near = raw.iter().enumerate().any(|(j, (q, _))| {
                    j != k
                        && self.divisions[q.i].code == d.parent_code
                        && q.end + 16 >= p.start
                        && q.start <= p.end + 16
                });
                if !zone_word && !parent_near {
                    keep.push(false);
                    continue;
                }
            }
            keep.push(true);
        }
        raw.into_iter()
            .zip(keep)
            .filter_map(|((p, _), k)| k.then_some(p))
            .collect()
    }

    /// The English places of [`Gazetteer::find_place_spans`] by `en_finder`, each match's key
    /// looked up.
    fn en_spans_by_regex(&self, text: &str, raw: &mut Vec<(PlaceSpan, bool)>) {
        // one buffer for every match's key
        let mut key = String::new();
        for m in self.en_finder.find_iter(text) {
            key.clear();
            en_key_prefix_into(&mut key, m.as_str(), usize::MAX);
            let key = key.as_str();
            let Some(&(i, full)) = self.en_patterns.get(key) else {
                continue;
            };
            if !m.as_str().starts_with(|c: char| c.is_uppercase()) {
                continue;
            }
            let weak = !full && WEAK_SHORT_FORM_KEYS.iter().any(|k| k == key);
            raw.push((PlaceSpan::new(i, m.start(), m.end(), full), weak));
        }
    }

    /// Division `i` (an index of [`Gazetteer::find_place_spans`]).
    pub(crate) fn division(&self, i: usize) -> &Division {
        &self.divisions[i]
    }

    /// The mention of `p`, whose first character is character `cs` of `text`.
    fn mention(&self, text: &str, cs: usize, p: PlaceSpan) -> PlaceMention {
        debug_assert_eq!(cs, char_offset(text, p.start));
        let written = &text[p.start..p.end];
        PlaceMention {
            code: self.divisions[p.i].code.clone(),
            start: cs,
            end: cs + written.chars().count(),
            byte_start: p.start,
            byte_end: p.end,
            text: written.to_string(),
            full: p.full,
        }
    }

    /// `text` with every English place spelling replaced by the division's canonical short English
    /// name (`Tuoketuo` → `Togtoh`, `Erdos` → `Ordos`, `Juungar` → `Jungar`); the administrative
    /// suffix written is kept.
    pub fn canonical_en(&self, text: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for p in self.find_place_spans(text) {
            let written = &text[p.start..p.end];
            if written.chars().any(is_han) {
                continue;
            }
            let d = self.division(p.i);
            out.push_str(&text[last..p.start]);
            let written_short = strip_en_suffix(written);
            let suffix = &written[written_short.len()..];
            if d.level == DivisionLevel::Region {
                out.push_str(&d.short_en);
            } else {
                out.push_str(&d.short_en);
                out.push_str(suffix);
            }
            last = p.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// The catalogue row of a park named `name_en` and/or `name_zh`: the Chinese name first (exact,
    /// then by place + core + zone class), then the English name (a functional-area spelling, or
    /// place + zone class + descriptor translated or in pinyin).
    pub fn match_catalogue(
        &self,
        name_en: Option<&str>,
        name_zh: Option<&str>,
    ) -> Option<&CatalogueRow> {
        name_zh
            .filter(|s| !s.trim().is_empty())
            .and_then(|zh| self.match_catalogue_zh(zh))
            .or_else(|| {
                name_en
                    .filter(|s| !s.trim().is_empty())
                    .and_then(|en| self.match_catalogue_en(en))
            })
    }

    /// The catalogue row of a Chinese zone name.
    pub fn match_catalogue_zh(&self, name: &str) -> Option<&CatalogueRow> {
        let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(r) = self.catalogue.iter().find(|r| r.name_zh == name) {
            return Some(r);
        }
        let want = self.zh_parts(&name)?;
        let want_places = self.place_indices(&want.places);
        let mut hits: Vec<&CatalogueRow> = Vec::new();
        for (r, have, (have_places, league)) in self.rows_with_places() {
            if have.core == want.core
                && have.class.compatible(want.class)
                && self.places_compatible(&want_places, have_places, *league)
                && (!want.places.is_empty() || !want.core.is_empty())
            {
                hits.push(r);
            }
        }
        pick(hits, want.class, self)
    }

    /// The catalogue row of an English zone name.
    pub fn match_catalogue_en(&self, name: &str) -> Option<&CatalogueRow> {
        let cleaned = clean_en_zone_name(name);
        // A functional area's name or variant (Alshaa Economic Development Zone).
        let key = en_key(&cleaned);
        let key = key
            .strip_prefix("inner mongolian ")
            .or_else(|| key.strip_prefix("inner mongolia "))
            .unwrap_or(&key)
            .to_string();
        // `by_key` holds every division under the keys of its names, in division order: only
        // those need their names keyed again
        if let Some(d) = self
            .by_key
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| &self.divisions[i])
            .filter(|d| d.level == DivisionLevel::FunctionalArea)
            .find(|d| {
                en_key_chars(&d.name_en).eq(key.chars())
                    || d.variants.iter().any(|v| en_key_chars(v).eq(key.chars()))
            })
        {
            if let Some(r) = self.match_catalogue_zh(&d.name_zh) {
                return Some(r);
            }
            for v in d.variants.iter().filter(|v| v.chars().any(is_han)) {
                if let Some(r) = self.match_catalogue_zh(v) {
                    return Some(r);
                }
            }
        }
        let parts = self.en_parts(&cleaned)?;
        if parts.places.is_empty() {
            return None;
        }
        let want_places = self.place_indices(&parts.places);
        let mut hits: Vec<&CatalogueRow> = Vec::new();
        for (r, have, (have_places, league)) in self.rows_with_places() {
            if !have.class.compatible(parts.class)
                || !self.places_compatible(&want_places, have_places, *league)
            {
                continue;
            }
            let core_ok = if parts.descriptor.is_empty() {
                have.core.is_empty()
            } else {
                let pinyin = pinyin_of(&have.core);
                let letters: String = parts
                    .descriptor
                    .chars()
                    .filter(|c| c.is_ascii_alphabetic())
                    .collect();
                parts.descriptor_zh.as_deref() == Some(have.core.as_str())
                    || (!pinyin.is_empty() && pinyin == letters.to_ascii_lowercase())
            };
            if core_ok {
                hits.push(r);
            }
        }
        pick(hits, parts.class, self)
    }

    /// Places compatible when every place of the name is one of the row's places (or contains
    /// or lies in one), or the row names no place and is in the name's city. Places are division
    /// indices ([`Gazetteer::place_indices`]): this runs for every catalogue row, and the codes
    /// were looked up and their parents walked by hash for each.
    fn places_compatible(&self, want: &[usize], have: &[usize], league: usize) -> bool {
        let known = |i: usize| i < self.divisions.len();
        let related = |a: usize, b: usize| {
            known(a) && known(b) && (self.within_index(a, b) || self.within_index(b, a))
        };
        // the region is division 0
        let want = || want.iter().copied().filter(|&c| c != 0);
        let have = || have.iter().copied().filter(|&c| c != 0);
        if want().next().is_none() {
            return have().next().is_none();
        }
        if have().next().is_none() {
            return want().all(|w| related(w, league));
        }
        let county = |i: usize| self.divisions[i].level == DivisionLevel::County;
        want().all(|w| have().any(|h| related(w, h)))
            && have().all(|h| want().any(|w| related(w, h)))
            // A county named must be the row's county (not merely in its city).
            && want().all(|w| !county(w) || have().any(|h| h == w))
            && have().all(|h| !county(h) || want().any(|w| w == h))
    }

    /// [`Gazetteer::within`] by division index.
    fn within_index(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(a);
        while let Some(x) = cur {
            if x == b {
                return true;
            }
            cur = self.parents[x];
        }
        false
    }

    /// The code-based original of [`Gazetteer::places_compatible`], kept to pin it.
    #[cfg(test)]
    fn places_compatible_by_code(&self, want: &[String], have: &[String], league: &str) -> bool {
        let related = |a: &str, b: &str| {
            let (Some(da), Some(db)) = (self.by_code(a), self.by_code(b)) else {
                return false;
            };
            self.within(da, db) || self.within(db, da)
        };
        let region = &self.region().code;
        // iterators, not filtered copies: this runs for every catalogue row
        let want = || want.iter().filter(|c| *c != region);
        let have = || have.iter().filter(|c| *c != region);
        if want().next().is_none() {
            return have().next().is_none();
        }
        if have().next().is_none() {
            return want().all(|w| related(w, league));
        }
        want().all(|w| have().any(|h| related(w, h)))
            && have().all(|h| want().any(|w| related(w, h)))
            && want().all(|w| {
                // A county named must be the row's county (not merely in its city).
                let d = self.by_code(w).expect("code");
                d.level != DivisionLevel::County || have().any(|h| h == w)
            })
            && have().all(|h| {
                let d = self.by_code(h).expect("code");
                d.level != DivisionLevel::County || want().any(|w| w == h)
            })
    }

    /// Splits a Chinese zone name into leading places, core words and zone class.
    pub fn zh_parts(&self, name: &str) -> Option<ZoneNameParts> {
        let mut s: String = name
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '—' | '－' | '-' | '–' | '·'))
            .collect();
        // Every level word ends in 级: a name without one (most) is not copied four times.
        if s.contains('级') {
            for lvl in ["国家级", "自治区级", "省级", "市级"] {
                s = s.replace(lvl, "");
            }
        }
        let (class, suffix, _) = zh_zone_class(&s)?;
        let body_end = s.len() - suffix.len();
        let mut places = Vec::new();
        let mut pos = 0;
        for p in self.find_place_spans(&s) {
            if p.start >= body_end {
                break;
            }
            let gap = &s[pos..p.start];
            if !(gap.is_empty() || ((gap == "市" || gap == "盟") && !places.is_empty())) {
                break;
            }
            places.push(self.division(p.i).code.clone());
            pos = p.end.min(body_end);
        }
        let mut core = &s[pos..body_end];
        if !places.is_empty() {
            core = core
                .strip_prefix('市')
                .or_else(|| core.strip_prefix('盟'))
                .unwrap_or(core);
        }
        Some(ZoneNameParts {
            places,
            core: core.to_string(),
            class,
            descriptor: String::new(),
            descriptor_zh: None,
        })
    }

    /// Splits an English zone name into places, descriptor words and zone class.
    pub fn en_parts(&self, name: &str) -> Option<ZoneNameParts> {
        let cleaned = clean_en_zone_name(name);
        let (rest, class) = en_zone_class(&cleaned)?;
        let places_found = self.find_place_spans(rest);
        let mut places = Vec::new();
        let mut descriptor = String::new();
        let mut last = 0;
        for p in &places_found {
            descriptor.push_str(&rest[last..p.start]);
            descriptor.push(' ');
            places.push(self.division(p.i).code.clone());
            last = p.end;
        }
        descriptor.push_str(&rest[last..]);
        let descriptor = en_key(&descriptor);
        let descriptor = descriptor
            .split(' ')
            .filter(|w| {
                !matches!(
                    *w,
                    "" | "the"
                        | "of"
                        | "national"
                        | "state"
                        | "level"
                        | "inner"
                        | "mongolia"
                        | "mongolian"
                )
            })
            .collect::<Vec<_>>()
            .join(" ");
        let descriptor_zh = translate_descriptor(&descriptor);
        Some(ZoneNameParts {
            places,
            core: String::new(),
            class,
            descriptor,
            descriptor_zh,
        })
    }
}

/// A zone name taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneNameParts {
    /// Codes of the places named, in order.
    pub places: Vec<String>,
    /// Chinese: what is left between places and zone suffix (`装备制造`).
    pub core: String,
    /// Zone class from the suffix.
    pub class: ZoneClass,
    /// English: the words that are neither place nor zone words (`equipment manufacturing`).
    pub descriptor: String,
    /// English descriptor translated, when the glossary knows every word.
    pub descriptor_zh: Option<String>,
}

fn pick<'a>(
    hits: Vec<&'a CatalogueRow>,
    class: ZoneClass,
    g: &Gazetteer,
) -> Option<&'a CatalogueRow> {
    if hits.len() == 1 {
        return hits.into_iter().next();
    }
    let exact: Vec<&CatalogueRow> = hits
        .into_iter()
        .filter(|r| {
            g.rows_with_parts()
                .any(|(x, p)| x.code == r.code && p.class == class)
        })
        .collect();
    if exact.len() == 1 {
        exact.into_iter().next()
    } else {
        None
    }
}

fn pinyin_of(zh: &str) -> String {
    let mut out = String::new();
    for c in zh.chars() {
        match PINYIN.iter().find(|(h, _)| *h == c) {
            Some((_, p)) => out.push_str(p),
            None => return String::new(),
        }
    }
    out
}

fn translate_descriptor(descriptor: &str) -> Option<String> {
    if descriptor.is_empty() {
        return None;
    }
    let words: Vec<&str> = descriptor.split(' ').collect();
    let mut out = String::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for len in (1..=words.len() - i).rev() {
            let phrase = words[i..i + len].join(" ");
            let alt = words[i..i + len].join("-");
            if let Some((_, zh)) = EN_ZH_DESCRIPTORS
                .iter()
                .find(|(en, _)| *en == phrase || *en == alt)
            {
                out.push_str(zh);
                i += len;
                continue 'outer;
            }
        }
        return None;
    }
    Some(out)
}

/// Removes parenthesised notes, a leading article and possessives from an English zone name.
pub fn clean_en_zone_name(name: &str) -> String {
    static PAREN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s*[（(][^)）]*[)）]").expect("re"));
    // a note needs an opening bracket: most names have none, and the regex (led by \s*) has no
    // literal to skip ahead with
    // the full-width bracket and the curly apostrophe are not ASCII: most names need neither
    // search (`s` below is cut from `name`, so it is ASCII when `name` is)
    let ascii = name.is_ascii();
    let s = if has_char(name, '(') || (!ascii && has_char(name, '（')) {
        PAREN.replace_all(name, "")
    } else {
        std::borrow::Cow::Borrowed(name)
    };
    let s = s.trim();
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    if !ascii && has_char(s, '’') {
        s.replace('’', "'").trim().to_string()
    } else {
        s.trim().to_string()
    }
}

/// `s.contains(c)` as a byte search for the character's last byte, the rarest in text (no
/// substring searcher to build, no character decoded).
fn has_char(s: &str, c: char) -> bool {
    let mut buf = [0u8; 4];
    let c = c.encode_utf8(&mut buf).as_bytes();
    let b = s.as_bytes();
    let last = c[c.len() - 1];
    memchr::memchr_iter(last, b).any(|i| i + 1 >= c.len() && b[..=i].ends_with(c))
}

/// English zone-kind phrases, most specific first.
/// With each, the zone words (bits of [`zone_word_at_end`]) its match can end with: a name ending
/// in none of them is not tried on it; and a literal test ([`ZoneGate`]) every ASCII name it
/// matches passes, so most names are not searched by most of them.
static EN_ZONE_CLASS: LazyLock<Vec<(Regex, ZoneClass, u8, ZoneGate)>> = LazyLock::new(|| {
    const ZAP: u8 = ZONE | AREA | PARK;
    use ZoneGate::{CatchAll, Contains, Word};
    let pats: &[(&str, ZoneClass, u8, ZoneGate)] = &[
        (
            r"(?i)(?-u:\b)(?:hi|high)[\s-]*tech(?:nology)?(?-u:\b)(?:\s+\w+){0,3}?\s+(?:zone|park|area)$",
            ZoneClass::HighTech,
            ZAP,
            Contains("tech"),
        ),
        (
            r"(?i)(?-u:\b)economic\s+(?:and|&)\s+technolog(?:ical|y)\s+development\s+(?:zone|area)$",
            ZoneClass::EconomicTechnological,
            ZONE | AREA,
            Word(&["development"]),
        ),
        (
            r"(?i)(?-u:\b)etdz$",
            ZoneClass::EconomicTechnological,
            ETDZ,
            Word(&[""]),
        ),
        (
            r"(?i)(?-u:\b)border\s+economic\s+cooperation\s+zone$",
            ZoneClass::Border,
            ZONE,
            Word(&["cooperation"]),
        ),
        (
            r"(?i)(?-u:\b)(?:comprehensive\s+)?bonded\s+(?:zone|area|park)$",
            ZoneClass::Bonded,
            ZAP,
            Word(&["bonded"]),
        ),
        (
            r"(?i)(?-u:\b)export\s+processing\s+zone$",
            ZoneClass::Bonded,
            ZONE,
            Word(&["processing"]),
        ),
        (
            r"(?i)(?-u:\b)economic\s+(?:development\s+)?(?:zone|area|park)$",
            ZoneClass::Economic,
            ZAP,
            Word(&["economic", "development"]),
        ),
        (
            r"(?i)(?-u:\b)development\s+zone$",
            ZoneClass::Economic,
            ZONE,
            Word(&["development"]),
        ),
        (
            r"(?i)(?-u:\b)industr(?:ial|y)\s+(?:park|zone|area|garden)$",
            ZoneClass::Industrial,
            ZAP | GARDEN,
            Word(&["industrial", "industry"]),
        ),
        (
            r"(?i)(?-u:\b)(?:park|zone)$",
            ZoneClass::Industrial,
            ZONE | PARK,
            CatchAll,
        ),
    ];
    pats.iter()
        .map(|(p, c, m, g)| (Regex::new(p).expect("re"), *c, *m, *g))
        .collect()
});

/// What an ASCII name must show for an [`EN_ZONE_CLASS`] pattern to match it (the patterns are
/// case-insensitive; on ASCII text that is ASCII case-insensitive). Each is a byte test on a
/// short name where the regex call costs a reverse search from the end.
#[derive(Clone, Copy)]
enum ZoneGate {
    /// The word anywhere in the name.
    Contains(&'static str),
    /// One of the words just before the white space before the zone word (`""`: any).
    Word(&'static [&'static str]),
    /// `(?-u:\b)(?:park|zone)$`, decided here: the zone word and an ASCII word boundary.
    CatchAll,
}

/// Whether `b` holds `word` (ASCII lower case, starting with a letter) ASCII
/// case-insensitively; only where its first letter is, in either case, is the rest compared.
fn contains_ascii_ci(b: &[u8], word: &str) -> bool {
    let w = word.as_bytes();
    memchr::memchr2_iter(w[0], w[0].to_ascii_uppercase(), b)
        .any(|i| b[i..].len() >= w.len() && b[i + 1..i + w.len()].eq_ignore_ascii_case(&w[1..]))
}

const ZONE: u8 = 1;
const PARK: u8 = 2;
const AREA: u8 = 4;
const GARDEN: u8 = 8;
const ETDZ: u8 = 16;

/// Which zone word `name` ends with, ASCII case-insensitively (and "park" with a Kelvin sign,
/// which the regexes' case folding takes for a k): one bit, or 0.
fn zone_word_at_end(name: &str) -> u8 {
    let b = name.as_bytes();
    let ends = |w: &[u8]| b.len() >= w.len() && b[b.len() - w.len()..].eq_ignore_ascii_case(w);
    if ends(b"zone") {
        ZONE
    } else if ends(b"park") || ends("par\u{212A}".as_bytes()) {
        PARK
    } else if ends(b"area") {
        AREA
    } else if ends(b"garden") {
        GARDEN
    } else if ends(b"etdz") {
        ETDZ
    } else {
        0
    }
}

/// The zone class of an English name, and the name without its zone phrase.
pub fn en_zone_class(name: &str) -> Option<(&str, ZoneClass)> {
    let end = zone_word_at_end(name);
    if end == 0 {
        return None;
    }
    let b = name.as_bytes();
    // the literal gates hold for ASCII names (where the zone words are 4 or 6 ASCII bytes); a
    // name with other characters (case folding, Unicode \s and \w) runs every pattern
    let ascii = name.is_ascii();
    // the name before its zone word and the white space before that (ASCII: \s is these bytes)
    let zone_len = if end == GARDEN { 6 } else { 4 };
    let before = &b[..b.len() - zone_len];
    let word_end = before.len()
        - before
            .iter()
            .rev()
            .take_while(|&&c| matches!(c, b' ' | b'\t'..=b'\r'))
            .count();
    let ends_word = |w: &str| {
        let w = w.as_bytes();
        word_end >= w.len() && before[word_end - w.len()..word_end].eq_ignore_ascii_case(w)
    };
    for (re, class, _, gate) in EN_ZONE_CLASS.iter().filter(|(_, _, m, _)| m & end != 0) {
        if ascii {
            match *gate {
                ZoneGate::Contains(w) if !contains_ascii_ci(before, w) => continue,
                ZoneGate::Word(ws) if !ws.iter().any(|w| ends_word(w)) => continue,
                ZoneGate::CatchAll => {
                    let start = before.len();
                    let boundary = start == 0
                        || !(b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_');
                    return boundary.then(|| (name[..start].trim(), *class));
                }
                _ => {}
            }
        }
        if let Some(m) = re.find(name) {
            return Some((name[..m.start()].trim(), *class));
        }
    }
    None
}

/// `en_zone_class` trying every pattern (pins the zone-word filter).
#[cfg(test)]
fn en_zone_class_plain(name: &str) -> Option<(&str, ZoneClass)> {
    for (re, class, _, _) in EN_ZONE_CLASS.iter() {
        if let Some(m) = re.find(name) {
            return Some((name[..m.start()].trim(), *class));
        }
    }
    None
}

/// The zone class of a Chinese name and the English phrase for its suffix.
pub fn zh_zone_class(name: &str) -> Option<(ZoneClass, &'static str, &'static str)> {
    ZH_ZONE_SUFFIXES
        .iter()
        .find(|(s, _, _)| name.ends_with(s))
        .map(|(s, c, en)| (*c, *s, *en))
}

fn decimal_string(s: &str) -> String {
    let s = s.trim();
    if s.contains('.') {
        let t = s.trim_end_matches('0').trim_end_matches('.');
        if t.is_empty() {
            "0".to_string()
        } else {
            t.to_string()
        }
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key reader as it was before its ASCII fast path: every character through the Unicode
    /// case tables.
    fn en_key_general(name: &str) -> String {
        let (mut out, mut space, mut started) = (String::new(), false, false);
        for c in name.chars() {
            let c = key_char(c);
            if c.is_whitespace() {
                space = started;
                continue;
            }
            started = true;
            if std::mem::take(&mut space) {
                out.push(' ');
            }
            out.extend(c.to_lowercase());
        }
        out
    }

    #[test]
    fn key_chars_agree_with_the_general_reader() {
        let pieces = [
            "a", "Z", "Steel", "  ", " ", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{3000}",
            "-", "–", "—", "_", "’", "‘", "`", "'", "é", "É", "İ", "ẞ", "\u{212a}", "ſ", "Σ", "中",
            "1", "&", ".", "\u{1c}", "\u{85}",
        ];
        for t in crate::test_support::Xorshift::texts(0x2545_f491_4f6c_dd1d, 40000, 12, &pieces) {
            assert_eq!(
                en_key_chars(&t).collect::<String>(),
                en_key_general(&t),
                "{t:?}"
            );
            // the parks module compares keys as they are read where it kept built ones
            assert_eq!(en_key(&t), en_key_general(&t), "{t:?}");
        }
    }

    /// `en_key_prefix` as it was, a character at a time (pins the copied ASCII runs).
    fn en_key_prefix_chars(name: &str, limit: usize) -> String {
        let mut out = String::new();
        let mut last_space = true;
        for c in name.chars() {
            if out.len() > limit {
                break;
            }
            let c = key_char(c);
            if c.is_whitespace() {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                out.extend(c.to_lowercase());
                last_space = false;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    #[test]
    fn key_prefixes_agree_with_the_character_loop() {
        let pieces = [
            "a",
            "Z",
            "Steel Park",
            "  ",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "\r",
            "\u{a0}",
            "\u{3000}",
            "-",
            "–",
            "—",
            "_",
            "’",
            "`",
            "'",
            "é",
            "É",
            "İ",
            "\u{212a}",
            "ſ",
            "中",
            "1",
            "&",
            "\u{1c}",
            "\u{85}",
            "Hohhot",
            "x-y",
        ];
        for t in crate::test_support::Xorshift::texts(0x1234_5678_9abc_def1, 40000, 10, &pieces) {
            for limit in [0, 1, 2, 3, 5, 8, 13, 40, usize::MAX] {
                assert_eq!(
                    en_key_prefix(&t, limit),
                    en_key_prefix_chars(&t, limit),
                    "{t:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn zone_word_filter_agrees_with_trying_every_pattern() {
        let pieces = [
            " ",
            "-",
            "hi",
            "High",
            "tech",
            "Technology",
            "economic",
            "and",
            "&",
            "technological",
            "development",
            "zone",
            "ZONE",
            "area",
            "park",
            "Park",
            "par\u{212A}",
            "PAR\u{212A}",
            "garden",
            "etdz",
            "ETDZ",
            "border",
            "cooperation",
            "comprehensive",
            "bonded",
            "export",
            "processing",
            "industrial",
            "industry",
            "x",
            "é",
            "s",
            "\u{17F}",
            "\t",
            "\u{b}",
            "\u{a0}",
            "_",
            "1",
            "Hi-Tech",
            "hightech",
            "Economic and Technological Development Zone",
            "Export Processing",
            "Industrial Park",
            "  ",
        ];
        for t in crate::test_support::Xorshift::texts(0x5851_f42d_4c95_7f2d, 200_000, 10, &pieces) {
            assert_eq!(en_zone_class(&t), en_zone_class_plain(&t), "{t:?}");
        }
    }

    #[test]
    fn place_keys_find_what_the_regex_finds() {
        let g = Gazetteer::get();
        let keys = g.en_keys_ac.as_ref().expect("ASCII keys");
        let pieces = [
            "Hohhot",
            "HOHHOT",
            "hohhot",
            "Baotou",
            "Ordos",
            "ordos",
            "Inner",
            "Mongolia",
            "Inner Mongolia",
            "INNER  MONGOLIA",
            "Bayan",
            "Nur",
            "Baiyun",
            "ebo",
            "E",
            "erduosi",
            "Ejin",
            "Horo",
            "Banner",
            "City",
            "Qi",
            "Tumed",
            "Left",
            "Youqi",
            "Xilinhot",
            "Erenhot",
            " ",
            "  ",
            "-",
            "–",
            "—",
            "\u{3000}",
            "\u{a0}",
            "\t",
            "\n",
            "'",
            "’",
            "‘",
            "_",
            "s",
            "k",
            "K",
            "\u{212a}",
            "\u{17f}",
            "x",
            "7",
            "é",
            "中",
            "呼和浩特",
            ",",
            ".",
            "(",
            ")",
            "Park",
            "Zone",
        ];
        let mut found = 0;
        for t in crate::test_support::Xorshift::texts(0x2f6c_1a9b_77d3_0e41, 60_000, 14, &pieces) {
            let (mut by_keys, mut by_regex) = (Vec::new(), Vec::new());
            g.en_spans_by_regex(&t, &mut by_regex);
            let decided = keys.find(&t, &mut by_keys);
            assert_eq!(decided, !t.contains(['\u{212a}', '\u{17f}']), "{t:?}");
            if decided {
                assert_eq!(by_keys, by_regex, "{t:?}");
                found += by_keys.len();
            } else {
                assert!(by_keys.is_empty());
            }
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn ascii_texts_name_no_chinese_place() {
        // `find_places` skips the Chinese finder on ASCII text: with the real gazetteer, every
        // Chinese spelling holds a non-ASCII character, so the skip is taken and loses nothing
        let g = Gazetteer::get();
        assert!(g.zh_needs_non_ascii);
        for t in [
            "Hohhot and Baotou",
            "",
            "Ordos Park 2020",
            "Erenhot, Manzhouli",
        ] {
            assert_eq!(g.zh_finder.find_iter(t).count(), 0, "{t}");
        }
        let mixed = "Hohhot (呼和浩特市) and 包头";
        assert!(g.zh_finder.find_iter(mixed).count() > 0);
        assert!(g.find_places(mixed).len() >= 2);
    }

    #[test]
    fn fnv_matches_the_reference_values() {
        use std::hash::Hasher;
        for (text, want) in [
            ("", 0xcbf2_9ce4_8422_2325u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            let mut h = Fnv::default();
            h.write(text.as_bytes());
            assert_eq!(h.finish(), want, "{text}");
        }
    }

    fn g() -> &'static Gazetteer {
        Gazetteer::get()
    }

    #[test]
    fn key_characters_are_the_key() {
        for name in [
            "",
            "  ",
            " Hohhot  Economic–Technological_Zone ",
            "Baotou Rare-Earth Hi-Tech Zone -",
            "Ordos’ ÉCOLE Park\t\n",
            "İstanbul ΣΑΣ",
            "a",
        ] {
            assert_eq!(
                en_key_chars(name).collect::<String>(),
                en_key(name),
                "{name:?}"
            );
        }
    }

    #[test]
    fn zone_word_test_agrees_with_lower_casing() {
        // the premise: only these two non-ASCII characters lower-case to something starting
        // with an ASCII character
        let to_ascii: Vec<char> = ('\u{80}'..=char::MAX)
            .filter(|c| c.to_lowercase().next().is_some_and(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, ['\u{130}', '\u{212A}']);
        let old = |after: &str| {
            let next = after
                .chars()
                .take(EN_ZONE_WORD_MAX)
                .collect::<String>()
                .to_lowercase();
            EN_ZONE_WORDS.iter().any(|w| next.starts_with(w))
        };
        let pieces = [
            "Park",
            "PAR",
            "par",
            "\u{212A}",
            "\u{130}",
            "i",
            "Zone",
            "zon",
            "e",
            "Hi",
            "-",
            "tech",
            "High",
            "Industrial",
            "INDUSTRIA",
            "l",
            "L",
            "economic",
            "Development",
            "district",
            "County",
            "x",
            " ",
            "é",
            "园区",
            "ſ",
            "k",
            "K",
        ];
        for t in crate::test_support::Xorshift::texts(0x20e, 20000, 6, &pieces) {
            assert_eq!(starts_with_en_zone_word(&t), old(&t), "{t:?}");
        }
    }

    #[test]
    fn zone_word_bound_is_the_longest_zone_word() {
        assert_eq!(
            EN_ZONE_WORDS.iter().map(|w| w.len()).max(),
            Some(EN_ZONE_WORD_MAX)
        );
        assert!(EN_ZONE_WORDS.iter().all(|w| w.is_ascii()));
    }

    #[test]
    fn place_indices_agree_with_codes() {
        let g = g();
        let codes: Vec<String> = g.divisions().iter().map(|d| d.code.clone()).collect();
        let mut wants: Vec<Vec<String>> = vec![vec![], vec!["999999".to_string()]];
        wants.extend(codes.iter().map(|c| vec![c.clone()]));
        wants.extend(codes.iter().step_by(5).flat_map(|a| {
            codes
                .iter()
                .step_by(7)
                .map(move |b| vec![a.clone(), b.clone()])
        }));
        for want in &wants {
            let wi = g.place_indices(want);
            for (r, have, (hi, league)) in g.rows_with_places() {
                // the original panics on an unknown county check; unknown places relate to none
                let by_code = std::panic::catch_unwind(|| {
                    g.places_compatible_by_code(want, &have.places, &r.league_code)
                });
                if let Ok(want_ok) = by_code {
                    assert_eq!(
                        g.places_compatible(&wi, hi, *league),
                        want_ok,
                        "{want:?} {}",
                        r.name_zh
                    );
                }
            }
        }
    }

    #[test]
    fn name_cleaning_and_suffixes_agree_with_the_copying_versions() {
        let clean_plain = |name: &str| {
            let re = Regex::new(r"\s*[（(][^)）]*[)）]").expect("re");
            let s = re.replace_all(name, "");
            let s = s.trim();
            let s = s
                .strip_prefix("the ")
                .or_else(|| s.strip_prefix("The "))
                .unwrap_or(s);
            s.replace('’', "'").trim().to_string()
        };
        // strip_en_suffix with its lower-cased copies
        let strip_plain = |name: &str| {
            let t = name.trim();
            for s in EN_SUFFIXES {
                if t.len() > s.len() && t.to_ascii_lowercase().ends_with(&s.to_ascii_lowercase()) {
                    return t[..t.len() - s.len()].trim().to_string();
                }
            }
            t.to_string()
        };
        for name in [
            "",
            " The Hohhot Park (national) ",
            "the  Ordos’ Zone",
            "Baotou（包头） Zone",
            "The  ’ x",
            "Togtoh COUNTY",
            "Xilingol League",
            "county",
            " City",
            "Éé city",
            "中 District",
            "x (open",
        ] {
            assert_eq!(clean_en_zone_name(name), clean_plain(name), "{name:?}");
            assert_eq!(strip_en_suffix(name), strip_plain(name), "{name:?}");
        }
        let pieces = [
            "(",
            "（",
            ")",
            "）",
            "’",
            "‘",
            "\u{2019}x",
            "™",
            "中",
            "包头",
            "\u{a0}",
            " ",
            "the ",
            "The ",
            "Hohhot",
            "é",
            "x",
        ];
        for t in crate::test_support::Xorshift::texts(0x0bad_cafe_f00d_d00d, 40000, 10, &pieces) {
            assert_eq!(clean_en_zone_name(&t), clean_plain(&t), "{t:?}");
            for c in ['(', '（', '’', '‘', '）'] {
                assert_eq!(has_char(&t, c), t.contains(c), "{t:?} {c:?}");
            }
        }
    }

    #[test]
    fn division_codes_are_unique() {
        // the span readers take a division by index where the mention readers looked its code
        // up: the same division only while no two share a code
        let g = g();
        for (i, d) in g.divisions().iter().enumerate() {
            assert_eq!(g.by_code[&d.code], i, "{}", d.code);
        }
    }

    #[test]
    fn places_found_carry_their_character_offsets() {
        let g = g();
        let pieces = [
            "Hohhot",
            "Baotou",
            "呼和浩特",
            "包头市",
            " and ",
            "é",
            "中",
            " ",
            "Ordos City",
            "x",
            "，",
        ];
        for t in crate::test_support::Xorshift::texts(0x7777_1234_abcd_0001, 3000, 12, &pieces) {
            let spans = g.find_place_spans(&t);
            let found = g.find_places(&t);
            assert_eq!(spans.len(), found.len(), "{t:?}");
            for (p, s) in found.iter().zip(&spans) {
                assert_eq!(p.start, char_offset(&t, p.byte_start), "{t:?}");
                assert_eq!(p.end, char_offset(&t, p.byte_end), "{t:?}");
                assert_eq!((p.byte_start, p.byte_end), (s.start, s.end), "{t:?}");
                assert_eq!(p.code, g.division(s.i).code, "{t:?}");
                assert_eq!(p.text, t[s.start..s.end], "{t:?}");
            }
        }
    }

    #[test]
    fn loads_all_rows() {
        assert_eq!(g().divisions().len(), 121);
        assert_eq!(g().catalogue().len(), 81);
        assert_eq!(g().region().display_en(), "Inner Mongolia");
        assert_eq!(g().by_code("150100").unwrap().display_en(), "Hohhot");
    }

    #[test]
    fn english_lookups_and_variants() {
        let code = |n: &str| g().lookup(n).map(|d| d.code.clone());
        assert_eq!(code("Ordos").as_deref(), Some("150600"));
        assert_eq!(code("erdos").as_deref(), Some("150600"));
        assert_eq!(code("Alxa League").as_deref(), Some("152900"));
        assert_eq!(code("Alshaa").as_deref(), Some("152900"));
        assert_eq!(code("Togtoh").as_deref(), Some("150122"));
        assert_eq!(code("Tuoketuo").as_deref(), Some("150122"));
        assert_eq!(code("TOGTOH COUNTY").as_deref(), Some("150122"));
        assert_eq!(code("Juungar").as_deref(), Some("150622"));
        assert_eq!(code("Jungar Banner").as_deref(), Some("150622"));
        assert_eq!(code("Qingshan district").as_deref(), Some("150204"));
        assert_eq!(code("Inner Mongolia").as_deref(), Some("150000"));
        assert_eq!(
            code("Inner Mongolian Autonomous Region").as_deref(),
            Some("150000")
        );
        assert_eq!(code("Xilin Gol").as_deref(), Some("152500"));
        assert!(g().lookup("Beijing").is_none());
    }

    #[test]
    fn chinese_lookups() {
        let code = |n: &str| g().lookup(n).map(|d| d.code.clone());
        assert_eq!(code("鄂尔多斯市").as_deref(), Some("150600"));
        assert_eq!(code("鄂尔多斯").as_deref(), Some("150600"));
        assert_eq!(code("托克托县").as_deref(), Some("150122"));
        assert_eq!(code("托克托").as_deref(), Some("150122"));
        assert_eq!(code("锡林郭勒").as_deref(), Some("152500"));
        assert_eq!(code("准格尔旗").as_deref(), Some("150622"));
        assert_eq!(code("土右旗").as_deref(), Some("150221"));
        assert_eq!(code("内蒙古").as_deref(), Some("150000"));
    }

    #[test]
    fn parent_chain() {
        let d = g().lookup("Togtoh").unwrap();
        let chain: Vec<&str> = g().ancestors(d).iter().map(|d| d.display_en()).collect();
        assert_eq!(chain, ["Togtoh County", "Hohhot", "Inner Mongolia"]);
        assert_eq!(g().city_of(d).unwrap().name_en, "Hohhot");
        assert_eq!(g().region_of(d).unwrap().display_en(), "Inner Mongolia");
        let city = g().lookup("Baotou").unwrap();
        assert_eq!(g().city_of(city).unwrap().code, "150200");
        assert!(g().county_of(city).is_none());
    }

    #[test]
    fn finds_places_with_char_spans() {
        let text = "It is situated in the northern part of Qingshan district, Baotou, near Hohhot.";
        let found = g().find_places(text);
        let names: Vec<&str> = found.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, ["Qingshan district", "Baotou", "Hohhot"]);
        let p = &found[0];
        assert_eq!(
            text.chars()
                .skip(p.start)
                .take(p.end - p.start)
                .collect::<String>(),
            "Qingshan district"
        );

        let zh = "内蒙古自治区首府呼和浩特将做优做强六大产业集群";
        let found = g().find_places(zh);
        let codes: Vec<&str> = found.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(codes, ["150000", "150100"]);
        assert_eq!(found[1].start, 8);
        assert_eq!(found[1].end, 12);
    }

    #[test]
    fn weak_short_forms_need_support() {
        // Hainan province is not Hainan District of Wuhai.
        assert!(g()
            .find_places("Exports went to Hainan and Guangdong.")
            .is_empty());
        let found = g().find_places("a plant in Wuhai's Hainan district");
        assert_eq!(found.len(), 2);
        // 青山 is a common word; 青山区 is a district.
        assert!(g().find_places("绿水青山就是金山银山").is_empty());
        assert_eq!(g().find_places("包头市青山区").len(), 2);
        // Lower-case short forms are not places.
        assert!(g().find_places("the ordos of it").is_empty());
    }

    #[test]
    fn canonical_spelling() {
        assert_eq!(
            g().canonical_en("Inner Mongolia Tuoketuo Industrial Park"),
            "Inner Mongolia Togtoh Industrial Park"
        );
        assert_eq!(
            g().canonical_en("Erdos Equipment Manufacturing Base"),
            "Ordos Equipment Manufacturing Base"
        );
        assert_eq!(g().canonical_en("Juungar Banner"), "Jungar Banner");
    }

    #[test]
    fn catalogue_chinese_matches() {
        let code = |n: &str| g().match_catalogue_zh(n).map(|r| r.code.clone());
        assert_eq!(code("呼和浩特经济技术开发区").as_deref(), Some("G151005"));
        assert_eq!(code("包头装备制造产业园").as_deref(), Some("S159041"));
        assert_eq!(
            code("鄂尔多斯市高新技术产业园区").as_deref(),
            Some("G152059")
        );
        assert_eq!(code("准格尔经济开发区").as_deref(), Some("S157033"));
        assert_eq!(code("托清经济开发区").as_deref(), Some("S157006"));
        assert_eq!(code("内蒙古托克托工业园区"), None);
        assert_eq!(code("鄂托克前旗经济开发区"), None);
        assert_eq!(code("蒙牛中国乳业产业园"), None);
    }

    #[test]
    fn catalogue_english_matches() {
        let code = |n: &str| g().match_catalogue_en(n).map(|r| r.code.clone());
        assert_eq!(
            code("Ordos Hi-Tech Industrial Park").as_deref(),
            Some("G152059")
        );
        assert_eq!(
            code("Baotou Equipment Manufacturing Industrial Park").as_deref(),
            Some("S159041")
        );
        assert_eq!(
            code("Inner Mongolia Otog Economic Development Zone").as_deref(),
            Some("S157034")
        );
        assert_eq!(
            code("Inner Mongolia Jungar Economic Development Zone").as_deref(),
            Some("S157033")
        );
        assert_eq!(
            code("Inner Mongolia Dalad Economic Development Zone").as_deref(),
            Some("S157030")
        );
        assert_eq!(
            code("Hohhot (national) Economic and Technological Development Zone").as_deref(),
            Some("G151005")
        );
        assert_eq!(
            code("Hohhot Jinshan High-tech Industrial Development Zone").as_deref(),
            Some("G152058")
        );
        assert_eq!(
            code("Baotou Rare Earth Hi-Tech Industrial Development Zone").as_deref(),
            Some("G152006")
        );
        assert_eq!(
            code("Inner Mongolia Alshaa Economic Development Zone").as_deref(),
            Some("S158039")
        );
        assert_eq!(
            code("Hexigten circular economy industrial zone").as_deref(),
            Some("S159048")
        );
        assert_eq!(
            code("Ordos Shanghaimiao Economic Development Zone").as_deref(),
            Some("S157031")
        );
        // Togtoh Industrial Park is not the Togtoh-Qingshuihe zone.
        assert_eq!(code("Inner Mongolia Togtoh Industrial Park"), None);
        assert_eq!(
            code("National Clean Energy International Innovation Park"),
            None
        );
    }

    #[test]
    fn catalogue_entry_fields() {
        let r = g()
            .match_catalogue(None, Some("包头装备制造产业园"))
            .unwrap();
        let e = r.entry();
        assert_eq!(e.code, "S159041");
        assert_eq!(e.level, ParkLevel::AutonomousRegion as i32);
        assert_eq!(e.approved, "2011-04");
        assert_eq!(e.approved_area_ha.unwrap().value, "2796.11");
        assert_eq!(r.kind(), ParkKind::IndustrialPark);
        let r = g()
            .match_catalogue(
                Some("Hohhot Economic and Technological Development Zone"),
                None,
            )
            .unwrap();
        assert_eq!(r.entry().approved_area_ha.unwrap().value, "980");
        assert_eq!(r.gbt37028_code.as_deref(), Some("15101001"));
        assert_eq!(r.level, ParkLevel::National);
    }
}
