//! Making an SVG file inert (`[content] html_and_svg = "sanitize"`).
//!
//! The file is parsed as XML with namespaces and written again keeping
//! only what draws: elements in the SVG namespace, minus `script`,
//! `foreignObject`, `handler` and animations that target a link; their
//! attributes minus event handlers (`on*`), attributes in foreign
//! namespaces and values that are script URLs. The document type (with
//! its entity definitions) and processing instructions (style sheets,
//! XSLT) are dropped. An allow-list by namespace, so that HTML elements
//! put inside an SVG (`<h:iframe xmlns:h=…>`) go too.

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::reader::NsReader;
use quick_xml::writer::Writer;

const SVG_NS: &[u8] = b"http://www.w3.org/2000/svg";
const XLINK_NS: &[u8] = b"http://www.w3.org/1999/xlink";
const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// SVG elements that run code or hold another document.
const DROPPED: &[&str] = &["script", "foreignobject", "handler", "listener"];
/// Elements that can set an attribute to a value of their own.
const ANIMATIONS: &[&str] = &[
    "set",
    "animate",
    "animatemotion",
    "animatetransform",
    "animatecolor",
];

/// The SVG without anything that runs; `Err` says why the file cannot be
/// read as SVG (not UTF-8, not well-formed XML, not an `<svg>` root).
pub fn sanitize(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = NsReader::from_str(text);
    let mut writer = Writer::new(Vec::with_capacity(text.len()));
    // Depth of the dropped element being skipped, if any.
    let mut skipping = 0usize;
    let mut depth = 0usize;
    let mut saw_root = false;
    loop {
        let pos = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("not well-formed XML near byte {pos}: {e}"))?;
        let keep_element = |e: &BytesStart<'_>| is_svg(&ns) && keeps(e);
        let write = |w: &mut Writer<Vec<u8>>, ev: Event<'_>| {
            w.write_event(ev)
                .map_err(|e| format!("cannot write the sanitized SVG: {e}"))
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                if depth == 1 {
                    check_root(&ns, &e)?;
                    saw_root = true;
                }
                if skipping > 0 || !keep_element(&e) {
                    skipping += 1;
                    continue;
                }
                let clean = clean_attributes(&reader, &e);
                write(&mut writer, Event::Start(clean))?;
            }
            Event::Empty(e) => {
                if depth == 0 {
                    check_root(&ns, &e)?;
                    saw_root = true;
                }
                if skipping > 0 || !keep_element(&e) {
                    continue;
                }
                let clean = clean_attributes(&reader, &e);
                write(&mut writer, Event::Empty(clean))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if skipping > 0 {
                    skipping -= 1;
                    continue;
                }
                write(&mut writer, Event::End(e))?;
            }
            Event::DocType(_) | Event::PI(_) => {}
            ev @ (Event::Decl(_)
            | Event::Text(_)
            | Event::CData(_)
            | Event::Comment(_)
            | Event::GeneralRef(_)) => {
                if skipping == 0 {
                    write(&mut writer, ev)?;
                }
            }
        }
    }
    if !saw_root {
        return Err("has no <svg> element".into());
    }
    Ok(writer.into_inner())
}

fn is_svg(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(Namespace(n)) if *n == SVG_NS)
}

fn check_root(ns: &ResolveResult<'_>, e: &BytesStart<'_>) -> Result<(), String> {
    if is_svg(ns) && e.local_name().as_ref().eq_ignore_ascii_case(b"svg") {
        Ok(())
    } else {
        Err(format!(
            "the root element is <{}>, not an <svg> in the SVG namespace (xmlns=\"http://www.w3.org/2000/svg\")",
            String::from_utf8_lossy(e.name().as_ref())
        ))
    }
}

/// An SVG element is kept unless it runs code or animates a link.
fn keeps(e: &BytesStart<'_>) -> bool {
    let local = String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase();
    if DROPPED.contains(&local.as_str()) {
        return false;
    }
    if ANIMATIONS.contains(&local.as_str()) {
        let targets_link = e.attributes().flatten().any(|a| {
            a.key.local_name().as_ref() == b"attributeName"
                && a.unescape_value().is_ok_and(|v| {
                    let v = v.trim().to_ascii_lowercase();
                    v == "href" || v.ends_with(":href")
                })
        });
        return !targets_link;
    }
    true
}

/// The element with only its harmless attributes, values re-escaped.
fn clean_attributes(reader: &NsReader<&[u8]>, e: &BytesStart<'_>) -> BytesStart<'static> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut out = BytesStart::new(name);
    for attr in e.attributes().with_checks(false).flatten() {
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let Ok(value) = attr.unescape_value() else {
            continue;
        };
        if key == "xmlns" || key.starts_with("xmlns:") {
            out.push_attribute(Attribute::from((key.as_str(), value.as_ref())));
            continue;
        }
        let (ns, local) = reader.resolve_attribute(attr.key);
        let allowed_ns = match ns {
            ResolveResult::Unbound => true,
            ResolveResult::Bound(Namespace(n)) => n == XLINK_NS || n == XML_NS,
            ResolveResult::Unknown(_) => false,
        };
        let local = String::from_utf8_lossy(local.as_ref()).to_ascii_lowercase();
        if !allowed_ns || local.starts_with("on") || is_script_url(&value) {
            continue;
        }
        out.push_attribute(Attribute::from((key.as_str(), value.as_ref())));
    }
    out
}

/// `javascript:`, `vbscript:` or a `data:` URL other than a raster image,
/// anywhere in the value (an animation's `values` is a list).
fn is_script_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if squeezed.contains("javascript:") || squeezed.contains("vbscript:") {
        return true;
    }
    let raster = ["png", "jpeg", "jpg", "gif", "webp", "avif"];
    squeezed.match_indices("data:").any(|(i, _)| {
        let rest = &squeezed[i + 5..];
        !raster
            .iter()
            .any(|t| rest.starts_with(&format!("image/{t}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> String {
        String::from_utf8(sanitize(svg.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn scripts_handlers_and_script_urls_are_removed() {
        let out = clean(concat!(
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]>"#,
            r#"<?xml-stylesheet href="x.xsl" type="text/xsl"?>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10">"#,
            r#"<script>alert(2)</script><SCRIPT>alert(3)</SCRIPT>"#,
            r#"<a xlink:href="javascript:alert(4)" href=" JaVa&#x09;script:alert(5)"><rect width="5" onclick="alert(6)"/></a>"#,
            r#"<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(7)</script></div></foreignObject>"#,
            r#"<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;alert(8)&lt;/script&gt;"/>"#,
            r#"<g xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(9)"/></g>"#,
            r#"<set attributeName="href" to="javascript:alert(10)"/>"#,
            r#"<animate attributeName="xlink:href" values="0;javascript:alert(11)"/>"#,
            r#"<image href="data:text/html,&lt;script&gt;alert(12)&lt;/script&gt;"/>"#,
            r#"<image href="data:image/png;base64,AAAA"/>"#,
            r#"<text title='say "hi"'>kept &amp; text</text>"#,
            r#"<animate attributeName="opacity" values="0;1"/>"#,
            r#"</svg>"#,
        ));
        for bad in [
            "alert",
            "onload",
            "onclick",
            "script",
            "iframe",
            "DOCTYPE",
            "xsl",
            "foreignObject",
        ] {
            assert!(
                !out.to_ascii_lowercase().contains(&bad.to_ascii_lowercase()),
                "{bad} in {out}"
            );
        }
        assert!(out.contains(r#"<rect width="5"/>"#), "{out}");
        assert!(out.contains("data:image/png;base64,AAAA"), "{out}");
        assert!(out.contains(r#"title="say &quot;hi&quot;""#), "{out}");
        assert!(out.contains("kept &amp; text"), "{out}");
        assert!(out.contains(r#"attributeName="opacity""#), "{out}");
    }

    #[test]
    fn what_is_not_svg_is_refused() {
        assert!(sanitize(b"<html><script>alert(1)</script></html>").is_err());
        assert!(sanitize(b"<svg><rect></svg>").is_err());
        assert!(sanitize(b"<svg>no namespace</svg>").is_err());
        assert!(sanitize(b"\xff\xfe").is_err());
        assert!(sanitize(b"").is_err());
    }
}
