//! Figures stated in the explanation's prose, named by the words around them.
//!
//! Every figure with a unit (`万元`, `元`, `%`, `辆`, `台（套）` …) in an explanation section is
//! read with its *label*: the words since the previous figure or clause mark (`，`, `；`, `：`,
//! `、`). The label names the figure (`其中基本支出1965万元` → `expenditure.basic`); a label that
//! only qualifies (`支出决算为`, `占79.49%`, `比2024年预算减少`) takes the subject of the figure
//! before it in the sentence, or of the numbered 科目 item the sentence belongs to, or (for
//! changes) the section's own subject (the "三公" section's `与2021年相比增加0.37万元`). A figure
//! whose label names nothing known is left unnamed and counted.

use rust_decimal::Decimal;
use yusuan_model::{NarrativeFact, Span};

use super::sections::{Stream, Topic};
use crate::amount::parse_amount;
use crate::header::squeeze;

/// A figure in a stream: the number as printed and its unit.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Figure {
    /// First character of the number.
    pub start: usize,
    /// One past the number's last character.
    pub num_end: usize,
    /// One past the unit.
    pub end: usize,
    pub value: Decimal,
    pub unit: &'static str,
    /// A threshold (`单价100万元（含）以上设备`), not a stated amount.
    pub threshold: bool,
}

/// Finds the figures of a stream: numbers followed by a unit. Numbers without a unit (years,
/// counts of 家/个/人, list markers) are not figures.
pub(super) fn figures(chars: &[char]) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts = c.is_ascii_digit()
            && (i == 0 || {
                let p = chars[i - 1];
                !(p.is_ascii_alphanumeric() || p == '.' || p == ',' || p == '-' || p == '_')
            });
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ',' || chars[j] == '.') {
            j += 1;
        }
        let mut num_end = j;
        while num_end > i && matches!(chars[num_end - 1], ',' | '.') {
            num_end -= 1;
        }
        let printed: String = chars[i..num_end].iter().collect();
        let mut k = j;
        while k < chars.len() && matches!(chars[k], ' ' | '\u{3000}') {
            k += 1;
        }
        let Some((unit, len)) = unit_at(chars, k) else {
            i = j.max(i + 1);
            continue;
        };
        let Some(amount) = parse_amount(&printed) else {
            i = j.max(i + 1);
            continue;
        };
        let end = k + len;
        out.push(Figure {
            start: i,
            num_end,
            end,
            value: amount.value,
            unit,
            threshold: is_threshold(chars, end),
        });
        i = end;
    }
    out
}

/// The unit at `k`, normalised, and its printed length.
fn unit_at(chars: &[char], k: usize) -> Option<(&'static str, usize)> {
    let at = |n: usize| chars.get(k + n).copied();
    match at(0)? {
        '万' => match at(1) {
            Some('元') => Some(("万元", 2)),
            // `3000万，`: 万 alone after an amount is 万元; 万吨, 万人 … are not money.
            Some(c) if c.is_alphanumeric() && !is_cjk_punct_like(c) => None,
            _ => Some(("万元", 1)),
        },
        '亿' if at(1) == Some('元') => Some(("亿元", 2)),
        '元' => Some(("元", 1)),
        '%' | '％' => Some(("%", 1)),
        '个' if at(1) == Some('百') && at(2) == Some('分') && at(3) == Some('点') => {
            Some(("个百分点", 4))
        }
        '辆' => Some(("辆", 1)),
        '平' if at(1) == Some('方') && at(2) == Some('米') => Some(("平方米", 3)),
        '台' if matches!(at(1), Some('/') | Some('／')) && at(2) == Some('套') => {
            Some(("台（套）", 3))
        }
        '台' if matches!(at(1), Some('（') | Some('('))
            && at(2) == Some('套')
            && matches!(at(3), Some('）') | Some(')')) =>
        {
            Some(("台（套）", 4))
        }
        _ => None,
    }
}

fn is_cjk_punct_like(c: char) -> bool {
    matches!(c, '（' | '）' | '(' | ')' | '“' | '”')
}

/// `100万元（含）以上`: a threshold.
fn is_threshold(chars: &[char], end: usize) -> bool {
    let rest: String = chars[end.min(chars.len())..(end + 8).min(chars.len())]
        .iter()
        .filter(|c| !c.is_whitespace())
        .collect();
    let rest = rest
        .strip_prefix("（含）")
        .or_else(|| rest.strip_prefix("(含)"))
        .unwrap_or(&rest);
    ["以上", "以下", "及以上", "及以下"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// What a figure's label makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    /// A change against an earlier year, with its sign.
    Change(i8),
    /// The rate of a change.
    ChangePercent(i8),
    /// 占…%.
    Share,
    /// 完成…预算的…%.
    Completion,
    /// A change or rate whose direction cannot be told (`下降（增长）27.78%`), or a rate that is
    /// none of the above.
    Ambiguous,
}

/// A named subject and whether it is only a generic total (`收入`, `支出`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Subject {
    key: String,
    /// The 科目 / item name, for function keys.
    name: Option<String>,
    generic: bool,
}

impl Subject {
    fn new(key: &str) -> Self {
        Subject {
            key: key.to_string(),
            name: None,
            generic: false,
        }
    }
}

/// The facts of one stream and the spans of figures that could not be named.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    pub facts: Vec<NarrativeFact>,
    pub unnamed: Vec<Span>,
}

const CLAUSE_MARKS: &[char] = &['，', ',', '；', ';', '：', ':', '、', '。'];
const SENTENCE_ENDS: &[char] = &['。', '！', '？'];
const UP: &[&str] = &["增加", "增长", "提高", "上升"];
const DOWN: &[&str] = &["减少", "下降", "降低"];

/// A comparison with an earlier year (比上年, 较2021年, 与2024年预算, 与2023年度相比, 同比).
fn compares_years(t: &str) -> bool {
    if t.contains("上年") || t.contains("同比") || t.contains("上一年") {
        return true;
    }
    let chars: Vec<char> = t.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if matches!(c, '比' | '较' | '与') {
            let rest: String = chars[i + 1..].iter().take(6).collect();
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            if digits == 4 && rest.chars().nth(4) == Some('年') {
                return true;
            }
        }
    }
    false
}

fn direction(t: &str) -> Option<i8> {
    let up = UP.iter().any(|w| t.contains(w));
    // 减 alone only right before the figure (`比上年减5万元`).
    let down = DOWN.iter().any(|w| t.contains(w)) || t.ends_with('减');
    match (up, down) {
        (true, false) => Some(1),
        (false, true) => Some(-1),
        _ => None,
    }
}

/// The label with filler removed: empty when it only qualifies the figure before it.
fn core(t: &str) -> String {
    const FILLER: &[&str] = &[
        "主要用于以下方面",
        "主要用于",
        "主要为",
        "主要是",
        "主要包括",
        "其中",
        "包括",
        "预算执行数",
        "执行数",
        "预算数",
        "决算数",
        "预算",
        "决算",
        "年初",
        "全年",
        "当年",
        "本年度",
        "年度",
        "上一年度",
        "下同",
        "上年",
        "相比",
        "同比",
        "共计",
        "总额",
        "安排",
        "完成",
        "金额",
        "我部门",
        "本部门",
        "本单位",
        "我局",
        "增加",
        "减少",
        "增长",
        "下降",
        "降低",
        "提高",
        "持平",
        "合计",
        "总计",
        "为",
        "是",
        "的",
        "占",
        "比",
        "较",
        "与",
        "和",
        "及",
        "了",
        "也",
        "今",
        "年",
        "数",
    ];
    let mut s: String = t
        .chars()
        .filter(|c| c.is_alphabetic() && !c.is_ascii_alphabetic())
        .collect();
    for f in FILLER {
        s = s.replace(f, "");
    }
    s
}

/// The name a label gives, from its words (see the key vocabulary in `yusuan_model::NarrativeFact`).
fn subject_of(near: &str, full: &str, before: &str, topic: Topic) -> Option<Subject> {
    let t = near;
    let has = |w: &str| t.contains(w);
    let any = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    // Final accounts: amounts awarded to small firms (由中小企业供应商中标或成交的，采购金额…).
    if (full.contains("中标") || full.contains("成交")) && has("采购") {
        let key = if full.contains("面向小微企业预留") {
            "procurement.awarded.small_micro_reserved"
        } else if full.contains("面向中小企业预留") {
            "procurement.awarded.sme_reserved"
        } else if full.contains("其他政府采购项目") {
            "procurement.awarded.sme_other"
        } else {
            return None;
        };
        return Some(Subject::new(key));
    }
    // "三公"经费.
    let vehicle_words = any(&["购置", "运维", "运行", "维护"]);
    let three_public_words = any(&["三公", "因公出国", "公务用车", "公务车", "接待"]);
    if (three_public_words && (topic != Topic::Assets || has("三公")))
        || (topic == Topic::ThreePublic && vehicle_words && !has("机关运行"))
    {
        let key = if has("因公出国") {
            "three_public.outbound"
        } else if has("外宾接待") {
            "three_public.reception.foreign"
        } else if has("接待") {
            "three_public.reception"
        } else if has("购置及") || has("购置和") {
            "three_public.vehicle"
        } else if has("购置") {
            "three_public.vehicle.purchase"
        } else if any(&["运维", "运行", "维护"]) {
            "three_public.vehicle.operation"
        } else if has("公务用车") || has("公务车") {
            "three_public.vehicle"
        } else if has("三公") {
            "three_public.total"
        } else {
            return None;
        };
        return Some(Subject::new(key));
    }
    if has("机关运行经费") || has("运行经费") {
        return Some(Subject::new("operation_cost"));
    }
    // 政府采购.
    let procurement_words = any(&["货物", "工程", "服务", "中小企业", "小微", "小型和微型"]);
    if has("采购") || (topic == Topic::Procurement && procurement_words) {
        let key = if any(&["小型和微型", "小微"]) && has("预留") {
            "procurement.reserved_small_micro"
        } else if has("中小企业") && has("预留") {
            "procurement.reserved_sme"
        } else if has("货物") {
            "procurement.goods"
        } else if has("工程") {
            "procurement.works"
        } else if has("服务") {
            "procurement.services"
        } else if has("采购") && !has("拟购置") {
            "procurement.total"
        } else {
            return None;
        };
        return Some(Subject::new(key));
    }
    // 国有资产.
    if topic == Topic::Assets || has("固定资产") {
        let planned = ["拟购置", "安排购置", "计划购置"]
            .iter()
            .any(|w| before.contains(w));
        let what = if has("其他固定资产") {
            Some("other_fixed")
        } else if has("固定资产") {
            Some("")
        } else if has("流动资产") {
            Some("current")
        } else if has("长期投资") {
            Some("long_term_investment")
        } else if has("在建工程") {
            Some("construction_in_progress")
        } else if has("无形资产") {
            Some("intangible")
        } else if has("单价") && has("以上") && has("设备") {
            // 单价100万元（含）以上设备（不含车辆）, 单价100万元以上专用设备.
            Some(if has("通用设备") {
                "equipment_over_threshold.general"
            } else if has("专用设备") {
                "equipment_over_threshold.special"
            } else {
                "equipment_over_threshold"
            })
        } else if has("办公用房") {
            Some("buildings.office")
        } else if has("房屋") {
            Some("buildings")
        } else if has("通用设备") {
            Some("general_equipment")
        } else if has("专用设备") {
            Some("special_equipment")
        } else if has("家具") {
            Some("furniture")
        } else if has("一般公务用车") {
            Some("vehicles.general_official")
        } else if has("部级领导") {
            Some("vehicles.ministerial")
        } else if has("主要领导") {
            Some("vehicles.principal_leader")
        } else if has("机要通信") {
            Some("vehicles.confidential")
        } else if has("应急保障") {
            Some("vehicles.emergency")
        } else if has("执法执勤") {
            Some("vehicles.law_enforcement")
        } else if has("特种专业") {
            Some("vehicles.special_technical")
        } else if has("离退休") {
            Some("vehicles.retired_cadre")
        } else if has("其他用车") {
            Some("vehicles.other")
        } else if has("车辆") {
            Some("vehicles")
        } else {
            None
        };
        if let Some(what) = what {
            let key = match (planned, what) {
                (true, "") => "assets.planned_purchase".to_string(),
                (false, "") => "assets.fixed".to_string(),
                (true, w) => format!("assets.planned_purchase.{w}"),
                (false, w) => format!("assets.{w}"),
            };
            return Some(Subject {
                key,
                name: None,
                generic: false,
            });
        }
        if topic == Topic::Assets {
            return None;
        }
    }
    // 基本支出 = 人员经费 + 公用经费; 项目支出.
    if has("人员经费") || has("人员支出") {
        return Some(Subject::new("expenditure.basic.personnel"));
    }
    if has("公用经费") || has("公用支出") {
        return Some(Subject::new("expenditure.basic.public_use"));
    }
    if has("基本支出") {
        return Some(Subject::new("expenditure.basic"));
    }
    if has("项目支出") {
        return Some(Subject::new("expenditure.project"));
    }
    // 收支总计.
    if has("收支") || has("收入支出") {
        let key = if has("财政拨款") {
            "fiscal_appropriation.total"
        } else {
            "total"
        };
        return Some(Subject {
            key: key.into(),
            name: None,
            generic: key == "total",
        });
    }
    // Fund sources, on the income or the expenditure side.
    let side = if has("收入") {
        "income"
    } else if has("支出") || topic == Topic::Expenditure {
        "expenditure"
    } else {
        "income"
    };
    let source = if has("一般公共预算") {
        Some("general_public")
    } else if has("政府性基金") || has("基金预算") || has("基金收入") {
        Some("government_fund")
    } else if has("国有资本经营") {
        Some("state_capital")
    } else if has("财政专户") {
        Some("fiscal_special_account")
    } else if has("单位资金") {
        Some("unit_funds")
    } else if has("其他来源") {
        Some("other_sources")
    } else if has("上年结转") || has("年初结转") {
        Some("carryover")
    } else if has("经营收入") {
        Some("operating")
    } else if has("事业收入") {
        Some("business")
    } else if has("其他收入") {
        Some("other")
    } else if has("财政拨款") {
        Some("fiscal_appropriation")
    } else {
        None
    };
    if let Some(source) = source {
        let side = match source {
            "fiscal_special_account"
            | "unit_funds"
            | "other_sources"
            | "carryover"
            | "operating"
            | "business"
            | "other" => "income",
            _ => side,
        };
        return Some(Subject::new(&format!("{side}.{source}")));
    }
    // Generic totals: 收入预算, 2022年支出预算, 本年支出合计.
    let c = core(t);
    let tail = c
        .trim_end_matches(['为', '是'])
        .trim_end_matches("预算")
        .trim_end_matches("决算");
    if tail.ends_with("收入") {
        return Some(Subject {
            key: "income.total".into(),
            name: None,
            generic: true,
        });
    }
    if tail.ends_with("支出") || (topic == Topic::Expenditure && has("支出")) {
        return Some(Subject {
            key: "expenditure.total".into(),
            name: None,
            generic: true,
        });
    }
    None
}

/// A numbered 科目 item at `at` (`1. “一般公共服务支出-…-行政运行”科目…`,
/// `1、一般公共服务支出（类）财政事务（款）行政运行（项）。`): its name.
fn item_at(chars: &[char], at: usize) -> Option<(String, usize)> {
    let mut i = at;
    while i < chars.len() && chars[i].is_whitespace() {
        i += 1;
    }
    let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut j;
    if digits > 0 && digits <= 2 && matches!(chars.get(i + digits), Some('.' | '、' | '．')) {
        j = i + digits + 1;
    } else if matches!(chars.get(i), Some('（' | '(')) {
        let d = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if d == 0 || d > 2 || !matches!(chars.get(i + 1 + d), Some('）' | ')')) {
            return None;
        }
        j = i + d + 2;
    } else {
        return None;
    }
    while j < chars.len() && chars[j].is_whitespace() {
        j += 1;
    }
    if chars.get(j) == Some(&'“') {
        let close = chars[j + 1..].iter().position(|c| *c == '”')? + j + 1;
        let name: String = chars[j + 1..close].iter().collect();
        let n = squeeze(&name);
        if n.contains('-') || names_class(&n) || n.ends_with("支出") {
            return Some((n, j));
        }
        return None;
    }
    // Unquoted: up to （项）.
    let window: String = chars[j..(j + 80).min(chars.len())].iter().collect();
    let w = squeeze(&window);
    if !names_class(&w) {
        return None;
    }
    let end = ["（项）", "(项）", "（项)", "(项)"]
        .iter()
        .filter_map(|m| w.find(m).map(|p| p + m.len()))
        .min()?;
    Some((w[..end].to_string(), j))
}

/// `一般公共服务支出（类）`, `住房保障支出（类)`: a 科目 path names its 类.
fn names_class(t: &str) -> bool {
    ["（类）", "（类)", "(类）", "(类)"]
        .iter()
        .any(|w| t.contains(w))
}

/// Per-sentence reading state.
#[derive(Debug, Default)]
struct SentenceState {
    prev: Option<Subject>,
    breakdown: Option<Subject>,
    /// Where each named figure of the sentence starts, and its subject.
    named: Vec<(usize, Subject)>,
}

/// How far back a label is read (bounds the work on pathological input).
const WINDOW: usize = 200;

/// The span of a figure; a figure broken over two lines covers the part on the first line.
fn figure_span(path: &str, stream: &Stream, from: usize, to: usize) -> Span {
    let p = stream.pos[from];
    let len = (from..to)
        .take_while(|&k| stream.pos[k].line == p.line)
        .count();
    Span {
        path: path.to_string(),
        page: p.page,
        line: p.line,
        column: Some(p.column + 1),
        length: Some(len as u32),
        bbox: None,
        origin: None,
    }
}

/// The sentences of a stream: `[start, end)` of each, ending after its full stop.
fn sentence_bounds(chars: &[char]) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut s0 = 0;
    for (i, c) in chars.iter().enumerate() {
        if SENTENCE_ENDS.contains(c) {
            bounds.push((s0, i + 1));
            s0 = i + 1;
        }
    }
    if s0 < chars.len() {
        bounds.push((s0, chars.len()));
    }
    bounds
}

/// Where items start in a sentence (its start and after each `：`), with their names.
fn item_starts(chars: &[char], s0: usize, s1: usize) -> Vec<(usize, String)> {
    let mut starts: Vec<(usize, String)> = Vec::new();
    if let Some((name, at)) = item_at(chars, s0) {
        starts.push((at, name));
    }
    for k in s0..s1 {
        if matches!(chars[k], '：' | ':') {
            if let Some((name, at)) = item_at(chars, k + 1) {
                starts.push((at, name));
            }
        }
    }
    starts
}

/// The key and signed value of a named figure by what it says of its subject; `None` when that
/// is ambiguous.
fn fact_key(kind: Kind, subject: &Subject, near: &str, f: &Figure) -> Option<(String, Decimal)> {
    let mut value = f.value;
    let key = match kind {
        Kind::Plain => format!("{}{}", subject.key, qualifier(near)),
        Kind::Change(sign) => {
            if sign < 0 {
                value = -value;
            }
            format!("change.{}", subject.key)
        }
        Kind::ChangePercent(sign) => {
            if sign < 0 {
                value = -value;
            }
            format!("change.{}.percent", subject.key)
        }
        Kind::Share => format!("{}.share", subject.key),
        Kind::Completion => format!("{}.completion", subject.key),
        Kind::Ambiguous => return None,
    };
    // A count of vehicles or equipment under a money subject (`公务用车保有量为 0 辆`).
    let key = if matches!(f.unit, "辆" | "台（套）" | "平方米") && !key.starts_with("assets.")
    {
        format!("{key}.count")
    } else {
        key
    };
    Some((key, value))
}

/// The subject of an item of the functional classification named in the text (`“…”科目`).
fn function_item(name: &str) -> Subject {
    Subject {
        key: "expenditure.function".into(),
        name: Some(name.to_string()),
        generic: false,
    }
}

/// Reads the facts of one stream.
pub(super) fn read(path: &str, stream: &Stream) -> Outcome {
    let chars = &stream.chars;
    let figs = figures(chars);
    let mut out = Outcome::default();
    let span_of = |from: usize, to: usize| figure_span(path, stream, from, to);
    let mut item: Option<Subject> = None;
    let mut carry: Option<Subject> = None;
    let mut next_fig = 0;
    for (s0, s1) in sentence_bounds(chars) {
        let first_fig = next_fig;
        while next_fig < figs.len() && figs[next_fig].start < s1 {
            next_fig += 1;
        }
        let sentence_figs = &figs[first_fig..next_fig];
        let sentence = if s1 - s0 > 4 * WINDOW {
            stream.text(s0, s0 + 4 * WINDOW).trim().to_string() + "…"
        } else {
            stream.text(s0, s1).trim().to_string()
        };
        let mut state = SentenceState::default();
        // `（三）公务接待费1.00万元。与2024年预算持平`: a sentence that opens with the comparison
        // continues a sentence that named one thing.
        let opening: String = squeeze(&stream.text(s0, (s0 + 16).min(s1)));
        let carried = if opening.starts_with(['与', '比', '较']) && compares_years(&opening) {
            carry.take()
        } else {
            None
        };
        state.prev = carried.clone();
        let starts = item_starts(chars, s0, s1);
        let mut boundary = s0;
        let mut last_unit = "万元";
        let mut seen = 0;
        let mut next_start = 0;
        for f in sentence_figs {
            // Item starts are in order: those up to this figure, the last one after the
            // previous figure opening an item.
            let mut opened: Option<&String> = None;
            while next_start < starts.len() && starts[next_start].0 <= f.start {
                if starts[next_start].0 >= boundary {
                    opened = Some(&starts[next_start].1);
                }
                next_start += 1;
            }
            let opens_item = opened.is_some();
            if let Some(name) = opened {
                item = Some(function_item(name));
                state.prev = None;
            }
            let from = boundary.max(f.start.saturating_sub(WINDOW));
            let near_from = (from..f.start)
                .rev()
                .find(|&k| CLAUSE_MARKS.contains(&chars[k]))
                .map(|k| k + 1)
                .unwrap_or(from);
            let near = squeeze(&stream.text(near_from, f.start));
            let full = squeeze(&stream.text(from, f.start));
            let before = squeeze(&stream.text(s0.max(f.start.saturating_sub(WINDOW)), f.start));
            if f.threshold {
                continue;
            }
            boundary = f.end;
            if f.unit != "%" {
                last_unit = f.unit;
            }
            if ["主要为", "主要用于", "主要包括", "以下方面"]
                .iter()
                .any(|w| full.contains(w))
                && state.breakdown.is_none()
            {
                state.breakdown = state.prev.clone();
            }
            let kind = kind_of(&near, &before, f.unit);
            let first_in_sentence = seen == 0;
            seen += 1;
            // The item's own figure (`1. “…”科目1,202.95万元`).
            let named = if opens_item && kind == Kind::Plain {
                item.clone().map(|s| (s, kind))
            } else {
                name_figure(
                    &near,
                    &full,
                    &before,
                    stream.topic,
                    kind,
                    &state,
                    &item,
                    first_in_sentence,
                )
            };
            let Some((subject, kind)) = named else {
                out.unnamed.push(span_of(f.start, f.num_end));
                continue;
            };
            let Some((key, value)) = fact_key(kind, &subject, &near, f) else {
                out.unnamed.push(span_of(f.start, f.num_end));
                continue;
            };
            out.facts.push(NarrativeFact {
                key,
                value,
                unit: f.unit.to_string(),
                subject: subject.name.clone(),
                worded: false,
                text: sentence.clone(),
                span: span_of(f.start, f.num_end),
            });
            state.named.push((f.start, subject.clone()));
            if !subject.generic || state.prev.is_none() {
                state.prev = Some(subject.clone());
            }
            let starts_item = next_start > 0;
            if item.is_some()
                && !subject.key.ends_with(".function")
                && !subject.generic
                && kind == Kind::Plain
                && !starts_item
            {
                item = None;
            }
        }
        // An item whose first sentence states no figure (`1、…（项）。主要用于：…。年初预算为…`).
        if let Some((at, name)) = starts.last() {
            if sentence_figs.last().is_none_or(|f| f.start < *at) {
                item = Some(function_item(name));
            }
        }
        // 持平 / 无增减变化: a change of zero, stated in words.
        let ctx = WordedContext {
            stream,
            path,
            sentence: &sentence,
            figs: sentence_figs,
            named: &state.named,
            carried: &carried,
            item: &item,
            unit: last_unit,
        };
        worded_changes(&ctx, s0, s1, &mut out);
        carry = match state.named.as_slice() {
            [(_, only)] => Some(only.clone()),
            _ => None,
        };
    }
    out.facts.sort_by_key(|f| (f.span.line, f.span.column));
    out
}

fn kind_of(near: &str, before: &str, unit: &str) -> Kind {
    let dir = direction(near);
    let both = UP.iter().any(|w| near.contains(w)) && DOWN.iter().any(|w| near.contains(w));
    if both {
        return Kind::Ambiguous;
    }
    if unit == "%" || unit == "个百分点" {
        if near.contains('占') {
            return Kind::Share;
        }
        if near.contains("完成") {
            return Kind::Completion;
        }
        if let Some(d) = dir {
            return Kind::ChangePercent(d);
        }
        return Kind::Ambiguous;
    }
    match dir {
        Some(d) if compares_years(before) => Kind::Change(d),
        _ => Kind::Plain,
    }
}

/// `.budget` (年初预算), `.budget_full_year` (全年预算), `.prior_executed` (上年预算执行数).
fn qualifier(near: &str) -> &'static str {
    if near.contains("年初预算") {
        ".budget"
    } else if near.contains("全年预算") {
        ".budget_full_year"
    } else if near.contains("执行数") && !compares_years(near) {
        ".prior_executed"
    } else {
        ""
    }
}

/// Names a figure: its subject (and possibly a corrected kind), or `None`.
#[allow(clippy::too_many_arguments)]
fn name_figure(
    near: &str,
    full: &str,
    before: &str,
    topic: Topic,
    kind: Kind,
    state: &SentenceState,
    item: &Option<Subject>,
    first_in_sentence: bool,
) -> Option<(Subject, Kind)> {
    if kind == Kind::Ambiguous {
        return None;
    }
    let inherit = || -> Option<Subject> { state.prev.clone().or_else(|| item.clone()) };
    if matches!(kind, Kind::Share | Kind::Completion) {
        // `完成年初预算的98.20%`, `占本年支出合计的100.00%` qualify the figure before; `其中项目支出
        // 规划服务较年初完成 92%` names something else, which is not known.
        let pre = near
            .find('占')
            .or_else(|| near.find("完成"))
            .map(|p| &near[..p])
            .unwrap_or(near);
        if !core(pre).is_empty() {
            return None;
        }
        return inherit().map(|s| (s, kind));
    }
    let label: String = if let Kind::Change(_) | Kind::ChangePercent(_) = kind {
        strip_comparison(near)
    } else {
        near.to_string()
    };
    let c = core(&label);
    let weak = c.is_empty() || c == "支出" || c == "收入";
    let found = subject_of(&label, full, before, topic);
    // A breakdown after 主要为 / 主要用于: items that name nothing more specific than 支出.
    let is_function_label = names_class(&label);
    if let Some(parent) = &state.breakdown {
        if kind == Kind::Plain && !c.is_empty() && found.as_ref().is_none_or(|s| s.generic) {
            let key = if parent.key.ends_with(".function") {
                parent.key.clone()
            } else {
                format!("{}.function", parent.key)
            };
            return Some((
                Subject {
                    key,
                    name: Some(item_name(&label)),
                    generic: false,
                },
                kind,
            ));
        }
    }
    if is_function_label && kind == Kind::Plain {
        return Some((
            Subject {
                key: "expenditure.function".into(),
                name: Some(item_name(&label)),
                generic: false,
            },
            kind,
        ));
    }
    match found {
        Some(s) if !s.generic => Some((s, kind)),
        Some(s) if !weak => Some((s, kind)),
        generic => {
            // Only a label that names nothing of its own takes the subject before it.
            if weak {
                if let Some(s) = inherit() {
                    return Some((s, kind));
                }
            }
            if let Kind::Change(_) | Kind::ChangePercent(_) = kind {
                if let Some(s) = section_subject(topic).filter(|_| weak) {
                    return Some((Subject::new(s), kind));
                }
            }
            // `2022年支出预算86991.86万元`: a bare 支出 / 收入 names the total only when it opens
            // the sentence (`年初预算为…，支出决算为…` does not).
            if kind == Kind::Plain && !c.is_empty() && (first_in_sentence || !weak) {
                return generic.map(|s| (s, kind));
            }
            None
        }
    }
}

/// The subject a section's unlabelled change refers to.
fn section_subject(topic: Topic) -> Option<&'static str> {
    match topic {
        Topic::ThreePublic => Some("three_public.total"),
        Topic::OperationCost => Some("operation_cost"),
        Topic::Change => Some("total"),
        Topic::Procurement => Some("procurement.total"),
        _ => None,
    }
}

/// The label without its comparison and change words (`比2024年预算减少` → ``).
fn strip_comparison(t: &str) -> String {
    let mut s = t.to_string();
    for w in UP.iter().chain(DOWN.iter()) {
        s = s.replace(w, "");
    }
    // Drop 比/较/与 + year + 预算/执行数 … up to the end.
    for m in ["比", "较", "与"] {
        if let Some(p) = s.find(m) {
            let rest = &s[p + m.len()..];
            if rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("上年") {
                s.truncate(p);
            }
        }
    }
    s
}

/// An item's name from its label (`主要为其他普通教育支出` → `其他普通教育支出`).
fn item_name(label: &str) -> String {
    let mut s = label.to_string();
    for w in [
        "主要用于以下方面",
        "主要用于",
        "主要为",
        "主要包括",
        "其中",
        "包括",
    ] {
        if let Some(p) = s.find(w) {
            s = s[p + w.len()..].to_string();
        }
    }
    s.trim_matches(|c: char| c.is_whitespace() || "：:，,、".contains(c))
        .trim_end_matches('为')
        .to_string()
}

/// What [`worded_changes`] needs to know about the sentence.
struct WordedContext<'a> {
    stream: &'a Stream,
    path: &'a str,
    sentence: &'a str,
    figs: &'a [Figure],
    named: &'a [(usize, Subject)],
    /// The subject carried over from the sentence before.
    carried: &'a Option<Subject>,
    item: &'a Option<Subject>,
    unit: &'static str,
}

/// Clauses that state no figure but 持平 / 无增减变化 against an earlier year.
fn worded_changes(ctx: &WordedContext, s0: usize, s1: usize, out: &mut Outcome) {
    let stream = ctx.stream;
    let chars = &stream.chars;
    let mut c0 = s0;
    let mut fig = 0;
    for k in s0..=s1 {
        let at_end = k == s1 || chars.get(k).is_some_and(|c| CLAUSE_MARKS.contains(c));
        if !at_end {
            continue;
        }
        let (from, to) = (c0, k);
        c0 = k + 1;
        let mut has_figure = false;
        while fig < ctx.figs.len() && ctx.figs[fig].start < to {
            has_figure |= ctx.figs[fig].start >= from;
            fig += 1;
        }
        if has_figure || to <= from || to - from > WINDOW {
            continue;
        }
        let clause = stream.text(from, to);
        let Some((word, at)) = ["无增减", "持平", "没有变化"]
            .iter()
            .find_map(|w| clause.find(w).map(|p| (*w, p)))
        else {
            continue;
        };
        let before = squeeze(&stream.text(s0.max(to.saturating_sub(WINDOW)), to));
        if !compares_years(&before) || direction(&clause).is_some() || clause.contains("增加") {
            continue;
        }
        let c = squeeze(&clause);
        let label = strip_comparison(&c);
        let subject = subject_of(&label, &c, &before, stream.topic)
            .filter(|s| !s.generic)
            .or_else(|| {
                ctx.named
                    .iter()
                    .rev()
                    .find(|(start, _)| *start < from)
                    .map(|(_, s)| s.clone())
            })
            .or_else(|| ctx.carried.clone())
            .or_else(|| ctx.item.clone())
            .or_else(|| section_subject(stream.topic).map(Subject::new));
        let Some(subject) = subject else {
            continue;
        };
        // `与上年持平，无增减变化`: one statement.
        let key = format!("change.{}", subject.key);
        if out
            .facts
            .last()
            .is_some_and(|f| f.worded && f.key == key && f.text == ctx.sentence)
        {
            continue;
        }
        let start = from + clause[..at].chars().count();
        let p = stream.pos[start];
        out.facts.push(NarrativeFact {
            key,
            value: Decimal::ZERO,
            unit: ctx.unit.to_string(),
            subject: subject.name,
            worded: true,
            text: ctx.sentence.to_string(),
            span: Span {
                path: ctx.path.to_string(),
                page: p.page,
                line: p.line,
                column: Some(p.column + 1),
                length: Some(word.chars().count() as u32),
                bbox: None,
                origin: None,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(text: &str, topic: Topic) -> Stream {
        let chars: Vec<char> = text.chars().collect();
        let pos = (0..chars.len())
            .map(|i| super::super::sections::Pos {
                line: 1,
                page: None,
                column: i as u32,
            })
            .collect();
        Stream { topic, chars, pos }
    }

    fn keys(text: &str, topic: Topic) -> Vec<(String, String)> {
        read("x", &stream(text, topic))
            .facts
            .into_iter()
            .map(|f| (f.key, f.value.to_string()))
            .collect()
    }

    #[test]
    fn figures_need_units() {
        let chars: Vec<char> = "2022年预算收入86991.86万元，1家，3000万，50%，100万元以上"
            .chars()
            .collect();
        let f = figures(&chars);
        let v: Vec<String> = f.iter().map(|f| format!("{}{}", f.value, f.unit)).collect();
        assert_eq!(v, ["86991.86万元", "3000万元", "50%", "100万元"]);
        assert!(f[3].threshold);
    }

    #[test]
    fn expenditure_sentence() {
        let k = keys(
            "2022年支出预算86991.86万元，其中基本支出1965万元，包括人员经费1813.48万元和日常公用经费151.52万元；项目支出85026.86万元。",
            Topic::Expenditure,
        );
        let names: Vec<&str> = k.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "expenditure.total",
                "expenditure.basic",
                "expenditure.basic.personnel",
                "expenditure.basic.public_use",
                "expenditure.project"
            ]
        );
    }

    #[test]
    fn changes_take_their_subject_and_sign() {
        let k = keys(
            "2022年预算收支安排86991.86万元，较2021年预算增加18512.38万元，其中：基本支出减少112.19万元。",
            Topic::Change,
        );
        assert_eq!(
            k,
            [
                ("total".into(), "86991.86".into()),
                ("change.total".into(), "18512.38".into()),
                ("change.expenditure.basic".into(), "-112.19".into())
            ]
        );
        let k = keys(
            "2025年“三公”经费预算数为867.50万元，与2024年预算持平。",
            Topic::ThreePublic,
        );
        assert_eq!(
            k,
            [
                ("three_public.total".into(), "867.50".into()),
                ("change.three_public.total".into(), "0".into())
            ]
        );
    }
}
