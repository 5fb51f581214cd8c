//! Derived queries on the model: finder paths, names, event types.

use syn::{GenericArgument, PathArguments, Type};

/// One step of a finder path: a field, and whether to go through every
/// element of it (`batches[]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) field: String,
    pub(crate) each: bool,
}

/// Parses `field`, `field.sub`, `coll[].field`, `coll[]`, ... by hand.
pub(crate) fn parse_finder_path(path: &str) -> Result<Vec<Segment>, String> {
    if path.is_empty() {
        return Err("the path is empty".into());
    }
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (field, each) = match part.strip_suffix("[]") {
            Some(field) => (field, true),
            None => (part, false),
        };
        if field.is_empty() {
            return Err(format!("`{path}` has an empty field name"));
        }
        let mut chars = field.chars();
        let valid_start = chars
            .next()
            .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
        if !valid_start || !chars.all(|c| c == '_' || c.is_ascii_alphanumeric()) {
            return Err(format!("`{field}` is not a field name"));
        }
        segments.push(Segment {
            field: field.to_owned(),
            each,
        });
    }
    Ok(segments)
}

/// `E` of `Vec<E>`, when the type is literally a `Vec` with one argument.
pub(crate) fn vec_element(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != "Vec" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(element)] => Some(element),
        _ => None,
    }
}

/// A type that is certainly not an integer (the macro sees tokens only:
/// aliases are checked by the `Version` bound in the generated code).
pub(crate) fn certainly_not_integer(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path.path.segments.last().is_some_and(|last| {
            matches!(
                last.ident.to_string().as_str(),
                "f32" | "f64" | "bool" | "char" | "str" | "String" | "Option" | "Vec" | "Box"
            )
        }),
        Type::Group(group) => certainly_not_integer(&group.elem),
        Type::Paren(paren) => certainly_not_integer(&paren.elem),
        _ => true,
    }
}

/// The paths without repeats (a repeat is reported by `valid.rs`).
pub(crate) fn unique_paths(paths: &[syn::Path]) -> Vec<&syn::Path> {
    let mut seen = Vec::new();
    let mut unique = Vec::new();
    for path in paths {
        let name = quote::ToTokens::to_token_stream(path).to_string();
        if !seen.contains(&name) {
            seen.push(name);
            unique.push(path);
        }
    }
    unique
}

/// The repository accessor: `accessor = ".."` when it is an identifier
/// (`valid.rs` reports it otherwise), else the plural of the type name.
pub(crate) fn accessor(ast: &crate::ast::Aggregate<'_>) -> syn::Ident {
    ast.accessor
        .as_ref()
        .and_then(|lit| {
            syn::parse_str::<syn::Ident>(&lit.value())
                .ok()
                .map(|mut ident| {
                    ident.set_span(lit.span());
                    ident
                })
        })
        .unwrap_or_else(|| {
            let name = plural(&snake_case(
                &syn::ext::IdentExt::unraw(ast.input.ident).to_string(),
            ));
            syn::Ident::new(&name, ast.input.ident.span())
        })
}

/// `OrderLine` → `order_line`.
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let after_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let acronym_end = i > 0
                && chars[i - 1].is_uppercase()
                && chars.get(i + 1).is_some_and(|next| next.is_lowercase());
            if after_lower || acronym_end {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A plain English plural of a snake-case name: `product` → `products`,
/// `batch` → `batches`, `category` → `categories`.
pub(crate) fn plural(name: &str) -> String {
    if name.ends_with('s') || name.ends_with('x') || name.ends_with("ch") || name.ends_with("sh") {
        format!("{name}es")
    } else if let Some(stem) = name.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{name}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finder_paths() {
        let seg = |field: &str, each| Segment {
            field: field.into(),
            each,
        };
        assert_eq!(parse_finder_path("sku"), Ok(vec![seg("sku", false)]));
        assert_eq!(
            parse_finder_path("batches[].reference"),
            Ok(vec![seg("batches", true), seg("reference", false)])
        );
        assert_eq!(parse_finder_path("tags[]"), Ok(vec![seg("tags", true)]));
        assert!(parse_finder_path("").is_err());
        assert!(parse_finder_path("a..b").is_err());
        assert!(parse_finder_path("a[0].b").is_err());
        assert!(parse_finder_path("1a").is_err());
        assert!(parse_finder_path("a.").is_err());
    }

    #[test]
    fn names() {
        assert_eq!(snake_case("OrderLine"), "order_line");
        assert_eq!(snake_case("HTTPServer"), "http_server");
        assert_eq!(snake_case("Sku2Batch"), "sku2_batch");
        assert_eq!(plural("product"), "products");
        assert_eq!(plural("batch"), "batches");
        assert_eq!(plural("category"), "categories");
        assert_eq!(plural("day"), "days");
    }
}
