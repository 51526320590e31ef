//! Facet checks called by the `validate()` methods of generated restricted
//! simple types. One static description per type, checked generically, so
//! that the generated code stays one line per facet kind.

use std::borrow::Cow;
use std::fmt::Display;
use std::sync::OnceLock;

use super::pattern::Pattern;
use super::{
    Base64Binary, Date, DateTime, Decimal, Duration, GDay, GMonth, GMonthDay, GYear, GYearMonth,
    HexBinary, Integer, QName, Time,
};
use crate::xml::ValueError;

/// Length, pattern and digit facets of a restricted simple type, meant to
/// live in a `static` (patterns compile on first use).
pub struct LexicalFacets {
    length: Option<usize>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    /// One entry per derivation step (alternatives ORed); every step must match.
    pattern_steps: &'static [&'static [&'static str]],
    total_digits: Option<u32>,
    fraction_digits: Option<u32>,
    patterns: OnceLock<Vec<Pattern>>,
}

impl LexicalFacets {
    pub const fn new(
        length: Option<usize>,
        min_length: Option<usize>,
        max_length: Option<usize>,
        pattern_steps: &'static [&'static [&'static str]],
        total_digits: Option<u32>,
        fraction_digits: Option<u32>,
    ) -> Self {
        LexicalFacets {
            length,
            min_length,
            max_length,
            pattern_steps,
            total_digits,
            fraction_digits,
            patterns: OnceLock::new(),
        }
    }

    pub fn check<T: FacetValue + ?Sized>(&self, v: &T) -> Result<(), ValueError> {
        let lexical = v.lexical();
        if self.length.is_some() || self.min_length.is_some() || self.max_length.is_some() {
            let len = v.facet_length();
            let fail = |what: String| Err(ValueError::new(&lexical, what));
            if let Some(l) = self.length {
                if len != l {
                    return fail(format!("length {l}"));
                }
            }
            if let Some(l) = self.min_length {
                if len < l {
                    return fail(format!("length >= {l}"));
                }
            }
            if let Some(l) = self.max_length {
                if len > l {
                    return fail(format!("length <= {l}"));
                }
            }
        }
        let patterns = self
            .patterns
            .get_or_init(|| self.pattern_steps.iter().map(|s| Pattern::new(s)).collect());
        for p in patterns {
            if !p.is_match(&lexical) {
                return Err(ValueError::new(&lexical, format!("pattern {}", p.source())));
            }
        }
        if self.total_digits.is_some() || self.fraction_digits.is_some() {
            let body = lexical.trim_start_matches(['+', '-']);
            let (int, frac) = body.split_once('.').unwrap_or((body, ""));
            let int = int.trim_start_matches('0');
            let frac = frac.trim_end_matches('0');
            if let Some(t) = self.total_digits {
                if int.len() + frac.len() > t as usize {
                    return Err(ValueError::new(&lexical, format!("at most {t} digits")));
                }
            }
            if let Some(f) = self.fraction_digits {
                if frac.len() > f as usize {
                    return Err(ValueError::new(
                        &lexical,
                        format!("at most {f} fraction digits"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Checks `minInclusive`/`maxInclusive`/`minExclusive`/`maxExclusive` for a
/// value with a total order (bounds converted at generation time).
pub fn check_range<T: PartialOrd + Display>(
    v: &T,
    min_inclusive: Option<T>,
    max_inclusive: Option<T>,
    min_exclusive: Option<T>,
    max_exclusive: Option<T>,
) -> Result<(), ValueError> {
    let fail = |what: String| Err(ValueError::new(&v.to_string(), what));
    if let Some(m) = min_inclusive {
        if *v < m {
            return fail(format!(">= {m}"));
        }
    }
    if let Some(m) = max_inclusive {
        if *v > m {
            return fail(format!("<= {m}"));
        }
    }
    if let Some(m) = min_exclusive {
        if *v <= m {
            return fail(format!("> {m}"));
        }
    }
    if let Some(m) = max_exclusive {
        if *v >= m {
            return fail(format!("< {m}"));
        }
    }
    Ok(())
}

/// What facets see of a value: its lexical form and its facet length
/// (characters for strings, octets for binary, items for lists).
pub trait FacetValue {
    fn lexical(&self) -> Cow<'_, str>;
    fn facet_length(&self) -> usize {
        self.lexical().chars().count()
    }
}

impl FacetValue for String {
    fn lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl FacetValue for str {
    fn lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! display_facet {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn lexical(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
display_facet!(bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

macro_rules! str_facet {
    ($($t:ty),*) => {$(
        impl FacetValue for $t {
            fn lexical(&self) -> Cow<'_, str> {
                Cow::Borrowed(self.as_str())
            }
        }
    )*};
}
str_facet!(
    Decimal, Integer, DateTime, Date, Time, Duration, GYearMonth, GYear, GMonthDay, GDay, GMonth
);

impl FacetValue for Base64Binary {
    fn lexical(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{} octets", self.0.len()))
    }
    fn facet_length(&self) -> usize {
        self.0.len()
    }
}

impl FacetValue for HexBinary {
    fn lexical(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{} octets", self.0.len()))
    }
    fn facet_length(&self) -> usize {
        self.0.len()
    }
}

impl FacetValue for QName {
    fn lexical(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.local)
    }
}

impl<T: FacetValue> FacetValue for super::List<T> {
    fn lexical(&self) -> Cow<'_, str> {
        let parts: Vec<Cow<'_, str>> = self.0.iter().map(|v| v.lexical()).collect();
        Cow::Owned(parts.join(" "))
    }
    fn facet_length(&self) -> usize {
        self.0.len()
    }
}
