//! Word files made by the tests themselves: a zip of the XML parts Word
//! writes.

use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A `.docx` whose body is `body` (the inside of `w:body`), with these
/// styles, numbering, footnotes and core properties.
pub fn docx(body: &str, styles: &str, numbering: &str, footnotes: &str, core: &str) -> Vec<u8> {
    docx_with_header(body, styles, numbering, footnotes, core, None)
}

/// [`docx`] with a page header whose paragraphs are `header` (the inside
/// of `w:hdr`), when given.
pub fn docx_with_header(
    body: &str,
    styles: &str,
    numbering: &str,
    footnotes: &str,
    core: &str,
    header: Option<&str>,
) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut add = |name: &str, text: String| {
        z.start_file(name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    };
    add(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string(),
    );
    add(
        "_rels/.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
        ),
    );
    add(
        "word/_rels/document.xml.rels",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{R}/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="{R}/footnotes" Target="footnotes.xml"/><Relationship Id="rId9" Type="{R}/hyperlink" Target="https://undocs.org/" TargetMode="External"/>{}</Relationships>"#,
            if header.is_some() {
                format!(r#"<Relationship Id="rId7" Type="{R}/header" Target="header1.xml"/>"#)
            } else {
                String::new()
            }
        ),
    );
    if let Some(h) = header {
        add(
            "word/header1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="{W}">{h}</w:hdr>"#),
        );
    }
    add(
        "word/document.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        ),
    );
    add(
        "word/styles.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">{styles}</w:styles>"#
        ),
    );
    add(
        "word/numbering.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">{numbering}</w:numbering>"#
        ),
    );
    add(
        "word/footnotes.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes xmlns:w="{W}">{footnotes}</w:footnotes>"#
        ),
    );
    add(
        "docProps/core.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{core}</cp:coreProperties>"#
        ),
    );
    z.finish().unwrap();
    buf.into_inner()
}

/// A paragraph of style `style` (if any) with list `num` (numId, ilvl).
pub fn p(style: Option<&str>, num: Option<(u32, u32)>, runs: &str) -> String {
    let mut ppr = String::new();
    if let Some(s) = style {
        ppr.push_str(&format!(r#"<w:pStyle w:val="{s}"/>"#));
    }
    if let Some((id, l)) = num {
        ppr.push_str(&format!(
            r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#
        ));
    }
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

/// A run of text.
pub fn t(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

/// A UN report as Word writes it: the masthead as paragraphs, a Title
/// and headings by style (one style id localized, found by its name),
/// paragraphs numbered by a list the body style carries (`1.`, `2.`)
/// with lettered sub-items, a second list continuing the first, a
/// footnote, a table, a field code and a tracked deletion.
pub fn un_report_docx() -> Vec<u8> {
    let styles = r#"
<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="H23"><w:name w:val="H23_G"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="SingleTxt"><w:name w:val="_ Single Txt_G"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let numbering = r#"
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>"#;
    let footnotes = r#"
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> See A/RES/79/247, para. 3.</w:t></w:r></w:p></w:footnote>"#;
    let core = r#"<dc:title>Digital evidence report</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2025-03-12T09:30:00Z</dcterms:created>"#;
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(None, None, &t(text)));
    let distr = format!(
        "<w:tc>{}{}</w:tc>",
        p(None, None, &t("Distr.: General")),
        p(None, None, &t("Original: English"))
    );
    let body = [
        // The masthead in a layout table, as UN templates have it.
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{distr}</w:tr></w:tbl>",
            cell("United Nations"),
            cell("A/80/456"),
            cell("General Assembly"),
        ),
        p(Some("Title"), None, &t("Cooperation on digital evidence")),
        p(Some("Titre1"), None, &t("I. Introduction")),
        p(
            Some("SingleTxt"),
            None,
            &format!(
                "{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>{}",
                t("The General Assembly requested a report on digital evidence &amp; cooperation."),
                t(" It covers two matters:")
            ),
        ),
        p(Some("SingleTxt"), Some((1, 1)), &t("the laws adopted;")),
        // A paragraph that names only its level: the list is its style's.
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="SingleTxt"/><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>{}</w:p>"#,
            t("the training given.")
        ),
        p(
            Some("SingleTxt"),
            None,
            &format!(
                "{}<w:del><w:r><w:delText>withdrawn words </w:delText></w:r></w:del>{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
                t("Replies were received from "),
                t("Member States and are summarized in section "),
                t("II.")
            ),
        ),
        p(Some("H23"), None, &t("II. Replies received")),
        p(None, Some((2, 0)), &t("Argentina reported on its national strategy.")),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Country</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Laws</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Argentina</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
    ]
    .concat();
    docx(&body, styles, numbering, footnotes, core)
}
