//! [`List`]: an `xs:list` value (whitespace-separated items).

use crate::xml::{SimpleType, ValueError, XmlReader, XmlWriter};

/// The value of an `xs:list` simple type. A newtype (not a bare `Vec`)
/// because a `Vec` field means a repeated element in generated code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct List<T>(pub Vec<T>);

impl<T: SimpleType> SimpleType for List<T> {
    fn parse_text(text: &str, r: &XmlReader<'_>) -> Result<Self, ValueError> {
        text.split_ascii_whitespace()
            .map(|item| T::parse_text(item, r))
            .collect::<Result<Vec<_>, _>>()
            .map(List)
    }
    fn write_text(&self, w: &mut XmlWriter) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                w.raw(" ");
            }
            item.write_text(w);
        }
    }
    fn declare_ns(&self, w: &mut XmlWriter) {
        for item in &self.0 {
            item.declare_ns(w);
        }
    }
}

impl<T: SimpleType> crate::xml::XmlRead for List<T> {
    fn read_xml(
        r: &mut XmlReader<'_>,
        _start: &crate::xml::BytesStart<'_>,
    ) -> Result<Self, crate::xml::Error> {
        r.read_simple()
    }
}

impl<T: SimpleType> crate::xml::XmlWrite for List<T> {
    fn write_xml(&self, w: &mut XmlWriter, name: crate::xml::Name) {
        w.simple_element(name, self)
    }
}
