//! Parsing of the `#[aggregate]`, `#[repository]`, `#[unit_of_work]` and
//! `#[terrace]` attributes. Parsing only: the rules live in `valid.rs`.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Token};

use crate::ctxt::Ctxt;

/// The role `#[aggregate(..)]` gives a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Id,
    Version,
    Events,
}

impl Role {
    pub(crate) fn attr(self) -> &'static str {
        match self {
            Role::Id => "#[aggregate(id)]",
            Role::Version => "#[aggregate(version)]",
            Role::Events => "#[aggregate(events)]",
        }
    }
}

/// Consumes the value of an unknown key (`= ..` or `(..)`) so parsing goes on.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.input.parse::<Token![=]>()?;
        while !meta.input.is_empty() && !meta.input.peek(Token![,]) {
            meta.input.parse::<proc_macro2::TokenTree>()?;
        }
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}

fn path_name(path: &syn::Path) -> String {
    quote::quote!(#path).to_string().replace(' ', "")
}

/// The roles of one field, each with the span of its keyword.
pub(crate) fn field_roles(cx: &mut Ctxt, attrs: &[Attribute]) -> Vec<(Role, Span)> {
    let mut roles = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("aggregate")) {
        let result = attr.parse_nested_meta(|meta| {
            let role = if meta.path.is_ident("id") {
                Role::Id
            } else if meta.path.is_ident("version") {
                Role::Version
            } else if meta.path.is_ident("events") {
                Role::Events
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    format_args!(
                        "unknown aggregate attribute `{}`; expected `id`, `version` or `events`",
                        path_name(&meta.path)
                    ),
                );
                return skip_value(&meta);
            };
            if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                cx.error_spanned_by(
                    &meta.path,
                    format_args!(
                        "`{}` takes no value: write `{}`",
                        path_name(&meta.path),
                        role.attr()
                    ),
                );
                return skip_value(&meta);
            }
            roles.push((
                role,
                meta.path
                    .get_ident()
                    .map_or_else(Span::call_site, syn::Ident::span),
            ));
            Ok(())
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    roles
}

/// `#[aggregate(..)]` written on the struct instead of a field.
pub(crate) fn misplaced_aggregate_attrs(cx: &mut Ctxt, attrs: &[Attribute]) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("aggregate")) {
        cx.error_spanned_by(
            attr,
            "`#[aggregate(..)]` goes on fields: `#[aggregate(id)]`, `#[aggregate(version)]`, `#[aggregate(events)]`",
        );
    }
}

/// One `name = "path"` entry of `find_by(..)` / `find_all_by(..)`.
pub(crate) struct FinderAttr {
    pub(crate) name: syn::Ident,
    pub(crate) path: LitStr,
    pub(crate) unique: bool,
}

/// The content of `#[repository(..)]`.
#[derive(Default)]
pub(crate) struct RepositoryAttrs {
    pub(crate) finders: Vec<FinderAttr>,
    pub(crate) accessor: Option<LitStr>,
}

/// Parses every `#[repository(..)]` on the struct.
pub(crate) fn repository_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> RepositoryAttrs {
    let mut out = RepositoryAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("repository")) {
        let result = attr.parse_nested_meta(|meta| {
            let unique = if meta.path.is_ident("find_by") {
                true
            } else if meta.path.is_ident("find_all_by") {
                false
            } else if meta.path.is_ident("accessor") {
                out.accessor = Some(meta.value()?.parse()?);
                return Ok(());
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    format_args!(
                        "unknown repository attribute `{}`; expected `find_by(name = \"path\")`, `find_all_by(name = \"path\")` or `accessor = \"name\"`",
                        path_name(&meta.path)
                    ),
                );
                return skip_value(&meta);
            };
            if !meta.input.peek(syn::token::Paren) {
                return Err(meta.error(format_args!(
                    "expected a list of finders: `{}(name = \"field\")` or `{}(name = \"collection[].field\")`",
                    path_name(&meta.path),
                    path_name(&meta.path)
                )));
            }
            meta.parse_nested_meta(|finder| {
                let Some(name) = finder.path.get_ident().cloned() else {
                    return Err(finder.error("a finder's name is one identifier, like `batchref`"));
                };
                if !finder.input.peek(Token![=]) {
                    return Err(finder.error(format_args!(
                        "write the finder as `{name} = \"path\"`, the path naming a field like `\"sku\"` or `\"batches[].reference\"`"
                    )));
                }
                let path: LitStr = finder.value()?.parse()?;
                out.finders.push(FinderAttr { name, path, unique });
                Ok(())
            })
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

/// The content of `#[unit_of_work(..)]`.
#[derive(Default)]
pub(crate) struct UnitOfWorkAttrs {
    /// The attribute itself, for errors about what is missing.
    pub(crate) seen: bool,
    pub(crate) aggregates: Vec<syn::Path>,
    pub(crate) events: Option<syn::Type>,
}

/// Parses every `#[unit_of_work(..)]` on the struct.
pub(crate) fn unit_of_work_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> UnitOfWorkAttrs {
    let mut out = UnitOfWorkAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("unit_of_work")) {
        out.seen = true;
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("aggregates") {
                if !meta.input.peek(syn::token::Paren) {
                    return Err(meta.error("expected a list of aggregate types: `aggregates(Product, ..)`"));
                }
                let content;
                syn::parenthesized!(content in meta.input);
                let paths =
                    syn::punctuated::Punctuated::<syn::Path, Token![,]>::parse_terminated(&content)?;
                out.aggregates.extend(paths);
                Ok(())
            } else if meta.path.is_ident("events") {
                out.events = Some(meta.value()?.parse()?);
                Ok(())
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    format_args!(
                        "unknown unit_of_work attribute `{}`; expected `aggregates(..)` or `events = Type`",
                        path_name(&meta.path)
                    ),
                );
                skip_value(&meta)
            }
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    out
}

/// `#[terrace(crate = "..")]`: the path of the runtime crate, `::terrace` by default.
pub(crate) fn crate_path(cx: &mut Ctxt, attrs: &[Attribute]) -> syn::Path {
    let mut path: syn::Path = syn::parse_quote!(::terrace);
    for attr in attrs.iter().filter(|a| a.path().is_ident("terrace")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                path = lit.parse()?;
                Ok(())
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    format_args!(
                        "unknown terrace attribute `{}`; expected `crate = \"path\"`",
                        path_name(&meta.path)
                    ),
                );
                skip_value(&meta)
            }
        });
        if let Err(err) = result {
            cx.syn_error(err);
        }
    }
    path
}
