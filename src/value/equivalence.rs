//! Comparing values: the exact `PartialEq`, and the equivalence tests should use.

use std::collections::HashMap;

use super::Value;
use crate::timestamp::Precision;

/// A configurable comparison of values, for tests and conformance checks.
///
/// [`Equivalence::default()`] is the documented test equivalence:
/// - NaN is equivalent to NaN (of the same width); `-0.0` and `0.0` are **not** equivalent,
///   since every codec keeps the sign;
/// - timestamps are compared to the nanosecond (see [`Equivalence::timestamp_precision`] for
///   a wire format that carries less, such as http-date's seconds);
/// - the order of structure members and of map entries is ignored (a repeated key's entries
///   compare in their order); list order matters;
/// - everything else must be equal and of the same type: `Integer(1)` is not `Long(1)`, an
///   enum is not a string, big numbers compare as text.
///
/// The comparison uses no recursion, so it is safe on arbitrarily deep values.
///
/// ```
/// use awsval::{Equivalence, Precision, Timestamp, Value};
///
/// let a = Value::Timestamp(Timestamp::new(10, 123_456_789)?);
/// let b = Value::Timestamp(Timestamp::new(10, 0)?);
/// assert!(!Equivalence::default().eq(&a, &b));
/// assert!(Equivalence::default().timestamp_precision(Precision::Seconds).eq(&a, &b));
/// # Ok::<(), awsval::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Equivalence {
    precision: Precision,
    ignore_order: bool,
    ieee_floats: bool,
}

impl Default for Equivalence {
    fn default() -> Self {
        Self { precision: Precision::Nanos, ignore_order: true, ieee_floats: false }
    }
}

/// Maps with more entries than this are matched through a hash index rather than a scan.
const INDEX_THRESHOLD: usize = 16;

impl Equivalence {
    /// What `PartialEq` for [`Value`] is: order matters, floats compare as IEEE 754.
    pub const EXACT: Self = Self { precision: Precision::Nanos, ignore_order: false, ieee_floats: true };

    /// Compares timestamps only to `precision`.
    #[must_use]
    pub const fn timestamp_precision(mut self, precision: Precision) -> Self {
        self.precision = precision;
        self
    }

    /// Whether `a` and `b` are equivalent.
    pub fn eq(&self, a: &Value, b: &Value) -> bool {
        let mut pending = vec![(a, b)];
        while let Some((a, b)) = pending.pop() {
            if !self.shallow_eq(a, b, &mut pending) {
                return false;
            }
        }
        true
    }

    /// Compares the nodes themselves and queues their children's pairs.
    fn shallow_eq<'a>(&self, a: &'a Value, b: &'a Value, pending: &mut Vec<(&'a Value, &'a Value)>) -> bool {
        match (a, b) {
            (Value::Structure(x), Value::Structure(y)) => {
                let x = x.iter().map(|(name, value)| (name.as_str(), value));
                let y = y.iter().map(|(name, value)| (name.as_str(), value));
                self.pair_entries(x, y, pending)
            }
            (Value::Map(x), Value::Map(y)) => {
                let x = x.iter().map(|(key, value)| (key.as_str(), value));
                let y = y.iter().map(|(key, value)| (key.as_str(), value));
                self.pair_entries(x, y, pending)
            }
            (Value::List(x), Value::List(y)) => {
                pending.extend(x.iter().zip(y.iter()));
                x.len() == y.len()
            }
            (Value::Union(x), Value::Union(y)) => {
                match (x.value(), y.value()) {
                    (Some(vx), Some(vy)) => pending.push((vx, vy)),
                    (None, None) => {}
                    _ => return false,
                }
                x.name() == y.name()
            }
            (Value::Document(x), Value::Document(y)) => {
                pending.push((x, y));
                true
            }
            (Value::Float(x), Value::Float(y)) => self.floats_eq(f64::from(*x), f64::from(*y)),
            (Value::Double(x), Value::Double(y)) => self.floats_eq(*x, *y),
            (Value::Timestamp(x), Value::Timestamp(y)) => x.truncated(self.precision) == y.truncated(self.precision),
            (Value::Enum(x), Value::Enum(y)) => x == y,
            (Value::IntEnum(x), Value::IntEnum(y)) => x == y,
            (Value::Boolean(x), Value::Boolean(y)) => x == y,
            (Value::Byte(x), Value::Byte(y)) => x == y,
            (Value::Short(x), Value::Short(y)) => x == y,
            (Value::Integer(x), Value::Integer(y)) => x == y,
            (Value::Long(x), Value::Long(y)) => x == y,
            (Value::BigInteger(x), Value::BigInteger(y)) => x == y,
            // The test equivalence compares big decimals as numbers: a wire may write one in
            // other words (CBOR's decimal fractions).
            (Value::BigDecimal(x), Value::BigDecimal(y)) if !self.ieee_floats => super::decimal::same_number(x, y),
            (Value::BigDecimal(x), Value::BigDecimal(y)) => x == y,
            (Value::String(x), Value::String(y)) => x == y,
            (Value::Blob(x), Value::Blob(y)) => x == y,
            (Value::Null, Value::Null) => true,
            _ => false,
        }
    }

    fn floats_eq(&self, x: f64, y: f64) -> bool {
        if self.ieee_floats { x == y } else { (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits() }
    }

    /// Pairs up named entries, in order or by name, and queues the pairs.
    fn pair_entries<'a>(
        &self,
        x: impl ExactSizeIterator<Item = (&'a str, &'a Value)>,
        y: impl ExactSizeIterator<Item = (&'a str, &'a Value)> + Clone,
        pending: &mut Vec<(&'a Value, &'a Value)>,
    ) -> bool {
        if x.len() != y.len() {
            return false;
        }
        if !self.ignore_order {
            for ((kx, vx), (ky, vy)) in x.zip(y) {
                if kx != ky {
                    return false;
                }
                pending.push((vx, vy));
            }
            return true;
        }
        // A repeated key (a document may have one) pairs its n-th entry in `x` with its n-th
        // entry in `y`.
        if y.len() > INDEX_THRESHOLD {
            // Keys may come off the wire: the standard library's keyed hasher, which no input
            // can make collide.
            let mut index: HashMap<&str, std::collections::VecDeque<&Value>> = HashMap::new();
            for (key, vy) in y {
                index.entry(key).or_default().push_back(vy);
            }
            for (key, vx) in x {
                let Some(vy) = index.get_mut(key).and_then(std::collections::VecDeque::pop_front) else {
                    return false;
                };
                pending.push((vx, vy));
            }
            return true;
        }
        let mut seen: Vec<&str> = Vec::with_capacity(x.len());
        for (key, vx) in x {
            let occurrence = seen.iter().filter(|k| **k == key).count();
            seen.push(key);
            let Some((_, vy)) = y.clone().filter(|(k, _)| *k == key).nth(occurrence) else {
                return false;
            };
            pending.push((vx, vy));
        }
        true
    }
}
