//! Event descriptions are CommonMark (the subset docs/CONTRACT.md lists,
//! read here without a Markdown crate: pulldown-cmark cost the widget 54 KB
//! gzip; it stays as a dev-dependency, the reference the tests compare this
//! reader with). They are read into a small tree of
//! allowed elements that the widget turns into DOM nodes, never into HTML
//! text, so nothing a feed writes can become markup:
//!
//! - raw HTML (blocks and inline tags) is dropped; the text between inline
//!   tags stays, as text;
//! - links keep only `https:`, `http:`, `mailto:` and `tel:` targets; any
//!   other link is shown as its text alone;
//! - images are not loaded: an image becomes a link to it (when its address
//!   is allowed) named by its alternative text;
//! - headings start at level 3 (the event's name is the level 2 heading);
//! - nesting deeper than [`MAX_DEPTH`] is flattened, so a hostile feed
//!   cannot make a tree too deep to render (nor the reader recurse deeply);
//!   link texts are looked for over at most 1,000 bytes and emphasis keeps
//!   CommonMark's "openers bottom", so hostile runs of `[` or `*` stay cheap.

/// Deepest nesting of elements kept.
pub const MAX_DEPTH: usize = 16;

/// A node of a rendered description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Element {
        /// One of a fixed set of harmless tags.
        tag: &'static str,
        /// Only `href`, `title` and `start`; `href` only with an allowed scheme.
        attrs: Vec<(&'static str, String)>,
        children: Vec<Node>,
    },
}

/// Whether a link target may be followed: `https:`, `http:`, `mailto:`,
/// `tel:`, with no control characters or spaces hiding another scheme.
pub fn is_allowed_link(url: &str) -> bool {
    let url = url.trim();
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.get(..7).unwrap_or(url).to_ascii_lowercase();
    ["https:", "http:", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
        && url.len() > 6
}

/// Reads CommonMark into a tree of allowed elements.
pub fn to_tree(text: &str) -> Vec<Node> {
    let lines: Vec<&str> = text.lines().collect();
    blocks(&lines, 0)
}

/// Leading spaces (a tab counts as four), and the rest of the line.
fn indent(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => width += 1,
            '\t' => width += 4 - width % 4,
            _ => return (width, &line[i..]),
        }
    }
    (width, "")
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// `---`, `***`, `___` (three or more, spaces allowed between).
fn is_rule(line: &str) -> bool {
    let (ind, rest) = indent(line);
    let Some(first) = rest.chars().next() else {
        return false;
    };
    ind < 4
        && matches!(first, '-' | '*' | '_')
        && rest.chars().all(|c| c == first || c == ' ' || c == '\t')
        && rest.chars().filter(|&c| c == first).count() >= 3
}

/// `# Heading`: the level and the text.
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let (ind, rest) = indent(line);
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if ind >= 4 || level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut body = after.trim();
    // A closing run of `#` preceded by a space is not part of the text.
    let trimmed = body.trim_end_matches('#');
    if trimmed.is_empty() || trimmed.ends_with([' ', '\t']) {
        body = trimmed.trim_end();
    }
    Some((level, body))
}

/// A fence: its character, length and indentation.
fn fence(line: &str) -> Option<(char, usize, usize)> {
    let (ind, rest) = indent(line);
    let c = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = rest.chars().take_while(|&x| x == c).count();
    let info = &rest[n..];
    (ind < 4 && n >= 3 && !(c == '`' && info.contains('`'))).then_some((c, n, ind))
}

/// A list marker: ordered (with its number) or not, the marker's character,
/// and the width of marker and indentation before the item's content.
fn list_marker(line: &str) -> Option<(Option<u64>, char, usize, &str)> {
    let (ind, rest) = indent(line);
    if ind >= 4 {
        return None;
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (number, marker, len) = if matches!(rest.as_bytes().first(), Some(b'-' | b'*' | b'+')) {
        (None, rest.chars().next()?, 1)
    } else if (1..=9).contains(&digits) && matches!(rest.as_bytes().get(digits), Some(b'.' | b')'))
    {
        (
            rest[..digits].parse().ok(),
            char::from(rest.as_bytes()[digits]),
            digits + 1,
        )
    } else {
        return None;
    };
    let after = &rest[len..];
    if after.is_empty() {
        return Some((number, marker, ind + len + 1, ""));
    }
    let spaces = after.bytes().take_while(|&b| b == b' ').count();
    if spaces == 0 {
        return None;
    }
    // Five spaces or more: the content is indented code, one space counts.
    let spaces = if spaces > 4 { 1 } else { spaces };
    Some((number, marker, ind + len + spaces, &after[spaces..]))
}

/// Tags of HTML blocks that end at a blank line (CommonMark's kind 6).
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
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
    "track",
    "ul",
];

/// The start of an HTML block: `Some(Some(end))` when it ends at a line
/// containing `end`, `Some(None)` when it ends at a blank line.
fn html_block(line: &str, in_paragraph: bool) -> Option<Option<&'static str>> {
    let (ind, rest) = indent(line);
    if ind >= 4 || !rest.starts_with('<') {
        return None;
    }
    let lower = rest.to_ascii_lowercase();
    for (tag, end) in [
        ("<script", "</script>"),
        ("<pre", "</pre>"),
        ("<style", "</style>"),
        ("<textarea", "</textarea>"),
    ] {
        if lower.starts_with(tag)
            && matches!(
                lower.as_bytes().get(tag.len()),
                None | Some(b' ' | b'\t' | b'>')
            )
        {
            return Some(Some(end));
        }
    }
    for (start, end) in [("<!--", "-->"), ("<?", "?>"), ("<![cdata[", "]]>")] {
        if lower.starts_with(start) {
            return Some(Some(end));
        }
    }
    if lower.len() > 2 && lower.starts_with("<!") && lower.as_bytes()[2].is_ascii_alphabetic() {
        return Some(Some(">"));
    }
    let name_start = if lower.starts_with("</") { 2 } else { 1 };
    let name: String = lower[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let after = lower[name_start + name.len()..].chars().next();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let ends_tag = matches!(after, None | Some(' ' | '\t' | '>' | '/'));
    if BLOCK_TAGS.contains(&name.as_str()) && ends_tag {
        return Some(None);
    }
    // Any other complete tag alone on its line (cannot interrupt a paragraph).
    let whole = ends_tag
        && rest.trim_end().ends_with('>')
        && inline_html(rest.trim_end()) == Some(rest.trim_end().len());
    (whole && !in_paragraph).then_some(None)
}

/// Strips a block quote marker: `> text` gives `text`.
fn quote_content(line: &str) -> Option<&str> {
    let (ind, rest) = indent(line);
    let rest = rest.strip_prefix('>').filter(|_| ind < 4)?;
    Some(rest.strip_prefix(' ').unwrap_or(rest))
}

/// Removes `width` columns of indentation (as much as there is).
fn dedent(line: &str, width: usize) -> &str {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        if seen >= width {
            return &line[i..];
        }
        match c {
            ' ' => seen += 1,
            '\t' => seen += 4 - seen % 4,
            _ => return &line[i..],
        }
    }
    ""
}

fn element(tag: &'static str, children: Vec<Node>) -> Node {
    Node::Element {
        tag,
        attrs: Vec::new(),
        children,
    }
}

/// Whether a line starts a block other than a paragraph's continuation.
fn interrupts(line: &str) -> bool {
    is_rule(line)
        || atx_heading(line).is_some()
        || fence(line).is_some()
        || quote_content(line).is_some()
        || html_block(line, true).is_some()
        || list_marker(line)
            .is_some_and(|(n, _, _, rest)| !rest.trim().is_empty() && n.is_none_or(|n| n == 1))
}

/// Blocks of `lines`, inside `depth` elements.
fn blocks(lines: &[&str], depth: usize) -> Vec<Node> {
    let mut out = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let wrap = |tag: &'static str, children: Vec<Node>, out: &mut Vec<Node>| {
        if depth < MAX_DEPTH {
            out.push(element(tag, children));
        } else {
            out.extend(children);
        }
    };
    let flush = |paragraph: &mut Vec<&str>, out: &mut Vec<Node>| {
        if !paragraph.is_empty() {
            let text = paragraph.join("\n");
            paragraph.clear();
            let children = inlines(text.trim(), depth + 1);
            if depth < MAX_DEPTH {
                out.push(element("p", children));
            } else {
                out.extend(children);
            }
        }
    };
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        i += 1;
        if is_blank(line) {
            flush(&mut paragraph, &mut out);
            continue;
        }
        // Too deep: container markers are read as text from here on.
        if depth + 2 >= MAX_DEPTH && (quote_content(line).is_some() || list_marker(line).is_some())
        {
            let mut rest = line;
            loop {
                if let Some(r) = quote_content(rest) {
                    rest = r;
                } else if let Some((_, _, _, r)) = list_marker(rest) {
                    if r.len() >= rest.len() {
                        break;
                    }
                    rest = r;
                } else {
                    break;
                }
            }
            paragraph.push(rest);
            continue;
        }
        // A setext heading's underline.
        let t = line.trim();
        if !paragraph.is_empty()
            && indent(line).0 < 4
            && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
        {
            let level = if t.starts_with('=') { "h3" } else { "h4" };
            let text = paragraph.join("\n");
            paragraph.clear();
            wrap(level, inlines(text.trim(), depth + 1), &mut out);
            continue;
        }
        if !paragraph.is_empty() && !interrupts(line) {
            paragraph.push(line);
            continue;
        }
        flush(&mut paragraph, &mut out);
        if is_rule(line) {
            wrap("hr", Vec::new(), &mut out);
        } else if let Some((level, body)) = atx_heading(line) {
            let tag = match level {
                1 => "h3",
                2 => "h4",
                3 => "h5",
                _ => "h6",
            };
            wrap(tag, inlines(body, depth + 1), &mut out);
        } else if let Some((c, n, ind)) = fence(line) {
            let mut code = String::new();
            while let Some(&l) = lines.get(i) {
                i += 1;
                let (_, rest) = indent(l);
                if indent(l).0 < 4
                    && rest.chars().take_while(|&x| x == c).count() >= n
                    && rest.trim_start_matches(c).trim().is_empty()
                {
                    break;
                }
                code.push_str(dedent(l, ind));
                code.push('\n');
            }
            wrap("pre", vec![Node::Text(code)], &mut out);
        } else if indent(line).0 >= 4 {
            let mut code = String::new();
            let mut end = i - 1;
            let mut j = i - 1;
            while let Some(&l) = lines.get(j) {
                if is_blank(l) {
                    j += 1;
                    continue;
                }
                if indent(l).0 < 4 {
                    break;
                }
                j += 1;
                end = j;
            }
            for l in lines.get(i - 1..end).unwrap_or_default() {
                code.push_str(dedent(l, 4));
                code.push('\n');
            }
            if end >= lines.len() {
                // The text's last line: no line break after it.
                code.pop();
            }
            i = end;
            wrap("pre", vec![Node::Text(code)], &mut out);
        } else if let Some(end) = html_block(line, false) {
            // Raw HTML never passes: the whole block is dropped.
            let mut l = line;
            loop {
                match end {
                    Some(end) if l.to_ascii_lowercase().contains(end) => break,
                    None if is_blank(l) => break,
                    _ => {}
                }
                match lines.get(i) {
                    Some(&next) => {
                        l = next;
                        i += 1;
                    }
                    None => break,
                }
            }
        } else if let Some(first) = quote_content(line) {
            let mut inner = vec![first];
            while let Some(&l) = lines.get(i) {
                if let Some(c) = quote_content(l) {
                    inner.push(c);
                } else if !is_blank(l)
                    && !interrupts(l)
                    && inner.last().is_some_and(|p| !is_blank(p))
                {
                    inner.push(l); // lazy continuation
                } else {
                    break;
                }
                i += 1;
            }
            wrap("blockquote", blocks(&inner, depth + 1), &mut out);
        } else if let Some((number, marker, _, _)) = list_marker(line) {
            i -= 1;
            let mut items = Vec::new();
            let mut loose = false;
            while let Some(&start) = lines.get(i) {
                let Some((n, m, width, first)) = list_marker(start) else {
                    break;
                };
                if m != marker || n.is_some() != number.is_some() || is_rule(start) {
                    break;
                }
                i += 1;
                let mut inner = vec![first];
                let mut blank_before = false;
                while let Some(&l) = lines.get(i) {
                    if is_blank(l) {
                        blank_before = true;
                        inner.push("");
                    } else if indent(l).0 >= width {
                        inner.push(dedent(l, width));
                    } else if !blank_before && !interrupts(l) && list_marker(l).is_none() {
                        inner.push(l); // lazy continuation
                    } else {
                        break;
                    }
                    i += 1;
                }
                while inner.last().is_some_and(|l| l.is_empty()) {
                    inner.pop();
                }
                let ends_blank = blank_before
                    && lines
                        .get(i)
                        .is_some_and(|l| list_marker(l).is_some_and(|(_, m2, _, _)| m2 == marker));
                if inner.iter().skip(1).any(|l| l.is_empty()) || ends_blank {
                    loose = true;
                }
                items.push(inner);
                if blank_before && !ends_blank {
                    break;
                }
            }
            let mut children: Vec<Node> = Vec::new();
            for inner in items {
                let mut content = blocks(&inner, depth + 2);
                if !loose {
                    // A tight list: its items' paragraphs are not shown as such.
                    content = content
                        .into_iter()
                        .flat_map(|n| match n {
                            Node::Element {
                                tag: "p", children, ..
                            } => children,
                            other => vec![other],
                        })
                        .collect();
                }
                children.push(element("li", content));
            }
            let tag = if number.is_some() { "ol" } else { "ul" };
            if depth < MAX_DEPTH {
                let attrs = match number {
                    Some(start) if start != 1 => vec![("start", start.to_string())],
                    _ => Vec::new(),
                };
                out.push(Node::Element {
                    tag,
                    attrs,
                    children,
                });
            } else {
                out.extend(children);
            }
        } else {
            paragraph.push(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// An inline piece before emphasis is resolved.
enum Piece {
    Node(Node, usize),
    /// A run of `*` or `_`: the character, how many are left, whether it
    /// can open and close emphasis, and the run's original length.
    Run(char, usize, bool, bool, usize),
}

/// Named character references read; any other `&name;` stays as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("hellip", "…"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("middot", "·"),
    ("bull", "•"),
    ("euro", "€"),
    ("deg", "°"),
    ("times", "×"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
];

/// `&...;` at the start of `s`: the text it stands for and its length.
fn entity(s: &str) -> Option<(String, usize)> {
    let end = s.get(..34).unwrap_or(s).find(';')?;
    let body = &s[1..end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if (1..=6).contains(&hex.len()) => u32::from_str_radix(hex, 16).ok()?,
            Some(_) => return None,
            None if (1..=7).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit()) => {
                num.parse().ok()?
            }
            None => return None,
        };
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
            .to_string()
    } else {
        ENTITIES.iter().find(|(n, _)| *n == body)?.1.to_string()
    };
    Some((decoded, end + 1))
}

/// Length of the HTML tag, closing tag or comment at the start of `s`.
fn inline_html(s: &str) -> Option<usize> {
    if let Some(rest) = s.strip_prefix("<!--") {
        return rest.find("-->").map(|e| e + 7);
    }
    let rest = s.strip_prefix("</").or_else(|| s.strip_prefix('<'))?;
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    if name == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after = &rest[name..];
    if !after.starts_with([' ', '\t', '\n', '>', '/']) {
        return None;
    }
    // Up to the first `>` outside quotes.
    let mut quote = None;
    for (i, c) in after.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '<') => return None,
            (None, '>') => return Some(s.len() - rest.len() + name + i + 1),
            _ => {}
        }
    }
    None
}

/// `<scheme:...>` or `<user@host>` at the start of `s`: the address, the
/// link target and the length.
fn autolink(s: &str) -> Option<(String, String, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.is_empty() || inner.contains([' ', '<', '\n', '\t']) {
        return None;
    }
    if let Some(colon) = inner.find(':') {
        let scheme = &inner[..colon];
        if (2..=32).contains(&scheme.len())
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
        {
            return Some((inner.to_string(), inner.to_string(), end + 1));
        }
    }
    let at = inner.find('@')?;
    (at > 0 && inner[at + 1..].contains('.'))
        .then(|| (inner.to_string(), format!("mailto:{inner}"), end + 1))
}

/// The longest link text looked for.
const LINK_TEXT_BYTES: usize = 1000;

/// `[text](target "title")` at the start of `s` (after `!` for an image):
/// the text, target, title and length.
fn link(s: &str) -> Option<(&str, String, String, usize)> {
    let mut level = 0usize;
    let mut close = None;
    let mut escaped = false;
    // A link's text is at most this long: a bound on the work a run of
    // unclosed brackets can cause.
    for (i, c) in s.char_indices().take_while(|(i, _)| *i < LINK_TEXT_BYTES) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => level += 1,
            ']' => {
                level -= 1;
                if level == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let rest = s[close + 1..].strip_prefix('(')?;
    let body = rest.trim_start();
    let mut used = rest.len() - body.len();
    let (target, taken) = if let Some(b) = body.strip_prefix('<') {
        let e = b.find(['>', '\n'])?;
        (b[..e].to_string(), e + 2)
    } else {
        let mut depth = 0usize;
        let mut end = body.len();
        for (i, c) in body.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = i;
                    break;
                }
                ')' => depth -= 1,
                c if c.is_whitespace() => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        (body[..end].to_string(), end)
    };
    used += taken;
    let after = &rest[used..];
    let trimmed = after.trim_start();
    used += after.len() - trimmed.len();
    let mut title = String::new();
    if let Some(q) = trimmed
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '('))
    {
        let closing = if q == '(' { ')' } else { q };
        let e = trimmed[1..].find(closing)?;
        title = trimmed[1..1 + e].to_string();
        let after_title = &trimmed[e + 2..];
        used += e + 2 + (after_title.len() - after_title.trim_start().len());
    }
    if !rest[used..].starts_with(')') {
        return None;
    }
    Some((
        &s[1..close],
        unescape(&target),
        unescape(&title),
        close + 1 + 1 + used + 1,
    ))
}

/// Backslash escapes and character references resolved.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        if c == '\\' && s[i + 1..].starts_with(|n: char| n.is_ascii_punctuation()) {
            out.push_str(&s[i + 1..i + 2]);
            i += 2;
        } else if let Some((text, len)) = (c == '&').then(|| entity(&s[i..])).flatten() {
            out.push_str(&text);
            i += len;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn push_str(pieces: &mut Vec<Piece>, text: &str) {
    if let Some(Piece::Node(Node::Text(prev), _)) = pieces.last_mut() {
        prev.push_str(text);
    } else {
        pieces.push(Piece::Node(Node::Text(text.to_string()), 0));
    }
}

/// Inline content of a paragraph or heading, inside `depth` elements.
fn inlines(text: &str, depth: usize) -> Vec<Node> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        match c {
            '\\' if rest[1..].starts_with(|n: char| n.is_ascii_punctuation()) => {
                push_str(&mut pieces, &rest[1..2]);
                i += 2;
            }
            '\\' if rest[1..].starts_with('\n') => {
                pieces.push(Piece::Node(element("br", Vec::new()), 1));
                i += 2;
            }
            '\n' => {
                // Two spaces or more before the line break: a hard break.
                if let Some(Piece::Node(Node::Text(prev), _)) = pieces.last_mut() {
                    let hard = prev.ends_with("  ");
                    let kept = prev.trim_end_matches(' ').len();
                    prev.truncate(kept);
                    if hard {
                        pieces.push(Piece::Node(element("br", Vec::new()), 1));
                    }
                }
                let next = rest[1..].trim_start_matches([' ', '\t']);
                if !matches!(
                    pieces.last(),
                    Some(Piece::Node(Node::Element { tag: "br", .. }, _))
                ) {
                    push_str(&mut pieces, "\n");
                }
                i = text.len() - next.len();
            }
            '`' => {
                let n = rest.bytes().take_while(|&b| b == b'`').count();
                let fence = &rest[..n];
                let mut search = n;
                let mut found = None;
                while let Some(at) = rest[search..].find(fence) {
                    let start = search + at;
                    let run = rest[start..].bytes().take_while(|&b| b == b'`').count();
                    if run == n {
                        found = Some(start);
                        break;
                    }
                    search = start + run;
                }
                match found {
                    Some(end) => {
                        let mut code = rest[n..end].replace('\n', " ");
                        if code.len() > 2
                            && code.starts_with(' ')
                            && code.ends_with(' ')
                            && !code.trim().is_empty()
                        {
                            code = code[1..code.len() - 1].to_string();
                        }
                        pieces.push(Piece::Node(element("code", vec![Node::Text(code)]), 1));
                        i += end + n;
                    }
                    None => {
                        push_str(&mut pieces, fence);
                        i += n;
                    }
                }
            }
            '&' => match entity(rest) {
                Some((decoded, len)) => {
                    push_str(&mut pieces, &decoded);
                    i += len;
                }
                None => {
                    push_str(&mut pieces, "&");
                    i += 1;
                }
            },
            '<' => {
                if let Some((shown, target, len)) = autolink(rest) {
                    let text = vec![Node::Text(shown)];
                    if is_allowed_link(&target) && depth < MAX_DEPTH {
                        let attrs = vec![("href", target.trim().to_string())];
                        pieces.push(Piece::Node(
                            Node::Element {
                                tag: "a",
                                attrs,
                                children: text,
                            },
                            1,
                        ));
                    } else {
                        pieces.extend(text.into_iter().map(|t| Piece::Node(t, 0)));
                    }
                    i += len;
                } else if let Some(len) = inline_html(rest) {
                    i += len; // raw HTML never passes
                } else {
                    push_str(&mut pieces, "<");
                    i += 1;
                }
            }
            '!' | '[' => {
                let start = if c == '!' { 1 } else { 0 };
                match rest[start..]
                    .starts_with('[')
                    .then(|| link(&rest[start..]))
                    .flatten()
                {
                    Some((label, target, title, len)) => {
                        let children = inlines(label, depth + 1);
                        if is_allowed_link(&target) && depth < MAX_DEPTH {
                            let mut attrs = vec![("href", target.trim().to_string())];
                            if !title.is_empty() {
                                attrs.push(("title", title));
                            }
                            let d = 1 + children.iter().map(node_depth).max().unwrap_or(0);
                            pieces.push(Piece::Node(
                                Node::Element {
                                    tag: "a",
                                    attrs,
                                    children,
                                },
                                d,
                            ));
                        } else {
                            for child in children {
                                match child {
                                    Node::Text(t) => push_str(&mut pieces, &t),
                                    other => {
                                        let d = node_depth(&other);
                                        pieces.push(Piece::Node(other, d));
                                    }
                                }
                            }
                        }
                        i += start + len;
                    }
                    None => {
                        push_str(&mut pieces, &rest[..1]);
                        i += 1;
                    }
                }
            }
            '*' | '_' => {
                let n = rest.bytes().take_while(|&b| b == c as u8).count();
                let before = text[..i].chars().next_back();
                let after = rest[n..].chars().next();
                let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
                let punct = |c: Option<char>| {
                    c.is_some_and(|c| {
                        c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
                    })
                };
                let left = !space(after) && (!punct(after) || space(before) || punct(before));
                let right = !space(before) && (!punct(before) || space(after) || punct(after));
                let (open, close) = if c == '*' {
                    (left, right)
                } else {
                    (
                        left && (!right || punct(before)),
                        right && (!left || punct(after)),
                    )
                };
                pieces.push(Piece::Run(c, n, open, close, n));
                i += n;
            }
            _ => {
                let len = match rest.find(['\\', '\n', '`', '&', '<', '!', '[', '*', '_']) {
                    Some(0) => c.len_utf8(),
                    Some(l) => l,
                    None => rest.len(),
                };
                push_str(&mut pieces, &rest[..len]);
                i += len;
            }
        }
    }
    emphasis(&mut pieces, depth);
    let mut out: Vec<Node> = Vec::new();
    for piece in pieces {
        let node = match piece {
            Piece::Node(node, _) => node,
            Piece::Run(c, n, ..) => Node::Text(c.to_string().repeat(n)),
        };
        match (out.last_mut(), node) {
            (Some(Node::Text(prev)), Node::Text(t)) => prev.push_str(&t),
            (_, node) => out.push(node),
        }
    }
    out
}

fn node_depth(node: &Node) -> usize {
    match node {
        Node::Text(_) => 0,
        Node::Element { children, .. } => 1 + children.iter().map(node_depth).max().unwrap_or(0),
    }
}

/// CommonMark's emphasis rules over the runs of `*` and `_`: each closer,
/// left to right, takes the nearest opener of the same character.
fn emphasis(pieces: &mut Vec<Piece>, depth: usize) {
    // Where the search for an opener may stop, by the closer's character,
    // whether it can open too and its length modulo 3 (CommonMark's
    // "openers bottom"): keeps the work linear on runs that never match.
    let mut bottom = [0usize; 12];
    let slot = |ch: char, opens: bool, len: usize| {
        usize::from(ch == '_') * 6 + usize::from(opens) * 3 + len % 3
    };
    let mut c = 0;
    while c < pieces.len() {
        let Piece::Run(ch, n, opens, true, orig_c) = pieces[c] else {
            c += 1;
            continue;
        };
        let from = bottom[slot(ch, opens, orig_c)].min(c);
        let opener = (from..c).rev().find(|&o| match pieces[o] {
            Piece::Run(och, on, true, oclose, orig_o) if och == ch && on > 0 => {
                // The rule of three.
                let both = oclose || matches!(pieces[c], Piece::Run(_, _, true, true, _));
                !(both && (orig_o + orig_c) % 3 == 0 && !(orig_o % 3 == 0 && orig_c % 3 == 0))
            }
            _ => false,
        });
        let Some(o) = opener else {
            bottom[slot(ch, opens, orig_c)] = c;
            c += 1;
            continue;
        };
        for b in &mut bottom {
            *b = (*b).min(o);
        }
        let Piece::Run(_, on, ..) = pieces[o] else {
            break;
        };
        let used = if on >= 2 && n >= 2 { 2 } else { 1 };
        let inner: Vec<Piece> = pieces.drain(o + 1..c).collect();
        let mut children: Vec<Node> = Vec::new();
        let mut d = 0;
        for piece in inner {
            let (node, nd) = match piece {
                Piece::Node(node, nd) => (node, nd),
                Piece::Run(rc, rn, ..) => (Node::Text(rc.to_string().repeat(rn)), 0),
            };
            d = d.max(nd);
            match (children.last_mut(), node) {
                (Some(Node::Text(prev)), Node::Text(t)) => prev.push_str(&t),
                (_, node) => children.push(node),
            }
        }
        let tag = if used == 2 { "strong" } else { "em" };
        let made: Vec<Piece> = if depth + d < MAX_DEPTH {
            vec![Piece::Node(element(tag, children), d + 1)]
        } else {
            children.into_iter().map(|n| Piece::Node(n, d)).collect()
        };
        let count = made.len();
        pieces.splice(o + 1..o + 1, made);
        if let Piece::Run(_, on, ..) = &mut pieces[o] {
            *on -= used;
        }
        let closer = o + 1 + count;
        if let Piece::Run(_, cn, ..) = &mut pieces[closer] {
            *cn -= used;
        }
        // Empty runs go.
        if matches!(pieces[closer], Piece::Run(_, 0, ..)) {
            pieces.remove(closer);
        }
        if matches!(pieces[o], Piece::Run(_, 0, ..)) {
            pieces.remove(o);
            c = closer - 1;
        } else {
            c = closer;
        }
    }
}

/// The former implementation on pulldown-cmark, kept for tests only: the
/// subset reader must read the subset as CommonMark does.
#[cfg(test)]
mod reference {
    use super::{is_allowed_link, Node, MAX_DEPTH};
    use pulldown_cmark::{CodeBlockKind, Event as Md, HeadingLevel, Options, Parser, Tag};

    struct Frame {
        /// `None`: the children go straight to the parent (dropped or flattened
        /// elements).
        tag: Option<&'static str>,
        attrs: Vec<(&'static str, String)>,
        children: Vec<Node>,
    }

    fn heading(level: HeadingLevel) -> &'static str {
        match level {
            HeadingLevel::H1 => "h3",
            HeadingLevel::H2 => "h4",
            HeadingLevel::H3 => "h5",
            _ => "h6",
        }
    }

    /// The tree as pulldown-cmark reads it (the former implementation).
    pub fn reference_tree(text: &str) -> Vec<Node> {
        let mut stack = vec![Frame {
            tag: None,
            attrs: Vec::new(),
            children: Vec::new(),
        }];
        let depth = |stack: &Vec<Frame>| stack.iter().filter(|f| f.tag.is_some()).count();
        for event in Parser::new_ext(text, Options::empty()) {
            match event {
                Md::Start(tag) => {
                    let (name, attrs): (Option<&'static str>, Vec<(&'static str, String)>) =
                        match tag {
                            Tag::Paragraph => (Some("p"), vec![]),
                            Tag::Heading { level, .. } => (Some(heading(level)), vec![]),
                            Tag::BlockQuote(_) => (Some("blockquote"), vec![]),
                            Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => {
                                (Some("pre"), vec![])
                            }
                            Tag::List(Some(start)) if start != 1 => {
                                (Some("ol"), vec![("start", start.to_string())])
                            }
                            Tag::List(Some(_)) => (Some("ol"), vec![]),
                            Tag::List(None) => (Some("ul"), vec![]),
                            Tag::Item => (Some("li"), vec![]),
                            Tag::Emphasis => (Some("em"), vec![]),
                            Tag::Strong => (Some("strong"), vec![]),
                            Tag::Strikethrough => (Some("del"), vec![]),
                            Tag::Link {
                                dest_url, title, ..
                            }
                            | Tag::Image {
                                dest_url, title, ..
                            } if is_allowed_link(&dest_url) => {
                                let mut attrs = vec![("href", dest_url.trim().to_string())];
                                if !title.is_empty() {
                                    attrs.push(("title", title.to_string()));
                                }
                                (Some("a"), attrs)
                            }
                            // Raw HTML blocks, disallowed links and anything else.
                            _ => (None, vec![]),
                        };
                    let name = name.filter(|_| depth(&stack) < MAX_DEPTH);
                    stack.push(Frame {
                        tag: name,
                        attrs,
                        children: Vec::new(),
                    });
                }
                Md::End(_) => {
                    if stack.len() < 2 {
                        continue;
                    }
                    let Some(frame) = stack.pop() else { break };
                    let node = frame.tag.map(|tag| Node::Element {
                        tag,
                        attrs: frame.attrs,
                        children: Vec::new(),
                    });
                    if let Some(parent) = stack.last_mut() {
                        match node {
                            Some(Node::Element { tag, attrs, .. }) => {
                                parent.children.push(Node::Element {
                                    tag,
                                    attrs,
                                    children: frame.children,
                                })
                            }
                            _ => parent.children.extend(frame.children),
                        }
                    }
                }
                Md::Text(t) => push_text(&mut stack, &t),
                Md::Code(t) => {
                    if let Some(parent) = stack.last_mut() {
                        parent.children.push(Node::Element {
                            tag: "code",
                            attrs: vec![],
                            children: vec![Node::Text(t.to_string())],
                        });
                    }
                }
                Md::SoftBreak => push_text(&mut stack, "\n"),
                Md::HardBreak => push_element(&mut stack, "br"),
                Md::Rule => push_element(&mut stack, "hr"),
                // Raw HTML never passes; the rest is not enabled.
                _ => {}
            }
        }
        // Close whatever is still open (the parser balances its tags, but a
        // cut description must not lose its end).
        while stack.len() > 1 {
            let Some(frame) = stack.pop() else { break };
            if let Some(parent) = stack.last_mut() {
                match frame.tag {
                    Some(tag) => parent.children.push(Node::Element {
                        tag,
                        attrs: frame.attrs,
                        children: frame.children,
                    }),
                    None => parent.children.extend(frame.children),
                }
            }
        }
        stack.pop().map(|f| f.children).unwrap_or_default()
    }

    fn push_text(stack: &mut [Frame], text: &str) {
        if let Some(parent) = stack.last_mut() {
            match parent.children.last_mut() {
                Some(Node::Text(prev)) => prev.push_str(text),
                _ => parent.children.push(Node::Text(text.to_string())),
            }
        }
    }

    fn push_element(stack: &mut [Frame], tag: &'static str) {
        if let Some(parent) = stack.last_mut() {
            parent.children.push(Node::Element {
                tag,
                attrs: vec![],
                children: vec![],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as compact HTML-like text, for comparisons.
    fn show(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|n| match n {
                Node::Text(t) => t.clone(),
                Node::Element {
                    tag,
                    attrs,
                    children,
                } => {
                    let attrs: String = attrs.iter().map(|(k, v)| format!(" {k}={v:?}")).collect();
                    format!("<{tag}{attrs}>{}</{tag}>", show(children))
                }
            })
            .collect()
    }

    fn md(text: &str) -> String {
        show(&to_tree(text))
    }

    #[test]
    fn renders_the_usual_commonmark() {
        assert_eq!(
            md("# Agenda\n\nDay **one** and *two*:\n\n- talks\n- `visits`\n\n3. three\n4. four"),
            "<h3>Agenda</h3><p>Day <strong>one</strong> and <em>two</em>:</p>\
             <ul><li>talks</li><li><code>visits</code></li></ul><ol start=\"3\"><li>three</li><li>four</li></ol>"
        );
        assert_eq!(
            md("> quoted\n\n---"),
            "<blockquote><p>quoted</p></blockquote><hr></hr>"
        );
        assert_eq!(md("a  \nb\nc"), "<p>a<br></br>b\nc</p>");
    }

    #[test]
    fn raw_html_never_passes() {
        assert_eq!(md("<script>alert(1)</script>"), "");
        assert_eq!(md("<div onclick=x>\n\nhi\n\n</div>"), "<p>hi</p>");
        assert_eq!(
            md("a <b onmouseover=alert(1)>bold</b> <img src=x onerror=alert(1)>"),
            "<p>a bold </p>"
        );
        assert_eq!(
            md("&lt;script&gt;"),
            "<p><script></p>",
            "entities become text, which is escaped when shown"
        );
        let tree = to_tree("<iframe src=//evil></iframe>\n\n<style>*{}</style>");
        assert!(tree.is_empty(), "{tree:?}");
    }

    #[test]
    fn links_only_to_allowed_schemes() {
        assert_eq!(
            md("[site](https://www.vss.gov.vn \"VSS\") [mail](mailto:a@b.vn) [call](tel:+84243936) [x](javascript:alert(1)) [y](data:text/html,x) [z](/relative) [w](HTTP://X.ORG)"),
            "<p><a href=\"https://www.vss.gov.vn\" title=\"VSS\">site</a> <a href=\"mailto:a@b.vn\">mail</a> \
             <a href=\"tel:+84243936\">call</a> x y z <a href=\"HTTP://X.ORG\">w</a></p>"
        );
        assert_eq!(
            md("<https://example.org>"),
            "<p><a href=\"https://example.org\">https://example.org</a></p>"
        );
        assert_eq!(md("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>");
        assert_eq!(
            md("![map](https://x.org/m.png)"),
            "<p><a href=\"https://x.org/m.png\">map</a></p>"
        );
        for bad in [
            "java\tscript:x",
            "https:",
            " javascript:x",
            "vbscript:x",
            "https://x y",
        ] {
            assert!(!is_allowed_link(bad), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let deep = format!("{}deep", "> ".repeat(5000));
        let tree = to_tree(&deep);
        fn depth(nodes: &[Node]) -> usize {
            nodes
                .iter()
                .map(|n| match n {
                    Node::Text(_) => 0,
                    Node::Element { children, .. } => 1 + depth(children),
                })
                .max()
                .unwrap_or(0)
        }
        assert!(depth(&tree) <= MAX_DEPTH, "{}", depth(&tree));
        assert!(show(&tree).contains("deep"));
        let list = format!("{}x", "- ".repeat(3000));
        assert!(depth(&to_tree(&list)) <= MAX_DEPTH);
    }

    #[test]
    fn long_and_odd_text_is_fine() {
        let long = "Mô tả. ".repeat(15_000);
        assert_eq!(to_tree(&long).len(), 1);
        assert!(to_tree("").is_empty());
        assert_eq!(md("[unclosed](https://x"), "<p>[unclosed](https://x</p>");
    }
}

#[cfg(test)]
mod same_as_commonmark {
    use super::*;

    /// Adjacent texts as one (they show the same).
    fn merged(nodes: Vec<Node>) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::new();
        for node in nodes {
            let node = match node {
                Node::Element {
                    tag,
                    attrs,
                    children,
                } => Node::Element {
                    tag,
                    attrs,
                    children: merged(children),
                },
                text => text,
            };
            match (out.last_mut(), node) {
                (Some(Node::Text(prev)), Node::Text(t)) => prev.push_str(&t),
                (_, node) => out.push(node),
            }
        }
        out
    }

    /// What descriptions are written with: the subset reads them exactly as
    /// a full CommonMark reader (pulldown-cmark) does.
    #[test]
    fn the_subset_reads_like_commonmark() {
        let cases = [
            "# Agenda\n\nDay **one** and *two*:\n\n- talks\n- `visits`\n\n3. three\n4. four",
            "Title\n=====\n\nSub\n---\n\ntext",
            "## Closing ##\n\n###### six\n\n####### seven",
            "**bold *nested* bold** and __under__ _em_ snake_case_name",
            "*a **b** c* ***both*** **a*b*c**",
            "- one\n- two\n\n  second paragraph\n- three",
            "1. first\n   - nested\n   - list\n2. second",
            "* star\n+ plus\n- dash",
            "> quote\nlazy line\n> > nested\n\nafter",
            "```rust\nlet x = 1;\n\n<b>no</b>\n```\n\n    indented\n    code",
            "a `` code ` with `` b, `unclosed",
            "&amp; &copy; &#233; &#x1F600; &nosuch; AT&T",
            "\\*not em\\* \\[not link\\] \\\\ back",
            "line one\\\nline two  \nline three",
            "[link](<https://x.org/a b>) [t](https://x.org 'single') [p](https://x.org (paren))",
            "[nested [brackets]](https://x.org) [a](https://x.org/(y))",
            "see <https://x.org/path?q=1> and <ftp://x.org>",
            "Text with <span>inline</span> html and <!-- comment --> end",
            "***\n---\n___\n* * *",
            "Hội nghị **an sinh xã hội** _Việt Nam_, ngày 1–3/12.",
            "**Social security coverage**: a meeting.\n\n- sessions on practice\n- a site visit\n\nSee [the programme](https://events.example.org/1).",
            "2) paren list\n3) next",
            "para\n- list interrupts\n\npara\n2. does not interrupt",
        ];
        let differ: Vec<String> = cases
            .iter()
            .filter(|case| merged(to_tree(case)) != merged(reference::reference_tree(case)))
            .map(|case| {
                format!(
                    "{case:?}\n  {:?}\n  {:?}",
                    to_tree(case),
                    reference::reference_tree(case)
                )
            })
            .collect();
        assert!(differ.is_empty(), "{}", differ.join("\n"));
    }

    /// An e-mail autolink becomes a `mailto:` link (pulldown-cmark's tree
    /// gave the bare address, which the former reader then dropped).
    #[test]
    fn email_autolinks_are_mailto_links() {
        assert_eq!(
            to_tree("<a@example.org>"),
            vec![element(
                "p",
                vec![Node::Element {
                    tag: "a",
                    attrs: vec![("href", "mailto:a@example.org".to_string())],
                    children: vec![Node::Text("a@example.org".to_string())],
                }]
            )]
        );
    }
}
