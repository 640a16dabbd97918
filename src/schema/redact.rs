//! `Debug` of a value by its shape: what the schema marks `@sensitive` prints redacted,
//! whatever names the value was built with.

use std::fmt;

use super::{ShapeRef, ShapeType};
use crate::value::{Label, Redact, Value, write_debug};

/// A value printed by its shape; made by [`ShapeRef::debug`].
pub struct ShapedDebug<'v, 'm> {
    value: &'v Value,
    shape: ShapeRef<'m>,
}

impl<'m> ShapeRef<'m> {
    /// `value`, printed by `Debug` with every member and value this shape marks `@sensitive`
    /// redacted, also when the value was built by hand with names that do not say so. Nothing
    /// is cloned and nothing recurses: any depth prints.
    ///
    /// ```
    /// use awsval::schema::{ModelBuilder, ShapeType};
    /// use awsval::{Structure, Value};
    ///
    /// let mut builder = ModelBuilder::new();
    /// let string = builder.prelude(ShapeType::String);
    /// let login = builder.add("Login", ShapeType::Structure).member("User", string)
    ///     .member("Password", string).sensitive().id();
    /// let model = builder.finish()?;
    /// let value = Value::from(Structure::new().with("User", "ann").with("Password", "hunter2"));
    /// assert!(format!("{value:?}").contains("hunter2"), "built by hand: the names do not know");
    /// let shown = format!("{:?}", model.get(login).debug(&value));
    /// assert_eq!(shown, r#"Structure { User: String("ann"), Password: *** Sensitive Data Redacted *** }"#);
    /// # Ok::<(), awsval::Error>(())
    /// ```
    pub fn debug<'v>(self, value: &'v Value) -> ShapedDebug<'v, 'm> {
        ShapedDebug { value, shape: self }
    }
}

impl fmt::Debug for ShapedDebug<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_debug(self.value, f, &mut ByShape { root: Some(self.shape), open: Vec::new() })
    }
}

/// Follows the walk down the schema: the shape of each open container (`None` below a document
/// or an unknown member, where the schema says nothing more).
struct ByShape<'m> {
    root: Option<ShapeRef<'m>>,
    open: Vec<Option<ShapeRef<'m>>>,
}

impl<'m> ByShape<'m> {
    /// The shape of the node hanging by `label` from the innermost open container, and whether
    /// the schema makes it sensitive.
    fn child(&mut self, label: Label<'_>) -> (Option<ShapeRef<'m>>, bool) {
        let Some(parent) = self.open.last() else { return (self.root.take(), false) };
        let Some(parent) = *parent else { return (None, false) };
        let member = match (parent.shape_type(), label) {
            (ShapeType::Structure | ShapeType::Union, Label::Member(name)) => parent.member(name.as_str()),
            (ShapeType::List, _) => parent.list_member(),
            (ShapeType::Map, _) => parent.map_value(),
            _ => None,
        };
        match member {
            // A member's name is sensitive when it or its target is, or holds sensitive values.
            Some(member) => (Some(member.target()), member.name().is_sensitive()),
            None => (None, false),
        }
    }
}

impl Redact for ByShape<'_> {
    fn hides(&mut self, label: Label<'_>, container: bool, by_name: bool) -> bool {
        let (shape, by_member) = self.child(label);
        let hidden = by_name || by_member || shape.is_some_and(|shape| shape.traits().sensitive);
        if container && !hidden {
            self.open.push(shape);
        }
        hidden
    }

    fn close(&mut self) {
        self.open.pop();
    }
}
