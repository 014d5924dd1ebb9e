# What yusuan prints for people, in English. Every message has its Chinese twin in ../zh/.
# Rule titles and finding messages come from the rule catalogue and are Chinese in both.

## Severities, as in `error[YS201]`.
severity-error = error
severity-warning = warning
severity-info = info

## One diagnostic.
title-separator = {": "}
page = (page { $page })
expected = expected: { $value }
actual = actual: { $value }
difference = difference: { $value }
figure-separator = {", "}
also = also
help = help
blank-taken-as-zero = blank, taken as 0: { $cells }
list-separator = {", "}

## Repeated findings of one rule in one document, grouped.
group-count = ×{ $count }
group-places = { $count ->
    [one] the same finding once more in this document:
   *[other] the same finding { $count } more times in this document:
}
group-omitted = … and { $count } more (--format json lists every finding)

## Summaries.
summary-heading = Summary
findings-heading = Findings of { $path }
count-errors = { $count ->
    [one] 1 error
   *[other] { $count } errors
}
count-warnings = { $count ->
    [one] 1 warning
   *[other] { $count } warnings
}
count-infos = { $count ->
    [one] 1 info
   *[other] { $count } infos
}
no-findings = no findings
document-line = { $path }: { $counts }
# Before a parenthesised note.
note-separator = {" "}
hidden = ({ $count ->
    [one] 1 info
   *[other] { $count } infos
} hidden: --min-severity info shows them)
hidden-below = ({ $count ->
    [one] 1 finding
   *[other] { $count } findings
} below { $severity } hidden: --min-severity info shows them)
not-judged = (not judged: { $what })
not-judged-uncertain = { $count ->
    [one] 1 cell
   *[other] { $count } cells
} whose column is uncertain
not-judged-unreadable = { $count ->
    [one] 1 unreadable table
   *[other] { $count } unreadable tables
}
could-not-be-read = could not be read
total = { $counts } in { $documents ->
    [one] 1 document
   *[other] { $documents } documents
}
total-failed = ; { $files ->
    [one] 1 file
   *[other] { $files } files
} could not be read

## The command line.
error = error: { $message }
note = note: { $message }
no-rule = no rule `{ $rule }`; `yusuan rules` lists the codes and names
ingest-summary = { $stored } stored ({ $inserted } inserted, { $replaced } replaced, { $unchanged } unchanged), { $failed } failed → { $location }
list-id = id
list-file = file
list-format = format
list-year = year
list-kind = kind
list-errors = errors
list-warnings = warnings
list-infos = infos
list-department = department
list-unnamed = (unnamed)
list-total = { $documents ->
    [one] 1 document
   *[other] { $documents } documents
}, { $departments ->
    [one] 1 department
   *[other] { $departments } departments
}
compare-only-in = — only in { $year }
compare-side-income = income
compare-side-expenditure = expenditure
compare-rows = ({ $changed ->
    [one] 1 row changed
   *[other] { $changed } rows changed
}, { $added } added, { $removed } removed; { $unchanged } unchanged)
