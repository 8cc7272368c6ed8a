//! The filterable fields of each resource (documented on the List requests in `proto/`).

use parkgraph_proto::v1::{
    Comparator, Document, IndustryCluster, Metric, Park, ParkKind, ParkLevel, SourceFormat,
    Statistic, SubjectKind, Unit,
};
use parkgraph_store::period_years as period;

use crate::filter::{Field, Kind, Val};

macro_rules! enum_kind {
    ($ty:ty, $prefix:literal) => {
        Kind::Enum {
            prefix: $prefix,
            parse: |s| <$ty>::from_str_name(s).map(|v| v as i32),
        }
    };
}

fn texts<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<Val<'a>> {
    items
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| Val::text(s))
        .collect()
}

fn nonzero(n: i32) -> Vec<Val<'static>> {
    if n == 0 {
        vec![]
    } else {
        vec![Val::int(n)]
    }
}

/// Filterable fields of `Park`.
pub static PARK: [Field<Park>; 11] = [
    Field {
        name: "id",
        kind: Kind::Text,
        get: |p| vec![Val::text(&p.id)],
    },
    Field {
        name: "name_en",
        kind: Kind::Text,
        get: |p| texts([&p.name_en].into_iter().chain(&p.aliases)),
    },
    Field {
        name: "name_zh",
        kind: Kind::Text,
        get: |p| texts([&p.name_zh]),
    },
    Field {
        name: "city",
        kind: Kind::Text,
        get: |p| texts([&p.city]),
    },
    Field {
        name: "district",
        kind: Kind::Text,
        get: |p| texts([&p.district]),
    },
    Field {
        name: "region",
        kind: Kind::Text,
        get: |p| texts([&p.region]),
    },
    Field {
        name: "level",
        kind: enum_kind!(ParkLevel, "PARK_LEVEL_"),
        get: |p| vec![Val::int(p.level)],
    },
    Field {
        name: "kind",
        kind: enum_kind!(ParkKind, "PARK_KIND_"),
        get: |p| vec![Val::int(p.kind)],
    },
    Field {
        name: "established_year",
        kind: Kind::Int,
        get: |p| nonzero(p.established_year),
    },
    Field {
        name: "source",
        kind: Kind::Text,
        get: |p| texts(&p.sources),
    },
    Field {
        name: "parent",
        kind: Kind::Text,
        get: |p| texts([&p.parent]),
    },
];

/// Filterable fields of `IndustryCluster`.
pub static CLUSTER: [Field<IndustryCluster>; 8] = [
    Field {
        name: "id",
        kind: Kind::Text,
        get: |c| vec![Val::text(&c.id)],
    },
    Field {
        name: "name_zh",
        kind: Kind::Text,
        get: |c| texts([&c.name_zh]),
    },
    Field {
        name: "name_en",
        kind: Kind::Text,
        get: |c| texts([&c.name_en]),
    },
    Field {
        name: "city",
        kind: Kind::Text,
        get: |c| texts([&c.city]),
    },
    Field {
        name: "region",
        kind: Kind::Text,
        get: |c| texts([&c.region]),
    },
    Field {
        name: "ordinal",
        kind: Kind::Int,
        get: |c| nonzero(c.ordinal),
    },
    Field {
        name: "plan_year",
        kind: Kind::Int,
        get: |c| nonzero(c.plan_year),
    },
    Field {
        name: "source",
        kind: Kind::Text,
        get: |c| texts(&c.sources),
    },
];

/// Filterable fields of `Statistic`.
pub static STATISTIC: [Field<Statistic>; 10] = [
    Field {
        name: "subject",
        kind: Kind::Text,
        get: |s| {
            s.subject
                .as_ref()
                .map(|x| texts([&x.id, &x.name]))
                .unwrap_or_default()
        },
    },
    Field {
        name: "subject_kind",
        kind: enum_kind!(SubjectKind, "SUBJECT_KIND_"),
        get: |s| vec![Val::int(s.subject.as_ref().map_or(0, |x| x.kind))],
    },
    Field {
        name: "metric",
        kind: enum_kind!(Metric, "METRIC_"),
        get: |s| vec![Val::int(s.metric)],
    },
    Field {
        name: "unit",
        kind: enum_kind!(Unit, "UNIT_"),
        get: |s| vec![Val::int(s.unit)],
    },
    Field {
        name: "comparator",
        kind: enum_kind!(Comparator, "COMPARATOR_"),
        get: |s| vec![Val::int(s.comparator)],
    },
    Field {
        name: "year",
        kind: Kind::Int,
        get: |s| {
            period(s)
                .map(|(a, b)| Val::Range(a, b))
                .into_iter()
                .collect()
        },
    },
    Field {
        name: "start_year",
        kind: Kind::Int,
        get: |s| period(s).map(|(a, _)| Val::int(a)).into_iter().collect(),
    },
    Field {
        name: "end_year",
        kind: Kind::Int,
        get: |s| period(s).map(|(_, b)| Val::int(b)).into_iter().collect(),
    },
    Field {
        name: "document",
        kind: Kind::Text,
        get: |s| {
            s.evidence
                .as_ref()
                .map(|e| texts([&e.document, &e.document_id]))
                .unwrap_or_default()
        },
    },
    Field {
        name: "label",
        kind: Kind::Text,
        get: |s| texts([&s.label]),
    },
];

/// Filterable fields of `Document`.
pub static DOCUMENT: [Field<Document>; 7] = [
    Field {
        name: "id",
        kind: Kind::Text,
        get: |d| vec![Val::text(&d.id)],
    },
    Field {
        name: "source_format",
        kind: enum_kind!(SourceFormat, "SOURCE_FORMAT_"),
        get: |d| vec![Val::int(d.source_format)],
    },
    Field {
        name: "language",
        kind: Kind::Text,
        get: |d| texts([&d.language]),
    },
    Field {
        name: "title",
        kind: Kind::Text,
        get: |d| texts([&d.title]),
    },
    Field {
        name: "section",
        kind: Kind::Text,
        get: |d| texts([&d.section]),
    },
    Field {
        name: "origin",
        kind: Kind::Text,
        get: |d| texts([&d.origin]),
    },
    Field {
        name: "tag",
        kind: Kind::Text,
        get: |d| texts(&d.tags),
    },
];
