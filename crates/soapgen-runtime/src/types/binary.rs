//! `xs:base64Binary` and `xs:hexBinary` as byte vectors.

use base64::Engine as _;

use crate::xml::{SimpleType, ValueError, XmlReader, XmlWriter};

/// `xs:base64Binary`: decoded bytes (whitespace in the lexical form ignored).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Base64Binary(pub Vec<u8>);

/// `xs:hexBinary`: decoded bytes (written in upper case, as canonical).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct HexBinary(pub Vec<u8>);

impl SimpleType for Base64Binary {
    fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
        let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(&compact)
            .map(Base64Binary)
            .map_err(|_| ValueError::new(text, "xs:base64Binary"))
    }
    fn write_text(&self, w: &mut XmlWriter) {
        w.raw(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl SimpleType for HexBinary {
    fn parse_text(text: &str, _r: &XmlReader<'_>) -> Result<Self, ValueError> {
        let t = text.trim().as_bytes();
        if !t.len().is_multiple_of(2) {
            return Err(ValueError::new(text, "xs:hexBinary"));
        }
        let nibble = |b: u8| (b as char).to_digit(16);
        t.chunks(2)
            .map(|p| match (nibble(p[0]), nibble(p[1])) {
                (Some(h), Some(l)) => Ok((h * 16 + l) as u8),
                _ => Err(ValueError::new(text, "xs:hexBinary")),
            })
            .collect::<Result<Vec<u8>, _>>()
            .map(HexBinary)
    }
    fn write_text(&self, w: &mut XmlWriter) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut s = String::with_capacity(self.0.len() * 2);
        for b in &self.0 {
            s.push(HEX[(b >> 4) as usize] as char);
            s.push(HEX[(b & 15) as usize] as char);
        }
        w.raw(&s)
    }
}

crate::simple_xml!(Base64Binary, HexBinary);
