//! The traits generated types implement, and their impls for Rust builtins
//! and for the wrappers that encode occurrence (`Option`, `Vec`, `Box`,
//! [`Nillable`]).

use quick_xml::events::BytesStart;

use super::error::{Error, ValueError};
use super::reader::XmlReader;
use super::writer::{Name, XmlWriter};
use crate::types::Nillable;

/// A value read from one XML element.
pub trait XmlRead: Sized {
    /// Reads the element whose start tag `start` was just consumed, up to and
    /// including its end tag.
    fn read_xml(r: &mut XmlReader<'_>, start: &BytesStart<'_>) -> Result<Self, Error>;
}

/// A value written as one XML element (or, for `Option`/`Vec`, zero or more).
pub trait XmlWrite {
    fn write_xml(&self, w: &mut XmlWriter, name: Name);
}

/// A model group (nested sequence/choice) read inline from its parent's
/// children: reads as many children as belong to it, starting at the
/// peeked one. `None` when the peeked child does not start this group.
pub trait GroupRead: Sized {
    fn read_group(r: &mut XmlReader<'_>) -> Result<Option<Self>, Error>;
}

/// A model group (nested sequence/choice) written inline into its parent.
pub trait GroupWrite {
    fn write_group(&self, w: &mut XmlWriter);
}

/// An XSD simple type: parsed from and written as text.
pub trait SimpleType: Sized {
    /// Parses the lexical form. `r` resolves namespace prefixes (QName).
    fn parse_text(text: &str, r: &XmlReader<'_>) -> Result<Self, ValueError>;
    /// Appends the lexical form (escaped) to the writer.
    fn write_text(&self, w: &mut XmlWriter);
    /// Declares the namespaces the lexical form needs (QName values); called
    /// while the start tag is still open.
    fn declare_ns(&self, _w: &mut XmlWriter) {}
}

/// Where a reader puts the values of one member while reading: `Option`
/// (takes one value) or `Vec` (takes any number). Generated readers hand
/// their slots to [`XmlReader::put`] and friends, so that the per-field code
/// is one match arm.
pub trait Slot {
    type Item;
    /// Whether one more value fits.
    fn accepts(&self) -> bool;
    fn push_item(&mut self, v: Self::Item);
}

impl<T> Slot for Option<T> {
    type Item = T;
    #[inline]
    fn accepts(&self) -> bool {
        self.is_none()
    }
    #[inline]
    fn push_item(&mut self, v: T) {
        *self = Some(v);
    }
}

impl<T> Slot for Vec<T> {
    type Item = T;
    #[inline]
    fn accepts(&self) -> bool {
        true
    }
    #[inline]
    fn push_item(&mut self, v: T) {
        self.push(v);
    }
}

/// Implements [`XmlRead`] and [`XmlWrite`] for types implementing
/// [`SimpleType`] (element with text content).
#[macro_export]
macro_rules! simple_xml {
    ($($t:ty),* $(,)?) => {$(
        impl $crate::xml::XmlRead for $t {
            fn read_xml(
                r: &mut $crate::xml::XmlReader<'_>,
                _start: &$crate::xml::BytesStart<'_>,
            ) -> ::core::result::Result<Self, $crate::xml::Error> {
                r.read_simple()
            }
        }
        impl $crate::xml::XmlWrite for $t {
            fn write_xml(&self, w: &mut $crate::xml::XmlWriter, name: $crate::xml::Name) {
                w.simple_element(name, self)
            }
        }
    )*};
}

impl<T: XmlRead> XmlRead for Box<T> {
    fn read_xml(r: &mut XmlReader<'_>, start: &BytesStart<'_>) -> Result<Self, Error> {
        T::read_xml(r, start).map(Box::new)
    }
}

impl<T: XmlRead> XmlRead for Nillable<T> {
    fn read_xml(r: &mut XmlReader<'_>, start: &BytesStart<'_>) -> Result<Self, Error> {
        if r.is_nil(start)? {
            r.skip_rest()?;
            return Ok(Nillable::Nil);
        }
        T::read_xml(r, start).map(Nillable::Value)
    }
}

impl<T: XmlWrite + ?Sized> XmlWrite for Box<T> {
    fn write_xml(&self, w: &mut XmlWriter, name: Name) {
        (**self).write_xml(w, name)
    }
}

impl<T: XmlWrite> XmlWrite for Option<T> {
    fn write_xml(&self, w: &mut XmlWriter, name: Name) {
        if let Some(v) = self {
            v.write_xml(w, name)
        }
    }
}

impl<T: XmlWrite> XmlWrite for Vec<T> {
    fn write_xml(&self, w: &mut XmlWriter, name: Name) {
        for v in self {
            v.write_xml(w, name)
        }
    }
}

impl<T: XmlWrite> XmlWrite for Nillable<T> {
    fn write_xml(&self, w: &mut XmlWriter, name: Name) {
        match self {
            Nillable::Value(v) => v.write_xml(w, name),
            Nillable::Nil => w.nil_element(name),
        }
    }
}

impl<T: GroupWrite + ?Sized> GroupWrite for Box<T> {
    fn write_group(&self, w: &mut XmlWriter) {
        (**self).write_group(w)
    }
}

impl<T: GroupWrite> GroupWrite for Option<T> {
    fn write_group(&self, w: &mut XmlWriter) {
        if let Some(v) = self {
            v.write_group(w)
        }
    }
}

impl<T: GroupWrite> GroupWrite for Vec<T> {
    fn write_group(&self, w: &mut XmlWriter) {
        for v in self {
            v.write_group(w)
        }
    }
}

// ---------------------------------------------------------------------------
// Builtin Rust types
// ---------------------------------------------------------------------------

impl SimpleType for String {
    fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
        Ok(text.to_string())
    }
    fn write_text(&self, w: &mut XmlWriter) {
        w.text(self)
    }
}

impl SimpleType for bool {
    fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
        match text.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(ValueError::new(text, "xs:boolean")),
        }
    }
    fn write_text(&self, w: &mut XmlWriter) {
        w.raw(if *self { "true" } else { "false" })
    }
}

macro_rules! int_simple {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleType for $t {
            fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
                let t = text.trim();
                // XSD allows a leading '+', which Rust's parser accepts too.
                t.parse().map_err(|_| ValueError::new(text, $xsd))
            }
            fn write_text(&self, w: &mut XmlWriter) {
                w.display(self)
            }
        }
    )*};
}
int_simple!(i8 => "xs:byte", i16 => "xs:short", i32 => "xs:int", i64 => "xs:long",
    u8 => "xs:unsignedByte", u16 => "xs:unsignedShort", u32 => "xs:unsignedInt",
    u64 => "xs:unsignedLong");

macro_rules! float_simple {
    ($($t:ty => $xsd:literal),*) => {$(
        impl SimpleType for $t {
            fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
                match text.trim() {
                    "INF" | "+INF" => Ok(<$t>::INFINITY),
                    "-INF" => Ok(<$t>::NEG_INFINITY),
                    "NaN" => Ok(<$t>::NAN),
                    // Rust accepts "inf"/"nan" spellings that XSD does not.
                    t if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => {
                        Err(ValueError::new(text, $xsd))
                    }
                    t => t.parse().map_err(|_| ValueError::new(text, $xsd)),
                }
            }
            fn write_text(&self, w: &mut XmlWriter) {
                if self.is_nan() {
                    w.raw("NaN")
                } else if self.is_infinite() {
                    w.raw(if *self > 0.0 { "INF" } else { "-INF" })
                } else {
                    // Rust's Display is the shortest round-tripping form.
                    w.display(self)
                }
            }
        }
    )*};
}
float_simple!(f32 => "xs:float", f64 => "xs:double");

crate::simple_xml!(String, bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);
