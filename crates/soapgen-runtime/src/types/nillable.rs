//! [`Nillable`]: an element declared `nillable="true"`.

/// The value of a `nillable="true"` element: present with a value, or
/// present with `xsi:nil="true"`. Absence is expressed by the surrounding
/// `Option` (for `minOccurs="0"`), so `Option<Nillable<T>>` tells all three
/// apart: `None` (absent), `Some(Nil)`, `Some(Value(v))`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nillable<T> {
    Nil,
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, `None` when nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    pub fn into_option(self) -> Option<T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Nillable::Nil)
    }
}

impl<T> From<T> for Nillable<T> {
    fn from(v: T) -> Self {
        Nillable::Value(v)
    }
}
