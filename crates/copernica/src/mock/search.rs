//! Requirement matching and paging, shared by every search/update-by-requirements method.

use std::cmp::Ordering;

use super::fault::MockFault;
use super::params::{Paging, Requirement};

/// Comparison operator of a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    /// `=` / `==` (the default).
    Eq,
    /// `!=` / `<>`.
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    /// SQL `LIKE`: `%` any run, `_` one character, `\` escapes.
    Like,
    /// SQL `NOT LIKE`.
    NotLike,
    /// Substring test (`contains`), a convenience some clients send.
    Contains,
}

impl Operator {
    /// Parses the operator text; empty means `=`.
    pub fn parse(text: &str) -> Result<Self, MockFault> {
        let norm = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        Ok(match norm.as_str() {
            "" | "=" | "==" => Operator::Eq,
            "!=" | "<>" => Operator::Ne,
            "<" => Operator::Lt,
            ">" => Operator::Gt,
            "<=" => Operator::Le,
            ">=" => Operator::Ge,
            "like" => Operator::Like,
            "not like" => Operator::NotLike,
            "contains" => Operator::Contains,
            _ => {
                return Err(MockFault::invalid(
                    "operator",
                    format!("unknown operator '{text}'"),
                ))
            }
        })
    }
}

/// A requirement whose field name was resolved to a column key `K` of the store.
#[derive(Clone, Debug)]
pub(crate) struct Compiled<K> {
    pub key: K,
    pub op: Operator,
    pub value: String,
    pub casesensitive: bool,
}

/// Resolves field names with `resolve`; unknown names are skipped, as the server does.
pub(crate) fn compile<K>(
    reqs: &[Requirement],
    mut resolve: impl FnMut(&str) -> Option<K>,
) -> Result<Vec<Compiled<K>>, MockFault> {
    let mut out = Vec::with_capacity(reqs.len());
    for r in reqs {
        let op = Operator::parse(&r.operator)?;
        if let Some(key) = resolve(&r.fieldname) {
            out.push(Compiled {
                key,
                op,
                value: r.value.clone(),
                casesensitive: r.casesensitive,
            });
        }
    }
    Ok(out)
}

/// True when `actual` satisfies one requirement.
pub(crate) fn matches(actual: &str, op: Operator, expected: &str, casesensitive: bool) -> bool {
    match op {
        Operator::Eq => compare(actual, expected, casesensitive) == Ordering::Equal,
        Operator::Ne => compare(actual, expected, casesensitive) != Ordering::Equal,
        Operator::Lt => compare(actual, expected, casesensitive) == Ordering::Less,
        Operator::Gt => compare(actual, expected, casesensitive) == Ordering::Greater,
        Operator::Le => compare(actual, expected, casesensitive) != Ordering::Greater,
        Operator::Ge => compare(actual, expected, casesensitive) != Ordering::Less,
        Operator::Like => like(actual, expected, casesensitive),
        Operator::NotLike => !like(actual, expected, casesensitive),
        Operator::Contains => {
            if casesensitive {
                actual.contains(expected)
            } else {
                actual.to_lowercase().contains(&expected.to_lowercase())
            }
        }
    }
}

/// Numeric comparison when both sides are numbers, else text (case-folded unless
/// `casesensitive`). Mirrors MySQL comparing numeric columns as numbers.
pub(crate) fn compare(a: &str, b: &str, casesensitive: bool) -> Ordering {
    if let (Ok(x), Ok(y)) = (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        return x.partial_cmp(&y).unwrap_or(Ordering::Equal);
    }
    if casesensitive {
        a.cmp(b)
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

/// SQL LIKE over chars.
fn like(text: &str, pattern: &str, casesensitive: bool) -> bool {
    let fold = |s: &str| -> Vec<char> {
        if casesensitive {
            s.chars().collect()
        } else {
            s.to_lowercase().chars().collect()
        }
    };
    let t = fold(text);
    // Tokenise the pattern so that escaped wildcards become literals.
    #[derive(Clone, Copy, PartialEq)]
    enum Tok {
        Any,
        One,
        Lit(char),
    }
    let mut toks = Vec::new();
    let mut chars = fold(pattern).into_iter();
    while let Some(c) = chars.next() {
        toks.push(match c {
            '%' => Tok::Any,
            '_' => Tok::One,
            '\\' => Tok::Lit(chars.next().unwrap_or('\\')),
            c => Tok::Lit(c),
        });
    }
    // Iterative wildcard matching with one backtrack point (linear for typical input).
    let (mut ti, mut pi) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match toks.get(pi) {
            Some(Tok::One) => {
                ti += 1;
                pi += 1;
            }
            Some(Tok::Lit(c)) if *c == t[ti] => {
                ti += 1;
                pi += 1;
            }
            Some(Tok::Any) => {
                star = Some((pi, ti));
                pi += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    toks[pi..].iter().all(|t| *t == Tok::Any)
}

/// Applies paging to an already filtered and ordered list: `(start, total, page)`.
pub(crate) fn page<T>(all: Vec<T>, paging: Paging) -> (usize, usize, Vec<T>) {
    let total = all.len();
    let start = paging.start.min(total);
    let page: Vec<T> = all.into_iter().skip(start).take(paging.length).collect();
    (start, total, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_compare_numbers_and_text() {
        assert!(matches("10", Operator::Gt, "9", false));
        assert!(!matches("10", Operator::Lt, "9", false));
        assert!(matches("Apple", Operator::Eq, "apple", false));
        assert!(!matches("Apple", Operator::Eq, "apple", true));
        assert!(matches("Apple", Operator::Ne, "Pear", false));
        assert!(matches("b", Operator::Ge, "B", false));
        assert!(matches(
            "zoe@example.com",
            Operator::Like,
            "%@EXAMPLE.%",
            false
        ));
        assert!(!matches(
            "zoe@example.com",
            Operator::Like,
            "%@EXAMPLE.%",
            true
        ));
        assert!(matches("a_c", Operator::Like, "a\\_c", false));
        assert!(!matches("abc", Operator::Like, "a\\_c", false));
        assert!(matches("abc", Operator::Like, "a_c", false));
        assert!(matches("abc", Operator::NotLike, "x%", false));
        assert!(matches("Hello World", Operator::Contains, "o w", false));
        assert!(Operator::parse("NOT   LIKE").is_ok());
        assert!(Operator::parse("~=").is_err());
    }
}
