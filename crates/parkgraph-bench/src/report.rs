//! Plain result lines: `<bench> key=value key=value ...`, one measurement per line, so that
//! `scripts/bench.sh` can paste them into docs/BENCHMARKS.md and people can grep them.

use std::fmt::Write as _;
use std::time::Duration;

/// One result line under construction.
#[derive(Debug, Clone)]
pub struct Line {
    text: String,
}

impl Line {
    /// A line for benchmark `bench`.
    pub fn new(bench: &str) -> Self {
        Self {
            text: bench.to_string(),
        }
    }
    /// Adds `key=value`.
    pub fn kv(mut self, key: &str, value: impl std::fmt::Display) -> Self {
        let _ = write!(self.text, " {key}={value}");
        self
    }
    /// Adds `key=value` with a float shown to `digits` decimals.
    pub fn f(self, key: &str, value: f64, digits: usize) -> Self {
        self.kv(key, format!("{value:.digits$}"))
    }
    /// Adds `key=<milliseconds>` with three decimals.
    pub fn ms(self, key: &str, d: Duration) -> Self {
        self.f(key, d.as_secs_f64() * 1e3, 3)
    }
    /// Adds `key=<microseconds>` from a microsecond count.
    pub fn us(self, key: &str, micros: u64) -> Self {
        self.kv(key, micros)
    }
    /// The line.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Prints the line to stdout and returns it.
    pub fn print(self) -> String {
        println!("{}", self.text);
        self.text
    }
}

/// The machine and its load, printed at the start of every benchmark: results are only
/// comparable on a quiet machine, and these lines say whether it was one.
pub fn machine() -> Line {
    let nproc = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(","))
        .unwrap_or_default();
    Line::new("machine")
        .kv("nproc", nproc)
        .kv("cpu", format!("{cpu:?}"))
        .kv("loadavg", load)
}

/// Megabytes (10^6 bytes) as a float.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
