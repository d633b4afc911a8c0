//! The title a UN resolution or draft resolution states just above its
//! text, below the masthead: a resolution's number and title
//! (`78/10. Building a peaceful and better world…`), or the title a draft
//! repeats after its sponsors (`Algeria, Austria …: draft resolution` /
//! `Ethical imperatives for a nuclear-weapon-free world`). The masthead
//! above it names the agenda item, which is not the document's title.
//!
//! Language-independent where the documents are: a resolution's number is
//! written the same in the six UN languages; a draft's label is matched in
//! each of them.

use std::sync::LazyLock;

use regex::Regex;

use super::model::Block;
use super::text::visible_len;

/// `78/10. `, `S-27/2. `, `ES-10/21. `: a General Assembly resolution's
/// number before its title.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]{1,2}-)?\d{1,3}/\d{1,3}(?:\.|\s+[-–]\s)\s*(\S.*)$").unwrap()
});

/// What a draft calls itself, in the UN languages: after its sponsors
/// (`Algeria and Chile: draft resolution`, `Ukraine: amendment to draft
/// resolution A/80/L.3`, `Austria and Belgium: amendment to draft
/// resolution 6 recommended by the Second Committee…`) or before the
/// officer who submits it (`Draft resolution submitted by the Chair…`).
static DRAFT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let label = r"(?:draft (?:resolution|decision)s?|projets? de (?:résolution|décision)|proyectos? de (?:resolución|decisión)|проекты? (?:резолюци[ийя]|решени[йея])|决议草案|决定草案|(?:مشروع|مشاريع) (?:قرار|مقرر)ات?)";
    Regex::new(&format!(
        r"(?i)^{label}\s|[:：][\s*]*(?:\S+\s+){{0,3}}{label}|{label}(?:\s+[A-Z]+/[A-Z0-9./]+(?:/Rev\.\d+)?)?\W{{0,3}}$"
    ))
    .unwrap()
});

/// A resolution's statement of its adoption, in the UN languages
/// (`Resolution adopted by the General Assembly on 21 November 2023`,
/// `Résolution adoptée par l'Assemblée générale le …`, `2023年11月21日大会
/// 通过的决议`): the first line of the resolution's own head.
static ADOPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:resolution adopted by|résolution adoptée par|resolución aprobada por|резолюция,? принятая|قرار اتخذ(?:ته|ها))|通过的决议$|\d日大会决议$",
    )
    .unwrap()
});

/// Whether a line below a masthead begins the document's own head rather
/// than continuing the masthead: a resolution's adoption statement
/// (`Resolution adopted by …`, `Adopted by the Security Council at …`),
/// the editorial note in brackets under it (`[on the report of the Third
/// Committee (A/78/481)]`) or its number and title (`78/10. Building…`).
/// The masthead's session, agenda item and agenda title stand above it.
pub fn opens_head(line: &str) -> bool {
    is_statement(line) || NUMBER.is_match(line.trim())
}

/// A draft's label: `Chile and Mexico: draft resolution`, `Draft
/// resolution submitted by the Chair…`.
pub fn is_draft_label(line: &str) -> bool {
    DRAFT_LABEL.is_match(line.trim())
}

/// The issuing body below a document's title, the masthead's last line:
/// `Note by the Secretariat`, `Report of the Secretary-General`, and the
/// same in the other UN languages. Short: a report's long title
/// (`Report of the Special Rapporteur on …`) goes on over lines.
pub fn is_issuer(line: &str) -> bool {
    static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:(?:note|report) (?:by|of) the|(?:note|rapport) du|(?:nota|informe) (?:de la|del)|(?:записка|доклад) |(?:مذكرة|تقرير) )|(?:的说明|的报告)$",
        )
        .unwrap()
    });
    let t = line.trim();
    visible_len(t) <= 50 && ISSUER.is_match(t)
}

/// An adoption statement or a bracketed editorial note: a line of text,
/// never a heading, however a PDF sets it.
pub fn is_statement(line: &str) -> bool {
    let t = line.trim();
    ADOPTION.is_match(t)
        || super::text::is_adoption_statement(t)
        || (t.starts_with('[') && t.ends_with(']'))
}

/// How many blocks below the masthead the title may stand.
const LOOK: usize = 12;

/// Takes the stated title out of the first blocks and returns it, or
/// leaves the blocks as they are.
/// `front` is the masthead's text, whose last line may be the label.
/// The line it was stated on goes to the masthead's text (`front`): a
/// resolution's number (`78/10.`) still says which resolution it is.
pub fn take(blocks: &mut Vec<Block>, front: &mut String) -> Option<String> {
    take_stated(blocks, front).or_else(|| amendment_label(blocks, front))
}

/// An amendment that states no title of its own below its label (`Denmark,
/// France … and United Kingdom of Great` / `Britain and Northern Ireland:
/// amendment to the draft resolution` / `contained in document
/// S/2025/112`, then the amendment's instructions) is titled by its whole
/// label: the masthead's lines that go on into it and the lines under it
/// that go on from it (taken into the masthead).
fn amendment_label(blocks: &mut Vec<Block>, front: &mut String) -> Option<String> {
    static AMENDMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bamendments?\b|\bamendements?\b|\benmiendas?\b|поправк|تعديل|修正")
            .unwrap()
    });
    let lines: Vec<&str> = front.lines().map(str::trim).collect();
    let (at, end) = last_label(&lines)?;
    if !AMENDMENT.is_match(lines[at]) {
        return None;
    }
    // The sponsors' names broken over lines above it: no masthead field
    // (`Original: English`), no full stop.
    let mut from = at;
    while from > 0 && at - from < 3 {
        let prev = lines[from - 1];
        if prev.is_empty() || prev.contains([':', '：']) || prev.ends_with(['.', ';']) {
            break;
        }
        from -= 1;
    }
    let mut label = lines[from..=end].join(" ");
    let mut taken = Vec::new();
    while let Some(Block::Para {
        text, num: None, ..
    }) = blocks.first()
        && continues_label(text.trim())
        && !text.trim().starts_with('(')
        && visible_len(text) <= 120
    {
        label.push(' ');
        label.push_str(text.trim());
        taken.push(text.trim().to_string());
        blocks.remove(0);
    }
    for t in taken {
        front.push('\n');
        front.push_str(&t);
    }
    Some(label)
}

/// Where the masthead's lines (trimmed) end with a draft's label: the
/// label's line and the masthead's last, the lines between going on with
/// it in lower case (`…submitted by the Chair of the Committee following`
/// / `informal consultations`).
fn last_label(lines: &[&str]) -> Option<(usize, usize)> {
    let end = lines.iter().rposition(|l| !l.is_empty())?;
    let mut at = end;
    while at > 0 && lines[at].chars().next().is_some_and(char::is_lowercase) {
        at -= 1;
    }
    DRAFT_LABEL.is_match(lines[at]).then_some((at, end))
}

/// The title the document states below its masthead or its label.
fn take_stated(blocks: &mut Vec<Block>, front: &mut String) -> Option<String> {
    let lines: Vec<&str> = front.lines().map(str::trim).collect();
    let mut after_label = last_label(&lines).is_some();
    for i in 0..blocks.len().min(LOOK) {
        let (text, heading) = match &blocks[i] {
            Block::Heading { text, .. } => (text, true),
            Block::Para {
                text, num: None, ..
            } => (text, false),
            _ => return None,
        };
        let line = text.trim();
        // A text dump keeps the title line a paragraph: it states the
        // number, or follows the label, and ends no sentence.
        let stated = if let Some(c) = NUMBER.captures(line)
            && (heading || !ends_clause(line))
        {
            Some(c[1].trim().to_string())
        } else if after_label
            && !OPENING.is_match(line)
            && !continues_label(line)
            // An amendment's instruction introduces the words it puts in
            // (`Amend the operative paragraph, so that it reads as
            // follows:`): no title ends with a colon.
            && !line.ends_with([':', '：'])
            && (heading || !ends_clause(line) && visible_len(line) <= MAX_TITLE)
        {
            Some(line.to_string())
        } else {
            None
        };
        if let Some(mut t) = stated.filter(|t| visible_len(t) >= 3) {
            if !front.is_empty() {
                front.push('\n');
            }
            front.push_str(line);
            blocks.remove(i);
            // A dump breaks a long title over lines: the short lines that
            // go on with it are the rest of it. A title set in its own
            // type (a PDF's heading) is whole already: the plain line
            // under it is text (an amendment's `Delete the thirty-eighth
            // preambular paragraph, reading`). Unless the heading stops
            // on a function word (`…and protection of` / `United Nations
            // personnel`): a dump's short line taken for a heading.
            while let Some(Block::Para {
                text, num: None, ..
            }) = blocks.get(i)
                && is_title_line(&blocks[i])
                && if heading {
                    ends_open(&t)
                } else {
                    goes_on(&t, text)
                }
            {
                t.push(' ');
                t.push_str(text.trim());
                blocks.remove(i);
            }
            return Some(t);
        }
        after_label = DRAFT_LABEL.is_match(line) || (after_label && continues_label(line));
        // Running text ends the search, but not the sponsors' list that
        // introduces the label on a line of its own (`…and Uruguay:` /
        // `draft resolution`).
        // Nor does a long list of sponsors broken into paragraphs (each
        // line of names ends with a comma) when the label follows it.
        if !heading
            && !after_label
            && is_text(line)
            && !line.ends_with([':', '：'])
            && !label_ahead(&blocks[i + 1..])
        {
            return None;
        }
    }
    None
}

/// Whether a line under a draft's label is the rest of it, broken over
/// lines (`Draft resolution submitted by the Vice-Chair of the Committee,
/// Weronika Garbacz` / `(Poland), on the basis of informal consultations
/// on draft resolution A/C.2/80/L.8`): it opens with a bracket or a small
/// letter, or is a label itself. A title opens with a capital.
fn continues_label(line: &str) -> bool {
    DRAFT_LABEL.is_match(line)
        || line
            .chars()
            .next()
            .is_some_and(|c| c == '(' || c.is_lowercase())
}

/// The longest title a draft states after its label, in characters (a
/// long title is a paragraph in a text dump; running text is longer).
const MAX_TITLE: usize = 400;

/// Whether a draft's label stands among the next blocks, before the text
/// opens (`The General Assembly,`).
fn label_ahead(blocks: &[Block]) -> bool {
    for b in blocks.iter().take(LOOK) {
        let text = match b {
            Block::Para {
                text, num: None, ..
            }
            | Block::Heading { text, .. } => text.trim(),
            _ => return false,
        };
        if DRAFT_LABEL.is_match(text) {
            return true;
        }
        if OPENING.is_match(text) {
            return false;
        }
    }
    false
}

/// Whether `next` goes on with a title broken over lines: the title
/// ends with a function word of its language (`…Religious and` /
/// `Linguistic Minorities`), or it is long and `next` starts no
/// phrase of its own (`…Committee on Security` / `Questions in Central
/// Africa`, not `The General Assembly`).
fn goes_on(title: &str, next: &str) -> bool {
    let Some(stops) = super::clean::blocks::document_stopwords(&[title, next]) else {
        return false;
    };
    ends_with_function_word(stops, title)
        || visible_len(title) >= 40 && !starts_with_function_word(stops, next)
}

/// Whether a title stops on a function word of its language (`…and
/// protection of`): it goes on below, whatever the line below is.
pub(crate) fn ends_open(title: &str) -> bool {
    super::clean::blocks::document_stopwords(&[title])
        .is_some_and(|stops| ends_with_function_word(stops, title))
}

fn ends_with_function_word(stops: &super::clean::blocks::Stoplist, t: &str) -> bool {
    t.split_whitespace()
        .next_back()
        .is_some_and(|w| super::clean::blocks::is_function_token(stops, w))
}

fn starts_with_function_word(stops: &super::clean::blocks::Stoplist, t: &str) -> bool {
    t.split_whitespace()
        .next()
        .is_some_and(|w| super::clean::blocks::is_function_token(stops, w))
}

/// A short line that is no text: a piece of a title broken over lines.
fn is_title_line(b: &Block) -> bool {
    match b {
        Block::Heading { text, .. }
        | Block::Para {
            text, num: None, ..
        } => !is_text(text) && visible_len(text.trim()) <= 120,
        _ => false,
    }
}

fn ends_clause(t: &str) -> bool {
    t.ends_with([',', '.', ';', '，', '。', '；', '،'])
}

/// Whether a paragraph is running text (the preamble has begun), not a
/// short masthead line such as `Agenda item 99 (ee)`.
fn is_text(t: &str) -> bool {
    let t = t.trim();
    visible_len(t) > 120 || ends_clause(t) || OPENING.is_match(t)
}

/// The organ that speaks, opening a resolution's text (`The General
/// Assembly,`, with or without its comma), in the UN languages: the text
/// has begun, this is no title.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:the (?:general assembly|security council|economic and social council|human rights council)|l['’]assemblée générale|le conseil (?:de sécurité|économique et social|des droits de l['’]homme)|la asamblea general|el consejo (?:de seguridad|económico y social|de derechos humanos)|генеральная ассамблея|совет (?:безопасности|по правам человека)|экономический и социальный совет|大会|安全理事会|经济及社会理事会|人权理事会|الجمعية العامة|مجلس الأمن|المجلس الاقتصادي والاجتماعي|مجلس حقوق الإنسان)\s*[,，:،]?$",
    )
    .unwrap()
});

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(t: &str) -> Block {
        Block::Heading {
            level: 2,
            text: t.into(),
        }
    }

    #[test]
    fn a_resolution_is_titled_by_the_line_with_its_number() {
        let mut blocks = vec![
            heading("Sport for development and peace: building a peaceful and better world"),
            heading("Resolution adopted by the General Assembly on 21 November 2023"),
            heading("78/10. Building a peaceful and better world through sport"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut blocks, &mut String::new()).as_deref(),
            Some("Building a peaceful and better world through sport")
        );
        assert_eq!(blocks.len(), 3, "the title line leaves the body");
        let mut zh = vec![
            heading("78/10. 通过体育和奥林匹克理想建设和平美好世界"),
            Block::para("大会，"),
        ];
        assert_eq!(
            take(&mut zh, &mut String::new()).as_deref(),
            Some("通过体育和奥林匹克理想建设和平美好世界")
        );
    }

    #[test]
    fn a_draft_is_titled_by_the_heading_after_its_sponsors() {
        let mut blocks = vec![
            heading("First Committee"),
            Block::para("Agenda item 99 (ee)"),
            heading("General and complete disarmament: ethical imperatives"),
            heading("Algeria, Austria, Brazil and Chile: draft resolution"),
            heading("Ethical imperatives for a nuclear-weapon-free world"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut blocks, &mut String::new()).as_deref(),
            Some("Ethical imperatives for a nuclear-weapon-free world")
        );
        let mut fr = vec![
            heading("Algérie, Autriche et Brésil : projet de résolution"),
            heading("Impératifs éthiques pour un monde exempt d’armes nucléaires"),
        ];
        assert_eq!(
            take(&mut fr, &mut String::new()).as_deref(),
            Some("Impératifs éthiques pour un monde exempt d’armes nucléaires")
        );
    }

    #[test]
    fn a_text_dump_draft_is_titled_after_a_long_list_of_sponsors() {
        // A dump keeps the sponsors' lines as paragraphs of running text
        // (each ends with a comma) above the label, and a long title as
        // one paragraph of more than a line.
        let title = "Sustainable fisheries, including through the 1995 Agreement for the Implementation of the Provisions of the United Nations Convention on the Law of the Sea of 10 December 1982 relating to the Conservation and Management of Straddling Fish Stocks and Highly Migratory Fish Stocks, and related instruments";
        let mut blocks = vec![
            Block::para(
                "Afghanistan, Albania, Algeria, Azerbaijan, Bahrain, Bangladesh, Benin, Brunei Darussalam, Burkina Faso, Cameroon, Chad, Comoros,",
            ),
            Block::para("Yemen and State of Palestine: draft resolution"),
            Block::para(title),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut blocks, &mut String::new()).as_deref(),
            Some(title)
        );
        // Running text with no label ahead still ends the search.
        let mut text = vec![
            Block::para(
                "Under agenda item 121, pursuant to paragraph 3 (b) of the annex to resolution 58/316, the Committee decided the following,",
            ),
            Block::para("Provisional programme of work"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(take(&mut text, &mut String::new()), None);
        // A label set as a heading below the text that introduces it.
        let mut decision = vec![
            Block::para(
                "Under agenda item 121, “Revitalization of the work of the General Assembly”, pursuant to paragraph 3 (b) of the annex to resolution 58/316, the Committee recommends:",
            ),
            heading("Draft decision"),
            Block::para(
                "Provisional programme of work of the Sixth Committee for the eighty-first session",
            ),
        ];
        assert_eq!(
            take(&mut decision, &mut String::new()).as_deref(),
            Some(
                "Provisional programme of work of the Sixth Committee for the eighty-first session"
            )
        );
    }

    #[test]
    fn a_title_heading_that_stops_on_a_function_word_goes_on_below() {
        // The label ended the masthead; a dump's short first line was taken
        // for a heading, the rest of the title is the line under it.
        let mut blocks = vec![
            heading("Safety and security of humanitarian personnel and protection of"),
            Block::para("United Nations personnel"),
            Block::para("Delete operative paragraph 9."),
        ];
        let mut front = "Russian Federation:* amendment to draft resolution A/80/L.18".to_string();
        assert_eq!(
            take(&mut blocks, &mut front).as_deref(),
            Some(
                "Safety and security of humanitarian personnel and protection of United Nations personnel"
            )
        );
        assert_eq!(blocks.len(), 1, "{blocks:?}");
    }

    #[test]
    fn an_amendment_with_no_title_of_its_own_is_titled_by_its_label() {
        let mut blocks = vec![
            Block::para("contained in document S/2025/112"),
            Block::para("Amend the operative paragraph, so that it reads as follows:"),
            Block::para(
                "“Implores a swift end to the conflict and further urges a just, lasting and comprehensive peace.”",
            ),
        ];
        let mut front = "Security Council Distr.: General\n24 February 2025\nOriginal: English\nDenmark, France, Greece, Slovenia and United Kingdom of Great\nBritain and Northern Ireland: amendment to the draft resolution".to_string();
        assert_eq!(
            take(&mut blocks, &mut front).as_deref(),
            Some(
                "Denmark, France, Greece, Slovenia and United Kingdom of Great Britain and Northern Ireland: amendment to the draft resolution contained in document S/2025/112"
            )
        );
        // The instruction stays the amendment's text.
        assert_eq!(blocks.len(), 2);
        // The masthead may hold the label's end already (`contained` /
        // `in document …`, taken in by the lower case that goes on).
        let mut blocks = vec![Block::para("Amend the operative paragraph as follows:")];
        let mut front = "Original: English\nDenmark, France and United Kingdom of Great\nBritain and Northern Ireland: amendment to the draft resolution contained\nin document S/2025/112".to_string();
        assert_eq!(
            take(&mut blocks, &mut front).as_deref(),
            Some(
                "Denmark, France and United Kingdom of Great Britain and Northern Ireland: amendment to the draft resolution contained in document S/2025/112"
            )
        );
        // A label the masthead holds broken over lines introduces the
        // title that follows it all the same.
        let mut blocks = vec![
            Block::para("Report on the activities of the Ethics Office"),
            Block::para("The General Assembly,"),
        ];
        let mut front = "Fifth Committee\nDraft resolution submitted by the Chair of the Committee following\ninformal consultations".to_string();
        assert_eq!(
            take(&mut blocks, &mut front).as_deref(),
            Some("Report on the activities of the Ethics Office")
        );
        // A draft resolution's label is no title: its title follows it.
        let mut blocks = vec![Block::para("The Security Council,")];
        let mut front = "Albania and Chile: draft resolution".to_string();
        assert_eq!(take(&mut blocks, &mut front), None);
    }

    #[test]
    fn an_amendment_or_an_officers_draft_is_titled_by_the_heading_after_its_label() {
        let mut amendment = vec![
            heading("Ukraine:* amendment to draft resolution A/80/L.3"),
            heading("Persistent legacy of the Chernobyl disaster"),
        ];
        assert_eq!(
            take(&mut amendment, &mut String::new()).as_deref(),
            Some("Persistent legacy of the Chernobyl disaster")
        );
        let mut recommended = vec![
            heading(
                "Austria and Belgium:* amendment to draft resolution 6 recommended by the Second Committee in its report contained in document A/80/555",
            ),
            heading("External debt sustainability and development"),
        ];
        assert_eq!(
            take(&mut recommended, &mut String::new()).as_deref(),
            Some("External debt sustainability and development")
        );
        let mut chair = vec![
            heading("Draft resolution submitted by the Chair of the Committee"),
            heading("Report on the activities of the Ethics Office"),
        ];
        assert_eq!(
            take(&mut chair, &mut String::new()).as_deref(),
            Some("Report on the activities of the Ethics Office")
        );
        // A vice-chair's label broken over lines: its rest is no title.
        for rest in [
            "(Poland), on the basis of informal consultations on draft resolution A/C.2/80/L.8",
            "informal consultations",
        ] {
            let mut vice = vec![
                Block::para(
                    "Draft resolution submitted by the Vice-Chair of the Committee, Weronika Garbacz",
                ),
                Block::para(rest),
                Block::para("Commodities"),
                Block::para("The General Assembly,"),
            ];
            assert_eq!(
                take(&mut vice, &mut String::new()).as_deref(),
                Some("Commodities"),
                "{rest}"
            );
        }
        // The label closed the masthead: the first heading is the title.
        let mut blocks = vec![
            heading("2025 Political Declaration"),
            heading("The General Assembly"),
        ];
        let front =
            "Agenda item 107\nDraft resolution submitted by the President of the General Assembly";
        assert_eq!(
            take(&mut blocks, &mut front.to_string()).as_deref(),
            Some("2025 Political Declaration")
        );
    }

    #[test]
    fn a_text_dump_states_its_title_in_paragraphs() {
        let mut resolution = vec![
            Block::para("Resolution adopted by the General Assembly on 18 December 2023"),
            Block::para(
                "78/131. Enhancing action at the national, regional and international levels to address the global public health and security challenges posed by synthetic drugs",
            ),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut resolution, &mut String::new()).as_deref(),
            Some(
                "Enhancing action at the national, regional and international levels to address the global public health and security challenges posed by synthetic drugs"
            )
        );
        let mut broken = vec![
            Block::para(
                "78/211. Effective promotion of the Declaration on the Rights of Persons Belonging to National or Ethnic, Religious and",
            ),
            Block::para("Linguistic Minorities"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut broken, &mut String::new()).as_deref(),
            Some(
                "Effective promotion of the Declaration on the Rights of Persons Belonging to National or Ethnic, Religious and Linguistic Minorities"
            )
        );
        assert_eq!(broken.len(), 1);
        let mut whole = vec![
            Block::para(
                "78/3. Political declaration of the General Assembly high-level meeting on pandemic prevention, preparedness and response",
            ),
            Block::para("The General Assembly"),
            Block::para("Approves the political declaration annexed to the present resolution."),
        ];
        assert_eq!(
            take(&mut whole, &mut String::new()).as_deref(),
            Some(
                "Political declaration of the General Assembly high-level meeting on pandemic prevention, preparedness and response"
            )
        );
        let mut short = vec![
            Block::para("78/256. Working Capital Fund for 2024"),
            Block::para("Resolves that"),
            Block::para("1. The Working Capital Fund shall be established."),
        ];
        assert_eq!(
            take(&mut short, &mut String::new()).as_deref(),
            Some("Working Capital Fund for 2024")
        );
        let mut draft = vec![
            Block::para(
                "Albania, Australia, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Canada, Chile, China, Comoros, Croatia and Uruguay: draft resolution",
            ),
            Block::para("The Arms Trade Treaty"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut draft, &mut String::new()).as_deref(),
            Some("The Arms Trade Treaty")
        );

        let mut label_apart = vec![
            Block::para(
                "Albania, Australia, Austria, Belgium, Bhutan, Bosnia and Herzegovina, Bulgaria, Canada, Chile, Croatia, the United Kingdom and Uruguay:",
            ),
            Block::para("draft resolution"),
            Block::para("Endorsement of the New York Declaration on the Peaceful"),
            Block::para("Settlement of the Question of Palestine"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(
            take(&mut label_apart, &mut String::new()).as_deref(),
            Some(
                "Endorsement of the New York Declaration on the Peaceful Settlement of the Question of Palestine"
            )
        );
    }

    #[test]
    fn the_text_and_numbered_paragraphs_are_never_a_title() {
        // A report: its headings are sections, its paragraphs numbered text.
        let mut report = vec![
            heading("Summary"),
            Block::para("The present report is submitted pursuant to resolution 73/187."),
            heading("12. Not a resolution"),
        ];
        assert_eq!(take(&mut report, &mut String::new()), None);
        assert_eq!(report.len(), 3);
        // A date is no resolution number, a sponsor line's own text no title.
        let mut other = vec![
            heading("12/2019. Something"),
            heading("Algeria and Chile: draft resolution"),
            Block::para("The General Assembly,"),
        ];
        assert_eq!(take(&mut other, &mut String::new()), None);
    }

    #[test]
    fn a_title_set_as_a_heading_takes_no_plain_line_after_it() {
        let mut blocks = vec![
            heading(
                "Safety and security of humanitarian personnel and protection of United Nations personnel",
            ),
            Block::para("Delete the thirty-eighth preambular paragraph reading"),
        ];
        let mut front = "Ukraine: amendment to draft resolution A/80/L.12".to_string();
        assert_eq!(
            take(&mut blocks, &mut front).as_deref(),
            Some(
                "Safety and security of humanitarian personnel and protection of United Nations personnel"
            )
        );
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn the_organ_opening_the_text_is_no_title() {
        for opening in ["The General Assembly", "L’Assemblée générale", "大会"] {
            let mut blocks = vec![
                heading(opening),
                Block::para("Adopts the following outcome document of the high-level meeting:"),
            ];
            let mut front =
                "Draft resolution submitted by the President of the General Assembly".to_string();
            assert_eq!(take(&mut blocks, &mut front), None, "{opening}");
            assert_eq!(blocks.len(), 2);
        }
    }
}
