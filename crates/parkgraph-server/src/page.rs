//! Pagination (AIP-158): opaque page tokens bound to the collection, filter and order they were
//! issued for.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use parkgraph_store::{decode, Collection, Index, SharedScan, Store};
use sha2::{Digest, Sha256};
use std::borrow::Borrow;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::filter::{Field, Filter};
use crate::Error;

/// Page size when the request gives 0.
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// Larger requested sizes are treated as this.
pub const MAX_PAGE_SIZE: usize = 1000;

const TOKEN_VERSION: &str = "pg1";

/// A list request's paging and filtering fields.
pub struct ListRequest<'a> {
    /// `page_size` as sent.
    pub page_size: i32,
    /// `page_token` as sent.
    pub page_token: &'a str,
    /// `filter` as sent.
    pub filter: &'a str,
    /// `order_by` as sent.
    pub order_by: &'a str,
    /// When the client stops waiting (from `grpc-timeout`), if it said.
    pub deadline: Option<Instant>,
}

/// How many scanned entries between two deadline checks.
const DEADLINE_CHECK_EVERY: usize = 256;

/// The deadline a request's `grpc-timeout` metadata sets, counted from now.
pub fn deadline(metadata: &tonic::metadata::MetadataMap) -> Option<Instant> {
    let v = metadata.get("grpc-timeout")?.to_str().ok()?;
    let (digits, unit) = v.split_at(v.len().checked_sub(1)?);
    let n: u64 = digits.parse().ok()?;
    let d = match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    };
    Instant::now().checked_add(d)
}

fn fingerprint(collection: Collection, filter: &str, order_by: &str) -> String {
    let digest = Sha256::digest(format!(
        "{}\u{1f}{filter}\u{1f}{order_by}",
        collection.as_str()
    ));
    hex::encode(&digest[..8])
}

fn invalid_token(why: &str) -> Error {
    Error::invalid(
        "INVALID_PAGE_TOKEN",
        "page_token",
        format!("{why}; start again without a page_token"),
    )
}

fn encode_token(fp: &str, last_id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{TOKEN_VERSION}\u{1f}{fp}\u{1f}{last_id}"))
}

fn decode_token<'a>(token: &str, fp: &str, buf: &'a mut String) -> Result<&'a str, Error> {
    let bytes = URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| invalid_token("the page token is not one this service issued"))?;
    *buf = String::from_utf8(bytes).map_err(|_| invalid_token("the page token is garbled"))?;
    let mut parts = buf.splitn(3, '\u{1f}');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(TOKEN_VERSION), Some(f), Some(last)) if f == fp => Ok(last),
        (Some(TOKEN_VERSION), Some(_), Some(_)) => Err(invalid_token(
            "the page token was issued for another collection, filter or order",
        )),
        _ => Err(invalid_token("the page token is garbled")),
    }
}

/// Which filter fields have an index, for a collection: `(field, index)`.
pub type Indexed = &'static [(&'static str, Index)];

/// Statistics fields backed by an index.
pub const STATISTIC_INDEXES: Indexed = &[
    ("document", Index::StatisticsByDocument),
    ("subject", Index::StatisticsBySubject),
    ("metric", Index::StatisticsByMetric),
    ("year", Index::StatisticsByYear),
];

/// Lists one page of `collection`, in id order, keeping the messages that pass the filter.
/// When the filter pins indexed fields with `=`, only the ids in all of those indexes are read
/// (their intersection); the whole filter still decides. Returns the page and the next page
/// token (empty at the end).
pub fn list<M: prost::Message + Default>(
    store: &dyn Store,
    collection: Collection,
    fields: &'static [Field<M>],
    indexed: Indexed,
    req: &ListRequest<'_>,
) -> Result<(Vec<M>, String), Error> {
    let q = Query::new(collection, fields, req)?;
    let pinned: Vec<(Index, String)> = indexed
        .iter()
        .filter_map(|(field, index)| q.filter.equality(field).map(|v| (*index, v)))
        .collect();
    if pinned.is_empty() {
        return q.page(store.scan(collection, q.after()).map(|entry| {
            let (id, bytes) = entry?;
            let msg: M = decode(collection, &id, &bytes)?;
            Ok((id, msg))
        }));
    }
    // The first id after the token's: ids hold no NUL, so `{after}\0` is the next possible one.
    let from = q.after().map(|a| format!("{a}\0"));
    let ids = Intersection::new(store, &pinned, from.as_deref());
    q.page(ids.filter_map(|id| {
        let fetched = id.and_then(|id| Ok(store.get(collection, &id)?.map(|bytes| (id, bytes))));
        // An index entry always has its record (one atomic write stores both); skip defensively.
        fetched.transpose().map(|entry| {
            let (id, bytes) = entry?;
            let msg: M = decode(collection, &id, &bytes)?;
            Ok((id, msg))
        })
    }))
}

/// The ids present in every one of several indexes' lookups, ascending: each lookup is a
/// cursor, and the cursors leapfrog (each seeks to the largest id seen so far) until they
/// agree. Reads about as many entries as the smallest lookup holds (each seek past a run of
/// non-matching ids is one new range scan), not the sum of them.
struct Intersection<'s> {
    cursors: Vec<Cursor<'s>>,
    /// The smallest id the next match can have; `None` once a cursor is exhausted.
    target: Option<String>,
}

impl<'s> Intersection<'s> {
    fn new(store: &'s dyn Store, pinned: &[(Index, String)], from: Option<&str>) -> Self {
        Intersection {
            cursors: pinned
                .iter()
                .map(|(index, value)| Cursor::new(store, *index, value.clone(), from))
                .collect(),
            target: Some(from.unwrap_or_default().to_string()),
        }
    }

    fn advance(&mut self) -> Result<Option<String>, Error> {
        let Some(mut target) = self.target.take() else {
            return Ok(None);
        };
        'round: loop {
            for cursor in &mut self.cursors {
                let Some(head) = cursor.seek(&target)? else {
                    return Ok(None);
                };
                if *head != target {
                    target = head.clone();
                    continue 'round;
                }
            }
            // Every cursor stands on `target`; the next match comes after it.
            self.target = Some(format!("{target}\0"));
            return Ok(Some(target));
        }
    }
}

impl Iterator for Intersection<'_> {
    type Item = Result<String, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let next = self.advance();
        if next.is_err() {
            self.target = None;
        }
        next.transpose()
    }
}

/// One index lookup read in ascending id order, able to skip ahead.
struct Cursor<'s> {
    store: &'s dyn Store,
    index: Index,
    value: String,
    ids: parkgraph_store::Ids<'s>,
    head: Option<String>,
}

/// How many entries a cursor steps through before a seek opens a new range scan instead.
const STEPS_BEFORE_RESEEK: usize = 8;

impl<'s> Cursor<'s> {
    fn new(store: &'s dyn Store, index: Index, value: String, from: Option<&str>) -> Self {
        Cursor {
            ids: store.index_ids(index, &value, from),
            store,
            index,
            value,
            head: None,
        }
    }

    /// The first id at or after `target`, or `None` when the lookup has no more.
    fn seek(&mut self, target: &str) -> Result<Option<&String>, Error> {
        for _ in 0..STEPS_BEFORE_RESEEK {
            if self.head.as_deref().is_some_and(|h| h >= target) {
                return Ok(self.head.as_ref());
            }
            self.head = self.ids.next().transpose()?;
            if self.head.is_none() {
                return Ok(None);
            }
        }
        if self.head.as_deref().is_some_and(|h| h >= target) {
            return Ok(self.head.as_ref());
        }
        // Far behind: start a new range scan at the target.
        self.ids = self.store.index_ids(self.index, &self.value, Some(target));
        self.head = self.ids.next().transpose()?;
        Ok(self.head.as_ref())
    }
}

/// Like [`list`] over records the store keeps decoded (parks, clusters; no index): nothing is
/// parsed, and only the records on the page are copied out, by `out` (which may leave parts of a
/// record out instead of copying them).
pub fn list_shared<'s, M, T>(
    collection: Collection,
    fields: &'static [Field<M>],
    req: &ListRequest<'_>,
    scan: impl FnOnce(Option<&str>) -> SharedScan<'s, M>,
    out: impl FnMut(Arc<M>) -> T,
) -> Result<(Vec<T>, String), Error> {
    let q = Query::new(collection, fields, req)?;
    let (page, token) = q.page(scan(q.after()).map(|entry| Ok(entry?)))?;
    Ok((page.into_iter().map(out).collect(), token))
}

/// A checked list request: page size, parsed filter, and where the page starts.
struct Query<M: 'static> {
    size: usize,
    filter: Filter<M>,
    fp: String,
    after: Option<String>,
    deadline: Option<Instant>,
}

impl<M> Query<M> {
    fn new(
        collection: Collection,
        fields: &'static [Field<M>],
        req: &ListRequest<'_>,
    ) -> Result<Self, Error> {
        if req.page_size < 0 {
            return Err(Error::invalid(
                "INVALID_PAGE_SIZE",
                "page_size",
                format!(
                    "must not be negative (got {}); 0 means the default of {DEFAULT_PAGE_SIZE}",
                    req.page_size
                ),
            ));
        }
        if !matches!(req.order_by.trim(), "" | "id" | "id asc") {
            return Err(Error::invalid(
                "INVALID_ORDER_BY",
                "order_by",
                format!("only `id` ordering is supported, got {:?}", req.order_by),
            ));
        }
        let size = match req.page_size as usize {
            0 => DEFAULT_PAGE_SIZE,
            n => n.min(MAX_PAGE_SIZE),
        };
        let filter = Filter::parse(req.filter, fields)?;
        let fp = fingerprint(collection, req.filter, req.order_by.trim());
        let after = if req.page_token.is_empty() {
            None
        } else {
            let mut buf = String::new();
            Some(decode_token(req.page_token, &fp, &mut buf)?.to_string())
        };
        let q = Query {
            size,
            filter,
            fp,
            after,
            deadline: req.deadline,
        };
        if q.past() {
            return Err(Error::DeadlineExceeded("the listing"));
        }
        Ok(q)
    }

    fn after(&self) -> Option<&str> {
        self.after.as_deref()
    }

    fn past(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// The page from `entries` (id order, starting after the token's id): what passes the filter,
    /// up to the page size, and the token of the next page.
    fn page<R: Borrow<M>>(
        &self,
        entries: impl Iterator<Item = Result<(String, R), Error>>,
    ) -> Result<(Vec<R>, String), Error> {
        let mut page = Vec::with_capacity(self.size.min(64));
        let mut last_id = String::new();
        for (n, entry) in entries.enumerate() {
            // A scan that outlives the client's deadline is wasted work: stop and say so.
            if n % DEADLINE_CHECK_EVERY == 0 && self.past() {
                return Err(Error::DeadlineExceeded("the listing"));
            }
            let (id, msg) = entry?;
            if !self.filter.matches(msg.borrow()) {
                continue;
            }
            if page.len() == self.size {
                // One more match exists: this page is not the last.
                return Ok((page, encode_token(&self.fp, &last_id)));
            }
            last_id = id;
            page.push(msg);
        }
        Ok((page, String::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeout_header_sets_a_deadline() {
        let mut md = tonic::metadata::MetadataMap::new();
        assert!(deadline(&md).is_none());
        md.insert("grpc-timeout", "5S".parse().unwrap());
        let d = deadline(&md).unwrap();
        assert!(
            d > Instant::now() + Duration::from_secs(4)
                && d <= Instant::now() + Duration::from_secs(5)
        );
        md.insert("grpc-timeout", "junk".parse().unwrap());
        assert!(deadline(&md).is_none());
    }

    #[test]
    fn a_passed_deadline_stops_the_listing() {
        use parkgraph_proto::v1::Document;
        use parkgraph_store::{DocumentWrite, KeepExisting, SledStore};
        let store = SledStore::temporary().unwrap();
        let document = Document {
            id: "d".into(),
            ..Default::default()
        };
        store
            .put_document(
                &DocumentWrite {
                    document,
                    ..Default::default()
                },
                &KeepExisting,
            )
            .unwrap();
        let mut req = ListRequest {
            page_size: 0,
            page_token: "",
            filter: "",
            order_by: "",
            deadline: None,
        };
        let (page, _) = list(
            &store,
            Collection::Documents,
            &crate::fields::DOCUMENT,
            &[],
            &req,
        )
        .unwrap();
        assert_eq!(page.len(), 1);
        req.deadline = Some(Instant::now());
        let err = list(
            &store,
            Collection::Documents,
            &crate::fields::DOCUMENT,
            &[],
            &req,
        )
        .unwrap_err();
        assert!(matches!(err, Error::DeadlineExceeded(_)), "{err}");
    }

    #[test]
    fn shared_listing_pages_like_the_decoding_one() {
        use parkgraph_proto::v1::{Document, Park};
        use parkgraph_store::{DocumentWrite, KeepExisting, SledStore};
        let store = SledStore::temporary().unwrap();
        let parks = ["a", "b", "c"].map(|id| Park {
            id: id.into(),
            name: format!("parks/{id}"),
            ..Default::default()
        });
        store
            .put_document(
                &DocumentWrite {
                    document: Document {
                        id: "d".into(),
                        ..Default::default()
                    },
                    parks: parks.to_vec(),
                    ..Default::default()
                },
                &KeepExisting,
            )
            .unwrap();
        let mut token = String::new();
        let mut seen = Vec::new();
        loop {
            let req = ListRequest {
                page_size: 2,
                page_token: &token,
                filter: "",
                order_by: "",
                deadline: None,
            };
            let decoded = list(&store, Collection::Parks, &crate::fields::PARK, &[], &req).unwrap();
            let shared = list_shared(
                Collection::Parks,
                &crate::fields::PARK,
                &req,
                |after| store.scan_parks(after),
                Arc::unwrap_or_clone,
            )
            .unwrap();
            assert_eq!(shared, decoded);
            seen.extend(shared.0.into_iter().map(|p| p.id));
            if shared.1.is_empty() {
                break;
            }
            token = shared.1;
        }
        assert_eq!(seen, ["a", "b", "c"]);
    }

    #[test]
    fn tokens_are_bound_to_their_listing() {
        let fp = fingerprint(Collection::Parks, "city = \"Hohhot\"", "");
        let t = encode_token(&fp, "ordos-park");
        let mut buf = String::new();
        assert_eq!(decode_token(&t, &fp, &mut buf).unwrap(), "ordos-park");
        let other = fingerprint(Collection::Parks, "", "");
        assert!(decode_token(&t, &other, &mut buf).is_err());
        assert!(decode_token("!!!", &fp, &mut buf).is_err());
        assert!(decode_token(&URL_SAFE_NO_PAD.encode("hello"), &fp, &mut buf).is_err());
    }

    /// A store that counts what a listing reads: index ids and fetched records.
    struct Counting {
        inner: parkgraph_store::SledStore,
        index_ids: std::sync::atomic::AtomicUsize,
        gets: std::sync::atomic::AtomicUsize,
    }

    impl Store for Counting {
        fn put_document(
            &self,
            w: &parkgraph_store::DocumentWrite,
            m: &dyn parkgraph_store::Merger,
        ) -> parkgraph_store::Result<parkgraph_store::PutOutcome> {
            self.inner.put_document(w, m)
        }
        fn get(&self, c: Collection, id: &str) -> parkgraph_store::Result<Option<Vec<u8>>> {
            self.gets.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            self.inner.get(c, id)
        }
        fn scan(&self, c: Collection, after: Option<&str>) -> parkgraph_store::Scan<'_> {
            self.inner.scan(c, after)
        }
        fn stored_document(
            &self,
            id: &str,
        ) -> parkgraph_store::Result<Option<parkgraph_store::StoredDocument>> {
            self.inner.stored_document(id)
        }
        fn index_ids(&self, i: Index, v: &str, from: Option<&str>) -> parkgraph_store::Ids<'_> {
            Box::new(self.inner.index_ids(i, v, from).inspect(|_| {
                self.index_ids
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }))
        }
        fn len(&self, c: Collection) -> usize {
            self.inner.len(c)
        }
        fn flush(&self) -> parkgraph_store::BoxFuture<'_, parkgraph_store::Result<()>> {
            self.inner.flush()
        }
    }

    /// `n` statistics, one document each, spread over 4 metrics, 12 periods (some several years
    /// long, some unset, with `wide` one too wide to file by year) and 3 subjects; those `rare`
    /// picks are AREA_PLANNED in 2035.
    fn statistics_store(n: usize, wide: bool, rare: impl Fn(usize) -> bool) -> Counting {
        use parkgraph_proto::v1::{Document, Metric, Period, Statistic, Subject};
        use parkgraph_store::{DocumentWrite, KeepExisting, SledStore};
        let inner = SledStore::temporary().unwrap();
        let metrics = [
            Metric::AreaPlanned,
            Metric::Gdp,
            Metric::IndustrialOutputValue,
            Metric::InvestmentTotal,
        ];
        for i in 0..n {
            // Ids not in insertion order, so pages and seeks cross the key space.
            let id = format!("s{:05}", (i * 7919) % 100_003);
            let period = match i % 12 {
                0 => None,
                1 => Some((2016, 2020)),
                2 if wide => Some((1, 9_999)),
                k => Some((2010 + k as i32, 0)),
            };
            let (metric, period) = if rare(i) {
                (Metric::AreaPlanned, Some((2035, 2035)))
            } else {
                (metrics[i % 4], period)
            };
            let statistic = Statistic {
                name: format!("statistics/{id}"),
                id: id.clone(),
                metric: metric as i32,
                period: period.map(|(start_year, end_year)| Period {
                    start_year,
                    end_year,
                }),
                subject: Some(Subject {
                    id: format!("park-{}", i % 3),
                    ..Default::default()
                }),
                ..Default::default()
            };
            let write = DocumentWrite {
                document: Document {
                    id: format!("d{i}"),
                    ..Default::default()
                },
                statistics: vec![statistic],
                ..Default::default()
            };
            inner.put_document(&write, &KeepExisting).unwrap();
        }
        Counting {
            inner,
            index_ids: Default::default(),
            gets: Default::default(),
        }
    }

    /// Every page of a statistics listing, as ids.
    fn all_pages(store: &dyn Store, filter: &str, indexed: Indexed, page_size: i32) -> Vec<String> {
        let (mut token, mut seen) = (String::new(), Vec::new());
        loop {
            let req = ListRequest {
                page_size,
                page_token: &token,
                filter,
                order_by: "",
                deadline: None,
            };
            let (page, next) = list(
                store,
                Collection::Statistics,
                &crate::fields::STATISTIC,
                indexed,
                &req,
            )
            .unwrap();
            seen.extend(
                page.into_iter()
                    .map(|s: parkgraph_proto::v1::Statistic| s.id),
            );
            if next.is_empty() {
                return seen;
            }
            token = next;
        }
    }

    #[test]
    fn indexed_listings_equal_full_scans() {
        let store = statistics_store(400, true, |_| false);
        for filter in [
            "metric = AREA_PLANNED",
            "year = 2018",
            "year = 2035",
            "year = 5000", // only the wide period holds it
            "metric = GDP AND year = 2017",
            "metric = GDP AND year = 2019 AND subject = \"park-1\"",
            "subject = \"PARK-2\" AND year = 2020",
            "year = 2020 AND NOT metric = GDP",
            "year = 2020 AND year = 2016",
            "metric = INDUSTRIAL_OUTPUT_VALUE AND year >= 2018",
        ] {
            for page_size in [1, 7, 50] {
                let indexed = all_pages(&store, filter, STATISTIC_INDEXES, page_size);
                let scanned = all_pages(&store, filter, &[], page_size);
                assert_eq!(indexed, scanned, "{filter} (page_size {page_size})");
            }
        }
        assert!(!all_pages(
            &store,
            "metric = GDP AND year = 2017",
            STATISTIC_INDEXES,
            50
        )
        .is_empty());
        assert!(!all_pages(&store, "year = 5000", STATISTIC_INDEXES, 50).is_empty());
    }

    #[test]
    fn two_pinned_indexes_read_about_the_smaller_lookup() {
        // 4,000 statistics; 1,000 + 5 with metric AREA_PLANNED, 5 of them in 2035.
        let store = statistics_store(4_000, false, |i| i % 800 == 3);
        let ids = all_pages(
            &store,
            "metric = AREA_PLANNED AND year = 2035",
            STATISTIC_INDEXES,
            50,
        );
        assert_eq!(ids.len(), 5);
        let read = store.index_ids.load(std::sync::atomic::Ordering::Relaxed);
        let fetched = store.gets.load(std::sync::atomic::Ordering::Relaxed);
        // The metric lookup alone holds ~1,000 ids; leapfrogging reads a few per match.
        assert!(
            read <= 5 * 2 * (STEPS_BEFORE_RESEEK + 2),
            "read {read} index ids"
        );
        assert_eq!(fetched, 5, "only the matches are fetched");
    }
}
