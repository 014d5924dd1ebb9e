//! Facts outside the standard tables, on the real corpus: narrative figures (named by their
//! words, with spans), procurement and asset tables, the unit list.
//!
//! - the figures the issue and the answer key (`corpus/seeds/ANSWER-KEY.md` 000.4, 003.4, 004.4)
//!   name, asserted with their lines;
//! - provenance: every narrative figure's span holds its printed figure (or, for a change
//!   stated in words, the words), every procurement and asset value's span its printed value;
//! - one reviewed snapshot per corpus text document of `facts_text::render`
//!   (`snapshots/facts__*.snap`).

use yusuan_report::facts_text;

use std::path::PathBuf;
use std::str::FromStr;

use yusuan_model::{Decimal, Disclosure, MoneyUnit, NarrativeFact, ProcurementRow, Span};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

fn extract(rel: &str) -> Disclosure {
    let bytes = std::fs::read(corpus_dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let doc = yusuan_read::read_bytes(&format!("corpus/{rel}"), &bytes).unwrap();
    yusuan_extract::extract(&doc)
}

fn text_documents() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["seeds", "shanghai/text"] {
        let mut names: Vec<String> = std::fs::read_dir(corpus_dir().join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        names.sort();
        out.extend(names.into_iter().map(|n| format!("{dir}/{n}")));
    }
    out
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The facts with this key.
fn facts<'a>(doc: &'a Disclosure, key: &str) -> Vec<&'a NarrativeFact> {
    doc.narrative_facts
        .iter()
        .filter(|f| f.key == key)
        .collect()
}

/// Asserts that `key` is stated with `value` on `line` (among possibly other statements).
#[track_caller]
fn stated(doc: &Disclosure, key: &str, value: &str, line: u32) -> NarrativeFact {
    let all = facts(doc, key);
    let found = all
        .iter()
        .find(|f| f.span.line == line && f.value == d(value))
        .unwrap_or_else(|| {
            panic!(
                "{key} = {value} on line {line} not found; {key} is {:?}",
                all.iter()
                    .map(|f| (f.value.to_string(), f.span.line))
                    .collect::<Vec<_>>()
            )
        });
    assert!(found.span.column.is_some() && found.span.length.is_some());
    (*found).clone()
}

#[test]
fn snapshots_of_every_text_document() {
    for rel in text_documents() {
        let name = format!("facts__{}", rel.trim_end_matches(".txt").replace('/', "__"));
        let text = facts_text::render(&extract(&rel));
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

#[test]
fn seed_000_narrative_figures() {
    let doc = extract("seeds/000_58134781a689c5f0.txt");
    // 收入说明 (L446).
    let income = stated(&doc, "income.total", "86991.86", 446);
    assert_eq!(income.unit, "万元");
    assert_eq!(income.span.column, Some(22));
    assert!(income.text.starts_with("2022年预算收入86991.86万元"));
    stated(&doc, "income.general_public", "53440.88", 446);
    stated(&doc, "income.government_fund", "32000", 446);
    stated(&doc, "income.state_capital", "0", 446);
    stated(&doc, "income.fiscal_special_account", "0", 446);
    stated(&doc, "income.unit_funds", "1550.98", 446);
    stated(&doc, "income.carryover", "0", 446);
    // 支出说明 (L450).
    stated(&doc, "expenditure.total", "86991.86", 450);
    stated(&doc, "expenditure.basic", "1965", 450);
    stated(&doc, "expenditure.basic.personnel", "1813.48", 450);
    stated(&doc, "expenditure.basic.public_use", "151.52", 450);
    stated(&doc, "expenditure.project", "85026.86", 450);
    // 比上年增减 (L454): signed changes.
    stated(&doc, "total", "86991.86", 454);
    stated(&doc, "change.total", "18512.38", 454);
    stated(&doc, "change.expenditure.basic", "-112.19", 454);
    stated(&doc, "change.expenditure.project", "18624.57", 454);
    // 机关运行经费 (L458), 三公 (L462).
    stated(&doc, "operation_cost", "151.52", 458);
    stated(&doc, "three_public.total", "7.22", 462);
    stated(&doc, "three_public.outbound", "0", 462);
    stated(&doc, "three_public.vehicle", "5.18", 462);
    stated(&doc, "three_public.vehicle.purchase", "0", 462);
    stated(&doc, "three_public.vehicle.operation", "5.18", 462);
    stated(&doc, "three_public.reception", "2.04", 462);
    stated(&doc, "change.three_public.total", "0.37", 462);
    // 政府采购 (L1151) and the same total restated under 国有资产 (L1169): kept twice.
    stated(&doc, "procurement.total", "383.21", 1151);
    stated(&doc, "procurement.total", "383.21", 1169);
    stated(&doc, "assets.fixed", "10154.90", 1169);
    stated(&doc, "assets.planned_purchase", "0", 1169);
    // Nothing from the performance targets (绩效, L464-1147) nor the 名词解释.
    assert!(doc
        .narrative_facts
        .iter()
        .all(|f| !(464..=1147).contains(&f.span.line) && f.span.line < 1191));
}

#[test]
fn seed_000_units_assets_and_procurement() {
    let doc = extract("seeds/000_58134781a689c5f0.txt");
    assert_eq!(doc.units.len(), 8);
    let first = &doc.units[0];
    assert_eq!(first.name, "邯郸市住房保障和房产管理局本级");
    assert_eq!(first.nature.as_deref(), Some("行政"));
    assert_eq!(first.rank.as_deref(), Some("正处（县）级"));
    assert_eq!(first.funding.as_deref(), Some("财政拨款"));
    assert_eq!(first.span.line, 431);
    assert_eq!(doc.units[4].rank.as_deref(), Some("副处（县）级"));
    assert_eq!(doc.units[7].name, "邯郸市房产信息中心");

    assert_eq!(doc.assets.len(), 1);
    let a = &doc.assets[0];
    assert_eq!(a.unit, Some(MoneyUnit::WanYuan));
    assert_eq!(a.as_of.as_deref(), Some("2021-12-31"));
    let row = |item: &str| {
        a.rows
            .iter()
            .find(|r| r.item.as_deref() == Some(item))
            .unwrap()
    };
    assert_eq!(row("total").amount, Some(d("10154.90")));
    assert_eq!(row("total").quantity, None);
    assert_eq!(row("total").span.line, 1178);
    assert_eq!(row("buildings").quantity, Some(d("20676.55")));
    assert_eq!(row("buildings").amount, Some(d("8632.39")));
    // 其中：办公用房 continues after the page break (L1181-1185).
    assert_eq!(row("buildings.office").quantity, Some(d("20500.55")));
    assert_eq!(row("buildings.office").amount, Some(d("8606.43")));
    assert_eq!(row("buildings.office").span.line, 1186);
    assert_eq!(row("vehicles").quantity, Some(d("7")));
    assert_eq!(row("vehicles").amount, Some(d("202.84")));
    assert_eq!(row("equipment").quantity, Some(d("2")));
    assert_eq!(row("equipment").amount, Some(d("233.11")));
    assert_eq!(row("other").quantity, Some(d("1422")));
    assert_eq!(row("other").amount, Some(d("1086.56")));
    assert_eq!(a.rows.len(), 6);

    // The procurement table's merged header leaves the amounts' fund source ambiguous (000-P4):
    // they are kept, uncertain.
    assert_eq!(doc.procurement.len(), 1);
    let p = &doc.procurement[0];
    assert_eq!(p.unit, Some(MoneyUnit::WanYuan));
    assert_eq!(p.rows.len(), 3);
    let total = &p.rows[0];
    assert!(total.is_total && total.span.line == 1161);
    assert_eq!(total.project_budget, Some(d("383.21")));
    let r = &p.rows[1];
    assert_eq!(r.project.as_deref(), Some("城关房管处办公楼维修经费"));
    assert_eq!(r.project_budget, Some(d("128.21")));
    assert_eq!(r.item.as_deref(), Some("房屋修缮"));
    assert_eq!(r.catalog_code.as_deref(), Some("B0801"));
    assert_eq!(r.measure_unit.as_deref(), Some("个"));
    assert_eq!(r.quantity, Some(d("1")));
    assert_eq!(r.unit_price, Some(d("128.21")));
    assert_eq!(r.total, None);
    assert!(!r.by_source.is_empty());
    for k in r.by_source.keys() {
        assert!(r.uncertain.contains(&format!("by_source.{k}")), "{k}");
    }
    assert!(doc
        .notes
        .iter()
        .any(|n| n.span.line == 1153 && n.message.contains("uncertain")));
}

#[test]
fn seed_003_narrative_units_and_assets() {
    let doc = extract("seeds/003_51cbaa0335987f54.txt");
    stated(&doc, "income.total", "286847.52", 232);
    stated(&doc, "income.general_public", "6153.02", 232);
    stated(&doc, "income.government_fund", "274615.94", 232);
    stated(&doc, "income.unit_funds", "0", 232);
    stated(&doc, "income.carryover", "6078.56", 232);
    // The sentence continues after a blank line (L236 → L238).
    stated(&doc, "expenditure.total", "286847.52", 236);
    stated(&doc, "expenditure.basic", "3201.81", 238);
    stated(&doc, "expenditure.basic.personnel", "3114.34", 238);
    stated(&doc, "expenditure.basic.public_use", "87.47", 238);
    stated(&doc, "expenditure.project", "283645.71", 238);
    stated(&doc, "change.total", "-18924.48", 242);
    stated(&doc, "change.expenditure.basic", "166.14", 242);
    stated(&doc, "change.expenditure.basic.personnel", "168.55", 242);
    stated(&doc, "change.expenditure.basic.public_use", "-2.41", 242);
    stated(&doc, "change.expenditure.project", "-19090.62", 242);
    stated(&doc, "operation_cost", "87.47", 246);
    stated(&doc, "three_public.total", "2", 250);
    // 公务接待 / 费 2 万元 broken over a blank line.
    stated(&doc, "three_public.reception", "2", 252);
    let unchanged = stated(&doc, "change.three_public.total", "0", 252);
    assert!(unchanged.worded);
    stated(&doc, "procurement.total", "713.90", 1500);
    stated(&doc, "assets.fixed", "2216.94", 1560);
    stated(&doc, "assets.general_equipment", "1256.90", 1560);
    stated(&doc, "assets.planned_purchase", "1.20", 1560);
    // `2022 年安排了 2 万元公务接待费`: last year's figure, not named, counted.
    assert!(doc
        .notes
        .iter()
        .any(|n| n.message.starts_with("narrative: 2 figure(s)") && n.span.line == 252));

    assert_eq!(doc.units.len(), 9);
    assert_eq!(doc.units[0].rank.as_deref(), Some("副处（县）级"));
    assert_eq!(
        doc.units[3].funding.as_deref(),
        Some("财政性资金定额或定项补助")
    );
    let a = &doc.assets[0];
    let row = |item: &str| {
        a.rows
            .iter()
            .find(|r| r.item.as_deref() == Some(item))
            .unwrap()
    };
    assert_eq!(row("total").amount, Some(d("2216.94")));
    assert_eq!(row("vehicles").quantity, Some(d("10")));
    assert_eq!(row("vehicles").amount, Some(d("142.51")));
    assert_eq!(row("other").quantity, Some(d("5908")));
    assert_eq!(row("other").amount, Some(d("2074.43")));
}

/// Seed 003's procurement table against the answer key (003.4 政府采购): every line's quantity,
/// price and amount; 合计 and the per-unit 小计 lines.
#[test]
fn seed_003_procurement_table() {
    let doc = extract("seeds/003_51cbaa0335987f54.txt");
    assert_eq!(doc.procurement.len(), 1);
    let p = &doc.procurement[0];
    assert_eq!(p.unit, Some(MoneyUnit::WanYuan));
    assert_eq!(p.span.line, 1502);
    assert_eq!(p.end_line, 1554);
    // (line, budget, code, measure, quantity, price, amount)
    let items: &[(u32, &str, &str, &str, &str, &str, &str)] = &[
        (1512, "24.84", "A05049900", "个", "1", "3.00", "3.00"),
        (1513, "24.84", "C23090199", "项", "1", "2.00", "2.00"),
        (1517, "24.84", "C23120200", "项", "1", "3.00", "3.00"),
        (1518, "5.00", "C19990000", "项", "1", "5.00", "5.00"),
        (1519, "5.00", "C19990000", "项", "1", "5.00", "5.00"),
        (1520, "1.00", "A02029900", "台", "1", "1.00", "1.00"),
        (1521, "70.00", "C16990000", "项", "1", "70.00", "70.00"),
        (1525, "5.00", "C19990000", "项", "1", "5.00", "5.00"),
        (1526, "300.00", "C19040000", "块", "1", "200.00", "200.00"),
        (1527, "70.00", "C19990000", "项", "1", "70.00", "70.00"),
        (1528, "60.00", "C19990000", "项", "1", "60.00", "60.00"),
        (1529, "50.00", "C16060000", "次", "1", "50.00", "50.00"),
        (1530, "5.00", "C19990000", "项", "1", "5.00", "5.00"),
        (1535, "15.06", "A05049900", "个", "1", "9.00", "9.00"),
        (1536, "38.00", "C19990000", "项", "1", "38.00", "38.00"),
        (1537, "0.20", "A02029900", "台", "2", "0.10", "0.20"),
        (1538, "1.00", "C99000000", "份", "1", "1.00", "1.00"),
        (1539, "5.00", "A05049900", "个", "1", "5.00", "5.00"),
        (1544, "8.27", "A05049900", "个", "1", "3.80", "3.80"),
        (1545, "50.00", "C19990000", "项", "1", "50.00", "50.00"),
        (1546, "20.00", "B08010000", "项", "1", "20.00", "20.00"),
        (1548, "11.70", "A05049900", "个", "1", "6.00", "6.00"),
        (1552, "100.00", "C19990000", "年", "1", "100.00", "100.00"),
        (1554, "4.98", "A05049900", "个", "1", "1.90", "1.90"),
    ];
    let lines: Vec<&ProcurementRow> = p.rows.iter().filter(|r| !r.is_total).collect();
    assert_eq!(lines.len(), items.len());
    for (r, (line, budget, code, measure, qty, price, amount)) in lines.iter().zip(items) {
        assert_eq!(r.span.line, *line);
        assert_eq!(r.project_budget, Some(d(budget)), "L{line}");
        assert_eq!(r.catalog_code.as_deref(), Some(*code), "L{line}");
        assert_eq!(r.measure_unit.as_deref(), Some(*measure), "L{line}");
        assert_eq!(r.quantity, Some(d(qty)), "L{line}");
        assert_eq!(r.unit_price, Some(d(price)), "L{line}");
        assert_eq!(r.total, Some(d(amount)), "L{line}");
        // 合计 = 一般公共预算拨款: certain.
        assert_eq!(
            r.by_source.get("general_public"),
            Some(&d(amount)),
            "L{line}"
        );
        assert!(!r
            .uncertain
            .iter()
            .any(|u| u == "total" || u.starts_with("by_source")));
        // The last column is 预留中小微企业份额 or 非财政拨款结转结余 (merged header): uncertain.
        assert_eq!(r.reserved_sme, Some(d(amount)), "L{line}");
        assert!(r.uncertain.contains(&"reserved_sme".to_string()));
        assert_eq!(
            r.quantity.unwrap() * r.unit_price.unwrap(),
            r.total.unwrap()
        );
    }
    assert_eq!(lines[0].item.as_deref(), Some("其他办公用品"));
    assert_eq!(lines[0].project.as_deref(), Some("公用类项目（三保）"));
    // 合计 and 小计 per unit; item lines carry their unit.
    let totals: Vec<(Option<&str>, Decimal, u32)> = p
        .rows
        .iter()
        .filter(|r| r.is_total)
        .map(|r| (r.budget_unit.as_deref(), r.total.unwrap(), r.span.line))
        .collect();
    let unit = |s: &'static str| Some(s);
    assert_eq!(
        totals,
        [
            (None, d("713.90"), 1510),
            (
                unit("石家庄高新技术产业开发区自然资源和规划住建局本级"),
                d("479.00"),
                1511
            ),
            (
                unit("石家庄高新技术产业开发区不动产登记交易中心"),
                d("53.20"),
                1534
            ),
            (
                unit("石家庄高新技术产业开发区房产管理中心"),
                d("73.80"),
                1543
            ),
            (
                unit("石家庄高新技术产业开发区建设市场管理中心"),
                d("106.00"),
                1547
            ),
            (
                unit("石家庄高新技术产业开发区国土资源执法监察大队"),
                d("1.90"),
                1553
            ),
        ]
    );
    // Each 小计 is the sum of its unit's lines; the 小计s sum to 合计.
    for (u, sub, _) in &totals[1..] {
        let sum: Decimal = lines
            .iter()
            .filter(|r| r.budget_unit.as_deref() == *u)
            .map(|r| r.total.unwrap())
            .sum();
        assert_eq!(sum, *sub, "{u:?}");
    }
    let subs: Decimal = totals[1..].iter().map(|t| t.1).sum();
    assert_eq!(subs, totals[0].1);
}

#[test]
fn seed_004_narrative_units_assets_and_procurement() {
    let doc = extract("seeds/004_f0d47b0d691be104.txt");
    stated(&doc, "income.total", "14349.63", 78);
    stated(&doc, "income.general_public", "10444.64", 78);
    stated(&doc, "income.government_fund", "3904.99", 78);
    // 项目支出 stated twice with two values (004-N4): both kept.
    let project = facts(&doc, "expenditure.project");
    let values: Vec<(String, u32)> = project
        .iter()
        .map(|f| (f.value.to_string(), f.span.line))
        .collect();
    assert_eq!(values, [("12776.26".into(), 81), ("1277.26".into(), 81)]);
    // The breakdown after 主要为: 13 items that sum to the first figure (004-N5).
    let items = facts(&doc, "expenditure.project.function");
    assert_eq!(items.len(), 13);
    assert_eq!(items[0].subject.as_deref(), Some("其他普通教育支出"));
    assert_eq!(items[1].subject.as_deref(), Some("水体"));
    let sum: Decimal = items.iter().map(|f| f.value).sum();
    assert_eq!(sum, d("12776.26"));
    // `城市建设支出3000万`: a bare 万.
    let city = items.iter().find(|f| f.value == d("3000")).unwrap();
    assert_eq!(city.unit, "万元");
    stated(&doc, "change.total", "2869.81", 85);
    stated(&doc, "change.expenditure.basic.personnel", "116.9", 85);
    stated(&doc, "operation_cost", "61.52", 88);
    stated(&doc, "three_public.total", "1.2", 91);
    stated(&doc, "three_public.vehicle.operation", "1.2", 91);
    // `与上年持平，无增减变化`: one statement of no change.
    assert_eq!(facts(&doc, "change.three_public.total").len(), 1);
    let p = stated(&doc, "procurement.total", "69855800", 2446);
    assert_eq!(p.unit, "元");
    stated(&doc, "assets.fixed", "122.33", 2798);
    stated(&doc, "assets.planned_purchase", "15", 2798);

    assert_eq!(doc.units.len(), 5);
    assert_eq!(doc.units[0].name, "曲阳县住房和城乡建设局本级");
    assert_eq!(doc.units[1].rank.as_deref(), Some("股级"));
    assert_eq!(doc.units[4].span.line, 68);

    // Procurement in 元, one cell per line; header rows of 7 and 13 cells.
    let t = &doc.procurement[0];
    assert_eq!(t.unit, Some(MoneyUnit::Yuan));
    assert_eq!(t.rows.len(), 23);
    let total = &t.rows[0];
    assert!(total.is_total);
    assert_eq!(total.total, Some(d("69855800.00")));
    assert_eq!(total.by_source["general_public"], d("30805900.00"));
    assert_eq!(total.by_source["government_fund"], d("39049900.00"));
    assert_eq!(total.spans["total"].line, 2481);
    let sewer = t.rows.iter().find(|r| r.span.line == 2712).unwrap();
    assert_eq!(sewer.catalog_code.as_deref(), Some("B021601"));
    assert_eq!(sewer.quantity, Some(d("500")));
    assert_eq!(sewer.unit_price, Some(d("10000.00")));
    assert_eq!(sewer.total, Some(d("5000000.00")));
    assert_eq!(sewer.by_source["government_fund"], d("5000000.00"));
    let car = t.rows.last().unwrap();
    assert_eq!(car.item.as_deref(), Some("轿车"));
    assert_eq!(car.measure_unit.as_deref(), Some("辆"));
    let lines: Vec<&ProcurementRow> = t.rows.iter().filter(|r| !r.is_total).collect();
    let sum: Decimal = lines.iter().map(|r| r.total.unwrap()).sum();
    assert_eq!(sum, d("69855800.00"));
    assert!(t.rows.iter().all(|r| r.uncertain.is_empty()));

    let a = &doc.assets[0];
    assert_eq!(a.as_of.as_deref(), Some("2020年12月31日"));
    let row = |item: &str| {
        a.rows
            .iter()
            .find(|r| r.item.as_deref() == Some(item))
            .unwrap()
    };
    assert_eq!(row("total").amount, Some(d("122.33")));
    assert_eq!(row("buildings").amount, None);
    assert_eq!(row("vehicles").quantity, Some(d("2.00")));
    assert_eq!(row("vehicles").amount, Some(d("21.9")));
    assert_eq!(row("other").amount, Some(d("100.43")));
}

#[test]
fn shanghai_govoffice_explanation() {
    let doc = extract("shanghai/text/putuo-govoffice-2025-dept-budget.txt");
    // 部门预算编制说明: `比2024年预算减少2,389.52万` + `元` on the next line.
    stated(&doc, "income.total", "9101.68", 68);
    stated(&doc, "income.fiscal_appropriation", "9101.68", 68);
    let change = stated(&doc, "change.income.fiscal_appropriation", "-2389.52", 68);
    assert_eq!(change.unit, "万元");
    assert!(change.text.contains("比2024年预算减少2,389.52万元"));
    stated(&doc, "expenditure.total", "9101.68", 70);
    stated(&doc, "change.expenditure.general_public", "-2389.52", 71);
    let vs = stated(&doc, "change.expenditure.government_fund", "0", 71);
    assert!(vs.worded);
    // Per-科目 lines.
    let items = facts(&doc, "expenditure.function");
    assert_eq!(items.len(), 12);
    assert_eq!(items[0].value, d("1202.95"));
    assert_eq!(items[0].span.line, 75);
    assert_eq!(
        items[0].subject.as_deref(),
        Some("一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行")
    );
    let sum: Decimal = items.iter().map(|f| f.value).sum();
    assert_eq!(sum, d("9101.68"));
    // 其他相关情况说明.
    stated(&doc, "three_public.total", "867.50", 284);
    stated(&doc, "three_public.outbound", "839", 285);
    stated(&doc, "three_public.vehicle", "0", 286);
    stated(&doc, "three_public.vehicle.purchase", "0", 286);
    stated(&doc, "three_public.vehicle.operation", "0", 286);
    stated(&doc, "three_public.reception", "28.50", 288);
    stated(&doc, "change.three_public.total", "0", 284);
    stated(&doc, "operation_cost", "213.28", 290);
    stated(&doc, "procurement.total", "34", 292);
    stated(&doc, "procurement.goods", "0", 292);
    stated(&doc, "procurement.works", "0", 292);
    stated(&doc, "procurement.services", "34", 292);
    stated(&doc, "procurement.reserved_sme", "34", 293);
    stated(&doc, "procurement.reserved_small_micro", "34", 293);
    let cars = stated(&doc, "assets.vehicles", "0", 298);
    assert_eq!(cars.unit, "辆");
    let eq = stated(&doc, "assets.equipment_over_threshold", "0", 300);
    assert_eq!(eq.unit, "台（套）");
    stated(&doc, "assets.planned_purchase.vehicles", "0", 301);
    // `单价100万元（含）以上`: a threshold, not a figure.
    assert!(!doc.narrative_facts.iter().any(|f| f.value == d("100")));
    // Nothing from the 名词解释 or the project descriptions.
    assert!(doc
        .narrative_facts
        .iter()
        .all(|f| (68..=303).contains(&f.span.line)));
    assert!(!doc.notes.iter().any(|n| n.message.starts_with("narrative")));
}

#[test]
fn shanghai_final_accounts_explanation() {
    let doc = extract("shanghai/text/putuo-finance-2024-final-accounts.txt");
    stated(&doc, "total", "2995.39", 400);
    stated(&doc, "change.total", "-56.95", 401);
    stated(&doc, "change.total.percent", "-1.87", 401);
    stated(&doc, "income.fiscal_appropriation.share", "99.79", 404);
    stated(&doc, "expenditure.general_public.budget", "2993.92", 425);
    stated(&doc, "expenditure.general_public.completion", "98.20", 426);
    // A 科目 item whose figures come in later sentences.
    let f = stated(&doc, "expenditure.function", "1511.89", 430);
    assert_eq!(
        f.subject.as_deref(),
        Some("一般公共服务支出（类）财政事务（款）行政运行（项）")
    );
    stated(&doc, "expenditure.function.budget", "1560.05", 430);
    stated(&doc, "three_public.total.budget", "0.95", 475);
    stated(&doc, "three_public.total", "0.00", 475);
    stated(&doc, "operation_cost", "184.65", 501);
    stated(&doc, "change.operation_cost.percent", "1.40", 501);
    stated(&doc, "procurement.awarded.sme_other", "4.79", 510);
    stated(&doc, "assets.equipment_over_threshold", "2", 515);
    let units: Vec<(&str, Option<&str>)> = doc
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.note.as_deref()))
        .collect();
    assert_eq!(
        units,
        [
            ("上海市普陀区财政局（本级）", None),
            ("上海市普陀区财政局财政所", Some("预算不单列，并入本级")),
            ("上海市普陀区国库收付中心", Some("预算不单列，并入本级")),
        ]
    );
}

/// The characters a span covers.
fn printed(lines: &[yusuan_read::Line], span: &Span) -> String {
    let line = &lines[span.line as usize - 1];
    assert_eq!(line.number, span.line);
    line.text
        .chars()
        .skip(span.column.unwrap() as usize - 1)
        .take(span.length.unwrap() as usize)
        .collect()
}

/// Every figure points at its printed figure; a change in words at its words.
#[test]
fn every_fact_points_at_its_printed_figure() {
    let mut checked = 0;
    for rel in text_documents() {
        let doc = extract(&rel);
        let source = std::fs::read(corpus_dir().join(&rel)).unwrap();
        let lines = yusuan_read::read_bytes(&rel, &source).unwrap().lines;
        for f in &doc.narrative_facts {
            let text = printed(&lines, &f.span);
            if f.worded {
                assert!(
                    ["持平", "无增减", "没有变化"].contains(&text.as_str()),
                    "{rel} L{}: `{text}`",
                    f.span.line
                );
            } else {
                let v = yusuan_extract::amount::parse_amount(&text).map(|a| a.value.abs());
                assert_eq!(
                    v,
                    Some(f.value.abs()),
                    "{rel} L{} {}: `{text}`",
                    f.span.line,
                    f.key
                );
            }
            checked += 1;
        }
        for t in &doc.procurement {
            for r in &t.rows {
                let values = [
                    ("project_budget", r.project_budget),
                    ("quantity", r.quantity),
                    ("unit_price", r.unit_price),
                    ("total", r.total),
                    ("reserved_sme", r.reserved_sme),
                ];
                let sources = r
                    .by_source
                    .iter()
                    .map(|(k, v)| (format!("by_source.{k}"), Some(*v)));
                for (field, v) in values
                    .iter()
                    .map(|(k, v)| (k.to_string(), *v))
                    .chain(sources)
                {
                    let Some(v) = v else { continue };
                    let span = &r.spans[&field];
                    let text = printed(&lines, span);
                    let parsed = yusuan_extract::amount::parse_amount(&text).map(|a| a.value);
                    assert_eq!(parsed, Some(v), "{rel} L{} {field}", span.line);
                    checked += 1;
                }
            }
        }
        for t in &doc.assets {
            for r in &t.rows {
                for (field, v) in [("quantity", r.quantity), ("amount", r.amount)] {
                    let Some(v) = v else { continue };
                    let text = printed(&lines, &r.spans[field]);
                    let parsed = yusuan_extract::amount::parse_amount(&text).map(|a| a.value);
                    assert_eq!(parsed, Some(v), "{rel} {}", r.name);
                    checked += 1;
                }
            }
        }
        for u in &doc.units {
            let text = printed(&lines, &u.span);
            assert!(
                text.contains(&u.name[..u.name.len().min(6)]),
                "{rel}: {}",
                u.name
            );
        }
    }
    assert!(checked > 1500, "only {checked} values checked");
}

/// Keys are from the documented vocabulary: lowercase dotted words.
#[test]
fn keys_are_dotted_words() {
    for rel in text_documents() {
        for f in &extract(&rel).narrative_facts {
            assert!(
                f.key
                    .split('.')
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
                "{rel}: {}",
                f.key
            );
        }
    }
}
