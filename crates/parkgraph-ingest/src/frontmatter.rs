//! Jekyll front matter: the `---` … `---` block of `key: value` lines at the top of a post.
//!
//! Only the YAML subset posts use is read: scalars (plain, `"double"` or `'single'` quoted),
//! inline lists `[a, b]` and block lists (`- item` lines under an empty key). Anything else is
//! skipped rather than failing the whole document.

/// A front-matter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// One string (unquoted, quotes removed).
    Scalar(String),
    /// A list of strings.
    List(Vec<String>),
}

impl Value {
    /// The value as a scalar string; a list gives its first item.
    pub fn as_str(&self) -> &str {
        match self {
            Value::Scalar(s) => s,
            Value::List(l) => l.first().map(String::as_str).unwrap_or(""),
        }
    }

    /// The value as a list. A scalar is split on white space, as Jekyll does for `tags` and
    /// `categories`.
    pub fn words(&self) -> Vec<String> {
        match self {
            Value::Scalar(s) => s.split_whitespace().map(str::to_string).collect(),
            Value::List(l) => l.iter().filter(|s| !s.is_empty()).cloned().collect(),
        }
    }
}

/// Parsed front matter, fields in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    fields: Vec<(String, Value)>,
}

impl FrontMatter {
    /// The value of `key` (ASCII case-insensitive), if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// Number of fields read.
    pub fn len(&self) -> usize {
        self.fields.len()
    }
}

/// Why front matter could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// An opening `---` with no closing line.
    Unclosed,
}

/// Splits `text` into front matter and the rest. `None` when the first non-blank line is not
/// `---`. Blank lines before the opening `---` are allowed (they occur in real archives).
pub fn split(text: &str) -> Option<Result<(FrontMatter, &str), SplitError>> {
    let mut lines = LineOffsets::new(text);
    let (_, first) = lines.by_ref().find(|(_, l)| !l.trim().is_empty())?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut fm = FrontMatter::default();
    let mut open_list: Option<usize> = None;
    for (end, line) in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some(Ok((fm, &text[end..])));
        }
        read_line(&mut fm, &mut open_list, trimmed);
    }
    Some(Err(SplitError::Unclosed))
}

/// Lines of a text with the byte offset just after each line's terminator.
struct LineOffsets<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineOffsets<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }
}

impl<'a> Iterator for LineOffsets<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        // memchr's SIMD search: `str::find(char)` reads a word at a time
        let (line, used) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += used;
        Some((self.pos, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// Reads one front-matter line into `fm`. `open_list` is the index of a field whose value is a
/// block list still receiving `- item` lines.
fn read_line(fm: &mut FrontMatter, open_list: &mut Option<usize>, line: &str) {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') {
        return;
    }
    if let (Some(i), Some(item)) = (*open_list, t.strip_prefix('-')) {
        if let Some((_, Value::List(items))) = fm.fields.get_mut(i) {
            items.push(unquote(item.trim()));
        }
        return;
    }
    *open_list = None;
    let Some((key, value)) = line.split_once(':') else {
        return;
    };
    let key = key.trim();
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return;
    }
    let value = value.trim();
    let value = if value.is_empty() {
        *open_list = Some(fm.fields.len());
        Value::List(Vec::new())
    } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Value::List(
            inner
                .split(',')
                .map(|s| unquote(s.trim()))
                .filter(|s| !s.is_empty())
                .collect(),
        )
    } else {
        Value::Scalar(unquote(value))
    };
    fm.fields.push((key.to_string(), value));
}

/// Removes YAML quotes: `"a \"b\""` → `a "b"`, `'it''s'` → `it's`; plain scalars lose a trailing
/// ` # comment`.
fn unquote(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        let mut rest = &v[1..v.len() - 1];
        let mut out = String::with_capacity(rest.len());
        // the text between escapes is copied whole (a memchr search finds each backslash)
        while let Some(i) = memchr::memchr(b'\\', rest.as_bytes()) {
            out.push_str(&rest[..i]);
            let mut after = rest[i + 1..].chars();
            match after.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
            rest = after.as_str();
        }
        out.push_str(rest);
        return out;
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    match memchr::memmem::find(v.as_bytes(), b" #") {
        Some(i) => v[..i].trim_end().to_string(),
        None => v.to_string(),
    }
}

/// [`unquote`] as it was, a char at a time, kept to pin it.
#[cfg(test)]
fn unquote_by_chars(v: &str) -> String {
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        let inner = &v[1..v.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        return out;
    }
    if v.len() >= 2 && v.starts_with('\'') && v.ends_with('\'') {
        return v[1..v.len() - 1].replace("''", "'");
    }
    match v.find(" #") {
        Some(i) => v[..i].trim_end().to_string(),
        None => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn unquote_copies_runs_like_the_char_loop(
            picks in proptest::collection::vec(0usize..12, 0..16)
        ) {
            const PIECES: [&str; 12] = ["\"", "\\", "n", "t", "'", "''", " #", "#", " ", "a", "园", "é"];
            let v: String = picks.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(unquote(&v), unquote_by_chars(&v));
            let quoted = format!("\"{v}\"");
            proptest::prop_assert_eq!(unquote(&quoted), unquote_by_chars(&quoted));
        }
    }

    #[test]
    fn reads_scalars_quotes_and_lists() {
        let text = "\n---\nlayout: post\ntitle: \"a \\\"b\\\": c\"\nempty: \"\"\ntags: [x, 'y z']\ncategories:\n  - one\n  - two\nother: it's # note\n---\nbody\n";
        let (fm, rest) = split(text).unwrap().unwrap();
        assert_eq!(rest, "body\n");
        assert_eq!(fm.get("title").unwrap().as_str(), "a \"b\": c");
        assert_eq!(fm.get("empty").unwrap().as_str(), "");
        assert_eq!(fm.get("tags").unwrap().words(), ["x", "y z"]);
        assert_eq!(fm.get("categories").unwrap().words(), ["one", "two"]);
        assert_eq!(fm.get("other").unwrap().as_str(), "it's");
        assert_eq!(fm.len(), 6);
    }

    #[test]
    fn no_front_matter_and_unclosed() {
        assert!(split("hello\n---\n").is_none());
        assert_eq!(
            split("---\ntitle: x\n").unwrap().unwrap_err(),
            SplitError::Unclosed
        );
        let (fm, rest) = split("---\r\ntitle: x\r\n---\r\nbody").unwrap().unwrap();
        assert_eq!((fm.get("title").unwrap().as_str(), rest), ("x", "body"));
    }
}
