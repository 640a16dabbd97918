//! One finished model per Rust type, built on first use and kept for the process.

use std::any::TypeId;
use std::sync::{LazyLock, PoisonError, RwLock};

use rustc_hash::FxHashMap;

use super::Shape;
use crate::schema::{Model, ModelBuilder, ShapeId, ShapeRef};

static CACHE: LazyLock<RwLock<FxHashMap<TypeId, ShapeRef<'static>>>> = LazyLock::new(RwLock::default);

/// Builds the model of `T` alone: `T`'s shape and every shape it reaches.
///
/// # Panics
/// If the model is inconsistent, which `#[derive(Shape)]` rules out at compile time; a
/// hand-written [`Shape::describe`] that builds an invalid model panics here with the reason.
#[allow(clippy::panic)] // A type's schema is fixed at compile time: an invalid one is a bug.
pub fn build_schema<T: Shape + ?Sized>() -> (Model, ShapeId) {
    let mut builder = ModelBuilder::new();
    let id = T::describe(&mut builder);
    match builder.finish() {
        Ok(model) => (model, id),
        Err(error) => panic!("the schema of {} is invalid: {error}", std::any::type_name::<T>()),
    }
}

/// `T`'s schema from the process-wide cache. Each model is built once and lives as long as
/// the process, like the types it describes.
pub(super) fn cached<T: Shape + 'static>() -> ShapeRef<'static> {
    let key = TypeId::of::<T>();
    if let Some(shape) = CACHE.read().unwrap_or_else(PoisonError::into_inner).get(&key) {
        return *shape;
    }
    // Built outside the lock: describing never consults the cache, but a slow build should
    // not block readers of other types.
    let (model, id) = build_schema::<T>();
    let mut cache = CACHE.write().unwrap_or_else(PoisonError::into_inner);
    *cache.entry(key).or_insert_with(|| Box::leak(Box::new(model)).get(id))
}
