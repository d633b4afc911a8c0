//! UI strings in the site's language (`language` in site.toml), exposed
//! to templates as `t` (`{{ t.mentions }}`). English is complete; other
//! languages fall back to it key by key.

use std::collections::BTreeMap;

/// `(key, English, Chinese, Vietnamese)`.
const STRINGS: &[(&str, &str, &str, &str)] = &[
    (
        "skip_to_content",
        "Skip to content",
        "跳到正文",
        "Chuyển đến nội dung",
    ),
    ("sections_nav", "Sections", "栏目", "Mục"),
    ("search", "Search", "搜索", "Tìm kiếm"),
    (
        "search_placeholder",
        "Search the documents",
        "搜索文件",
        "Tìm trong tài liệu",
    ),
    ("breadcrumb", "Breadcrumb", "导航路径", "Đường dẫn"),
    (
        "built_with",
        "Built with pilcrow ¶",
        "由 pilcrow ¶ 生成",
        "Tạo bằng pilcrow ¶",
    ),
    ("home", "Home", "首页", "Trang chủ"),
    ("documents", "Documents", "文件", "Tài liệu"),
    ("resolutions", "Resolutions", "决议", "Nghị quyết"),
    (
        "un-documents",
        "UN documents",
        "联合国文件",
        "Văn kiện Liên Hợp Quốc",
    ),
    ("countries", "Countries", "国家", "Quốc gia"),
    ("organizations", "Organizations", "组织", "Tổ chức"),
    ("instruments", "Instruments", "法律文书", "Văn kiện pháp lý"),
    ("topics", "Topics", "主题", "Chủ đề"),
    ("pages", "Pages", "页面", "Trang"),
    ("document", "Document", "文件", "Tài liệu"),
    ("resolution", "Resolution", "决议", "Nghị quyết"),
    (
        "document-ref",
        "UN document",
        "联合国文件",
        "Văn kiện Liên Hợp Quốc",
    ),
    ("country", "Country", "国家", "Quốc gia"),
    ("organization", "Organization", "组织", "Tổ chức"),
    ("instrument", "Instrument", "法律文书", "Văn kiện pháp lý"),
    ("topic", "Topic", "主题", "Chủ đề"),
    ("page", "Page", "页面", "Trang"),
    ("symbol", "Symbol", "文号", "Ký hiệu"),
    ("id", "Id", "标识", "Mã"),
    ("date", "Date", "日期", "Ngày"),
    ("language", "Language", "语言", "Ngôn ngữ"),
    ("languages", "Languages", "语言", "Ngôn ngữ"),
    ("organ", "Organ", "机关", "Cơ quan"),
    ("year", "Year", "年份", "Năm"),
    ("session", "Session", "届会", "Khóa họp"),
    ("number", "Number", "编号", "Số"),
    (
        "official_text",
        "Official text",
        "正式文本",
        "Văn bản chính thức",
    ),
    (
        "security-council",
        "Security Council",
        "安全理事会",
        "Hội đồng Bảo an",
    ),
    (
        "general-assembly",
        "General Assembly",
        "大会",
        "Đại hội đồng",
    ),
    (
        "economic-and-social-council",
        "Economic and Social Council",
        "经济及社会理事会",
        "Hội đồng Kinh tế và Xã hội",
    ),
    ("other", "Other", "其他", "Khác"),
    ("names", "Names", "名称", "Tên gọi"),
    ("also_known_as", "Also known as", "又称", "Còn gọi là"),
    ("keywords", "Keywords", "关键词", "Từ khóa"),
    ("contents", "Contents", "目录", "Mục lục"),
    ("mentions", "Mentions", "提及", "Được nhắc đến"),
    (
        "mentions_intro",
        "Where other pages mention this one, in context.",
        "其他页面在何处提及本页（附上下文）。",
        "Những nơi các trang khác nhắc đến trang này, kèm ngữ cảnh.",
    ),
    ("mention_count", "mentions", "次提及", "lần nhắc đến"),
    (
        "no_mentions",
        "No page mentions this one yet.",
        "尚无页面提及本页。",
        "Chưa có trang nào nhắc đến trang này.",
    ),
    (
        "go_to_paragraph",
        "Go to the paragraph",
        "转到该段",
        "Đến đoạn văn",
    ),
    ("paragraph", "¶", "第", "đoạn"),
    ("in_section", "in section", "见章节", "trong mục"),
    (
        "report_sections",
        "Sections about it",
        "相关章节",
        "Các mục về chủ đề này",
    ),
    ("paragraphs", "paragraphs", "段", "đoạn"),
    (
        "cited_with",
        "Mentioned together with",
        "共同提及",
        "Được nhắc cùng với",
    ),
    (
        "cited_with_intro",
        "Counts are paragraphs mentioning both.",
        "数字为同时提及两者的段落数。",
        "Con số là số đoạn văn nhắc đến cả hai.",
    ),
    ("and_more", "+{n} more", "另有 {n} 项", "và {n} mục khác"),
    ("on_this_page", "On this page", "本页内容", "Trên trang này"),
    ("undated", "Undated", "未注明日期", "Không ghi ngày"),
    ("back_to_top", "Back to top", "返回顶部", "Lên đầu trang"),
    ("show_kinds", "Show", "显示", "Hiển thị"),
    (
        "related_documents",
        "Related documents",
        "相关文件",
        "Tài liệu liên quan",
    ),
    (
        "shared_citations",
        "shared citations",
        "项共同引用",
        "trích dẫn chung",
    ),
    (
        "cites",
        "Cited in this document",
        "本文件提及",
        "Được nhắc trong tài liệu này",
    ),
    (
        "topics_discussed",
        "Topics it discusses",
        "涉及的主题",
        "Các chủ đề được đề cập",
    ),
    (
        "countries_discussing",
        "Countries discussing it",
        "讨论该主题的国家",
        "Các quốc gia đề cập",
    ),
    ("by_organ", "By organ", "按机关", "Theo cơ quan"),
    ("by_year", "By year", "按年份", "Theo năm"),
    ("timeline", "Timeline", "时间线", "Dòng thời gian"),
    ("a_to_z", "A–Z", "按字母", "A–Z"),
    (
        "sorted_by_english",
        "Sorted by English name.",
        "按英文名称排序。",
        "Sắp xếp theo tên tiếng Anh.",
    ),
    ("count", "Count", "数量", "Số lượng"),
    ("title", "Title", "标题", "Tiêu đề"),
    (
        "nothing_here",
        "Nothing here yet.",
        "暂无内容。",
        "Chưa có nội dung.",
    ),
    ("ways_in", "Ways in", "浏览入口", "Lối vào"),
    (
        "latest_documents",
        "Latest documents",
        "最新文件",
        "Tài liệu mới nhất",
    ),
    (
        "most_mentioned",
        "Most mentioned",
        "提及最多",
        "Được nhắc đến nhiều nhất",
    ),
    ("all", "All", "全部", "Tất cả"),
    ("graph", "Graph", "关系图", "Đồ thị"),
    (
        "graph_intro",
        "Every page and what it mentions; the same as data:",
        "所有页面及其提及关系；数据文件：",
        "Mọi trang và những gì trang đó nhắc đến; dữ liệu:",
    ),
    ("nodes", "Pages", "页面", "Trang"),
    ("edges", "Links", "链接", "Liên kết"),
    ("links_to", "links to", "链接到", "liên kết đến"),
    (
        "feed",
        "Atom feed of documents",
        "文件 Atom 订阅",
        "Nguồn Atom của tài liệu",
    ),
    (
        "not_found_title",
        "Page not found",
        "找不到页面",
        "Không tìm thấy trang",
    ),
    (
        "not_found_text",
        "There is no page at this address. It may have moved, or the link may be mistyped.",
        "此地址没有页面。页面可能已移动，或链接有误。",
        "Không có trang nào ở địa chỉ này. Trang có thể đã được chuyển hoặc liên kết bị gõ sai.",
    ),
    ("go_home", "Go to the home page", "返回首页", "Về trang chủ"),
    (
        "link_to_paragraph",
        "Link to this paragraph",
        "链接到此段",
        "Liên kết đến đoạn này",
    ),
    // The search page (src/search, themes/default/templates/search.html).
    ("search_title", "Search", "搜索", "Tìm kiếm"),
    (
        "search_label",
        "Words, a phrase or a document symbol (e.g. S/RES/2341 (2017))",
        "词语、短语或文件文号（例如 S/RES/2341 (2017)）",
        "Từ, cụm từ hoặc ký hiệu văn kiện (ví dụ S/RES/2341 (2017))",
    ),
    ("search_submit", "Search", "搜索", "Tìm"),
    ("search_filters", "Filters", "筛选", "Bộ lọc"),
    ("search_kind", "Kind", "类别", "Loại"),
    ("search_language", "Language", "语言", "Ngôn ngữ"),
    ("search_country", "Country", "国家", "Quốc gia"),
    ("search_topic", "Topic", "主题", "Chủ đề"),
    ("search_organization", "Organization", "组织", "Tổ chức"),
    ("search_resolution", "Resolution", "决议", "Nghị quyết"),
    ("search_year", "Year", "年份", "Năm"),
    ("search_any", "Any", "全部", "Tất cả"),
    ("search_more", "More results", "更多结果", "Thêm kết quả"),
    (
        "search_needs_js",
        "Search needs JavaScript, which is off in this browser. Every page is also reachable from the indexes:",
        "搜索需要 JavaScript，但此浏览器已将其关闭。所有页面也可从以下索引进入：",
        "Tìm kiếm cần JavaScript, nhưng trình duyệt này đã tắt nó. Mọi trang đều có thể truy cập từ các mục lục:",
    ),
    (
        "search_unavailable",
        "Search is unavailable: this site was built without the search index. Every page is reachable from the indexes:",
        "搜索不可用：本网站构建时未生成搜索索引。所有页面均可从以下索引进入：",
        "Không có chức năng tìm kiếm: trang này được tạo mà không có chỉ mục tìm kiếm. Mọi trang đều có thể truy cập từ các mục lục:",
    ),
    ("search_indexes", "Indexes", "索引", "Mục lục"),
    ("lang_en", "English", "英文", "Tiếng Anh"),
    ("lang_zh", "Chinese", "中文", "Tiếng Trung"),
    ("lang_vi", "Vietnamese", "越南文", "Tiếng Việt"),
    ("lang_fr", "French", "法文", "Tiếng Pháp"),
    ("lang_es", "Spanish", "西班牙文", "Tiếng Tây Ban Nha"),
    ("lang_ru", "Russian", "俄文", "Tiếng Nga"),
    ("lang_ar", "Arabic", "阿拉伯文", "Tiếng Ả Rập"),
    ("lang_de", "German", "德文", "Tiếng Đức"),
    ("lang_it", "Italian", "意大利文", "Tiếng Ý"),
    ("lang_ja", "Japanese", "日文", "Tiếng Nhật"),
    ("lang_pt", "Portuguese", "葡萄牙文", "Tiếng Bồ Đào Nha"),
    ("lang_id", "Indonesian", "印度尼西亚文", "Tiếng Indonesia"),
    ("lang_nl", "Dutch", "荷兰文", "Tiếng Hà Lan"),
    ("lang_ko", "Korean", "韩文", "Tiếng Hàn"),
    ("lang_tr", "Turkish", "土耳其文", "Tiếng Thổ Nhĩ Kỳ"),
    ("lang_pl", "Polish", "波兰文", "Tiếng Ba Lan"),
    ("lang_uk", "Ukrainian", "乌克兰文", "Tiếng Ukraina"),
    ("lang_th", "Thai", "泰文", "Tiếng Thái"),
    ("lang_hi", "Hindi", "印地文", "Tiếng Hindi"),
    ("lang_fa", "Persian", "波斯文", "Tiếng Ba Tư"),
    ("lang_sw", "Swahili", "斯瓦希里文", "Tiếng Swahili"),
];

/// The UI strings for a language (`zh`, `zh-Hans`, `vi`, …), English for
/// any key or language without a translation.
pub fn strings(language: &str) -> BTreeMap<String, String> {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    STRINGS
        .iter()
        .map(|&(key, en, zh, vi)| {
            let s = match primary.as_str() {
                "zh" => zh,
                "vi" => vi,
                _ => en,
            };
            let s = if s.is_empty() { en } else { s };
            (key.to_string(), s.to_string())
        })
        .collect()
}

/// One UI string (English fallback; the key itself when unknown).
pub fn get(language: &str, key: &str) -> String {
    strings(language)
        .remove(key)
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_fallback() {
        assert_eq!(strings("zh")["mentions"], "提及");
        assert_eq!(strings("zh-Hans")["countries"], "国家");
        assert_eq!(strings("vi")["countries"], "Quốc gia");
        assert_eq!(strings("fr")["countries"], "Countries");
        assert_eq!(get("en", "no-such-key"), "no-such-key");
        let keys: std::collections::HashSet<&str> = STRINGS.iter().map(|s| s.0).collect();
        assert_eq!(keys.len(), STRINGS.len(), "duplicate key");
    }
}
