//! Location arithmetic: joining a schemaLocation to the document that
//! names it, for file paths and URIs alike, with lexical normalisation
//! (so that `a/../b.xsd` and `b.xsd` are one document).

/// `http://...`, `urn:...`, `soapgen:...` — anything with a scheme, except
/// Windows drive letters (`C:\...`).
pub fn is_absolute_uri(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 1 => s[..i]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => false,
    }
}

pub fn is_remote(s: &str) -> bool {
    is_absolute_uri(s) && !s.starts_with("file:")
}

/// Strip a `file:` scheme, giving a path.
pub fn file_url_to_path(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix("file://") {
        // file:///abs/path -> /abs/path ; file://localhost/abs -> /abs
        rest.strip_prefix("localhost").unwrap_or(rest)
    } else if let Some(rest) = s.strip_prefix("file:") {
        rest
    } else {
        s
    }
}

/// Resolve `location` against the document `base` (a path or URI).
pub fn join_location(base: &str, location: &str) -> String {
    let location = location.trim();
    if is_absolute_uri(location) {
        if location.starts_with("file:") {
            return normalize(file_url_to_path(location));
        }
        return location.to_string();
    }
    if location.starts_with('/') || location.starts_with('\\') {
        return normalize(location);
    }
    // Drop any query/fragment of the base before taking its directory.
    let base = base.split(['?', '#']).next().unwrap_or(base);
    let dir = match base.rfind(['/', '\\']) {
        Some(i) => &base[..=i],
        None => "",
    };
    if is_remote(base) {
        // Keep "scheme://host/" intact while normalising the path part.
        let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
        let host_end = base[scheme_end..]
            .find('/')
            .map(|i| scheme_end + i)
            .unwrap_or(base.len());
        if dir.len() < host_end {
            return format!("{}/{}", &base[..host_end], location);
        }
        let path = format!("{}{}", &dir[host_end..], location);
        return format!("{}{}", &base[..host_end], normalize(&path));
    }
    normalize(&format!("{dir}{location}"))
}

/// Lexically remove `.` and `..` segments and duplicate separators.
pub fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if matches!(out.last(), Some(s) if *s != "..") {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".to_string()
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paths_and_urls() {
        assert_eq!(join_location("a/b/c.wsdl", "../d.xsd"), "a/d.xsd");
        assert_eq!(join_location("c.wsdl", "./x/y.xsd"), "x/y.xsd");
        assert_eq!(join_location("/r/c.wsdl", "y.xsd"), "/r/y.xsd");
        assert_eq!(
            join_location("http://h/p/q/a.xsd", "../b.xsd"),
            "http://h/p/b.xsd"
        );
        assert_eq!(join_location("a/c.wsdl", "http://x/y"), "http://x/y");
        assert_eq!(join_location("a/c.wsdl", "file:///t/y.xsd"), "/t/y.xsd");
        assert!(!is_absolute_uri("C:\\x\\y.xsd"));
        assert!(is_remote("urn:foo"));
    }
}
