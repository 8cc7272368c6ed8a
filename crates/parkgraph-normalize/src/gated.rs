//! Regexes behind cue words.
//!
//! Most attribute patterns run over every sentence and match almost none: a case-insensitive
//! alternation of dozens of words has no literal prefilter, so the regex engine walks each
//! sentence byte by byte. Every such pattern needs at least one of a few words to match at all
//! ("level" for `national-level zone`); looking for those words first (one small Aho-Corasick
//! automaton, ASCII case-insensitive) skips the regex on most sentences and changes no result.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{CaptureMatches, Captures, Match, Regex};

/// A regex plus words of which every match contains at least one.
#[derive(Debug)]
pub struct Gated {
    cues: AhoCorasick,
    re: Regex,
}

impl Gated {
    /// `cues`: words (ASCII case-insensitive) at least one of which occurs in every match of
    /// `pattern`. A cue missing from the list loses matches, so keep them broad.
    pub fn new(cues: &[&str], pattern: &str) -> Self {
        assert!(!cues.is_empty(), "a gated regex needs cue words");
        let cues = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .build(cues)
            .expect("cue words");
        Self {
            cues,
            re: Regex::new(pattern).expect("gated regex"),
        }
    }

    /// Whether `text` has a cue word, i.e. whether the regex could match.
    pub fn may_match(&self, text: &str) -> bool {
        self.cues.is_match(text)
    }

    /// [`Regex::is_match`], after the cue check.
    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.re.is_match(text)
    }

    /// [`Regex::find`], after the cue check.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        if self.may_match(text) {
            self.re.find(text)
        } else {
            None
        }
    }

    /// [`Regex::captures`], after the cue check.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        if self.may_match(text) {
            self.re.captures(text)
        } else {
            None
        }
    }

    /// [`Regex::captures_iter`], after the cue check (nothing when no cue word occurs).
    pub fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + use<'r, 't> {
        let it: Option<CaptureMatches<'r, 't>> =
            self.may_match(text).then(|| self.re.captures_iter(text));
        it.into_iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_text_without_a_cue_and_matches_like_the_regex_otherwise() {
        let g = Gated::new(&["level"], r"(?i)(?:national|state)[\s-]+level\s+zone");
        assert!(!g.may_match("A national zone."));
        assert!(
            g.is_match("It is a State-Level zone."),
            "cue check ignores case"
        );
        assert_eq!(
            g.find("a national-level zone").map(|m| m.as_str()),
            Some("national-level zone")
        );
        assert!(g.captures("level ground").is_none(), "a cue is not a match");
        assert_eq!(
            g.captures_iter("national level zone, state level zone")
                .count(),
            2
        );
        assert_eq!(g.captures_iter("no cue here").count(), 0);
    }
}
