//! Unions (`xs:union`) as enums over their member types, through the code
//! generated for `schemas/features.xsd` (`Size` = Percent | xs:date | Color).

use soapgen_generated_tests::features::soapgen_features as f;
use soapgen_generated_tests::features_flat as flat;
use soapgen_runtime::xml::{self, Name};

const NS: &str = "urn:soapgen:features";

#[test]
fn members_are_tried_in_order() {
    let v: f::Size = xml::from_str("<s>42</s>").unwrap();
    assert_eq!(v, f::Size::Percent(f::Percent(42)));
    let v: f::Size = xml::from_str("<s>2024-02-29</s>").unwrap();
    assert!(matches!(v, f::Size::Date(_)), "{v:?}");
    let v: f::Size = xml::from_str("<s>dark-blue</s>").unwrap();
    assert_eq!(v, f::Size::Color(f::Color::DarkBlue));
}

#[test]
fn text_no_member_accepts_is_kept() {
    // Closed enums (flat options): "purple" is no Color, no date, no int.
    let v: flat::Size = xml::from_str("<s>purple</s>").unwrap();
    assert_eq!(v, flat::Size::Other("purple".into()));
    let out = xml::to_string(&v, Name::new(NS, "s"));
    assert!(out.ends_with(">purple</ns0:s>"), "{out}");
}

#[test]
fn every_variant_round_trips() {
    for text in ["7", "2024-02-29", "red"] {
        let v: f::Size = xml::from_str(&format!("<s>{text}</s>")).unwrap();
        let out = xml::to_string(&v, Name::new(NS, "s"));
        assert!(out.contains(&format!(">{text}<")), "{out}");
        let again: f::Size = xml::from_str(&out).unwrap();
        assert_eq!(again, v);
    }
}
