//! The one error type of the crate: a kind, a byte offset and a member path.
//!
//! [`Error`] is a single boxed pointer so that `Result<T, Error>` stays small on the hot path;
//! the details only cost anything when something went wrong. Errors never quote the data that
//! failed (a value may be `@sensitive`); they name its type, its position and its path.

use std::borrow::Cow;
use std::fmt;

/// What went wrong, in the broad classes a caller may want to react to differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not well-formed in their wire format.
    Syntax,
    /// The input ended in the middle of a value.
    Eof,
    /// The input is well-formed but does not fit the schema or the Rust type.
    Data,
    /// A configured [`Limits`](crate::Limits) bound was exceeded.
    Limit,
    /// A schema or model is inconsistent.
    Model,
    /// Reading or writing failed.
    Io,
}

impl ErrorKind {
    /// The lower-case name used in [`Error`]'s `Display`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Eof => "end of input",
            Self::Data => "data",
            Self::Limit => "limit",
            Self::Model => "model",
            Self::Io => "I/O",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step of a [`Path`]: a structure or union member, a list index or a map key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A structure or union member, by its member name.
    Member(Cow<'static, str>),
    /// A position in a list, from 0.
    Index(usize),
    /// A key of a map.
    Key(String),
}

/// Where in a value an error happened, from the root down: `Result.Files[0].Tags["k"]`.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Path {
    /// Innermost segment first: errors gain their outer segments while they unwind.
    reversed: Vec<PathSegment>,
}

impl Path {
    /// The segments from the root down.
    pub fn segments(&self) -> impl DoubleEndedIterator<Item = &PathSegment> + ExactSizeIterator {
        self.reversed.iter().rev()
    }

    /// Whether the path is the root itself.
    pub fn is_empty(&self) -> bool {
        self.reversed.is_empty()
    }

    /// The path as a JSON pointer (RFC 6901), as Smithy's `ValidationException` names a
    /// member: `/Files/0/Tags/k`, with `~` and `/` in names escaped as `~0` and `~1`.
    ///
    /// ```
    /// use awsval::Error;
    ///
    /// let error = Error::data("bad").at_key("a/b").in_member("Tags").at_index(0).in_member("Files");
    /// assert_eq!(error.path().to_string(), r#"Files[0].Tags["a/b"]"#);
    /// assert_eq!(error.path().json_pointer(), "/Files/0/Tags/a~1b");
    /// ```
    pub fn json_pointer(&self) -> String {
        let mut pointer = String::new();
        for segment in self.segments() {
            pointer.push('/');
            let text = match segment {
                PathSegment::Member(name) => name.as_ref(),
                PathSegment::Key(key) => key.as_str(),
                PathSegment::Index(index) => {
                    pointer.push_str(&index.to_string());
                    continue;
                }
            };
            pointer.push_str(&text.replace('~', "~0").replace('/', "~1"));
        }
        pointer
    }

    /// The path of `segments`, from the root down.
    pub(crate) fn from_root(segments: &[PathSegment]) -> Self {
        Self { reversed: segments.iter().rev().cloned().collect() }
    }

    fn prepend(&mut self, segment: PathSegment) {
        self.reversed.push(segment);
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments().enumerate() {
            match segment {
                PathSegment::Member(name) if i == 0 => f.write_str(name)?,
                PathSegment::Member(name) => write!(f, ".{name}")?,
                PathSegment::Index(index) => write!(f, "[{index}]")?,
                PathSegment::Key(key) => write!(f, "[{key:?}]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

/// What a redacted map key is shown as in a [`Path`].
pub const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Stands in for a `@sensitive` value in `Debug` output.
///
/// ```
/// assert_eq!(format!("{:?}", awsval::convert::Redacted), "*** Sensitive Data Redacted ***");
/// ```
#[derive(Clone, Copy, Default)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// The error of every fallible operation in awsval.
///
/// `Display` is one line with the kind, the message, the member path and the byte offset:
///
/// ```
/// use awsval::{Error, ErrorKind};
///
/// let error = Error::data("expected a list, found a string")
///     .in_member("Files")
///     .at_index(2)
///     .in_member("FileGroups")
///     .at_offset(120);
/// assert_eq!(error.kind(), ErrorKind::Data);
/// assert_eq!(error.offset(), Some(120));
/// assert_eq!(
///     error.to_string(),
///     "data error: expected a list, found a string at FileGroups[2].Files (byte 120)"
/// );
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: Cow<'static, str>,
    offset: Option<usize>,
    path: Path,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// A new error of `kind`. The message should not quote input data.
    pub fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            inner: Box::new(Inner { kind, message: message.into(), offset: None, path: Path::default(), source: None }),
        }
    }

    /// A [`ErrorKind::Syntax`] error at byte `offset`.
    pub fn syntax(message: impl Into<Cow<'static, str>>, offset: usize) -> Self {
        Self::new(ErrorKind::Syntax, message).at_offset(offset)
    }

    /// An [`ErrorKind::Eof`] error at byte `offset`.
    pub fn eof(message: impl Into<Cow<'static, str>>, offset: usize) -> Self {
        Self::new(ErrorKind::Eof, message).at_offset(offset)
    }

    /// A [`ErrorKind::Data`] error.
    pub fn data(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Data, message)
    }

    /// A [`ErrorKind::Limit`] error.
    pub fn limit(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Limit, message)
    }

    /// A [`ErrorKind::Model`] error.
    pub fn model(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Model, message)
    }

    /// The broad class of the error.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The message alone, without kind, path or offset.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The byte offset in the input where the error was found, when there was an input.
    pub fn offset(&self) -> Option<usize> {
        self.inner.offset
    }

    /// The member path from the root of the value to where the error was found.
    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// Sets the byte offset, keeping the first one set (the innermost is the most precise).
    #[must_use]
    pub fn at_offset(mut self, offset: usize) -> Self {
        self.inner.offset.get_or_insert(offset);
        self
    }

    /// Records that the error happened inside member `name` (call while unwinding, inner first).
    #[must_use]
    pub fn in_member(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.inner.path.prepend(PathSegment::Member(name.into()));
        self
    }

    /// Records that the error happened inside list item `index`.
    #[must_use]
    pub fn at_index(mut self, index: usize) -> Self {
        self.inner.path.prepend(PathSegment::Index(index));
        self
    }

    /// Records that the error happened inside the value of map key `key`.
    #[must_use]
    pub fn at_key(mut self, key: impl Into<String>) -> Self {
        self.inner.path.prepend(PathSegment::Key(key.into()));
        self
    }

    /// Replaces every map key recorded so far with [`REDACTED`].
    ///
    /// Called as an error leaves a `@sensitive` member: the keys below it are data.
    #[must_use]
    pub fn redact_keys(mut self) -> Self {
        for segment in &mut self.inner.path.reversed {
            if let PathSegment::Key(key) = segment {
                REDACTED.clone_into(key);
            }
        }
        self
    }

    /// Attaches the underlying cause, reported by [`std::error::Error::source`].
    #[must_use]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Self::new(ErrorKind::Io, error.to_string()).with_source(error)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        write!(f, "{} error: {}", inner.kind, inner.message)?;
        if !inner.path.is_empty() {
            write!(f, " at {}", inner.path)?;
        }
        if let Some(offset) = inner.offset {
            write!(f, " (byte {offset})")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.inner.kind)
            .field("message", &self.inner.message)
            .field("path", &self.inner.path)
            .field("offset", &self.inner.offset)
            .finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source.as_deref().map(|source| source as _)
    }
}

/// The result of awsval's fallible operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors a [`serde::Serialize`] implementation raises while writing into a
/// [`Document`](crate::Document) (or the plain JSON of [`crate::plain`]) are data errors.
impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::data(message.to_string())
    }
}

/// Errors a [`serde::Deserialize`] implementation raises while reading a
/// [`Document`](crate::Document) are data errors.
impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self::data(message.to_string())
    }
}
