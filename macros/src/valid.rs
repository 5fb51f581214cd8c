//! The rules a derive's input must follow. Checks only: nothing is emitted here.

use quote::ToTokens;

use crate::ast::{Aggregate, Finder, Input, Shape, UnitOfWork};
use crate::attr::Role;
use crate::ctxt::Ctxt;
use crate::prop;

/// The item is a struct with named fields (or, for `UnitOfWork`, a unit struct).
fn shape(cx: &mut Ctxt, input: &Input<'_>, derive: &str, wanted: Shape) -> bool {
    if input.shape == wanted {
        return true;
    }
    let (what, example) = if wanted == Shape::Unit {
        (
            "a unit struct",
            format!(
                "declare it as `struct {};`: the macro generates the unit-of-work type `{}Uow<S>`",
                input.ident, input.ident
            ),
        )
    } else {
        (
            "a struct with named fields",
            "an aggregate root is a struct whose fields hold its identity, version and state"
                .to_owned(),
        )
    };
    let found = match input.shape {
        Shape::Named => "a struct with fields",
        Shape::Tuple => "a tuple struct",
        Shape::Unit => "a unit struct",
        Shape::Enum => "an enum",
        Shape::Union => "a union",
    };
    match &input.original.data {
        syn::Data::Enum(data) => cx.error_spanned_by(
            data.enum_token,
            format_args!("`#[derive({derive})]` needs {what}, found {found}; {example}"),
        ),
        syn::Data::Union(data) => cx.error_spanned_by(
            data.union_token,
            format_args!("`#[derive({derive})]` needs {what}, found {found}; {example}"),
        ),
        syn::Data::Struct(data) => {
            let tokens = match &data.fields {
                syn::Fields::Unit => input.ident.to_token_stream(),
                fields => fields.to_token_stream(),
            };
            cx.error_spanned_by(
                tokens,
                format_args!("`#[derive({derive})]` needs {what}, found {found}; {example}"),
            );
        }
    }
    false
}

fn no_generics(cx: &mut Ctxt, input: &Input<'_>, derive: &str) -> bool {
    let generics = &input.original.generics;
    if generics.params.is_empty() && generics.where_clause.is_none() {
        return true;
    }
    let tokens = if generics.params.is_empty() {
        generics.where_clause.to_token_stream()
    } else {
        generics.to_token_stream()
    };
    cx.error_spanned_by(
        tokens,
        format_args!(
            "`#[derive({derive})]` does not support generic parameters: a store keeps one concrete type per aggregate; remove them, or wrap a concrete instantiation in a new struct"
        ),
    );
    false
}

/// Rules of `#[derive(Aggregate)]`. Returns whether an impl can be generated.
pub(crate) fn aggregate(cx: &mut Ctxt, ast: &Aggregate<'_>) -> bool {
    let input = &ast.input;
    if !shape(cx, input, "Aggregate", Shape::Named) {
        return false;
    }
    let generics_ok = no_generics(cx, input, "Aggregate");

    for field in &input.fields {
        if let [(first, _), rest @ ..] = field.roles.as_slice() {
            for (role, span) in rest {
                let message = if role == first {
                    format!("`{}` is repeated on field `{}`", role.attr(), field.ident)
                } else {
                    format!(
                        "field `{}` cannot be both `{}` and `{}`: each role goes on its own field",
                        field.ident,
                        first.attr(),
                        role.attr()
                    )
                };
                cx.error_at(*span, message);
            }
        }
    }

    for (role, rule) in [
        (Role::Id, "the identity"),
        (Role::Version, "the version number"),
        (Role::Events, "the pending events"),
    ] {
        let fields: Vec<_> = input.with_role(role).collect();
        if let [(first, _), rest @ ..] = fields.as_slice() {
            for (field, span) in rest {
                if field.ident != first.ident {
                    cx.error_at(
                        *span,
                        format_args!(
                            "`{}` goes on exactly one field ({rule}); found on `{}` and `{}`",
                            role.attr(),
                            first.ident,
                            field.ident
                        ),
                    );
                }
            }
        }
    }

    if input.with_role(Role::Id).next().is_none() {
        cx.error_spanned_by(
            input.ident,
            format_args!(
                "aggregate `{}` has no identity: mark the field that identifies it with `#[aggregate(id)]`",
                input.ident
            ),
        );
    }
    match input.with_role(Role::Version).next() {
        None => cx.error_spanned_by(
            input.ident,
            format_args!(
                "aggregate `{}` has no version: add a field `#[aggregate(version)] version_number: i64` (the store manages it for optimistic concurrency)",
                input.ident
            ),
        ),
        Some((field, _)) if prop::certainly_not_integer(field.ty) => cx.error_spanned_by(
            field.ty,
            format_args!(
                "`#[aggregate(version)]` field `{}` must be an integer type; declare it as `i64`",
                field.ident
            ),
        ),
        Some(_) => {}
    }
    if let Some((field, _)) = input.with_role(Role::Events).next()
        && prop::vec_element(field.ty).is_none()
    {
        cx.error_spanned_by(
            field.ty,
            format_args!(
                "`#[aggregate(events)]` field `{}` must be a `Vec` of the event type, like `Vec<ProductEvent>`",
                field.ident
            ),
        );
    }
    generics_ok
}

/// Rules of `#[derive(Repository)]`. Returns whether an impl can be generated.
pub(crate) fn repository(cx: &mut Ctxt, ast: &Aggregate<'_>) -> bool {
    let input = &ast.input;
    if !shape(cx, input, "Repository", Shape::Named) {
        return false;
    }
    let generics_ok = no_generics(cx, input, "Repository");
    let mut names: Vec<&syn::Ident> = Vec::new();
    for finder in &ast.finders {
        if let Some(previous) = names.iter().find(|n| **n == &finder.name) {
            cx.error_spanned_by(
                &finder.name,
                format_args!(
                    "finder `{previous}` is declared twice; give each finder its own name"
                ),
            );
        }
        names.push(&finder.name);
        // A bad finder is reported here and left out of the expansion.
        finder_ok(cx, input, finder);
    }
    if let Some(accessor) = &ast.accessor
        && syn::parse_str::<syn::Ident>(&accessor.value()).is_err()
    {
        cx.error_spanned_by(
            accessor,
            "the accessor is the name of a method, like `accessor = \"products\"`",
        );
    }
    generics_ok
}

/// Checks one finder path; false when it cannot be expanded.
pub(crate) fn finder_ok(cx: &mut Ctxt, input: &Input<'_>, finder: &Finder) -> bool {
    let segments = match &finder.segments {
        Ok(segments) => segments,
        Err(why) => {
            cx.error_spanned_by(
                &finder.lit,
                format_args!(
                    "malformed finder path: {why}; write `\"field\"`, `\"field.inner\"` or `\"collection[].field\"`"
                ),
            );
            return false;
        }
    };
    let first = &segments[0].field;
    if input.field(first).is_none() {
        let known: Vec<String> = input
            .fields
            .iter()
            .map(|f| format!("`{}`", f.ident))
            .collect();
        cx.error_spanned_by(
            &finder.lit,
            format_args!(
                "`{}` has no field `{first}`; a finder path starts at one of its fields: {}",
                input.ident,
                known.join(", ")
            ),
        );
        return false;
    }
    true
}

/// The finders that pass their rules, without reporting (for the `Aggregate` derive).
pub(crate) fn expandable_finders<'f>(ast: &'f Aggregate<'_>) -> Vec<&'f Finder> {
    let mut scratch = Ctxt::default();
    let mut seen: Vec<&syn::Ident> = Vec::new();
    ast.finders
        .iter()
        .filter(|f| {
            let fresh = !seen.contains(&&f.name);
            seen.push(&f.name);
            fresh && finder_ok(&mut scratch, &ast.input, f)
        })
        .collect()
}

/// Rules of `#[derive(UnitOfWork)]`. Returns whether an impl can be generated.
pub(crate) fn unit_of_work(cx: &mut Ctxt, ast: &UnitOfWork<'_>) -> bool {
    let input = &ast.input;
    if !shape(cx, input, "UnitOfWork", Shape::Unit) {
        return false;
    }
    let generics_ok = no_generics(cx, input, "UnitOfWork");
    // After a malformed `#[unit_of_work]` (already reported) an empty list
    // says nothing new.
    if ast.aggregates.is_empty() && !cx.has_errors() {
        let message = if ast.attr_seen {
            "the unit of work names no aggregate: list them in `#[unit_of_work(aggregates(Product, ..))]`"
        } else {
            "a unit of work names its aggregates: add `#[unit_of_work(aggregates(Product, ..))]`"
        };
        cx.error_spanned_by(input.ident, message);
    }
    let mut seen: Vec<String> = Vec::new();
    for path in &ast.aggregates {
        let name = path.to_token_stream().to_string();
        if seen.contains(&name) {
            cx.error_spanned_by(
                path,
                format_args!("aggregate `{}` is listed twice", name.replace(' ', "")),
            );
        }
        seen.push(name);
    }
    generics_ok
}
