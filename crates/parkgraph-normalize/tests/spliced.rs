//! Real documents cut and spliced at random never make the pipeline (plugin parse + normaliser)
//! panic. The hand-written scanners that replaced regexes index strings by byte; a slice that
//! lands inside a Chinese character panics, and the seeds alone (which they were checked
//! against) rarely put a number, a name and a Chinese character next to each other in the
//! orders a splice does. The pieces come from the seeds and, when present, from
//! `../shared/corpus/eastmoney/` (skipped when absent).

use std::path::{Path, PathBuf};

/// xorshift64*: deterministic, so a failure names its case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn texts_in(dir: &Path, limit: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .take(limit)
        .collect()
}

/// `s` cut at a random character boundary: the part before (`head`) or after.
fn cut<'a>(s: &'a str, rng: &mut Rng, head: bool) -> &'a str {
    let mut i = rng.below(s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    if head {
        &s[..i]
    } else {
        &s[i..]
    }
}

/// Cases per run: a few seconds in a debug build.
const CASES: usize = 20_000;

#[test]
fn spliced_documents_never_panic() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut docs = texts_in(&root.join("seeds"), usize::MAX);
    assert!(docs.len() >= 5, "the seeds are missing");
    docs.extend(texts_in(&root.join("../shared/corpus/eastmoney"), 40));
    let lines: Vec<&str> = docs.iter().flat_map(|d| d.lines()).collect();
    let registry = parkgraph_ingest::registry();
    let mut rng = Rng(0x5eed_0f51_11ce);
    let (mut parsed, mut records) = (0usize, 0usize);
    for case in 0..CASES {
        let a = &docs[rng.below(docs.len())];
        let b = &docs[rng.below(docs.len())];
        // a document's head (its front matter or page header, so a plugin takes it), then
        // lines from anywhere, each possibly cut, then another document's tail
        let mut text = cut(a, &mut rng, true).to_string();
        for _ in 0..rng.below(12) {
            let l = lines[rng.below(lines.len())];
            let l = match rng.below(3) {
                0 => cut(l, &mut rng, true),
                1 => cut(l, &mut rng, false),
                _ => l,
            };
            text.push_str(l);
            text.push_str(["\n", "\n\n", " ", ""][rng.below(4)]);
        }
        text.push_str(cut(b, &mut rng, false));
        let Ok(doc) = registry.parse(text.as_bytes(), None) else {
            continue;
        };
        parsed += 1;
        let r =
            parkgraph_normalize::normalize(&doc, &format!("case-{case}"), text.len(), "spliced");
        records += r.statistics.len() + r.parks.len() + r.clusters.len();
    }
    // the splices must reach the normaliser, and with things to extract, to test anything
    assert!(
        parsed >= CASES / 2,
        "only {parsed} of {CASES} spliced documents parsed"
    );
    assert!(records > 0, "no records from {parsed} documents");
}
