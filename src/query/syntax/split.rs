//! Lexical scanning without pest: splitting scripts at `;`, completeness for the REPL, nesting
//! depth and comment stripping. All of them skip strings, backtick identifiers and comments the
//! same way, through [`scan`].

use crate::error::Span;

/// What a byte is part of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Part {
    Code,
    Quoted,
    Comment,
}

/// Calls `f(offset, byte, part)` for every byte; stops when `f` returns false.
fn scan(text: &str, mut f: impl FnMut(usize, u8, Part) -> bool) {
    let bytes = text.as_bytes();
    let mut quote: Option<u8> = None;
    let mut comment: Option<bool> = None; // Some(true) = block comment
    let mut i = 0;
    while i < bytes.len() {
        let (b, next) = (bytes[i], bytes.get(i + 1).copied());
        let part;
        let mut width = 1;
        if let Some(block) = comment {
            part = Part::Comment;
            if block && b == b'*' && next == Some(b'/') {
                width = 2;
                comment = None;
            } else if !block && b == b'\n' {
                comment = None;
            }
        } else if let Some(q) = quote {
            part = Part::Quoted;
            if b == b'\\' && q != b'`' {
                width = 2;
            } else if b == q {
                quote = None;
            }
        } else if b == b'/' && (next == Some(b'/') || next == Some(b'*')) {
            part = Part::Comment;
            comment = Some(next == Some(b'*'));
            width = 2;
        } else if matches!(b, b'\'' | b'"' | b'`') {
            part = Part::Quoted;
            quote = Some(b);
        } else {
            part = Part::Code;
        }
        let end = (i + width).min(bytes.len());
        for (j, byte) in bytes[i..end].iter().enumerate() {
            if !f(i + j, *byte, part) {
                return;
            }
        }
        i += width;
    }
}

/// Splits a script into statements at top-level `;`, returning the byte span of each statement
/// that holds more than comments and whitespace (the `;` itself is not included).
pub fn split_statements(text: &str) -> Vec<Span> {
    let mut cuts = Vec::new();
    scan(text, |i, b, part| {
        if b == b';' && part == Part::Code {
            cuts.push(i);
        }
        true
    });
    let mut spans = Vec::new();
    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(text.len())) {
        let piece = &text[start..end];
        if !strip_comments(piece).trim().is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            spans.push(Span::new(start + lead, end));
        }
        start = end + 1;
    }
    spans
}

/// True when the text ends with a `;` outside strings and comments (the REPL's cue to run).
pub fn is_complete(text: &str) -> bool {
    let mut last = None;
    scan(text, |_, b, part| {
        if part != Part::Comment && !b.is_ascii_whitespace() {
            last = Some((b, part));
        }
        true
    });
    last == Some((b';', Part::Code))
}

/// The text with every comment byte replaced by a space (newlines kept), strings untouched.
pub fn strip_comments(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    scan(text, |_, b, part| {
        out.push(if part == Part::Comment && b != b'\n' && b.is_ascii() { b' ' } else { b });
        true
    });
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// The offset of the first bracket nested deeper than `max`, if any.
pub fn too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut found = None;
    scan(text, |i, b, part| {
        if part != Part::Code {
            return true;
        }
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    found = Some(i);
                    return false;
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        true
    });
    found
}
