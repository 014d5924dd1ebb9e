//! The input workbook: the blank template has every sheet and header; a filled one (detail rows
//! only) becomes a full disclosure that passes the checker; bad cells are named.

use std::path::PathBuf;

use calamine::{Data, Reader};
use rust_xlsxwriter::Workbook;
use yusuan_model::{ColumnKey, Decimal, TableKind};
use yusuan_render::{prepare, Template};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-render-wb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn blank_template_has_every_sheet_and_header() {
    let path = temp("template.xlsx");
    yusuan_render::workbook::template(&path).expect("written");
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    let names = wb.sheet_names().to_vec();
    for sheet in [
        "说明",
        "基本信息",
        "收支总表",
        "收入总表",
        "支出总表",
        "财政拨款收支总表",
        "一般公共预算",
        "基本支出",
        "政府性基金",
        "国有资本经营",
        "三公",
        "单位",
        "说明文字",
        "其他说明",
        "绩效目标",
    ] {
        assert!(
            names.iter().any(|n| n == sheet),
            "sheet {sheet} in {names:?}"
        );
    }
    let exp = wb.worksheet_range("支出总表").unwrap();
    let header: Vec<String> = exp
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[2], "基本支出");
    assert_eq!(header[3], "项目支出");
    // Read back blank: the one required sheet is named in the error.
    let err = yusuan_render::workbook::read(&path)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("template.xlsx") && err.contains("支出总表"),
        "{err}"
    );
}

/// A workbook as a department fills the template: detail rows only, names left to the dictionary.
fn filled(path: &PathBuf, bad_amount: bool) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("基本信息").unwrap();
    for (r, (k, v)) in [
        ("部门名称", "上海市普陀区测绘事务中心"),
        ("预算年度", "2024"),
        ("文档类型", "单位预算"),
        ("金额单位", "万元"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, *k).unwrap();
        ws.write_string(r as u32 + 1, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet().set_name("支出总表").unwrap();
    ws.write_string(1, 0, "功能分类科目编码（项，7位）")
        .unwrap();
    ws.write_string(1, 1, "科目名称（可不填）").unwrap();
    ws.write_string(1, 2, "基本支出").unwrap();
    ws.write_string(1, 3, "项目支出").unwrap();
    let rows: [(&str, f64, f64); 4] = [
        ("2080505", 120.55, 0.0),
        ("2080506", 60.27, 0.0),
        ("2101101", 45.10, 0.0),
        ("2210201", 88.00, 30.5),
    ];
    for (i, (code, basic, project)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string(r, 0, *code).unwrap();
        ws.write_number(r, 2, *basic).unwrap();
        if *project > 0.0 {
            ws.write_number(r, 3, *project).unwrap();
        }
    }
    if bad_amount {
        ws.write_string(6, 0, "2210203").unwrap();
        ws.write_string(6, 2, "八十万").unwrap();
    }
    let ws = wb.add_worksheet().set_name("基本支出").unwrap();
    ws.write_string(1, 0, "部门预算支出经济分类科目编码（款，5位）")
        .unwrap();
    ws.write_string(1, 1, "科目名称（可不填）").unwrap();
    ws.write_string(1, 2, "人员经费").unwrap();
    ws.write_string(1, 3, "公用经费").unwrap();
    // 313.92 of basic expenditure: 301 personnel, 302 public use.
    let econ: [(&str, f64, f64); 4] = [
        ("30101", 150.00, 0.0),
        ("30108", 120.55, 0.0),
        ("30201", 0.0, 40.37),
        ("30217", 0.0, 3.00),
    ];
    for (i, (code, p, u)) in econ.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string(r, 0, *code).unwrap();
        if *p > 0.0 {
            ws.write_number(r, 2, *p).unwrap();
        }
        if *u > 0.0 {
            ws.write_number(r, 3, *u).unwrap();
        }
    }
    let ws = wb.add_worksheet().set_name("三公").unwrap();
    ws.write_string(1, 0, "项目").unwrap();
    ws.write_string(1, 1, "金额").unwrap();
    for (i, (label, v)) in [
        ("因公出国（境）费", 0.0),
        ("公务用车购置费", 0.0),
        ("公务用车运行维护费", 0.0),
        ("公务接待费", 3.0),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(i as u32 + 2, 0, *label).unwrap();
        ws.write_number(i as u32 + 2, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet().set_name("说明文字").unwrap();
    ws.write_string(1, 0, "部门职责").unwrap();
    ws.write_string(1, 1, "负责本区基础测绘和地理信息服务。")
        .unwrap();
    ws.write_string(2, 0, "three_public").unwrap();
    ws.write_string(2, 1, "保障必要的业务交流接待").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn filled_workbook_renders_a_disclosure_without_findings() {
    let path = temp("filled.xlsx");
    filled(&path, false);
    let (input, _missing) = yusuan_render::workbook::read(&path).expect("readable");
    let exp = input
        .disclosure
        .tables
        .iter()
        .find(|t| t.kind == TableKind::Expenditure)
        .unwrap();
    // Names from the 2024 dictionary; amounts exact to the cent.
    assert_eq!(exp.rows[0].name, "机关事业单位基本养老保险缴费支出");
    assert_eq!(
        exp.rows[3].cells[&ColumnKey::PROJECT],
        "30.50".parse::<Decimal>().unwrap()
    );
    for template in [Template::Hebei, Template::Shanghai] {
        let doc = prepare(&input, None, template).expect("derivable");
        assert_eq!(doc.disclosure.tables.len(), 9);
        let findings = yusuan_rules::check(&doc.disclosure);
        assert!(findings.is_empty(), "{findings:#?}");
        // The rendered text, read back, still has nothing to report.
        let text = yusuan_render::text::render(&doc);
        if let Some(dir) = std::env::var_os("YUSUAN_RENDER_DUMP") {
            let _ = std::fs::write(
                PathBuf::from(dir).join(format!("wb-{template:?}.txt")),
                &text,
            );
        }
        assert!(text.contains("负责本区基础测绘和地理信息服务。"));
        assert!(text.contains("主要原因是保障必要的业务交流接待。"));
        let read = yusuan_read::read_bytes("filled.txt", text.as_bytes()).unwrap();
        let again = yusuan_extract::extract(&read);
        let findings: Vec<String> = yusuan_rules::check(&again)
            .into_iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        assert!(findings.is_empty(), "{template:?}: {findings:#?}");
        let gp = again
            .tables
            .iter()
            .find(|t| t.kind == TableKind::GeneralPublicExpenditure)
            .unwrap();
        let total = gp.rows.iter().find(|r| r.is_total).unwrap();
        assert_eq!(
            total.cells[&ColumnKey::TOTAL],
            "344.42".parse::<Decimal>().unwrap()
        );
    }
}

#[test]
fn a_word_where_an_amount_belongs_is_named_with_its_cell() {
    let path = temp("bad.xlsx");
    filled(&path, true);
    let err = yusuan_render::workbook::read(&path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("支出总表!C7"), "{err}");
    assert!(err.contains("八十万"), "{err}");
    let _ = Data::Empty;
}
