//! `@pattern`: an ECMA-262 regular expression, compiled on first use for the engine awsval
//! matches with (fancy-regex: the `regex` crate's linear-time automata for what they can do,
//! a bounded backtracker for look-around and backreferences).
//!
//! The two syntaxes differ where an AWS model notices, so the pattern is translated first:
//! `\d`, `\w` and `\b` are ASCII in ECMA-262 (Unicode-wide in Rust); `.` stops at every line
//! terminator; a `[` or `&&` inside a class, and a `{` that starts no quantifier, are literal;
//! UTF-16 surrogate pairs (`\uD800\uDC00`, how a Java or JavaScript pattern names characters
//! beyond the Basic Multilingual Plane) become the one character they encode, and a lone
//! surrogate in a class stands for the characters beyond that plane, which is all a UTF-16
//! engine can match it in. Java's POSIX classes (`\p{Alnum}`, `\p{Print}`, ...), which many
//! AWS models use, are read as Java reads them (ASCII).

use std::fmt::Write as _;
use std::sync::OnceLock;

/// How many backtracking steps one match may take before it is given up (and the value is
/// taken as not matching): a pattern with look-around meets hostile input here.
const BACKTRACK_LIMIT: usize = 100_000;

/// A shape's pattern, compiled when first matched.
#[derive(Debug, Default)]
pub(super) struct CompiledPattern(OnceLock<Result<fancy_regex::Regex, String>>);

impl CompiledPattern {
    /// The compiled form of `source` (the shape's `@pattern`), or why it has none.
    pub(super) fn get(&self, source: &str) -> Result<&fancy_regex::Regex, &str> {
        self.0.get_or_init(|| compile(source)).as_ref().map_err(String::as_str)
    }
}

/// Compiles an ECMA-262 pattern: `Err` with the engine's reason when it cannot.
pub(super) fn compile(source: &str) -> Result<fancy_regex::Regex, String> {
    let translated = translate(source)?;
    fancy_regex::RegexBuilder::new(&translated)
        .backtrack_limit(BACKTRACK_LIMIT)
        .delegate_size_limit(1 << 24)
        .build()
        .map_err(|error| reason(&error))
}

/// The engine's reason, with the `regex` crate's own words where it refused the pattern
/// (fancy-regex only says that it did).
fn reason(error: &fancy_regex::Error) -> String {
    if let fancy_regex::Error::CompileError(compile) = error {
        if let fancy_regex::CompileError::InnerError(inner) = &**compile {
            let detail = std::error::Error::source(inner).map_or_else(|| inner.to_string(), ToString::to_string);
            // The syntax error draws the pattern with a caret; its last line says what is wrong.
            return detail.lines().last().unwrap_or_default().trim_start_matches("error: ").to_owned();
        }
    }
    error.to_string()
}

/// Whether `text` matches `pattern` anywhere (Smithy's patterns are not anchored implicitly);
/// a match that runs out of backtracking steps counts as no match.
pub(super) fn is_match(pattern: &fancy_regex::Regex, text: &str) -> bool {
    pattern.is_match(text).unwrap_or(false)
}

/// Rewrites ECMA-262 syntax as the Rust engines read it (see the module docs).
fn translate(source: &str) -> Result<String, String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() + 16);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                let set = in_class && chars.get(i).is_some_and(|c| "dDwWsSpP".contains(*c));
                i = escape(&chars, i, in_class, &mut out)?;
                // A class escape cannot bound a range, so a `-` after one is literal (Annex B).
                if set && chars.get(i) == Some(&'-') && chars.get(i + 1) != Some(&']') {
                    out.push_str("\\-");
                    i += 1;
                }
            }
            '[' if in_class => out.push_str("\\["),
            '[' => {
                in_class = true;
                out.push('[');
                // `[^]` is any character and `[]` none: neither parses in Rust.
                match (chars.get(i), chars.get(i + 1)) {
                    (Some('^'), Some(']')) => {
                        out.truncate(out.len() - 1);
                        out.push_str("[\\s\\S]");
                        (in_class, i) = (false, i + 2);
                    }
                    (Some(']'), _) => {
                        out.truncate(out.len() - 1);
                        out.push_str("[^\\s\\S]");
                        (in_class, i) = (false, i + 1);
                    }
                    (Some('^'), _) => {
                        out.push('^');
                        i += 1;
                    }
                    _ => {}
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '.' if !in_class => out.push_str("[^\\n\\r\\u{2028}\\u{2029}]"),
            '{' if !in_class && !quantifier_at(&chars, i) => out.push_str("\\{"),
            '}' if !in_class && !closes_quantifier(&out) => out.push_str("\\}"),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Whether `{` just read (the next character is at `at`) opens a quantifier: `{n}`, `{n,}`,
/// `{n,m}`.
fn quantifier_at(chars: &[char], at: usize) -> bool {
    let rest = &chars[at..];
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    match rest.get(digits) {
        Some('}') => true,
        Some(',') => {
            let more = rest[digits + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            rest.get(digits + 1 + more) == Some(&'}')
        }
        _ => false,
    }
}

/// Whether a `}` closes the quantifier `out` ends inside.
fn closes_quantifier(out: &str) -> bool {
    let open = out.rfind('{');
    open.is_some_and(|at| !out[..at].ends_with('\\') && out[at + 1..].chars().all(|c| c.is_ascii_digit() || c == ','))
}

/// Translates the escape whose letter is at `at` (just after the backslash); returns where
/// the pattern goes on.
fn escape(chars: &[char], at: usize, in_class: bool, out: &mut String) -> Result<usize, String> {
    let Some(&letter) = chars.get(at) else { return Err("the pattern ends with a lone backslash".into()) };
    let class = |out: &mut String, set: &str, negated: bool| match (in_class, negated) {
        (true, false) => out.push_str(set),
        (_, true) => {
            let _ = write!(out, "[^{set}]");
        }
        (false, false) => {
            let _ = write!(out, "[{set}]");
        }
    };
    match letter {
        'd' | 'D' => class(out, "0-9", letter == 'D'),
        'w' | 'W' => class(out, "0-9A-Za-z_", letter == 'W'),
        // Rust's `\b` is Unicode-wide and fancy-regex has no inline ASCII mode: look around.
        'b' if !in_class => out.push_str("(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))"),
        'B' if !in_class => out.push_str("(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))"),
        // In a class, `\b` is a backspace.
        'b' => out.push_str("\\x08"),
        'u' => return unicode_escape(chars, at + 1, in_class, out),
        'p' | 'P' => return property(chars, at + 1, letter == 'P', in_class, out),
        'c' => {
            let Some(control) = chars.get(at + 1).filter(|c| c.is_ascii_alphabetic()) else {
                return Err("\\c is not followed by a letter".into());
            };
            let _ = write!(out, "\\x{{{:x}}}", u32::from(*control) % 32);
            return Ok(at + 2);
        }
        // `\0` is NUL; Annex B reads `\0` to `\377` with more digits as octal.
        '0'..='7' if letter == '0' || in_class => {
            let digits = chars[at..].iter().take(3).take_while(|c| ('0'..='7').contains(*c)).count();
            let text: String = chars[at..at + digits].iter().collect();
            let (code, digits) = match u32::from_str_radix(&text, 8) {
                Ok(code) if code <= 0o377 => (code, digits),
                _ => (u32::from_str_radix(&text[..2], 8).unwrap_or_default(), 2),
            };
            let _ = write!(out, "\\x{{{code:x}}}");
            return Ok(at + digits);
        }
        // ECMA-262 escapes any punctuation; Rust accepts that too, and `/` needs none.
        '/' => out.push('/'),
        other => {
            out.push('\\');
            out.push(other);
        }
    }
    Ok(at + 1)
}

/// `\uXXXX` (the four digits start at `at`): a surrogate pair becomes its character; a lone
/// surrogate in a class stands for the characters beyond the Basic Multilingual Plane.
fn unicode_escape(chars: &[char], at: usize, in_class: bool, out: &mut String) -> Result<usize, String> {
    if chars.get(at) == Some(&'{') {
        // `\u{...}` (the `u` flag's form) reads the same in Rust.
        out.push_str("\\u");
        return Ok(at);
    }
    let unit = hex4(chars, at).ok_or("\\u is not followed by four hexadecimal digits")?;
    let mut next = at + 4;
    let code = match unit {
        0xd800..=0xdbff => match (chars.get(next), chars.get(next + 1), hex4(chars, next + 2)) {
            (Some('\\'), Some('u'), Some(low @ 0xdc00..=0xdfff)) => {
                next += 6;
                Some(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))
            }
            _ => None,
        },
        0xdc00..=0xdfff => None,
        unit => Some(unit),
    };
    match code {
        Some(code) => {
            let _ = write!(out, "\\x{{{code:x}}}");
        }
        None if in_class => {
            // A lone surrogate, or a range that starts or ends at one: the astral plane.
            out.push_str("\\x{10000}-\\x{10ffff}");
            if chars.get(next) == Some(&'-') && chars.get(next + 1) == Some(&'\\') {
                // Swallow the range's other end: it only restates the astral plane too.
                if chars.get(next + 2) == Some(&'u')
                    && hex4(chars, next + 3).is_some_and(|u| (0xd800..=0xdfff).contains(&u))
                {
                    next += 7;
                }
            }
        }
        None => return Err(format!("\\u{unit:04X} is a lone surrogate, which matches no character of a string")),
    }
    Ok(next)
}

fn hex4(chars: &[char], at: usize) -> Option<u32> {
    let digits: String = chars.get(at..at + 4)?.iter().collect();
    (digits.len() == 4).then(|| u32::from_str_radix(&digits, 16).ok()).flatten()
}

/// `\p{Name}` or `\P{Name}` (the brace at `at`): Java's POSIX classes as Java reads them,
/// anything else (Unicode properties) as the engine reads it.
fn property(chars: &[char], at: usize, negated: bool, in_class: bool, out: &mut String) -> Result<usize, String> {
    let close = chars[at..].iter().position(|&c| c == '}').filter(|_| chars.get(at) == Some(&'{'));
    let Some(close) = close else { return Err("\\p is not followed by {Name}".into()) };
    let name: String = chars[at + 1..at + close].iter().collect();
    let posix = match name.as_str() {
        "Lower" => "a-z",
        "Upper" => "A-Z",
        "ASCII" => "\\x00-\\x7f",
        "Alpha" => "a-zA-Z",
        "Digit" => "0-9",
        "Alnum" => "a-zA-Z0-9",
        "Punct" => "!-/:-@\\[-`{-~",
        "Graph" => "!-~",
        "Print" => " -~",
        "Blank" => " \\t",
        "Cntrl" => "\\x00-\\x1f\\x7f",
        "XDigit" => "0-9a-fA-F",
        "Space" => " \\t\\n\\x0b\\x0c\\r",
        _ => {
            out.push_str(if negated { "\\P{" } else { "\\p{" });
            out.push_str(&name);
            out.push('}');
            return Ok(at + close + 1);
        }
    };
    match (in_class, negated) {
        (true, false) => out.push_str(posix),
        (_, true) => {
            let _ = write!(out, "[^{posix}]");
        }
        (false, false) => {
            let _ = write!(out, "[{posix}]");
        }
    }
    Ok(at + close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> Result<bool, String> {
        Ok(is_match(&compile(pattern).map_err(|e| format!("{pattern}: {e}"))?, text))
    }

    fn refusal(pattern: &str) -> String {
        compile(pattern).err().unwrap_or_default()
    }

    #[test]
    fn classes_are_ascii_as_in_ecma_262() -> Result<(), String> {
        assert!(matches("^\\d+$", "0123456789")?);
        assert!(!matches("^\\d+$", "١٢٣")?, "Arabic-Indic digits are no \\d");
        assert!(!matches("^\\w+$", "é")?);
        assert!(matches("^[\\w-]+$", "a_b-9")?);
        assert!(matches("^\\D$", "é")?);
        assert!(!matches("^[\\d]$", "٣")?);
        assert!(matches("a\\b", "a é")?, "é is no word character to ECMA-262");
        Ok(())
    }

    #[test]
    fn a_dot_stops_at_every_line_terminator() -> Result<(), String> {
        assert!(matches("^.$", "é")?);
        for terminator in ["\n", "\r", "\u{2028}", "\u{2029}"] {
            assert!(!matches("^.$", terminator)?, "{terminator:?}");
        }
        Ok(())
    }

    #[test]
    fn surrogate_pairs_name_the_characters_beyond_the_basic_plane() -> Result<(), String> {
        let aws = "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*$";
        assert!(matches(aws, "plain text, émoji 😀 and\ttabs")?);
        assert!(!matches(aws, "\u{1}")?);
        assert!(matches("^\\uD83D\\uDE00$", "😀")?);
        let misordered = "^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t]*$";
        assert!(matches(misordered, "a😀")?);
        assert!(refusal("^\\uD800$").contains("lone surrogate"));
        Ok(())
    }

    #[test]
    fn look_around_and_back_references_are_matched() -> Result<(), String> {
        assert!(!matches("^(?!aws:)[a-z:]+$", "aws:tag")?);
        assert!(matches("^(?!aws:)[a-z:]+$", "mine:tag")?);
        assert!(!matches("^(?!\\s*$).+", "   ")?);
        assert!(matches("^(a)\\1$", "aa")?);
        Ok(())
    }

    #[test]
    fn java_posix_classes_are_read_as_java_reads_them() -> Result<(), String> {
        assert!(matches("^\\p{Alnum}+$", "abc123")?);
        assert!(!matches("^\\p{Alnum}+$", "é")?);
        assert!(matches("^[\\p{Graph}\\x20]*$", "a b!~")?);
        assert!(!matches("^\\p{Print}+$", "\t")?);
        assert!(matches("^\\P{Digit}$", "x")?);
        assert!(matches("^\\p{L}+$", "émoji")?, "Unicode properties stay");
        Ok(())
    }

    #[test]
    fn literal_braces_brackets_and_set_operators_stay_literal() -> Result<(), String> {
        assert!(matches("^\\$\\{[a-z]+}$", "${abc}")?);
        assert!(matches("^a{2}$", "aa")?);
        assert!(matches("^a{1,}b{,}$", "aab{,}")?);
        assert!(matches("^[[a]+$", "[a[")?);
        assert!(matches("^[a&&b]+$", "a&b")?);
        assert!(matches("^[^]$", "\n")?);
        assert!(!matches("[]", "a")?);
        assert!(matches("^a\\/b$", "a/b")?);
        assert!(matches("^[\\w-.~]+$", "a-.~")?, "a `-` after a class escape is literal");
        assert!(!matches("^[\\w-.~]+$", "/")?);
        assert!(matches("^[\\p{L}\\s-_]+$", "a -_")?);
        assert!(matches("^[^/:|\\000-\\037]+$", "abc")?, "octal escapes");
        assert!(!matches("^[^/:|\\000-\\037]+$", "a\u{1f}")?);
        assert!(matches("^a\\0$", "a\0")?);
        Ok(())
    }

    #[test]
    fn catastrophic_patterns_stay_linear_or_give_up() -> Result<(), String> {
        let input = format!("{}!", "0".repeat(10_000));
        assert!(!matches("^([0-9]+)+$", &input)?);
        assert!(!matches("^(?=.)([0-9]+)+$", &input)?, "the backtracker gives up, not hangs");
        Ok(())
    }

    #[test]
    fn what_cannot_be_compiled_says_why() -> Result<(), String> {
        let error = refusal("\\p{NoSuchProperty}");
        assert!(error.contains("Unicode property not found"), "{error}");
        assert!(refusal("a\\").contains("lone backslash"));
        assert!(compile("(").is_err());
        Ok(())
    }
}
