//! A value as a scenario file writes it, flattened: every number, string and bare variant by its
//! field path, in the order the file writes them, and apart the name of every struct and variant
//! written with fields (`HostedApi` at a design's `serving`). Two scenarios are compared this way
//! ([`crate::econ::diff`]) without writing either file and reading it back.
//!
//! A [`serde::Serializer`] does the walk, so a field added to the model is flattened with no
//! change here, and the paths are the ones validation and `Range(…)` use:
//! - a struct's (or struct variant's) field: `path.field` (`field` at the top);
//! - a list's element: `path[i]`;
//! - a map's entry: `path[key]`, the key as the file writes it (`["How-to"]`), quoted when it is
//!   not a string;
//! - `Some(x)`, `Name(x)` (a newtype struct or variant) and the first member of a tuple: at
//!   `path` itself; the i-th member after it at `path.i`.
//!
//! Each text is what the file writes: a decimal's own digits (`2.50`, from the raw value the
//! [`exact`](super::exact) helpers serialize), a whole number, a string quoted as the file quotes
//! it (ron's unescaped form, `r#"…"#` when it holds a quote or a backslash), `None`, `true`, a
//! unit variant's name. [`scenario`] adds the uncertain fields: `Range(low, high)` wherever the
//! file would write one. `io::ranges::written` finds the same pairs in the file's text;
//! `tests/flatten.rs` holds the two walks to each other.

use std::fmt;

use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::ser;

use super::Scenario;
use super::exact::parse_decimal_literal;

/// The newtype name under which ron serializes a raw value (`ron::value::RawValue`), which is how
/// the exact helpers write a decimal's digits.
const RAW_VALUE: &str = "$ron::private::RawValue";

/// What a value writes, by field path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Flat {
    /// (path, text as written) of each number, string and bare variant, in the file's order.
    pub values: Vec<(String, String)>,
    /// (path, name) of each struct and variant written with its fields, outer ones first.
    pub variants: Vec<(String, String)>,
}

/// A value a scenario file cannot write as one leaf where the walk needs one (a byte string, a
/// map key that is not a single number, string or name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// Every leaf and every variant written with fields of `value`, by path.
pub fn flatten<T: Serialize + ?Sized>(value: &T) -> Result<Flat, Error> {
    let mut sink = Sink::default();
    value.serialize(At::new(&mut sink, String::new()))?;
    Ok(sink.flat)
}

/// What a scenario file writes, by path: [`flatten`], with `Range(low, high)` for each uncertain
/// field that still holds its range's point estimate (a field changed since is written as the
/// point it now is), as saving puts the ranges back.
pub fn scenario(scenario: &Scenario) -> Result<Flat, Error> {
    let mut flat = flatten(scenario)?;
    if scenario.ranges.is_empty() {
        return Ok(flat);
    }
    for (path, text) in &mut flat.values {
        let Some(range) = scenario.ranges.get(path.as_str()) else {
            continue;
        };
        let written = parse_decimal_literal(text).ok();
        if written.is_some() && written == range.point(path).ok() {
            *text = format!("Range({}, {})", range.low, range.high);
        }
    }
    Ok(flat)
}

/// What the walk has found so far.
#[derive(Default)]
struct Sink {
    flat: Flat,
    /// Something other than a single leaf was written (a map key must not be).
    composite: bool,
}

/// The serializer: the value at one path.
struct At<'a> {
    sink: &'a mut Sink,
    path: String,
    /// Inside a raw value: its text is written as it is, not as a string.
    raw: bool,
}

impl<'a> At<'a> {
    fn new(sink: &'a mut Sink, path: String) -> Self {
        At {
            sink,
            path,
            raw: false,
        }
    }

    /// A number, string or bare name at this path. Inside a raw value only its text is one (as
    /// ron refuses anything else there).
    fn leaf(self, text: String) -> Result<(), Error> {
        if self.raw {
            return Err(Error("a raw value holds RON text".to_owned()));
        }
        self.sink.flat.values.push((self.path, text));
        Ok(())
    }

    /// A struct or variant written with its fields (`Name(…)`): its name, and the walk goes in.
    fn named(&mut self, name: &str) {
        self.sink
            .flat
            .variants
            .push((self.path.clone(), name.to_owned()));
        self.sink.composite = true;
    }

    fn items(self, indexed: bool) -> Items<'a> {
        self.sink.composite = true;
        Items {
            sink: self.sink,
            path: self.path,
            next: 0,
            indexed,
        }
    }

    fn fields(self) -> Fields<'a> {
        Fields {
            sink: self.sink,
            path: self.path,
        }
    }
}

/// A string or character as the file quotes it: ron's own writing, unescaped as scenario files
/// are written.
fn quoted<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    ron::ser::to_string_pretty(value, PrettyConfig::new().escape_strings(false))
        .map_err(|e| Error(e.to_string()))
}

/// A float as ron writes it.
fn float_text(value: f64, debug: String) -> String {
    if value.is_nan() && value.is_sign_negative() {
        format!("-{debug}")
    } else {
        debug
    }
}

/// `field` inside `path`.
fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// A map key as its entry's path writes it: a string or character as written, anything else
/// that the file writes as one token quoted.
fn key_text<T: Serialize + ?Sized>(key: &T) -> Result<String, Error> {
    let mut sink = Sink::default();
    key.serialize(At::new(&mut sink, String::new()))?;
    let Sink { flat, composite } = sink;
    match flat.values.as_slice() {
        [(_, text)] if !composite && flat.variants.is_empty() => {
            let is_string =
                text.starts_with(['"', '\'']) || text.starts_with("r\"") || text.starts_with("r#");
            Ok(if is_string {
                text.clone()
            } else {
                format!("{text:?}")
            })
        }
        _ => Err(Error(
            "a map key must be a number, a string or a name".to_owned(),
        )),
    }
}

/// The serializer's methods for whole numbers: each written in decimal, as ron writes it.
macro_rules! whole_numbers {
    ($($method:ident: $ty:ty,)*) => {
        $(
            fn $method(self, v: $ty) -> Result<(), Error> {
                self.leaf(v.to_string())
            }
        )*
    };
}

impl<'a> ser::Serializer for At<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = Entries<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.leaf(v.to_string())
    }

    whole_numbers! {
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.leaf(float_text(f64::from(v), format!("{v:?}")))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.leaf(float_text(v, format!("{v:?}")))
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        let text = quoted(&v)?;
        self.leaf(text)
    }

    fn serialize_str(mut self, v: &str) -> Result<(), Error> {
        if self.raw {
            // A decimal's digits, as the exact helpers write them: as they are.
            self.raw = false;
            return self.leaf(v.to_owned());
        }
        let text = quoted(v)?;
        self.leaf(text)
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error(
            "byte strings are not written in scenario files".to_owned(),
        ))
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.leaf("None".to_owned())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.sink.composite = true;
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        // `()`: nothing to compare.
        self.sink.composite = true;
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.leaf(name.to_owned())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.leaf(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if name == RAW_VALUE {
            self.raw = true;
        } else {
            self.named(name);
        }
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.named(variant);
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Error> {
        Ok(self.items(true))
    }

    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, Error> {
        Ok(self.items(false))
    }

    fn serialize_tuple_struct(mut self, name: &'static str, _: usize) -> Result<Items<'a>, Error> {
        self.named(name);
        Ok(self.items(false))
    }

    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Error> {
        self.named(variant);
        Ok(self.items(false))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Entries<'a>, Error> {
        self.sink.composite = true;
        Ok(Entries {
            sink: self.sink,
            path: self.path,
            key: None,
        })
    }

    fn serialize_struct(mut self, name: &'static str, _: usize) -> Result<Fields<'a>, Error> {
        self.named(name);
        Ok(self.fields())
    }

    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Fields<'a>, Error> {
        self.named(variant);
        Ok(self.fields())
    }
}

/// The elements of a list (`path[i]`) or the members of a tuple (`path`, `path.1`, …).
struct Items<'a> {
    sink: &'a mut Sink,
    path: String,
    next: usize,
    indexed: bool,
}

impl Items<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let path = match (self.indexed, self.next) {
            (true, i) => format!("{}[{i}]", self.path),
            (false, 0) => self.path.clone(),
            (false, i) => format!("{}.{i}", self.path),
        };
        self.next += 1;
        value.serialize(At::new(self.sink, path))
    }
}

/// A list's or a tuple's serializer: each element, whatever serde calls it, through
/// [`Items::element`].
macro_rules! items {
    ($($trait:ident::$method:ident),*) => {
        $(
            impl ser::$trait for Items<'_> {
                type Ok = ();
                type Error = Error;

                fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                    self.element(value)
                }

                fn end(self) -> Result<(), Error> {
                    Ok(())
                }
            }
        )*
    };
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The entries of a map: each value at `path[key]`.
struct Entries<'a> {
    sink: &'a mut Sink,
    path: String,
    key: Option<String>,
}

impl ser::SerializeMap for Entries<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(key_text(key)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without its key".to_owned()))?;
        value.serialize(At::new(self.sink, format!("{}[{key}]", self.path)))
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// The named fields of a struct or a struct variant: each at `path.field`.
struct Fields<'a> {
    sink: &'a mut Sink,
    path: String,
}

impl Fields<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        value.serialize(At::new(self.sink, join(&self.path, key)))
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::flatten;

    #[derive(Serialize)]
    struct Sample {
        count: i32,
        ratio: f64,
        flag: bool,
        letter: char,
        pair: (u8, &'static str, ()),
        wrapped: Wrapper,
        unit: Unit,
        nested: Option<u8>,
        keys: BTreeMap<u8, Kind>,
        kinds: Vec<Kind>,
    }

    #[derive(Serialize)]
    struct Wrapper(u8);

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    enum Kind {
        Bare,
        Tuple(u8, u8),
        Named { x: u8 },
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|&(p, t)| (p.to_owned(), t.to_owned()))
            .collect()
    }

    #[test]
    fn every_kind_of_value_has_its_path_and_text() {
        let sample = Sample {
            count: -3,
            ratio: 1.5,
            flag: true,
            letter: 'q',
            pair: (7, "a\"b", ()),
            wrapped: Wrapper(9),
            unit: Unit,
            nested: Some(4),
            keys: BTreeMap::from([(1, Kind::Bare), (2, Kind::Tuple(3, 4))]),
            kinds: vec![Kind::Named { x: 5 }],
        };
        let flat = flatten(&sample).unwrap_or_default();
        let values = [
            ("count", "-3"),
            ("ratio", "1.5"),
            ("flag", "true"),
            ("letter", "'q'"),
            ("pair", "7"),
            ("pair.1", "r#\"a\"b\"#"),
            ("wrapped", "9"),
            ("unit", "Unit"),
            ("nested", "4"),
            ("keys[\"1\"]", "Bare"),
            ("keys[\"2\"]", "3"),
            ("keys[\"2\"].1", "4"),
            ("kinds[0].x", "5"),
        ];
        assert_eq!(flat.values, pairs(&values));
        let variants = [
            ("", "Sample"),
            ("wrapped", "Wrapper"),
            ("keys[\"2\"]", "Tuple"),
            ("kinds[0]", "Named"),
        ];
        assert_eq!(flat.variants, pairs(&variants));
    }

    #[test]
    fn a_map_key_is_one_token() {
        let key = BTreeMap::from([(Some(1u8), 2u8)]);
        assert!(flatten(&key).is_err());
    }
}
