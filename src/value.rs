//! A small serde data model used for finder keys and change detection.
//!
//! terrace depends on serde only, so it carries its own serializer: every
//! aggregate is turned into a [`Value`] when it is loaded and again at commit;
//! the unit of work writes the aggregates whose value changed. Finder keys are
//! values too, rendered to canonical JSON text by [`Value`]'s `Display`.

use core::fmt;

use serde::ser::{self, Serialize};

/// A serialized value, shaped like JSON.
///
/// Integers of every width become [`Value::Int`], so a key written as `7u32`
/// equals one written as `7i64`; `None` and `()` become [`Value::Null`];
/// newtype structs are transparent; enums are externally tagged.
///
/// ```
/// use terrace::{to_value, Value};
///
/// #[derive(serde::Serialize)]
/// struct Sku(String);
///
/// assert_eq!(to_value(&Sku("LAMP".into())).unwrap(), Value::Str("LAMP".into()));
/// assert_eq!(to_value(&7u8).unwrap(), to_value(&7i64).unwrap());
/// assert_eq!(to_value(&("a", 1)).unwrap().to_string(), r#"["a",1]"#);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `None`, `()` and unit structs.
    Null,
    /// A boolean.
    Bool(bool),
    /// Any integer.
    Int(i128),
    /// A floating point number.
    Float(f64),
    /// A string or a char.
    Str(String),
    /// A byte string.
    Bytes(Vec<u8>),
    /// A sequence, tuple or tuple struct.
    Seq(Vec<Value>),
    /// A map or struct, in serialization order.
    Map(Vec<(Value, Value)>),
}

/// Serializes `value` into a [`Value`].
///
/// # Errors
///
/// Returns [`Error::Serialization`](crate::Error::Serialization) when the
/// value's `Serialize` implementation fails.
///
/// ```
/// let key = terrace::to_value(&"batch-001").unwrap();
/// assert_eq!(key.to_string(), r#""batch-001""#);
/// ```
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, crate::Error> {
    value
        .serialize(ValueSerializer)
        .map_err(|SerError(message)| crate::Error::Serialization(message))
}

impl fmt::Display for Value {
    /// Canonical JSON text: the same value always renders the same way.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) if x.is_finite() => write!(f, "{x:?}"),
            Value::Float(_) => f.write_str("null"),
            Value::Str(s) => write_str(f, s),
            Value::Bytes(bytes) => {
                f.write_str("[")?;
                for (i, b) in bytes.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{b}")?;
                }
                f.write_str("]")
            }
            Value::Seq(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Map(entries) => {
                f.write_str("{")?;
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    match k {
                        Value::Str(s) => write_str(f, s)?,
                        other => write_str(f, &other.to_string())?,
                    }
                    write!(f, ":{v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

fn write_str(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    // Runs of characters that need no escape are written whole: keys and
    // ids are rendered on every lookup.
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        f.write_str(&s[run..i])?;
        if escape.is_empty() {
            write!(f, "\\u{:04x}", c as u32)?;
        } else {
            f.write_str(escape)?;
        }
        // Every escaped character is ASCII: one byte.
        run = i + 1;
    }
    f.write_str(&s[run..])?;
    f.write_str("\"")
}

#[derive(Debug)]
struct SerError(String);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

struct ValueSerializer;

type R = Result<Value, SerError>;

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = SerError;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    fn serialize_bool(self, v: bool) -> R {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_i128(self, v: i128) -> R {
        Ok(Value::Int(v))
    }
    fn serialize_u8(self, v: u8) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(Value::Int(v.into()))
    }
    fn serialize_u128(self, v: u128) -> R {
        i128::try_from(v)
            .map(Value::Int)
            .map_err(|_| SerError("u128 value out of range".into()))
    }
    fn serialize_f32(self, v: f32) -> R {
        Ok(Value::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> R {
        Ok(Value::Float(v))
    }
    fn serialize_char(self, v: char) -> R {
        Ok(Value::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Value::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(Value::Bytes(v.to_vec()))
    }
    fn serialize_none(self) -> R {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> R {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> R {
        Ok(Value::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        Ok(Value::Map(vec![(
            Value::Str(variant.to_owned()),
            value.serialize(ValueSerializer)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound, SerError> {
        Ok(Compound::seq(None, len.unwrap_or(0)))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound, SerError> {
        Ok(Compound::seq(None, len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound, SerError> {
        Ok(Compound::seq(None, len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound, SerError> {
        Ok(Compound::seq(Some(variant), len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound, SerError> {
        Ok(Compound::map(None, len.unwrap_or(0)))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound, SerError> {
        Ok(Compound::map(None, len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound, SerError> {
        Ok(Compound::map(Some(variant), len))
    }
}

struct Compound {
    variant: Option<&'static str>,
    items: Vec<Value>,
    entries: Vec<(Value, Value)>,
    key: Option<Value>,
    is_map: bool,
}

impl Compound {
    fn seq(variant: Option<&'static str>, len: usize) -> Self {
        Compound {
            variant,
            items: Vec::with_capacity(len),
            entries: Vec::new(),
            key: None,
            is_map: false,
        }
    }

    fn map(variant: Option<&'static str>, len: usize) -> Self {
        Compound {
            variant,
            items: Vec::new(),
            entries: Vec::with_capacity(len),
            key: None,
            is_map: true,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.items.push(value.serialize(ValueSerializer)?);
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let value = value.serialize(ValueSerializer)?;
        self.entries.push((Value::Str(key.to_owned()), value));
        Ok(())
    }

    fn finish(self) -> R {
        let inner = if self.is_map {
            Value::Map(self.entries)
        } else {
            Value::Seq(self.items)
        };
        Ok(match self.variant {
            Some(variant) => Value::Map(vec![(Value::Str(variant.to_owned()), inner)]),
            None => inner,
        })
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeMap for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(ValueSerializer)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| SerError("map value serialized before its key".into()))?;
        self.entries.push((key, value.serialize(ValueSerializer)?));
        Ok(())
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.field(key, value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = Value;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.field(key, value)
    }
    fn end(self) -> R {
        self.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tup(u8, bool),
        Rec { a: Option<u8> },
    }

    #[test]
    fn renders_canonical_json() {
        let mut map = BTreeMap::new();
        map.insert("k\"", vec![1.5, 2.0]);
        assert_eq!(to_value(&map).unwrap().to_string(), r#"{"k\"":[1.5,2.0]}"#);
        let all = (
            E::Unit,
            E::New(1),
            E::Tup(2, true),
            E::Rec { a: None },
            'x',
            (),
        );
        assert_eq!(
            to_value(&all).unwrap().to_string(),
            r#"["Unit",{"New":1},{"Tup":[2,true]},{"Rec":{"a":null}},"x",null]"#
        );
    }

    #[test]
    fn strings_are_escaped_as_json() {
        let text = "plain \"quoted\" back\\slash\nline\rret\ttab\u{1}\u{1f} é 漢\u{1F600}";
        assert_eq!(
            to_value(text).unwrap().to_string(),
            r#""plain \"quoted\" back\\slash\nline\rret\ttab\u0001\u001f é 漢😀""#
        );
        assert_eq!(to_value("").unwrap().to_string(), r#""""#);
        assert_eq!(to_value("\"").unwrap().to_string(), r#""\"""#);
    }

    #[test]
    fn u128_out_of_range_is_an_error() {
        assert!(matches!(
            to_value(&u128::MAX),
            Err(crate::Error::Serialization(_))
        ));
    }
}
