//! Maps written in scenario files (`success_by_use_case`, `routes`) read with every key once.
//!
//! A plain map keeps the last of two equal keys, so `{"Order status": 0.9, "Order status": 0.1}`
//! would show a reader 0.9 and give the engine 0.1. Like a struct field written twice, a key
//! written twice is refused, at its line, naming the key.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::{Deserialize, Deserializer, Error as _, MapAccess, Visitor};

/// Reads a map keyed by name, refusing a key written twice.
pub fn deserialize<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map of names, each written once")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    // Raised before the value is read, so the position is the repeated key's.
                    return Err(A::Error::custom(format!(
                        "the key {key:?} is written twice in this map: keep one"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_map(Unique(PhantomData))
}

/// Reads a map from names to exact decimals (as [`super::exact::map`]), refusing a key written
/// twice.
pub fn decimals<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Decimal>, D::Error> {
    let raw: BTreeMap<String, Box<ron::value::RawValue>> = deserialize(deserializer)?;
    raw.into_iter()
        .map(|(key, value)| {
            let parsed = super::exact::parse_decimal_literal(value.get_ron())
                .map_err(|e| D::Error::custom(format!("{key:?}: {e}")))?;
            Ok((key, parsed))
        })
        .collect()
}
