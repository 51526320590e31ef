//! XSD builtin value types that have no faithful Rust builtin, and the
//! wrappers generated code uses for occurrence and nillability.
//!
//! Lexical types (decimal, integer, dates, durations) are *string-backed*:
//! they keep the lexical form exactly as read (timezone, precision, leading
//! zeros), validated on parse, so that read -> write is byte-identical.
//! Accessors parse components on demand.

mod binary;
mod facets;
mod lexical;
mod list;
mod nillable;
mod pattern;
mod qname;

pub use binary::{Base64Binary, HexBinary};
pub use facets::{check_range, FacetValue, LexicalFacets};
pub use lexical::{
    Date, DateTime, Decimal, Duration, GDay, GMonth, GMonthDay, GYear, GYearMonth, Integer, Time,
};
pub use list::List;
pub use nillable::Nillable;
pub use pattern::{xsd_regex_to_rust, Pattern};
pub use qname::QName;
