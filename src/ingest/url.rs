//! Resolving a relative reference against an absolute web address.

/// RFC 3986 reference resolution for the common cases: `//host/p`,
/// `/p`, `p`, `../p`, `?q`.
pub fn join(base: &str, rel: &str) -> Option<String> {
    let lower = base.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let scheme_end = base.find("://")? + 3;
    let scheme = &base[..scheme_end - 3];
    if let Some(r) = rel.strip_prefix("//") {
        return Some(format!("{scheme}://{r}"));
    }
    let after = &base[scheme_end..];
    let host_end = after
        .find(['/', '?', '#'])
        .map_or(base.len(), |i| scheme_end + i);
    let origin = &base[..host_end];
    let path_q = &base[host_end..];
    let path = path_q.split(['?', '#']).next().unwrap_or("");
    if rel.starts_with('/') {
        return Some(format!("{origin}{}", normalize_path(rel)));
    }
    if rel.starts_with('?') {
        return Some(format!("{origin}{path}{rel}"));
    }
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    Some(format!(
        "{origin}{}",
        normalize_path(&format!("{dir}{rel}"))
    ))
}

/// `/a/b/../c/./d` → `/a/c/d` (query and fragment kept).
fn normalize_path(p: &str) -> String {
    let (path, rest) = match p.find(['?', '#']) {
        Some(i) => (&p[..i], &p[i..]),
        None => (p, ""),
    };
    let mut parts: Vec<&str> = Vec::new();
    let segs: Vec<&str> = path.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            "" if i > 0 && i + 1 < segs.len() => {}
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    if path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve() {
        assert_eq!(
            join("https://a.org/x/y.html", "../z.md").as_deref(),
            Some("https://a.org/z.md")
        );
        assert_eq!(
            join("https://a.org", "z").as_deref(),
            Some("https://a.org/z")
        );
        assert_eq!(
            join("https://a.org/x/", "/p?q=1").as_deref(),
            Some("https://a.org/p?q=1")
        );
        assert_eq!(
            join("https://a.org/x/y", "?q").as_deref(),
            Some("https://a.org/x/y?q")
        );
        assert_eq!(
            join("https://a.org/x/", "//cdn.org/f").as_deref(),
            Some("https://cdn.org/f")
        );
        assert_eq!(join("file:///etc/", "passwd"), None);
    }
}
