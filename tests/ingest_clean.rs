//! Cleaning documents nobody showed ingest: boilerplate inside and around
//! the body of web scrapes (en, es), PDF furniture of a French UN report,
//! legacy and UTF-16 encodings. Inputs written for the purpose
//! (tests/ingest_data/); assertions are facts, not snapshots.

mod common;

fn page(name: &str) -> String {
    common::ingest_one(name)
}

fn body(page: &str) -> &str {
    page.split("\n---\n").nth(1).unwrap_or_default()
}

fn anchors(page: &str) -> Vec<u32> {
    page.lines()
        .filter_map(|l| l.rsplit_once(" ^p-").and_then(|(_, n)| n.parse().ok()))
        .collect()
}

#[test]
fn english_scrape_keeps_the_article_and_drops_the_furniture() {
    let p = page("scrape_en_blog.txt");
    let b = body(&p);
    assert!(
        p.contains("title: \"Countries agree on new steps against ransomware\""),
        "{p}"
    );
    // A headline's few words are no evidence of a second language.
    assert!(p.contains("languages: [en]\n"), "{p}");
    for kept in [
        "Representatives of more than forty countries",
        "The ministers said",
        "Police agencies will exchange",
        "The agreement also asks",
        "Several delegations stressed",
        "Experts said that the new steps",
    ] {
        assert!(b.contains(kept), "lost {kept:?}:\n{b}");
    }
    for gone in [
        "cookies",
        "Home | News",
        "Sign in",
        "Share:",
        "Advertisement",
        "Related articles",
        "smartphones",
        "Celebrity chef",
        "Stock markets",
        "Read more",
        "Tags:",
        "newsletter",
        "Sign up",
        "Privacy policy",
        "All rights reserved",
    ] {
        assert!(!b.contains(gone), "kept {gone:?}:\n{b}");
    }
}

#[test]
fn spanish_press_release_loses_share_bars_and_related_news() {
    let p = page("press_es_share.txt");
    let b = body(&p);
    assert!(p.contains("language: es"));
    assert!(p.contains("date: 2022-05-03"), "{p}");
    for kept in [
        "reunió esta semana",
        "Los participantes señalaron",
        "Los expertos también recomendaron",
        "presentaron sus estrategias nacionales",
    ] {
        assert!(b.contains(kept), "lost {kept:?}:\n{b}");
    }
    for gone in [
        "Inicio",
        "Compartir",
        "WhatsApp",
        "Noticias relacionadas",
        "paella",
        "playa",
        "Etiquetas",
        "Suscríbete",
        "derechos reservados",
    ] {
        assert!(!b.contains(gone), "kept {gone:?}:\n{b}");
    }
    // The countries of the last paragraph are found: it was not cut as tail.
    assert!(p.contains("countries: [ARG, COL, MEX]"), "{p}");
}

#[test]
fn french_un_report_loses_its_running_header_job_number_and_counters() {
    let p = page("un_report_fr_hrc.txt");
    let b = body(&p);
    assert!(p.contains("symbol: A/HRC/45/10"), "{p}");
    assert!(p.contains("date: 2020-07-03"), "{p}");
    assert!(p.contains("language: fr"));
    assert!(!b.contains("20-09876"), "{b}");
    assert!(!b.contains("/5"), "{b}");
    assert!(!b.contains("A/HRC/45/10"), "{b}");
    assert_eq!(anchors(&p), [1, 2, 3, 4, 5, 6], "{b}");
    // Lines broken by the extraction are one paragraph again, a word
    // hyphenated across lines is whole.
    assert!(
        b.contains("prévue par la loi, nécessaire et proportionnée au but légitime poursuivi."),
        "{b}"
    );
    assert!(b.contains("surveillance des communications afin"), "{b}");
    assert!(b.contains("## II. "), "{b}");
    assert!(b.contains("b) De créer des organes"), "{b}");
}

#[test]
fn russian_in_windows_1251() {
    let p = page("report_ru_cp1251.txt");
    assert!(p.contains("language: ru"), "{p}");
    assert!(
        p.contains("title: \"Международное сотрудничество в борьбе с киберпреступностью\""),
        "{p}"
    );
    assert_eq!(anchors(&p), [1, 2, 3]);
    assert!(!body(&p).contains("Поделиться"), "{p}");
}

#[test]
fn english_in_utf16() {
    let p = page("note_en_utf16.txt");
    assert!(
        p.contains("title: \"Capacity building against cybercrime\""),
        "{p}"
    );
    assert!(p.contains("countries: [ARG, KEN]"), "{p}");
    assert!(body(&p).contains("twelve countries"), "{p}");
    assert!(!p.contains('\u{FEFF}') && !p.contains('\0'));
}

#[test]
fn chinese_scrape_keeps_the_article_and_drops_the_furniture() {
    let p = page("scrape_zh_news.txt");
    let b = body(&p);
    assert!(
        p.contains("title: 联合国专家呼吁加强打击网络犯罪的国际合作\n"),
        "{p}"
    );
    assert!(p.contains("date: 2021-06-08"), "{p}");
    assert!(p.contains("languages: [zh]\n"), "{p}");
    for kept in [
        "本周在维也纳召开专家组会议",
        "与会专家指出",
        "专家们建议各国",
        "会议还强调",
        "的代表介绍了本国的经验",
    ] {
        assert!(b.contains(kept), "lost {kept:?}:\n{b}");
    }
    for gone in [
        "首页",
        "登录",
        "分享到",
        "相关阅读",
        "夏季旅游",
        "手机降价",
        "标签",
        "关注我们",
        "版权所有",
    ] {
        assert!(!b.contains(gone), "kept {gone:?}:\n{b}");
    }
    assert!(p.contains("countries: [ARG, BRA, ZAF]"), "{p}");
}

#[test]
fn html_article_loses_share_bar_related_box_and_tags() {
    let p = page("page_en_article.html");
    let b = body(&p);
    assert!(
        p.contains("title: \"Countries agree to share data on ransomware attacks\""),
        "{p}"
    );
    for kept in [
        "Representatives of more than forty",
        "The ministers said",
        "Police agencies will also train",
    ] {
        assert!(b.contains(kept), "lost {kept:?}:\n{b}");
    }
    for gone in [
        "Home",
        "Facebook",
        "Related articles",
        "smartphones",
        "Tags",
        "Privacy policy",
        "rights reserved",
    ] {
        assert!(!b.contains(gone), "kept {gone:?}:\n{b}");
    }
}
