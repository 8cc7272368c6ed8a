//! A mutation fuzzer over the whole extraction path (plugins, number/unit parser, normaliser).
//!
//! It mutates the seeds and the Eastmoney corpus (when `../shared` is present) with byte flips,
//! cuts and insertions of tokens the parsers care about, and checks that nothing panics and that
//! every piece of evidence quotes exactly the body span it names. CI runs a short pass; a long
//! run is `PARKGRAPH_FUZZ_ITERS=1000000 cargo test --release --test fuzz -- --nocapture`
//! (results in docs/OPERATIONS.md). Every crash found becomes a case in `REGRESSIONS`.

use std::path::Path;

use parkgraph_ingest::registry;
use parkgraph_normalize::normalize;

/// Inputs that once broke something; kept forever.
const REGRESSIONS: &[&[u8]] = &[
    b"---\n---\n",
    b"Home>\n\n1e309 billion yuan",
    "九千九百九十九万亿亿元".as_bytes(),
];

const TOKENS: &[&str] = &[
    "亿",
    "万",
    "万亿",
    "千",
    "元",
    "%",
    "％",
    "平方公里",
    "亩",
    "吨",
    "个百分点",
    "约",
    "超过",
    "左右",
    "一是",
    "二是",
    "以",
    "为龙头",
    "、",
    "，",
    "。",
    "billion",
    "million",
    "trillion",
    " yuan",
    " percent",
    " sq km",
    "($",
    "more than ",
    "about ",
    "respectively",
    " - ",
    "\"",
    "“",
    "<p>",
    "</p>",
    "<br />",
    "<span id=\"stock_1.601939\">",
    "</span>",
    "data-code=\"116,00700\"",
    "---\n",
    "> ",
    "<>",
    "（文章来源：",
    "）",
    "Home> ",
    "Updated: ",
    "[Photo/]",
    "\u{200b}",
    "\u{202e}",
    "\r\n",
    "\0",
    "99999999999999999999999999999",
    "1e309",
    ".",
    ",",
    "-",
    "0",
    "9",
    "\n\n",
    "&lt;",
    "&#12345;",
];

fn corpus() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for dir in [root.join("seeds"), root.join("../shared/corpus/eastmoney")] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            docs.extend(paths.into_iter().filter_map(|p| std::fs::read(p).ok()));
        }
    }
    docs
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*: deterministic, so a failing iteration can be replayed from its number.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The start of the line of `doc` that byte `at` is in (or ends).
fn line_start(doc: &[u8], at: usize) -> usize {
    doc[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// The line of `doc` around byte `at`, without its newline.
fn line_around(doc: &[u8], at: usize) -> &[u8] {
    let at = at.min(doc.len());
    let start = line_start(doc, at);
    let end = doc[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(doc.len(), |i| at + i);
    &doc[start..end]
}

fn mutate(rng: &mut Rng, base: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(v.len() + 1);
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            2 if !v.is_empty() => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            3 => {
                let digits: String = (0..1 + rng.below(30))
                    .map(|_| char::from(b'0' + rng.below(10) as u8))
                    .collect();
                v.splice(at..at, digits.into_bytes());
            }
            // a line of another document at a line start: numbers, names and Chinese
            // characters side by side in orders no single document has (a stretch that ended
            // inside a Chinese character after a number was found this way)
            4 => {
                let other = &corpus[rng.below(corpus.len())];
                let line = line_around(other, rng.below(other.len() + 1));
                let start = line_start(&v, at);
                let mut piece = line.to_vec();
                piece.push(b'\n');
                v.splice(start..start, piece);
            }
            _ => v.truncate(at),
        }
    }
    v
}

fn check(input: &[u8]) {
    let Ok(parsed) = registry().parse(input, None) else {
        return;
    };
    let records = normalize(&parsed, "fuzz", input.len(), "");
    let body: Vec<char> = records.document.body.chars().collect();
    for s in &records.statistics {
        let e = s.evidence.as_ref().expect("every statistic has evidence");
        let (start, end) = (e.start as usize, e.end as usize);
        assert!(
            start <= end && end <= body.len(),
            "evidence {start}..{end} outside a body of {}",
            body.len()
        );
        let quoted: String = body[start..end].iter().collect();
        assert_eq!(quoted, e.quote, "the quote is the span it names");
        let value = s.value.as_ref().expect("every statistic has a value");
        assert!(!value.value.is_empty(), "a value is a decimal string");
    }
}

#[test]
fn fuzz_extraction_never_panics_and_evidence_is_exact() {
    for r in REGRESSIONS {
        check(r);
    }
    let corpus = corpus();
    assert!(!corpus.is_empty());
    let iters: u64 = std::env::var("PARKGRAPH_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1500);
    let seed: u64 = std::env::var("PARKGRAPH_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed);
    let mut rng = Rng(seed);
    for i in 0..iters {
        let base = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, base, &corpus);
        let outcome = std::panic::catch_unwind(|| check(&input));
        if outcome.is_err() {
            let path = std::env::temp_dir().join(format!("parkgraph-fuzz-crash-{seed}-{i}.bin"));
            let _ = std::fs::write(&path, &input);
            panic!(
                "iteration {i} (seed {seed}) failed; input saved to {}",
                path.display()
            );
        }
    }
    eprintln!(
        "fuzz: {iters} executions over {} base documents, seed {seed}",
        corpus.len()
    );
}
