//! A documented subset of AIP-160 filters: comparisons `field OP value` joined by `AND`, each
//! optionally prefixed by `NOT`.
//!
//! - Operators: `=`, `!=`, `<`, `<=`, `>`, `>=`, and `:` (has: substring for text, membership
//!   for repeated fields).
//! - Values: `"quoted strings"` (backslash escapes `\"` and `\\`), bare words, integers.
//!   Text `=` is case-insensitive and allows a leading or trailing `*` wildcard.
//! - Enum fields take the value name with or without its prefix: `level = AUTONOMOUS_REGION`
//!   or `level = PARK_LEVEL_AUTONOMOUS_REGION`; only `=` and `!=` apply to them.
//! - Range fields (a statistic's `year`) match when the comparison holds for some year of the
//!   range: `year = 2020` matches a 2016-2020 period, `year >= 2015` matches any period ending in
//!   2015 or later.
//! - Repeated fields match when some element matches (`!=`: when no element equals the value).
//!
//! `OR`, parentheses and functions are not supported and are rejected with a message saying so.

use std::borrow::Cow;

use crate::Error;

/// How a field's values are compared.
#[derive(Clone, Copy)]
pub enum Kind {
    /// Free text.
    Text,
    /// Integers (and integer ranges).
    Int,
    /// A proto enum: `prefix` is the value-name prefix, `parse` maps a full value name to its number.
    Enum {
        /// e.g. `PARK_LEVEL_`.
        prefix: &'static str,
        /// `from_str_name` of the generated enum.
        parse: fn(&str) -> Option<i32>,
    },
}

/// One value of a field of a resource.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<'a> {
    /// Text.
    Text(Cow<'a, str>),
    /// An inclusive integer range; a single integer is `Range(n, n)`.
    Range(i64, i64),
}

impl<'a> Val<'a> {
    /// A text value borrowed from the resource.
    pub fn text(s: &'a str) -> Self {
        Val::Text(Cow::Borrowed(s))
    }
    /// A single integer.
    pub fn int(n: impl Into<i64>) -> Self {
        let n = n.into();
        Val::Range(n, n)
    }
}

/// A filterable field of resource `T`.
pub struct Field<T> {
    /// Name used in filters.
    pub name: &'static str,
    /// Comparison kind.
    pub kind: Kind,
    /// The field's values in a resource (empty when unset).
    pub get: fn(&T) -> Vec<Val<'_>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Has,
}

struct Cond<T: 'static> {
    field: &'static Field<T>,
    op: Op,
    value: Val<'static>,
    negate: bool,
}

/// A parsed filter for resources of type `T`.
pub struct Filter<T: 'static> {
    conds: Vec<Cond<T>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Op(Op),
    Paren,
}

fn bad(description: impl Into<String>) -> Error {
    Error::invalid("INVALID_FILTER", "filter", description)
}

fn lex(src: &str) -> Result<Vec<Token>, Error> {
    let mut out = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' | ')' => {
                chars.next();
                out.push(Token::Paren);
            }
            '"' => {
                chars.next();
                let mut s = String::new();
                let mut closed = false;
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some((_, e)) => s.push(e),
                            None => break,
                        },
                        '"' => {
                            closed = true;
                            break;
                        }
                        c => s.push(c),
                    }
                }
                if !closed {
                    return Err(bad(format!(
                        "unterminated string starting at character {}",
                        src[..i].chars().count()
                    )));
                }
                out.push(Token::Quoted(s));
            }
            '=' | ':' => {
                chars.next();
                out.push(Token::Op(if c == '=' { Op::Eq } else { Op::Has }));
            }
            '!' | '<' | '>' => {
                chars.next();
                let eq = chars.peek().map(|&(_, c)| c) == Some('=');
                if eq {
                    chars.next();
                }
                out.push(Token::Op(match (c, eq) {
                    ('!', true) => Op::Ne,
                    ('<', false) => Op::Lt,
                    ('<', true) => Op::Le,
                    ('>', false) => Op::Gt,
                    ('>', true) => Op::Ge,
                    _ => return Err(bad("`!` must be followed by `=`")),
                }));
            }
            _ => {
                let mut s = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || "()\"=:!<>".contains(c) {
                        break;
                    }
                    s.push(c);
                    chars.next();
                }
                out.push(Token::Word(s));
            }
        }
    }
    Ok(out)
}

impl<T: 'static> Filter<T> {
    /// Parses `src` against the fields of `T`; an empty filter matches everything.
    pub fn parse(src: &str, fields: &'static [Field<T>]) -> Result<Self, Error> {
        let tokens = lex(src)?;
        let mut conds = Vec::new();
        let mut it = tokens.into_iter().peekable();
        while let Some(tok) = it.next() {
            let mut negate = false;
            let tok = match tok {
                Token::Word(w) if w == "NOT" => {
                    negate = true;
                    it.next()
                        .ok_or_else(|| bad("NOT must be followed by a comparison"))?
                }
                t => t,
            };
            let name = match tok {
                Token::Word(w) if w == "OR" => {
                    return Err(bad("OR is not supported; use separate requests"))
                }
                Token::Word(w) => w,
                Token::Paren => return Err(bad("parentheses are not supported")),
                other => return Err(bad(format!("expected a field name, found {other:?}"))),
            };
            let field = fields.iter().find(|f| f.name == name).ok_or_else(|| {
                let known: Vec<_> = fields.iter().map(|f| f.name).collect();
                bad(format!(
                    "unknown field `{name}`; filterable fields: {}",
                    known.join(", ")
                ))
            })?;
            let op = match it.next() {
                Some(Token::Op(op)) => op,
                _ => {
                    return Err(bad(format!(
                        "expected an operator (= != < <= > >= :) after `{name}`"
                    )))
                }
            };
            let raw = match it.next() {
                Some(Token::Word(w)) => (w, false),
                Some(Token::Quoted(q)) => (q, true),
                _ => return Err(bad(format!("expected a value after `{name}`"))),
            };
            let value = typed_value(field, op, raw)?;
            conds.push(Cond {
                field,
                op,
                value,
                negate,
            });
            match it.next() {
                None => break,
                Some(Token::Word(w)) if w == "AND" => {
                    if it.peek().is_none() {
                        return Err(bad("AND must be followed by a comparison"));
                    }
                }
                Some(Token::Word(w)) if w == "OR" => {
                    return Err(bad("OR is not supported; use separate requests"))
                }
                Some(other) => return Err(bad(format!("expected AND, found {other:?}"))),
            }
        }
        Ok(Filter { conds })
    }

    /// The value of a positive, wildcard-free `field = value` comparison, if the filter has one:
    /// what an index lookup can use. Text comes back lower-cased; integers and enums as decimal.
    pub fn equality(&self, field: &str) -> Option<String> {
        self.conds.iter().find_map(|c| {
            if c.field.name != field || c.op != Op::Eq || c.negate {
                return None;
            }
            match &c.value {
                Val::Text(t) if !t.starts_with('*') && !t.ends_with('*') => Some(t.to_lowercase()),
                Val::Range(n, _) => Some(n.to_string()),
                Val::Text(_) => None,
            }
        })
    }

    /// Whether `item` satisfies every comparison.
    pub fn matches(&self, item: &T) -> bool {
        self.conds.iter().all(|c| {
            let vals = (c.field.get)(item);
            let hit = match c.op {
                Op::Ne => !vals.iter().any(|v| compare(v, Op::Eq, &c.value)),
                op => vals.iter().any(|v| compare(v, op, &c.value)),
            };
            hit != c.negate
        })
    }
}

fn typed_value<T>(
    field: &Field<T>,
    op: Op,
    (raw, quoted): (String, bool),
) -> Result<Val<'static>, Error> {
    match field.kind {
        Kind::Text => Ok(Val::Text(Cow::Owned(raw))),
        Kind::Int => raw
            .parse::<i64>()
            .map(Val::int)
            .map_err(|_| bad(format!("`{}` takes an integer, got {raw:?}", field.name))),
        Kind::Enum { prefix, parse } => {
            if !matches!(op, Op::Eq | Op::Ne) {
                return Err(bad(format!(
                    "`{}` is an enum: only = and != apply",
                    field.name
                )));
            }
            let upper = raw.to_ascii_uppercase();
            let full = if upper.starts_with(prefix) {
                upper
            } else {
                format!("{prefix}{upper}")
            };
            match parse(&full) {
                Some(n) if !quoted || !raw.is_empty() => Ok(Val::int(n)),
                _ => Err(bad(format!(
                    "`{}` has no value {raw:?} (values are {prefix}*)",
                    field.name
                ))),
            }
        }
    }
}

fn compare(have: &Val<'_>, op: Op, want: &Val<'_>) -> bool {
    match (have, want) {
        (Val::Range(lo, hi), Val::Range(n, _)) => match op {
            Op::Eq => lo <= n && n <= hi,
            Op::Ne => !(lo == n && hi == n),
            Op::Lt => lo < n,
            Op::Le => lo <= n,
            Op::Gt => hi > n,
            Op::Ge => hi >= n,
            Op::Has => lo <= n && n <= hi,
        },
        (Val::Text(h), Val::Text(w)) => {
            let (h, w) = (h.to_lowercase(), w.to_lowercase());
            match op {
                Op::Eq => wildcard_eq(&h, &w),
                Op::Ne => !wildcard_eq(&h, &w),
                Op::Has => h.contains(&w),
                Op::Lt => h < w,
                Op::Le => h <= w,
                Op::Gt => h > w,
                Op::Ge => h >= w,
            }
        }
        _ => false,
    }
}

fn wildcard_eq(have: &str, want: &str) -> bool {
    match (want.strip_prefix('*'), want.strip_suffix('*')) {
        (Some(rest), _) if rest.ends_with('*') => have.contains(&rest[..rest.len() - 1]),
        (Some(suffix), _) => have.ends_with(suffix),
        (None, Some(prefix)) => have.starts_with(prefix),
        (None, None) => have == want,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct R {
        city: String,
        level: i32,
        years: Option<(i64, i64)>,
        tags: Vec<String>,
    }

    fn level(s: &str) -> Option<i32> {
        match s {
            "LEVEL_UNSPECIFIED" => Some(0),
            "LEVEL_NATIONAL" => Some(1),
            "LEVEL_AUTONOMOUS_REGION" => Some(2),
            _ => None,
        }
    }

    static FIELDS: [Field<R>; 4] = [
        Field {
            name: "city",
            kind: Kind::Text,
            get: |r| vec![Val::text(&r.city)],
        },
        Field {
            name: "level",
            kind: Kind::Enum {
                prefix: "LEVEL_",
                parse: level,
            },
            get: |r| vec![Val::int(r.level)],
        },
        Field {
            name: "year",
            kind: Kind::Int,
            get: |r| r.years.map(|(a, b)| Val::Range(a, b)).into_iter().collect(),
        },
        Field {
            name: "tag",
            kind: Kind::Text,
            get: |r| r.tags.iter().map(|t| Val::text(t)).collect(),
        },
    ];

    fn r() -> R {
        R {
            city: "Hohhot".into(),
            level: 2,
            years: Some((2016, 2020)),
            tags: vec!["a".into(), "b".into()],
        }
    }

    fn m(src: &str) -> bool {
        Filter::parse(src, &FIELDS).unwrap().matches(&r())
    }

    #[test]
    fn comparisons() {
        assert!(m(""));
        assert!(m(r#"city = "hohhot" AND level = AUTONOMOUS_REGION"#));
        assert!(m("level = LEVEL_AUTONOMOUS_REGION"));
        assert!(!m("level = NATIONAL"));
        assert!(m("level != NATIONAL"));
        assert!(m("city = Hoh*") && m("city = *hot") && m("city = *ohh*") && m("city : ohh"));
        assert!(m("year = 2018") && m("year >= 2020") && !m("year > 2020") && m("year < 2017"));
        assert!(!m("year < 2016") && m("NOT year < 2016"));
        assert!(m("tag = b") && !m("tag = c") && m("tag != c") && !m("tag != a"));
        let no_year = R { years: None, ..r() };
        assert!(!Filter::parse("year >= 0", &FIELDS)
            .unwrap()
            .matches(&no_year));
    }

    #[test]
    fn equality_finds_what_an_index_can_use() {
        let f = Filter::parse(
            r#"city = "HOHHOT" AND level = AUTONOMOUS_REGION AND tag != x"#,
            &FIELDS,
        )
        .unwrap();
        assert_eq!(f.equality("city").as_deref(), Some("hohhot"));
        assert_eq!(f.equality("level").as_deref(), Some("2"));
        assert_eq!(f.equality("tag"), None);
        assert_eq!(
            Filter::parse("city = Hoh*", &FIELDS)
                .unwrap()
                .equality("city"),
            None
        );
        assert_eq!(
            Filter::parse("NOT city = a", &FIELDS)
                .unwrap()
                .equality("city"),
            None
        );
    }

    #[test]
    fn errors_name_the_problem() {
        let e = |s: &str| Filter::parse(s, &FIELDS).err().unwrap().to_string();
        assert!(e("colour = red").contains("unknown field `colour`"));
        assert!(e("colour = red").contains("city, level, year, tag"));
        assert!(e("year >= soon").contains("takes an integer"));
        assert!(e("level = PURPLE").contains("has no value"));
        assert!(e("level > NATIONAL").contains("only = and !="));
        assert!(e("city = a OR city = b").contains("OR is not supported"));
        assert!(e("(city = a)").contains("parentheses"));
        assert!(e("city").contains("expected an operator"));
        assert!(e("city =").contains("expected a value"));
        assert!(e("city = \"abc").contains("unterminated"));
        assert!(e("city = a AND").contains("AND must be followed"));
        assert!(e("city = a city = b").contains("expected AND"));
    }
}
