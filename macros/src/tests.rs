//! Expansion snapshots: the derives' own functions on representative
//! inputs, pretty-printed with prettyplease (no nightly `cargo expand`).

use proc_macro2::TokenStream;
use quote::quote;

fn pretty(tokens: TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

#[test]
fn aggregate_with_finders_and_events() {
    let input = quote! {
        #[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]
        #[repository(find_by(batchref = "batches[].reference"), find_all_by(tag = "batches[].tags[]"))]
        pub struct Product {
            #[aggregate(id)]
            pub sku: Sku,
            #[aggregate(version)]
            pub version_number: i64,
            pub batches: Vec<Batch>,
            #[aggregate(events)]
            #[serde(skip)]
            pub events: Vec<Event>,
        }
    };
    insta::assert_snapshot!(pretty(crate::aggregate(input)));
}

#[test]
fn aggregate_minimal() {
    let input = quote! {
        struct Counter {
            #[aggregate(id)]
            name: String,
            #[aggregate(version)]
            version: u32,
            value: u64,
        }
    };
    insta::assert_snapshot!(pretty(crate::aggregate(input)));
}

#[test]
fn aggregate_invalid_emits_errors_and_a_fallback() {
    let input = quote! {
        pub struct Product {
            #[aggregate(id)]
            pub sku: Sku,
            #[aggregate(colour)]
            pub colour: String,
        }
    };
    insta::assert_snapshot!(pretty(crate::aggregate(input)));
}

#[test]
fn repository_with_unique_and_multi_finders() {
    let input = quote! {
        #[repository(find_by(batchref = "batches[].reference"), find_all_by(tag = "batches[].tags[]"))]
        pub struct Product {
            #[aggregate(id)]
            pub sku: Sku,
            pub batches: Vec<Batch>,
        }
    };
    insta::assert_snapshot!(pretty(crate::repository(input)));
}

#[test]
fn repository_with_accessor_and_renamed_crate() {
    let input = quote! {
        #[terrace(crate = "::my_terrace")]
        #[repository(accessor = "stock")]
        pub(crate) struct Inventory {
            #[aggregate(id)]
            id: u64,
        }
    };
    insta::assert_snapshot!(pretty(crate::repository(input)));
}

#[test]
fn unit_of_work_with_one_aggregate() {
    let input = quote! {
        #[unit_of_work(aggregates(Product))]
        pub struct Shop;
    };
    insta::assert_snapshot!(pretty(crate::unit_of_work(input)));
}

#[test]
fn unit_of_work_with_two_aggregates_and_an_event_type() {
    let input = quote! {
        #[unit_of_work(aggregates(Product, crate::stock::Warehouse), events = crate::Event)]
        pub struct Shop;
    };
    insta::assert_snapshot!(pretty(crate::unit_of_work(input)));
}
