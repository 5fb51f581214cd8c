//! The typed model of a derive's input. Every item keeps its syn node, so
//! errors can point at the user's tokens.

use proc_macro2::Span;
use syn::{DeriveInput, Ident, LitStr, Type, Visibility};

use crate::attr::{self, Role};
use crate::ctxt::Ctxt;
use crate::prop::{self, Segment};

/// The shape of the item a derive is on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Named,
    Tuple,
    Unit,
    Enum,
    Union,
}

/// A struct (or the item in its place) with its fields and common attributes.
pub(crate) struct Input<'a> {
    pub(crate) original: &'a DeriveInput,
    pub(crate) ident: &'a Ident,
    pub(crate) vis: &'a Visibility,
    pub(crate) shape: Shape,
    pub(crate) fields: Vec<Field<'a>>,
    /// The runtime crate: `::terrace` or `#[terrace(crate = "..")]`.
    pub(crate) krate: syn::Path,
}

/// A named field.
pub(crate) struct Field<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) roles: Vec<(Role, Span)>,
}

impl<'a> Input<'a> {
    /// `with_roles`: whether `#[aggregate(..)]` field attributes are parsed;
    /// `report_crate`: whether errors in `#[terrace(..)]` are reported (by
    /// one derive only when several share the struct).
    pub(crate) fn from_syn(
        cx: &mut Ctxt,
        input: &'a DeriveInput,
        with_roles: bool,
        report_crate: bool,
    ) -> Self {
        let (shape, fields) = match &input.data {
            syn::Data::Struct(data) => match &data.fields {
                syn::Fields::Named(named) => (
                    Shape::Named,
                    named
                        .named
                        .iter()
                        .filter_map(|field| {
                            Some(Field {
                                ident: field.ident.as_ref()?,
                                ty: &field.ty,
                                roles: if with_roles {
                                    attr::field_roles(cx, &field.attrs)
                                } else {
                                    Vec::new()
                                },
                            })
                        })
                        .collect(),
                ),
                syn::Fields::Unnamed(_) => (Shape::Tuple, Vec::new()),
                syn::Fields::Unit => (Shape::Unit, Vec::new()),
            },
            syn::Data::Enum(_) => (Shape::Enum, Vec::new()),
            syn::Data::Union(_) => (Shape::Union, Vec::new()),
        };
        Input {
            original: input,
            ident: &input.ident,
            vis: &input.vis,
            shape,
            fields,
            krate: if report_crate {
                attr::crate_path(cx, &input.attrs)
            } else {
                attr::crate_path(&mut Ctxt::default(), &input.attrs)
            },
        }
    }

    /// The fields that carry `role`.
    pub(crate) fn with_role(&self, role: Role) -> impl Iterator<Item = (&Field<'a>, Span)> {
        self.fields.iter().flat_map(move |field| {
            field
                .roles
                .iter()
                .filter(move |(r, _)| *r == role)
                .map(move |(_, span)| (field, *span))
        })
    }

    pub(crate) fn field(&self, name: &str) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| f.ident == name)
    }
}

/// A finder declared with `find_by` / `find_all_by`.
pub(crate) struct Finder {
    pub(crate) name: Ident,
    pub(crate) lit: LitStr,
    pub(crate) unique: bool,
    /// The parsed path, or why it is malformed.
    pub(crate) segments: Result<Vec<Segment>, String>,
}

/// Input of `#[derive(Aggregate)]` and `#[derive(Repository)]`.
pub(crate) struct Aggregate<'a> {
    pub(crate) input: Input<'a>,
    pub(crate) finders: Vec<Finder>,
    pub(crate) accessor: Option<LitStr>,
}

impl<'a> Aggregate<'a> {
    pub(crate) fn from_syn(cx: &mut Ctxt, input: &'a DeriveInput, with_roles: bool) -> Self {
        let input_model = Input::from_syn(cx, input, with_roles, with_roles);
        if with_roles {
            attr::misplaced_aggregate_attrs(cx, &input.attrs);
        }
        // The Aggregate derive reads the finders too (it implements their
        // keys) but leaves reporting on them to the Repository derive.
        let repo = if with_roles {
            attr::repository_attrs(&mut Ctxt::default(), &input.attrs)
        } else {
            attr::repository_attrs(cx, &input.attrs)
        };
        let finders = repo
            .finders
            .into_iter()
            .map(|f| Finder {
                segments: prop::parse_finder_path(&f.path.value()),
                name: f.name,
                lit: f.path,
                unique: f.unique,
            })
            .collect();
        Aggregate {
            input: input_model,
            finders,
            accessor: repo.accessor,
        }
    }
}

/// Input of `#[derive(UnitOfWork)]`.
pub(crate) struct UnitOfWork<'a> {
    pub(crate) input: Input<'a>,
    pub(crate) attr_seen: bool,
    pub(crate) aggregates: Vec<syn::Path>,
    pub(crate) events: Option<Type>,
}

impl<'a> UnitOfWork<'a> {
    pub(crate) fn from_syn(cx: &mut Ctxt, input: &'a DeriveInput) -> Self {
        let attrs = attr::unit_of_work_attrs(cx, &input.attrs);
        UnitOfWork {
            input: Input::from_syn(cx, input, false, true),
            attr_seen: attrs.seen,
            aggregates: attrs.aggregates,
            events: attrs.events,
        }
    }
}
