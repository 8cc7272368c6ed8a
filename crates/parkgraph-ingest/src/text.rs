//! Small text helpers shared by the plugins.

/// Joins paragraphs with one blank line, trimming each and dropping empty ones.
pub fn join_paragraphs<I, S>(paragraphs: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for p in paragraphs {
        let p = collapse_spaces(p.as_ref());
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p);
    }
    out
}

/// Trims and folds runs of spaces and tabs inside a line into one space.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{3000}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_and_collapses() {
        assert_eq!(join_paragraphs(["  a  b ", "", "c"]), "a b\n\nc");
    }
}
