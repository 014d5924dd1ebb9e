# yusuan 给人看的输出（中文）。每条消息在 ../en/ 中都有对应的英文。
# 规则标题和问题说明来自规则目录，本来就是中文。

## 严重程度，如 `错误[YS201]`。
severity-error = 错误
severity-warning = 警告
severity-info = 提示

## 一条诊断。
title-separator = {"："}
page = （第 { $page } 页）
expected = 应为：{ $value }
actual = 实际：{ $value }
difference = 差额：{ $value }
figure-separator = {"，"}
also = 另见
help = 帮助
blank-taken-as-zero = 空白，按 0 计：{ $cells }
list-separator = {"、"}

## 同一文档中同一规则的重复问题，合为一组。
group-count = ×{ $count }
group-places = 本文档中同类问题另有 { $count } 处：
group-omitted = …… 另有 { $count } 处（--format json 列出全部问题）

## 汇总。
summary-heading = 概要
findings-heading = { $path } 的问题
count-errors = { $count } 个错误
count-warnings = { $count } 个警告
count-infos = { $count } 条提示
no-findings = 未发现问题
document-line = { $path }：{ $counts }
# Before a parenthesised note.
note-separator = {""}
hidden = （{ $count } 条提示未显示：--min-severity info 可显示）
hidden-below = （{ $count } 条低于“{ $severity }”的问题未显示：--min-severity info 可显示）
not-judged = （未判断：{ $what }）
not-judged-uncertain = { $count } 个栏目不确定的单元格
not-judged-unreadable = { $count } 张无法读取的表
could-not-be-read = 无法读取
total = { $documents } 份文档：{ $counts }
total-failed = ；{ $files } 个文件无法读取

## 命令行。
error = 错误：{ $message }
note = 注意：{ $message }
no-rule = 没有规则 `{ $rule }`；`yusuan rules` 列出全部代码和名称
ingest-summary = 已存入 { $stored } 份（新增 { $inserted }，替换 { $replaced }，未变 { $unchanged }），失败 { $failed } 份 → { $location }
list-id = 编号
list-file = 文件
list-format = 格式
list-year = 年度
list-kind = 类型
list-errors = 错误
list-warnings = 警告
list-infos = 提示
list-department = 部门
list-unnamed = （未识别）
list-total = { $documents } 份文档，{ $departments } 个部门
compare-only-in = — 仅 { $year } 年有
compare-side-income = 收入
compare-side-expenditure = 支出
compare-rows = （变动 { $changed } 行，新增 { $added } 行，删除 { $removed } 行；未变 { $unchanged } 行）
