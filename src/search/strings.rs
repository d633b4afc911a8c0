//! The search page's own words in the site's language (English, Chinese,
//! Vietnamese; English for any other), given to `search.html` as
//! `page.extra.search.t`. search.js has the same for its messages.

use serde_json::{Map, Value};

/// `(key, English, Chinese, Vietnamese)`.
const STRINGS: &[(&str, &str, &str, &str)] = &[
    ("title", "Search", "搜索", "Tìm kiếm"),
    (
        "label",
        "Words, a phrase or a document symbol (e.g. S/RES/2341 (2017))",
        "词语、短语或文件文号（例如 S/RES/2341 (2017)）",
        "Từ, cụm từ hoặc ký hiệu văn kiện (ví dụ S/RES/2341 (2017))",
    ),
    ("submit", "Search", "搜索", "Tìm"),
    ("filters", "Filters", "筛选", "Bộ lọc"),
    ("kind", "Kind", "类别", "Loại"),
    ("language", "Language", "语言", "Ngôn ngữ"),
    ("country", "Country", "国家", "Quốc gia"),
    ("topic", "Topic", "主题", "Chủ đề"),
    ("any", "Any", "全部", "Tất cả"),
    ("more", "More results", "更多结果", "Thêm kết quả"),
    (
        "needs_js",
        "Search needs JavaScript, which is off in this browser. Every page is also reachable from the indexes:",
        "搜索需要 JavaScript，但此浏览器已将其关闭。所有页面也可从以下索引进入：",
        "Tìm kiếm cần JavaScript, nhưng trình duyệt này đã tắt nó. Mọi trang đều có thể truy cập từ các mục lục:",
    ),
    (
        "unavailable",
        "Search is unavailable: this site was built without the search index. Every page is reachable from the indexes:",
        "搜索不可用：本网站构建时未生成搜索索引。所有页面均可从以下索引进入：",
        "Không có chức năng tìm kiếm: trang này được tạo mà không có chỉ mục tìm kiếm. Mọi trang đều có thể truy cập từ các mục lục:",
    ),
    ("indexes", "Indexes", "索引", "Mục lục"),
];

/// The strings for `language` (`zh`, `vi`, `zh-Hans`, …), English otherwise.
pub fn strings(language: &str) -> Map<String, Value> {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    STRINGS
        .iter()
        .map(|(key, en, zh, vi)| {
            let text = match primary.as_str() {
                "zh" => zh,
                "vi" => vi,
                _ => en,
            };
            (key.to_string(), Value::from(*text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_follow_the_site_language() {
        assert_eq!(strings("en")["title"], "Search");
        assert_eq!(strings("zh-Hans")["title"], "搜索");
        assert_eq!(strings("vi")["kind"], "Loại");
        assert_eq!(strings("fr")["any"], "Any");
        assert_eq!(strings("zh").len(), STRINGS.len());
    }
}
