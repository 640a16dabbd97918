//! One service out of an AST: which service, its operations (those bound through resources
//! included), and the shapes they reach, each with the name the service knows it by.

use indexmap::{IndexMap, IndexSet};

use super::ast::ShapeDef;
use crate::error::{Error, Result};

/// A service and everything it reaches.
pub(super) struct Closure<'a> {
    pub(super) service_id: &'a str,
    pub(super) service: &'a ShapeDef,
    /// Operation ids in model order: the service's own, then its resources' (depth first).
    pub(super) operations: Vec<&'a str>,
    /// Every shape the operations and the service's errors reach, by absolute id (prelude
    /// shapes excepted).
    pub(super) shapes: IndexSet<&'a str>,
    /// The service's name for each shape of `shapes`: its local name, or its `rename`.
    pub(super) names: IndexMap<&'a str, String>,
}

/// The service `wanted` (an absolute id or a local name), or the AST's only service.
pub(super) fn service<'a>(shapes: &'a IndexMap<String, ShapeDef>, wanted: Option<&str>) -> Result<Closure<'a>> {
    let services: Vec<&'a str> =
        shapes.iter().filter(|(_, s)| s.shape_type == "service").map(|(id, _)| id.as_str()).collect();
    let service_id = match wanted {
        Some(wanted) => *services.iter().find(|id| **id == wanted || local(id) == wanted).ok_or_else(|| {
            Error::model(format!("the model has no service `{wanted}` (it has {})", services.join(", ")))
        })?,
        None => match services.as_slice() {
            [only] => only,
            [] => return Err(Error::model("the model has no service")),
            many => {
                return Err(Error::model(format!(
                    "the model has {} services: pick one of {}",
                    many.len(),
                    many.join(", ")
                )));
            }
        },
    };
    let service = &shapes[service_id];
    let mut operations = Vec::new();
    let mut resources = IndexSet::new();
    collect_operations(shapes, service, &mut operations, &mut resources)?;
    let mut closure = Closure { service_id, service, operations, shapes: IndexSet::new(), names: IndexMap::new() };
    let roots = closure.operations.iter().flat_map(|id| {
        let operation = &shapes[*id];
        [&operation.input, &operation.output].into_iter().flatten().chain(&operation.errors)
    });
    let mut pending: Vec<&'a str> = roots.chain(&service.errors).map(|r| r.target.as_str()).collect();
    while let Some(id) = pending.pop() {
        if id.starts_with("smithy.api#") || !closure.shapes.insert(id) {
            continue;
        }
        let shape = shapes.get(id).ok_or_else(|| Error::model(format!("a member targets unknown shape {id}")))?;
        pending.extend(shape.all_members().map(|(_, member)| member.target.as_str()));
    }
    name_shapes(&mut closure)?;
    Ok(closure)
}

/// Depth first through resources, each operation once.
fn collect_operations<'a>(
    shapes: &'a IndexMap<String, ShapeDef>,
    container: &'a ShapeDef,
    operations: &mut Vec<&'a str>,
    resources: &mut IndexSet<&'a str>,
) -> Result<()> {
    let own = if container.shape_type == "service" {
        Box::new(container.operations.iter()) as Box<dyn Iterator<Item = _>>
    } else {
        Box::new(container.resource_operations())
    };
    for operation in own {
        let id = operation.target.as_str();
        match shapes.get(id) {
            Some(shape) if shape.shape_type == "operation" => {
                if !operations.contains(&id) {
                    operations.push(id);
                }
            }
            _ => return Err(Error::model(format!("{id} is bound as an operation but is none"))),
        }
    }
    for resource in &container.resources {
        let id = resource.target.as_str();
        let shape = shapes.get(id).ok_or_else(|| Error::model(format!("unknown resource {id}")))?;
        if resources.insert(id) {
            collect_operations(shapes, shape, operations, resources)?;
        }
    }
    Ok(())
}

/// The local names, with the service's renames; two shapes of one name are a model error, as
/// in Smithy.
fn name_shapes(closure: &mut Closure<'_>) -> Result<()> {
    let mut taken: IndexMap<String, &str> = IndexMap::new();
    for &id in &closure.shapes {
        let name = closure.service.rename.get(id).cloned().unwrap_or_else(|| local(id).to_owned());
        if let Some(other) = taken.insert(name.clone(), id) {
            return Err(Error::model(format!(
                "shapes {other} and {id} are both named {name} in service {}: rename one",
                closure.service_id
            )));
        }
        closure.names.insert(id, name);
    }
    Ok(())
}

/// The name after the namespace: `Widget` of `example.foo#Widget`.
pub(super) fn local(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}
