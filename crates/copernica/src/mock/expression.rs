//! Callback conditions: the subset of JavaScript that callback `expression`s use
//! (the documentation's example is `company == 'Apple'`), evaluated against the
//! (sub)profile's field values *after* the change (CALLBACKS.md §2).
//!
//! Grammar: `||`, `&&`, `!`, parentheses, comparisons `==` `===` `!=` `!==` `<` `>`
//! `<=` `>=` between field names, `'…'`/`"…"` strings, numbers and
//! `true`/`false`. Values compare as numbers when both sides are numbers, else as
//! text; a bare operand is true when non-empty and not `0`/`false`. Unknown names are
//! empty. Anything outside this subset cannot be judged here, so the callback fires
//! (*inferred*: sending too much is safer for a test double than silently
//! dropping).

use super::events::ChangeEvent;

/// True when a callback with `expression` fires for `event`.
pub fn fires(expression: Option<&str>, event: &ChangeEvent) -> bool {
    let Some(text) = expression.map(str::trim).filter(|t| !t.is_empty()) else {
        return true;
    };
    evaluate(text, &|name| {
        event
            .fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    })
    .unwrap_or(true)
}

/// Evaluates `text` with field values from `lookup`; `None` when it is outside the
/// supported subset.
pub fn evaluate(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Option<bool> {
    let tokens = tokenize(text)?;
    let mut p = Parser {
        tokens: &tokens,
        at: 0,
        lookup,
    };
    let v = p.or()?;
    (p.at == tokens.len()).then(|| truthy(&v))
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Num(String),
    Op(&'static str),
}

const OPS: [&str; 14] = [
    "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", ";",
];

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '\'' || c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i)? {
                    q if *q == c => break,
                    '\\' => {
                        s.push(*chars.get(i + 1)?);
                        i += 2;
                    }
                    other => {
                        s.push(*other);
                        i += 1;
                    }
                }
            }
            i += 1;
            out.push(Token::Str(s));
        } else if c.is_ascii_digit() || (c == '-' && chars.get(i + 1)?.is_ascii_digit()) {
            let start = i;
            i += 1;
            while chars
                .get(i)
                .is_some_and(|d| d.is_ascii_digit() || *d == '.')
            {
                i += 1;
            }
            out.push(Token::Num(chars[start..i].iter().collect()));
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while chars
                .get(i)
                .is_some_and(|d| d.is_alphanumeric() || matches!(d, '_' | '$'))
            {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let op = OPS.iter().find(|op| rest.starts_with(**op))?;
            i += op.len();
            // A trailing `;` ends the statement; anything after it is unsupported.
            if *op != ";" {
                out.push(Token::Op(op));
            } else if i < chars.len() && chars[i..].iter().any(|c| !c.is_whitespace()) {
                return None;
            }
        }
    }
    Some(out)
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

impl Parser<'_> {
    fn peek_op(&self, op: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Op(o)) if *o == op)
    }

    fn or(&mut self) -> Option<String> {
        let mut v = self.and()?;
        while self.peek_op("||") {
            self.at += 1;
            let rhs = self.and()?;
            v = bool_str(truthy(&v) || truthy(&rhs));
        }
        Some(v)
    }

    fn and(&mut self) -> Option<String> {
        let mut v = self.comparison()?;
        while self.peek_op("&&") {
            self.at += 1;
            let rhs = self.comparison()?;
            v = bool_str(truthy(&v) && truthy(&rhs));
        }
        Some(v)
    }

    fn comparison(&mut self) -> Option<String> {
        let lhs = self.unary()?;
        let Some(Token::Op(op)) = self.tokens.get(self.at) else {
            return Some(lhs);
        };
        let op = *op;
        if !matches!(op, "==" | "===" | "!=" | "!==" | "<" | ">" | "<=" | ">=") {
            return Some(lhs);
        }
        self.at += 1;
        let rhs = self.unary()?;
        let ord = match (lhs.trim().parse::<f64>(), rhs.trim().parse::<f64>()) {
            (Ok(a), Ok(b)) => a.partial_cmp(&b)?,
            _ => lhs.cmp(&rhs),
        };
        use std::cmp::Ordering::*;
        let result = match op {
            "==" | "===" => ord == Equal,
            "!=" | "!==" => ord != Equal,
            "<" => ord == Less,
            ">" => ord == Greater,
            "<=" => ord != Greater,
            _ => ord != Less,
        };
        Some(bool_str(result))
    }

    fn unary(&mut self) -> Option<String> {
        let token = self.tokens.get(self.at)?.clone();
        self.at += 1;
        match token {
            Token::Op("!") => {
                let v = self.unary()?;
                Some(bool_str(!truthy(&v)))
            }
            Token::Op("(") => {
                let v = self.or()?;
                if !self.peek_op(")") {
                    return None;
                }
                self.at += 1;
                Some(v)
            }
            Token::Str(s) | Token::Num(s) => Some(s),
            Token::Ident(name) => match name.as_str() {
                "true" | "false" => Some(name),
                _ => Some((self.lookup)(&name).unwrap_or_default()),
            },
            Token::Op(_) => None,
        }
    }
}

fn bool_str(b: bool) -> String {
    if b { "true" } else { "false" }.to_owned()
}

fn truthy(v: &str) -> bool {
    !(v.is_empty() || v == "0" || v == "false")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str) -> Option<bool> {
        evaluate(text, &|name| match name {
            "company" => Some("Apple".to_owned()),
            "age" => Some("42".to_owned()),
            "empty" => Some(String::new()),
            _ => None,
        })
    }

    #[test]
    fn documented_example_and_friends() {
        assert_eq!(eval("company == 'Apple'"), Some(true));
        assert_eq!(eval("company == \"Microsoft\""), Some(false));
        assert_eq!(eval("company != 'Microsoft' && age >= 18"), Some(true));
        assert_eq!(eval("age < 9 || (company === 'Apple')"), Some(true));
        assert_eq!(eval("!empty"), Some(true));
        assert_eq!(eval("age > 100;"), Some(false));
        assert_eq!(eval("unknown == ''"), Some(true));
    }

    #[test]
    fn unsupported_syntax_is_none() {
        assert_eq!(eval("company.indexOf('A') == 0"), None);
        assert_eq!(eval("company == 'Apple"), None);
        assert_eq!(eval("(company == 'Apple'"), None);
        assert_eq!(eval("a = 1; b"), None);
    }
}
