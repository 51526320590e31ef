//! JSON callback bodies.
//!
//! A hand-written serde visitor instead of `serde_json::Value`, because
//! `Value`'s map would sort the fields (the workspace does not enable
//! `preserve_order`) and field order is part of what Copernica sends.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{truthy, DecodeError};
use crate::callbacks::event::{Action, CallbackEvent, Fields, ObjectKind};

pub(super) fn decode(body: &[u8], kind: ObjectKind) -> Result<CallbackEvent, DecodeError> {
    let raw: RawPayload = serde_json::from_slice(body).map_err(|e| DecodeError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let id = raw.id.ok_or(DecodeError::MissingMember("id"))?;
    let action_text = raw.action.ok_or(DecodeError::MissingMember("action"))?;
    let action = Action::parse(&action_text).ok_or(DecodeError::UnknownAction(action_text))?;
    Ok(CallbackEvent {
        kind,
        action,
        id,
        fields: raw.fields.unwrap_or_default(),
        updated: raw.updated,
        interests: raw.interests,
    })
}

#[derive(Default)]
struct RawPayload {
    id: Option<String>,
    action: Option<String>,
    fields: Option<Fields>,
    updated: Option<Fields>,
    interests: Option<Vec<String>>,
}

impl<'de> de::Deserialize<'de> for RawPayload {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PayloadVisitor)
    }
}

struct PayloadVisitor;

impl<'de> Visitor<'de> for PayloadVisitor {
    type Value = RawPayload;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a callback object with id, action and fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawPayload, A::Error> {
        let mut out = RawPayload::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => out.id = Some(map.next_value::<Scalar>()?.0),
                "action" => out.action = Some(map.next_value::<Scalar>()?.0),
                "fields" => out.fields = map.next_value::<Option<FieldsDe>>()?.map(|f| f.0),
                "updated" => out.updated = map.next_value::<Option<FieldsDe>>()?.map(|f| f.0),
                "interests" => {
                    out.interests = map.next_value::<Option<InterestsDe>>()?.map(|i| i.0)
                }
                // Unknown members are ignored (forward compatibility).
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A JSON scalar kept as text: string, number (its literal), bool, or null
/// (empty string). Arrays and objects are refused, as no documented member
/// that uses `Scalar` can hold one.
struct Scalar(String);

impl<'de> de::Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number, boolean or null")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(String::new()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar(String::new()))
    }
}

/// `fields` / `updated`: an object of name → scalar, kept in order. PHP's
/// `json_encode` writes an empty associative array as `[]`, so an empty
/// array is accepted as "no fields".
struct FieldsDe(Fields);

impl<'de> de::Deserialize<'de> for FieldsDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = FieldsDe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of field name to value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldsDe, A::Error> {
        let mut fields = Fields::new();
        while let Some((k, v)) = map.next_entry::<String, Scalar>()? {
            fields.insert(k, v.0);
        }
        Ok(FieldsDe(fields))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<FieldsDe, A::Error> {
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_type(
                de::Unexpected::Seq,
                &"an object of field name to value",
            ));
        }
        Ok(FieldsDe(Fields::new()))
    }
}

/// `interests`: an array of names, or (Marketing Suite form) an object of
/// name → 0/1/true/false of which the truthy names are kept.
struct InterestsDe(Vec<String>);

impl<'de> de::Deserialize<'de> for InterestsDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(InterestsVisitor)
    }
}

struct InterestsVisitor;

impl<'de> Visitor<'de> for InterestsVisitor {
    type Value = InterestsDe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of interest names or an object of name to flag")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<InterestsDe, A::Error> {
        let mut out = Vec::new();
        while let Some(name) = seq.next_element::<Scalar>()? {
            out.push(name.0);
        }
        Ok(InterestsDe(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InterestsDe, A::Error> {
        let mut out = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Scalar>()? {
            if truthy(&v.0) {
                out.push(k);
            }
        }
        Ok(InterestsDe(out))
    }
}
