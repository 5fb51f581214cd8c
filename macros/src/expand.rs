//! Code generation. Only emits tokens: the input was validated before.
//!
//! Everything is named by absolute path (`::core::..`, the runtime crate
//! through `#[terrace(crate = "..")]`, `::terrace` by default), and code
//! that depends on types the macro cannot see is spanned on the user's
//! tokens, so rustc reports a wrong type where it was written.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use crate::ast::{Aggregate, Finder, Input, UnitOfWork};
use crate::attr::Role;
use crate::prop::{self, Segment};

fn role_field<'i, 'a>(input: &'i Input<'a>, role: Role) -> Option<&'i crate::ast::Field<'a>> {
    input.with_role(role).next().map(|(field, _)| field)
}

/// `impl Aggregate for T`.
pub(crate) fn aggregate(ast: &Aggregate<'_>, finders: &[&Finder]) -> TokenStream {
    let input = &ast.input;
    let krate = &input.krate;
    let ident = input.ident;
    let name = ident.to_string();
    let (Some(id), Some(version)) = (
        role_field(input, Role::Id),
        role_field(input, Role::Version),
    ) else {
        return aggregate_fallback(ast);
    };
    let id_field = id.ident;
    let id_ty = id.ty;
    let id_ty_spanned = quote_spanned!(id_ty.span()=> #id_ty);
    let version_field = version.ident;
    let version_ty = version.ty;
    let to_version = quote_spanned!(version_ty.span()=>
        <#version_ty as #krate::Version>::to_version(self.#version_field)
    );
    let from_version = quote_spanned!(version_ty.span()=>
        <#version_ty as #krate::Version>::from_version(version)
    );
    let events = role_field(input, Role::Events)
        .and_then(|field| Some((field.ident, prop::vec_element(field.ty)?)));
    let (event_ty, pending, take) = match events {
        Some((field, element)) => (
            quote!(#element),
            quote!(&self.#field),
            quote!(::core::mem::take(&mut self.#field)),
        ),
        None => (
            quote!(::core::convert::Infallible),
            quote!(&[]),
            quote!(::std::vec::Vec::new()),
        ),
    };
    let finder_items = if finders.is_empty() {
        TokenStream::new()
    } else {
        let consts = finders.iter().map(|f| {
            let name = f.name.to_string();
            let path = f.lit.value();
            let unique = f.unique;
            quote!(#krate::Finder { name: #name, path: #path, unique: #unique })
        });
        let arms = finders.iter().map(|f| {
            let name = f.name.to_string();
            let collect = match &f.segments {
                Ok(segments) => {
                    let span = f.lit.span();
                    key_code(krate, &quote_spanned!(span=> self), segments, 0, span)
                }
                Err(_) => TokenStream::new(),
            };
            quote!(if finder == #name { #collect })
        });
        quote! {
            const FINDERS: &'static [#krate::Finder] = &[#(#consts),*];

            fn finder_keys(
                &self,
                finder: &str,
            ) -> ::core::result::Result<::std::vec::Vec<#krate::Value>, #krate::Error> {
                let mut keys = ::std::vec::Vec::new();
                #(#arms)*
                ::core::result::Result::Ok(keys)
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #krate::Aggregate for #ident {
            type Id = #id_ty_spanned;
            type Event = #event_ty;

            const NAME: &'static str = #name;
            #finder_items

            fn id(&self) -> &#id_ty {
                &self.#id_field
            }

            fn version(&self) -> i64 {
                #to_version
            }

            fn set_version(&mut self, version: i64) {
                self.#version_field = #from_version;
            }

            fn pending_events(&self) -> &[#event_ty] {
                #pending
            }

            fn take_events(&mut self) -> ::std::vec::Vec<#event_ty> {
                #take
            }
        }
    }
}

/// The same tokens, every one at `span` (so a whole bound points at the
/// user's token rather than at the derive).
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let proc_macro2::TokenTree::Group(group) = &tree {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = proc_macro2::TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

/// Pushes the keys found along `segments`, starting at `base`.
fn key_code(
    krate: &syn::Path,
    base: &TokenStream,
    segments: &[Segment],
    depth: usize,
    span: Span,
) -> TokenStream {
    let Some((segment, rest)) = segments.split_first() else {
        return quote_spanned!(span=> keys.push(#krate::to_value(#base)?););
    };
    let field = syn::Ident::new(&segment.field, span);
    let place = quote_spanned!(span=> #base.#field);
    if segment.each {
        let item = format_ident!("item{}", depth);
        let inner = key_code(krate, &item.to_token_stream(), rest, depth + 1, span);
        quote_spanned!(span=> for #item in &#place { #inner })
    } else if rest.is_empty() {
        quote_spanned!(span=> keys.push(#krate::to_value(&#place)?);)
    } else {
        key_code(krate, &place, rest, depth, span)
    }
}

/// An impl that keeps the rest of the user's code compiling when the input
/// was rejected, so the user sees the derive's error and not a cascade.
pub(crate) fn aggregate_fallback(ast: &Aggregate<'_>) -> TokenStream {
    let input = &ast.input;
    let krate = &input.krate;
    let ident = input.ident;
    let name = ident.to_string();
    let ids: Vec<_> = input.with_role(Role::Id).collect();
    let id_ty = match ids.as_slice() {
        [(field, _)] => field.ty.to_token_stream(),
        _ => quote!(()),
    };
    quote! {
        #[automatically_derived]
        impl #krate::Aggregate for #ident {
            type Id = #id_ty;
            type Event = ::core::convert::Infallible;
            const NAME: &'static str = #name;
            fn id(&self) -> &Self::Id {
                ::core::unreachable!()
            }
            fn version(&self) -> i64 {
                ::core::unreachable!()
            }
            fn set_version(&mut self, _: i64) {}
            fn pending_events(&self) -> &[Self::Event] {
                &[]
            }
            fn take_events(&mut self) -> ::std::vec::Vec<Self::Event> {
                ::std::vec::Vec::new()
            }
        }
    }
}

/// The repository port `TRepository<'a>`, its implementation on
/// `Repo<'a, T, S>` for every store, and the accessor trait `TUnitOfWork`.
pub(crate) fn repository(ast: &Aggregate<'_>, finders: &[&Finder]) -> TokenStream {
    let input = &ast.input;
    let krate = &input.krate;
    let vis = input.vis;
    let ident = input.ident;
    let port = format_ident!("{}Repository", ident.unraw());
    let access = format_ident!("{}UnitOfWork", ident.unraw());
    let accessor = prop::accessor(ast);
    let fut = |out: TokenStream| quote!(impl ::core::future::Future<Output = #krate::Result<#out>> + ::core::marker::Send);
    let id = quote!(<#ident as #krate::Aggregate>::Id);
    let key_bound =
        quote!(#krate::__private::Serialize + ::core::marker::Sync + ?::core::marker::Sized);

    let f_add = fut(quote!(&'a mut #ident));
    let f_get = fut(quote!(::core::option::Option<&'a mut #ident>));
    let f_list = fut(quote!(::std::vec::Vec<&'a mut #ident>));
    let f_unit = fut(quote!(()));
    let f_bool = fut(quote!(bool));
    let f_count = fut(quote!(u64));

    let mut finder_decls = Vec::new();
    let mut finder_impls = Vec::new();
    for finder in finders {
        let name = finder.name.to_string();
        let path = finder.lit.value();
        let (method, ret, call, doc) = if finder.unique {
            (
                format_ident!("get_by_{}", finder.name.unraw(), span = finder.name.span()),
                &f_get,
                quote!(find_one),
                format!("The `{ident}` whose `{path}` is `key` (unique finder `{name}`)."),
            )
        } else {
            (
                format_ident!("list_by_{}", finder.name.unraw(), span = finder.name.span()),
                &f_list,
                quote!(find_all),
                format!("Every `{ident}` with `key` among its `{path}` (finder `{name}`)."),
            )
        };
        finder_decls.push(quote! {
            #[doc = #doc]
            fn #method<K: #key_bound>(self, key: &K) -> #ret;
        });
        finder_impls.push(quote! {
            fn #method<K: #key_bound>(self, key: &K) -> #ret {
                #krate::Repo::#call(self, #name, key)
            }
        });
    }

    let port_doc = format!(
        "The repository of [`{ident}`]: a collection that pretends every `{ident}` is in memory.\n\n\
         Obtained from a unit of work with `uow.{accessor}()`; changes to the aggregates it \
         returns are saved when the unit of work commits."
    );
    let access_doc = format!("A unit of work that tracks [`{ident}`] aggregates.");
    let accessor_doc = format!("The repository of [`{ident}`] aggregates in this unit of work.");
    quote! {
        #[doc = #port_doc]
        #vis trait #port<'a>: ::core::marker::Sized {
            /// Adds a new aggregate; it is inserted when the unit of work commits.
            fn add(self, aggregate: #ident) -> #f_add;
            /// The aggregate with this id, if it exists.
            fn get(self, id: &#id) -> #f_get;
            #(#finder_decls)*
            /// Every aggregate.
            fn list(self) -> #f_list;
            /// Removes the aggregate; it is deleted when the unit of work commits.
            fn remove(self, id: &#id) -> #f_unit;
            /// Whether an aggregate with this id exists.
            fn exists(self, id: &#id) -> #f_bool;
            /// How many aggregates exist.
            fn count(self) -> #f_count;
        }

        #[automatically_derived]
        impl<'a, S: #krate::Store> #port<'a> for #krate::Repo<'a, #ident, S> {
            fn add(self, aggregate: #ident) -> #f_add {
                #krate::Repo::add(self, aggregate)
            }
            fn get(self, id: &#id) -> #f_get {
                #krate::Repo::get(self, id)
            }
            #(#finder_impls)*
            fn list(self) -> #f_list {
                #krate::Repo::list(self)
            }
            fn remove(self, id: &#id) -> #f_unit {
                #krate::Repo::remove(self, id)
            }
            fn exists(self, id: &#id) -> #f_bool {
                #krate::Repo::exists(self, id)
            }
            fn count(self) -> #f_count {
                #krate::Repo::count(self)
            }
        }

        #[doc = #access_doc]
        #vis trait #access: #krate::UnitOfWork + #krate::Tracks<#ident> {
            #[doc = #accessor_doc]
            fn #accessor(&mut self) -> #krate::Repo<'_, #ident, <Self as #krate::UnitOfWork>::Store> {
                #krate::UnitOfWork::repository::<#ident>(self)
            }
        }

        #[automatically_derived]
        impl<U: #krate::Tracks<#ident>> #access for U {}
    }
}

/// The unit-of-work type `TUow<S>`, `T::begin` and the trait impls.
pub(crate) fn unit_of_work(ast: &UnitOfWork<'_>) -> TokenStream {
    let input = &ast.input;
    let krate = &input.krate;
    let vis = input.vis;
    let ident = input.ident;
    let uow = format_ident!("{}Uow", ident.unraw());
    let uow_name = uow.to_string();
    let aggregates = prop::unique_paths(&ast.aggregates);
    let maps: Vec<_> = (0..aggregates.len())
        .map(|i| format_ident!("map{}", i))
        .collect();
    let map_types = aggregates
        .iter()
        .map(|path| quote_spanned!(path.span()=> #krate::IdentityMap<#path>));
    // Spanned on the user's paths: "`X` is not an aggregate" points there,
    // once per item instead of at every use inside the bodies.
    let bounds: Vec<_> = aggregates
        .iter()
        .map(|path| {
            let span = path.span();
            let bound = respan(quote!(#krate::Aggregate), span);
            quote_spanned!(span=> #path: #bound)
        })
        .collect();
    let where_clause = quote!(where #(#bounds,)*);
    let event_ty = match (&ast.events, aggregates.first()) {
        (Some(ty), _) => quote!(#ty),
        (None, Some(first)) => quote_spanned!(first.span()=> <#first as #krate::Aggregate>::Event),
        (None, None) => quote!(::core::convert::Infallible),
    };
    let collect = if maps.is_empty() {
        quote!(::std::vec::Vec::new())
    } else {
        quote! {
            let mut events: ::std::vec::Vec<Self::Event> = ::std::vec::Vec::new();
            #(events.extend(self.#maps.take_events().into_iter().map(::core::convert::Into::<Self::Event>::into));)*
            events
        }
    };
    let struct_doc = format!(
        "The unit of work declared by [`{ident}`], on store `S`: begin one with [`{ident}::begin`].\n\n\
         It owns the aggregates its repositories hand out and writes the changed ones at \
         [`commit`]({krate}::UnitOfWork::commit); dropped without commit, it rolls back.",
        krate = krate
            .to_token_stream()
            .to_string()
            .replace(' ', "")
            .trim_start_matches("::")
            .to_owned()
    );
    let begin_doc =
        format!("Begins a [`{uow_name}`] on `store` (its transaction begins on first use).");
    quote! {
        #[doc = #struct_doc]
        #vis struct #uow<S: #krate::Store>
        #where_clause
        {
            session: #krate::Session<S>,
            #(#maps: #map_types,)*
        }

        #[automatically_derived]
        impl<S: #krate::Store> ::core::fmt::Debug for #uow<S>
        #where_clause
        {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#uow_name).finish_non_exhaustive()
            }
        }

        impl #ident
        #where_clause
        {
            #[doc = #begin_doc]
            #[must_use]
            #vis fn begin<S: #krate::Store>(store: &S) -> #uow<S> {
                #uow {
                    session: #krate::Session::new(::core::clone::Clone::clone(store)),
                    #(#maps: ::core::default::Default::default(),)*
                }
            }
        }

        #[automatically_derived]
        impl<S: #krate::Store> #krate::UnitOfWork for #uow<S>
        #where_clause
        {
            type Store = S;
            type Event = #event_ty;

            fn commit(
                &mut self,
            ) -> impl ::core::future::Future<Output = #krate::Result<()>> + ::core::marker::Send {
                async move {
                    let mut result: #krate::Result<()> = ::core::result::Result::Ok(());
                    #(
                        if result.is_ok() {
                            result = self.#maps.flush(&mut self.session).await;
                        }
                    )*
                    if result.is_ok() {
                        result = self.session.commit().await;
                    }
                    match result {
                        ::core::result::Result::Ok(()) => {
                            #(self.#maps.committed();)*
                            ::core::result::Result::Ok(())
                        }
                        ::core::result::Result::Err(error) => {
                            // The first error is the one that matters.
                            let _: #krate::Result<()> = self.session.rollback().await;
                            #(self.#maps.clear();)*
                            ::core::result::Result::Err(error)
                        }
                    }
                }
            }

            fn rollback(
                &mut self,
            ) -> impl ::core::future::Future<Output = #krate::Result<()>> + ::core::marker::Send {
                #(self.#maps.clear();)*
                self.session.rollback()
            }

            fn collect_new_events(&mut self) -> ::std::vec::Vec<Self::Event> {
                #collect
            }
        }

        #(
            #[automatically_derived]
            impl<S: #krate::Store> #krate::Tracks<#aggregates> for #uow<S>
            #where_clause
            {
                fn tracked(
                    &mut self,
                ) -> (&mut #krate::IdentityMap<#aggregates>, &mut #krate::Session<S>) {
                    (&mut self.#maps, &mut self.session)
                }
            }
        )*
    }
}
