//! Indicator values (指标值) as printed: comparator, number, unit, remark; references; grades.
//!
//! Written as a small hand scanner (no regex per value): the forms are few and the text is short.

use std::str::FromStr;

use yusuan_model::{Comparator, Decimal, IndicatorValue, Span};

/// Comparator words and symbols, longest first within a shared prefix.
const COMPARATORS: &[(&str, Comparator)] = &[
    ("大于等于", Comparator::AtLeast),
    ("小于等于", Comparator::AtMost),
    ("大于或等于", Comparator::AtLeast),
    ("小于或等于", Comparator::AtMost),
    ("不低于", Comparator::AtLeast),
    ("不少于", Comparator::AtLeast),
    ("不小于", Comparator::AtLeast),
    ("至少", Comparator::AtLeast),
    ("不高于", Comparator::AtMost),
    ("不超过", Comparator::AtMost),
    ("不大于", Comparator::AtMost),
    ("不多于", Comparator::AtMost),
    ("达到", Comparator::Equal),
    ("等于", Comparator::Equal),
    ("大于", Comparator::Above),
    ("高于", Comparator::Above),
    ("超过", Comparator::Above),
    ("小于", Comparator::Below),
    ("低于", Comparator::Below),
    (">=", Comparator::AtLeast),
    ("<=", Comparator::AtMost),
    ("≥", Comparator::AtLeast),
    ("≧", Comparator::AtLeast),
    ("≤", Comparator::AtMost),
    ("≦", Comparator::AtMost),
    ("＞", Comparator::Above),
    (">", Comparator::Above),
    ("＜", Comparator::Below),
    ("<", Comparator::Below),
    ("＝", Comparator::Equal),
    ("=", Comparator::Equal),
];

/// Units of measure printed after indicator numbers, longest first where one is a prefix of
/// another. The percent words (`百分号`, `百分比`, and the typo `百分百`) are read as `%`.
const UNITS: &[&str] = &[
    "百分号",
    "百分比",
    "百分百",
    "%",
    "％",
    "‰",
    "万平方米",
    "平方公里",
    "平方米",
    "平米",
    "㎡",
    "m²",
    "万立方米",
    "立方米",
    "公顷",
    "亩",
    "公里",
    "千米",
    "km",
    "米",
    "亿元",
    "万元",
    "千元",
    "元/人",
    "元",
    "亿",
    "万吨",
    "吨",
    "千瓦",
    "万人次",
    "人次",
    "户次",
    "车次",
    "批次",
    "人数",
    "人",
    "名",
    "户",
    "万套",
    "套",
    "个月",
    "个",
    "件",
    "项",
    "本",
    "份",
    "场",
    "家",
    "栋",
    "幢",
    "台",
    "辆",
    "万卷",
    "卷",
    "册",
    "篇",
    "条",
    "处",
    "座",
    "所",
    "间",
    "张",
    "部",
    "棵",
    "株",
    "盏",
    "批",
    "期",
    "块",
    "步",
    "宗",
    "单",
    "课时",
    "学时",
    "工作日",
    "小时",
    "分钟",
    "天",
    "日",
    "周",
    "月",
    "年",
    "次",
    "度",
    "分",
    "级",
];

/// What a relative value can compare with (`≥上年`, `小于等于预算数`).
const REFERENCES: &[&str] = &[
    "上一年度",
    "上年度",
    "上年",
    "去年",
    "预算数",
    "预算",
    "核定数",
    "计划数",
    "计划",
];

/// Longest grade accepted, in characters (`按规定公开`, `信息透明公开`).
const MAX_GRADE_CHARS: usize = 6;

/// Parses a printed indicator value. `span` is where it was printed.
pub fn parse_value(raw: &str, span: Option<Span>) -> IndicatorValue {
    let mut v = IndicatorValue {
        raw: raw.to_string(),
        comparator: None,
        number: None,
        unit: None,
        grade: None,
        reference: None,
        remark: None,
        parsed: false,
        span,
    };
    if let Some(p) = parse_parts(raw) {
        v.comparator = p.comparator;
        v.number = p.number;
        v.unit = p.unit;
        v.grade = p.grade;
        v.reference = p.reference;
        v.remark = p.remark;
        v.parsed = true;
    }
    v
}

#[derive(Default)]
struct Parts {
    comparator: Option<Comparator>,
    number: Option<Decimal>,
    unit: Option<String>,
    grade: Option<String>,
    reference: Option<String>,
    remark: Option<String>,
}

fn parse_parts(raw: &str) -> Option<Parts> {
    let t = raw
        .trim()
        .trim_matches(|c| c == '"' || c == '“' || c == '”')
        .trim();
    if t.is_empty() {
        return None;
    }
    let mut p = Parts::default();
    let mut rest = t;
    for (word, cmp) in COMPARATORS {
        if let Some(r) = rest.strip_prefix(word) {
            p.comparator = Some(*cmp);
            rest = r.trim_start();
            break;
        }
    }
    let (number, after) = take_number(rest);
    let Some(number) = number else {
        // No number: a comparator with a reference, or a grade.
        if p.comparator.is_some() {
            let r = REFERENCES.iter().find(|w| **w == rest)?;
            p.reference = Some((*r).to_string());
            return Some(p);
        }
        return is_grade(rest).then(|| Parts {
            grade: Some(rest.to_string()),
            ..Parts::default()
        });
    };
    p.number = Some(number);
    rest = after.trim_start();
    // Unit, bare or in brackets; then remarks in brackets; then 以上 / 以下.
    if let Some((u, r)) = take_unit(rest) {
        p.unit = Some(u);
        rest = r.trim_start();
    }
    while let Some((inner, r)) = take_bracket(rest) {
        match (p.unit.is_none(), take_unit(inner.trim())) {
            (true, Some((u, tail))) if tail.trim().is_empty() => p.unit = Some(u),
            _ => {
                if p.remark.is_some() || inner.trim().is_empty() {
                    return None;
                }
                p.remark = Some(inner.trim().to_string());
            }
        }
        rest = r.trim_start();
    }
    for (word, cmp) in [("以上", Comparator::AtLeast), ("以下", Comparator::AtMost)] {
        if let Some(r) = rest.strip_prefix(word) {
            if p.comparator.is_some() {
                return None;
            }
            p.comparator = Some(cmp);
            rest = r.trim_start();
        }
    }
    rest.is_empty().then_some(p)
}

/// A number at the start of `s` (`95`, `128.22`, `1,000`, `13459.00`): the value and the rest.
fn take_number(s: &str) -> (Option<Decimal>, &str) {
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_dot = false;
    for (i, c) in s.char_indices() {
        match c {
            '0'..='9' => digits.push(c),
            '.' if !seen_dot && !digits.is_empty() => {
                // A dot must be followed by a digit to belong to the number.
                if !s[i + 1..].starts_with(|d: char| d.is_ascii_digit()) {
                    break;
                }
                seen_dot = true;
                digits.push('.');
            }
            ',' if !seen_dot && !digits.is_empty() => {
                let next3 = &s[i + 1..];
                if next3.len() < 3 || !next3.as_bytes()[..3].iter().all(u8::is_ascii_digit) {
                    break;
                }
            }
            _ => break,
        }
        end = i + c.len_utf8();
    }
    if digits.is_empty() {
        return (None, s);
    }
    (Decimal::from_str(&digits).ok(), &s[end..])
}

/// `s` when it is a unit of measure as a whole (a 度量单位 cell: `%`, `万平方米`), normalised.
pub fn whole_unit(s: &str) -> Option<String> {
    let t = s.trim();
    let (u, rest) = take_unit(t)?;
    rest.trim().is_empty().then_some(u)
}

/// A unit of measure at the start of `s`, normalised (`百分号` → `%`).
fn take_unit(s: &str) -> Option<(String, &str)> {
    let u = UNITS.iter().find(|u| s.starts_with(**u))?;
    let rest = &s[u.len()..];
    let norm = match *u {
        "百分号" | "百分比" | "百分百" | "％" => "%",
        other => other,
    };
    Some((norm.to_string(), rest))
}

/// `(…)` or `（…）` at the start of `s`: the inner text and the rest.
fn take_bracket(s: &str) -> Option<(&str, &str)> {
    let (open, close) = if s.starts_with('(') {
        ('(', ')')
    } else if s.starts_with('（') {
        ('（', '）')
    } else {
        return None;
    };
    let inner_start = open.len_utf8();
    let end = s[inner_start..].find([close, ')', '）'])? + inner_start;
    let closing = s[end..].chars().next()?;
    Some((&s[inner_start..end], &s[end + closing.len_utf8()..]))
}

/// A qualitative value: a short word without digits, comparators or punctuation (`合规`,
/// `良好`, `明显`, `按规定公开`).
fn is_grade(s: &str) -> bool {
    let n = s.chars().count();
    (1..=MAX_GRADE_CHARS).contains(&n)
        && s.chars().all(|c| {
            !c.is_ascii_digit()
                && !c.is_whitespace()
                && !c.is_ascii_punctuation()
                && !"，。；：、…！？（）《》“”‘’【】≥≤＞＜＝％·—－".contains(c)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> IndicatorValue {
        parse_value(s, None)
    }

    fn num(s: &str) -> (Option<Comparator>, Option<String>, Option<String>) {
        let x = v(s);
        assert!(x.parsed, "{s} should parse");
        (x.comparator, x.number.map(|n| n.to_string()), x.unit)
    }

    #[test]
    fn comparator_number_unit() {
        use Comparator::*;
        let some = |s: &str| Some(s.to_string());
        assert_eq!(num("≥95%"), (Some(AtLeast), some("95"), some("%")));
        assert_eq!(num("≥95 百分号"), (Some(AtLeast), some("95"), some("%")));
        assert_eq!(num("≥90百分比"), (Some(AtLeast), some("90"), some("%")));
        assert_eq!(num("≤9282 元"), (Some(AtMost), some("9282"), some("元")));
        assert_eq!(
            num("≥128.22 万元"),
            (Some(AtLeast), some("128.22"), some("万元"))
        );
        assert_eq!(num("100%"), (None, some("100"), some("%")));
        assert_eq!(num("100 %"), (None, some("100"), some("%")));
        assert_eq!(num("=100.00(%)"), (Some(Equal), some("100.00"), some("%")));
        assert_eq!(
            num("≥13459.00(平方米)"),
            (Some(AtLeast), some("13459.00"), some("平方米"))
        );
        assert_eq!(num("不低于50%"), (Some(AtLeast), some("50"), some("%")));
        assert_eq!(num("≤3 天"), (Some(AtMost), some("3"), some("天")));
        assert_eq!(num("= 12 月"), (Some(Equal), some("12"), some("月")));
        assert_eq!(num(">6.00(次)"), (Some(Above), some("6.00"), some("次")));
        assert_eq!(num("≥ 100"), (Some(AtLeast), some("100"), None));
        assert_eq!(num("1.8 亿元"), (None, some("1.8"), some("亿元")));
        assert_eq!(num("≥0.2小时"), (Some(AtLeast), some("0.2"), some("小时")));
        assert_eq!(num("98 百分号以上"), (Some(AtLeast), some("98"), some("%")));
    }

    #[test]
    fn remarks_references_grades() {
        let x = v("≥90 百分号（差异率）");
        assert!(x.parsed);
        assert_eq!(x.remark.as_deref(), Some("差异率"));
        assert_eq!(x.unit.as_deref(), Some("%"));
        let x = v("0 栋（调查总量）");
        assert_eq!(
            (x.unit.as_deref(), x.remark.as_deref()),
            (Some("栋"), Some("调查总量"))
        );
        let x = v("≥上年");
        assert_eq!(
            (x.comparator, x.reference.as_deref()),
            (Some(Comparator::AtLeast), Some("上年"))
        );
        let x = v("小于等于预算数");
        assert_eq!(x.reference.as_deref(), Some("预算数"));
        for g in ["合规", "良好", "明显", "按规定公开", "无损失"] {
            let x = v(g);
            assert!(x.parsed && x.grade.as_deref() == Some(g), "{g}");
        }
    }

    #[test]
    fn what_does_not_parse_is_kept_raw() {
        for s in [
            "",
            "≥",
            "...",
            "是/否",
            "≥90是/否",
            "≥90全部分配",
            "≥99 满意度 98 百分号以上",
            "100个 %",
            "有力保障单位业务工作的正常开展",
            "与上年相比有所提高",
            "满意率100%",
        ] {
            let x = v(s);
            assert!(!x.parsed, "{s} should not parse");
            assert_eq!(x.raw, s);
            assert!(x.number.is_none() && x.grade.is_none() && x.comparator.is_none());
        }
    }
}
