//! Derive macros of [terrace](https://docs.rs/terrace): `Aggregate`,
//! `Repository` and `UnitOfWork`. Use them through the `terrace` crate,
//! which re-exports them and documents what they generate.
//!
//! Each derive parses its input into a typed model (`ast.rs`, `attr.rs`),
//! checks the rules (`valid.rs`), reporting every error at once on the
//! offending token (`ctxt.rs`), and emits code (`expand.rs`).

mod ast;
mod attr;
mod ctxt;
mod expand;
mod prop;
mod valid;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::quote;

use crate::ctxt::Ctxt;

/// Implements `terrace::Aggregate`. Field attributes: `#[aggregate(id)]`,
/// `#[aggregate(version)]` (an integer, `i64` recommended) and optionally
/// `#[aggregate(events)]` (a `Vec` of the event type). See the `terrace` docs.
#[proc_macro_derive(Aggregate, attributes(aggregate, terrace))]
pub fn derive_aggregate(input: TokenStream) -> TokenStream {
    aggregate(input.into()).into()
}

/// Generates the repository port `<T>Repository` and the accessor trait
/// `<T>UnitOfWork`. Struct attribute: `#[repository(find_by(name = "path"),
/// find_all_by(name = "path"), accessor = "name")]`. See the `terrace` docs.
#[proc_macro_derive(Repository, attributes(repository, terrace))]
pub fn derive_repository(input: TokenStream) -> TokenStream {
    repository(input.into()).into()
}

/// Generates the unit-of-work type `<T>Uow<S>` and `T::begin(&store)` for a
/// unit struct with `#[unit_of_work(aggregates(A, ..), events = E)]`. See the
/// `terrace` docs.
#[proc_macro_derive(UnitOfWork, attributes(unit_of_work, terrace))]
pub fn derive_unit_of_work(input: TokenStream) -> TokenStream {
    unit_of_work(input.into()).into()
}

fn parse(input: TokenStream2) -> Result<syn::DeriveInput, TokenStream2> {
    syn::parse2(input).map_err(|err| err.into_compile_error())
}

/// `#[derive(Aggregate)]` on tokens (callable from unit tests).
pub(crate) fn aggregate(input: TokenStream2) -> TokenStream2 {
    let input = match parse(input) {
        Ok(input) => input,
        Err(errors) => return errors,
    };
    let mut cx = Ctxt::default();
    let ast = ast::Aggregate::from_syn(&mut cx, &input, true);
    let expandable = valid::aggregate(&mut cx, &ast);
    let code = match (expandable, cx.has_errors()) {
        (true, false) => expand::aggregate(&ast, &valid::expandable_finders(&ast)),
        (true, true) => expand::aggregate_fallback(&ast),
        (false, _) => TokenStream2::new(),
    };
    let errors = cx.into_compile_errors();
    quote!(#errors #code)
}

/// `#[derive(Repository)]` on tokens (callable from unit tests).
pub(crate) fn repository(input: TokenStream2) -> TokenStream2 {
    let input = match parse(input) {
        Ok(input) => input,
        Err(errors) => return errors,
    };
    let mut cx = Ctxt::default();
    let ast = ast::Aggregate::from_syn(&mut cx, &input, false);
    let code = if valid::repository(&mut cx, &ast) {
        expand::repository(&ast, &valid::expandable_finders(&ast))
    } else {
        TokenStream2::new()
    };
    let errors = cx.into_compile_errors();
    quote!(#errors #code)
}

/// `#[derive(UnitOfWork)]` on tokens (callable from unit tests).
pub(crate) fn unit_of_work(input: TokenStream2) -> TokenStream2 {
    let input = match parse(input) {
        Ok(input) => input,
        Err(errors) => return errors,
    };
    let mut cx = Ctxt::default();
    let ast = ast::UnitOfWork::from_syn(&mut cx, &input);
    let code = if valid::unit_of_work(&mut cx, &ast) {
        expand::unit_of_work(&ast)
    } else {
        TokenStream2::new()
    };
    let errors = cx.into_compile_errors();
    quote!(#errors #code)
}
