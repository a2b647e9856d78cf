//! A form field's `pattern`: a documented subset of the regular expressions
//! HTML's `pattern` attribute takes, matched the same way by the widget and
//! the server (this code, in both).
//!
//! Why not a crate: `regex-lite` adds 19.6 KB gzip to the widget, about a
//! tenth of it, for features a registration field does not need. This engine
//! compiles to a small program run as a Pike VM (Thompson's construction), so
//! matching is linear in the answer's length whatever the pattern: a feed's
//! pattern cannot make the server backtrack for ever.
//!
//! As in HTML, the pattern must match the whole answer (it is anchored at both
//! ends) and is case-sensitive. It sees the answer trimmed and NFC-normalised.
//!
//! Supported:
//! - any character as itself; `.` (any but a line break);
//! - classes `[abc]`, `[a-z]`, `[^…]`, with escapes inside;
//! - `\d` `\w` `\s` and `\D` `\W` `\S` (`\d` and `\w` are ASCII, as in JavaScript);
//! - `\t` `\n` `\r` `\f` `\v` `\0`, `\xHH`, `\uHHHH`, `\u{H…}`, and `\` before
//!   any punctuation for the character itself;
//! - `*` `+` `?` `{n}` `{n,}` `{n,m}` (a trailing `?` is accepted; the whole
//!   answer must match either way), groups `(…)` `(?:…)` `(?<name>…)`,
//!   alternation `|`, and `^` `$`.
//!
//! Not supported, and then the pattern is refused when the feed is read (the
//! field is kept, without a pattern): back-references, look-around, `\b`,
//! `\p{…}` (write the range instead, e.g. `[\u0E00-\u0E7F]` for Thai), flags.

/// Why a pattern is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("the pattern is longer than {MAX_PATTERN} characters")]
    TooLong,
    #[error("unsupported syntax at character {0}")]
    Unsupported(usize),
    #[error("unbalanced brackets or parentheses at character {0}")]
    Unbalanced(usize),
    #[error("a quantifier with nothing to repeat at character {0}")]
    NothingToRepeat(usize),
    #[error("a bad repetition count at character {0}")]
    BadCount(usize),
    #[error("a bad range in a class at character {0}")]
    BadRange(usize),
    #[error("the compiled pattern is too large")]
    TooLarge,
}

const MAX_PATTERN: usize = 1000;
const MAX_COUNT: u32 = 1000;
const MAX_PROGRAM: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

impl ClassItem {
    fn matches(&self, c: char) -> bool {
        match *self {
            ClassItem::Range(a, b) => a <= c && c <= b,
            ClassItem::Digit(neg) => c.is_ascii_digit() != neg,
            ClassItem::Word(neg) => (c.is_ascii_alphanumeric() || c == '_') != neg,
            ClassItem::Space(neg) => (c.is_whitespace() || c == '\u{FEFF}') != neg,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Class {
    negated: bool,
    items: Vec<ClassItem>,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        self.items.iter().any(|i| i.matches(c)) != self.negated
    }

    fn one(item: ClassItem) -> Self {
        Self {
            negated: false,
            items: vec![item],
        }
    }
}

#[derive(Clone, Debug)]
enum Node {
    Empty,
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Inst {
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    Split(usize, usize),
    Jmp(usize),
    Match,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    program: Vec<Inst>,
}

impl Pattern {
    pub fn new(source: &str) -> Result<Self, PatternError> {
        let chars: Vec<char> = source.chars().collect();
        if chars.len() > MAX_PATTERN {
            return Err(PatternError::TooLong);
        }
        let mut parser = Parser { chars, pos: 0 };
        let node = parser.alternation()?;
        if parser.pos < parser.chars.len() {
            return Err(PatternError::Unbalanced(parser.pos));
        }
        let mut program = Vec::new();
        compile(&node, &mut program)?;
        program.push(Inst::Match);
        Ok(Self { program })
    }

    /// Whether the whole of `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        let len = self.program.len();
        let mut current = Threads::new(len);
        let mut next = Threads::new(len);
        let total = text.chars().count();
        current.add(&self.program, 0, 0 == total, true);
        for (i, c) in text.chars().enumerate() {
            if current.list.is_empty() {
                return false;
            }
            let at_end = i + 1 == total;
            for &pc in &current.list {
                let ok = match &self.program[pc] {
                    Inst::Char(x) => *x == c,
                    Inst::Any => !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}'),
                    Inst::Class(class) => class.matches(c),
                    _ => false,
                };
                if ok {
                    next.add(&self.program, pc + 1, at_end, false);
                }
            }
            std::mem::swap(&mut current, &mut next);
            next.clear();
        }
        current
            .list
            .iter()
            .any(|&pc| self.program[pc] == Inst::Match)
    }
}

/// The set of program positions alive at one step, each once.
struct Threads {
    list: Vec<usize>,
    /// The step at which each position was last reached: clearing is free.
    seen: Vec<usize>,
    step: usize,
    stack: Vec<usize>,
}

impl Threads {
    fn new(len: usize) -> Self {
        Self {
            list: Vec::new(),
            seen: vec![usize::MAX; len],
            step: 0,
            stack: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.list.clear();
        self.step += 1;
    }

    /// Follows jumps, splits and assertions from `pc`, keeping the
    /// instructions that consume a character (and `Match`).
    fn add(&mut self, program: &[Inst], pc: usize, at_end: bool, at_start: bool) {
        self.stack.push(pc);
        while let Some(pc) = self.stack.pop() {
            match self.seen.get(pc) {
                Some(&s) if s != self.step => self.seen[pc] = self.step,
                _ => continue,
            }
            match &program[pc] {
                Inst::Jmp(to) => self.stack.push(*to),
                Inst::Split(a, b) => {
                    self.stack.push(*b);
                    self.stack.push(*a);
                }
                Inst::Start if at_start => self.stack.push(pc + 1),
                Inst::End if at_end => self.stack.push(pc + 1),
                Inst::Start | Inst::End => {}
                _ => self.list.push(pc),
            }
        }
    }
}

fn compile(node: &Node, out: &mut Vec<Inst>) -> Result<(), PatternError> {
    if out.len() > MAX_PROGRAM {
        return Err(PatternError::TooLarge);
    }
    match node {
        Node::Empty => {}
        Node::Char(c) => out.push(Inst::Char(*c)),
        Node::Any => out.push(Inst::Any),
        Node::Class(c) => out.push(Inst::Class(c.clone())),
        Node::Start => out.push(Inst::Start),
        Node::End => out.push(Inst::End),
        Node::Concat(nodes) => {
            for n in nodes {
                compile(n, out)?;
            }
        }
        Node::Alt(branches) => {
            // split L1, next; L1: a; jmp end; next: split L2, … ; last
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    compile(branch, out)?;
                    jumps.push(out.len());
                    out.push(Inst::Jmp(0));
                    let after = out.len();
                    out[split] = Inst::Split(split + 1, after);
                } else {
                    compile(branch, out)?;
                }
            }
            let end = out.len();
            for j in jumps {
                out[j] = Inst::Jmp(end);
            }
        }
        Node::Repeat { node, min, max } => {
            for _ in 0..*min {
                compile(node, out)?;
            }
            match max {
                None => {
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    compile(node, out)?;
                    out.push(Inst::Jmp(split));
                    let after = out.len();
                    out[split] = Inst::Split(split + 1, after);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(out.len());
                        out.push(Inst::Split(out.len() + 1, 0));
                        compile(node, out)?;
                    }
                    let end = out.len();
                    for s in splits {
                        out[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    if out.len() > MAX_PROGRAM {
        return Err(PatternError::TooLarge);
    }
    Ok(())
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Result<Node, PatternError> {
        let mut branches = vec![self.concat()?];
        while self.eat('|') {
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let at = self.pos;
            let atom = self.atom()?;
            let atom = self.quantified(atom, at)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let at = self.pos;
        let Some(c) = self.peek() else {
            return Ok(Node::Empty);
        };
        self.pos += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '(' => {
                if self.eat('?') {
                    if self.eat(':') {
                    } else if self.peek() == Some('<')
                        && !matches!(self.chars.get(self.pos + 1), Some('=' | '!'))
                    {
                        // A named group: the name is only a name here.
                        while let Some(n) = self.peek() {
                            self.pos += 1;
                            if n == '>' {
                                break;
                            }
                            if !(n.is_alphanumeric() || n == '_' || n == '<' || n == '$') {
                                return Err(PatternError::Unsupported(self.pos - 1));
                            }
                        }
                    } else {
                        return Err(PatternError::Unsupported(at));
                    }
                }
                let inner = self.alternation()?;
                if !self.eat(')') {
                    return Err(PatternError::Unbalanced(at));
                }
                inner
            }
            ')' => return Err(PatternError::Unbalanced(at)),
            '[' => Node::Class(self.class(at)?),
            ']' | '}' => return Err(PatternError::Unbalanced(at)),
            '{' => return Err(PatternError::NothingToRepeat(at)),
            '*' | '+' | '?' => return Err(PatternError::NothingToRepeat(at)),
            '\\' => match self.escape(at)? {
                Escaped::Char(c) => Node::Char(c),
                Escaped::Item(item) => Node::Class(Class::one(item)),
            },
            other => Node::Char(other),
        })
    }

    fn quantified(&mut self, atom: Node, at: usize) -> Result<Node, PatternError> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => {
                self.pos += 1;
                let (min, max) = self.counts()?;
                self.pos -= 1;
                (min, max)
            }
            _ => return Ok(atom),
        };
        self.pos += 1;
        self.eat('?');
        if matches!(atom, Node::Start | Node::End | Node::Empty) {
            return Err(PatternError::NothingToRepeat(at));
        }
        if matches!(self.peek(), Some('*' | '+' | '?' | '{')) {
            return Err(PatternError::NothingToRepeat(self.pos));
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    /// `n}`, `n,}` or `n,m}`, after the `{`; leaves `pos` just past the `}`.
    fn counts(&mut self) -> Result<(u32, Option<u32>), PatternError> {
        let at = self.pos;
        let min = self.number().ok_or(PatternError::BadCount(at))?;
        let max = if self.eat(',') {
            if self.peek() == Some('}') {
                None
            } else {
                Some(self.number().ok_or(PatternError::BadCount(self.pos))?)
            }
        } else {
            Some(min)
        };
        if !self.eat('}') || max.is_some_and(|m| m < min) {
            return Err(PatternError::BadCount(at));
        }
        Ok((min, max))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let text: String = self.chars.get(start..self.pos)?.iter().collect();
        text.parse::<u32>().ok().filter(|n| *n <= MAX_COUNT)
    }

    fn class(&mut self, at: usize) -> Result<Class, PatternError> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        loop {
            let item_at = self.pos;
            let Some(c) = self.peek() else {
                return Err(PatternError::Unbalanced(at));
            };
            self.pos += 1;
            let first = match c {
                ']' => return Ok(Class { negated, items }),
                '\\' => self.escape(item_at)?,
                '[' => return Err(PatternError::Unsupported(item_at)),
                c => Escaped::Char(c),
            };
            let Escaped::Char(low) = first else {
                if let Escaped::Item(item) = first {
                    items.push(item);
                }
                continue;
            };
            // A range `a-z`, unless the `-` is last.
            if self.peek() == Some('-') && !matches!(self.chars.get(self.pos + 1), Some(']') | None)
            {
                self.pos += 1;
                let high_at = self.pos;
                let high = match self.peek() {
                    Some('\\') => {
                        self.pos += 1;
                        match self.escape(high_at)? {
                            Escaped::Char(c) => c,
                            Escaped::Item(_) => return Err(PatternError::BadRange(high_at)),
                        }
                    }
                    Some(c) => {
                        self.pos += 1;
                        c
                    }
                    None => return Err(PatternError::Unbalanced(at)),
                };
                if high < low {
                    return Err(PatternError::BadRange(item_at));
                }
                items.push(ClassItem::Range(low, high));
            } else {
                items.push(ClassItem::Range(low, low));
            }
        }
    }

    /// After a `\`.
    fn escape(&mut self, at: usize) -> Result<Escaped, PatternError> {
        let Some(c) = self.peek() else {
            return Err(PatternError::Unsupported(at));
        };
        self.pos += 1;
        Ok(match c {
            'd' => Escaped::Item(ClassItem::Digit(false)),
            'D' => Escaped::Item(ClassItem::Digit(true)),
            'w' => Escaped::Item(ClassItem::Word(false)),
            'W' => Escaped::Item(ClassItem::Word(true)),
            's' => Escaped::Item(ClassItem::Space(false)),
            'S' => Escaped::Item(ClassItem::Space(true)),
            't' => Escaped::Char('\t'),
            'n' => Escaped::Char('\n'),
            'r' => Escaped::Char('\r'),
            'f' => Escaped::Char('\u{0C}'),
            'v' => Escaped::Char('\u{0B}'),
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Escaped::Char('\0'),
            'x' => Escaped::Char(self.hex(2, at)?),
            'u' if self.eat('{') => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
                    self.pos += 1;
                }
                let digits: String = self
                    .chars
                    .get(start..self.pos)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                if !self.eat('}') || digits.is_empty() || digits.len() > 6 {
                    return Err(PatternError::Unsupported(at));
                }
                u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .map(Escaped::Char)
                    .ok_or(PatternError::Unsupported(at))?
            }
            'u' => Escaped::Char(self.hex(4, at)?),
            c if c.is_ascii_punctuation() => Escaped::Char(c),
            _ => return Err(PatternError::Unsupported(at)),
        })
    }

    fn hex(&mut self, digits: usize, at: usize) -> Result<char, PatternError> {
        let text: String = self
            .chars
            .get(self.pos..self.pos + digits)
            .ok_or(PatternError::Unsupported(at))?
            .iter()
            .collect();
        self.pos += digits;
        u32::from_str_radix(&text, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or(PatternError::Unsupported(at))
    }
}

enum Escaped {
    Char(char),
    Item(ClassItem),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, text: &str) -> bool {
        Pattern::new(pattern)
            .unwrap_or_else(|e| panic!("{pattern}: {e}"))
            .is_match(text)
    }

    #[test]
    fn matches_the_whole_answer() {
        assert!(m("abc", "abc"));
        assert!(!m("abc", "abcd"), "anchored at the end");
        assert!(!m("bc", "abc"), "anchored at the start");
        assert!(m("^abc$", "abc"), "explicit anchors are allowed");
        assert!(m("", ""));
        assert!(!m("", "a"));
    }

    #[test]
    fn classes_escapes_and_counts() {
        let member_id = r"[A-Z]{2}-\d{4,6}";
        assert!(m(member_id, "VN-1234"));
        assert!(m(member_id, "TH-123456"));
        assert!(!m(member_id, "vn-1234"), "case-sensitive");
        assert!(!m(member_id, "VN-123"));
        assert!(!m(member_id, "VN-1234567"));
        assert!(m(r"\+?[0-9 ]{6,15}", "+84 24 3936"));
        assert!(m(r"[^@\s]+@[^@\s]+", "a@b"));
        assert!(!m(r"[^@\s]+@[^@\s]+", "a b@c"));
        assert!(m(r"\w+\.\w+", "first_name.x1"));
        assert!(m(r"a.c", "abc") && !m(r"a.c", "a\nc"));
        assert!(m(r"[a\-z]+", "a-z") && !m(r"[a\-z]+", "b"));
        assert!(m(r"[-a]", "-") && m(r"[a-]", "-"));
        assert!(m(r"\x41\u0042\u{43}", "ABC"));
        assert!(m(r"x{3,}", "xxxx") && !m(r"x{3,}", "xx"));
        assert!(m(r"\D\W\S", "a b".replace(' ', "!").as_str()));
        assert!(!m("[]", "a") && m("[^]", "a"), "JavaScript's empty classes");
    }

    #[test]
    fn groups_alternation_and_lazy_quantifiers() {
        let p = r"(VN|TH|LA|KH|MM)-(?:\d{3}|[A-Z]{2})";
        assert!(m(p, "LA-123") && m(p, "KH-AB"));
        assert!(!m(p, "SG-123") && !m(p, "VN-12"));
        assert!(m(r"(?<code>[A-Z]+)-\d*?", "AB-"));
        assert!(m("a|", "") && m("a|", "a"));
        assert!(m(r"(ab)+", "ababab") && !m(r"(ab)+", "aba"));
        assert!(m(r"(a*)*b", "aaab"), "empty loops end");
    }

    #[test]
    fn any_script() {
        // Thai, Lao, Khmer, Burmese and Vietnamese letters, by ranges.
        assert!(m(r"[\u0E00-\u0E7F ]+", "สมชาย ใจดี"));
        assert!(!m(r"[\u0E00-\u0E7F ]+", "Somchai"));
        assert!(m(r"[\u0E80-\u0EFF]+", "ສົມຊາຍ"));
        assert!(m(r"[\u1780-\u17FF ]+", "សុខ ចាន់"));
        assert!(m(r"[\u1000-\u109F]+", "အောင်ကျော်"));
        assert!(m("Nguyễn .+", "Nguyễn Thị Hương"));
        assert!(m("[ก-ฮ]{2}", "กข"));
    }

    #[test]
    fn is_linear_on_patterns_that_make_backtrackers_explode() {
        let p = Pattern::new(r"(a+)+b").expect("a pattern");
        let text = "a".repeat(5000);
        let started = std::time::Instant::now();
        assert!(!p.is_match(&text));
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn refuses_what_it_does_not_support() {
        for bad in [
            r"(a", r"a)", "[a", "*a", "a**", r"a{2,1}", r"a{x}", r"\1", r"(?=a)", r"(?!a)",
            r"(?<=a)", r"\bword", r"\p{L}", "[z-a]", "a{1001}", r"\q", "x{",
        ] {
            assert!(Pattern::new(bad).is_err(), "{bad}");
        }
        assert_eq!(Pattern::new(&"a".repeat(1001)), Err(PatternError::TooLong));
        assert_eq!(
            Pattern::new("(((a{1000}){1000}){1000})"),
            Err(PatternError::TooLarge)
        );
    }
}
