//! A small, forgiving HTML reader: enough to pull text with paragraph boundaries out of news pages.
//!
//! Pages met in the wild are rarely well formed, so nothing here fails: a `<` that starts no tag is
//! text, unclosed elements close at the end, stray end tags are ignored and an unterminated tag is
//! dropped. The plugins only need element names, a few attributes and text, so a full HTML5 parser
//! (and its dependency weight) is not worth it.
//!
//! Every slice is taken at the position of an ASCII byte found by scanning, so it always falls on a
//! UTF-8 character boundary.

use std::borrow::Cow;

use crate::text::collapse_spaces;

/// Index of a node in a [`Dom`].
pub type NodeId = usize;

/// The root node of every [`Dom`].
pub const ROOT: NodeId = 0;

/// Elements nested deeper than this become children of the deepest open element instead of
/// opening a new level; keeps recursion and end-tag search bounded on hostile input.
const MAX_DEPTH: usize = 128;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is never shown as page text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "head", "iframe", "object", "svg", "select",
    "button", "textarea", "canvas", "audio", "video", "map",
];

/// Elements that start a new paragraph (and end the current one).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Start tags that close an open `<p>` (HTML's "close a p element" rule).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element with its lower-cased name, attributes (names lower-cased, values decoded) and
    /// children.
    Element {
        /// Lower-case tag name.
        name: String,
        /// Attributes in source order.
        attrs: Vec<(String, String)>,
        /// Child node ids in document order.
        children: Vec<NodeId>,
    },
    /// Text with entities decoded.
    Text(String),
    /// The inside of a `<!-- … -->` comment.
    Comment(String),
}

/// A parsed page: a tree of nodes, the root being a nameless element.
#[derive(Debug, Clone)]
pub struct Dom {
    nodes: Vec<Node>,
}

/// How [`Dom::paragraphs`] turns the tree into paragraphs.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions<'a> {
    /// Treat a blank line inside a text node as a paragraph break (Markdown files that mix raw
    /// text and HTML).
    pub blank_line_breaks: bool,
    /// Drop everything between a comment containing the first marker and one containing the
    /// second (e.g. Eastmoney's `EM_StockImg_Start` / `EM_StockImg_End` chart blocks).
    pub skip_between: Option<(&'a str, &'a str)>,
}

/// Parses `html` into a tree. Never fails.
pub fn parse(html: &str) -> Dom {
    let mut builder = Builder::new();
    for token in Tokenizer::new(html) {
        builder.push(token);
    }
    builder.dom
}

/// True when `text` has at least one thing that parses as an HTML tag or comment.
pub fn has_markup(text: &str) -> bool {
    Tokenizer::new(text).any(|t| !matches!(t, Token::Text(_)))
}

impl Dom {
    /// The node with this id.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// Element name of `id`, or `None` for text, comments and the root.
    pub fn name(&self, id: NodeId) -> Option<&str> {
        match self.nodes.get(id) {
            Some(Node::Element { name, .. }) if id != ROOT => Some(name),
            _ => None,
        }
    }

    /// Value of attribute `attr` (lower-case) on element `id`.
    pub fn attr(&self, id: NodeId, attr: &str) -> Option<&str> {
        match self.nodes.get(id) {
            Some(Node::Element { attrs, .. }) => attrs
                .iter()
                .find(|(k, _)| k == attr)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    fn children(&self, id: NodeId) -> &[NodeId] {
        match self.nodes.get(id) {
            Some(Node::Element { children, .. }) => children,
            _ => &[],
        }
    }

    /// All element ids in document order for which `pred` holds.
    pub fn find_all(&self, pred: impl Fn(&Dom, NodeId) -> bool) -> Vec<NodeId> {
        let mut out = Vec::new();
        self.walk(ROOT, &mut |dom, id| {
            if id != ROOT && matches!(dom.nodes[id], Node::Element { .. }) && pred(dom, id) {
                out.push(id);
            }
        });
        out
    }

    /// The first element (document order) for which `pred` holds.
    pub fn find(&self, pred: impl Fn(&Dom, NodeId) -> bool) -> Option<NodeId> {
        self.find_all(pred).into_iter().next()
    }

    /// Visits `id` and its descendants in document order. The tree depth is bounded by
    /// [`MAX_DEPTH`], so recursion is safe.
    fn walk(&self, id: NodeId, f: &mut impl FnMut(&Dom, NodeId)) {
        f(self, id);
        for &c in self.children(id) {
            self.walk(c, f);
        }
    }

    /// Visible text of `id` on one line, spaces collapsed (hidden elements left out).
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.inline_text(id, &mut out);
        // line breaks become spaces in place (as in `Collector::flush`), not through a char-set
        // `replace` that decodes every character into a new string
        let mut from = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &out.as_bytes()[from..]) {
            let i = from + k;
            out.replace_range(i..=i, " ");
            from = i + 1;
        }
        collapse_spaces(&out).into_owned()
    }

    fn inline_text(&self, id: NodeId, out: &mut String) {
        match self.nodes.get(id) {
            Some(Node::Text(t)) => out.push_str(t),
            Some(Node::Element { name, children, .. }) => {
                if id != ROOT && self.is_hidden(id, name) {
                    return;
                }
                if BLOCKS.contains(&name.as_str()) || name == "br" {
                    out.push(' ');
                }
                for &c in children {
                    self.inline_text(c, out);
                }
            }
            _ => {}
        }
    }

    /// Whether element `id` (named `name`) is never shown: scripts, styles, `hidden`,
    /// `display:none`.
    fn is_hidden(&self, id: NodeId, name: &str) -> bool {
        if HIDDEN.contains(&name) || self.attr(id, "hidden").is_some() {
            return true;
        }
        self.attr(id, "style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
    }

    /// Visible text of `id` split into paragraphs at block elements and `<br>`; each paragraph has
    /// its spaces collapsed and empty ones are dropped.
    pub fn paragraphs(&self, id: NodeId, opts: TextOptions<'_>) -> Vec<String> {
        let mut c = Collector {
            opts,
            paragraphs: Vec::new(),
            current: String::new(),
            skipping: false,
        };
        self.collect(id, &mut c);
        c.flush();
        c.paragraphs
    }

    fn collect(&self, id: NodeId, c: &mut Collector<'_>) {
        match self.nodes.get(id) {
            Some(Node::Text(t)) => c.text(t),
            Some(Node::Comment(t)) => c.comment(t),
            Some(Node::Element { name, children, .. }) => {
                if id != ROOT && self.is_hidden(id, name) {
                    return;
                }
                let block = BLOCKS.contains(&name.as_str()) || name == "br";
                if block {
                    c.flush();
                }
                for &ch in children {
                    self.collect(ch, c);
                }
                if block {
                    c.flush();
                }
            }
            None => {}
        }
    }
}

/// Accumulates paragraph text during [`Dom::paragraphs`].
struct Collector<'a> {
    opts: TextOptions<'a>,
    paragraphs: Vec<String>,
    current: String,
    skipping: bool,
}

impl Collector<'_> {
    fn text(&mut self, t: &str) {
        if self.skipping {
            return;
        }
        if !self.opts.blank_line_breaks {
            self.current.push_str(t);
            return;
        }
        // A line holding only white space ends the paragraph, as in Markdown.
        let mut first = true;
        for line in split_lines(t) {
            if !first {
                if line.trim().is_empty() && !self.current.trim().is_empty() {
                    self.flush();
                } else {
                    self.current.push(' ');
                }
            }
            first = false;
            self.current.push_str(line);
        }
    }

    fn comment(&mut self, t: &str) {
        if let Some((start, end)) = self.opts.skip_between {
            if t.contains(start) {
                self.flush();
                self.skipping = true;
            } else if t.contains(end) {
                self.skipping = false;
            }
        }
    }

    fn flush(&mut self) {
        // Line breaks become spaces in place: `str::replace` with a char set decoded every
        // character of every paragraph into a new string. (One byte for one byte: the string
        // neither moves nor grows.)
        let mut from = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &self.current.as_bytes()[from..]) {
            let i = from + k;
            self.current.replace_range(i..=i, " ");
            from = i + 1;
        }
        let p = collapse_spaces(&self.current).into_owned();
        if !p.is_empty() {
            self.paragraphs.push(p);
        }
        self.current.clear();
    }
}

/// Builds the tree from tokens with the few HTML recovery rules news pages rely on.
struct Builder {
    dom: Dom,
    /// Open elements, the root first.
    stack: Vec<NodeId>,
}

impl Builder {
    fn new() -> Self {
        let root = Node::Element {
            name: String::new(),
            attrs: Vec::new(),
            children: Vec::new(),
        };
        Self {
            dom: Dom { nodes: vec![root] },
            stack: vec![ROOT],
        }
    }

    fn top(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(ROOT)
    }

    fn append(&mut self, node: Node) -> NodeId {
        let id = self.dom.nodes.len();
        self.dom.nodes.push(node);
        let parent = self.top();
        if let Some(Node::Element { children, .. }) = self.dom.nodes.get_mut(parent) {
            children.push(id);
        }
        id
    }

    fn push(&mut self, token: Token<'_>) {
        match token {
            Token::Text(t) => self.text(&decode_entities(t)),
            Token::Comment(t) => {
                self.append(Node::Comment(t.to_string()));
            }
            Token::Start {
                name,
                attrs,
                self_closing,
            } => self.start(name, attrs, self_closing),
            Token::End(name) => self.end(&name),
        }
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        // Merge with a preceding text node so entity splits do not cut words.
        let parent = self.top();
        let last = match self.dom.nodes.get(parent) {
            Some(Node::Element { children, .. }) => children.last().copied(),
            _ => None,
        };
        if let Some(Node::Text(prev)) = last.and_then(|l| self.dom.nodes.get_mut(l)) {
            prev.push_str(t);
            return;
        }
        self.append(Node::Text(t.to_string()));
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        if CLOSES_P.contains(&name.as_str()) {
            self.close_in_scope(
                &["p"],
                &["table", "td", "th", "caption", "button", "template"],
            );
        }
        match name.as_str() {
            "li" => self.close_in_scope(&["li"], &["ul", "ol", "table"]),
            "dt" | "dd" => self.close_in_scope(&["dt", "dd"], &["dl", "table"]),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr", "table"]),
            "tr" => self.close_in_scope(&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            _ => {}
        }
        let void = VOID.contains(&name.as_str()) || self_closing;
        let id = self.append(Node::Element {
            name,
            attrs,
            children: Vec::new(),
        });
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    /// Pops up to and including the nearest open element named in `names`, unless an element
    /// named in `boundaries` is met first.
    fn close_in_scope(&mut self, names: &[&str], boundaries: &[&str]) {
        for i in (1..self.stack.len()).rev() {
            let name = self.dom.name(self.stack[i]).unwrap_or("");
            if names.contains(&name) {
                self.stack.truncate(i);
                return;
            }
            if boundaries.contains(&name) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            // Browsers read a stray `</br>` as `<br>`.
            self.start("br".into(), Vec::new(), true);
            return;
        }
        if let Some(i) = (1..self.stack.len())
            .rev()
            .find(|&i| self.dom.name(self.stack[i]) == Some(name))
        {
            self.stack.truncate(i);
        }
    }
}

/// A lexical piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token<'a> {
    Text(&'a str),
    Comment(&'a str),
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    /// An end tag's lower-case name, borrowed from the source when it is written so (no string
    /// made for every end tag).
    End(Cow<'a, str>),
}

/// Splits HTML into tokens. Script and style contents are skipped; `<title>`/`<textarea>`
/// contents are text.
struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Tokens already produced but not yet handed out (a tag plus raw text after it).
    pending: Vec<Token<'a>>,
}

impl<'a> Tokenizer<'a> {
    fn new(src: &'a str) -> Self {
        Self {
            src,
            pos: 0,
            pending: Vec::new(),
        }
    }

    /// Byte index of the next `<` at or after `from` that starts markup, or the end.
    fn next_markup(&self, from: usize) -> usize {
        let b = self.src.as_bytes();
        // a vectorised search from `<` to `<` instead of a test per byte of text
        for i in memchr::memchr_iter(b'<', b.get(from..).unwrap_or_default()).map(|i| from + i) {
            match b.get(i + 1) {
                Some(c) if c.is_ascii_alphabetic() || *c == b'!' || *c == b'?' => return i,
                Some(b'/') if b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()) => return i,
                _ => {}
            }
        }
        b.len()
    }

    fn markup(&mut self) -> Option<Token<'a>> {
        let b = self.src.as_bytes();
        let start = self.pos;
        if b[start..].starts_with(b"<!--") {
            let body = start + 4;
            let (end, next) = match find(b, body, b"-->") {
                Some(e) => (e, e + 3),
                None => (b.len(), b.len()),
            };
            self.pos = next;
            return Some(Token::Comment(&self.src[body..end]));
        }
        if matches!(b.get(start + 1), Some(b'!' | b'?')) {
            // Doctype, CDATA or processing instruction: nothing to show.
            self.pos = find(b, start, b">").map_or(b.len(), |e| e + 1);
            return None;
        }
        let closing = b.get(start + 1) == Some(&b'/');
        let name_start = start + if closing { 2 } else { 1 };
        let mut i = name_start;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b':' | b'_')) {
            i += 1;
        }
        let raw_name = &self.src[name_start..i];
        let (attrs, self_closing, end) = parse_attrs(self.src, i);
        self.pos = end.unwrap_or(b.len());
        // An unterminated tag at the end of input is dropped, as browsers do.
        end?;
        if closing {
            return Some(Token::End(
                if raw_name.bytes().any(|c| c.is_ascii_uppercase()) {
                    Cow::Owned(raw_name.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(raw_name)
                },
            ));
        }
        let name = raw_name.to_ascii_lowercase();
        if !self_closing {
            self.raw_text(&name);
        }
        Some(Token::Start {
            name,
            attrs,
            self_closing,
        })
    }

    /// After `<script>`, `<style>`, `<title>`, `<textarea>`: the content up to the matching end tag
    /// is not markup.
    fn raw_text(&mut self, name: &str) {
        let (keep, name) = match name {
            "script" => (false, "script"),
            "style" => (false, "style"),
            "xmp" => (false, "xmp"),
            "plaintext" => (false, "plaintext"),
            "title" => (true, "title"),
            "textarea" => (true, "textarea"),
            _ => return,
        };
        let b = self.src.as_bytes();
        let needle = format!("</{name}");
        let end = find_ignore_case(b, self.pos, needle.as_bytes()).unwrap_or(b.len());
        let content = &self.src[self.pos..end];
        self.pos = end;
        // The end tag is pushed first: `pending` is popped from the back.
        if end < b.len() {
            let close = find(b, end, b">").map_or(b.len(), |e| e + 1);
            self.pos = close;
            self.pending.push(Token::End(Cow::Borrowed(name)));
        }
        if keep && !content.is_empty() {
            self.pending.push(Token::Text(content));
        }
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            if let Some(t) = self.pending.pop() {
                return Some(t);
            }
            if self.pos >= self.src.len() {
                return None;
            }
            let m = self.next_markup(self.pos);
            if m > self.pos {
                let text = &self.src[self.pos..m];
                self.pos = m;
                return Some(Token::Text(text));
            }
            if let Some(t) = self.markup() {
                return Some(t);
            }
        }
    }
}

/// Parses attributes from byte `i` (just after the tag name) to the closing `>`. Returns the
/// attributes, whether the tag ends with `/>`, and the index after `>` (`None` when the input ends
/// first).
fn parse_attrs(src: &str, mut i: usize) -> (Vec<(String, String)>, bool, Option<usize>) {
    let b = src.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return (attrs, self_closing, None),
            Some(b'>') => return (attrs, self_closing, Some(i + 1)),
            Some(b'/') => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == ns {
            // A lone `=` or similar junk: skip it.
            i += 1;
            continue;
        }
        let name = src[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let vs = i + 1;
                    let ve = find(b, vs, &[q]).unwrap_or(b.len());
                    value = decode_entities(&src[vs..ve]).into_owned();
                    i = (ve + 1).min(b.len());
                }
                _ => {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = decode_entities(&src[vs..i]).into_owned();
                }
            }
        }
        if !attrs.iter().any(|(k, _)| *k == name) {
            attrs.push((name, value));
        }
    }
}

/// Index of the first `needle` in `hay` at or after `from`: a vectorised search for its first
/// byte, the rest compared only there (the needles are `>`, a quote, `-->`).
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    memchr::memchr_iter(first, hay.get(from..)?)
        .map(|p| p + from)
        .find(|&p| hay[p + 1..].starts_with(rest))
}

/// [`find`] as it was, over every window (pins it).
#[cfg(test)]
fn find_windows(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Like [`find`], ASCII case-insensitive.
fn find_ignore_case(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Replaces character references (`&amp;`, `&#12290;`, `&#x3002;`, the common named ones) by the
/// characters they stand for. Unknown or broken references are left as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    // the memchr crate's vectorised search, not the library's `contains`/`find`
    let amp = |t: &str| memchr::memchr(b'&', t.as_bytes());
    if amp(s).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = amp(rest) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((c, used)) => {
                out.push(c);
                rest = &after[used..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Reads a character reference after `&`: the character and the bytes consumed (`;` included).
fn reference(after: &str) -> Option<(char, usize)> {
    if let Some(num) = after.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|c| (*c as char).is_digit(radix))
            .count();
        if len == 0 || len > 8 {
            return None;
        }
        let code = u32::from_str_radix(&digits[..len], radix).ok()?;
        // NUL, surrogates and out-of-range values become the replacement character, as browsers do.
        let c = char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}');
        let semi = usize::from(digits[len..].starts_with(';'));
        return Some((c, skip + len + semi));
    }
    let len = after
        .bytes()
        .take(32)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    if !after[len..].starts_with(';') {
        return None;
    }
    let c = named_entity(&after[..len])?;
    Some((c, len + 1))
}

/// The named references news pages actually use.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "plusmn" => '±',
        "times" => '×',
        "divide" => '÷',
        "yen" => '¥',
        "euro" => '€',
        "pound" => '£',
        "cent" => '¢',
        "sect" => '§',
        "para" => '¶',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "iexcl" => '¡',
        "iquest" => '¿',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        _ => return None,
    })
}

/// The pieces of `t.split('\n')`, found by memchr's SIMD search (`split(char)` reads a word at
/// a time).
fn split_lines(t: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(t);
    std::iter::from_fn(move || {
        let r = rest?;
        Some(match memchr::memchr(b'\n', r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                &r[..i]
            }
            None => {
                rest = None;
                r
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_lines_is_split_at_line_breaks() {
        let pieces = ["a", "\n", "\r", " ", "é", "园"];
        for t in crate::test_support::Xorshift::texts(0x11e5, 5000, 12, &pieces) {
            let want: Vec<&str> = t.split('\n').collect();
            assert_eq!(split_lines(&t).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    /// The byte-per-byte original of `Tokenizer::next_markup`.
    fn next_markup_bytes(b: &[u8], from: usize) -> usize {
        let mut i = from;
        while i < b.len() {
            if b[i] == b'<' {
                match b.get(i + 1) {
                    Some(c) if c.is_ascii_alphabetic() || *c == b'!' || *c == b'?' => return i,
                    Some(b'/') if b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()) => {
                        return i
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        b.len()
    }

    proptest::proptest! {
        #[test]
        fn needle_search_agrees_with_the_window_scan(
            src in "[<>'\"a-]{0,30}",
            from in 0usize..34,
            needle in proptest::sample::select(vec!["-->", ">", "'", "\"", "--", "a-"]),
        ) {
            let b = src.as_bytes();
            proptest::prop_assert_eq!(find(b, from, needle.as_bytes()), find_windows(b, from, needle.as_bytes()));
        }

        #[test]
        fn markup_search_agrees_with_the_byte_loop(src in "[<</a!? é>]{0,24}", from in 0usize..30) {
            let t = Tokenizer::new(&src);
            let from = from.min(src.len() + 1);
            proptest::prop_assert_eq!(t.next_markup(from), next_markup_bytes(src.as_bytes(), from));
        }
    }

    #[test]
    fn entities_named_numeric_and_broken() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#12290;&#x3002;&nbsp;"),
            "a & b <c> 。。\u{a0}"
        );
        assert_eq!(
            decode_entities("AT&T &bogus; &#xZZ; & &#0;"),
            "AT&T &bogus; &#xZZ; & \u{fffd}"
        );
        assert_eq!(decode_entities("&#99999999999;"), "&#99999999999;");
    }

    #[test]
    fn paragraphs_split_at_blocks_and_br() {
        let dom = parse("<p>one<br />two</p><p>three <b>four</b></p><div>five<p>six</div>");
        assert_eq!(
            dom.paragraphs(ROOT, TextOptions::default()),
            ["one", "two", "three four", "five", "six"]
        );
    }

    #[test]
    fn scripts_styles_and_hidden_are_dropped() {
        let dom = parse(
            "<style>p{}</style><script>if (a<b) x()</script><p style=\"display: none\">x</p><p>kept</p>",
        );
        assert_eq!(dom.paragraphs(ROOT, TextOptions::default()), ["kept"]);
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        let dom = parse("<p>精度满足<1%，a < b</p>");
        assert_eq!(
            dom.paragraphs(ROOT, TextOptions::default()),
            ["精度满足<1%，a < b"]
        );
    }

    #[test]
    fn attributes_and_classes() {
        let dom = parse(
            "<span web=1 class='a em_stock_key_common' data-code=\"1,601939\">建设银行</span>",
        );
        let id = dom
            .find(|d, id| d.attr(id, "class") == Some("a em_stock_key_common"))
            .unwrap();
        assert_eq!(dom.attr(id, "data-code"), Some("1,601939"));
        assert_eq!(dom.attr(id, "web"), Some("1"));
        assert_eq!(dom.text(id), "建设银行");
    }

    #[test]
    fn comment_regions_can_be_skipped() {
        let dom = parse("<p>a</p><!-- X_Start --><p>chart</p><!-- X_End --><p>b</p>");
        let opts = TextOptions {
            skip_between: Some(("X_Start", "X_End")),
            ..Default::default()
        };
        assert_eq!(dom.paragraphs(ROOT, opts), ["a", "b"]);
    }

    #[test]
    fn blank_lines_in_text_break_paragraphs_when_asked() {
        let dom = parse("line one\ncontinued\n\nline two<p>three</p>");
        let opts = TextOptions {
            blank_line_breaks: true,
            ..Default::default()
        };
        assert_eq!(
            dom.paragraphs(ROOT, opts),
            ["line one continued", "line two", "three"]
        );
    }

    #[test]
    fn line_breaks_inside_a_paragraph_are_spaces() {
        let dom = parse("<p>a\r\nb\rc\n\nd é\r\n中\n</p><p>\r\n</p><p>e\tf</p>");
        assert_eq!(
            dom.paragraphs(ROOT, TextOptions::default()),
            ["a b c d é 中", "e f"]
        );
    }

    #[test]
    fn title_is_text_and_unterminated_things_do_not_panic() {
        let dom = parse("<title>A &amp; B</title><p>x");
        assert_eq!(dom.paragraphs(ROOT, TextOptions::default()), ["A & B", "x"]);
        for s in [
            "<",
            "<a",
            "<a href=\"x",
            "<!--",
            "<!",
            "</",
            "</a",
            "<p>é<",
            "<script>",
            "&#x",
            "&",
        ] {
            let _ = parse(s).paragraphs(ROOT, TextOptions::default());
        }
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(10_000) + "deep" + &"</div>".repeat(10_000);
        assert_eq!(
            parse(&html).paragraphs(ROOT, TextOptions::default()),
            ["deep"]
        );
    }

    #[test]
    fn has_markup_sees_tags_not_comparisons() {
        assert!(has_markup("a <p>b</p>"));
        assert!(!has_markup("精度满足<1% and a < b"));
    }
}
