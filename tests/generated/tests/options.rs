//! The generator's non-default options, compiled: `features_flat` is
//! `schemas/features.xsd` generated with the flat layout, unknown elements
//! skipped and closed enumerations.

use soapgen_generated_tests::features_flat as flat;
use soapgen_runtime::xml::{self, Name};

#[test]
fn flat_layout_skip_unknown_and_closed_enums() {
    let doc = r#"<f:drawing xmlns:f="urn:soapgen:features"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <f:shape xsi:type="f:Circle" id="1"><f:radius>1</f:radius><f:bogus/></f:shape>
      <f:color>green</f:color>
    </f:drawing>"#;
    // `bogus` is skipped by generated code, without a lenient reader.
    let d: flat::Drawing = xml::from_str(doc).unwrap();
    assert!(matches!(&d.shape[0], flat::ShapeOrDerived::Circle(c) if c.radius == 1.0));
    assert_eq!(d.color, Some(flat::Color::Green));
    // Closed enumeration: unknown values are errors.
    let err = xml::from_str::<flat::Drawing>(&doc.replace("green", "purple")).unwrap_err();
    assert!(matches!(err.kind, xml::ErrorKind::InvalidValue(_)), "{err}");
    assert_eq!(err.path, "/f:drawing/f:color");
    // Round trip.
    let out = xml::to_string(&d, Name::new("urn:soapgen:features", "drawing"));
    let again: flat::Drawing = xml::from_str(&out).unwrap();
    assert_eq!(d, again);
}
