//! The XSTS catalogue: test sets, their groups, schema tests and instance
//! tests, read from `suite.xml` and the test-set files it references.
//!
//! Only XSD 1.0 material is kept: items marked `version="1.1"` only (on
//! the test or an ancestor) and withdrawn or indeterminate tests are
//! listed as skipped, with the reason, so that the report accounts for
//! every test of every set.

use std::path::{Path, PathBuf};

const TS_NS: &str = "http://www.w3.org/XML/2004/xml-schema-test-suite/";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

/// What a test expects (`expected/@validity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Valid,
    Invalid,
}

/// Why a test is not run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Xsd11Only,
    Withdrawn,
    Indeterminate,
    NoDocument,
}

impl Skip {
    pub fn reason(&self) -> &'static str {
        match self {
            Skip::Xsd11Only => "XSD 1.1 only",
            Skip::Withdrawn => "withdrawn",
            Skip::Indeterminate => "expected validity indeterminate",
            Skip::NoDocument => "no document",
        }
    }
}

/// One `schemaTest` or `instanceTest`.
#[derive(Debug, Clone)]
pub struct Test {
    /// `set/group/name`, unique in the suite (the case id of reports).
    pub id: String,
    /// The documents (schema documents, or the one instance document).
    pub docs: Vec<PathBuf>,
    /// `Err` when the test is skipped.
    pub expected: Result<Validity, Skip>,
}

/// One `testGroup`: at most one schema test and its instance tests.
#[derive(Debug, Clone)]
pub struct Group {
    pub schema: Option<Test>,
    pub instances: Vec<Test>,
}

/// One test set (one file referenced by `suite.xml`).
#[derive(Debug, Clone)]
pub struct TestSet {
    /// The `xlink:href` from `suite.xml` (e.g. `msMeta/Regex_w3c.xml`).
    pub name: String,
    pub groups: Vec<Group>,
}

/// The parsed catalogue.
#[derive(Debug, Clone, Default)]
pub struct Suite {
    pub sets: Vec<TestSet>,
    /// Test sets that `suite.xml` lists but the checkout lacks.
    pub missing: Vec<String>,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn is_ts(node: roxmltree::Node, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace() == Some(TS_NS)
}

fn href<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XLINK_NS, "href"))
}

/// XSD 1.1-only items carry `version="1.1"` (without "1.0"), on the test
/// itself or an ancestor.
fn is_xsd11_only(node: roxmltree::Node) -> bool {
    node.ancestors()
        .find_map(|n| n.attribute("version"))
        .is_some_and(|v| {
            let toks: Vec<&str> = v.split_whitespace().collect();
            toks.contains(&"1.1") && !toks.contains(&"1.0")
        })
}

/// Reads `suite.xml` under `suite_dir` and every test set it references
/// (those whose href contains `filter`, when given).
pub fn load(suite_dir: &Path, filter: Option<&str>) -> Result<Suite, String> {
    let suite_file = suite_dir.join("suite.xml");
    if !suite_file.exists() {
        return Err(format!(
            "XSTS suite not found: {} does not exist (the W3C XML Schema Test Suite is \
             expected at ../shared/xsts relative to the workspace root; pass --suite-dir \
             <checkout of w3c/xsdtests>)",
            suite_file.display()
        ));
    }
    let text = read(&suite_file)?;
    let doc =
        roxmltree::Document::parse(&text).map_err(|e| format!("{}: {e}", suite_file.display()))?;
    let mut suite = Suite::default();
    for set_ref in doc.descendants().filter(|n| is_ts(*n, "testSetRef")) {
        let Some(h) = href(set_ref) else { continue };
        if filter.is_some_and(|f| !h.contains(f)) {
            continue;
        }
        let path = suite_dir.join(h);
        if !path.exists() {
            suite.missing.push(h.to_string());
            continue;
        }
        let text = read(&path)?;
        suite.sets.push(parse_test_set(h, &path, &text)?);
    }
    Ok(suite)
}

/// Parses one test-set document; `path` locates its relative hrefs.
pub fn parse_test_set(name: &str, path: &Path, text: &str) -> Result<TestSet, String> {
    let doc = roxmltree::Document::parse(text).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut groups = Vec::new();
    for g in doc.descendants().filter(|n| is_ts(*n, "testGroup")) {
        let gid = format!("{name}/{}", g.attribute("name").unwrap_or("?"));
        let mut group = Group {
            schema: None,
            instances: Vec::new(),
        };
        for t in g.children() {
            let (doc_tag, is_schema) = if is_ts(t, "schemaTest") {
                ("schemaDocument", true)
            } else if is_ts(t, "instanceTest") {
                ("instanceDocument", false)
            } else {
                continue;
            };
            let docs: Vec<PathBuf> = t
                .children()
                .filter(|n| is_ts(*n, doc_tag))
                .filter_map(href)
                .map(|h| dir.join(h))
                .collect();
            let test = Test {
                id: format!("{gid}/{}", t.attribute("name").unwrap_or("?")),
                expected: expected(t, docs.is_empty()),
                docs,
            };
            if is_schema {
                group.schema = Some(test);
            } else {
                group.instances.push(test);
            }
        }
        groups.push(group);
    }
    Ok(TestSet {
        name: name.to_string(),
        groups,
    })
}

fn expected(test: roxmltree::Node, no_docs: bool) -> Result<Validity, Skip> {
    let validity = test
        .children()
        .find(|n| is_ts(*n, "expected"))
        .and_then(|n| n.attribute("validity"));
    let withdrawn = test
        .children()
        .find(|n| is_ts(*n, "current"))
        .and_then(|n| n.attribute("status"))
        == Some("withdrawn");
    if is_xsd11_only(test) {
        Err(Skip::Xsd11Only)
    } else if withdrawn {
        Err(Skip::Withdrawn)
    } else if no_docs {
        Err(Skip::NoDocument)
    } else {
        match validity {
            Some("valid") => Ok(Validity::Valid),
            Some("invalid") => Ok(Validity::Invalid),
            _ => Err(Skip::Indeterminate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SET: &str = r#"<testSet xmlns="http://www.w3.org/XML/2004/xml-schema-test-suite/"
        xmlns:xlink="http://www.w3.org/1999/xlink" name="t">
      <testGroup name="g1">
        <schemaTest name="g1s"><schemaDocument xlink:href="../d/g1.xsd"/>
          <expected validity="valid"/><current status="accepted"/></schemaTest>
        <instanceTest name="g1.v"><instanceDocument xlink:href="../d/g1.xml"/>
          <expected validity="valid"/></instanceTest>
        <instanceTest name="g1.w"><instanceDocument xlink:href="../d/g1w.xml"/>
          <expected validity="invalid"/><current status="withdrawn"/></instanceTest>
      </testGroup>
      <testGroup name="g2" version="1.1">
        <schemaTest name="g2s"><schemaDocument xlink:href="../d/g2.xsd"/>
          <expected validity="invalid"/></schemaTest>
      </testGroup>
    </testSet>"#;

    #[test]
    fn groups_tests_and_skips_are_read() {
        let set = parse_test_set("m/t.xml", Path::new("/s/m/t.xml"), SET).unwrap();
        assert_eq!(set.groups.len(), 2);
        let g1 = &set.groups[0];
        let s = g1.schema.as_ref().unwrap();
        assert_eq!(s.id, "m/t.xml/g1/g1s");
        assert_eq!(s.docs, vec![PathBuf::from("/s/m/../d/g1.xsd")]);
        assert_eq!(s.expected, Ok(Validity::Valid));
        assert_eq!(g1.instances[0].expected, Ok(Validity::Valid));
        assert_eq!(g1.instances[1].expected, Err(Skip::Withdrawn));
        let g2 = set.groups[1].schema.as_ref().unwrap();
        assert_eq!(g2.expected, Err(Skip::Xsd11Only));
    }

    #[test]
    fn a_missing_suite_is_a_clear_error() {
        let err = load(Path::new("/nonexistent/xsts"), None).unwrap_err();
        assert!(err.contains("XSTS suite not found"), "{err}");
    }
}
