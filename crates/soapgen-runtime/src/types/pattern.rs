//! XSD `pattern` facets: the XSD regex dialect translated to the `regex`
//! crate's, compiled once on first use.

use std::sync::OnceLock;

use regex::Regex;

/// The patterns of one derivation step (ORed, XSD 1.0 §4.3.4), implicitly
/// anchored at both ends. Compiled lazily; a pattern the translator cannot
/// express is reported by [`Pattern::is_match`] as matching (it cannot be
/// checked) and by [`Pattern::regex`] as `None`.
pub struct Pattern {
    alternatives: &'static [&'static str],
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(alternatives: &'static [&'static str]) -> Self {
        Pattern {
            alternatives,
            compiled: OnceLock::new(),
        }
    }

    /// The compiled, anchored regex (None if it could not be translated).
    pub fn regex(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| {
                let body: Vec<String> = self
                    .alternatives
                    .iter()
                    .map(|p| format!("(?:{})", xsd_regex_to_rust(p)))
                    .collect();
                Regex::new(&format!(r"\A(?:{})\z", body.join("|"))).ok()
            })
            .as_ref()
    }

    pub fn is_match(&self, s: &str) -> bool {
        self.regex().is_none_or(|r| r.is_match(s))
    }

    /// The patterns as written in the schema.
    pub fn source(&self) -> String {
        self.alternatives.join(" | ")
    }
}

/// Translates an XSD regular expression (XSD 1.0 Appendix F) into the
/// `regex` crate's syntax (without the anchoring, which the caller adds).
pub fn xsd_regex_to_rust(xsd: &str) -> String {
    let mut out = String::with_capacity(xsd.len() + 8);
    let chars: Vec<char> = xsd.chars().collect();
    let mut i = 0;
    let mut class_depth = 0usize;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&n) = chars.get(i + 1) else {
                    out.push_str(r"\\");
                    break;
                };
                i += 2;
                match n {
                    'i' => out.push_str(if class_depth > 0 {
                        r"_:\p{L}"
                    } else {
                        r"[_:\p{L}]"
                    }),
                    'I' => out.push_str(r"[^_:\p{L}]"),
                    'c' => out.push_str(if class_depth > 0 {
                        r"\-._:\p{L}\p{N}\p{M}"
                    } else {
                        r"[\-._:\p{L}\p{N}\p{M}]"
                    }),
                    'C' => out.push_str(r"[^\-._:\p{L}\p{N}\p{M}]"),
                    'p' | 'P' => {
                        // \p{IsBlock} (Unicode blocks) has no equivalent in
                        // `regex`: the common ones map to ranges, others to
                        // "any character" (documented leniency).
                        let end = chars[i..].iter().position(|&ch| ch == '}');
                        let name: String = match end {
                            Some(e) => chars[i + 1..i + e].iter().collect(),
                            None => String::new(),
                        };
                        i += end.map_or(0, |e| e + 1);
                        let neg = n == 'P';
                        if let Some(block) = name.strip_prefix("Is") {
                            let range = match block {
                                "BasicLatin" => r"\x00-\x7F",
                                "Latin-1Supplement" => r"\x80-\xFF",
                                "LatinExtended-A" => r"\x{100}-\x{17F}",
                                "LatinExtended-B" => r"\x{180}-\x{24F}",
                                "Greek" | "GreekandCoptic" => r"\x{370}-\x{3FF}",
                                "Cyrillic" => r"\x{400}-\x{4FF}",
                                _ => r"\x00-\x{10FFFF}",
                            };
                            if class_depth > 0 && !neg {
                                out.push_str(range);
                            } else {
                                out.push_str(if neg { "[^" } else { "[" });
                                out.push_str(range);
                                out.push(']');
                            }
                        } else {
                            out.push('\\');
                            out.push(n);
                            out.push('{');
                            out.push_str(&name);
                            out.push('}');
                        }
                    }
                    // Escapes with the same meaning in both dialects.
                    'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'n' | 'r' | 't' | '\\' | '|' | '.'
                    | '-' | '^' | '?' | '*' | '+' | '{' | '}' | '(' | ')' | '[' | ']' => {
                        out.push('\\');
                        out.push(n);
                    }
                    // Anything else escaped is taken literally.
                    other => {
                        out.push_str(&regex::escape(&other.to_string()));
                    }
                }
                continue;
            }
            '[' => {
                class_depth += 1;
                out.push('[');
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            // Character class subtraction: XSD `[a-z-[aeiou]]`, regex `[a-z--[aeiou]]`.
            '-' if class_depth > 0 && chars.get(i + 1) == Some(&'[') => out.push_str("--"),
            // `^` and `$` are ordinary characters in XSD (outside class starts).
            '^' if class_depth == 0 => out.push_str(r"\^"),
            '^' if class_depth > 0 && chars.get(i.wrapping_sub(1)) != Some(&'[') => {
                out.push_str(r"\^")
            }
            '$' => out.push_str(r"\$"),
            // XSD `.` excludes both line ends.
            '.' if class_depth == 0 => out.push_str(r"[^\n\r]"),
            '&' | '~' if class_depth > 0 => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_xsd_dialect() {
        let p = Pattern::new(&[r"\d{4}-\d{2}"]);
        assert!(p.is_match("2024-05"));
        assert!(!p.is_match("x2024-05"), "implicitly anchored");
        let p = Pattern::new(&[r"\i\c*"]);
        assert!(p.is_match("_a1.b"));
        assert!(!p.is_match("1a"));
        let p = Pattern::new(&[r"[a-z-[aeiou]]+"]);
        assert!(p.is_match("xyz"));
        assert!(!p.is_match("xaz"));
        let p = Pattern::new(&[r"\p{IsBasicLatin}+"]);
        assert!(p.is_match("abc"));
        assert!(!p.is_match("é"));
        let p = Pattern::new(&["a$", "b^"]);
        assert!(p.is_match("a$"));
        assert!(p.is_match("b^"));
        assert!(p.regex().is_some());
    }
}
