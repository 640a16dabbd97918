//! XML bytes straight into typed values: the codec's side of [`Decode`], walking the document
//! beside the schema as [`decode`](super::decode) does, with the same checks and errors, and
//! no [`Value`] built for structures, unions, lists, maps and strings.

use std::borrow::Cow;

use super::XmlSettings;
use super::decode::{Decoder, attribute_members, element_member, is_flattened};
use super::reader::Element;
use crate::convert::decode::enum_text_of;
use crate::convert::{Decode, Decoder as TypedDecoder, FromValue, Shape, mismatch};
use crate::error::{Error, Result};
use crate::schema::{MemberRef, ShapeRef, ShapeType};
use crate::timestamp::TimestampFormat;
use crate::value::{List, Map, Value};

/// Decodes an XML document whose root element is a `T`, a type with a schema (usually from
/// `#[derive(Shape)]`), with no [`Value`] in between: what [`decode`](super::decode) and
/// [`FromValue::from_value`] do together, faster. The root's name is not checked.
///
/// ```
/// use awsval::Shape;
/// use awsval::xml::{self, XmlSettings};
///
/// #[derive(Shape, PartialEq)]
/// struct Listing {
///     name: String,
///     #[awsval(xml_flattened)]
///     contents: Option<Vec<Object>>,
/// }
///
/// #[derive(Shape, PartialEq)]
/// struct Object {
///     key: String,
///     size: Option<i64>,
/// }
///
/// let body = b"<ListBucketResult><Contents><Key>a</Key><Size>1</Size></Contents>\
///     <Name>bucket</Name><Contents><Key>b</Key></Contents></ListBucketResult>";
/// let listing: Listing = xml::decode_typed(body, &XmlSettings::new())?;
/// assert_eq!(listing.name, "bucket");
/// assert_eq!(listing.contents.as_ref().map(Vec::len), Some(2), "a flattened list's items gather");
///
/// let error = xml::decode_typed::<Listing>(b"<L><Name>n</Name><Contents><Size>x</Size></Contents></L>", &XmlSettings::new())
///     .unwrap_err();
/// assert_eq!(error.to_string(), "data error: expected a long, found text that is not one at Contents[0].Size (byte 27)");
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_typed<T: Decode + Shape + 'static>(bytes: &[u8], settings: &XmlSettings) -> Result<T> {
    read_typed(bytes, T::schema(), settings, |typed, shape, format| T::decode(typed, shape, format))
}

/// Reads the document's root element as `shape` with `read`, handed the typed decoder.
pub(crate) fn read_typed<'a, 's, T>(
    bytes: &'a [u8],
    shape: ShapeRef<'_>,
    settings: &'s XmlSettings,
    read: impl for<'d> FnOnce(&mut Typed<'d, 'a, 's>, ShapeRef<'_>, Option<TimestampFormat>) -> Result<T>,
) -> Result<T> {
    let mut decoder = Decoder::new(bytes, settings)?;
    let root = decoder.reader.root()?;
    let value = Typed::new(&mut decoder, root).read(shape, read)?;
    decoder.reader.finish()?;
    Ok(value)
}

/// [`decode_typed`] of the element at `path` below the root (by local names, the first match
/// at each level), as [`decode_at`](super::decode_at) finds it; `None` when the path is not
/// there. What the query protocols read `<OpResponse><OpResult>` with.
///
/// ```
/// use awsval::Shape;
/// use awsval::xml::{self, XmlSettings};
///
/// #[derive(Shape)]
/// struct GetCallerIdentityResult {
///     account: Option<String>,
/// }
///
/// let body = b"<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123</Account>\
///     </GetCallerIdentityResult></GetCallerIdentityResponse>";
/// let result: Option<GetCallerIdentityResult> =
///     xml::decode_typed_at(body, &["GetCallerIdentityResult"], &XmlSettings::new())?;
/// assert_eq!(result.and_then(|r| r.account).as_deref(), Some("123"));
/// # Ok::<(), awsval::Error>(())
/// ```
pub fn decode_typed_at<T: Decode + Shape + 'static>(
    bytes: &[u8],
    path: &[&str],
    settings: &XmlSettings,
) -> Result<Option<T>> {
    read_typed_at(bytes, path, T::schema(), settings, |typed, shape, format| T::decode(typed, shape, format))
}

/// [`read_typed`] of the element at `path` below the root; `None` when it is not there.
pub(crate) fn read_typed_at<'a, 's, T>(
    bytes: &'a [u8],
    path: &[&str],
    shape: ShapeRef<'_>,
    settings: &'s XmlSettings,
    read: impl for<'d> FnOnce(&mut Typed<'d, 'a, 's>, ShapeRef<'_>, Option<TimestampFormat>) -> Result<T>,
) -> Result<Option<T>> {
    Decoder::new(bytes, settings)?.read_at(path, |decoder, element| Typed::new(decoder, element).read(shape, read))
}

/// The typed side of the XML decoder: where the next value lies, beside the reader.
pub(crate) struct Typed<'d, 'a, 's> {
    decoder: &'d mut Decoder<'a, 's>,
    /// The element the next value is read from (opened, its content unread unless `unread`
    /// is false).
    element: Element<'a>,
    /// Where in or about `element` the next value is.
    place: Place,
    /// Whether `element`'s content is still to be read through its end tag.
    unread: bool,
}

/// Where the next value comes from.
enum Place {
    /// The content of the element.
    Content,
    /// The element is one piece of a flattened list (an item) or map (an entry), the one after
    /// `count` pieces of the same member.
    Piece { count: usize },
    /// The text of one of the element's attributes.
    Attribute(String),
    /// Nowhere: a sparse map's entry without a value, which reads as a null.
    Absent,
}

impl<'d, 'a, 's> Typed<'d, 'a, 's> {
    fn new(decoder: &'d mut Decoder<'a, 's>, element: Element<'a>) -> Self {
        Self { decoder, element, place: Place::Content, unread: true }
    }

    /// Reads the value of `shape` in the current element with `read`, then whatever of the
    /// element `read` left (a type that does not read a member it was handed).
    fn read<T>(
        &mut self,
        shape: ShapeRef<'_>,
        read: impl FnOnce(&mut Self, ShapeRef<'_>, Option<TimestampFormat>) -> Result<T>,
    ) -> Result<T> {
        let value = read(self, shape, shape.traits().timestamp_format)?;
        self.finish_element()?;
        Ok(value)
    }

    /// Hands `visit` the value at `place` of `element`, then passes over what it did not read.
    fn read_at<T>(
        &mut self,
        element: Element<'a>,
        place: Place,
        visit: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.unread = matches!(place, Place::Content | Place::Piece { .. });
        self.element = element;
        self.place = place;
        let value = visit(self)?;
        self.finish_element()?;
        Ok(value)
    }

    fn finish_element(&mut self) -> Result<()> {
        if std::mem::take(&mut self.unread) {
            self.decoder.reader.skip()?;
        }
        Ok(())
    }

    /// Takes the place of the next value, marking the element's content as read by the caller.
    fn take_place(&mut self) -> Place {
        self.unread = false;
        std::mem::replace(&mut self.place, Place::Content)
    }

    /// The next value when it is not an element's content: as a `Value`, for the caller to
    /// refuse (a structure, union, list or map read from an attribute or from nothing), or
    /// `None` with the place untouched when it is content.
    fn elsewhere(&mut self, shape: ShapeRef<'_>) -> Result<Option<Value>> {
        match self.place {
            Place::Content | Place::Piece { .. } => Ok(None),
            _ => TypedDecoder::value(self, shape, None).map(Some),
        }
    }

    /// The members of a structure: attributes first, then child elements; a flattened
    /// collection is handed over once per piece.
    fn structure_content<'m>(
        &mut self,
        shape: ShapeRef<'m>,
        visit: &mut impl FnMut(&mut Self, MemberRef<'m>) -> Result<()>,
    ) -> Result<()> {
        let offset = self.element.offset;
        for (member, text) in attribute_members(&self.element, shape)? {
            let element = self.element.clone();
            self.read_at(element, Place::Attribute(text), |typed| visit(typed, member))
                .map_err(|error| member.annotate(error.at_offset(offset)))?;
        }
        let (keys, mut expected) = (shape.xml_keys(), 0);
        let mut seen = crate::codec::repeats::Seen::new(shape.members().len());
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        while let Some(child) = self.decoder.reader.child()? {
            let Some(member) = element_member(keys, &child, expected) else {
                self.decoder.reader.skip()?;
                continue;
            };
            expected = member.index() + 1;
            let place = if is_flattened(member) {
                Place::Piece { count: next_piece(&mut pieces, member.index()) }
            } else if seen.insert(member.index()) {
                Place::Content
            } else {
                return Err(member.annotate(Error::data("repeated member").at_offset(child.offset)));
            };
            self.read_at(child, place, |typed| visit(typed, member)).map_err(|error| member.annotate(error))?;
        }
        Ok(())
    }

    fn union_content<'m>(
        &mut self,
        shape: ShapeRef<'m>,
        visit: &mut impl FnMut(&mut Self, MemberRef<'m>) -> Result<()>,
    ) -> Result<Option<String>> {
        let offset = self.element.offset;
        let members = shape.xml_keys();
        let (mut found, mut unknown, mut count) = (None, None, 0);
        while let Some(child) = self.decoder.reader.child()? {
            let second = Error::data("a union has exactly one member, found a second").at_offset(child.offset);
            let Some(member) = members.find(child.local_name(), 0) else {
                let name = child.local_text().to_owned();
                self.decoder.reader.skip()?;
                if found.is_some() || unknown.is_some() {
                    return Err(second);
                }
                unknown = Some(name);
                continue;
            };
            let flattened = is_flattened(member);
            let place = match found {
                // A flattened member repeats its element once per item.
                Some(index) if flattened && index == member.index() => Place::Piece { count },
                Some(_) => return Err(second),
                None if unknown.is_some() => return Err(second),
                None if flattened => Place::Piece { count },
                None => Place::Content,
            };
            found = Some(member.index());
            count += 1;
            self.read_at(child, place, |typed| visit(typed, member)).map_err(|error| member.annotate(error))?;
        }
        if found.is_none() && unknown.is_none() {
            return Err(Error::data("a union has exactly one member, found none").at_offset(offset));
        }
        Ok(unknown)
    }

    /// A wrapped list: `<member>` items (renamed by the list member's `xmlName`).
    fn list_content<'m>(
        &mut self,
        shape: ShapeRef<'m>,
        visit: &mut impl FnMut(&mut Self, MemberRef<'m>) -> Result<()>,
    ) -> Result<()> {
        let member = shape.item()?;
        let item_name = member.traits().xml_name.as_deref().unwrap_or("member");
        let mut index = 0;
        while let Some(child) = self.decoder.reader.child()? {
            if child.local_name() != item_name.as_bytes() {
                self.decoder.reader.skip()?;
                continue;
            }
            self.decoder.collection_room(index, child.offset)?;
            self.read_at(child, Place::Content, |typed| visit(typed, member)).map_err(|error| error.at_index(index))?;
            index += 1;
        }
        Ok(())
    }

    /// A wrapped map: `<entry>` elements holding a key and a value.
    fn map_content<'m>(
        &mut self,
        shape: ShapeRef<'m>,
        visit: &mut impl FnMut(&mut Self, String, Option<MemberRef<'m>>) -> Result<()>,
    ) -> Result<()> {
        let mut count = 0;
        while let Some(child) = self.decoder.reader.child()? {
            if child.local_name() != b"entry" {
                self.decoder.reader.skip()?;
                continue;
            }
            self.decoder.collection_room(count, child.offset)?;
            let offset = child.offset;
            self.element = child;
            self.entry(shape, visit).map_err(|error| error.at_offset(offset))?;
            count += 1;
        }
        Ok(())
    }

    /// The key and value inside the opened entry element, through its end, as
    /// [`Decoder::entry`] reads them: the value is handed over as soon as the key is known.
    /// A value before its key is read once as a `Value` (for its errors to come where the
    /// `Value` path gives them), and again, typed, from where it began once the key is read.
    fn entry<'m>(
        &mut self,
        shape: ShapeRef<'m>,
        visit: &mut impl FnMut(&mut Self, String, Option<MemberRef<'m>>) -> Result<()>,
    ) -> Result<()> {
        let (key_member, value_member) = shape.entry()?;
        let key_name = key_member.traits().xml_name.as_deref().unwrap_or("key");
        let value_name = value_member.traits().xml_name.as_deref().unwrap_or("value");
        let start = self.decoder.reader.offset();
        let mut key: Option<Cow<'a, str>> = None;
        let (mut value_read, mut early_value) = (false, None);
        while let Some(child) = self.decoder.reader.child()? {
            let repeated = |what| Error::data(format!("a map entry with a second {what}")).at_offset(child.offset);
            match child.local_name() {
                name if name == key_name.as_bytes() => {
                    if key.is_some() {
                        return Err(repeated("key"));
                    }
                    key = Some(self.decoder.reader.text()?);
                }
                name if name == value_name.as_bytes() => {
                    if value_read {
                        return Err(match &key {
                            Some(key) => repeated("value").at_key(key.as_ref()),
                            None => repeated("value"),
                        });
                    }
                    value_read = true;
                    match &key {
                        Some(key) => {
                            let key = key.clone().into_owned();
                            self.read_at(child, Place::Content, |typed| visit(typed, key, Some(value_member)))?;
                        }
                        None => {
                            let saved = self.decoder.reader.clone();
                            let target = value_member.target();
                            self.decoder.content(&child, target, value_member.timestamp_format())?;
                            early_value = Some((saved, child));
                        }
                    }
                }
                _ => self.decoder.reader.skip()?,
            }
        }
        let key = key.ok_or_else(|| Error::data("a map entry without a key").at_offset(start))?;
        if let Some((saved, element)) = early_value {
            let after = std::mem::replace(&mut self.decoder.reader, saved);
            self.read_at(element, Place::Content, |typed| visit(typed, key.into_owned(), Some(value_member)))?;
            self.decoder.reader = after;
            return Ok(());
        }
        if value_read {
            return Ok(());
        }
        if !shape.is_sparse() {
            return Err(Error::data("a map entry without a value").at_offset(start).at_key(key.into_owned()));
        }
        let element = self.element.clone();
        self.read_at(element, Place::Absent, |typed| visit(typed, key.into_owned(), Some(value_member)))
    }
}

/// The count of pieces of flattened member `index` read so far, counting the one now read.
fn next_piece(pieces: &mut Vec<(usize, usize)>, index: usize) -> usize {
    match pieces.iter_mut().find(|(member, _)| *member == index) {
        Some((_, count)) => {
            *count += 1;
            *count - 1
        }
        None => {
            pieces.push((index, 1));
            0
        }
    }
}

impl TypedDecoder for Typed<'_, '_, '_> {
    fn value(&mut self, shape: ShapeRef<'_>, format: Option<TimestampFormat>) -> Result<Value> {
        let place = self.take_place();
        let element = &self.element;
        match place {
            Place::Content => self.decoder.content(element, shape, format),
            Place::Attribute(text) => self.decoder.attribute(element, Cow::Owned(text), shape, format),
            Place::Absent => Ok(Value::Null),
            // A collection type that reads through a `Value`: a collection of one piece.
            Place::Piece { count } => match shape.shape_type() {
                ShapeType::List => {
                    let member = shape.item()?;
                    self.decoder.collection_room(count, element.offset)?;
                    let item = self.decoder.content(element, member.target(), member.timestamp_format());
                    Ok(Value::List(List::from(vec![item.map_err(|error| error.at_index(count))?])))
                }
                _ => {
                    self.decoder.collection_room(count, element.offset)?;
                    let (key, value) = self.decoder.entry(shape)?;
                    Ok(Value::Map(Map::new().with(key, value)))
                }
            },
        }
    }

    fn null(&mut self) -> Result<bool> {
        if matches!(self.place, Place::Absent) {
            self.place = Place::Content;
            return Ok(true);
        }
        Ok(false)
    }

    fn string(&mut self, shape: ShapeRef<'_>) -> Result<String> {
        match (&self.place, shape.shape_type()) {
            (Place::Content, ShapeType::String) => {
                self.unread = false;
                Ok(self.decoder.reader.text()?.into_owned())
            }
            _ => String::from_value(TypedDecoder::value(self, shape, None)?),
        }
    }

    fn enum_text<T, F>(&mut self, shape: ShapeRef<'_>, read: F) -> Result<T>
    where
        F: FnOnce(Cow<'_, str>) -> Result<T>,
    {
        match (&self.place, shape.shape_type()) {
            // Unlike a `Value`, the text still knows where it was: so does an error about it.
            (Place::Content, ShapeType::Enum | ShapeType::String) => {
                self.unread = false;
                let offset = self.element.offset;
                read(self.decoder.reader.text()?).map_err(|error| error.at_offset(offset))
            }
            _ => enum_text_of(TypedDecoder::value(self, shape, None)?, read),
        }
    }

    fn structure<'m, F>(&mut self, shape: ShapeRef<'m>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'m>) -> Result<()>,
    {
        if let Some(other) = self.elsewhere(shape)? {
            return Err(mismatch("structure", &other));
        }
        self.take_place();
        self.structure_content(shape, &mut visit)
    }

    fn union<'m, F>(&mut self, shape: ShapeRef<'m>, mut visit: F) -> Result<Option<String>>
    where
        F: FnMut(&mut Self, MemberRef<'m>) -> Result<()>,
    {
        if let Some(other) = self.elsewhere(shape)? {
            return Err(mismatch("union", &other));
        }
        self.take_place();
        self.union_content(shape, &mut visit)
    }

    fn list<'m, F>(&mut self, shape: ShapeRef<'m>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, MemberRef<'m>) -> Result<()>,
    {
        if let Some(other) = self.elsewhere(shape)? {
            return Err(mismatch("list", &other));
        }
        match self.take_place() {
            Place::Piece { count } => {
                let member = shape.item()?;
                self.decoder.collection_room(count, self.element.offset)?;
                self.unread = true;
                visit(self, member).map_err(|error| error.at_index(count))?;
                self.finish_element()
            }
            _ => self.list_content(shape, &mut visit),
        }
    }

    fn map<'m, F>(&mut self, shape: ShapeRef<'m>, mut visit: F) -> Result<()>
    where
        F: FnMut(&mut Self, String, Option<MemberRef<'m>>) -> Result<()>,
    {
        if let Some(other) = self.elsewhere(shape)? {
            return Err(mismatch("map", &other));
        }
        match self.take_place() {
            Place::Piece { count } => {
                let offset = self.element.offset;
                self.decoder.collection_room(count, offset)?;
                self.entry(shape, &mut visit).map_err(|error| error.at_offset(offset))
            }
            _ => self.map_content(shape, &mut visit),
        }
    }
}
