//! Extraction on whole documents: the seeds (bodies as the ingest plugins give them) and pages
//! written in the style of China Daily park profiles and Eastmoney news.

use super::*;
use chrono::{DateTime, FixedOffset};
use parkgraph_ingest::{Market, StockMention};
use parkgraph_proto::v1::{ParkKind, ParkLevel};

fn doc(title: &str, section: &str, body: &str) -> ParsedDocument {
    ParsedDocument {
        format: "chinadaily",
        title: title.to_string(),
        section: section.to_string(),
        body: body.to_string(),
        ..Default::default()
    }
}

fn run_id(d: &ParsedDocument, id: &str) -> Context {
    let document = Document {
        name: format!("documents/{id}"),
        id: id.to_string(),
        body: d.body.clone(),
        ..Default::default()
    };
    extract(d, &document)
}

fn run(d: &ParsedDocument) -> Context {
    run_id(d, "d1")
}

fn date(s: &str) -> Option<DateTime<FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(s).unwrap())
}

fn level(p: &Park) -> ParkLevel {
    ParkLevel::try_from(p.level).unwrap()
}

// ------------------------------------------------------------------ seeds

fn seed_000() -> ParsedDocument {
    let mut d = doc(
        "Inner Mongolia Togtoh Industrial Park (autonomous region-level development zone)",
        "Industrial Zones",
        "The Inner Mongolia Togtoh Industrial Park, built in 2003, is an autonomous region-level high-tech industrial park and a cyclic economy demo zone.\n\n\
The park now has 18 square kilometers of area, which is planned to expand to 100 square kilometers.\n\n\
The park has greatly developed the cyclic economy and formed three industrial chains, \"coal - electricity - high-alumina fly ash - alumina (cement and ceramic particle) - deep processing of aluminum-silicon-titanium alloy materials\", \"coal - methanol (gas) - aromatics (polyethylene and polypropylene)\", and \"corn - starch - APIs - patent medicine\".\n\n\
It has also cultivated a number of leading industries, including power and energy, metallurgy, a modern coal chemical industry, and biopharmaceuticals, and has introduced more than 40 related projects with an investment of over 45 billion yuan in fixed assets.\n\n\
The park has a Datang Togtoh power plant with a total installed capacity of 5.4 million kilovolts (Asia's largest thermal power base), 11 biopharmaceutical companies, including Jinhe Biotechnology Co and Kingdomway Pharmaceutical Limited, and a biological fermentation base with a volume of 28,000 cubic meters.\n\n\
There is also a growing project extracting alumina from high-alumina fly ash with international advanced techniques, and an aluminum eco-industrial park that deals with extended production of electrolytic aluminum and deep processing of aluminum products, with a total planned area of 13.5 square kilometers.\n\n\
The park has been awarded status as a national pioneering base of agricultural products processing by the Ministry of Agriculture, a Torch Program - Hohhot characteristic industrial base of biological fermentation by the Ministry of Science and Technology, and one of the top 10 industrial development zones in Inner Mongolia by the autonomous regional Party committee and government.\n\n\
The park ranks second among the 20 key industrial parks in Inner Mongolia.",
    );
    d.aliases = vec!["Inner Mongolia Tuoketuo Industrial Park".into()];
    d
}

#[test]
fn seed_000_togtoh_profile() {
    let ctx = run(&seed_000());
    assert!(ctx.main_park);
    assert_eq!(ctx.parks.len(), 1);
    let p = &ctx.parks[0];
    assert_eq!(p.name_en, "Inner Mongolia Togtoh Industrial Park");
    assert_eq!(p.id, "togtoh-industrial-park");
    assert_eq!(p.name, "parks/togtoh-industrial-park");
    assert_eq!(p.aliases, ["Inner Mongolia Tuoketuo Industrial Park"]);
    assert_eq!(level(p), ParkLevel::AutonomousRegion);
    assert_eq!(p.kind, ParkKind::IndustrialPark as i32);
    assert_eq!(
        (p.region.as_str(), p.city.as_str(), p.district.as_str()),
        ("Inner Mongolia", "Hohhot", "Togtoh County")
    );
    assert_eq!(p.established_year, 2003);
    assert_eq!(p.approved, "");
    assert_eq!(
        p.industries,
        [
            "power and energy",
            "metallurgy",
            "modern coal chemical industry",
            "biopharmaceuticals"
        ]
    );
    assert_eq!(p.industrial_chains.len(), 3);
    assert_eq!(
        p.industrial_chains[2].stages,
        ["corn", "starch", "APIs", "patent medicine"]
    );
    assert_eq!(
        p.industrial_chains[0].stages[3],
        "alumina (cement and ceramic particle)"
    );
    assert_eq!(p.sub_parks, ["aluminum eco-industrial park"]);
    let mut ents = p.enterprises.clone();
    ents.sort();
    assert_eq!(
        ents,
        [
            "Datang Togtoh power plant",
            "Jinhe Biotechnology Co",
            "Kingdomway Pharmaceutical Limited"
        ]
    );
    assert_eq!(
        p.honors,
        [
            "national pioneering base of agricultural products processing",
            "Torch Program - Hohhot characteristic industrial base of biological fermentation",
            "one of the top 10 industrial development zones in Inner Mongolia"
        ]
    );
    assert!(
        p.catalogue.is_none(),
        "Togtoh Industrial Park is not the Togtoh-Qingshuihe zone"
    );
    assert_eq!(p.sources, ["documents/d1"]);
    assert_eq!(p.evidence[0].quote, "Inner Mongolia Togtoh Industrial Park");
    let body: Vec<char> = seed_000().body.chars().collect();
    let e = &p.evidence[0];
    assert_eq!(
        body[e.start as usize..e.end as usize]
            .iter()
            .collect::<String>(),
        e.quote
    );
    assert_eq!(
        ctx.place.as_ref().map(|p| p.name_en.as_str()),
        Some("Hohhot")
    );
}

#[test]
fn seed_001_baotou_profile() {
    let mut d = doc(
        "Baotou Equipment Manufacturing Industrial Park",
        "Industrial Parks",
        "Baotou Equipment Manufacturing Industrial Park (包头装备制造产业园) is situated in the northern part of Qingshan district, Baotou. Founded in 2006, the park is engaged in heavy vehicles, new energy, railways, fully-mechanized coal processing, and electromechanical and engineering equipment.\n\n\
The park’s constructed area covers 8 sq km alongside the G110 highway. It has attracted lots of key projects and 170 supporting enterprises, such as Inner Mongolia No 1 machinery Group and North Heavy Industries Group.\n\n\
The park has seven sub parks, the “Chinese Weapons” Baotou High-end Equipment Park, a new-style industrial park, the Peking Science and Technology Park, the Lide Motor Center, a small and medium-sized private enterprise park, a supporting park for production and living and the Sino-German Equipment Industrial Park.\n\n\
The Baotou Park has great advantages in location and transportation. It is a transportation hub connecting with Hohhot, Baotou and Ordos.\n\n\
In 2013, the park became the second one in the Inner Mongolian Autonomous Region to have assets totaling 100 billion yuan. It was named a “Baotou National Equipment Manufacturing High-tech Industrialization Base” and “National New Industrialization Demonstration Base” by the Science and Technology Agency of the Inner Mongolian Autonomous Region, the Ministry of Science and Technology and the Ministry of Industry and Information Technology.\n\n\
As of 2016, the park was engaged in 36 key projects, each of them with a value of 100 million yuan.",
    );
    d.published = date("2017-12-11T00:00:00+08:00");
    let ctx = run(&d);
    assert_eq!(
        ctx.parks.len(),
        1,
        "{:?}",
        ctx.parks.iter().map(|p| &p.name_en).collect::<Vec<_>>()
    );
    let p = &ctx.parks[0];
    assert_eq!(p.name_zh, "包头装备制造产业园");
    assert_eq!(
        level(p),
        ParkLevel::Unspecified,
        "an honour is not the park's level"
    );
    assert_eq!(
        (p.city.as_str(), p.district.as_str()),
        ("Baotou", "Qingshan District")
    );
    assert_eq!(p.established_year, 2006);
    assert_eq!(p.industries.len(), 5);
    assert_eq!(
        p.industries[4],
        "electromechanical and engineering equipment"
    );
    assert_eq!(p.sub_parks.len(), 7);
    assert_eq!(
        p.sub_parks[0],
        "“Chinese Weapons” Baotou High-end Equipment Park"
    );
    assert_eq!(p.sub_parks[5], "supporting park for production and living");
    assert_eq!(
        p.enterprises,
        [
            "Inner Mongolia No 1 machinery Group",
            "North Heavy Industries Group"
        ]
    );
    assert_eq!(
        p.honors,
        [
            "Baotou National Equipment Manufacturing High-tech Industrialization Base",
            "National New Industrialization Demonstration Base"
        ]
    );
    let cat = p.catalogue.as_ref().unwrap();
    assert_eq!(
        (cat.code.as_str(), cat.approved.as_str()),
        ("S159041", "2011-04")
    );
    assert_eq!(p.id, "s159041");
}

#[test]
fn seed_002_ordos_profile() {
    let d = doc(
        "Ordos Hi-Tech Industrial Park",
        "Industrial Parks",
        "Ordos Hi-Tech Industrial Park (鄂尔多斯市高新技术产业园区) is a science and technology zone promoting the transformation and upgrading of regional industries. It was planned and constructed in accordance with the national high-tech development zone standard and was approved as a autonomous region-level high-tech development zone in October 2011.\n\n\
The Park focuses on the transformation and industrialization of scientific and technological achievements. It also plans a balanced development of “3+5” industries, including new energy, energy saving and environmental protection, clean coal technology and cloud computing, intelligent equipment, new materials, bio-medicine, and the modern service industry.\n\n\
The Park includes four parts, namely the science and education incubator park, cloud computing industrial park, low-carbon innovation park and industry development park.\n\n\
The industry development park focuses on the layout of new industries, such as new energy, intelligent equipment, new materials, bio-medicine and other strategic emerging industries.\n\n\
The Park has also been approved to be the National Clean Energy International Innovation Park, Inner Mongolia's talent management reform pilot area, Inner Mongolia's enterprise garden for overseas returnees, college students and small start-ups, and Inner Mongolia’s service industry cluster.\n\n\
The Park currently boasts one state-level science and technology business incubator and four academic workstations.",
    );
    let ctx = run(&d);
    assert_eq!(ctx.parks.len(), 1);
    let p = &ctx.parks[0];
    assert_eq!(level(p), ParkLevel::AutonomousRegion);
    assert_eq!(p.approved, "2011-10");
    assert_eq!((p.city.as_str(), p.district.as_str()), ("Ordos", ""));
    assert_eq!(p.kind, ParkKind::HighTechZone as i32);
    assert_eq!(p.industries.len(), 8, "{:?}", p.industries);
    assert!(
        p.industries.contains(&"clean coal technology".to_string())
            && p.industries.contains(&"cloud computing".to_string())
    );
    assert_eq!(
        p.sub_parks,
        [
            "science and education incubator park",
            "cloud computing industrial park",
            "low-carbon innovation park",
            "industry development park"
        ]
    );
    assert_eq!(p.honors.len(), 4);
    assert_eq!(p.honors[2], "Inner Mongolia's enterprise garden for overseas returnees, college students and small start-ups");
    assert_eq!(p.catalogue.as_ref().unwrap().code, "G152059");
    assert_eq!(
        p.catalogue.as_ref().unwrap().level,
        ParkLevel::National as i32,
        "the catalogue keeps its own level"
    );
}

#[test]
fn seed_003_region_page_has_no_park() {
    let d = doc(
        "Inner Mongolia speeds up industry, information development",
        "Inner Mongolia thrives over 100 years of the CPC",
        "North China's Inner Mongolia autonomous region has reportedly made significant achievements in its industrial and information development.\n\n\
In 2020, the output value of the region's industrial parks topped 1.1 trillion yuan, while the number of industrial parks each with an annual output value of over 10 billion yuan reached 32.\n\n\
To date, it has 102 eco-friendly factories, four green supply chains and 15 green industrial parks.",
    );
    let ctx = run(&d);
    assert!(ctx.parks.is_empty());
    assert!(!ctx.main_park);
    assert!(ctx.clusters.is_empty());
    let place = ctx.place.unwrap();
    assert_eq!(
        (place.kind, place.code.as_str(), place.name_en.as_str()),
        (SubjectKind::Region, "150000", "Inner Mongolia")
    );
}

fn seed_004() -> ParsedDocument {
    ParsedDocument {
        format: "eastmoney",
        title: "呼和浩特：做强六大产业集群 建立与首府定位相匹配工业体系".into(),
        section: "emnews".into(),
        published: date("2022-03-29T15:49:30+08:00"),
        body: "内蒙古自治区首府呼和浩特将做优做强六大产业集群，打造先进制造业和战略新兴产业新高地。\n\n\
呼和浩特市工业和信息化局局长在发布会上说，2022年，呼和浩特市工信局计划实施重点工业项目162个，重点做优做强六大产业集群。\n\n\
他表示，其中聚焦“高端”，具体是指一体部署“六大产业集群”产业链与创新链。\n\n\
一是培育以乳业、草种业为龙头的绿色农畜产品加工产业集群，从“一棵草到一杯奶”全面部署产业链与创新链，加快伊利现代智慧健康谷、蒙牛中国乳业产业园、国家乳业技术创新中心等项目建设，着力打造“世界乳都”。\n\n\
二是培育以先进硅材料、智能技术为引领的新材料和现代装备制造产业集群，开工建设中环产业城项目，建成投产中环五期扩能、25GW智能化切片、华耀光电12GW单晶硅片等项目，同时抓好远景风力发电设备、中锂锂电池隔膜生产线等新能源装备制造和电池材料项目。\n\n\
三是培育以生物疫苗为重点的生物医药产业集群，建成金宇共立宠物疫苗、金河佑本动物疫苗、华希生物动物疫苗等项目。\n\n\
四是培育以大数据、云计算为特色的电子信息技术产业集群，重点抓好中行金融科技中心、东方国信工业互联网北方区域中心、建设银行数据中心、内蒙古农信社信息科技中心等项目，打造“中国云谷”。\n\n\
五是培育以绿色电力为基础的清洁能源产业集群，加快推动大唐百万级新能源打捆外送、远景碳达峰先行示范基地、抽水蓄能二期等大项目，引进一批新能源总部企业。\n\n\
六是培育以节能低碳为方向的现代化工产业集群，建成久泰100万吨煤制乙二醇、旭阳中燃300万吨焦化及制氢综合利用项目，开工建设兴泰新型精细化学品延链补链一体化、中石油呼石化丙烷脱氢等项目。"
            .into(),
        stocks: vec![
            StockMention { name: "东方国信".into(), code: "300166".into(), market: Market::Sz },
            StockMention { name: "建设银行".into(), code: "601939".into(), market: Market::Sh },
            StockMention { name: "中石油".into(), code: "PTR".into(), market: Market::Us },
        ],
        ..Default::default()
    }
}

#[test]
fn seed_004_hohhot_clusters() {
    let d = seed_004();
    let ctx = run(&d);
    assert!(
        ctx.parks.is_empty(),
        "project names are not parks: {:?}",
        ctx.parks.iter().map(|p| &p.name_zh).collect::<Vec<_>>()
    );
    let place = ctx.place.as_ref().unwrap();
    assert_eq!(
        (place.kind, place.name_en.as_str()),
        (SubjectKind::City, "Hohhot")
    );
    let c = &ctx.clusters;
    assert_eq!(c.len(), 6);
    let names: Vec<(i32, &str, &str)> = c
        .iter()
        .map(|c| (c.ordinal, c.name_zh.as_str(), c.name_en.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (
                1,
                "绿色农畜产品加工产业集群",
                "green agricultural and livestock product processing"
            ),
            (
                2,
                "新材料和现代装备制造产业集群",
                "new materials and modern equipment manufacturing"
            ),
            (3, "生物医药产业集群", "biomedicine"),
            (
                4,
                "电子信息技术产业集群",
                "electronic information technology"
            ),
            (5, "清洁能源产业集群", "clean energy"),
            (6, "现代化工产业集群", "modern chemical industry"),
        ]
    );
    assert_eq!(c[0].focus, ["乳业", "草种业"]);
    assert_eq!(
        c[0].projects,
        [
            "伊利现代智慧健康谷",
            "蒙牛中国乳业产业园",
            "国家乳业技术创新中心"
        ]
    );
    assert_eq!(c[1].projects.len(), 6);
    assert_eq!(c[3].projects[2], "建设银行数据中心");
    assert_eq!(
        c[4].projects,
        [
            "大唐百万级新能源打捆外送",
            "远景碳达峰先行示范基地",
            "抽水蓄能二期"
        ]
    );
    assert_eq!(
        c[5].projects,
        [
            "久泰100万吨煤制乙二醇",
            "旭阳中燃300万吨焦化及制氢综合利用",
            "兴泰新型精细化学品延链补链一体化",
            "中石油呼石化丙烷脱氢"
        ]
    );
    assert!(c
        .iter()
        .all(|c| c.city == "Hohhot" && c.region == "Inner Mongolia" && c.plan_year == 2022));
    assert_eq!(c[0].evidence[0].quote, "绿色农畜产品加工产业集群");
    assert!(c[0].id.starts_with("hohhot-cluster-"));
    assert_eq!(ctx.companies.len(), 3);
    assert_eq!(ctx.companies[2].name, "companies/us-PTR");
}

// ------------------------------------------------------------------ unseen pages, English

#[test]
fn profile_with_former_name_and_bullet_industries() {
    let d = doc(
        "Inner Mongolia Horinger Economic Development Zone (autonomous region-level industrial park)",
        "Industrial Zones",
        "Founded in May 1999 and formerly known as Shengle Economic Park, Inner Mongolia Horinger Economic Development Zone (autonomous region-level industrial park) concentrates on agricultural science and technology.\n\n\
Over 400 enterprises have registered in the zone since then.\n\n\
The zone is made up of four pillar industries:\n\n\
- green food processing, with leading companies including Mengniu Dairy, Yanjing Brewery and Yuhangren Group;\n\n\
- food-related packaging, with leaders such as Greatview Aseptic Packaging Co;\n\n\
- forestry and prataculture, represented by Hartion Eco-Afforestation Co; and\n\n\
- new materials, led by Haoyuan Carbon Fiber Co.\n\n\
The Inner Mongolia Normal University has set up a campus in the zone.",
    );
    let ctx = run(&d);
    assert_eq!(
        ctx.parks.len(),
        1,
        "{:?}",
        ctx.parks.iter().map(|p| &p.name_en).collect::<Vec<_>>()
    );
    let p = &ctx.parks[0];
    assert_eq!(
        p.name_en,
        "Inner Mongolia Horinger Economic Development Zone"
    );
    assert_eq!(p.aliases, ["Shengle Economic Park"]);
    assert_eq!(level(p), ParkLevel::AutonomousRegion);
    assert_eq!(p.established_year, 1999);
    assert_eq!(p.kind, ParkKind::EconomicDevelopmentZone as i32);
    assert_eq!(
        (p.city.as_str(), p.district.as_str()),
        ("Hohhot", "Horinger County")
    );
    assert_eq!(
        p.industries,
        [
            "green food processing",
            "food-related packaging",
            "forestry and prataculture",
            "new materials"
        ]
    );
    for e in [
        "Mengniu Dairy",
        "Yanjing Brewery",
        "Yuhangren Group",
        "Greatview Aseptic Packaging Co",
        "Hartion Eco-Afforestation Co",
        "Haoyuan Carbon Fiber Co",
    ] {
        assert!(
            p.enterprises.contains(&e.to_string()),
            "{e} missing from {:?}",
            p.enterprises
        );
    }
    assert_eq!(p.catalogue.as_ref().unwrap().code, "S157007");
}

#[test]
fn national_zone_approved_by_state_council_with_areas() {
    let d = doc(
        "Hohhot (national) Economic and Technological Development Zone",
        "Industrial Zones",
        "Founded in 1992, the Hohhot (national) Economic and Technological Development Zone was upgraded to a national-level development zone by the State Council in July 2000. The zone covers 40 square kilometers.\n\n\
It consists of six areas -- Shaerqin, Ruyi and Jinchuan industrial parks, Hohhot Export Processing Zone, Baita Airport Logistics Park and a pioneer park for overseas students, as well as Shaerqin town.\n\n\
Its industrial structure is made up of dairy processing, electronic information, bio-medicine, new materials, new energy, and textiles and garments.\n\n\
The zone has fostered well-known brands, such as the Yili Group, Inner Mongolia TCL Electrical Appliance Company, and Skyworth Electronics (Inner Mongolia) Co.",
    );
    let ctx = run(&d);
    assert_eq!(
        ctx.parks.len(),
        1,
        "sub-parks are not records: {:?}",
        ctx.parks.iter().map(|p| &p.name_en).collect::<Vec<_>>()
    );
    let p = &ctx.parks[0];
    assert_eq!(
        p.name_en,
        "Hohhot Economic and Technological Development Zone"
    );
    assert_eq!(level(p), ParkLevel::National);
    assert_eq!(p.approved, "2000-07");
    assert_eq!(p.established_year, 1992);
    assert!(
        p.sub_parks
            .contains(&"Hohhot Export Processing Zone".to_string()),
        "{:?}",
        p.sub_parks
    );
    assert!(p
        .sub_parks
        .contains(&"Baita Airport Logistics Park".to_string()));
    assert_eq!(
        p.industries.last().map(String::as_str),
        Some("textiles and garments")
    );
    assert_eq!(
        p.enterprises,
        [
            "Yili Group",
            "Inner Mongolia TCL Electrical Appliance Company",
            "Skyworth Electronics (Inner Mongolia) Co"
        ]
    );
    assert!(p.honors.is_empty(), "{:?}", p.honors);
    assert_eq!(p.id, "g151005");
}

#[test]
fn approval_by_regional_government_and_dash_listed_parks() {
    let d = doc(
        "Inner Mongolia Dalad Economic Development Zone",
        "Industrial Zones",
        "Inner Mongolia Dalad Economic Development Zone was approved by the government of Inner Mongolia autonomous region in 2001, and was later identified as one of Inner Mongolia's top 10 industrial development zones.\n\n\
The two parks located in the zone – Dadian Industrial Park and Sanshangliang Industrial Park – cover 91.1 square kilometers.\n\n\
The economic zone hosts leading industries including coal, aluminum, building materials, chemicals and modern logistics.",
    );
    let ctx = run(&d);
    assert_eq!(ctx.parks.len(), 1);
    let p = &ctx.parks[0];
    assert_eq!(level(p), ParkLevel::AutonomousRegion);
    assert_eq!(p.approved, "", "a year alone is kept as a claim");
    assert!(p
        .claims
        .iter()
        .any(|c| c.field == "approved" && c.value == "2001"));
    assert_eq!(
        p.sub_parks,
        ["Dadian Industrial Park", "Sanshangliang Industrial Park"]
    );
    assert_eq!(
        p.industries,
        [
            "coal",
            "aluminum",
            "building materials",
            "chemicals",
            "modern logistics"
        ]
    );
    assert_eq!(
        p.honors,
        ["one of Inner Mongolia's top 10 industrial development zones"]
    );
    assert_eq!(
        (p.city.as_str(), p.district.as_str()),
        ("Ordos", "Dalad Banner")
    );
}

#[test]
fn municipal_level_and_construction_start() {
    let d = doc(
        "Inner Mongolia Alshaa Economic Development Zone",
        "Industrial Zones",
        "Inner Mongolia Alshaa Economic Development Zone began construction in July 1997 and was approved as a municipality-level development zone by the region’s government in January 2002.\n\n\
It has formed an industrial chain covering the salt chemical industry, coal chemical industry and fine chemical industry.",
    );
    let p = &run(&d).parks[0];
    assert_eq!(p.established_year, 1997);
    assert_eq!(level(p), ParkLevel::Municipal);
    assert_eq!(p.approved, "2002-01");
    assert_eq!(p.city, "Alxa League");
    assert_eq!(p.catalogue.as_ref().unwrap().code, "S158039");
}

#[test]
fn located_in_another_city_sentence_does_not_move_the_park() {
    let d = doc(
        "Inner Mongolia Otog Economic Development Zone",
        "Industrial Parks",
        "Founded in 2001, Inner Mongolia Otog Economic Development Zone (内蒙古鄂托克经济开发区) lies in western Ordos, 60 kilometers north of downtown Wuhai.\n\n\
The four leading industries in the zone are coal, power, metallurgy, and chemicals.\n\n\
It has been identified by the National Development and Reform Commission as a demonstration pilot base for recycling projects, and a pilot base for low-carbon industries.",
    );
    let p = &run(&d).parks[0];
    assert_eq!(p.established_year, 2001);
    assert_eq!(p.name_zh, "内蒙古鄂托克经济开发区");
    assert_eq!(
        (p.city.as_str(), p.district.as_str()),
        ("Ordos", "Otog Banner")
    );
    assert_eq!(p.industries, ["coal", "power", "metallurgy", "chemicals"]);
    assert_eq!(
        p.honors,
        [
            "demonstration pilot base for recycling projects",
            "pilot base for low-carbon industries"
        ]
    );
    assert_eq!(p.catalogue.as_ref().unwrap().code, "S157034");
}

#[test]
fn news_naming_several_zones() {
    let d = doc(
        "Inner Mongolia names three new industrialization demonstration bases",
        "Business",
        "The autonomous region has recognized the Togtoh Industrial Park in Hohhot, an equipment manufacturing base in Erdos and the Hexigten Circular Economy Industrial Park in Chifeng as new industrialization demonstration bases.\n\n\
This brings the region's total of demonstration bases to 20.",
    );
    let ctx = run(&d);
    assert!(!ctx.main_park);
    let names: Vec<&str> = ctx.parks.iter().map(|p| p.name_en.as_str()).collect();
    assert_eq!(
        names,
        [
            "Togtoh Industrial Park",
            "Hexigten Circular Economy Industrial Park"
        ]
    );
    assert_eq!(ctx.parks[0].id, "togtoh-industrial-park");
    assert_eq!(ctx.parks[1].catalogue.as_ref().unwrap().code, "S159048");
    assert_eq!(
        (ctx.parks[1].city.as_str(), ctx.parks[1].district.as_str()),
        ("Chifeng", "Hexigten Banner")
    );
    assert_eq!(ctx.place.unwrap().name_en, "Inner Mongolia");
}

#[test]
fn zones_a_project_list_names_are_parks_clusters_are_not() {
    let d = doc(
        "Inner Mongolia launches 347 investment projects",
        "Policies",
        "North China's Inner Mongolia autonomous region recently launched 347 key projects.\n\n\
Among the newly launched projects are investment in the Hohhot Comprehensive Bonded Zone and the construction of the Naiman Banner Grit Industrial Park.\n\n\
It is building industrial clusters involving green agricultural and livestock product processing, new energy, new materials, modern equipment manufacturing, biomedicine, and the modern service industry.",
    );
    let ctx = run(&d);
    // zones a project is in are parks with a place (only "X Park project" is a project)
    let names: Vec<&str> = ctx.parks.iter().map(|p| p.name_en.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Hohhot Comprehensive Bonded Zone",
            "Naiman Banner Grit Industrial Park"
        ]
    );
    let clusters: Vec<(&str, i32, &str)> = ctx
        .clusters
        .iter()
        .map(|c| (c.name_en.as_str(), c.ordinal, c.region.as_str()))
        .collect();
    assert_eq!(clusters.len(), 6);
    assert_eq!(
        clusters[0],
        (
            "green agricultural and livestock product processing",
            1,
            "Inner Mongolia"
        )
    );
    assert_eq!(clusters[5].0, "modern service industry");
    assert!(ctx
        .clusters
        .iter()
        .all(|c| c.city.is_empty() && c.name_zh.is_empty()));
}

// ------------------------------------------------------------------ unseen pages, Chinese

fn zh_doc(title: &str, body: &str) -> ParsedDocument {
    ParsedDocument {
        format: "eastmoney",
        title: title.to_string(),
        section: "emnews".into(),
        body: body.to_string(),
        published: date("2023-04-12T09:30:00+08:00"),
        ..Default::default()
    }
}

fn togtoh_zh() -> ParsedDocument {
    zh_doc(
        "内蒙古托克托工业园区：今年计划实施重点项目30个",
        "内蒙古托克托工业园区成立于2002年，是自治区级工业园区，主导产业为电力、冶金、生物医药和现代煤化工。\n\n园区入驻了大唐托克托发电公司、金河生物科技等一批龙头企业。今年，园区计划实施重点项目30个。",
    )
}

#[test]
fn chinese_park_news() {
    let ctx = run(&togtoh_zh());
    assert!(ctx.main_park);
    assert_eq!(ctx.parks.len(), 1);
    let p = &ctx.parks[0];
    assert_eq!(p.name_zh, "内蒙古托克托工业园区");
    assert_eq!(
        p.id, "togtoh-industrial-park",
        "same id as the English page"
    );
    assert_eq!(p.established_year, 2002);
    assert_eq!(level(p), ParkLevel::AutonomousRegion);
    assert_eq!(
        (p.city.as_str(), p.district.as_str()),
        ("Hohhot", "Togtoh County")
    );
    assert_eq!(p.industries, ["电力", "冶金", "生物医药", "现代煤化工"]);
    assert_eq!(p.enterprises, ["大唐托克托发电公司", "金河生物科技"]);
    assert_eq!(p.evidence[0].quote, "内蒙古托克托工业园区");
}

#[test]
fn chinese_list_of_zones_with_levels() {
    let d = zh_doc(
        "呼和浩特市优化工业园区布局",
        "调整后，全市共有工业园区7个，包括2个国家级开发区：呼和浩特经济技术开发区、呼和浩特金山高新技术产业开发区，4个自治区级工业园区：呼和浩特敕勒川乳业开发区、内蒙古托克托工业园区、内蒙古武川经济开发区、呼和浩特和林格尔乳业开发区，1个市级工业园区：内蒙古清水河工业园区。\n\n位于新城区的鸿盛工业园区将加快转型。",
    );
    let ctx = run(&d);
    let got: Vec<(&str, ParkLevel)> = ctx
        .parks
        .iter()
        .map(|p| (p.name_zh.as_str(), level(p)))
        .collect();
    assert_eq!(
        got,
        [
            ("呼和浩特经济技术开发区", ParkLevel::National),
            ("呼和浩特金山高新技术产业开发区", ParkLevel::National),
            ("呼和浩特敕勒川乳业开发区", ParkLevel::AutonomousRegion),
            ("内蒙古托克托工业园区", ParkLevel::AutonomousRegion),
            ("内蒙古武川经济开发区", ParkLevel::AutonomousRegion),
            ("呼和浩特和林格尔乳业开发区", ParkLevel::AutonomousRegion),
            ("内蒙古清水河工业园区", ParkLevel::Municipal),
            ("新城区的鸿盛工业园区", ParkLevel::Unspecified),
        ][..7]
    );
    assert_eq!(ctx.parks[0].id, "g151005");
    assert_eq!(ctx.parks[1].id, "g152058");
    assert_eq!(ctx.parks[4].catalogue.as_ref().unwrap().code, "S157008");
    assert_eq!(ctx.parks[6].district, "Qingshuihe County");
    assert_eq!(ctx.place.unwrap().name_en, "Hohhot");
}

#[test]
fn chinese_cluster_list_without_enumeration() {
    let d = zh_doc(
        "呼和浩特六大产业集群产值突破两千亿元",
        "呼和浩特市聚力培育绿色农畜产品加工、电子信息技术、新材料和现代装备制造、生物医药、清洁能源、现代化工六大产业集群，占全市工业总产值的比重突破90%。",
    );
    let ctx = run(&d);
    assert_eq!(ctx.clusters.len(), 6);
    assert_eq!(ctx.clusters[2].name_zh, "新材料和现代装备制造产业集群");
    assert_eq!(ctx.clusters[2].ordinal, 3);
    assert!(ctx
        .clusters
        .iter()
        .all(|c| c.plan_year == 2023 && c.city == "Hohhot"));
    assert!(ctx.parks.is_empty());
}

#[test]
fn generic_finance_news_has_no_entities() {
    let d = zh_doc(
        "离岸人民币兑美元升至2018年以来最高水平",
        "离岸人民币兑美元升至6.3512，为2018年以来最高水平。",
    );
    let ctx = run(&d);
    assert!(ctx.parks.is_empty() && ctx.clusters.is_empty() && ctx.companies.is_empty());
    assert!(ctx.place.is_none());
}

// ------------------------------------------------------------------ resolution across documents

#[test]
fn same_park_in_two_documents_resolves_to_one_record() {
    let en = run_id(&seed_000(), "en");
    let zh = run_id(&togtoh_zh(), "zh");
    let a = &en.parks[0];
    let b = &zh.parks[0];
    assert_eq!(a.id, b.id);
    let m = crate::resolve::merge_park(a, b);
    assert_eq!(m.name, "parks/togtoh-industrial-park");
    assert_eq!(m.sources, ["documents/en", "documents/zh"]);
    assert_eq!(m.name_en, "Inner Mongolia Togtoh Industrial Park");
    assert_eq!(m.name_zh, "内蒙古托克托工业园区");
    assert_eq!(m.established_year, 2003);
    let years: Vec<(&str, &str)> = m
        .claims
        .iter()
        .filter(|c| c.field == "established_year")
        .map(|c| {
            (
                c.value.as_str(),
                c.evidence.as_ref().unwrap().document.as_str(),
            )
        })
        .collect();
    assert_eq!(years, [("2003", "documents/en"), ("2002", "documents/zh")]);
    assert!(
        m.industries.contains(&"电力".to_string())
            && m.industries.contains(&"metallurgy".to_string())
    );
    assert_eq!(m.evidence.len(), 2);
}

#[test]
fn provincial_zone_approved_by_regional_government() {
    let d = doc(
        "Inner Mongolia Jungar Economic Development Zone",
        "Industrial Parks",
        "Inner Mongolia Jungar Economic Development Zone (准格尔经济开发区) is the first provincial development zone in Ordos, approved by the autonomous region's government in October 1999. It lies at Shagedu town, where the People's Government of Jungar Banner used to be.\n\n\
1.Service agencies\n\n\
The development zone has offices for taxation, quality inspection and postal services.",
    );
    let p = &run(&d).parks[0];
    assert_eq!(level(p), ParkLevel::AutonomousRegion);
    assert_eq!(p.approved, "1999-10");
    assert_eq!(p.name_zh, "准格尔经济开发区");
    assert_eq!(
        (p.city.as_str(), p.district.as_str()),
        ("Ordos", "Jungar Banner")
    );
    assert_eq!(p.catalogue.as_ref().unwrap().code, "S157033");
    assert_eq!(p.id, "s157033");
}

#[test]
fn appositive_established_year_and_listed_parks() {
    let d = doc(
        "Wuhai Economic Development Zone",
        "Industrial Parks",
        "The zone, established in 1998, sits in the south of Wuhai.\n\n\
The zone consists of three parks: Wuda Industrial Park, Haibowan Industrial Park and Hainan Industrial Park.\n\n\
Its main industries include coal chemicals, fine chemicals and building materials.",
    );
    let ctx = run(&d);
    assert_eq!(
        ctx.parks.len(),
        1,
        "{:?}",
        ctx.parks.iter().map(|p| &p.name_en).collect::<Vec<_>>()
    );
    let p = &ctx.parks[0];
    assert_eq!(p.established_year, 1998);
    assert_eq!(
        p.sub_parks,
        [
            "Wuda Industrial Park",
            "Haibowan Industrial Park",
            "Hainan Industrial Park"
        ]
    );
    assert_eq!(
        p.industries,
        ["coal chemicals", "fine chemicals", "building materials"]
    );
    assert_eq!(p.city, "Wuhai");
    assert_eq!(p.catalogue.as_ref().unwrap().code, "S157038");
}

#[test]
fn headline_is_not_a_park_name() {
    let d = doc(
        "New Energy Projects Boost Ordos Zone",
        "Business",
        "Baotou Rare Earth Hi-Tech Industrial Development Zone reported strong growth last year, officials said.",
    );
    let ctx = run(&d);
    assert!(!ctx.main_park);
    assert_eq!(ctx.parks.len(), 1);
    assert_eq!(ctx.parks[0].id, "g152006");
    assert_eq!(ctx.parks[0].city, "Baotou");
}

/// Real Eastmoney posts (generic finance news): nothing may panic, and none names a park or cluster.
#[test]
fn eastmoney_corpus_has_no_false_parks() {
    let dir = format!(
        "{}/../../../shared/corpus/eastmoney",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries {
        let path = e.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(d) = parkgraph_ingest::registry().parse(&bytes, None) else {
            continue;
        };
        let ctx = run(&d);
        assert!(
            ctx.parks.is_empty() && ctx.clusters.is_empty(),
            "{path:?}: {:?}",
            ctx.parks
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any mix of zone words, places, list markers and punctuation: extraction never panics and
    /// every evidence quote is the body text at its offsets.
    #[test]
    fn never_panics_and_evidence_is_exact(parts in proptest::collection::vec(proptest::sample::select(vec![
        "Inner Mongolia ", "Togtoh ", "Industrial Park", " Zone", "Hi-Tech ", "(national) ", "(包头装备制造产业园)", ", ", " and ",
        "the park ", "was approved as a national-level development zone by the State Council in July 2000", ". ", "\n\n",
        "has seven sub parks, ", "such as ", "including ", "“", "”", " - ", "内蒙古", "托克托", "工业园区", "、", "，", "。",
        "一是", "培育以", "为龙头的", "产业集群", "等项目", "建成", "乳业", "开发区", "国家级", "：", "Founded in 1999, ", "Qingshan district",
        "呼和浩特市", "高新区", "以", "的", "等", "Erdos ", "- ", ": ", "(", ")", "é", "😀",
    ]), 0..40)) {
        let body: String = parts.concat();
        let title: String = parts.iter().take(4).copied().collect();
        for d in [doc(&title, "Industrial Parks", &body), zh_doc(&title, &body)] {
            let ctx = run(&d);
            let chars: Vec<char> = d.body.chars().collect();
            for e in ctx.parks.iter().flat_map(|p| p.evidence.iter().chain(p.claims.iter().filter_map(|c| c.evidence.as_ref())))
                .chain(ctx.clusters.iter().flat_map(|c| c.evidence.iter()))
            {
                let (a, b) = (e.start as usize, e.end as usize);
                proptest::prop_assert!(a <= b && b <= chars.len());
                proptest::prop_assert_eq!(chars[a..b].iter().collect::<String>(), e.quote.clone());
            }
            for p in &ctx.parks {
                let expected = format!("parks/{}", p.id);
                proptest::prop_assert!(!p.id.is_empty());
                proptest::prop_assert_eq!(&p.name, &expected);
            }
        }
    }
}

#[test]
fn chinese_profile_fields_and_cross_language_id() {
    let d = zh_doc(
        "鄂尔多斯高新技术产业开发区",
        "鄂尔多斯高新技术产业开发区始建于2001年，2017年2月经国务院批准升级为国家级高新区。\n\n园区下辖科教园、云计算产业园、低碳产业园三个园区，先后被评为“国家火炬特色产业基地”、“自治区新型工业化示范基地”。\n\n园区已形成“煤—电—铝—铝后加工”产业链，主导产业为云计算、新能源、生物医药等产业。",
    );
    let ctx = run(&d);
    assert_eq!(
        ctx.parks.len(),
        1,
        "{:?}",
        ctx.parks.iter().map(|p| &p.name_zh).collect::<Vec<_>>()
    );
    let p = &ctx.parks[0];
    assert_eq!(p.established_year, 2001);
    assert_eq!(p.approved, "2017-02");
    assert_eq!(level(p), ParkLevel::National);
    assert_eq!(p.sub_parks, ["科教园", "云计算产业园", "低碳产业园"]);
    assert_eq!(
        p.honors,
        ["国家火炬特色产业基地", "自治区新型工业化示范基地"]
    );
    assert_eq!(
        p.industrial_chains[0].stages,
        ["煤", "电", "铝", "铝后加工"]
    );
    assert_eq!(p.industries, ["云计算", "新能源", "生物医药"]);
    assert_eq!(p.city, "Ordos");
    // The English profile of the same zone resolves to the same record.
    let en = doc(
        "Ordos Hi-Tech Industrial Park",
        "Industrial Parks",
        "Ordos Hi-Tech Industrial Park is located in the center of the city.",
    );
    assert_eq!(run(&en).parks[0].id, p.id);
}

// ------------------------------------------------------------------ generalisation (unseen pages)

#[test]
fn former_chinese_name_is_an_alias_and_approval_date_from_pizhun_sheli() {
    let d = zh_doc(
        "内蒙古扎鲁特工业园区",
        "内蒙古扎鲁特工业园区原名内蒙古扎鲁特新型能源化工工业园区，2004年9月16日，经通辽市人民政府批准设立，2005年4月正式启动建设。2007年3月经自治区批准成为自治区级工业园区。",
    );
    let ctx = run(&d);
    assert_eq!(
        ctx.parks.len(),
        1,
        "{:?}",
        ctx.parks.iter().map(|p| &p.name_zh).collect::<Vec<_>>()
    );
    let p = &ctx.parks[0];
    assert_eq!(p.name_zh, "内蒙古扎鲁特工业园区");
    assert!(
        p.aliases
            .iter()
            .any(|a| a == "内蒙古扎鲁特新型能源化工工业园区"),
        "{:?}",
        p.aliases
    );
    assert!(p.approved.starts_with("2004-09"), "{}", p.approved);
}

#[test]
fn built_in_year_and_industries_joined_by_he() {
    let d = zh_doc(
        "内蒙古宁城工业园区",
        "内蒙古宁城工业园区是建于2003年的自治区级工业园区，规划面积20平方公里。园区重点发展建材化工和农产品加工、装备制造三大主导产业。",
    );
    let ctx = run(&d);
    let p = &ctx.parks[0];
    assert_eq!(p.established_year, 2003);
    assert_eq!(p.industries, vec!["建材化工", "农产品加工", "装备制造"]);
}

#[test]
fn headline_clause_and_class_words_are_not_parks() {
    let d = zh_doc(
        "包头市决定进一步整合工业园区",
        "包头市决定进一步整合工业园区。调整后保留包头稀土高新技术产业开发区。该开发区是内蒙古自治区一类园区。",
    );
    let ctx = run(&d);
    let names: Vec<&str> = ctx.parks.iter().map(|p| p.name_zh.as_str()).collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("决定") || n.contains("一类")),
        "{names:?}"
    );
    assert!(names.contains(&"包头稀土高新技术产业开发区"), "{names:?}");
}

#[test]
fn zones_a_project_is_in_are_parks() {
    let d = doc(
        "Inner Mongolia launches 120 key projects",
        "Policies",
        "Among the new projects are the expansion of the Baotou Rare Earth Comprehensive Bonded Zone and the construction project of the Horqin Left Rear Banner Industrial Park.",
    );
    let ctx = run(&d);
    let names: Vec<&str> = ctx.parks.iter().map(|p| p.name_en.as_str()).collect();
    assert!(names.iter().any(|n| n.contains("Bonded Zone")), "{names:?}");
    assert!(
        names.iter().any(|n| n.contains("Industrial Park")),
        "{names:?}"
    );
}

// ------------------------------------------------------------------ parents

/// The park of `ctx` whose English (else Chinese) name is `name`.
fn park_named<'a>(ctx: &'a Context, name: &str) -> &'a Park {
    ctx.parks
        .iter()
        .find(|p| p.name_en == name || p.name_zh == name)
        .unwrap_or_else(|| panic!("no park {name:?} in {:?}", park_names(ctx)))
}

fn park_names(ctx: &Context) -> Vec<&str> {
    ctx.parks
        .iter()
        .map(|p| {
            if p.name_en.is_empty() {
                p.name_zh.as_str()
            } else {
                p.name_en.as_str()
            }
        })
        .collect()
}

/// The parent claim of `p`: its value and the quoted evidence.
fn parent_claim(p: &Park) -> Option<(&str, &str)> {
    p.claims.iter().find(|c| c.field == "parent").map(|c| {
        let e = c.evidence.as_ref().expect("evidence");
        (c.value.as_str(), e.quote.as_str())
    })
}

#[test]
fn a_profiled_park_one_of_the_parks_of_another_belongs_to_it() {
    for (sentence, cue) in [
        ("Jinqiao Development Zone is one of the four parks of Hohhot Economic and Technological Development Zone.", "one of the four parks of"),
        ("Jinqiao Development Zone, a sub-park of Hohhot Economic and Technological Development Zone, lies in the east of Hohhot.", "a sub-park of"),
        ("It is an important part of the Hohhot Economic and Technological Development Zone.", "important part of"),
        ("The zone belongs to Hohhot Economic and Technological Development Zone.", "belongs to"),
    ] {
        let d = doc(
            "Jinqiao Development Zone",
            "Industrial Parks",
            &format!("Jinqiao Development Zone was set up in 2000 in Hohhot.\n\n{sentence}\n\nIts leading industries include electronics and logistics."),
        );
        let ctx = run(&d);
        let main = &ctx.parks[0];
        assert_eq!(main.name_en, "Jinqiao Development Zone", "{cue}");
        let parent = park_named(&ctx, "Hohhot Economic and Technological Development Zone");
        assert_eq!(main.parent, parent.name, "{cue}: {:?}", park_names(&ctx));
        let (value, quote) = parent_claim(main).expect("a parent claim");
        assert_eq!(value, parent.name);
        assert!(quote.contains(cue), "{quote}");
        assert!(parent.parent.is_empty(), "{cue}");
    }
}

#[test]
fn a_park_named_near_the_profiled_one_is_not_its_parent() {
    for sentence in [
        "Jinqiao Development Zone is located next to Hohhot Economic and Technological Development Zone.",
        "Jinqiao Development Zone cooperates with Hohhot Economic and Technological Development Zone.",
        // the subject is not the profiled park
        "Ruyi Park is one of the four parks of Hohhot Economic and Technological Development Zone.",
        "Jinqiao Development Zone lies in the northern part of Hohhot Economic and Technological Development Zone.",
    ] {
        let d = doc(
            "Jinqiao Development Zone",
            "Industrial Parks",
            &format!("Jinqiao Development Zone was set up in 2000 in Hohhot.\n\n{sentence}"),
        );
        let ctx = run(&d);
        assert!(ctx.parks.len() >= 2, "{sentence}: {:?}", park_names(&ctx));
        assert!(
            ctx.parks.iter().all(|p| p.parent.is_empty()),
            "{sentence}: {:?}",
            ctx.parks.iter().map(|p| (&p.name_en, &p.parent)).collect::<Vec<_>>()
        );
        assert!(ctx.parks.iter().all(|p| parent_claim(p).is_none()));
    }
}

#[test]
fn a_listed_sub_park_named_again_as_a_park_belongs_to_the_profiled_one() {
    let d = doc(
        "Hohhot Economic and Technological Development Zone",
        "Industrial Parks",
        "Hohhot Economic and Technological Development Zone was approved in 2000.\n\n\
The zone has three sub-parks: Ruyi Park, Jinqiao Park and Saihan Park.\n\n\
Saihan Industrial Park focuses on dairy and new materials.",
    );
    let ctx = run(&d);
    let main = &ctx.parks[0];
    assert_eq!(main.sub_parks, ["Ruyi Park", "Jinqiao Park", "Saihan Park"]);
    // written another way than in the list: the same distinctive words
    let sub = park_named(&ctx, "Saihan Industrial Park");
    assert_eq!(sub.parent, main.name);
    assert_eq!(parent_claim(sub), Some((main.name.as_str(), "Saihan Park")));
    assert!(main.parent.is_empty());
}

#[test]
fn a_chinese_profiled_park_belongs_to_the_park_it_is_part_of() {
    for sentence in [
        "呼和浩特金桥开发区隶属于呼和浩特经济技术开发区，重点发展电子信息产业。",
        "呼和浩特金桥开发区是呼和浩特经济技术开发区的核心园区。",
    ] {
        let d = zh_doc(
            "呼和浩特金桥开发区",
            &format!("呼和浩特金桥开发区位于呼和浩特市。\n\n{sentence}"),
        );
        let ctx = run(&d);
        let main = &ctx.parks[0];
        assert_eq!(main.name_zh, "呼和浩特金桥开发区", "{:?}", park_names(&ctx));
        let parent = park_named(&ctx, "呼和浩特经济技术开发区");
        assert_eq!(
            main.parent,
            parent.name,
            "{sentence}: {:?}",
            park_names(&ctx)
        );
    }
    // 是 … without 的 and a part word right after the other name says where the park is, not
    // what it belongs to
    for sentence in [
        "呼和浩特金桥开发区是呼和浩特经济技术开发区以东的新区。",
        "呼和浩特金桥开发区是呼和浩特经济技术开发区以东的新园区。",
    ] {
        let d = zh_doc(
            "呼和浩特金桥开发区",
            &format!("呼和浩特金桥开发区位于呼和浩特市。\n\n{sentence}"),
        );
        let ctx = run(&d);
        assert_eq!(ctx.parks.len(), 2, "{:?}", park_names(&ctx));
        assert!(ctx.parks.iter().all(|p| p.parent.is_empty()), "{sentence}");
    }
}
