//! Derived values straight to query key–value pairs: the codec's side of [`Encode`], writing
//! the pairs [`encode`](super::encode) writes of the value's `Value`, with no `Value` built
//! for structures, unions, lists, maps and strings.

use super::encode::{Encoder, EntryKeys, join, null_item};
use super::{QueryFlavor, QuerySettings};
use crate::blob::Blob;
use crate::convert::{self, Encode, Shape};
use crate::error::Result;
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::Value;

/// The key–value pairs of `value`, a derived input structure, in member order: what
/// [`encode`](super::encode) gives for its `Value`. Join them with
/// [`form_urlencode`](super::form_urlencode).
///
/// ```
/// use awsval::Shape;
/// use awsval::query::{self, QueryFlavor, QuerySettings};
///
/// #[derive(Shape)]
/// struct DescribeTags {
///     names: Vec<String>,
///     max_results: Option<i32>,
/// }
///
/// let input = DescribeTags { names: vec!["a b".into(), "c".into()], max_results: Some(5) };
/// let pairs = query::encode_typed(&input, &QuerySettings::new(QueryFlavor::AwsQuery))?;
/// assert_eq!(query::form_urlencode(&pairs), "Names.member.1=a%20b&Names.member.2=c&MaxResults=5");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn encode_typed<T: Encode + Shape + 'static>(value: &T, settings: &QuerySettings) -> Result<Vec<(String, String)>> {
    let shape = T::schema();
    let mut encoder = Encoder::new(settings);
    value.encode(&mut encoder, shape, shape.traits().timestamp_format)?;
    Ok(encoder.pairs)
}

impl Encoder<'_> {
    /// Runs `write` with the key and flattening of the value it writes, then restores the
    /// enclosing ones.
    fn at<R>(&mut self, key: String, flattened: bool, write: impl FnOnce(&mut Self) -> R) -> R {
        let outer = (std::mem::replace(&mut self.key, key), std::mem::replace(&mut self.flattened, flattened));
        let result = write(self);
        (self.key, self.flattened) = outer;
        result
    }
}

impl convert::Encoder for Encoder<'_> {
    fn value(&mut self, value: &Value, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<()> {
        let key = std::mem::take(&mut self.key);
        let written = Encoder::value(self, &key, shape, value, format, self.flattened);
        self.key = key;
        written
    }

    fn string(&mut self, text: &str, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::String | ShapeType::Enum => {
                self.pairs.push((self.key.clone(), text.to_owned()));
                Ok(())
            }
            _ => convert::Encoder::value(self, &Value::String(text.to_owned()), shape, None),
        }
    }

    fn blob(&mut self, bytes: &Blob, shape: ShapeRef<'_>) -> Result<()> {
        match shape.shape_type() {
            ShapeType::Blob => {
                self.pairs.push((self.key.clone(), bytes.to_base64()));
                Ok(())
            }
            _ => convert::Encoder::value(self, &Value::Blob(bytes.clone()), shape, None),
        }
    }

    fn structure<T, F>(&mut self, shape: ShapeRef<'_>, value: &T, members: F) -> Result<()>
    where
        T: Encode + ?Sized,
        F: FnOnce(&mut Self) -> Result<()>,
    {
        // Members sharing a wire name are told apart by which are present: the `Value`
        // path's check.
        if shape.xml_keys().has_shared_names() {
            return convert::Encoder::value(self, &value.to_value(), shape, None);
        }
        self.nest(members)
    }

    fn member<T: Encode + ?Sized>(&mut self, member: MemberRef<'_>, value: &T) -> Result<()> {
        if value.is_absent() {
            return Ok(());
        }
        let key = join(&self.key, &self.key_of(member));
        let flattened = self.flattens(member);
        self.at(key, flattened, |e| convert::encode::member(e, member, value)).map_err(|error| member.annotate(error))
    }

    fn union<T: Encode + ?Sized>(&mut self, _: ShapeRef<'_>, member: MemberRef<'_>, value: &T) -> Result<()> {
        self.nest(|e| convert::Encoder::member(e, member, value))
    }

    fn list<'a, T, I>(&mut self, shape: ShapeRef<'_>, items: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = &'a T>,
    {
        self.nest(|e| {
            let item = shape.item()?;
            let key = std::mem::take(&mut e.key);
            let prefix = e.items_prefix(&key, item, items.len(), e.flattened);
            e.key = key;
            let Some(prefix) = prefix else { return Ok(()) };
            // ec2Query flattens every list, the items' own too.
            let flattened = e.settings.flavor == QueryFlavor::Ec2Query;
            for (index, value) in items.enumerate() {
                if value.is_absent() {
                    return Err(null_item(index));
                }
                e.at(format!("{prefix}.{}", index + 1), flattened, |e| convert::encode::member(e, item, value))
                    .map_err(|error| error.at_index(index))?;
            }
            Ok(())
        })
    }

    fn map<'a, T, I>(&mut self, shape: ShapeRef<'_>, entries: I) -> Result<()>
    where
        T: Encode + 'a,
        I: ExactSizeIterator<Item = (&'a String, &'a T)>,
    {
        self.nest(|e| {
            let (_, value_member) = shape.entry()?;
            let entry_keys = EntryKeys::of(shape, &e.key, e.flattened)?;
            for (index, (key, value)) in entries.enumerate() {
                let Some(value_key) = entry_keys.entry(e, shape, index, key, value.is_absent())? else { continue };
                e.at(value_key, false, |e| convert::encode::member(e, value_member, value))
                    .map_err(|error| error.at_key(key.as_str()))?;
            }
            Ok(())
        })
    }
}
